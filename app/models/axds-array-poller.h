/* axds-array-poller.h — keeps a list model of the machine's shared arrays up to date
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "axds-array-item.h"

G_BEGIN_DECLS

#define AXDS_TYPE_ARRAY_POLLER (axds_array_poller_get_type ())

G_DECLARE_FINAL_TYPE (AxdsArrayPoller, axds_array_poller, AXDS, ARRAY_POLLER, GObject)

AxdsArrayPoller *axds_array_poller_new          (void);
GListModel      *axds_array_poller_get_model    (AxdsArrayPoller *self);
gboolean         axds_array_poller_refresh      (AxdsArrayPoller *self,
                                                 GError         **error);
void             axds_array_poller_set_interval (AxdsArrayPoller *self,
                                                 guint            interval_ms);
guint            axds_array_poller_get_interval (AxdsArrayPoller *self);
void             axds_array_poller_add_raw      (AxdsArrayPoller *self,
                                                 AxdsArrayItem   *item);
AxdsArrayItem   *axds_array_poller_find         (AxdsArrayPoller *self,
                                                 const char      *name,
                                                 guint           *position);

G_END_DECLS

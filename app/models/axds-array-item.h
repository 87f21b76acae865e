/* axds-array-item.h — one shared array as the live list shows it
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "axds.h"

G_BEGIN_DECLS

#define AXDS_TYPE_ARRAY_ITEM (axds_array_item_get_type ())

G_DECLARE_FINAL_TYPE (AxdsArrayItem, axds_array_item, AXDS, ARRAY_ITEM, GObject)

AxdsArrayItem   *axds_array_item_new_from_info   (const AxdsSharedArrayInfo *info);
AxdsArrayItem   *axds_array_item_new_raw         (const char                *name,
                                                  AxdsDtype                  dtype,
                                                  guint                      ndim,
                                                  const guint64             *shape);
void             axds_array_item_update          (AxdsArrayItem             *self,
                                                  const AxdsSharedArrayInfo *info,
                                                  gint64                     now_us);
const char      *axds_array_item_get_name        (AxdsArrayItem             *self);
AxdsDtype        axds_array_item_get_dtype       (AxdsArrayItem             *self);
guint            axds_array_item_get_ndim        (AxdsArrayItem             *self);
const guint64   *axds_array_item_get_shape       (AxdsArrayItem             *self);
guint64          axds_array_item_get_n_elements  (AxdsArrayItem             *self);
guint64          axds_array_item_get_nbytes      (AxdsArrayItem             *self);
gint64           axds_array_item_get_owner_pid   (AxdsArrayItem             *self);
gboolean         axds_array_item_get_owner_alive (AxdsArrayItem             *self);
gint64           axds_array_item_get_creation_time (AxdsArrayItem           *self);
guint64          axds_array_item_get_write_count (AxdsArrayItem             *self);
double           axds_array_item_get_rate        (AxdsArrayItem             *self);
gboolean         axds_array_item_get_is_raw      (AxdsArrayItem             *self);
AxdsSharedArray *axds_array_item_open            (AxdsArrayItem             *self,
                                                  GError                   **error);

G_END_DECLS

/* axds-logger-list.h — every data logger on the machine, read from their queues
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "models/axds-logger-item.h"

G_BEGIN_DECLS

#define AXDS_TYPE_LOGGER_LIST (axds_logger_list_get_type ())

G_DECLARE_FINAL_TYPE (AxdsLoggerList, axds_logger_list, AXDS, LOGGER_LIST, GObject)

AxdsLoggerList *axds_logger_list_new       (void);
GListModel     *axds_logger_list_get_model (AxdsLoggerList  *self);
gboolean        axds_logger_list_refresh   (AxdsLoggerList  *self,
                                            GError         **error);
AxdsLoggerItem *axds_logger_list_find      (AxdsLoggerList  *self,
                                            const char      *name,
                                            guint           *position);

G_END_DECLS

/* axds-logger-item.h — one data logger on the machine, its statistics and recent rates
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "axds.h"

#include "models/axds-history.h"

G_BEGIN_DECLS

#define AXDS_TYPE_LOGGER_ITEM (axds_logger_item_get_type ())

G_DECLARE_FINAL_TYPE (AxdsLoggerItem, axds_logger_item, AXDS, LOGGER_ITEM, GObject)

AxdsLoggerItem          *axds_logger_item_new              (const char              *name);
const char              *axds_logger_item_get_name         (AxdsLoggerItem          *self);
const AxdsLogQueueStats *axds_logger_item_get_stats        (AxdsLoggerItem          *self);
void                     axds_logger_item_update           (AxdsLoggerItem          *self,
                                                            const AxdsLogQueueStats *stats,
                                                            gint64                   now_us);
gboolean                 axds_logger_item_get_alive        (AxdsLoggerItem          *self);
double                   axds_logger_item_get_message_rate (AxdsLoggerItem          *self);
double                   axds_logger_item_get_byte_rate    (AxdsLoggerItem          *self);
AxdsHistory             *axds_logger_item_get_message_history (AxdsLoggerItem       *self);
AxdsHistory             *axds_logger_item_get_byte_history (AxdsLoggerItem          *self);
guint                    axds_logger_item_get_revision     (AxdsLoggerItem          *self);

G_END_DECLS

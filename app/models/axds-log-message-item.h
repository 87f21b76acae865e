/* axds-log-message-item.h — one message of a log source, as a list row sees it
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "axds-log-source.h"

G_BEGIN_DECLS

#define AXDS_TYPE_LOG_MESSAGE_ITEM (axds_log_message_item_get_type ())

G_DECLARE_FINAL_TYPE (AxdsLogMessageItem, axds_log_message_item, AXDS, LOG_MESSAGE_ITEM, GObject)

AxdsLogMessageItem *axds_log_message_item_new          (AxdsLogSource      *source,
                                                        guint               index);
AxdsLogSource      *axds_log_message_item_get_source   (AxdsLogMessageItem *self);
guint               axds_log_message_item_get_index    (AxdsLogMessageItem *self);
guint64             axds_log_message_item_get_elapsed  (AxdsLogMessageItem *self);
GBytes             *axds_log_message_item_get_payload  (AxdsLogMessageItem *self,
                                                        GError            **error);

G_END_DECLS

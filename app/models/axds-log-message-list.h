/* axds-log-message-list.h — the messages of a log source as a list model made on demand
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "axds-log-message-item.h"

G_BEGIN_DECLS

#define AXDS_TYPE_LOG_MESSAGE_LIST (axds_log_message_list_get_type ())

G_DECLARE_FINAL_TYPE (AxdsLogMessageList, axds_log_message_list, AXDS, LOG_MESSAGE_LIST, GObject)

AxdsLogMessageList *axds_log_message_list_new        (AxdsLogSource      *source);
AxdsLogSource      *axds_log_message_list_get_source (AxdsLogMessageList *self);

G_END_DECLS

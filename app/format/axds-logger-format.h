/* axds-logger-format.h — the text the Loggers page shows for a logger's statistics
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "axds.h"

G_BEGIN_DECLS

char       *axds_format_logger_state     (AxdsLoggerState  state,
                                          gboolean         alive);
const char *axds_format_logger_state_css (AxdsLoggerState  state,
                                          gboolean         alive);
char       *axds_format_message_rate     (double           per_second);
char       *axds_format_byte_rate        (double           bytes_per_second);
char       *axds_format_file_rate        (double           per_second);
char       *axds_format_queue_depth      (guint64          depth,
                                          guint64          capacity);
char       *axds_format_disk_space       (guint64          free_bytes,
                                          guint64          reserve_bytes);
char       *axds_format_disk_alarm       (guint64          free_bytes,
                                          guint64          reserve_bytes,
                                          const char      *folder);
char       *axds_format_heartbeat        (gint64           heartbeat_us,
                                          gint64           now_us);
char       *axds_format_process          (gint64           pid,
                                          gboolean         alive);

G_END_DECLS

/* axds-log-format.h — the text and the rates the Archives page shows for log messages
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define AXDS_HEX_DUMP_LIMIT (64 * 1024)

char    *axds_format_hex_dump        (const guint8  *data,
                                      gsize          len,
                                      gsize          limit,
                                      guint          per_line);
char    *axds_format_utc_us          (guint64        microseconds);
char    *axds_format_utc_us_near     (guint64        microseconds,
                                      guint64        reference_us);
char    *axds_format_elapsed_us      (guint64        microseconds);
char    *axds_format_log_duration    (guint64        microseconds);
guint64  axds_log_rate_bin_width     (guint64        span_us,
                                      guint          max_bins);
guint    axds_log_rate_bin           (const guint64 *elapsed,
                                      gsize          n,
                                      guint64        start_us,
                                      guint64        bin_width_us,
                                      guint          n_bins,
                                      guint64       *counts);

G_END_DECLS

/* axds-format.h — small pure functions that turn values into the text the monitor shows
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *axds_format_bytes      (guint64        nbytes);
char *axds_format_shape      (guint          ndim,
                              const guint64 *shape);
char *axds_format_rate       (double         per_second);
char *axds_format_owner      (gint64         pid,
                              gboolean       alive);
char *axds_format_value      (double         value);
char *axds_format_count      (guint64        count);
char *axds_format_age        (double         seconds);
char *axds_format_summary    (const char    *dtype,
                              const char    *shape,
                              guint64        nbytes);
char *axds_format_home_path  (const char    *text,
                              const char    *home);
char *axds_format_path       (const char    *text);
char *axds_parse_home_path   (const char    *text,
                              const char    *home);

G_END_DECLS

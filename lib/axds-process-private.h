/* axds-process-private.h — process helpers shared inside the library
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

#include "axds-process.h"

G_BEGIN_DECLS

/* Field 22 of /proc/PID/stat (the start time, clock ticks after boot); 0 when unknown. */
guint64          _axds_pid_get_start_time              (gint64      pid);
/* `scheme:id` of the batch scheduler's job, or `pid:N`. */
char            *_axds_process_dup_default_executor_id (void);
char            *_axds_process_find_helper             (const char  *name,
                                                        const char  *build_subdir);
gboolean         _axds_process_spawn_helper            (char       **argv,
                                                        GPid        *pid,
                                                        GError     **error);

G_END_DECLS

/* axds-process.h — whether a process recorded in a shared header still runs
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(AXDS_INSIDE) && !defined(AXDS_COMPILATION)
# error "Only <axds.h> can be included directly."
#endif

#include <glib.h>

#include "axds-version.h"

G_BEGIN_DECLS

AXDS_AVAILABLE_IN_ALL
gboolean          axds_pid_is_alive                 (gint64                      pid,
                                                     guint64                     start_time);

G_END_DECLS

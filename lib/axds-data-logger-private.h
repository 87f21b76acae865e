/* axds-data-logger-private.h — the logger process, run by the axds-logger helper
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "axds-data-logger.h"

G_BEGIN_DECLS

/* Exit statuses of the logger process. */
enum
{
  AXDS_LOGGER_EXIT_OK            = 0,  /* every message written */
  AXDS_LOGGER_EXIT_WRITES_FAILED = 1,  /* some messages could not be written (counted) */
  AXDS_LOGGER_EXIT_SETUP_FAILED  = 2,  /* no queue, no output folder, … */
  AXDS_LOGGER_EXIT_CORRUPT       = 3,  /* the queue was corrupted under it */
};

int _axds_data_logger_process_main (const char *queue_name);

G_END_DECLS

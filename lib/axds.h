/* axds.h — the umbrella header of libaxds
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

#define AXDS_INSIDE
# include "axds-version.h"
# include "axds-enum-types.h"
# include "axds-error.h"
# include "axds-dtype.h"
# include "axds-process.h"
# include "axds-shared-array.h"
# include "axds-npy.h"
# include "axds-log-queue.h"
# include "axds-data-logger.h"
# include "axds-log-archive.h"
# include "axds-zip.h"
# include "axds-tracker-job.h"
# include "axds-tracker.h"
# include "axds-yaml-config.h"
# include "axds-progress.h"
# include "axds-checksum.h"
# include "axds-transfer.h"
# include "axds-filesystem.h"
# include "axds-interpolate.h"
#undef AXDS_INSIDE

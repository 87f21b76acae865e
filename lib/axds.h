/* axds.h — the umbrella header of libaxds
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#define AXDS_INSIDE
# include "axds-version.h"
# include "axds-error.h"
# include "axds-dtype.h"
# include "axds-shared-array.h"
# include "axds-tracker-job.h"
# include "axds-tracker.h"
# include "axds-yaml-config.h"
#undef AXDS_INSIDE

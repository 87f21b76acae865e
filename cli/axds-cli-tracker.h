/* axds-cli-tracker.h — `axds tracker`: processing-job trackers
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "axds-cli.h"

G_BEGIN_DECLS

extern const AxdsCliGroup axds_cli_tracker_group;

G_END_DECLS

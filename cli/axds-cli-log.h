/* axds-cli-log.h — internals of the `axds log` command group
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "axds-cli.h"

G_BEGIN_DECLS

extern const AxdsCliGroup axds_cli_log_group;

G_END_DECLS

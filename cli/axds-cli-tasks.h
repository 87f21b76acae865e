/* axds-cli-tasks.h — `axds checksum`, `axds transfer` and `axds delete`
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "axds-cli.h"

G_BEGIN_DECLS

/* Each is a group with a single command of the same name, run as `axds checksum DIR`. */
extern const AxdsCliGroup axds_cli_checksum_group;
extern const AxdsCliGroup axds_cli_transfer_group;
extern const AxdsCliGroup axds_cli_delete_group;

G_END_DECLS

/* axds-cli-shm.h — internals shared by the files of the `axds shm` command group
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "axds-cli.h"

G_BEGIN_DECLS

extern const AxdsCliGroup axds_cli_shm_group;

/* How long `axds shm set` and the demo wait for a lock held by a live process. */
#define AXDS_CLI_LOCK_TIMEOUT_US (5 * G_USEC_PER_SEC)

int axds_cli_shm_demo (const AxdsCliInvocation *invocation,
                       int                      argc,
                       char                   **argv);

G_END_DECLS

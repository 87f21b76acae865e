/* axds-tracker-private.h — tracker internals shared with the tests
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "axds-tracker.h"

G_BEGIN_DECLS

/* The lock on "<path>.lock": returns the locked descriptor, or -1 with @error set. */
int              _axds_tracker_lock_acquire     (AxdsTracker         *self,
                                                 GError             **error);
void             _axds_tracker_lock_release     (int                  fd);

G_END_DECLS

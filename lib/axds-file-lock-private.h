/* axds-file-lock-private.h — the cross-process lock on a ".lock" file, compatible with filelock
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What _axds_file_lock_acquire() returns when _AXDS_FILE_LOCK_READ_ONLY_OK let it go unlocked. */
#define _AXDS_FILE_LOCK_NONE (-2)

typedef enum
{
  _AXDS_FILE_LOCK_DEFAULT       = 0,
  /* Make the lock file's folder when it does not exist yet (a first writer). */
  _AXDS_FILE_LOCK_CREATE_FOLDER = 1 << 0,
  /* A reader in a read-only place (no permission to create the lock file) goes unlocked. */
  _AXDS_FILE_LOCK_READ_ONLY_OK  = 1 << 1,
} _AxdsFileLockFlags;

int              _axds_file_lock_acquire        (const char          *lock_path,
                                                 gint64               timeout_us,
                                                 _AxdsFileLockFlags   flags,
                                                 GError             **error);
void             _axds_file_lock_release        (int                  fd);

G_END_DECLS

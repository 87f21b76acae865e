/* axds-error-private.h — errors shared inside libaxds
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What failed on a file, for _axds_set_file_error (): each is one whole translatable sentence. */
typedef enum
{
  _AXDS_FILE_OPEN,
  _AXDS_FILE_INSPECT,
  _AXDS_FILE_READ,
  _AXDS_FILE_WRITE,
  _AXDS_FILE_CREATE,
  _AXDS_FILE_CREATE_FOLDER,
  _AXDS_FILE_CREATE_TEMPORARY,
  _AXDS_FILE_REPLACE,
  _AXDS_FILE_FLUSH,
  _AXDS_FILE_CLOSE,
} _AxdsFileOp;

gboolean _axds_set_error_from_errno (GError     **error,
                                     int          saved_errno,
                                     const char  *format,
                                     ...) G_GNUC_PRINTF (3, 4);
gboolean _axds_set_file_error       (GError     **error,
                                     int          saved_errno,
                                     _AxdsFileOp  op,
                                     const char  *path);

G_END_DECLS

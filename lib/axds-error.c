/* axds-error.c
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "axds-error.h"
#include "axds-error-private.h"
#include "axds-i18n-private.h"

/**
 * axds_error_quark:
 *
 * The quark of the %AXDS_ERROR domain.
 *
 * Returns: the quark
 */
G_DEFINE_QUARK (axds-error-quark, axds_error)

/**
 * axds_get_version_string:
 *
 * The version of the library the program runs with, which may be newer than the headers' it
 * was built with (%AXDS_VERSION_S).
 *
 * Returns: the version, e.g. `0.1.0`
 */
const char *
axds_get_version_string (void)
{
  return AXDS_VERSION_S;
}

/* Sets a %G_IO_ERROR for @saved_errno whose message is the formatted text, a colon and
 * strerror(); returns %FALSE so that callers can `return` it. */
gboolean
_axds_set_error_from_errno (GError     **error,
                            int          saved_errno,
                            const char  *format,
                            ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s: %s", msg,
               g_strerror (saved_errno));
  return FALSE;
}

/* A %G_IO_ERROR for @saved_errno: "Cannot OP 'PATH': strerror()". */
gboolean
_axds_set_file_error (GError      **error,
                      int           saved_errno,
                      _AxdsFileOp   op,
                      const char   *path)
{
  int code = g_io_error_from_errno (saved_errno);
  const char *reason = g_strerror (saved_errno);

  switch (op)
    {
    case _AXDS_FILE_OPEN:
      g_set_error (error, G_IO_ERROR, code, _("Cannot open '%s': %s"), path, reason);
      break;
    case _AXDS_FILE_INSPECT:
      g_set_error (error, G_IO_ERROR, code, _("Cannot inspect '%s': %s"), path, reason);
      break;
    case _AXDS_FILE_READ:
      g_set_error (error, G_IO_ERROR, code, _("Cannot read '%s': %s"), path, reason);
      break;
    case _AXDS_FILE_WRITE:
      g_set_error (error, G_IO_ERROR, code, _("Cannot write '%s': %s"), path, reason);
      break;
    case _AXDS_FILE_CREATE:
      g_set_error (error, G_IO_ERROR, code, _("Cannot create '%s': %s"), path, reason);
      break;
    case _AXDS_FILE_CREATE_FOLDER:
      g_set_error (error, G_IO_ERROR, code, _("Cannot create the folder of '%s': %s"), path,
                   reason);
      break;
    case _AXDS_FILE_CREATE_TEMPORARY:
      g_set_error (error, G_IO_ERROR, code, _("Cannot create a temporary file for '%s': %s"),
                   path, reason);
      break;
    case _AXDS_FILE_REPLACE:
      g_set_error (error, G_IO_ERROR, code, _("Cannot replace '%s': %s"), path, reason);
      break;
    case _AXDS_FILE_FLUSH:
      g_set_error (error, G_IO_ERROR, code, _("Cannot flush '%s': %s"), path, reason);
      break;
    case _AXDS_FILE_CLOSE:
      g_set_error (error, G_IO_ERROR, code, _("Cannot close '%s': %s"), path, reason);
      break;
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

/* axds-error.c
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "axds-error.h"
#include "axds-error-private.h"

G_DEFINE_QUARK (axds-error-quark, axds_error)

const char *
axds_get_version_string (void)
{
  return AXDS_VERSION_S;
}

/* A %G_IO_ERROR for @saved_errno whose message is the formatted text, a colon and strerror(). */
GError *
_axds_error_new_from_errno (int         saved_errno,
                            const char *format,
                            ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  return g_error_new (G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s: %s", msg,
                      g_strerror (saved_errno));
}

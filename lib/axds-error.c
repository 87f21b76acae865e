/* axds-error.c
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "axds-error.h"

G_DEFINE_QUARK (axds-error-quark, axds_error)

const char *
axds_get_version_string (void)
{
  return AXDS_VERSION_S;
}

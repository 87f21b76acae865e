/* axds-error-private.h — errors shared inside libaxds
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GError *_axds_error_new_from_errno (int         saved_errno,
                                    const char *format,
                                    ...) G_GNUC_PRINTF (2, 3);

G_END_DECLS

/* axds-i18n.h — gettext set-up of the axds and axds-monitor programs
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void axds_i18n_init (void);

G_END_DECLS

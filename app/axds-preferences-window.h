/* axds-preferences-window.h — the Preferences window
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define AXDS_TYPE_PREFERENCES_WINDOW (axds_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (AxdsPreferencesWindow, axds_preferences_window, AXDS, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

AxdsPreferencesWindow *axds_preferences_window_new (GtkWindow *parent);

G_END_DECLS

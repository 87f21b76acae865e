/* axds-screenshot.h — saves PNG screenshots of each page in demo mode
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "axds-window.h"
#include "demo/axds-demo.h"

G_BEGIN_DECLS

gboolean  axds_screenshot_save_widget (GtkWidget   *widget,
                                       const char  *path,
                                       GError     **error);
void      axds_screenshot_run         (AxdsWindow  *window,
                                       AxdsDemo    *demo,
                                       const char  *folder);

G_END_DECLS

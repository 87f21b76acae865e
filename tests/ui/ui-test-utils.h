/* ui-test-utils.h — setting up, waiting and pixel sampling shared by the monitor's GTK tests
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "axds-application.h"
#include "axds-screenshot.h"
#include "axds-test-utils.h"
#include "axds-window.h"

G_BEGIN_DECLS

/* --- setting up ------------------------------------------------------------------------------ */

void        ui_test_init        (int         *argc,
                                 char      ***argv,
                                 const char  *demo_prefix);
GtkWindow  *ui_test_show_page   (GtkWidget   *page);

typedef void (*UiTestDriver) (AxdsWindow *window,
                              gpointer    data);

void        ui_test_run_app     (AxdsApplication *app,
                                 const char      *arg,
                                 UiTestDriver     driver,
                                 gpointer         data);

/* --- waiting and looking --------------------------------------------------------------------- */

gboolean    ui_widget_ready_cb  (gpointer     data);
void        ui_wait_painted     (GtkWidget   *widget);
GdkTexture *ui_render_widget    (GtkWidget   *widget);
guint       ui_count_pixels     (GdkTexture  *texture,
                                 guint32      color,
                                 int          tolerance);
guint32     ui_pixel_at         (GdkTexture  *texture,
                                 int          x,
                                 int          y);
void        ui_maybe_shoot      (GtkWidget   *widget,
                                 const char  *name);

G_END_DECLS

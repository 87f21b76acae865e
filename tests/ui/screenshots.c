/* screenshots.c — axds-monitor-screenshots: the README's and the metainfo's pictures
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Runs the monitor as main.c does, and once its window is up hands it to the screenshot
 * driver, which walks it through the demo from outside: the application knows nothing of
 * screenshots. `meson compile -C _build screenshots` runs this under Xvfb (tests/ui/meson.build). */

#include "config.h"

#include <stdio.h>

#include "axds-application.h"
#include "axds-screenshot.h"
#include "format/axds-i18n.h"

static void
activate_cb (GApplication *app,
             const char   *folder)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  /* Only the first activation has the shots to take. */
  g_signal_handlers_disconnect_by_func (app, activate_cb, (gpointer) folder);
  if (!AXDS_IS_WINDOW (window))
    {
      g_printerr ("axds-monitor-screenshots: the monitor opened no window\n");
      g_application_quit (app);
      return;
    }
  axds_screenshot_run (AXDS_WINDOW (window), axds_application_get_demo (AXDS_APPLICATION (app)),
                       folder);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AxdsApplication) app = NULL;

  if (argc != 2)
    {
      fprintf (stderr, "Usage: %s FOLDER\nSaves PNG screenshots of the monitor on its demo.\n",
               argv[0]);
      return 2;
    }

  axds_i18n_init ();
  app = axds_application_new (G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), argv[1]);

  return g_application_run (G_APPLICATION (app), 1, argv);
}

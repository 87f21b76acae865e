/* test-i18n.c — the monitor's strings looked up under the German translation
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The machine may have no German locale installed: LANGUAGE=de over the always present
 * C.UTF-8 locale is enough for gettext, and the catalogue comes from the build tree
 * (AXDS_MONITOR_LOCALEDIR/de/LC_MESSAGES/axds-monitor.mo), so nothing needs to be installed. */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "axds-application.h"
#include "format/axds-format.h"
#include "format/axds-i18n.h"
#include "axds-raw-dialog.h"

static void
test_code_strings (void)
{
  g_autofree char *rate = axds_format_rate (0);
  g_autofree char *owner = axds_format_owner (42, TRUE);
  g_autofree char *shape = axds_format_shape (0, NULL);

  g_assert_cmpstr (rate, ==, "inaktiv");
  g_assert_cmpstr (owner, ==, "PID 42 · läuft");
  g_assert_cmpstr (shape, ==, "Skalar");
  g_assert_cmpstr (_("Demo acquisition started"), ==, "Demo-Erfassung gestartet");
  g_assert_cmpstr (ngettext ("%u array", "%u arrays", 1), ==, "%u Array");
  g_assert_cmpstr (ngettext ("%u array", "%u arrays", 5), ==, "%u Arrays");
}

static void
test_template_strings (void)
{
  AxdsRawDialog *dialog = axds_raw_dialog_new (NULL);

  /* Templates are translated through the application's text domain. */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "An Rohpuffer anbinden");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  const char *po_dir = g_getenv ("AXDS_MONITOR_LOCALEDIR");

  g_setenv ("LANGUAGE", "de", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  axds_i18n_init ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  if (po_dir == NULL || setlocale (LC_MESSAGES, NULL) == NULL)
    {
      g_test_skip ("needs AXDS_MONITOR_LOCALEDIR and the C.UTF-8 locale");
      return g_test_run ();
    }

  g_test_add_func ("/axds/ui/i18n/code-strings", test_code_strings);
  g_test_add_func ("/axds/ui/i18n/template-strings", test_template_strings);

  return g_test_run ();
}

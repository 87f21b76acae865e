/* main.c — the axds-monitor program
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "axds-application.h"
#include "format/axds-i18n.h"

/* Run from the build tree (`./_build/app/axds-monitor`), the schema is not installed yet: use
 * the one compiled into the build tree's data folder, before anything reads settings.
 * Installed, there is no such folder next to the binary and the system's schemas are used. */
static void
use_build_tree_schema (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *compiled = NULL;
  const char *current = g_getenv ("GSETTINGS_SCHEMA_DIR");

  if (exe == NULL)
    return;
  dir = g_path_get_dirname (exe);
  data_dir = g_build_filename (dir, "..", "data", NULL);
  compiled = g_build_filename (data_dir, "gschemas.compiled", NULL);
  if (!g_file_test (compiled, G_FILE_TEST_EXISTS))
    return;

  if (current != NULL && *current != '\0')
    {
      g_autofree char *value = g_strconcat (data_dir, G_SEARCHPATH_SEPARATOR_S, current, NULL);
      g_setenv ("GSETTINGS_SCHEMA_DIR", value, TRUE);
    }
  else
    {
      g_setenv ("GSETTINGS_SCHEMA_DIR", data_dir, TRUE);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AxdsApplication) app = NULL;

  axds_i18n_init ();
  use_build_tree_schema ();

  app = axds_application_new (G_APPLICATION_DEFAULT_FLAGS);

  return g_application_run (G_APPLICATION (app), argc, argv);
}

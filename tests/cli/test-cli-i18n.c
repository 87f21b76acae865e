/* test-cli-i18n.c — the axds tool and libaxds speak German under LANGUAGE=de
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * The built axds runs with the environment `meson test` gives it, which points
 * AXDS_MONITOR_LOCALEDIR and AXDS_LIB_LOCALEDIR at the build tree's catalogues (see
 * app/axds-i18n.c), so nothing needs to be installed. The machine may have no German locale:
 * LANGUAGE=de over the always present C.UTF-8 locale is enough for gettext.
 *
 * A failed checksum shows both catalogues at once: the tool's own words around the library's
 * message, each from its own text domain.
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib.h>

#include "cli-test-utils.h"

static void
test_checksum_error (void)
{
  g_autoptr(Result) r = run_axds ("checksum", "/nonexistent");

  /* The tool's words (domain axds-monitor), then the library's (domain axds-1). */
  assert_failure (r, 1, "Prüfsummenberechnung fehlgeschlagen: ");
  assert_failure (r, 1, "Das Verzeichnis „/nonexistent“ kann nicht geöffnet werden");
  g_assert_null (strstr (r->err, "Checksum failed"));
  g_assert_null (strstr (r->err, "Cannot open directory"));
}

static void
test_usage_error (void)
{
  g_autoptr(Result) r = run_axds ("shm", "show");

  assert_failure (r, 2, "Argumente fehlen");
  g_assert_nonnull (strstr (r->err, "Mehr Informationen mit „axds shm show --help“."));
}

/* The library's messages that a command passes on unchanged are German too. */
static void
test_library_error (void)
{
  g_autoptr(Result) r = run_axds ("shm", "create", "axds-cli-i18n-bad", "--dtype", "<f8",
                                  "--shape", "0");

  assert_failure (r, 2, "Ungültige Form");
}

/* Without LANGUAGE the same catalogues leave the C locale in English. */
static void
test_english (void)
{
  g_autoptr(Result) r = NULL;

  g_setenv ("LANGUAGE", "", TRUE);
  r = run_axds ("checksum", "/nonexistent");
  g_setenv ("LANGUAGE", "de", TRUE);
  assert_failure (r, 1, "Checksum failed: Cannot open directory “/nonexistent”");
}

static void
test_skip (gconstpointer reason)
{
  g_test_skip (reason);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("AXDS_MONITOR_LOCALEDIR") == NULL || g_getenv ("AXDS_LIB_LOCALEDIR") == NULL)
    {
      g_test_add_data_func ("/axds/cli/i18n/skip", "needs AXDS_MONITOR_LOCALEDIR and "
                            "AXDS_LIB_LOCALEDIR: run it with meson test", test_skip);
      return g_test_run ();
    }
  if (setlocale (LC_ALL, "C.UTF-8") == NULL)
    {
      g_test_add_data_func ("/axds/cli/i18n/skip", "the C.UTF-8 locale is missing", test_skip);
      return g_test_run ();
    }
  /* For the tool this test runs: its language, in a locale every glibc has. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "de", TRUE);

  g_test_add_func ("/axds/cli/i18n/checksum-error", test_checksum_error);
  g_test_add_func ("/axds/cli/i18n/usage-error", test_usage_error);
  g_test_add_func ("/axds/cli/i18n/library-error", test_library_error);
  g_test_add_func ("/axds/cli/i18n/english", test_english);

  return g_test_run ();
}

/* fuzz-replay.c — runs a fuzz harness over saved inputs, without libFuzzer
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `fuzz-replay-NAME DIR_OR_FILE…` feeds every file (folders: every file in them, sorted) to the
 * harness's LLVMFuzzerTestOneInput(), as libFuzzer does when given files. Linked with each
 * harness in the normal build, so that `meson test` replays the seed corpora and every input
 * that once crashed (tests/fuzz/regressions/) under gcc, and under the gcc sanitizer build.
 */

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static guint n_inputs;

static void
replay_file (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  uint8_t *copy;

  if (!g_file_get_contents (path, &contents, &len, &error))
    {
      g_printerr ("%s\n", error->message);
      exit (1);
    }
  /* An exact-size copy, so that reading one byte too far is caught by the sanitizers. */
  copy = g_memdup2 (contents, len);
  LLVMFuzzerTestOneInput (copy, len);
  g_free (copy);
  n_inputs++;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static void
replay_path (const char *path)
{
  g_autoptr(GPtrArray) names = NULL;
  GDir *dir;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      replay_file (path);
      return;
    }
  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    return;
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_build_filename (path, name, NULL));
  g_dir_close (dir);
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    replay_path (g_ptr_array_index (names, i));
}

int
main (int    argc,
      char **argv)
{
  if (argc < 2)
    {
      g_printerr ("Usage: %s DIR_OR_FILE…\n", argv[0]);
      return 2;
    }
  for (int i = 1; i < argc; i++)
    {
      if (!g_file_test (argv[i], G_FILE_TEST_EXISTS))
        continue;   /* a harness may have no regression inputs yet */
      replay_path (argv[i]);
    }
  printf ("%u inputs replayed without a finding\n", n_inputs);
  /* No input at all means a wrong path, not a pass. */
  return n_inputs > 0 ? 0 : 1;
}

/* fuzz-common.h — shared plumbing of the libFuzzer harnesses
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each harness defines LLVMFuzzerTestOneInput(). Built with clang and -fsanitize=fuzzer it is a
 * fuzzer; built with fuzz-replay.c (gcc, the normal build) it replays the seed corpus and the
 * regression inputs as a meson test. Everything a harness needs once (types, a scratch folder)
 * is made on first use, so both drivers work without LLVMFuzzerInitialize().
 */

#pragma once

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* A check on what a parser returned: a wrong answer is a finding, like a crash. */
#define FUZZ_CHECK(cond)                                                                     \
  G_STMT_START                                                                               \
  {                                                                                          \
    if (G_UNLIKELY (!(cond)))                                                                \
      {                                                                                      \
        g_printerr ("%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);                 \
        abort ();                                                                            \
      }                                                                                      \
  }                                                                                          \
  G_STMT_END

static char *fuzz_scratch_dir;

static inline void
fuzz_remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            fuzz_remove_tree (child);
          else
            g_unlink (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

static inline void
fuzz_cleanup (void)
{
  if (fuzz_scratch_dir != NULL)
    fuzz_remove_tree (fuzz_scratch_dir);
  g_clear_pointer (&fuzz_scratch_dir, g_free);
}

/* Criticals and warnings from GLib or the library mean a parser let bad input reach a
 * precondition: make them crash so the fuzzer reports them. A per-process folder under
 * $TMPDIR holds the files a harness writes; it is removed at exit. */
static inline const char *
fuzz_setup (void)
{
  if (fuzz_scratch_dir == NULL)
    {
      g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
      fuzz_scratch_dir = g_dir_make_tmp ("axds-fuzz-XXXXXX", NULL);
      if (fuzz_scratch_dir == NULL)
        {
          g_printerr ("Cannot make a scratch folder\n");
          abort ();
        }
      atexit (fuzz_cleanup);
    }
  return fuzz_scratch_dir;
}

/* Writes @data to NAME in the scratch folder and returns its path. */
static inline char *
fuzz_write_file (const char    *name,
                 const uint8_t *data,
                 size_t         size)
{
  char *path = g_build_filename (fuzz_setup (), name, NULL);

  if (!g_file_set_contents (path, (const char *) data, (gssize) size, NULL))
    {
      g_printerr ("Cannot write %s\n", path);
      abort ();
    }
  return path;
}

/* Splits @data at NUL bytes into at most @max NUL-terminated strings (the last may be empty). */
static inline char **
fuzz_split (const uint8_t *data,
            size_t         size,
            guint          max)
{
  GPtrArray *parts = g_ptr_array_new ();
  size_t start = 0;

  for (size_t i = 0; i <= size && parts->len + 1 < max; i++)
    {
      if (i == size || data[i] == '\0')
        {
          g_ptr_array_add (parts, g_strndup ((const char *) data + start, i - start));
          start = i + 1;
        }
    }
  if (start <= size && parts->len + 1 == max)
    g_ptr_array_add (parts, g_strndup ((const char *) data + start, size - start));
  g_ptr_array_add (parts, NULL);
  return (char **) g_ptr_array_free (parts, FALSE);
}

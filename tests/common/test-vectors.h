/* test-vectors.h — paths of the Python library's reference outputs in tests/data
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdarg.h>

#include <glib.h>

/* The vectors ship in the source tree (tests/data/README.md), so a missing one is a broken tree
 * or a broken test setup: the test fails and names the path, it never skips. */
G_GNUC_NULL_TERMINATED static inline char *
test_vector_path (const char *first_element,
                  ...)
{
  const char *dir = g_getenv ("AXDS_VECTORS_DIR");
  g_autofree char *relative = NULL;
  char *path;
  va_list args;

  if (dir == NULL || *dir == '\0')
    g_error ("AXDS_VECTORS_DIR is not set: run the test through `meson test`");
  va_start (args, first_element);
  relative = g_build_filename_valist (first_element, &args);
  va_end (args);
  path = g_build_filename (dir, relative, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    g_error ("Reference vector %s is missing (see tests/data/README.md)", path);
  return path;
}

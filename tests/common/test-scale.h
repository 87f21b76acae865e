/* test-scale.h — smaller bulk work under Valgrind
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

/* `meson test --setup valgrind` sets AXDS_TEST_SCALE=valgrind: Memcheck runs code 20–50× slower,
 * so tests that repeat the same work many times (messages, increments, entries) repeat it
 * fewer times there. What they check stays the same; only how often it is exercised shrinks. */
static inline gboolean
test_under_valgrind (void)
{
  return g_strcmp0 (g_getenv ("AXDS_TEST_SCALE"), "valgrind") == 0;
}

/* @n normally, @n_valgrind under Valgrind. */
static inline guint
test_scaled (guint n,
             guint n_valgrind)
{
  return test_under_valgrind () ? n_valgrind : n;
}

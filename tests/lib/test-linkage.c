/* test-linkage.c — the installed shared library exports the public API
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Linked against libaxds.so (not the static library the other tests use), through the umbrella
 * header only, as an outside program would be.
 */

#include <string.h>
#include <unistd.h>

#include <axds.h>

static void
test_version (void)
{
  g_assert_cmpstr (axds_get_version_string (), ==, AXDS_VERSION_S);
  g_assert_true (AXDS_CHECK_VERSION (0, 1, 0));
  g_assert_false (AXDS_CHECK_VERSION (AXDS_MAJOR_VERSION + 1, 0, 0));
}

static void
test_round_trip (void)
{
  g_autofree char *name = g_strdup_printf ("axds-test-%d-linkage", (int) getpid ());
  g_autoptr(AxdsSharedArray) array = NULL;
  g_autoptr(GError) error = NULL;
  guint64 shape[] = { 2 };
  double v[2] = { 1.5, 2.5 }, out[2];

  array = axds_shared_array_create (name, AXDS_DTYPE_FLOAT64, 1, shape, v, sizeof v, 0, &error);
  g_assert_no_error (error);
  axds_shared_array_enable_buffer_destruction (array);
  g_assert_true (axds_shared_array_snapshot (array, out, sizeof out, NULL, &error));
  g_assert_cmpmem (out, sizeof out, v, sizeof v);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/axds/linkage/version", test_version);
  g_test_add_func ("/axds/linkage/round-trip", test_round_trip);
  return g_test_run ();
}

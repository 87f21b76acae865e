/* test-cli-tasks.c — `axds checksum`, `axds transfer` and `axds delete`, run as a user would
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include <axds.h>

#include "axds-test-utils.h"
#include "cli-test-utils.h"
#include "test-tasks-common.h"

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonNode) root = parse_json (text);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_object_ref (json_node_get_object (root));
}

static void
test_checksum (void)
{
  g_autoptr(AxdsTestDir) root = axds_test_dir_new ("cli-checksum");
  g_autofree char *manifest = g_build_filename (root, "..", "cli-manifest.json", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) json = NULL;

  test_make_vector_tree (root, "tree_a");
  expected = axds_calculate_directory_checksum (root, 1, FALSE, NULL, NULL, NULL, NULL, NULL,
                                                &error);
  g_assert_no_error (error);
  g_assert_cmpstr (expected, ==, "ac479250a6684144edb2a0a8573736e3");

  {
    g_autoptr(Result) r = run_axds ("checksum", root, "--no-save", "--workers", "2");
    g_autofree char *kept = NULL;

    g_assert_cmpint (r->status, ==, 0);
    line = g_strconcat (expected, "\n", NULL);
    g_assert_cmpstr (r->out, ==, line);
    g_assert_cmpstr (r->err, ==, "");
    /* --no-save kept the placeholder the tree was made with. */
    kept = test_read_file (root, "ax_checksum.txt", NULL);
    g_assert_cmpstr (kept, ==, "00000000000000000000000000000000");
  }

  {
    g_autoptr(Result) r = run_axds ("checksum", root, "--json", "--manifest", manifest);
    g_autofree char *saved = NULL;

    g_assert_cmpint (r->status, ==, 0);
    json = parse_object (r->out);
    g_assert_cmpstr (json_object_get_string_member (json, "checksum"), ==, expected);
    g_assert_cmpint (json_object_get_int_member (json, "files"), ==, 7);
    g_assert_true (json_object_get_boolean_member (json, "saved"));
    saved = test_read_file (root, "ax_checksum.txt", NULL);
    g_assert_cmpstr (saved, ==, expected);
  }

  /* --exclude replaces the default list. */
  {
    g_autoptr(Result) r = run_axds ("checksum", root, "--no-save", "--exclude", "top.txt",
                                    "--exclude", "ax_checksum.txt", "--json");
    g_autoptr(JsonObject) o = NULL;

    g_assert_cmpint (r->status, ==, 0);
    o = parse_object (r->out);
    g_assert_cmpint (json_object_get_int_member (o, "files"), ==, 6);
  }

  /* ax_checksum.txt is skipped whatever --exclude names: naming it too changes nothing. */
  {
    g_autoptr(Result) r = run_axds ("checksum", root, "--no-save", "--exclude", "top.txt",
                                    "--json");
    g_autoptr(Result) named = run_axds ("checksum", root, "--no-save", "--exclude", "top.txt",
                                        "--exclude", "ax_checksum.txt", "--json");
    g_autoptr(JsonObject) o = NULL;
    g_autoptr(JsonObject) o_named = NULL;

    g_assert_cmpint (r->status, ==, 0);
    g_assert_cmpint (named->status, ==, 0);
    o = parse_object (r->out);
    o_named = parse_object (named->out);
    g_assert_cmpint (json_object_get_int_member (o, "files"), ==, 6);
    g_assert_cmpstr (json_object_get_string_member (o, "checksum"), ==,
                     json_object_get_string_member (o_named, "checksum"));
  }

  /* --verify names what changed. */
  test_write_string (root, "top.txt", "hello World\n");
  {
    g_autoptr(Result) r = run_axds ("checksum", root, "--no-save", "--verify", manifest);

    g_assert_cmpint (r->status, ==, 1);
    g_assert_nonnull (strstr (r->err, "differing (1): “top.txt”"));
  }
  {
    g_autoptr(Result) r = run_axds ("checksum", root, "--no-save", "--verify", manifest,
                                    "--json");
    g_autoptr(JsonObject) o = NULL;

    g_assert_cmpint (r->status, ==, 1);
    o = parse_object (r->out);
    g_assert_false (json_object_get_boolean_member (o, "matches"));
    g_assert_cmpstr (json_array_get_string_element (
                         json_object_get_array_member (o, "differing"), 0), ==, "top.txt");
  }

  g_unlink (manifest);
}

static void
test_usage_and_failures (void)
{
  g_autoptr(AxdsTestDir) root = axds_test_dir_new ("cli-usage");
  g_autofree char *missing = g_build_filename (root, "missing", NULL);

  {
    g_autoptr(Result) r = run_axds ("checksum");

    g_assert_cmpint (r->status, ==, 2);
    g_assert_nonnull (strstr (r->err, "axds checksum --help"));
  }
  {
    g_autoptr(Result) r = run_axds ("checksum", root, "--workers", "-3");

    g_assert_cmpint (r->status, ==, 2);
  }
  {
    g_autoptr(Result) r = run_axds ("transfer", root);

    g_assert_cmpint (r->status, ==, 2);
  }
  {
    g_autoptr(Result) r = run_axds ("delete", root, "extra");

    g_assert_cmpint (r->status, ==, 2);
  }
  {
    g_autoptr(Result) r = run_axds ("transfer", "--help");

    g_assert_cmpint (r->status, ==, 0);
    g_assert_nonnull (strstr (r->out, "--reset-dirty-destination"));
  }
  {
    g_autoptr(Result) r = run_axds ("--help");

    g_assert_cmpint (r->status, ==, 0);
    g_assert_nonnull (strstr (r->out, "checksum DIR"));
    g_assert_nonnull (strstr (r->out, "transfer SRC DST"));
    g_assert_nonnull (strstr (r->out, "delete DIR"));
  }
  /* An empty tree has no file to cover. */
  {
    g_autoptr(Result) r = run_axds ("checksum", root);

    g_assert_cmpint (r->status, ==, 1);
    g_assert_nonnull (strstr (r->err, "at least one file"));
  }
  {
    g_autoptr(Result) r = run_axds ("checksum", missing);

    g_assert_cmpint (r->status, ==, 1);
    g_assert_cmpstr (r->out, ==, "");
  }

}

static void
test_transfer_and_delete (void)
{
  g_autoptr(AxdsTestDir) base = axds_test_dir_new ("cli-transfer");
  g_autofree char *src = g_build_filename (base, "src", NULL);
  g_autofree char *dst = g_build_filename (base, "dst", NULL);
  g_autofree char *moved = g_build_filename (base, "moved", NULL);
  g_autofree char *checksum = NULL;
  g_autoptr(GError) error = NULL;

  test_make_mixed_tree (src, 12, 3000, 1);

  {
    g_autoptr(Result) r = run_axds ("transfer", src, dst, "--verify", "--threads", "2",
                                    "--json");
    g_autoptr(JsonObject) o = NULL;

    g_assert_cmpint (r->status, ==, 0);
    g_assert_cmpstr (r->err, ==, "");
    o = parse_object (r->out);
    g_assert_cmpint (json_object_get_int_member (o, "files_copied"), ==, 12 + 6 + 1);
    g_assert_true (json_object_get_boolean_member (o, "verified"));
    g_assert_false (json_object_get_boolean_member (o, "checksum_reused"));
    checksum = axds_calculate_directory_checksum (dst, 1, FALSE, NULL, NULL, NULL, NULL, NULL,
                                                  &error);
    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (o, "checksum"), ==, checksum);
  }

  /* Plain text output; a dirty destination is refused, then reset. */
  test_write_string (dst, "foreign.txt", "x");
  {
    g_autoptr(Result) r = run_axds ("transfer", src, dst);

    g_assert_cmpint (r->status, ==, 1);
    g_assert_nonnull (strstr (r->err, "foreign.txt"));
  }
  {
    g_autoptr(Result) r = run_axds ("transfer", src, dst, "--reset-dirty-destination");

    g_assert_cmpint (r->status, ==, 0);
    g_assert_nonnull (strstr (r->out, "Copied 0 files"));
    g_assert_false (test_exists (dst, "foreign.txt"));
  }

  /* A link in the source is refused. */
  test_symlink (src, "readme.txt", "link");
  {
    g_autoptr(Result) r = run_axds ("transfer", src, moved);

    g_assert_cmpint (r->status, ==, 1);
    g_assert_nonnull (strstr (r->err, "symbolic link"));
    g_assert_false (test_exists (moved, NULL));
  }
  {
    g_autofree char *link = g_build_filename (src, "link", NULL);

    g_assert_cmpint (g_unlink (link), ==, 0);
  }

  /* Move: verified copy, then the source goes. */
  {
    g_autoptr(Result) r = run_axds ("transfer", src, moved, "--verify", "--remove-source",
                                    "--json");
    g_autoptr(JsonObject) o = NULL;

    g_assert_cmpint (r->status, ==, 0);
    o = parse_object (r->out);
    g_assert_true (json_object_get_boolean_member (o, "source_removed"));
    g_assert_true (json_object_get_boolean_member (o, "checksum_reused"));
    g_assert_false (test_exists (src, NULL));
  }

  /* Delete, never following a link out of the tree. */
  test_symlink (moved, dst, "link_to_dst");
  {
    g_autoptr(Result) r = run_axds ("delete", moved, "--json");
    g_autoptr(JsonObject) o = NULL;

    g_assert_cmpint (r->status, ==, 0);
    o = parse_object (r->out);
    g_assert_cmpint (json_object_get_int_member (o, "files_removed"), ==, 12 + 6 + 2 + 1);
    g_assert_false (test_exists (moved, NULL));
    g_assert_true (test_exists (dst, "readme.txt"));
  }
  {
    g_autoptr(Result) r = run_axds ("delete", dst);

    g_assert_cmpint (r->status, ==, 0);
    g_assert_cmpstr (r->out, ==, "");
    g_assert_false (test_exists (dst, NULL));
  }

}

/* `axds delete` refuses the home folder (and what holds it) and a folder holding the working
 * directory, and they stay. Every folder is the test's own: HOME points into it meanwhile. */
static void
test_delete_refusals (void)
{
  g_autoptr(AxdsTestDir) base = axds_test_dir_new ("cli-delete-refusals");
  g_autofree char *saved_home = g_strdup (g_getenv ("HOME"));
  g_autofree char *saved_cwd = g_get_current_dir ();
  g_autofree char *users = g_build_filename (base, "users", NULL);
  g_autofree char *home = g_build_filename (users, "rig", NULL);
  g_autofree char *work = g_build_filename (base, "work", NULL);
  g_autofree char *here = g_build_filename (work, "here", NULL);
  const char *homes[] = { home, users };

  test_write_string (home, "settings.txt", "keep");
  test_write_string (here, "data.bin", "keep");
  g_assert_true (g_setenv ("HOME", home, TRUE));

  for (guint i = 0; i < G_N_ELEMENTS (homes); i++)
    {
      g_autoptr(Result) r = run_axds ("delete", homes[i]);

      assert_failure (r, 1, "home folder");
      g_assert_nonnull (strstr (r->err, homes[i]));
      g_assert_true (test_exists (home, "settings.txt"));
    }

  g_assert_cmpint (chdir (here), ==, 0);
  {
    g_autoptr(Result) r = run_axds ("delete", work, "--json");

    assert_failure (r, 1, "current working directory");
    g_assert_true (test_exists (here, "data.bin"));
  }
  {
    g_autoptr(Result) r = run_axds ("delete", ".");

    assert_failure (r, 1, "current working directory");
    g_assert_true (test_exists (here, "data.bin"));
  }
  g_assert_cmpint (chdir (saved_cwd), ==, 0);

  /* /, the same way. The library this tool runs on refuses it (asked here first, and a
   * deletion with a cancelled cancellable, which could not remove a file anyway): only then is
   * the tool asked. */
  {
    g_autoptr(GCancellable) cancelled = g_cancellable_new ();
    g_autoptr(GError) error = NULL;

    g_cancellable_cancel (cancelled);
    g_assert_false (axds_check_delete_directory ("/", &error));
    g_assert_error (error, AXDS_ERROR, AXDS_ERROR_REFUSED);
    g_clear_error (&error);
    g_assert_false (axds_delete_directory ("/", NULL, NULL, cancelled, &error));
    g_assert_error (error, AXDS_ERROR, AXDS_ERROR_REFUSED);
  }
  {
    g_autoptr(Result) r = run_axds ("delete", "/");

    assert_failure (r, 1, "root folder");
  }

  /* Elsewhere, the same folders go. */
  {
    g_autoptr(Result) r = run_axds ("delete", work);

    check_success (r);
    g_assert_false (test_exists (work, NULL));
  }
  if (saved_home != NULL)
    g_setenv ("HOME", saved_home, TRUE);
  else
    g_unsetenv ("HOME");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (g_getenv ("AXDS_CLI_PATH") == NULL)
    g_error ("AXDS_CLI_PATH must name the axds binary");

  g_test_add_func ("/axds/cli-tasks/checksum", test_checksum);
  g_test_add_func ("/axds/cli-tasks/usage-and-failures", test_usage_and_failures);
  g_test_add_func ("/axds/cli-tasks/transfer-and-delete", test_transfer_and_delete);
  g_test_add_func ("/axds/cli-tasks/delete-refusals", test_delete_refusals);

  return g_test_run ();
}

/* test-checksum.c
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include <axds.h>

#include "axds-test-utils.h"
#include "test-tasks-common.h"
#include "test-vectors.h"

static JsonObject *
load_vectors (JsonParser *parser)
{
  g_autofree char *path = test_vector_path ("checksum", "checksums.json", NULL);
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

/* Checksums and per-file digests of the three reference trees, with 1, 2 and 4 workers. */
static void
test_vectors (void)
{
  static const char * const trees[] = { "tree_a", "tree_b", "tree_c" };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(AxdsTestDir) base = axds_test_dir_new ("vectors");
  JsonObject *vectors = load_vectors (parser);

  for (guint t = 0; t < G_N_ELEMENTS (trees); t++)
    {
      JsonObject *tree = json_object_get_object_member (
          json_object_get_object_member (vectors, "trees"), trees[t]);
      JsonArray *files = json_object_get_array_member (tree, "files");
      const char *expected = json_object_get_string_member (tree, "checksum");
      g_autofree char *root = g_build_filename (base, trees[t], NULL);

      test_make_vector_tree (root, trees[t]);

      for (guint workers = 1; workers <= 4; workers *= 2)
        {
          g_autoptr(AxdsChecksumManifest) manifest = NULL;
          g_autoptr(GError) error = NULL;
          g_autofree char *checksum = NULL;

          checksum = axds_calculate_directory_checksum (root, workers, FALSE, NULL, &manifest,
                                                        NULL, NULL, NULL, &error);
          g_assert_no_error (error);
          g_assert_cmpstr (checksum, ==, expected);
          g_assert_cmpstr (axds_checksum_manifest_get_checksum (manifest), ==, expected);
          g_assert_cmpuint (axds_checksum_manifest_get_n_files (manifest), ==,
                            json_array_get_length (files));
          for (guint i = 0; i < json_array_get_length (files); i++)
            {
              JsonObject *file = json_array_get_object_element (files, i);

              g_assert_cmpstr (axds_checksum_manifest_get_path (manifest, i), ==,
                               json_object_get_string_member (file, "relative_path"));
              g_assert_cmpuint (axds_checksum_manifest_get_size (manifest, i), ==,
                                (guint64) json_object_get_int_member (file, "size"));
              g_assert_cmpstr (axds_checksum_manifest_get_digest (manifest, i), ==,
                               json_object_get_string_member (file, "file_digest"));
            }
        }
    }

}

/* ax_checksum.txt: 32 hex digits, no newline, only when asked, replacing an older one. */
static void
test_save (void)
{
  g_autoptr(AxdsTestDir) root = axds_test_dir_new ("save");
  g_autoptr(GError) error = NULL;
  g_autofree char *checksum = NULL;
  g_autofree char *again = NULL;
  g_autofree char *written = NULL;
  gsize len = 0;

  test_make_vector_tree (root, "tree_b");

  checksum = axds_calculate_directory_checksum (root, 0, FALSE, NULL, NULL, NULL, NULL, NULL,
                                                &error);
  g_assert_no_error (error);
  g_assert_false (test_exists (root, "ax_checksum.txt"));

  test_write_string (root, "ax_checksum.txt", "stale\n");
  again = axds_calculate_directory_checksum (root, 0, TRUE, NULL, NULL, NULL, NULL, NULL,
                                             &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, checksum);
  written = test_read_file (root, "ax_checksum.txt", &len);
  g_assert_cmpuint (len, ==, 32);
  g_assert_cmpstr (written, ==, "edb12adb4aac1f6160e6d57ce5406841");
  /* No temporary file is left behind. */
  g_assert_false (test_exists (root, ".ax_checksum.txt.axds-partial"));

}

static void
test_exclusions (void)
{
  g_autoptr(AxdsTestDir) root = axds_test_dir_new ("exclude");
  const char * const nothing[] = { NULL };
  const char * const top[] = { "top.txt", NULL };
  g_autoptr(AxdsChecksumManifest) all = NULL;
  g_autoptr(AxdsChecksumManifest) some = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  test_make_vector_tree (root, "tree_a");

  /* An empty list excludes no other name; both ax_checksum.txt files are skipped still (see
   * checksum-file-always-excluded), the other seven files count. */
  a = axds_calculate_directory_checksum (root, 2, FALSE, nothing, &all, NULL, NULL, NULL,
                                         &error);
  g_assert_no_error (error);
  g_assert_cmpuint (axds_checksum_manifest_get_n_files (all), ==, 7);
  g_assert_true (axds_checksum_manifest_lookup (all, "sub/readme.md", NULL));
  g_assert_false (axds_checksum_manifest_lookup (all, "sub/ax_checksum.txt", NULL));

  /* A custom list adds to it. */
  b = axds_calculate_directory_checksum (root, 2, FALSE, top, &some, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (axds_checksum_manifest_get_n_files (some), ==, 6);
  g_assert_false (axds_checksum_manifest_lookup (some, "top.txt", NULL));
  g_assert_false (axds_checksum_manifest_lookup (some, "ax_checksum.txt", NULL));
  g_assert_cmpstr (a, !=, b);

}

/* ax_checksum.txt never counts, whatever else is excluded (at any depth, as the default
 * excludes it): a checksum saved with other exclusions is what a later check finds. */
static void
test_checksum_file_always_excluded (void)
{
  g_autoptr(AxdsTestDir) root = axds_test_dir_new ("always-excluded");
  const char * const nothing[] = { NULL };
  const char * const top[] = { "top.txt", NULL };
  const char * const both[] = { "top.txt", AXDS_CHECKSUM_FILE_NAME, NULL };
  g_autoptr(AxdsChecksumManifest) none = NULL;
  g_autoptr(AxdsChecksumManifest) custom = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *by_default = NULL;
  g_autofree char *with_nothing = NULL;
  g_autofree char *with_top = NULL;
  g_autofree char *with_both = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *again = NULL;
  g_autofree char *written = NULL;

  test_make_vector_tree (root, "tree_a");
  by_default = axds_calculate_directory_checksum (root, 2, FALSE, NULL, NULL, NULL, NULL, NULL,
                                                  &error);
  g_assert_no_error (error);

  /* An empty list is the default. */
  with_nothing = axds_calculate_directory_checksum (root, 2, FALSE, nothing, &none, NULL, NULL,
                                                    NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (with_nothing, ==, by_default);
  g_assert_cmpuint (axds_checksum_manifest_get_n_files (none), ==, 7);
  g_assert_false (axds_checksum_manifest_lookup (none, "ax_checksum.txt", NULL));
  g_assert_false (axds_checksum_manifest_lookup (none, "sub/ax_checksum.txt", NULL));

  /* Other names are skipped besides it, not instead of it. */
  with_top = axds_calculate_directory_checksum (root, 2, FALSE, top, &custom, NULL, NULL, NULL,
                                                &error);
  g_assert_no_error (error);
  g_assert_cmpuint (axds_checksum_manifest_get_n_files (custom), ==, 6);
  g_assert_false (axds_checksum_manifest_lookup (custom, "top.txt", NULL));
  g_assert_false (axds_checksum_manifest_lookup (custom, "ax_checksum.txt", NULL));
  g_assert_false (axds_checksum_manifest_lookup (custom, "sub/ax_checksum.txt", NULL));
  with_both = axds_calculate_directory_checksum (root, 2, FALSE, both, NULL, NULL, NULL, NULL,
                                                 &error);
  g_assert_no_error (error);
  g_assert_cmpstr (with_top, ==, with_both);
  g_assert_cmpstr (with_top, !=, by_default);

  /* Saved with a custom list, then checked again with it: the same value, the saved one. */
  saved = axds_calculate_directory_checksum (root, 2, TRUE, top, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  again = axds_calculate_directory_checksum (root, 1, FALSE, top, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, saved);
  g_assert_cmpstr (saved, ==, with_top);
  written = test_read_file (root, "ax_checksum.txt", NULL);
  g_assert_cmpstr (written, ==, saved);
}

static void
test_errors (void)
{
  g_autoptr(AxdsTestDir) root = axds_test_dir_new ("errors");
  g_autofree char *missing = g_build_filename (root, "missing", NULL);
  g_autofree char *empty = g_build_filename (root, "empty", NULL);
  g_autofree char *only = g_build_filename (root, "only", NULL);
  g_autofree char *file = g_build_filename (root, "only", "ax_checksum.txt", NULL);
  g_autofree char *bad = g_build_filename (root, "bad", NULL);
  g_autoptr(GError) error = NULL;
  char *checksum;

  checksum = axds_calculate_directory_checksum (missing, 1, TRUE, NULL, NULL, NULL, NULL, NULL,
                                                &error);
  g_assert_null (checksum);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Empty directories contribute nothing, so a tree of them has no file to cover. */
  test_mkdir (empty, "a/b");
  checksum = axds_calculate_directory_checksum (empty, 1, TRUE, NULL, NULL, NULL, NULL, NULL,
                                                &error);
  g_assert_null (checksum);
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "must hold at least one file"));
  g_clear_error (&error);

  test_write_string (only, "ax_checksum.txt", "0123");
  checksum = axds_calculate_directory_checksum (only, 1, TRUE, NULL, NULL, NULL, NULL, NULL,
                                                &error);
  g_assert_null (checksum);
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  checksum = axds_calculate_directory_checksum (file, 1, TRUE, NULL, NULL, NULL, NULL, NULL,
                                                &error);
  g_assert_null (checksum);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
  g_clear_error (&error);

  /* Python cannot encode such a name either; refuse instead of inventing a spelling. */
  test_write_string (bad, "ok.txt", "ok");
  test_write_string (bad, "bad-\xff.txt", "bad");
  checksum = axds_calculate_directory_checksum (bad, 1, FALSE, NULL, NULL, NULL, NULL, NULL,
                                                &error);
  g_assert_null (checksum);
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

}

typedef struct
{
  guint        calls;
  AxdsProgress last;
  gboolean     monotonic;
  GCancellable *cancel_after_first_file;
} ProgressLog;

static void
progress_cb (const AxdsProgress *progress,
             gpointer            user_data)
{
  ProgressLog *log = user_data;

  if (log->calls > 0 && (progress->files_done < log->last.files_done ||
                         progress->bytes_done < log->last.bytes_done))
    log->monotonic = FALSE;
  log->calls++;
  log->last = *progress;
  if (log->cancel_after_first_file != NULL && progress->files_done >= 1)
    g_cancellable_cancel (log->cancel_after_first_file);
}

static void
test_progress_and_cancel (void)
{
  g_autoptr(AxdsTestDir) root = axds_test_dir_new ("progress");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *checksum = NULL;
  ProgressLog log = { 0, { 0 }, TRUE, NULL };

  test_make_mixed_tree (root, 40, 3000, 1);

  checksum = axds_calculate_directory_checksum (root, 3, FALSE, NULL, NULL, progress_cb, &log,
                                                NULL, &error);
  g_assert_no_error (error);
  g_assert_true (log.monotonic);
  g_assert_cmpuint (log.calls, >=, 2);
  g_assert_cmpint (log.last.phase, ==, AXDS_PROGRESS_PHASE_CHECKSUMMING);
  g_assert_cmpuint (log.last.files_done, ==, log.last.files_total);
  g_assert_cmpuint (log.last.files_total, ==, 40 + 6);
  g_assert_cmpuint (log.last.bytes_done, ==, log.last.bytes_total);
  g_assert_cmpuint (log.last.bytes_total, ==, 40 * 3000 + 13 + 5 + 10 + 6);

  /* Cancelled from the progress callback: stops before the next file. */
  memset (&log, 0, sizeof log);
  log.monotonic = TRUE;
  log.cancel_after_first_file = cancellable;
  g_clear_pointer (&checksum, g_free);
  checksum = axds_calculate_directory_checksum (root, 1, TRUE, NULL, NULL, progress_cb, &log,
                                                cancellable, &error);
  g_assert_null (checksum);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (log.last.files_done, <, log.last.files_total);
  g_assert_false (test_exists (root, "ax_checksum.txt"));

}

/* A failed verification names what differs, what is missing and what is extra. */
static void
test_manifest_verify (void)
{
  g_autoptr(AxdsTestDir) root = axds_test_dir_new ("verify");
  g_autofree char *saved = g_build_filename (root, "..", "manifest.json", NULL);
  g_autoptr(AxdsChecksumManifest) manifest = NULL;
  g_autoptr(AxdsChecksumManifest) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *checksum = NULL;
  g_auto(GStrv) differing = NULL;
  g_auto(GStrv) missing = NULL;
  g_auto(GStrv) extra = NULL;
  g_autofree char *path = NULL;

  test_make_mixed_tree (root, 5, 100, 2);
  checksum = axds_calculate_directory_checksum (root, 2, FALSE, NULL, &manifest, NULL, NULL,
                                                NULL, &error);
  g_assert_no_error (error);
  g_assert_true (axds_verify_directory (root, manifest, 2, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* Save and load keep everything. */
  g_assert_true (axds_checksum_manifest_save (manifest, saved, &error));
  g_assert_no_error (error);
  loaded = axds_checksum_manifest_load (saved, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (axds_checksum_manifest_get_checksum (loaded), ==, checksum);
  g_assert_true (axds_checksum_manifest_compare (manifest, loaded, NULL, NULL, NULL));
  g_assert_cmpuint (axds_checksum_manifest_get_total_size (loaded), ==,
                    axds_checksum_manifest_get_total_size (manifest));

  /* One byte changed (same size), one file removed, one added. */
  test_write_string (root, "readme.txt", "a mixed tre!\n");
  path = g_build_filename (root, "a/b/c/d/deep.txt", NULL);
  g_assert_cmpint (g_unlink (path), ==, 0);
  test_write_string (root, "new.txt", "new");

  g_assert_false (axds_verify_directory (root, loaded, 1, NULL, NULL, NULL, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "differing (1): “readme.txt”"));
  g_assert_nonnull (strstr (error->message, "missing (1): “a/b/c/d/deep.txt”"));
  g_assert_nonnull (strstr (error->message, "extra (1): “new.txt”"));
  g_clear_error (&error);

  g_clear_pointer (&manifest, axds_checksum_manifest_unref);
  g_clear_pointer (&checksum, g_free);
  checksum = axds_calculate_directory_checksum (root, 2, FALSE, NULL, &manifest, NULL, NULL,
                                                NULL, &error);
  g_assert_no_error (error);
  g_assert_false (axds_checksum_manifest_compare (loaded, manifest, &differing, &missing,
                                                  &extra));
  g_assert_cmpstrv (differing, ((const char * const[]) { "readme.txt", NULL }));
  g_assert_cmpstrv (missing, ((const char * const[]) { "a/b/c/d/deep.txt", NULL }));
  g_assert_cmpstrv (extra, ((const char * const[]) { "new.txt", NULL }));

  /* Not a manifest. */
  g_assert_true (g_file_set_contents (saved, "{\"checksum\": 1}", -1, NULL));
  g_assert_null (axds_checksum_manifest_load (saved, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_PARSE);

  g_unlink (saved);
}

typedef struct
{
  GMainLoop            *loop;
  char                 *checksum;
  AxdsChecksumManifest *manifest;
  GError               *error;
} AsyncResult;

static void
checksum_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  AsyncResult *r = user_data;

  r->checksum = axds_calculate_directory_checksum_finish (result, &r->manifest, &r->error);
  g_main_loop_quit (r->loop);
}

static void
test_async (void)
{
  g_autoptr(AxdsTestDir) root = axds_test_dir_new ("async");
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  const char * const excluded[] = { "only.bin", NULL };
  AsyncResult r = { loop, NULL, NULL, NULL };

  test_make_vector_tree (root, "tree_b");
  test_write_string (root, "other.bin", "b");

  axds_calculate_directory_checksum_async (root, 2, TRUE, excluded, NULL, NULL, NULL, NULL,
                                           checksum_done_cb, &r);
  g_main_loop_run (loop);
  g_assert_no_error (r.error);
  g_assert_nonnull (r.checksum);
  g_assert_cmpuint (axds_checksum_manifest_get_n_files (r.manifest), ==, 1);
  g_assert_cmpstr (axds_checksum_manifest_get_path (r.manifest, 0), ==, "other.bin");
  g_assert_true (test_exists (root, "ax_checksum.txt"));
  g_free (r.checksum);
  axds_checksum_manifest_unref (r.manifest);

}

typedef struct
{
  gint progress_calls;
  gint calls_after_free;
  gint frees;
} ProgressData;

static void
counting_progress_cb (const AxdsProgress *progress,
                      gpointer            user_data)
{
  ProgressData *data = user_data;

  g_atomic_int_inc (&data->progress_calls);
  if (g_atomic_int_get (&data->frees) > 0)
    g_atomic_int_inc (&data->calls_after_free);
}

static void
progress_data_free_cb (gpointer user_data)
{
  ProgressData *data = user_data;

  g_atomic_int_inc (&data->frees);
}

/* The async variant frees the progress data once, after the last report. */
static void
test_async_progress_data_free (void)
{
  g_autoptr(AxdsTestDir) root = axds_test_dir_new ("async-free");
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncResult r = { loop, NULL, NULL, NULL };
  ProgressData data = { 0 };
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  test_make_vector_tree (root, "tree_b");
  axds_calculate_directory_checksum_async (root, 2, FALSE, NULL, counting_progress_cb, &data,
                                           progress_data_free_cb, NULL, checksum_done_cb, &r);
  g_main_loop_run (loop);
  g_assert_no_error (r.error);
  g_assert_nonnull (r.checksum);
  while (g_atomic_int_get (&data.frees) == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (g_atomic_int_get (&data.frees), ==, 1);
  g_assert_cmpint (g_atomic_int_get (&data.progress_calls), >, 0);
  g_assert_cmpint (g_atomic_int_get (&data.calls_after_free), ==, 0);
  g_free (r.checksum);
  axds_checksum_manifest_unref (r.manifest);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/axds/checksum/vectors", test_vectors);
  g_test_add_func ("/axds/checksum/save", test_save);
  g_test_add_func ("/axds/checksum/exclusions", test_exclusions);
  g_test_add_func ("/axds/checksum/checksum-file-always-excluded",
                   test_checksum_file_always_excluded);
  g_test_add_func ("/axds/checksum/errors", test_errors);
  g_test_add_func ("/axds/checksum/progress-and-cancel", test_progress_and_cancel);
  g_test_add_func ("/axds/checksum/manifest-verify", test_manifest_verify);
  g_test_add_func ("/axds/checksum/async", test_async);
  g_test_add_func ("/axds/checksum/async-progress-data-free", test_async_progress_data_free);

  return g_test_run ();
}

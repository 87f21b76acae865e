/* test-transfer.c — transfer_directory and delete_directory
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include <axds.h>

#include "axds-test-utils.h"
#include "test-tasks-common.h"

static char *
checksum_of (const char *root)
{
  g_autoptr(GError) error = NULL;
  char *checksum;

  checksum = axds_calculate_directory_checksum (root, 2, FALSE, NULL, NULL, NULL, NULL, NULL,
                                                &error);
  g_assert_no_error (error);
  return checksum;
}

static gboolean
is_checksum_file_cb (const char *name,
                     gpointer    user_data)
{
  return g_str_equal (name, AXDS_CHECKSUM_FILE_NAME);
}

/* Every file and directory of @a is in @b with the same contents, and nothing else is. */
static void
assert_same_tree (const char *a,
                  const char *b)
{
  const char * const nothing[] = { NULL };
  g_autoptr(AxdsChecksumManifest) ma = NULL;
  g_autoptr(AxdsChecksumManifest) mb = NULL;
  g_autoptr(GPtrArray) checksum_files_a = NULL;
  g_autoptr(GPtrArray) checksum_files_b = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ca = NULL;
  g_autofree char *cb = NULL;

  ca = axds_calculate_directory_checksum (a, 2, FALSE, nothing, &ma, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  cb = axds_calculate_directory_checksum (b, 2, FALSE, nothing, &mb, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (axds_checksum_manifest_describe_differences (ma, mb));
  g_assert_cmpstr (ca, ==, cb);

  /* No checksum covers ax_checksum.txt files: compared here, at every depth. */
  checksum_files_a = axds_find_files (a, AXDS_FIND_FILES_MAX_DEPTH, AXDS_FIND_FILES_RELATIVE,
                                      is_checksum_file_cb, NULL, NULL, &error);
  g_assert_no_error (error);
  checksum_files_b = axds_find_files (b, AXDS_FIND_FILES_MAX_DEPTH, AXDS_FIND_FILES_RELATIVE,
                                      is_checksum_file_cb, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (checksum_files_a->len, ==, checksum_files_b->len);
  for (guint i = 0; i < checksum_files_a->len; i++)
    {
      const char *rel = g_ptr_array_index (checksum_files_a, i);
      g_autofree char *in_a = NULL;
      g_autofree char *in_b = NULL;
      gsize len_a = 0, len_b = 0;

      g_assert_cmpstr (rel, ==, g_ptr_array_index (checksum_files_b, i));
      in_a = test_read_file (a, rel, &len_a);
      in_b = test_read_file (b, rel, &len_b);
      g_assert_cmpmem (in_a, len_a, in_b, len_b);
    }
}

typedef struct
{
  AxdsProgressPhase  phases[8];
  guint              n_phases;
  AxdsProgress       last;
  GCancellable      *cancellable;
  guint              cancel_after;     /* files copied, when cancellable is set */
  char              *corrupt;          /* a destination file to change when verification starts */
} Watch;

static void
watch_cb (const AxdsProgress *progress,
          gpointer            user_data)
{
  Watch *w = user_data;

  if (w->n_phases == 0 || w->phases[w->n_phases - 1] != progress->phase)
    {
      g_assert_cmpuint (w->n_phases, <, G_N_ELEMENTS (w->phases));
      w->phases[w->n_phases++] = progress->phase;

      /* Verification starts after the copy finished and before any file is hashed. */
      if (progress->phase == AXDS_PROGRESS_PHASE_VERIFYING && w->corrupt != NULL)
        {
          int fd = open (w->corrupt, O_WRONLY);

          g_assert_cmpint (fd, >=, 0);
          g_assert_cmpint (pwrite (fd, "X", 1, 10), ==, 1);
          close (fd);
        }
    }
  w->last = *progress;
  if (w->cancellable != NULL && progress->phase == AXDS_PROGRESS_PHASE_COPYING &&
      progress->files_done >= w->cancel_after)
    g_cancellable_cancel (w->cancellable);
}

static void
test_round_trip (void)
{
  g_autoptr(AxdsTestDir) base = axds_test_dir_new ("round-trip");
  g_autofree char *src = g_build_filename (base, "src", NULL);
  g_autofree char *dst = g_build_filename (base, "deep", "er", "dst", NULL);
  g_autofree char *checksum = NULL;
  g_autofree char *sent = NULL;
  g_autoptr(GError) error = NULL;
  AxdsTransferSummary summary;
  Watch watch = { 0 };
  struct stat st_src, st_dst;
  g_autofree char *src_file = NULL;
  g_autofree char *dst_file = NULL;

  test_make_mixed_tree (src, 30, 70000, 3);
  src_file = g_build_filename (src, "readme.txt", NULL);
  dst_file = g_build_filename (dst, "readme.txt", NULL);
  g_assert_cmpint (chmod (src_file, 0640), ==, 0);

  g_assert_true (axds_transfer_directory (src, dst, 3, AXDS_TRANSFER_VERIFY_INTEGRITY, &summary,
                                          watch_cb, &watch, NULL, &error));
  g_assert_no_error (error);

  /* The source gained its checksum file, which travelled along. */
  checksum = checksum_of (src);
  sent = test_read_file (dst, "ax_checksum.txt", NULL);
  g_assert_cmpstr (sent, ==, checksum);
  g_assert_true (summary.verified);
  g_assert_false (summary.checksum_reused);
  g_assert_cmpstr (summary.checksum, ==, checksum);
  /* The bulk, the six plain files and a/ax_checksum.txt (copied as any file; only the top-level
   * one is the checksum, written on both sides once the copy has hashed the source). */
  g_assert_cmpuint (summary.files_copied, ==, 30 + 6 + 1);
  g_assert_cmpuint (summary.files_skipped, ==, 0);
  g_assert_false (summary.source_removed);
  assert_same_tree (src, dst);
  g_assert_true (test_exists (dst, "empty_dir/inner"));

  /* The source is hashed while it is copied: no phase of its own. */
  g_assert_cmpuint (watch.n_phases, ==, 2);
  g_assert_cmpint (watch.phases[0], ==, AXDS_PROGRESS_PHASE_COPYING);
  g_assert_cmpint (watch.phases[1], ==, AXDS_PROGRESS_PHASE_VERIFYING);
  g_assert_cmpuint (watch.last.files_done, ==, watch.last.files_total);
  g_assert_cmpuint (watch.last.bytes_done, ==, watch.last.bytes_total);

  /* Metadata as copy2 keeps it. */
  g_assert_cmpint (stat (src_file, &st_src), ==, 0);
  g_assert_cmpint (stat (dst_file, &st_dst), ==, 0);
  g_assert_cmpint (st_dst.st_mode & 07777, ==, 0640);
  g_assert_cmpint (st_dst.st_mtim.tv_sec, ==, st_src.st_mtim.tv_sec);
  g_assert_cmpint (st_dst.st_mtim.tv_nsec, ==, st_src.st_mtim.tv_nsec);

  /* A rerun resumes: nothing is copied again; the checksum file is reused now. */
  memset (&watch, 0, sizeof watch);
  g_assert_true (axds_transfer_directory (src, dst, 2, AXDS_TRANSFER_VERIFY_INTEGRITY, &summary,
                                          watch_cb, &watch, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.files_copied, ==, 0);
  g_assert_cmpuint (summary.files_skipped, ==, 30 + 6 + 2);
  g_assert_true (summary.checksum_reused);
  g_assert_cmpint (watch.phases[0], ==, AXDS_PROGRESS_PHASE_COPYING);

  /* A file that differs at the destination (same size) is copied again; a partial file left by
   * an interrupted run is not dirt. */
  test_write_string (dst, "readme.txt", "A MIXED TREE\n");
  test_write_string (dst, "a/b/c/.empty.bin.axds-partial", "half");
  g_assert_true (axds_transfer_directory (src, dst, 1, AXDS_TRANSFER_NONE, &summary,
                                          NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.files_copied, ==, 1);
  g_assert_false (test_exists (dst, "a/b/c/.empty.bin.axds-partial"));
  assert_same_tree (src, dst);

  /* Moving: the source goes only after success. */
  g_assert_true (axds_transfer_directory (src, dst, 2,
                                          AXDS_TRANSFER_VERIFY_INTEGRITY |
                                          AXDS_TRANSFER_REMOVE_SOURCE,
                                          &summary, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (summary.source_removed);
  g_assert_false (test_exists (src, NULL));
  g_assert_true (test_exists (dst, "bulk/00/file-0000.bin"));

}

/* A byte changed in the destination after the copy is caught, named, and the source stays. */
static void
test_corruption_detected (void)
{
  g_autoptr(AxdsTestDir) base = axds_test_dir_new ("corrupt");
  g_autofree char *src = g_build_filename (base, "src", NULL);
  g_autofree char *dst = g_build_filename (base, "dst", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  AxdsTransferSummary summary;
  Watch watch = { 0 };

  test_make_mixed_tree (src, 10, 5000, 4);
  before = checksum_of (src);
  watch.corrupt = g_build_filename (dst, "bulk", "03", "file-0003.bin", NULL);

  g_assert_false (axds_transfer_directory (src, dst, 2,
                                           AXDS_TRANSFER_VERIFY_INTEGRITY |
                                           AXDS_TRANSFER_REMOVE_SOURCE,
                                           &summary, watch_cb, &watch, NULL, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "differing (1): “bulk/03/file-0003.bin”"));
  g_assert_false (summary.source_removed);
  g_clear_error (&error);

  after = checksum_of (src);
  g_assert_cmpstr (before, ==, after);

  g_free (watch.corrupt);
}

/* A reused ax_checksum.txt that predates a change of the source is named as the cause. */
static void
test_stale_checksum (void)
{
  g_autoptr(AxdsTestDir) base = axds_test_dir_new ("stale");
  g_autofree char *src = g_build_filename (base, "src", NULL);
  g_autofree char *dst = g_build_filename (base, "dst", NULL);
  g_autofree char *bad = g_build_filename (base, "bad", NULL);
  g_autofree char *checksum = NULL;
  g_autoptr(GError) error = NULL;

  test_make_mixed_tree (src, 3, 100, 5);
  checksum = axds_calculate_directory_checksum (src, 1, TRUE, NULL, NULL, NULL, NULL, NULL,
                                                &error);
  g_assert_no_error (error);
  test_write_string (src, "readme.txt", "changed after the checksum was written\n");

  g_assert_false (axds_transfer_directory (src, dst, 2, AXDS_TRANSFER_VERIFY_INTEGRITY, NULL,
                                           NULL, NULL, NULL, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "stale"));
  g_clear_error (&error);

  /* A checksum file that holds no checksum is refused before anything is copied. */
  test_make_mixed_tree (bad, 1, 10, 6);
  test_write_string (bad, "ax_checksum.txt", "not a checksum");
  g_assert_false (axds_transfer_directory (bad, dst, 2, AXDS_TRANSFER_VERIFY_INTEGRITY, NULL,
                                           NULL, NULL, NULL, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT);

}

static void
test_refusals (void)
{
  g_autoptr(AxdsTestDir) base = axds_test_dir_new ("refuse");
  g_autofree char *src = g_build_filename (base, "src", NULL);
  g_autofree char *dst = g_build_filename (base, "dst", NULL);
  g_autofree char *link = g_build_filename (base, "link", NULL);
  g_autofree char *inside = g_build_filename (src, "sub", "copy", NULL);
  g_autofree char *missing = g_build_filename (base, "missing", NULL);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  AxdsTransferSummary summary;

  test_make_mixed_tree (src, 2, 10, 7);

  /* The source itself a link. */
  g_assert_cmpint (symlink (src, link), ==, 0);
  g_assert_false (axds_transfer_directory (link, dst, 1, 0, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_false (axds_transfer_directory (missing, dst, 1, 0, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (axds_transfer_directory (src, inside, 1, 0, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (test_exists (inside, NULL));

  /* Links inside the source, to a file and to a directory: refused before anything happens
   * (not even the checksum file is written). */
  test_symlink (src, "readme.txt", "a/link_to_file");
  g_assert_false (axds_transfer_directory (src, dst, 1, AXDS_TRANSFER_VERIFY_INTEGRITY, NULL,
                                           NULL, NULL, NULL, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "a/link_to_file"));
  g_clear_error (&error);
  g_assert_false (test_exists (dst, NULL));
  g_assert_false (test_exists (src, "ax_checksum.txt"));
  path = g_build_filename (src, "a", "link_to_file", NULL);
  g_unlink (path);
  g_clear_pointer (&path, g_free);

  test_symlink (src, "..", "Z/up");
  g_assert_false (axds_transfer_directory (src, dst, 1, 0, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  path = g_build_filename (src, "Z", "up", NULL);
  g_unlink (path);

  /* A destination holding what the source does not account for. */
  test_write_string (dst, "stranger.txt", "not from the source");
  test_write_string (dst, "strange_dir/deeper/file", "neither");
  test_write_string (dst, "readme.txt", "from the source, but stale");
  test_mkdir (dst, "a/b/foreign");
  g_assert_false (axds_transfer_directory (src, dst, 1, 0, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_EMPTY);
  g_assert_nonnull (strstr (error->message, "stranger.txt"));
  g_assert_nonnull (strstr (error->message, "strange_dir"));
  g_assert_nonnull (strstr (error->message, "a/b/foreign"));
  g_assert_null (strstr (error->message, "deeper"));
  g_clear_error (&error);
  g_assert_true (test_exists (dst, "stranger.txt"));

  g_assert_true (axds_transfer_directory (src, dst, 1, AXDS_TRANSFER_RESET_DIRTY_DESTINATION,
                                          &summary, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.entries_reset, ==, 3);
  assert_same_tree (src, dst);
  g_assert_false (test_exists (dst, "strange_dir"));
  g_assert_false (test_exists (dst, "a/b/foreign"));

}

/* Cancelling mid-transfer: the source is intact, the destination holds only whole files under
 * final names, and a rerun resumes from there. */
static void
test_cancel (void)
{
  g_autoptr(AxdsTestDir) base = axds_test_dir_new ("cancel");
  g_autofree char *src = g_build_filename (base, "src", NULL);
  g_autofree char *dst = g_build_filename (base, "dst", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(AxdsChecksumManifest) dst_manifest = NULL;
  g_autoptr(AxdsChecksumManifest) src_manifest = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *c1 = NULL;
  g_autofree char *c2 = NULL;
  g_autoptr(GError) error = NULL;
  AxdsTransferSummary summary;
  Watch watch = { 0 };
  guint whole = 0;

  test_make_mixed_tree (src, 60, 20000, 8);
  before = checksum_of (src);

  watch.cancellable = cancellable;
  watch.cancel_after = 5;
  g_assert_false (axds_transfer_directory (src, dst, 1,
                                           AXDS_TRANSFER_VERIFY_INTEGRITY |
                                           AXDS_TRANSFER_REMOVE_SOURCE,
                                           &summary, watch_cb, &watch, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (summary.files_copied, >=, 5);
  g_assert_cmpuint (summary.files_copied, <, 66);

  after = checksum_of (src);
  g_assert_cmpstr (before, ==, after);

  /* Whatever reached the destination is whole and right. */
  c1 = axds_calculate_directory_checksum (src, 1, FALSE, NULL, &src_manifest, NULL, NULL, NULL,
                                          &error);
  g_assert_no_error (error);
  c2 = axds_calculate_directory_checksum (dst, 1, FALSE, NULL, &dst_manifest, NULL, NULL, NULL,
                                          &error);
  g_assert_no_error (error);
  for (guint i = 0; i < axds_checksum_manifest_get_n_files (dst_manifest); i++)
    {
      const char *p = axds_checksum_manifest_get_path (dst_manifest, i);
      guint j;

      g_assert_null (strstr (p, ".axds-partial"));
      g_assert_true (axds_checksum_manifest_lookup (src_manifest, p, &j));
      g_assert_cmpstr (axds_checksum_manifest_get_digest (dst_manifest, i), ==,
                       axds_checksum_manifest_get_digest (src_manifest, j));
      whole++;
    }
  g_assert_cmpuint (whole, <, axds_checksum_manifest_get_n_files (src_manifest));

  /* The rerun finishes the job, skipping what is there. */
  g_assert_true (axds_transfer_directory (src, dst, 2, AXDS_TRANSFER_VERIFY_INTEGRITY, &summary,
                                          NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.files_skipped, >=, whole);
  assert_same_tree (src, dst);

}

typedef struct
{
  GMainLoop           *loop;
  gboolean             ok;
  AxdsTransferSummary  summary;
  GError              *error;
  guint64              n_files;
} AsyncResult;

static void
measure_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  AsyncResult *r = user_data;

  r->ok = axds_measure_directory_finish (result, &r->n_files, NULL, &r->error);
  g_main_loop_quit (r->loop);
}

static void
transfer_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  AsyncResult *r = user_data;

  r->ok = axds_transfer_directory_finish (result, &r->summary, &r->error);
  g_main_loop_quit (r->loop);
}

static void
delete_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  AsyncResult *r = user_data;

  r->ok = axds_delete_directory_finish (result, &r->error);
  g_main_loop_quit (r->loop);
}

static void
test_async (void)
{
  g_autoptr(AxdsTestDir) base = axds_test_dir_new ("async");
  g_autofree char *src = g_build_filename (base, "src", NULL);
  g_autofree char *dst = g_build_filename (base, "dst", NULL);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncResult r = { loop, FALSE, { 0 }, NULL, 0 };

  test_make_mixed_tree (src, 4, 1000, 9);
  axds_transfer_directory_async (src, dst, 2, AXDS_TRANSFER_VERIFY_INTEGRITY, NULL, NULL, NULL,
                                 NULL, transfer_done_cb, &r);
  g_main_loop_run (loop);
  g_assert_no_error (r.error);
  g_assert_true (r.ok);
  g_assert_true (r.summary.verified);
  assert_same_tree (src, dst);

  axds_measure_directory_async (dst, NULL, measure_done_cb, &r);
  g_main_loop_run (loop);
  g_assert_no_error (r.error);
  g_assert_true (r.ok);
  g_assert_cmpuint (r.n_files, ==, 4 + 7 + 1);

  axds_delete_directory_async (dst, NULL, NULL, NULL, NULL, delete_done_cb, &r);
  g_main_loop_run (loop);
  g_assert_no_error (r.error);
  g_assert_true (r.ok);
  g_assert_false (test_exists (dst, NULL));

}

/* Links anywhere in the tree are removed as links; what they point to is untouched. */
static void
test_delete_links (void)
{
  g_autoptr(AxdsTestDir) base = axds_test_dir_new ("delete");
  g_autofree char *tree = g_build_filename (base, "tree", NULL);
  g_autofree char *outside = g_build_filename (base, "outside", NULL);
  g_autofree char *outside_file = g_build_filename (outside, "keep.txt", NULL);
  g_autofree char *link = g_build_filename (base, "link-to-outside", NULL);
  g_autofree char *missing = g_build_filename (base, "missing", NULL);
  g_autofree char *fifo = g_build_filename (tree, "a", "fifo", NULL);
  g_autoptr(GError) error = NULL;
  guint64 n_files = 0, n_bytes = 0;
  Watch watch = { 0 };

  test_write_string (outside, "keep.txt", "keep me");
  test_write_string (outside, "sub/keep2.txt", "and me");
  test_make_mixed_tree (tree, 20, 100, 10);
  test_symlink (tree, outside, "a/dir_link");
  test_symlink (tree, outside_file, "Z/file_link");
  test_symlink (tree, "nowhere", "dangling");
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);

  /* What a confirmation names: every non-directory entry, and the bytes of regular files. */
  g_assert_true (axds_measure_directory (tree, &n_files, &n_bytes, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_files, ==, 20 + 7 + 3 + 1);
  g_assert_cmpuint (n_bytes, ==, 20 * 100 + 13 + 5 + 22 + 10 + 6);

  g_assert_true (axds_delete_directory (tree, watch_cb, &watch, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (test_exists (tree, NULL));
  g_assert_cmpuint (watch.last.files_total, ==, n_files);
  g_assert_cmpuint (watch.last.bytes_total, ==, n_bytes);
  g_assert_true (test_exists (outside, "keep.txt"));
  g_assert_true (test_exists (outside, "sub/keep2.txt"));
  g_assert_cmpint (watch.last.phase, ==, AXDS_PROGRESS_PHASE_DELETING);
  g_assert_cmpuint (watch.last.files_done, ==, watch.last.files_total);

  /* The path itself a link: only the link goes. */
  g_assert_cmpint (symlink (outside, link), ==, 0);
  g_assert_true (axds_delete_directory (link, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (test_exists (link, NULL));
  g_assert_true (test_exists (outside, "keep.txt"));

  /* Nothing there: nothing to do. Not a directory: refused. */
  g_assert_true (axds_delete_directory (missing, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (axds_delete_directory (outside_file, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
  g_assert_true (test_exists (outside_file, NULL));

}

static void
add_file_cb (const AxdsProgress *progress,
             gpointer            user_data)
{
  const char *sub = user_data;

  /* Once every file is gone, another one appears: its directory cannot be removed. */
  if (progress->files_total > 0 && progress->files_done == progress->files_total)
    test_write_string (sub, "late.txt", "arrived after the scan");
}

/* A directory that keeps refusing is tried 5 times, 500 ms apart, then reported. */
static void
test_delete_retries (void)
{
  g_autoptr(AxdsTestDir) base = axds_test_dir_new ("retry");
  g_autofree char *tree = g_build_filename (base, "tree", NULL);
  g_autofree char *sub = g_build_filename (tree, "sub", NULL);
  g_autoptr(GError) error = NULL;
  gint64 start;

  test_write_string (tree, "sub/file.txt", "x");
  start = g_get_monotonic_time ();
  g_assert_false (axds_delete_directory (tree, add_file_cb, sub, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_EMPTY);
  g_assert_nonnull (strstr (error->message, "after 5 attempts"));
  g_assert_nonnull (strstr (error->message, "tree/sub"));
  /* Four pauses between five tries (a lower bound only: never a timing upper bound). */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 4 * AXDS_DELETE_DIRECTORY_RETRY_US);
  g_assert_true (test_exists (sub, "late.txt"));

}

/* A read-only source: a bind mount of it over itself, read-only, in a mount namespace of the
 * test's own (and a user namespace when not root), so root's rights do not matter and nothing
 * outside the test process sees it. */
typedef struct
{
  const char    *dir;
  unsigned long  locked;     /* nosuid, nodev, noexec of the mount below: kept, or EPERM */
  gboolean       user_ns;
  char           uid_map[64];
  char           gid_map[64];
} ReadOnly;

static void
read_only_init (ReadOnly   *ro,
                const char *dir)
{
  struct statvfs sv;

  memset (ro, 0, sizeof *ro);
  ro->dir = dir;
  g_assert_no_errno (statvfs (dir, &sv));
  ro->locked = ((sv.f_flag & ST_NOSUID) ? MS_NOSUID : 0) | ((sv.f_flag & ST_NODEV) ? MS_NODEV : 0) |
               ((sv.f_flag & ST_NOEXEC) ? MS_NOEXEC : 0);
  ro->user_ns = geteuid () != 0;
  g_snprintf (ro->uid_map, sizeof ro->uid_map, "0 %u 1", (guint) geteuid ());
  g_snprintf (ro->gid_map, sizeof ro->gid_map, "0 %u 1", (guint) getegid ());
}

static int
write_proc (const char *path,
            const char *text)
{
  int fd = open (path, O_WRONLY | O_CLOEXEC);
  ssize_t n;

  if (fd < 0)
    return errno;
  n = write (fd, text, strlen (text));
  close (fd);
  return n < 0 ? errno : 0;
}

/* Makes ro->dir read-only for this process and what it starts. System calls only: it also runs
 * in a forked child of a process that may have threads. Returns 0, or the errno of the step
 * that failed (*step names it). */
static int
enter_read_only (const ReadOnly  *ro,
                 const char     **step)
{
  char probe[PATH_MAX];
  int fd, err;

  *step = "unshare";
  if (unshare (CLONE_NEWNS | (ro->user_ns ? CLONE_NEWUSER : 0)) != 0)
    return errno;
  if (ro->user_ns)
    {
      *step = "uid_map";
      if ((err = write_proc ("/proc/self/setgroups", "deny")) != 0 ||
          (err = write_proc ("/proc/self/uid_map", ro->uid_map)) != 0 ||
          (err = write_proc ("/proc/self/gid_map", ro->gid_map)) != 0)
        return err;
    }
  /* Private first, so that nothing mounted here reaches the namespace we came from. */
  *step = "make / private";
  if (mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
    return errno;
  *step = "bind mount";
  if (mount (ro->dir, ro->dir, NULL, MS_BIND, NULL) != 0)
    return errno;
  *step = "remount read-only";
  if (mount (NULL, ro->dir, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | ro->locked, NULL) != 0)
    return errno;
  *step = "check";
  if ((gsize) snprintf (probe, sizeof probe, "%s/.probe", ro->dir) >= sizeof probe)
    return ENAMETOOLONG;
  fd = open (probe, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd >= 0)
    {
      close (fd);
      unlink (probe);
      return EEXIST;
    }
  return errno == EROFS ? 0 : errno;
}

/* Whether enter_read_only() works here, tried in a child that goes away with its namespaces. */
static char *
read_only_unavailable (const char *dir)
{
  ReadOnly ro;
  int pipe_fds[2];
  int status = 0;
  int err = 0;
  pid_t pid;

  read_only_init (&ro, dir);
  g_assert_no_errno (pipe (pipe_fds));
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      const char *step = "";
      int child_err = enter_read_only (&ro, &step);

      (void) !write (pipe_fds[1], &child_err, sizeof child_err);
      _exit (child_err == 0 ? 0 : 1);
    }
  close (pipe_fds[1]);
  if (read (pipe_fds[0], &err, sizeof err) != sizeof err)
    err = EIO;
  close (pipe_fds[0]);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  if (err == 0 && WIFEXITED (status) && WEXITSTATUS (status) == 0)
    return NULL;
  return g_strdup_printf ("cannot make a folder read-only in a private mount namespace here "
                          "(%s; needs root or unprivileged user namespaces)",
                          g_strerror (err != 0 ? err : EIO));
}

/* Runs in the subprocess: every step of a verified transfer from the read-only source. */
static void
read_only_source_case (void)
{
  g_autoptr(AxdsTestDir) base = axds_test_dir_new ("read-only");
  g_autofree char *src = g_build_filename (base, "src", NULL);
  g_autofree char *dst = g_build_filename (base, "dst", NULL);
  g_autofree char *again = g_build_filename (base, "again", NULL);
  g_autofree char *probe = g_build_filename (src, "probe.txt", NULL);
  g_autofree char *checksum = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *after = NULL;
  g_autofree char *sent = NULL;
  g_autoptr(GError) error = NULL;
  AxdsTransferSummary summary;
  Watch watch = { 0 };
  const char *step = "";
  ReadOnly ro;
  int err;

  test_make_mixed_tree (src, 12, 30000, 8);
  /* Before anything starts a thread: a user namespace is for single-threaded processes. */
  read_only_init (&ro, src);
  err = enter_read_only (&ro, &step);
  if (err != 0)
    g_error ("cannot make %s read-only (%s): %s", src, step, g_strerror (err));
  g_assert_false (g_file_set_contents (probe, "x", 1, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ROFS);
  g_clear_error (&error);
  checksum = checksum_of (src);

  /* The checksum stays in memory, verifies the copy and goes with it; the source is as it
   * was. */
  g_assert_true (axds_transfer_directory (src, dst, 2, AXDS_TRANSFER_VERIFY_INTEGRITY, &summary,
                                          NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (summary.verified);
  g_assert_false (summary.checksum_reused);
  g_assert_cmpstr (summary.checksum, ==, checksum);
  g_assert_cmpuint (summary.files_copied, ==, 12 + 6 + 1);
  sent = test_read_file (dst, AXDS_CHECKSUM_FILE_NAME, NULL);
  g_assert_cmpstr (sent, ==, checksum);
  g_assert_false (test_exists (src, AXDS_CHECKSUM_FILE_NAME));
  copied = checksum_of (dst);
  g_assert_cmpstr (copied, ==, checksum);

  /* A rerun resumes, verified again from the source (it still has no checksum file). */
  g_assert_true (axds_transfer_directory (src, dst, 1, AXDS_TRANSFER_VERIFY_INTEGRITY, &summary,
                                          NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.files_copied, ==, 0);
  g_assert_true (summary.verified);
  g_assert_false (summary.checksum_reused);

  /* The checksum in memory still catches a corrupted copy. */
  watch.corrupt = g_build_filename (again, "bulk", "02", "file-0002.bin", NULL);
  g_assert_false (axds_transfer_directory (src, again, 2, AXDS_TRANSFER_VERIFY_INTEGRITY,
                                           &summary, watch_cb, &watch, NULL, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "bulk/02/file-0002.bin"));
  g_clear_error (&error);
  g_free (watch.corrupt);

  /* Moving out of a read-only folder cannot remove it: said so, after a verified copy, and
   * the source is whole. */
  g_assert_false (axds_transfer_directory (src, dst, 2,
                                           AXDS_TRANSFER_VERIFY_INTEGRITY |
                                           AXDS_TRANSFER_REMOVE_SOURCE,
                                           &summary, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY);
  g_assert_true (summary.verified);
  g_assert_false (summary.source_removed);
  g_clear_error (&error);
  after = checksum_of (src);
  g_assert_cmpstr (after, ==, checksum);
  g_assert_true (test_exists (src, "readme.txt"));

  /* Writable again for the clean-up. */
  g_assert_no_errno (umount2 (src, MNT_DETACH));
}

static void
test_read_only_source (void)
{
  g_autoptr(AxdsTestDir) scratch = NULL;
  g_autofree char *why = NULL;

  if (g_test_subprocess ())
    {
      read_only_source_case ();
      return;
    }

  scratch = axds_test_dir_new ("read-only-probe");
  why = read_only_unavailable (scratch);
  if (why != NULL)
    {
      g_test_skip (why);
      return;
    }
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/axds/transfer/round-trip", test_round_trip);
  g_test_add_func ("/axds/transfer/corruption-detected", test_corruption_detected);
  g_test_add_func ("/axds/transfer/stale-checksum", test_stale_checksum);
  g_test_add_func ("/axds/transfer/refusals", test_refusals);
  g_test_add_func ("/axds/transfer/cancel", test_cancel);
  g_test_add_func ("/axds/transfer/async", test_async);
  g_test_add_func ("/axds/transfer/read-only-source", test_read_only_source);
  g_test_add_func ("/axds/filesystem/delete-links", test_delete_links);
  g_test_add_func ("/axds/filesystem/delete-retries", test_delete_retries);

  return g_test_run ();
}

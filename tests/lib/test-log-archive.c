/* test-log-archive.c
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/resource.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include <axds.h>

#include "axds-test-utils.h"
#include "test-log-entries.h"
#include "test-vectors.h"

static char *
vector_path (const char *name)
{
  return test_vector_path ("npz", name, NULL);
}

static void
copy_vector_entries (const char *dir)
{
  g_autofree char *entries = vector_path ("entries");
  g_autoptr(GDir) d = g_dir_open (entries, 0, NULL);
  const char *entry;

  while ((entry = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *from = g_build_filename (entries, entry, NULL);
      g_autofree char *to = g_build_filename (dir, entry, NULL);
      g_autofree char *contents = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (from, &contents, &len, NULL));
      g_assert_true (g_file_set_contents (to, contents, (gssize) len, NULL));
    }
}

static void
check_expected_read (AxdsLogArchive *archive)
{
  g_autofree char *path = vector_path ("expected_read.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) times = NULL;
  g_autoptr(GPtrArray) payloads = NULL;
  JsonObject *expected;
  JsonArray *messages;
  AxdsLogArchiveIter iter;
  AxdsLogMessage msg;
  guint i = 0;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  expected = json_node_get_object (json_parser_get_root (parser));
  expected = json_object_get_object_member (json_object_get_object_member (expected, "archives"),
                                            "1_log.npz");
  messages = json_object_get_array_member (expected, "messages");
  g_assert_cmpuint (axds_log_archive_get_onset_us (archive), ==,
                    (guint64) json_object_get_int_member (expected, "onset_timestamp_us"));
  g_assert_cmpuint (axds_log_archive_get_n_messages (archive), ==,
                    json_object_get_int_member (expected, "message_count"));

  axds_log_archive_iter_init (&iter, archive, NULL);
  while (axds_log_archive_iter_next (&iter, &msg, &error))
    {
      JsonObject *m = json_array_get_object_element (messages, i);
      const char *hex = json_object_get_string_member (m, "payload_hex");

      g_assert_cmpuint (msg.timestamp_us, ==,
                        (guint64) json_object_get_int_member (m, "timestamp_us"));
      g_assert_cmpuint (msg.source_id, ==, 1);
      g_assert_cmpuint (msg.payload_len, ==, strlen (hex) / 2);
      for (gsize j = 0; j < msg.payload_len; j++)
        g_assert_cmpuint (msg.payload[j], ==, (guint8) (g_ascii_xdigit_value (hex[2 * j]) << 4 |
                                                        g_ascii_xdigit_value (hex[2 * j + 1])));
      i++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (i, ==, json_array_get_length (messages));

  g_assert_true (axds_log_archive_read_all (archive, &times, &payloads, &error));
  g_assert_cmpuint (times->len, ==, i);
  g_assert_cmpuint (payloads->len, ==, i);
  g_assert_cmpuint (g_array_index (times, guint64, 3), ==, 1701000000000000);
  g_assert_cmpuint (g_bytes_get_size (g_ptr_array_index (payloads, 3)), ==, 100);
}

static void
test_read_vectors (void)
{
  g_autofree char *path = vector_path ("1_log.npz");
  g_autoptr(AxdsLogArchive) archive = NULL;
  g_autoptr(AxdsLogArchive) with_onset = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) batches = NULL;
  AxdsLogMessage msg;
  guint index;

  archive = axds_log_archive_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (axds_log_archive_get_path (archive), ==, path);
  check_expected_read (archive);
  g_assert_cmpstr (axds_log_archive_get_key (archive, 0), ==, "001_00000000000000001000");
  g_assert_true (axds_log_archive_find_key (archive, "001_00000000000000003000", &index));
  g_assert_cmpuint (index, ==, 2);
  g_assert_false (axds_log_archive_find_key (archive, "001_00000000000000000000", NULL));
  batches = axds_log_archive_get_batches (archive, 4, 4);
  g_assert_cmpuint (batches->len, ==, 1);
  g_assert_cmpuint (g_array_index (batches, AxdsLogBatch, 0).count, ==, 4);

  /* A worker given the onset skips discovery and reads the same messages. */
  with_onset = axds_log_archive_open_with_onset (path, 1700000000000000, &error);
  g_assert_no_error (error);
  check_expected_read (with_onset);
  g_assert_true (axds_log_archive_get_message (with_onset, 3, &msg, &error));
  g_assert_cmpuint (msg.elapsed_us, ==, 1000000000000);
}

static void
progress_cb (const AxdsProgress *progress,
             gpointer            user_data)
{
  GArray *seen = user_data;
  guint64 record[3] = { progress->phase, progress->files_done, progress->files_total };

  g_assert_cmpuint (progress->files_done, <=, progress->files_total);
  g_array_append_vals (seen, record, 3);
}

static void
test_assemble_vectors (void)
{
  g_autoptr(AxdsTestDir) dir = axds_test_dir_new_tmpfs ("archive");
  g_autofree char *ours_path = g_build_filename (dir, "1_log.npz", NULL);
  g_autofree char *expected_path = vector_path ("1_log.npz");
  g_autofree char *ours = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autoptr(GError) error = NULL;
  g_autoptr(AxdsLogArchive) two = NULL;
  g_autofree char *two_path = g_build_filename (dir, "2_log.npz", NULL);
  gsize ours_len, expected_len;
  gboolean saw_verify = FALSE;

  copy_vector_entries (dir);
  g_assert_true (axds_log_assemble_archives (dir, 2, AXDS_LOG_ASSEMBLE_KEEP_SOURCES |
                                             AXDS_LOG_ASSEMBLE_VERIFY, progress_cb, seen, NULL,
                                             &error));
  g_assert_no_error (error);
  g_assert_cmpuint (axds_test_count_files (dir, ".npy"), ==, 8);
  g_assert_cmpuint (axds_test_count_files (dir, ".npz"), ==, 2);
  g_assert_cmpuint (axds_test_count_files (dir, ".tmp"), ==, 0);
  for (guint i = 0; i < seen->len; i += 3)
    if (g_array_index (seen, guint64, i) == AXDS_PROGRESS_PHASE_VERIFYING &&
        g_array_index (seen, guint64, i + 1) == 8)
      saw_verify = TRUE;
  g_assert_true (saw_verify);

  /* Byte-identical to what the Python library assembled from the same entries. */
  g_assert_true (g_file_get_contents (ours_path, &ours, &ours_len, NULL));
  g_assert_true (g_file_get_contents (expected_path, &expected, &expected_len, NULL));
  g_assert_cmpmem (ours, ours_len, expected, expected_len);

  two = axds_log_archive_open (two_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (axds_log_archive_get_n_messages (two), ==, 2);

  /* Python's defaults remove the sources. */
  g_assert_true (axds_log_assemble_archives (dir, 0, AXDS_LOG_ASSEMBLE_NONE, NULL, NULL, NULL,
                                             &error));
  g_assert_no_error (error);
  g_assert_cmpuint (axds_test_count_files (dir, ".npy"), ==, 0);
  g_assert_cmpuint (axds_test_count_files (dir, ".npz"), ==, 2);
  /* Nothing left to assemble is fine. */
  g_assert_true (axds_log_assemble_archives (dir, 0, AXDS_LOG_ASSEMBLE_NO_MMAP, NULL, NULL, NULL,
                                             &error));
}

static void
test_assemble_cancel_and_errors (void)
{
  g_autoptr(AxdsTestDir) dir = axds_test_dir_new_tmpfs ("archive");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *bad = g_build_filename (dir, "004_00000000000000000001.npy", NULL);

  copy_vector_entries (dir);
  g_cancellable_cancel (cancellable);
  g_assert_false (axds_log_assemble_archives (dir, 1, AXDS_LOG_ASSEMBLE_NONE, NULL, NULL,
                                              cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  /* The folder is as it was. */
  g_assert_cmpuint (axds_test_count_files (dir, ".npy"), ==, 8);
  g_assert_cmpuint (axds_test_count_files (dir, ".npz"), ==, 0);
  g_assert_cmpuint (axds_test_count_files (dir, ".tmp"), ==, 0);

  /* A damaged entry fails the whole run, and removes nothing. */
  g_assert_true (g_file_set_contents (bad, "not numpy", -1, NULL));
  g_assert_false (axds_log_assemble_archives (dir, 2, AXDS_LOG_ASSEMBLE_NONE, NULL, NULL, NULL,
                                              &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_cmpuint (axds_test_count_files (dir, ".npy"), ==, 9);
  g_assert_cmpuint (axds_test_count_files (dir, ".npz"), ==, 0);
  g_assert_cmpuint (axds_test_count_files (dir, ".tmp"), ==, 0);

  g_assert_false (axds_log_assemble_archives ("/nonexistent/folder", 1, 0, NULL, NULL, NULL,
                                              &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

typedef struct
{
  GError   *error;
  gboolean  done;
} AsyncResult;

static void
assemble_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  AsyncResult *res = user_data;

  axds_log_assemble_archives_finish (result, &res->error);
  res->done = TRUE;
}

static void
open_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  AxdsLogArchive **archive = user_data;

  *archive = axds_log_archive_open_finish (result, NULL);
  g_assert_nonnull (*archive);
}

static void
open_fails_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GError **error = user_data;

  g_assert_null (axds_log_archive_open_finish (result, error));
  g_assert_nonnull (*error);
}

/* The async opening gives the archive the synchronous one gives, and its errors. */
static void
test_open_async (void)
{
  g_autofree char *path = vector_path ("1_log.npz");
  g_autoptr(AxdsLogArchive) archive = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) missing = NULL;
  g_autoptr(GError) cancelled = NULL;

  axds_log_archive_open_async (path, NULL, open_done_cb, &archive);
  while (archive == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (axds_log_archive_get_path (archive), ==, path);
  check_expected_read (archive);

  axds_log_archive_open_async ("/nonexistent/1_log.npz", NULL, open_fails_cb, &missing);
  while (missing == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (missing, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  g_cancellable_cancel (cancellable);
  axds_log_archive_open_async (path, cancellable, open_fails_cb, &cancelled);
  while (cancelled == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (cancelled, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* 100,000 entries under an open-file limit of 1,024, mapped: the Python version's failure. */
static void
test_assemble_many_entries (void)
{
  g_autoptr(AxdsTestDir) dir = axds_test_dir_new_tmpfs ("archive");
  g_autofree char *path = g_build_filename (dir, "1_log.npz", NULL);
  g_autoptr(AxdsLogArchive) archive = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) batches = NULL;
  GMainContext *context = g_main_context_default ();
  struct rlimit old_limit, limit;
  guint8 payload[64];
  guint64 onset = G_GUINT64_CONSTANT (1700000000000000);
  guint64 onset_le = GUINT64_TO_LE (onset);
  const guint n = 100000;
  guint covered = 0;
  AsyncResult res = { NULL, FALSE };

  test_write_log_entry (dir, 1, 0, (guint8 *) &onset_le, 8);
  for (guint i = 1; i < n; i++)
    {
      memset (payload, i & 0xff, sizeof payload);
      test_write_log_entry (dir, 1, (guint64) i * 10, payload, sizeof payload);
    }

  g_assert_cmpint (getrlimit (RLIMIT_NOFILE, &old_limit), ==, 0);
  limit = old_limit;
  limit.rlim_cur = MIN (old_limit.rlim_cur, 1024);
  g_assert_cmpint (setrlimit (RLIMIT_NOFILE, &limit), ==, 0);

  axds_log_assemble_archives_async (dir, 2, AXDS_LOG_ASSEMBLE_VERIFY, NULL, NULL, NULL, NULL,
                                    assemble_done_cb, &res);
  while (!res.done)
    g_main_context_iteration (context, TRUE);
  g_assert_no_error (res.error);
  g_assert_cmpuint (axds_test_count_files (dir, ".npy"), ==, 0);
  g_assert_cmpint (setrlimit (RLIMIT_NOFILE, &old_limit), ==, 0);

  archive = axds_log_archive_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (axds_log_archive_get_n_messages (archive), ==, n - 1);
  g_assert_cmpuint (axds_log_archive_get_onset_us (archive), ==, onset);
  batches = axds_log_archive_get_batches (archive, 2, 4);
  g_assert_cmpuint (batches->len, ==, 8);
  for (guint b = 0; b < batches->len; b++)
    {
      const AxdsLogBatch *batch = &g_array_index (batches, AxdsLogBatch, b);
      AxdsLogArchiveIter iter;
      AxdsLogMessage msg;
      guint i = batch->start;

      g_assert_cmpuint (batch->start, ==, covered);
      axds_log_archive_iter_init (&iter, archive, batch);
      while (axds_log_archive_iter_next (&iter, &msg, &error))
        {
          g_assert_cmpuint (msg.timestamp_us, ==, onset + (guint64) (i + 1) * 10);
          g_assert_cmpuint (msg.payload_len, ==, 64);
          g_assert_cmpuint (msg.payload[63], ==, (i + 1) & 0xff);
          i++;
        }
      g_assert_no_error (error);
      covered += batch->count;
    }
  g_assert_cmpuint (covered, ==, n - 1);
}

/* Damages the archive being verified, as a bad disk would, at the start of verification. */
static void
corrupt_progress_cb (const AxdsProgress *progress,
                     gpointer            user_data)
{
  const char *dir = user_data;
  g_autoptr(GDir) d = NULL;
  const char *entry;

  if (progress->phase != AXDS_PROGRESS_PHASE_VERIFYING || progress->files_done != 0)
    return;
  d = g_dir_open (dir, 0, NULL);
  while ((entry = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (entry, ".1_log.npz."))
      {
        g_autofree char *path = g_build_filename (dir, entry, NULL);
        g_autofree char *contents = NULL;
        gsize len;

        g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
        /* A byte of the first entry's payload (local header 78 + .npy header 128 + 9). */
        contents[78 + 128 + 9 + 3] ^= 0x40;
        g_assert_true (g_file_set_contents (path, contents, (gssize) len, NULL));
      }
}

static void
test_assemble_verify_detects_corruption (void)
{
  g_autoptr(AxdsTestDir) dir = axds_test_dir_new_tmpfs ("archive");
  g_autoptr(GError) error = NULL;

  copy_vector_entries (dir);
  g_assert_false (axds_log_assemble_archives (dir, 1, AXDS_LOG_ASSEMBLE_VERIFY,
                                              corrupt_progress_cb, dir, NULL, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT);
  /* Nothing was removed and no archive appeared. */
  g_assert_cmpuint (axds_test_count_files (dir, ".npy"), ==, 8);
  g_assert_cmpuint (axds_test_count_files (dir, ".npz"), ==, 0);
  g_assert_cmpuint (axds_test_count_files (dir, ".tmp"), ==, 0);
}

/* Entries past the read buffer (grown) and past the mapping threshold (mapped), both ways. */
static void
test_assemble_large_entries (void)
{
  const gsize sizes[] = { 65536 - 137, 100 * 1024, 300 * 1024, 1 };
  guint64 onset_le = GUINT64_TO_LE (G_GUINT64_CONSTANT (1600000000000000));

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(AxdsTestDir) dir = axds_test_dir_new_tmpfs ("archive");
      g_autofree char *path = g_build_filename (dir, "9_log.npz", NULL);
      g_autoptr(AxdsLogArchive) archive = NULL;
      g_autoptr(GError) error = NULL;

      test_write_log_entry (dir, 9, 0, (guint8 *) &onset_le, 8);
      for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
        {
          g_autofree guint8 *payload = g_malloc (sizes[i]);

          for (gsize j = 0; j < sizes[i]; j++)
            payload[j] = (guint8) (i + j * 13);
          test_write_log_entry (dir, 9, i + 1, payload, sizes[i]);
        }
      g_assert_true (axds_log_assemble_archives (dir, 1, AXDS_LOG_ASSEMBLE_VERIFY |
                                                 (round ? AXDS_LOG_ASSEMBLE_NO_MMAP : 0),
                                                 NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      archive = axds_log_archive_open (path, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (axds_log_archive_get_n_messages (archive), ==, G_N_ELEMENTS (sizes));
      for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
        {
          AxdsLogMessage msg;

          g_assert_true (axds_log_archive_get_message (archive, i, &msg, &error));
          g_assert_cmpuint (msg.payload_len, ==, sizes[i]);
          for (gsize j = 0; j < sizes[i]; j++)
            if (msg.payload[j] != (guint8) (i + j * 13))
              g_error ("entry %u differs at byte %" G_GSIZE_FORMAT, i, j);
        }
    }
}

static void
test_reader_errors (void)
{
  g_autoptr(AxdsTestDir) dir = axds_test_dir_new_tmpfs ("archive");
  g_autofree char *missing = g_build_filename (dir, "9_log.npz", NULL);
  g_autofree char *no_onset = g_build_filename (dir, "3_log.npz", NULL);
  g_autofree char *bad_onset = g_build_filename (dir, "4_log.npz", NULL);
  g_autofree char *not_zip = g_build_filename (dir, "5_log.npz", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AxdsLogArchive) a = NULL;
  guint8 payload[3] = { 1, 2, 3 };

  a = axds_log_archive_open (missing, &error);
  g_assert_null (a);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  test_write_log_entry (dir, 3, 5, payload, 3);
  g_assert_true (axds_log_assemble_archives (dir, 1, 0, NULL, NULL, NULL, &error));
  a = axds_log_archive_open (no_onset, &error);
  g_assert_null (a);
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  test_write_log_entry (dir, 4, 0, payload, 3);
  g_assert_true (axds_log_assemble_archives (dir, 1, 0, NULL, NULL, NULL, &error));
  a = axds_log_archive_open (bad_onset, &error);
  g_assert_null (a);
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (not_zip, "PK but not really", -1, NULL));
  a = axds_log_archive_open (not_zip, &error);
  g_assert_null (a);
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT);
}

/* A folder with no entry is an error naming it; one assembled before is done already. */
static void
test_assemble_empty (void)
{
  g_autoptr(AxdsTestDir) base = axds_test_dir_new ("assemble-empty");
  g_autofree char *empty = g_build_filename (base, "behavior_data_log", NULL);
  g_autofree char *other = g_build_filename (base, "notes", NULL);
  g_autofree char *done = g_build_filename (base, "done_data_log", NULL);
  g_autofree char *archive = g_build_filename (done, "1_log.npz", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  AsyncResult res = { 0 };
  gsize before_len = 0, after_len = 0;
  const guint8 payload[3] = { 1, 2, 3 };
  static const char * const not_entries[] = { "readme.txt", "1_abc.npy", ".1_log.npz.42.tmp" };

  /* Nothing at all. */
  g_assert_cmpint (g_mkdir_with_parents (empty, 0755), ==, 0);
  g_assert_false (axds_log_assemble_archives (empty, 1, AXDS_LOG_ASSEMBLE_NONE, NULL, NULL, NULL,
                                              &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "No log entries"));
  g_assert_nonnull (strstr (error->message, empty));
  g_clear_error (&error);

  /* Files that are not entries (nor archives), and a temporary archive of a failed run, do
   * not count; they are left alone. */
  g_assert_cmpint (g_mkdir_with_parents (other, 0755), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (not_entries); i++)
    {
      g_autofree char *path = g_build_filename (other, not_entries[i], NULL);

      axds_test_write_file (path, "x", 1);
    }
  g_assert_false (axds_log_assemble_archives (other, 0, AXDS_LOG_ASSEMBLE_VERIFY, NULL, NULL,
                                              NULL, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, other));
  g_clear_error (&error);
  g_assert_cmpuint (axds_test_count_files (other, ""), ==, 3);

  /* The same through the _async pair. */
  axds_log_assemble_archives_async (empty, 0, AXDS_LOG_ASSEMBLE_NONE, NULL, NULL, NULL, NULL,
                                    assemble_done_cb, &res);
  while (!res.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (res.error, AXDS_ERROR, AXDS_ERROR_NOT_FOUND);
  g_clear_error (&res.error);

  /* Assembled before, entries gone: nothing to do, which is success, and nothing changes. */
  g_assert_cmpint (g_mkdir_with_parents (done, 0755), ==, 0);
  test_write_log_entry (done, 1, 0, payload, 3);
  test_write_log_entry (done, 1, 7, payload, 3);
  g_assert_true (axds_log_assemble_archives (done, 1, AXDS_LOG_ASSEMBLE_NONE, NULL, NULL, NULL,
                                             &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (archive, &before, &before_len, NULL));
  g_assert_true (axds_log_assemble_archives (done, 1, AXDS_LOG_ASSEMBLE_NONE, NULL, NULL, NULL,
                                             &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (archive, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
  g_assert_cmpuint (axds_test_count_files (done, ""), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/axds/log-archive/read-vectors", test_read_vectors);
  g_test_add_func ("/axds/log-archive/open-async", test_open_async);
  g_test_add_func ("/axds/log-archive/assemble-vectors", test_assemble_vectors);
  g_test_add_func ("/axds/log-archive/assemble-cancel-and-errors", test_assemble_cancel_and_errors);
  g_test_add_func ("/axds/log-archive/assemble-many-entries", test_assemble_many_entries);
  g_test_add_func ("/axds/log-archive/assemble-large-entries", test_assemble_large_entries);
  g_test_add_func ("/axds/log-archive/assemble-verify-detects-corruption",
                   test_assemble_verify_detects_corruption);
  g_test_add_func ("/axds/log-archive/reader-errors", test_reader_errors);
  g_test_add_func ("/axds/log-archive/assemble-empty", test_assemble_empty);
  return g_test_run ();
}

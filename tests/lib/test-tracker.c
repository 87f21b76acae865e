/* test-tracker.c
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include <axds.h>

#include "axds-test-utils.h"
#include "axds-tracker-private.h"
#include "axds-tracker-yaml-private.h"
#include "axds-yaml-private.h"
#include "test-scale.h"
#include "test-vectors.h"

/* Under AddressSanitizer with exact leak stacks every allocation is slow: fewer random rounds. */
#if defined(__SANITIZE_ADDRESS__)
# define RANDOM_ROUNDS 2000
#else
# define RANDOM_ROUNDS 20000
#endif

/* Helper processes need no exact leak stacks (they run no isolated-dirs test cases), and the
 * slow unwinding would make the stress tests crawl under AddressSanitizer. Set before any case
 * runs: the helpers inherit it, and this process read its own options at start. */
static void
set_helper_environment (void)
{
  const char *asan = g_getenv ("ASAN_OPTIONS");

  if (asan != NULL)
    {
      g_autofree char *fast = g_strconcat (asan, ":fast_unwind_on_malloc=1", NULL);
      g_setenv ("ASAN_OPTIONS", fast, TRUE);
    }
  /* The lock is under test, not the disk: fsync would only make the run slower and noisier. */
  g_setenv ("AXDS_TRACKER_NO_SYNC", "1", TRUE);
}

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = axds_test_dir_new ("tracker");
  f->path = g_build_filename (f->dir, "processing_tracker.yaml", NULL);
}

/* Lists the folder: no temporary file may be left behind by any write. */
static void
assert_no_temp_files (const char *dir_path)
{
  GDir *dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_suffix (name, ".tmp"));
  g_dir_close (dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  assert_no_temp_files (f->dir);
  axds_test_remove_tree (f->dir);
  g_assert_false (g_file_test (f->dir, G_FILE_TEST_EXISTS));
  g_free (f->dir);
  g_free (f->path);
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, NULL, &error);
  g_assert_no_error (error);
  return data;
}

static void
write_text (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

/* Job IDs. */

static void
test_job_id_vectors (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  JsonObject *root;
  JsonArray *vectors, *errors;

  path = test_vector_path ("job_ids.json", NULL);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  vectors = json_object_get_array_member (root, "vectors");
  g_assert_cmpuint (json_array_get_length (vectors), >, 10);
  for (guint i = 0; i < json_array_get_length (vectors); i++)
    {
      JsonObject *v = json_array_get_object_element (vectors, i);
      const char *hex = json_object_get_string_member (v, "hashed_utf8_hex");
      g_autofree char *id = NULL;
      gboolean has_nul = FALSE;

      /* The C API takes nul-terminated strings: a name holding U+0000 cannot be passed. */
      for (gsize k = 0; hex[k] && hex[k + 1]; k += 2)
        if (hex[k] == '0' && hex[k + 1] == '0')
          has_nul = TRUE;
      if (has_nul)
        {
          g_test_message ("vector %u holds a NUL byte: not representable, skipped", i);
          continue;
        }
      id = axds_tracker_generate_job_id (json_object_get_string_member (v, "job_name"),
                                         json_object_get_string_member (v, "specifier"),
                                         &error);
      g_assert_no_error (error);
      g_assert_cmpstr (id, ==, json_object_get_string_member (v, "job_id"));
    }

  errors = json_object_get_array_member (root, "errors");
  g_assert_cmpuint (json_array_get_length (errors), >, 0);
  for (guint i = 0; i < json_array_get_length (errors); i++)
    {
      JsonObject *v = json_array_get_object_element (errors, i);
      g_autoptr(GError) local = NULL;
      g_autofree char *id = axds_tracker_generate_job_id (json_object_get_string_member (v, "job_name"),
                                                          json_object_get_string_member (v, "specifier"),
                                                          &local);
      g_assert_null (id);
      g_assert_error (local, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT);
      g_assert_cmpstr (local->message, ==, json_object_get_string_member (v, "message"));
    }

  /* NULL and "" are the same: no specifier. */
  {
    g_autofree char *a = axds_tracker_generate_job_id ("process_data", NULL, NULL);
    g_assert_cmpstr (a, ==, "3f8f3f89b15a4a7c");
  }
  {
    g_autoptr(GError) local = NULL;
    g_autofree char *bad = axds_tracker_generate_job_id ("\xff\xfe", "", &local);
    g_assert_null (bad);
    g_assert_error (local, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT);
  }
}

static void
test_status_strings (void)
{
  AxdsProcessingStatus status = AXDS_PROCESSING_STATUS_SCHEDULED;

  g_assert_cmpstr (axds_processing_status_to_string (AXDS_PROCESSING_STATUS_SCHEDULED), ==, "SCHEDULED");
  g_assert_cmpstr (axds_processing_status_to_string (AXDS_PROCESSING_STATUS_RUNNING), ==, "RUNNING");
  g_assert_cmpstr (axds_processing_status_to_string (AXDS_PROCESSING_STATUS_SUCCEEDED), ==, "SUCCEEDED");
  g_assert_cmpstr (axds_processing_status_to_string (AXDS_PROCESSING_STATUS_FAILED), ==, "FAILED");
  g_assert_cmpstr (axds_processing_status_to_string (42), ==, "UNKNOWN");
  g_assert_true (axds_processing_status_from_string ("failed", &status));
  g_assert_cmpint (status, ==, AXDS_PROCESSING_STATUS_FAILED);
  g_assert_true (axds_processing_status_from_string ("Running", &status));
  g_assert_cmpint (status, ==, AXDS_PROCESSING_STATUS_RUNNING);
  g_assert_true (axds_processing_status_from_string ("2", &status));
  g_assert_cmpint (status, ==, AXDS_PROCESSING_STATUS_SUCCEEDED);
  g_assert_false (axds_processing_status_from_string ("done", &status));
  g_assert_false (axds_processing_status_from_string ("4", &status));
  g_assert_false (axds_processing_status_from_string (NULL, &status));
  g_assert_true (G_TYPE_IS_ENUM (AXDS_TYPE_PROCESSING_STATUS));
}

/* Vectors: what the Python library wrote loads as it should, and writes back byte for byte. */

static void
check_vector_document (const char *name,
                       JsonObject *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_vector_path ("tracker", name, NULL);
  g_autofree char *data = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GString) fast = g_string_new (NULL);
  g_autoptr(GString) slow = g_string_new (NULL);
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  JsonObject *jobs = json_object_get_object_member (expected, "jobs");
  g_autoptr(GList) members = json_object_get_members (jobs);
  gsize length = 0;
  guint i = 0;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  g_checksum_update (sum, (const guchar *) data, (gssize) length);
  g_assert_cmpstr (g_checksum_get_string (sum), ==, json_object_get_string_member (expected, "sha256"));

  records = _axds_tracker_parse (data, length, path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, g_list_length (members));

  /* Key order as in the file; every field as the Python loader saw it. */
  for (GList *l = members; l != NULL; l = l->next, i++)
    {
      AxdsJobRecord *r = g_ptr_array_index (records, i);
      JsonObject *job = json_object_get_object_member (jobs, l->data);
      JsonNode *node;

      g_assert_cmpstr (r->id, ==, l->data);
      g_assert_cmpstr (r->job_name, ==, json_object_get_string_member (job, "job_name"));
      g_assert_cmpstr (r->specifier, ==, json_object_get_string_member (job, "specifier"));
      g_assert_cmpint (r->status, ==, json_object_get_int_member (job, "status"));
      g_assert_cmpstr (axds_processing_status_to_string (r->status), ==,
                       json_object_get_string_member (job, "status_name"));
      g_assert_cmpstr (r->executor_id, ==,
                       json_object_get_string_member_with_default (job, "executor_id", NULL));
      g_assert_cmpstr (r->error_message, ==,
                       json_object_get_string_member_with_default (job, "error_message", NULL));
      node = json_object_get_member (job, "started_at");
      g_assert_cmpint (r->has_started_at, ==, !JSON_NODE_HOLDS_NULL (node));
      if (r->has_started_at)
        g_assert_cmpuint (r->started_at, ==, (guint64) json_node_get_int (node));
      node = json_object_get_member (job, "completed_at");
      g_assert_cmpint (r->has_completed_at, ==, !JSON_NODE_HOLDS_NULL (node));
      /* json-glib reads 2^64-1 as a double; compare through the text of the file instead. */
      if (r->has_completed_at && r->completed_at <= G_MAXINT64)
        g_assert_cmpuint (r->completed_at, ==, (guint64) json_node_get_int (node));
    }

  g_assert_true (_axds_tracker_render_document (records, FALSE, fast, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (fast->str, ==, data);
  g_assert_true (_axds_tracker_render_document (records, TRUE, slow, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (slow->str, ==, data);
}

static void
test_yaml_vectors (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  JsonObject *documents;
  const char *names[] = { "tracker_all_statuses.yaml", "tracker_tricky_strings.yaml",
                          "tracker_empty.yaml" };
  path = test_vector_path ("tracker", "expected_structures.json", NULL);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  documents = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                             "documents");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    check_vector_document (names[i], json_object_get_object_member (documents, names[i]));
}

/* The whole-file path: copy a vector, change a job through the public API and back, and the
 * bytes of the untouched jobs are the Python library's. */
static void
test_vector_round_trip (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *src = NULL;
  g_autofree char *original = NULL;
  g_autofree char *after = NULL;
  g_autoptr(AxdsTracker) tracker = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_auto(GStrv) retried = NULL;
  AxdsTrackerSummary summary;
  src = test_vector_path ("tracker", "tracker_tricky_strings.yaml", NULL);
  original = read_text (src);
  write_text (f->path, original);

  tracker = axds_tracker_new (f->path);
  axds_tracker_set_sync (tracker, FALSE);
  jobs = axds_tracker_snapshot (tracker, &summary, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jobs->len, ==, 44);
  g_assert_cmpuint (summary.failed, ==, 38);
  g_assert_cmpuint (summary.scheduled, ==, 6);
  g_assert_cmpstr (axds_tracker_summary_get_label (&summary), ==, "failed");

  /* A no-op modification (reset of no job) writes nothing. */
  {
    const char *none[] = { NULL };
    g_assert_true (axds_tracker_reset_jobs (tracker, none, &error));
    g_assert_no_error (error);
    after = read_text (f->path);
    g_assert_cmpstr (after, ==, original);
    g_clear_pointer (&after, g_free);
  }

  /* Fail the one job that was scheduled with a tricky name, then reset it: same bytes again. */
  g_assert_true (axds_tracker_fail_job (tracker, "c7b53741e18b6923", "boom: \"x\"\n", &error));
  g_assert_no_error (error);
  after = read_text (f->path);
  g_assert_cmpstr (after, !=, original);
  g_clear_pointer (&after, g_free);
  {
    const char *ids[] = { "c7b53741e18b6923", NULL };
    g_assert_true (axds_tracker_reset_jobs (tracker, ids, &error));
    g_assert_no_error (error);
  }
  after = read_text (f->path);
  g_assert_cmpstr (after, ==, original);
}

/* Operations. */

static AxdsTracker *
new_tracker (Fixture *f)
{
  AxdsTracker *tracker = axds_tracker_new (f->path);

  axds_tracker_set_sync (tracker, FALSE);
  return tracker;
}

static void
test_initialize (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(AxdsTracker) tracker = new_tracker (f);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;
  g_auto(GStrv) again = NULL;
  g_autofree char *text = NULL;
  const char *names[] = { "process_data", "process_data", "other" };
  const char *specs[] = { "batch_101", "batch_102", NULL };
  const char *dup_names[] = { "process_data", "new_job" };
  const char *dup_specs[] = { "batch_101", "" };

  ids = axds_tracker_initialize_jobs (tracker, names, specs, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (ids), ==, 3);
  g_assert_cmpstr (ids[0], ==, "e30d3e55fffe8b95");
  g_assert_cmpstr (ids[1], ==, "ed2dd590ec7fa6b4");
  text = read_text (f->path);
  g_assert_cmpstr (text, ==,
                   "---\n"
                   "jobs:\n"
                   "  e30d3e55fffe8b95:\n"
                   "    job_name: process_data\n"
                   "    specifier: batch_101\n"
                   "    status: 0\n"
                   "    executor_id: null\n"
                   "    error_message: null\n"
                   "    started_at: null\n"
                   "    completed_at: null\n"
                   "  ed2dd590ec7fa6b4:\n"
                   "    job_name: process_data\n"
                   "    specifier: batch_102\n"
                   "    status: 0\n"
                   "    executor_id: null\n"
                   "    error_message: null\n"
                   "    started_at: null\n"
                   "    completed_at: null\n"
                   "  30272ceaa6e6625a:\n"
                   "    job_name: other\n"
                   "    specifier: ''\n"
                   "    status: 0\n"
                   "    executor_id: null\n"
                   "    error_message: null\n"
                   "    started_at: null\n"
                   "    completed_at: null\n"
                   "...\n");

  /* Start one, then initialise again with a duplicate: the existing job is left untouched. */
  g_assert_true (axds_tracker_start_job (tracker, ids[0], "me", &error));
  g_assert_no_error (error);
  g_test_expect_message ("Axds", G_LOG_LEVEL_WARNING, "*already exists*Skipping duplicate*");
  again = axds_tracker_initialize_jobs (tracker, dup_names, dup_specs, 2, &error);
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_cmpstr (again[0], ==, ids[0]);
  {
    AxdsProcessingStatus status;
    g_assert_true (axds_tracker_get_job_status (tracker, ids[0], &status, &error));
    g_assert_cmpint (status, ==, AXDS_PROCESSING_STATUS_RUNNING);
  }

  /* Bad names are refused before the file is touched. */
  {
    const char *bad[] = { "a:b" };
    g_auto(GStrv) none = axds_tracker_initialize_jobs (tracker, bad, NULL, 1, &error);
    g_assert_null (none);
    g_assert_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
  }

  /* An empty initialisation still creates a missing file, as Python's does. */
  {
    g_autofree char *other_path = g_build_filename (f->dir, "empty_tracker.yaml", NULL);
    g_autoptr(AxdsTracker) other = axds_tracker_new (other_path);
    g_auto(GStrv) none = axds_tracker_initialize_jobs (other, NULL, NULL, 0, &error);
    g_autofree char *empty = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (g_strv_length (none), ==, 0);
    empty = read_text (other_path);
    g_assert_cmpstr (empty, ==, "---\njobs: {}\n...\n");
  }
}

static char **
init_jobs (AxdsTracker *tracker,
           guint        n,
           const char  *prefix)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  char **ids;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (names, g_strdup_printf ("%s_%03u", prefix, i));
  ids = axds_tracker_initialize_jobs (tracker, (const char * const *) names->pdata, NULL, n, &error);
  g_assert_no_error (error);
  return ids;
}

static void
test_transitions (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(AxdsTracker) tracker = new_tracker (f);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = init_jobs (tracker, 4, "job");
  g_autoptr(AxdsTrackerJob) job = NULL;
  g_autoptr(AxdsTrackerJob) before = NULL;
  AxdsProcessingStatus status;
  guint64 t0 = (guint64) g_get_real_time ();
  g_autofree char *pid_executor = g_strdup_printf ("pid:%d", (int) getpid ());

  g_assert_true (axds_tracker_start_job (tracker, ids[0], NULL, &error));
  g_assert_no_error (error);
  job = axds_tracker_dup_job_info (tracker, ids[0], &error);
  g_assert_no_error (error);
  g_assert_cmpint (axds_tracker_job_get_status (job), ==, AXDS_PROCESSING_STATUS_RUNNING);
  g_assert_cmpstr (axds_tracker_job_get_executor_id (job), ==, pid_executor);
  g_assert_true (axds_tracker_job_has_started_at (job));
  g_assert_cmpuint (axds_tracker_job_get_started_at (job), >=, t0);
  g_assert_false (axds_tracker_job_has_completed_at (job));
  g_assert_cmpstr (axds_tracker_job_get_job_name (job), ==, "job_000");
  g_assert_cmpstr (axds_tracker_job_get_specifier (job), ==, "");
  g_assert_cmpstr (axds_tracker_job_get_id (job), ==, ids[0]);
  before = g_steal_pointer (&job);

  g_assert_true (axds_tracker_complete_job (tracker, ids[0], &error));
  g_assert_no_error (error);
  job = axds_tracker_dup_job_info (tracker, ids[0], &error);
  g_assert_cmpint (axds_tracker_job_get_status (job), ==, AXDS_PROCESSING_STATUS_SUCCEEDED);
  g_assert_true (axds_tracker_job_has_completed_at (job));
  g_assert_cmpuint (axds_tracker_job_get_completed_at (job), >=, axds_tracker_job_get_started_at (job));
  g_assert_cmpstr (axds_tracker_job_get_executor_id (job), ==, pid_executor);
  g_assert_false (axds_tracker_job_equal (job, before));

  /* update_from notifies only what changed. */
  {
    guint notified = 0;
    gulong id = g_signal_connect_swapped (before, "notify", G_CALLBACK (g_atomic_int_inc), &notified);
    axds_tracker_job_update_from (before, job);
    g_assert_true (axds_tracker_job_equal (job, before));
    g_assert_cmpuint (notified, ==, 3);   /* status, has-completed-at, completed-at */
    g_signal_handler_disconnect (before, id);
  }
  g_clear_object (&job);

  g_assert_true (axds_tracker_start_job (tracker, ids[1], "slurm:77", &error));
  g_assert_true (axds_tracker_fail_job (tracker, ids[1], "KeyError: 'k'\nline two", &error));
  g_assert_no_error (error);
  job = axds_tracker_dup_job_info (tracker, ids[1], &error);
  g_assert_cmpint (axds_tracker_job_get_status (job), ==, AXDS_PROCESSING_STATUS_FAILED);
  g_assert_cmpstr (axds_tracker_job_get_error_message (job), ==, "KeyError: 'k'\nline two");
  g_assert_cmpstr (axds_tracker_job_get_executor_id (job), ==, "slurm:77");
  {
    g_autofree char *message = NULL;
    AxdsProcessingStatus prop_status;
    g_object_get (job, "error-message", &message, "status", &prop_status, NULL);
    g_assert_cmpstr (message, ==, "KeyError: 'k'\nline two");
    g_assert_cmpint (prop_status, ==, AXDS_PROCESSING_STATUS_FAILED);
  }
  g_clear_object (&job);

  /* A failure without a message, straight from SCHEDULED. */
  g_assert_true (axds_tracker_fail_job (tracker, ids[2], NULL, &error));
  g_assert_true (axds_tracker_get_job_status (tracker, ids[2], &status, &error));
  g_assert_cmpint (status, ==, AXDS_PROCESSING_STATUS_FAILED);
  g_assert_no_error (error);

  /* Unknown IDs. */
  g_assert_false (axds_tracker_start_job (tracker, "0000000000000000", NULL, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, ids[0]));
  g_clear_error (&error);
  g_assert_false (axds_tracker_complete_job (tracker, "nope", &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (axds_tracker_fail_job (tracker, "nope", "x", &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (axds_tracker_get_job_status (tracker, "nope", &status, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (axds_tracker_dup_job_info (tracker, "nope", &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Text that is not UTF-8 never reaches the file. */
  g_assert_false (axds_tracker_fail_job (tracker, ids[3], "bad \xff", &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (axds_tracker_start_job (tracker, ids[3], "\xc3", &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
}

static void
test_queries (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(AxdsTracker) tracker = new_tracker (f);
  g_autoptr(GError) error = NULL;
  const char *names[] = { "extract", "extract", "convert", "convert" };
  const char *specs[] = { "day_1", "day_2", "day_1", "day_2" };
  g_auto(GStrv) ids = NULL;
  g_auto(GStrv) by_status = NULL;
  g_autoptr(GPtrArray) found = NULL;
  AxdsTrackerSummary summary;
  gboolean flag;

  /* Reads of a missing file: no jobs, and no file appears. */
  g_assert_true (axds_tracker_get_summary (tracker, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.total, ==, 0);
  g_assert_cmpstr (axds_tracker_summary_get_label (&summary), ==, "not_started");
  g_assert_true (axds_tracker_query_complete (tracker, &flag, &error));
  g_assert_false (flag);
  g_assert_true (axds_tracker_query_encountered_error (tracker, &flag, &error));
  g_assert_false (flag);
  found = axds_tracker_find_jobs (tracker, "x", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (axds_tracker_get_lock_path (tracker), G_FILE_TEST_EXISTS));
  /* Nor does a failing write. */
  g_assert_false (axds_tracker_start_job (tracker, "abc", NULL, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));

  ids = axds_tracker_initialize_jobs (tracker, names, specs, 4, &error);
  g_assert_no_error (error);

  found = axds_tracker_find_jobs (tracker, "ext", NULL, &error);
  g_assert_cmpuint (found->len, ==, 2);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = axds_tracker_find_jobs (tracker, NULL, "_1", &error);
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_cmpstr (axds_tracker_job_get_job_name (g_ptr_array_index (found, 0)), ==, "extract");
  g_assert_cmpstr (axds_tracker_job_get_job_name (g_ptr_array_index (found, 1)), ==, "convert");
  g_clear_pointer (&found, g_ptr_array_unref);
  found = axds_tracker_find_jobs (tracker, "convert", "day_2", &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (axds_tracker_job_get_id (g_ptr_array_index (found, 0)), ==, ids[3]);
  g_clear_pointer (&found, g_ptr_array_unref);
  g_assert_null (axds_tracker_find_jobs (tracker, NULL, NULL, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_true (axds_tracker_get_summary (tracker, &summary, &error));
  g_assert_cmpstr (axds_tracker_summary_get_label (&summary), ==, "not_started");
  g_assert_true (axds_tracker_start_job (tracker, ids[0], NULL, &error));
  g_assert_true (axds_tracker_get_summary (tracker, &summary, &error));
  g_assert_cmpstr (axds_tracker_summary_get_label (&summary), ==, "processing");
  g_assert_true (axds_tracker_complete_job (tracker, ids[0], &error));
  g_assert_true (axds_tracker_get_summary (tracker, &summary, &error));
  g_assert_cmpstr (axds_tracker_summary_get_label (&summary), ==, "in_progress");
  g_assert_cmpuint (summary.succeeded, ==, 1);
  g_assert_cmpuint (summary.scheduled, ==, 3);

  for (guint i = 1; i < 4; i++)
    g_assert_true (axds_tracker_complete_job (tracker, ids[i], &error));
  g_assert_no_error (error);
  g_assert_true (axds_tracker_query_complete (tracker, &flag, &error));
  g_assert_true (flag);
  g_assert_true (axds_tracker_get_summary (tracker, &summary, &error));
  g_assert_cmpstr (axds_tracker_summary_get_label (&summary), ==, "completed");

  g_assert_true (axds_tracker_fail_job (tracker, ids[2], "x", &error));
  g_assert_true (axds_tracker_query_encountered_error (tracker, &flag, &error));
  g_assert_true (flag);
  g_assert_true (axds_tracker_query_complete (tracker, &flag, &error));
  g_assert_false (flag);
  g_assert_true (axds_tracker_get_summary (tracker, &summary, &error));
  g_assert_cmpstr (axds_tracker_summary_get_label (&summary), ==, "failed");
  g_assert_cmpuint (summary.total, ==, 4);
  g_assert_cmpuint (summary.failed, ==, 1);
  g_assert_cmpuint (summary.succeeded, ==, 3);

  by_status = axds_tracker_dup_jobs_by_status (tracker, AXDS_PROCESSING_STATUS_SUCCEEDED, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (by_status), ==, 3);
  g_assert_cmpstr (by_status[0], ==, ids[0]);
  g_assert_cmpstr (by_status[2], ==, ids[3]);
  g_clear_pointer (&by_status, g_strfreev);
  by_status = axds_tracker_dup_jobs_by_status (tracker, AXDS_PROCESSING_STATUS_RUNNING, &error);
  g_assert_cmpuint (g_strv_length (by_status), ==, 0);
}

static void
test_retry_and_reset (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(AxdsTracker) tracker = new_tracker (f);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = init_jobs (tracker, 5, "r");
  g_auto(GStrv) retried = NULL;
  g_autoptr(AxdsTrackerJob) job = NULL;
  g_autofree char *text = NULL;

  g_assert_true (axds_tracker_start_job (tracker, ids[0], "e0", &error));
  g_assert_true (axds_tracker_fail_job (tracker, ids[0], "bad", &error));
  g_assert_true (axds_tracker_fail_job (tracker, ids[3], "worse", &error));
  g_assert_true (axds_tracker_start_job (tracker, ids[1], "e1", &error));
  g_assert_true (axds_tracker_complete_job (tracker, ids[1], &error));
  g_assert_true (axds_tracker_start_job (tracker, ids[4], "e4", &error));
  g_assert_no_error (error);

  retried = axds_tracker_retry_failed_jobs (tracker, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (retried), ==, 2);
  g_assert_cmpstr (retried[0], ==, ids[0]);
  g_assert_cmpstr (retried[1], ==, ids[3]);
  job = axds_tracker_dup_job_info (tracker, ids[0], &error);
  g_assert_cmpint (axds_tracker_job_get_status (job), ==, AXDS_PROCESSING_STATUS_SCHEDULED);
  g_assert_null (axds_tracker_job_get_error_message (job));
  g_assert_null (axds_tracker_job_get_executor_id (job));
  g_assert_false (axds_tracker_job_has_started_at (job));
  g_assert_false (axds_tracker_job_has_completed_at (job));
  g_clear_object (&job);
  g_clear_pointer (&retried, g_strfreev);
  retried = axds_tracker_retry_failed_jobs (tracker, &error);
  g_assert_cmpuint (g_strv_length (retried), ==, 0);

  /* reset_jobs: all or nothing. */
  {
    const char *mixed[] = { ids[1], "unknown", NULL };
    const char *good[] = { ids[1], ids[4], NULL };
    AxdsProcessingStatus status;

    g_assert_false (axds_tracker_reset_jobs (tracker, mixed, &error));
    g_assert_error (error, AXDS_ERROR, AXDS_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_true (axds_tracker_get_job_status (tracker, ids[1], &status, &error));
    g_assert_cmpint (status, ==, AXDS_PROCESSING_STATUS_SUCCEEDED);
    g_assert_true (axds_tracker_reset_jobs (tracker, good, &error));
    g_assert_no_error (error);
    g_assert_true (axds_tracker_get_job_status (tracker, ids[1], &status, &error));
    g_assert_cmpint (status, ==, AXDS_PROCESSING_STATUS_SCHEDULED);
    g_assert_true (axds_tracker_get_job_status (tracker, ids[4], &status, &error));
    g_assert_cmpint (status, ==, AXDS_PROCESSING_STATUS_SCHEDULED);
  }

  g_assert_true (axds_tracker_reset (tracker, &error));
  g_assert_no_error (error);
  text = read_text (f->path);
  g_assert_cmpstr (text, ==, "---\njobs: {}\n...\n");
}

static void
test_snapshot_json (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(AxdsTracker) tracker = new_tracker (f);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = init_jobs (tracker, 3, "s");
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL;
  AxdsTrackerSummary summary;
  JsonObject *root, *sum, *first, *second;

  g_assert_true (axds_tracker_start_job (tracker, ids[0], "pid:1", &error));
  g_assert_true (axds_tracker_fail_job (tracker, ids[1], "oops", &error));
  jobs = axds_tracker_snapshot (tracker, &summary, &error);
  g_assert_no_error (error);
  json = axds_tracker_snapshot_to_json (jobs, &summary, TRUE);
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  sum = json_object_get_object_member (root, "summary");
  g_assert_cmpint (json_object_get_int_member (sum, "total"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (sum, "failed"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (sum, "running"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (sum, "scheduled"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (sum, "succeeded"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (sum, "status"), ==, "failed");
  first = json_array_get_object_element (json_object_get_array_member (root, "jobs"), 0);
  second = json_array_get_object_element (json_object_get_array_member (root, "jobs"), 1);
  g_assert_cmpstr (json_object_get_string_member (first, "job_id"), ==, ids[0]);
  g_assert_cmpstr (json_object_get_string_member (first, "status"), ==, "RUNNING");
  g_assert_cmpstr (json_object_get_string_member (first, "executor_id"), ==, "pid:1");
  g_assert_false (json_object_has_member (first, "error_message"));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (first, "completed_at")));
  g_assert_cmpstr (json_object_get_string_member (second, "error_message"), ==, "oops");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (second, "executor_id")));
  g_assert_cmpint (json_object_get_int_member (second, "completed_at"), >, 0);

  /* NULL summary: counted from the jobs. */
  {
    g_autofree char *again = axds_tracker_snapshot_to_json (jobs, NULL, TRUE);
    g_assert_cmpstr (again, ==, json);
  }
}

static void
test_executor_env (void)
{
  struct { const char *var; const char *value; const char *expected; } cases[] = {
    { "SLURM_JOB_ID", "123", "slurm:123" },
    { "SLURM_JOBID", "124", "slurm:124" },
    { "PBS_JOBID", "99.server", "pbs:99.server" },
    { "LSB_JOBID", "5", "lsf:5" },
    { "OAR_JOB_ID", "6", "oar:6" },
    { "CCP_JOBID", "7", "hpcpack:7" },
    { "AZ_BATCH_JOB_ID", "job-8", "azure-batch:job-8" },
    { "AWS_BATCH_JOB_ID", "9", "aws-batch:9" },
  };
  const char *all[] = { "SLURM_JOB_ID", "SLURM_JOBID", "PBS_JOBID", "LSB_JOBID", "OAR_JOB_ID",
                        "JOB_ID", "SGE_ROOT", "CCP_JOBID", "AZ_BATCH_JOB_ID", "AWS_BATCH_JOB_ID" };
  g_autofree char *pid = g_strdup_printf ("pid:%d", (int) getpid ());

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    g_unsetenv (all[i]);
  {
    g_autofree char *id = axds_tracker_dup_default_executor_id ();
    g_assert_cmpstr (id, ==, pid);
  }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *id = NULL;

      g_setenv (cases[i].var, cases[i].value, TRUE);
      id = axds_tracker_dup_default_executor_id ();
      g_assert_cmpstr (id, ==, cases[i].expected);
      g_unsetenv (cases[i].var);
    }
  /* JOB_ID counts only under Grid Engine. */
  g_setenv ("JOB_ID", "42", TRUE);
  {
    g_autofree char *id = axds_tracker_dup_default_executor_id ();
    g_assert_cmpstr (id, ==, pid);
  }
  g_setenv ("SGE_ROOT", "/opt/sge", TRUE);
  {
    g_autofree char *id = axds_tracker_dup_default_executor_id ();
    g_assert_cmpstr (id, ==, "sge:42");
  }
  g_unsetenv ("JOB_ID");
  g_unsetenv ("SGE_ROOT");
}

/* Errors and bad files. */

static void
test_extension (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "tracker.json", NULL);
  g_autoptr(AxdsTracker) tracker = axds_tracker_new (path);
  g_autoptr(GError) error = NULL;
  const char *names[] = { "a" };
  g_auto(GStrv) ids = axds_tracker_initialize_jobs (tracker, names, NULL, 1, &error);

  g_assert_null (ids);
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
check_corrupt (Fixture    *f,
               const char *content,
               const char *expected_text)
{
  g_autoptr(AxdsTracker) tracker = new_tracker (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autofree char *after = NULL;
  g_auto(GStrv) ids = NULL;
  const char *names[] = { "fresh" };

  write_text (f->path, content);
  jobs = axds_tracker_snapshot (tracker, NULL, &error);
  g_assert_null (jobs);
  g_assert_nonnull (error);
  g_assert_true (error->domain == AXDS_ERROR);
  g_assert_true (error->code == AXDS_ERROR_PARSE || error->code == AXDS_ERROR_WRONG_TYPE);
  g_assert_nonnull (strstr (error->message, f->path));
  if (expected_text != NULL && strstr (error->message, expected_text) == NULL)
    g_error ("'%s' not in '%s'", expected_text, error->message);
  g_clear_error (&error);

  /* Writes refuse too, and leave the bytes as they were. */
  ids = axds_tracker_initialize_jobs (tracker, names, NULL, 1, &error);
  g_assert_null (ids);
  g_assert_true (error != NULL && error->domain == AXDS_ERROR);
  g_clear_error (&error);
  g_assert_false (axds_tracker_reset (tracker, &error));
  g_assert_true (error != NULL && error->domain == AXDS_ERROR);
  g_clear_error (&error);
  g_assert_null (axds_tracker_retry_failed_jobs (tracker, &error));
  g_assert_true (error != NULL && error->domain == AXDS_ERROR);
  g_clear_error (&error);
  after = read_text (f->path);
  g_assert_cmpstr (after, ==, content);
}

static void
test_corrupt_files (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(AxdsTracker) tracker = new_tracker (f);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = init_jobs (tracker, 3, "c");
  g_autofree char *good = read_text (f->path);
  g_autofree char *truncated = g_strndup (good, strlen (good) / 2);
  g_autofree char *no_end = g_strndup (good, strlen (good) - 4);

  check_corrupt (f, "", "empty");
  check_corrupt (f, "   \n# only a comment\n", "empty");
  check_corrupt (f, "\x01\x02 not yaml: [unclosed\n", "line 1, column");
  check_corrupt (f, "jobs: 'unterminated\n", "malformed YAML at line 2, column 1");
  check_corrupt (f, truncated, NULL);
  check_corrupt (f, no_end, "does not end with '...'");
  check_corrupt (f, "--- [1, 2]\n...\n", "not a mapping");
  check_corrupt (f, "--- just text\n...\n", "not a mapping");
  check_corrupt (f, "---\njobs: {}\n...\n---\njobs: {}\n...\n", "single document");
  check_corrupt (f, "---\nbase: &a {x: 1}\njobs: *a\n...\n", "anchors");
  check_corrupt (f, "---\njobs: !!python/object:foo {}\n...\n", "unsupported tag");
  check_corrupt (f, "---\njobs:\n  abc:\n    job_name: [x]\n...\n", NULL);
}

static void
test_wrong_types (void)
{
  struct { const char *doc; gint code; const char *text; } cases[] = {
    { "---\njobs:\n  a:\n    specifier: x\n...\n", AXDS_ERROR_MISSING_FIELD, "job_name" },
    { "---\njobs:\n  a:\n    job_name: null\n...\n", AXDS_ERROR_WRONG_TYPE, "line 4, column 15" },
    { "---\njobs:\n  a:\n    job_name: x\n    status: 7\n...\n", AXDS_ERROR_WRONG_TYPE, "out of range" },
    { "---\njobs:\n  a:\n    job_name: x\n    status: '1'\n...\n", AXDS_ERROR_WRONG_TYPE, "status" },
    { "---\njobs:\n  a:\n    job_name: x\n    started_at: -5\n...\n", AXDS_ERROR_WRONG_TYPE, "started_at" },
    { "---\njobs:\n  a:\n    job_name: x\n    started_at: 18446744073709551616\n...\n",
      AXDS_ERROR_WRONG_TYPE, "out of range" },
    { "---\njobs:\n  a:\n    job_name: x\n    completed_at: soon\n...\n",
      AXDS_ERROR_WRONG_TYPE, "completed_at" },
    { "---\njobs: [1]\n...\n", AXDS_ERROR_WRONG_TYPE, "'jobs' is not a mapping" },
    { "---\njobs:\n  a: 5\n...\n", AXDS_ERROR_WRONG_TYPE, "not a mapping" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) records = _axds_tracker_parse (cases[i].doc, strlen (cases[i].doc),
                                                          "t.yaml", &error);

      g_assert_null (records);
      g_assert_error (error, AXDS_ERROR, cases[i].code);
      if (strstr (error->message, cases[i].text) == NULL)
        g_error ("case %u: '%s' not in '%s'", i, cases[i].text, error->message);
    }
}

/* Lenient where Python is: unknown keys ignored, defaults for missing optional fields, YAML 1.1
 * integer forms, later duplicates winning. */
static void
test_lenient_parse (void)
{
  const char *doc =
    "---\n"
    "file_path: somewhere\n"
    "jobs:\n"
    "  a:\n"
    "    job_name: first\n"
    "    extra: [1, {2: 3}]\n"
    "  b:\n"
    "    job_name: 123\n"
    "    status: 0x2\n"
    "    started_at: 1_000\n"
    "    completed_at: !!int '0o7'\n"
    "  a:\n"
    "    job_name: second\n"
    "    status: 3\n"
    "...\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  AxdsJobRecord *a, *b;

  records = _axds_tracker_parse (doc, strlen (doc), "t.yaml", &error);
  /* '0o7' is not YAML 1.1 (octal is 07): refused as an integer. */
  g_assert_null (records);
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_WRONG_TYPE);
  g_clear_error (&error);

  doc =
    "---\n"
    "file_path: somewhere\n"
    "jobs:\n"
    "  a:\n"
    "    job_name: first\n"
    "    extra: [1, {2: 3}]\n"
    "  b:\n"
    "    job_name: 123\n"
    "    status: 0x2\n"
    "    started_at: 1_000\n"
    "    completed_at: 017\n"
    "  a:\n"
    "    job_name: second\n"
    "    status: 3\n"
    "...\n";
  records = _axds_tracker_parse (doc, strlen (doc), "t.yaml", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 2);
  a = g_ptr_array_index (records, 0);
  b = g_ptr_array_index (records, 1);
  g_assert_cmpstr (a->id, ==, "a");
  g_assert_cmpstr (a->job_name, ==, "second");
  g_assert_cmpint (a->status, ==, AXDS_PROCESSING_STATUS_FAILED);
  g_assert_cmpstr (a->specifier, ==, "");
  g_assert_null (a->executor_id);
  g_assert_false (a->has_started_at);
  g_assert_cmpstr (b->job_name, ==, "123");
  g_assert_cmpint (b->status, ==, AXDS_PROCESSING_STATUS_SUCCEEDED);
  g_assert_cmpuint (b->started_at, ==, 1000);
  g_assert_cmpuint (b->completed_at, ==, 15);
}

/* Hostile input is bounded. */
static void
test_hostile (void)
{
  g_autoptr(GString) deep = g_string_new ("---\njobs: ");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  const char *laughs =
    "---\n"
    "a: &a [x, x, x, x, x, x, x, x]\n"
    "b: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
    "jobs: {}\n"
    "...\n";

  /* Inside a job, an unknown field is skipped: the nesting limit must still stop it. */
  g_string_append (deep, "{j: {job_name: x, extra: ");
  for (int i = 0; i < 10000; i++)
    g_string_append_c (deep, '[');
  records = _axds_tracker_parse (deep->str, deep->len, "deep.yaml", &error);
  g_assert_null (records);
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "nested deeper"));
  g_clear_error (&error);

  records = _axds_tracker_parse (laughs, strlen (laughs), "laughs.yaml", &error);
  g_assert_null (records);
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_PARSE);
  g_clear_error (&error);

  /* Non-UTF-8 bytes: libyaml refuses them. */
  records = _axds_tracker_parse ("---\njobs: {\xff: 1}\n...\n", strlen ("---\njobs: {\xff: 1}\n...\n"),
                                 "bin.yaml", &error);
  g_assert_null (records);
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_PARSE);
}

/* The direct renderer agrees with libyaml on every kind of text. */
static void
test_render_fast_vs_libyaml (void)
{
  const char *samples[] = {
    "", "a", "plain", "with space", "two  spaces", "x:y", "pid:4242", "a: b", "ends:", "yes",
    "No", "null", "~", "123", "0x1F", "1_000", "1.5", "1.5e3", "1e+3", ".inf", "2024-01-02",
    "2024-01-02 10:11:12", "-dash", "- dash", "#hash", "a #b", "a#b", "/abs/path", "C:\\x",
    "trailing ", " leading", "tab\there", "new\nline", "caf\xc3\xa9", "x/y.z-w_v", "=", "<<",
    "0b101", "0777", "089", "1:30", "1:30.5", "+1", "-1", "3.", ".5", "on", "OFF",
    "word word word word word word word word word word word word word word word word word word",
    "_under", "9abcdef012345678", "1234567890123456", "0000000000000001", "e30d3e55fffe8b95",
    "ValueError: bad frame 17", "it's", "'quoted'", "\"dq\"", "---x", "...", "-", "?", "? x",
    ":", ": x", "x: ", "a,b", "[a]", "{a}", "&a", "*a", "!a", "|a", ">a", "%a", "@a", "`a",
    "a ? b", "a, b", "a]b", "trailing:", "mid: x", "#", "a #", "a#", "~x", "x~", "null x",
  };

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    for (guint j = 0; j < G_N_ELEMENTS (samples); j += 7)
      {
        AxdsJobRecord r = { 0 };
        g_autoptr(GString) slow = g_string_new (NULL);
        g_autoptr(GError) error = NULL;

        r.id = (char *) (samples[j][0] ? samples[j] : "k");
        r.job_name = (char *) samples[i];
        r.specifier = (char *) samples[(i + j) % G_N_ELEMENTS (samples)];
        r.status = (AxdsProcessingStatus) (i % 4);
        r.executor_id = (char *) (i % 3 ? samples[j] : NULL);
        r.error_message = (char *) (i % 2 ? samples[(i * 3) % G_N_ELEMENTS (samples)] : NULL);
        r.has_started_at = i % 2;
        r.started_at = G_MAXUINT64 - i;
        r.has_completed_at = j % 2;
        r.completed_at = i * 1000u + j;
        g_assert_true (_axds_job_record_render (&r, &error));
        g_assert_no_error (error);
        g_assert_true (_axds_job_record_render_slow (&r, slow, &error));
        g_assert_no_error (error);
        if (strcmp (r.chunk, slow->str) != 0)
          g_error ("fast and slow disagree:\n%s\n--- vs ---\n%s", r.chunk, slow->str);
        g_free (r.chunk);
      }

  /* And random ASCII text made of the characters that matter. */
  {
    g_autoptr(GRand) rand = g_rand_new_with_seed (7);
    const char alphabet[] = " :#-?,[]{}&*!|>'\"%@`~.0123456789eEbx+_aZnulTy\t";

    for (guint i = 0; i < RANDOM_ROUNDS; i++)
      {
        AxdsJobRecord r = { 0 };
        g_autoptr(GString) slow = g_string_new (NULL);
        g_autoptr(GError) error = NULL;
        char text[24];
        guint len = (guint) g_rand_int_range (rand, 0, sizeof text);

        for (guint k = 0; k < len; k++)
          text[k] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
        text[len] = '\0';
        r.id = (char *) "k";
        r.job_name = text;
        r.specifier = (char *) "";
        r.error_message = text;
        g_assert_true (_axds_job_record_render (&r, &error));
        g_assert_true (_axds_job_record_render_slow (&r, slow, &error));
        g_assert_no_error (error);
        if (strcmp (r.chunk, slow->str) != 0)
          g_error ("fast and slow disagree on '%s':\n%s\n--- vs ---\n%s", text, r.chunk, slow->str);
        g_free (r.chunk);
      }
  }
}

/* Locks. */

static void
test_lock_timeout (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(AxdsTracker) holder = new_tracker (f);
  g_autoptr(AxdsTracker) waiter = new_tracker (f);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = init_jobs (holder, 1, "l");
  gint64 start, elapsed;
  int fd;

  g_assert_cmpint (axds_tracker_get_lock_timeout (waiter), ==, 10 * G_USEC_PER_SEC);
  g_assert_true (g_str_has_suffix (axds_tracker_get_lock_path (waiter), "processing_tracker.yaml.lock"));
  /* flock() locks belong to open file descriptions: a second open in this process conflicts. */
  fd = _axds_tracker_lock_acquire (holder, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fd, >=, 0);

  axds_tracker_set_lock_timeout (waiter, 200 * 1000);
  start = g_get_monotonic_time ();
  g_assert_false (axds_tracker_start_job (waiter, ids[0], NULL, &error));
  elapsed = g_get_monotonic_time () - start;
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (error->message, f->path));
  g_clear_error (&error);
  g_assert_cmpint (elapsed, >=, 200 * 1000);
  g_assert_cmpint (elapsed, <, 5 * G_USEC_PER_SEC);
  /* Reads wait for the lock too. */
  g_assert_null (axds_tracker_snapshot (waiter, NULL, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_TIMEOUT);
  g_clear_error (&error);

  _axds_tracker_lock_release (fd);
  g_assert_true (axds_tracker_start_job (waiter, ids[0], NULL, &error));
  g_assert_no_error (error);
}

/* A holder killed with SIGKILL while it holds the lock: the kernel drops its flock(). */
static void
test_killed_holder (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(AxdsTracker) tracker = new_tracker (f);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = init_jobs (tracker, 1, "k");
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  gint64 start, elapsed;

  proc = axds_test_spawn (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDIN_PIPE,
                          "AXDS_TEST_TRACKER_HELPER", "hold", f->path, NULL);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));
  line = axds_test_read_line (out);
  g_assert_cmpstr (line, ==, "locked");

  /* Proof that it really holds the lock. */
  axds_tracker_set_lock_timeout (tracker, 100 * 1000);
  g_assert_false (axds_tracker_complete_job (tracker, ids[0], &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_TIMEOUT);
  g_clear_error (&error);

  axds_test_kill_and_reap (proc);

  axds_tracker_set_lock_timeout (tracker, 10 * G_USEC_PER_SEC);
  start = g_get_monotonic_time ();
  g_assert_true (axds_tracker_complete_job (tracker, ids[0], &error));
  g_assert_no_error (error);
  elapsed = g_get_monotonic_time () - start;
  g_assert_cmpint (elapsed, <, G_USEC_PER_SEC);
}

/* Eight C processes, 200 transitions each (start + complete or fail of 100 jobs of their own)
 * on one 800-job tracker (40 each, 160 jobs, under Valgrind): every transition must survive. */
static void
test_multiprocess (Fixture       *f,
                   gconstpointer  data)
{
  enum { N_PROCS = 8 };
  /* 20 under Valgrind: every job is a locked rewrite of the whole file, serialised. */
  const guint JOBS_PER_PROC = test_scaled (100, 20);
  g_autoptr(AxdsTracker) tracker = new_tracker (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) ids = NULL;
  GSubprocess *procs[N_PROCS];
  GDataInputStream *outs[N_PROCS];
  g_autoptr(GPtrArray) jobs = NULL;
  AxdsTrackerSummary summary;

  for (guint i = 0; i < N_PROCS * JOBS_PER_PROC; i++)
    g_ptr_array_add (names, g_strdup_printf ("w%u_job%03u", i / JOBS_PER_PROC, i % JOBS_PER_PROC));
  ids = axds_tracker_initialize_jobs (tracker, (const char * const *) names->pdata, NULL,
                                      names->len, &error);
  g_assert_no_error (error);

  for (guint p = 0; p < N_PROCS; p++)
    {
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      g_autofree char *executor = g_strdup_printf ("c%u", p);
      g_autofree char *line = NULL;

      g_ptr_array_add (argv, (gpointer) axds_test_program ("AXDS_TEST_TRACKER_HELPER"));
      g_ptr_array_add (argv, (gpointer) "worker");
      g_ptr_array_add (argv, f->path);
      g_ptr_array_add (argv, executor);
      for (guint j = 0; j < JOBS_PER_PROC; j++)
        g_ptr_array_add (argv, ids[p * JOBS_PER_PROC + j]);
      g_ptr_array_add (argv, NULL);
      procs[p] = axds_test_spawnv (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDIN_PIPE,
                                   (const char * const *) argv->pdata);
      outs[p] = g_data_input_stream_new (g_subprocess_get_stdout_pipe (procs[p]));
      line = axds_test_read_line (outs[p]);
      g_assert_cmpstr (line, ==, "ready");
    }
  /* Start them together. */
  for (guint p = 0; p < N_PROCS; p++)
    {
      g_output_stream_write_all (g_subprocess_get_stdin_pipe (procs[p]), "go\n", 3, NULL, NULL, &error);
      g_assert_no_error (error);
    }
  for (guint p = 0; p < N_PROCS; p++)
    {
      g_autofree char *line = axds_test_read_line (outs[p]);

      /* A transition that met the lock timeout is retried by the helper, and counted here. */
      g_assert_nonnull (line);
      g_assert_true (g_str_has_prefix (line, "done "));
      g_test_message ("worker %u: %s lock timeouts", p, line + 5);
      g_subprocess_wait_check (procs[p], NULL, &error);
      g_assert_no_error (error);
      g_object_unref (outs[p]);
      g_object_unref (procs[p]);
    }

  jobs = axds_tracker_snapshot (tracker, &summary, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary.total, ==, N_PROCS * JOBS_PER_PROC);
  g_assert_cmpuint (summary.scheduled, ==, 0);
  g_assert_cmpuint (summary.running, ==, 0);
  for (guint i = 0; i < jobs->len; i++)
    {
      AxdsTrackerJob *job = g_ptr_array_index (jobs, i);
      g_autofree char *executor = g_strdup_printf ("c%u", i / JOBS_PER_PROC);

      /* The helper fails every tenth job with a message naming itself. */
      if ((i % JOBS_PER_PROC) % 10 == 9)
        {
          g_autofree char *message = g_strdup_printf ("%s: job %u failed", executor, i % JOBS_PER_PROC);
          g_assert_cmpint (axds_tracker_job_get_status (job), ==, AXDS_PROCESSING_STATUS_FAILED);
          g_assert_cmpstr (axds_tracker_job_get_error_message (job), ==, message);
        }
      else
        g_assert_cmpint (axds_tracker_job_get_status (job), ==, AXDS_PROCESSING_STATUS_SUCCEEDED);
      g_assert_cmpstr (axds_tracker_job_get_executor_id (job), ==, executor);
    }
}

/* Discovery. */

static void
test_discover (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *a = g_build_filename (f->dir, "proj", "s1", NULL);
  g_autofree char *b = g_build_filename (f->dir, "proj", "s2", "deep", NULL);
  g_autofree char *t1 = g_build_filename (a, "processing_tracker.yaml", NULL);
  g_autofree char *t2 = g_build_filename (b, "processing_tracker.yaml", NULL);
  g_autofree char *t3 = g_build_filename (b, "suite2p_tracker.yml", NULL);
  g_autofree char *other = g_build_filename (b, "config.yaml", NULL);
  g_autofree char *root = g_build_filename (f->dir, "proj", NULL);
  g_autofree char *link = g_build_filename (root, "loop", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_assert_cmpint (g_mkdir_with_parents (a, 0755), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (b, 0755), ==, 0);
  write_text (t1, "---\njobs: {}\n...\n");
  write_text (t2, "---\njobs: {}\n...\n");
  write_text (t3, "---\njobs: {}\n...\n");
  write_text (other, "x: 1\n");
  g_assert_cmpint (symlink (root, link), ==, 0);   /* a loop that must not be followed */

  found = axds_tracker_discover (root, "processing_tracker.yaml", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (found, 0), ==, t1);
  g_assert_cmpstr (g_ptr_array_index (found, 1), ==, t2);
  g_clear_pointer (&found, g_ptr_array_unref);

  found = axds_tracker_discover (root, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 3);
  g_clear_pointer (&found, g_ptr_array_unref);

  g_cancellable_cancel (cancellable);
  g_assert_null (axds_tracker_discover (root, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_null (axds_tracker_discover (other, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
async_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

/* The async loading and discovery give what the synchronous calls give. */
static void
test_load_and_discover_async (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(AxdsTracker) tracker = new_tracker (f);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = init_jobs (tracker, 3, "as");
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GAsyncResult) loaded = NULL;
  g_autoptr(GAsyncResult) cancelled = NULL;
  g_autoptr(GAsyncResult) discovered = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AxdsTrackerSummary summary = { 0 };

  g_assert_true (axds_tracker_fail_job (tracker, ids[1], "oops", &error));
  axds_tracker_load_async (tracker, NULL, async_result_cb, &loaded);
  jobs = axds_tracker_load_finish (tracker, wait_for_result (&loaded), &summary, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jobs->len, ==, 3);
  g_assert_cmpstr (axds_tracker_job_get_id (g_ptr_array_index (jobs, 0)), ==, ids[0]);
  g_assert_cmpuint (summary.total, ==, 3);
  g_assert_cmpuint (summary.failed, ==, 1);
  g_assert_cmpuint (summary.scheduled, ==, 2);

  g_cancellable_cancel (cancellable);
  axds_tracker_load_async (tracker, cancellable, async_result_cb, &cancelled);
  g_assert_null (axds_tracker_load_finish (tracker, wait_for_result (&cancelled), NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  axds_tracker_discover_async (f->dir, NULL, NULL, async_result_cb, &discovered);
  found = axds_tracker_discover_finish (wait_for_result (&discovered), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (found, 0), ==, axds_tracker_get_path (tracker));
}

/* A read of a tracker in a folder where the lock file cannot be made still works. */
static void
test_read_only_folder (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(AxdsTracker) tracker = new_tracker (f);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = init_jobs (tracker, 2, "ro");
  g_autoptr(GPtrArray) jobs = NULL;
  g_autofree char *lock = g_strdup (axds_tracker_get_lock_path (tracker));

  if (geteuid () == 0)
    {
      g_test_skip ("root ignores folder permissions");
      return;
    }
  g_assert_cmpint (unlink (lock), ==, 0);
  g_assert_cmpint (chmod (f->dir, 0555), ==, 0);
  jobs = axds_tracker_snapshot (tracker, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jobs->len, ==, 2);
  g_assert_false (axds_tracker_start_job (tracker, ids[0], NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_cmpint (chmod (f->dir, 0755), ==, 0);
}

#define ADD(path, func) \
  g_test_add ("/axds/tracker/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  set_helper_environment ();

  g_test_add_func ("/axds/tracker/job-id-vectors", test_job_id_vectors);
  g_test_add_func ("/axds/tracker/status-strings", test_status_strings);
  g_test_add_func ("/axds/tracker/yaml-vectors", test_yaml_vectors);
  g_test_add_func ("/axds/tracker/render-fast-vs-libyaml", test_render_fast_vs_libyaml);
  g_test_add_func ("/axds/tracker/wrong-types", test_wrong_types);
  g_test_add_func ("/axds/tracker/lenient-parse", test_lenient_parse);
  g_test_add_func ("/axds/tracker/hostile", test_hostile);
  g_test_add_func ("/axds/tracker/executor-env", test_executor_env);
  ADD ("vector-round-trip", test_vector_round_trip);
  ADD ("initialize", test_initialize);
  ADD ("transitions", test_transitions);
  ADD ("queries", test_queries);
  ADD ("retry-and-reset", test_retry_and_reset);
  ADD ("snapshot-json", test_snapshot_json);
  ADD ("extension", test_extension);
  ADD ("corrupt-files", test_corrupt_files);
  ADD ("lock-timeout", test_lock_timeout);
  ADD ("killed-holder", test_killed_holder);
  ADD ("multiprocess", test_multiprocess);
  ADD ("discover", test_discover);
  ADD ("load-and-discover-async", test_load_and_discover_async);
  ADD ("read-only-folder", test_read_only_folder);
  return g_test_run ();
}

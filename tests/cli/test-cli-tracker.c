/* test-cli-tracker.c — `axds tracker …` run as a real process
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include <axds.h>

#include "axds-test-utils.h"
#include "cli-test-utils.h"

typedef struct
{
  AxdsTestDir *dir;
  char *tracker;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = axds_test_dir_new ("cli-tracker");
  f->tracker = g_build_filename (f->dir, "tracker.yaml", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->dir, axds_test_dir_free);
  g_free (f->tracker);
}

static JsonObject *
show_json (const char *tracker)
{
  g_autoptr(Result) r = run_axds ("tracker", "show", tracker, "--json");
  g_autoptr(JsonNode) root = NULL;

  check_success (r);
  root = parse_json (r->out);
  return json_object_ref (json_node_get_object (root));
}

/* The job of @id in a `show --json` document. */
static JsonObject *
find_job (JsonObject *doc,
          const char *id)
{
  JsonArray *jobs = json_object_get_array_member (doc, "jobs");

  for (guint i = 0; i < json_array_get_length (jobs); i++)
    {
      JsonObject *job = json_array_get_object_element (jobs, i);
      if (g_strcmp0 (json_object_get_string_member (job, "job_id"), id) == 0)
        return job;
    }
  g_error ("job %s not found", id);
}

static AxdsProcessingStatus
status_on_disk (const char *tracker,
                const char *id)
{
  g_autoptr(AxdsTracker) t = axds_tracker_new (tracker);
  g_autoptr(GError) error = NULL;
  AxdsProcessingStatus status = AXDS_PROCESSING_STATUS_SCHEDULED;

  g_assert_true (axds_tracker_get_job_status (t, id, &status, &error));
  g_assert_no_error (error);
  return status;
}

static void
test_id (Fixture       *f,
         gconstpointer  data)
{
  g_autoptr(Result) with_spec = run_axds ("tracker", "id", "process_data", "batch_101");
  g_autoptr(Result) without = run_axds ("tracker", "id", "process_data");
  g_autoptr(Result) colon = run_axds ("tracker", "id", "a:b");
  g_autoptr(Result) missing = run_axds ("tracker", "id");

  /* The Python library's IDs (tests/data/job_ids.json). */
  check_success (with_spec);
  g_assert_cmpstr (with_spec->out, ==, "e30d3e55fffe8b95\n");
  check_success (without);
  g_assert_cmpstr (without->out, ==, "3f8f3f89b15a4a7c\n");
  assert_failure (colon, 2, ":");
  assert_failure (missing, 2, NULL);
}

static void
test_lifecycle (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(Result) init = run_axds ("tracker", "init", f->tracker, "process_data:batch_101",
                                     "process_data:batch_102", "cleanup");
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(Result) retry = NULL;
  g_autoptr(Result) human = NULL;
  JsonObject *summary, *job;
  const char *a = "e30d3e55fffe8b95", *b = "ed2dd590ec7fa6b4";

  check_success (init);
  g_assert_true (g_str_has_prefix (init->out, "e30d3e55fffe8b95\ned2dd590ec7fa6b4\n"));

  doc = show_json (f->tracker);
  summary = json_object_get_object_member (doc, "summary");
  g_assert_cmpint (json_object_get_int_member (summary, "total"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (summary, "scheduled"), ==, 3);
  job = find_job (doc, a);
  g_assert_cmpstr (json_object_get_string_member (job, "status"), ==, "SCHEDULED");
  g_assert_cmpstr (json_object_get_string_member (job, "specifier"), ==, "batch_101");
  g_assert_true (json_object_get_null_member (job, "started_at"));

  run_ok ("tracker", "start", f->tracker, a, "--executor", "slurm:77");
  g_assert_cmpint (status_on_disk (f->tracker, a), ==, AXDS_PROCESSING_STATUS_RUNNING);
  run_ok ("tracker", "complete", f->tracker, a);
  g_assert_cmpint (status_on_disk (f->tracker, a), ==, AXDS_PROCESSING_STATUS_SUCCEEDED);
  run_ok ("tracker", "start", f->tracker, b);
  run_ok ("tracker", "fail", f->tracker, b, "--message", "disk full");
  g_assert_cmpint (status_on_disk (f->tracker, b), ==, AXDS_PROCESSING_STATUS_FAILED);

  after = show_json (f->tracker);
  summary = json_object_get_object_member (after, "summary");
  g_assert_cmpstr (json_object_get_string_member (summary, "status"), ==, "failed");
  job = find_job (after, a);
  g_assert_cmpstr (json_object_get_string_member (job, "executor_id"), ==, "slurm:77");
  g_assert_cmpint (json_object_get_int_member (job, "completed_at"), >=,
                   json_object_get_int_member (job, "started_at"));
  job = find_job (after, b);
  g_assert_cmpstr (json_object_get_string_member (job, "error_message"), ==, "disk full");

  human = run_axds ("tracker", "show", f->tracker);
  check_success (human);
  g_assert_nonnull (strstr (human->out, "disk full"));
  g_assert_nonnull (strstr (human->out, "process_data:batch_102"));

  retry = run_axds ("tracker", "retry", f->tracker);
  check_success (retry);
  g_assert_cmpstr (retry->out, ==, "ed2dd590ec7fa6b4\n");
  g_assert_cmpint (status_on_disk (f->tracker, b), ==, AXDS_PROCESSING_STATUS_SCHEDULED);

  run_ok ("tracker", "reset", f->tracker, a);
  g_assert_cmpint (status_on_disk (f->tracker, a), ==, AXDS_PROCESSING_STATUS_SCHEDULED);
  /* Without IDs, reset empties the tracker, as in Python. */
  run_ok ("tracker", "reset", f->tracker);
  {
    g_autoptr(JsonObject) empty = show_json (f->tracker);
    summary = json_object_get_object_member (empty, "summary");
    g_assert_cmpint (json_object_get_int_member (summary, "total"), ==, 0);
  }
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->dir, "missing.yaml", NULL);
  g_autofree char *corrupt = g_build_filename (f->dir, "corrupt.yaml", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(Result) show_missing = run_axds ("tracker", "show", missing);
  g_autoptr(Result) show_corrupt = NULL;
  g_autoptr(Result) start_corrupt = NULL;
  g_autoptr(Result) unknown = NULL;
  const char *garbage = "jobs: [unterminated\n";

  /* A read never creates a missing tracker. */
  assert_failure (show_missing, 1, "missing.yaml");
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  /* A corrupt tracker is reported, never overwritten. */
  g_assert_true (g_file_set_contents (corrupt, garbage, -1, NULL));
  show_corrupt = run_axds ("tracker", "show", corrupt);
  assert_failure (show_corrupt, 1, "corrupt.yaml");
  start_corrupt = run_axds ("tracker", "start", corrupt, "e30d3e55fffe8b95");
  assert_failure (start_corrupt, 1, "corrupt.yaml");
  g_assert_true (g_file_get_contents (corrupt, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, garbage);

  run_ok ("tracker", "init", f->tracker, "only");
  unknown = run_axds ("tracker", "complete", f->tracker, "0000000000000000");
  assert_failure (unknown, 1, "0000000000000000");
}

static void
test_run (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(Result) ok = NULL;
  g_autoptr(Result) failing = NULL;
  g_autoptr(Result) killed = NULL;
  g_autoptr(Result) no_command = NULL;
  g_autoptr(Result) bad_command = NULL;
  g_autoptr(JsonObject) doc = NULL;
  const char *message;
  const char *ok_id = "d24ec4f1a98c6e5b";   /* "a" */
  const char *fail_id = "d1c4958d7f784216"; /* "a:b" */
  g_autoptr(Result) ids = run_axds ("tracker", "init", f->tracker, "a", "a:b", "c", "d");
  g_autofree char *killed_id = NULL;
  g_autofree char *bad_id = NULL;

  check_success (ids);
  {
    g_auto(GStrv) lines = g_strsplit (ids->out, "\n", -1);
    killed_id = g_strdup (lines[2]);
    bad_id = g_strdup (lines[3]);
  }

  /* Success: the command's options after "--" are its own; the job ends SUCCEEDED. */
  ok = run_axds ("tracker", "run", f->tracker, ok_id, "--", "sh", "-c", "echo fine; exit 0");
  g_assert_cmpint (ok->status, ==, 0);
  g_assert_cmpstr (ok->out, ==, "fine\n");
  g_assert_cmpint (status_on_disk (f->tracker, ok_id), ==, AXDS_PROCESSING_STATUS_SUCCEEDED);

  /* Failure: exit status passed on, stderr passed through and its tail recorded. */
  failing = run_axds ("tracker", "run", f->tracker, fail_id, "--", "sh", "-c",
                      "echo 'Traceback: KeyError k' >&2; exit 3");
  g_assert_cmpint (failing->status, ==, 3);
  g_assert_nonnull (strstr (failing->err, "Traceback: KeyError k"));
  g_assert_cmpint (status_on_disk (f->tracker, fail_id), ==, AXDS_PROCESSING_STATUS_FAILED);

  killed = run_axds ("tracker", "run", f->tracker, killed_id, "--", "sh", "-c", "kill -TERM $$");
  g_assert_cmpint (killed->status, ==, 128 + 15);

  bad_command = run_axds ("tracker", "run", f->tracker, bad_id, "--",
                          "/nonexistent/axds-test-command");
  assert_failure (bad_command, 1, NULL);
  g_assert_cmpint (status_on_disk (f->tracker, bad_id), ==, AXDS_PROCESSING_STATUS_FAILED);

  doc = show_json (f->tracker);
  message = json_object_get_string_member (find_job (doc, fail_id), "error_message");
  g_assert_nonnull (strstr (message, "exit status 3"));
  g_assert_nonnull (strstr (message, "Traceback: KeyError k"));
  message = json_object_get_string_member (find_job (doc, killed_id), "error_message");
  g_assert_nonnull (strstr (message, "killed by signal 15"));

  no_command = run_axds ("tracker", "run", f->tracker, ok_id);
  assert_failure (no_command, 2, "--");
}

static void
test_discover (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *deep = g_build_filename (f->dir, "session1", "processed", NULL);
  g_autofree char *second = g_build_filename (deep, "tracker.yaml", NULL);
  g_autoptr(Result) human = NULL;
  g_autoptr(Result) json = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *list;

  g_assert_cmpint (g_mkdir_with_parents (deep, 0755), ==, 0);
  run_ok ("tracker", "init", f->tracker, "x");
  run_ok ("tracker", "init", second, "y", "z");
  {
    g_autofree char *y = axds_tracker_generate_job_id ("y", "", NULL);
    run_ok ("tracker", "start", second, y);
  }

  human = run_axds ("tracker", "discover", f->dir, "--name", "tracker.yaml");
  check_success (human);
  g_assert_nonnull (strstr (human->out, second));

  json = run_axds ("tracker", "discover", f->dir, "--json");
  check_success (json);
  root = parse_json (json->out);
  list = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *o = json_array_get_object_element (list, i);
      if (g_strcmp0 (json_object_get_string_member (o, "path"), second) == 0)
        {
          g_assert_cmpint (json_object_get_int_member (o, "total"), ==, 2);
          g_assert_cmpint (json_object_get_int_member (o, "running"), ==, 1);
        }
      else
        g_assert_cmpstr (json_object_get_string_member (o, "path"), ==, f->tracker);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, fn) \
  g_test_add ("/axds/cli/tracker/" path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("id", test_id);
  ADD ("lifecycle", test_lifecycle);
  ADD ("errors", test_errors);
  ADD ("run", test_run);
  ADD ("discover", test_discover);
#undef ADD

  return g_test_run ();
}

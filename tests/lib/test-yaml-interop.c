/* test-yaml-interop.c — YAML configs and trackers against the Python side
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs tests/helpers/tracker_peer.py with Debian's python3-yaml (CSafeLoader / CDumper, as the
 * Python library uses them) and python3-filelock: Python reads what C wrote and writes what C
 * reads, byte for byte, and both languages update one tracker at the same time.
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include <axds.h>

#include "axds-test-utils.h"
#include "axds-tracker-yaml-private.h"
#include "test-config-types.h"
#include "test-scale.h"

static char *tmp_dir;

static gboolean
have_python (void)
{
  const char *python = g_getenv ("AXDS_PYTHON");
  g_autofree char *out = NULL;
  int status = 1;
  const char *argv[] = { python, "-c", "import yaml, filelock; assert yaml.__with_libyaml__", NULL };

  if (python == NULL || g_getenv ("AXDS_TEST_TRACKER_PEER_PY") == NULL)
    return FALSE;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out,
                     NULL, &status, NULL))
    return FALSE;
  return g_spawn_check_wait_status (status, NULL);
}

#define REQUIRE_PYTHON()                                                               \
  G_STMT_START {                                                                       \
    if (!have_python ())                                                               \
      {                                                                                \
        g_test_skip ("needs AXDS_PYTHON with python3-yaml (libyaml) and python3-filelock"); \
        return;                                                                        \
      }                                                                                \
  } G_STMT_END

/* Runs the peer with ARGS, feeding STDIN_TEXT, and returns its standard output. */
static char *
run_peer (const char *stdin_text,
          ...) G_GNUC_NULL_TERMINATED G_GNUC_WARN_UNUSED_RESULT;

static char *
run_peer (const char *stdin_text,
          ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) axds_test_program ("AXDS_PYTHON"));
  g_ptr_array_add (argv, (gpointer) axds_test_program ("AXDS_TEST_TRACKER_PEER_PY"));
  va_start (args, stdin_text);
  for (arg = va_arg (args, const char *); arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  return axds_test_run_ok ((const char * const *) argv->pdata, stdin_text);
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

static JsonObject *
parse_json_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* Text that stresses quoting: every YAML indicator, quotes, escapes, line breaks, non-ASCII,
 * long lines that fold. */
static char *
random_text (GRand *rand,
             guint  max_len)
{
  static const char *const pieces[] = {
    " ", " ", "a", "b", "word", "'", "\"", "\\", "\n", "\n\n", "\r\n", "\t", "#", ":", ": ", "-",
    "- ", "?", ",", "[", "]", "{", "}", "&", "*", "!", "|", ">", "%", "@", "`", "~", "null",
    "yes", "1", "0x1", "1.5", ".inf", "caf\xc3\xa9", "\xf0\x9f\x98\x80", "\xe2\x80\xa8",
    "\xc2\x85", "\xc2\xa0", "\xef\xbb\xbf", "\x01", "\x7f", "\x1b", "---", "...",
  };
  GString *s = g_string_new (NULL);
  guint len = (guint) g_rand_int_range (rand, 0, (gint32) max_len + 1);

  while (s->len < len)
    g_string_append (s, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
  return g_string_free (s, FALSE);
}

static char *
without_colons (char *text)
{
  g_strdelimit (text, ":", '_');
  return text;
}

static void
assert_json_text (JsonObject *job,
                  const char *member,
                  const char *expected)
{
  JsonNode *node = json_object_get_member (job, member);

  g_assert_nonnull (node);
  if (expected == NULL)
    g_assert_true (JSON_NODE_HOLDS_NULL (node));
  else
    g_assert_cmpstr (json_node_get_string (node), ==, expected);
}

/* C writes a tracker full of awkward text; Python loads exactly that and dumps the same bytes. */
static void
test_python_reads_c_tracker (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261126);
  g_autofree char *path = g_build_filename (tmp_dir, "c_written.yaml", NULL);
  g_autofree char *rewritten = g_build_filename (tmp_dir, "python_rewritten.yaml", NULL);
  g_autofree char *lock = g_strconcat (path, ".lock", NULL);
  g_autoptr(AxdsTracker) tracker = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) specs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) dumped = NULL;
  g_auto(GStrv) ids = NULL;
  g_autofree char *json = NULL;
  g_autofree char *c_bytes = NULL;
  g_autofree char *py_bytes = NULL;
  JsonObject *py_jobs;

  REQUIRE_PYTHON ();
  tracker = axds_tracker_new (path);
  axds_tracker_set_sync (tracker, FALSE);
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *text = without_colons (random_text (rand, 30));

      g_ptr_array_add (names, g_strdup_printf ("job %u %s", i, text));
      g_ptr_array_add (specs, without_colons (random_text (rand, 12)));
    }
  ids = axds_tracker_initialize_jobs (tracker, (const char * const *) names->pdata,
                                      (const char * const *) specs->pdata, names->len, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *executor = random_text (rand, 20);
      g_autofree char *message = random_text (rand, 400);

      if (i % 3 == 0)
        continue;
      g_assert_true (axds_tracker_start_job (tracker, ids[i], executor, &error));
      if (i % 3 == 1)
        g_assert_true (axds_tracker_fail_job (tracker, ids[i], message, &error));
      g_assert_no_error (error);
    }

  json = run_peer (NULL, "dump", path, NULL);
  dumped = parse_json_object (json);
  py_jobs = json_object_get_object_member (dumped, "jobs");
  jobs = axds_tracker_snapshot (tracker, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_object_get_size (py_jobs), ==, jobs->len);
  for (guint i = 0; i < jobs->len; i++)
    {
      AxdsTrackerJob *job = g_ptr_array_index (jobs, i);
      JsonObject *py = json_object_get_object_member (py_jobs, axds_tracker_job_get_id (job));

      g_assert_nonnull (py);
      assert_json_text (py, "job_name", axds_tracker_job_get_job_name (job));
      assert_json_text (py, "specifier", axds_tracker_job_get_specifier (job));
      assert_json_text (py, "executor_id", axds_tracker_job_get_executor_id (job));
      assert_json_text (py, "error_message", axds_tracker_job_get_error_message (job));
      g_assert_cmpint (json_object_get_int_member (py, "status"), ==, axds_tracker_job_get_status (job));
      if (axds_tracker_job_has_started_at (job))
        g_assert_cmpint (json_object_get_int_member (py, "started_at"), ==,
                         (gint64) axds_tracker_job_get_started_at (job));
    }

  /* Python writing the same content produces the same file. */
  g_free (run_peer (NULL, "rewrite", path, rewritten, NULL));
  c_bytes = read_text (path);
  py_bytes = read_text (rewritten);
  g_assert_cmpstr (c_bytes, ==, py_bytes);

  g_assert_cmpint (unlink (rewritten), ==, 0);
  g_assert_cmpint (unlink (path), ==, 0);
  g_assert_cmpint (unlink (lock), ==, 0);
}

/* Python writes a tracker (timestamps up to 2^64-1 included); C reads it and writes the same. */
static void
test_c_reads_python_tracker (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autofree char *path = g_build_filename (tmp_dir, "python_written.yaml", NULL);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GString) rendered = g_string_new (NULL);
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *spec = NULL;
  g_autofree char *py_bytes = NULL;

  REQUIRE_PYTHON ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "jobs");
  json_builder_begin_object (b);
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *text = without_colons (random_text (rand, 25));
      g_autofree char *name = g_strdup_printf ("py %u %s", i, text);
      g_autofree char *id = axds_tracker_generate_job_id (name, NULL, &error);
      char *message = random_text (rand, 300);

      g_assert_no_error (error);
      json_builder_set_member_name (b, id);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "job_name");
      json_builder_add_string_value (b, name);
      json_builder_set_member_name (b, "specifier");
      json_builder_add_string_value (b, "");
      json_builder_set_member_name (b, "status");
      json_builder_add_int_value (b, i % 4);
      json_builder_set_member_name (b, "executor_id");
      json_builder_add_string_value (b, "slurm:12345");
      json_builder_set_member_name (b, "error_message");
      json_builder_add_string_value (b, message);
      json_builder_set_member_name (b, "started_at");
      json_builder_add_int_value (b, 1700000000000000 + i);
      json_builder_set_member_name (b, "completed_at");
      /* Python ints have no bound; 2^64-1 is the largest the tracker takes. */
      json_builder_add_string_value (b, "18446744073709551615");
      json_builder_end_object (b);
      g_ptr_array_add (expected, message);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  spec = json_generator_to_data (gen, NULL);
  g_free (run_peer (spec, "write", path, NULL));

  py_bytes = read_text (path);
  records = _axds_tracker_parse (py_bytes, strlen (py_bytes), path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 200);
  for (guint i = 0; i < records->len; i++)
    {
      AxdsJobRecord *r = g_ptr_array_index (records, i);

      g_assert_cmpstr (r->error_message, ==, g_ptr_array_index (expected, i));
      g_assert_cmpint (r->status, ==, i % 4);
      g_assert_cmpuint (r->completed_at, ==, G_MAXUINT64);
      g_assert_cmpuint (r->started_at, ==, 1700000000000000 + i);
    }
  g_assert_true (_axds_tracker_render_document (records, FALSE, rendered, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (rendered->str, ==, py_bytes);
  g_assert_cmpint (unlink (path), ==, 0);
}

/* A YAML config saved by C is what Python's YamlConfig would write for the same values. */
static void
test_config_python (void)
{
  g_autoptr(TestConfig) config = test_config_new_filled ();
  g_autofree char *path = g_build_filename (tmp_dir, "config.yaml", NULL);
  g_autofree char *rewritten = g_build_filename (tmp_dir, "config_py.yml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) dumped = NULL;
  g_autofree char *json = NULL;
  g_autofree char *c_bytes = NULL;
  g_autofree char *py_bytes = NULL;
  g_autoptr(TestConfig) loaded = NULL;

  REQUIRE_PYTHON ();
  g_assert_true (axds_yaml_config_save (G_OBJECT (config), path, AXDS_YAML_CONFIG_SAVE_NONE, &error));
  g_assert_no_error (error);
  json = run_peer (NULL, "dump", path, NULL);
  dumped = parse_json_object (json);
  g_assert_cmpstr (json_object_get_string_member (dumped, "name"), ==, "session: 42");
  g_assert_cmpstr (json_object_get_string_member (dumped, "big"), ==, "18446744073709551615");
  g_assert_cmpint (json_object_get_int_member (dumped, "mode"), ==, TEST_MODE_FAST);
  g_assert_cmpfloat (json_object_get_double_member (dumped, "gain"), ==, (double) 0.1f);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (dumped, "nested"),
                                                  "label"), ==, "null");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (dumped, "tags"), 4),
                   ==, "multi\nline");
  g_assert_false (json_object_has_member (dumped, "runtime_only"));

  g_free (run_peer (NULL, "rewrite", path, rewritten, NULL));
  c_bytes = read_text (path);
  py_bytes = read_text (rewritten);
  g_assert_cmpstr (c_bytes, ==, py_bytes);

  /* And C loads what Python wrote. */
  loaded = axds_yaml_config_load (test_config_get_type (), rewritten, &error);
  g_assert_no_error (error);
  {
    g_autofree char *again = axds_yaml_config_to_data (G_OBJECT (loaded), NULL, &error);
    g_assert_cmpstr (again, ==, c_bytes);
  }
  g_assert_cmpint (unlink (path), ==, 0);
  g_assert_cmpint (unlink (rewritten), ==, 0);
}

/* Four C and four Python processes, 200 transitions each on their own 100 jobs of one 800-job
 * tracker (20 jobs each under Valgrind), at the same time under the same lock file: no transition
 * may be lost. */
static void
test_mixed_stress (void)
{
  enum { N_PROCS = 8 };
  /* 20 under Valgrind: every job is a locked rewrite of the whole file, serialised. */
  const guint JOBS_PER_PROC = test_scaled (100, 20);
  g_autofree char *path = g_build_filename (tmp_dir, "stress.yaml", NULL);
  g_autofree char *lock = g_strconcat (path, ".lock", NULL);
  g_autoptr(AxdsTracker) tracker = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;
  GSubprocess *procs[N_PROCS];
  GDataInputStream *outs[N_PROCS];
  AxdsTrackerSummary summary;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  const char *asan = g_getenv ("ASAN_OPTIONS");
  gint64 start;

  REQUIRE_PYTHON ();
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDIN_PIPE);
  /* The C helpers need no exact leak stacks; slow unwinding would make them crawl. */
  if (asan != NULL)
    {
      g_autofree char *fast = g_strconcat (asan, ":fast_unwind_on_malloc=1", NULL);
      g_subprocess_launcher_setenv (launcher, "ASAN_OPTIONS", fast, TRUE);
    }
  /* The lock is under test, not the disk. */
  g_subprocess_launcher_setenv (launcher, "AXDS_TRACKER_NO_SYNC", "1", TRUE);
  tracker = axds_tracker_new (path);
  for (guint i = 0; i < N_PROCS * JOBS_PER_PROC; i++)
    g_ptr_array_add (names, g_strdup_printf ("w%u_job%03u", i / JOBS_PER_PROC, i % JOBS_PER_PROC));
  ids = axds_tracker_initialize_jobs (tracker, (const char * const *) names->pdata, NULL,
                                      names->len, &error);
  g_assert_no_error (error);

  for (guint p = 0; p < N_PROCS; p++)
    {
      g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *line = NULL;
      gboolean python = p % 2 == 1;

      if (python)
        {
          g_ptr_array_add (argv, g_strdup (g_getenv ("AXDS_PYTHON")));
          g_ptr_array_add (argv, g_strdup (g_getenv ("AXDS_TEST_TRACKER_PEER_PY")));
        }
      else
        g_ptr_array_add (argv, g_strdup (g_getenv ("AXDS_TEST_TRACKER_HELPER")));
      g_ptr_array_add (argv, g_strdup ("worker"));
      g_ptr_array_add (argv, g_strdup (path));
      g_ptr_array_add (argv, g_strdup_printf ("%s%u", python ? "py" : "c", p));
      for (guint j = 0; j < JOBS_PER_PROC; j++)
        g_ptr_array_add (argv, g_strdup (ids[p * JOBS_PER_PROC + j]));
      g_ptr_array_add (argv, NULL);
      procs[p] = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata,
                                               &error);
      g_assert_no_error (error);
      outs[p] = g_data_input_stream_new (g_subprocess_get_stdout_pipe (procs[p]));
      line = axds_test_read_line (outs[p]);
      g_assert_cmpstr (line, ==, "ready");
    }
  start = g_get_monotonic_time ();
  for (guint p = 0; p < N_PROCS; p++)
    {
      g_output_stream_write_all (g_subprocess_get_stdin_pipe (procs[p]), "go\n", 3, NULL, NULL,
                                 &error);
      g_assert_no_error (error);
    }
  for (guint p = 0; p < N_PROCS; p++)
    {
      g_autofree char *line = axds_test_read_line (outs[p]);

      g_assert_nonnull (line);
      g_assert_true (g_str_has_prefix (line, "done "));
      g_test_message ("%s worker %u: %s lock timeouts (retried)", p % 2 ? "Python" : "C", p,
                      line + 5);
      g_subprocess_wait_check (procs[p], NULL, &error);
      g_assert_no_error (error);
      g_object_unref (outs[p]);
      g_object_unref (procs[p]);
    }
  g_test_message ("8 processes x %u transitions (4 C, 4 Python): %.2f s", 2 * JOBS_PER_PROC,
                  (g_get_monotonic_time () - start) / 1e6);

  jobs = axds_tracker_snapshot (tracker, &summary, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary.total, ==, N_PROCS * JOBS_PER_PROC);
  g_assert_cmpuint (summary.failed, ==, N_PROCS * JOBS_PER_PROC / 10);
  g_assert_cmpuint (summary.succeeded, ==, N_PROCS * JOBS_PER_PROC * 9 / 10);
  for (guint i = 0; i < jobs->len; i++)
    {
      AxdsTrackerJob *job = g_ptr_array_index (jobs, i);
      guint p = i / JOBS_PER_PROC, n = i % JOBS_PER_PROC;
      g_autofree char *executor = g_strdup_printf ("%s%u", p % 2 ? "py" : "c", p);

      g_assert_cmpstr (axds_tracker_job_get_executor_id (job), ==, executor);
      g_assert_true (axds_tracker_job_has_started_at (job));
      g_assert_true (axds_tracker_job_has_completed_at (job));
      if (n % 10 == 9)
        {
          g_autofree char *message = g_strdup_printf ("%s: job %u failed", executor, n);
          g_assert_cmpint (axds_tracker_job_get_status (job), ==, AXDS_PROCESSING_STATUS_FAILED);
          g_assert_cmpstr (axds_tracker_job_get_error_message (job), ==, message);
        }
      else
        g_assert_cmpint (axds_tracker_job_get_status (job), ==, AXDS_PROCESSING_STATUS_SUCCEEDED);
    }
  g_assert_cmpint (unlink (path), ==, 0);
  g_assert_cmpint (unlink (lock), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  tmp_dir = g_dir_make_tmp ("axds-yaml-interop-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/axds/yaml-interop/python-reads-c-tracker", test_python_reads_c_tracker);
  g_test_add_func ("/axds/yaml-interop/c-reads-python-tracker", test_c_reads_python_tracker);
  g_test_add_func ("/axds/yaml-interop/config", test_config_python);
  g_test_add_func ("/axds/yaml-interop/mixed-stress", test_mixed_stress);
  ret = g_test_run ();

  if (rmdir (tmp_dir) != 0)
    {
      g_printerr ("temporary folder %s not empty\n", tmp_dir);
      ret = 1;
    }
  g_free (tmp_dir);
  return ret;
}

/* test-cli-log.c — `axds log …`
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include <axds.h>

#include "axds-test-utils.h"
#include "cli-test-utils.h"
#include "test-log-entries.h"
#include "test-vectors.h"

/* Runs the tool with @argv (NULL-terminated, without the program) and optional @input on
 * stdin; returns its exit status and fills @out and @err. */
static int
run_cli (const char  *input,
         char       **out,
         char       **err,
         ...) G_GNUC_NULL_TERMINATED;

static int
run_cli (const char  *input,
         char       **out,
         char       **err,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(Result) r = NULL;
  const char *arg;
  va_list ap;

  va_start (ap, err);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  r = run_axds_inputv (input, (const char * const *) args->pdata);
  *out = g_steal_pointer (&r->out);
  *err = g_steal_pointer (&r->err);
  return r->status;
}

static void
test_assemble_info_dump (void)
{
  g_autoptr(AxdsTestDir) dir = axds_test_dir_new_tmpfs ("cli-log");
  g_autofree char *entries = test_vector_path ("npz", "entries", NULL);
  g_autofree char *archive = g_build_filename (dir, "1_log.npz", NULL);
  g_autoptr(GDir) d = g_dir_open (entries, 0, NULL);
  g_autoptr(JsonNode) info = NULL;
  g_autoptr(JsonNode) dump = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *entry;
  JsonObject *o;
  JsonArray *list;
  g_auto(GStrv) lines = NULL;

  while ((entry = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *from = g_build_filename (entries, entry, NULL);
      g_autofree char *to = g_build_filename (dir, entry, NULL);
      g_autofree char *contents = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (from, &contents, &len, NULL));
      g_assert_true (g_file_set_contents (to, contents, (gssize) len, NULL));
    }

  g_assert_cmpint (run_cli (NULL, &out, &err, "log", "assemble", "--workers", "2", dir, NULL),
                   ==, 0);
  /* Verify-then-remove by default. */
  g_assert_true (g_file_test (archive, G_FILE_TEST_EXISTS));
  {
    g_autofree char *source = g_build_filename (dir, "001_00000000000000001000.npy", NULL);
    g_assert_false (g_file_test (source, G_FILE_TEST_EXISTS));
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (NULL, &out, &err, "log", "info", "--json", archive, NULL), ==, 0);
  info = parse_json (out);
  o = json_node_get_object (info);
  g_assert_cmpint (json_object_get_int_member (o, "source_id"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (o, "onset_us"), ==, 1700000000000000);
  g_assert_cmpint (json_object_get_int_member (o, "message_count"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (o, "first_us"), ==, 1700000000001000);
  g_assert_cmpint (json_object_get_int_member (o, "last_us"), ==, 1701000000000000);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (NULL, &out, &err, "log", "info", archive, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Messages:  4"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (NULL, &out, &err, "log", "dump", "--json", archive, NULL), ==, 0);
  dump = parse_json (out);
  list = json_node_get_array (dump);
  g_assert_cmpuint (json_array_get_length (list), ==, 4);
  o = json_array_get_object_element (list, 0);
  g_assert_cmpint (json_object_get_int_member (o, "timestamp_us"), ==, 1700000000001000);
  g_assert_cmpstr (json_object_get_string_member (o, "payload"), ==, "6669727374");
  o = json_array_get_object_element (list, 1);
  g_assert_cmpstr (json_object_get_string_member (o, "payload"), ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (NULL, &out, &err, "log", "dump", "--limit", "2", archive, NULL), ==, 0);
  lines = g_strsplit (g_strchomp (out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_cmpstr (lines[0], ==, "1700000000001000 6669727374");
}

static void
test_errors (void)
{
  g_autoptr(AxdsTestDir) dir = axds_test_dir_new_tmpfs ("cli-log");
  g_autofree char *garbage = g_build_filename (dir, "1_log.npz", NULL);
  g_autofree char *name = g_strdup_printf ("axds-test-cli-missing-%d", (int) getpid ());
  g_autofree char *missing_dir = g_build_filename (dir, "nope", NULL);
  struct { int status; const char *args[10]; } cases[] = {
    { 2, { "log", "send", name, "--text", "x", NULL } },                       /* no --source */
    { 2, { "log", "send", name, "--source", "1", "--text", "x", NULL } },      /* no --time */
    { 2, { "log", "send", name, "--source", "300", "--onset", NULL } },        /* bad source */
    { 2, { "log", "send", name, "--source", "1", "--time", "3", "--hex", "zz", NULL } },
    { 2, { "log", "send", name, "--source", "1", "--onset", "--lines", NULL } },
    { 1, { "log", "send", name, "--source", "1", "--onset", NULL } },          /* no logger */
    { 1, { "log", "assemble", missing_dir, NULL } },
    { 1, { "log", "info", garbage, NULL } },
    { 2, { "log", "dump", NULL } },
    { 2, { "log", "run", dir, NULL } },
  };

  g_assert_true (g_file_set_contents (garbage, "not an archive", -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      const char **a = cases[i].args;
      int status = run_cli (NULL, &out, &err, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8],
                            NULL);

      if (status != cases[i].status)
        g_error ("case %u: status %d instead of %d; stderr: %s", i, status, cases[i].status, err);
      g_assert_true (g_str_has_prefix (err, "axds: "));
    }
}

/* A folder without log entries fails, naming it; one assembled before has nothing to do. */
static void
test_assemble_empty (void)
{
  g_autoptr(AxdsTestDir) dir = axds_test_dir_new_tmpfs ("cli-log-empty");
  g_autofree char *empty = g_build_filename (dir, "behavior_data_log", NULL);
  g_autofree char *done = g_build_filename (dir, "done_data_log", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const guint8 payload[2] = { 7, 8 };

  g_assert_cmpint (g_mkdir_with_parents (empty, 0755), ==, 0);
  g_assert_cmpint (run_cli (NULL, &out, &err, "log", "assemble", empty, NULL), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_str_has_prefix (err, "axds: "));
  g_assert_nonnull (strstr (err, "No log entries"));
  g_assert_nonnull (strstr (err, empty));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (g_mkdir_with_parents (done, 0755), ==, 0);
  test_write_log_entry (done, 3, 0, payload, 2);
  g_assert_cmpint (run_cli (NULL, &out, &err, "log", "assemble", done, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &out, &err, "log", "assemble", done, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "nothing to assemble"));
  g_assert_cmpuint (axds_test_count_files (done, ".npz"), ==, 1);
}

static void
test_run_and_send (void)
{
  g_autoptr(AxdsTestDir) dir = axds_test_dir_new_tmpfs ("cli-log");
  g_autofree char *name = g_strdup_printf ("axds-test-cli-%d", (int) getpid ());
  g_autofree char *log_dir = NULL;
  g_autoptr(GSubprocess) run = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) list = NULL;
  gboolean found = FALSE;
  JsonArray *array;

  run = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, g_getenv ("AXDS_CLI_PATH"),
                          "log", "run", "--threads", "2", dir, name, NULL);
  g_assert_no_error (error);
  in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (run));
  /* The first line is printed once the logger accepts messages. */
  first = g_data_input_stream_read_line (in, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (first, name));

  g_assert_cmpint (run_cli (NULL, &out, &err, "log", "send", name, "--source", "4", "--onset",
                            NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &out, &err, "log", "send", name, "--source", "4", "--time",
                            "17", "--hex", "0A0b", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli ("first line\nsecond\n", &out, &err, "log", "send", name, "--source",
                            "5", "--lines", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (NULL, &out, &err, "log", "list", "--json", NULL), ==, 0);
  list = parse_json (out);
  array = json_node_get_array (list);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (o, "name"), name) != 0)
        continue;
      found = TRUE;
      g_assert_cmpstr (json_object_get_string_member (o, "state"), ==, "running");
      g_assert_true (json_object_get_boolean_member (o, "logger_alive"));
      g_assert_cmpint (json_object_get_int_member (o, "submitted"), ==, 5);
    }
  g_assert_true (found);

  /* Interrupted, it stops cleanly with everything on disk. */
  g_subprocess_send_signal (run, SIGINT);
  g_subprocess_wait_check (run, NULL, &error);
  g_assert_no_error (error);

  {
    g_autofree char *dir_name = g_strconcat (name, "_data_log", NULL);
    g_autofree char *archive = NULL;
    g_autoptr(AxdsLogArchive) a = NULL;
    AxdsLogMessage msg;

    log_dir = g_build_filename (dir, dir_name, NULL);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_cli (NULL, &out, &err, "log", "assemble", log_dir, NULL), ==, 0);
    archive = g_build_filename (log_dir, "4_log.npz", NULL);
    a = axds_log_archive_open (archive, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (axds_log_archive_get_n_messages (a), ==, 1);
    g_assert_true (axds_log_archive_get_message (a, 0, &msg, &error));
    g_assert_cmpuint (msg.elapsed_us, ==, 17);
    g_assert_cmpmem (msg.payload, msg.payload_len, "\x0a\x0b", 2);
    g_clear_pointer (&a, axds_log_archive_unref);
    g_free (archive);
    archive = g_build_filename (log_dir, "5_log.npz", NULL);
    a = axds_log_archive_open (archive, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (axds_log_archive_get_n_messages (a), ==, 2);
    g_assert_true (axds_log_archive_get_message (a, 1, &msg, &error));
    g_assert_cmpmem (msg.payload, msg.payload_len, "second", 6);
  }
}

static void
own_process_group (gpointer user_data)
{
  setpgid (0, 0);
}

/*
 * Ctrl+C in a terminal (SIGINT) or a stop of the service (SIGTERM to the whole control group)
 * reaches `axds log run` and its logger process at once, right after the last message was
 * submitted: both drain, the tool prints the totals and exits 0, every message is on disk.
 */
static void
test_run_group_signal (gconstpointer data)
{
  int sig = GPOINTER_TO_INT (data);
  g_autoptr(AxdsTestDir) dir = axds_test_dir_new_tmpfs ("cli-log");
  g_autofree char *name = g_strdup_printf ("axds-test-cli-group-%d-%d", (int) getpid (), sig);
  g_autofree char *dir_name = g_strconcat (name, "_data_log", NULL);
  g_autofree char *log_dir = g_build_filename (dir, dir_name, NULL);
  g_autofree char *archive_path = g_build_filename (log_dir, "9_log.npz", NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) run = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  g_autoptr(AxdsLogArchive) archive = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) input = g_string_new (NULL);
  g_autofree char *first = NULL;
  g_autofree char *rest = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = NULL;
  const guint count = 3000;
  AxdsLogArchiveIter iter;
  AxdsLogMessage msg;
  guint n = 0;
  pid_t pid;

  /* A process group of its own, as a terminal's foreground job has. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, own_process_group, NULL, NULL);
  run = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("AXDS_CLI_PATH"), "log", "run",
                                     dir, name, NULL);
  g_assert_no_error (error);
  pid = (pid_t) g_ascii_strtoll (g_subprocess_get_identifier (run), NULL, 10);
  in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (run));
  first = g_data_input_stream_read_line (in, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (first, name));

  for (guint i = 1; i <= count; i++)
    g_string_append_printf (input, "line %u\n", i);
  g_assert_cmpint (run_cli (input->str, &out, &err, "log", "send", name, "--source", "9",
                            "--lines", NULL), ==, 0);
  g_assert_cmpint (kill (-pid, sig), ==, 0);

  rest = g_data_input_stream_read_upto (in, "", 0, NULL, NULL, &error);
  g_assert_no_error (error);
  g_subprocess_wait (run, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (run));
  g_assert_cmpint (g_subprocess_get_exit_status (run), ==, 0);
  /* The onset and every line. */
  expected = g_strdup_printf ("Stopped: %u messages written", count + 1);
  g_assert_nonnull (strstr (rest, expected));

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &out, &err, "log", "assemble", log_dir, NULL), ==, 0);
  archive = axds_log_archive_open (archive_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (axds_log_archive_get_n_messages (archive), ==, count);
  axds_log_archive_iter_init (&iter, archive, NULL);
  while (axds_log_archive_iter_next (&iter, &msg, &error))
    {
      g_autofree char *line = g_strdup_printf ("line %u", ++n);

      g_assert_cmpmem (msg.payload, msg.payload_len, line, strlen (line));
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, count);
}

static void
test_bench (void)
{
  g_autoptr(AxdsTestDir) dir = axds_test_dir_new_tmpfs ("cli-log");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (NULL, &out, &err, "log", "bench", "--messages", "300", "--size",
                            "8", "--dir", dir, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "300 messages of 8 bytes"));
  /* Its files are gone afterwards. */
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    g_assert_null (g_dir_read_name (d));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/axds/cli/log/assemble-info-dump", test_assemble_info_dump);
  g_test_add_func ("/axds/cli/log/errors", test_errors);
  g_test_add_func ("/axds/cli/log/assemble-empty", test_assemble_empty);
  g_test_add_func ("/axds/cli/log/run-and-send", test_run_and_send);
  g_test_add_data_func ("/axds/cli/log/run-group-signal/sigint", GINT_TO_POINTER (SIGINT),
                        test_run_group_signal);
  g_test_add_data_func ("/axds/cli/log/run-group-signal/sigterm", GINT_TO_POINTER (SIGTERM),
                        test_run_group_signal);
  g_test_add_func ("/axds/cli/log/bench", test_bench);
  return g_test_run ();
}

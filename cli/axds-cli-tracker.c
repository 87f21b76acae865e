/* axds-cli-tracker.c — `axds tracker …`: processing-job trackers from scripts
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <gio/gio.h>

#include <axds.h>

#include "axds-cli-tracker.h"

/* How much of a failed command's stderr goes into the tracker's error message. */
#define STDERR_TAIL_BYTES 2048

static AxdsTracker *
tracker_for (const char *path)
{
  return axds_tracker_new (path);
}

/* axds tracker id NAME [SPECIFIER] */

static int
tracker_id (const AxdsCliInvocation *invocation,
            int                      argc,
            char                   **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  g_autofree char *id = NULL;
  int status;

  context = axds_cli_option_context_new (
      invocation, NULL,
      _("Prints the job ID: XXH64 of NAME:SPECIFIER (or of NAME without a specifier), the same "
        "as the Python library's."));
  if (!axds_cli_parse_arguments (invocation, context, argc, argv, 1, 2, &args, &status))
    return status;

  id = axds_tracker_generate_job_id (args[0], args[1] != NULL ? args[1] : "", &error);
  if (id == NULL)
    return axds_cli_usage_error (invocation, "%s", error->message);
  printf ("%s\n", id);
  return AXDS_CLI_EXIT_OK;
}

/* axds tracker init FILE NAME[:SPECIFIER]… */

static int
tracker_init (const AxdsCliInvocation *invocation,
              int                      argc,
              char                   **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AxdsTracker) tracker = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) specifiers = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) args = NULL;
  g_auto(GStrv) ids = NULL;
  int status;

  context = axds_cli_option_context_new (
      invocation, NULL,
      _("Adds jobs to the tracker FILE (created when missing), each given as NAME or "
        "NAME:SPECIFIER, and prints their IDs. Jobs already present are left untouched."));
  if (!axds_cli_parse_arguments (invocation, context, argc, argv, 2, G_MAXUINT, &args, &status))
    return status;

  for (guint i = 1; args[i] != NULL; i++)
    {
      const char *colon = strchr (args[i], ':');

      g_ptr_array_add (names, colon ? g_strndup (args[i], colon - args[i]) : g_strdup (args[i]));
      g_ptr_array_add (specifiers, g_strdup (colon ? colon + 1 : ""));
    }

  tracker = tracker_for (args[0]);
  ids = axds_tracker_initialize_jobs (tracker, (const char * const *) names->pdata,
                                      (const char * const *) specifiers->pdata, names->len,
                                      &error);
  if (ids == NULL)
    return axds_cli_error ("%s", error->message);
  for (guint i = 0; ids[i] != NULL; i++)
    printf ("%s\n", ids[i]);
  return AXDS_CLI_EXIT_OK;
}

static char *
format_duration (guint64 start_us,
                 guint64 end_us)
{
  guint64 s = end_us > start_us ? (end_us - start_us) / G_USEC_PER_SEC : 0;

  if (s >= 3600)
    return g_strdup_printf ("%" G_GUINT64_FORMAT "h%02u", s / 3600, (guint) (s % 3600) / 60);
  if (s >= 60)
    return g_strdup_printf ("%" G_GUINT64_FORMAT "m%02u", s / 60, (guint) (s % 60));
  return g_strdup_printf ("%" G_GUINT64_FORMAT "s", s);
}

/* axds tracker show FILE [--json] */

static int
tracker_show (const AxdsCliInvocation *invocation,
              int                      argc,
              char                   **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON document"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AxdsTracker) tracker = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(GStrv) args = NULL;
  AxdsTrackerSummary summary;
  guint64 now = (guint64) g_get_real_time ();
  int status;

  context = axds_cli_option_context_new (invocation, entries,
                                         _("Shows every job of the tracker FILE and a summary."));
  if (!axds_cli_parse_arguments (invocation, context, argc, argv, 1, 1, &args, &status))
    return status;

  /* The library reads a missing tracker as empty; here a missing file is more likely a typo. */
  if (!g_file_test (args[0], G_FILE_TEST_EXISTS))
    return axds_cli_error (_("No tracker file at %s"), args[0]);

  tracker = tracker_for (args[0]);
  jobs = axds_tracker_snapshot (tracker, &summary, &error);
  if (jobs == NULL)
    return axds_cli_error ("%s", error->message);

  if (json)
    {
      g_autofree char *text = axds_tracker_snapshot_to_json (jobs, &summary, TRUE);
      printf ("%s\n", text);
      return AXDS_CLI_EXIT_OK;
    }

  /* Translators: the second %s is the tracker's state as the Python library names it
   * (failed, completed, processing, not_started, in_progress) */
  g_string_append_printf (out, _("%s: %s — %u jobs, %u succeeded, %u failed, %u running, "
                                 "%u scheduled\n"), args[0],
                          axds_tracker_summary_get_label (&summary),
                          summary.total, summary.succeeded, summary.failed, summary.running,
                          summary.scheduled);
  if (jobs->len > 0)
    {
      g_string_append_c (out, '\n');
      axds_cli_pad_right (out, _("ID"), 18);
      axds_cli_pad_right (out, _("STATUS"), 11);
      axds_cli_pad_right (out, _("DURATION"), 10);
      axds_cli_pad_right (out, _("EXECUTOR"), 18);
      g_string_append (out, _("JOB"));
      g_string_append_c (out, '\n');
    }
  for (guint i = 0; i < jobs->len; i++)
    {
      AxdsTrackerJob *job = g_ptr_array_index (jobs, i);
      AxdsProcessingStatus st = axds_tracker_job_get_status (job);
      const char *executor = axds_tracker_job_get_executor_id (job);
      const char *spec = axds_tracker_job_get_specifier (job);
      const char *message = axds_tracker_job_get_error_message (job);
      g_autofree char *duration = NULL;

      if (axds_tracker_job_has_started_at (job))
        duration = format_duration (axds_tracker_job_get_started_at (job),
                                    axds_tracker_job_has_completed_at (job)
                                      ? axds_tracker_job_get_completed_at (job) : now);
      axds_cli_pad_right (out, axds_tracker_job_get_id (job), 18);
      axds_cli_pad_right (out, axds_processing_status_to_string (st), 11);
      axds_cli_pad_right (out, duration ? duration : "-", 10);
      axds_cli_pad_right (out, executor ? executor : "-", 18);
      g_string_append (out, axds_tracker_job_get_job_name (job));
      if (spec != NULL && *spec != '\0')
        g_string_append_printf (out, ":%s", spec);
      g_string_append_c (out, '\n');
      if (message != NULL && st == AXDS_PROCESSING_STATUS_FAILED)
        {
          g_autofree char *first_line = g_strdup (message);
          char *nl = strchr (first_line, '\n');
          if (nl)
            *nl = '\0';
          g_string_append_printf (out, "%18s└ %s\n", "", first_line);
        }
    }
  fputs (out->str, stdout);
  return AXDS_CLI_EXIT_OK;
}

typedef enum
{
  TRANSITION_START,
  TRANSITION_COMPLETE,
  TRANSITION_FAIL,
} Transition;

static int
run_transition (const AxdsCliInvocation *invocation,
                int                      argc,
                char                   **argv,
                Transition               transition)
{
  g_autofree char *message = NULL;
  g_autofree char *executor = NULL;
  GOptionEntry entries[2] = { { NULL } };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AxdsTracker) tracker = NULL;
  g_auto(GStrv) args = NULL;
  gboolean ok = FALSE;
  int status;

  if (transition == TRANSITION_FAIL)
    entries[0] = (GOptionEntry) { "message", 0, 0, G_OPTION_ARG_STRING, &message,
                                  N_("Why the job failed"), N_("TEXT") };
  else if (transition == TRANSITION_START)
    entries[0] = (GOptionEntry) { "executor", 0, 0, G_OPTION_ARG_STRING, &executor,
                                  N_("Executor ID (default: from the scheduler's environment, "
                                     "else pid:N)"), N_("ID") };

  context = axds_cli_option_context_new (invocation, entries, NULL);
  if (!axds_cli_parse_arguments (invocation, context, argc, argv, 2, 2, &args, &status))
    return status;

  tracker = tracker_for (args[0]);
  switch (transition)
    {
    case TRANSITION_START:
      ok = axds_tracker_start_job (tracker, args[1], executor, &error);
      break;
    case TRANSITION_COMPLETE:
      ok = axds_tracker_complete_job (tracker, args[1], &error);
      break;
    case TRANSITION_FAIL:
      ok = axds_tracker_fail_job (tracker, args[1], message, &error);
      break;
    default:
      g_assert_not_reached ();
    }
  if (!ok)
    return axds_cli_error ("%s", error->message);
  return AXDS_CLI_EXIT_OK;
}

static int
tracker_start (const AxdsCliInvocation *invocation,
               int                      argc,
               char                   **argv)
{
  return run_transition (invocation, argc, argv, TRANSITION_START);
}

static int
tracker_complete (const AxdsCliInvocation *invocation,
                  int                      argc,
                  char                   **argv)
{
  return run_transition (invocation, argc, argv, TRANSITION_COMPLETE);
}

static int
tracker_fail (const AxdsCliInvocation *invocation,
              int                      argc,
              char                   **argv)
{
  return run_transition (invocation, argc, argv, TRANSITION_FAIL);
}

/* axds tracker retry FILE */

static int
tracker_retry (const AxdsCliInvocation *invocation,
               int                      argc,
               char                   **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AxdsTracker) tracker = NULL;
  g_auto(GStrv) args = NULL;
  g_auto(GStrv) ids = NULL;
  int status;

  context = axds_cli_option_context_new (
      invocation, NULL, _("Puts every failed job back to scheduled and prints their IDs."));
  if (!axds_cli_parse_arguments (invocation, context, argc, argv, 1, 1, &args, &status))
    return status;

  tracker = tracker_for (args[0]);
  ids = axds_tracker_retry_failed_jobs (tracker, &error);
  if (ids == NULL)
    return axds_cli_error ("%s", error->message);
  for (guint i = 0; ids[i] != NULL; i++)
    printf ("%s\n", ids[i]);
  return AXDS_CLI_EXIT_OK;
}

/* axds tracker reset FILE [ID…] */

static int
tracker_reset (const AxdsCliInvocation *invocation,
               int                      argc,
               char                   **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AxdsTracker) tracker = NULL;
  g_auto(GStrv) args = NULL;
  gboolean ok;
  int status;

  context = axds_cli_option_context_new (
      invocation, NULL,
      _("Puts the given jobs back to scheduled, clearing their executor, error and times. "
        "Without IDs, removes every job, as the Python library's reset() does."));
  if (!axds_cli_parse_arguments (invocation, context, argc, argv, 1, G_MAXUINT, &args, &status))
    return status;

  tracker = tracker_for (args[0]);
  if (args[1] == NULL)
    ok = axds_tracker_reset (tracker, &error);
  else
    ok = axds_tracker_reset_jobs (tracker, (const char * const *) &args[1], &error);
  if (!ok)
    return axds_cli_error ("%s", error->message);
  return AXDS_CLI_EXIT_OK;
}

/* axds tracker discover ROOT [--name FILE_NAME] [--json] */

static int
tracker_discover (const AxdsCliInvocation *invocation,
                  int                      argc,
                  char                   **argv)
{
  g_autofree char *file_name = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &file_name,
      N_("The trackers' file name (default: any *tracker.yaml or *tracker.yml)"), N_("FILE_NAME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON document"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_auto(GStrv) args = NULL;
  int status, result = AXDS_CLI_EXIT_OK;

  context = axds_cli_option_context_new (
      invocation, entries, _("Finds every tracker under ROOT and shows its overall state."));
  if (!axds_cli_parse_arguments (invocation, context, argc, argv, 1, 1, &args, &status))
    return status;

  paths = axds_tracker_discover (args[0], file_name, NULL, &error);
  if (paths == NULL)
    return axds_cli_error ("%s", error->message);

  json_builder_begin_array (builder);
  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autoptr(AxdsTracker) tracker = tracker_for (path);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GPtrArray) jobs = NULL;
      AxdsTrackerSummary s;

      jobs = axds_tracker_snapshot (tracker, &s, &local_error);
      if (json)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "path");
          json_builder_add_string_value (builder, path);
          if (jobs == NULL)
            {
              json_builder_set_member_name (builder, "error");
              json_builder_add_string_value (builder, local_error->message);
            }
          else
            {
              json_builder_set_member_name (builder, "status");
              json_builder_add_string_value (builder, axds_tracker_summary_get_label (&s));
              json_builder_set_member_name (builder, "total");
              json_builder_add_int_value (builder, s.total);
              json_builder_set_member_name (builder, "succeeded");
              json_builder_add_int_value (builder, s.succeeded);
              json_builder_set_member_name (builder, "failed");
              json_builder_add_int_value (builder, s.failed);
              json_builder_set_member_name (builder, "running");
              json_builder_add_int_value (builder, s.running);
              json_builder_set_member_name (builder, "scheduled");
              json_builder_add_int_value (builder, s.scheduled);
            }
          json_builder_end_object (builder);
        }
      else if (jobs == NULL)
        {
          axds_cli_warning ("%s", local_error->message);
          result = AXDS_CLI_EXIT_FAILURE;
        }
      else
        /* Translators: the first %s is the tracker's state as the Python library names it,
         * the last one the tracker file */
        printf (_("%-12s %4u jobs  %4u ok  %4u failed  %4u running  %s\n"),
                axds_tracker_summary_get_label (&s), s.total, s.succeeded, s.failed, s.running,
                path);
    }
  json_builder_end_array (builder);

  if (json)
    {
      root = json_builder_get_root (builder);
      if (!axds_cli_print_json (root))
        return AXDS_CLI_EXIT_FAILURE;
    }
  return result;
}

/* axds tracker run FILE ID -- COMMAND… */

typedef struct
{
  GMainLoop   *loop;
  GSubprocess *proc;
  GByteArray  *tail;     /* the last STDERR_TAIL_BYTES of the command's stderr */
  gboolean     stderr_done;
  gboolean     exited;
  guint        signals[3];
} RunState;

static void
maybe_quit (RunState *state)
{
  if (state->stderr_done && state->exited)
    g_main_loop_quit (state->loop);
}

static void
stderr_read_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  RunState *state = user_data;
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result,
                                                             NULL);
  gsize len = bytes ? g_bytes_get_size (bytes) : 0;

  if (len == 0)
    {
      state->stderr_done = TRUE;
      maybe_quit (state);
      return;
    }

  /* Pass the command's stderr through, and keep its tail for the tracker. */
  fwrite (g_bytes_get_data (bytes, NULL), 1, len, stderr);
  fflush (stderr);
  g_byte_array_append (state->tail, g_bytes_get_data (bytes, NULL), len);
  if (state->tail->len > STDERR_TAIL_BYTES)
    g_byte_array_remove_range (state->tail, 0, state->tail->len - STDERR_TAIL_BYTES);

  g_input_stream_read_bytes_async (G_INPUT_STREAM (source), 65536, G_PRIORITY_DEFAULT, NULL,
                                   stderr_read_cb, state);
}

static void
wait_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  RunState *state = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  state->exited = TRUE;
  maybe_quit (state);
}

/* SIGINT/SIGTERM (a scheduler's time limit) go to the command, whose death is then recorded. */
typedef struct
{
  RunState *state;
  int       signum;
} Forward;

static gboolean
forward_signal_cb (gpointer user_data)
{
  Forward *forward = user_data;

  g_subprocess_send_signal (forward->state->proc, forward->signum);
  return G_SOURCE_CONTINUE;
}

/* The message goes into the tracker file, which the Python library, other programs and
 * people on other machines read: it stays in English, as the Python library writes it. */
static char *
describe_failure (GSubprocess *proc,
                  GByteArray  *tail)
{
  g_autoptr(GString) msg = g_string_new (NULL);

  if (g_subprocess_get_if_signaled (proc))
    g_string_append_printf (msg, "killed by signal %d (%s)", g_subprocess_get_term_sig (proc),
                            g_strsignal (g_subprocess_get_term_sig (proc)));
  else
    g_string_append_printf (msg, "exit status %d", g_subprocess_get_exit_status (proc));

  if (tail->len > 0)
    {
      g_autofree char *text = g_utf8_make_valid ((const char *) tail->data, tail->len);
      g_string_append (msg, "\n");
      g_string_append (msg, text);
    }
  return g_string_free (g_steal_pointer (&msg), FALSE);
}

static int
tracker_run (const AxdsCliInvocation *invocation,
             int                      argc,
             char                   **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AxdsTracker) tracker = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GByteArray) tail = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_auto(GStrv) args = NULL;
  RunState state = { 0 };
  Forward forwards[] = { { &state, SIGINT }, { &state, SIGTERM }, { &state, SIGHUP } };
  int dashes = -1, status, exit_code;

  /* Everything after "--" is the command, options included: split before parsing ours. */
  for (int i = 1; i < argc; i++)
    if (strcmp (argv[i], "--") == 0)
      {
        dashes = i;
        break;
      }

  context = axds_cli_option_context_new (
      invocation, NULL,
      _("Marks the job running, runs COMMAND, and marks the job succeeded when it exits with "
        "status 0, or failed with its exit status and the end of its standard error. Exits "
        "with the command's status: one line in a cluster batch script."));
  if (!axds_cli_parse_arguments (invocation, context, dashes < 0 ? argc : dashes, argv, 2, 2,
                                 &args, &status))
    return status;
  if (dashes < 0 || dashes + 1 >= argc)
    return axds_cli_usage_error (invocation, _("Missing command after '--'"));

  tracker = tracker_for (args[0]);
  if (!axds_tracker_start_job (tracker, args[1], NULL, &error))
    return axds_cli_error ("%s", error->message);

  proc = g_subprocess_newv ((const char * const *) &argv[dashes + 1],
                            G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  if (proc == NULL)
    {
      g_autoptr(GError) fail_error = NULL;
      /* For the tracker file: in English, as describe_failure () explains. */
      g_autofree char *message = g_strdup_printf ("could not start the command: %s",
                                                  error->message);

      if (!axds_tracker_fail_job (tracker, args[1], message, &fail_error))
        axds_cli_warning ("%s", fail_error->message);
      return axds_cli_error ("%s", error->message);
    }

  loop = g_main_loop_new (NULL, FALSE);
  tail = g_byte_array_new ();
  state.loop = loop;
  state.proc = proc;
  state.tail = tail;
  for (guint i = 0; i < G_N_ELEMENTS (forwards); i++)
    state.signals[i] = g_unix_signal_add (forwards[i].signum, forward_signal_cb, &forwards[i]);
  g_input_stream_read_bytes_async (g_subprocess_get_stderr_pipe (proc), 65536,
                                   G_PRIORITY_DEFAULT, NULL, stderr_read_cb, &state);
  g_subprocess_wait_async (proc, NULL, wait_cb, &state);
  g_main_loop_run (loop);
  for (guint i = 0; i < G_N_ELEMENTS (state.signals); i++)
    g_source_remove (state.signals[i]);

  if (g_subprocess_get_if_exited (proc) && g_subprocess_get_exit_status (proc) == 0)
    {
      if (!axds_tracker_complete_job (tracker, args[1], &error))
        return axds_cli_error ("%s", error->message);
      return AXDS_CLI_EXIT_OK;
    }

  {
    g_autofree char *message = describe_failure (proc, tail);
    if (!axds_tracker_fail_job (tracker, args[1], message, &error))
      return axds_cli_error ("%s", error->message);
  }
  /* The shell's convention for a command killed by a signal. */
  exit_code = g_subprocess_get_if_exited (proc) ? g_subprocess_get_exit_status (proc)
                                                : 128 + g_subprocess_get_term_sig (proc);
  return exit_code;
}

static const AxdsCliCommand tracker_commands[] = {
  { "id", N_("NAME [SPECIFIER]"), N_("Print a job's ID"), tracker_id },
  { "init", N_("FILE NAME[:SPECIFIER]…"), N_("Add jobs to a tracker"), tracker_init },
  { "show", N_("FILE"), N_("Show a tracker's jobs and summary"), tracker_show },
  { "start", N_("FILE ID"), N_("Mark a job running"), tracker_start },
  { "complete", N_("FILE ID"), N_("Mark a job succeeded"), tracker_complete },
  { "fail", N_("FILE ID"), N_("Mark a job failed"), tracker_fail },
  { "retry", N_("FILE"), N_("Schedule every failed job again"), tracker_retry },
  { "reset", N_("FILE [ID…]"), N_("Reschedule jobs, or empty the tracker"), tracker_reset },
  { "discover", N_("ROOT"), N_("Find every tracker under a folder"), tracker_discover },
  { "run", N_("FILE ID -- COMMAND…"), N_("Run a command as a job, recording its outcome"),
    tracker_run },
  { NULL }
};

const AxdsCliGroup axds_cli_tracker_group = {
  "tracker",
  N_("Processing-job trackers (YAML files shared with the Python library)"),
  tracker_commands,
};

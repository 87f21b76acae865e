/* axds-cli-tasks.c — `axds checksum`, `axds transfer` and `axds delete`
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * Each command runs the library's _async call in a worker thread while the main thread runs a
 * main loop: it redraws the progress bar (stderr, only when it is a terminal) from the latest
 * figures on a timer, and turns Ctrl+C (SIGINT) or SIGTERM into a cancellation, so the operation
 * stops cleanly at its next chunk and reports what it left (a transfer never loses its source).
 */

#include "config.h"

#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib-unix.h>
#include <glib/gi18n.h>

#include <axds.h>

#include "format/axds-progress-meter.h"
#include "format/axds-format.h"
#include "axds-cli-tasks.h"

/* How often the progress bar is redrawn. */
#define REDRAW_INTERVAL_MS 100
#define BAR_WIDTH          24

typedef struct
{
  GMainLoop    *loop;
  GCancellable *cancellable;
  gboolean      tty;
  gboolean      drawn;
  guint         signals[2];
  guint         timer;

  /* Written by the worker's progress callback, read by the main thread. */
  GMutex        mutex;
  AxdsProgress  progress;
  gboolean      have_progress;

  /* The rate of the current phase, in bytes/s. */
  AxdsProgressPhase phase;
  gboolean      have_phase;
  AxdsProgressMeter meter;

  /* The result. */
  gboolean      done;
  GAsyncResult *result;
} Runner;

static void
progress_cb (const AxdsProgress *progress,
             gpointer            user_data)
{
  Runner *runner = user_data;

  /* Called from worker threads: only store; the main loop draws. */
  g_mutex_lock (&runner->mutex);
  runner->progress = *progress;
  runner->have_progress = TRUE;
  g_mutex_unlock (&runner->mutex);
}

static const char *
phase_label (AxdsProgressPhase phase)
{
  switch (phase)
    {
    case AXDS_PROGRESS_PHASE_CHECKSUMMING: return _("Checksumming");
    case AXDS_PROGRESS_PHASE_COPYING:      return _("Copying");
    case AXDS_PROGRESS_PHASE_VERIFYING:    return _("Verifying");
    case AXDS_PROGRESS_PHASE_DELETING:     return _("Deleting");
    default:                               return "";
    }
}

static void
clear_bar (Runner *runner)
{
  if (runner->drawn)
    {
      fputs ("\r\033[K", stderr);
      fflush (stderr);
      runner->drawn = FALSE;
    }
}

static gboolean
redraw_cb (gpointer user_data)
{
  Runner *runner = user_data;
  AxdsProgress p;
  GString *line;
  g_autofree char *done = NULL;
  g_autofree char *total = NULL;
  double fraction;
  gint64 now = g_get_monotonic_time ();
  guint filled;

  g_mutex_lock (&runner->mutex);
  p = runner->progress;
  if (!runner->have_progress)
    {
      g_mutex_unlock (&runner->mutex);
      return G_SOURCE_CONTINUE;
    }
  g_mutex_unlock (&runner->mutex);

  axds_progress_meter_sample (&runner->meter, now, (double) p.bytes_done,
                              !runner->have_phase || p.phase != runner->phase);
  runner->phase = p.phase;
  runner->have_phase = TRUE;

  fraction = axds_progress_fraction (p.files_done, p.files_total, p.bytes_done, p.bytes_total);
  filled = (guint) (fraction * BAR_WIDTH + 0.5);

  done = axds_format_size (p.bytes_done);
  total = axds_format_size (p.bytes_total);

  line = g_string_new ("\r\033[K");
  /* Padded by characters, not bytes: the translated labels are not ASCII. */
  axds_format_pad (line, phase_label (p.phase), 12, FALSE);
  g_string_append (line, " [");
  for (guint i = 0; i < BAR_WIDTH; i++)
    g_string_append (line, i < filled ? "#" : "-");
  g_string_append_printf (line, "] %3.0f%%  ", fraction * 100);
  g_string_append_printf (line, _("%" PRIu64 "/%" PRIu64 " files  %s/%s"),
                          p.files_done, p.files_total, done, total);
  if (runner->meter.rate > 0.0 && p.bytes_done > 0)
    {
      g_autofree char *rate = axds_format_size_rate (runner->meter.rate);
      double left = axds_progress_meter_get_time_left (&runner->meter,
                                                       (double) p.bytes_total -
                                                       (double) p.bytes_done);

      g_string_append_printf (line, "  %s", rate);
      if (p.bytes_total > p.bytes_done && left >= 0.0)
        g_string_append_printf (line, _("  %.0f s left"), left);
    }
  fputs (line->str, stderr);
  fflush (stderr);
  g_string_free (line, TRUE);
  runner->drawn = TRUE;
  return G_SOURCE_CONTINUE;
}

static gboolean
interrupt_cb (gpointer user_data)
{
  Runner *runner = user_data;

  /* The operation stops at its next chunk; a second Ctrl+C changes nothing but is harmless. */
  if (!g_cancellable_is_cancelled (runner->cancellable))
    {
      clear_bar (runner);
      fprintf (stderr, "%s\n", _("Cancelling…"));
      g_cancellable_cancel (runner->cancellable);
    }
  return G_SOURCE_CONTINUE;
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Runner *runner = user_data;

  runner->result = g_object_ref (result);
  runner->done = TRUE;
  g_main_loop_quit (runner->loop);
}

static void
runner_init (Runner *runner)
{
  memset (runner, 0, sizeof *runner);
  g_mutex_init (&runner->mutex);
  runner->loop = g_main_loop_new (NULL, FALSE);
  runner->cancellable = g_cancellable_new ();
  runner->tty = isatty (STDERR_FILENO);
  axds_progress_meter_init (&runner->meter);
  runner->signals[0] = g_unix_signal_add (SIGINT, interrupt_cb, runner);
  runner->signals[1] = g_unix_signal_add (SIGTERM, interrupt_cb, runner);
  if (runner->tty)
    runner->timer = g_timeout_add (REDRAW_INTERVAL_MS, redraw_cb, runner);
}

/* Runs the loop until the operation started with done_cb finishes. */
static void
runner_run (Runner *runner)
{
  if (!runner->done)
    g_main_loop_run (runner->loop);
  clear_bar (runner);
}

static void
runner_clear (Runner *runner)
{
  for (guint i = 0; i < G_N_ELEMENTS (runner->signals); i++)
    g_clear_handle_id (&runner->signals[i], g_source_remove);
  g_clear_handle_id (&runner->timer, g_source_remove);
  g_clear_object (&runner->result);
  g_clear_object (&runner->cancellable);
  g_clear_pointer (&runner->loop, g_main_loop_unref);
  g_mutex_clear (&runner->mutex);
}

/* A cancelled run says so; any other failure is told in the command's own words (@format),
 * around the library's message. */
static int
report_error (GError     *error,
              const char *format,
              ...) G_GNUC_PRINTF (2, 3);

static int
report_error (GError     *error,
              const char *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return axds_cli_error ("%s", _("Cancelled"));
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  return axds_cli_error ("%s", message);
}

static gboolean
parse_count (const AxdsCliInvocation *invocation,
             const char              *option,
             int                      value,
             int                     *exit_status)
{
  if (value < 0 || value > 1024)
    {
      *exit_status = axds_cli_usage_error (invocation, _("%s must be between 0 (one per "
                                                         "processor) and 1024"), option);
      return FALSE;
    }
  return TRUE;
}

/* axds checksum DIR */

static int
checksum_run (const AxdsCliInvocation *invocation,
              int                      argc,
              char                   **argv)
{
  int workers = 0;
  gboolean no_save = FALSE;
  gboolean json = FALSE;
  g_auto(GStrv) excluded = NULL;
  g_autofree char *manifest_path = NULL;
  g_autofree char *verify_path = NULL;
  const GOptionEntry entries[] = {
    { "workers", 0, 0, G_OPTION_ARG_INT, &workers,
      N_("Threads reading files (default: one per processor)"), N_("N") },
    { "no-save", 0, 0, G_OPTION_ARG_NONE, &no_save,
      N_("Do not write the checksum to DIR/ax_checksum.txt"), NULL },
    { "exclude", 0, 0, G_OPTION_ARG_STRING_ARRAY, &excluded,
      N_("Also skip files of this name at any depth (ax_checksum.txt always is); repeat for "
         "several names"), N_("NAME") },
    { "manifest", 0, 0, G_OPTION_ARG_FILENAME, &manifest_path,
      N_("Also write every file's path, size and digest to FILE (JSON)"), N_("FILE") },
    { "verify", 0, 0, G_OPTION_ARG_FILENAME, &verify_path,
      N_("Compare with a manifest written by --manifest and name the files that differ, are "
         "missing or are extra"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the result as a JSON object"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(AxdsChecksumManifest) manifest = NULL;
  g_autoptr(AxdsChecksumManifest) expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *checksum = NULL;
  g_autofree char *differences = NULL;
  g_auto(GStrv) args = NULL;
  Runner runner;
  int status;

  context = axds_cli_option_context_new (
      invocation, entries,
      _("Prints the XXH3-128 checksum of the tree, as ataraxis-data-structures computes it, and "
        "writes it to DIR/ax_checksum.txt unless --no-save.\n"
        "JSON keys: directory, checksum, files, bytes, saved, and with --verify: matches, "
        "differing, missing, extra."));
  if (!axds_cli_parse_arguments (invocation, context, argc, argv, 1, 1, &args, &status) ||
      !parse_count (invocation, "--workers", workers, &status))
    return status;

  if (verify_path != NULL)
    {
      expected = axds_checksum_manifest_load (verify_path, &error);
      if (expected == NULL)
        return axds_cli_error ("%s", error->message);
    }

  runner_init (&runner);
  axds_calculate_directory_checksum_async (args[0], (guint) workers, !no_save,
                                           (const char * const *) excluded, progress_cb,
                                           &runner, NULL, runner.cancellable, done_cb, &runner);
  runner_run (&runner);
  checksum = axds_calculate_directory_checksum_finish (runner.result, &manifest, &error);
  if (checksum == NULL)
    {
      status = report_error (error, _("Checksum failed: %s"), error->message);
      runner_clear (&runner);
      return status;
    }
  runner_clear (&runner);

  if (manifest_path != NULL && !axds_checksum_manifest_save (manifest, manifest_path, &error))
    return axds_cli_error ("%s", error->message);

  if (json)
    {
      static const char *const keys[] = {
        "directory", "checksum", "files", "bytes", "saved", "matches", "differing", "missing",
        "extra",
      };
      g_autoptr(AxdsCliTable) table = axds_cli_table_new ();

      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        axds_cli_table_add_column (table, NULL, keys[k], FALSE);
      axds_cli_table_add_row (table);
      axds_cli_table_add_string (table, args[0]);
      axds_cli_table_add_string (table, checksum);
      axds_cli_table_add_int (table, axds_checksum_manifest_get_n_files (manifest));
      axds_cli_table_add_int (table, (gint64) axds_checksum_manifest_get_total_size (manifest));
      axds_cli_table_add_bool (table, !no_save, NULL);
      if (expected != NULL)
        {
          g_auto(GStrv) differing = NULL;
          g_auto(GStrv) missing = NULL;
          g_auto(GStrv) extra = NULL;
          gboolean same;

          same = axds_checksum_manifest_compare (expected, manifest, &differing, &missing,
                                                 &extra);
          axds_cli_table_add_bool (table, same, NULL);
          axds_cli_table_add_strv (table, (const char * const *) differing);
          axds_cli_table_add_strv (table, (const char * const *) missing);
          axds_cli_table_add_strv (table, (const char * const *) extra);
          status = same ? AXDS_CLI_EXIT_OK : AXDS_CLI_EXIT_FAILURE;
        }
      axds_cli_table_print_json_object (table);
      return expected != NULL ? status : AXDS_CLI_EXIT_OK;
    }

  printf ("%s\n", checksum);
  if (expected != NULL)
    {
      differences = axds_checksum_manifest_describe_differences (expected, manifest);
      if (differences != NULL)
        return axds_cli_error (_("%s does not match %s: %s"), args[0], verify_path, differences);
    }
  return AXDS_CLI_EXIT_OK;
}

/* axds transfer SRC DST */

static int
transfer_run (const AxdsCliInvocation *invocation,
              int                      argc,
              char                   **argv)
{
  int threads = 0;
  gboolean verify = FALSE;
  gboolean remove_source = FALSE;
  gboolean reset = FALSE;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "threads", 0, 0, G_OPTION_ARG_INT, &threads,
      N_("Files copied in parallel (default: one per processor)"), N_("N") },
    { "verify", 0, 0, G_OPTION_ARG_NONE, &verify,
      N_("Checksum the copy and compare it with SRC/ax_checksum.txt (computed first when "
         "missing)"), NULL },
    { "remove-source", 0, 0, G_OPTION_ARG_NONE, &remove_source,
      N_("Delete SRC once the transfer (and verification) succeeded"), NULL },
    { "reset-dirty-destination", 0, 0, G_OPTION_ARG_NONE, &reset,
      N_("Remove what DST holds that SRC does not account for, instead of refusing"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the result as a JSON object"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  AxdsTransferSummary summary = { 0 };
  AxdsTransferFlags flags = AXDS_TRANSFER_NONE;
  Runner runner;
  gboolean ok;
  int status;

  context = axds_cli_option_context_new (
      invocation, entries,
      _("Copies the contents of SRC into DST, preserving the hierarchy; files already in DST "
        "with the same size and contents are not copied again, so a rerun resumes.\n"
        "JSON keys: source, destination, files_copied, files_skipped, bytes_copied, "
        "entries_reset, verified, checksum_reused, checksum, source_removed."));
  if (!axds_cli_parse_arguments (invocation, context, argc, argv, 2, 2, &args, &status) ||
      !parse_count (invocation, "--threads", threads, &status))
    return status;

  if (verify)
    flags |= AXDS_TRANSFER_VERIFY_INTEGRITY;
  if (remove_source)
    flags |= AXDS_TRANSFER_REMOVE_SOURCE;
  if (reset)
    flags |= AXDS_TRANSFER_RESET_DIRTY_DESTINATION;

  runner_init (&runner);
  axds_transfer_directory_async (args[0], args[1], (guint) threads, flags, progress_cb, &runner,
                                 NULL, runner.cancellable, done_cb, &runner);
  runner_run (&runner);
  ok = axds_transfer_directory_finish (runner.result, &summary, &error);
  if (!ok)
    {
      status = report_error (error, _("Transfer failed: %s"), error->message);
      runner_clear (&runner);
      return status;
    }
  runner_clear (&runner);

  if (json)
    {
      static const char *const keys[] = {
        "source", "destination", "files_copied", "files_skipped", "bytes_copied",
        "entries_reset", "verified", "checksum_reused", "checksum", "source_removed",
      };
      g_autoptr(AxdsCliTable) table = axds_cli_table_new ();

      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        axds_cli_table_add_column (table, NULL, keys[k], FALSE);
      axds_cli_table_add_row (table);
      axds_cli_table_add_string (table, args[0]);
      axds_cli_table_add_string (table, args[1]);
      axds_cli_table_add_int (table, (gint64) summary.files_copied);
      axds_cli_table_add_int (table, (gint64) summary.files_skipped);
      axds_cli_table_add_int (table, (gint64) summary.bytes_copied);
      axds_cli_table_add_int (table, (gint64) summary.entries_reset);
      axds_cli_table_add_bool (table, summary.verified, NULL);
      axds_cli_table_add_bool (table, summary.checksum_reused, NULL);
      if (summary.verified)
        axds_cli_table_add_string (table, summary.checksum);
      else
        axds_cli_table_add_null (table, NULL);
      axds_cli_table_add_bool (table, summary.source_removed, NULL);
      axds_cli_table_print_json_object (table);
      return AXDS_CLI_EXIT_OK;
    }

  {
    g_autofree char *size = axds_format_size (summary.bytes_copied);

    printf (_("Copied %" PRIu64 " files (%s), %" PRIu64 " already present\n"),
            summary.files_copied, size, summary.files_skipped);
    if (summary.entries_reset > 0)
      printf (_("Removed %" PRIu64 " entries from the destination\n"),
              summary.entries_reset);
    if (summary.verified)
      printf (_("Verified: %s%s\n"), summary.checksum,
              summary.checksum_reused ? _(" (from the source's ax_checksum.txt)") : "");
    if (summary.source_removed)
      printf (_("Removed the source %s\n"), args[0]);
  }
  return AXDS_CLI_EXIT_OK;
}

/* axds delete DIR */

static int
delete_run (const AxdsCliInvocation *invocation,
            int                      argc,
            char                   **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the result as a JSON object"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  AxdsProgress last;
  Runner runner;
  gboolean ok;
  int status;

  context = axds_cli_option_context_new (
      invocation, entries,
      _("Removes DIR and everything under it, files in parallel. Symbolic links are removed "
        "as links and never followed. A DIR that does not exist is not an error. Refuses /, "
        "the home folder and a folder that holds the current working directory.\n"
        "JSON keys: path, files_removed, bytes_removed."));
  if (!axds_cli_parse_arguments (invocation, context, argc, argv, 1, 1, &args, &status))
    return status;

  runner_init (&runner);
  axds_delete_directory_async (args[0], progress_cb, &runner, NULL, runner.cancellable,
                               done_cb, &runner);
  runner_run (&runner);
  ok = axds_delete_directory_finish (runner.result, &error);
  last = runner.progress;
  if (!ok)
    {
      status = report_error (error, _("Deletion failed: %s"), error->message);
      runner_clear (&runner);
      return status;
    }
  runner_clear (&runner);

  if (json)
    {
      g_autoptr(AxdsCliTable) table = axds_cli_table_new ();

      axds_cli_table_add_column (table, NULL, "path", FALSE);
      axds_cli_table_add_column (table, NULL, "files_removed", FALSE);
      axds_cli_table_add_column (table, NULL, "bytes_removed", FALSE);
      axds_cli_table_add_row (table);
      axds_cli_table_add_string (table, args[0]);
      axds_cli_table_add_int (table, (gint64) last.files_done);
      axds_cli_table_add_int (table, (gint64) last.bytes_done);
      axds_cli_table_print_json_object (table);
    }
  return AXDS_CLI_EXIT_OK;
}

static const AxdsCliCommand checksum_commands[] = {
  { "checksum", N_("DIR"), N_("Print (and save) the XXH3-128 checksum of a directory tree"),
    checksum_run },
  { NULL }
};

static const AxdsCliCommand transfer_commands[] = {
  { "transfer", N_("SRC DST"), N_("Copy a tree in parallel, optionally verified, resumable"),
    transfer_run },
  { NULL }
};

static const AxdsCliCommand delete_commands[] = {
  { "delete", N_("DIR"), N_("Remove a tree, never following links"), delete_run },
  { NULL }
};

const AxdsCliGroup axds_cli_checksum_group = {
  "checksum",
  N_("Checksum a directory tree"),
  checksum_commands,
};

const AxdsCliGroup axds_cli_transfer_group = {
  "transfer",
  N_("Copy a directory tree"),
  transfer_commands,
};

const AxdsCliGroup axds_cli_delete_group = {
  "delete",
  N_("Remove a directory tree"),
  delete_commands,
};

/* axds-cli-log.c — `axds log …`: run and feed data loggers, assemble and read log archives
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <glib/gi18n.h>

#include <axds.h>

#include "format/axds-log-format.h"
#include "axds-cli-log.h"

static gboolean
parse_int_option (const AxdsCliInvocation *invocation,
                  const char              *option,
                  const char              *text,
                  guint64                  max,
                  guint64                 *value,
                  int                     *exit_status)
{
  if (text == NULL)
    return TRUE;
  if (!axds_cli_parse_uint64 (text, value) || *value > max)
    {
      *exit_status = axds_cli_usage_error (invocation, _("Invalid value '%s' for %s"), text,
                                           option);
      return FALSE;
    }
  return TRUE;
}

static char *
to_hex (const guint8 *data,
        gsize         len)
{
  static const char digits[] = "0123456789abcdef";
  char *out = g_malloc (2 * len + 1);

  for (gsize i = 0; i < len; i++)
    {
      out[2 * i] = digits[data[i] >> 4];
      out[2 * i + 1] = digits[data[i] & 15];
    }
  out[2 * len] = '\0';
  return out;
}

/* The log's own form (app/format) with the zone said: the CLI prints absolute times. */
static char *
format_utc (guint64 usec)
{
  g_autofree char *text = axds_format_try_utc_us (usec);

  if (text == NULL)
    return g_strdup ("?");
  return g_strdup_printf ("%s UTC", text);
}

/* axds log assemble */

typedef struct
{
  gboolean tty;
  gint64   last_draw;
  guint64  entries;     /* entries the scan found */
} Progress;

static void
assemble_progress_cb (const AxdsProgress *progress,
                      gpointer            user_data)
{
  Progress *p = user_data;
  guint64 done = progress->files_done;
  guint64 total = progress->files_total;
  const char *name;
  gint64 now = g_get_monotonic_time ();
  guint width = 30, filled;

  if (progress->phase == AXDS_PROGRESS_PHASE_SCANNING)
    p->entries = MAX (p->entries, total);
  if (!p->tty || (done < total && now - p->last_draw < 100 * 1000))
    return;
  p->last_draw = now;
  switch (progress->phase)
    {
    case AXDS_PROGRESS_PHASE_SCANNING:
      name = _("Scanning");
      break;
    case AXDS_PROGRESS_PHASE_ASSEMBLING:
      name = _("Writing archives");
      break;
    case AXDS_PROGRESS_PHASE_VERIFYING:
      name = _("Verifying");
      break;
    case AXDS_PROGRESS_PHASE_DELETING:
      name = _("Removing sources");
      break;
    case AXDS_PROGRESS_PHASE_CHECKSUMMING:
    case AXDS_PROGRESS_PHASE_COPYING:
    default:
      g_assert_not_reached ();
    }
  filled = total > 0 ? (guint) (done * width / total) : width;
  fprintf (stderr, "\r%-18s [", name);
  for (guint i = 0; i < width; i++)
    fputc (i < filled ? '#' : ' ', stderr);
  fprintf (stderr, "] %3u%% %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT,
           total > 0 ? (guint) (done * 100 / total) : 100, done, total);
  if (done >= total)
    fputc ('\n', stderr);
  fflush (stderr);
}

static int
log_assemble (const AxdsCliInvocation *invocation,
              int                      argc,
              char                   **argv)
{
  char *workers_text = NULL;
  gboolean keep = FALSE, verify = FALSE, no_mmap = FALSE;
  const GOptionEntry entries[] = {
    { "workers", 0, 0, G_OPTION_ARG_STRING, &workers_text,
      N_("Worker threads (default: the cores minus 2)"), N_("N") },
    { "keep-sources", 0, 0, G_OPTION_ARG_NONE, &keep, N_("Keep the .npy entries"), NULL },
    { "verify", 0, 0, G_OPTION_ARG_NONE, &verify,
      N_("Verify the archives against the entries (always done when removing them)"), NULL },
    { "no-mmap", 0, 0, G_OPTION_ARG_NONE, &no_mmap, N_("Read entries instead of mapping them"),
      NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  g_autofree char *workers_owned = NULL;
  AxdsLogAssembleFlags flags = 0;
  Progress progress = { isatty (STDERR_FILENO), 0, 0 };
  guint64 workers = 0;
  int status;

  context = axds_cli_option_context_new (
      invocation, entries,
      _("Gathers the .npy entries of a logger's folder into one SOURCE_log.npz per source, as "
        "Python's assemble_log_archives(). Archives are verified against the entries before "
        "the entries are removed."));
  if (!axds_cli_parse_arguments (invocation, context, argc, argv, 1, 1, &args, &status))
    return status;
  workers_owned = workers_text;
  if (!parse_int_option (invocation, "--workers", workers_text, 1024, &workers, &status))
    return status;

  if (keep)
    flags |= AXDS_LOG_ASSEMBLE_KEEP_SOURCES;
  if (verify || !keep)
    flags |= AXDS_LOG_ASSEMBLE_VERIFY;
  if (no_mmap)
    flags |= AXDS_LOG_ASSEMBLE_NO_MMAP;
  if (!axds_log_assemble_archives (args[0], (guint) workers, flags, assemble_progress_cb, &progress,
                                   NULL, &error))
    {
      if (progress.tty)
        fputc ('\n', stderr);
      return axds_cli_error ("%s", error->message);
    }
  /* Success without entries: the library found the folder assembled already. */
  if (progress.entries == 0)
    axds_cli_warning (_("%s holds assembled archives and no log entries: nothing to assemble"),
                      args[0]);
  return AXDS_CLI_EXIT_OK;
}

/* axds log info */

static int
log_info (const AxdsCliInvocation *invocation,
          int                      argc,
          char                   **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON object"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AxdsLogArchive) archive = NULL;
  g_auto(GStrv) args = NULL;
  AxdsLogMessage first = { 0 }, last = { 0 };
  guint count;
  int status;

  context = axds_cli_option_context_new (
      invocation, entries,
      _("JSON keys: source_id, onset_us, message_count, first_us, last_us (absolute UTC "
        "microseconds; null without messages)."));
  if (!axds_cli_parse_arguments (invocation, context, argc, argv, 1, 1, &args, &status))
    return status;

  archive = axds_log_archive_open (args[0], &error);
  if (archive == NULL)
    return axds_cli_error ("%s", error->message);
  count = axds_log_archive_get_n_messages (archive);
  if (count > 0 &&
      (!axds_log_archive_get_message (archive, 0, &first, &error) ||
       !axds_log_archive_get_message (archive, count - 1, &last, &error)))
    return axds_cli_error ("%s", error->message);

  if (json)
    {
      g_autoptr(AxdsCliTable) table = axds_cli_table_new ();

      axds_cli_table_add_column (table, NULL, "source_id", FALSE);
      axds_cli_table_add_column (table, NULL, "onset_us", FALSE);
      axds_cli_table_add_column (table, NULL, "message_count", FALSE);
      axds_cli_table_add_column (table, NULL, "first_us", FALSE);
      axds_cli_table_add_column (table, NULL, "last_us", FALSE);
      axds_cli_table_add_row (table);
      axds_cli_table_add_int (table, axds_log_archive_get_source_id (archive));
      axds_cli_table_add_int (table, (gint64) axds_log_archive_get_onset_us (archive));
      axds_cli_table_add_int (table, count);
      if (count > 0)
        {
          axds_cli_table_add_int (table, (gint64) first.timestamp_us);
          axds_cli_table_add_int (table, (gint64) last.timestamp_us);
        }
      else
        {
          axds_cli_table_add_null (table, NULL);
          axds_cli_table_add_null (table, NULL);
        }
      axds_cli_table_print_json_object (table);
      return AXDS_CLI_EXIT_OK;
    }

  {
    g_autofree char *onset = format_utc (axds_log_archive_get_onset_us (archive));

    printf (_("Archive:   %s\n"), args[0]);
    printf (_("Source:    %u\n"), axds_log_archive_get_source_id (archive));
    printf (_("Onset:     %" PRIu64 " µs (%s)\n"),
            axds_log_archive_get_onset_us (archive), onset);
    printf (_("Messages:  %u\n"), count);
    if (count > 0)
      {
        g_autofree char *a = format_utc (first.timestamp_us);
        g_autofree char *b = format_utc (last.timestamp_us);

        printf (_("First:     %" PRIu64 " µs (%s)\n"), first.timestamp_us, a);
        printf (_("Last:      %" PRIu64 " µs (%s)\n"), last.timestamp_us, b);
        printf (_("Duration:  %.6f s\n"), (double) (last.timestamp_us - first.timestamp_us) / 1e6);
      }
  }
  return AXDS_CLI_EXIT_OK;
}

/* axds log dump */

static int
log_dump (const AxdsCliInvocation *invocation,
          int                      argc,
          char                   **argv)
{
  gboolean json = FALSE;
  char *limit_text = NULL;
  const GOptionEntry entries[] = {
    { "limit", 0, 0, G_OPTION_ARG_STRING, &limit_text, N_("Print at most N messages"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON list of objects"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AxdsLogArchive) archive = NULL;
  g_autofree char *limit_owned = NULL;
  g_auto(GStrv) args = NULL;
  AxdsLogArchiveIter iter;
  AxdsLogMessage msg;
  guint64 limit = G_MAXUINT64, n = 0;
  int status;

  context = axds_cli_option_context_new (
      invocation, entries,
      _("One line per message: its absolute timestamp (UTC microseconds) and its payload in "
        "hexadecimal. JSON: a list of objects with timestamp_us and payload (lowercase hex)."));
  if (!axds_cli_parse_arguments (invocation, context, argc, argv, 1, 1, &args, &status))
    return status;
  limit_owned = limit_text;
  if (!parse_int_option (invocation, "--limit", limit_text, G_MAXUINT64, &limit, &status))
    return status;

  archive = axds_log_archive_open (args[0], &error);
  if (archive == NULL)
    return axds_cli_error ("%s", error->message);

  if (json)
    fputc ('[', stdout);
  axds_log_archive_iter_init (&iter, archive, NULL);
  while (n < limit && axds_log_archive_iter_next (&iter, &msg, &error))
    {
      g_autofree char *hex = to_hex (msg.payload, msg.payload_len);

      if (json)
        printf ("%s{\"timestamp_us\":%" G_GUINT64_FORMAT ",\"payload\":\"%s\"}", n > 0 ? "," : "",
                msg.timestamp_us, hex);
      else
        printf ("%" G_GUINT64_FORMAT " %s\n", msg.timestamp_us, hex);
      n++;
    }
  if (json)
    fputs ("]\n", stdout);
  if (error != NULL)
    return axds_cli_error ("%s", error->message);
  return AXDS_CLI_EXIT_OK;
}

/* axds log list */

static int
log_list (const AxdsCliInvocation *invocation,
          int                      argc,
          char                   **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON list of objects"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) loggers = NULL;
  g_auto(GStrv) args = NULL;
  int status;

  context = axds_cli_option_context_new (
      invocation, entries,
      _("JSON keys: name, output_directory, state, logger_pid, logger_alive, submitted, written, "
        "bytes_written, failed_writes, pending_messages, depth_bytes, capacity_bytes, "
        "high_water_bytes, free_disk_bytes, disk_alarm."));
  if (!axds_cli_parse_arguments (invocation, context, argc, argv, 0, 0, &args, &status))
    return status;
  loggers = axds_log_queue_list (&error);
  if (loggers == NULL)
    return axds_cli_error ("%s", error->message);

  if (json)
    {
      static const char *const keys[] = {
        "name", "output_directory", "state", "logger_pid", "logger_alive", "submitted",
        "written", "bytes_written", "failed_writes", "pending_messages", "depth_bytes",
        "capacity_bytes", "high_water_bytes", "free_disk_bytes", "disk_alarm",
      };
      g_autoptr(AxdsCliTable) table = axds_cli_table_new ();

      /* No text columns: the text below is a paragraph per logger, not a table. */
      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        axds_cli_table_add_column (table, NULL, keys[k], FALSE);
      for (guint i = 0; i < loggers->len; i++)
        {
          const AxdsLogQueueStats *s = g_ptr_array_index (loggers, i);

          axds_cli_table_add_row (table);
          axds_cli_table_add_string (table, s->name);
          axds_cli_table_add_string (table, s->output_directory);
          axds_cli_table_add_string (table, axds_logger_state_to_string (s->state));
          axds_cli_table_add_uint (table, (guint64) s->logger_pid);
          axds_cli_table_add_bool (table, s->logger_alive, NULL);
          axds_cli_table_add_uint (table, s->submitted);
          axds_cli_table_add_uint (table, s->written);
          axds_cli_table_add_uint (table, s->bytes_written);
          axds_cli_table_add_uint (table, s->failed_writes);
          axds_cli_table_add_uint (table, s->pending_messages);
          axds_cli_table_add_uint (table, s->depth_bytes);
          axds_cli_table_add_uint (table, s->capacity_bytes);
          axds_cli_table_add_uint (table, s->high_water_bytes);
          axds_cli_table_add_uint (table, s->free_disk_bytes);
          axds_cli_table_add_bool (table, s->disk_alarm, NULL);
        }
      {
      axds_cli_table_print_json (table);
      return AXDS_CLI_EXIT_OK;
    }
    }

  if (loggers->len == 0)
    {
      printf (_("No data loggers are running\n"));
      return AXDS_CLI_EXIT_OK;
    }
  for (guint i = 0; i < loggers->len; i++)
    {
      const AxdsLogQueueStats *s = g_ptr_array_index (loggers, i);

      printf (_("%s  %s  pid %" PRId64 "%s  written %" PRIu64 "/%" PRIu64 "  failed %" PRIu64
                "  queue %" PRIu64 "/%" PRIu64 " bytes%s\n  %s\n"),
              s->name, axds_logger_state_to_string (s->state), s->logger_pid,
              s->logger_alive ? "" : _(" (gone)"), s->written, s->submitted, s->failed_writes,
              s->depth_bytes, s->capacity_bytes, s->disk_alarm ? _("  DISK LOW") : "",
              s->output_directory);
    }
  return AXDS_CLI_EXIT_OK;
}

/* axds log run */

typedef struct
{
  GMainLoop *loop;
  gboolean   signalled;
  char      *death;     /* why the logger ended on its own; written by the watchdog thread */
} RunState;

static gboolean
run_quit_cb (gpointer user_data)
{
  RunState *state = user_data;

  state->signalled = TRUE;
  g_main_loop_quit (state->loop);
  return G_SOURCE_CONTINUE;
}

static gboolean
run_died_idle_cb (gpointer user_data)
{
  RunState *state = user_data;

  g_main_loop_quit (state->loop);
  return G_SOURCE_REMOVE;
}

static void
run_death_cb (AxdsDataLogger *logger,
              const GError   *error,
              gpointer        user_data)
{
  RunState *state = user_data;

  /* From the watchdog thread, once per run; read after the stop has joined that thread. */
  state->death = g_strdup (error->message);
  g_idle_add (run_died_idle_cb, user_data);
}

static int
log_run (const AxdsCliInvocation *invocation,
         int                      argc,
         char                   **argv)
{
  char *threads_text = NULL;
  const GOptionEntry entries[] = {
    { "threads", 0, 0, G_OPTION_ARG_STRING, &threads_text, N_("Writer threads (default 5)"),
      N_("N") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AxdsDataLogger) logger = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(AxdsLogQueue) queue = NULL;
  g_autofree char *threads_owned = NULL;
  g_autofree char *death = NULL;
  g_auto(GStrv) args = NULL;
  RunState state = { 0 };
  AxdsLogQueueStats stats = { 0 };
  guint signal_ids[AXDS_CLI_N_STOP_SIGNALS];
  guint64 threads = 5;
  gboolean stopped;
  int status;

  context = axds_cli_option_context_new (
      invocation, entries,
      _("Runs data logger NAME, writing under OUTPUT_DIR/NAME_data_log, until interrupted; then "
        "stops it cleanly with every submitted message on disk. Feed it with 'axds log send' "
        "or any libaxds producer."));
  if (!axds_cli_parse_arguments (invocation, context, argc, argv, 2, 2, &args, &status))
    return status;
  threads_owned = threads_text;
  if (!parse_int_option (invocation, "--threads", threads_text, 64, &threads, &status))
    return status;
  if (threads == 0)
    return axds_cli_usage_error (invocation, _("--threads must be at least 1"));

  logger = axds_data_logger_new (args[0], args[1], (guint) threads, 5, &error);
  if (logger == NULL)
    return axds_cli_error ("%s", error->message);
  loop = g_main_loop_new (NULL, FALSE);
  state.loop = loop;
  axds_data_logger_set_death_func (logger, run_death_cb, &state, NULL);
  if (!axds_data_logger_start (logger, &error))
    return axds_cli_error ("%s", error->message);

  printf (_("Logger '%s' writes to %s (pid %d); stop it with Ctrl+C\n"), args[1],
          axds_data_logger_get_output_directory (logger), (int) axds_data_logger_get_pid (logger));
  fflush (stdout);

  /* Our own handle on the queue: its header, with the final counts, outlives the stop. */
  queue = axds_log_queue_ref (axds_data_logger_get_queue (logger));

  /* SIGINT usually reaches the logger process too (Ctrl+C signals the whole foreground group),
   * as SIGTERM does under systemd: it then drains and exits on its own, which the stop below
   * takes as a clean end. */
  axds_cli_watch_stop_signals (signal_ids, run_quit_cb, &state);
  g_main_loop_run (loop);
  axds_cli_unwatch_stop_signals (signal_ids);

  stopped = axds_data_logger_stop (logger, &error);
  axds_data_logger_set_death_func (logger, NULL, NULL, NULL);
  death = g_steal_pointer (&state.death);
  if (!stopped)
    return axds_cli_error ("%s", error->message);
  /* Stopped by a signal that was not ours (kill, or a stop of the service): say so. */
  if (death != NULL && !state.signalled)
    g_printerr ("axds: %s\n", death);
  axds_log_queue_get_stats (queue, &stats);
  printf (_("Stopped: %" PRIu64 " messages written\n"), stats.written);
  axds_log_queue_stats_clear (&stats);
  return AXDS_CLI_EXIT_OK;
}

/* axds log send */

static gboolean
parse_hex (const char  *text,
           GByteArray  *out)
{
  gsize len = strlen (text);

  if (len % 2 != 0)
    return FALSE;
  for (gsize i = 0; i < len; i += 2)
    {
      int hi = g_ascii_xdigit_value (text[i]), lo = g_ascii_xdigit_value (text[i + 1]);
      guint8 byte;

      if (hi < 0 || lo < 0)
        return FALSE;
      byte = (guint8) (hi << 4 | lo);
      g_byte_array_append (out, &byte, 1);
    }
  return TRUE;
}

static int
log_send (const AxdsCliInvocation *invocation,
          int                      argc,
          char                   **argv)
{
  char *source_text = NULL, *time_text = NULL, *text = NULL, *hex = NULL;
  gboolean onset = FALSE, lines = FALSE;
  const GOptionEntry entries[] = {
    { "source", 0, 0, G_OPTION_ARG_STRING, &source_text, N_("Source ID, 0 to 255 (required)"),
      N_("ID") },
    { "time", 0, 0, G_OPTION_ARG_STRING, &time_text,
      N_("Acquisition time, µs since the source's onset (with --text or --hex)"), N_("US") },
    { "onset", 0, 0, G_OPTION_ARG_NONE, &onset,
      N_("Log the source's onset: time 0, payload the current UTC time in µs"), NULL },
    { "text", 0, 0, G_OPTION_ARG_STRING, &text, N_("The payload, as text"), N_("T") },
    { "hex", 0, 0, G_OPTION_ARG_STRING, &hex, N_("The payload, in hexadecimal"), N_("H") },
    { "lines", 0, 0, G_OPTION_ARG_NONE, &lines,
      N_("Log the onset, then each line of standard input stamped with the µs since it"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AxdsLogQueue) queue = NULL;
  g_autoptr(GByteArray) payload = g_byte_array_new ();
  g_autofree char *o1 = NULL;
  g_autofree char *o2 = NULL;
  g_autofree char *o3 = NULL;
  g_autofree char *o4 = NULL;
  g_auto(GStrv) args = NULL;
  guint64 source = 0, time = 0;
  guint n_payload;
  int status;

  context = axds_cli_option_context_new (
      invocation, entries,
      _("Submits a message to the running data logger NAME. Use exactly one of --onset, "
        "--text, --hex and --lines; --text and --hex need --time."));
  if (!axds_cli_parse_arguments (invocation, context, argc, argv, 1, 1, &args, &status))
    return status;
  o1 = source_text;
  o2 = time_text;
  o3 = text;
  o4 = hex;
  if (source_text == NULL)
    return axds_cli_usage_error (invocation, _("Missing --source"));
  if (!parse_int_option (invocation, "--source", source_text, 255, &source, &status) ||
      !parse_int_option (invocation, "--time", time_text, G_MAXUINT64, &time, &status))
    return status;
  n_payload = (text != NULL) + (hex != NULL) + (lines ? 1 : 0) + (onset ? 1 : 0);
  if (n_payload != 1)
    return axds_cli_usage_error (invocation,
                                 _("Give exactly one of --onset, --text, --hex and --lines"));
  if ((text != NULL || hex != NULL) && time_text == NULL)
    return axds_cli_usage_error (invocation, _("--text and --hex need --time"));
  if ((onset || lines) && time_text != NULL)
    return axds_cli_usage_error (invocation, _("--time does not apply to --onset and --lines"));
  if (time_text != NULL && time == 0)
    return axds_cli_usage_error (invocation, _("Time 0 is the onset message: use --onset"));
  if (hex != NULL && !parse_hex (hex, payload))
    return axds_cli_usage_error (invocation, _("Invalid hexadecimal payload '%s'"), hex);
  if (text != NULL)
    g_byte_array_append (payload, (const guint8 *) text, (guint) strlen (text));

  queue = axds_log_queue_open (args[0], &error);
  if (queue == NULL)
    return axds_cli_error ("%s", error->message);

  if (onset || lines)
    {
      gint64 onset_us;
      gint64 start;
      g_autoptr(GIOChannel) in = NULL;
      guint64 previous = 0;

      if (!axds_log_queue_submit_onset (queue, (guint8) source, &onset_us, &error))
        return axds_cli_error ("%s", error->message);
      if (onset)
        return AXDS_CLI_EXIT_OK;
      start = g_get_monotonic_time ();
      in = g_io_channel_unix_new (STDIN_FILENO);
      g_io_channel_set_encoding (in, NULL, NULL);
      for (;;)
        {
          g_autofree char *line = NULL;
          gsize len = 0, term = 0;
          GIOStatus io = g_io_channel_read_line (in, &line, &len, &term, &error);
          guint64 elapsed;

          if (io == G_IO_STATUS_EOF)
            break;
          if (io != G_IO_STATUS_NORMAL)
            return axds_cli_error (_("Cannot read standard input: %s"),
                                   error != NULL ? error->message : "?");
          /* Strictly increasing times: two lines in one µs must not share a file name. */
          elapsed = (guint64) MAX (g_get_monotonic_time () - start, 1);
          if (elapsed <= previous)
            elapsed = previous + 1;
          previous = elapsed;
          if (!axds_log_queue_submit (queue, (guint8) source, elapsed, line, term, &error))
            return axds_cli_error ("%s", error->message);
        }
      return AXDS_CLI_EXIT_OK;
    }

  if (!axds_log_queue_submit (queue, (guint8) source, time, payload->data, payload->len, &error))
    return axds_cli_error ("%s", error->message);
  return AXDS_CLI_EXIT_OK;
}

/* axds log bench */

static int
log_bench (const AxdsCliInvocation *invocation,
           int                      argc,
           char                   **argv)
{
  char *messages_text = NULL, *size_text = NULL, *dir_text = NULL;
  const GOptionEntry entries[] = {
    { "messages", 0, 0, G_OPTION_ARG_STRING, &messages_text, N_("Messages to log (default "
      "20000)"), N_("N") },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size_text, N_("Payload bytes (default 1024)"),
      N_("BYTES") },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir_text, N_("Where to write (default: a temporary "
      "folder in /dev/shm)"), N_("DIR") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AxdsDataLogger) logger = NULL;
  g_autofree char *o1 = NULL;
  g_autofree char *o2 = NULL;
  g_autofree char *o3 = NULL;
  g_autofree char *root = NULL;
  g_autofree char *name = NULL;
  g_autofree guint8 *payload = NULL;
  g_auto(GStrv) args = NULL;
  guint64 messages = 20000, size = 1024;
  AxdsLogQueue *queue;
  gint64 start;
  double seconds;
  int status;

  context = axds_cli_option_context_new (
      invocation, entries,
      _("Starts a data logger, submits the messages from this process, stops it (everything on "
        "disk) and prints the rate; the files are removed afterwards."));
  if (!axds_cli_parse_arguments (invocation, context, argc, argv, 0, 0, &args, &status))
    return status;
  o1 = messages_text;
  o2 = size_text;
  o3 = dir_text;
  if (!parse_int_option (invocation, "--messages", messages_text, 100000000, &messages,
                         &status) ||
      !parse_int_option (invocation, "--size", size_text, 8 * 1024 * 1024, &size, &status))
    return status;

  root = g_build_filename (dir_text != NULL ? dir_text :
                           g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) ? "/dev/shm" :
                           g_get_tmp_dir (), "axds-log-bench-XXXXXX", NULL);
  if (g_mkdtemp (root) == NULL)
    return axds_cli_error (_("Cannot create a folder in %s"), root);
  name = g_strdup_printf ("axds-bench-%d", (int) getpid ());
  logger = axds_data_logger_new (root, name, 5, 5, &error);
  if (logger == NULL || !axds_data_logger_start (logger, &error))
    {
      axds_delete_directory (root, NULL, NULL, NULL, NULL);
      return axds_cli_error ("%s", error->message);
    }
  queue = axds_data_logger_get_queue (logger);
  payload = g_malloc0 (MAX (size, 1));
  start = g_get_monotonic_time ();
  for (guint64 i = 1; i <= messages; i++)
    {
      payload[0] = (guint8) i;
      if (!axds_log_queue_submit (queue, 1, i, payload, size, &error))
        break;
    }
  if (error == NULL)
    axds_data_logger_stop (logger, &error);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_clear_pointer (&logger, axds_data_logger_unref);
  axds_delete_directory (root, NULL, NULL, NULL, NULL);
  if (error != NULL)
    return axds_cli_error ("%s", error->message);
  printf (_("%" PRIu64 " messages of %" PRIu64 " bytes in %.2f s: %.0f "
            "messages/s, %.1f MB/s of files\n"), messages, size, seconds, messages / seconds,
          messages * (137.0 + (double) size) / seconds / 1e6);
  return AXDS_CLI_EXIT_OK;
}

static const AxdsCliCommand log_commands[] = {
  { "assemble", N_("DIR"), N_("Assemble a logger's entries into per-source .npz archives"),
    log_assemble },
  { "info", N_("ARCHIVE"), N_("Show a log archive's source, onset and message span"), log_info },
  { "dump", N_("ARCHIVE"), N_("Print a log archive's messages"), log_dump },
  { "list", NULL, N_("List the data loggers running on this machine"), log_list },
  { "run", N_("OUTPUT_DIR NAME"), N_("Run a data logger until interrupted"), log_run },
  { "send", N_("NAME"), N_("Submit a message to a running data logger"), log_send },
  { "bench", NULL, N_("Measure the logging rate of this machine"), log_bench },
  { NULL }
};

const AxdsCliGroup axds_cli_log_group = {
  "log",
  N_("Data loggers and log archives"),
  log_commands,
};

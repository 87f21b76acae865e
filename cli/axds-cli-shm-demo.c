/* axds-cli-shm-demo.c — `axds shm demo`: arrays changing at acquisition rates, shown live
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * The demo plays the behaviour rig of app/demo/axds-demo-rig.c (the same the monitor's demo
 * simulates, in its terminal layout): a camera, a running wheel's encoder trace, analog
 * sensors and trial counters, each written to its own shared array at its own rate from the
 * main loop. Every array has a GSource whose ready time is computed from the start time and the
 * number of ticks (start + n / rate), so rates do not drift the way re-armed timeouts do, and a
 * loop that falls behind skips ticks rather than bursting. Writes go through the library under
 * the array's lock, as a real acquisition process would do.
 *
 * A status table is redrawn in place a few times per second (on a terminal) or printed as plain
 * lines once per second (into a pipe). Writes per second come from the arrays' write counters and
 * live values from lock-free snapshots, the way a monitor in another process would see them.
 */

#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include <axds.h>

#include "format/axds-format.h"
#include "demo/axds-demo-rig.h"
#include "axds-cli-shm.h"

/* A writer holding the lock longer than this (another tool) costs the demo a tick, not a stall. */
#define DEMO_LOCK_TIMEOUT_US   (200 * 1000)
#define DEMO_REDRAW_TTY_MS     250
#define DEMO_REDRAW_PLAIN_MS   1000
#define DEMO_MAX_DURATION_S    (7.0 * 24 * 3600)


typedef struct _Demo      Demo;
typedef struct _DemoArray DemoArray;

/* Fills @self->buffer with the array's next contents at time @t (seconds since start). */
typedef void (*DemoUpdateFunc)   (Demo         *demo,
                                  DemoArray    *self,
                                  double        t);
/* Describes live values read back from the array (a snapshot of @self->snapshot). */
typedef void (*DemoDescribeFunc) (DemoArray    *self,
                                  GString      *out);

struct _DemoArray
{
  /* Static description: the rig's terminal layout, and how this demo fills and shows it. */
  const char       *suffix;
  DemoUpdateFunc    update;
  DemoDescribeFunc  describe;
  AxdsDtype         dtype;
  guint             ndim;
  guint64           shape[2];
  double            rate_hz;

  /* Owned state. */
  char             *name;
  AxdsSharedArray  *array;
  GSource          *source;
  guint8           *buffer;
  guint8           *snapshot;
  gsize             nbytes;
  guint64           ticks;
  guint64           last_count;
  gint64            last_count_time;
  double            measured_rate;
  gboolean          snapshot_valid;
  gboolean          warned;
  Demo             *demo;
};

struct _Demo
{
  GMainLoop *loop;
  gint64     start_us;
  gboolean   tty;
  guint      lines_drawn;
  gboolean   output_failed;
  DemoArray  arrays[4];
  AxdsDemoRig *rig;
};

/* demo-camera: a 12-bit camera over the rig's arena, where the animal moves. */

static void
camera_update (Demo      *demo,
               DemoArray *self,
               double     t)
{
  axds_demo_rig_render_camera (demo->rig, t, (guint) self->shape[0],
                               (guint16 *) (gpointer) self->buffer);
}

static void
camera_describe (DemoArray *self,
                 GString   *out)
{
  const guint8 *p = self->snapshot;
  guint size = (guint) self->shape[0];
  guint16 peak = 0;
  guint at = 0;

  for (guint i = 0; i < size * size; i++)
    {
      guint16 v;

      memcpy (&v, p + i * sizeof v, sizeof v);
      if (v > peak)
        {
          peak = v;
          at = i;
        }
    }
  g_string_append_printf (out, _("peak %u at x=%u, y=%u"), peak, at % size, at / size);
}

/* demo-wheel: the last positions of the running wheel, newest last. */

static void
wheel_update (Demo      *demo,
              DemoArray *self,
              double     t)
{
  double *trace = (double *) (gpointer) self->buffer;
  gsize n = (gsize) self->shape[0];

  axds_demo_rig_step_wheel (demo->rig);
  memmove (trace, trace + 1, (n - 1) * sizeof (double));
  trace[n - 1] = axds_demo_rig_get_wheel_position (demo->rig);
}

static void
wheel_describe (DemoArray *self,
                GString   *out)
{
  double last, before;
  char pos[G_ASCII_DTOSTR_BUF_SIZE], speed[G_ASCII_DTOSTR_BUF_SIZE];

  gsize n = (gsize) self->shape[0];

  memcpy (&last, self->snapshot + (n - 1) * sizeof (double), sizeof last);
  memcpy (&before, self->snapshot + (n - 11) * sizeof (double), sizeof before);
  g_ascii_formatd (pos, sizeof pos, "%.1f", last);
  /* Ten samples back is 0.1 s at 100 Hz. */
  g_ascii_formatd (speed, sizeof speed, "%.1f", (last - before) * self->rate_hz / 10.0);
  g_string_append_printf (out, _("position %s cm, speed %s cm/s"), pos, speed);
}

/* demo-sensors: lick sensor voltage, wheel brake torque and enclosure temperature. */

static void
sensors_update (Demo      *demo,
                DemoArray *self,
                double     t)
{
  AxdsDemoSensors sensors;
  float environment[3];
  float values[3];

  axds_demo_rig_step_sensors (demo->rig, (gint64) (t * G_USEC_PER_SEC), &sensors);
  axds_demo_rig_read_environment (demo->rig, t, environment);
  values[0] = sensors.lick_volts;
  values[1] = axds_demo_rig_read_brake_torque (demo->rig, t);
  values[2] = environment[0];
  memcpy (self->buffer, values, sizeof values);
}

static void
sensors_describe (DemoArray *self,
                  GString   *out)
{
  float values[3];
  char lick[G_ASCII_DTOSTR_BUF_SIZE], torque[G_ASCII_DTOSTR_BUF_SIZE];
  char temp[G_ASCII_DTOSTR_BUF_SIZE];

  memcpy (values, self->snapshot, sizeof values);
  g_ascii_formatd (lick, sizeof lick, "%.2f", values[0]);
  g_ascii_formatd (torque, sizeof torque, "%.2f", values[1]);
  g_ascii_formatd (temp, sizeof temp, "%.1f", values[2]);
  g_string_append_printf (out, _("lick %s V, torque %s N·cm, %s °C"), lick, torque, temp);
}

/* demo-counters: trial number, licks and rewards so far. */

static void
counters_update (Demo      *demo,
                 DemoArray *self,
                 double     t)
{
  guint32 values[3];

  values[0] = (guint32) axds_demo_rig_get_trial (demo->rig);
  values[1] = axds_demo_rig_get_licks (demo->rig);
  values[2] = axds_demo_rig_get_rewards (demo->rig);
  memcpy (self->buffer, values, sizeof values);
}

static void
counters_describe (DemoArray *self,
                   GString   *out)
{
  guint32 values[3];

  memcpy (values, self->snapshot, sizeof values);
  g_string_append_printf (out, _("trial %u, licks %u, rewards %u"),
                          values[0], values[1], values[2]);
}

/* In the order of the rig's terminal layout, which gives their types, shapes and rates. */
static const DemoArray demo_templates[] = {
  { "camera", camera_update, camera_describe },
  { "wheel", wheel_update, wheel_describe },
  { "sensors", sensors_update, sensors_describe },
  { "counters", counters_update, counters_describe },
};

G_STATIC_ASSERT (G_N_ELEMENTS (demo_templates) == 4);

/* The tick source: no prepare or check, it becomes ready at the time we set. */
static gboolean
tick_dispatch (GSource     *source,
               GSourceFunc  callback,
               gpointer     user_data)
{
  return callback (user_data);
}

static GSourceFuncs tick_source_funcs = {
  NULL, NULL, tick_dispatch, NULL, NULL, NULL,
};

static gboolean
demo_array_tick_cb (gpointer user_data)
{
  DemoArray *self = user_data;
  Demo *demo = self->demo;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_monotonic_time ();
  gint64 period_us = (gint64) (G_USEC_PER_SEC / self->rate_hz);
  gint64 next;

  self->update (demo, self, (now - demo->start_us) / (double) G_USEC_PER_SEC);
  if (!axds_shared_array_write (self->array, 0, axds_shared_array_get_n_elements (self->array),
                                self->buffer, AXDS_ACCESS_LOCK | AXDS_ACCESS_WRITE, &error) &&
      !self->warned)
    {
      axds_cli_warning (_("Skipping writes to '%s': %s"), self->name, error->message);
      self->warned = TRUE;
    }

  self->ticks++;
  next = demo->start_us + (gint64) self->ticks * period_us;
  if (next < now - period_us)
    {
      /* Fell behind (a suspended terminal, a stalled loop): skip ahead instead of bursting. */
      self->ticks = (guint64) ((now - demo->start_us) / period_us) + 1;
      next = demo->start_us + (gint64) self->ticks * period_us;
    }
  g_source_set_ready_time (self->source, next);
  return G_SOURCE_CONTINUE;
}

static void
demo_array_clear (DemoArray *self)
{
  if (self->source != NULL)
    {
      g_source_destroy (self->source);
      g_clear_pointer (&self->source, g_source_unref);
    }
  /* Buffer destruction is enabled: a handle still here (an error path) removes its array. */
  g_clear_pointer (&self->array, axds_shared_array_unref);
  g_clear_pointer (&self->buffer, g_free);
  g_clear_pointer (&self->snapshot, g_free);
  g_clear_pointer (&self->name, g_free);
}

/* Refuses to take over the arrays of a demo that still runs, but replaces the leftovers of one
 * that was killed. */
static gboolean
demo_array_create (Demo       *demo,
                   DemoArray  *self,
                   GError    **error)
{
  g_auto(AxdsSharedArrayInfo) info = { 0 };
  g_autoptr(GError) info_error = NULL;
  AxdsSharedArrayCreateFlags flags = AXDS_SHARED_ARRAY_CREATE_NONE;

  if (axds_shared_array_read_info (self->name, &info, &info_error))
    {
      if (info.creator_alive)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       _("Array '%s' belongs to a running process (pid %" PRId64 "): is "
                         "another demo running? Stop it, or choose other names with --prefix"),
                       self->name, info.creator_pid);
          return FALSE;
        }
      flags = AXDS_SHARED_ARRAY_CREATE_EXISTS_OK;
    }
  else if (!g_error_matches (info_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      /* Not ours (a Python buffer, say): never clobber it. */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("Cannot use the name '%s': %s"), self->name, info_error->message);
      return FALSE;
    }

  self->array = axds_shared_array_create (self->name, self->dtype, self->ndim, self->shape,
                                          NULL, 0, flags, error);
  if (self->array == NULL)
    return FALSE;
  axds_shared_array_enable_buffer_destruction (self->array);
  axds_shared_array_set_lock_timeout (self->array, DEMO_LOCK_TIMEOUT_US);

  self->nbytes = axds_shared_array_get_nbytes (self->array);
  self->buffer = g_malloc0 (self->nbytes);
  self->snapshot = g_malloc0 (self->nbytes);
  self->demo = demo;
  self->last_count_time = demo->start_us;

  self->source = g_source_new (&tick_source_funcs, sizeof (GSource));
  g_source_set_callback (self->source, demo_array_tick_cb, self, NULL);
  g_source_set_priority (self->source, G_PRIORITY_HIGH);
  g_source_set_ready_time (self->source, demo->start_us);
  g_source_set_name (self->source, self->name);
  g_source_attach (self->source, NULL);
  return TRUE;
}

static void
demo_sample (Demo *demo)
{
  gint64 now = g_get_monotonic_time ();

  for (guint i = 0; i < G_N_ELEMENTS (demo->arrays); i++)
    {
      DemoArray *a = &demo->arrays[i];
      guint64 count = axds_shared_array_get_write_count (a->array);

      /* Over windows of at least a second, so that 10 Hz reads as 10.0 and not 8 or 12. */
      if (now - a->last_count_time >= G_USEC_PER_SEC * 9 / 10)
        {
          a->measured_rate = (count - a->last_count) * (double) G_USEC_PER_SEC /
                             (double) (now - a->last_count_time);
          a->last_count = count;
          a->last_count_time = now;
        }
      a->snapshot_valid = axds_shared_array_snapshot (a->array, a->snapshot, a->nbytes, NULL,
                                                      NULL);
    }
}

static void
demo_describe_array (DemoArray *a,
                     GString   *line)
{
  if (axds_shared_array_is_stale (a->array))
    g_string_append (line, _("destroyed by another process"));
  else if (a->snapshot_valid)
    a->describe (a, line);
  else
    g_string_append (line, _("busy"));
}

static guint
terminal_columns (void)
{
  struct winsize ws;

  if (ioctl (STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
    return ws.ws_col;
  return 80;
}

/* Emits @line cleared and cut to the terminal's width (a wrapped line would break moving back
 * up to redraw), then empties it. */
static void
append_tty_line (Demo    *demo,
                 GString *out,
                 GString *line,
                 guint    columns)
{
  g_string_append (out, "\r\033[2K");
  if (columns > 1 && (guint) g_utf8_strlen (line->str, -1) > columns - 1)
    {
      g_autofree char *cut = g_utf8_substring (line->str, 0, columns - 1);

      g_string_append (out, cut);
    }
  else
    g_string_append (out, line->str);
  g_string_append_c (out, '\n');
  g_string_truncate (line, 0);
  demo->lines_drawn++;
}

static void
demo_draw (Demo *demo)
{
  double elapsed = (g_get_monotonic_time () - demo->start_us) / (double) G_USEC_PER_SEC;
  char elapsed_text[G_ASCII_DTOSTR_BUF_SIZE];
  GString *out = g_string_new (NULL);
  guint name_width = 0;

  demo_sample (demo);
  g_ascii_formatd (elapsed_text, sizeof elapsed_text, "%.1f", elapsed);

  for (guint i = 0; i < G_N_ELEMENTS (demo->arrays); i++)
    name_width = MAX (name_width, (guint) g_utf8_strlen (demo->arrays[i].name, -1));

  if (demo->tty)
    {
      GString *line = g_string_new (NULL);
      guint columns = terminal_columns ();
      g_autoptr(AxdsCliTable) table = axds_cli_table_new ();
      g_autofree char *text = NULL;
      g_auto(GStrv) rows = NULL;

      /* Back to the top of the previous table; each line is cleared before it is redrawn. */
      if (demo->lines_drawn > 0)
        g_string_append_printf (out, "\033[%uA", demo->lines_drawn);
      demo->lines_drawn = 0;

      g_string_append_printf (line, _("axds shm demo — %s s — Ctrl+C to stop and remove the "
                                      "arrays"), elapsed_text);
      append_tty_line (demo, out, line, columns);

      /* Fixed widths, so that the columns stay put from one redraw to the next. */
      axds_cli_table_set_column_width (table,
                                       axds_cli_table_add_column (table, _("NAME"), NULL, FALSE),
                                       name_width + 2, "");
      axds_cli_table_set_column_width (table,
                                       axds_cli_table_add_column (table, _("DTYPE"), NULL, FALSE),
                                       7, "");
      axds_cli_table_set_column_width (table,
                                       axds_cli_table_add_column (table, _("SHAPE"), NULL, FALSE),
                                       12, "");
      axds_cli_table_set_column_width (table,
                                       axds_cli_table_add_column (table, _("WRITES/S"), NULL,
                                                                  TRUE),
                                       9, "  ");
      axds_cli_table_add_column (table, _("LIVE VALUES"), NULL, FALSE);
      for (guint i = 0; i < G_N_ELEMENTS (demo->arrays); i++)
        {
          DemoArray *a = &demo->arrays[i];
          g_autofree char *shape = axds_shape_to_string (a->ndim, a->shape);
          char rate[G_ASCII_DTOSTR_BUF_SIZE];

          g_ascii_formatd (rate, sizeof rate, "%.1f", a->measured_rate);
          axds_cli_table_add_row (table);
          axds_cli_table_add_string (table, a->name);
          axds_cli_table_add_string (table, axds_dtype_to_string (a->dtype));
          axds_cli_table_add_string (table, shape);
          axds_cli_table_add_string (table, rate);
          demo_describe_array (a, line);
          axds_cli_table_add_string (table, line->str);
          g_string_truncate (line, 0);
        }
      text = axds_cli_table_format (table);
      rows = g_strsplit (text, "\n", -1);
      for (guint i = 0; rows[i] != NULL && rows[i][0] != '\0'; i++)
        {
          g_string_append (line, rows[i]);
          append_tty_line (demo, out, line, columns);
        }
      g_string_free (line, TRUE);
    }
  else
    {
      for (guint i = 0; i < G_N_ELEMENTS (demo->arrays); i++)
        {
          DemoArray *a = &demo->arrays[i];
          char rate[G_ASCII_DTOSTR_BUF_SIZE];

          g_ascii_formatd (rate, sizeof rate, "%.1f", a->measured_rate);
          g_string_append_printf (out, "%s s  ", elapsed_text);
          axds_format_pad (out, a->name, name_width + 2, FALSE);
          axds_format_pad (out, rate, 6, TRUE);
          g_string_append_printf (out, " %s  ", _("writes/s"));
          demo_describe_array (a, out);
          g_string_append_c (out, '\n');
        }
    }

  fputs (out->str, stdout);
  g_string_free (out, TRUE);
  if (fflush (stdout) != 0 || ferror (stdout))
    {
      /* Nobody reads us any more (a closed pipe): stop, and clean up. */
      demo->output_failed = TRUE;
      g_main_loop_quit (demo->loop);
    }
}

static gboolean
demo_redraw_cb (gpointer user_data)
{
  demo_draw (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
demo_quit_cb (gpointer user_data)
{
  Demo *demo = user_data;

  g_main_loop_quit (demo->loop);
  return G_SOURCE_CONTINUE;
}

static gboolean
parse_duration (const char *text,
                double     *seconds)
{
  char *end = NULL;
  double value;

  if (text == NULL || *text == '\0' || g_ascii_isspace (*text))
    return FALSE;
  value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (value) || value <= 0.0 ||
      value > DEMO_MAX_DURATION_S)
    return FALSE;
  *seconds = value;
  return TRUE;
}

/**
 * axds_cli_shm_demo:
 * @invocation: the command being run
 * @argc: argument count
 * @argv: arguments
 *
 * `axds shm demo [--duration SECONDS] [--prefix PREFIX]`
 *
 * Returns: an #AxdsCliExit status
 */
int
axds_cli_shm_demo (const AxdsCliInvocation *invocation,
                   int                      argc,
                   char                   **argv)
{
  g_autofree char *duration_text = NULL;
  g_autofree char *prefix = NULL;
  const GOptionEntry entries[] = {
    { "duration", 0, 0, G_OPTION_ARG_STRING, &duration_text,
      N_("Stop after this many seconds (default: run until Ctrl+C)"), N_("SECONDS") },
    { "prefix", 0, 0, G_OPTION_ARG_STRING, &prefix,
      N_("Start the array names with PREFIX (default: demo-)"), N_("PREFIX") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_auto(GStrv) args = NULL;
  g_autoptr(GString) created = g_string_new (NULL);
  g_autoptr(AxdsDemoRig) rig = NULL;
  double duration = 0.0;
  guint signal_ids[AXDS_CLI_N_STOP_SIGNALS] = { 0 };
  guint redraw_id, duration_id = 0;
  Demo demo = { 0 };
  int status = AXDS_CLI_EXIT_OK;
  guint n_destroyed = 0;
  const AxdsDemoArraySpec *specs;
  guint n_specs;

  context = axds_cli_option_context_new (
      invocation, entries,
      _("Creates demo-camera (uint16 256×256 frames at 30 Hz), demo-wheel (float64 trace of "
        "1000 encoder positions at 100 Hz), demo-sensors (float32 lick, torque and temperature "
        "at 10 Hz) and demo-counters (uint32 trial, lick and reward counts at 10 Hz), shows "
        "them live, and removes them when stopped. Watch them from another terminal with "
        "'axds shm list' and 'axds shm show demo-wheel'."));
  if (!axds_cli_parse_arguments (invocation, context, argc, argv, 0, 0, &args, &status))
    return status;
  if (duration_text != NULL && !parse_duration (duration_text, &duration))
    return axds_cli_usage_error (invocation,
                                 _("Invalid --duration '%s': expected a number of seconds "
                                   "greater than 0"), duration_text);
  if (prefix == NULL)
    prefix = g_strdup ("demo-");

  specs = axds_demo_rig_get_arrays (AXDS_DEMO_LAYOUT_TERMINAL, &n_specs);
  g_assert (n_specs == G_N_ELEMENTS (demo.arrays));
  for (guint i = 0; i < G_N_ELEMENTS (demo.arrays); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert (g_str_equal (specs[i].suffix, demo_templates[i].suffix));
      demo.arrays[i] = demo_templates[i];
      demo.arrays[i].dtype = specs[i].dtype;
      demo.arrays[i].ndim = specs[i].ndim;
      memcpy (demo.arrays[i].shape, specs[i].shape, sizeof specs[i].shape);
      demo.arrays[i].rate_hz = specs[i].rate_hz;
      demo.arrays[i].name = g_strconcat (prefix, demo_templates[i].suffix, NULL);
      if (!axds_shared_array_validate_name (demo.arrays[i].name, &error))
        {
          for (guint j = 0; j <= i; j++)
            demo_array_clear (&demo.arrays[j]);
          return axds_cli_usage_error (invocation, _("Invalid --prefix: %s"), error->message);
        }
    }

  /* A closed pipe must end the demo through its clean-up, not kill it with the arrays left. */
  signal (SIGPIPE, SIG_IGN);

  loop = g_main_loop_new (NULL, FALSE);
  demo.loop = loop;
  demo.tty = isatty (STDOUT_FILENO);
  rig = axds_demo_rig_new ();
  demo.rig = rig;
  demo.start_us = g_get_monotonic_time ();

  for (guint i = 0; i < G_N_ELEMENTS (demo.arrays); i++)
    {
      g_autoptr(GError) error = NULL;

      if (!demo_array_create (&demo, &demo.arrays[i], &error))
        {
          status = axds_cli_error ("%s", error->message);
          for (guint j = 0; j < G_N_ELEMENTS (demo.arrays); j++)
            demo_array_clear (&demo.arrays[j]);
          return status;
        }
      if (i > 0)
        g_string_append (created, ", ");
      g_string_append (created, demo.arrays[i].name);
    }

  axds_cli_watch_stop_signals (signal_ids, demo_quit_cb, &demo);
  if (duration > 0.0)
    duration_id = g_timeout_add ((guint) MIN (duration * 1000.0, (double) G_MAXUINT),
                                 demo_quit_cb, &demo);
  redraw_id = g_timeout_add (demo.tty ? DEMO_REDRAW_TTY_MS : DEMO_REDRAW_PLAIN_MS,
                             demo_redraw_cb, &demo);

  if (demo.tty)
    fputs ("\033[?25l", stdout);  /* hide the cursor while redrawing */
  else
    printf (_("Created %s; Ctrl+C stops the demo and removes them.\n"), created->str);
  fflush (stdout);

  g_main_loop_run (loop);

  g_source_remove (redraw_id);
  if (duration_id != 0)
    g_source_remove (duration_id);
  axds_cli_unwatch_stop_signals (signal_ids);

  if (!demo.output_failed)
    demo_draw (&demo);
  if (demo.tty)
    fputs ("\033[?25h", stdout);

  for (guint i = 0; i < G_N_ELEMENTS (demo.arrays); i++)
    {
      g_autoptr(GError) error = NULL;

      if (axds_shared_array_destroy (demo.arrays[i].array, FALSE, &error))
        n_destroyed++;
      else
        status = axds_cli_error ("%s", error->message);
      demo_array_clear (&demo.arrays[i]);
    }

  if (!demo.output_failed)
    printf (g_dngettext (GETTEXT_PACKAGE, "Removed %u demo array.\n",
                         "Removed %u demo arrays.\n", n_destroyed), n_destroyed);
  return status;
}

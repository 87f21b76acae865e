/* axds-cli-shm-demo.c — `axds shm demo`: arrays changing at acquisition rates, shown live
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * The demo plays a small behaviour rig: a camera, a running wheel's encoder trace, analog
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

#include <glib-unix.h>
#include <glib/gi18n.h>

#include <axds.h>

#include "axds-cli-shm.h"

/* A writer holding the lock longer than this (another tool) costs the demo a tick, not a stall. */
#define DEMO_LOCK_TIMEOUT_US   (200 * 1000)
#define DEMO_REDRAW_TTY_MS     250
#define DEMO_REDRAW_PLAIN_MS   1000
#define DEMO_MAX_DURATION_S    (7.0 * 24 * 3600)

#define CAMERA_SIZE   256
#define WHEEL_SAMPLES 1000

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
  /* Static description. */
  const char       *suffix;
  AxdsDtype         dtype;
  guint             ndim;
  guint64           shape[2];
  double            rate_hz;
  DemoUpdateFunc    update;
  DemoDescribeFunc  describe;

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
  guint32    noise_state;

  /* The simulated animal and task. */
  double     wheel_position_cm;
  double     wheel_speed_cm_s;
  gboolean   licking;
  double     lick_until;
  double     next_lick;
  guint32    trial;
  guint32    licks;
  guint32    rewards;
  double     next_trial;
};

/* xorshift32: camera noise for 65536 pixels 30 times a second needs to be cheap, not good. */
static inline guint32
noise_next (Demo *demo)
{
  guint32 x = demo->noise_state;

  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  demo->noise_state = x;
  return x;
}

static double
uniform (Demo *demo)
{
  return (noise_next (demo) >> 8) / (double) (1 << 24);
}

/* demo-camera: a 12-bit camera watching a bright spot move over a dim, noisy background. */

static void
camera_blob_centre (double  t,
                    double *x,
                    double *y)
{
  *x = CAMERA_SIZE / 2.0 + 80.0 * sin (2 * G_PI * 0.23 * t);
  *y = CAMERA_SIZE / 2.0 + 60.0 * sin (2 * G_PI * 0.31 * t + 1.0);
}

static void
camera_update (Demo      *demo,
               DemoArray *self,
               double     t)
{
  guint16 *frame = (guint16 *) (gpointer) self->buffer;
  const double sigma = 12.0;
  double cx, cy;
  int x0, x1, y0, y1;

  for (guint i = 0; i < CAMERA_SIZE * CAMERA_SIZE; i++)
    frame[i] = (guint16) (96 + (noise_next (demo) & 31));

  camera_blob_centre (t, &cx, &cy);
  x0 = MAX (0, (int) (cx - 3 * sigma));
  x1 = MIN (CAMERA_SIZE - 1, (int) (cx + 3 * sigma));
  y0 = MAX (0, (int) (cy - 3 * sigma));
  y1 = MIN (CAMERA_SIZE - 1, (int) (cy + 3 * sigma));
  for (int y = y0; y <= y1; y++)
    for (int x = x0; x <= x1; x++)
      {
        double d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
        double v = frame[y * CAMERA_SIZE + x] + 3800.0 * exp (-d2 / (2 * sigma * sigma));

        frame[y * CAMERA_SIZE + x] = (guint16) MIN (v, 4095.0);
      }
}

static void
camera_describe (DemoArray *self,
                 GString   *out)
{
  const guint8 *p = self->snapshot;
  guint16 peak = 0;
  guint at = 0;

  for (guint i = 0; i < CAMERA_SIZE * CAMERA_SIZE; i++)
    {
      guint16 v;

      memcpy (&v, p + i * sizeof v, sizeof v);
      if (v > peak)
        {
          peak = v;
          at = i;
        }
    }
  g_string_append_printf (out, _("peak %u at x=%u, y=%u"), peak, at % CAMERA_SIZE,
                          at / CAMERA_SIZE);
}

/* demo-wheel: the last WHEEL_SAMPLES positions of a running wheel, newest last. */

static void
wheel_update (Demo      *demo,
              DemoArray *self,
              double     t)
{
  double *trace = (double *) (gpointer) self->buffer;
  double dt = 1.0 / self->rate_hz;

  /* A mouse runs in bouts: the speed relaxes towards a target that changes now and then. */
  if (uniform (demo) < 0.01)
    demo->wheel_speed_cm_s = uniform (demo) < 0.3 ? 0.0 : 5.0 + 25.0 * uniform (demo);
  demo->wheel_position_cm += demo->wheel_speed_cm_s * dt * (0.8 + 0.4 * uniform (demo));

  memmove (trace, trace + 1, (WHEEL_SAMPLES - 1) * sizeof (double));
  trace[WHEEL_SAMPLES - 1] = demo->wheel_position_cm;
}

static void
wheel_describe (DemoArray *self,
                GString   *out)
{
  double last, before;
  char pos[G_ASCII_DTOSTR_BUF_SIZE], speed[G_ASCII_DTOSTR_BUF_SIZE];

  memcpy (&last, self->snapshot + (WHEEL_SAMPLES - 1) * sizeof (double), sizeof last);
  memcpy (&before, self->snapshot + (WHEEL_SAMPLES - 11) * sizeof (double), sizeof before);
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
  float values[3];

  if (demo->licking && t >= demo->lick_until)
    demo->licking = FALSE;
  if (!demo->licking && t >= demo->next_lick)
    {
      demo->licking = TRUE;
      demo->licks++;
      demo->lick_until = t + 0.1;
      demo->next_lick = t + 0.2 + 2.0 * uniform (demo);
    }

  values[0] = demo->licking ? (float) (4.6 + 0.2 * uniform (demo))
                            : (float) (0.05 + 0.05 * uniform (demo));
  values[1] = (float) (0.3 + 0.05 * sin (2 * G_PI * 0.5 * t) + 0.01 * uniform (demo));
  values[2] = (float) (21.5 + 0.2 * sin (2 * G_PI * t / 60.0));
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

  if (t >= demo->next_trial)
    {
      /* A trial ends every few seconds; most end with a reward. */
      if (demo->trial > 0 && uniform (demo) < 0.7)
        demo->rewards++;
      demo->trial++;
      demo->next_trial = t + 3.0 + 2.0 * uniform (demo);
    }
  values[0] = demo->trial;
  values[1] = demo->licks;
  values[2] = demo->rewards;
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

static const DemoArray demo_templates[] = {
  { "camera", AXDS_DTYPE_UINT16, 2, { CAMERA_SIZE, CAMERA_SIZE }, 30.0,
    camera_update, camera_describe },
  { "wheel", AXDS_DTYPE_FLOAT64, 1, { WHEEL_SAMPLES, 0 }, 100.0,
    wheel_update, wheel_describe },
  { "sensors", AXDS_DTYPE_FLOAT32, 1, { 3, 0 }, 10.0,
    sensors_update, sensors_describe },
  { "counters", AXDS_DTYPE_UINT32, 1, { 3, 0 }, 10.0,
    counters_update, counters_describe },
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

      /* Back to the top of the previous table; each line is cleared before it is redrawn. */
      if (demo->lines_drawn > 0)
        g_string_append_printf (out, "\033[%uA", demo->lines_drawn);
      demo->lines_drawn = 0;

      g_string_append_printf (line, _("axds shm demo — %s s — Ctrl+C to stop and remove the "
                                      "arrays"), elapsed_text);
      append_tty_line (demo, out, line, columns);

      axds_cli_pad_right (line, _("NAME"), name_width + 2);
      axds_cli_pad_right (line, _("DTYPE"), 7);
      axds_cli_pad_right (line, _("SHAPE"), 12);
      axds_cli_pad_left (line, _("WRITES/S"), 9);
      g_string_append (line, "  ");
      g_string_append (line, _("LIVE VALUES"));
      append_tty_line (demo, out, line, columns);

      for (guint i = 0; i < G_N_ELEMENTS (demo->arrays); i++)
        {
          DemoArray *a = &demo->arrays[i];
          g_autofree char *shape = axds_shape_to_string (a->ndim, a->shape);
          char rate[G_ASCII_DTOSTR_BUF_SIZE];

          g_ascii_formatd (rate, sizeof rate, "%.1f", a->measured_rate);
          axds_cli_pad_right (line, a->name, name_width + 2);
          axds_cli_pad_right (line, axds_dtype_to_string (a->dtype), 7);
          axds_cli_pad_right (line, shape, 12);
          axds_cli_pad_left (line, rate, 9);
          g_string_append (line, "  ");
          demo_describe_array (a, line);
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
          axds_cli_pad_right (out, a->name, name_width + 2);
          axds_cli_pad_left (out, rate, 6);
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
  double duration = 0.0;
  guint signal_ids[3] = { 0 };
  guint redraw_id, duration_id = 0;
  Demo demo = { 0 };
  int status = AXDS_CLI_EXIT_OK;
  guint n_destroyed = 0;

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

  for (guint i = 0; i < G_N_ELEMENTS (demo.arrays); i++)
    {
      g_autoptr(GError) error = NULL;

      demo.arrays[i] = demo_templates[i];
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
  demo.noise_state = g_random_int () | 1;
  demo.start_us = g_get_monotonic_time ();
  demo.next_lick = 0.5;

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

  signal_ids[0] = g_unix_signal_add (SIGINT, demo_quit_cb, &demo);
  signal_ids[1] = g_unix_signal_add (SIGTERM, demo_quit_cb, &demo);
  signal_ids[2] = g_unix_signal_add (SIGHUP, demo_quit_cb, &demo);
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
  for (guint i = 0; i < G_N_ELEMENTS (signal_ids); i++)
    g_source_remove (signal_ids[i]);

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

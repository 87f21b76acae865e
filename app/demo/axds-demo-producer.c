/* axds-demo-producer.c — one process of the demo acquisition
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* axds-demo-producer --kind KIND --prefix PREFIX [--parent PID] [--seconds N] [--logger NAME]
 *
 * Creates the arrays of one simulated device and writes them at a realistic rate until it
 * gets SIGTERM/SIGINT/SIGHUP (or its parent dies, see PR_SET_PDEATHSIG), then destroys them:
 *
 * - camera:  PREFIX-camera,      uint16 512 × 512, 30 frames/s: a lit arena with a moving
 *                                 animal, a slow illumination drift and shot noise;
 * - wheel:   PREFIX-wheel,       float64 [1000], 100 updates/s: the running speed in cm/s of
 *                                 the last ten seconds (oldest first), written whole;
 * - sensors: PREFIX-lick,        float32 [1], 100 Hz: the lick sensor voltage;
 *            PREFIX-trial,       int64 [1], every 3–5 s: the trial counter;
 *            PREFIX-environment, float32 [3], 2 Hz: temperature (°C), humidity (%), and
 *                                 air-puff line pressure (kPa).
 *
 * With --logger, each source also submits what it acquires to that data logger, its onset
 * first, as an acquisition would: source 1 the camera's frame numbers (30/s), 2 the wheel
 * encoder's position in ticks (50/s), 3 lick onsets and offsets, 4 trial starts, 5 the
 * environment readings (2/s); all little-endian, timed in µs since the source's onset.
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#include "axds.h"
#include "axds-demo-rig.h"

#define WHEEL_TICKS_PER_CM 20.0

/* A submit to a logger whose process died waits for room at most this long. */
#define LOG_TIMEOUT_US (200 * 1000)

static volatile sig_atomic_t stop_requested;

/* One source of the demo's logger. */
typedef struct
{
  AxdsLogQueue *queue;    /* NULL: not logging (no logger, or it failed) */
  guint8        id;
  gint64        onset;    /* UTC µs */
  guint64       last;     /* acquisition time of the last message */
} LogSource;

static void
log_source_init (LogSource    *source,
                 AxdsLogQueue *queue,
                 guint8        id)
{
  g_autoptr(GError) error = NULL;

  source->queue = NULL;
  source->id = id;
  source->last = 0;
  if (queue == NULL)
    return;
  if (!axds_log_queue_submit_onset (queue, id, &source->onset, &error))
    {
      g_printerr ("axds-demo-producer: source %u: %s\n", id, error->message);
      return;
    }
  source->queue = queue;
}

static void
log_submit (LogSource     *source,
            gconstpointer  data,
            gsize          len)
{
  g_autoptr(GError) error = NULL;
  guint64 time;

  if (source->queue == NULL)
    return;
  /* Distinct times per source: each message is a file named after its time. */
  time = (guint64)MAX (0, g_get_real_time () - source->onset);
  if (time <= source->last)
    time = source->last + 1;
  source->last = time;
  if (!axds_log_queue_submit (source->queue, source->id, time, data, len, &error))
    {
      /* The logger stopped or died: acquire on without it, as told once. */
      g_printerr ("axds-demo-producer: source %u: %s\n", source->id, error->message);
      source->queue = NULL;
    }
}

static void
on_signal (int signum)
{
  stop_requested = 1;
}

static void
install_signal_handlers (void)
{
  struct sigaction action;

  memset (&action, 0, sizeof action);
  action.sa_handler = on_signal;
  sigemptyset (&action.sa_mask);
  sigaction (SIGTERM, &action, NULL);
  sigaction (SIGINT, &action, NULL);
  sigaction (SIGHUP, &action, NULL);
}

static gboolean
time_is_up (gint64 start,
            double seconds)
{
  return seconds > 0 && g_get_monotonic_time () - start >= seconds * G_USEC_PER_SEC;
}

/* Sleeps until @next (monotonic µs) and advances it by @period, without drifting. */
static void
sleep_until (gint64 *next,
             gint64  period)
{
  gint64 now = g_get_monotonic_time ();

  *next += period;
  if (*next < now)
    *next = now;
  else
    g_usleep (*next - now);
}

/* Creates the array @suffix of the monitor's layout (axds-demo-rig.c). */
static AxdsSharedArray *
make_array (const char  *prefix,
            const char  *suffix,
            GError     **error)
{
  g_autofree char *name = g_strdup_printf ("%s-%s", prefix, suffix);
  const AxdsDemoArraySpec *specs;
  guint n_specs;

  specs = axds_demo_rig_get_arrays (AXDS_DEMO_LAYOUT_MONITOR, &n_specs);
  for (guint i = 0; i < n_specs; i++)
    if (g_str_equal (specs[i].suffix, suffix))
      /* A crashed earlier demo may have left the name behind: take it over. */
      return axds_shared_array_create (name, specs[i].dtype, specs[i].ndim, specs[i].shape,
                                       NULL, 0, AXDS_SHARED_ARRAY_CREATE_EXISTS_OK, error);
  g_assert_not_reached ();
}

static gboolean
write_all (AxdsSharedArray *array,
           gconstpointer    data)
{
  g_autoptr(GError) error = NULL;

  if (!axds_shared_array_write (array, 0, axds_shared_array_get_n_elements (array), data,
                                AXDS_ACCESS_LOCK | AXDS_ACCESS_WRITE, &error))
    {
      g_printerr ("axds-demo-producer: %s\n", error->message);
      return FALSE;
    }
  return TRUE;
}

static void
destroy_array (AxdsSharedArray *array)
{
  g_autoptr(GError) error = NULL;

  if (array != NULL && !axds_shared_array_destroy (array, TRUE, &error))
    g_printerr ("axds-demo-producer: %s\n", error->message);
}

static int
run_camera (const char   *prefix,
            double        seconds,
            AxdsLogQueue *queue)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AxdsSharedArray) camera = make_array (prefix, "camera", &error);
  g_autoptr(AxdsDemoRig) rig = axds_demo_rig_new ();
  g_autofree guint16 *frame = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 next = start;
  guint64 n = 0;
  guint size;
  LogSource frames;

  if (camera == NULL)
    {
      g_printerr ("axds-demo-producer: %s\n", error->message);
      return 1;
    }
  log_source_init (&frames, queue, 1);
  size = (guint)axds_shared_array_get_shape (camera, NULL)[0];
  frame = g_new (guint16, (gsize)size * size);

  while (!stop_requested && !time_is_up (start, seconds))
    {
      axds_demo_rig_render_camera (rig, (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC,
                                   size, frame);
      if (!write_all (camera, frame))
        break;
      {
        guint64 le = GUINT64_TO_LE (n);
        log_submit (&frames, &le, sizeof le);
      }
      n++;
      sleep_until (&next, G_USEC_PER_SEC / 30);
    }

  destroy_array (camera);
  return 0;
}

static int
run_wheel (const char   *prefix,
           double        seconds,
           AxdsLogQueue *queue)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AxdsSharedArray) wheel = make_array (prefix, "wheel", &error);
  g_autoptr(AxdsDemoRig) rig = axds_demo_rig_new ();
  g_autofree double *trace = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 next = start;
  guint64 tick = 0;
  gsize len;
  LogSource encoder;

  if (wheel == NULL)
    {
      g_printerr ("axds-demo-producer: %s\n", error->message);
      return 1;
    }
  log_source_init (&encoder, queue, 2);
  /* The running speed in cm/s of the last ten seconds, oldest first, written whole. */
  len = axds_shared_array_get_n_elements (wheel);
  trace = g_new0 (double, len);

  while (!stop_requested && !time_is_up (start, seconds))
    {
      memmove (trace, trace + 1, sizeof (double) * (len - 1));
      trace[len - 1] = axds_demo_rig_step_wheel (rig);

      if (!write_all (wheel, trace))
        break;
      if (tick++ % 2 == 0)
        {
          gint64 le = GINT64_TO_LE ((gint64)(axds_demo_rig_get_wheel_position (rig) *
                                             WHEEL_TICKS_PER_CM));
          log_submit (&encoder, &le, sizeof le);
        }
      sleep_until (&next, G_USEC_PER_SEC / 100);
    }

  destroy_array (wheel);
  return 0;
}

static int
run_sensors (const char   *prefix,
             double        seconds,
             AxdsLogQueue *queue)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AxdsSharedArray) lick = NULL;
  g_autoptr(AxdsSharedArray) trial = NULL;
  g_autoptr(AxdsSharedArray) environment = NULL;
  g_autoptr(AxdsDemoRig) rig = axds_demo_rig_new ();
  gint64 start = g_get_monotonic_time ();
  gint64 next = start;
  guint64 tick = 0;
  int status = 0;
  LogSource licks, trials, readings;

  lick = make_array (prefix, "lick", &error);
  if (lick != NULL)
    trial = make_array (prefix, "trial", &error);
  if (trial != NULL)
    environment = make_array (prefix, "environment", &error);
  if (environment == NULL)
    {
      g_printerr ("axds-demo-producer: %s\n", error->message);
      status = 1;
      goto out;
    }
  log_source_init (&licks, queue, 3);
  log_source_init (&trials, queue, 4);
  log_source_init (&readings, queue, 5);

  while (!stop_requested && !time_is_up (start, seconds))
    {
      gint64 elapsed = g_get_monotonic_time () - start;
      AxdsDemoSensors sensors;

      axds_demo_rig_step_sensors (rig, elapsed, &sensors);
      if (sensors.new_trial)
        {
          gint64 trial_count = axds_demo_rig_get_trial (rig);
          gint64 le = GINT64_TO_LE (trial_count);

          if (!write_all (trial, &trial_count))
            break;
          log_submit (&trials, &le, sizeof le);
        }
      if (!write_all (lick, &sensors.lick_volts))
        break;
      /* The lick detector's events: 1 when the tongue touches the spout, 0 when it leaves. */
      if (sensors.lick_changed)
        {
          guint8 event = sensors.licking ? 1 : 0;

          log_submit (&licks, &event, sizeof event);
        }

      if (tick % 50 == 0)
        {
          float env[3];
          guint32 le[3];

          axds_demo_rig_read_environment (rig, elapsed / (double)G_USEC_PER_SEC, env);
          if (!write_all (environment, env))
            break;
          for (guint k = 0; k < 3; k++)
            {
              guint32 bits;

              memcpy (&bits, &env[k], sizeof bits);
              le[k] = GUINT32_TO_LE (bits);
            }
          log_submit (&readings, le, sizeof le);
        }

      tick++;
      sleep_until (&next, G_USEC_PER_SEC / 100);
    }

out:
  destroy_array (lick);
  destroy_array (trial);
  destroy_array (environment);
  return status;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *kind = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *logger = NULL;
  g_autoptr(AxdsLogQueue) queue = NULL;
  gint64 parent = 0;
  double seconds = 0;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind,
      "What to simulate: camera, wheel or sensors", "KIND" },
    { "prefix", 0, 0, G_OPTION_ARG_STRING, &prefix, "Start of the array names", "PREFIX" },
    { "parent", 0, 0, G_OPTION_ARG_INT64, &parent, "Exit when this process exits", "PID" },
    { "seconds", 0, 0, G_OPTION_ARG_DOUBLE, &seconds,
      "Stop after this long (default: never)", "S" },
    { "logger", 0, 0, G_OPTION_ARG_STRING, &logger,
      "Submit what is acquired to this data logger", "NAME" },
    { NULL }
  };

  context = g_option_context_new ("— a producer of the Ataraxis Monitor demo");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("axds-demo-producer: %s\n", error->message);
      return 2;
    }
  if (kind == NULL || prefix == NULL)
    {
      g_printerr ("axds-demo-producer: --kind and --prefix are required\n");
      return 2;
    }

  install_signal_handlers ();

  /* Die with the monitor. The parent may already be gone by the time the request is in
   * place, so check afterwards that it is still our parent. */
  if (parent > 0)
    {
      prctl (PR_SET_PDEATHSIG, SIGTERM);
      if ((gint64)getppid () != parent)
        return 0;
    }

  if (logger != NULL)
    {
      queue = axds_log_queue_open (logger, &error);
      /* Without its logger the demo still acquires; it only does not log. */
      if (queue == NULL)
        g_printerr ("axds-demo-producer: %s\n", error->message);
      else
        axds_log_queue_set_timeout (queue, LOG_TIMEOUT_US);
    }

  if (g_str_equal (kind, "camera"))
    return run_camera (prefix, seconds, queue);
  if (g_str_equal (kind, "wheel"))
    return run_wheel (prefix, seconds, queue);
  if (g_str_equal (kind, "sensors"))
    return run_sensors (prefix, seconds, queue);

  g_printerr ("axds-demo-producer: unknown kind “%s”\n", kind);
  return 2;
}

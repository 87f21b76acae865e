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

#define CAMERA_SIZE 512
#define WHEEL_LEN   1000

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

static AxdsSharedArray *
make_array (const char    *prefix,
            const char    *suffix,
            AxdsDtype      dtype,
            guint          ndim,
            const guint64 *shape,
            GError       **error)
{
  g_autofree char *name = g_strdup_printf ("%s-%s", prefix, suffix);

  /* A crashed earlier demo may have left the name behind: take it over. */
  return axds_shared_array_create (name, dtype, ndim, shape, NULL, 0,
                                   AXDS_SHARED_ARRAY_CREATE_EXISTS_OK, error);
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
  const guint64 shape[2] = { CAMERA_SIZE, CAMERA_SIZE };
  g_autoptr(GError) error = NULL;
  g_autoptr(AxdsSharedArray) camera = make_array (prefix, "camera", AXDS_DTYPE_UINT16, 2, shape,
                                                  &error);
  g_autofree guint16 *frame = NULL;
  g_autofree float *background = NULL;
  g_autoptr(GRand) rand = g_rand_new ();
  gint64 start = g_get_monotonic_time ();
  gint64 next = start;
  guint64 n = 0;
  LogSource frames;

  if (camera == NULL)
    {
      g_printerr ("axds-demo-producer: %s\n", error->message);
      return 1;
    }
  log_source_init (&frames, queue, 1);

  /* A round arena, brighter in the middle, with a dark rim. */
  frame = g_new (guint16, CAMERA_SIZE * CAMERA_SIZE);
  background = g_new (float, CAMERA_SIZE * CAMERA_SIZE);
  for (int y = 0; y < CAMERA_SIZE; y++)
    for (int x = 0; x < CAMERA_SIZE; x++)
      {
        double dx = (x - CAMERA_SIZE / 2.0) / (CAMERA_SIZE / 2.0);
        double dy = (y - CAMERA_SIZE / 2.0) / (CAMERA_SIZE / 2.0);
        double r = sqrt (dx * dx + dy * dy);
        double level = r < 0.92 ? 900.0 + 700.0 * (1.0 - r * r) : (r < 0.97 ? 2600.0 : 300.0);

        background[y * CAMERA_SIZE + x] = (float)level;
      }

  while (!stop_requested && !time_is_up (start, seconds))
    {
      double t = (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC;
      /* The animal wanders on a slow Lissajous path; its body is an ellipse along its heading. */
      double ax = CAMERA_SIZE / 2.0 + 150.0 * sin (t * 0.7) * cos (t * 0.23);
      double ay = CAMERA_SIZE / 2.0 + 150.0 * sin (t * 0.5 + 1.0);
      double heading = atan2 (150.0 * 0.5 * cos (t * 0.5 + 1.0), 150.0 * 0.7 * cos (t * 0.7));
      double ch = cos (heading), sh = sin (heading);
      double drift = 1.0 + 0.08 * sin (t * 0.3);
      guint32 noise = g_rand_int (rand) | 1;

      for (int y = 0; y < CAMERA_SIZE; y++)
        {
          for (int x = 0; x < CAMERA_SIZE; x++)
            {
              double v = background[y * CAMERA_SIZE + x] * drift;
              double px = x - ax, py = y - ay;

              if (fabs (px) < 40 && fabs (py) < 40)
                {
                  double u = (px * ch + py * sh) / 28.0;
                  double w = (-px * sh + py * ch) / 14.0;
                  double d = u * u + w * w;

                  if (d < 1.0)
                    v = 3600.0 + 300.0 * (1.0 - d);
                }
              /* xorshift32: cheap noise, ±64 counts. */
              noise ^= noise << 13;
              noise ^= noise >> 17;
              noise ^= noise << 5;
              v += (double)(noise & 127) - 64.0;
              frame[y * CAMERA_SIZE + x] = (guint16)CLAMP (v, 0.0, 4095.0);
            }
        }

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
  const guint64 shape[1] = { WHEEL_LEN };
  g_autoptr(GError) error = NULL;
  g_autoptr(AxdsSharedArray) wheel = make_array (prefix, "wheel", AXDS_DTYPE_FLOAT64, 1, shape,
                                                 &error);
  double trace[WHEEL_LEN] = { 0 };
  g_autoptr(GRand) rand = g_rand_new ();
  gint64 start = g_get_monotonic_time ();
  gint64 next = start;
  double speed = 0.0, target = 0.0;
  double position = 0.0;   /* cm */
  guint64 tick = 0;
  LogSource encoder;

  if (wheel == NULL)
    {
      g_printerr ("axds-demo-producer: %s\n", error->message);
      return 1;
    }
  log_source_init (&encoder, queue, 2);

  while (!stop_requested && !time_is_up (start, seconds))
    {
      /* Bouts of running between rests: the target speed changes now and then, the animal
       * accelerates towards it, and the encoder adds a little jitter. */
      if (g_rand_double (rand) < 0.01)
        target = g_rand_double (rand) < 0.35 ? 0.0 : g_rand_double_range (rand, 8.0, 45.0);
      speed += (target - speed) * 0.04;
      memmove (trace, trace + 1, sizeof (double) * (WHEEL_LEN - 1));
      trace[WHEEL_LEN - 1] = MAX (0.0, speed + g_rand_double_range (rand, -1.2, 1.2));

      if (!write_all (wheel, trace))
        break;
      position += trace[WHEEL_LEN - 1] / 100.0;
      if (tick++ % 2 == 0)
        {
          gint64 le = GINT64_TO_LE ((gint64)(position * WHEEL_TICKS_PER_CM));
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
  const guint64 one[1] = { 1 };
  const guint64 three[1] = { 3 };
  g_autoptr(GError) error = NULL;
  g_autoptr(AxdsSharedArray) lick = NULL;
  g_autoptr(AxdsSharedArray) trial = NULL;
  g_autoptr(AxdsSharedArray) environment = NULL;
  g_autoptr(GRand) rand = g_rand_new ();
  gint64 start = g_get_monotonic_time ();
  gint64 next = start;
  gint64 next_trial = start + 3 * G_USEC_PER_SEC;
  gint64 lick_until = 0;
  gint64 trial_count = 0;
  guint64 tick = 0;
  int status = 0;
  gboolean licking = FALSE;
  LogSource licks, trials, readings;

  lick = make_array (prefix, "lick", AXDS_DTYPE_FLOAT32, 1, one, &error);
  if (lick != NULL)
    trial = make_array (prefix, "trial", AXDS_DTYPE_INT64, 1, one, &error);
  if (trial != NULL)
    environment = make_array (prefix, "environment", AXDS_DTYPE_FLOAT32, 1, three, &error);
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
      gint64 now = g_get_monotonic_time ();
      double t = (now - start) / (double)G_USEC_PER_SEC;
      float voltage;

      /* Licks come in bursts of 6–7 Hz after each trial starts. */
      if (now >= next_trial)
        {
          trial_count++;
          if (!write_all (trial, &trial_count))
            break;
          {
            gint64 le = GINT64_TO_LE (trial_count);
            log_submit (&trials, &le, sizeof le);
          }
          lick_until = now + g_rand_int_range (rand, 800, 2000) * 1000;
          next_trial = now + g_rand_int_range (rand, 3000, 5000) * 1000;
        }
      voltage = (float)(0.05 + g_rand_double_range (rand, -0.02, 0.02));
      if (now < lick_until && fmod (t * 6.5, 1.0) < 0.35)
        voltage += 3.1f;
      if (!write_all (lick, &voltage))
        break;
      /* The lick detector's events: 1 when the tongue touches the spout, 0 when it leaves. */
      if ((voltage > 1.5f) != licking)
        {
          guint8 event;

          licking = voltage > 1.5f;
          event = licking ? 1 : 0;
          log_submit (&licks, &event, sizeof event);
        }

      if (tick % 50 == 0)
        {
          float env[3] = {
            (float)(22.5 + 0.4 * sin (t / 40.0) + g_rand_double_range (rand, -0.05, 0.05)),
            (float)(41.0 + 2.0 * sin (t / 70.0 + 1.0) + g_rand_double_range (rand, -0.2, 0.2)),
            (float)(68.0 + 3.0 * sin (t / 9.0) + g_rand_double_range (rand, -0.3, 0.3)),
          };
          if (!write_all (environment, env))
            break;
          {
            guint32 le[3];

            for (guint k = 0; k < 3; k++)
              {
                guint32 bits;

                memcpy (&bits, &env[k], sizeof bits);
                le[k] = GUINT32_TO_LE (bits);
              }
            log_submit (&readings, le, sizeof le);
          }
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

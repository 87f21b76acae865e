/* axds-demo-rig.c — the simulated behaviour rig of both demos: its arrays and its signals
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * One mouse in one rig, for `axds-monitor --demo` (whose producer processes each keep a rig
 * and use their part of it) and for `axds shm demo` (one rig for all its arrays):
 *
 * - a camera over a round arena, brighter in the middle, where the animal, an ellipse along
 *   its heading, wanders on a slow Lissajous path, under a slow illumination drift and shot
 *   noise (12 bits);
 * - a running wheel: bouts of running between rests, the speed relaxing towards a target that
 *   changes now and then, with encoder jitter, 100 steps a second;
 * - a trial every 3–5 s, most of them rewarded, with a burst of licks at 6–7 Hz after each
 *   start; the lick sensor reads about 3 V while the tongue touches the spout;
 * - the enclosure's temperature, humidity and air-puff line pressure, and the wheel brake's
 *   torque, drifting slowly.
 *
 * The functions take the time; nothing here sleeps, writes arrays or knows a process.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "axds-demo-rig.h"

/* The camera's geometry is drawn for this size and scaled to the one asked for. */
#define CAMERA_REFERENCE 512.0

static const AxdsDemoArraySpec monitor_arrays[] = {
  { "camera",  "camera",      AXDS_DTYPE_UINT16,  2, { 512, 512 }, 30.0 },
  { "wheel",   "wheel",       AXDS_DTYPE_FLOAT64, 1, { 1000, 0 },  100.0 },
  { "sensors", "lick",        AXDS_DTYPE_FLOAT32, 1, { 1, 0 },     100.0 },
  { "sensors", "trial",       AXDS_DTYPE_INT64,   1, { 1, 0 },     0.0 },
  { "sensors", "environment", AXDS_DTYPE_FLOAT32, 1, { 3, 0 },     2.0 },
};

static const AxdsDemoArraySpec terminal_arrays[] = {
  { NULL, "camera",   AXDS_DTYPE_UINT16,  2, { 256, 256 }, 30.0 },
  { NULL, "wheel",    AXDS_DTYPE_FLOAT64, 1, { 1000, 0 },  100.0 },
  { NULL, "sensors",  AXDS_DTYPE_FLOAT32, 1, { 3, 0 },     10.0 },
  { NULL, "counters", AXDS_DTYPE_UINT32,  1, { 3, 0 },     10.0 },
};

/**
 * axds_demo_rig_get_arrays:
 * @layout: which demo
 * @n_arrays: (out): the number of arrays
 *
 * Returns: (array length=n_arrays): the arrays of @layout's demo
 */
const AxdsDemoArraySpec *
axds_demo_rig_get_arrays (AxdsDemoLayout  layout,
                          guint          *n_arrays)
{
  if (layout == AXDS_DEMO_LAYOUT_TERMINAL)
    {
      *n_arrays = G_N_ELEMENTS (terminal_arrays);
      return terminal_arrays;
    }
  *n_arrays = G_N_ELEMENTS (monitor_arrays);
  return monitor_arrays;
}

struct _AxdsDemoRig
{
  GRand   *rand;

  /* Camera: the arena without the animal, for background_size. */
  float   *background;
  guint    background_size;

  /* Wheel */
  double   speed;
  double   target;
  double   position;    /* cm */

  /* Trials and licks, in µs since the start */
  gint64   next_trial;
  gint64   lick_until;
  gint64   trial;
  guint32  licks;
  guint32  rewards;
  gboolean licking;
};

AxdsDemoRig *
axds_demo_rig_new (void)
{
  AxdsDemoRig *self = g_new0 (AxdsDemoRig, 1);

  self->rand = g_rand_new ();
  self->next_trial = 3 * G_USEC_PER_SEC;
  return self;
}

void
axds_demo_rig_free (AxdsDemoRig *self)
{
  g_rand_free (self->rand);
  g_free (self->background);
  g_free (self);
}

static void
ensure_background (AxdsDemoRig *self,
                   guint        size)
{
  if (self->background_size == size)
    return;
  g_free (self->background);
  self->background = g_new (float, (gsize)size * size);
  self->background_size = size;
  /* A round arena, brighter in the middle, with a dark rim. */
  for (guint y = 0; y < size; y++)
    for (guint x = 0; x < size; x++)
      {
        double dx = ((double)x - size / 2.0) / (size / 2.0);
        double dy = ((double)y - size / 2.0) / (size / 2.0);
        double r = sqrt (dx * dx + dy * dy);
        double level = r < 0.92 ? 900.0 + 700.0 * (1.0 - r * r) : (r < 0.97 ? 2600.0 : 300.0);

        self->background[y * size + x] = (float)level;
      }
}

/**
 * axds_demo_rig_render_camera:
 * @self: a rig
 * @t: seconds since the start
 * @size: the frame's width and height
 * @frame: (array): @size × @size pixels to fill, row-major
 */
void
axds_demo_rig_render_camera (AxdsDemoRig *self,
                             double       t,
                             guint        size,
                             guint16     *frame)
{
  double k = size / CAMERA_REFERENCE;
  /* The animal wanders on a slow Lissajous path; its body is an ellipse along its heading. */
  double ax = size / 2.0 + 150.0 * k * sin (t * 0.7) * cos (t * 0.23);
  double ay = size / 2.0 + 150.0 * k * sin (t * 0.5 + 1.0);
  double heading = atan2 (150.0 * 0.5 * cos (t * 0.5 + 1.0), 150.0 * 0.7 * cos (t * 0.7));
  double ch = cos (heading), sh = sin (heading);
  double drift = 1.0 + 0.08 * sin (t * 0.3);
  guint32 noise = g_rand_int (self->rand) | 1;

  ensure_background (self, size);
  for (guint y = 0; y < size; y++)
    for (guint x = 0; x < size; x++)
      {
        double v = self->background[y * size + x] * drift;
        double px = x - ax, py = y - ay;

        if (fabs (px) < 40 * k && fabs (py) < 40 * k)
          {
            double u = (px * ch + py * sh) / (28.0 * k);
            double w = (-px * sh + py * ch) / (14.0 * k);
            double d = u * u + w * w;

            if (d < 1.0)
              v = 3600.0 + 300.0 * (1.0 - d);
          }
        /* xorshift32: cheap noise, ±64 counts, for a quarter million pixels 30 times a second. */
        noise ^= noise << 13;
        noise ^= noise >> 17;
        noise ^= noise << 5;
        v += (double)(noise & 127) - 64.0;
        frame[y * size + x] = (guint16)CLAMP (v, 0.0, 4095.0);
      }
}

/**
 * axds_demo_rig_step_wheel:
 * @self: a rig
 *
 * Moves the wheel on by one step of 1/100 s.
 *
 * Returns: the running speed the encoder measured over the step, cm/s
 */
double
axds_demo_rig_step_wheel (AxdsDemoRig *self)
{
  double measured, jitter;

  /* Bouts of running between rests: the target speed changes now and then, the animal
   * accelerates towards it, and the encoder adds a little jitter. */
  if (g_rand_double (self->rand) < 0.01)
    self->target = g_rand_double (self->rand) < 0.35
                   ? 0.0 : g_rand_double_range (self->rand, 8.0, 45.0);
  self->speed += (self->target - self->speed) * 0.04;
  /* Drawn before MAX (), which would draw it twice and let a negative speed through. */
  jitter = g_rand_double_range (self->rand, -1.2, 1.2);
  measured = MAX (0.0, self->speed + jitter);
  self->position += measured / 100.0;
  return measured;
}

/* Returns: how far the wheel turned since the start, cm */
double
axds_demo_rig_get_wheel_position (AxdsDemoRig *self)
{
  return self->position;
}

/**
 * axds_demo_rig_step_sensors:
 * @self: a rig
 * @elapsed_us: µs since the start
 * @sensors: (out caller-allocates): the lick sensor now, and what happened
 *
 * Starts a trial when one is due and reads the lick sensor.
 */
void
axds_demo_rig_step_sensors (AxdsDemoRig     *self,
                            gint64           elapsed_us,
                            AxdsDemoSensors *sensors)
{
  double t = elapsed_us / (double)G_USEC_PER_SEC;
  gboolean licking;

  memset (sensors, 0, sizeof *sensors);
  if (elapsed_us >= self->next_trial)
    {
      /* The trial that ends was rewarded more often than not. */
      if (self->trial > 0 && g_rand_double (self->rand) < 0.7)
        self->rewards++;
      self->trial++;
      sensors->new_trial = TRUE;
      self->lick_until = elapsed_us + g_rand_int_range (self->rand, 800, 2000) * 1000;
      self->next_trial = elapsed_us + g_rand_int_range (self->rand, 3000, 5000) * 1000;
    }
  /* Licks come in bursts of 6–7 Hz after each trial starts. */
  sensors->lick_volts = (float)(0.05 + g_rand_double_range (self->rand, -0.02, 0.02));
  if (elapsed_us < self->lick_until && fmod (t * 6.5, 1.0) < 0.35)
    sensors->lick_volts += 3.1f;

  licking = sensors->lick_volts > 1.5f;
  sensors->lick_changed = licking != self->licking;
  if (licking && !self->licking)
    self->licks++;
  self->licking = licking;
  sensors->licking = licking;
}

gint64
axds_demo_rig_get_trial (AxdsDemoRig *self)
{
  return self->trial;
}

guint32
axds_demo_rig_get_licks (AxdsDemoRig *self)
{
  return self->licks;
}

guint32
axds_demo_rig_get_rewards (AxdsDemoRig *self)
{
  return self->rewards;
}

/**
 * axds_demo_rig_read_environment:
 * @self: a rig
 * @t: seconds since the start
 * @environment: (out caller-allocates) (array fixed-size=3): temperature (°C), humidity (%)
 *   and air-puff line pressure (kPa)
 */
void
axds_demo_rig_read_environment (AxdsDemoRig *self,
                                double       t,
                                float        environment[3])
{
  environment[0] = (float)(22.5 + 0.4 * sin (t / 40.0) +
                           g_rand_double_range (self->rand, -0.05, 0.05));
  environment[1] = (float)(41.0 + 2.0 * sin (t / 70.0 + 1.0) +
                           g_rand_double_range (self->rand, -0.2, 0.2));
  environment[2] = (float)(68.0 + 3.0 * sin (t / 9.0) +
                           g_rand_double_range (self->rand, -0.3, 0.3));
}

/* Returns: the wheel brake's torque, N·cm */
float
axds_demo_rig_read_brake_torque (AxdsDemoRig *self,
                                 double       t)
{
  return (float)(0.3 + 0.05 * sin (2 * G_PI * 0.5 * t) + 0.01 * g_rand_double (self->rand));
}

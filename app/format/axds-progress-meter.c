/* axds-progress-meter.c — fraction, smoothed rate, time left and the text of a progress bar
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * The rate is an exponentially smoothed units/s: samples closer together than
 * RATE_MIN_INTERVAL_S are merged into the next one (a burst of small chunks would otherwise
 * swing it), and each sample moves the figure with a time constant of RATE_TAU_S.
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "axds-format.h"
#include "axds-progress-meter.h"

/* The smoothing time constant of the rate, in seconds. */
#define RATE_TAU_S 2.0
/* Rate samples closer together than this are merged into the next one. */
#define RATE_MIN_INTERVAL_S 0.15

void
axds_progress_meter_init (AxdsProgressMeter *self)
{
  self->rate = 0.0;
  self->sample_time = 0;
  self->sample_units = 0.0;
}

/**
 * axds_progress_meter_sample:
 * @self: a meter
 * @now_us: monotonic time of the sample
 * @units: units done so far (bytes, or files where nothing counts bytes)
 * @new_series: %TRUE when @units counts something else from now on (a new phase)
 *
 * A new series starts its samples afresh but keeps the smoothed rate as its first estimate,
 * which beats none at all.
 */
void
axds_progress_meter_sample (AxdsProgressMeter *self,
                            gint64             now_us,
                            double             units,
                            gboolean           new_series)
{
  double seconds = (double) (now_us - self->sample_time) / G_USEC_PER_SEC;

  if (new_series || self->sample_time == 0)
    {
      self->sample_time = now_us;
      self->sample_units = units;
    }
  else if (seconds >= RATE_MIN_INTERVAL_S)
    {
      self->rate = axds_progress_smooth_rate (self->rate, units - self->sample_units, seconds);
      self->sample_time = now_us;
      self->sample_units = units;
    }
}

/* Returns: seconds until @remaining units are done at the smoothed rate, -1 when unknown */
double
axds_progress_meter_get_time_left (const AxdsProgressMeter *self,
                                   double                   remaining)
{
  return axds_progress_estimate_time_left (remaining, self->rate);
}

/**
 * axds_progress_fraction:
 * @files_done: files done
 * @files_total: files in all, 0 when not known
 * @bytes_done: bytes done
 * @bytes_total: bytes in all, 0 when nothing counts bytes
 *
 * Returns: how far along, 0 to 1: by bytes where they are counted, else by files
 */
double
axds_progress_fraction (guint64 files_done,
                        guint64 files_total,
                        guint64 bytes_done,
                        guint64 bytes_total)
{
  if (bytes_total > 0)
    return CLAMP ((double) bytes_done / (double) bytes_total, 0.0, 1.0);
  if (files_total > 0)
    return CLAMP ((double) files_done / (double) files_total, 0.0, 1.0);
  return 0.0;
}

/**
 * axds_progress_smooth_rate:
 * @previous: the rate so far, or 0 (or less) for none yet
 * @units: units (bytes or files) processed since the previous sample
 * @seconds: time since the previous sample
 *
 * Blends the rate of the last interval into @previous with a time constant of two seconds,
 * so that the figure follows a change of speed within a few seconds but does not jump with
 * every chunk. The first sample is taken as it is.
 *
 * Returns: the new rate, units per second
 */
double
axds_progress_smooth_rate (double previous,
                           double units,
                           double seconds)
{
  double instant;

  if (!(seconds > 0.0))
    return MAX (previous, 0.0);
  instant = MAX (units, 0.0) / seconds;
  if (!(previous > 0.0))
    return instant;
  return axds_progress_blend_rate (previous, instant, seconds, RATE_TAU_S);
}

/**
 * axds_progress_blend_rate:
 * @previous: the smoothed rate so far
 * @instant: the rate over the last @seconds
 * @seconds: time since the previous sample
 * @tau_s: the time constant
 *
 * Exponential smoothing for samples at any interval: the weight of @instant grows with the
 * time it covers.
 *
 * Returns: the new smoothed rate
 */
double
axds_progress_blend_rate (double previous,
                          double instant,
                          double seconds,
                          double tau_s)
{
  return previous + (instant - previous) * (1.0 - exp (-seconds / tau_s));
}

/**
 * axds_progress_estimate_time_left:
 * @remaining: units still to process
 * @rate: units per second
 *
 * Returns: seconds left, or -1 when unknown (no rate yet)
 */
double
axds_progress_estimate_time_left (double remaining,
                                  double rate)
{
  if (!(rate > 0.0) || !isfinite (rate) || remaining < 0.0)
    return -1.0;
  return remaining / rate;
}

/**
 * axds_format_time_left:
 * @seconds: seconds left, negative when unknown
 *
 * Returns: (nullable): e.g. “12 s left”, “4 min left”, “1 h 05 min left”; %NULL when unknown
 */
char *
axds_format_time_left (double seconds)
{
  guint s;

  if (!(seconds >= 0.0) || !isfinite (seconds))
    return NULL;
  /* Rounded up: “0 s left” while work remains would be wrong. Ten years at most. */
  s = (guint) MIN (ceil (seconds), 315360000.0);
  if (s < 60)
    /* Translators: time left of a task, in seconds */
    return g_strdup_printf (_("%u s left"), MAX (s, 1u));
  if (s < 3600)
    /* Translators: time left of a task, in minutes */
    return g_strdup_printf (_("%u min left"), (s + 59) / 60);
  /* Translators: time left of a task, in hours and minutes */
  return g_strdup_printf (_("%u h %02u min left"), s / 3600, (s % 3600 + 59) / 60 % 60);
}

/**
 * axds_format_run_time:
 * @seconds: a duration
 *
 * Returns: e.g. “0.4 s”, “12 s”, “3 min 07 s”, “2 h 15 min”
 */
char *
axds_format_run_time (double seconds)
{
  guint s;

  if (!(seconds >= 0.0) || !isfinite (seconds))
    seconds = 0.0;
  if (seconds < 10.0)
    /* Translators: a short duration in seconds, one decimal */
    return g_strdup_printf (_("%.1f s"), seconds);
  s = (guint) MIN (floor (seconds + 0.5), 315360000.0);
  if (s < 60)
    /* Translators: a duration in seconds */
    return g_strdup_printf (_("%u s"), s);
  if (s < 3600)
    /* Translators: a duration in minutes and seconds */
    return g_strdup_printf (_("%u min %02u s"), s / 60, s % 60);
  /* Translators: a duration in hours and minutes */
  return g_strdup_printf (_("%u h %02u min"), s / 3600, s % 3600 / 60);
}

/**
 * axds_format_progress:
 * @phase: (nullable): what the task is doing, e.g. “Copying”
 * @files_done: files done
 * @files_total: files in all, 0 when not known yet
 * @bytes_done: bytes done
 * @bytes_total: bytes in all, 0 when the phase counts no bytes
 * @rate: bytes per second, or files per second when @bytes_total is 0; 0 when unknown
 * @time_left: seconds, negative when unknown
 *
 * Returns: the line under a progress bar, e.g.
 *   “Copying · 12 of 40 files · 1.2 GB of 3.0 GB · 250.0 MB/s · 8 s left”
 */
char *
axds_format_progress (const char *phase,
                      guint64     files_done,
                      guint64     files_total,
                      guint64     bytes_done,
                      guint64     bytes_total,
                      double      rate,
                      double      time_left)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *left = axds_format_time_left (time_left);

  if (phase != NULL && *phase != '\0')
    g_ptr_array_add (parts, g_strdup (phase));
  if (files_total > 0)
    {
      g_autofree char *done = axds_format_count (files_done);
      g_autofree char *total = axds_format_count (files_total);

      /* Translators: files done of files in all, e.g. “12 of 40 files” */
      g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s file",
                                                            "%s of %s files", files_total),
                                               done, total));
    }
  if (bytes_total > 0)
    {
      g_autofree char *done = axds_format_size (bytes_done);
      g_autofree char *total = axds_format_size (bytes_total);

      /* Translators: bytes done of bytes in all, e.g. “1.2 GB of 3.0 GB” */
      g_ptr_array_add (parts, g_strdup_printf (_("%s of %s"), done, total));
    }
  if (rate > 0.0 && isfinite (rate))
    {
      if (bytes_total > 0)
        g_ptr_array_add (parts, axds_format_size_rate (rate));
      else
        /* Translators: a rate in files per second */
        g_ptr_array_add (parts, g_strdup_printf (_("%.0f files/s"), rate));
    }
  if (left != NULL)
    g_ptr_array_add (parts, g_steal_pointer (&left));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

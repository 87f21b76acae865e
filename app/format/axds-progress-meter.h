/* axds-progress-meter.h — fraction, smoothed rate, time left and the text of a progress bar
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * AxdsProgressMeter:
 * @rate: units (bytes or files) per second, exponentially smoothed; 0 while unknown
 *
 * The rate of a long operation, from samples of how far it got. The task rows of the monitor
 * and the progress bars of the axds tool both keep one, so both show the same figures.
 */
typedef struct
{
  double rate;

  /*< private >*/
  gint64 sample_time;   /* monotonic µs of the last sample, 0 before the first */
  double sample_units;
} AxdsProgressMeter;

void    axds_progress_meter_init          (AxdsProgressMeter *self);
void    axds_progress_meter_sample        (AxdsProgressMeter *self,
                                           gint64             now_us,
                                           double             units,
                                           gboolean           new_series);
double  axds_progress_meter_get_time_left (const AxdsProgressMeter *self,
                                           double             remaining);

double  axds_progress_fraction            (guint64            files_done,
                                           guint64            files_total,
                                           guint64            bytes_done,
                                           guint64            bytes_total);
double  axds_progress_smooth_rate         (double             previous,
                                           double             units,
                                           double             seconds);
double  axds_progress_blend_rate          (double             previous,
                                           double             instant,
                                           double             seconds,
                                           double             tau_s);
double  axds_progress_estimate_time_left  (double             remaining,
                                           double             rate);

char   *axds_format_time_left             (double             seconds);
char   *axds_format_run_time              (double             seconds);
char   *axds_format_progress              (const char        *phase,
                                           guint64            files_done,
                                           guint64            files_total,
                                           guint64            bytes_done,
                                           guint64            bytes_total,
                                           double             rate,
                                           double             time_left);

G_END_DECLS

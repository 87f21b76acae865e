/* axds-cli-values.h — printing array values as text and JSON, and summary statistics
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include <axds.h>

G_BEGIN_DECLS

/**
 * AxdsCliStats:
 * @has_nan: a float or complex element is NaN: min, max and mean are NaN too (as in NumPy)
 * @min: the smallest element, raw bytes of the array's dtype
 * @max: the largest element (complex numbers compare real part first, as NumPy sorts them)
 * @mean: the mean (the real part for complex dtypes)
 * @mean_imag: the imaginary part of the mean for complex dtypes
 */
typedef struct
{
  gboolean has_nan;
  guint8   min[16];
  guint8   max[16];
  double   mean;
  double   mean_imag;
} AxdsCliStats;

void  axds_cli_stats_compute       (AxdsDtype            dtype,
                                    gconstpointer        data,
                                    guint64              n_elements,
                                    AxdsCliStats        *stats);
void  axds_cli_stats_add_json      (JsonBuilder         *builder,
                                    AxdsDtype            dtype,
                                    const AxdsCliStats  *stats);
char *axds_cli_stats_format        (AxdsDtype            dtype,
                                    const AxdsCliStats  *stats);

void  axds_cli_element_add_json    (JsonBuilder         *builder,
                                    AxdsDtype            dtype,
                                    gconstpointer        element);
void  axds_cli_values_add_json     (JsonBuilder         *builder,
                                    AxdsDtype            dtype,
                                    guint                ndim,
                                    const guint64       *shape,
                                    gconstpointer        data);
char *axds_cli_values_format       (AxdsDtype            dtype,
                                    guint                ndim,
                                    const guint64       *shape,
                                    gconstpointer        data,
                                    gboolean             summarise);

void  axds_cli_fill_elements       (gpointer             dest,
                                    gconstpointer        element,
                                    gsize                itemsize,
                                    guint64              count);

G_END_DECLS

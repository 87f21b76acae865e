/* axds-history.h — a fixed-capacity ring of timed samples of a few values
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define AXDS_TYPE_HISTORY (axds_history_get_type ())

G_DECLARE_FINAL_TYPE (AxdsHistory, axds_history, AXDS, HISTORY, GObject)

AxdsHistory *axds_history_new           (guint         n_series,
                                         guint         capacity);
guint        axds_history_get_n_series  (AxdsHistory  *self);
guint        axds_history_get_n_samples (AxdsHistory  *self);
guint        axds_history_get_capacity  (AxdsHistory  *self);
void         axds_history_push          (AxdsHistory  *self,
                                         gint64        time_us,
                                         const double *values);
gint64       axds_history_get_time      (AxdsHistory  *self,
                                         guint         index);
double       axds_history_get_value     (AxdsHistory  *self,
                                         guint         index,
                                         guint         series);
gboolean     axds_history_get_range     (AxdsHistory  *self,
                                         gint64        since_us,
                                         double       *min,
                                         double       *max);
void         axds_history_clear         (AxdsHistory  *self);

G_END_DECLS

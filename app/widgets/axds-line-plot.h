/* axds-line-plot.h — an autoscaled line plot of a trace or of a history of values
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "models/axds-history.h"

G_BEGIN_DECLS

#define AXDS_TYPE_LINE_PLOT (axds_line_plot_get_type ())

G_DECLARE_FINAL_TYPE (AxdsLinePlot, axds_line_plot, AXDS, LINE_PLOT, GtkWidget)

GtkWidget   *axds_line_plot_new         (void);
void         axds_line_plot_set_values  (AxdsLinePlot  *self,
                                         const double  *values,
                                         gsize          n_values);
void         axds_line_plot_set_history (AxdsLinePlot  *self,
                                         AxdsHistory   *history,
                                         double         window_seconds);
AxdsHistory *axds_line_plot_get_history (AxdsLinePlot  *self);
void         axds_line_plot_set_window  (AxdsLinePlot  *self,
                                         double         window_seconds);

G_END_DECLS

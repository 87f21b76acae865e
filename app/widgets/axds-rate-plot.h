/* axds-rate-plot.h — a bar chart of messages per second over a log's time span
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define AXDS_TYPE_RATE_PLOT (axds_rate_plot_get_type ())

G_DECLARE_FINAL_TYPE (AxdsRatePlot, axds_rate_plot, AXDS, RATE_PLOT, GtkWidget)

GtkWidget *axds_rate_plot_new          (void);
void       axds_rate_plot_set_counts   (AxdsRatePlot  *self,
                                        const guint64 *counts,
                                        guint          n_bins,
                                        guint64        bin_width_us,
                                        guint64        start_us);
guint      axds_rate_plot_get_n_bins   (AxdsRatePlot  *self);
double     axds_rate_plot_get_max_rate (AxdsRatePlot  *self);

G_END_DECLS

/* axds-plot-axes.h — the axes of the plots: ticks, grid, labels and colours
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define AXDS_PLOT_AXES_MAX_TICKS 12

/* The axes of one drawing of a plot, on the stack of its snapshot(): a y axis of ticks at
 * lo + i × step with a grid line each, and a text under each end of the x axis. */
typedef struct
{
  graphene_rect_t  area;      /* where the data goes, inside the axes */

  /*< private >*/
  GtkWidget       *widget;
  double           lo;
  double           step;
  guint            n_ticks;
  int              label_h;
  PangoLayout     *ticks[AXDS_PLOT_AXES_MAX_TICKS + 1];
  PangoLayout     *left;
  PangoLayout     *right;
} AxdsPlotAxes;

double       axds_plot_axes_nice_step    (double        span,
                                          gboolean      quarters);
double       axds_plot_axes_nice_range   (double       *lo,
                                          double       *hi);
void         axds_plot_axes_get_color    (guint         series,
                                          GdkRGBA      *color);
PangoLayout *axds_plot_axes_create_label (GtkWidget    *widget,
                                          const char   *text);
gboolean     axds_plot_axes_layout       (AxdsPlotAxes *axes,
                                          GtkWidget    *widget,
                                          double        lo,
                                          double        step,
                                          guint         n_ticks,
                                          gboolean      labelled,
                                          const char   *left,
                                          const char   *right);
void         axds_plot_axes_draw         (AxdsPlotAxes *axes,
                                          cairo_t      *cr);
void         axds_plot_axes_draw_caption (AxdsPlotAxes *axes,
                                          cairo_t      *cr,
                                          const char   *text);
void         axds_plot_axes_clear        (AxdsPlotAxes *axes);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AxdsPlotAxes, axds_plot_axes_clear)

G_END_DECLS

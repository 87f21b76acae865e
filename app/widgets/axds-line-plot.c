/* axds-line-plot.c — an autoscaled line plot of a trace or of a history of values
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The plot keeps no state beyond the data it is given and draws everything in snapshot():
 * callers only hand over values and the widget queues a redraw, so at most one draw happens
 * per frame however often data arrives. Lines go through cairo (GskPath needs GTK 4.14);
 * when there are more points than pixel columns, each column is drawn as the span between
 * its smallest and largest value, so a million-point trace costs one pass and a few hundred
 * line segments and no spike is ever hidden.
 *
 * It has no template: it has no children, only drawing.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "format/axds-format.h"
#include "axds-line-plot.h"
#include "axds-plot-axes.h"

#define MIN_SPAN_SECONDS 5.0

struct _AxdsLinePlot
{
  GtkWidget    parent_instance;

  /* Trace mode: a copy of the values, x is the index. */
  double      *values;
  gsize        n_values;

  /* History mode: x is time, the right edge is the newest sample. */
  AxdsHistory *history;
  double       window_seconds;
  double       span_seconds;   /* of the last drawn history axis: up to window_seconds */
};

G_DEFINE_FINAL_TYPE (AxdsLinePlot, axds_line_plot, GTK_TYPE_WIDGET)

static void
draw_trace (AxdsLinePlot *self,
            cairo_t      *cr,
            double        x0,
            double        y0,
            double        width,
            double        height,
            double        lo,
            double        hi)
{
  double sy = height / (hi - lo);
  gsize n = self->n_values;

  if (n == 1)
    {
      double y = y0 + height - (self->values[0] - lo) * sy;
      cairo_move_to (cr, x0, y);
      cairo_line_to (cr, x0 + width, y);
      return;
    }

  if (n <= (gsize)(width * 2))
    {
      gboolean pen_down = FALSE;

      for (gsize i = 0; i < n; i++)
        {
          double v = self->values[i];
          double x = x0 + width * i / (double)(n - 1);
          double y = y0 + height - (v - lo) * sy;

          if (!isfinite (v))
            {
              pen_down = FALSE;
              continue;
            }
          if (pen_down)
            cairo_line_to (cr, x, y);
          else
            cairo_move_to (cr, x, y);
          pen_down = TRUE;
        }
      return;
    }

  /* Min/max decimation, one column per pixel. */
  {
    guint columns = MAX (1, (guint)width);
    gsize start = 0;

    for (guint c = 0; c < columns; c++)
      {
        gsize end = (gsize)((c + 1) * (double)n / columns);
        double cmin = INFINITY, cmax = -INFINITY;
        double x = x0 + c + 0.5;

        for (gsize i = start; i < end && i < n; i++)
          {
            double v = self->values[i];
            if (!isfinite (v))
              continue;
            cmin = MIN (cmin, v);
            cmax = MAX (cmax, v);
          }
        start = end;
        if (cmin > cmax)
          continue;
        if (c == 0)
          cairo_move_to (cr, x, y0 + height - (cmin - lo) * sy);
        else
          cairo_line_to (cr, x, y0 + height - (cmin - lo) * sy);
        cairo_line_to (cr, x, y0 + height - (cmax - lo) * sy);
      }
  }
}

static void
draw_history_series (AxdsLinePlot *self,
                     cairo_t      *cr,
                     guint         series,
                     gint64        newest,
                     double        x0,
                     double        y0,
                     double        width,
                     double        height,
                     double        lo,
                     double        hi)
{
  guint n = axds_history_get_n_samples (self->history);
  double sy = height / (hi - lo);
  double window_us = self->span_seconds * G_USEC_PER_SEC;
  double last_x = -1.0;
  gboolean pen_down = FALSE;

  for (guint i = 0; i < n; i++)
    {
      gint64 t = axds_history_get_time (self->history, i);
      double v = axds_history_get_value (self->history, i, series);
      double x = x0 + width * (1.0 - (newest - t) / window_us);
      double y = y0 + height - (v - lo) * sy;

      if (x < x0 || !isfinite (v))
        {
          pen_down = FALSE;
          continue;
        }
      /* Skip points that land on the same pixel column as the previous one unless they
       * change the line's extent; keeps long histories cheap. */
      if (pen_down && x - last_x < 0.5 && i + 1 < n)
        {
          cairo_line_to (cr, x, y);
          continue;
        }
      if (pen_down)
        cairo_line_to (cr, x, y);
      else
        cairo_move_to (cr, x, y);
      pen_down = TRUE;
      last_x = x;
    }
}

#define MAX_TICKS AXDS_PLOT_AXES_MAX_TICKS

static void
axds_line_plot_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  AxdsLinePlot *self = AXDS_LINE_PLOT (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  g_auto(AxdsPlotAxes) axes = { 0 };
  double lo = INFINITY, hi = -INFINITY, step;
  g_autofree char *left_text = NULL;
  g_autofree char *right_text = NULL;
  guint n_ticks;
  double plot_x, plot_y, plot_w, plot_h;
  gint64 newest = 0;
  gboolean has_history, has_data;
  cairo_t *cr;

  if (width < 32 || height < 32)
    return;

  has_history = self->history != NULL && axds_history_get_n_samples (self->history) > 0;
  has_data = has_history || (self->values != NULL && self->n_values > 0);

  if (has_history)
    {
      gint64 oldest = axds_history_get_time (self->history, 0);

      newest = axds_history_get_time (self->history,
                                      axds_history_get_n_samples (self->history) - 1);
      /* The axis grows with the history until the window is full, then scrolls. */
      self->span_seconds = CLAMP ((newest - oldest) / (double)G_USEC_PER_SEC,
                                  MIN_SPAN_SECONDS, self->window_seconds);
      axds_history_get_range (self->history,
                              newest - (gint64)(self->span_seconds * G_USEC_PER_SEC), &lo, &hi);
      left_text = axds_format_age (self->span_seconds);
      /* Translators: the right end of a time axis */
      right_text = g_strdup (_("now"));
    }
  else if (has_data)
    {
      for (gsize i = 0; i < self->n_values; i++)
        {
          if (!isfinite (self->values[i]))
            continue;
          lo = MIN (lo, self->values[i]);
          hi = MAX (hi, self->values[i]);
        }
      left_text = g_strdup ("0");
      right_text = g_strdup_printf ("%" G_GSIZE_FORMAT, self->n_values - 1);
    }
  else
    {
      left_text = g_strdup ("");
      right_text = g_strdup ("");
    }
  step = axds_plot_axes_nice_range (&lo, &hi);
  n_ticks = (guint)MIN (MAX_TICKS, lround ((hi - lo) / step));
  if (!axds_plot_axes_layout (&axes, widget, lo, step, n_ticks, has_data, left_text, right_text))
    return;
  plot_x = axes.area.origin.x;
  plot_y = axes.area.origin.y;
  plot_w = axes.area.size.width;
  plot_h = axes.area.size.height;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  axds_plot_axes_draw (&axes, cr);

  if (has_data)
    {
      cairo_save (cr);
      cairo_rectangle (cr, plot_x, plot_y - 2, plot_w, plot_h + 4);
      cairo_clip (cr);
      cairo_set_line_width (cr, 2.0);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

      if (has_history)
        {
          guint n_series = axds_history_get_n_series (self->history);

          for (guint k = n_series; k > 0; k--)
            {
              GdkRGBA color;

              axds_plot_axes_get_color (k - 1, &color);
              gdk_cairo_set_source_rgba (cr, &color);
              draw_history_series (self, cr, k - 1, newest, plot_x, plot_y, plot_w, plot_h, lo, hi);
              cairo_stroke (cr);
            }
        }
      else
        {
          GdkRGBA color;

          axds_plot_axes_get_color (0, &color);
          gdk_cairo_set_source_rgba (cr, &color);
          draw_trace (self, cr, plot_x, plot_y, plot_w, plot_h, lo, hi);
          cairo_stroke (cr);
        }
      cairo_restore (cr);
    }

  cairo_destroy (cr);
}

static void
axds_line_plot_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 120;
      *natural = 480;
    }
  else
    {
      *minimum = 100;
      *natural = 240;
    }
}

static void
axds_line_plot_finalize (GObject *object)
{
  AxdsLinePlot *self = (AxdsLinePlot *)object;

  g_clear_pointer (&self->values, g_free);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (axds_line_plot_parent_class)->finalize (object);
}

static void
axds_line_plot_class_init (AxdsLinePlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = axds_line_plot_finalize;

  widget_class->snapshot = axds_line_plot_snapshot;
  widget_class->measure = axds_line_plot_measure;

  gtk_widget_class_set_css_name (widget_class, "lineplot");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
axds_line_plot_init (AxdsLinePlot *self)
{
  self->window_seconds = 120.0;
}

GtkWidget *
axds_line_plot_new (void)
{
  return g_object_new (AXDS_TYPE_LINE_PLOT, NULL);
}

/**
 * axds_line_plot_set_values:
 * @self: a plot
 * @values: (array length=n_values) (nullable): the trace
 * @n_values: how many values
 *
 * Shows a trace (x is the index), leaving history mode.
 */
void
axds_line_plot_set_values (AxdsLinePlot *self,
                           const double *values,
                           gsize         n_values)
{
  g_return_if_fail (AXDS_IS_LINE_PLOT (self));

  g_clear_object (&self->history);
  if (n_values != self->n_values)
    {
      g_clear_pointer (&self->values, g_free);
      self->values = n_values ? g_new (double, n_values) : NULL;
      self->n_values = n_values;
    }
  if (n_values > 0)
    memcpy (self->values, values, n_values * sizeof (double));

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * axds_line_plot_set_history:
 * @self: a plot
 * @history: (nullable): the samples to plot against time
 * @window_seconds: how many seconds before the newest sample to show
 *
 * Shows a history; call gtk_widget_queue_draw() after pushing samples to it.
 */
void
axds_line_plot_set_history (AxdsLinePlot *self,
                            AxdsHistory  *history,
                            double        window_seconds)
{
  g_return_if_fail (AXDS_IS_LINE_PLOT (self));
  g_return_if_fail (!history || AXDS_IS_HISTORY (history));

  g_clear_pointer (&self->values, g_free);
  self->n_values = 0;
  g_set_object (&self->history, history);
  axds_line_plot_set_window (self, window_seconds);
}

AxdsHistory *
axds_line_plot_get_history (AxdsLinePlot *self)
{
  g_return_val_if_fail (AXDS_IS_LINE_PLOT (self), NULL);
  return self->history;
}

void
axds_line_plot_set_window (AxdsLinePlot *self,
                           double        window_seconds)
{
  g_return_if_fail (AXDS_IS_LINE_PLOT (self));

  self->window_seconds = MAX (window_seconds, 1.0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

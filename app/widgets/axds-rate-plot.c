/* axds-rate-plot.c — a bar chart of messages per second over a log's time span
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Drawn as the line plot is, on the same axes (AxdsPlotAxes), data in the palette's blue.
 * Bars are colour nodes rather than cairo, one per bin, or per pixel column when there are
 * more bins than columns (then the column shows its busiest bin, so no burst disappears). */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "format/axds-log-format.h"
#include "axds-plot-axes.h"
#include "axds-rate-plot.h"

#define MAX_TICKS     6

struct _AxdsRatePlot
{
  GtkWidget  parent_instance;

  double    *rates;     /* messages per second, per bin */
  guint      n_bins;
  guint64    bin_width_us;
  guint64    start_us;
};

G_DEFINE_FINAL_TYPE (AxdsRatePlot, axds_rate_plot, GTK_TYPE_WIDGET)

static char *
format_axis_time (guint64 us)
{
  double s = us / (double)G_USEC_PER_SEC;

  if (s < 120.0)
    /* Translators: a time on the axis of the message rate plot, seconds since the onset */
    return g_strdup_printf (_("%.4g s"), s);
  if (s < 7200.0)
    /* Translators: the same in minutes */
    return g_strdup_printf (_("%.1f min"), s / 60.0);
  /* Translators: the same in hours */
  return g_strdup_printf (_("%.1f h"), s / 3600.0);
}

static void
axds_rate_plot_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  AxdsRatePlot *self = AXDS_RATE_PLOT (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_auto(AxdsPlotAxes) axes = { 0 };
  g_autofree char *left_text = NULL;
  g_autofree char *right_text = NULL;
  double hi = 0.0, step;
  guint n_ticks;
  double plot_x, plot_y, plot_w, plot_h;
  GdkRGBA bar;
  cairo_t *cr;

  if (width < 32 || height < 32)
    return;
  axds_plot_axes_get_color (0, &bar);

  for (guint i = 0; i < self->n_bins; i++)
    hi = MAX (hi, self->rates[i]);
  step = axds_plot_axes_nice_step (hi > 0.0 ? hi : 1.0, FALSE);
  hi = MAX (step, ceil (hi / step) * step);
  n_ticks = (guint)MIN (MAX_TICKS, lround (hi / step));

  left_text = self->n_bins > 0 ? format_axis_time (self->start_us) : g_strdup ("");
  right_text = self->n_bins > 0
               ? format_axis_time (self->start_us + self->n_bins * self->bin_width_us)
               : g_strdup ("");
  if (!axds_plot_axes_layout (&axes, widget, 0.0, step, n_ticks, self->n_bins > 0, left_text,
                              right_text))
    return;
  plot_x = axes.area.origin.x;
  plot_y = axes.area.origin.y;
  plot_w = axes.area.size.width;
  plot_h = axes.area.size.height;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  axds_plot_axes_draw (&axes, cr);
  if (self->n_bins > 0)
    /* Translators: the unit of the message rate plot's axis, messages per second */
    axds_plot_axes_draw_caption (&axes, cr, _("messages/s"));
  cairo_destroy (cr);

  if (self->n_bins > 0 && hi > 0.0)
    {
      guint columns = MAX (1, (guint)plot_w);
      gboolean per_column = self->n_bins > columns;
      guint n = per_column ? columns : self->n_bins;
      double slot = plot_w / n;
      /* A gap between bars while they are wide enough to show one. */
      double gap = slot >= 4.0 ? 1.0 : 0.0;

      for (guint i = 0; i < n; i++)
        {
          double value = 0.0, h;

          if (per_column)
            {
              guint start = (guint)((guint64)i * self->n_bins / columns);
              guint end = (guint)((guint64)(i + 1) * self->n_bins / columns);

              for (guint b = start; b < MAX (end, start + 1) && b < self->n_bins; b++)
                value = MAX (value, self->rates[b]);
            }
          else
            value = self->rates[i];
          if (value <= 0.0)
            continue;
          h = MAX (1.0, plot_h * value / hi);
          gtk_snapshot_append_color (snapshot, &bar,
                                     &GRAPHENE_RECT_INIT (plot_x + i * slot, plot_y + plot_h - h,
                                                          MAX (1.0, slot - gap), h));
        }
    }
}

static void
axds_rate_plot_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 120 : 80;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 480 : 120;
}

static void
axds_rate_plot_finalize (GObject *object)
{
  g_free (AXDS_RATE_PLOT (object)->rates);

  G_OBJECT_CLASS (axds_rate_plot_parent_class)->finalize (object);
}

static void
axds_rate_plot_class_init (AxdsRatePlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = axds_rate_plot_finalize;
  widget_class->snapshot = axds_rate_plot_snapshot;
  widget_class->measure = axds_rate_plot_measure;

  gtk_widget_class_set_css_name (widget_class, "rateplot");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
axds_rate_plot_init (AxdsRatePlot *self)
{
}

GtkWidget *
axds_rate_plot_new (void)
{
  return g_object_new (AXDS_TYPE_RATE_PLOT, NULL);
}

/**
 * axds_rate_plot_set_counts:
 * @self: a plot
 * @counts: (array length=n_bins) (nullable): messages per bin; %NULL for none
 * @n_bins: the number of bins
 * @bin_width_us: the width of a bin
 * @start_us: the time of the first bin's start, µs since the onset
 *
 * Shows messages per second: each count over the bin's width.
 */
void
axds_rate_plot_set_counts (AxdsRatePlot  *self,
                           const guint64 *counts,
                           guint          n_bins,
                           guint64        bin_width_us,
                           guint64        start_us)
{
  g_autofree char *label = NULL;
  double peak = 0.0;

  g_return_if_fail (AXDS_IS_RATE_PLOT (self));

  if (counts == NULL || bin_width_us == 0)
    n_bins = 0;
  g_clear_pointer (&self->rates, g_free);
  self->rates = g_new (double, MAX (n_bins, 1));
  self->n_bins = n_bins;
  self->bin_width_us = bin_width_us;
  self->start_us = start_us;
  for (guint i = 0; i < n_bins; i++)
    {
      self->rates[i] = counts[i] * (double)G_USEC_PER_SEC / bin_width_us;
      peak = MAX (peak, self->rates[i]);
    }

  /* Translators: the accessible description of the rate plot; %.0f is its peak */
  label = g_strdup_printf (_("Message rate over time, at most %.0f messages per second"), peak);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
axds_rate_plot_get_n_bins (AxdsRatePlot *self)
{
  g_return_val_if_fail (AXDS_IS_RATE_PLOT (self), 0);
  return self->n_bins;
}

/* The highest rate shown, messages per second. */
double
axds_rate_plot_get_max_rate (AxdsRatePlot *self)
{
  double peak = 0.0;

  g_return_val_if_fail (AXDS_IS_RATE_PLOT (self), 0.0);
  for (guint i = 0; i < self->n_bins; i++)
    peak = MAX (peak, self->rates[i]);
  return peak;
}

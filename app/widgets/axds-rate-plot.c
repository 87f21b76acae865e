/* axds-rate-plot.c — a bar chart of messages per second over a log's time span
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Drawn as the line plot is: grid and axis text in the foreground colour at low alpha (so it
 * follows the dark style), data in the palette's blue. Bars are colour nodes rather than
 * cairo, one per bin, or per pixel column when there are more bins than columns (then the
 * column shows its busiest bin, so no burst disappears). */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "format/axds-format.h"
#include "format/axds-log-format.h"
#include "axds-rate-plot.h"
#include "axds-line-plot.h"

#define MARGIN_TOP    8.0
#define MARGIN_RIGHT 12.0
#define MARGIN_GAP    8.0
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

static double
nice_step (double hi)
{
  double raw = hi / 4.0, magnitude, norm;

  if (!(raw > 0.0))
    return 1.0;
  magnitude = pow (10.0, floor (log10 (raw)));
  norm = raw / magnitude;
  if (norm <= 1.0)
    return magnitude;
  if (norm <= 2.0)
    return 2.0 * magnitude;
  if (norm <= 5.0)
    return 5.0 * magnitude;
  return 10.0 * magnitude;
}

static PangoLayout *
create_label (AxdsRatePlot *self,
              const char   *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (0.8));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

static void
axds_rate_plot_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  AxdsRatePlot *self = AXDS_RATE_PLOT (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  PangoLayout *ticks[MAX_TICKS + 1] = { NULL };
  g_autoptr(PangoLayout) left = NULL;
  g_autoptr(PangoLayout) right = NULL;
  g_autoptr(PangoLayout) unit = NULL;
  g_autofree char *left_text = NULL;
  g_autofree char *right_text = NULL;
  double hi = 0.0, step;
  guint n_ticks;
  int label_w = 0, label_h = 0, left_w, left_h, right_w, right_h, unit_w, unit_h;
  double plot_x, plot_y, plot_w, plot_h;
  GdkRGBA fg, bar;
  cairo_t *cr;

  if (width < 32 || height < 32)
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  axds_line_plot_get_color (0, &bar);

  for (guint i = 0; i < self->n_bins; i++)
    hi = MAX (hi, self->rates[i]);
  step = nice_step (hi > 0.0 ? hi : 1.0);
  hi = MAX (step, ceil (hi / step) * step);
  n_ticks = (guint)MIN (MAX_TICKS, lround (hi / step));

  for (guint i = 0; i <= n_ticks; i++)
    {
      g_autofree char *text = self->n_bins > 0 ? axds_format_value (i * step) : g_strdup ("");
      int w, h;

      ticks[i] = create_label (self, text);
      pango_layout_get_pixel_size (ticks[i], &w, &h);
      label_w = MAX (label_w, w);
      label_h = MAX (label_h, h);
    }
  left_text = self->n_bins > 0 ? axds_format_axis_time (self->start_us) : g_strdup ("");
  right_text = self->n_bins > 0
               ? axds_format_axis_time (self->start_us + self->n_bins * self->bin_width_us)
               : g_strdup ("");
  left = create_label (self, left_text);
  right = create_label (self, right_text);
  /* Translators: the unit of the message rate plot's axis, messages per second */
  unit = create_label (self, _("messages/s"));
  pango_layout_get_pixel_size (left, &left_w, &left_h);
  pango_layout_get_pixel_size (right, &right_w, &right_h);
  pango_layout_get_pixel_size (unit, &unit_w, &unit_h);

  plot_x = label_w + MARGIN_GAP;
  plot_y = MARGIN_TOP + label_h / 2.0;
  plot_w = width - plot_x - MARGIN_RIGHT;
  plot_h = height - plot_y - MAX (left_h, right_h) - MARGIN_GAP / 2;
  if (plot_w < 8 || plot_h < 8)
    goto out;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_line_width (cr, 1.0);
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, fg.alpha * 0.12);
  for (guint i = 0; i <= n_ticks; i++)
    {
      double y = floor (plot_y + plot_h - plot_h * i / (double)n_ticks) + 0.5;
      cairo_move_to (cr, plot_x, y);
      cairo_line_to (cr, plot_x + plot_w, y);
    }
  cairo_stroke (cr);

  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, fg.alpha * 0.55);
  for (guint i = 0; i <= n_ticks; i++)
    {
      double y = plot_y + plot_h - plot_h * i / (double)n_ticks;
      int w, h;

      if (n_ticks > 2 && plot_h / n_ticks < label_h && i % 2 == 1)
        continue;
      pango_layout_get_pixel_size (ticks[i], &w, &h);
      cairo_move_to (cr, plot_x - MARGIN_GAP - w, y - h / 2.0);
      pango_cairo_show_layout (cr, ticks[i]);
    }
  cairo_move_to (cr, plot_x, plot_y + plot_h + MARGIN_GAP / 2);
  pango_cairo_show_layout (cr, left);
  cairo_move_to (cr, plot_x + plot_w - right_w, plot_y + plot_h + MARGIN_GAP / 2);
  pango_cairo_show_layout (cr, right);
  /* The unit between the two times under the axis, where there is room for it. */
  if (self->n_bins > 0 && plot_x + left_w + MARGIN_GAP * 2 + unit_w < plot_x + plot_w - right_w)
    {
      cairo_move_to (cr, (plot_w - unit_w) / 2.0 + plot_x, plot_y + plot_h + MARGIN_GAP / 2);
      pango_cairo_show_layout (cr, unit);
    }
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

out:
  for (guint i = 0; i <= n_ticks; i++)
    g_clear_object (&ticks[i]);
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

/* axds-plot-axes.c — the axes of the plots: ticks, grid, labels and colours
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the line and rate plots share: ticks chosen the way axes are labelled by hand, a
 * faint grid at every tick and the tick values beside it, a text under each end of the
 * x axis, all in the widget's foreground colour at low alpha, so they follow the dark style;
 * data in the GNOME palette. Text is Pango at 0.8 scale with tabular figures, so numbers
 * do not jitter as they change. */

#include "config.h"

#include <math.h>

#include "format/axds-format.h"
#include "axds-plot-axes.h"

#define MARGIN_TOP    8.0
#define MARGIN_RIGHT 12.0
#define MARGIN_GAP    8.0

/* GNOME palette: blue, green, orange, purple, red, yellow, brown, then repeats. */
static const char *palette[] = {
  "#3584e4", "#2ec27e", "#e66100", "#9141ac", "#e01b24", "#f5c211", "#986a44",
};

/**
 * axds_plot_axes_get_color:
 * @series: index of a series
 * @color: (out): its colour
 *
 * The colour of a series; legends use it too.
 */
void
axds_plot_axes_get_color (guint    series,
                          GdkRGBA *color)
{
  gdk_rgba_parse (color, palette[series % G_N_ELEMENTS (palette)]);
}

/**
 * axds_plot_axes_nice_step:
 * @span: the values the axis covers, from its lowest to its highest
 * @quarters: whether 2.5 × 10ⁿ is a step too, besides 1, 2 and 5 × 10ⁿ
 *
 * Returns: the round step that cuts @span into about four bands
 */
double
axds_plot_axes_nice_step (double   span,
                          gboolean quarters)
{
  double raw = span / 4.0, magnitude, norm;

  if (!(raw > 0.0))
    return 1.0;
  magnitude = pow (10.0, floor (log10 (raw)));
  norm = raw / magnitude;
  if (norm <= 1.0)
    return magnitude;
  if (norm <= 2.0)
    return 2.0 * magnitude;
  if (quarters && norm <= 2.5)
    return 2.5 * magnitude;
  if (norm <= 5.0)
    return 5.0 * magnitude;
  return 10.0 * magnitude;
}

/* Widens [lo, hi] to whole multiples of a 1-2-2.5-5 step giving three to five bands, the
 * way axes are labelled by hand (an empty or flat range to one around its value). Returns
 * the step. */
double
axds_plot_axes_nice_range (double *lo,
                           double *hi)
{
  double step;

  if (!isfinite (*lo) || !isfinite (*hi))
    {
      *lo = 0.0;
      *hi = 1.0;
    }
  if (*hi <= *lo)
    {
      double pad = fabs (*lo) > 0 ? fabs (*lo) * 0.1 : 1.0;
      *lo -= pad;
      *hi += pad;
    }

  step = axds_plot_axes_nice_step (*hi - *lo, TRUE);
  *lo = floor (*lo / step) * step;
  *hi = ceil (*hi / step) * step;
  return step;
}

/* Returns: (transfer full): a layout of @text as the axes show text */
PangoLayout *
axds_plot_axes_create_label (GtkWidget  *widget,
                             const char *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (0.8));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

/**
 * axds_plot_axes_layout:
 * @axes: axes to set up, cleared or zeroed
 * @widget: the plot
 * @lo: the value at the bottom of the y axis
 * @step: the value between ticks
 * @n_ticks: how many bands the ticks make (at most %AXDS_PLOT_AXES_MAX_TICKS)
 * @labelled: whether the ticks show their values (not when there is no data)
 * @left: the text under the left end of the x axis
 * @right: the text under its right end
 *
 * Places the axes in @widget: what is left inside them is @axes->area.
 *
 * Returns: whether the area is large enough to draw in
 */
gboolean
axds_plot_axes_layout (AxdsPlotAxes *axes,
                       GtkWidget    *widget,
                       double        lo,
                       double        step,
                       guint         n_ticks,
                       gboolean      labelled,
                       const char   *left,
                       const char   *right)
{
  int label_w = 0, label_h = 0, left_h, right_h;
  double x, y;

  g_return_val_if_fail (n_ticks <= AXDS_PLOT_AXES_MAX_TICKS, FALSE);

  axds_plot_axes_clear (axes);
  axes->widget = widget;
  axes->lo = lo;
  axes->step = step;
  axes->n_ticks = n_ticks;
  for (guint i = 0; i <= n_ticks; i++)
    {
      g_autofree char *text = labelled ? axds_format_value (lo + i * step) : g_strdup ("");
      int w, h;

      axes->ticks[i] = axds_plot_axes_create_label (widget, text);
      pango_layout_get_pixel_size (axes->ticks[i], &w, &h);
      label_w = MAX (label_w, w);
      label_h = MAX (label_h, h);
    }
  axes->label_h = label_h;
  axes->left = axds_plot_axes_create_label (widget, left);
  axes->right = axds_plot_axes_create_label (widget, right);
  pango_layout_get_pixel_size (axes->left, NULL, &left_h);
  pango_layout_get_pixel_size (axes->right, NULL, &right_h);

  x = label_w + MARGIN_GAP;
  y = MARGIN_TOP + label_h / 2.0;
  graphene_rect_init (&axes->area, x, y, gtk_widget_get_width (widget) - x - MARGIN_RIGHT,
                      gtk_widget_get_height (widget) - y - MAX (left_h, right_h) - MARGIN_GAP / 2);
  return axes->area.size.width >= 8 && axes->area.size.height >= 8;
}

static int
layout_width (PangoLayout *layout)
{
  int w;

  pango_layout_get_pixel_size (layout, &w, NULL);
  return w;
}

/**
 * axds_plot_axes_draw:
 * @axes: axes laid out by axds_plot_axes_layout()
 * @cr: where to draw, in the widget's coordinates
 *
 * Draws the grid, the tick values and the texts under the x axis, in the widget's colour.
 */
void
axds_plot_axes_draw (AxdsPlotAxes *axes,
                     cairo_t      *cr)
{
  double plot_x = axes->area.origin.x, plot_y = axes->area.origin.y;
  double plot_w = axes->area.size.width, plot_h = axes->area.size.height;
  GdkRGBA fg;

  gtk_style_context_get_color (gtk_widget_get_style_context (axes->widget), &fg);

  /* Grid at every tick, faint in either style, and the tick values beside it, dimmed like
   * .dim-label. */
  cairo_set_line_width (cr, 1.0);
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, fg.alpha * 0.12);
  for (guint i = 0; i <= axes->n_ticks; i++)
    {
      double y = floor (plot_y + plot_h - plot_h * i / (double)axes->n_ticks) + 0.5;
      cairo_move_to (cr, plot_x, y);
      cairo_line_to (cr, plot_x + plot_w, y);
    }
  cairo_stroke (cr);

  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, fg.alpha * 0.55);
  for (guint i = 0; i <= axes->n_ticks; i++)
    {
      double y = plot_y + plot_h - plot_h * i / (double)axes->n_ticks;
      int w, h;

      /* Skip labels that would overlap on a short plot. */
      if (axes->n_ticks > 2 && plot_h / axes->n_ticks < axes->label_h && i % 2 == 1)
        continue;
      pango_layout_get_pixel_size (axes->ticks[i], &w, &h);
      cairo_move_to (cr, plot_x - MARGIN_GAP - w, y - h / 2.0);
      pango_cairo_show_layout (cr, axes->ticks[i]);
    }
  cairo_move_to (cr, plot_x, plot_y + plot_h + MARGIN_GAP / 2);
  pango_cairo_show_layout (cr, axes->left);
  cairo_move_to (cr, plot_x + plot_w - layout_width (axes->right),
                 plot_y + plot_h + MARGIN_GAP / 2);
  pango_cairo_show_layout (cr, axes->right);
}

/**
 * axds_plot_axes_draw_caption:
 * @axes: axes drawn by axds_plot_axes_draw()
 * @cr: where they were drawn
 * @text: what the x axis shows, such as a unit
 *
 * Draws @text in the middle under the x axis, between the texts at its ends, where there
 * is room for it.
 */
void
axds_plot_axes_draw_caption (AxdsPlotAxes *axes,
                             cairo_t      *cr,
                             const char   *text)
{
  g_autoptr(PangoLayout) caption = axds_plot_axes_create_label (axes->widget, text);
  double plot_x = axes->area.origin.x, plot_w = axes->area.size.width;
  int caption_w = layout_width (caption);

  /* The source is still the text's colour from axds_plot_axes_draw(). */
  if (plot_x + layout_width (axes->left) + MARGIN_GAP * 2 + caption_w <
      plot_x + plot_w - layout_width (axes->right))
    {
      cairo_move_to (cr, (plot_w - caption_w) / 2.0 + plot_x,
                     axes->area.origin.y + axes->area.size.height + MARGIN_GAP / 2);
      pango_cairo_show_layout (cr, caption);
    }
}

/* Frees what axds_plot_axes_layout() made; @axes can be laid out again. */
void
axds_plot_axes_clear (AxdsPlotAxes *axes)
{
  for (guint i = 0; i <= AXDS_PLOT_AXES_MAX_TICKS; i++)
    g_clear_object (&axes->ticks[i]);
  g_clear_object (&axes->left);
  g_clear_object (&axes->right);
  axes->n_ticks = 0;
}

/* test-plots.c — the plot widgets really draw: rendered to a texture, pixels sampled
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "models/axds-colormap.h"
#include "models/axds-history.h"
#include "ui-test-utils.h"
#include "widgets/axds-image-view.h"
#include "widgets/axds-line-plot.h"

#define BLUE  0x3584e4
#define GREEN 0x2ec27e

static GtkWindow *
show_in_window (GtkWidget *child,
                int        width,
                int        height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, width, height);
  gtk_window_set_decorated (window, FALSE);
  gtk_window_set_child (window, child);
  gtk_window_present (window);
  g_assert_true (axds_test_poll_until (ui_widget_ready_cb, child, 10));
  return window;
}

static void
test_trace_draws (void)
{
  GtkWidget *plot = axds_line_plot_new ();
  GtkWindow *window = show_in_window (plot, 400, 240);
  g_autoptr(GdkTexture) empty = NULL;
  g_autoptr(GdkTexture) drawn = NULL;
  double values[500];

  empty = ui_render_widget (plot);
  g_assert_cmpuint (ui_count_pixels (empty, BLUE, 40), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    values[i] = sin (i / 20.0) * 3.0 + 1.0;
  axds_line_plot_set_values (AXDS_LINE_PLOT (plot), values, G_N_ELEMENTS (values));

  drawn = ui_render_widget (plot);
  /* A two-pixel line across about 350 pixels of plot, going up and down. */
  g_assert_cmpuint (ui_count_pixels (drawn, BLUE, 40), >, 500);

  gtk_window_destroy (window);
}

static void
test_trace_decimated (void)
{
  GtkWidget *plot = axds_line_plot_new ();
  GtkWindow *window = show_in_window (plot, 300, 200);
  g_autoptr(GdkTexture) drawn = NULL;
  gsize n = 1000000;
  g_autofree double *values = g_new (double, n);

  /* A million points with one spike: min/max decimation must keep the spike. */
  for (gsize i = 0; i < n; i++)
    values[i] = (i % 1000) / 1000.0;
  values[n / 2] = 100.0;
  axds_line_plot_set_values (AXDS_LINE_PLOT (plot), values, n);

  drawn = ui_render_widget (plot);
  g_assert_cmpuint (ui_count_pixels (drawn, BLUE, 40), >, 100);

  gtk_window_destroy (window);
}

static void
test_history_draws_each_series (void)
{
  GtkWidget *plot = axds_line_plot_new ();
  GtkWindow *window = show_in_window (plot, 400, 240);
  g_autoptr(AxdsHistory) history = axds_history_new (2, 256);
  g_autoptr(GdkTexture) drawn = NULL;

  for (int i = 0; i < 200; i++)
    {
      double values[2] = { sin (i / 10.0), 5.0 + cos (i / 10.0) };
      axds_history_push (history, i * 50000, values);
    }
  axds_line_plot_set_history (AXDS_LINE_PLOT (plot), history, 10.0);

  drawn = ui_render_widget (plot);
  g_assert_cmpuint (ui_count_pixels (drawn, BLUE, 40), >, 200);
  g_assert_cmpuint (ui_count_pixels (drawn, GREEN, 40), >, 200);

  gtk_window_destroy (window);
}

static void
test_image_view_draws (void)
{
  GtkWidget *view = axds_image_view_new ();
  GtkWindow *window = show_in_window (view, 300, 100);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkTexture) drawn = NULL;
  guint16 frame[4 * 4];
  guint32 lut[256];
  int width, height;

  /* A 4 × 4 frame, all at the top of the contrast range: white under the gray map. */
  for (guint i = 0; i < G_N_ELEMENTS (frame); i++)
    frame[i] = 1000;
  axds_colormap_fill_lut (AXDS_COLORMAP_GRAY, lut);
  texture = axds_frame_render_texture (AXDS_DTYPE_UINT16, 4, 4, frame, 0, 1000, lut);
  axds_image_view_set_texture (AXDS_IMAGE_VIEW (view), texture);

  drawn = ui_render_widget (view);
  width = gdk_texture_get_width (drawn);
  height = gdk_texture_get_height (drawn);

  /* Square image centred in a wide widget: white in the middle, nothing drawn at the sides. */
  g_assert_cmphex (ui_pixel_at (drawn, width / 2, height / 2), ==, 0xffffffff);
  g_assert_cmphex (ui_pixel_at (drawn, 2, height / 2) >> 24, ==, 0);
  g_assert_cmpuint (ui_count_pixels (drawn, 0xffffff, 2), >=, (guint)(height * height * 9 / 10));

  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/axds/ui/plots/trace-draws", test_trace_draws);
  g_test_add_func ("/axds/ui/plots/trace-decimated", test_trace_decimated);
  g_test_add_func ("/axds/ui/plots/history-draws-each-series", test_history_draws_each_series);
  g_test_add_func ("/axds/ui/plots/image-view-draws", test_image_view_draws);

  return g_test_run ();
}

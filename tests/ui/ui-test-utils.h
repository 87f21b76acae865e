/* ui-test-utils.h — waiting and pixel sampling shared by the monitor's GTK tests
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "axds-screenshot.h"
#include "axds-test-utils.h"

static gboolean
ui_widget_ready_cb (gpointer data)
{
  GtkWidget *widget = data;

  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

static void
ui_after_paint_cb (GdkFrameClock *clock,
                   guint         *count)
{
  (*count)++;
}

static gboolean
ui_painted_cb (gpointer data)
{
  return *(guint *)data >= 1;
}

/* Waits until the window of @widget painted once more, so what it shows is current. */
G_GNUC_UNUSED static void
ui_wait_painted (GtkWidget *widget)
{
  GdkFrameClock *clock;
  guint count = 0;
  gulong handler;

  g_assert_true (axds_test_poll_until (ui_widget_ready_cb, widget, 10));
  clock = gtk_widget_get_frame_clock (widget);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (ui_after_paint_cb), &count);
  gtk_widget_queue_draw (widget);
  g_assert_true (axds_test_poll_until (ui_painted_cb, &count, 10));
  g_signal_handler_disconnect (clock, handler);
}

/* Renders what @widget draws itself (its snapshot vfunc, without CSS backgrounds and
 * children) at its current size, with its window's renderer. */
G_GNUC_UNUSED static GdkTexture *
ui_render_widget (GtkWidget *widget)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  int width, height;

  ui_wait_painted (widget);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);

  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    node = gsk_container_node_new (NULL, 0);

  return gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                      node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* Counts pixels within @tolerance of @color (opaque 0xRRGGBB). */
G_GNUC_UNUSED static guint
ui_count_pixels (GdkTexture *texture,
                 guint32     color,
                 int         tolerance)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guint8 *pixels = g_malloc ((gsize)width * height * 4);
  int r = (color >> 16) & 0xff, g = (color >> 8) & 0xff, b = color & 0xff;
  guint count = 0;

  /* B8G8R8A8 premultiplied on little-endian machines. */
  gdk_texture_download (texture, pixels, (gsize)width * 4);
  for (gsize i = 0; i < (gsize)width * height; i++)
    {
      const guint8 *p = pixels + i * 4;

      if (p[3] > 200 &&
          ABS (p[2] - r) <= tolerance && ABS (p[1] - g) <= tolerance && ABS (p[0] - b) <= tolerance)
        count++;
    }
  return count;
}

/* The colour of the pixel at (@x, @y) as 0xAARRGGBB. */
G_GNUC_UNUSED static guint32
ui_pixel_at (GdkTexture *texture,
             int         x,
             int         y)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guint8 *pixels = g_malloc ((gsize)width * height * 4);
  const guint8 *p;

  gdk_texture_download (texture, pixels, (gsize)width * 4);
  p = pixels + ((gsize)y * width + x) * 4;
  return ((guint32)p[3] << 24) | ((guint32)p[2] << 16) | ((guint32)p[1] << 8) | p[0];
}

/* With AXDS_TEST_SCREENSHOTS=FOLDER, a case saves what it shows there as NAME.png, to look at. */
G_GNUC_UNUSED static void
ui_maybe_shoot (GtkWidget  *widget,
                const char *name)
{
  const char *folder = g_getenv ("AXDS_TEST_SCREENSHOTS");
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (folder == NULL)
    return;
  /* Past the transitions (crossfade, leaflet): what stays on screen. */
  axds_test_iterate_for (0.5);
  ui_wait_painted (widget);
  file = g_strdup_printf ("%s.png", name);
  path = g_build_filename (folder, file, NULL);
  if (!axds_screenshot_save_widget (widget, path, &error))
    g_test_message ("%s", error->message);
}

/* ui-test-utils.c — setting up, waiting and pixel sampling shared by the monitor's GTK tests
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <unistd.h>

#include "format/axds-i18n.h"
#include "ui-test-utils.h"

/* --- setting up ------------------------------------------------------------------------------ */

/* GTK and libadwaita under the test's display, with the untranslated strings the cases
 * expect. With @demo_prefix, the demo's arrays get names of their own
 * (axds-ui-PREFIX-PID), so parallel tests and a user's demo do not meet. */
void
ui_test_init (int         *argc,
              char      ***argv,
              const char  *demo_prefix)
{
  axds_i18n_init ();
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (argc, argv, NULL);
  adw_init ();

  if (demo_prefix != NULL)
    {
      g_autofree char *prefix = g_strdup_printf ("axds-ui-%s-%d", demo_prefix, (int)getpid ());

      g_setenv ("AXDS_DEMO_PREFIX", prefix, TRUE);
    }
}

/* A window of the tests' size around @page, shown and painted once; the caller destroys it
 * (gtk_window_destroy). */
GtkWindow *
ui_test_show_page (GtkWidget *page)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, 1100, 720);
  gtk_window_set_child (window, page);
  gtk_window_present (window);
  ui_wait_painted (page);
  return window;
}

typedef struct
{
  UiTestDriver driver;
  gpointer     data;
  AxdsWindow  *window;
  gboolean     driven;
} AppRun;

static gboolean
drive_cb (gpointer data)
{
  AppRun *run = data;

  run->driver (run->window, run->data);
  run->driven = TRUE;
  gtk_window_close (GTK_WINDOW (run->window));
  return G_SOURCE_REMOVE;
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window,
                 AppRun         *run)
{
  if (!AXDS_IS_WINDOW (window) || run->window != NULL)
    return;
  run->window = AXDS_WINDOW (window);
  g_idle_add (drive_cb, run);
}

/* Runs the real application @app (with @arg on its command line, when not NULL), calls
 * @driver from an idle once its window is added, then closes the window; asserts that the
 * application returned 0 after the driver ran. @app stays the caller's, to look at after. */
void
ui_test_run_app (AxdsApplication *app,
                 const char      *arg,
                 UiTestDriver     driver,
                 gpointer         data)
{
  AppRun run = { driver, data, NULL, FALSE };
  char *argv[] = { (char *)"axds-monitor", (char *)arg, NULL };
  gulong handler;

  handler = g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), &run);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), arg != NULL ? 2 : 1, argv), ==, 0);
  g_signal_handler_disconnect (app, handler);
  g_assert_true (run.driven);
}

/* --- waiting and looking --------------------------------------------------------------------- */

/* Whether @data, a widget, is on screen with a size: for axds_test_poll_until(). */
gboolean
ui_widget_ready_cb (gpointer data)
{
  GtkWidget *widget = data;

  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

static void
after_paint_cb (GdkFrameClock *clock,
                guint         *count)
{
  (*count)++;
}

static gboolean
painted_cb (gpointer data)
{
  return *(guint *)data >= 1;
}

/* Waits until the window of @widget painted once more, so what it shows is current. */
void
ui_wait_painted (GtkWidget *widget)
{
  GdkFrameClock *clock;
  guint count = 0;
  gulong handler;

  g_assert_true (axds_test_poll_until (ui_widget_ready_cb, widget, 10));
  clock = gtk_widget_get_frame_clock (widget);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &count);
  gtk_widget_queue_draw (widget);
  g_assert_true (axds_test_poll_until (painted_cb, &count, 10));
  g_signal_handler_disconnect (clock, handler);
}

/* Renders what @widget draws itself (its snapshot vfunc, without CSS backgrounds and
 * children) at its current size, with its window's renderer. */
GdkTexture *
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

/* The pixels of @texture, B8G8R8A8 premultiplied on little-endian machines, row after row. */
static guint8 *
download_pixels (GdkTexture *texture,
                 int        *width,
                 int        *height)
{
  guint8 *pixels;

  *width = gdk_texture_get_width (texture);
  *height = gdk_texture_get_height (texture);
  pixels = g_malloc ((gsize)*width * *height * 4);
  gdk_texture_download (texture, pixels, (gsize)*width * 4);
  return pixels;
}

/* Counts pixels within @tolerance of @color (opaque 0xRRGGBB). */
guint
ui_count_pixels (GdkTexture *texture,
                 guint32     color,
                 int         tolerance)
{
  int width, height;
  g_autofree guint8 *pixels = download_pixels (texture, &width, &height);
  int r = (color >> 16) & 0xff, g = (color >> 8) & 0xff, b = color & 0xff;
  guint count = 0;

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
guint32
ui_pixel_at (GdkTexture *texture,
             int         x,
             int         y)
{
  int width, height;
  g_autofree guint8 *pixels = download_pixels (texture, &width, &height);
  const guint8 *p = pixels + ((gsize)y * width + x) * 4;

  return ((guint32)p[3] << 24) | ((guint32)p[2] << 16) | ((guint32)p[1] << 8) | p[0];
}

/* With AXDS_TEST_SCREENSHOTS=FOLDER, a case saves what it shows there as NAME.png, to look at. */
void
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

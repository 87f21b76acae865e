/* axds-screenshot.c — saves PNG screenshots of each page in demo mode
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* `axds-monitor --screenshot=FOLDER` (hidden) starts the demo, then walks through a list of
 * shots: each selects an array, sets the size and style, waits until the view has shown
 * enough updates and saves the window as FOLDER/NAME.png through the window's own renderer.
 * Then the window closes, which stops the demo. The README's screenshots come from here. */

#include "config.h"

#include <adwaita.h>

#include "axds-application.h"
#include "axds-preferences-window.h"
#include "axds-raw-dialog.h"
#include "axds-screenshot.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

typedef struct
{
  const char *file;       /* NAME.png */
  const char *array;      /* suffix of a demo array to select, or NULL for none */
  int         width;
  int         height;
  gboolean    dark;
  gboolean    content;    /* folded: show the view rather than the list */
  const char *colormap;
  guint       min_frames;
  double      settle_s;   /* at least this long after the selection */
  const char *dialog;     /* "preferences", "attach", "shortcuts", "about": that window */
  const char *page;       /* the window's page, NULL for "live" */
} Shot;

/* The first shot is the first run on a machine without arrays; the demo starts after it. */
static const Shot shots[] = {
  { "live-empty",         NULL,          1100, 720, FALSE, FALSE, "gray",     0, 1.0 },
  { "live-camera",        "camera",      1100, 720, FALSE, TRUE,  "gray",    20, 3.0 },
  { "live-wheel",         "wheel",       1100, 720, FALSE, TRUE,  "gray",    60, 2.0 },
  { "live-sensors",       "environment", 1100, 720, FALSE, TRUE,  "gray",     2, 12.0 },
  { "live-lick",          "lick",        1100, 720, FALSE, TRUE,  "gray",    60, 4.0 },
  { "live-camera-dark",   "camera",      1100, 720, TRUE,  TRUE,  "viridis", 20, 3.0 },
  { "live-narrow-list",   NULL,           360, 720, FALSE, FALSE, "gray",     0, 1.0 },
  { "live-narrow-camera", "camera",       360, 720, FALSE, TRUE,  "inferno", 20, 3.0 },
  { "preferences",        "camera",      1100, 720, FALSE, TRUE,  "gray",     0, 1.0,
    "preferences" },
  { "attach",             "camera",      1100, 720, FALSE, TRUE,  "gray",     0, 1.0, "attach" },
  { "shortcuts",          "camera",      1100, 720, TRUE,  TRUE,  "gray",     0, 1.0, "shortcuts" },
  { "about",              "camera",      1100, 720, FALSE, TRUE,  "gray",     0, 1.0, "about" },
  { "pipelines",             NULL,       1100, 720, FALSE, TRUE,  "gray",     0, 4.0, NULL,
    "pipelines" },
  { "pipelines-dark",        NULL,       1100, 720, TRUE,  TRUE,  "gray",     0, 1.5, NULL,
    "pipelines" },
  /* The wide Archives shots come before the narrow ones: back from 360 px, the header's view
   * switcher can stay in its narrow form. */
  { "archives",              NULL,       1100, 720, FALSE, TRUE,  "gray",     0, 3.0, NULL,
    "archives" },
  { "archives-dark",         NULL,       1100, 720, TRUE,  TRUE,  "gray",     0, 1.5, NULL,
    "archives" },
  { "pipelines-narrow-list", NULL,        360, 720, FALSE, FALSE, "gray",     0, 1.5, NULL,
    "pipelines" },
  { "pipelines-narrow-jobs", NULL,        360, 720, FALSE, TRUE,  "gray",     0, 1.5, NULL,
    "pipelines" },
  { "archives-narrow",       NULL,        360, 720, FALSE, TRUE,  "gray",     0, 1.5, NULL,
    "archives" },
  { "archives-narrow-list",  NULL,        360, 720, FALSE, FALSE, "gray",     0, 1.5, NULL,
    "archives" },
};

/* The sample logs' folder, named as acquisition systems name sessions. */
#define SAMPLE_SESSION "2026-11-25-14-03-22-512000"

typedef struct
{
  AxdsWindow *window;
  char       *folder;
  guint       index;
  gint64      started;
  guint       retries;
  gboolean    selected;
  char       *logs;       /* the temporary folder of the Archives shots' sample logs */
} Run;

static void
run_free (Run *run)
{
  g_clear_object (&run->window);
  g_free (run->folder);
  if (run->logs != NULL)
    {
      g_autofree char *session = g_build_filename (run->logs, SAMPLE_SESSION, NULL);
      g_autoptr(GDir) dir = g_dir_open (session, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (session, name, NULL);
          g_remove (path);
        }
      g_rmdir (session);
      g_rmdir (run->logs);
      g_free (run->logs);
    }
  g_free (run);
}

/**
 * axds_screenshot_save_widget:
 * @widget: a realized widget
 * @path: a PNG file to write
 * @error: return location for an error
 *
 * Renders @widget as it is now, with its native's renderer, and saves it.
 *
 * Returns: %TRUE on success
 */
gboolean
axds_screenshot_save_widget (GtkWidget   *widget,
                             const char  *path,
                             GError     **error)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkNative *native = gtk_widget_get_native (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (native == NULL || width <= 0 || height <= 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The widget is not shown");
      return FALSE;
    }

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The widget drew nothing");
      return FALSE;
    }
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (native), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Cannot write %s", path);
      return FALSE;
    }
  return TRUE;
}

static GtkWidget *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return GTK_WIDGET (window);
    }
  return NULL;
}

static void
open_dialog (AxdsWindow *window,
             const char *dialog)
{
  if (g_str_equal (dialog, "preferences"))
    {
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (window));
      g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
    }
  else if (g_str_equal (dialog, "attach"))
    gtk_widget_activate_action (GTK_WIDGET (window), "win.attach-raw", NULL);
  else if (g_str_equal (dialog, "about"))
    {
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (window));
      g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
    }
  else
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static GtkWidget *
find_dialog (const char *dialog)
{
  if (g_str_equal (dialog, "preferences"))
    return find_toplevel (AXDS_TYPE_PREFERENCES_WINDOW);
  if (g_str_equal (dialog, "attach"))
    return find_toplevel (AXDS_TYPE_RAW_DIALOG);
  if (g_str_equal (dialog, "about"))
    return find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  return find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
}

/* One log entry as the data logger writes it: source ID, µs since the onset, payload. */
static gboolean
write_entry (const char    *folder,
             guint8         source,
             guint64        elapsed_us,
             const guint8  *payload,
             gsize          len,
             GError       **error)
{
  g_autofree guint8 *entry = g_malloc (9 + len);
  g_autofree char *name = g_strdup_printf ("%03u_%020" G_GUINT64_FORMAT ".npy", source,
                                           elapsed_us);
  g_autofree char *path = g_build_filename (folder, name, NULL);
  guint64 le = GUINT64_TO_LE (elapsed_us);

  entry[0] = source;
  memcpy (entry + 1, &le, 8);
  if (len > 0)
    memcpy (entry + 9, payload, len);
  return axds_npy_write_u8 (path, entry, 9 + len, error);
}

static gboolean
write_onset (const char  *folder,
             guint8       source,
             guint64      onset_us,
             GError     **error)
{
  guint64 le = GUINT64_TO_LE (onset_us);

  return write_entry (folder, source, 0, (const guint8 *)&le, 8, error);
}

/* A minute of a behaviour session: a wheel encoder sending its displacement at 1 kHz while
 * the animal runs (three bouts), and a lick sensor sending each contact and release, both
 * assembled into archives; the valve's few rewards stay loose entries, as before assembly. */
static gboolean
make_sample_logs (const char  *folder,
                  GError     **error)
{
  g_autoptr(GDateTime) onset_time = g_date_time_new_utc (2026, 11, 25, 14, 3, 22);
  guint64 onset = (guint64)g_date_time_to_unix (onset_time) * G_USEC_PER_SEC + 512000;
  GRand *rand = g_rand_new_with_seed (7);
  gboolean ok = TRUE;
  static const struct { guint64 start_ms, end_ms; } bouts[] = {
    { 4000, 19000 }, { 26500, 38000 }, { 44000, 57500 },
  };

  ok = ok && write_onset (folder, 1, onset, error) && write_onset (folder, 2, onset, error);
  for (guint b = 0; ok && b < G_N_ELEMENTS (bouts); b++)
    for (guint64 ms = bouts[b].start_ms; ok && ms < bouts[b].end_ms; ms++)
      {
        /* module type, module ID, command, event, prototype (int32), pulses */
        guint8 payload[9] = { 2, 1, 0, 51, 5 };
        gint32 pulses = GINT32_TO_LE ((gint32)g_rand_int_range (rand, 3, 12));

        memcpy (payload + 5, &pulses, 4);
        ok = write_entry (folder, 1, ms * 1000 + (guint64)g_rand_int_range (rand, 0, 40),
                          payload, sizeof payload, error);
      }
  for (guint64 us = 8000000; ok && us < 58000000; )
    {
      /* contact and release, as a 12-bit ADC reading */
      guint8 contact[7] = { 4, 1, 0, 51, 4, 0xd2, 0x0e };
      guint8 release[7] = { 4, 1, 0, 51, 4, 0x40, 0x00 };

      ok = write_entry (folder, 2, us, contact, sizeof contact, error) &&
           write_entry (folder, 2, us + 40000 + g_rand_int_range (rand, 0, 20000), release,
                        sizeof release, error);
      /* Licks come in trains at about 7 Hz, with pauses between them. */
      us += g_rand_int_range (rand, 0, 10) == 0 ? g_rand_int_range (rand, 1500000, 4000000)
                                                : g_rand_int_range (rand, 120000, 170000);
    }
  ok = ok && axds_log_assemble_archives (folder, 0, AXDS_LOG_ASSEMBLE_DEFAULT, NULL, NULL, NULL,
                                         error);
  ok = ok && write_onset (folder, 3, onset, error);
  for (guint i = 0; ok && i < 12; i++)
    {
      /* the valve's open time in µs for each reward */
      guint8 payload[9] = { 5, 1, 0, 52, 5 };
      guint32 open_us = GUINT32_TO_LE (35000);

      memcpy (payload + 5, &open_us, 4);
      ok = write_entry (folder, 3, 9000000 + i * 4200000 + g_rand_int_range (rand, 0, 900000),
                        payload, sizeof payload, error);
    }
  g_rand_free (rand);
  return ok;
}

static gboolean
screenshot_step_cb (gpointer user_data)
{
  Run *run = user_data;
  const Shot *shot;
  AxdsLivePage *page;
  AxdsArrayView *view;
  AxdsApplication *app;
  g_autofree char *name = NULL;
  gint64 now = g_get_monotonic_time ();

  if (run->index >= G_N_ELEMENTS (shots))
    {
      gtk_window_close (GTK_WINDOW (run->window));
      return G_SOURCE_REMOVE;
    }

  page = axds_window_get_live_page (run->window);
  view = axds_live_page_get_view (page);
  app = AXDS_APPLICATION (gtk_window_get_application (GTK_WINDOW (run->window)));

  if (run->index == 0 && !run->selected)
    {
      GListModel *model = axds_array_poller_get_model (axds_live_page_get_poller (page));

      /* Only a machine without arrays shows the first-run page. */
      if (g_list_model_get_n_items (model) > 0)
        run->index++;
    }

  if (run->index == 1 && !run->selected &&
      !axds_demo_get_running (axds_application_get_demo (app)))
    {
      g_autoptr(GError) error = NULL;

      /* Not through the application: its toast would be in the pictures. */
      if (!axds_demo_start (axds_application_get_demo (app), &error))
        {
          g_printerr ("axds-monitor: %s\n", error->message);
          run->index = G_N_ELEMENTS (shots);
          return G_SOURCE_CONTINUE;
        }
    }

  shot = &shots[run->index];

  if (!run->selected)
    {
      g_autoptr(GSettings) settings = g_settings_new (APP_ID);

      gtk_window_set_default_size (GTK_WINDOW (run->window), shot->width, shot->height);
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                          shot->dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                     : ADW_COLOR_SCHEME_FORCE_LIGHT);
      g_settings_set_string (settings, "colormap", shot->colormap);

      if (shot->array != NULL)
        {
          name = g_strdup_printf ("%s-%s", axds_demo_get_prefix (axds_application_get_demo (app)),
                                  shot->array);
          /* The arrays appear within one poll of the demo's start. */
          if (!axds_live_page_select (page, name))
            {
              if (now - run->started > 20 * G_USEC_PER_SEC)
                {
                  g_printerr ("axds-monitor: the demo array %s did not appear\n", name);
                  run->index = G_N_ELEMENTS (shots);
                }
              return G_SOURCE_CONTINUE;
            }
          if (shot->content)
            axds_live_page_show_content (page);
        }
      else
        {
          axds_live_page_navigate_back (page);
        }
      axds_window_set_page (run->window, shot->page != NULL ? shot->page : "live");
      if (shot->page != NULL && g_str_equal (shot->page, "pipelines"))
        {
          AxdsPipelinesPage *pipelines = axds_window_get_pipelines_page (run->window);

          /* The demo's trackers are listed within one search of its folder. */
          if (axds_pipelines_page_get_selected_tracker (pipelines) == NULL)
            {
              if (now - run->started > 20 * G_USEC_PER_SEC)
                {
                  g_printerr ("axds-monitor: the demo's trackers did not appear\n");
                  run->index = G_N_ELEMENTS (shots);
                }
              return G_SOURCE_CONTINUE;
            }
          if (shot->content)
            axds_pipelines_page_show_content (pipelines);
          else
            axds_pipelines_page_navigate_back (pipelines);
        }
      if (shot->page != NULL && g_str_equal (shot->page, "archives"))
        {
          AxdsArchivesPage *archives = axds_window_get_archives_page (run->window);

          if (run->logs == NULL)
            {
              g_autoptr(GError) error = NULL;
              g_autofree char *session = NULL;

              run->logs = g_dir_make_tmp ("axds-screenshot-logs-XXXXXX", &error);
              session = run->logs != NULL ? g_build_filename (run->logs, SAMPLE_SESSION, NULL)
                                          : NULL;
              if (session == NULL || g_mkdir (session, 0755) != 0 ||
                  !make_sample_logs (session, &error))
                {
                  g_printerr ("axds-monitor: cannot write the sample logs: %s\n",
                              error != NULL ? error->message : g_strerror (errno));
                  run->index = G_N_ELEMENTS (shots);
                  return G_SOURCE_CONTINUE;
                }
              axds_archives_page_open (archives, session);
              /* Writing them took a while: the wait for them starts now. */
              run->started = g_get_monotonic_time ();
            }
          if (!g_str_equal (axds_archives_page_get_state (archives), "sources"))
            {
              if (now - run->started > 20 * G_USEC_PER_SEC)
                {
                  g_printerr ("axds-monitor: the sample logs did not open\n");
                  run->index = G_N_ELEMENTS (shots);
                }
              return G_SOURCE_CONTINUE;
            }
          axds_archives_page_select_source (archives, 0);
          axds_archives_page_select_message (archives, 2);
          if (shot->content)
            axds_archives_page_show_content (archives);
          else
            axds_archives_page_navigate_back (archives);
        }
      if (shot->dialog != NULL)
        open_dialog (run->window, shot->dialog);
      run->selected = TRUE;
      run->started = now;
      return G_SOURCE_CONTINUE;
    }

  if (now - run->started < shot->settle_s * G_USEC_PER_SEC ||
      (shot->array != NULL && axds_array_view_get_frames (view) < shot->min_frames))
    {
      if (now - run->started < 30 * G_USEC_PER_SEC)
        return G_SOURCE_CONTINUE;
    }

  {
    g_autofree char *file = g_strdup_printf ("%s.png", shot->file);
    g_autofree char *path = g_build_filename (run->folder, file, NULL);
    g_autoptr(GError) error = NULL;
    GtkWidget *target = GTK_WIDGET (run->window);
    GtkWidget *dialog = shot->dialog != NULL ? find_dialog (shot->dialog) : NULL;

    if (dialog != NULL)
      target = dialog;
    if (axds_screenshot_save_widget (target, path, &error))
      {
        g_print ("%s\n", path);
      }
    else if (++run->retries < 20)
      {
        /* Between two frames (a transition, a resize) there may be nothing to render yet. */
        return G_SOURCE_CONTINUE;
      }
    else
      {
        g_printerr ("axds-monitor: %s: %s\n", path, error->message);
      }
    if (dialog != NULL)
      gtk_window_close (GTK_WINDOW (dialog));
  }

  run->index++;
  run->retries = 0;
  run->selected = FALSE;
  run->started = now;
  return G_SOURCE_CONTINUE;
}

/**
 * axds_screenshot_run:
 * @window: the main window, with the demo running
 * @folder: where to save the PNG files
 *
 * Takes the screenshots one after the other from the main loop, then closes @window.
 */
void
axds_screenshot_run (AxdsWindow *window,
                     const char *folder)
{
  Run *run = g_new0 (Run, 1);
  PangoFontMap *fonts = pango_cairo_font_map_get_default ();
  PangoFontFamily **families = NULL;
  int n_families = 0;

  /* Pictures as a GNOME desktop shows the application: its interface font, when installed
   * (Debian: fonts-cantarell). */
  pango_font_map_list_families (fonts, &families, &n_families);
  for (int i = 0; i < n_families; i++)
    if (g_str_equal (pango_font_family_get_name (families[i]), "Cantarell"))
      g_object_set (gtk_settings_get_default (), "gtk-font-name", "Cantarell 11", NULL);
  g_free (families);

  g_mkdir_with_parents (folder, 0755);
  run->window = g_object_ref (window);
  run->folder = g_strdup (folder);
  run->started = g_get_monotonic_time ();
  g_timeout_add_full (G_PRIORITY_DEFAULT, 100, screenshot_step_cb, run, (GDestroyNotify)run_free);
}

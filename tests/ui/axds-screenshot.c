/* axds-screenshot.c — saves PNG screenshots of each page in demo mode
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* `axds-monitor-screenshots FOLDER` starts the demo, then walks through a list of shots: each selects an array, sets the size and style, waits until the view has shown
 * enough updates and saves the window as FOLDER/NAME.png through the window's own renderer.
 * Then the window closes, which stops the demo. The README's and the metainfo's screenshots
 * come from here, through `meson compile screenshots`, which runs it with a fresh home folder:
 * the Tasks shots make their folders in it, and the pages show paths in it as ~/…. */

#include "config.h"

#include <errno.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "axds-window.h"
#include "axds-preferences-window.h"
#include "axds-raw-dialog.h"
#include "axds-screenshot.h"
#include "widgets/axds-task-row.h"

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
  { "loggers",               NULL,       1100, 720, FALSE, TRUE,  "gray",     0, 6.0, NULL,
    "loggers" },
  { "loggers-dark",          NULL,       1100, 720, TRUE,  TRUE,  "gray",     0, 1.5, NULL,
    "loggers" },
  { "loggers-narrow-list",   NULL,        360, 720, FALSE, FALSE, "gray",     0, 1.5, NULL,
    "loggers" },
  { "loggers-narrow",        NULL,        360, 720, FALSE, TRUE,  "gray",     0, 1.5, NULL,
    "loggers" },
  { "tasks-empty",           NULL,       1100, 720, FALSE, FALSE, "gray",     0, 1.0, NULL,
    "tasks" },
  /* Starts the tasks of tasks_prepare(): one is still running in the shots after it. */
  { "tasks",                 NULL,       1100, 720, FALSE, TRUE,  "gray",     0, 5.0, NULL,
    "tasks" },
  { "tasks-dark",            NULL,       1100, 720, TRUE,  TRUE,  "gray",     0, 1.0, NULL,
    "tasks" },
  { "tasks-transfer",        NULL,       1100, 720, FALSE, TRUE,  "gray",     0, 1.0,
    "tasks-transfer", "tasks" },
  { "tasks-delete",          NULL,       1100, 720, FALSE, TRUE,  "gray",     0, 1.0,
    "tasks-delete", "tasks" },
  { "tasks-narrow",          NULL,        360, 720, FALSE, TRUE,  "gray",     0, 3.0, NULL,
    "tasks" },
  { "archives-narrow",       NULL,        360, 720, FALSE, TRUE,  "gray",     0, 1.5, NULL,
    "archives" },
  { "archives-narrow-list",  NULL,        360, 720, FALSE, FALSE, "gray",     0, 1.5, NULL,
    "archives" },
};

/* The made-up folders of the Tasks shots, in the home folder, so that their paths show as
 * ~/acquisition/…: `meson compile screenshots` gives the monitor a fresh home folder. Each is
 * made here and must not exist yet; only what was made here is removed. */
static const char *const tasks_folders[] = { "acquisition", "server" };

/* The sample logs' folder, named as acquisition systems name sessions. */
#define SAMPLE_SESSION "2026-11-25-14-03-22-512000"

typedef struct
{
  AxdsWindow *window;
  AxdsDemo   *demo;
  char       *folder;
  char       *tasks_root;  /* the home folder, once the Tasks shots' folders are in it */
  guint       tasks_made;  /* how many of tasks_folders[] were made (and are removed) */
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
  g_clear_object (&run->demo);
  g_free (run->folder);
  for (guint i = 0; i < run->tasks_made; i++)
    {
      g_autofree char *made = g_build_filename (run->tasks_root, tasks_folders[i], NULL);
      axds_delete_directory (made, NULL, NULL, NULL, NULL);
    }
  g_free (run->tasks_root);
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
  else if (g_str_equal (dialog, "tasks-transfer"))
    {
      AxdsTasksPage *page = axds_window_get_tasks_page (window);
      AxdsTaskDialog *form = axds_tasks_page_new_task (page, AXDS_TASK_KIND_TRANSFER);
      const char *root = g_object_get_data (G_OBJECT (window), "axds-tasks-root");
      g_autofree char *source = g_build_filename (root, "acquisition",
                                                  "2026-11-26-A7-session-3", NULL);
      g_autofree char *destination = g_build_filename (root, "server", "2026-11-26-A7-session-3",
                                                       NULL);

      axds_task_dialog_set_folder (form, source);
      axds_task_dialog_set_destination (form, destination);
    }
  else if (g_str_equal (dialog, "tasks-delete"))
    {
      AxdsTasksPage *page = axds_window_get_tasks_page (window);
      const char *root = g_object_get_data (G_OBJECT (window), "axds-tasks-root");
      g_autofree char *folder = g_build_filename (root, "acquisition", "2026-11-20-A7-pilot",
                                                  NULL);

      axds_tasks_page_confirm_delete (page, folder);
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
  if (g_str_equal (dialog, "tasks-transfer"))
    return find_toplevel (AXDS_TYPE_TASK_DIALOG);
  if (g_str_equal (dialog, "tasks-delete"))
    return find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  return find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
}

/* Writes @n_files files of @size bytes under @folder/@sub, filled with a varied pattern
 * named PREFIX000SUFFIX… (sparse when @sparse: gigabytes cost no disk and take a while to
 * checksum). */
static gboolean
tasks_write_files (const char  *folder,
                   const char  *sub,
                   const char  *prefix,
                   const char  *suffix,
                   guint        n_files,
                   gsize        size,
                   gboolean     sparse,
                   GError     **error)
{
  g_autofree char *dir = g_build_filename (folder, sub, NULL);
  g_autofree guint8 *data = sparse ? NULL : g_malloc (size);

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "Cannot create %s: %s",
                   dir, g_strerror (saved));
      return FALSE;
    }
  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s%03u%s", prefix, i, suffix);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (sparse)
        {
          FILE *file = g_fopen (path, "wb");

          if (file == NULL || fseeko (file, (off_t) size - 1, SEEK_SET) != 0 ||
              fputc (0, file) == EOF || fclose (file) != 0)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Cannot write %s", path);
              return FALSE;
            }
          continue;
        }
      for (gsize j = 0; j < size; j++)
        data[j] = (guint8) ((j * 2654435761u + i * 97u) >> 13);
      if (!g_file_set_contents (path, (const char *) data, (gssize) size, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
tasks_make_session (const char  *root,
                    const char  *name,
                    GError     **error)
{
  g_autofree char *folder = g_build_filename (root, "acquisition", name, NULL);
  g_autofree char *yaml = g_build_filename (folder, "session_data.yaml", NULL);

  return tasks_write_files (folder, "raw_data/camera_frames", "face_camera_", ".npy", 24,
                            384 * 1024, FALSE, error) &&
         tasks_write_files (folder, "raw_data/behavior", "behavior_log_", ".npz", 3,
                            1536 * 1024, FALSE, error) &&
         g_file_set_contents (yaml, "session_name: 2026-11-26-A7\nsession_type: mesoscope\n",
                              -1, error);
}

/* Folders as an acquisition PC holds them, and the tasks a user would run on them: a
 * checksum, a verified transfer to the server, a transfer refused by a dirty destination, a
 * deletion, and a long checksum of a mesoscope session that is still running. */
static gboolean
tasks_prepare (Run     *run,
               GError **error)
{
  AxdsTasksPage *page = axds_window_get_tasks_page (run->window);
  const char *root = g_get_home_dir ();
  g_autofree char *a = NULL, *b = NULL, *b_server = NULL, *c = NULL, *d = NULL;
  g_autofree char *meso = NULL;
  g_autofree char *server = NULL;
  g_autoptr(AxdsTask) checksum = NULL;
  g_autoptr(AxdsTask) transfer = NULL;
  g_autoptr(AxdsTask) dirty = NULL;
  g_autoptr(AxdsTask) removal = NULL;
  g_autoptr(AxdsTask) running = NULL;

  run->tasks_root = g_strdup (root);
  for (; run->tasks_made < G_N_ELEMENTS (tasks_folders); run->tasks_made++)
    {
      g_autofree char *folder = g_build_filename (root, tasks_folders[run->tasks_made], NULL);

      if (g_mkdir (folder, 0755) != 0)
        {
          int saved = errno;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "Cannot create %s: %s",
                       folder, g_strerror (saved));
          return FALSE;
        }
    }
  if (!tasks_make_session (root, "2026-11-24-A7-session-1", error) ||
      !tasks_make_session (root, "2026-11-25-A7-session-2", error) ||
      !tasks_make_session (root, "2026-11-26-A7-session-3", error) ||
      !tasks_make_session (root, "2026-11-20-A7-pilot", error) ||
      !tasks_make_session (root, "2026-11-19-A7-test", error))
    return FALSE;
  meso = g_build_filename (root, "acquisition", "2026-11-26-B2-mesoscope", NULL);
  b_server = g_build_filename (root, "server", "2026-11-25-A7-session-2", NULL);
  if (!tasks_write_files (meso, "raw_data/mesoscope_frames", "plane_", ".tiff", 12,
                          (gsize) 3 << 30, TRUE, error) ||
      !tasks_write_files (b_server, "raw_data/camera_frames", "face_camera_old_", ".npy", 2,
                          4096, FALSE, error))
    return FALSE;

  a = g_build_filename (root, "acquisition", "2026-11-24-A7-session-1", NULL);
  b = g_build_filename (root, "acquisition", "2026-11-25-A7-session-2", NULL);
  c = g_build_filename (root, "acquisition", "2026-11-26-A7-session-3", NULL);
  d = g_build_filename (root, "acquisition", "2026-11-19-A7-test", NULL);
  server = g_build_filename (root, "server", "2026-11-26-A7-session-3", NULL);

  /* Started in this order, they finish in about this order: the history lists the latest
   * first. */
  checksum = axds_task_new_checksum (a, 0, TRUE, NULL);
  transfer = axds_task_new_transfer (c, server, 0, AXDS_TRANSFER_VERIFY_INTEGRITY);
  dirty = axds_task_new_transfer (b, b_server, 0, AXDS_TRANSFER_VERIFY_INTEGRITY);
  removal = axds_task_new_delete (d);
  running = axds_task_new_checksum (meso, 1, FALSE, NULL);
  axds_tasks_page_start_task (page, removal);
  axds_tasks_page_start_task (page, checksum);
  axds_tasks_page_start_task (page, dirty);
  axds_tasks_page_start_task (page, transfer);
  axds_tasks_page_start_task (page, running);
  return TRUE;
}

static gboolean
tasks_ready (Run *run)
{
  AxdsTasksPage *page = axds_window_get_tasks_page (run->window);
  g_autoptr(AxdsTask) task = NULL;

  if (g_list_model_get_n_items (axds_tasks_page_get_history (page)) < 4 ||
      g_list_model_get_n_items (axds_tasks_page_get_running (page)) < 1)
    return FALSE;
  task = g_list_model_get_item (axds_tasks_page_get_running (page), 0);
  if (axds_task_get_fraction (task) <= 0.02 || axds_task_get_rate (task) <= 0.0)
    return FALSE;

  /* The failed transfer shows its error in full. */
  for (guint i = 0; i < g_list_model_get_n_items (axds_tasks_page_get_history (page)); i++)
    {
      g_autoptr(AxdsTask) done = g_list_model_get_item (axds_tasks_page_get_history (page), i);
      GtkWidget *row = axds_tasks_page_get_row (page, done);

      if (axds_task_get_state (done) == AXDS_TASK_STATE_FAILED && row != NULL)
        {
          gtk_expander_set_expanded (axds_task_row_get_error_expander (AXDS_TASK_ROW (row)), TRUE);
        }
    }
  return TRUE;
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
  ok = ok && axds_log_assemble_archives (folder, 0, AXDS_LOG_ASSEMBLE_NONE, NULL, NULL, NULL,
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
  g_autofree char *name = NULL;
  gint64 now = g_get_monotonic_time ();

  /* AXDS_SCREENSHOTS_ONLY=PREFIX takes only the shots whose name starts with it. */
  while (!run->selected && run->index < G_N_ELEMENTS (shots) &&
         g_getenv ("AXDS_SCREENSHOTS_ONLY") != NULL &&
         !g_str_has_prefix (shots[run->index].file, g_getenv ("AXDS_SCREENSHOTS_ONLY")))
    run->index++;

  if (run->index >= G_N_ELEMENTS (shots))
    {
      gtk_window_close (GTK_WINDOW (run->window));
      return G_SOURCE_REMOVE;
    }

  page = axds_window_get_live_page (run->window);
  view = axds_live_page_get_view (page);

  if (run->index == 0 && !run->selected)
    {
      GListModel *model = axds_array_poller_get_model (axds_live_page_get_poller (page));

      /* Only a machine without arrays shows the first-run page. */
      if (g_list_model_get_n_items (model) > 0)
        run->index++;
    }

  if (run->index == 1 && !run->selected &&
      !axds_demo_get_running (run->demo))
    {
      g_autoptr(GError) error = NULL;

      /* Not through the application: its toast would be in the pictures. */
      if (!axds_demo_start (run->demo, &error))
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
          name = g_strdup_printf ("%s-%s", axds_demo_get_prefix (run->demo),
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
            axds_page_show_content (AXDS_PAGE (page));
        }
      else
        {
          axds_page_navigate_back (AXDS_PAGE (page));
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
            axds_page_show_content (AXDS_PAGE (pipelines));
          else
            axds_page_navigate_back (AXDS_PAGE (pipelines));
        }
      if (shot->page != NULL && g_str_equal (shot->page, "loggers"))
        {
          AxdsLoggersPage *loggers = axds_window_get_loggers_page (run->window);
          AxdsDemo *demo = run->demo;

          /* The demo's logger is listed within one reading of the queues; its folder is
           * watched too, to show both. */
          axds_loggers_page_refresh (loggers);
          if (g_list_model_get_n_items (axds_loggers_page_get_folders (loggers)) == 0 &&
              axds_demo_get_log_folder (demo) != NULL)
            axds_loggers_page_watch_folder (loggers, axds_demo_get_log_folder (demo));
          if (!axds_loggers_page_select_logger (loggers, axds_demo_get_prefix (demo)))
            {
              if (now - run->started > 20 * G_USEC_PER_SEC)
                {
                  g_printerr ("axds-monitor: the demo's logger did not appear\n");
                  run->index = G_N_ELEMENTS (shots);
                }
              return G_SOURCE_CONTINUE;
            }
          if (shot->content)
            axds_page_show_content (AXDS_PAGE (loggers));
          else
            axds_page_navigate_back (AXDS_PAGE (loggers));
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
          if (!g_str_equal (axds_page_get_state (AXDS_PAGE (archives)), "sources"))
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
            axds_page_show_content (AXDS_PAGE (archives));
          else
            axds_page_navigate_back (AXDS_PAGE (archives));
        }
      if (shot->page != NULL && g_str_equal (shot->page, "tasks") && shot->content &&
          run->tasks_root == NULL)
        {
          g_autoptr(GError) error = NULL;

          if (!tasks_prepare (run, &error))
            {
              g_printerr ("axds-monitor: %s\n", error->message);
              run->index = G_N_ELEMENTS (shots);
              return G_SOURCE_CONTINUE;
            }
          g_object_set_data_full (G_OBJECT (run->window), "axds-tasks-root",
                                  g_strdup (run->tasks_root), g_free);
        }
      if (shot->dialog != NULL)
        open_dialog (run->window, shot->dialog);
      run->selected = TRUE;
      run->started = now;
      return G_SOURCE_CONTINUE;
    }

  if (now - run->started < shot->settle_s * G_USEC_PER_SEC ||
      (shot->array != NULL && axds_array_view_get_frames (view) < shot->min_frames) ||
      (g_strcmp0 (shot->file, "tasks") == 0 && !tasks_ready (run)) ||
      (shot->dialog != NULL && g_str_has_prefix (shot->dialog, "tasks-") &&
       find_dialog (shot->dialog) == NULL))
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
 * @window: the main window
 * @demo: the application's demo, which the shots start after the first one
 * @folder: where to save the PNG files
 *
 * Takes the screenshots one after the other from the main loop, then closes @window.
 */
void
axds_screenshot_run (AxdsWindow *window,
                     AxdsDemo   *demo,
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
  run->demo = g_object_ref (demo);
  run->folder = g_strdup (folder);
  run->started = g_get_monotonic_time ();
  g_timeout_add_full (G_PRIORITY_DEFAULT, 100, screenshot_step_cb, run, (GDestroyNotify)run_free);
}

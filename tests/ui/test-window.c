/* test-window.c — the monitor's window with the demo acquisition and a Python-made buffer
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Each case runs the real application (g_application_run with --demo) and drives it from an
 * idle callback once its window is added: the driver waits for conditions by iterating the
 * main context with a deadline, then closes the window, and the case checks after the
 * application returned that no process and no segment of the demo is left. */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <sys/types.h>
#include <unistd.h>

#include "axds-application.h"
#include "format/axds-i18n.h"
#include "axds-raw-dialog.h"
#include "axds-window.h"
#include "ui-test-utils.h"

typedef struct
{
  AxdsLivePage *page;
  const char   *name;
} FindData;

static char *prefix;
static GArray *demo_pids;

static char *
demo_name (const char *suffix)
{
  return g_strdup_printf ("%s-%s", prefix, suffix);
}

static gboolean
array_listed_cb (gpointer data)
{
  FindData *find = data;
  return axds_array_poller_find (axds_live_page_get_poller (find->page), find->name, NULL) != NULL;
}

static void
wait_listed (AxdsLivePage *page,
             const char   *name)
{
  FindData find = { page, name };

  if (!axds_test_poll_until (array_listed_cb, &find, 30))
    g_error ("%s did not appear in the list", name);
}

typedef struct
{
  AxdsArrayView *view;
  guint64        frames;
  const char    *kind;
} FramesData;

static gboolean
frames_advanced_cb (gpointer data)
{
  FramesData *f = data;

  return axds_array_view_get_frames (f->view) >= f->frames &&
         g_strcmp0 (axds_array_view_get_kind (f->view), f->kind) == 0;
}

/* Selects @suffix's array and waits until its view has shown @n more updates as @kind. */
static void
select_and_watch (AxdsLivePage *page,
                  const char   *suffix,
                  const char   *kind,
                  guint64       n)
{
  g_autofree char *name = demo_name (suffix);
  AxdsArrayView *view = axds_live_page_get_view (page);
  FramesData data = { view, 0, kind };

  wait_listed (page, name);
  g_assert_true (axds_live_page_select (page, name));
  g_assert_cmpstr (axds_array_item_get_name (axds_array_view_get_item (view)), ==, name);

  data.frames = axds_array_view_get_frames (view) + n;
  if (!axds_test_poll_until (frames_advanced_cb, &data, 30))
    g_error ("the view of %s showed %" G_GUINT64_FORMAT " updates as %s, expected %"
             G_GUINT64_FORMAT, name, axds_array_view_get_frames (view),
             axds_array_view_get_kind (view), data.frames);
}

static void
assert_demo_gone (void)
{
  const char *suffixes[] = { "camera", "wheel", "lick", "trial", "environment" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = demo_name (suffixes[i]);
      g_autofree char *path = g_build_filename ("/dev/shm", name, NULL);

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        g_error ("%s was left behind", path);
    }

  for (guint i = 0; demo_pids != NULL && i < demo_pids->len; i++)
    {
      GPid pid = g_array_index (demo_pids, GPid, i);

      g_assert_cmpint (kill (pid, 0), ==, -1);
      g_assert_cmpint (errno, ==, ESRCH);
    }
  g_clear_pointer (&demo_pids, g_array_unref);
}

static void
run_app (UiTestDriver  driver,
         const char   *extra_arg)
{
  g_autoptr(AxdsApplication) app = axds_application_new (G_APPLICATION_NON_UNIQUE);

  ui_test_run_app (app, extra_arg, driver, NULL);
  g_assert_false (axds_demo_get_running (axds_application_get_demo (app)));
}

static void
remember_pids (AxdsWindow *window)
{
  AxdsApplication *app = AXDS_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)));

  g_clear_pointer (&demo_pids, g_array_unref);
  demo_pids = axds_demo_dup_pids (axds_application_get_demo (app));
  g_assert_cmpuint (demo_pids->len, ==, 3);
}

/* The window opens with the demo, lists its arrays, and each view updates live. */
static void
drive_demo (AxdsWindow *window,
            gpointer    user_data)
{
  AxdsLivePage *page = axds_window_get_live_page (window);
  AxdsArrayView *view = axds_live_page_get_view (page);
  GdkTexture *texture;
  g_autofree char *trial_text = NULL;

  remember_pids (window);
  g_assert_cmpstr (axds_window_get_page (window), ==, "live");

  /* The camera: an image that keeps changing. */
  select_and_watch (page, "camera", "image", 5);
  texture = axds_array_view_get_texture (view);
  g_assert_nonnull (texture);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 512);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 512);

  /* Pause stops the updates, resume restarts them. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-pause", NULL);
  g_assert_true (axds_array_view_get_paused (view));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-pause", NULL);
  g_assert_false (axds_array_view_get_paused (view));
  select_and_watch (page, "camera", "image", 3);

  select_and_watch (page, "wheel", "trace", 5);
  select_and_watch (page, "lick", "values", 5);
  select_and_watch (page, "environment", "values", 1);

  /* The trial counter is an integer: the table shows it without decimals. */
  select_and_watch (page, "trial", "values", 1);
  trial_text = axds_array_view_dup_value_text (view, 0);
  g_assert_nonnull (trial_text);
  g_assert_null (strchr (trial_text, '.'));

  /* The list's rows are real widgets with the array names. */
  g_assert_nonnull (gtk_widget_get_first_child (GTK_WIDGET (axds_live_page_get_list_view (page))));

  /* The size is remembered when the window closes. */
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
}

static void
test_demo (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  run_app (drive_demo, "--demo");
  assert_demo_gone ();

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);
}

typedef struct
{
  const char *prefix;
  gboolean    present;
} SegmentsData;

static gboolean
segments_cb (gpointer data)
{
  SegmentsData *d = data;
  const char *suffixes[] = { "camera", "wheel", "lick", "trial", "environment" };
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strdup_printf ("/dev/shm/%s-%s", d->prefix, suffixes[i]);
      n += g_file_test (path, G_FILE_TEST_EXISTS);
    }
  return d->present ? n == G_N_ELEMENTS (suffixes) : n == 0;
}

/* The monitor itself killed: its producers die with it and take their arrays along. */
static void
test_monitor_crash (void)
{
  const char *monitor = g_getenv ("AXDS_MONITOR");
  g_autofree char *crash_prefix = g_strdup_printf ("%s-crash", prefix);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  SegmentsData data = { crash_prefix, TRUE };

  if (monitor == NULL)
    {
      g_test_skip ("needs AXDS_MONITOR");
      return;
    }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_setenv (launcher, "AXDS_DEMO_PREFIX", crash_prefix, TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, monitor, "--demo", NULL);
  g_assert_no_error (error);

  if (!axds_test_poll_until (segments_cb, &data, 40))
    g_error ("the demo of a separate monitor did not make its arrays");

  g_subprocess_send_signal (process, SIGKILL);
  g_assert_false (g_subprocess_wait_check (process, NULL, NULL));

  data.present = FALSE;
  if (!axds_test_poll_until (segments_cb, &data, 20))
    g_error ("the producers of a killed monitor left their arrays behind");
}

typedef struct
{
  AxdsApplication *app;
  gboolean         exited;
} CrashData;

static void
producer_exited_cb (AxdsDemo   *demo,
                    const char *kind,
                    CrashData  *data)
{
  if (g_str_equal (kind, "camera"))
    data->exited = TRUE;
}

static gboolean
crash_seen_cb (gpointer data)
{
  return ((CrashData *)data)->exited;
}

/* A producer that dies without cleaning up still leaves nothing behind. */
static void
drive_crash (AxdsWindow *window,
             gpointer    user_data)
{
  AxdsApplication *app = AXDS_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)));
  AxdsLivePage *page = axds_window_get_live_page (window);
  CrashData data = { app, FALSE };
  g_autofree char *camera = demo_name ("camera");
  g_autofree char *path = g_build_filename ("/dev/shm", camera, NULL);
  gulong handler;

  remember_pids (window);
  select_and_watch (page, "camera", "image", 2);

  handler = g_signal_connect (axds_application_get_demo (app), "producer-exited",
                              G_CALLBACK (producer_exited_cb), &data);
  /* The camera producer is the first one started. */
  g_assert_cmpint (kill (g_array_index (demo_pids, GPid, 0), SIGKILL), ==, 0);
  g_assert_true (axds_test_poll_until (crash_seen_cb, &data, 20));
  g_signal_handler_disconnect (axds_application_get_demo (app), handler);

  /* Killed, it could not destroy its segment. */
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_producer_crash (void)
{
  run_app (drive_crash, "--demo");
  assert_demo_gone ();
}

typedef struct
{
  AxdsArrayView *view;
  const char    *name;
  guint64        n_elements;
} FollowData;

static gboolean
followed_cb (gpointer data)
{
  FollowData *f = data;
  AxdsArrayItem *item = axds_array_view_get_item (f->view);

  return item != NULL && g_strcmp0 (axds_array_item_get_name (item), f->name) == 0 &&
         axds_array_item_get_n_elements (item) == f->n_elements &&
         axds_array_view_get_frames (f->view) > 0;
}

/* An array made again under the same name (a producer restarting) stays on screen. */
static void
drive_follow (AxdsWindow *window,
              gpointer    user_data)
{
  AxdsLivePage *page = axds_window_get_live_page (window);
  AxdsArrayView *view = axds_live_page_get_view (page);
  g_autofree char *name = demo_name ("follow");
  g_autoptr(AxdsSharedArray) first = NULL;
  g_autoptr(AxdsSharedArray) second = NULL;
  g_autoptr(GError) error = NULL;
  guint64 four = 4, five = 5;
  FollowData data = { view, name, 4 };

  first = axds_shared_array_create (name, AXDS_DTYPE_FLOAT64, 1, &four, NULL, 0,
                                    AXDS_SHARED_ARRAY_CREATE_NONE, &error);
  g_assert_no_error (error);
  wait_listed (page, name);
  g_assert_true (axds_live_page_select (page, name));
  g_assert_true (axds_test_poll_until (followed_cb, &data, 30));

  g_assert_true (axds_shared_array_destroy (first, FALSE, &error));
  second = axds_shared_array_create (name, AXDS_DTYPE_FLOAT64, 1, &five, NULL, 0,
                                     AXDS_SHARED_ARRAY_CREATE_NONE, &error);
  g_assert_no_error (error);
  data.n_elements = 5;
  g_assert_true (axds_test_poll_until (followed_cb, &data, 30));

  g_assert_true (axds_shared_array_destroy (second, FALSE, &error));
}

static void
test_follow_recreated (void)
{
  run_app (drive_follow, NULL);
}

typedef struct
{
  AxdsArrayView *view;
  guint          index;
  const char    *text;
} ValueData;

static gboolean
value_shown_cb (gpointer data)
{
  ValueData *v = data;
  g_autofree char *text = axds_array_view_dup_value_text (v->view, v->index);

  return g_strcmp0 (text, v->text) == 0;
}

static AxdsRawDialog *
find_raw_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (AXDS_IS_RAW_DIALOG (window))
        return AXDS_RAW_DIALOG (window);
    }
  return NULL;
}

/* Attach to a buffer made by NumPy through multiprocessing.shared_memory. */
static void
drive_raw (AxdsWindow *window,
           gpointer    user_data)
{
  AxdsLivePage *page = axds_window_get_live_page (window);
  AxdsArrayView *view = axds_live_page_get_view (page);
  const char *python = g_getenv ("AXDS_PYTHON");
  const char *peer = g_getenv ("AXDS_UI_RAW_PEER");
  g_autofree char *name = g_strdup_printf ("axds-ui-raw-%d", (int)getpid ());
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  GOutputStream *in;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  AxdsRawDialog *dialog;
  ValueData data = { view, 0, "1.5" };

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                              &error, python, peer, name, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  in = g_subprocess_get_stdin_pipe (process);
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "ready");

  /* Through the window's action and dialog, as a user would. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.attach-raw", NULL);
  dialog = find_raw_dialog ();
  g_assert_nonnull (dialog);
  axds_raw_dialog_fill (dialog, name, "<f8", "4");
  g_assert_true (axds_raw_dialog_attach (dialog, &error));
  g_assert_no_error (error);
  gtk_window_close (GTK_WINDOW (dialog));

  /* Selected and shown as a small array: its values, then a change made in Python. */
  g_assert_cmpstr (axds_array_item_get_name (axds_array_view_get_item (view)), ==, name);
  g_assert_true (axds_array_item_get_is_raw (axds_array_view_get_item (view)));
  g_assert_true (axds_test_poll_until (value_shown_cb, &data, 20));
  data.index = 3;
  data.text = "4.5";
  g_assert_true (axds_test_poll_until (value_shown_cb, &data, 20));

  g_assert_true (g_output_stream_write_all (in, "set 2 -7.25\n", 12, NULL, NULL, &error));
  g_assert_no_error (error);
  g_free (line);
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_cmpstr (line, ==, "ok");
  data.index = 2;
  data.text = "-7.25";
  g_assert_true (axds_test_poll_until (value_shown_cb, &data, 20));

  /* A wrong shape for the buffer is refused with a message, not a crash. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.attach-raw", NULL);
  dialog = find_raw_dialog ();
  axds_raw_dialog_fill (dialog, name, "<f8", "4096");
  g_assert_false (axds_raw_dialog_attach (dialog, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  gtk_window_close (GTK_WINDOW (dialog));

  g_output_stream_write_all (in, "done\n", 5, NULL, NULL, NULL);
  g_assert_true (g_subprocess_wait_check (process, NULL, &error));
  g_assert_no_error (error);
}

static void
test_raw_attach (void)
{
  if (g_getenv ("AXDS_PYTHON") == NULL || g_getenv ("AXDS_UI_RAW_PEER") == NULL)
    {
      g_test_skip ("needs AXDS_PYTHON with numpy and AXDS_UI_RAW_PEER");
      return;
    }
  run_app (drive_raw, NULL);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  ui_test_init (&argc, &argv, "test");
  prefix = g_strdup (g_getenv ("AXDS_DEMO_PREFIX"));

  g_test_add_func ("/axds/ui/window/demo", test_demo);
  g_test_add_func ("/axds/ui/window/producer-crash", test_producer_crash);
  g_test_add_func ("/axds/ui/window/monitor-crash", test_monitor_crash);
  g_test_add_func ("/axds/ui/window/raw-attach", test_raw_attach);
  g_test_add_func ("/axds/ui/window/follow-recreated", test_follow_recreated);

  status = g_test_run ();
  g_free (prefix);
  return status;
}

/* test-pipelines.c — the Pipelines page on trackers written by the library and by other
 * processes
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Each case makes a folder of trackers with the library, shows the page in a window under the
 * test's X server, and acts as a user would (the page's actions, the Mark Failed dialog).
 * What the actions did is checked twice: on disk, read back by a separate AxdsTracker, and in
 * the view, in the text of the cells the column view shows. Changes made behind the page's
 * back (by this process through the library, and by the demo's pipeline producer) must show
 * within a deadline; the waits iterate the main context and never sleep for a fixed time. */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/types.h>
#include <unistd.h>

#include "axds-application.h"
#include "axds-test-utils.h"
#include "format/axds-i18n.h"
#include "axds-screenshot.h"
#include "axds-window.h"
#include "demo/axds-demo-pipeline.h"
#include "pages/axds-pipelines-page.h"
#include "ui-test-utils.h"

/* Changes behind the page's back must show within this long. */
#define LATENCY_LIMIT_S 1.0

typedef struct
{
  char              *folder;
  char              *path;        /* session-1's tracker */
  char             **ids;         /* its jobs, in the order made */
  GtkWindow         *window;
  AxdsPipelinesPage *page;
} Fixture;

static const char *job_names[] = { "registration", "registration", "roi-detection", "checksum" };
static const char *job_specifiers[] = { "plane-0", "plane-1", "plane-0", "" };

static AxdsTracker *
open_tracker (const char *path)
{
  return axds_tracker_new (path);
}

static AxdsProcessingStatus
status_on_disk (const char *path,
                const char *id)
{
  /* A fresh object each time: nothing cached, what the file says. */
  g_autoptr(AxdsTracker) tracker = open_tracker (path);
  g_autoptr(GError) error = NULL;
  AxdsProcessingStatus status = AXDS_PROCESSING_STATUS_SCHEDULED;

  g_assert_true (axds_tracker_get_job_status (tracker, id, &status, &error));
  g_assert_no_error (error);
  return status;
}

static void
make_tracker (const char   *path,
              char       ***ids_out)
{
  g_autoptr(AxdsTracker) tracker = open_tracker (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  char **ids;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  ids = axds_tracker_initialize_jobs (tracker, job_names, job_specifiers,
                                      G_N_ELEMENTS (job_names), &error);
  g_assert_no_error (error);
  /* registration plane-0 succeeded, plane-1 and roi-detection failed, checksum waits. */
  g_assert_true (axds_tracker_start_job (tracker, ids[0], "slurm:101", &error));
  g_assert_true (axds_tracker_complete_job (tracker, ids[0], &error));
  g_assert_true (axds_tracker_start_job (tracker, ids[1], "slurm:102", &error));
  g_assert_true (axds_tracker_fail_job (tracker, ids[1], "RuntimeError: no convergence\n"
                                        "  after 50 iterations", &error));
  g_assert_true (axds_tracker_start_job (tracker, ids[2], "slurm:103", &error));
  g_assert_true (axds_tracker_fail_job (tracker, ids[2], "MemoryError", &error));
  g_assert_no_error (error);
  if (ids_out != NULL)
    *ids_out = ids;
  else
    g_strfreev (ids);
}

static gboolean
state_is_cb (gpointer data)
{
  Fixture *fixture = data;
  return g_str_equal (axds_page_get_state (AXDS_PAGE (fixture->page)), "trackers");
}

static gboolean
jobs_loaded_cb (gpointer data)
{
  Fixture *fixture = data;
  AxdsTrackerItem *item = axds_pipelines_page_get_selected_tracker (fixture->page);

  return item != NULL && axds_tracker_item_get_loaded (item) &&
         g_list_model_get_n_items (axds_tracker_item_get_jobs (item)) == G_N_ELEMENTS (job_names);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->folder = axds_test_dir_new ("pipelines");
  fixture->path = g_build_filename (fixture->folder, "mouse-1", "session-1",
                                    "processing_tracker.yaml", NULL);
  make_tracker (fixture->path, &fixture->ids);

  fixture->page = AXDS_PIPELINES_PAGE (axds_pipelines_page_new ());
  fixture->window = ui_test_show_page (GTK_WIDGET (fixture->page));

  axds_pipelines_page_open_folder (fixture->page, fixture->folder, TRUE);
  g_assert_true (axds_test_poll_until (state_is_cb, fixture, 10));
  g_assert_true (axds_pipelines_page_select_tracker (fixture->page, fixture->path));
  g_assert_true (axds_test_poll_until (jobs_loaded_cb, fixture, 10));
  ui_wait_painted (GTK_WIDGET (fixture->page));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  axds_test_dir_free (fixture->folder);
  g_free (fixture->path);
  g_strfreev (fixture->ids);
}

/* The text of the cells the column view shows, with a style class, in the order shown. */
static void
collect_labels (GtkWidget  *widget,
                const char *css_class,
                GPtrArray  *texts)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, css_class) &&
          gtk_widget_get_mapped (child))
        g_ptr_array_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (child))));
      collect_labels (child, css_class, texts);
    }
}

static void
collect_widgets (GtkWidget  *widget,
                 const char *css_class,
                 GPtrArray  *widgets)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (gtk_widget_has_css_class (child, css_class) && gtk_widget_get_mapped (child))
        g_ptr_array_add (widgets, child);
      collect_widgets (child, css_class, widgets);
    }
}

static guint
count_shown (Fixture    *fixture,
             const char *css_class,
             const char *text)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  guint n = 0;

  collect_labels (GTK_WIDGET (axds_pipelines_page_get_column_view (fixture->page)), css_class,
                  texts);
  for (guint i = 0; i < texts->len; i++)
    n += g_str_equal (g_ptr_array_index (texts, i), text);
  return n;
}

typedef struct
{
  Fixture    *fixture;
  const char *text;
  guint       count;
} ShownData;

static gboolean
shown_cb (gpointer data)
{
  ShownData *shown = data;
  return count_shown (shown->fixture, "job-status", shown->text) == shown->count;
}

static void
assert_shown (Fixture    *fixture,
              const char *status_text,
              guint       count)
{
  ShownData shown = { fixture, status_text, count };

  if (!axds_test_poll_until (shown_cb, &shown, 5))
    g_error ("the view shows %u jobs “%s”, expected %u",
             count_shown (fixture, "job-status", status_text), status_text, count);
}

typedef struct
{
  Fixture    *fixture;
  const char *toast;
} ToastData;

static gboolean
toast_cb (gpointer data)
{
  ToastData *toast = data;
  return g_strcmp0 (axds_page_get_last_toast (AXDS_PAGE (toast->fixture->page)), toast->toast) == 0;
}

static void
assert_toast (Fixture    *fixture,
              const char *text)
{
  ToastData toast = { fixture, text };

  if (!axds_test_poll_until (toast_cb, &toast, 10))
    g_error ("the last toast is “%s”, expected “%s”",
             axds_page_get_last_toast (AXDS_PAGE (fixture->page)), text);
}

static AxdsTrackerJob *
shown_job (Fixture    *fixture,
           const char *id)
{
  return axds_tracker_item_find_job (axds_pipelines_page_get_selected_tracker (fixture->page), id);
}

/* Activates an action of the page as a button or shortcut would: only while it is enabled. */
static void
activate (Fixture    *fixture,
          const char *name)
{
  if (!axds_page_get_action_enabled (AXDS_PAGE (fixture->page), name))
    g_error ("%s is disabled", name);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), name, NULL));
}

/* The case: failed jobs, Retry failed, SCHEDULED on disk and in the view. */
static void
test_retry_failed (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *remembered = g_settings_get_string (settings, "pipelines-folder");

  g_assert_cmpstr (remembered, ==, fixture->folder);
  assert_shown (fixture, "Failed", 2);
  assert_shown (fixture, "Succeeded", 1);
  assert_shown (fixture, "Scheduled", 1);

  activate (fixture, "pipelines.retry-failed");
  assert_toast (fixture, "2 failed jobs scheduled again");

  /* On disk, read by another tracker object. */
  g_assert_cmpint (status_on_disk (fixture->path, fixture->ids[1]), ==,
                   AXDS_PROCESSING_STATUS_SCHEDULED);
  g_assert_cmpint (status_on_disk (fixture->path, fixture->ids[2]), ==,
                   AXDS_PROCESSING_STATUS_SCHEDULED);
  g_assert_cmpint (status_on_disk (fixture->path, fixture->ids[0]), ==,
                   AXDS_PROCESSING_STATUS_SUCCEEDED);

  /* In the model and on screen. */
  g_assert_cmpint (axds_tracker_job_get_status (shown_job (fixture, fixture->ids[1])), ==,
                   AXDS_PROCESSING_STATUS_SCHEDULED);
  g_assert_cmpint (axds_tracker_job_get_status (shown_job (fixture, fixture->ids[2])), ==,
                   AXDS_PROCESSING_STATUS_SCHEDULED);
  ui_wait_painted (GTK_WIDGET (fixture->page));
  assert_shown (fixture, "Scheduled", 3);
  assert_shown (fixture, "Failed", 0);
  ui_maybe_shoot (GTK_WIDGET (fixture->window), "test-retried");

  /* Nothing is left to retry: the action is off. */
  g_assert_false (axds_page_get_action_enabled (AXDS_PAGE (fixture->page),
                                                 "pipelines.retry-failed"));
}

typedef struct
{
  Fixture              *fixture;
  const char           *id;
  AxdsProcessingStatus  status;
} StatusData;

static gboolean
job_status_cb (gpointer data)
{
  StatusData *d = data;
  AxdsTrackerJob *job = shown_job (d->fixture, d->id);

  return job != NULL && axds_tracker_job_get_status (job) == d->status;
}

static gboolean
duration_ticked_cb (gpointer data)
{
  Fixture *fixture = data;

  return count_shown (fixture, "job-duration", "0:01") +
         count_shown (fixture, "job-duration", "0:02") +
         count_shown (fixture, "job-duration", "0:03") > 0;
}

/* Another writer changes the file; the view follows within the limit. */
static void
test_external_change (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(AxdsTracker) tracker = open_tracker (fixture->path);
  g_autoptr(GError) error = NULL;
  StatusData running = { fixture, fixture->ids[3], AXDS_PROCESSING_STATUS_RUNNING };
  StatusData failed = { fixture, fixture->ids[3], AXDS_PROCESSING_STATUS_FAILED };
  gint64 start;
  double latency;

  start = g_get_monotonic_time ();
  g_assert_true (axds_tracker_start_job (tracker, fixture->ids[3], "pid:1", &error));
  g_assert_no_error (error);
  g_assert_true (axds_test_poll_until (job_status_cb, &running, 5));
  latency = (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC;
  g_test_message ("a start showed after %.3f s", latency);
  g_assert_cmpfloat (latency, <, LATENCY_LIMIT_S);
  assert_shown (fixture, "Running", 1);

  /* Its duration ticks while it runs (the others are fixed or empty). */
  if (!axds_test_poll_until (duration_ticked_cb, fixture, 5))
    g_error ("the duration of a running job did not tick");

  start = g_get_monotonic_time ();
  g_assert_true (axds_tracker_fail_job (tracker, fixture->ids[3], "killed", &error));
  g_assert_true (axds_test_poll_until (job_status_cb, &failed, 5));
  latency = (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC;
  g_test_message ("a failure showed after %.3f s", latency);
  g_assert_cmpfloat (latency, <, LATENCY_LIMIT_S);
  assert_shown (fixture, "Failed", 3);
}

typedef struct
{
  Fixture    *fixture;
  const char *path;
  gboolean    present;
} ListedData;

static gboolean
listed_cb (gpointer data)
{
  ListedData *d = data;
  AxdsTrackerList *list = axds_pipelines_page_get_trackers (d->fixture->page);

  return (axds_tracker_list_find (list, d->path, NULL) != NULL) == d->present;
}

/* A tracker made in a new subfolder is listed, a deleted one goes. */
static void
test_new_tracker (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->folder, "mouse-2", "session-9",
                                            "other_tracker.yml", NULL);
  ListedData added = { fixture, path, TRUE };
  ListedData removed = { fixture, path, FALSE };
  AxdsTrackerItem *item;

  make_tracker (path, NULL);
  g_assert_true (axds_test_poll_until (listed_cb, &added, 5));
  item = axds_tracker_list_find (axds_pipelines_page_get_trackers (fixture->page), path, NULL);
  g_assert_cmpstr (axds_tracker_item_get_title (item), ==, "mouse-2/session-9");

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_true (axds_test_poll_until (listed_cb, &removed, 5));
  /* The selected tracker stayed selected. */
  g_assert_cmpstr (axds_tracker_item_get_path (
                     axds_pipelines_page_get_selected_tracker (fixture->page)), ==,
                   fixture->path);
}

static AdwMessageDialog *
find_message_dialog (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), heading) == 0)
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static void
clipboard_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

static gboolean
string_set_cb (gpointer data)
{
  return *(char **)data != NULL;
}

/* Retry and Reset the selected jobs, Mark failed… with a message, Copy job ID. */
static void
test_selected_actions (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *page = GTK_WIDGET (fixture->page);
  const char *succeeded_and_failed[] = { fixture->ids[0], fixture->ids[1], NULL };
  const char *succeeded[] = { fixture->ids[0], NULL };
  const char *waiting[] = { fixture->ids[3], NULL };
  g_autoptr(AxdsTracker) tracker = NULL;
  g_autoptr(AxdsTrackerJob) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *copied = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  /* Retry of a succeeded and a failed job touches only the failed one. */
  g_assert_cmpuint (axds_pipelines_page_select_jobs (fixture->page, succeeded_and_failed), ==, 2);
  activate (fixture, "pipelines.retry-selected");
  assert_toast (fixture, "1 failed job scheduled again");
  g_assert_cmpint (status_on_disk (fixture->path, fixture->ids[1]), ==,
                   AXDS_PROCESSING_STATUS_SCHEDULED);
  g_assert_cmpint (status_on_disk (fixture->path, fixture->ids[0]), ==,
                   AXDS_PROCESSING_STATUS_SUCCEEDED);
  g_assert_cmpint (status_on_disk (fixture->path, fixture->ids[2]), ==,
                   AXDS_PROCESSING_STATUS_FAILED);

  /* Reset takes any status back to scheduled. */
  g_assert_cmpuint (axds_pipelines_page_select_jobs (fixture->page, succeeded), ==, 1);
  activate (fixture, "pipelines.reset-selected");
  assert_toast (fixture, "1 job reset");
  g_assert_cmpint (status_on_disk (fixture->path, fixture->ids[0]), ==,
                   AXDS_PROCESSING_STATUS_SCHEDULED);
  assert_shown (fixture, "Succeeded", 0);

  /* Mark failed… asks for a message. */
  g_assert_cmpuint (axds_pipelines_page_select_jobs (fixture->page, waiting), ==, 1);
  activate (fixture, "pipelines.mark-failed");
  dialog = find_message_dialog ("Mark Jobs Failed?");
  g_assert_nonnull (dialog);
  entry = adw_message_dialog_get_extra_child (dialog);
  g_assert_true (GTK_IS_EDITABLE (entry));
  ui_maybe_shoot (GTK_WIDGET (dialog), "test-mark-failed");
  gtk_editable_set_text (GTK_EDITABLE (entry), "Raw data moved to the archive");
  adw_message_dialog_response (dialog, "mark");
  assert_toast (fixture, "1 job marked failed");
  tracker = open_tracker (fixture->path);
  info = axds_tracker_dup_job_info (tracker, fixture->ids[3], &error);
  g_assert_no_error (error);
  g_assert_cmpint (axds_tracker_job_get_status (info), ==, AXDS_PROCESSING_STATUS_FAILED);
  g_assert_cmpstr (axds_tracker_job_get_error_message (info), ==,
                   "Raw data moved to the archive");
  g_assert_cmpuint (count_shown (fixture, "job-error", "Raw data moved to the archive"), ==, 1);

  /* Copy job ID. */
  activate (fixture, "pipelines.copy-job-id");
  assert_toast (fixture, "Job ID copied");
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (page), NULL, clipboard_read_cb,
                                 &copied);
  g_assert_true (axds_test_poll_until (string_set_cb, &copied, 5));
  g_assert_cmpstr (copied, ==, fixture->ids[3]);

  /* The full error message, on demand. */
  activate (fixture, "pipelines.show-error");
  dialog = find_message_dialog ("checksum");
  g_assert_nonnull (dialog);
  ui_maybe_shoot (GTK_WIDGET (dialog), "test-error-message");
  adw_message_dialog_response (dialog, "close");

  /* The context menu: a secondary click on a row selects that job alone and pops the menu. */
  {
    GtkWidget *view = GTK_WIDGET (axds_pipelines_page_get_column_view (fixture->page));
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (view);
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();
    GtkGesture *secondary = NULL;
    graphene_rect_t bounds;
    GtkWidget *popover;

    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

        if (GTK_IS_GESTURE_CLICK (controller) &&
            gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (controller)) == GDK_BUTTON_SECONDARY)
          secondary = GTK_GESTURE (controller);
      }
    g_assert_nonnull (secondary);
    collect_widgets (view, "job-error", labels);
    /* The error cell of the job marked failed above: the only one with that text. */
    for (guint i = 0; i < labels->len; i++)
      if (g_str_equal (gtk_label_get_text (g_ptr_array_index (labels, i)),
                       "Raw data moved to the archive"))
        g_assert_true (gtk_widget_compute_bounds (g_ptr_array_index (labels, i), view, &bounds));
    axds_pipelines_page_select_jobs (fixture->page, succeeded_and_failed);
    g_signal_emit_by_name (secondary, "pressed", 1,
                           (double)bounds.origin.x + 4, (double)bounds.origin.y + 4);
    {
      g_auto(GStrv) selected = axds_pipelines_page_dup_selected_job_ids (fixture->page);
      g_assert_cmpuint (g_strv_length (selected), ==, 1);
      g_assert_cmpstr (selected[0], ==, fixture->ids[3]);
    }
    popover = gtk_widget_get_last_child (page);
    g_assert_true (GTK_IS_POPOVER_MENU (popover));
    g_assert_true (axds_test_poll_until ((AxdsTestCondition)gtk_widget_get_mapped, popover, 5));
    ui_maybe_shoot (GTK_WIDGET (fixture->window), "test-context-menu");
    gtk_popover_popdown (GTK_POPOVER (popover));
  }

  /* Without a selection, the job actions are off. */
  axds_pipelines_page_select_jobs (fixture->page, (const char *[]) { NULL });
  g_assert_false (axds_page_get_action_enabled (AXDS_PAGE (fixture->page),
                                                 "pipelines.reset-selected"));
  g_assert_false (axds_page_get_action_enabled (AXDS_PAGE (fixture->page),
                                                 "pipelines.copy-job-id"));
  g_assert_true (axds_page_get_action_enabled (AXDS_PAGE (fixture->page),
                                                "pipelines.retry-failed"));
}

/* The search and status filter, and the sortable columns. */
static void
test_filter_sort (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkColumnView *view = axds_pipelines_page_get_column_view (fixture->page);
  GListModel *shown = G_LIST_MODEL (gtk_column_view_get_model (view));
  GListModel *columns = gtk_column_view_get_columns (view);
  g_autoptr(GtkColumnViewColumn) status_column = g_list_model_get_item (columns, 2);
  g_autoptr(AxdsTrackerJob) first = NULL;
  g_autoptr(AxdsTrackerJob) last = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 4);
  axds_pipelines_page_set_search (fixture->page, "plane-0", -1);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 2);
  axds_pipelines_page_set_search (fixture->page, "REGISTRATION", -1);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 2);
  axds_pipelines_page_set_search (fixture->page, "memoryerror", -1);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  axds_pipelines_page_set_search (fixture->page, NULL, AXDS_PROCESSING_STATUS_FAILED);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 2);
  axds_pipelines_page_set_search (fixture->page, "registration", AXDS_PROCESSING_STATUS_FAILED);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  axds_pipelines_page_set_search (fixture->page, NULL, -1);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 4);

  /* Sorted by status, descending: failed first, scheduled last. */
  g_assert_cmpstr (gtk_column_view_column_get_title (status_column), ==, "Status");
  gtk_column_view_sort_by_column (view, status_column, GTK_SORT_DESCENDING);
  first = g_list_model_get_item (shown, 0);
  last = g_list_model_get_item (shown, 3);
  g_assert_cmpint (axds_tracker_job_get_status (first), ==, AXDS_PROCESSING_STATUS_FAILED);
  g_assert_cmpint (axds_tracker_job_get_status (last), ==, AXDS_PROCESSING_STATUS_SCHEDULED);
}

static gboolean
state_empty_cb (gpointer data)
{
  return g_str_equal (axds_page_get_state (AXDS_PAGE (data)), "empty");
}

/* Without a folder: the status page, and the job actions off. Narrow, the page folds. */
static void
test_empty_and_narrow (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *page = GTK_WIDGET (fixture->page);

  g_assert_true (axds_page_navigate_back (AXDS_PAGE (fixture->page)) == FALSE);
  gtk_window_set_default_size (fixture->window, 360, 640);
  ui_wait_painted (page);
  g_assert_true (axds_test_poll_until ((AxdsTestCondition)gtk_widget_get_mapped, page, 5));
  axds_page_show_content (AXDS_PAGE (fixture->page));
  ui_wait_painted (page);
  ui_maybe_shoot (GTK_WIDGET (fixture->window), "test-narrow-jobs");
  g_assert_true (axds_page_get_action_enabled (AXDS_PAGE (fixture->page),
                                                "page.navigate-back"));
  activate (fixture, "page.navigate-back");

  axds_pipelines_page_open_folder (fixture->page, NULL, TRUE);
  g_assert_true (axds_test_poll_until (state_empty_cb, fixture->page, 5));
  ui_maybe_shoot (GTK_WIDGET (fixture->window), "test-empty-narrow");
  g_assert_null (axds_pipelines_page_get_selected_tracker (fixture->page));
  g_assert_false (axds_page_get_action_enabled (AXDS_PAGE (fixture->page),
                                                 "pipelines.retry-failed"));
  /* The empty state was remembered. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    g_autofree char *remembered = g_settings_get_string (settings, "pipelines-folder");
    g_assert_cmpstr (remembered, ==, "");
  }
}

/* The demo: a tracker folder whose jobs progress in a separate process, removed on exit. */
typedef struct
{
  char *folder;
  GPid  pid;
} DemoRun;

static gboolean
demo_listed_cb (gpointer data)
{
  AxdsPipelinesPage *page = data;
  return g_str_equal (axds_page_get_state (AXDS_PAGE (page)), "trackers") &&
         axds_pipelines_page_get_selected_tracker (page) != NULL &&
         g_list_model_get_n_items (G_LIST_MODEL (axds_tracker_list_get_model (
           axds_pipelines_page_get_trackers (page)))) == 3;
}

typedef struct
{
  AxdsTrackerList *list;
  guint            running;
  guint            changes;
  char            *first;
} ProgressData;

static gboolean
demo_progress_cb (gpointer data)
{
  ProgressData *progress = data;
  GListModel *model = axds_tracker_list_get_model (progress->list);
  g_autoptr(GString) state = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AxdsTrackerItem) item = g_list_model_get_item (model, i);
      const AxdsTrackerSummary *s = axds_tracker_item_get_summary (item);

      g_string_append_printf (state, "%u/%u/%u/%u ", s->scheduled, s->running, s->succeeded,
                              s->failed);
      progress->running = MAX (progress->running, s->running);
    }
  if (progress->first == NULL)
    progress->first = g_strdup (state->str);
  else if (!g_str_equal (progress->first, state->str))
    progress->changes++;
  /* Jobs ran, and the counts moved after the first look. */
  return progress->running > 0 && progress->changes > 0;
}

static void
drive_demo (AxdsWindow *window,
            gpointer    data)
{
  DemoRun *run = data;
  AxdsApplication *app = AXDS_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)));
  AxdsDemoPipeline *demo = axds_application_get_demo_pipeline (app);
  AxdsPipelinesPage *page = axds_window_get_pipelines_page (window);
  ProgressData progress = { axds_pipelines_page_get_trackers (page), 0, 0, NULL };

  g_assert_nonnull (axds_demo_pipeline_get_folder (demo));
  run->folder = g_strdup (axds_demo_pipeline_get_folder (demo));
  run->pid = axds_demo_pipeline_get_pid (demo);
  g_assert_cmpint (run->pid, >, 0);

  g_assert_true (axds_window_set_page (window, "pipelines"));
  g_assert_true (axds_test_poll_until (demo_listed_cb, page, 15));
  if (!axds_test_poll_until (demo_progress_cb, &progress, 20))
    g_error ("the demo's jobs did not progress: %s", progress.first);
  g_free (progress.first);
}

static void
test_demo (void)
{
  g_autoptr(AxdsApplication) app = axds_application_new (G_APPLICATION_NON_UNIQUE);
  DemoRun run = { NULL };

  ui_test_run_app (app, "--demo", drive_demo, &run);

  /* Nothing of the demo's pipelines is left. */
  g_assert_null (axds_demo_pipeline_get_folder (axds_application_get_demo_pipeline (app)));
  g_assert_false (g_file_test (run.folder, G_FILE_TEST_EXISTS));
  g_assert_cmpint (kill (run.pid, 0), ==, -1);
  g_assert_cmpint (errno, ==, ESRCH);
  g_free (run.folder);
}

/* $AXDS_DEMO_PIPELINE_DIR: the demo makes that folder for its trackers and removes it when it
 * stops; a folder that exists already is refused and left as it is. */
static void
test_demo_folder (void)
{
  g_autoptr(AxdsDemo) demo = axds_demo_new (g_getenv ("AXDS_DEMO_PREFIX"));
  g_autoptr(AxdsDemoPipeline) pipeline = axds_demo_pipeline_new (demo);
  g_autoptr(GError) error = NULL;
  g_autofree char *parent = g_dir_make_tmp ("axds-test-demo-folder-XXXXXX", &error);
  g_autofree char *folder = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GPtrArray) trackers = NULL;

  g_assert_no_error (error);
  folder = g_build_filename (parent, "processing", NULL);
  g_setenv ("AXDS_DEMO_PIPELINE_DIR", folder, TRUE);

  g_assert_true (axds_demo_pipeline_start (pipeline, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (axds_demo_pipeline_get_folder (pipeline), ==, folder);
  trackers = axds_tracker_discover (folder, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trackers->len, ==, 3);
  axds_demo_pipeline_stop (pipeline);
  g_assert_null (axds_demo_pipeline_get_folder (pipeline));
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));

  /* A folder of the user's: not taken, so never removed. */
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  kept = g_build_filename (folder, "notes.txt", NULL);
  g_assert_true (g_file_set_contents (kept, "mine", -1, NULL));
  g_assert_false (axds_demo_pipeline_start (pipeline, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_null (axds_demo_pipeline_get_folder (pipeline));
  axds_demo_pipeline_stop (pipeline);
  g_assert_true (g_file_test (kept, G_FILE_TEST_IS_REGULAR));

  g_unsetenv ("AXDS_DEMO_PIPELINE_DIR");
  g_assert_cmpint (g_remove (kept), ==, 0);
  g_assert_cmpint (g_rmdir (folder), ==, 0);
  g_assert_cmpint (g_rmdir (parent), ==, 0);
}

typedef struct
{
  const char *tmpdir;
  gboolean    present;
} DemoFolderData;

/* Whether @tmpdir holds a demo folder whose jobs the producer started (or, when not @present,
 * no demo folder at all). */
static gboolean
demo_folder_cb (gpointer data)
{
  DemoFolderData *d = data;
  g_autoptr(GDir) dir = g_dir_open (d->tmpdir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "axds-demo-pipelines-"))
      {
        g_autofree char *folder = g_build_filename (d->tmpdir, name, NULL);
        g_autoptr(GPtrArray) trackers = axds_tracker_discover (folder, NULL, NULL, NULL);
        guint running = 0;

        for (guint i = 0; d->present && trackers != NULL && i < trackers->len; i++)
          {
            g_autoptr(AxdsTracker) tracker = axds_tracker_new (g_ptr_array_index (trackers, i));
            AxdsTrackerSummary summary = { 0 };

            if (axds_tracker_get_summary (tracker, &summary, NULL))
              running += summary.running;
          }
        return d->present && running > 0;
      }
  return !d->present;
}

/* A monitor killed with its demo running: its pipeline producer removes the demo folder. */
static void
test_monitor_crash (void)
{
  const char *monitor = g_getenv ("AXDS_MONITOR");
  g_autofree char *tmpdir = NULL;
  g_autofree char *crash_prefix = g_strdup_printf ("%s-crash", g_getenv ("AXDS_DEMO_PREFIX"));
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  DemoFolderData data = { NULL, TRUE };

  if (monitor == NULL)
    {
      g_test_skip ("needs AXDS_MONITOR");
      return;
    }

  /* A temporary folder of its own, to find the demo folder in. */
  tmpdir = g_dir_make_tmp ("axds-test-crash-XXXXXX", &error);
  g_assert_no_error (error);
  data.tmpdir = tmpdir;
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_setenv (launcher, "TMPDIR", tmpdir, TRUE);
  g_subprocess_launcher_setenv (launcher, "AXDS_DEMO_PREFIX", crash_prefix, TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, monitor, "--demo", NULL);
  g_assert_no_error (error);

  if (!axds_test_poll_until (demo_folder_cb, &data, 40))
    g_error ("the demo of a separate monitor made no tracker folder in %s", tmpdir);

  g_subprocess_send_signal (process, SIGKILL);
  g_assert_false (g_subprocess_wait_check (process, NULL, NULL));

  data.present = FALSE;
  if (!axds_test_poll_until (demo_folder_cb, &data, 20))
    g_error ("the demo folder of a killed monitor was left in %s", tmpdir);
  g_assert_cmpint (g_rmdir (tmpdir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv, "pipelines");

  g_test_add ("/axds/pipelines/retry-failed", Fixture, NULL,
              fixture_set_up, test_retry_failed, fixture_tear_down);
  g_test_add ("/axds/pipelines/external-change", Fixture, NULL,
              fixture_set_up, test_external_change, fixture_tear_down);
  g_test_add ("/axds/pipelines/new-tracker", Fixture, NULL,
              fixture_set_up, test_new_tracker, fixture_tear_down);
  g_test_add ("/axds/pipelines/selected-actions", Fixture, NULL,
              fixture_set_up, test_selected_actions, fixture_tear_down);
  g_test_add ("/axds/pipelines/filter-sort", Fixture, NULL,
              fixture_set_up, test_filter_sort, fixture_tear_down);
  g_test_add ("/axds/pipelines/empty-and-narrow", Fixture, NULL,
              fixture_set_up, test_empty_and_narrow, fixture_tear_down);
  g_test_add_func ("/axds/pipelines/demo", test_demo);
  g_test_add_func ("/axds/pipelines/demo-folder", test_demo_folder);
  g_test_add_func ("/axds/pipelines/monitor-crash", test_monitor_crash);

  return g_test_run ();
}

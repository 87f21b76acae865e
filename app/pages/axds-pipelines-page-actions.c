/* axds-pipelines-page-actions.c — what the Pipelines page does to trackers and jobs
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The page's actions (pipelines.*), their shortcuts, the dialogs they open and the context
 * menu of the table. Changes of trackers run in a worker thread (axds_tracker_item_run_async,
 * under the tracker's lock); while one runs the other changes are off, and a toast tells how
 * it went. */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "axds-pipelines-page-private.h"

void
_axds_pipelines_page_update_actions (AxdsPipelinesPage *self)
{
  g_autoptr(GPtrArray) jobs = _axds_pipelines_page_dup_selected_jobs (self);
  gboolean idle = self->item != NULL && self->busy == 0;
  gboolean any_failed = FALSE;
  gboolean has_error = FALSE;

  for (guint i = 0; i < jobs->len; i++)
    {
      AxdsTrackerJob *job = g_ptr_array_index (jobs, i);
      const char *message = axds_tracker_job_get_error_message (job);

      any_failed |= axds_tracker_job_get_status (job) == AXDS_PROCESSING_STATUS_FAILED;
      has_error |= message != NULL && *message != '\0';
    }

  axds_page_set_action_enabled (AXDS_PAGE (self), "pipelines.refresh",
                      axds_tracker_list_get_folder (self->trackers) != NULL);
  axds_page_set_action_enabled (AXDS_PAGE (self), "pipelines.retry-failed",
                      idle && axds_tracker_item_get_summary (self->item)->failed > 0);
  axds_page_set_action_enabled (AXDS_PAGE (self), "pipelines.retry-selected", idle && any_failed);
  axds_page_set_action_enabled (AXDS_PAGE (self), "pipelines.reset-selected", idle && jobs->len > 0);
  axds_page_set_action_enabled (AXDS_PAGE (self), "pipelines.mark-failed", idle && jobs->len > 0);
  axds_page_set_action_enabled (AXDS_PAGE (self), "pipelines.copy-job-id", jobs->len > 0);
  axds_page_set_action_enabled (AXDS_PAGE (self), "pipelines.show-error", jobs->len == 1 && has_error);
  axds_page_set_action_enabled (AXDS_PAGE (self), "pipelines.search", self->item != NULL);
}

/* Actions */

typedef struct
{
  AxdsPipelinesPage *self;
  AxdsTrackerOp      op;
} OpData;

static void
op_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autofree OpData *data = user_data;
  g_autoptr(AxdsPipelinesPage) self = data->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n = 0;

  self->busy--;
  if (!axds_tracker_item_run_finish (AXDS_TRACKER_ITEM (object), result, &n, &error))
    {
      /* Translators: %s says why a tracker file could not be changed */
      message = g_strdup_printf (_("Could not change the tracker: %s"), error->message);
    }
  else
    {
      switch (data->op)
        {
        case AXDS_TRACKER_OP_RETRY_FAILED:
        case AXDS_TRACKER_OP_RETRY:
          message = n == 0 ? g_strdup (_("No failed jobs to retry"))
                           : g_strdup_printf (ngettext ("%u failed job scheduled again",
                                                        "%u failed jobs scheduled again", n), n);
          break;

        case AXDS_TRACKER_OP_RESET:
          message = g_strdup_printf (ngettext ("%u job reset", "%u jobs reset", n), n);
          break;

        case AXDS_TRACKER_OP_FAIL:
        default:
          message = g_strdup_printf (ngettext ("%u job marked failed", "%u jobs marked failed",
                                               n), n);
          break;
        }
    }
  /* The page may be disposed by now: it keeps no template widgets then. */
  if (self->column_view != NULL)
    {
      axds_page_add_toast (AXDS_PAGE (self), message);
      _axds_pipelines_page_update_actions (self);
    }
}

static void
run_op (AxdsPipelinesPage  *self,
        AxdsTrackerItem    *item,
        AxdsTrackerOp       op,
        const char * const *ids,
        const char         *message)
{
  OpData *data = g_new0 (OpData, 1);

  data->self = g_object_ref (self);
  data->op = op;
  self->busy++;
  _axds_pipelines_page_update_actions (self);
  axds_tracker_item_run_async (item, op, ids, message, self->cancellable, op_done_cb, data);
}

static void
retry_failed_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AxdsPipelinesPage *self = AXDS_PIPELINES_PAGE (widget);

  if (self->item != NULL)
    run_op (self, self->item, AXDS_TRACKER_OP_RETRY_FAILED, NULL, NULL);
}

static void
selected_op (AxdsPipelinesPage *self,
             AxdsTrackerOp      op)
{
  g_autoptr(GPtrArray) jobs = _axds_pipelines_page_dup_selected_jobs (self);
  g_auto(GStrv) ids = _axds_pipelines_page_ids_of (jobs);

  if (self->item != NULL && jobs->len > 0)
    run_op (self, self->item, op, (const char * const *)ids, NULL);
}

static void
retry_selected_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  selected_op (AXDS_PIPELINES_PAGE (widget), AXDS_TRACKER_OP_RETRY);
}

static void
reset_selected_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  selected_op (AXDS_PIPELINES_PAGE (widget), AXDS_TRACKER_OP_RESET);
}

static void
mark_failed_response_cb (AdwMessageDialog  *dialog,
                         const char        *response,
                         AxdsPipelinesPage *self)
{
  AxdsTrackerItem *item = g_object_get_data (G_OBJECT (dialog), "axds-item");
  char **ids = g_object_get_data (G_OBJECT (dialog), "axds-ids");
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "axds-entry");
  const char *text;

  if (!g_str_equal (response, "mark") || item == NULL)
    return;
  text = gtk_editable_get_text (entry);
  run_op (self, item, AXDS_TRACKER_OP_FAIL, (const char * const *)ids,
          *text != '\0' ? text : NULL);
}

static void
mark_failed_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AxdsPipelinesPage *self = AXDS_PIPELINES_PAGE (widget);
  g_autoptr(GPtrArray) jobs = _axds_pipelines_page_dup_selected_jobs (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *entry;
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;

  if (self->item == NULL || jobs->len == 0)
    return;

  if (jobs->len == 1)
    /* Translators: %s is the name of a processing job */
    body = g_strdup_printf (_("“%s” is marked failed with this message, and shows as failed to "
                              "every program that reads the tracker."),
                            axds_tracker_job_get_job_name (g_ptr_array_index (jobs, 0)));
  else
    body = g_strdup_printf (ngettext ("%u job is marked failed with this message, and shows as "
                                      "failed to every program that reads the tracker.",
                                      "%u jobs are marked failed with this message, and show as "
                                      "failed to every program that reads the tracker.",
                                      jobs->len), jobs->len);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       _("Mark Jobs Failed?"), body));
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), _("Marked failed by hand"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Error message"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "mark", _("_Mark Failed"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "mark", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "mark");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "axds-item", g_object_ref (self->item),
                          g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "axds-ids", _axds_pipelines_page_ids_of (jobs), (GDestroyNotify)g_strfreev);
  g_object_set_data (G_OBJECT (dialog), "axds-entry", entry);
  g_signal_connect_object (dialog, "response", G_CALLBACK (mark_failed_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
copy_job_id_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AxdsPipelinesPage *self = AXDS_PIPELINES_PAGE (widget);
  g_autoptr(GPtrArray) jobs = _axds_pipelines_page_dup_selected_jobs (self);
  g_auto(GStrv) ids = _axds_pipelines_page_ids_of (jobs);
  g_autofree char *text = g_strjoinv ("\n", ids);
  g_autofree char *message = NULL;

  if (jobs->len == 0)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  message = jobs->len == 1
            ? g_strdup (_("Job ID copied"))
            : g_strdup_printf (ngettext ("%u job ID copied", "%u job IDs copied", jobs->len),
                               jobs->len);
  axds_page_add_toast (AXDS_PAGE (self), message);
}

/* The whole error message of @job, in a dialog. */
void
_axds_pipelines_page_show_job_error (AxdsPipelinesPage *self,
                                     AxdsTrackerJob    *job)
{
  const char *message = axds_tracker_job_get_error_message (job);
  const char *specifier = axds_tracker_job_get_specifier (job);
  g_autofree char *heading = NULL;

  if (message == NULL || *message == '\0')
    return;

  heading = specifier != NULL && *specifier != '\0'
            ? g_strdup_printf ("%s · %s", axds_tracker_job_get_job_name (job), specifier)
            : g_strdup (axds_tracker_job_get_job_name (job));
  axds_page_show_error (AXDS_PAGE (self), heading, message);
}

static void
show_error_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AxdsPipelinesPage *self = AXDS_PIPELINES_PAGE (widget);
  g_autoptr(GPtrArray) jobs = _axds_pipelines_page_dup_selected_jobs (self);

  if (jobs->len == 1)
    _axds_pipelines_page_show_job_error (self, g_ptr_array_index (jobs, 0));
}

/* The job of the row a cell widget belongs to: the labels of the cells know theirs. */
static AxdsTrackerJob *
find_cell_job (GtkWidget *widget)
{
  AxdsTrackerJob *job = g_object_get_data (G_OBJECT (widget), "axds-job");

  for (GtkWidget *child = gtk_widget_get_first_child (widget); job == NULL && child != NULL;
       child = gtk_widget_get_next_sibling (child))
    job = find_cell_job (child);
  return job;
}

static void
job_context_menu_cb (GtkGestureClick   *gesture,
                     int                n_press,
                     double             x,
                     double             y,
                     AxdsPipelinesPage *self)
{
  GtkWidget *view = GTK_WIDGET (self->column_view);
  GtkWidget *picked = gtk_widget_pick (view, x, y, GTK_PICK_DEFAULT);
  GListModel *model = G_LIST_MODEL (self->job_selection);
  AxdsTrackerJob *job = NULL;
  double px, py;

  /* Up from what was clicked to its row at most, whose cells hold the job. */
  for (GtkWidget *w = picked; w != NULL && w != view; w = gtk_widget_get_parent (w))
    {
      const char *name = gtk_widget_get_css_name (w);

      if (GTK_IS_LABEL (w) || g_str_equal (name, "cell") || g_str_equal (name, "row"))
        job = find_cell_job (w);
      if (job != NULL || g_str_equal (name, "row"))
        break;
    }
  if (job == NULL)
    return;

  /* A click on a job outside the selection acts on that job alone, as in file managers. */
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AxdsTrackerJob) item = g_list_model_get_item (model, i);

      if (item == job && !gtk_selection_model_is_selected (GTK_SELECTION_MODEL (model), i))
        gtk_selection_model_select_item (GTK_SELECTION_MODEL (model), i, TRUE);
    }

  if (self->context_menu == NULL)
    {
      self->context_menu = gtk_popover_menu_new_from_model (self->job_menu);
      gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
      gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
      gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self));
    }
  gtk_widget_translate_coordinates (view, GTK_WIDGET (self), x, y, &px, &py);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu),
                               &(GdkRectangle) { (int)px, (int)py, 1, 1 });
  if (gesture != NULL)
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

static void
job_long_press_cb (GtkGestureLongPress *gesture,
                   double               x,
                   double               y,
                   AxdsPipelinesPage   *self)
{
  job_context_menu_cb (NULL, 1, x, y, self);
}

static void
folder_chosen_cb (AxdsPage   *page,
                  const char *path)
{
  axds_pipelines_page_open_folder (AXDS_PIPELINES_PAGE (page), path, TRUE);
}

static void
open_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AxdsPipelinesPage *self = AXDS_PIPELINES_PAGE (widget);
  GtkFileChooserNative *chooser;

  chooser = axds_page_new_chooser (AXDS_PAGE (self), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                   _("Open Folder"), _("_Open"),
                                   axds_tracker_list_get_folder (self->trackers),
                                   folder_chosen_cb);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  axds_tracker_list_rescan (AXDS_PIPELINES_PAGE (widget)->trackers);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AxdsPipelinesPage *self = AXDS_PIPELINES_PAGE (widget);

  axds_page_show_content (AXDS_PAGE (self));
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * _axds_pipelines_page_init_context_menu:
 * @self: a page
 *
 * Adds the context menu of the job actions to the table: by secondary click or a long press.
 */
void
_axds_pipelines_page_init_context_menu (AxdsPipelinesPage *self)
{
  GtkGesture *gesture;
  GtkGesture *long_press;

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (gesture, "pressed", G_CALLBACK (job_context_menu_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (gesture));
  long_press = gtk_gesture_long_press_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (long_press), TRUE);
  g_signal_connect_object (long_press, "pressed", G_CALLBACK (job_long_press_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (long_press));
}

/**
 * _axds_pipelines_page_class_init_actions:
 * @widget_class: the page's class
 *
 * Installs the page's actions and their shortcuts (local to the page: they act while the
 * focus is in it).
 */
void
_axds_pipelines_page_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "pipelines.open-folder", NULL,
                                   open_folder_action);
  gtk_widget_class_install_action (widget_class, "pipelines.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "pipelines.retry-failed", NULL,
                                   retry_failed_action);
  gtk_widget_class_install_action (widget_class, "pipelines.retry-selected", NULL,
                                   retry_selected_action);
  gtk_widget_class_install_action (widget_class, "pipelines.reset-selected", NULL,
                                   reset_selected_action);
  gtk_widget_class_install_action (widget_class, "pipelines.mark-failed", NULL,
                                   mark_failed_action);
  gtk_widget_class_install_action (widget_class, "pipelines.copy-job-id", NULL,
                                   copy_job_id_action);
  gtk_widget_class_install_action (widget_class, "pipelines.show-error", NULL,
                                   show_error_action);
  gtk_widget_class_install_action (widget_class, "pipelines.search", NULL, search_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "pipelines.open-folder", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "pipelines.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "pipelines.retry-failed", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "pipelines.retry-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_BackSpace, GDK_CONTROL_MASK,
                                       "pipelines.reset-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK,
                                       "pipelines.mark-failed", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK,
                                       "pipelines.copy-job-id", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK,
                                       "pipelines.show-error", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "pipelines.search", NULL);
}

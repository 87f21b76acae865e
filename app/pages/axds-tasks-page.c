/* axds-tasks-page.c — the Tasks page: checksum, transfer, delete and assemble folders
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Tasks are started from forms (AxdsTaskDialog) and run side by side; each lives in the
 * `running` store while it runs and moves to the front of `history` when it ends. The list
 * boxes are bound to the two stores, so a row appears and moves with its task. Deleting asks
 * once more, naming the folder with its size as measured right then. When a task ends, the
 * user hears of it: a toast while the window is in front, a desktop notification otherwise. */

#include "config.h"

#include <glib/gi18n.h>

#include "format/axds-format.h"
#include "axds-tasks-page.h"
#include "widgets/axds-task-row.h"

struct _AxdsTasksPage
{
  AxdsPage           parent_instance;

  /* Template widgets */
  GtkWidget         *running_group;
  GtkWidget         *history_group;
  GtkListBox        *running_list;
  GtkListBox        *history_list;

  /* Owned references */
  GListStore        *running;
  GListStore        *history;
  GCancellable      *cancellable;
  char              *last_notice;
  gboolean           last_notice_toast;

  /* Borrowed references */
  AdwMessageDialog  *confirmation;   /* the delete confirmation being shown */
};

G_DEFINE_FINAL_TYPE (AxdsTasksPage, axds_tasks_page, AXDS_TYPE_PAGE)

enum {
  PROP_0,
  PROP_N_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
axds_tasks_page_update (AxdsTasksPage *self)
{
  guint n_running = g_list_model_get_n_items (G_LIST_MODEL (self->running));
  guint n_history = g_list_model_get_n_items (G_LIST_MODEL (self->history));

  axds_page_set_state (AXDS_PAGE (self), n_running + n_history > 0 ? "tasks" : "empty");
  gtk_widget_set_visible (self->running_group, n_running > 0);
  gtk_widget_set_visible (self->history_group, n_history > 0);
  axds_page_set_action_enabled (AXDS_PAGE (self), "tasks.clear-history", n_history > 0);
}

static void
running_changed_cb (AxdsTasksPage *self)
{
  axds_tasks_page_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_RUNNING]);
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  return axds_task_row_new (AXDS_TASK (item));
}

/* A toast when the user is looking; otherwise a notification, if the application can send
 * one (it is registered on a session bus), and a toast to find when they come back. */
static void
tell (AxdsTasksPage *self,
      AxdsTask      *task,
      const char    *title)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GApplication *app = g_application_get_default ();
  gboolean active = GTK_IS_WINDOW (root) && gtk_window_is_active (GTK_WINDOW (root));

  g_free (self->last_notice);
  self->last_notice = g_strdup (title);
  self->last_notice_toast = TRUE;

  /* Without a session bus the application still registers, but GLib's notification
   * backends would then use a NULL connection (and crash): a toast it is. */
  if (!active && app != NULL && g_application_get_is_registered (app) &&
      !g_application_get_is_remote (app) && g_application_get_dbus_connection (app) != NULL)
    {
      g_autoptr(GNotification) notification = g_notification_new (title);
      const char *body = axds_task_get_error_message (task);

      if (body == NULL)
        body = axds_task_get_summary (task);
      if (body != NULL)
        g_notification_set_body (notification, body);
      g_notification_set_default_action_and_target (notification, "app.activate", NULL);
      g_application_send_notification (app, NULL, notification);
      self->last_notice_toast = FALSE;
    }
  axds_page_add_toast (AXDS_PAGE (self), title);
}

static void
task_finished_cb (AxdsTasksPage *self,
                  AxdsTask      *task)
{
  g_autofree char *title = NULL;
  guint position;

  /* A task cancelled by the page's disposal ends after it. */
  if (self->running == NULL)
    return;
  if (g_list_store_find (self->running, task, &position))
    g_list_store_remove (self->running, position);
  g_list_store_insert (self->history, 0, task);

  switch (axds_task_get_state (task))
    {
    case AXDS_TASK_STATE_SUCCEEDED:
      /* Translators: %s is a task's title, e.g. “Transfer of “session-1”” */
      title = g_strdup_printf (_("%s finished"), axds_task_get_title (task));
      break;
    case AXDS_TASK_STATE_CANCELLED:
      /* Translators: %s is a task's title */
      title = g_strdup_printf (_("%s cancelled"), axds_task_get_title (task));
      break;
    case AXDS_TASK_STATE_FAILED:
    default:
      /* Translators: %s is a task's title */
      title = g_strdup_printf (_("%s failed"), axds_task_get_title (task));
      break;
    }
  tell (self, task, title);
}

/**
 * axds_tasks_page_start_task:
 * @self: the page
 * @task: a task, started or not
 *
 * Lists @task among the running ones and starts it if it has not started yet.
 */
void
axds_tasks_page_start_task (AxdsTasksPage *self,
                            AxdsTask      *task)
{
  g_return_if_fail (AXDS_IS_TASKS_PAGE (self));
  g_return_if_fail (AXDS_IS_TASK (task));

  g_signal_connect_object (task, "finished", G_CALLBACK (task_finished_cb), self,
                           G_CONNECT_SWAPPED);
  g_list_store_append (self->running, task);
  if (axds_task_get_state (task) == AXDS_TASK_STATE_READY)
    axds_task_start (task);
}

/* Delete confirmation */

typedef struct
{
  AxdsTasksPage *self;
  char          *folder;
} Measure;

static void
confirmation_response_cb (AxdsTasksPage    *self,
                          const char       *response,
                          AdwMessageDialog *dialog)
{
  if (g_str_equal (response, "delete"))
    {
      const char *folder = g_object_get_data (G_OBJECT (dialog), "axds-folder");
      g_autoptr(AxdsTask) task = axds_task_new_delete (folder);

      axds_tasks_page_start_task (self, task);
    }
  if (self->confirmation == dialog)
    self->confirmation = NULL;
}

static void
measured_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Measure *measure = user_data;
  AxdsTasksPage *self = measure->self;
  g_autoptr(GError) error = NULL;
  guint64 n_files = 0, n_bytes = 0;

  if (!axds_measure_directory_finish (result, &n_files, &n_bytes, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        axds_page_add_toast (AXDS_PAGE (self), error->message);
    }
  else
    {
      g_autofree char *name = g_path_get_basename (measure->folder);
      g_autofree char *files = axds_format_count (n_files);
      g_autofree char *size = axds_format_size (n_bytes);
      g_autofree char *shown = axds_format_path (measure->folder);
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      AdwMessageDialog *dialog;

      /* Translators: %s is a folder name */
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root)
                                                             ? GTK_WINDOW (root) : NULL,
                                                           NULL, NULL));
      adw_message_dialog_format_heading (dialog, _("Delete “%s”?"), name);
      adw_message_dialog_format_body (dialog,
                                      g_dngettext (GETTEXT_PACKAGE,
                                                   /* Translators: a folder's path, its file
                                                    * count and size */
                                                   "%s holds %s file (%s). It will be deleted "
                                                   "permanently, with everything in it.",
                                                   "%s holds %s files (%s). They will be "
                                                   "deleted permanently, with the folder.",
                                                   n_files),
                                      shown, files, size);
      adw_message_dialog_add_responses (dialog,
                                        "cancel", _("_Cancel"),
                                        "delete", _("_Delete"),
                                        NULL);
      adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (dialog, "cancel");
      adw_message_dialog_set_close_response (dialog, "cancel");
      g_object_set_data_full (G_OBJECT (dialog), "axds-folder", g_strdup (measure->folder),
                              g_free);
      g_signal_connect_object (dialog, "response", G_CALLBACK (confirmation_response_cb), self,
                               G_CONNECT_SWAPPED);
      self->confirmation = dialog;
      gtk_window_present (GTK_WINDOW (dialog));
    }

  g_object_unref (measure->self);
  g_free (measure->folder);
  g_free (measure);
}

/**
 * axds_tasks_page_confirm_delete:
 * @self: the page
 * @folder: a folder to delete
 *
 * Measures @folder and asks whether to delete it, naming its size; the answer “Delete”
 * starts the task. A folder the library refuses to delete (`/`, the home folder, one that
 * holds the working directory) is neither measured nor offered: an error dialog says why.
 */
void
axds_tasks_page_confirm_delete (AxdsTasksPage *self,
                                const char    *folder)
{
  g_autoptr(GError) error = NULL;
  Measure *measure;

  g_return_if_fail (AXDS_IS_TASKS_PAGE (self));
  g_return_if_fail (folder != NULL);

  /* Asked before measuring: measuring / or the home folder alone takes long. */
  if (!axds_check_delete_directory (folder, &error))
    {
      g_autofree char *name = g_path_get_basename (folder);
      /* Translators: %s is a folder name */
      g_autofree char *heading = g_strdup_printf (_("Cannot Delete “%s”"), name);

      axds_page_show_error (AXDS_PAGE (self), heading, error->message);
      return;
    }

  measure = g_new0 (Measure, 1);
  measure->self = g_object_ref (self);
  measure->folder = g_strdup (folder);
  axds_measure_directory_async (folder, self->cancellable, measured_cb, measure);
}

/* Forms */

static void
dialog_response_cb (AxdsTasksPage  *self,
                    const char     *response,
                    AxdsTaskDialog *dialog)
{
  g_autoptr(AxdsTask) task = NULL;

  if (!g_str_equal (response, "start"))
    return;
  task = axds_task_dialog_create_task (dialog);
  if (task == NULL)
    return;
  if (axds_task_get_kind (task) == AXDS_TASK_KIND_DELETE)
    axds_tasks_page_confirm_delete (self, axds_task_get_directory (task));
  else
    axds_tasks_page_start_task (self, task);
}

/**
 * axds_tasks_page_new_task:
 * @self: the page
 * @kind: the kind of task
 *
 * Shows the form that starts a task of @kind.
 *
 * Returns: (transfer none): the form, shown
 */
AxdsTaskDialog *
axds_tasks_page_new_task (AxdsTasksPage *self,
                          AxdsTaskKind   kind)
{
  GtkRoot *root;
  AxdsTaskDialog *dialog;

  g_return_val_if_fail (AXDS_IS_TASKS_PAGE (self), NULL);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = axds_task_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, kind);
  g_signal_connect_object (dialog, "response", G_CALLBACK (dialog_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  const char *name = g_variant_get_string (parameter, NULL);
  GEnumClass *klass = g_type_class_ref (AXDS_TYPE_TASK_KIND);
  GEnumValue *value = g_enum_get_value_by_nick (klass, name);

  if (value != NULL)
    axds_tasks_page_new_task (AXDS_TASKS_PAGE (widget), value->value);
  g_type_class_unref (klass);
}

static void
clear_history_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  axds_tasks_page_clear_history (AXDS_TASKS_PAGE (widget));
}

static void
result_copied_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  axds_page_add_toast (AXDS_PAGE (widget), _("Checksum copied"));
}

/* GObject */

static void
axds_tasks_page_dispose (GObject *object)
{
  AxdsTasksPage *self = (AxdsTasksPage *)object;

  g_cancellable_cancel (self->cancellable);
  /* Tasks hold themselves until their worker ends; a closed window stops them. */
  if (self->running != NULL)
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->running)); i++)
      {
        g_autoptr(AxdsTask) task = g_list_model_get_item (G_LIST_MODEL (self->running), i);
        axds_task_cancel (task);
      }
  if (self->confirmation != NULL)
    gtk_window_destroy (GTK_WINDOW (self->confirmation));
  self->confirmation = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), AXDS_TYPE_TASKS_PAGE);
  g_clear_object (&self->running);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (axds_tasks_page_parent_class)->dispose (object);
}

static void
axds_tasks_page_finalize (GObject *object)
{
  AxdsTasksPage *self = (AxdsTasksPage *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->last_notice, g_free);

  G_OBJECT_CLASS (axds_tasks_page_parent_class)->finalize (object);
}

static void
axds_tasks_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AxdsTasksPage *self = AXDS_TASKS_PAGE (object);

  switch (prop_id)
    {
    case PROP_N_RUNNING:
      g_value_set_uint (value, axds_tasks_page_get_n_running (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
axds_tasks_page_class_init (AxdsTasksPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = axds_tasks_page_dispose;
  object_class->finalize = axds_tasks_page_finalize;
  object_class->get_property = axds_tasks_page_get_property;

  properties[PROP_N_RUNNING] =
    g_param_spec_uint ("n-running", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               AXDS_RESOURCE_PATH "axds-tasks-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AxdsTasksPage, running_group);
  gtk_widget_class_bind_template_child (widget_class, AxdsTasksPage, history_group);
  gtk_widget_class_bind_template_child (widget_class, AxdsTasksPage, running_list);
  gtk_widget_class_bind_template_child (widget_class, AxdsTasksPage, history_list);

  gtk_widget_class_install_action (widget_class, "tasks.new", "s", new_action);
  gtk_widget_class_install_action (widget_class, "tasks.clear-history", NULL,
                                   clear_history_action);
  gtk_widget_class_install_action (widget_class, "tasks.result-copied", NULL,
                                   result_copied_action);

  gtk_widget_class_set_css_name (widget_class, "taskspage");

  g_type_ensure (AXDS_TYPE_TASK);
  g_type_ensure (AXDS_TYPE_TASK_ROW);
}

static void
axds_tasks_page_init (AxdsTasksPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->running = g_list_store_new (AXDS_TYPE_TASK);
  self->history = g_list_store_new (AXDS_TYPE_TASK);
  self->cancellable = g_cancellable_new ();

  gtk_list_box_bind_model (self->running_list, G_LIST_MODEL (self->running), create_row_cb,
                           NULL, NULL);
  gtk_list_box_bind_model (self->history_list, G_LIST_MODEL (self->history), create_row_cb,
                           NULL, NULL);
  g_signal_connect_object (self->running, "items-changed", G_CALLBACK (running_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "items-changed", G_CALLBACK (axds_tasks_page_update),
                           self, G_CONNECT_SWAPPED);
  axds_tasks_page_update (self);
}

GtkWidget *
axds_tasks_page_new (void)
{
  return g_object_new (AXDS_TYPE_TASKS_PAGE, NULL);
}

/**
 * axds_tasks_page_get_confirmation:
 * @self: the page
 *
 * Returns: (transfer none) (nullable): the delete confirmation on screen, if any
 */
AdwMessageDialog *
axds_tasks_page_get_confirmation (AxdsTasksPage *self)
{
  g_return_val_if_fail (AXDS_IS_TASKS_PAGE (self), NULL);
  return self->confirmation;
}

/**
 * axds_tasks_page_get_running:
 * @self: the page
 *
 * Returns: (transfer none): the running tasks, a list of #AxdsTask in the order started
 */
GListModel *
axds_tasks_page_get_running (AxdsTasksPage *self)
{
  g_return_val_if_fail (AXDS_IS_TASKS_PAGE (self), NULL);
  return G_LIST_MODEL (self->running);
}

/**
 * axds_tasks_page_get_history:
 * @self: the page
 *
 * Returns: (transfer none): the finished tasks, the latest first
 */
GListModel *
axds_tasks_page_get_history (AxdsTasksPage *self)
{
  g_return_val_if_fail (AXDS_IS_TASKS_PAGE (self), NULL);
  return G_LIST_MODEL (self->history);
}

guint
axds_tasks_page_get_n_running (AxdsTasksPage *self)
{
  g_return_val_if_fail (AXDS_IS_TASKS_PAGE (self), 0);
  return self->running != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->running)) : 0;
}

void
axds_tasks_page_clear_history (AxdsTasksPage *self)
{
  g_return_if_fail (AXDS_IS_TASKS_PAGE (self));
  g_list_store_remove_all (self->history);
}

/**
 * axds_tasks_page_get_row:
 * @self: the page
 * @task: a task of the page
 *
 * Returns: (transfer none) (nullable): the row showing @task, in either list
 */
GtkWidget *
axds_tasks_page_get_row (AxdsTasksPage *self,
                         AxdsTask      *task)
{
  GtkListBox *lists[2];
  GListStore *stores[2];
  guint position;

  g_return_val_if_fail (AXDS_IS_TASKS_PAGE (self), NULL);

  lists[0] = self->running_list;
  lists[1] = self->history_list;
  stores[0] = self->running;
  stores[1] = self->history;
  for (guint i = 0; i < 2; i++)
    if (g_list_store_find (stores[i], task, &position))
      return GTK_WIDGET (gtk_list_box_get_row_at_index (lists[i], (int) position));
  return NULL;
}

/**
 * axds_tasks_page_get_last_notice:
 * @self: the page
 * @as_toast: (out) (optional): whether it was shown as a toast only (the window was active or
 *   no notification could be sent)
 *
 * Returns: (nullable): what the page last told of a finished task
 */
const char *
axds_tasks_page_get_last_notice (AxdsTasksPage *self,
                                 gboolean      *as_toast)
{
  g_return_val_if_fail (AXDS_IS_TASKS_PAGE (self), NULL);
  if (as_toast != NULL)
    *as_toast = self->last_notice_toast;
  return self->last_notice;
}

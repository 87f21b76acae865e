/* axds-window.c — the main window
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One header bar over a view stack of pages. Only pages that work are added to the stack
 * (for now: Live arrays); the view switcher appears once there are two. Window actions
 * forward to the page that owns the state. */

#include "config.h"

#include <glib/gi18n.h>

#include "axds-raw-dialog.h"
#include "axds-window.h"

struct _AxdsWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwViewStack         *pages;
  AdwViewSwitcherTitle *switcher_title;
  GtkMenuButton        *menu_button;
  GtkButton            *back_button;
  GtkButton            *attach_button;
  AxdsLivePage         *live_page;
  AxdsPipelinesPage    *pipelines_page;
  AxdsLoggersPage      *loggers_page;
  AxdsArchivesPage     *archives_page;
  AxdsTasksPage        *tasks_page;
  GtkMenuButton        *new_task_button;

  /* Owned references */
  GSettings            *settings;
  AxdsDemoPipeline     *demo_pipeline;
};

G_DEFINE_FINAL_TYPE (AxdsWindow, axds_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DEMO_PIPELINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
axds_window_update_actions (AxdsWindow *self)
{
  AxdsArrayView *view = axds_live_page_get_view (self->live_page);
  gboolean has_item = axds_array_view_get_item (view) != NULL;
  gboolean has_image = g_strcmp0 (axds_array_view_get_kind (view), "image") == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-pause", has_item);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-image", has_image);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.navigate-back",
                                 axds_page_get_can_navigate_back (AXDS_PAGE (self->live_page)));
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AxdsWindow *self = AXDS_WINDOW (widget);
  AxdsArrayPoller *poller = axds_live_page_get_poller (self->live_page);
  g_autoptr(GError) error = NULL;

  if (!axds_array_poller_refresh (poller, &error))
    axds_window_add_toast (self, error->message);
}

static void
toggle_pause_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  axds_live_page_toggle_pause (AXDS_WINDOW (widget)->live_page);
}

static void
navigate_back_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  axds_page_navigate_back (AXDS_PAGE (AXDS_WINDOW (widget)->live_page));
}

static void
raw_attached_cb (AxdsWindow    *self,
                 AxdsArrayItem *item)
{
  g_autofree char *message = NULL;

  axds_array_poller_add_raw (axds_live_page_get_poller (self->live_page), item);
  axds_live_page_select (self->live_page, axds_array_item_get_name (item));
  axds_page_show_content (AXDS_PAGE (self->live_page));

  /* Translators: %s is the name of a raw shared-memory buffer */
  message = g_strdup_printf (_("Attached to “%s”"), axds_array_item_get_name (item));
  axds_window_add_toast (self, message);
}

static void
attach_raw_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AxdsWindow *self = AXDS_WINDOW (widget);
  AxdsRawDialog *dialog;

  /* Ctrl+O opens what the visible page opens: on Archives an archive, even when the focus
   * is in the header bar rather than in the page. */
  if (g_strcmp0 (axds_window_get_page (self), "archives") == 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (self->archives_page), "archives.open-archive",
                                  NULL);
      return;
    }

  dialog = axds_raw_dialog_new (GTK_WINDOW (self));

  g_signal_connect_object (dialog, "attached", G_CALLBACK (raw_attached_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_image_response_cb (AxdsWindow           *self,
                        int                   response,
                        GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autofree char *path = NULL;
  GdkTexture *texture;

  if (response != GTK_RESPONSE_ACCEPT)
    goto out;

  texture = axds_array_view_get_texture (axds_live_page_get_view (self->live_page));
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = file ? g_file_get_path (file) : NULL;
  if (path == NULL)
    goto out;
  if (texture == NULL)
    {
      axds_window_add_toast (self, _("No image to save yet"));
      goto out;
    }

  if (gdk_texture_save_to_png (texture, path))
    {
      g_autofree char *basename = g_file_get_basename (file);
      /* Translators: %s is a file name */
      g_autofree char *message = g_strdup_printf (_("Saved “%s”"), basename);

      axds_window_add_toast (self, message);
      folder = g_file_get_parent (file);
      if (folder != NULL)
        {
          g_autofree char *folder_path = g_file_get_path (folder);
          if (folder_path != NULL)
            g_settings_set_string (self->settings, "last-folder", folder_path);
        }
    }
  else
    {
      axds_window_add_toast (self, _("Could not save the image"));
    }

out:
  g_object_unref (chooser);
}

static void
save_image_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AxdsWindow *self = AXDS_WINDOW (widget);
  AxdsArrayItem *item = axds_array_view_get_item (axds_live_page_get_view (self->live_page));
  g_autofree char *last_folder = g_settings_get_string (self->settings, "last-folder");
  g_autofree char *file_name = NULL;
  GtkFileChooserNative *chooser;

  if (item == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Save Image"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  file_name = g_strdup_printf ("%s.png", axds_array_item_get_name (item));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), file_name);
  if (last_folder != NULL && *last_folder != '\0')
    {
      g_autoptr(GFile) folder = g_file_new_for_path (last_folder);
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  g_signal_connect_object (chooser, "response", G_CALLBACK (save_image_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
new_task_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AxdsWindow *self = AXDS_WINDOW (widget);

  axds_window_set_page (self, "tasks");
  gtk_widget_activate_action_variant (GTK_WIDGET (self->tasks_page), "tasks.new", parameter);
}

/* The page's tab shows how many tasks run, and asks for attention while any do. */
static void
tasks_running_cb (AxdsWindow *self)
{
  AdwViewStackPage *page = adw_view_stack_get_page (self->pages, GTK_WIDGET (self->tasks_page));
  guint n = axds_tasks_page_get_n_running (self->tasks_page);

  adw_view_stack_page_set_badge_number (page, n);
  adw_view_stack_page_set_needs_attention (page, n > 0);
}

/* Ctrl+Shift+O: each page that has a folder to open gets it, wherever the focus is. */
static void
open_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AxdsWindow *self = AXDS_WINDOW (widget);
  const char *page = axds_window_get_page (self);

  if (g_strcmp0 (page, "pipelines") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self->pipelines_page), "pipelines.open-folder", NULL);
  else if (g_strcmp0 (page, "loggers") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self->loggers_page), "loggers.watch-folder", NULL);
  else if (g_strcmp0 (page, "archives") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self->archives_page), "archives.open-folder", NULL);
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  axds_window_set_page (AXDS_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* The back and attach buttons and the array count belong to the Live arrays page; narrow,
 * the back button takes the attach button's place (it is in the menu too). The Pipelines
 * page has its own. */
static void
axds_window_update_header (AxdsWindow *self)
{
  gboolean live = g_strcmp0 (axds_window_get_page (self), "live") == 0;
  gboolean back = live && axds_page_get_can_navigate_back (AXDS_PAGE (self->live_page));
  g_autofree char *subtitle = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), back);
  gtk_widget_set_visible (GTK_WIDGET (self->attach_button), live && !back);
  gtk_widget_set_visible (GTK_WIDGET (self->new_task_button),
                          g_strcmp0 (axds_window_get_page (self), "tasks") == 0);
  if (live)
    g_object_get (self->live_page, "subtitle", &subtitle, NULL);
  adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
}

static void
axds_window_update_switcher (AxdsWindow *self)
{
  GtkSelectionModel *model = adw_view_stack_get_pages (self->pages);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));
  guint n_visible = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (model), i);
      if (adw_view_stack_page_get_visible (page))
        n_visible++;
    }

  /* A switcher with a single page would be a lone button: show the title instead. */
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, n_visible > 1);
  g_object_unref (model);
}

static gboolean
axds_window_close_request (GtkWindow *window)
{
  AxdsWindow *self = AXDS_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_set_string (self->settings, "last-page", axds_window_get_page (self));
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (axds_window_parent_class)->close_request (window);
}

static void
axds_window_constructed (GObject *object)
{
  AxdsWindow *self = AXDS_WINDOW (object);
  g_autofree char *page = NULL;

  G_OBJECT_CLASS (axds_window_parent_class)->constructed (object);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  page = g_settings_get_string (self->settings, "last-page");
  axds_window_set_page (self, page);

}

/* The application is set after construction, so the menu from gtk/menus.ui comes here. */
static void
application_changed_cb (AxdsWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GMenu *menu = app != NULL ? gtk_application_get_menu_by_id (app, "primary_menu") : NULL;

  gtk_menu_button_set_menu_model (self->menu_button, G_MENU_MODEL (menu));
}

static void
axds_window_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  AxdsWindow *self = AXDS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DEMO_PIPELINE:
      g_value_set_object (value, self->demo_pipeline);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
axds_window_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  AxdsWindow *self = AXDS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DEMO_PIPELINE:
      if (g_set_object (&self->demo_pipeline, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
axds_window_dispose (GObject *object)
{
  AxdsWindow *self = (AxdsWindow *)object;

  g_clear_object (&self->demo_pipeline);
  gtk_widget_dispose_template (GTK_WIDGET (self), AXDS_TYPE_WINDOW);

  G_OBJECT_CLASS (axds_window_parent_class)->dispose (object);
}

static void
axds_window_finalize (GObject *object)
{
  AxdsWindow *self = (AxdsWindow *)object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (axds_window_parent_class)->finalize (object);
}

static void
axds_window_class_init (AxdsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = axds_window_constructed;
  object_class->get_property = axds_window_get_property;
  object_class->set_property = axds_window_set_property;
  object_class->dispose = axds_window_dispose;
  object_class->finalize = axds_window_finalize;

  /**
   * AxdsWindow:demo-pipeline:
   *
   * The application's demo trackers, handed on to the pages that show them: the one way the
   * demo reaches a page, so that no page needs to know the application.
   */
  properties[PROP_DEMO_PIPELINE] =
    g_param_spec_object ("demo-pipeline", NULL, NULL, AXDS_TYPE_DEMO_PIPELINE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  window_class->close_request = axds_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               AXDS_RESOURCE_PATH "axds-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AxdsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AxdsWindow, pages);
  gtk_widget_class_bind_template_child (widget_class, AxdsWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, AxdsWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, AxdsWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, AxdsWindow, attach_button);
  gtk_widget_class_bind_template_child (widget_class, AxdsWindow, live_page);
  gtk_widget_class_bind_template_child (widget_class, AxdsWindow, pipelines_page);
  gtk_widget_class_bind_template_child (widget_class, AxdsWindow, loggers_page);
  gtk_widget_class_bind_template_child (widget_class, AxdsWindow, tasks_page);
  gtk_widget_class_bind_template_child (widget_class, AxdsWindow, new_task_button);
  gtk_widget_class_bind_template_child (widget_class, AxdsWindow, archives_page);

  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-pause", NULL, toggle_pause_action);
  gtk_widget_class_install_action (widget_class, "win.navigate-back", NULL, navigate_back_action);
  gtk_widget_class_install_action (widget_class, "win.attach-raw", NULL, attach_raw_action);
  gtk_widget_class_install_action (widget_class, "win.save-image", NULL, save_image_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.open-folder", NULL, open_folder_action);
  gtk_widget_class_install_action (widget_class, "win.new-task", "s", new_task_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "win.toggle-pause", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "win.navigate-back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.attach-raw", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.open-folder", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "win.save-image", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK,
                                       "win.show-page", "s", "live");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK,
                                       "win.show-page", "s", "pipelines");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK,
                                       "win.show-page", "s", "loggers");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK,
                                       "win.show-page", "s", "archives");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_5, GDK_ALT_MASK,
                                       "win.show-page", "s", "tasks");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);

  g_type_ensure (AXDS_TYPE_LIVE_PAGE);
  g_type_ensure (AXDS_TYPE_PIPELINES_PAGE);
  g_type_ensure (AXDS_TYPE_LOGGERS_PAGE);
  g_type_ensure (AXDS_TYPE_TASKS_PAGE);
  g_type_ensure (AXDS_TYPE_ARCHIVES_PAGE);
}

static void
axds_window_init (AxdsWindow *self)
{
  AxdsArrayView *view;

  self->settings = g_settings_new (APP_ID);

  gtk_widget_init_template (GTK_WIDGET (self));

#ifdef DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif

  view = axds_live_page_get_view (self->live_page);
  g_signal_connect_object (view, "notify::item", G_CALLBACK (axds_window_update_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (view, "notify::kind", G_CALLBACK (axds_window_update_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->live_page, "notify::can-navigate-back",
                           G_CALLBACK (axds_window_update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->live_page, "notify::can-navigate-back",
                           G_CALLBACK (axds_window_update_header), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->live_page, "notify::subtitle",
                           G_CALLBACK (axds_window_update_header), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pages, "notify::visible-child",
                           G_CALLBACK (axds_window_update_header), self, G_CONNECT_SWAPPED);
  axds_window_update_header (self);

  g_signal_connect_object (self->tasks_page, "notify::n-running",
                           G_CALLBACK (tasks_running_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect (self, "notify::application", G_CALLBACK (application_changed_cb), NULL);
  g_object_bind_property (self, "demo-pipeline", self->pipelines_page, "demo-pipeline",
                          G_BINDING_SYNC_CREATE);

  axds_window_update_switcher (self);
  axds_window_update_actions (self);
}

/**
 * axds_window_new:
 * @application: (nullable): the application
 * @demo_pipeline: (nullable): the application's demo trackers
 *
 * Returns: a new window
 */
AxdsWindow *
axds_window_new (AdwApplication   *application,
                 AxdsDemoPipeline *demo_pipeline)
{
  return g_object_new (AXDS_TYPE_WINDOW,
                       "application", application,
                       "demo-pipeline", demo_pipeline,
                       NULL);
}

/**
 * axds_window_set_page:
 * @self: a window
 * @name: a page name, such as "live"
 *
 * Shows a page, if it exists and is visible.
 *
 * Returns: whether the page was shown
 */
gboolean
axds_window_set_page (AxdsWindow *self,
                      const char *name)
{
  AdwViewStackPage *page;
  GtkWidget *child;

  g_return_val_if_fail (AXDS_IS_WINDOW (self), FALSE);

  if (name == NULL)
    return FALSE;

  child = adw_view_stack_get_child_by_name (self->pages, name);
  if (child == NULL)
    return FALSE;

  page = adw_view_stack_get_page (self->pages, child);
  if (!adw_view_stack_page_get_visible (page))
    return FALSE;

  adw_view_stack_set_visible_child (self->pages, child);
  return TRUE;
}

const char *
axds_window_get_page (AxdsWindow *self)
{
  g_return_val_if_fail (AXDS_IS_WINDOW (self), NULL);
  return adw_view_stack_get_visible_child_name (self->pages);
}

/**
 * axds_window_get_live_page:
 * @self: a window
 *
 * Returns: (transfer none): the Live arrays page
 */
AxdsLivePage *
axds_window_get_live_page (AxdsWindow *self)
{
  g_return_val_if_fail (AXDS_IS_WINDOW (self), NULL);
  return self->live_page;
}

/**
 * axds_window_get_pipelines_page:
 * @self: a window
 *
 * Returns: (transfer none): the Pipelines page
 */
AxdsPipelinesPage *
axds_window_get_pipelines_page (AxdsWindow *self)
{
  g_return_val_if_fail (AXDS_IS_WINDOW (self), NULL);
  return self->pipelines_page;
}

/**
 * axds_window_get_loggers_page:
 * @self: a window
 *
 * Returns: (transfer none): the Loggers page
 */
AxdsLoggersPage *
axds_window_get_loggers_page (AxdsWindow *self)
{
  g_return_val_if_fail (AXDS_IS_WINDOW (self), NULL);
  return self->loggers_page;
}

/**
 * axds_window_get_tasks_page:
 * @self: a window
 *
 * Returns: (transfer none): the Tasks page
 */
AxdsTasksPage *
axds_window_get_tasks_page (AxdsWindow *self)
{
  g_return_val_if_fail (AXDS_IS_WINDOW (self), NULL);
  return self->tasks_page;
}

/**
 * axds_window_get_archives_page:
 * @self: a window
 *
 * Returns: (transfer none): the Archives page
 */
AxdsArchivesPage *
axds_window_get_archives_page (AxdsWindow *self)
{
  g_return_val_if_fail (AXDS_IS_WINDOW (self), NULL);
  return self->archives_page;
}

void
axds_window_add_toast (AxdsWindow *self,
                       const char *title)
{
  AdwToast *toast;

  g_return_if_fail (AXDS_IS_WINDOW (self));
  g_return_if_fail (title != NULL);

  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 3);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

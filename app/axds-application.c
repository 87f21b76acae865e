/* axds-application.c — the axds-monitor application
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Single instance: the command line of a second launch (`--demo`, `--page=NAME`) is handled
 * by the running instance, which presents its window. The demo acquisition belongs to the
 * application, not to a window, and is stopped in shutdown, which runs when the last window
 * closed — also when it is closed by the window manager. */

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>

#include "axds-application.h"
#include "axds-preferences-window.h"
#include "axds-window.h"

struct _AxdsApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  AxdsDemo       *demo;
  AxdsDemoPipeline *demo_pipeline;
  guint           sigint_id;
  guint           sigterm_id;
};

G_DEFINE_FINAL_TYPE (AxdsApplication, axds_application, ADW_TYPE_APPLICATION)

static AxdsWindow *
axds_application_get_window (AxdsApplication *self)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  for (GList *l = windows; l != NULL; l = l->next)
    if (AXDS_IS_WINDOW (l->data))
      return l->data;

  return NULL;
}

static void
axds_application_update_actions (AxdsApplication *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "demo");

  g_simple_action_set_state (G_SIMPLE_ACTION (action),
                             g_variant_new_boolean (axds_demo_get_running (self->demo)));
}

static void
producer_exited_cb (AxdsApplication *self,
                    const char      *kind)
{
  AxdsWindow *window = axds_application_get_window (self);
  g_autofree char *message = NULL;

  if (window == NULL)
    return;

  /* Translators: %s is the kind of simulated device, e.g. “camera” */
  message = g_strdup_printf (_("Demo producer “%s” stopped unexpectedly"), kind);
  axds_window_add_toast (window, message);
}

static void
demo_running_cb (AxdsApplication *self)
{
  axds_application_update_actions (self);
}

static void
color_scheme_changed_cb (AxdsApplication *self)
{
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");
  AdwColorScheme value = ADW_COLOR_SCHEME_DEFAULT;

  if (g_str_equal (scheme, "light"))
    value = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_str_equal (scheme, "dark"))
    value = ADW_COLOR_SCHEME_FORCE_DARK;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), value);
}

/* Ctrl+C in a terminal, or a session ending: quit through shutdown, which stops the demo. */
static gboolean
quit_signal_cb (gpointer user_data)
{
  g_action_group_activate_action (G_ACTION_GROUP (user_data), "quit", NULL);
  return G_SOURCE_CONTINUE;
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  AxdsApplication *self = user_data;
  GList *copy = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Close the windows, so that they save their state, rather than quitting under them. */
  for (GList *l = copy; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free (copy);
  g_application_quit (G_APPLICATION (self));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  AxdsApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  AxdsPreferencesWindow *window = axds_preferences_window_new (parent);

  gtk_window_present (GTK_WINDOW (window));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  AxdsApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "The Ataraxis Monitor authors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "application-name", _("Ataraxis Monitor"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Ataraxis Monitor authors"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Watch the shared-memory arrays of a running acquisition "
                                      "live. A C port of the ataraxis-data-structures "
                                      "library."),
                        "developers", developers,
                        "copyright", "© 2026 The Ataraxis Monitor authors",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: your names, one a line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  /* No web page or issue tracker of the monitor's own yet: only the library it ports. */
  adw_about_window_add_link (ADW_ABOUT_WINDOW (about), _("_Python Library"),
                             "https://github.com/Sun-Lab-NBB/ataraxis-data-structures");
  gtk_window_present (GTK_WINDOW (about));
}

static void
demo_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  AxdsApplication *self = user_data;
  g_autoptr(GError) error = NULL;

  if (axds_demo_get_running (self->demo))
    {
      axds_application_stop_demo (self);
      return;
    }

  if (!axds_application_start_demo (self, &error))
    {
      AxdsWindow *window = axds_application_get_window (self);
      if (window != NULL)
        axds_window_add_toast (window, error->message);
      else
        g_warning ("%s", error->message);
    }
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "preferences", preferences_action },
  { "about", about_action },
  { "demo", demo_action, NULL, "false" },
};

static void
axds_application_startup (GApplication *application)
{
  AxdsApplication *self = AXDS_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *demo_accels[] = { "<Control>d", NULL };

  G_APPLICATION_CLASS (axds_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.demo", demo_accels);

  self->sigint_id = g_unix_signal_add (SIGINT, quit_signal_cb, self);
  self->sigterm_id = g_unix_signal_add (SIGTERM, quit_signal_cb, self);

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (color_scheme_changed_cb), self, G_CONNECT_SWAPPED);
  color_scheme_changed_cb (self);

  g_signal_connect_object (self->demo, "producer-exited", G_CALLBACK (producer_exited_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->demo, "notify::running", G_CALLBACK (demo_running_cb), self,
                           G_CONNECT_SWAPPED);
  axds_application_update_actions (self);
}

static void
axds_application_shutdown (GApplication *application)
{
  AxdsApplication *self = AXDS_APPLICATION (application);

  /* Whatever closed the last window: leave no process and no segment behind. */
  axds_demo_stop (self->demo);
  g_clear_handle_id (&self->sigint_id, g_source_remove);
  g_clear_handle_id (&self->sigterm_id, g_source_remove);

  G_APPLICATION_CLASS (axds_application_parent_class)->shutdown (application);
}

static void
axds_application_activate (GApplication *application)
{
  AxdsApplication *self = AXDS_APPLICATION (application);
  AxdsWindow *window = axds_application_get_window (self);

  if (window == NULL)
    window = axds_window_new (ADW_APPLICATION (self), self->demo_pipeline);

  gtk_window_present (GTK_WINDOW (window));
}

static int
axds_application_command_line (GApplication            *application,
                               GApplicationCommandLine *command_line)
{
  AxdsApplication *self = AXDS_APPLICATION (application);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  const char *page = NULL;
  g_autoptr(GError) error = NULL;
  AxdsWindow *window;

  g_variant_dict_lookup (options, "page", "&s", &page);

  if (g_variant_dict_contains (options, "demo") && !axds_application_start_demo (self, &error))
    {
      g_application_command_line_printerr (command_line, "axds-monitor: %s\n", error->message);
      return 1;
    }

  g_application_activate (application);
  window = axds_application_get_window (self);

  if (page != NULL && window != NULL && !axds_window_set_page (window, page))
    g_application_command_line_printerr (command_line,
                                         /* Translators: %s is what the user gave as --page */
                                         _("axds-monitor: no page “%s”; the pages are: live, pipelines, loggers, archives, tasks\n"),
                                         page);

  return 0;
}

static int
axds_application_handle_local_options (GApplication *application,
                                       GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("axds-monitor %s\n", PACKAGE_VERSION);
      return 0;
    }

  return -1;
}

static void
axds_application_dispose (GObject *object)
{
  AxdsApplication *self = (AxdsApplication *)object;

  if (self->demo != NULL)
    axds_demo_stop (self->demo);
  g_clear_object (&self->demo_pipeline);
  g_clear_object (&self->demo);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (axds_application_parent_class)->dispose (object);
}

static void
axds_application_class_init (AxdsApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = axds_application_dispose;

  app_class->startup = axds_application_startup;
  app_class->shutdown = axds_application_shutdown;
  app_class->activate = axds_application_activate;
  app_class->command_line = axds_application_command_line;
  app_class->handle_local_options = axds_application_handle_local_options;
}

static void
axds_application_init (AxdsApplication *self)
{
  const GOptionEntry entries[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Start the demo acquisition"), NULL },
    { "page", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Show a page of the window: live, pipelines, loggers, archives, tasks"), N_("NAME") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Watch the shared-memory arrays of a running "
                                              "acquisition live."));

  self->demo = axds_demo_new (NULL);
  self->demo_pipeline = axds_demo_pipeline_new (self->demo);
}

/**
 * axds_application_new:
 * @flags: extra flags; tests add %G_APPLICATION_NON_UNIQUE
 *
 * Returns: (transfer full): the application
 */
AxdsApplication *
axds_application_new (GApplicationFlags flags)
{
  return g_object_new (AXDS_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", flags | G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/edu/cornell/SunLab/AtaraxisMonitor",
                       NULL);
}

/**
 * axds_application_get_demo:
 * @self: the application
 *
 * Returns: (transfer none): the demo acquisition, running or not
 */
AxdsDemo *
axds_application_get_demo (AxdsApplication *self)
{
  g_return_val_if_fail (AXDS_IS_APPLICATION (self), NULL);
  return self->demo;
}

/**
 * axds_application_get_demo_pipeline:
 * @self: the application
 *
 * Returns: (transfer none): the demo's trackers, which run while the demo does
 */
AxdsDemoPipeline *
axds_application_get_demo_pipeline (AxdsApplication *self)
{
  g_return_val_if_fail (AXDS_IS_APPLICATION (self), NULL);
  return self->demo_pipeline;
}

gboolean
axds_application_start_demo (AxdsApplication  *self,
                             GError          **error)
{
  AxdsWindow *window;

  g_return_val_if_fail (AXDS_IS_APPLICATION (self), FALSE);

  if (!axds_demo_start (self->demo, error))
    return FALSE;

  window = axds_application_get_window (self);
  if (window != NULL)
    axds_window_add_toast (window, _("Demo acquisition started"));
  return TRUE;
}

void
axds_application_stop_demo (AxdsApplication *self)
{
  AxdsWindow *window;

  g_return_if_fail (AXDS_IS_APPLICATION (self));

  axds_demo_stop (self->demo);

  window = axds_application_get_window (self);
  if (window != NULL)
    axds_window_add_toast (window, _("Demo acquisition stopped"));
}

/* axds-preferences-window.c — the Preferences window
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "axds-preferences-window.h"

struct _AxdsPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  GtkSpinButton        *refresh_rate_spin;
  GtkSpinButton        *history_spin;
  AdwComboRow          *colormap_row;
  AdwComboRow          *style_row;

  /* Owned references */
  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (AxdsPreferencesWindow, axds_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* Combo rows select by position; the schema stores names. The choices arrays are in the
 * order of the rows' string lists in the template. */
static const char *colormap_choices[] = { "gray", "viridis", "inferno", "magma", NULL };
static const char *style_choices[] = { "default", "light", "dark", NULL };

static gboolean
choice_get_mapping (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  const char **choices = user_data;
  const char *name = g_variant_get_string (variant, NULL);

  for (guint i = 0; choices[i] != NULL; i++)
    if (g_strcmp0 (choices[i], name) == 0)
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
choice_set_mapping (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  const char **choices = user_data;
  guint index = g_value_get_uint (value);

  if (index >= g_strv_length ((char **)choices))
    return NULL;
  return g_variant_new_string (choices[index]);
}

static void
axds_preferences_window_dispose (GObject *object)
{
  AxdsPreferencesWindow *self = (AxdsPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), AXDS_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (axds_preferences_window_parent_class)->dispose (object);
}

static void
axds_preferences_window_class_init (AxdsPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = axds_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, AXDS_RESOURCE_PATH
                                               "axds-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AxdsPreferencesWindow, refresh_rate_spin);
  gtk_widget_class_bind_template_child (widget_class, AxdsPreferencesWindow, history_spin);
  gtk_widget_class_bind_template_child (widget_class, AxdsPreferencesWindow, colormap_row);
  gtk_widget_class_bind_template_child (widget_class, AxdsPreferencesWindow, style_row);
}

static void
axds_preferences_window_init (AxdsPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "refresh-rate", self->refresh_rate_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "history-seconds", self->history_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "colormap", self->colormap_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, choice_get_mapping, choice_set_mapping,
                                colormap_choices, NULL);
  g_settings_bind_with_mapping (self->settings, "color-scheme", self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, choice_get_mapping, choice_set_mapping,
                                style_choices, NULL);
}

AxdsPreferencesWindow *
axds_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (AXDS_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
}

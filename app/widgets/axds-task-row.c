/* axds-task-row.c — a task in the Tasks page's lists: progress while it runs, result after
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Everything shown is bound in ui/axds-task-row.ui to the task's properties, which change on
 * the main thread only; the code here copies the result and colours the status line. */

#include "config.h"

#include <glib/gi18n.h>

#include "format/axds-format.h"
#include "axds-task-row.h"

struct _AxdsTaskRow
{
  GtkListBoxRow   parent_instance;

  /* Template widgets */
  GtkLabel       *status_label;
  GtkButton      *copy_button;
  GtkButton      *cancel_button;
  GtkProgressBar *progress_bar;
  GtkLabel       *error_label;
  GtkExpander    *error_expander;

  /* Owned references */
  AxdsTask       *task;
};

G_DEFINE_FINAL_TYPE (AxdsTaskRow, axds_task_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_TASK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
nonempty_cb (gpointer    unused,
             const char *text)
{
  return text != NULL && *text != '\0';
}

/* Paths with the home folder as ~; the subtitle's tooltip keeps them in full. */
static char *
format_path_cb (gpointer    unused,
                const char *text)
{
  return axds_format_path (text);
}

static void
copy_clicked_cb (AxdsTaskRow *self)
{
  const char *result = axds_task_get_result (self->task);

  if (result == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), result);
  /* The page says so in a toast. */
  gtk_widget_activate_action (GTK_WIDGET (self), "tasks.result-copied", NULL);
}

static void
cancel_clicked_cb (AxdsTaskRow *self)
{
  axds_task_cancel (self->task);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), FALSE);
}

static void
state_changed_cb (AxdsTaskRow *self)
{
  static const char *const classes[] = { "accent", "success", "error", "warning" };
  const char *wanted = NULL;

  switch (axds_task_get_state (self->task))
    {
    case AXDS_TASK_STATE_RUNNING:
      wanted = "accent";
      break;
    case AXDS_TASK_STATE_SUCCEEDED:
      wanted = "success";
      break;
    case AXDS_TASK_STATE_FAILED:
      wanted = "error";
      break;
    case AXDS_TASK_STATE_CANCELLED:
      wanted = "warning";
      break;
    case AXDS_TASK_STATE_READY:
    default:
      break;
    }
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    {
      if (g_strcmp0 (classes[i], wanted) == 0)
        gtk_widget_add_css_class (GTK_WIDGET (self->status_label), classes[i]);
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), classes[i]);
    }
}

static void
axds_task_row_constructed (GObject *object)
{
  AxdsTaskRow *self = AXDS_TASK_ROW (object);

  G_OBJECT_CLASS (axds_task_row_parent_class)->constructed (object);

  /* The template's bindings were made before the task was set: let them look again. */
  g_object_notify_by_pspec (object, properties[PROP_TASK]);

  /* Several rows have these buttons: a screen reader names the task each one acts on. */
  {
    /* Translators: accessible name of a task's cancel button; %s is the task's title */
    g_autofree char *cancel = g_strdup_printf (_("Cancel %s"), axds_task_get_title (self->task));
    /* Translators: accessible name of a task's copy button; %s is the task's title */
    g_autofree char *copy = g_strdup_printf (_("Copy the Checksum of %s"),
                                             axds_task_get_title (self->task));

    gtk_accessible_update_property (GTK_ACCESSIBLE (self->cancel_button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, cancel, -1);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->copy_button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, copy, -1);
  }
  g_signal_connect_object (self->task, "notify::state", G_CALLBACK (state_changed_cb), self,
                           G_CONNECT_SWAPPED);
  state_changed_cb (self);
}

static void
axds_task_row_dispose (GObject *object)
{
  AxdsTaskRow *self = (AxdsTaskRow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), AXDS_TYPE_TASK_ROW);
  g_clear_object (&self->task);

  G_OBJECT_CLASS (axds_task_row_parent_class)->dispose (object);
}

static void
axds_task_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AxdsTaskRow *self = AXDS_TASK_ROW (object);

  switch (prop_id)
    {
    case PROP_TASK:
      g_value_set_object (value, self->task);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
axds_task_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  AxdsTaskRow *self = AXDS_TASK_ROW (object);

  switch (prop_id)
    {
    case PROP_TASK:
      self->task = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
axds_task_row_class_init (AxdsTaskRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = axds_task_row_constructed;
  object_class->dispose = axds_task_row_dispose;
  object_class->get_property = axds_task_row_get_property;
  object_class->set_property = axds_task_row_set_property;

  properties[PROP_TASK] =
    g_param_spec_object ("task", NULL, NULL, AXDS_TYPE_TASK,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               AXDS_RESOURCE_PATH "axds-task-row.ui");
  gtk_widget_class_bind_template_child (widget_class, AxdsTaskRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, AxdsTaskRow, copy_button);
  gtk_widget_class_bind_template_child (widget_class, AxdsTaskRow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, AxdsTaskRow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, AxdsTaskRow, error_label);
  gtk_widget_class_bind_template_child (widget_class, AxdsTaskRow, error_expander);
  gtk_widget_class_bind_template_callback (widget_class, nonempty_cb);
  gtk_widget_class_bind_template_callback (widget_class, format_path_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
}

static void
axds_task_row_init (AxdsTaskRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
axds_task_row_new (AxdsTask *task)
{
  g_return_val_if_fail (AXDS_IS_TASK (task), NULL);
  return g_object_new (AXDS_TYPE_TASK_ROW, "task", task, NULL);
}

AxdsTask *
axds_task_row_get_task (AxdsTaskRow *self)
{
  g_return_val_if_fail (AXDS_IS_TASK_ROW (self), NULL);
  return self->task;
}

GtkProgressBar *
axds_task_row_get_progress_bar (AxdsTaskRow *self)
{
  g_return_val_if_fail (AXDS_IS_TASK_ROW (self), NULL);
  return self->progress_bar;
}

GtkButton *
axds_task_row_get_cancel_button (AxdsTaskRow *self)
{
  g_return_val_if_fail (AXDS_IS_TASK_ROW (self), NULL);
  return self->cancel_button;
}

GtkButton *
axds_task_row_get_copy_button (AxdsTaskRow *self)
{
  g_return_val_if_fail (AXDS_IS_TASK_ROW (self), NULL);
  return self->copy_button;
}

GtkLabel *
axds_task_row_get_error_label (AxdsTaskRow *self)
{
  g_return_val_if_fail (AXDS_IS_TASK_ROW (self), NULL);
  return self->error_label;
}

GtkExpander *
axds_task_row_get_error_expander (AxdsTaskRow *self)
{
  g_return_val_if_fail (AXDS_IS_TASK_ROW (self), NULL);
  return self->error_expander;
}

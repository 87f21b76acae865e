/* axds-raw-dialog.c — asks for the name, dtype and shape of a raw buffer to attach to
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Buffers made by Python's multiprocessing.shared_memory (SharedMemoryArray) have no header,
 * so the monitor cannot list them or know their layout: the user names them and gives the
 * dtype and shape they were made with. The dialog checks the connection before closing, so a
 * wrong name or a buffer too small for the shape is reported right there. */

#include "config.h"

#include <glib/gi18n.h>

#include "axds-raw-dialog.h"
#include "models/axds-array-item.h"

struct _AxdsRawDialog
{
  AdwWindow      parent_instance;

  /* Template widgets */
  AdwEntryRow   *name_row;
  AdwComboRow   *dtype_row;
  AdwEntryRow   *shape_row;
  GtkLabel      *error_label;
  GtkButton     *attach_button;

  /* Owned references */
  GSettings     *settings;
  GtkStringList *dtypes;
};

enum {
  ATTACHED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (AxdsRawDialog, axds_raw_dialog, ADW_TYPE_WINDOW)

static guint signals[N_SIGNALS];

static AxdsDtype
selected_dtype (AxdsRawDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->dtype_row);

  if (selected == GTK_INVALID_LIST_POSITION)
    return AXDS_DTYPE_INVALID;
  return (AxdsDtype)(AXDS_DTYPE_BOOL + selected);
}

static void
input_changed_cb (AxdsRawDialog *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  const char *shape = gtk_editable_get_text (GTK_EDITABLE (self->shape_row));

  gtk_widget_set_sensitive (GTK_WIDGET (self->attach_button), *name != '\0' && *shape != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static void
attach_cb (AxdsRawDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->attach_button)))
    return;

  if (!axds_raw_dialog_attach (self, &error))
    {
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

static void
axds_raw_dialog_dispose (GObject *object)
{
  AxdsRawDialog *self = (AxdsRawDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), AXDS_TYPE_RAW_DIALOG);
  g_clear_object (&self->settings);
  g_clear_object (&self->dtypes);

  G_OBJECT_CLASS (axds_raw_dialog_parent_class)->dispose (object);
}

static void
axds_raw_dialog_class_init (AxdsRawDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = axds_raw_dialog_dispose;

  /**
   * AxdsRawDialog::attached:
   * @self: the dialog
   * @item: the raw buffer, connected once to check it
   *
   * Emitted when the user attached to a buffer.
   */
  signals[ATTACHED] =
    g_signal_new ("attached",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, AXDS_TYPE_ARRAY_ITEM);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               AXDS_RESOURCE_PATH "axds-raw-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AxdsRawDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, AxdsRawDialog, dtype_row);
  gtk_widget_class_bind_template_child (widget_class, AxdsRawDialog, shape_row);
  gtk_widget_class_bind_template_child (widget_class, AxdsRawDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, AxdsRawDialog, attach_button);
  gtk_widget_class_bind_template_callback (widget_class, input_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, attach_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
axds_raw_dialog_init (AxdsRawDialog *self)
{
  g_autofree char *name = NULL;
  g_autofree char *dtype = NULL;
  g_autofree char *shape = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* “<f8 · float64”: the NumPy string people type, and the name they know. */
  self->dtypes = gtk_string_list_new (NULL);
  for (AxdsDtype d = AXDS_DTYPE_BOOL; d < AXDS_DTYPE_LAST; d++)
    {
      g_autofree char *label = g_strdup_printf ("%s · %s", axds_dtype_to_string (d),
                                                axds_dtype_get_name (d));
      gtk_string_list_append (self->dtypes, label);
    }
  adw_combo_row_set_model (self->dtype_row, G_LIST_MODEL (self->dtypes));

  self->settings = g_settings_new (APP_ID);
  name = g_settings_get_string (self->settings, "last-raw-name");
  dtype = g_settings_get_string (self->settings, "last-raw-dtype");
  shape = g_settings_get_string (self->settings, "last-raw-shape");
  axds_raw_dialog_fill (self, name, dtype, shape);
}

/**
 * axds_raw_dialog_new:
 * @parent: the window the dialog belongs to
 *
 * Returns: (transfer none): a new modal dialog, owned by GTK until it closes
 */
AxdsRawDialog *
axds_raw_dialog_new (GtkWindow *parent)
{
  return g_object_new (AXDS_TYPE_RAW_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
}

/**
 * axds_raw_dialog_fill:
 * @self: a dialog
 * @name: (nullable): a buffer name
 * @dtype: (nullable): a NumPy type string such as `<f8`
 * @shape: (nullable): a shape such as `480,640`
 *
 * Fills the fields.
 */
void
axds_raw_dialog_fill (AxdsRawDialog *self,
                      const char    *name,
                      const char    *dtype,
                      const char    *shape)
{
  AxdsDtype value;

  g_return_if_fail (AXDS_IS_RAW_DIALOG (self));

  if (name != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
  if (shape != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->shape_row), shape);
  if (dtype != NULL && axds_dtype_from_string (dtype, &value, NULL) && value >= AXDS_DTYPE_BOOL)
    adw_combo_row_set_selected (self->dtype_row, value - AXDS_DTYPE_BOOL);

  input_changed_cb (self);
}

/**
 * axds_raw_dialog_attach:
 * @self: a dialog
 * @error: return location for an error
 *
 * Checks the fields, connects to the buffer once and emits #AxdsRawDialog::attached.
 *
 * Returns: %TRUE on success
 */
gboolean
axds_raw_dialog_attach (AxdsRawDialog  *self,
                        GError        **error)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  const char *shape_text = gtk_editable_get_text (GTK_EDITABLE (self->shape_row));
  AxdsDtype dtype = selected_dtype (self);
  guint64 shape[AXDS_MAX_DIMS];
  guint ndim = 0;
  g_autoptr(AxdsArrayItem) item = NULL;
  g_autoptr(AxdsSharedArray) array = NULL;

  g_return_val_if_fail (AXDS_IS_RAW_DIALOG (self), FALSE);

  /* Python's SharedMemory names may carry the leading slash of the POSIX name. */
  if (name[0] == '/')
    name++;

  if (!axds_shared_array_validate_name (name, error))
    return FALSE;
  if (!axds_shape_parse (shape_text, &ndim, shape, error))
    return FALSE;

  item = axds_array_item_new_raw (name, dtype, ndim, shape);
  array = axds_array_item_open (item, error);
  if (array == NULL)
    return FALSE;

  g_settings_delay (self->settings);
  g_settings_set_string (self->settings, "last-raw-name", name);
  g_settings_set_string (self->settings, "last-raw-dtype", axds_dtype_to_string (dtype));
  g_settings_set_string (self->settings, "last-raw-shape", shape_text);
  g_settings_apply (self->settings);

  g_signal_emit (self, signals[ATTACHED], 0, item);

  return TRUE;
}

/* axds-task-dialog.c — the form that starts a checksum, transfer, delete or assembly task
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One template holds the rows of every kind; the kind given at construction shows its own
 * and names the responses. Paths can be typed or chosen; “Start” is enabled only while the
 * form names an existing folder (and, for a transfer, a different destination), so a task
 * never starts from a form that cannot work. */

#include "config.h"

#include <glib/gi18n.h>

#include "format/axds-format.h"
#include "axds-task-dialog.h"

struct _AxdsTaskDialog
{
  AdwMessageDialog  parent_instance;

  /* Template widgets */
  AdwEntryRow      *folder_row;
  AdwEntryRow      *destination_row;
  GtkWidget        *options_group;
  GtkWidget        *workers_row;
  GtkSpinButton    *workers_spin;
  GtkWidget        *save_row;
  GtkSwitch        *save_switch;
  AdwEntryRow      *exclude_row;
  GtkWidget        *verify_row;
  GtkSwitch        *verify_switch;
  GtkWidget        *remove_source_row;
  GtkSwitch        *remove_source_switch;
  GtkWidget        *reset_row;
  GtkSwitch        *reset_switch;
  GtkWidget        *keep_sources_row;
  GtkSwitch        *keep_sources_switch;

  AxdsTaskKind      kind;
};

G_DEFINE_FINAL_TYPE (AxdsTaskDialog, axds_task_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  PROP_0,
  PROP_KIND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Paths show with the home folder as ~, and ~ typed means it too. */
static char *
row_path (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  return axds_parse_home_path (text, g_get_home_dir ());
}

static void
row_set_path (AdwEntryRow *row,
              const char  *path)
{
  g_autofree char *shown = axds_format_path (path != NULL ? path : "");

  gtk_editable_set_text (GTK_EDITABLE (row), shown);
}

static void
mark_row (AdwEntryRow *row,
          gboolean     wrong)
{
  if (wrong)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

/**
 * axds_task_dialog_get_valid:
 * @self: a dialog
 *
 * Returns: whether the form describes a task that can start
 */
gboolean
axds_task_dialog_get_valid (AxdsTaskDialog *self)
{
  g_autofree char *folder = NULL;
  g_autofree char *destination = NULL;
  gboolean folder_ok, destination_ok = TRUE;

  g_return_val_if_fail (AXDS_IS_TASK_DIALOG (self), FALSE);

  folder = row_path (self->folder_row);
  folder_ok = *folder != '\0' && g_file_test (folder, G_FILE_TEST_IS_DIR);
  /* Only what was typed is marked: an empty row is not wrong yet. */
  mark_row (self->folder_row, *folder != '\0' && !folder_ok);

  if (self->kind == AXDS_TASK_KIND_TRANSFER)
    {
      destination = row_path (self->destination_row);
      destination_ok = *destination != '\0' && g_strcmp0 (destination, folder) != 0;
      mark_row (self->destination_row, *destination != '\0' && !destination_ok);
    }
  return folder_ok && destination_ok;
}

static void
input_changed_cb (AxdsTaskDialog *self)
{
  gboolean keep = gtk_switch_get_active (self->keep_sources_switch);

  /* Sources are only removed after verification, as `axds log assemble` does it. */
  if (self->kind == AXDS_TASK_KIND_ASSEMBLE)
    {
      if (!keep)
        gtk_switch_set_active (self->verify_switch, TRUE);
      gtk_widget_set_sensitive (self->verify_row, keep);
    }
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "start",
                                           axds_task_dialog_get_valid (self));
}

typedef struct
{
  AxdsTaskDialog *self;
  AdwEntryRow    *row;
} Choice;

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     Choice          *choice)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        row_set_path (choice->row, path);
    }
  g_object_unref (choice->self);
  g_free (choice);
  g_object_unref (chooser);
}

static void
choose (AxdsTaskDialog *self,
        AdwEntryRow    *row,
        const char     *title)
{
  GtkFileChooserNative *chooser;
  g_autofree char *current = row_path (row);
  Choice *choice = g_new0 (Choice, 1);

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Select"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (*current != '\0' && g_file_test (current, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (current);
      gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  choice->self = g_object_ref (self);
  choice->row = row;
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), choice);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
choose_folder_cb (AxdsTaskDialog *self)
{
  choose (self, self->folder_row, _("Choose Folder"));
}

static void
choose_destination_cb (AxdsTaskDialog *self)
{
  choose (self, self->destination_row, _("Choose Destination"));
}

static void
axds_task_dialog_constructed (GObject *object)
{
  AxdsTaskDialog *self = AXDS_TASK_DIALOG (object);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);
  gboolean transfer = self->kind == AXDS_TASK_KIND_TRANSFER;
  gboolean checksum = self->kind == AXDS_TASK_KIND_CHECKSUM;
  gboolean assemble = self->kind == AXDS_TASK_KIND_ASSEMBLE;

  G_OBJECT_CLASS (axds_task_dialog_parent_class)->constructed (object);

  gtk_widget_set_visible (GTK_WIDGET (self->destination_row), transfer);
  gtk_widget_set_visible (self->options_group, self->kind != AXDS_TASK_KIND_DELETE);
  gtk_widget_set_visible (self->save_row, checksum);
  gtk_widget_set_visible (GTK_WIDGET (self->exclude_row), checksum);
  gtk_widget_set_visible (self->verify_row, transfer || assemble);
  gtk_widget_set_visible (self->remove_source_row, transfer);
  gtk_widget_set_visible (self->reset_row, transfer);
  gtk_widget_set_visible (self->keep_sources_row, assemble);

  switch (self->kind)
    {
    case AXDS_TASK_KIND_CHECKSUM:
      adw_message_dialog_set_heading (dialog, _("Checksum Folder"));
      adw_message_dialog_set_body (dialog, _("Computes the XXH3-128 checksum of every file in "
                                             "the folder, as ataraxis-data-structures does."));
      break;
    case AXDS_TASK_KIND_TRANSFER:
      adw_message_dialog_set_heading (dialog, _("Transfer Folder"));
      adw_message_dialog_set_body (dialog, _("Copies the folder to the destination; files "
                                             "already there are kept when they match."));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->folder_row), _("Source"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->workers_row),
                                     _("Copy Threads"));
      break;
    case AXDS_TASK_KIND_DELETE:
      adw_message_dialog_set_heading (dialog, _("Delete Folder"));
      adw_message_dialog_set_body (dialog, _("Removes the folder and everything in it. You "
                                             "will be asked to confirm."));
      adw_message_dialog_set_response_label (dialog, "start", _("_Delete…"));
      adw_message_dialog_set_response_appearance (dialog, "start", ADW_RESPONSE_DESTRUCTIVE);
      break;
    case AXDS_TASK_KIND_ASSEMBLE:
    default:
      adw_message_dialog_set_heading (dialog, _("Assemble Log Archives"));
      adw_message_dialog_set_body (dialog, _("Gathers a data logger’s .npy entries into one "
                                             ".npz archive per source. Archives are verified "
                                             "before the entries are removed."));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->folder_row), _("Log Folder"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->workers_row),
                                   _("0 uses the processors minus two"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->verify_row),
                                   _("Check the archives against the entries"));
      break;
    }
  input_changed_cb (self);
}

static void
axds_task_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), AXDS_TYPE_TASK_DIALOG);

  G_OBJECT_CLASS (axds_task_dialog_parent_class)->dispose (object);
}

static void
axds_task_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AxdsTaskDialog *self = AXDS_TASK_DIALOG (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
axds_task_dialog_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AxdsTaskDialog *self = AXDS_TASK_DIALOG (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
axds_task_dialog_class_init (AxdsTaskDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = axds_task_dialog_constructed;
  object_class->dispose = axds_task_dialog_dispose;
  object_class->get_property = axds_task_dialog_get_property;
  object_class->set_property = axds_task_dialog_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, AXDS_TYPE_TASK_KIND, AXDS_TASK_KIND_CHECKSUM,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               AXDS_RESOURCE_PATH "axds-task-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AxdsTaskDialog, folder_row);
  gtk_widget_class_bind_template_child (widget_class, AxdsTaskDialog, destination_row);
  gtk_widget_class_bind_template_child (widget_class, AxdsTaskDialog, options_group);
  gtk_widget_class_bind_template_child (widget_class, AxdsTaskDialog, workers_row);
  gtk_widget_class_bind_template_child (widget_class, AxdsTaskDialog, workers_spin);
  gtk_widget_class_bind_template_child (widget_class, AxdsTaskDialog, save_row);
  gtk_widget_class_bind_template_child (widget_class, AxdsTaskDialog, save_switch);
  gtk_widget_class_bind_template_child (widget_class, AxdsTaskDialog, exclude_row);
  gtk_widget_class_bind_template_child (widget_class, AxdsTaskDialog, verify_row);
  gtk_widget_class_bind_template_child (widget_class, AxdsTaskDialog, verify_switch);
  gtk_widget_class_bind_template_child (widget_class, AxdsTaskDialog, remove_source_row);
  gtk_widget_class_bind_template_child (widget_class, AxdsTaskDialog, remove_source_switch);
  gtk_widget_class_bind_template_child (widget_class, AxdsTaskDialog, reset_row);
  gtk_widget_class_bind_template_child (widget_class, AxdsTaskDialog, reset_switch);
  gtk_widget_class_bind_template_child (widget_class, AxdsTaskDialog, keep_sources_row);
  gtk_widget_class_bind_template_child (widget_class, AxdsTaskDialog, keep_sources_switch);
  gtk_widget_class_bind_template_callback (widget_class, input_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_folder_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_destination_cb);
}

static void
axds_task_dialog_init (AxdsTaskDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * axds_task_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @kind: the kind of task the form starts
 *
 * Returns: (transfer full): a new form, not shown yet
 */
AxdsTaskDialog *
axds_task_dialog_new (GtkWindow    *parent,
                      AxdsTaskKind  kind)
{
  return g_object_new (AXDS_TYPE_TASK_DIALOG,
                       "transient-for", parent,
                       "kind", kind,
                       NULL);
}

AxdsTaskKind
axds_task_dialog_get_kind (AxdsTaskDialog *self)
{
  g_return_val_if_fail (AXDS_IS_TASK_DIALOG (self), 0);
  return self->kind;
}

void
axds_task_dialog_set_folder (AxdsTaskDialog *self,
                             const char     *path)
{
  g_return_if_fail (AXDS_IS_TASK_DIALOG (self));
  row_set_path (self->folder_row, path);
}

void
axds_task_dialog_set_destination (AxdsTaskDialog *self,
                                  const char     *path)
{
  g_return_if_fail (AXDS_IS_TASK_DIALOG (self));
  row_set_path (self->destination_row, path);
}

/**
 * axds_task_dialog_dup_folder:
 * @self: a dialog
 *
 * Returns: (transfer full): the folder typed or chosen, trimmed
 */
char *
axds_task_dialog_dup_folder (AxdsTaskDialog *self)
{
  g_return_val_if_fail (AXDS_IS_TASK_DIALOG (self), NULL);
  return row_path (self->folder_row);
}

/**
 * axds_task_dialog_create_task:
 * @self: a dialog whose form is valid
 *
 * Returns: (transfer full) (nullable): a task as the form describes it, not started; %NULL
 *   when the form is not valid
 */
AxdsTask *
axds_task_dialog_create_task (AxdsTaskDialog *self)
{
  g_autofree char *folder = NULL;
  g_autofree char *destination = NULL;
  guint workers;

  g_return_val_if_fail (AXDS_IS_TASK_DIALOG (self), NULL);

  if (!axds_task_dialog_get_valid (self))
    return NULL;

  folder = row_path (self->folder_row);
  destination = row_path (self->destination_row);
  workers = (guint) gtk_spin_button_get_value_as_int (self->workers_spin);

  switch (self->kind)
    {
    case AXDS_TASK_KIND_CHECKSUM:
      {
        g_auto(GStrv) names = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (self->exclude_row)),
                                          ",", -1);
        g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
        g_auto(GStrv) excluded = NULL;

        for (guint i = 0; names[i] != NULL; i++)
          if (*g_strstrip (names[i]) != '\0')
            g_strv_builder_add (builder, names[i]);
        excluded = g_strv_builder_end (builder);
        /* Names besides ax_checksum.txt, which the library always skips. */
        return axds_task_new_checksum (folder, workers, gtk_switch_get_active (self->save_switch),
                                       (const char * const *) excluded);
      }
    case AXDS_TASK_KIND_TRANSFER:
      {
        AxdsTransferFlags flags = AXDS_TRANSFER_NONE;

        if (gtk_switch_get_active (self->verify_switch))
          flags |= AXDS_TRANSFER_VERIFY_INTEGRITY;
        if (gtk_switch_get_active (self->remove_source_switch))
          flags |= AXDS_TRANSFER_REMOVE_SOURCE;
        if (gtk_switch_get_active (self->reset_switch))
          flags |= AXDS_TRANSFER_RESET_DIRTY_DESTINATION;
        return axds_task_new_transfer (folder, destination, workers, flags);
      }
    case AXDS_TASK_KIND_DELETE:
      return axds_task_new_delete (folder);
    case AXDS_TASK_KIND_ASSEMBLE:
    default:
      {
        AxdsLogAssembleFlags flags = AXDS_LOG_ASSEMBLE_NONE;

        if (gtk_switch_get_active (self->keep_sources_switch))
          flags |= AXDS_LOG_ASSEMBLE_KEEP_SOURCES;
        if (gtk_switch_get_active (self->verify_switch) ||
            !gtk_switch_get_active (self->keep_sources_switch))
          flags |= AXDS_LOG_ASSEMBLE_VERIFY;
        return axds_task_new_assemble (folder, workers, flags);
      }
    }
}

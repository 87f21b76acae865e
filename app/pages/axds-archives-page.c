/* axds-archives-page.c — the Archives page: the sources and messages of data-logger output
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A leaflet of the sources found at the opened path and, for the selected one, its span, a
 * plot of its message rate, its messages and the payload of the selected message as a hex
 * dump. Opening indexes everything in a worker thread (AxdsLogSource); the worker reports
 * progress into a small shared state, and at most one short timeout at a time carries it to
 * the progress bar, so a million messages cost the main loop at most 25 updates a second. A
 * newer opening or Cancel cancels the running one; its late result is dropped. The message
 * table's model makes items on demand, so a source of millions of messages costs only the
 * rows on screen. */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "axds-archives-page.h"
#include "format/axds-format.h"
#include "format/axds-log-format.h"
#include "models/axds-log-message-list.h"

typedef enum
{
  CELL_INDEX,
  CELL_TIME,
  CELL_ELAPSED,
  CELL_SIZE,
} CellKind;

typedef enum
{
  FIELD_MESSAGES,
  FIELD_ONSET,
  FIELD_FIRST,
  FIELD_LAST,
  FIELD_DURATION,
  N_FIELDS
} Field;

static const char *field_names[N_FIELDS] = { "messages", "onset", "first", "last", "duration" };

/* Shared by the page and the worker of one opening; the page may go away first. */
typedef struct
{
  gatomicrefcount ref_count;
  GMutex          mutex;
  guint64         done;
  guint64         total;
  gboolean        pending;       /* a timeout is scheduled */
  GWeakRef        page;
  GCancellable   *cancellable;
  char           *path;
} Load;

struct _AxdsArchivesPage
{
  AxdsPage             parent_instance;

  /* Template widgets */
  AdwStatusPage       *loading_status;
  GtkProgressBar      *progress_bar;
  AdwStatusPage       *error_status;
  GtkImage            *opened_icon;
  GtkLabel            *opened_label;
  GtkListView         *source_list;
  GtkLabel            *problems_label;
  GtkLabel            *source_title;
  GtkLabel            *source_subtitle;
  GtkFlowBox          *summary_box;
  AxdsRatePlot        *rate_plot;
  GtkColumnView       *message_view;
  GtkColumnViewColumn *index_column;
  GtkColumnViewColumn *time_column;
  GtkColumnViewColumn *elapsed_column;
  GtkColumnViewColumn *size_column;
  GtkLabel            *dump_title;
  GtkTextView         *dump_view;

  /* Owned references */
  GListStore          *sources;
  GtkSingleSelection  *source_selection;
  GtkSingleSelection  *message_selection;
  Load                *load;          /* the opening in progress */
  char                *path;          /* the opened path */
  char                *error;
  char                *problems;
  GtkLabel            *summary[N_FIELDS];

  /* Borrowed references */
  AxdsLogSource       *source;        /* the selected source */
};

G_DEFINE_FINAL_TYPE (AxdsArchivesPage, axds_archives_page, AXDS_TYPE_PAGE)

static Load *
load_ref (Load *load)
{
  g_atomic_ref_count_inc (&load->ref_count);
  return load;
}

static void
load_unref (Load *load)
{
  if (!g_atomic_ref_count_dec (&load->ref_count))
    return;
  g_mutex_clear (&load->mutex);
  g_weak_ref_clear (&load->page);
  g_clear_object (&load->cancellable);
  g_free (load->path);
  g_free (load);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Load, load_unref)

/* Actions */

static void
update_actions (AxdsArchivesPage *self)
{
  axds_page_set_action_enabled (AXDS_PAGE (self), "archives.cancel", self->load != NULL);
}

/* Message cells */

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  CellKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "axds-kind"));
  GtkWidget *label = gtk_label_new (NULL);

  /* Indices line up on their last digit; the rest read from the left. */
  gtk_label_set_xalign (GTK_LABEL (label), kind == CELL_INDEX ? 1.0 : 0.0);
  gtk_widget_add_css_class (label, "numeric");
  if (kind == CELL_INDEX)
    gtk_widget_add_css_class (label, "dim-label");
  g_object_set_data (G_OBJECT (label), "axds-kind", GINT_TO_POINTER (kind));
  gtk_list_item_set_child (list_item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  AxdsLogMessageItem *item = gtk_list_item_get_item (list_item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));
  AxdsLogSource *source = axds_log_message_item_get_source (item);
  CellKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (label), "axds-kind"));
  guint64 elapsed = axds_log_message_item_get_elapsed (item);
  g_autofree char *text = NULL;

  gtk_widget_set_tooltip_text (GTK_WIDGET (label), NULL);
  switch (kind)
    {
    case CELL_INDEX:
      text = axds_format_count (axds_log_message_item_get_index (item));
      break;

    case CELL_TIME:
      text = axds_log_source_has_onset (source)
             ? axds_format_utc_us (axds_log_source_get_onset_us (source) + elapsed)
             : g_strdup ("—");
      break;

    case CELL_ELAPSED:
      text = axds_format_elapsed_us (elapsed);
      break;

    case CELL_SIZE:
    default:
      {
        g_autoptr(GError) error = NULL;
        GBytes *payload = axds_log_message_item_get_payload (item, &error);

        if (payload != NULL)
          text = axds_format_bytes (g_bytes_get_size (payload));
        else
          {
            /* Translators: the size of a message whose file could not be read */
            text = g_strdup (_("unreadable"));
            gtk_widget_set_tooltip_text (GTK_WIDGET (label), error->message);
          }
      }
      break;
    }
  gtk_label_set_text (label, text);
}

static void
setup_columns (AxdsArchivesPage *self)
{
  struct { GtkColumnViewColumn *column; CellKind kind; } columns[] = {
    { self->index_column, CELL_INDEX },
    { self->time_column, CELL_TIME },
    { self->elapsed_column, CELL_ELAPSED },
    { self->size_column, CELL_SIZE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

      g_object_set_data (G_OBJECT (factory), "axds-kind", GINT_TO_POINTER (columns[i].kind));
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), self);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), self);
      gtk_column_view_column_set_factory (columns[i].column, factory);
    }
}

/* The payload of the selected message */

static void
update_dump (AxdsArchivesPage *self)
{
  AxdsLogMessageItem *item = self->message_selection != NULL
    ? gtk_single_selection_get_selected_item (self->message_selection) : NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->dump_view);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  GBytes *payload;

  if (item == NULL)
    {
      gtk_label_set_text (self->dump_title, _("No Message Selected"));
      gtk_text_buffer_set_text (buffer, "", -1);
      return;
    }

  payload = axds_log_message_item_get_payload (item, &error);
  if (payload == NULL)
    {
      g_autofree char *number = axds_format_count (axds_log_message_item_get_index (item));

      /* Translators: %s is the number of a message in its source */
      title = g_strdup_printf (_("Message %s"), number);
      text = g_strdup (error->message);
    }
  else
    {
      g_autofree char *number = axds_format_count (axds_log_message_item_get_index (item));
      g_autofree char *size = axds_format_bytes (g_bytes_get_size (payload));
      gsize len;
      const guint8 *data = g_bytes_get_data (payload, &len);

      /* Translators: the title of a payload dump: the message's number and the payload size */
      title = g_strdup_printf (_("Message %s · %s"), number, size);
      text = axds_format_hex_dump (data, len, AXDS_HEX_DUMP_LIMIT,
                                   axds_page_get_folded (AXDS_PAGE (self)) ? 8 : 16);
    }
  gtk_label_set_text (self->dump_title, title);
  gtk_text_buffer_set_text (buffer, text, -1);
}

/* The selected source */

static void
set_summary (AxdsArchivesPage *self,
             Field             field,
             char             *text,
             char             *tooltip)
{
  gtk_label_set_text (self->summary[field], text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->summary[field]), tooltip);
  g_free (text);
  g_free (tooltip);
}

static char *
format_point (AxdsLogSource *source,
              guint64        elapsed)
{
  guint64 onset = axds_log_source_get_onset_us (source);

  if (!axds_log_source_has_onset (source))
    return axds_format_elapsed_us (elapsed);
  /* The day is in the onset beside it. */
  return axds_format_utc_us_near (onset + elapsed, onset);
}

static void
source_selection_changed_cb (AxdsArchivesPage *self)
{
  AxdsLogSource *source = gtk_single_selection_get_selected_item (self->source_selection);
  g_autoptr(AxdsLogMessageList) messages = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  const guint64 *counts;
  guint n_bins, n;
  guint64 width, start, first, last;

  if (source == self->source)
    return;
  self->source = source;
  g_clear_object (&self->message_selection);
  if (source == NULL)
    {
      gtk_column_view_set_model (self->message_view, NULL);
      axds_rate_plot_set_counts (self->rate_plot, NULL, 0, 0, 0);
      gtk_label_set_text (self->source_title, "");
      gtk_label_set_text (self->source_subtitle, "");
      for (guint i = 0; i < N_FIELDS; i++)
        set_summary (self, i, g_strdup ("—"), NULL);
      update_dump (self);
      return;
    }

  /* Translators: the title of a log source; %u is its ID */
  title = g_strdup_printf (_("Source %u"), axds_log_source_get_id (source));
  gtk_label_set_text (self->source_title, title);
  name = g_path_get_basename (axds_log_source_get_path (source));
  if (axds_log_source_get_kind (source) == AXDS_LOG_SOURCE_ENTRIES)
    {
      g_autofree char *entries = NULL;

      /* Translators: where a source's loose log entries are; %s is a folder name */
      entries = g_strdup_printf (_("log entries in %s"), name);
      gtk_label_set_text (self->source_subtitle, entries);
    }
  else
    gtk_label_set_text (self->source_subtitle, name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->source_subtitle),
                               axds_log_source_get_path (source));

  n = axds_log_source_get_n_messages (source);
  first = axds_log_source_get_first_us (source);
  last = axds_log_source_get_last_us (source);
  set_summary (self, FIELD_MESSAGES, axds_format_count (n), NULL);
  if (axds_log_source_has_onset (source))
    set_summary (self, FIELD_ONSET, axds_format_utc_us (axds_log_source_get_onset_us (source)),
                 g_strdup_printf ("%" G_GUINT64_FORMAT " µs",
                                  axds_log_source_get_onset_us (source)));
  else
    set_summary (self, FIELD_ONSET, g_strdup (_("unknown")),
                 g_strdup (_("No entry at time 0 holds the onset: times are since the onset")));
  set_summary (self, FIELD_FIRST, n > 0 ? format_point (source, first) : g_strdup ("—"),
               n > 0 ? axds_format_elapsed_us (first) : NULL);
  set_summary (self, FIELD_LAST, n > 0 ? format_point (source, last) : g_strdup ("—"),
               n > 0 ? axds_format_elapsed_us (last) : NULL);
  set_summary (self, FIELD_DURATION, axds_format_log_duration (last - first), NULL);

  counts = axds_log_source_get_rate (source, &n_bins, &width, &start);
  axds_rate_plot_set_counts (self->rate_plot, n > 0 ? counts : NULL, n_bins, width, start);

  messages = axds_log_message_list_new (source);
  self->message_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (messages)));
  gtk_single_selection_set_autoselect (self->message_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->message_selection, TRUE);
  gtk_single_selection_set_selected (self->message_selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->message_selection, "notify::selected",
                           G_CALLBACK (update_dump), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->message_view,
                             GTK_SELECTION_MODEL (self->message_selection));
  update_dump (self);
}

/* Source rows */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_widget_set_margin_top (row, 6);
  gtk_widget_set_margin_bottom (row, 6);
  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_box_append (GTK_BOX (row), title);
  gtk_box_append (GTK_BOX (row), subtitle);
  g_object_set_data (G_OBJECT (row), "axds-title", title);
  g_object_set_data (G_OBJECT (row), "axds-subtitle", subtitle);
  gtk_list_item_set_child (list_item, row);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  AxdsLogSource *source = gtk_list_item_get_item (list_item);
  GtkWidget *row = gtk_list_item_get_child (list_item);
  guint n = axds_log_source_get_n_messages (source);
  g_autofree char *title = NULL;
  g_autofree char *count = axds_format_count (n);
  g_autofree char *messages = NULL;
  g_autofree char *duration = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *accessible = NULL;

  /* Translators: the title of a log source; %u is its ID */
  title = g_strdup_printf (_("Source %u"), axds_log_source_get_id (source));
  /* Translators: %s is a number of messages, e.g. “12,000” */
  messages = g_strdup_printf (ngettext ("%s message", "%s messages", n), count);
  duration = axds_format_log_duration (axds_log_source_get_last_us (source) -
                                       axds_log_source_get_first_us (source));
  subtitle = g_strdup_printf ("%s · %s · %s", messages, duration,
                              axds_log_source_get_kind (source) == AXDS_LOG_SOURCE_ARCHIVE
                              /* Translators: a source read from an assembled .npz archive */
                              ? _("archive")
                              /* Translators: a source read from loose .npy log entries */
                              : _("entries"));
  gtk_label_set_text (g_object_get_data (G_OBJECT (row), "axds-title"), title);
  gtk_label_set_text (g_object_get_data (G_OBJECT (row), "axds-subtitle"), subtitle);
  gtk_widget_set_tooltip_text (row, axds_log_source_get_path (source));
  accessible = g_strdup_printf ("%s, %s", title, subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
}

/* Opening */

static void
show_state (AxdsArchivesPage *self)
{
  const char *name;

  if (self->load != NULL)
    name = "loading";
  else if (self->error != NULL)
    name = "error";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->sources)) > 0)
    name = "sources";
  else
    name = "empty";
  axds_page_set_state (AXDS_PAGE (self), name);
  update_actions (self);
}

static gboolean
progress_timeout_cb (gpointer data)
{
  Load *load = data;
  g_autoptr(AxdsArchivesPage) self = g_weak_ref_get (&load->page);
  guint64 done, total;

  g_mutex_lock (&load->mutex);
  done = load->done;
  total = load->total;
  load->pending = FALSE;
  g_mutex_unlock (&load->mutex);

  if (self == NULL || self->load != load)
    return G_SOURCE_REMOVE;
  if (total == 0)
    {
      g_autofree char *count = axds_format_count (done);
      /* Translators: progress of listing a folder; %s is a number of files */
      g_autofree char *text = g_strdup_printf (ngettext ("%s file listed", "%s files listed",
                                                         (gulong)done), count);

      gtk_progress_bar_set_text (self->progress_bar, text);
    }
  else
    {
      g_autofree char *a = axds_format_count (done);
      g_autofree char *b = axds_format_count (total);
      /* Translators: progress of reading an archive, e.g. “12,000 of 1,000,000 messages” */
      g_autofree char *text = g_strdup_printf (_("%s of %s messages"), a, b);

      gtk_progress_bar_set_fraction (self->progress_bar, MIN (1.0, (double)done / total));
      gtk_progress_bar_set_text (self->progress_bar, text);
    }
  return G_SOURCE_REMOVE;
}

/* From the worker thread. */
static void
load_progress_cb (guint64  done,
                  guint64  total,
                  gpointer data)
{
  Load *load = data;
  gboolean schedule;

  g_mutex_lock (&load->mutex);
  load->done = done;
  load->total = total;
  schedule = !load->pending;
  load->pending = TRUE;
  g_mutex_unlock (&load->mutex);
  /* A short timeout rather than an idle: idles can wait behind a busy main loop for the
   * whole load, and 40 ms apart is as often as a progress bar needs to move. */
  if (schedule)
    g_timeout_add_full (G_PRIORITY_DEFAULT, 40, progress_timeout_cb, load_ref (load),
                        (GDestroyNotify)load_unref);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(Load) load = data;
  g_autoptr(AxdsArchivesPage) self = g_weak_ref_get (&load->page);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *shown = NULL;

  sources = axds_log_source_load_finish (result, &problems, &error);
  /* Gone, or superseded by a newer opening: nothing to show. */
  if (self == NULL || self->load != load)
    return;
  g_clear_pointer (&self->load, load_unref);

  if (sources == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_free (self->error);
          self->error = g_strdup (error->message);
          shown = axds_format_path (self->error);
          adw_status_page_set_description (self->error_status, shown);
          g_list_store_remove_all (self->sources);
          g_clear_pointer (&self->path, g_free);
        }
      show_state (self);
      return;
    }

  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->problems, g_free);
  g_free (self->path);
  self->path = g_strdup (load->path);
  if (problems != NULL && problems->len > 0)
    {
      g_ptr_array_add (problems, NULL);
      self->problems = g_strjoinv ("\n", (char **)problems->pdata);
    }
  shown = axds_format_path (self->problems != NULL ? self->problems : "");
  gtk_label_set_text (self->problems_label, shown);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_label), self->problems != NULL);

  name = g_path_get_basename (self->path);
  gtk_label_set_text (self->opened_label, name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->opened_label), self->path);
  gtk_image_set_from_icon_name (self->opened_icon,
                                g_file_test (self->path, G_FILE_TEST_IS_DIR)
                                ? "folder-symbolic" : "package-x-generic-symbolic");

  g_list_store_splice (self->sources, 0, g_list_model_get_n_items (G_LIST_MODEL (self->sources)),
                       sources->pdata, sources->len);
  gtk_single_selection_set_selected (self->source_selection, 0);
  source_selection_changed_cb (self);
  show_state (self);
}

/**
 * axds_archives_page_open:
 * @self: a page
 * @path: a `.npz` log archive, or a folder of archives and/or log entries
 *
 * Reads @path in a worker thread; the page shows the progress, then its sources or why it
 * cannot be read. Cancels an opening still running.
 */
void
axds_archives_page_open (AxdsArchivesPage *self,
                         const char       *path)
{
  Load *load;

  g_return_if_fail (AXDS_IS_ARCHIVES_PAGE (self));
  g_return_if_fail (path != NULL);

  if (self->load != NULL)
    {
      g_cancellable_cancel (self->load->cancellable);
      g_clear_pointer (&self->load, load_unref);
    }
  load = g_new0 (Load, 1);
  g_atomic_ref_count_init (&load->ref_count);
  g_mutex_init (&load->mutex);
  g_weak_ref_init (&load->page, self);
  load->cancellable = g_cancellable_new ();
  load->path = g_strdup (path);
  self->load = load;

  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  /* Until the worker reports: a big archive's member table alone takes seconds. */
  gtk_progress_bar_set_text (self->progress_bar,
                             g_file_test (path, G_FILE_TEST_IS_DIR)
                             ? _("Listing files…")
                             : _("Reading the archive’s table of contents…"));
  {
    g_autofree char *name = g_path_get_basename (path);
    /* Translators: shown while an archive or folder is read; %s is its name */
    g_autofree char *title = g_strdup_printf (_("Reading “%s”…"), name);

    adw_status_page_set_title (self->loading_status, title);
  }
  /* The worker's progress and the callback each hold a reference. */
  axds_log_source_load_async (path, load_progress_cb, load_ref (load),
                              (GDestroyNotify)load_unref, load->cancellable, load_done_cb,
                              load_ref (load));
  show_state (self);
}

static void
path_chosen_cb (AxdsPage   *page,
                const char *path)
{
  axds_archives_page_open (AXDS_ARCHIVES_PAGE (page), path);
}

static void
open_chooser (AxdsArchivesPage     *self,
              GtkFileChooserAction  action)
{
  gboolean folder = action == GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER;
  GtkFileChooserNative *chooser;

  chooser = axds_page_new_chooser (AXDS_PAGE (self), action,
                                   folder ? _("Open Folder") : _("Open Archive"), _("_Open"),
                                   self->path, path_chosen_cb);
  if (!folder)
    {
      g_autoptr(GtkFileFilter) archives = gtk_file_filter_new ();
      g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

      gtk_file_filter_set_name (archives, _("Log Archives"));
      gtk_file_filter_add_pattern (archives, "*.npz");
      gtk_file_filter_set_name (all, _("All Files"));
      gtk_file_filter_add_pattern (all, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), archives);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
    }
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_archive_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  open_chooser (AXDS_ARCHIVES_PAGE (widget), GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
open_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  open_chooser (AXDS_ARCHIVES_PAGE (widget), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AxdsArchivesPage *self = AXDS_ARCHIVES_PAGE (widget);

  if (self->load == NULL)
    return;
  g_cancellable_cancel (self->load->cancellable);
  g_clear_pointer (&self->load, load_unref);
  show_state (self);
}

/* Template callbacks */

static void
source_activate_cb (AxdsArchivesPage *self,
                    guint             position)
{
  gtk_single_selection_set_selected (self->source_selection, position);
  axds_page_show_content (AXDS_PAGE (self));
}

static void
leaflet_changed_cb (AxdsArchivesPage *self)
{
  gboolean folded = axds_page_get_folded (AXDS_PAGE (self));

  /* Narrow, the table keeps the absolute time and the size; the rest is in the dump. */
  gtk_column_view_column_set_visible (self->index_column, !folded);
  gtk_column_view_column_set_visible (self->elapsed_column, !folded);
  gtk_widget_set_size_request (GTK_WIDGET (self->rate_plot), -1, folded ? 80 : 110);
  update_dump (self);
}

static void
build_summary (AxdsArchivesPage *self)
{
  const char *captions[N_FIELDS] = {
    N_("Messages"), N_("Onset (UTC)"), N_("First Message"), N_("Last Message"), N_("Duration"),
  };

  for (guint i = 0; i < N_FIELDS; i++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *caption = gtk_label_new (_(captions[i]));
      GtkWidget *value = gtk_label_new ("—");
      GtkWidget *child;

      gtk_label_set_xalign (GTK_LABEL (caption), 0.0);
      gtk_widget_add_css_class (caption, "caption");
      gtk_widget_add_css_class (caption, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (value), 0.0);
      gtk_label_set_selectable (GTK_LABEL (value), TRUE);
      /* Narrow, a full date and time breaks between the two. */
      gtk_label_set_wrap (GTK_LABEL (value), TRUE);
      gtk_widget_add_css_class (value, "numeric");
      gtk_box_append (GTK_BOX (box), caption);
      gtk_box_append (GTK_BOX (box), value);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (value), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                      caption, NULL, -1);
      gtk_flow_box_append (self->summary_box, box);
      child = gtk_widget_get_parent (box);
      /* Nothing to activate: keyboard focus goes to the selectable value itself. */
      gtk_widget_set_focusable (child, FALSE);
      self->summary[i] = GTK_LABEL (value);
    }
}

/* GObject */

static void
axds_archives_page_dispose (GObject *object)
{
  AxdsArchivesPage *self = AXDS_ARCHIVES_PAGE (object);

  if (self->load != NULL)
    {
      g_cancellable_cancel (self->load->cancellable);
      g_clear_pointer (&self->load, load_unref);
    }
  self->source = NULL;
  g_clear_object (&self->message_selection);
  gtk_widget_dispose_template (GTK_WIDGET (self), AXDS_TYPE_ARCHIVES_PAGE);
  g_clear_object (&self->source_selection);
  g_clear_object (&self->sources);

  G_OBJECT_CLASS (axds_archives_page_parent_class)->dispose (object);
}

static void
axds_archives_page_finalize (GObject *object)
{
  AxdsArchivesPage *self = AXDS_ARCHIVES_PAGE (object);

  g_free (self->path);
  g_free (self->error);
  g_free (self->problems);

  G_OBJECT_CLASS (axds_archives_page_parent_class)->finalize (object);
}

static void
axds_archives_page_class_init (AxdsArchivesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = axds_archives_page_dispose;
  object_class->finalize = axds_archives_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               AXDS_RESOURCE_PATH "axds-archives-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AxdsArchivesPage, loading_status);
  gtk_widget_class_bind_template_child (widget_class, AxdsArchivesPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, AxdsArchivesPage, error_status);
  gtk_widget_class_bind_template_child (widget_class, AxdsArchivesPage, opened_icon);
  gtk_widget_class_bind_template_child (widget_class, AxdsArchivesPage, opened_label);
  gtk_widget_class_bind_template_child (widget_class, AxdsArchivesPage, source_list);
  gtk_widget_class_bind_template_child (widget_class, AxdsArchivesPage, problems_label);
  gtk_widget_class_bind_template_child (widget_class, AxdsArchivesPage, source_title);
  gtk_widget_class_bind_template_child (widget_class, AxdsArchivesPage, source_subtitle);
  gtk_widget_class_bind_template_child (widget_class, AxdsArchivesPage, summary_box);
  gtk_widget_class_bind_template_child (widget_class, AxdsArchivesPage, rate_plot);
  gtk_widget_class_bind_template_child (widget_class, AxdsArchivesPage, message_view);
  gtk_widget_class_bind_template_child (widget_class, AxdsArchivesPage, index_column);
  gtk_widget_class_bind_template_child (widget_class, AxdsArchivesPage, time_column);
  gtk_widget_class_bind_template_child (widget_class, AxdsArchivesPage, elapsed_column);
  gtk_widget_class_bind_template_child (widget_class, AxdsArchivesPage, size_column);
  gtk_widget_class_bind_template_child (widget_class, AxdsArchivesPage, dump_title);
  gtk_widget_class_bind_template_child (widget_class, AxdsArchivesPage, dump_view);
  gtk_widget_class_bind_template_callback (widget_class, source_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_changed_cb);

  gtk_widget_class_install_action (widget_class, "archives.open-archive", NULL,
                                   open_archive_action);
  gtk_widget_class_install_action (widget_class, "archives.open-folder", NULL,
                                   open_folder_action);
  gtk_widget_class_install_action (widget_class, "archives.cancel", NULL, cancel_action);

  /* Local to the page: while the focus is in it, Ctrl+O opens an archive here rather than
   * the Live page's Attach to Raw Buffer. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "archives.open-archive", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "archives.open-folder", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "archives.cancel", NULL);

  g_type_ensure (AXDS_TYPE_RATE_PLOT);

  gtk_widget_class_set_css_name (widget_class, "archivespage");
}

static void
axds_archives_page_init (AxdsArchivesPage *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->sources = g_list_store_new (AXDS_TYPE_LOG_SOURCE);
  self->source_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sources)));
  g_signal_connect_object (self->source_selection, "notify::selected-item",
                           G_CALLBACK (source_selection_changed_cb), self, G_CONNECT_SWAPPED);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->source_list, factory);
  gtk_list_view_set_model (self->source_list, GTK_SELECTION_MODEL (self->source_selection));

  setup_columns (self);
  build_summary (self);
  update_dump (self);
  show_state (self);
}

GtkWidget *
axds_archives_page_new (void)
{
  return g_object_new (AXDS_TYPE_ARCHIVES_PAGE, NULL);
}

/**
 * axds_archives_page_get_path:
 * @self: a page
 *
 * Returns: (nullable): the path whose sources are shown
 */
const char *
axds_archives_page_get_path (AxdsArchivesPage *self)
{
  g_return_val_if_fail (AXDS_IS_ARCHIVES_PAGE (self), NULL);
  return self->path;
}

/**
 * axds_archives_page_get_error:
 * @self: a page
 *
 * Returns: (nullable): why the last opening failed
 */
const char *
axds_archives_page_get_error (AxdsArchivesPage *self)
{
  g_return_val_if_fail (AXDS_IS_ARCHIVES_PAGE (self), NULL);
  return self->error;
}

/**
 * axds_archives_page_get_problems:
 * @self: a page
 *
 * Returns: (nullable): why sources of the opened folder were left out, one per line
 */
const char *
axds_archives_page_get_problems (AxdsArchivesPage *self)
{
  g_return_val_if_fail (AXDS_IS_ARCHIVES_PAGE (self), NULL);
  return self->problems;
}

/**
 * axds_archives_page_get_progress:
 * @self: a page
 * @text: (out) (optional) (transfer none): the text the progress bar shows
 *
 * Returns: the fraction the progress bar shows
 */
double
axds_archives_page_get_progress (AxdsArchivesPage  *self,
                                 const char       **text)
{
  g_return_val_if_fail (AXDS_IS_ARCHIVES_PAGE (self), 0.0);
  if (text != NULL)
    *text = gtk_progress_bar_get_text (self->progress_bar);
  return gtk_progress_bar_get_fraction (self->progress_bar);
}

/**
 * axds_archives_page_get_sources:
 * @self: a page
 *
 * Returns: (transfer none): the sources shown, of #AxdsLogSource
 */
GListModel *
axds_archives_page_get_sources (AxdsArchivesPage *self)
{
  g_return_val_if_fail (AXDS_IS_ARCHIVES_PAGE (self), NULL);
  return G_LIST_MODEL (self->sources);
}

void
axds_archives_page_select_source (AxdsArchivesPage *self,
                                  guint             position)
{
  g_return_if_fail (AXDS_IS_ARCHIVES_PAGE (self));
  gtk_single_selection_set_selected (self->source_selection, position);
}

/**
 * axds_archives_page_get_selected_source:
 * @self: a page
 *
 * Returns: (transfer none) (nullable): the source whose messages are shown
 */
AxdsLogSource *
axds_archives_page_get_selected_source (AxdsArchivesPage *self)
{
  g_return_val_if_fail (AXDS_IS_ARCHIVES_PAGE (self), NULL);
  return self->source;
}

/**
 * axds_archives_page_get_summary:
 * @self: a page
 * @field: "messages", "onset", "first", "last" or "duration"
 *
 * Returns: the text the page shows for it
 */
const char *
axds_archives_page_get_summary (AxdsArchivesPage *self,
                                const char       *field)
{
  g_return_val_if_fail (AXDS_IS_ARCHIVES_PAGE (self), NULL);

  for (guint i = 0; i < N_FIELDS; i++)
    if (g_strcmp0 (field, field_names[i]) == 0)
      return gtk_label_get_text (self->summary[i]);
  g_return_val_if_reached (NULL);
}

/**
 * axds_archives_page_get_message_view:
 * @self: a page
 *
 * Returns: (transfer none): the table of the selected source's messages
 */
GtkColumnView *
axds_archives_page_get_message_view (AxdsArchivesPage *self)
{
  g_return_val_if_fail (AXDS_IS_ARCHIVES_PAGE (self), NULL);
  return self->message_view;
}

/**
 * axds_archives_page_get_rate_plot:
 * @self: a page
 *
 * Returns: (transfer none): the plot of the selected source's message rate
 */
AxdsRatePlot *
axds_archives_page_get_rate_plot (AxdsArchivesPage *self)
{
  g_return_val_if_fail (AXDS_IS_ARCHIVES_PAGE (self), NULL);
  return self->rate_plot;
}

/* Selects a message of the selected source. */
void
axds_archives_page_select_message (AxdsArchivesPage *self,
                                   guint             index)
{
  g_return_if_fail (AXDS_IS_ARCHIVES_PAGE (self));
  g_return_if_fail (self->message_selection != NULL);

  gtk_single_selection_set_selected (self->message_selection, index);
}

/**
 * axds_archives_page_dup_dump:
 * @self: a page
 *
 * Returns: (transfer full): the text of the payload view
 */
char *
axds_archives_page_dup_dump (AxdsArchivesPage *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (AXDS_IS_ARCHIVES_PAGE (self), NULL);

  buffer = gtk_text_view_get_buffer (self->dump_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

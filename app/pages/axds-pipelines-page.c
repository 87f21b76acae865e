/* axds-pipelines-page.c — the Pipelines page: the trackers of a folder and their jobs
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A leaflet of the trackers found under the open folder (an AxdsTrackerList, kept current by
 * file monitors) and a column view of the selected tracker's jobs: its model is
 * jobs → filter (search text, status) → sort (the column headers) → multi-selection. The
 * jobs are objects refreshed in place, so after each reading the filter and the sorter are
 * told that values changed, and the selection survives. Actions run in a worker thread under
 * the tracker's lock and are confirmed by a toast; while one runs, the others wait. Cells are
 * labels filled from the job's properties on bind and on its notifications; the durations of
 * running jobs tick once a second while the page is mapped. */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "format/axds-format.h"
#include "axds-pipelines-page-private.h"
#include "format/axds-tracker-format.h"

typedef enum
{
  CELL_NAME,
  CELL_SPECIFIER,
  CELL_STATUS,
  CELL_EXECUTOR,
  CELL_STARTED,
  CELL_DURATION,
  CELL_ERROR,
} CellKind;

G_DEFINE_FINAL_TYPE (AxdsPipelinesPage, axds_pipelines_page, AXDS_TYPE_PAGE)

enum {
  PROP_0,
  PROP_DEMO_PIPELINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
settings_have_folder_key (GSettings *settings)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  return schema != NULL && g_settings_schema_has_key (schema, "pipelines-folder");
}

/* Job cells */

static void
refresh_cell (GtkLabel       *label,
              AxdsTrackerJob *job,
              CellKind        kind)
{
  static const char *status_classes[] = { "scheduled", "running", "succeeded", "failed" };
  g_autofree char *text = NULL;
  gint64 now = g_get_real_time ();
  AxdsProcessingStatus status = axds_tracker_job_get_status (job);

  switch (kind)
    {
    case CELL_NAME:
      gtk_label_set_text (label, axds_tracker_job_get_job_name (job));
      break;

    case CELL_SPECIFIER:
      gtk_label_set_text (label, axds_tracker_job_get_specifier (job));
      break;

    case CELL_STATUS:
      text = axds_format_job_status (status);
      gtk_label_set_text (label, text);
      for (guint i = 0; i < G_N_ELEMENTS (status_classes); i++)
        gtk_widget_remove_css_class (GTK_WIDGET (label), status_classes[i]);
      gtk_widget_add_css_class (GTK_WIDGET (label), axds_format_job_status_css (status));
      break;

    case CELL_EXECUTOR:
      {
        const char *executor = axds_tracker_job_get_executor_id (job);
        gtk_label_set_text (label, executor != NULL && *executor != '\0' ? executor : "—");
      }
      break;

    case CELL_STARTED:
      text = axds_format_timestamp (axds_tracker_job_has_started_at (job),
                                    axds_tracker_job_get_started_at (job), now, NULL);
      gtk_label_set_text (label, text);
      break;

    case CELL_DURATION:
      text = axds_format_job_duration (status,
                                       axds_tracker_job_has_started_at (job),
                                       axds_tracker_job_get_started_at (job),
                                       axds_tracker_job_has_completed_at (job),
                                       axds_tracker_job_get_completed_at (job), now);
      gtk_label_set_text (label, text);
      break;

    case CELL_ERROR:
    default:
      {
        const char *message = axds_tracker_job_get_error_message (job);
        const char *newline = message != NULL ? strchr (message, '\n') : NULL;

        /* One line in the table; the whole text in the tooltip and on activation. */
        text = newline != NULL ? g_strndup (message, newline - message)
                               : g_strdup (message != NULL ? message : "");
        gtk_label_set_text (label, text);
        gtk_widget_set_tooltip_text (GTK_WIDGET (label), message);
      }
      break;
    }
}

static void
job_notify_cb (AxdsTrackerJob *job,
               GParamSpec     *pspec,
               GtkLabel       *label)
{
  refresh_cell (label, job, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (label), "axds-kind")));
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               AxdsPipelinesPage        *self)
{
  CellKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "axds-kind"));
  GtkWidget *label = gtk_label_new (NULL);

  /* The columns are as wide as their cells' minimum: give text columns a useful one. */
  static const int width_chars[] = {
    [CELL_NAME] = 15, [CELL_SPECIFIER] = 10, [CELL_EXECUTOR] = 13, [CELL_ERROR] = 16,
  };

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  if (kind == CELL_STATUS)
    {
      gtk_widget_add_css_class (label, "job-status");
      gtk_widget_set_halign (label, GTK_ALIGN_START);
    }
  else if (kind != CELL_STARTED && kind != CELL_DURATION)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), width_chars[kind]);
    }
  if (kind == CELL_STARTED || kind == CELL_DURATION)
    gtk_widget_add_css_class (label, "numeric");
  if (kind == CELL_DURATION)
    gtk_widget_add_css_class (label, "job-duration");
  if (kind == CELL_ERROR)
    gtk_widget_add_css_class (label, "job-error");
  if (kind == CELL_EXECUTOR || kind == CELL_SPECIFIER)
    gtk_widget_add_css_class (label, "dim-label");
  g_object_set_data (G_OBJECT (label), "axds-kind", GINT_TO_POINTER (kind));
  gtk_list_item_set_child (list_item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              AxdsPipelinesPage        *self)
{
  AxdsTrackerJob *job = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  CellKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (label), "axds-kind"));
  gulong handler;

  refresh_cell (GTK_LABEL (label), job, kind);
  handler = g_signal_connect_object (job, "notify", G_CALLBACK (job_notify_cb), label, 0);
  g_object_set_data (G_OBJECT (list_item), "axds-handler", GSIZE_TO_POINTER (handler));
  g_object_set_data (G_OBJECT (label), "axds-job", job);
  if (kind == CELL_DURATION)
    g_hash_table_add (self->ticking, label);
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                AxdsPipelinesPage        *self)
{
  AxdsTrackerJob *job = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  gulong handler = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (list_item), "axds-handler"));

  if (handler != 0 && job != NULL)
    g_signal_handler_disconnect (job, handler);
  g_object_set_data (G_OBJECT (list_item), "axds-handler", NULL);
  g_object_set_data (G_OBJECT (label), "axds-job", NULL);
  if (self->ticking != NULL)
    g_hash_table_remove (self->ticking, label);
}

static gboolean
tick_cb (gpointer data)
{
  AxdsPipelinesPage *self = data;
  GHashTableIter iter;
  gpointer label;

  g_hash_table_iter_init (&iter, self->ticking);
  while (g_hash_table_iter_next (&iter, &label, NULL))
    {
      AxdsTrackerJob *job = g_object_get_data (label, "axds-job");

      if (job != NULL && axds_tracker_job_get_status (job) == AXDS_PROCESSING_STATUS_RUNNING)
        refresh_cell (label, job, CELL_DURATION);
    }
  return G_SOURCE_CONTINUE;
}

static void
axds_pipelines_page_update_tick (AxdsPipelinesPage *self)
{
  gboolean wanted = gtk_widget_get_mapped (GTK_WIDGET (self)) && self->item != NULL &&
                    axds_tracker_item_get_summary (self->item)->running > 0;

  if (wanted && self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (1, tick_cb, self);
  else if (!wanted)
    g_clear_handle_id (&self->tick_id, g_source_remove);
}

static GtkListItemFactory *
make_cell_factory (AxdsPipelinesPage *self,
                   CellKind           kind)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_object_set_data (G_OBJECT (factory), "axds-kind", GINT_TO_POINTER (kind));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), self);
  return factory;
}

static int
compare_status_cb (gconstpointer a,
                   gconstpointer b,
                   gpointer      data)
{
  return (int)axds_tracker_job_get_status ((AxdsTrackerJob *)a) -
         (int)axds_tracker_job_get_status ((AxdsTrackerJob *)b);
}

static gint64
job_duration (AxdsTrackerJob *job,
              gint64          now)
{
  if (!axds_tracker_job_has_started_at (job) ||
      axds_tracker_job_get_status (job) == AXDS_PROCESSING_STATUS_SCHEDULED)
    return -1;
  if (axds_tracker_job_get_status (job) == AXDS_PROCESSING_STATUS_RUNNING ||
      !axds_tracker_job_has_completed_at (job))
    return now - (gint64)axds_tracker_job_get_started_at (job);
  return (gint64)axds_tracker_job_get_completed_at (job) -
         (gint64)axds_tracker_job_get_started_at (job);
}

static int
compare_duration_cb (gconstpointer a,
                     gconstpointer b,
                     gpointer      data)
{
  gint64 now = g_get_real_time ();
  gint64 da = job_duration ((AxdsTrackerJob *)a, now);
  gint64 db = job_duration ((AxdsTrackerJob *)b, now);

  return da < db ? -1 : da > db;
}

static void
set_string_sorter (GtkColumnViewColumn *column,
                   const char          *property)
{
  GtkExpression *expression = gtk_property_expression_new (AXDS_TYPE_TRACKER_JOB, NULL, property);
  g_autoptr(GtkStringSorter) sorter = gtk_string_sorter_new (expression);

  gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
}

static void
setup_columns (AxdsPipelinesPage *self)
{
  struct { GtkColumnViewColumn *column; CellKind kind; } columns[] = {
    { self->name_column, CELL_NAME },
    { self->specifier_column, CELL_SPECIFIER },
    { self->status_column, CELL_STATUS },
    { self->executor_column, CELL_EXECUTOR },
    { self->started_column, CELL_STARTED },
    { self->duration_column, CELL_DURATION },
    { self->error_column, CELL_ERROR },
  };
  g_autoptr(GtkSorter) status_sorter = NULL;
  g_autoptr(GtkSorter) duration_sorter = NULL;
  g_autoptr(GtkSorter) started_sorter = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(GtkListItemFactory) factory = make_cell_factory (self, columns[i].kind);
      gtk_column_view_column_set_factory (columns[i].column, factory);
    }

  set_string_sorter (self->name_column, "job-name");
  set_string_sorter (self->specifier_column, "specifier");
  set_string_sorter (self->executor_column, "executor-id");
  set_string_sorter (self->error_column, "error-message");
  status_sorter = GTK_SORTER (gtk_custom_sorter_new (compare_status_cb, NULL, NULL));
  gtk_column_view_column_set_sorter (self->status_column, status_sorter);
  started_sorter = GTK_SORTER (gtk_numeric_sorter_new (
    gtk_property_expression_new (AXDS_TYPE_TRACKER_JOB, NULL, "started-at")));
  gtk_column_view_column_set_sorter (self->started_column, started_sorter);
  duration_sorter = GTK_SORTER (gtk_custom_sorter_new (compare_duration_cb, NULL, NULL));
  gtk_column_view_column_set_sorter (self->duration_column, duration_sorter);
}

/* Filtering */

static gboolean
contains_casefold (const char *haystack,
                   const char *needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, needle) != NULL;
}

static gboolean
job_filter_func (gpointer item,
                 gpointer data)
{
  AxdsPipelinesPage *self = data;
  AxdsTrackerJob *job = item;
  guint status = gtk_drop_down_get_selected (self->status_filter);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *needle = NULL;

  /* Position 0 is “All”; the others are the statuses in their order. */
  if (status != GTK_INVALID_LIST_POSITION && status > 0 &&
      (guint)axds_tracker_job_get_status (job) != status - 1)
    return FALSE;
  if (text == NULL || *text == '\0')
    return TRUE;

  needle = g_utf8_casefold (text, -1);
  return contains_casefold (axds_tracker_job_get_job_name (job), needle) ||
         contains_casefold (axds_tracker_job_get_specifier (job), needle) ||
         contains_casefold (axds_tracker_job_get_id (job), needle) ||
         contains_casefold (axds_tracker_job_get_executor_id (job), needle) ||
         contains_casefold (axds_tracker_job_get_error_message (job), needle);
}

static void
filter_changed_cb (AxdsPipelinesPage *self)
{
  if (self->filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* Selected jobs */

/* The selected jobs (AxdsTrackerJob), in the order shown. */
GPtrArray *
_axds_pipelines_page_dup_selected_jobs (AxdsPipelinesPage *self)
{
  GPtrArray *jobs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  guint position;

  if (self->job_selection == NULL)
    return jobs;
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->job_selection));
  if (gtk_bitset_iter_init_first (&iter, selected, &position))
    do
      g_ptr_array_add (jobs, g_list_model_get_item (G_LIST_MODEL (self->job_selection),
                                                    position));
    while (gtk_bitset_iter_next (&iter, &position));
  return jobs;
}

/* The IDs of @jobs, as a %NULL-terminated array. */
char **
_axds_pipelines_page_ids_of (GPtrArray *jobs)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < jobs->len; i++)
    g_strv_builder_add (builder, axds_tracker_job_get_id (g_ptr_array_index (jobs, i)));
  return g_strv_builder_end (builder);
}

/* Header of the content and state of the page */

static void
axds_pipelines_page_update_state (AxdsPipelinesPage *self)
{
  const char *folder = axds_tracker_list_get_folder (self->trackers);
  GListModel *model = axds_tracker_list_get_model (self->trackers);
  const char *error = axds_tracker_list_get_error (self->trackers);

  axds_page_set_state (AXDS_PAGE (self), folder != NULL ? "trackers" : "empty");
  if (folder != NULL)
    {
      g_autofree char *name = g_path_get_basename (folder);

      gtk_label_set_text (self->folder_label, name);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->folder_label), folder);
    }

  if (!axds_tracker_list_get_loaded (self->trackers))
    gtk_stack_set_visible_child_name (self->sidebar_stack, "loading");
  else if (g_list_model_get_n_items (model) > 0)
    gtk_stack_set_visible_child_name (self->sidebar_stack, "list");
  else
    {
      g_autofree char *shown = axds_format_path (error);

      adw_status_page_set_description (self->none_status,
                                       shown != NULL ? shown
                                       : _("No file whose name ends in “tracker.yaml” is in "
                                           "this folder or below it."));
      gtk_stack_set_visible_child_name (self->sidebar_stack, "none");
    }
}

static void
axds_pipelines_page_update_title (AxdsPipelinesPage *self)
{
  g_autofree char *name = NULL;
  g_autofree char *parent = NULL;

  if (self->item == NULL)
    {
      gtk_label_set_text (self->tracker_title, "");
      gtk_widget_set_visible (GTK_WIDGET (self->tracker_subtitle), FALSE);
      return;
    }
  /* The session's own folder as the title, where it is as the subtitle. */
  name = g_path_get_basename (axds_tracker_item_get_title (self->item));
  parent = g_path_get_dirname (axds_tracker_item_get_title (self->item));
  gtk_label_set_text (self->tracker_title, name);
  gtk_label_set_text (self->tracker_subtitle, parent);
  gtk_widget_set_visible (GTK_WIDGET (self->tracker_subtitle), !g_str_equal (parent, "."));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->tracker_title),
                               axds_tracker_item_get_path (self->item));
}

static void
item_revision_cb (AxdsPipelinesPage *self)
{
  GtkSorter *sorter = gtk_sort_list_model_get_sorter (self->sort_model);

  /* The jobs changed in place: statuses may now sort or filter differently. */
  if (sorter != NULL)
    gtk_sorter_changed (sorter, GTK_SORTER_CHANGE_DIFFERENT);
  if (gtk_drop_down_get_selected (self->status_filter) > 0 ||
      *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    filter_changed_cb (self);

  axds_pipelines_page_update_tick (self);
  _axds_pipelines_page_update_actions (self);
}

static void
item_error_cb (AxdsPipelinesPage *self)
{
  const char *error = self->item != NULL ? axds_tracker_item_get_error (self->item) : NULL;

  if (error != NULL)
    axds_page_add_toast (AXDS_PAGE (self), error);
}

static void
tracker_selection_changed_cb (AxdsPipelinesPage *self)
{
  AxdsTrackerItem *item = gtk_single_selection_get_selected_item (self->tracker_selection);

  if (item == self->item)
    return;
  self->item = item;
  g_signal_group_set_target (self->item_signals, item);
  gtk_filter_list_model_set_model (self->filter_model,
                                   item != NULL ? axds_tracker_item_get_jobs (item) : NULL);
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->job_selection));
  gtk_stack_set_visible_child_name (self->content_stack, item != NULL ? "jobs" : "placeholder");

  /* Folded on the jobs of a tracker that went away: back to the list. */
  if (item == NULL)
    axds_page_show_sidebar (AXDS_PAGE (self));

  axds_pipelines_page_update_title (self);
  axds_pipelines_page_update_tick (self);
  _axds_pipelines_page_update_actions (self);
}

/* Tracker rows */

static void
refresh_row (GtkWidget       *row,
             AxdsTrackerItem *item)
{
  GtkLabel *title = g_object_get_data (G_OBJECT (row), "axds-title");
  GtkLabel *counts = g_object_get_data (G_OBJECT (row), "axds-counts");
  GtkLabel *status = g_object_get_data (G_OBJECT (row), "axds-status");
  const char *classes[] = { "failed", "completed", "processing", "not_started", "in_progress",
                            "unreadable" };
  const char *label = axds_tracker_item_get_label (item);
  const char *error = axds_tracker_item_get_error (item);
  g_autofree char *count_text = NULL;
  g_autofree char *label_text = NULL;
  g_autofree char *accessible = NULL;

  gtk_label_set_text (title, axds_tracker_item_get_title (item));
  gtk_widget_set_tooltip_text (row, axds_tracker_item_get_path (item));
  gtk_widget_set_visible (GTK_WIDGET (status), axds_tracker_item_get_loaded (item));
  if (!axds_tracker_item_get_loaded (item))
    {
      gtk_label_set_text (counts, "");
      return;
    }

  count_text = error != NULL ? g_strdup (error)
                             : axds_format_tracker_counts (axds_tracker_item_get_summary (item));
  label_text = axds_format_tracker_label (label);
  gtk_label_set_text (counts, count_text);
  gtk_label_set_text (status, label_text);
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (status), classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (status), label != NULL ? label : "unreadable");

  accessible = g_strdup_printf ("%s, %s, %s", axds_tracker_item_get_title (item), label_text,
                                count_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static void
row_item_changed_cb (AxdsTrackerItem *item,
                     GParamSpec      *pspec,
                     GtkWidget       *row)
{
  refresh_row (row, item);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *counts = gtk_label_new (NULL);
  GtkWidget *status = gtk_label_new (NULL);

  gtk_widget_add_css_class (row, "tracker-row");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  /* The middle goes first: the animal at the start and the session at the end tell most. */
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 32);
  gtk_label_set_xalign (GTK_LABEL (counts), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (counts), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (counts), 32);
  gtk_widget_add_css_class (counts, "caption");
  gtk_widget_add_css_class (counts, "dim-label");
  gtk_widget_set_valign (status, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (status, "tracker-status");
  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), counts);
  gtk_box_append (GTK_BOX (row), text);
  gtk_box_append (GTK_BOX (row), status);
  g_object_set_data (G_OBJECT (row), "axds-title", title);
  g_object_set_data (G_OBJECT (row), "axds-counts", counts);
  g_object_set_data (G_OBJECT (row), "axds-status", status);
  gtk_list_item_set_child (list_item, row);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  AxdsTrackerItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *row = gtk_list_item_get_child (list_item);
  gulong handler;

  refresh_row (row, item);
  handler = g_signal_connect_object (item, "notify::revision", G_CALLBACK (row_item_changed_cb),
                                     row, 0);
  g_object_set_data (G_OBJECT (list_item), "axds-handler", GSIZE_TO_POINTER (handler));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  AxdsTrackerItem *item = gtk_list_item_get_item (list_item);
  gulong handler = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (list_item), "axds-handler"));

  if (handler != 0 && item != NULL)
    g_signal_handler_disconnect (item, handler);
  g_object_set_data (G_OBJECT (list_item), "axds-handler", NULL);
}

static void
tracker_activate_cb (AxdsPipelinesPage *self,
                     guint              position)
{
  gtk_single_selection_set_selected (self->tracker_selection, position);
  axds_page_show_content (AXDS_PAGE (self));
}

static void
leaflet_changed_cb (AxdsPipelinesPage *self)
{
  gboolean folded = axds_page_get_folded (AXDS_PAGE (self));

  /* Narrow, the button keeps only its icon, so the title keeps some room, and the table
   * shows what tells jobs apart and how they do; the rest is a scroll away. */
  if (folded)
    gtk_button_set_icon_name (self->retry_failed_button, "view-refresh-symbolic");
  else
    gtk_button_set_label (self->retry_failed_button, _("_Retry Failed"));
  gtk_column_view_column_set_visible (self->executor_column, !folded);
  gtk_column_view_column_set_visible (self->started_column, !folded);
}

static void
job_activate_cb (AxdsPipelinesPage *self,
                 guint              position)
{
  g_autoptr(AxdsTrackerJob) job = g_list_model_get_item (G_LIST_MODEL (self->job_selection),
                                                          position);

  if (job != NULL)
    _axds_pipelines_page_show_job_error (self, job);
}

/* The demo's tracker folder, shown while the demo runs (and not remembered) */

static void
demo_folder_changed_cb (AxdsPipelinesPage *self,
                        GParamSpec        *pspec,
                        AxdsDemoPipeline  *demo)
{
  const char *folder = axds_demo_pipeline_get_folder (demo);

  if (folder != NULL)
    {
      g_free (self->demo_folder);
      self->demo_folder = g_strdup (folder);
      axds_pipelines_page_open_folder (self, folder, FALSE);
    }
  else if (self->demo_folder != NULL)
    {
      g_autofree char *remembered = NULL;
      g_autofree char *canonical = g_canonicalize_filename (self->demo_folder, NULL);

      /* Back to the user's folder, unless they opened another one meanwhile. */
      if (g_strcmp0 (axds_tracker_list_get_folder (self->trackers), canonical) == 0)
        {
          if (settings_have_folder_key (self->settings))
            remembered = g_settings_get_string (self->settings, "pipelines-folder");
          axds_pipelines_page_open_folder (self, remembered != NULL && *remembered != '\0'
                                                 ? remembered : NULL, FALSE);
        }
      g_clear_pointer (&self->demo_folder, g_free);
    }
}

static void
axds_pipelines_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AxdsPipelinesPage *self = AXDS_PIPELINES_PAGE (object);

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
axds_pipelines_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  AxdsPipelinesPage *self = AXDS_PIPELINES_PAGE (object);

  switch (prop_id)
    {
    case PROP_DEMO_PIPELINE:
      axds_pipelines_page_set_demo_pipeline (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
axds_pipelines_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (axds_pipelines_page_parent_class)->map (widget);
  axds_pipelines_page_update_tick (AXDS_PIPELINES_PAGE (widget));
}

static void
axds_pipelines_page_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (axds_pipelines_page_parent_class)->unmap (widget);
  axds_pipelines_page_update_tick (AXDS_PIPELINES_PAGE (widget));
}

static void
axds_pipelines_page_dispose (GObject *object)
{
  AxdsPipelinesPage *self = (AxdsPipelinesPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->item_signals != NULL)
    g_signal_group_set_target (self->item_signals, NULL);
  if (self->demo_signals != NULL)
    g_signal_group_set_target (self->demo_signals, NULL);
  self->item = NULL;
  /* Nothing of what is torn down below may call back into the half-disposed page. */
  if (self->trackers != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->trackers, self);
      g_signal_handlers_disconnect_by_data (axds_tracker_list_get_model (self->trackers), self);
    }
  if (self->tracker_selection != NULL)
    g_signal_handlers_disconnect_by_data (self->tracker_selection, self);
  if (self->job_selection != NULL)
    g_signal_handlers_disconnect_by_data (self->job_selection, self);

  g_clear_pointer (&self->context_menu, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), AXDS_TYPE_PIPELINES_PAGE);

  g_clear_object (&self->job_selection);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->tracker_selection);
  g_clear_object (&self->trackers);
  g_clear_object (&self->item_signals);
  g_clear_object (&self->demo_signals);
  g_clear_object (&self->demo_pipeline);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->ticking, g_hash_table_unref);

  G_OBJECT_CLASS (axds_pipelines_page_parent_class)->dispose (object);
}

static void
axds_pipelines_page_finalize (GObject *object)
{
  AxdsPipelinesPage *self = (AxdsPipelinesPage *)object;

  g_clear_object (&self->cancellable);
  g_free (self->demo_folder);

  G_OBJECT_CLASS (axds_pipelines_page_parent_class)->finalize (object);
}

/* What the page shows: "empty" (no folder), "loading" (the first search runs), "none" (no
 * tracker found, or the folder cannot be searched) or "trackers". */
static const char *
axds_pipelines_page_get_state (AxdsPage *page)
{
  AxdsPipelinesPage *self = AXDS_PIPELINES_PAGE (page);
  const char *sidebar;

  if (axds_tracker_list_get_folder (self->trackers) == NULL)
    return "empty";
  sidebar = gtk_stack_get_visible_child_name (self->sidebar_stack);
  return g_str_equal (sidebar, "list") ? "trackers" : sidebar;
}

static void
axds_pipelines_page_class_init (AxdsPipelinesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = axds_pipelines_page_get_property;
  object_class->set_property = axds_pipelines_page_set_property;
  object_class->dispose = axds_pipelines_page_dispose;
  object_class->finalize = axds_pipelines_page_finalize;

  AXDS_PAGE_CLASS (klass)->get_state = axds_pipelines_page_get_state;

  /**
   * AxdsPipelinesPage:demo-pipeline:
   *
   * The demo's trackers: while the demo runs, the page shows their folder (without
   * remembering it), and returns to the user's folder when the demo stops.
   */
  properties[PROP_DEMO_PIPELINE] =
    g_param_spec_object ("demo-pipeline", NULL, NULL, AXDS_TYPE_DEMO_PIPELINE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  widget_class->map = axds_pipelines_page_map;
  widget_class->unmap = axds_pipelines_page_unmap;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               AXDS_RESOURCE_PATH "axds-pipelines-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AxdsPipelinesPage, folder_label);
  gtk_widget_class_bind_template_child (widget_class, AxdsPipelinesPage, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, AxdsPipelinesPage, tracker_list);
  gtk_widget_class_bind_template_child (widget_class, AxdsPipelinesPage, none_status);
  gtk_widget_class_bind_template_child (widget_class, AxdsPipelinesPage, tracker_title);
  gtk_widget_class_bind_template_child (widget_class, AxdsPipelinesPage, tracker_subtitle);
  gtk_widget_class_bind_template_child (widget_class, AxdsPipelinesPage, retry_failed_button);
  gtk_widget_class_bind_template_child (widget_class, AxdsPipelinesPage, search_button);
  gtk_widget_class_bind_template_child (widget_class, AxdsPipelinesPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, AxdsPipelinesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AxdsPipelinesPage, status_filter);
  gtk_widget_class_bind_template_child (widget_class, AxdsPipelinesPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, AxdsPipelinesPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, AxdsPipelinesPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, AxdsPipelinesPage, specifier_column);
  gtk_widget_class_bind_template_child (widget_class, AxdsPipelinesPage, status_column);
  gtk_widget_class_bind_template_child (widget_class, AxdsPipelinesPage, executor_column);
  gtk_widget_class_bind_template_child (widget_class, AxdsPipelinesPage, started_column);
  gtk_widget_class_bind_template_child (widget_class, AxdsPipelinesPage, duration_column);
  gtk_widget_class_bind_template_child (widget_class, AxdsPipelinesPage, error_column);
  gtk_widget_class_bind_template_child (widget_class, AxdsPipelinesPage, job_menu);
  gtk_widget_class_bind_template_callback (widget_class, tracker_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, job_activate_cb);

  _axds_pipelines_page_class_init_actions (widget_class);

  gtk_widget_class_set_css_name (widget_class, "pipelinespage");
}

static void
axds_pipelines_page_init (AxdsPipelinesPage *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autofree char *folder = NULL;
  GtkSorter *sorter;

  self->ticking = g_hash_table_new (NULL, NULL);
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->trackers = axds_tracker_list_new ();
  g_signal_connect_object (self->trackers, "notify::loaded",
                           G_CALLBACK (axds_pipelines_page_update_state), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->trackers, "notify::folder",
                           G_CALLBACK (axds_pipelines_page_update_state), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->trackers, "notify::error",
                           G_CALLBACK (axds_pipelines_page_update_state), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (axds_tracker_list_get_model (self->trackers), "items-changed",
                           G_CALLBACK (axds_pipelines_page_update_state), self,
                           G_CONNECT_SWAPPED);

  self->tracker_selection =
    gtk_single_selection_new (g_object_ref (axds_tracker_list_get_model (self->trackers)));
  g_signal_connect_object (self->tracker_selection, "notify::selected-item",
                           G_CALLBACK (tracker_selection_changed_cb), self, G_CONNECT_SWAPPED);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_list_view_set_factory (self->tracker_list, factory);
  gtk_list_view_set_model (self->tracker_list, GTK_SELECTION_MODEL (self->tracker_selection));

  self->item_signals = g_signal_group_new (AXDS_TYPE_TRACKER_ITEM);
  g_signal_group_connect_object (self->item_signals, "notify::revision",
                                 G_CALLBACK (item_revision_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->item_signals, "notify::error",
                                 G_CALLBACK (item_error_cb), self, G_CONNECT_SWAPPED);
  self->demo_signals = g_signal_group_new (AXDS_TYPE_DEMO_PIPELINE);
  g_signal_group_connect_object (self->demo_signals, "notify::folder",
                                 G_CALLBACK (demo_folder_changed_cb), self, G_CONNECT_SWAPPED);

  setup_columns (self);
  self->filter = gtk_custom_filter_new (job_filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  sorter = gtk_column_view_get_sorter (self->column_view);
  self->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)),
                                              sorter != NULL ? g_object_ref (sorter) : NULL);
  self->job_selection =
    gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model)));
  g_signal_connect_object (self->job_selection, "selection-changed",
                           G_CALLBACK (_axds_pipelines_page_update_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->job_selection, "items-changed",
                           G_CALLBACK (_axds_pipelines_page_update_actions), self,
                           G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->job_selection));
  gtk_column_view_sort_by_column (self->column_view, self->name_column, GTK_SORT_ASCENDING);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));

  _axds_pipelines_page_init_context_menu (self);

  self->settings = g_settings_new (APP_ID);
  if (settings_have_folder_key (self->settings))
    folder = g_settings_get_string (self->settings, "pipelines-folder");
  if (folder != NULL && *folder != '\0' && g_file_test (folder, G_FILE_TEST_IS_DIR))
    axds_tracker_list_set_folder (self->trackers, folder);

  axds_pipelines_page_update_state (self);
  axds_pipelines_page_update_title (self);
  _axds_pipelines_page_update_actions (self);
}

GtkWidget *
axds_pipelines_page_new (void)
{
  return g_object_new (AXDS_TYPE_PIPELINES_PAGE, NULL);
}

/**
 * axds_pipelines_page_open_folder:
 * @self: a page
 * @folder: (nullable): a folder, or %NULL to close the open one
 * @remember: whether to open it again on the next start
 *
 * Lists every tracker under @folder; the list fills once the search in a worker thread ends.
 */
void
axds_pipelines_page_open_folder (AxdsPipelinesPage *self,
                                 const char        *folder,
                                 gboolean           remember)
{
  g_return_if_fail (AXDS_IS_PIPELINES_PAGE (self));

  if (remember && settings_have_folder_key (self->settings))
    g_settings_set_string (self->settings, "pipelines-folder", folder != NULL ? folder : "");
  axds_tracker_list_set_folder (self->trackers, folder);
  axds_pipelines_page_update_state (self);
  _axds_pipelines_page_update_actions (self);
}

/**
 * axds_pipelines_page_get_trackers:
 * @self: a page
 *
 * Returns: (transfer none): the trackers of the open folder
 */
AxdsTrackerList *
axds_pipelines_page_get_trackers (AxdsPipelinesPage *self)
{
  g_return_val_if_fail (AXDS_IS_PIPELINES_PAGE (self), NULL);
  return self->trackers;
}

/**
 * axds_pipelines_page_select_tracker:
 * @self: a page
 * @path: a tracker file
 *
 * Returns: whether the list has it (and it is now selected)
 */
gboolean
axds_pipelines_page_select_tracker (AxdsPipelinesPage *self,
                                    const char        *path)
{
  g_autofree char *canonical = NULL;
  guint position;

  g_return_val_if_fail (AXDS_IS_PIPELINES_PAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  canonical = g_canonicalize_filename (path, NULL);
  if (axds_tracker_list_find (self->trackers, canonical, &position) == NULL)
    return FALSE;
  gtk_single_selection_set_selected (self->tracker_selection, position);
  return TRUE;
}

/**
 * axds_pipelines_page_get_selected_tracker:
 * @self: a page
 *
 * Returns: (transfer none) (nullable): the tracker whose jobs are shown
 */
AxdsTrackerItem *
axds_pipelines_page_get_selected_tracker (AxdsPipelinesPage *self)
{
  g_return_val_if_fail (AXDS_IS_PIPELINES_PAGE (self), NULL);
  return self->item;
}

/**
 * axds_pipelines_page_get_column_view:
 * @self: a page
 *
 * Returns: (transfer none): the table of jobs; its model is the filtered, sorted selection
 */
GtkColumnView *
axds_pipelines_page_get_column_view (AxdsPipelinesPage *self)
{
  g_return_val_if_fail (AXDS_IS_PIPELINES_PAGE (self), NULL);
  return self->column_view;
}

/**
 * axds_pipelines_page_select_jobs:
 * @self: a page
 * @job_ids: (array zero-terminated=1): IDs of jobs
 *
 * Selects exactly the shown jobs among @job_ids.
 *
 * Returns: how many were selected
 */
guint
axds_pipelines_page_select_jobs (AxdsPipelinesPage  *self,
                                 const char * const *job_ids)
{
  GListModel *model;
  g_autoptr(GtkBitset) selected = gtk_bitset_new_empty ();
  g_autoptr(GtkBitset) mask = NULL;

  g_return_val_if_fail (AXDS_IS_PIPELINES_PAGE (self), 0);
  g_return_val_if_fail (job_ids != NULL, 0);

  model = G_LIST_MODEL (self->job_selection);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AxdsTrackerJob) job = g_list_model_get_item (model, i);

      if (g_strv_contains (job_ids, axds_tracker_job_get_id (job)))
        gtk_bitset_add (selected, i);
    }
  mask = gtk_bitset_new_range (0, g_list_model_get_n_items (model));
  gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->job_selection), selected, mask);
  return (guint)gtk_bitset_get_size (selected);
}

/**
 * axds_pipelines_page_dup_selected_job_ids:
 * @self: a page
 *
 * Returns: (transfer full): the IDs of the selected jobs, in the order shown
 */
char **
axds_pipelines_page_dup_selected_job_ids (AxdsPipelinesPage *self)
{
  g_autoptr(GPtrArray) jobs = NULL;

  g_return_val_if_fail (AXDS_IS_PIPELINES_PAGE (self), NULL);

  jobs = _axds_pipelines_page_dup_selected_jobs (self);
  return _axds_pipelines_page_ids_of (jobs);
}

/**
 * axds_pipelines_page_set_search:
 * @self: a page
 * @text: (nullable): text the shown jobs contain
 * @status: -1 for every status, else an #AxdsProcessingStatus
 *
 * Filters the table as the search bar does.
 */
void
axds_pipelines_page_set_search (AxdsPipelinesPage *self,
                                const char        *text,
                                int                status)
{
  g_return_if_fail (AXDS_IS_PIPELINES_PAGE (self));

  gtk_search_bar_set_search_mode (self->search_bar, (text != NULL && *text != '\0') ||
                                                    status >= 0);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  gtk_drop_down_set_selected (self->status_filter, status >= 0 ? (guint)status + 1 : 0);
  /* Now rather than after the search entry's delay. */
  filter_changed_cb (self);
}

/**
 * axds_pipelines_page_set_demo_pipeline:
 * @self: the page
 * @demo_pipeline: (nullable): the demo's trackers, or %NULL
 *
 * Sets #AxdsPipelinesPage:demo-pipeline.
 */
void
axds_pipelines_page_set_demo_pipeline (AxdsPipelinesPage *self,
                                       AxdsDemoPipeline  *demo_pipeline)
{
  g_return_if_fail (AXDS_IS_PIPELINES_PAGE (self));
  g_return_if_fail (demo_pipeline == NULL || AXDS_IS_DEMO_PIPELINE (demo_pipeline));

  if (!g_set_object (&self->demo_pipeline, demo_pipeline))
    return;
  g_signal_group_set_target (self->demo_signals, demo_pipeline);
  if (demo_pipeline != NULL && axds_demo_pipeline_get_folder (demo_pipeline) != NULL)
    demo_folder_changed_cb (self, NULL, demo_pipeline);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEMO_PIPELINE]);
}

/* axds-loggers-page.c — the Loggers page: every data logger on the machine, live
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A leaflet of the loggers running on the machine and the folders the user watches, and the
 * selected one's details. The loggers come from their queues in shared memory: a timer reads
 * every queue's header a few times a second while the page is shown (once a second when it
 * is not, so the rate plots have no gap), which costs a directory listing and a few reads and
 * never takes a lock a logger waits on. Watched folders are counted in worker threads on the
 * same timer. The sidebar is one list box over both lists, flattened; each row follows its
 * object's `revision`. The selection is kept as the object itself, so it survives the rows
 * being rebuilt when loggers come and go. */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "format/axds-logger-format.h"
#include "format/axds-format.h"
#include "axds-loggers-page.h"
#include "widgets/axds-line-plot.h"

#define POLL_SHOWN_MS  250
#define POLL_HIDDEN_MS 1000
#define PLOT_WINDOW_S  120.0

typedef enum
{
  GROUP_QUEUE,
  GROUP_TOTALS,
  GROUP_DISK,
  GROUP_PROCESS,
  GROUP_FOLDER,
} Group;

/* The rows of the details, in order; their value labels are found by key. */
static const struct
{
  const char *key;
  Group       group;
  const char *title;
} stat_rows[] = {
  { "depth", GROUP_QUEUE, N_("Depth") },
  { "high-water", GROUP_QUEUE, N_("High-Water Mark") },
  { "pending", GROUP_QUEUE, N_("Messages Waiting") },
  { "submitted", GROUP_TOTALS, N_("Submitted") },
  { "written", GROUP_TOTALS, N_("Written") },
  { "bytes-written", GROUP_TOTALS, N_("Data Written") },
  { "failed", GROUP_TOTALS, N_("Failed Writes") },
  { "abandoned", GROUP_TOTALS, N_("Abandoned by Dead Producers") },
  { "timeouts", GROUP_TOTALS, N_("Submits Timed Out") },
  { "free-disk", GROUP_DISK, N_("Free Space") },
  { "output", GROUP_DISK, N_("Output Folder") },
  { "state", GROUP_PROCESS, N_("State") },
  { "logger-process", GROUP_PROCESS, N_("Logger Process") },
  { "owner-process", GROUP_PROCESS, N_("Started By") },
  { "heartbeat", GROUP_PROCESS, N_("Last Sign of Life") },
  { "threads", GROUP_PROCESS, N_("Writer Threads") },
  { "folder-files", GROUP_FOLDER, N_("Message Files") },
  { "folder-sources", GROUP_FOLDER, N_("Sources") },
  { "folder-archives", GROUP_FOLDER, N_("Assembled Archives") },
  { "folder-path", GROUP_FOLDER, N_("Path") },
};

struct _AxdsLoggersPage
{
  AxdsPage             parent_instance;

  /* Template widgets */
  GtkLabel            *count_label;
  GtkListBox          *sidebar_list;
  GtkLabel            *title_label;
  GtkLabel            *subtitle_label;
  GtkButton           *remove_button;
  GtkStack            *content_stack;
  GtkInfoBar          *dead_bar;
  GtkLabel            *dead_label;
  GtkInfoBar          *alarm_bar;
  GtkLabel            *alarm_label;
  GtkLabel            *message_rate_label;
  GtkLabel            *byte_rate_label;
  GtkBox              *plots_box;
  AxdsLinePlot        *message_plot;
  AxdsLinePlot        *byte_plot;
  AdwPreferencesGroup *queue_group;
  AdwPreferencesGroup *totals_group;
  AdwPreferencesGroup *disk_group;
  AdwPreferencesGroup *process_group;
  GtkInfoBar          *folder_error_bar;
  GtkLabel            *folder_error_label;
  GtkLabel            *folder_rate_label;
  AxdsLinePlot        *folder_plot;
  AdwPreferencesGroup *folder_group;

  /* Owned references */
  AxdsLoggerList      *loggers;
  GListStore          *folders;      /* AxdsWatchedFolder */
  GListModel          *all;          /* loggers, then folders */
  GHashTable          *values;       /* key → value label of a detail row */
  GObject             *selected;     /* an AxdsLoggerItem or AxdsWatchedFolder */
  char                *last_error;
  guint                poll_id;
  guint                poll_interval;
  gulong               selected_handler;
  gboolean             syncing;      /* selecting a row from code */

  /* Borrowed references */
  GtkLevelBar         *depth_bar;
};

G_DEFINE_FINAL_TYPE (AxdsLoggersPage, axds_loggers_page, AXDS_TYPE_PAGE)

static void axds_loggers_page_set_selected (AxdsLoggersPage *self,
                                            GObject         *object);

static void
set_value (AxdsLoggersPage *self,
           const char      *key,
           const char      *text)
{
  GtkLabel *label = g_hash_table_lookup (self->values, key);

  g_assert (label != NULL);
  gtk_label_set_text (label, text);
}

/* A count that should be zero; red when it is not. */
static void
set_problem_count (AxdsLoggersPage *self,
                   const char      *key,
                   guint64          count)
{
  g_autofree char *text = axds_format_count (count);
  GtkWidget *label = g_hash_table_lookup (self->values, key);

  set_value (self, key, text);
  if (count > 0)
    gtk_widget_add_css_class (label, "error");
  else
    gtk_widget_remove_css_class (label, "error");
}

/* Details */

static void
update_logger_details (AxdsLoggersPage *self,
                       AxdsLoggerItem  *item)
{
  const AxdsLogQueueStats *stats = axds_logger_item_get_stats (item);
  gboolean alive = axds_logger_item_get_alive (item);
  GtkWidget *free_label = g_hash_table_lookup (self->values, "free-disk");
  g_autofree char *text = NULL;
  g_autofree char *output = axds_format_path (stats->output_directory != NULL
                                              ? stats->output_directory : "");
  double fraction;

  gtk_label_set_text (self->title_label, axds_logger_item_get_name (item));
  gtk_label_set_text (self->subtitle_label, output);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->subtitle_label), stats->output_directory);

  text = axds_format_message_rate (axds_logger_item_get_message_rate (item));
  gtk_label_set_text (self->message_rate_label, text);
  g_clear_pointer (&text, g_free);
  text = axds_format_byte_rate (axds_logger_item_get_byte_rate (item));
  gtk_label_set_text (self->byte_rate_label, text);
  g_clear_pointer (&text, g_free);

  text = axds_format_queue_depth (stats->depth_bytes, stats->capacity_bytes);
  set_value (self, "depth", text);
  g_clear_pointer (&text, g_free);
  fraction = stats->capacity_bytes > 0
             ? (double)stats->depth_bytes / (double)stats->capacity_bytes : 0.0;
  gtk_level_bar_set_value (self->depth_bar, CLAMP (fraction, 0.0, 1.0));
  text = axds_format_queue_depth (stats->high_water_bytes, stats->capacity_bytes);
  set_value (self, "high-water", text);
  g_clear_pointer (&text, g_free);
  {
    g_autofree char *pending = axds_format_count (stats->pending_messages);
    g_autofree char *most = axds_format_count (stats->high_water_messages);

    /* Translators: messages waiting to be written, and the most there ever were */
    text = g_strdup_printf (_("%s (at most %s)"), pending, most);
    set_value (self, "pending", text);
    g_clear_pointer (&text, g_free);
  }

  text = axds_format_count (stats->submitted);
  set_value (self, "submitted", text);
  g_clear_pointer (&text, g_free);
  text = axds_format_count (stats->written);
  set_value (self, "written", text);
  g_clear_pointer (&text, g_free);
  text = axds_format_bytes (stats->bytes_written);
  set_value (self, "bytes-written", text);
  g_clear_pointer (&text, g_free);
  set_problem_count (self, "failed", stats->failed_writes);
  set_problem_count (self, "abandoned", stats->abandoned);
  set_problem_count (self, "timeouts", stats->submit_timeouts);

  text = axds_format_disk_space (stats->free_disk_bytes, stats->disk_reserve_bytes);
  set_value (self, "free-disk", text);
  g_clear_pointer (&text, g_free);
  if (stats->disk_alarm)
    gtk_widget_add_css_class (free_label, "error");
  else
    gtk_widget_remove_css_class (free_label, "error");
  set_value (self, "output", output);
  gtk_widget_set_tooltip_text (g_hash_table_lookup (self->values, "output"),
                               stats->output_directory);

  text = axds_format_logger_state (stats->state, alive);
  set_value (self, "state", text);
  g_clear_pointer (&text, g_free);
  text = axds_format_process (stats->logger_pid, alive);
  set_value (self, "logger-process", text);
  g_clear_pointer (&text, g_free);
  text = axds_format_process (stats->owner_pid, stats->owner_alive);
  set_value (self, "owner-process", text);
  g_clear_pointer (&text, g_free);
  text = axds_format_heartbeat (stats->heartbeat_time, g_get_real_time ());
  set_value (self, "heartbeat", text);
  g_clear_pointer (&text, g_free);
  text = g_strdup_printf ("%u", stats->n_workers);
  set_value (self, "threads", text);
  g_clear_pointer (&text, g_free);

  if (stats->disk_alarm)
    {
      text = axds_format_disk_alarm (stats->free_disk_bytes, stats->disk_reserve_bytes,
                                     output);
      gtk_label_set_text (self->alarm_label, text);
      g_clear_pointer (&text, g_free);
    }
  gtk_info_bar_set_revealed (self->alarm_bar, stats->disk_alarm);
  gtk_widget_set_visible (GTK_WIDGET (self->alarm_bar), stats->disk_alarm);

  if (!alive && stats->state != AXDS_LOGGER_STATE_STOPPED)
    {
      g_autofree char *pending = axds_format_count (stats->pending_messages);

      /* Translators: %s is a number of messages */
      text = g_strdup_printf (_("The logger process is dead. Its queue is left over: %s "
                                "messages in it were not written."), pending);
      gtk_label_set_text (self->dead_label, text);
      g_clear_pointer (&text, g_free);
    }
  gtk_info_bar_set_revealed (self->dead_bar, !alive && stats->state != AXDS_LOGGER_STATE_STOPPED);
  gtk_widget_set_visible (GTK_WIDGET (self->dead_bar),
                          !alive && stats->state != AXDS_LOGGER_STATE_STOPPED);

  gtk_widget_queue_draw (GTK_WIDGET (self->message_plot));
  gtk_widget_queue_draw (GTK_WIDGET (self->byte_plot));
}

static void
update_folder_details (AxdsLoggersPage   *self,
                       AxdsWatchedFolder *folder)
{
  const char *path = axds_watched_folder_get_path (folder);
  const char *error = axds_watched_folder_get_error (folder);
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *dirname = g_path_get_dirname (path);
  g_autofree char *parent = axds_format_path (dirname);
  g_autofree char *shown = axds_format_path (path);
  g_autofree char *text = NULL;
  gboolean scanned = axds_watched_folder_get_scanned (folder);

  gtk_label_set_text (self->title_label, name);
  gtk_label_set_text (self->subtitle_label, parent);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->subtitle_label), path);

  text = scanned ? axds_format_file_rate (axds_watched_folder_get_rate (folder))
                 : g_strdup ("…");
  gtk_label_set_text (self->folder_rate_label, text);
  g_clear_pointer (&text, g_free);
  text = scanned ? axds_format_count (axds_watched_folder_get_file_count (folder))
                 : g_strdup ("…");
  set_value (self, "folder-files", text);
  g_clear_pointer (&text, g_free);
  text = g_strdup_printf ("%u", axds_watched_folder_get_source_count (folder));
  set_value (self, "folder-sources", text);
  g_clear_pointer (&text, g_free);
  text = axds_format_count (axds_watched_folder_get_archive_count (folder));
  set_value (self, "folder-archives", text);
  g_clear_pointer (&text, g_free);
  set_value (self, "folder-path", shown);
  gtk_widget_set_tooltip_text (g_hash_table_lookup (self->values, "folder-path"), path);

  if (error != NULL)
    {
      g_autofree char *message = axds_format_path (error);
      gtk_label_set_text (self->folder_error_label, message);
    }
  gtk_info_bar_set_revealed (self->folder_error_bar, error != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->folder_error_bar), error != NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self->folder_plot));
}

static void
update_details (AxdsLoggersPage *self)
{
  if (AXDS_IS_LOGGER_ITEM (self->selected))
    update_logger_details (self, AXDS_LOGGER_ITEM (self->selected));
  else if (AXDS_IS_WATCHED_FOLDER (self->selected))
    update_folder_details (self, AXDS_WATCHED_FOLDER (self->selected));
}

/* Sidebar rows */

static void
refresh_row (GtkWidget *row)
{
  GObject *object = g_object_get_data (G_OBJECT (row), "axds-item");
  GtkLabel *title = g_object_get_data (G_OBJECT (row), "axds-title");
  GtkLabel *subtitle = g_object_get_data (G_OBJECT (row), "axds-subtitle");
  GtkLabel *status = g_object_get_data (G_OBJECT (row), "axds-status");
  static const char *classes[] = { "running", "stopping", "stopped", "dead", "alarm" };
  g_autofree char *subtitle_text = NULL;
  g_autofree char *status_text = NULL;
  g_autofree char *accessible = NULL;
  const char *css = NULL;

  if (AXDS_IS_LOGGER_ITEM (object))
    {
      AxdsLoggerItem *item = AXDS_LOGGER_ITEM (object);
      const AxdsLogQueueStats *stats = axds_logger_item_get_stats (item);
      gboolean alive = axds_logger_item_get_alive (item);
      g_autofree char *rate = axds_format_message_rate (axds_logger_item_get_message_rate (item));
      g_autofree char *bytes = axds_format_byte_rate (axds_logger_item_get_byte_rate (item));
      g_autofree char *written = axds_format_count (stats->written);

      gtk_label_set_text (title, axds_logger_item_get_name (item));
      if (alive)
        /* Translators: a logger's rates in the sidebar, e.g. “120 msg/s · 1.2 MB/s” */
        subtitle_text = g_strdup_printf (_("%s · %s"), rate, bytes);
      else
        /* Translators: %s is a number of messages */
        subtitle_text = g_strdup_printf (_("%s written"), written);
      if (alive && stats->disk_alarm)
        {
          status_text = g_strdup (_("Disk Low"));
          css = "alarm";
        }
      else
        {
          status_text = axds_format_logger_state (stats->state, alive);
          css = axds_format_logger_state_css (stats->state, alive);
        }
    }
  else if (AXDS_IS_WATCHED_FOLDER (object))
    {
      AxdsWatchedFolder *folder = AXDS_WATCHED_FOLDER (object);
      g_autofree char *name = g_path_get_basename (axds_watched_folder_get_path (folder));
      g_autofree char *files = axds_format_count (axds_watched_folder_get_file_count (folder));
      g_autofree char *rate = axds_format_file_rate (axds_watched_folder_get_rate (folder));

      gtk_label_set_text (title, name);
      gtk_widget_set_tooltip_text (row, axds_watched_folder_get_path (folder));
      if (axds_watched_folder_get_error (folder) != NULL)
        subtitle_text = g_strdup (axds_watched_folder_get_error (folder));
      else if (!axds_watched_folder_get_scanned (folder))
        subtitle_text = g_strdup (_("Counting files…"));
      else
        /* Translators: message files in a folder and how fast new ones appear */
        subtitle_text = g_strdup_printf (_("%s files · %s"), files, rate);
    }

  gtk_label_set_text (subtitle, subtitle_text);
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (status), classes[i]);
  gtk_widget_set_visible (GTK_WIDGET (status), status_text != NULL);
  if (status_text != NULL)
    {
      gtk_label_set_text (status, status_text);
      gtk_widget_add_css_class (GTK_WIDGET (status), css);
    }

  accessible = g_strdup_printf ("%s, %s%s%s", gtk_label_get_text (title), subtitle_text,
                                status_text != NULL ? ", " : "",
                                status_text != NULL ? status_text : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name (AXDS_IS_LOGGER_ITEM (item)
                                                  ? "drive-harddisk-symbolic"
                                                  : "folder-symbolic");
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  GtkWidget *status = gtk_label_new (NULL);

  gtk_widget_add_css_class (row, "logger-row");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 28);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (subtitle), 28);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "numeric");
  gtk_widget_set_valign (status, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (status, "logger-status");
  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), subtitle);
  gtk_box_append (GTK_BOX (row), icon);
  gtk_box_append (GTK_BOX (row), text);
  gtk_box_append (GTK_BOX (row), status);
  /* The row lives no longer than its item in the list, which holds the item. */
  g_object_set_data (G_OBJECT (row), "axds-item", item);
  g_object_set_data (G_OBJECT (row), "axds-title", title);
  g_object_set_data (G_OBJECT (row), "axds-subtitle", subtitle);
  g_object_set_data (G_OBJECT (row), "axds-status", status);
  refresh_row (row);
  g_signal_connect_object (item, "notify::revision", G_CALLBACK (refresh_row), row,
                           G_CONNECT_SWAPPED);
  return row;
}

static GObject *
row_get_item (GtkListBoxRow *row)
{
  GtkWidget *child = row != NULL ? gtk_list_box_row_get_child (row) : NULL;

  return child != NULL ? g_object_get_data (G_OBJECT (child), "axds-item") : NULL;
}

static void
header_cb (GtkListBoxRow *row,
           GtkListBoxRow *before,
           gpointer       user_data)
{
  gboolean folder = AXDS_IS_WATCHED_FOLDER (row_get_item (row));
  gboolean first = before == NULL || !AXDS_IS_WATCHED_FOLDER (row_get_item (before));

  if (folder && first)
    {
      GtkWidget *header = gtk_label_new (_("Watched Folders"));

      gtk_label_set_xalign (GTK_LABEL (header), 0.0);
      gtk_widget_add_css_class (header, "heading");
      gtk_widget_add_css_class (header, "dim-label");
      gtk_widget_set_margin_start (header, 12);
      gtk_widget_set_margin_top (header, 12);
      gtk_widget_set_margin_bottom (header, 6);
      gtk_list_box_row_set_header (row, header);
    }
  else
    gtk_list_box_row_set_header (row, NULL);
}

/* Position of @object in the sidebar, or -1. */
static int
find_position (AxdsLoggersPage *self,
               GObject         *object)
{
  guint n = g_list_model_get_n_items (self->all);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (self->all, i);

      if (item == object)
        return (int)i;
    }
  return -1;
}

/* State of the page and of the selection after the lists changed */

static void
axds_loggers_page_update_state (AxdsLoggersPage *self)
{
  guint n_loggers = g_list_model_get_n_items (axds_logger_list_get_model (self->loggers));
  guint n_all = g_list_model_get_n_items (self->all);
  g_autofree char *count = NULL;
  int position;

  axds_page_set_state (AXDS_PAGE (self), n_all > 0 ? "loggers" : "empty");
  count = g_strdup_printf (ngettext ("%u Logger", "%u Loggers", n_loggers),
                           n_loggers);
  gtk_label_set_text (self->count_label, count);

  /* The selected logger went away (stopped): nothing to show any more. */
  position = self->selected != NULL ? find_position (self, self->selected) : -1;
  if (self->selected != NULL && position < 0)
    axds_loggers_page_set_selected (self, NULL);

  /* Side by side, show something rather than an empty pane. */
  if (self->selected == NULL && n_all > 0 && !axds_page_get_folded (AXDS_PAGE (self)))
    {
      g_autoptr(GObject) first = g_list_model_get_item (self->all, 0);

      axds_loggers_page_set_selected (self, first);
      position = 0;
    }

  /* Rebuilt rows lose the selection: select the row of the selected object again. */
  if (position >= 0)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->sidebar_list, position);

      if (row != NULL && gtk_list_box_get_selected_row (self->sidebar_list) != row)
        {
          self->syncing = TRUE;
          gtk_list_box_select_row (self->sidebar_list, row);
          self->syncing = FALSE;
        }
    }
}

static void
selected_changed_cb (AxdsLoggersPage *self)
{
  update_details (self);
}

static void
axds_loggers_page_set_selected (AxdsLoggersPage *self,
                                GObject         *object)
{
  if (self->selected == object)
    return;

  if (self->selected != NULL)
    g_clear_signal_handler (&self->selected_handler, self->selected);
  g_set_object (&self->selected, object);

  gtk_widget_set_visible (GTK_WIDGET (self->remove_button), AXDS_IS_WATCHED_FOLDER (object));
  if (AXDS_IS_LOGGER_ITEM (object))
    {
      AxdsLoggerItem *item = AXDS_LOGGER_ITEM (object);

      axds_line_plot_set_history (self->message_plot, axds_logger_item_get_message_history (item),
                                  PLOT_WINDOW_S);
      axds_line_plot_set_history (self->byte_plot, axds_logger_item_get_byte_history (item),
                                  PLOT_WINDOW_S);
      gtk_stack_set_visible_child_name (self->content_stack, "logger");
    }
  else if (AXDS_IS_WATCHED_FOLDER (object))
    {
      axds_line_plot_set_history (self->folder_plot,
                                  axds_watched_folder_get_history (AXDS_WATCHED_FOLDER (object)),
                                  PLOT_WINDOW_S);
      gtk_stack_set_visible_child_name (self->content_stack, "folder");
    }
  else
    {
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->subtitle_label, "");
      gtk_stack_set_visible_child_name (self->content_stack, "placeholder");
      gtk_list_box_unselect_all (self->sidebar_list);
      axds_page_show_sidebar (AXDS_PAGE (self));
    }

  if (object != NULL)
    self->selected_handler = g_signal_connect_object (object, "notify::revision",
                                                      G_CALLBACK (selected_changed_cb), self,
                                                      G_CONNECT_SWAPPED);
  update_details (self);
  axds_page_set_action_enabled (AXDS_PAGE (self), "loggers.remove-folder",
                                 AXDS_IS_WATCHED_FOLDER (object));
}

static void
row_selected_cb (AxdsLoggersPage *self,
                 GtkListBoxRow   *row)
{
  GObject *item = row_get_item (row);

  /* NULL while rows are rebuilt: the selection is checked after each refresh instead. */
  if (item != NULL && !self->syncing)
    axds_loggers_page_set_selected (self, item);
}

static void
row_activated_cb (AxdsLoggersPage *self,
                  GtkListBoxRow   *row)
{
  GObject *item = row_get_item (row);

  if (item != NULL)
    {
      axds_loggers_page_set_selected (self, item);
      axds_page_show_content (AXDS_PAGE (self));
    }
}

static void
leaflet_changed_cb (AxdsLoggersPage *self)
{
  /* Side by side where there is room, one above the other on a phone. */
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->plots_box),
                                  axds_page_get_folded (AXDS_PAGE (self))
                                  ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
}

/* Polling */

static gboolean
poll_cb (gpointer data)
{
  AxdsLoggersPage *self = data;

  axds_loggers_page_refresh (self);
  return G_SOURCE_CONTINUE;
}

static void
axds_loggers_page_set_poll_interval (AxdsLoggersPage *self,
                                     guint            interval)
{
  if (self->poll_id != 0 && self->poll_interval == interval)
    return;
  g_clear_handle_id (&self->poll_id, g_source_remove);
  self->poll_interval = interval;
  self->poll_id = g_timeout_add (interval, poll_cb, self);
  g_source_set_name_by_id (self->poll_id, "[axds] loggers page poll");
}

/* Actions */

static void
folder_chosen_cb (AxdsPage   *page,
                  const char *path)
{
  axds_loggers_page_watch_folder (AXDS_LOGGERS_PAGE (page), path);
  axds_page_show_content (page);
}

static void
watch_folder_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GtkFileChooserNative *chooser;

  chooser = axds_page_new_chooser (AXDS_PAGE (widget), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                   _("Watch Folder"), _("_Watch"), NULL, folder_chosen_cb);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
remove_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AxdsLoggersPage *self = AXDS_LOGGERS_PAGE (widget);

  if (AXDS_IS_WATCHED_FOLDER (self->selected))
    axds_loggers_page_remove_folder (self, AXDS_WATCHED_FOLDER (self->selected));
}

/* Widget */

static void
build_stat_rows (AxdsLoggersPage *self)
{
  AdwPreferencesGroup *groups[] = {
    [GROUP_QUEUE] = self->queue_group,
    [GROUP_TOTALS] = self->totals_group,
    [GROUP_DISK] = self->disk_group,
    [GROUP_PROCESS] = self->process_group,
    [GROUP_FOLDER] = self->folder_group,
  };

  for (guint i = 0; i < G_N_ELEMENTS (stat_rows); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *value = gtk_label_new (NULL);
      gboolean path = g_str_equal (stat_rows[i].key, "output") ||
                      g_str_equal (stat_rows[i].key, "folder-path");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(stat_rows[i].title));
      gtk_label_set_xalign (GTK_LABEL (value), 1.0);
      gtk_label_set_selectable (GTK_LABEL (value), TRUE);
      gtk_widget_add_css_class (value, "numeric");
      if (path)
        {
          /* Where a path ends tells most: cut its start. */
          gtk_label_set_ellipsize (GTK_LABEL (value), PANGO_ELLIPSIZE_START);
          gtk_label_set_max_width_chars (GTK_LABEL (value), 40);
          gtk_widget_set_hexpand (value, TRUE);
        }

      if (g_str_equal (stat_rows[i].key, "depth"))
        {
          GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

          self->depth_bar = GTK_LEVEL_BAR (gtk_level_bar_new ());
          gtk_widget_set_size_request (GTK_WIDGET (self->depth_bar), 120, -1);
          /* Half full is worth a look, nine tenths means producers will soon wait. */
          gtk_level_bar_add_offset_value (self->depth_bar, GTK_LEVEL_BAR_OFFSET_LOW, 0.5);
          gtk_level_bar_add_offset_value (self->depth_bar, GTK_LEVEL_BAR_OFFSET_HIGH, 0.9);
          gtk_level_bar_add_offset_value (self->depth_bar, GTK_LEVEL_BAR_OFFSET_FULL, 1.0);
          gtk_accessible_update_property (GTK_ACCESSIBLE (self->depth_bar),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, _("Queue depth"), -1);
          gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
          gtk_box_append (GTK_BOX (box), value);
          gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->depth_bar));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
        }
      else
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);

      g_hash_table_insert (self->values, (gpointer)stat_rows[i].key, value);
      adw_preferences_group_add (groups[stat_rows[i].group], row);
    }
}

static void
axds_loggers_page_map (GtkWidget *widget)
{
  AxdsLoggersPage *self = AXDS_LOGGERS_PAGE (widget);

  GTK_WIDGET_CLASS (axds_loggers_page_parent_class)->map (widget);
  axds_loggers_page_refresh (self);
  axds_loggers_page_set_poll_interval (self, POLL_SHOWN_MS);
}

static void
axds_loggers_page_unmap (GtkWidget *widget)
{
  AxdsLoggersPage *self = AXDS_LOGGERS_PAGE (widget);

  GTK_WIDGET_CLASS (axds_loggers_page_parent_class)->unmap (widget);
  axds_loggers_page_set_poll_interval (self, POLL_HIDDEN_MS);
}

static void
axds_loggers_page_dispose (GObject *object)
{
  AxdsLoggersPage *self = (AxdsLoggersPage *)object;

  g_clear_handle_id (&self->poll_id, g_source_remove);
  if (self->selected != NULL)
    g_clear_signal_handler (&self->selected_handler, self->selected);
  g_clear_object (&self->selected);
  if (self->all != NULL)
    g_signal_handlers_disconnect_by_data (self->all, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), AXDS_TYPE_LOGGERS_PAGE);

  g_clear_object (&self->all);
  g_clear_object (&self->folders);
  g_clear_object (&self->loggers);

  G_OBJECT_CLASS (axds_loggers_page_parent_class)->dispose (object);
}

static void
axds_loggers_page_finalize (GObject *object)
{
  AxdsLoggersPage *self = (AxdsLoggersPage *)object;

  g_hash_table_unref (self->values);
  g_free (self->last_error);

  G_OBJECT_CLASS (axds_loggers_page_parent_class)->finalize (object);
}

static void
axds_loggers_page_class_init (AxdsLoggersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = axds_loggers_page_dispose;
  object_class->finalize = axds_loggers_page_finalize;

  widget_class->map = axds_loggers_page_map;
  widget_class->unmap = axds_loggers_page_unmap;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               AXDS_RESOURCE_PATH "axds-loggers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AxdsLoggersPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, AxdsLoggersPage, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, AxdsLoggersPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, AxdsLoggersPage, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, AxdsLoggersPage, remove_button);
  gtk_widget_class_bind_template_child (widget_class, AxdsLoggersPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, AxdsLoggersPage, dead_bar);
  gtk_widget_class_bind_template_child (widget_class, AxdsLoggersPage, dead_label);
  gtk_widget_class_bind_template_child (widget_class, AxdsLoggersPage, alarm_bar);
  gtk_widget_class_bind_template_child (widget_class, AxdsLoggersPage, alarm_label);
  gtk_widget_class_bind_template_child (widget_class, AxdsLoggersPage, message_rate_label);
  gtk_widget_class_bind_template_child (widget_class, AxdsLoggersPage, byte_rate_label);
  gtk_widget_class_bind_template_child (widget_class, AxdsLoggersPage, plots_box);
  gtk_widget_class_bind_template_child (widget_class, AxdsLoggersPage, message_plot);
  gtk_widget_class_bind_template_child (widget_class, AxdsLoggersPage, byte_plot);
  gtk_widget_class_bind_template_child (widget_class, AxdsLoggersPage, queue_group);
  gtk_widget_class_bind_template_child (widget_class, AxdsLoggersPage, totals_group);
  gtk_widget_class_bind_template_child (widget_class, AxdsLoggersPage, disk_group);
  gtk_widget_class_bind_template_child (widget_class, AxdsLoggersPage, process_group);
  gtk_widget_class_bind_template_child (widget_class, AxdsLoggersPage, folder_error_bar);
  gtk_widget_class_bind_template_child (widget_class, AxdsLoggersPage, folder_error_label);
  gtk_widget_class_bind_template_child (widget_class, AxdsLoggersPage, folder_rate_label);
  gtk_widget_class_bind_template_child (widget_class, AxdsLoggersPage, folder_plot);
  gtk_widget_class_bind_template_child (widget_class, AxdsLoggersPage, folder_group);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_changed_cb);

  gtk_widget_class_install_action (widget_class, "loggers.watch-folder", NULL,
                                   watch_folder_action);
  gtk_widget_class_install_action (widget_class, "loggers.remove-folder", NULL,
                                   remove_folder_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "loggers.watch-folder", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0,
                                       "loggers.remove-folder", NULL);

  g_type_ensure (AXDS_TYPE_LINE_PLOT);

  gtk_widget_class_set_css_name (widget_class, "loggerspage");
}

static void
axds_loggers_page_init (AxdsLoggersPage *self)
{
  GListStore *sections;

  self->values = g_hash_table_new (g_str_hash, g_str_equal);

  gtk_widget_init_template (GTK_WIDGET (self));
  build_stat_rows (self);

  self->loggers = axds_logger_list_new ();
  self->folders = g_list_store_new (AXDS_TYPE_WATCHED_FOLDER);
  sections = g_list_store_new (G_TYPE_LIST_MODEL);
  g_list_store_append (sections, axds_logger_list_get_model (self->loggers));
  g_list_store_append (sections, self->folders);
  self->all = G_LIST_MODEL (gtk_flatten_list_model_new (G_LIST_MODEL (sections)));
  gtk_list_box_bind_model (self->sidebar_list, self->all, create_row_cb, self, NULL);
  gtk_list_box_set_header_func (self->sidebar_list, header_cb, NULL, NULL);
  g_signal_connect_object (self->all, "items-changed",
                           G_CALLBACK (axds_loggers_page_update_state), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  axds_page_set_action_enabled (AXDS_PAGE (self), "loggers.remove-folder", FALSE);

  axds_loggers_page_refresh (self);
  axds_loggers_page_update_state (self);
  axds_loggers_page_set_poll_interval (self, POLL_HIDDEN_MS);
}

GtkWidget *
axds_loggers_page_new (void)
{
  return g_object_new (AXDS_TYPE_LOGGERS_PAGE, NULL);
}

/**
 * axds_loggers_page_get_loggers:
 * @self: a page
 *
 * Returns: (transfer none): the loggers the page lists
 */
AxdsLoggerList *
axds_loggers_page_get_loggers (AxdsLoggersPage *self)
{
  g_return_val_if_fail (AXDS_IS_LOGGERS_PAGE (self), NULL);
  return self->loggers;
}

/**
 * axds_loggers_page_get_folders:
 * @self: a page
 *
 * Returns: (transfer none): the watched folders (#AxdsWatchedFolder)
 */
GListModel *
axds_loggers_page_get_folders (AxdsLoggersPage *self)
{
  g_return_val_if_fail (AXDS_IS_LOGGERS_PAGE (self), NULL);
  return G_LIST_MODEL (self->folders);
}

/**
 * axds_loggers_page_refresh:
 * @self: a page
 *
 * Reads every logger's statistics and starts a count of every watched folder, now rather
 * than on the next tick of the timer.
 */
void
axds_loggers_page_refresh (AxdsLoggersPage *self)
{
  g_autoptr(GError) error = NULL;
  guint n;

  g_return_if_fail (AXDS_IS_LOGGERS_PAGE (self));

  if (!axds_logger_list_refresh (self->loggers, &error))
    {
      /* Once per distinct problem, not four times a second. */
      if (g_strcmp0 (error->message, self->last_error) != 0)
        axds_page_add_toast (AXDS_PAGE (self), error->message);
      g_free (self->last_error);
      self->last_error = g_strdup (error->message);
    }
  else
    g_clear_pointer (&self->last_error, g_free);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->folders));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AxdsWatchedFolder) folder = g_list_model_get_item (G_LIST_MODEL (self->folders),
                                                                   i);
      axds_watched_folder_scan (folder);
    }
  /* Each reading bumps the items' revision, which updates the rows and the details (also the
   * age of the heartbeat, which moves on when nothing else changed). */
}

/**
 * axds_loggers_page_watch_folder:
 * @self: a page
 * @path: a folder a logger writes to (its output folder or its `NAME_data_log` folder)
 *
 * Adds @path to the watched folders (or finds it there) and selects it.
 *
 * Returns: (transfer none): the watched folder
 */
AxdsWatchedFolder *
axds_loggers_page_watch_folder (AxdsLoggersPage *self,
                                const char      *path)
{
  g_autofree char *canonical = NULL;
  g_autoptr(AxdsWatchedFolder) folder = NULL;
  guint n;

  g_return_val_if_fail (AXDS_IS_LOGGERS_PAGE (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  canonical = g_canonicalize_filename (path, NULL);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->folders));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AxdsWatchedFolder) existing =
        g_list_model_get_item (G_LIST_MODEL (self->folders), i);

      if (g_str_equal (axds_watched_folder_get_path (existing), canonical))
        {
          axds_loggers_page_set_selected (self, G_OBJECT (existing));
          axds_loggers_page_update_state (self);
          return existing;
        }
    }

  folder = axds_watched_folder_new (canonical);
  g_list_store_append (self->folders, folder);
  axds_watched_folder_scan (folder);
  axds_loggers_page_set_selected (self, G_OBJECT (folder));
  axds_loggers_page_update_state (self);
  return folder;
}

/**
 * axds_loggers_page_remove_folder:
 * @self: a page
 * @folder: a watched folder
 *
 * Stops watching @folder.
 */
void
axds_loggers_page_remove_folder (AxdsLoggersPage   *self,
                                 AxdsWatchedFolder *folder)
{
  guint position;

  g_return_if_fail (AXDS_IS_LOGGERS_PAGE (self));
  g_return_if_fail (AXDS_IS_WATCHED_FOLDER (folder));

  if (g_list_store_find (self->folders, folder, &position))
    {
      g_autofree char *name = g_path_get_basename (axds_watched_folder_get_path (folder));
      /* Translators: %s is the name of a folder */
      g_autofree char *message = g_strdup_printf (_("Stopped watching “%s”"), name);

      g_list_store_remove (self->folders, position);
      axds_page_add_toast (AXDS_PAGE (self), message);
    }
}

/**
 * axds_loggers_page_select_logger:
 * @self: a page
 * @name: a logger's instance name
 *
 * Returns: whether the page lists that logger (and it is now selected)
 */
gboolean
axds_loggers_page_select_logger (AxdsLoggersPage *self,
                                 const char      *name)
{
  AxdsLoggerItem *item;

  g_return_val_if_fail (AXDS_IS_LOGGERS_PAGE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  item = axds_logger_list_find (self->loggers, name, NULL);
  if (item == NULL)
    return FALSE;
  axds_loggers_page_set_selected (self, G_OBJECT (item));
  axds_loggers_page_update_state (self);
  return TRUE;
}

/**
 * axds_loggers_page_get_selected:
 * @self: a page
 *
 * Returns: (transfer none) (nullable): the #AxdsLoggerItem or #AxdsWatchedFolder shown
 */
GObject *
axds_loggers_page_get_selected (AxdsLoggersPage *self)
{
  g_return_val_if_fail (AXDS_IS_LOGGERS_PAGE (self), NULL);
  return self->selected;
}

/**
 * axds_loggers_page_get_value:
 * @self: a page
 * @key: a detail row ("written", "depth", "free-disk", "folder-files"…), or "message-rate",
 *   "byte-rate", "folder-rate", "title"
 *
 * Returns: (nullable): the text the details show for @key
 */
const char *
axds_loggers_page_get_value (AxdsLoggersPage *self,
                             const char      *key)
{
  GtkLabel *label;

  g_return_val_if_fail (AXDS_IS_LOGGERS_PAGE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (g_str_equal (key, "message-rate"))
    label = self->message_rate_label;
  else if (g_str_equal (key, "byte-rate"))
    label = self->byte_rate_label;
  else if (g_str_equal (key, "folder-rate"))
    label = self->folder_rate_label;
  else if (g_str_equal (key, "title"))
    label = self->title_label;
  else
    label = g_hash_table_lookup (self->values, key);
  return label != NULL ? gtk_label_get_text (label) : NULL;
}

/**
 * axds_loggers_page_dup_row_status:
 * @self: a page
 * @name: a logger's instance name
 *
 * Returns: (transfer full) (nullable): the state its row in the sidebar shows, and its
 *   second line, as "STATE: LINE"; %NULL when there is no such row
 */
char *
axds_loggers_page_dup_row_status (AxdsLoggersPage *self,
                                  const char      *name)
{
  g_return_val_if_fail (AXDS_IS_LOGGERS_PAGE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->sidebar_list, i);
      GtkWidget *child;
      GObject *item;

      if (row == NULL)
        return NULL;
      child = gtk_list_box_row_get_child (row);
      item = g_object_get_data (G_OBJECT (child), "axds-item");
      if (AXDS_IS_LOGGER_ITEM (item) &&
          g_str_equal (axds_logger_item_get_name (AXDS_LOGGER_ITEM (item)), name))
        {
          GtkLabel *status = g_object_get_data (G_OBJECT (child), "axds-status");
          GtkLabel *subtitle = g_object_get_data (G_OBJECT (child), "axds-subtitle");

          return g_strdup_printf ("%s: %s", gtk_label_get_text (status),
                                  gtk_label_get_text (subtitle));
        }
    }
}

/* How full the selected logger's queue is, as its level bar shows. */
double
axds_loggers_page_get_depth_fraction (AxdsLoggersPage *self)
{
  g_return_val_if_fail (AXDS_IS_LOGGERS_PAGE (self), 0.0);
  return gtk_level_bar_get_value (self->depth_bar);
}

/* Whether the disk alarm shows for the selected logger. */
gboolean
axds_loggers_page_get_alarm_shown (AxdsLoggersPage *self)
{
  g_return_val_if_fail (AXDS_IS_LOGGERS_PAGE (self), FALSE);
  return gtk_widget_get_visible (GTK_WIDGET (self->alarm_bar)) &&
         gtk_info_bar_get_revealed (self->alarm_bar);
}

/* Whether the selected logger is shown as dead. */
gboolean
axds_loggers_page_get_dead_shown (AxdsLoggersPage *self)
{
  g_return_val_if_fail (AXDS_IS_LOGGERS_PAGE (self), FALSE);
  return gtk_widget_get_visible (GTK_WIDGET (self->dead_bar)) &&
         gtk_info_bar_get_revealed (self->dead_bar);
}

/* axds-tracker-list.c — every tracker under a folder, kept current by file monitors
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The folder is searched with axds_tracker_discover_async(), in a worker thread. Then a directory
 * monitor watches the folder itself and every folder holding a tracker: writers replace a
 * tracker file by renaming a hidden temporary file over it, which the monitor reports at once
 * (a created file; only in-place writes of older Python writers wait for GFileMonitor's
 * 800 ms rate limit), so the tracker's item reloads well within a second. Other files made in
 * a watched folder (a new subfolder, a new tracker) trigger a new search, shortly after, so a
 * burst of them costs one; a slow periodic search finds trackers in folders made deeper down,
 * which no monitor watches. Lock files and hidden files are ignored. */

#include "config.h"

#include <string.h>

#include "axds-tracker-list.h"

#define RESCAN_DELAY_MS     250
#define RESCAN_PERIOD_S     10

struct _AxdsTrackerList
{
  GObject       parent_instance;

  char         *folder;
  GListStore   *items;
  GHashTable   *monitors;   /* folder path → GFileMonitor */
  GCancellable *cancellable;
  char         *error;
  guint         rescan_id;
  guint         period_id;
  gboolean      loaded;
  gboolean      scanning;
  gboolean      scan_due;
};

enum {
  PROP_0,
  PROP_FOLDER,
  PROP_ERROR,
  PROP_LOADED,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (AxdsTrackerList, axds_tracker_list, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void schedule_rescan (AxdsTrackerList *self);

static gboolean
is_tracker_name (const char *name)
{
  return g_str_has_suffix (name, "tracker.yaml") || g_str_has_suffix (name, "tracker.yml");
}

static char *
make_title (const char *folder,
            const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  gsize len = strlen (folder);

  if (g_str_has_prefix (dir, folder) && dir[len] == G_DIR_SEPARATOR)
    return g_strdup (dir + len + 1);
  return g_path_get_basename (dir);
}

static void
monitor_changed_cb (AxdsTrackerList   *self,
                    GFile             *file,
                    GFile             *other,
                    GFileMonitorEvent  event,
                    GFileMonitor      *monitor)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *path = g_file_get_path (file);
  AxdsTrackerItem *item;

  if (name == NULL || path == NULL || name[0] == '.' || g_str_has_suffix (name, ".lock"))
    return;
  if (event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED ||
      event == G_FILE_MONITOR_EVENT_PRE_UNMOUNT)
    return;

  item = is_tracker_name (name) ? axds_tracker_list_find (self, path, NULL) : NULL;
  if (item != NULL && event != G_FILE_MONITOR_EVENT_DELETED)
    axds_tracker_item_reload (item);
  else if (event == G_FILE_MONITOR_EVENT_CREATED || event == G_FILE_MONITOR_EVENT_DELETED ||
           event == G_FILE_MONITOR_EVENT_MOVED_IN || event == G_FILE_MONITOR_EVENT_MOVED_OUT ||
           event == G_FILE_MONITOR_EVENT_RENAMED || is_tracker_name (name))
    schedule_rescan (self);
}

static void
watch_folder (AxdsTrackerList *self,
              const char      *dir,
              GHashTable      *wanted)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  GFileMonitor *monitor;

  g_hash_table_add (wanted, g_strdup (dir));
  if (g_hash_table_contains (self->monitors, dir))
    return;

  file = g_file_new_for_path (dir);
  monitor = g_file_monitor_directory (file, G_FILE_MONITOR_NONE, NULL, &error);
  if (monitor == NULL)
    {
      g_debug ("Cannot watch %s: %s", dir, error->message);
      return;
    }
  g_signal_connect_object (monitor, "changed", G_CALLBACK (monitor_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_hash_table_insert (self->monitors, g_strdup (dir), monitor);
}

/* Merges the sorted @paths into the sorted list: items that remain keep their position
 * relative to each other and their objects, so selections survive a search. */
static void
apply_paths (AxdsTrackerList *self,
             GPtrArray       *paths)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key;
  guint i = 0, k = 0;

  while (k < paths->len || i < g_list_model_get_n_items (G_LIST_MODEL (self->items)))
    {
      g_autoptr(AxdsTrackerItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      const char *path = k < paths->len ? g_ptr_array_index (paths, k) : NULL;
      int cmp = item == NULL ? 1 : path == NULL ? -1
                : strcmp (axds_tracker_item_get_path (item), path);

      if (cmp == 0)
        {
          axds_tracker_item_reload (item);
          i++, k++;
        }
      else if (cmp < 0)
        {
          g_list_store_remove (self->items, i);
        }
      else
        {
          g_autofree char *title = make_title (self->folder, path);
          g_autoptr(AxdsTrackerItem) added = axds_tracker_item_new (path, title);

          axds_tracker_item_reload (added);
          g_list_store_insert (self->items, i, added);
          i++, k++;
        }
    }

  watch_folder (self, self->folder, wanted);
  for (k = 0; k < paths->len; k++)
    {
      g_autofree char *dir = g_path_get_dirname (g_ptr_array_index (paths, k));
      watch_folder (self, dir, wanted);
    }
  g_hash_table_iter_init (&iter, self->monitors);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (wanted, key))
      g_hash_table_iter_remove (&iter);
}

static void
set_error (AxdsTrackerList *self,
           const char      *error)
{
  if (g_strcmp0 (error, self->error) == 0)
    return;
  g_free (self->error);
  self->error = g_strdup (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

/* What a search needs back: the list (kept alive by the search) and the folder searched. */
typedef struct
{
  AxdsTrackerList *self;
  char            *folder;
} Discovery;

static void
discovery_free (Discovery *discovery)
{
  g_object_unref (discovery->self);
  g_free (discovery->folder);
  g_free (discovery);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Discovery, discovery_free)

static void
discover_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(Discovery) discovery = user_data;
  AxdsTrackerList *self = discovery->self;
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GError) error = NULL;

  self->scanning = FALSE;
  paths = axds_tracker_discover_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* The folder changed while this search ran: its result is of no use. */
  if (g_strcmp0 (discovery->folder, self->folder) != 0)
    return;

  if (paths == NULL)
    {
      g_autoptr(GPtrArray) none = g_ptr_array_new ();

      set_error (self, error->message);
      apply_paths (self, none);
    }
  else
    {
      set_error (self, NULL);
      apply_paths (self, paths);
    }
  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }
  if (self->scan_due)
    {
      self->scan_due = FALSE;
      axds_tracker_list_rescan (self);
    }
}

static gboolean
rescan_cb (gpointer data)
{
  AxdsTrackerList *self = data;

  self->rescan_id = 0;
  axds_tracker_list_rescan (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_rescan (AxdsTrackerList *self)
{
  if (self->rescan_id == 0)
    self->rescan_id = g_timeout_add (RESCAN_DELAY_MS, rescan_cb, self);
}

static gboolean
period_cb (gpointer data)
{
  axds_tracker_list_rescan (data);
  return G_SOURCE_CONTINUE;
}

static void
axds_tracker_list_stop (AxdsTrackerList *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->rescan_id, g_source_remove);
  g_clear_handle_id (&self->period_id, g_source_remove);
  g_hash_table_remove_all (self->monitors);
  self->scanning = FALSE;
  self->scan_due = FALSE;
}

static void
axds_tracker_list_dispose (GObject *object)
{
  AxdsTrackerList *self = (AxdsTrackerList *)object;

  axds_tracker_list_stop (self);

  G_OBJECT_CLASS (axds_tracker_list_parent_class)->dispose (object);
}

static void
axds_tracker_list_finalize (GObject *object)
{
  AxdsTrackerList *self = (AxdsTrackerList *)object;

  g_clear_object (&self->items);
  g_clear_pointer (&self->monitors, g_hash_table_unref);
  g_free (self->folder);
  g_free (self->error);

  G_OBJECT_CLASS (axds_tracker_list_parent_class)->finalize (object);
}

static void
axds_tracker_list_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AxdsTrackerList *self = AXDS_TRACKER_LIST (object);

  switch (prop_id)
    {
    case PROP_FOLDER: g_value_set_string (value, self->folder); break;
    case PROP_ERROR:  g_value_set_string (value, self->error); break;
    case PROP_LOADED: g_value_set_boolean (value, self->loaded); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
axds_tracker_list_class_init (AxdsTrackerListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = axds_tracker_list_dispose;
  object_class->finalize = axds_tracker_list_finalize;
  object_class->get_property = axds_tracker_list_get_property;

  properties[PROP_FOLDER] = g_param_spec_string ("folder", NULL, NULL, NULL, ro);
  properties[PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL, ro);
  properties[PROP_LOADED] = g_param_spec_boolean ("loaded", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
axds_tracker_list_init (AxdsTrackerList *self)
{
  self->items = g_list_store_new (AXDS_TYPE_TRACKER_ITEM);
  self->monitors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

AxdsTrackerList *
axds_tracker_list_new (void)
{
  return g_object_new (AXDS_TYPE_TRACKER_LIST, NULL);
}

/**
 * axds_tracker_list_set_folder:
 * @self: a list
 * @folder: (nullable): the folder to search, or %NULL for none
 *
 * Empties the list and searches @folder; the list fills when the search is done.
 */
void
axds_tracker_list_set_folder (AxdsTrackerList *self,
                              const char      *folder)
{
  g_autofree char *canonical = NULL;

  g_return_if_fail (AXDS_IS_TRACKER_LIST (self));

  if (folder != NULL)
    canonical = g_canonicalize_filename (folder, NULL);
  if (g_strcmp0 (canonical, self->folder) == 0)
    return;

  axds_tracker_list_stop (self);
  g_list_store_remove_all (self->items);
  g_free (self->folder);
  self->folder = g_steal_pointer (&canonical);
  self->loaded = FALSE;
  set_error (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDER]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);

  if (self->folder != NULL)
    {
      self->cancellable = g_cancellable_new ();
      self->period_id = g_timeout_add_seconds (RESCAN_PERIOD_S, period_cb, self);
      axds_tracker_list_rescan (self);
    }
}

const char *
axds_tracker_list_get_folder (AxdsTrackerList *self)
{
  g_return_val_if_fail (AXDS_IS_TRACKER_LIST (self), NULL);
  return self->folder;
}

/**
 * axds_tracker_list_get_model:
 * @self: a list
 *
 * Returns: (transfer none): the trackers (#AxdsTrackerItem), sorted by path
 */
GListModel *
axds_tracker_list_get_model (AxdsTrackerList *self)
{
  g_return_val_if_fail (AXDS_IS_TRACKER_LIST (self), NULL);
  return G_LIST_MODEL (self->items);
}

/**
 * axds_tracker_list_get_error:
 * @self: a list
 *
 * Returns: (nullable): why the folder could not be searched
 */
const char *
axds_tracker_list_get_error (AxdsTrackerList *self)
{
  g_return_val_if_fail (AXDS_IS_TRACKER_LIST (self), NULL);
  return self->error;
}

/**
 * axds_tracker_list_get_loaded:
 * @self: a list
 *
 * Returns: whether the first search of the folder is done
 */
gboolean
axds_tracker_list_get_loaded (AxdsTrackerList *self)
{
  g_return_val_if_fail (AXDS_IS_TRACKER_LIST (self), FALSE);
  return self->loaded;
}

/**
 * axds_tracker_list_rescan:
 * @self: a list
 *
 * Searches the folder again in a worker thread and reloads every tracker.
 */
void
axds_tracker_list_rescan (AxdsTrackerList *self)
{
  Discovery *discovery;

  g_return_if_fail (AXDS_IS_TRACKER_LIST (self));

  if (self->folder == NULL)
    return;
  if (self->scanning)
    {
      self->scan_due = TRUE;
      return;
    }
  self->scanning = TRUE;
  discovery = g_new0 (Discovery, 1);
  discovery->self = g_object_ref (self);
  discovery->folder = g_strdup (self->folder);
  axds_tracker_discover_async (self->folder, NULL, self->cancellable, discover_done_cb,
                               discovery);
}

/**
 * axds_tracker_list_find:
 * @self: a list
 * @path: a tracker file
 * @position: (out) (optional): its position
 *
 * Returns: (transfer none) (nullable): the item of that file
 */
AxdsTrackerItem *
axds_tracker_list_find (AxdsTrackerList *self,
                        const char      *path,
                        guint           *position)
{
  GListModel *model;

  g_return_val_if_fail (AXDS_IS_TRACKER_LIST (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  model = G_LIST_MODEL (self->items);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AxdsTrackerItem) item = g_list_model_get_item (model, i);

      if (g_str_equal (axds_tracker_item_get_path (item), path))
        {
          if (position != NULL)
            *position = i;
          /* The store keeps its reference. */
          return item;
        }
    }
  return NULL;
}

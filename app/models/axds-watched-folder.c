/* axds-watched-folder.c — a logger output folder whose message files are counted
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Any logger's output folder can be watched, also one written by the Python library, which
 * names its entries the same way: `{source:03d}_{time:020d}.npy`. A scan counts those names
 * in the folder and in its `*_data_log` subfolders (so both the folder given to a logger and
 * the logger's own folder work), plus assembled `*_log.npz` archives. A busy logger writes
 * thousands of files a second, so the listing runs in a worker thread, one at a time; the
 * rate of new files is the change between two scans over the time between them. */

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <string.h>

#include "axds.h"
#include "axds-watched-folder.h"

/* Ten minutes of scans at 4 Hz. */
#define HISTORY_CAPACITY 2400

struct _AxdsWatchedFolder
{
  GObject       parent_instance;

  char         *path;
  GCancellable *cancellable;
  AxdsHistory  *history;
  char         *error;
  guint64       files;        /* at last_time, the base of the rate */
  guint64       shown_files;  /* at the last scan */
  guint64       archives;
  guint         sources;
  double        rate;
  gint64        last_time;
  gboolean      scanned;
  gboolean      scanning;
  guint         revision;
};

typedef struct
{
  guint64 files;
  guint64 archives;
  guint   sources;
  gint64  time;
} ScanResult;

enum {
  PROP_0,
  PROP_PATH,
  PROP_REVISION,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (AxdsWatchedFolder, axds_watched_folder, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/**
 * axds_watched_folder_is_entry_name:
 * @name: a file name
 * @source_id: (out) (optional): the source it belongs to
 *
 * Returns: whether @name is a logged message: three digits, `_`, twenty digits, `.npy`
 */
gboolean
axds_watched_folder_is_entry_name (const char *name,
                                   guint      *source_id)
{
  g_return_val_if_fail (name != NULL, FALSE);

  if (strlen (name) != 3 + 1 + 20 + 4 || name[3] != '_' || strcmp (name + 24, ".npy") != 0)
    return FALSE;
  for (guint i = 0; i < 24; i++)
    if (i != 3 && !g_ascii_isdigit (name[i]))
      return FALSE;
  if (source_id != NULL)
    *source_id = (guint)(name[0] - '0') * 100 + (guint)(name[1] - '0') * 10 +
                 (guint)(name[2] - '0');
  return TRUE;
}

static gboolean
count_in (const char    *path,
          gboolean       descend,
          guint64       *files,
          guint64       *archives,
          guint8        *seen,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(GPtrArray) logs = g_ptr_array_new_with_free_func (g_free);
  struct dirent *entry;
  DIR *dir = opendir (path);

  if (dir == NULL)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Cannot list the folder %s: %s", path, g_strerror (saved));
      return FALSE;
    }
  while ((entry = readdir (dir)) != NULL)
    {
      guint source;

      if (axds_watched_folder_is_entry_name (entry->d_name, &source))
        {
          (*files)++;
          seen[source] = 1;
        }
      else if (g_str_has_suffix (entry->d_name, "_log.npz"))
        (*archives)++;
      else if (descend && g_str_has_suffix (entry->d_name, "_data_log"))
        g_ptr_array_add (logs, g_build_filename (path, entry->d_name, NULL));
    }
  closedir (dir);

  for (guint i = 0; i < logs->len; i++)
    {
      g_autoptr(GError) local = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      /* A *_data_log that is not a folder, or vanished meanwhile, is not an error. */
      if (!count_in (g_ptr_array_index (logs, i), FALSE, files, archives, seen, cancellable,
                     &local) &&
          !g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) &&
          !g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * axds_watched_folder_count:
 * @path: a folder
 * @files: (out): message files (`NNN_TTTTTTTTTTTTTTTTTTTT.npy`)
 * @archives: (out): assembled archives (`*_log.npz`)
 * @sources: (out): distinct sources of the message files
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Counts the logger entries in @path and in its `*_data_log` subfolders. Blocks: call it in
 * a worker thread.
 *
 * Returns: %FALSE when @path cannot be listed
 */
gboolean
axds_watched_folder_count (const char    *path,
                           guint64       *files,
                           guint64       *archives,
                           guint         *sources,
                           GCancellable  *cancellable,
                           GError       **error)
{
  guint8 seen[1000] = { 0 };

  g_return_val_if_fail (path != NULL, FALSE);

  *files = 0;
  *archives = 0;
  *sources = 0;
  if (!count_in (path, TRUE, files, archives, seen, cancellable, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (seen); i++)
    *sources += seen[i];
  return TRUE;
}

static void
scan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *path = task_data;
  ScanResult *result = g_new0 (ScanResult, 1);
  GError *error = NULL;

  if (!axds_watched_folder_count (path, &result->files, &result->archives, &result->sources,
                                  cancellable, &error))
    {
      g_free (result);
      g_task_return_error (task, error);
      return;
    }
  result->time = g_get_monotonic_time ();
  g_task_return_pointer (task, result, g_free);
}

static void
scan_done_cb (GObject      *object,
              GAsyncResult *async_result,
              gpointer      user_data)
{
  AxdsWatchedFolder *self = AXDS_WATCHED_FOLDER (object);
  g_autoptr(GError) error = NULL;
  g_autofree ScanResult *result = g_task_propagate_pointer (G_TASK (async_result), &error);

  self->scanning = FALSE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_pointer (&self->error, g_free);
  if (result == NULL)
    {
      self->error = g_strdup (error->message);
      self->rate = 0.0;
    }
  else
    {
      /* A scan right after another (a refresh on top of the timer) gives no rate. */
      if (self->scanned && result->time - self->last_time < 150 * 1000)
        {
          if (result->files < self->files)
            self->rate = 0.0;
        }
      else if (self->scanned)
        {
          double dt = (result->time - self->last_time) / (double)G_USEC_PER_SEC;

          /* Fewer files than before: assembled into archives or removed, none new. */
          self->rate = result->files > self->files ? (result->files - self->files) / dt : 0.0;
          axds_history_push (self->history, result->time, &self->rate);
        }
      if (!self->scanned || result->time - self->last_time >= 150 * 1000)
        {
          self->files = result->files;
          self->last_time = result->time;
        }
      self->archives = result->archives;
      self->sources = result->sources;
      self->shown_files = result->files;
    }
  self->scanned = TRUE;
  self->revision++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVISION]);
}

static void
axds_watched_folder_dispose (GObject *object)
{
  AxdsWatchedFolder *self = (AxdsWatchedFolder *)object;

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (axds_watched_folder_parent_class)->dispose (object);
}

static void
axds_watched_folder_finalize (GObject *object)
{
  AxdsWatchedFolder *self = (AxdsWatchedFolder *)object;

  g_free (self->path);
  g_free (self->error);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (axds_watched_folder_parent_class)->finalize (object);
}

static void
axds_watched_folder_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AxdsWatchedFolder *self = AXDS_WATCHED_FOLDER (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_REVISION:
      g_value_set_uint (value, self->revision);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
axds_watched_folder_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  AxdsWatchedFolder *self = AXDS_WATCHED_FOLDER (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
axds_watched_folder_class_init (AxdsWatchedFolderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = axds_watched_folder_dispose;
  object_class->finalize = axds_watched_folder_finalize;
  object_class->get_property = axds_watched_folder_get_property;
  object_class->set_property = axds_watched_folder_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REVISION] =
    g_param_spec_uint ("revision", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
axds_watched_folder_init (AxdsWatchedFolder *self)
{
  self->cancellable = g_cancellable_new ();
  self->history = axds_history_new (1, HISTORY_CAPACITY);
}

AxdsWatchedFolder *
axds_watched_folder_new (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);
  return g_object_new (AXDS_TYPE_WATCHED_FOLDER, "path", path, NULL);
}

const char *
axds_watched_folder_get_path (AxdsWatchedFolder *self)
{
  g_return_val_if_fail (AXDS_IS_WATCHED_FOLDER (self), NULL);
  return self->path;
}

/**
 * axds_watched_folder_scan:
 * @self: a watched folder
 *
 * Counts the folder's entries again in a worker thread, unless a count still runs; the
 * result comes as a change of `revision`.
 */
void
axds_watched_folder_scan (AxdsWatchedFolder *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (AXDS_IS_WATCHED_FOLDER (self));

  if (self->scanning)
    return;
  self->scanning = TRUE;
  task = g_task_new (self, self->cancellable, scan_done_cb, NULL);
  g_task_set_source_tag (task, axds_watched_folder_scan);
  g_task_set_task_data (task, g_strdup (self->path), g_free);
  g_task_run_in_thread (task, scan_thread);
}

/* Whether a scan finished at least once. */
gboolean
axds_watched_folder_get_scanned (AxdsWatchedFolder *self)
{
  g_return_val_if_fail (AXDS_IS_WATCHED_FOLDER (self), FALSE);
  return self->scanned;
}

guint64
axds_watched_folder_get_file_count (AxdsWatchedFolder *self)
{
  g_return_val_if_fail (AXDS_IS_WATCHED_FOLDER (self), 0);
  return self->shown_files;
}

guint64
axds_watched_folder_get_archive_count (AxdsWatchedFolder *self)
{
  g_return_val_if_fail (AXDS_IS_WATCHED_FOLDER (self), 0);
  return self->archives;
}

guint
axds_watched_folder_get_source_count (AxdsWatchedFolder *self)
{
  g_return_val_if_fail (AXDS_IS_WATCHED_FOLDER (self), 0);
  return self->sources;
}

/* New message files per second between the last two scans. */
double
axds_watched_folder_get_rate (AxdsWatchedFolder *self)
{
  g_return_val_if_fail (AXDS_IS_WATCHED_FOLDER (self), 0.0);
  return self->rate;
}

/**
 * axds_watched_folder_get_error:
 * @self: a watched folder
 *
 * Returns: (nullable): why the last scan failed
 */
const char *
axds_watched_folder_get_error (AxdsWatchedFolder *self)
{
  g_return_val_if_fail (AXDS_IS_WATCHED_FOLDER (self), NULL);
  return self->error;
}

/**
 * axds_watched_folder_get_history:
 * @self: a watched folder
 *
 * Returns: (transfer none): new files per second, one sample per scan
 */
AxdsHistory *
axds_watched_folder_get_history (AxdsWatchedFolder *self)
{
  g_return_val_if_fail (AXDS_IS_WATCHED_FOLDER (self), NULL);
  return self->history;
}

guint
axds_watched_folder_get_revision (AxdsWatchedFolder *self)
{
  g_return_val_if_fail (AXDS_IS_WATCHED_FOLDER (self), 0);
  return self->revision;
}

/* axds-log-source.c — the messages of one log source, from an archive or from loose entries
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Loading happens in a worker thread and builds an index the page can use without touching
 * the disk again for anything but payloads: per source the time of every message (µs since
 * the onset, 8 bytes a message) and a histogram of them. Archives are read through the
 * library's mapped reader, which stays open for payloads. Loose entries are indexed from
 * their names alone ({source}_{time}.npy: the time is in the name), so a folder of 100,000
 * files costs one directory listing; only the onset entry is read, and a message's file is
 * mapped when the page shows it. A source that cannot be read does not stop the
 * others: its error, which names the file, goes to the problems. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "axds.h"
#include "format/axds-log-format.h"
#include "axds-log-source.h"

#define RATE_MAX_BINS   240
#define PROGRESS_CHUNK  4096
#define ARCHIVE_SUFFIX  "_log.npz"

struct _AxdsLogSource
{
  GObject            parent_instance;

  AxdsLogSourceKind  kind;
  guint              id;
  char              *path;      /* the archive, or the folder of the entries */
  gboolean           has_onset;
  guint64            onset_us;
  guint64           *elapsed;   /* per message, µs since the onset */
  guint              n_messages;
  guint64            first_us;
  guint64            last_us;
  guint64           *rate;      /* messages per bin */
  guint              n_bins;
  guint64            bin_width_us;

  AxdsLogArchive    *archive;   /* ARCHIVE */
  char             **names;     /* ENTRIES: file name per message */
};

G_DEFINE_FINAL_TYPE (AxdsLogSource, axds_log_source, G_TYPE_OBJECT)

static void
axds_log_source_finalize (GObject *object)
{
  AxdsLogSource *self = AXDS_LOG_SOURCE (object);

  g_free (self->path);
  g_free (self->elapsed);
  g_free (self->rate);
  g_clear_pointer (&self->archive, axds_log_archive_unref);
  g_strfreev (self->names);

  G_OBJECT_CLASS (axds_log_source_parent_class)->finalize (object);
}

static void
axds_log_source_class_init (AxdsLogSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = axds_log_source_finalize;
}

static void
axds_log_source_init (AxdsLogSource *self)
{
}

/* The span and the histogram, once the times are in. */
static void
finish_index (AxdsLogSource *self)
{
  guint64 lo = G_MAXUINT64, hi = 0;

  for (guint i = 0; i < self->n_messages; i++)
    {
      lo = MIN (lo, self->elapsed[i]);
      hi = MAX (hi, self->elapsed[i]);
    }
  if (self->n_messages == 0)
    lo = 0;
  self->first_us = lo;
  self->last_us = hi;
  self->bin_width_us = axds_log_rate_bin_width (hi - lo, RATE_MAX_BINS);
  self->n_bins = (guint)((hi - lo) / self->bin_width_us) + 1;
  self->rate = g_new0 (guint64, self->n_bins);
  axds_log_rate_bin (self->elapsed, self->n_messages, lo, self->bin_width_us, self->n_bins,
                     self->rate);
}

typedef struct
{
  AxdsLogSourceProgress  func;
  gpointer               data;
  guint64                done;
  guint64                total;
} Progress;

static void
progress_add (Progress *progress,
              guint64   n)
{
  progress->done += n;
  if (progress->func != NULL)
    progress->func (progress->done, progress->total, progress->data);
}

static AxdsLogSource *
index_archive (AxdsLogArchive  *archive,
               Progress        *progress,
               GCancellable    *cancellable,
               GError         **error)
{
  g_autoptr(AxdsLogSource) self = g_object_new (AXDS_TYPE_LOG_SOURCE, NULL);
  AxdsLogArchiveIter iter;
  AxdsLogMessage message;
  g_autoptr(GError) local_error = NULL;
  guint i = 0;

  self->kind = AXDS_LOG_SOURCE_ARCHIVE;
  self->archive = axds_log_archive_ref (archive);
  self->id = axds_log_archive_get_source_id (archive);
  self->path = g_strdup (axds_log_archive_get_path (archive));
  self->has_onset = TRUE;
  self->onset_us = axds_log_archive_get_onset_us (archive);
  self->n_messages = axds_log_archive_get_n_messages (archive);
  self->elapsed = g_new (guint64, MAX (self->n_messages, 1));

  axds_log_archive_iter_init (&iter, archive, NULL);
  while (axds_log_archive_iter_next (&iter, &message, &local_error))
    {
      self->elapsed[i++] = message.elapsed_us;
      if (i % PROGRESS_CHUNK == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return NULL;
          progress_add (progress, PROGRESS_CHUNK);
        }
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  progress_add (progress, i % PROGRESS_CHUNK);
  self->n_messages = i;
  finish_index (self);
  return g_steal_pointer (&self);
}

/* The payload of an entry file: its uint8 array without the 9-byte header of source and
 * time. Mapped, not read: a row only needs the size, and the dump shows the first 64 KiB. */
static GBytes *
read_entry (const char  *path,
            GError     **error)
{
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, error);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = g_path_get_basename (path);
  const guint8 *data, *entry;
  gsize len, entry_len;

  if (file == NULL)
    return NULL;
  bytes = g_mapped_file_get_bytes (file);
  data = g_bytes_get_data (bytes, &len);
  if (!axds_npy_parse_u8 (data, len, name, &entry, &entry_len, error))
    {
      g_prefix_error (error, _("Log entry “%s”: "), path);
      return NULL;
    }
  if (entry_len < 9)
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT,
                   _("Log entry “%s” holds %lu bytes, fewer than its 9-byte header"), path,
                   (gulong)entry_len);
      return NULL;
    }
  return g_bytes_new_from_bytes (bytes, (gsize)(entry + 9 - data), entry_len - 9);
}

typedef struct
{
  guint64  time;
  char    *name;
} Entry;

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *ea = a, *eb = b;

  if (ea->time != eb->time)
    return ea->time < eb->time ? -1 : 1;
  return strcmp (ea->name, eb->name);
}

static void
entry_clear (Entry *entry)
{
  g_free (entry->name);
}

static gboolean
parse_entry_name (const char *name,
                  guint64    *source,
                  guint64    *time)
{
  const char *underscore = strchr (name, '_');
  gsize len = strlen (name);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (underscore == NULL || underscore == name || !g_str_has_suffix (name, ".npy") ||
      underscore + 1 >= name + len - 4)
    return FALSE;
  a = g_strndup (name, (gsize)(underscore - name));
  b = g_strndup (underscore + 1, (gsize)(name + len - 4 - underscore - 1));
  for (const char *p = a; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  for (const char *p = b; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return g_ascii_string_to_unsigned (a, 10, 0, G_MAXUINT64, source, NULL) &&
         g_ascii_string_to_unsigned (b, 10, 0, G_MAXUINT64, time, NULL);
}

typedef struct
{
  AxdsLogSourceProgress  func;
  gpointer               data;
  guint                  listed;
} Listing;

/* Archives and entries; hidden files (the assembler's temporary archives) are skipped before. */
static gboolean
is_log_file_cb (const char *name,
                gpointer    user_data)
{
  Listing *listing = user_data;
  guint64 source, time;

  /* Listing a big folder is the slow part: tell how far it got. */
  if (++listing->listed % 4096 == 0 && listing->func != NULL)
    listing->func (listing->listed, 0, listing->data);
  return g_str_has_suffix (name, ARCHIVE_SUFFIX) || parse_entry_name (name, &source, &time);
}

static AxdsLogSource *
index_entries (const char  *folder,
               guint        id,
               GArray      *entries,
               Progress    *progress,
               GError     **error)
{
  g_autoptr(AxdsLogSource) self = g_object_new (AXDS_TYPE_LOG_SOURCE, NULL);
  guint first = 0;

  g_array_sort (entries, compare_entries);
  self->kind = AXDS_LOG_SOURCE_ENTRIES;
  self->id = id;
  self->path = g_strdup (folder);

  /* As in an archive: the entry at time 0 holds the onset, one uint64 of UTC µs. */
  if (entries->len > 0 && g_array_index (entries, Entry, 0).time == 0)
    {
      const char *name = g_array_index (entries, Entry, 0).name;
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autoptr(GBytes) payload = read_entry (path, error);
      guint64 onset;

      if (payload == NULL)
        return NULL;
      if (g_bytes_get_size (payload) != 8)
        {
          g_set_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT,
                       _("The onset entry “%s” holds %lu bytes instead of one uint64"), path,
                       (gulong)g_bytes_get_size (payload));
          return NULL;
        }
      memcpy (&onset, g_bytes_get_data (payload, NULL), 8);
      self->onset_us = GUINT64_FROM_LE (onset);
      self->has_onset = TRUE;
      first = 1;
    }

  self->n_messages = entries->len - first;
  self->elapsed = g_new (guint64, MAX (self->n_messages, 1));
  self->names = g_new0 (char *, self->n_messages + 1);
  for (guint i = 0; i < self->n_messages; i++)
    {
      Entry *entry = &g_array_index (entries, Entry, first + i);

      self->elapsed[i] = entry->time;
      self->names[i] = g_steal_pointer (&entry->name);
    }
  progress_add (progress, self->n_messages);
  finish_index (self);
  return g_steal_pointer (&self);
}

static int
compare_sources (gconstpointer a,
                 gconstpointer b)
{
  AxdsLogSource *sa = *(AxdsLogSource **)a, *sb = *(AxdsLogSource **)b;

  if (sa->id != sb->id)
    return sa->id < sb->id ? -1 : 1;
  if (sa->kind != sb->kind)
    return (int)sa->kind - (int)sb->kind;
  return strcmp (sa->path, sb->path);
}

/**
 * axds_log_source_load:
 * @path: a `.npz` log archive, or a folder of `*_log.npz` archives and/or log entries
 * @problems: (out) (optional) (transfer full) (element-type utf8): why sources of a folder
 *   were left out
 * @progress: (nullable) (scope call): called from this thread as messages are indexed
 * @progress_data: its data
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Indexes every source at @path. A single archive that cannot be read is an error; in a
 * folder, a source that cannot be read is left out and its error added to @problems, and it
 * is an error only when no source is left.
 *
 * Returns: (transfer full) (element-type AxdsLogSource): the sources, by source ID
 */
GPtrArray *
axds_log_source_load (const char             *path,
                      GPtrArray             **problems,
                      AxdsLogSourceProgress   progress,
                      gpointer                progress_data,
                      GCancellable           *cancellable,
                      GError                **error)
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) issues = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) archives = g_ptr_array_new_with_free_func (
    (GDestroyNotify)axds_log_archive_unref);
  g_autoptr(GHashTable) groups = NULL;
  g_autoptr(GPtrArray) found = NULL;
  Progress state = { progress, progress_data, 0, 0 };
  Listing listing = { progress, progress_data, 0 };
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(AxdsLogArchive) archive = axds_log_archive_open (path, error);
      AxdsLogSource *source;

      if (archive == NULL)
        return NULL;
      state.total = axds_log_archive_get_n_messages (archive);
      source = index_archive (archive, &state, cancellable, error);
      if (source == NULL)
        return NULL;
      g_ptr_array_add (sources, source);
      if (problems != NULL)
        *problems = g_steal_pointer (&issues);
      return g_steal_pointer (&sources);
    }

  found = axds_find_files (path, 0, AXDS_FIND_FILES_RELATIVE | AXDS_FIND_FILES_SKIP_HIDDEN,
                           is_log_file_cb, &listing, cancellable, error);
  if (found == NULL)
    return NULL;

  /* Source ID → GArray of Entry */
  groups = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)g_array_unref);
  for (guint i = 0; i < found->len; i++)
    {
      const char *name = g_ptr_array_index (found, i);
      guint64 source, time;

      if (g_str_has_suffix (name, ARCHIVE_SUFFIX))
        {
          g_autofree char *file = g_build_filename (path, name, NULL);
          g_autoptr(GError) local_error = NULL;
          AxdsLogArchive *archive = axds_log_archive_open (file, &local_error);

          if (archive == NULL)
            g_ptr_array_add (issues, g_strdup (local_error->message));
          else
            g_ptr_array_add (archives, archive);
        }
      else if (parse_entry_name (name, &source, &time))
        {
          GArray *entries;
          Entry entry;

          if (source > 255)
            {
              g_ptr_array_add (issues, g_strdup_printf (_("Log entry “%s”: source ID %lu is "
                                                          "not between 0 and 255"),
                                                        name, (gulong)source));
              continue;
            }
          entries = g_hash_table_lookup (groups, GUINT_TO_POINTER ((guint)source));
          if (entries == NULL)
            {
              entries = g_array_new (FALSE, FALSE, sizeof (Entry));
              g_array_set_clear_func (entries, (GDestroyNotify)entry_clear);
              g_hash_table_insert (groups, GUINT_TO_POINTER ((guint)source), entries);
            }
          entry.time = time;
          entry.name = g_strdup (name);
          g_array_append_val (entries, entry);
          /* Messages only: the entry at time 0 is the onset. */
          if (time > 0)
            state.total++;
        }
    }

  for (guint i = 0; i < archives->len; i++)
    state.total += axds_log_archive_get_n_messages (g_ptr_array_index (archives, i));

  for (guint i = 0; i < archives->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      AxdsLogSource *source = index_archive (g_ptr_array_index (archives, i), &state,
                                             cancellable, &local_error);

      if (source != NULL)
        g_ptr_array_add (sources, source);
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      else
        g_ptr_array_add (issues, g_strdup (local_error->message));
    }

  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(GError) local_error = NULL;
      AxdsLogSource *source = index_entries (path, GPOINTER_TO_UINT (key), value, &state,
                                             &local_error);

      if (source != NULL)
        g_ptr_array_add (sources, source);
      else
        g_ptr_array_add (issues, g_strdup (local_error->message));
    }

  if (sources->len == 0)
    {
      if (issues->len > 0)
        g_set_error_literal (error, AXDS_ERROR, AXDS_ERROR_CORRUPT,
                             g_ptr_array_index (issues, 0));
      else
        g_set_error (error, AXDS_ERROR, AXDS_ERROR_NOT_FOUND,
                     _("The folder “%s” holds no log archive (*_log.npz) and no log entry "
                       "(SOURCE_TIME.npy)"), path);
      return NULL;
    }

  g_ptr_array_sort (sources, compare_sources);
  if (problems != NULL)
    *problems = g_steal_pointer (&issues);
  return g_steal_pointer (&sources);
}

typedef struct
{
  char                  *path;
  AxdsLogSourceProgress  progress;
  gpointer               progress_data;
  GDestroyNotify         progress_destroy;
  GPtrArray             *problems;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->path);
  if (data->progress_destroy != NULL)
    data->progress_destroy (data->progress_data);
  g_clear_pointer (&data->problems, g_ptr_array_unref);
  g_free (data);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  GError *error = NULL;
  GPtrArray *sources = axds_log_source_load (data->path, &data->problems, data->progress,
                                             data->progress_data, cancellable, &error);

  if (sources == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, sources, (GDestroyNotify)g_ptr_array_unref);
}

/**
 * axds_log_source_load_async:
 * @path: as for axds_log_source_load()
 * @progress: (nullable): called from the worker thread
 * @progress_data: its data
 * @progress_destroy: (nullable): frees @progress_data once the worker is done with it
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in this thread's main context when done
 * @user_data: its data
 *
 * axds_log_source_load() in a worker thread.
 */
void
axds_log_source_load_async (const char             *path,
                            AxdsLogSourceProgress   progress,
                            gpointer                progress_data,
                            GDestroyNotify          progress_destroy,
                            GCancellable           *cancellable,
                            GAsyncReadyCallback     callback,
                            gpointer                user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  LoadData *data = g_new0 (LoadData, 1);

  data->path = g_strdup (path);
  data->progress = progress;
  data->progress_data = progress_data;
  data->progress_destroy = progress_destroy;
  g_task_set_source_tag (task, axds_log_source_load_async);
  g_task_set_task_data (task, data, (GDestroyNotify)load_data_free);
  g_task_run_in_thread (task, load_thread);
}

/**
 * axds_log_source_load_finish:
 * @result: the result given to the callback
 * @problems: (out) (optional) (transfer full): as for axds_log_source_load()
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type AxdsLogSource): the sources, or %NULL on error
 */
GPtrArray *
axds_log_source_load_finish (GAsyncResult  *result,
                             GPtrArray    **problems,
                             GError       **error)
{
  LoadData *data;
  GPtrArray *sources;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  sources = g_task_propagate_pointer (G_TASK (result), error);
  data = g_task_get_task_data (G_TASK (result));
  if (problems != NULL)
    *problems = sources != NULL && data->problems != NULL
                ? g_ptr_array_ref (data->problems) : NULL;
  return sources;
}

AxdsLogSourceKind
axds_log_source_get_kind (AxdsLogSource *self)
{
  g_return_val_if_fail (AXDS_IS_LOG_SOURCE (self), AXDS_LOG_SOURCE_ARCHIVE);
  return self->kind;
}

guint
axds_log_source_get_id (AxdsLogSource *self)
{
  g_return_val_if_fail (AXDS_IS_LOG_SOURCE (self), 0);
  return self->id;
}

/**
 * axds_log_source_get_path:
 * @self: a source
 *
 * Returns: the archive file, or the folder of the entries
 */
const char *
axds_log_source_get_path (AxdsLogSource *self)
{
  g_return_val_if_fail (AXDS_IS_LOG_SOURCE (self), NULL);
  return self->path;
}

/**
 * axds_log_source_has_onset:
 * @self: a source
 *
 * Returns: whether the onset is known (always for archives; for entries, when the entry at
 *   time 0 is there)
 */
gboolean
axds_log_source_has_onset (AxdsLogSource *self)
{
  g_return_val_if_fail (AXDS_IS_LOG_SOURCE (self), FALSE);
  return self->has_onset;
}

guint64
axds_log_source_get_onset_us (AxdsLogSource *self)
{
  g_return_val_if_fail (AXDS_IS_LOG_SOURCE (self), 0);
  return self->onset_us;
}

guint
axds_log_source_get_n_messages (AxdsLogSource *self)
{
  g_return_val_if_fail (AXDS_IS_LOG_SOURCE (self), 0);
  return self->n_messages;
}

/**
 * axds_log_source_get_elapsed:
 * @self: a source
 * @index: a message
 *
 * Returns: its time, µs since the onset
 */
guint64
axds_log_source_get_elapsed (AxdsLogSource *self,
                             guint          index)
{
  g_return_val_if_fail (AXDS_IS_LOG_SOURCE (self), 0);
  g_return_val_if_fail (index < self->n_messages, 0);
  return self->elapsed[index];
}

/* The earliest message's time since the onset (0 without messages). */
guint64
axds_log_source_get_first_us (AxdsLogSource *self)
{
  g_return_val_if_fail (AXDS_IS_LOG_SOURCE (self), 0);
  return self->first_us;
}

/* The latest message's time since the onset (0 without messages). */
guint64
axds_log_source_get_last_us (AxdsLogSource *self)
{
  g_return_val_if_fail (AXDS_IS_LOG_SOURCE (self), 0);
  return self->last_us;
}

/**
 * axds_log_source_get_rate:
 * @self: a source
 * @n_bins: (out): the number of bins
 * @bin_width_us: (out): the width of each
 * @start_us: (out): the start of the first, µs since the onset
 *
 * Returns: (array length=n_bins): the number of messages in each bin
 */
const guint64 *
axds_log_source_get_rate (AxdsLogSource *self,
                          guint         *n_bins,
                          guint64       *bin_width_us,
                          guint64       *start_us)
{
  g_return_val_if_fail (AXDS_IS_LOG_SOURCE (self), NULL);
  *n_bins = self->n_bins;
  *bin_width_us = self->bin_width_us;
  *start_us = self->first_us;
  return self->rate;
}

/**
 * axds_log_source_dup_payload:
 * @self: a source
 * @index: a message
 * @error: return location for an error, which names the file
 *
 * An archive's payloads point into its mapping; an entry's file is read now.
 *
 * Returns: (transfer full): the payload, or %NULL on error
 */
GBytes *
axds_log_source_dup_payload (AxdsLogSource  *self,
                             guint           index,
                             GError        **error)
{
  g_return_val_if_fail (AXDS_IS_LOG_SOURCE (self), NULL);
  g_return_val_if_fail (index < self->n_messages, NULL);

  if (self->kind == AXDS_LOG_SOURCE_ARCHIVE)
    {
      AxdsLogMessage message;

      if (!axds_log_archive_get_message (self->archive, index, &message, error))
        return NULL;
      /* The archive stays mapped as long as it is referenced. */
      return g_bytes_new_with_free_func (message.payload, message.payload_len,
                                         (GDestroyNotify)axds_log_archive_unref,
                                         axds_log_archive_ref (self->archive));
    }
  else
    {
      g_autofree char *path = g_build_filename (self->path, self->names[index], NULL);
      return read_entry (path, error);
    }
}

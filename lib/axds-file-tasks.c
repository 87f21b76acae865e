/* axds-file-tasks.c — tree scanning, parallel workers and file hashing for the file tasks
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * Checksum, transfer and delete share one shape: scan a tree once (never following a link to a
 * directory, so the walk stays inside the tree and cannot loop), then process the files with a
 * few worker threads that claim them in order from an atomic counter. Memory stays bounded by
 * one read buffer per worker whatever the tree holds. Workers check the GCancellable on every
 * chunk; progress goes to the caller's callback under a mutex, so calls never overlap.
 */

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "axds-error.h"
#include "axds-error-private.h"
#include "axds-file-tasks-private.h"
#include "axds-i18n-private.h"

/* Large enough that a read costs little next to hashing it, small enough to stay in L2. */
#define WORKER_BUFFER_SIZE (512 * 1024)
/* Bytes of one file read between two progress reports. */
#define REPORT_BYTES       (8 * 1024 * 1024)

guint
_axds_resolve_threads (guint   requested,
                       guint64 n_items)
{
  guint threads = requested > 0 ? requested : g_get_num_processors ();

  threads = MIN (threads, 256);
  if (n_items < threads)
    threads = (guint) MAX (n_items, 1);
  return threads;
}

const char *
_axds_entry_get_name (const _AxdsEntry *entry)
{
  const char *slash = strrchr (entry->path, '/');

  return slash != NULL ? slash + 1 : entry->path;
}

int
_axds_open_directory (const char  *path,
                      gboolean     nofollow,
                      GError     **error)
{
  int fd = open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC | (nofollow ? O_NOFOLLOW : 0));

  if (fd < 0)
    {
      int saved_errno = errno;

      if (nofollow && saved_errno == ELOOP)
        g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                     _("“%s” is a symbolic link, not a directory"), path);
      else
        _axds_set_error_from_errno (error, saved_errno, _("Cannot open directory “%s”"), path);
    }
  return fd;
}

static void
clear_entry (gpointer data)
{
  _AxdsEntry *entry = data;

  g_free (entry->path);
}

static _AxdsEntryType
type_from_mode (mode_t mode)
{
  if (S_ISDIR (mode))
    return _AXDS_ENTRY_DIR;
  if (S_ISREG (mode))
    return _AXDS_ENTRY_FILE;
  if (S_ISLNK (mode))
    return _AXDS_ENTRY_LINK;
  return _AXDS_ENTRY_OTHER;
}

/**
 * _axds_scan_tree:
 * @root_fd: the open root directory
 * @root_name: its name, for messages
 * @follow_links: whether to stat() what links point to (their `target_type` and `size`)
 *
 * Lists everything under @root_fd, parents before their children. Links are listed as links
 * and never descended. A directory that cannot be read is an error: silently skipping it would
 * make a checksum or a copy cover less than the tree.
 *
 * Returns: (transfer full): an array of #_AxdsEntry
 */
GArray *
_axds_scan_tree (int            root_fd,
                 const char    *root_name,
                 gboolean       follow_links,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (_AxdsEntry));
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func (g_free);

  g_array_set_clear_func (entries, clear_entry);
  g_ptr_array_add (pending, g_strdup (""));

  while (pending->len > 0)
    {
      g_autofree char *dir_path = g_ptr_array_steal_index_fast (pending, pending->len - 1);
      struct dirent *dent;
      DIR *dir;
      int fd;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      if (dir_path[0] == '\0')
        fd = dup (root_fd);
      else
        fd = openat (root_fd, dir_path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (fd < 0 || (dir = fdopendir (fd)) == NULL)
        {
          int saved_errno = errno;

          if (fd >= 0)
            close (fd);
          _axds_set_error_from_errno (error, saved_errno, _("Cannot read directory “%s%s%s”"),
                                      root_name, dir_path[0] ? "/" : "", dir_path);
          return NULL;
        }

      /* Rewind: a dup()ed root shares its offset with the caller's descriptor. */
      rewinddir (dir);
      errno = 0;
      while ((dent = readdir (dir)) != NULL)
        {
          _AxdsEntry entry = { 0 };
          struct stat st;

          if (strcmp (dent->d_name, ".") == 0 || strcmp (dent->d_name, "..") == 0)
            continue;

          if (fstatat (dirfd (dir), dent->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
            {
              int saved_errno = errno;

              /* Removed between readdir() and here: it is no longer part of the tree. */
              if (saved_errno == ENOENT)
                continue;
              closedir (dir);
              _axds_set_error_from_errno (error, saved_errno, _("Cannot inspect “%s/%s%s%s”"),
                                          root_name, dir_path, dir_path[0] ? "/" : "",
                                          dent->d_name);
              return NULL;
            }

          entry.path = dir_path[0] != '\0' ? g_strconcat (dir_path, "/", dent->d_name, NULL)
                                           : g_strdup (dent->d_name);
          entry.type = type_from_mode (st.st_mode);
          entry.size = S_ISREG (st.st_mode) ? (guint64) st.st_size : 0;

          if (entry.type == _AXDS_ENTRY_LINK && follow_links)
            {
              struct stat target;

              /* Dangling links, loops and links through files resolve to nothing. */
              if (fstatat (dirfd (dir), dent->d_name, &target, 0) == 0)
                {
                  entry.target_type = type_from_mode (target.st_mode);
                  if (S_ISREG (target.st_mode))
                    entry.size = (guint64) target.st_size;
                }
            }

          g_array_append_val (entries, entry);
          if (entry.type == _AXDS_ENTRY_DIR)
            g_ptr_array_add (pending, g_strdup (entry.path));
          errno = 0;
        }

      if (errno != 0)
        {
          int saved_errno = errno;

          closedir (dir);
          _axds_set_error_from_errno (error, saved_errno, _("Cannot read directory “%s/%s”"),
                                      root_name, dir_path);
          return NULL;
        }
      closedir (dir);
    }

  return g_steal_pointer (&entries);
}

void
_axds_run_init (_AxdsRun          *run,
                AxdsProgressPhase  phase,
                guint64            files_total,
                guint64            bytes_total)
{
  g_mutex_init (&run->mutex);
  run->progress.phase = phase;
  run->progress.files_done = 0;
  run->progress.files_total = files_total;
  run->progress.bytes_done = 0;
  run->progress.bytes_total = bytes_total;
  run->next = 0;
  run->stop = 0;
  run->error = NULL;
}

void
_axds_run_report (_AxdsRun *run,
                  guint64   files,
                  guint64   bytes)
{
  g_mutex_lock (&run->mutex);
  run->progress.files_done += files;
  run->progress.bytes_done += bytes;
  if (run->progress_func != NULL)
    run->progress_func (&run->progress, run->progress_data);
  g_mutex_unlock (&run->mutex);
}

/* Returns FALSE when the run must stop: cancelled (sets @error) or another worker failed. */
gboolean
_axds_worker_check (_AxdsWorker  *worker,
                    GError      **error)
{
  if (g_atomic_int_get (&worker->run->stop))
    {
      /* The failing worker keeps the real error; this one only stops. */
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Stopped"));
      return FALSE;
    }
  return !g_cancellable_set_error_if_cancelled (worker->run->cancellable, error);
}

static gpointer
worker_main (gpointer data)
{
  _AxdsWorker *worker = data;
  _AxdsRun *run = worker->run;

  for (;;)
    {
      GError *local_error = NULL;
      gint index;

      if (g_atomic_int_get (&run->stop))
        break;
      if (g_cancellable_set_error_if_cancelled (run->cancellable, &local_error))
        goto failed;

      index = g_atomic_int_add (&run->next, 1);
      if (index < 0 || (guint) index >= run->n_items)
        break;
      if (run->work (worker, (guint) index, &local_error))
        continue;

    failed:
      g_mutex_lock (&run->mutex);
      /* Keep the first real error; "Stopped" only echoes it. */
      if (run->error == NULL && !g_atomic_int_get (&run->stop))
        run->error = local_error;
      else
        g_error_free (local_error);
      g_atomic_int_set (&run->stop, 1);
      g_mutex_unlock (&run->mutex);
      break;
    }
  return NULL;
}

/**
 * _axds_run_parallel:
 * @run: a run prepared with _axds_run_init() and its work function
 * @threads: number of workers, the calling thread included
 *
 * Reports the start of the phase, then processes every item. Returns when all workers have
 * stopped, with the first error any of them met.
 */
gboolean
_axds_run_parallel (_AxdsRun  *run,
                    guint      threads,
                    GError   **error)
{
  g_autofree _AxdsWorker *workers = NULL;
  g_autofree GThread **handles = NULL;
  gboolean ok;

  threads = _axds_resolve_threads (threads, run->n_items);
  workers = g_new0 (_AxdsWorker, threads);
  handles = g_new0 (GThread *, threads);

  _axds_run_report (run, 0, 0);

  for (guint i = 0; i < threads; i++)
    {
      workers[i].run = run;
      workers[i].buffer_size = WORKER_BUFFER_SIZE;
      workers[i].buffer = g_malloc (WORKER_BUFFER_SIZE);
      workers[i].state = XXH3_createState ();
      if (workers[i].state == NULL)
        g_error ("Out of memory for an XXH3 state");
    }
  for (guint i = 1; i < threads; i++)
    handles[i] = g_thread_new ("axds-file-worker", worker_main, &workers[i]);
  worker_main (&workers[0]);
  for (guint i = 1; i < threads; i++)
    g_thread_join (handles[i]);

  for (guint i = 0; i < threads; i++)
    {
      g_free (workers[i].buffer);
      XXH3_freeState (workers[i].state);
    }

  ok = run->error == NULL;
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&run->error));
  g_mutex_clear (&run->mutex);
  return ok;
}

static int
open_for_reading (int         root_fd,
                  const char *relpath)
{
  int fd;

  /* Reading must not touch access times (less metadata churn on large trees), but O_NOATIME
   * is only allowed on files we own. */
  fd = openat (root_fd, relpath, O_RDONLY | O_CLOEXEC | O_NOATIME);
  if (fd < 0 && errno == EPERM)
    fd = openat (root_fd, relpath, O_RDONLY | O_CLOEXEC);
  return fd;
}

void
_axds_digest_to_hex (const guint8 digest[16],
                     char         hex[33])
{
  static const char digits[] = "0123456789abcdef";

  for (guint i = 0; i < 16; i++)
    {
      hex[2 * i] = digits[digest[i] >> 4];
      hex[2 * i + 1] = digits[digest[i] & 0xf];
    }
  hex[32] = '\0';
}

gboolean
_axds_hash_file (_AxdsWorker  *worker,
                 int           root_fd,
                 const char   *relpath,
                 gboolean      with_path,
                 guint8        digest[16],
                 guint64      *size,
                 GError      **error)
{
  XXH128_canonical_t canonical;
  guint64 total = 0;
  guint64 unreported = 0;
  int fd;

  fd = open_for_reading (root_fd, relpath);
  if (fd < 0)
    return _axds_set_error_from_errno (error, errno, _("Cannot open “%s”"), relpath);

  XXH3_128bits_reset (worker->state);
  if (with_path)
    XXH3_128bits_update (worker->state, relpath, strlen (relpath));

  for (;;)
    {
      ssize_t n;

      if (!_axds_worker_check (worker, error))
        {
          close (fd);
          return FALSE;
        }

      n = read (fd, worker->buffer, worker->buffer_size);
      if (n < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;
          close (fd);
          return _axds_set_error_from_errno (error, saved_errno, _("Cannot read “%s”"), relpath);
        }
      if (n == 0)
        break;

      XXH3_128bits_update (worker->state, worker->buffer, (size_t) n);
      total += (guint64) n;
      unreported += (guint64) n;

      /* A short read of a regular file is its end: this saves a system call per small file,
       * which is most of the cost of trees of many small files. */
      if ((gsize) n < worker->buffer_size)
        break;
      /* Large file: let the kernel read ahead aggressively. */
      if (total == (guint64) n)
        (void) posix_fadvise (fd, 0, 0, POSIX_FADV_SEQUENTIAL);
      if (unreported >= REPORT_BYTES)
        {
          _axds_run_report (worker->run, 0, unreported);
          unreported = 0;
        }
    }
  close (fd);

  XXH128_canonicalFromHash (&canonical, XXH3_128bits_digest (worker->state));
  memcpy (digest, canonical.digest, 16);
  worker->pending_bytes = unreported;
  if (size != NULL)
    *size = total;
  return TRUE;
}

static void
file_task_free (gpointer data)
{
  _AxdsFileTask *task = data;

  if (task->progress_data_free != NULL)
    task->progress_data_free (task->progress_data);
  if (task->out != NULL && task->out_free != NULL)
    task->out_free (task->out);
  g_free (task->path);
  g_free (task->destination);
  g_strfreev (task->names);
  g_free (task);
}

/* A GTask for @source_tag whose data is a new _AxdsFileTask; the caller fills in what else its
 * operation needs, then runs it with g_task_run_in_thread(). */
GTask *
_axds_file_task_new (gpointer             source_tag,
                     const char          *name,
                     const char          *path,
                     guint                n_workers,
                     AxdsProgressFunc     progress,
                     gpointer             progress_data,
                     GDestroyNotify       progress_data_free,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  _AxdsFileTask *data = g_new0 (_AxdsFileTask, 1);

  data->path = g_strdup (path);
  data->n_workers = n_workers;
  data->progress = progress;
  data->progress_data = progress_data;
  data->progress_data_free = progress_data_free;
  g_task_set_source_tag (task, source_tag);
  g_task_set_name (task, name);
  g_task_set_task_data (task, data, file_task_free);
  return task;
}

/* Returns the outcome of a blocking call that gives a boolean and sets @error on failure. */
void
_axds_file_task_return (GTask    *task,
                        gboolean  ok,
                        GError   *error)
{
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* The data of a file task, after checking that @result is one of @source_tag's; NULL (with a
 * critical) when it is not. */
_AxdsFileTask *
_axds_file_task_get (GAsyncResult *result,
                     gpointer      source_tag)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);
  return g_task_get_task_data (G_TASK (result));
}

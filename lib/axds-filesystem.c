/* axds-filesystem.c — removing directory trees in parallel, never following links; finding files
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * Everything is addressed relative to a descriptor of the root opened with O_NOFOLLOW, and the
 * scan never descends a link, so a link anywhere in the tree is unlinked itself and what it
 * points to is never touched. Files go first, in parallel; directories then go deepest first.
 * A directory may refuse to go for a moment (a file still being closed by another program, a
 * network filesystem catching up), so each is tried a few times before we report it.
 */

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "axds-error.h"
#include "axds-file-tasks-private.h"
#include "axds-filesystem.h"
#include "axds-i18n-private.h"

typedef struct
{
  int      root_fd;
  GArray  *entries;     /* _AxdsEntry */
  GArray  *files;       /* guint indices into entries */
} DeleteJob;

static gboolean
unlink_one_cb (_AxdsWorker  *worker,
               guint         index,
               GError      **error)
{
  DeleteJob *job = worker->run->user_data;
  const _AxdsEntry *entry = &g_array_index (job->entries, _AxdsEntry,
                                            g_array_index (job->files, guint, index));

  if (unlinkat (job->root_fd, entry->path, 0) != 0 && errno != ENOENT)
    return _axds_set_error_from_errno (error, errno, _("Cannot remove “%s”"), entry->path);
  _axds_run_report (worker->run, 1, entry->size);
  return TRUE;
}

/* Removes an (empty) directory, trying AXDS_DELETE_DIRECTORY_ATTEMPTS times. */
static gboolean
remove_directory (int            dir_fd,
                  const char    *relpath,
                  const char    *shown,
                  GCancellable  *cancellable,
                  GError       **error)
{
  int saved_errno = 0;

  for (guint attempt = 0; attempt < AXDS_DELETE_DIRECTORY_ATTEMPTS; attempt++)
    {
      if (attempt > 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          g_usleep (AXDS_DELETE_DIRECTORY_RETRY_US);
        }
      if (unlinkat (dir_fd, relpath, AT_REMOVEDIR) == 0 || errno == ENOENT)
        return TRUE;
      saved_errno = errno;
    }

  return _axds_set_error_from_errno (error, saved_errno,
                                     _("Cannot remove the directory “%s” after %d attempts %d ms "
                                       "apart"), shown, AXDS_DELETE_DIRECTORY_ATTEMPTS,
                                     AXDS_DELETE_DIRECTORY_RETRY_US / 1000);
}

/* Whether the resolved directory @dir is @inner or one of its ancestors. */
static gboolean
holds (const char *dir,
       const char *inner)
{
  gsize len = strlen (dir);

  return strncmp (inner, dir, len) == 0 && (inner[len] == '\0' || inner[len] == '/');
}

/* The real path of @path, or NULL when it cannot be resolved (then it cannot be compared). */
static char *
resolve (const char *path)
{
  char resolved[PATH_MAX];

  if (path == NULL || *path == '\0' || realpath (path, resolved) == NULL)
    return NULL;
  return g_strdup (resolved);
}

/* The home folder of the password database, which $HOME may hide. */
static char *
dup_passwd_home (void)
{
  struct passwd pw, *result = NULL;
  g_autofree char *buffer = NULL;
  long size = sysconf (_SC_GETPW_R_SIZE_MAX);

  if (size <= 0)
    size = 16384;
  buffer = g_malloc ((gsize) size);
  if (getpwuid_r (getuid (), &pw, buffer, (gsize) size, &result) != 0 || result == NULL)
    return NULL;
  return g_strdup (pw.pw_dir);
}

/**
 * axds_check_delete_directory:
 * @path: a directory about to be deleted
 * @error: return location for an error
 *
 * Checks @path against what axds_delete_directory() refuses to delete, whatever the
 * permissions allow: `/`, the home folder (`$HOME` as it is at the call, and the home of the
 * password database when it differs) or a folder holding it, and a folder that is or holds the
 * current working directory. Paths are compared once resolved (links followed), so another
 * spelling of the same folder is refused too; a @path that is a symbolic link, not a directory
 * or does not exist is not refused (deleting it removes at most the link). A program asks this
 * before measuring or confirming a deletion; axds_delete_directory() asks it again itself.
 *
 * Returns: %TRUE when @path may be deleted; %FALSE with %AXDS_ERROR_REFUSED otherwise
 */
gboolean
axds_check_delete_directory (const char  *path,
                             GError     **error)
{
  g_autofree char *target = NULL;
  g_autofree char *cwd = NULL;
  const char *homes[3] = { NULL, NULL, NULL };
  g_autofree char *passwd_home = NULL;
  struct stat st;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (lstat (path, &st) != 0 || !S_ISDIR (st.st_mode))
    return TRUE;
  target = resolve (path);
  if (target == NULL)
    {
      int saved_errno = errno;

      /* An existing directory we cannot resolve cannot be shown to be safe. */
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_REFUSED,
                   _("Refusing to delete “%s”: its real path cannot be resolved (%s)"), path,
                   g_strerror (saved_errno));
      return FALSE;
    }

  if (strcmp (target, "/") == 0)
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_REFUSED,
                   _("Refusing to delete “%s”: it is the root folder /"), path);
      return FALSE;
    }

  /* $HOME as it is now (GLib keeps the value it first saw), GLib's, and the database's. */
  homes[0] = g_getenv ("HOME");
  homes[1] = g_get_home_dir ();
  passwd_home = dup_passwd_home ();
  homes[2] = passwd_home;
  for (guint i = 0; i < G_N_ELEMENTS (homes); i++)
    {
      g_autofree char *home = resolve (homes[i]);

      if (home != NULL && holds (target, home))
        {
          g_set_error (error, AXDS_ERROR, AXDS_ERROR_REFUSED,
                       _("Refusing to delete “%s”: it is or holds the home folder “%s”"), path,
                       home);
          return FALSE;
        }
    }

  cwd = g_get_current_dir ();
  {
    g_autofree char *here = resolve (cwd);

    if (here != NULL && holds (target, here))
      {
        g_set_error (error, AXDS_ERROR, AXDS_ERROR_REFUSED,
                     _("Refusing to delete “%s”: it is or holds the current working directory "
                       "“%s”"), path, here);
        return FALSE;
      }
  }
  return TRUE;
}

/**
 * axds_delete_directory:
 * @path: the directory to remove
 * @progress: (nullable) (scope call): progress callback (phase %AXDS_PROGRESS_PHASE_DELETING)
 * @progress_data: data for @progress
 * @cancellable: (nullable): a #GCancellable, checked before each file; a cancelled delete
 *   leaves part of the tree
 * @error: return location for an error
 *
 * Removes @path and everything under it, unlinking files in parallel. Symbolic links are removed
 * as links and never followed, wherever they are (@path itself included). A directory that
 * still cannot be removed after %AXDS_DELETE_DIRECTORY_ATTEMPTS tries
 * %AXDS_DELETE_DIRECTORY_RETRY_US apart is reported with the reason of the last try. A @path
 * that does not exist is not an error (there is nothing to remove); one that is not a directory
 * is %G_IO_ERROR_NOT_DIRECTORY.
 *
 * Before anything else (cancellation included), a @path that axds_check_delete_directory()
 * refuses — `/`, the home folder or a folder holding it, a folder holding the current working
 * directory — is an %AXDS_ERROR_REFUSED error, and nothing is removed. (Python's
 * `delete_directory()` has no such guard.)
 *
 * Returns: %TRUE when @path no longer exists
 */
gboolean
axds_delete_directory (const char        *path,
                       AxdsProgressFunc   progress,
                       gpointer           progress_data,
                       GCancellable      *cancellable,
                       GError           **error)
{
  g_autoptr(GArray) entries = NULL;
  g_autoptr(GArray) files = NULL;
  _AxdsRun run = { 0 };
  DeleteJob job = { 0 };
  guint64 total_bytes = 0;
  struct stat st;
  gboolean ok = TRUE;
  int root_fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!axds_check_delete_directory (path, error))
    return FALSE;
  if (lstat (path, &st) != 0)
    {
      if (errno == ENOENT)
        return TRUE;
      return _axds_set_error_from_errno (error, errno, _("Cannot inspect “%s”"), path);
    }
  if (S_ISLNK (st.st_mode))
    {
      /* A link named as the tree is removed as a link: what it points to is not ours. */
      if (unlink (path) != 0 && errno != ENOENT)
        return _axds_set_error_from_errno (error, errno, _("Cannot remove “%s”"), path);
      return TRUE;
    }
  if (!S_ISDIR (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY,
                   _("Cannot delete “%s”: it is not a directory"), path);
      return FALSE;
    }

  root_fd = _axds_open_directory (path, TRUE, error);
  if (root_fd < 0)
    return FALSE;

  entries = _axds_scan_tree (root_fd, path, FALSE, cancellable, error);
  if (entries == NULL)
    {
      close (root_fd);
      return FALSE;
    }

  files = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < entries->len; i++)
    {
      const _AxdsEntry *entry = &g_array_index (entries, _AxdsEntry, i);

      if (entry->type != _AXDS_ENTRY_DIR)
        {
          g_array_append_val (files, i);
          total_bytes += entry->size;
        }
    }

  job.root_fd = root_fd;
  job.entries = entries;
  job.files = files;
  run.progress_func = progress;
  run.progress_data = progress_data;
  run.cancellable = cancellable;
  run.work = unlink_one_cb;
  run.user_data = &job;
  run.n_items = files->len;
  _axds_run_init (&run, AXDS_PROGRESS_PHASE_DELETING, files->len, total_bytes);
  /* Unlinking is metadata work bound by the filesystem, not the CPU: a few threads overlap the
   * round trips of slow (network) filesystems. */
  ok = _axds_run_parallel (&run, MAX (4, g_get_num_processors ()), error);

  /* The scan lists parents before children: walking it backwards empties children first. */
  for (guint i = entries->len; ok && i > 0; i--)
    {
      const _AxdsEntry *entry = &g_array_index (entries, _AxdsEntry, i - 1);
      g_autofree char *shown = NULL;

      if (entry->type != _AXDS_ENTRY_DIR)
        continue;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        ok = FALSE;
      else
        {
          shown = g_build_filename (path, entry->path, NULL);
          ok = remove_directory (root_fd, entry->path, shown, cancellable, error);
        }
    }
  close (root_fd);

  if (ok)
    ok = remove_directory (AT_FDCWD, path, path, cancellable, error);
  return ok;
}

static void
delete_thread_cb (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  _AxdsFileTask *td = task_data;
  GError *error = NULL;
  gboolean ok = axds_delete_directory (td->path, td->progress, td->progress_data, cancellable,
                                       &error);

  _axds_file_task_return (task, ok, error);
}

/**
 * axds_delete_directory_async:
 * @path: the directory to remove
 * @progress: (nullable) (scope notified) (closure progress_data)
 *   (destroy progress_data_free): progress callback, called from worker threads
 * @progress_data: data for @progress
 * @progress_data_free: (nullable): frees @progress_data once the operation reports no more
 *   progress
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the thread-default main context when done
 * @user_data: data for @callback
 *
 * Runs axds_delete_directory() in a worker thread.
 */
void
axds_delete_directory_async (const char          *path,
                             AxdsProgressFunc     progress,
                             gpointer             progress_data,
                             GDestroyNotify       progress_data_free,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);

  task = _axds_file_task_new (axds_delete_directory_async, "axds_delete_directory", path, 0,
                              progress, progress_data, progress_data_free, cancellable,
                              callback, user_data);
  g_task_run_in_thread (task, delete_thread_cb);
}

/**
 * axds_delete_directory_finish:
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: %TRUE when the directory was removed
 */
gboolean
axds_delete_directory_finish (GAsyncResult  *result,
                              GError       **error)
{
  if (_axds_file_task_get (result, axds_delete_directory_async) == NULL)
    return FALSE;
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * axds_measure_directory:
 * @path: a directory
 * @n_files: (out) (optional): entries that are not directories (files, links, special files)
 * @n_bytes: (out) (optional): the sum of the sizes of the regular files
 * @cancellable: (nullable): a #GCancellable, checked for each directory
 * @error: return location for an error
 *
 * Counts what axds_delete_directory() would remove, without following links: what a
 * confirmation ("delete FOLDER, 12 GB?") names.
 *
 * Returns: %TRUE on success
 */
gboolean
axds_measure_directory (const char    *path,
                        guint64       *n_files,
                        guint64       *n_bytes,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GArray) entries = NULL;
  guint64 files = 0, bytes = 0;
  int root_fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  root_fd = _axds_open_directory (path, TRUE, error);
  if (root_fd < 0)
    return FALSE;
  entries = _axds_scan_tree (root_fd, path, FALSE, cancellable, error);
  close (root_fd);
  if (entries == NULL)
    return FALSE;

  for (guint i = 0; i < entries->len; i++)
    {
      const _AxdsEntry *entry = &g_array_index (entries, _AxdsEntry, i);

      if (entry->type != _AXDS_ENTRY_DIR)
        {
          files++;
          bytes += entry->size;
        }
    }
  if (n_files != NULL)
    *n_files = files;
  if (n_bytes != NULL)
    *n_bytes = bytes;
  return TRUE;
}

static void
measure_thread_cb (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  guint64 *sizes = g_new0 (guint64, 2);
  GError *error = NULL;

  if (axds_measure_directory (task_data, &sizes[0], &sizes[1], cancellable, &error))
    g_task_return_pointer (task, sizes, g_free);
  else
    {
      g_free (sizes);
      g_task_return_error (task, error);
    }
}

/**
 * axds_measure_directory_async:
 * @path: a directory
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the thread-default main context when done
 * @user_data: data for @callback
 *
 * Runs axds_measure_directory() in a worker thread.
 */
void
axds_measure_directory_async (const char          *path,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, axds_measure_directory_async);
  g_task_set_name (task, "axds_measure_directory");
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, measure_thread_cb);
}

/**
 * axds_measure_directory_finish:
 * @result: the #GAsyncResult
 * @n_files: (out) (optional): entries that are not directories
 * @n_bytes: (out) (optional): the sum of the sizes of the regular files
 * @error: return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
axds_measure_directory_finish (GAsyncResult  *result,
                               guint64       *n_files,
                               guint64       *n_bytes,
                               GError       **error)
{
  g_autofree guint64 *sizes = NULL;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        axds_measure_directory_async, FALSE);

  sizes = g_task_propagate_pointer (G_TASK (result), error);
  if (sizes == NULL)
    return FALSE;
  if (n_files != NULL)
    *n_files = sizes[0];
  if (n_bytes != NULL)
    *n_bytes = sizes[1];
  return TRUE;
}

/* Finding files. */

typedef struct
{
  AxdsFindFilesFlags  flags;
  AxdsFindFilesFunc   match;
  gpointer            user_data;
  guint               max_depth;
  GPtrArray          *found;
  GCancellable       *cancellable;
  guint               seen;
} FindFiles;

/* Lists @path (shown as @relpath relative to the root, "" for the root itself). A folder that
 * cannot be opened is skipped, unless it is the root. */
static gboolean
find_in (FindFiles   *ff,
         const char  *path,
         const char  *relpath,
         guint        depth,
         GError     **error)
{
  DIR *dir;
  struct dirent *entry;
  gboolean ok = TRUE;

  if (g_cancellable_set_error_if_cancelled (ff->cancellable, error))
    return FALSE;
  dir = opendir (path);
  if (dir == NULL)
    {
      int saved = errno;

      if (depth == 0)
        {
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Cannot list the folder “%s”: %s"), path, g_strerror (saved));
          return FALSE;
        }
      /* An unreadable corner of a tree hides its files but does not stop the search. */
      g_debug ("Skipping '%s': %s", path, g_strerror (saved));
      return TRUE;
    }
  while (ok && (entry = readdir (dir)) != NULL)
    {
      const char *name = entry->d_name;
      gboolean is_dir = entry->d_type == DT_DIR;
      gboolean is_reg = entry->d_type == DT_REG;
      g_autofree char *child = NULL;

      if (strcmp (name, ".") == 0 || strcmp (name, "..") == 0)
        continue;
      if (++ff->seen % 1024 == 0 && g_cancellable_set_error_if_cancelled (ff->cancellable, error))
        {
          ok = FALSE;
          break;
        }
      if ((ff->flags & AXDS_FIND_FILES_SKIP_HIDDEN) && name[0] == '.')
        continue;
      /* Decide on the name first: a big folder of files we do not want costs no stat(). */
      if (is_reg && ff->match != NULL && !ff->match (name, ff->user_data))
        continue;
      child = g_build_filename (path, name, NULL);
      if (entry->d_type == DT_UNKNOWN || entry->d_type == DT_LNK)
        {
          struct stat st;

          /* Symlinked folders are not followed (no loops); symlinked files count. */
          if (entry->d_type == DT_UNKNOWN && lstat (child, &st) == 0)
            {
              is_dir = S_ISDIR (st.st_mode);
              is_reg = S_ISREG (st.st_mode);
            }
          else if (entry->d_type == DT_LNK && stat (child, &st) == 0)
            is_reg = S_ISREG (st.st_mode);
          if (is_reg && ff->match != NULL && !ff->match (name, ff->user_data))
            continue;
        }
      if (is_dir)
        {
          g_autofree char *child_rel = NULL;

          if (depth >= ff->max_depth)
            continue;
          child_rel = *relpath ? g_build_filename (relpath, name, NULL) : g_strdup (name);
          ok = find_in (ff, child, child_rel, depth + 1, error);
        }
      else if (is_reg)
        {
          if (ff->flags & AXDS_FIND_FILES_RELATIVE)
            g_ptr_array_add (ff->found, *relpath ? g_build_filename (relpath, name, NULL)
                                                 : g_strdup (name));
          else
            g_ptr_array_add (ff->found, g_steal_pointer (&child));
        }
    }
  closedir (dir);
  return ok;
}

static gint
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * axds_find_files:
 * @root: the folder to search
 * @max_depth: how many folder levels below @root to search: 0 lists @root alone
 * @flags: how to search and what to return
 * @match: (nullable) (scope call): decides on each regular file by its name, or %NULL for all
 * @user_data: (closure match): data for @match
 * @cancellable: (nullable): a #GCancellable, checked in every folder and every 1024 entries
 * @error: return location for a #GError
 *
 * Finds the regular files under @root whose name @match accepts. Symbolic links to files count
 * as files; symbolic links to folders are not followed, so a link loop cannot trap the search.
 * A folder below @root that cannot be read is skipped (and logged with g_debug()); @root
 * itself must be readable.
 *
 * Returns: (transfer container) (element-type filename): the paths, sorted by their bytes, or
 *   %NULL with @error set
 */
GPtrArray *
axds_find_files (const char          *root,
                 guint                max_depth,
                 AxdsFindFilesFlags   flags,
                 AxdsFindFilesFunc    match,
                 gpointer             user_data,
                 GCancellable        *cancellable,
                 GError             **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  FindFiles ff = { 0 };

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ff.flags = flags;
  ff.match = match;
  ff.user_data = user_data;
  ff.max_depth = max_depth;
  ff.found = found;
  ff.cancellable = cancellable;
  if (!find_in (&ff, root, "", 0, error))
    return NULL;
  g_ptr_array_sort (found, compare_paths);
  return g_steal_pointer (&found);
}

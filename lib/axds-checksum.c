/* axds-checksum.c — XXH3-128 checksums of directory trees, and manifests that name differences
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * The rule, shared with ataraxis-data-structures' calculate_directory_checksum() so that both
 * give the same value for the same tree:
 *
 *   file digest = XXH3-128 (relative path in UTF-8, '/'-separated || file contents)
 *   checksum    = XXH3-128 (for each file sorted by the bytes of its relative path:
 *                           relative path || its 16-byte digest, big-endian)
 *
 * printed as 32 lowercase hex digits. Links to files count as the file; links to directories,
 * dangling links and special files are skipped; excluded names are skipped at any depth.
 *
 * `ax_checksum.txt` is always excluded. Python replaces its default exclusions with the set it
 * is given, so a checksum with other exclusions covers the old checksum file, and saving the
 * result changes the tree it describes: no later check could ever match it.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <json-glib/json-glib.h>

#include "axds-checksum-private.h"
#include "axds-error.h"
#include "axds-file-tasks-private.h"
#include "axds-i18n-private.h"

/* Differences listed by name in a message before the rest are only counted. */
#define MAX_NAMED_DIFFERENCES 10

typedef struct
{
  char    *path;
  guint64  size;
  guint8   digest[16];
  char     hex[33];
} ManifestFile;

struct _AxdsChecksumManifest
{
  gatomicrefcount  ref_count;
  char             checksum[33];
  GArray          *files;     /* ManifestFile, sorted by path bytes */
  guint64          total_size;
};

static void
clear_manifest_file (gpointer data)
{
  ManifestFile *file = data;

  g_free (file->path);
}

static AxdsChecksumManifest *
manifest_new (void)
{
  AxdsChecksumManifest *self = g_new0 (AxdsChecksumManifest, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->files = g_array_new (FALSE, TRUE, sizeof (ManifestFile));
  g_array_set_clear_func (self->files, clear_manifest_file);
  return self;
}

/**
 * axds_checksum_manifest_ref:
 * @self: a manifest
 *
 * Returns: (transfer full): @self
 */
AxdsChecksumManifest *
axds_checksum_manifest_ref (AxdsChecksumManifest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

/**
 * axds_checksum_manifest_unref:
 * @self: (transfer full): a manifest
 */
void
axds_checksum_manifest_unref (AxdsChecksumManifest *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_array_unref (self->files);
      g_free (self);
    }
}

/**
 * axds_checksum_manifest_get_checksum:
 * @self: a manifest
 *
 * Returns: the directory checksum, 32 lowercase hex digits
 */
const char *
axds_checksum_manifest_get_checksum (AxdsChecksumManifest *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->checksum;
}

/**
 * axds_checksum_manifest_get_n_files:
 * @self: a manifest
 *
 * Returns: the number of files the checksum covers
 */
guint
axds_checksum_manifest_get_n_files (AxdsChecksumManifest *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->files->len;
}

/**
 * axds_checksum_manifest_get_total_size:
 * @self: a manifest
 *
 * Returns: the sum of the sizes of the files
 */
guint64
axds_checksum_manifest_get_total_size (AxdsChecksumManifest *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->total_size;
}

/**
 * axds_checksum_manifest_get_path:
 * @self: a manifest
 * @index: a file index, below axds_checksum_manifest_get_n_files()
 *
 * Returns: the file's path relative to the directory, `/`-separated; files are sorted by it
 */
const char *
axds_checksum_manifest_get_path (AxdsChecksumManifest *self,
                                 guint                 index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->files->len, NULL);
  return g_array_index (self->files, ManifestFile, index).path;
}

/**
 * axds_checksum_manifest_get_size:
 * @self: a manifest
 * @index: a file index
 *
 * Returns: the number of bytes hashed for the file
 */
guint64
axds_checksum_manifest_get_size (AxdsChecksumManifest *self,
                                 guint                 index)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (index < self->files->len, 0);
  return g_array_index (self->files, ManifestFile, index).size;
}

/**
 * axds_checksum_manifest_get_digest:
 * @self: a manifest
 * @index: a file index
 *
 * Returns: the file's XXH3-128 digest (of its relative path then its contents), 32 hex digits
 */
const char *
axds_checksum_manifest_get_digest (AxdsChecksumManifest *self,
                                   guint                 index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->files->len, NULL);
  return g_array_index (self->files, ManifestFile, index).hex;
}

/**
 * axds_checksum_manifest_lookup:
 * @self: a manifest
 * @path: a relative path
 * @index: (out) (optional): where the file is
 *
 * Returns: %TRUE when @self lists @path
 */
gboolean
axds_checksum_manifest_lookup (AxdsChecksumManifest *self,
                               const char           *path,
                               guint                *index)
{
  guint lo = 0;
  guint hi;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  hi = self->files->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      int cmp = strcmp (g_array_index (self->files, ManifestFile, mid).path, path);

      if (cmp == 0)
        {
          if (index != NULL)
            *index = mid;
          return TRUE;
        }
      if (cmp < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return FALSE;
}

/**
 * axds_checksum_manifest_compare:
 * @expected: the manifest of the reference tree
 * @actual: the manifest of the tree to check
 * @differing: (out) (optional) (transfer full): paths in both whose size or digest differ
 * @missing: (out) (optional) (transfer full): paths only in @expected
 * @extra: (out) (optional) (transfer full): paths only in @actual
 *
 * Compares two manifests file by file (a merge of the two sorted lists).
 *
 * Returns: %TRUE when both list the same files with the same digests
 */
gboolean
axds_checksum_manifest_compare (AxdsChecksumManifest *expected,
                                AxdsChecksumManifest *actual,
                                GStrv                *differing,
                                GStrv                *missing,
                                GStrv                *extra)
{
  g_autoptr(GStrvBuilder) diff_builder = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) missing_builder = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) extra_builder = g_strv_builder_new ();
  gboolean same = TRUE;
  guint i = 0, j = 0;

  g_return_val_if_fail (expected != NULL, FALSE);
  g_return_val_if_fail (actual != NULL, FALSE);

  while (i < expected->files->len || j < actual->files->len)
    {
      const ManifestFile *a = i < expected->files->len
                                ? &g_array_index (expected->files, ManifestFile, i) : NULL;
      const ManifestFile *b = j < actual->files->len
                                ? &g_array_index (actual->files, ManifestFile, j) : NULL;
      int cmp = a == NULL ? 1 : b == NULL ? -1 : strcmp (a->path, b->path);

      if (cmp < 0)
        {
          g_strv_builder_add (missing_builder, a->path);
          same = FALSE;
          i++;
        }
      else if (cmp > 0)
        {
          g_strv_builder_add (extra_builder, b->path);
          same = FALSE;
          j++;
        }
      else
        {
          if (a->size != b->size || memcmp (a->digest, b->digest, 16) != 0)
            {
              g_strv_builder_add (diff_builder, a->path);
              same = FALSE;
            }
          i++;
          j++;
        }
    }

  if (differing != NULL)
    *differing = g_strv_builder_end (diff_builder);
  if (missing != NULL)
    *missing = g_strv_builder_end (missing_builder);
  if (extra != NULL)
    *extra = g_strv_builder_end (extra_builder);
  return same;
}

static void
append_names (GString            *out,
              const char         *label,
              const char * const *names)
{
  guint n = g_strv_length ((GStrv) names);

  if (n == 0)
    return;
  if (out->len > 0)
    g_string_append (out, "; ");
  /* Translators: a kind of difference and how many files it has, e.g. "missing (3): " */
  g_string_append_printf (out, _("%s (%u): "), label, n);
  for (guint i = 0; i < n && i < MAX_NAMED_DIFFERENCES; i++)
    g_string_append_printf (out, "%s“%s”", i > 0 ? ", " : "", names[i]);
  if (n > MAX_NAMED_DIFFERENCES)
    g_string_append_printf (out, _(" and %u more"), n - MAX_NAMED_DIFFERENCES);
}

/**
 * axds_checksum_manifest_describe_differences:
 * @expected: the manifest of the reference tree
 * @actual: the manifest of the tree to check
 *
 * Returns: (transfer full) (nullable): one line naming the files that differ, are missing or are
 *   extra (the first few of each), or %NULL when the manifests agree
 */
char *
axds_checksum_manifest_describe_differences (AxdsChecksumManifest *expected,
                                             AxdsChecksumManifest *actual)
{
  g_auto(GStrv) differing = NULL;
  g_auto(GStrv) missing = NULL;
  g_auto(GStrv) extra = NULL;
  GString *out;

  if (axds_checksum_manifest_compare (expected, actual, &differing, &missing, &extra))
    return NULL;

  out = g_string_new (NULL);
  /* Translators: files whose contents differ */
  append_names (out, _("differing"), (const char * const *) differing);
  /* Translators: files that are missing */
  append_names (out, _("missing"), (const char * const *) missing);
  /* Translators: files that should not be there */
  append_names (out, _("extra"), (const char * const *) extra);
  return g_string_free (out, FALSE);
}

/* @excluded (may be NULL) adds to the checksum file, which is never covered. */
static gboolean
is_excluded (const char         *name,
             const char * const *excluded)
{
  if (strcmp (name, AXDS_CHECKSUM_FILE_NAME) == 0)
    return TRUE;
  for (guint i = 0; excluded != NULL && excluded[i] != NULL; i++)
    if (strcmp (name, excluded[i]) == 0)
      return TRUE;
  return FALSE;
}

static int
compare_manifest_files (gconstpointer a,
                        gconstpointer b)
{
  /* strcmp compares bytes as unsigned char: UTF-8 byte order, which is code-point order. */
  return strcmp (((const ManifestFile *) a)->path, ((const ManifestFile *) b)->path);
}

static void finish_manifest   (AxdsChecksumManifest *manifest);
static void set_no_file_error (GError              **error,
                               const char           *root_name);

typedef struct
{
  int                   root_fd;
  const char           *root_name;
  AxdsChecksumManifest *manifest;
} HashJob;

static gboolean
hash_one_cb (_AxdsWorker  *worker,
             guint         index,
             GError      **error)
{
  HashJob *job = worker->run->user_data;
  ManifestFile *file = &g_array_index (job->manifest->files, ManifestFile, index);
  guint64 size = 0;

  if (!_axds_hash_file (worker, job->root_fd, file->path, TRUE, file->digest, &size, error))
    {
      /* The file's path is relative to the tree: say which tree. */
      if (error != NULL && *error != NULL &&
          !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_prefix_error (error, _("Unable to calculate the checksum for the %s directory: "),
                        job->root_name);
      return FALSE;
    }
  /* The size hashed, which is what the digest covers even if the file changed since the scan. */
  file->size = size;
  _axds_digest_to_hex (file->digest, file->hex);
  _axds_run_report (worker->run, 1, worker->pending_bytes);
  return TRUE;
}

AxdsChecksumManifest *
_axds_checksum_tree (int                  root_fd,
                     const char          *root_name,
                     guint                workers,
                     const char * const  *excluded_files,
                     AxdsProgressPhase    phase,
                     AxdsProgressFunc     progress,
                     gpointer             progress_data,
                     GCancellable        *cancellable,
                     GError             **error)
{
  g_autoptr(AxdsChecksumManifest) manifest = manifest_new ();
  g_autoptr(GArray) entries = NULL;
  HashJob job = { root_fd, root_name, manifest };
  _AxdsRun run = { 0 };
  guint64 total_size = 0;

  entries = _axds_scan_tree (root_fd, root_name, TRUE, cancellable, error);
  if (entries == NULL)
    return NULL;

  for (guint i = 0; i < entries->len; i++)
    {
      _AxdsEntry *entry = &g_array_index (entries, _AxdsEntry, i);
      ManifestFile file = { 0 };

      /* A link to a file counts as that file, as Path.is_file() follows links. */
      if (entry->type != _AXDS_ENTRY_FILE &&
          !(entry->type == _AXDS_ENTRY_LINK && entry->target_type == _AXDS_ENTRY_FILE))
        continue;
      if (is_excluded (_axds_entry_get_name (entry), excluded_files))
        continue;
      if (!g_utf8_validate (entry->path, -1, NULL))
        {
          g_autofree char *shown = g_utf8_make_valid (entry->path, -1);

          g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                       _("Unable to calculate the checksum for the %s directory: the name of "
                         "“%s” is not valid UTF-8"), root_name, shown);
          return NULL;
        }
      file.path = g_steal_pointer (&entry->path);
      file.size = entry->size;
      total_size += file.size;
      g_array_append_val (manifest->files, file);
    }

  if (manifest->files->len == 0)
    {
      set_no_file_error (error, root_name);
      return NULL;
    }

  g_array_sort (manifest->files, compare_manifest_files);

  run.progress_func = progress;
  run.progress_data = progress_data;
  run.cancellable = cancellable;
  run.work = hash_one_cb;
  run.user_data = &job;
  run.n_items = manifest->files->len;
  _axds_run_init (&run, phase, manifest->files->len, total_size);
  if (!_axds_run_parallel (&run, workers, error))
    return NULL;

  finish_manifest (manifest);
  return g_steal_pointer (&manifest);
}

/* The directory checksum over the (sorted, hashed) files. */
static void
finish_manifest (AxdsChecksumManifest *manifest)
{
  XXH3_state_t *state;
  XXH128_canonical_t canonical;

  state = XXH3_createState ();
  if (state == NULL)
    g_error ("Out of memory for an XXH3 state");
  XXH3_128bits_reset (state);
  manifest->total_size = 0;
  for (guint i = 0; i < manifest->files->len; i++)
    {
      const ManifestFile *file = &g_array_index (manifest->files, ManifestFile, i);

      XXH3_128bits_update (state, file->path, strlen (file->path));
      XXH3_128bits_update (state, file->digest, 16);
      manifest->total_size += file->size;
    }
  XXH128_canonicalFromHash (&canonical, XXH3_128bits_digest (state));
  XXH3_freeState (state);
  _axds_digest_to_hex (canonical.digest, manifest->checksum);
}

static void
set_no_file_error (GError     **error,
                   const char  *root_name)
{
  g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
               _("Unable to calculate the checksum for the %s directory. The directory must "
                 "hold at least one file the checksum can cover, but it holds none."), root_name);
}

/* A manifest from digests computed elsewhere (a transfer hashes while it copies). */
AxdsChecksumManifest *
_axds_checksum_manifest_build (guint                n_files,
                               const char * const  *paths,
                               const guint64       *sizes,
                               const _AxdsDigest   *digests,
                               const char * const  *excluded_files,
                               const char          *root_name,
                               GError             **error)
{
  g_autoptr(AxdsChecksumManifest) manifest = manifest_new ();

  for (guint i = 0; i < n_files; i++)
    {
      const char *slash = strrchr (paths[i], '/');
      ManifestFile file = { 0 };

      if (is_excluded (slash != NULL ? slash + 1 : paths[i], excluded_files))
        continue;
      if (!g_utf8_validate (paths[i], -1, NULL))
        {
          g_autofree char *shown = g_utf8_make_valid (paths[i], -1);

          g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                       _("Unable to calculate the checksum for the %s directory: the name of "
                         "“%s” is not valid UTF-8"), root_name, shown);
          return NULL;
        }
      file.path = g_strdup (paths[i]);
      file.size = sizes[i];
      memcpy (file.digest, digests[i], 16);
      _axds_digest_to_hex (file.digest, file.hex);
      g_array_append_val (manifest->files, file);
    }
  if (manifest->files->len == 0)
    {
      set_no_file_error (error, root_name);
      return NULL;
    }

  g_array_sort (manifest->files, compare_manifest_files);
  finish_manifest (manifest);
  return g_steal_pointer (&manifest);
}

gboolean
_axds_write_checksum_file (int          root_fd,
                           const char  *root_name,
                           const char  *checksum,
                           GError     **error)
{
  g_autofree char *tmp_name = g_strdup_printf (".%s.axds-partial", AXDS_CHECKSUM_FILE_NAME);
  gsize len = strlen (checksum);
  ssize_t written;
  int fd, saved_errno;

  /* Written under a temporary name and renamed, so a reader never sees half a checksum. */
  fd = openat (root_fd, tmp_name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0)
    return _axds_set_error_from_errno (error, errno, _("Cannot write “%s/%s”"),
                                       root_name, AXDS_CHECKSUM_FILE_NAME);
  written = write (fd, checksum, len);
  saved_errno = written < 0 ? errno : written != (ssize_t) len ? ENOSPC : 0;
  /* Closed on every path: a failed write must not leak the descriptor. */
  if (close (fd) != 0 && saved_errno == 0)
    saved_errno = errno;
  if (saved_errno != 0)
    {
      unlinkat (root_fd, tmp_name, 0);
      return _axds_set_error_from_errno (error, saved_errno, _("Cannot write “%s/%s”"),
                                         root_name, AXDS_CHECKSUM_FILE_NAME);
    }
  if (renameat (root_fd, tmp_name, root_fd, AXDS_CHECKSUM_FILE_NAME) != 0)
    {
      saved_errno = errno;
      unlinkat (root_fd, tmp_name, 0);
      return _axds_set_error_from_errno (error, saved_errno, _("Cannot write “%s/%s”"),
                                         root_name, AXDS_CHECKSUM_FILE_NAME);
    }
  return TRUE;
}

/**
 * axds_calculate_directory_checksum:
 * @directory: the directory to checksum
 * @n_workers: threads reading files in parallel, 0 for automatic (one per processor)
 * @save_checksum: whether to write the checksum, without a newline, to `ax_checksum.txt` at the
 *   top of @directory (atomically: written under a temporary name and renamed)
 * @excluded_files: (nullable) (array zero-terminated=1): more file names to skip at any depth,
 *   besides `ax_checksum.txt`, which is always skipped; %NULL or an empty array for none
 * @manifest: (out) (optional) (transfer full): every file's path, size and digest
 * @progress: (nullable) (scope call): progress callback, see #AxdsProgressFunc
 * @progress_data: data for @progress
 * @cancellable: (nullable): a #GCancellable, checked on every chunk read
 * @error: return location for an error
 *
 * Computes the XXH3-128 checksum of a directory tree exactly as ataraxis-data-structures'
 * `calculate_directory_checksum()` does (see the top of axds-checksum.c for the rule), with one
 * difference: `ax_checksum.txt` is skipped whatever @excluded_files says (Python's
 * `excluded_files` replaces its default), so that a saved checksum never covers the file it is
 * saved in. A tree with no file to cover is an %AXDS_ERROR_INVALID_ARGUMENT error, as is a file
 * whose name is not valid UTF-8. Memory use is one read buffer per worker, whatever the tree
 * holds.
 *
 * Returns: (transfer full): the checksum, 32 lowercase hex digits, or %NULL on error
 */
char *
axds_calculate_directory_checksum (const char            *directory,
                                   guint                  n_workers,
                                   gboolean               save_checksum,
                                   const char * const    *excluded_files,
                                   AxdsChecksumManifest **manifest,
                                   AxdsProgressFunc       progress,
                                   gpointer               progress_data,
                                   GCancellable          *cancellable,
                                   GError               **error)
{
  g_autoptr(AxdsChecksumManifest) result = NULL;
  int root_fd;

  g_return_val_if_fail (directory != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root_fd = _axds_open_directory (directory, FALSE, error);
  if (root_fd < 0)
    return NULL;

  result = _axds_checksum_tree (root_fd, directory, n_workers, excluded_files,
                                AXDS_PROGRESS_PHASE_CHECKSUMMING, progress, progress_data,
                                cancellable, error);
  if (result != NULL && save_checksum &&
      !_axds_write_checksum_file (root_fd, directory, result->checksum, error))
    g_clear_pointer (&result, axds_checksum_manifest_unref);
  close (root_fd);

  if (result == NULL)
    return NULL;
  if (manifest != NULL)
    *manifest = axds_checksum_manifest_ref (result);
  return g_strdup (result->checksum);
}

static void
checksum_thread_cb (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  _AxdsFileTask *td = task_data;
  GError *error = NULL;
  char *checksum;

  checksum = axds_calculate_directory_checksum (td->path, td->n_workers, td->save,
                                                (const char * const *) td->names,
                                                (AxdsChecksumManifest **) &td->out, td->progress,
                                                td->progress_data, cancellable, &error);
  if (checksum == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, checksum, g_free);
}

/**
 * axds_calculate_directory_checksum_async:
 * @directory: the directory to checksum
 * @n_workers: threads reading files, 0 for automatic (one per processor)
 * @save_checksum: whether to write `ax_checksum.txt`
 * @excluded_files: (nullable) (array zero-terminated=1): more names to skip besides
 *   `ax_checksum.txt`, or %NULL
 * @progress: (nullable) (scope notified) (closure progress_data)
 *   (destroy progress_data_free): progress callback, called from worker threads until the operation
 * ends
 * @progress_data: data for @progress
 * @progress_data_free: (nullable): frees @progress_data once the operation reports no more
 *   progress
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the thread-default main context when done
 * @user_data: data for @callback
 *
 * Runs axds_calculate_directory_checksum() in a worker thread.
 */
void
axds_calculate_directory_checksum_async (const char          *directory,
                                         guint                n_workers,
                                         gboolean             save_checksum,
                                         const char * const  *excluded_files,
                                         AxdsProgressFunc     progress,
                                         gpointer             progress_data,
                                         GDestroyNotify       progress_data_free,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  _AxdsFileTask *td;

  g_return_if_fail (directory != NULL);

  task = _axds_file_task_new (axds_calculate_directory_checksum_async,
                              "axds_calculate_directory_checksum", directory, n_workers,
                              progress, progress_data, progress_data_free, cancellable, callback,
                              user_data);
  td = g_task_get_task_data (task);
  td->save = save_checksum;
  td->names = g_strdupv ((GStrv) excluded_files);
  td->out_free = (GDestroyNotify) axds_checksum_manifest_unref;
  g_task_run_in_thread (task, checksum_thread_cb);
}

/**
 * axds_calculate_directory_checksum_finish:
 * @result: the #GAsyncResult
 * @manifest: (out) (optional) (transfer full): the manifest of the tree
 * @error: return location for an error
 *
 * Returns: (transfer full): the checksum, or %NULL on error
 */
char *
axds_calculate_directory_checksum_finish (GAsyncResult          *result,
                                          AxdsChecksumManifest **manifest,
                                          GError               **error)
{
  _AxdsFileTask *td = _axds_file_task_get (result, axds_calculate_directory_checksum_async);
  char *checksum;

  if (td == NULL)
    return NULL;
  checksum = g_task_propagate_pointer (G_TASK (result), error);
  if (checksum != NULL && manifest != NULL)
    *manifest = g_steal_pointer (&td->out);
  return checksum;
}

/**
 * axds_verify_directory:
 * @directory: the tree to check
 * @expected: the manifest it should match (e.g. of the tree it was copied from)
 * @n_workers: threads reading files, 0 for automatic (one per processor)
 * @progress: (nullable) (scope call): progress callback
 * @progress_data: data for @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Checksums @directory (default exclusions) and compares it with @expected file by file. On a
 * mismatch the %AXDS_ERROR_CORRUPT error names the files that differ, are missing or are extra.
 *
 * Returns: %TRUE when @directory matches @expected
 */
gboolean
axds_verify_directory (const char            *directory,
                       AxdsChecksumManifest  *expected,
                       guint                  n_workers,
                       AxdsProgressFunc       progress,
                       gpointer               progress_data,
                       GCancellable          *cancellable,
                       GError               **error)
{
  g_autoptr(AxdsChecksumManifest) actual = NULL;
  g_autofree char *checksum = NULL;
  g_autofree char *differences = NULL;

  g_return_val_if_fail (directory != NULL, FALSE);
  g_return_val_if_fail (expected != NULL, FALSE);

  checksum = axds_calculate_directory_checksum (directory, n_workers, FALSE, NULL, &actual,
                                                progress, progress_data, cancellable, error);
  if (checksum == NULL)
    return FALSE;

  differences = axds_checksum_manifest_describe_differences (expected, actual);
  if (differences != NULL)
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT,
                   _("The contents of %s do not match the expected checksum %s (found %s): %s"),
                   directory, expected->checksum, checksum, differences);
      return FALSE;
    }
  return TRUE;
}

/**
 * axds_checksum_manifest_save:
 * @self: a manifest
 * @path: the file to write (JSON)
 * @error: return location for an error
 *
 * Writes @self as JSON: `{"checksum": HEX, "files": [{"path", "size", "digest"}, …]}`.
 *
 * Returns: %TRUE on success
 */
gboolean
axds_checksum_manifest_save (AxdsChecksumManifest  *self,
                             const char            *path,
                             GError               **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  gsize len = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "checksum");
  json_builder_add_string_value (builder, self->checksum);
  json_builder_set_member_name (builder, "files");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->files->len; i++)
    {
      const ManifestFile *file = &g_array_index (self->files, ManifestFile, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, file->path);
      json_builder_set_member_name (builder, "size");
      json_builder_add_int_value (builder, (gint64) file->size);
      json_builder_set_member_name (builder, "digest");
      json_builder_add_string_value (builder, file->hex);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &len);
  return g_file_set_contents_full (path, text, (gssize) len, G_FILE_SET_CONTENTS_CONSISTENT,
                                   0644, error);
}

static gboolean
parse_hex_digest (const char *hex,
                  guint8      digest[16])
{
  if (hex == NULL || strlen (hex) != 32)
    return FALSE;
  for (guint i = 0; i < 16; i++)
    {
      int hi = g_ascii_xdigit_value (hex[2 * i]);
      int lo = g_ascii_xdigit_value (hex[2 * i + 1]);

      if (hi < 0 || lo < 0 || g_ascii_isupper (hex[2 * i]) || g_ascii_isupper (hex[2 * i + 1]))
        return FALSE;
      digest[i] = (guint8) (hi << 4 | lo);
    }
  return TRUE;
}

/**
 * axds_checksum_manifest_load:
 * @path: a file written by axds_checksum_manifest_save()
 * @error: return location for an error
 *
 * Returns: (transfer full): the manifest, or %NULL with %AXDS_ERROR_PARSE when the file is not one
 */
AxdsChecksumManifest *
axds_checksum_manifest_load (const char  *path,
                             GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(AxdsChecksumManifest) manifest = manifest_new ();
  JsonObject *object;
  JsonArray *files;
  const char *checksum;
  guint8 digest[16];

  g_return_val_if_fail (path != NULL, NULL);

  if (!json_parser_load_from_mapped_file (parser, path, error))
    return NULL;

  object = JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser))
             ? json_node_get_object (json_parser_get_root (parser)) : NULL;
  checksum = object != NULL ? json_object_get_string_member_with_default (object, "checksum", NULL)
                            : NULL;
  files = object != NULL && json_object_has_member (object, "files") &&
          JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "files"))
            ? json_object_get_array_member (object, "files") : NULL;
  if (!parse_hex_digest (checksum, digest) || files == NULL)
    goto invalid;
  memcpy (manifest->checksum, checksum, 33);

  for (guint i = 0; i < json_array_get_length (files); i++)
    {
      JsonNode *node = json_array_get_element (files, i);
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      ManifestFile file = { 0 };
      const char *file_path;
      gint64 size;

      if (item == NULL)
        goto invalid;
      file_path = json_object_get_string_member_with_default (item, "path", NULL);
      size = json_object_get_int_member_with_default (item, "size", -1);
      if (file_path == NULL || size < 0 ||
          !parse_hex_digest (json_object_get_string_member_with_default (item, "digest", NULL),
                             file.digest))
        goto invalid;
      file.path = g_strdup (file_path);
      file.size = (guint64) size;
      _axds_digest_to_hex (file.digest, file.hex);
      manifest->total_size += file.size;
      g_array_append_val (manifest->files, file);
    }
  /* Lookups and comparisons rely on the order; do not trust the file for it. */
  g_array_sort (manifest->files, compare_manifest_files);
  return g_steal_pointer (&manifest);

invalid:
  g_set_error (error, AXDS_ERROR, AXDS_ERROR_PARSE, _("%s is not a checksum manifest"), path);
  return NULL;
}

/* ---------------------------------------------------------------------------------------------- */
/* Boxed types: what bindings and GValue carry                                                    */

G_DEFINE_BOXED_TYPE (AxdsChecksumManifest, axds_checksum_manifest, axds_checksum_manifest_ref,
                     axds_checksum_manifest_unref)

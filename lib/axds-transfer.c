/* axds-transfer.c — copying directory trees with verification, resume and source removal
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * A transfer never leaves a partial file under a final name: each file is written as
 * `.NAME.axds-partial` next to its final place and renamed when complete, so an interrupted
 * transfer leaves only files that are whole, plus partial ones a rerun recognises and replaces.
 * A rerun skips files already at the destination with the same size and contents (compared by
 * XXH3-128), so it resumes instead of starting over.
 *
 * The source is only read (apart from writing its `ax_checksum.txt` when verification needs one
 * and the source is writable: a read-only source keeps its checksum in memory only) and is
 * removed only after the copy, and the verification when asked, succeeded: a failed or
 * cancelled transfer leaves it intact. Links in the source are refused rather than copied or
 * followed: a link to outside the tree would either leak data or break at the destination.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "axds-checksum-private.h"
#include "axds-error.h"
#include "axds-file-tasks-private.h"
#include "axds-filesystem.h"
#include "axds-i18n-private.h"
#include "axds-transfer.h"

#define PARTIAL_SUFFIX ".axds-partial"
/* One copy_file_range() call; cancellation and progress are checked between calls. */
#define COPY_CHUNK     (8 * 1024 * 1024)
/* Dirty entries listed by name in a message. */
#define MAX_NAMED      10

typedef struct
{
  const char *source;
  const char *destination;
  int         src_fd;
  int         dst_fd;
  GArray     *files;         /* _AxdsEntry of the source files */
  GHashTable *present;       /* destination path -> size + 1 (as pointer) of files already there */
  _AxdsDigest *digests;      /* when set: each source file's digest, computed while copying */
  guint64    *hashed_sizes;  /* the bytes those digests cover */
  gint64      files_copied;
  gint64      files_skipped;
  gint64      bytes_copied;
} CopyJob;

static char *
partial_name_for (const char *relpath)
{
  const char *slash = strrchr (relpath, '/');

  if (slash == NULL)
    return g_strconcat (".", relpath, PARTIAL_SUFFIX, NULL);
  return g_strdup_printf ("%.*s/.%s%s", (int) (slash - relpath), relpath, slash + 1,
                          PARTIAL_SUFFIX);
}

/* The final path a partial name stands for, or NULL when @relpath is not a partial name. */
static char *
final_name_for (const char *relpath)
{
  const char *slash = strrchr (relpath, '/');
  const char *name = slash != NULL ? slash + 1 : relpath;
  gsize len = strlen (name);
  gsize suffix_len = strlen (PARTIAL_SUFFIX);

  if (name[0] != '.' || len <= suffix_len + 1 || !g_str_has_suffix (name, PARTIAL_SUFFIX))
    return NULL;
  if (slash == NULL)
    return g_strndup (name + 1, len - suffix_len - 1);
  return g_strdup_printf ("%.*s/%.*s", (int) (slash - relpath), relpath,
                          (int) (len - suffix_len - 1), name + 1);
}

/* Whether the file already at the destination has the contents of the source file. */
static gboolean
same_contents (_AxdsWorker  *worker,
               CopyJob      *job,
               guint         index,
               const char   *relpath,
               gboolean     *same,
               GError      **error)
{
  guint8 a[16], b[16];
  guint64 size_a = 0, size_b = 0;

  /* Hashed with the path, as for the checksum, so the source digest serves it too. Bytes read
   * while comparing are not reported: the file's size is, once, when it is done. */
  if (!_axds_hash_file (worker, job->src_fd, relpath, TRUE, a, &size_a, error) ||
      !_axds_hash_file (worker, job->dst_fd, relpath, TRUE, b, &size_b, error))
    return FALSE;
  worker->pending_bytes = 0;
  *same = size_a == size_b && memcmp (a, b, 16) == 0;
  if (*same && job->digests != NULL)
    {
      memcpy (job->digests[index], a, 16);
      job->hashed_sizes[index] = size_a;
    }
  return TRUE;
}

/* Copies @in_fd to @out_fd. With @digest, the data goes through a buffer small enough to stay in
 * cache and is hashed on the way (`relpath || contents`), so a verified transfer reads the
 * source once instead of hashing it in a pass of its own; otherwise the kernel copies. */
static gboolean
copy_data (_AxdsWorker  *worker,
           int           in_fd,
           int           out_fd,
           const char   *source,
           const char   *destination,
           const char   *relpath,
           guint8       *digest,
           guint64      *copied,
           GError      **error)
{
  gboolean use_copy_range = digest == NULL;
  guint64 done = 0;

  if (digest != NULL)
    {
      XXH3_128bits_reset (worker->state);
      XXH3_128bits_update (worker->state, relpath, strlen (relpath));
    }

  for (;;)
    {
      ssize_t n;

      if (!_axds_worker_check (worker, error))
        return FALSE;

      if (use_copy_range)
        {
          /* In-kernel copy: no round trip through user space, and reflinks or server-side
           * copies where the filesystem offers them. */
          n = copy_file_range (in_fd, NULL, out_fd, NULL, COPY_CHUNK, 0);
          if (n < 0 && done == 0 &&
              (errno == EXDEV || errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP ||
               errno == EBADF || errno == EPERM))
            {
              use_copy_range = FALSE;
              continue;
            }
        }
      else
        {
          n = read (in_fd, worker->buffer, worker->buffer_size);
          if (n > 0 && digest != NULL)
            XXH3_128bits_update (worker->state, worker->buffer, (size_t) n);
          if (n > 0)
            {
              ssize_t off = 0;

              while (off < n)
                {
                  ssize_t w = write (out_fd, worker->buffer + off, (size_t) (n - off));

                  if (w < 0 && errno == EINTR)
                    continue;
                  if (w < 0)
                    return _axds_set_error_from_errno (error, errno, _("Cannot write “%s/%s”"),
                                                       destination, relpath);
                  off += w;
                }
            }
        }

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return _axds_set_error_from_errno (error, errno, _("Cannot copy “%s/%s” to “%s”"),
                                             source, relpath, destination);
        }
      if (n == 0)
        break;
      done += (guint64) n;
      _axds_run_report (worker->run, 0, (guint64) n);
    }

  if (digest != NULL)
    {
      XXH128_canonical_t canonical;

      XXH128_canonicalFromHash (&canonical, XXH3_128bits_digest (worker->state));
      memcpy (digest, canonical.digest, 16);
    }
  *copied = done;
  return TRUE;
}

static gboolean
copy_one_cb (_AxdsWorker  *worker,
             guint         index,
             GError      **error)
{
  CopyJob *job = worker->run->user_data;
  const _AxdsEntry *entry = &g_array_index (job->files, _AxdsEntry, index);
  g_autofree char *partial = NULL;
  struct stat st;
  struct timespec times[2];
  gpointer present_size;
  guint64 copied = 0;
  int in_fd, out_fd;

  if (g_hash_table_lookup_extended (job->present, entry->path, NULL, &present_size) &&
      GPOINTER_TO_SIZE (present_size) - 1 == entry->size)
    {
      gboolean same = FALSE;

      if (!same_contents (worker, job, index, entry->path, &same, error))
        return FALSE;
      if (same)
        {
          g_atomic_pointer_add (&job->files_skipped, 1);
          _axds_run_report (worker->run, 1, entry->size);
          return TRUE;
        }
    }

  in_fd = openat (job->src_fd, entry->path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (in_fd < 0)
    return _axds_set_error_from_errno (error, errno, _("Cannot open “%s/%s”"), job->source,
                                       entry->path);
  if (fstat (in_fd, &st) != 0)
    {
      int saved_errno = errno;

      close (in_fd);
      return _axds_set_error_from_errno (error, saved_errno, _("Cannot inspect “%s/%s”"),
                                         job->source, entry->path);
    }
  /* Read-ahead hints only pay off for files longer than one chunk. */
  if ((gsize) st.st_size > worker->buffer_size)
    (void) posix_fadvise (in_fd, 0, 0, POSIX_FADV_SEQUENTIAL);

  partial = partial_name_for (entry->path);
  out_fd = openat (job->dst_fd, partial, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW,
                   0600);
  if (out_fd < 0)
    {
      int saved_errno = errno;

      close (in_fd);
      return _axds_set_error_from_errno (error, saved_errno, _("Cannot create “%s/%s”"),
                                         job->destination, partial);
    }

  if (!copy_data (worker, in_fd, out_fd, job->source, job->destination, entry->path,
                  job->digests != NULL ? job->digests[index] : NULL, &copied, error))
    goto failed;
  if (job->digests != NULL)
    job->hashed_sizes[index] = copied;

  /* Metadata as shutil.copy2 keeps it: permission bits and access/modification times. */
  times[0] = st.st_atim;
  times[1] = st.st_mtim;
  if (fchmod (out_fd, st.st_mode & 07777) != 0 || futimens (out_fd, times) != 0)
    {
      _axds_set_error_from_errno (error, errno, _("Cannot set the attributes of “%s/%s”"),
                                  job->destination, entry->path);
      goto failed;
    }
  close (in_fd);
  in_fd = -1;
  if (close (out_fd) != 0)
    {
      out_fd = -1;
      _axds_set_error_from_errno (error, errno, _("Cannot write “%s/%s”"), job->destination,
                                  entry->path);
      goto failed;
    }
  out_fd = -1;
  if (renameat (job->dst_fd, partial, job->dst_fd, entry->path) != 0)
    {
      _axds_set_error_from_errno (error, errno, _("Cannot move “%s/%s” into place"),
                                  job->destination, partial);
      goto failed;
    }

  g_atomic_pointer_add (&job->files_copied, 1);
  g_atomic_pointer_add (&job->bytes_copied, (gssize) copied);
  _axds_run_report (worker->run, 1, 0);
  return TRUE;

failed:
  if (in_fd >= 0)
    close (in_fd);
  if (out_fd >= 0)
    close (out_fd);
  unlinkat (job->dst_fd, partial, 0);
  return FALSE;
}

static char *
resolve_path (const char *path)
{
  g_autofree char *absolute = NULL;
  g_autofree char *tail = NULL;
  char *dir;

  /* realpath() of the longest existing ancestor, then the rest as written. */
  absolute = g_canonicalize_filename (path, NULL);
  dir = g_strdup (absolute);
  for (;;)
    {
      char resolved[PATH_MAX];
      char *slash;

      if (realpath (dir, resolved) != NULL)
        {
          char *result = tail != NULL ? g_build_filename (resolved, tail, NULL)
                                      : g_strdup (resolved);
          g_free (dir);
          return result;
        }
      slash = strrchr (dir, '/');
      if (slash == NULL || slash == dir)
        {
          g_free (dir);
          return g_steal_pointer (&absolute);
        }
      {
        char *new_tail = tail != NULL ? g_build_filename (slash + 1, tail, NULL)
                                      : g_strdup (slash + 1);
        g_free (tail);
        tail = new_tail;
      }
      *slash = '\0';
    }
}

static void
append_named (GString    *out,
              GPtrArray  *names)
{
  for (guint i = 0; i < names->len && i < MAX_NAMED; i++)
    g_string_append_printf (out, "%s“%s”", i > 0 ? ", " : "", (char *) names->pdata[i]);
  if (names->len > MAX_NAMED)
    g_string_append_printf (out, " and %u more", names->len - MAX_NAMED);
}

static gboolean
read_checksum_file (int          src_fd,
                    const char  *source,
                    char         checksum[33],
                    gboolean    *present,
                    GError     **error)
{
  char buffer[256];
  g_autofree char *text = NULL;
  ssize_t n;
  int fd;

  *present = FALSE;
  fd = openat (src_fd, AXDS_CHECKSUM_FILE_NAME, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0)
    {
      if (errno == ENOENT)
        return TRUE;
      return _axds_set_error_from_errno (error, errno, _("Cannot read “%s/%s”"), source,
                                         AXDS_CHECKSUM_FILE_NAME);
    }
  n = read (fd, buffer, sizeof buffer - 1);
  close (fd);
  if (n < 0)
    return _axds_set_error_from_errno (error, errno, _("Cannot read “%s/%s”"), source,
                                       AXDS_CHECKSUM_FILE_NAME);
  buffer[n] = '\0';

  /* As the Python library reads it: the first line, stripped. */
  text = g_strndup (buffer, strcspn (buffer, "\n"));
  g_strstrip (text);
  if (strlen (text) != 32 || strspn (text, "0123456789abcdef") != 32)
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT,
                   _("“%s/%s” does not hold a checksum (32 lowercase hex digits); remove it to "
                     "have it computed again"), source, AXDS_CHECKSUM_FILE_NAME);
      return FALSE;
    }
  memcpy (checksum, text, 33);
  *present = TRUE;
  return TRUE;
}

typedef struct
{
  const char         *source;
  const char         *destination;
  guint               threads;
  AxdsTransferFlags   flags;
  AxdsProgressFunc    progress;
  gpointer            progress_data;
  GCancellable       *cancellable;
  AxdsTransferSummary summary;
  int                 src_fd;
  int                 dst_fd;
  GArray             *source_entries;
  GHashTable         *source_dirs;
  GHashTable         *source_files;
  GArray             *files;           /* borrowed _AxdsEntry copies of source files */
  GHashTable         *present;
} Transfer;

/* Refuses links and special files in the source and sorts out its directories and files. */
static gboolean
scan_source (Transfer  *t,
             GError   **error)
{
  t->source_entries = _axds_scan_tree (t->src_fd, t->source, FALSE, t->cancellable, error);
  if (t->source_entries == NULL)
    return FALSE;

  t->source_dirs = g_hash_table_new (g_str_hash, g_str_equal);
  t->source_files = g_hash_table_new (g_str_hash, g_str_equal);
  t->files = g_array_new (FALSE, FALSE, sizeof (_AxdsEntry));
  for (guint i = 0; i < t->source_entries->len; i++)
    {
      _AxdsEntry *entry = &g_array_index (t->source_entries, _AxdsEntry, i);

      switch (entry->type)
        {
        case _AXDS_ENTRY_DIR:
          g_hash_table_add (t->source_dirs, entry->path);
          break;
        case _AXDS_ENTRY_FILE:
          g_hash_table_add (t->source_files, entry->path);
          g_array_append_val (t->files, *entry);
          break;
        case _AXDS_ENTRY_LINK:
          g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                       _("Refusing to transfer %s: it contains the symbolic link “%s”, which "
                         "cannot be copied faithfully; replace it with what it points to"),
                       t->source, entry->path);
          return FALSE;
        default:
          g_set_error (error, AXDS_ERROR, AXDS_ERROR_NOT_SUPPORTED,
                       _("Refusing to transfer %s: “%s” is not a regular file or a directory"),
                       t->source, entry->path);
          return FALSE;
        }
    }
  return TRUE;
}

/* Finds what the destination holds that the source does not account for; removes it with
 * RESET_DIRTY_DESTINATION, or refuses. Notes the files already there for resuming. */
static gboolean
check_destination (Transfer  *t,
                   GError   **error)
{
  g_autoptr(GArray) entries = NULL;
  g_autoptr(GPtrArray) dirty = g_ptr_array_new ();
  g_autoptr(GHashTable) dirty_dirs = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) partials = g_ptr_array_new ();

  entries = _axds_scan_tree (t->dst_fd, t->destination, FALSE, t->cancellable, error);
  if (entries == NULL)
    return FALSE;

  t->present = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < entries->len; i++)
    {
      _AxdsEntry *entry = &g_array_index (entries, _AxdsEntry, i);
      const char *slash = strrchr (entry->path, '/');
      g_autofree char *final = NULL;

      /* Inside an entry already found dirty: that one is reported (and removed) as a whole. */
      if (slash != NULL)
        {
          g_autofree char *parent = g_strndup (entry->path, (gsize) (slash - entry->path));

          if (g_hash_table_contains (dirty_dirs, parent))
            {
              if (entry->type == _AXDS_ENTRY_DIR)
                g_hash_table_add (dirty_dirs, entry->path);
              continue;
            }
        }

      if (entry->type == _AXDS_ENTRY_DIR && g_hash_table_contains (t->source_dirs, entry->path))
        continue;
      if (entry->type == _AXDS_ENTRY_FILE &&
          g_hash_table_contains (t->source_files, entry->path))
        {
          g_hash_table_insert (t->present, g_strdup (entry->path),
                               GSIZE_TO_POINTER ((gsize) entry->size + 1));
          continue;
        }
      /* Left by an interrupted transfer of this source: ours to replace. */
      if (entry->type == _AXDS_ENTRY_FILE && (final = final_name_for (entry->path)) != NULL &&
          g_hash_table_contains (t->source_files, final))
        {
          g_ptr_array_add (partials, entry->path);
          continue;
        }

      g_ptr_array_add (dirty, entry->path);
      if (entry->type == _AXDS_ENTRY_DIR)
        g_hash_table_add (dirty_dirs, entry->path);
    }

  for (guint i = 0; i < partials->len; i++)
    if (unlinkat (t->dst_fd, partials->pdata[i], 0) != 0 && errno != ENOENT)
      return _axds_set_error_from_errno (error, errno, _("Cannot remove “%s/%s”"), t->destination,
                                         (char *) partials->pdata[i]);

  if (dirty->len == 0)
    return TRUE;

  if (!(t->flags & AXDS_TRANSFER_RESET_DIRTY_DESTINATION))
    {
      GString *names = g_string_new (NULL);

      append_named (names, dirty);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_EMPTY,
                   _("Refusing to transfer %s to %s: the destination holds %u entries the source "
                     "does not account for (%s); remove them, or reset the dirty destination"),
                   t->source, t->destination, dirty->len, names->str);
      g_string_free (names, TRUE);
      return FALSE;
    }

  for (guint i = 0; i < dirty->len; i++)
    {
      const char *relpath = dirty->pdata[i];

      if (g_hash_table_contains (dirty_dirs, relpath))
        {
          g_autofree char *full = g_build_filename (t->destination, relpath, NULL);

          if (!axds_delete_directory (full, NULL, NULL, t->cancellable, error))
            return FALSE;
        }
      else if (unlinkat (t->dst_fd, relpath, 0) != 0 && errno != ENOENT)
        return _axds_set_error_from_errno (error, errno, _("Cannot remove “%s/%s”"),
                                           t->destination, relpath);
    }
  t->summary.entries_reset = dirty->len;
  return TRUE;
}

static gboolean
make_directories (Transfer  *t,
                  GError   **error)
{
  /* The scan lists parents before children, so one pass creates the hierarchy in order. */
  for (guint i = 0; i < t->source_entries->len; i++)
    {
      const _AxdsEntry *entry = &g_array_index (t->source_entries, _AxdsEntry, i);

      if (entry->type != _AXDS_ENTRY_DIR)
        continue;
      if (mkdirat (t->dst_fd, entry->path, 0777) != 0 && errno != EEXIST)
        return _axds_set_error_from_errno (error, errno, _("Cannot create the directory “%s/%s”"),
                                           t->destination, entry->path);
    }
  return TRUE;
}

static gboolean
copy_files (Transfer               *t,
            AxdsChecksumManifest  **source_manifest,
            GError                **error)
{
  g_autofree _AxdsDigest *digests = NULL;
  g_autofree guint64 *hashed_sizes = NULL;
  CopyJob job = { 0 };
  _AxdsRun run = { 0 };
  guint64 total = 0;
  gboolean ok;

  for (guint i = 0; i < t->files->len; i++)
    total += g_array_index (t->files, _AxdsEntry, i).size;

  job.source = t->source;
  job.destination = t->destination;
  job.src_fd = t->src_fd;
  job.dst_fd = t->dst_fd;
  job.files = t->files;
  job.present = t->present;
  if (source_manifest != NULL)
    {
      digests = g_new0 (_AxdsDigest, MAX (t->files->len, 1));
      hashed_sizes = g_new0 (guint64, MAX (t->files->len, 1));
      job.digests = digests;
      job.hashed_sizes = hashed_sizes;
    }

  run.progress_func = t->progress;
  run.progress_data = t->progress_data;
  run.cancellable = t->cancellable;
  run.work = copy_one_cb;
  run.user_data = &job;
  run.n_items = t->files->len;
  _axds_run_init (&run, AXDS_PROGRESS_PHASE_COPYING, t->files->len, total);
  ok = _axds_run_parallel (&run, t->threads, error);

  /* Also after a failure: what was done is part of the explanation. */
  t->summary.files_copied = (guint64) job.files_copied;
  t->summary.files_skipped = (guint64) job.files_skipped;
  t->summary.bytes_copied = (guint64) job.bytes_copied;

  if (ok && source_manifest != NULL)
    {
      g_autofree const char **paths = g_new0 (const char *, t->files->len + 1);

      for (guint i = 0; i < t->files->len; i++)
        paths[i] = g_array_index (t->files, _AxdsEntry, i).path;
      *source_manifest = _axds_checksum_manifest_build (t->files->len, paths, hashed_sizes,
                                                        (const _AxdsDigest *) digests, NULL,
                                                        t->source, error);
      ok = *source_manifest != NULL;
    }
  return ok;
}

static gboolean
verify (Transfer              *t,
        AxdsChecksumManifest  *source_manifest,
        const char            *expected,
        gboolean               reused,
        GError               **error)
{
  g_autoptr(AxdsChecksumManifest) actual = NULL;
  g_autoptr(AxdsChecksumManifest) recomputed = NULL;
  g_autofree char *differences = NULL;
  const char *found;

  actual = _axds_checksum_tree (t->dst_fd, t->destination, t->threads, NULL,
                                AXDS_PROGRESS_PHASE_VERIFYING, t->progress, t->progress_data,
                                t->cancellable, error);
  if (actual == NULL)
    return FALSE;
  found = axds_checksum_manifest_get_checksum (actual);
  if (strcmp (found, expected) == 0)
    return TRUE;

  if (!reused)
    {
      differences = axds_checksum_manifest_describe_differences (source_manifest, actual);
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT,
                   _("Checksum mismatch detected when transferring %s to %s (expected %s, found "
                     "%s)! The data was likely corrupted in transmission: %s"),
                   t->source, t->destination, expected, found,
                   differences != NULL ? differences : _("no single file differs"));
      return FALSE;
    }

  /* A reused ax_checksum.txt may predate changes to the source. Hash the source again (this
   * only costs time on the failure path) to tell a stale checksum from a corrupted copy. */
  recomputed = _axds_checksum_tree (t->src_fd, t->source, t->threads, NULL,
                                    AXDS_PROGRESS_PHASE_CHECKSUMMING, t->progress,
                                    t->progress_data, t->cancellable, error);
  if (recomputed == NULL)
    return FALSE;

  if (strcmp (axds_checksum_manifest_get_checksum (recomputed), found) == 0)
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT,
                   _("Checksum mismatch when transferring %s to %s: the destination (%s) matches "
                     "the source as it is now, but not the checksum %s found in %s/%s; that "
                     "reused checksum file is stale (the source changed after it was written): "
                     "remove it and transfer again"),
                   t->source, t->destination, found, expected, t->source,
                   AXDS_CHECKSUM_FILE_NAME);
      return FALSE;
    }

  differences = axds_checksum_manifest_describe_differences (recomputed, actual);
  g_set_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT,
               /* Translators: the last %s is empty or " (it does not match the source as it
                * is now either)" */
               _("Checksum mismatch detected when transferring %s to %s (expected %s, found %s)! "
                 "The data was likely corrupted in transmission: %s. The reused %s/%s may also "
                 "be stale%s"),
               t->source, t->destination, expected, found,
               differences != NULL ? differences : _("no single file differs"),
               t->source, AXDS_CHECKSUM_FILE_NAME,
               strcmp (axds_checksum_manifest_get_checksum (recomputed), expected) != 0
                 ? _(" (it does not match the source as it is now either)") : "");
  return FALSE;
}

static gboolean
check_not_nested (const char  *source,
                  const char  *destination,
                  GError     **error)
{
  g_autofree char *src = resolve_path (source);
  g_autofree char *dst = resolve_path (destination);
  gsize len = strlen (src);

  if (strcmp (src, dst) == 0 ||
      (strncmp (src, dst, len) == 0 && (dst[len] == '/' || strcmp (src, "/") == 0)))
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                   _("Unable to transfer %s to %s: the destination is the source or lies inside "
                     "it"), source, destination);
      return FALSE;
    }
  return TRUE;
}

static gboolean
has_checksummed_file (Transfer *t)
{
  for (guint i = 0; i < t->files->len; i++)
    {
      const _AxdsEntry *entry = &g_array_index (t->files, _AxdsEntry, i);

      if (strcmp (_axds_entry_get_name (entry), AXDS_CHECKSUM_FILE_NAME) != 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
run_transfer (Transfer  *t,
              GError   **error)
{
  g_autoptr(AxdsChecksumManifest) source_manifest = NULL;
  char expected[33] = "";
  gboolean reused = FALSE;
  struct stat st;

  if (lstat (t->source, &st) != 0)
    {
      if (errno == ENOENT)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("Unable to transfer the source directory %s, as it does not exist."),
                       t->source);
          return FALSE;
        }
      return _axds_set_error_from_errno (error, errno, _("Cannot inspect “%s”"), t->source);
    }
  if (S_ISLNK (st.st_mode))
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                   _("Refusing to transfer %s: it is a symbolic link; give the directory it "
                     "points to instead"), t->source);
      return FALSE;
    }
  if (!S_ISDIR (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY,
                   _("Unable to transfer %s: it is not a directory"), t->source);
      return FALSE;
    }
  if (!check_not_nested (t->source, t->destination, error))
    return FALSE;
  /* A source that cannot be removed in the end is refused before anything is copied. */
  if ((t->flags & AXDS_TRANSFER_REMOVE_SOURCE) &&
      !axds_check_delete_directory (t->source, error))
    return FALSE;

  t->src_fd = _axds_open_directory (t->source, TRUE, error);
  if (t->src_fd < 0)
    return FALSE;
  if (!scan_source (t, error))
    return FALSE;

  if (t->flags & AXDS_TRANSFER_VERIFY_INTEGRITY)
    {
      if (!read_checksum_file (t->src_fd, t->source, expected, &reused, error))
        return FALSE;
      if (!reused)
        {
          /* Fail now, not after copying, when there is nothing the checksum could cover. */
          if (!has_checksummed_file (t))
            {
              g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                           _("Unable to calculate the checksum for the %s directory. The "
                             "directory must hold at least one file the checksum can cover, but "
                             "it holds none."), t->source);
              return FALSE;
            }
          /* Written to both sides once computed: the destination carries its own checksum. */
          g_hash_table_add (t->source_files, (char *) AXDS_CHECKSUM_FILE_NAME);
        }
    }

  if (g_mkdir_with_parents (t->destination, 0777) != 0)
    return _axds_set_error_from_errno (error, errno, _("Cannot create the destination “%s”"),
                                       t->destination);
  t->dst_fd = _axds_open_directory (t->destination, FALSE, error);
  if (t->dst_fd < 0)
    return FALSE;

  if (!check_destination (t, error) || !make_directories (t, error))
    return FALSE;
  /* Without a checksum to reuse, the source is hashed while it is copied (read once). */
  if (!copy_files (t, (t->flags & AXDS_TRANSFER_VERIFY_INTEGRITY) && !reused
                        ? &source_manifest : NULL, error))
    return FALSE;
  if (source_manifest != NULL)
    {
      g_autoptr(GError) source_error = NULL;

      memcpy (expected, axds_checksum_manifest_get_checksum (source_manifest), 33);
      /* As the Python library does, the source keeps its checksum for later transfers. A
       * source we may only read (a read-only mount, someone else's folder) is no reason to
       * fail: the checksum in memory verifies the copy, which carries it. */
      if (!_axds_write_checksum_file (t->src_fd, t->source, expected, &source_error))
        {
          if (!g_error_matches (source_error, G_IO_ERROR, G_IO_ERROR_READ_ONLY) &&
              !g_error_matches (source_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
            {
              g_propagate_error (error, g_steal_pointer (&source_error));
              return FALSE;
            }
          g_debug ("Not saving the checksum in the source: %s", source_error->message);
        }
      if (!_axds_write_checksum_file (t->dst_fd, t->destination, expected, error))
        return FALSE;
    }

  if (t->flags & AXDS_TRANSFER_VERIFY_INTEGRITY)
    {
      if (!verify (t, source_manifest, expected, reused, error))
        return FALSE;
      t->summary.verified = TRUE;
      t->summary.checksum_reused = reused;
      memcpy (t->summary.checksum, expected, 33);
    }

  if (t->flags & AXDS_TRANSFER_REMOVE_SOURCE)
    {
      close (t->src_fd);
      t->src_fd = -1;
      if (!axds_delete_directory (t->source, t->progress, t->progress_data, t->cancellable,
                                  error))
        return FALSE;
      t->summary.source_removed = TRUE;
    }
  return TRUE;
}

/**
 * axds_transfer_directory:
 * @source: the directory to copy
 * @destination: where its contents go (created with its parents when missing)
 * @n_workers: files copied in parallel, 0 for automatic (one per processor)
 * @flags: #AxdsTransferFlags
 * @summary: (out caller-allocates) (optional): what the transfer did
 * @progress: (nullable) (scope call): progress callback; phases: checksumming the source (when
 *   verifying without an `ax_checksum.txt`), copying, verifying, deleting the source
 * @progress_data: data for @progress
 * @cancellable: (nullable): a #GCancellable, checked on every chunk; cancelling leaves the source
 *   intact and no partial file under a final name at the destination
 * @error: return location for an error
 *
 * Copies the tree under @source into @destination, preserving its hierarchy (empty directories
 * included) and the permission bits and times of files, with @n_workers files at a time. Each
 * file is written under a temporary name and renamed when complete; files already at the
 * destination with the same size and contents are not copied again, so a rerun resumes.
 *
 * Refused: a @source that is or contains a symbolic link (or a special file), a @destination
 * inside @source, and a destination holding entries the source does not account for, unless
 * %AXDS_TRANSFER_RESET_DIRTY_DESTINATION removes them (%G_IO_ERROR_NOT_EMPTY).
 *
 * With %AXDS_TRANSFER_VERIFY_INTEGRITY, the source's `ax_checksum.txt` is reused when present
 * (else computed while copying and written to both sides; a source that is read-only or not
 * ours to write keeps no copy, and the checksum in memory serves), the destination is
 * checksummed and a mismatch is an %AXDS_ERROR_CORRUPT error naming the files that differ —
 * and a stale reused checksum file when that is the cause. With %AXDS_TRANSFER_REMOVE_SOURCE, the source is deleted only after
 * all of this succeeded, and a source axds_check_delete_directory() refuses is refused before
 * anything is copied.
 *
 * Like `cp` and `shutil.copy2`, the transfer does not fsync what it writes, and verification
 * reads the destination back through the page cache: it catches corruption on the way and
 * files changed afterwards, not a later loss of unwritten data in a crash.
 *
 * Returns: %TRUE on success
 */
gboolean
axds_transfer_directory (const char           *source,
                         const char           *destination,
                         guint                 n_workers,
                         AxdsTransferFlags     flags,
                         AxdsTransferSummary  *summary,
                         AxdsProgressFunc      progress,
                         gpointer              progress_data,
                         GCancellable         *cancellable,
                         GError              **error)
{
  Transfer t = { 0 };
  gboolean ok;

  g_return_val_if_fail (source != NULL, FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  t.source = source;
  t.destination = destination;
  t.threads = n_workers;
  t.flags = flags;
  t.progress = progress;
  t.progress_data = progress_data;
  t.cancellable = cancellable;
  t.src_fd = -1;
  t.dst_fd = -1;

  ok = run_transfer (&t, error);

  if (t.src_fd >= 0)
    close (t.src_fd);
  if (t.dst_fd >= 0)
    close (t.dst_fd);
  g_clear_pointer (&t.present, g_hash_table_unref);
  g_clear_pointer (&t.source_dirs, g_hash_table_unref);
  g_clear_pointer (&t.source_files, g_hash_table_unref);
  g_clear_pointer (&t.files, g_array_unref);
  g_clear_pointer (&t.source_entries, g_array_unref);

  if (summary != NULL)
    *summary = t.summary;
  return ok;
}

static void
transfer_thread_cb (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  _AxdsFileTask *td = task_data;
  GError *error = NULL;
  gboolean ok = axds_transfer_directory (td->path, td->destination, td->n_workers, td->flags,
                                         td->out, td->progress, td->progress_data, cancellable,
                                         &error);

  _axds_file_task_return (task, ok, error);
}

/**
 * axds_transfer_directory_async:
 * @source: the directory to copy
 * @destination: where its contents go
 * @n_workers: files copied in parallel, 0 for automatic (one per processor)
 * @flags: #AxdsTransferFlags
 * @progress: (nullable) (scope notified) (closure progress_data)
 *   (destroy progress_data_free): progress callback, called from worker threads
 * @progress_data: data for @progress
 * @progress_data_free: (nullable): frees @progress_data once the operation reports no more
 *   progress
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the thread-default main context when done
 * @user_data: data for @callback
 *
 * Runs axds_transfer_directory() in a worker thread.
 */
void
axds_transfer_directory_async (const char          *source,
                               const char          *destination,
                               guint                n_workers,
                               AxdsTransferFlags    flags,
                               AxdsProgressFunc     progress,
                               gpointer             progress_data,
                               GDestroyNotify       progress_data_free,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  _AxdsFileTask *td;

  g_return_if_fail (source != NULL);
  g_return_if_fail (destination != NULL);

  task = _axds_file_task_new (axds_transfer_directory_async, "axds_transfer_directory", source,
                              n_workers, progress, progress_data, progress_data_free, cancellable,
                              callback, user_data);
  td = g_task_get_task_data (task);
  td->destination = g_strdup (destination);
  td->flags = flags;
  td->out = g_new0 (AxdsTransferSummary, 1);
  td->out_free = g_free;
  g_task_run_in_thread (task, transfer_thread_cb);
}

/**
 * axds_transfer_directory_finish:
 * @result: the #GAsyncResult
 * @summary: (out caller-allocates) (optional): what the transfer did (also after a failure)
 * @error: return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
axds_transfer_directory_finish (GAsyncResult         *result,
                                AxdsTransferSummary  *summary,
                                GError              **error)
{
  _AxdsFileTask *td = _axds_file_task_get (result, axds_transfer_directory_async);

  if (td == NULL)
    return FALSE;
  if (summary != NULL)
    *summary = *(AxdsTransferSummary *) td->out;
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---------------------------------------------------------------------------------------------- */
/* Boxed types: what bindings and GValue carry                                                    */

/**
 * axds_transfer_summary_copy:
 * @self: a #AxdsTransferSummary
 *
 * Makes a copy on the heap, for bindings and #GValue.
 *
 * Returns: (transfer full): the copy; free it with axds_transfer_summary_free()
 */
AxdsTransferSummary *
axds_transfer_summary_copy (const AxdsTransferSummary *self)
{
  AxdsTransferSummary *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  return copy;
}

/**
 * axds_transfer_summary_free:
 * @self: (nullable) (transfer full): a #AxdsTransferSummary made by axds_transfer_summary_copy()
 *
 * Frees @self.
 */
void
axds_transfer_summary_free (AxdsTransferSummary *self)
{
  g_free (self);
}

G_DEFINE_BOXED_TYPE (AxdsTransferSummary, axds_transfer_summary, axds_transfer_summary_copy,
                     axds_transfer_summary_free)

/* axds-log-archive.c
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * Assembly reads each source entry, writes it into its source's archive and lets go of it
 * before the next one: at most one file per worker is open at any time, mapped or not, so any
 * number of entries fits the default open-file limit (Python keeps every entry mapped until the
 * end, and dies with "too many open files" at about 100,000 with mapping on). Archives are
 * written under hidden temporary names, verified if asked, and renamed into place only when
 * every archive succeeded; sources are removed last. A failure or a cancellation leaves the
 * folder as it was.
 *
 * Members are written as numpy.savez writes them: the entry's array re-serialised with the
 * canonical 1-D uint8 header, so an archive of entries numpy wrote is byte-identical to
 * numpy's.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xxhash.h>

#include "axds-error.h"
#include "axds-file-tasks-private.h"
#include "axds-filesystem.h"
#include "axds-i18n-private.h"
#include "axds-log-archive.h"
#include "axds-npy.h"
#include "axds-zip.h"

#define ARCHIVE_SUFFIX        "_log.npz"
#define PROGRESS_STEPS        200
#define PARALLEL_THRESHOLD    2000
#define ONSET_KEY_SUFFIX      "_00000000000000000000"
#define ALLOW_PICKLE_MEMBER   "allow_pickle.npy"
#define MMAP_MIN_SIZE         (256 * 1024)
#define READ_BUFFER_SIZE      (64 * 1024)

/**
 * axds_log_resolve_n_workers:
 * @n_workers: a worker count; 0 for automatic
 *
 * As Python's `resolve_worker_count`: a request is honoured up to the number of logical cores;
 * automatic is the cores minus 2, at least 1.
 *
 * Returns: the number of workers to use
 */
guint
axds_log_resolve_n_workers (guint n_workers)
{
  guint cores = g_get_num_processors ();

  if (n_workers > 0)
    return MIN (n_workers, cores);
  return cores > 3 ? cores - 2 : 1;
}

/* ---------------------------------------------------------------------------------------------- */
/* Assembly                                                                                       */

typedef struct
{
  guint64     source;
  guint64     time;
  const char *name;
} Entry;

typedef struct
{
  guint64  source;
  guint    first;      /* index into the sorted entries */
  guint    count;
  char    *tmp_name;
  char    *final_name;
  gboolean written;
} Source;

typedef struct
{
  int                   dirfd;
  const char           *directory;
  AxdsLogAssembleFlags  flags;
  GArray               *entries;   /* Entry, sorted */
  XXH128_hash_t        *digests;   /* per entry: its payload as read for writing */
  GArray               *sources;   /* Source */
  GCancellable         *cancellable;

  AxdsProgressFunc      progress;
  gpointer              progress_data;
  GMutex                progress_mutex;
  AxdsProgressPhase     phase;
  guint64               total;
  guint64               done;      /* atomic */
  guint64               reported;

  guint                 next_source; /* atomic */
  GMutex                error_mutex;
  GError               *error;
} Assembly;

static gboolean
parse_entry_name (const char *name,
                  guint64    *source,
                  guint64    *time)
{
  const char *underscore = strchr (name, '_');
  const char *dot;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (underscore == NULL || underscore == name || name[0] == '.' ||
      !g_str_has_suffix (name, ".npy"))
    return FALSE;
  dot = name + strlen (name) - 4;
  if (dot <= underscore + 1)
    return FALSE;
  a = g_strndup (name, (gsize) (underscore - name));
  b = g_strndup (underscore + 1, (gsize) (dot - underscore - 1));
  for (const char *p = a; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  for (const char *p = b; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return g_ascii_string_to_unsigned (a, 10, 0, G_MAXUINT64, source, NULL) &&
         g_ascii_string_to_unsigned (b, 10, 0, G_MAXUINT64, time, NULL);
}

static gboolean
is_entry_name_cb (const char *name,
                  gpointer    user_data)
{
  guint64 source, time;

  return parse_entry_name (name, &source, &time);
}

/* An archive as assembly names it: `SOURCE_log.npz` (hidden temporary ones do not count). */
static gboolean
is_archive_name_cb (const char *name,
                    gpointer    user_data)
{
  gsize len = strlen (name);
  gsize suffix_len = strlen (ARCHIVE_SUFFIX);

  if (len <= suffix_len || !g_str_has_suffix (name, ARCHIVE_SUFFIX))
    return FALSE;
  for (gsize i = 0; i < len - suffix_len; i++)
    if (!g_ascii_isdigit (name[i]))
      return FALSE;
  return TRUE;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *ea = a, *eb = b;

  if (ea->source != eb->source)
    return ea->source < eb->source ? -1 : 1;
  if (ea->time != eb->time)
    return ea->time < eb->time ? -1 : 1;
  return strcmp (ea->name, eb->name);
}

static void
report (Assembly *as,
        guint64   add,
        gboolean  force)
{
  guint64 done = __atomic_add_fetch (&as->done, add, __ATOMIC_RELAXED);

  if (as->progress == NULL)
    return;
  /* Coalesced: a call per 1/PROGRESS_STEPS of the phase, and at its end. */
  if (!force && done < as->total &&
      done - __atomic_load_n (&as->reported, __ATOMIC_RELAXED) <
      MAX (as->total / PROGRESS_STEPS, 1))
    return;
  g_mutex_lock (&as->progress_mutex);
  if (force || done > as->reported)
    {
      /* Assembly counts entries, one .npy file each; no bytes. */
      AxdsProgress p = { as->phase, done, as->total, 0, 0 };

      as->reported = done;
      as->progress (&p, as->progress_data);
    }
  g_mutex_unlock (&as->progress_mutex);
}

static void
begin_phase (Assembly             *as,
             AxdsProgressPhase     phase,
             guint64               total)
{
  as->phase = phase;
  as->total = total;
  as->done = 0;
  as->reported = 0;
  report (as, 0, TRUE);
}

static void
set_error (Assembly *as,
           GError   *error)
{
  g_mutex_lock (&as->error_mutex);
  if (as->error == NULL)
    as->error = error;
  else
    g_clear_error (&error);
  g_mutex_unlock (&as->error_mutex);
}

static gboolean
failed (Assembly *as)
{
  gboolean f;

  g_mutex_lock (&as->error_mutex);
  f = as->error != NULL;
  g_mutex_unlock (&as->error_mutex);
  return f;
}

/* One source file, mapped or read; released by release_file(). */
typedef struct
{
  guint8  *data;
  gsize    len;
  gboolean mapped;
} FileData;

/* What failed on a log entry: one whole sentence each, for the translations. */
typedef enum
{
  LOAD_OPEN,
  LOAD_READ,
  LOAD_INSPECT,
  LOAD_MAP,
} LoadStep;

static gboolean
load_error (Assembly    *as,
            const char  *name,
            int          fd,
            int          saved,
            LoadStep     step,
            GError     **error)
{
  int code = g_io_error_from_errno (saved);
  const char *reason = g_strerror (saved);

  if (fd >= 0)
    close (fd);
  switch (step)
    {
    case LOAD_OPEN:
      g_set_error (error, G_IO_ERROR, code, _("Cannot open log entry '%s/%s': %s"),
                   as->directory, name, reason);
      break;
    case LOAD_READ:
      g_set_error (error, G_IO_ERROR, code, _("Cannot read log entry '%s/%s': %s"),
                   as->directory, name, reason);
      break;
    case LOAD_INSPECT:
      g_set_error (error, G_IO_ERROR, code, _("Cannot inspect log entry '%s/%s': %s"),
                   as->directory, name, reason);
      break;
    case LOAD_MAP:
      g_set_error (error, G_IO_ERROR, code, _("Cannot map log entry '%s/%s': %s"),
                   as->directory, name, reason);
      break;
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

/* Loads an entry with as few system calls as possible: most entries are small, so one read
 * into the reused buffer gets all of it (a short read of a regular file is its end; a file
 * that shrank underneath fails the .npy checks later rather than being trusted). Only entries
 * that fill the buffer are measured, and large ones mapped. */
static gboolean
load_file (Assembly     *as,
           const char   *name,
           FileData     *file,
           GByteArray   *buffer,
           GError      **error)
{
  struct stat st;
  gsize done = 0;
  int fd = openat (as->dirfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);

  memset (file, 0, sizeof *file);
  if (fd < 0)
    return load_error (as, name, fd, errno, LOAD_OPEN, error);
  if (buffer->len < READ_BUFFER_SIZE)
    g_byte_array_set_size (buffer, READ_BUFFER_SIZE);

  for (;;)
    {
      ssize_t n = read (fd, buffer->data + done, buffer->len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return load_error (as, name, fd, errno, LOAD_READ, error);
      done += (gsize) n;
      if (done < buffer->len)
        break;
      /* The buffer is full: a large entry. */
      if (fstat (fd, &st) != 0)
        return load_error (as, name, fd, errno, LOAD_INSPECT, error);
      /* Mapping pays off only for large entries: unmapping costs a TLB shootdown across every
       * CPU the process runs on, far more than reading a few kilobytes. */
      if (!(as->flags & AXDS_LOG_ASSEMBLE_NO_MMAP) && st.st_size >= MMAP_MIN_SIZE)
        {
          void *map = mmap (NULL, (gsize) st.st_size, PROT_READ, MAP_SHARED, fd, 0);

          if (map == MAP_FAILED)
            return load_error (as, name, fd, errno, LOAD_MAP, error);
          /* The mapping keeps the data; the descriptor can go at once. */
          close (fd);
          file->data = map;
          file->len = (gsize) st.st_size;
          file->mapped = TRUE;
          return TRUE;
        }
      if ((guint64) st.st_size >= G_MAXUINT - 1)
        return load_error (as, name, fd, EFBIG, LOAD_READ, error);
      g_byte_array_set_size (buffer, (guint) MAX ((gsize) st.st_size + 1, buffer->len * 2));
    }
  close (fd);
  file->data = buffer->data;
  file->len = done;
  return TRUE;
}

static void
release_file (FileData *file)
{
  if (file->mapped)
    munmap (file->data, file->len);
  file->data = NULL;
}

static gboolean
write_source (Assembly  *as,
              Source    *src,
              GError   **error)
{
  g_autoptr(AxdsZipWriter) writer = NULL;
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  g_autofree char *tmp_path = g_build_filename (as->directory, src->tmp_name, NULL);
  guint pending = 0;

  writer = axds_zip_writer_new (tmp_path, error);
  if (writer == NULL)
    return FALSE;
  src->written = TRUE;
  for (guint i = 0; i < src->count; i++)
    {
      const Entry *e = &g_array_index (as->entries, Entry, src->first + i);
      guint8 header[AXDS_NPY_U8_HEADER_SIZE];
      const guint8 *payload;
      gsize payload_len;
      FileData file;
      gboolean ok;

      if (g_cancellable_set_error_if_cancelled (as->cancellable, error) || failed (as))
        return FALSE;
      if (!load_file (as, e->name, &file, buffer, error))
        return FALSE;
      ok = axds_npy_parse_u8 (file.data, file.len, e->name, &payload, &payload_len, error);
      if (ok)
        {
          as->digests[src->first + i] = XXH3_128bits (payload, payload_len);
          axds_npy_format_u8_header (payload_len, header);
          ok = axds_zip_writer_add (writer, e->name, header, sizeof header, payload, payload_len,
                                    error);
        }
      release_file (&file);
      if (!ok)
        return FALSE;
      if (++pending == 256)
        {
          report (as, pending, FALSE);
          pending = 0;
        }
    }
  report (as, pending, FALSE);
  return axds_zip_writer_close (writer, TRUE, error);
}

/*
 * Re-reads an archive and checks every member against the entry it came from: its name, its
 * CRC-32, its .npy header and its payload, compared through the 128-bit XXH3 digest taken
 * from the very bytes that were read for writing (as Python compares with the arrays it loaded
 * for writing), so the sources are not read a second time.
 */
static gboolean
verify_source (Assembly  *as,
               Source    *src,
               GError   **error)
{
  g_autoptr(AxdsZipReader) reader = NULL;
  g_autofree char *tmp_path = g_build_filename (as->directory, src->tmp_name, NULL);
  guint pending = 0;

  reader = axds_zip_reader_new_for_path (tmp_path, error);
  if (reader == NULL)
    return FALSE;
  if (axds_zip_reader_get_n_members (reader) != src->count)
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT,
                   _("Unable to verify the archive of source %" PRIu64 ": it holds %u entries "
                     "instead of %u"), src->source, axds_zip_reader_get_n_members (reader),
                   src->count);
      return FALSE;
    }
  for (guint i = 0; i < src->count; i++)
    {
      const Entry *e = &g_array_index (as->entries, Entry, src->first + i);
      const AxdsZipMember *m = axds_zip_reader_get_member (reader, i);
      g_autoptr(GBytes) member = NULL;
      const guint8 *payload;
      gsize payload_len;

      if (g_cancellable_set_error_if_cancelled (as->cancellable, error) || failed (as))
        return FALSE;
      member = strcmp (m->name, e->name) == 0 ? axds_zip_reader_extract (reader, i, TRUE, error)
                                               : NULL;
      if (member == NULL)
        {
          if (error != NULL && *error == NULL)
            g_set_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT,
                         _("Unable to verify the archive of source %" PRIu64 ": member %u is "
                           "'%s' instead of '%s'"),
                         src->source, i, m->name, e->name);
          return FALSE;
        }
      if (!axds_npy_parse_u8 (g_bytes_get_data (member, NULL), g_bytes_get_size (member), m->name,
                              &payload, &payload_len, error))
        return FALSE;
      if (!XXH128_isEqual (XXH3_128bits (payload, payload_len), as->digests[src->first + i]))
        {
          g_set_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT,
                       _("Unable to verify the integrity of the assembled log archive for "
                         "source %" PRIu64 ": the archived data for entry %s differs from the "
                         "original .npy entry"), src->source, e->name);
          return FALSE;
        }
      if (++pending == 256)
        {
          report (as, pending, FALSE);
          pending = 0;
        }
    }
  report (as, pending, FALSE);
  return TRUE;
}

typedef gboolean (*SourceFunc) (Assembly *as, Source *src, GError **error);

typedef struct
{
  Assembly   *as;
  SourceFunc  func;
} Worker;

static gpointer
source_worker (gpointer data)
{
  Worker *worker = data;
  Assembly *as = worker->as;

  for (;;)
    {
      guint index = __atomic_fetch_add (&as->next_source, 1, __ATOMIC_RELAXED);
      GError *error = NULL;

      if (index >= as->sources->len || failed (as))
        break;
      if (!worker->func (as, &g_array_index (as->sources, Source, index), &error))
        {
          /* Without an error of its own, the worker stopped because another one failed. */
          if (error != NULL)
            set_error (as, error);
          break;
        }
    }
  return NULL;
}

/* Runs @func on every source, across up to @n_workers threads (this one included). */
static gboolean
for_each_source (Assembly    *as,
                 guint        n_workers,
                 SourceFunc   func,
                 GError     **error)
{
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  Worker worker = { as, func };

  as->next_source = 0;
  n_workers = MIN (n_workers, as->sources->len);
  for (guint i = 1; i < n_workers; i++)
    g_ptr_array_add (threads, g_thread_new ("axds-log-assemble", source_worker, &worker));
  source_worker (&worker);
  for (guint i = 0; i < threads->len; i++)
    g_thread_join (g_ptr_array_index (threads, i));
  if (as->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&as->error));
      return FALSE;
    }
  return TRUE;
}

static void
source_clear (Source *src)
{
  g_free (src->tmp_name);
  g_free (src->final_name);
}

/**
 * axds_log_assemble_archives:
 * @directory: the output folder of one logger (`…/NAME_data_log`)
 * @n_workers: threads to use; 0 for automatic (see axds_log_resolve_n_workers())
 * @flags: what to do beyond Python's defaults
 * @progress: (nullable) (scope call): progress of each phase: %AXDS_PROGRESS_PHASE_SCANNING,
 *   %AXDS_PROGRESS_PHASE_ASSEMBLING, %AXDS_PROGRESS_PHASE_VERIFYING (with
 *   %AXDS_LOG_ASSEMBLE_VERIFY), %AXDS_PROGRESS_PHASE_DELETING (without
 *   %AXDS_LOG_ASSEMBLE_KEEP_SOURCES), counting entries; coalesced to a few hundred calls per
 *   phase at most
 * @progress_data: data for @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The counterpart of Python's `assemble_log_archives()`: gathers the `.npy` entries of
 * @directory (not its subfolders) into one `{source_id}_log.npz` per source, entries sorted by
 * timestamp, each stored uncompressed as `numpy.savez` stores it, with ZIP64 records where the
 * zip limits demand them. Archives appear only once all are complete (and verified, with
 * %AXDS_LOG_ASSEMBLE_VERIFY); sources are removed only after that. On failure or cancellation
 * nothing in @directory has changed.
 *
 * A @directory without entries is an %AXDS_ERROR_NOT_FOUND error naming it ("no log entries"),
 * where Python returns quietly: a wrong folder, or a logger that wrote nothing, must not pass
 * for a finished assembly. The exception is a folder assembled before, holding
 * `SOURCE_log.npz` archives and no entries: there is nothing left to do, and the call
 * succeeds without changing anything (the scanning phase reports 0 entries).
 *
 * Returns: %TRUE on success, including a folder already assembled
 */
gboolean
axds_log_assemble_archives (const char            *directory,
                            guint                  n_workers,
                            AxdsLogAssembleFlags   flags,
                            AxdsProgressFunc       progress,
                            gpointer               progress_data,
                            GCancellable          *cancellable,
                            GError               **error)
{
  g_autoptr(GStringChunk) names = g_string_chunk_new (64 * 1024);
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_autoptr(GArray) sources = g_array_new (FALSE, FALSE, sizeof (Source));
  g_autoptr(GPtrArray) found = NULL;
  Assembly as = { 0 };
  guint n_threads = axds_log_resolve_n_workers (n_workers);
  gboolean ok = FALSE;

  g_return_val_if_fail (directory != NULL, FALSE);

  g_array_set_clear_func (sources, (GDestroyNotify) source_clear);
  as.directory = directory;
  as.flags = flags;
  as.entries = entries;
  as.sources = sources;
  as.cancellable = cancellable;
  as.progress = progress;
  as.progress_data = progress_data;
  g_mutex_init (&as.progress_mutex);
  g_mutex_init (&as.error_mutex);
  as.dirfd = open (directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (as.dirfd < 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot open log folder '%s': %s"), directory, g_strerror (saved));
      goto out;
    }

  begin_phase (&as, AXDS_PROGRESS_PHASE_SCANNING, 0);
  found = axds_find_files (directory, 0, AXDS_FIND_FILES_RELATIVE, is_entry_name_cb, NULL,
                           cancellable, error);
  if (found == NULL)
    goto out;
  for (guint i = 0; i < found->len; i++)
    {
      const char *name = g_ptr_array_index (found, i);
      Entry e;

      parse_entry_name (name, &e.source, &e.time);
      e.name = g_string_chunk_insert (names, name);
      g_array_append_val (entries, e);
    }
  g_clear_pointer (&found, g_ptr_array_unref);
  g_array_sort (entries, compare_entries);
  for (guint i = 0; i < entries->len; i++)
    {
      const Entry *e = &g_array_index (entries, Entry, i);

      if (sources->len == 0 ||
          g_array_index (sources, Source, sources->len - 1).source != e->source)
        {
          Source src = { 0 };

          src.source = e->source;
          src.first = i;
          src.final_name = g_strdup_printf ("%" G_GUINT64_FORMAT ARCHIVE_SUFFIX, e->source);
          src.tmp_name = g_strdup_printf (".%s.%d.tmp", src.final_name, (int) getpid ());
          g_array_append_val (sources, src);
        }
      g_array_index (sources, Source, sources->len - 1).count++;
    }
  as.total = entries->len;
  report (&as, entries->len, TRUE);
  if (entries->len == 0)
    {
      g_autoptr(GPtrArray) archives = NULL;

      /* A folder assembled before is done: rerunning a script's assembly step is no error.
       * A folder with neither is not a logger's folder, or its logger wrote nothing; Python
       * returns quietly there, which would report a run that logged nothing as a success. */
      archives = axds_find_files (directory, 0, AXDS_FIND_FILES_RELATIVE, is_archive_name_cb,
                                  NULL, cancellable, error);
      if (archives == NULL)
        goto out;
      if (archives->len > 0)
        {
          ok = TRUE;
          goto out;
        }
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_NOT_FOUND,
                   _("No log entries in “%s”: it holds no SOURCE_TIME.npy file and no assembled "
                     "archive, so there is nothing to assemble"), directory);
      goto out;
    }

  as.digests = g_new (XXH128_hash_t, entries->len);
  begin_phase (&as, AXDS_PROGRESS_PHASE_ASSEMBLING, entries->len);
  if (!for_each_source (&as, n_threads, write_source, error))
    goto out;

  if (flags & AXDS_LOG_ASSEMBLE_VERIFY)
    {
      begin_phase (&as, AXDS_PROGRESS_PHASE_VERIFYING, entries->len);
      if (!for_each_source (&as, n_threads, verify_source, error))
        goto out;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;
  for (guint i = 0; i < sources->len; i++)
    {
      Source *src = &g_array_index (sources, Source, i);

      if (renameat (as.dirfd, src->tmp_name, as.dirfd, src->final_name) != 0)
        {
          int saved = errno;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Cannot move archive '%s' into place in '%s': %s"), src->final_name,
                       directory, g_strerror (saved));
          goto out;
        }
      src->written = FALSE;
    }

  if (!(flags & AXDS_LOG_ASSEMBLE_KEEP_SOURCES))
    {
      begin_phase (&as, AXDS_PROGRESS_PHASE_DELETING, entries->len);
      for (guint i = 0; i < entries->len; i++)
        {
          const Entry *e = &g_array_index (entries, Entry, i);

          if (unlinkat (as.dirfd, e->name, 0) != 0 && errno != ENOENT)
            {
              int saved = errno;
              g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                           _("The archives are complete, but log entry '%s/%s' cannot be "
                             "removed: %s"), directory, e->name, g_strerror (saved));
              goto out;
            }
          if ((i & 255) == 255)
            report (&as, 256, FALSE);
        }
      report (&as, entries->len & 255, TRUE);
    }
  ok = TRUE;

out:
  /* Temporary archives of a failed or cancelled run go; the folder is as it was. */
  for (guint i = 0; i < sources->len; i++)
    if (g_array_index (sources, Source, i).written)
      unlinkat (as.dirfd, g_array_index (sources, Source, i).tmp_name, 0);
  if (as.dirfd >= 0)
    close (as.dirfd);
  g_clear_error (&as.error);
  g_free (as.digests);
  g_mutex_clear (&as.progress_mutex);
  g_mutex_clear (&as.error_mutex);
  return ok;
}

static void
assemble_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  _AxdsFileTask *td = task_data;
  GError *error = NULL;
  gboolean ok = axds_log_assemble_archives (td->path, td->n_workers, td->flags, td->progress,
                                            td->progress_data, cancellable, &error);

  _axds_file_task_return (task, ok, error);
}

/**
 * axds_log_assemble_archives_async:
 * @directory: the output folder of one logger
 * @n_workers: threads to use; 0 for automatic
 * @flags: what to do beyond Python's defaults
 * @progress: (nullable) (scope notified) (closure progress_data)
 *   (destroy progress_data_free): progress, called from the worker threads (see
 *   axds_log_assemble_archives())
 * @progress_data: data for @progress
 * @progress_data_free: (nullable): frees @progress_data once the operation reports no more
 *   progress
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the thread-default main context when done
 * @user_data: data for @callback
 *
 * Runs axds_log_assemble_archives() in a worker thread.
 */
void
axds_log_assemble_archives_async (const char            *directory,
                                  guint                  n_workers,
                                  AxdsLogAssembleFlags   flags,
                                  AxdsProgressFunc       progress,
                                  gpointer               progress_data,
                                  GDestroyNotify         progress_data_free,
                                  GCancellable          *cancellable,
                                  GAsyncReadyCallback    callback,
                                  gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (directory != NULL);

  task = _axds_file_task_new (axds_log_assemble_archives_async, "axds_log_assemble_archives",
                              directory, n_workers, progress, progress_data, progress_data_free,
                              cancellable, callback, user_data);
  ((_AxdsFileTask *) g_task_get_task_data (task))->flags = flags;
  g_task_run_in_thread (task, assemble_thread);
}

/**
 * axds_log_assemble_archives_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
axds_log_assemble_archives_finish (GAsyncResult  *result,
                                   GError       **error)
{
  if (_axds_file_task_get (result, axds_log_assemble_archives_async) == NULL)
    return FALSE;
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---------------------------------------------------------------------------------------------- */
/* Reading                                                                                        */

struct _AxdsLogArchive
{
  gatomicrefcount  ref_count;
  char            *path;
  AxdsZipReader   *zip;
  const guint8    *base;
  guint           *members;     /* zip member index of each key */
  char           **keys;        /* member names without ".npy"; all members, onset included */
  guint            n_keys;
  guint            first;       /* index of the first data message in keys */
  guint64          onset_us;
  guint8           source_id;
  GBytes         **inflated;    /* per member, for deflated archives; filled on first use */
};

static gboolean
member_data (AxdsLogArchive  *a,
             guint            key,
             const guint8   **data,
             gsize           *len,
             GError         **error)
{
  guint index = a->members[key];
  const AxdsZipMember *m = axds_zip_reader_get_member (a->zip, index);
  GBytes *bytes;

  if (m->method == 0)
    {
      *data = a->base + m->data_offset;
      *len = (gsize) m->size;
      return TRUE;
    }
  bytes = __atomic_load_n (&a->inflated[key], __ATOMIC_ACQUIRE);
  if (bytes == NULL)
    {
      GBytes *expected = NULL;

      bytes = axds_zip_reader_extract (a->zip, index, TRUE, error);
      if (bytes == NULL)
        return FALSE;
      /* Another thread may have inflated it meanwhile: keep one, so pointers stay valid. */
      if (!__atomic_compare_exchange_n (&a->inflated[key], &expected, bytes, FALSE,
                                        __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
        {
          g_bytes_unref (bytes);
          bytes = expected;
        }
    }
  *data = g_bytes_get_data (bytes, len);
  return TRUE;
}

static gboolean
decode (AxdsLogArchive  *a,
        guint            key,
        guint64          onset,
        AxdsLogMessage  *msg,
        GError         **error)
{
  const guint8 *data, *entry;
  gsize len, entry_len;
  guint64 elapsed;

  if (!member_data (a, key, &data, &len, error) ||
      !axds_npy_parse_u8 (data, len, a->keys[key], &entry, &entry_len, error))
    {
      g_prefix_error (error, _("In log archive '%s': "), a->path);
      return FALSE;
    }
  if (entry_len < 9)
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT,
                   _("Message '%s' of log archive '%s' is %zu bytes, shorter than its 9-byte "
                     "header"), a->keys[key], a->path, entry_len);
      return FALSE;
    }
  memcpy (&elapsed, entry + 1, 8);
  elapsed = GUINT64_FROM_LE (elapsed);
  msg->source_id = entry[0];
  msg->elapsed_us = elapsed;
  msg->timestamp_us = onset + elapsed;
  msg->payload = entry + 9;
  msg->payload_len = entry_len - 9;
  return TRUE;
}

static AxdsLogArchive *
archive_open (const char  *path,
              gboolean     have_onset,
              guint64      onset_us,
              GError     **error)
{
  g_autoptr(AxdsLogArchive) a = NULL;
  guint n;

  g_return_val_if_fail (path != NULL, NULL);

  a = g_new0 (AxdsLogArchive, 1);
  g_atomic_ref_count_init (&a->ref_count);
  a->path = g_strdup (path);
  a->zip = axds_zip_reader_new_for_path (path, error);
  if (a->zip == NULL)
    {
      if (error != NULL && g_error_matches (*error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_clear_error (error);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("Unable to open log archive. The file does not exist at the expected "
                         "path: %s"), path);
        }
      return NULL;
    }
  a->base = g_bytes_get_data (axds_zip_reader_get_bytes (a->zip), NULL);
  n = axds_zip_reader_get_n_members (a->zip);
  a->members = g_new (guint, MAX (n, 1));
  a->keys = g_new0 (char *, n + 1);
  a->inflated = g_new0 (GBytes *, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      const char *name = axds_zip_reader_get_member (a->zip, i)->name;

      /* numpy < 2.2 adds this to archives written with allow_pickle=False: not a message. */
      if (strcmp (name, ALLOW_PICKLE_MEMBER) == 0 || !g_str_has_suffix (name, ".npy"))
        continue;
      a->members[a->n_keys] = i;
      a->keys[a->n_keys++] = g_strndup (name, strlen (name) - 4);
    }

  /* Every message of an archive comes from one source: the first one names it. */
  if (a->n_keys > 0)
    {
      AxdsLogMessage first;

      if (!decode (a, 0, 0, &first, error))
        return NULL;
      a->source_id = first.source_id;
    }

  if (have_onset)
    {
      a->onset_us = onset_us;
      a->first = 0;
      for (guint i = 0; i < a->n_keys; i++)
        if (g_str_has_suffix (a->keys[i], ONSET_KEY_SUFFIX))
          {
            a->first = i + 1;
            break;
          }
      return g_steal_pointer (&a);
    }

  /* As Python: the first message with timestamp 0 holds the onset; the messages follow it. */
  for (guint i = 0; i < a->n_keys; i++)
    {
      AxdsLogMessage msg;

      if (!decode (a, i, 0, &msg, error))
        return NULL;
      if (msg.elapsed_us != 0)
        continue;
      if (msg.payload_len != 8)
        {
          g_set_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT,
                       _("The onset message '%s' of log archive '%s' holds %zu bytes instead of "
                         "one uint64"), a->keys[i], path, msg.payload_len);
          return NULL;
        }
      memcpy (&a->onset_us, msg.payload, 8);
      a->onset_us = GUINT64_FROM_LE (a->onset_us);
      a->first = i + 1;
      return g_steal_pointer (&a);
    }
  g_set_error (error, AXDS_ERROR, AXDS_ERROR_NOT_FOUND,
               _("Unable to discover onset timestamp in log archive. The archive must contain a "
                 "message with timestamp value 0 storing the UTC epoch reference, but none was "
                 "found in: %s"), path);
  return NULL;
}

/**
 * axds_log_archive_open:
 * @path: a `.npz` log archive
 * @error: return location for a #GError
 *
 * Opens and validates the archive and finds its onset: the first message with timestamp 0,
 * whose payload is the onset in UTC µs. A missing file is %G_IO_ERROR_NOT_FOUND, a missing
 * onset %AXDS_ERROR_NOT_FOUND, anything malformed %AXDS_ERROR_CORRUPT.
 *
 * Returns: (transfer full): the archive, or %NULL
 */
AxdsLogArchive *
axds_log_archive_open (const char  *path,
                       GError     **error)
{
  return archive_open (path, FALSE, 0, error);
}

static void
open_thread_cb (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  AxdsLogArchive *archive;

  if (g_task_return_error_if_cancelled (task))
    return;
  archive = axds_log_archive_open (task_data, &error);
  if (archive == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, archive, (GDestroyNotify) axds_log_archive_unref);
}

/**
 * axds_log_archive_open_async:
 * @path: a `.npz` log archive
 * @cancellable: (nullable): a #GCancellable, checked before the archive is read
 * @callback: called in the thread-default main context when done
 * @user_data: data for @callback
 *
 * Runs axds_log_archive_open() in a worker thread: validating the member table of a big archive
 * and finding its onset takes a while.
 */
void
axds_log_archive_open_async (const char          *path,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, axds_log_archive_open_async);
  g_task_set_name (task, "axds_log_archive_open");
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, open_thread_cb);
}

/**
 * axds_log_archive_open_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the archive, or %NULL
 */
AxdsLogArchive *
axds_log_archive_open_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == axds_log_archive_open_async,
                        NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * axds_log_archive_open_with_onset:
 * @path: a `.npz` log archive
 * @onset_us: the onset, discovered before (e.g. by the process handing out batches)
 * @error: return location for a #GError
 *
 * Opens the archive without scanning for the onset, as Python's reader with `onset_us`.
 *
 * Returns: (transfer full): the archive, or %NULL
 */
AxdsLogArchive *
axds_log_archive_open_with_onset (const char  *path,
                                  guint64      onset_us,
                                  GError     **error)
{
  return archive_open (path, TRUE, onset_us, error);
}

/**
 * axds_log_archive_ref:
 * @archive: an #AxdsLogArchive
 *
 * Returns: (transfer full): @archive
 */
AxdsLogArchive *
axds_log_archive_ref (AxdsLogArchive *archive)
{
  g_return_val_if_fail (archive != NULL, NULL);
  g_atomic_ref_count_inc (&archive->ref_count);
  return archive;
}

/**
 * axds_log_archive_unref:
 * @archive: an #AxdsLogArchive
 *
 * Drops a reference; the last one unmaps the archive, invalidating its payload pointers.
 */
void
axds_log_archive_unref (AxdsLogArchive *archive)
{
  g_return_if_fail (archive != NULL);
  if (!g_atomic_ref_count_dec (&archive->ref_count))
    return;
  if (archive->inflated != NULL)
    for (guint i = 0; i < archive->n_keys; i++)
      g_clear_pointer (&archive->inflated[i], g_bytes_unref);
  g_free (archive->inflated);
  g_strfreev (archive->keys);
  g_free (archive->members);
  g_clear_pointer (&archive->zip, axds_zip_reader_unref);
  g_free (archive->path);
  g_free (archive);
}

/**
 * axds_log_archive_get_path:
 * @archive: an #AxdsLogArchive
 *
 * Returns: the archive's path
 */
const char *
axds_log_archive_get_path (AxdsLogArchive *archive)
{
  g_return_val_if_fail (archive != NULL, NULL);
  return archive->path;
}

/**
 * axds_log_archive_get_onset_us:
 * @archive: an #AxdsLogArchive
 *
 * Returns: the onset, UTC µs since the epoch
 */
guint64
axds_log_archive_get_onset_us (AxdsLogArchive *archive)
{
  g_return_val_if_fail (archive != NULL, 0);
  return archive->onset_us;
}

/**
 * axds_log_archive_get_source_id:
 * @archive: an #AxdsLogArchive
 *
 * Returns: the source whose messages the archive holds (0 for an empty archive)
 */
guint8
axds_log_archive_get_source_id (AxdsLogArchive *archive)
{
  g_return_val_if_fail (archive != NULL, 0);
  return archive->source_id;
}

/**
 * axds_log_archive_get_n_messages:
 * @archive: an #AxdsLogArchive
 *
 * Returns: the number of data messages (the onset message excluded)
 */
guint
axds_log_archive_get_n_messages (AxdsLogArchive *archive)
{
  g_return_val_if_fail (archive != NULL, 0);
  return archive->n_keys - archive->first;
}

/**
 * axds_log_archive_get_key:
 * @archive: an #AxdsLogArchive
 * @index: a message index, below the message count
 *
 * Returns: the message's key, its member name without `.npy`
 */
const char *
axds_log_archive_get_key (AxdsLogArchive *archive,
                          guint           index)
{
  g_return_val_if_fail (archive != NULL, NULL);
  g_return_val_if_fail (index < axds_log_archive_get_n_messages (archive), NULL);
  return archive->keys[archive->first + index];
}

/**
 * axds_log_archive_find_key:
 * @archive: an #AxdsLogArchive
 * @key: a message key
 * @index: (out) (optional): its message index
 *
 * Returns: %TRUE when @key is one of the data messages
 */
gboolean
axds_log_archive_find_key (AxdsLogArchive *archive,
                           const char     *key,
                           guint          *index)
{
  g_autofree char *member = NULL;
  guint zip_index;

  g_return_val_if_fail (archive != NULL && key != NULL, FALSE);
  member = g_strconcat (key, ".npy", NULL);
  if (!axds_zip_reader_lookup (archive->zip, member, &zip_index))
    return FALSE;
  /* Keys are in member order, so a binary search over their member indices finds it. */
  {
    guint lo = archive->first, hi = archive->n_keys;

    while (lo < hi)
      {
        guint mid = lo + (hi - lo) / 2;

        if (archive->members[mid] < zip_index)
          lo = mid + 1;
        else
          hi = mid;
      }
    if (lo < archive->n_keys && archive->members[lo] == zip_index)
      {
        if (index != NULL)
          *index = lo - archive->first;
        return TRUE;
      }
  }
  return FALSE;
}

/**
 * axds_log_archive_get_batches:
 * @archive: an #AxdsLogArchive
 * @n_workers: workers to plan for; 0 for automatic (see axds_log_resolve_n_workers())
 * @batch_multiplier: over-batching factor (Python's default is 4); 0 means 1
 *
 * Divides the messages into runs for parallel processing, as Python's `get_batches`: archives
 * under 2,000 messages give one batch; larger ones up to @n_workers × @batch_multiplier batches.
 *
 * Returns: (transfer full) (element-type AxdsLogBatch): the batches, possibly none
 */
GArray *
axds_log_archive_get_batches (AxdsLogArchive *archive,
                              guint           n_workers,
                              guint           batch_multiplier)
{
  GArray *batches = g_array_new (FALSE, FALSE, sizeof (AxdsLogBatch));
  guint64 n_batches;
  guint total, size;

  g_return_val_if_fail (archive != NULL, batches);

  total = axds_log_archive_get_n_messages (archive);
  if (total == 0)
    return batches;
  if (total < PARALLEL_THRESHOLD)
    {
      AxdsLogBatch b = { 0, total };
      g_array_append_val (batches, b);
      return batches;
    }
  n_batches = (guint64) axds_log_resolve_n_workers (n_workers) *
              (guint64) MAX (batch_multiplier, 1);
  size = (guint) MAX (1, (total + n_batches - 1) / n_batches);
  for (guint start = 0; start < total; start += size)
    {
      AxdsLogBatch b = { start, MIN (size, total - start) };
      g_array_append_val (batches, b);
    }
  return batches;
}

/**
 * axds_log_archive_get_message:
 * @archive: an #AxdsLogArchive
 * @index: a message index, below the message count
 * @message: (out caller-allocates): the message; its payload points into the archive
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
axds_log_archive_get_message (AxdsLogArchive  *archive,
                              guint            index,
                              AxdsLogMessage  *message,
                              GError         **error)
{
  g_return_val_if_fail (archive != NULL && message != NULL, FALSE);
  g_return_val_if_fail (index < axds_log_archive_get_n_messages (archive), FALSE);
  return decode (archive, archive->first + index, archive->onset_us, message, error);
}

/**
 * axds_log_archive_iter_init:
 * @iter: (out caller-allocates): an iterator
 * @archive: an #AxdsLogArchive, which must outlive @iter
 * @batch: (nullable): the messages to visit; %NULL for all
 */
void
axds_log_archive_iter_init (AxdsLogArchiveIter *iter,
                            AxdsLogArchive     *archive,
                            const AxdsLogBatch *batch)
{
  guint total;

  g_return_if_fail (iter != NULL && archive != NULL);

  total = axds_log_archive_get_n_messages (archive);
  memset (iter, 0, sizeof *iter);
  iter->archive = archive;
  iter->next = batch != NULL ? MIN (batch->start, total) : 0;
  iter->end = batch != NULL ? (guint) MIN ((guint64) batch->start + batch->count, total) : total;
}

/**
 * axds_log_archive_iter_next:
 * @iter: an initialised iterator
 * @message: (out caller-allocates): the next message, with its absolute timestamp
 * @error: return location for a #GError
 *
 * Returns: %TRUE with a message; %FALSE at the end (@error unset) or on error
 */
gboolean
axds_log_archive_iter_next (AxdsLogArchiveIter  *iter,
                            AxdsLogMessage      *message,
                            GError             **error)
{
  g_return_val_if_fail (iter != NULL && message != NULL, FALSE);

  if (iter->next >= iter->end)
    return FALSE;
  if (!axds_log_archive_get_message (iter->archive, iter->next, message, error))
    {
      iter->next = iter->end;
      return FALSE;
    }
  iter->next++;
  return TRUE;
}

/**
 * axds_log_archive_read_all:
 * @archive: an #AxdsLogArchive
 * @timestamps: (out) (transfer full) (element-type guint64): absolute timestamps
 * @payloads: (out) (transfer full) (element-type GBytes): payloads (stored archives: without
 *   copying)
 * @error: return location for a #GError
 *
 * The counterpart of Python's `read_all_messages()`.
 *
 * Returns: %TRUE on success
 */
gboolean
axds_log_archive_read_all (AxdsLogArchive  *archive,
                           GArray         **timestamps,
                           GPtrArray      **payloads,
                           GError         **error)
{
  g_autoptr(GArray) times = NULL;
  g_autoptr(GPtrArray) datas = NULL;
  GBytes *whole;
  AxdsLogArchiveIter iter;
  AxdsLogMessage msg;
  GError *local_error = NULL;
  guint n;

  g_return_val_if_fail (archive != NULL && timestamps != NULL && payloads != NULL, FALSE);

  n = axds_log_archive_get_n_messages (archive);
  times = g_array_sized_new (FALSE, FALSE, sizeof (guint64), n);
  datas = g_ptr_array_new_full (n, (GDestroyNotify) g_bytes_unref);
  whole = axds_zip_reader_get_bytes (archive->zip);
  axds_log_archive_iter_init (&iter, archive, NULL);
  while (axds_log_archive_iter_next (&iter, &msg, &local_error))
    {
      const guint8 *base = g_bytes_get_data (whole, NULL);
      gsize size = g_bytes_get_size (whole);

      g_array_append_val (times, msg.timestamp_us);
      if (msg.payload >= base && msg.payload + msg.payload_len <= base + size)
        g_ptr_array_add (datas, g_bytes_new_from_bytes (whole, (gsize) (msg.payload - base),
                                                        msg.payload_len));
      else
        g_ptr_array_add (datas, g_bytes_new (msg.payload, msg.payload_len));
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  *timestamps = g_steal_pointer (&times);
  *payloads = g_steal_pointer (&datas);
  return TRUE;
}

/* ---------------------------------------------------------------------------------------------- */
/* Boxed types: what bindings and GValue carry                                                    */

G_DEFINE_BOXED_TYPE (AxdsLogArchive, axds_log_archive, axds_log_archive_ref, axds_log_archive_unref)
/**
 * axds_log_message_copy:
 * @self: a #AxdsLogMessage
 *
 * Makes a copy on the heap, for bindings and #GValue. The copy points to the same payload,
 * inside the archive's mapping: it is valid as long as the archive.
 *
 * Returns: (transfer full): the copy; free it with axds_log_message_free()
 */
AxdsLogMessage *
axds_log_message_copy (const AxdsLogMessage *self)
{
  AxdsLogMessage *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  return copy;
}

/**
 * axds_log_message_free:
 * @self: (nullable) (transfer full): a #AxdsLogMessage made by axds_log_message_copy()
 *
 * Frees @self.
 */
void
axds_log_message_free (AxdsLogMessage *self)
{
  g_free (self);
}

G_DEFINE_BOXED_TYPE (AxdsLogMessage, axds_log_message, axds_log_message_copy, axds_log_message_free)
/**
 * axds_log_batch_copy:
 * @self: a #AxdsLogBatch
 *
 * Makes a copy on the heap, for bindings and #GValue.
 *
 * Returns: (transfer full): the copy; free it with axds_log_batch_free()
 */
AxdsLogBatch *
axds_log_batch_copy (const AxdsLogBatch *self)
{
  AxdsLogBatch *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  return copy;
}

/**
 * axds_log_batch_free:
 * @self: (nullable) (transfer full): a #AxdsLogBatch made by axds_log_batch_copy()
 *
 * Frees @self.
 */
void
axds_log_batch_free (AxdsLogBatch *self)
{
  g_free (self);
}

G_DEFINE_BOXED_TYPE (AxdsLogBatch, axds_log_batch, axds_log_batch_copy, axds_log_batch_free)
/**
 * axds_log_archive_iter_copy:
 * @self: a #AxdsLogArchiveIter
 *
 * Makes a copy on the heap, for bindings and #GValue. The copy iterates on from where @self
 * is, over the same archive.
 *
 * Returns: (transfer full): the copy; free it with axds_log_archive_iter_free()
 */
AxdsLogArchiveIter *
axds_log_archive_iter_copy (const AxdsLogArchiveIter *self)
{
  AxdsLogArchiveIter *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  return copy;
}

/**
 * axds_log_archive_iter_free:
 * @self: (nullable) (transfer full): a #AxdsLogArchiveIter made by axds_log_archive_iter_copy()
 *
 * Frees @self.
 */
void
axds_log_archive_iter_free (AxdsLogArchiveIter *self)
{
  g_free (self);
}

G_DEFINE_BOXED_TYPE (AxdsLogArchiveIter, axds_log_archive_iter, axds_log_archive_iter_copy,
                     axds_log_archive_iter_free)

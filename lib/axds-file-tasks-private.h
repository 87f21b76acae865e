/* axds-file-tasks-private.h — internals shared by checksum, transfer, delete and the file system helpers
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>
#include <xxhash.h>

#include "axds-error-private.h"
#include "axds-progress.h"

G_BEGIN_DECLS

/* A canonical (big-endian) XXH3-128 digest. */
typedef guint8 _AxdsDigest[16];

/* The kind of a directory entry as lstat() sees it; links carry what they point to as well. */
typedef enum
{
  _AXDS_ENTRY_NONE = 0,    /* for link targets: dangling, a loop, or not reachable */
  _AXDS_ENTRY_DIR,
  _AXDS_ENTRY_FILE,
  _AXDS_ENTRY_LINK,
  _AXDS_ENTRY_OTHER,       /* fifo, socket, device */
} _AxdsEntryType;

typedef struct
{
  char    *path;           /* relative to the root, '/'-separated, no leading "./" */
  guint8   type;           /* _AxdsEntryType from lstat() */
  guint8   target_type;    /* for links: the type stat() sees through the link */
  guint64  size;           /* files: lstat size; links to files: the target's size */
} _AxdsEntry;

GArray     *_axds_scan_tree            (int                  root_fd,
                                        const char          *root_name,
                                        gboolean             follow_links,
                                        GCancellable        *cancellable,
                                        GError             **error);
const char *_axds_entry_get_name       (const _AxdsEntry    *entry);
int         _axds_open_directory       (const char          *path,
                                        gboolean             nofollow,
                                        GError             **error);
guint       _axds_resolve_threads      (guint                requested,
                                        guint64              n_items);

/* A parallel loop over @n_items with serialised progress reports: `threads` workers (the
 * calling thread is one of them) claim items in order from an atomic counter. The first error
 * or a cancellation stops every worker before its next item or chunk. */
typedef struct _AxdsRun    _AxdsRun;
typedef struct _AxdsWorker _AxdsWorker;

typedef gboolean (*_AxdsWorkFunc) (_AxdsWorker  *worker,
                                   guint         index,
                                   GError      **error);

struct _AxdsWorker
{
  _AxdsRun     *run;
  guint8       *buffer;
  gsize         buffer_size;
  XXH3_state_t *state;
  guint64       pending_bytes;   /* read but not yet reported */
};

struct _AxdsRun
{
  /* Set up by the caller. */
  AxdsProgressFunc  progress_func;
  gpointer          progress_data;
  GCancellable     *cancellable;
  _AxdsWorkFunc     work;
  gpointer          user_data;
  guint             n_items;

  /* Internal. */
  GMutex            mutex;
  AxdsProgress      progress;
  gint              next;
  gint              stop;
  GError           *error;
};

void        _axds_run_init             (_AxdsRun            *run,
                                        AxdsProgressPhase    phase,
                                        guint64              files_total,
                                        guint64              bytes_total);
gboolean    _axds_run_parallel         (_AxdsRun            *run,
                                        guint                threads,
                                        GError             **error);
void        _axds_run_report           (_AxdsRun            *run,
                                        guint64              files,
                                        guint64              bytes);
gboolean    _axds_worker_check         (_AxdsWorker         *worker,
                                        GError             **error);

/* Hashes `relpath` (when @with_path) followed by the contents of the file at @relpath under
 * @root_fd into a canonical 16-byte XXH3-128 digest, reporting bytes as it reads. */
gboolean    _axds_hash_file            (_AxdsWorker         *worker,
                                        int                  root_fd,
                                        const char          *relpath,
                                        gboolean             with_path,
                                        guint8               digest[16],
                                        guint64             *size,
                                        GError             **error);
void        _axds_digest_to_hex        (const guint8         digest[16],
                                        char                 hex[33]);

/* What the _async variant of every long file operation (checksum, transfer, delete, log
 * assembly) carries into its worker thread: the arguments of the blocking call, the progress
 * callback with the destroy notify bindings need, and what the call hands back besides its
 * return value (read by the _finish function). */
typedef struct
{
  char             *path;
  char             *destination;      /* transfer only */
  GStrv             names;            /* checksum: excluded names, or NULL for the default */
  guint             n_workers;
  guint             flags;
  gboolean          save;             /* checksum: write ax_checksum.txt */
  AxdsProgressFunc  progress;
  gpointer          progress_data;
  GDestroyNotify    progress_data_free;
  gpointer          out;              /* filled by the thread, e.g. a manifest or a summary */
  GDestroyNotify    out_free;
} _AxdsFileTask;

GTask         *_axds_file_task_new     (gpointer             source_tag,
                                        const char          *name,
                                        const char          *path,
                                        guint                n_workers,
                                        AxdsProgressFunc     progress,
                                        gpointer             progress_data,
                                        GDestroyNotify       progress_data_free,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
void           _axds_file_task_return  (GTask               *task,
                                        gboolean             ok,
                                        GError              *error);
_AxdsFileTask *_axds_file_task_get     (GAsyncResult        *result,
                                        gpointer             source_tag);

G_END_DECLS

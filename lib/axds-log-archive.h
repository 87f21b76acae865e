/* axds-log-archive.h — assembling log entries into per-source .npz archives, and reading them
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(AXDS_INSIDE) && !defined(AXDS_COMPILATION)
# error "Only <axds.h> can be included directly."
#endif

#include <gio/gio.h>

#include "axds-progress.h"
#include "axds-version.h"

G_BEGIN_DECLS

/**
 * AxdsLogAssembleFlags:
 * @AXDS_LOG_ASSEMBLE_NONE: Python's defaults: remove the sources, memory-map them, no
 *   verification
 * @AXDS_LOG_ASSEMBLE_KEEP_SOURCES: keep the .npy entries (Python's `remove_sources=False`)
 * @AXDS_LOG_ASSEMBLE_VERIFY: re-read every archive against its sources before anything is
 *   removed (Python's `verify_integrity=True`)
 * @AXDS_LOG_ASSEMBLE_NO_MMAP: never map the sources (by default entries of 256 KiB and more are
 *   mapped, smaller ones read: unmapping costs more than reading them; Python's
 *   `memory_mapping=False`)
 */
typedef enum
{
  AXDS_LOG_ASSEMBLE_NONE         = 0,
  AXDS_LOG_ASSEMBLE_KEEP_SOURCES = 1 << 0,
  AXDS_LOG_ASSEMBLE_VERIFY       = 1 << 1,
  AXDS_LOG_ASSEMBLE_NO_MMAP      = 1 << 2,
} AxdsLogAssembleFlags;

/**
 * AxdsLogArchive:
 *
 * The counterpart of Python's `LogArchiveReader`: a read-only view of one source's `.npz` log
 * archive (as assembled by libaxds or the Python library, or written by `numpy.savez` or
 * `numpy.savez_compressed`). The file is mapped; payloads of stored members point into the map
 * and stay valid as long as the archive. Reference counted; immutable after opening, so
 * several threads may read one archive.
 */
typedef struct _AxdsLogArchive AxdsLogArchive;

#define AXDS_TYPE_LOG_ARCHIVE (axds_log_archive_get_type ())

AXDS_AVAILABLE_IN_ALL
GType axds_log_archive_get_type (void) G_GNUC_CONST;

/**
 * AxdsLogMessage:
 * @timestamp_us: absolute UTC timestamp, µs since the epoch (onset + @elapsed_us)
 * @elapsed_us: the message's acquisition time, µs since the onset
 * @source_id: the source that logged it
 * @payload: (array length=payload_len): the payload, inside the archive's mapping (no copy)
 * @payload_len: its length
 *
 * One message of an archive, the counterpart of Python's `LogMessage`.
 */
typedef struct
{
  guint64       timestamp_us;
  guint64       elapsed_us;
  guint8        source_id;
  const guint8 *payload;
  gsize         payload_len;
} AxdsLogMessage;

#define AXDS_TYPE_LOG_MESSAGE (axds_log_message_get_type ())

AXDS_AVAILABLE_IN_ALL
GType axds_log_message_get_type (void) G_GNUC_CONST;
AXDS_AVAILABLE_IN_ALL
AxdsLogMessage *axds_log_message_copy (const AxdsLogMessage *self);
AXDS_AVAILABLE_IN_ALL
void axds_log_message_free (AxdsLogMessage *self);

/**
 * AxdsLogBatch:
 * @start: index of the first message
 * @count: number of messages
 *
 * A run of consecutive messages, as axds_log_archive_get_batches() hands them to workers.
 */
typedef struct
{
  guint start;
  guint count;
} AxdsLogBatch;

#define AXDS_TYPE_LOG_BATCH (axds_log_batch_get_type ())

AXDS_AVAILABLE_IN_ALL
GType axds_log_batch_get_type (void) G_GNUC_CONST;
AXDS_AVAILABLE_IN_ALL
AxdsLogBatch *axds_log_batch_copy (const AxdsLogBatch *self);
AXDS_AVAILABLE_IN_ALL
void axds_log_batch_free (AxdsLogBatch *self);

/**
 * AxdsLogArchiveIter:
 *
 * Iterates over (some of) an archive's messages; on the stack, no cleanup needed.
 */
typedef struct
{
  /*< private >*/
  AxdsLogArchive *archive;
  guint           next;
  guint           end;
  gpointer        reserved[2];
} AxdsLogArchiveIter;

#define AXDS_TYPE_LOG_ARCHIVE_ITER (axds_log_archive_iter_get_type ())

AXDS_AVAILABLE_IN_ALL
GType axds_log_archive_iter_get_type (void) G_GNUC_CONST;
AXDS_AVAILABLE_IN_ALL
AxdsLogArchiveIter *axds_log_archive_iter_copy (const AxdsLogArchiveIter *self);
AXDS_AVAILABLE_IN_ALL
void axds_log_archive_iter_free (AxdsLogArchiveIter *self);

AXDS_AVAILABLE_IN_ALL
gboolean        axds_log_assemble_archives         (const char            *directory,
                                                    guint                  n_workers,
                                                    AxdsLogAssembleFlags   flags,
                                                    AxdsProgressFunc       progress,
                                                    gpointer               progress_data,
                                                    GCancellable          *cancellable,
                                                    GError               **error);
AXDS_AVAILABLE_IN_ALL
void            axds_log_assemble_archives_async   (const char            *directory,
                                                    guint                  n_workers,
                                                    AxdsLogAssembleFlags   flags,
                                                    AxdsProgressFunc       progress,
                                                    gpointer               progress_data,
                                                    GDestroyNotify         progress_data_free,
                                                    GCancellable          *cancellable,
                                                    GAsyncReadyCallback    callback,
                                                    gpointer               user_data);
AXDS_AVAILABLE_IN_ALL
gboolean        axds_log_assemble_archives_finish  (GAsyncResult          *result,
                                                    GError               **error);
AXDS_AVAILABLE_IN_ALL
guint           axds_log_resolve_n_workers         (guint                  n_workers);

AXDS_AVAILABLE_IN_ALL
AxdsLogArchive *axds_log_archive_open              (const char            *path,
                                                    GError               **error);
AXDS_AVAILABLE_IN_ALL
void            axds_log_archive_open_async        (const char            *path,
                                                    GCancellable          *cancellable,
                                                    GAsyncReadyCallback    callback,
                                                    gpointer               user_data);
AXDS_AVAILABLE_IN_ALL
AxdsLogArchive *axds_log_archive_open_finish       (GAsyncResult          *result,
                                                    GError               **error);
AXDS_AVAILABLE_IN_ALL
AxdsLogArchive *axds_log_archive_open_with_onset   (const char            *path,
                                                    guint64                onset_us,
                                                    GError               **error);
AXDS_AVAILABLE_IN_ALL
AxdsLogArchive *axds_log_archive_ref               (AxdsLogArchive        *archive);
AXDS_AVAILABLE_IN_ALL
void            axds_log_archive_unref             (AxdsLogArchive        *archive);
AXDS_AVAILABLE_IN_ALL
const char     *axds_log_archive_get_path          (AxdsLogArchive        *archive);
AXDS_AVAILABLE_IN_ALL
guint64         axds_log_archive_get_onset_us      (AxdsLogArchive        *archive);
AXDS_AVAILABLE_IN_ALL
guint8          axds_log_archive_get_source_id     (AxdsLogArchive        *archive);
AXDS_AVAILABLE_IN_ALL
guint           axds_log_archive_get_n_messages    (AxdsLogArchive        *archive);
AXDS_AVAILABLE_IN_ALL
const char     *axds_log_archive_get_key           (AxdsLogArchive        *archive,
                                                    guint                  index);
AXDS_AVAILABLE_IN_ALL
gboolean        axds_log_archive_find_key          (AxdsLogArchive        *archive,
                                                    const char            *key,
                                                    guint                 *index);
AXDS_AVAILABLE_IN_ALL
GArray         *axds_log_archive_get_batches       (AxdsLogArchive        *archive,
                                                    guint                  n_workers,
                                                    guint                  batch_multiplier);
AXDS_AVAILABLE_IN_ALL
gboolean        axds_log_archive_get_message       (AxdsLogArchive        *archive,
                                                    guint                  index,
                                                    AxdsLogMessage        *message,
                                                    GError               **error);
AXDS_AVAILABLE_IN_ALL
void            axds_log_archive_iter_init         (AxdsLogArchiveIter    *iter,
                                                    AxdsLogArchive        *archive,
                                                    const AxdsLogBatch    *batch);
AXDS_AVAILABLE_IN_ALL
gboolean        axds_log_archive_iter_next         (AxdsLogArchiveIter    *iter,
                                                    AxdsLogMessage        *message,
                                                    GError               **error);
AXDS_AVAILABLE_IN_ALL
gboolean        axds_log_archive_read_all          (AxdsLogArchive        *archive,
                                                    GArray               **timestamps,
                                                    GPtrArray            **payloads,
                                                    GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AxdsLogArchive, axds_log_archive_unref)

G_END_DECLS

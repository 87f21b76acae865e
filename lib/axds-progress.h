/* axds-progress.h — progress reports of long operations (checksum, transfer, delete, assembly)
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(AXDS_INSIDE) && !defined(AXDS_COMPILATION)
# error "Only <axds.h> can be included directly."
#endif

#include <glib-object.h>

#include "axds-version.h"

G_BEGIN_DECLS

/**
 * AxdsProgressPhase:
 * @AXDS_PROGRESS_PHASE_CHECKSUMMING: hashing the files of a directory (a checksum, or the source
 *   of a verified transfer that has no `ax_checksum.txt` yet)
 * @AXDS_PROGRESS_PHASE_COPYING: copying files to the destination of a transfer
 * @AXDS_PROGRESS_PHASE_VERIFYING: hashing the destination of a transfer, or re-reading the
 *   archives of a log assembly against their entries (%AXDS_LOG_ASSEMBLE_VERIFY)
 * @AXDS_PROGRESS_PHASE_DELETING: removing files (a delete, the source of a transfer, or the
 *   entries of a log assembly once its archives are in place)
 * @AXDS_PROGRESS_PHASE_SCANNING: finding the entries of a log folder; reported at its start
 *   (0 of 0) and at its end, when both counts are the number of entries found
 * @AXDS_PROGRESS_PHASE_ASSEMBLING: writing the entries of a log folder into its archives
 *
 * What a long operation is doing; a transfer or a log assembly goes through several phases, each
 * counted from zero. The phases of a log assembly (axds_log_assemble_archives()) count entries,
 * one `.npy` file each, in @files_done and @files_total of #AxdsProgress; their byte counts
 * stay 0.
 */
typedef enum
{
  AXDS_PROGRESS_PHASE_CHECKSUMMING,
  AXDS_PROGRESS_PHASE_COPYING,
  AXDS_PROGRESS_PHASE_VERIFYING,
  AXDS_PROGRESS_PHASE_DELETING,
  AXDS_PROGRESS_PHASE_SCANNING,
  AXDS_PROGRESS_PHASE_ASSEMBLING,
} AxdsProgressPhase;

/**
 * AxdsProgress:
 * @phase: the current phase
 * @files_done: files of this phase finished (copied, skipped as already present, hashed or removed)
 * @files_total: files this phase covers
 * @bytes_done: bytes of this phase processed
 * @bytes_total: bytes this phase covers (the sizes found when the tree was scanned); 0 when
 *   the phase counts files only
 *
 * A snapshot of a long operation's progress.
 */
typedef struct
{
  AxdsProgressPhase phase;
  guint64           files_done;
  guint64           files_total;
  guint64           bytes_done;
  guint64           bytes_total;
} AxdsProgress;

#define AXDS_TYPE_PROGRESS (axds_progress_get_type ())

AXDS_AVAILABLE_IN_ALL
GType axds_progress_get_type (void) G_GNUC_CONST;
AXDS_AVAILABLE_IN_ALL
AxdsProgress *axds_progress_copy (const AxdsProgress *self);
AXDS_AVAILABLE_IN_ALL
void axds_progress_free (AxdsProgress *self);

/**
 * AxdsProgressFunc:
 * @progress: (transfer none): the current progress, valid during the call only
 * @user_data: the data given with the callback
 *
 * Receives progress reports: once when a phase starts, after each file and after each large chunk.
 * It is called from the operation's worker threads, never concurrently (calls are serialised), so
 * it must be quick and thread-safe with respect to the rest of the program; a GUI stores the
 * figures and wakes its main loop at most once at a time. Cancelling the operation's
 * #GCancellable from the callback stops the operation before its next chunk.
 */
typedef void (*AxdsProgressFunc) (const AxdsProgress *progress,
                                  gpointer            user_data);

G_END_DECLS

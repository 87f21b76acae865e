/* axds-transfer.h — copying directory trees with verification, resume and source removal
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
 * AxdsTransferFlags:
 * @AXDS_TRANSFER_NONE: copy only
 * @AXDS_TRANSFER_VERIFY_INTEGRITY: checksum the destination and compare it with the source's
 *   `ax_checksum.txt` (computed while copying when the source has none, and written to the
 *   source when it is writable and to the destination)
 * @AXDS_TRANSFER_REMOVE_SOURCE: remove the source once everything succeeded
 * @AXDS_TRANSFER_RESET_DIRTY_DESTINATION: remove what the destination holds that the source does
 *   not account for, instead of refusing to transfer
 *
 * Options of axds_transfer_directory().
 */
typedef enum
{
  AXDS_TRANSFER_NONE                    = 0,
  AXDS_TRANSFER_VERIFY_INTEGRITY        = 1 << 0,
  AXDS_TRANSFER_REMOVE_SOURCE           = 1 << 1,
  AXDS_TRANSFER_RESET_DIRTY_DESTINATION = 1 << 2,
} AxdsTransferFlags;

/**
 * AxdsTransferSummary:
 * @files_copied: files copied
 * @files_skipped: files already at the destination with the same size and digest
 * @bytes_copied: bytes copied
 * @entries_reset: entries removed from a dirty destination
 * @verified: whether the destination was verified against the source checksum
 * @checksum_reused: whether that checksum came from an existing `ax_checksum.txt`
 * @source_removed: whether the source was removed
 * @checksum: the verified checksum (32 hex digits), empty when not verified
 *
 * What a transfer did.
 */
typedef struct
{
  guint64  files_copied;
  guint64  files_skipped;
  guint64  bytes_copied;
  guint64  entries_reset;
  gboolean verified;
  gboolean checksum_reused;
  gboolean source_removed;
  char     checksum[33];
} AxdsTransferSummary;

#define AXDS_TYPE_TRANSFER_SUMMARY (axds_transfer_summary_get_type ())

AXDS_AVAILABLE_IN_ALL
GType axds_transfer_summary_get_type (void) G_GNUC_CONST;
AXDS_AVAILABLE_IN_ALL
AxdsTransferSummary *axds_transfer_summary_copy (const AxdsTransferSummary *self);
AXDS_AVAILABLE_IN_ALL
void axds_transfer_summary_free (AxdsTransferSummary *self);

AXDS_AVAILABLE_IN_ALL
gboolean axds_transfer_directory        (const char           *source,
                                         const char           *destination,
                                         guint                 n_workers,
                                         AxdsTransferFlags     flags,
                                         AxdsTransferSummary  *summary,
                                         AxdsProgressFunc      progress,
                                         gpointer              progress_data,
                                         GCancellable         *cancellable,
                                         GError              **error);
AXDS_AVAILABLE_IN_ALL
void     axds_transfer_directory_async  (const char           *source,
                                         const char           *destination,
                                         guint                 n_workers,
                                         AxdsTransferFlags     flags,
                                         AxdsProgressFunc      progress,
                                         gpointer              progress_data,
                                         GDestroyNotify        progress_data_free,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
AXDS_AVAILABLE_IN_ALL
gboolean axds_transfer_directory_finish (GAsyncResult         *result,
                                         AxdsTransferSummary  *summary,
                                         GError              **error);

G_END_DECLS

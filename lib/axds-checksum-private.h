/* axds-checksum-private.h — checksum internals shared with transfer
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "axds-checksum.h"
#include "axds-file-tasks-private.h"

G_BEGIN_DECLS

/* The manifest of a tree checksummed under @root_fd; used by transfer for verification. */
AxdsChecksumManifest *_axds_checksum_tree (int                  root_fd,
                                           const char          *root_name,
                                           guint                workers,
                                           const char * const  *excluded_files,
                                           AxdsProgressPhase    phase,
                                           AxdsProgressFunc     progress,
                                           gpointer             progress_data,
                                           GCancellable        *cancellable,
                                           GError             **error);
AxdsChecksumManifest *_axds_checksum_manifest_build (guint                n_files,
                                                     const char * const  *paths,
                                                     const guint64       *sizes,
                                                     const _AxdsDigest   *digests,
                                                     const char * const  *excluded_files,
                                                     const char          *root_name,
                                                     GError             **error);
gboolean    _axds_write_checksum_file  (int                  root_fd,
                                        const char          *root_name,
                                        const char          *checksum,
                                        GError             **error);

G_END_DECLS

/* axds-checksum.h — XXH3-128 checksums of directory trees, as ataraxis-data-structures makes them
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
 * AXDS_CHECKSUM_FILE_NAME:
 *
 * The file at the top of a tree that holds its checksum.
 */
#define AXDS_CHECKSUM_FILE_NAME "ax_checksum.txt"

/**
 * AxdsChecksumManifest:
 *
 * What a directory checksum covered: every file's relative path, size and XXH3-128 digest (of
 * the path followed by the contents), sorted by path, and the directory checksum over them.
 * Comparing two manifests names the files that differ, are missing or are extra, which the
 * checksum alone cannot. Immutable and reference counted; safe to share between threads.
 */
typedef struct _AxdsChecksumManifest AxdsChecksumManifest;

#define AXDS_TYPE_CHECKSUM_MANIFEST (axds_checksum_manifest_get_type ())

AXDS_AVAILABLE_IN_ALL
GType axds_checksum_manifest_get_type (void) G_GNUC_CONST;

AXDS_AVAILABLE_IN_ALL
char     *axds_calculate_directory_checksum        (const char             *directory,
                                                    guint                   n_workers,
                                                    gboolean                save_checksum,
                                                    const char * const     *excluded_files,
                                                    AxdsChecksumManifest  **manifest,
                                                    AxdsProgressFunc        progress,
                                                    gpointer                progress_data,
                                                    GCancellable           *cancellable,
                                                    GError                **error);
AXDS_AVAILABLE_IN_ALL
void      axds_calculate_directory_checksum_async  (const char             *directory,
                                                    guint                   n_workers,
                                                    gboolean                save_checksum,
                                                    const char * const     *excluded_files,
                                                    AxdsProgressFunc        progress,
                                                    gpointer                progress_data,
                                                    GDestroyNotify          progress_data_free,
                                                    GCancellable           *cancellable,
                                                    GAsyncReadyCallback     callback,
                                                    gpointer                user_data);
AXDS_AVAILABLE_IN_ALL
char     *axds_calculate_directory_checksum_finish (GAsyncResult           *result,
                                                    AxdsChecksumManifest  **manifest,
                                                    GError                **error);

AXDS_AVAILABLE_IN_ALL
gboolean  axds_verify_directory                    (const char             *directory,
                                                    AxdsChecksumManifest   *expected,
                                                    guint                   n_workers,
                                                    AxdsProgressFunc        progress,
                                                    gpointer                progress_data,
                                                    GCancellable           *cancellable,
                                                    GError                **error);

AXDS_AVAILABLE_IN_ALL
AxdsChecksumManifest *axds_checksum_manifest_ref            (AxdsChecksumManifest *self);
AXDS_AVAILABLE_IN_ALL
void                  axds_checksum_manifest_unref          (AxdsChecksumManifest *self);
AXDS_AVAILABLE_IN_ALL
const char           *axds_checksum_manifest_get_checksum   (AxdsChecksumManifest *self);
AXDS_AVAILABLE_IN_ALL
guint                 axds_checksum_manifest_get_n_files    (AxdsChecksumManifest *self);
AXDS_AVAILABLE_IN_ALL
guint64               axds_checksum_manifest_get_total_size (AxdsChecksumManifest *self);
AXDS_AVAILABLE_IN_ALL
const char           *axds_checksum_manifest_get_path       (AxdsChecksumManifest *self,
                                                             guint                 index);
AXDS_AVAILABLE_IN_ALL
guint64               axds_checksum_manifest_get_size       (AxdsChecksumManifest *self,
                                                             guint                 index);
AXDS_AVAILABLE_IN_ALL
const char           *axds_checksum_manifest_get_digest     (AxdsChecksumManifest *self,
                                                             guint                 index);
AXDS_AVAILABLE_IN_ALL
gboolean              axds_checksum_manifest_lookup         (AxdsChecksumManifest *self,
                                                             const char           *path,
                                                             guint                *index);
AXDS_AVAILABLE_IN_ALL
gboolean              axds_checksum_manifest_compare        (AxdsChecksumManifest *expected,
                                                             AxdsChecksumManifest *actual,
                                                             GStrv                *differing,
                                                             GStrv                *missing,
                                                             GStrv                *extra);
AXDS_AVAILABLE_IN_ALL
char                 *axds_checksum_manifest_describe_differences
                                                            (AxdsChecksumManifest *expected,
                                                             AxdsChecksumManifest *actual);
AXDS_AVAILABLE_IN_ALL
gboolean              axds_checksum_manifest_save           (AxdsChecksumManifest *self,
                                                             const char           *path,
                                                             GError              **error);
AXDS_AVAILABLE_IN_ALL
AxdsChecksumManifest *axds_checksum_manifest_load           (const char           *path,
                                                             GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AxdsChecksumManifest, axds_checksum_manifest_unref)

G_END_DECLS

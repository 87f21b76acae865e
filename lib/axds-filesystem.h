/* axds-filesystem.h — removing and measuring directory trees
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
 * AXDS_DELETE_DIRECTORY_ATTEMPTS:
 *
 * How many times a directory removal is tried.
 */
#define AXDS_DELETE_DIRECTORY_ATTEMPTS 5
/**
 * AXDS_DELETE_DIRECTORY_RETRY_US:
 *
 * The pause between two tries.
 */
#define AXDS_DELETE_DIRECTORY_RETRY_US (500 * 1000)

AXDS_AVAILABLE_IN_ALL
gboolean axds_check_delete_directory  (const char          *path,
                                       GError             **error);
AXDS_AVAILABLE_IN_ALL
gboolean axds_delete_directory        (const char          *path,
                                       AxdsProgressFunc     progress,
                                       gpointer             progress_data,
                                       GCancellable        *cancellable,
                                       GError             **error);
AXDS_AVAILABLE_IN_ALL
void     axds_delete_directory_async  (const char          *path,
                                       AxdsProgressFunc     progress,
                                       gpointer             progress_data,
                                       GDestroyNotify       progress_data_free,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
AXDS_AVAILABLE_IN_ALL
gboolean axds_delete_directory_finish (GAsyncResult        *result,
                                       GError             **error);

AXDS_AVAILABLE_IN_ALL
gboolean axds_measure_directory        (const char          *path,
                                        guint64             *n_files,
                                        guint64             *n_bytes,
                                        GCancellable        *cancellable,
                                        GError             **error);
AXDS_AVAILABLE_IN_ALL
void     axds_measure_directory_async  (const char          *path,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
AXDS_AVAILABLE_IN_ALL
gboolean axds_measure_directory_finish (GAsyncResult        *result,
                                        guint64             *n_files,
                                        guint64             *n_bytes,
                                        GError             **error);

/**
 * AxdsFindFilesFlags:
 * @AXDS_FIND_FILES_NONE: full paths (@root joined with the file's path below it); hidden
 *   files and folders are searched like any other
 * @AXDS_FIND_FILES_RELATIVE: paths relative to @root instead
 * @AXDS_FIND_FILES_SKIP_HIDDEN: skip files and folders whose name starts with `.`
 *
 * How axds_find_files() searches and what it returns.
 */
typedef enum
{
  AXDS_FIND_FILES_NONE        = 0,
  AXDS_FIND_FILES_RELATIVE    = 1 << 0,
  AXDS_FIND_FILES_SKIP_HIDDEN = 1 << 1,
} AxdsFindFilesFlags;

/**
 * AxdsFindFilesFunc:
 * @name: a file's name (its last path component)
 * @user_data: the data given to axds_find_files()
 *
 * Decides whether a file belongs in the result. It runs in the thread that called
 * axds_find_files(), once per regular file, in the order the folders list them.
 *
 * Returns: %TRUE to keep the file
 */
typedef gboolean (*AxdsFindFilesFunc) (const char *name,
                                       gpointer    user_data);

/**
 * AXDS_FIND_FILES_MAX_DEPTH:
 *
 * A depth bound deep enough for any real project tree.
 */
#define AXDS_FIND_FILES_MAX_DEPTH 64

AXDS_AVAILABLE_IN_ALL
GPtrArray *axds_find_files               (const char          *root,
                                          guint                max_depth,
                                          AxdsFindFilesFlags   flags,
                                          AxdsFindFilesFunc    match,
                                          gpointer             user_data,
                                          GCancellable        *cancellable,
                                          GError             **error);

G_END_DECLS

/* axds-watched-folder.h — a logger output folder whose message files are counted
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "models/axds-history.h"

G_BEGIN_DECLS

#define AXDS_TYPE_WATCHED_FOLDER (axds_watched_folder_get_type ())

G_DECLARE_FINAL_TYPE (AxdsWatchedFolder, axds_watched_folder, AXDS, WATCHED_FOLDER, GObject)

AxdsWatchedFolder *axds_watched_folder_new            (const char         *path);
const char        *axds_watched_folder_get_path       (AxdsWatchedFolder  *self);
void               axds_watched_folder_scan           (AxdsWatchedFolder  *self);
gboolean           axds_watched_folder_get_scanned    (AxdsWatchedFolder  *self);
guint64            axds_watched_folder_get_file_count (AxdsWatchedFolder  *self);
guint64            axds_watched_folder_get_archive_count (AxdsWatchedFolder *self);
guint              axds_watched_folder_get_source_count (AxdsWatchedFolder *self);
double             axds_watched_folder_get_rate       (AxdsWatchedFolder  *self);
const char        *axds_watched_folder_get_error      (AxdsWatchedFolder  *self);
AxdsHistory       *axds_watched_folder_get_history    (AxdsWatchedFolder  *self);
guint              axds_watched_folder_get_revision   (AxdsWatchedFolder  *self);

gboolean           axds_watched_folder_is_entry_name  (const char         *name,
                                                       guint              *source_id);
gboolean           axds_watched_folder_count          (const char         *path,
                                                       guint64            *files,
                                                       guint64            *archives,
                                                       guint              *sources,
                                                       GCancellable       *cancellable,
                                                       GError            **error);

G_END_DECLS

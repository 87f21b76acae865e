/* axds-tracker-list.h — every tracker under a folder, kept current by file monitors
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "axds-tracker-item.h"

G_BEGIN_DECLS

#define AXDS_TYPE_TRACKER_LIST (axds_tracker_list_get_type ())

G_DECLARE_FINAL_TYPE (AxdsTrackerList, axds_tracker_list, AXDS, TRACKER_LIST, GObject)

AxdsTrackerList *axds_tracker_list_new        (void);
void             axds_tracker_list_set_folder (AxdsTrackerList *self,
                                               const char      *folder);
const char      *axds_tracker_list_get_folder (AxdsTrackerList *self);
GListModel      *axds_tracker_list_get_model  (AxdsTrackerList *self);
const char      *axds_tracker_list_get_error  (AxdsTrackerList *self);
gboolean         axds_tracker_list_get_loaded (AxdsTrackerList *self);
void             axds_tracker_list_rescan     (AxdsTrackerList *self);
AxdsTrackerItem *axds_tracker_list_find       (AxdsTrackerList *self,
                                               const char      *path,
                                               guint           *position);

G_END_DECLS

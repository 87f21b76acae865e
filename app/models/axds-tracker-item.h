/* axds-tracker-item.h — one tracker file of a folder, and its jobs as a list model
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "axds.h"

G_BEGIN_DECLS

/**
 * AxdsTrackerOp:
 * @AXDS_TRACKER_OP_RETRY_FAILED: every failed job back to scheduled
 * @AXDS_TRACKER_OP_RETRY: the given jobs that failed back to scheduled
 * @AXDS_TRACKER_OP_RESET: the given jobs back to scheduled, whatever their status
 * @AXDS_TRACKER_OP_FAIL: the given jobs marked failed with a message
 *
 * What the Pipelines page does to a tracker's jobs.
 */
typedef enum
{
  AXDS_TRACKER_OP_RETRY_FAILED,
  AXDS_TRACKER_OP_RETRY,
  AXDS_TRACKER_OP_RESET,
  AXDS_TRACKER_OP_FAIL,
} AxdsTrackerOp;

#define AXDS_TYPE_TRACKER_ITEM (axds_tracker_item_get_type ())

G_DECLARE_FINAL_TYPE (AxdsTrackerItem, axds_tracker_item, AXDS, TRACKER_ITEM, GObject)

AxdsTrackerItem          *axds_tracker_item_new         (const char           *path,
                                                         const char           *title);
const char               *axds_tracker_item_get_path    (AxdsTrackerItem      *self);
const char               *axds_tracker_item_get_title   (AxdsTrackerItem      *self);
AxdsTracker              *axds_tracker_item_get_tracker (AxdsTrackerItem      *self);
GListModel               *axds_tracker_item_get_jobs    (AxdsTrackerItem      *self);
const AxdsTrackerSummary *axds_tracker_item_get_summary (AxdsTrackerItem      *self);
const char               *axds_tracker_item_get_label   (AxdsTrackerItem      *self);
const char               *axds_tracker_item_get_error   (AxdsTrackerItem      *self);
gboolean                  axds_tracker_item_get_loaded  (AxdsTrackerItem      *self);
guint                     axds_tracker_item_get_revision (AxdsTrackerItem     *self);
AxdsTrackerJob           *axds_tracker_item_find_job    (AxdsTrackerItem      *self,
                                                         const char           *job_id);
void                      axds_tracker_item_reload      (AxdsTrackerItem      *self);
void                      axds_tracker_item_run_async   (AxdsTrackerItem      *self,
                                                         AxdsTrackerOp         op,
                                                         const char * const   *job_ids,
                                                         const char           *message,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean                  axds_tracker_item_run_finish  (AxdsTrackerItem      *self,
                                                         GAsyncResult         *result,
                                                         guint                *n_changed,
                                                         GError              **error);

G_END_DECLS

/* axds-tracker.h — processing-job trackers shared by processes through a YAML file
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

#include "axds-tracker-job.h"
#include "axds-version.h"

G_BEGIN_DECLS

/**
 * AXDS_TRACKER_LOCK_TIMEOUT_US:
 *
 * How long operations wait for the tracker's lock by default.
 */
#define AXDS_TRACKER_LOCK_TIMEOUT_US (10 * G_USEC_PER_SEC)

/**
 * AxdsTrackerSummary:
 * @total: number of jobs
 * @scheduled: jobs waiting to run
 * @running: jobs running
 * @succeeded: jobs finished successfully
 * @failed: jobs that failed
 *
 * Job counts of a tracker; see axds_tracker_summary_get_label() for its overall state.
 */
typedef struct
{
  guint total;
  guint scheduled;
  guint running;
  guint succeeded;
  guint failed;
} AxdsTrackerSummary;

#define AXDS_TYPE_TRACKER_SUMMARY (axds_tracker_summary_get_type ())

AXDS_AVAILABLE_IN_ALL
GType axds_tracker_summary_get_type (void) G_GNUC_CONST;
AXDS_AVAILABLE_IN_ALL
AxdsTrackerSummary *axds_tracker_summary_copy (const AxdsTrackerSummary *self);
AXDS_AVAILABLE_IN_ALL
void axds_tracker_summary_free (AxdsTrackerSummary *self);

#define AXDS_TYPE_TRACKER (axds_tracker_get_type ())

AXDS_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (AxdsTracker, axds_tracker, AXDS, TRACKER, GObject)

AXDS_AVAILABLE_IN_ALL
AxdsTracker    *axds_tracker_new                     (const char            *path);
AXDS_AVAILABLE_IN_ALL
const char     *axds_tracker_get_path                (AxdsTracker           *self);
AXDS_AVAILABLE_IN_ALL
const char     *axds_tracker_get_lock_path           (AxdsTracker           *self);
AXDS_AVAILABLE_IN_ALL
gint64          axds_tracker_get_lock_timeout        (AxdsTracker           *self);
AXDS_AVAILABLE_IN_ALL
void            axds_tracker_set_lock_timeout        (AxdsTracker           *self,
                                                      gint64                 timeout_us);
AXDS_AVAILABLE_IN_ALL
gboolean        axds_tracker_is_sync                 (AxdsTracker           *self);
AXDS_AVAILABLE_IN_ALL
void            axds_tracker_set_sync                (AxdsTracker           *self,
                                                      gboolean               sync);

AXDS_AVAILABLE_IN_ALL
char           *axds_tracker_generate_job_id         (const char            *job_name,
                                                      const char            *specifier,
                                                      GError               **error);
AXDS_AVAILABLE_IN_ALL
char           *axds_tracker_dup_default_executor_id (void);

AXDS_AVAILABLE_IN_ALL
char          **axds_tracker_initialize_jobs         (AxdsTracker           *self,
                                                      const char * const    *job_names,
                                                      const char * const    *specifiers,
                                                      gsize                  n_jobs,
                                                      GError               **error);
AXDS_AVAILABLE_IN_ALL
gboolean        axds_tracker_start_job               (AxdsTracker           *self,
                                                      const char            *job_id,
                                                      const char            *executor_id,
                                                      GError               **error);
AXDS_AVAILABLE_IN_ALL
gboolean        axds_tracker_complete_job            (AxdsTracker           *self,
                                                      const char            *job_id,
                                                      GError               **error);
AXDS_AVAILABLE_IN_ALL
gboolean        axds_tracker_fail_job                (AxdsTracker           *self,
                                                      const char            *job_id,
                                                      const char            *error_message,
                                                      GError               **error);
AXDS_AVAILABLE_IN_ALL
gboolean        axds_tracker_get_job_status          (AxdsTracker           *self,
                                                      const char            *job_id,
                                                      AxdsProcessingStatus  *status,
                                                      GError               **error);
AXDS_AVAILABLE_IN_ALL
AxdsTrackerJob *axds_tracker_dup_job_info            (AxdsTracker           *self,
                                                      const char            *job_id,
                                                      GError               **error);
AXDS_AVAILABLE_IN_ALL
char          **axds_tracker_dup_jobs_by_status      (AxdsTracker           *self,
                                                      AxdsProcessingStatus   status,
                                                      GError               **error);
AXDS_AVAILABLE_IN_ALL
GPtrArray      *axds_tracker_find_jobs               (AxdsTracker           *self,
                                                      const char            *job_name,
                                                      const char            *specifier,
                                                      GError               **error);
AXDS_AVAILABLE_IN_ALL
gboolean        axds_tracker_get_summary             (AxdsTracker           *self,
                                                      AxdsTrackerSummary    *summary,
                                                      GError               **error);
AXDS_AVAILABLE_IN_ALL
gboolean        axds_tracker_query_complete          (AxdsTracker           *self,
                                                      gboolean              *complete,
                                                      GError               **error);
AXDS_AVAILABLE_IN_ALL
gboolean        axds_tracker_query_encountered_error (AxdsTracker           *self,
                                                      gboolean              *encountered_error,
                                                      GError               **error);
AXDS_AVAILABLE_IN_ALL
char          **axds_tracker_retry_failed_jobs       (AxdsTracker           *self,
                                                      GError               **error);
AXDS_AVAILABLE_IN_ALL
gboolean        axds_tracker_reset_jobs              (AxdsTracker           *self,
                                                      const char * const    *job_ids,
                                                      GError               **error);
AXDS_AVAILABLE_IN_ALL
gboolean        axds_tracker_reset                   (AxdsTracker           *self,
                                                      GError               **error);
AXDS_AVAILABLE_IN_ALL
GPtrArray      *axds_tracker_snapshot                (AxdsTracker           *self,
                                                      AxdsTrackerSummary    *summary,
                                                      GError               **error);

AXDS_AVAILABLE_IN_ALL
void            axds_tracker_load_async              (AxdsTracker           *self,
                                                      GCancellable          *cancellable,
                                                      GAsyncReadyCallback    callback,
                                                      gpointer               user_data);
AXDS_AVAILABLE_IN_ALL
GPtrArray      *axds_tracker_load_finish             (AxdsTracker           *self,
                                                      GAsyncResult          *result,
                                                      AxdsTrackerSummary    *summary,
                                                      GError               **error);

AXDS_AVAILABLE_IN_ALL
void            axds_tracker_summary_compute         (AxdsTrackerSummary    *summary,
                                                      GPtrArray             *jobs);
AXDS_AVAILABLE_IN_ALL
const char     *axds_tracker_summary_get_label       (const AxdsTrackerSummary *summary);
AXDS_AVAILABLE_IN_ALL
char           *axds_tracker_snapshot_to_json        (GPtrArray             *jobs,
                                                      const AxdsTrackerSummary *summary,
                                                      gboolean               pretty);

AXDS_AVAILABLE_IN_ALL
GPtrArray      *axds_tracker_discover                (const char            *root,
                                                      const char            *file_name,
                                                      GCancellable          *cancellable,
                                                      GError               **error);
AXDS_AVAILABLE_IN_ALL
void            axds_tracker_discover_async          (const char            *root,
                                                      const char            *file_name,
                                                      GCancellable          *cancellable,
                                                      GAsyncReadyCallback    callback,
                                                      gpointer               user_data);
AXDS_AVAILABLE_IN_ALL
GPtrArray      *axds_tracker_discover_finish         (GAsyncResult          *result,
                                                      GError               **error);

G_END_DECLS

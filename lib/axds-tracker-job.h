/* axds-tracker-job.h — one job of a processing tracker, and the job statuses
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
 * AxdsProcessingStatus:
 * @AXDS_PROCESSING_STATUS_SCHEDULED: the job waits to run
 * @AXDS_PROCESSING_STATUS_RUNNING: the job runs
 * @AXDS_PROCESSING_STATUS_SUCCEEDED: the job finished successfully
 * @AXDS_PROCESSING_STATUS_FAILED: the job stopped with an error
 *
 * The state of a job, with the values of Python's `ProcessingStatus` (they are written to the
 * tracker file as these integers).
 */
typedef enum
{
  AXDS_PROCESSING_STATUS_SCHEDULED = 0,
  AXDS_PROCESSING_STATUS_RUNNING   = 1,
  AXDS_PROCESSING_STATUS_SUCCEEDED = 2,
  AXDS_PROCESSING_STATUS_FAILED    = 3,
} AxdsProcessingStatus;

/**
 * AXDS_PROCESSING_STATUS_COUNT:
 *
 * The number of statuses.
 */
#define AXDS_PROCESSING_STATUS_COUNT 4

#define AXDS_TYPE_PROCESSING_STATUS (axds_processing_status_get_type ())

AXDS_AVAILABLE_IN_ALL
GType        axds_processing_status_get_type    (void) G_GNUC_CONST;
AXDS_AVAILABLE_IN_ALL
const char  *axds_processing_status_to_string   (AxdsProcessingStatus  status);
AXDS_AVAILABLE_IN_ALL
gboolean     axds_processing_status_from_string (const char           *text,
                                                 AxdsProcessingStatus *status);

#define AXDS_TYPE_TRACKER_JOB (axds_tracker_job_get_type ())

AXDS_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (AxdsTrackerJob, axds_tracker_job, AXDS, TRACKER_JOB, GObject)

AXDS_AVAILABLE_IN_ALL
const char           *axds_tracker_job_get_id             (AxdsTrackerJob *self);
AXDS_AVAILABLE_IN_ALL
const char           *axds_tracker_job_get_job_name       (AxdsTrackerJob *self);
AXDS_AVAILABLE_IN_ALL
const char           *axds_tracker_job_get_specifier      (AxdsTrackerJob *self);
AXDS_AVAILABLE_IN_ALL
AxdsProcessingStatus  axds_tracker_job_get_status         (AxdsTrackerJob *self);
AXDS_AVAILABLE_IN_ALL
const char           *axds_tracker_job_get_executor_id    (AxdsTrackerJob *self);
AXDS_AVAILABLE_IN_ALL
const char           *axds_tracker_job_get_error_message  (AxdsTrackerJob *self);
AXDS_AVAILABLE_IN_ALL
gboolean              axds_tracker_job_has_started_at     (AxdsTrackerJob *self);
AXDS_AVAILABLE_IN_ALL
guint64               axds_tracker_job_get_started_at     (AxdsTrackerJob *self);
AXDS_AVAILABLE_IN_ALL
gboolean              axds_tracker_job_has_completed_at   (AxdsTrackerJob *self);
AXDS_AVAILABLE_IN_ALL
guint64               axds_tracker_job_get_completed_at   (AxdsTrackerJob *self);
AXDS_AVAILABLE_IN_ALL
gboolean              axds_tracker_job_equal              (AxdsTrackerJob *self,
                                                           AxdsTrackerJob *other);
AXDS_AVAILABLE_IN_ALL
void                  axds_tracker_job_update_from        (AxdsTrackerJob *self,
                                                           AxdsTrackerJob *other);

G_END_DECLS

/* axds-tracker-job-private.h — the plain job record behind AxdsTrackerJob
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "axds-tracker-job.h"

G_BEGIN_DECLS

/* One job as the tracker file holds it. Plain data, so that parsing thousands of them costs no
 * GObject construction; AxdsTrackerJob objects are made from these only for callers. */
typedef struct
{
  char                 *id;
  char                 *job_name;
  char                 *specifier;
  AxdsProcessingStatus  status;
  char                 *executor_id;      /* nullable */
  char                 *error_message;    /* nullable */
  guint64               started_at;
  guint64               completed_at;
  gboolean              has_started_at;
  gboolean              has_completed_at;

  /* The job's YAML text ("  ID:\n    job_name: …\n" up to its last line), or NULL when it
   * changed since it was last rendered. */
  char                 *chunk;
  gsize                 chunk_len;
} AxdsJobRecord;

void             _axds_job_record_free          (AxdsJobRecord       *record);
AxdsTrackerJob  *_axds_tracker_job_new          (const AxdsJobRecord *record);

G_END_DECLS

/* axds-tracker-private.h — tracker internals shared with the job type and the tests
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "axds-tracker.h"

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

/* Parses a tracker document into records (in file order). */
GPtrArray       *_axds_tracker_parse            (const char          *data,
                                                 gsize                length,
                                                 const char          *display_name,
                                                 GError             **error);
/* Renders one job exactly as the Python library would (through libyaml or the fast path). */
gboolean         _axds_job_record_render        (AxdsJobRecord       *record,
                                                 GError             **error);
gboolean         _axds_job_record_render_slow   (AxdsJobRecord       *record,
                                                 GString             *out,
                                                 GError             **error);

gboolean         _axds_tracker_render_document  (GPtrArray           *records,
                                                 gboolean             slow,
                                                 GString             *out,
                                                 GError             **error);

/* The lock on "<path>.lock": returns the locked descriptor, or -1 with @error set. */
int              _axds_tracker_lock_acquire     (AxdsTracker         *self,
                                                 GError             **error);
void             _axds_tracker_lock_release     (int                  fd);

G_END_DECLS

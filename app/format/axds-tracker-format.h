/* axds-tracker-format.h — the text the Pipelines page shows for trackers and their jobs
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "axds.h"

G_BEGIN_DECLS

const char *axds_format_job_status_css   (AxdsProcessingStatus      status);
char       *axds_format_job_status       (AxdsProcessingStatus      status);
char       *axds_format_tracker_label    (const char               *label);
char       *axds_format_tracker_counts   (const AxdsTrackerSummary *summary);
char       *axds_format_duration         (gint64                    microseconds);
char       *axds_format_job_duration     (AxdsProcessingStatus      status,
                                          gboolean                  has_started_at,
                                          guint64                   started_at,
                                          gboolean                  has_completed_at,
                                          guint64                   completed_at,
                                          gint64                    now);
char       *axds_format_timestamp        (gboolean                  has_value,
                                          guint64                   microseconds,
                                          gint64                    now,
                                          GTimeZone                *zone);

G_END_DECLS

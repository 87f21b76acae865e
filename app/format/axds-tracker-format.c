/* axds-tracker-format.c — the text the Pipelines page shows for trackers and their jobs
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Pure functions of their arguments (the clock and the time zone are parameters), so the
 * tests pin them down; every function but the CSS one returns a newly allocated string. */

#include "config.h"

#include <glib/gi18n.h>

#include "axds-tracker-format.h"

/**
 * axds_format_job_status_css:
 * @status: a job status
 *
 * Returns: the style class of a status label (see style.css), not translated
 */
const char *
axds_format_job_status_css (AxdsProcessingStatus status)
{
  switch (status)
    {
    case AXDS_PROCESSING_STATUS_SCHEDULED: return "scheduled";
    case AXDS_PROCESSING_STATUS_RUNNING:   return "running";
    case AXDS_PROCESSING_STATUS_SUCCEEDED: return "succeeded";
    case AXDS_PROCESSING_STATUS_FAILED:    return "failed";
    default:                               return "unknown";
    }
}

char *
axds_format_job_status (AxdsProcessingStatus status)
{
  switch (status)
    {
    /* Translators: the status of a processing job */
    case AXDS_PROCESSING_STATUS_SCHEDULED: return g_strdup (C_("job status", "Scheduled"));
    /* Translators: the status of a processing job */
    case AXDS_PROCESSING_STATUS_RUNNING:   return g_strdup (C_("job status", "Running"));
    /* Translators: the status of a processing job */
    case AXDS_PROCESSING_STATUS_SUCCEEDED: return g_strdup (C_("job status", "Succeeded"));
    /* Translators: the status of a processing job */
    case AXDS_PROCESSING_STATUS_FAILED:    return g_strdup (C_("job status", "Failed"));
    /* Translators: the status of a processing job the monitor does not know */
    default:                               return g_strdup (C_("job status", "Unknown"));
    }
}

/**
 * axds_format_tracker_label:
 * @label: (nullable): a label of axds_tracker_summary_get_label()
 *
 * Returns: the overall state of a tracker as a person reads it
 */
char *
axds_format_tracker_label (const char *label)
{
  if (g_strcmp0 (label, "failed") == 0)
    /* Translators: the overall state of a processing pipeline */
    return g_strdup (C_("tracker", "Failed"));
  if (g_strcmp0 (label, "completed") == 0)
    /* Translators: the overall state of a processing pipeline */
    return g_strdup (C_("tracker", "Completed"));
  if (g_strcmp0 (label, "processing") == 0)
    /* Translators: the overall state of a processing pipeline */
    return g_strdup (C_("tracker", "Processing"));
  if (g_strcmp0 (label, "not_started") == 0)
    /* Translators: the overall state of a processing pipeline */
    return g_strdup (C_("tracker", "Not Started"));
  if (g_strcmp0 (label, "in_progress") == 0)
    /* Translators: the overall state of a processing pipeline: some jobs done, none running */
    return g_strdup (C_("tracker", "In Progress"));
  /* Translators: a tracker file that cannot be read */
  return g_strdup (C_("tracker", "Unreadable"));
}

/**
 * axds_format_tracker_counts:
 * @summary: job counts
 *
 * Returns: the total and the counts that need attention, such as “12 jobs · 2 running · 1 failed”
 */
char *
axds_format_tracker_counts (const AxdsTrackerSummary *summary)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, ngettext ("%u job", "%u jobs", summary->total), summary->total);
  if (summary->running > 0)
    /* Translators: part of a list of job counts, e.g. “12 jobs · 2 running” */
    g_string_append_printf (text, _(" · %u running"), summary->running);
  if (summary->succeeded > 0 && summary->succeeded < summary->total)
    /* Translators: part of a list of job counts, e.g. “12 jobs · 5 done” */
    g_string_append_printf (text, _(" · %u done"), summary->succeeded);
  if (summary->failed > 0)
    /* Translators: part of a list of job counts, e.g. “12 jobs · 1 failed” */
    g_string_append_printf (text, _(" · %u failed"), summary->failed);
  return g_string_free (text, FALSE);
}

/**
 * axds_format_duration:
 * @microseconds: a length of time
 *
 * Returns: “0:07” or “12:34” below an hour, “1:02:03” below a day, then “2 d 03:04”;
 *   a negative length (clocks of two machines) counts as zero
 */
char *
axds_format_duration (gint64 microseconds)
{
  gint64 s = MAX (microseconds, 0) / G_USEC_PER_SEC;
  gint64 days = s / 86400;
  int hours = (int)(s / 3600 % 24);
  int minutes = (int)(s / 60 % 60);
  int seconds = (int)(s % 60);

  if (days > 0)
    /* Translators: a duration of days, hours and minutes, e.g. “2 d 03:04” */
    return g_strdup_printf (_("%d d %02d:%02d"), (int)MIN (days, G_MAXINT), hours, minutes);
  if (s >= 3600)
    return g_strdup_printf ("%d:%02d:%02d", hours, minutes, seconds);
  return g_strdup_printf ("%d:%02d", minutes, seconds);
}

/**
 * axds_format_job_duration:
 * @status: the job's status
 * @has_started_at: whether the job has a start time
 * @started_at: its start, in UTC microseconds since the epoch
 * @has_completed_at: whether it has an end time
 * @completed_at: its end
 * @now: the current time, in the same unit
 *
 * A running job's duration ticks with @now; a finished job's is fixed.
 *
 * Returns: the duration, or “—” for a job that never started
 */
char *
axds_format_job_duration (AxdsProcessingStatus status,
                          gboolean             has_started_at,
                          guint64              started_at,
                          gboolean             has_completed_at,
                          guint64              completed_at,
                          gint64               now)
{
  if (!has_started_at || status == AXDS_PROCESSING_STATUS_SCHEDULED)
    return g_strdup ("—");
  if (status == AXDS_PROCESSING_STATUS_RUNNING || !has_completed_at)
    return axds_format_duration (now - (gint64)started_at);
  return axds_format_duration ((gint64)completed_at - (gint64)started_at);
}

/**
 * axds_format_timestamp:
 * @has_value: whether there is a time
 * @microseconds: UTC microseconds since the epoch
 * @now: the current time in the same unit
 * @zone: (nullable): the time zone to show it in; %NULL for the local one
 *
 * Returns: “14:03:22” for a time of the same day as @now, “Nov 25 14:03” for another day of
 *   its year, else “2025-12-31 23:59”; “—” without a time
 */
char *
axds_format_timestamp (gboolean   has_value,
                       guint64    microseconds,
                       gint64     now,
                       GTimeZone *zone)
{
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GDateTime) utc_now = NULL;
  g_autoptr(GDateTime) today = NULL;

  if (!has_value || microseconds > (guint64)G_MAXINT64)
    return g_strdup ("—");
  if (zone == NULL)
    zone = local = g_time_zone_new_local ();

  utc = g_date_time_new_from_unix_utc (0);
  time = utc != NULL ? g_date_time_add (utc, (GTimeSpan)microseconds) : NULL;
  utc_now = utc != NULL ? g_date_time_add (utc, (GTimeSpan)now) : NULL;
  if (time == NULL || utc_now == NULL)
    return g_strdup ("—");
  g_date_time_unref (g_steal_pointer (&utc));
  utc = g_date_time_to_timezone (time, zone);
  today = g_date_time_to_timezone (utc_now, zone);

  if (g_date_time_get_year (utc) != g_date_time_get_year (today))
    return g_date_time_format (utc, "%Y-%m-%d %H:%M");
  if (g_date_time_get_day_of_year (utc) != g_date_time_get_day_of_year (today))
    /* The month's abbreviated name in the user's language: “Nov 25 14:03”. */
    return g_date_time_format (utc, "%b %-d %H:%M");
  return g_date_time_format (utc, "%H:%M:%S");
}

/* test-tracker-format.c — the text the Pipelines page shows for trackers and jobs
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "format/axds-tracker-format.h"

#define S(x) ((gint64)(x) * G_USEC_PER_SEC)

static void
assert_string_take (char       *text,
                    const char *expected)
{
  g_assert_cmpstr (text, ==, expected);
  g_free (text);
}

static void
test_status (void)
{
  assert_string_take (axds_format_job_status (AXDS_PROCESSING_STATUS_SCHEDULED), "Scheduled");
  assert_string_take (axds_format_job_status (AXDS_PROCESSING_STATUS_RUNNING), "Running");
  assert_string_take (axds_format_job_status (AXDS_PROCESSING_STATUS_SUCCEEDED), "Succeeded");
  assert_string_take (axds_format_job_status (AXDS_PROCESSING_STATUS_FAILED), "Failed");
  assert_string_take (axds_format_job_status ((AxdsProcessingStatus)7), "Unknown");

  g_assert_cmpstr (axds_format_job_status_css (AXDS_PROCESSING_STATUS_SCHEDULED), ==,
                   "scheduled");
  g_assert_cmpstr (axds_format_job_status_css (AXDS_PROCESSING_STATUS_RUNNING), ==, "running");
  g_assert_cmpstr (axds_format_job_status_css (AXDS_PROCESSING_STATUS_SUCCEEDED), ==,
                   "succeeded");
  g_assert_cmpstr (axds_format_job_status_css (AXDS_PROCESSING_STATUS_FAILED), ==, "failed");
  g_assert_cmpstr (axds_format_job_status_css ((AxdsProcessingStatus)-1), ==, "unknown");
}

static void
test_tracker_label (void)
{
  assert_string_take (axds_format_tracker_label ("failed"), "Failed");
  assert_string_take (axds_format_tracker_label ("completed"), "Completed");
  assert_string_take (axds_format_tracker_label ("processing"), "Processing");
  assert_string_take (axds_format_tracker_label ("not_started"), "Not Started");
  assert_string_take (axds_format_tracker_label ("in_progress"), "In Progress");
  assert_string_take (axds_format_tracker_label (NULL), "Unreadable");
  assert_string_take (axds_format_tracker_label ("something"), "Unreadable");
}

static void
test_counts (void)
{
  AxdsTrackerSummary none = { 0 };
  AxdsTrackerSummary one = { .total = 1, .scheduled = 1 };
  AxdsTrackerSummary busy = { .total = 12, .scheduled = 4, .running = 2, .succeeded = 5,
                              .failed = 1 };
  AxdsTrackerSummary done = { .total = 3, .succeeded = 3 };

  assert_string_take (axds_format_tracker_counts (&none), "0 jobs");
  assert_string_take (axds_format_tracker_counts (&one), "1 job");
  assert_string_take (axds_format_tracker_counts (&busy),
                      "12 jobs · 2 running · 5 done · 1 failed");
  /* All done says nothing more than the label “Completed”. */
  assert_string_take (axds_format_tracker_counts (&done), "3 jobs");
}

static void
test_duration (void)
{
  assert_string_take (axds_format_duration (0), "0:00");
  assert_string_take (axds_format_duration (S (7) + 999999), "0:07");
  assert_string_take (axds_format_duration (S (59)), "0:59");
  assert_string_take (axds_format_duration (S (60)), "1:00");
  assert_string_take (axds_format_duration (S (12 * 60 + 34)), "12:34");
  assert_string_take (axds_format_duration (S (3599)), "59:59");
  assert_string_take (axds_format_duration (S (3600)), "1:00:00");
  assert_string_take (axds_format_duration (S (3600 + 2 * 60 + 3)), "1:02:03");
  assert_string_take (axds_format_duration (S (86399)), "23:59:59");
  assert_string_take (axds_format_duration (S (2 * 86400 + 3 * 3600 + 4 * 60 + 5)),
                      "2 d 03:04");
  /* Clocks of two machines: never negative. */
  assert_string_take (axds_format_duration (-S (5)), "0:00");
}

static void
test_job_duration (void)
{
  const gint64 start = S (1764000000);

  /* Never started, or scheduled again (timestamps cleared or not). */
  assert_string_take (axds_format_job_duration (AXDS_PROCESSING_STATUS_SCHEDULED, FALSE, 0,
                                                FALSE, 0, start), "—");
  assert_string_take (axds_format_job_duration (AXDS_PROCESSING_STATUS_SCHEDULED, TRUE, start,
                                                TRUE, start + S (9), start + S (20)), "—");
  /* Running: ticks with the clock, whatever an old completion time says. */
  assert_string_take (axds_format_job_duration (AXDS_PROCESSING_STATUS_RUNNING, TRUE, start,
                                                FALSE, 0, start + S (42)), "0:42");
  assert_string_take (axds_format_job_duration (AXDS_PROCESSING_STATUS_RUNNING, TRUE, start,
                                                FALSE, 0, start + S (43)), "0:43");
  assert_string_take (axds_format_job_duration (AXDS_PROCESSING_STATUS_RUNNING, TRUE, start,
                                                TRUE, start - S (100), start + S (61)), "1:01");
  /* Finished: fixed. */
  assert_string_take (axds_format_job_duration (AXDS_PROCESSING_STATUS_SUCCEEDED, TRUE, start,
                                                TRUE, start + S (3725), start + S (99999)),
                      "1:02:05");
  assert_string_take (axds_format_job_duration (AXDS_PROCESSING_STATUS_FAILED, TRUE, start,
                                                TRUE, start + S (3), start + S (99999)), "0:03");
  /* Failed without ever starting (marked failed by hand). */
  assert_string_take (axds_format_job_duration (AXDS_PROCESSING_STATUS_FAILED, FALSE, 0,
                                                TRUE, start, start), "—");
}

static void
test_timestamp (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  /* 2026-11-25 14:03:22.5 UTC */
  const guint64 t = 1795615402500000ull;
  const gint64 same_day = (gint64)t + S (3600);
  const gint64 next_day = (gint64)t + S (86400);

  assert_string_take (axds_format_timestamp (FALSE, t, same_day, utc), "—");
  assert_string_take (axds_format_timestamp (TRUE, t, same_day, utc), "14:03:22");
  assert_string_take (axds_format_timestamp (TRUE, t, next_day, utc), "Nov 25 14:03");
  assert_string_take (axds_format_timestamp (TRUE, t - S (20 * 86400), same_day, utc),
                      "Nov 5 14:03");
  assert_string_take (axds_format_timestamp (TRUE, t, next_day + S (40 * 86400), utc),
                      "2026-11-25 14:03");
  assert_string_take (axds_format_timestamp (TRUE, 0, same_day, utc), "1970-01-01 00:00");
  assert_string_take (axds_format_timestamp (TRUE, G_MAXUINT64, same_day, utc), "—");
  if (berlin != NULL)
    {
      /* Shown in the given zone: one hour ahead of UTC in November; the day is the zone's. */
      assert_string_take (axds_format_timestamp (TRUE, t, same_day, berlin), "15:03:22");
      assert_string_take (axds_format_timestamp (TRUE, t - S (14 * 3600 + 30 * 60), same_day,
                                                 berlin), "00:33:22");
      assert_string_take (axds_format_timestamp (TRUE, t - S (15 * 3600 + 5 * 60), same_day,
                                                 berlin), "Nov 24 23:58");
    }
}

int
main (int   argc,
      char *argv[])
{
  /* The untranslated strings, whatever the environment says. */
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/axds/tracker-format/status", test_status);
  g_test_add_func ("/axds/tracker-format/tracker-label", test_tracker_label);
  g_test_add_func ("/axds/tracker-format/counts", test_counts);
  g_test_add_func ("/axds/tracker-format/duration", test_duration);
  g_test_add_func ("/axds/tracker-format/job-duration", test_job_duration);
  g_test_add_func ("/axds/tracker-format/timestamp", test_timestamp);

  return g_test_run ();
}

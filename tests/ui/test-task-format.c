/* test-task-format.c — AxdsTask without a display: rate, time left, texts, and a real task
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gstdio.h>

#include "axds-application.h"
#include "format/axds-i18n.h"
#include "models/axds-task.h"

static void
test_smooth_rate (void)
{
  double rate;

  /* The first sample is taken as it is. */
  g_assert_cmpfloat_with_epsilon (axds_task_smooth_rate (0.0, 100e6, 1.0), 100e6, 1.0);
  g_assert_cmpfloat_with_epsilon (axds_task_smooth_rate (-1.0, 50e6, 0.5), 100e6, 1.0);
  /* No time passed: nothing learnt. */
  g_assert_cmpfloat (axds_task_smooth_rate (42.0, 1000.0, 0.0), ==, 42.0);

  /* A step from 100 to 200 MB/s: the estimate moves towards it, never past it, and after ten
   * seconds of 0.2 s samples (five time constants) is within 1 %. */
  rate = 100e6;
  for (guint i = 0; i < 50; i++)
    {
      double next = axds_task_smooth_rate (rate, 200e6 * 0.2, 0.2);

      g_assert_cmpfloat (next, >, rate);
      g_assert_cmpfloat (next, <=, 200e6);
      rate = next;
    }
  g_assert_cmpfloat (fabs (rate - 200e6) / 200e6, <, 0.01);

  /* One sample of a stall pulls a smoothed rate down only partly. */
  rate = axds_task_smooth_rate (100e6, 0.0, 0.2);
  g_assert_cmpfloat (rate, >, 85e6);
  g_assert_cmpfloat (rate, <, 100e6);

  /* The blend does not depend on how the time is cut: two 0.1 s samples ≈ one 0.2 s. */
  g_assert_cmpfloat_with_epsilon (axds_task_smooth_rate (axds_task_smooth_rate (100, 20, 0.1),
                                                         20, 0.1),
                                  axds_task_smooth_rate (100, 40, 0.2), 0.5);
}

static void
test_time_left (void)
{
  g_assert_cmpfloat (axds_task_estimate_time_left (1000.0, 0.0), ==, -1.0);
  g_assert_cmpfloat (axds_task_estimate_time_left (1000.0, NAN), ==, -1.0);
  g_assert_cmpfloat (axds_task_estimate_time_left (1000.0, INFINITY), ==, -1.0);
  g_assert_cmpfloat_with_epsilon (axds_task_estimate_time_left (1000.0, 250.0), 4.0, 1e-9);
  g_assert_cmpfloat (axds_task_estimate_time_left (0.0, 250.0), ==, 0.0);
}

static void
check_text (char       *text,
            const char *expected)
{
  g_assert_cmpstr (text, ==, expected);
  g_free (text);
}

static void
test_format (void)
{
  g_assert_null (axds_task_format_time_left (-1.0));
  g_assert_null (axds_task_format_time_left (NAN));
  check_text (axds_task_format_time_left (0.2), "1 s left");
  check_text (axds_task_format_time_left (12.1), "13 s left");
  check_text (axds_task_format_time_left (59.0), "59 s left");
  check_text (axds_task_format_time_left (61.0), "2 min left");
  check_text (axds_task_format_time_left (3599.0), "60 min left");
  check_text (axds_task_format_time_left (3600.0 + 5 * 60), "1 h 05 min left");

  check_text (axds_task_format_duration (0.04), "0.0 s");
  check_text (axds_task_format_duration (3.25), "3.2 s");
  check_text (axds_task_format_duration (42.4), "42 s");
  check_text (axds_task_format_duration (187.0), "3 min 07 s");
  check_text (axds_task_format_duration (2 * 3600 + 15 * 60 + 20), "2 h 15 min");
  check_text (axds_task_format_duration (-3.0), "0.0 s");

  check_text (axds_task_format_progress ("Copying", 12, 40, 1200000000, 3000000000, 250e6, 7.2),
              "Copying · 12 of 40 files · 1.2\u00a0GB of 3.0\u00a0GB · 250.0\u00a0MB/s · 8 s left");
  /* Nothing known yet: nothing said. */
  check_text (axds_task_format_progress (NULL, 0, 0, 0, 0, 0.0, -1.0), "");
  /* Counting files only (archive assembly): the rate is in files. */
  check_text (axds_task_format_progress (NULL, 1, 1, 0, 0, 0.0, -1.0), "1 of 1 file");
  check_text (axds_task_format_progress (NULL, 300, 12000, 0, 0, 150.0, 47.5),
              "300 of 12,000 files · 150 files/s · 48 s left");
}

/* A real checksum task, driven by a plain main loop: the task changes on the main thread
 * only, its fraction never goes back and ends at 1, and the workers' reports are coalesced. */

typedef struct
{
  GMainLoop *loop;
  GThread   *main_thread;
  GArray    *fractions;
  guint      notifies;
  gboolean   finished;
} Watch;

static void
fraction_cb (AxdsTask   *task,
             GParamSpec *pspec,
             Watch      *watch)
{
  double value = axds_task_get_fraction (task);

  g_assert_true (g_thread_self () == watch->main_thread);
  g_array_append_val (watch->fractions, value);
  watch->notifies++;
}

static void
finished_cb (AxdsTask *task,
             Watch    *watch)
{
  g_assert_true (g_thread_self () == watch->main_thread);
  watch->finished = TRUE;
  g_main_loop_quit (watch->loop);
}

static gboolean
deadline_cb (gpointer data)
{
  g_error ("the task did not finish within 60 s");
  return G_SOURCE_REMOVE;
}

static void
test_checksum_task (void)
{
  g_autofree char *folder = g_dir_make_tmp ("axds-test-task-XXXXXX", NULL);
  g_autofree guint8 *data = g_malloc (1 << 20);
  g_autofree char *expected = NULL;
  g_autoptr(AxdsTask) task = NULL;
  GError *error = NULL;
  Watch watch = { 0 };
  guint deadline;

  g_assert_nonnull (folder);
  for (guint i = 0; i < 64; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/chunk_%02u.bin", folder, i);

      memset (data, (int) i, 1 << 20);
      g_file_set_contents (path, (const char *) data, 1 << 20, &error);
      g_assert_no_error (error);
    }
  expected = axds_calculate_directory_checksum (folder, 0, FALSE, NULL, NULL, NULL, NULL, NULL,
                                                &error);
  g_assert_no_error (error);

  task = axds_task_new_checksum (folder, 1, FALSE, NULL);
  g_assert_cmpint (axds_task_get_state (task), ==, AXDS_TASK_STATE_READY);
  g_assert_cmpint (axds_task_get_kind (task), ==, AXDS_TASK_KIND_CHECKSUM);
  g_assert_true (g_str_has_prefix (axds_task_get_title (task), "Checksum of “axds-test-task-"));
  g_assert_cmpstr (axds_task_get_subtitle (task), ==, folder);

  watch.loop = g_main_loop_new (NULL, FALSE);
  watch.main_thread = g_thread_self ();
  watch.fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_signal_connect (task, "notify::fraction", G_CALLBACK (fraction_cb), &watch);
  g_signal_connect (task, "finished", G_CALLBACK (finished_cb), &watch);
  deadline = g_timeout_add_seconds (60, deadline_cb, NULL);

  axds_task_start (task);
  g_assert_true (axds_task_get_running (task));
  g_assert_nonnull (axds_task_get_started (task));
  g_main_loop_run (watch.loop);
  g_source_remove (deadline);

  g_assert_true (watch.finished);
  g_assert_cmpint (axds_task_get_state (task), ==, AXDS_TASK_STATE_SUCCEEDED);
  g_assert_cmpstr (axds_task_get_result (task), ==, expected);
  g_assert_cmpstr (axds_task_get_summary (task), ==, "64 files, 67.1\u00a0MB");
  g_assert_nonnull (axds_task_get_finished (task));
  g_assert_cmpfloat (axds_task_get_duration (task), >, 0.0);
  g_assert_cmpfloat (axds_task_get_time_left (task), ==, -1.0);
  g_assert_cmpuint (axds_task_get_files_done (task), ==, 64);

  /* 64 files and more chunks were reported; far fewer updates reached the main loop than
   * a redraw per report would make, and none went back. */
  g_test_message ("%u progress updates in %.3f s", watch.fractions->len,
                  axds_task_get_duration (task));
  g_assert_cmpuint (watch.fractions->len, >=, 1);
  for (guint i = 1; i < watch.fractions->len; i++)
    g_assert_cmpfloat (g_array_index (watch.fractions, double, i), >=,
                       g_array_index (watch.fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (watch.fractions, double, watch.fractions->len - 1), ==,
                     1.0);
  g_assert_cmpfloat (watch.notifies,
                     <=, 2 + axds_task_get_duration (task) * 1000.0 / 50.0 + 1);

  g_array_unref (watch.fractions);
  g_main_loop_unref (watch.loop);
  g_assert_true (axds_delete_directory (folder, NULL, NULL, NULL, NULL));
}

static void
test_cancel_before_work (void)
{
  g_autofree char *folder = g_dir_make_tmp ("axds-test-task-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (folder, "frames.npy", NULL);
  g_autoptr(AxdsTask) task = axds_task_new_checksum (folder, 0, FALSE, NULL);
  Watch watch = { 0 };

  g_assert_true (g_file_set_contents (file, "data", -1, NULL));
  watch.loop = g_main_loop_new (NULL, FALSE);
  watch.main_thread = g_thread_self ();
  g_signal_connect (task, "finished", G_CALLBACK (finished_cb), &watch);
  axds_task_start (task);
  axds_task_cancel (task);
  g_main_loop_run (watch.loop);

  /* Cancelled is neither a result nor an error. */
  g_assert_cmpint (axds_task_get_state (task), ==, AXDS_TASK_STATE_CANCELLED);
  g_assert_false (axds_task_get_running (task));
  g_assert_null (axds_task_get_error_message (task));
  g_assert_null (axds_task_get_result (task));
  g_assert_true (g_str_has_prefix (axds_task_get_status_text (task), "Cancelled after "));
  g_main_loop_unref (watch.loop);
  g_assert_cmpint (g_unlink (file), ==, 0);
  g_assert_cmpint (g_rmdir (folder), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  axds_i18n_init ();
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/axds/task/smooth-rate", test_smooth_rate);
  g_test_add_func ("/axds/task/time-left", test_time_left);
  g_test_add_func ("/axds/task/format", test_format);
  g_test_add_func ("/axds/task/checksum", test_checksum_task);
  g_test_add_func ("/axds/task/cancel-before-work", test_cancel_before_work);

  return g_test_run ();
}

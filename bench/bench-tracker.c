/* bench-tracker.c — start+complete cycles per second of the processing tracker
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For trackers of 100 and 5,000 jobs: start+complete cycles per second (each cycle is two locked
 * read-modify-writes of the whole file), beside one bare read + atomic write of the same file
 * measured in the same run, with and without fsync. Then the cost when another process wrote
 * the file in between (so it must be parsed again), and 8 processes × 200 cycles on one 800-job
 * tracker (with AXDS_TEST_TRACKER_HELPER set, as `meson test --benchmark` does).
 *
 * The figures for the Python library on this machine: 22 cycles/s at 100 jobs, 0.33 at
 * 5,000; targets: 2,000 and 50.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include <axds.h>

#include "axds-test-utils.h"
#include "axds-tracker-yaml-private.h"
#include "axds-yaml-private.h"

static char *bench_dir;

static char **
make_tracker (const char *path,
              guint       n_jobs)
{
  g_autoptr(AxdsTracker) tracker = axds_tracker_new (path);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  char **ids;

  axds_tracker_set_sync (tracker, FALSE);
  unlink (path);
  for (guint i = 0; i < n_jobs; i++)
    g_ptr_array_add (names, g_strdup_printf ("process_session_%05u", i));
  ids = axds_tracker_initialize_jobs (tracker, (const char * const *) names->pdata, NULL, n_jobs,
                                      &error);
  g_assert_no_error (error);
  /* A realistic mix: some jobs done or failed with a message. */
  for (guint i = 0; i < n_jobs; i += 3)
    {
      g_assert_true (axds_tracker_start_job (tracker, ids[i], "slurm:4242", &error));
      if (i % 2)
        g_assert_true (axds_tracker_fail_job (tracker, ids[i], "ValueError: bad frame 17", &error));
      else
        g_assert_true (axds_tracker_complete_job (tracker, ids[i], &error));
    }
  g_assert_no_error (error);
  return ids;
}

/* Timings are taken in short interleaved slices (bare, cycle, shared, bare, …) so that the
 * load of a shared machine weighs on all three alike and their ratio stays meaningful. */
typedef struct
{
  gint64 us;
  gint64 cpu_us;   /* user + system time of this process: what the machine's load cannot inflate */
  guint  n;
} Tally;

static gint64
cpu_now (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return (gint64) (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * G_USEC_PER_SEC +
         ru.ru_utime.tv_usec + ru.ru_stime.tv_usec;
}

/* One bare read of the file plus an atomic write of the same bytes. */
static void
slice_bare (const char *path,
            gboolean    sync,
            gint64      slice_us,
            Tally      *tally)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time (), now, cpu = cpu_now ();

  do
    {
      g_autofree char *data = NULL;
      gsize length;

      g_assert_true (_axds_yaml_read_file (path, &data, &length, &error));
      g_assert_true (_axds_yaml_write_file_atomic (path, data, length, sync, &error));
      tally->n++;
      now = g_get_monotonic_time ();
    }
  while (now - start < slice_us);
  tally->us += now - start;
  tally->cpu_us += cpu_now () - cpu;
}

/* start+complete cycles; with @other, a second handle does the completes, so every operation
 * finds the file changed and parses it again (as when several processes share a tracker). */
static void
slice_cycles (AxdsTracker  *tracker,
              AxdsTracker  *other,
              char        **ids,
              guint         n_jobs,
              gint64        slice_us,
              Tally        *tally)
{
  g_autoptr(GError) error = NULL;
  gint64 start, now, cpu;

  /* The slices interleave: let this handle see the file the previous slice left, untimed. */
  g_assert_true (axds_tracker_start_job (tracker, ids[0], NULL, &error));
  start = g_get_monotonic_time ();
  cpu = cpu_now ();
  do
    {
      const char *id = ids[(tally->n * 7) % n_jobs];

      g_assert_true (axds_tracker_start_job (tracker, id, NULL, &error));
      g_assert_true (axds_tracker_complete_job (other ? other : tracker, id, &error));
      tally->n++;
      now = g_get_monotonic_time ();
    }
  while (now - start < slice_us);
  tally->us += now - start;
  tally->cpu_us += cpu_now () - cpu;
}

static double
per_op (const Tally *tally)
{
  return tally->us / 1e6 / MAX (tally->n, 1);
}

static double
cpu_per_op (const Tally *tally)
{
  return tally->cpu_us / 1e6 / MAX (tally->n, 1);
}

static void
bench_size (guint n_jobs)
{
  g_autofree char *path = g_strdup_printf ("%s/tracker_%u.yaml", bench_dir, n_jobs);
  g_auto(GStrv) ids = make_tracker (path, n_jobs);
  GStatBuf st;

  g_stat (path, &st);
  printf ("\n%u jobs (%.1f KiB file)\n", n_jobs, st.st_size / 1024.0);
  for (int sync = 1; sync >= 0; sync--)
    {
      g_autoptr(AxdsTracker) tracker = axds_tracker_new (path);
      g_autoptr(AxdsTracker) other = axds_tracker_new (path);
      Tally bare = { 0 }, cycle = { 0 }, shared = { 0 };

      axds_tracker_set_sync (tracker, sync);
      axds_tracker_set_sync (other, sync);
      for (int round = 0; round < 12; round++)
        {
          slice_bare (path, sync, 100000, &bare);
          slice_cycles (tracker, NULL, ids, n_jobs, 150000, &cycle);
          slice_cycles (tracker, other, ids, n_jobs, 150000, &shared);
        }
      printf ("  %-8s bare read+write %7.3f ms | cycle %7.3f ms = %7.1f cycles/s "
              "(%.2f x two bare read+writes) | re-parsing every time: %6.1f cycles/s\n",
              sync ? "fsync" : "no-fsync", per_op (&bare) * 1e3, per_op (&cycle) * 1e3,
              1.0 / per_op (&cycle), per_op (&cycle) / (2 * per_op (&bare)),
              1.0 / per_op (&shared));
      printf ("  %-8s CPU time: bare read+write %7.3f ms, cycle %7.3f ms (%.2f x two bare), "
              "re-parsing cycle %7.3f ms\n", "", cpu_per_op (&bare) * 1e3,
              cpu_per_op (&cycle) * 1e3, cpu_per_op (&cycle) / (2 * cpu_per_op (&bare)),
              cpu_per_op (&shared) * 1e3);
    }
  unlink (path);
  {
    g_autofree char *lock = g_strconcat (path, ".lock", NULL);
    unlink (lock);
  }
}

static void
bench_processes (gboolean sync)
{
  enum { N_PROCS = 8, N_JOBS = 800, CYCLES = 200 };
  const char *helper = g_getenv ("AXDS_TEST_TRACKER_HELPER");
  g_autofree char *path = g_strdup_printf ("%s/tracker_procs.yaml", bench_dir);
  g_autofree char *lock = g_strconcat (path, ".lock", NULL);
  g_auto(GStrv) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  GSubprocess *procs[N_PROCS];
  GDataInputStream *outs[N_PROCS];
  guint timeouts = 0;
  double slowest = 0;
  gint64 start;

  if (helper == NULL)
    {
      printf ("\n8 processes: skipped (set AXDS_TEST_TRACKER_HELPER)\n");
      return;
    }
  ids = make_tracker (path, N_JOBS);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDIN_PIPE);
  if (!sync)
    g_subprocess_launcher_setenv (launcher, "AXDS_TRACKER_NO_SYNC", "1", TRUE);
  for (guint p = 0; p < N_PROCS; p++)
    {
      g_autofree char *count = g_strdup_printf ("%u", CYCLES);
      g_autofree char *line = NULL;

      procs[p] = g_subprocess_launcher_spawn (launcher, &error, helper, "cycles", path,
                                              ids[p * (N_JOBS / N_PROCS)], count, NULL);
      g_assert_no_error (error);
      outs[p] = g_data_input_stream_new (g_subprocess_get_stdout_pipe (procs[p]));
      line = axds_test_read_line (outs[p]);
      g_assert_cmpstr (line, ==, "ready");
    }
  start = g_get_monotonic_time ();
  for (guint p = 0; p < N_PROCS; p++)
    g_output_stream_write_all (g_subprocess_get_stdin_pipe (procs[p]), "go\n", 3, NULL, NULL,
                               NULL);
  for (guint p = 0; p < N_PROCS; p++)
    {
      g_autofree char *line = axds_test_read_line (outs[p]);
      guint t = 0;
      double seconds = 0;

      g_assert_nonnull (line);
      sscanf (line, "done %u %lf", &t, &seconds);
      timeouts += t;
      slowest = MAX (slowest, seconds);
      g_subprocess_wait_check (procs[p], NULL, &error);
      g_assert_no_error (error);
      g_object_unref (outs[p]);
      g_object_unref (procs[p]);
    }
  printf ("\n8 processes x 200 cycles on one 800-job tracker (%s): %.2f s in all, "
          "%.0f cycles/s together, %u lock timeouts\n",
          sync ? "fsync" : "no-fsync", (g_get_monotonic_time () - start) / 1e6,
          N_PROCS * CYCLES / slowest, timeouts);
  unlink (path);
  unlink (lock);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  bench_dir = g_dir_make_tmp ("axds-bench-tracker-XXXXXX", &error);
  g_assert_no_error (error);
  printf ("Tracker benchmark (start+complete cycles; one cycle = two locked read-modify-writes)\n");
  printf ("Python library on this machine (issue 4): 22 cycles/s at 100 jobs, 0.33 at 5,000; "
          "targets 2,000 and 50\n");
  bench_size (100);
  bench_size (5000);
  bench_processes (TRUE);
  bench_processes (FALSE);
  g_assert_cmpint (rmdir (bench_dir), ==, 0);
  g_free (bench_dir);
  return 0;
}

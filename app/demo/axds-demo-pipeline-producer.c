/* axds-demo-pipeline-producer.c — the process that moves the demo's processing jobs on
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* axds-demo-pipeline --folder FOLDER [--parent PID] [--seconds N] [--period MS]
 *
 * Plays a cluster working through the trackers under FOLDER, one step of each tracker about
 * once a second (a random 0.6–1.4 periods), until SIGTERM/SIGINT/SIGHUP or the parent's death:
 *
 * - a running job that has run its course (3–12 s) succeeds, or fails one time in ten with a
 *   message like a real pipeline's (some of several lines);
 * - else a scheduled job starts, while fewer than two of the tracker run;
 * - a tracker left with nothing to do starts over after a while: failed jobs are retried after
 *   40 s (so the Retry actions of the monitor can be tried first), a finished session is
 *   reset after 20 s.
 *
 * Every step is one call of the library, under the tracker's lock, like any other writer. When
 * the monitor dies, this process removes the demo folder before it exits. */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "axds.h"

#define MAX_RUNNING        2
#define RETRY_AFTER_US     (40 * G_USEC_PER_SEC)
#define RESTART_AFTER_US   (20 * G_USEC_PER_SEC)

static volatile sig_atomic_t stop_requested;

static const char *failures[] = {
  "RuntimeError: registration did not converge after 50 iterations (max shift 38.2 px)",
  "FileNotFoundError: [Errno 2] No such file or directory: '/data/raw/face_camera.mp4'",
  "Traceback (most recent call last):\n"
  "  File \"/opt/sl-pipeline/sl_pipeline/extract.py\", line 214, in run\n"
  "    frames = reader.read(chunk)\n"
  "  File \"/opt/sl-pipeline/sl_pipeline/io.py\", line 88, in read\n"
  "    return np.empty((count, *self.shape), dtype=self.dtype)\n"
  "numpy.core._exceptions._ArrayMemoryError: Unable to allocate 3.81 GiB for an array with "
  "shape (2000, 1024, 1000) and data type uint16",
  "Command exited with status 137 (killed: out of memory)",
  "TimeoutError: the lock of /server/sessions/manifest.yaml was not acquired within 10 s",
};


static void
on_signal (int signum)
{
  stop_requested = 1;
}

typedef struct
{
  char   *path;
  gint64  idle_since;   /* monotonic µs since nothing was left to do, or 0 */
} Tracker;

static void
tracker_free (Tracker *tracker)
{
  g_free (tracker->path);
  g_free (tracker);
}

/* How long a job runs: fixed per job, so a restart of the producer does not change it. */
static gint64
run_time_us (const char *job_id)
{
  return (3 + g_str_hash (job_id) % 10) * G_USEC_PER_SEC;
}

static void
step (Tracker *entry,
      GRand   *rand)
{
  g_autoptr(AxdsTracker) tracker = axds_tracker_new (entry->path);
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GError) error = NULL;
  AxdsTrackerSummary summary;
  gint64 now = g_get_real_time ();
  gint64 mono = g_get_monotonic_time ();

  jobs = axds_tracker_snapshot (tracker, &summary, &error);
  if (jobs == NULL)
    {
      g_printerr ("axds-demo-pipeline: %s\n", error->message);
      return;
    }

  /* A job that has run its course ends. */
  for (guint i = 0; i < jobs->len; i++)
    {
      AxdsTrackerJob *job = g_ptr_array_index (jobs, i);
      const char *id = axds_tracker_job_get_id (job);
      gboolean ok;

      if (axds_tracker_job_get_status (job) != AXDS_PROCESSING_STATUS_RUNNING ||
          now - (gint64)axds_tracker_job_get_started_at (job) < run_time_us (id))
        continue;
      if (g_rand_int_range (rand, 0, 10) == 0)
        ok = axds_tracker_fail_job (tracker, id,
                                    failures[g_rand_int_range (rand, 0, G_N_ELEMENTS (failures))],
                                    &error);
      else
        ok = axds_tracker_complete_job (tracker, id, &error);
      if (!ok)
        g_printerr ("axds-demo-pipeline: %s\n", error->message);
      entry->idle_since = 0;
      return;
    }

  /* Else one more starts, if the tracker has room. */
  if (summary.running < MAX_RUNNING && summary.scheduled > 0)
    for (guint i = 0; i < jobs->len; i++)
      {
        AxdsTrackerJob *job = g_ptr_array_index (jobs, i);
        g_autofree char *executor = NULL;

        if (axds_tracker_job_get_status (job) != AXDS_PROCESSING_STATUS_SCHEDULED)
          continue;
        executor = g_strdup_printf ("slurm:%u", 4818000 + g_rand_int_range (rand, 0, 999));
        if (!axds_tracker_start_job (tracker, axds_tracker_job_get_id (job), executor, &error))
          g_printerr ("axds-demo-pipeline: %s\n", error->message);
        entry->idle_since = 0;
        return;
      }

  if (summary.running > 0 || summary.scheduled > 0)
    return;

  /* Nothing left to do: start over after a while. */
  if (entry->idle_since == 0)
    entry->idle_since = mono;
  else if (summary.failed > 0 && mono - entry->idle_since > RETRY_AFTER_US)
    {
      g_auto(GStrv) retried = axds_tracker_retry_failed_jobs (tracker, NULL);
      entry->idle_since = 0;
    }
  else if (summary.failed == 0 && mono - entry->idle_since > RESTART_AFTER_US)
    {
      axds_tracker_reset (tracker, NULL);
      entry->idle_since = 0;
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *folder = NULL;
  gint64 parent = 0;
  double seconds = 0;
  int period_ms = 1000;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) trackers = NULL;
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GRand) rand = g_rand_new ();
  struct sigaction action;
  gint64 start;
  GOptionEntry entries[] = {
    { "folder", 0, 0, G_OPTION_ARG_FILENAME, &folder, "The folder of the trackers", "FOLDER" },
    { "parent", 0, 0, G_OPTION_ARG_INT64, &parent, "Exit when this process exits", "PID" },
    { "seconds", 0, 0, G_OPTION_ARG_DOUBLE, &seconds,
      "Stop after this long (default: never)", "S" },
    { "period", 0, 0, G_OPTION_ARG_INT, &period_ms, "Mean time between steps (ms)", "MS" },
    { NULL }
  };

  context = g_option_context_new ("— the pipelines of the Ataraxis Monitor demo");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("axds-demo-pipeline: %s\n", error->message);
      return 2;
    }
  if (folder == NULL || period_ms <= 0)
    {
      g_printerr ("axds-demo-pipeline: --folder is required\n");
      return 2;
    }

  memset (&action, 0, sizeof action);
  action.sa_handler = on_signal;
  sigemptyset (&action.sa_mask);
  sigaction (SIGTERM, &action, NULL);
  sigaction (SIGINT, &action, NULL);
  sigaction (SIGHUP, &action, NULL);

  /* Die with the monitor; it may be gone before the request is in place, and then the
   * loop below does not run at all. */
  if (parent > 0)
    {
      prctl (PR_SET_PDEATHSIG, SIGTERM);
      if ((gint64)getppid () != parent)
        stop_requested = 1;
    }

  paths = axds_tracker_discover (folder, NULL, NULL, &error);
  if (paths == NULL)
    {
      g_printerr ("axds-demo-pipeline: %s\n", error->message);
      return 1;
    }
  trackers = g_ptr_array_new_with_free_func ((GDestroyNotify)tracker_free);
  for (guint i = 0; i < paths->len; i++)
    {
      Tracker *tracker = g_new0 (Tracker, 1);
      tracker->path = g_strdup (g_ptr_array_index (paths, i));
      g_ptr_array_add (trackers, tracker);
    }

  start = g_get_monotonic_time ();
  while (!stop_requested &&
         (seconds <= 0 || g_get_monotonic_time () - start < seconds * G_USEC_PER_SEC))
    {
      /* One tracker a step, in turn, at about period / trackers: each moves once a period. */
      for (guint i = 0; i < trackers->len && !stop_requested; i++)
        {
          step (g_ptr_array_index (trackers, i), rand);
          g_usleep ((gulong)(period_ms * 1000 / MAX (trackers->len, 1u) *
                             g_rand_double_range (rand, 0.6, 1.4)));
        }
      if (trackers->len == 0)
        g_usleep ((gulong)period_ms * 1000);
    }

  /* The monitor died (PR_SET_PDEATHSIG): nobody else cleans up its demo folder. */
  if (parent > 0 && (gint64)getppid () != parent)
    axds_delete_directory (folder, NULL, NULL, NULL, NULL);
  return 0;
}

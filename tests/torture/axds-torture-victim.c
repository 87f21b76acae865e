/* axds-torture-victim.c — processes the crash torture kills at random moments
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each mode works in an endless loop and, after every operation that returned success, stores
 * how many it has completed (a guint64) at offset 0 of ACK_FILE. That number is what was handed
 * over: the checker reads it after the SIGKILL and requires everything up to it to survive.
 * "ready" on stdout says that the first operation succeeded.
 *
 *   axds-torture-victim increment NAME ACK_FILE
 *       locked read-modify-write of element 0 (int64) of the shared array NAME, copied to the
 *       other elements; how often it
 *       recovered the lock of a killed holder goes at offset 8 of ACK_FILE
 *   axds-torture-victim produce QUEUE SOURCE BASE ACK_FILE
 *       submits messages BASE+1, BASE+2, … (acquisition time = sequence) to a logger's queue
 *   axds-torture-victim tracker PATH JOB_ID BASE ACK_FILE
 *       marks the job failed with the message "seq BASE+N" for N = 1, 2, … (one save each)
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <axds.h>

#include "torture-common.h"

static int
fail (GError *error)
{
  fprintf (stderr, "victim: %s\n", error->message);
  return 1;
}

static void
acknowledge (int     fd,
             guint64 count)
{
  /* One 8-byte pwrite to the page cache: it survives this process's death whole. */
  if (pwrite (fd, &count, sizeof count, 0) != (ssize_t) sizeof count)
    {
      perror ("victim: cannot write the acknowledgement");
      exit (1);
    }
  if (count == 1)
    {
      printf ("ready\n");
      fflush (stdout);
    }
}

static int
open_ack (const char *path)
{
  int fd = open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      perror (path);
      exit (1);
    }
  return fd;
}

static int
run_increment (const char *name,
               int         ack)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AxdsSharedArray) array = axds_shared_array_open (name, &error);
  gsize n;

  if (array == NULL)
    return fail (error);
  n = axds_shared_array_get_n_elements (array);
  for (guint64 done = 1, recovered = 0;; done++)
    {
      g_autoptr(AxdsSharedArrayGuard) guard =
        axds_shared_array_access (array, AXDS_ACCESS_LOCK | AXDS_ACCESS_WRITE, &error);
      gint64 *value;

      if (guard == NULL)
        return fail (error);
      /* How often this process found the lock of a killed holder: at offset 8. */
      if (axds_shared_array_guard_is_recovered (guard))
        {
          recovered++;
          if (pwrite (ack, &recovered, sizeof recovered, 8) != (ssize_t) sizeof recovered)
            return 1;
        }
      value = axds_shared_array_guard_get_data (guard);
      /* Not atomic on purpose: only the lock makes it exact, also across a holder's death. The
       * rest of the array gets the new value too, element by element, as a frame would: the
       * lock is held for most of the loop, so that many kills land while it is. */
      value[0] = value[0] + 1;
      for (gsize j = 1; j < n; j++)
        value[j] = value[0];
      g_clear_pointer (&guard, axds_shared_array_guard_unref);
      acknowledge (ack, done);
    }
}

static int
run_produce (const char *name,
             guint       source,
             guint64     base,
             int         ack)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AxdsLogQueue) queue = axds_log_queue_open (name, &error);

  if (queue == NULL)
    return fail (error);
  for (guint64 i = 1;; i++)
    {
      guint8 data[TORTURE_PAYLOAD_MAX];
      gsize len = torture_payload_size (base + i);

      torture_payload_fill (data, len, source, base + i);
      if (!axds_log_queue_submit (queue, (guint8) source, base + i, data, len, &error))
        return fail (error);
      acknowledge (ack, i);
    }
}

static int
run_tracker (const char *path,
             const char *job_id,
             guint64     base,
             int         ack)
{
  g_autoptr(AxdsTracker) tracker = axds_tracker_new (path);
  g_autoptr(GError) error = NULL;

  /* The lock and the rename are under test, not the disk. */
  axds_tracker_set_sync (tracker, FALSE);
  for (guint64 i = 1;; i++)
    {
      g_autofree char *message = g_strdup_printf ("seq %" G_GUINT64_FORMAT, base + i);

      if (!axds_tracker_fail_job (tracker, job_id, message, &error))
        return fail (error);
      acknowledge (ack, i);
    }
}

int
main (int   argc,
      char *argv[])
{
  /* Never outlive a checker that failed: these loops do not end by themselves. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
  if (getppid () == 1)
    return 1;
  if (argc == 4 && strcmp (argv[1], "increment") == 0)
    return run_increment (argv[2], open_ack (argv[3]));
  if (argc == 6 && strcmp (argv[1], "produce") == 0)
    return run_produce (argv[2], (guint) g_ascii_strtoull (argv[3], NULL, 10),
                        g_ascii_strtoull (argv[4], NULL, 10), open_ack (argv[5]));
  if (argc == 6 && strcmp (argv[1], "tracker") == 0)
    return run_tracker (argv[2], argv[3], g_ascii_strtoull (argv[4], NULL, 10),
                        open_ack (argv[5]));

  fprintf (stderr, "usage: %s increment|produce|tracker ARGS\n", argv[0]);
  return 2;
}

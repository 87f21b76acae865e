/* axds-test-tracker-helper.c — the other process of the tracker tests and benchmark
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage:
 *   axds-test-tracker-helper hold FILE
 *       take the tracker's lock, say "locked", then wait (for SIGKILL) until stdin closes
 *   axds-test-tracker-helper worker FILE EXECUTOR ID…
 *       say "ready", wait for a line on stdin, then start each job (as EXECUTOR) and complete it,
 *       or fail every tenth with "EXECUTOR: job N failed"; say "done TIMEOUTS" (transitions that
 *       hit the lock timeout, retried until they pass)
 *   axds-test-tracker-helper cycles FILE ID COUNT
 *       as worker, but COUNT start+complete cycles of one job; says "done TIMEOUTS SECONDS"
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <axds.h>

#include "axds-test-utils.h"
#include "axds-tracker-private.h"

static void
wait_for_line (void)
{
  char buf[64];

  if (fgets (buf, sizeof buf, stdin) == NULL)
    exit (3);
}

typedef enum { STEP_START, STEP_COMPLETE, STEP_FAIL } Step;

/* One transition, retried after a lock timeout (which is counted). */
static gboolean
transition (AxdsTracker *tracker,
            Step         step,
            const char  *id,
            const char  *executor,
            const char  *message,
            guint       *timeouts)
{
  for (;;)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok;

      switch (step)
        {
        case STEP_START:
          ok = axds_tracker_start_job (tracker, id, executor, &error);
          break;
        case STEP_COMPLETE:
          ok = axds_tracker_complete_job (tracker, id, &error);
          break;
        case STEP_FAIL:
        default:
          ok = axds_tracker_fail_job (tracker, id, message, &error);
          break;
        }
      if (ok)
        return TRUE;
      if (!g_error_matches (error, AXDS_ERROR, AXDS_ERROR_TIMEOUT))
        {
          axds_test_helper_fail (error);
          return FALSE;
        }
      (*timeouts)++;
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AxdsTracker) tracker = NULL;
  g_autoptr(GError) error = NULL;
  const char *mode;
  guint timeouts = 0;

  if (argc < 3)
    {
      fprintf (stderr, "usage: %s MODE FILE [ARGS]\n", argv[0]);
      return 2;
    }
  mode = argv[1];
  tracker = axds_tracker_new (argv[2]);
  if (g_getenv ("AXDS_TRACKER_NO_SYNC") != NULL)
    axds_tracker_set_sync (tracker, FALSE);
  setvbuf (stdout, NULL, _IOLBF, 0);

  if (strcmp (mode, "hold") == 0)
    {
      char buf[16];
      int fd = _axds_tracker_lock_acquire (tracker, &error);

      if (fd < 0)
        {
          fprintf (stderr, "helper: %s\n", error->message);
          return 1;
        }
      printf ("locked\n");
      while (fgets (buf, sizeof buf, stdin) != NULL)
        ;
      _axds_tracker_lock_release (fd);
      return 0;
    }

  if (strcmp (mode, "worker") == 0 && argc >= 4)
    {
      const char *executor = argv[3];

      printf ("ready\n");
      wait_for_line ();
      for (int i = 4; i < argc; i++)
        {
          int n = i - 4;
          g_autofree char *message = g_strdup_printf ("%s: job %d failed", executor, n);

          if (!transition (tracker, STEP_START, argv[i], executor, NULL, &timeouts) ||
              !transition (tracker, n % 10 == 9 ? STEP_FAIL : STEP_COMPLETE, argv[i], executor,
                           message, &timeouts))
            return 1;
        }
      printf ("done %u\n", timeouts);
      return 0;
    }

  if (strcmp (mode, "cycles") == 0 && argc == 5)
    {
      guint64 count = g_ascii_strtoull (argv[4], NULL, 10);
      gint64 start;

      printf ("ready\n");
      wait_for_line ();
      start = g_get_monotonic_time ();
      for (guint64 i = 0; i < count; i++)
        if (!transition (tracker, STEP_START, argv[3], NULL, NULL, &timeouts) ||
            !transition (tracker, STEP_COMPLETE, argv[3], NULL, NULL, &timeouts))
          return 1;
      printf ("done %u %.6f\n", timeouts, (g_get_monotonic_time () - start) / 1e6);
      return 0;
    }

  fprintf (stderr, "helper: unknown mode '%s'\n", mode);
  return 2;
}

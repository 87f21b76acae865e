/* axds-test-log-helper.c — the other processes of the data logger tests
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage:
 *   axds-test-log-helper produce NAME SOURCE COUNT SIZE
 *       submits messages 1..COUNT of SIZE bytes (see payload_byte()), then says "done"
 *   axds-test-log-helper produce-ack NAME SOURCE
 *       submits messages 1, 2, … forever, printing each time once its submit has returned
 *   axds-test-log-helper reserve-and-die NAME SOURCE
 *       submits messages 1..3, reserves a fourth without filling it, and dies by SIGKILL
 *   axds-test-log-helper own-and-exit DIR NAME COUNT
 *       starts a data logger, submits COUNT messages (source 1), prints the logger's pid and
 *       exits without stopping it
 */

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <axds.h>

#include "axds-log-queue-private.h"
#include "axds-test-utils.h"
#include "test-log-entries.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AxdsLogQueue) queue = NULL;
  g_autoptr(GError) error = NULL;
  const char *mode;

  if (argc < 3)
    {
      fprintf (stderr, "usage: %s MODE ARGS\n", argv[0]);
      return 2;
    }
  mode = argv[1];

  if (strcmp (mode, "own-and-exit") == 0 && argc == 5)
    {
      AxdsDataLogger *logger = axds_data_logger_new (argv[2], argv[3], 2, 5, &error);
      guint64 count = g_ascii_strtoull (argv[4], NULL, 10);
      AxdsLogQueue *q;

      if (logger == NULL || !axds_data_logger_start (logger, &error))
        return axds_test_helper_fail (error);
      q = axds_data_logger_get_queue (logger);
      for (guint64 i = 1; i <= count; i++)
        {
          guint8 data[16];

          for (gsize j = 0; j < sizeof data; j++)
            data[j] = test_payload_byte (1, i, j);
          if (!axds_log_queue_submit (q, 1, i, data, sizeof data, &error))
            return axds_test_helper_fail (error);
        }
      printf ("%d\n", (int) axds_data_logger_get_pid (logger));
      fflush (stdout);
      /* Dies as a crashing acquisition process would: no stop, no cleanup. */
      _exit (0);
    }

  queue = axds_log_queue_open (argv[2], &error);
  if (queue == NULL)
    return axds_test_helper_fail (error);

  if (strcmp (mode, "produce") == 0 && argc == 6)
    {
      guint source = (guint) g_ascii_strtoull (argv[3], NULL, 10);
      guint64 count = g_ascii_strtoull (argv[4], NULL, 10);
      gsize size = (gsize) g_ascii_strtoull (argv[5], NULL, 10);
      g_autofree guint8 *data = g_malloc (MAX (size, 1));

      for (guint64 i = 1; i <= count; i++)
        {
          for (gsize j = 0; j < size; j++)
            data[j] = test_payload_byte (source, i, j);
          if (!axds_log_queue_submit (queue, (guint8) source, i, data, size, &error))
            return axds_test_helper_fail (error);
        }
      printf ("done\n");
      return 0;
    }

  if (strcmp (mode, "produce-ack") == 0 && argc == 4)
    {
      guint source = (guint) g_ascii_strtoull (argv[3], NULL, 10);

      for (guint64 i = 1;; i++)
        {
          guint8 data[32];

          for (gsize j = 0; j < sizeof data; j++)
            data[j] = test_payload_byte (source, i, j);
          if (!axds_log_queue_submit (queue, (guint8) source, i, data, sizeof data, &error))
            return axds_test_helper_fail (error);
          /* Acknowledged only after submit returned: what the test may expect on disk. */
          printf ("%" G_GUINT64_FORMAT "\n", i);
          fflush (stdout);
        }
    }

  if (strcmp (mode, "reserve-and-die") == 0 && argc == 4)
    {
      guint source = (guint) g_ascii_strtoull (argv[3], NULL, 10);

      for (guint64 i = 1; i <= 3; i++)
        {
          guint8 data[8];

          for (gsize j = 0; j < sizeof data; j++)
            data[j] = test_payload_byte (source, i, j);
          if (!axds_log_queue_submit (queue, (guint8) source, i, data, sizeof data, &error))
            return axds_test_helper_fail (error);
        }
      if (!_axds_log_queue_reserve_only (queue, (guint8) source, 4, 100, &error))
        return axds_test_helper_fail (error);
      printf ("reserved\n");
      fflush (stdout);
      raise (SIGKILL);
    }

  fprintf (stderr, "helper: bad arguments\n");
  return 2;
}

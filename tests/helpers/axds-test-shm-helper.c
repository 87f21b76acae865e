/* axds-test-shm-helper.c — the other process of the shared-array tests
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage:
 *   axds-test-shm-helper increment NAME COUNT   locked read-modify-write of element 0 (int64)
 *   axds-test-shm-helper hold NAME              lock, start a write, say "locked", wait for SIGKILL
 *   axds-test-shm-helper hold-unlocked NAME     start a write without the lock, say "writing", wait
 *   axds-test-shm-helper frames NAME COUNT MODE write COUNT frames filling every element (uint32)
 *                                               with the frame number; MODE is locked or unlocked
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <axds.h>

#include "axds-test-utils.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AxdsSharedArray) array = NULL;
  g_autoptr(GError) error = NULL;
  const char *mode;

  if (argc < 3)
    {
      fprintf (stderr, "usage: %s MODE NAME [ARGS]\n", argv[0]);
      return 2;
    }
  mode = argv[1];
  array = axds_shared_array_open (argv[2], &error);
  if (array == NULL)
    return axds_test_helper_fail (error);

  if (strcmp (mode, "increment") == 0 && argc == 4)
    {
      guint64 count = g_ascii_strtoull (argv[3], NULL, 10);

      for (guint64 i = 0; i < count; i++)
        {
          g_autoptr(AxdsSharedArrayGuard) guard =
            axds_shared_array_access (array, AXDS_ACCESS_LOCK | AXDS_ACCESS_WRITE, &error);
          gint64 *value;

          if (guard == NULL)
            return axds_test_helper_fail (error);
          value = axds_shared_array_guard_get_data (guard);
          /* Deliberately non-atomic: the lock alone must make this exact. */
          *value = *value + 1;
        }
      return 0;
    }

  if ((strcmp (mode, "hold") == 0 || strcmp (mode, "hold-unlocked") == 0) && argc == 3)
    {
      gboolean locked = strcmp (mode, "hold") == 0;
      AxdsSharedArrayGuard *guard =
        axds_shared_array_access (array, (locked ? AXDS_ACCESS_LOCK : 0) | AXDS_ACCESS_WRITE,
                                  &error);
      guint8 *data;

      if (guard == NULL)
        return axds_test_helper_fail (error);
      data = axds_shared_array_guard_get_data (guard);
      /* Leave the data half-written, as a crash mid-write would. */
      data[0] = 0xAA;
      printf (locked ? "locked\n" : "writing\n");
      fflush (stdout);
      for (;;)
        pause ();
    }

  if (strcmp (mode, "frames") == 0 && argc == 5)
    {
      guint64 count = g_ascii_strtoull (argv[3], NULL, 10);
      AxdsAccessFlags flags = AXDS_ACCESS_WRITE;
      gsize n = axds_shared_array_get_n_elements (array);

      if (strcmp (argv[4], "locked") == 0)
        flags |= AXDS_ACCESS_LOCK;
      printf ("ready\n");
      fflush (stdout);
      for (guint64 frame = 1; frame <= count; frame++)
        {
          g_autoptr(AxdsSharedArrayGuard) guard = axds_shared_array_access (array, flags, &error);
          guint32 *data;

          if (guard == NULL)
            return axds_test_helper_fail (error);
          data = axds_shared_array_guard_get_data (guard);
          /* Element by element, so that a racing copy would catch a mix of two frames. */
          for (gsize i = 0; i < n; i++)
            data[i] = (guint32) frame;
          g_clear_pointer (&guard, axds_shared_array_guard_unref);
          /* Frame pacing, as a camera's: readers get gaps between writes. */
          g_usleep (100);
        }
      return 0;
    }

  fprintf (stderr, "helper: bad arguments\n");
  return 2;
}

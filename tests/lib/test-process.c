/* test-process.c — the library's process helpers
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <axds.h>

#include "axds-process-private.h"

#define DEADLINE_US (10 * G_USEC_PER_SEC)

/* Polls axds_pid_is_alive() until it says @expected or the deadline passes. */
static gboolean
await_alive (pid_t    pid,
             guint64  start_time,
             gboolean expected)
{
  gint64 deadline = g_get_monotonic_time () + DEADLINE_US;

  while (axds_pid_is_alive (pid, start_time) != expected)
    {
      if (g_get_monotonic_time () >= deadline)
        return FALSE;
      g_usleep (1000);
    }
  return TRUE;
}

/* A child that exited but was not reaped is a zombie: kill(pid, 0) still succeeds on it, yet it
 * owns nothing any more and must count as dead. */
static void
test_zombie_is_dead (void)
{
  int status = 0;
  guint64 start_time;
  pid_t pid;
  int pipe_fds[2];
  char byte = 0;

  g_assert_no_errno (pipe (pipe_fds));
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      /* Wait for the parent to have looked at us alive, then exit without anyone reaping. */
      close (pipe_fds[1]);
      if (read (pipe_fds[0], &byte, 1) < 0)
        _exit (2);
      _exit (0);
    }
  close (pipe_fds[0]);

  start_time = _axds_pid_get_start_time (pid);
  g_assert_cmpuint (start_time, !=, 0);
  g_assert_true (axds_pid_is_alive (pid, start_time));
  g_assert_true (axds_pid_is_alive (pid, 0));

  close (pipe_fds[1]);   /* the child's read() returns: it exits */
  g_assert_true (await_alive (pid, start_time, FALSE));
  g_assert_false (axds_pid_is_alive (pid, 0));
  /* Still a zombie (not reaped): the signal check alone would call it alive. */
  g_assert_cmpint (kill (pid, 0), ==, 0);

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_false (axds_pid_is_alive (pid, start_time));
}

static void
test_self_and_bad_pids (void)
{
  guint64 start_time = _axds_pid_get_start_time (getpid ());

  g_assert_cmpuint (start_time, !=, 0);
  g_assert_true (axds_pid_is_alive (getpid (), start_time));
  g_assert_true (axds_pid_is_alive (getpid (), 0));
  /* Our pid with another start time is a reused pid, not us. */
  g_assert_false (axds_pid_is_alive (getpid (), start_time + 1));
  g_assert_false (axds_pid_is_alive (0, 0));
  g_assert_false (axds_pid_is_alive (-1, 0));
  g_assert_false (axds_pid_is_alive ((gint64) G_MAXINT32 + 1, 0));
  g_assert_cmpuint (_axds_pid_get_start_time (0), ==, 0);
}

static void
test_default_executor_id (void)
{
  g_autofree char *expected = g_strdup_printf ("pid:%d", (int) getpid ());
  g_autofree char *id = NULL;
  const char *vars[] = { "SLURM_JOB_ID", "SLURM_JOBID", "PBS_JOBID", "LSB_JOBID", "OAR_JOB_ID",
                         "JOB_ID", "SGE_ROOT", "CCP_JOBID", "AZ_BATCH_JOB_ID",
                         "AWS_BATCH_JOB_ID" };

  for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
    g_unsetenv (vars[i]);
  id = _axds_process_dup_default_executor_id ();
  g_assert_cmpstr (id, ==, expected);
  g_clear_pointer (&id, g_free);

  /* JOB_ID alone is too generic to mean Grid Engine. */
  g_setenv ("JOB_ID", "17", TRUE);
  id = _axds_process_dup_default_executor_id ();
  g_assert_cmpstr (id, ==, expected);
  g_clear_pointer (&id, g_free);
  g_setenv ("SGE_ROOT", "/opt/sge", TRUE);
  id = _axds_process_dup_default_executor_id ();
  g_assert_cmpstr (id, ==, "sge:17");
  g_clear_pointer (&id, g_free);

  g_setenv ("SLURM_JOB_ID", "42", TRUE);
  id = _axds_process_dup_default_executor_id ();
  g_assert_cmpstr (id, ==, "slurm:42");
  g_unsetenv ("SLURM_JOB_ID");
  g_unsetenv ("JOB_ID");
  g_unsetenv ("SGE_ROOT");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/axds/process/self-and-bad-pids", test_self_and_bad_pids);
  g_test_add_func ("/axds/process/zombie-is-dead", test_zombie_is_dead);
  g_test_add_func ("/axds/process/default-executor-id", test_default_executor_id);

  return g_test_run ();
}

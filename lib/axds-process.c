/* axds-process.c — process helpers: liveness of recorded pids, the helper programs, executor IDs
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * Shared arrays, log queues and loggers record who owns them as a pid plus the process's start
 * time (field 22 of /proc/PID/stat), so that a pid reused by another process is not taken for the
 * owner. Everything that reads /proc or starts a process for the library lives here.
 */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "axds-process.h"
#include "axds-process-private.h"

/* Reads the state (field 3) and the start time (field 22, clock ticks after boot) of @pid from
 * /proc/PID/stat; FALSE when the file cannot be read or parsed. */
static gboolean
pid_read_stat (gint64   pid,
               char    *state,
               guint64 *start_time)
{
  char path[64];
  g_autofree char *contents = NULL;
  const char *p;
  int field = 3;

  *state = 0;
  *start_time = 0;
  if (pid <= 0)
    return FALSE;
  g_snprintf (path, sizeof path, "/proc/%" G_GINT64_FORMAT "/stat", pid);
  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return FALSE;
  /* The command name may hold spaces and parentheses: fields restart after the last ')'. */
  p = strrchr (contents, ')');
  if (p == NULL)
    return FALSE;
  p++;
  while (*p)
    {
      while (*p == ' ')
        p++;
      if (field == 3)
        *state = *p;
      if (field == 22)
        {
          *start_time = g_ascii_strtoull (p, NULL, 10);
          return TRUE;
        }
      while (*p && *p != ' ')
        p++;
      field++;
    }
  return FALSE;
}

/* Parses field 22 (starttime, clock ticks after boot) of /proc/PID/stat; 0 when unknown. */
guint64
_axds_pid_get_start_time (gint64 pid)
{
  char state;
  guint64 start_time;

  pid_read_stat (pid, &state, &start_time);
  return start_time;
}

/**
 * axds_pid_is_alive:
 * @pid: a process id
 * @start_time: the process's start time as recorded in a header, or 0 to skip that check
 *
 * Whether a process recorded in a shared header still runs. A zombie (a process that exited
 * and waits for its parent to reap it) counts as dead: it holds nothing any more.
 *
 * Returns: whether @pid runs and, when @start_time is given, is the same process as recorded
 */
gboolean
axds_pid_is_alive (gint64  pid,
                   guint64 start_time)
{
  char state = 0;
  guint64 now_start = 0;

  if (pid <= 0 || pid > G_MAXINT32)
    return FALSE;
  if (kill ((pid_t) pid, 0) != 0 && errno != EPERM)
    return FALSE;
  /* kill() succeeds on a zombie, so /proc tells. A process we cannot inspect keeps the benefit
   * of the doubt. */
  if (!pid_read_stat (pid, &state, &now_start))
    return TRUE;
  if (state == 'Z' || state == 'X')
    return FALSE;
  if (start_time != 0 && now_start != 0 && now_start != start_time)
    return FALSE;
  return TRUE;
}

/* The ID of whoever runs this process, for axds_tracker_dup_default_executor_id(). */
char *
_axds_process_dup_default_executor_id (void)
{
  static const struct { const char *var; const char *scheme; } schedulers[] = {
    { "SLURM_JOB_ID", "slurm" },
    { "SLURM_JOBID", "slurm" },
    { "PBS_JOBID", "pbs" },
    { "LSB_JOBID", "lsf" },
    { "OAR_JOB_ID", "oar" },
    { "JOB_ID", "sge" },
    { "CCP_JOBID", "hpcpack" },
    { "AZ_BATCH_JOB_ID", "azure-batch" },
    { "AWS_BATCH_JOB_ID", "aws-batch" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (schedulers); i++)
    {
      const char *value = g_getenv (schedulers[i].var);

      /* JOB_ID is too generic a name to trust unless Grid Engine is really there. */
      if (strcmp (schedulers[i].var, "JOB_ID") == 0 && g_getenv ("SGE_ROOT") == NULL)
        continue;
      if (value != NULL && *value != '\0')
        return g_strdup_printf ("%s:%s", schedulers[i].scheme, value);
    }
  return g_strdup_printf ("pid:%d", (int) getpid ());
}

/**
 * _axds_process_find_helper:
 * @name: the helper program's file name
 * @build_subdir: where the build tree builds it, relative to the build root
 *
 * A program of the build tree (app/, cli/, tests/…) uses the build tree's helper: the
 * nearest folder above it that holds build.ninja is the build root. Installed programs use the
 * helper folder of the prefix the library was built for.
 *
 * Returns: (transfer full) (nullable): the first of those that is executable
 */
char *
_axds_process_find_helper (const char *name,
                           const char *build_subdir)
{
  g_autofree char *exe = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func (g_free);

  exe = g_file_read_link ("/proc/self/exe", NULL);
  if (exe != NULL)
    {
      dir = g_path_get_dirname (exe);
      for (guint depth = 0; depth < 4 && strcmp (dir, "/") != 0; depth++)
        {
          g_autofree char *ninja = g_build_filename (dir, "build.ninja", NULL);
          char *parent;

          if (g_file_test (ninja, G_FILE_TEST_IS_REGULAR))
            {
              g_ptr_array_add (candidates, g_build_filename (dir, build_subdir, name, NULL));
              break;
            }
          parent = g_path_get_dirname (dir);
          g_free (dir);
          dir = parent;
        }
    }
  g_ptr_array_add (candidates, g_build_filename (AXDS_HELPERDIR, name, NULL));
  for (guint i = 0; i < candidates->len; i++)
    if (g_file_test (g_ptr_array_index (candidates, i), G_FILE_TEST_IS_EXECUTABLE))
      return g_strdup (g_ptr_array_index (candidates, i));
  return NULL;
}

/**
 * _axds_process_spawn_helper:
 * @argv: the program and its arguments
 * @pid: (out): the child's pid
 * @error: return location for a #GError
 *
 * Starts a helper process that the caller watches and reaps itself (waitpid()), so that its
 * exit status and the moment of its death are the caller's to see.
 */
gboolean
_axds_process_spawn_helper (char   **argv,
                            GPid    *pid,
                            GError **error)
{
  return g_spawn_async (NULL, argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, pid, error);
}

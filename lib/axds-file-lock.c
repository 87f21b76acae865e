/* axds-file-lock.c — the cross-process lock on a ".lock" file, as Python's filelock takes it
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * Python's filelock.FileLock locks "<name>.lock" with flock(LOCK_EX) on Linux; taking the same
 * lock on the same file makes C and Python processes exclude each other. flock() locks belong to
 * the open file description, so the kernel drops them when the holder dies, even by SIGKILL: a
 * dead process never blocks the others. The lock file itself stays in place, as filelock leaves it.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include "axds-error.h"
#include "axds-file-lock-private.h"
#include "axds-i18n-private.h"

static gboolean
lock_error_is_read_only (int saved_errno)
{
  return saved_errno == EACCES || saved_errno == EROFS || saved_errno == EPERM;
}

/* A contended lock is waited for in a blocking flock() on a helper thread, so that the kernel
 * wakes the waiter the moment the holder lets go: polling waiters rarely catch the short gap
 * before a busy holder locks again, and starve. flock() has no timeout, so the caller waits on
 * a condition with a deadline; on timeout it abandons the waiter, which unlocks and closes the
 * descriptor itself whenever the flock() finally returns. */
typedef struct
{
  gatomicrefcount ref_count;
  GMutex          mutex;
  GCond           cond;
  int             fd;
  int             saved_errno;
  gboolean        done;
  gboolean        acquired;
  gboolean        abandoned;
} LockWait;

static void
lock_wait_unref (LockWait *wait)
{
  if (g_atomic_ref_count_dec (&wait->ref_count))
    {
      g_mutex_clear (&wait->mutex);
      g_cond_clear (&wait->cond);
      g_free (wait);
    }
}

static gpointer
lock_wait_thread (gpointer data)
{
  LockWait *wait = data;
  int ret, saved;

  do
    ret = flock (wait->fd, LOCK_EX);
  while (ret != 0 && errno == EINTR);
  saved = errno;

  g_mutex_lock (&wait->mutex);
  wait->done = TRUE;
  wait->acquired = ret == 0;
  wait->saved_errno = ret == 0 ? 0 : saved;
  if (wait->abandoned)
    {
      /* Nobody wants it any more: let the next process have it. */
      if (ret == 0)
        flock (wait->fd, LOCK_UN);
      close (wait->fd);
    }
  g_cond_signal (&wait->cond);
  g_mutex_unlock (&wait->mutex);
  lock_wait_unref (wait);
  return NULL;
}

/**
 * _axds_file_lock_acquire:
 * @lock_path: the lock file, created when missing
 * @timeout_us: how long to wait for another holder, in microseconds; negative waits forever
 * @flags: what to do when the lock file cannot be opened
 * @error: return location for a #GError
 *
 * Takes the exclusive lock on @lock_path. A lock held elsewhere is waited for up to
 * @timeout_us, then fails with %AXDS_ERROR_TIMEOUT.
 *
 * Returns: the locked descriptor for _axds_file_lock_release(); %_AXDS_FILE_LOCK_NONE when
 *   %_AXDS_FILE_LOCK_READ_ONLY_OK let a read-only place go unlocked; or -1 with @error set
 */
int
_axds_file_lock_acquire (const char          *lock_path,
                         gint64               timeout_us,
                         _AxdsFileLockFlags   flags,
                         GError             **error)
{
  gboolean for_read = (flags & _AXDS_FILE_LOCK_READ_ONLY_OK) != 0;
  LockWait *wait;
  GThread *thread;
  gint64 deadline;
  int fd, result = -1;
  gboolean timed_out = FALSE;

  fd = open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
  if (fd < 0 && errno == ENOENT && (flags & _AXDS_FILE_LOCK_CREATE_FOLDER) != 0)
    {
      /* A first write into a folder that does not exist yet: make it, as saving would. */
      g_autofree char *dir = g_path_get_dirname (lock_path);

      if (g_mkdir_with_parents (dir, 0777) == 0)
        fd = open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    }
  if (fd < 0)
    {
      int saved = errno;

      /* A tracker in a read-only place can still be read: writers replace it by rename. */
      if (for_read && lock_error_is_read_only (saved))
        return _AXDS_FILE_LOCK_NONE;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot open the lock file '%s': %s"), lock_path, g_strerror (saved));
      return -1;
    }

  /* Uncontended: no thread. */
  if (flock (fd, LOCK_EX | LOCK_NB) == 0)
    return fd;
  if (errno != EWOULDBLOCK && errno != EINTR)
    {
      int saved = errno;
      close (fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot lock '%s': %s"), lock_path, g_strerror (saved));
      return -1;
    }

  wait = g_new0 (LockWait, 1);
  g_atomic_ref_count_init (&wait->ref_count);
  g_mutex_init (&wait->mutex);
  g_cond_init (&wait->cond);
  wait->fd = fd;
  g_atomic_ref_count_inc (&wait->ref_count);   /* the thread's */
  deadline = timeout_us < 0 ? G_MAXINT64
                                       : g_get_monotonic_time () + timeout_us;

  g_mutex_lock (&wait->mutex);
  thread = g_thread_try_new ("axds-file-lock", lock_wait_thread, wait, error);
  if (thread == NULL)
    {
      g_mutex_unlock (&wait->mutex);
      close (fd);
      lock_wait_unref (wait);
      lock_wait_unref (wait);
      return -1;
    }
  g_thread_unref (thread);
  while (!wait->done)
    {
      if (deadline == G_MAXINT64)
        g_cond_wait (&wait->cond, &wait->mutex);
      else if (!g_cond_wait_until (&wait->cond, &wait->mutex, deadline) &&
               g_get_monotonic_time () >= deadline)
        {
          if (!wait->done)
            {
              wait->abandoned = TRUE;
              timed_out = TRUE;
            }
          break;
        }
    }
  if (!timed_out)
    {
      if (wait->acquired)
        result = fd;
      else
        {
          close (fd);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (wait->saved_errno),
                       _("Cannot lock '%s': %s"), lock_path, g_strerror (wait->saved_errno));
        }
    }
  g_mutex_unlock (&wait->mutex);
  lock_wait_unref (wait);

  if (timed_out)
    g_set_error (error, AXDS_ERROR, AXDS_ERROR_TIMEOUT,
                 _("Timed out after %.1f s waiting for the lock '%s'"),
                 timeout_us / (double) G_USEC_PER_SEC, lock_path);
  return result;
}

/**
 * _axds_file_lock_release:
 * @fd: a descriptor from _axds_file_lock_acquire(), or a negative value (ignored)
 *
 * Lets the lock go and closes its descriptor.
 */
void
_axds_file_lock_release (int fd)
{
  if (fd >= 0)
    {
      flock (fd, LOCK_UN);
      close (fd);
    }
}

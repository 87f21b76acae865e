/* axds-data-logger.c
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * Two halves. The owner side (AxdsDataLogger) makes the logger's queue, spawns the axds-logger
 * helper and watches it: a watchdog thread blocks in waitpid(), so the death of the logger is
 * known the moment the kernel reaps it, and a death nobody asked for marks the queue FAILED
 * (producers waiting for room stop waiting) and is reported through the death callback.
 *
 * The logger side (_axds_data_logger_process_main(), in the helper) takes messages from the
 * queue in order, copies each into a complete .npy image and frees its queue space at once;
 * writer threads then write the images. A file is written under a hidden temporary name
 * (`.NAME.N.tmp`) and renamed into place, so a file under its final name is always complete,
 * even when the logger is killed mid-write (a killed logger may leave a temporary file, which
 * assembly ignores). The images in flight are bounded (by the queue's capacity), so slow
 * disks push back on the queue and from there on producers, rather than on memory. When asked
 * to stop, by its owner or by SIGTERM, SIGINT or SIGHUP, or when its owner dies, the logger
 * drains the queue before it exits; its exit status says whether every write succeeded. A stop
 * by signal is not a death: the owner reports it as such and loses nothing.
 */

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gio/gio.h>

#include "axds-data-logger-private.h"
#include "axds-error.h"
#include "axds-i18n-private.h"
#include "axds-log-queue-private.h"
#include "axds-npy.h"
#include "axds-process-private.h"
#include "axds-shared-array.h"
#include "axds-shared-array-private.h"

#define LOG_DIRECTORY_SUFFIX "_data_log"
#define START_TIMEOUT_US     (10 * G_USEC_PER_SEC)
/* How often the logger refreshes its heartbeat, free disk space and checks on its owner. */
#define HOUSEKEEPING_US      (100 * 1000)
#define MAX_THREADS          64
/* Python's DataLogger(thread_count=5) */
#define DEFAULT_WORKERS      5

struct _AxdsDataLogger
{
  gatomicrefcount          ref_count;
  char                    *name;
  char                    *output_directory;
  guint                    n_workers;
  guint                    poll_interval;
  guint64                  capacity;
  guint64                  disk_reserve;

  GMutex                   mutex;
  GCond                    cond;
  AxdsLogQueue            *queue;
  GPid                     pid;
  GThread                 *watchdog;
  gboolean                 started;
  gboolean                 stop_requested;
  gboolean                 stopped_outside;   /* stopped by a signal, not by us */
  gboolean                 exited;
  int                      wait_status;
  GError                  *death_error;

  AxdsDataLoggerDeathFunc  death_func;
  gpointer                 death_data;
  GDestroyNotify           death_destroy;
};

static gboolean
validate_instance_name (const char  *name,
                        GError     **error)
{
  if (name == NULL || *name == '\0' || strlen (name) > AXDS_LOG_QUEUE_NAME_MAX ||
      name[0] == '.' || strchr (name, '/') != NULL || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                   _("Invalid logger instance name '%s': use 1 to %d bytes of UTF-8 without '/', "
                     "not starting with '.'"), name != NULL ? name : "", AXDS_LOG_QUEUE_NAME_MAX);
      return FALSE;
    }
  for (const char *p = name; *p; p++)
    if (g_ascii_iscntrl (*p))
      {
        g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                     _("Invalid logger instance name: it holds control characters"));
        return FALSE;
      }
  return TRUE;
}

/**
 * axds_data_logger_new:
 * @output_directory: where the logger's folder goes
 * @instance_name: the logger's name, unique among the loggers running on the machine
 * @n_workers: writer threads, at most 64; 0 for automatic: 5, Python's default
 * @poll_interval: the idle poll interval in ms; negative means 0, which disables idle waiting
 *   (Python's default is 5)
 * @error: return location for a #GError
 *
 * Creates the output folder `@output_directory/@instance_name_data_log` but, as in Python, does
 * not start the logger.
 *
 * Returns: (transfer full): the logger, or %NULL
 */
AxdsDataLogger *
axds_data_logger_new (const char  *output_directory,
                      const char  *instance_name,
                      guint        n_workers,
                      int          poll_interval,
                      GError     **error)
{
  AxdsDataLogger *self;
  g_autofree char *dir_name = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (output_directory != NULL, NULL);

  if (!validate_instance_name (instance_name, error))
    return NULL;
  dir_name = g_strconcat (instance_name, LOG_DIRECTORY_SUFFIX, NULL);
  path = g_build_filename (output_directory, dir_name, NULL);
  if (g_mkdir_with_parents (path, 0755) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot create the output folder '%s' of logger '%s': %s"), path,
                   instance_name, g_strerror (saved));
      return NULL;
    }

  self = g_new0 (AxdsDataLogger, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->name = g_strdup (instance_name);
  self->output_directory = g_steal_pointer (&path);
  self->n_workers = n_workers == 0 ? DEFAULT_WORKERS : MIN (n_workers, MAX_THREADS);
  self->poll_interval = (guint) MAX (poll_interval, 0);
  self->capacity = AXDS_LOG_QUEUE_DEFAULT_CAPACITY;
  self->disk_reserve = AXDS_DATA_LOGGER_DEFAULT_DISK_RESERVE;
  self->pid = 0;
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  return self;
}

/**
 * axds_data_logger_ref:
 * @logger: an #AxdsDataLogger
 *
 * Returns: (transfer full): @logger
 */
AxdsDataLogger *
axds_data_logger_ref (AxdsDataLogger *logger)
{
  g_return_val_if_fail (logger != NULL, NULL);
  g_atomic_ref_count_inc (&logger->ref_count);
  return logger;
}

/**
 * axds_data_logger_unref:
 * @logger: an #AxdsDataLogger
 *
 * Drops a reference; the last one stops a running logger first, so nothing is lost.
 */
void
axds_data_logger_unref (AxdsDataLogger *logger)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (logger != NULL);
  if (!g_atomic_ref_count_dec (&logger->ref_count))
    return;
  /* As Python's __del__: a running logger is stopped, so that nothing submitted is lost. */
  if (!axds_data_logger_stop (logger, &error))
    g_debug ("Stopping logger '%s' on release: %s", logger->name, error->message);
  if (logger->death_destroy != NULL)
    logger->death_destroy (logger->death_data);
  g_clear_error (&logger->death_error);
  g_mutex_clear (&logger->mutex);
  g_cond_clear (&logger->cond);
  g_free (logger->name);
  g_free (logger->output_directory);
  g_free (logger);
}

/**
 * axds_data_logger_set_queue_capacity:
 * @logger: a stopped #AxdsDataLogger
 * @capacity: bytes of the queue's ring buffer (default 32 MiB); a message may take up to half
 *
 * Takes effect at the next start.
 */
void
axds_data_logger_set_queue_capacity (AxdsDataLogger *logger,
                                     guint64         capacity)
{
  g_return_if_fail (logger != NULL);
  logger->capacity = capacity != 0 ? capacity : AXDS_LOG_QUEUE_DEFAULT_CAPACITY;
}

/**
 * axds_data_logger_set_disk_reserve:
 * @logger: a stopped #AxdsDataLogger
 * @reserve_bytes: free space of the output folder below which the logger raises its disk alarm
 *   (default %AXDS_DATA_LOGGER_DEFAULT_DISK_RESERVE)
 *
 * Takes effect at the next start.
 */
void
axds_data_logger_set_disk_reserve (AxdsDataLogger *logger,
                                   guint64         reserve_bytes)
{
  g_return_if_fail (logger != NULL);
  logger->disk_reserve = reserve_bytes;
}

/**
 * axds_data_logger_set_death_func:
 * @logger: an #AxdsDataLogger
 * @func: (nullable): called when the logger process dies without being stopped
 * @user_data: passed to @func
 * @destroy: (nullable): frees @user_data
 *
 * Without a function, a premature death is logged with g_message().
 */
void
axds_data_logger_set_death_func (AxdsDataLogger          *logger,
                                 AxdsDataLoggerDeathFunc  func,
                                 gpointer                 user_data,
                                 GDestroyNotify           destroy)
{
  g_return_if_fail (logger != NULL);
  g_mutex_lock (&logger->mutex);
  if (logger->death_destroy != NULL)
    logger->death_destroy (logger->death_data);
  logger->death_func = func;
  logger->death_data = user_data;
  logger->death_destroy = destroy;
  g_mutex_unlock (&logger->mutex);
}

static char *
find_helper (GError **error)
{
  const char *env = g_getenv ("AXDS_LOGGER_PATH");
  char *found;

  if (env != NULL && *env != '\0')
    {
      if (g_file_test (env, G_FILE_TEST_IS_EXECUTABLE))
        return g_strdup (env);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The logger helper '%s' given by AXDS_LOGGER_PATH is not an executable"), env);
      return NULL;
    }
  found = _axds_process_find_helper ("axds-logger", "lib/logger");
  if (found != NULL)
    return found;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("Cannot find the logger helper 'axds-logger' (looked in the build tree and in "
                 "%s; set AXDS_LOGGER_PATH to override)"), AXDS_HELPERDIR);
  return NULL;
}

static char *
describe_status (int status)
{
  if (WIFSIGNALED (status))
    /* Translators: completes a sentence about the logger process, "… (pid 12) %s before it
     * was stopped"; %d is a signal's number, %s its name */
    return g_strdup_printf (_("was killed by signal %d (%s)"), WTERMSIG (status),
                            g_strsignal (WTERMSIG (status)));
  if (WIFEXITED (status))
    /* Translators: completes a sentence about the logger process, "… (pid 12) %s before it
     * was stopped" */
    return g_strdup_printf (_("exited with status %d"), WEXITSTATUS (status));
  /* Translators: completes a sentence about the logger process, "… (pid 12) %s before it was
   * stopped" */
  return g_strdup (_("ended"));
}

static char *
describe_signal (guint32 sig)
{
  const char *abbrev = sig > 0 && sig < 128 ? sigabbrev_np ((int) sig) : NULL;

  if (abbrev != NULL)
    return g_strdup_printf ("SIG%s", abbrev);
  /* Translators: what stopped a logger, in "… was stopped by %s" */
  return g_strdup_printf (_("signal %u"), sig);
}

/*
 * The logger process ended on its own after a stop nobody here asked for: it got SIGTERM,
 * SIGINT or SIGHUP (from a terminal, systemd, kill), drained its queue and exited. Returns the
 * error to report for it, or %NULL when the process did not end that way (it died).
 */
static GError *
stopped_outside_error (AxdsDataLogger *self,
                       int             status)
{
  AxdsLogQueueHeader *h = _axds_log_queue_get_header (self->queue);
  g_autofree char *by = NULL;
  guint64 failed;

  if (!WIFEXITED (status) ||
      (WEXITSTATUS (status) != AXDS_LOGGER_EXIT_OK &&
       WEXITSTATUS (status) != AXDS_LOGGER_EXIT_WRITES_FAILED) ||
      __atomic_load_n (&h->state, __ATOMIC_ACQUIRE) != AXDS_LOGGER_STATE_STOPPED)
    return NULL;
  by = __atomic_load_n (&h->stop_signal, __ATOMIC_ACQUIRE) != 0 ?
       describe_signal (__atomic_load_n (&h->stop_signal, __ATOMIC_ACQUIRE)) :
       /* Translators: what stopped a logger, in "… was stopped by %s" */
       g_strdup (_("a request from another process"));
  failed = __atomic_load_n (&h->failed_writes, __ATOMIC_ACQUIRE);
  if (failed > 0 || WEXITSTATUS (status) != AXDS_LOGGER_EXIT_OK)
    return g_error_new (AXDS_ERROR, AXDS_ERROR_PROCESS_FAILED,
                        /* Translators: the third %s is what stopped it, e.g. "SIGTERM" */
                        _("Data logger '%s' (pid %d) was stopped by %s and could not write %"
                          PRIu64 " of the %" PRIu64 " messages submitted to it; treat its data "
                          "as incomplete"), self->name, (int) self->pid, by,
                        failed, __atomic_load_n (&h->submitted, __ATOMIC_ACQUIRE));
  return g_error_new (AXDS_ERROR, AXDS_ERROR_NOT_CONNECTED,
                      /* Translators: the third %s is what stopped it, e.g. "SIGTERM" */
                      _("Data logger '%s' (pid %d) was stopped by %s: it wrote every message "
                        "submitted before and takes no more"), self->name, (int) self->pid, by);
}

static gpointer
watchdog_thread (gpointer data)
{
  AxdsDataLogger *self = data;
  AxdsDataLoggerDeathFunc func = NULL;
  gpointer func_data = NULL;
  GError *death = NULL;
  int status = 0;
  pid_t rc;

  /* Blocking here is what makes the report immediate: the kernel wakes us as the logger dies. */
  do
    rc = waitpid (self->pid, &status, 0);
  while (rc < 0 && errno == EINTR);

  g_mutex_lock (&self->mutex);
  self->exited = TRUE;
  self->wait_status = rc < 0 ? 0 : status;
  if (!self->stop_requested)
    {
      self->started = FALSE;
      death = rc < 0 ? NULL : stopped_outside_error (self, status);
      if (death != NULL)
        /* Nothing was lost, and producers are told "stopped" already: no FAILED here. */
        self->stopped_outside = TRUE;
      else
        {
          g_autofree char *how = describe_status (status);

          _axds_log_queue_set_state (self->queue, AXDS_LOGGER_STATE_FAILED);
          death = g_error_new (AXDS_ERROR, AXDS_ERROR_PROCESS_FAILED,
                               /* Translators: %s after the pid says how the process ended,
                                * e.g. "was killed by signal 9 (Killed)" */
                               _("The logger process of data logger '%s' (pid %d) %s before it "
                                 "was stopped; messages submitted since its last write may be "
                                 "lost"), self->name, (int) self->pid, how);
        }
      g_clear_error (&self->death_error);
      self->death_error = g_error_copy (death);
      func = self->death_func;
      func_data = self->death_data;
    }
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);

  if (death != NULL)
    {
      if (func != NULL)
        func (self, death, func_data);
      else
        g_message ("%s", death->message);
      g_error_free (death);
    }
  return NULL;
}

/**
 * axds_data_logger_start:
 * @logger: an #AxdsDataLogger
 * @error: return location for a #GError
 *
 * Makes the logger's queue, spawns the logger process and returns once it accepts messages.
 * Starting a running logger does nothing. A logger of the same name running on the machine is
 * %G_IO_ERROR_EXISTS.
 *
 * Returns: %TRUE when the logger runs
 */
gboolean
axds_data_logger_start (AxdsDataLogger  *logger,
                        GError         **error)
{
  g_autofree char *helper = NULL;
  g_autoptr(AxdsLogQueue) queue = NULL;
  AxdsLogQueueConfig config = { 0 };
  gint64 deadline;
  char *argv[3];
  GPid pid;

  g_return_val_if_fail (logger != NULL, FALSE);

  g_mutex_lock (&logger->mutex);
  if (logger->started)
    {
      g_mutex_unlock (&logger->mutex);
      return TRUE;
    }
  /* A logger that died is retired before it starts anew. */
  if (logger->watchdog != NULL)
    {
      g_mutex_unlock (&logger->mutex);
      axds_data_logger_stop (logger, NULL);
      g_mutex_lock (&logger->mutex);
    }

  helper = find_helper (error);
  if (helper == NULL)
    goto fail;
  config.capacity = logger->capacity;
  config.output_directory = logger->output_directory;
  config.thread_count = logger->n_workers;
  config.poll_interval_ms = logger->poll_interval;
  config.disk_reserve_bytes = logger->disk_reserve;
  queue = _axds_log_queue_create (logger->name, &config, error);
  if (queue == NULL)
    goto fail;

  argv[0] = helper;
  argv[1] = logger->name;
  argv[2] = NULL;
  if (!_axds_process_spawn_helper (argv, &pid, error))
    {
      g_prefix_error (error, _("Cannot start the process of logger '%s': "), logger->name);
      _axds_log_queue_unlink (queue);
      goto fail;
    }
  logger->queue = g_steal_pointer (&queue);
  logger->pid = pid;
  logger->exited = FALSE;
  logger->stop_requested = FALSE;
  logger->stopped_outside = FALSE;
  g_clear_error (&logger->death_error);
  logger->watchdog = g_thread_new ("axds-logger-watchdog", watchdog_thread, logger);

  /* The logger marks the queue RUNNING once its writers are up; or it dies trying. */
  deadline = g_get_monotonic_time () + START_TIMEOUT_US;
  while (!logger->exited &&
         __atomic_load_n (&_axds_log_queue_get_header (logger->queue)->state, __ATOMIC_ACQUIRE) ==
         AXDS_LOGGER_STATE_STARTING)
    {
      if (g_get_monotonic_time () >= deadline)
        {
          kill (pid, SIGKILL);
          break;
        }
      g_cond_wait_until (&logger->cond, &logger->mutex, g_get_monotonic_time () + 2000);
    }
  if (logger->exited || __atomic_load_n (&_axds_log_queue_get_header (logger->queue)->state,
                                         __ATOMIC_ACQUIRE) != AXDS_LOGGER_STATE_RUNNING)
    {
      g_autofree char *how = NULL;
      guint32 setup_errno;

      logger->stop_requested = TRUE;
      while (!logger->exited)
        g_cond_wait (&logger->cond, &logger->mutex);
      setup_errno = __atomic_load_n (&_axds_log_queue_get_header (logger->queue)->last_errno,
                                     __ATOMIC_RELAXED);
      how = describe_status (logger->wait_status);
      /* Say why, not only that it failed: the helper's own message went to its stderr. */
      if (WIFEXITED (logger->wait_status) &&
          WEXITSTATUS (logger->wait_status) == AXDS_LOGGER_EXIT_SETUP_FAILED && setup_errno != 0)
        g_set_error (error, AXDS_ERROR, AXDS_ERROR_PROCESS_FAILED,
                     /* Translators: the third %s says how the process ended, e.g. "was killed
                      * by signal 9 (Killed)" */
                     _("The process of logger '%s' (%s) %s while starting: cannot open the output "
                       "folder '%s': %s"), logger->name, helper, how, logger->output_directory,
                     g_strerror ((int) setup_errno));
      else if (__atomic_load_n (&_axds_log_queue_get_header (logger->queue)->stop_signal,
                                __ATOMIC_ACQUIRE) != 0)
        {
          g_autofree char *sig = describe_signal (
            __atomic_load_n (&_axds_log_queue_get_header (logger->queue)->stop_signal,
                             __ATOMIC_ACQUIRE));

          g_set_error (error, AXDS_ERROR, AXDS_ERROR_PROCESS_FAILED,
                       /* Translators: the third %s is the signal, e.g. "SIGTERM" */
                       _("The process of logger '%s' (%s) was stopped by %s while starting"),
                       logger->name, helper, sig);
        }
      else if (WIFEXITED (logger->wait_status) &&
               WEXITSTATUS (logger->wait_status) == AXDS_LOGGER_EXIT_SETUP_FAILED)
        g_set_error (error, AXDS_ERROR, AXDS_ERROR_PROCESS_FAILED,
                     /* Translators: the third %s says how the process ended */
                     _("The process of logger '%s' (%s) %s while starting: it could not connect "
                       "to its queue '%s' in %s"), logger->name, helper, how,
                     axds_log_queue_get_name (logger->queue), axds_shared_array_get_directory ());
      else
        g_set_error (error, AXDS_ERROR, AXDS_ERROR_PROCESS_FAILED,
                     /* Translators: the third %s says how the process ended */
                     _("The process of logger '%s' (%s) %s while starting"), logger->name, helper,
                     how);
      g_mutex_unlock (&logger->mutex);
      g_thread_join (g_steal_pointer (&logger->watchdog));
      g_mutex_lock (&logger->mutex);
      _axds_log_queue_unlink (logger->queue);
      g_clear_pointer (&logger->queue, axds_log_queue_unref);
      logger->pid = 0;
      goto fail;
    }
  logger->started = TRUE;
  g_mutex_unlock (&logger->mutex);
  return TRUE;

fail:
  g_mutex_unlock (&logger->mutex);
  return FALSE;
}

/**
 * axds_data_logger_stop:
 * @logger: an #AxdsDataLogger
 * @error: return location for a #GError
 *
 * Stops accepting messages and returns once every message submitted before is on disk and the
 * logger process has exited. Fails with %AXDS_ERROR_PROCESS_FAILED when any message could not
 * be written (the message says how many and why) or when the logger process had died; the
 * logger is stopped either way. Stopping a stopped logger does nothing.
 *
 * A logger process stopped by a signal (SIGTERM, SIGINT or SIGHUP sent to it directly, or to
 * its process group by a terminal or a service manager) stops the same way on its own: this
 * then only collects it, and succeeds if it wrote everything.
 *
 * Returns: %TRUE when everything submitted was written
 */
gboolean
axds_data_logger_stop (AxdsDataLogger  *logger,
                       GError         **error)
{
  g_autoptr(AxdsLogQueue) queue = NULL;
  g_autoptr(GError) death = NULL;
  AxdsLogQueueStats stats;
  GThread *watchdog;
  gboolean outside;
  int status;

  g_return_val_if_fail (logger != NULL, FALSE);

  g_mutex_lock (&logger->mutex);
  if (logger->watchdog == NULL)
    {
      g_mutex_unlock (&logger->mutex);
      return TRUE;
    }
  logger->stop_requested = TRUE;
  watchdog = g_steal_pointer (&logger->watchdog);
  queue = g_steal_pointer (&logger->queue);
  death = g_steal_pointer (&logger->death_error);
  g_mutex_unlock (&logger->mutex);

  _axds_log_queue_request_stop (queue);
  g_thread_join (watchdog);

  g_mutex_lock (&logger->mutex);
  logger->started = FALSE;
  status = logger->wait_status;
  outside = logger->stopped_outside;
  logger->pid = 0;
  g_mutex_unlock (&logger->mutex);

  axds_log_queue_get_stats (queue, &stats);
  _axds_log_queue_unlink (queue);

  /* Stopped by a signal before we asked: it drained as for our stop, so judge it the same way,
   * by its writes and its exit status. */
  if (death != NULL && !outside)
    {
      g_propagate_error (error, g_steal_pointer (&death));
      axds_log_queue_stats_clear (&stats);
      return FALSE;
    }
  if (stats.failed_writes > 0 || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      guint32 last = __atomic_load_n (&_axds_log_queue_get_header (queue)->last_errno,
                                      __ATOMIC_RELAXED);
      g_autofree char *how = describe_status (status);

      if (stats.failed_writes > 0)
        g_set_error (error, AXDS_ERROR, AXDS_ERROR_PROCESS_FAILED,
                     _("Data logger '%s' could not write %" PRIu64 " of %" PRIu64
                       " messages to %s (last error: %s); treat its data as incomplete"),
                     logger->name, stats.failed_writes, stats.submitted,
                     logger->output_directory,
                     /* Translators: stands for the cause of the last failed write */
                     last != 0 ? g_strerror ((int) last) : _("unknown"));
      else
        g_set_error (error, AXDS_ERROR, AXDS_ERROR_PROCESS_FAILED,
                     /* Translators: the second %s says how the process ended, e.g. "exited
                      * with status 1" */
                     _("The process of data logger '%s' %s instead of shutting down cleanly; "
                       "treat its data as incomplete"), logger->name, how);
      axds_log_queue_stats_clear (&stats);
      return FALSE;
    }
  axds_log_queue_stats_clear (&stats);
  return TRUE;
}

/**
 * axds_data_logger_is_alive:
 * @logger: an #AxdsDataLogger
 *
 * Returns: %TRUE while the logger process runs (started, not stopped, not dead)
 */
gboolean
axds_data_logger_is_alive (AxdsDataLogger *logger)
{
  gboolean alive;

  g_return_val_if_fail (logger != NULL, FALSE);
  g_mutex_lock (&logger->mutex);
  alive = logger->started && !logger->exited;
  g_mutex_unlock (&logger->mutex);
  return alive;
}

/**
 * axds_data_logger_get_name:
 * @logger: an #AxdsDataLogger
 *
 * Returns: the instance name
 */
const char *
axds_data_logger_get_name (AxdsDataLogger *logger)
{
  g_return_val_if_fail (logger != NULL, NULL);
  return logger->name;
}

/**
 * axds_data_logger_get_output_directory:
 * @logger: an #AxdsDataLogger
 *
 * Returns: the folder the entries go to, `…/NAME_data_log`
 */
const char *
axds_data_logger_get_output_directory (AxdsDataLogger *logger)
{
  g_return_val_if_fail (logger != NULL, NULL);
  return logger->output_directory;
}

/**
 * axds_data_logger_get_n_workers:
 * @logger: an #AxdsDataLogger
 *
 * Returns: the number of writer threads
 */
guint
axds_data_logger_get_n_workers (AxdsDataLogger *logger)
{
  g_return_val_if_fail (logger != NULL, 0);
  return logger->n_workers;
}

/**
 * axds_data_logger_get_poll_interval:
 * @logger: an #AxdsDataLogger
 *
 * Returns: the idle poll interval in ms
 */
guint
axds_data_logger_get_poll_interval (AxdsDataLogger *logger)
{
  g_return_val_if_fail (logger != NULL, 0);
  return logger->poll_interval;
}

/**
 * axds_data_logger_get_pid:
 * @logger: an #AxdsDataLogger
 *
 * Returns: the logger process, or 0 when not started
 */
GPid
axds_data_logger_get_pid (AxdsDataLogger *logger)
{
  GPid pid;

  g_return_val_if_fail (logger != NULL, 0);
  g_mutex_lock (&logger->mutex);
  pid = logger->pid;
  g_mutex_unlock (&logger->mutex);
  return pid;
}

/**
 * axds_data_logger_get_queue:
 * @logger: an #AxdsDataLogger
 *
 * The counterpart of Python's `input_queue`, for submitting from this process. Other processes
 * connect with axds_log_queue_open() and the logger's name.
 *
 * Returns: (transfer none) (nullable): the queue while the logger runs
 */
AxdsLogQueue *
axds_data_logger_get_queue (AxdsDataLogger *logger)
{
  AxdsLogQueue *queue;

  g_return_val_if_fail (logger != NULL, NULL);
  g_mutex_lock (&logger->mutex);
  queue = logger->queue;
  g_mutex_unlock (&logger->mutex);
  return queue;
}

/**
 * axds_data_logger_get_stats:
 * @logger: an #AxdsDataLogger
 * @stats: (out caller-allocates): filled when %TRUE is returned
 *
 * Returns: %TRUE when the logger has a queue to read statistics from
 */
gboolean
axds_data_logger_get_stats (AxdsDataLogger    *logger,
                            AxdsLogQueueStats *stats)
{
  g_return_val_if_fail (logger != NULL && stats != NULL, FALSE);
  g_mutex_lock (&logger->mutex);
  if (logger->queue == NULL)
    {
      g_mutex_unlock (&logger->mutex);
      memset (stats, 0, sizeof *stats);
      return FALSE;
    }
  axds_log_queue_get_stats (logger->queue, stats);
  g_mutex_unlock (&logger->mutex);
  return TRUE;
}

/**
 * axds_data_logger_check:
 * @logger: an #AxdsDataLogger
 * @error: return location for a #GError
 *
 * Returns: %FALSE, with the reason, when the logger process ended without being stopped by
 *   axds_data_logger_stop(): %AXDS_ERROR_PROCESS_FAILED when it died (messages may be lost) or
 *   could not write everything, %AXDS_ERROR_NOT_CONNECTED when a signal stopped it after it
 *   wrote every message submitted before
 */
gboolean
axds_data_logger_check (AxdsDataLogger  *logger,
                        GError         **error)
{
  g_return_val_if_fail (logger != NULL, FALSE);
  g_mutex_lock (&logger->mutex);
  if (logger->death_error != NULL)
    {
      g_propagate_error (error, g_error_copy (logger->death_error));
      g_mutex_unlock (&logger->mutex);
      return FALSE;
    }
  g_mutex_unlock (&logger->mutex);
  return TRUE;
}

/* ---------------------------------------------------------------------------------------------- */
/* The logger process                                                                             */

typedef struct
{
  gsize  len;
  gsize  capacity;
  char   name[32];
  guint8 data[];   /* the whole .npy file */
} WriteJob;

/* Written jobs are kept for reuse, up to this many: a fresh buffer per message would cost page
 * faults on every large message (and an mmap/munmap pair, with its TLB shootdown, past glibc's
 * mmap threshold). */
#define MAX_SPARE_JOBS 64

typedef struct
{
  AxdsLogQueueHeader *header;
  int                 dirfd;
  const char         *dir_path;
  GMutex              mutex;
  GCond               have_job;
  GCond               have_room;
  GQueue              jobs;
  guint64             bytes_in_flight;
  guint64             max_bytes_in_flight;
  gboolean            closing;
  guint               reported_failures;
  guint               idle_writers;   /* writers sleeping on have_job */
  GQueue              spare_jobs;     /* written jobs, for reuse */
  guint64             spare_bytes;    /* their capacity */
  gboolean            consumer_waiting; /* the consumer sleeps on have_room */
} Writers;

typedef struct
{
  Writers *writers;
  guint    index;
} WriterThread;

static gboolean
write_all (int           fd,
           const guint8 *data,
           gsize         len,
           int          *saved_errno)
{
  gsize done = 0;

  while (done < len)
    {
      ssize_t n = write (fd, data + done, len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          *saved_errno = n < 0 ? errno : ENOSPC;
          return FALSE;
        }
      done += (gsize) n;
    }
  return TRUE;
}

/*
 * Writes one entry so that its final name appears only once it is complete: under a hidden
 * temporary name, renamed into place. (O_TMPFILE + linkat would leave nothing behind on a
 * kill, but on tmpfs it is a third slower than a named file and a rename.) A name that exists
 * already (a repeated timestamp) is replaced, as numpy.save would replace the file.
 */
static gboolean
write_entry (Writers  *w,
             guint     index,
             WriteJob *job,
             int      *saved_errno)
{
  char tmp[64];
  int fd;

  g_snprintf (tmp, sizeof tmp, ".%s.%u.tmp", job->name, index);
  fd = openat (w->dirfd, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      *saved_errno = errno;
      return FALSE;
    }
  if (!write_all (fd, job->data, job->len, saved_errno))
    {
      close (fd);
      unlinkat (w->dirfd, tmp, 0);
      return FALSE;
    }
  if (close (fd) != 0 || renameat (w->dirfd, tmp, w->dirfd, job->name) != 0)
    {
      *saved_errno = errno;
      unlinkat (w->dirfd, tmp, 0);
      return FALSE;
    }
  return TRUE;
}

static gpointer
writer_thread (gpointer data)
{
  WriterThread *t = data;
  Writers *w = t->writers;

  for (;;)
    {
      WriteJob *job;
      int saved = 0;

      g_mutex_lock (&w->mutex);
      while ((job = g_queue_pop_head (&w->jobs)) == NULL && !w->closing)
        {
          w->idle_writers++;
          g_cond_wait (&w->have_job, &w->mutex);
          w->idle_writers--;
        }
      g_mutex_unlock (&w->mutex);
      if (job == NULL)
        break;

      if (write_entry (w, t->index, job, &saved))
        {
          __atomic_fetch_add (&w->header->bytes_written, job->len, __ATOMIC_RELAXED);
          __atomic_fetch_add (&w->header->written, 1, __ATOMIC_RELEASE);
        }
      else
        {
          __atomic_store_n (&w->header->last_errno, (guint32) saved, __ATOMIC_RELAXED);
          __atomic_fetch_add (&w->header->failed_writes, 1, __ATOMIC_RELEASE);
          g_mutex_lock (&w->mutex);
          /* Report the first failures; the count tells the rest. */
          if (w->reported_failures++ < 5)
            g_printerr (_("axds-logger: cannot write %s/%s: %s\n"), w->dir_path, job->name,
                        g_strerror (saved));
          g_mutex_unlock (&w->mutex);
        }

      g_mutex_lock (&w->mutex);
      w->bytes_in_flight -= job->len;
      if (w->consumer_waiting)
        g_cond_signal (&w->have_room);
      if (w->spare_jobs.length < MAX_SPARE_JOBS &&
          w->spare_bytes + job->capacity <= w->max_bytes_in_flight)
        {
          w->spare_bytes += job->capacity;
          g_queue_push_tail (&w->spare_jobs, job);
          job = NULL;
        }
      g_mutex_unlock (&w->mutex);
      g_free (job);
    }
  return NULL;
}

/* Whether @name is a temporary file of write_entry(): `.NNN_TTTTTTTTTTTTTTTTTTTT.npy.K.tmp`. */
static gboolean
is_stale_temporary (const char *name)
{
  const char *p = name;

  if (*p++ != '.')
    return FALSE;
  for (guint i = 0; i < 24; i++, p++)
    if (i == 3 ? *p != '_' : !g_ascii_isdigit (*p))
      return FALSE;
  if (strncmp (p, ".npy.", 5) != 0)
    return FALSE;
  p += 5;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  return strcmp (p, ".tmp") == 0;
}

/* A logger killed mid-write may have left temporary files; ours only, and only at start, when
 * no writer of this folder runs (the logger's name, hence its folder, is unique). */
static void
remove_stale_temporaries (int dirfd)
{
  int fd = dup (dirfd);
  DIR *dir = fd >= 0 ? fdopendir (fd) : NULL;
  struct dirent *entry;

  if (dir == NULL)
    {
      if (fd >= 0)
        close (fd);
      return;
    }
  while ((entry = readdir (dir)) != NULL)
    if (entry->d_name[0] == '.' && is_stale_temporary (entry->d_name))
      unlinkat (dirfd, entry->d_name, 0);
  closedir (dir);
}

static void
update_disk_space (AxdsLogQueueHeader *h,
                   int                 dirfd)
{
  struct statvfs vfs;
  guint64 free_bytes;
  gboolean alarm;

  if (fstatvfs (dirfd, &vfs) != 0)
    return;
  free_bytes = (guint64) vfs.f_bavail * vfs.f_frsize;
  __atomic_store_n (&h->free_disk_bytes, free_bytes, __ATOMIC_RELAXED);
  alarm = free_bytes < h->disk_reserve_bytes;
  if (alarm != (__atomic_load_n (&h->disk_alarm, __ATOMIC_RELAXED) != 0))
    {
      __atomic_store_n (&h->disk_alarm, alarm ? 1 : 0, __ATOMIC_RELAXED);
      if (alarm)
        g_printerr (_("axds-logger: %s: only %" PRIu64 " MiB free in %s, below the reserve of "
                      "%" PRIu64 " MiB; writes will fail when it is full\n"),
                    h->name, free_bytes >> 20, h->output_directory,
                    (guint64) h->disk_reserve_bytes >> 20);
    }
}

static void
housekeeping (AxdsLogQueue *queue,
              int           dirfd,
              pid_t         parent,
              gboolean     *owner_gone)
{
  AxdsLogQueueHeader *h = _axds_log_queue_get_header (queue);
  guint64 pending, done;

  __atomic_store_n (&h->heartbeat_time, g_get_real_time (), __ATOMIC_RELAXED);
  update_disk_space (h, dirfd);
  done = __atomic_load_n (&h->written, __ATOMIC_RELAXED) +
         __atomic_load_n (&h->failed_writes, __ATOMIC_RELAXED);
  pending = __atomic_load_n (&h->submitted, __ATOMIC_RELAXED);
  pending = pending > done ? pending - done : 0;
  if (pending > h->high_water_messages)
    __atomic_store_n (&h->high_water_messages, pending, __ATOMIC_RELAXED);
  /* Our owner died (we were re-parented): drain what it and others submitted, then exit. */
  if (!*owner_gone && getppid () != parent)
    {
      *owner_gone = TRUE;
      _axds_log_queue_request_stop (queue);
    }
}

/*
 * Stop signals. SIGTERM (systemd, kill), SIGINT (Ctrl+C reaches the whole foreground group of
 * `axds log run`) and SIGHUP (a closed terminal) ask the logger to stop, exactly as its owner
 * does: nothing new is accepted, everything submitted before is written, and the exit status
 * says whether every write succeeded. They are blocked in every thread and taken by a thread of
 * their own with sigwaitinfo(), so the stop runs as ordinary code (it takes the queue's lock,
 * which no signal handler could) and cannot interrupt a writer.
 */
typedef struct
{
  AxdsLogQueue *queue;
  sigset_t      signals;
  pthread_t     thread;
  gboolean      done;      /* atomic: the logger is exiting; the next signal only wakes us */
} StopSignals;

static void
block_stop_signals (StopSignals *s)
{
  sigemptyset (&s->signals);
  sigaddset (&s->signals, SIGTERM);
  sigaddset (&s->signals, SIGINT);
  sigaddset (&s->signals, SIGHUP);
  /* Before any thread exists, so that all inherit the mask. */
  pthread_sigmask (SIG_BLOCK, &s->signals, NULL);
  /* A signal ignored by whoever spawned us (nohup, a background job) would be discarded even
   * though it is blocked, on some systems: these always mean "stop", so take them back. */
  signal (SIGTERM, SIG_DFL);
  signal (SIGINT, SIG_DFL);
  signal (SIGHUP, SIG_DFL);
}

static void *
stop_signal_thread (void *data)
{
  StopSignals *s = data;
  AxdsLogQueueHeader *h = _axds_log_queue_get_header (s->queue);

  for (;;)
    {
      int sig = sigwaitinfo (&s->signals, NULL);

      if (sig < 0)
        {
          if (errno == EINTR)
            continue;
          break;
        }
      if (__atomic_load_n (&s->done, __ATOMIC_ACQUIRE))
        break;
      /* The first signal names the stop, for the owner's report; later ones change nothing. */
      if (__atomic_load_n (&h->stop_signal, __ATOMIC_RELAXED) == 0)
        __atomic_store_n (&h->stop_signal, (guint32) sig, __ATOMIC_RELEASE);
      _axds_log_queue_request_stop (s->queue);
    }
  return NULL;
}

/*
 * _axds_data_logger_process_main:
 *
 * The body of the axds-logger helper: connects to the queue of logger @queue_name, which its
 * owner made, and writes its messages until stopped. Returns the process's exit status.
 */
int
_axds_data_logger_process_main (const char *queue_name)
{
  g_autoptr(AxdsLogQueue) queue = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  WriterThread *thread_data;
  WriteJob *spare = NULL;
  AxdsLogQueueHeader *h;
  Writers w = { 0 };
  gboolean owner_gone = FALSE, corrupt = FALSE;
  gint64 poll_us, next_housekeeping = 0;
  guint n_threads;
  pid_t parent = getppid ();
  guint64 counter = 0;
  StopSignals stop_signals = { 0 };
  gboolean watching_signals = FALSE;

  block_stop_signals (&stop_signals);
  queue = axds_log_queue_open (queue_name, &error);
  if (queue == NULL)
    {
      g_printerr ("axds-logger: %s\n", error->message);
      return AXDS_LOGGER_EXIT_SETUP_FAILED;
    }
  h = _axds_log_queue_get_header (queue);
  w.header = h;
  w.dir_path = h->output_directory;
  w.dirfd = open (h->output_directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (w.dirfd < 0)
    {
      int saved = errno;

      /* For the owner's error: it cannot see this process's stderr. */
      __atomic_store_n (&h->last_errno, (guint32) saved, __ATOMIC_RELAXED);
      g_printerr (_("axds-logger: cannot open the output folder %s: %s\n"),
                  h->output_directory, g_strerror (saved));
      return AXDS_LOGGER_EXIT_SETUP_FAILED;
    }
  h->logger_start_time = _axds_pid_get_start_time (getpid ());
  __atomic_store_n (&h->logger_pid, (gint64) getpid (), __ATOMIC_RELEASE);

  g_mutex_init (&w.mutex);
  g_cond_init (&w.have_job);
  g_cond_init (&w.have_room);
  g_queue_init (&w.jobs);
  g_queue_init (&w.spare_jobs);
  w.max_bytes_in_flight = MAX (h->capacity, (guint64) 16 * 1024 * 1024);
  n_threads = CLAMP (h->thread_count, 1, MAX_THREADS);
  poll_us = (gint64) h->poll_interval_ms * 1000;
  thread_data = g_new0 (WriterThread, n_threads);
  for (guint i = 0; i < n_threads; i++)
    {
      thread_data[i].writers = &w;
      thread_data[i].index = i;
      g_ptr_array_add (threads, g_thread_new ("axds-log-writer", writer_thread, &thread_data[i]));
    }
  remove_stale_temporaries (w.dirfd);
  update_disk_space (h, w.dirfd);
  _axds_log_queue_set_state (queue, AXDS_LOGGER_STATE_RUNNING);
  /* A signal that came during setup is pending: the watcher takes it at once. */
  stop_signals.queue = queue;
  watching_signals = pthread_create (&stop_signals.thread, NULL, stop_signal_thread,
                                     &stop_signals) == 0;
  if (!watching_signals)
    g_printerr (_("axds-logger: %s: cannot watch for stop signals; stop it through its owner\n"),
                h->name);

  for (;;)
    {
      AxdsLogRecord record;
      AxdsLogNext next;
      gint64 now;

      if ((counter++ & 255) == 0 &&
          (now = g_get_monotonic_time ()) >= next_housekeeping)
        {
          housekeeping (queue, w.dirfd, parent, &owner_gone);
          next_housekeeping = now + HOUSEKEEPING_US;
        }

      next = _axds_log_queue_next (queue, poll_us > 0 ? MIN (poll_us, HOUSEKEEPING_US) : 0,
                                   &record, &error);
      if (next == AXDS_LOG_NEXT_RECORD)
        {
          gsize len = AXDS_NPY_U8_HEADER_SIZE + 9 + record.payload_len;
          WriteJob *job = g_steal_pointer (&spare);
          guint64 time_le = GUINT64_TO_LE (record.acquisition_time);

          if (job == NULL || job->capacity < len)
            {
              g_free (job);
              job = g_malloc (sizeof (WriteJob) + len);
              job->capacity = len;
            }
          job->len = len;
          g_snprintf (job->name, sizeof job->name, "%03u_%020" G_GUINT64_FORMAT ".npy",
                      record.source_id, record.acquisition_time);
          axds_npy_format_u8_header (9 + record.payload_len, job->data);
          job->data[AXDS_NPY_U8_HEADER_SIZE] = record.source_id;
          memcpy (job->data + AXDS_NPY_U8_HEADER_SIZE + 1, &time_le, 8);
          memcpy (job->data + AXDS_NPY_U8_HEADER_SIZE + 9, record.payload, record.payload_len);
          /* The message is copied out: its queue space can go back to producers now. */
          _axds_log_queue_release (queue, &record);

          g_mutex_lock (&w.mutex);
          while (w.bytes_in_flight > 0 && w.bytes_in_flight + len > w.max_bytes_in_flight)
            {
              w.consumer_waiting = TRUE;
              g_cond_wait (&w.have_room, &w.mutex);
              w.consumer_waiting = FALSE;
            }
          w.bytes_in_flight += len;
          g_queue_push_tail (&w.jobs, job);
          /* A written job to fill next, taken while we hold the lock anyway. */
          spare = g_queue_pop_head (&w.spare_jobs);
          if (spare != NULL)
            w.spare_bytes -= spare->capacity;
          /* Waking costs a system call: only when a writer sleeps; busy ones come back. */
          if (w.idle_writers > 0)
            g_cond_signal (&w.have_job);
          g_mutex_unlock (&w.mutex);
          continue;
        }
      if (next == AXDS_LOG_NEXT_EMPTY)
        {
          if (poll_us == 0)
            sched_yield ();
          now = g_get_monotonic_time ();
          if (now >= next_housekeeping)
            {
              housekeeping (queue, w.dirfd, parent, &owner_gone);
              next_housekeeping = now + HOUSEKEEPING_US;
            }
          continue;
        }
      if (next == AXDS_LOG_NEXT_ERROR)
        {
          g_printerr ("axds-logger: %s\n", error->message);
          corrupt = TRUE;
        }
      break;
    }

  g_mutex_lock (&w.mutex);
  w.closing = TRUE;
  g_cond_broadcast (&w.have_job);
  g_mutex_unlock (&w.mutex);
  for (guint i = 0; i < threads->len; i++)
    g_thread_join (g_ptr_array_index (threads, i));
  if (watching_signals)
    {
      /* Everything is written: a signal from now on changes nothing (it stays blocked). */
      __atomic_store_n (&stop_signals.done, TRUE, __ATOMIC_RELEASE);
      pthread_kill (stop_signals.thread, SIGTERM);
      pthread_join (stop_signals.thread, NULL);
    }
  g_free (thread_data);
  housekeeping (queue, w.dirfd, parent, &owner_gone);
  close (w.dirfd);
  g_free (spare);
  g_queue_clear_full (&w.spare_jobs, g_free);
  g_mutex_clear (&w.mutex);
  g_cond_clear (&w.have_job);
  g_cond_clear (&w.have_room);

  _axds_log_queue_set_state (queue, corrupt ? AXDS_LOGGER_STATE_FAILED : AXDS_LOGGER_STATE_STOPPED);
  /* Nobody is left to remove the queue's name. */
  if (owner_gone)
    _axds_log_queue_unlink (queue);
  if (corrupt)
    return AXDS_LOGGER_EXIT_CORRUPT;
  return __atomic_load_n (&h->failed_writes, __ATOMIC_ACQUIRE) > 0 ?
         AXDS_LOGGER_EXIT_WRITES_FAILED : AXDS_LOGGER_EXIT_OK;
}

/* ---------------------------------------------------------------------------------------------- */
/* Boxed types: what bindings and GValue carry                                                    */

G_DEFINE_BOXED_TYPE (AxdsDataLogger, axds_data_logger, axds_data_logger_ref, axds_data_logger_unref)

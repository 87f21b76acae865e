/* axds-log-queue.c
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * The queue: a ring buffer of variable-size records in one shared-memory segment, many
 * producers in any process, one consumer (the logger process). See axds-log-queue-private.h for
 * the layout.
 *
 * Producers reserve, then copy, then commit:
 *
 *  1. Under a robust process-shared mutex, a producer checks for room, writes its slot header
 *     (length, its pid, state RESERVED) and only then publishes the new write cursor with a
 *     release store. The cursor store is the single commit point of the critical section: a
 *     producer killed before it leaves the slot beyond the cursor (ignored), killed after it
 *     leaves a complete slot header. The next locker recovers the mutex (EOWNERDEAD) and finds
 *     a consistent ring either way.
 *  2. Outside the lock it copies its payload, so producers copy in parallel and a slow copy
 *     never blocks the others' reservations.
 *  3. It marks the slot COMMITTED with a release store, counts the message as submitted, and
 *     wakes the consumer if it sleeps.
 *
 * The consumer takes records in ring order. A record still RESERVED whose producer is dead
 * (its pid is gone, or reused by a process started at another time) was never submitted — the
 * producer's submit did not return — so it is marked ABANDONED and skipped; every other record,
 * committed before or after it, is kept. A record that does not fit before the end of the ring
 * is preceded by a PADDING record, so records never wrap; records are at most half the ring, so
 * one always fits once the ring is empty.
 *
 * Sleeping uses futexes on 32-bit sequence words in the shared header, so no process-shared
 * condition variable can be left inconsistent by a dying process: producers with no room sleep
 * on space_seq (bumped by the consumer whenever it frees space), the idle consumer on
 * commit_seq (bumped by every commit). Each side announces that it sleeps, so the other side
 * makes the wake system call only when someone waits. Every sleep is bounded, so a dead peer is
 * noticed: a producer waiting for room fails when the logger is gone; a full queue makes submit
 * wait up to its timeout and then fail with %AXDS_ERROR_TIMEOUT, never drop the message.
 */

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <linux/futex.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <gio/gio.h>

#include "axds-error.h"
#include "axds-error-private.h"
#include "axds-i18n-private.h"
#include "axds-log-queue-private.h"
#include "axds-process-private.h"
#include "axds-shared-array.h"
#include "axds-shared-array-private.h"

/* A waiting producer re-checks that the logger lives at least this often. */
#define PRODUCER_CHECK_US (50 * 1000)
/* How long a RESERVED slot may sit before the consumer checks whether its producer lives. */
#define RESERVED_CHECK_US (2 * 1000)

struct _AxdsLogQueue
{
  gatomicrefcount     ref_count;
  char               *name;
  char               *path;
  guint8             *map;
  gsize               map_len;
  AxdsLogQueueHeader *header;
  guint8             *ring;
  guint64             capacity;
  gint64              timeout_us;
  gboolean            creator;
  dev_t               dev;
  ino_t               ino;
  /* This process, as recorded in the slots it reserves. */
  gint32              pid;
  guint64             start_time;
  /* Consumer bookkeeping (logger process only). */
  guint64             stuck_pos;
  gint64              stuck_since;
};

static long
futex_wait (guint32 *addr,
            guint32  expected,
            gint64   timeout_us)
{
  struct timespec ts;

  if (timeout_us < 0)
    return syscall (SYS_futex, addr, FUTEX_WAIT, expected, NULL, NULL, 0);
  ts.tv_sec = timeout_us / G_USEC_PER_SEC;
  ts.tv_nsec = (timeout_us % G_USEC_PER_SEC) * 1000;
  return syscall (SYS_futex, addr, FUTEX_WAIT, expected, &ts, NULL, 0);
}

static void
futex_wake (guint32 *addr)
{
  syscall (SYS_futex, addr, FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
}

static gboolean
validate_name (const char  *name,
               GError     **error)
{
  if (name == NULL || *name == '\0' || strlen (name) > AXDS_LOG_QUEUE_NAME_MAX ||
      name[0] == '.' || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                   _("Invalid logger name '%s': use 1 to %d bytes of UTF-8 not starting with "
                     "'.'"),
                   name != NULL ? name : "", AXDS_LOG_QUEUE_NAME_MAX);
      return FALSE;
    }
  for (const char *p = name; *p; p++)
    if (*p == '/' || g_ascii_iscntrl (*p))
      {
        g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                     _("Invalid logger name '%s': names must not contain '/' or control "
                       "characters"), name);
        return FALSE;
      }
  return TRUE;
}

char *
_axds_log_queue_segment_path (const char *name)
{
  g_autofree char *file = g_strconcat (AXDS_LOG_QUEUE_PREFIX, name, NULL);
  return g_build_filename (axds_shared_array_get_directory (), file, NULL);
}

/**
 * axds_log_entry_file_name:
 * @source_id: the message's source
 * @acquisition_time: its timestamp
 *
 * Returns: (transfer full): the name of the message's file, `{source_id:03d}_{time:020d}.npy`
 */
char *
axds_log_entry_file_name (guint8  source_id,
                          guint64 acquisition_time)
{
  return g_strdup_printf ("%03u_%020" G_GUINT64_FORMAT ".npy", source_id, acquisition_time);
}

/**
 * axds_logger_state_to_string:
 * @state: a logger state
 *
 * Returns: the state's name: `starting`, `running`, `stopping`, `stopped` or `failed`
 */
const char *
axds_logger_state_to_string (AxdsLoggerState state)
{
  switch (state)
    {
    case AXDS_LOGGER_STATE_STARTING: return "starting";
    case AXDS_LOGGER_STATE_RUNNING:  return "running";
    case AXDS_LOGGER_STATE_STOPPING: return "stopping";
    case AXDS_LOGGER_STATE_STOPPED:  return "stopped";
    case AXDS_LOGGER_STATE_FAILED:   return "failed";
    default:                         return "unknown";
    }
}

/* Checks the immutable part of a header read from shared memory, which anyone could write. */
static gboolean
validate_header (const AxdsLogQueueHeader  *h,
                 guint64                    file_size,
                 const char                *name,
                 GError                   **error)
{
  if (file_size < AXDS_LOG_QUEUE_HEADER_SIZE ||
      memcmp (h->magic, AXDS_LOG_QUEUE_MAGIC, AXDS_LOG_QUEUE_MAGIC_LEN - 1) != 0)
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT,
                   _("Shared memory segment of logger '%s' is not a libaxds log queue"), name);
      return FALSE;
    }
  if (h->version != AXDS_LOG_QUEUE_VERSION || h->header_size != AXDS_LOG_QUEUE_HEADER_SIZE)
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_VERSION,
                   _("Log queue of logger '%s' has header version %u; this libaxds reads "
                     "version %d"), name, h->version, AXDS_LOG_QUEUE_VERSION);
      return FALSE;
    }
  if (h->capacity < AXDS_LOG_QUEUE_MIN_CAPACITY || h->capacity > AXDS_LOG_QUEUE_MAX_CAPACITY ||
      h->capacity % AXDS_LOG_SLOT_SIZE != 0 ||
      h->capacity > file_size - AXDS_LOG_QUEUE_HEADER_SIZE)
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT,
                   _("Log queue of logger '%s' has a corrupt header (capacity %" PRIu64
                     ")"), name, h->capacity);
      return FALSE;
    }
  return TRUE;
}

static AxdsLogQueue *
queue_alloc (const char *name)
{
  AxdsLogQueue *q = g_new0 (AxdsLogQueue, 1);

  g_atomic_ref_count_init (&q->ref_count);
  q->name = g_strdup (name);
  q->path = _axds_log_queue_segment_path (name);
  q->timeout_us = AXDS_LOG_QUEUE_DEFAULT_TIMEOUT_US;
  q->pid = (gint32) getpid ();
  q->start_time = _axds_pid_get_start_time (q->pid);
  return q;
}

static gboolean
init_robust_mutex (pthread_mutex_t  *mutex,
                   GError          **error)
{
  pthread_mutexattr_t attr;
  int rc;

  pthread_mutexattr_init (&attr);
  pthread_mutexattr_setpshared (&attr, PTHREAD_PROCESS_SHARED);
  pthread_mutexattr_setrobust (&attr, PTHREAD_MUTEX_ROBUST);
  rc = pthread_mutex_init (mutex, &attr);
  pthread_mutexattr_destroy (&attr);
  if (rc != 0)
    {
      _axds_set_error_from_errno (error, rc, _("Cannot initialise a log queue lock"));
      return FALSE;
    }
  return TRUE;
}

/* Whether the queue at @path belongs to a logger that still runs (or is being started). */
static gboolean
segment_in_use (const char *path)
{
  AxdsLogQueueHeader h;
  struct stat st;
  int fd = open (path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  gboolean in_use = FALSE;

  if (fd < 0)
    return FALSE;
  if (fstat (fd, &st) == 0 && pread (fd, &h, sizeof h, 0) == (ssize_t) sizeof h &&
      validate_header (&h, (guint64) st.st_size, "", NULL))
    in_use = axds_pid_is_alive (h.owner_pid, h.owner_start_time) ||
             (h.logger_pid > 0 && axds_pid_is_alive (h.logger_pid, h.logger_start_time));
  close (fd);
  return in_use;
}

/*
 * _axds_log_queue_create:
 *
 * Makes the queue of logger @name, as the data logger's start does. Like shared arrays, it is
 * built under a hidden name and linked into place only when complete. A leftover queue of a
 * logger whose processes are all gone is replaced; one in use is an error.
 */
AxdsLogQueue *
_axds_log_queue_create (const char                *name,
                        const AxdsLogQueueConfig  *config,
                        GError                   **error)
{
  g_autoptr(AxdsLogQueue) q = NULL;
  g_autofree char *tmp_path = NULL;
  AxdsLogQueueHeader *h;
  guint64 capacity;
  struct stat st;
  gsize total;
  int fd, rc;
  void *map;

  if (!validate_name (name, error))
    return NULL;
  capacity = config->capacity != 0 ? config->capacity : AXDS_LOG_QUEUE_DEFAULT_CAPACITY;
  capacity = (capacity + AXDS_LOG_SLOT_SIZE - 1) / AXDS_LOG_SLOT_SIZE * AXDS_LOG_SLOT_SIZE;
  if (capacity < AXDS_LOG_QUEUE_MIN_CAPACITY || capacity > AXDS_LOG_QUEUE_MAX_CAPACITY)
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                   _("Invalid queue capacity %" PRIu64 " for logger '%s'"), capacity, name);
      return NULL;
    }
  if (strlen (config->output_directory) >= sizeof h->output_directory)
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                   _("Output folder of logger '%s' has too long a path"), name);
      return NULL;
    }

  q = queue_alloc (name);
  total = AXDS_LOG_QUEUE_HEADER_SIZE + (gsize) capacity;
  tmp_path = g_strdup_printf ("%s/.axds-logq-%d-%08x.tmp", axds_shared_array_get_directory (),
                              (int) getpid (), g_random_int ());
  fd = open (tmp_path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      _axds_set_error_from_errno (error, errno, _("Cannot create the queue of logger '%s' in %s"),
                                  name, axds_shared_array_get_directory ());
      return NULL;
    }
  /* Reserve the memory now: a full /dev/shm is an error here, not a SIGBUS mid-acquisition. */
  rc = posix_fallocate (fd, 0, (off_t) total);
  if (rc != 0)
    {
      _axds_set_error_from_errno (error, rc, _("Cannot reserve %zu bytes of shared memory for "
                                               "logger '%s'"), total, name);
      goto fail;
    }
  map = mmap (NULL, total, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (map == MAP_FAILED)
    {
      _axds_set_error_from_errno (error, errno, _("Cannot map the queue of logger '%s'"), name);
      goto fail;
    }
  q->map = map;
  q->map_len = total;
  q->header = h = map;
  q->ring = (guint8 *) map + AXDS_LOG_QUEUE_HEADER_SIZE;
  q->capacity = capacity;

  h->version = AXDS_LOG_QUEUE_VERSION;
  h->header_size = AXDS_LOG_QUEUE_HEADER_SIZE;
  h->capacity = capacity;
  h->owner_pid = q->pid;
  h->owner_start_time = q->start_time;
  h->creation_time = g_get_real_time ();
  h->thread_count = config->thread_count;
  h->poll_interval_ms = config->poll_interval_ms;
  h->disk_reserve_bytes = config->disk_reserve_bytes;
  g_strlcpy (h->name, name, sizeof h->name);
  g_strlcpy (h->output_directory, config->output_directory, sizeof h->output_directory);
  h->state = AXDS_LOGGER_STATE_STARTING;
  if (!init_robust_mutex (&h->lock.mutex, error))
    goto fail;
  __atomic_thread_fence (__ATOMIC_RELEASE);
  memcpy (h->magic, AXDS_LOG_QUEUE_MAGIC, AXDS_LOG_QUEUE_MAGIC_LEN);

  if (fstat (fd, &st) != 0)
    {
      _axds_set_error_from_errno (error, errno, _("Cannot inspect the queue of logger '%s'"), name);
      goto fail;
    }
  close (fd);
  fd = -1;

  if (link (tmp_path, q->path) != 0)
    {
      int saved = errno;

      if (saved != EEXIST)
        {
          _axds_set_error_from_errno (error, saved, _("Cannot create the queue of logger '%s'"),
                                      name);
          goto fail;
        }
      if (segment_in_use (q->path))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       _("A logger named '%s' is already running on this machine"), name);
          goto fail;
        }
      /* A leftover of a logger whose processes are gone: take its name over. */
      if (rename (tmp_path, q->path) != 0)
        {
          _axds_set_error_from_errno (error, errno, _("Cannot replace the stale queue of logger "
                                                      "'%s'"), name);
          goto fail;
        }
    }
  else
    unlink (tmp_path);

  q->dev = st.st_dev;
  q->ino = st.st_ino;
  q->creator = TRUE;
  return g_steal_pointer (&q);

fail:
  if (fd >= 0)
    close (fd);
  unlink (tmp_path);
  return NULL;
}

/* Removes the queue's name, if it is still ours: a newer logger of the same name keeps its own. */
void
_axds_log_queue_unlink (AxdsLogQueue *queue)
{
  struct stat st;

  if (lstat (queue->path, &st) == 0 && st.st_dev == queue->dev && st.st_ino == queue->ino)
    unlink (queue->path);
}

AxdsLogQueueHeader *
_axds_log_queue_get_header (AxdsLogQueue *queue)
{
  return queue->header;
}

/**
 * axds_log_queue_open:
 * @name: the logger's instance name
 * @error: return location for a #GError
 *
 * Connects to the queue of the running logger @name, from any process.
 *
 * Returns: (transfer full): a handle, or %NULL (%G_IO_ERROR_NOT_FOUND when no such logger runs)
 */
AxdsLogQueue *
axds_log_queue_open (const char  *name,
                     GError     **error)
{
  g_autoptr(AxdsLogQueue) q = NULL;
  AxdsLogQueueHeader head;
  struct stat st;
  void *map;
  int fd;

  if (!validate_name (name, error))
    return NULL;
  q = queue_alloc (name);
  fd = open (q->path, O_RDWR | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0)
    {
      int saved = errno;
      if (saved == ENOENT)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No logger named '%s' is running"),
                     name);
      else
        _axds_set_error_from_errno (error, saved, _("Cannot open the queue of logger '%s'"), name);
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) ||
      pread (fd, &head, sizeof head, 0) != (ssize_t) sizeof head ||
      !validate_header (&head, (guint64) st.st_size, name, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT,
                     _("The queue of logger '%s' is not readable"), name);
      close (fd);
      return NULL;
    }
  q->capacity = head.capacity;
  q->map_len = AXDS_LOG_QUEUE_HEADER_SIZE + (gsize) head.capacity;
  map = mmap (NULL, q->map_len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  close (fd);
  if (map == MAP_FAILED)
    {
      _axds_set_error_from_errno (error, errno, _("Cannot map the queue of logger '%s'"), name);
      return NULL;
    }
  q->map = map;
  q->header = map;
  q->ring = (guint8 *) map + AXDS_LOG_QUEUE_HEADER_SIZE;
  q->dev = st.st_dev;
  q->ino = st.st_ino;
  return g_steal_pointer (&q);
}

/**
 * axds_log_queue_ref:
 * @queue: an #AxdsLogQueue
 *
 * Returns: (transfer full): @queue
 */
AxdsLogQueue *
axds_log_queue_ref (AxdsLogQueue *queue)
{
  g_return_val_if_fail (queue != NULL, NULL);
  g_atomic_ref_count_inc (&queue->ref_count);
  return queue;
}

/**
 * axds_log_queue_unref:
 * @queue: an #AxdsLogQueue
 *
 * Drops a reference; the last one unmaps the queue (the logger is not affected).
 */
void
axds_log_queue_unref (AxdsLogQueue *queue)
{
  g_return_if_fail (queue != NULL);
  if (!g_atomic_ref_count_dec (&queue->ref_count))
    return;
  if (queue->map != NULL)
    munmap (queue->map, queue->map_len);
  g_free (queue->name);
  g_free (queue->path);
  g_free (queue);
}

/**
 * axds_log_queue_get_name:
 * @queue: an #AxdsLogQueue
 *
 * Returns: the logger's instance name
 */
const char *
axds_log_queue_get_name (AxdsLogQueue *queue)
{
  g_return_val_if_fail (queue != NULL, NULL);
  return queue->name;
}

/**
 * axds_log_queue_get_max_message_size:
 * @queue: an #AxdsLogQueue
 *
 * Returns: the largest payload one message may carry (a little under half the ring)
 */
gsize
axds_log_queue_get_max_message_size (AxdsLogQueue *queue)
{
  g_return_val_if_fail (queue != NULL, 0);
  return (gsize) (queue->capacity / 2 - AXDS_LOG_SLOT_SIZE);
}

/**
 * axds_log_queue_set_timeout:
 * @queue: an #AxdsLogQueue
 * @timeout_us: how long axds_log_queue_submit() waits for room in a full queue; 0 not at all,
 *   negative for %AXDS_LOG_QUEUE_DEFAULT_TIMEOUT_US
 */
void
axds_log_queue_set_timeout (AxdsLogQueue *queue,
                            gint64        timeout_us)
{
  g_return_if_fail (queue != NULL);
  queue->timeout_us = timeout_us < 0 ? AXDS_LOG_QUEUE_DEFAULT_TIMEOUT_US : timeout_us;
}

static void
lock_queue (AxdsLogQueue *queue)
{
  int rc = pthread_mutex_lock (&queue->header->lock.mutex);

  /* A producer died holding the lock. Its critical section publishes with one store, so the
   * ring is consistent whatever point it reached: just mark the mutex usable again. */
  if (rc == EOWNERDEAD)
    pthread_mutex_consistent (&queue->header->lock.mutex);
  else
    g_assert (rc == 0);
}

static void
unlock_queue (AxdsLogQueue *queue)
{
  pthread_mutex_unlock (&queue->header->lock.mutex);
}

static gboolean
logger_gone (AxdsLogQueueHeader *h)
{
  gint64 pid = __atomic_load_n (&h->logger_pid, __ATOMIC_ACQUIRE);

  return pid > 0 && !axds_pid_is_alive (pid, __atomic_load_n (&h->logger_start_time,
                                                                 __ATOMIC_RELAXED));
}

static gboolean
check_accepting (AxdsLogQueue  *queue,
                 GError       **error)
{
  AxdsLogQueueHeader *h = queue->header;
  guint state = __atomic_load_n (&h->state, __ATOMIC_ACQUIRE);

  if (__atomic_load_n (&h->stopping, __ATOMIC_ACQUIRE) || state >= AXDS_LOGGER_STATE_STOPPING)
    {
      if (state == AXDS_LOGGER_STATE_FAILED)
        g_set_error (error, AXDS_ERROR, AXDS_ERROR_NOT_CONNECTED,
                     _("Cannot submit to logger '%s': it is dead; the message was not logged"),
                     queue->name);
      else if (state == AXDS_LOGGER_STATE_STOPPED)
        g_set_error (error, AXDS_ERROR, AXDS_ERROR_NOT_CONNECTED,
                     _("Cannot submit to logger '%s': it is stopped; the message was not "
                       "logged"), queue->name);
      else
        g_set_error (error, AXDS_ERROR, AXDS_ERROR_NOT_CONNECTED,
                     _("Cannot submit to logger '%s': it is stopping; the message was not "
                       "logged"), queue->name);
      return FALSE;
    }
  return TRUE;
}

/**
 * axds_log_queue_submit:
 * @queue: an #AxdsLogQueue
 * @source_id: the message's source
 * @acquisition_time: its timestamp (µs since the source's onset; 0 is the onset message)
 * @data: (array length=len) (element-type guint8) (nullable): the serialized payload
 * @len: its length, at most axds_log_queue_get_max_message_size()
 * @error: return location for a #GError
 *
 * Hands a message to the logger, which writes it as
 * `{source_id:03d}_{acquisition_time:020d}.npy`. Returns once the message is in the queue: it
 * then survives the death of this process. When the queue is full, waits for room up to the
 * queue's timeout and then fails with %AXDS_ERROR_TIMEOUT; a stopped or dead logger is
 * %AXDS_ERROR_NOT_CONNECTED. A logger that is stopping (asked by its owner, or by SIGTERM,
 * SIGINT or SIGHUP) takes no new messages either: a submit that had its place in the queue
 * when the stop came returns %TRUE and its message is written; any other fails with
 * %AXDS_ERROR_NOT_CONNECTED, also one that was waiting for room.
 *
 * Returns: %TRUE when the message was submitted
 */
static gboolean submit_internal (AxdsLogQueue   *queue,
                                 guint8          source_id,
                                 guint64         acquisition_time,
                                 gconstpointer   data,
                                 gsize           len,
                                 gboolean        commit,
                                 GError        **error);

gboolean
axds_log_queue_submit (AxdsLogQueue   *queue,
                       guint8          source_id,
                       guint64         acquisition_time,
                       gconstpointer   data,
                       gsize           len,
                       GError        **error)
{
  return submit_internal (queue, source_id, acquisition_time, data, len, TRUE, error);
}

/* For tests: reserves a slot as a producer would, but never fills or commits it, as a producer
 * killed mid-copy leaves it. */
gboolean
_axds_log_queue_reserve_only (AxdsLogQueue  *queue,
                              guint8         source_id,
                              guint64        acquisition_time,
                              gsize          len,
                              GError       **error)
{
  return submit_internal (queue, source_id, acquisition_time, NULL, len, FALSE, error);
}

static gboolean
submit_internal (AxdsLogQueue   *queue,
                 guint8          source_id,
                 guint64         acquisition_time,
                 gconstpointer   data,
                 gsize           len,
                 gboolean        commit,
                 GError        **error)
{
  AxdsLogQueueHeader *h;
  AxdsLogSlot *slot;
  guint64 record, wp, rp, off, pad = 0, cap;
  gint64 deadline = 0;

  g_return_val_if_fail (queue != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0 || !commit, FALSE);

  h = queue->header;
  cap = queue->capacity;
  if (len > axds_log_queue_get_max_message_size (queue))
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                   _("Cannot submit a message of %zu bytes to logger '%s': the "
                     "largest it takes is %zu bytes"), len, queue->name,
                   axds_log_queue_get_max_message_size (queue));
      return FALSE;
    }
  record = (AXDS_LOG_SLOT_SIZE + (guint64) len + AXDS_LOG_SLOT_SIZE - 1) / AXDS_LOG_SLOT_SIZE *
           AXDS_LOG_SLOT_SIZE;

  lock_queue (queue);
  for (;;)
    {
      guint32 seq;
      gint64 now, wait;

      if (!check_accepting (queue, error))
        {
          unlock_queue (queue);
          return FALSE;
        }
      /* The sequence is read before the cursor, so a free-up after this read wakes us. */
      seq = __atomic_load_n (&h->space_seq, __ATOMIC_SEQ_CST);
      wp = h->write_pos;
      rp = __atomic_load_n (&h->read_pos, __ATOMIC_SEQ_CST);
      off = wp % cap;
      pad = cap - off < record ? cap - off : 0;
      if (wp + pad + record - rp <= cap)
        break;

      now = g_get_monotonic_time ();
      if (deadline == 0)
        deadline = now + queue->timeout_us;
      if (now >= deadline)
        {
          __atomic_fetch_add (&h->submit_timeouts, 1, __ATOMIC_RELAXED);
          unlock_queue (queue);
          g_set_error (error, AXDS_ERROR, AXDS_ERROR_TIMEOUT,
                       _("Cannot submit to logger '%s': its queue stayed full for %" PRId64
                         " ms (%" PRIu64 " bytes queued); the message was not logged"),
                       queue->name, queue->timeout_us / 1000, wp - rp);
          return FALSE;
        }
      __atomic_fetch_add (&h->producers_waiting, 1, __ATOMIC_SEQ_CST);
      unlock_queue (queue);
      wait = MIN (deadline - now, PRODUCER_CHECK_US);
      futex_wait (&h->space_seq, seq, wait);
      __atomic_fetch_sub (&h->producers_waiting, 1, __ATOMIC_SEQ_CST);
      if (logger_gone (h))
        {
          /* A logger that stopped (drained and exited) is reported as such, not as a death. */
          if (check_accepting (queue, error))
            g_set_error (error, AXDS_ERROR, AXDS_ERROR_NOT_CONNECTED,
                         _("Cannot submit to logger '%s': its process died; the message was not "
                           "logged"), queue->name);
          return FALSE;
        }
      lock_queue (queue);
    }

  if (pad > 0)
    {
      AxdsLogSlot *filler = (AxdsLogSlot *) (void *) (queue->ring + off);

      filler->payload_len = (guint32) (pad - AXDS_LOG_SLOT_SIZE);
      __atomic_store_n (&filler->state, AXDS_LOG_SLOT_PADDING, __ATOMIC_RELAXED);
    }
  /* Through void *: records start at multiples of AXDS_LOG_SLOT_SIZE, which clang's
   * -Wcast-align cannot see. */
  slot = (AxdsLogSlot *) (void *) (queue->ring + (wp + pad) % cap);
  slot->payload_len = (guint32) len;
  slot->producer_pid = queue->pid;
  slot->producer_start_time = queue->start_time;
  slot->source_id = source_id;
  slot->acquisition_time = acquisition_time;
  __atomic_store_n (&slot->state, AXDS_LOG_SLOT_RESERVED, __ATOMIC_RELAXED);
  /* The commit point of the reservation (see the top of the file). */
  __atomic_store_n (&h->write_pos, wp + pad + record, __ATOMIC_RELEASE);
  if (wp + pad + record - rp > h->high_water_bytes)
    h->high_water_bytes = wp + pad + record - rp;
  unlock_queue (queue);
  if (!commit)
    return TRUE;

  if (len > 0)
    memcpy ((guint8 *) slot + AXDS_LOG_SLOT_SIZE, data, len);
  __atomic_store_n (&slot->state, AXDS_LOG_SLOT_COMMITTED, __ATOMIC_RELEASE);
  __atomic_fetch_add (&h->submitted, 1, __ATOMIC_RELAXED);
  __atomic_fetch_add (&h->bytes_submitted, len, __ATOMIC_RELAXED);
  __atomic_fetch_add (&h->commit_seq, 1, __ATOMIC_SEQ_CST);
  if (__atomic_load_n (&h->consumer_waiting, __ATOMIC_SEQ_CST))
    futex_wake (&h->commit_seq);
  return TRUE;
}

/**
 * axds_log_queue_submit_onset:
 * @queue: an #AxdsLogQueue
 * @source_id: the source
 * @onset_us: (out) (optional): the onset that was logged
 * @error: return location for a #GError
 *
 * Logs the source's onset, by convention its first message: acquisition time 0, the payload
 * being the current UTC time in µs since the epoch as a little-endian uint64. Archive readers
 * add it to every later acquisition time to get absolute timestamps.
 *
 * Returns: %TRUE when the message was submitted
 */
gboolean
axds_log_queue_submit_onset (AxdsLogQueue  *queue,
                             guint8         source_id,
                             gint64        *onset_us,
                             GError       **error)
{
  guint64 now = (guint64) g_get_real_time ();
  guint64 le = GUINT64_TO_LE (now);

  if (!axds_log_queue_submit (queue, source_id, 0, &le, sizeof le, error))
    return FALSE;
  if (onset_us != NULL)
    *onset_us = (gint64) now;
  return TRUE;
}

void
_axds_log_queue_set_state (AxdsLogQueue    *queue,
                           AxdsLoggerState  state)
{
  __atomic_store_n (&queue->header->state, state, __ATOMIC_SEQ_CST);
  futex_wake (&queue->header->state);
  _axds_log_queue_wake_all (queue);
}

/* Wakes every sleeper, so that each looks at the queue's state again. */
void
_axds_log_queue_wake_all (AxdsLogQueue *queue)
{
  AxdsLogQueueHeader *h = queue->header;

  __atomic_fetch_add (&h->space_seq, 1, __ATOMIC_SEQ_CST);
  futex_wake (&h->space_seq);
  __atomic_fetch_add (&h->commit_seq, 1, __ATOMIC_SEQ_CST);
  futex_wake (&h->commit_seq);
}

/* Stops new submissions; under the lock, so the write cursor the consumer sees afterwards is
 * final and it can drain up to it. Every submit that reserved its slot before returns TRUE and
 * its message is written (the consumer waits for its commit); every later one fails with
 * AXDS_ERROR_NOT_CONNECTED. Whoever asks (the owner, the logger on a signal or on its owner's
 * death), the effect is the same, and asking again does nothing more. */
void
_axds_log_queue_request_stop (AxdsLogQueue *queue)
{
  guint32 running = AXDS_LOGGER_STATE_RUNNING;

  lock_queue (queue);
  __atomic_store_n (&queue->header->stopping, 1, __ATOMIC_SEQ_CST);
  unlock_queue (queue);
  /* Shown by `axds log list` and the monitor while the queue drains; a logger still starting,
   * or already stopped or dead, keeps its state. */
  __atomic_compare_exchange_n (&queue->header->state, &running, AXDS_LOGGER_STATE_STOPPING, FALSE,
                               __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
  _axds_log_queue_wake_all (queue);
}

static gboolean
producer_dead (const AxdsLogSlot *slot)
{
  /* A zombie counts as dead: it never commits. */
  return !axds_pid_is_alive (slot->producer_pid, slot->producer_start_time);
}

static void
advance (AxdsLogQueue *queue,
         guint64       next)
{
  AxdsLogQueueHeader *h = queue->header;

  __atomic_store_n (&h->read_pos, next, __ATOMIC_SEQ_CST);
  __atomic_fetch_add (&h->space_seq, 1, __ATOMIC_SEQ_CST);
  if (__atomic_load_n (&h->producers_waiting, __ATOMIC_SEQ_CST))
    futex_wake (&h->space_seq);
}

/*
 * _axds_log_queue_next:
 *
 * The consumer's step: the next committed message, in ring order, or EMPTY after waiting up to
 * @wait_us (0: do not wait, negative: until something happens), or DRAINED once a stop was
 * requested and nothing is left. Padding and abandoned records are skipped here.
 */
AxdsLogNext
_axds_log_queue_next (AxdsLogQueue   *queue,
                      gint64          wait_us,
                      AxdsLogRecord  *record,
                      GError        **error)
{
  AxdsLogQueueHeader *h = queue->header;
  guint64 cap = queue->capacity;

  for (;;)
    {
      guint64 rp = h->read_pos;
      guint64 wp = __atomic_load_n (&h->write_pos, __ATOMIC_ACQUIRE);
      AxdsLogSlot *slot;
      guint64 off, size;
      guint32 state, seq;

      if (rp == wp)
        {
          if (__atomic_load_n (&h->stopping, __ATOMIC_ACQUIRE))
            {
              /* Stopping was set under the lock: re-read the cursor to be sure it is final. */
              if (__atomic_load_n (&h->write_pos, __ATOMIC_ACQUIRE) == rp)
                return AXDS_LOG_NEXT_DRAINED;
              continue;
            }
          if (wait_us == 0)
            return AXDS_LOG_NEXT_EMPTY;
          seq = __atomic_load_n (&h->commit_seq, __ATOMIC_SEQ_CST);
          __atomic_store_n (&h->consumer_waiting, 1, __ATOMIC_SEQ_CST);
          if (__atomic_load_n (&h->write_pos, __ATOMIC_SEQ_CST) == rp &&
              !__atomic_load_n (&h->stopping, __ATOMIC_SEQ_CST))
            futex_wait (&h->commit_seq, seq, wait_us);
          __atomic_store_n (&h->consumer_waiting, 0, __ATOMIC_SEQ_CST);
          if (__atomic_load_n (&h->write_pos, __ATOMIC_ACQUIRE) == rp &&
              !__atomic_load_n (&h->stopping, __ATOMIC_ACQUIRE))
            return AXDS_LOG_NEXT_EMPTY;
          continue;
        }

      off = rp % cap;
      slot = (AxdsLogSlot *) (void *) (queue->ring + off);
      state = __atomic_load_n (&slot->state, __ATOMIC_ACQUIRE);
      size = (AXDS_LOG_SLOT_SIZE + (guint64) slot->payload_len + AXDS_LOG_SLOT_SIZE - 1) /
             AXDS_LOG_SLOT_SIZE * AXDS_LOG_SLOT_SIZE;
      /* Producers may be buggy or hostile: a record must stay inside the ring and the cursor. */
      if (size > cap - off || size > wp - rp)
        {
          g_set_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT,
                       _("The queue of logger '%s' is corrupt: a record of %" PRIu64
                         " bytes at %" PRIu64 " overruns the ring"), queue->name, size, rp);
          return AXDS_LOG_NEXT_ERROR;
        }

      switch (state)
        {
        case AXDS_LOG_SLOT_COMMITTED:
          record->source_id = slot->source_id;
          record->acquisition_time = slot->acquisition_time;
          record->payload = (const guint8 *) slot + AXDS_LOG_SLOT_SIZE;
          record->payload_len = slot->payload_len;
          record->next_pos = rp + size;
          queue->stuck_pos = G_MAXUINT64;
          return AXDS_LOG_NEXT_RECORD;

        case AXDS_LOG_SLOT_PADDING:
        case AXDS_LOG_SLOT_ABANDONED:
          advance (queue, rp + size);
          continue;

        case AXDS_LOG_SLOT_RESERVED:
          {
            gint64 now = g_get_monotonic_time ();

            if (queue->stuck_pos != rp)
              {
                queue->stuck_pos = rp;
                queue->stuck_since = now;
              }
            else if (now - queue->stuck_since >= RESERVED_CHECK_US && producer_dead (slot))
              {
                guint32 expected = AXDS_LOG_SLOT_RESERVED;

                /* The producer never returned from submit: the message was not submitted. */
                if (__atomic_compare_exchange_n (&slot->state, &expected, AXDS_LOG_SLOT_ABANDONED,
                                                 FALSE, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
                  __atomic_fetch_add (&h->abandoned, 1, __ATOMIC_RELAXED);
                continue;
              }
            else if (now - queue->stuck_since >= RESERVED_CHECK_US)
              queue->stuck_since = now;  /* alive and slow: check again later */

            if (wait_us == 0)
              return AXDS_LOG_NEXT_EMPTY;
            /* The copy is in progress: wait for its commit, briefly, then look again. */
            seq = __atomic_load_n (&h->commit_seq, __ATOMIC_SEQ_CST);
            __atomic_store_n (&h->consumer_waiting, 1, __ATOMIC_SEQ_CST);
            if (__atomic_load_n (&slot->state, __ATOMIC_SEQ_CST) == AXDS_LOG_SLOT_RESERVED)
              futex_wait (&h->commit_seq, seq, MIN (RESERVED_CHECK_US, wait_us < 0 ? G_MAXINT64
                                                                                    : wait_us));
            __atomic_store_n (&h->consumer_waiting, 0, __ATOMIC_SEQ_CST);
            continue;
          }

        default:
          g_set_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT,
                       _("The queue of logger '%s' is corrupt: a record at %" PRIu64
                         " has state %u"), queue->name, rp, state);
          return AXDS_LOG_NEXT_ERROR;
        }
    }
}

/* Frees the space of a record returned by _axds_log_queue_next(); its pointers die here. */
void
_axds_log_queue_release (AxdsLogQueue        *queue,
                         const AxdsLogRecord *record)
{
  advance (queue, record->next_pos);
}

static void
stats_from_header (const AxdsLogQueueHeader *h,
                   AxdsLogQueueStats        *stats)
{
  guint64 wp, rp, done;

  memset (stats, 0, sizeof *stats);
  stats->name = g_strndup (h->name, sizeof h->name);
  stats->output_directory = g_strndup (h->output_directory, sizeof h->output_directory);
  stats->state = __atomic_load_n (&h->state, __ATOMIC_ACQUIRE);
  stats->logger_pid = __atomic_load_n (&h->logger_pid, __ATOMIC_ACQUIRE);
  stats->logger_alive = stats->logger_pid > 0 &&
                        axds_pid_is_alive (stats->logger_pid, h->logger_start_time);
  stats->owner_pid = h->owner_pid;
  stats->owner_alive = axds_pid_is_alive (h->owner_pid, h->owner_start_time);
  stats->creation_time = h->creation_time;
  stats->heartbeat_time = __atomic_load_n (&h->heartbeat_time, __ATOMIC_RELAXED);
  stats->n_workers = h->thread_count;
  stats->poll_interval_ms = h->poll_interval_ms;
  stats->capacity_bytes = h->capacity;
  rp = __atomic_load_n (&h->read_pos, __ATOMIC_ACQUIRE);
  wp = __atomic_load_n (&h->write_pos, __ATOMIC_ACQUIRE);
  stats->depth_bytes = wp >= rp ? MIN (wp - rp, h->capacity) : 0;
  stats->high_water_bytes = __atomic_load_n (&h->high_water_bytes, __ATOMIC_RELAXED);
  stats->submitted = __atomic_load_n (&h->submitted, __ATOMIC_ACQUIRE);
  stats->bytes_submitted = __atomic_load_n (&h->bytes_submitted, __ATOMIC_RELAXED);
  stats->written = __atomic_load_n (&h->written, __ATOMIC_ACQUIRE);
  stats->bytes_written = __atomic_load_n (&h->bytes_written, __ATOMIC_RELAXED);
  stats->failed_writes = __atomic_load_n (&h->failed_writes, __ATOMIC_ACQUIRE);
  stats->abandoned = __atomic_load_n (&h->abandoned, __ATOMIC_RELAXED);
  stats->submit_timeouts = __atomic_load_n (&h->submit_timeouts, __ATOMIC_RELAXED);
  done = stats->written + stats->failed_writes;
  stats->pending_messages = stats->submitted > done ? stats->submitted - done : 0;
  stats->high_water_messages = __atomic_load_n (&h->high_water_messages, __ATOMIC_RELAXED);
  stats->free_disk_bytes = __atomic_load_n (&h->free_disk_bytes, __ATOMIC_RELAXED);
  stats->disk_reserve_bytes = h->disk_reserve_bytes;
  stats->disk_alarm = __atomic_load_n (&h->disk_alarm, __ATOMIC_RELAXED) != 0;
}

/**
 * axds_log_queue_get_stats:
 * @queue: an #AxdsLogQueue
 * @stats: (out caller-allocates): filled; clear with axds_log_queue_stats_clear()
 *
 * Reads the logger's live statistics.
 */
void
axds_log_queue_get_stats (AxdsLogQueue      *queue,
                          AxdsLogQueueStats *stats)
{
  g_return_if_fail (queue != NULL && stats != NULL);
  stats_from_header (queue->header, stats);
}

/**
 * axds_log_queue_read_stats:
 * @name: a logger's instance name
 * @stats: (out caller-allocates): filled on success; clear with axds_log_queue_stats_clear()
 * @error: return location for a #GError
 *
 * Reads the live statistics of logger @name without connecting as a producer: the header is
 * mapped read-only, so a monitor can never disturb the logger.
 *
 * Returns: %TRUE on success
 */
gboolean
axds_log_queue_read_stats (const char         *name,
                           AxdsLogQueueStats  *stats,
                           GError            **error)
{
  g_autofree char *path = NULL;
  struct stat st;
  void *map;
  int fd;
  gboolean ok;

  g_return_val_if_fail (stats != NULL, FALSE);

  memset (stats, 0, sizeof *stats);
  if (!validate_name (name, error))
    return FALSE;
  path = _axds_log_queue_segment_path (name);
  fd = open (path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0)
    {
      int saved = errno;
      if (saved == ENOENT)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No logger named '%s' is running"),
                     name);
      else
        _axds_set_error_from_errno (error, saved, _("Cannot open the queue of logger '%s'"), name);
      return FALSE;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) ||
      (guint64) st.st_size < AXDS_LOG_QUEUE_HEADER_SIZE)
    {
      close (fd);
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT,
                   _("Shared memory segment of logger '%s' is not a libaxds log queue"), name);
      return FALSE;
    }
  map = mmap (NULL, AXDS_LOG_QUEUE_HEADER_SIZE, PROT_READ, MAP_SHARED, fd, 0);
  close (fd);
  if (map == MAP_FAILED)
    {
      _axds_set_error_from_errno (error, errno, _("Cannot map the queue of logger '%s'"), name);
      return FALSE;
    }
  ok = validate_header (map, (guint64) st.st_size, name, error);
  if (ok)
    stats_from_header (map, stats);
  munmap (map, AXDS_LOG_QUEUE_HEADER_SIZE);
  return ok;
}

static int
compare_stats_by_name (gconstpointer a,
                       gconstpointer b)
{
  const AxdsLogQueueStats *sa = *(AxdsLogQueueStats * const *) a;
  const AxdsLogQueueStats *sb = *(AxdsLogQueueStats * const *) b;

  return strcmp (sa->name, sb->name);
}

/**
 * axds_log_queue_list:
 * @error: return location for a #GError
 *
 * Finds every logger queue on the machine: running loggers, and the leftovers of loggers whose
 * processes died (their @logger_alive and @owner_alive are %FALSE).
 *
 * Returns: (transfer full) (element-type AxdsLogQueueStats): the loggers, sorted by name
 */
GPtrArray *
axds_log_queue_list (GError **error)
{
  g_autoptr(GPtrArray) result =
    g_ptr_array_new_with_free_func ((GDestroyNotify) axds_log_queue_stats_free);
  const char *dir_path = axds_shared_array_get_directory ();
  struct dirent *entry;
  DIR *dir;

  dir = opendir (dir_path);
  if (dir == NULL)
    {
      _axds_set_error_from_errno (error, errno, _("Cannot list shared memory in %s"), dir_path);
      return NULL;
    }
  while ((entry = readdir (dir)) != NULL)
    {
      AxdsLogQueueStats stats;

      if (!g_str_has_prefix (entry->d_name, AXDS_LOG_QUEUE_PREFIX))
        continue;
      if (axds_log_queue_read_stats (entry->d_name + strlen (AXDS_LOG_QUEUE_PREFIX), &stats,
                                     NULL))
        g_ptr_array_add (result, g_memdup2 (&stats, sizeof stats));
    }
  closedir (dir);
  g_ptr_array_sort (result, compare_stats_by_name);
  return g_steal_pointer (&result);
}

/**
 * axds_log_queue_stats_clear:
 * @stats: (nullable): statistics filled by this library
 *
 * Frees the strings of @stats (not @stats itself).
 */
void
axds_log_queue_stats_clear (AxdsLogQueueStats *stats)
{
  if (stats == NULL)
    return;
  g_clear_pointer (&stats->name, g_free);
  g_clear_pointer (&stats->output_directory, g_free);
}

/**
 * axds_log_queue_stats_free:
 * @stats: (nullable): statistics allocated by axds_log_queue_list()
 *
 * Frees @stats and its strings.
 */
void
axds_log_queue_stats_free (AxdsLogQueueStats *stats)
{
  if (stats == NULL)
    return;
  axds_log_queue_stats_clear (stats);
  g_free (stats);
}

/* ---------------------------------------------------------------------------------------------- */
/* Boxed types: what bindings and GValue carry                                                    */

G_DEFINE_BOXED_TYPE (AxdsLogQueue, axds_log_queue, axds_log_queue_ref, axds_log_queue_unref)
/**
 * axds_log_queue_stats_copy:
 * @self: a #AxdsLogQueueStats
 *
 * Makes a copy on the heap, for bindings and #GValue.
 *
 * Returns: (transfer full): the copy; free it with axds_log_queue_stats_free()
 */
AxdsLogQueueStats *
axds_log_queue_stats_copy (const AxdsLogQueueStats *self)
{
  AxdsLogQueueStats *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->name = g_strdup (self->name);
  copy->output_directory = g_strdup (self->output_directory);
  return copy;
}

G_DEFINE_BOXED_TYPE (AxdsLogQueueStats, axds_log_queue_stats, axds_log_queue_stats_copy,
                     axds_log_queue_stats_free)

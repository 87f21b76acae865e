/* axds-log-queue.h — the shared-memory queue that feeds a data logger from any process
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(AXDS_INSIDE) && !defined(AXDS_COMPILATION)
# error "Only <axds.h> can be included directly."
#endif

#include <glib-object.h>

#include "axds-version.h"

G_BEGIN_DECLS

/**
 * AxdsLogQueue:
 *
 * A producer's (or observer's) handle on the message queue of a running data logger, connected
 * by the logger's instance name. Any number of processes and threads may submit; the logger
 * process is the only consumer. Submitting to a full queue waits up to the submit timeout and
 * then fails: a message is never dropped silently.
 *
 * Handles are reference counted and thread-safe for submitting.
 */
typedef struct _AxdsLogQueue AxdsLogQueue;

#define AXDS_TYPE_LOG_QUEUE (axds_log_queue_get_type ())

AXDS_AVAILABLE_IN_ALL
GType axds_log_queue_get_type (void) G_GNUC_CONST;

/**
 * AxdsLoggerState:
 * @AXDS_LOGGER_STATE_STARTING: the queue exists, the logger process is not ready yet
 * @AXDS_LOGGER_STATE_RUNNING: the logger accepts messages
 * @AXDS_LOGGER_STATE_STOPPING: a stop was requested: no new messages, the queue drains
 * @AXDS_LOGGER_STATE_STOPPED: every message was written (or its failure counted)
 * @AXDS_LOGGER_STATE_FAILED: the logger process died before it was stopped
 */
typedef enum
{
  AXDS_LOGGER_STATE_STARTING = 0,
  AXDS_LOGGER_STATE_RUNNING,
  AXDS_LOGGER_STATE_STOPPING,
  AXDS_LOGGER_STATE_STOPPED,
  AXDS_LOGGER_STATE_FAILED,
} AxdsLoggerState;

/**
 * AxdsLogQueueStats:
 * @name: the logger's instance name
 * @output_directory: the folder its entries go to (`…/NAME_data_log`)
 * @state: the logger's state as recorded in the queue
 * @logger_pid: the logger process, 0 before it started
 * @logger_alive: whether that process still runs
 * @owner_pid: the process that started the logger
 * @owner_alive: whether that process still runs
 * @creation_time: when the queue was made, UTC µs since the epoch
 * @heartbeat_time: the logger's last sign of life, UTC µs since the epoch
 * @n_workers: writer threads of the logger
 * @poll_interval_ms: the logger's idle poll interval
 * @capacity_bytes: size of the ring buffer
 * @depth_bytes: bytes of the ring buffer in use
 * @high_water_bytes: the most bytes ever in use
 * @pending_messages: messages submitted and not yet on disk (or failed)
 * @high_water_messages: the most messages ever pending
 * @submitted: messages submitted
 * @bytes_submitted: payload bytes submitted
 * @written: messages written to disk
 * @bytes_written: bytes of the files written
 * @failed_writes: messages whose file could not be written
 * @abandoned: half-submitted messages of producers that died mid-submit (never counted as
 *   submitted)
 * @submit_timeouts: submits that gave up on a full queue
 * @free_disk_bytes: free space of the output folder, as last measured by the logger
 * @disk_reserve_bytes: the reserve below which the logger raises the disk alarm
 * @disk_alarm: whether free space is below the reserve
 *
 * A logger's live statistics, read from its queue's header; any process may read them.
 */
typedef struct
{
  char            *name;
  char            *output_directory;
  AxdsLoggerState  state;
  gint64           logger_pid;
  gboolean         logger_alive;
  gint64           owner_pid;
  gboolean         owner_alive;
  gint64           creation_time;
  gint64           heartbeat_time;
  guint            n_workers;
  guint            poll_interval_ms;
  guint64          capacity_bytes;
  guint64          depth_bytes;
  guint64          high_water_bytes;
  guint64          pending_messages;
  guint64          high_water_messages;
  guint64          submitted;
  guint64          bytes_submitted;
  guint64          written;
  guint64          bytes_written;
  guint64          failed_writes;
  guint64          abandoned;
  guint64          submit_timeouts;
  guint64          free_disk_bytes;
  guint64          disk_reserve_bytes;
  gboolean         disk_alarm;
} AxdsLogQueueStats;

#define AXDS_TYPE_LOG_QUEUE_STATS (axds_log_queue_stats_get_type ())

AXDS_AVAILABLE_IN_ALL
GType axds_log_queue_stats_get_type (void) G_GNUC_CONST;
AXDS_AVAILABLE_IN_ALL
AxdsLogQueueStats *axds_log_queue_stats_copy (const AxdsLogQueueStats *self);

/**
 * AXDS_LOG_QUEUE_DEFAULT_TIMEOUT_US:
 *
 * How long a submit waits for room by default (10 s).
 */
#define AXDS_LOG_QUEUE_DEFAULT_TIMEOUT_US (10 * G_USEC_PER_SEC)

AXDS_AVAILABLE_IN_ALL
AxdsLogQueue *axds_log_queue_open                (const char         *name,
                                                  GError            **error);
AXDS_AVAILABLE_IN_ALL
AxdsLogQueue *axds_log_queue_ref                 (AxdsLogQueue       *queue);
AXDS_AVAILABLE_IN_ALL
void          axds_log_queue_unref               (AxdsLogQueue       *queue);
AXDS_AVAILABLE_IN_ALL
const char   *axds_log_queue_get_name            (AxdsLogQueue       *queue);
AXDS_AVAILABLE_IN_ALL
gsize         axds_log_queue_get_max_message_size (AxdsLogQueue      *queue);
AXDS_AVAILABLE_IN_ALL
void          axds_log_queue_set_timeout         (AxdsLogQueue       *queue,
                                                  gint64              timeout_us);
AXDS_AVAILABLE_IN_ALL
gboolean      axds_log_queue_submit              (AxdsLogQueue       *queue,
                                                  guint8              source_id,
                                                  guint64             acquisition_time,
                                                  gconstpointer       data,
                                                  gsize               len,
                                                  GError            **error);
AXDS_AVAILABLE_IN_ALL
gboolean      axds_log_queue_submit_onset        (AxdsLogQueue       *queue,
                                                  guint8              source_id,
                                                  gint64             *onset_us,
                                                  GError            **error);
AXDS_AVAILABLE_IN_ALL
void          axds_log_queue_get_stats           (AxdsLogQueue       *queue,
                                                  AxdsLogQueueStats  *stats);
AXDS_AVAILABLE_IN_ALL
gboolean      axds_log_queue_read_stats          (const char         *name,
                                                  AxdsLogQueueStats  *stats,
                                                  GError            **error);
AXDS_AVAILABLE_IN_ALL
GPtrArray    *axds_log_queue_list                (GError            **error);
AXDS_AVAILABLE_IN_ALL
void          axds_log_queue_stats_clear         (AxdsLogQueueStats  *stats);
AXDS_AVAILABLE_IN_ALL
void          axds_log_queue_stats_free          (AxdsLogQueueStats  *stats);
AXDS_AVAILABLE_IN_ALL
const char   *axds_logger_state_to_string        (AxdsLoggerState     state);
AXDS_AVAILABLE_IN_ALL
char         *axds_log_entry_file_name           (guint8              source_id,
                                                  guint64             acquisition_time);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AxdsLogQueue, axds_log_queue_unref)

G_END_DECLS

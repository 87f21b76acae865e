/* axds-log-queue-private.h — the shared-memory layout of a logger's queue
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <pthread.h>
#include <stddef.h>

#include "axds-log-queue.h"

G_BEGIN_DECLS

#define AXDS_LOG_QUEUE_MAGIC        "AXDSLOG\x01"
#define AXDS_LOG_QUEUE_MAGIC_LEN    8
#define AXDS_LOG_QUEUE_VERSION      1
#define AXDS_LOG_QUEUE_HEADER_SIZE  4096
#define AXDS_LOG_QUEUE_PREFIX       "axds-logq-"
#define AXDS_LOG_QUEUE_NAME_MAX     120
#define AXDS_LOG_QUEUE_PATH_MAX     2048
#define AXDS_LOG_SLOT_SIZE          32     /* slot header, also the record alignment */
#define AXDS_LOG_QUEUE_DEFAULT_CAPACITY (32u * 1024 * 1024)
#define AXDS_LOG_QUEUE_MIN_CAPACITY     (64u * 1024)
#define AXDS_LOG_QUEUE_MAX_CAPACITY     ((guint64) 4 * 1024 * 1024 * 1024)

/* States of a slot (AxdsLogSlot.state). */
enum
{
  AXDS_LOG_SLOT_RESERVED  = 1,  /* a producer is copying its message in */
  AXDS_LOG_SLOT_COMMITTED = 2,  /* the message is complete */
  AXDS_LOG_SLOT_PADDING   = 3,  /* filler up to the end of the ring */
  AXDS_LOG_SLOT_ABANDONED = 4,  /* its producer died before committing */
};

/* Each record in the ring: this header then the payload, rounded up to AXDS_LOG_SLOT_SIZE. */
typedef struct
{
  guint32 state;             /* atomic: AXDS_LOG_SLOT_* */
  guint32 payload_len;
  gint32  producer_pid;
  guint8  source_id;
  guint8  reserved[3];
  guint64 acquisition_time;
  guint64 producer_start_time;
} AxdsLogSlot;

/*
 * /dev/shm/axds-logq-NAME (all little-endian):
 *
 *   0..2047     immutable description, written once before the segment gets its name
 *   2048..2111  the robust process-shared mutex producers reserve space under
 *   2112..2175  producer side: the write cursor and the futex words producers sleep on
 *   2176..2239  consumer side: the read cursor, the logger's identity and heartbeat
 *   2240..2367  statistics, updated with atomics, readable by any process
 *   4096..      the ring buffer, capacity bytes
 *
 * Cursors count bytes since creation (64-bit, never wrap); a record sits at cursor % capacity.
 */
typedef struct
{
  char    magic[AXDS_LOG_QUEUE_MAGIC_LEN];
  guint32 version;
  guint32 header_size;
  guint64 capacity;
  gint64  owner_pid;
  guint64 owner_start_time;
  gint64  creation_time;
  guint32 thread_count;
  guint32 poll_interval_ms;
  guint64 disk_reserve_bytes;
  char    name[AXDS_LOG_QUEUE_NAME_MAX + 8];
  char    output_directory[AXDS_LOG_QUEUE_PATH_MAX - 128 - 64];
  union
  {
    pthread_mutex_t mutex;
    guint8          pad[64];
  } lock;
  /* Producer side. */
  guint64 write_pos;          /* atomic; written under the lock */
  guint64 high_water_bytes;   /* under the lock */
  guint32 space_seq;          /* futex: bumped whenever the consumer frees space */
  guint32 producers_waiting;  /* atomic: producers sleeping on space_seq */
  guint32 state;              /* atomic, futex: AxdsLoggerState */
  guint32 stopping;           /* atomic; set under the lock */
  guint8  reserved1[32];
  /* Consumer side. */
  guint64 read_pos;           /* atomic; written by the consumer only */
  guint32 commit_seq;         /* futex: bumped by every commit */
  guint32 consumer_waiting;   /* atomic: the consumer sleeps on commit_seq */
  gint64  logger_pid;
  guint64 logger_start_time;
  gint64  heartbeat_time;     /* atomic */
  guint32 stop_signal;        /* atomic: the signal that stopped the logger, 0 if none did */
  guint8  reserved2[20];
  /* Statistics (atomics). */
  guint64 submitted;
  guint64 bytes_submitted;
  guint64 written;
  guint64 bytes_written;
  guint64 failed_writes;
  guint64 abandoned;
  guint64 submit_timeouts;
  guint64 free_disk_bytes;
  guint64 high_water_messages;
  guint32 disk_alarm;
  guint32 last_errno;
  guint8  reserved3[48];
} AxdsLogQueueHeader;

G_STATIC_ASSERT (G_BYTE_ORDER == G_LITTLE_ENDIAN);
G_STATIC_ASSERT (sizeof (pthread_mutex_t) <= 64);
G_STATIC_ASSERT (sizeof (AxdsLogSlot) == AXDS_LOG_SLOT_SIZE);
G_STATIC_ASSERT (offsetof (AxdsLogSlot, acquisition_time) == 16);
G_STATIC_ASSERT (offsetof (AxdsLogQueueHeader, version) == 8);
G_STATIC_ASSERT (offsetof (AxdsLogQueueHeader, capacity) == 16);
G_STATIC_ASSERT (offsetof (AxdsLogQueueHeader, owner_pid) == 24);
G_STATIC_ASSERT (offsetof (AxdsLogQueueHeader, thread_count) == 48);
G_STATIC_ASSERT (offsetof (AxdsLogQueueHeader, disk_reserve_bytes) == 56);
G_STATIC_ASSERT (offsetof (AxdsLogQueueHeader, name) == 64);
G_STATIC_ASSERT (offsetof (AxdsLogQueueHeader, output_directory) == 192);
G_STATIC_ASSERT (offsetof (AxdsLogQueueHeader, lock) == 2048);
G_STATIC_ASSERT (offsetof (AxdsLogQueueHeader, write_pos) == 2112);
G_STATIC_ASSERT (offsetof (AxdsLogQueueHeader, space_seq) == 2128);
G_STATIC_ASSERT (offsetof (AxdsLogQueueHeader, state) == 2136);
G_STATIC_ASSERT (offsetof (AxdsLogQueueHeader, read_pos) == 2176);
G_STATIC_ASSERT (offsetof (AxdsLogQueueHeader, commit_seq) == 2184);
G_STATIC_ASSERT (offsetof (AxdsLogQueueHeader, logger_pid) == 2192);
G_STATIC_ASSERT (offsetof (AxdsLogQueueHeader, heartbeat_time) == 2208);
G_STATIC_ASSERT (offsetof (AxdsLogQueueHeader, stop_signal) == 2216);
G_STATIC_ASSERT (offsetof (AxdsLogQueueHeader, submitted) == 2240);
G_STATIC_ASSERT (offsetof (AxdsLogQueueHeader, disk_alarm) == 2312);
G_STATIC_ASSERT (sizeof (AxdsLogQueueHeader) == 2368);
G_STATIC_ASSERT (sizeof (AxdsLogQueueHeader) <= AXDS_LOG_QUEUE_HEADER_SIZE);

/* A message the consumer took from the ring: pointers into shared memory, valid until
 * _axds_log_queue_release(). */
typedef struct
{
  guint8        source_id;
  guint64       acquisition_time;
  const guint8 *payload;
  gsize         payload_len;
  guint64       next_pos;
} AxdsLogRecord;

typedef enum
{
  AXDS_LOG_NEXT_RECORD,
  AXDS_LOG_NEXT_EMPTY,
  AXDS_LOG_NEXT_DRAINED,
  AXDS_LOG_NEXT_ERROR,
} AxdsLogNext;

typedef struct
{
  guint64     capacity;
  const char *output_directory;
  guint       thread_count;
  guint       poll_interval_ms;
  guint64     disk_reserve_bytes;
} AxdsLogQueueConfig;

AxdsLogQueue       *_axds_log_queue_create        (const char               *name,
                                                   const AxdsLogQueueConfig *config,
                                                   GError                  **error);
void                _axds_log_queue_unlink        (AxdsLogQueue             *queue);
AxdsLogQueueHeader *_axds_log_queue_get_header    (AxdsLogQueue             *queue);
void                _axds_log_queue_set_state     (AxdsLogQueue             *queue,
                                                   AxdsLoggerState           state);
void                _axds_log_queue_request_stop  (AxdsLogQueue             *queue);
AxdsLogNext         _axds_log_queue_next          (AxdsLogQueue             *queue,
                                                   gint64                    wait_us,
                                                   AxdsLogRecord            *record,
                                                   GError                  **error);
void                _axds_log_queue_release       (AxdsLogQueue             *queue,
                                                   const AxdsLogRecord      *record);
void                _axds_log_queue_wake_all      (AxdsLogQueue             *queue);
char               *_axds_log_queue_segment_path  (const char               *name);
gboolean            _axds_log_queue_reserve_only  (AxdsLogQueue             *queue,
                                                   guint8                    source_id,
                                                   guint64                   acquisition_time,
                                                   gsize                     len,
                                                   GError                  **error);

G_END_DECLS

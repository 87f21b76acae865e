/* axds-shared-array-private.h — the shared-memory header of libaxds arrays
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <pthread.h>
#include <stddef.h>

#include "axds-shared-array.h"

G_BEGIN_DECLS

#define AXDS_SHM_MAGIC       "AXDSARR\x01"
#define AXDS_SHM_MAGIC_LEN   8
#define AXDS_SHM_VERSION     1
#define AXDS_SHM_HEADER_SIZE 256

#define AXDS_SHM_STATE_DESTROYED (1u << 0)

/*
 * Layout of /dev/shm/NAME for an array made by libaxds (all little-endian):
 *
 *   0..127    immutable description, written once before the segment gets its name
 *   128..191  the robust process-shared mutex (its own cache line)
 *   192..255  counters that change with every write (their own cache line)
 *   256..     the data, C order, 64-byte aligned
 *
 * Immutable fields are read once, validated and copied into the handle; nothing is taken from
 * shared memory again, so a hostile or buggy process rewriting them cannot make us read out of
 * bounds. Counters are accessed only with atomic builtins.
 *
 * Lock-free snapshots follow the seqlock pattern. Every write bumps @write_count before touching
 * the data and marks itself in progress: a writer holding the lock sets @locked_writing (a flag,
 * since there is at most one), writers without the lock add to @writers. A reader copies the data
 * only while no write is in progress and keeps the copy only if @write_count did not change
 * meanwhile. Keeping the locked writer as a flag lets the next locker undo it when the writer died
 * mid-write (EOWNERDEAD), so readers never wait on a dead process.
 */
typedef struct
{
  char    magic[AXDS_SHM_MAGIC_LEN];  /* AXDS_SHM_MAGIC, stored last at creation */
  guint32 version;                    /* AXDS_SHM_VERSION */
  guint32 header_size;                /* offset of the data */
  char    dtype[8];                   /* NumPy type string, NUL-padded */
  guint32 ndim;
  guint32 reserved0;
  guint64 shape[AXDS_MAX_DIMS];
  guint64 nbytes;                     /* bytes of data */
  gint64  creator_pid;
  guint64 creator_start_time;         /* /proc/PID/stat starttime, to tell a reused pid */
  gint64  creation_time;              /* UTC µs since the epoch */
  union
  {
    pthread_mutex_t mutex;
    guint8          pad[64];
  } lock;
  guint64 write_count;                /* atomic: writes started since creation */
  guint32 writers;                    /* atomic: writes without the lock in progress */
  guint32 locked_writing;             /* atomic: 1 while the lock holder writes */
  guint32 state;                      /* atomic: AXDS_SHM_STATE_* */
  guint8  reserved[44];
} AxdsShmHeader;

G_STATIC_ASSERT (sizeof (pthread_mutex_t) <= 64);
G_STATIC_ASSERT (sizeof (AxdsShmHeader) == AXDS_SHM_HEADER_SIZE);
G_STATIC_ASSERT (offsetof (AxdsShmHeader, version) == 8);
G_STATIC_ASSERT (offsetof (AxdsShmHeader, header_size) == 12);
G_STATIC_ASSERT (offsetof (AxdsShmHeader, dtype) == 16);
G_STATIC_ASSERT (offsetof (AxdsShmHeader, ndim) == 24);
G_STATIC_ASSERT (offsetof (AxdsShmHeader, shape) == 32);
G_STATIC_ASSERT (offsetof (AxdsShmHeader, nbytes) == 96);
G_STATIC_ASSERT (offsetof (AxdsShmHeader, creator_pid) == 104);
G_STATIC_ASSERT (offsetof (AxdsShmHeader, creator_start_time) == 112);
G_STATIC_ASSERT (offsetof (AxdsShmHeader, creation_time) == 120);
G_STATIC_ASSERT (offsetof (AxdsShmHeader, lock) == 128);
G_STATIC_ASSERT (offsetof (AxdsShmHeader, write_count) == 192);
G_STATIC_ASSERT (offsetof (AxdsShmHeader, writers) == 200);
G_STATIC_ASSERT (offsetof (AxdsShmHeader, locked_writing) == 204);
G_STATIC_ASSERT (offsetof (AxdsShmHeader, state) == 208);
G_STATIC_ASSERT (G_BYTE_ORDER == G_LITTLE_ENDIAN);

/* What a validated header describes; filled only from checked values. */
typedef struct
{
  AxdsDtype dtype;
  guint     ndim;
  guint64   shape[AXDS_MAX_DIMS];
  guint64   n_elements;
  guint64   nbytes;
  guint32   header_size;
  guint32   version;
} AxdsShmLayout;

gboolean _axds_shm_header_validate (const guint8  *bytes,
                                    gsize          len,
                                    guint64        file_size,
                                    const char    *name,
                                    AxdsShmLayout *layout,
                                    GError       **error);

G_END_DECLS

/* axds-shared-array.h — n-dimensional typed arrays in POSIX shared memory
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(AXDS_INSIDE) && !defined(AXDS_COMPILATION)
# error "Only <axds.h> can be included directly."
#endif

#include <sys/types.h>

#include "axds-dtype.h"

G_BEGIN_DECLS

/**
 * AxdsSharedArray:
 *
 * The C counterpart of Python's `SharedMemoryArray`: a handle on an n-dimensional typed array in
 * POSIX shared memory (`/dev/shm/NAME`) that many processes read and write.
 *
 * Arrays made by libaxds carry a self-describing header (dtype, shape, creator, a write counter
 * and a robust process-shared lock), so any process connects with the name alone. Buffers made by
 * Python's `multiprocessing.shared_memory` have no header: attach to them with
 * axds_shared_array_new_raw() and the dtype and shape they were made with.
 *
 * Handles are reference counted and not thread-safe: give each thread its own handle (they may
 * share one segment), or serialise their use.
 */
typedef struct _AxdsSharedArray AxdsSharedArray;

#define AXDS_TYPE_SHARED_ARRAY (axds_shared_array_get_type ())

AXDS_AVAILABLE_IN_ALL
GType axds_shared_array_get_type (void) G_GNUC_CONST;

/**
 * AxdsSharedArrayGuard:
 *
 * A scoped section of direct access to an array's data, opened by axds_shared_array_access()
 * and closed by axds_shared_array_guard_unref() (or `g_autoptr` at the end of the scope).
 */
typedef struct _AxdsSharedArrayGuard AxdsSharedArrayGuard;

#define AXDS_TYPE_SHARED_ARRAY_GUARD (axds_shared_array_guard_get_type ())

AXDS_AVAILABLE_IN_ALL
GType axds_shared_array_guard_get_type (void) G_GNUC_CONST;

/**
 * AxdsSharedArrayInfo:
 * @name: the segment name (without the leading `/`)
 * @dtype: element type
 * @ndim: number of dimensions
 * @shape: the dimensions, @ndim of them
 * @nbytes: size of the data in bytes
 * @creator_pid: process that created the array
 * @creator_alive: whether that process still runs (checked against its start time, so a reused
 *   pid does not count)
 * @creation_time: creation time, UTC microseconds since the epoch
 * @write_count: number of writes since creation
 * @header_version: version of the segment header
 *
 * What axds_shared_array_list() reads from each array's header, without mapping it.
 */
typedef struct
{
  char     *name;
  AxdsDtype dtype;
  guint     ndim;
  guint64   shape[AXDS_MAX_DIMS];
  guint64   nbytes;
  gint64    creator_pid;
  gboolean  creator_alive;
  gint64    creation_time;
  guint64   write_count;
  guint     header_version;
} AxdsSharedArrayInfo;

#define AXDS_TYPE_SHARED_ARRAY_INFO (axds_shared_array_info_get_type ())

AXDS_AVAILABLE_IN_ALL
GType axds_shared_array_info_get_type (void) G_GNUC_CONST;
AXDS_AVAILABLE_IN_ALL
AxdsSharedArrayInfo *axds_shared_array_info_copy (const AxdsSharedArrayInfo *self);

/**
 * AxdsSharedArrayCreateFlags:
 * @AXDS_SHARED_ARRAY_CREATE_NONE: fail with %G_IO_ERROR_EXISTS when the name is taken
 * @AXDS_SHARED_ARRAY_CREATE_EXISTS_OK: replace an existing buffer of that name
 */
typedef enum
{
  AXDS_SHARED_ARRAY_CREATE_NONE      = 0,
  AXDS_SHARED_ARRAY_CREATE_EXISTS_OK = 1 << 0,
} AxdsSharedArrayCreateFlags;

/**
 * AxdsAccessFlags:
 * @AXDS_ACCESS_NONE: read without the lock
 * @AXDS_ACCESS_LOCK: hold the array's lock for the access
 * @AXDS_ACCESS_WRITE: the section writes: bumps the write counter and tells lock-free readers
 */
typedef enum
{
  AXDS_ACCESS_NONE  = 0,
  AXDS_ACCESS_LOCK  = 1 << 0,
  AXDS_ACCESS_WRITE = 1 << 1,
} AxdsAccessFlags;

/**
 * AXDS_SHARED_ARRAY_NAME_MAX:
 *
 * The longest array name, in bytes.
 */
#define AXDS_SHARED_ARRAY_NAME_MAX 200

AXDS_AVAILABLE_IN_ALL
gboolean          axds_shared_array_validate_name   (const char                 *name,
                                                     GError                    **error);

AXDS_AVAILABLE_IN_ALL
AxdsSharedArray  *axds_shared_array_create          (const char                 *name,
                                                     AxdsDtype                   dtype,
                                                     guint                       ndim,
                                                     const guint64              *shape,
                                                     gconstpointer               data,
                                                     gsize                       data_len,
                                                     AxdsSharedArrayCreateFlags  flags,
                                                     GError                    **error);
AXDS_AVAILABLE_IN_ALL
AxdsSharedArray  *axds_shared_array_new             (const char                 *name);
AXDS_AVAILABLE_IN_ALL
AxdsSharedArray  *axds_shared_array_new_raw         (const char                 *name,
                                                     AxdsDtype                   dtype,
                                                     guint                       ndim,
                                                     const guint64              *shape);
AXDS_AVAILABLE_IN_ALL
AxdsSharedArray  *axds_shared_array_open            (const char                 *name,
                                                     GError                    **error);
AXDS_AVAILABLE_IN_ALL
AxdsSharedArray  *axds_shared_array_ref             (AxdsSharedArray            *self);
AXDS_AVAILABLE_IN_ALL
void              axds_shared_array_unref           (AxdsSharedArray            *self);

AXDS_AVAILABLE_IN_ALL
gboolean          axds_shared_array_connect         (AxdsSharedArray            *self,
                                                     GError                    **error);
AXDS_AVAILABLE_IN_ALL
void              axds_shared_array_disconnect      (AxdsSharedArray            *self);
AXDS_AVAILABLE_IN_ALL
gboolean          axds_shared_array_destroy         (AxdsSharedArray            *self,
                                                     gboolean                    force,
                                                     GError                    **error);
AXDS_AVAILABLE_IN_ALL
void              axds_shared_array_enable_buffer_destruction (AxdsSharedArray  *self);
AXDS_AVAILABLE_IN_ALL
gboolean          axds_shared_array_unlink          (const char                 *name,
                                                     GError                    **error);

AXDS_AVAILABLE_IN_ALL
const char       *axds_shared_array_get_name        (AxdsSharedArray            *self);
AXDS_AVAILABLE_IN_ALL
AxdsDtype         axds_shared_array_get_dtype       (AxdsSharedArray            *self);
AXDS_AVAILABLE_IN_ALL
guint             axds_shared_array_get_ndim        (AxdsSharedArray            *self);
AXDS_AVAILABLE_IN_ALL
const guint64    *axds_shared_array_get_shape       (AxdsSharedArray            *self,
                                                     guint                      *ndim);
AXDS_AVAILABLE_IN_ALL
guint64           axds_shared_array_get_n_elements  (AxdsSharedArray            *self);
AXDS_AVAILABLE_IN_ALL
gsize             axds_shared_array_get_nbytes      (AxdsSharedArray            *self);
AXDS_AVAILABLE_IN_ALL
gboolean          axds_shared_array_is_connected    (AxdsSharedArray            *self);
AXDS_AVAILABLE_IN_ALL
gboolean          axds_shared_array_is_raw          (AxdsSharedArray            *self);
AXDS_AVAILABLE_IN_ALL
gboolean          axds_shared_array_is_creator      (AxdsSharedArray            *self);
AXDS_AVAILABLE_IN_ALL
gboolean          axds_shared_array_is_stale        (AxdsSharedArray            *self);
AXDS_AVAILABLE_IN_ALL
gint64            axds_shared_array_get_creator_pid (AxdsSharedArray            *self);
AXDS_AVAILABLE_IN_ALL
gboolean          axds_shared_array_is_creator_alive (AxdsSharedArray          *self);
AXDS_AVAILABLE_IN_ALL
gint64            axds_shared_array_get_creation_time (AxdsSharedArray          *self);
AXDS_AVAILABLE_IN_ALL
guint64           axds_shared_array_get_write_count (AxdsSharedArray            *self);
AXDS_AVAILABLE_IN_ALL
void              axds_shared_array_set_lock_timeout (AxdsSharedArray           *self,
                                                      gint64                     timeout_us);
AXDS_AVAILABLE_IN_ALL
void              axds_shared_array_set_snapshot_timeout (AxdsSharedArray       *self,
                                                          gint64                 timeout_us);

AXDS_AVAILABLE_IN_ALL
gboolean          axds_shared_array_lock            (AxdsSharedArray            *self,
                                                     gboolean                   *recovered,
                                                     GError                    **error);
AXDS_AVAILABLE_IN_ALL
void              axds_shared_array_unlock          (AxdsSharedArray            *self);

AXDS_AVAILABLE_IN_ALL
gboolean          axds_shared_array_read            (AxdsSharedArray            *self,
                                                     guint64                     offset,
                                                     guint64                     count,
                                                     gpointer                    dest,
                                                     AxdsAccessFlags             flags,
                                                     GError                    **error);
AXDS_AVAILABLE_IN_ALL
gboolean          axds_shared_array_write           (AxdsSharedArray            *self,
                                                     guint64                     offset,
                                                     guint64                     count,
                                                     gconstpointer               src,
                                                     AxdsAccessFlags             flags,
                                                     GError                    **error);
AXDS_AVAILABLE_IN_ALL
gboolean          axds_shared_array_snapshot        (AxdsSharedArray            *self,
                                                     gpointer                    dest,
                                                     gsize                       dest_len,
                                                     guint64                    *write_count,
                                                     GError                    **error);

AXDS_AVAILABLE_IN_ALL
AxdsSharedArrayGuard *axds_shared_array_access      (AxdsSharedArray            *self,
                                                     AxdsAccessFlags             flags,
                                                     GError                    **error);
AXDS_AVAILABLE_IN_ALL
gpointer          axds_shared_array_guard_get_data  (AxdsSharedArrayGuard       *guard);
AXDS_AVAILABLE_IN_ALL
gboolean          axds_shared_array_guard_is_recovered (AxdsSharedArrayGuard   *guard);
AXDS_AVAILABLE_IN_ALL
AxdsSharedArrayGuard *axds_shared_array_guard_ref   (AxdsSharedArrayGuard       *guard);
AXDS_AVAILABLE_IN_ALL
void              axds_shared_array_guard_unref     (AxdsSharedArrayGuard       *guard);

AXDS_AVAILABLE_IN_ALL
GPtrArray        *axds_shared_array_list            (GError                    **error);
AXDS_AVAILABLE_IN_ALL
gboolean          axds_shared_array_read_info       (const char                 *name,
                                                     AxdsSharedArrayInfo        *info,
                                                     GError                    **error);
AXDS_AVAILABLE_IN_ALL
void              axds_shared_array_info_clear      (AxdsSharedArrayInfo        *info);
AXDS_AVAILABLE_IN_ALL
void              axds_shared_array_info_free       (AxdsSharedArrayInfo        *info);
AXDS_AVAILABLE_IN_ALL
const char       *axds_shared_array_get_directory   (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AxdsSharedArray, axds_shared_array_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AxdsSharedArrayGuard, axds_shared_array_guard_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AxdsSharedArrayInfo, axds_shared_array_info_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AxdsSharedArrayInfo, axds_shared_array_info_clear)

G_END_DECLS

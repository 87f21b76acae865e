/* axds-shared-array.c
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * A segment appears under its name only when complete: it is built under a hidden temporary name
 * in the same tmpfs, then hard-linked to the final name (which fails atomically when the name is
 * taken) or, with EXISTS_OK, renamed over the old one. A connecting process therefore never sees
 * a half-initialised header, and a creator that crashes mid-way leaves no array behind.
 *
 * Locking uses a robust, process-shared, error-checking pthread mutex in the header: when its
 * holder dies the kernel marks it, and the next locker recovers it (EOWNERDEAD) and is told that
 * the data may be inconsistent. See axds-shared-array-private.h for the lock-free snapshot.
 */

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <gio/gio.h>

#include "axds-error.h"
#include "axds-error-private.h"
#include "axds-i18n-private.h"
#include "axds-process-private.h"
#include "axds-shared-array-private.h"

/* How long a lock-free snapshot waits for writers by default before it gives up. */
#define DEFAULT_SNAPSHOT_TIMEOUT_US (1 * G_USEC_PER_SEC)
/* After this long busy, a snapshot probes the lock for a dead holder to recover. */
#define SNAPSHOT_PROBE_AFTER_US     (20 * 1000)

struct _AxdsSharedArray
{
  gatomicrefcount ref_count;

  char           *name;
  char           *path;

  /* Copied from the validated header (or given for raw buffers); never re-read. */
  gboolean        described;
  AxdsDtype       dtype;
  guint           ndim;
  guint64         shape[AXDS_MAX_DIMS];
  guint64         n_elements;
  gsize           nbytes;
  gint64          creator_pid;
  guint64         creator_start_time;
  gint64          creation_time;

  guint           raw : 1;
  guint           creator : 1;
  guint           destroy_on_free : 1;
  guint           holding_lock : 1;

  gint64          lock_timeout_us;
  gint64          snapshot_timeout_us;

  /* Connection state. Writes opened by guards and not yet ended are counted, so disconnecting
   * can end them rather than leave readers waiting on a write that never finishes; guards from
   * an earlier connection (another generation) then leave the counters alone. */
  guint           generation;
  guint           open_unlocked_writes;
  guint           open_locked_write : 1;
  guint8         *map;
  gsize           map_len;
  AxdsShmHeader  *header;   /* NULL for raw buffers */
  guint8         *data;
  dev_t           dev;
  ino_t           ino;
};

struct _AxdsSharedArrayGuard
{
  gatomicrefcount  ref_count;
  AxdsSharedArray *array;
  AxdsAccessFlags  flags;
  guint            generation;
  gboolean         recovered;
  gboolean         locked_write;
};

/**
 * axds_shared_array_get_directory:
 *
 * The folder holding POSIX shared memory: `/dev/shm`, where Python's `shared_memory` puts its
 * segments too. The environment variable `AXDS_SHM_DIR` overrides it (for tests on a small tmpfs).
 *
 * Returns: the folder
 */
const char *
axds_shared_array_get_directory (void)
{
  const char *dir = g_getenv ("AXDS_SHM_DIR");

  return (dir != NULL && *dir != '\0') ? dir : "/dev/shm";
}

/**
 * axds_shared_array_validate_name:
 * @name: a candidate array name
 * @error: return location for a #GError
 *
 * A name is 1 to %AXDS_SHARED_ARRAY_NAME_MAX bytes of valid UTF-8 without `/` or control
 * characters, and does not start with `.` (hidden names are reserved for segments under
 * construction). A leading `/`, as POSIX shm_open() spells names, is accepted and dropped by
 * the functions taking names.
 *
 * Returns: %TRUE when @name is valid
 */
gboolean
axds_shared_array_validate_name (const char  *name,
                                 GError     **error)
{
  if (name != NULL && name[0] == '/')
    name++;

  if (name == NULL || *name == '\0')
    {
      g_set_error_literal (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                           _("Invalid shared array name: the name is empty"));
      return FALSE;
    }
  if (strlen (name) > AXDS_SHARED_ARRAY_NAME_MAX || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                   _("Invalid shared array name: longer than %d bytes or not UTF-8"),
                   AXDS_SHARED_ARRAY_NAME_MAX);
      return FALSE;
    }
  if (name[0] == '.')
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                   _("Invalid shared array name '%s': names must not start with '.'"), name);
      return FALSE;
    }
  for (const char *p = name; *p; p++)
    {
      if (*p == '/' || g_ascii_iscntrl (*p))
        {
          g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                       _("Invalid shared array name '%s': names must not contain '/' or control "
                         "characters"), name);
          return FALSE;
        }
    }
  return TRUE;
}

static AxdsSharedArray *
shared_array_alloc (const char *name)
{
  AxdsSharedArray *self = g_new0 (AxdsSharedArray, 1);

  if (name[0] == '/')
    name++;
  g_atomic_ref_count_init (&self->ref_count);
  self->name = g_strdup (name);
  self->path = g_build_filename (axds_shared_array_get_directory (), name, NULL);
  self->lock_timeout_us = -1;
  self->snapshot_timeout_us = DEFAULT_SNAPSHOT_TIMEOUT_US;
  return self;
}

static void
set_description (AxdsSharedArray *self,
                 AxdsDtype        dtype,
                 guint            ndim,
                 const guint64   *shape,
                 guint64          n_elements)
{
  self->described = TRUE;
  self->dtype = dtype;
  self->ndim = ndim;
  memset (self->shape, 0, sizeof self->shape);
  memcpy (self->shape, shape, ndim * sizeof (guint64));
  self->n_elements = n_elements;
  self->nbytes = n_elements * axds_dtype_get_itemsize (dtype);
}

/**
 * _axds_shm_header_validate:
 * @bytes: the first @len bytes of a segment
 * @len: at least %AXDS_SHM_HEADER_SIZE
 * @file_size: size of the whole segment
 * @name: the segment's name, for messages
 * @layout: (out): the described array
 * @error: return location for a #GError
 *
 * Checks a header read from shared memory, which any process may have written: magic, version,
 * dtype, shape, the data size against the shape and the segment size.
 */
gboolean
_axds_shm_header_validate (const guint8  *bytes,
                           gsize          len,
                           guint64        file_size,
                           const char    *name,
                           AxdsShmLayout *layout,
                           GError       **error)
{
  AxdsShmHeader h;
  char dtype_str[sizeof h.dtype + 1];
  guint64 n_elements, nbytes;
  g_autoptr(GError) local_error = NULL;

  if (len < sizeof h || file_size < sizeof h)
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT,
                   _("Shared memory segment '%s' is not a libaxds array: %" PRIu64
                     " bytes is smaller than the header (connect to a Python-made buffer with a "
                     "raw attach instead)"), name, file_size);
      return FALSE;
    }
  memcpy (&h, bytes, sizeof h);

  if (memcmp (h.magic, AXDS_SHM_MAGIC, AXDS_SHM_MAGIC_LEN - 1) != 0)
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT,
                   _("Shared memory segment '%s' is not a libaxds array (no header; connect to a "
                     "Python-made buffer with a raw attach instead)"), name);
      return FALSE;
    }
  if ((guint8) h.magic[AXDS_SHM_MAGIC_LEN - 1] != AXDS_SHM_VERSION || h.version != AXDS_SHM_VERSION)
    {
      if (h.version > AXDS_SHM_VERSION)
        g_set_error (error, AXDS_ERROR, AXDS_ERROR_VERSION,
                     _("Shared array '%s' has header version %u, newer than the supported version "
                       "%d: update libaxds"), name, h.version, AXDS_SHM_VERSION);
      else
        g_set_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT,
                     _("Shared array '%s' has an invalid header version %u"), name, h.version);
      return FALSE;
    }
  if (h.header_size != AXDS_SHM_HEADER_SIZE)
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT,
                   _("Shared array '%s' has an invalid header size %u"), name, h.header_size);
      return FALSE;
    }

  memcpy (dtype_str, h.dtype, sizeof h.dtype);
  dtype_str[sizeof h.dtype] = '\0';
  if (!axds_dtype_from_string (dtype_str, &layout->dtype, &local_error))
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT,
                   _("Shared array '%s' has a corrupt header: %s"), name, local_error->message);
      return FALSE;
    }
  g_clear_error (&local_error);
  if (!axds_shape_get_n_elements (h.ndim, h.shape, &n_elements, &local_error))
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT,
                   _("Shared array '%s' has a corrupt header: %s"), name, local_error->message);
      return FALSE;
    }
  if (!g_uint64_checked_mul (&nbytes, n_elements, axds_dtype_get_itemsize (layout->dtype)) ||
      nbytes != h.nbytes)
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT,
                   _("Shared array '%s' has a corrupt header: %" PRIu64 " data bytes do "
                     "not match its dtype and shape"), name, h.nbytes);
      return FALSE;
    }
  if (nbytes > file_size - h.header_size || nbytes > G_MAXSSIZE - AXDS_SHM_HEADER_SIZE)
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT,
                   _("Shared array '%s' is truncated: the header describes %" PRIu64
                     " data bytes but the segment holds %" PRIu64),
                   name, nbytes, file_size - h.header_size);
      return FALSE;
    }

  layout->ndim = h.ndim;
  memset (layout->shape, 0, sizeof layout->shape);
  memcpy (layout->shape, h.shape, h.ndim * sizeof (guint64));
  layout->n_elements = n_elements;
  layout->nbytes = nbytes;
  layout->header_size = h.header_size;
  layout->version = h.version;
  return TRUE;
}

static gboolean
init_robust_mutex (pthread_mutex_t *mutex,
                   const char      *name,
                   GError         **error)
{
  pthread_mutexattr_t attr;
  int rc;

  pthread_mutexattr_init (&attr);
  pthread_mutexattr_setpshared (&attr, PTHREAD_PROCESS_SHARED);
  pthread_mutexattr_setrobust (&attr, PTHREAD_MUTEX_ROBUST);
  /* Error-checking, so relocking from the same thread is reported instead of deadlocking. */
  pthread_mutexattr_settype (&attr, PTHREAD_MUTEX_ERRORCHECK);
  rc = pthread_mutex_init (mutex, &attr);
  pthread_mutexattr_destroy (&attr);
  if (rc != 0)
    {
      _axds_set_error_from_errno (error, rc, _("Cannot initialise the lock of shared array '%s'"),
                                  name);
      return FALSE;
    }
  return TRUE;
}

/* Flags an array's old segment as destroyed so that processes still mapping it can tell. */
static void
mark_destroyed_at_path (const char *path)
{
  int fd = open (path, O_RDWR | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  struct stat st;
  guint8 head[AXDS_SHM_HEADER_SIZE];
  AxdsShmLayout layout;
  void *map;

  if (fd < 0)
    return;
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) ||
      pread (fd, head, sizeof head, 0) != (ssize_t) sizeof head ||
      !_axds_shm_header_validate (head, sizeof head, (guint64) st.st_size, "", &layout, NULL))
    {
      close (fd);
      return;
    }
  map = mmap (NULL, AXDS_SHM_HEADER_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  close (fd);
  if (map == MAP_FAILED)
    return;
  __atomic_fetch_or (&((AxdsShmHeader *) map)->state, AXDS_SHM_STATE_DESTROYED, __ATOMIC_SEQ_CST);
  munmap (map, AXDS_SHM_HEADER_SIZE);
}

/**
 * axds_shared_array_create:
 * @name: a unique name (see axds_shared_array_validate_name())
 * @dtype: element type
 * @ndim: number of dimensions, 1 to %AXDS_MAX_DIMS
 * @shape: the dimensions, each at least 1
 * @data: (nullable): initial contents, C order, exactly the array's size; %NULL for zeros
 * @data_len: length of @data in bytes
 * @flags: %AXDS_SHARED_ARRAY_CREATE_EXISTS_OK to replace an existing buffer of that name
 * @error: return location for a #GError
 *
 * Creates the array from a prototype, as Python's `SharedMemoryArray.create_array()`. The memory
 * is reserved up front, so a full `/dev/shm` is an error here rather than a SIGBUS later. An
 * existing buffer of that name is an error (%G_IO_ERROR_EXISTS) unless @flags has EXISTS_OK, in
 * which case the name moves to the new buffer and processes still attached to the old one see it
 * as stale.
 *
 * Returns: (transfer full): a connected handle whose process is the creator, or %NULL
 */
AxdsSharedArray *
axds_shared_array_create (const char                 *name,
                          AxdsDtype                   dtype,
                          guint                       ndim,
                          const guint64              *shape,
                          gconstpointer               data,
                          gsize                       data_len,
                          AxdsSharedArrayCreateFlags  flags,
                          GError                    **error)
{
  g_autoptr(AxdsSharedArray) self = NULL;
  g_autofree char *tmp_path = NULL;
  guint64 n_elements, nbytes;
  gsize total;
  AxdsShmHeader *h;
  struct stat st;
  int fd, rc;
  void *map;

  if (!axds_shared_array_validate_name (name, error))
    return NULL;
  if (dtype <= AXDS_DTYPE_INVALID || dtype >= AXDS_DTYPE_LAST)
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                   _("Cannot create shared array '%s': invalid dtype"), name);
      return NULL;
    }
  if (!axds_shape_get_n_elements (ndim, shape, &n_elements, error))
    {
      g_prefix_error (error, _("Cannot create shared array '%s': "), name);
      return NULL;
    }
  if (!g_uint64_checked_mul (&nbytes, n_elements, axds_dtype_get_itemsize (dtype)) ||
      nbytes > (guint64) G_MAXSSIZE - AXDS_SHM_HEADER_SIZE)
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_OUT_OF_RANGE,
                   _("Cannot create shared array '%s': the shape is too large"), name);
      return NULL;
    }
  if (data != NULL && data_len != nbytes)
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                   _("Cannot create shared array '%s': the prototype holds %zu bytes but the "
                     "dtype and shape need %" PRIu64), name, data_len, nbytes);
      return NULL;
    }

  self = shared_array_alloc (name);
  set_description (self, dtype, ndim, shape, n_elements);
  total = AXDS_SHM_HEADER_SIZE + (gsize) nbytes;

  tmp_path = g_strdup_printf ("%s/.axds-%d-%08x.tmp", axds_shared_array_get_directory (),
                              (int) getpid (), g_random_int ());
  fd = open (tmp_path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      _axds_set_error_from_errno (error, saved, _("Cannot create shared array '%s' in %s"), name,
                                  axds_shared_array_get_directory ());
      return NULL;
    }

  /* posix_fallocate returns the error instead of setting errno. */
  rc = posix_fallocate (fd, 0, (off_t) total);
  if (rc != 0)
    {
      _axds_set_error_from_errno (error, rc, _("Cannot reserve %zu bytes of shared memory for "
                                               "array '%s' in %s"), total, name,
                                  axds_shared_array_get_directory ());
      goto fail;
    }

  map = mmap (NULL, total, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (map == MAP_FAILED)
    {
      int saved = errno;
      _axds_set_error_from_errno (error, saved, _("Cannot map shared array '%s'"), name);
      goto fail;
    }
  self->map = map;
  self->map_len = total;
  self->header = h = map;
  self->data = (guint8 *) map + AXDS_SHM_HEADER_SIZE;

  h->version = AXDS_SHM_VERSION;
  h->header_size = AXDS_SHM_HEADER_SIZE;
  /* The segment is zero-filled, so the type string stays NUL-padded. */
  memcpy (h->dtype, axds_dtype_to_string (dtype), strlen (axds_dtype_to_string (dtype)));
  h->ndim = ndim;
  memcpy (h->shape, shape, ndim * sizeof (guint64));
  h->nbytes = nbytes;
  h->creator_pid = getpid ();
  h->creator_start_time = _axds_pid_get_start_time (h->creator_pid);
  h->creation_time = g_get_real_time ();
  if (!init_robust_mutex (&h->lock.mutex, name, error))
    goto fail;
  if (data != NULL)
    memcpy (self->data, data, nbytes);
  /* The magic goes last, with a barrier, so no reader can take a partial header for a valid one. */
  __atomic_thread_fence (__ATOMIC_RELEASE);
  memcpy (h->magic, AXDS_SHM_MAGIC, AXDS_SHM_MAGIC_LEN);

  if (fstat (fd, &st) != 0)
    {
      int saved = errno;
      _axds_set_error_from_errno (error, saved, _("Cannot inspect shared array '%s'"), name);
      goto fail;
    }
  close (fd);
  fd = -1;

  if (link (tmp_path, self->path) != 0)
    {
      int saved = errno;

      if (saved == EEXIST && (flags & AXDS_SHARED_ARRAY_CREATE_EXISTS_OK))
        {
          mark_destroyed_at_path (self->path);
          if (rename (tmp_path, self->path) != 0)
            {
              saved = errno;
              _axds_set_error_from_errno (error, saved, _("Cannot replace shared array '%s'"),
                                          name);
              goto fail;
            }
        }
      else if (saved == EEXIST)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       _("Cannot create shared array '%s': a shared memory buffer with this name "
                         "already exists (connect to it, or create with exists_ok to replace it)"),
                       name);
          goto fail;
        }
      else
        {
          _axds_set_error_from_errno (error, saved, _("Cannot create shared array '%s'"), name);
          goto fail;
        }
    }
  else
    unlink (tmp_path);

  self->dev = st.st_dev;
  self->ino = st.st_ino;
  self->creator = TRUE;
  self->creator_pid = h->creator_pid;
  self->creator_start_time = h->creator_start_time;
  self->creation_time = h->creation_time;
  self->generation++;
  return g_steal_pointer (&self);

fail:
  if (fd >= 0)
    close (fd);
  unlink (tmp_path);
  if (self->map != NULL)
    {
      munmap (self->map, self->map_len);
      self->map = NULL;
      self->header = NULL;
      self->data = NULL;
    }
  return NULL;
}

/**
 * axds_shared_array_new:
 * @name: the array's name
 *
 * Makes a disconnected handle on the libaxds array @name; axds_shared_array_connect() reads its
 * dtype and shape from the header.
 *
 * Returns: (transfer full): a new handle
 */
AxdsSharedArray *
axds_shared_array_new (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  return shared_array_alloc (name);
}

/**
 * axds_shared_array_new_raw:
 * @name: the buffer's name, as given to Python's `SharedMemory(name=…)`
 * @dtype: element type of the NumPy array over the buffer
 * @ndim: number of dimensions
 * @shape: the dimensions
 *
 * Makes a disconnected handle on a headerless buffer made by Python's
 * `multiprocessing.shared_memory`
 * (e.g. by `SharedMemoryArray`). Such a buffer has no lock and no write counter: access it without
 * %AXDS_ACCESS_LOCK; snapshots are plain copies.
 *
 * Returns: (transfer full): a new handle; invalid arguments are reported by connect
 */
AxdsSharedArray *
axds_shared_array_new_raw (const char    *name,
                           AxdsDtype      dtype,
                           guint          ndim,
                           const guint64 *shape)
{
  AxdsSharedArray *self;
  guint64 n_elements = 0;

  g_return_val_if_fail (name != NULL, NULL);

  self = shared_array_alloc (name);
  self->raw = TRUE;
  if (dtype > AXDS_DTYPE_INVALID && dtype < AXDS_DTYPE_LAST &&
      axds_shape_get_n_elements (ndim, shape, &n_elements, NULL) &&
      n_elements <= (guint64) G_MAXSSIZE / axds_dtype_get_itemsize (dtype))
    set_description (self, dtype, ndim, shape, n_elements);
  return self;
}

/**
 * axds_shared_array_open:
 * @name: the array's name
 * @error: return location for a #GError
 *
 * Connects to an existing libaxds array by name alone.
 *
 * Returns: (transfer full): a connected handle, or %NULL
 */
AxdsSharedArray *
axds_shared_array_open (const char  *name,
                        GError     **error)
{
  g_autoptr(AxdsSharedArray) self = NULL;

  if (!axds_shared_array_validate_name (name, error))
    return NULL;
  self = axds_shared_array_new (name);
  if (!axds_shared_array_connect (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * axds_shared_array_ref:
 * @self: an #AxdsSharedArray
 *
 * Returns: (transfer full): @self
 */
AxdsSharedArray *
axds_shared_array_ref (AxdsSharedArray *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

/**
 * axds_shared_array_unref:
 * @self: (transfer full): an #AxdsSharedArray
 *
 * Drops a reference. The last one disconnects the handle (and destroys the buffer after
 * axds_shared_array_enable_buffer_destruction()).
 */
void
axds_shared_array_unref (AxdsSharedArray *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  if (self->destroy_on_free)
    {
      g_autoptr(GError) error = NULL;
      if (!axds_shared_array_destroy (self, TRUE, &error))
        g_debug ("Destroying shared array on release: %s", error->message);
    }
  axds_shared_array_disconnect (self);
  g_free (self->name);
  g_free (self->path);
  g_free (self);
}

static gboolean
connect_raw (AxdsSharedArray *self,
             int              fd,
             guint64          file_size,
             GError         **error)
{
  guint8 head[AXDS_SHM_MAGIC_LEN];
  void *map;

  if (!self->described)
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                   _("Cannot attach to raw buffer '%s': invalid dtype or shape"), self->name);
      return FALSE;
    }
  if (file_size < self->nbytes)
    {
      g_autofree char *shape = axds_shape_to_string (self->ndim, self->shape);
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                   _("Cannot attach to raw buffer '%s': it holds %" PRIu64 " bytes, "
                     "fewer than the %zu of dtype %s and shape %s"), self->name,
                   file_size, self->nbytes, axds_dtype_to_string (self->dtype), shape);
      return FALSE;
    }
  if (file_size >= AXDS_SHM_HEADER_SIZE &&
      pread (fd, head, sizeof head, 0) == (ssize_t) sizeof head &&
      memcmp (head, AXDS_SHM_MAGIC, AXDS_SHM_MAGIC_LEN - 1) == 0)
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                   _("Cannot attach to '%s' as a raw buffer: it is a libaxds array with a header; "
                     "connect to it by name"), self->name);
      return FALSE;
    }

  map = mmap (NULL, self->nbytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (map == MAP_FAILED)
    {
      int saved = errno;
      _axds_set_error_from_errno (error, saved, _("Cannot map raw buffer '%s'"), self->name);
      return FALSE;
    }
  self->map = map;
  self->map_len = self->nbytes;
  self->data = map;
  return TRUE;
}

static gboolean
connect_described (AxdsSharedArray *self,
                   int              fd,
                   guint64          file_size,
                   GError         **error)
{
  guint8 head[AXDS_SHM_HEADER_SIZE];
  AxdsShmLayout layout;
  AxdsShmHeader *h;
  ssize_t n;
  void *map;

  n = pread (fd, head, sizeof head, 0);
  if (n < 0)
    {
      int saved = errno;
      _axds_set_error_from_errno (error, saved, _("Cannot read shared array '%s'"), self->name);
      return FALSE;
    }
  if (!_axds_shm_header_validate (head, (gsize) n, file_size, self->name, &layout, error))
    return FALSE;

  if (self->described &&
      (layout.dtype != self->dtype || layout.ndim != self->ndim ||
       memcmp (layout.shape, self->shape, sizeof layout.shape) != 0))
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                   _("Shared array '%s' was replaced by an array of another dtype or shape"),
                   self->name);
      return FALSE;
    }

  map = mmap (NULL, layout.header_size + layout.nbytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (map == MAP_FAILED)
    {
      int saved = errno;
      _axds_set_error_from_errno (error, saved, _("Cannot map shared array '%s'"), self->name);
      return FALSE;
    }
  h = map;
  set_description (self, layout.dtype, layout.ndim, layout.shape, layout.n_elements);
  self->map = map;
  self->map_len = layout.header_size + layout.nbytes;
  self->header = h;
  self->data = (guint8 *) map + layout.header_size;
  memcpy (&self->creator_pid, head + offsetof (AxdsShmHeader, creator_pid), sizeof (gint64));
  memcpy (&self->creator_start_time, head + offsetof (AxdsShmHeader, creator_start_time),
          sizeof (guint64));
  memcpy (&self->creation_time, head + offsetof (AxdsShmHeader, creation_time), sizeof (gint64));
  return TRUE;
}

/**
 * axds_shared_array_connect:
 * @self: an #AxdsSharedArray
 * @error: return location for a #GError
 *
 * Maps the buffer into this process. Connecting a connected handle does nothing.
 *
 * Returns: %TRUE when connected
 */
gboolean
axds_shared_array_connect (AxdsSharedArray  *self,
                           GError          **error)
{
  struct stat st;
  gboolean ok;
  int fd;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->map != NULL)
    return TRUE;
  if (!axds_shared_array_validate_name (self->name, error))
    return FALSE;

  fd = open (self->path, O_RDWR | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0)
    {
      int saved = errno;
      if (saved == ENOENT)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                     _("No shared memory buffer named '%s' (%s)"), self->name, self->path);
      else
        _axds_set_error_from_errno (error, saved, _("Cannot open shared memory buffer '%s'"),
                                    self->name);
      return FALSE;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT,
                   _("'%s' is not a shared memory buffer"), self->path);
      close (fd);
      return FALSE;
    }

  if (self->raw)
    ok = connect_raw (self, fd, (guint64) st.st_size, error);
  else
    ok = connect_described (self, fd, (guint64) st.st_size, error);
  close (fd);
  if (ok)
    {
      self->dev = st.st_dev;
      self->ino = st.st_ino;
      self->generation++;
    }
  return ok;
}

/**
 * axds_shared_array_disconnect:
 * @self: an #AxdsSharedArray
 *
 * Unmaps the buffer from this process (releasing the lock first if this handle holds it). The
 * buffer itself lives on. Disconnecting a disconnected handle does nothing.
 */
void
axds_shared_array_disconnect (AxdsSharedArray *self)
{
  g_return_if_fail (self != NULL);

  if (self->map == NULL)
    return;
  /* End writes that guards left open, so lock-free readers are not left waiting on them. */
  if (self->header != NULL)
    {
      if (self->open_locked_write)
        __atomic_store_n (&self->header->locked_writing, 0, __ATOMIC_RELEASE);
      if (self->open_unlocked_writes > 0)
        __atomic_fetch_sub (&self->header->writers, self->open_unlocked_writes, __ATOMIC_RELEASE);
    }
  self->open_locked_write = FALSE;
  self->open_unlocked_writes = 0;
  if (self->holding_lock)
    axds_shared_array_unlock (self);
  munmap (self->map, self->map_len);
  self->map = NULL;
  self->map_len = 0;
  self->header = NULL;
  self->data = NULL;
}

/**
 * axds_shared_array_destroy:
 * @self: an #AxdsSharedArray
 * @force: destroy even when this process is not the creator
 * @error: return location for a #GError
 *
 * Unlinks the buffer (processes still attached keep their mapping and see the array as stale)
 * and disconnects this handle. Only the creator destroys by default. When the name already
 * belongs to another buffer (the array was replaced), that buffer is left alone. Destroying an
 * array that is already gone succeeds.
 *
 * Returns: %TRUE on success
 */
gboolean
axds_shared_array_destroy (AxdsSharedArray  *self,
                           gboolean          force,
                           GError          **error)
{
  struct stat st;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!self->creator && !force)
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_NOT_OWNER,
                   _("Cannot destroy shared array '%s': only its creator (pid %" PRId64
                     ") destroys it unless forced"), self->name, self->creator_pid);
      return FALSE;
    }

  if (self->map == NULL)
    {
      g_autoptr(GError) local_error = NULL;

      /* Already gone is success, whether or not the caller asked for errors. */
      if (!axds_shared_array_connect (self, &local_error))
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
            return TRUE;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  if (self->header != NULL)
    __atomic_fetch_or (&self->header->state, AXDS_SHM_STATE_DESTROYED, __ATOMIC_SEQ_CST);

  if (lstat (self->path, &st) == 0 && st.st_dev == self->dev && st.st_ino == self->ino)
    {
      if (unlink (self->path) != 0 && errno != ENOENT)
        {
          int saved = errno;
          _axds_set_error_from_errno (error, saved, _("Cannot destroy shared array '%s'"),
                                      self->name);
          return FALSE;
        }
    }
  axds_shared_array_disconnect (self);
  return TRUE;
}

/**
 * axds_shared_array_unlink:
 * @name: a shared memory name
 * @error: return location for a #GError
 *
 * Removes whatever shared memory segment is named @name — a libaxds array (flagged destroyed
 * for processes still attached), a Python buffer, or a corrupt leftover — without connecting
 * to it. For clean-up tools; owners use axds_shared_array_destroy().
 *
 * Returns: %TRUE when the name is gone (%G_IO_ERROR_NOT_FOUND if there was none)
 */
gboolean
axds_shared_array_unlink (const char  *name,
                          GError     **error)
{
  g_autofree char *path = NULL;

  if (!axds_shared_array_validate_name (name, error))
    return FALSE;
  if (name[0] == '/')
    name++;
  path = g_build_filename (axds_shared_array_get_directory (), name, NULL);
  mark_destroyed_at_path (path);
  if (unlink (path) != 0)
    {
      int saved = errno;
      if (saved == ENOENT)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                     _("No shared memory buffer named '%s' (%s)"), name, path);
      else
        _axds_set_error_from_errno (error, saved, _("Cannot remove shared memory buffer '%s'"),
                                    name);
      return FALSE;
    }
  return TRUE;
}

/**
 * axds_shared_array_enable_buffer_destruction:
 * @self: an #AxdsSharedArray
 *
 * Makes the release of the last reference to @self destroy the buffer, as in Python. Call it in
 * the owning process after the other processes are set up.
 */
void
axds_shared_array_enable_buffer_destruction (AxdsSharedArray *self)
{
  g_return_if_fail (self != NULL);

  self->destroy_on_free = TRUE;
}

/**
 * axds_shared_array_get_name:
 * @self: an #AxdsSharedArray
 *
 * Returns: the segment name, without the leading `/`
 */
const char *
axds_shared_array_get_name (AxdsSharedArray *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->name;
}

/**
 * axds_shared_array_get_dtype:
 * @self: an #AxdsSharedArray
 *
 * Returns: the dtype, or %AXDS_DTYPE_INVALID before a by-name handle first connects
 */
AxdsDtype
axds_shared_array_get_dtype (AxdsSharedArray *self)
{
  g_return_val_if_fail (self != NULL, AXDS_DTYPE_INVALID);
  return self->described ? self->dtype : AXDS_DTYPE_INVALID;
}

/**
 * axds_shared_array_get_ndim:
 * @self: an #AxdsSharedArray
 *
 * Returns: the number of dimensions; 0 before the shape is known
 */
guint
axds_shared_array_get_ndim (AxdsSharedArray *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->described ? self->ndim : 0;
}

/**
 * axds_shared_array_get_shape:
 * @self: an #AxdsSharedArray
 * @ndim: (out) (optional): return location for the number of dimensions, as
 *   axds_shared_array_get_ndim() gives it
 *
 * Returns: (array length=ndim) (transfer none): the dimensions, owned by @self
 */
const guint64 *
axds_shared_array_get_shape (AxdsSharedArray *self,
                             guint           *ndim)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (ndim != NULL)
    *ndim = axds_shared_array_get_ndim (self);
  return self->shape;
}

/**
 * axds_shared_array_get_n_elements:
 * @self: an #AxdsSharedArray
 *
 * Returns: the number of elements, the product of the shape; 0 before the shape is known
 */
guint64
axds_shared_array_get_n_elements (AxdsSharedArray *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->described ? self->n_elements : 0;
}

/**
 * axds_shared_array_get_nbytes:
 * @self: an #AxdsSharedArray
 *
 * Returns: the size of the data in bytes (the header not included); 0 before the shape is known
 */
gsize
axds_shared_array_get_nbytes (AxdsSharedArray *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->described ? self->nbytes : 0;
}

/**
 * axds_shared_array_is_connected:
 * @self: an #AxdsSharedArray
 *
 * Returns: whether @self maps its buffer
 */
gboolean
axds_shared_array_is_connected (AxdsSharedArray *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->map != NULL;
}

/**
 * axds_shared_array_is_raw:
 * @self: an #AxdsSharedArray
 *
 * Returns: whether @self is attached to a buffer without a libaxds header (made by
 *   axds_shared_array_new_raw())
 */
gboolean
axds_shared_array_is_raw (AxdsSharedArray *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->raw;
}

/**
 * axds_shared_array_is_creator:
 * @self: an #AxdsSharedArray
 *
 * Returns: whether @self created the buffer (axds_shared_array_create()), which makes it the
 *   one that may destroy it without force
 */
gboolean
axds_shared_array_is_creator (AxdsSharedArray *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->creator;
}

/**
 * axds_shared_array_is_stale:
 * @self: a connected #AxdsSharedArray
 *
 * Returns: %TRUE when the buffer this handle maps was destroyed or its name now belongs to
 *   another buffer
 */
gboolean
axds_shared_array_is_stale (AxdsSharedArray *self)
{
  struct stat st;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->map == NULL)
    return FALSE;
  if (self->header != NULL &&
      (__atomic_load_n (&self->header->state, __ATOMIC_ACQUIRE) & AXDS_SHM_STATE_DESTROYED))
    return TRUE;
  return lstat (self->path, &st) != 0 || st.st_dev != self->dev || st.st_ino != self->ino;
}

/**
 * axds_shared_array_get_creator_pid:
 * @self: a connected #AxdsSharedArray
 *
 * Returns: the process that created the array, as its header records it
 */
gint64
axds_shared_array_get_creator_pid (AxdsSharedArray *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->creator_pid;
}

/**
 * axds_shared_array_is_creator_alive:
 * @self: a connected #AxdsSharedArray
 *
 * Returns: whether the process that created the array still runs (a reused pid does not
 *   count); %FALSE for raw buffers, whose creator is unknown
 */
gboolean
axds_shared_array_is_creator_alive (AxdsSharedArray *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->creator_pid > 0 && axds_pid_is_alive (self->creator_pid, self->creator_start_time);
}

/**
 * axds_shared_array_get_creation_time:
 * @self: an #AxdsSharedArray
 *
 * Returns: UTC microseconds since the epoch, 0 for raw buffers
 */
gint64
axds_shared_array_get_creation_time (AxdsSharedArray *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->creation_time;
}

/**
 * axds_shared_array_get_write_count:
 * @self: an #AxdsSharedArray
 *
 * Returns: the writes started since creation, read live; 0 when disconnected or raw
 */
guint64
axds_shared_array_get_write_count (AxdsSharedArray *self)
{
  g_return_val_if_fail (self != NULL, 0);

  if (self->header == NULL)
    return 0;
  return __atomic_load_n (&self->header->write_count, __ATOMIC_ACQUIRE);
}

/**
 * axds_shared_array_set_lock_timeout:
 * @self: an #AxdsSharedArray
 * @timeout_us: how long locking waits for a live holder, or -1 (the default) to wait forever
 *
 * A holder that died never makes a locker wait: its lock is recovered at once.
 */
void
axds_shared_array_set_lock_timeout (AxdsSharedArray *self,
                                    gint64           timeout_us)
{
  g_return_if_fail (self != NULL);
  self->lock_timeout_us = timeout_us < 0 ? -1 : timeout_us;
}

/**
 * axds_shared_array_set_snapshot_timeout:
 * @self: an #AxdsSharedArray
 * @timeout_us: how long axds_shared_array_snapshot() keeps retrying while writes are in progress
 *   before it fails with %AXDS_ERROR_BUSY (default one second; 0 tries once)
 */
void
axds_shared_array_set_snapshot_timeout (AxdsSharedArray *self,
                                        gint64           timeout_us)
{
  g_return_if_fail (self != NULL);
  self->snapshot_timeout_us = MAX (timeout_us, 0);
}

static gboolean
check_connected (AxdsSharedArray  *self,
                 GError          **error)
{
  if (G_LIKELY (self->map != NULL))
    return TRUE;
  g_set_error (error, AXDS_ERROR, AXDS_ERROR_NOT_CONNECTED,
               _("Cannot access the data of shared array '%s': the handle is not connected "
                 "(call connect first)"), self->name);
  return FALSE;
}

/* Called with the lock just recovered from a dead holder: undo its half-done write marker. */
static void
recover_after_owner_death (AxdsSharedArray *self)
{
  AxdsShmHeader *h = self->header;

  pthread_mutex_consistent (&h->lock.mutex);
  if (__atomic_exchange_n (&h->locked_writing, 0, __ATOMIC_SEQ_CST) != 0)
    __atomic_fetch_add (&h->write_count, 1, __ATOMIC_SEQ_CST);
}

/**
 * axds_shared_array_lock:
 * @self: a connected #AxdsSharedArray with a header
 * @recovered: (out) (optional): set to %TRUE when the previous holder died holding the lock, so
 *   the data may be inconsistent
 * @error: return location for a #GError
 *
 * Takes the array's process-shared lock, waiting at most the lock timeout for a live holder.
 * Raw buffers have no lock (%AXDS_ERROR_NOT_SUPPORTED).
 *
 * Returns: %TRUE when the lock is held
 */
gboolean
axds_shared_array_lock (AxdsSharedArray  *self,
                        gboolean         *recovered,
                        GError          **error)
{
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);

  if (recovered)
    *recovered = FALSE;
  if (!check_connected (self, error))
    return FALSE;
  if (self->header == NULL)
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_NOT_SUPPORTED,
                   _("Cannot lock '%s': a raw buffer made by Python has no lock; access it "
                     "without the lock"), self->name);
      return FALSE;
    }
  if (self->holding_lock)
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                   _("Cannot lock shared array '%s': this handle already holds its lock"),
                   self->name);
      return FALSE;
    }

  if (self->lock_timeout_us < 0)
    rc = pthread_mutex_lock (&self->header->lock.mutex);
  else
    {
      struct timespec ts;
      gint64 deadline;

      /* The monotonic clock, so that a wall-clock step neither shortens nor stretches the wait. */
      clock_gettime (CLOCK_MONOTONIC, &ts);
      deadline = (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000 + self->lock_timeout_us;
      ts.tv_sec = deadline / G_USEC_PER_SEC;
      ts.tv_nsec = (deadline % G_USEC_PER_SEC) * 1000;
      rc = pthread_mutex_clocklock (&self->header->lock.mutex, CLOCK_MONOTONIC, &ts);
    }

  switch (rc)
    {
    case 0:
      break;
    case EOWNERDEAD:
      recover_after_owner_death (self);
      if (recovered)
        *recovered = TRUE;
      break;
    case ETIMEDOUT:
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_TIMEOUT,
                   _("Timed out after %" PRId64 " ms waiting for the lock of shared array "
                     "'%s' (a live process holds it)"), self->lock_timeout_us / 1000, self->name);
      return FALSE;
    case EDEADLK:
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                   _("Cannot lock shared array '%s': this thread already holds its lock"),
                   self->name);
      return FALSE;
    case ENOTRECOVERABLE:
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT,
                   _("The lock of shared array '%s' is unrecoverable; recreate the array"),
                   self->name);
      return FALSE;
    default:
      _axds_set_error_from_errno (error, rc, _("Cannot lock shared array '%s'"), self->name);
      return FALSE;
    }

  self->holding_lock = TRUE;
  return TRUE;
}

/**
 * axds_shared_array_unlock:
 * @self: an #AxdsSharedArray whose lock this handle holds
 */
void
axds_shared_array_unlock (AxdsSharedArray *self)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->holding_lock);

  self->holding_lock = FALSE;
  if (self->header != NULL)
    pthread_mutex_unlock (&self->header->lock.mutex);
}

static inline void
begin_write (AxdsSharedArray *self)
{
  AxdsShmHeader *h = self->header;

  if (h == NULL)
    return;
  if (self->holding_lock)
    __atomic_store_n (&h->locked_writing, 1, __ATOMIC_SEQ_CST);
  else
    __atomic_fetch_add (&h->writers, 1, __ATOMIC_SEQ_CST);
  __atomic_fetch_add (&h->write_count, 1, __ATOMIC_SEQ_CST);
  /* Keep the data stores after the counter, on weakly ordered CPUs too. */
  __atomic_thread_fence (__ATOMIC_RELEASE);
}

static inline void
end_write (AxdsSharedArray *self,
           gboolean         locked)
{
  AxdsShmHeader *h = self->header;

  if (h == NULL)
    return;
  if (locked)
    __atomic_store_n (&h->locked_writing, 0, __ATOMIC_RELEASE);
  else
    __atomic_fetch_sub (&h->writers, 1, __ATOMIC_RELEASE);
}

static gboolean
check_range (AxdsSharedArray  *self,
             guint64           offset,
             guint64           count,
             GError          **error)
{
  if (G_LIKELY (offset <= self->n_elements && count <= self->n_elements - offset))
    return TRUE;
  g_set_error (error, AXDS_ERROR, AXDS_ERROR_OUT_OF_RANGE,
               _("Elements %" PRIu64 "..%" PRIu64 " are out of range for shared "
                 "array '%s' of %" PRIu64 " elements"), offset, offset + count, self->name,
               self->n_elements);
  return FALSE;
}

/* Takes the lock for a read or write when @flags ask for it and this handle does not hold it. */
static gboolean
maybe_lock (AxdsSharedArray  *self,
            AxdsAccessFlags   flags,
            gboolean         *took,
            gboolean         *recovered,
            GError          **error)
{
  *took = FALSE;
  if (!(flags & AXDS_ACCESS_LOCK) || self->holding_lock)
    return TRUE;
  if (!axds_shared_array_lock (self, recovered, error))
    return FALSE;
  *took = TRUE;
  return TRUE;
}

/**
 * axds_shared_array_read:
 * @self: a connected #AxdsSharedArray
 * @offset: first element (flat, C order)
 * @count: number of elements
 * @dest: (out caller-allocates): room for @count elements
 * @flags: %AXDS_ACCESS_LOCK to read under the lock
 * @error: return location for a #GError
 *
 * Copies elements out of the array. Without the lock the copy may interleave with a concurrent
 * write; axds_shared_array_snapshot() gives a consistent copy without taking the lock.
 *
 * Returns: %TRUE on success
 */
gboolean
axds_shared_array_read (AxdsSharedArray  *self,
                        guint64           offset,
                        guint64           count,
                        gpointer          dest,
                        AxdsAccessFlags   flags,
                        GError          **error)
{
  gsize itemsize;
  gboolean took;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (dest != NULL || count == 0, FALSE);

  if (!check_connected (self, error) || !check_range (self, offset, count, error))
    return FALSE;
  if (!maybe_lock (self, flags, &took, NULL, error))
    return FALSE;
  itemsize = axds_dtype_get_itemsize (self->dtype);
  memcpy (dest, self->data + offset * itemsize, count * itemsize);
  if (took)
    axds_shared_array_unlock (self);
  return TRUE;
}

/**
 * axds_shared_array_write:
 * @self: a connected #AxdsSharedArray
 * @offset: first element (flat, C order)
 * @count: number of elements
 * @src: @count elements of the array's dtype
 * @flags: %AXDS_ACCESS_LOCK to write under the lock (%AXDS_ACCESS_WRITE is implied)
 * @error: return location for a #GError
 *
 * Copies elements into the array, bumping its write counter.
 *
 * Returns: %TRUE on success
 */
gboolean
axds_shared_array_write (AxdsSharedArray  *self,
                         guint64           offset,
                         guint64           count,
                         gconstpointer     src,
                         AxdsAccessFlags   flags,
                         GError          **error)
{
  gsize itemsize;
  gboolean took, locked;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (src != NULL || count == 0, FALSE);

  if (!check_connected (self, error) || !check_range (self, offset, count, error))
    return FALSE;
  if (!maybe_lock (self, flags, &took, NULL, error))
    return FALSE;
  itemsize = axds_dtype_get_itemsize (self->dtype);
  locked = self->holding_lock;
  begin_write (self);
  memcpy (self->data + offset * itemsize, src, count * itemsize);
  end_write (self, locked);
  if (took)
    axds_shared_array_unlock (self);
  return TRUE;
}

/* Tries the lock without waiting, only to recover it from a dead holder that left a write
 * marker behind; a live holder is left alone. */
static void
probe_dead_writer (AxdsSharedArray *self)
{
  int rc = pthread_mutex_trylock (&self->header->lock.mutex);

  if (rc == EOWNERDEAD)
    recover_after_owner_death (self);
  if (rc == 0 || rc == EOWNERDEAD)
    pthread_mutex_unlock (&self->header->lock.mutex);
}

/**
 * axds_shared_array_snapshot:
 * @self: a connected #AxdsSharedArray
 * @dest: (out caller-allocates): room for the whole array
 * @dest_len: size of @dest, at least axds_shared_array_get_nbytes()
 * @write_count: (out) (optional): the write count the copy corresponds to
 * @error: return location for a #GError
 *
 * Copies the whole array consistently without taking the lock, so a reader (a monitor) never
 * stalls a writer: the copy is retried when a write raced it. While writes keep the data busy
 * longer than the snapshot timeout, fails with %AXDS_ERROR_BUSY. A writer that died holding the
 * lock mid-write is recovered. Raw buffers have no write counter: their snapshot is a plain copy.
 *
 * Returns: %TRUE on success
 */
gboolean
axds_shared_array_snapshot (AxdsSharedArray  *self,
                            gpointer          dest,
                            gsize             dest_len,
                            guint64          *write_count,
                            GError          **error)
{
  AxdsShmHeader *h;
  gint64 start = 0;
  gboolean probed = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (dest != NULL, FALSE);

  if (!check_connected (self, error))
    return FALSE;
  if (dest_len < self->nbytes)
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                   _("Cannot snapshot shared array '%s': the destination holds %zu bytes, "
                     "fewer than %zu"), self->name, dest_len, self->nbytes);
      return FALSE;
    }

  h = self->header;
  if (h == NULL || self->holding_lock)
    {
      /* Raw buffers cannot do better; under our own lock nobody else writes. */
      memcpy (dest, self->data, self->nbytes);
      if (write_count)
        *write_count = h ? __atomic_load_n (&h->write_count, __ATOMIC_ACQUIRE) : 0;
      return TRUE;
    }

  for (guint attempt = 0;; attempt++)
    {
      guint64 before = __atomic_load_n (&h->write_count, __ATOMIC_SEQ_CST);
      gboolean busy = __atomic_load_n (&h->locked_writing, __ATOMIC_SEQ_CST) != 0 ||
                      __atomic_load_n (&h->writers, __ATOMIC_SEQ_CST) != 0;

      if (!busy)
        {
          memcpy (dest, self->data, self->nbytes);
          __atomic_thread_fence (__ATOMIC_ACQUIRE);
          if (__atomic_load_n (&h->write_count, __ATOMIC_RELAXED) == before)
            {
              if (write_count)
                *write_count = before;
              return TRUE;
            }
        }

      /* Spin briefly (writes are short), then yield, and watch the clock. */
      if (attempt < 16)
        continue;
      if (start == 0)
        start = g_get_monotonic_time ();
      else
        {
          gint64 waited = g_get_monotonic_time () - start;

          if (busy && !probed && waited >= SNAPSHOT_PROBE_AFTER_US)
            {
              probe_dead_writer (self);
              probed = TRUE;
            }
          if (waited >= self->snapshot_timeout_us)
            {
              g_set_error (error, AXDS_ERROR, AXDS_ERROR_BUSY,
                           _("Cannot take a consistent snapshot of shared array '%s': writes kept "
                             "it busy for %" PRId64 " ms"), self->name, waited / 1000);
              return FALSE;
            }
        }
      sched_yield ();
    }
}

/**
 * axds_shared_array_access:
 * @self: a connected #AxdsSharedArray
 * @flags: %AXDS_ACCESS_LOCK to hold the lock for the whole section, %AXDS_ACCESS_WRITE when the
 *   section writes
 * @error: return location for a #GError
 *
 * Opens a scoped section of direct access to the data, the counterpart of Python's
 * `with array.array(with_lock=True) as a:`:
 *
 * |[<!-- language="C" -->
 * g_autoptr(AxdsSharedArrayGuard) guard = axds_shared_array_access (array, AXDS_ACCESS_LOCK |
 *                                                                   AXDS_ACCESS_WRITE, &error);
 * guint16 *frame = axds_shared_array_guard_get_data (guard);
 * ]|
 *
 * The lock is released, and the write is published, when the last reference to the guard is
 * dropped.
 *
 * Returns: (transfer full): the guard, or %NULL
 */
AxdsSharedArrayGuard *
axds_shared_array_access (AxdsSharedArray  *self,
                          AxdsAccessFlags   flags,
                          GError          **error)
{
  AxdsSharedArrayGuard *guard;
  gboolean recovered = FALSE;
  gboolean took = FALSE;

  g_return_val_if_fail (self != NULL, NULL);

  if (!check_connected (self, error))
    return NULL;
  if ((flags & AXDS_ACCESS_LOCK) && !axds_shared_array_lock (self, &recovered, error))
    return NULL;
  took = (flags & AXDS_ACCESS_LOCK) != 0;

  guard = g_new0 (AxdsSharedArrayGuard, 1);
  g_atomic_ref_count_init (&guard->ref_count);
  guard->array = axds_shared_array_ref (self);
  guard->flags = took ? flags : (flags & ~AXDS_ACCESS_LOCK);
  guard->generation = self->generation;
  guard->recovered = recovered;
  if ((flags & AXDS_ACCESS_WRITE) && self->header != NULL)
    {
      guard->locked_write = self->holding_lock;
      if (guard->locked_write)
        self->open_locked_write = TRUE;
      else
        self->open_unlocked_writes++;
      begin_write (self);
    }
  return guard;
}

/**
 * axds_shared_array_guard_get_data:
 * @guard: an #AxdsSharedArrayGuard
 *
 * Returns: (transfer none): the array's data, valid until the last reference to the guard is
 * dropped
 */
gpointer
axds_shared_array_guard_get_data (AxdsSharedArrayGuard *guard)
{
  g_return_val_if_fail (guard != NULL, NULL);
  return guard->array->data;
}

/**
 * axds_shared_array_guard_is_recovered:
 * @guard: an #AxdsSharedArrayGuard
 *
 * Returns: %TRUE when taking the lock recovered it from a holder that died, so the data may be
 *   inconsistent
 */
gboolean
axds_shared_array_guard_is_recovered (AxdsSharedArrayGuard *guard)
{
  g_return_val_if_fail (guard != NULL, FALSE);
  return guard->recovered;
}

/**
 * axds_shared_array_guard_ref:
 * @guard: an #AxdsSharedArrayGuard
 *
 * Returns: (transfer full): @guard
 */
AxdsSharedArrayGuard *
axds_shared_array_guard_ref (AxdsSharedArrayGuard *guard)
{
  g_return_val_if_fail (guard != NULL, NULL);
  g_atomic_ref_count_inc (&guard->ref_count);
  return guard;
}

/**
 * axds_shared_array_guard_unref:
 * @guard: (nullable) (transfer full): an #AxdsSharedArrayGuard
 *
 * Drops a reference; the last one ends the access: a write section bumps the write counter and
 * lets lock-free readers go on, and a lock taken for the access is released.
 */
void
axds_shared_array_guard_unref (AxdsSharedArrayGuard *guard)
{
  AxdsSharedArray *self;

  if (guard == NULL || !g_atomic_ref_count_dec (&guard->ref_count))
    return;
  self = guard->array;
  /* After a disconnect (another generation), disconnect has already ended this write. */
  if ((guard->flags & AXDS_ACCESS_WRITE) && self->header != NULL &&
      guard->generation == self->generation && self->map != NULL)
    {
      if (guard->locked_write)
        self->open_locked_write = FALSE;
      else
        self->open_unlocked_writes--;
      end_write (self, guard->locked_write);
    }
  if ((guard->flags & AXDS_ACCESS_LOCK) && self->holding_lock &&
      guard->generation == self->generation)
    axds_shared_array_unlock (self);
  axds_shared_array_unref (self);
  g_free (guard);
}

/**
 * axds_shared_array_read_info:
 * @name: an array name
 * @info: (out caller-allocates): filled on success; clear with axds_shared_array_info_clear()
 * @error: return location for a #GError
 *
 * Reads an array's header without mapping it.
 *
 * Returns: %TRUE when @name is a valid libaxds array
 */
gboolean
axds_shared_array_read_info (const char           *name,
                             AxdsSharedArrayInfo  *info,
                             GError              **error)
{
  g_autofree char *path = NULL;
  guint8 head[AXDS_SHM_HEADER_SIZE];
  AxdsShmLayout layout;
  struct stat st;
  guint64 start_time;
  ssize_t n;
  int fd;

  g_return_val_if_fail (info != NULL, FALSE);

  memset (info, 0, sizeof *info);
  if (!axds_shared_array_validate_name (name, error))
    return FALSE;
  if (name[0] == '/')
    name++;

  path = g_build_filename (axds_shared_array_get_directory (), name, NULL);
  fd = open (path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0)
    {
      int saved = errno;
      if (saved == ENOENT)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                     _("No shared memory buffer named '%s' (%s)"), name, path);
      else
        _axds_set_error_from_errno (error, saved, _("Cannot open shared memory buffer '%s'"), name);
      return FALSE;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT, _("'%s' is not a shared memory buffer"),
                   path);
      close (fd);
      return FALSE;
    }
  n = pread (fd, head, sizeof head, 0);
  close (fd);
  if (!_axds_shm_header_validate (head, n < 0 ? 0 : (gsize) n, (guint64) st.st_size, name,
                                  &layout, error))
    return FALSE;

  info->name = g_strdup (name);
  info->dtype = layout.dtype;
  info->ndim = layout.ndim;
  memcpy (info->shape, layout.shape, sizeof info->shape);
  info->nbytes = layout.nbytes;
  info->header_version = layout.version;
  memcpy (&info->creator_pid, head + offsetof (AxdsShmHeader, creator_pid), sizeof (gint64));
  memcpy (&start_time, head + offsetof (AxdsShmHeader, creator_start_time), sizeof (guint64));
  memcpy (&info->creation_time, head + offsetof (AxdsShmHeader, creation_time), sizeof (gint64));
  memcpy (&info->write_count, head + offsetof (AxdsShmHeader, write_count), sizeof (guint64));
  info->creator_alive = axds_pid_is_alive (info->creator_pid, start_time);
  return TRUE;
}

/**
 * axds_shared_array_info_clear:
 * @info: (nullable): information filled by axds_shared_array_read_info()
 *
 * Frees the name of @info (not @info itself).
 */
void
axds_shared_array_info_clear (AxdsSharedArrayInfo *info)
{
  if (info == NULL)
    return;
  g_clear_pointer (&info->name, g_free);
}

/**
 * axds_shared_array_info_free:
 * @info: (nullable) (transfer full): information allocated by axds_shared_array_list() or
 *   axds_shared_array_info_copy()
 *
 * Frees @info and its name.
 */
void
axds_shared_array_info_free (AxdsSharedArrayInfo *info)
{
  if (info == NULL)
    return;
  axds_shared_array_info_clear (info);
  g_free (info);
}

static int
compare_info_by_name (gconstpointer a,
                      gconstpointer b)
{
  const AxdsSharedArrayInfo *ia = *(AxdsSharedArrayInfo * const *) a;
  const AxdsSharedArrayInfo *ib = *(AxdsSharedArrayInfo * const *) b;

  return strcmp (ia->name, ib->name);
}

/**
 * axds_shared_array_list:
 * @error: return location for a #GError
 *
 * Finds every libaxds array on the machine. Other shared memory segments are skipped.
 *
 * Returns: (transfer full) (element-type AxdsSharedArrayInfo): the arrays, sorted by name
 */
GPtrArray *
axds_shared_array_list (GError **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) axds_shared_array_info_free);
  const char *dir_path = axds_shared_array_get_directory ();
  struct dirent *entry;
  DIR *dir;

  dir = opendir (dir_path);
  if (dir == NULL)
    {
      int saved = errno;
      _axds_set_error_from_errno (error, saved, _("Cannot list shared memory in %s"), dir_path);
      return NULL;
    }

  while ((entry = readdir (dir)) != NULL)
    {
      AxdsSharedArrayInfo info;

      if (entry->d_name[0] == '.')
        continue;
      if (entry->d_type != DT_REG && entry->d_type != DT_UNKNOWN)
        continue;
      if (axds_shared_array_read_info (entry->d_name, &info, NULL))
        g_ptr_array_add (result, g_memdup2 (&info, sizeof info));
    }
  closedir (dir);

  g_ptr_array_sort (result, compare_info_by_name);
  return g_steal_pointer (&result);
}

/* ---------------------------------------------------------------------------------------------- */
/* Boxed types: what bindings and GValue carry                                                    */

G_DEFINE_BOXED_TYPE (AxdsSharedArray, axds_shared_array, axds_shared_array_ref,
                     axds_shared_array_unref)
G_DEFINE_BOXED_TYPE (AxdsSharedArrayGuard, axds_shared_array_guard, axds_shared_array_guard_ref,
                     axds_shared_array_guard_unref)
/**
 * axds_shared_array_info_copy:
 * @self: a #AxdsSharedArrayInfo
 *
 * Makes a copy on the heap, for bindings and #GValue.
 *
 * Returns: (transfer full): the copy; free it with axds_shared_array_info_free()
 */
AxdsSharedArrayInfo *
axds_shared_array_info_copy (const AxdsSharedArrayInfo *self)
{
  AxdsSharedArrayInfo *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->name = g_strdup (self->name);
  return copy;
}

G_DEFINE_BOXED_TYPE (AxdsSharedArrayInfo, axds_shared_array_info, axds_shared_array_info_copy,
                     axds_shared_array_info_free)

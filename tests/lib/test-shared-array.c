/* test-shared-array.c
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gio.h>

#include <axds.h>

#include "axds-process-private.h"
#include "axds-shared-array-private.h"
#include "axds-test-utils.h"

static char *
shm_path (const char *name)
{
  return g_build_filename (axds_shared_array_get_directory (), name, NULL);
}

static gboolean
segment_exists (const char *name)
{
  g_autofree char *path = shm_path (name);
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static AxdsSharedArray *
create_simple (const char *name,
               AxdsDtype   dtype,
               guint64     n)
{
  g_autoptr(GError) error = NULL;
  guint64 shape[1] = { n };
  AxdsSharedArray *array;

  array = axds_shared_array_create (name, dtype, 1, shape, NULL, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (array);
  axds_shared_array_enable_buffer_destruction (array);
  return array;
}

/* The shared-memory helper: its stdin takes commands, its stdout answers. */
#define HELPER_PIPES (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDIN_PIPE)

static char *
read_line (GSubprocess *proc)
{
  g_autoptr(GDataInputStream) in =
    g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));
  g_autoptr(GError) error = NULL;
  char *line;

  /* Read byte by byte through a buffer of one line, so nothing beyond it is consumed. */
  g_buffered_input_stream_set_buffer_size (G_BUFFERED_INPUT_STREAM (in), 1);
  line = g_data_input_stream_read_line (in, NULL, NULL, &error);
  g_assert_no_error (error);
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (in), FALSE);
  return line;
}

static void
test_create_open (void)
{
  g_autofree char *name = axds_test_unique_name ("create");
  g_autoptr(AxdsSharedArray) array = NULL;
  g_autoptr(AxdsSharedArray) other = NULL;
  g_autoptr(GError) error = NULL;
  guint64 shape[] = { 3, 4 };
  float proto[12], out[12];
  gint64 before = g_get_real_time ();

  for (guint i = 0; i < 12; i++)
    proto[i] = i * 0.5f;

  array = axds_shared_array_create (name, AXDS_DTYPE_FLOAT32, 2, shape, proto, sizeof proto, 0,
                                    &error);
  g_assert_no_error (error);
  axds_shared_array_enable_buffer_destruction (array);
  g_assert_true (axds_shared_array_is_connected (array));
  g_assert_true (axds_shared_array_is_creator (array));
  g_assert_false (axds_shared_array_is_raw (array));
  g_assert_false (axds_shared_array_is_stale (array));
  g_assert_cmpstr (axds_shared_array_get_name (array), ==, name);
  g_assert_cmpint (axds_shared_array_get_dtype (array), ==, AXDS_DTYPE_FLOAT32);
  g_assert_cmpuint (axds_shared_array_get_ndim (array), ==, 2);
  g_assert_cmpuint (axds_shared_array_get_shape (array, NULL)[1], ==, 4);
  g_assert_cmpuint (axds_shared_array_get_n_elements (array), ==, 12);
  g_assert_cmpuint (axds_shared_array_get_nbytes (array), ==, sizeof proto);
  g_assert_cmpint (axds_shared_array_get_creator_pid (array), ==, getpid ());
  g_assert_cmpint (axds_shared_array_get_creation_time (array), >=, before);
  g_assert_cmpuint (axds_shared_array_get_write_count (array), ==, 0);

  /* Another handle connects with the name alone and sees the prototype's data. */
  other = axds_shared_array_open (name, &error);
  g_assert_no_error (error);
  g_assert_false (axds_shared_array_is_creator (other));
  g_assert_cmpint (axds_shared_array_get_dtype (other), ==, AXDS_DTYPE_FLOAT32);
  g_assert_cmpuint (axds_shared_array_get_shape (other, NULL)[0], ==, 3);
  g_assert_true (axds_shared_array_read (other, 0, 12, out, AXDS_ACCESS_LOCK, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (out, sizeof out, proto, sizeof proto);

  /* Writes through one handle are visible through the other and counted. */
  proto[5] = -1.25f;
  g_assert_true (axds_shared_array_write (array, 5, 1, &proto[5], AXDS_ACCESS_LOCK, &error));
  g_assert_true (axds_shared_array_read (other, 5, 1, &out[5], 0, &error));
  g_assert_cmpfloat (out[5], ==, -1.25f);
  g_assert_cmpuint (axds_shared_array_get_write_count (other), ==, 1);

  /* No temporary segment is left behind by creation. */
  {
    g_autoptr(GDir) dir = g_dir_open (axds_shared_array_get_directory (), 0, NULL);
    const char *entry;
    g_autofree char *tmp_prefix = g_strdup_printf (".axds-%d-", (int) getpid ());

    while ((entry = g_dir_read_name (dir)) != NULL)
      g_assert_false (g_str_has_prefix (entry, tmp_prefix));
  }
}

static void
test_create_errors (void)
{
  g_autofree char *name = axds_test_unique_name ("errors");
  g_autoptr(AxdsSharedArray) array = NULL;
  g_autoptr(AxdsSharedArray) again = NULL;
  g_autoptr(GError) error = NULL;
  guint64 shape[] = { 4 };
  guint64 zero[] = { 3, 0 };
  guint64 huge[] = { G_MAXUINT32, G_MAXUINT32, 16 };
  guint64 too_big[] = { (guint64) 1 << 46 };
  guint8 small[2] = { 0 };
  static const char *bad_names[] = { "", ".hidden", "a/b", "tab\there", "//", "/" };

  for (guint i = 0; i < G_N_ELEMENTS (bad_names); i++)
    {
      g_assert_null (axds_shared_array_create (bad_names[i], AXDS_DTYPE_UINT8, 1, shape, NULL, 0,
                                               0, &error));
      g_assert_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT);
      g_clear_error (&error);
    }
  {
    g_autofree char *long_name = g_strnfill (AXDS_SHARED_ARRAY_NAME_MAX + 1, 'a');
    g_assert_false (axds_shared_array_validate_name (long_name, &error));
    g_assert_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
  }

  g_assert_null (axds_shared_array_create (name, AXDS_DTYPE_UINT8, 2, zero, NULL, 0, 0, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, name));
  g_clear_error (&error);

  g_assert_null (axds_shared_array_create (name, AXDS_DTYPE_UINT8, 0, shape, NULL, 0, 0, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_null (axds_shared_array_create (name, AXDS_DTYPE_FLOAT64, 3, huge, NULL, 0, 0, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);

  g_assert_null (axds_shared_array_create (name, AXDS_DTYPE_INVALID, 1, shape, NULL, 0, 0, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_null (axds_shared_array_create (name, AXDS_DTYPE_UINT8, 1, shape, small, sizeof small,
                                           0, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* 64 TiB cannot be reserved: an error now, not a SIGBUS later, and nothing left behind. */
  g_assert_null (axds_shared_array_create (name, AXDS_DTYPE_UINT8, 1, too_big, NULL, 0, 0, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == G_IO_ERROR);
  g_assert_nonnull (strstr (error->message, name));
  g_clear_error (&error);
  g_assert_false (segment_exists (name));

  array = axds_shared_array_create (name, AXDS_DTYPE_UINT8, 1, shape, NULL, 0, 0, &error);
  g_assert_no_error (error);
  axds_shared_array_enable_buffer_destruction (array);

  again = axds_shared_array_create (name, AXDS_DTYPE_UINT8, 1, shape, NULL, 0, 0, &error);
  g_assert_null (again);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, name));
}

static void
test_exists_ok (void)
{
  g_autofree char *name = axds_test_unique_name ("replace");
  g_autoptr(AxdsSharedArray) old = NULL;
  g_autoptr(AxdsSharedArray) replacement = NULL;
  g_autoptr(AxdsSharedArray) reader = NULL;
  g_autoptr(GError) error = NULL;
  guint64 shape_old[] = { 4 }, shape_new[] = { 2, 2 };
  gint32 values[4] = { 1, 2, 3, 4 };
  gint32 out[4];

  old = axds_shared_array_create (name, AXDS_DTYPE_UINT8, 1, shape_old, NULL, 0, 0, &error);
  g_assert_no_error (error);
  replacement = axds_shared_array_create (name, AXDS_DTYPE_INT32, 2, shape_new, values,
                                          sizeof values, AXDS_SHARED_ARRAY_CREATE_EXISTS_OK,
                                          &error);
  g_assert_no_error (error);
  axds_shared_array_enable_buffer_destruction (replacement);

  /* The old handle still works on its own memory but knows it is stale. */
  g_assert_true (axds_shared_array_is_stale (old));
  g_assert_false (axds_shared_array_is_stale (replacement));

  reader = axds_shared_array_open (name, &error);
  g_assert_no_error (error);
  g_assert_cmpint (axds_shared_array_get_dtype (reader), ==, AXDS_DTYPE_INT32);
  g_assert_true (axds_shared_array_snapshot (reader, out, sizeof out, NULL, &error));
  g_assert_cmpmem (out, sizeof out, values, sizeof values);

  /* Destroying the stale handle must not remove the replacement that now owns the name. */
  g_assert_true (axds_shared_array_destroy (old, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (segment_exists (name));
}

static void
test_connect_lifecycle (void)
{
  g_autofree char *name = axds_test_unique_name ("lifecycle");
  g_autoptr(AxdsSharedArray) array = create_simple (name, AXDS_DTYPE_INT64, 8);
  g_autoptr(AxdsSharedArray) handle = axds_shared_array_new (name);
  g_autoptr(AxdsSharedArray) missing = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *missing_name = axds_test_unique_name ("missing");
  gint64 value = 7;
  guint8 buf[64];

  /* Not connected yet: data access is an error (Python's ConnectionError). */
  g_assert_false (axds_shared_array_is_connected (handle));
  g_assert_false (axds_shared_array_read (handle, 0, 1, &value, 0, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_NOT_CONNECTED);
  g_assert_nonnull (strstr (error->message, name));
  g_clear_error (&error);
  g_assert_false (axds_shared_array_write (handle, 0, 1, &value, 0, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_NOT_CONNECTED);
  g_clear_error (&error);
  g_assert_false (axds_shared_array_snapshot (handle, buf, sizeof buf, NULL, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_NOT_CONNECTED);
  g_clear_error (&error);
  g_assert_false (axds_shared_array_lock (handle, NULL, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_NOT_CONNECTED);
  g_clear_error (&error);
  g_assert_null (axds_shared_array_access (handle, AXDS_ACCESS_LOCK, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_NOT_CONNECTED);
  g_clear_error (&error);

  /* Connect and disconnect are idempotent. */
  g_assert_true (axds_shared_array_connect (handle, &error));
  g_assert_true (axds_shared_array_connect (handle, &error));
  g_assert_no_error (error);
  g_assert_cmpint (axds_shared_array_get_dtype (handle), ==, AXDS_DTYPE_INT64);
  g_assert_true (axds_shared_array_write (handle, 7, 1, &value, AXDS_ACCESS_LOCK, &error));
  axds_shared_array_disconnect (handle);
  axds_shared_array_disconnect (handle);
  g_assert_false (axds_shared_array_is_connected (handle));
  g_assert_true (axds_shared_array_connect (handle, &error));
  value = 0;
  g_assert_true (axds_shared_array_read (handle, 7, 1, &value, 0, &error));
  g_assert_cmpint (value, ==, 7);

  /* Ranges are checked. */
  g_assert_false (axds_shared_array_read (handle, 8, 1, &value, 0, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);
  g_assert_false (axds_shared_array_write (handle, 2, G_MAXUINT64, &value, 0, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);
  g_assert_false (axds_shared_array_snapshot (handle, buf, 8, NULL, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  missing = axds_shared_array_open (missing_name, &error);
  g_assert_null (missing);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, missing_name));
}

static void
test_destroy (void)
{
  g_autofree char *name = axds_test_unique_name ("destroy");
  g_autoptr(AxdsSharedArray) array = NULL;
  g_autoptr(AxdsSharedArray) other = NULL;
  g_autoptr(GError) error = NULL;
  guint64 shape[] = { 16 };
  guint8 out[16];

  array = axds_shared_array_create (name, AXDS_DTYPE_UINT8, 1, shape, NULL, 0, 0, &error);
  g_assert_no_error (error);
  other = axds_shared_array_open (name, &error);
  g_assert_no_error (error);

  /* Only the creator destroys by default. */
  g_assert_false (axds_shared_array_destroy (other, FALSE, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_NOT_OWNER);
  g_clear_error (&error);
  g_assert_true (segment_exists (name));

  g_assert_true (axds_shared_array_destroy (array, FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (segment_exists (name));
  g_assert_false (axds_shared_array_is_connected (array));

  /* A process still attached keeps working memory but sees the array as stale. */
  g_assert_true (axds_shared_array_is_stale (other));
  g_assert_true (axds_shared_array_snapshot (other, out, sizeof out, NULL, &error));
  g_assert_no_error (error);

  /* Destroying again is harmless, with or without an error location. */
  g_assert_true (axds_shared_array_destroy (array, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (axds_shared_array_destroy (array, FALSE, NULL));
  g_assert_true (axds_shared_array_destroy (other, TRUE, &error));
  g_assert_no_error (error);
}

static void
test_buffer_destruction (void)
{
  g_autofree char *name = axds_test_unique_name ("autodestroy");
  g_autofree char *name2 = axds_test_unique_name ("keep");
  guint64 shape[] = { 4 };
  AxdsSharedArray *array;

  array = axds_shared_array_create (name, AXDS_DTYPE_UINT8, 1, shape, NULL, 0, 0, NULL);
  g_assert_nonnull (array);
  axds_shared_array_enable_buffer_destruction (array);
  axds_shared_array_ref (array);
  axds_shared_array_unref (array);
  g_assert_true (segment_exists (name));
  axds_shared_array_unref (array);
  g_assert_false (segment_exists (name));

  /* Without it, releasing the handle leaves the buffer for other processes. */
  array = axds_shared_array_create (name2, AXDS_DTYPE_UINT8, 1, shape, NULL, 0, 0, NULL);
  axds_shared_array_unref (array);
  g_assert_true (segment_exists (name2));
  array = axds_shared_array_open (name2, NULL);
  g_assert_nonnull (array);
  g_assert_true (axds_shared_array_destroy (array, TRUE, NULL));
  axds_shared_array_unref (array);
  g_assert_false (segment_exists (name2));
}

static gpointer
try_lock_thread (gpointer data)
{
  GError *error = NULL;

  if (axds_shared_array_lock (data, NULL, &error))
    axds_shared_array_unlock (data);
  return error;
}

static void
test_guard_and_lock (void)
{
  g_autofree char *name = axds_test_unique_name ("guard");
  g_autoptr(AxdsSharedArray) array = create_simple (name, AXDS_DTYPE_UINT16, 100);
  g_autoptr(AxdsSharedArray) other = axds_shared_array_open (name, NULL);
  g_autoptr(GError) error = NULL;
  gboolean recovered = TRUE;
  guint16 out[100];

  g_assert_nonnull (other);
  {
    g_autoptr(AxdsSharedArrayGuard) guard =
      axds_shared_array_access (array, AXDS_ACCESS_LOCK | AXDS_ACCESS_WRITE, &error);
    guint16 *data;

    g_assert_no_error (error);
    g_assert_false (axds_shared_array_guard_is_recovered (guard));
    data = axds_shared_array_guard_get_data (guard);
    for (guint i = 0; i < 100; i++)
      data[i] = i * 3;

    /* While the section holds the lock, another thread's handle times out... */
    axds_shared_array_set_lock_timeout (other, 50 * 1000);
    {
      GThread *thread = g_thread_new ("locker", try_lock_thread, other);
      GError *thread_error = g_thread_join (thread);
      g_assert_error (thread_error, AXDS_ERROR, AXDS_ERROR_TIMEOUT);
      g_assert_nonnull (strstr (thread_error->message, name));
      g_error_free (thread_error);
    }

    /* ...the same thread through another handle is told instead of deadlocking... */
    g_assert_false (axds_shared_array_lock (other, NULL, &error));
    g_assert_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);

    /* ...relocking through the same handle is refused instead of deadlocking... */
    g_assert_false (axds_shared_array_lock (array, NULL, &error));
    g_assert_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);

    /* ...and a lock-free snapshot does not complete while the write is open. */
    axds_shared_array_set_snapshot_timeout (other, 20 * 1000);
    g_assert_false (axds_shared_array_snapshot (other, out, sizeof out, NULL, &error));
    g_assert_error (error, AXDS_ERROR, AXDS_ERROR_BUSY);
    g_clear_error (&error);
  }

  g_assert_true (axds_shared_array_lock (other, &recovered, &error));
  g_assert_no_error (error);
  g_assert_false (recovered);
  /* Reads through a handle that holds the lock do not try to take it again. */
  g_assert_true (axds_shared_array_read (other, 0, 100, out, AXDS_ACCESS_LOCK, &error));
  g_assert_no_error (error);
  axds_shared_array_unlock (other);
  for (guint i = 0; i < 100; i++)
    g_assert_cmpuint (out[i], ==, i * 3);
  g_assert_cmpuint (axds_shared_array_get_write_count (other), ==, 1);

  {
    guint64 count = 0;
    g_assert_true (axds_shared_array_snapshot (other, out, sizeof out, &count, &error));
    g_assert_cmpuint (count, ==, 1);
  }
}

static void
test_foreign_segments (void)
{
  g_autofree char *name = axds_test_unique_name ("foreign");
  g_autofree char *path = shm_path (name);
  g_autoptr(AxdsSharedArray) array = NULL;
  g_autoptr(GError) error = NULL;
  AxdsSharedArrayInfo info;
  guint8 junk[512];
  guint8 head[AXDS_SHM_HEADER_SIZE];
  guint64 shape[] = { 64 };
  AxdsShmHeader *h = (AxdsShmHeader *) head;

  memset (junk, 0x5a, sizeof junk);

  /* Garbage under our name. */
  g_assert_true (g_file_set_contents (path, (char *) junk, sizeof junk, NULL));
  array = axds_shared_array_open (name, &error);
  g_assert_null (array);
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, name));
  g_clear_error (&error);

  /* Too short to hold a header. */
  g_assert_true (g_file_set_contents (path, "AXDS", 4, NULL));
  g_assert_false (axds_shared_array_read_info (name, &info, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT);
  g_clear_error (&error);

  /* A valid header whose data was truncated away. */
  memset (head, 0, sizeof head);
  memcpy (h->magic, AXDS_SHM_MAGIC, AXDS_SHM_MAGIC_LEN);
  h->version = AXDS_SHM_VERSION;
  h->header_size = AXDS_SHM_HEADER_SIZE;
  memcpy (h->dtype, "<f8", 3);
  h->ndim = 1;
  h->shape[0] = 64;
  h->nbytes = 64 * 8;
  g_assert_true (g_file_set_contents (path, (char *) head, sizeof head, NULL));
  array = axds_shared_array_open (name, &error);
  g_assert_null (array);
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "truncated"));
  g_clear_error (&error);

  /* nbytes that disagrees with the shape. */
  h->nbytes = 8;
  g_assert_true (g_file_set_contents (path, (char *) head, sizeof head, NULL));
  g_assert_false (axds_shared_array_read_info (name, &info, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT);
  g_clear_error (&error);

  /* A bad dtype and a bad ndim. */
  h->nbytes = 64 * 8;
  memcpy (h->dtype, ">f8", 3);
  g_assert_true (g_file_set_contents (path, (char *) head, sizeof head, NULL));
  g_assert_false (axds_shared_array_read_info (name, &info, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT);
  g_clear_error (&error);
  memcpy (h->dtype, "<f8", 3);
  h->ndim = 200;
  g_assert_true (g_file_set_contents (path, (char *) head, sizeof head, NULL));
  g_assert_false (axds_shared_array_read_info (name, &info, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT);
  g_clear_error (&error);

  /* A header from a future version. */
  h->ndim = 1;
  h->version = AXDS_SHM_VERSION + 1;
  h->magic[AXDS_SHM_MAGIC_LEN - 1] = AXDS_SHM_VERSION + 1;
  g_assert_true (g_file_set_contents (path, (char *) head, sizeof head, NULL));
  array = axds_shared_array_open (name, &error);
  g_assert_null (array);
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_VERSION);
  g_clear_error (&error);

  /* Listing skips foreign segments and does not fail on them. */
  {
    g_autoptr(GPtrArray) list = axds_shared_array_list (&error);
    g_assert_no_error (error);
    for (guint i = 0; i < list->len; i++)
      g_assert_cmpstr (((AxdsSharedArrayInfo *) list->pdata[i])->name, !=, name);
  }

  /* A raw attach to a libaxds array is refused: the header would be taken for data. */
  g_assert_cmpint (unlink (path), ==, 0);
  array = axds_shared_array_create (name, AXDS_DTYPE_FLOAT64, 1, shape, NULL, 0, 0, &error);
  g_assert_no_error (error);
  axds_shared_array_enable_buffer_destruction (array);
  {
    g_autoptr(AxdsSharedArray) raw = axds_shared_array_new_raw (name, AXDS_DTYPE_FLOAT64, 1, shape);
    g_assert_false (axds_shared_array_connect (raw, &error));
    g_assert_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
  }
}

static void
test_list_and_info (void)
{
  g_autofree char *name = axds_test_unique_name ("listed");
  g_autoptr(AxdsSharedArray) array = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(AxdsSharedArrayInfo) info = { 0 };
  guint64 shape[] = { 2, 3, 5 };
  gboolean found = FALSE;
  guint8 v = 1;

  array = axds_shared_array_create (name, AXDS_DTYPE_COMPLEX128, 3, shape, NULL, 0, 0, &error);
  g_assert_no_error (error);
  axds_shared_array_enable_buffer_destruction (array);
  g_assert_true (axds_shared_array_write (array, 0, 1, (double[2]) { 1, 2 }, 0, &error));
  g_assert_true (axds_shared_array_write (array, 1, 1, (double[2]) { 3, 4 }, AXDS_ACCESS_LOCK,
                                          &error));

  list = axds_shared_array_list (&error);
  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      AxdsSharedArrayInfo *item = list->pdata[i];
      if (i > 0)
        g_assert_cmpint (strcmp (((AxdsSharedArrayInfo *) list->pdata[i - 1])->name, item->name),
                         <, 0);
      if (g_strcmp0 (item->name, name) != 0)
        continue;
      found = TRUE;
      g_assert_cmpint (item->dtype, ==, AXDS_DTYPE_COMPLEX128);
      g_assert_cmpuint (item->ndim, ==, 3);
      g_assert_cmpuint (item->shape[2], ==, 5);
      g_assert_cmpuint (item->nbytes, ==, 30 * 16);
      g_assert_cmpint (item->creator_pid, ==, getpid ());
      g_assert_true (item->creator_alive);
      g_assert_cmpuint (item->write_count, ==, 2);
      g_assert_cmpuint (item->header_version, ==, AXDS_SHM_VERSION);
    }
  g_assert_true (found);

  g_assert_true (axds_shared_array_read_info (name, &info, &error));
  g_assert_cmpuint (info.write_count, ==, 2);
  (void) v;
}

static void
test_pid_alive (void)
{
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  gint64 pid;
  guint64 start;

  g_assert_true (axds_pid_is_alive (getpid (), _axds_pid_get_start_time (getpid ())));
  g_assert_false (axds_pid_is_alive (0, 0));
  g_assert_false (axds_pid_is_alive (-5, 0));
  /* Our own pid with another start time is a reused pid, not us. */
  g_assert_false (axds_pid_is_alive (getpid (), _axds_pid_get_start_time (getpid ()) + 1));

  /* `cat` waits on its stdin, so its pid is known and alive until we close the pipe. */
  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE, &error, "cat", NULL);
  g_assert_no_error (error);
  pid = g_ascii_strtoll (g_subprocess_get_identifier (proc), NULL, 10);
  start = _axds_pid_get_start_time (pid);
  g_assert_cmpuint (start, !=, 0);
  g_assert_true (axds_pid_is_alive (pid, start));
  g_output_stream_close (g_subprocess_get_stdin_pipe (proc), NULL, &error);
  g_assert_no_error (error);
  g_subprocess_wait_check (proc, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (axds_pid_is_alive (pid, start));
}

/* N processes each do M locked increments of one counter: exactly N×M, nothing lost. */
static void
test_multiprocess_increments (void)
{
  g_autofree char *name = axds_test_unique_name ("counter");
  g_autoptr(AxdsSharedArray) array = create_simple (name, AXDS_DTYPE_INT64, 1);
  GSubprocess *procs[4];
  const guint n_procs = G_N_ELEMENTS (procs), per_proc = 5000;
  gint64 value = -1;

  for (guint i = 0; i < n_procs; i++)
    procs[i] = axds_test_spawn (HELPER_PIPES, "AXDS_TEST_SHM_HELPER", "increment", name, "5000",
                                NULL);
  for (guint i = 0; i < n_procs; i++)
    {
      g_autoptr(GError) error = NULL;
      g_subprocess_wait_check (procs[i], NULL, &error);
      g_assert_no_error (error);
      g_object_unref (procs[i]);
    }

  g_assert_true (axds_shared_array_read (array, 0, 1, &value, AXDS_ACCESS_LOCK, NULL));
  g_assert_cmpint (value, ==, (gint64) n_procs * per_proc);
  g_assert_cmpuint (axds_shared_array_get_write_count (array), ==, n_procs * per_proc);
}

/* A process killed while holding the lock mid-write blocks nobody, and the recovery is told. */
static void
test_dead_holder_recovery (void)
{
  g_autofree char *name = axds_test_unique_name ("deadlock");
  g_autoptr(AxdsSharedArray) array = create_simple (name, AXDS_DTYPE_UINT8, 64);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  guint8 out[64];
  guint64 count_before, count_after;
  gboolean recovered = FALSE;

  proc = axds_test_spawn (HELPER_PIPES, "AXDS_TEST_SHM_HELPER", "hold", name, NULL);
  line = read_line (proc);
  g_assert_cmpstr (line, ==, "locked");
  count_before = axds_shared_array_get_write_count (array);
  axds_test_kill_and_reap (proc);

  /* A lock-free reader is not stalled by the dead writer: it recovers the lock itself. */
  g_assert_true (axds_shared_array_snapshot (array, out, sizeof out, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (out[0], ==, 0xAA);
  count_after = axds_shared_array_get_write_count (array);
  g_assert_cmpuint (count_after, >, count_before);

  /* Again with a locker as the first to notice. */
  g_clear_object (&proc);
  g_clear_pointer (&line, g_free);
  proc = axds_test_spawn (HELPER_PIPES, "AXDS_TEST_SHM_HELPER", "hold", name, NULL);
  line = read_line (proc);
  g_assert_cmpstr (line, ==, "locked");
  axds_test_kill_and_reap (proc);

  axds_shared_array_set_lock_timeout (array, 5 * G_USEC_PER_SEC);
  g_assert_true (axds_shared_array_lock (array, &recovered, &error));
  g_assert_no_error (error);
  g_assert_true (recovered);
  axds_shared_array_unlock (array);

  /* After recovery the lock behaves normally. */
  recovered = TRUE;
  g_assert_true (axds_shared_array_lock (array, &recovered, &error));
  g_assert_false (recovered);
  axds_shared_array_unlock (array);
  g_assert_true (axds_shared_array_snapshot (array, out, sizeof out, NULL, &error));
}

/* A writer without the lock that dies mid-write cannot be undone: snapshots say so, in time. */
static void
test_dead_unlocked_writer (void)
{
  g_autofree char *name = axds_test_unique_name ("stuck");
  g_autoptr(AxdsSharedArray) array = create_simple (name, AXDS_DTYPE_UINT8, 8);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  guint8 out[8];

  proc = axds_test_spawn (HELPER_PIPES, "AXDS_TEST_SHM_HELPER", "hold-unlocked", name, NULL);
  line = read_line (proc);
  g_assert_cmpstr (line, ==, "writing");
  axds_test_kill_and_reap (proc);

  axds_shared_array_set_snapshot_timeout (array, 50 * 1000);
  g_assert_false (axds_shared_array_snapshot (array, out, sizeof out, NULL, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, name));
  /* Locked reads still work. */
  g_assert_true (axds_shared_array_read (array, 0, 8, out, AXDS_ACCESS_LOCK, NULL));
}

/* Snapshots taken while another process rewrites the array element by element are never torn. */
static void
snapshot_under_load (const char *mode)
{
  g_autofree char *name = axds_test_unique_name ("frames");
  g_autoptr(AxdsSharedArray) array = create_simple (name, AXDS_DTYPE_UINT32, 64 * 1024);
  g_autoptr(GSubprocess) proc = NULL;
  g_autofree char *line = NULL;
  g_autofree guint32 *copy = g_new (guint32, 64 * 1024);
  guint snapshots = 0, distinct = 0;
  guint32 last = 0;

  proc = axds_test_spawn (HELPER_PIPES, "AXDS_TEST_SHM_HELPER", "frames", name, "3000", mode, NULL);
  line = read_line (proc);
  g_assert_cmpstr (line, ==, "ready");

  /* Until the writer exits (the identifier goes once it is reaped), not for a set time. */
  while (g_subprocess_get_identifier (proc) != NULL || snapshots < 10)
    {
      g_autoptr(GError) error = NULL;
      guint64 count = 0;

      if (!axds_shared_array_snapshot (array, copy, 64 * 1024 * 4, &count, &error))
        {
          g_assert_error (error, AXDS_ERROR, AXDS_ERROR_BUSY);
          continue;
        }
      snapshots++;
      for (guint i = 1; i < 64 * 1024; i++)
        if (copy[i] != copy[0])
          g_error ("torn snapshot: element %u is %u, element 0 is %u", i, copy[i], copy[0]);
      /* Each frame is one write: the counter says which frame the copy shows. */
      g_assert_cmpuint (copy[0], ==, count);
      if (copy[0] != last)
        distinct++;
      last = copy[0];
    }
  {
    g_autoptr(GError) error = NULL;
    g_subprocess_wait_check (proc, NULL, &error);
    g_assert_no_error (error);
  }
  /* The writer has exited: a last snapshot must show its final frame, whole. */
  {
    g_autoptr(GError) error = NULL;
    guint64 count = 0;

    g_assert_true (axds_shared_array_snapshot (array, copy, 64 * 1024 * 4, &count, &error));
    g_assert_no_error (error);
    for (guint i = 0; i < 64 * 1024; i++)
      g_assert_cmpuint (copy[i], ==, 3000);
    g_assert_cmpuint (count, ==, 3000);
  }
  g_test_message ("%u consistent snapshots, %u distinct frames", snapshots, distinct);
  g_assert_cmpuint (distinct, >, 1);
  g_assert_cmpuint (last, <=, 3000);
}

static void
test_snapshot_locked_writer (void)
{
  snapshot_under_load ("locked");
}

static void
test_snapshot_unlocked_writer (void)
{
  snapshot_under_load ("unlocked");
}

/* Raw attach: a NumPy process and this one see each other's writes in a Python-made buffer. */
static void
test_raw_numpy_interop (void)
{
  const char *python = g_getenv ("AXDS_PYTHON");
  const char *script = g_getenv ("AXDS_TEST_SHM_PEER_PY");
  g_autofree char *name = axds_test_unique_name ("numpy");
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(AxdsSharedArray) raw = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  guint64 shape[] = { 4, 5 };
  double values[20], v = 42.5;
  gint64 index[] = { 1, 2 };
  guint64 offset, count;

  if (python == NULL || script == NULL)
    {
      g_test_skip ("python3 not found");
      return;
    }

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDIN_PIPE, &error,
                           python, script, name, NULL);
  g_assert_no_error (error);
  line = read_line (proc);
  g_assert_cmpstr (line, ==, "ready");

  raw = axds_shared_array_new_raw (name, AXDS_DTYPE_FLOAT64, 2, shape);
  g_assert_true (axds_shared_array_connect (raw, &error));
  g_assert_no_error (error);
  g_assert_true (axds_shared_array_is_raw (raw));
  g_assert_true (axds_shared_array_snapshot (raw, values, sizeof values, NULL, &error));
  for (guint i = 0; i < 20; i++)
    g_assert_cmpfloat (values[i], ==, (double) i);

  /* A raw buffer has no lock. */
  g_assert_false (axds_shared_array_lock (raw, NULL, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);
  g_assert_false (axds_shared_array_write (raw, 0, 1, &v, AXDS_ACCESS_LOCK, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);

  g_assert_true (axds_index_resolve (2, shape, 2, index, &offset, &count, NULL));
  g_assert_true (axds_shared_array_write (raw, offset, 1, &v, 0, &error));
  g_assert_no_error (error);

  axds_test_write_line (proc, "check");
  g_clear_pointer (&line, g_free);
  line = read_line (proc);
  g_assert_cmpstr (line, ==, "ok");
  g_assert_true (axds_shared_array_read (raw, 19, 1, &v, 0, &error));
  g_assert_cmpfloat (v, ==, -7.25);

  /* A shape larger than the buffer is refused. */
  {
    guint64 big[] = { 4, 6 };
    g_autoptr(AxdsSharedArray) wrong = axds_shared_array_new_raw (name, AXDS_DTYPE_FLOAT64, 2, big);
    g_assert_false (axds_shared_array_connect (wrong, &error));
    g_assert_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
  }

  axds_shared_array_disconnect (raw);
  axds_test_write_line (proc, "done");
  g_subprocess_wait_check (proc, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (segment_exists (name));
}

static void
test_raw_errors (void)
{
  g_autofree char *name = axds_test_unique_name ("rawbad");
  g_autoptr(AxdsSharedArray) bad = NULL;
  g_autoptr(GError) error = NULL;
  guint64 zero[] = { 0 };

  bad = axds_shared_array_new_raw (name, AXDS_DTYPE_UINT8, 1, zero);
  g_assert_false (axds_shared_array_connect (bad, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_pointer (&bad, axds_shared_array_unref);

  {
    g_autofree char *path = shm_path (name);
    guint64 shape[] = { 4 };
    g_assert_true (g_file_set_contents (path, "0123456789", 10, NULL));
    bad = axds_shared_array_new_raw (name, AXDS_DTYPE_UINT8, 1, zero);
    g_assert_false (axds_shared_array_connect (bad, &error));
    g_assert_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
    g_clear_pointer (&bad, axds_shared_array_unref);

    bad = axds_shared_array_new_raw (name, AXDS_DTYPE_UINT16, 1, shape);
    g_assert_true (axds_shared_array_connect (bad, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (axds_shared_array_get_write_count (bad), ==, 0);
    g_assert_true (axds_shared_array_destroy (bad, TRUE, &error));
    g_assert_no_error (error);
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }
}

/* A guard still open when its handle disconnects must not leave readers waiting forever. */
static void
test_disconnect_ends_open_writes (void)
{
  g_autofree char *name = axds_test_unique_name ("openwrite");
  g_autoptr(AxdsSharedArray) array = create_simple (name, AXDS_DTYPE_UINT8, 8);
  g_autoptr(AxdsSharedArray) writer = axds_shared_array_open (name, NULL);
  g_autoptr(GError) error = NULL;
  AxdsSharedArrayGuard *unlocked, *locked;
  guint8 out[8];

  axds_shared_array_set_snapshot_timeout (array, 20 * 1000);
  unlocked = axds_shared_array_access (writer, AXDS_ACCESS_WRITE, &error);
  g_assert_no_error (error);
  g_assert_false (axds_shared_array_snapshot (array, out, sizeof out, NULL, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_BUSY);
  g_clear_error (&error);

  axds_shared_array_disconnect (writer);
  g_assert_true (axds_shared_array_snapshot (array, out, sizeof out, NULL, &error));
  g_assert_no_error (error);

  /* The stale guard, released after a reconnect, leaves the counters alone. */
  g_assert_true (axds_shared_array_connect (writer, &error));
  locked = axds_shared_array_access (writer, AXDS_ACCESS_LOCK | AXDS_ACCESS_WRITE, &error);
  g_assert_no_error (error);
  axds_shared_array_guard_unref (unlocked);
  g_assert_false (axds_shared_array_snapshot (array, out, sizeof out, NULL, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_BUSY);
  g_clear_error (&error);

  /* A locked write open at disconnect is ended and its lock released. */
  axds_shared_array_disconnect (writer);
  g_assert_true (axds_shared_array_snapshot (array, out, sizeof out, NULL, &error));
  g_assert_true (axds_shared_array_lock (array, NULL, &error));
  g_assert_no_error (error);
  axds_shared_array_unlock (array);
  axds_shared_array_guard_unref (locked);
  g_assert_true (axds_shared_array_snapshot (array, out, sizeof out, NULL, &error));
}

static void
test_unlink_and_creator (void)
{
  g_autofree char *name = axds_test_unique_name ("unlink");
  g_autofree char *foreign = axds_test_unique_name ("unlink-foreign");
  g_autofree char *path = shm_path (foreign);
  g_autoptr(AxdsSharedArray) array = NULL;
  g_autoptr(AxdsSharedArray) other = NULL;
  g_autoptr(GError) error = NULL;
  guint64 shape[] = { 4 };

  array = axds_shared_array_create (name, AXDS_DTYPE_UINT8, 1, shape, NULL, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_true (axds_shared_array_is_creator_alive (array));
  other = axds_shared_array_open (name, &error);
  g_assert_true (axds_shared_array_is_creator_alive (other));

  g_assert_true (axds_shared_array_unlink (name, &error));
  g_assert_no_error (error);
  g_assert_false (segment_exists (name));
  g_assert_true (axds_shared_array_is_stale (other));

  /* Corrupt leftovers, which nobody can connect to, can still be removed. */
  g_assert_true (g_file_set_contents (path, "junk", 4, NULL));
  g_assert_true (axds_shared_array_unlink (foreign, &error));
  g_assert_false (segment_exists (foreign));
  g_assert_false (axds_shared_array_unlink (foreign, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (axds_shared_array_unlink ("a/b", &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT);
}

/* Runs last: every segment this binary made is gone. */
static void
test_no_leftovers (void)
{
  axds_test_assert_none_left (axds_shared_array_get_directory (), axds_test_name_prefix (),
                              "segment");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/axds/shared-array/create-open", test_create_open);
  g_test_add_func ("/axds/shared-array/create-errors", test_create_errors);
  g_test_add_func ("/axds/shared-array/exists-ok", test_exists_ok);
  g_test_add_func ("/axds/shared-array/lifecycle", test_connect_lifecycle);
  g_test_add_func ("/axds/shared-array/destroy", test_destroy);
  g_test_add_func ("/axds/shared-array/buffer-destruction", test_buffer_destruction);
  g_test_add_func ("/axds/shared-array/guard-and-lock", test_guard_and_lock);
  g_test_add_func ("/axds/shared-array/foreign-segments", test_foreign_segments);
  g_test_add_func ("/axds/shared-array/list-and-info", test_list_and_info);
  g_test_add_func ("/axds/shared-array/pid-alive", test_pid_alive);
  g_test_add_func ("/axds/shared-array/multiprocess-increments", test_multiprocess_increments);
  g_test_add_func ("/axds/shared-array/dead-holder-recovery", test_dead_holder_recovery);
  g_test_add_func ("/axds/shared-array/dead-unlocked-writer", test_dead_unlocked_writer);
  g_test_add_func ("/axds/shared-array/snapshot-locked-writer", test_snapshot_locked_writer);
  g_test_add_func ("/axds/shared-array/snapshot-unlocked-writer", test_snapshot_unlocked_writer);
  g_test_add_func ("/axds/shared-array/raw-numpy-interop", test_raw_numpy_interop);
  g_test_add_func ("/axds/shared-array/raw-errors", test_raw_errors);
  g_test_add_func ("/axds/shared-array/disconnect-ends-open-writes",
                   test_disconnect_ends_open_writes);
  g_test_add_func ("/axds/shared-array/unlink-and-creator", test_unlink_and_creator);
  g_test_add_func ("/axds/shared-array/no-leftovers", test_no_leftovers);

  return g_test_run ();
}

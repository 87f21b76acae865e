/* test-models.c — the list model of shared arrays: items, polling, raw buffers, history
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "models/axds-array-poller.h"
#include "ui-test-utils.h"

static char *
test_name (const char *suffix)
{
  return g_strdup_printf ("axds-ui-models-%d-%s", (int)getpid (), suffix);
}

static AxdsSharedArray *
create_array (const char *name,
              guint64     n)
{
  g_autoptr(GError) error = NULL;
  AxdsSharedArray *array = axds_shared_array_create (name, AXDS_DTYPE_FLOAT64, 1, &n, NULL, 0,
                                                     AXDS_SHARED_ARRAY_CREATE_EXISTS_OK, &error);
  g_assert_no_error (error);
  return array;
}

typedef struct
{
  AxdsArrayPoller *poller;
  const char      *name;
} FindData;

static gboolean
listed_cb (gpointer data)
{
  FindData *find = data;
  return axds_array_poller_find (find->poller, find->name, NULL) != NULL;
}

static gboolean
unlisted_cb (gpointer data)
{
  return !listed_cb (data);
}

static void
test_item_fields (void)
{
  g_autoptr(AxdsArrayPoller) poller = axds_array_poller_new ();
  g_autofree char *name = test_name ("fields");
  g_autoptr(AxdsSharedArray) array = create_array (name, 8);
  g_autoptr(GError) error = NULL;
  g_autofree char *dtype = NULL;
  g_autofree char *shape = NULL;
  AxdsArrayItem *item;
  guint64 nbytes;
  gint64 pid;
  gboolean alive, is_raw;

  g_assert_true (axds_array_poller_refresh (poller, &error));
  g_assert_no_error (error);
  item = axds_array_poller_find (poller, name, NULL);
  g_assert_nonnull (item);

  g_object_get (item, "dtype", &dtype, "shape", &shape, "nbytes", &nbytes,
                "owner-pid", &pid, "owner-alive", &alive, "is-raw", &is_raw, NULL);
  g_assert_cmpstr (dtype, ==, "<f8");
  g_assert_cmpstr (shape, ==, "8");
  g_assert_cmpuint (nbytes, ==, 64);
  g_assert_cmpint (pid, ==, getpid ());
  g_assert_true (alive);
  g_assert_false (is_raw);
  g_assert_cmpuint (axds_array_item_get_n_elements (item), ==, 8);

  axds_shared_array_destroy (array, FALSE, NULL);
}

static void
test_write_rate (void)
{
  g_autoptr(AxdsArrayPoller) poller = axds_array_poller_new ();
  g_autofree char *name = test_name ("rate");
  g_autoptr(AxdsSharedArray) array = create_array (name, 4);
  double values[4] = { 1, 2, 3, 4 };
  AxdsArrayItem *item;

  g_assert_true (axds_array_poller_refresh (poller, NULL));
  item = axds_array_poller_find (poller, name, NULL);
  g_assert_nonnull (item);
  g_assert_cmpuint (axds_array_item_get_write_count (item), ==, 0);

  for (int i = 0; i < 10; i++)
    g_assert_true (axds_shared_array_write (array, 0, 4, values,
                                            AXDS_ACCESS_LOCK | AXDS_ACCESS_WRITE, NULL));

  /* The same item, updated in place: rows bound to it keep their binding. */
  g_assert_true (axds_array_poller_refresh (poller, NULL));
  g_assert_true (axds_array_poller_find (poller, name, NULL) == item);
  g_assert_cmpuint (axds_array_item_get_write_count (item), ==, 10);
  g_assert_cmpfloat (axds_array_item_get_rate (item), >, 0.0);

  axds_shared_array_destroy (array, FALSE, NULL);
}

/* Arrays appear and disappear within one poll of the timer, in name order. */
static void
test_poll_appear_disappear (void)
{
  g_autoptr(AxdsArrayPoller) poller = axds_array_poller_new ();
  g_autofree char *name_a = test_name ("a");
  g_autofree char *name_b = test_name ("b");
  g_autoptr(AxdsSharedArray) b = create_array (name_b, 2);
  g_autoptr(AxdsSharedArray) a = create_array (name_a, 2);
  FindData find = { poller, name_a };
  guint pos_a, pos_b;

  g_assert_cmpuint (axds_array_poller_get_interval (poller), <=, 1000);
  g_assert_true (axds_test_poll_until (listed_cb, &find, 1.5));
  g_assert_nonnull (axds_array_poller_find (poller, name_a, &pos_a));
  g_assert_nonnull (axds_array_poller_find (poller, name_b, &pos_b));
  g_assert_cmpuint (pos_a, <, pos_b);

  axds_shared_array_destroy (a, FALSE, NULL);
  g_assert_true (axds_test_poll_until (unlisted_cb, &find, 1.5));
  g_assert_null (axds_array_poller_find (poller, name_a, NULL));
  g_assert_nonnull (axds_array_poller_find (poller, name_b, NULL));

  axds_shared_array_destroy (b, FALSE, NULL);
}

/* An array made again under the same name is a new item. */
static void
test_replaced_is_new_item (void)
{
  g_autoptr(AxdsArrayPoller) poller = axds_array_poller_new ();
  g_autofree char *name = test_name ("replaced");
  g_autoptr(AxdsSharedArray) first = create_array (name, 2);
  g_autoptr(AxdsSharedArray) second = NULL;
  g_autoptr(AxdsArrayItem) before = NULL;
  AxdsArrayItem *after;

  g_assert_true (axds_array_poller_refresh (poller, NULL));
  before = g_object_ref (axds_array_poller_find (poller, name, NULL));

  /* Creation times have microsecond resolution. */
  g_usleep (2000);
  second = create_array (name, 3);
  g_assert_true (axds_array_poller_refresh (poller, NULL));
  after = axds_array_poller_find (poller, name, NULL);
  g_assert_nonnull (after);
  g_assert_true (after != before);
  g_assert_cmpuint (axds_array_item_get_n_elements (after), ==, 3);

  axds_shared_array_destroy (second, TRUE, NULL);
}

/* A headerless buffer, made the way Python's shared_memory makes one. */
static void
test_raw_item (void)
{
  g_autoptr(AxdsArrayPoller) poller = axds_array_poller_new ();
  g_autofree char *name = test_name ("raw");
  g_autofree char *shm_name = g_strdup_printf ("/%s", name);
  g_autoptr(AxdsArrayItem) item = NULL;
  g_autoptr(AxdsArrayItem) too_big = NULL;
  g_autoptr(AxdsSharedArray) array = NULL;
  g_autoptr(GError) error = NULL;
  const guint64 shape[1] = { 16 };
  const guint64 big_shape[1] = { 4096 };
  guint8 data[16];
  int fd;

  fd = shm_open (shm_name, O_CREAT | O_EXCL | O_RDWR, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 16), ==, 0);
  close (fd);

  item = axds_array_item_new_raw (name, AXDS_DTYPE_UINT8, 1, shape);
  g_assert_true (axds_array_item_get_is_raw (item));
  g_assert_cmpuint (axds_array_item_get_nbytes (item), ==, 16);
  axds_array_poller_add_raw (poller, item);

  /* Not in any listing, but kept while the segment exists. */
  g_assert_true (axds_array_poller_refresh (poller, NULL));
  g_assert_true (axds_array_poller_find (poller, name, NULL) == item);

  array = axds_array_item_open (item, &error);
  g_assert_no_error (error);
  g_assert_true (axds_shared_array_snapshot (array, data, sizeof data, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (data[0], ==, 0);

  /* A shape larger than the buffer is an error, not a crash. */
  too_big = axds_array_item_new_raw (name, AXDS_DTYPE_UINT8, 1, big_shape);
  g_assert_null (axds_array_item_open (too_big, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_cmpint (shm_unlink (shm_name), ==, 0);
  g_assert_true (axds_array_poller_refresh (poller, NULL));
  g_assert_null (axds_array_poller_find (poller, name, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/axds/ui/models/item-fields", test_item_fields);
  g_test_add_func ("/axds/ui/models/write-rate", test_write_rate);
  g_test_add_func ("/axds/ui/models/poll-appear-disappear", test_poll_appear_disappear);
  g_test_add_func ("/axds/ui/models/replaced-is-new-item", test_replaced_is_new_item);
  g_test_add_func ("/axds/ui/models/raw-item", test_raw_item);

  return g_test_run ();
}

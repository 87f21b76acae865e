/* test-log-queue.c
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>

#include <axds.h>

#include "axds-log-queue-private.h"

#include "axds-test-utils.h"

static AxdsLogQueue *
make_queue (const char *name,
            guint64     capacity)
{
  g_autoptr(GError) error = NULL;
  AxdsLogQueueConfig config = { capacity, "/nonexistent", 1, 5, 0 };
  AxdsLogQueue *q = _axds_log_queue_create (name, &config, &error);

  g_assert_no_error (error);
  g_assert_nonnull (q);
  return q;
}

static void
drop_queue (AxdsLogQueue *q)
{
  _axds_log_queue_unlink (q);
  axds_log_queue_unref (q);
}

/* Takes the next record and checks it is @source/@time with @len bytes of @fill. */
static void
expect_record (AxdsLogQueue *q,
               guint8        source,
               guint64       time,
               gsize         len,
               guint8        fill)
{
  g_autoptr(GError) error = NULL;
  AxdsLogRecord rec;

  g_assert_cmpint (_axds_log_queue_next (q, 0, &rec, &error), ==, AXDS_LOG_NEXT_RECORD);
  g_assert_no_error (error);
  g_assert_cmpuint (rec.source_id, ==, source);
  g_assert_cmpuint (rec.acquisition_time, ==, time);
  g_assert_cmpuint (rec.payload_len, ==, len);
  for (gsize i = 0; i < len; i++)
    g_assert_cmpuint (rec.payload[i], ==, fill);
  _axds_log_queue_release (q, &rec);
}

static void
test_ring_order_and_wrap (void)
{
  g_autofree char *name = axds_test_unique_name ("ring");
  AxdsLogQueue *q = make_queue (name, 64 * 1024);
  g_autoptr(AxdsLogQueue) producer = NULL;
  g_autoptr(GError) error = NULL;
  AxdsLogQueueStats stats;
  AxdsLogRecord rec;
  guint8 data[20000];

  producer = axds_log_queue_open (name, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (axds_log_queue_get_name (producer), ==, name);
  g_assert_cmpuint (axds_log_queue_get_max_message_size (producer), ==, 32 * 1024 - 32);

  /* Many laps with sizes that force padding at the end of the ring. */
  for (guint lap = 0; lap < 200; lap++)
    {
      gsize len = (lap * 7919) % sizeof data;

      memset (data, lap & 0xff, len);
      g_assert_true (axds_log_queue_submit (producer, lap & 0xff, lap, data, len, &error));
      g_assert_no_error (error);
      if (lap % 2 == 1)
        {
          expect_record (q, (lap - 1) & 0xff, lap - 1, ((lap - 1) * 7919) % sizeof data,
                         (lap - 1) & 0xff);
          expect_record (q, lap & 0xff, lap, len, lap & 0xff);
        }
    }
  g_assert_cmpint (_axds_log_queue_next (q, 0, &rec, &error), ==, AXDS_LOG_NEXT_EMPTY);

  axds_log_queue_get_stats (producer, &stats);
  g_assert_cmpstr (stats.name, ==, name);
  g_assert_cmpuint (stats.submitted, ==, 200);
  g_assert_cmpuint (stats.depth_bytes, ==, 0);
  g_assert_cmpuint (stats.capacity_bytes, ==, 64 * 1024);
  g_assert_cmpuint (stats.high_water_bytes, >, 20000);
  g_assert_cmpuint (stats.high_water_bytes, <=, 64 * 1024);
  g_assert_true (stats.owner_alive);
  axds_log_queue_stats_clear (&stats);

  /* Too large for the ring: refused, not truncated. */
  g_assert_false (axds_log_queue_submit (producer, 1, 1, data, 40000, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT);
  drop_queue (q);
}

static void
test_full_queue_blocks_then_fails (void)
{
  g_autofree char *name = axds_test_unique_name ("full");
  AxdsLogQueue *q = make_queue (name, 64 * 1024);
  g_autoptr(GError) error = NULL;
  AxdsLogQueueStats stats;
  guint8 data[1000] = { 0 };
  guint accepted = 0;
  gint64 start, waited;

  axds_log_queue_set_timeout (q, 0);
  while (axds_log_queue_submit (q, 1, accepted + 1, data, sizeof data, &error))
    accepted++;
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_TIMEOUT);
  g_clear_error (&error);
  g_assert_cmpuint (accepted, ==, 64 * 1024 / 1056);

  /* With a timeout, the submit waits for room that never comes, then fails clearly. */
  axds_log_queue_set_timeout (q, 150 * 1000);
  start = g_get_monotonic_time ();
  g_assert_false (axds_log_queue_submit (q, 1, 999, data, sizeof data, &error));
  waited = g_get_monotonic_time () - start;
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (error->message, "not logged"));
  g_clear_error (&error);
  g_assert_cmpint (waited, >=, 150 * 1000);

  axds_log_queue_get_stats (q, &stats);
  g_assert_cmpuint (stats.submit_timeouts, ==, 2);
  g_assert_cmpuint (stats.submitted, ==, accepted);
  axds_log_queue_stats_clear (&stats);

  /* Room again: it goes through, and nothing that was accepted was dropped. */
  expect_record (q, 1, 1, sizeof data, 0);
  g_assert_true (axds_log_queue_submit (q, 1, 1000, data, sizeof data, &error));
  for (guint i = 2; i <= accepted; i++)
    expect_record (q, 1, i, sizeof data, 0);
  expect_record (q, 1, 1000, sizeof data, 0);
  drop_queue (q);
}

typedef struct
{
  AxdsLogQueue *q;
  guint         count;
} ConsumerData;

static gpointer
consumer_thread (gpointer data)
{
  ConsumerData *cd = data;

  for (guint i = 1; i <= cd->count; i++)
    {
      g_autoptr(GError) error = NULL;
      AxdsLogRecord rec;
      AxdsLogNext next;

      while ((next = _axds_log_queue_next (cd->q, 10 * 1000, &rec, &error)) == AXDS_LOG_NEXT_EMPTY)
        ;
      g_assert_cmpint (next, ==, AXDS_LOG_NEXT_RECORD);
      g_assert_cmpuint (rec.acquisition_time, ==, i);
      _axds_log_queue_release (cd->q, &rec);
    }
  return NULL;
}

/* A producer faster than its consumer waits for room rather than failing or dropping. */
static void
test_full_queue_waits_for_room (void)
{
  g_autofree char *name = axds_test_unique_name ("wait");
  AxdsLogQueue *q = make_queue (name, 64 * 1024);
  g_autoptr(GError) error = NULL;
  ConsumerData cd = { q, 5000 };
  guint8 data[900] = { 0 };
  AxdsLogQueueStats stats;
  GThread *consumer;

  consumer = g_thread_new ("consumer", consumer_thread, &cd);
  for (guint i = 1; i <= cd.count; i++)
    {
      g_assert_true (axds_log_queue_submit (q, 1, i, data, sizeof data, &error));
      g_assert_no_error (error);
    }
  g_thread_join (consumer);
  axds_log_queue_get_stats (q, &stats);
  g_assert_cmpuint (stats.submitted, ==, cd.count);
  g_assert_cmpuint (stats.submit_timeouts, ==, 0);
  axds_log_queue_stats_clear (&stats);
  drop_queue (q);
}

/* A producer killed between reserving and committing loses only its own unsubmitted message:
 * the ones it committed before, and everyone's after, all arrive. */
static void
test_dead_producer_mid_submit (void)
{
  g_autofree char *name = axds_test_unique_name ("dead");
  AxdsLogQueue *q = make_queue (name, 64 * 1024);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  AxdsLogQueueStats stats;
  AxdsLogRecord rec;
  guint8 data[8] = { 0 };
  guint64 times[8];
  guint n = 0;

  proc = axds_test_spawn (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, "AXDS_TEST_LOG_HELPER",
                          "reserve-and-die", name, "9", NULL);
  g_assert_cmpint (axds_test_wait_exit (proc), ==, -1);
  g_assert_cmpint (g_subprocess_get_term_sig (proc), ==, SIGKILL);

  /* Submitted after the dead reservation, so behind it in the ring. */
  g_assert_true (axds_log_queue_submit (q, 2, 5, data, sizeof data, &error));
  g_assert_no_error (error);

  while (n < 4)
    {
      AxdsLogNext next = _axds_log_queue_next (q, 20 * 1000, &rec, &error);

      g_assert_no_error (error);
      if (next == AXDS_LOG_NEXT_EMPTY)
        continue;
      g_assert_cmpint (next, ==, AXDS_LOG_NEXT_RECORD);
      times[n++] = rec.acquisition_time;
      _axds_log_queue_release (q, &rec);
    }
  g_assert_cmpuint (times[0], ==, 1);
  g_assert_cmpuint (times[1], ==, 2);
  g_assert_cmpuint (times[2], ==, 3);
  g_assert_cmpuint (times[3], ==, 5);
  g_assert_cmpint (_axds_log_queue_next (q, 0, &rec, &error), ==, AXDS_LOG_NEXT_EMPTY);

  axds_log_queue_get_stats (q, &stats);
  g_assert_cmpuint (stats.abandoned, ==, 1);
  g_assert_cmpuint (stats.submitted, ==, 4);
  g_assert_cmpuint (stats.depth_bytes, ==, 0);
  axds_log_queue_stats_clear (&stats);
  drop_queue (q);
}

static void
test_stop_drains (void)
{
  g_autofree char *name = axds_test_unique_name ("stop");
  AxdsLogQueue *q = make_queue (name, 64 * 1024);
  g_autoptr(GError) error = NULL;
  AxdsLogRecord rec;
  guint8 data[4] = { 7, 7, 7, 7 };

  g_assert_true (axds_log_queue_submit (q, 3, 1, data, sizeof data, &error));
  _axds_log_queue_request_stop (q);
  g_assert_false (axds_log_queue_submit (q, 3, 2, data, sizeof data, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_NOT_CONNECTED);
  g_clear_error (&error);
  /* What was submitted before the stop still comes out, then the queue reports drained. */
  expect_record (q, 3, 1, 4, 7);
  g_assert_cmpint (_axds_log_queue_next (q, -1, &rec, &error), ==, AXDS_LOG_NEXT_DRAINED);
  drop_queue (q);
}

static void
test_names_stats_and_list (void)
{
  g_autofree char *name = axds_test_unique_name ("list");
  g_autofree char *missing = axds_test_unique_name ("missing");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(AxdsLogQueue) dup = NULL;
  AxdsLogQueueConfig config = { 0, "/somewhere/x_data_log", 3, 7, 123 };
  AxdsLogQueue *q;
  AxdsLogQueueStats stats;
  gboolean found = FALSE;

  g_assert_null (axds_log_queue_open (missing, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (axds_log_queue_open ("a/b", &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (axds_log_queue_read_stats (missing, &stats, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  q = _axds_log_queue_create (name, &config, &error);
  g_assert_no_error (error);
  /* The same name while its owner (us) lives: refused. */
  dup = _axds_log_queue_create (name, &config, &error);
  g_assert_null (dup);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);

  g_assert_true (axds_log_queue_read_stats (name, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (stats.output_directory, ==, "/somewhere/x_data_log");
  g_assert_cmpuint (stats.n_workers, ==, 3);
  g_assert_cmpuint (stats.poll_interval_ms, ==, 7);
  g_assert_cmpuint (stats.disk_reserve_bytes, ==, 123);
  g_assert_cmpuint (stats.capacity_bytes, ==, AXDS_LOG_QUEUE_DEFAULT_CAPACITY);
  g_assert_cmpint (stats.state, ==, AXDS_LOGGER_STATE_STARTING);
  g_assert_cmpint (stats.owner_pid, ==, getpid ());
  g_assert_false (stats.logger_alive);
  axds_log_queue_stats_clear (&stats);

  list = axds_log_queue_list (&error);
  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    if (g_strcmp0 (((AxdsLogQueueStats *) g_ptr_array_index (list, i))->name, name) == 0)
      found = TRUE;
  g_assert_true (found);
  g_assert_cmpstr (axds_logger_state_to_string (AXDS_LOGGER_STATE_FAILED), ==, "failed");
  drop_queue (q);
}

static void
test_entry_file_name (void)
{
  g_autofree char *a = axds_log_entry_file_name (7, 123456789);
  g_autofree char *b = axds_log_entry_file_name (255, G_MAXUINT64);

  g_assert_cmpstr (a, ==, "007_00000000000123456789.npy");
  g_assert_cmpstr (b, ==, "255_18446744073709551615.npy");
}

static void
test_no_leftovers (void)
{
  g_autofree char *prefix = g_strconcat (AXDS_LOG_QUEUE_PREFIX, axds_test_name_prefix (), NULL);

  axds_test_assert_none_left (axds_shared_array_get_directory (), prefix, "queue");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/axds/log-queue/ring-order-and-wrap", test_ring_order_and_wrap);
  g_test_add_func ("/axds/log-queue/full-queue-blocks-then-fails",
                   test_full_queue_blocks_then_fails);
  g_test_add_func ("/axds/log-queue/full-queue-waits-for-room", test_full_queue_waits_for_room);
  g_test_add_func ("/axds/log-queue/dead-producer-mid-submit", test_dead_producer_mid_submit);
  g_test_add_func ("/axds/log-queue/stop-drains", test_stop_drains);
  g_test_add_func ("/axds/log-queue/names-stats-and-list", test_names_stats_and_list);
  g_test_add_func ("/axds/log-queue/entry-file-name", test_entry_file_name);
  g_test_add_func ("/axds/log-queue/no-leftovers", test_no_leftovers);

  return g_test_run ();
}

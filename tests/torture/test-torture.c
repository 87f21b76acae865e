/* test-torture.c — crash torture: SIGKILL at random moments, then check that nothing is lost
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * Each scenario kills a process doing real work, over and over, at a moment chosen at random,
 * and checks after each kill that the survivors go on and that everything the victim had handed
 * over (acknowledged in its ack file, see axds-torture-victim.c) is still there, whole. Random
 * numbers only choose *when* to kill; readiness is always awaited (a "ready" line, a death
 * report, a process exit). The generator is g_test's, so `--seed` (printed in the TAP header as
 * "random seed") replays a failing run.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include <axds.h>

#include "axds-test-utils.h"
#include "torture-common.h"

/* Kills per scenario: a few hundred in all, within a minute or two on a 2-core machine. Under
 * AddressSanitizer every process start costs far more: a quarter of them there. */
#if defined(__SANITIZE_ADDRESS__)
# define KILL_DIVISOR 4
#else
# define KILL_DIVISOR 1
#endif
#define SHM_KILLS      (100 / KILL_DIVISOR)
#define PRODUCER_KILLS (100 / KILL_DIVISOR)
#define LOGGER_KILLS   (60 / KILL_DIVISOR)
#define TRACKER_KILLS  (100 / KILL_DIVISOR)
#define TRANSFER_KILLS (40 / KILL_DIVISOR)

#define N_INCREMENTERS 3
#define N_TRACKER_VICTIMS 2
#define N_FILLER_JOBS 60

static const char *
victim_path (void)
{
  return axds_test_program ("AXDS_TORTURE_VICTIM");
}

typedef struct
{
  GSubprocess      *proc;
  GDataInputStream *out;
  char             *ack_path;
} Victim;

/* Starts a victim and returns once it says it completed its first operation. */
static void
victim_start (Victim             *v,
              const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  v->proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  v->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (v->proc));
  line = g_data_input_stream_read_line (v->out, NULL, NULL, &error);
  g_assert_no_error (error);
  if (g_strcmp0 (line, "ready") != 0)
    g_error ("a victim (%s) ended before its first operation", argv[1]);
}

/* SIGKILL, reaped: the victim must not have ended by itself. */
static void
victim_kill (Victim *v)
{
  axds_test_kill_and_reap (v->proc);
  g_clear_object (&v->out);
  g_clear_object (&v->proc);
}

/* The guint64 at @offset of an ack file; 0 when never written. */
static guint64
read_ack (const char *path,
          goffset     offset)
{
  guint64 value = 0;
  int fd = open (path, O_RDONLY | O_CLOEXEC);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pread (fd, &value, sizeof value, offset), >=, 0);
  close (fd);
  return value;
}

/* The moment to kill: a random pause of up to @max_us. */
static void
random_pause (guint max_us)
{
  g_usleep ((gulong) g_test_rand_int_range (0, (gint32) max_us + 1));
}

/* Shared array: processes incrementing one counter under the lock, killed at random, often
 * while they hold it. The array holds the truth: it must equal the sum of acknowledged
 * increments, plus at most one per kill (done, not yet acknowledged). */
static void
test_shared_array (void)
{
  g_autoptr(AxdsTestDir) dir = axds_test_dir_new_tmpfs ("shm");
  g_autofree char *name = g_strconcat (axds_test_name_prefix (), "counter", NULL);
  g_autoptr(AxdsSharedArray) array = NULL;
  g_autoptr(AxdsSharedArrayGuard) guard = NULL;
  g_autoptr(GError) error = NULL;
  Victim victims[N_INCREMENTERS] = { { 0 } };
  guint64 shape[] = { 32768 };
  guint64 acknowledged = 0, recovered = 0, kills = 0, generation = 0;
  gint64 counter;

  array = axds_shared_array_create (name, AXDS_DTYPE_INT64, 1, shape, NULL, 0,
                                    AXDS_SHARED_ARRAY_CREATE_NONE, &error);
  g_assert_no_error (error);
  axds_shared_array_enable_buffer_destruction (array);

  for (guint k = 0; k < SHM_KILLS; k++)
    {
      guint i;

      /* Keep every incrementer running: start the missing ones, then kill one at random. */
      for (guint j = 0; j < N_INCREMENTERS; j++)
        if (victims[j].proc == NULL)
          {
            const char *argv[5] = { victim_path (), "increment", name, NULL, NULL };

            g_free (victims[j].ack_path);
            victims[j].ack_path = g_strdup_printf ("%s/inc-%" G_GUINT64_FORMAT, dir,
                                                   generation++);
            argv[3] = victims[j].ack_path;
            victim_start (&victims[j], argv);
          }
      i = (guint) g_test_rand_int_range (0, N_INCREMENTERS);
      random_pause (2000);
      victim_kill (&victims[i]);
      kills++;
      acknowledged += read_ack (victims[i].ack_path, 0);
      recovered += read_ack (victims[i].ack_path, 8);
    }
  /* The others too, so that every increment is accounted for by an ack file. */
  for (guint j = 0; j < N_INCREMENTERS; j++)
    if (victims[j].proc != NULL)
      {
        victim_kill (&victims[j]);
        kills++;
        acknowledged += read_ack (victims[j].ack_path, 0);
        recovered += read_ack (victims[j].ack_path, 8);
      }

  guard = axds_shared_array_access (array, AXDS_ACCESS_LOCK, &error);
  g_assert_no_error (error);
  counter = *(const gint64 *) axds_shared_array_guard_get_data (guard);
  g_test_message ("shared array: %" G_GUINT64_FORMAT " kills, %" G_GUINT64_FORMAT
                  " increments acknowledged, counter %" G_GINT64_FORMAT ", lock of a killed "
                  "holder recovered %" G_GUINT64_FORMAT " times",
                  kills, acknowledged, counter, recovered);
  g_assert_cmpint (counter, >=, (gint64) acknowledged);
  g_assert_cmpint (counter, <=, (gint64) (acknowledged + kills));
  g_clear_pointer (&guard, axds_shared_array_guard_unref);

  for (guint j = 0; j < N_INCREMENTERS; j++)
    g_free (victims[j].ack_path);
}

/* Reads a logger's entry file: a canonical .npy of [source][time][payload]. */
static void
read_entry (const char  *dir,
            const char  *file,
            guint8      *source,
            guint64     *time,
            GBytes     **payload)
{
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  guint8 header[AXDS_NPY_U8_HEADER_SIZE];
  const guint8 *entry;
  gsize len, entry_len;

  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  if (!axds_npy_parse_u8 ((const guint8 *) contents, len, file, &entry, &entry_len, &error))
    g_error ("%s is not a complete .npy file: %s", path, error->message);
  axds_npy_format_u8_header (entry_len, header);
  g_assert_cmpmem (contents, AXDS_NPY_U8_HEADER_SIZE, header, sizeof header);
  g_assert_cmpuint (entry_len, >=, 9);
  *source = entry[0];
  memcpy (time, entry + 1, 8);
  *time = GUINT64_FROM_LE (*time);
  *payload = g_bytes_new (entry + 9, entry_len - 9);
}

static void
check_payload (GBytes  *payload,
               guint    source,
               guint64  sequence)
{
  gsize len = g_bytes_get_size (payload);
  g_autofree guint8 *expected = g_malloc (TORTURE_PAYLOAD_MAX);

  g_assert_cmpuint (len, ==, torture_payload_size (sequence));
  torture_payload_fill (expected, len, source, sequence);
  g_assert_cmpmem (g_bytes_get_data (payload, NULL), len, expected, len);
}

/* Producer: a process submitting to a running logger, killed at random, often mid-submit. The
 * logger goes on; at stop every acknowledged message is on disk, complete, exactly once, and
 * of each victim's unacknowledged messages at most the one in flight. */
static void
test_producer (void)
{
  g_autoptr(AxdsTestDir) dir = axds_test_dir_new_tmpfs ("producer");
  g_autofree char *name = g_strconcat (axds_test_name_prefix (), "producer", NULL);
  g_autoptr(AxdsDataLogger) logger = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d = NULL;
  guint64 acked[PRODUCER_KILLS];
  guint64 total_acked = 0, in_flight = 0, files = 0;
  const char *out_dir, *entry;

  logger = axds_data_logger_new (dir, name, 3, 1, &error);
  g_assert_no_error (error);
  g_assert_true (axds_data_logger_start (logger, &error));
  g_assert_no_error (error);
  out_dir = axds_data_logger_get_output_directory (logger);

  for (guint r = 0; r < PRODUCER_KILLS; r++)
    {
      g_autofree char *ack = g_strdup_printf ("%s/ack-%u", dir, r);
      g_autofree char *base = g_strdup_printf ("%" G_GUINT64_FORMAT, (guint64) (r + 1) << 32);
      const char *argv[] = { victim_path (), "produce", name, "1", base, ack, NULL };
      Victim v = { 0 };

      victim_start (&v, argv);
      random_pause (3000);
      victim_kill (&v);
      acked[r] = read_ack (ack, 0);
      total_acked += acked[r];
      /* The logger survives every producer's death. */
      g_assert_true (axds_data_logger_check (logger, &error));
      g_assert_no_error (error);
    }
  g_assert_true (axds_data_logger_stop (logger, &error));
  g_assert_no_error (error);

  d = g_dir_open (out_dir, 0, &error);
  g_assert_no_error (error);
  while ((entry = g_dir_read_name (d)) != NULL)
    {
      g_autoptr(GBytes) payload = NULL;
      gint64 *key = g_new (gint64, 1);
      guint8 source;
      guint64 time, round, sequence;

      g_assert_false (entry[0] == '.');
      read_entry (out_dir, entry, &source, &time, &payload);
      g_assert_cmpuint (source, ==, 1);
      round = (time >> 32) - 1;
      sequence = time & G_MAXUINT32;
      g_assert_cmpuint (round, <, PRODUCER_KILLS);
      g_assert_cmpuint (sequence, >=, 1);
      /* Nothing beyond the one message a victim may have been submitting when killed. */
      g_assert_cmpuint (sequence, <=, acked[round] + 1);
      if (sequence == acked[round] + 1)
        in_flight++;
      check_payload (payload, 1, time);
      *key = (gint64) time;
      g_hash_table_add (seen, key);
      files++;
    }
  for (guint r = 0; r < PRODUCER_KILLS; r++)
    for (guint64 i = 1; i <= acked[r]; i++)
      {
        gint64 key = (gint64) ((((guint64) r + 1) << 32) | i);

        if (!g_hash_table_contains (seen, &key))
          g_error ("producer %u: acknowledged message %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT
                   " is lost", r, i, acked[r]);
      }
  g_assert_cmpuint (files, ==, total_acked + in_flight);
  g_test_message ("producer: %u kills, %" G_GUINT64_FORMAT " messages acknowledged, all on disk; "
                  "%" G_GUINT64_FORMAT " more submitted as the kill came",
                  PRODUCER_KILLS, total_acked, in_flight);
  g_hash_table_foreach (seen, (GHFunc) g_free, NULL);
}

typedef struct
{
  GMutex  mutex;
  GCond   cond;
  GError *error;
} Death;

static void
death_cb (AxdsDataLogger *logger,
          const GError   *error,
          gpointer        user_data)
{
  Death *death = user_data;

  g_mutex_lock (&death->mutex);
  if (death->error == NULL)
    death->error = g_error_copy (error);
  g_cond_signal (&death->cond);
  g_mutex_unlock (&death->mutex);
}

/* Submits message @sequence of source 2; FALSE once the logger is known dead. */
static gboolean
submit_logger_message (AxdsLogQueue *queue,
                       guint64       sequence)
{
  g_autoptr(GError) error = NULL;
  guint8 data[TORTURE_PAYLOAD_MAX];
  gsize len = torture_payload_size (sequence);

  torture_payload_fill (data, len, 2, sequence);
  if (axds_log_queue_submit (queue, 2, sequence, data, len, &error))
    return TRUE;
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_NOT_CONNECTED);
  return FALSE;
}

/* Checks every file under a final name and removes it; returns how many temporary files the
 * killed logger left. */
static guint
check_logger_folder (const char *out_dir,
                     guint64     round,
                     guint64     submitted,
                     guint64    *files)
{
  g_autoptr(GDir) d = g_dir_open (out_dir, 0, NULL);
  const char *entry;
  guint temporary = 0;

  g_assert_nonnull (d);
  while ((entry = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (out_dir, entry, NULL);
      g_autoptr(GBytes) payload = NULL;
      guint8 source;
      guint64 time;

      if (entry[0] == '.')
        {
          /* Only the logger's own temporary names: `.NAME.npy.N.tmp`. */
          g_assert_true (g_str_has_suffix (entry, ".tmp"));
          temporary++;
          continue;
        }
      read_entry (out_dir, entry, &source, &time, &payload);
      g_assert_cmpuint (source, ==, 2);
      g_assert_cmpuint (time >> 32, ==, round + 1);
      g_assert_cmpuint (time & G_MAXUINT32, <=, submitted);
      check_payload (payload, 2, time);
      g_assert_cmpint (g_unlink (path), ==, 0);
      (*files)++;
    }
  return temporary;
}

/* Logger: the logger process killed while it writes. The owner is told; every file under a
 * final name is a complete, valid .npy; a new logger starts on the same folder and goes on. */
static void
test_logger (void)
{
  g_autoptr(AxdsTestDir) dir = axds_test_dir_new_tmpfs ("logger");
  g_autofree char *name = g_strconcat (axds_test_name_prefix (), "logger", NULL);
  g_autofree char *out_dir = NULL;
  g_autoptr(GError) error = NULL;
  guint64 files = 0, submitted_total = 0;
  guint temporary = 0;

  for (guint r = 0; r <= LOGGER_KILLS; r++)
    {
      g_autoptr(AxdsDataLogger) logger = axds_data_logger_new (dir, name, 2, 1, &error);
      AxdsLogQueue *queue;
      Death death = { 0 };
      guint64 n = (guint64) g_test_rand_int_range (1, 200);
      guint64 kill_at = (guint64) g_test_rand_int_range (0, (gint32) n);
      guint64 submitted = 0;
      gboolean last = r == LOGGER_KILLS;

      g_assert_no_error (error);
      g_mutex_init (&death.mutex);
      g_cond_init (&death.cond);
      axds_data_logger_set_death_func (logger, death_cb, &death, NULL);
      /* Also a start on the folder of a killed logger, with its temporary files in it. */
      g_assert_true (axds_data_logger_start (logger, &error));
      g_assert_no_error (error);
      if (out_dir == NULL)
        out_dir = g_strdup (axds_data_logger_get_output_directory (logger));
      queue = axds_data_logger_get_queue (logger);

      for (guint64 i = 1; i <= n; i++)
        {
          guint64 sequence = ((guint64) (r + 1) << 32) | i;

          if (!last && i == kill_at + 1)
            {
              random_pause (1000);
              g_assert_cmpint (kill (axds_data_logger_get_pid (logger), SIGKILL), ==, 0);
            }
          if (!submit_logger_message (queue, sequence))
            break;
          submitted = i;
        }
      submitted_total += submitted;

      if (last)
        {
          /* The logger after all those deaths: a clean stop writes everything submitted. */
          guint64 before = files;

          g_assert_true (axds_data_logger_stop (logger, &error));
          g_assert_no_error (error);
          g_assert_cmpuint (check_logger_folder (out_dir, r, submitted, &files), ==, 0);
          g_assert_cmpuint (files - before, ==, n);
        }
      else
        {
          /* The death is reported, whatever the moment. */
          gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

          g_mutex_lock (&death.mutex);
          while (death.error == NULL)
            g_assert_true (g_cond_wait_until (&death.cond, &death.mutex, deadline));
          g_mutex_unlock (&death.mutex);
          g_assert_error (death.error, AXDS_ERROR, AXDS_ERROR_PROCESS_FAILED);
          g_assert_false (axds_data_logger_stop (logger, &error));
          g_assert_error (error, AXDS_ERROR, AXDS_ERROR_PROCESS_FAILED);
          g_clear_error (&error);
          temporary += check_logger_folder (out_dir, r, submitted, &files);
        }
      axds_data_logger_set_death_func (logger, NULL, NULL, NULL);
      g_clear_error (&death.error);
      g_mutex_clear (&death.mutex);
      g_cond_clear (&death.cond);
    }
  g_test_message ("logger: %u kills, %" G_GUINT64_FORMAT " messages submitted, %" G_GUINT64_FORMAT
                  " complete files checked, %u temporary files left by killed loggers (cleared "
                  "by the next start)", LOGGER_KILLS, submitted_total, files, temporary);
}

/* The sequence number in a victim job's error message ("seq N"). */
static guint64
job_sequence (AxdsTracker *tracker,
              const char  *job_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AxdsTrackerJob) job = axds_tracker_dup_job_info (tracker, job_id, &error);
  const char *message;

  /* A lock left held by the killed victim would time out here. */
  g_assert_no_error (error);
  message = axds_tracker_job_get_error_message (job);
  if (message == NULL)
    return 0;
  g_assert_true (g_str_has_prefix (message, "seq "));
  return g_ascii_strtoull (message + 4, NULL, 10);
}

/* Tracker: processes saving one tracker file in turn, killed at random, often mid-save. The
 * file always parses, holds every job, and holds for the killed one a state at least as new as
 * its last acknowledged save; the lock never stays held. */
static void
test_tracker (void)
{
  g_autoptr(AxdsTestDir) dir = axds_test_dir_new_tmpfs ("tracker");
  g_autofree char *path = g_build_filename (dir, "tracker.yaml", NULL);
  g_autoptr(AxdsTracker) tracker = axds_tracker_new (path);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) specs = g_ptr_array_new_with_free_func (g_free);
  Victim victims[N_TRACKER_VICTIMS] = { { 0 } };
  guint64 base[N_TRACKER_VICTIMS] = { 0 };
  guint64 saves = 0, generation = 0;
  guint kills = 0;
  AxdsTrackerSummary summary;

  axds_tracker_set_sync (tracker, FALSE);
  axds_tracker_set_lock_timeout (tracker, 5 * G_USEC_PER_SEC);
  for (guint i = 0; i < N_TRACKER_VICTIMS + N_FILLER_JOBS; i++)
    {
      g_ptr_array_add (names, g_strdup (i < N_TRACKER_VICTIMS ? "victim" : "filler"));
      g_ptr_array_add (specs, g_strdup_printf ("%u", i));
    }
  ids = axds_tracker_initialize_jobs (tracker, (const char * const *) names->pdata,
                                      (const char * const *) specs->pdata, names->len, &error);
  g_assert_no_error (error);

  for (guint k = 0; k < TRACKER_KILLS + N_TRACKER_VICTIMS; k++)
    {
      guint i;
      guint64 ack, sequence;

      /* Both writers run until the last rounds, which kill the remaining ones in turn. */
      for (guint j = 0; j < N_TRACKER_VICTIMS && k < TRACKER_KILLS; j++)
        if (victims[j].proc == NULL)
          {
            g_autofree char *base_text = g_strdup_printf ("%" G_GUINT64_FORMAT, base[j]);
            const char *argv[] = { victim_path (), "tracker", path, ids[j], base_text, NULL,
                                   NULL };

            g_free (victims[j].ack_path);
            victims[j].ack_path = g_strdup_printf ("%s/ack-%" G_GUINT64_FORMAT, dir,
                                                   generation++);
            argv[5] = victims[j].ack_path;
            victim_start (&victims[j], argv);
          }
      i = k < TRACKER_KILLS ? (guint) g_test_rand_int_range (0, N_TRACKER_VICTIMS)
                            : k - TRACKER_KILLS;
      if (victims[i].proc == NULL)
        continue;
      random_pause (3000);
      victim_kill (&victims[i]);
      kills++;
      ack = read_ack (victims[i].ack_path, 0);
      saves += ack;

      /* At least the acknowledged state; at most the save it was making. */
      sequence = job_sequence (tracker, ids[i]);
      g_assert_cmpuint (sequence, >=, base[i] + ack);
      g_assert_cmpuint (sequence, <=, base[i] + ack + 1);
      base[i] = sequence;
      g_assert_true (axds_tracker_get_summary (tracker, &summary, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (summary.total, ==, N_TRACKER_VICTIMS + N_FILLER_JOBS);
    }
  g_test_message ("tracker: %u kills, %" G_GUINT64_FORMAT " saves acknowledged, none lost",
                  kills, saves);

  for (guint j = 0; j < N_TRACKER_VICTIMS; j++)
    g_free (victims[j].ack_path);
}

/* Writes a source tree of @n files of random sizes in a few folders. */
static void
make_source_tree (const char *root,
                  guint       n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *folder = g_strdup_printf ("%s/d%u/e%u", root, i % 4, i % 3);
      g_autofree char *path = g_strdup_printf ("%s/file-%03u.bin", folder, i);
      gsize size = (gsize) g_test_rand_int_range (0, 512 * 1024);
      g_autofree guint8 *data = g_malloc (MAX (size, 1));
      g_autoptr(GError) error = NULL;

      for (gsize j = 0; j < size; j++)
        data[j] = (guint8) (i * 13 + j * 7 + (j >> 9));
      g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
      g_assert_true (g_file_set_contents (path, (const char *) data, (gssize) size, &error));
    }
}

static char *
checksum_of (const char *dir)
{
  g_autoptr(GError) error = NULL;
  char *checksum = axds_calculate_directory_checksum (dir, 2, FALSE, NULL, NULL, NULL, NULL,
                                                      NULL, &error);

  g_assert_no_error (error);
  return checksum;
}

/* Every file at @dst under a final name is whole: the same bytes as at @src. */
static void
check_destination (const char *src,
                   const char *dst,
                   const char *relative,
                   guint      *partial)
{
  g_autofree char *here = g_build_filename (dst, relative, NULL);
  g_autoptr(GDir) d = g_dir_open (here, 0, NULL);
  const char *entry;

  if (d == NULL)
    return;
  while ((entry = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *rel = g_build_filename (relative, entry, NULL);
      g_autofree char *dst_path = g_build_filename (dst, rel, NULL);
      g_autofree char *src_path = g_build_filename (src, rel, NULL);
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;
      gsize a_len, b_len;

      if (g_file_test (dst_path, G_FILE_TEST_IS_DIR))
        {
          check_destination (src, dst, rel, partial);
          continue;
        }
      if (entry[0] == '.' && g_str_has_suffix (entry, ".axds-partial"))
        {
          (*partial)++;
          continue;
        }
      g_assert_true (g_file_get_contents (dst_path, &b, &b_len, NULL));
      if (!g_file_get_contents (src_path, &a, &a_len, NULL))
        g_error ("%s has no counterpart in the source", dst_path);
      if (a_len != b_len || memcmp (a, b, a_len) != 0)
        g_error ("%s is not the whole of %s (%" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT " bytes)",
                 dst_path, src_path, b_len, a_len);
    }
}

static int
run_transfer (const char *src,
              const char *dst,
              gboolean    verify,
              gboolean    kill_it,
              guint       max_pause_us)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  const char *cli = axds_test_program ("AXDS_CLI_PATH");
  int status;

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, cli, "transfer", src, dst,
                           "--threads", "2", verify ? "--verify" : NULL, NULL);
  g_assert_no_error (error);
  if (kill_it)
    {
      random_pause (max_pause_us);
      g_subprocess_send_signal (proc, SIGKILL);
    }
  status = axds_test_wait_exit (proc);
  if (status == -1)
    g_assert_cmpint (g_subprocess_get_term_sig (proc), ==, SIGKILL);
  return status;
}

/* Transfer: `axds transfer` killed mid-copy. The source stays intact, the destination holds no
 * partial file under a final name, and a rerun completes and verifies. */
static void
test_transfer (void)
{
  g_autoptr(AxdsTestDir) dir = axds_test_dir_new_tmpfs ("transfer");
  g_autofree char *src = g_build_filename (dir, "src", NULL);
  g_autofree char *dst = g_build_filename (dir, "dst", NULL);
  g_autofree char *reference = NULL;
  guint kills = 0, finished = 0, partial = 0;
  gint64 start, duration;

  make_source_tree (src, 48);
  reference = checksum_of (src);

  /* How long a whole run takes: kills are spread over that. */
  start = g_get_monotonic_time ();
  g_assert_cmpint (run_transfer (src, dst, FALSE, FALSE, 0), ==, 0);
  duration = g_get_monotonic_time () - start;
  axds_test_remove_tree (dst);

  for (guint r = 0; r < TRANSFER_KILLS; r++)
    {
      g_autofree char *copied = NULL;
      /* Half verify, which also writes the checksum files on both sides. Within the first half
       * of a whole run's time: resumed runs copy less and end sooner. */
      int status = run_transfer (src, dst, r % 2 == 1, TRUE,
                                 (guint) MIN (duration / 2, 2000000));

      if (status == -1)
        kills++;
      else
        {
          g_assert_cmpint (status, ==, 0);
          finished++;
        }
      {
        g_autofree char *now = checksum_of (src);

        g_assert_cmpstr (now, ==, reference);
      }
      check_destination (src, dst, "", &partial);

      /* The rerun resumes, completes and verifies. */
      g_assert_cmpint (run_transfer (src, dst, TRUE, FALSE, 0), ==, 0);
      copied = checksum_of (dst);
      g_assert_cmpstr (copied, ==, reference);
      if (r % 4 == 3)
        axds_test_remove_tree (dst);
      else
        {
          /* Resume from a partly copied tree too: drop a few files at random. */
          for (guint i = 0; i < 48; i++)
            if (g_test_rand_bit ())
              {
                g_autofree char *path = g_strdup_printf ("%s/d%u/e%u/file-%03u.bin", dst, i % 4,
                                                         i % 3, i);
                g_assert_cmpint (g_unlink (path), ==, 0);
              }
        }
    }
  g_test_message ("transfer: %u kills (%u runs finished before their kill), %u partial files "
                  "left under temporary names, every rerun verified; a whole run takes %"
                  G_GINT64_FORMAT " ms", kills, finished, partial, duration / 1000);
  g_assert_cmpuint (kills, >=, TRANSFER_KILLS / 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/axds/torture/shared-array", test_shared_array);
  g_test_add_func ("/axds/torture/producer", test_producer);
  g_test_add_func ("/axds/torture/logger", test_logger);
  g_test_add_func ("/axds/torture/tracker", test_tracker);
  g_test_add_func ("/axds/torture/transfer", test_transfer);

  return g_test_run ();
}

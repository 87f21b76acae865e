/* bench-logger.c — data logger, log assembly and archive reader throughput
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything runs on tmpfs (a folder made under /dev/shm), as the targets are stated
 * for tmpfs. Each figure is printed beside its baseline measured in the same run, and the ratio:
 *
 *  - logger: messages/s and MB/s for 16 B, 1 KiB and 64 KiB payloads from 1 and 2 producer
 *    processes (axds-test-log-helper, from AXDS_TEST_LOG_HELPER), timed from the producers'
 *    spawn until stop() returned with everything on disk; baseline: one C loop creating and
 *    writing the same files (same names, same bytes) directly — the limit for one file per
 *    message. Target: within 2× of it.
 *  - assembly of 100,000 entries of 1 KiB: entries/s with Python's defaults and with the CLI's
 *    verify-then-remove; baseline: one C loop reading every entry and appending it to one file.
 *    Target: 100,000 entries/s.
 *  - reader: messages/s iterating the archive (absolute timestamps, zero-copy payloads);
 *    baseline: one C loop touching every payload through precomputed offsets (memory speed).
 *    Target: 1,000,000 messages/s.
 *
 * AXDS_BENCH_SCALE=N divides the message counts (e.g. 4 for a quick run); AXDS_BENCH_THREADS=N
 * sets the logger's writer threads (default 5, Python's default).
 */

#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include <axds.h>

#include "axds-test-utils.h"
#include "test-log-entries.h"

static char *bench_root;
static guint scale = 1;
static guint writer_threads = 5;

/* The baseline: the same files, created and written from one loop, no queue, no rename. */
static double
raw_files (const char *dir,
           guint       n_sources,
           guint64     per_source,
           gsize       size)
{
  g_autofree guint8 *file = g_malloc (AXDS_NPY_U8_HEADER_SIZE + 9 + size);
  int dirfd = open (dir, O_RDONLY | O_DIRECTORY);
  gint64 start = g_get_monotonic_time ();

  axds_npy_format_u8_header (9 + size, file);
  for (guint s = 0; s < n_sources; s++)
    for (guint64 i = 1; i <= per_source; i++)
      {
        char name[40];
        guint64 le = GUINT64_TO_LE (i);
        int fd;

        /* The payload is made as the producer makes it, so both sides do the same work. */
        file[AXDS_NPY_U8_HEADER_SIZE] = (guint8) (20 + s);
        memcpy (file + AXDS_NPY_U8_HEADER_SIZE + 1, &le, 8);
        for (gsize j = 0; j < size; j++)
          file[AXDS_NPY_U8_HEADER_SIZE + 9 + j] = test_payload_byte (20 + s, i, j);
        g_snprintf (name, sizeof name, "%03u_%020" G_GUINT64_FORMAT ".npy", 20 + s, i);
        fd = openat (dirfd, name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        g_assert_cmpint (fd, >=, 0);
        g_assert_cmpint (write (fd, file, AXDS_NPY_U8_HEADER_SIZE + 9 + size), ==,
                         (ssize_t) (AXDS_NPY_U8_HEADER_SIZE + 9 + size));
        close (fd);
      }
  close (dirfd);
  return (g_get_monotonic_time () - start) / 1e6;
}

static double
logger_run (const char *dir,
            guint       n_producers,
            guint64     per_producer,
            gsize       size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("axds-bench-%d", (int) getpid ());
  g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, per_producer);
  g_autofree char *size_text = g_strdup_printf ("%" G_GSIZE_FORMAT, size);
  g_autoptr(AxdsDataLogger) logger = axds_data_logger_new (dir, name, (guint) writer_threads, 5,
                                                           &error);
  GSubprocess *procs[2];
  gint64 start;

  g_assert_no_error (error);
  axds_data_logger_set_disk_reserve (logger, 0);
  g_assert_true (axds_data_logger_start (logger, &error));
  start = g_get_monotonic_time ();
  for (guint p = 0; p < n_producers; p++)
    {
      g_autofree char *source = g_strdup_printf ("%u", 20 + p);

      procs[p] = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                                   g_getenv ("AXDS_TEST_LOG_HELPER"), "produce", name, source,
                                   count, size_text, NULL);
      g_assert_no_error (error);
    }
  for (guint p = 0; p < n_producers; p++)
    {
      g_subprocess_wait_check (procs[p], NULL, &error);
      g_assert_no_error (error);
      g_object_unref (procs[p]);
    }
  g_assert_true (axds_data_logger_stop (logger, &error));
  g_assert_no_error (error);
  return (g_get_monotonic_time () - start) / 1e6;
}

static void
bench_logger (void)
{
  const struct { gsize size; guint64 messages; const char *label; } cases[] = {
    { 16, 100000, "16 B" },
    { 1024, 100000, "1 KiB" },
    { 65536, 8000, "64 KiB" },
  };

  printf ("Data logger on tmpfs (%s), %u writer threads: one .npy file per message, timed until "
          "stop() returned\n", bench_root, writer_threads);
  printf ("%-8s %-9s %9s %13s %11s %13s %11s %8s\n", "payload", "producers", "messages",
          "logger msg/s", "logger MB/s", "raw msg/s", "raw MB/s", "raw/log");
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    for (guint producers = 1; producers <= 2; producers++)
      {
        g_autofree char *raw_dir = g_build_filename (bench_root, "raw", NULL);
        g_autofree char *log_dir = g_build_filename (bench_root, "log", NULL);
        guint64 total = cases[c].messages / scale;
        guint64 per = total / producers;
        double file_mb = (AXDS_NPY_U8_HEADER_SIZE + 9 + cases[c].size) / 1e6;
        double t_raw, t_log;

        g_mkdir (raw_dir, 0755);
        t_raw = raw_files (raw_dir, producers, per, cases[c].size);
        axds_test_remove_tree (raw_dir);
        t_log = logger_run (log_dir, producers, per, cases[c].size);
        axds_test_remove_tree (log_dir);
        printf ("%-8s %-9u %9" G_GUINT64_FORMAT " %13.0f %11.1f %13.0f %11.1f %8.2f\n",
                cases[c].label, producers, per * producers, per * producers / t_log,
                per * producers * file_mb / t_log, per * producers / t_raw,
                per * producers * file_mb / t_raw, t_log / t_raw);
        fflush (stdout);
      }
}

static void
make_entries (const char *dir,
              guint       n)
{
  g_autofree guint8 *file = g_malloc (AXDS_NPY_U8_HEADER_SIZE + 9 + 1024);
  guint64 onset = GUINT64_TO_LE ((guint64) g_get_real_time ());
  int dirfd = open (dir, O_RDONLY | O_DIRECTORY);

  for (guint i = 0; i < n; i++)
    {
      gsize len = i == 0 ? 8 : 1024;
      guint64 le = GUINT64_TO_LE ((guint64) i * 100);
      char name[40];
      int fd;

      axds_npy_format_u8_header (9 + len, file);
      file[AXDS_NPY_U8_HEADER_SIZE] = 1;
      memcpy (file + AXDS_NPY_U8_HEADER_SIZE + 1, &le, 8);
      if (i == 0)
        memcpy (file + AXDS_NPY_U8_HEADER_SIZE + 9, &onset, 8);
      else
        memset (file + AXDS_NPY_U8_HEADER_SIZE + 9, i & 0xff, len);
      g_snprintf (name, sizeof name, "001_%020" G_GUINT64_FORMAT ".npy", (guint64) i * 100);
      fd = openat (dirfd, name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
      g_assert_cmpint (write (fd, file, AXDS_NPY_U8_HEADER_SIZE + 9 + len), >, 0);
      close (fd);
    }
  close (dirfd);
}

/* The baseline: read every entry and append it to one file, from one loop. */
static double
raw_concat (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autofree char *out_path = g_build_filename (bench_root, "concat.bin", NULL);
  g_autofree guint8 *buffer = g_malloc (1 << 16);
  int out = open (out_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  int dirfd = open (dir, O_RDONLY | O_DIRECTORY);
  gint64 start = g_get_monotonic_time ();
  const char *entry;

  while ((entry = g_dir_read_name (d)) != NULL)
    {
      int fd = openat (dirfd, entry, O_RDONLY | O_CLOEXEC);
      ssize_t n = read (fd, buffer, 1 << 16);

      close (fd);
      g_assert_cmpint (write (out, buffer, (gsize) n), ==, n);
    }
  close (out);
  close (dirfd);
  g_unlink (out_path);
  return (g_get_monotonic_time () - start) / 1e6;
}

static void
bench_archives (void)
{
  g_autofree char *dir = g_build_filename (bench_root, "assemble", NULL);
  g_autofree char *archive_path = g_build_filename (dir, "1_log.npz", NULL);
  g_autoptr(AxdsLogArchive) archive = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 100000 / scale;
  double t_raw, t_keep, t_default, t_verify, t_read, t_walk;
  gint64 start;
  guint64 sum = 0, count = 0;

  printf ("\nLog assembly on tmpfs: %u entries of 1 KiB into one archive\n", n);
  g_mkdir (dir, 0755);
  make_entries (dir, n);
  t_raw = raw_concat (dir);
  start = g_get_monotonic_time ();
  g_assert_true (axds_log_assemble_archives (dir, 0, AXDS_LOG_ASSEMBLE_KEEP_SOURCES, NULL, NULL,
                                             NULL, &error));
  g_assert_no_error (error);
  t_keep = (g_get_monotonic_time () - start) / 1e6;
  g_unlink (archive_path);
  start = g_get_monotonic_time ();
  g_assert_true (axds_log_assemble_archives (dir, 0, AXDS_LOG_ASSEMBLE_NONE, NULL, NULL, NULL,
                                             &error));
  g_assert_no_error (error);
  t_default = (g_get_monotonic_time () - start) / 1e6;
  g_unlink (archive_path);
  make_entries (dir, n);
  start = g_get_monotonic_time ();
  g_assert_true (axds_log_assemble_archives (dir, 0, AXDS_LOG_ASSEMBLE_VERIFY, NULL, NULL, NULL,
                                             &error));
  g_assert_no_error (error);
  t_verify = (g_get_monotonic_time () - start) / 1e6;
  printf ("%-34s %12s %14s %8s\n", "", "entries/s", "raw entries/s", "raw/ours");
  printf ("%-34s %12.0f %14.0f %8.2f\n", "assemble, keep sources", n / t_keep, n / t_raw,
          t_keep / t_raw);
  printf ("%-34s %12.0f %14.0f %8.2f\n", "assemble, remove (Python defaults)", n / t_default,
          n / t_raw, t_default / t_raw);
  printf ("%-34s %12.0f %14.0f %8.2f\n", "assemble, verify, remove (CLI)", n / t_verify,
          n / t_raw, t_verify / t_raw);

  archive = axds_log_archive_open (archive_path, &error);
  g_assert_no_error (error);
  {
    AxdsLogArchiveIter iter;
    AxdsLogMessage msg;
    g_autofree const guint8 **payloads = g_new (const guint8 *, n);
    guint m = 0;

    start = g_get_monotonic_time ();
    for (guint round = 0; round < 5; round++)
      {
        axds_log_archive_iter_init (&iter, archive, NULL);
        while (axds_log_archive_iter_next (&iter, &msg, &error))
          {
            sum += msg.timestamp_us + msg.payload[msg.payload_len - 1];
            if (round == 0)
              payloads[m++] = msg.payload;
            count++;
          }
      }
    t_read = (g_get_monotonic_time () - start) / 1e6;
    start = g_get_monotonic_time ();
    for (guint round = 0; round < 5; round++)
      for (guint i = 0; i < m; i++)
        sum += payloads[i][1023];
    t_walk = (g_get_monotonic_time () - start) / 1e6;
  }
  printf ("\nArchive reader: %" G_GUINT64_FORMAT " messages (5 passes over %u)\n", count, n - 1);
  printf ("%-34s %12s %14s %8s\n", "", "messages/s", "raw walk/s", "raw/ours");
  printf ("%-34s %12.0f %14.0f %8.2f   (checksum %" G_GUINT64_FORMAT ")\n",
          "iterate, absolute timestamps", count / t_read, count / t_walk, t_read / t_walk,
          sum & 0xff);
  axds_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  const char *scale_env = g_getenv ("AXDS_BENCH_SCALE");
  g_autofree char *tmpl = g_strdup ("/dev/shm/axds-bench-XXXXXX");

  if (scale_env != NULL)
    scale = MAX (1, (guint) g_ascii_strtoull (scale_env, NULL, 10));
  if (g_getenv ("AXDS_BENCH_THREADS") != NULL)
    writer_threads = CLAMP ((guint) g_ascii_strtoull (g_getenv ("AXDS_BENCH_THREADS"), NULL, 10),
                            1, 64);
  if (g_getenv ("AXDS_TEST_LOG_HELPER") == NULL)
    {
      fprintf (stderr, "Set AXDS_TEST_LOG_HELPER (as `meson test --benchmark` does)\n");
      return 77;
    }
  bench_root = g_mkdtemp (tmpl);
  g_assert_nonnull (bench_root);
  bench_logger ();
  bench_archives ();
  axds_test_remove_tree (bench_root);
  return 0;
}

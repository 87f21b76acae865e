/* bench-shared-array.c — speed of shared-array access beside memcpy of the same bytes
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each figure is printed beside a baseline measured in the same run, because machines are noisy:
 * locked element reads and writes beside a memcpy of one element, a lock-free snapshot of a
 * 1024×1024 uint16 frame and a locked write of that frame beside a memcpy of 2 MiB.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <axds.h>

static inline guint64
now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (guint64) ts.tv_sec * 1000000000u + (guint64) ts.tv_nsec;
}

/* Keeps the compiler from dropping copies whose results are otherwise unused. */
static volatile guint64 sink;

static double
bench_memcpy (gpointer dst,
              gconstpointer src,
              gsize n,
              guint iterations)
{
  guint64 start = now_ns ();

  for (guint i = 0; i < iterations; i++)
    {
      memcpy (dst, src, n);
      /* A compiler barrier so every copy happens. */
      __asm__ __volatile__ ("" : : "r" (dst) : "memory");
    }
  return (double) (now_ns () - start) / iterations;
}

static double
best_of (double (*fn) (gpointer), gpointer data, guint rounds)
{
  double best = G_MAXDOUBLE;

  for (guint r = 0; r < rounds; r++)
    best = MIN (best, fn (data));
  return best;
}

typedef struct
{
  AxdsSharedArray *element_array;
  AxdsSharedArray *frame_array;
  guint8          *frame_src;
  guint8          *frame_dst;
  guint64          element;
  guint64          element_copy;
} Bench;

#define ELEMENT_ITERATIONS 2000000
#define FRAME_ITERATIONS   400
#define FRAME_BYTES        (1024 * 1024 * 2)

static double
run_locked_read (gpointer data)
{
  Bench *b = data;
  guint64 start = now_ns ();
  guint64 v = 0, acc = 0;

  for (guint i = 0; i < ELEMENT_ITERATIONS; i++)
    {
      axds_shared_array_read (b->element_array, i & 1023, 1, &v, AXDS_ACCESS_LOCK, NULL);
      acc += v;
    }
  sink = acc;
  return (double) (now_ns () - start) / ELEMENT_ITERATIONS;
}

static double
run_locked_write (gpointer data)
{
  Bench *b = data;
  guint64 start = now_ns ();

  for (guint64 i = 0; i < ELEMENT_ITERATIONS; i++)
    axds_shared_array_write (b->element_array, i & 1023, 1, &i, AXDS_ACCESS_LOCK, NULL);
  return (double) (now_ns () - start) / ELEMENT_ITERATIONS;
}

static double
run_element_memcpy (gpointer data)
{
  Bench *b = data;
  return bench_memcpy (&b->element_copy, &b->element, sizeof b->element, ELEMENT_ITERATIONS);
}

static double
run_snapshot (gpointer data)
{
  Bench *b = data;
  guint64 start = now_ns ();

  for (guint i = 0; i < FRAME_ITERATIONS; i++)
    {
      if (!axds_shared_array_snapshot (b->frame_array, b->frame_dst, FRAME_BYTES, NULL, NULL))
        g_error ("snapshot failed");
      __asm__ __volatile__ ("" : : "r" (b->frame_dst) : "memory");
    }
  return (double) (now_ns () - start) / FRAME_ITERATIONS;
}

static double
run_frame_write (gpointer data)
{
  Bench *b = data;
  guint64 start = now_ns ();

  for (guint i = 0; i < FRAME_ITERATIONS; i++)
    {
      if (!axds_shared_array_write (b->frame_array, 0, FRAME_BYTES / 2, b->frame_src,
                                    AXDS_ACCESS_LOCK, NULL))
        g_error ("write failed");
    }
  return (double) (now_ns () - start) / FRAME_ITERATIONS;
}

static double
run_frame_memcpy (gpointer data)
{
  Bench *b = data;
  return bench_memcpy (b->frame_dst, b->frame_src, FRAME_BYTES, FRAME_ITERATIONS);
}

static const char *
verdict (gboolean ok)
{
  return ok ? "meets target" : "MISSES target";
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *element_name = g_strdup_printf ("axds-bench-%d-elements", (int) getpid ());
  g_autofree char *frame_name = g_strdup_printf ("axds-bench-%d-frame", (int) getpid ());
  guint64 element_shape[] = { 1024 };
  guint64 frame_shape[] = { 1024, 1024 };
  Bench b = { 0 };
  double read_ns, write_ns, elem_memcpy_ns, snap_ns, frame_write_ns, frame_memcpy_ns;
  const guint rounds = 5;

  b.element_array = axds_shared_array_create (element_name, AXDS_DTYPE_UINT64, 1, element_shape,
                                              NULL, 0, AXDS_SHARED_ARRAY_CREATE_EXISTS_OK, &error);
  if (b.element_array == NULL)
    g_error ("%s", error->message);
  axds_shared_array_enable_buffer_destruction (b.element_array);
  b.frame_array = axds_shared_array_create (frame_name, AXDS_DTYPE_UINT16, 2, frame_shape, NULL, 0,
                                            AXDS_SHARED_ARRAY_CREATE_EXISTS_OK, &error);
  if (b.frame_array == NULL)
    g_error ("%s", error->message);
  axds_shared_array_enable_buffer_destruction (b.frame_array);
  b.frame_src = g_malloc (FRAME_BYTES);
  b.frame_dst = g_malloc (FRAME_BYTES);
  for (gsize i = 0; i < FRAME_BYTES; i++)
    b.frame_src[i] = (guint8) (i * 31);
  memset (b.frame_dst, 1, FRAME_BYTES);
  b.element = 42;

  /* Best of several rounds, each figure and its baseline interleaved. */
  elem_memcpy_ns = best_of (run_element_memcpy, &b, rounds);
  read_ns = best_of (run_locked_read, &b, rounds);
  write_ns = best_of (run_locked_write, &b, rounds);
  frame_memcpy_ns = best_of (run_frame_memcpy, &b, rounds);
  snap_ns = best_of (run_snapshot, &b, rounds);
  frame_write_ns = best_of (run_frame_write, &b, rounds);
  frame_memcpy_ns = MIN (frame_memcpy_ns, best_of (run_frame_memcpy, &b, rounds));

  printf ("libaxds shared-array benchmark (best of %u rounds)\n\n", rounds);
  printf ("%-42s %12s %14s %8s\n", "operation", "this", "memcpy", "ratio");
  printf ("%-42s %9.1f ns %11.1f ns %7.1fx  %s (< 100 ns)\n", "locked element read (uint64)",
          read_ns, elem_memcpy_ns, read_ns / elem_memcpy_ns, verdict (read_ns < 100));
  printf ("%-42s %9.1f ns %11.1f ns %7.1fx  %s (< 100 ns)\n", "locked element write (uint64)",
          write_ns, elem_memcpy_ns, write_ns / elem_memcpy_ns, verdict (write_ns < 100));
  printf ("%-42s %9.1f us %11.1f us %7.2fx  %s (< 2x memcpy)\n",
          "lock-free snapshot, 1024x1024 uint16", snap_ns / 1000, frame_memcpy_ns / 1000,
          snap_ns / frame_memcpy_ns, verdict (snap_ns < 2 * frame_memcpy_ns));
  printf ("%-42s %9.2f GB/s %9.2f GB/s %6.2fx  %s (< 2x memcpy time)\n",
          "locked frame write, 1024x1024 uint16", FRAME_BYTES / frame_write_ns,
          FRAME_BYTES / frame_memcpy_ns, frame_write_ns / frame_memcpy_ns,
          verdict (frame_write_ns < 2 * frame_memcpy_ns));

  axds_shared_array_unref (b.element_array);
  axds_shared_array_unref (b.frame_array);
  g_free (b.frame_src);
  g_free (b.frame_dst);
  return 0;
}

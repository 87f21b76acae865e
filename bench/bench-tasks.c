/* bench-tasks.c — checksum, transfer and interpolation beside the tools they should keep up with
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * Every figure is printed beside its baseline measured in the same run, on the same files, with
 * the page cache warm, and the ratio (ours / baseline; below 1 is faster):
 *
 *   checksum   vs `find | xargs -0 -P2 xxhsum -H2` (XXH128, two processes) and `cat > /dev/null`
 *   transfer   with and without verification vs `cp -r`
 *   interpolate per target point vs numpy.interp / numpy.searchsorted (AXDS_PYTHON)
 *
 * Trees: AXDS_BENCH_MIB MiB in 1 MiB files (default 256; the figure is 1024) and
 * AXDS_BENCH_SMALL_FILES files of 4 KiB (default 20000), under AXDS_BENCH_DIR (default the
 * temporary directory). Each timing is the best of AXDS_BENCH_ROUNDS rounds (default 3): the
 * machine is shared, and the best round is the one least disturbed by others.
 */

#include "config.h"

#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <axds.h>

static guint rounds = 3;

static double
now_s (void)
{
  return (double) g_get_monotonic_time () / G_USEC_PER_SEC;
}

static guint
env_uint (const char *name,
          guint       fallback)
{
  const char *text = g_getenv (name);
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT, &value, NULL))
    return fallback;
  return (guint) value;
}

static void
make_tree (const char *root,
           guint       n_files,
           gsize       size)
{
  g_autofree guint8 *data = g_malloc (size);
  GRand *rand = g_rand_new_with_seed (n_files);

  for (gsize i = 0; i < size; i += 4)
    {
      guint32 v = g_rand_int (rand);
      memcpy (data + i, &v, MIN (4, size - i));
    }
  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *dir = g_strdup_printf ("%s/d%03u", root, i / 500);
      g_autofree char *path = g_strdup_printf ("%s/f%05u.bin", dir, i);

      g_mkdir_with_parents (dir, 0755);
      data[0] = (guint8) i;
      data[1] = (guint8) (i >> 8);
      if (!g_file_set_contents (path, (const char *) data, (gssize) size, NULL))
        g_error ("cannot write %s", path);
    }
  g_rand_free (rand);
}

static double
run_shell (const char *command)
{
  const char *argv[] = { "/bin/sh", "-c", command, NULL };
  double start = now_s ();
  int status = 0;
  g_autoptr(GError) error = NULL;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                     &status, &error) || !g_spawn_check_wait_status (status, &error))
    g_error ("`%s` failed: %s", command, error->message);
  return now_s () - start;
}

static double
time_checksum (const char *root)
{
  g_autoptr(GError) error = NULL;
  double start = now_s ();
  g_autofree char *checksum = NULL;

  checksum = axds_calculate_directory_checksum (root, 2, FALSE, NULL, NULL, NULL, NULL, NULL,
                                                &error);
  if (checksum == NULL)
    g_error ("%s", error->message);
  return now_s () - start;
}

static void
bench_checksum (const char *label,
                const char *root,
                guint       n_files,
                double      bytes)
{
  g_autofree char *xxh = NULL;
  g_autofree char *cat = NULL;
  double ours = G_MAXDOUBLE, xxhsum, cat_time;
  /* Two processes, each given half the files (xargs still splits very long lists). */
  guint per_call = MAX (1, (n_files + 1) / 2);

  /* xxhsum draws its own progress on stderr: silence it. */
  xxh = g_strdup_printf ("find '%s' -type f -print0 | "
                         "xargs -0 -P2 -n %u xxhsum -H2 > /dev/null 2>&1", root, per_call);
  cat = g_strdup_printf ("find '%s' -type f -print0 | xargs -0 -n %u cat > /dev/null",
                         root, per_call);

  /* Warm the page cache; then rounds alternate, so that all three see the same machine. */
  run_shell (cat);
  xxhsum = cat_time = G_MAXDOUBLE;
  for (guint r = 0; r < rounds; r++)
    {
      ours = MIN (ours, time_checksum (root));
      xxhsum = MIN (xxhsum, run_shell (xxh));
      cat_time = MIN (cat_time, run_shell (cat));
    }

  printf ("checksum %-26s axds %7.3f s (%6.0f MiB/s) | xxhsum -H2 x2 %7.3f s | cat %7.3f s | "
          "axds/xxhsum %.2f\n", label, ours, bytes / ours / 1048576.0, xxhsum, cat_time,
          ours / xxhsum);
}

static guint copy_counter;

/* A destination never used before: recreating a tree where one was just deleted makes ext4 skip
 * its recently freed inodes one by one, which would time the filesystem, not the copy. */
static char *
fresh_destination (const char *base,
                   const char *what)
{
  return g_strdup_printf ("%s/%s-%u", base, what, ++copy_counter);
}

static double
time_transfer (const char       *src,
               const char       *dst,
               AxdsTransferFlags flags)
{
  g_autofree char *sum = g_build_filename (src, AXDS_CHECKSUM_FILE_NAME, NULL);
  g_autoptr(GError) error = NULL;
  double start;

  /* Without ax_checksum.txt, verification hashes the source too: the full cost. */
  unlink (sum);
  sync ();
  start = now_s ();
  if (!axds_transfer_directory (src, dst, 2, flags, NULL, NULL, NULL, NULL, &error))
    g_error ("%s", error->message);
  return now_s () - start;
}

static void
bench_transfer (const char *label,
                const char *src,
                const char *copies)
{
  g_autofree char *sum = g_build_filename (src, AXDS_CHECKSUM_FILE_NAME, NULL);
  double plain = G_MAXDOUBLE, verified = G_MAXDOUBLE, cp_time = G_MAXDOUBLE;

  g_mkdir_with_parents (copies, 0755);
  /* Alternating rounds: the disk and the other users of the machine treat all three alike. */
  for (guint r = 0; r < rounds; r++)
    {
      g_autofree char *a = fresh_destination (copies, "axds");
      g_autofree char *v = fresh_destination (copies, "axds-verified");
      g_autofree char *c = fresh_destination (copies, "cp");
      g_autofree char *cp = g_strdup_printf ("cp -r '%s' '%s'", src, c);

      plain = MIN (plain, time_transfer (src, a, AXDS_TRANSFER_NONE));
      verified = MIN (verified, time_transfer (src, v, AXDS_TRANSFER_VERIFY_INTEGRITY));
      unlink (sum);
      sync ();
      cp_time = MIN (cp_time, run_shell (cp));
    }
  /* The copies stay until the end (deleting them now would slow the next creations). */

  printf ("transfer %-26s axds %7.3f s | axds --verify %7.3f s | cp -r %7.3f s | "
          "axds/cp %.2f, verified/cp %.2f\n", label, plain, verified, cp_time, plain / cp_time,
          verified / cp_time);
}

/* numpy's time per target point, measured by Python itself around the call only. */
static const char numpy_script[] =
  "import sys, time\n"
  "import numpy as np\n"
  "n, m = int(sys.argv[1]), int(sys.argv[2])\n"
  "rng = np.random.default_rng(1)\n"
  "xp = np.cumsum(rng.integers(1, 10, n)).astype(np.float64)\n"
  "fp = rng.random(n)\n"
  "x = np.sort(rng.uniform(xp[0] - 10, xp[-1] + 10, m))\n"
  "xr = rng.permutation(x)\n"
  "def best(f):\n"
  "    t = []\n"
  "    for _ in range(3):\n"
  "        s = time.perf_counter(); f(); t.append(time.perf_counter() - s)\n"
  "    return min(t) / m * 1e9\n"
  "print(best(lambda: np.interp(x, xp, fp)), best(lambda: np.interp(xr, xp, fp)),\n"
  "      best(lambda: np.searchsorted(xp, x, side='right')),\n"
  "      best(lambda: np.searchsorted(xp, xr, side='right')))\n";

static void
bench_interpolate (guint n,
                   guint m)
{
  g_autofree double *xp = g_new (double, n);
  g_autofree double *fp = g_new (double, n);
  g_autofree double *x = g_new (double, m);
  g_autofree double *xr = g_new (double, m);
  g_autofree double *out = g_new (double, m);
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  const char *python = g_getenv ("AXDS_PYTHON");
  double ours[4] = { G_MAXDOUBLE, G_MAXDOUBLE, G_MAXDOUBLE, G_MAXDOUBLE };
  double numpy[4] = { NAN, NAN, NAN, NAN };
  static const char * const labels[4] = {
    "continuous, sorted targets", "continuous, random targets",
    "discrete, sorted targets", "discrete, random targets",
  };
  double c = 0;

  for (guint i = 0; i < n; i++)
    {
      c += g_rand_int_range (rand, 1, 10);
      xp[i] = c;
      fp[i] = g_rand_double (rand);
    }
  for (guint i = 0; i < m; i++)
    x[i] = xp[0] - 10 + (c + 20) * ((double) i / m);
  memcpy (xr, x, m * sizeof (double));
  for (guint i = m - 1; i > 0; i--)
    {
      guint j = (guint) g_rand_int_range (rand, 0, (gint32) i + 1);
      double t = xr[i];
      xr[i] = xr[j];
      xr[j] = t;
    }

  for (guint k = 0; k < 4; k++)
    for (guint r = 0; r < 3; r++)
      {
        double start = now_s ();

        if (!axds_interpolate_data (AXDS_DTYPE_FLOAT64, xp, n, AXDS_DTYPE_FLOAT64, fp, n,
                                    AXDS_DTYPE_FLOAT64, k % 2 == 0 ? x : xr, m, k >= 2, out,
                                    &error))
          g_error ("%s", error->message);
        ours[k] = MIN (ours[k], (now_s () - start) / m * 1e9);
      }

  if (python != NULL)
    {
      g_autofree char *n_text = g_strdup_printf ("%u", n);
      g_autofree char *m_text = g_strdup_printf ("%u", m);
      const char *argv[] = { python, "-c", numpy_script, n_text, m_text, NULL };
      g_autofree char *stdout_text = NULL;
      int status = 0;

      if (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &stdout_text,
                        NULL, &status, NULL) && g_spawn_check_wait_status (status, NULL))
        sscanf (stdout_text, "%lf %lf %lf %lf", &numpy[0], &numpy[1], &numpy[2], &numpy[3]);
    }

  for (guint k = 0; k < 4; k++)
    printf ("interpolate %-27s %u sources, %u targets: axds %6.2f ns/point | numpy %s %6.2f "
            "ns/point | axds/numpy %.2f\n", labels[k], n, m, ours[k],
            k < 2 ? "interp" : "searchsorted", numpy[k], ours[k] / numpy[k]);
}

int
main (int    argc,
      char **argv)
{
  guint mib = env_uint ("AXDS_BENCH_MIB", 256);
  guint small = env_uint ("AXDS_BENCH_SMALL_FILES", 20000);
  const char *base_dir = g_getenv ("AXDS_BENCH_DIR");
  g_autofree char *base = NULL;
  g_autofree char *big = NULL;
  g_autofree char *many = NULL;
  g_autofree char *dst = NULL;
  g_autofree char *label = NULL;
  g_autoptr(GError) error = NULL;
  const char *only;

  rounds = env_uint ("AXDS_BENCH_ROUNDS", 3);
  /* AXDS_BENCH_ONLY=checksum|transfer|interpolate runs one part. */
  only = g_getenv ("AXDS_BENCH_ONLY");
  if (only != NULL && strcmp (only, "interpolate") == 0)
    {
      bench_interpolate (1000000, 2000000);
      return 0;
    }
  base = g_strdup_printf ("%s/axds-bench-tasks-XXXXXX", base_dir != NULL ? base_dir
                                                                           : g_get_tmp_dir ());
  if (g_mkdtemp (base) == NULL)
    g_error ("cannot create %s", base);
  big = g_build_filename (base, "big", NULL);
  many = g_build_filename (base, "many", NULL);
  dst = g_build_filename (base, "copy", NULL);

  printf ("# bench-tasks: %u MiB in 1 MiB files, %u files of 4 KiB, best of %u rounds, "
          "%u processors, in %s\n", mib, small, rounds, g_get_num_processors (), base);
  fflush (stdout);

  make_tree (big, mib, 1024 * 1024);
  make_tree (many, small, 4096);

  if (only == NULL || strcmp (only, "checksum") == 0)
    {
      label = g_strdup_printf ("%u MiB / 1 MiB files", mib);
      bench_checksum (label, big, mib, (double) mib * 1048576.0);
      g_free (label);
      label = g_strdup_printf ("%u x 4 KiB files", small);
      bench_checksum (label, many, small, (double) small * 4096.0);
      g_clear_pointer (&label, g_free);
      fflush (stdout);
    }

  if (only == NULL || strcmp (only, "transfer") == 0)
    {
      label = g_strdup_printf ("%u MiB / 1 MiB files", mib);
      bench_transfer (label, big, dst);
      g_free (label);
      label = g_strdup_printf ("%u x 4 KiB files", small);
      bench_transfer (label, many, dst);
      g_clear_pointer (&label, g_free);
      fflush (stdout);
    }

  if (only == NULL)
    bench_interpolate (1000000, 2000000);

  if (!axds_delete_directory (base, NULL, NULL, NULL, &error))
    g_error ("%s", error->message);
  return 0;
}

/* test-log-interop.c — .npy and .npz files against NumPy (python3-numpy)
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include <axds.h>

#include "axds-test-utils.h"
#include "test-log-entries.h"

static const char *tmp_dir;

/* Runs a Python snippet with @args in sys.argv[1:]; asserts it prints "ok". */
static void
run_python (const char *code,
            ...) G_GNUC_NULL_TERMINATED;

static void
run_python (const char *code,
            ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) axds_test_program ("AXDS_PYTHON"));
  g_ptr_array_add (argv, (gpointer) "-c");
  g_ptr_array_add (argv, (gpointer) code);
  va_start (args, code);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  out = axds_test_run_ok ((const char * const *) argv->pdata, NULL);
  if (g_strcmp0 (g_strstrip (out), "ok") != 0)
    g_error ("python failed: %s", out);
}

static gboolean
have_numpy (void)
{
  const char *python = g_getenv ("AXDS_PYTHON");
  int status = 1;

  if (python == NULL)
    return FALSE;
  {
    const char *argv[] = { python, "-c", "import numpy", NULL };
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL,
                  NULL, &status, NULL);
  }
  return status == 0;
}

static void
test_numpy_loads_our_npy (void)
{
  g_autofree char *dir = g_build_filename (tmp_dir, "npy", NULL);
  const guint lengths[] = { 0, 1, 9, 100, 70000, 1 << 20 };

  if (!have_numpy ())
    {
      g_test_skip ("python3-numpy is not available");
      return;
    }
  g_mkdir (dir, 0700);
  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    {
      g_autofree char *name = g_strdup_printf ("%u.npy", lengths[i]);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree guint8 *data = g_malloc (lengths[i] + 1);
      g_autoptr(GError) error = NULL;

      for (guint j = 0; j < lengths[i]; j++)
        data[j] = (guint8) (j * 7 + 3);
      g_assert_true (axds_npy_write_u8 (path, data, lengths[i], &error));
    }
  run_python ("import sys, os, numpy as np\n"
              "d = sys.argv[1]\n"
              "for n in (0, 1, 9, 100, 70000, 1 << 20):\n"
              "    p = os.path.join(d, '%d.npy' % n)\n"
              "    a = np.load(p, allow_pickle=False)\n"
              "    assert a.dtype == np.uint8 and a.shape == (n,), (a.dtype, a.shape)\n"
              "    assert (a == ((np.arange(n) * 7 + 3) % 256).astype(np.uint8)).all()\n"
              "    b = np.load(p, mmap_mode='r')\n"
              "    assert (a == b).all()\n"
              "    import io\n"
              "    f = io.BytesIO(); np.save(f, a)\n"
              "    assert f.getvalue() == open(p, 'rb').read(), 'not byte-identical'\n"
              "print('ok')\n", dir, NULL);
  axds_test_remove_tree (dir);
}

static void
test_numpy_loads_our_npz (void)
{
  g_autofree char *dir = g_build_filename (tmp_dir, "npz", NULL);
  g_autofree char *many = g_build_filename (tmp_dir, "many.npz", NULL);
  g_autoptr(AxdsZipWriter) writer = NULL;
  g_autoptr(GError) error = NULL;
  guint64 onset = G_GUINT64_CONSTANT (1700000000000000), onset_le = GUINT64_TO_LE (onset);
  guint8 payload[300];

  if (!have_numpy ())
    {
      g_test_skip ("python3-numpy is not available");
      return;
    }
  g_mkdir (dir, 0700);
  test_write_log_entry (dir, 3, 0, (guint8 *) &onset_le, 8);
  for (guint i = 1; i <= 200; i++)
    {
      for (guint j = 0; j < i; j++)
        payload[j] = (guint8) (i + j);
      /* Timestamps out of file-name order: the archive must sort by value. */
      test_write_log_entry (dir, 3, (guint64) (201 - i) * 1000, payload, i);
    }
  g_assert_true (axds_log_assemble_archives (dir, 2, AXDS_LOG_ASSEMBLE_KEEP_SOURCES, NULL, NULL,
                                             NULL, &error));
  g_assert_no_error (error);
  run_python ("import sys, os, numpy as np\n"
              "d = sys.argv[1]\n"
              "with np.load(os.path.join(d, '3_log.npz'), allow_pickle=False) as z:\n"
              "    keys = list(z.files)\n"
              "    assert len(keys) == 201, len(keys)\n"
              "    assert keys == sorted(keys, key=lambda k: int(k.split('_')[1])), keys[:5]\n"
              "    for k in keys:\n"
              "        src = np.load(os.path.join(d, k + '.npy'))\n"
              "        assert (z[k] == src).all() and z[k].dtype == np.uint8\n"
              "    onset = z[keys[0]][1:9].view(np.uint64).item()\n"
              "    assert onset == 0\n"
              "    assert z[keys[0]][9:].view(np.uint64).item() == 1700000000000000\n"
              "print('ok')\n", dir, NULL);

  /* More members than plain zip allows: ZIP64 end records, still loadable by numpy. */
  writer = axds_zip_writer_new (many, &error);
  for (guint i = 0; i < 70000; i++)
    {
      char name[40];
      guint8 header[AXDS_NPY_U8_HEADER_SIZE];
      guint8 entry[9 + 4];
      guint64 t = GUINT64_TO_LE ((guint64) i);
      guint32 v = i;

      entry[0] = 1;
      memcpy (entry + 1, &t, 8);
      memcpy (entry + 9, &v, 4);
      g_snprintf (name, sizeof name, "001_%020u.npy", i);
      axds_npy_format_u8_header (sizeof entry, header);
      g_assert_true (axds_zip_writer_add (writer, name, header, sizeof header, entry,
                                          sizeof entry, &error));
    }
  g_assert_true (axds_zip_writer_close (writer, FALSE, &error));
  run_python ("import sys, numpy as np\n"
              "with np.load(sys.argv[1]) as z:\n"
              "    assert len(z.files) == 70000\n"
              "    for i in (0, 1, 65535, 65536, 69999):\n"
              "        a = z['001_%020d' % i]\n"
              "        assert a[9:].view(np.uint32).item() == i\n"
              "print('ok')\n", many, NULL);
  g_unlink (many);
  axds_test_remove_tree (dir);
}

static void
test_we_read_numpy_archives (void)
{
  g_autofree char *plain = g_build_filename (tmp_dir, "7_log.npz", NULL);
  g_autofree char *compressed = g_build_filename (tmp_dir, "7c_log.npz", NULL);
  const char *paths[] = { plain, compressed };

  if (!have_numpy ())
    {
      g_test_skip ("python3-numpy is not available");
      return;
    }
  run_python ("import sys, numpy as np\n"
              "def entry(t, payload):\n"
              "    return np.concatenate([np.array([7], np.uint8),\n"
              "        np.frombuffer(np.uint64(t).tobytes(), np.uint8),\n"
              "        np.asarray(payload, np.uint8)])\n"
              "onset = np.frombuffer(np.uint64(1600000000000000).tobytes(), np.uint8)\n"
              "d = {'007_%020d' % 0: entry(0, onset)}\n"
              "for i in range(1, 3001):\n"
              "    d['007_%020d' % (i * 10)] = entry(i * 10, np.full(i % 50, i % 256, np.uint8))\n"
              "np.savez(sys.argv[1], allow_pickle=False, **d)\n"
              "np.savez_compressed(sys.argv[2], **d)\n"
              "print('ok')\n", plain, compressed, NULL);

  for (guint p = 0; p < G_N_ELEMENTS (paths); p++)
    {
      g_autoptr(AxdsLogArchive) archive = NULL;
      g_autoptr(AxdsZipReader) zip = NULL;
      g_autoptr(GError) error = NULL;
      AxdsLogArchiveIter iter;
      AxdsLogMessage msg;
      guint i = 1;

      zip = axds_zip_reader_new_for_path (paths[p], &error);
      g_assert_no_error (error);
      g_assert_cmpuint (axds_zip_reader_get_member (zip, 1)->method, ==, p == 0 ? 0 : 8);
      archive = axds_log_archive_open (paths[p], &error);
      g_assert_no_error (error);
      g_assert_cmpuint (axds_log_archive_get_onset_us (archive), ==, 1600000000000000);
      g_assert_cmpuint (axds_log_archive_get_n_messages (archive), ==, 3000);
      g_assert_cmpuint (axds_log_archive_get_source_id (archive), ==, 7);
      axds_log_archive_iter_init (&iter, archive, NULL);
      while (axds_log_archive_iter_next (&iter, &msg, &error))
        {
          g_assert_cmpuint (msg.timestamp_us, ==, 1600000000000000 + (guint64) i * 10);
          g_assert_cmpuint (msg.payload_len, ==, i % 50);
          for (gsize j = 0; j < msg.payload_len; j++)
            g_assert_cmpuint (msg.payload[j], ==, i % 256);
          i++;
        }
      g_assert_no_error (error);
      g_assert_cmpuint (i, ==, 3001);
      g_test_message ("%s: allow_pickle.npy member %s", paths[p],
                      axds_zip_reader_lookup (zip, "allow_pickle.npy", NULL) ? "present, skipped"
                                                                             : "absent");
    }
  g_unlink (plain);
  g_unlink (compressed);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AxdsTestDir) dir = axds_test_dir_new ("log-interop");

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  tmp_dir = dir;

  g_test_add_func ("/axds/log-interop/numpy-loads-our-npy", test_numpy_loads_our_npy);
  g_test_add_func ("/axds/log-interop/numpy-loads-our-npz", test_numpy_loads_our_npz);
  g_test_add_func ("/axds/log-interop/we-read-numpy-archives", test_we_read_numpy_archives);

  return g_test_run ();
}

/* test-zip.c
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <zlib.h>

#include <axds.h>

#include "axds-test-utils.h"
#include "test-vectors.h"

static const char *tmp_dir;

static char *
vector_path (const char *name)
{
  return test_vector_path ("npz", name, NULL);
}

/* Writes an archive of (name, data) pairs and returns its bytes. */
static GBytes *
build_archive (const char * const *names,
               const GBytes * const *datas,
               guint               n)
{
  g_autofree char *path = g_build_filename (tmp_dir, "build.zip", NULL);
  g_autoptr(AxdsZipWriter) w = NULL;
  g_autoptr(GError) error = NULL;
  char *contents;
  gsize len;

  w = axds_zip_writer_new (path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      gsize size;
      const guint8 *d = g_bytes_get_data ((GBytes *) datas[i], &size);

      g_assert_true (axds_zip_writer_add (w, names[i], NULL, 0, d, size, &error));
      g_assert_no_error (error);
    }
  g_assert_true (axds_zip_writer_close (w, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  g_unlink (path);
  return g_bytes_new_take (contents, len);
}

static void
test_numpy_layout (void)
{
  g_autofree char *entries_dir = vector_path ("entries");
  g_autofree char *expected_path = vector_path ("1_log.npz");
  g_autofree char *out = g_build_filename (tmp_dir, "1_log.npz", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *ours = NULL;
  g_autoptr(AxdsZipWriter) w = NULL;
  g_autoptr(GError) error = NULL;
  const char *names[] = {
    "001_00000000000000000000.npy", "001_00000000000000001000.npy",
    "001_00000000000000002000.npy", "001_00000000000000003000.npy",
    "001_00000001000000000000.npy",
  };
  gsize expected_len, ours_len;

  w = axds_zip_writer_new (out, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (entries_dir, names[i], NULL);
      g_autofree char *contents = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (path, &contents, &len, &error));
      /* A header and a body, as assembly hands them over. */
      g_assert_true (axds_zip_writer_add (w, names[i], (guint8 *) contents, 128,
                                          (guint8 *) contents + 128, len - 128, &error));
    }
  g_assert_cmpuint (axds_zip_writer_get_n_members (w), ==, 5);
  g_assert_true (axds_zip_writer_close (w, TRUE, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (expected_path, &expected, &expected_len, &error));
  g_assert_true (g_file_get_contents (out, &ours, &ours_len, &error));
  /* Byte for byte what numpy.savez wrote through the Python library. */
  g_assert_cmpmem (ours, ours_len, expected, expected_len);
  g_unlink (out);
}

static void
test_reader_layout (void)
{
  g_autofree char *path = vector_path ("1_log.npz");
  g_autoptr(AxdsZipReader) r = NULL;
  g_autoptr(GError) error = NULL;
  const guint64 offsets[] = { 0, 223, 443, 658, 878 };
  const guint64 data_offsets[] = { 78, 301, 521, 736, 956 };
  const guint64 sizes[] = { 145, 142, 137, 142, 237 };
  const guint32 crcs[] = { 0xbff00e61, 0x6eda4f1a, 0x6f2bc2ea, 0xd71fc0a6, 0xef453a3e };
  guint index;

  r = axds_zip_reader_new_for_path (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (axds_zip_reader_get_n_members (r), ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      const AxdsZipMember *m = axds_zip_reader_get_member (r, i);
      g_autoptr(GBytes) data = NULL;

      g_assert_cmpuint (m->header_offset, ==, offsets[i]);
      g_assert_cmpuint (m->data_offset, ==, data_offsets[i]);
      g_assert_cmpuint (m->size, ==, sizes[i]);
      g_assert_cmpuint (m->compressed_size, ==, sizes[i]);
      g_assert_cmpuint (m->crc32, ==, crcs[i]);
      g_assert_cmpuint (m->method, ==, 0);
      data = axds_zip_reader_extract (r, i, TRUE, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_bytes_get_size (data), ==, sizes[i]);
    }
  g_assert_true (axds_zip_reader_lookup (r, "001_00000000000000002000.npy", &index));
  g_assert_cmpuint (index, ==, 2);
  g_assert_false (axds_zip_reader_lookup (r, "nope.npy", NULL));
}

/* More than 65,535 members: the ZIP64 end records are written and read. */
static void
test_zip64_count (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "many.zip", NULL);
  g_autoptr(AxdsZipWriter) w = NULL;
  g_autoptr(AxdsZipReader) r = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  const guint n = 70000;
  gsize len;

  w = axds_zip_writer_new (path, &error);
  for (guint i = 0; i < n; i++)
    {
      char name[32];
      guint32 value = i;

      g_snprintf (name, sizeof name, "m%06u.npy", i);
      g_assert_true (axds_zip_writer_add (w, name, NULL, 0, (guint8 *) &value, 4, &error));
    }
  g_assert_true (axds_zip_writer_close (w, FALSE, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  /* End of central directory: saturated count; before it the ZIP64 locator and record. */
  g_assert_cmpuint ((guint8) contents[len - 22 + 10], ==, 0xff);
  g_assert_cmpuint ((guint8) contents[len - 22 + 11], ==, 0xff);
  g_assert_cmpmem (contents + len - 22 - 20, 4, "PK\x06\x07", 4);
  g_assert_cmpmem (contents + len - 22 - 20 - 56, 4, "PK\x06\x06", 4);

  r = axds_zip_reader_new_for_path (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (axds_zip_reader_get_n_members (r), ==, n);
  for (guint i = 0; i < n; i += 6999)
    {
      g_autoptr(GBytes) data = axds_zip_reader_extract (r, i, TRUE, &error);
      guint32 value;

      memcpy (&value, g_bytes_get_data (data, NULL), 4);
      g_assert_cmpuint (value, ==, i);
    }
  g_unlink (path);
}

static void
expect_corrupt (GBytes     *bytes,
                int         code,
                const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AxdsZipReader) r = axds_zip_reader_new (bytes, "hostile.zip", &error);

  g_assert_null (r);
  g_assert_error (error, AXDS_ERROR, code);
  if (fragment != NULL && strstr (error->message, fragment) == NULL)
    g_error ("expected '%s' in: %s", fragment, error->message);
}

/* An archive of two members we then damage. Returns a mutable copy. */
static guint8 *
two_members (gsize       *len,
             const char  *first,
             const char  *second,
             GBytes      *second_data)
{
  g_autoptr(GBytes) a = g_bytes_new_static ("hello, world", 12);
  g_autoptr(GBytes) b = second_data != NULL ? g_bytes_ref (second_data)
                                            : g_bytes_new_static ("second member", 13);
  const char *names[] = { first, second };
  const GBytes *datas[] = { a, b };
  g_autoptr(GBytes) archive = build_archive (names, datas, 2);

  const guint8 *data = g_bytes_get_data (archive, len);

  return g_memdup2 (data, *len);
}

/* Offset of the central directory entry of member @index (entries carry no extras here). */
static gsize
cd_entry (const guint8 *d,
          gsize         len,
          guint         index)
{
  guint32 cd_offset;
  gsize pos;

  memcpy (&cd_offset, d + len - 22 + 16, 4);
  pos = cd_offset;
  for (guint i = 0; i < index; i++)
    {
      guint16 n, e, c;

      memcpy (&n, d + pos + 28, 2);
      memcpy (&e, d + pos + 30, 2);
      memcpy (&c, d + pos + 32, 2);
      pos += 46 + n + e + c;
    }
  return pos;
}

static void
put32 (guint8 *p, guint32 v) { memcpy (p, &v, 4); }
static void
put16 (guint8 *p, guint16 v) { memcpy (p, &v, 2); }

static void
test_hostile (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *base = NULL;
  gsize len;

  base = two_members (&len, "a.npy", "b.npy", NULL);

  /* Every truncation is refused cleanly (exact-size copies, for the sanitizers). */
  for (gsize cut = 0; cut < len; cut++)
    {
      g_autoptr(GBytes) b = g_bytes_new (base, cut);
      g_autoptr(AxdsZipReader) r = axds_zip_reader_new (b, "cut.zip", NULL);
      g_assert_null (r);
    }

  /* Not a zip at all. */
  {
    g_autoptr(GBytes) b = g_bytes_new_static ("this is not an archive, just some text....", 42);
    expect_corrupt (b, AXDS_ERROR_CORRUPT, "no end of central directory");
  }
  /* Wrong magic of a local header and of a central entry. */
  {
    g_autofree guint8 *d = g_memdup2 (base, len);
    g_autoptr(GBytes) b = NULL;
    d[0] = 'X';
    b = g_bytes_new (d, len);
    expect_corrupt (b, AXDS_ERROR_CORRUPT, "local header");
  }
  {
    g_autofree guint8 *d = g_memdup2 (base, len);
    g_autoptr(GBytes) b = NULL;
    d[cd_entry (d, len, 1)] = 'X';
    b = g_bytes_new (d, len);
    expect_corrupt (b, AXDS_ERROR_CORRUPT, "central directory entry");
  }
  /* A central directory claimed beyond the file, or with absurdly many entries. */
  {
    g_autofree guint8 *d = g_memdup2 (base, len);
    g_autoptr(GBytes) b = NULL;
    put32 (d + len - 22 + 16, 0x7fff0000);
    b = g_bytes_new (d, len);
    expect_corrupt (b, AXDS_ERROR_CORRUPT, "outside the file");
  }
  {
    g_autofree guint8 *d = g_memdup2 (base, len);
    g_autoptr(GBytes) b = NULL;
    put16 (d + len - 22 + 8, 0xfff0);
    put16 (d + len - 22 + 10, 0xfff0);
    b = g_bytes_new (d, len);
    expect_corrupt (b, AXDS_ERROR_CORRUPT, "cannot fit");
  }
  /* A member whose offset is out of bounds. */
  {
    g_autofree guint8 *d = g_memdup2 (base, len);
    g_autoptr(GBytes) b = NULL;
    put32 (d + cd_entry (d, len, 1) + 42, 0x70000000);
    b = g_bytes_new (d, len);
    expect_corrupt (b, AXDS_ERROR_CORRUPT, "outside the archive");
  }
  /* Stored sizes that disagree, or run past the data. */
  {
    g_autofree guint8 *d = g_memdup2 (base, len);
    g_autoptr(GBytes) b = NULL;
    put32 (d + cd_entry (d, len, 0) + 20, 0x10000000);
    put32 (d + cd_entry (d, len, 0) + 24, 0x10000000);
    b = g_bytes_new (d, len);
    expect_corrupt (b, AXDS_ERROR_CORRUPT, "runs past");
  }
  /* Names with a directory or a parent reference. */
  {
    g_autofree guint8 *d = NULL;
    g_autoptr(GBytes) b = NULL;
    gsize n;
    d = two_members (&n, "a.npy", "../evil.npy", NULL);
    b = g_bytes_new (d, n);
    expect_corrupt (b, AXDS_ERROR_CORRUPT, "plain file name");
  }
  {
    g_autofree guint8 *d = NULL;
    g_autoptr(GBytes) b = NULL;
    gsize n;
    d = two_members (&n, "dir/a.npy", "b.npy", NULL);
    b = g_bytes_new (d, n);
    expect_corrupt (b, AXDS_ERROR_CORRUPT, "plain file name");
  }
  /* The same name twice. */
  {
    g_autofree guint8 *d = NULL;
    g_autoptr(GBytes) b = NULL;
    gsize n;
    d = two_members (&n, "a.npy", "a.npy", NULL);
    b = g_bytes_new (d, n);
    expect_corrupt (b, AXDS_ERROR_CORRUPT, "twice");
  }
  /* Overlapping members: b's entry points at a copy of its local header inside a's data. */
  {
    g_autoptr(GBytes) inner = NULL;
    g_autofree guint8 *d = NULL;
    g_autoptr(GBytes) b = NULL;
    gsize n, inner_len;
    const guint8 *inner_data;

    {
      g_autofree guint8 *single = two_members (&inner_len, "x.npy", "b.npy", NULL);
      /* b's local header and data sit after x's member (30 + 5 + 20 + 12 = 67 bytes). */
      inner = g_bytes_new (single + 67, 30 + 5 + 20 + 13);
    }
    inner_data = g_bytes_get_data (inner, NULL);
    g_assert_cmpmem (inner_data, 4, "PK\x03\x04", 4);
    {
      g_autoptr(GBytes) a = g_bytes_ref (inner);
      g_autoptr(GBytes) second = g_bytes_new_static ("second member", 13);
      const char *names[] = { "a.npy", "b.npy" };
      const GBytes *datas[] = { a, second };
      g_autoptr(GBytes) archive = build_archive (names, datas, 2);

      const guint8 *data = g_bytes_get_data (archive, &n);

      d = g_memdup2 (data, n);
    }
    /* a's data starts at 30 + 5 + 20. */
    put32 (d + cd_entry (d, n, 1) + 42, 55);
    b = g_bytes_new (d, n);
    expect_corrupt (b, AXDS_ERROR_CORRUPT, "overlap");
  }
  /* Encrypted and unknown methods are refused as unsupported. */
  {
    g_autofree guint8 *d = g_memdup2 (base, len);
    g_autoptr(GBytes) b = NULL;
    put16 (d + cd_entry (d, len, 0) + 8, 1);
    b = g_bytes_new (d, len);
    expect_corrupt (b, AXDS_ERROR_NOT_SUPPORTED, "encrypted");
  }
  {
    g_autofree guint8 *d = g_memdup2 (base, len);
    g_autoptr(GBytes) b = NULL;
    put16 (d + cd_entry (d, len, 0) + 10, 14);
    b = g_bytes_new (d, len);
    expect_corrupt (b, AXDS_ERROR_NOT_SUPPORTED, "method");
  }
}

/* Deflated members: valid ones inflate, a bomb or a lie about the size does not. */
static void
test_deflate (void)
{
  const gsize plain_len = 4 * 1024 * 1024;
  g_autofree guint8 *plain = g_malloc0 (plain_len);
  uLongf comp_len = compressBound (plain_len);
  g_autofree guint8 *comp = g_malloc (comp_len);
  g_autoptr(GBytes) raw = NULL;
  g_autoptr(GError) error = NULL;
  z_stream zs = { 0 };
  guint32 crc;

  /* Raw deflate, as zip stores it. */
  g_assert_cmpint (deflateInit2 (&zs, 9, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY), ==, Z_OK);
  zs.next_in = plain;
  zs.avail_in = (uInt) plain_len;
  zs.next_out = comp;
  zs.avail_out = (uInt) comp_len;
  g_assert_cmpint (deflate (&zs, Z_FINISH), ==, Z_STREAM_END);
  comp_len = zs.total_out;
  deflateEnd (&zs);
  raw = g_bytes_new (comp, comp_len);
  crc = (guint32) crc32 (0, plain, (uInt) plain_len);

  for (guint variant = 0; variant < 4; variant++)
    {
      g_autofree guint8 *d = NULL;
      g_autoptr(GBytes) b = NULL;
      g_autoptr(AxdsZipReader) r = NULL;
      g_autoptr(GBytes) out = NULL;
      gsize n, cd;
      /* 0: honest; 1: declares 1000 bytes (a bomb); 2: bad CRC; 3: declares more than it has */
      guint32 declared = variant == 1 ? 1000 : variant == 3 ? (guint32) plain_len + 10 :
                         (guint32) plain_len;

      d = two_members (&n, "a.npy", "z.npy", raw);
      cd = cd_entry (d, n, 1);
      put16 (d + cd + 10, 8);
      put32 (d + cd + 16, variant == 2 ? crc ^ 1 : crc);
      put32 (d + cd + 24, declared);
      b = g_bytes_new (d, n);
      r = axds_zip_reader_new (b, "deflate.zip", &error);
      g_assert_no_error (error);
      out = axds_zip_reader_extract (r, 1, TRUE, &error);
      if (variant == 0)
        {
          g_assert_no_error (error);
          g_assert_cmpmem (g_bytes_get_data (out, NULL), g_bytes_get_size (out), plain, plain_len);
        }
      else
        {
          g_assert_null (out);
          g_assert_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT);
          if (variant == 1)
            g_assert_nonnull (strstr (error->message, "more than its declared size"));
          if (variant == 2)
            g_assert_nonnull (strstr (error->message, "CRC-32"));
          g_clear_error (&error);
        }
    }

  /* A size beyond any deflate ratio is refused before anything is allocated. */
  {
    g_autofree guint8 *d = NULL;
    g_autoptr(GBytes) b = NULL;
    gsize n, cd;

    d = two_members (&n, "a.npy", "z.npy", raw);
    cd = cd_entry (d, n, 1);
    put16 (d + cd + 10, 8);
    put32 (d + cd + 24, 0xfffffff0);
    b = g_bytes_new (d, n);
    expect_corrupt (b, AXDS_ERROR_CORRUPT, "absurd size");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AxdsTestDir) dir = axds_test_dir_new ("zip");

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  tmp_dir = dir;

  g_test_add_func ("/axds/zip/numpy-layout", test_numpy_layout);
  g_test_add_func ("/axds/zip/reader-layout", test_reader_layout);
  g_test_add_func ("/axds/zip/zip64-count", test_zip64_count);
  g_test_add_func ("/axds/zip/hostile", test_hostile);
  g_test_add_func ("/axds/zip/deflate", test_deflate);

  return g_test_run ();
}

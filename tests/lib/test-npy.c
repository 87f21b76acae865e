/* test-npy.c
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include <axds.h>

#include "test-vectors.h"

static char *
vector_path (const char *name)
{
  return test_vector_path ("npy", name, NULL);
}

static guint8 *
unhex (const char *hex,
       gsize      *len)
{
  gsize n = strlen (hex) / 2;
  guint8 *out = g_malloc (n + 1);

  for (gsize i = 0; i < n; i++)
    out[i] = (guint8) (g_ascii_xdigit_value (hex[2 * i]) << 4 |
                       g_ascii_xdigit_value (hex[2 * i + 1]));
  *len = n;
  return out;
}

/* Our header and our whole file are byte-identical to numpy.save's for each length. */
static void
test_u8_vectors (void)
{
  const guint lengths[] = { 0, 1, 9, 100, 70000 };

  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    {
      g_autofree char *file = g_strdup_printf ("u8_len%u.npy", lengths[i]);
      g_autofree char *path = vector_path (file);
      g_autofree char *expected = NULL;
      g_autofree char *ours = NULL;
      g_autofree guint8 *data = g_malloc (lengths[i] + 1);
      g_autofree char *tmp_dir = g_dir_make_tmp ("axds-npy-XXXXXX", NULL);
      g_autofree char *out = g_build_filename (tmp_dir, "out.npy", NULL);
      g_autoptr(GError) error = NULL;
      guint8 header[AXDS_NPY_U8_HEADER_SIZE];
      const guint8 *payload;
      gsize len, ours_len, payload_len;

      g_assert_true (g_file_get_contents (path, &expected, &len, &error));
      g_assert_cmpuint (len, ==, AXDS_NPY_U8_HEADER_SIZE + lengths[i]);
      axds_npy_format_u8_header (lengths[i], header);
      g_assert_cmpmem (header, sizeof header, expected, AXDS_NPY_U8_HEADER_SIZE);

      for (guint j = 0; j < lengths[i]; j++)
        data[j] = j % 256;
      g_assert_true (axds_npy_write_u8 (out, data, lengths[i], &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (out, &ours, &ours_len, &error));
      g_assert_cmpmem (ours, ours_len, expected, len);

      g_assert_true (axds_npy_parse_u8 ((guint8 *) expected, len, file, &payload, &payload_len,
                                        &error));
      g_assert_cmpuint (payload_len, ==, lengths[i]);
      g_assert_true (payload == (guint8 *) expected + AXDS_NPY_U8_HEADER_SIZE);
      g_unlink (out);
      g_rmdir (tmp_dir);
    }
}

/* Other arrays numpy writes: parsed, with their dtype and shape. */
static void
test_other_arrays (void)
{
  g_autofree char *path = vector_path ("npy_headers.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *others;
  const struct { AxdsDtype dtype; guint ndim; guint64 shape0, shape1; } expected[] = {
    { AXDS_DTYPE_UINT8, 0, 0, 0 },
    { AXDS_DTYPE_UINT64, 1, 3, 0 },
    { AXDS_DTYPE_UINT16, 2, 2, 3 },
  };

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  others = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                         "other_arrays");
  g_assert_cmpuint (json_array_get_length (others), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      JsonObject *o = json_array_get_object_element (others, i);
      g_autofree guint8 *bytes = NULL;
      const guint8 *payload;
      gsize len, payload_len;
      AxdsNpyInfo info;

      bytes = unhex (json_object_get_string_member (o, "file_hex"), &len);
      g_assert_true (axds_npy_parse_header (bytes, len, len, "vector", &info, &error));
      g_assert_no_error (error);
      g_assert_cmpint (info.dtype, ==, expected[i].dtype);
      g_assert_cmpuint (info.ndim, ==, expected[i].ndim);
      g_assert_cmpuint (info.version_major, ==, 1);
      g_assert_false (info.fortran_order);
      if (info.ndim > 0)
        g_assert_cmpuint (info.shape[0], ==, expected[i].shape0);
      if (info.ndim > 1)
        g_assert_cmpuint (info.shape[1], ==, expected[i].shape1);
      g_assert_cmpuint (info.data_offset + info.data_size, ==, len);
      /* None of these is a log entry. */
      g_assert_false (axds_npy_parse_u8 (bytes, len, "vector", &payload, &payload_len, &error));
      g_assert_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT);
      g_clear_error (&error);
    }
}

static void
expect_bad (const char *header_text,
            guint       major,
            gsize       extra_data,
            GQuark      domain,
            int         code)
{
  g_autoptr(GByteArray) file = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  guint8 prefix[12] = { 0x93, 'N', 'U', 'M', 'P', 'Y', (guint8) major, 0 };
  gsize hlen = strlen (header_text);
  AxdsNpyInfo info;

  if (major == 1)
    {
      prefix[8] = hlen & 0xff;
      prefix[9] = (hlen >> 8) & 0xff;
      g_byte_array_append (file, prefix, 10);
    }
  else
    {
      prefix[8] = hlen & 0xff;
      prefix[9] = (hlen >> 8) & 0xff;
      prefix[10] = prefix[11] = 0;
      g_byte_array_append (file, prefix, 12);
    }
  g_byte_array_append (file, (const guint8 *) header_text, (guint) hlen);
  for (gsize i = 0; i < extra_data; i++)
    g_byte_array_append (file, (const guint8 *) "\0", 1);
  g_assert_false (axds_npy_parse_header (file->data, file->len, file->len, "bad.npy", &info,
                                         &error));
  g_assert_error (error, domain, code);
  g_assert_nonnull (strstr (error->message, "bad.npy"));
}

static void
test_hostile_headers (void)
{
  g_autoptr(GError) error = NULL;
  AxdsNpyInfo info;
  guint8 header[AXDS_NPY_U8_HEADER_SIZE];
  guint8 valid[AXDS_NPY_U8_HEADER_SIZE + 5];

  expect_bad ("{'descr': '|u1', 'fortran_order': False, 'shape': (5,), }\n", 1, 4,
              AXDS_ERROR, AXDS_ERROR_CORRUPT);     /* data truncated */
  expect_bad ("{'descr': '|u1', 'fortran_order': False, 'shape': (5,), }", 1, 5,
              AXDS_ERROR, AXDS_ERROR_CORRUPT);     /* no newline */
  expect_bad ("{'descr': '|u1', 'fortran_order': False}\n", 1, 0,
              AXDS_ERROR, AXDS_ERROR_CORRUPT);     /* no shape */
  expect_bad ("{'descr': '|u1', 'fortran_order': False, 'shape': (5,), 'x': 1}\n", 1, 5,
              AXDS_ERROR, AXDS_ERROR_CORRUPT);     /* unknown key */
  expect_bad ("{'descr': '|u1', 'descr': '|u1', 'fortran_order': False, 'shape': (5,)}\n", 1, 5,
              AXDS_ERROR, AXDS_ERROR_CORRUPT);     /* repeated key */
  expect_bad ("{'descr': '>u8', 'fortran_order': False, 'shape': (1,), }\n", 1, 8,
              AXDS_ERROR, AXDS_ERROR_NOT_SUPPORTED);
  expect_bad ("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }\n", 1, 8,
              AXDS_ERROR, AXDS_ERROR_NOT_SUPPORTED);
  expect_bad ("{'descr': [('a', '<u1')], 'fortran_order': False, 'shape': (1,), }\n", 1, 8,
              AXDS_ERROR, AXDS_ERROR_CORRUPT);     /* structured */
  expect_bad ("{'descr': '<u8', 'fortran_order': False, 'shape': (4294967296, 4294967296, 16), }\n",
              1, 8, AXDS_ERROR, AXDS_ERROR_CORRUPT);  /* overflowing shape */
  expect_bad ("{'descr': '|u1', 'fortran_order': False, 'shape': (99999999999999999999999,), }\n",
              1, 8, AXDS_ERROR, AXDS_ERROR_CORRUPT);
  expect_bad ("{'descr': '|u1', 'fortran_order': Maybe, 'shape': (1,), }\n", 1, 1,
              AXDS_ERROR, AXDS_ERROR_CORRUPT);
  expect_bad ("{'descr': '|u1', 'fortran_order': False, 'shape': (1), }\n", 1, 1,
              AXDS_ERROR, AXDS_ERROR_CORRUPT);
  expect_bad ("{'descr': '|u1', 'fortran_order': False, 'shape': (1,), }\n", 9, 1,
              AXDS_ERROR, AXDS_ERROR_VERSION);
  /* Version 2 works the same way. */
  {
    const char *text = "{'descr': '|u1', 'fortran_order': False, 'shape': (2,), }\n";
    g_autoptr(GByteArray) file = g_byte_array_new ();
    guint8 prefix[12] = { 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0, (guint8) strlen (text), 0, 0, 0 };

    g_byte_array_append (file, prefix, 12);
    g_byte_array_append (file, (const guint8 *) text, (guint) strlen (text));
    g_byte_array_append (file, (const guint8 *) "ab", 2);
    g_assert_true (axds_npy_parse_header (file->data, file->len, file->len, "v2", &info, &error));
    g_assert_cmpuint (info.version_major, ==, 2);
    g_assert_cmpuint (info.data_size, ==, 2);
  }

  /* Wrong magic, too short, header length past the end. */
  axds_npy_format_u8_header (5, header);
  memcpy (valid, header, sizeof header);
  memset (valid + sizeof header, 1, 5);
  g_assert_true (axds_npy_parse_header (valid, sizeof valid, sizeof valid, "ok", &info, &error));
  valid[1] = 'X';
  g_assert_false (axds_npy_parse_header (valid, sizeof valid, sizeof valid, "magic", &info,
                                         &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_false (axds_npy_parse_header (valid, 5, 5, "short", &info, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT);
  g_clear_error (&error);
  valid[1] = 'N';
  valid[8] = 0xff;
  valid[9] = 0xff;
  g_assert_false (axds_npy_parse_header (valid, sizeof valid, sizeof valid, "long", &info, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT);
}

/* Random damage to a valid file is reported, never a crash or an out-of-bounds read. */
static void
test_mutations (void)
{
  guint8 file[AXDS_NPY_U8_HEADER_SIZE + 16];
  GRand *rand = g_rand_new_with_seed (42);

  for (guint round = 0; round < 20000; round++)
    {
      g_autofree guint8 *copy = NULL;
      const guint8 *payload;
      gsize payload_len, len;
      AxdsNpyInfo info;

      axds_npy_format_u8_header (16, file);
      memset (file + AXDS_NPY_U8_HEADER_SIZE, 0xab, 16);
      for (guint k = 0; k < 1 + round % 4; k++)
        file[g_rand_int_range (rand, 0, AXDS_NPY_U8_HEADER_SIZE)] = (guint8) g_rand_int (rand);
      len = (gsize) g_rand_int_range (rand, 0, sizeof file + 1);
      /* An exact-size heap copy, so that the sanitizer sees any overread. */
      copy = g_memdup2 (file, MAX (len, 1));
      if (axds_npy_parse_header (copy, len, len, "m", &info, NULL))
        g_assert_cmpuint (info.data_offset + info.data_size, <=, len);
      if (axds_npy_parse_u8 (copy, len, "m", &payload, &payload_len, NULL))
        g_assert_true (payload + payload_len == copy + len);
    }
  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/axds/npy/u8-vectors", test_u8_vectors);
  g_test_add_func ("/axds/npy/other-arrays", test_other_arrays);
  g_test_add_func ("/axds/npy/hostile-headers", test_hostile_headers);
  g_test_add_func ("/axds/npy/mutations", test_mutations);
  return g_test_run ();
}

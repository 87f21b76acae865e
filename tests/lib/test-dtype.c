/* test-dtype.c
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <axds.h>

static void
test_dtype_strings (void)
{
  static const struct { const char *text; AxdsDtype dtype; } good[] = {
    { "|b1", AXDS_DTYPE_BOOL }, { "?", AXDS_DTYPE_BOOL }, { "bool", AXDS_DTYPE_BOOL },
    { "|i1", AXDS_DTYPE_INT8 }, { "<i2", AXDS_DTYPE_INT16 }, { "<i4", AXDS_DTYPE_INT32 },
    { "<i8", AXDS_DTYPE_INT64 }, { "|u1", AXDS_DTYPE_UINT8 }, { "<u2", AXDS_DTYPE_UINT16 },
    { "=u4", AXDS_DTYPE_UINT32 }, { "u8", AXDS_DTYPE_UINT64 }, { "<f4", AXDS_DTYPE_FLOAT32 },
    { "float64", AXDS_DTYPE_FLOAT64 }, { "d", AXDS_DTYPE_FLOAT64 }, { "<c8", AXDS_DTYPE_COMPLEX64 },
    { "complex128", AXDS_DTYPE_COMPLEX128 }, { "<c16", AXDS_DTYPE_COMPLEX128 },
    { "uint16", AXDS_DTYPE_UINT16 }, { "B", AXDS_DTYPE_UINT8 },
  };
  static const char *bad[] = { "", ">f8", "!i4", "|f8", "f16", "float", "<U10", "O", "i3",
                               "<f8 ", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      AxdsDtype dtype = AXDS_DTYPE_INVALID;

      g_assert_true (axds_dtype_from_string (good[i].text, &dtype, &error));
      g_assert_no_error (error);
      g_assert_cmpint (dtype, ==, good[i].dtype);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      AxdsDtype dtype = AXDS_DTYPE_INVALID;

      g_assert_false (axds_dtype_from_string (bad[i], &dtype, &error));
      g_assert_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT);
    }

  /* Every dtype round-trips through its printed type string. */
  for (AxdsDtype d = AXDS_DTYPE_BOOL; d < AXDS_DTYPE_LAST; d++)
    {
      AxdsDtype back = AXDS_DTYPE_INVALID;
      g_assert_true (axds_dtype_from_string (axds_dtype_to_string (d), &back, NULL));
      g_assert_cmpint (back, ==, d);
      g_assert_true (axds_dtype_from_string (axds_dtype_get_name (d), &back, NULL));
      g_assert_cmpint (back, ==, d);
    }
  g_assert_cmpstr (axds_dtype_to_string (AXDS_DTYPE_FLOAT64), ==, "<f8");
  g_assert_cmpstr (axds_dtype_to_string (AXDS_DTYPE_UINT8), ==, "|u1");
  g_assert_cmpstr (axds_dtype_to_string (AXDS_DTYPE_BOOL), ==, "|b1");
  g_assert_cmpstr (axds_dtype_to_string (AXDS_DTYPE_COMPLEX128), ==, "<c16");
  g_assert_cmpuint (axds_dtype_get_itemsize (AXDS_DTYPE_COMPLEX128), ==, 16);
  g_assert_cmpuint (axds_dtype_get_itemsize (AXDS_DTYPE_INVALID), ==, 0);
  g_assert_true (axds_dtype_is_integer (AXDS_DTYPE_UINT64));
  g_assert_false (axds_dtype_is_integer (AXDS_DTYPE_BOOL));
  g_assert_true (axds_dtype_is_float (AXDS_DTYPE_FLOAT32));
  g_assert_true (axds_dtype_is_complex (AXDS_DTYPE_COMPLEX64));
}

static char *
parse_and_format (AxdsDtype   dtype,
                  const char *text)
{
  guint8 element[16] = { 0 };
  g_autoptr(GError) error = NULL;

  if (!axds_dtype_parse_value (dtype, text, element, &error))
    return NULL;
  return axds_dtype_format_value (dtype, element);
}

static void
test_dtype_values (void)
{
  static const struct { AxdsDtype dtype; const char *in; const char *out; } cases[] = {
    { AXDS_DTYPE_BOOL, "true", "True" }, { AXDS_DTYPE_BOOL, "0", "False" },
    { AXDS_DTYPE_INT8, "127", "127" }, { AXDS_DTYPE_INT8, "-128", "-128" },
    { AXDS_DTYPE_INT16, "-32768", "-32768" }, { AXDS_DTYPE_UINT16, "0xffff", "65535" },
    { AXDS_DTYPE_INT64, "-9223372036854775808", "-9223372036854775808" },
    { AXDS_DTYPE_UINT64, "18446744073709551615", "18446744073709551615" },
    { AXDS_DTYPE_FLOAT64, "0.1", "0.1" }, { AXDS_DTYPE_FLOAT64, "1", "1.0" },
    { AXDS_DTYPE_FLOAT64, "1e300", "1e+300" }, { AXDS_DTYPE_FLOAT64, "-inf", "-inf" },
    { AXDS_DTYPE_FLOAT64, "1e16", "1e+16" }, { AXDS_DTYPE_FLOAT64, "123456.5", "123456.5" },
    { AXDS_DTYPE_FLOAT64, "1.5e-5", "1.5e-05" }, { AXDS_DTYPE_FLOAT64, "0.0001", "0.0001" },
    { AXDS_DTYPE_FLOAT64, "-0", "-0.0" }, { AXDS_DTYPE_FLOAT32, "16777216", "16777216.0" },
    { AXDS_DTYPE_FLOAT32, "3.4028235e38", "3.4028235e+38" },
    { AXDS_DTYPE_FLOAT64, "NaN", "nan" }, { AXDS_DTYPE_FLOAT32, "0.1", "0.1" },
    { AXDS_DTYPE_FLOAT64, "0.30000000000000004", "0.30000000000000004" },
    { AXDS_DTYPE_COMPLEX128, "1.5-2j", "(1.5-2.0j)" }, { AXDS_DTYPE_COMPLEX64, "(0+1j)", "(0.0+1.0j)" },
    { AXDS_DTYPE_COMPLEX128, "3", "(3.0+0.0j)" }, { AXDS_DTYPE_COMPLEX128, "2j", "(0.0+2.0j)" },
    { AXDS_DTYPE_COMPLEX128, "1e-3+1e+2j", "(0.001+100.0j)" },
  };
  static const struct { AxdsDtype dtype; const char *in; } bad[] = {
    { AXDS_DTYPE_BOOL, "yes" }, { AXDS_DTYPE_INT8, "128" }, { AXDS_DTYPE_INT8, "-129" },
    { AXDS_DTYPE_UINT8, "-1" }, { AXDS_DTYPE_UINT64, "18446744073709551616" },
    { AXDS_DTYPE_INT32, "1.5" }, { AXDS_DTYPE_INT32, "" }, { AXDS_DTYPE_INT32, " 1" },
    { AXDS_DTYPE_INT32, "0x" }, { AXDS_DTYPE_FLOAT64, "1e999" }, { AXDS_DTYPE_FLOAT64, "abc" },
    { AXDS_DTYPE_FLOAT32, "1e39" }, { AXDS_DTYPE_COMPLEX128, "1+j" }, { AXDS_DTYPE_COMPLEX128, "j" },
    { AXDS_DTYPE_COMPLEX128, "()" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = parse_and_format (cases[i].dtype, cases[i].in);
      g_assert_cmpstr (out, ==, cases[i].out);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      guint8 element[16];
      g_autoptr(GError) error = NULL;

      g_assert_false (axds_dtype_parse_value (bad[i].dtype, bad[i].in, element, &error));
      g_assert_nonnull (error);
      g_assert_true (error->domain == AXDS_ERROR);
    }

  {
    double c[2] = { 3.0, 4.0 };
    gint16 s = -5;
    guint8 b = 1;
    g_assert_cmpfloat (axds_dtype_value_to_double (AXDS_DTYPE_COMPLEX128, c), ==, 5.0);
    g_assert_cmpfloat (axds_dtype_value_to_double (AXDS_DTYPE_INT16, &s), ==, -5.0);
    g_assert_cmpfloat (axds_dtype_value_to_double (AXDS_DTYPE_BOOL, &b), ==, 1.0);
  }
}

static void
test_shape_parse (void)
{
  static const struct { const char *text; guint ndim; guint64 dims[3]; } good[] = {
    { "1024,1024", 2, { 1024, 1024 } }, { "(3,)", 1, { 3 } }, { "512x512", 2, { 512, 512 } },
    { "[2, 3, 4]", 3, { 2, 3, 4 } }, { " 7 ", 1, { 7 } },
  };
  static const char *bad[] = { "", "0,3", "a", "1,,2", "-1", "1,2,3,4,5,6,7,8,9", "()",
                               "4294967296,4294967296", "99999999999999999999", "1;2", "2,3x" };
  guint64 shape[AXDS_MAX_DIMS];
  guint ndim;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (axds_shape_parse (good[i].text, &ndim, shape, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (ndim, ==, good[i].ndim);
      for (guint d = 0; d < ndim; d++)
        g_assert_cmpuint (shape[d], ==, good[i].dims[d]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (axds_shape_parse (bad[i], &ndim, shape, &error));
      g_assert_nonnull (error);
      g_assert_true (error->domain == AXDS_ERROR);
      g_assert_nonnull (strstr (error->message, "shape"));
    }

  {
    guint64 s1[] = { 3 }, s2[] = { 512, 512 };
    g_autofree char *a = axds_shape_to_string (1, s1);
    g_autofree char *b = axds_shape_to_string (2, s2);
    g_assert_cmpstr (a, ==, "(3,)");
    g_assert_cmpstr (b, ==, "(512, 512)");
  }
}

static void
test_index (void)
{
  guint64 shape[] = { 4, 5, 6 };
  gint64 index[AXDS_MAX_DIMS];
  guint64 offset, count;
  guint n;
  g_autoptr(GError) error = NULL;

  g_assert_true (axds_index_parse ("2,3", &n, index, NULL));
  g_assert_true (axds_index_resolve (3, shape, n, index, &offset, &count, NULL));
  g_assert_cmpuint (offset, ==, (2 * 5 + 3) * 6);
  g_assert_cmpuint (count, ==, 6);

  g_assert_true (axds_index_parse ("-1,-1,-1", &n, index, NULL));
  g_assert_true (axds_index_resolve (3, shape, n, index, &offset, &count, NULL));
  g_assert_cmpuint (offset, ==, 4 * 5 * 6 - 1);
  g_assert_cmpuint (count, ==, 1);

  g_assert_true (axds_index_parse ("0", &n, index, NULL));
  g_assert_true (axds_index_resolve (3, shape, n, index, &offset, &count, NULL));
  g_assert_cmpuint (offset, ==, 0);
  g_assert_cmpuint (count, ==, 30);

  g_assert_true (axds_index_parse ("4", &n, index, NULL));
  g_assert_false (axds_index_resolve (3, shape, n, index, &offset, &count, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);

  g_assert_true (axds_index_parse ("-5", &n, index, NULL));
  g_assert_false (axds_index_resolve (3, shape, n, index, &offset, &count, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);

  g_assert_true (axds_index_parse ("1,1,1,1", &n, index, NULL));
  g_assert_false (axds_index_resolve (3, shape, n, index, &offset, &count, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_false (axds_index_parse ("2x3", &n, index, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_false (axds_index_parse ("1,x", &n, index, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/axds/dtype/strings", test_dtype_strings);
  g_test_add_func ("/axds/dtype/values", test_dtype_values);
  g_test_add_func ("/axds/dtype/shape", test_shape_parse);
  g_test_add_func ("/axds/dtype/index", test_index);

  return g_test_run ();
}

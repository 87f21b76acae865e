/* test-interpolate.c
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include <axds.h>

#include "test-vectors.h"

static AxdsDtype
dtype_from_numpy_name (const char *name)
{
  static const struct { const char *name; AxdsDtype dtype; } names[] = {
    { "bool", AXDS_DTYPE_BOOL }, { "int8", AXDS_DTYPE_INT8 }, { "int16", AXDS_DTYPE_INT16 },
    { "int32", AXDS_DTYPE_INT32 }, { "int64", AXDS_DTYPE_INT64 }, { "uint8", AXDS_DTYPE_UINT8 },
    { "uint16", AXDS_DTYPE_UINT16 }, { "uint32", AXDS_DTYPE_UINT32 },
    { "uint64", AXDS_DTYPE_UINT64 }, { "float32", AXDS_DTYPE_FLOAT32 },
    { "float64", AXDS_DTYPE_FLOAT64 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (names[i].name, name) == 0)
      return names[i].dtype;
  g_assert_not_reached ();
  return AXDS_DTYPE_INVALID;
}

/* Writes a double or an integer into an element of @dtype. */
static void
store (AxdsDtype dtype,
       gpointer  data,
       gsize     index,
       double    f,
       gint64    i)
{
  switch (dtype)
    {
    case AXDS_DTYPE_BOOL:       ((guint8 *) data)[index] = i != 0; break;
    case AXDS_DTYPE_INT8:       ((gint8 *) data)[index] = (gint8) i; break;
    case AXDS_DTYPE_INT16:      ((gint16 *) data)[index] = (gint16) i; break;
    case AXDS_DTYPE_INT32:      ((gint32 *) data)[index] = (gint32) i; break;
    case AXDS_DTYPE_INT64:      ((gint64 *) data)[index] = i; break;
    case AXDS_DTYPE_UINT8:      ((guint8 *) data)[index] = (guint8) i; break;
    case AXDS_DTYPE_UINT16:     ((guint16 *) data)[index] = (guint16) i; break;
    case AXDS_DTYPE_UINT32:     ((guint32 *) data)[index] = (guint32) i; break;
    case AXDS_DTYPE_UINT64:     ((guint64 *) data)[index] = (guint64) i; break;
    case AXDS_DTYPE_FLOAT32:    ((float *) data)[index] = (float) f; break;
    case AXDS_DTYPE_FLOAT64:    ((double *) data)[index] = f; break;
    case AXDS_DTYPE_COMPLEX64:
      ((float *) data)[2 * index] = (float) f;
      ((float *) data)[2 * index + 1] = (float) -f;
      break;
    case AXDS_DTYPE_COMPLEX128:
      ((double *) data)[2 * index] = f;
      ((double *) data)[2 * index + 1] = -f;
      break;
    case AXDS_DTYPE_INVALID:
    case AXDS_DTYPE_LAST:
    default:
      g_assert_not_reached ();
    }
}

static gpointer
array_from_json (JsonObject *object,
                 AxdsDtype  *dtype,
                 gsize      *n)
{
  JsonArray *values = json_object_get_array_member (object, "values");
  gpointer data;

  *dtype = dtype_from_numpy_name (json_object_get_string_member (object, "dtype"));
  *n = json_array_get_length (values);
  data = g_malloc0 (MAX (*n, 1) * axds_dtype_get_itemsize (*dtype));
  for (guint i = 0; i < *n; i++)
    {
      JsonNode *node = json_array_get_element (values, i);

      if (axds_dtype_is_float (*dtype))
        store (*dtype, data, i, g_ascii_strtod (json_node_get_string (node), NULL), 0);
      else
        store (*dtype, data, i, 0, json_node_get_int (node));
    }
  return data;
}

static void
test_vectors (void)
{
  g_autofree char *path = test_vector_path ("interpolation.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *vectors, *errors;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));

  vectors = json_object_get_array_member (root, "vectors");
  for (guint v = 0; v < json_array_get_length (vectors); v++)
    {
      JsonObject *vector = json_array_get_object_element (vectors, v);
      gboolean discrete = json_object_get_boolean_member (vector, "is_discrete");
      AxdsDtype xp_type, fp_type, x_type, expected_type;
      gsize n_xp, n_fp, n_x, n_expected;
      g_autofree gpointer xp = NULL, fp = NULL, x = NULL, expected = NULL, result = NULL;

      g_test_message ("case %s", json_object_get_string_member (vector, "case"));
      xp = array_from_json (json_object_get_object_member (vector, "source_coordinates"),
                            &xp_type, &n_xp);
      fp = array_from_json (json_object_get_object_member (vector, "source_values"),
                            &fp_type, &n_fp);
      x = array_from_json (json_object_get_object_member (vector, "target_coordinates"),
                           &x_type, &n_x);
      expected = array_from_json (json_object_get_object_member (vector, "result"),
                                  &expected_type, &n_expected);

      g_assert_cmpint (axds_interpolate_get_result_dtype (fp_type, discrete), ==, expected_type);
      result = g_malloc0 (MAX (n_x, 1) * axds_dtype_get_itemsize (expected_type));
      g_assert_true (axds_interpolate_data (xp_type, xp, n_xp, fp_type, fp, n_fp, x_type, x, n_x,
                                            discrete, result, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (n_x, ==, n_expected);
      /* Bit for bit. */
      g_assert_cmpmem (result, n_x * axds_dtype_get_itemsize (expected_type),
                       expected, n_expected * axds_dtype_get_itemsize (expected_type));
    }

  errors = json_object_get_array_member (root, "errors");
  for (guint e = 0; e < json_array_get_length (errors); e++)
    {
      JsonObject *err = json_array_get_object_element (errors, e);
      gboolean discrete = json_object_get_boolean_member (err, "is_discrete");
      gboolean empty_coords = strcmp (json_object_get_string_member (err, "case"),
                                      "empty_coordinates") == 0;
      double one = 1.0;
      double out = 0;

      g_assert_false (axds_interpolate_data (AXDS_DTYPE_FLOAT64, &one, empty_coords ? 0 : 1,
                                             AXDS_DTYPE_FLOAT64, &one, empty_coords ? 1 : 0,
                                             AXDS_DTYPE_FLOAT64, &one, 1, discrete, &out,
                                             &error));
      g_assert_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT);
      g_assert_cmpstr (error->message, ==, json_object_get_string_member (err, "message"));
      g_clear_error (&error);
    }
}

/* The rules written the slow, obvious way, for comparison. */
static gssize
last_at_or_below (const double *xp,
                  gsize         n,
                  double        x)
{
  gssize j = -1;

  for (gsize i = 0; i < n; i++)
    if (xp[i] <= x)
      j = (gssize) i;
  return j;
}

static double
reference_continuous (const double *xp,
                      const double *fp,
                      gsize         n,
                      double        x)
{
  gssize j;
  double slope, r;

  if (isnan (x))
    return n == 1 ? fp[0] : x;
  if (x < xp[0])
    return fp[0];
  if (x > xp[n - 1])
    return fp[n - 1];
  j = last_at_or_below (xp, n, x);
  if ((gsize) j == n - 1 || xp[j] == x)
    return fp[j];
  slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j]);
  r = slope * (x - xp[j]) + fp[j];
  if (isnan (r))
    {
      r = slope * (x - xp[j + 1]) + fp[j + 1];
      if (isnan (r) && fp[j] == fp[j + 1])
        r = fp[j];
    }
  return r;
}

static gsize
reference_discrete (const double *xp,
                    gsize         n,
                    gsize         n_values,
                    double        x)
{
  gssize j;

  if (isnan (x))
    return n_values - 1;
  if (x < xp[0])
    return 0;
  if (x > xp[n - 1])
    return n_values - 1;
  j = last_at_or_below (xp, n, x);
  return (gsize) CLAMP (j, 0, (gssize) n_values - 1);
}

static double
element_to_double (AxdsDtype     dtype,
                   gconstpointer data,
                   gsize         index)
{
  gsize itemsize = axds_dtype_get_itemsize (dtype);

  return axds_dtype_value_to_double (dtype, (const guint8 *) data + index * itemsize);
}

/* Every pair of real coordinate dtype and value dtype, both modes, against the reference. Values
 * stay small enough that every dtype holds them exactly, so the doubles of the reference are
 * exact too. */
static void
test_every_dtype (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1234);

  for (AxdsDtype cd = AXDS_DTYPE_BOOL; cd < AXDS_DTYPE_LAST; cd++)
    {
      if (axds_dtype_is_complex (cd))
        continue;
      for (AxdsDtype vd = AXDS_DTYPE_BOOL; vd < AXDS_DTYPE_LAST; vd++)
        {
          gsize n = cd == AXDS_DTYPE_BOOL ? 2 : 1 + (gsize) g_rand_int_range (rand, 0, 60);
          gsize n_x = 200;
          gsize cs = axds_dtype_get_itemsize (cd);
          gsize vs = axds_dtype_get_itemsize (vd);
          g_autofree gpointer xp = g_malloc0 (n * cs);
          g_autofree gpointer fp = g_malloc0 (n * vs);
          g_autofree gpointer x = g_malloc0 (n_x * cs);
          g_autofree gpointer discrete = g_malloc0 (n_x * vs);
          g_autofree double *continuous = g_new0 (double, n_x);
          g_autofree double *dxp = g_new0 (double, n);
          g_autofree double *dfp = g_new0 (double, n);
          g_autoptr(GError) error = NULL;
          gint64 c = cd == AXDS_DTYPE_BOOL ? 0 : (axds_dtype_is_integer (cd) &&
                                                   !(cd >= AXDS_DTYPE_UINT8 &&
                                                     cd <= AXDS_DTYPE_UINT64) ? -50 : 0);

          for (gsize i = 0; i < n; i++)
            {
              /* Increasing, with the odd duplicate. */
              store (cd, xp, i, (double) c, c);
              c += cd == AXDS_DTYPE_BOOL ? 1 : g_rand_int_range (rand, 0, 3);
              {
                gint32 value = g_rand_int_range (rand, 0, 100);

                store (vd, fp, i, (double) value, value);
              }
              dxp[i] = element_to_double (cd, xp, i);
              dfp[i] = vd == AXDS_DTYPE_COMPLEX64 ? (double) ((float *) fp)[2 * i]
                     : vd == AXDS_DTYPE_COMPLEX128 ? ((double *) fp)[2 * i]
                     : element_to_double (vd, fp, i);
            }
          for (gsize i = 0; i < n_x; i++)
            {
              gint32 span = (gint32) (dxp[n - 1] - dxp[0]) + 10;
              gint64 t = cd == AXDS_DTYPE_BOOL ? g_rand_int_range (rand, 0, 2)
                                               : (gint64) dxp[0] - 5 +
                                                 g_rand_int_range (rand, 0, span);
              double frac = axds_dtype_is_float (cd) ? 0.25 * g_rand_int_range (rand, 0, 4) : 0;

              if (cd >= AXDS_DTYPE_UINT8 && cd <= AXDS_DTYPE_UINT64 && t < 0)
                t = 0;
              store (cd, x, i, (double) t + frac, t);
            }

          g_assert_true (axds_interpolate_data (cd, xp, n, vd, fp, n, cd, x, n_x, TRUE,
                                                discrete, &error));
          g_assert_no_error (error);
          g_assert_true (axds_interpolate_data (cd, xp, n, vd, fp, n, cd, x, n_x, FALSE,
                                                continuous, &error));
          g_assert_no_error (error);

          for (gsize i = 0; i < n_x; i++)
            {
              double xv = element_to_double (cd, x, i);
              gsize k = reference_discrete (dxp, n, n, xv);
              double want = reference_continuous (dxp, dfp, n, xv);

              g_assert_cmpmem ((guint8 *) discrete + i * vs, vs, (guint8 *) fp + k * vs, vs);
              g_assert_cmpfloat (continuous[i], ==, want);
            }
        }
    }
}

/* Clamping at both ends, single points, NaN targets, unsorted targets and more values than
 * coordinates or fewer (discrete), on float64. */
static void
test_edges (void)
{
  const double xp[] = { 1.0, 2.0, 2.0, 4.0, 8.0 };
  const double fp[] = { 10.0, 20.0, 30.0, 40.0, 80.0 };
  const double x[] = { -1e300, 0.999, 1.0, 1.5, 2.0, 3.0, 8.0, 8.0001, 1e300, NAN, -INFINITY,
                       INFINITY, 5.0, 1.0 };
  const gint16 short_values[] = { 7, 8 };
  double out[G_N_ELEMENTS (x)];
  gint16 short_out[G_N_ELEMENTS (x)];
  double single_out[3];
  const double single_x[] = { 0.0, 5.0, NAN };
  const double one = 5.0, value = 42.0;
  float complex_coords[2] = { 1, 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (axds_interpolate_data (AXDS_DTYPE_FLOAT64, xp, 5, AXDS_DTYPE_FLOAT64, fp, 5,
                                        AXDS_DTYPE_FLOAT64, x, G_N_ELEMENTS (x), FALSE, out,
                                        &error));
  g_assert_no_error (error);
  for (gsize i = 0; i < G_N_ELEMENTS (x); i++)
    {
      double want = reference_continuous (xp, fp, 5, x[i]);

      if (isnan (want))
        g_assert_true (isnan (out[i]));
      else
        g_assert_cmpfloat (out[i], ==, want);
    }
  g_assert_cmpfloat (out[0], ==, 10.0);
  g_assert_cmpfloat (out[4], ==, 30.0);   /* the last of duplicate coordinates */
  g_assert_cmpfloat (out[8], ==, 80.0);

  g_assert_true (axds_interpolate_data (AXDS_DTYPE_FLOAT64, xp, 5, AXDS_DTYPE_FLOAT64, fp, 5,
                                        AXDS_DTYPE_FLOAT64, x, G_N_ELEMENTS (x), TRUE, out,
                                        &error));
  g_assert_no_error (error);
  for (gsize i = 0; i < G_N_ELEMENTS (x); i++)
    g_assert_cmpfloat (out[i], ==, fp[reference_discrete (xp, 5, 5, x[i])]);
  g_assert_cmpfloat (out[9], ==, 80.0);   /* NaN sorts last */

  /* Discrete with fewer values than coordinates: indices clamp to the values. */
  g_assert_true (axds_interpolate_data (AXDS_DTYPE_FLOAT64, xp, 5, AXDS_DTYPE_INT16,
                                        short_values, 2, AXDS_DTYPE_FLOAT64, x,
                                        G_N_ELEMENTS (x), TRUE, short_out, &error));
  g_assert_no_error (error);
  for (gsize i = 0; i < G_N_ELEMENTS (x); i++)
    g_assert_cmpint (short_out[i], ==, short_values[reference_discrete (xp, 5, 2, x[i])]);

  /* A single source point answers everywhere, NaN included (as numpy.interp). */
  g_assert_true (axds_interpolate_data (AXDS_DTYPE_FLOAT64, &one, 1, AXDS_DTYPE_FLOAT64, &value,
                                        1, AXDS_DTYPE_FLOAT64, single_x, 3, FALSE, single_out,
                                        &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpfloat (single_out[i], ==, 42.0);

  /* No targets: nothing to do. */
  g_assert_true (axds_interpolate_data (AXDS_DTYPE_FLOAT64, xp, 5, AXDS_DTYPE_FLOAT64, fp, 5,
                                        AXDS_DTYPE_FLOAT64, NULL, 0, FALSE, NULL, &error));
  g_assert_no_error (error);

  /* Continuous needs one value per coordinate; coordinates must be real. */
  g_assert_false (axds_interpolate_data (AXDS_DTYPE_FLOAT64, xp, 5, AXDS_DTYPE_FLOAT64, fp, 4,
                                         AXDS_DTYPE_FLOAT64, x, 1, FALSE, out, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (axds_interpolate_data (AXDS_DTYPE_COMPLEX64, complex_coords, 1,
                                         AXDS_DTYPE_FLOAT64, fp, 1, AXDS_DTYPE_FLOAT64, x, 1,
                                         TRUE, out, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT);
}

/* Many points, sorted and shuffled targets, mixed coordinate dtypes: same as the reference. */
static void
test_large_and_mixed (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (99);
  const gsize n = 2000, n_x = 6000;
  g_autofree gint64 *xp = g_new (gint64, n);
  g_autofree double *dxp = g_new (double, n);
  g_autofree double *fp = g_new (double, n);
  g_autofree guint32 *x = g_new (guint32, n_x);
  g_autofree double *out = g_new (double, n_x);
  g_autofree double *disc = g_new (double, n_x);
  g_autoptr(GError) error = NULL;
  gint64 c = 0;

  for (gsize i = 0; i < n; i++)
    {
      xp[i] = c;
      dxp[i] = (double) c;
      fp[i] = g_rand_double_range (rand, -1e6, 1e6);
      c += g_rand_int_range (rand, 0, 20);
    }
  for (gsize i = 0; i < n_x; i++)
    x[i] = (guint32) g_rand_int_range (rand, 0, (gint32) c + 100);
  /* The first half sorted, the rest in random order. */
  for (gsize i = 1; i < n_x / 2; i++)
    for (gsize k = i; k > 0 && x[k - 1] > x[k]; k--)
      {
        guint32 tmp = x[k];
        x[k] = x[k - 1];
        x[k - 1] = tmp;
      }

  g_assert_true (axds_interpolate_data (AXDS_DTYPE_INT64, xp, n, AXDS_DTYPE_FLOAT64, fp, n,
                                        AXDS_DTYPE_UINT32, x, n_x, FALSE, out, &error));
  g_assert_no_error (error);
  g_assert_true (axds_interpolate_data (AXDS_DTYPE_INT64, xp, n, AXDS_DTYPE_FLOAT64, fp, n,
                                        AXDS_DTYPE_UINT32, x, n_x, TRUE, disc, &error));
  g_assert_no_error (error);
  for (gsize i = 0; i < n_x; i++)
    {
      g_assert_cmpfloat (out[i], ==, reference_continuous (dxp, fp, n, (double) x[i]));
      g_assert_cmpfloat (disc[i], ==, fp[reference_discrete (dxp, n, n, (double) x[i])]);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/axds/interpolate/vectors", test_vectors);
  g_test_add_func ("/axds/interpolate/every-dtype", test_every_dtype);
  g_test_add_func ("/axds/interpolate/edges", test_edges);
  g_test_add_func ("/axds/interpolate/large-and-mixed", test_large_and_mixed);

  return g_test_run ();
}

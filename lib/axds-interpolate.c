/* axds-interpolate.c — aligning time series: discrete and linear interpolation
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * Results must equal NumPy's bit for bit, so the continuous case follows numpy.interp's own
 * arithmetic: every input converted to float64, the same bracketing index (see DEFINE_FIND),
 * and the value computed as slope * (x - xp[j]) + fp[j] with its NaN fallbacks. The discrete
 * case is searchsorted(side="right") - 1, clamped, with NumPy's order for NaN (after every
 * number). Targets are converted in small chunks, so memory stays bounded by the sources
 * whatever the number of targets.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "axds-error.h"
#include "axds-i18n-private.h"
#include "axds-interpolate.h"

/* Targets converted at a time: fits in L1 with its results. */
#define CHUNK 1024

typedef enum
{
  KIND_I64,
  KIND_U64,
  KIND_F64,
} CompareKind;

/* Converts @n elements of @dtype starting at element @offset into @out (of the given kind). */
#define DEFINE_CONVERT(NAME, OUT_T)                                                             \
static void                                                                                     \
NAME (AxdsDtype     dtype,                                                                      \
      gconstpointer data,                                                                       \
      gsize         offset,                                                                     \
      gsize         n,                                                                          \
      OUT_T        *out)                                                                        \
{                                                                                               \
  switch (dtype)                                                                                \
    {                                                                                           \
    case AXDS_DTYPE_BOOL:                                                                       \
    case AXDS_DTYPE_UINT8:                                                                      \
      for (gsize i = 0; i < n; i++) out[i] = (OUT_T) ((const guint8 *) data)[offset + i];       \
      break;                                                                                    \
    case AXDS_DTYPE_INT8:                                                                       \
      for (gsize i = 0; i < n; i++) out[i] = (OUT_T) ((const gint8 *) data)[offset + i];        \
      break;                                                                                    \
    case AXDS_DTYPE_INT16:                                                                      \
      for (gsize i = 0; i < n; i++) out[i] = (OUT_T) ((const gint16 *) data)[offset + i];       \
      break;                                                                                    \
    case AXDS_DTYPE_UINT16:                                                                     \
      for (gsize i = 0; i < n; i++) out[i] = (OUT_T) ((const guint16 *) data)[offset + i];      \
      break;                                                                                    \
    case AXDS_DTYPE_INT32:                                                                      \
      for (gsize i = 0; i < n; i++) out[i] = (OUT_T) ((const gint32 *) data)[offset + i];       \
      break;                                                                                    \
    case AXDS_DTYPE_UINT32:                                                                     \
      for (gsize i = 0; i < n; i++) out[i] = (OUT_T) ((const guint32 *) data)[offset + i];      \
      break;                                                                                    \
    case AXDS_DTYPE_INT64:                                                                      \
      for (gsize i = 0; i < n; i++) out[i] = (OUT_T) ((const gint64 *) data)[offset + i];       \
      break;                                                                                    \
    case AXDS_DTYPE_UINT64:                                                                     \
      for (gsize i = 0; i < n; i++) out[i] = (OUT_T) ((const guint64 *) data)[offset + i];      \
      break;                                                                                    \
    case AXDS_DTYPE_FLOAT32:                                                                    \
      for (gsize i = 0; i < n; i++) out[i] = (OUT_T) ((const float *) data)[offset + i];        \
      break;                                                                                    \
    case AXDS_DTYPE_FLOAT64:                                                                    \
      for (gsize i = 0; i < n; i++) out[i] = (OUT_T) ((const double *) data)[offset + i];       \
      break;                                                                                    \
    /* Complex: the real part, as NumPy's astype(float64) keeps (with a ComplexWarning). */     \
    case AXDS_DTYPE_COMPLEX64:                                                                  \
      for (gsize i = 0; i < n; i++) out[i] = (OUT_T) ((const float *) data)[2 * (offset + i)];  \
      break;                                                                                    \
    case AXDS_DTYPE_COMPLEX128:                                                                 \
      for (gsize i = 0; i < n; i++) out[i] = (OUT_T) ((const double *) data)[2 * (offset + i)]; \
      break;                                                                                    \
    case AXDS_DTYPE_INVALID:                                                                    \
    case AXDS_DTYPE_LAST:                                                                       \
    default:                                                                                    \
      g_assert_not_reached ();                                                                  \
    }                                                                                           \
}

DEFINE_CONVERT (convert_f64, double)
DEFINE_CONVERT (convert_i64, gint64)
DEFINE_CONVERT (convert_u64, guint64)

/* The largest j with arr[j] <= key, for arr[0] <= key <= arr[len - 1] (callers clamp first):
 * NumPy's searchsorted(side="right") - 1, which is also the bracket numpy.interp's search finds
 * in an increasing array. Sorted targets land at or just after the previous answer, so those
 * two places are tried first (O(1) per target); anything else is a branch-free bisection whose
 * loads are prefetched one level ahead, which random targets over large sources need: there the
 * cost is cache misses, not comparisons. */
#define DEFINE_FIND(NAME, T)                                                                    \
static inline gssize                                                                            \
NAME (T        key,                                                                             \
      const T *arr,                                                                             \
      gssize   len,                                                                             \
      gssize   guess)                                                                           \
{                                                                                               \
  const T *base = arr;                                                                          \
  gsize n = (gsize) len;                                                                        \
                                                                                                \
  if (guess < len - 1 && arr[guess] <= key)                                                     \
    {                                                                                           \
      if (key < arr[guess + 1])                                                                 \
        return guess;                                                                           \
      if (guess + 2 >= len || key < arr[guess + 2])                                             \
        return guess + 1;                                                                       \
    }                                                                                           \
                                                                                                \
  while (n > 1)                                                                                 \
    {                                                                                           \
      gsize half = n >> 1;                                                                      \
                                                                                                \
      __builtin_prefetch (base + half / 2);                                                     \
      __builtin_prefetch (base + half + half / 2);                                              \
      base = base[half] <= key ? base + half : base;                                            \
      n -= half;                                                                                \
    }                                                                                           \
  return base - arr;                                                                            \
}

DEFINE_FIND (find_f64, double)
DEFINE_FIND (find_i64, gint64)
DEFINE_FIND (find_u64, guint64)

/* The discrete rule over one chunk: indices into the values, clamped to them. NaN keys (floats
 * only) sort after every number in NumPy, so they take the last value. */
#define DEFINE_DISCRETE(NAME, T, FIND, IS_NAN)                                                  \
static void                                                                                     \
NAME (const T  *xp,                                                                             \
      gssize    lenxp,                                                                          \
      gssize    n_values,                                                                       \
      const T  *x,                                                                              \
      gsize     n,                                                                              \
      gssize   *guess,                                                                          \
      gsize    *indices)                                                                        \
{                                                                                               \
  gssize j = *guess;                                                                            \
                                                                                                \
  for (gsize i = 0; i < n; i++)                                                                 \
    {                                                                                           \
      const T key = x[i];                                                                       \
      gssize index;                                                                             \
                                                                                                \
      if (IS_NAN (key))                                                                         \
        index = n_values - 1;                                                                   \
      else if (key < xp[0])                                                                     \
        index = 0;                                                                              \
      else if (key > xp[lenxp - 1])                                                             \
        index = n_values - 1;                                                                   \
      else                                                                                      \
        {                                                                                       \
          j = FIND (key, xp, lenxp, j);                                                         \
          index = MIN (j, n_values - 1);                                                        \
        }                                                                                       \
      indices[i] = (gsize) index;                                                               \
    }                                                                                           \
  *guess = j;                                                                                   \
}

#define NEVER_NAN(v) ((void) (v), FALSE)

DEFINE_DISCRETE (discrete_f64, double, find_f64, isnan)
DEFINE_DISCRETE (discrete_i64, gint64, find_i64, NEVER_NAN)
DEFINE_DISCRETE (discrete_u64, guint64, find_u64, NEVER_NAN)

/* numpy.interp over one chunk (lenxp >= 2). */
static void
continuous_chunk (const double *dx,
                  const double *dy,
                  gssize        lenxp,
                  const double *x,
                  gsize         n,
                  gssize       *guess,
                  double       *out)
{
  const double lval = dy[0];
  const double rval = dy[lenxp - 1];
  gssize j = *guess;

  for (gsize i = 0; i < n; i++)
    {
      const double x_val = x[i];

      if (isnan (x_val))
        {
          out[i] = x_val;
          continue;
        }

      if (x_val < dx[0])
        {
          out[i] = lval;
          continue;
        }
      if (x_val > dx[lenxp - 1])
        {
          out[i] = rval;
          continue;
        }
      j = find_f64 (x_val, dx, lenxp, j);
      if (j == lenxp - 1)
        out[i] = dy[j];
      else if (dx[j] == x_val)
        out[i] = dy[j];   /* exact hit: avoids a non-finite slope */
      else
        {
          const double slope = (dy[j + 1] - dy[j]) / (dx[j + 1] - dx[j]);

          out[i] = slope * (x_val - dx[j]) + dy[j];
          /* If we get NaN from one side, try the other (as NumPy does). */
          if (G_UNLIKELY (isnan (out[i])))
            {
              out[i] = slope * (x_val - dx[j + 1]) + dy[j + 1];
              if (G_UNLIKELY (isnan (out[i])) && dy[j] == dy[j + 1])
                out[i] = dy[j];
            }
        }
    }
  *guess = j;
}

static gboolean
is_real_dtype (AxdsDtype dtype)
{
  return dtype > AXDS_DTYPE_INVALID && dtype < AXDS_DTYPE_LAST && !axds_dtype_is_complex (dtype);
}

static gboolean
is_signed_int (AxdsDtype dtype)
{
  return dtype == AXDS_DTYPE_INT8 || dtype == AXDS_DTYPE_INT16 || dtype == AXDS_DTYPE_INT32 ||
         dtype == AXDS_DTYPE_INT64;
}

/* How NumPy compares two coordinate arrays: in their common type. Integers of one signedness
 * widen losslessly to 64 bits; int64 with uint64 and anything with a float go through
 * float64, as NumPy's promotion does. */
static CompareKind
compare_kind (AxdsDtype a,
              AxdsDtype b)
{
  gboolean a_int = !axds_dtype_is_float (a);
  gboolean b_int = !axds_dtype_is_float (b);

  if (!a_int || !b_int)
    return KIND_F64;
  if (is_signed_int (a) == is_signed_int (b))
    return is_signed_int (a) ? KIND_I64 : KIND_U64;
  /* Mixed signedness: int64 holds every unsigned type narrower than 64 bits. */
  if ((!is_signed_int (a) && axds_dtype_get_itemsize (a) == 8) ||
      (!is_signed_int (b) && axds_dtype_get_itemsize (b) == 8))
    return KIND_F64;
  return KIND_I64;
}

static inline void
copy_values (guint8       *dst,
             const guint8 *src,
             const gsize  *indices,
             gsize         n,
             gsize         itemsize)
{
  /* Constant sizes let the compiler turn each memcpy into one move. */
  switch (itemsize)
    {
    case 1:
      for (gsize i = 0; i < n; i++) dst[i] = src[indices[i]];
      break;
    case 2:
      for (gsize i = 0; i < n; i++) memcpy (dst + 2 * i, src + 2 * indices[i], 2);
      break;
    case 4:
      for (gsize i = 0; i < n; i++) memcpy (dst + 4 * i, src + 4 * indices[i], 4);
      break;
    case 8:
      for (gsize i = 0; i < n; i++) memcpy (dst + 8 * i, src + 8 * indices[i], 8);
      break;
    case 16:
      for (gsize i = 0; i < n; i++) memcpy (dst + 16 * i, src + 16 * indices[i], 16);
      break;
    default:
      g_assert_not_reached ();
    }
}

/**
 * axds_interpolate_get_result_dtype:
 * @source_values_dtype: the dtype of the source values
 * @is_discrete: whether the data is discrete
 *
 * Returns: the dtype of axds_interpolate_data()'s result: the values' own for discrete data,
 *   %AXDS_DTYPE_FLOAT64 for continuous data
 */
AxdsDtype
axds_interpolate_get_result_dtype (AxdsDtype source_values_dtype,
                                   gboolean  is_discrete)
{
  return is_discrete ? source_values_dtype : AXDS_DTYPE_FLOAT64;
}

/**
 * axds_interpolate_data: (skip)
 * @source_coordinates_dtype: dtype of @source_coordinates (real: integer, bool or float)
 * @source_coordinates: (array length=n_source_coordinates): increasing coordinates
 * @n_source_coordinates: their number
 * @source_values_dtype: dtype of @source_values (any)
 * @source_values: (array length=n_source_values): the value at each source coordinate
 * @n_source_values: their number
 * @target_coordinates_dtype: dtype of @target_coordinates (real)
 * @target_coordinates: (array length=n_target_coordinates): where to interpolate, in any order
 * @n_target_coordinates: their number
 * @is_discrete: how to interpolate
 * @result: (out caller-allocates): @n_target_coordinates elements of the dtype given by
 *   axds_interpolate_get_result_dtype()
 * @error: return location for an error
 *
 * Interpolates time series as ataraxis-data-structures' `interpolate_data()` does.
 *
 * Continuous data is interpolated linearly exactly as `numpy.interp` (all inputs converted to
 * float64, clamped to the first and last value outside the source range), giving float64;
 * @n_source_values must equal @n_source_coordinates. Discrete data takes, for each target, the
 * last value at or to the left of it: the index `searchsorted(side="right") - 1`, clamped to
 * the values, and the first or last value below or above the source range; the result has the
 * values' dtype.
 *
 * Its buffers hold elements of the dtypes given with them, which introspection cannot
 * describe: bindings reach it through their own wrapper.
 *
 * Empty sources are an %AXDS_ERROR_INVALID_ARGUMENT error, as are complex coordinates.
 *
 * Returns: %TRUE on success
 */
gboolean
axds_interpolate_data (AxdsDtype      source_coordinates_dtype,
                       gconstpointer  source_coordinates,
                       gsize          n_source_coordinates,
                       AxdsDtype      source_values_dtype,
                       gconstpointer  source_values,
                       gsize          n_source_values,
                       AxdsDtype      target_coordinates_dtype,
                       gconstpointer  target_coordinates,
                       gsize          n_target_coordinates,
                       gboolean       is_discrete,
                       gpointer       result,
                       GError       **error)
{
  g_return_val_if_fail (source_coordinates != NULL || n_source_coordinates == 0, FALSE);
  g_return_val_if_fail (source_values != NULL || n_source_values == 0, FALSE);
  g_return_val_if_fail (target_coordinates != NULL || n_target_coordinates == 0, FALSE);
  g_return_val_if_fail (result != NULL || n_target_coordinates == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!is_real_dtype (source_coordinates_dtype) || !is_real_dtype (target_coordinates_dtype))
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                   _("Unable to interpolate the data values at the requested coordinates. The "
                     "coordinates must be real numbers, but got %s source and %s target "
                     "coordinates."), axds_dtype_get_name (source_coordinates_dtype),
                   axds_dtype_get_name (target_coordinates_dtype));
      return FALSE;
    }
  if (source_values_dtype <= AXDS_DTYPE_INVALID || source_values_dtype >= AXDS_DTYPE_LAST)
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                   _("Unable to interpolate the data values at the requested coordinates. The "
                     "source values have no valid dtype."));
      return FALSE;
    }
  if (n_source_coordinates == 0 || n_source_values == 0)
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                   _("Unable to interpolate the data values at the requested coordinates. The "
                     "'source_coordinates' and 'source_values' arguments must each hold at least "
                     "one element, but got %zu coordinate(s) and %zu value(s)."),
                   n_source_coordinates, n_source_values);
      return FALSE;
    }
  if (n_source_coordinates > G_MAXSSIZE / 2 || n_source_values > G_MAXSSIZE / 2)
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                   _("Unable to interpolate: the source arrays are too large"));
      return FALSE;
    }

  if (is_discrete)
    {
      CompareKind kind = compare_kind (source_coordinates_dtype, target_coordinates_dtype);
      gsize itemsize = axds_dtype_get_itemsize (source_values_dtype);
      g_autofree gpointer xp = NULL;
      gsize indices[CHUNK];
      gssize guess = 0;

      /* 8 bytes per element whatever the kind; converted once, searched many times. */
      xp = g_malloc (n_source_coordinates * 8);
      if (kind == KIND_F64)
        convert_f64 (source_coordinates_dtype, source_coordinates, 0, n_source_coordinates, xp);
      else if (kind == KIND_I64)
        convert_i64 (source_coordinates_dtype, source_coordinates, 0, n_source_coordinates, xp);
      else
        convert_u64 (source_coordinates_dtype, source_coordinates, 0, n_source_coordinates, xp);

      for (gsize start = 0; start < n_target_coordinates; start += CHUNK)
        {
          gsize n = MIN (CHUNK, n_target_coordinates - start);
          union { double f[CHUNK]; gint64 i[CHUNK]; guint64 u[CHUNK]; } x;

          switch (kind)
            {
            case KIND_F64:
              convert_f64 (target_coordinates_dtype, target_coordinates, start, n, x.f);
              discrete_f64 (xp, (gssize) n_source_coordinates, (gssize) n_source_values, x.f,
                            n, &guess, indices);
              break;
            case KIND_I64:
              convert_i64 (target_coordinates_dtype, target_coordinates, start, n, x.i);
              discrete_i64 (xp, (gssize) n_source_coordinates, (gssize) n_source_values, x.i,
                            n, &guess, indices);
              break;
            case KIND_U64:
            default:
              convert_u64 (target_coordinates_dtype, target_coordinates, start, n, x.u);
              discrete_u64 (xp, (gssize) n_source_coordinates, (gssize) n_source_values, x.u,
                            n, &guess, indices);
              break;
            }
          copy_values ((guint8 *) result + start * itemsize, source_values, indices, n,
                       itemsize);
        }
      return TRUE;
    }

  if (n_source_values != n_source_coordinates)
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                   _("Unable to interpolate the data values at the requested coordinates: "
                     "continuous interpolation needs one value per source coordinate, but got "
                     "%zu coordinate(s) and %zu value(s)."),
                   n_source_coordinates, n_source_values);
      return FALSE;
    }

  {
    g_autofree double *dx_owned = NULL;
    g_autofree double *dy_owned = NULL;
    const double *dx = source_coordinates;
    const double *dy = source_values;
    double *out = result;
    gssize lenxp = (gssize) n_source_coordinates;
    gssize guess = 0;
    double x[CHUNK];

    if (source_coordinates_dtype != AXDS_DTYPE_FLOAT64)
      {
        dx_owned = g_new (double, n_source_coordinates);
        convert_f64 (source_coordinates_dtype, source_coordinates, 0, n_source_coordinates,
                     dx_owned);
        dx = dx_owned;
      }
    if (source_values_dtype != AXDS_DTYPE_FLOAT64)
      {
        dy_owned = g_new (double, n_source_values);
        convert_f64 (source_values_dtype, source_values, 0, n_source_values, dy_owned);
        dy = dy_owned;
      }

    for (gsize start = 0; start < n_target_coordinates; start += CHUNK)
      {
        gsize n = MIN (CHUNK, n_target_coordinates - start);
        const double *xs = x;

        if (target_coordinates_dtype == AXDS_DTYPE_FLOAT64)
          xs = (const double *) target_coordinates + start;
        else
          convert_f64 (target_coordinates_dtype, target_coordinates, start, n, x);

        if (lenxp == 1)
          {
            /* NumPy's single-point case: below, above and at the point all give fp[0], NaN
             * included (a NaN compares neither below nor above). */
            for (gsize i = 0; i < n; i++)
              out[start + i] = dy[0];
          }
        else
          continuous_chunk (dx, dy, lenxp, xs, n, &guess, out + start);
      }
  }
  return TRUE;
}

/* axds-cli-values.c — printing array values as text and JSON, and summary statistics
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "axds-cli-values.h"

/*
 * JSON has no NaN, no infinities and, in json-glib, no integers beyond gint64. The choices:
 *   - bool → true/false, integers → JSON integers, floats → JSON numbers (like numpy's tolist());
 *   - NaN, +inf and -inf → null;
 *   - uint64 values above G_MAXINT64 → a string of their decimal digits, so they stay exact
 *     (a JSON number would have to go through a double and lose the low bits);
 *   - complex numbers → [real, imag] pairs.
 */

typedef union
{
  guint8  b;
  gint8   i8;
  gint16  i16;
  gint32  i32;
  gint64  i64;
  guint8  u8;
  guint16 u16;
  guint32 u32;
  guint64 u64;
  float   f32;
  double  f64;
  float   c64[2];
  double  c128[2];
} Element;

/* Elements may sit at any alignment in a buffer: always copy them out. */
static inline void
element_load (Element       *v,
              AxdsDtype      dtype,
              gconstpointer  element)
{
  memcpy (v, element, axds_dtype_get_itemsize (dtype));
}

static void
add_double_or_null (JsonBuilder *builder,
                    double       value)
{
  if (isfinite (value))
    json_builder_add_double_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/**
 * axds_cli_element_add_json:
 * @builder: a builder expecting a value
 * @dtype: the element type
 * @element: one element
 *
 * Adds one element as described at the top of this file.
 */
void
axds_cli_element_add_json (JsonBuilder   *builder,
                           AxdsDtype      dtype,
                           gconstpointer  element)
{
  Element v;

  element_load (&v, dtype, element);
  switch (dtype)
    {
    case AXDS_DTYPE_BOOL:
      json_builder_add_boolean_value (builder, v.b != 0);
      break;
    case AXDS_DTYPE_INT8:
      json_builder_add_int_value (builder, v.i8);
      break;
    case AXDS_DTYPE_INT16:
      json_builder_add_int_value (builder, v.i16);
      break;
    case AXDS_DTYPE_INT32:
      json_builder_add_int_value (builder, v.i32);
      break;
    case AXDS_DTYPE_INT64:
      json_builder_add_int_value (builder, v.i64);
      break;
    case AXDS_DTYPE_UINT8:
      json_builder_add_int_value (builder, v.u8);
      break;
    case AXDS_DTYPE_UINT16:
      json_builder_add_int_value (builder, v.u16);
      break;
    case AXDS_DTYPE_UINT32:
      json_builder_add_int_value (builder, v.u32);
      break;
    case AXDS_DTYPE_UINT64:
      if (v.u64 <= (guint64) G_MAXINT64)
        json_builder_add_int_value (builder, (gint64) v.u64);
      else
        {
          char digits[24];

          g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, v.u64);
          json_builder_add_string_value (builder, digits);
        }
      break;
    case AXDS_DTYPE_FLOAT32:
      add_double_or_null (builder, v.f32);
      break;
    case AXDS_DTYPE_FLOAT64:
      add_double_or_null (builder, v.f64);
      break;
    case AXDS_DTYPE_COMPLEX64:
      json_builder_begin_array (builder);
      add_double_or_null (builder, v.c64[0]);
      add_double_or_null (builder, v.c64[1]);
      json_builder_end_array (builder);
      break;
    case AXDS_DTYPE_COMPLEX128:
      json_builder_begin_array (builder);
      add_double_or_null (builder, v.c128[0]);
      add_double_or_null (builder, v.c128[1]);
      json_builder_end_array (builder);
      break;
    case AXDS_DTYPE_INVALID:
    case AXDS_DTYPE_LAST:
    default:
      json_builder_add_null_value (builder);
      break;
    }
}

static void
add_block_json (JsonBuilder   *builder,
                AxdsDtype      dtype,
                guint          ndim,
                const guint64 *shape,
                const guint64 *strides,
                const guint8  *data,
                guint          axis,
                guint64        base)
{
  gsize itemsize = axds_dtype_get_itemsize (dtype);

  json_builder_begin_array (builder);
  for (guint64 i = 0; i < shape[axis]; i++)
    {
      if (axis + 1 == ndim)
        axds_cli_element_add_json (builder, dtype, data + (base + i) * itemsize);
      else
        add_block_json (builder, dtype, ndim, shape, strides, data, axis + 1,
                        base + i * strides[axis]);
    }
  json_builder_end_array (builder);
}

static void
compute_strides (guint          ndim,
                 const guint64 *shape,
                 guint64        strides[AXDS_MAX_DIMS])
{
  guint64 stride = 1;

  for (guint i = ndim; i > 0; i--)
    {
      strides[i - 1] = stride;
      stride *= shape[i - 1];
    }
}

/**
 * axds_cli_values_add_json:
 * @builder: a builder expecting a value
 * @dtype: the element type
 * @ndim: number of dimensions, 1 to %AXDS_MAX_DIMS
 * @shape: the dimensions
 * @data: the elements in C order
 *
 * Adds the array as nested lists, as numpy's `tolist()` makes them.
 */
void
axds_cli_values_add_json (JsonBuilder   *builder,
                          AxdsDtype      dtype,
                          guint          ndim,
                          const guint64 *shape,
                          gconstpointer  data)
{
  guint64 strides[AXDS_MAX_DIMS];

  g_return_if_fail (ndim >= 1 && ndim <= AXDS_MAX_DIMS);

  compute_strides (ndim, shape, strides);
  add_block_json (builder, dtype, ndim, shape, strides, data, 0, 0);
}

/* Orders two elements as NumPy's min/max do; complex numbers lexicographically. NaNs are dealt
 * with before this is called. */
static int
element_compare (AxdsDtype      dtype,
                 const Element *a,
                 const Element *b)
{
#define CMP(x, y) ((x) < (y) ? -1 : (x) > (y) ? 1 : 0)
  switch (dtype)
    {
    case AXDS_DTYPE_BOOL:       return CMP (a->b != 0, b->b != 0);
    case AXDS_DTYPE_INT8:       return CMP (a->i8, b->i8);
    case AXDS_DTYPE_INT16:      return CMP (a->i16, b->i16);
    case AXDS_DTYPE_INT32:      return CMP (a->i32, b->i32);
    case AXDS_DTYPE_INT64:      return CMP (a->i64, b->i64);
    case AXDS_DTYPE_UINT8:      return CMP (a->u8, b->u8);
    case AXDS_DTYPE_UINT16:     return CMP (a->u16, b->u16);
    case AXDS_DTYPE_UINT32:     return CMP (a->u32, b->u32);
    case AXDS_DTYPE_UINT64:     return CMP (a->u64, b->u64);
    case AXDS_DTYPE_FLOAT32:    return CMP (a->f32, b->f32);
    case AXDS_DTYPE_FLOAT64:    return CMP (a->f64, b->f64);
    case AXDS_DTYPE_COMPLEX64:
      return a->c64[0] != b->c64[0] ? CMP (a->c64[0], b->c64[0]) : CMP (a->c64[1], b->c64[1]);
    case AXDS_DTYPE_COMPLEX128:
      return a->c128[0] != b->c128[0] ? CMP (a->c128[0], b->c128[0])
                                       : CMP (a->c128[1], b->c128[1]);
    case AXDS_DTYPE_INVALID:
    case AXDS_DTYPE_LAST:
    default:
      return 0;
    }
#undef CMP
}

static gboolean
element_is_nan (AxdsDtype      dtype,
                const Element *v)
{
  switch (dtype)
    {
    case AXDS_DTYPE_FLOAT32:    return isnan (v->f32);
    case AXDS_DTYPE_FLOAT64:    return isnan (v->f64);
    case AXDS_DTYPE_COMPLEX64:  return isnan (v->c64[0]) || isnan (v->c64[1]);
    case AXDS_DTYPE_COMPLEX128: return isnan (v->c128[0]) || isnan (v->c128[1]);
    case AXDS_DTYPE_INVALID:
    case AXDS_DTYPE_BOOL:
    case AXDS_DTYPE_INT8:
    case AXDS_DTYPE_INT16:
    case AXDS_DTYPE_INT32:
    case AXDS_DTYPE_INT64:
    case AXDS_DTYPE_UINT8:
    case AXDS_DTYPE_UINT16:
    case AXDS_DTYPE_UINT32:
    case AXDS_DTYPE_UINT64:
    case AXDS_DTYPE_LAST:
    default:
      return FALSE;
    }
}

/**
 * axds_cli_stats_compute:
 * @dtype: the element type
 * @data: the elements
 * @n_elements: how many, at least 1
 * @stats: (out caller-allocates): the result
 *
 * Computes min, max and mean the NumPy way: a NaN makes all three NaN.
 */
void
axds_cli_stats_compute (AxdsDtype      dtype,
                        gconstpointer  data,
                        guint64        n_elements,
                        AxdsCliStats  *stats)
{
  gsize itemsize = axds_dtype_get_itemsize (dtype);
  const guint8 *p = data;
  gboolean complex = axds_dtype_is_complex (dtype);
  long double sum = 0.0L;
  long double sum_imag = 0.0L;
  Element min, max;

  memset (stats, 0, sizeof *stats);
  g_return_if_fail (n_elements > 0 && itemsize > 0);

  element_load (&min, dtype, p);
  max = min;

  for (guint64 i = 0; i < n_elements; i++)
    {
      Element v;

      element_load (&v, dtype, p + i * itemsize);
      if (element_is_nan (dtype, &v))
        {
          stats->has_nan = TRUE;
          break;
        }
      if (element_compare (dtype, &v, &min) < 0)
        min = v;
      if (element_compare (dtype, &v, &max) > 0)
        max = v;

      if (dtype == AXDS_DTYPE_COMPLEX64)
        {
          sum += v.c64[0];
          sum_imag += v.c64[1];
        }
      else if (dtype == AXDS_DTYPE_COMPLEX128)
        {
          sum += v.c128[0];
          sum_imag += v.c128[1];
        }
      else if (dtype == AXDS_DTYPE_UINT64)
        sum += v.u64;  /* exact in long double, unlike through a double */
      else if (dtype == AXDS_DTYPE_INT64)
        sum += v.i64;
      else
        sum += axds_dtype_value_to_double (dtype, &v);
    }

  if (stats->has_nan)
    {
      stats->mean = NAN;
      stats->mean_imag = complex ? NAN : 0.0;
      return;
    }

  memcpy (stats->min, &min, itemsize);
  memcpy (stats->max, &max, itemsize);
  stats->mean = (double) (sum / (long double) n_elements);
  stats->mean_imag = (double) (sum_imag / (long double) n_elements);
}

/**
 * axds_cli_stats_add_json:
 * @builder: a builder inside an object
 * @dtype: the element type
 * @stats: what axds_cli_stats_compute() found
 *
 * Adds the members `min`, `max` (elements, written like values) and `mean` (a number, or a
 * [real, imag] pair for complex dtypes; null when NaN or infinite).
 */
void
axds_cli_stats_add_json (JsonBuilder        *builder,
                         AxdsDtype           dtype,
                         const AxdsCliStats *stats)
{
  json_builder_set_member_name (builder, "min");
  if (stats->has_nan)
    json_builder_add_null_value (builder);
  else
    axds_cli_element_add_json (builder, dtype, stats->min);

  json_builder_set_member_name (builder, "max");
  if (stats->has_nan)
    json_builder_add_null_value (builder);
  else
    axds_cli_element_add_json (builder, dtype, stats->max);

  json_builder_set_member_name (builder, "mean");
  if (axds_dtype_is_complex (dtype))
    {
      json_builder_begin_array (builder);
      add_double_or_null (builder, stats->mean);
      add_double_or_null (builder, stats->mean_imag);
      json_builder_end_array (builder);
    }
  else
    add_double_or_null (builder, stats->mean);
}

/**
 * axds_cli_stats_format:
 * @dtype: the element type
 * @stats: what axds_cli_stats_compute() found
 *
 * Returns: (transfer full): `min 0, max 4095, mean 1021.5`
 */
char *
axds_cli_stats_format (AxdsDtype           dtype,
                       const AxdsCliStats *stats)
{
  g_autofree char *min = NULL;
  g_autofree char *max = NULL;
  g_autofree char *mean = NULL;

  if (stats->has_nan)
    return g_strdup (_("min nan, max nan, mean nan"));

  min = axds_dtype_format_value (dtype, stats->min);
  max = axds_dtype_format_value (dtype, stats->max);
  if (axds_dtype_is_complex (dtype))
    {
      double c[2] = { stats->mean, stats->mean_imag };

      mean = axds_dtype_format_value (AXDS_DTYPE_COMPLEX128, c);
    }
  else
    mean = axds_dtype_format_value (AXDS_DTYPE_FLOAT64, &stats->mean);

  return g_strdup_printf (_("min %s, max %s, mean %s"), min, max, mean);
}

/*
 * Text output follows numpy's str(): nested brackets, elements right-aligned to a common width,
 * rows wrapped at 75 columns, sub-arrays separated by one newline per remaining dimension. When
 * summarising, each axis longer than 2 × EDGE_ITEMS shows its first and last EDGE_ITEMS entries
 * around "...".
 */
#define EDGE_ITEMS 3
#define LINE_WIDTH 75
#define GAP        G_MAXUINT64

typedef struct
{
  AxdsDtype      dtype;
  gsize          itemsize;
  guint          ndim;
  const guint64 *shape;
  guint64        strides[AXDS_MAX_DIMS];
  const guint8  *data;
  gboolean       summarise;
  guint          width;
  GString       *out;
} Printer;

static guint64
axis_count (const Printer *pr,
            guint          axis)
{
  if (pr->summarise && pr->shape[axis] > 2 * EDGE_ITEMS)
    return 2 * EDGE_ITEMS + 1;
  return pr->shape[axis];
}

/* The index shown at position @k of an axis, or GAP for the "..." between the edges. */
static guint64
axis_position (const Printer *pr,
               guint          axis,
               guint64        k)
{
  guint64 n = pr->shape[axis];

  if (!pr->summarise || n <= 2 * EDGE_ITEMS || k < EDGE_ITEMS)
    return k;
  if (k == EDGE_ITEMS)
    return GAP;
  return n - (2 * EDGE_ITEMS + 1 - k);
}

static char *
format_element (const Printer *pr,
                guint64        flat_index)
{
  return axds_dtype_format_value (pr->dtype, pr->data + flat_index * pr->itemsize);
}

static void
measure_block (Printer *pr,
               guint    axis,
               guint64  base)
{
  for (guint64 k = 0; k < axis_count (pr, axis); k++)
    {
      guint64 i = axis_position (pr, axis, k);

      if (i == GAP)
        continue;
      if (axis + 1 == pr->ndim)
        {
          g_autofree char *text = format_element (pr, base + i);
          pr->width = MAX (pr->width, (guint) strlen (text));
        }
      else
        measure_block (pr, axis + 1, base + i * pr->strides[axis]);
    }
}

static void
append_spaces (GString *out,
               guint    n)
{
  for (guint i = 0; i < n; i++)
    g_string_append_c (out, ' ');
}

static void
print_block (Printer *pr,
             guint    axis,
             guint64  base,
             guint    indent)
{
  g_string_append_c (pr->out, '[');

  if (axis + 1 == pr->ndim)
    {
      guint column = indent + 1;

      for (guint64 k = 0; k < axis_count (pr, axis); k++)
        {
          guint64 i = axis_position (pr, axis, k);
          g_autofree char *text = NULL;
          guint len;

          if (i == GAP)
            text = g_strdup ("...");
          else
            {
              g_autofree char *value = format_element (pr, base + i);
              GString *padded = g_string_new (NULL);

              append_spaces (padded, pr->width - MIN (pr->width, (guint) strlen (value)));
              g_string_append (padded, value);
              text = g_string_free (padded, FALSE);
            }
          len = (guint) strlen (text);

          if (k > 0)
            {
              if (column + 1 + len + 1 > LINE_WIDTH)
                {
                  g_string_append_c (pr->out, '\n');
                  append_spaces (pr->out, indent + 1);
                  column = indent + 1;
                }
              else
                {
                  g_string_append_c (pr->out, ' ');
                  column++;
                }
            }
          g_string_append (pr->out, text);
          column += len;
        }
    }
  else
    {
      for (guint64 k = 0; k < axis_count (pr, axis); k++)
        {
          guint64 i = axis_position (pr, axis, k);

          if (k > 0)
            {
              for (guint n = axis + 1; n < pr->ndim; n++)
                g_string_append_c (pr->out, '\n');
              append_spaces (pr->out, indent + 1);
            }
          if (i == GAP)
            g_string_append (pr->out, "...");
          else
            print_block (pr, axis + 1, base + i * pr->strides[axis], indent + 1);
        }
    }

  g_string_append_c (pr->out, ']');
}

/**
 * axds_cli_values_format:
 * @dtype: the element type
 * @ndim: number of dimensions, 1 to %AXDS_MAX_DIMS
 * @shape: the dimensions
 * @data: the elements in C order
 * @summarise: show only the edges of long axes
 *
 * Returns: (transfer full): the array as numpy's str() prints it, without a final newline
 */
char *
axds_cli_values_format (AxdsDtype      dtype,
                        guint          ndim,
                        const guint64 *shape,
                        gconstpointer  data,
                        gboolean       summarise)
{
  Printer pr = { 0 };

  g_return_val_if_fail (ndim >= 1 && ndim <= AXDS_MAX_DIMS, NULL);

  pr.dtype = dtype;
  pr.itemsize = axds_dtype_get_itemsize (dtype);
  pr.ndim = ndim;
  pr.shape = shape;
  pr.data = data;
  pr.summarise = summarise;
  compute_strides (ndim, shape, pr.strides);

  measure_block (&pr, 0, 0);
  pr.out = g_string_new (NULL);
  print_block (&pr, 0, 0, 0);
  return g_string_free (pr.out, FALSE);
}

/**
 * axds_cli_fill_elements:
 * @dest: the first of @count elements
 * @element: the value to store
 * @itemsize: bytes per element
 * @count: how many elements
 *
 * Sets @count consecutive elements to @element, doubling the filled part with each copy.
 */
void
axds_cli_fill_elements (gpointer      dest,
                        gconstpointer element,
                        gsize         itemsize,
                        guint64       count)
{
  guint8 *d = dest;
  gsize total = (gsize) count * itemsize;
  gsize done;

  if (count == 0)
    return;
  memcpy (d, element, itemsize);
  done = itemsize;
  while (done < total)
    {
      gsize chunk = MIN (done, total - done);

      memcpy (d + done, d, chunk);
      done += chunk;
    }
}

/* axds-colormap.c — colour maps and the mapping of array frames to image pixels
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* This is the hot path of the image view: a 1024 × 1024 frame at 60 updates/s is 63 million
 * elements a second on the main thread. Integer types of up to 16 bits therefore go through a
 * lookup table indexed by the raw value (built per frame for the current contrast: 65536
 * entries cost far less than a million pixels), other types through one multiply and clamp
 * per element. Pixels are 0xAARRGGBB words, which is GDK_MEMORY_B8G8R8A8_PREMULTIPLIED on a
 * little-endian machine (always opaque, so premultiplication is a no-op) and exactly the
 * cairo renderer's surface format: textures are used as they are, with no conversion.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "axds-colormap.h"

typedef struct
{
  double position;
  guint8 r, g, b;
} Stop;

/* Control points sampled from matplotlib's perceptually uniform maps (CC0); linear
 * interpolation between them stays within a few levels of the full tables. */
static const Stop viridis[] = {
  { 0.000,  68,   1,  84 }, { 0.125,  71,  44, 122 }, { 0.250,  59,  81, 139 },
  { 0.375,  44, 113, 142 }, { 0.500,  33, 144, 141 }, { 0.625,  39, 173, 129 },
  { 0.750,  92, 200,  99 }, { 0.875, 170, 220,  50 }, { 1.000, 253, 231,  37 },
};
static const Stop inferno[] = {
  { 0.000,   0,   0,   4 }, { 0.125,  31,  12,  72 }, { 0.250,  85,  15, 109 },
  { 0.375, 136,  34, 106 }, { 0.500, 186,  54,  85 }, { 0.625, 227,  89,  51 },
  { 0.750, 249, 140,  10 }, { 0.875, 249, 201,  50 }, { 1.000, 252, 255, 164 },
};
static const Stop magma[] = {
  { 0.000,   0,   0,   4 }, { 0.125,  28,  16,  68 }, { 0.250,  79,  18, 123 },
  { 0.375, 129,  37, 129 }, { 0.500, 181,  54, 122 }, { 0.625, 229,  80, 100 },
  { 0.750, 251, 135,  97 }, { 0.875, 254, 194, 135 }, { 1.000, 252, 253, 191 },
};
static const Stop gray[] = {
  { 0.000,   0,   0,   0 }, { 1.000, 255, 255, 255 },
};

static const char *names[AXDS_COLORMAP_LAST] = { "gray", "viridis", "inferno", "magma" };

AxdsColormap
axds_colormap_from_string (const char *name)
{
  for (guint i = 0; i < AXDS_COLORMAP_LAST; i++)
    if (g_strcmp0 (name, names[i]) == 0)
      return i;
  return AXDS_COLORMAP_GRAY;
}

const char *
axds_colormap_to_string (AxdsColormap colormap)
{
  g_return_val_if_fail (colormap < AXDS_COLORMAP_LAST, "gray");
  return names[colormap];
}

/**
 * axds_colormap_fill_lut:
 * @colormap: a colour map
 * @lut: (out caller-allocates): 256 opaque 0xAARRGGBB pixels from low to high
 */
void
axds_colormap_fill_lut (AxdsColormap colormap,
                        guint32      lut[256])
{
  const Stop *stops;
  guint n_stops;

  switch (colormap)
    {
    case AXDS_COLORMAP_VIRIDIS:
      stops = viridis, n_stops = G_N_ELEMENTS (viridis);
      break;
    case AXDS_COLORMAP_INFERNO:
      stops = inferno, n_stops = G_N_ELEMENTS (inferno);
      break;
    case AXDS_COLORMAP_MAGMA:
      stops = magma, n_stops = G_N_ELEMENTS (magma);
      break;
    case AXDS_COLORMAP_GRAY:
    case AXDS_COLORMAP_LAST:
    default:
      stops = gray, n_stops = G_N_ELEMENTS (gray);
      break;
    }

  for (guint i = 0; i < 256; i++)
    {
      double t = i / 255.0;
      guint k = 0;
      double f;
      guint r, g, b;

      while (k + 2 < n_stops && t > stops[k + 1].position)
        k++;
      f = (t - stops[k].position) / (stops[k + 1].position - stops[k].position);
      f = CLAMP (f, 0.0, 1.0);
      r = (guint)lround (stops[k].r + f * (stops[k + 1].r - stops[k].r));
      g = (guint)lround (stops[k].g + f * (stops[k + 1].g - stops[k].g));
      b = (guint)lround (stops[k].b + f * (stops[k + 1].b - stops[k].b));
      lut[i] = 0xff000000u | (r << 16) | (g << 8) | b;
    }
}

/* Integer sums go into an integer accumulator: no FP dependency chain, and the loop
 * vectorises. */
#define STATS_LOOP(ctype, acctype)                              \
  G_STMT_START {                                                \
    const ctype *v = data;                                      \
    ctype lo = v[0], hi = v[0];                                 \
    acctype sum = 0;                                            \
    for (gsize i = 0; i < n_elements; i++)                      \
      {                                                         \
        lo = v[i] < lo ? v[i] : lo;                             \
        hi = v[i] > hi ? v[i] : hi;                             \
        sum += v[i];                                            \
      }                                                         \
    stats->min = lo;                                            \
    stats->max = hi;                                            \
    stats->mean = (double)sum / n_elements;                     \
    stats->last = v[n_elements - 1];                            \
  } G_STMT_END

/**
 * axds_frame_compute_stats:
 * @dtype: element type of @data
 * @data: the elements
 * @n_elements: how many; at least one
 * @stats: (out): the statistics
 *
 * Computes minimum, maximum, mean and last value in one pass. Floating-point NaNs are skipped.
 */
void
axds_frame_compute_stats (AxdsDtype       dtype,
                          gconstpointer   data,
                          gsize           n_elements,
                          AxdsFrameStats *stats)
{
  g_return_if_fail (stats != NULL);

  memset (stats, 0, sizeof *stats);
  if (data == NULL || n_elements == 0)
    return;

  switch (dtype)
    {
    case AXDS_DTYPE_BOOL:
    case AXDS_DTYPE_UINT8:
      STATS_LOOP (guint8, guint64);
      break;
    case AXDS_DTYPE_INT8:
      STATS_LOOP (gint8, gint64);
      break;
    case AXDS_DTYPE_UINT16:
      STATS_LOOP (guint16, guint64);
      break;
    case AXDS_DTYPE_INT16:
      STATS_LOOP (gint16, gint64);
      break;
    case AXDS_DTYPE_UINT32:
      STATS_LOOP (guint32, guint64);
      break;
    case AXDS_DTYPE_INT32:
      STATS_LOOP (gint32, gint64);
      break;
    case AXDS_DTYPE_UINT64:
      STATS_LOOP (guint64, double);
      break;
    case AXDS_DTYPE_INT64:
      STATS_LOOP (gint64, double);
      break;

    case AXDS_DTYPE_FLOAT32:
    case AXDS_DTYPE_FLOAT64:
    case AXDS_DTYPE_COMPLEX64:
    case AXDS_DTYPE_COMPLEX128:
    case AXDS_DTYPE_INVALID:
    case AXDS_DTYPE_LAST:
    default:
      {
        gsize itemsize = axds_dtype_get_itemsize (dtype);
        double lo = INFINITY, hi = -INFINITY, sum = 0;
        gsize n_finite = 0;

        if (itemsize == 0)
          return;
        for (gsize i = 0; i < n_elements; i++)
          {
            double x = axds_dtype_value_to_double (dtype, (const guint8 *)data + i * itemsize);

            if (!isfinite (x))
              continue;
            lo = MIN (lo, x);
            hi = MAX (hi, x);
            sum += x;
            n_finite++;
          }
        stats->min = n_finite ? lo : 0.0;
        stats->max = n_finite ? hi : 0.0;
        stats->mean = n_finite ? sum / n_finite : 0.0;
        stats->last = axds_dtype_value_to_double (dtype, (const guint8 *)data +
                                                         (n_elements - 1) * itemsize);
      }
      break;
    }
}

/* Fills @table (indexed by value - @offset) for @n_values consecutive integer values. */
static void
fill_integer_table (guint32       *table,
                    gint64         offset,
                    gsize          n_values,
                    double         lo,
                    double         hi,
                    const guint32  lut[256])
{
  double scale = hi > lo ? 256.0 / (hi - lo) : 0.0;

  for (gsize i = 0; i < n_values; i++)
    {
      double x = ((double)((gint64)i + offset) - lo) * scale;
      int k = x <= 0.0 ? 0 : x >= 255.0 ? 255 : (int)x;

      if (hi <= lo)
        k = (gint64)i + offset >= lo ? 255 : 0;
      table[i] = lut[k];
    }
}

#define TABLE_LOOP(ctype, offset)                               \
  G_STMT_START {                                                \
    const ctype *v = data;                                      \
    for (gsize i = 0; i < n_elements; i++)                      \
      pixels[i] = table[(gint64)v[i] - (offset)];               \
  } G_STMT_END

/**
 * axds_frame_map:
 * @dtype: element type of @data
 * @data: the elements
 * @n_elements: how many
 * @lo: the value shown as the lowest colour
 * @hi: the value shown as the highest colour
 * @lut: the colour map, from axds_colormap_fill_lut()
 * @pixels: (out caller-allocates): @n_elements opaque 0xAARRGGBB pixels
 *
 * Maps array elements to colours with a linear contrast between @lo and @hi.
 */
void
axds_frame_map (AxdsDtype      dtype,
                gconstpointer  data,
                gsize          n_elements,
                double         lo,
                double         hi,
                const guint32  lut[256],
                guint32       *pixels)
{
  g_return_if_fail (data != NULL || n_elements == 0);
  g_return_if_fail (pixels != NULL || n_elements == 0);

  switch (dtype)
    {
    case AXDS_DTYPE_BOOL:
    case AXDS_DTYPE_UINT8:
    case AXDS_DTYPE_INT8:
    case AXDS_DTYPE_UINT16:
    case AXDS_DTYPE_INT16:
      {
        /* One table entry per possible value: 1 KiB for bytes, 256 KiB for 16 bits. */
        gboolean wide = dtype == AXDS_DTYPE_UINT16 || dtype == AXDS_DTYPE_INT16;
        gboolean is_signed = dtype == AXDS_DTYPE_INT8 || dtype == AXDS_DTYPE_INT16;
        gsize n_values = wide ? 65536 : 256;
        gint64 offset = is_signed ? -(gint64)(n_values / 2) : 0;
        g_autofree guint32 *table = g_new (guint32, n_values);

        fill_integer_table (table, offset, n_values, lo, hi, lut);
        if (dtype == AXDS_DTYPE_UINT16)
          TABLE_LOOP (guint16, 0);
        else if (dtype == AXDS_DTYPE_INT16)
          TABLE_LOOP (gint16, -32768);
        else if (dtype == AXDS_DTYPE_INT8)
          TABLE_LOOP (gint8, -128);
        else
          TABLE_LOOP (guint8, 0);
      }
      break;

    case AXDS_DTYPE_FLOAT32:
      {
        const float *v = data;
        float scale = hi > lo ? (float)(256.0 / (hi - lo)) : 0.0f;
        float flo = (float)lo;

        for (gsize i = 0; i < n_elements; i++)
          {
            float x = (v[i] - flo) * scale;
            /* NaN fails both comparisons and lands on the lowest colour. */
            int k = x > 0.0f ? (x < 255.0f ? (int)x : 255) : 0;
            pixels[i] = lut[k];
          }
      }
      break;

    case AXDS_DTYPE_INT32:
    case AXDS_DTYPE_UINT32:
    case AXDS_DTYPE_INT64:
    case AXDS_DTYPE_UINT64:
    case AXDS_DTYPE_FLOAT64:
    case AXDS_DTYPE_COMPLEX64:
    case AXDS_DTYPE_COMPLEX128:
    case AXDS_DTYPE_INVALID:
    case AXDS_DTYPE_LAST:
    default:
      {
        gsize itemsize = axds_dtype_get_itemsize (dtype);
        double scale = hi > lo ? 256.0 / (hi - lo) : 0.0;

        if (itemsize == 0)
          {
            memset (pixels, 0, n_elements * sizeof (guint32));
            return;
          }
        for (gsize i = 0; i < n_elements; i++)
          {
            double x = dtype == AXDS_DTYPE_FLOAT64
                         ? ((const double *)data)[i]
                         : axds_dtype_value_to_double (dtype, (const guint8 *)data + i * itemsize);
            double y = (x - lo) * scale;
            int k = y > 0.0 ? (y < 255.0 ? (int)y : 255) : 0;
            pixels[i] = lut[k];
          }
      }
      break;
    }
}

/**
 * axds_frame_to_doubles:
 * @dtype: element type of @data
 * @data: the elements
 * @n_elements: how many
 * @values: (out caller-allocates): @n_elements doubles
 *
 * Converts elements to doubles (complex numbers by their modulus, as
 * axds_dtype_value_to_double() does).
 */
void
axds_frame_to_doubles (AxdsDtype      dtype,
                       gconstpointer  data,
                       gsize          n_elements,
                       double        *values)
{
  gsize itemsize = axds_dtype_get_itemsize (dtype);

  g_return_if_fail (values != NULL || n_elements == 0);

  if (dtype == AXDS_DTYPE_FLOAT64)
    {
      memcpy (values, data, n_elements * sizeof (double));
      return;
    }
  for (gsize i = 0; i < n_elements; i++)
    values[i] = itemsize
                  ? axds_dtype_value_to_double (dtype, (const guint8 *)data + i * itemsize)
                  : 0.0;
}

/* Pixel buffers of textures. Fresh multi-megabyte allocations are served by mmap and every
 * page of them faults on first touch, which costs more than mapping the frame itself; so
 * buffers are recycled. A few of the current frame size are kept (the renderer may still
 * hold the previous frames' textures); each buffer carries its size in front of it. */
#define POOL_MAX    4
#define POOL_HEADER 64

G_LOCK_DEFINE_STATIC (pixel_pool);
static GSList *pixel_pool;
static gsize pixel_pool_size;

static gpointer
pixel_pool_acquire (gsize size)
{
  guint8 *block = NULL;

  G_LOCK (pixel_pool);
  if (size != pixel_pool_size)
    {
      g_slist_free_full (g_steal_pointer (&pixel_pool), g_free);
      pixel_pool_size = size;
    }
  if (pixel_pool != NULL)
    {
      block = pixel_pool->data;
      pixel_pool = g_slist_delete_link (pixel_pool, pixel_pool);
    }
  G_UNLOCK (pixel_pool);

  if (block == NULL)
    {
      block = g_malloc (size + POOL_HEADER);
      *(gsize *)block = size;
    }
  return block + POOL_HEADER;
}

static void
pixel_pool_release (gpointer data)
{
  guint8 *block = (guint8 *)data - POOL_HEADER;
  gsize size = *(gsize *)block;

  G_LOCK (pixel_pool);
  if (size == pixel_pool_size && g_slist_length (pixel_pool) < POOL_MAX)
    {
      pixel_pool = g_slist_prepend (pixel_pool, block);
      block = NULL;
    }
  G_UNLOCK (pixel_pool);

  g_free (block);
}

/**
 * axds_frame_render_texture:
 * @dtype: element type of @data
 * @width: columns of the frame
 * @height: rows of the frame
 * @data: @width × @height elements, row by row
 * @lo: the value shown as the lowest colour
 * @hi: the value shown as the highest colour
 * @lut: the colour map, from axds_colormap_fill_lut()
 *
 * Maps a frame to a texture. Needs no display, so the benchmark measures exactly what the
 * live view does per frame.
 *
 * Returns: (transfer full): a new texture
 */
GdkTexture *
axds_frame_render_texture (AxdsDtype      dtype,
                           guint          width,
                           guint          height,
                           gconstpointer  data,
                           double         lo,
                           double         hi,
                           const guint32  lut[256])
{
  gsize n = (gsize)width * height;
  guint32 *pixels;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (width > 0 && height > 0, NULL);
  g_return_val_if_fail (data != NULL, NULL);

  /* The texture keeps the pixels, so each frame needs a buffer of its own; the buffers come
   * back to a pool when their texture is freed. */
  pixels = pixel_pool_acquire (n * sizeof (guint32));
  axds_frame_map (dtype, data, n, lo, hi, lut, pixels);
  bytes = g_bytes_new_with_free_func (pixels, n * sizeof (guint32), pixel_pool_release, pixels);

  return gdk_memory_texture_new (width, height, GDK_MEMORY_B8G8R8A8_PREMULTIPLIED,
                                 bytes, (gsize)width * sizeof (guint32));
}

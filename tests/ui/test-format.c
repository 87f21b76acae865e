/* test-format.c — the monitor's value formatting and frame mapping functions
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "format/axds-format.h"
#include "models/axds-colormap.h"
#include "models/axds-history.h"

/* g_format_size() puts a no-break space between number and unit. */
static void
assert_string_take (char       *text,
                    const char *expected)
{
  g_assert_cmpstr (text, ==, expected);
  g_free (text);
}

static void
test_bytes (void)
{
  assert_string_take (axds_format_bytes (0), "0 bytes");
  assert_string_take (axds_format_bytes (12), "12 bytes");
  assert_string_take (axds_format_bytes (512 * 1024), "512.0\u00a0KiB");
  assert_string_take (axds_format_bytes (2 * 1024 * 1024), "2.0\u00a0MiB");
}

static void
test_shape (void)
{
  const guint64 image[] = { 512, 640 };
  const guint64 cube[] = { 3, 1, 7 };

  assert_string_take (axds_format_shape (0, NULL), "scalar");
  assert_string_take (axds_format_shape (1, image), "512");
  assert_string_take (axds_format_shape (2, image), "512 × 640");
  assert_string_take (axds_format_shape (3, cube), "3 × 1 × 7");
}

static void
test_rate (void)
{
  assert_string_take (axds_format_rate (0.0), "idle");
  assert_string_take (axds_format_rate (-1.0), "idle");
  assert_string_take (axds_format_rate (NAN), "idle");
  assert_string_take (axds_format_rate (INFINITY), "idle");
  assert_string_take (axds_format_rate (0.25), "0.2/s");
  assert_string_take (axds_format_rate (2.5), "2.5/s");
  assert_string_take (axds_format_rate (29.97), "30/s");
  assert_string_take (axds_format_rate (1000.4), "1000/s");
}

static void
test_owner (void)
{
  assert_string_take (axds_format_owner (1234, TRUE), "pid 1234 · running");
  assert_string_take (axds_format_owner (1234, FALSE), "pid 1234 · exited");
  assert_string_take (axds_format_owner (0, FALSE), "unknown owner");
  assert_string_take (axds_format_owner (-5, TRUE), "unknown owner");
}

static void
test_value (void)
{
  assert_string_take (axds_format_value (0.0), "0");
  assert_string_take (axds_format_value (42.0), "42");
  assert_string_take (axds_format_value (-7.0), "-7");
  assert_string_take (axds_format_value (1.5), "1.5");
  assert_string_take (axds_format_value (22.6213), "22.62");
  assert_string_take (axds_format_value (0.0001234), "1.234e-04");
  assert_string_take (axds_format_value (1.5e7), "15000000");
  assert_string_take (axds_format_value (1.25e7), "12500000");
  assert_string_take (axds_format_value (1.23456e20), "1.235e+20");
  assert_string_take (axds_format_value (NAN), "NaN");
  assert_string_take (axds_format_value (INFINITY), "∞");
  assert_string_take (axds_format_value (-INFINITY), "−∞");
}

static void
test_count (void)
{
  assert_string_take (axds_format_count (0), "0");
  assert_string_take (axds_format_count (999), "999");
  assert_string_take (axds_format_count (1000), "1,000");
  assert_string_take (axds_format_count (1234567), "1,234,567");
  assert_string_take (axds_format_count (G_MAXUINT64), "18,446,744,073,709,551,615");
}

static void
test_age (void)
{
  assert_string_take (axds_format_age (-3), "−0 s");
  assert_string_take (axds_format_age (30), "−30 s");
  assert_string_take (axds_format_age (120), "−2.0 min");
}

static void
test_summary (void)
{
  assert_string_take (axds_format_summary ("<u2", "512 × 512", 512 * 512 * 2),
                      "<u2 · 512 × 512 · 512.0\u00a0KiB");
  assert_string_take (axds_format_summary (NULL, NULL, 8), "? · ? · 8 bytes");
}

static void
test_colormap_lut (void)
{
  guint32 lut[256];

  axds_colormap_fill_lut (AXDS_COLORMAP_GRAY, lut);
  g_assert_cmphex (lut[0], ==, 0xff000000);
  g_assert_cmphex (lut[255], ==, 0xffffffff);
  g_assert_cmphex (lut[128], ==, 0xff808080);

  /* Viridis runs from dark purple to yellow. */
  axds_colormap_fill_lut (AXDS_COLORMAP_VIRIDIS, lut);
  g_assert_cmphex (lut[0], ==, 0xff440154);
  g_assert_cmphex (lut[255], ==, 0xfffde725);

  g_assert_cmpint (axds_colormap_from_string ("inferno"), ==, AXDS_COLORMAP_INFERNO);
  g_assert_cmpint (axds_colormap_from_string ("nonsense"), ==, AXDS_COLORMAP_GRAY);
  g_assert_cmpstr (axds_colormap_to_string (AXDS_COLORMAP_MAGMA), ==, "magma");
}

static void
test_frame_stats (void)
{
  const guint16 u16[] = { 10, 20, 30, 40 };
  const double f64[] = { 1.0, NAN, -3.0, 5.0 };
  const gint8 i8[] = { -128, 127, 0 };
  AxdsFrameStats stats;

  axds_frame_compute_stats (AXDS_DTYPE_UINT16, u16, 4, &stats);
  g_assert_cmpfloat (stats.min, ==, 10);
  g_assert_cmpfloat (stats.max, ==, 40);
  g_assert_cmpfloat (stats.mean, ==, 25);
  g_assert_cmpfloat (stats.last, ==, 40);

  /* NaNs are skipped by min/max/mean. */
  axds_frame_compute_stats (AXDS_DTYPE_FLOAT64, f64, 4, &stats);
  g_assert_cmpfloat (stats.min, ==, -3);
  g_assert_cmpfloat (stats.max, ==, 5);
  g_assert_cmpfloat (stats.mean, ==, 1);

  axds_frame_compute_stats (AXDS_DTYPE_INT8, i8, 3, &stats);
  g_assert_cmpfloat (stats.min, ==, -128);
  g_assert_cmpfloat (stats.max, ==, 127);
  g_assert_cmpfloat (stats.last, ==, 0);
}

static void
test_frame_map (void)
{
  const guint16 u16[] = { 0, 100, 200, 65535 };
  const float f32[] = { -1.0f, 0.5f, 2.0f, NAN };
  const gint16 i16[] = { -32768, 0, 32767 };
  const double f64[] = { 0.0, 0.5, 1.0 };
  guint32 lut[256];
  guint32 pixels[4];

  axds_colormap_fill_lut (AXDS_COLORMAP_GRAY, lut);

  /* Contrast 0..200: 0 is black, 100 mid-gray, 200 and above white. */
  axds_frame_map (AXDS_DTYPE_UINT16, u16, 4, 0, 200, lut, pixels);
  g_assert_cmphex (pixels[0], ==, 0xff000000);
  g_assert_cmphex (pixels[1], ==, 0xff808080);
  g_assert_cmphex (pixels[2], ==, 0xffffffff);
  g_assert_cmphex (pixels[3], ==, 0xffffffff);

  axds_frame_map (AXDS_DTYPE_FLOAT32, f32, 4, 0, 1, lut, pixels);
  g_assert_cmphex (pixels[0], ==, 0xff000000);
  g_assert_cmphex (pixels[1], ==, 0xff808080);
  g_assert_cmphex (pixels[2], ==, 0xffffffff);
  g_assert_cmphex (pixels[3], ==, 0xff000000);

  axds_frame_map (AXDS_DTYPE_INT16, i16, 3, -32768, 32768, lut, pixels);
  g_assert_cmphex (pixels[0], ==, 0xff000000);
  g_assert_cmphex (pixels[1], ==, 0xff808080);
  g_assert_cmphex (pixels[2], ==, 0xffffffff);

  axds_frame_map (AXDS_DTYPE_FLOAT64, f64, 3, 0, 1, lut, pixels);
  g_assert_cmphex (pixels[0], ==, 0xff000000);
  g_assert_cmphex (pixels[1], ==, 0xff808080);
  g_assert_cmphex (pixels[2], ==, 0xffffffff);

  /* A flat image (lo == hi) is not a division by zero. */
  axds_frame_map (AXDS_DTYPE_UINT16, u16, 2, 100, 100, lut, pixels);
  g_assert_cmphex (pixels[0], ==, 0xff000000);
  g_assert_cmphex (pixels[1], ==, 0xffffffff);
}

static void
test_frame_texture (void)
{
  guint16 frame[6] = { 0, 1, 2, 3, 4, 5 };
  guint32 lut[256];
  g_autoptr(GdkTexture) texture = NULL;
  guint8 pixels[6 * 4];

  axds_colormap_fill_lut (AXDS_COLORMAP_GRAY, lut);
  texture = axds_frame_render_texture (AXDS_DTYPE_UINT16, 3, 2, frame, 0, 5, lut);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 3);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 2);

  /* Downloads are B8G8R8A8_PREMULTIPLIED on little-endian machines: first pixel black,
   * last white. */
  gdk_texture_download (texture, pixels, 3 * 4);
  g_assert_cmpuint (pixels[0], ==, 0);
  g_assert_cmpuint (pixels[3], ==, 255);
  g_assert_cmpuint (pixels[5 * 4], ==, 255);
}

static void
test_history (void)
{
  g_autoptr(AxdsHistory) history = axds_history_new (2, 3);
  double lo, hi;

  g_assert_cmpuint (axds_history_get_n_samples (history), ==, 0);
  g_assert_false (axds_history_get_range (history, 0, &lo, &hi));

  for (int i = 0; i < 5; i++)
    {
      double values[2] = { i, -i };
      axds_history_push (history, i * 1000, values);
    }

  /* Capacity 3: the oldest two were dropped, index 0 is the oldest kept. */
  g_assert_cmpuint (axds_history_get_n_samples (history), ==, 3);
  g_assert_cmpint (axds_history_get_time (history, 0), ==, 2000);
  g_assert_cmpint (axds_history_get_time (history, 2), ==, 4000);
  g_assert_cmpfloat (axds_history_get_value (history, 0, 0), ==, 2);
  g_assert_cmpfloat (axds_history_get_value (history, 2, 1), ==, -4);

  g_assert_true (axds_history_get_range (history, 3000, &lo, &hi));
  g_assert_cmpfloat (lo, ==, -4);
  g_assert_cmpfloat (hi, ==, 4);

  axds_history_clear (history);
  g_assert_cmpuint (axds_history_get_n_samples (history), ==, 0);
}

static void
test_home_path (void)
{
  const char *home = "/home/ann";

  assert_string_take (axds_format_home_path ("/home/ann", home), "~");
  assert_string_take (axds_format_home_path ("/home/ann/", home), "~/");
  assert_string_take (axds_format_home_path ("/home/ann/Recordings/demo_data_log", home),
                      "~/Recordings/demo_data_log");
  /* A trailing slash of $HOME changes nothing. */
  assert_string_take (axds_format_home_path ("/home/ann/Recordings", "/home/ann/"),
                      "~/Recordings");
  /* Other folders that start with the same letters, or hold one named like it, stay. */
  assert_string_take (axds_format_home_path ("/home/anna/x", home), "/home/anna/x");
  assert_string_take (axds_format_home_path ("/home/ann-old/x", home), "/home/ann-old/x");
  assert_string_take (axds_format_home_path ("/home/ann.bak", home), "/home/ann.bak");
  assert_string_take (axds_format_home_path ("/srv/home/ann/x", home), "/srv/home/ann/x");
  assert_string_take (axds_format_home_path ("/mnt/backup/home/ann", home),
                      "/mnt/backup/home/ann");
  /* Every path in a message, also quoted or followed by punctuation. */
  assert_string_take (axds_format_home_path ("Refusing to transfer /home/ann/a to /home/ann/b: "
                                             "the destination holds 2 entries", home),
                      "Refusing to transfer ~/a to ~/b: the destination holds 2 entries");
  assert_string_take (axds_format_home_path ("Cannot open \u201c/home/ann\u201d", home),
                      "Cannot open \u201c~\u201d");
  assert_string_take (axds_format_home_path ("(/home/ann/x)", home), "(~/x)");
  /* Relative paths, other text and a NULL text are left alone. */
  assert_string_take (axds_format_home_path ("home/ann/x", home), "home/ann/x");
  assert_string_take (axds_format_home_path ("", home), "");
  g_assert_null (axds_format_home_path (NULL, home));
  /* Without a home folder, or with / as home, nothing is abbreviated. */
  assert_string_take (axds_format_home_path ("/home/ann/x", NULL), "/home/ann/x");
  assert_string_take (axds_format_home_path ("/home/ann/x", ""), "/home/ann/x");
  assert_string_take (axds_format_home_path ("/home/ann/x", "/"), "/home/ann/x");
  assert_string_take (axds_format_home_path ("/x", "//"), "/x");
}

static void
test_parse_home_path (void)
{
  const char *home = "/home/ann";

  assert_string_take (axds_parse_home_path ("~", home), "/home/ann");
  assert_string_take (axds_parse_home_path ("~/", home), "/home/ann");
  assert_string_take (axds_parse_home_path ("~/Recordings/a", home), "/home/ann/Recordings/a");
  assert_string_take (axds_parse_home_path ("~/x", "/home/ann/"), "/home/ann/x");
  /* Another user's home, a ~ inside a name, other paths: as typed. */
  assert_string_take (axds_parse_home_path ("~bob/x", home), "~bob/x");
  assert_string_take (axds_parse_home_path ("/data/~/x", home), "/data/~/x");
  assert_string_take (axds_parse_home_path ("session~1", home), "session~1");
  assert_string_take (axds_parse_home_path ("", home), "");
  assert_string_take (axds_parse_home_path ("~/x", NULL), "~/x");
  /* What is shown is read back as the same folder. */
  {
    g_autofree char *shown = axds_format_home_path ("/home/ann/Recordings/s1", home);
    assert_string_take (axds_parse_home_path (shown, home), "/home/ann/Recordings/s1");
  }
}

static void
test_path (void)
{
  g_autofree char *inside = g_build_filename (g_get_home_dir (), "Recordings", NULL);

  /* The user's own home folder, whatever it is. */
  assert_string_take (axds_format_path (inside), strcmp (g_get_home_dir (), "/") == 0
                                                 ? "/Recordings" : "~/Recordings");
}

int
main (int   argc,
      char *argv[])
{
  /* The expected strings are the untranslated ones. */
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/axds/ui/format/bytes", test_bytes);
  g_test_add_func ("/axds/ui/format/shape", test_shape);
  g_test_add_func ("/axds/ui/format/rate", test_rate);
  g_test_add_func ("/axds/ui/format/owner", test_owner);
  g_test_add_func ("/axds/ui/format/value", test_value);
  g_test_add_func ("/axds/ui/format/count", test_count);
  g_test_add_func ("/axds/ui/format/age", test_age);
  g_test_add_func ("/axds/ui/format/summary", test_summary);
  g_test_add_func ("/axds/ui/format/home-path", test_home_path);
  g_test_add_func ("/axds/ui/format/parse-home-path", test_parse_home_path);
  g_test_add_func ("/axds/ui/format/path", test_path);
  g_test_add_func ("/axds/ui/format/colormap-lut", test_colormap_lut);
  g_test_add_func ("/axds/ui/format/frame-stats", test_frame_stats);
  g_test_add_func ("/axds/ui/format/frame-map", test_frame_map);
  g_test_add_func ("/axds/ui/format/frame-texture", test_frame_texture);
  g_test_add_func ("/axds/ui/format/history", test_history);

  return g_test_run ();
}

/* test-log-format.c — the text and the rates the Archives page shows for log messages
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "format/axds-log-format.h"

/* 2026-11-25 14:03:22 UTC */
#define DAY_US (G_GUINT64_CONSTANT (1795615402) * G_USEC_PER_SEC)

static void
assert_string_take (char       *text,
                    const char *expected)
{
  g_assert_cmpstr (text, ==, expected);
  g_free (text);
}

static void
test_hex_dump (void)
{
  guint8 bytes[40];

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = (guint8)(0x2e + i * 3);
  bytes[0] = 0x00;
  bytes[1] = 0x7f;
  bytes[2] = 0xff;

  assert_string_take (axds_format_hex_dump (bytes, 0, 0, 16), "(empty)");
  assert_string_take (axds_format_hex_dump ((const guint8 *)"A", 1, 0, 16),
                      "0000  41                                                |A|\n");
  /* 16 bytes make one full line; the 17th starts the next, at offset 0010. */
  assert_string_take (axds_format_hex_dump ((const guint8 *)"0123456789abcdefg", 17, 0, 16),
                      "0000  30 31 32 33 34 35 36 37  38 39 61 62 63 64 65 66  "
                      "|0123456789abcdef|\n"
                      "0010  67                                                |g|\n");
  /* Not printable: dots, also DEL and bytes past ASCII. */
  assert_string_take (axds_format_hex_dump (bytes, 4, 0, 16),
                      "0000  00 7f ff 37                                       |...7|\n");
  /* Narrow: 8 bytes a line, no middle gap. */
  assert_string_take (axds_format_hex_dump ((const guint8 *)"0123456789", 10, 0, 8),
                      "0000  30 31 32 33 34 35 36 37  |01234567|\n"
                      "0008  38 39                    |89|\n");
  /* Cut short: the rest is counted. */
  assert_string_take (axds_format_hex_dump ((const guint8 *)"0123456789", 10, 4, 16),
                      "0000  30 31 32 33                                       |0123|\n"
                      "… 6 more bytes not shown\n");
  assert_string_take (axds_format_hex_dump ((const guint8 *)"01", 2, 1, 16),
                      "0000  30                                                |0|\n"
                      "… 1 more byte not shown\n");
}

static void
test_hex_dump_large (void)
{
  gsize len = 0x10010;
  g_autofree guint8 *data = g_malloc0 (len);
  g_autofree char *dump = axds_format_hex_dump (data, len, 0, 16);
  g_auto(GStrv) lines = g_strsplit (dump, "\n", -1);

  /* Past 64 KiB, offsets take 8 digits. */
  g_assert_cmpuint (g_strv_length (lines), ==, len / 16 + 1);
  g_assert_true (g_str_has_prefix (lines[0], "00000000  00 00"));
  g_assert_true (g_str_has_prefix (lines[len / 16 - 1], "00010000  00"));
}

static void
test_times (void)
{
  assert_string_take (axds_format_utc_us (DAY_US + 512000), "2026-11-25 14:03:22.512000");
  assert_string_take (axds_format_utc_us (0), "1970-01-01 00:00:00.000000");
  assert_string_take (axds_format_utc_us (G_MAXUINT64), "out of range");

  assert_string_take (axds_format_utc_us_near (DAY_US + G_GUINT64_CONSTANT (58) * G_USEC_PER_SEC + 11010, DAY_US),
                      "14:04:20.011010");
  /* Past midnight UTC the day is shown again. */
  assert_string_take (axds_format_utc_us_near (DAY_US + G_GUINT64_CONSTANT (36000) * G_USEC_PER_SEC, DAY_US),
                      "2026-11-26 00:03:22.000000");

  assert_string_take (axds_format_elapsed_us (0), "+0.000000 s");
  assert_string_take (axds_format_elapsed_us (4000012), "+4.000012 s");
  assert_string_take (axds_format_elapsed_us (62500001), "+1:02.500001");
  assert_string_take (axds_format_elapsed_us (G_GUINT64_CONSTANT (3723000004)),
                      "+1:02:03.000004");

  assert_string_take (axds_format_log_duration (0), "0.000 s");
  assert_string_take (axds_format_log_duration (53498999), "53.498 s");
  assert_string_take (axds_format_log_duration (G_GUINT64_CONSTANT (125) * G_USEC_PER_SEC), "2 min 05 s");
  assert_string_take (axds_format_log_duration (G_GUINT64_CONSTANT (3723) * G_USEC_PER_SEC),
                      "1 h 02 min 03 s");
}

static void
test_bin_width (void)
{
  g_assert_cmpuint (axds_log_rate_bin_width (0, 240), ==, 1);
  g_assert_cmpuint (axds_log_rate_bin_width (239, 240), ==, 1);
  g_assert_cmpuint (axds_log_rate_bin_width (240, 240), ==, 2);
  /* 1.99 s in at most 240 bins: 10 ms */
  g_assert_cmpuint (axds_log_rate_bin_width (1990000, 240), ==, 10000);
  /* a minute: 500 ms */
  g_assert_cmpuint (axds_log_rate_bin_width (G_GUINT64_CONSTANT (60) * G_USEC_PER_SEC, 240), ==, 500000);
  g_assert_cmpuint (axds_log_rate_bin_width (100, 0), ==, 200);
  g_assert_cmpuint (axds_log_rate_bin_width (G_MAXUINT64, 240), >, 0);
}

static void
test_bin (void)
{
  const guint64 times[] = { 5, 10, 11, 19, 20, 29, 35, 1000 };
  guint64 counts[3];

  /* Bins [10, 20), [20, 30), [30, 40): 5 is before, 1000 past the end. */
  g_assert_cmpuint (axds_log_rate_bin (times, G_N_ELEMENTS (times), 10, 10, 3, counts), ==, 6);
  g_assert_cmpuint (counts[0], ==, 3);
  g_assert_cmpuint (counts[1], ==, 2);
  g_assert_cmpuint (counts[2], ==, 1);

  /* Order does not matter. */
  {
    const guint64 shuffled[] = { 35, 11, 29, 10, 20, 19 };

    g_assert_cmpuint (axds_log_rate_bin (shuffled, G_N_ELEMENTS (shuffled), 10, 10, 3, counts),
                      ==, 6);
    g_assert_cmpuint (counts[0], ==, 3);
    g_assert_cmpuint (counts[1], ==, 2);
    g_assert_cmpuint (counts[2], ==, 1);
  }

  g_assert_cmpuint (axds_log_rate_bin (NULL, 0, 0, 1, 3, counts), ==, 0);
  g_assert_cmpuint (counts[0] + counts[1] + counts[2], ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/axds/log-format/hex-dump", test_hex_dump);
  g_test_add_func ("/axds/log-format/hex-dump-large", test_hex_dump_large);
  g_test_add_func ("/axds/log-format/times", test_times);
  g_test_add_func ("/axds/log-format/bin-width", test_bin_width);
  g_test_add_func ("/axds/log-format/bin", test_bin);

  return g_test_run ();
}

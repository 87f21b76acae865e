/* axds-log-format.c — the text and the rates the Archives page shows for log messages
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "axds-log-format.h"

/**
 * axds_format_hex_dump:
 * @data: (array length=len): bytes
 * @len: their number
 * @limit: dump at most this many bytes; 0 for all
 * @per_line: bytes per line: 16, or 8 for a narrow view
 *
 * The `hexdump -C` layout: the offset, the bytes in hex in groups of 8, and the same bytes as
 * ASCII between bars, with a dot for anything not printable. The offset has 4 hex digits
 * while they suffice for the bytes shown (most payloads are small), else 8.
 *
 * Returns: the dump, one line per @per_line bytes, each ending in a newline; a note when
 *   @limit cut it short; “(empty)” for no bytes
 */
char *
axds_format_hex_dump (const guint8 *data,
                      gsize         len,
                      gsize         limit,
                      guint         per_line)
{
  static const char digits[] = "0123456789abcdef";
  gsize shown = limit > 0 ? MIN (len, limit) : len;
  int offset_digits = shown > 0x10000 ? 8 : 4;
  GString *text;

  per_line = per_line == 8 ? 8 : 16;

  if (len == 0)
    /* Translators: the payload of a message without bytes */
    return g_strdup (_("(empty)"));

  text = g_string_sized_new ((shown / per_line + 2) * 80);
  for (gsize line = 0; line < shown; line += per_line)
    {
      gsize n = MIN (per_line, shown - line);

      g_string_append_printf (text, "%0*" G_GSIZE_MODIFIER "x  ", offset_digits, line);
      for (gsize i = 0; i < per_line; i++)
        {
          if (i < n)
            {
              g_string_append_c (text, digits[data[line + i] >> 4]);
              g_string_append_c (text, digits[data[line + i] & 0xf]);
              g_string_append_c (text, ' ');
            }
          else
            g_string_append (text, "   ");
          if (i == 7 && per_line > 8)
            g_string_append_c (text, ' ');
        }
      g_string_append (text, " |");
      for (gsize i = 0; i < n; i++)
        {
          guint8 c = data[line + i];
          g_string_append_c (text, c >= 0x20 && c < 0x7f ? (char)c : '.');
        }
      g_string_append (text, "|\n");
    }
  if (shown < len)
    /* Translators: under a hex dump cut short; %lu is a number of bytes */
    g_string_append_printf (text, ngettext ("… %lu more byte not shown\n",
                                            "… %lu more bytes not shown\n",
                                            (gulong)(len - shown)),
                            (gulong)(len - shown));
  return g_string_free (text, FALSE);
}

/**
 * axds_format_utc_us:
 * @microseconds: UTC µs since the epoch
 *
 * Returns: “2026-11-26 03:12:45.123456”, to the microsecond as logged
 */
char *
axds_format_utc_us (guint64 microseconds)
{
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *text = NULL;

  time = g_date_time_new_from_unix_utc ((gint64)MIN (microseconds / G_USEC_PER_SEC,
                                                     (guint64)G_MAXINT64));
  if (time == NULL)
    /* Translators: a timestamp outside the calendar GLib knows (after year 9999) */
    return g_strdup (_("out of range"));
  text = g_date_time_format (time, "%Y-%m-%d %H:%M:%S");
  return g_strdup_printf ("%s.%06u", text, (guint)(microseconds % G_USEC_PER_SEC));
}

/**
 * axds_format_utc_us_near:
 * @microseconds: UTC µs since the epoch
 * @reference_us: a time shown in full nearby (the onset)
 *
 * Returns: “14:04:20.011010” on the UTC day of @reference_us, else as axds_format_utc_us()
 */
char *
axds_format_utc_us_near (guint64 microseconds,
                         guint64 reference_us)
{
  g_autofree char *full = axds_format_utc_us (microseconds);
  g_autofree char *reference = axds_format_utc_us (reference_us);

  /* Both are “YYYY-MM-DD hh:mm:ss.ffffff”: the day is the first 10 characters. */
  if (strlen (full) > 11 && strncmp (full, reference, 11) == 0)
    return g_strdup (full + 11);
  return g_steal_pointer (&full);
}

/**
 * axds_format_elapsed_us:
 * @microseconds: time since the onset
 *
 * Returns: “+12.345678 s” below a minute, else “+1:02.345678” or “+1:02:03.456789”
 */
char *
axds_format_elapsed_us (guint64 microseconds)
{
  guint64 s = microseconds / G_USEC_PER_SEC;
  guint us = (guint)(microseconds % G_USEC_PER_SEC);

  if (s < 60)
    /* Translators: time since the onset in seconds, e.g. “+12.345678 s” */
    return g_strdup_printf (_("+%u.%06u s"), (guint)s, us);
  if (s < 3600)
    return g_strdup_printf ("+%u:%02u.%06u", (guint)(s / 60), (guint)(s % 60), us);
  return g_strdup_printf ("+%" G_GUINT64_FORMAT ":%02u:%02u.%06u", s / 3600,
                          (guint)(s / 60 % 60), (guint)(s % 60), us);
}

/**
 * axds_format_log_duration:
 * @microseconds: the span between a source's first and last message
 *
 * Returns: “0.250 s” or “42.125 s” below a minute, “2 min 05 s” below an hour, then
 *   “1 h 02 min 03 s”
 */
char *
axds_format_log_duration (guint64 microseconds)
{
  guint64 s = microseconds / G_USEC_PER_SEC;

  if (s < 60)
    /* Translators: a duration in seconds with milliseconds, e.g. “42.125 s” */
    return g_strdup_printf (_("%u.%03u s"), (guint)s,
                            (guint)(microseconds % G_USEC_PER_SEC / 1000));
  if (s < 3600)
    /* Translators: a duration in minutes and seconds, e.g. “2 min 05 s” */
    return g_strdup_printf (_("%u min %02u s"), (guint)(s / 60), (guint)(s % 60));
  /* Translators: a duration in hours, minutes and seconds, e.g. “1 h 02 min 03 s” */
  return g_strdup_printf (_("%u h %02u min %02u s"), (guint)MIN (s / 3600, G_MAXUINT),
                          (guint)(s / 60 % 60), (guint)(s % 60));
}

/**
 * axds_log_rate_bin_width:
 * @span_us: the time the bins cover
 * @max_bins: at most this many bins
 *
 * The smallest round bin width (1, 2 or 5 × a power of ten µs) that covers @span_us in at
 * most @max_bins bins, so the rate axis reads in whole units.
 *
 * Returns: the width in µs, at least 1
 */
guint64
axds_log_rate_bin_width (guint64 span_us,
                         guint   max_bins)
{
  static const guint64 steps[] = { 1, 2, 5 };
  guint64 magnitude = 1;

  if (max_bins == 0)
    max_bins = 1;
  for (;;)
    {
      for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
        {
          guint64 width = steps[i] * magnitude;

          /* span / width bins, plus one for the message at the very end of the span */
          if (span_us / width < max_bins)
            return width;
        }
      if (magnitude > G_MAXUINT64 / 100)
        return G_MAXUINT64;
      magnitude *= 10;
    }
}

/**
 * axds_log_rate_bin:
 * @elapsed: (array length=n): message times, µs since the onset, in any order
 * @n: their number
 * @start_us: the start of the first bin
 * @bin_width_us: the width of a bin
 * @n_bins: the number of bins
 * @counts: (array length=n_bins) (out caller-allocates): messages per bin
 *
 * A histogram of message times. Times before @start_us or past the last bin are left out.
 *
 * Returns: the number of messages counted
 */
guint
axds_log_rate_bin (const guint64 *elapsed,
                   gsize          n,
                   guint64        start_us,
                   guint64        bin_width_us,
                   guint          n_bins,
                   guint64       *counts)
{
  guint counted = 0;

  g_return_val_if_fail (bin_width_us > 0, 0);

  memset (counts, 0, n_bins * sizeof (guint64));
  for (gsize i = 0; i < n; i++)
    {
      guint64 bin;

      if (elapsed[i] < start_us)
        continue;
      bin = (elapsed[i] - start_us) / bin_width_us;
      if (bin >= n_bins)
        continue;
      counts[bin]++;
      counted++;
    }
  return counted;
}

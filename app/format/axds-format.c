/* axds-format.c — small pure functions that turn values into the text the monitor shows
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "axds-format.h"

/* Each function returns a newly allocated string, so they can be used as `<closure>`
 * functions of GtkBuilder expressions and tested one by one. */

char *
axds_format_bytes (guint64 nbytes)
{
  /* Binary units: array sizes are powers of two more often than not. */
  return g_format_size_full (nbytes, G_FORMAT_SIZE_IEC_UNITS);
}

char *
axds_format_shape (guint          ndim,
                   const guint64 *shape)
{
  GString *text;

  if (ndim == 0 || shape == NULL)
    /* Translators: the shape of an array with no dimensions */
    return g_strdup (C_("shape", "scalar"));

  text = g_string_new (NULL);
  for (guint i = 0; i < ndim; i++)
    {
      if (i > 0)
        g_string_append (text, " × ");
      g_string_append_printf (text, "%" G_GUINT64_FORMAT, shape[i]);
    }
  return g_string_free (text, FALSE);
}

char *
axds_format_rate (double per_second)
{
  if (!(per_second > 0.0) || !isfinite (per_second))
    /* Translators: an array that is not being written to */
    return g_strdup (_("idle"));

  if (per_second < 10.0)
    /* Translators: the rate at which an array is written, e.g. “2.5/s” */
    return g_strdup_printf (_("%.1f/s"), per_second);

  return g_strdup_printf (_("%.0f/s"), per_second);
}

char *
axds_format_owner (gint64   pid,
                   gboolean alive)
{
  g_autofree char *pid_text = NULL;

  if (pid <= 0)
    /* Translators: the process that made a buffer is not known (e.g. a raw buffer) */
    return g_strdup (_("unknown owner"));

  pid_text = g_strdup_printf ("%" G_GINT64_FORMAT, pid);
  if (alive)
    /* Translators: %s is a process ID */
    return g_strdup_printf (_("pid %s · running"), pid_text);

  /* Translators: %s is a process ID */
  return g_strdup_printf (_("pid %s · exited"), pid_text);
}

char *
axds_format_value (double value)
{
  double magnitude = fabs (value);

  if (isnan (value))
    return g_strdup ("NaN");
  if (isinf (value))
    return g_strdup (value > 0 ? "∞" : "−∞");

  /* Integers print as integers as long as a double holds them exactly. */
  if (value == floor (value) && magnitude < 1e15)
    return g_strdup_printf ("%.0f", value);

  if (magnitude != 0.0 && (magnitude >= 1e6 || magnitude < 1e-3))
    return g_strdup_printf ("%.3e", value);

  return g_strdup_printf ("%.4g", value);
}

char *
axds_format_count (guint64 count)
{
  /* Thin-space-free grouping by hand, so the text does not depend on the C locale. */
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, count);
  GString *text = g_string_new (NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (text, ',');
      g_string_append_c (text, digits[i]);
    }
  return g_string_free (text, FALSE);
}

char *
axds_format_age (double seconds)
{
  if (seconds < 0.0)
    seconds = 0.0;

  if (seconds < 60.0)
    /* Translators: a time on a plot axis, seconds before now */
    return g_strdup_printf (_("−%.0f s"), seconds);

  /* Translators: a time on a plot axis, minutes before now */
  return g_strdup_printf (_("−%.1f min"), seconds / 60.0);
}

char *
axds_format_summary (const char *dtype,
                     const char *shape,
                     guint64     nbytes)
{
  g_autofree char *size = axds_format_bytes (nbytes);

  /* Translators: dtype · shape · size, e.g. “<u2 · 512 × 512 · 512.0 KiB” */
  return g_strdup_printf (_("%s · %s · %s"), dtype ? dtype : "?", shape ? shape : "?", size);
}

/* A character that can be part of a file name next to the home folder's: then the text names
 * another folder (/home/ann-old beside /home/ann), not one in the home folder. */
static gboolean
is_name_char (gunichar c)
{
  return g_unichar_isalnum (c) || (c != 0 && strchr ("._-~+@", (int)c) != NULL);
}

/**
 * axds_format_home_path:
 * @text: (nullable): a path, or a message with paths in it
 * @home: (nullable): the home folder
 *
 * Writes the home folder as `~` wherever a path in @text is in it or is it, as shells and
 * GNOME applications show paths: shorter, and a screenshot shows no user name. Nothing changes
 * when @home is unset or the root folder.
 *
 * Returns: (transfer full) (nullable): the text to show, %NULL for %NULL
 */
char *
axds_format_home_path (const char *text,
                       const char *home)
{
  g_autofree char *prefix = NULL;
  GString *out;
  gsize len;
  const char *rest;
  const char *hit;

  if (text == NULL)
    return NULL;
  prefix = g_strdup (home != NULL ? home : "");
  /* "/root/" and "/root" are the same folder. */
  for (len = strlen (prefix); len > 1 && prefix[len - 1] == '/'; len--)
    prefix[len - 1] = '\0';
  if (prefix[0] != '/' || prefix[1] == '\0')
    return g_strdup (text);

  out = g_string_new (NULL);
  rest = text;
  while ((hit = strstr (rest, prefix)) != NULL)
    {
      const char *after = hit + len;
      gunichar before = hit == text
                        ? 0 : g_utf8_get_char_validated (g_utf8_find_prev_char (text, hit), -1);
      gboolean starts = before != '/' && !is_name_char (before);
      gboolean ends = *after == '\0' || *after == '/' ||
                      !is_name_char (g_utf8_get_char_validated (after, -1));

      g_string_append_len (out, rest, hit - rest);
      g_string_append (out, starts && ends ? "~" : prefix);
      rest = after;
    }
  g_string_append (out, rest);
  return g_string_free (out, FALSE);
}

/**
 * axds_format_path:
 * @text: (nullable): a path, or a message with paths in it
 *
 * axds_format_home_path() with the user's home folder. Tooltips show the full path.
 *
 * Returns: (transfer full) (nullable): the text to show
 */
char *
axds_format_path (const char *text)
{
  return axds_format_home_path (text, g_get_home_dir ());
}

/**
 * axds_parse_home_path:
 * @text: a path as typed, maybe shown by axds_format_path()
 * @home: (nullable): the home folder
 *
 * The reverse of axds_format_home_path() for one path: `~` and `~/…` in the home folder, as
 * a shell reads them. Any other text is returned as it is.
 *
 * Returns: (transfer full): the path
 */
char *
axds_parse_home_path (const char *text,
                      const char *home)
{
  g_return_val_if_fail (text != NULL, NULL);

  if (home == NULL || *home == '\0' || text[0] != '~' || (text[1] != '\0' && text[1] != '/'))
    return g_strdup (text);
  return text[1] == '\0' ? g_strdup (home) : g_build_filename (home, text + 2, NULL);
}

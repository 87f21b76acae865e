/* axds-dtype.c
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "axds-dtype.h"
#include "axds-error.h"
#include "axds-i18n-private.h"

typedef struct
{
  const char *typestr;   /* NumPy's dtype.str on a little-endian machine */
  const char *name;      /* NumPy's dtype.name */
  const char *shortcode; /* the type string without byte order, e.g. "f8" */
  gsize       itemsize;
} DtypeDesc;

static const DtypeDesc dtypes[AXDS_DTYPE_LAST] = {
  [AXDS_DTYPE_INVALID]    = { "",     "invalid",    "",    0 },
  [AXDS_DTYPE_BOOL]       = { "|b1",  "bool",       "b1",  1 },
  [AXDS_DTYPE_INT8]       = { "|i1",  "int8",       "i1",  1 },
  [AXDS_DTYPE_INT16]      = { "<i2",  "int16",      "i2",  2 },
  [AXDS_DTYPE_INT32]      = { "<i4",  "int32",      "i4",  4 },
  [AXDS_DTYPE_INT64]      = { "<i8",  "int64",      "i8",  8 },
  [AXDS_DTYPE_UINT8]      = { "|u1",  "uint8",      "u1",  1 },
  [AXDS_DTYPE_UINT16]     = { "<u2",  "uint16",     "u2",  2 },
  [AXDS_DTYPE_UINT32]     = { "<u4",  "uint32",     "u4",  4 },
  [AXDS_DTYPE_UINT64]     = { "<u8",  "uint64",     "u8",  8 },
  [AXDS_DTYPE_FLOAT32]    = { "<f4",  "float32",    "f4",  4 },
  [AXDS_DTYPE_FLOAT64]    = { "<f8",  "float64",    "f8",  8 },
  [AXDS_DTYPE_COMPLEX64]  = { "<c8",  "complex64",  "c8",  8 },
  [AXDS_DTYPE_COMPLEX128] = { "<c16", "complex128", "c16", 16 },
};

/* Single-character NumPy codes that are unambiguous on Linux x86-64/aarch64. */
static const struct { const char *code; AxdsDtype dtype; } char_codes[] = {
  { "?", AXDS_DTYPE_BOOL },  { "b", AXDS_DTYPE_INT8 },    { "B", AXDS_DTYPE_UINT8 },
  { "h", AXDS_DTYPE_INT16 }, { "H", AXDS_DTYPE_UINT16 },  { "i", AXDS_DTYPE_INT32 },
  { "I", AXDS_DTYPE_UINT32 },{ "q", AXDS_DTYPE_INT64 },   { "Q", AXDS_DTYPE_UINT64 },
  { "f", AXDS_DTYPE_FLOAT32 },{ "d", AXDS_DTYPE_FLOAT64 },{ "F", AXDS_DTYPE_COMPLEX64 },
  { "D", AXDS_DTYPE_COMPLEX128 },
};

static inline gboolean
dtype_valid (AxdsDtype dtype)
{
  return dtype > AXDS_DTYPE_INVALID && dtype < AXDS_DTYPE_LAST;
}

/**
 * axds_dtype_to_string:
 * @dtype: an #AxdsDtype
 *
 * Returns: NumPy's type string for @dtype (`<f8`, `|u1`, …), or "" for an invalid dtype
 */
const char *
axds_dtype_to_string (AxdsDtype dtype)
{
  return dtype_valid (dtype) ? dtypes[dtype].typestr : "";
}

/**
 * axds_dtype_get_name:
 * @dtype: an #AxdsDtype
 *
 * Returns: NumPy's name for @dtype (`float64`, `uint8`, …)
 */
const char *
axds_dtype_get_name (AxdsDtype dtype)
{
  return dtype_valid (dtype) ? dtypes[dtype].name : "invalid";
}

/**
 * axds_dtype_get_itemsize:
 * @dtype: an #AxdsDtype
 *
 * Returns: the size of one element in bytes, 0 for an invalid dtype
 */
gsize
axds_dtype_get_itemsize (AxdsDtype dtype)
{
  return dtype_valid (dtype) ? dtypes[dtype].itemsize : 0;
}

/**
 * axds_dtype_is_complex:
 * @dtype: an #AxdsDtype
 *
 * Returns: whether @dtype is %AXDS_DTYPE_COMPLEX64 or %AXDS_DTYPE_COMPLEX128
 */
gboolean
axds_dtype_is_complex (AxdsDtype dtype)
{
  return dtype == AXDS_DTYPE_COMPLEX64 || dtype == AXDS_DTYPE_COMPLEX128;
}

/**
 * axds_dtype_is_float:
 * @dtype: an #AxdsDtype
 *
 * Returns: whether @dtype is %AXDS_DTYPE_FLOAT32 or %AXDS_DTYPE_FLOAT64
 */
gboolean
axds_dtype_is_float (AxdsDtype dtype)
{
  return dtype == AXDS_DTYPE_FLOAT32 || dtype == AXDS_DTYPE_FLOAT64;
}

/**
 * axds_dtype_is_integer:
 * @dtype: an #AxdsDtype
 *
 * Returns: whether @dtype is a signed or unsigned integer type (not bool)
 */
gboolean
axds_dtype_is_integer (AxdsDtype dtype)
{
  return dtype >= AXDS_DTYPE_INT8 && dtype <= AXDS_DTYPE_UINT64;
}

/**
 * axds_dtype_from_string:
 * @text: a NumPy type string (`<f8`, `=u2`, `|b1`, `f8`), dtype name (`float64`, `bool`) or
 *   character code (`d`, `?`)
 * @dtype: (out): where to store the result
 * @error: return location for a #GError
 *
 * Big-endian type strings (`>f8`) are refused: every buffer of libaxds is little-endian.
 *
 * Returns: %TRUE on success
 */
gboolean
axds_dtype_from_string (const char  *text,
                        AxdsDtype   *dtype,
                        GError     **error)
{
  const char *p;

  g_return_val_if_fail (dtype != NULL, FALSE);

  if (text == NULL || *text == '\0')
    {
      g_set_error_literal (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                           _("Empty dtype string"));
      return FALSE;
    }

  if (strlen (text) > 16 || !g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                           _("Unknown dtype: the string is not a NumPy type string"));
      return FALSE;
    }

  for (guint i = 1; i < AXDS_DTYPE_LAST; i++)
    {
      if (strcmp (text, dtypes[i].name) == 0)
        {
          *dtype = i;
          return TRUE;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (char_codes); i++)
    {
      if (strcmp (text, char_codes[i].code) == 0)
        {
          *dtype = char_codes[i].dtype;
          return TRUE;
        }
    }

  p = text;
  if (*p == '>' || (*p == '!'))
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                   _("Unsupported dtype '%s': big-endian data is not supported"), text);
      return FALSE;
    }
  if (*p == '<' || *p == '=' || *p == '|')
    p++;

  for (guint i = 1; i < AXDS_DTYPE_LAST; i++)
    {
      if (strcmp (p, dtypes[i].shortcode) == 0)
        {
          /* NumPy writes '|' only for single-byte types; "|f8" is not a type string. */
          if (text[0] == '|' && dtypes[i].itemsize != 1)
            break;
          *dtype = i;
          return TRUE;
        }
    }

  /* NumPy also accepts '?' with a byte order, and 'u1'-style bool spelled 'b1' covers the rest. */
  if (strcmp (p, "?") == 0)
    {
      *dtype = AXDS_DTYPE_BOOL;
      return TRUE;
    }

  g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
               _("Unknown dtype '%s' (expected a NumPy type string such as <f8, <u2, |u1, |b1, "
                 "<c16)"), text);
  return FALSE;
}

/* Shortest decimal text that reads back as the same value, laid out as Python's repr() does:
 * positional for exponents from -4 to 15 ("100.0", "0.001"), scientific otherwise ("1e+16"). */
static char *
format_double (double value,
               int    max_digits)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE + 8];
  char fmt[16];
  int digits, exponent;
  const char *e;

  if (isnan (value))
    return g_strdup ("nan");
  if (isinf (value))
    return g_strdup (value > 0 ? "inf" : "-inf");

  for (digits = 1; digits < max_digits; digits++)
    {
      g_snprintf (fmt, sizeof fmt, "%%.%de", digits - 1);
      g_ascii_formatd (buf, sizeof buf, fmt, value);
      if (max_digits == 9 ? (float) g_ascii_strtod (buf, NULL) == (float) value
                          : g_ascii_strtod (buf, NULL) == value)
        break;
    }
  g_snprintf (fmt, sizeof fmt, "%%.%de", digits - 1);
  g_ascii_formatd (buf, sizeof buf, fmt, value);
  e = strchr (buf, 'e');
  exponent = e ? atoi (e + 1) : 0;

  if (exponent < -4 || exponent >= 16)
    return g_strdup (buf);

  g_snprintf (fmt, sizeof fmt, "%%.%df", MAX (digits - 1 - exponent, 0));
  g_ascii_formatd (buf, sizeof buf, fmt, value);
  /* Keep a float visibly a float, as Python does ("1.0", not "1"). */
  if (strchr (buf, '.') == NULL)
    return g_strconcat (buf, ".0", NULL);
  return g_strdup (buf);
}

/**
 * axds_dtype_format_value:
 * @dtype: an #AxdsDtype
 * @element: pointer to one element of @dtype (any alignment)
 *
 * Formats one element as Python prints it: `True`/`False`, integers in decimal, floats in their
 * shortest round-trip form (`nan`, `inf`), complex numbers as `(re+imj)`.
 *
 * Returns: (transfer full): the text
 */
char *
axds_dtype_format_value (AxdsDtype     dtype,
                         gconstpointer element)
{
  union {
    guint8 b; gint8 i8; gint16 i16; gint32 i32; gint64 i64; guint8 u8; guint16 u16;
    guint32 u32; guint64 u64; float f32; double f64; float c64[2]; double c128[2];
  } v;

  g_return_val_if_fail (dtype_valid (dtype), NULL);
  g_return_val_if_fail (element != NULL, NULL);

  memcpy (&v, element, dtypes[dtype].itemsize);

  switch (dtype)
    {
    case AXDS_DTYPE_BOOL:    return g_strdup (v.b ? "True" : "False");
    case AXDS_DTYPE_INT8:    return g_strdup_printf ("%d", v.i8);
    case AXDS_DTYPE_INT16:   return g_strdup_printf ("%d", v.i16);
    case AXDS_DTYPE_INT32:   return g_strdup_printf ("%" G_GINT32_FORMAT, v.i32);
    case AXDS_DTYPE_INT64:   return g_strdup_printf ("%" G_GINT64_FORMAT, v.i64);
    case AXDS_DTYPE_UINT8:   return g_strdup_printf ("%u", v.u8);
    case AXDS_DTYPE_UINT16:  return g_strdup_printf ("%u", v.u16);
    case AXDS_DTYPE_UINT32:  return g_strdup_printf ("%" G_GUINT32_FORMAT, v.u32);
    case AXDS_DTYPE_UINT64:  return g_strdup_printf ("%" G_GUINT64_FORMAT, v.u64);
    case AXDS_DTYPE_FLOAT32: return format_double (v.f32, 9);
    case AXDS_DTYPE_FLOAT64: return format_double (v.f64, 17);
    case AXDS_DTYPE_COMPLEX64:
    case AXDS_DTYPE_COMPLEX128:
      {
        gboolean c64 = dtype == AXDS_DTYPE_COMPLEX64;
        double re = c64 ? v.c64[0] : v.c128[0];
        double im = c64 ? v.c64[1] : v.c128[1];
        g_autofree char *re_s = format_double (re, c64 ? 9 : 17);
        g_autofree char *im_s = format_double (im, c64 ? 9 : 17);
        gboolean im_signed = im_s[0] == '-' || im_s[0] == '+';

        return g_strdup_printf ("(%s%s%sj)", re_s, im_signed ? "" : "+", im_s);
      }
    case AXDS_DTYPE_INVALID:
    case AXDS_DTYPE_LAST:
    default:
      g_return_val_if_reached (NULL);
    }
}

static gboolean
parse_double (const char *text,
              double     *out)
{
  char *end = NULL;
  g_autofree char *lower = g_ascii_strdown (text, -1);
  const char *t = lower;
  gboolean neg = FALSE;

  if (*t == '+' || *t == '-')
    {
      neg = *t == '-';
      t++;
    }
  if (strcmp (t, "nan") == 0)
    {
      *out = NAN;
      return TRUE;
    }
  if (strcmp (t, "inf") == 0 || strcmp (t, "infinity") == 0)
    {
      *out = neg ? -INFINITY : INFINITY;
      return TRUE;
    }

  if (*text == '\0' || g_ascii_isspace (*text))
    return FALSE;
  errno = 0;
  *out = g_ascii_strtod (text, &end);
  /* Overflow to ±inf is an error; underflow to a denormal or zero is what Python does too. */
  return end != text && *end == '\0' && !(errno == ERANGE && isinf (*out));
}

static gboolean
parse_complex (const char *text,
               double     *re,
               double     *im)
{
  g_autofree char *s = g_strdup (text);
  gsize len = strlen (s);
  char *split = NULL;

  if (len >= 2 && s[0] == '(' && s[len - 1] == ')')
    {
      s[len - 1] = '\0';
      memmove (s, s + 1, len - 1);
      len -= 2;
    }

  if (len == 0)
    return FALSE;

  if (s[len - 1] != 'j' && s[len - 1] != 'J')
    {
      *im = 0.0;
      return parse_double (s, re);
    }
  s[--len] = '\0';

  /* Find the sign that separates real and imaginary parts (not one right after an exponent). */
  for (gsize i = len; i > 0; i--)
    {
      char c = s[i - 1];
      if ((c == '+' || c == '-') && i - 1 > 0 && s[i - 2] != 'e' && s[i - 2] != 'E')
        {
          split = &s[i - 1];
          break;
        }
    }

  if (split == NULL)
    {
      *re = 0.0;
      if (len == 0)
        return FALSE;
      return parse_double (s, im);
    }
  else
    {
      g_autofree char *re_s = g_strndup (s, split - s);
      const char *im_s = split;

      if (strcmp (im_s, "+") == 0 || strcmp (im_s, "-") == 0)
        return FALSE;
      return parse_double (re_s, re) && parse_double (im_s, im);
    }
}

/**
 * axds_dtype_parse_value:
 * @dtype: an #AxdsDtype
 * @text: the value as text: `true`/`false`/`1`/`0` for bool, decimal (or `0x` hex) integers,
 *   floats including `nan` and `inf`, complex as `1+2j` or `(1+2j)`
 * @element: (out caller-allocates): where to store one element of @dtype
 * @error: return location for a #GError
 *
 * Values outside the range of an integer dtype are refused rather than wrapped.
 *
 * Returns: %TRUE on success
 */
gboolean
axds_dtype_parse_value (AxdsDtype     dtype,
                        const char   *text,
                        gpointer      element,
                        GError      **error)
{
  g_return_val_if_fail (dtype_valid (dtype), FALSE);
  g_return_val_if_fail (element != NULL, FALSE);

  if (text == NULL || *text == '\0')
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                   _("Empty value for dtype %s"), dtypes[dtype].typestr);
      return FALSE;
    }

  if (dtype == AXDS_DTYPE_BOOL)
    {
      guint8 b;
      if (g_ascii_strcasecmp (text, "true") == 0 || strcmp (text, "1") == 0)
        b = 1;
      else if (g_ascii_strcasecmp (text, "false") == 0 || strcmp (text, "0") == 0)
        b = 0;
      else
        {
          g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                       _("Invalid bool value '%s' (expected true, false, 1 or 0)"), text);
          return FALSE;
        }
      memcpy (element, &b, 1);
      return TRUE;
    }

  if (axds_dtype_is_integer (dtype))
    {
      static const struct { gint64 min; guint64 max; } ranges[] = {
        [AXDS_DTYPE_INT8] = { G_MININT8, G_MAXINT8 },
        [AXDS_DTYPE_INT16] = { G_MININT16, G_MAXINT16 },
        [AXDS_DTYPE_INT32] = { G_MININT32, G_MAXINT32 },
        [AXDS_DTYPE_INT64] = { G_MININT64, G_MAXINT64 },
        [AXDS_DTYPE_UINT8] = { 0, G_MAXUINT8 },
        [AXDS_DTYPE_UINT16] = { 0, G_MAXUINT16 },
        [AXDS_DTYPE_UINT32] = { 0, G_MAXUINT32 },
        [AXDS_DTYPE_UINT64] = { 0, G_MAXUINT64 },
      };
      gboolean negative = text[0] == '-';
      const char *digits = (text[0] == '-' || text[0] == '+') ? text + 1 : text;
      guint base = 10;
      guint64 magnitude;
      char *end = NULL;

      if (g_ascii_strncasecmp (digits, "0x", 2) == 0)
        {
          base = 16;
          digits += 2;
        }
      if (!g_ascii_isxdigit (*digits) || (base == 10 && !g_ascii_isdigit (*digits)))
        goto bad_int;
      errno = 0;
      magnitude = g_ascii_strtoull (digits, &end, base);
      if (*end != '\0')
        goto bad_int;
      if (errno == ERANGE ||
          (!negative && magnitude > ranges[dtype].max) ||
          (negative && magnitude > (guint64) (-(ranges[dtype].min + 1)) + 1))
        {
          g_set_error (error, AXDS_ERROR, AXDS_ERROR_OUT_OF_RANGE,
                       _("Value '%s' is out of range for dtype %s"), text, dtypes[dtype].typestr);
          return FALSE;
        }

      {
        guint64 u = negative ? (guint64) 0 - magnitude : magnitude;
        /* Little-endian hosts only (static-asserted in axds-shared-array.c): low bytes first. */
        memcpy (element, &u, dtypes[dtype].itemsize);
      }
      return TRUE;

    bad_int:
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                   _("Invalid integer value '%s' for dtype %s"), text, dtypes[dtype].typestr);
      return FALSE;
    }

  if (axds_dtype_is_float (dtype))
    {
      double d;

      if (!parse_double (text, &d) ||
          (dtype == AXDS_DTYPE_FLOAT32 && isfinite (d) && isinf ((float) d)))
        {
          g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                       _("Invalid floating-point value '%s' for dtype %s"), text,
                       dtypes[dtype].typestr);
          return FALSE;
        }
      if (dtype == AXDS_DTYPE_FLOAT32)
        {
          float f = (float) d;
          memcpy (element, &f, sizeof f);
        }
      else
        memcpy (element, &d, sizeof d);
      return TRUE;
    }

  /* complex */
  {
    double re, im;

    if (!parse_complex (text, &re, &im))
      {
        g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                     _("Invalid complex value '%s' for dtype %s (expected e.g. 1.5-2j)"), text,
                     dtypes[dtype].typestr);
        return FALSE;
      }
    if (dtype == AXDS_DTYPE_COMPLEX64)
      {
        float c[2] = { (float) re, (float) im };
        memcpy (element, c, sizeof c);
      }
    else
      {
        double c[2] = { re, im };
        memcpy (element, c, sizeof c);
      }
    return TRUE;
  }
}

/**
 * axds_dtype_value_to_double:
 * @dtype: an #AxdsDtype
 * @element: pointer to one element of @dtype (any alignment)
 *
 * Returns: the element as a double; the modulus for complex numbers, 0/1 for bools
 */
double
axds_dtype_value_to_double (AxdsDtype     dtype,
                            gconstpointer element)
{
  union {
    guint8 b; gint8 i8; gint16 i16; gint32 i32; gint64 i64; guint8 u8; guint16 u16;
    guint32 u32; guint64 u64; float f32; double f64; float c64[2]; double c128[2];
  } v;

  g_return_val_if_fail (dtype_valid (dtype), 0.0);

  memcpy (&v, element, dtypes[dtype].itemsize);
  switch (dtype)
    {
    case AXDS_DTYPE_BOOL:       return v.b ? 1.0 : 0.0;
    case AXDS_DTYPE_INT8:       return v.i8;
    case AXDS_DTYPE_INT16:      return v.i16;
    case AXDS_DTYPE_INT32:      return v.i32;
    case AXDS_DTYPE_INT64:      return (double) v.i64;
    case AXDS_DTYPE_UINT8:      return v.u8;
    case AXDS_DTYPE_UINT16:     return v.u16;
    case AXDS_DTYPE_UINT32:     return v.u32;
    case AXDS_DTYPE_UINT64:     return (double) v.u64;
    case AXDS_DTYPE_FLOAT32:    return v.f32;
    case AXDS_DTYPE_FLOAT64:    return v.f64;
    case AXDS_DTYPE_COMPLEX64:  return hypot (v.c64[0], v.c64[1]);
    case AXDS_DTYPE_COMPLEX128: return hypot (v.c128[0], v.c128[1]);
    case AXDS_DTYPE_INVALID:
    case AXDS_DTYPE_LAST:
    default:
      g_return_val_if_reached (0.0);
    }
}

/* Parses a list of integers separated by ',' (or 'x' when @allow_x, as in "512x512"), optionally
 * in ( ) or [ ]. */
static gboolean
parse_int_list (const char  *text,
                const char  *what,
                gboolean     allow_negative,
                gboolean     allow_x,
                guint       *n_out,
                gint64       values[AXDS_MAX_DIMS],
                GError     **error)
{
  g_autofree char *copy = NULL;
  char *s, *end;
  gsize len;
  guint n = 0;

  if (text == NULL)
    text = "";
  copy = g_strstrip (g_strdup (text));
  s = copy;
  len = strlen (s);
  if (len >= 2 && ((s[0] == '(' && s[len - 1] == ')') || (s[0] == '[' && s[len - 1] == ']')))
    {
      s[len - 1] = '\0';
      s++;
    }

  for (;;)
    {
      gint64 v;
      gboolean neg = FALSE;
      guint64 mag;

      while (g_ascii_isspace (*s))
        s++;
      if (*s == '\0')
        break;
      if (n == AXDS_MAX_DIMS)
        {
          g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                       _("Invalid %s '%s': more than %d dimensions"), what, text, AXDS_MAX_DIMS);
          return FALSE;
        }
      if (*s == '-' || *s == '+')
        {
          neg = *s == '-';
          s++;
        }
      if (!g_ascii_isdigit (*s) || (neg && !allow_negative))
        {
          g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                       allow_negative
                       ? _("Invalid %s '%s': expected integers separated by commas")
                       : _("Invalid %s '%s': expected non-negative integers separated by commas"),
                       what, text);
          return FALSE;
        }
      errno = 0;
      mag = g_ascii_strtoull (s, &end, 10);
      if (errno == ERANGE || mag > (guint64) G_MAXINT64)
        {
          g_set_error (error, AXDS_ERROR, AXDS_ERROR_OUT_OF_RANGE,
                       _("Invalid %s '%s': a number is too large"), what, text);
          return FALSE;
        }
      v = neg ? -(gint64) mag : (gint64) mag;
      values[n++] = v;
      s = end;
      while (g_ascii_isspace (*s))
        s++;
      if (*s == ',' || (allow_x && (*s == 'x' || *s == 'X')))
        {
          gboolean comma = *s == ',';

          s++;
          while (g_ascii_isspace (*s))
            s++;
          /* A trailing comma is fine ("(3,)" is how Python writes a 1-tuple); a trailing 'x' is not. */
          if (*s == '\0' && !comma)
            {
              g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                           _("Invalid %s '%s': it ends with a separator"), what, text);
              return FALSE;
            }
          continue;
        }
      if (*s != '\0')
        {
          g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                       _("Invalid %s '%s': unexpected character '%c'"), what, text, *s);
          return FALSE;
        }
    }

  if (n == 0)
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                   _("Invalid %s '%s': no dimensions given"), what, text);
      return FALSE;
    }
  *n_out = n;
  return TRUE;
}

/**
 * axds_shape_parse:
 * @text: a shape such as `1024,1024`, `(3,)`, `512x512`
 * @ndim: (out): number of dimensions
 * @shape: (out caller-allocates): the dimensions
 * @error: return location for a #GError
 *
 * Every dimension must be at least 1 and the element count must not overflow.
 *
 * Returns: %TRUE on success
 */
gboolean
axds_shape_parse (const char  *text,
                  guint       *ndim,
                  guint64      shape[AXDS_MAX_DIMS],
                  GError     **error)
{
  gint64 values[AXDS_MAX_DIMS];
  guint n = 0;
  guint64 count;

  g_return_val_if_fail (ndim != NULL, FALSE);
  g_return_val_if_fail (shape != NULL, FALSE);

  /* Translators: what the user gave, in "Invalid %s '%s': …" */
  if (!parse_int_list (text, _("shape"), FALSE, TRUE, &n, values, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    shape[i] = (guint64) values[i];
  if (!axds_shape_get_n_elements (n, shape, &count, error))
    return FALSE;
  *ndim = n;
  return TRUE;
}

/**
 * axds_shape_get_n_elements:
 * @ndim: number of dimensions, 1 to %AXDS_MAX_DIMS
 * @shape: the dimensions
 * @n_elements: (out): the product of the dimensions
 * @error: return location for a #GError
 *
 * Returns: %FALSE when @ndim is out of range, a dimension is 0, or the product overflows
 */
gboolean
axds_shape_get_n_elements (guint          ndim,
                           const guint64 *shape,
                           guint64       *n_elements,
                           GError       **error)
{
  guint64 count = 1;

  if (ndim == 0 || ndim > AXDS_MAX_DIMS || shape == NULL)
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                   _("Invalid shape: %u dimensions (expected 1 to %d)"), ndim, AXDS_MAX_DIMS);
      return FALSE;
    }
  for (guint i = 0; i < ndim; i++)
    {
      if (shape[i] == 0)
        {
          g_autofree char *s = axds_shape_to_string (ndim, shape);
          g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                       _("Invalid shape %s: dimension %u is zero (arrays must hold data)"), s, i);
          return FALSE;
        }
      if (!g_uint64_checked_mul (&count, count, shape[i]) || count > (guint64) G_MAXINT64)
        {
          g_set_error_literal (error, AXDS_ERROR, AXDS_ERROR_OUT_OF_RANGE,
                               _("Invalid shape: the number of elements overflows"));
          return FALSE;
        }
    }
  if (n_elements)
    *n_elements = count;
  return TRUE;
}

/**
 * axds_shape_to_string:
 * @ndim: number of dimensions
 * @shape: the dimensions
 *
 * Returns: (transfer full): the shape as Python prints a tuple: `(3,)`, `(512, 512)`
 */
char *
axds_shape_to_string (guint          ndim,
                      const guint64 *shape)
{
  GString *s = g_string_new ("(");

  for (guint i = 0; i < ndim && shape != NULL; i++)
    {
      if (i > 0)
        g_string_append (s, ", ");
      g_string_append_printf (s, "%" G_GUINT64_FORMAT, shape[i]);
    }
  if (ndim == 1)
    g_string_append_c (s, ',');
  g_string_append_c (s, ')');
  return g_string_free (s, FALSE);
}

/**
 * axds_index_parse:
 * @text: an index such as `2,3` or `-1`
 * @n_index: (out): number of index components
 * @index: (out caller-allocates): the components, negative ones counting from the end
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
axds_index_parse (const char  *text,
                  guint       *n_index,
                  gint64       index[AXDS_MAX_DIMS],
                  GError     **error)
{
  g_return_val_if_fail (n_index != NULL, FALSE);
  g_return_val_if_fail (index != NULL, FALSE);

  /* Translators: what the user gave, in "Invalid %s '%s': …" */
  return parse_int_list (text, _("index"), TRUE, FALSE, n_index, index, error);
}

/**
 * axds_index_resolve:
 * @ndim: the array's number of dimensions
 * @shape: the array's shape
 * @n_index: number of index components, 1 to @ndim
 * @index: the components; negative ones count from the end as in NumPy
 * @offset: (out): the flat (C-order) element offset of the selection
 * @count: (out): the number of elements selected: 1 for a full index, a whole row or block
 *   when fewer components than dimensions are given
 * @error: return location for a #GError
 *
 * Returns: %FALSE with %AXDS_ERROR_OUT_OF_RANGE when the index lies outside the array
 */
gboolean
axds_index_resolve (guint          ndim,
                    const guint64 *shape,
                    guint          n_index,
                    const gint64  *index,
                    guint64       *offset,
                    guint64       *count,
                    GError       **error)
{
  guint64 off = 0;
  guint64 block = 1;

  g_return_val_if_fail (offset != NULL && count != NULL, FALSE);

  if (!axds_shape_get_n_elements (ndim, shape, NULL, error))
    return FALSE;
  if (n_index == 0 || n_index > ndim || index == NULL)
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                   _("Invalid index: %u components for an array of %u dimensions"), n_index,
                   ndim);
      return FALSE;
    }

  for (guint i = n_index; i < ndim; i++)
    block *= shape[i];

  for (guint i = 0; i < n_index; i++)
    {
      gint64 v = index[i];
      guint64 dim = shape[i];

      if (v < 0)
        v += (gint64) dim;
      if (v < 0 || (guint64) v >= dim)
        {
          g_set_error (error, AXDS_ERROR, AXDS_ERROR_OUT_OF_RANGE,
                       _("Index %" PRId64 " is out of bounds for axis %u with size %" PRIu64),
                       index[i], i, dim);
          return FALSE;
        }
      off = off * dim + (guint64) v;
    }
  for (guint i = n_index; i < ndim; i++)
    off *= shape[i];

  *offset = off;
  *count = block;
  return TRUE;
}

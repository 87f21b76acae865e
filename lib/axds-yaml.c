/* axds-yaml.c — libyaml plumbing shared by the YAML config and the tracker
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * Byte-identical output with Python: the Python library dumps through PyYAML's CDumper, which is
 * libyaml's emitter fed with events. PyYAML asks for the plain style for every scalar and tells
 * libyaml whether the plain text would read back as the same type ("plain_implicit", computed with
 * PyYAML's YAML 1.1 resolver); libyaml then falls back to single and then double quotes as the
 * text requires. We feed the same libyaml emitter the same events and flags, so the quoting,
 * escaping and line folding come out the same. The resolver below mirrors PyYAML's regular
 * expressions one for one.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <gio/gio.h>

#include "axds-error-private.h"
#include "axds-error.h"
#include "axds-i18n-private.h"
#include "axds-yaml-private.h"

#define TAG_PREFIX "tag:yaml.org,2002:"

/* PyYAML's implicit resolvers (yaml/resolver.py), written without the verbose-mode spaces. */
static const struct
{
  AxdsYamlKind kind;
  const char  *first_chars;   /* NULL: tried for the empty string only */
  const char  *pattern;
} resolvers[] = {
  { AXDS_YAML_KIND_BOOL, "yYnNtTfFoO",
    "^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$" },
  { AXDS_YAML_KIND_FLOAT, "-+0123456789.",
    "^(?:[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?"
    "|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
    "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*"
    "|[-+]?\\.(?:inf|Inf|INF)"
    "|\\.(?:nan|NaN|NAN))$" },
  { AXDS_YAML_KIND_INT, "-+0123456789",
    "^(?:[-+]?0b[0-1_]+"
    "|[-+]?0[0-7_]+"
    "|[-+]?(?:0|[1-9][0-9_]*)"
    "|[-+]?0x[0-9a-fA-F_]+"
    "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$" },
  { AXDS_YAML_KIND_OTHER, "<", "^(?:<<)$" },
  { AXDS_YAML_KIND_NULL, "~nN", "^(?:~|null|Null|NULL|)$" },
  { AXDS_YAML_KIND_OTHER, "0123456789",
    "^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
    "|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?"
    "(?:[Tt]|[ \\t]+)[0-9][0-9]?"
    ":[0-9][0-9]:[0-9][0-9](?:\\.[0-9]*)?"
    "(?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$" },
  { AXDS_YAML_KIND_OTHER, "=", "^(?:=)$" },
  { AXDS_YAML_KIND_OTHER, "!&*", "^(?:!|&|\\*)$" },
};

static GRegex *
get_resolver_regex (guint i)
{
  static GRegex *compiled[G_N_ELEMENTS (resolvers)];
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      for (guint j = 0; j < G_N_ELEMENTS (resolvers); j++)
        {
          /* Not G_REGEX_OPTIMIZE: PCRE2's JIT code reads past what it has written, which
           * Valgrind reports, and a reference that only the tests run need not be fast. */
          compiled[j] = g_regex_new (resolvers[j].pattern, 0, 0, NULL);
          g_assert (compiled[j] != NULL);
        }
      g_once_init_leave (&initialized, 1);
    }
  return compiled[i];
}

/* Hand-written matchers of the same expressions, for speed: the resolver runs for every scalar
 * written and read. Each consumes from *p and returns FALSE when the text does not match. The
 * expressions have no ambiguity a greedy scan could get wrong (each repetition is followed by a
 * character it cannot contain). tests/lib/test-yaml-config.c checks them against the regexes. */

static gboolean
is_digit (const char *p, const char *end)
{
  return p < end && *p >= '0' && *p <= '9';
}

static gboolean
match_sign (const char **p, const char *end)
{
  if (*p < end && (**p == '-' || **p == '+'))
    (*p)++;
  return TRUE;
}

/* [0-9_]* */
static void
skip_digits_ (const char **p, const char *end)
{
  while (*p < end && (is_digit (*p, end) || **p == '_'))
    (*p)++;
}

/* (?::[0-5]?[0-9])+ */
static gboolean
match_sexagesimal (const char **p, const char *end)
{
  gboolean any = FALSE;

  while (*p < end && **p == ':')
    {
      const char *q = *p + 1;

      if (is_digit (q, end) && *q <= '5' && is_digit (q + 1, end))
        q += 2;
      else if (is_digit (q, end))
        q += 1;
      else
        return any;   /* the ':' is not part of the number: the caller sees it left over */
      *p = q;
      any = TRUE;
    }
  return any;
}

/* (?:[eE][-+][0-9]+)? */
static void
match_exponent (const char **p, const char *end)
{
  const char *q = *p;

  if (q < end && (*q == 'e' || *q == 'E') && q + 1 < end && (q[1] == '-' || q[1] == '+') &&
      is_digit (q + 2, end))
    {
      q += 2;
      while (is_digit (q, end))
        q++;
      *p = q;
    }
}

static gboolean
matches_one_of (const char *value, gsize length, const char *const *words)
{
  for (; *words; words++)
    if (strlen (*words) == length && memcmp (value, *words, length) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
match_int (const char *s, const char *end)
{
  const char *p = s, *q;

  match_sign (&p, end);
  if (p + 1 < end && p[0] == '0' && p[1] == 'b')
    {
      q = p + 2;
      while (q < end && (*q == '0' || *q == '1' || *q == '_'))
        q++;
      return q > p + 2 && q == end;
    }
  if (p + 1 < end && p[0] == '0' && p[1] == 'x')
    {
      q = p + 2;
      while (q < end && (g_ascii_isxdigit (*q) || *q == '_'))
        q++;
      return q > p + 2 && q == end;
    }
  if (p < end && p[0] == '0')
    {
      q = p + 1;
      if (q == end)
        return TRUE;   /* 0 */
      while (q < end && ((*q >= '0' && *q <= '7') || *q == '_'))
        q++;
      return q == end;
    }
  if (p < end && *p >= '1' && *p <= '9')
    {
      q = p + 1;
      skip_digits_ (&q, end);
      if (q == end)
        return TRUE;
      return match_sexagesimal (&q, end) && q == end;
    }
  return FALSE;
}

static gboolean
match_float (const char *s, const char *end)
{
  const char *p = s, *q;
  static const char *const inf[] = { ".inf", ".Inf", ".INF", NULL };
  static const char *const nan[] = { ".nan", ".NaN", ".NAN", NULL };

  if (matches_one_of (s, (gsize) (end - s), nan))
    return TRUE;
  if (s < end && *s == '.' && is_digit (s + 1, end))
    {
      q = s + 1;
      skip_digits_ (&q, end);
      match_exponent (&q, end);
      return q == end;
    }
  match_sign (&p, end);
  if (matches_one_of (p, (gsize) (end - p), inf))
    return TRUE;
  if (!is_digit (p, end))
    return FALSE;
  q = p + 1;
  skip_digits_ (&q, end);
  if (q < end && *q == '.')
    {
      q++;
      skip_digits_ (&q, end);
      match_exponent (&q, end);
      return q == end;
    }
  if (match_sexagesimal (&q, end) && q < end && *q == '.')
    {
      q++;
      skip_digits_ (&q, end);
      return q == end;
    }
  return FALSE;
}

/* [0-9][0-9]? */
static gboolean
match_1or2_digits (const char **p, const char *end)
{
  if (!is_digit (*p, end))
    return FALSE;
  (*p)++;
  if (is_digit (*p, end))
    (*p)++;
  return TRUE;
}

static gboolean
match_n_digits (const char **p, const char *end, int n)
{
  for (int i = 0; i < n; i++, (*p)++)
    if (!is_digit (*p, end))
      return FALSE;
  return TRUE;
}

static gboolean
match_timestamp (const char *s, const char *end)
{
  const char *p = s, *q;

  /* YYYY-MM-DD alone */
  q = s;
  if (match_n_digits (&q, end, 4) && q < end && *q++ == '-' && match_n_digits (&q, end, 2) &&
      q < end && *q++ == '-' && match_n_digits (&q, end, 2) && q == end)
    return TRUE;

  if (!match_n_digits (&p, end, 4) || p >= end || *p++ != '-' || !match_1or2_digits (&p, end) ||
      p >= end || *p++ != '-' || !match_1or2_digits (&p, end))
    return FALSE;
  if (p < end && (*p == 'T' || *p == 't'))
    p++;
  else if (p < end && (*p == ' ' || *p == '\t'))
    while (p < end && (*p == ' ' || *p == '\t'))
      p++;
  else
    return FALSE;
  if (!match_1or2_digits (&p, end) || p >= end || *p++ != ':' || !match_n_digits (&p, end, 2) ||
      p >= end || *p++ != ':' || !match_n_digits (&p, end, 2))
    return FALSE;
  if (p < end && *p == '.')
    {
      p++;
      while (is_digit (p, end))
        p++;
    }
  if (p == end)
    return TRUE;
  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  if (p < end && *p == 'Z')
    return p + 1 == end;
  if (p < end && (*p == '-' || *p == '+'))
    {
      p++;
      if (!match_1or2_digits (&p, end))
        return FALSE;
      if (p < end && *p == ':')
        {
          p++;
          if (!match_n_digits (&p, end, 2))
            return FALSE;
        }
      return p == end;
    }
  return FALSE;
}

/**
 * _axds_yaml_resolve_plain:
 * @value: scalar text
 * @length: its length in bytes
 *
 * What PyYAML would load @value as if it were written plain (unquoted).
 */
AxdsYamlKind
_axds_yaml_resolve_plain (const char *value,
                          gsize       length)
{
  static const char *const bools[] = { "yes", "Yes", "YES", "no", "No", "NO", "true", "True",
                                       "TRUE", "false", "False", "FALSE", "on", "On", "ON",
                                       "off", "Off", "OFF", NULL };
  static const char *const nulls[] = { "~", "null", "Null", "NULL", NULL };
  static const char *const others[] = { "<<", "=", "!", "&", "*", NULL };
  const char *end;

  if (length == 0)
    return AXDS_YAML_KIND_NULL;
  /* Most text starts with a letter that no resolver claims. */
  if (strchr ("yYnNtTfFoO-+0123456789.<~=!&*", value[0]) == NULL)
    return AXDS_YAML_KIND_STR;

  /* Python's '$' also matches before a final newline. */
  end = value + length;
  if (end[-1] == '\n')
    end--;
  length = (gsize) (end - value);

  if (matches_one_of (value, length, bools))
    return AXDS_YAML_KIND_BOOL;
  if (strchr ("-+0123456789.", value[0]) != NULL && match_float (value, end))
    return AXDS_YAML_KIND_FLOAT;
  if (strchr ("-+0123456789", value[0]) != NULL && match_int (value, end))
    return AXDS_YAML_KIND_INT;
  if (matches_one_of (value, length, nulls) || length == 0)
    return AXDS_YAML_KIND_NULL;
  if (matches_one_of (value, length, others))
    return AXDS_YAML_KIND_OTHER;
  if (g_ascii_isdigit (value[0]) && match_timestamp (value, end))
    return AXDS_YAML_KIND_OTHER;
  return AXDS_YAML_KIND_STR;
}

/**
 * _axds_yaml_resolve_plain_regex:
 *
 * The same as _axds_yaml_resolve_plain() through PyYAML's own regular expressions: slow, kept
 * as the reference the tests compare the hand-written matchers with.
 */
AxdsYamlKind
_axds_yaml_resolve_plain_regex (const char *value,
                                gsize       length)
{
  if (length == 0)
    return AXDS_YAML_KIND_NULL;
  for (guint i = 0; i < G_N_ELEMENTS (resolvers); i++)
    {
      if (strchr (resolvers[i].first_chars, value[0]) == NULL)
        continue;
      if (g_regex_match_full (get_resolver_regex (i), value, (gssize) length, 0, 0, NULL, NULL))
        return resolvers[i].kind;
    }
  return AXDS_YAML_KIND_STR;
}

void
_axds_yaml_set_error_at (GError           **error,
                         gint               code,
                         const char        *display_name,
                         const yaml_mark_t *mark,
                         const char        *format,
                         ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  if (mark != NULL)
    g_set_error (error, AXDS_ERROR, code, _("%s: line %zu, column %zu: %s"), display_name,
                 (size_t) mark->line + 1, (size_t) mark->column + 1, msg);
  else
    g_set_error (error, AXDS_ERROR, code, "%s: %s", display_name, msg);
}

/**
 * _axds_yaml_scalar_kind:
 * @event: a scalar event
 * @error: set for an explicit tag other than the YAML core ones
 *
 * Quoted scalars are strings; plain ones resolve as PyYAML's safe loader resolves them.
 */
AxdsYamlKind
_axds_yaml_scalar_kind (const yaml_event_t  *event,
                        GError             **error)
{
  const char *tag = (const char *) event->data.scalar.tag;

  if (tag != NULL && strcmp (tag, "!") != 0)
    {
      static const struct { const char *name; AxdsYamlKind kind; } core[] = {
        { TAG_PREFIX "str", AXDS_YAML_KIND_STR },
        { TAG_PREFIX "int", AXDS_YAML_KIND_INT },
        { TAG_PREFIX "float", AXDS_YAML_KIND_FLOAT },
        { TAG_PREFIX "bool", AXDS_YAML_KIND_BOOL },
        { TAG_PREFIX "null", AXDS_YAML_KIND_NULL },
      };

      for (guint i = 0; i < G_N_ELEMENTS (core); i++)
        if (strcmp (tag, core[i].name) == 0)
          return core[i].kind;
      /* The reader refuses other tags before anyone asks. */
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_PARSE, _("unsupported tag '%s'"), tag);
      return AXDS_YAML_KIND_OTHER;
    }
  if (tag != NULL || event->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
    return AXDS_YAML_KIND_STR;
  return _axds_yaml_resolve_plain ((const char *) event->data.scalar.value,
                                   event->data.scalar.length);
}

/**
 * _axds_yaml_parse_int:
 * @text: a YAML 1.1 integer (decimal, 0b, 0 octal, 0x, sexagesimal, with `_` separators)
 * @negative: (out): whether it had a minus sign
 * @magnitude: (out): its absolute value
 *
 * Returns: %FALSE when @text is not an integer or does not fit 64 bits
 */
gboolean
_axds_yaml_parse_int (const char *text,
                      gboolean   *negative,
                      guint64    *magnitude)
{
  const char *p = text;
  guint64 value = 0;
  guint base = 10;

  *negative = FALSE;
  if (*p == '-' || *p == '+')
    *negative = (*p++ == '-');
  if (*p == '\0')
    return FALSE;

  if (strchr (p, ':') != NULL)
    {
      /* Sexagesimal: 1:30 is 90. Each part after the first is below 60. */
      guint64 part = 0;
      gboolean first = TRUE, any = FALSE;

      for (;; p++)
        {
          if (*p == ':' || *p == '\0')
            {
              if (!any || (!first && part >= 60))
                return FALSE;
              if (value > (G_MAXUINT64 - part) / 60)
                return FALSE;
              value = value * 60 + part;
              part = 0;
              any = FALSE;
              first = FALSE;
              if (*p == '\0')
                break;
              continue;
            }
          if (*p == '_' && first)
            continue;
          if (!g_ascii_isdigit (*p) || part > (G_MAXUINT64 - 9) / 10)
            return FALSE;
          part = part * 10 + (guint64) (*p - '0');
          any = TRUE;
        }
      *magnitude = value;
      return TRUE;
    }

  if (p[0] == '0' && p[1] == 'b')
    base = 2, p += 2;
  else if (p[0] == '0' && p[1] == 'x')
    base = 16, p += 2;
  else if (p[0] == '0' && p[1] != '\0')
    base = 8, p += 1;

  if (*p == '\0')
    return FALSE;
  for (; *p; p++)
    {
      int digit;

      if (*p == '_')
        continue;
      digit = g_ascii_xdigit_value (*p);
      if (digit < 0 || (guint) digit >= base)
        return FALSE;
      if (value > (G_MAXUINT64 - (guint64) digit) / base)
        return FALSE;
      value = value * base + (guint64) digit;
    }
  *magnitude = value;
  return TRUE;
}

gboolean
_axds_yaml_parse_bool (const char *text,
                       gboolean   *value)
{
  static const char *const truthy[] = { "yes", "Yes", "YES", "true", "True", "TRUE",
                                        "on", "On", "ON" };
  static const char *const falsy[] = { "no", "No", "NO", "false", "False", "FALSE",
                                       "off", "Off", "OFF" };

  for (guint i = 0; i < G_N_ELEMENTS (truthy); i++)
    {
      if (strcmp (text, truthy[i]) == 0)
        return (*value = TRUE), TRUE;
      if (strcmp (text, falsy[i]) == 0)
        return (*value = FALSE), TRUE;
    }
  return FALSE;
}

/**
 * _axds_yaml_parse_float:
 *
 * Reads a YAML 1.1 float (or integer: PyYAML would give an int, which a float field takes).
 */
gboolean
_axds_yaml_parse_float (const char *text,
                        double     *value)
{
  g_autoptr(GString) clean = g_string_new (NULL);
  const char *p = text;
  char *end = NULL;
  gboolean negative = FALSE;
  guint64 magnitude;

  if (_axds_yaml_parse_int (text, &negative, &magnitude))
    {
      *value = negative ? -(double) magnitude : (double) magnitude;
      return TRUE;
    }
  if (*p == '-' || *p == '+')
    {
      negative = (*p == '-');
      p++;
    }
  if (strcmp (p, ".inf") == 0 || strcmp (p, ".Inf") == 0 || strcmp (p, ".INF") == 0)
    return (*value = negative ? -INFINITY : INFINITY), TRUE;
  if (p == text && (strcmp (p, ".nan") == 0 || strcmp (p, ".NaN") == 0 ||
                    strcmp (p, ".NAN") == 0))
    return (*value = NAN), TRUE;
  if (strchr (p, ':') != NULL || *p == '\0')
    return FALSE;
  for (; *p; p++)
    {
      if (*p == '_')
        continue;
      if (!g_ascii_isdigit (*p) && *p != '.' && *p != 'e' && *p != 'E' && *p != '-' && *p != '+')
        return FALSE;
      g_string_append_c (clean, *p);
    }
  *value = g_ascii_strtod (clean->str, &end);
  if (end == NULL || *end != '\0' || end == clean->str)
    return FALSE;
  if (negative)
    *value = -*value;
  return TRUE;
}

/**
 * _axds_yaml_format_double:
 *
 * Formats @value as PyYAML's representer does: Python's shortest round-trip repr() (fixed
 * notation for exponents -4..15, else d.dde+XX), lower case, with `.0` inserted before a bare
 * exponent, and `.nan`, `.inf`, `-.inf` for the special values.
 */
void
_axds_yaml_format_double (double  value,
                          char   *buf,
                          gsize   buf_len)
{
  char sci[64];
  char digits[32];
  gsize n_digits = 0;
  int exponent, precision;
  gboolean negative;
  GString *out;
  const char *p;

  if (isnan (value))
    {
      g_strlcpy (buf, ".nan", buf_len);
      return;
    }
  if (isinf (value))
    {
      g_strlcpy (buf, value > 0 ? ".inf" : "-.inf", buf_len);
      return;
    }

  /* The shortest number of significant digits that reads back exactly. */
  for (precision = 1; precision <= 17; precision++)
    {
      g_snprintf (sci, sizeof sci, "%.*e", precision - 1, value);
      if (g_ascii_strtod (sci, NULL) == value)
        break;
    }

  p = sci;
  negative = (*p == '-');
  if (negative)
    p++;
  for (; *p && *p != 'e'; p++)
    if (g_ascii_isdigit (*p))
      digits[n_digits++] = *p;
  exponent = atoi (p + 1);
  /* Trailing zeros carry no information (repr("1e+17") has one digit). */
  while (n_digits > 1 && digits[n_digits - 1] == '0')
    n_digits--;
  digits[n_digits] = '\0';

  out = g_string_new (negative ? "-" : "");
  if (exponent >= -4 && exponent < 16)
    {
      if (exponent < 0)
        {
          g_string_append (out, "0.");
          for (int i = 0; i < -exponent - 1; i++)
            g_string_append_c (out, '0');
          g_string_append (out, digits);
        }
      else
        {
          for (int i = 0; i <= exponent; i++)
            g_string_append_c (out, (gsize) i < n_digits ? digits[i] : '0');
          g_string_append_c (out, '.');
          if ((gsize) exponent + 1 < n_digits)
            g_string_append (out, digits + exponent + 1);
          else
            g_string_append_c (out, '0');
        }
    }
  else
    {
      g_string_append_c (out, digits[0]);
      /* PyYAML turns repr's "1e+17" into "1.0e+17" so that it resolves as a float. */
      g_string_append_c (out, '.');
      if (n_digits > 1)
        g_string_append (out, digits + 1);
      else
        g_string_append_c (out, '0');
      g_string_append_printf (out, "e%c%02d", exponent < 0 ? '-' : '+', ABS (exponent));
    }
  g_strlcpy (buf, out->str, buf_len);
  g_string_free (out, TRUE);
}

gboolean
_axds_yaml_check_extension (const char  *path,
                            GError     **error)
{
  if (g_str_has_suffix (path, ".yaml") || g_str_has_suffix (path, ".yml"))
    {
      g_autofree char *base = g_path_get_basename (path);

      /* Python's Path.suffix of ".yaml" alone is empty: the name needs a stem. */
      if (strcmp (base, ".yaml") != 0 && strcmp (base, ".yml") != 0)
        return TRUE;
    }
  g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
               _("Invalid YAML file path '%s': expected a path ending in '.yaml' or '.yml'"),
               path);
  return FALSE;
}

/* Reader. */

void
_axds_yaml_reader_init (AxdsYamlReader *reader,
                        const char     *data,
                        gsize           length,
                        const char     *display_name)
{
  memset (reader, 0, sizeof *reader);
  yaml_parser_initialize (&reader->parser);
  yaml_parser_set_input_string (&reader->parser, (const unsigned char *) data, length);
  reader->display_name = display_name;
}

void
_axds_yaml_reader_clear (AxdsYamlReader *reader)
{
  yaml_parser_delete (&reader->parser);
}

static gboolean
collection_tag_ok (const yaml_char_t *tag,
                   const char        *core)
{
  return tag == NULL || strcmp ((const char *) tag, "!") == 0 ||
         (g_str_has_prefix ((const char *) tag, TAG_PREFIX) &&
          strcmp ((const char *) tag + strlen (TAG_PREFIX), core) == 0);
}

/**
 * _axds_yaml_reader_next:
 *
 * Pulls the next event, refusing what a data file has no use for and an attacker could abuse:
 * aliases and anchors (billion laughs), unknown tags, nesting beyond %AXDS_YAML_MAX_DEPTH and
 * scalars beyond %AXDS_YAML_MAX_SCALAR. On failure @event holds nothing to delete.
 */
gboolean
_axds_yaml_reader_next (AxdsYamlReader  *reader,
                        yaml_event_t    *event,
                        GError         **error)
{
  const yaml_char_t *anchor = NULL;

  if (!yaml_parser_parse (&reader->parser, event))
    {
      yaml_parser_t *p = &reader->parser;
      /* libyaml's own descriptions of the problem are English only. */
      const char *problem = p->problem ? p->problem : _("unknown error");

      if (p->context != NULL)
        g_set_error (error, AXDS_ERROR, AXDS_ERROR_PARSE,
                     _("%s: malformed YAML at line %zu, column %zu: %s %s"), reader->display_name,
                     (size_t) p->problem_mark.line + 1, (size_t) p->problem_mark.column + 1,
                     p->context, problem);
      else
        g_set_error (error, AXDS_ERROR, AXDS_ERROR_PARSE,
                     _("%s: malformed YAML at line %zu, column %zu: %s"), reader->display_name,
                     (size_t) p->problem_mark.line + 1, (size_t) p->problem_mark.column + 1,
                     problem);
      memset (event, 0, sizeof *event);
      return FALSE;
    }

  switch (event->type)
    {
    case YAML_ALIAS_EVENT:
      _axds_yaml_set_error_at (error, AXDS_ERROR_PARSE, reader->display_name, &event->start_mark,
                               _("YAML aliases are not supported"));
      goto fail;

    case YAML_SCALAR_EVENT:
      anchor = event->data.scalar.anchor;
      if (event->data.scalar.tag != NULL)
        {
          GError *local = NULL;

          _axds_yaml_scalar_kind (event, &local);
          if (local != NULL)
            {
              _axds_yaml_set_error_at (error, AXDS_ERROR_PARSE, reader->display_name,
                                       &event->start_mark, "%s", local->message);
              g_error_free (local);
              goto fail;
            }
        }
      /* C strings end at NUL: a "\0" escape would silently cut the text, so refuse it. */
      if (memchr (event->data.scalar.value, '\0', event->data.scalar.length) != NULL)
        {
          _axds_yaml_set_error_at (error, AXDS_ERROR_WRONG_TYPE, reader->display_name,
                                   &event->start_mark, _("a string holds a NUL character"));
          goto fail;
        }
      if (event->data.scalar.length > AXDS_YAML_MAX_SCALAR)
        {
          _axds_yaml_set_error_at (error, AXDS_ERROR_PARSE, reader->display_name,
                                   &event->start_mark, _("a scalar is longer than %u bytes"),
                                   AXDS_YAML_MAX_SCALAR);
          goto fail;
        }
      break;

    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT:
      {
        gboolean mapping = event->type == YAML_MAPPING_START_EVENT;
        const yaml_char_t *tag = mapping ? event->data.mapping_start.tag
                                         : event->data.sequence_start.tag;

        anchor = mapping ? event->data.mapping_start.anchor : event->data.sequence_start.anchor;
        if (!collection_tag_ok (tag, mapping ? "map" : "seq"))
          {
            _axds_yaml_set_error_at (error, AXDS_ERROR_PARSE, reader->display_name,
                                     &event->start_mark, _("unsupported tag '%s'"),
                                     (const char *) tag);
            goto fail;
          }
        if (++reader->depth > AXDS_YAML_MAX_DEPTH)
          {
            _axds_yaml_set_error_at (error, AXDS_ERROR_PARSE, reader->display_name,
                                     &event->start_mark, _("nested deeper than %d levels"),
                                     AXDS_YAML_MAX_DEPTH);
            goto fail;
          }
      }
      break;

    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
      reader->depth--;
      break;

    case YAML_NO_EVENT:
    case YAML_STREAM_START_EVENT:
    case YAML_STREAM_END_EVENT:
    case YAML_DOCUMENT_START_EVENT:
    case YAML_DOCUMENT_END_EVENT:
    default:
      break;
    }

  if (anchor != NULL)
    {
      _axds_yaml_set_error_at (error, AXDS_ERROR_PARSE, reader->display_name, &event->start_mark,
                               _("YAML anchors are not supported"));
      goto fail;
    }
  return TRUE;

fail:
  yaml_event_delete (event);
  memset (event, 0, sizeof *event);
  return FALSE;
}

/**
 * _axds_yaml_reader_skip:
 * @first: the event that opened the node to skip (a scalar, or a collection start)
 *
 * Consumes the rest of a node whose value is of no interest (an unknown field).
 */
gboolean
_axds_yaml_reader_skip (AxdsYamlReader  *reader,
                        yaml_event_t    *first,
                        GError         **error)
{
  guint level;

  if (first->type != YAML_SEQUENCE_START_EVENT && first->type != YAML_MAPPING_START_EVENT)
    return TRUE;
  level = 1;
  while (level > 0)
    {
      yaml_event_t event;

      if (!_axds_yaml_reader_next (reader, &event, error))
        return FALSE;
      if (event.type == YAML_SEQUENCE_START_EVENT || event.type == YAML_MAPPING_START_EVENT)
        level++;
      else if (event.type == YAML_SEQUENCE_END_EVENT || event.type == YAML_MAPPING_END_EVENT)
        level--;
      yaml_event_delete (&event);
    }
  return TRUE;
}

/* Writer. */

static int
writer_output_cb (void          *data,
                  unsigned char *buffer,
                  size_t         size)
{
  AxdsYamlWriter *writer = data;

  g_string_append_len (writer->out, (const char *) buffer, (gssize) size);
  return 1;
}

static gboolean
writer_emit (AxdsYamlWriter  *writer,
             yaml_event_t    *event,
             GError         **error)
{
  if (!yaml_emitter_emit (&writer->emitter, event))
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT, _("%s: cannot write YAML: %s"),
                   writer->display_name,
                   writer->emitter.problem ? writer->emitter.problem : _("emitter error"));
      return FALSE;
    }
  return TRUE;
}

gboolean
_axds_yaml_writer_begin (AxdsYamlWriter  *writer,
                         GString         *out,
                         const char      *display_name,
                         GError         **error)
{
  yaml_event_t event;

  memset (writer, 0, sizeof *writer);
  writer->out = out;
  writer->display_name = display_name;
  yaml_emitter_initialize (&writer->emitter);
  yaml_emitter_set_output (&writer->emitter, writer_output_cb, writer);
  /* The Python library's options: allow_unicode=False, indent=10 (libyaml takes only 2..9 and
   * falls back to 2), width=200, default line breaks. */
  yaml_emitter_set_unicode (&writer->emitter, 0);
  yaml_emitter_set_indent (&writer->emitter, 2);
  yaml_emitter_set_width (&writer->emitter, 200);
  yaml_emitter_set_break (&writer->emitter, YAML_LN_BREAK);

  yaml_stream_start_event_initialize (&event, YAML_UTF8_ENCODING);
  if (!writer_emit (writer, &event, error))
    return FALSE;
  yaml_document_start_event_initialize (&event, NULL, NULL, NULL, 0);
  return writer_emit (writer, &event, error);
}

gboolean
_axds_yaml_writer_end (AxdsYamlWriter  *writer,
                       GError         **error)
{
  yaml_event_t event;

  yaml_document_end_event_initialize (&event, 0);
  if (!writer_emit (writer, &event, error))
    return FALSE;
  yaml_stream_end_event_initialize (&event);
  if (!writer_emit (writer, &event, error))
    return FALSE;
  return yaml_emitter_flush (&writer->emitter) != 0;
}

void
_axds_yaml_writer_clear (AxdsYamlWriter *writer)
{
  yaml_emitter_delete (&writer->emitter);
}

gboolean
_axds_yaml_write_str (AxdsYamlWriter  *writer,
                      const char      *value,
                      GError         **error)
{
  yaml_event_t event;
  gsize length = strlen (value);
  int plain_implicit;

  if (!g_utf8_validate (value, (gssize) length, NULL))
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                   _("%s: cannot write a string that is not valid UTF-8"), writer->display_name);
      return FALSE;
    }
  plain_implicit = _axds_yaml_resolve_plain (value, length) == AXDS_YAML_KIND_STR;
  yaml_scalar_event_initialize (&event, NULL, NULL, (yaml_char_t *) value, (int) length,
                                plain_implicit, 1, YAML_ANY_SCALAR_STYLE);
  return writer_emit (writer, &event, error);
}

gboolean
_axds_yaml_write_plain (AxdsYamlWriter  *writer,
                        const char      *text,
                        GError         **error)
{
  yaml_event_t event;

  yaml_scalar_event_initialize (&event, NULL, NULL, (yaml_char_t *) text, (int) strlen (text),
                                1, 0, YAML_PLAIN_SCALAR_STYLE);
  return writer_emit (writer, &event, error);
}

gboolean
_axds_yaml_write_uint64 (AxdsYamlWriter  *writer,
                         guint64          value,
                         GError         **error)
{
  char buf[32];

  g_snprintf (buf, sizeof buf, "%" G_GUINT64_FORMAT, value);
  return _axds_yaml_write_plain (writer, buf, error);
}

gboolean
_axds_yaml_write_int64 (AxdsYamlWriter  *writer,
                        gint64           value,
                        GError         **error)
{
  char buf[32];

  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, value);
  return _axds_yaml_write_plain (writer, buf, error);
}

gboolean
_axds_yaml_write_double (AxdsYamlWriter  *writer,
                         double           value,
                         GError         **error)
{
  char buf[64];

  _axds_yaml_format_double (value, buf, sizeof buf);
  return _axds_yaml_write_plain (writer, buf, error);
}

gboolean
_axds_yaml_write_mapping (AxdsYamlWriter  *writer,
                          gboolean         start,
                          GError         **error)
{
  yaml_event_t event;

  if (start)
    yaml_mapping_start_event_initialize (&event, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
  else
    yaml_mapping_end_event_initialize (&event);
  return writer_emit (writer, &event, error);
}

gboolean
_axds_yaml_write_sequence (AxdsYamlWriter  *writer,
                           gboolean         start,
                           GError         **error)
{
  yaml_event_t event;

  if (start)
    yaml_sequence_start_event_initialize (&event, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE);
  else
    yaml_sequence_end_event_initialize (&event);
  return writer_emit (writer, &event, error);
}

/* Files. */


gboolean
_axds_yaml_read_file (const char  *path,
                      char       **data,
                      gsize       *length,
                      GError     **error)
{
  g_autofree char *buf = NULL;
  struct stat st;
  gsize capacity, used = 0;
  int fd;

  fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return _axds_set_file_error (error, errno, _AXDS_FILE_OPEN, path);
  if (fstat (fd, &st) != 0)
    {
      int saved = errno;
      close (fd);
      return _axds_set_file_error (error, saved, _AXDS_FILE_INSPECT, path);
    }
  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("Cannot read '%s': not a regular file"), path);
      return FALSE;
    }
  if ((guint64) st.st_size > AXDS_YAML_MAX_FILE_SIZE)
    {
      close (fd);
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_PARSE,
                   _("%s: the file is larger than %zu bytes"), path,
                   AXDS_YAML_MAX_FILE_SIZE);
      return FALSE;
    }

  capacity = (gsize) st.st_size + 1;
  buf = g_malloc (capacity + 1);
  for (;;)
    {
      ssize_t n;

      if (used == capacity)
        {
          if (capacity > AXDS_YAML_MAX_FILE_SIZE)
            {
              close (fd);
              g_set_error (error, AXDS_ERROR, AXDS_ERROR_PARSE, _("%s: the file is too large"),
                           path);
              return FALSE;
            }
          capacity *= 2;
          buf = g_realloc (buf, capacity + 1);
        }
      n = read (fd, buf + used, capacity - used);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          close (fd);
          return _axds_set_file_error (error, saved, _AXDS_FILE_READ, path);
        }
      if (n == 0)
        break;
      used += (gsize) n;
    }
  close (fd);
  buf[used] = '\0';
  *length = used;
  *data = g_steal_pointer (&buf);
  return TRUE;
}

static gboolean
write_all (int         fd,
           const char *data,
           gsize       length)
{
  while (length > 0)
    {
      ssize_t n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      length -= (gsize) n;
    }
  return TRUE;
}

/**
 * _axds_yaml_write_file_atomic:
 * @sync: fsync the file before the rename and its folder after it (durable across power loss)
 *
 * Readers see the old document or the new one, never a mix: the new one is written to a hidden
 * temporary file in the same folder (so the rename cannot cross file systems) and renamed over
 * the old. Missing parent folders are created, as the Python library does.
 */
gboolean
_axds_yaml_write_file_atomic (const char  *path,
                              const char  *data,
                              gsize        length,
                              gboolean     sync,
                              GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmp = NULL;
  int fd, saved;

  tmp = g_strdup_printf ("%s/.%s.XXXXXX.tmp", dir, base);
  /* g_mkstemp_full() honours the umask with 0666, unlike mkstemp()'s 0600. The folder is made
   * only when missing, so the common case costs no extra system call. */
  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0666);
  if (fd < 0 && errno == ENOENT)
    {
      if (g_mkdir_with_parents (dir, 0777) != 0)
        return _axds_set_file_error (error, errno, _AXDS_FILE_CREATE_FOLDER, path);
      g_free (tmp);
      tmp = g_strdup_printf ("%s/.%s.XXXXXX.tmp", dir, base);
      fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0666);
    }
  if (fd < 0)
    return _axds_set_file_error (error, errno, _AXDS_FILE_CREATE_TEMPORARY, path);

  if (!write_all (fd, data, length) || (sync && fsync (fd) != 0))
    {
      saved = errno;
      close (fd);
      unlink (tmp);
      return _axds_set_file_error (error, saved ? saved : EIO, _AXDS_FILE_WRITE, path);
    }
  if (close (fd) != 0)
    {
      saved = errno;
      unlink (tmp);
      return _axds_set_file_error (error, saved, _AXDS_FILE_WRITE, path);
    }
  if (rename (tmp, path) != 0)
    {
      saved = errno;
      unlink (tmp);
      return _axds_set_file_error (error, saved, _AXDS_FILE_REPLACE, path);
    }
  if (sync)
    {
      int dfd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

      /* The rename is done: a failing folder sync only weakens durability, not the content. */
      if (dfd >= 0)
        {
          if (fsync (dfd) != 0)
            g_debug ("fsync of folder '%s' failed: %s", dir, g_strerror (errno));
          close (dfd);
        }
    }
  return TRUE;
}

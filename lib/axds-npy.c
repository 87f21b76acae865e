/* axds-npy.c
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * The .npy format: the magic "\x93NUMPY", a major and minor version byte, the header length
 * (u16 in 1.0, u32 in 2.0 and 3.0), then a Python dict literal padded with spaces and ending in
 * '\n' so that the data starts on a 64-byte boundary. We only ever write 1-D uint8 arrays, whose
 * header is always 128 bytes (see AXDS_NPY_U8_HEADER_SIZE). Headers we read may come from
 * anywhere: the parser accepts exactly the dict numpy writes (three keys, literals only), checks
 * every length against the file, and never allocates from a size it read.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include <gio/gio.h>

#include "axds-error-private.h"
#include "axds-error.h"
#include "axds-i18n-private.h"
#include "axds-npy.h"

#define NPY_MAGIC     "\x93NUMPY"
#define NPY_MAGIC_LEN 6
/* What every canonical 1-D uint8 header starts with: magic, version 1.0, length 118, the dict
 * up to the length. */
#define U8_HEADER_PREFIX \
  "\x93NUMPY\x01\x00\x76\x00{'descr': '|u1', 'fortran_order': False, 'shape': ("
/* Headers larger than this are refused; numpy itself refuses more than 10,000 bytes by default. */
#define NPY_MAX_HEADER_LEN (1024 * 1024)

/**
 * axds_npy_format_u8_header:
 * @length: number of elements of the array
 * @header: (out caller-allocates): %AXDS_NPY_U8_HEADER_SIZE bytes
 *
 * Writes the header `numpy.save` (format 1.0) writes for a 1-D uint8 array of @length
 * elements, byte for byte.
 */
void
axds_npy_format_u8_header (guint64  length,
                           guint8  *header)
{
  int n;

  g_return_if_fail (header != NULL);

  memset (header, ' ', AXDS_NPY_U8_HEADER_SIZE);
  memcpy (header, NPY_MAGIC "\x01\x00", 8);
  header[8] = (AXDS_NPY_U8_HEADER_SIZE - 10) & 0xff;
  header[9] = 0;
  /* The dict is at most 77 characters, so it never reaches the final newline. */
  n = g_snprintf ((char *) header + 10, AXDS_NPY_U8_HEADER_SIZE - 10,
                  "{'descr': '|u1', 'fortran_order': False, 'shape': (%" G_GUINT64_FORMAT ",), }",
                  length);
  header[10 + n] = ' ';
  header[AXDS_NPY_U8_HEADER_SIZE - 1] = '\n';
}

typedef struct
{
  const char *p;
  const char *end;
} Scanner;

static void
skip_space (Scanner *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\t'))
    s->p++;
}

static gboolean
expect_char (Scanner *s,
             char     c)
{
  skip_space (s);
  if (s->p < s->end && *s->p == c)
    {
      s->p++;
      return TRUE;
    }
  return FALSE;
}

/* A Python string literal without escapes, as numpy writes them; copied into @out. */
static gboolean
scan_string (Scanner *s,
             char    *out,
             gsize    out_size)
{
  char quote;
  gsize n = 0;

  skip_space (s);
  if (s->p >= s->end || (*s->p != '\'' && *s->p != '"'))
    return FALSE;
  quote = *s->p++;
  while (s->p < s->end && *s->p != quote)
    {
      if (*s->p == '\\' || n + 1 >= out_size)
        return FALSE;
      out[n++] = *s->p++;
    }
  if (s->p >= s->end)
    return FALSE;
  s->p++;
  out[n] = '\0';
  return TRUE;
}

static gboolean
scan_word (Scanner    *s,
           const char *word)
{
  gsize n = strlen (word);

  skip_space (s);
  if ((gsize) (s->end - s->p) >= n && memcmp (s->p, word, n) == 0)
    {
      s->p += n;
      return TRUE;
    }
  return FALSE;
}

static gboolean
scan_uint (Scanner *s,
           guint64 *value)
{
  guint64 v = 0;
  gboolean any = FALSE;

  skip_space (s);
  while (s->p < s->end && g_ascii_isdigit (*s->p))
    {
      guint d = (guint) (*s->p - '0');

      if (v > (G_MAXUINT64 - d) / 10)
        return FALSE;
      v = v * 10 + d;
      any = TRUE;
      s->p++;
    }
  *value = v;
  return any;
}

/* `()`, `(N,)` or `(N, M, …)` with an optional trailing comma. */
static gboolean
scan_shape (Scanner *s,
            guint   *ndim,
            guint64 *shape)
{
  *ndim = 0;
  if (!expect_char (s, '('))
    return FALSE;
  if (expect_char (s, ')'))
    return TRUE;
  for (;;)
    {
      if (*ndim >= AXDS_MAX_DIMS || !scan_uint (s, &shape[*ndim]))
        return FALSE;
      (*ndim)++;
      if (expect_char (s, ')'))
        return *ndim != 1 ? TRUE : FALSE;  /* "(5)" is an int in Python, not a tuple */
      if (!expect_char (s, ','))
        return FALSE;
      if (expect_char (s, ')'))
        return TRUE;
    }
}

static gboolean
corrupt (GError     **error,
         const char  *name,
         const char  *what)
{
  g_set_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT,
               /* Translators: the second %s is a problem below, e.g. "truncated header" */
               _("'%s' is not a valid .npy array: %s"), name, what);
  return FALSE;
}

/**
 * axds_npy_parse_header:
 * @data: the start of the file
 * @len: bytes available at @data
 * @file_size: size of the whole file (or member), to check the data fits
 * @name: the file's name, for messages
 * @info: (out caller-allocates): what the header describes
 * @error: return location for a #GError
 *
 * Parses a .npy header (format 1.0, 2.0 or 3.0) from untrusted bytes. Object arrays,
 * structured dtypes and any literal numpy would not write are refused with %AXDS_ERROR_CORRUPT;
 * a dtype libaxds has no type for with %AXDS_ERROR_NOT_SUPPORTED. The data must fit in
 * @file_size.
 *
 * Returns: %TRUE when the header is valid
 */
gboolean
axds_npy_parse_header (const guint8  *data,
                       gsize          len,
                       guint64        file_size,
                       const char    *name,
                       AxdsNpyInfo   *info,
                       GError       **error)
{
  guint64 header_len, prefix_len, n_elements = 1;
  gboolean have_descr = FALSE, have_order = FALSE, have_shape = FALSE;
  char descr[16];
  Scanner s;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  if (name == NULL)
    name = "(data)";
  memset (info, 0, sizeof *info);

  if (len < 10 || memcmp (data, NPY_MAGIC, NPY_MAGIC_LEN) != 0)
    return corrupt (error, name, len < 10 ? _("too short") : _("wrong magic"));
  info->version_major = data[6];
  if (data[6] == 1 && data[7] == 0)
    {
      header_len = (guint64) data[8] | (guint64) data[9] << 8;
      prefix_len = 10;
    }
  else if ((data[6] == 2 || data[6] == 3) && data[7] == 0)
    {
      if (len < 12)
        return corrupt (error, name, _("too short"));
      header_len = (guint64) data[8] | (guint64) data[9] << 8 | (guint64) data[10] << 16 |
                   (guint64) data[11] << 24;
      prefix_len = 12;
    }
  else
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_VERSION,
                   _("'%s' is a .npy file of unsupported format version %u.%u"), name, data[6],
                   data[7]);
      return FALSE;
    }
  if (header_len == 0 || header_len > NPY_MAX_HEADER_LEN)
    return corrupt (error, name, _("absurd header length"));
  if (prefix_len + header_len > len || prefix_len + header_len > file_size)
    return corrupt (error, name, _("truncated header"));

  s.p = (const char *) data + prefix_len;
  s.end = s.p + header_len;
  if (s.end[-1] != '\n')
    return corrupt (error, name, _("header does not end in a newline"));
  s.end--;

  if (!expect_char (&s, '{'))
    return corrupt (error, name, _("header is not a dict"));
  for (;;)
    {
      char key[32];

      if (expect_char (&s, '}'))
        break;
      if (!scan_string (&s, key, sizeof key) || !expect_char (&s, ':'))
        return corrupt (error, name, _("malformed header dict"));
      if (strcmp (key, "descr") == 0 && !have_descr)
        {
          if (!scan_string (&s, descr, sizeof descr))
            return corrupt (error, name, _("unsupported descr (only simple dtypes are read)"));
          have_descr = TRUE;
        }
      else if (strcmp (key, "fortran_order") == 0 && !have_order)
        {
          if (scan_word (&s, "True"))
            info->fortran_order = TRUE;
          else if (!scan_word (&s, "False"))
            return corrupt (error, name, _("fortran_order is not a boolean"));
          have_order = TRUE;
        }
      else if (strcmp (key, "shape") == 0 && !have_shape)
        {
          if (!scan_shape (&s, &info->ndim, info->shape))
            return corrupt (error, name, _("malformed shape"));
          have_shape = TRUE;
        }
      else
        return corrupt (error, name, _("unknown or repeated key in header"));
      if (expect_char (&s, '}'))
        break;
      if (!expect_char (&s, ','))
        return corrupt (error, name, _("malformed header dict"));
    }
  skip_space (&s);
  if (s.p != s.end)
    return corrupt (error, name, _("trailing characters after the header dict"));
  if (!have_descr || !have_order || !have_shape)
    return corrupt (error, name, _("header lacks descr, fortran_order or shape"));

  /* numpy spells single-byte types with '|'; accept '<' and '=' for them too. */
  if (strlen (descr) == 3 && descr[2] == '1' && (descr[0] == '<' || descr[0] == '='))
    descr[0] = '|';
  if (descr[0] == '=')
    descr[0] = '<';
  if (!axds_dtype_from_string (descr, &info->dtype, NULL))
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_NOT_SUPPORTED,
                   _("'%s' holds an array of unsupported dtype '%s'"), name, descr);
      return FALSE;
    }

  for (guint i = 0; i < info->ndim; i++)
    if (!g_uint64_checked_mul (&n_elements, n_elements, info->shape[i]))
      return corrupt (error, name, _("absurd shape"));
  info->n_elements = n_elements;
  if (!g_uint64_checked_mul (&info->data_size, n_elements, axds_dtype_get_itemsize (info->dtype)))
    return corrupt (error, name, _("absurd shape"));
  info->data_offset = prefix_len + header_len;
  if (info->data_size > file_size - info->data_offset)
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT,
                   _("'%s' is truncated: its header describes %" PRIu64 " data bytes but %"
                     PRIu64 " follow"), name, info->data_size,
                   file_size - info->data_offset);
      return FALSE;
    }
  return TRUE;
}

/**
 * axds_npy_parse_u8:
 * @data: a whole .npy file
 * @len: its size
 * @name: the file's name, for messages
 * @payload: (out) (transfer none): the array's data, inside @data
 * @payload_len: (out): the number of elements
 * @error: return location for a #GError
 *
 * Checks that @data is a .npy file holding a 1-D uint8 array that fills it exactly, as the
 * data logger's entries are, and finds its data. The common header numpy writes is recognised
 * without parsing.
 *
 * Returns: %TRUE on success
 */
gboolean
axds_npy_parse_u8 (const guint8  *data,
                   gsize          len,
                   const char    *name,
                   const guint8 **payload,
                   gsize         *payload_len,
                   GError       **error)
{
  AxdsNpyInfo info;

  g_return_val_if_fail (payload != NULL && payload_len != NULL, FALSE);

  /* The fast path, taken for every entry numpy or we wrote: the canonical header for exactly
   * this length, checked without formatting one (readers go through millions of entries). */
  if (len >= AXDS_NPY_U8_HEADER_SIZE &&
      memcmp (data, U8_HEADER_PREFIX, sizeof U8_HEADER_PREFIX - 1) == 0 &&
      data[AXDS_NPY_U8_HEADER_SIZE - 1] == '\n')
    {
      const guint8 *p = data + sizeof U8_HEADER_PREFIX - 1;
      const guint8 *end = data + AXDS_NPY_U8_HEADER_SIZE - 1;
      guint64 n = 0;
      guint digits = 0;

      /* At most 19 digits, which cannot overflow: a 20-digit shape could wrap around to the
       * file's length. Longer ones take the general parser, which refuses what overflows. */
      while (p < end && g_ascii_isdigit (*p) && digits < 19)
        {
          n = n * 10 + (guint64) (*p++ - '0');
          digits++;
        }
      /* No leading zeros, so that exactly one spelling of each length is accepted. */
      if (digits > 0 && (digits == 1 || data[sizeof U8_HEADER_PREFIX - 1] != '0') &&
          end - p >= 5 && memcmp (p, ",), }", 5) == 0 && n == len - AXDS_NPY_U8_HEADER_SIZE)
        {
          gboolean spaces = TRUE;

          for (p += 5; p < end; p++)
            spaces &= *p == ' ';
          if (spaces)
            {
              *payload = data + AXDS_NPY_U8_HEADER_SIZE;
              *payload_len = len - AXDS_NPY_U8_HEADER_SIZE;
              return TRUE;
            }
        }
    }

  if (!axds_npy_parse_header (data, len, len, name, &info, error))
    return FALSE;
  if ((info.dtype != AXDS_DTYPE_UINT8 && info.dtype != AXDS_DTYPE_INT8) || info.ndim != 1)
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT,
                   _("'%s' does not hold a 1-D uint8 array (dtype %s, %u dimensions)"),
                   name != NULL ? name : _("(data)"), axds_dtype_to_string (info.dtype), info.ndim);
      return FALSE;
    }
  if (info.data_offset + info.data_size != len)
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT,
                   _("'%s' has %" PRIu64 " bytes after its array data"),
                   name != NULL ? name : _("(data)"), len - info.data_offset - info.data_size);
      return FALSE;
    }
  *payload = data + info.data_offset;
  *payload_len = info.data_size;
  return TRUE;
}

/**
 * axds_npy_write_u8:
 * @path: the file to create or replace
 * @data: the array's elements
 * @len: their number
 * @error: return location for a #GError
 *
 * Writes @data as a 1-D uint8 array, exactly as `numpy.save` would. The file appears under
 * @path only when complete (it is written under a temporary name and renamed).
 *
 * Returns: %TRUE on success
 */
gboolean
axds_npy_write_u8 (const char    *path,
                   const guint8  *data,
                   gsize          len,
                   GError       **error)
{
  guint8 header[AXDS_NPY_U8_HEADER_SIZE];
  g_autofree char *tmp = NULL;
  struct iovec iov[2];
  gsize total = AXDS_NPY_U8_HEADER_SIZE + len, done = 0;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  axds_npy_format_u8_header (len, header);
  tmp = g_strdup_printf ("%s.%08x.tmp", path, g_random_int ());
  fd = open (tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0)
    return _axds_set_file_error (error, errno, _AXDS_FILE_CREATE, tmp);
  while (done < total)
    {
      ssize_t n;
      int cnt = 0;

      if (done < AXDS_NPY_U8_HEADER_SIZE)
        {
          iov[cnt].iov_base = header + done;
          iov[cnt++].iov_len = AXDS_NPY_U8_HEADER_SIZE - done;
          iov[cnt].iov_base = (void *) data;
          iov[cnt++].iov_len = len;
        }
      else
        {
          iov[cnt].iov_base = (void *) (data + (done - AXDS_NPY_U8_HEADER_SIZE));
          iov[cnt++].iov_len = total - done;
        }
      n = writev (fd, iov, cnt);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved = n < 0 ? errno : ENOSPC;
          _axds_set_file_error (error, saved, _AXDS_FILE_WRITE, path);
          close (fd);
          unlink (tmp);
          return FALSE;
        }
      done += (gsize) n;
    }
  if (close (fd) != 0 || rename (tmp, path) != 0)
    {
      _axds_set_file_error (error, errno, _AXDS_FILE_WRITE, path);
      unlink (tmp);
      return FALSE;
    }
  return TRUE;
}

/* ---------------------------------------------------------------------------------------------- */
/* Boxed types: what bindings and GValue carry                                                    */

/**
 * axds_npy_info_copy:
 * @self: a #AxdsNpyInfo
 *
 * Makes a copy on the heap, for bindings and #GValue.
 *
 * Returns: (transfer full): the copy; free it with axds_npy_info_free()
 */
AxdsNpyInfo *
axds_npy_info_copy (const AxdsNpyInfo *self)
{
  AxdsNpyInfo *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  return copy;
}

/**
 * axds_npy_info_free:
 * @self: (nullable) (transfer full): a #AxdsNpyInfo made by axds_npy_info_copy()
 *
 * Frees @self.
 */
void
axds_npy_info_free (AxdsNpyInfo *self)
{
  g_free (self);
}

G_DEFINE_BOXED_TYPE (AxdsNpyInfo, axds_npy_info, axds_npy_info_copy, axds_npy_info_free)

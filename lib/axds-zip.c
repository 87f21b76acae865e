/* axds-zip.c
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * Writer: byte-identical to Python's zipfile as numpy.savez drives it (ZIP_STORED, force_zip64):
 * every local header carries a ZIP64 extra field (uncompressed then compressed size) while its
 * 32-bit fields hold the real sizes unless they pass zipfile's ZIP64_LIMIT (2 GiB - 1); central
 * directory entries get a ZIP64 extra only for values past that limit; the ZIP64 end records
 * are written only when there are more than 65,535 members or the directory lies or reaches
 * past the limit. External attributes are 0600 << 16, "made by" Unix, version 2.0 (4.5 where
 * ZIP64 is required).
 *
 * Reader: archives come from anywhere. Every count, size and offset is checked against the
 * archive's length before it is used; the number of members is bounded by the size of the
 * central directory (46 bytes each) before anything is allocated; members must lie before the
 * central directory and must not overlap; names must be plain file names. Deflated members are
 * inflated into a buffer grown with the output, never sized from a field alone, and may not
 * produce more than they declare.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stddef.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "axds-error-private.h"
#include "axds-error.h"
#include "axds-i18n-private.h"
#include "axds-zip.h"

#define ZIP64_LIMIT        0x7fffffffu   /* Python's zipfile.ZIP64_LIMIT */
#define ZIP_FILECOUNT_LIMIT 0xffffu
#define DOS_DATE_1980      0x0021        /* 1980-01-01 */
#define EXTERNAL_ATTR      (0600u << 16)
#define WRITE_BUFFER_SIZE  (1024 * 1024)
/* Deflate cannot compress better than about 1032:1; a member claiming more is hostile. */
#define MAX_DEFLATE_RATIO  1032

#define SIG_LOCAL   0x04034b50u
#define SIG_CENTRAL 0x02014b50u
#define SIG_EOCD    0x06054b50u
#define SIG_EOCD64  0x06064b50u
#define SIG_LOC64   0x07064b50u

typedef struct __attribute__((packed))
{
  guint32 signature;
  guint16 version_needed;
  guint16 flags;
  guint16 method;
  guint16 mod_time;
  guint16 mod_date;
  guint32 crc32;
  guint32 compressed_size;
  guint32 size;
  guint16 name_len;
  guint16 extra_len;
} LocalHeader;

typedef struct __attribute__((packed))
{
  guint32 signature;
  guint16 version_made_by;
  guint16 version_needed;
  guint16 flags;
  guint16 method;
  guint16 mod_time;
  guint16 mod_date;
  guint32 crc32;
  guint32 compressed_size;
  guint32 size;
  guint16 name_len;
  guint16 extra_len;
  guint16 comment_len;
  guint16 disk_start;
  guint16 internal_attr;
  guint32 external_attr;
  guint32 header_offset;
} CentralHeader;

typedef struct __attribute__((packed))
{
  guint32 signature;
  guint16 disk;
  guint16 cd_disk;
  guint16 entries_this_disk;
  guint16 entries_total;
  guint32 cd_size;
  guint32 cd_offset;
  guint16 comment_len;
} EndRecord;

typedef struct __attribute__((packed))
{
  guint32 signature;
  guint64 record_size;
  guint16 version_made_by;
  guint16 version_needed;
  guint32 disk;
  guint32 cd_disk;
  guint64 entries_this_disk;
  guint64 entries_total;
  guint64 cd_size;
  guint64 cd_offset;
} End64Record;

typedef struct __attribute__((packed))
{
  guint32 signature;
  guint32 disk;
  guint64 eocd64_offset;
  guint32 total_disks;
} End64Locator;

G_STATIC_ASSERT (G_BYTE_ORDER == G_LITTLE_ENDIAN);
G_STATIC_ASSERT (sizeof (LocalHeader) == 30);
G_STATIC_ASSERT (offsetof (LocalHeader, crc32) == 14);
G_STATIC_ASSERT (offsetof (LocalHeader, name_len) == 26);
G_STATIC_ASSERT (sizeof (CentralHeader) == 46);
G_STATIC_ASSERT (offsetof (CentralHeader, crc32) == 16);
G_STATIC_ASSERT (offsetof (CentralHeader, name_len) == 28);
G_STATIC_ASSERT (offsetof (CentralHeader, external_attr) == 38);
G_STATIC_ASSERT (offsetof (CentralHeader, header_offset) == 42);
G_STATIC_ASSERT (sizeof (EndRecord) == 22);
G_STATIC_ASSERT (offsetof (EndRecord, cd_size) == 12);
G_STATIC_ASSERT (offsetof (EndRecord, comment_len) == 20);
G_STATIC_ASSERT (sizeof (End64Record) == 56);
G_STATIC_ASSERT (offsetof (End64Record, entries_this_disk) == 24);
G_STATIC_ASSERT (offsetof (End64Record, cd_offset) == 48);
G_STATIC_ASSERT (sizeof (End64Locator) == 20);
G_STATIC_ASSERT (offsetof (End64Locator, eocd64_offset) == 8);

/* ---------------------------------------------------------------------------------------------- */
/* Writer                                                                                         */

typedef struct
{
  char    *name;
  guint32  crc32;
  guint64  size;
  guint64  header_offset;
  gboolean zip64;
} WrittenMember;

struct _AxdsZipWriter
{
  gatomicrefcount ref_count;
  char    *path;
  int      fd;
  guint8  *buffer;
  gsize    buffered;
  guint64  offset;       /* bytes written or buffered so far */
  GArray  *members;      /* WrittenMember */
  gboolean failed;
  gboolean finished;
};

static void
written_member_clear (WrittenMember *m)
{
  g_free (m->name);
}

static gboolean
write_all (int            fd,
           const guint8  *data,
           gsize          len,
           const char    *path,
           GError       **error)
{
  while (len > 0)
    {
      ssize_t n = write (fd, data, MIN (len, (gsize) 1 << 30));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return _axds_set_file_error (error, n < 0 ? errno : ENOSPC, _AXDS_FILE_WRITE,
                                     path);
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

static gboolean
writer_flush (AxdsZipWriter  *w,
              GError        **error)
{
  gboolean ok = write_all (w->fd, w->buffer, w->buffered, w->path, error);

  w->buffered = 0;
  return ok;
}

static gboolean
writer_append (AxdsZipWriter  *w,
               const guint8   *data,
               gsize           len,
               GError        **error)
{
  if (w->buffered + len > WRITE_BUFFER_SIZE)
    {
      if (!writer_flush (w, error))
        return FALSE;
      /* Large pieces go straight to the file rather than through the buffer. */
      if (len >= WRITE_BUFFER_SIZE / 2)
        {
          if (!write_all (w->fd, data, len, w->path, error))
            return FALSE;
          w->offset += len;
          return TRUE;
        }
    }
  memcpy (w->buffer + w->buffered, data, len);
  w->buffered += len;
  w->offset += len;
  return TRUE;
}

/**
 * axds_zip_writer_new:
 * @path: the archive to create (an existing file is truncated)
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a writer, or %NULL
 */
AxdsZipWriter *
axds_zip_writer_new (const char  *path,
                     GError     **error)
{
  AxdsZipWriter *w;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  fd = open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      _axds_set_file_error (error, errno, _AXDS_FILE_CREATE, path);
      return NULL;
    }
  w = g_new0 (AxdsZipWriter, 1);
  g_atomic_ref_count_init (&w->ref_count);
  w->path = g_strdup (path);
  w->fd = fd;
  w->buffer = g_malloc (WRITE_BUFFER_SIZE);
  w->members = g_array_new (FALSE, FALSE, sizeof (WrittenMember));
  g_array_set_clear_func (w->members, (GDestroyNotify) written_member_clear);
  return w;
}

/**
 * axds_zip_writer_add:
 * @writer: an #AxdsZipWriter
 * @name: the member's name, e.g. `001_00000000000000001000.npy`
 * @head: (nullable): the first part of the member's data
 * @head_len: its length
 * @data: (nullable): the rest of the member's data
 * @data_len: its length
 * @error: return location for a #GError
 *
 * Appends a stored member whose data is @head followed by @data (so that a .npy header and an
 * entry need not be joined first).
 *
 * Returns: %TRUE on success
 */
gboolean
axds_zip_writer_add (AxdsZipWriter  *writer,
                     const char     *name,
                     const guint8   *head,
                     gsize           head_len,
                     const guint8   *data,
                     gsize           data_len,
                     GError        **error)
{
  WrittenMember m = { 0 };
  LocalHeader lh = { 0 };
  guint8 extra[20];
  guint64 size = (guint64) head_len + data_len;
  gsize name_len;
  uLong crc;

  g_return_val_if_fail (writer != NULL && name != NULL, FALSE);
  g_return_val_if_fail (!writer->finished, FALSE);

  name_len = strlen (name);
  if (writer->failed)
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                   _("Cannot add to archive '%s': an earlier write failed"), writer->path);
      return FALSE;
    }
  if (name_len == 0 || name_len > 0xffff)
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                   _("Invalid member name for archive '%s'"), writer->path);
      return FALSE;
    }

  crc = crc32 (0, Z_NULL, 0);
  if (head_len > 0)
    crc = crc32_z (crc, head, head_len);
  if (data_len > 0)
    crc = crc32_z (crc, data, data_len);

  m.name = g_strdup (name);
  m.crc32 = (guint32) crc;
  m.size = size;
  m.header_offset = writer->offset;
  m.zip64 = size > ZIP64_LIMIT;

  lh.signature = SIG_LOCAL;
  lh.version_needed = m.zip64 ? 45 : 20;
  lh.mod_date = DOS_DATE_1980;
  lh.crc32 = m.crc32;
  lh.compressed_size = lh.size = m.zip64 ? 0xffffffffu : (guint32) size;
  lh.name_len = (guint16) name_len;
  lh.extra_len = sizeof extra;
  /* The ZIP64 extra of zipfile's force_zip64: id 1, 16 bytes, file size then compressed size. */
  extra[0] = 1;
  extra[1] = 0;
  extra[2] = 16;
  extra[3] = 0;
  memcpy (extra + 4, &size, 8);
  memcpy (extra + 12, &size, 8);

  if (!writer_append (writer, (const guint8 *) &lh, sizeof lh, error) ||
      !writer_append (writer, (const guint8 *) name, name_len, error) ||
      !writer_append (writer, extra, sizeof extra, error) ||
      (head_len > 0 && !writer_append (writer, head, head_len, error)) ||
      (data_len > 0 && !writer_append (writer, data, data_len, error)))
    {
      writer->failed = TRUE;
      g_free (m.name);
      return FALSE;
    }
  g_array_append_val (writer->members, m);
  return TRUE;
}

/**
 * axds_zip_writer_get_n_members:
 * @writer: an #AxdsZipWriter
 *
 * Returns: the number of members added so far
 */
guint
axds_zip_writer_get_n_members (AxdsZipWriter *writer)
{
  g_return_val_if_fail (writer != NULL, 0);
  return writer->members->len;
}

/**
 * axds_zip_writer_close:
 * @writer: an #AxdsZipWriter
 * @sync: whether to flush the file to stable storage before returning
 * @error: return location for a #GError
 *
 * Writes the central directory and end records and closes the file.
 *
 * Returns: %TRUE on success
 */
gboolean
axds_zip_writer_close (AxdsZipWriter  *writer,
                       gboolean        sync,
                       GError        **error)
{
  guint64 cd_offset, cd_size, count;
  EndRecord end = { 0 };
  int fd;

  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (!writer->finished, FALSE);

  writer->finished = TRUE;
  if (writer->failed)
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                   _("Cannot finish archive '%s': an earlier write failed"), writer->path);
      return FALSE;
    }

  cd_offset = writer->offset;
  for (guint i = 0; i < writer->members->len; i++)
    {
      const WrittenMember *m = &g_array_index (writer->members, WrittenMember, i);
      CentralHeader ch = { 0 };
      guint64 extra_values[3];
      guint n_extra = 0;
      guint8 extra[4 + sizeof extra_values];
      gsize name_len = strlen (m->name);

      ch.signature = SIG_CENTRAL;
      ch.method = 0;
      ch.mod_date = DOS_DATE_1980;
      ch.crc32 = m->crc32;
      if (m->size > ZIP64_LIMIT)
        {
          extra_values[n_extra++] = m->size;
          extra_values[n_extra++] = m->size;
          ch.size = ch.compressed_size = 0xffffffffu;
        }
      else
        ch.size = ch.compressed_size = (guint32) m->size;
      if (m->header_offset > ZIP64_LIMIT)
        {
          extra_values[n_extra++] = m->header_offset;
          ch.header_offset = 0xffffffffu;
        }
      else
        ch.header_offset = (guint32) m->header_offset;
      /* zipfile raises both versions to 4.5 when the member or its offset needs ZIP64. */
      ch.version_needed = (n_extra > 0 || m->zip64) ? 45 : 20;
      ch.version_made_by = (3 << 8) | ch.version_needed;
      ch.name_len = (guint16) name_len;
      ch.extra_len = n_extra > 0 ? (guint16) (4 + 8 * n_extra) : 0;
      ch.external_attr = EXTERNAL_ATTR;
      if (n_extra > 0)
        {
          extra[0] = 1;
          extra[1] = 0;
          extra[2] = (guint8) (8 * n_extra);
          extra[3] = 0;
          memcpy (extra + 4, extra_values, 8 * n_extra);
        }
      if (!writer_append (writer, (const guint8 *) &ch, sizeof ch, error) ||
          !writer_append (writer, (const guint8 *) m->name, name_len, error) ||
          (n_extra > 0 && !writer_append (writer, extra, ch.extra_len, error)))
        goto fail;
    }
  cd_size = writer->offset - cd_offset;
  count = writer->members->len;

  if (count > ZIP_FILECOUNT_LIMIT || cd_offset > ZIP64_LIMIT || cd_size > ZIP64_LIMIT)
    {
      End64Record e64 = { 0 };
      End64Locator loc = { 0 };

      e64.signature = SIG_EOCD64;
      e64.record_size = 44;
      e64.version_made_by = 45;
      e64.version_needed = 45;
      e64.entries_this_disk = e64.entries_total = count;
      e64.cd_size = cd_size;
      e64.cd_offset = cd_offset;
      loc.signature = SIG_LOC64;
      loc.eocd64_offset = writer->offset;
      loc.total_disks = 1;
      if (!writer_append (writer, (const guint8 *) &e64, sizeof e64, error) ||
          !writer_append (writer, (const guint8 *) &loc, sizeof loc, error))
        goto fail;
    }
  end.signature = SIG_EOCD;
  end.entries_this_disk = end.entries_total = (guint16) MIN (count, 0xffff);
  end.cd_size = (guint32) MIN (cd_size, 0xffffffffu);
  end.cd_offset = (guint32) MIN (cd_offset, 0xffffffffu);
  if (!writer_append (writer, (const guint8 *) &end, sizeof end, error) ||
      !writer_flush (writer, error))
    goto fail;
  if (sync && fdatasync (writer->fd) != 0)
    {
      _axds_set_file_error (error, errno, _AXDS_FILE_FLUSH, writer->path);
      goto fail;
    }
  fd = writer->fd;
  writer->fd = -1;
  if (close (fd) != 0)
    return _axds_set_file_error (error, errno, _AXDS_FILE_CLOSE, writer->path);
  return TRUE;

fail:
  writer->failed = TRUE;
  return FALSE;
}

/**
 * axds_zip_writer_ref:
 * @writer: an #AxdsZipWriter
 *
 * Returns: (transfer full): @writer
 */
AxdsZipWriter *
axds_zip_writer_ref (AxdsZipWriter *writer)
{
  g_return_val_if_fail (writer != NULL, NULL);
  g_atomic_ref_count_inc (&writer->ref_count);
  return writer;
}

/**
 * axds_zip_writer_unref:
 * @writer: (nullable) (transfer full): an #AxdsZipWriter
 *
 * Drops a reference. The last one closes the file if axds_zip_writer_close() was not called;
 * the (incomplete) file is left in place for the caller to remove.
 */
void
axds_zip_writer_unref (AxdsZipWriter *writer)
{
  if (writer == NULL || !g_atomic_ref_count_dec (&writer->ref_count))
    return;
  if (writer->fd >= 0)
    close (writer->fd);
  g_array_unref (writer->members);
  g_free (writer->buffer);
  g_free (writer->path);
  g_free (writer);
}

/* ---------------------------------------------------------------------------------------------- */
/* Reader                                                                                         */

struct _AxdsZipReader
{
  gatomicrefcount ref_count;
  char           *name;
  GBytes         *bytes;
  const guint8   *data;
  gsize           len;
  AxdsZipMember  *members;
  guint           n_members;
  GHashTable     *index;      /* name → index + 1 */
};

static gboolean
zip_corrupt (GError     **error,
             const char  *name,
             const char  *format,
             ...) G_GNUC_PRINTF (3, 4);

static gboolean
zip_corrupt (GError     **error,
             const char  *name,
             const char  *format,
             ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT, _("'%s' is not a valid zip archive: %s"),
               name, what);
  return FALSE;
}

/* Plain file names only: no directories, no parent references, nothing a shell would mangle. */
static gboolean
member_name_is_valid (const char *name,
                      gsize       len)
{
  if (len == 0 || len > 4096)
    return FALSE;
  if ((len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.'))
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (name[i] == '/' || name[i] == '\\' || (guchar) name[i] < 0x20)
      return FALSE;
  if (g_strstr_len (name, (gssize) len, "..") != NULL)
    return FALSE;
  return g_utf8_validate (name, (gssize) len, NULL);
}

/* Reads the ZIP64 extra field of a central entry, replacing the 32-bit values that are
 * saturated, in the order the format defines. */
static gboolean
apply_zip64_extra (const guint8 *extra,
                   gsize         extra_len,
                   guint64      *size,
                   guint64      *csize,
                   guint64      *offset,
                   gboolean      need_size,
                   gboolean      need_csize,
                   gboolean      need_offset)
{
  gsize pos = 0;

  while (pos + 4 <= extra_len)
    {
      guint16 id, field_len;
      gsize fpos;

      memcpy (&id, extra + pos, 2);
      memcpy (&field_len, extra + pos + 2, 2);
      if (pos + 4 + field_len > extra_len)
        return FALSE;
      if (id == 1)
        {
          fpos = pos + 4;
          if (need_size)
            {
              if (fpos + 8 > pos + 4 + field_len)
                return FALSE;
              memcpy (size, extra + fpos, 8);
              fpos += 8;
            }
          if (need_csize)
            {
              if (fpos + 8 > pos + 4 + field_len)
                return FALSE;
              memcpy (csize, extra + fpos, 8);
              fpos += 8;
            }
          if (need_offset)
            {
              if (fpos + 8 > pos + 4 + field_len)
                return FALSE;
              memcpy (offset, extra + fpos, 8);
            }
          return TRUE;
        }
      pos += 4 + field_len;
    }
  return !need_size && !need_csize && !need_offset;
}

static int
compare_by_offset (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  const AxdsZipMember *members = user_data;
  guint64 oa = members[*(const guint *) a].header_offset;
  guint64 ob = members[*(const guint *) b].header_offset;

  return oa < ob ? -1 : oa > ob ? 1 : 0;
}

static void
free_members (AxdsZipMember *members,
              guint          n)
{
  if (members == NULL)
    return;
  for (guint i = 0; i < n; i++)
    g_free (members[i].name);
  g_free (members);
}

static gboolean
parse_archive (AxdsZipReader  *r,
               GError        **error)
{
  const guint8 *d = r->data;
  gsize len = r->len, eocd_pos = G_MAXSIZE, search_start, cd_end_limit, pos;
  EndRecord end;
  guint64 count, cd_size, cd_offset;
  g_autofree guint *order = NULL;

  if (len < sizeof (EndRecord))
    return zip_corrupt (error, r->name, _("the file is truncated (%zu bytes)"), len);

  /* The end record is the last thing in the file, followed only by its comment. */
  search_start = len - sizeof (EndRecord);
  for (gsize p = search_start + 1; p-- > 0 && search_start - p <= 0xffff;)
    {
      guint32 sig;
      guint16 comment_len;

      memcpy (&sig, d + p, 4);
      if (sig != SIG_EOCD)
        continue;
      memcpy (&comment_len, d + p + 20, 2);
      if ((gsize) comment_len == len - p - sizeof (EndRecord))
        {
          eocd_pos = p;
          break;
        }
    }
  if (eocd_pos == G_MAXSIZE)
    return zip_corrupt (error, r->name,
                        _("no end of central directory record (wrong magic or truncated)"));
  memcpy (&end, d + eocd_pos, sizeof end);
  if (end.disk != 0 || end.cd_disk != 0 || end.entries_this_disk != end.entries_total)
    return zip_corrupt (error, r->name, _("multi-disk archives are not supported"));
  count = end.entries_total;
  cd_size = end.cd_size;
  cd_offset = end.cd_offset;
  cd_end_limit = eocd_pos;

  if (eocd_pos >= sizeof (End64Locator))
    {
      End64Locator loc;

      memcpy (&loc, d + eocd_pos - sizeof loc, sizeof loc);
      if (loc.signature == SIG_LOC64)
        {
          End64Record e64;

          if (loc.eocd64_offset > eocd_pos - sizeof loc - sizeof e64 ||
              eocd_pos - sizeof loc < sizeof e64)
            return zip_corrupt (error, r->name, _("ZIP64 end record out of bounds"));
          memcpy (&e64, d + loc.eocd64_offset, sizeof e64);
          if (e64.signature != SIG_EOCD64 || e64.disk != 0 || e64.cd_disk != 0 ||
              e64.entries_this_disk != e64.entries_total)
            return zip_corrupt (error, r->name, _("bad ZIP64 end record"));
          count = e64.entries_total;
          cd_size = e64.cd_size;
          cd_offset = e64.cd_offset;
          cd_end_limit = loc.eocd64_offset;
        }
    }

  if (cd_offset > cd_end_limit || cd_size > cd_end_limit - cd_offset)
    return zip_corrupt (error, r->name, _("the central directory lies outside the file"));
  /* Every entry takes at least 46 bytes: this bounds the allocation below by the file size. */
  if (count > cd_size / sizeof (CentralHeader) || count > G_MAXUINT / 2)
    return zip_corrupt (error, r->name,
                        _("%" PRIu64 " members cannot fit in a central directory of %" PRIu64
                          " bytes"), count, cd_size);

  r->members = g_new0 (AxdsZipMember, count > 0 ? count : 1);
  r->n_members = 0;
  pos = (gsize) cd_offset;
  for (guint64 i = 0; i < count; i++)
    {
      CentralHeader ch;
      LocalHeader lh;
      AxdsZipMember *m = &r->members[i];
      const char *name;
      gboolean need_size, need_csize, need_offset;
      gsize lname_len;

      if (cd_offset + cd_size - pos < sizeof ch)
        return zip_corrupt (error, r->name, _("central directory entry %" PRIu64 " is truncated"),
                            i);
      memcpy (&ch, d + pos, sizeof ch);
      if (ch.signature != SIG_CENTRAL)
        return zip_corrupt (error, r->name, _("bad central directory entry %" PRIu64), i);
      if ((gsize) ch.name_len + ch.extra_len + ch.comment_len >
          cd_offset + cd_size - pos - sizeof ch)
        return zip_corrupt (error, r->name,
                            _("central directory entry %" PRIu64 " runs past the directory"), i);
      name = (const char *) d + pos + sizeof ch;
      if (!member_name_is_valid (name, ch.name_len))
        {
          g_autofree char *shown = g_strndup (name, MIN (ch.name_len, 200));
          g_set_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT,
                       _("Refusing archive '%s': member name '%s' is not a plain file name"),
                       r->name, g_utf8_validate (shown, -1, NULL) ? shown : "(invalid UTF-8)");
          return FALSE;
        }
      m->name = g_strndup (name, ch.name_len);
      r->n_members++;
      m->method = ch.method;
      m->crc32 = ch.crc32;
      m->size = ch.size;
      m->compressed_size = ch.compressed_size;
      m->header_offset = ch.header_offset;
      need_size = ch.size == 0xffffffffu;
      need_csize = ch.compressed_size == 0xffffffffu;
      need_offset = ch.header_offset == 0xffffffffu;
      if ((need_size || need_csize || need_offset) &&
          !apply_zip64_extra (d + pos + sizeof ch + ch.name_len, ch.extra_len, &m->size,
                              &m->compressed_size, &m->header_offset, need_size, need_csize,
                              need_offset))
        return zip_corrupt (error, r->name, _("member '%s' has a bad ZIP64 extra field"), m->name);
      if (ch.flags & 0x0041)
        {
          g_set_error (error, AXDS_ERROR, AXDS_ERROR_NOT_SUPPORTED,
                       _("Member '%s' of '%s' is encrypted"), m->name, r->name);
          return FALSE;
        }
      if (ch.method != 0 && ch.method != 8)
        {
          g_set_error (error, AXDS_ERROR, AXDS_ERROR_NOT_SUPPORTED,
                       _("Member '%s' of '%s' uses compression method %u (only stored and deflate "
                         "are read)"), m->name, r->name, ch.method);
          return FALSE;
        }
      if (ch.method == 0 && m->size != m->compressed_size)
        return zip_corrupt (error, r->name, _("stored member '%s' has different sizes"), m->name);
      if (ch.method == 8 && m->size / MAX_DEFLATE_RATIO > m->compressed_size + 1)
        return zip_corrupt (error, r->name,
                            _("member '%s' claims an absurd size of %" PRIu64 " bytes from %"
                              PRIu64 " compressed"),
                            m->name, m->size, m->compressed_size);
      if (m->size > G_MAXSSIZE)
        return zip_corrupt (error, r->name, _("member '%s' is absurdly large"), m->name);

      /* The local header must agree on the name and leave the data inside the file. */
      if (m->header_offset > cd_offset || cd_offset - m->header_offset < sizeof lh)
        return zip_corrupt (error, r->name, _("member '%s' lies outside the archive"), m->name);
      memcpy (&lh, d + m->header_offset, sizeof lh);
      if (lh.signature != SIG_LOCAL)
        return zip_corrupt (error, r->name, _("member '%s' has a bad local header"), m->name);
      lname_len = lh.name_len;
      m->data_offset = m->header_offset + sizeof lh + lh.name_len + lh.extra_len;
      if (m->data_offset > cd_offset || m->compressed_size > cd_offset - m->data_offset)
        return zip_corrupt (error, r->name, _("member '%s' runs past the end of the data"),
                            m->name);
      if (lname_len != ch.name_len ||
          memcmp (d + m->header_offset + sizeof lh, name, lname_len) != 0)
        return zip_corrupt (error, r->name,
                            _("member '%s' has a different name in its local header"), m->name);
      pos += sizeof ch + ch.name_len + ch.extra_len + ch.comment_len;
    }

  /* Members must not share bytes: sorted by offset, each ends before the next begins. */
  order = g_new (guint, r->n_members > 0 ? r->n_members : 1);
  for (guint i = 0; i < r->n_members; i++)
    order[i] = i;
  g_qsort_with_data (order, r->n_members, sizeof (guint), compare_by_offset, r->members);
  for (guint i = 1; i < r->n_members; i++)
    {
      const AxdsZipMember *prev = &r->members[order[i - 1]];
      const AxdsZipMember *next = &r->members[order[i]];

      if (prev->data_offset + prev->compressed_size > next->header_offset)
        return zip_corrupt (error, r->name, _("members '%s' and '%s' overlap"), prev->name,
                            next->name);
    }

  r->index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < r->n_members; i++)
    {
      if (!g_hash_table_insert (r->index, r->members[i].name, GUINT_TO_POINTER (i + 1)))
        return zip_corrupt (error, r->name, _("member '%s' appears twice"), r->members[i].name);
    }
  return TRUE;
}

/**
 * axds_zip_reader_new:
 * @bytes: the whole archive (e.g. from g_mapped_file_get_bytes())
 * @display_name: (nullable): the archive's name, for messages
 * @error: return location for a #GError
 *
 * Parses and validates an archive from untrusted bytes. Everything wrong with it is reported as
 * %AXDS_ERROR_CORRUPT; encryption and compression methods other than deflate as
 * %AXDS_ERROR_NOT_SUPPORTED.
 *
 * Returns: (transfer full): the reader, or %NULL
 */
AxdsZipReader *
axds_zip_reader_new (GBytes      *bytes,
                     const char  *display_name,
                     GError     **error)
{
  g_autoptr(AxdsZipReader) r = NULL;
  gsize len;

  g_return_val_if_fail (bytes != NULL, NULL);

  r = g_new0 (AxdsZipReader, 1);
  g_atomic_ref_count_init (&r->ref_count);
  r->name = g_strdup (display_name != NULL ? display_name : "(archive)");
  r->bytes = g_bytes_ref (bytes);
  r->data = g_bytes_get_data (bytes, &len);
  r->len = len;
  if (!parse_archive (r, error))
    return NULL;
  return g_steal_pointer (&r);
}

/**
 * axds_zip_reader_new_for_path:
 * @path: an archive on disk
 * @error: return location for a #GError
 *
 * Maps @path read-only and parses it, as axds_zip_reader_new().
 *
 * Returns: (transfer full): the reader, or %NULL
 */
AxdsZipReader *
axds_zip_reader_new_for_path (const char  *path,
                              GError     **error)
{
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_mapped_file_new (path, FALSE, error);
  if (file == NULL)
    return NULL;
  bytes = g_mapped_file_get_bytes (file);
  return axds_zip_reader_new (bytes, path, error);
}

/**
 * axds_zip_reader_ref:
 * @reader: an #AxdsZipReader
 *
 * Returns: (transfer full): @reader
 */
AxdsZipReader *
axds_zip_reader_ref (AxdsZipReader *reader)
{
  g_return_val_if_fail (reader != NULL, NULL);
  g_atomic_ref_count_inc (&reader->ref_count);
  return reader;
}

/**
 * axds_zip_reader_unref:
 * @reader: an #AxdsZipReader
 *
 * Drops a reference; the last one releases the archive's bytes.
 */
void
axds_zip_reader_unref (AxdsZipReader *reader)
{
  g_return_if_fail (reader != NULL);
  if (!g_atomic_ref_count_dec (&reader->ref_count))
    return;
  g_clear_pointer (&reader->index, g_hash_table_unref);
  free_members (reader->members, reader->n_members);
  g_bytes_unref (reader->bytes);
  g_free (reader->name);
  g_free (reader);
}

/**
 * axds_zip_reader_get_n_members:
 * @reader: an #AxdsZipReader
 *
 * Returns: the number of members, in central directory order
 */
guint
axds_zip_reader_get_n_members (AxdsZipReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);
  return reader->n_members;
}

/**
 * axds_zip_reader_get_member:
 * @reader: an #AxdsZipReader
 * @index: a member index
 *
 * Returns: (transfer none): the member
 */
const AxdsZipMember *
axds_zip_reader_get_member (AxdsZipReader *reader,
                            guint          index)
{
  g_return_val_if_fail (reader != NULL, NULL);
  g_return_val_if_fail (index < reader->n_members, NULL);
  return &reader->members[index];
}

/**
 * axds_zip_reader_lookup:
 * @reader: an #AxdsZipReader
 * @name: a member name
 * @index: (out) (optional): its index
 *
 * Returns: %TRUE when the archive has a member named @name
 */
gboolean
axds_zip_reader_lookup (AxdsZipReader *reader,
                        const char    *name,
                        guint         *index)
{
  guint found;

  g_return_val_if_fail (reader != NULL && name != NULL, FALSE);
  found = GPOINTER_TO_UINT (g_hash_table_lookup (reader->index, name));
  if (found == 0)
    return FALSE;
  if (index != NULL)
    *index = found - 1;
  return TRUE;
}

/**
 * axds_zip_reader_get_bytes:
 * @reader: an #AxdsZipReader
 *
 * Returns: (transfer none): the whole archive
 */
GBytes *
axds_zip_reader_get_bytes (AxdsZipReader *reader)
{
  g_return_val_if_fail (reader != NULL, NULL);
  return reader->bytes;
}

static GBytes *
inflate_member (AxdsZipReader        *r,
                const AxdsZipMember  *m,
                GError              **error)
{
  const guint8 *in = r->data + m->data_offset;
  z_stream zs = { 0 };
  g_autofree guint8 *out = NULL;
  gsize alloc, produced = 0;
  const char *problem = NULL;

  if (inflateInit2 (&zs, -MAX_WBITS) != Z_OK)
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT, _("Cannot inflate member '%s' of '%s'"),
                   m->name, r->name);
      return NULL;
    }
  /* Grow with the output, so that a lying size field costs nothing until bytes really come. */
  alloc = (gsize) MIN (m->size, MAX (m->compressed_size * 4, (guint64) 64 * 1024));
  out = g_malloc (alloc > 0 ? alloc : 1);
  zs.next_in = (Bytef *) in;
  for (;;)
    {
      guint8 probe;
      gsize in_left = (gsize) (m->compressed_size - (guint64) (zs.next_in - in));
      int rc;

      zs.avail_in = (uInt) MIN (in_left, (gsize) G_MAXUINT32);
      if (produced == alloc && alloc >= m->size)
        {
          /* All declared bytes are out: the stream must end now, without another byte. */
          zs.next_out = &probe;
          zs.avail_out = 1;
          rc = inflate (&zs, Z_NO_FLUSH);
          if (rc == Z_STREAM_END && zs.avail_out == 1)
            break;
          problem = zs.avail_out == 0
                    ? _("inflates to more than its declared size (a deflate bomb?)")
                    : _("holds corrupt or truncated deflate data");
          break;
        }
      if (produced == alloc)
        {
          alloc = (gsize) MIN ((guint64) alloc * 2, m->size);
          out = g_realloc (out, alloc);
        }
      zs.next_out = out + produced;
      zs.avail_out = (uInt) MIN (alloc - produced, (gsize) G_MAXUINT32);
      rc = inflate (&zs, Z_NO_FLUSH);
      produced = (gsize) (zs.next_out - out);
      if (rc == Z_STREAM_END)
        break;
      if (rc == Z_OK || (rc == Z_BUF_ERROR && zs.avail_out == 0))
        continue;
      problem = _("holds corrupt or truncated deflate data");
      break;
    }
  inflateEnd (&zs);
  if (problem == NULL && produced != m->size)
    problem = _("inflates to fewer bytes than declared");
  if (problem == NULL && (guint32) crc32_z (0, out, produced) != m->crc32)
    problem = _("fails its CRC-32 check");
  if (problem != NULL)
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT,
                   /* Translators: the last %s completes the sentence, e.g. "fails its CRC-32
                    * check" */
                   _("Member '%s' of '%s' %s"), m->name, r->name, problem);
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&out), produced);
}

/**
 * axds_zip_reader_extract:
 * @reader: an #AxdsZipReader
 * @index: a member index
 * @verify_crc: whether to check a stored member's CRC-32 (deflated members are always checked)
 * @error: return location for a #GError
 *
 * Stored members are returned without copying: a slice of the archive's bytes. Deflated ones
 * are inflated into new memory, refusing output beyond the declared size.
 *
 * Returns: (transfer full): the member's data, or %NULL
 */
GBytes *
axds_zip_reader_extract (AxdsZipReader  *reader,
                         guint           index,
                         gboolean        verify_crc,
                         GError        **error)
{
  const AxdsZipMember *m;

  g_return_val_if_fail (reader != NULL, NULL);
  g_return_val_if_fail (index < reader->n_members, NULL);

  m = &reader->members[index];
  if (m->method == 8)
    return inflate_member (reader, m, error);
  if (verify_crc && (guint32) crc32_z (0, reader->data + m->data_offset, m->size) != m->crc32)
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_CORRUPT,
                   _("Member '%s' of '%s' fails its CRC-32 check"), m->name, reader->name);
      return NULL;
    }
  return g_bytes_new_from_bytes (reader->bytes, (gsize) m->data_offset, (gsize) m->size);
}

/* ---------------------------------------------------------------------------------------------- */
/* Boxed types: what bindings and GValue carry                                                    */

G_DEFINE_BOXED_TYPE (AxdsZipWriter, axds_zip_writer, axds_zip_writer_ref, axds_zip_writer_unref)
G_DEFINE_BOXED_TYPE (AxdsZipReader, axds_zip_reader, axds_zip_reader_ref, axds_zip_reader_unref)
/**
 * axds_zip_member_copy:
 * @self: a #AxdsZipMember
 *
 * Makes a copy on the heap, for bindings and #GValue.
 *
 * Returns: (transfer full): the copy; free it with axds_zip_member_free()
 */
AxdsZipMember *
axds_zip_member_copy (const AxdsZipMember *self)
{
  AxdsZipMember *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->name = g_strdup (self->name);
  return copy;
}

/**
 * axds_zip_member_free:
 * @self: (nullable) (transfer full): a #AxdsZipMember made by axds_zip_member_copy()
 *
 * Frees @self.
 */
void
axds_zip_member_free (AxdsZipMember *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self);
}

G_DEFINE_BOXED_TYPE (AxdsZipMember, axds_zip_member, axds_zip_member_copy, axds_zip_member_free)

/* axds-zip.h — zip archives as numpy.savez writes them, and a reader for untrusted ones
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(AXDS_INSIDE) && !defined(AXDS_COMPILATION)
# error "Only <axds.h> can be included directly."
#endif

#include <gio/gio.h>

#include "axds-version.h"

G_BEGIN_DECLS

/**
 * AxdsZipWriter:
 *
 * Writes a zip archive of stored (uncompressed) members laid out exactly as `numpy.savez`
 * (Python's `zipfile` with `force_zip64`) lays them out: a ZIP64 extra field in every local
 * header, 1980-01-01 timestamps, CRC-32, and ZIP64 end records only where the format's limits
 * demand them.
 *
 * Made by axds_zip_writer_new(), filled with axds_zip_writer_add(), completed by
 * axds_zip_writer_close(); reference counted like the library's other data objects, but not
 * thread-safe: one thread writes.
 */
typedef struct _AxdsZipWriter AxdsZipWriter;

#define AXDS_TYPE_ZIP_WRITER (axds_zip_writer_get_type ())

AXDS_AVAILABLE_IN_ALL
GType axds_zip_writer_get_type (void) G_GNUC_CONST;

/**
 * AxdsZipReader:
 *
 * A parsed, validated zip archive held in memory (usually a mapped file). Reference counted;
 * immutable once made, so it may be used from several threads.
 */
typedef struct _AxdsZipReader AxdsZipReader;

#define AXDS_TYPE_ZIP_READER (axds_zip_reader_get_type ())

AXDS_AVAILABLE_IN_ALL
GType axds_zip_reader_get_type (void) G_GNUC_CONST;

/**
 * AxdsZipMember:
 * @name: the member's name
 * @method: 0 (stored) or 8 (deflate)
 * @crc32: CRC-32 of the uncompressed data
 * @compressed_size: bytes of (compressed) data in the archive
 * @size: bytes of uncompressed data
 * @header_offset: offset of the member's local header
 * @data_offset: offset of the member's data
 *
 * A member of an #AxdsZipReader; every offset and size has been checked against the archive.
 */
typedef struct
{
  char    *name;
  guint    method;
  guint32  crc32;
  guint64  compressed_size;
  guint64  size;
  guint64  header_offset;
  guint64  data_offset;
} AxdsZipMember;

#define AXDS_TYPE_ZIP_MEMBER (axds_zip_member_get_type ())

AXDS_AVAILABLE_IN_ALL
GType axds_zip_member_get_type (void) G_GNUC_CONST;
AXDS_AVAILABLE_IN_ALL
AxdsZipMember *axds_zip_member_copy (const AxdsZipMember *self);
AXDS_AVAILABLE_IN_ALL
void axds_zip_member_free (AxdsZipMember *self);

AXDS_AVAILABLE_IN_ALL
AxdsZipWriter       *axds_zip_writer_new               (const char     *path,
                                                        GError        **error);
AXDS_AVAILABLE_IN_ALL
gboolean             axds_zip_writer_add               (AxdsZipWriter  *writer,
                                                        const char     *name,
                                                        const guint8   *head,
                                                        gsize           head_len,
                                                        const guint8   *data,
                                                        gsize           data_len,
                                                        GError        **error);
AXDS_AVAILABLE_IN_ALL
gboolean             axds_zip_writer_close             (AxdsZipWriter  *writer,
                                                        gboolean        sync,
                                                        GError        **error);
AXDS_AVAILABLE_IN_ALL
guint                axds_zip_writer_get_n_members     (AxdsZipWriter  *writer);
AXDS_AVAILABLE_IN_ALL
AxdsZipWriter       *axds_zip_writer_ref               (AxdsZipWriter  *writer);
AXDS_AVAILABLE_IN_ALL
void                 axds_zip_writer_unref             (AxdsZipWriter  *writer);

AXDS_AVAILABLE_IN_ALL
AxdsZipReader       *axds_zip_reader_new               (GBytes         *bytes,
                                                        const char     *display_name,
                                                        GError        **error);
AXDS_AVAILABLE_IN_ALL
AxdsZipReader       *axds_zip_reader_new_for_path      (const char     *path,
                                                        GError        **error);
AXDS_AVAILABLE_IN_ALL
AxdsZipReader       *axds_zip_reader_ref               (AxdsZipReader  *reader);
AXDS_AVAILABLE_IN_ALL
void                 axds_zip_reader_unref             (AxdsZipReader  *reader);
AXDS_AVAILABLE_IN_ALL
guint                axds_zip_reader_get_n_members     (AxdsZipReader  *reader);
AXDS_AVAILABLE_IN_ALL
const AxdsZipMember *axds_zip_reader_get_member        (AxdsZipReader  *reader,
                                                        guint           index);
AXDS_AVAILABLE_IN_ALL
gboolean             axds_zip_reader_lookup            (AxdsZipReader  *reader,
                                                        const char     *name,
                                                        guint          *index);
AXDS_AVAILABLE_IN_ALL
GBytes              *axds_zip_reader_get_bytes         (AxdsZipReader  *reader);
AXDS_AVAILABLE_IN_ALL
GBytes              *axds_zip_reader_extract           (AxdsZipReader  *reader,
                                                        guint           index,
                                                        gboolean        verify_crc,
                                                        GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AxdsZipWriter, axds_zip_writer_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AxdsZipReader, axds_zip_reader_unref)

G_END_DECLS

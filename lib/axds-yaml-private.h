/* axds-yaml-private.h — libyaml plumbing shared by the YAML config and the tracker
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>
#include <yaml.h>

G_BEGIN_DECLS

/* Hostile-input bounds: a document deeper than this, a scalar longer than this or a file larger
 * than this is refused before it can exhaust the stack or memory. */
#define AXDS_YAML_MAX_DEPTH       64
#define AXDS_YAML_MAX_SCALAR      (16u * 1024 * 1024)
#define AXDS_YAML_MAX_FILE_SIZE   ((gsize) 256 * 1024 * 1024)

/* What a scalar resolves to under YAML 1.1 (PyYAML's resolver). */
typedef enum
{
  AXDS_YAML_KIND_STR,
  AXDS_YAML_KIND_NULL,
  AXDS_YAML_KIND_BOOL,
  AXDS_YAML_KIND_INT,
  AXDS_YAML_KIND_FLOAT,
  AXDS_YAML_KIND_OTHER,     /* timestamps, merge keys, values… of no use here */
} AxdsYamlKind;

AxdsYamlKind  _axds_yaml_resolve_plain   (const char   *value,
                                          gsize         length);
AxdsYamlKind  _axds_yaml_resolve_plain_regex (const char *value,
                                             gsize       length);
AxdsYamlKind  _axds_yaml_scalar_kind     (const yaml_event_t *event,
                                          GError      **error);
gboolean      _axds_yaml_parse_int       (const char   *text,
                                          gboolean     *negative,
                                          guint64      *magnitude);
gboolean      _axds_yaml_parse_bool      (const char   *text,
                                          gboolean     *value);
gboolean      _axds_yaml_parse_float     (const char   *text,
                                          double       *value);
void          _axds_yaml_format_double   (double        value,
                                          char         *buf,
                                          gsize         buf_len);
gboolean      _axds_yaml_check_extension (const char   *path,
                                          GError      **error);

/* A pull parser with the bounds above; errors name the file and give 1-based line and column. */
typedef struct
{
  yaml_parser_t parser;
  const char   *display_name;
  guint         depth;
} AxdsYamlReader;

void          _axds_yaml_reader_init     (AxdsYamlReader *reader,
                                          const char     *data,
                                          gsize           length,
                                          const char     *display_name);
void          _axds_yaml_reader_clear    (AxdsYamlReader *reader);
gboolean      _axds_yaml_reader_next     (AxdsYamlReader *reader,
                                          yaml_event_t   *event,
                                          GError        **error);
gboolean      _axds_yaml_reader_skip     (AxdsYamlReader *reader,
                                          yaml_event_t   *first,
                                          GError        **error);
void          _axds_yaml_set_error_at    (GError        **error,
                                          gint            code,
                                          const char     *display_name,
                                          const yaml_mark_t *mark,
                                          const char     *format,
                                          ...) G_GNUC_PRINTF (5, 6);

/* An emitter configured as PyYAML's CDumper with the Python library's options: block style,
 * two-space indent, width 200, ASCII only, explicit `---` and `...`, writing into a GString. */
typedef struct
{
  yaml_emitter_t emitter;
  GString       *out;
  const char    *display_name;
} AxdsYamlWriter;

gboolean      _axds_yaml_writer_begin    (AxdsYamlWriter *writer,
                                          GString        *out,
                                          const char     *display_name,
                                          GError        **error);
gboolean      _axds_yaml_writer_end      (AxdsYamlWriter *writer,
                                          GError        **error);
void          _axds_yaml_writer_clear    (AxdsYamlWriter *writer);
gboolean      _axds_yaml_write_str       (AxdsYamlWriter *writer,
                                          const char     *value,
                                          GError        **error);
gboolean      _axds_yaml_write_plain     (AxdsYamlWriter *writer,
                                          const char     *text,
                                          GError        **error);
gboolean      _axds_yaml_write_uint64    (AxdsYamlWriter *writer,
                                          guint64         value,
                                          GError        **error);
gboolean      _axds_yaml_write_int64     (AxdsYamlWriter *writer,
                                          gint64          value,
                                          GError        **error);
gboolean      _axds_yaml_write_double    (AxdsYamlWriter *writer,
                                          double          value,
                                          GError        **error);
gboolean      _axds_yaml_write_mapping   (AxdsYamlWriter *writer,
                                          gboolean        start,
                                          GError        **error);
gboolean      _axds_yaml_write_sequence  (AxdsYamlWriter *writer,
                                          gboolean        start,
                                          GError        **error);

/* Files: whole-file reads bounded by AXDS_YAML_MAX_FILE_SIZE, and atomic replacement
 * (temporary file in the same folder, optional fsync of file and folder, rename). */
gboolean      _axds_yaml_read_file       (const char    *path,
                                          char         **data,
                                          gsize         *length,
                                          GError       **error);
gboolean      _axds_yaml_write_file_atomic (const char  *path,
                                            const char  *data,
                                            gsize        length,
                                            gboolean     sync,
                                            GError     **error);

G_END_DECLS

/* axds-cli-table.h — the tables and JSON documents the axds tool prints
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/*
 * One table per listing: columns with a title (the text header) and a key (the JSON member),
 * rows of cells that each carry the text shown and the JSON value. The same table prints as
 * text padded by display width or as a JSON array of objects (one object for a result), so
 * `list` and `list --json` cannot drift apart.
 */

typedef struct _AxdsCliTable AxdsCliTable;

AxdsCliTable *axds_cli_table_new              (void);
void          axds_cli_table_free             (AxdsCliTable *self);
guint         axds_cli_table_add_column       (AxdsCliTable *self,
                                               const char   *title,
                                               const char   *key,
                                               gboolean      right_align);
void          axds_cli_table_set_column_width (AxdsCliTable *self,
                                               guint         column,
                                               guint         width,
                                               const char   *gap);
void          axds_cli_table_add_row          (AxdsCliTable *self);
guint         axds_cli_table_get_n_rows       (AxdsCliTable *self);
void          axds_cli_table_add_cell         (AxdsCliTable *self,
                                               const char   *text,
                                               JsonNode     *value);
void          axds_cli_table_add_string       (AxdsCliTable *self,
                                               const char   *text);
void          axds_cli_table_add_int          (AxdsCliTable *self,
                                               gint64        value);
void          axds_cli_table_add_uint         (AxdsCliTable *self,
                                               guint64       value);
void          axds_cli_table_add_bool         (AxdsCliTable *self,
                                               gboolean      value,
                                               const char   *text);
void          axds_cli_table_add_null         (AxdsCliTable *self,
                                               const char   *text);
void          axds_cli_table_add_strv         (AxdsCliTable *self,
                                               const char * const *values);
void          axds_cli_table_skip             (AxdsCliTable *self);
void          axds_cli_table_add_note         (AxdsCliTable *self,
                                               const char   *line);
char         *axds_cli_table_format           (AxdsCliTable *self);
gboolean      axds_cli_table_print            (AxdsCliTable *self);
JsonNode     *axds_cli_table_to_json          (AxdsCliTable *self);
gboolean      axds_cli_table_print_json       (AxdsCliTable *self);
gboolean      axds_cli_table_print_json_object (AxdsCliTable *self);
gboolean      axds_cli_print_json             (JsonNode     *root);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AxdsCliTable, axds_cli_table_free)

G_END_DECLS

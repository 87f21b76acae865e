/* axds-cli-table.c — the tables and JSON documents the axds tool prints
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include "format/axds-format.h"
#include "axds-cli-table.h"

typedef struct
{
  char     *title;      /* NULL: in JSON only */
  char     *key;        /* NULL: in the text only */
  gboolean  right_align;
  guint     width;      /* 0: as wide as its widest cell */
  char     *gap;        /* what follows the column in a text line */
} Column;

typedef struct
{
  char     *text;
  JsonNode *value;      /* NULL: no member in the JSON object */
} Cell;

typedef struct
{
  GArray    *cells;     /* of Cell */
  GPtrArray *notes;     /* text lines printed under the row */
} Row;

struct _AxdsCliTable
{
  GArray    *columns;   /* of Column */
  GPtrArray *rows;      /* of Row */
};

static void
column_clear (gpointer data)
{
  Column *column = data;

  g_free (column->title);
  g_free (column->key);
  g_free (column->gap);
}

static void
cell_clear (gpointer data)
{
  Cell *cell = data;

  g_free (cell->text);
  g_clear_pointer (&cell->value, json_node_unref);
}

static void
row_free (gpointer data)
{
  Row *row = data;

  g_array_unref (row->cells);
  g_ptr_array_unref (row->notes);
  g_free (row);
}

/**
 * axds_cli_table_new:
 *
 * Returns: (transfer full): a table without columns or rows
 */
AxdsCliTable *
axds_cli_table_new (void)
{
  AxdsCliTable *self = g_new0 (AxdsCliTable, 1);

  self->columns = g_array_new (FALSE, TRUE, sizeof (Column));
  g_array_set_clear_func (self->columns, column_clear);
  self->rows = g_ptr_array_new_with_free_func (row_free);
  return self;
}

void
axds_cli_table_free (AxdsCliTable *self)
{
  g_array_unref (self->columns);
  g_ptr_array_unref (self->rows);
  g_free (self);
}

/**
 * axds_cli_table_add_column:
 * @self: a table
 * @title: (nullable): the header of the text column, %NULL for a value only in JSON
 * @key: (nullable): the member name in JSON, %NULL for a column only in the text
 * @right_align: %TRUE for numbers
 *
 * Columns are as wide as their widest cell and two spaces apart until
 * axds_cli_table_set_column_width() says otherwise. The last text column is not padded unless
 * it is right-aligned.
 *
 * Returns: the column's index
 */
guint
axds_cli_table_add_column (AxdsCliTable *self,
                           const char   *title,
                           const char   *key,
                           gboolean      right_align)
{
  Column column = { g_strdup (title), g_strdup (key), right_align, 0, g_strdup ("  ") };

  g_return_val_if_fail (self->rows->len == 0, 0);
  g_array_append_val (self->columns, column);
  return self->columns->len - 1;
}

/**
 * axds_cli_table_set_column_width:
 * @self: a table
 * @column: its index
 * @width: a fixed width in characters (a longer cell overflows), 0 to fit the cells
 * @gap: what follows the column on a line
 */
void
axds_cli_table_set_column_width (AxdsCliTable *self,
                                 guint         column,
                                 guint         width,
                                 const char   *gap)
{
  Column *c;

  g_return_if_fail (column < self->columns->len);
  c = &g_array_index (self->columns, Column, column);
  c->width = width;
  g_free (c->gap);
  c->gap = g_strdup (gap);
}

/* Starts the next row; its cells follow in column order. */
void
axds_cli_table_add_row (AxdsCliTable *self)
{
  Row *row = g_new0 (Row, 1);

  row->cells = g_array_sized_new (FALSE, TRUE, sizeof (Cell), self->columns->len);
  g_array_set_clear_func (row->cells, cell_clear);
  row->notes = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->rows, row);
}

guint
axds_cli_table_get_n_rows (AxdsCliTable *self)
{
  return self->rows->len;
}

/**
 * axds_cli_table_add_cell:
 * @self: a table
 * @text: (nullable): what the text shows
 * @value: (transfer full) (nullable): the JSON value, %NULL for no member
 *
 * Fills the next cell of the current row.
 */
void
axds_cli_table_add_cell (AxdsCliTable *self,
                         const char   *text,
                         JsonNode     *value)
{
  Row *row = self->rows->len > 0 ? g_ptr_array_index (self->rows, self->rows->len - 1) : NULL;
  Cell cell;

  if (row == NULL || row->cells->len >= self->columns->len)
    {
      g_critical ("%s: no row started, or more cells than columns", G_STRFUNC);
      g_clear_pointer (&value, json_node_unref);
      return;
    }
  cell.text = g_strdup (text != NULL ? text : "");
  cell.value = value;
  g_array_append_val (row->cells, cell);
}

void
axds_cli_table_add_string (AxdsCliTable *self,
                           const char   *text)
{
  JsonNode *value = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (value, text);
  axds_cli_table_add_cell (self, text, value);
}

void
axds_cli_table_add_int (AxdsCliTable *self,
                        gint64        value)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  axds_cli_table_add_cell (self, text, json_node_init_int (json_node_alloc (), value));
}

/* JSON integers are signed: counts beyond G_MAXINT64 are written as G_MAXINT64. */
void
axds_cli_table_add_uint (AxdsCliTable *self,
                         guint64       value)
{
  g_autofree char *text = g_strdup_printf ("%" G_GUINT64_FORMAT, value);

  axds_cli_table_add_cell (self, text,
                           json_node_init_int (json_node_alloc (),
                                               (gint64) MIN (value, (guint64) G_MAXINT64)));
}

void
axds_cli_table_add_bool (AxdsCliTable *self,
                         gboolean      value,
                         const char   *text)
{
  axds_cli_table_add_cell (self, text, json_node_init_boolean (json_node_alloc (), value));
}

void
axds_cli_table_add_null (AxdsCliTable *self,
                         const char   *text)
{
  axds_cli_table_add_cell (self, text, json_node_init_null (json_node_alloc ()));
}

/* A JSON list of strings; the text shows them separated by commas. */
void
axds_cli_table_add_strv (AxdsCliTable       *self,
                         const char * const *values)
{
  JsonArray *array = json_array_new ();
  g_autofree char *text = g_strjoinv (", ", (char **) values);

  for (guint i = 0; values[i] != NULL; i++)
    json_array_add_string_element (array, values[i]);
  axds_cli_table_add_cell (self, text, json_node_init_array (json_node_alloc (), array));
  json_array_unref (array);
}

/* An empty cell, absent from the row's JSON object. */
void
axds_cli_table_skip (AxdsCliTable *self)
{
  axds_cli_table_add_cell (self, NULL, NULL);
}

/* A line of text printed as it is under the current row (a failed job's error). */
void
axds_cli_table_add_note (AxdsCliTable *self,
                         const char   *line)
{
  Row *row;

  g_return_if_fail (self->rows->len > 0);
  row = g_ptr_array_index (self->rows, self->rows->len - 1);
  g_ptr_array_add (row->notes, g_strdup (line));
}

static const char *
cell_text (Row   *row,
           guint  column)
{
  return column < row->cells->len ? g_array_index (row->cells, Cell, column).text : "";
}

static void
append_line (AxdsCliTable  *self,
             GString       *out,
             const guint   *widths,
             guint          last,
             Row           *row)
{
  for (guint c = 0; c <= last; c++)
    {
      const Column *column = &g_array_index (self->columns, Column, c);
      const char *text;

      if (column->title == NULL)
        continue;
      text = row != NULL ? cell_text (row, c) : column->title;
      if (c == last && !column->right_align)
        g_string_append (out, text);
      else
        axds_format_pad (out, text, widths[c], column->right_align);
      if (c < last)
        g_string_append (out, column->gap);
    }
  g_string_append_c (out, '\n');
}

/**
 * axds_cli_table_format:
 * @self: a table
 *
 * Returns: (transfer full): the header line and one line per row (and its notes), each
 *   ending in a newline; padded by characters, not bytes, so that translations line up
 */
char *
axds_cli_table_format (AxdsCliTable *self)
{
  g_autofree guint *widths = g_new0 (guint, MAX (self->columns->len, 1));
  GString *out = g_string_new (NULL);
  guint last = 0;

  for (guint c = 0; c < self->columns->len; c++)
    {
      const Column *column = &g_array_index (self->columns, Column, c);

      if (column->title == NULL)
        continue;
      last = c;
      widths[c] = column->width;
      if (column->width > 0)
        continue;
      widths[c] = axds_format_display_width (column->title);
      for (guint r = 0; r < self->rows->len; r++)
        widths[c] = MAX (widths[c],
                         axds_format_display_width (cell_text (g_ptr_array_index (self->rows, r),
                                                               c)));
    }

  append_line (self, out, widths, last, NULL);
  for (guint r = 0; r < self->rows->len; r++)
    {
      Row *row = g_ptr_array_index (self->rows, r);

      append_line (self, out, widths, last, row);
      for (guint i = 0; i < row->notes->len; i++)
        g_string_append_printf (out, "%s\n", (const char *) g_ptr_array_index (row->notes, i));
    }
  return g_string_free (out, FALSE);
}

/* Returns: %FALSE when writing to stdout failed */
gboolean
axds_cli_table_print (AxdsCliTable *self)
{
  g_autofree char *text = axds_cli_table_format (self);

  return fputs (text, stdout) != EOF;
}

static JsonNode *
row_to_json (AxdsCliTable *self,
             Row          *row)
{
  g_autoptr(JsonObject) object = json_object_new ();

  for (guint c = 0; c < row->cells->len; c++)
    {
      const Column *column = &g_array_index (self->columns, Column, c);
      const Cell *cell = &g_array_index (row->cells, Cell, c);

      if (column->key != NULL && cell->value != NULL)
        json_object_set_member (object, column->key, json_node_copy (cell->value));
    }
  /* The node takes its own reference. */
  return json_node_init_object (json_node_alloc (), object);
}

/**
 * axds_cli_table_to_json:
 * @self: a table
 *
 * Returns: (transfer full): a list of objects, one per row, whose members are the columns
 *   with a key, in column order
 */
JsonNode *
axds_cli_table_to_json (AxdsCliTable *self)
{
  JsonArray *array = json_array_new ();
  JsonNode *root;

  for (guint r = 0; r < self->rows->len; r++)
    json_array_add_element (array, row_to_json (self, g_ptr_array_index (self->rows, r)));
  root = json_node_init_array (json_node_alloc (), array);
  json_array_unref (array);
  return root;
}

/* Writes axds_cli_table_to_json() as one line. Returns: %FALSE when writing failed */
gboolean
axds_cli_table_print_json (AxdsCliTable *self)
{
  g_autoptr(JsonNode) root = axds_cli_table_to_json (self);

  return axds_cli_print_json (root);
}

/**
 * axds_cli_table_print_json_object:
 * @self: a table of one row (a command's result)
 *
 * Returns: %FALSE when writing failed
 */
gboolean
axds_cli_table_print_json_object (AxdsCliTable *self)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (self->rows->len == 1, FALSE);
  root = row_to_json (self, g_ptr_array_index (self->rows, 0));
  return axds_cli_print_json (root);
}

/**
 * axds_cli_print_json:
 * @root: (transfer none): the document
 *
 * Writes @root to stdout as one line of JSON.
 *
 * Returns: %FALSE when writing failed
 */
gboolean
axds_cli_print_json (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  gsize len = 0;

  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &len);
  return fwrite (text, 1, len, stdout) == len && fputc ('\n', stdout) != EOF;
}

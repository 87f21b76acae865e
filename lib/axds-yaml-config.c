/* axds-yaml-config.c — GObjects saved to and loaded from YAML files
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * SECTION:axds-yaml-config
 * @title: YAML configuration
 *
 * The C counterpart of Python's `YamlConfig`: declare a configuration type once, as a GObject
 * class with properties (as json-glib serialises objects), and save or load it as a YAML document
 * that the Python library reads and writes too.
 *
 * Each readable property not flagged %AXDS_YAML_PARAM_EXCLUDE becomes a key, in the order the
 * properties were installed (parent classes first), with `-` in the property name written as `_`
 * (`frame-rate` is `frame_rate`, as a Python field would be named). Values map as follows:
 *
 * - booleans → `true` / `false`; integer types → integers (range-checked on load);
 *   `float`/`double` → floats written as Python's `repr()` writes them;
 * - strings → strings (`null` when %NULL; loading `null` needs %AXDS_YAML_PARAM_NULLABLE, or a
 *   %NULL default on a field that is not required);
 * - enums and flags → their raw integer values, as the Python library writes `IntEnum`s;
 * - #GFile → its path as a string;
 * - a #GObject-typed property → a nested mapping of that object's properties (a nested record);
 * - %G_TYPE_STRV → a list of strings;
 * - #GVariant properties → by their declared type: maybe types are nullable values, `a*` are
 *   lists, `a{s*}` are string-keyed maps, tuples are lists, `v` takes any scalar, list or map.
 *
 * |[<!-- language="C" -->
 * // A config with a required name, a nullable note, an enum and a list of channels.
 * properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL,
 *                                              G_PARAM_READWRITE | AXDS_YAML_PARAM_REQUIRED);
 * properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL,
 *                                              G_PARAM_READWRITE | AXDS_YAML_PARAM_NULLABLE);
 * properties[PROP_MODE] = g_param_spec_enum ("mode", NULL, NULL, MY_TYPE_MODE, MY_MODE_FAST,
 *                                            G_PARAM_READWRITE);
 * properties[PROP_CHANNELS] = g_param_spec_variant ("channels", NULL, NULL,
 *                                                   G_VARIANT_TYPE ("ax"), NULL,
 *                                                   G_PARAM_READWRITE);
 * …
 * axds_yaml_config_save (G_OBJECT (config), "session.yaml", AXDS_YAML_CONFIG_SAVE_NONE, &error);
 * g_autoptr(MyConfig) again = axds_yaml_config_load (MY_TYPE_CONFIG, "session.yaml", &error);
 * ]|
 *
 * Saving is atomic and durable: a temporary file in the same folder, fsync, rename, fsync of the
 * folder. Loading reports the file, line and column of what is wrong: a path without the `.yaml`
 * or `.yml` extension, a missing file, malformed YAML, a top level that is not a mapping, a
 * required field missing or a value of the wrong type. Keys that match no property are ignored,
 * as the Python library ignores them.
 */

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <gio/gio.h>

#include "axds-error.h"
#include "axds-i18n-private.h"
#include "axds-yaml-config.h"
#include "axds-yaml-private.h"

/* Properties in declaration order: base classes first, then installation order (param_id). */
static gint
compare_pspecs (gconstpointer a,
                gconstpointer b)
{
  const GParamSpec *pa = *(GParamSpec * const *) a;
  const GParamSpec *pb = *(GParamSpec * const *) b;
  guint da = g_type_depth (pa->owner_type);
  guint db = g_type_depth (pb->owner_type);

  if (da != db)
    return da < db ? -1 : 1;
  return pa->param_id < pb->param_id ? -1 : (pa->param_id > pb->param_id);
}

static GParamSpec **
list_document_properties (GObjectClass *klass,
                          guint        *n_out)
{
  guint n = 0, kept = 0;
  GParamSpec **pspecs = g_object_class_list_properties (klass, &n);

  for (guint i = 0; i < n; i++)
    if ((pspecs[i]->flags & G_PARAM_READABLE) && !(pspecs[i]->flags & AXDS_YAML_PARAM_EXCLUDE))
      pspecs[kept++] = pspecs[i];
  qsort (pspecs, kept, sizeof (GParamSpec *), (int (*)(const void *, const void *)) compare_pspecs);
  *n_out = kept;
  return pspecs;
}

static char *
key_for_pspec (GParamSpec *pspec)
{
  char *key = g_strdup (pspec->name);

  g_strdelimit (key, "-", '_');
  return key;
}

/* Writing. */

static gboolean write_object (AxdsYamlWriter *writer, GObject *object, guint depth,
                              GError **error);

static gboolean
write_variant (AxdsYamlWriter  *writer,
               GVariant        *value,
               guint            depth,
               GError         **error)
{
  const GVariantType *type = g_variant_get_type (value);
  char buf[64];

  if (depth > AXDS_YAML_MAX_DEPTH)
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_NOT_SUPPORTED, _("%s: nested too deeply"),
                   writer->display_name);
      return FALSE;
    }

  switch (g_variant_classify (value))
    {
    case G_VARIANT_CLASS_BOOLEAN:
      return _axds_yaml_write_plain (writer, g_variant_get_boolean (value) ? "true" : "false",
                                     error);
    case G_VARIANT_CLASS_BYTE:
      return _axds_yaml_write_uint64 (writer, g_variant_get_byte (value), error);
    case G_VARIANT_CLASS_INT16:
      return _axds_yaml_write_int64 (writer, g_variant_get_int16 (value), error);
    case G_VARIANT_CLASS_UINT16:
      return _axds_yaml_write_uint64 (writer, g_variant_get_uint16 (value), error);
    case G_VARIANT_CLASS_INT32:
      return _axds_yaml_write_int64 (writer, g_variant_get_int32 (value), error);
    case G_VARIANT_CLASS_UINT32:
      return _axds_yaml_write_uint64 (writer, g_variant_get_uint32 (value), error);
    case G_VARIANT_CLASS_INT64:
      return _axds_yaml_write_int64 (writer, g_variant_get_int64 (value), error);
    case G_VARIANT_CLASS_UINT64:
      return _axds_yaml_write_uint64 (writer, g_variant_get_uint64 (value), error);
    case G_VARIANT_CLASS_HANDLE:
      return _axds_yaml_write_int64 (writer, g_variant_get_handle (value), error);
    case G_VARIANT_CLASS_DOUBLE:
      _axds_yaml_format_double (g_variant_get_double (value), buf, sizeof buf);
      return _axds_yaml_write_plain (writer, buf, error);
    case G_VARIANT_CLASS_STRING:
    case G_VARIANT_CLASS_OBJECT_PATH:
    case G_VARIANT_CLASS_SIGNATURE:
      return _axds_yaml_write_str (writer, g_variant_get_string (value, NULL), error);
    case G_VARIANT_CLASS_VARIANT:
      {
        g_autoptr(GVariant) inner = g_variant_get_variant (value);
        return write_variant (writer, inner, depth + 1, error);
      }
    case G_VARIANT_CLASS_MAYBE:
      {
        g_autoptr(GVariant) inner = g_variant_get_maybe (value);

        if (inner == NULL)
          return _axds_yaml_write_plain (writer, "null", error);
        return write_variant (writer, inner, depth + 1, error);
      }
    case G_VARIANT_CLASS_ARRAY:
      {
        const GVariantType *element = g_variant_type_element (type);
        gboolean is_map = g_variant_type_is_dict_entry (element) &&
                          g_variant_type_equal (g_variant_type_key (element),
                                                G_VARIANT_TYPE_STRING);
        gsize n = g_variant_n_children (value);

        if (g_variant_type_is_dict_entry (element) && !is_map)
          {
            g_set_error (error, AXDS_ERROR, AXDS_ERROR_NOT_SUPPORTED,
                         _("%s: maps must have string keys"), writer->display_name);
            return FALSE;
          }
        if (is_map ? !_axds_yaml_write_mapping (writer, TRUE, error)
                   : !_axds_yaml_write_sequence (writer, TRUE, error))
          return FALSE;
        for (gsize i = 0; i < n; i++)
          {
            g_autoptr(GVariant) child = g_variant_get_child_value (value, i);

            if (is_map)
              {
                g_autoptr(GVariant) key = g_variant_get_child_value (child, 0);
                g_autoptr(GVariant) item = g_variant_get_child_value (child, 1);

                if (!_axds_yaml_write_str (writer, g_variant_get_string (key, NULL), error) ||
                    !write_variant (writer, item, depth + 1, error))
                  return FALSE;
              }
            else if (!write_variant (writer, child, depth + 1, error))
              return FALSE;
          }
        return is_map ? _axds_yaml_write_mapping (writer, FALSE, error)
                      : _axds_yaml_write_sequence (writer, FALSE, error);
      }
    case G_VARIANT_CLASS_TUPLE:
      {
        gsize n = g_variant_n_children (value);

        if (!_axds_yaml_write_sequence (writer, TRUE, error))
          return FALSE;
        for (gsize i = 0; i < n; i++)
          {
            g_autoptr(GVariant) child = g_variant_get_child_value (value, i);
            if (!write_variant (writer, child, depth + 1, error))
              return FALSE;
          }
        return _axds_yaml_write_sequence (writer, FALSE, error);
      }
    case G_VARIANT_CLASS_DICT_ENTRY:
    default:
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_NOT_SUPPORTED,
                   _("%s: variant type '%s' cannot be written"), writer->display_name,
                   g_variant_get_type_string (value));
      return FALSE;
    }
}

static gboolean
write_value (AxdsYamlWriter  *writer,
             GParamSpec      *pspec,
             const GValue    *value,
             guint            depth,
             GError         **error)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  switch (G_TYPE_FUNDAMENTAL (type))
    {
    case G_TYPE_BOOLEAN:
      return _axds_yaml_write_plain (writer, g_value_get_boolean (value) ? "true" : "false",
                                     error);
    case G_TYPE_CHAR:
      return _axds_yaml_write_int64 (writer, g_value_get_schar (value), error);
    case G_TYPE_UCHAR:
      return _axds_yaml_write_uint64 (writer, g_value_get_uchar (value), error);
    case G_TYPE_INT:
      return _axds_yaml_write_int64 (writer, g_value_get_int (value), error);
    case G_TYPE_UINT:
      return _axds_yaml_write_uint64 (writer, g_value_get_uint (value), error);
    case G_TYPE_LONG:
      return _axds_yaml_write_int64 (writer, g_value_get_long (value), error);
    case G_TYPE_ULONG:
      return _axds_yaml_write_uint64 (writer, g_value_get_ulong (value), error);
    case G_TYPE_INT64:
      return _axds_yaml_write_int64 (writer, g_value_get_int64 (value), error);
    case G_TYPE_UINT64:
      return _axds_yaml_write_uint64 (writer, g_value_get_uint64 (value), error);
    case G_TYPE_FLOAT:
      return _axds_yaml_write_double (writer, g_value_get_float (value), error);
    case G_TYPE_DOUBLE:
      return _axds_yaml_write_double (writer, g_value_get_double (value), error);
    case G_TYPE_ENUM:
      return _axds_yaml_write_int64 (writer, g_value_get_enum (value), error);
    case G_TYPE_FLAGS:
      return _axds_yaml_write_uint64 (writer, g_value_get_flags (value), error);
    case G_TYPE_STRING:
      if (g_value_get_string (value) == NULL)
        return _axds_yaml_write_plain (writer, "null", error);
      return _axds_yaml_write_str (writer, g_value_get_string (value), error);
    case G_TYPE_VARIANT:
      if (g_value_get_variant (value) == NULL)
        return _axds_yaml_write_plain (writer, "null", error);
      return write_variant (writer, g_value_get_variant (value), depth + 1, error);
    case G_TYPE_BOXED:
      if (type == G_TYPE_STRV)
        {
          const char * const *strv = g_value_get_boxed (value);

          if (strv == NULL)
            return _axds_yaml_write_plain (writer, "null", error);
          if (!_axds_yaml_write_sequence (writer, TRUE, error))
            return FALSE;
          for (; *strv; strv++)
            if (!_axds_yaml_write_str (writer, *strv, error))
              return FALSE;
          return _axds_yaml_write_sequence (writer, FALSE, error);
        }
      break;
    case G_TYPE_INTERFACE:
    case G_TYPE_OBJECT:
      {
        GObject *child = g_value_get_object (value);

        if (child == NULL)
          return _axds_yaml_write_plain (writer, "null", error);
        if (G_IS_FILE (child))
          {
            g_autofree char *path = g_file_get_path (G_FILE (child));

            if (path == NULL)
              {
                g_set_error (error, AXDS_ERROR, AXDS_ERROR_NOT_SUPPORTED,
                             _("%s: field '%s' holds a file without a local path"),
                             writer->display_name, pspec->name);
                return FALSE;
              }
            return _axds_yaml_write_str (writer, path, error);
          }
        return write_object (writer, child, depth + 1, error);
      }
    default:
      break;
    }
  g_set_error (error, AXDS_ERROR, AXDS_ERROR_NOT_SUPPORTED,
               _("%s: property '%s' of type %s cannot be written to YAML"), writer->display_name,
               pspec->name, g_type_name (type));
  return FALSE;
}

static gboolean
write_object (AxdsYamlWriter  *writer,
              GObject         *object,
              guint            depth,
              GError         **error)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n;

  if (depth > AXDS_YAML_MAX_DEPTH)
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_NOT_SUPPORTED, _("%s: nested too deeply"),
                   writer->display_name);
      return FALSE;
    }
  pspecs = list_document_properties (G_OBJECT_GET_CLASS (object), &n);
  if (!_axds_yaml_write_mapping (writer, TRUE, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;
      g_autofree char *key = key_for_pspec (pspecs[i]);

      g_value_init (&value, G_PARAM_SPEC_VALUE_TYPE (pspecs[i]));
      g_object_get_property (object, pspecs[i]->name, &value);
      if (!_axds_yaml_write_str (writer, key, error) ||
          !write_value (writer, pspecs[i], &value, depth, error))
        return FALSE;
    }
  return _axds_yaml_write_mapping (writer, FALSE, error);
}

static char *
to_data (GObject     *object,
         const char  *display_name,
         gsize       *length,
         GError     **error)
{
  GString *out = g_string_sized_new (1024);
  AxdsYamlWriter writer;
  gboolean ok;

  ok = _axds_yaml_writer_begin (&writer, out, display_name, error) &&
       write_object (&writer, object, 0, error) &&
       _axds_yaml_writer_end (&writer, error);
  _axds_yaml_writer_clear (&writer);
  if (!ok)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

/**
 * axds_yaml_config_to_data:
 * @object: a configuration object
 * @length: (out) (optional): length of the document
 * @error: return location for a #GError
 *
 * Renders @object as the YAML document axds_yaml_config_save() would write.
 *
 * Returns: (transfer full): the document, or %NULL on error (a property of a type that cannot
 *   be written, or a string that is not UTF-8)
 */
char *
axds_yaml_config_to_data (GObject  *object,
                          gsize    *length,
                          GError  **error)
{
  g_return_val_if_fail (G_IS_OBJECT (object), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return to_data (object, G_OBJECT_TYPE_NAME (object), length, error);
}

/**
 * axds_yaml_config_save:
 * @object: a configuration object
 * @path: a file path ending in `.yaml` or `.yml`; missing folders are created
 * @flags: #AxdsYamlConfigSaveFlags
 * @error: return location for a #GError
 *
 * Writes @object to @path atomically: readers see the old file or the new one, never a part.
 *
 * Returns: %TRUE on success
 */
gboolean
axds_yaml_config_save (GObject                  *object,
                       const char               *path,
                       AxdsYamlConfigSaveFlags   flags,
                       GError                  **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_OBJECT (object), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_axds_yaml_check_extension (path, error))
    return FALSE;
  data = to_data (object, path, &length, error);
  if (data == NULL)
    return FALSE;
  return _axds_yaml_write_file_atomic (path, data, length,
                                       !(flags & AXDS_YAML_CONFIG_SAVE_NO_SYNC), error);
}

/* Reading: the document becomes a small tree first, so that required fields can be checked and
 * values converted with their property's type in hand. */

typedef struct _Node Node;
struct _Node
{
  yaml_event_type_t type;     /* SCALAR, SEQUENCE_START or MAPPING_START */
  AxdsYamlKind      kind;     /* scalars */
  char             *value;    /* scalars */
  yaml_mark_t       mark;
  GPtrArray        *children; /* mappings: key, value, key, value… */
};

static void
node_free (Node *node)
{
  if (node == NULL)
    return;
  g_free (node->value);
  if (node->children != NULL)
    g_ptr_array_unref (node->children);
  g_free (node);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Node, node_free)

static Node *
read_node (AxdsYamlReader  *reader,
           yaml_event_t    *event,
           GError         **error)
{
  g_autoptr(Node) node = g_new0 (Node, 1);

  node->type = event->type;
  node->mark = event->start_mark;
  if (event->type == YAML_SCALAR_EVENT)
    {
      node->kind = _axds_yaml_scalar_kind (event, NULL);
      node->value = g_strndup ((const char *) event->data.scalar.value,
                               event->data.scalar.length);
      return g_steal_pointer (&node);
    }

  node->children = g_ptr_array_new_with_free_func ((GDestroyNotify) node_free);
  for (;;)
    {
      yaml_event_t child;
      Node *child_node;

      if (!_axds_yaml_reader_next (reader, &child, error))
        return NULL;
      if (child.type == YAML_SEQUENCE_END_EVENT || child.type == YAML_MAPPING_END_EVENT)
        {
          yaml_event_delete (&child);
          break;
        }
      child_node = read_node (reader, &child, error);
      yaml_event_delete (&child);
      if (child_node == NULL)
        return NULL;
      g_ptr_array_add (node->children, child_node);
    }
  return g_steal_pointer (&node);
}

static Node *
read_document (const char  *data,
               gsize        length,
               const char  *display_name,
               GError     **error)
{
  AxdsYamlReader reader;
  g_autoptr(Node) root = NULL;
  yaml_event_t event;
  gboolean ok = FALSE;

  _axds_yaml_reader_init (&reader, data, length, display_name);
  if (!_axds_yaml_reader_next (&reader, &event, error))   /* stream start */
    goto out;
  yaml_event_delete (&event);
  if (!_axds_yaml_reader_next (&reader, &event, error))
    goto out;
  if (event.type == YAML_STREAM_END_EVENT)
    {
      yaml_event_delete (&event);
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_PARSE, _("%s: the document is empty"),
                   display_name);
      goto out;
    }
  yaml_event_delete (&event);   /* document start */
  if (!_axds_yaml_reader_next (&reader, &event, error))
    goto out;
  if (event.type != YAML_MAPPING_START_EVENT)
    {
      _axds_yaml_set_error_at (error, AXDS_ERROR_PARSE, display_name, &event.start_mark,
                               _("the top level of the document is not a mapping"));
      yaml_event_delete (&event);
      goto out;
    }
  root = read_node (&reader, &event, error);
  yaml_event_delete (&event);
  if (root == NULL)
    goto out;
  if (!_axds_yaml_reader_next (&reader, &event, error))   /* document end */
    goto out;
  yaml_event_delete (&event);
  if (!_axds_yaml_reader_next (&reader, &event, error))
    goto out;
  if (event.type != YAML_STREAM_END_EVENT)
    {
      _axds_yaml_set_error_at (error, AXDS_ERROR_PARSE, display_name, &event.start_mark,
                               _("expected a single document, found another"));
      yaml_event_delete (&event);
      goto out;
    }
  yaml_event_delete (&event);
  ok = TRUE;

out:
  _axds_yaml_reader_clear (&reader);
  return ok ? g_steal_pointer (&root) : NULL;
}

typedef struct
{
  const char *display_name;
  GString    *field;   /* dotted path of the field being read, for messages */
} LoadContext;

static const char *
describe_node (Node *node)
{
  /* Translators: these kinds of YAML values fill "field '%s' expects %s, found %s" both as
   * what was expected and as what was found */
  if (node->type == YAML_MAPPING_START_EVENT)
    return _("a mapping");
  if (node->type == YAML_SEQUENCE_START_EVENT)
    return _("a list");
  switch (node->kind)
    {
    case AXDS_YAML_KIND_NULL:  return _("null");
    case AXDS_YAML_KIND_BOOL:  return _("a boolean");
    case AXDS_YAML_KIND_INT:   return _("an integer");
    case AXDS_YAML_KIND_FLOAT: return _("a float");
    case AXDS_YAML_KIND_STR:
    case AXDS_YAML_KIND_OTHER:
    default:                   return _("a string");
    }
}

static gboolean
wrong_type (LoadContext  *ctx,
            Node         *node,
            const char   *expected,
            GError      **error)
{
  if (node->type == YAML_SCALAR_EVENT && node->kind != AXDS_YAML_KIND_NULL)
    {
      g_autofree char *shown = g_strndup (node->value, 60);
      _axds_yaml_set_error_at (error, AXDS_ERROR_WRONG_TYPE, ctx->display_name, &node->mark,
                               /* Translators: "field 'rate' expects an integer, found a string
                                * 'fast'"; the kinds are the ones of describe_node() */
                               _("field '%s' expects %s, found %s '%s'"), ctx->field->str,
                               expected, describe_node (node), shown);
    }
  else
    _axds_yaml_set_error_at (error, AXDS_ERROR_WRONG_TYPE, ctx->display_name, &node->mark,
                             _("field '%s' expects %s, found %s"), ctx->field->str, expected,
                             describe_node (node));
  return FALSE;
}

static gboolean
is_null (Node *node)
{
  return node->type == YAML_SCALAR_EVENT && node->kind == AXDS_YAML_KIND_NULL;
}

static GObject *load_object (LoadContext *ctx, GType type, Node *map, GError **error);

static gboolean
node_to_int (LoadContext  *ctx,
             Node         *node,
             gboolean     *negative,
             guint64      *magnitude,
             GError      **error)
{
  if (node->type != YAML_SCALAR_EVENT || node->kind != AXDS_YAML_KIND_INT)
    return wrong_type (ctx, node, _("an integer"), error);
  if (!_axds_yaml_parse_int (node->value, negative, magnitude))
    {
      _axds_yaml_set_error_at (error, AXDS_ERROR_WRONG_TYPE, ctx->display_name, &node->mark,
                               _("field '%s': integer %s is out of range"), ctx->field->str,
                               node->value);
      return FALSE;
    }
  return TRUE;
}

static gboolean
node_to_signed (LoadContext  *ctx,
                Node         *node,
                gint64        min,
                gint64        max,
                gint64       *out,
                GError      **error)
{
  gboolean negative;
  guint64 magnitude;
  gint64 value;

  if (!node_to_int (ctx, node, &negative, &magnitude, error))
    return FALSE;
  if (negative ? magnitude > (guint64) G_MAXINT64 + 1 : magnitude > (guint64) G_MAXINT64)
    goto range;
  value = negative ? (gint64) (0 - magnitude) : (gint64) magnitude;
  if (value < min || value > max)
    goto range;
  *out = value;
  return TRUE;

range:
  _axds_yaml_set_error_at (error, AXDS_ERROR_WRONG_TYPE, ctx->display_name, &node->mark,
                           _("field '%s': %s is out of range [%" PRId64 ", %"
                             PRId64 "]"), ctx->field->str, node->value, min, max);
  return FALSE;
}

static gboolean
node_to_unsigned (LoadContext  *ctx,
                  Node         *node,
                  guint64       min,
                  guint64       max,
                  guint64      *out,
                  GError      **error)
{
  gboolean negative;
  guint64 magnitude;

  if (!node_to_int (ctx, node, &negative, &magnitude, error))
    return FALSE;
  if ((negative && magnitude != 0) || magnitude < min || magnitude > max)
    {
      _axds_yaml_set_error_at (error, AXDS_ERROR_WRONG_TYPE, ctx->display_name, &node->mark,
                               _("field '%s': %s is out of range [%" PRIu64 ", %"
                                 PRIu64 "]"), ctx->field->str, node->value, min, max);
      return FALSE;
    }
  *out = magnitude;
  return TRUE;
}

static gboolean
node_to_double (LoadContext  *ctx,
                Node         *node,
                double       *out,
                GError      **error)
{
  if (node->type != YAML_SCALAR_EVENT ||
      (node->kind != AXDS_YAML_KIND_FLOAT && node->kind != AXDS_YAML_KIND_INT) ||
      !_axds_yaml_parse_float (node->value, out))
    return wrong_type (ctx, node, _("a number"), error);
  return TRUE;
}

static const char *
node_to_string (LoadContext  *ctx,
                Node         *node,
                GError      **error)
{
  /* A plain 123 is an integer to YAML, but a string field takes its text. */
  if (node->type != YAML_SCALAR_EVENT || node->kind == AXDS_YAML_KIND_NULL)
    {
      wrong_type (ctx, node, _("a string"), error);
      return NULL;
    }
  return node->value;
}

static GVariant *
node_to_variant (LoadContext         *ctx,
                 Node                *node,
                 const GVariantType  *type,
                 GError             **error)
{
  if (g_variant_type_is_maybe (type))
    {
      GVariant *inner;

      if (is_null (node))
        return g_variant_new_maybe (g_variant_type_element (type), NULL);
      inner = node_to_variant (ctx, node, g_variant_type_element (type), error);
      return inner ? g_variant_new_maybe (NULL, inner) : NULL;
    }

  if (g_variant_type_equal (type, G_VARIANT_TYPE_VARIANT))
    {
      const GVariantType *inferred;
      GVariant *inner;

      if (node->type == YAML_MAPPING_START_EVENT)
        inferred = G_VARIANT_TYPE ("a{sv}");
      else if (node->type == YAML_SEQUENCE_START_EVENT)
        inferred = G_VARIANT_TYPE ("av");
      else if (node->kind == AXDS_YAML_KIND_BOOL)
        inferred = G_VARIANT_TYPE_BOOLEAN;
      else if (node->kind == AXDS_YAML_KIND_INT)
        inferred = G_VARIANT_TYPE_INT64;
      else if (node->kind == AXDS_YAML_KIND_FLOAT)
        inferred = G_VARIANT_TYPE_DOUBLE;
      else if (node->kind == AXDS_YAML_KIND_NULL)
        inferred = G_VARIANT_TYPE ("ms");
      else
        inferred = G_VARIANT_TYPE_STRING;
      inner = node_to_variant (ctx, node, inferred, error);
      return inner ? g_variant_new_variant (inner) : NULL;
    }

  if (g_variant_type_is_array (type))
    {
      const GVariantType *element = g_variant_type_element (type);
      gboolean is_map = g_variant_type_is_dict_entry (element);
      g_autoptr(GVariantBuilder) builder = NULL;

      if (is_map && !g_variant_type_equal (g_variant_type_key (element), G_VARIANT_TYPE_STRING))
        {
          _axds_yaml_set_error_at (error, AXDS_ERROR_NOT_SUPPORTED, ctx->display_name,
                                   &node->mark, _("field '%s': maps must have string keys"),
                                   ctx->field->str);
          return NULL;
        }
      if (node->type != (is_map ? YAML_MAPPING_START_EVENT : YAML_SEQUENCE_START_EVENT))
        {
          wrong_type (ctx, node, is_map ? _("a mapping") : _("a list"), error);
          return NULL;
        }
      builder = g_variant_builder_new (type);
      for (guint i = 0; i < node->children->len; i += is_map ? 2 : 1)
        {
          Node *child = g_ptr_array_index (node->children, is_map ? i + 1 : i);
          GVariant *item;

          if (is_map)
            {
              Node *key = g_ptr_array_index (node->children, i);

              if (key->type != YAML_SCALAR_EVENT)
                {
                  wrong_type (ctx, key, _("a string key"), error);
                  return NULL;
                }
              item = node_to_variant (ctx, child, g_variant_type_value (element), error);
              if (item == NULL)
                return NULL;
              item = g_variant_new_dict_entry (g_variant_new_string (key->value), item);
              g_variant_builder_add_value (builder, item);
            }
          else
            {
              item = node_to_variant (ctx, child, element, error);
              if (item == NULL)
                return NULL;
              g_variant_builder_add_value (builder, item);
            }
        }
      return g_variant_builder_end (builder);
    }

  if (g_variant_type_is_tuple (type))
    {
      g_autoptr(GVariantBuilder) builder = NULL;
      const GVariantType *item_type;
      gsize n = g_variant_type_n_items (type);

      if (node->type != YAML_SEQUENCE_START_EVENT || node->children->len != n)
        {
          g_autofree char *what = g_strdup_printf (_axds_ngettext ("a list of %zu item",
                                                                   "a list of %zu items", n),
                                                   n);
          wrong_type (ctx, node, what, error);
          return NULL;
        }
      builder = g_variant_builder_new (type);
      item_type = g_variant_type_first (type);
      for (guint i = 0; i < n; i++, item_type = g_variant_type_next (item_type))
        {
          GVariant *item = node_to_variant (ctx, g_ptr_array_index (node->children, i),
                                            item_type, error);
          if (item == NULL)
            return NULL;
          g_variant_builder_add_value (builder, item);
        }
      return g_variant_builder_end (builder);
    }

  switch (g_variant_type_peek_string (type)[0])
    {
    case 'b':
      {
        gboolean b;
        if (node->type != YAML_SCALAR_EVENT || node->kind != AXDS_YAML_KIND_BOOL ||
            !_axds_yaml_parse_bool (node->value, &b))
          return wrong_type (ctx, node, _("a boolean"), error), NULL;
        return g_variant_new_boolean (b);
      }
    case 'y': case 'q': case 'u': case 't':
      {
        static const guint64 max[] = { G_MAXUINT8, G_MAXUINT16, G_MAXUINT32, G_MAXUINT64 };
        const char *codes = "yqut";
        char c = g_variant_type_peek_string (type)[0];
        guint64 v;

        if (!node_to_unsigned (ctx, node, 0, max[strchr (codes, c) - codes], &v, error))
          return NULL;
        switch (c)
          {
          case 'y': return g_variant_new_byte ((guint8) v);
          case 'q': return g_variant_new_uint16 ((guint16) v);
          case 'u': return g_variant_new_uint32 ((guint32) v);
          default:  return g_variant_new_uint64 (v);
          }
      }
    case 'n': case 'i': case 'x': case 'h':
      {
        char c = g_variant_type_peek_string (type)[0];
        gint64 min = c == 'n' ? G_MININT16 : c == 'x' ? G_MININT64 : G_MININT32;
        gint64 max = c == 'n' ? G_MAXINT16 : c == 'x' ? G_MAXINT64 : G_MAXINT32;
        gint64 v;

        if (!node_to_signed (ctx, node, min, max, &v, error))
          return NULL;
        switch (c)
          {
          case 'n': return g_variant_new_int16 ((gint16) v);
          case 'i': return g_variant_new_int32 ((gint32) v);
          case 'h': return g_variant_new_handle ((gint32) v);
          default:  return g_variant_new_int64 (v);
          }
      }
    case 'd':
      {
        double d;
        if (!node_to_double (ctx, node, &d, error))
          return NULL;
        return g_variant_new_double (d);
      }
    case 's':
      {
        const char *s = node_to_string (ctx, node, error);
        return s ? g_variant_new_string (s) : NULL;
      }
    default:
      break;
    }
  _axds_yaml_set_error_at (error, AXDS_ERROR_NOT_SUPPORTED, ctx->display_name, &node->mark,
                           _("field '%s': variant type '%s' cannot be read"), ctx->field->str,
                           g_variant_type_peek_string (type));
  return NULL;
}

static gboolean
load_value (LoadContext  *ctx,
            GParamSpec   *pspec,
            Node         *node,
            GValue       *value,
            GError      **error)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);
  const GValue *default_value = g_param_spec_get_default_value (pspec);
  /* The writer writes `null` for any property left at a NULL default: reading it back as that
   * default keeps every saved config loadable. Required fields still need a real value. */
  gboolean nullable = (pspec->flags & AXDS_YAML_PARAM_NULLABLE) != 0 ||
                      ((pspec->flags & AXDS_YAML_PARAM_REQUIRED) == 0 &&
                       g_value_fits_pointer (default_value) &&
                       g_value_peek_pointer (default_value) == NULL);
  gint64 s;
  guint64 u;
  double d;

  g_value_init (value, type);
  switch (G_TYPE_FUNDAMENTAL (type))
    {
    case G_TYPE_BOOLEAN:
      {
        gboolean b;
        if (node->type != YAML_SCALAR_EVENT || node->kind != AXDS_YAML_KIND_BOOL ||
            !_axds_yaml_parse_bool (node->value, &b))
          return wrong_type (ctx, node, _("a boolean"), error);
        g_value_set_boolean (value, b);
        return TRUE;
      }
    case G_TYPE_CHAR:
      {
        GParamSpecChar *p = G_PARAM_SPEC_CHAR (pspec);
        if (!node_to_signed (ctx, node, p->minimum, p->maximum, &s, error))
          return FALSE;
        g_value_set_schar (value, (gint8) s);
        return TRUE;
      }
    case G_TYPE_UCHAR:
      {
        GParamSpecUChar *p = G_PARAM_SPEC_UCHAR (pspec);
        if (!node_to_unsigned (ctx, node, p->minimum, p->maximum, &u, error))
          return FALSE;
        g_value_set_uchar (value, (guchar) u);
        return TRUE;
      }
    case G_TYPE_INT:
      {
        GParamSpecInt *p = G_PARAM_SPEC_INT (pspec);
        if (!node_to_signed (ctx, node, p->minimum, p->maximum, &s, error))
          return FALSE;
        g_value_set_int (value, (int) s);
        return TRUE;
      }
    case G_TYPE_UINT:
      {
        GParamSpecUInt *p = G_PARAM_SPEC_UINT (pspec);
        if (!node_to_unsigned (ctx, node, p->minimum, p->maximum, &u, error))
          return FALSE;
        g_value_set_uint (value, (guint) u);
        return TRUE;
      }
    case G_TYPE_LONG:
      {
        GParamSpecLong *p = G_PARAM_SPEC_LONG (pspec);
        if (!node_to_signed (ctx, node, p->minimum, p->maximum, &s, error))
          return FALSE;
        g_value_set_long (value, (glong) s);
        return TRUE;
      }
    case G_TYPE_ULONG:
      {
        GParamSpecULong *p = G_PARAM_SPEC_ULONG (pspec);
        if (!node_to_unsigned (ctx, node, p->minimum, p->maximum, &u, error))
          return FALSE;
        g_value_set_ulong (value, (gulong) u);
        return TRUE;
      }
    case G_TYPE_INT64:
      {
        GParamSpecInt64 *p = G_PARAM_SPEC_INT64 (pspec);
        if (!node_to_signed (ctx, node, p->minimum, p->maximum, &s, error))
          return FALSE;
        g_value_set_int64 (value, s);
        return TRUE;
      }
    case G_TYPE_UINT64:
      {
        GParamSpecUInt64 *p = G_PARAM_SPEC_UINT64 (pspec);
        if (!node_to_unsigned (ctx, node, p->minimum, p->maximum, &u, error))
          return FALSE;
        g_value_set_uint64 (value, u);
        return TRUE;
      }
    case G_TYPE_FLOAT:
    case G_TYPE_DOUBLE:
      if (!node_to_double (ctx, node, &d, error))
        return FALSE;
      if (type == G_TYPE_FLOAT)
        g_value_set_float (value, (float) d);
      else
        g_value_set_double (value, d);
      if (g_param_value_validate (pspec, value))
        {
          _axds_yaml_set_error_at (error, AXDS_ERROR_WRONG_TYPE, ctx->display_name, &node->mark,
                                   _("field '%s': %s is out of range"), ctx->field->str,
                                   node->value);
          return FALSE;
        }
      return TRUE;
    case G_TYPE_ENUM:
      {
        g_autoptr(GEnumClass) klass = g_type_class_ref (type);
        if (!node_to_signed (ctx, node, G_MININT, G_MAXINT, &s, error))
          return FALSE;
        if (g_enum_get_value (klass, (int) s) == NULL)
          {
            _axds_yaml_set_error_at (error, AXDS_ERROR_WRONG_TYPE, ctx->display_name,
                                     &node->mark, _("field '%s': %s is not a value of %s"),
                                     ctx->field->str, node->value, g_type_name (type));
            return FALSE;
          }
        g_value_set_enum (value, (int) s);
        return TRUE;
      }
    case G_TYPE_FLAGS:
      {
        g_autoptr(GFlagsClass) klass = g_type_class_ref (type);
        if (!node_to_unsigned (ctx, node, 0, G_MAXUINT, &u, error))
          return FALSE;
        if ((u & ~(guint64) klass->mask) != 0)
          {
            _axds_yaml_set_error_at (error, AXDS_ERROR_WRONG_TYPE, ctx->display_name,
                                     &node->mark, _("field '%s': %s has bits outside %s"),
                                     ctx->field->str, node->value, g_type_name (type));
            return FALSE;
          }
        g_value_set_flags (value, (guint) u);
        return TRUE;
      }
    case G_TYPE_STRING:
      {
        const char *str;

        if (is_null (node) && nullable)
          return TRUE;
        str = node_to_string (ctx, node, error);
        if (str == NULL)
          return FALSE;
        g_value_set_string (value, str);
        return TRUE;
      }
    case G_TYPE_VARIANT:
      {
        GVariant *v;

        if (is_null (node) && nullable &&
            !g_variant_type_is_maybe (G_PARAM_SPEC_VARIANT (pspec)->type))
          return TRUE;
        v = node_to_variant (ctx, node, G_PARAM_SPEC_VARIANT (pspec)->type, error);
        if (v == NULL)
          return FALSE;
        g_value_take_variant (value, g_variant_ref_sink (v));
        return TRUE;
      }
    case G_TYPE_BOXED:
      if (type == G_TYPE_STRV)
        {
          g_autoptr(GStrvBuilder) builder = NULL;

          if (is_null (node) && nullable)
            return TRUE;
          if (node->type != YAML_SEQUENCE_START_EVENT)
            return wrong_type (ctx, node, _("a list of strings"), error);
          builder = g_strv_builder_new ();
          for (guint i = 0; i < node->children->len; i++)
            {
              const char *str = node_to_string (ctx, g_ptr_array_index (node->children, i),
                                                error);
              if (str == NULL)
                return FALSE;
              g_strv_builder_add (builder, str);
            }
          g_value_take_boxed (value, g_strv_builder_end (builder));
          return TRUE;
        }
      break;
    case G_TYPE_INTERFACE:
    case G_TYPE_OBJECT:
      if (is_null (node) && nullable)
        return TRUE;
      if (g_type_is_a (type, G_TYPE_FILE))
        {
          const char *path = node_to_string (ctx, node, error);

          if (path == NULL)
            return FALSE;
          g_value_take_object (value, g_file_new_for_path (path));
          return TRUE;
        }
      if (G_TYPE_FUNDAMENTAL (type) == G_TYPE_OBJECT && G_TYPE_IS_INSTANTIATABLE (type) &&
          !G_TYPE_IS_ABSTRACT (type))
        {
          GObject *child;

          if (node->type != YAML_MAPPING_START_EVENT)
            return wrong_type (ctx, node, _("a mapping"), error);
          child = load_object (ctx, type, node, error);
          if (child == NULL)
            return FALSE;
          g_value_take_object (value, child);
          return TRUE;
        }
      break;
    default:
      break;
    }
  _axds_yaml_set_error_at (error, AXDS_ERROR_NOT_SUPPORTED, ctx->display_name, &node->mark,
                           _("field '%s': property type %s cannot be read from YAML"),
                           ctx->field->str, g_type_name (type));
  return FALSE;
}

static GObject *
load_object (LoadContext  *ctx,
             GType         type,
             Node         *map,
             GError      **error)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (type);
  g_autofree GParamSpec **pspecs = NULL;
  g_autofree const char **names = NULL;
  GValue *values;
  GObject *object = NULL;
  gsize field_len = ctx->field->len;
  guint n, n_set = 0;

  pspecs = list_document_properties (G_OBJECT_CLASS (klass), &n);
  names = g_new0 (const char *, n + 1);
  values = g_new0 (GValue, n + 1);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *key = key_for_pspec (pspecs[i]);
      Node *found = NULL;

      if (!(pspecs[i]->flags & G_PARAM_WRITABLE))
        continue;
      /* Later duplicates win, as in a Python dict built by the YAML loader. */
      for (guint j = 0; j + 1 < map->children->len; j += 2)
        {
          Node *k = g_ptr_array_index (map->children, j);
          if (k->type == YAML_SCALAR_EVENT && strcmp (k->value, key) == 0)
            found = g_ptr_array_index (map->children, j + 1);
        }

      g_string_truncate (ctx->field, field_len);
      if (field_len > 0)
        g_string_append_c (ctx->field, '.');
      g_string_append (ctx->field, key);

      if (found == NULL)
        {
          if (pspecs[i]->flags & AXDS_YAML_PARAM_REQUIRED)
            {
              _axds_yaml_set_error_at (error, AXDS_ERROR_MISSING_FIELD, ctx->display_name,
                                       &map->mark, _("required field '%s' is missing"),
                                       ctx->field->str);
              goto out;
            }
          continue;
        }
      if (!load_value (ctx, pspecs[i], found, &values[n_set], error))
        {
          g_value_unset (&values[n_set]);
          goto out;
        }
      names[n_set++] = pspecs[i]->name;
    }
  object = g_object_new_with_properties (type, n_set, names, values);

out:
  g_string_truncate (ctx->field, field_len);
  for (guint i = 0; i < n_set; i++)
    g_value_unset (&values[i]);
  g_free (values);
  return object;
}

/**
 * axds_yaml_config_from_data:
 * @type: a #GObject type, neither abstract nor an interface
 * @data: a YAML document
 * @length: length of @data, or -1 when nul-terminated
 * @display_name: (nullable): the name used in error messages (a file name)
 * @error: return location for a #GError
 *
 * Builds a new @type from a YAML document, setting the properties it holds (construct-only ones
 * included). Properties missing from the document keep their defaults unless they are flagged
 * %AXDS_YAML_PARAM_REQUIRED.
 *
 * Returns: (transfer full) (type GObject): the new object, or %NULL with @error set
 */
gpointer
axds_yaml_config_from_data (GType        type,
                            const char  *data,
                            gssize       length,
                            const char  *display_name,
                            GError     **error)
{
  g_autoptr(Node) root = NULL;
  g_autoptr(GString) field = g_string_new (NULL);
  LoadContext ctx;

  g_return_val_if_fail (g_type_is_a (type, G_TYPE_OBJECT), NULL);
  g_return_val_if_fail (!G_TYPE_IS_ABSTRACT (type), NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (display_name == NULL)
    display_name = _("YAML document");
  if (length < 0)
    length = (gssize) strlen (data);
  if ((gsize) length > AXDS_YAML_MAX_FILE_SIZE)
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_PARSE, _("%s: the document is too large"),
                   display_name);
      return NULL;
    }
  root = read_document (data, (gsize) length, display_name, error);
  if (root == NULL)
    return NULL;
  ctx.display_name = display_name;
  ctx.field = field;
  return load_object (&ctx, type, root, error);
}

/**
 * axds_yaml_config_load:
 * @type: a #GObject type
 * @path: a file path ending in `.yaml` or `.yml`
 * @error: return location for a #GError
 *
 * Reads @path and builds a new @type from it, as axds_yaml_config_from_data() does. A missing
 * file is %G_IO_ERROR_NOT_FOUND; every other problem names @path.
 *
 * Returns: (transfer full) (type GObject): the new object, or %NULL with @error set
 */
gpointer
axds_yaml_config_load (GType        type,
                       const char  *path,
                       GError     **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (g_type_is_a (type, G_TYPE_OBJECT), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_axds_yaml_check_extension (path, error))
    return NULL;
  if (!_axds_yaml_read_file (path, &data, &length, error))
    return NULL;
  return axds_yaml_config_from_data (type, data, (gssize) length, path, error);
}

/* axds-cli-shm.c — `axds shm …`: list, create, show, set and destroy shared-memory arrays
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include <axds.h>

#include "format/axds-format.h"
#include "axds-cli-shm.h"
#include "axds-cli-values.h"

/* Parsed --dtype/--shape of a raw buffer, or the description of the array to make. */
typedef struct
{
  AxdsDtype dtype;
  guint     ndim;
  guint64   shape[AXDS_MAX_DIMS];
} Description;

static gboolean
parse_description (const AxdsCliInvocation *invocation,
                   const char              *dtype_text,
                   const char              *shape_text,
                   Description             *desc,
                   int                     *exit_status)
{
  g_autoptr(GError) error = NULL;

  if (dtype_text == NULL)
    {
      *exit_status = axds_cli_usage_error (invocation, _("Missing --dtype"));
      return FALSE;
    }
  if (shape_text == NULL)
    {
      *exit_status = axds_cli_usage_error (invocation, _("Missing --shape"));
      return FALSE;
    }
  if (!axds_dtype_from_string (dtype_text, &desc->dtype, &error) ||
      !axds_shape_parse (shape_text, &desc->ndim, desc->shape, &error))
    {
      *exit_status = axds_cli_usage_error (invocation, "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_name (const AxdsCliInvocation *invocation,
            const char              *name,
            int                     *exit_status)
{
  g_autoptr(GError) error = NULL;

  if (!axds_shared_array_validate_name (name, &error))
    {
      *exit_status = axds_cli_usage_error (invocation, "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

/* Connects to NAME: by its header, or as a raw buffer when a description is given. */
static AxdsSharedArray *
open_array (const char         *name,
            const Description  *raw,
            GError            **error)
{
  g_autoptr(AxdsSharedArray) array = NULL;

  if (raw == NULL)
    return axds_shared_array_open (name, error);

  array = axds_shared_array_new_raw (name, raw->dtype, raw->ndim, raw->shape);
  if (!axds_shared_array_connect (array, error))
    return NULL;
  return g_steal_pointer (&array);
}

static JsonNode *
shape_json (guint          ndim,
            const guint64 *shape)
{
  JsonArray *array = json_array_new ();
  JsonNode *node;

  for (guint i = 0; i < ndim; i++)
    json_array_add_int_element (array, (gint64) shape[i]);
  node = json_node_init_array (json_node_alloc (), array);
  json_array_unref (array);
  return node;
}

/* axds shm list */

static int
shm_list (const AxdsCliInvocation *invocation,
          int                      argc,
          char                   **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON list of objects"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) arrays = NULL;
  g_autoptr(AxdsCliTable) table = axds_cli_table_new ();
  g_auto(GStrv) args = NULL;
  int status;

  context = axds_cli_option_context_new (
      invocation, entries,
      _("Columns: name, NumPy dtype, shape, size in bytes, creator process and whether it still "
        "runs, number of writes since creation.\n"
        "JSON keys: name, dtype, shape, nbytes, creator_pid, creator_alive, creation_time "
        "(UTC microseconds since the epoch), write_count, header_version."));
  if (!axds_cli_parse_arguments (invocation, context, argc, argv, 0, 0, &args, &status))
    return status;

  arrays = axds_shared_array_list (&error);
  if (arrays == NULL)
    return axds_cli_error ("%s", error->message);

  /* Numbers are right-aligned, text left-aligned. */
  axds_cli_table_add_column (table, _("NAME"), "name", FALSE);
  axds_cli_table_add_column (table, _("DTYPE"), "dtype", FALSE);
  axds_cli_table_add_column (table, _("SHAPE"), "shape", FALSE);
  axds_cli_table_add_column (table, _("BYTES"), "nbytes", TRUE);
  axds_cli_table_add_column (table, _("PID"), "creator_pid", TRUE);
  axds_cli_table_add_column (table, _("ALIVE"), "creator_alive", FALSE);
  axds_cli_table_add_column (table, NULL, "creation_time", FALSE);
  axds_cli_table_add_column (table, _("WRITES"), "write_count", TRUE);
  axds_cli_table_add_column (table, NULL, "header_version", FALSE);
  for (guint i = 0; i < arrays->len; i++)
    {
      const AxdsSharedArrayInfo *info = g_ptr_array_index (arrays, i);
      g_autofree char *shape = axds_shape_to_string (info->ndim, info->shape);

      axds_cli_table_add_row (table);
      axds_cli_table_add_string (table, info->name);
      axds_cli_table_add_string (table, axds_dtype_to_string (info->dtype));
      axds_cli_table_add_cell (table, shape, shape_json (info->ndim, info->shape));
      axds_cli_table_add_uint (table, info->nbytes);
      axds_cli_table_add_int (table, info->creator_pid);
      axds_cli_table_add_bool (table, info->creator_alive, info->creator_alive ? _("yes")
                                                                                : _("no"));
      axds_cli_table_add_int (table, info->creation_time);
      axds_cli_table_add_uint (table, info->write_count);
      axds_cli_table_add_int (table, info->header_version);
    }

  if (json)
    {
      axds_cli_table_print_json (table);
      return AXDS_CLI_EXIT_OK;
    }
  if (arrays->len == 0)
    {
      printf (_("No libaxds arrays in %s\n"), axds_shared_array_get_directory ());
      return AXDS_CLI_EXIT_OK;
    }
  axds_cli_table_print (table);
  return AXDS_CLI_EXIT_OK;
}

/* axds shm create */

static int
shm_create (const AxdsCliInvocation *invocation,
            int                      argc,
            char                   **argv)
{
  g_autofree char *dtype_text = NULL;
  g_autofree char *shape_text = NULL;
  g_autofree char *fill_text = NULL;
  gboolean exists_ok = FALSE;
  const GOptionEntry entries[] = {
    { "dtype", 0, 0, G_OPTION_ARG_STRING, &dtype_text,
      N_("Element type, as a NumPy type string (<f8, <u2, |u1, |b1, <c16, …)"), N_("DTYPE") },
    { "shape", 0, 0, G_OPTION_ARG_STRING, &shape_text,
      N_("Dimensions, e.g. 1024,1024 or 3"), N_("D1,D2,…") },
    { "fill", 0, 0, G_OPTION_ARG_STRING, &fill_text,
      N_("Initial value of every element (default: zero)"), N_("VALUE") },
    { "exists-ok", 0, 0, G_OPTION_ARG_NONE, &exists_ok,
      N_("Replace an existing array of that name"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AxdsSharedArray) array = NULL;
  g_auto(GStrv) args = NULL;
  Description desc = { 0 };
  guint8 fill[16] = { 0 };
  int status;

  context = axds_cli_option_context_new (
      invocation, entries,
      _("The array outlives this command: remove it with 'axds shm destroy NAME'."));
  if (!axds_cli_parse_arguments (invocation, context, argc, argv, 1, 1, &args, &status))
    return status;
  if (!check_name (invocation, args[0], &status) ||
      !parse_description (invocation, dtype_text, shape_text, &desc, &status))
    return status;
  if (fill_text != NULL && !axds_dtype_parse_value (desc.dtype, fill_text, fill, &error))
    return axds_cli_usage_error (invocation, "%s", error->message);

  array = axds_shared_array_create (args[0], desc.dtype, desc.ndim, desc.shape, NULL, 0,
                                    exists_ok ? AXDS_SHARED_ARRAY_CREATE_EXISTS_OK
                                              : AXDS_SHARED_ARRAY_CREATE_NONE,
                                    &error);
  if (array == NULL)
    return axds_cli_error ("%s", error->message);

  /* Fill in place rather than building a prototype, so that no second copy of a large array
   * is needed. The array is brand new, so nobody else holds its lock. */
  if (fill_text != NULL)
    {
      g_autoptr(AxdsSharedArrayGuard) guard = NULL;

      axds_shared_array_set_lock_timeout (array, AXDS_CLI_LOCK_TIMEOUT_US);
      guard = axds_shared_array_access (array, AXDS_ACCESS_LOCK | AXDS_ACCESS_WRITE, &error);
      if (guard == NULL)
        {
          status = axds_cli_error ("%s", error->message);
          axds_shared_array_destroy (array, TRUE, NULL);
          return status;
        }
      axds_cli_fill_elements (axds_shared_array_guard_get_data (guard), fill,
                              axds_dtype_get_itemsize (desc.dtype),
                              axds_shared_array_get_n_elements (array));
    }

  /* Released without destroying: the array is meant for other processes. */
  return AXDS_CLI_EXIT_OK;
}

/* axds shm show */

static void
print_field (GString    *out,
             const char *label,
             const char *value)
{
  g_string_append (out, "  ");
  axds_format_pad (out, label, 14, FALSE);
  g_string_append_printf (out, "%s\n", value);
}

static int
shm_show (const AxdsCliInvocation *invocation,
          int                      argc,
          char                   **argv)
{
  gboolean json = FALSE;
  gboolean raw = FALSE;
  g_autofree char *dtype_text = NULL;
  g_autofree char *shape_text = NULL;
  g_autofree char *max_text = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { "max-values", 0, 0, G_OPTION_ARG_STRING, &max_text,
      N_("Print the values of arrays of at most N elements; summarise larger ones "
         "(default 1000)"), N_("N") },
    { "raw", 0, 0, G_OPTION_ARG_NONE, &raw,
      N_("Attach to a headerless buffer made by Python (needs --dtype and --shape)"), NULL },
    { "dtype", 0, 0, G_OPTION_ARG_STRING, &dtype_text,
      N_("Element type of a raw buffer"), N_("DTYPE") },
    { "shape", 0, 0, G_OPTION_ARG_STRING, &shape_text,
      N_("Dimensions of a raw buffer"), N_("D1,D2,…") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AxdsSharedArray) array = NULL;
  g_auto(AxdsSharedArrayInfo) info = { 0 };
  g_auto(GStrv) args = NULL;
  g_autofree guint8 *data = NULL;
  Description desc = { 0 };
  guint64 max_values = 1000;
  guint64 write_count = 0;
  guint64 n_elements;
  gboolean summarise;
  AxdsDtype dtype;
  gsize nbytes;
  int status;

  context = axds_cli_option_context_new (
      invocation, entries,
      _("JSON: an object with name, dtype, shape, nbytes, raw, write_count, creator_pid, "
        "creator_alive, creation_time and either values (nested lists as numpy's tolist()) or, "
        "beyond --max-values elements, min, max and mean. Bools are true/false; NaN and "
        "infinities, which JSON cannot hold, are null; uint64 values above 2^63-1 are strings "
        "of decimal digits; complex numbers are [real, imag] pairs. The header fields of a raw "
        "buffer are null."));
  if (!axds_cli_parse_arguments (invocation, context, argc, argv, 1, 1, &args, &status))
    return status;
  if (!check_name (invocation, args[0], &status))
    return status;
  if (max_text != NULL && !axds_cli_parse_uint64 (max_text, &max_values))
    return axds_cli_usage_error (invocation,
                                 _("Invalid --max-values '%s': expected a non-negative integer"),
                                 max_text);
  if (raw && !parse_description (invocation, dtype_text, shape_text, &desc, &status))
    return status;
  if (!raw && (dtype_text != NULL || shape_text != NULL))
    return axds_cli_usage_error (invocation, _("--dtype and --shape only apply with --raw"));

  array = open_array (args[0], raw ? &desc : NULL, &error);
  if (array == NULL)
    return axds_cli_error ("%s", error->message);

  dtype = axds_shared_array_get_dtype (array);
  nbytes = axds_shared_array_get_nbytes (array);
  n_elements = axds_shared_array_get_n_elements (array);
  data = g_try_malloc (MAX (nbytes, 1));
  if (data == NULL)
    return axds_cli_error (_("Cannot allocate %zu bytes to copy array '%s'"),
                           nbytes, args[0]);
  if (!axds_shared_array_snapshot (array, data, nbytes, &write_count, &error))
    return axds_cli_error ("%s", error->message);

  /* Creator liveness needs the start time recorded in the header, which only the info has. */
  if (!raw && !axds_shared_array_read_info (args[0], &info, NULL))
    info.creator_alive = axds_pid_is_alive (axds_shared_array_get_creator_pid (array), 0);

  summarise = n_elements > max_values;

  if (json)
    {
      static const char *const keys[] = {
        "name", "dtype", "shape", "nbytes", "raw", "write_count", "creator_pid",
        "creator_alive", "creation_time", "min", "max", "mean", "values",
      };
      g_autoptr(AxdsCliTable) table = axds_cli_table_new ();
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) extra = NULL;

      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        axds_cli_table_add_column (table, NULL, keys[k], FALSE);
      axds_cli_table_add_row (table);
      axds_cli_table_add_string (table, axds_shared_array_get_name (array));
      axds_cli_table_add_string (table, axds_dtype_to_string (dtype));
      axds_cli_table_add_cell (table, NULL, shape_json (axds_shared_array_get_ndim (array),
                                                        axds_shared_array_get_shape (array, NULL)));
      axds_cli_table_add_int (table, (gint64) nbytes);
      axds_cli_table_add_bool (table, raw, NULL);
      /* A raw buffer has no header: its fields are null. */
      if (raw)
        for (guint k = 0; k < 4; k++)
          axds_cli_table_add_null (table, NULL);
      else
        {
          axds_cli_table_add_uint (table, write_count);
          axds_cli_table_add_int (table, axds_shared_array_get_creator_pid (array));
          axds_cli_table_add_bool (table, info.creator_alive, NULL);
          axds_cli_table_add_int (table, axds_shared_array_get_creation_time (array));
        }

      /* Either a summary (min, max, mean) or the values, as axds-cli-values.c writes them. */
      json_builder_begin_object (builder);
      if (summarise)
        {
          AxdsCliStats stats;

          axds_cli_stats_compute (dtype, data, n_elements, &stats);
          axds_cli_stats_add_json (builder, dtype, &stats);
        }
      else
        {
          json_builder_set_member_name (builder, "values");
          axds_cli_values_add_json (builder, dtype, axds_shared_array_get_ndim (array),
                                    axds_shared_array_get_shape (array, NULL), data);
        }
      json_builder_end_object (builder);
      extra = json_builder_get_root (builder);
      for (guint k = G_N_ELEMENTS (keys) - 4; k < G_N_ELEMENTS (keys); k++)
        {
          JsonObject *members = json_node_get_object (extra);

          if (json_object_has_member (members, keys[k]))
            axds_cli_table_add_cell (table, NULL, json_object_dup_member (members, keys[k]));
          else
            axds_cli_table_skip (table);
        }

      axds_cli_table_print_json_object (table);
      return AXDS_CLI_EXIT_OK;
    }

  {
    GString *out = g_string_new (NULL);
    g_autofree char *shape = axds_shape_to_string (axds_shared_array_get_ndim (array),
                                                   axds_shared_array_get_shape (array, NULL));
    g_autofree char *dtype_line = g_strdup_printf ("%s (%s)", axds_dtype_to_string (dtype),
                                                   axds_dtype_get_name (dtype));
    g_autofree char *bytes_line = g_strdup_printf ("%" G_GSIZE_FORMAT, nbytes);
    g_autofree char *values = NULL;

    g_string_append_printf (out, "%s\n", axds_shared_array_get_name (array));
    print_field (out, _("dtype"), dtype_line);
    print_field (out, _("shape"), shape);
    print_field (out, _("bytes"), bytes_line);
    if (raw)
      print_field (out, _("header"), _("none (raw buffer)"));
    else
      {
        g_autofree char *writes = g_strdup_printf ("%" G_GUINT64_FORMAT, write_count);
        gint64 creation_time = axds_shared_array_get_creation_time (array);
        g_autofree char *created = axds_format_local_time (creation_time);
        g_autofree char *creator = g_strdup_printf ("%" G_GINT64_FORMAT " (%s)",
                                                    axds_shared_array_get_creator_pid (array),
                                                    info.creator_alive ? _("running")
                                                                       : _("exited"));

        print_field (out, _("writes"), writes);
        print_field (out, _("creator"), creator);
        print_field (out, _("created"), created);
      }

    if (summarise)
      {
        AxdsCliStats stats;
        g_autofree char *line = NULL;

        axds_cli_stats_compute (dtype, data, n_elements, &stats);
        line = axds_cli_stats_format (dtype, &stats);
        print_field (out, _("summary"), line);
      }

    values = axds_cli_values_format (dtype, axds_shared_array_get_ndim (array),
                                     axds_shared_array_get_shape (array, NULL), data, summarise);
    g_string_append_printf (out, "%s\n", values);
    fputs (out->str, stdout);
    g_string_free (out, TRUE);
  }

  return AXDS_CLI_EXIT_OK;
}

/* axds shm set */

static int
shm_set (const AxdsCliInvocation *invocation,
         int                      argc,
         char                   **argv)
{
  gboolean raw = FALSE;
  g_autofree char *dtype_text = NULL;
  g_autofree char *shape_text = NULL;
  const GOptionEntry entries[] = {
    { "raw", 0, 0, G_OPTION_ARG_NONE, &raw,
      N_("Attach to a headerless buffer made by Python (needs --dtype and --shape); written "
         "without a lock, since such buffers have none"), NULL },
    { "dtype", 0, 0, G_OPTION_ARG_STRING, &dtype_text,
      N_("Element type of a raw buffer"), N_("DTYPE") },
    { "shape", 0, 0, G_OPTION_ARG_STRING, &shape_text,
      N_("Dimensions of a raw buffer"), N_("D1,D2,…") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AxdsSharedArray) array = NULL;
  g_autoptr(AxdsSharedArrayGuard) guard = NULL;
  g_auto(GStrv) args = NULL;
  gint64 index[AXDS_MAX_DIMS];
  guint n_index = 0;
  guint8 value[16] = { 0 };
  Description desc = { 0 };
  guint64 offset, count;
  AxdsDtype dtype;
  gsize itemsize;
  int status;

  context = axds_cli_option_context_new (
      invocation, entries,
      _("INDEX has one integer per dimension, separated by commas; negative integers count "
        "from the end as in NumPy. With fewer integers than dimensions, the whole sub-array "
        "is set: 'axds shm set frame 0 7' sets the first row.\n"
        "The write holds the array's lock, waiting at most 5 seconds for a live holder; a lock "
        "left by a process that died is recovered and reported."));
  if (!axds_cli_parse_arguments (invocation, context, argc, argv, 3, 3, &args, &status))
    return status;
  if (!check_name (invocation, args[0], &status))
    return status;
  if (!axds_index_parse (args[1], &n_index, index, &error))
    return axds_cli_usage_error (invocation, "%s", error->message);
  if (raw && !parse_description (invocation, dtype_text, shape_text, &desc, &status))
    return status;
  if (!raw && (dtype_text != NULL || shape_text != NULL))
    return axds_cli_usage_error (invocation, _("--dtype and --shape only apply with --raw"));

  array = open_array (args[0], raw ? &desc : NULL, &error);
  if (array == NULL)
    return axds_cli_error ("%s", error->message);
  dtype = axds_shared_array_get_dtype (array);
  itemsize = axds_dtype_get_itemsize (dtype);

  if (!axds_dtype_parse_value (dtype, args[2], value, &error))
    return axds_cli_usage_error (invocation, "%s", error->message);
  if (!axds_index_resolve (axds_shared_array_get_ndim (array), axds_shared_array_get_shape (array, NULL),
                           n_index, index, &offset, &count, &error))
    return axds_cli_error (_("Cannot set '%s' of array '%s': %s"), args[1], args[0],
                           error->message);

  axds_shared_array_set_lock_timeout (array, AXDS_CLI_LOCK_TIMEOUT_US);
  guard = axds_shared_array_access (array, raw ? AXDS_ACCESS_WRITE
                                               : AXDS_ACCESS_LOCK | AXDS_ACCESS_WRITE,
                                    &error);
  if (guard == NULL)
    return axds_cli_error ("%s", error->message);
  if (axds_shared_array_guard_is_recovered (guard))
    axds_cli_warning (_("Recovered the lock of array '%s' from a process that died holding it; "
                        "the data may be inconsistent"), args[0]);

  axds_cli_fill_elements ((guint8 *) axds_shared_array_guard_get_data (guard) + offset * itemsize,
                          value, itemsize, count);
  return AXDS_CLI_EXIT_OK;
}

/* axds shm destroy */

static int
shm_destroy (const AxdsCliInvocation *invocation,
             int                      argc,
             char                   **argv)
{
  gboolean any = FALSE;
  const GOptionEntry entries[] = {
    { "any", 0, 0, G_OPTION_ARG_NONE, &any,
      N_("Remove whatever segment has that name: a Python buffer or a corrupt leftover too"),
      NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AxdsSharedArray) array = NULL;
  g_auto(GStrv) args = NULL;
  int status;

  context = axds_cli_option_context_new (
      invocation, entries,
      _("Removes the array's name even though this command did not create it; processes "
        "still attached keep their mapping and see the array as stale."));
  if (!axds_cli_parse_arguments (invocation, context, argc, argv, 1, 1, &args, &status))
    return status;
  if (!check_name (invocation, args[0], &status))
    return status;

  if (any)
    {
      if (!axds_shared_array_unlink (args[0], &error))
        return axds_cli_error ("%s", error->message);
      return AXDS_CLI_EXIT_OK;
    }

  array = axds_shared_array_open (args[0], &error);
  if (array == NULL)
    {
      if (g_error_matches (error, AXDS_ERROR, AXDS_ERROR_CORRUPT) ||
          g_error_matches (error, AXDS_ERROR, AXDS_ERROR_VERSION))
        return axds_cli_error (_("%s (remove it anyway with 'axds shm destroy --any NAME')"),
                               error->message);
      return axds_cli_error ("%s", error->message);
    }
  if (!axds_shared_array_destroy (array, TRUE, &error))
    return axds_cli_error ("%s", error->message);
  return AXDS_CLI_EXIT_OK;
}

static const AxdsCliCommand shm_commands[] = {
  { "list", NULL, N_("List every libaxds array on this machine"), shm_list },
  { "create", N_("NAME"), N_("Create an array that outlives the command"), shm_create },
  { "show", N_("NAME"), N_("Show an array's header and values"), shm_show },
  { "set", N_("NAME INDEX VALUE"), N_("Set an element or sub-array under the lock"), shm_set },
  { "destroy", N_("NAME"), N_("Remove an array"), shm_destroy },
  { "demo", NULL, N_("Run arrays changing at acquisition rates until Ctrl+C"), axds_cli_shm_demo },
  { NULL }
};

const AxdsCliGroup axds_cli_shm_group = {
  "shm",
  N_("Shared-memory arrays"),
  shm_commands,
};

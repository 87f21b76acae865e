/* axds-array-poller.c — keeps a list model of the machine's shared arrays up to date
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The poller lists the arrays on a named timer (axds_shared_array_list() reads each header
 * without mapping the data, so a listing costs a few system calls per array) and diffs the
 * result into a GListStore sorted by name. Items keep their identity while an array lives,
 * so selections and row bindings survive refreshes; an array that is destroyed and made again
 * under the same name (a new creation time) becomes a new item. Raw buffers have no header
 * and never appear in a listing: they stay in the model while their segment exists.
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "axds-array-poller.h"

#define DEFAULT_INTERVAL_MS 500

struct _AxdsArrayPoller
{
  GObject     parent_instance;

  GListStore *store;
  guint       interval_ms;
  guint       timeout_id;
};

enum {
  PROP_0,
  PROP_MODEL,
  PROP_INTERVAL,
  PROP_N_ARRAYS,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (AxdsArrayPoller, axds_array_poller, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static int
compare_items (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  return g_strcmp0 (axds_array_item_get_name ((AxdsArrayItem *)a),
                    axds_array_item_get_name ((AxdsArrayItem *)b));
}

static gboolean
raw_segment_exists (const char *name)
{
  g_autofree char *path = g_build_filename (axds_shared_array_get_directory (), name, NULL);

  return access (path, F_OK) == 0;
}

static gboolean
axds_array_poller_timeout_cb (gpointer user_data)
{
  AxdsArrayPoller *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!axds_array_poller_refresh (self, &error))
    g_debug ("Listing shared arrays failed: %s", error->message);

  return G_SOURCE_CONTINUE;
}

static void
axds_array_poller_restart (AxdsArrayPoller *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);

  self->timeout_id = g_timeout_add (self->interval_ms, axds_array_poller_timeout_cb, self);
  g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->timeout_id),
                            "[axds] array poller");
}

static void
axds_array_poller_dispose (GObject *object)
{
  AxdsArrayPoller *self = (AxdsArrayPoller *)object;

  g_clear_handle_id (&self->timeout_id, g_source_remove);

  G_OBJECT_CLASS (axds_array_poller_parent_class)->dispose (object);
}

static void
axds_array_poller_finalize (GObject *object)
{
  AxdsArrayPoller *self = (AxdsArrayPoller *)object;

  g_clear_object (&self->store);

  G_OBJECT_CLASS (axds_array_poller_parent_class)->finalize (object);
}

static void
axds_array_poller_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AxdsArrayPoller *self = AXDS_ARRAY_POLLER (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->store);
      break;

    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval_ms);
      break;

    case PROP_N_ARRAYS:
      g_value_set_uint (value, g_list_model_get_n_items (G_LIST_MODEL (self->store)));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
axds_array_poller_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AxdsArrayPoller *self = AXDS_ARRAY_POLLER (object);

  switch (prop_id)
    {
    case PROP_INTERVAL:
      axds_array_poller_set_interval (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
axds_array_poller_class_init (AxdsArrayPollerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = axds_array_poller_dispose;
  object_class->finalize = axds_array_poller_finalize;
  object_class->get_property = axds_array_poller_get_property;
  object_class->set_property = axds_array_poller_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL, 50, 60000, DEFAULT_INTERVAL_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ARRAYS] =
    g_param_spec_uint ("n-arrays", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
axds_array_poller_items_changed_cb (AxdsArrayPoller *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ARRAYS]);
}

static void
axds_array_poller_init (AxdsArrayPoller *self)
{
  self->store = g_list_store_new (AXDS_TYPE_ARRAY_ITEM);
  self->interval_ms = DEFAULT_INTERVAL_MS;
  g_signal_connect_object (self->store, "items-changed",
                           G_CALLBACK (axds_array_poller_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/**
 * axds_array_poller_new:
 *
 * Creates a poller that lists the arrays now and then every interval while it lives.
 *
 * Returns: (transfer full): a new poller
 */
AxdsArrayPoller *
axds_array_poller_new (void)
{
  AxdsArrayPoller *self = g_object_new (AXDS_TYPE_ARRAY_POLLER, NULL);

  axds_array_poller_refresh (self, NULL);
  axds_array_poller_restart (self);

  return self;
}

/**
 * axds_array_poller_get_model:
 * @self: a poller
 *
 * Returns: (transfer none): a list model of #AxdsArrayItem, sorted by name
 */
GListModel *
axds_array_poller_get_model (AxdsArrayPoller *self)
{
  g_return_val_if_fail (AXDS_IS_ARRAY_POLLER (self), NULL);
  return G_LIST_MODEL (self->store);
}

/**
 * axds_array_poller_refresh:
 * @self: a poller
 * @error: return location for an error
 *
 * Lists the arrays now and brings the model up to date.
 *
 * Returns: %TRUE on success
 */
gboolean
axds_array_poller_refresh (AxdsArrayPoller  *self,
                           GError          **error)
{
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GHashTable) by_name = NULL;
  gint64 now = g_get_monotonic_time ();
  guint n;

  g_return_val_if_fail (AXDS_IS_ARRAY_POLLER (self), FALSE);

  infos = axds_shared_array_list (error);
  if (infos == NULL)
    return FALSE;

  by_name = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < infos->len; i++)
    {
      AxdsSharedArrayInfo *info = g_ptr_array_index (infos, i);
      g_hash_table_insert (by_name, info->name, info);
    }

  /* Update or drop what the model has, walking backwards so removals keep indices valid. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(AxdsArrayItem) item = g_list_model_get_item (G_LIST_MODEL (self->store), i - 1);
      const char *name = axds_array_item_get_name (item);
      AxdsSharedArrayInfo *info;

      if (axds_array_item_get_is_raw (item))
        {
          if (!raw_segment_exists (name))
            g_list_store_remove (self->store, i - 1);
          continue;
        }

      info = g_hash_table_lookup (by_name, name);
      if (info == NULL || info->creation_time != axds_array_item_get_creation_time (item))
        {
          g_list_store_remove (self->store, i - 1);
          continue;
        }

      axds_array_item_update (item, info, now);
      g_hash_table_remove (by_name, name);
    }

  /* What is left is new. */
  for (guint i = 0; i < infos->len; i++)
    {
      AxdsSharedArrayInfo *info = g_ptr_array_index (infos, i);
      g_autoptr(AxdsArrayItem) item = NULL;

      if (!g_hash_table_contains (by_name, info->name))
        continue;

      item = axds_array_item_new_from_info (info);
      if (item != NULL)
        g_list_store_insert_sorted (self->store, item, compare_items, NULL);
    }

  return TRUE;
}

void
axds_array_poller_set_interval (AxdsArrayPoller *self,
                                guint            interval_ms)
{
  g_return_if_fail (AXDS_IS_ARRAY_POLLER (self));

  interval_ms = CLAMP (interval_ms, 50, 60000);
  if (interval_ms == self->interval_ms)
    return;

  self->interval_ms = interval_ms;
  if (self->timeout_id != 0)
    axds_array_poller_restart (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
}

guint
axds_array_poller_get_interval (AxdsArrayPoller *self)
{
  g_return_val_if_fail (AXDS_IS_ARRAY_POLLER (self), 0);
  return self->interval_ms;
}

/**
 * axds_array_poller_add_raw:
 * @self: a poller
 * @item: an item made with axds_array_item_new_raw()
 *
 * Adds a raw buffer to the model, replacing an earlier raw item of the same name. It stays
 * there while its segment exists.
 */
void
axds_array_poller_add_raw (AxdsArrayPoller *self,
                           AxdsArrayItem   *item)
{
  guint position;

  g_return_if_fail (AXDS_IS_ARRAY_POLLER (self));
  g_return_if_fail (AXDS_IS_ARRAY_ITEM (item));

  if (axds_array_poller_find (self, axds_array_item_get_name (item), &position) != NULL)
    g_list_store_remove (self->store, position);

  g_list_store_insert_sorted (self->store, item, compare_items, NULL);
}

/**
 * axds_array_poller_find:
 * @self: a poller
 * @name: an array name
 * @position: (out) (optional): where to store the item's position
 *
 * Returns: (transfer none) (nullable): the item of that name
 */
AxdsArrayItem *
axds_array_poller_find (AxdsArrayPoller *self,
                        const char      *name,
                        guint           *position)
{
  guint n;

  g_return_val_if_fail (AXDS_IS_ARRAY_POLLER (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AxdsArrayItem) item = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (g_strcmp0 (axds_array_item_get_name (item), name) == 0)
        {
          if (position != NULL)
            *position = i;
          /* The store keeps its own reference. */
          return item;
        }
    }

  return NULL;
}

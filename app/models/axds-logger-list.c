/* axds-logger-list.c — every data logger on the machine, read from their queues
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A refresh lists the logger queues in shared memory (axds_log_queue_list(): a directory
 * listing and a read of each header, no lock taken, so it never slows a logger down) and
 * updates the items in place: an item keeps its identity while its logger lives, so views
 * and histories follow it, and the list changes only when a logger appears or goes away. */

#include "config.h"

#include "axds-logger-list.h"

struct _AxdsLoggerList
{
  GObject     parent_instance;

  GListStore *store;   /* AxdsLoggerItem, sorted by name like axds_log_queue_list() */
};

G_DEFINE_FINAL_TYPE (AxdsLoggerList, axds_logger_list, G_TYPE_OBJECT)

static void
axds_logger_list_finalize (GObject *object)
{
  AxdsLoggerList *self = (AxdsLoggerList *)object;

  g_clear_object (&self->store);

  G_OBJECT_CLASS (axds_logger_list_parent_class)->finalize (object);
}

static void
axds_logger_list_class_init (AxdsLoggerListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = axds_logger_list_finalize;
}

static void
axds_logger_list_init (AxdsLoggerList *self)
{
  self->store = g_list_store_new (AXDS_TYPE_LOGGER_ITEM);
}

AxdsLoggerList *
axds_logger_list_new (void)
{
  return g_object_new (AXDS_TYPE_LOGGER_LIST, NULL);
}

/**
 * axds_logger_list_get_model:
 * @self: a list
 *
 * Returns: (transfer none): the loggers (#AxdsLoggerItem), sorted by name
 */
GListModel *
axds_logger_list_get_model (AxdsLoggerList *self)
{
  g_return_val_if_fail (AXDS_IS_LOGGER_LIST (self), NULL);
  return G_LIST_MODEL (self->store);
}

/**
 * axds_logger_list_refresh:
 * @self: a list
 * @error: return location for a #GError
 *
 * Reads every logger's statistics now: new loggers are added, those whose queue is gone are
 * removed, the others updated.
 *
 * Returns: %FALSE when the shared-memory folder cannot be listed
 */
gboolean
axds_logger_list_refresh (AxdsLoggerList  *self,
                          GError         **error)
{
  g_autoptr(GPtrArray) found = NULL;
  gint64 now = g_get_monotonic_time ();
  guint position = 0;

  g_return_val_if_fail (AXDS_IS_LOGGER_LIST (self), FALSE);

  found = axds_log_queue_list (error);
  if (found == NULL)
    return FALSE;

  /* Both sides are sorted by name: one merge pass. */
  for (guint i = 0; i < found->len; i++)
    {
      const AxdsLogQueueStats *stats = g_ptr_array_index (found, i);

      while (position < g_list_model_get_n_items (G_LIST_MODEL (self->store)))
        {
          g_autoptr(AxdsLoggerItem) item = g_list_model_get_item (G_LIST_MODEL (self->store),
                                                                  position);
          int order = g_strcmp0 (axds_logger_item_get_name (item), stats->name);

          if (order >= 0)
            break;
          g_list_store_remove (self->store, position);
        }

      if (position < g_list_model_get_n_items (G_LIST_MODEL (self->store)))
        {
          g_autoptr(AxdsLoggerItem) item = g_list_model_get_item (G_LIST_MODEL (self->store),
                                                                  position);

          if (g_strcmp0 (axds_logger_item_get_name (item), stats->name) == 0)
            {
              axds_logger_item_update (item, stats, now);
              position++;
              continue;
            }
        }

      {
        g_autoptr(AxdsLoggerItem) item = axds_logger_item_new (stats->name);

        axds_logger_item_update (item, stats, now);
        g_list_store_insert (self->store, position, item);
        position++;
      }
    }

  while (position < g_list_model_get_n_items (G_LIST_MODEL (self->store)))
    g_list_store_remove (self->store, position);
  return TRUE;
}

/**
 * axds_logger_list_find:
 * @self: a list
 * @name: a logger's instance name
 * @position: (out) (optional): where it is in the list
 *
 * Returns: (transfer none) (nullable): the logger of that name
 */
AxdsLoggerItem *
axds_logger_list_find (AxdsLoggerList *self,
                       const char     *name,
                       guint          *position)
{
  guint n;

  g_return_val_if_fail (AXDS_IS_LOGGER_LIST (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AxdsLoggerItem) item = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (g_str_equal (axds_logger_item_get_name (item), name))
        {
          if (position != NULL)
            *position = i;
          /* The store keeps its reference. */
          return item;
        }
    }
  return NULL;
}

/* axds-log-message-list.c — the messages of a log source as a list model made on demand
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A source may hold millions of messages: an object each would cost hundreds of megabytes
 * before anything shows. The list views only ask for the rows they show, so items are made
 * in get_item() from the source's index and live as long as a row holds them. */

#include "config.h"

#include "axds-log-message-list.h"

struct _AxdsLogMessageList
{
  GObject        parent_instance;

  AxdsLogSource *source;
};

static void axds_log_message_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AxdsLogMessageList, axds_log_message_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      axds_log_message_list_model_init))

static GType
axds_log_message_list_get_item_type (GListModel *model)
{
  return AXDS_TYPE_LOG_MESSAGE_ITEM;
}

static guint
axds_log_message_list_get_n_items (GListModel *model)
{
  return axds_log_source_get_n_messages (AXDS_LOG_MESSAGE_LIST (model)->source);
}

static gpointer
axds_log_message_list_get_item (GListModel *model,
                                guint       position)
{
  AxdsLogMessageList *self = AXDS_LOG_MESSAGE_LIST (model);

  if (position >= axds_log_source_get_n_messages (self->source))
    return NULL;
  return axds_log_message_item_new (self->source, position);
}

static void
axds_log_message_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = axds_log_message_list_get_item_type;
  iface->get_n_items = axds_log_message_list_get_n_items;
  iface->get_item = axds_log_message_list_get_item;
}

static void
axds_log_message_list_finalize (GObject *object)
{
  g_clear_object (&AXDS_LOG_MESSAGE_LIST (object)->source);

  G_OBJECT_CLASS (axds_log_message_list_parent_class)->finalize (object);
}

static void
axds_log_message_list_class_init (AxdsLogMessageListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = axds_log_message_list_finalize;
}

static void
axds_log_message_list_init (AxdsLogMessageList *self)
{
}

AxdsLogMessageList *
axds_log_message_list_new (AxdsLogSource *source)
{
  AxdsLogMessageList *self;

  g_return_val_if_fail (AXDS_IS_LOG_SOURCE (source), NULL);

  self = g_object_new (AXDS_TYPE_LOG_MESSAGE_LIST, NULL);
  self->source = g_object_ref (source);
  return self;
}

/**
 * axds_log_message_list_get_source:
 * @self: a list
 *
 * Returns: (transfer none): the source whose messages it lists
 */
AxdsLogSource *
axds_log_message_list_get_source (AxdsLogMessageList *self)
{
  g_return_val_if_fail (AXDS_IS_LOG_MESSAGE_LIST (self), NULL);
  return self->source;
}

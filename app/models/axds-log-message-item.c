/* axds-log-message-item.c — one message of a log source, as a list row sees it
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Made by AxdsLogMessageList when a row asks for it and dropped with the row: a source and an
 * index. The payload is read on first use and kept, so a row and the dump share one read. */

#include "config.h"

#include "axds-log-message-item.h"

struct _AxdsLogMessageItem
{
  GObject        parent_instance;

  AxdsLogSource *source;
  guint          index;
  GBytes        *payload;
};

G_DEFINE_FINAL_TYPE (AxdsLogMessageItem, axds_log_message_item, G_TYPE_OBJECT)

static void
axds_log_message_item_finalize (GObject *object)
{
  AxdsLogMessageItem *self = AXDS_LOG_MESSAGE_ITEM (object);

  g_clear_object (&self->source);
  g_clear_pointer (&self->payload, g_bytes_unref);

  G_OBJECT_CLASS (axds_log_message_item_parent_class)->finalize (object);
}

static void
axds_log_message_item_class_init (AxdsLogMessageItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = axds_log_message_item_finalize;
}

static void
axds_log_message_item_init (AxdsLogMessageItem *self)
{
}

AxdsLogMessageItem *
axds_log_message_item_new (AxdsLogSource *source,
                           guint          index)
{
  AxdsLogMessageItem *self;

  g_return_val_if_fail (AXDS_IS_LOG_SOURCE (source), NULL);
  g_return_val_if_fail (index < axds_log_source_get_n_messages (source), NULL);

  self = g_object_new (AXDS_TYPE_LOG_MESSAGE_ITEM, NULL);
  self->source = g_object_ref (source);
  self->index = index;
  return self;
}

/**
 * axds_log_message_item_get_source:
 * @self: a message
 *
 * Returns: (transfer none): its source
 */
AxdsLogSource *
axds_log_message_item_get_source (AxdsLogMessageItem *self)
{
  g_return_val_if_fail (AXDS_IS_LOG_MESSAGE_ITEM (self), NULL);
  return self->source;
}

guint
axds_log_message_item_get_index (AxdsLogMessageItem *self)
{
  g_return_val_if_fail (AXDS_IS_LOG_MESSAGE_ITEM (self), 0);
  return self->index;
}

/* µs since the source's onset */
guint64
axds_log_message_item_get_elapsed (AxdsLogMessageItem *self)
{
  g_return_val_if_fail (AXDS_IS_LOG_MESSAGE_ITEM (self), 0);
  return axds_log_source_get_elapsed (self->source, self->index);
}

/**
 * axds_log_message_item_get_payload:
 * @self: a message
 * @error: return location for an error, which names the file
 *
 * Returns: (transfer none): the payload, or %NULL on error
 */
GBytes *
axds_log_message_item_get_payload (AxdsLogMessageItem  *self,
                                   GError             **error)
{
  g_return_val_if_fail (AXDS_IS_LOG_MESSAGE_ITEM (self), NULL);

  if (self->payload == NULL)
    self->payload = axds_log_source_dup_payload (self->source, self->index, error);
  return self->payload;
}

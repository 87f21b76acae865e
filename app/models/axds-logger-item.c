/* axds-logger-item.c — one data logger on the machine, its statistics and recent rates
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The statistics in a logger's queue header are running totals; rates come from the change
 * over the last second or so of readings divided by the time it spans, so they neither depend
 * on how often the page reads nor jitter with the few messages of one short interval. Each
 * reading bumps `revision`, the one property views follow. */

#include "config.h"

#include <string.h>

#include "axds-logger-item.h"

/* Ten minutes of readings at 4 Hz. */
#define HISTORY_CAPACITY 2400

/* Two readings closer than this (an extra refresh right after a timed one) give no rate:
 * over a few milliseconds a steady logger looks idle or racing. */
#define MIN_RATE_INTERVAL_US (150 * 1000)

/* Rates are averaged over about this long. */
#define RATE_WINDOW_US G_USEC_PER_SEC

/* Readings kept for the window: 4 Hz readings need five. */
#define N_READINGS 8

typedef struct
{
  gint64  time;
  guint64 written;
  guint64 bytes;
} Reading;

struct _AxdsLoggerItem
{
  GObject            parent_instance;

  char              *name;
  AxdsLogQueueStats  stats;
  gboolean           has_stats;
  Reading            readings[N_READINGS];   /* oldest first */
  guint              n_readings;
  double             message_rate;
  double             byte_rate;
  AxdsHistory       *messages;
  AxdsHistory       *bytes;
  guint              revision;
};

enum {
  PROP_0,
  PROP_NAME,
  PROP_REVISION,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (AxdsLoggerItem, axds_logger_item, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
axds_logger_item_finalize (GObject *object)
{
  AxdsLoggerItem *self = (AxdsLoggerItem *)object;

  g_free (self->name);
  axds_log_queue_stats_clear (&self->stats);
  g_clear_object (&self->messages);
  g_clear_object (&self->bytes);

  G_OBJECT_CLASS (axds_logger_item_parent_class)->finalize (object);
}

static void
axds_logger_item_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AxdsLoggerItem *self = AXDS_LOGGER_ITEM (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_REVISION:
      g_value_set_uint (value, self->revision);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
axds_logger_item_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AxdsLoggerItem *self = AXDS_LOGGER_ITEM (object);

  switch (prop_id)
    {
    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
axds_logger_item_class_init (AxdsLoggerItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = axds_logger_item_finalize;
  object_class->get_property = axds_logger_item_get_property;
  object_class->set_property = axds_logger_item_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REVISION] =
    g_param_spec_uint ("revision", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
axds_logger_item_init (AxdsLoggerItem *self)
{
  self->messages = axds_history_new (1, HISTORY_CAPACITY);
  self->bytes = axds_history_new (1, HISTORY_CAPACITY);
}

AxdsLoggerItem *
axds_logger_item_new (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);
  return g_object_new (AXDS_TYPE_LOGGER_ITEM, "name", name, NULL);
}

const char *
axds_logger_item_get_name (AxdsLoggerItem *self)
{
  g_return_val_if_fail (AXDS_IS_LOGGER_ITEM (self), NULL);
  return self->name;
}

/**
 * axds_logger_item_get_stats:
 * @self: an item
 *
 * Returns: (transfer none): the last statistics read (zeros before the first reading)
 */
const AxdsLogQueueStats *
axds_logger_item_get_stats (AxdsLoggerItem *self)
{
  g_return_val_if_fail (AXDS_IS_LOGGER_ITEM (self), NULL);
  return &self->stats;
}

/**
 * axds_logger_item_update:
 * @self: an item
 * @stats: a new reading of the logger's statistics
 * @now_us: when it was read, monotonic µs
 *
 * Keeps a copy of @stats and, from the second reading on, the messages and bytes written per
 * second over about the last second, also in the histories.
 */
void
axds_logger_item_update (AxdsLoggerItem          *self,
                         const AxdsLogQueueStats *stats,
                         gint64                   now_us)
{
  g_return_if_fail (AXDS_IS_LOGGER_ITEM (self));
  g_return_if_fail (stats != NULL);

  if (self->n_readings > 0 &&
      now_us - self->readings[self->n_readings - 1].time < MIN_RATE_INTERVAL_US)
    {
      /* Too close to the last reading to tell a rate: only the totals change. */
    }
  else
    {
      Reading reading = { now_us, stats->written, stats->bytes_written };
      const Reading *last = self->n_readings > 0 ? &self->readings[self->n_readings - 1] : NULL;
      const Reading *base;
      guint first = 0;

      /* A logger started anew under the same name counts from zero again. */
      if (last != NULL && (stats->written < last->written || stats->bytes_written < last->bytes))
        self->n_readings = 0;
      if (self->n_readings == N_READINGS)
        {
          memmove (self->readings, self->readings + 1, sizeof (Reading) * (N_READINGS - 1));
          self->n_readings--;
        }
      self->readings[self->n_readings++] = reading;

      /* The newest reading at least a window old, else the oldest there is. */
      while (first + 1 < self->n_readings - 1 &&
             now_us - self->readings[first + 1].time >= RATE_WINDOW_US)
        first++;
      if (first > 0)
        {
          memmove (self->readings, self->readings + first,
                   sizeof (Reading) * (self->n_readings - first));
          self->n_readings -= first;
        }

      if (self->n_readings >= 2)
        {
          double dt, megabytes;

          base = &self->readings[0];
          dt = (now_us - base->time) / (double)G_USEC_PER_SEC;
          self->message_rate = (stats->written - base->written) / dt;
          self->byte_rate = (stats->bytes_written - base->bytes) / dt;
          megabytes = self->byte_rate / 1e6;
          axds_history_push (self->messages, now_us, &self->message_rate);
          axds_history_push (self->bytes, now_us, &megabytes);
        }
      else
        {
          self->message_rate = 0.0;
          self->byte_rate = 0.0;
        }
    }

  axds_log_queue_stats_clear (&self->stats);
  self->stats = *stats;
  self->stats.name = g_strdup (stats->name);
  self->stats.output_directory = g_strdup (stats->output_directory);
  self->has_stats = TRUE;
  self->revision++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVISION]);
}

/* Whether the logger process runs: a queue left behind by a dead logger is shown as such. */
gboolean
axds_logger_item_get_alive (AxdsLoggerItem *self)
{
  g_return_val_if_fail (AXDS_IS_LOGGER_ITEM (self), FALSE);
  return self->has_stats && self->stats.logger_alive &&
         self->stats.state != AXDS_LOGGER_STATE_FAILED;
}

/* Messages written per second between the last two readings. */
double
axds_logger_item_get_message_rate (AxdsLoggerItem *self)
{
  g_return_val_if_fail (AXDS_IS_LOGGER_ITEM (self), 0.0);
  return self->message_rate;
}

/* Bytes written per second between the last two readings. */
double
axds_logger_item_get_byte_rate (AxdsLoggerItem *self)
{
  g_return_val_if_fail (AXDS_IS_LOGGER_ITEM (self), 0.0);
  return self->byte_rate;
}

/**
 * axds_logger_item_get_message_history:
 * @self: an item
 *
 * Returns: (transfer none): messages written per second, one sample per reading
 */
AxdsHistory *
axds_logger_item_get_message_history (AxdsLoggerItem *self)
{
  g_return_val_if_fail (AXDS_IS_LOGGER_ITEM (self), NULL);
  return self->messages;
}

/**
 * axds_logger_item_get_byte_history:
 * @self: an item
 *
 * Returns: (transfer none): megabytes (10⁶ bytes) written per second, one sample per reading
 */
AxdsHistory *
axds_logger_item_get_byte_history (AxdsLoggerItem *self)
{
  g_return_val_if_fail (AXDS_IS_LOGGER_ITEM (self), NULL);
  return self->bytes;
}

guint
axds_logger_item_get_revision (AxdsLoggerItem *self)
{
  g_return_val_if_fail (AXDS_IS_LOGGER_ITEM (self), 0);
  return self->revision;
}

/* axds-history.c — a fixed-capacity ring of timed samples of a few values
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The live view pushes one sample of every element of a small array per sampling period;
 * once full, the oldest sample is overwritten, so memory stays bounded however long the
 * monitor runs. Index 0 is always the oldest sample. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "axds-history.h"

struct _AxdsHistory
{
  GObject  parent_instance;

  guint    n_series;
  guint    capacity;
  guint    head;       /* where the next sample goes */
  guint    n_samples;
  gint64  *times;
  double  *values;     /* capacity × n_series */
};

G_DEFINE_FINAL_TYPE (AxdsHistory, axds_history, G_TYPE_OBJECT)

static void
axds_history_finalize (GObject *object)
{
  AxdsHistory *self = (AxdsHistory *)object;

  g_clear_pointer (&self->times, g_free);
  g_clear_pointer (&self->values, g_free);

  G_OBJECT_CLASS (axds_history_parent_class)->finalize (object);
}

static void
axds_history_class_init (AxdsHistoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = axds_history_finalize;
}

static void
axds_history_init (AxdsHistory *self)
{
}

AxdsHistory *
axds_history_new (guint n_series,
                  guint capacity)
{
  AxdsHistory *self;

  g_return_val_if_fail (n_series > 0, NULL);
  g_return_val_if_fail (capacity > 0, NULL);

  self = g_object_new (AXDS_TYPE_HISTORY, NULL);
  self->n_series = n_series;
  self->capacity = capacity;
  self->times = g_new0 (gint64, capacity);
  self->values = g_new0 (double, (gsize)capacity * n_series);

  return self;
}

guint
axds_history_get_n_series (AxdsHistory *self)
{
  g_return_val_if_fail (AXDS_IS_HISTORY (self), 0);
  return self->n_series;
}

guint
axds_history_get_n_samples (AxdsHistory *self)
{
  g_return_val_if_fail (AXDS_IS_HISTORY (self), 0);
  return self->n_samples;
}

guint
axds_history_get_capacity (AxdsHistory *self)
{
  g_return_val_if_fail (AXDS_IS_HISTORY (self), 0);
  return self->capacity;
}

/**
 * axds_history_push:
 * @self: a history
 * @time_us: monotonic time of the sample
 * @values: one value per series
 *
 * Appends a sample, dropping the oldest when the ring is full.
 */
void
axds_history_push (AxdsHistory  *self,
                   gint64        time_us,
                   const double *values)
{
  g_return_if_fail (AXDS_IS_HISTORY (self));
  g_return_if_fail (values != NULL);

  self->times[self->head] = time_us;
  memcpy (&self->values[(gsize)self->head * self->n_series], values,
          sizeof (double) * self->n_series);
  self->head = (self->head + 1) % self->capacity;
  if (self->n_samples < self->capacity)
    self->n_samples++;
}

static inline guint
slot (AxdsHistory *self,
      guint        index)
{
  return (self->head + self->capacity - self->n_samples + index) % self->capacity;
}

gint64
axds_history_get_time (AxdsHistory *self,
                       guint        index)
{
  g_return_val_if_fail (AXDS_IS_HISTORY (self), 0);
  g_return_val_if_fail (index < self->n_samples, 0);

  return self->times[slot (self, index)];
}

double
axds_history_get_value (AxdsHistory *self,
                        guint        index,
                        guint        series)
{
  g_return_val_if_fail (AXDS_IS_HISTORY (self), 0.0);
  g_return_val_if_fail (index < self->n_samples, 0.0);
  g_return_val_if_fail (series < self->n_series, 0.0);

  return self->values[(gsize)slot (self, index) * self->n_series + series];
}

/**
 * axds_history_get_range:
 * @self: a history
 * @since_us: consider samples at or after this time
 * @min: (out): smallest finite value of all series
 * @max: (out): largest finite value of all series
 *
 * Returns: %TRUE if any finite value was found
 */
gboolean
axds_history_get_range (AxdsHistory *self,
                        gint64       since_us,
                        double      *min,
                        double      *max)
{
  double lo = INFINITY, hi = -INFINITY;

  g_return_val_if_fail (AXDS_IS_HISTORY (self), FALSE);

  for (guint i = 0; i < self->n_samples; i++)
    {
      guint s = slot (self, i);

      if (self->times[s] < since_us)
        continue;
      for (guint k = 0; k < self->n_series; k++)
        {
          double x = self->values[(gsize)s * self->n_series + k];

          if (!isfinite (x))
            continue;
          lo = MIN (lo, x);
          hi = MAX (hi, x);
        }
    }

  *min = lo;
  *max = hi;
  return lo <= hi;
}

void
axds_history_clear (AxdsHistory *self)
{
  g_return_if_fail (AXDS_IS_HISTORY (self));

  self->head = 0;
  self->n_samples = 0;
}

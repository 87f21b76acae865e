/* axds-array-item.c — one shared array as the live list shows it
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "axds-array-item.h"
#include "format/axds-format.h"

#define RATE_TIME_CONSTANT_S 3.0

struct _AxdsArrayItem
{
  GObject   parent_instance;

  char     *name;
  AxdsDtype dtype;
  guint     ndim;
  guint64   shape[AXDS_MAX_DIMS];
  guint64   nbytes;
  gint64    owner_pid;
  gint64    creation_time;
  guint64   write_count;
  double    rate;
  gboolean  owner_alive;
  gboolean  is_raw;
  gboolean  has_rate;

  /* The write counter and time of the previous update, to derive the rate. */
  guint64   last_count;
  gint64    last_time;
};

enum {
  PROP_0,
  PROP_NAME,
  PROP_DTYPE,
  PROP_SHAPE,
  PROP_NBYTES,
  PROP_OWNER_PID,
  PROP_OWNER_ALIVE,
  PROP_WRITE_COUNT,
  PROP_RATE,
  PROP_IS_RAW,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (AxdsArrayItem, axds_array_item, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
axds_array_item_finalize (GObject *object)
{
  AxdsArrayItem *self = (AxdsArrayItem *)object;

  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (axds_array_item_parent_class)->finalize (object);
}

static void
axds_array_item_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AxdsArrayItem *self = AXDS_ARRAY_ITEM (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_DTYPE:
      g_value_set_string (value, axds_dtype_to_string (self->dtype));
      break;

    case PROP_SHAPE:
      g_value_take_string (value, axds_format_shape (self->ndim, self->shape));
      break;

    case PROP_NBYTES:
      g_value_set_uint64 (value, self->nbytes);
      break;

    case PROP_OWNER_PID:
      g_value_set_int64 (value, self->owner_pid);
      break;

    case PROP_OWNER_ALIVE:
      g_value_set_boolean (value, self->owner_alive);
      break;

    case PROP_WRITE_COUNT:
      g_value_set_uint64 (value, self->write_count);
      break;

    case PROP_RATE:
      g_value_set_double (value, self->rate);
      break;

    case PROP_IS_RAW:
      g_value_set_boolean (value, self->is_raw);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
axds_array_item_class_init (AxdsArrayItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = axds_array_item_finalize;
  object_class->get_property = axds_array_item_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DTYPE] =
    g_param_spec_string ("dtype", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHAPE] =
    g_param_spec_string ("shape", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NBYTES] =
    g_param_spec_uint64 ("nbytes", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_OWNER_PID] =
    g_param_spec_int64 ("owner-pid", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OWNER_ALIVE] =
    g_param_spec_boolean ("owner-alive", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WRITE_COUNT] =
    g_param_spec_uint64 ("write-count", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RATE] =
    g_param_spec_double ("rate", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_RAW] =
    g_param_spec_boolean ("is-raw", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
axds_array_item_init (AxdsArrayItem *self)
{
}

AxdsArrayItem *
axds_array_item_new_from_info (const AxdsSharedArrayInfo *info)
{
  AxdsArrayItem *self;

  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (info->ndim <= AXDS_MAX_DIMS, NULL);

  self = g_object_new (AXDS_TYPE_ARRAY_ITEM, NULL);
  self->name = g_strdup (info->name);
  self->dtype = info->dtype;
  self->ndim = info->ndim;
  memcpy (self->shape, info->shape, sizeof (guint64) * info->ndim);
  self->nbytes = info->nbytes;
  self->owner_pid = info->creator_pid;
  self->owner_alive = info->creator_alive;
  self->creation_time = info->creation_time;
  self->write_count = info->write_count;
  self->last_count = info->write_count;
  self->last_time = g_get_monotonic_time ();

  return self;
}

AxdsArrayItem *
axds_array_item_new_raw (const char    *name,
                         AxdsDtype      dtype,
                         guint          ndim,
                         const guint64 *shape)
{
  AxdsArrayItem *self;
  guint64 n = 1;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (ndim <= AXDS_MAX_DIMS, NULL);

  self = g_object_new (AXDS_TYPE_ARRAY_ITEM, NULL);
  self->name = g_strdup (name);
  self->dtype = dtype;
  self->ndim = ndim;
  for (guint i = 0; i < ndim; i++)
    {
      self->shape[i] = shape[i];
      n *= shape[i];
    }
  self->nbytes = n * axds_dtype_get_itemsize (dtype);
  self->is_raw = TRUE;

  return self;
}

/**
 * axds_array_item_update:
 * @self: an item
 * @info: what the latest listing read from the array's header
 * @now_us: monotonic time of the listing
 *
 * Takes the changing fields of @info and derives the write rate from the change of the write
 * counter since the previous update. Only changed properties are notified, so rows redraw
 * only what changed.
 */
void
axds_array_item_update (AxdsArrayItem             *self,
                        const AxdsSharedArrayInfo *info,
                        gint64                     now_us)
{
  double rate = self->rate;

  g_return_if_fail (AXDS_IS_ARRAY_ITEM (self));
  g_return_if_fail (info != NULL);

  g_object_freeze_notify (G_OBJECT (self));

  if (now_us > self->last_time)
    {
      double seconds = (now_us - self->last_time) / (double)G_USEC_PER_SEC;
      guint64 delta = info->write_count >= self->last_count
                        ? info->write_count - self->last_count
                        : 0;
      double inst = delta / seconds;

      /* Smoothed over a few seconds, so that an array written every few seconds (a trial
       * counter) shows its low rate rather than flickering between 0 and a burst. */
      if (self->has_rate)
        rate = self->rate + (inst - self->rate) * (1.0 - exp (-seconds / RATE_TIME_CONSTANT_S));
      else
        rate = inst;
      self->has_rate = TRUE;
      if (rate < 0.01)
        rate = 0.0;
      self->last_time = now_us;
      self->last_count = info->write_count;
    }

  if (rate != self->rate)
    {
      self->rate = rate;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATE]);
    }

  if (info->write_count != self->write_count)
    {
      self->write_count = info->write_count;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WRITE_COUNT]);
    }

  if (info->creator_alive != self->owner_alive)
    {
      self->owner_alive = info->creator_alive;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OWNER_ALIVE]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

const char *
axds_array_item_get_name (AxdsArrayItem *self)
{
  g_return_val_if_fail (AXDS_IS_ARRAY_ITEM (self), NULL);
  return self->name;
}

AxdsDtype
axds_array_item_get_dtype (AxdsArrayItem *self)
{
  g_return_val_if_fail (AXDS_IS_ARRAY_ITEM (self), AXDS_DTYPE_INVALID);
  return self->dtype;
}

guint
axds_array_item_get_ndim (AxdsArrayItem *self)
{
  g_return_val_if_fail (AXDS_IS_ARRAY_ITEM (self), 0);
  return self->ndim;
}

const guint64 *
axds_array_item_get_shape (AxdsArrayItem *self)
{
  g_return_val_if_fail (AXDS_IS_ARRAY_ITEM (self), NULL);
  return self->shape;
}

guint64
axds_array_item_get_n_elements (AxdsArrayItem *self)
{
  guint64 n = 1;

  g_return_val_if_fail (AXDS_IS_ARRAY_ITEM (self), 0);

  for (guint i = 0; i < self->ndim; i++)
    n *= self->shape[i];
  return n;
}

guint64
axds_array_item_get_nbytes (AxdsArrayItem *self)
{
  g_return_val_if_fail (AXDS_IS_ARRAY_ITEM (self), 0);
  return self->nbytes;
}

gint64
axds_array_item_get_owner_pid (AxdsArrayItem *self)
{
  g_return_val_if_fail (AXDS_IS_ARRAY_ITEM (self), 0);
  return self->owner_pid;
}

gboolean
axds_array_item_get_owner_alive (AxdsArrayItem *self)
{
  g_return_val_if_fail (AXDS_IS_ARRAY_ITEM (self), FALSE);
  return self->owner_alive;
}

gint64
axds_array_item_get_creation_time (AxdsArrayItem *self)
{
  g_return_val_if_fail (AXDS_IS_ARRAY_ITEM (self), 0);
  return self->creation_time;
}

guint64
axds_array_item_get_write_count (AxdsArrayItem *self)
{
  g_return_val_if_fail (AXDS_IS_ARRAY_ITEM (self), 0);
  return self->write_count;
}

double
axds_array_item_get_rate (AxdsArrayItem *self)
{
  g_return_val_if_fail (AXDS_IS_ARRAY_ITEM (self), 0.0);
  return self->rate;
}

gboolean
axds_array_item_get_is_raw (AxdsArrayItem *self)
{
  g_return_val_if_fail (AXDS_IS_ARRAY_ITEM (self), FALSE);
  return self->is_raw;
}

/**
 * axds_array_item_open:
 * @self: an item
 * @error: return location for an error
 *
 * Opens a new handle on the item's array: by name for libaxds arrays, by name, dtype and
 * shape for raw buffers. Handles are not thread-safe, so each view opens its own.
 *
 * Returns: (transfer full): a connected handle, or %NULL with @error set
 */
AxdsSharedArray *
axds_array_item_open (AxdsArrayItem  *self,
                      GError        **error)
{
  g_autoptr(AxdsSharedArray) array = NULL;

  g_return_val_if_fail (AXDS_IS_ARRAY_ITEM (self), NULL);

  if (!self->is_raw)
    return axds_shared_array_open (self->name, error);

  array = axds_shared_array_new_raw (self->name, self->dtype, self->ndim, self->shape);
  if (array == NULL)
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                   "Cannot describe raw buffer “%s”", self->name);
      return NULL;
    }
  if (!axds_shared_array_connect (array, error))
    return NULL;

  return g_steal_pointer (&array);
}

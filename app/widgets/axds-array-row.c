/* axds-array-row.c — a row of the live list: one shared array at a glance
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "axds-array-row.h"
#include "format/axds-format.h"

struct _AxdsArrayRow
{
  GtkWidget      parent_instance;

  /* Owned references */
  AxdsArrayItem *item;
};

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (AxdsArrayRow, axds_array_row, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];

/* Closures of the template's expressions; the first argument is the row itself. */

static char *
format_summary_cb (gpointer    unused,
                   const char *dtype,
                   const char *shape,
                   guint64     nbytes)
{
  return axds_format_summary (dtype, shape, nbytes);
}

static char *
format_owner_cb (gpointer unused,
                 gint64   pid,
                 gboolean alive,
                 gboolean is_raw)
{
  if (is_raw)
    /* Translators: a buffer without a header, attached by name, type and shape */
    return g_strdup (_("raw buffer"));
  return axds_format_owner (pid, alive);
}

static char *
format_rate_cb (gpointer unused,
                double   rate)
{
  return axds_format_rate (rate);
}

static void
axds_array_row_dispose (GObject *object)
{
  AxdsArrayRow *self = (AxdsArrayRow *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), AXDS_TYPE_ARRAY_ROW);
  /* Template children without a field are unparented here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (axds_array_row_parent_class)->dispose (object);
}

static void
axds_array_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AxdsArrayRow *self = AXDS_ARRAY_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
axds_array_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  AxdsArrayRow *self = AXDS_ARRAY_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      axds_array_row_set_item (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
axds_array_row_class_init (AxdsArrayRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = axds_array_row_dispose;
  object_class->get_property = axds_array_row_get_property;
  object_class->set_property = axds_array_row_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, AXDS_TYPE_ARRAY_ITEM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               AXDS_RESOURCE_PATH "axds-array-row.ui");
  gtk_widget_class_bind_template_callback (widget_class, format_summary_cb);
  gtk_widget_class_bind_template_callback (widget_class, format_owner_cb);
  gtk_widget_class_bind_template_callback (widget_class, format_rate_cb);

  gtk_widget_class_set_css_name (widget_class, "arrayrow");
}

static void
axds_array_row_init (AxdsArrayRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
axds_array_row_new (void)
{
  return g_object_new (AXDS_TYPE_ARRAY_ROW, NULL);
}

/**
 * axds_array_row_get_item:
 * @self: a row
 *
 * Returns: (transfer none) (nullable): the item the row shows
 */
AxdsArrayItem *
axds_array_row_get_item (AxdsArrayRow *self)
{
  g_return_val_if_fail (AXDS_IS_ARRAY_ROW (self), NULL);
  return self->item;
}

void
axds_array_row_set_item (AxdsArrayRow  *self,
                         AxdsArrayItem *item)
{
  g_return_if_fail (AXDS_IS_ARRAY_ROW (self));
  g_return_if_fail (!item || AXDS_IS_ARRAY_ITEM (item));

  if (g_set_object (&self->item, item))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

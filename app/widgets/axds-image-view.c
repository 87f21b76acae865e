/* axds-image-view.c — shows a texture scaled to fit, keeping its aspect ratio
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Unlike GtkPicture this widget never asks for the texture's size (a 1024 × 1024 frame must
 * not make the window grow) and swapping textures at 60 Hz only queues a draw, never a
 * resize. No template: it has no children. */

#include "config.h"

#include "axds-image-view.h"

struct _AxdsImageView
{
  GtkWidget   parent_instance;

  GdkTexture *texture;
};

enum {
  PROP_0,
  PROP_TEXTURE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (AxdsImageView, axds_image_view, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];

static void
axds_image_view_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  AxdsImageView *self = AXDS_IMAGE_VIEW (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double tw, th, scale;

  if (self->texture == NULL || width <= 0 || height <= 0)
    return;

  tw = gdk_texture_get_width (self->texture);
  th = gdk_texture_get_height (self->texture);
  scale = MIN (width / tw, height / th);

  gtk_snapshot_append_texture (snapshot, self->texture,
                               &GRAPHENE_RECT_INIT ((width - tw * scale) / 2,
                                                    (height - th * scale) / 2,
                                                    tw * scale, th * scale));
}

static void
axds_image_view_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  *minimum = 64;
  *natural = 320;
}

static void
axds_image_view_dispose (GObject *object)
{
  AxdsImageView *self = (AxdsImageView *)object;

  g_clear_object (&self->texture);

  G_OBJECT_CLASS (axds_image_view_parent_class)->dispose (object);
}

static void
axds_image_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AxdsImageView *self = AXDS_IMAGE_VIEW (object);

  switch (prop_id)
    {
    case PROP_TEXTURE:
      g_value_set_object (value, self->texture);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
axds_image_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  AxdsImageView *self = AXDS_IMAGE_VIEW (object);

  switch (prop_id)
    {
    case PROP_TEXTURE:
      axds_image_view_set_texture (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
axds_image_view_class_init (AxdsImageViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = axds_image_view_dispose;
  object_class->get_property = axds_image_view_get_property;
  object_class->set_property = axds_image_view_set_property;

  widget_class->snapshot = axds_image_view_snapshot;
  widget_class->measure = axds_image_view_measure;

  properties[PROP_TEXTURE] =
    g_param_spec_object ("texture", NULL, NULL, GDK_TYPE_TEXTURE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "imageview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
axds_image_view_init (AxdsImageView *self)
{
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

GtkWidget *
axds_image_view_new (void)
{
  return g_object_new (AXDS_TYPE_IMAGE_VIEW, NULL);
}

void
axds_image_view_set_texture (AxdsImageView *self,
                             GdkTexture    *texture)
{
  g_return_if_fail (AXDS_IS_IMAGE_VIEW (self));
  g_return_if_fail (!texture || GDK_IS_TEXTURE (texture));

  if (g_set_object (&self->texture, texture))
    {
      gtk_widget_queue_draw (GTK_WIDGET (self));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXTURE]);
    }
}

/**
 * axds_image_view_get_texture:
 * @self: an image view
 *
 * Returns: (transfer none) (nullable): the texture shown
 */
GdkTexture *
axds_image_view_get_texture (AxdsImageView *self)
{
  g_return_val_if_fail (AXDS_IS_IMAGE_VIEW (self), NULL);
  return self->texture;
}

/* axds-image-view.h — shows a texture scaled to fit, keeping its aspect ratio
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define AXDS_TYPE_IMAGE_VIEW (axds_image_view_get_type ())

G_DECLARE_FINAL_TYPE (AxdsImageView, axds_image_view, AXDS, IMAGE_VIEW, GtkWidget)

GtkWidget  *axds_image_view_new         (void);
void        axds_image_view_set_texture (AxdsImageView *self,
                                         GdkTexture    *texture);
GdkTexture *axds_image_view_get_texture (AxdsImageView *self);

G_END_DECLS

/* axds-array-view.h — one shared array shown live: image, trace or values with history
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "models/axds-array-item.h"

G_BEGIN_DECLS

#define AXDS_TYPE_ARRAY_VIEW (axds_array_view_get_type ())

G_DECLARE_FINAL_TYPE (AxdsArrayView, axds_array_view, AXDS, ARRAY_VIEW, GtkWidget)

GtkWidget     *axds_array_view_new             (void);
AxdsArrayItem *axds_array_view_get_item        (AxdsArrayView *self);
void           axds_array_view_set_item        (AxdsArrayView *self,
                                                AxdsArrayItem *item);
gboolean       axds_array_view_get_paused      (AxdsArrayView *self);
void           axds_array_view_set_paused      (AxdsArrayView *self,
                                                gboolean       paused);
guint64        axds_array_view_get_frames      (AxdsArrayView *self);
const char    *axds_array_view_get_kind        (AxdsArrayView *self);
GdkTexture    *axds_array_view_get_texture     (AxdsArrayView *self);
char          *axds_array_view_dup_value_text  (AxdsArrayView *self,
                                                guint          index);

G_END_DECLS

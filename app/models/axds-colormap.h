/* axds-colormap.h — colour maps and the mapping of array frames to image pixels
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdk/gdk.h>

#include "axds.h"

G_BEGIN_DECLS

typedef enum
{
  AXDS_COLORMAP_GRAY,
  AXDS_COLORMAP_VIRIDIS,
  AXDS_COLORMAP_INFERNO,
  AXDS_COLORMAP_MAGMA,
  AXDS_COLORMAP_LAST,
} AxdsColormap;

/**
 * AxdsFrameStats:
 * @min: the smallest finite value
 * @max: the largest finite value
 * @mean: the mean of the finite values
 * @last: the last element
 */
typedef struct
{
  double min;
  double max;
  double mean;
  double last;
} AxdsFrameStats;

AxdsColormap axds_colormap_from_string  (const char      *name);
const char  *axds_colormap_to_string    (AxdsColormap     colormap);
void         axds_colormap_fill_lut     (AxdsColormap     colormap,
                                         guint32          lut[256]);
void         axds_frame_compute_stats   (AxdsDtype        dtype,
                                         gconstpointer    data,
                                         gsize            n_elements,
                                         AxdsFrameStats  *stats);
void         axds_frame_map             (AxdsDtype        dtype,
                                         gconstpointer    data,
                                         gsize            n_elements,
                                         double           lo,
                                         double           hi,
                                         const guint32    lut[256],
                                         guint32         *pixels);
void         axds_frame_to_doubles      (AxdsDtype        dtype,
                                         gconstpointer    data,
                                         gsize            n_elements,
                                         double          *values);

GdkTexture  *axds_frame_render_texture  (AxdsDtype        dtype,
                                         guint            width,
                                         guint            height,
                                         gconstpointer    data,
                                         double           lo,
                                         double           hi,
                                         const guint32    lut[256]);

G_END_DECLS

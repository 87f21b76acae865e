/* axds-interpolate.h — aligning time series: discrete and linear interpolation
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(AXDS_INSIDE) && !defined(AXDS_COMPILATION)
# error "Only <axds.h> can be included directly."
#endif

#include "axds-dtype.h"
#include "axds-version.h"

G_BEGIN_DECLS

AXDS_AVAILABLE_IN_ALL
AxdsDtype axds_interpolate_get_result_dtype (AxdsDtype      source_values_dtype,
                                             gboolean       is_discrete);

AXDS_AVAILABLE_IN_ALL
gboolean  axds_interpolate_data             (AxdsDtype      source_coordinates_dtype,
                                             gconstpointer  source_coordinates,
                                             gsize          n_source_coordinates,
                                             AxdsDtype      source_values_dtype,
                                             gconstpointer  source_values,
                                             gsize          n_source_values,
                                             AxdsDtype      target_coordinates_dtype,
                                             gconstpointer  target_coordinates,
                                             gsize          n_target_coordinates,
                                             gboolean       is_discrete,
                                             gpointer       result,
                                             GError       **error);

G_END_DECLS

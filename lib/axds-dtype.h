/* axds-dtype.h — element types, shapes and indices, named the NumPy way
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(AXDS_INSIDE) && !defined(AXDS_COMPILATION)
# error "Only <axds.h> can be included directly."
#endif

#include <glib-object.h>

#include "axds-version.h"

G_BEGIN_DECLS

/**
 * AXDS_MAX_DIMS:
 *
 * The most dimensions an array of libaxds may have.
 */
#define AXDS_MAX_DIMS 8

/**
 * AxdsDtype:
 *
 * The element types of shared arrays. Printed and parsed as NumPy type strings
 * (`|b1`, `|i1`, `<i2`, …, `<f8`, `<c16`); all multi-byte types are little-endian.
 */
typedef enum
{
  AXDS_DTYPE_INVALID = 0,
  AXDS_DTYPE_BOOL,
  AXDS_DTYPE_INT8,
  AXDS_DTYPE_INT16,
  AXDS_DTYPE_INT32,
  AXDS_DTYPE_INT64,
  AXDS_DTYPE_UINT8,
  AXDS_DTYPE_UINT16,
  AXDS_DTYPE_UINT32,
  AXDS_DTYPE_UINT64,
  AXDS_DTYPE_FLOAT32,
  AXDS_DTYPE_FLOAT64,
  AXDS_DTYPE_COMPLEX64,
  AXDS_DTYPE_COMPLEX128,
  AXDS_DTYPE_LAST,
} AxdsDtype;

AXDS_AVAILABLE_IN_ALL
const char *axds_dtype_to_string     (AxdsDtype    dtype);
AXDS_AVAILABLE_IN_ALL
const char *axds_dtype_get_name      (AxdsDtype    dtype);
AXDS_AVAILABLE_IN_ALL
gboolean    axds_dtype_from_string   (const char  *text,
                                      AxdsDtype   *dtype,
                                      GError     **error);
AXDS_AVAILABLE_IN_ALL
gsize       axds_dtype_get_itemsize  (AxdsDtype    dtype);
AXDS_AVAILABLE_IN_ALL
gboolean    axds_dtype_is_complex    (AxdsDtype    dtype);
AXDS_AVAILABLE_IN_ALL
gboolean    axds_dtype_is_float      (AxdsDtype    dtype);
AXDS_AVAILABLE_IN_ALL
gboolean    axds_dtype_is_integer    (AxdsDtype    dtype);

AXDS_AVAILABLE_IN_ALL
char       *axds_dtype_format_value  (AxdsDtype      dtype,
                                      gconstpointer  element);
AXDS_AVAILABLE_IN_ALL
gboolean    axds_dtype_parse_value   (AxdsDtype      dtype,
                                      const char    *text,
                                      gpointer       element,
                                      GError       **error);
AXDS_AVAILABLE_IN_ALL
double      axds_dtype_value_to_double (AxdsDtype     dtype,
                                        gconstpointer element);

AXDS_AVAILABLE_IN_ALL
gboolean    axds_shape_parse         (const char  *text,
                                      guint       *ndim,
                                      guint64      shape[AXDS_MAX_DIMS],
                                      GError     **error);
AXDS_AVAILABLE_IN_ALL
char       *axds_shape_to_string     (guint          ndim,
                                      const guint64 *shape);
AXDS_AVAILABLE_IN_ALL
gboolean    axds_shape_get_n_elements (guint          ndim,
                                       const guint64 *shape,
                                       guint64       *n_elements,
                                       GError       **error);
AXDS_AVAILABLE_IN_ALL
gboolean    axds_index_parse         (const char  *text,
                                      guint       *n_index,
                                      gint64       index[AXDS_MAX_DIMS],
                                      GError     **error);
AXDS_AVAILABLE_IN_ALL
gboolean    axds_index_resolve       (guint          ndim,
                                      const guint64 *shape,
                                      guint          n_index,
                                      const gint64  *index,
                                      guint64       *offset,
                                      guint64       *count,
                                      GError       **error);

G_END_DECLS

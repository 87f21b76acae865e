/* axds-npy.h — NumPy .npy headers: writing 1-D uint8 arrays, parsing untrusted headers
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

G_BEGIN_DECLS

/**
 * AXDS_NPY_U8_HEADER_SIZE:
 *
 * Size of the header `numpy.save` writes for any 1-D uint8 array (format 1.0). NumPy pads the
 * header with room for a 21-digit length, so the size does not depend on the length.
 */
#define AXDS_NPY_U8_HEADER_SIZE 128

/**
 * AxdsNpyInfo:
 * @version_major: format version (1, 2 or 3)
 * @dtype: element type
 * @fortran_order: whether the data is in Fortran order
 * @ndim: number of dimensions (0 for a scalar)
 * @shape: the dimensions
 * @n_elements: product of @shape
 * @data_offset: where the data starts
 * @data_size: bytes of data (@n_elements times the item size)
 *
 * What axds_npy_parse_header() found in a header.
 */
typedef struct
{
  guint     version_major;
  AxdsDtype dtype;
  gboolean  fortran_order;
  guint     ndim;
  guint64   shape[AXDS_MAX_DIMS];
  guint64   n_elements;
  guint64   data_offset;
  guint64   data_size;
} AxdsNpyInfo;

#define AXDS_TYPE_NPY_INFO (axds_npy_info_get_type ())

AXDS_AVAILABLE_IN_ALL
GType axds_npy_info_get_type (void) G_GNUC_CONST;
AXDS_AVAILABLE_IN_ALL
AxdsNpyInfo *axds_npy_info_copy (const AxdsNpyInfo *self);
AXDS_AVAILABLE_IN_ALL
void axds_npy_info_free (AxdsNpyInfo *self);

AXDS_AVAILABLE_IN_ALL
void     axds_npy_format_u8_header (guint64        length,
                                    guint8        *header);
AXDS_AVAILABLE_IN_ALL
gboolean axds_npy_parse_header     (const guint8  *data,
                                    gsize          len,
                                    guint64        file_size,
                                    const char    *name,
                                    AxdsNpyInfo   *info,
                                    GError       **error);
AXDS_AVAILABLE_IN_ALL
gboolean axds_npy_parse_u8         (const guint8  *data,
                                    gsize          len,
                                    const char    *name,
                                    const guint8 **payload,
                                    gsize         *payload_len,
                                    GError       **error);
AXDS_AVAILABLE_IN_ALL
gboolean axds_npy_write_u8         (const char    *path,
                                    const guint8  *data,
                                    gsize          len,
                                    GError       **error);

G_END_DECLS

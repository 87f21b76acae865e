/* fuzz-shm-header.c — the 256-byte header of shared arrays, and attaching to a segment
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is a whole segment: header then data. Any process may write a segment under
 * /dev/shm, so the validator must describe only arrays that fit in it. The segment is then
 * written as a file under a private AXDS_SHM_DIR and read the way the monitor and `axds shm`
 * do: read_info(), open(), a snapshot of all its data and a read of its last element. The
 * lock and the writer counters are cleared first: they are process-shared state that the
 * validator does not parse (a garbage robust mutex is the kernel's business, not a parser's).
 */

#include "config.h"

#include <stddef.h>

#include <axds.h>

#include "axds-shared-array-private.h"
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AxdsSharedArray) array = NULL;
  g_autofree char *path = NULL;
  g_autofree guint8 *copy = NULL;
  g_autofree guint8 *snapshot = NULL;
  g_auto(AxdsSharedArrayInfo) info = { 0 };
  AxdsShmLayout layout;
  guint64 n_elements;
  gboolean valid;

  g_setenv ("AXDS_SHM_DIR", fuzz_setup (), TRUE);

  /* The validator alone, against the size of the input and against a larger segment. */
  valid = _axds_shm_header_validate (data, size, size, "fuzz", &layout, &error);
  FUZZ_CHECK (valid == (error == NULL));
  if (valid)
    {
      FUZZ_CHECK (layout.ndim >= 1 && layout.ndim <= AXDS_MAX_DIMS);
      FUZZ_CHECK (axds_shape_get_n_elements (layout.ndim, layout.shape, &n_elements, NULL));
      FUZZ_CHECK (n_elements == layout.n_elements);
      FUZZ_CHECK (layout.nbytes == n_elements * axds_dtype_get_itemsize (layout.dtype));
      FUZZ_CHECK (layout.header_size == AXDS_SHM_HEADER_SIZE);
      FUZZ_CHECK (layout.nbytes <= size - layout.header_size);
    }
  g_clear_error (&error);
  if (_axds_shm_header_validate (data, size, G_MAXUINT64, "fuzz", &layout, NULL))
    FUZZ_CHECK (layout.nbytes <= G_MAXSSIZE);

  if (!valid)
    return 0;

  copy = g_memdup2 (data, size);
  memset (copy + offsetof (AxdsShmHeader, lock), 0, sizeof ((AxdsShmHeader *) NULL)->lock);
  memset (copy + offsetof (AxdsShmHeader, writers), 0, 2 * sizeof (guint32));
  path = fuzz_write_file ("segment", copy, size);

  FUZZ_CHECK (axds_shared_array_read_info ("segment", &info, &error));
  FUZZ_CHECK (info.dtype == layout.dtype && info.ndim == layout.ndim &&
              info.nbytes == layout.nbytes);

  array = axds_shared_array_open ("segment", &error);
  FUZZ_CHECK (array != NULL);
  FUZZ_CHECK (axds_shared_array_get_nbytes (array) == layout.nbytes);
  axds_shared_array_set_snapshot_timeout (array, 1000);
  snapshot = g_malloc (MAX (layout.nbytes, 1));
  if (axds_shared_array_snapshot (array, snapshot, layout.nbytes, NULL, &error))
    FUZZ_CHECK (memcmp (snapshot, data + AXDS_SHM_HEADER_SIZE, layout.nbytes) == 0);
  g_clear_error (&error);
  {
    guint8 element[16];
    g_autofree char *text = NULL;

    /* May refuse a segment whose state says destroyed; must not read out of bounds. */
    if (axds_shared_array_read (array, layout.n_elements - 1, 1, element, AXDS_ACCESS_NONE,
                                &error))
      {
        text = axds_dtype_format_value (layout.dtype, element);
        FUZZ_CHECK (text != NULL);
      }
    else
      FUZZ_CHECK (error != NULL);
  }
  g_clear_pointer (&array, axds_shared_array_unref);
  g_unlink (path);
  return 0;
}

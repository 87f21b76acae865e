/* fuzz-npy.c — .npy headers and whole .npy files
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is a whole .npy file. The general header parser must describe data that lies in
 * the file; the log entries' reader (a fast path for numpy's own uint8 header, the general
 * parser otherwise) must agree with the general parser on every file it accepts, so that no
 * spelling of a header is read one way by one path and another way by the other. Accepted
 * arrays are read element by element, as a viewer would, and the file is read back from disk.
 */

#include "config.h"

#include <axds.h>

#include "fuzz-common.h"

static void
check_header (const uint8_t *data,
              size_t         size)
{
  g_autoptr(GError) error = NULL;
  AxdsNpyInfo info;
  guint64 n_elements;
  gsize itemsize;
  double sum = 0;

  if (!axds_npy_parse_header (data, size, size, "fuzz.npy", &info, &error))
    {
      FUZZ_CHECK (error != NULL);
      return;
    }
  FUZZ_CHECK (info.ndim <= AXDS_MAX_DIMS);
  FUZZ_CHECK (info.dtype > AXDS_DTYPE_INVALID && info.dtype < AXDS_DTYPE_LAST);
  FUZZ_CHECK (info.data_offset <= size && info.data_size <= size - info.data_offset);
  itemsize = axds_dtype_get_itemsize (info.dtype);
  n_elements = 1;
  for (guint i = 0; i < info.ndim; i++)
    n_elements *= info.shape[i];
  FUZZ_CHECK (n_elements == info.n_elements && info.data_size == n_elements * itemsize);

  /* Every element, as the values of an array are read for display. */
  for (guint64 i = 0; i < info.n_elements; i++)
    sum += axds_dtype_value_to_double (info.dtype, data + info.data_offset + i * itemsize);
  (void) sum;
}

static void
check_u8 (const uint8_t *data,
          size_t         size)
{
  g_autoptr(GError) error = NULL;
  const guint8 *payload = NULL;
  gsize payload_len = 0;
  AxdsNpyInfo info;

  if (!axds_npy_parse_u8 (data, size, "fuzz.npy", &payload, &payload_len, &error))
    {
      FUZZ_CHECK (error != NULL);
      return;
    }
  FUZZ_CHECK (payload >= data && payload + payload_len == data + size);

  /* The fast path and the general parser must read the same array. */
  if (!axds_npy_parse_header (data, size, size, "fuzz.npy", &info, &error))
    {
      g_printerr ("parse_u8 accepts a file the header parser refuses: %s\n", error->message);
      abort ();
    }
  FUZZ_CHECK (info.ndim == 1 && info.shape[0] == payload_len);
  FUZZ_CHECK (info.dtype == AXDS_DTYPE_UINT8 || info.dtype == AXDS_DTYPE_INT8);
  FUZZ_CHECK (data + info.data_offset == payload);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  fuzz_setup ();
  check_header (data, size);
  check_u8 (data, size);

  /* What the writer makes of this many bytes must read back as exactly them. */
  {
    guint8 header[AXDS_NPY_U8_HEADER_SIZE];
    g_autofree guint8 *file = g_malloc (AXDS_NPY_U8_HEADER_SIZE + size);
    const guint8 *payload = NULL;
    gsize payload_len = 0;

    axds_npy_format_u8_header (size, header);
    memcpy (file, header, sizeof header);
    if (size > 0)
      memcpy (file + sizeof header, data, size);
    FUZZ_CHECK (axds_npy_parse_u8 (file, sizeof header + size, "written", &payload,
                                   &payload_len, NULL));
    FUZZ_CHECK (payload_len == size && memcmp (payload, data, size) == 0);
  }

  /* The whole-file path: written by the library, read from disk, parsed again. */
  path = g_build_filename (fuzz_setup (), "entry.npy", NULL);
  FUZZ_CHECK (axds_npy_write_u8 (path, data, size, NULL));
  FUZZ_CHECK (g_file_get_contents (path, &contents, &len, NULL));
  FUZZ_CHECK (len == AXDS_NPY_U8_HEADER_SIZE + size);
  check_header ((const uint8_t *) contents, len);
  check_u8 ((const uint8_t *) contents, len);
  g_unlink (path);
  return 0;
}

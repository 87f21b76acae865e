/* fuzz-dtype.c — dtype, shape, index and value strings
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * These strings come from command lines, the monitor's raw-attach dialog and other programs'
 * headers. The input is up to three NUL-separated strings: a dtype, a shape, and an index or a
 * value. Besides not crashing, every accepted string must mean what it printed as: a dtype
 * reads back from its own type string and name, a shape from its tuple text, a value from its
 * formatted text (bit for bit, NaN aside), and a resolved index lies inside its shape.
 */

#include "config.h"

#include <math.h>

#include <axds.h>

#include "fuzz-common.h"

static void
check_dtype (const char *text)
{
  AxdsDtype dtype, again;

  if (!axds_dtype_from_string (text, &dtype, NULL))
    return;
  FUZZ_CHECK (dtype > AXDS_DTYPE_INVALID && dtype < AXDS_DTYPE_LAST);
  FUZZ_CHECK (axds_dtype_from_string (axds_dtype_to_string (dtype), &again, NULL) &&
              again == dtype);
  FUZZ_CHECK (axds_dtype_from_string (axds_dtype_get_name (dtype), &again, NULL) &&
              again == dtype);
}

static gboolean
check_shape (const char *text,
             guint      *ndim,
             guint64     shape[AXDS_MAX_DIMS])
{
  g_autofree char *printed = NULL;
  guint64 again[AXDS_MAX_DIMS], n_elements;
  guint ndim_again;

  if (!axds_shape_parse (text, ndim, shape, NULL))
    return FALSE;
  FUZZ_CHECK (*ndim >= 1 && *ndim <= AXDS_MAX_DIMS);
  FUZZ_CHECK (axds_shape_get_n_elements (*ndim, shape, &n_elements, NULL));
  printed = axds_shape_to_string (*ndim, shape);
  FUZZ_CHECK (axds_shape_parse (printed, &ndim_again, again, NULL));
  FUZZ_CHECK (ndim_again == *ndim && memcmp (again, shape, *ndim * sizeof (guint64)) == 0);
  return TRUE;
}

static void
check_index (const char    *text,
             guint          ndim,
             const guint64 *shape)
{
  gint64 index[AXDS_MAX_DIMS];
  guint64 offset, count, n_elements;
  guint n_index;

  if (!axds_index_parse (text, &n_index, index, NULL))
    return;
  FUZZ_CHECK (n_index >= 1 && n_index <= AXDS_MAX_DIMS);
  if (ndim == 0 || !axds_index_resolve (ndim, shape, n_index, index, &offset, &count, NULL))
    return;
  FUZZ_CHECK (axds_shape_get_n_elements (ndim, shape, &n_elements, NULL));
  FUZZ_CHECK (count >= 1 && offset < n_elements && count <= n_elements - offset);
}

static void
check_value (const char *text)
{
  for (AxdsDtype dtype = AXDS_DTYPE_BOOL; dtype < AXDS_DTYPE_LAST; dtype++)
    {
      guint8 element[16] = { 0 }, again[16] = { 0 };
      gsize itemsize = axds_dtype_get_itemsize (dtype);
      g_autofree char *printed = NULL;
      g_autoptr(GError) error = NULL;
      double d;

      if (!axds_dtype_parse_value (dtype, text, element, &error))
        {
          FUZZ_CHECK (error != NULL);
          continue;
        }
      d = axds_dtype_value_to_double (dtype, element);
      printed = axds_dtype_format_value (dtype, element);
      FUZZ_CHECK (printed != NULL);
      if (!axds_dtype_parse_value (dtype, printed, again, &error))
        {
          g_printerr ("dtype %s: '%s' printed as '%s', which does not read back: %s\n",
                      axds_dtype_to_string (dtype), text, printed, error->message);
          abort ();
        }
      if (isnan (d) || (axds_dtype_is_complex (dtype) && strstr (printed, "nan") != NULL))
        continue;
      if (memcmp (element, again, itemsize) != 0)
        {
          g_printerr ("dtype %s: '%s' printed as '%s' reads back as other bits\n",
                      axds_dtype_to_string (dtype), text, printed);
          abort ();
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_auto(GStrv) parts = NULL;
  guint64 shape[AXDS_MAX_DIMS] = { 0 };
  guint ndim = 0;

  fuzz_setup ();
  parts = fuzz_split (data, size, 3);

  check_dtype (parts[0]);
  if (parts[1] != NULL && !check_shape (parts[1], &ndim, shape))
    ndim = 0;
  {
    guint64 other[AXDS_MAX_DIMS];
    guint other_ndim;

    check_shape (parts[0], &other_ndim, other);
  }
  if (parts[1] != NULL && parts[2] != NULL)
    {
      check_index (parts[2], ndim, shape);
      check_value (parts[2]);
    }
  else
    {
      check_index (parts[0], 0, NULL);
      check_value (parts[0]);
    }
  return 0;
}

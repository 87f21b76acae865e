/* torture-common.h — what the crash torture's victims and checker agree on
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

/* Producer payloads vary in size, so ring slots wrap at every offset. */
#define TORTURE_PAYLOAD_MAX 4096

static inline gsize
torture_payload_size (guint64 sequence)
{
  return 16 + (gsize) ((sequence * 2654435761u) % (TORTURE_PAYLOAD_MAX - 16));
}

static inline void
torture_payload_fill (guint8  *data,
                      gsize    len,
                      guint    source,
                      guint64  sequence)
{
  for (gsize j = 0; j < len; j++)
    data[j] = (guint8) (source * 31 + sequence * 7 + j);
}

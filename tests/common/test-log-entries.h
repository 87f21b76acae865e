/* test-log-entries.h — the log entries tests write and the payloads their producers send
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include <axds.h>

/* Inline, not in axds-test-utils: the library's tests link libaxds statically and the
 * monitor's link it shared, so what calls the library is compiled into each program. */

/* The payload byte @j of message @index from @source: what test helpers send and tests check. */
static inline guint8
test_payload_byte (guint   source,
                   guint64 index,
                   gsize   j)
{
  return (guint8) (source * 31 + index * 7 + j);
}

/* Writes the entry file the logger would: [source][time, little-endian][payload], as .npy. */
static inline void
test_write_log_entry (const char   *dir,
                      guint8        source,
                      guint64       time,
                      const guint8 *payload,
                      gsize         len)
{
  g_autofree char *name = axds_log_entry_file_name (source, time);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree guint8 *entry = g_malloc (9 + len);
  guint64 le = GUINT64_TO_LE (time);
  g_autoptr(GError) error = NULL;

  entry[0] = source;
  memcpy (entry + 1, &le, 8);
  if (len > 0)
    memcpy (entry + 9, payload, len);
  g_assert_true (axds_npy_write_u8 (path, entry, 9 + len, &error));
  g_assert_no_error (error);
}

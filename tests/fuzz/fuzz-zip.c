/* fuzz-zip.c — the zip reader and log archives (.npz)
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is a whole archive. The zip reader parses it from memory: every member it lists
 * must lie inside the input, be found by its name and extract (stored or deflated, CRC-checked)
 * to exactly its declared size or fail with an error; memory stays bounded by the deflate
 * ratio the reader allows. The same bytes are then written to a file and opened as a log
 * archive, as `axds log` and the monitor do, and every message is read.
 */

#include "config.h"

#include <axds.h>

#include "fuzz-common.h"

static void
check_zip (const uint8_t *data,
           size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(AxdsZipReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  reader = axds_zip_reader_new (bytes, "fuzz.npz", &error);
  if (reader == NULL)
    {
      FUZZ_CHECK (error != NULL);
      return;
    }
  n = axds_zip_reader_get_n_members (reader);
  for (guint i = 0; i < n; i++)
    {
      const AxdsZipMember *m = axds_zip_reader_get_member (reader, i);
      g_autoptr(GBytes) member = NULL;
      guint found = G_MAXUINT;

      FUZZ_CHECK (m->name != NULL && *m->name != '\0' && strchr (m->name, '/') == NULL);
      FUZZ_CHECK (m->data_offset <= size && m->compressed_size <= size - m->data_offset);
      FUZZ_CHECK (axds_zip_reader_lookup (reader, m->name, &found) && found == i);
      for (int verify = 0; verify < 2; verify++)
        {
          member = axds_zip_reader_extract (reader, i, verify, &error);
          if (member == NULL)
            {
              FUZZ_CHECK (error != NULL);
              g_clear_error (&error);
              continue;
            }
          FUZZ_CHECK (g_bytes_get_size (member) == m->size);
          g_clear_pointer (&member, g_bytes_unref);
        }
    }
}

static void
check_archive (const char *path,
               gboolean    with_onset)
{
  g_autoptr(AxdsLogArchive) archive = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) batches = NULL;
  g_autoptr(GArray) timestamps = NULL;
  g_autoptr(GPtrArray) payloads = NULL;
  guint count;

  archive = with_onset ? axds_log_archive_open_with_onset (path, 1000, &error)
                       : axds_log_archive_open (path, &error);
  if (archive == NULL)
    {
      FUZZ_CHECK (error != NULL);
      return;
    }
  count = axds_log_archive_get_n_messages (archive);
  for (guint i = 0; i < count; i++)
    {
      AxdsLogMessage msg;
      guint found = G_MAXUINT;
      const char *key = axds_log_archive_get_key (archive, i);

      FUZZ_CHECK (key != NULL);
      FUZZ_CHECK (axds_log_archive_find_key (archive, key, &found));
      if (axds_log_archive_get_message (archive, i, &msg, &error))
        FUZZ_CHECK (msg.payload_len == 0 || msg.payload != NULL);
      else
        {
          FUZZ_CHECK (error != NULL);
          g_clear_error (&error);
        }
    }

  batches = axds_log_archive_get_batches (archive, 2, 2);
  if (batches != NULL)
    {
      guint total = 0;

      for (guint b = 0; b < batches->len; b++)
        {
          const AxdsLogBatch *batch = &g_array_index (batches, AxdsLogBatch, b);
          AxdsLogArchiveIter iter;
          AxdsLogMessage msg;

          total += batch->count;
          axds_log_archive_iter_init (&iter, archive, batch);
          while (axds_log_archive_iter_next (&iter, &msg, &error))
            ;
          g_clear_error (&error);
        }
      FUZZ_CHECK (total <= count);
    }

  if (axds_log_archive_read_all (archive, &timestamps, &payloads, &error))
    FUZZ_CHECK (timestamps->len == payloads->len && timestamps->len <= count);
  else
    FUZZ_CHECK (error != NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *path = NULL;

  fuzz_setup ();
  check_zip (data, size);

  path = fuzz_write_file ("1_log.npz", data, size);
  check_archive (path, FALSE);
  check_archive (path, TRUE);
  g_unlink (path);
  return 0;
}

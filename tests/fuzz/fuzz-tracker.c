/* fuzz-tracker.c — tracker files
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is a tracker file, which any process (Python's included) may have written. An
 * accepted document must survive a rewrite unchanged, since every transition reads the file and
 * writes it back: the fast renderer must produce exactly what libyaml does, and the rendered
 * document must read back as the same jobs and render to the same bytes. The file is then read
 * through the public API (snapshot and summary under the lock), as the monitor polls it.
 */

#include "config.h"

#include <axds.h>

#include "axds-tracker-yaml-private.h"
#include "fuzz-common.h"

static gboolean
str_equal0 (const char *a,
            const char *b)
{
  return g_strcmp0 (a, b) == 0;
}

static void
check_same_records (GPtrArray *a,
                    GPtrArray *b)
{
  FUZZ_CHECK (a->len == b->len);
  for (guint i = 0; i < a->len; i++)
    {
      const AxdsJobRecord *x = g_ptr_array_index (a, i), *y = g_ptr_array_index (b, i);

      FUZZ_CHECK (str_equal0 (x->id, y->id));
      FUZZ_CHECK (str_equal0 (x->job_name, y->job_name));
      FUZZ_CHECK (str_equal0 (x->specifier, y->specifier));
      FUZZ_CHECK (x->status == y->status);
      FUZZ_CHECK (str_equal0 (x->executor_id, y->executor_id));
      FUZZ_CHECK (str_equal0 (x->error_message, y->error_message));
      FUZZ_CHECK (x->has_started_at == y->has_started_at && x->started_at == y->started_at);
      FUZZ_CHECK (x->has_completed_at == y->has_completed_at &&
                  x->completed_at == y->completed_at);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) fast = g_string_new (NULL);
  g_autoptr(GString) slow = g_string_new (NULL);
  g_autoptr(GString) second = g_string_new (NULL);
  g_autofree char *path = NULL;

  fuzz_setup ();
  records = _axds_tracker_parse ((const char *) data, size, "fuzz.yaml", &error);
  if (records == NULL)
    FUZZ_CHECK (error != NULL);
  else
    {
      if (!_axds_tracker_render_document (records, TRUE, slow, &error))
        {
          /* Only text libyaml cannot write (it refuses nothing we read) would get here. */
          g_printerr ("A parsed tracker cannot be written: %s\n", error->message);
          abort ();
        }
      FUZZ_CHECK (_axds_tracker_render_document (records, FALSE, fast, NULL));
      if (!g_string_equal (fast, slow))
        {
          g_printerr ("Fast and libyaml rendering differ:\n--- fast\n%s\n--- libyaml\n%s\n",
                      fast->str, slow->str);
          abort ();
        }
      again = _axds_tracker_parse (fast->str, fast->len, "rendered.yaml", &error);
      if (again == NULL)
        {
          g_printerr ("The rendered tracker does not read back: %s\n%s\n", error->message,
                      fast->str);
          abort ();
        }
      check_same_records (records, again);
      FUZZ_CHECK (_axds_tracker_render_document (again, FALSE, second, NULL));
      FUZZ_CHECK (g_string_equal (fast, second));
    }

  /* The public path: a file read under its lock, as a snapshot and as a summary. */
  path = fuzz_write_file ("tracker.yaml", data, size);
  {
    g_autoptr(AxdsTracker) tracker = axds_tracker_new (path);
    g_autoptr(GPtrArray) jobs = NULL;
    AxdsTrackerSummary summary;

    g_clear_error (&error);
    jobs = axds_tracker_snapshot (tracker, &summary, &error);
    FUZZ_CHECK ((jobs != NULL) == (records != NULL));
    if (jobs != NULL)
      FUZZ_CHECK (jobs->len == records->len);
  }
  g_unlink (path);
  {
    g_autofree char *lock = g_strconcat (path, ".lock", NULL);
    g_unlink (lock);
  }
  return 0;
}

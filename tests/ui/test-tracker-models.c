/* test-tracker-models.c — the Pipelines page's models: a tracker's jobs and a folder's trackers
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Without a display: the models read in worker threads and report in the main context, which
 * the cases iterate until a condition holds or a deadline passes. Leak checking stays on. */

#include "config.h"

#include <glib/gstdio.h>

#include "axds-test-utils.h"
#include "models/axds-tracker-list.h"

static const char *names[] = { "registration", "registration", "checksum" };
static const char *specifiers[] = { "plane-0", "plane-1", "" };

static char **
make_tracker (const char *path)
{
  g_autoptr(AxdsTracker) tracker = axds_tracker_new (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  char **ids;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  ids = axds_tracker_initialize_jobs (tracker, names, specifiers, G_N_ELEMENTS (names), &error);
  g_assert_no_error (error);
  g_assert_true (axds_tracker_start_job (tracker, ids[1], NULL, &error));
  g_assert_true (axds_tracker_fail_job (tracker, ids[1], "out of memory", &error));
  g_assert_no_error (error);
  return ids;
}

static gboolean
revision_above_cb (gpointer data)
{
  gpointer *args = data;
  return axds_tracker_item_get_revision (args[0]) > GPOINTER_TO_UINT (args[1]);
}

static void
wait_revision (AxdsTrackerItem *item,
               guint            above)
{
  gpointer args[] = { item, GUINT_TO_POINTER (above) };
  axds_test_wait_until (revision_above_cb, args, 10, "revision above");
}

static gboolean
first_running_cb (gpointer data)
{
  return axds_tracker_job_get_status (data) == AXDS_PROCESSING_STATUS_RUNNING;
}

static gboolean
has_error_cb (gpointer data)
{
  return axds_tracker_item_get_error (data) != NULL;
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GError *error = NULL;
  guint *n = user_data;

  g_assert_true (axds_tracker_item_run_finish (AXDS_TRACKER_ITEM (object), result, n, &error));
  g_assert_no_error (error);
}

static gboolean
set_cb (gpointer data)
{
  return *(guint *)data != G_MAXUINT;
}

static guint
run (AxdsTrackerItem    *item,
     AxdsTrackerOp       op,
     const char * const *ids,
     const char         *message)
{
  guint n = G_MAXUINT;

  axds_tracker_item_run_async (item, op, ids, message, NULL, run_done_cb, &n);
  axds_test_wait_until (set_cb, &n, 10, "set");
  return n;
}

/* The jobs model: read, changed in place (same objects), operations under the lock. */
static void
test_item (void)
{
  g_autofree char *folder = g_dir_make_tmp ("axds-test-models-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (folder, "processing_tracker.yaml", NULL);
  g_autofree char *lock = g_strconcat (path, ".lock", NULL);
  g_auto(GStrv) ids = make_tracker (path);
  g_autoptr(AxdsTrackerItem) item = axds_tracker_item_new (path, "title");
  g_autoptr(AxdsTracker) other = axds_tracker_new (path);
  g_autoptr(AxdsTrackerJob) first = NULL;
  g_autoptr(GError) error = NULL;
  const char *reset[] = { ids[0], ids[1], NULL };
  const char *fail[] = { ids[2], NULL };
  AxdsTrackerJob *job;

  g_assert_false (axds_tracker_item_get_loaded (item));
  g_assert_null (axds_tracker_item_get_label (item));
  axds_tracker_item_reload (item);
  axds_tracker_item_reload (item);   /* coalesced with the first */
  wait_revision (item, 0);
  g_assert_true (axds_tracker_item_get_loaded (item));
  g_assert_cmpstr (axds_tracker_item_get_label (item), ==, "failed");
  g_assert_cmpuint (axds_tracker_item_get_summary (item)->failed, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (axds_tracker_item_get_jobs (item)), ==, 3);
  first = g_list_model_get_item (axds_tracker_item_get_jobs (item), 0);

  /* Another writer: the same job objects, refreshed. (A reload asked for while one runs
   * is served after it, so the reading that shows the change may be the second.) */
  g_assert_true (axds_tracker_start_job (other, ids[0], "pid:7", &error));
  g_assert_no_error (error);
  axds_tracker_item_reload (item);
  axds_test_wait_until (first_running_cb, first, 10, "first running");
  job = axds_tracker_item_find_job (item, ids[0]);
  g_assert_true (job == first);
  g_assert_cmpint (axds_tracker_job_get_status (job), ==, AXDS_PROCESSING_STATUS_RUNNING);
  g_assert_cmpstr (axds_tracker_item_get_label (item), ==, "failed");

  /* The operations, each read back at once. */
  g_assert_cmpuint (run (item, AXDS_TRACKER_OP_RETRY, reset, NULL), ==, 1);
  g_assert_cmpint (axds_tracker_job_get_status (axds_tracker_item_find_job (item, ids[1])), ==,
                   AXDS_PROCESSING_STATUS_SCHEDULED);
  g_assert_cmpint (axds_tracker_job_get_status (axds_tracker_item_find_job (item, ids[0])), ==,
                   AXDS_PROCESSING_STATUS_RUNNING);
  g_assert_cmpstr (axds_tracker_item_get_label (item), ==, "processing");
  g_assert_cmpuint (run (item, AXDS_TRACKER_OP_FAIL, fail, "by hand"), ==, 1);
  g_assert_cmpstr (axds_tracker_job_get_error_message (axds_tracker_item_find_job (item, ids[2])),
                   ==, "by hand");
  g_assert_cmpuint (run (item, AXDS_TRACKER_OP_RETRY_FAILED, NULL, NULL), ==, 1);
  g_assert_cmpuint (run (item, AXDS_TRACKER_OP_RESET, reset, NULL), ==, 2);
  g_assert_cmpstr (axds_tracker_item_get_label (item), ==, "not_started");
  g_assert_cmpuint (run (item, AXDS_TRACKER_OP_RETRY_FAILED, NULL, NULL), ==, 0);

  /* A file that is no tracker: an error, the jobs as they were. */
  g_assert_true (g_file_set_contents (path, "just: [text", -1, NULL));
  axds_tracker_item_reload (item);
  axds_test_wait_until (has_error_cb, item, 10, "has error");
  g_assert_null (axds_tracker_item_get_label (item));
  g_assert_cmpuint (g_list_model_get_n_items (axds_tracker_item_get_jobs (item)), ==, 3);

  g_unlink (path);
  g_unlink (lock);
  g_rmdir (folder);
}

typedef struct
{
  AxdsTrackerList *list;
  guint            n;
} CountData;

static gboolean
count_cb (gpointer data)
{
  CountData *d = data;
  return axds_tracker_list_get_loaded (d->list) &&
         g_list_model_get_n_items (axds_tracker_list_get_model (d->list)) == d->n;
}

static gboolean
item_failed_cb (gpointer data)
{
  AxdsTrackerItem *item = data;
  return axds_tracker_item_get_summary (item)->failed == 2;
}

/* The folder's trackers: found, sorted, titled; new and removed ones follow; files change. */
static void
test_list (void)
{
  g_autofree char *folder = g_dir_make_tmp ("axds-test-models-XXXXXX", NULL);
  g_autofree char *a = g_build_filename (folder, "m1", "s1", "processing_tracker.yaml", NULL);
  g_autofree char *b = g_build_filename (folder, "m1", "s2", "processing_tracker.yaml", NULL);
  g_autofree char *c = g_build_filename (folder, "m2", "deep", "s9", "x_tracker.yml", NULL);
  g_autofree char *ignored = g_build_filename (folder, "m1", "notes.yaml", NULL);
  g_auto(GStrv) ids = make_tracker (a);
  g_auto(GStrv) ids_b = make_tracker (b);
  g_autoptr(AxdsTrackerList) list = axds_tracker_list_new ();
  g_autoptr(AxdsTracker) writer = axds_tracker_new (a);
  g_autoptr(GError) error = NULL;
  CountData count = { list, 2 };
  AxdsTrackerItem *item;
  guint position = 0;

  g_assert_true (g_file_set_contents (ignored, "---\n...\n", -1, NULL));
  axds_tracker_list_set_folder (list, folder);
  g_assert_cmpstr (axds_tracker_list_get_folder (list), ==, folder);
  axds_test_wait_until (count_cb, &count, 10, "count");
  g_assert_null (axds_tracker_list_get_error (list));
  item = axds_tracker_list_find (list, b, &position);
  g_assert_nonnull (item);
  g_assert_cmpuint (position, ==, 1);
  g_assert_cmpstr (axds_tracker_item_get_title (item), ==, "m1/s2");

  /* A tracker in a new, deeper folder. */
  g_strfreev (make_tracker (c));
  count.n = 3;
  axds_test_wait_until (count_cb, &count, 15, "count");
  g_assert_cmpstr (axds_tracker_item_get_title (axds_tracker_list_find (list, c, NULL)), ==,
                   "m2/deep/s9");

  /* A write by another object shows without asking. */
  item = axds_tracker_list_find (list, a, NULL);
  g_assert_true (axds_tracker_fail_job (writer, ids[0], "lost", &error));
  g_assert_no_error (error);
  axds_test_wait_until (item_failed_cb, item, 5, "item failed");

  /* Gone. */
  g_assert_cmpint (g_unlink (b), ==, 0);
  count.n = 2;
  axds_test_wait_until (count_cb, &count, 10, "count");
  g_assert_null (axds_tracker_list_find (list, b, NULL));

  /* A folder that does not exist: no trackers and why. */
  axds_tracker_list_set_folder (list, "/nonexistent/axds");
  count.n = 0;
  axds_test_wait_until (count_cb, &count, 10, "count");
  g_assert_nonnull (axds_tracker_list_get_error (list));

  axds_tracker_list_set_folder (list, NULL);
  g_assert_null (axds_tracker_list_get_folder (list));
  axds_test_remove_tree (folder);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/axds/tracker-models/item", test_item);
  g_test_add_func ("/axds/tracker-models/list", test_list);

  return g_test_run ();
}

/* axds-tracker-item.c — one tracker file of a folder, and its jobs as a list model
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Reading a tracker takes its file lock, which another process may hold for up to the lock
 * timeout, so every read and every change runs in a worker thread (GTask) and the result is
 * applied in the main thread. Reloads are coalesced: while one runs, further requests only
 * mark another one as due. The jobs model keeps one AxdsTrackerJob per job ID for as long as
 * the job exists and refreshes it in place, so rows, selection and sorting follow changes
 * without being rebuilt. */

#include "config.h"

#include <glib/gi18n.h>

#include "axds-tracker-item.h"

struct _AxdsTrackerItem
{
  GObject             parent_instance;

  char               *path;
  char               *title;
  AxdsTracker        *tracker;
  GListStore         *jobs;
  GHashTable         *index;      /* job ID → AxdsTrackerJob, borrowed from jobs */
  AxdsTrackerSummary  summary;
  char               *error;
  guint               revision;
  /* Readings may finish out of order (a reload beside a change): the newest one wins. */
  GMutex              read_mutex;
  guint64             read_serial;
  guint64             applied_serial;
  gboolean            loaded;
  gboolean            loading;
  gboolean            reload_due;
};

enum {
  PROP_0,
  PROP_PATH,
  PROP_TITLE,
  PROP_LABEL,
  PROP_ERROR,
  PROP_LOADED,
  PROP_REVISION,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (AxdsTrackerItem, axds_tracker_item, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/* What a worker hands back: an operation's outcome, then the tracker as it is after it. */
typedef struct
{
  AxdsTrackerOp       op;
  gboolean            has_op;
  char              **ids;
  char               *message;
  guint               n_changed;
  GError             *op_error;
  GPtrArray          *jobs;
  AxdsTrackerSummary  summary;
  GError             *read_error;
  guint64             serial;
} Work;

static void
work_free (Work *work)
{
  g_strfreev (work->ids);
  g_free (work->message);
  g_clear_error (&work->op_error);
  g_clear_pointer (&work->jobs, g_ptr_array_unref);
  g_clear_error (&work->read_error);
  g_free (work);
}

static gboolean
run_op (AxdsTracker  *tracker,
        Work         *work,
        GError      **error)
{
  switch (work->op)
    {
    case AXDS_TRACKER_OP_RETRY_FAILED:
      {
        g_auto(GStrv) retried = axds_tracker_retry_failed_jobs (tracker, error);

        if (retried == NULL)
          return FALSE;
        work->n_changed = g_strv_length (retried);
        return TRUE;
      }

    case AXDS_TRACKER_OP_RETRY:
      {
        g_autoptr(GStrvBuilder) failed = g_strv_builder_new ();
        g_auto(GStrv) ids = NULL;

        /* Only the jobs that failed when the file was read just now. */
        for (guint i = 0; work->ids[i] != NULL; i++)
          {
            AxdsProcessingStatus status;

            if (!axds_tracker_get_job_status (tracker, work->ids[i], &status, error))
              return FALSE;
            if (status == AXDS_PROCESSING_STATUS_FAILED)
              g_strv_builder_add (failed, work->ids[i]);
          }
        ids = g_strv_builder_end (failed);
        work->n_changed = g_strv_length (ids);
        return work->n_changed == 0 ||
               axds_tracker_reset_jobs (tracker, (const char * const *)ids, error);
      }

    case AXDS_TRACKER_OP_RESET:
      work->n_changed = g_strv_length (work->ids);
      return axds_tracker_reset_jobs (tracker, (const char * const *)work->ids, error);

    case AXDS_TRACKER_OP_FAIL:
    default:
      for (guint i = 0; work->ids[i] != NULL; i++)
        {
          if (!axds_tracker_fail_job (tracker, work->ids[i], work->message, error))
            return FALSE;
          work->n_changed++;
        }
      return TRUE;
    }
}

static void
work_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  AxdsTrackerItem *self = source_object;
  Work *work = task_data;

  if (work->has_op)
    run_op (self->tracker, work, &work->op_error);
  g_mutex_lock (&self->read_mutex);
  work->jobs = axds_tracker_snapshot (self->tracker, &work->summary, &work->read_error);
  work->serial = ++self->read_serial;
  g_mutex_unlock (&self->read_mutex);
  g_task_return_boolean (task, TRUE);
}

/* Refreshes the jobs model from a new reading, keeping the objects of jobs that remain. */
static void
apply_jobs (AxdsTrackerItem *self,
            GPtrArray       *jobs)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->jobs));
  gboolean same = n == jobs->len;
  g_autoptr(GPtrArray) items = NULL;

  for (guint i = 0; same && i < n; i++)
    {
      g_autoptr(AxdsTrackerJob) old = g_list_model_get_item (G_LIST_MODEL (self->jobs), i);

      same = g_strcmp0 (axds_tracker_job_get_id (old),
                        axds_tracker_job_get_id (g_ptr_array_index (jobs, i))) == 0;
    }

  if (same)
    {
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(AxdsTrackerJob) old = g_list_model_get_item (G_LIST_MODEL (self->jobs), i);
          axds_tracker_job_update_from (old, g_ptr_array_index (jobs, i));
        }
      return;
    }

  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < jobs->len; i++)
    {
      AxdsTrackerJob *job = g_ptr_array_index (jobs, i);
      AxdsTrackerJob *old = g_hash_table_lookup (self->index, axds_tracker_job_get_id (job));

      if (old != NULL)
        {
          axds_tracker_job_update_from (old, job);
          job = old;
        }
      g_ptr_array_add (items, g_object_ref (job));
    }

  g_hash_table_remove_all (self->index);
  for (guint i = 0; i < items->len; i++)
    {
      AxdsTrackerJob *job = g_ptr_array_index (items, i);
      g_hash_table_insert (self->index, (gpointer)axds_tracker_job_get_id (job), job);
    }
  g_list_store_splice (self->jobs, 0, n, items->pdata, items->len);
}

static void
apply_work (AxdsTrackerItem *self,
            Work            *work)
{
  g_autofree char *error = NULL;

  if (work->serial <= self->applied_serial)
    return;
  self->applied_serial = work->serial;

  if (work->jobs != NULL)
    {
      apply_jobs (self, work->jobs);
      self->summary = work->summary;
    }
  else
    {
      error = g_strdup (work->read_error != NULL ? work->read_error->message : "");
    }

  if (g_strcmp0 (error, self->error) != 0)
    {
      g_free (self->error);
      self->error = g_steal_pointer (&error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
    }
  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
  self->revision++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVISION]);
}

static void
reload_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  AxdsTrackerItem *self = AXDS_TRACKER_ITEM (object);
  Work *work = g_task_get_task_data (G_TASK (result));

  self->loading = FALSE;
  apply_work (self, work);
  if (self->reload_due)
    {
      self->reload_due = FALSE;
      axds_tracker_item_reload (self);
    }
}

static void
axds_tracker_item_finalize (GObject *object)
{
  AxdsTrackerItem *self = (AxdsTrackerItem *)object;

  g_clear_pointer (&self->index, g_hash_table_unref);
  g_clear_object (&self->jobs);
  g_clear_object (&self->tracker);
  g_free (self->path);
  g_free (self->title);
  g_free (self->error);
  g_mutex_clear (&self->read_mutex);

  G_OBJECT_CLASS (axds_tracker_item_parent_class)->finalize (object);
}

static void
axds_tracker_item_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AxdsTrackerItem *self = AXDS_TRACKER_ITEM (object);

  switch (prop_id)
    {
    case PROP_PATH:     g_value_set_string (value, self->path); break;
    case PROP_TITLE:    g_value_set_string (value, self->title); break;
    case PROP_LABEL:    g_value_set_string (value, axds_tracker_item_get_label (self)); break;
    case PROP_ERROR:    g_value_set_string (value, self->error); break;
    case PROP_LOADED:   g_value_set_boolean (value, self->loaded); break;
    case PROP_REVISION: g_value_set_uint (value, self->revision); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
axds_tracker_item_class_init (AxdsTrackerItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = axds_tracker_item_finalize;
  object_class->get_property = axds_tracker_item_get_property;

  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL, ro);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, ro);
  properties[PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, NULL, ro);
  properties[PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL, ro);
  properties[PROP_LOADED] = g_param_spec_boolean ("loaded", NULL, NULL, FALSE, ro);
  properties[PROP_REVISION] = g_param_spec_uint ("revision", NULL, NULL, 0, G_MAXUINT, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
axds_tracker_item_init (AxdsTrackerItem *self)
{
  self->jobs = g_list_store_new (AXDS_TYPE_TRACKER_JOB);
  self->index = g_hash_table_new (g_str_hash, g_str_equal);
  g_mutex_init (&self->read_mutex);
}

/**
 * axds_tracker_item_new:
 * @path: the tracker file
 * @title: how the list names it, such as its folder relative to the opened one
 *
 * Returns: (transfer full): an item; call axds_tracker_item_reload() to read it
 */
AxdsTrackerItem *
axds_tracker_item_new (const char *path,
                       const char *title)
{
  AxdsTrackerItem *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (AXDS_TYPE_TRACKER_ITEM, NULL);
  self->path = g_strdup (path);
  self->title = g_strdup (title != NULL ? title : path);
  self->tracker = axds_tracker_new (path);
  return self;
}

const char *
axds_tracker_item_get_path (AxdsTrackerItem *self)
{
  g_return_val_if_fail (AXDS_IS_TRACKER_ITEM (self), NULL);
  return self->path;
}

const char *
axds_tracker_item_get_title (AxdsTrackerItem *self)
{
  g_return_val_if_fail (AXDS_IS_TRACKER_ITEM (self), NULL);
  return self->title;
}

/**
 * axds_tracker_item_get_tracker:
 * @self: an item
 *
 * Returns: (transfer none): the tracker the item reads and changes
 */
AxdsTracker *
axds_tracker_item_get_tracker (AxdsTrackerItem *self)
{
  g_return_val_if_fail (AXDS_IS_TRACKER_ITEM (self), NULL);
  return self->tracker;
}

/**
 * axds_tracker_item_get_jobs:
 * @self: an item
 *
 * Returns: (transfer none): the jobs (#AxdsTrackerJob), in file order, as last read
 */
GListModel *
axds_tracker_item_get_jobs (AxdsTrackerItem *self)
{
  g_return_val_if_fail (AXDS_IS_TRACKER_ITEM (self), NULL);
  return G_LIST_MODEL (self->jobs);
}

const AxdsTrackerSummary *
axds_tracker_item_get_summary (AxdsTrackerItem *self)
{
  g_return_val_if_fail (AXDS_IS_TRACKER_ITEM (self), NULL);
  return &self->summary;
}

/**
 * axds_tracker_item_get_label:
 * @self: an item
 *
 * Returns: (nullable): the overall state (axds_tracker_summary_get_label()), or %NULL
 *   before the first reading and while the file cannot be read
 */
const char *
axds_tracker_item_get_label (AxdsTrackerItem *self)
{
  g_return_val_if_fail (AXDS_IS_TRACKER_ITEM (self), NULL);

  if (!self->loaded || self->error != NULL)
    return NULL;
  return axds_tracker_summary_get_label (&self->summary);
}

/**
 * axds_tracker_item_get_error:
 * @self: an item
 *
 * Returns: (nullable): why the last reading failed (the jobs stay as they were before)
 */
const char *
axds_tracker_item_get_error (AxdsTrackerItem *self)
{
  g_return_val_if_fail (AXDS_IS_TRACKER_ITEM (self), NULL);
  return self->error;
}

gboolean
axds_tracker_item_get_loaded (AxdsTrackerItem *self)
{
  g_return_val_if_fail (AXDS_IS_TRACKER_ITEM (self), FALSE);
  return self->loaded;
}

/**
 * axds_tracker_item_get_revision:
 * @self: an item
 *
 * Returns: how many readings were applied; it grows by one, with a notification, each time
 */
guint
axds_tracker_item_get_revision (AxdsTrackerItem *self)
{
  g_return_val_if_fail (AXDS_IS_TRACKER_ITEM (self), 0);
  return self->revision;
}

/**
 * axds_tracker_item_find_job:
 * @self: an item
 * @job_id: a job ID
 *
 * Returns: (transfer none) (nullable): the job of that ID as last read
 */
AxdsTrackerJob *
axds_tracker_item_find_job (AxdsTrackerItem *self,
                            const char      *job_id)
{
  g_return_val_if_fail (AXDS_IS_TRACKER_ITEM (self), NULL);
  g_return_val_if_fail (job_id != NULL, NULL);
  return g_hash_table_lookup (self->index, job_id);
}

/**
 * axds_tracker_item_reload:
 * @self: an item
 *
 * Reads the file again in a worker thread; the jobs and counts change when it is done. A
 * request while a reading runs is served by one more reading after it.
 */
void
axds_tracker_item_reload (AxdsTrackerItem *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (AXDS_IS_TRACKER_ITEM (self));

  if (self->loading)
    {
      self->reload_due = TRUE;
      return;
    }
  self->loading = TRUE;
  task = g_task_new (self, NULL, reload_done_cb, NULL);
  g_task_set_source_tag (task, axds_tracker_item_reload);
  g_task_set_task_data (task, g_new0 (Work, 1), (GDestroyNotify)work_free);
  g_task_run_in_thread (task, work_thread);
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AxdsTrackerItem *self = AXDS_TRACKER_ITEM (object);
  Work *work = g_task_get_task_data (G_TASK (result));

  /* The reading that followed the change is as new as any: show it at once. */
  apply_work (self, work);
  if (work->op_error != NULL)
    g_task_return_error (task, g_error_copy (work->op_error));
  else
    g_task_return_int (task, work->n_changed);
}

/**
 * axds_tracker_item_run_async:
 * @self: an item
 * @op: what to do
 * @job_ids: (nullable) (array zero-terminated=1): the jobs, for every operation but
 *   %AXDS_TRACKER_OP_RETRY_FAILED
 * @message: (nullable): the error message of %AXDS_TRACKER_OP_FAIL
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the change is on disk and the item shows it
 * @user_data: data for @callback
 *
 * Changes the tracker in a worker thread, under its lock (each library call locks), then reads
 * it back.
 */
void
axds_tracker_item_run_async (AxdsTrackerItem     *self,
                             AxdsTrackerOp        op,
                             const char * const  *job_ids,
                             const char          *message,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) worker = NULL;
  GTask *task;
  Work *work;

  g_return_if_fail (AXDS_IS_TRACKER_ITEM (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, axds_tracker_item_run_async);

  work = g_new0 (Work, 1);
  work->has_op = TRUE;
  work->op = op;
  work->ids = job_ids != NULL ? g_strdupv ((char **)job_ids) : g_new0 (char *, 1);
  work->message = g_strdup (message);

  worker = g_task_new (self, NULL, run_done_cb, task);
  g_task_set_source_tag (worker, axds_tracker_item_run_async);
  g_task_set_task_data (worker, work, (GDestroyNotify)work_free);
  g_task_run_in_thread (worker, work_thread);
}

/**
 * axds_tracker_item_run_finish:
 * @self: an item
 * @result: the result
 * @n_changed: (out) (optional): how many jobs changed
 * @error: return location for an error
 *
 * Returns: %TRUE when the change was made
 */
gboolean
axds_tracker_item_run_finish (AxdsTrackerItem  *self,
                              GAsyncResult     *result,
                              guint            *n_changed,
                              GError          **error)
{
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  n = g_task_propagate_int (G_TASK (result), error);
  if (n < 0)
    return FALSE;
  if (n_changed != NULL)
    *n_changed = (guint)n;
  return TRUE;
}

/* axds-tracker.c — processing-job trackers shared by processes through a YAML file
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * The C counterpart of Python's `ProcessingTracker`, on the same files.
 *
 * Locking: every operation that reads, modifies and writes the file holds an exclusive flock() on
 * "<path>.lock" (the file Python's filelock locks on Linux) for the whole cycle. flock() locks
 * belong to the open file description, so the kernel drops them when the holder dies, even by
 * SIGKILL: a dead process never blocks the others. A contended lock is waited for in the kernel
 * (see axds-file-lock.c) up to the timeout, 10 s by default. Reads of a file that exists lock too,
 * because older Python writers rewrite the file in place; writes replace it atomically by rename.
 *
 * Speed: a start+complete cycle is two full read-modify-write cycles of the file. Three things
 * keep that cheap: (1) the bytes last read or written are kept with their parsed jobs, so when the
 * file still holds exactly those bytes (nobody else wrote), parsing is skipped after a memcmp;
 * (2) each job keeps its rendered YAML text and only changed jobs are rendered again; (3) jobs of
 * plain text are rendered directly, byte for byte as libyaml would, and anything else (quotes,
 * escapes, non-ASCII, long lines) goes through libyaml's emitter, so the output stays identical
 * to the Python library's (both in axds-tracker-yaml.c).
 */

#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <unistd.h>

#include <json-glib/json-glib.h>
#include <xxhash.h>

#include "axds-error.h"
#include "axds-file-lock-private.h"
#include "axds-filesystem.h"
#include "axds-i18n-private.h"
#include "axds-process-private.h"
#include "axds-tracker-job-private.h"
#include "axds-tracker-private.h"
#include "axds-tracker-yaml-private.h"
#include "axds-yaml-private.h"

/**
 * AxdsTracker:
 *
 * A handle on a tracker file: the jobs of a processing pipeline with their status, shared by
 * every process (C or Python) that works on the pipeline. Each operation reads the file, changes
 * it and writes it back under the file's lock, so the handle holds no state a caller must keep
 * in sync; reads of a file that does not exist see no jobs and do not create it.
 *
 * A handle may be used from several threads; its operations block (up to
 * #AxdsTracker:lock-timeout when another process holds the lock), so a user interface runs them
 * in a worker thread.
 */
struct _AxdsTracker
{
  GObject     parent_instance;

  char       *path;
  char       *lock_path;
  gint64      lock_timeout_us;
  gboolean    sync;

  /* Serialises this object's users; the file lock serialises processes. */
  GMutex      mutex;
  /* The file's bytes as last read or written, and the jobs they hold. */
  char       *cache_data;
  gsize       cache_len;
  gboolean    cache_valid;
  GPtrArray  *records;   /* AxdsJobRecord, in file order */
  GHashTable *index;     /* id → AxdsJobRecord (borrowed from records) */
};

G_DEFINE_FINAL_TYPE (AxdsTracker, axds_tracker, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_LOCK_PATH,
  PROP_LOCK_TIMEOUT,
  PROP_SYNC,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
record_set_dirty (AxdsJobRecord *record)
{
  g_clear_pointer (&record->chunk, g_free);
  record->chunk_len = 0;
}

static void
axds_tracker_finalize (GObject *object)
{
  AxdsTracker *self = AXDS_TRACKER (object);

  g_free (self->path);
  g_free (self->lock_path);
  g_free (self->cache_data);
  g_clear_pointer (&self->index, g_hash_table_unref);
  g_clear_pointer (&self->records, g_ptr_array_unref);
  g_mutex_clear (&self->mutex);
  G_OBJECT_CLASS (axds_tracker_parent_class)->finalize (object);
}

static void
axds_tracker_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AxdsTracker *self = AXDS_TRACKER (object);

  switch (prop_id)
    {
    case PROP_PATH:         g_value_set_string (value, self->path); break;
    case PROP_LOCK_PATH:    g_value_set_string (value, self->lock_path); break;
    case PROP_LOCK_TIMEOUT: g_value_set_int64 (value, self->lock_timeout_us); break;
    case PROP_SYNC:         g_value_set_boolean (value, self->sync); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
axds_tracker_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  AxdsTracker *self = AXDS_TRACKER (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      self->lock_path = g_strconcat (self->path, ".lock", NULL);
      break;
    case PROP_LOCK_TIMEOUT:
      axds_tracker_set_lock_timeout (self, g_value_get_int64 (value));
      break;
    case PROP_SYNC:
      axds_tracker_set_sync (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
axds_tracker_class_init (AxdsTrackerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = axds_tracker_finalize;
  object_class->get_property = axds_tracker_get_property;
  object_class->set_property = axds_tracker_set_property;

  /**
   * AxdsTracker:path:
   *
   * The tracker's YAML file.
   */
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * AxdsTracker:lock-path:
   *
   * The file locked around every operation: the tracker's path with `.lock` appended.
   */
  properties[PROP_LOCK_PATH] =
    g_param_spec_string ("lock-path", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * AxdsTracker:lock-timeout:
   *
   * How long operations wait for the lock, in microseconds (negative: forever).
   */
  properties[PROP_LOCK_TIMEOUT] =
    g_param_spec_int64 ("lock-timeout", NULL, NULL, -1, G_MAXINT64, AXDS_TRACKER_LOCK_TIMEOUT_US,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * AxdsTracker:sync:
   *
   * Whether writes fsync the file and its folder (durable across power loss). Writes are
   * atomic either way.
   */
  properties[PROP_SYNC] =
    g_param_spec_boolean ("sync", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
axds_tracker_init (AxdsTracker *self)
{
  g_mutex_init (&self->mutex);
  self->lock_timeout_us = AXDS_TRACKER_LOCK_TIMEOUT_US;
  self->sync = TRUE;
  self->records = g_ptr_array_new_with_free_func ((GDestroyNotify) _axds_job_record_free);
  self->index = g_hash_table_new (g_str_hash, g_str_equal);
}

/**
 * axds_tracker_new:
 * @path: the tracker's YAML file (`.yaml` or `.yml`); it need not exist yet
 *
 * Makes a handle on a tracker file. Nothing is read or written until an operation runs.
 *
 * Returns: (transfer full): a new tracker handle
 */
AxdsTracker *
axds_tracker_new (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);

  return g_object_new (AXDS_TYPE_TRACKER, "path", path, NULL);
}

/**
 * axds_tracker_get_path:
 * @self: a tracker
 *
 * Returns: the tracker's file
 */
const char *
axds_tracker_get_path (AxdsTracker *self)
{
  g_return_val_if_fail (AXDS_IS_TRACKER (self), NULL);
  return self->path;
}

/**
 * axds_tracker_get_lock_path:
 * @self: a tracker
 *
 * Returns: the lock file, `<path>.lock`
 */
const char *
axds_tracker_get_lock_path (AxdsTracker *self)
{
  g_return_val_if_fail (AXDS_IS_TRACKER (self), NULL);
  return self->lock_path;
}

/**
 * axds_tracker_get_lock_timeout:
 * @self: a tracker
 *
 * Returns: the lock timeout in microseconds
 */
gint64
axds_tracker_get_lock_timeout (AxdsTracker *self)
{
  g_return_val_if_fail (AXDS_IS_TRACKER (self), 0);
  return self->lock_timeout_us;
}

/**
 * axds_tracker_set_lock_timeout:
 * @self: a tracker
 * @timeout_us: microseconds to wait for the lock, or a negative value to wait forever
 */
void
axds_tracker_set_lock_timeout (AxdsTracker *self,
                               gint64       timeout_us)
{
  g_return_if_fail (AXDS_IS_TRACKER (self));

  if (self->lock_timeout_us == timeout_us)
    return;
  self->lock_timeout_us = timeout_us;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCK_TIMEOUT]);
}

/**
 * axds_tracker_is_sync:
 * @self: a tracker
 *
 * Returns: whether writes are fsynced
 */
gboolean
axds_tracker_is_sync (AxdsTracker *self)
{
  g_return_val_if_fail (AXDS_IS_TRACKER (self), TRUE);
  return self->sync;
}

/**
 * axds_tracker_set_sync:
 * @self: a tracker
 * @sync: whether writes fsync the file and its folder (the default)
 */
void
axds_tracker_set_sync (AxdsTracker *self,
                       gboolean     sync)
{
  g_return_if_fail (AXDS_IS_TRACKER (self));

  sync = !!sync;
  if (self->sync == sync)
    return;
  self->sync = sync;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC]);
}

/* Job IDs and executors. */

/**
 * axds_tracker_generate_job_id:
 * @job_name: the job's name
 * @specifier: (nullable): what tells instances of the job apart, or %NULL / "" for none
 * @error: return location for a #GError
 *
 * The job's ID: XXH64 (seed 0) of the UTF-8 text `name:specifier` (or `name` alone without a
 * specifier) as 16 lowercase hex digits, as Python's `ProcessingTracker.generate_job_id()`.
 *
 * Returns: (transfer full): the ID, or %NULL when a part holds `:` or is not UTF-8
 */
char *
axds_tracker_generate_job_id (const char  *job_name,
                              const char  *specifier,
                              GError     **error)
{
  g_autofree char *combined = NULL;

  g_return_val_if_fail (job_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (specifier == NULL)
    specifier = "";
  if (strchr (job_name, ':') != NULL || strchr (specifier, ':') != NULL)
    {
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                   _("Unable to generate the identifier for the job '%s' with the specifier '%s'. "
                     "The job name and the specifier must not contain the ':' character, as it "
                     "joins them inside the hashed identifier string."), job_name, specifier);
      return NULL;
    }
  if (!g_utf8_validate (job_name, -1, NULL) || !g_utf8_validate (specifier, -1, NULL))
    {
      g_set_error_literal (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                           _("Unable to generate a job identifier: the job name or the specifier "
                             "is not valid UTF-8"));
      return NULL;
    }
  combined = *specifier ? g_strconcat (job_name, ":", specifier, NULL) : g_strdup (job_name);
  return g_strdup_printf ("%016" G_GINT64_MODIFIER "x",
                          (guint64) XXH64 (combined, strlen (combined), 0));
}

/**
 * axds_tracker_dup_default_executor_id:
 *
 * Who runs this process, as recorded by axds_tracker_start_job() when no executor is given:
 * the batch scheduler's job ID as `scheme:id` — `slurm:` (SLURM_JOB_ID or SLURM_JOBID), `pbs:`
 * (PBS_JOBID), `lsf:` (LSB_JOBID), `oar:` (OAR_JOB_ID), `sge:` (JOB_ID, when SGE_ROOT is set),
 * `hpcpack:` (CCP_JOBID), `azure-batch:` (AZ_BATCH_JOB_ID), `aws-batch:` (AWS_BATCH_JOB_ID) —
 * or else `pid:N` with this process's id.
 *
 * Returns: (transfer full): the executor ID
 */
char *
axds_tracker_dup_default_executor_id (void)
{
  return _axds_process_dup_default_executor_id ();
}

/* Locking. */

static int
lock_acquire (AxdsTracker  *self,
              gboolean      for_read,
              GError      **error)
{
  GError *local = NULL;
  int fd;

  /* A reader of a tracker in a read-only place goes unlocked (writers replace the file by
   * rename); a first writer makes the folder, as saving would. */
  fd = _axds_file_lock_acquire (self->lock_path, self->lock_timeout_us,
                                for_read ? _AXDS_FILE_LOCK_READ_ONLY_OK
                                         : _AXDS_FILE_LOCK_CREATE_FOLDER, &local);
  if (fd == -1 && g_error_matches (local, AXDS_ERROR, AXDS_ERROR_TIMEOUT))
    {
      /* Name the tracker as well as its lock file. */
      g_clear_error (&local);
      g_set_error (&local, AXDS_ERROR, AXDS_ERROR_TIMEOUT,
                   _("Timed out after %.1f s waiting for the lock '%s' of the tracker '%s'"),
                   self->lock_timeout_us / (double) G_USEC_PER_SEC, self->lock_path, self->path);
    }
  if (local != NULL)
    g_propagate_error (error, local);
  return fd;
}

static void
lock_release (int fd)
{
  _axds_file_lock_release (fd);
}

int
_axds_tracker_lock_acquire (AxdsTracker  *self,
                            GError      **error)
{
  return lock_acquire (self, FALSE, error);
}

void
_axds_tracker_lock_release (int fd)
{
  lock_release (fd);
}

/* The read-modify-write cycle. */

static void
model_reset (AxdsTracker *self)
{
  g_hash_table_remove_all (self->index);
  g_ptr_array_set_size (self->records, 0);
  g_clear_pointer (&self->cache_data, g_free);
  self->cache_len = 0;
  self->cache_valid = FALSE;
}

/* Invalidates the byte cache: the model no longer matches any file. */
static void
model_touch (AxdsTracker *self)
{
  self->cache_valid = FALSE;
}

/* Loads the file into the model, reusing the model when the bytes are those it came from. */
static gboolean
model_load (AxdsTracker  *self,
            gboolean     *exists,
            GError      **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GPtrArray) records = NULL;
  GError *local = NULL;
  gsize length = 0;

  if (!_axds_yaml_read_file (self->path, &data, &length, &local))
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          g_error_free (local);
          model_reset (self);
          *exists = FALSE;
          return TRUE;
        }
      model_reset (self);
      g_propagate_error (error, local);
      return FALSE;
    }
  *exists = TRUE;
  if (self->cache_valid && length == self->cache_len &&
      memcmp (data, self->cache_data, length) == 0)
    return TRUE;

  records = _axds_tracker_parse (data, length, self->path, error);
  model_reset (self);
  if (records == NULL)
    return FALSE;
  for (guint i = 0; i < records->len; i++)
    {
      AxdsJobRecord *r = g_ptr_array_index (records, i);
      g_hash_table_insert (self->index, r->id, r);
    }
  g_ptr_array_extend_and_steal (self->records, g_steal_pointer (&records));
  self->cache_data = g_steal_pointer (&data);
  self->cache_len = length;
  self->cache_valid = TRUE;
  return TRUE;
}

static gboolean
model_save (AxdsTracker  *self,
            GError      **error)
{
  GString *doc;
  gsize total = strlen (_AXDS_TRACKER_DOC_EMPTY);

  if (!_axds_yaml_check_extension (self->path, error))
    return FALSE;
  /* Render first, so that the document's size is known and it is built in one allocation. */
  for (guint i = 0; i < self->records->len; i++)
    {
      AxdsJobRecord *r = g_ptr_array_index (self->records, i);

      if (!_axds_job_record_render (r, error))
        return FALSE;
      total += r->chunk_len;
    }
  doc = g_string_sized_new (total + 1);
  if (!_axds_tracker_render_document (self->records, FALSE, doc, error) ||
      !_axds_yaml_write_file_atomic (self->path, doc->str, doc->len, self->sync, error))
    {
      g_string_free (doc, TRUE);
      return FALSE;
    }
  g_free (self->cache_data);
  self->cache_len = doc->len;
  self->cache_data = g_string_free (doc, FALSE);
  self->cache_valid = TRUE;
  return TRUE;
}

typedef enum
{
  OP_READ,      /* never creates the file; a missing file has no jobs */
  OP_MODIFY,    /* writes back when the operation changed something */
  OP_CREATE,    /* like OP_MODIFY, and writes a missing file even when nothing changed */
} OpKind;

typedef gboolean (*TrackerOp) (AxdsTracker  *self,
                               gpointer      data,
                               gboolean     *modified,
                               GError      **error);

static gboolean
run_op (AxdsTracker  *self,
        OpKind        kind,
        TrackerOp     op,
        gpointer      data,
        GError      **error)
{
  gboolean exists = FALSE, modified = FALSE, ok = FALSE;
  int fd = -1;

  if (kind != OP_READ && !_axds_yaml_check_extension (self->path, error))
    return FALSE;

  g_mutex_lock (&self->mutex);
  if (kind == OP_READ && !g_file_test (self->path, G_FILE_TEST_EXISTS))
    {
      model_reset (self);
      ok = op (self, data, &modified, error);
      g_assert (!modified);
      goto out;
    }

  fd = lock_acquire (self, kind == OP_READ, error);
  if (fd == -1)
    goto out;
  if (!model_load (self, &exists, error))
    goto out;
  if (!op (self, data, &modified, error))
    {
      /* An operation fails before it changes anything, but keep the cache honest anyway. */
      if (modified)
        model_touch (self);
      goto out;
    }
  if (modified)
    model_touch (self);
  if ((modified && kind != OP_READ) || (kind == OP_CREATE && !exists))
    {
      if (!model_save (self, error))
        goto out;
    }
  ok = TRUE;

out:
  if (fd != _AXDS_FILE_LOCK_NONE)
    lock_release (fd);
  g_mutex_unlock (&self->mutex);
  return ok;
}

static AxdsJobRecord *
lookup_job (AxdsTracker  *self,
            const char   *job_id,
            GError      **error)
{
  AxdsJobRecord *r = g_hash_table_lookup (self->index, job_id);

  if (r == NULL)
    {
      g_autoptr(GString) ids = g_string_new (NULL);

      for (guint i = 0; i < self->records->len && i < 20; i++)
        {
          AxdsJobRecord *other = g_ptr_array_index (self->records, i);
          g_string_append_printf (ids, "%s%s", i ? ", " : "", other->id);
        }
      if (self->records->len > 20)
        g_string_append_printf (ids, _(" and %u more"), self->records->len - 20);
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_NOT_FOUND,
                   _("The tracker '%s' does not track a job with ID '%s'. It tracks: %s."),
                   self->path, job_id, ids->len ? ids->str : _("no jobs"));
    }
  return r;
}

static guint64
now_us (void)
{
  return (guint64) g_get_real_time ();
}

/* Operations. */

typedef struct
{
  const char * const *names;
  const char * const *specifiers;
  gsize               n;
  char              **ids;
} InitData;

static gboolean
op_initialize (AxdsTracker  *self,
               gpointer      data,
               gboolean     *modified,
               GError      **error)
{
  InitData *d = data;

  for (gsize i = 0; i < d->n; i++)
    {
      const char *spec = d->specifiers && d->specifiers[i] ? d->specifiers[i] : "";

      if (g_hash_table_contains (self->index, d->ids[i]))
        {
          g_warning (_("Job '%s' with specifier '%s' (ID: %s) already exists in the tracker "
                       "'%s'. Skipping duplicate entry."), d->names[i], spec, d->ids[i],
                     self->path);
          continue;
        }
      else
        {
          AxdsJobRecord *r = g_new0 (AxdsJobRecord, 1);

          r->id = g_strdup (d->ids[i]);
          r->job_name = g_strdup (d->names[i]);
          r->specifier = g_strdup (spec);
          r->status = AXDS_PROCESSING_STATUS_SCHEDULED;
          g_ptr_array_add (self->records, r);
          g_hash_table_insert (self->index, r->id, r);
          *modified = TRUE;
        }
    }
  return TRUE;
}

/**
 * axds_tracker_initialize_jobs:
 * @self: a tracker
 * @job_names: (array length=n_jobs): job names
 * @specifiers: (array length=n_jobs) (nullable): their specifiers; %NULL (or %NULL items) for none
 * @n_jobs: number of jobs
 * @error: return location for a #GError
 *
 * Adds jobs to the tracker as %AXDS_PROCESSING_STATUS_SCHEDULED, creating the file if needed.
 * Jobs already tracked are left untouched (with a warning), as in Python.
 *
 * Returns: (transfer full): the %NULL-terminated job IDs, in the order given, or %NULL on error
 *   (a name or specifier with `:`, the lock timing out, a tracker file that cannot be read)
 */
char **
axds_tracker_initialize_jobs (AxdsTracker         *self,
                              const char * const  *job_names,
                              const char * const  *specifiers,
                              gsize                n_jobs,
                              GError             **error)
{
  g_auto(GStrv) ids = NULL;
  InitData d;

  g_return_val_if_fail (AXDS_IS_TRACKER (self), NULL);
  g_return_val_if_fail (job_names != NULL || n_jobs == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ids = g_new0 (char *, n_jobs + 1);
  for (gsize i = 0; i < n_jobs; i++)
    {
      g_return_val_if_fail (job_names[i] != NULL, NULL);
      ids[i] = axds_tracker_generate_job_id (job_names[i], specifiers ? specifiers[i] : NULL,
                                             error);
      if (ids[i] == NULL)
        return NULL;
    }
  d.names = job_names;
  d.specifiers = specifiers;
  d.n = n_jobs;
  d.ids = ids;
  if (!run_op (self, OP_CREATE, op_initialize, &d, error))
    return NULL;
  return g_steal_pointer (&ids);
}

typedef enum
{
  TRANSITION_START,
  TRANSITION_COMPLETE,
  TRANSITION_FAIL,
} Transition;

typedef struct
{
  const char *job_id;
  Transition  transition;
  const char *text;   /* executor for start, message for fail */
} TransitionData;

static gboolean
op_transition (AxdsTracker  *self,
               gpointer      data,
               gboolean     *modified,
               GError      **error)
{
  TransitionData *d = data;
  AxdsJobRecord *r = lookup_job (self, d->job_id, error);

  if (r == NULL)
    return FALSE;
  /* As in Python: only these fields change; the others keep what they held. */
  switch (d->transition)
    {
    case TRANSITION_START:
      r->status = AXDS_PROCESSING_STATUS_RUNNING;
      g_free (r->executor_id);
      r->executor_id = d->text ? g_strdup (d->text) : axds_tracker_dup_default_executor_id ();
      r->started_at = now_us ();
      r->has_started_at = TRUE;
      break;
    case TRANSITION_COMPLETE:
      r->status = AXDS_PROCESSING_STATUS_SUCCEEDED;
      r->completed_at = now_us ();
      r->has_completed_at = TRUE;
      break;
    case TRANSITION_FAIL:
    default:
      r->status = AXDS_PROCESSING_STATUS_FAILED;
      g_free (r->error_message);
      r->error_message = g_strdup (d->text);
      r->completed_at = now_us ();
      r->has_completed_at = TRUE;
      break;
    }
  record_set_dirty (r);
  *modified = TRUE;
  return TRUE;
}

static gboolean
check_utf8 (const char  *text,
            const char  *message,
            GError     **error)
{
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT, message);
      return FALSE;
    }
  return TRUE;
}

/**
 * axds_tracker_start_job:
 * @self: a tracker
 * @job_id: the job's ID
 * @executor_id: (nullable): who runs it, or %NULL for axds_tracker_dup_default_executor_id()
 * @error: return location for a #GError
 *
 * Marks the job %AXDS_PROCESSING_STATUS_RUNNING, records the executor and the start time.
 *
 * Returns: %TRUE on success; %AXDS_ERROR_NOT_FOUND when the job is not tracked
 */
gboolean
axds_tracker_start_job (AxdsTracker  *self,
                        const char   *job_id,
                        const char   *executor_id,
                        GError      **error)
{
  TransitionData d = { job_id, TRANSITION_START, executor_id };

  g_return_val_if_fail (AXDS_IS_TRACKER (self), FALSE);
  g_return_val_if_fail (job_id != NULL, FALSE);

  if (!check_utf8 (executor_id, _("The executor ID is not valid UTF-8"), error))
    return FALSE;
  return run_op (self, OP_MODIFY, op_transition, &d, error);
}

/**
 * axds_tracker_complete_job:
 * @self: a tracker
 * @job_id: the job's ID
 * @error: return location for a #GError
 *
 * Marks the job %AXDS_PROCESSING_STATUS_SUCCEEDED and records the completion time.
 *
 * Returns: %TRUE on success; %AXDS_ERROR_NOT_FOUND when the job is not tracked
 */
gboolean
axds_tracker_complete_job (AxdsTracker  *self,
                           const char   *job_id,
                           GError      **error)
{
  TransitionData d = { job_id, TRANSITION_COMPLETE, NULL };

  g_return_val_if_fail (AXDS_IS_TRACKER (self), FALSE);
  g_return_val_if_fail (job_id != NULL, FALSE);

  return run_op (self, OP_MODIFY, op_transition, &d, error);
}

/**
 * axds_tracker_fail_job:
 * @self: a tracker
 * @job_id: the job's ID
 * @error_message: (nullable): why it failed
 * @error: return location for a #GError
 *
 * Marks the job %AXDS_PROCESSING_STATUS_FAILED, records the message and the completion time.
 *
 * Returns: %TRUE on success; %AXDS_ERROR_NOT_FOUND when the job is not tracked
 */
gboolean
axds_tracker_fail_job (AxdsTracker  *self,
                       const char   *job_id,
                       const char   *error_message,
                       GError      **error)
{
  TransitionData d = { job_id, TRANSITION_FAIL, error_message };

  g_return_val_if_fail (AXDS_IS_TRACKER (self), FALSE);
  g_return_val_if_fail (job_id != NULL, FALSE);

  if (!check_utf8 (error_message, _("The error message is not valid UTF-8"), error))
    return FALSE;
  return run_op (self, OP_MODIFY, op_transition, &d, error);
}

typedef struct
{
  const char     *job_id;
  AxdsTrackerJob *job;
} InfoData;

static gboolean
op_info (AxdsTracker  *self,
         gpointer      data,
         gboolean     *modified,
         GError      **error)
{
  InfoData *d = data;
  AxdsJobRecord *r = lookup_job (self, d->job_id, error);

  if (r == NULL)
    return FALSE;
  d->job = _axds_tracker_job_new (r);
  return TRUE;
}

/**
 * axds_tracker_dup_job_info:
 * @self: a tracker
 * @job_id: the job's ID
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the job as the file holds it, or %NULL with @error set
 *   (%AXDS_ERROR_NOT_FOUND when the job is not tracked or the file does not exist)
 */
AxdsTrackerJob *
axds_tracker_dup_job_info (AxdsTracker  *self,
                           const char   *job_id,
                           GError      **error)
{
  InfoData d = { job_id, NULL };

  g_return_val_if_fail (AXDS_IS_TRACKER (self), NULL);
  g_return_val_if_fail (job_id != NULL, NULL);

  if (!run_op (self, OP_READ, op_info, &d, error))
    return NULL;
  return d.job;
}

/**
 * axds_tracker_get_job_status:
 * @self: a tracker
 * @job_id: the job's ID
 * @status: (out): the job's status
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success; %AXDS_ERROR_NOT_FOUND when the job is not tracked
 */
gboolean
axds_tracker_get_job_status (AxdsTracker           *self,
                             const char            *job_id,
                             AxdsProcessingStatus  *status,
                             GError               **error)
{
  g_autoptr(AxdsTrackerJob) job = NULL;

  g_return_val_if_fail (status != NULL, FALSE);

  job = axds_tracker_dup_job_info (self, job_id, error);
  if (job == NULL)
    return FALSE;
  *status = axds_tracker_job_get_status (job);
  return TRUE;
}

typedef struct
{
  GPtrArray          *jobs;
  AxdsTrackerSummary *summary;
} SnapshotData;

static gboolean
op_snapshot (AxdsTracker  *self,
             gpointer      data,
             gboolean     *modified,
             GError      **error)
{
  SnapshotData *d = data;

  d->jobs = g_ptr_array_new_full (self->records->len, g_object_unref);
  for (guint i = 0; i < self->records->len; i++)
    g_ptr_array_add (d->jobs, _axds_tracker_job_new (g_ptr_array_index (self->records, i)));
  if (d->summary != NULL)
    axds_tracker_summary_compute (d->summary, d->jobs);
  return TRUE;
}

/**
 * axds_tracker_snapshot:
 * @self: a tracker
 * @summary: (out caller-allocates) (optional): the job counts
 * @error: return location for a #GError
 *
 * Reads every job at once, under the lock. A missing file has no jobs (and is not created).
 *
 * Returns: (transfer container) (element-type AxdsTrackerJob): the jobs in file order, or %NULL
 *   when the file cannot be read (corrupt, locked for too long)
 */
GPtrArray *
axds_tracker_snapshot (AxdsTracker         *self,
                       AxdsTrackerSummary  *summary,
                       GError             **error)
{
  SnapshotData d = { NULL, summary };

  g_return_val_if_fail (AXDS_IS_TRACKER (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!run_op (self, OP_READ, op_snapshot, &d, error))
    {
      g_clear_pointer (&d.jobs, g_ptr_array_unref);
      return NULL;
    }
  return d.jobs;
}

typedef struct
{
  GPtrArray          *jobs;
  AxdsTrackerSummary  summary;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_pointer (&data->jobs, g_ptr_array_unref);
  g_free (data);
}

static void
load_thread_cb (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  LoadData *data = task_data;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  data->jobs = axds_tracker_snapshot (source_object, &data->summary, &error);
  if (data->jobs == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_ptr_array_ref (data->jobs), (GDestroyNotify) g_ptr_array_unref);
}

/**
 * axds_tracker_load_async:
 * @self: a tracker
 * @cancellable: (nullable): a #GCancellable, checked before the file is read
 * @callback: called in the thread-default main context when done
 * @user_data: data for @callback
 *
 * Runs axds_tracker_snapshot() in a worker thread: taking the lock may wait up to the lock
 * timeout, and a big tracker takes a while to parse.
 */
void
axds_tracker_load_async (AxdsTracker         *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (AXDS_IS_TRACKER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, axds_tracker_load_async);
  g_task_set_name (task, "axds_tracker_load");
  g_task_set_task_data (task, g_new0 (LoadData, 1), (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_thread_cb);
}

/**
 * axds_tracker_load_finish:
 * @self: a tracker
 * @result: the #GAsyncResult given to the callback
 * @summary: (out caller-allocates) (optional): the job counts
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type AxdsTrackerJob): the jobs in file order, or %NULL
 *   when the file cannot be read, as axds_tracker_snapshot()
 */
GPtrArray *
axds_tracker_load_finish (AxdsTracker         *self,
                          GAsyncResult        *result,
                          AxdsTrackerSummary  *summary,
                          GError             **error)
{
  GPtrArray *jobs;

  g_return_val_if_fail (AXDS_IS_TRACKER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == axds_tracker_load_async, NULL);

  jobs = g_task_propagate_pointer (G_TASK (result), error);
  if (jobs != NULL && summary != NULL)
    *summary = ((LoadData *) g_task_get_task_data (G_TASK (result)))->summary;
  return jobs;
}

/**
 * axds_tracker_dup_jobs_by_status:
 * @self: a tracker
 * @status: a status
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the %NULL-terminated IDs of the jobs in @status, in file order, or
 *   %NULL on error
 */
char **
axds_tracker_dup_jobs_by_status (AxdsTracker           *self,
                                 AxdsProcessingStatus   status,
                                 GError               **error)
{
  g_autoptr(GPtrArray) jobs = axds_tracker_snapshot (self, NULL, error);
  g_autoptr(GStrvBuilder) builder = NULL;

  if (jobs == NULL)
    return NULL;
  builder = g_strv_builder_new ();
  for (guint i = 0; i < jobs->len; i++)
    if (axds_tracker_job_get_status (g_ptr_array_index (jobs, i)) == status)
      g_strv_builder_add (builder, axds_tracker_job_get_id (g_ptr_array_index (jobs, i)));
  return g_strv_builder_end (builder);
}

/**
 * axds_tracker_find_jobs:
 * @self: a tracker
 * @job_name: (nullable): text the job name must contain, or %NULL for any
 * @specifier: (nullable): text the specifier must contain, or %NULL for any
 * @error: return location for a #GError
 *
 * Finds jobs by substrings of their name and specifier (both must match when both are given).
 *
 * Returns: (transfer container) (element-type AxdsTrackerJob): the matching jobs, or %NULL with
 *   %AXDS_ERROR_INVALID_ARGUMENT when both @job_name and @specifier are %NULL
 */
GPtrArray *
axds_tracker_find_jobs (AxdsTracker  *self,
                        const char   *job_name,
                        const char   *specifier,
                        GError      **error)
{
  g_autoptr(GPtrArray) jobs = NULL;
  GPtrArray *matches;

  g_return_val_if_fail (AXDS_IS_TRACKER (self), NULL);

  if (job_name == NULL && specifier == NULL)
    {
      g_set_error_literal (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT,
                           _("At least one of 'job_name' or 'specifier' must be provided for "
                             "searching."));
      return NULL;
    }
  jobs = axds_tracker_snapshot (self, NULL, error);
  if (jobs == NULL)
    return NULL;
  matches = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < jobs->len; i++)
    {
      AxdsTrackerJob *job = g_ptr_array_index (jobs, i);

      if ((job_name == NULL || strstr (axds_tracker_job_get_job_name (job), job_name) != NULL) &&
          (specifier == NULL || strstr (axds_tracker_job_get_specifier (job), specifier) != NULL))
        g_ptr_array_add (matches, g_object_ref (job));
    }
  return matches;
}

/**
 * axds_tracker_get_summary:
 * @self: a tracker
 * @summary: (out caller-allocates): the job counts
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
axds_tracker_get_summary (AxdsTracker         *self,
                          AxdsTrackerSummary  *summary,
                          GError             **error)
{
  g_autoptr(GPtrArray) jobs = NULL;

  g_return_val_if_fail (summary != NULL, FALSE);

  jobs = axds_tracker_snapshot (self, summary, error);
  return jobs != NULL;
}

/**
 * axds_tracker_query_complete:
 * @self: a tracker
 * @complete: (out): whether there are jobs and all succeeded
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the tracker could be read
 */
gboolean
axds_tracker_query_complete (AxdsTracker  *self,
                             gboolean     *complete,
                             GError      **error)
{
  AxdsTrackerSummary s;

  g_return_val_if_fail (complete != NULL, FALSE);

  if (!axds_tracker_get_summary (self, &s, error))
    return FALSE;
  *complete = s.total > 0 && s.succeeded == s.total;
  return TRUE;
}

/**
 * axds_tracker_query_encountered_error:
 * @self: a tracker
 * @encountered_error: (out): whether any job failed
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the tracker could be read
 */
gboolean
axds_tracker_query_encountered_error (AxdsTracker  *self,
                                      gboolean     *encountered_error,
                                      GError      **error)
{
  AxdsTrackerSummary s;

  g_return_val_if_fail (encountered_error != NULL, FALSE);

  if (!axds_tracker_get_summary (self, &s, error))
    return FALSE;
  *encountered_error = s.failed > 0;
  return TRUE;
}

static void
record_reschedule (AxdsJobRecord *r)
{
  r->status = AXDS_PROCESSING_STATUS_SCHEDULED;
  g_clear_pointer (&r->error_message, g_free);
  g_clear_pointer (&r->executor_id, g_free);
  r->has_started_at = r->has_completed_at = FALSE;
  r->started_at = r->completed_at = 0;
  record_set_dirty (r);
}

static gboolean
op_retry (AxdsTracker  *self,
          gpointer      data,
          gboolean     *modified,
          GError      **error)
{
  GStrvBuilder *builder = data;

  for (guint i = 0; i < self->records->len; i++)
    {
      AxdsJobRecord *r = g_ptr_array_index (self->records, i);

      if (r->status == AXDS_PROCESSING_STATUS_FAILED)
        {
          record_reschedule (r);
          g_strv_builder_add (builder, r->id);
          *modified = TRUE;
        }
    }
  return TRUE;
}

/**
 * axds_tracker_retry_failed_jobs:
 * @self: a tracker
 * @error: return location for a #GError
 *
 * Puts every failed job back to %AXDS_PROCESSING_STATUS_SCHEDULED, clearing its executor, error
 * message and timestamps.
 *
 * Returns: (transfer full): the %NULL-terminated IDs of the jobs rescheduled (possibly none), or
 *   %NULL on error
 */
char **
axds_tracker_retry_failed_jobs (AxdsTracker  *self,
                                GError      **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (AXDS_IS_TRACKER (self), NULL);

  if (!run_op (self, OP_MODIFY, op_retry, builder, error))
    return NULL;
  return g_strv_builder_end (builder);
}

static gboolean
op_reset_jobs (AxdsTracker  *self,
               gpointer      data,
               gboolean     *modified,
               GError      **error)
{
  const char * const *ids = data;

  /* All or nothing: every ID is checked before any job changes. */
  for (gsize i = 0; ids[i] != NULL; i++)
    if (lookup_job (self, ids[i], error) == NULL)
      return FALSE;
  for (gsize i = 0; ids[i] != NULL; i++)
    record_reschedule (g_hash_table_lookup (self->index, ids[i]));
  *modified = ids[0] != NULL;
  return TRUE;
}

/**
 * axds_tracker_reset_jobs:
 * @self: a tracker
 * @job_ids: (array zero-terminated=1): IDs of the jobs to reset
 * @error: return location for a #GError
 *
 * Puts the given jobs back to %AXDS_PROCESSING_STATUS_SCHEDULED whatever their status, clearing
 * executor, error message and timestamps. When one ID is not tracked, nothing changes.
 *
 * Returns: %TRUE on success; %AXDS_ERROR_NOT_FOUND for an unknown ID
 */
gboolean
axds_tracker_reset_jobs (AxdsTracker         *self,
                         const char * const  *job_ids,
                         GError             **error)
{
  g_return_val_if_fail (AXDS_IS_TRACKER (self), FALSE);
  g_return_val_if_fail (job_ids != NULL, FALSE);

  return run_op (self, OP_MODIFY, op_reset_jobs, (gpointer) job_ids, error);
}

static gboolean
op_reset (AxdsTracker  *self,
          gpointer      data,
          gboolean     *modified,
          GError      **error)
{
  *modified = self->records->len > 0;
  g_hash_table_remove_all (self->index);
  g_ptr_array_set_size (self->records, 0);
  return TRUE;
}

/**
 * axds_tracker_reset:
 * @self: a tracker
 * @error: return location for a #GError
 *
 * Removes every job, leaving an empty tracker file (created if missing).
 *
 * Returns: %TRUE on success
 */
gboolean
axds_tracker_reset (AxdsTracker  *self,
                   GError      **error)
{
  g_return_val_if_fail (AXDS_IS_TRACKER (self), FALSE);

  return run_op (self, OP_CREATE, op_reset, NULL, error);
}

/* Summaries. */

/**
 * axds_tracker_summary_compute:
 * @summary: (out caller-allocates): the counts to fill
 * @jobs: (element-type AxdsTrackerJob): jobs
 */
void
axds_tracker_summary_compute (AxdsTrackerSummary *summary,
                              GPtrArray          *jobs)
{
  g_return_if_fail (summary != NULL);
  g_return_if_fail (jobs != NULL);

  memset (summary, 0, sizeof *summary);
  for (guint i = 0; i < jobs->len; i++)
    {
      summary->total++;
      switch (axds_tracker_job_get_status (g_ptr_array_index (jobs, i)))
        {
        case AXDS_PROCESSING_STATUS_SCHEDULED: summary->scheduled++; break;
        case AXDS_PROCESSING_STATUS_RUNNING:   summary->running++; break;
        case AXDS_PROCESSING_STATUS_SUCCEEDED: summary->succeeded++; break;
        case AXDS_PROCESSING_STATUS_FAILED:    summary->failed++; break;
        default: break;
        }
    }
}

/**
 * axds_tracker_summary_get_label:
 * @summary: job counts
 *
 * The tracker's overall state, the first that applies of: `failed` (a job failed), `completed`
 * (there are jobs and all succeeded), `processing` (a job runs), `not_started` (every job is
 * scheduled, or there are none), `in_progress` (some succeeded, the rest wait).
 *
 * Returns: the label
 */
const char *
axds_tracker_summary_get_label (const AxdsTrackerSummary *summary)
{
  g_return_val_if_fail (summary != NULL, NULL);

  if (summary->failed > 0)
    return "failed";
  if (summary->total > 0 && summary->succeeded == summary->total)
    return "completed";
  if (summary->running > 0)
    return "processing";
  if (summary->scheduled == summary->total)
    return "not_started";
  return "in_progress";
}

static void
add_timestamp (JsonBuilder *b,
               const char  *name,
               gboolean     has,
               guint64      value)
{
  json_builder_set_member_name (b, name);
  if (!has)
    json_builder_add_null_value (b);
  else if (value <= G_MAXINT64)
    json_builder_add_int_value (b, (gint64) value);
  else
    {
      /* JSON readers lose integers past 2^63; such a value is written as a string. */
      char buf[32];
      g_snprintf (buf, sizeof buf, "%" G_GUINT64_FORMAT, value);
      json_builder_add_string_value (b, buf);
    }
}

/**
 * axds_tracker_snapshot_to_json:
 * @jobs: (element-type AxdsTrackerJob): jobs, as from axds_tracker_snapshot()
 * @summary: (nullable): their counts, or %NULL to count them here
 * @pretty: whether to indent
 *
 * The JSON form of a tracker, as `axds tracker show --json` prints it: `jobs`, a list of objects
 * with `job_id`, `job_name`, `specifier`, `status` (the name), `executor_id`, `started_at`,
 * `completed_at` and, when there is one, `error_message`; and `summary` with `total`,
 * `succeeded`, `failed`, `running`, `scheduled` and `status` (the overall label).
 *
 * Returns: (transfer full): the JSON text
 */
char *
axds_tracker_snapshot_to_json (GPtrArray                *jobs,
                               const AxdsTrackerSummary *summary,
                               gboolean                  pretty)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  AxdsTrackerSummary counted;

  g_return_val_if_fail (jobs != NULL, NULL);

  if (summary == NULL)
    {
      axds_tracker_summary_compute (&counted, jobs);
      summary = &counted;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "jobs");
  json_builder_begin_array (b);
  for (guint i = 0; i < jobs->len; i++)
    {
      AxdsTrackerJob *job = g_ptr_array_index (jobs, i);
      const char *executor = axds_tracker_job_get_executor_id (job);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "job_id");
      json_builder_add_string_value (b, axds_tracker_job_get_id (job));
      json_builder_set_member_name (b, "job_name");
      json_builder_add_string_value (b, axds_tracker_job_get_job_name (job));
      json_builder_set_member_name (b, "specifier");
      json_builder_add_string_value (b, axds_tracker_job_get_specifier (job));
      json_builder_set_member_name (b, "status");
      json_builder_add_string_value (b, axds_processing_status_to_string (
                                          axds_tracker_job_get_status (job)));
      json_builder_set_member_name (b, "executor_id");
      if (executor != NULL)
        json_builder_add_string_value (b, executor);
      else
        json_builder_add_null_value (b);
      add_timestamp (b, "started_at", axds_tracker_job_has_started_at (job),
                     axds_tracker_job_get_started_at (job));
      add_timestamp (b, "completed_at", axds_tracker_job_has_completed_at (job),
                     axds_tracker_job_get_completed_at (job));
      if (axds_tracker_job_get_error_message (job) != NULL)
        {
          json_builder_set_member_name (b, "error_message");
          json_builder_add_string_value (b, axds_tracker_job_get_error_message (job));
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "summary");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "total");
  json_builder_add_int_value (b, summary->total);
  json_builder_set_member_name (b, "succeeded");
  json_builder_add_int_value (b, summary->succeeded);
  json_builder_set_member_name (b, "failed");
  json_builder_add_int_value (b, summary->failed);
  json_builder_set_member_name (b, "running");
  json_builder_add_int_value (b, summary->running);
  json_builder_set_member_name (b, "scheduled");
  json_builder_add_int_value (b, summary->scheduled);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, axds_tracker_summary_get_label (summary));
  json_builder_end_object (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, pretty);
  return json_generator_to_data (gen, NULL);
}

/* Discovery. */

static gboolean
matches_tracker_name (const char *name,
                      const char *file_name)
{
  if (file_name != NULL)
    return strcmp (name, file_name) == 0;
  return g_str_has_suffix (name, "tracker.yaml") || g_str_has_suffix (name, "tracker.yml");
}

static gboolean
match_tracker_cb (const char *name,
                  gpointer    user_data)
{
  return matches_tracker_name (name, user_data);
}

/**
 * axds_tracker_discover:
 * @root: the folder to search
 * @file_name: (nullable): the trackers' file name, or %NULL for any file whose name ends in
 *   `tracker.yaml` or `tracker.yml`
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Finds every tracker file under @root (symbolic links to folders are not followed).
 *
 * Returns: (transfer container) (element-type utf8): the paths, sorted, or %NULL on error
 */
GPtrArray *
axds_tracker_discover (const char    *root,
                       const char    *file_name,
                       GCancellable  *cancellable,
                       GError       **error)
{
  GPtrArray *found;
  GError *local = NULL;

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_test (root, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("Cannot search '%s' for trackers: not a folder"), root);
      return NULL;
    }
  found = axds_find_files (root, AXDS_YAML_MAX_DEPTH, AXDS_FIND_FILES_NONE, match_tracker_cb,
                           (gpointer) file_name, cancellable, &local);
  if (found == NULL)
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, local);
          return NULL;
        }
      /* An unreadable root hides its trackers, as an unreadable folder below it does. */
      g_debug ("Skipping '%s': %s", root, local->message);
      g_error_free (local);
      return g_ptr_array_new_with_free_func (g_free);
    }
  return found;
}

typedef struct
{
  char *root;
  char *file_name;
} DiscoverData;

static void
discover_data_free (DiscoverData *data)
{
  g_free (data->root);
  g_free (data->file_name);
  g_free (data);
}

static void
discover_thread_cb (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  DiscoverData *data = task_data;
  GError *error = NULL;
  GPtrArray *paths = axds_tracker_discover (data->root, data->file_name, cancellable, &error);

  if (paths == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, paths, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * axds_tracker_discover_async:
 * @root: the folder to search
 * @file_name: (nullable): as for axds_tracker_discover()
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the thread-default main context when done
 * @user_data: data for @callback
 *
 * Runs axds_tracker_discover() in a worker thread: a session tree may hold many folders.
 */
void
axds_tracker_discover_async (const char          *root,
                             const char          *file_name,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  DiscoverData *data;

  g_return_if_fail (root != NULL);

  data = g_new0 (DiscoverData, 1);
  data->root = g_strdup (root);
  data->file_name = g_strdup (file_name);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, axds_tracker_discover_async);
  g_task_set_name (task, "axds_tracker_discover");
  g_task_set_task_data (task, data, (GDestroyNotify) discover_data_free);
  g_task_run_in_thread (task, discover_thread_cb);
}

/**
 * axds_tracker_discover_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type utf8): the paths, sorted, or %NULL on error
 */
GPtrArray *
axds_tracker_discover_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == axds_tracker_discover_async,
                        NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---------------------------------------------------------------------------------------------- */
/* Boxed types: what bindings and GValue carry                                                    */

/**
 * axds_tracker_summary_copy:
 * @self: a #AxdsTrackerSummary
 *
 * Makes a copy on the heap, for bindings and #GValue.
 *
 * Returns: (transfer full): the copy; free it with axds_tracker_summary_free()
 */
AxdsTrackerSummary *
axds_tracker_summary_copy (const AxdsTrackerSummary *self)
{
  AxdsTrackerSummary *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  return copy;
}

/**
 * axds_tracker_summary_free:
 * @self: (nullable) (transfer full): a #AxdsTrackerSummary made by axds_tracker_summary_copy()
 *
 * Frees @self.
 */
void
axds_tracker_summary_free (AxdsTrackerSummary *self)
{
  g_free (self);
}

G_DEFINE_BOXED_TYPE (AxdsTrackerSummary, axds_tracker_summary, axds_tracker_summary_copy, axds_tracker_summary_free)

/* axds-task.c — one checksum, transfer, delete or archive-assembly job of the Tasks page
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * A task runs one of the library's _async operations. Its progress callback is called on the
 * operation's worker threads, where no GObject may be touched: it only copies the figures into
 * `pending` under the mutex and, when no flush is scheduled yet, attaches one timeout of
 * FLUSH_INTERVAL_MS to the main context the task was started from. So however often the worker
 * reports, the main loop sees at most one update per interval, and the properties (fraction,
 * counts, rate, time left, text) change on the main thread only.
 *
 * The fraction covers the whole task: the phases the task will go through are known from its
 * kind and options (a verified transfer copies, then hashes the copy), each gets a
 * weight, and each phase's own fraction moves the bar within its share. It never goes back.
 * The rate is an exponentially smoothed bytes/s (files/s where a phase counts no bytes).
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "format/axds-format.h"
#include "axds-task.h"

/* At most one progress update per this many milliseconds reaches the main loop. */
#define FLUSH_INTERVAL_MS 50

/* Phases of archive assembly, after the file-operation phases of AxdsProgressPhase. */
#define PHASE_ASSEMBLE_BASE 16
#define PHASE_NONE          -1
#define MAX_PHASES          4

G_DEFINE_ENUM_TYPE (AxdsTaskKind, axds_task_kind,
  G_DEFINE_ENUM_VALUE (AXDS_TASK_KIND_CHECKSUM, "checksum"),
  G_DEFINE_ENUM_VALUE (AXDS_TASK_KIND_TRANSFER, "transfer"),
  G_DEFINE_ENUM_VALUE (AXDS_TASK_KIND_DELETE, "delete"),
  G_DEFINE_ENUM_VALUE (AXDS_TASK_KIND_ASSEMBLE, "assemble"))

G_DEFINE_ENUM_TYPE (AxdsTaskState, axds_task_state,
  G_DEFINE_ENUM_VALUE (AXDS_TASK_STATE_READY, "ready"),
  G_DEFINE_ENUM_VALUE (AXDS_TASK_STATE_RUNNING, "running"),
  G_DEFINE_ENUM_VALUE (AXDS_TASK_STATE_SUCCEEDED, "succeeded"),
  G_DEFINE_ENUM_VALUE (AXDS_TASK_STATE_FAILED, "failed"),
  G_DEFINE_ENUM_VALUE (AXDS_TASK_STATE_CANCELLED, "cancelled"))

typedef struct
{
  int     phase;
  guint64 files_done;
  guint64 files_total;
  guint64 bytes_done;
  guint64 bytes_total;
} Snapshot;

struct _AxdsTask
{
  GObject               parent_instance;

  /* What to do */
  AxdsTaskKind          kind;
  char                 *directory;
  char                 *destination;
  guint                 workers;
  gboolean              save_checksum;
  GStrv                 excluded;
  AxdsTransferFlags     transfer_flags;
  AxdsLogAssembleFlags  assemble_flags;
  char                 *title;
  char                 *subtitle;

  /* Shared with the worker threads, under the mutex */
  GMutex                mutex;
  Snapshot              pending;
  gboolean              have_pending;
  gboolean              flush_scheduled;
  GCond                 flushed;            /* lockstep: a flush took the pending report */
  gboolean              lockstep;
  guint64               assembled_entries;  /* entries the write phase counted */

  /* Main thread only */
  GCancellable         *cancellable;
  GMainContext         *context;
  AxdsTaskState         state;
  int                   plan[MAX_PHASES];
  double                weights[MAX_PHASES];
  guint                 n_plan;
  guint                 plan_index;
  Snapshot              shown;
  double                fraction;
  AxdsProgressMeter     meter;
  double                time_left;
  char                 *progress_text;
  char                 *status_text;
  GDateTime            *started;
  GDateTime            *finished;
  gint64                started_mono;
  gint64                finished_mono;
  char                 *result;
  char                 *summary;
  char                 *error_message;
};

G_DEFINE_FINAL_TYPE (AxdsTask, axds_task, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_STATE,
  PROP_RUNNING,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_ICON_NAME,
  PROP_FRACTION,
  PROP_FILES_DONE,
  PROP_FILES_TOTAL,
  PROP_BYTES_DONE,
  PROP_BYTES_TOTAL,
  PROP_RATE,
  PROP_TIME_LEFT,
  PROP_PROGRESS_TEXT,
  PROP_STATUS_TEXT,
  PROP_STARTED,
  PROP_FINISHED,
  PROP_RESULT,
  PROP_SUMMARY,
  PROP_ERROR_MESSAGE,
  N_PROPS
};

enum {
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char *
phase_label (int phase)
{
  switch (phase)
    {
    case AXDS_PROGRESS_PHASE_CHECKSUMMING:
      return _("Checksumming");
    case AXDS_PROGRESS_PHASE_COPYING:
      return _("Copying");
    case AXDS_PROGRESS_PHASE_VERIFYING:
      return _("Verifying");
    case AXDS_PROGRESS_PHASE_DELETING:
      return _("Deleting");
    case PHASE_ASSEMBLE_BASE + AXDS_PROGRESS_PHASE_SCANNING:
      return _("Scanning");
    case PHASE_ASSEMBLE_BASE + AXDS_PROGRESS_PHASE_ASSEMBLING:
      return _("Writing archives");
    case PHASE_ASSEMBLE_BASE + AXDS_PROGRESS_PHASE_VERIFYING:
      return _("Verifying archives");
    case PHASE_ASSEMBLE_BASE + AXDS_PROGRESS_PHASE_DELETING:
      return _("Removing sources");
    default:
      return _("Starting");
    }
}

/* Construction */

static void
plan_add (AxdsTask *self,
          int       phase,
          double    weight)
{
  g_assert (self->n_plan < MAX_PHASES);
  self->plan[self->n_plan] = phase;
  self->weights[self->n_plan] = weight;
  self->n_plan++;
}

/* The phases the operation reports, in order, weighted by roughly how long each takes. */
static void
axds_task_make_plan (AxdsTask *self)
{
  switch (self->kind)
    {
    case AXDS_TASK_KIND_CHECKSUM:
      plan_add (self, AXDS_PROGRESS_PHASE_CHECKSUMMING, 1.0);
      break;
    case AXDS_TASK_KIND_TRANSFER:
      /* The source is hashed while it is copied; it is hashed on its own (CHECKSUMMING)
       * only after a failed verification, which the fraction need not cover. */
      plan_add (self, AXDS_PROGRESS_PHASE_COPYING, 1.0);
      if (self->transfer_flags & AXDS_TRANSFER_VERIFY_INTEGRITY)
        plan_add (self, AXDS_PROGRESS_PHASE_VERIFYING, 1.0);
      if (self->transfer_flags & AXDS_TRANSFER_REMOVE_SOURCE)
        plan_add (self, AXDS_PROGRESS_PHASE_DELETING, 0.1);
      break;
    case AXDS_TASK_KIND_DELETE:
      plan_add (self, AXDS_PROGRESS_PHASE_DELETING, 1.0);
      break;
    case AXDS_TASK_KIND_ASSEMBLE:
    default:
      plan_add (self, PHASE_ASSEMBLE_BASE + AXDS_PROGRESS_PHASE_SCANNING, 0.05);
      plan_add (self, PHASE_ASSEMBLE_BASE + AXDS_PROGRESS_PHASE_ASSEMBLING, 1.0);
      if (self->assemble_flags & AXDS_LOG_ASSEMBLE_VERIFY)
        plan_add (self, PHASE_ASSEMBLE_BASE + AXDS_PROGRESS_PHASE_VERIFYING, 0.6);
      if (!(self->assemble_flags & AXDS_LOG_ASSEMBLE_KEEP_SOURCES))
        plan_add (self, PHASE_ASSEMBLE_BASE + AXDS_PROGRESS_PHASE_DELETING, 0.1);
      break;
    }
}

static AxdsTask *
axds_task_new (AxdsTaskKind  kind,
               const char   *directory,
               const char   *destination)
{
  AxdsTask *self = g_object_new (AXDS_TYPE_TASK, NULL);
  g_autofree char *name = g_path_get_basename (directory);

  self->kind = kind;
  self->directory = g_strdup (directory);
  self->destination = g_strdup (destination);

  switch (kind)
    {
    case AXDS_TASK_KIND_CHECKSUM:
      /* Translators: %s is a folder name */
      self->title = g_strdup_printf (_("Checksum of “%s”"), name);
      break;
    case AXDS_TASK_KIND_TRANSFER:
      /* Translators: %s is a folder name */
      self->title = g_strdup_printf (_("Transfer of “%s”"), name);
      break;
    case AXDS_TASK_KIND_DELETE:
      /* Translators: %s is a folder name */
      self->title = g_strdup_printf (_("Deletion of “%s”"), name);
      break;
    case AXDS_TASK_KIND_ASSEMBLE:
    default:
      /* Translators: %s is a folder name */
      self->title = g_strdup_printf (_("Log archives of “%s”"), name);
      break;
    }
  if (destination != NULL)
    /* Translators: a transfer's source and destination folders */
    self->subtitle = g_strdup_printf (_("%s → %s"), directory, destination);
  else
    self->subtitle = g_strdup (directory);
  return self;
}

/**
 * axds_task_new_checksum:
 * @directory: the folder to checksum
 * @workers: threads reading files, 0 for one per processor
 * @save_checksum: whether to write `ax_checksum.txt` into @directory
 * @excluded_names: (nullable): more file names to skip, or %NULL; `ax_checksum.txt` is always
 *   skipped
 *
 * Returns: (transfer full): a task, not started yet
 */
AxdsTask *
axds_task_new_checksum (const char         *directory,
                        guint               workers,
                        gboolean            save_checksum,
                        const char * const *excluded_names)
{
  AxdsTask *self;

  g_return_val_if_fail (directory != NULL, NULL);

  self = axds_task_new (AXDS_TASK_KIND_CHECKSUM, directory, NULL);
  self->workers = workers;
  self->save_checksum = save_checksum;
  self->excluded = g_strdupv ((char **) excluded_names);
  axds_task_make_plan (self);
  return self;
}

/**
 * axds_task_new_transfer:
 * @source: the folder to copy
 * @destination: where the copy goes
 * @threads: files copied in parallel, 0 for one per processor
 * @flags: verification, source removal, destination reset
 *
 * Returns: (transfer full): a task, not started yet
 */
AxdsTask *
axds_task_new_transfer (const char        *source,
                        const char        *destination,
                        guint              threads,
                        AxdsTransferFlags  flags)
{
  AxdsTask *self;

  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (destination != NULL, NULL);

  self = axds_task_new (AXDS_TASK_KIND_TRANSFER, source, destination);
  self->workers = threads;
  self->transfer_flags = flags;
  axds_task_make_plan (self);
  return self;
}

/**
 * axds_task_new_delete:
 * @directory: the folder to remove, with everything in it
 *
 * Returns: (transfer full): a task, not started yet
 */
AxdsTask *
axds_task_new_delete (const char *directory)
{
  AxdsTask *self;

  g_return_val_if_fail (directory != NULL, NULL);

  self = axds_task_new (AXDS_TASK_KIND_DELETE, directory, NULL);
  axds_task_make_plan (self);
  return self;
}

/**
 * axds_task_new_assemble:
 * @directory: a data logger's output folder
 * @workers: worker threads, 0 for the default
 * @flags: keep sources, verify, no memory mapping
 *
 * Returns: (transfer full): a task, not started yet
 */
AxdsTask *
axds_task_new_assemble (const char           *directory,
                        guint                 workers,
                        AxdsLogAssembleFlags  flags)
{
  AxdsTask *self;

  g_return_val_if_fail (directory != NULL, NULL);

  self = axds_task_new (AXDS_TASK_KIND_ASSEMBLE, directory, NULL);
  self->workers = workers;
  self->assemble_flags = flags;
  axds_task_make_plan (self);
  return self;
}

/* Progress: worker side */

static gboolean
flush_cb (gpointer user_data);

/* Tests set this so that what the user would see does not depend on the machine's speed:
 * each worker report waits until the main loop has applied it. */
static gboolean lockstep_for_testing;

/**
 * axds_task_set_lockstep_for_testing:
 * @lockstep: whether tasks created from now on run in lockstep
 *
 * In lockstep, every progress report of the worker threads waits until the main loop has
 * applied it, and reports are flushed without the usual interval. For tests only.
 */
void
axds_task_set_lockstep_for_testing (gboolean lockstep)
{
  lockstep_for_testing = lockstep;
}

/* Called with the mutex held. */
static void
schedule_flush_locked (AxdsTask *self)
{
  GSource *source;

  if (self->flush_scheduled)
    return;
  self->flush_scheduled = TRUE;

  /* g_object_ref is atomic; the source's ref is dropped on the main thread after the flush. */
  /* Default priority, not idle: at idle priority the updates starve while the window keeps
   * redrawing (a transition, a slow software renderer), and the bar would freeze. The
   * interval already bounds how often they come. */
  source = g_timeout_source_new (self->lockstep ? 0 : FLUSH_INTERVAL_MS);
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, flush_cb, g_object_ref (self), g_object_unref);
  g_source_set_static_name (source, "[axds] task progress");
  g_source_attach (source, self->context);
  g_source_unref (source);
}

/* Called with the mutex held. The wait is bounded so that a main loop no longer iterated
 * (a test that gave up) cannot hang the worker. */
static void
wait_for_flush_locked (AxdsTask *self)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  if (!self->lockstep)
    return;
  while (self->have_pending && !g_cancellable_is_cancelled (self->cancellable))
    if (!g_cond_wait_until (&self->flushed, &self->mutex, end))
      break;
}

static void
progress_cb (const AxdsProgress *progress,
             gpointer            user_data)
{
  AxdsTask *self = user_data;

  g_mutex_lock (&self->mutex);
  self->pending.phase = progress->phase;
  self->pending.files_done = progress->files_done;
  self->pending.files_total = progress->files_total;
  self->pending.bytes_done = progress->bytes_done;
  self->pending.bytes_total = progress->bytes_total;
  self->have_pending = TRUE;
  schedule_flush_locked (self);
  wait_for_flush_locked (self);
  g_mutex_unlock (&self->mutex);
}

static void
assemble_progress_cb (const AxdsProgress *progress,
                      gpointer            user_data)
{
  AxdsTask *self = user_data;

  /* Assembly counts entries (one .npy file each), no bytes. Its phases are told apart from a
   * transfer's (verifying, deleting) for their labels. */
  g_mutex_lock (&self->mutex);
  self->pending.phase = PHASE_ASSEMBLE_BASE + (int) progress->phase;
  self->pending.files_done = progress->files_done;
  self->pending.files_total = progress->files_total;
  self->pending.bytes_done = 0;
  self->pending.bytes_total = 0;
  /* Kept here: the flushes may see none of the write phase's reports. */
  if (progress->phase == AXDS_PROGRESS_PHASE_ASSEMBLING)
    self->assembled_entries = MAX (self->assembled_entries, progress->files_total);
  self->have_pending = TRUE;
  schedule_flush_locked (self);
  wait_for_flush_locked (self);
  g_mutex_unlock (&self->mutex);
}

/* Progress: main-thread side */

static double
snapshot_fraction (const Snapshot *s)
{
  return axds_progress_fraction (s->files_done, s->files_total, s->bytes_done, s->bytes_total);
}

static void
axds_task_update_text (AxdsTask *self)
{
  g_clear_pointer (&self->progress_text, g_free);
  g_clear_pointer (&self->status_text, g_free);

  switch (self->state)
    {
    case AXDS_TASK_STATE_READY:
      self->status_text = g_strdup (_("Waiting"));
      break;
    case AXDS_TASK_STATE_RUNNING:
      self->status_text = g_strdup (phase_label (self->shown.phase));
      self->progress_text = axds_format_progress (NULL, self->shown.files_done,
                                                  self->shown.files_total,
                                                  self->shown.bytes_done,
                                                  self->shown.bytes_total, self->meter.rate,
                                                  self->time_left);
      if (*self->progress_text == '\0')
        {
          g_free (self->progress_text);
          self->progress_text = g_strdup (_("Preparing…"));
        }
      break;
    case AXDS_TASK_STATE_SUCCEEDED:
    case AXDS_TASK_STATE_FAILED:
    case AXDS_TASK_STATE_CANCELLED:
      {
        g_autofree char *duration = axds_format_run_time (axds_task_get_duration (self));
        const char *what = self->state == AXDS_TASK_STATE_SUCCEEDED ? _("Succeeded")
                           : self->state == AXDS_TASK_STATE_FAILED  ? _("Failed")
                                                                    : _("Cancelled");

        /* Translators: a finished task's state and how long it ran, e.g. “Failed after 3.2 s” */
        self->status_text = g_strdup_printf (_("%s after %s"), what, duration);
      }
      break;
    default:
      break;
    }
}

static void
notify_progress (AxdsTask *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILES_DONE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILES_TOTAL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BYTES_DONE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BYTES_TOTAL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME_LEFT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS_TEXT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_TEXT]);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
axds_task_apply (AxdsTask       *self,
                 const Snapshot *s)
{
  gint64 now = g_get_monotonic_time ();
  gboolean new_phase = s->phase != self->shown.phase;
  double units = s->bytes_total > 0 ? (double) s->bytes_done : (double) s->files_done;
  double total_units = s->bytes_total > 0 ? (double) s->bytes_total : (double) s->files_total;
  double done_weight = 0.0, all_weight = 0.0, remaining;
  double fraction;

  /* Find the phase in the plan, never going back: a phase outside the plan moves nothing. */
  for (guint i = self->plan_index; i < self->n_plan; i++)
    if (self->plan[i] == s->phase)
      {
        self->plan_index = i;
        break;
      }

  axds_progress_meter_sample (&self->meter, now, units, new_phase);

  for (guint i = 0; i < self->n_plan; i++)
    {
      all_weight += self->weights[i];
      if (i < self->plan_index)
        done_weight += self->weights[i];
    }
  if (self->plan[self->plan_index] == s->phase)
    done_weight += self->weights[self->plan_index] * snapshot_fraction (s);
  fraction = all_weight > 0.0 ? done_weight / all_weight : 0.0;
  self->fraction = MAX (self->fraction, CLAMP (fraction, 0.0, 1.0));

  /* What is left of this phase, and the later phases scaled by their weight to this one. */
  remaining = MAX (total_units - units, 0.0);
  if (self->plan[self->plan_index] == s->phase)
    for (guint i = self->plan_index + 1; i < self->n_plan; i++)
      remaining += total_units * self->weights[i] / self->weights[self->plan_index];
  self->time_left = axds_progress_meter_get_time_left (&self->meter, remaining);

  self->shown = *s;
  axds_task_update_text (self);
  notify_progress (self);
}

static gboolean
flush_cb (gpointer user_data)
{
  AxdsTask *self = user_data;
  Snapshot s;
  gboolean have;

  g_mutex_lock (&self->mutex);
  s = self->pending;
  have = self->have_pending;
  self->have_pending = FALSE;
  self->flush_scheduled = FALSE;
  g_cond_broadcast (&self->flushed);
  g_mutex_unlock (&self->mutex);

  /* A flush that was scheduled just before the operation ended finds the task finished. */
  if (have && self->state == AXDS_TASK_STATE_RUNNING)
    axds_task_apply (self, &s);
  return G_SOURCE_REMOVE;
}

/* Completion */

static void
axds_task_finish (AxdsTask *self,
                  GError   *error)
{
  Snapshot s;
  gboolean have;

  g_mutex_lock (&self->mutex);
  s = self->pending;
  have = self->have_pending;
  self->have_pending = FALSE;
  g_mutex_unlock (&self->mutex);
  if (have)
    axds_task_apply (self, &s);

  if (error == NULL)
    {
      self->state = AXDS_TASK_STATE_SUCCEEDED;
      self->fraction = 1.0;
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      self->state = AXDS_TASK_STATE_CANCELLED;
      self->summary = g_strdup (error->message);
    }
  else
    {
      self->state = AXDS_TASK_STATE_FAILED;
      self->error_message = g_strdup (error->message);
    }
  self->time_left = -1.0;
  self->finished = g_date_time_new_now_local ();
  self->finished_mono = g_get_monotonic_time ();
  axds_task_update_text (self);

  g_object_freeze_notify (G_OBJECT (self));
  notify_progress (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINISHED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
  g_object_thaw_notify (G_OBJECT (self));

  g_signal_emit (self, signals[FINISHED], 0);
}

static void
checksum_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AxdsTask) self = user_data;
  g_autoptr(AxdsChecksumManifest) manifest = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *checksum = NULL;

  checksum = axds_calculate_directory_checksum_finish (result, &manifest, &error);
  if (checksum != NULL)
    {
      g_autofree char *files = axds_format_count (axds_checksum_manifest_get_n_files (manifest));
      g_autofree char *size = axds_format_size (axds_checksum_manifest_get_total_size (manifest));

      self->result = g_steal_pointer (&checksum);
      if (self->save_checksum)
        /* Translators: a checksum's files and bytes, e.g. “1,204 files, 3.1 GB; saved to
         * ax_checksum.txt” */
        self->summary = g_strdup_printf (_("%s files, %s; saved to %s"), files, size,
                                         AXDS_CHECKSUM_FILE_NAME);
      else
        /* Translators: a checksum's files and bytes, e.g. “1,204 files, 3.1 GB” */
        self->summary = g_strdup_printf (_("%s files, %s"), files, size);
    }
  axds_task_finish (self, error);
}

static void
transfer_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AxdsTask) self = user_data;
  g_autoptr(GError) error = NULL;
  AxdsTransferSummary summary = { 0 };

  if (axds_transfer_directory_finish (result, &summary, &error))
    {
      g_autofree char *copied = axds_format_count (summary.files_copied);
      g_autofree char *skipped = axds_format_count (summary.files_skipped);
      g_autofree char *size = axds_format_size (summary.bytes_copied);
      GString *text = g_string_new (NULL);

      /* Translators: files and bytes a transfer copied, e.g. “Copied 40 files (3.0 GB)” */
      g_string_append_printf (text, _("Copied %s files (%s)"), copied, size);
      if (summary.files_skipped > 0)
        /* Translators: files that were at the destination already */
        g_string_append_printf (text, _(", %s already there"), skipped);
      if (summary.verified)
        g_string_append_printf (text, " · %s", _("verified"));
      if (summary.source_removed)
        g_string_append_printf (text, " · %s", _("source removed"));
      self->summary = g_string_free (text, FALSE);
      if (summary.verified && summary.checksum[0] != '\0')
        self->result = g_strdup (summary.checksum);
    }
  axds_task_finish (self, error);
}

static void
delete_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AxdsTask) self = user_data;
  g_autoptr(GError) error = NULL;

  if (axds_delete_directory_finish (result, &error))
    {
      g_autofree char *files = NULL;
      g_autofree char *size = NULL;

      g_mutex_lock (&self->mutex);
      files = axds_format_count (MAX (self->pending.files_total, self->shown.files_total));
      size = axds_format_size (MAX (self->pending.bytes_total, self->shown.bytes_total));
      g_mutex_unlock (&self->mutex);
      /* Translators: what a deletion removed, e.g. “Removed 40 files (3.0 GB)” */
      self->summary = g_strdup_printf (_("Removed %s files (%s)"), files, size);
    }
  axds_task_finish (self, error);
}

static void
assemble_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AxdsTask) self = user_data;
  g_autoptr(GError) error = NULL;

  if (axds_log_assemble_archives_finish (result, &error))
    {
      g_autofree char *entries = NULL;

      g_mutex_lock (&self->mutex);
      entries = axds_format_count (self->assembled_entries);
      g_mutex_unlock (&self->mutex);
      /* Success with no entries written: the library found the folder assembled before. */
      if (self->assembled_entries == 0)
        self->summary = g_strdup (_("Nothing to assemble: the folder holds assembled archives "
                                    "and no log entries"));
      else if (self->assemble_flags & AXDS_LOG_ASSEMBLE_KEEP_SOURCES)
        /* Translators: e.g. “Assembled 12,000 entries; sources kept” */
        self->summary = g_strdup_printf (_("Assembled %s entries; sources kept"), entries);
      else
        /* Translators: e.g. “Assembled 12,000 entries; verified and removed the sources” */
        self->summary = g_strdup_printf (_("Assembled %s entries; verified and removed the "
                                           "sources"), entries);
    }
  axds_task_finish (self, error);
}

/**
 * axds_task_start:
 * @self: a task not started yet
 *
 * Starts the operation in a worker thread. Progress and completion are delivered on the
 * thread-default main context of the caller; #AxdsTask::finished is emitted at the end.
 */
void
axds_task_start (AxdsTask *self)
{
  g_return_if_fail (AXDS_IS_TASK (self));
  g_return_if_fail (self->state == AXDS_TASK_STATE_READY);

  self->context = g_main_context_ref_thread_default ();
  self->state = AXDS_TASK_STATE_RUNNING;
  self->started = g_date_time_new_now_local ();
  self->started_mono = g_get_monotonic_time ();
  self->shown.phase = PHASE_NONE;
  axds_task_update_text (self);

  /* The completion callbacks hold a reference, so the task outlives its worker threads and
   * the progress callbacks may use it as their data. */
  switch (self->kind)
    {
    case AXDS_TASK_KIND_CHECKSUM:
      axds_calculate_directory_checksum_async (self->directory, self->workers,
                                               self->save_checksum,
                                               (const char * const *) self->excluded,
                                               progress_cb, self, NULL, self->cancellable,
                                               checksum_done_cb, g_object_ref (self));
      break;
    case AXDS_TASK_KIND_TRANSFER:
      axds_transfer_directory_async (self->directory, self->destination, self->workers,
                                     self->transfer_flags, progress_cb, self, NULL,
                                     self->cancellable, transfer_done_cb, g_object_ref (self));
      break;
    case AXDS_TASK_KIND_DELETE:
      axds_delete_directory_async (self->directory, progress_cb, self, NULL, self->cancellable,
                                   delete_done_cb, g_object_ref (self));
      break;
    case AXDS_TASK_KIND_ASSEMBLE:
    default:
      axds_log_assemble_archives_async (self->directory, self->workers,
                                        self->assemble_flags, assemble_progress_cb, self, NULL,
                                        self->cancellable, assemble_done_cb,
                                        g_object_ref (self));
      break;
    }

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STARTED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_TEXT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS_TEXT]);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * axds_task_cancel:
 * @self: a task
 *
 * Asks the operation to stop at its next chunk; the task ends as cancelled (or, when it was
 * about to end, as it would have).
 */
void
axds_task_cancel (AxdsTask *self)
{
  g_return_if_fail (AXDS_IS_TASK (self));
  g_cancellable_cancel (self->cancellable);
  /* A worker waiting in lockstep goes on to see the cancellation. */
  g_mutex_lock (&self->mutex);
  g_cond_broadcast (&self->flushed);
  g_mutex_unlock (&self->mutex);
}

/* Getters */

AxdsTaskKind
axds_task_get_kind (AxdsTask *self)
{
  g_return_val_if_fail (AXDS_IS_TASK (self), 0);
  return self->kind;
}

AxdsTaskState
axds_task_get_state (AxdsTask *self)
{
  g_return_val_if_fail (AXDS_IS_TASK (self), 0);
  return self->state;
}

gboolean
axds_task_get_running (AxdsTask *self)
{
  g_return_val_if_fail (AXDS_IS_TASK (self), FALSE);
  return self->state == AXDS_TASK_STATE_RUNNING;
}

const char *
axds_task_get_directory (AxdsTask *self)
{
  g_return_val_if_fail (AXDS_IS_TASK (self), NULL);
  return self->directory;
}

const char *
axds_task_get_destination (AxdsTask *self)
{
  g_return_val_if_fail (AXDS_IS_TASK (self), NULL);
  return self->destination;
}

const char *
axds_task_get_title (AxdsTask *self)
{
  g_return_val_if_fail (AXDS_IS_TASK (self), NULL);
  return self->title;
}

const char *
axds_task_get_subtitle (AxdsTask *self)
{
  g_return_val_if_fail (AXDS_IS_TASK (self), NULL);
  return self->subtitle;
}

const char *
axds_task_get_icon_name (AxdsTask *self)
{
  g_return_val_if_fail (AXDS_IS_TASK (self), NULL);

  switch (self->kind)
    {
    case AXDS_TASK_KIND_CHECKSUM:
      return "auth-fingerprint-symbolic";
    case AXDS_TASK_KIND_TRANSFER:
      return "folder-download-symbolic";
    case AXDS_TASK_KIND_DELETE:
      return "user-trash-symbolic";
    case AXDS_TASK_KIND_ASSEMBLE:
    default:
      return "package-x-generic-symbolic";
    }
}

double
axds_task_get_fraction (AxdsTask *self)
{
  g_return_val_if_fail (AXDS_IS_TASK (self), 0.0);
  return self->fraction;
}

guint64
axds_task_get_files_done (AxdsTask *self)
{
  g_return_val_if_fail (AXDS_IS_TASK (self), 0);
  return self->shown.files_done;
}

guint64
axds_task_get_files_total (AxdsTask *self)
{
  g_return_val_if_fail (AXDS_IS_TASK (self), 0);
  return self->shown.files_total;
}

guint64
axds_task_get_bytes_done (AxdsTask *self)
{
  g_return_val_if_fail (AXDS_IS_TASK (self), 0);
  return self->shown.bytes_done;
}

guint64
axds_task_get_bytes_total (AxdsTask *self)
{
  g_return_val_if_fail (AXDS_IS_TASK (self), 0);
  return self->shown.bytes_total;
}

double
axds_task_get_rate (AxdsTask *self)
{
  g_return_val_if_fail (AXDS_IS_TASK (self), 0.0);
  return self->meter.rate;
}

double
axds_task_get_time_left (AxdsTask *self)
{
  g_return_val_if_fail (AXDS_IS_TASK (self), -1.0);
  return self->time_left;
}

const char *
axds_task_get_progress_text (AxdsTask *self)
{
  g_return_val_if_fail (AXDS_IS_TASK (self), NULL);
  return self->progress_text;
}

const char *
axds_task_get_status_text (AxdsTask *self)
{
  g_return_val_if_fail (AXDS_IS_TASK (self), NULL);
  return self->status_text;
}

GDateTime *
axds_task_get_started (AxdsTask *self)
{
  g_return_val_if_fail (AXDS_IS_TASK (self), NULL);
  return self->started;
}

GDateTime *
axds_task_get_finished (AxdsTask *self)
{
  g_return_val_if_fail (AXDS_IS_TASK (self), NULL);
  return self->finished;
}

/**
 * axds_task_get_duration:
 * @self: a task
 *
 * Returns: seconds from the start to the end, or to now while running
 */
double
axds_task_get_duration (AxdsTask *self)
{
  gint64 end;

  g_return_val_if_fail (AXDS_IS_TASK (self), 0.0);

  if (self->started_mono == 0)
    return 0.0;
  end = self->finished_mono != 0 ? self->finished_mono : g_get_monotonic_time ();
  return (double) (end - self->started_mono) / G_USEC_PER_SEC;
}

const char *
axds_task_get_result (AxdsTask *self)
{
  g_return_val_if_fail (AXDS_IS_TASK (self), NULL);
  return self->result;
}

const char *
axds_task_get_summary (AxdsTask *self)
{
  g_return_val_if_fail (AXDS_IS_TASK (self), NULL);
  return self->summary;
}

const char *
axds_task_get_error_message (AxdsTask *self)
{
  g_return_val_if_fail (AXDS_IS_TASK (self), NULL);
  return self->error_message;
}

/* GObject */

static void
axds_task_finalize (GObject *object)
{
  AxdsTask *self = (AxdsTask *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->directory, g_free);
  g_clear_pointer (&self->destination, g_free);
  g_clear_pointer (&self->excluded, g_strfreev);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->subtitle, g_free);
  g_clear_pointer (&self->progress_text, g_free);
  g_clear_pointer (&self->status_text, g_free);
  g_clear_pointer (&self->started, g_date_time_unref);
  g_clear_pointer (&self->finished, g_date_time_unref);
  g_clear_pointer (&self->result, g_free);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->error_message, g_free);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->flushed);

  G_OBJECT_CLASS (axds_task_parent_class)->finalize (object);
}

static void
axds_task_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  AxdsTask *self = AXDS_TASK (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, axds_task_get_running (self));
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;
    case PROP_ICON_NAME:
      g_value_set_string (value, axds_task_get_icon_name (self));
      break;
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    case PROP_FILES_DONE:
      g_value_set_uint64 (value, self->shown.files_done);
      break;
    case PROP_FILES_TOTAL:
      g_value_set_uint64 (value, self->shown.files_total);
      break;
    case PROP_BYTES_DONE:
      g_value_set_uint64 (value, self->shown.bytes_done);
      break;
    case PROP_BYTES_TOTAL:
      g_value_set_uint64 (value, self->shown.bytes_total);
      break;
    case PROP_RATE:
      g_value_set_double (value, self->meter.rate);
      break;
    case PROP_TIME_LEFT:
      g_value_set_double (value, self->time_left);
      break;
    case PROP_PROGRESS_TEXT:
      g_value_set_string (value, self->progress_text);
      break;
    case PROP_STATUS_TEXT:
      g_value_set_string (value, self->status_text);
      break;
    case PROP_STARTED:
      g_value_set_boxed (value, self->started);
      break;
    case PROP_FINISHED:
      g_value_set_boxed (value, self->finished);
      break;
    case PROP_RESULT:
      g_value_set_string (value, self->result);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
axds_task_class_init (AxdsTaskClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = axds_task_finalize;
  object_class->get_property = axds_task_get_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, AXDS_TYPE_TASK_KIND, AXDS_TASK_KIND_CHECKSUM, flags);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, AXDS_TYPE_TASK_STATE, AXDS_TASK_STATE_READY, flags);
  properties[PROP_RUNNING] = g_param_spec_boolean ("running", NULL, NULL, FALSE, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_SUBTITLE] = g_param_spec_string ("subtitle", NULL, NULL, NULL, flags);
  properties[PROP_ICON_NAME] = g_param_spec_string ("icon-name", NULL, NULL, NULL, flags);
  properties[PROP_FRACTION] = g_param_spec_double ("fraction", NULL, NULL, 0, 1, 0, flags);
  properties[PROP_FILES_DONE] =
    g_param_spec_uint64 ("files-done", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_FILES_TOTAL] =
    g_param_spec_uint64 ("files-total", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_BYTES_DONE] =
    g_param_spec_uint64 ("bytes-done", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_BYTES_TOTAL] =
    g_param_spec_uint64 ("bytes-total", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_RATE] = g_param_spec_double ("rate", NULL, NULL, 0, G_MAXDOUBLE, 0, flags);
  properties[PROP_TIME_LEFT] =
    g_param_spec_double ("time-left", NULL, NULL, -1, G_MAXDOUBLE, -1, flags);
  properties[PROP_PROGRESS_TEXT] = g_param_spec_string ("progress-text", NULL, NULL, NULL, flags);
  properties[PROP_STATUS_TEXT] = g_param_spec_string ("status-text", NULL, NULL, NULL, flags);
  properties[PROP_STARTED] =
    g_param_spec_boxed ("started", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_FINISHED] =
    g_param_spec_boxed ("finished", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_RESULT] = g_param_spec_string ("result", NULL, NULL, NULL, flags);
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, flags);
  properties[PROP_ERROR_MESSAGE] = g_param_spec_string ("error-message", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AxdsTask::finished:
   *
   * Emitted once, on the main thread, when the task succeeded, failed or was cancelled.
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
axds_task_init (AxdsTask *self)
{
  g_mutex_init (&self->mutex);
  g_cond_init (&self->flushed);
  self->lockstep = lockstep_for_testing;
  self->cancellable = g_cancellable_new ();
  self->state = AXDS_TASK_STATE_READY;
  axds_progress_meter_init (&self->meter);
  self->time_left = -1.0;
  self->shown.phase = PHASE_NONE;
}

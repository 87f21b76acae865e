/* axds-tracker-job.c — one job of a processing tracker, and the job statuses
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "axds-tracker-job-private.h"

static const GEnumValue status_values[] = {
  { AXDS_PROCESSING_STATUS_SCHEDULED, "AXDS_PROCESSING_STATUS_SCHEDULED", "scheduled" },
  { AXDS_PROCESSING_STATUS_RUNNING, "AXDS_PROCESSING_STATUS_RUNNING", "running" },
  { AXDS_PROCESSING_STATUS_SUCCEEDED, "AXDS_PROCESSING_STATUS_SUCCEEDED", "succeeded" },
  { AXDS_PROCESSING_STATUS_FAILED, "AXDS_PROCESSING_STATUS_FAILED", "failed" },
  { 0, NULL, NULL },
};

GType
axds_processing_status_get_type (void)
{
  static gsize type_id;

  if (g_once_init_enter (&type_id))
    {
      GType type = g_enum_register_static (g_intern_static_string ("AxdsProcessingStatus"),
                                           status_values);
      g_once_init_leave (&type_id, type);
    }
  return type_id;
}

/**
 * axds_processing_status_to_string:
 * @status: a status
 *
 * Returns: the status's name as Python spells it (`SCHEDULED`, `RUNNING`, `SUCCEEDED`,
 *   `FAILED`), or `UNKNOWN` for a value outside the enumeration
 */
const char *
axds_processing_status_to_string (AxdsProcessingStatus status)
{
  switch (status)
    {
    case AXDS_PROCESSING_STATUS_SCHEDULED: return "SCHEDULED";
    case AXDS_PROCESSING_STATUS_RUNNING:   return "RUNNING";
    case AXDS_PROCESSING_STATUS_SUCCEEDED: return "SUCCEEDED";
    case AXDS_PROCESSING_STATUS_FAILED:    return "FAILED";
    default:                               return "UNKNOWN";
    }
}

/**
 * axds_processing_status_from_string:
 * @text: a status name in any case (`failed`, `FAILED`) or its integer value (`3`)
 * @status: (out): the status
 *
 * Returns: %TRUE when @text names a status
 */
gboolean
axds_processing_status_from_string (const char           *text,
                                    AxdsProcessingStatus *status)
{
  g_return_val_if_fail (status != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  for (int i = 0; i < AXDS_PROCESSING_STATUS_COUNT; i++)
    {
      char digit[2] = { (char) ('0' + i), '\0' };

      if (g_ascii_strcasecmp (text, axds_processing_status_to_string (i)) == 0 ||
          strcmp (text, digit) == 0)
        {
          *status = i;
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * AxdsTrackerJob:
 *
 * A job of a processing tracker as it was when read: its ID, name, specifier, status, executor,
 * error message and timestamps (UTC microseconds since the epoch). A view may keep one object
 * per job and refresh it with axds_tracker_job_update_from(), which notifies only the
 * properties that changed.
 */
struct _AxdsTrackerJob
{
  GObject               parent_instance;

  char                 *id;
  char                 *job_name;
  char                 *specifier;
  AxdsProcessingStatus  status;
  char                 *executor_id;
  char                 *error_message;
  guint64               started_at;
  guint64               completed_at;
  gboolean              has_started_at;
  gboolean              has_completed_at;
};

G_DEFINE_FINAL_TYPE (AxdsTrackerJob, axds_tracker_job, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_JOB_NAME,
  PROP_SPECIFIER,
  PROP_STATUS,
  PROP_EXECUTOR_ID,
  PROP_ERROR_MESSAGE,
  PROP_HAS_STARTED_AT,
  PROP_STARTED_AT,
  PROP_HAS_COMPLETED_AT,
  PROP_COMPLETED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
axds_tracker_job_finalize (GObject *object)
{
  AxdsTrackerJob *self = AXDS_TRACKER_JOB (object);

  g_free (self->id);
  g_free (self->job_name);
  g_free (self->specifier);
  g_free (self->executor_id);
  g_free (self->error_message);
  G_OBJECT_CLASS (axds_tracker_job_parent_class)->finalize (object);
}

static void
axds_tracker_job_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AxdsTrackerJob *self = AXDS_TRACKER_JOB (object);

  switch (prop_id)
    {
    case PROP_ID:               g_value_set_string (value, self->id); break;
    case PROP_JOB_NAME:         g_value_set_string (value, self->job_name); break;
    case PROP_SPECIFIER:        g_value_set_string (value, self->specifier); break;
    case PROP_STATUS:           g_value_set_enum (value, self->status); break;
    case PROP_EXECUTOR_ID:      g_value_set_string (value, self->executor_id); break;
    case PROP_ERROR_MESSAGE:    g_value_set_string (value, self->error_message); break;
    case PROP_HAS_STARTED_AT:   g_value_set_boolean (value, self->has_started_at); break;
    case PROP_STARTED_AT:       g_value_set_uint64 (value, self->started_at); break;
    case PROP_HAS_COMPLETED_AT: g_value_set_boolean (value, self->has_completed_at); break;
    case PROP_COMPLETED_AT:     g_value_set_uint64 (value, self->completed_at); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
axds_tracker_job_class_init (AxdsTrackerJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = axds_tracker_job_finalize;
  object_class->get_property = axds_tracker_job_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, ro);
  properties[PROP_JOB_NAME] = g_param_spec_string ("job-name", NULL, NULL, NULL, ro);
  properties[PROP_SPECIFIER] = g_param_spec_string ("specifier", NULL, NULL, NULL, ro);
  properties[PROP_STATUS] = g_param_spec_enum ("status", NULL, NULL, AXDS_TYPE_PROCESSING_STATUS,
                                               AXDS_PROCESSING_STATUS_SCHEDULED, ro);
  properties[PROP_EXECUTOR_ID] = g_param_spec_string ("executor-id", NULL, NULL, NULL, ro);
  properties[PROP_ERROR_MESSAGE] = g_param_spec_string ("error-message", NULL, NULL, NULL, ro);
  properties[PROP_HAS_STARTED_AT] = g_param_spec_boolean ("has-started-at", NULL, NULL, FALSE,
                                                          ro);
  properties[PROP_STARTED_AT] = g_param_spec_uint64 ("started-at", NULL, NULL, 0, G_MAXUINT64, 0,
                                                     ro);
  properties[PROP_HAS_COMPLETED_AT] = g_param_spec_boolean ("has-completed-at", NULL, NULL,
                                                            FALSE, ro);
  properties[PROP_COMPLETED_AT] = g_param_spec_uint64 ("completed-at", NULL, NULL, 0,
                                                       G_MAXUINT64, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
axds_tracker_job_init (AxdsTrackerJob *self)
{
}

void
_axds_job_record_free (AxdsJobRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->id);
  g_free (record->job_name);
  g_free (record->specifier);
  g_free (record->executor_id);
  g_free (record->error_message);
  g_free (record->chunk);
  g_free (record);
}

AxdsTrackerJob *
_axds_tracker_job_new (const AxdsJobRecord *record)
{
  AxdsTrackerJob *self = g_object_new (AXDS_TYPE_TRACKER_JOB, NULL);

  self->id = g_strdup (record->id);
  self->job_name = g_strdup (record->job_name);
  self->specifier = g_strdup (record->specifier);
  self->status = record->status;
  self->executor_id = g_strdup (record->executor_id);
  self->error_message = g_strdup (record->error_message);
  self->started_at = record->started_at;
  self->completed_at = record->completed_at;
  self->has_started_at = record->has_started_at;
  self->has_completed_at = record->has_completed_at;
  return self;
}

/**
 * axds_tracker_job_get_id:
 * @self: a job
 *
 * Returns: the 16-hex-digit job ID
 */
const char *
axds_tracker_job_get_id (AxdsTrackerJob *self)
{
  g_return_val_if_fail (AXDS_IS_TRACKER_JOB (self), NULL);
  return self->id;
}

/**
 * axds_tracker_job_get_job_name:
 * @self: a job
 *
 * Returns: the job's name
 */
const char *
axds_tracker_job_get_job_name (AxdsTrackerJob *self)
{
  g_return_val_if_fail (AXDS_IS_TRACKER_JOB (self), NULL);
  return self->job_name;
}

/**
 * axds_tracker_job_get_specifier:
 * @self: a job
 *
 * Returns: the job's specifier, "" when it has none
 */
const char *
axds_tracker_job_get_specifier (AxdsTrackerJob *self)
{
  g_return_val_if_fail (AXDS_IS_TRACKER_JOB (self), NULL);
  return self->specifier;
}

/**
 * axds_tracker_job_get_status:
 * @self: a job
 *
 * Returns: the job's status
 */
AxdsProcessingStatus
axds_tracker_job_get_status (AxdsTrackerJob *self)
{
  g_return_val_if_fail (AXDS_IS_TRACKER_JOB (self), AXDS_PROCESSING_STATUS_SCHEDULED);
  return self->status;
}

/**
 * axds_tracker_job_get_executor_id:
 * @self: a job
 *
 * Returns: (nullable): who runs or ran the job
 */
const char *
axds_tracker_job_get_executor_id (AxdsTrackerJob *self)
{
  g_return_val_if_fail (AXDS_IS_TRACKER_JOB (self), NULL);
  return self->executor_id;
}

/**
 * axds_tracker_job_get_error_message:
 * @self: a job
 *
 * Returns: (nullable): why the job failed
 */
const char *
axds_tracker_job_get_error_message (AxdsTrackerJob *self)
{
  g_return_val_if_fail (AXDS_IS_TRACKER_JOB (self), NULL);
  return self->error_message;
}

/**
 * axds_tracker_job_has_started_at:
 * @self: a job
 *
 * Returns: whether the start time is recorded
 */
gboolean
axds_tracker_job_has_started_at (AxdsTrackerJob *self)
{
  g_return_val_if_fail (AXDS_IS_TRACKER_JOB (self), FALSE);
  return self->has_started_at;
}

/**
 * axds_tracker_job_get_started_at:
 * @self: a job
 *
 * Returns: the start time (UTC µs since the epoch), or 0
 */
guint64
axds_tracker_job_get_started_at (AxdsTrackerJob *self)
{
  g_return_val_if_fail (AXDS_IS_TRACKER_JOB (self), 0);
  return self->started_at;
}

/**
 * axds_tracker_job_has_completed_at:
 * @self: a job
 *
 * Returns: whether the completion time is recorded
 */
gboolean
axds_tracker_job_has_completed_at (AxdsTrackerJob *self)
{
  g_return_val_if_fail (AXDS_IS_TRACKER_JOB (self), FALSE);
  return self->has_completed_at;
}

/**
 * axds_tracker_job_get_completed_at:
 * @self: a job
 *
 * Returns: the completion time (UTC µs), or 0
 */
guint64
axds_tracker_job_get_completed_at (AxdsTrackerJob *self)
{
  g_return_val_if_fail (AXDS_IS_TRACKER_JOB (self), 0);
  return self->completed_at;
}

/**
 * axds_tracker_job_equal:
 * @self: a job
 * @other: another job
 *
 * Returns: whether both hold the same ID and state
 */
gboolean
axds_tracker_job_equal (AxdsTrackerJob *self,
                        AxdsTrackerJob *other)
{
  g_return_val_if_fail (AXDS_IS_TRACKER_JOB (self), FALSE);
  g_return_val_if_fail (AXDS_IS_TRACKER_JOB (other), FALSE);

  return g_strcmp0 (self->id, other->id) == 0 &&
         g_strcmp0 (self->job_name, other->job_name) == 0 &&
         g_strcmp0 (self->specifier, other->specifier) == 0 &&
         self->status == other->status &&
         g_strcmp0 (self->executor_id, other->executor_id) == 0 &&
         g_strcmp0 (self->error_message, other->error_message) == 0 &&
         self->has_started_at == other->has_started_at &&
         self->started_at == other->started_at &&
         self->has_completed_at == other->has_completed_at &&
         self->completed_at == other->completed_at;
}

static void
update_string (AxdsTrackerJob  *self,
               char           **field,
               const char      *value,
               guint            prop)
{
  if (g_strcmp0 (*field, value) != 0)
    {
      g_free (*field);
      *field = g_strdup (value);
      g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
    }
}

#define UPDATE_SCALAR(field, prop) \
  G_STMT_START { \
    if (self->field != other->field) \
      { \
        self->field = other->field; \
        g_object_notify_by_pspec (G_OBJECT (self), properties[prop]); \
      } \
  } G_STMT_END

/**
 * axds_tracker_job_update_from:
 * @self: a job
 * @other: a newer reading of the same job
 *
 * Copies the state of @other into @self and notifies each property that changed, so that a
 * list model can keep its items while the file changes under it.
 */
void
axds_tracker_job_update_from (AxdsTrackerJob *self,
                              AxdsTrackerJob *other)
{
  g_return_if_fail (AXDS_IS_TRACKER_JOB (self));
  g_return_if_fail (AXDS_IS_TRACKER_JOB (other));

  g_object_freeze_notify (G_OBJECT (self));
  update_string (self, &self->id, other->id, PROP_ID);
  update_string (self, &self->job_name, other->job_name, PROP_JOB_NAME);
  update_string (self, &self->specifier, other->specifier, PROP_SPECIFIER);
  UPDATE_SCALAR (status, PROP_STATUS);
  update_string (self, &self->executor_id, other->executor_id, PROP_EXECUTOR_ID);
  update_string (self, &self->error_message, other->error_message, PROP_ERROR_MESSAGE);
  UPDATE_SCALAR (has_started_at, PROP_HAS_STARTED_AT);
  UPDATE_SCALAR (started_at, PROP_STARTED_AT);
  UPDATE_SCALAR (has_completed_at, PROP_HAS_COMPLETED_AT);
  UPDATE_SCALAR (completed_at, PROP_COMPLETED_AT);
  g_object_thaw_notify (G_OBJECT (self));
}

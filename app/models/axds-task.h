/* axds-task.h — one checksum, transfer, delete or archive-assembly job of the Tasks page
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include <axds.h>

#include "format/axds-progress-meter.h"

G_BEGIN_DECLS

typedef enum
{
  AXDS_TASK_KIND_CHECKSUM,
  AXDS_TASK_KIND_TRANSFER,
  AXDS_TASK_KIND_DELETE,
  AXDS_TASK_KIND_ASSEMBLE,
} AxdsTaskKind;

typedef enum
{
  AXDS_TASK_STATE_READY,
  AXDS_TASK_STATE_RUNNING,
  AXDS_TASK_STATE_SUCCEEDED,
  AXDS_TASK_STATE_FAILED,
  AXDS_TASK_STATE_CANCELLED,
} AxdsTaskState;

#define AXDS_TYPE_TASK_KIND  (axds_task_kind_get_type ())
#define AXDS_TYPE_TASK_STATE (axds_task_state_get_type ())
#define AXDS_TYPE_TASK       (axds_task_get_type ())

GType axds_task_kind_get_type  (void) G_GNUC_CONST;
GType axds_task_state_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (AxdsTask, axds_task, AXDS, TASK, GObject)

AxdsTask      *axds_task_new_checksum       (const char          *directory,
                                             guint                workers,
                                             gboolean             save_checksum,
                                             const char * const  *excluded_names);
AxdsTask      *axds_task_new_transfer       (const char          *source,
                                             const char          *destination,
                                             guint                threads,
                                             AxdsTransferFlags    flags);
AxdsTask      *axds_task_new_delete         (const char          *directory);
AxdsTask      *axds_task_new_assemble       (const char          *directory,
                                             guint                workers,
                                             AxdsLogAssembleFlags flags);

void           axds_task_start              (AxdsTask            *self);
void           axds_task_cancel             (AxdsTask            *self);
void           axds_task_set_lockstep_for_testing (gboolean       lockstep);

AxdsTaskKind   axds_task_get_kind           (AxdsTask            *self);
AxdsTaskState  axds_task_get_state          (AxdsTask            *self);
gboolean       axds_task_get_running        (AxdsTask            *self);
const char    *axds_task_get_directory      (AxdsTask            *self);
const char    *axds_task_get_destination    (AxdsTask            *self);
const char    *axds_task_get_title          (AxdsTask            *self);
const char    *axds_task_get_subtitle       (AxdsTask            *self);
const char    *axds_task_get_icon_name      (AxdsTask            *self);
double         axds_task_get_fraction       (AxdsTask            *self);
guint64        axds_task_get_files_done     (AxdsTask            *self);
guint64        axds_task_get_files_total    (AxdsTask            *self);
guint64        axds_task_get_bytes_done     (AxdsTask            *self);
guint64        axds_task_get_bytes_total    (AxdsTask            *self);
double         axds_task_get_rate           (AxdsTask            *self);
double         axds_task_get_time_left      (AxdsTask            *self);
const char    *axds_task_get_progress_text  (AxdsTask            *self);
const char    *axds_task_get_status_text    (AxdsTask            *self);
GDateTime     *axds_task_get_started        (AxdsTask            *self);
GDateTime     *axds_task_get_finished       (AxdsTask            *self);
double         axds_task_get_duration       (AxdsTask            *self);
const char    *axds_task_get_result         (AxdsTask            *self);
const char    *axds_task_get_summary        (AxdsTask            *self);
const char    *axds_task_get_error_message  (AxdsTask            *self);


G_END_DECLS

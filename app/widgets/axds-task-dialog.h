/* axds-task-dialog.h — the form that starts a checksum, transfer, delete or assembly task
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "models/axds-task.h"

G_BEGIN_DECLS

#define AXDS_TYPE_TASK_DIALOG (axds_task_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AxdsTaskDialog, axds_task_dialog, AXDS, TASK_DIALOG, AdwMessageDialog)

AxdsTaskDialog *axds_task_dialog_new             (GtkWindow      *parent,
                                                  AxdsTaskKind    kind);
AxdsTaskKind    axds_task_dialog_get_kind        (AxdsTaskDialog *self);
void            axds_task_dialog_set_folder      (AxdsTaskDialog *self,
                                                  const char     *path);
void            axds_task_dialog_set_destination (AxdsTaskDialog *self,
                                                  const char     *path);
char           *axds_task_dialog_dup_folder      (AxdsTaskDialog *self);
gboolean        axds_task_dialog_get_valid       (AxdsTaskDialog *self);
AxdsTask       *axds_task_dialog_create_task     (AxdsTaskDialog *self);

G_END_DECLS

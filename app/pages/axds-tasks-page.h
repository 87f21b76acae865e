/* axds-tasks-page.h — the Tasks page: checksum, transfer, delete and assemble folders
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "axds-page.h"

#include "models/axds-task.h"
#include "widgets/axds-task-dialog.h"

G_BEGIN_DECLS

#define AXDS_TYPE_TASKS_PAGE (axds_tasks_page_get_type ())

G_DECLARE_FINAL_TYPE (AxdsTasksPage, axds_tasks_page, AXDS, TASKS_PAGE, AxdsPage)

GtkWidget        *axds_tasks_page_new              (void);
AxdsTaskDialog   *axds_tasks_page_new_task         (AxdsTasksPage *self,
                                                    AxdsTaskKind   kind);
void              axds_tasks_page_start_task       (AxdsTasksPage *self,
                                                    AxdsTask      *task);
void              axds_tasks_page_confirm_delete   (AxdsTasksPage *self,
                                                    const char    *folder);
AdwMessageDialog *axds_tasks_page_get_confirmation (AxdsTasksPage *self);
GListModel       *axds_tasks_page_get_running      (AxdsTasksPage *self);
GListModel       *axds_tasks_page_get_history      (AxdsTasksPage *self);
guint             axds_tasks_page_get_n_running    (AxdsTasksPage *self);
void              axds_tasks_page_clear_history    (AxdsTasksPage *self);
GtkWidget        *axds_tasks_page_get_row          (AxdsTasksPage *self,
                                                    AxdsTask      *task);
const char       *axds_tasks_page_get_last_notice  (AxdsTasksPage *self,
                                                    gboolean      *as_toast);

G_END_DECLS

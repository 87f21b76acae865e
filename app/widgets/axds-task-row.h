/* axds-task-row.h — a task in the Tasks page's lists: progress while it runs, result after
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "models/axds-task.h"

G_BEGIN_DECLS

#define AXDS_TYPE_TASK_ROW (axds_task_row_get_type ())

G_DECLARE_FINAL_TYPE (AxdsTaskRow, axds_task_row, AXDS, TASK_ROW, GtkListBoxRow)

GtkWidget      *axds_task_row_new              (AxdsTask    *task);
AxdsTask       *axds_task_row_get_task         (AxdsTaskRow *self);
GtkProgressBar *axds_task_row_get_progress_bar (AxdsTaskRow *self);
GtkButton      *axds_task_row_get_cancel_button (AxdsTaskRow *self);
GtkButton      *axds_task_row_get_copy_button  (AxdsTaskRow *self);
GtkLabel       *axds_task_row_get_error_label  (AxdsTaskRow *self);
GtkExpander    *axds_task_row_get_error_expander (AxdsTaskRow *self);

G_END_DECLS

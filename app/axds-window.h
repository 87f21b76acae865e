/* axds-window.h — the main window
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pages/axds-archives-page.h"
#include "pages/axds-live-page.h"
#include "pages/axds-loggers-page.h"
#include "pages/axds-pipelines-page.h"
#include "pages/axds-tasks-page.h"

G_BEGIN_DECLS

#define AXDS_TYPE_WINDOW (axds_window_get_type ())

G_DECLARE_FINAL_TYPE (AxdsWindow, axds_window, AXDS, WINDOW, AdwApplicationWindow)

AxdsWindow   *axds_window_new           (AdwApplication *application,
                                         AxdsDemoPipeline *demo_pipeline);
gboolean      axds_window_set_page      (AxdsWindow     *self,
                                         const char     *name);
const char   *axds_window_get_page      (AxdsWindow     *self);
AxdsLivePage *axds_window_get_live_page (AxdsWindow     *self);
AxdsPipelinesPage *axds_window_get_pipelines_page (AxdsWindow *self);
AxdsLoggersPage *axds_window_get_loggers_page (AxdsWindow *self);
AxdsTasksPage *axds_window_get_tasks_page (AxdsWindow *self);
AxdsArchivesPage *axds_window_get_archives_page (AxdsWindow *self);
void          axds_window_add_toast     (AxdsWindow     *self,
                                         const char     *title);

G_END_DECLS

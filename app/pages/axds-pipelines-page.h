/* axds-pipelines-page.h — the Pipelines page: the trackers of a folder and their jobs
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "axds-page.h"

#include "demo/axds-demo-pipeline.h"
#include "models/axds-tracker-list.h"

G_BEGIN_DECLS

#define AXDS_TYPE_PIPELINES_PAGE (axds_pipelines_page_get_type ())

G_DECLARE_FINAL_TYPE (AxdsPipelinesPage, axds_pipelines_page, AXDS, PIPELINES_PAGE, AxdsPage)

GtkWidget         *axds_pipelines_page_new                (void);
void               axds_pipelines_page_open_folder        (AxdsPipelinesPage  *self,
                                                           const char         *folder,
                                                           gboolean            remember);
AxdsTrackerList   *axds_pipelines_page_get_trackers       (AxdsPipelinesPage  *self);
gboolean           axds_pipelines_page_select_tracker     (AxdsPipelinesPage  *self,
                                                           const char         *path);
AxdsTrackerItem   *axds_pipelines_page_get_selected_tracker (AxdsPipelinesPage *self);
GtkColumnView     *axds_pipelines_page_get_column_view    (AxdsPipelinesPage  *self);
guint              axds_pipelines_page_select_jobs        (AxdsPipelinesPage  *self,
                                                           const char * const *job_ids);
char             **axds_pipelines_page_dup_selected_job_ids (AxdsPipelinesPage *self);
void               axds_pipelines_page_set_search         (AxdsPipelinesPage  *self,
                                                           const char         *text,
                                                           int                 status);
void               axds_pipelines_page_set_demo_pipeline  (AxdsPipelinesPage  *self,
                                                           AxdsDemoPipeline   *demo_pipeline);

G_END_DECLS

/* axds-demo-pipeline.h — the demo's processing pipelines: trackers whose jobs progress
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "axds-demo.h"

G_BEGIN_DECLS

#define AXDS_TYPE_DEMO_PIPELINE (axds_demo_pipeline_get_type ())

G_DECLARE_FINAL_TYPE (AxdsDemoPipeline, axds_demo_pipeline, AXDS, DEMO_PIPELINE, GObject)

AxdsDemoPipeline *axds_demo_pipeline_new          (AxdsDemo          *demo);
gboolean          axds_demo_pipeline_start        (AxdsDemoPipeline  *self,
                                                   GError           **error);
void              axds_demo_pipeline_stop         (AxdsDemoPipeline  *self);
const char       *axds_demo_pipeline_get_folder   (AxdsDemoPipeline  *self);
GPid              axds_demo_pipeline_get_pid      (AxdsDemoPipeline  *self);
gboolean          axds_demo_pipeline_seed         (const char        *folder,
                                                   GError           **error);
char             *axds_demo_pipeline_find_producer (void);

G_END_DECLS

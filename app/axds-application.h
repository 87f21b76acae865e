/* axds-application.h — the axds-monitor application
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "demo/axds-demo.h"
#include "demo/axds-demo-pipeline.h"

G_BEGIN_DECLS

#define AXDS_TYPE_APPLICATION (axds_application_get_type ())

G_DECLARE_FINAL_TYPE (AxdsApplication, axds_application, AXDS, APPLICATION, AdwApplication)

AxdsApplication *axds_application_new        (GApplicationFlags  flags);
AxdsDemo        *axds_application_get_demo   (AxdsApplication   *self);
AxdsDemoPipeline *axds_application_get_demo_pipeline (AxdsApplication *self);
gboolean         axds_application_start_demo (AxdsApplication   *self,
                                              GError           **error);
void             axds_application_stop_demo  (AxdsApplication   *self);

G_END_DECLS

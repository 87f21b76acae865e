/* axds-demo.h — the demo acquisition: producer processes writing realistic arrays
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "axds.h"

G_BEGIN_DECLS

#define AXDS_TYPE_DEMO (axds_demo_get_type ())

G_DECLARE_FINAL_TYPE (AxdsDemo, axds_demo, AXDS, DEMO, GObject)

AxdsDemo           *axds_demo_new               (const char  *prefix);
const char         *axds_demo_get_prefix        (AxdsDemo    *self);
gboolean            axds_demo_start             (AxdsDemo    *self,
                                                 GError     **error);
void                axds_demo_stop              (AxdsDemo    *self);
gboolean            axds_demo_get_running       (AxdsDemo    *self);
GStrv               axds_demo_dup_array_names   (AxdsDemo    *self);
GArray             *axds_demo_dup_pids          (AxdsDemo    *self);
char               *axds_demo_find_helper       (const char  *env_var,
                                                 const char  *program);
char               *axds_demo_find_producer     (void);
const char         *axds_demo_get_log_folder    (AxdsDemo    *self);
AxdsDataLogger     *axds_demo_get_logger        (AxdsDemo    *self);
char               *axds_demo_dup_log_root      (void);

G_END_DECLS

/* axds-loggers-page.h — the Loggers page: every data logger on the machine, live
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "axds-page.h"

#include "models/axds-logger-list.h"
#include "models/axds-watched-folder.h"

G_BEGIN_DECLS

#define AXDS_TYPE_LOGGERS_PAGE (axds_loggers_page_get_type ())

G_DECLARE_FINAL_TYPE (AxdsLoggersPage, axds_loggers_page, AXDS, LOGGERS_PAGE, AxdsPage)

GtkWidget         *axds_loggers_page_new             (void);
AxdsLoggerList    *axds_loggers_page_get_loggers     (AxdsLoggersPage *self);
GListModel        *axds_loggers_page_get_folders     (AxdsLoggersPage *self);
void               axds_loggers_page_refresh         (AxdsLoggersPage *self);
AxdsWatchedFolder *axds_loggers_page_watch_folder    (AxdsLoggersPage *self,
                                                      const char      *path);
void               axds_loggers_page_remove_folder   (AxdsLoggersPage *self,
                                                      AxdsWatchedFolder *folder);
gboolean           axds_loggers_page_select_logger   (AxdsLoggersPage *self,
                                                      const char      *name);
GObject           *axds_loggers_page_get_selected    (AxdsLoggersPage *self);
const char        *axds_loggers_page_get_value       (AxdsLoggersPage *self,
                                                      const char      *key);
char              *axds_loggers_page_dup_row_status  (AxdsLoggersPage *self,
                                                      const char      *name);
double             axds_loggers_page_get_depth_fraction (AxdsLoggersPage *self);
gboolean           axds_loggers_page_get_alarm_shown (AxdsLoggersPage *self);
gboolean           axds_loggers_page_get_dead_shown  (AxdsLoggersPage *self);

G_END_DECLS

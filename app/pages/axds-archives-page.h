/* axds-archives-page.h — the Archives page: the sources and messages of data-logger output
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "axds-page.h"

#include "models/axds-log-source.h"
#include "widgets/axds-rate-plot.h"

G_BEGIN_DECLS

#define AXDS_TYPE_ARCHIVES_PAGE (axds_archives_page_get_type ())

G_DECLARE_FINAL_TYPE (AxdsArchivesPage, axds_archives_page, AXDS, ARCHIVES_PAGE, AxdsPage)

GtkWidget     *axds_archives_page_new                 (void);
void           axds_archives_page_open                (AxdsArchivesPage *self,
                                                       const char       *path);
const char    *axds_archives_page_get_path            (AxdsArchivesPage *self);
const char    *axds_archives_page_get_error           (AxdsArchivesPage *self);
const char    *axds_archives_page_get_problems        (AxdsArchivesPage *self);
double         axds_archives_page_get_progress        (AxdsArchivesPage *self,
                                                       const char      **text);
GListModel    *axds_archives_page_get_sources         (AxdsArchivesPage *self);
void           axds_archives_page_select_source       (AxdsArchivesPage *self,
                                                       guint             position);
AxdsLogSource *axds_archives_page_get_selected_source (AxdsArchivesPage *self);
const char    *axds_archives_page_get_summary         (AxdsArchivesPage *self,
                                                       const char       *field);
GtkColumnView *axds_archives_page_get_message_view    (AxdsArchivesPage *self);
AxdsRatePlot  *axds_archives_page_get_rate_plot       (AxdsArchivesPage *self);
void           axds_archives_page_select_message      (AxdsArchivesPage *self,
                                                       guint             index);
char          *axds_archives_page_dup_dump            (AxdsArchivesPage *self);

G_END_DECLS

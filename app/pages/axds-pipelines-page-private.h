/* axds-pipelines-page-private.h — the Pipelines page's insides, shared by its two files
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "axds-pipelines-page.h"

G_BEGIN_DECLS

struct _AxdsPipelinesPage
{
  AxdsPage             parent_instance;

  /* Template widgets */
  GtkLabel            *folder_label;
  GtkStack            *sidebar_stack;
  GtkListView         *tracker_list;
  AdwStatusPage       *none_status;
  GtkLabel            *tracker_title;
  GtkLabel            *tracker_subtitle;
  GtkButton           *retry_failed_button;
  GtkToggleButton     *search_button;
  GtkSearchBar        *search_bar;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *status_filter;
  GtkStack            *content_stack;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *specifier_column;
  GtkColumnViewColumn *status_column;
  GtkColumnViewColumn *executor_column;
  GtkColumnViewColumn *started_column;
  GtkColumnViewColumn *duration_column;
  GtkColumnViewColumn *error_column;
  GMenuModel          *job_menu;

  /* Owned references */
  GtkWidget           *context_menu;  /* a popover of job_menu, parented to the page */
  AxdsTrackerList     *trackers;
  GtkSingleSelection  *tracker_selection;
  GtkCustomFilter     *filter;
  GtkFilterListModel  *filter_model;
  GtkSortListModel    *sort_model;
  GtkMultiSelection   *job_selection;
  GSignalGroup        *item_signals;
  GSignalGroup        *demo_signals;
  AxdsDemoPipeline    *demo_pipeline;
  GSettings           *settings;
  GHashTable          *ticking;      /* duration labels of bound cells */
  GCancellable        *cancellable;
  char                *demo_folder;
  guint                tick_id;
  guint                busy;

  /* Borrowed references */
  AxdsTrackerItem     *item;         /* the selected tracker */
};

GPtrArray *_axds_pipelines_page_dup_selected_jobs  (AxdsPipelinesPage *self);
char     **_axds_pipelines_page_ids_of             (GPtrArray         *jobs);
void       _axds_pipelines_page_update_actions     (AxdsPipelinesPage *self);
void       _axds_pipelines_page_show_job_error     (AxdsPipelinesPage *self,
                                                    AxdsTrackerJob    *job);
void       _axds_pipelines_page_init_context_menu  (AxdsPipelinesPage *self);
void       _axds_pipelines_page_class_init_actions (GtkWidgetClass    *widget_class);

G_END_DECLS

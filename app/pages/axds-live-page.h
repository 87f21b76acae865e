/* axds-live-page.h — the Live arrays page: every shared array, and the selected one live
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "axds-page.h"

#include "models/axds-array-poller.h"
#include "widgets/axds-array-view.h"

G_BEGIN_DECLS

#define AXDS_TYPE_LIVE_PAGE (axds_live_page_get_type ())

G_DECLARE_FINAL_TYPE (AxdsLivePage, axds_live_page, AXDS, LIVE_PAGE, AxdsPage)

AxdsArrayPoller *axds_live_page_get_poller       (AxdsLivePage *self);
AxdsArrayView   *axds_live_page_get_view         (AxdsLivePage *self);
GtkListView     *axds_live_page_get_list_view    (AxdsLivePage *self);
gboolean         axds_live_page_select           (AxdsLivePage *self,
                                                  const char   *name);
void             axds_live_page_toggle_pause     (AxdsLivePage *self);

G_END_DECLS

/* axds-array-row.h — a row of the live list: one shared array at a glance
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "models/axds-array-item.h"

G_BEGIN_DECLS

#define AXDS_TYPE_ARRAY_ROW (axds_array_row_get_type ())

G_DECLARE_FINAL_TYPE (AxdsArrayRow, axds_array_row, AXDS, ARRAY_ROW, GtkWidget)

GtkWidget     *axds_array_row_new      (void);
AxdsArrayItem *axds_array_row_get_item (AxdsArrayRow  *self);
void           axds_array_row_set_item (AxdsArrayRow  *self,
                                        AxdsArrayItem *item);

G_END_DECLS

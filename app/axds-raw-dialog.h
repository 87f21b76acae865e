/* axds-raw-dialog.h — asks for the name, dtype and shape of a raw buffer to attach to
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define AXDS_TYPE_RAW_DIALOG (axds_raw_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AxdsRawDialog, axds_raw_dialog, AXDS, RAW_DIALOG, AdwWindow)

AxdsRawDialog *axds_raw_dialog_new    (GtkWindow     *parent);
void           axds_raw_dialog_fill   (AxdsRawDialog *self,
                                       const char    *name,
                                       const char    *dtype,
                                       const char    *shape);
gboolean       axds_raw_dialog_attach (AxdsRawDialog *self,
                                       GError       **error);

G_END_DECLS

/* axds-page.h — what every page of the window shares
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define AXDS_TYPE_PAGE (axds_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (AxdsPage, axds_page, AXDS, PAGE, GtkWidget)

struct _AxdsPageClass
{
  GtkWidgetClass parent_class;

  /* What the page shows, for tests and the window: by default the name of the state
   * stack's visible child. */
  const char *(*get_state) (AxdsPage *self);
};

/* A path chosen in a file chooser opened by axds_page_new_chooser(). */
typedef void (*AxdsPagePathFunc) (AxdsPage   *page,
                                  const char *path);

void                  axds_page_add_toast            (AxdsPage             *self,
                                                      const char           *title);
const char           *axds_page_get_last_toast       (AxdsPage             *self);
void                  axds_page_show_error           (AxdsPage             *self,
                                                      const char           *heading,
                                                      const char           *message);
void                  axds_page_set_state            (AxdsPage             *self,
                                                      const char           *name);
const char           *axds_page_get_state            (AxdsPage             *self);
void                  axds_page_show_content         (AxdsPage             *self);
void                  axds_page_show_sidebar         (AxdsPage             *self);
gboolean              axds_page_navigate_back        (AxdsPage             *self);
gboolean              axds_page_get_can_navigate_back (AxdsPage            *self);
gboolean              axds_page_get_folded           (AxdsPage             *self);
void                  axds_page_set_action_enabled   (AxdsPage             *self,
                                                      const char           *name,
                                                      gboolean              enabled);
gboolean              axds_page_get_action_enabled   (AxdsPage             *self,
                                                      const char           *name);
GtkFileChooserNative *axds_page_new_chooser          (AxdsPage             *self,
                                                      GtkFileChooserAction  action,
                                                      const char           *title,
                                                      const char           *accept_label,
                                                      const char           *near,
                                                      AxdsPagePathFunc      chosen);

G_END_DECLS

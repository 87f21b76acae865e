/* axds-live-page.c — the Live arrays page: every shared array, and the selected one live
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A leaflet of the array list (fed by an AxdsArrayPoller) and the live view of the selected
 * array. Folded, the list comes first and activating a row shows the view; the window's back
 * button follows the page's `can-navigate-back` property (AxdsPage). */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "axds-live-page.h"
#include "widgets/axds-array-row.h"

struct _AxdsLivePage
{
  AxdsPage            parent_instance;

  /* Template widgets */
  GtkListView        *list_view;
  GtkStack           *content_stack;
  AxdsArrayView      *view;

  /* Owned references */
  AxdsArrayPoller    *poller;
  GtkSingleSelection *selection;
  GSettings          *settings;

  /* The name of the array last selected: followed when its array is made again. */
  char               *followed_name;
  guint               back_idle_id;
};

enum {
  PROP_0,
  PROP_POLLER,
  PROP_SUBTITLE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (AxdsLivePage, axds_live_page, AXDS_TYPE_PAGE)

static GParamSpec *properties[N_PROPS];

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, axds_array_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  AxdsArrayItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *row = gtk_list_item_get_child (list_item);

  axds_array_row_set_item (AXDS_ARRAY_ROW (row), item);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, axds_array_item_get_name (item),
                                  -1);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  axds_array_row_set_item (AXDS_ARRAY_ROW (gtk_list_item_get_child (list_item)), NULL);
}

/* A producer that restarts makes its arrays again under the same names (a new item each);
 * the view follows the name, so the experimenter keeps watching the same signal. */
static gboolean
axds_live_page_reselect_followed (AxdsLivePage *self)
{
  if (self->followed_name == NULL || gtk_single_selection_get_selected_item (self->selection))
    return FALSE;
  return axds_live_page_select (self, self->followed_name);
}

static gboolean follow_idle_cb (gpointer user_data);

static void
axds_live_page_queue_follow (AxdsLivePage *self)
{
  if (self->back_idle_id == 0)
    self->back_idle_id = g_idle_add (follow_idle_cb, self);
}

static void
axds_live_page_items_changed_cb (AxdsLivePage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

  if (self->view == NULL)
    return;

  /* Not from inside the selection's own signal: after it, from an idle. */
  if (self->followed_name != NULL &&
      gtk_single_selection_get_selected_item (self->selection) == NULL)
    axds_live_page_queue_follow (self);

  /* Without any array, one status page offers the demo instead of an empty list beside an
   * empty view. */
  axds_page_set_state (AXDS_PAGE (self), n > 0 ? "arrays" : "empty");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
}

static gboolean
follow_idle_cb (gpointer user_data)
{
  AxdsLivePage *self = user_data;

  self->back_idle_id = 0;

  /* Folded on the view of an array that went away and did not come back: to the list. */
  if (!axds_live_page_reselect_followed (self) &&
      gtk_single_selection_get_selected_item (self->selection) == NULL)
    axds_page_show_sidebar (AXDS_PAGE (self));

  return G_SOURCE_REMOVE;
}

static void
axds_live_page_selection_changed_cb (AxdsLivePage *self)
{
  AxdsArrayItem *item = gtk_single_selection_get_selected_item (self->selection);

  if (self->view == NULL)
    return;

  if (item != NULL)
    {
      g_free (self->followed_name);
      self->followed_name = g_strdup (axds_array_item_get_name (item));
    }

  axds_array_view_set_item (self->view, item);
  gtk_stack_set_visible_child_name (self->content_stack, item != NULL ? "view" : "placeholder");

  /* Decided once the listing that removed the item has also added what is new. */
  if (item == NULL)
    axds_live_page_queue_follow (self);
}

static void
list_activate_cb (AxdsLivePage *self,
                  guint         position)
{
  gtk_single_selection_set_selected (self->selection, position);
  axds_page_show_content (AXDS_PAGE (self));
}

static void
axds_live_page_dispose (GObject *object)
{
  AxdsLivePage *self = (AxdsLivePage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), AXDS_TYPE_LIVE_PAGE);

  g_clear_handle_id (&self->back_idle_id, g_source_remove);
  g_clear_object (&self->selection);
  g_clear_object (&self->poller);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->followed_name, g_free);

  G_OBJECT_CLASS (axds_live_page_parent_class)->dispose (object);
}

static void
axds_live_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AxdsLivePage *self = AXDS_LIVE_PAGE (object);

  switch (prop_id)
    {
    case PROP_POLLER:
      g_value_set_object (value, self->poller);
      break;

    case PROP_SUBTITLE:
      {
        guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

        /* Nothing under the title when the page itself says there are no arrays. */
        if (n > 0)
          g_value_take_string (value, g_strdup_printf (ngettext ("%u array", "%u arrays", n), n));
      }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
axds_live_page_class_init (AxdsLivePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = axds_live_page_dispose;
  object_class->get_property = axds_live_page_get_property;

  properties[PROP_POLLER] =
    g_param_spec_object ("poller", NULL, NULL, AXDS_TYPE_ARRAY_POLLER,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               AXDS_RESOURCE_PATH "axds-live-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AxdsLivePage, list_view);
  gtk_widget_class_bind_template_child (widget_class, AxdsLivePage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, AxdsLivePage, view);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);

  g_type_ensure (AXDS_TYPE_ARRAY_VIEW);
}

static void
axds_live_page_init (AxdsLivePage *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  GListModel *model;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->poller = axds_array_poller_new ();
  model = axds_array_poller_get_model (self->poller);
  self->selection = gtk_single_selection_new (g_object_ref (model));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection, "items-changed",
                           G_CALLBACK (axds_live_page_items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (axds_live_page_selection_changed_cb), self,
                           G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "refresh-rate", self->view, "refresh-rate", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "history-seconds", self->view, "history-seconds",
                   G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "colormap", self->view, "colormap", G_SETTINGS_BIND_DEFAULT);

  axds_live_page_items_changed_cb (self);
}

/**
 * axds_live_page_get_poller:
 * @self: a page
 *
 * Returns: (transfer none): the poller that feeds the list
 */
AxdsArrayPoller *
axds_live_page_get_poller (AxdsLivePage *self)
{
  g_return_val_if_fail (AXDS_IS_LIVE_PAGE (self), NULL);
  return self->poller;
}

/**
 * axds_live_page_get_view:
 * @self: a page
 *
 * Returns: (transfer none): the live view of the selected array
 */
AxdsArrayView *
axds_live_page_get_view (AxdsLivePage *self)
{
  g_return_val_if_fail (AXDS_IS_LIVE_PAGE (self), NULL);
  return self->view;
}

/**
 * axds_live_page_get_list_view:
 * @self: a page
 *
 * Returns: (transfer none): the list of arrays
 */
GtkListView *
axds_live_page_get_list_view (AxdsLivePage *self)
{
  g_return_val_if_fail (AXDS_IS_LIVE_PAGE (self), NULL);
  return self->list_view;
}

/**
 * axds_live_page_select:
 * @self: a page
 * @name: an array name
 *
 * Selects the array of that name, if the list has it.
 *
 * Returns: whether it was found
 */
gboolean
axds_live_page_select (AxdsLivePage *self,
                       const char   *name)
{
  guint position;

  g_return_val_if_fail (AXDS_IS_LIVE_PAGE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (axds_array_poller_find (self->poller, name, &position) == NULL)
    return FALSE;

  gtk_single_selection_set_selected (self->selection, position);
  return TRUE;
}

void
axds_live_page_toggle_pause (AxdsLivePage *self)
{
  g_return_if_fail (AXDS_IS_LIVE_PAGE (self));

  axds_array_view_set_paused (self->view, !axds_array_view_get_paused (self->view));
}

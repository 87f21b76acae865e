/* axds-page.c — what every page of the window shares
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The base class of the pages in app/pages/: the chores each page has, done once. A page's
 * template hands its widgets over by property (`toast-overlay`, `state-stack`, `leaflet`,
 * `back-button`), so the widgets stay in the page's .ui file:
 *
 * - toasts over the page, the last one's title kept for tests;
 * - the page's state: the visible child of its state stack ("empty" shows its status page);
 * - the list/detail leaflet: `can-navigate-back`, the `page.navigate-back` action (Alt+Left)
 *   and the back button that shows while it can;
 * - an error shown in a dialog, whole and selectable, with a button to copy it;
 * - which of the page's actions are enabled (GTK 4.8 cannot tell);
 * - a file chooser that hands the chosen path to the page. */

#include "config.h"

#include <glib/gi18n.h>

#include "axds-page.h"

typedef struct
{
  /* Borrowed from the subclass's template, held until dispose */
  AdwToastOverlay *toast_overlay;
  GtkStack        *state_stack;
  AdwLeaflet      *leaflet;
  GtkWidget       *back_button;

  /* Owned references */
  GHashTable      *enabled;       /* action name → whether it is enabled */
  char            *last_toast;
  AdwToast        *toast;         /* the toast shown, while it is (weak) */
  guint            toast_timeout;
  gboolean         can_navigate_back;
} AxdsPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (AxdsPage, axds_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TOAST_OVERLAY,
  PROP_TOAST_TIMEOUT,
  PROP_STATE_STACK,
  PROP_LEAFLET,
  PROP_BACK_BUTTON,
  PROP_CAN_NAVIGATE_BACK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
leaflet_changed_cb (AxdsPage *self)
{
  AxdsPagePrivate *priv = axds_page_get_instance_private (self);
  gboolean back = priv->leaflet != NULL && adw_leaflet_get_folded (priv->leaflet) &&
                  g_strcmp0 (adw_leaflet_get_visible_child_name (priv->leaflet), "content") == 0;

  if (priv->back_button != NULL)
    gtk_widget_set_visible (priv->back_button, back);
  axds_page_set_action_enabled (self, "page.navigate-back", back);
  if (back != priv->can_navigate_back)
    {
      priv->can_navigate_back = back;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_NAVIGATE_BACK]);
    }
}

static void
axds_page_set_leaflet (AxdsPage   *self,
                       AdwLeaflet *leaflet)
{
  AxdsPagePrivate *priv = axds_page_get_instance_private (self);

  if (priv->leaflet != NULL)
    g_signal_handlers_disconnect_by_data (priv->leaflet, self);
  if (!g_set_object (&priv->leaflet, leaflet))
    return;
  if (leaflet != NULL)
    {
      g_signal_connect_object (leaflet, "notify::folded", G_CALLBACK (leaflet_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (leaflet, "notify::visible-child", G_CALLBACK (leaflet_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }
  leaflet_changed_cb (self);
}

static void
navigate_back_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  axds_page_navigate_back (AXDS_PAGE (widget));
}

static const char *
axds_page_real_get_state (AxdsPage *self)
{
  AxdsPagePrivate *priv = axds_page_get_instance_private (self);

  return priv->state_stack != NULL ? gtk_stack_get_visible_child_name (priv->state_stack)
                                   : NULL;
}

static void
axds_page_dispose (GObject *object)
{
  AxdsPage *self = AXDS_PAGE (object);
  AxdsPagePrivate *priv = axds_page_get_instance_private (self);
  GtkWidget *child;

  /* The subclass has disposed its template; children it keeps no field for go here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  if (priv->leaflet != NULL)
    g_signal_handlers_disconnect_by_data (priv->leaflet, self);
  g_clear_object (&priv->leaflet);
  g_clear_object (&priv->toast_overlay);
  g_clear_object (&priv->state_stack);
  g_clear_object (&priv->back_button);
  g_clear_weak_pointer (&priv->toast);

  G_OBJECT_CLASS (axds_page_parent_class)->dispose (object);
}

static void
axds_page_finalize (GObject *object)
{
  AxdsPage *self = AXDS_PAGE (object);
  AxdsPagePrivate *priv = axds_page_get_instance_private (self);

  g_hash_table_unref (priv->enabled);
  g_free (priv->last_toast);

  G_OBJECT_CLASS (axds_page_parent_class)->finalize (object);
}

static void
axds_page_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  AxdsPage *self = AXDS_PAGE (object);
  AxdsPagePrivate *priv = axds_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_TOAST_TIMEOUT:
      g_value_set_uint (value, priv->toast_timeout);
      break;
    case PROP_CAN_NAVIGATE_BACK:
      g_value_set_boolean (value, priv->can_navigate_back);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
axds_page_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  AxdsPage *self = AXDS_PAGE (object);
  AxdsPagePrivate *priv = axds_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_TOAST_OVERLAY:
      g_set_object (&priv->toast_overlay, g_value_get_object (value));
      break;
    case PROP_TOAST_TIMEOUT:
      priv->toast_timeout = g_value_get_uint (value);
      break;
    case PROP_STATE_STACK:
      g_set_object (&priv->state_stack, g_value_get_object (value));
      break;
    case PROP_LEAFLET:
      axds_page_set_leaflet (self, g_value_get_object (value));
      break;
    case PROP_BACK_BUTTON:
      if (g_set_object (&priv->back_button, g_value_get_object (value)))
        leaflet_changed_cb (self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
axds_page_class_init (AxdsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = axds_page_dispose;
  object_class->finalize = axds_page_finalize;
  object_class->get_property = axds_page_get_property;
  object_class->set_property = axds_page_set_property;

  klass->get_state = axds_page_real_get_state;

  /* The widgets of the subclass's template that the page's chores use, set from the .ui
   * file: where toasts show (toast-overlay, for toast-timeout seconds); the stack whose
   * visible child is the page's state ("empty": its status page); the list/detail leaflet
   * (children "sidebar" and "content"); the button shown while the page can navigate back
   * (action page.navigate-back). Write-only: the page hands them to no one. */
  properties[PROP_TOAST_OVERLAY] =
    g_param_spec_object ("toast-overlay", NULL, NULL, ADW_TYPE_TOAST_OVERLAY,
                         G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOAST_TIMEOUT] =
    g_param_spec_uint ("toast-timeout", NULL, NULL, 0, G_MAXUINT, 3,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE_STACK] =
    g_param_spec_object ("state-stack", NULL, NULL, GTK_TYPE_STACK,
                         G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LEAFLET] =
    g_param_spec_object ("leaflet", NULL, NULL, ADW_TYPE_LEAFLET,
                         G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BACK_BUTTON] =
    g_param_spec_object ("back-button", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS);
  /**
   * AxdsPage:can-navigate-back:
   *
   * Whether the leaflet is folded on the content, so that back leads to the list.
   */
  properties[PROP_CAN_NAVIGATE_BACK] =
    g_param_spec_boolean ("can-navigate-back", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "page.navigate-back", NULL,
                                   navigate_back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "page.navigate-back", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
axds_page_init (AxdsPage *self)
{
  AxdsPagePrivate *priv = axds_page_get_instance_private (self);

  priv->enabled = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  priv->toast_timeout = 3;
  axds_page_set_action_enabled (self, "page.navigate-back", FALSE);
}

/**
 * axds_page_add_toast:
 * @self: a page
 * @title: what to tell
 *
 * Shows a toast over the page; while one shows, @title takes its place instead.
 */
void
axds_page_add_toast (AxdsPage   *self,
                     const char *title)
{
  AxdsPagePrivate *priv = axds_page_get_instance_private (self);
  AdwToast *toast;

  g_return_if_fail (AXDS_IS_PAGE (self));
  g_return_if_fail (title != NULL);

  g_free (priv->last_toast);
  priv->last_toast = g_strdup (title);
  if (priv->toast_overlay == NULL)
    return;

  /* A burst of toasts would queue for a minute: the latest takes the shown one's place. By
   * its title, not by dismissing it: libadwaita 1.2 can crash when a dismissed toast's hide
   * animation is cut short (its “done” handler unrefs a freed object, GNOME/libadwaita 1.2.0
   * adw-toast-overlay.c). */
  if (priv->toast != NULL)
    {
      adw_toast_set_title (priv->toast, title);
      return;
    }
  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, priv->toast_timeout);
  g_set_weak_pointer (&priv->toast, toast);
  adw_toast_overlay_add_toast (priv->toast_overlay, toast);
}

/**
 * axds_page_get_last_toast:
 * @self: a page
 *
 * Returns: (nullable): the title of the last toast the page showed
 */
const char *
axds_page_get_last_toast (AxdsPage *self)
{
  AxdsPagePrivate *priv = axds_page_get_instance_private (self);

  g_return_val_if_fail (AXDS_IS_PAGE (self), NULL);
  return priv->last_toast;
}

static void
show_error_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        gpointer          user_data)
{
  if (g_str_equal (response, "copy"))
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (dialog)),
                            g_object_get_data (G_OBJECT (dialog), "axds-message"));
}

/**
 * axds_page_show_error:
 * @self: a page
 * @heading: what failed
 * @message: the error, as long as it is (a traceback, say)
 *
 * Shows @message whole in a dialog over the page's window: selectable, scrolled when long,
 * with a button to copy it.
 */
void
axds_page_show_error (AxdsPage   *self,
                      const char *heading,
                      const char *message)
{
  GtkRoot *root;
  GtkWidget *scrolled, *label;
  AdwMessageDialog *dialog;

  g_return_if_fail (AXDS_IS_PAGE (self));
  g_return_if_fail (message != NULL);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       heading, NULL));
  label = gtk_label_new (message);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_yalign (GTK_LABEL (label), 0.0);
  gtk_widget_add_css_class (label, "monospace");
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Error message"), -1);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
  adw_message_dialog_set_extra_child (dialog, scrolled);
  adw_message_dialog_add_responses (dialog,
                                    "copy", _("C_opy"),
                                    "close", _("_Close"),
                                    NULL);
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  g_object_set_data_full (G_OBJECT (dialog), "axds-message", g_strdup (message), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (show_error_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * axds_page_set_state:
 * @self: a page
 * @name: a child of the page's state stack
 *
 * Shows that child: "empty" for the page's status page.
 */
void
axds_page_set_state (AxdsPage   *self,
                     const char *name)
{
  AxdsPagePrivate *priv = axds_page_get_instance_private (self);

  g_return_if_fail (AXDS_IS_PAGE (self));
  g_return_if_fail (priv->state_stack != NULL);

  gtk_stack_set_visible_child_name (priv->state_stack, name);
}

/**
 * axds_page_get_state:
 * @self: a page
 *
 * Returns: (nullable): what the page shows, such as "empty"; each page says which names
 *   it has
 */
const char *
axds_page_get_state (AxdsPage *self)
{
  g_return_val_if_fail (AXDS_IS_PAGE (self), NULL);
  return AXDS_PAGE_GET_CLASS (self)->get_state (self);
}

/* Shows the details (all of the page when the leaflet is folded). */
void
axds_page_show_content (AxdsPage *self)
{
  AxdsPagePrivate *priv = axds_page_get_instance_private (self);

  g_return_if_fail (AXDS_IS_PAGE (self));
  g_return_if_fail (priv->leaflet != NULL);

  adw_leaflet_set_visible_child_name (priv->leaflet, "content");
}

/* Folded, back to the list: the details have nothing left to show. */
void
axds_page_show_sidebar (AxdsPage *self)
{
  AxdsPagePrivate *priv = axds_page_get_instance_private (self);

  g_return_if_fail (AXDS_IS_PAGE (self));
  g_return_if_fail (priv->leaflet != NULL);

  if (adw_leaflet_get_folded (priv->leaflet))
    adw_leaflet_set_visible_child_name (priv->leaflet, "sidebar");
}

/* Returns: whether the leaflet went back to the list. */
gboolean
axds_page_navigate_back (AxdsPage *self)
{
  AxdsPagePrivate *priv = axds_page_get_instance_private (self);

  g_return_val_if_fail (AXDS_IS_PAGE (self), FALSE);

  return priv->leaflet != NULL &&
         adw_leaflet_navigate (priv->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

gboolean
axds_page_get_can_navigate_back (AxdsPage *self)
{
  AxdsPagePrivate *priv = axds_page_get_instance_private (self);

  g_return_val_if_fail (AXDS_IS_PAGE (self), FALSE);
  return priv->can_navigate_back;
}

/* Whether the leaflet shows one of list and details at a time (a narrow window). */
gboolean
axds_page_get_folded (AxdsPage *self)
{
  AxdsPagePrivate *priv = axds_page_get_instance_private (self);

  g_return_val_if_fail (AXDS_IS_PAGE (self), FALSE);
  return priv->leaflet != NULL && adw_leaflet_get_folded (priv->leaflet);
}

/**
 * axds_page_set_action_enabled:
 * @self: a page
 * @name: an action of the page, such as "page.navigate-back"
 * @enabled: whether it can be activated
 *
 * Enables or disables the action and remembers which, for axds_page_get_action_enabled().
 */
void
axds_page_set_action_enabled (AxdsPage   *self,
                              const char *name,
                              gboolean    enabled)
{
  AxdsPagePrivate *priv = axds_page_get_instance_private (self);

  g_return_if_fail (AXDS_IS_PAGE (self));
  g_return_if_fail (name != NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), name, enabled);
  g_hash_table_insert (priv->enabled, g_strdup (name), GINT_TO_POINTER (enabled));
}

/* Returns: whether the action is enabled now (GTK 4.8 cannot tell: the page keeps what it
 * set through axds_page_set_action_enabled()). */
gboolean
axds_page_get_action_enabled (AxdsPage   *self,
                              const char *name)
{
  AxdsPagePrivate *priv = axds_page_get_instance_private (self);

  g_return_val_if_fail (AXDS_IS_PAGE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return GPOINTER_TO_INT (g_hash_table_lookup (priv->enabled, name));
}

static void
chooser_response_cb (GtkFileChooserNative *chooser,
                     int                   response,
                     AxdsPage             *self)
{
  AxdsPagePathFunc chosen = g_object_get_data (G_OBJECT (chooser), "axds-chosen");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        chosen (self, path);
    }
  g_object_unref (chooser);
}

/**
 * axds_page_new_chooser:
 * @self: a page
 * @action: what is chosen: a file to open, a folder…
 * @title: the chooser's title
 * @accept_label: its button that accepts
 * @near: (nullable): a path: the chooser opens in the folder that holds it
 * @chosen: (scope async): given the chosen path, if any
 *
 * Makes a modal file chooser over the page's window, not shown yet (add filters, then call
 * gtk_native_dialog_show()). It frees itself when answered.
 *
 * Returns: (transfer none): the chooser
 */
GtkFileChooserNative *
axds_page_new_chooser (AxdsPage             *self,
                       GtkFileChooserAction  action,
                       const char           *title,
                       const char           *accept_label,
                       const char           *near,
                       AxdsPagePathFunc      chosen)
{
  GtkRoot *root;
  GtkFileChooserNative *chooser;

  g_return_val_if_fail (AXDS_IS_PAGE (self), NULL);
  g_return_val_if_fail (chosen != NULL, NULL);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         action, accept_label, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (near != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (near);
      g_autoptr(GFile) parent = g_file_get_parent (file);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser),
                                           parent != NULL ? parent : file, NULL);
    }
  g_object_set_data (G_OBJECT (chooser), "axds-chosen", chosen);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  return chooser;
}

/* axds-array-view.c — one shared array shown live: image, trace or values with history
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The sampler of the live view. While the view is mapped, a frame-clock tick callback reads
 * the array at most `refresh-rate` times a second, and only when its write counter moved:
 * a lock-free snapshot (axds_shared_array_snapshot()) copies the data, so a producer is never
 * blocked by the monitor, however slow a frame is. The copy is then shown by kind:
 *
 * - image: two or more dimensions and more than a handful of elements (the first plane of
 *   higher-dimensional arrays), through a colour map into a GdkMemoryTexture;
 * - trace: one dimension, as an autoscaled line plot with min/max/mean/last;
 * - values: up to MAX_VALUES elements, as a table and a history plot sampled every
 *   HISTORY_PERIOD_US whether or not the values changed, so time keeps moving on the plot.
 *
 * A view that is unmapped (hidden page, folded leaflet) has no tick callback and reads
 * nothing.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "axds-array-view.h"
#include "format/axds-format.h"
#include "axds-image-view.h"
#include "axds-line-plot.h"
#include "models/axds-colormap.h"
#include "models/axds-history.h"

#define MAX_VALUES        16
#define HISTORY_PERIOD_US (50 * 1000)
#define SNAPSHOT_TIMEOUT_US 2000
/* Each update copies the whole array on the main thread: past this, it would stall the UI. */
#define MAX_LIVE_BYTES    (256 * 1024 * 1024)

typedef enum
{
  KIND_NONE,
  KIND_IMAGE,
  KIND_TRACE,
  KIND_VALUES,
  KIND_MESSAGE,
} Kind;

static const char *kind_names[] = { "none", "image", "trace", "values", "message" };

struct _AxdsArrayView
{
  GtkWidget        parent_instance;

  /* Template widgets */
  GtkLabel        *title_label;
  GtkLabel        *subtitle_label;
  GtkLabel        *rate_label;
  GtkMenuButton   *display_button;
  GtkToggleButton *pause_button;
  GtkStack        *stack;
  AxdsImageView   *image_view;
  GtkLabel        *image_stats_label;
  AxdsLinePlot    *trace_plot;
  GtkLabel        *trace_min_label;
  GtkLabel        *trace_max_label;
  GtkLabel        *trace_mean_label;
  GtkLabel        *trace_last_label;
  GtkListBox      *value_list;
  AxdsLinePlot    *history_plot;
  AdwStatusPage   *message_page;
  GtkDropDown     *colormap_dropdown;
  GtkSwitch       *auto_contrast_switch;
  GtkSpinButton   *contrast_min_spin;
  GtkSpinButton   *contrast_max_spin;

  /* Owned references */
  AxdsArrayItem   *item;
  AxdsSharedArray *array;
  AxdsHistory     *history;
  GdkTexture      *texture;
  GPtrArray       *value_labels;   /* borrowed GtkLabel in value_list rows */
  guint8          *buffer;
  double          *values;

  /* State */
  Kind             kind;
  gsize            nbytes;
  guint64          n_elements;
  guint            width;
  guint            height;
  guint64          last_write_count;
  gint64           last_update_us;
  gint64           last_history_us;
  gint64           rate_window_start_us;
  guint            rate_window_frames;
  double           update_rate;
  guint64          frames;
  guint            tick_id;
  int              refresh_rate;
  int              history_seconds;
  AxdsColormap     colormap;
  guint32          lut[256];
  AxdsFrameStats   stats;
  gboolean         has_data;
  gboolean         paused;
  gboolean         auto_contrast;
};

enum {
  PROP_0,
  PROP_ITEM,
  PROP_PAUSED,
  PROP_FRAMES,
  PROP_KIND,
  PROP_UPDATE_RATE,
  PROP_REFRESH_RATE,
  PROP_HISTORY_SECONDS,
  PROP_COLORMAP,
  PROP_AUTO_CONTRAST,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (AxdsArrayView, axds_array_view, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];

static void axds_array_view_update_actions (AxdsArrayView *self);

static void
axds_array_view_set_kind (AxdsArrayView *self,
                          Kind           kind)
{
  if (self->kind == kind)
    return;

  self->kind = kind;
  if (kind != KIND_NONE)
    gtk_stack_set_visible_child_name (self->stack, kind_names[kind]);
  gtk_widget_set_visible (GTK_WIDGET (self->display_button), kind == KIND_IMAGE);
  axds_array_view_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

static void
axds_array_view_show_message (AxdsArrayView *self,
                              const char    *icon_name,
                              const char    *title,
                              const char    *description)
{
  adw_status_page_set_icon_name (self->message_page, icon_name);
  adw_status_page_set_title (self->message_page, title);
  adw_status_page_set_description (self->message_page, description);
  axds_array_view_set_kind (self, KIND_MESSAGE);
}

static void
axds_array_view_update_rate_label (AxdsArrayView *self)
{
  g_autofree char *text = NULL;

  if (self->array == NULL)
    text = g_strdup ("");
  else if (self->paused)
    /* Translators: the live view does not read the array */
    text = g_strdup (_("Paused"));
  else
    /* Translators: how often per second the live view shows new data */
    text = g_strdup_printf (_("%.0f updates/s"), self->update_rate);

  gtk_label_set_label (self->rate_label, text);
}

static void
axds_array_view_close (AxdsArrayView *self)
{
  g_clear_pointer (&self->array, axds_shared_array_unref);
  g_clear_object (&self->history);
  g_clear_object (&self->texture);
  g_clear_pointer (&self->buffer, g_free);
  g_clear_pointer (&self->values, g_free);
  self->has_data = FALSE;
  self->last_write_count = 0;
  self->nbytes = 0;
  self->n_elements = 0;

  /* dispose may run twice; the template children are gone the second time. */
  if (self->image_view != NULL)
    {
      axds_image_view_set_texture (self->image_view, NULL);
      axds_line_plot_set_values (self->trace_plot, NULL, 0);
      axds_line_plot_set_history (self->history_plot, NULL, self->history_seconds);
    }
}

static void
axds_array_view_build_value_rows (AxdsArrayView *self)
{
  GtkWidget *child;
  const guint64 *shape = axds_array_item_get_shape (self->item);
  guint ndim = axds_array_item_get_ndim (self->item);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->value_list))) != NULL)
    gtk_list_box_remove (self->value_list, child);
  g_ptr_array_set_size (self->value_labels, 0);

  for (guint64 i = 0; i < self->n_elements; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *swatch = gtk_label_new ("●");
      GtkWidget *value = gtk_label_new ("—");
      g_autofree char *title = NULL;
      g_autofree char *css = g_strdup_printf ("series-%u", (guint)(i % 7));

      if (self->n_elements == 1)
        /* Translators: the title of the row of a single value */
        title = g_strdup (_("Value"));
      else if (ndim == 2)
        title = g_strdup_printf ("[%" G_GUINT64_FORMAT ", %" G_GUINT64_FORMAT "]",
                                 i / shape[1], i % shape[1]);
      else
        title = g_strdup_printf ("[%" G_GUINT64_FORMAT "]", i);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_widget_add_css_class (swatch, "swatch");
      gtk_widget_add_css_class (swatch, css);
      gtk_accessible_update_state (GTK_ACCESSIBLE (swatch), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), swatch);
      gtk_widget_add_css_class (value, "numeric");
      gtk_widget_add_css_class (value, "title-4");
      gtk_label_set_selectable (GTK_LABEL (value), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (value),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL,
                                      -1);
      gtk_list_box_append (self->value_list, row);
      g_ptr_array_add (self->value_labels, value);
    }
}

static gboolean
axds_array_view_open (AxdsArrayView *self)
{
  g_autoptr(GError) error = NULL;
  guint ndim = axds_array_item_get_ndim (self->item);
  const guint64 *shape = axds_array_item_get_shape (self->item);
  AxdsDtype dtype = axds_array_item_get_dtype (self->item);
  g_autofree char *shape_text = axds_format_shape (ndim, shape);
  g_autofree char *summary = NULL;

  summary = axds_format_summary (axds_dtype_to_string (dtype), shape_text,
                                 axds_array_item_get_nbytes (self->item));
  gtk_label_set_label (self->title_label, axds_array_item_get_name (self->item));
  gtk_label_set_label (self->subtitle_label, summary);

  self->array = axds_array_item_open (self->item, &error);
  if (self->array == NULL)
    {
      axds_array_view_show_message (self, "dialog-error-symbolic",
                                    _("Cannot Open Array"), error->message);
      return FALSE;
    }

  /* Never wait on the main thread for a writer: a busy array is simply read next frame. */
  axds_shared_array_set_snapshot_timeout (self->array, SNAPSHOT_TIMEOUT_US);

  self->nbytes = axds_shared_array_get_nbytes (self->array);
  self->n_elements = axds_shared_array_get_n_elements (self->array);
  if (self->n_elements == 0 || self->nbytes == 0 || axds_dtype_get_itemsize (dtype) == 0)
    {
      axds_array_view_show_message (self, "dialog-information-symbolic",
                                    _("Empty Array"), _("This array has no elements to show."));
      g_clear_pointer (&self->array, axds_shared_array_unref);
      return FALSE;
    }

  if (self->nbytes > MAX_LIVE_BYTES)
    {
      g_autofree char *size = axds_format_bytes (self->nbytes);
      /* Translators: %s is a size such as “1.2 GiB” */
      g_autofree char *description = g_strdup_printf (_("At %s, this array is too large to "
                                                        "copy many times a second."), size);

      axds_array_view_show_message (self, "dialog-information-symbolic",
                                    _("Too Large to Show Live"), description);
      g_clear_pointer (&self->array, axds_shared_array_unref);
      return FALSE;
    }

  self->buffer = g_malloc (self->nbytes);

  if (self->n_elements <= MAX_VALUES)
    {
      /* 20 samples a second over the history window, and some slack. */
      guint capacity = (guint)(self->history_seconds * (G_USEC_PER_SEC / HISTORY_PERIOD_US)) + 64;

      self->values = g_new0 (double, self->n_elements);
      self->history = axds_history_new ((guint)self->n_elements, capacity);
      axds_line_plot_set_history (self->history_plot, self->history, self->history_seconds);
      axds_array_view_build_value_rows (self);
      axds_array_view_set_kind (self, KIND_VALUES);
    }
  else if (ndim >= 2)
    {
      self->height = (guint)shape[ndim - 2];
      self->width = (guint)shape[ndim - 1];
      axds_array_view_set_kind (self, KIND_IMAGE);
    }
  else
    {
      self->values = g_new0 (double, self->n_elements);
      axds_array_view_set_kind (self, KIND_TRACE);
    }

  return TRUE;
}

static void
set_stat_label (GtkLabel *label,
                double    value)
{
  g_autofree char *text = axds_format_value (value);
  gtk_label_set_label (label, text);
}

static void
axds_array_view_show_data (AxdsArrayView *self)
{
  AxdsDtype dtype = axds_array_item_get_dtype (self->item);

  switch (self->kind)
    {
    case KIND_IMAGE:
      {
        gsize plane = (gsize)self->width * self->height;
        double lo, hi;
        g_autofree char *min_text = NULL;
        g_autofree char *max_text = NULL;
        g_autofree char *mean_text = NULL;
        g_autofree char *stats_text = NULL;

        axds_frame_compute_stats (dtype, self->buffer, plane, &self->stats);
        if (self->auto_contrast)
          {
            lo = self->stats.min;
            hi = self->stats.max;
          }
        else
          {
            lo = gtk_spin_button_get_value (self->contrast_min_spin);
            hi = gtk_spin_button_get_value (self->contrast_max_spin);
          }

        g_clear_object (&self->texture);
        self->texture = axds_frame_render_texture (dtype, self->width, self->height,
                                                   self->buffer, lo, hi, self->lut);
        axds_image_view_set_texture (self->image_view, self->texture);

        min_text = axds_format_value (self->stats.min);
        max_text = axds_format_value (self->stats.max);
        mean_text = axds_format_value (self->stats.mean);
        /* Translators: statistics of an image */
        stats_text = g_strdup_printf (_("min %s · max %s · mean %s"),
                                      min_text, max_text, mean_text);
        gtk_label_set_label (self->image_stats_label, stats_text);
      }
      break;

    case KIND_TRACE:
      axds_frame_to_doubles (dtype, self->buffer, self->n_elements, self->values);
      axds_frame_compute_stats (dtype, self->buffer, self->n_elements, &self->stats);
      axds_line_plot_set_values (self->trace_plot, self->values, self->n_elements);
      set_stat_label (self->trace_min_label, self->stats.min);
      set_stat_label (self->trace_max_label, self->stats.max);
      set_stat_label (self->trace_mean_label, self->stats.mean);
      set_stat_label (self->trace_last_label, self->stats.last);
      break;

    case KIND_VALUES:
      axds_frame_to_doubles (dtype, self->buffer, self->n_elements, self->values);
      for (guint i = 0; i < self->value_labels->len; i++)
        set_stat_label (g_ptr_array_index (self->value_labels, i), self->values[i]);
      break;

    case KIND_NONE:
    case KIND_MESSAGE:
    default:
      break;
    }
}

static gboolean
axds_array_view_tick_cb (GtkWidget     *widget,
                         GdkFrameClock *frame_clock,
                         gpointer       user_data)
{
  AxdsArrayView *self = AXDS_ARRAY_VIEW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (frame_clock);
  gint64 period = G_USEC_PER_SEC / MAX (self->refresh_rate, 1);
  g_autoptr(GError) error = NULL;
  guint64 write_count = 0;

  /* The update-rate readout: frames shown over the last second. */
  if (self->rate_window_start_us == 0)
    self->rate_window_start_us = now;
  if (now - self->rate_window_start_us >= G_USEC_PER_SEC)
    {
      self->update_rate = self->rate_window_frames * (double)G_USEC_PER_SEC /
                          (now - self->rate_window_start_us);
      self->rate_window_frames = 0;
      self->rate_window_start_us = now;
      axds_array_view_update_rate_label (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATE_RATE]);
    }

  if (self->array == NULL || self->paused)
    return G_SOURCE_CONTINUE;

  /* Small arrays are sampled into the history on a fixed period, changed or not. */
  if (self->kind == KIND_VALUES && self->has_data &&
      now - self->last_history_us >= HISTORY_PERIOD_US)
    {
      axds_history_push (self->history, now, self->values);
      self->last_history_us = now;
      gtk_widget_queue_draw (GTK_WIDGET (self->history_plot));
    }

  /* A little slack so that 60 updates/s on a 60 Hz clock is not rounded down to 30. */
  if (now - self->last_update_us < period - 2000)
    return G_SOURCE_CONTINUE;

  /* Headered arrays tell whether anything was written; raw buffers cannot, so they are
   * always read (they are small as a rule, and the read is lock-free either way). */
  if (self->has_data && !axds_array_item_get_is_raw (self->item) &&
      axds_shared_array_get_write_count (self->array) == self->last_write_count)
    return G_SOURCE_CONTINUE;

  if (!axds_shared_array_snapshot (self->array, self->buffer, self->nbytes, &write_count, &error))
    {
      /* A writer that kept racing us: try again next frame rather than wait. */
      if (g_error_matches (error, AXDS_ERROR, AXDS_ERROR_BUSY))
        return G_SOURCE_CONTINUE;

      g_clear_pointer (&self->array, axds_shared_array_unref);
      axds_array_view_show_message (self, "dialog-error-symbolic",
                                    _("Cannot Read Array"), error->message);
      axds_array_view_update_rate_label (self);
      return G_SOURCE_CONTINUE;
    }

  self->last_update_us = now;
  self->last_write_count = write_count;
  axds_array_view_show_data (self);

  if (!self->has_data)
    {
      self->has_data = TRUE;
      axds_array_view_update_actions (self);
    }
  self->frames++;
  self->rate_window_frames++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRAMES]);

  return G_SOURCE_CONTINUE;
}

static void
axds_array_view_map (GtkWidget *widget)
{
  AxdsArrayView *self = AXDS_ARRAY_VIEW (widget);

  GTK_WIDGET_CLASS (axds_array_view_parent_class)->map (widget);

  if (self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (widget, axds_array_view_tick_cb, NULL, NULL);
}

static void
axds_array_view_unmap (GtkWidget *widget)
{
  AxdsArrayView *self = AXDS_ARRAY_VIEW (widget);

  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (widget, self->tick_id);
      self->tick_id = 0;
    }

  GTK_WIDGET_CLASS (axds_array_view_parent_class)->unmap (widget);
}

static void
axds_array_view_update_actions (AxdsArrayView *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.paused", self->array != NULL);
}

static void
axds_array_view_set_colormap (AxdsArrayView *self,
                              const char    *name)
{
  AxdsColormap colormap = axds_colormap_from_string (name);

  if (colormap == self->colormap)
    return;

  self->colormap = colormap;
  axds_colormap_fill_lut (colormap, self->lut);
  gtk_drop_down_set_selected (self->colormap_dropdown, colormap);
  /* Show the change at once, even when the array is not being written. */
  self->has_data = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLORMAP]);
}

static void
colormap_selected_cb (AxdsArrayView *self,
                      GParamSpec    *pspec,
                      GtkDropDown   *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected < AXDS_COLORMAP_LAST)
    axds_array_view_set_colormap (self, axds_colormap_to_string (selected));
}

static void
contrast_changed_cb (AxdsArrayView *self)
{
  gboolean auto_contrast = gtk_switch_get_active (self->auto_contrast_switch);

  if (auto_contrast != self->auto_contrast)
    {
      self->auto_contrast = auto_contrast;
      /* Start manual contrast from what was just shown. */
      if (!auto_contrast && self->has_data)
        {
          gtk_spin_button_set_value (self->contrast_min_spin, self->stats.min);
          gtk_spin_button_set_value (self->contrast_max_spin, self->stats.max);
        }
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTO_CONTRAST]);
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->contrast_min_spin), !auto_contrast);
  gtk_widget_set_sensitive (GTK_WIDGET (self->contrast_max_spin), !auto_contrast);
  self->has_data = FALSE;
}

static void
axds_array_view_dispose (GObject *object)
{
  AxdsArrayView *self = (AxdsArrayView *)object;
  GtkWidget *child;

  axds_array_view_close (self);
  g_clear_object (&self->item);

  gtk_widget_dispose_template (GTK_WIDGET (self), AXDS_TYPE_ARRAY_VIEW);
  /* Template children without a field are unparented here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (axds_array_view_parent_class)->dispose (object);
}

static void
axds_array_view_finalize (GObject *object)
{
  AxdsArrayView *self = (AxdsArrayView *)object;

  g_clear_pointer (&self->value_labels, g_ptr_array_unref);

  G_OBJECT_CLASS (axds_array_view_parent_class)->finalize (object);
}

static void
axds_array_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AxdsArrayView *self = AXDS_ARRAY_VIEW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    case PROP_PAUSED:
      g_value_set_boolean (value, self->paused);
      break;

    case PROP_FRAMES:
      g_value_set_uint64 (value, self->frames);
      break;

    case PROP_KIND:
      g_value_set_string (value, kind_names[self->kind]);
      break;

    case PROP_UPDATE_RATE:
      g_value_set_double (value, self->update_rate);
      break;

    case PROP_REFRESH_RATE:
      g_value_set_int (value, self->refresh_rate);
      break;

    case PROP_HISTORY_SECONDS:
      g_value_set_int (value, self->history_seconds);
      break;

    case PROP_COLORMAP:
      g_value_set_string (value, axds_colormap_to_string (self->colormap));
      break;

    case PROP_AUTO_CONTRAST:
      g_value_set_boolean (value, self->auto_contrast);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
axds_array_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  AxdsArrayView *self = AXDS_ARRAY_VIEW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      axds_array_view_set_item (self, g_value_get_object (value));
      break;

    case PROP_PAUSED:
      axds_array_view_set_paused (self, g_value_get_boolean (value));
      break;

    case PROP_REFRESH_RATE:
      self->refresh_rate = g_value_get_int (value);
      g_object_notify_by_pspec (object, pspec);
      break;

    case PROP_HISTORY_SECONDS:
      self->history_seconds = g_value_get_int (value);
      axds_line_plot_set_window (self->history_plot, self->history_seconds);
      g_object_notify_by_pspec (object, pspec);
      break;

    case PROP_COLORMAP:
      axds_array_view_set_colormap (self, g_value_get_string (value));
      break;

    case PROP_AUTO_CONTRAST:
      gtk_switch_set_active (self->auto_contrast_switch, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
axds_array_view_class_init (AxdsArrayViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = axds_array_view_dispose;
  object_class->finalize = axds_array_view_finalize;
  object_class->get_property = axds_array_view_get_property;
  object_class->set_property = axds_array_view_set_property;

  widget_class->map = axds_array_view_map;
  widget_class->unmap = axds_array_view_unmap;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, AXDS_TYPE_ARRAY_ITEM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAUSED] =
    g_param_spec_boolean ("paused", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRAMES] =
    g_param_spec_uint64 ("frames", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, "none",
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPDATE_RATE] =
    g_param_spec_double ("update-rate", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REFRESH_RATE] =
    g_param_spec_int ("refresh-rate", NULL, NULL, 1, 120, 60,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HISTORY_SECONDS] =
    g_param_spec_int ("history-seconds", NULL, NULL, 10, 1800, 120,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLORMAP] =
    g_param_spec_string ("colormap", NULL, NULL, "gray",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTO_CONTRAST] =
    g_param_spec_boolean ("auto-contrast", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               AXDS_RESOURCE_PATH "axds-array-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AxdsArrayView, title_label);
  gtk_widget_class_bind_template_child (widget_class, AxdsArrayView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, AxdsArrayView, rate_label);
  gtk_widget_class_bind_template_child (widget_class, AxdsArrayView, display_button);
  gtk_widget_class_bind_template_child (widget_class, AxdsArrayView, pause_button);
  gtk_widget_class_bind_template_child (widget_class, AxdsArrayView, stack);
  gtk_widget_class_bind_template_child (widget_class, AxdsArrayView, image_view);
  gtk_widget_class_bind_template_child (widget_class, AxdsArrayView, image_stats_label);
  gtk_widget_class_bind_template_child (widget_class, AxdsArrayView, trace_plot);
  gtk_widget_class_bind_template_child (widget_class, AxdsArrayView, trace_min_label);
  gtk_widget_class_bind_template_child (widget_class, AxdsArrayView, trace_max_label);
  gtk_widget_class_bind_template_child (widget_class, AxdsArrayView, trace_mean_label);
  gtk_widget_class_bind_template_child (widget_class, AxdsArrayView, trace_last_label);
  gtk_widget_class_bind_template_child (widget_class, AxdsArrayView, value_list);
  gtk_widget_class_bind_template_child (widget_class, AxdsArrayView, history_plot);
  gtk_widget_class_bind_template_child (widget_class, AxdsArrayView, message_page);
  gtk_widget_class_bind_template_child (widget_class, AxdsArrayView, colormap_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AxdsArrayView, auto_contrast_switch);
  gtk_widget_class_bind_template_child (widget_class, AxdsArrayView, contrast_min_spin);
  gtk_widget_class_bind_template_child (widget_class, AxdsArrayView, contrast_max_spin);
  gtk_widget_class_bind_template_callback (widget_class, colormap_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, contrast_changed_cb);

  gtk_widget_class_install_property_action (widget_class, "view.paused", "paused");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "arrayview");

  g_type_ensure (AXDS_TYPE_IMAGE_VIEW);
  g_type_ensure (AXDS_TYPE_LINE_PLOT);
}

static void
axds_array_view_init (AxdsArrayView *self)
{
  self->refresh_rate = 60;
  self->history_seconds = 120;
  self->auto_contrast = TRUE;
  self->colormap = AXDS_COLORMAP_GRAY;
  self->value_labels = g_ptr_array_new ();
  axds_colormap_fill_lut (self->colormap, self->lut);

  gtk_widget_init_template (GTK_WIDGET (self));

  axds_array_view_update_actions (self);
}

GtkWidget *
axds_array_view_new (void)
{
  return g_object_new (AXDS_TYPE_ARRAY_VIEW, NULL);
}

/**
 * axds_array_view_get_item:
 * @self: a view
 *
 * Returns: (transfer none) (nullable): the array shown
 */
AxdsArrayItem *
axds_array_view_get_item (AxdsArrayView *self)
{
  g_return_val_if_fail (AXDS_IS_ARRAY_VIEW (self), NULL);
  return self->item;
}

/**
 * axds_array_view_set_item:
 * @self: a view
 * @item: (nullable): the array to show
 *
 * Opens a handle of its own on @item's array and shows it live while the view is mapped.
 */
void
axds_array_view_set_item (AxdsArrayView *self,
                          AxdsArrayItem *item)
{
  g_return_if_fail (AXDS_IS_ARRAY_VIEW (self));
  g_return_if_fail (!item || AXDS_IS_ARRAY_ITEM (item));

  if (self->item == item)
    return;

  axds_array_view_close (self);
  g_set_object (&self->item, item);
  self->frames = 0;
  self->update_rate = 0;
  self->rate_window_frames = 0;
  self->rate_window_start_us = 0;
  self->last_update_us = 0;
  self->last_history_us = 0;
  self->kind = KIND_NONE;

  if (item != NULL)
    axds_array_view_open (self);

  axds_array_view_update_rate_label (self);
  axds_array_view_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRAMES]);
}

gboolean
axds_array_view_get_paused (AxdsArrayView *self)
{
  g_return_val_if_fail (AXDS_IS_ARRAY_VIEW (self), FALSE);
  return self->paused;
}

void
axds_array_view_set_paused (AxdsArrayView *self,
                            gboolean       paused)
{
  g_return_if_fail (AXDS_IS_ARRAY_VIEW (self));

  paused = !!paused;
  if (paused == self->paused)
    return;

  self->paused = paused;
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->pause_button),
                               paused ? _("Resume") : _("Pause"));
  gtk_button_set_icon_name (GTK_BUTTON (self->pause_button),
                            paused ? "media-playback-start-symbolic"
                                   : "media-playback-pause-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->pause_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  paused ? _("Resume") : _("Pause"),
                                  -1);
  axds_array_view_update_rate_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
}

/**
 * axds_array_view_get_frames:
 * @self: a view
 *
 * Returns: how many updates the view has shown of its current array
 */
guint64
axds_array_view_get_frames (AxdsArrayView *self)
{
  g_return_val_if_fail (AXDS_IS_ARRAY_VIEW (self), 0);
  return self->frames;
}

/**
 * axds_array_view_get_kind:
 * @self: a view
 *
 * Returns: how the array is shown: "none", "image", "trace", "values" or "message"
 */
const char *
axds_array_view_get_kind (AxdsArrayView *self)
{
  g_return_val_if_fail (AXDS_IS_ARRAY_VIEW (self), NULL);
  return kind_names[self->kind];
}

/**
 * axds_array_view_get_texture:
 * @self: a view
 *
 * Returns: (transfer none) (nullable): the image shown, if the array is shown as one
 */
GdkTexture *
axds_array_view_get_texture (AxdsArrayView *self)
{
  g_return_val_if_fail (AXDS_IS_ARRAY_VIEW (self), NULL);
  return self->texture;
}

/**
 * axds_array_view_dup_value_text:
 * @self: a view
 * @index: an element index
 *
 * Returns: (transfer full) (nullable): the text the value table shows for that element
 */
char *
axds_array_view_dup_value_text (AxdsArrayView *self,
                                guint          index)
{
  g_return_val_if_fail (AXDS_IS_ARRAY_VIEW (self), NULL);

  if (index >= self->value_labels->len)
    return NULL;
  return g_strdup (gtk_label_get_label (g_ptr_array_index (self->value_labels, index)));
}

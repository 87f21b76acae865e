/* axds-log-source.h — the messages of one log source, from an archive or from loose entries
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * AxdsLogSourceKind:
 * @AXDS_LOG_SOURCE_ARCHIVE: an assembled `.npz` archive
 * @AXDS_LOG_SOURCE_ENTRIES: not yet assembled `SOURCE_TIME.npy` files of a folder
 */
typedef enum
{
  AXDS_LOG_SOURCE_ARCHIVE,
  AXDS_LOG_SOURCE_ENTRIES,
} AxdsLogSourceKind;

/* Called from the worker thread: @done of @total messages indexed, or, with @total 0, @done
 * files of a folder listed so far. */
typedef void (*AxdsLogSourceProgress) (guint64  done,
                                       guint64  total,
                                       gpointer user_data);

#define AXDS_TYPE_LOG_SOURCE (axds_log_source_get_type ())

G_DECLARE_FINAL_TYPE (AxdsLogSource, axds_log_source, AXDS, LOG_SOURCE, GObject)

GPtrArray        *axds_log_source_load          (const char             *path,
                                                 GPtrArray             **problems,
                                                 AxdsLogSourceProgress   progress,
                                                 gpointer                progress_data,
                                                 GCancellable           *cancellable,
                                                 GError                **error);
void              axds_log_source_load_async    (const char             *path,
                                                 AxdsLogSourceProgress   progress,
                                                 gpointer                progress_data,
                                                 GDestroyNotify          progress_destroy,
                                                 GCancellable           *cancellable,
                                                 GAsyncReadyCallback     callback,
                                                 gpointer                user_data);
GPtrArray        *axds_log_source_load_finish   (GAsyncResult           *result,
                                                 GPtrArray             **problems,
                                                 GError                **error);

AxdsLogSourceKind axds_log_source_get_kind      (AxdsLogSource          *self);
guint             axds_log_source_get_id        (AxdsLogSource          *self);
const char       *axds_log_source_get_path      (AxdsLogSource          *self);
gboolean          axds_log_source_has_onset     (AxdsLogSource          *self);
guint64           axds_log_source_get_onset_us  (AxdsLogSource          *self);
guint             axds_log_source_get_n_messages (AxdsLogSource         *self);
guint64           axds_log_source_get_elapsed   (AxdsLogSource          *self,
                                                 guint                   index);
guint64           axds_log_source_get_first_us  (AxdsLogSource          *self);
guint64           axds_log_source_get_last_us   (AxdsLogSource          *self);
const guint64    *axds_log_source_get_rate      (AxdsLogSource          *self,
                                                 guint                  *n_bins,
                                                 guint64                *bin_width_us,
                                                 guint64                *start_us);
GBytes           *axds_log_source_dup_payload   (AxdsLogSource          *self,
                                                 guint                   index,
                                                 GError                **error);

G_END_DECLS

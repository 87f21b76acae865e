/* axds-data-logger.h — the data logger: many processes' messages to .npy files, never one lost
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(AXDS_INSIDE) && !defined(AXDS_COMPILATION)
# error "Only <axds.h> can be included directly."
#endif

#include "axds-log-queue.h"

G_BEGIN_DECLS

/**
 * AxdsDataLogger:
 *
 * The C counterpart of Python's `DataLogger`: a logger named `instance_name` that writes every
 * message submitted to it as `{source_id:03d}_{acquisition_time:020d}.npy` under
 * `output_directory/{instance_name}_data_log/`. The logger runs in its own process (the
 * `axds-logger` helper), so a crash of the acquisition process loses nothing already submitted.
 * Producers in any process connect to it by name with axds_log_queue_open().
 *
 * Reference counted. Releasing the last reference stops a running logger.
 */
typedef struct _AxdsDataLogger AxdsDataLogger;

#define AXDS_TYPE_DATA_LOGGER (axds_data_logger_get_type ())

AXDS_AVAILABLE_IN_ALL
GType axds_data_logger_get_type (void) G_GNUC_CONST;

/**
 * AxdsDataLoggerDeathFunc:
 * @logger: the logger whose process died
 * @error: what happened
 * @user_data: the data given to axds_data_logger_set_death_func()
 *
 * Called from the logger's watchdog thread (not a main loop) as soon as the logger process
 * ends without having been stopped by axds_data_logger_stop(). @error is
 * %AXDS_ERROR_PROCESS_FAILED when it died (killed, crashed: messages submitted since its last
 * write may be lost) or could not write every message, and %AXDS_ERROR_NOT_CONNECTED when a
 * signal (SIGTERM, SIGINT, SIGHUP) stopped it after it wrote every message submitted before.
 * Either way it takes no more messages.
 */
typedef void (*AxdsDataLoggerDeathFunc) (AxdsDataLogger *logger,
                                         const GError   *error,
                                         gpointer        user_data);

/**
 * AXDS_DATA_LOGGER_DEFAULT_DISK_RESERVE:
 *
 * Free space below which the disk alarm goes off, 1 GiB.
 */
#define AXDS_DATA_LOGGER_DEFAULT_DISK_RESERVE ((guint64) 1024 * 1024 * 1024)

AXDS_AVAILABLE_IN_ALL
AxdsDataLogger *axds_data_logger_new                  (const char              *output_directory,
                                                       const char              *instance_name,
                                                       guint                    n_workers,
                                                       int                      poll_interval,
                                                       GError                 **error);
AXDS_AVAILABLE_IN_ALL
AxdsDataLogger *axds_data_logger_ref                  (AxdsDataLogger          *logger);
AXDS_AVAILABLE_IN_ALL
void            axds_data_logger_unref                (AxdsDataLogger          *logger);
AXDS_AVAILABLE_IN_ALL
void            axds_data_logger_set_queue_capacity   (AxdsDataLogger          *logger,
                                                       guint64                  capacity);
AXDS_AVAILABLE_IN_ALL
void            axds_data_logger_set_disk_reserve     (AxdsDataLogger          *logger,
                                                       guint64                  reserve_bytes);
AXDS_AVAILABLE_IN_ALL
void            axds_data_logger_set_death_func       (AxdsDataLogger          *logger,
                                                       AxdsDataLoggerDeathFunc  func,
                                                       gpointer                 user_data,
                                                       GDestroyNotify           destroy);
AXDS_AVAILABLE_IN_ALL
gboolean        axds_data_logger_start                (AxdsDataLogger          *logger,
                                                       GError                 **error);
AXDS_AVAILABLE_IN_ALL
gboolean        axds_data_logger_stop                 (AxdsDataLogger          *logger,
                                                       GError                 **error);
AXDS_AVAILABLE_IN_ALL
gboolean        axds_data_logger_is_alive             (AxdsDataLogger          *logger);
AXDS_AVAILABLE_IN_ALL
const char     *axds_data_logger_get_name             (AxdsDataLogger          *logger);
AXDS_AVAILABLE_IN_ALL
const char     *axds_data_logger_get_output_directory (AxdsDataLogger          *logger);
AXDS_AVAILABLE_IN_ALL
guint           axds_data_logger_get_n_workers        (AxdsDataLogger          *logger);
AXDS_AVAILABLE_IN_ALL
guint           axds_data_logger_get_poll_interval    (AxdsDataLogger          *logger);
AXDS_AVAILABLE_IN_ALL
GPid            axds_data_logger_get_pid              (AxdsDataLogger          *logger);
AXDS_AVAILABLE_IN_ALL
AxdsLogQueue   *axds_data_logger_get_queue            (AxdsDataLogger          *logger);
AXDS_AVAILABLE_IN_ALL
gboolean        axds_data_logger_get_stats            (AxdsDataLogger          *logger,
                                                       AxdsLogQueueStats       *stats);
AXDS_AVAILABLE_IN_ALL
gboolean        axds_data_logger_check                (AxdsDataLogger          *logger,
                                                       GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AxdsDataLogger, axds_data_logger_unref)

G_END_DECLS

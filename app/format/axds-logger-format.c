/* axds-logger-format.c — the text the Loggers page shows for a logger's statistics
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Small pure functions, each returning a new string, tested one by one. Rates of data use
 * decimal units (MB/s, as disks are rated), sizes of memory and disks binary ones. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "axds-format.h"
#include "axds-logger-format.h"

/* A logger whose process is gone is dead whatever its queue last said, unless it stopped. */
char *
axds_format_logger_state (AxdsLoggerState state,
                          gboolean        alive)
{
  if (state == AXDS_LOGGER_STATE_STOPPED)
    return g_strdup (C_("logger state", "Stopped"));
  if (!alive || state == AXDS_LOGGER_STATE_FAILED)
    return g_strdup (C_("logger state", "Dead"));
  switch (state)
    {
    case AXDS_LOGGER_STATE_STARTING:
      return g_strdup (C_("logger state", "Starting"));
    case AXDS_LOGGER_STATE_STOPPING:
      return g_strdup (C_("logger state", "Stopping"));
    case AXDS_LOGGER_STATE_RUNNING:
    case AXDS_LOGGER_STATE_STOPPED:
    case AXDS_LOGGER_STATE_FAILED:
    default:
      return g_strdup (C_("logger state", "Running"));
    }
}

/* The style class of the state's pill: running, stopping, stopped or dead. */
const char *
axds_format_logger_state_css (AxdsLoggerState state,
                              gboolean        alive)
{
  if (state == AXDS_LOGGER_STATE_STOPPED)
    return "stopped";
  if (!alive || state == AXDS_LOGGER_STATE_FAILED)
    return "dead";
  if (state == AXDS_LOGGER_STATE_STARTING || state == AXDS_LOGGER_STATE_STOPPING)
    return "stopping";
  return "running";
}

char *
axds_format_message_rate (double per_second)
{
  g_autofree char *count = NULL;

  if (!(per_second > 0.0) || !isfinite (per_second))
    /* Translators: a logger writing no messages */
    return g_strdup (_("idle"));
  if (per_second < 10.0)
    /* Translators: messages written per second, e.g. “2.5 msg/s” */
    return g_strdup_printf (_("%.1f msg/s"), per_second);
  count = axds_format_count ((guint64)llround (per_second));
  /* Translators: %s is messages written per second, e.g. “1,200 msg/s” */
  return g_strdup_printf (_("%s msg/s"), count);
}

char *
axds_format_byte_rate (double bytes_per_second)
{
  g_autofree char *size = NULL;

  if (!(bytes_per_second > 0.0) || !isfinite (bytes_per_second))
    return g_strdup (_("idle"));
  size = g_format_size ((guint64)llround (bytes_per_second));
  /* Translators: %s is an amount of data, e.g. “1.2 MB/s” */
  return g_strdup_printf (_("%s/s"), size);
}

char *
axds_format_file_rate (double per_second)
{
  g_autofree char *count = NULL;

  if (!(per_second > 0.0) || !isfinite (per_second))
    /* Translators: a folder where no new files appear */
    return g_strdup (_("no new files"));
  if (per_second < 10.0)
    /* Translators: new files per second, e.g. “2.5 files/s” */
    return g_strdup_printf (_("%.1f files/s"), per_second);
  count = axds_format_count ((guint64)llround (per_second));
  /* Translators: %s is new files per second, e.g. “1,200 files/s” */
  return g_strdup_printf (_("%s files/s"), count);
}

char *
axds_format_queue_depth (guint64 depth,
                         guint64 capacity)
{
  g_autofree char *used = axds_format_bytes (depth);
  g_autofree char *total = axds_format_bytes (capacity);
  double percent = capacity > 0 ? 100.0 * (double)depth / (double)capacity : 0.0;

  /* Translators: bytes of a queue in use, e.g. “12.0 KiB of 64.0 MiB (0.0 %)” */
  return g_strdup_printf (_("%s of %s (%.1f %%)"), used, total, percent);
}

char *
axds_format_disk_space (guint64 free_bytes,
                        guint64 reserve_bytes)
{
  g_autofree char *free_text = axds_format_bytes (free_bytes);
  g_autofree char *reserve_text = axds_format_bytes (reserve_bytes);

  /* Translators: free disk space and the reserve below which an alarm is raised */
  return g_strdup_printf (_("%s free · reserve %s"), free_text, reserve_text);
}

char *
axds_format_disk_alarm (guint64     free_bytes,
                        guint64     reserve_bytes,
                        const char *folder)
{
  g_autofree char *free_text = axds_format_bytes (free_bytes);
  g_autofree char *reserve_text = axds_format_bytes (reserve_bytes);

  /* Translators: the disk alarm; %1$s is free space, %2$s a folder, %3$s the reserve */
  return g_strdup_printf (_("Disk almost full: only %1$s free for %2$s, less than the reserve "
                            "of %3$s. Writes will fail once the disk is full: free some space "
                            "or stop the acquisition."),
                          free_text, folder != NULL ? folder : "", reserve_text);
}

char *
axds_format_heartbeat (gint64 heartbeat_us,
                       gint64 now_us)
{
  double seconds;

  if (heartbeat_us <= 0)
    /* Translators: a logger that has not given a sign of life yet */
    return g_strdup (_("never"));
  seconds = MAX (0, now_us - heartbeat_us) / (double)G_USEC_PER_SEC;
  if (seconds < 60.0)
    /* Translators: the logger's last sign of life, e.g. “0.2 s ago” */
    return g_strdup_printf (_("%.1f s ago"), seconds);
  if (seconds < 3600.0)
    /* Translators: the logger's last sign of life, e.g. “5 min ago” */
    return g_strdup_printf (_("%.0f min ago"), seconds / 60.0);
  /* Translators: the logger's last sign of life, e.g. “3 h ago” */
  return g_strdup_printf (_("%.0f h ago"), seconds / 3600.0);
}

char *
axds_format_process (gint64   pid,
                     gboolean alive)
{
  if (pid <= 0)
    /* Translators: a logger process that has not started */
    return g_strdup (_("not started"));
  if (alive)
    /* Translators: %d is a process ID */
    return g_strdup_printf (_("pid %d · running"), (int)pid);
  /* Translators: %d is a process ID */
  return g_strdup_printf (_("pid %d · dead"), (int)pid);
}

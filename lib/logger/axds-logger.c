/* axds-logger.c — the logger process that AxdsDataLogger spawns
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Usage: axds-logger NAME
 *
 * Connects to the queue of data logger NAME, which the spawning process has made, and writes
 * its messages until the logger is stopped (by its owner or by SIGTERM, SIGINT or SIGHUP) or
 * its owner dies; it then writes everything submitted before and exits. Not meant to be run by
 * hand: use `axds log run` for a logger in the foreground.
 */

#include "config.h"

#include <locale.h>
#include <signal.h>
#include <stdio.h>

#include <axds.h>

#include "axds-data-logger-private.h"
#include "axds-i18n-private.h"

int
main (int   argc,
      char *argv[])
{
  /* Its messages to stderr in the user's language (they are the library's, domain axds-1). It
   * writes no number whose form depends on the locale. */
  setlocale (LC_ALL, "");
  if (argc != 2)
    {
      fprintf (stderr, _("usage: %s NAME\n(started by libaxds' data logger, not by hand)\n"),
               argv[0]);
      return AXDS_LOGGER_EXIT_SETUP_FAILED;
    }
  /* SIGTERM, SIGINT and SIGHUP stop the logger cleanly (queue drained, exit status 0 when
   * every write succeeded): _axds_data_logger_process_main() takes them itself. */
  signal (SIGPIPE, SIG_IGN);
  return _axds_data_logger_process_main (argv[1]);
}

/* axds-cli.h — command groups, commands and shared helpers of the axds tool
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/*
 * The tool is `axds GROUP COMMAND [OPTION…] [ARGUMENT…]`. Each group lives in its own
 * axds-cli-GROUP.c and exports one AxdsCliGroup; axds-cli.c lists the groups and dispatches.
 * Adding a group (`axds tracker …`) is: a new file with its command table, an `extern` below,
 * one line in the table of axds-cli.c and one in meson.build.
 */

/**
 * AxdsCliExit:
 * @AXDS_CLI_EXIT_OK: success
 * @AXDS_CLI_EXIT_FAILURE: the operation failed (no such array, lock timeout, I/O error, …)
 * @AXDS_CLI_EXIT_USAGE: the command line is wrong (unknown command or option, missing or extra
 *   arguments, a dtype, shape, index or value that does not parse)
 */
typedef enum
{
  AXDS_CLI_EXIT_OK      = 0,
  AXDS_CLI_EXIT_FAILURE = 1,
  AXDS_CLI_EXIT_USAGE   = 2,
} AxdsCliExit;

typedef struct _AxdsCliGroup   AxdsCliGroup;
typedef struct _AxdsCliCommand AxdsCliCommand;

/**
 * AxdsCliInvocation:
 * @group: the command group being run
 * @command: the command being run
 * @command_line: `axds GROUP COMMAND`, for help and messages
 *
 * What the dispatcher hands to a command.
 */
typedef struct
{
  const AxdsCliGroup   *group;
  const AxdsCliCommand *command;
  const char           *command_line;
} AxdsCliInvocation;

/* Runs one command. @argv[0] is the command line ("axds shm create"), the rest is the command's
 * own arguments. Returns an #AxdsCliExit status. */
typedef int (*AxdsCliCommandFunc) (const AxdsCliInvocation *invocation,
                                   int                      argc,
                                   char                   **argv);

struct _AxdsCliCommand
{
  const char         *name;
  const char         *parameter_string;  /* N_(): positional arguments, e.g. "NAME INDEX VALUE" */
  const char         *summary;           /* N_(): one line for `axds --help` */
  AxdsCliCommandFunc  run;
};

struct _AxdsCliGroup
{
  const char           *name;
  const char           *summary;         /* N_() */
  const AxdsCliCommand *commands;        /* terminated by an entry whose name is NULL */
};


/* Helpers shared by the command groups (axds-cli.c). */

char           *axds_cli_sanitize            (const char               *text);
gboolean        axds_cli_group_is_command    (const AxdsCliGroup       *group);
GOptionContext *axds_cli_option_context_new  (const AxdsCliInvocation  *invocation,
                                              const GOptionEntry       *entries,
                                              const char               *description);
gboolean        axds_cli_parse_arguments     (const AxdsCliInvocation  *invocation,
                                              GOptionContext           *context,
                                              int                       argc,
                                              char                    **argv,
                                              guint                     min_args,
                                              guint                     max_args,
                                              GStrv                    *positional,
                                              int                      *exit_status);
int             axds_cli_usage_error         (const AxdsCliInvocation  *invocation,
                                              const char               *format,
                                              ...) G_GNUC_PRINTF (2, 3);
int             axds_cli_error               (const char               *format,
                                              ...) G_GNUC_PRINTF (1, 2);
void            axds_cli_warning             (const char               *format,
                                              ...) G_GNUC_PRINTF (1, 2);
gboolean        axds_cli_parse_uint64        (const char               *text,
                                              guint64                  *value);
gboolean        axds_cli_print_json          (JsonNode                 *root);
void            axds_cli_pad_right           (GString                  *out,
                                              const char               *text,
                                              guint                     width);
void            axds_cli_pad_left            (GString                  *out,
                                              const char               *text,
                                              guint                     width);
char           *axds_cli_format_time         (gint64                    usec);

G_END_DECLS

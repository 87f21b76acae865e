/* axds-cli-main.c — the axds command-line tool: its command table and dispatcher
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The table is the only place that knows every group: the groups include axds-cli.h for
 * what they share, never each other or this file. */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include <axds.h>

#include "axds-cli.h"
#include "axds-cli-log.h"
#include "axds-cli-shm.h"
#include "axds-cli-tasks.h"
#include "axds-cli-tracker.h"
#include "format/axds-i18n.h"

/* Every command group of the tool, in the order `axds --help` lists them. */
static const AxdsCliGroup *const groups[] = {
  &axds_cli_shm_group,
  &axds_cli_log_group,
  &axds_cli_tracker_group,
  &axds_cli_checksum_group,
  &axds_cli_transfer_group,
  &axds_cli_delete_group,
};

static void
print_overview (FILE *stream)
{
  GString *out = g_string_new (NULL);
  guint width = 0;

  g_string_append_printf (out, _("Usage:\n  %s\n\n"),
                          _("axds GROUP COMMAND [OPTION…] [ARGUMENT…]"));
  g_string_append_printf (out, "%s\n\n",
                          _("Inspect and manage libaxds shared-memory arrays and Ataraxis data."));
  g_string_append_printf (out, "%s\n", _("Command groups and commands:"));

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    for (const AxdsCliCommand *c = groups[i]->commands; c->name != NULL; c++)
      width = MAX (width, (guint) strlen (c->name));

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      if (axds_cli_group_is_command (groups[i]))
        {
          g_string_append_printf (out, "  %s %s — %s\n", groups[i]->name,
                                  _(groups[i]->commands[0].parameter_string),
                                  _(groups[i]->commands[0].summary));
          continue;
        }
      g_string_append_printf (out, "  %s — %s\n", groups[i]->name, _(groups[i]->summary));
      for (const AxdsCliCommand *c = groups[i]->commands; c->name != NULL; c++)
        {
          g_string_append (out, "    ");
          axds_cli_pad_right (out, c->name, width + 2);
          g_string_append_printf (out, "%s\n", _(c->summary));
        }
    }

  g_string_append_printf (out, "\n%s\n", _("Options:"));
  g_string_append_printf (out, "  -h, --help     %s\n", _("Show this help"));
  g_string_append_printf (out, "  --version      %s\n\n", _("Show the version"));
  g_string_append_printf (out, "%s\n",
                          _("Run 'axds GROUP COMMAND --help' for the options of a command."));
  g_string_append_printf (out, "%s\n",
                          _("Exit status: 0 on success, 1 when an operation fails, "
                            "2 when the command line is wrong."));

  fputs (out->str, stream);
  g_string_free (out, TRUE);
}

static void
print_group_overview (const AxdsCliGroup *group,
                      FILE               *stream)
{
  GString *out = g_string_new (NULL);
  guint width = 0;

  g_string_append_printf (out, _("Usage:\n  axds %s COMMAND [OPTION…] [ARGUMENT…]\n\n"),
                          group->name);
  g_string_append_printf (out, "%s\n\n", _(group->summary));
  g_string_append_printf (out, "%s\n", _("Commands:"));

  for (const AxdsCliCommand *c = group->commands; c->name != NULL; c++)
    width = MAX (width, (guint) strlen (c->name));
  for (const AxdsCliCommand *c = group->commands; c->name != NULL; c++)
    {
      g_string_append (out, "  ");
      axds_cli_pad_right (out, c->name, width + 2);
      g_string_append_printf (out, "%s\n", _(c->summary));
    }
  g_string_append_printf (out, "\n");
  g_string_append_printf (out, _("Run 'axds %s COMMAND --help' for the options of a command.\n"),
                          group->name);

  fputs (out->str, stream);
  g_string_free (out, TRUE);
}

static gboolean
is_help (const char *arg)
{
  return strcmp (arg, "--help") == 0 || strcmp (arg, "-h") == 0 || strcmp (arg, "-?") == 0 ||
         strcmp (arg, "help") == 0 || strcmp (arg, "--help-all") == 0;
}

static const AxdsCliGroup *
find_group (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    if (strcmp (groups[i]->name, name) == 0)
      return groups[i];
  return NULL;
}

static const AxdsCliCommand *
find_command (const AxdsCliGroup *group,
              const char         *name)
{
  for (const AxdsCliCommand *c = group->commands; c->name != NULL; c++)
    if (strcmp (c->name, name) == 0)
      return c;
  return NULL;
}

static int
dispatch (int    argc,
          char **argv)
{
  const AxdsCliGroup *group;
  const AxdsCliCommand *command;
  AxdsCliInvocation invocation = { 0 };
  g_autofree char *command_line = NULL;
  g_autofree char **sub_argv = NULL;

  if (argc < 2)
    {
      fprintf (stderr, "axds: %s\n\n", _("No command given"));
      print_overview (stderr);
      return AXDS_CLI_EXIT_USAGE;
    }

  if (is_help (argv[1]))
    {
      print_overview (stdout);
      return AXDS_CLI_EXIT_OK;
    }
  if (strcmp (argv[1], "--version") == 0)
    {
      printf ("axds %s (libaxds %s)\n", PACKAGE_VERSION, axds_get_version_string ());
      return AXDS_CLI_EXIT_OK;
    }

  group = find_group (argv[1]);
  if (group == NULL)
    {
      g_autofree char *clean = axds_cli_sanitize (argv[1]);

      if (argv[1][0] == '-')
        return axds_cli_usage_error (NULL, _("Unknown option %s"), clean);
      return axds_cli_usage_error (NULL, _("Unknown command group '%s'"), clean);
    }

  /* A group whose only command bears its name is that command: `axds checksum DIR`. */
  if (axds_cli_group_is_command (group))
    {
      command = group->commands;
      command_line = g_strdup_printf ("axds %s", group->name);
      invocation.group = group;
      invocation.command = command;
      invocation.command_line = command_line;
      g_set_prgname (command_line);
      sub_argv = g_new0 (char *, (gsize) argc);
      sub_argv[0] = command_line;
      for (int i = 2; i < argc; i++)
        sub_argv[i - 1] = argv[i];
      return command->run (&invocation, argc - 1, sub_argv);
    }

  if (argc < 3)
    {
      fprintf (stderr, "axds: %s\n\n", _("No command given"));
      print_group_overview (group, stderr);
      return AXDS_CLI_EXIT_USAGE;
    }
  if (is_help (argv[2]))
    {
      print_group_overview (group, stdout);
      return AXDS_CLI_EXIT_OK;
    }

  command = find_command (group, argv[2]);
  if (command == NULL)
    {
      g_autofree char *clean = axds_cli_sanitize (argv[2]);
      g_autofree char *group_line = g_strdup_printf ("axds %s", group->name);
      AxdsCliInvocation group_invocation = { group, NULL, group_line };

      return axds_cli_usage_error (&group_invocation, _("Unknown command '%s %s'"),
                                   group->name, clean);
    }

  command_line = g_strdup_printf ("axds %s %s", group->name, command->name);
  invocation.group = group;
  invocation.command = command;
  invocation.command_line = command_line;

  /* GOption prints "Usage: PRGNAME [OPTION…] …" in --help; make that the whole command. */
  g_set_prgname (command_line);

  /* The command sees its own argv: the command line, then its arguments. */
  sub_argv = g_new0 (char *, (gsize) argc - 1);
  sub_argv[0] = command_line;
  for (int i = 3; i < argc; i++)
    sub_argv[i - 2] = argv[i];

  return command->run (&invocation, argc - 2, sub_argv);
}

int
main (int    argc,
      char **argv)
{
  int status;

  axds_i18n_init ();

  status = dispatch (argc, argv);

  /* A full disk or a closed pipe must not look like success. */
  if (fflush (stdout) != 0 || ferror (stdout))
    {
      int saved_errno = errno;

      axds_cli_error (_("Cannot write to standard output: %s"), g_strerror (saved_errno));
      if (status == AXDS_CLI_EXIT_OK)
        status = AXDS_CLI_EXIT_FAILURE;
    }

  return status;
}

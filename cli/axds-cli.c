/* axds-cli.c — what every command of the axds tool shares: arguments, errors, output
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include <axds.h>

#include "axds-cli.h"

/* Echoes user input in messages with control characters escaped, so that a hostile argument
 * cannot move the cursor or clear the terminal when we complain about it. */
char *
axds_cli_sanitize (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      if (*p < 0x20 || *p == 0x7f)
        g_string_append_printf (out, "\\x%02x", *p);
      else
        g_string_append_c (out, (char) *p);
    }
  return g_string_free (out, FALSE);
}

static void vprint_error (const char *prefix,
                          const char *format,
                          va_list     args) G_GNUC_PRINTF (2, 0);

static void
vprint_error (const char *prefix,
              const char *format,
              va_list     args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);
  g_autofree char *clean = NULL;

  /* Messages may quote hostile arguments (the library's do too): never let them reach the
   * terminal as escape sequences. Written as bytes: converting to the locale's charset would
   * mangle names in a C locale. */
  clean = axds_cli_sanitize (message);
  fprintf (stderr, "axds: %s%s\n", prefix, clean);
  fflush (stderr);
}

/**
 * axds_cli_error:
 * @format: printf-style message
 *
 * Prints `axds: MESSAGE` to stderr.
 *
 * Returns: %AXDS_CLI_EXIT_FAILURE, so that commands can `return axds_cli_error (…)`
 */
int
axds_cli_error (const char *format,
                ...)
{
  va_list args;

  va_start (args, format);
  vprint_error ("", format, args);
  va_end (args);
  return AXDS_CLI_EXIT_FAILURE;
}

/**
 * axds_cli_warning:
 * @format: printf-style message
 *
 * Prints `axds: warning: MESSAGE` to stderr; the command goes on.
 */
void
axds_cli_warning (const char *format,
                  ...)
{
  va_list args;

  va_start (args, format);
  vprint_error (_("warning: "), format, args);
  va_end (args);
}

/**
 * axds_cli_usage_error:
 * @invocation: the command that was run
 * @format: printf-style message
 *
 * Prints `axds: MESSAGE` and a pointer to the command's `--help` to stderr.
 *
 * Returns: %AXDS_CLI_EXIT_USAGE
 */
int
axds_cli_usage_error (const AxdsCliInvocation *invocation,
                      const char              *format,
                      ...)
{
  va_list args;

  va_start (args, format);
  vprint_error ("", format, args);
  va_end (args);

  fprintf (stderr, _("Try '%s --help' for more information.\n"),
           invocation != NULL ? invocation->command_line : "axds");
  return AXDS_CLI_EXIT_USAGE;
}

/**
 * axds_cli_option_context_new:
 * @invocation: the command being run
 * @entries: (nullable): the command's options
 * @description: (nullable): text shown at the end of `--help`
 *
 * Returns: (transfer full): an option context whose `--help` names the command
 */
GOptionContext *
axds_cli_option_context_new (const AxdsCliInvocation *invocation,
                             const GOptionEntry      *entries,
                             const char              *description)
{
  const char *parameters = invocation->command->parameter_string;
  GOptionContext *context;

  context = g_option_context_new (parameters != NULL ? _(parameters) : NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _(invocation->command->summary));
  if (description != NULL)
    g_option_context_set_description (context, description);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return context;
}

/* Negative numbers ("-1", "-2,3", "-1.5e3", "-inf", "-nan", "-1-2j") are arguments, not options. */
static gboolean
looks_like_negative_number (const char *arg)
{
  if (arg[0] != '-')
    return FALSE;
  return g_ascii_isdigit (arg[1]) || arg[1] == '.' || arg[1] == '(' || arg[1] == '[' ||
         g_ascii_strncasecmp (arg + 1, "inf", 3) == 0 ||
         g_ascii_strncasecmp (arg + 1, "nan", 3) == 0;
}

/**
 * axds_cli_parse_arguments:
 * @invocation: the command being run
 * @context: its option context
 * @argc: the command's argument count
 * @argv: the command's arguments, @argv[0] being the command line
 * @min_args: the fewest positional arguments the command takes
 * @max_args: the most positional arguments the command takes
 * @positional: (out): the positional arguments, `--` removed
 * @exit_status: (out): %AXDS_CLI_EXIT_USAGE when the command line is wrong
 *
 * Parses options and checks the number of positional arguments. Unlike plain GOption parsing,
 * negative numbers are taken as arguments (`axds shm set A -1,-1 -2.5`); everything after `--`
 * is an argument too. Errors are printed.
 *
 * Returns: %TRUE when the command may run
 */
gboolean
axds_cli_parse_arguments (const AxdsCliInvocation  *invocation,
                          GOptionContext           *context,
                          int                       argc,
                          char                    **argv,
                          guint                     min_args,
                          guint                     max_args,
                          GStrv                    *positional,
                          int                      *exit_status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) args = NULL;
  g_auto(GStrv) result = NULL;
  gboolean after_dashes = FALSE;
  guint n_args;

  *exit_status = AXDS_CLI_EXIT_OK;

  args = g_new0 (char *, (gsize) argc + 1);
  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);

  /* Unknown options are kept so that negative numbers survive; real unknown options are
   * refused below. Our commands define no short options, so no number can be mistaken for a
   * cluster of them. */
  g_option_context_set_ignore_unknown_options (context, TRUE);
  if (!g_option_context_parse_strv (context, &args, &error))
    {
      *exit_status = axds_cli_usage_error (invocation, "%s", error->message);
      return FALSE;
    }

  for (guint i = 1; args[i] != NULL; i++)
    {
      const char *arg = args[i];

      if (!after_dashes && strcmp (arg, "--") == 0)
        {
          after_dashes = TRUE;
          continue;
        }
      if (!after_dashes && arg[0] == '-' && arg[1] != '\0' && !looks_like_negative_number (arg))
        {
          g_autofree char *clean = axds_cli_sanitize (arg);

          *exit_status = axds_cli_usage_error (invocation, _("Unknown option %s"), clean);
          return FALSE;
        }
      g_strv_builder_add (builder, arg);
    }

  result = g_strv_builder_end (builder);
  n_args = g_strv_length (result);
  if (n_args < min_args)
    {
      const char *parameters = invocation->command->parameter_string;

      *exit_status = axds_cli_usage_error (invocation, _("Missing arguments (expected %s)"),
                                           parameters != NULL ? _(parameters) : "");
      return FALSE;
    }
  if (n_args > max_args)
    {
      g_autofree char *clean = axds_cli_sanitize (result[max_args]);

      *exit_status = axds_cli_usage_error (invocation, _("Unexpected argument '%s'"), clean);
      return FALSE;
    }

  *positional = g_steal_pointer (&result);
  return TRUE;
}

/**
 * axds_cli_parse_uint64:
 * @text: decimal text
 * @value: (out): the number
 *
 * Returns: %TRUE when @text is a plain non-negative decimal integer that fits
 */
gboolean
axds_cli_parse_uint64 (const char *text,
                       guint64    *value)
{
  if (text == NULL || !g_ascii_isdigit (text[0]))
    return FALSE;
  return g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT64, value, NULL);
}

/**
 * axds_cli_print_json:
 * @root: (transfer none): the document
 *
 * Writes @root to stdout as one line of JSON.
 *
 * Returns: %FALSE when writing failed
 */
gboolean
axds_cli_print_json (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  gsize len = 0;

  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &len);
  return fwrite (text, 1, len, stdout) == len && fputc ('\n', stdout) != EOF;
}

static guint
display_width (const char *text)
{
  if (g_utf8_validate (text, -1, NULL))
    return (guint) g_utf8_strlen (text, -1);
  return (guint) strlen (text);
}

/**
 * axds_cli_pad_right:
 * @out: where to append
 * @text: the cell
 * @width: the column width in characters
 *
 * Appends @text left-aligned in a column of @width characters (counted, not bytes, so that
 * translated headers line up).
 */
void
axds_cli_pad_right (GString    *out,
                    const char *text,
                    guint       width)
{
  guint w = display_width (text);

  g_string_append (out, text);
  for (; w < width; w++)
    g_string_append_c (out, ' ');
}

/**
 * axds_cli_pad_left:
 * @out: where to append
 * @text: the cell
 * @width: the column width in characters
 *
 * Appends @text right-aligned in a column of @width characters.
 */
void
axds_cli_pad_left (GString    *out,
                   const char *text,
                   guint       width)
{
  for (guint w = display_width (text); w < width; w++)
    g_string_append_c (out, ' ');
  g_string_append (out, text);
}

/**
 * axds_cli_format_time:
 * @usec: UTC microseconds since the epoch
 *
 * Returns: (transfer full): the local time, e.g. `2026-03-01 14:05:09`
 */
char *
axds_cli_format_time (gint64 usec)
{
  g_autoptr(GDateTime) dt = NULL;

  if (usec >= 0)
    dt = g_date_time_new_from_unix_local (usec / G_USEC_PER_SEC);
  if (dt == NULL)
    return g_strdup_printf ("%" G_GINT64_FORMAT " µs", usec);
  return g_date_time_format (dt, "%Y-%m-%d %H:%M:%S");
}

/**
 * axds_cli_group_is_command:
 * @group: a command group
 *
 * Returns: %TRUE when @group is a command of its own (`axds checksum DIR`): its only command
 *   bears its name
 */
gboolean
axds_cli_group_is_command (const AxdsCliGroup *group)
{
  return group->commands[0].name != NULL && group->commands[1].name == NULL &&
         strcmp (group->commands[0].name, group->name) == 0;
}

/* cli-test-utils.c — running the axds binary from tests and checking what it did
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "axds-test-utils.h"
#include "cli-test-utils.h"

void
result_free (Result *r)
{
  g_free (r->out);
  g_free (r->err);
  g_free (r);
}


const char *
cli_path (void)
{
  return axds_test_program ("AXDS_CLI_PATH");
}

/* Runs the tool with @args (NULL-terminated, without the program) and @input (may be NULL)
 * on its standard input. */
Result *
run_axds_inputv (const char         *input,
                 const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  Result *r = g_new0 (Result, 1);

  g_ptr_array_add (argv, (gpointer) cli_path ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  proc = axds_test_spawnv (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                           G_SUBPROCESS_FLAGS_STDERR_PIPE, (const char * const *) argv->pdata);
  r->status = axds_test_communicate (proc, input != NULL ? input : "", &r->out, &r->err);
  g_test_message ("exit %d\nstdout: %s\nstderr: %s", r->status, r->out, r->err);

  /* Whatever the input, the tool must not crash, trip a sanitizer or a GLib check. */
  g_assert_cmpint (r->status, >=, 0);
  g_assert_null (strstr (r->err, "Sanitizer"));
  g_assert_null (strstr (r->err, "runtime error"));
  g_assert_null (strstr (r->err, "CRITICAL"));
  g_assert_null (strstr (r->err, "WARNING **"));
  return r;
}

Result *
run_axdsv (const char * const *args)
{
  return run_axds_inputv (NULL, args);
}


void
check_success (Result *r)
{
  g_assert_cmpint (r->status, ==, 0);
  g_assert_cmpstr (r->err, ==, "");
}

void
run_ok_v (const char * const *args)
{
  g_autoptr(Result) r = run_axdsv (args);

  check_success (r);
}


/* Usage errors exit with 2, operation errors with 1; both say `axds: …` on stderr and nothing
 * on stdout. */
void
assert_failure (Result     *r,
                int         status,
                const char *message_part)
{
  g_assert_cmpint (r->status, ==, status);
  g_assert_true (g_str_has_prefix (r->err, "axds: "));
  g_assert_cmpstr (r->out, ==, "");
  if (message_part != NULL && strstr (r->err, message_part) == NULL)
    g_error ("stderr '%s' does not mention '%s'", r->err, message_part);
}

JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}


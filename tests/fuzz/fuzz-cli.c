/* fuzz-cli.c — the axds tool's command lines: names, paths, indices, values and options
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input's first byte picks a command, the rest are its arguments separated by NUL bytes.
 * Commands run in-process against arrays this harness made under a private AXDS_SHM_DIR and a
 * tracker in the scratch folder, with their output sent to /dev/null:
 * `shm show`, `shm set` (index, value, --raw --dtype --shape), `shm list`, `tracker id` and
 * `tracker show`. Commands that create, remove or copy files, and run forever, are left out,
 * as are `--help` and friends, which print and exit by design. Arguments of path-taking
 * commands are made relative to the scratch folder and may not hold '/' or be empty.
 *
 * Besides the commands, every argument goes through the parsers alone: a valid array name must
 * name a file directly inside the array folder, and an index must resolve inside its array.
 */

#include "config.h"

#include <stdio.h>

#include <axds.h>

#include "axds-cli-shm.h"
#include "axds-cli-tracker.h"
#include "fuzz-common.h"

#define MAX_ARGS 8

typedef struct
{
  const AxdsCliGroup *group;
  const char         *name;
  gboolean            takes_paths;
} Command;

static Command commands[5];
static FILE *devnull;
static AxdsSharedArray *keep[6];
static char *shm_dir;

/* Runs before the scratch folder goes (atexit is last in, first out). Without it the
 * compiler may drop the stores to keep[], never read, and Memcheck rightly calls the arrays
 * lost. */
static void
release_arrays (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (keep); i++)
    g_clear_pointer (&keep[i], axds_shared_array_unref);
  g_clear_pointer (&shm_dir, g_free);
}

/* Arrays of several dtypes and shapes, one large enough to be summarised, one raw buffer. */
static void
setup_once (void)
{
  static const struct { const char *name; const char *dtype; const char *shape; } arrays[] = {
    { "f8", "<f8", "3,4" },
    { "u1", "|u1", "5" },
    { "c16", "<c16", "2,2,2" },
    { "b1", "|b1", "4" },
    { "i2", "<i2", "2,3,4,5" },
    { "big", "<u8", "2000" },
  };
  const char *scratch = fuzz_setup ();
  g_autofree char *tracker_path = NULL;
  g_autoptr(AxdsTracker) tracker = NULL;
  g_auto(GStrv) ids = NULL;
  const char *names[] = { "acquire", "process", "process" };
  const char *specifiers[] = { "", "session_1", "session 2" };

  shm_dir = g_build_filename (scratch, "shm", NULL);
  FUZZ_CHECK (g_mkdir (shm_dir, 0700) == 0);
  g_setenv ("AXDS_SHM_DIR", shm_dir, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (arrays); i++)
    {
      AxdsDtype dtype;
      guint64 shape[AXDS_MAX_DIMS];
      guint ndim;

      FUZZ_CHECK (axds_dtype_from_string (arrays[i].dtype, &dtype, NULL));
      FUZZ_CHECK (axds_shape_parse (arrays[i].shape, &ndim, shape, NULL));
      /* Kept for the life of the process; the scratch folder goes at exit. */
      keep[i] = axds_shared_array_create (arrays[i].name, dtype, ndim, shape, NULL, 0,
                                          AXDS_SHARED_ARRAY_CREATE_NONE, NULL);
      FUZZ_CHECK (keep[i] != NULL);
    }
  atexit (release_arrays);
  {
    g_autofree char *raw = g_build_filename (shm_dir, "raw", NULL);
    guint8 bytes[64];

    for (guint i = 0; i < sizeof bytes; i++)
      bytes[i] = (guint8) (i * 37);
    FUZZ_CHECK (g_file_set_contents (raw, (const char *) bytes, sizeof bytes, NULL));
  }

  tracker_path = g_build_filename (scratch, "jobs.yaml", NULL);
  tracker = axds_tracker_new (tracker_path);
  ids = axds_tracker_initialize_jobs (tracker, names, specifiers, G_N_ELEMENTS (names), NULL);
  FUZZ_CHECK (ids != NULL);
  FUZZ_CHECK (axds_tracker_start_job (tracker, ids[1], "fuzz", NULL));

  commands[0] = (Command) { &axds_cli_shm_group, "show", FALSE };
  commands[1] = (Command) { &axds_cli_shm_group, "set", FALSE };
  commands[2] = (Command) { &axds_cli_shm_group, "list", FALSE };
  commands[3] = (Command) { &axds_cli_tracker_group, "id", FALSE };
  commands[4] = (Command) { &axds_cli_tracker_group, "show", TRUE };

  devnull = fopen ("/dev/null", "w");
  FUZZ_CHECK (devnull != NULL);
}

static const AxdsCliCommand *
find_command (const Command *c)
{
  for (const AxdsCliCommand *command = c->group->commands; command->name != NULL; command++)
    if (strcmp (command->name, c->name) == 0)
      return command;
  abort ();
}

/* GOption prints help and exits on -h, -?, --help*: by design, so not fuzzed. */
static gboolean
asks_for_help (const char *arg)
{
  if (arg[0] != '-')
    return FALSE;
  if (arg[1] == '-')
    return g_str_has_prefix (arg, "--help");
  return strchr (arg, 'h') != NULL || strchr (arg, '?') != NULL;
}

static void
check_parsers (const char *arg)
{
  guint64 value;
  gint64 index[AXDS_MAX_DIMS];
  guint n_index;

  if (axds_shared_array_validate_name (arg, NULL))
    {
      const char *name = arg[0] == '/' ? arg + 1 : arg;
      g_autofree char *path = g_build_filename (shm_dir, name, NULL);
      g_autofree char *parent = g_path_get_dirname (path);
      g_autofree char *base = g_path_get_basename (path);

      FUZZ_CHECK (strcmp (parent, shm_dir) == 0);
      FUZZ_CHECK (strcmp (base, name) == 0 && strcmp (base, "..") != 0 && base[0] != '.');
    }
  if (axds_cli_parse_uint64 (arg, &value))
    {
      g_autofree char *printed = g_strdup_printf ("%" G_GUINT64_FORMAT, value);

      /* Leading zeros aside, the number is the text. */
      FUZZ_CHECK (g_ascii_isdigit (arg[0]));
      FUZZ_CHECK (strcmp (printed, arg + strspn (arg, "0")) == 0 ||
                  (value == 0 && arg[strspn (arg, "0")] == '\0'));
    }
  if (axds_index_parse (arg, &n_index, index, NULL))
    {
      static const guint64 shape[] = { 2, 3, 4, 5 };
      guint64 offset, count;

      if (axds_index_resolve (G_N_ELEMENTS (shape), shape, n_index, index, &offset, &count,
                              NULL))
        FUZZ_CHECK (offset + count <= 2 * 3 * 4 * 5 && count >= 1);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_auto(GStrv) parts = NULL;
  const Command *c;
  const AxdsCliCommand *command;
  g_autofree char *command_line = NULL;
  char *argv[MAX_ARGS + 2] = { NULL };
  AxdsCliInvocation invocation;
  FILE *saved_out, *saved_err;
  int argc = 1, status;

  if (devnull == NULL)
    setup_once ();
  if (size < 1)
    return 0;

  c = &commands[data[0] % G_N_ELEMENTS (commands)];
  parts = fuzz_split (data + 1, size - 1, MAX_ARGS);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      check_parsers (parts[i]);
      /* An empty path would name the scratch folder itself, whose lock file lies outside. */
      if (asks_for_help (parts[i]) ||
          (c->takes_paths && (strchr (parts[i], '/') != NULL || parts[i][0] == '\0')))
        return 0;
    }

  command = find_command (c);
  command_line = g_strdup_printf ("axds %s %s", c->group->name, command->name);
  invocation = (AxdsCliInvocation) { c->group, command, command_line };
  argv[0] = command_line;
  for (guint i = 0; parts[i] != NULL && size > 1; i++)
    {
      if (c->takes_paths && parts[i][0] != '-')
        {
          char *inside = g_build_filename (fuzz_setup (), parts[i], NULL);

          g_free (parts[i]);
          parts[i] = inside;
        }
      argv[argc++] = parts[i];
    }

  /* The commands print through stdio: send that to /dev/null, keep fd 2 for the sanitizers. */
  saved_out = stdout;
  saved_err = stderr;
  stdout = devnull;
  stderr = devnull;
  status = command->run (&invocation, argc, argv);
  fflush (devnull);
  stdout = saved_out;
  stderr = saved_err;

  FUZZ_CHECK (status == AXDS_CLI_EXIT_OK || status == AXDS_CLI_EXIT_FAILURE ||
              status == AXDS_CLI_EXIT_USAGE);
  return 0;
}

/* test-fault.c — every file system call of six operations fails in turn
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For each operation (data logger, archive assembly, tracker writes, YAML config save, checksum
 * with save, verified transfer removing its source) the test first runs axds-fault-runner under
 * axds-fault-shim.so in counting mode, to learn how many calls of each class (open, write,
 * fsync, rename, mmap, alloc, close) the operation makes on its files. It then runs the
 * operation again once per call site, class and error (ENOSPC and EIO everywhere, EMFILE where
 * opening or mapping fails), each time in a fresh copy of the previous good state, and checks:
 *
 *   - the runner did not crash or hang, and leaked no descriptor, mapping or segment;
 *   - it reported success, or an error whose message names the file or folder concerned;
 *   - what is on disk is the previous good state or the complete new one: a tracker or config
 *     never empty or torn, a checksum file old or right, a transferred source never removed
 *     unless its copy is complete, no archive or log entry under its final name unless it is
 *     complete, no temporary file left behind; after a success, the whole result is right.
 *
 * Every broken expectation is collected, and each operation's case fails listing them all.
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gstdio.h>
#include <axds.h>

#include "axds-test-utils.h"

#define RUN_TIMEOUT_S "60"
#define TMPFS_SIZE    "64k"

typedef struct
{
  int       status;     /* the runner's exit status, -1 after a signal or a hang */
  gboolean  ok;
  char     *domain;
  int       code;
  char     *message;
  GPtrArray *steps;
  GHashTable *submitted; /* logger: message index -> length */
  char     *checksum;
  char     *leaks;
  char     *injected;   /* the shim's log line for the fault, NULL when none was injected */
  char     *output;
  char     *errors;
} Outcome;

static void
outcome_free (Outcome *o)
{
  g_free (o->domain);
  g_free (o->message);
  g_ptr_array_unref (o->steps);
  g_hash_table_unref (o->submitted);
  g_free (o->checksum);
  g_free (o->leaks);
  g_free (o->injected);
  g_free (o->output);
  g_free (o->errors);
  g_free (o);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Outcome, outcome_free)

typedef struct _Operation Operation;

typedef struct
{
  const Operation *op;
  char            *base;        /* where the runs' folders are made */
  char            *run;         /* this run's folder (the shim's root) */
  char            *ctx;         /* what was injected, for messages */
  char            *tmpfs;       /* a folder to put a tiny tmpfs over, for a real full disk */
  GString         *failures;
  guint            runs;
  guint            injected;
  guint            errors_reported;
  /* From the clean run: the new state a successful operation leaves. */
  char            *new_content;
  char            *new_checksum;
} Fixture;

struct _Operation
{
  const char *name;
  const char *progs[3];                 /* programs whose calls fail, in turn */
  void      (*prepare) (Fixture *f);    /* the previous good state in f->run */
  char    **(*argv)    (Fixture *f);
  void      (*check)   (Fixture *f, const Outcome *o);
};

/* A NULL-terminated, newly allocated argument vector. */
static char ** G_GNUC_NULL_TERMINATED
strv_new (const char *first,
          ...)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  va_list args;

  va_start (args, first);
  for (const char *s = first; s != NULL; s = va_arg (args, const char *))
    g_strv_builder_add (builder, s);
  va_end (args);
  return g_strv_builder_end (builder);
}

/* The runner's arguments for an operation on one path inside the run's folder. */
static char **
argv_on_path (Fixture    *f,
              const char *operation,
              const char *relative)
{
  g_autofree char *path = g_build_filename (f->run, relative, NULL);

  return strv_new (operation, path, NULL);
}

static void G_GNUC_PRINTF (2, 3)
fail (Fixture    *f,
      const char *format,
      ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  g_string_append_printf (f->failures, "  [%s] %s\n", f->ctx, text);
}

static void
write_file (const char   *dir,
            const char   *name,
            const guint8 *data,
            gsize         len)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  g_file_set_contents (path, (const char *) data, (gssize) len, &error);
  g_assert_no_error (error);
}

static char *
read_file (const char *dir,
           const char *name,
           gsize      *len)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, len, NULL))
    return NULL;
  return contents;
}

/* "relative-path size sha1" per file, sorted, of every file under @root. */
static void
list_tree (const char *root,
           const char *relative,
           GPtrArray  *lines)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *rel = *relative ? g_build_filename (relative, name, NULL)
                                       : g_strdup (name);
      g_autofree char *child = g_build_filename (root, rel, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          g_ptr_array_add (lines, g_strdup_printf ("%s/", rel));
          list_tree (root, rel, lines);
        }
      else
        {
          g_autofree char *contents = NULL;
          gsize len = 0;
          g_autofree char *sum = NULL;

          g_file_get_contents (child, &contents, &len, NULL);
          sum = g_compute_checksum_for_data (G_CHECKSUM_SHA1, (const guchar *) contents, len);
          g_ptr_array_add (lines, g_strdup_printf ("%s %" G_GSIZE_FORMAT " %s", rel, len, sum));
        }
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
describe_tree (const char *root)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  if (!g_file_test (root, G_FILE_TEST_IS_DIR))
    return NULL;
  list_tree (root, "", lines);
  g_ptr_array_sort (lines, compare_strings);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

/* Temporary files an interrupted write might leave: hidden names ending in .tmp or -partial. */
static void
check_no_temporaries (Fixture    *f,
                      const char *relative)
{
  g_autofree char *path = g_build_filename (f->run, relative, NULL);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (name[0] == '.' && (g_str_has_suffix (name, ".tmp") || strstr (name, "partial")))
        fail (f, "temporary file left behind: %s", child);
      else if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          g_autofree char *rel = g_build_filename (relative, name, NULL);

          check_no_temporaries (f, rel);
        }
    }
}

/* An error must say which file or folder: one under the run's folder, named by path or name. */
static void
check_error_message (Fixture       *f,
                     const Outcome *o,
                     const char    *expected_name)
{
  if (o->message == NULL || *o->message == '\0')
    fail (f, "error without a message (%s %d)", o->domain, o->code);
  else if (strstr (o->message, f->run) == NULL &&
           (expected_name == NULL || strstr (o->message, expected_name) == NULL))
    fail (f, "error message names no file of the operation: %s", o->message);
}

/* --- running --------------------------------------------------------------------------------- */

static const char *
shim_path (void)
{
  return g_getenv ("AXDS_FAULT_SHIM");
}

/* Under AddressSanitizer its runtime must come first in the preload list: the one this test
 * itself has loaded, if any. */
static char *
preload_value (void)
{
  g_autofree char *maps = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL))
    return g_strdup (shim_path ());
  lines = g_strsplit (maps, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *path = strchr (lines[i], '/');

      if (path != NULL && strstr (path, "/libasan.so") != NULL)
        return g_strdup_printf ("%s:%s", path, shim_path ());
    }
  return g_strdup (shim_path ());
}

static Outcome *
run_runner (Fixture    *f,
            const char *prog,
            const char *klass,
            guint       nth,
            const char *errname,
            const char *count_file)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) op_argv = f->op->argv (f);
  g_autofree char *preload = preload_value ();
  g_autofree char *log_path = g_build_filename (f->base, "injected.log", NULL);
  g_autofree char *shm = g_build_filename (f->run, "shm", NULL);
  g_autofree char *nth_text = g_strdup_printf ("%u", nth);
  g_auto(GStrv) lines = NULL;
  Outcome *o = g_new0 (Outcome, 1);

  o->steps = g_ptr_array_new_with_free_func (g_free);
  o->submitted = g_hash_table_new (NULL, NULL);
  g_unlink (log_path);
  g_assert_cmpint (g_mkdir_with_parents (shm, 0700), ==, 0);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LD_PRELOAD", preload, TRUE);
  g_subprocess_launcher_setenv (launcher, "AXDS_FAULT_ROOT", f->run, TRUE);
  g_subprocess_launcher_setenv (launcher, "AXDS_SHM_DIR", shm, TRUE);
  g_subprocess_launcher_setenv (launcher, "AXDS_FAULT_LOG", log_path, TRUE);
  if (count_file != NULL)
    g_subprocess_launcher_setenv (launcher, "AXDS_FAULT_COUNT_FILE", count_file, TRUE);
  if (klass != NULL)
    {
      g_subprocess_launcher_setenv (launcher, "AXDS_FAULT_PROG", prog, TRUE);
      g_subprocess_launcher_setenv (launcher, "AXDS_FAULT_CALL", klass, TRUE);
      g_subprocess_launcher_setenv (launcher, "AXDS_FAULT_NTH", nth_text, TRUE);
      g_subprocess_launcher_setenv (launcher, "AXDS_FAULT_ERRNO", errname, TRUE);
    }
  /* A real full disk: the runner in a mount namespace of its own, with a tiny tmpfs over
   * f->tmpfs (what it writes there is gone afterwards; the runner reports what it saw). */
  if (f->tmpfs != NULL)
    {
      g_ptr_array_add (argv, g_strdup ("unshare"));
      g_ptr_array_add (argv, g_strdup ("-m"));
      g_ptr_array_add (argv, g_strdup ("sh"));
      g_ptr_array_add (argv, g_strdup ("-c"));
      g_ptr_array_add (argv, g_strdup ("mount -t tmpfs -o size=" TMPFS_SIZE " tmpfs \"$0\" && "
                                       "exec \"$@\""));
      g_ptr_array_add (argv, g_strdup (f->tmpfs));
    }
  /* A fault must never make an operation hang; timeout(1) turns a hang into a failure. */
  g_ptr_array_add (argv, g_strdup ("timeout"));
  g_ptr_array_add (argv, g_strdup ("-k5"));
  g_ptr_array_add (argv, g_strdup (RUN_TIMEOUT_S));
  g_ptr_array_add (argv, g_strdup (g_getenv ("AXDS_FAULT_RUNNER")));
  for (guint i = 0; op_argv[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (op_argv[i]));
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &o->output, &o->errors, &error);
  g_assert_no_error (error);
  o->status = g_subprocess_get_if_exited (proc) ? g_subprocess_get_exit_status (proc) : -1;
  if (o->status == 124 || o->status == 137)
    o->status = -1;

  lines = g_strsplit (o->output, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (g_str_has_prefix (line, "STEP "))
        g_ptr_array_add (o->steps, g_strdup (line + 5));
      else if (g_str_has_prefix (line, "SUBMITTED "))
        {
          guint64 index = 0, len = 0;

          if (sscanf (line + 10, "%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT, &index, &len) == 2)
            g_hash_table_insert (o->submitted, GSIZE_TO_POINTER (index), GSIZE_TO_POINTER (len));
        }
      else if (g_str_has_prefix (line, "CHECKSUM "))
        o->checksum = g_strdup (line + 9);
      else if (g_str_equal (line, "RESULT ok"))
        o->ok = TRUE;
      else if (g_str_has_prefix (line, "RESULT error "))
        {
          g_auto(GStrv) parts = g_strsplit (line + 13, " ", 3);

          if (g_strv_length (parts) == 3)
            {
              o->domain = g_strdup (parts[0]);
              o->code = atoi (parts[1]);
              o->message = g_strdup (parts[2]);
            }
        }
      else if (g_str_has_prefix (line, "LEAK "))
        {
          g_autofree char *old = o->leaks;

          o->leaks = g_strconcat (old ? old : "", line + 5, "; ", NULL);
        }
    }
  o->injected = read_file (f->base, "injected.log", NULL);
  if (o->injected != NULL)
    g_strchomp (o->injected);
  return o;
}

/* The generic checks of one run; the operation's own follow. */
static void
check_outcome (Fixture       *f,
               const Outcome *o)
{
  if (o->status != 0 && o->status != 2)
    {
      fail (f, "runner crashed, hung or failed (status %d): %s", o->status, o->errors);
      return;
    }
  if (o->leaks != NULL)
    fail (f, "leaks: %s", o->leaks);
  if (!o->ok && o->domain == NULL)
    fail (f, "no result reported; output: %s", o->output);
  f->op->check (f, o);
}

static void
fresh_run (Fixture *f)
{
  if (f->run != NULL)
    axds_test_remove_tree (f->run);
  g_free (f->run);
  f->run = g_build_filename (f->base, "run", NULL);
  g_assert_cmpint (g_mkdir_with_parents (f->run, 0755), ==, 0);
  f->op->prepare (f);
}

static void
run_matrix (gconstpointer data)
{
  const Operation *op = data;
  Fixture fixture = { .op = op };
  Fixture *f = &fixture;
  g_autoptr(Outcome) clean = NULL;
  g_autofree char *count_file = NULL;
  g_autofree char *counts = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  guint by_errno[4] = { 0 };
  gint64 started = g_get_monotonic_time ();

  if (shim_path () == NULL || g_getenv ("AXDS_FAULT_RUNNER") == NULL)
    {
      g_test_skip ("AXDS_FAULT_SHIM and AXDS_FAULT_RUNNER are not set");
      return;
    }
  f->base = axds_test_dir_new ("fault");
  f->failures = g_string_new (NULL);
  count_file = g_build_filename (f->base, "counts", NULL);

  /* The clean run: counts the calls and gives the new state a success leaves. */
  f->ctx = g_strdup_printf ("%s clean", op->name);
  fresh_run (f);
  clean = run_runner (f, NULL, NULL, 0, NULL, count_file);
  g_assert_cmpint (clean->status, ==, 0);
  if (!clean->ok)
    g_error ("%s: the operation fails without a fault: %s\n%s", op->name, clean->message,
             clean->errors);
  check_outcome (f, clean);
  g_assert_null (clean->injected);

  counts = read_file (f->base, "counts", NULL);
  g_assert_nonnull (counts);
  lines = g_strsplit (counts, "\n", -1);
  for (guint l = 0; lines[l] != NULL; l++)
    {
      g_auto(GStrv) parts = g_strsplit (lines[l], " ", 3);
      guint n;

      if (g_strv_length (parts) != 3 || !g_strv_contains (op->progs, parts[0]))
        continue;
      n = (guint) g_ascii_strtoull (parts[2], NULL, 10);
      g_test_message ("%s: %s makes %u %s calls", op->name, parts[0], n, parts[1]);
      for (guint nth = 1; nth <= n; nth++)
        {
          const char *errnames[] = { "ENOSPC", "EIO", "EMFILE", "SHORT" };
          const int errnos[] = { ENOSPC, EIO, EMFILE, 0 };
          gboolean is_open = g_str_equal (parts[1], "open") || g_str_equal (parts[1], "mmap");
          gboolean is_write = g_str_equal (parts[1], "write");

          for (guint e = 0; e < G_N_ELEMENTS (errnames); e++)
            {
              g_autoptr(Outcome) o = NULL;

              /* EMFILE only where a descriptor is being made or a file mapped; short writes
               * only where data is written. */
              if ((e == 2 && !is_open) || (e == 3 && !is_write))
                continue;

              g_free (f->ctx);
              f->ctx = g_strdup_printf ("%s: %s %s #%u %s", op->name, parts[0], parts[1], nth,
                                        errnames[e]);
              fresh_run (f);
              o = run_runner (f, parts[0], parts[1], nth, errnames[e], NULL);
              f->runs++;
              by_errno[e]++;
              if (o->injected != NULL)
                f->injected++;
              if (!o->ok)
                f->errors_reported++;
              if (o->injected != NULL)
                {
                  g_free (f->ctx);
                  f->ctx = g_strdup_printf ("%s: %s %s", op->name, o->injected, errnames[e]);
                }
              check_outcome (f, o);
              /* The error says what went wrong, in the system's words; only the logger
               * process failing to reach its queue has no way to pass the errno on, and
               * then says that. */
              if (!o->ok && o->injected != NULL && errnos[e] != 0 && o->message != NULL &&
                  strstr (o->message, g_strerror (errnos[e])) == NULL &&
                  !(g_str_has_prefix (o->injected, "axds-logger ") &&
                    strstr (o->injected, "/shm/") != NULL &&
                    strstr (o->message, "could not connect to its queue") != NULL))
                fail (f, "error does not give the cause (%s): %s", g_strerror (errnos[e]),
                      o->message);
            }
        }
    }

  g_printerr ("# fault %s: %u runs (%u ENOSPC, %u EIO, %u EMFILE, %u short writes), %u faults "
              "injected, %u reported as errors, %.1f s\n", op->name, f->runs, by_errno[0],
              by_errno[1], by_errno[2], by_errno[3], f->injected, f->errors_reported,
              (g_get_monotonic_time () - started) / 1e6);
  axds_test_remove_tree (f->base);
  if (f->failures->len > 0)
    g_error ("%s under injected faults:\n%s", op->name, f->failures->str);
  g_assert_cmpuint (f->runs, >, 0);
  g_assert_cmpuint (f->injected, >, 0);
  g_string_free (f->failures, TRUE);
  g_free (f->base);
  g_free (f->run);
  g_free (f->ctx);
  g_free (f->new_content);
  g_free (f->new_checksum);
}

/* --- YAML config --------------------------------------------------------------------------- */

#define OLD_CONFIG "name: first version\ncount: 1\n"

static void
config_prepare (Fixture *f)
{
  write_file (f->run, "settings/config.yaml", (const guint8 *) OLD_CONFIG,
              strlen (OLD_CONFIG));
}

static char **
config_argv (Fixture *f)
{
  return argv_on_path (f, "config", "settings/config.yaml");
}

static void
config_check (Fixture       *f,
              const Outcome *o)
{
  g_autofree char *content = read_file (f->run, "settings/config.yaml", NULL);

  if (f->new_content == NULL)
    {
      /* The clean run. */
      g_assert_nonnull (content);
      g_assert_cmpstr (content, !=, OLD_CONFIG);
      f->new_content = g_steal_pointer (&content);
      return;
    }
  if (o->ok)
    {
      if (g_strcmp0 (content, f->new_content) != 0)
        fail (f, "saved, but the file holds: %s", content ? content : "(nothing)");
    }
  else
    {
      check_error_message (f, o, "config.yaml");
      if (g_strcmp0 (content, OLD_CONFIG) != 0 && g_strcmp0 (content, f->new_content) != 0)
        fail (f, "failed save left neither the old nor the new config: %s",
              content ? content : "(nothing)");
    }
  check_no_temporaries (f, "settings");
}

/* --- checksum ------------------------------------------------------------------------------ */

#define OLD_CHECKSUM "00000000000000000000000000000000"

static void
tree_prepare (const char *root)
{
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s/file%u.bin", i < 3 ? "raw" : "raw/sub", i);
      gsize len = i == 4 ? 200 * 1024 : 100 * (i + 1);
      g_autofree guint8 *data = g_malloc (len);

      for (gsize j = 0; j < len; j++)
        data[j] = (guint8) (j * (i + 3) + i);
      write_file (root, name, data, len);
    }
  write_file (root, "notes.txt", (const guint8 *) "session notes\n", 14);
}

static void
checksum_prepare (Fixture *f)
{
  g_autofree char *root = g_build_filename (f->run, "session", NULL);

  tree_prepare (root);
  write_file (root, AXDS_CHECKSUM_FILE_NAME, (const guint8 *) OLD_CHECKSUM,
              strlen (OLD_CHECKSUM));
}

static char **
checksum_argv (Fixture *f)
{
  return argv_on_path (f, "checksum", "session");
}

static void
checksum_check (Fixture       *f,
                const Outcome *o)
{
  g_autofree char *content = read_file (f->run, "session/" AXDS_CHECKSUM_FILE_NAME, NULL);

  if (f->new_checksum == NULL)
    {
      g_assert_nonnull (o->checksum);
      g_assert_nonnull (content);
      g_assert_true (g_str_has_prefix (content, o->checksum));
      f->new_checksum = g_strdup (o->checksum);
      f->new_content = g_steal_pointer (&content);
      return;
    }
  if (o->ok)
    {
      if (g_strcmp0 (o->checksum, f->new_checksum) != 0)
        fail (f, "wrong checksum %s", o->checksum);
      if (g_strcmp0 (content, f->new_content) != 0)
        fail (f, "checksum reported saved, but the file holds: %s",
              content ? content : "(nothing)");
    }
  else
    {
      check_error_message (f, o, NULL);
      if (g_strcmp0 (content, OLD_CHECKSUM) != 0 && g_strcmp0 (content, f->new_content) != 0)
        fail (f, "failed checksum left a wrong file: %s", content ? content : "(nothing)");
    }
  check_no_temporaries (f, "session");
}

/* --- transfer ------------------------------------------------------------------------------ */

static void
transfer_prepare (Fixture *f)
{
  g_autofree char *root = g_build_filename (f->run, "source", NULL);
  g_autofree char *dst = g_build_filename (f->run, "destination", NULL);

  tree_prepare (root);
  g_assert_cmpint (g_mkdir_with_parents (dst, 0755), ==, 0);
  if (f->new_content == NULL)
    f->new_content = describe_tree (root);
}

static char **
transfer_argv (Fixture *f)
{
  g_autofree char *src = g_build_filename (f->run, "source", NULL);
  g_autofree char *dst = g_build_filename (f->run, "destination", "copy", NULL);

  return strv_new ("transfer", src, dst, NULL);
}

static void
transfer_check (Fixture       *f,
                const Outcome *o)
{
  g_autofree char *src = g_build_filename (f->run, "source", NULL);
  g_autofree char *dst = g_build_filename (f->run, "destination/copy", NULL);
  g_autofree char *src_tree = describe_tree (src);
  g_autofree char *dst_tree = describe_tree (dst);

  /* The verified copy also holds the source's checksum file, made on the way. */
  if (o->ok)
    {
      if (src_tree != NULL)
        fail (f, "transferred, but the source is still there");
      if (dst_tree == NULL || strstr (dst_tree, f->new_content) == NULL)
        {
          /* Every original file must be in the copy with the same content. */
          g_auto(GStrv) want = g_strsplit (f->new_content, "\n", -1);

          for (guint i = 0; want[i] != NULL; i++)
            if (dst_tree == NULL || strstr (dst_tree, want[i]) == NULL)
              fail (f, "transferred, but the copy lacks %s", want[i]);
        }
    }
  else
    {
      check_error_message (f, o, NULL);
      if (src_tree == NULL)
        fail (f, "failed transfer removed the source");
      else
        {
          /* The source stays whole: every file as it was (a checksum file may be added). */
          g_auto(GStrv) want = g_strsplit (f->new_content, "\n", -1);

          for (guint i = 0; want[i] != NULL; i++)
            if (strstr (src_tree, want[i]) == NULL)
              fail (f, "failed transfer damaged the source: %s", want[i]);
        }
    }
  check_no_temporaries (f, "destination");
  check_no_temporaries (f, "source");
}

/* --- tracker ------------------------------------------------------------------------------- */

#define TRACKER_FILE "tracker/jobs.yaml"

static void
tracker_prepare (Fixture *f)
{
  g_autofree char *path = g_build_filename (f->run, TRACKER_FILE, NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(AxdsTracker) tracker = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;
  const char *names[] = { "job-a", "job-b", "job-c" };
  const char *specifiers[] = { "", "", "" };

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  tracker = axds_tracker_new (path);
  ids = axds_tracker_initialize_jobs (tracker, names, specifiers, 3, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ids);
}

static char **
tracker_argv (Fixture *f)
{
  return argv_on_path (f, "tracker", TRACKER_FILE);
}

/* "name=status" per job, sorted: the state after each of the runner's steps. */
static char *
tracker_state (const char *path,
               GError    **error)
{
  g_autoptr(AxdsTracker) tracker = axds_tracker_new (path);
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  jobs = axds_tracker_snapshot (tracker, NULL, error);
  if (jobs == NULL)
    return NULL;
  for (guint i = 0; i < jobs->len; i++)
    {
      AxdsTrackerJob *job = g_ptr_array_index (jobs, i);

      g_ptr_array_add (lines, g_strdup_printf ("%s=%d", axds_tracker_job_get_job_name (job),
                                               (int) axds_tracker_job_get_status (job)));
    }
  g_ptr_array_sort (lines, compare_strings);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv (",", (char **) lines->pdata);
}

static const char *
tracker_expected (guint steps)
{
  static const char *const states[] = {
    "job-a=0,job-b=0,job-c=0",
    "job-a=1,job-b=0,job-c=0",
    "job-a=2,job-b=0,job-c=0",
    "job-a=2,job-b=3,job-c=0",
    "extra=0,job-a=2,job-b=3,job-c=0",
  };

  return states[MIN (steps, G_N_ELEMENTS (states) - 1)];
}

static void
tracker_check (Fixture       *f,
               const Outcome *o)
{
  g_autofree char *path = g_build_filename (f->run, TRACKER_FILE, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *state = tracker_state (path, &error);
  guint done = o->steps->len;

  if (state == NULL)
    {
      fail (f, "tracker file unreadable afterwards: %s", error->message);
      return;
    }
  if (o->ok)
    {
      if (g_strcmp0 (state, tracker_expected (4)) != 0)
        fail (f, "all steps done, but the tracker holds %s", state);
    }
  else
    {
      check_error_message (f, o, "jobs.yaml");
      /* The failing step may have replaced the file before its error (a failed folder sync):
       * then the file holds that step's state; never anything else. */
      if (g_strcmp0 (state, tracker_expected (done)) != 0 &&
          g_strcmp0 (state, tracker_expected (done + 1)) != 0)
        fail (f, "after %u steps the tracker holds %s", done, state);
    }
  check_no_temporaries (f, "tracker");
}

/* --- archive assembly ---------------------------------------------------------------------- */

#define ARCHIVE_MESSAGES 12

static GBytes *
archive_payload (guint source,
                 guint index)
{
  gsize len = (source == 1 && index == ARCHIVE_MESSAGES / 2) ? 300 * 1024 : 40 + index;
  guint8 *data = g_malloc (len);

  for (gsize j = 0; j < len; j++)
    data[j] = (guint8) (source * 7 + index * 13 + j);
  return g_bytes_new_take (data, len);
}

static void
write_entry (const char   *dir,
             guint         source,
             guint64       time,
             const guint8 *payload,
             gsize         len)
{
  g_autofree char *name = g_strdup_printf ("%03u_%020" G_GUINT64_FORMAT ".npy", source, time);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree guint8 *entry = g_malloc (9 + len);
  guint64 le = GUINT64_TO_LE (time);
  g_autoptr(GError) error = NULL;

  entry[0] = (guint8) source;
  memcpy (entry + 1, &le, 8);
  memcpy (entry + 9, payload, len);
  axds_npy_write_u8 (path, entry, 9 + len, &error);
  g_assert_no_error (error);
}

static void
archive_prepare (Fixture *f)
{
  g_autofree char *dir = g_build_filename (f->run, "logs", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  for (guint source = 1; source <= 2; source++)
    {
      guint64 onset = GUINT64_TO_LE (G_GUINT64_CONSTANT (1700000000000000) + source);

      write_entry (dir, source, 0, (const guint8 *) &onset, 8);
      for (guint i = 1; i <= ARCHIVE_MESSAGES; i++)
        {
          g_autoptr(GBytes) payload = archive_payload (source, i);

          write_entry (dir, source, i * 1000, g_bytes_get_data (payload, NULL),
                       g_bytes_get_size (payload));
        }
    }
}

static char **
archive_argv (Fixture *f)
{
  return argv_on_path (f, "archive", "logs");
}

static guint
count_sources (const char *dir,
               guint       source)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autofree char *prefix = g_strdup_printf ("%03u_", source);
  const char *name;
  guint n = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".npy"))
      n++;
  return n;
}

static void
archive_check (Fixture       *f,
               const Outcome *o)
{
  g_autofree char *dir = g_build_filename (f->run, "logs", NULL);

  for (guint source = 1; source <= 2; source++)
    {
      g_autofree char *path = g_strdup_printf ("%s/%u_log.npz", dir, source);
      guint left = count_sources (dir, source);
      g_autoptr(AxdsLogArchive) archive = NULL;
      g_autoptr(GArray) times = NULL;
      g_autoptr(GPtrArray) payloads = NULL;
      g_autoptr(GError) error = NULL;

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          if (o->ok)
            fail (f, "assembled, but %s is missing", path);
          if (left != ARCHIVE_MESSAGES + 1)
            fail (f, "no archive of source %u, and only %u of its %u entries left", source,
                  left, ARCHIVE_MESSAGES + 1);
          continue;
        }
      /* An archive under its final name is complete, whatever else happened. */
      archive = axds_log_archive_open (path, &error);
      if (archive == NULL || !axds_log_archive_read_all (archive, &times, &payloads, &error))
        {
          fail (f, "archive %s unreadable: %s", path, error->message);
          continue;
        }
      if (payloads->len != ARCHIVE_MESSAGES)
        fail (f, "archive %s holds %u messages", path, payloads->len);
      for (guint i = 0; i < payloads->len && i < ARCHIVE_MESSAGES; i++)
        {
          g_autoptr(GBytes) want = archive_payload (source, i + 1);

          if (!g_bytes_equal (want, g_ptr_array_index (payloads, i)))
            fail (f, "archive %s message %u differs", path, i);
        }
      if (o->ok && left != 0)
        fail (f, "assembled, but %u entries of source %u were not removed", left, source);
    }
  if (!o->ok)
    check_error_message (f, o, NULL);
  check_no_temporaries (f, "logs");
}

/* --- data logger --------------------------------------------------------------------------- */

#define LOGGER_MESSAGES 12

static void
logger_prepare (Fixture *f)
{
  g_autofree char *dir = g_build_filename (f->run, "out", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
}

static char **
logger_argv (Fixture *f)
{
  g_autofree char *path = g_build_filename (f->run, "out", NULL);
  g_autofree char *count = g_strdup_printf ("%u", LOGGER_MESSAGES);

  return strv_new ("logger", path, count, NULL);
}

static void
logger_check (Fixture       *f,
              const Outcome *o)
{
  g_autofree char *dir = g_build_filename (f->run, "out", "fault_data_log", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GHashTable) on_disk = g_hash_table_new (NULL, NULL);
  const char *name;

  /* Every entry under its final name is complete and holds what was submitted. */
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *contents = NULL;
      g_autoptr(GError) error = NULL;
      const guint8 *entry;
      gsize len, entry_len;
      guint64 time;

      if (name[0] == '.')
        continue;
      contents = read_file (dir, name, &len);
      if (contents == NULL ||
          !axds_npy_parse_u8 ((const guint8 *) contents, len, name, &entry, &entry_len, &error))
        {
          fail (f, "log entry %s incomplete: %s", name, error ? error->message : "unreadable");
          continue;
        }
      memcpy (&time, entry + 1, 8);
      time = GUINT64_FROM_LE (time);
      if (entry[0] != 1 || time >= LOGGER_MESSAGES)
        {
          fail (f, "log entry %s holds source %u time %" G_GUINT64_FORMAT, name, entry[0], time);
          continue;
        }
      for (gsize j = 9; j < entry_len; j++)
        if (entry[j] != (guint8) (time * 31 + (j - 9)))
          {
            fail (f, "log entry %s has wrong payload", name);
            break;
          }
      if (GPOINTER_TO_SIZE (g_hash_table_lookup (o->submitted, GSIZE_TO_POINTER (time))) !=
          entry_len - 9)
        fail (f, "log entry %s was never submitted or has the wrong size", name);
      g_hash_table_add (on_disk, GSIZE_TO_POINTER (time));
    }

  if (o->ok)
    {
      GHashTableIter iter;
      gpointer key;

      if (g_hash_table_size (o->submitted) != LOGGER_MESSAGES)
        fail (f, "logger reported success, but only %u messages were submitted",
              g_hash_table_size (o->submitted));
      g_hash_table_iter_init (&iter, o->submitted);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (!g_hash_table_contains (on_disk, key))
          fail (f, "logger reported success, but message %u is not on disk",
                GPOINTER_TO_UINT (key));
    }
  else
    check_error_message (f, o, "fault");
  check_no_temporaries (f, "out");
}

/* --- a real full disk ---------------------------------------------------------------------- */

/* Whether this machine lets us mount a tmpfs in a mount namespace of our own (root, or a
 * container that allows it). */
static gboolean
can_mount_tmpfs (void)
{
  g_autofree char *dir = g_dir_make_tmp ("axds-fault-mnt-XXXXXX", NULL);
  const char *argv[] = { "unshare", "-m", "sh", "-c",
                         "mount -t tmpfs -o size=" TMPFS_SIZE " tmpfs \"$0\"", dir, NULL };
  int status = -1;

  if (dir == NULL)
    return FALSE;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL);
  g_rmdir (dir);
  return g_spawn_check_wait_status (status, NULL);
}

/* A verified transfer onto a destination too small for the tree, and a data logger whose
 * folder fills up: the disk really is full, with whatever short writes the kernel makes. */
static void
test_tiny_tmpfs (void)
{
  Fixture fixture = { 0 };
  Fixture *f = &fixture;
  g_autoptr(GError) error = NULL;
  /* Only their argument vectors: the preparation is done here, the checks differ. */
  static const Operation transfer_op = { "transfer", { NULL }, NULL, transfer_argv, NULL };
  static const Operation logger_op = { "logger", { NULL }, NULL, logger_argv, NULL };

  if (g_getenv ("AXDS_FAULT_RUNNER") == NULL || !can_mount_tmpfs ())
    {
      g_test_skip ("cannot mount a tmpfs in a mount namespace here (needs root or a user "
                   "namespace with mount rights)");
      return;
    }
  f->base = axds_test_dir_new ("fault");
  f->failures = g_string_new (NULL);
  f->run = g_build_filename (f->base, "run", NULL);
  g_assert_cmpint (g_mkdir_with_parents (f->run, 0755), ==, 0);

  /* The transfer: the destination folder is the tmpfs. */
  {
    g_autoptr(Outcome) o = NULL;
    g_autofree char *src = g_build_filename (f->run, "source", NULL);
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;

    f->op = &transfer_op;
    f->ctx = g_strdup ("transfer onto a full tmpfs");
    tree_prepare (src);
    before = describe_tree (src);
    f->tmpfs = g_build_filename (f->run, "destination", NULL);
    g_assert_cmpint (g_mkdir_with_parents (f->tmpfs, 0755), ==, 0);
    o = run_runner (f, NULL, NULL, 0, NULL, NULL);
    after = describe_tree (src);
    if (o->status != 0)
      fail (f, "runner crashed, hung or leaked (status %d): %s %s", o->status, o->leaks,
            o->errors);
    if (o->ok)
      fail (f, "a %s tmpfs took a %s tree", TMPFS_SIZE, "~215 KiB");
    else
      {
        check_error_message (f, o, NULL);
        if (o->message && strstr (o->message, g_strerror (ENOSPC)) == NULL)
          fail (f, "the error does not say the disk is full: %s", o->message);
      }
    /* A checksum file may have been added to the source; nothing else changes. */
    if (after == NULL || strstr (after, before) == NULL)
      {
        g_auto(GStrv) want = g_strsplit (before, "\n", -1);

        for (guint i = 0; want[i] != NULL; i++)
          if (after == NULL || strstr (after, want[i]) == NULL)
            fail (f, "the source lost %s", want[i]);
      }
    g_test_message ("transfer onto a full tmpfs: %s", o->message ? o->message : "ok");
    g_clear_pointer (&f->tmpfs, g_free);
    g_clear_pointer (&f->ctx, g_free);
  }

  /* The logger: its output folder is the tmpfs; the 300 KiB message cannot fit. */
  {
    g_autoptr(Outcome) o = NULL;

    f->ctx = g_strdup ("logger onto a full tmpfs");
    f->tmpfs = g_build_filename (f->run, "out", NULL);
    g_assert_cmpint (g_mkdir_with_parents (f->tmpfs, 0755), ==, 0);
    f->op = &logger_op;
    o = run_runner (f, NULL, NULL, 0, NULL, NULL);
    if (o->status != 0)
      fail (f, "runner crashed, hung or leaked (status %d): %s %s", o->status, o->leaks,
            o->errors);
    if (o->ok)
      fail (f, "a %s tmpfs took a 300 KiB message", TMPFS_SIZE);
    else
      check_error_message (f, o, "fault");
    g_test_message ("logger onto a full tmpfs: %s", o->message ? o->message : "ok");
    g_clear_pointer (&f->tmpfs, g_free);
  }

  axds_test_remove_tree (f->base);
  if (f->failures->len > 0)
    g_error ("on a full disk:\n%s", f->failures->str);
  g_string_free (f->failures, TRUE);
  g_free (f->base);
  g_free (f->run);
  g_free (f->ctx);
}

/* ------------------------------------------------------------------------------------------- */

static const Operation operations[] = {
  { "config", { "axds-fault-runner", NULL }, config_prepare, config_argv, config_check },
  { "checksum", { "axds-fault-runner", NULL }, checksum_prepare, checksum_argv, checksum_check },
  { "tracker", { "axds-fault-runner", NULL }, tracker_prepare, tracker_argv, tracker_check },
  { "transfer", { "axds-fault-runner", NULL }, transfer_prepare, transfer_argv, transfer_check },
  { "archive", { "axds-fault-runner", NULL }, archive_prepare, archive_argv, archive_check },
  { "logger", { "axds-fault-runner", "axds-logger", NULL }, logger_prepare, logger_argv,
    logger_check },
};

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (operations); i++)
    {
      g_autofree char *path = g_strdup_printf ("/axds/fault/%s", operations[i].name);

      g_test_add_data_func (path, &operations[i], run_matrix);
    }
  g_test_add_func ("/axds/fault/tiny-tmpfs", test_tiny_tmpfs);
  return g_test_run ();
}

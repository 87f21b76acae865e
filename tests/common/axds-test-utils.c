/* axds-test-utils.c — temporary folders, child processes and waiting, for every test program
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * GLib and GIO only: the library's tests link libaxds statically, the monitor's link it shared,
 * and this links into both. Failures assert (the tests' own checks), except where a helper
 * program or a teardown must go on.
 */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "axds-test-utils.h"

/* --- temporary folders ----------------------------------------------------------------------- */

static AxdsTestDir *
make_dir_in (const char *base,
             const char *what)
{
  g_autofree char *name = g_strdup_printf ("axds-test-%s-XXXXXX", what);
  char *dir = g_build_filename (base, name, NULL);

  if (g_mkdtemp (dir) == NULL)
    g_error ("cannot make a folder %s: %s", dir, g_strerror (errno));
  return dir;
}

/* A new folder axds-test-WHAT-XXXXXX in the temporary folder. */
AxdsTestDir *
axds_test_dir_new (const char *what)
{
  return make_dir_in (g_get_tmp_dir (), what);
}

/* The same in /dev/shm: for tests that write many files about something other than the disk. */
AxdsTestDir *
axds_test_dir_new_tmpfs (const char *what)
{
  return make_dir_in ("/dev/shm", what);
}

/* Removes the tree, then frees the path. */
void
axds_test_dir_free (AxdsTestDir *dir)
{
  if (dir == NULL)
    return;
  axds_test_remove_tree (dir);
  g_free (dir);
}

/* Removes @path and everything below it, never following a link; a missing @path is no
 * error. Folders a test made read-only are made writable first, so they go too. */
void
axds_test_remove_tree (const char *path)
{
  struct stat st;

  if (g_lstat (path, &st) != 0)
    return;
  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = NULL;
      const char *name;

      if ((st.st_mode & S_IRWXU) != S_IRWXU)
        g_chmod (path, st.st_mode | S_IRWXU);
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          axds_test_remove_tree (child);
        }
      if (g_rmdir (path) != 0)
        g_test_message ("cannot remove %s: %s", path, g_strerror (errno));
    }
  else if (g_unlink (path) != 0)
    g_test_message ("cannot remove %s: %s", path, g_strerror (errno));
}

/* --- small files ----------------------------------------------------------------------------- */

/* Writes @len bytes of @data (-1: a NUL-terminated string) to @path, or fails the test. */
void
axds_test_write_file (const char *path,
                      const void *data,
                      gssize      len)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
}

/* The whole of @path (NUL-terminated as well), or fails the test. */
char *
axds_test_read_file (const char *path,
                     gsize      *len)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, len, &error);
  g_assert_no_error (error);
  return contents;
}

/* How many entries of @dir end in @suffix (all with ""). */
guint
axds_test_count_files (const char *dir,
                       const char *suffix)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d = g_dir_open (dir, 0, &error);
  const char *entry;
  guint n = 0;

  g_assert_no_error (error);
  while ((entry = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (entry, suffix))
      n++;
  return n;
}

/* --- names of shared-memory objects ---------------------------------------------------------- */

/* axds-test-PID-: every segment, queue or tracker a test program names starts with it, so that
 * its last case can prove that none is left behind, and parallel tests never meet. */
const char *
axds_test_name_prefix (void)
{
  static char *prefix;

  if (g_once_init_enter (&prefix))
    g_once_init_leave (&prefix, g_strdup_printf ("axds-test-%d-", (int) getpid ()));
  return prefix;
}

/* PREFIX + WHAT + a counter: a name no other case of the program uses. */
char *
axds_test_unique_name (const char *what)
{
  static gint counter;

  return g_strdup_printf ("%s%s-%d", axds_test_name_prefix (), what,
                          g_atomic_int_add (&counter, 1) + 1);
}

/* Fails when an entry of @dir starts with @prefix: a @what this program left behind. */
void
axds_test_assert_none_left (const char *dir,
                            const char *prefix,
                            const char *what)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *entry;

  g_assert_nonnull (d);
  while ((entry = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (entry, prefix))
      g_error ("%s %s was left behind", what, entry);
}

/* --- child processes ------------------------------------------------------------------------- */

/* The build tree's program whose path meson passes in @env_var. */
const char *
axds_test_program (const char *env_var)
{
  const char *path = g_getenv (env_var);

  if (path == NULL)
    g_error ("%s is not set: run the tests with meson test", env_var);
  return path;
}

/* Starts @argv (logged with the test's messages), or fails the test. */
GSubprocess *
axds_test_spawnv (GSubprocessFlags    flags,
                  const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *line = g_strjoinv (" ", (char **) argv);
  GSubprocess *proc;

  g_test_message ("$ %s", line);
  proc = g_subprocess_newv (argv, flags, &error);
  g_assert_no_error (error);
  return proc;
}

/* Starts the program named by @env_var with the NULL-terminated arguments that follow. */
GSubprocess *
axds_test_spawn (GSubprocessFlags  flags,
                 const char       *env_var,
                 ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) axds_test_program (env_var));
  va_start (args, env_var);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  return axds_test_spawnv (flags, (const char * const *) argv->pdata);
}

/* The next line of a child's output without its newline, NULL at its end. */
char *
axds_test_read_line (GDataInputStream *in)
{
  g_autoptr(GError) error = NULL;
  char *line = g_data_input_stream_read_line_utf8 (in, NULL, NULL, &error);

  g_assert_no_error (error);
  return line;
}

/* Sends @line and a newline to the child's standard input, flushed. */
void
axds_test_write_line (GSubprocess *proc,
                      const char  *line)
{
  g_autoptr(GError) error = NULL;
  GOutputStream *out = g_subprocess_get_stdin_pipe (proc);
  g_autofree char *text = g_strconcat (line, "\n", NULL);

  g_output_stream_write_all (out, text, strlen (text), NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_flush (out, NULL, &error);
  g_assert_no_error (error);
}

/* Waits for the child: its exit status, or -1 when a signal ended it. */
int
axds_test_wait_exit (GSubprocess *proc)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_wait (proc, NULL, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_if_signaled (proc))
    return -1;
  return g_subprocess_get_exit_status (proc);
}

/* SIGKILL, reaped: the child must not have ended by itself before. */
void
axds_test_kill_and_reap (GSubprocess *proc)
{
  g_subprocess_send_signal (proc, SIGKILL);
  g_assert_cmpint (axds_test_wait_exit (proc), ==, -1);
  g_assert_cmpint (g_subprocess_get_term_sig (proc), ==, SIGKILL);
}

static char *
bytes_to_string (GBytes *bytes)
{
  gsize len = 0;
  const char *data = bytes != NULL ? g_bytes_get_data (bytes, &len) : NULL;

  return g_strndup (data != NULL ? data : "", len);
}

/* Feeds @input to the child (NULL exactly when its stdin is not a pipe), collects what it prints (as bytes, NUL-terminated:
 * not necessarily UTF-8; @out and @err may be NULL for streams not piped) and returns as
 * axds_test_wait_exit(). */
int
axds_test_communicate (GSubprocess  *proc,
                       const char   *input,
                       char        **out,
                       char        **err)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) in = NULL;
  g_autoptr(GBytes) out_bytes = NULL;
  g_autoptr(GBytes) err_bytes = NULL;

  if (input != NULL)
    in = g_bytes_new (input, strlen (input));
  g_subprocess_communicate (proc, in, NULL, out != NULL ? &out_bytes : NULL,
                            err != NULL ? &err_bytes : NULL, &error);
  g_assert_no_error (error);
  if (out != NULL)
    *out = bytes_to_string (out_bytes);
  if (err != NULL)
    *err = bytes_to_string (err_bytes);
  return axds_test_wait_exit (proc);
}

/* Runs @argv to its end, feeding it @input (may be NULL), and returns what it printed; fails
 * the test with its error output unless it exits with 0. */
char *
axds_test_run_ok (const char * const *argv,
                  const char         *input)
{
  g_autoptr(GSubprocess) proc = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;

  proc = axds_test_spawnv (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                           G_SUBPROCESS_FLAGS_STDERR_PIPE, argv);
  if (axds_test_communicate (proc, input != NULL ? input : "", &out, &err) != 0)
    g_error ("%s failed: %s%s", argv[0], out, err);
  return out;
}

int
axds_test_helper_fail (GError *error)
{
  fprintf (stderr, "helper: %s\n", error->message);
  return 1;
}

/* --- waiting --------------------------------------------------------------------------------- */

/* Under Valgrind (AXDS_TEST_SCALE=valgrind) code runs 20–50× slower: deadlines grow by 10. */
double
axds_test_timeout_scale (void)
{
  return g_strcmp0 (g_getenv ("AXDS_TEST_SCALE"), "valgrind") == 0 ? 10 : 1;
}

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Iterates the thread-default main context until @condition holds or @timeout_s (scaled)
 * passed, and says which. A 10 ms timer keeps the loop waking for conditions nobody
 * signals (a file appearing, another process's state): never a fixed sleep. */
gboolean
axds_test_poll_until (AxdsTestCondition condition,
                      gpointer          data,
                      double            timeout_s)
{
  gint64 deadline = g_get_monotonic_time ()
                    + (gint64) (timeout_s * axds_test_timeout_scale () * G_USEC_PER_SEC);
  GMainContext *context = g_main_context_ref_thread_default ();
  GSource *wake = g_timeout_source_new (10);
  gboolean met;

  g_source_set_callback (wake, wake_cb, NULL, NULL);
  g_source_attach (wake, context);
  while (!(met = condition (data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (context, TRUE);
  g_source_destroy (wake);
  g_source_unref (wake);
  g_main_context_unref (context);
  return met;
}

/* As axds_test_poll_until(), failing the test with "timed out … waiting for WHAT". */
void
axds_test_wait_until (AxdsTestCondition  condition,
                      gpointer           data,
                      double             timeout_s,
                      const char        *what)
{
  if (!axds_test_poll_until (condition, data, timeout_s))
    g_error ("timed out after %g s waiting for %s", timeout_s * axds_test_timeout_scale (), what);
}

static gboolean
never_cb (gpointer data)
{
  return FALSE;
}

/* Lets the main context run for @seconds (scaled): for what has no end to await, such as
 * showing that something does *not* happen, or letting an animation finish. */
void
axds_test_iterate_for (double seconds)
{
  axds_test_poll_until (never_cb, NULL, seconds);
}

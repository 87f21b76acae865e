/* test-filesystem.c — finding files under a folder
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <grp.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <axds.h>

#include "axds-test-utils.h"

static char *
make_root (void)
{
  g_autoptr(GError) error = NULL;
  char *root = g_dir_make_tmp ("axds-find-XXXXXX", &error);

  g_assert_no_error (error);
  return root;
}

static void
touch (const char *root,
       const char *relpath)
{
  g_autofree char *path = g_build_filename (root, relpath, NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_no_errno (g_mkdir_with_parents (dir, 0755));
  g_file_set_contents (path, "x", 1, &error);
  g_assert_no_error (error);
}

/* Joins a result into one line, so that a whole list is compared at once. */
static char *
joined (GPtrArray *paths)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < paths->len; i++)
    g_string_append_printf (out, "%s%s", i ? " " : "", (const char *) g_ptr_array_index (paths, i));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
is_yaml_cb (const char *name,
            gpointer    user_data)
{
  guint *calls = user_data;

  if (calls != NULL)
    (*calls)++;
  return g_str_has_suffix (name, ".yaml");
}

static void
test_sorted_and_matched (void)
{
  g_autofree char *root = make_root ();
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *first = NULL;
  guint calls = 0;

  touch (root, "b.yaml");
  touch (root, "a/z.yaml");
  touch (root, "a/skip.txt");
  touch (root, "A.yaml");
  touch (root, "a-b/c.yaml");
  touch (root, ".hidden/h.yaml");
  touch (root, ".h.yaml");

  found = axds_find_files (root, AXDS_FIND_FILES_MAX_DEPTH, AXDS_FIND_FILES_RELATIVE, is_yaml_cb,
                           &calls, NULL, &error);
  g_assert_no_error (error);
  text = joined (found);
  /* Sorted by bytes: '.' (0x2e) < 'A' < 'a', and "a-b/" < "a/" as '-' (0x2d) < '/' (0x2f). */
  g_assert_cmpstr (text, ==, ".h.yaml .hidden/h.yaml A.yaml a-b/c.yaml a/z.yaml b.yaml");
  /* Once per regular file, the one not taken included. */
  g_assert_cmpuint (calls, ==, 7);
  g_clear_pointer (&found, g_ptr_array_unref);
  g_clear_pointer (&text, g_free);

  found = axds_find_files (root, AXDS_FIND_FILES_MAX_DEPTH, AXDS_FIND_FILES_SKIP_HIDDEN,
                           is_yaml_cb, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 4);
  first = g_build_filename (root, "A.yaml", NULL);
  g_assert_cmpstr (g_ptr_array_index (found, 0), ==, first);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* No function: every regular file. */
  found = axds_find_files (root, AXDS_FIND_FILES_MAX_DEPTH, AXDS_FIND_FILES_SKIP_HIDDEN, NULL,
                           NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 5);
  axds_delete_directory (root, NULL, NULL, NULL, NULL);
}

static void
test_depth (void)
{
  g_autofree char *root = make_root ();
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  touch (root, "0.yaml");
  touch (root, "d1/1.yaml");
  touch (root, "d1/d2/2.yaml");
  touch (root, "d1/d2/d3/3.yaml");

  found = axds_find_files (root, 0, AXDS_FIND_FILES_RELATIVE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  text = joined (found);
  g_assert_cmpstr (text, ==, "0.yaml");
  g_clear_pointer (&found, g_ptr_array_unref);
  g_clear_pointer (&text, g_free);

  found = axds_find_files (root, 2, AXDS_FIND_FILES_RELATIVE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  text = joined (found);
  g_assert_cmpstr (text, ==, "0.yaml d1/1.yaml d1/d2/2.yaml");
  g_clear_pointer (&found, g_ptr_array_unref);
  g_clear_pointer (&text, g_free);

  found = axds_find_files (root, 3, AXDS_FIND_FILES_RELATIVE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 4);
  axds_delete_directory (root, NULL, NULL, NULL, NULL);
}

static void
test_symlinks (void)
{
  g_autofree char *root = make_root ();
  g_autofree char *loop = g_build_filename (root, "sub", "loop", NULL);
  g_autofree char *file_link = g_build_filename (root, "link.yaml", NULL);
  g_autofree char *dangling = g_build_filename (root, "dangling.yaml", NULL);
  g_autofree char *outside = make_root ();
  g_autofree char *outside_link = g_build_filename (root, "outside", NULL);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  touch (root, "sub/a.yaml");
  touch (outside, "far.yaml");
  /* A link back to the root: followed, it would never end. */
  g_assert_no_errno (symlink ("..", loop));
  g_assert_no_errno (symlink (outside, outside_link));
  g_assert_no_errno (symlink ("sub/a.yaml", file_link));
  g_assert_no_errno (symlink ("nowhere.yaml", dangling));

  found = axds_find_files (root, AXDS_FIND_FILES_MAX_DEPTH, AXDS_FIND_FILES_RELATIVE, NULL, NULL,
                           NULL, &error);
  g_assert_no_error (error);
  text = joined (found);
  /* The link to a file counts; links to folders and the dangling one do not. */
  g_assert_cmpstr (text, ==, "link.yaml sub/a.yaml");
  axds_delete_directory (root, NULL, NULL, NULL, NULL);
  axds_delete_directory (outside, NULL, NULL, NULL, NULL);
}

/* Root reads any folder: as root, the case runs in a subprocess that becomes nobody first. */
static gboolean
drop_root (void)
{
  const uid_t nobody = 65534;

  return setgroups (0, NULL) == 0 && setresgid (nobody, nobody, nobody) == 0 &&
         setresuid (nobody, nobody, nobody) == 0;
}

static void
test_unreadable (void)
{
  g_autofree char *root = NULL;
  g_autofree char *locked = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *file = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (geteuid () == 0 && !g_test_subprocess ())
    {
      int status = 0;
      pid_t pid = fork ();

      /* Whether becoming nobody works here, asked of a throwaway child. */
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        _exit (drop_root () ? 0 : 1);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
        {
          g_test_skip ("running as root, and cannot become nobody to see permissions");
          return;
        }
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }
  if (geteuid () == 0)
    {
      g_assert_true (drop_root ());
      /* The isolated temporary folder belongs to root: nobody works in /tmp. */
      root = g_strdup ("/tmp/axds-find-XXXXXX");
      g_assert_nonnull (g_mkdtemp (root));
    }
  else
    root = make_root ();
  locked = g_build_filename (root, "locked", NULL);
  missing = g_build_filename (root, "missing", NULL);
  file = g_build_filename (root, "top.yaml", NULL);

  touch (root, "top.yaml");
  touch (root, "locked/inside.yaml");
  g_assert_no_errno (g_chmod (locked, 0));
  if (access (locked, R_OK) == 0)
    {
      /* Still able to read it (a capability kept): the skip cannot be seen. */
      g_assert_no_errno (g_chmod (locked, 0755));
      axds_delete_directory (root, NULL, NULL, NULL, NULL);
      g_test_skip ("running with permission to read any folder");
      return;
    }

  found = axds_find_files (root, AXDS_FIND_FILES_MAX_DEPTH, AXDS_FIND_FILES_RELATIVE, NULL, NULL,
                           NULL, &error);
  g_assert_no_error (error);
  text = joined (found);
  g_assert_cmpstr (text, ==, "top.yaml");
  g_clear_pointer (&found, g_ptr_array_unref);

  /* The root itself must be readable: a locked, missing or non-folder root is an error. */
  found = axds_find_files (locked, 1, AXDS_FIND_FILES_NONE, NULL, NULL, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_null (found);
  g_clear_error (&error);
  found = axds_find_files (missing, 1, AXDS_FIND_FILES_NONE, NULL, NULL, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  found = axds_find_files (file, 1, AXDS_FIND_FILES_NONE, NULL, NULL, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
  g_clear_error (&error);

  g_assert_no_errno (g_chmod (locked, 0755));
  axds_delete_directory (root, NULL, NULL, NULL, NULL);
}

typedef struct
{
  GCancellable *cancellable;
  guint         calls;
} CancelData;

static gboolean
cancel_after_cb (const char *name,
                 gpointer    user_data)
{
  CancelData *data = user_data;

  if (++data->calls == 10)
    g_cancellable_cancel (data->cancellable);
  return TRUE;
}

static void
test_cancellation (void)
{
  g_autofree char *root = make_root ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  CancelData data = { cancellable, 0 };

  /* Files spread over folders and one folder of more than 1024 entries: a cancellation is seen
   * at the next folder or the next 1024 entries, whichever comes first. */
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *rel = g_strdup_printf ("d%02u/f.yaml", i);
      touch (root, rel);
    }
  for (guint i = 0; i < 1100; i++)
    {
      g_autofree char *rel = g_strdup_printf ("big/%04u.yaml", i);
      touch (root, rel);
    }

  found = axds_find_files (root, AXDS_FIND_FILES_MAX_DEPTH, AXDS_FIND_FILES_NONE,
                           cancel_after_cb, &data, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (found);
  g_assert_cmpuint (data.calls, <, 1024 + 10);
  g_clear_error (&error);

  /* Already cancelled: nothing is listed. */
  data.calls = 0;
  found = axds_find_files (root, AXDS_FIND_FILES_MAX_DEPTH, AXDS_FIND_FILES_NONE,
                           cancel_after_cb, &data, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (data.calls, ==, 0);
  axds_delete_directory (root, NULL, NULL, NULL, NULL);
}

/* Deleting the home folder (or a folder holding it) or a folder holding the working directory
 * is refused, and nothing goes; other folders go as before. Every folder involved is made here:
 * $HOME points into the test's scratch folder while it runs. */
static void
test_delete_refusals (void)
{
  g_autoptr(AxdsTestDir) base = axds_test_dir_new ("delete-refusals");
  g_autofree char *saved_home = g_strdup (g_getenv ("HOME"));
  g_autofree char *saved_cwd = g_get_current_dir ();
  g_autofree char *home_parent = g_build_filename (base, "users", NULL);
  g_autofree char *home = g_build_filename (home_parent, "rig", NULL);
  g_autofree char *settings = g_build_filename (home, "settings.txt", NULL);
  g_autofree char *home_again = g_build_filename (home, "..", "rig", NULL);
  g_autofree char *alias = g_build_filename (base, "alias", NULL);
  g_autofree char *home_via_alias = g_build_filename (alias, "users", "rig", NULL);
  g_autofree char *link = g_build_filename (base, "link-to-home", NULL);
  g_autofree char *work = g_build_filename (base, "work", NULL);
  g_autofree char *here = g_build_filename (work, "session", "here", NULL);
  g_autofree char *other = g_build_filename (base, "other", NULL);
  const char *refused[] = { home, home_again, home_via_alias, home_parent, NULL };
  g_autoptr(GError) error = NULL;

  touch (home, "settings.txt");
  touch (here, "data.bin");
  touch (other, "data.bin");
  g_assert_no_errno (symlink (base, alias));
  g_assert_no_errno (symlink (home, link));
  g_assert_true (g_setenv ("HOME", home, TRUE));

  /* The home folder, however it is spelled, and what holds it. */
  for (guint i = 0; refused[i] != NULL; i++)
    {
      g_test_message ("deleting %s", refused[i]);
      g_assert_false (axds_delete_directory (refused[i], NULL, NULL, NULL, &error));
      g_assert_error (error, AXDS_ERROR, AXDS_ERROR_REFUSED);
      g_assert_nonnull (strstr (error->message, refused[i]));
      g_assert_nonnull (strstr (error->message, "home folder"));
      g_clear_error (&error);
      g_assert_true (g_file_test (home, G_FILE_TEST_IS_DIR));
      g_assert_true (g_file_test (settings, G_FILE_TEST_IS_REGULAR));
    }

  g_assert_false (axds_check_delete_directory (home, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_true (axds_check_delete_directory (other, &error));
  g_assert_no_error (error);
  g_assert_true (axds_check_delete_directory (link, &error));
  g_assert_no_error (error);

  /* A link to it is only a link: that goes, the home folder stays. */
  g_assert_true (axds_delete_directory (link, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (link, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (home, G_FILE_TEST_IS_DIR));

  /* The working directory and the folders that hold it. */
  g_assert_no_errno (chdir (here));
  for (const char *path = here; path != NULL; path = path == here ? work : NULL)
    {
      g_assert_false (axds_delete_directory (path, NULL, NULL, NULL, &error));
      g_assert_error (error, AXDS_ERROR, AXDS_ERROR_REFUSED);
      g_assert_nonnull (strstr (error->message, "current working directory"));
      g_clear_error (&error);
      g_assert_false (axds_check_delete_directory (path, &error));
      g_assert_error (error, AXDS_ERROR, AXDS_ERROR_REFUSED);
      g_clear_error (&error);
      g_assert_true (g_file_test (here, G_FILE_TEST_IS_DIR));
    }
  /* Relative, as a user types it. */
  g_assert_false (axds_delete_directory ("..", NULL, NULL, NULL, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_false (axds_delete_directory (".", NULL, NULL, NULL, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_true (g_file_test (here, G_FILE_TEST_IS_DIR));

  /* Anything else goes as before: a sibling of the working directory, and once we have left
   * them, the folders refused a moment ago. */
  g_assert_true (axds_delete_directory (other, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
  g_assert_no_errno (chdir (saved_cwd));
  g_assert_true (axds_delete_directory (work, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (work, G_FILE_TEST_EXISTS));
  if (saved_home != NULL)
    g_setenv ("HOME", saved_home, TRUE);
  else
    g_unsetenv ("HOME");
}

/* / is refused, however spelled. Never at a risk: the check is asked first, and the deletion
 * gets a cancellable cancelled already, which stops it before its first file should the
 * refusal ever be lost. */
static void
test_delete_root_refused (void)
{
  const char *roots[] = { "/", "//", "/.", "/tmp/..", NULL };
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();

  g_cancellable_cancel (cancelled);
  for (guint i = 0; roots[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (axds_check_delete_directory (roots[i], &error));
      g_assert_error (error, AXDS_ERROR, AXDS_ERROR_REFUSED);
      g_assert_nonnull (strstr (error->message, "root folder"));
      g_clear_error (&error);
      g_assert_false (axds_delete_directory (roots[i], NULL, NULL, cancelled, &error));
      g_assert_error (error, AXDS_ERROR, AXDS_ERROR_REFUSED);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/axds/filesystem/find-files/sorted-and-matched", test_sorted_and_matched);
  g_test_add_func ("/axds/filesystem/find-files/depth", test_depth);
  g_test_add_func ("/axds/filesystem/find-files/symlinks", test_symlinks);
  g_test_add_func ("/axds/filesystem/find-files/unreadable", test_unreadable);
  g_test_add_func ("/axds/filesystem/find-files/cancellation", test_cancellation);
  g_test_add_func ("/axds/filesystem/delete-refusals", test_delete_refusals);
  g_test_add_func ("/axds/filesystem/delete-root-refused", test_delete_root_refused);

  return g_test_run ();
}

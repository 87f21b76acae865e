/* test-tasks-common.h — trees on disk for the checksum, transfer and delete tests
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

/* Byte i is (i * mul + add) & 0xff, as gen_checksum_trees.py's pattern(). */
static inline guint8 *
test_pattern (gsize size,
              guint mul,
              guint add)
{
  guint8 *data = g_malloc (MAX (size, 1));

  for (gsize i = 0; i < size; i++)
    data[i] = (guint8) ((i * mul + add) & 0xff);
  return data;
}

static inline void
test_write (const char    *root,
            const char    *relative,
            gconstpointer  data,
            gsize          len)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  g_file_set_contents (path, data, (gssize) len, &error);
  g_assert_no_error (error);
}

static inline void
test_write_string (const char *root,
                   const char *relative,
                   const char *text)
{
  test_write (root, relative, text, strlen (text));
}

static inline void
test_mkdir (const char *root,
            const char *relative)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);

  g_assert_cmpint (g_mkdir_with_parents (path, 0755), ==, 0);
}

static inline void
test_symlink (const char *root,
              const char *target,
              const char *relative)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);

  g_assert_cmpint (symlink (target, path), ==, 0);
}

/* The three trees of tests/data/gen_checksum_trees.py, byte for byte. */
static inline void
test_make_vector_tree (const char *root,
                       const char *name)
{
  g_assert_cmpint (g_mkdir_with_parents (root, 0755), ==, 0);

  if (strcmp (name, "tree_a") == 0)
    {
      g_autofree guint8 *data = test_pattern (1000, 7, 3);
      guint8 bytes[256];

      for (guint i = 0; i < 256; i++)
        bytes[i] = (guint8) i;
      test_write_string (root, "top.txt", "hello world\n");
      test_write (root, "empty.bin", "", 0);
      test_write_string (root, "ax_checksum.txt", "00000000000000000000000000000000");
      test_write_string (root, "sub/ax_checksum.txt",
                         "a nested file that merely carries the checksum file name\n");
      test_write_string (root, "sub/readme.md", "# sub\n");
      test_write (root, "sub/deeper/deepest/data.bin", data, 1000);
      test_write_string (root, "donn\xc3\xa9" "es/r\xc3\xa9sum\xc3\xa9.txt", "caf\xc3\xa9\n");
      test_write (root, "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e/"
                        "\xe3\x83\x95\xe3\x82\xa1\xe3\x82\xa4\xe3\x83\xab.dat", bytes, 256);
      test_write_string (root, "emoji_\xf0\x9f\x98\x80.txt", "\xf0\x9f\x98\x80");
      test_mkdir (root, "empty_dir");
      test_mkdir (root, "empty_nested/a/b");
    }
  else if (strcmp (name, "tree_b") == 0)
    {
      test_write_string (root, "only.bin", "a");
    }
  else if (strcmp (name, "tree_c") == 0)
    {
      static const char * const names[] = {
        "ab.bin", "ab-c.bin", "ab_c.bin", "AB.bin", "abc.bin", "with space.txt", ".hidden",
        "Ab/x.bin", "ab/z.bin", "ab/Z.bin", "ab.d/y.bin", NULL
      };
      gsize big_size = 9 * 1024 * 1024 + 17;
      g_autofree guint8 *big = test_pattern (big_size, 13, 5);

      for (guint i = 0; names[i] != NULL; i++)
        {
          g_autofree char *content = g_strconcat (names[i], "\n", NULL);

          test_write_string (root, names[i], content);
        }
      test_write_string (root, "e_\xc3\xa9_nfc.txt", "nfc\n");
      test_write_string (root, "e_e\xcc\x81_nfd.txt", "nfd\n");
      test_write (root, "big/nine_mib.bin", big, big_size);
      test_symlink (root, "ab.bin", "link_to_file");
      test_symlink (root, "Ab", "link_to_dir");
      test_symlink (root, "does_not_exist", "dangling_link");
    }
  else
    g_assert_not_reached ();
}

/* A tree with nested folders, empty files and directories, non-ASCII names and an excluded
 * file, and @n_bulk files of @bulk_size bytes under bulk/ (contents vary with @seed). */
static inline void
test_make_mixed_tree (const char *root,
                      guint       n_bulk,
                      gsize       bulk_size,
                      guint       seed)
{
  g_autofree guint8 *data = test_pattern (bulk_size, 31, seed);

  g_assert_cmpint (g_mkdir_with_parents (root, 0755), ==, 0);
  test_write_string (root, "readme.txt", "a mixed tree\n");
  test_write (root, "empty", "", 0);
  test_write (root, "a/b/c/empty.bin", "", 0);
  test_write_string (root, "a/b/c/d/deep.txt", "deep\n");
  test_write_string (root, "a/ax_checksum.txt", "excluded at any depth\n");
  test_write_string (root, "\xce\xb1\xce\xb2\xce\xb3/\xc3\xbc\xc3\xb1\xc3\xaf\xc3\xa7\xc3\xb8"
                           "d\xc3\xa9.txt", "non-ascii\n");
  test_write_string (root, "Z/upper.txt", "upper\n");
  test_mkdir (root, "empty_dir/inner");
  for (guint i = 0; i < n_bulk; i++)
    {
      g_autofree char *name = g_strdup_printf ("bulk/%02u/file-%04u.bin", i % 7, i);

      data[0] = (guint8) i;
      data[bulk_size > 1 ? bulk_size - 1 : 0] = (guint8) (i >> 8);
      test_write (root, name, data, bulk_size);
    }
}

static inline char *
test_read_file (const char *root,
                const char *relative,
                gsize      *len)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, len, &error);
  g_assert_no_error (error);
  return contents;
}

static inline gboolean
test_exists (const char *root,
             const char *relative)
{
  g_autofree char *path = relative != NULL ? g_build_filename (root, relative, NULL)
                                           : g_strdup (root);
  struct stat st;

  return lstat (path, &st) == 0;
}

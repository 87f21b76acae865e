/* test-cli.c — tests of the axds command-line tool, run as a real process
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include <axds.h>

#include "cli-test-utils.h"

/*
 * Every case spawns the axds binary (AXDS_CLI_PATH) and checks its exit status, its output and
 * the shared memory it leaves, through libaxds. Segment names carry the test's pid and are
 * registered with the fixture before use, so teardown removes them even when an assertion
 * failed half-way.
 */

typedef struct
{
  GPtrArray *names;   /* segments to remove in teardown */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->names = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  for (guint i = 0; i < f->names->len; i++)
    {
      g_autofree char *path = g_build_filename (axds_shared_array_get_directory (),
                                                g_ptr_array_index (f->names, i), NULL);

      if (unlink (path) != 0 && errno != ENOENT)
        g_warning ("Cannot remove %s: %s", path, g_strerror (errno));
    }
  g_ptr_array_unref (f->names);
}

/* A segment name unique to this process, removed in teardown. */
static const char *
fixture_name (Fixture    *f,
              const char *suffix)
{
  char *name = g_strdup_printf ("axds-cli-%d-%s", (int) getpid (), suffix);

  g_ptr_array_add (f->names, name);
  return name;
}

static gboolean
segment_exists (const char *name)
{
  g_autofree char *path = g_build_filename (axds_shared_array_get_directory (), name, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static void
create_array (const char *name,
              const char *dtype,
              const char *shape)
{
  g_autoptr(Result) r = run_axds ("shm", "create", name, "--dtype", dtype, "--shape", shape);

  check_success (r);
  g_assert_cmpstr (r->out, ==, "");
}

/* `show --json`, parsed. */
static JsonObject *
show_json (const char *name,
           const char *extra)
{
  g_autoptr(Result) r = extra == NULL ? run_axds ("shm", "show", name, "--json")
                                      : run_axds ("shm", "show", name, "--json", extra);
  g_autoptr(JsonNode) root = NULL;

  check_success (r);
  root = parse_json (r->out);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_object_ref (json_node_get_object (root));
}

/* Finds @name in `list --json`, or NULL. */
static JsonObject *
list_find (const char *name)
{
  g_autoptr(Result) r = run_axds ("shm", "list", "--json");
  g_autoptr(JsonNode) root = NULL;
  JsonArray *list;

  check_success (r);
  root = parse_json (r->out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  list = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *o = json_array_get_object_element (list, i);

      if (g_strcmp0 (json_object_get_string_member (o, "name"), name) == 0)
        return json_object_ref (o);
    }
  return NULL;
}

static void
assert_shape (JsonObject *o,
              guint       n,
              ...)
{
  JsonArray *shape = json_object_get_array_member (o, "shape");
  va_list args;

  g_assert_nonnull (shape);
  g_assert_cmpuint (json_array_get_length (shape), ==, n);
  va_start (args, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (json_array_get_int_element (shape, i), ==, va_arg (args, int));
  va_end (args);
}

/* Help and dispatch. */

static void
test_help (void)
{
  g_autoptr(Result) top = run_axds ("--help");
  g_autoptr(Result) group = run_axds ("shm", "--help");
  g_autoptr(Result) cmd = run_axds ("shm", "create", "--help");
  g_autoptr(Result) version = run_axds ("--version");
  const char *commands[] = { "list", "create", "show", "set", "destroy", "demo" };

  check_success (top);
  g_assert_nonnull (strstr (top->out, "shm"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_assert_nonnull (strstr (top->out, commands[i]));
      g_assert_nonnull (strstr (group->out, commands[i]));
    }
  check_success (group);

  check_success (cmd);
  g_assert_nonnull (strstr (cmd->out, "axds shm create"));
  g_assert_nonnull (strstr (cmd->out, "--dtype"));
  g_assert_nonnull (strstr (cmd->out, "--exists-ok"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(Result) r = run_axds ("shm", commands[i], "--help");

      check_success (r);
      g_assert_nonnull (strstr (r->out, "Usage:"));
    }

  check_success (version);
  g_assert_true (g_str_has_prefix (version->out, "axds "));
}

static void
test_usage_errors (void)
{
  /* Each line: the arguments, then the expected part of the message. */
  const struct { const char *args[10]; const char *message; } cases[] = {
    { { NULL }, "No command" },
    { { "bogus", NULL }, "bogus" },
    { { "--bogus", NULL }, "--bogus" },
    { { "shm", NULL }, "No command" },
    { { "shm", "bogus", NULL }, "bogus" },
    { { "shm", "list", "extra", NULL }, "extra" },
    { { "shm", "list", "--bogus", NULL }, "--bogus" },
    { { "shm", "create", NULL }, "NAME" },
    { { "shm", "create", "x", "--shape", "3", NULL }, "--dtype" },
    { { "shm", "create", "x", "--dtype", "<f8", NULL }, "--shape" },
    { { "shm", "create", "x", "y", "--dtype", "<f8", "--shape", "3" }, "'y'" },
    { { "shm", "create", "x", "--dtype", "<f8", "--shape", NULL }, "--shape" },
    { { "shm", "show", NULL }, "NAME" },
    { { "shm", "show", "x", "--max-values", "-1", NULL }, "--max-values" },
    { { "shm", "show", "x", "--max-values", "many", NULL }, "--max-values" },
    { { "shm", "show", "x", "--max-values", "99999999999999999999", NULL }, "--max-values" },
    { { "shm", "show", "x", "--dtype", "<f8", NULL }, "--raw" },
    { { "shm", "show", "x", "--raw", "--shape", "3", NULL }, "--dtype" },
    { { "shm", "set", "x", "1", NULL }, "NAME INDEX VALUE" },
    { { "shm", "set", "x", "1", "2", "3", NULL }, "'3'" },
    { { "shm", "destroy", NULL }, "NAME" },
    { { "shm", "demo", "--duration", "soon", NULL }, "--duration" },
    { { "shm", "demo", "--duration", "-1", NULL }, "--duration" },
    { { "shm", "demo", "--duration", "nan", NULL }, "--duration" },
    { { "shm", "demo", "--duration", "inf", NULL }, "--duration" },
    { { "shm", "demo", "--prefix", "a/b-", NULL }, "--prefix" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Result) r = run_axdsv (cases[i].args);

      assert_failure (r, 2, cases[i].message);
      g_assert_nonnull (strstr (r->err, "--help"));
    }
}

/* The whole life of an array: create, list, set, show, destroy. */

static void
test_lifecycle (Fixture       *f,
                gconstpointer  data)
{
  const char *name = fixture_name (f, "life");
  g_autoptr(JsonObject) listed = NULL;
  g_autoptr(JsonObject) shown = NULL;
  g_autoptr(AxdsSharedArray) array = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Result) set1 = NULL;
  g_autoptr(Result) set2 = NULL;
  g_autoptr(Result) set3 = NULL;
  g_autoptr(Result) destroy = NULL;
  JsonArray *values;
  double direct[12];
  gint64 before = g_get_real_time ();

  create_array (name, "<f8", "3,4");
  g_assert_true (segment_exists (name));

  /* The creator (the axds process) has exited, but the array lives on. */
  listed = list_find (name);
  g_assert_nonnull (listed);
  g_assert_cmpstr (json_object_get_string_member (listed, "dtype"), ==, "<f8");
  assert_shape (listed, 2, 3, 4);
  g_assert_cmpint (json_object_get_int_member (listed, "nbytes"), ==, 96);
  g_assert_cmpint (json_object_get_int_member (listed, "creator_pid"), >, 0);
  g_assert_cmpint (json_object_get_int_member (listed, "creator_pid"), !=, getpid ());
  g_assert_false (json_object_get_boolean_member (listed, "creator_alive"));
  g_assert_cmpint (json_object_get_int_member (listed, "creation_time"), >=, before);
  g_assert_cmpint (json_object_get_int_member (listed, "creation_time"), <=, g_get_real_time ());
  g_assert_cmpint (json_object_get_int_member (listed, "write_count"), ==, 0);

  set1 = run_axds ("shm", "set", name, "1,2", "2.5");
  check_success (set1);
  /* Negative indices count from the end; a partial index sets a whole row. */
  set2 = run_axds ("shm", "set", name, "-1", "-7");
  check_success (set2);
  set3 = run_axds ("shm", "set", name, "-1,-1", "0.125");
  check_success (set3);

  shown = show_json (name, NULL);
  g_assert_cmpstr (json_object_get_string_member (shown, "name"), ==, name);
  g_assert_cmpstr (json_object_get_string_member (shown, "dtype"), ==, "<f8");
  assert_shape (shown, 2, 3, 4);
  g_assert_cmpint (json_object_get_int_member (shown, "nbytes"), ==, 96);
  g_assert_cmpint (json_object_get_int_member (shown, "write_count"), ==, 3);
  g_assert_false (json_object_get_boolean_member (shown, "creator_alive"));
  g_assert_true (json_object_has_member (shown, "creator_pid"));
  g_assert_true (json_object_has_member (shown, "creation_time"));
  g_assert_false (json_object_has_member (shown, "min"));

  values = json_object_get_array_member (shown, "values");
  g_assert_cmpuint (json_array_get_length (values), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      JsonArray *row = json_array_get_array_element (values, i);

      g_assert_cmpuint (json_array_get_length (row), ==, 4);
      for (guint j = 0; j < 4; j++)
        {
          double expected = i == 2 ? (j == 3 ? 0.125 : -7.0) : (i == 1 && j == 2 ? 2.5 : 0.0);

          g_assert_cmpfloat (json_array_get_double_element (row, j), ==, expected);
        }
    }

  /* What the library sees agrees. */
  array = axds_shared_array_open (name, &error);
  g_assert_no_error (error);
  g_assert_true (axds_shared_array_read (array, 0, 12, direct, AXDS_ACCESS_LOCK, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (direct[6], ==, 2.5);
  g_assert_cmpfloat (direct[8], ==, -7.0);
  g_assert_cmpfloat (direct[11], ==, 0.125);
  g_assert_cmpuint (axds_shared_array_get_write_count (array), ==, 3);
  g_clear_pointer (&array, axds_shared_array_unref);

  destroy = run_axds ("shm", "destroy", name);
  check_success (destroy);
  g_assert_false (segment_exists (name));
  g_assert_null (list_find (name));

  {
    g_autoptr(Result) again = run_axds ("shm", "show", name);

    assert_failure (again, 1, name);
  }
}

static void
test_create_fill (Fixture       *f,
                  gconstpointer  data)
{
  const char *name = fixture_name (f, "fill");
  g_autoptr(Result) r = run_axds ("shm", "create", name, "--dtype", "<i4", "--shape", "2,3",
                                  "--fill", "-42");
  g_autoptr(JsonObject) shown = NULL;
  JsonArray *values;

  check_success (r);
  shown = show_json (name, NULL);
  values = json_object_get_array_member (shown, "values");
  for (guint i = 0; i < 2; i++)
    for (guint j = 0; j < 3; j++)
      g_assert_cmpint (json_array_get_int_element (json_array_get_array_element (values, i), j),
                       ==, -42);
}

static void
test_create_exists (Fixture       *f,
                    gconstpointer  data)
{
  const char *name = fixture_name (f, "exists");
  g_autoptr(Result) again = NULL;
  g_autoptr(Result) replace = NULL;
  g_autoptr(JsonObject) shown = NULL;

  create_array (name, "|u1", "4");
  again = run_axds ("shm", "create", name, "--dtype", "|u1", "--shape", "4");
  assert_failure (again, 1, "exists");

  replace = run_axds ("shm", "create", name, "--dtype", "<u2", "--shape", "2,2", "--fill", "9",
                      "--exists-ok");
  check_success (replace);
  shown = show_json (name, NULL);
  g_assert_cmpstr (json_object_get_string_member (shown, "dtype"), ==, "<u2");
  assert_shape (shown, 2, 2, 2);
}

/* Arguments that must be refused before anything is created. */
static void
test_bad_create (Fixture       *f,
                 gconstpointer  data)
{
  const char *name = fixture_name (f, "bad");
  const struct { const char *dtype, *shape, *fill, *message; } cases[] = {
    { "f9", "3", NULL, "f9" },
    { ">f8", "3", NULL, "big-endian" },
    { "", "3", NULL, "dtype" },
    { "<f8", "0,3", NULL, "zero" },
    { "<f8", "abc", NULL, "abc" },
    { "<f8", "3,-2", NULL, "shape" },
    { "<f8", "", NULL, "shape" },
    { "<f8", "1,1,1,1,1,1,1,1,1", NULL, "dimensions" },
    { "<f8", "4294967296,4294967296", NULL, "overflows" },
    { "|u1", "3", "256", "out of range" },
    { "|u1", "3", "-1", "out of range" },
    { "<f4", "3", "1e400", "1e400" },
    { "|b1", "3", "maybe", "maybe" },
    { "<c8", "3", "1+", "1+" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Result) r = NULL;

      if (cases[i].fill != NULL)
        r = run_axds ("shm", "create", name, "--dtype", cases[i].dtype, "--shape", cases[i].shape,
                      "--fill", cases[i].fill);
      else
        r = run_axds ("shm", "create", name, "--dtype", cases[i].dtype, "--shape", cases[i].shape);
      assert_failure (r, 2, cases[i].message);
      g_assert_false (segment_exists (name));
    }

  {
    const char *bad_names[] = { "a/b", "", ".hidden", "tab\there", "esc\033[2J" };

    for (guint i = 0; i < G_N_ELEMENTS (bad_names); i++)
      {
        g_autoptr(Result) r = run_axds ("shm", "create", bad_names[i], "--dtype", "<f8",
                                        "--shape", "3");

        assert_failure (r, 2, "name");
        /* Control characters in arguments never reach the terminal raw. */
        g_assert_null (strchr (r->err, '\033'));
        g_assert_null (strchr (r->err, '\t'));
      }
  }
}

static void
test_index_errors (Fixture       *f,
                   gconstpointer  data)
{
  const char *name = fixture_name (f, "index");
  const struct { const char *index, *value; int status; const char *message; } cases[] = {
    { "a,b", "1", 2, "a,b" },
    { "1,,2", "1", 2, "index" },
    { "", "1", 2, "index" },
    { "99999999999999999999", "1", 2, "too large" },
    { "3,0", "1", 1, "out of bounds" },
    { "0,4", "1", 1, "out of bounds" },
    { "-4,0", "1", 1, "out of bounds" },
    { "1,1,1", "1", 1, "index" },
    { "1,1", "abc", 2, "abc" },
    { "1,1", "", 2, "Empty" },
    { "1,1", "70000", 2, "out of range" },
    { "1,1", "1.5", 2, "1.5" },
  };
  g_autoptr(JsonObject) shown = NULL;

  create_array (name, "<u2", "3,4");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Result) r = run_axds ("shm", "set", name, cases[i].index, cases[i].value);

      assert_failure (r, cases[i].status, cases[i].message);
    }

  /* Nothing was written. */
  shown = show_json (name, NULL);
  g_assert_cmpint (json_object_get_int_member (shown, "write_count"), ==, 0);
}

static void
test_unknown_name (Fixture       *f,
                   gconstpointer  data)
{
  const char *name = fixture_name (f, "missing");
  g_autoptr(Result) show = run_axds ("shm", "show", name);
  g_autoptr(Result) show_json_r = run_axds ("shm", "show", name, "--json");
  g_autoptr(Result) set = run_axds ("shm", "set", name, "0", "1");
  g_autoptr(Result) destroy = run_axds ("shm", "destroy", name);
  g_autoptr(Result) raw = run_axds ("shm", "show", name, "--raw", "--dtype", "<f8", "--shape",
                                    "3");

  assert_failure (show, 1, name);
  assert_failure (show_json_r, 1, name);
  assert_failure (set, 1, name);
  assert_failure (destroy, 1, name);
  assert_failure (raw, 1, name);
  g_assert_false (segment_exists (name));
}

/* More elements than --max-values: min, max and mean instead of values. */
static void
test_show_summary (Fixture       *f,
                   gconstpointer  data)
{
  const char *name = fixture_name (f, "summary");
  g_autoptr(Result) create = run_axds ("shm", "create", name, "--dtype", "<u2", "--shape",
                                       "40,50", "--fill", "3");
  g_autoptr(Result) set_max = NULL;
  g_autoptr(Result) set_min = NULL;
  g_autoptr(Result) human = NULL;
  g_autoptr(JsonObject) summary = NULL;
  g_autoptr(JsonObject) small_limit = NULL;
  g_autoptr(JsonObject) full = NULL;
  double expected_mean = (3.0 * 1998 + 65535 + 1) / 2000.0;

  check_success (create);
  set_max = run_axds ("shm", "set", name, "0,0", "65535");
  check_success (set_max);
  set_min = run_axds ("shm", "set", name, "-1,-1", "1");
  check_success (set_min);

  /* 2000 elements, over the default of 1000. */
  summary = show_json (name, NULL);
  g_assert_false (json_object_has_member (summary, "values"));
  g_assert_cmpint (json_object_get_int_member (summary, "min"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (summary, "max"), ==, 65535);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (summary, "mean"), expected_mean,
                                  1e-9);

  full = show_json (name, "--max-values=2000");
  g_assert_true (json_object_has_member (full, "values"));
  g_assert_false (json_object_has_member (full, "mean"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (full, "values")), ==, 40);

  small_limit = show_json (name, "--max-values=0");
  g_assert_false (json_object_has_member (small_limit, "values"));

  /* Humans get numpy's summary with "...". */
  human = run_axds ("shm", "show", name);
  check_success (human);
  g_assert_nonnull (strstr (human->out, name));
  g_assert_nonnull (strstr (human->out, "<u2"));
  g_assert_nonnull (strstr (human->out, "(40, 50)"));
  g_assert_nonnull (strstr (human->out, "..."));
  g_assert_nonnull (strstr (human->out, "65535"));
  g_assert_nonnull (strstr (human->out, "min 1, max 65535"));
}

/* How values JSON cannot hold directly are written. */
static void
test_json_values (Fixture       *f,
                  gconstpointer  data)
{
  const char *u64 = fixture_name (f, "u64");
  const char *f8 = fixture_name (f, "f8");
  const char *c8 = fixture_name (f, "c8");
  const char *b1 = fixture_name (f, "b1");
  const char *i8 = fixture_name (f, "i8");
  g_autoptr(JsonObject) o = NULL;
  JsonArray *values;
  JsonArray *pair;

  create_array (u64, "<u8", "3");
  run_ok ("shm", "set", u64, "0", "18446744073709551615");
  run_ok ("shm", "set", u64, "1", "9223372036854775807");
  o = show_json (u64, NULL);
  values = json_object_get_array_member (o, "values");
  /* Beyond gint64: exact, as a string of digits. */
  g_assert_cmpstr (json_array_get_string_element (values, 0), ==, "18446744073709551615");
  g_assert_cmpint (json_array_get_int_element (values, 1), ==, G_MAXINT64);
  g_assert_cmpint (json_array_get_int_element (values, 2), ==, 0);
  g_clear_pointer (&o, json_object_unref);

  create_array (i8, "<i8", "2");
  run_ok ("shm", "set", i8, "0", "-9223372036854775808");
  o = show_json (i8, NULL);
  values = json_object_get_array_member (o, "values");
  g_assert_cmpint (json_array_get_int_element (values, 0), ==, G_MININT64);
  g_clear_pointer (&o, json_object_unref);

  create_array (f8, "<f8", "4");
  run_ok ("shm", "set", f8, "0", "nan");
  run_ok ("shm", "set", f8, "1", "inf");
  run_ok ("shm", "set", f8, "2", "-inf");
  run_ok ("shm", "set", f8, "3", "0.1");
  o = show_json (f8, NULL);
  values = json_object_get_array_member (o, "values");
  g_assert_true (json_array_get_null_element (values, 0));
  g_assert_true (json_array_get_null_element (values, 1));
  g_assert_true (json_array_get_null_element (values, 2));
  g_assert_cmpfloat (json_array_get_double_element (values, 3), ==, 0.1);
  g_clear_pointer (&o, json_object_unref);

  /* NaN poisons the summary, as in NumPy. */
  o = show_json (f8, "--max-values=1");
  g_assert_true (json_object_get_null_member (o, "min"));
  g_assert_true (json_object_get_null_member (o, "max"));
  g_assert_true (json_object_get_null_member (o, "mean"));
  g_clear_pointer (&o, json_object_unref);

  create_array (c8, "<c8", "2");
  run_ok ("shm", "set", c8, "1", "1.5-2j");
  o = show_json (c8, NULL);
  values = json_object_get_array_member (o, "values");
  pair = json_array_get_array_element (values, 1);
  g_assert_cmpuint (json_array_get_length (pair), ==, 2);
  g_assert_cmpfloat (json_array_get_double_element (pair, 0), ==, 1.5);
  g_assert_cmpfloat (json_array_get_double_element (pair, 1), ==, -2.0);
  g_clear_pointer (&o, json_object_unref);

  create_array (b1, "|b1", "3");
  run_ok ("shm", "set", b1, "1", "true");
  o = show_json (b1, NULL);
  values = json_object_get_array_member (o, "values");
  g_assert_true (JSON_NODE_TYPE (json_array_get_element (values, 0)) == JSON_NODE_VALUE);
  g_assert_true (json_node_get_value_type (json_array_get_element (values, 0)) == G_TYPE_BOOLEAN);
  g_assert_false (json_array_get_boolean_element (values, 0));
  g_assert_true (json_array_get_boolean_element (values, 1));
}

static void
test_list_human (Fixture       *f,
                 gconstpointer  data)
{
  const char *name = fixture_name (f, "table");
  g_autoptr(Result) r = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean found = FALSE;

  create_array (name, "<f4", "7,3");
  r = run_axds ("shm", "list");
  g_assert_cmpint (r->status, ==, 0);
  g_assert_cmpstr (r->err, ==, "");
  lines = g_strsplit (r->out, "\n", -1);
  g_assert_nonnull (strstr (lines[0], "NAME"));
  g_assert_nonnull (strstr (lines[0], "DTYPE"));
  for (guint i = 1; lines[i] != NULL; i++)
    {
      if (!g_str_has_prefix (lines[i], name))
        continue;
      found = TRUE;
      g_assert_nonnull (strstr (lines[i], "<f4"));
      g_assert_nonnull (strstr (lines[i], "(7, 3)"));
      g_assert_nonnull (strstr (lines[i], " 84 "));
      /* Columns line up with the header. */
      g_assert_true (strstr (lines[i], "<f4") - lines[i] == strstr (lines[0], "DTYPE") - lines[0]);
    }
  g_assert_true (found);
}

/* A headerless buffer as Python's multiprocessing.shared_memory makes it. */
static int
open_raw_segment (const char *name,
                  int         flags)
{
  const char *dir = axds_shared_array_get_directory ();

  if (g_str_equal (dir, "/dev/shm"))
    {
      g_autofree char *shm_name = g_strconcat ("/", name, NULL);

      return shm_open (shm_name, flags, 0600);
    }
  else
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      return open (path, flags, 0600);
    }
}

static void
test_raw (Fixture       *f,
          gconstpointer  data)
{
  const char *name = fixture_name (f, "raw");
  g_autoptr(JsonObject) o = NULL;
  g_autoptr(Result) with_header = NULL;
  g_autoptr(Result) too_big = NULL;
  g_autoptr(Result) set = NULL;
  g_autoptr(Result) set_locked = NULL;
  g_autoptr(Result) human = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *values;
  double *mapped;
  int fd;

  fd = open_raw_segment (name, O_RDWR | O_CREAT | O_EXCL);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 12 * sizeof (double)), ==, 0);
  mapped = mmap (NULL, 12 * sizeof (double), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  g_assert_true (mapped != MAP_FAILED);
  close (fd);
  for (guint i = 0; i < 12; i++)
    mapped[i] = i * 1.5;

  /* Without --raw it is not ours: refused, and not listed. */
  with_header = run_axds ("shm", "show", name);
  assert_failure (with_header, 1, "raw");
  g_assert_null (list_find (name));

  {
    g_autoptr(Result) r = run_axds ("shm", "show", name, "--json", "--raw", "--dtype", "<f8",
                                    "--shape", "3,4");

    check_success (r);
    root = parse_json (r->out);
  }
  o = json_object_ref (json_node_get_object (root));
  g_assert_true (json_object_get_boolean_member (o, "raw"));
  g_assert_cmpstr (json_object_get_string_member (o, "dtype"), ==, "<f8");
  assert_shape (o, 2, 3, 4);
  g_assert_cmpint (json_object_get_int_member (o, "nbytes"), ==, 96);
  g_assert_true (json_object_get_null_member (o, "write_count"));
  values = json_object_get_array_member (o, "values");
  g_assert_cmpfloat (json_array_get_double_element (json_array_get_array_element (values, 2), 3),
                     ==, 16.5);

  /* Raw buffers have no lock: written without one, seen at once through our own mapping. */
  set = run_axds ("shm", "set", name, "--raw", "--dtype", "<f8", "--shape", "3,4", "1,-1", "-2.25");
  check_success (set);
  g_assert_cmpfloat (mapped[7], ==, -2.25);
  set_locked = run_axds ("shm", "set", name, "--raw", "--dtype", "<f8", "--shape", "3,4", "0",
                         "4");
  check_success (set_locked);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpfloat (mapped[i], ==, 4.0);

  too_big = run_axds ("shm", "show", name, "--raw", "--dtype", "<f8", "--shape", "4,4");
  assert_failure (too_big, 1, "bytes");

  human = run_axds ("shm", "show", name, "--raw", "--dtype", "<f4", "--shape", "24");
  check_success (human);
  g_assert_nonnull (strstr (human->out, "raw"));

  munmap (mapped, 12 * sizeof (double));

  /* Not an array, so plain destroy refuses and points at --any, which removes it. */
  {
    g_autoptr(Result) plain = run_axds ("shm", "destroy", name);
    g_autoptr(Result) any = NULL;
    g_autofree char *path = g_build_filename (axds_shared_array_get_directory (), name, NULL);

    assert_failure (plain, 1, "--any");
    g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
    any = run_axds ("shm", "destroy", "--any", name);
    check_success (any);
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }
}

/* A process that died holding the lock neither blocks `set` nor goes unreported. */
static void
test_lock_recovery (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *name = NULL;
  g_autoptr(Result) set = NULL;
  g_autoptr(JsonObject) o = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      AxdsSharedArray *array;

      /* The child takes the lock and exits without releasing it. */
      name = g_strdup_printf ("axds-cli-%d-lock", (int) getppid ());
      array = axds_shared_array_open (name, &error);
      g_assert_no_error (error);
      g_assert_true (axds_shared_array_lock (array, NULL, &error));
      /* _exit() skips the cleanups; the name would show as leaked under Valgrind. */
      g_clear_pointer (&name, g_free);
      _exit (0);
    }

  name = g_strdup (fixture_name (f, "lock"));
  create_array (name, "<i4", "4");
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();

  set = run_axds ("shm", "set", name, "2", "5");
  g_assert_cmpint (set->status, ==, 0);
  g_assert_nonnull (strstr (set->err, "axds: warning: "));
  g_assert_nonnull (strstr (set->err, "died"));

  o = show_json (name, NULL);
  g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (o, "values"), 2),
                   ==, 5);
}

static void
assert_demo_gone (const char *prefix)
{
  const char *suffixes[] = { "camera", "wheel", "sensors", "counters" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (prefix, suffixes[i], NULL);

      g_assert_false (segment_exists (name));
    }
}

static char *
demo_prefix (Fixture    *f,
             const char *tag)
{
  const char *suffixes[] = { "camera", "wheel", "sensors", "counters" };
  char *prefix = g_strdup_printf ("demo-cli%d%s-", (int) getpid (), tag);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    g_ptr_array_add (f->names, g_strconcat (prefix, suffixes[i], NULL));
  return prefix;
}

static void
test_demo_duration (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *prefix = demo_prefix (f, "d");
  g_autoptr(Result) r = run_axds ("shm", "demo", "--duration", "1", "--prefix", prefix);

  check_success (r);
  /* Not a terminal: plain lines, no escape sequences. */
  g_assert_null (strchr (r->out, '\033'));
  g_assert_nonnull (strstr (r->out, "camera"));
  g_assert_nonnull (strstr (r->out, "writes/s"));
  g_assert_nonnull (strstr (r->out, "Removed 4 demo arrays"));
  assert_demo_gone (prefix);
}

/* Ctrl+C: the arrays exist while the demo runs and are gone once it stopped. */
static void
test_demo_signal (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *prefix = demo_prefix (f, "s");
  g_autofree char *camera = g_strconcat (prefix, "camera", NULL);
  g_autofree char *wheel = g_strconcat (prefix, "wheel", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GOutputStream) err_sink = NULL;
  g_autofree char *first = NULL;
  g_autofree char *rest = NULL;
  g_auto(AxdsSharedArrayInfo) info = { 0 };
  g_autoptr(AxdsSharedArray) array = NULL;
  guint64 count_before;
  gsize len;

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                           &error, cli_path (), "shm", "demo", "--prefix", prefix, NULL);
  g_assert_no_error (error);

  /* The first line is printed once every array exists: our synchronisation point. */
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));
  first = g_data_input_stream_read_line_utf8 (out, &len, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  g_assert_nonnull (strstr (first, camera));

  g_assert_true (axds_shared_array_read_info (camera, &info, &error));
  g_assert_no_error (error);
  g_assert_cmpint (info.dtype, ==, AXDS_DTYPE_UINT16);
  g_assert_cmpuint (info.ndim, ==, 2);
  g_assert_cmpuint (info.shape[0], ==, 256);
  g_assert_cmpuint (info.shape[1], ==, 256);
  g_assert_true (info.creator_alive);

  array = axds_shared_array_open (wheel, &error);
  g_assert_no_error (error);
  g_assert_cmpint (axds_shared_array_get_dtype (array), ==, AXDS_DTYPE_FLOAT64);
  g_assert_cmpuint (axds_shared_array_get_n_elements (array), ==, 1000);
  count_before = axds_shared_array_get_write_count (array);

  /* The next status line comes after a second of writing at 100 Hz. */
  g_free (g_data_input_stream_read_line_utf8 (out, &len, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (axds_shared_array_get_write_count (array), >, count_before);

  g_subprocess_send_signal (proc, SIGINT);
  rest = g_data_input_stream_read_upto (out, "", 0, &len, NULL, &error);
  g_assert_no_error (error);

  err_sink = g_memory_output_stream_new_resizable ();
  g_output_stream_splice (err_sink, g_subprocess_get_stderr_pipe (proc),
                          G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
  g_assert_no_error (error);

  g_subprocess_wait (proc, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (err_sink)), ==,
                    0);
  assert_demo_gone (prefix);

  /* Our handle still maps the destroyed buffer and sees it as such. */
  g_assert_true (axds_shared_array_is_stale (array));
}

/* A demo never takes over the arrays of a process that still runs. */
static void
test_demo_refuses_live_arrays (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *prefix = demo_prefix (f, "l");
  g_autofree char *camera = g_strconcat (prefix, "camera", NULL);
  guint64 shape[1] = { 5 };
  g_autoptr(GError) error = NULL;
  g_autoptr(AxdsSharedArray) mine = NULL;
  g_autoptr(Result) r = NULL;

  mine = axds_shared_array_create (camera, AXDS_DTYPE_INT8, 1, shape, NULL, 0,
                                   AXDS_SHARED_ARRAY_CREATE_NONE, &error);
  g_assert_no_error (error);

  r = run_axds ("shm", "demo", "--duration", "1", "--prefix", prefix);
  g_assert_cmpint (r->status, ==, 1);
  g_assert_nonnull (strstr (r->err, "axds: "));
  g_assert_nonnull (strstr (r->err, camera));

  /* Ours is untouched, and the demo cleaned up what it had made. */
  g_assert_false (axds_shared_array_is_stale (mine));
  g_assert_true (segment_exists (camera));
  g_assert_true (axds_shared_array_destroy (mine, FALSE, &error));
  g_assert_no_error (error);
  assert_demo_gone (prefix);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/axds/cli/help", test_help);
  g_test_add_func ("/axds/cli/usage-errors", test_usage_errors);

#define ADD(path, func) \
  g_test_add ("/axds/cli/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("lifecycle", test_lifecycle);
  ADD ("create-fill", test_create_fill);
  ADD ("create-exists", test_create_exists);
  ADD ("bad-create", test_bad_create);
  ADD ("index-errors", test_index_errors);
  ADD ("unknown-name", test_unknown_name);
  ADD ("show-summary", test_show_summary);
  ADD ("json-values", test_json_values);
  ADD ("list-human", test_list_human);
  ADD ("raw", test_raw);
  ADD ("lock-recovery", test_lock_recovery);
  ADD ("demo-duration", test_demo_duration);
  ADD ("demo-signal", test_demo_signal);
  ADD ("demo-refuses-live-arrays", test_demo_refuses_live_arrays);

#undef ADD

  return g_test_run ();
}

/* test-yaml-config.c
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>

#include <axds.h>

#include "axds-yaml-private.h"
#include "test-config-types.h"

/* Under AddressSanitizer with exact leak stacks every allocation is slow: fewer random rounds. */
#if defined(__SANITIZE_ADDRESS__)
# define RANDOM_ROUNDS 30000
#else
# define RANDOM_ROUNDS 300000
#endif

static char *tmp_dir;

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static void
write_text (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

/* Python's repr() as PyYAML writes floats. */
static void
test_float_format (void)
{
  struct { double value; const char *text; } cases[] = {
    { 1.5, "1.5" }, { 0.1, "0.1" }, { 100.0, "100.0" }, { 1e16, "1.0e+16" },
    { 1e17, "1.0e+17" }, { 1e-5, "1.0e-05" }, { 1.5e-5, "1.5e-05" }, { 0.0001, "0.0001" },
    { 123456789012345680.0, "1.2345678901234568e+17" }, { 9999999999999998.0, "9999999999999998.0" },
    { -0.0, "-0.0" }, { 0.0, "0.0" }, { 2.0 / 3.0, "0.6666666666666666" }, { 5e-324, "5.0e-324" },
    { 1.7976931348623157e308, "1.7976931348623157e+308" }, { 59.94, "59.94" }, { -1.5, "-1.5" },
    { INFINITY, ".inf" }, { -INFINITY, "-.inf" }, { NAN, ".nan" }, { 12345.678, "12345.678" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      char buf[64];

      _axds_yaml_format_double (cases[i].value, buf, sizeof buf);
      g_assert_cmpstr (buf, ==, cases[i].text);
    }
}

/* PyYAML's implicit resolver, which decides between plain and quoted output. */
static void
test_resolver (void)
{
  struct { const char *text; AxdsYamlKind kind; } cases[] = {
    { "", AXDS_YAML_KIND_NULL }, { "~", AXDS_YAML_KIND_NULL }, { "null", AXDS_YAML_KIND_NULL },
    { "Null", AXDS_YAML_KIND_NULL }, { "nULL", AXDS_YAML_KIND_STR }, { "yes", AXDS_YAML_KIND_BOOL },
    { "Off", AXDS_YAML_KIND_BOOL }, { "y", AXDS_YAML_KIND_STR }, { "123", AXDS_YAML_KIND_INT },
    { "-0b101", AXDS_YAML_KIND_INT }, { "0x_1F", AXDS_YAML_KIND_INT }, { "1:30", AXDS_YAML_KIND_INT },
    { "1.5", AXDS_YAML_KIND_FLOAT }, { "1.5e3", AXDS_YAML_KIND_STR }, { "1.5e+3", AXDS_YAML_KIND_FLOAT },
    { ".inf", AXDS_YAML_KIND_FLOAT }, { "-.Inf", AXDS_YAML_KIND_FLOAT }, { ".NaN", AXDS_YAML_KIND_FLOAT },
    { "1e3", AXDS_YAML_KIND_STR }, { "2024-01-02", AXDS_YAML_KIND_OTHER },
    { "2024-1-2 3:04:05.5 +1", AXDS_YAML_KIND_OTHER }, { "<<", AXDS_YAML_KIND_OTHER },
    { "=", AXDS_YAML_KIND_OTHER }, { "pid:1", AXDS_YAML_KIND_STR },
    { "e30d3e55fffe8b95", AXDS_YAML_KIND_STR }, { "1234567890123456", AXDS_YAML_KIND_INT },
    { "0123", AXDS_YAML_KIND_INT }, { "089", AXDS_YAML_KIND_STR },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      if (_axds_yaml_resolve_plain (cases[i].text, strlen (cases[i].text)) != cases[i].kind)
        g_error ("'%s' resolved wrongly", cases[i].text);
      if (_axds_yaml_resolve_plain_regex (cases[i].text, strlen (cases[i].text)) != cases[i].kind)
        g_error ("'%s' resolved wrongly by the regexes", cases[i].text);
    }

  /* The hand-written matchers against PyYAML's expressions, on text built to come close. */
  {
    g_autoptr(GRand) rand = g_rand_new_with_seed (11);
    const char alphabet[] = "0123456789_:.-+eExXbBTtZ \tnNaIifFyYoO~<=!&*\n";

    for (guint i = 0; i < RANDOM_ROUNDS; i++)
      {
        char text[28];
        guint len = (guint) g_rand_int_range (rand, 0, sizeof text);

        for (guint k = 0; k < len; k++)
          text[k] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
        /* Bias towards numbers and dates: mostly digits with a few separators. */
        if (i % 2)
          for (guint k = 0; k < len; k++)
            if (g_rand_int_range (rand, 0, 4) != 0)
              text[k] = (char) ('0' + g_rand_int_range (rand, 0, 10));
        text[len] = '\0';
        if (_axds_yaml_resolve_plain (text, len) != _axds_yaml_resolve_plain_regex (text, len))
          g_error ("'%s': %d by hand, %d by regex", text, _axds_yaml_resolve_plain (text, len),
                   _axds_yaml_resolve_plain_regex (text, len));
      }
  }
  {
    const char *dates[] = { "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5",
                            "2001-12-15 2:59:43.10", "2002-12-14", "2001-12-14T21:59:43Z",
                            "2001-1-1", "2001-12-14 21:59:43 Z", "2001-12-14  21:59:43+01:0",
                            "1:2:3.5", "+12_3:45.", "-.inf", "-.5", ".5e+1", "0b", "0x", "00",
                            "08", "0_7", "1__2:3", "12:60", "1:0:0", NULL };
    for (guint i = 0; dates[i]; i++)
      g_assert_cmpint (_axds_yaml_resolve_plain (dates[i], strlen (dates[i])), ==,
                       _axds_yaml_resolve_plain_regex (dates[i], strlen (dates[i])));
  }
}

static void
test_int_parse (void)
{
  struct { const char *text; gboolean ok; gboolean negative; guint64 value; } cases[] = {
    { "0", TRUE, FALSE, 0 }, { "-12", TRUE, TRUE, 12 }, { "+7", TRUE, FALSE, 7 },
    { "1_000", TRUE, FALSE, 1000 }, { "0b1010", TRUE, FALSE, 10 }, { "017", TRUE, FALSE, 15 },
    { "0x1F", TRUE, FALSE, 31 }, { "1:30", TRUE, FALSE, 90 }, { "1:60", FALSE, FALSE, 0 },
    { "18446744073709551615", TRUE, FALSE, G_MAXUINT64 }, { "18446744073709551616", FALSE, FALSE, 0 },
    { "08", FALSE, FALSE, 0 }, { "abc", FALSE, FALSE, 0 }, { "-", FALSE, FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean negative = FALSE;
      guint64 value = 0;
      gboolean ok = _axds_yaml_parse_int (cases[i].text, &negative, &value);

      g_assert_cmpint (ok, ==, cases[i].ok);
      if (ok)
        {
          g_assert_cmpint (negative, ==, cases[i].negative);
          g_assert_cmpuint (value, ==, cases[i].value);
        }
    }
}

static void
assert_configs_equal (TestConfig *a,
                      TestConfig *b)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (a), &n);
  for (guint i = 0; i < n; i++)
    {
      const GValue *va = &a->values[pspecs[i]->param_id];
      const GValue *vb = &b->values[pspecs[i]->param_id];

      if (pspecs[i]->flags & AXDS_YAML_PARAM_EXCLUDE)
        continue;
      if (G_VALUE_HOLDS (va, G_TYPE_FILE))
        {
          g_autofree char *pa = g_file_get_path (g_value_get_object (va));
          g_autofree char *pb = g_file_get_path (g_value_get_object (vb));
          g_assert_cmpstr (pa, ==, pb);
        }
      else if (G_VALUE_HOLDS (va, test_nested_get_type ()))
        {
          g_autofree char *da = axds_yaml_config_to_data (g_value_get_object (va), NULL, NULL);
          g_autofree char *db = axds_yaml_config_to_data (g_value_get_object (vb), NULL, NULL);
          g_assert_cmpstr (da, ==, db);
        }
      else if (G_VALUE_HOLDS (va, G_TYPE_STRV))
        g_assert_true (g_strv_equal (g_value_get_boxed (va), g_value_get_boxed (vb)));
      else if (G_VALUE_HOLDS (va, G_TYPE_VARIANT))
        {
          GVariant *a_v = g_value_get_variant (va), *b_v = g_value_get_variant (vb);
          g_assert_true ((a_v == NULL && b_v == NULL) ||
                         (a_v != NULL && b_v != NULL && g_variant_equal (a_v, b_v)));
        }
      else if (g_param_values_cmp (pspecs[i], va, vb) != 0)
        g_error ("property %s differs", pspecs[i]->name);
    }
}

static void
test_round_trip (void)
{
  g_autoptr(TestConfig) config = test_config_new_filled ();
  g_autoptr(TestConfig) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *path = tmp_path ("sub/dir/config.yaml");
  g_autofree char *on_disk = NULL;
  g_autofree char *runtime = NULL;
  gsize length = 0;

  data = axds_yaml_config_to_data (G_OBJECT (config), &length, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (data, ==, TEST_CONFIG_FILLED_YAML);
  g_assert_cmpuint (length, ==, strlen (data));

  /* Saving creates the missing folders; the file holds exactly the document. */
  g_assert_true (axds_yaml_config_save (G_OBJECT (config), path, AXDS_YAML_CONFIG_SAVE_NONE, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &on_disk, NULL, &error);
  g_assert_cmpstr (on_disk, ==, data);

  loaded = axds_yaml_config_load (test_config_get_type (), path, &error);
  g_assert_no_error (error);
  assert_configs_equal (config, loaded);
  /* Excluded: neither written nor read. */
  g_object_get (loaded, "runtime-only", &runtime, NULL);
  g_assert_cmpstr (runtime, ==, "default");

  /* And saved again, the same bytes. */
  {
    g_autofree char *again = axds_yaml_config_to_data (G_OBJECT (loaded), NULL, &error);
    g_assert_cmpstr (again, ==, data);
  }
}

static void
test_defaults_and_unknown (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TestConfig) config = NULL;
  g_autofree char *note = NULL;
  int count;
  double frame_rate;
  const char *doc =
    "name: plain\n"
    "unknown_key: {ignored: [1, 2]}\n"
    "runtime_only: also ignored\n"
    "count: 0x10\n"
    "note: 12\n"
    "frame_rate: 25\n";

  config = axds_yaml_config_from_data (test_config_get_type (), doc, -1, "doc.yaml", &error);
  g_assert_no_error (error);
  g_object_get (config, "count", &count, "note", &note, "frame-rate", &frame_rate, NULL);
  g_assert_cmpint (count, ==, 16);
  g_assert_cmpstr (note, ==, "12");
  g_assert_cmpfloat (frame_rate, ==, 25.0);
  g_assert_cmpstr (g_value_get_string (&config->values[CONFIG_PROP_RUNTIME]), ==, "default");
  g_assert_true (g_value_get_boolean (&config->values[CONFIG_PROP_ENABLED]));
  g_assert_null (g_value_get_object (&config->values[CONFIG_PROP_NESTED]));
}

static void
check_error (const char *doc,
             GQuark      domain,
             gint        code,
             const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TestConfig) config = axds_yaml_config_from_data (test_config_get_type (), doc, -1,
                                                             "bad.yaml", &error);

  g_assert_null (config);
  g_assert_error (error, domain, code);
  g_assert_true (g_str_has_prefix (error->message, "bad.yaml: "));
  if (strstr (error->message, text) == NULL)
    g_error ("'%s' not in '%s'", text, error->message);
}

/* Documents every load refuses, the error code and a part of the message. */
static const struct
{
  const char *doc;
  gint        code;
  const char *text;
} refused_documents[] = {
  { "", AXDS_ERROR_PARSE, "empty" },
  { "name: [unclosed\n", AXDS_ERROR_PARSE, "malformed YAML at line 2, column 1" },
  { "- a\n- b\n", AXDS_ERROR_PARSE,
    "line 1, column 1: the top level of the document is not a mapping" },
  { "just text\n", AXDS_ERROR_PARSE, "not a mapping" },
  { "count: 1\n", AXDS_ERROR_MISSING_FIELD, "required field 'name' is missing" },
  { "name: x\nnested: {rate: 1.0}\n", AXDS_ERROR_MISSING_FIELD, "'nested.count'" },
  { "name: x\ncount: many\n", AXDS_ERROR_WRONG_TYPE,
    "line 2, column 8: field 'count' expects an integer, found a string 'many'" },
  { "name: x\ncount: '5'\n", AXDS_ERROR_WRONG_TYPE, "field 'count' expects an integer" },
  { "name: x\ncount: 5000\n", AXDS_ERROR_WRONG_TYPE, "out of range" },
  { "name: x\nbig: -1\n", AXDS_ERROR_WRONG_TYPE, "out of range" },
  { "name: x\nmode: 2\n", AXDS_ERROR_WRONG_TYPE, "not a value of TestMode" },
  { "name: x\nenabled: maybe\n", AXDS_ERROR_WRONG_TYPE, "expects a boolean" },
  { "name: [x]\n", AXDS_ERROR_WRONG_TYPE, "expects a string, found a list" },
  { "name: null\n", AXDS_ERROR_WRONG_TYPE, "found null" },
  { "name: x\nratio: fast\n", AXDS_ERROR_WRONG_TYPE, "expects a number" },
  { "name: x\ngain: 1000\n", AXDS_ERROR_WRONG_TYPE, "out of range" },
  { "name: x\nnested: 5\n", AXDS_ERROR_WRONG_TYPE, "field 'nested' expects a mapping" },
  { "name: x\nnested: {count: 11}\n", AXDS_ERROR_WRONG_TYPE, "field 'nested.count'" },
  { "name: x\ntags: [a, [b]]\n", AXDS_ERROR_WRONG_TYPE, "field 'tags'" },
  { "name: x\nchannels: {a: 1}\n", AXDS_ERROR_WRONG_TYPE, "expects a list" },
  { "name: x\nlimits: {a: x}\n", AXDS_ERROR_WRONG_TYPE, "expects a number" },
  { "name: x\nmaybe_threshold: [1]\n", AXDS_ERROR_WRONG_TYPE, "expects a number" },
  { "name: &a x\nnote: *a\n", AXDS_ERROR_PARSE, "anchors" },
  { "name: !!binary aGk=\n", AXDS_ERROR_PARSE, "unsupported tag" },
  { "name: x\n---\nname: y\n", AXDS_ERROR_PARSE, "single document" },
  { "name: \"a\\0b\"\n", AXDS_ERROR_WRONG_TYPE, "NUL" },
};

static void
test_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) deep = g_string_new ("name: x\nnote: ");
  g_autofree char *missing = tmp_path ("missing.yaml");
  g_autofree char *wrong_ext = tmp_path ("config.json");
  g_autofree char *malformed = tmp_path ("malformed.yml");
  g_autoptr(TestConfig) config = test_config_new_filled ();
  GObject *loaded;

  for (gsize i = 0; i < G_N_ELEMENTS (refused_documents); i++)
    check_error (refused_documents[i].doc, AXDS_ERROR, refused_documents[i].code,
                 refused_documents[i].text);
  for (int i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  check_error (deep->str, AXDS_ERROR, AXDS_ERROR_PARSE, "nested deeper than 64 levels");

  /* Files: missing, wrong extension (both ways), malformed with the file's name. */
  loaded = axds_yaml_config_load (test_config_get_type (), missing, &error);
  g_assert_null (loaded);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);

  write_text (wrong_ext, "name: x\n");
  loaded = axds_yaml_config_load (test_config_get_type (), wrong_ext, &error);
  g_assert_null (loaded);
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, ".yaml' or '.yml'"));
  g_clear_error (&error);
  g_assert_false (axds_yaml_config_save (G_OBJECT (config), wrong_ext, AXDS_YAML_CONFIG_SAVE_NONE, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_cmpint (unlink (wrong_ext), ==, 0);

  write_text (malformed, "name: x\n  bad: indent\n");
  loaded = axds_yaml_config_load (test_config_get_type (), malformed, &error);
  g_assert_null (loaded);
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, malformed));
  g_assert_nonnull (strstr (error->message, "line 2"));
  g_clear_error (&error);
  g_assert_cmpint (unlink (malformed), ==, 0);

  /* Strings that are not UTF-8 are refused on save. */
  g_object_set (config, "note", "bad \xff", NULL);
  g_assert_null (axds_yaml_config_to_data (G_OBJECT (config), NULL, &error));
  g_assert_error (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT);
}

/* Python writes lists of records as sequences of mappings; "v" reads them. */
static void
test_variant_any (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TestConfig) config = NULL;
  g_autofree char *data = NULL;
  const char *doc =
    "---\n"
    "name: x\n"
    "maybe_threshold: 0.25\n"
    "channels: []\n"
    "limits: {}\n"
    "tags: null\n"
    "nested: null\n"
    "output: null\n"
    "...\n";

  config = axds_yaml_config_from_data (test_config_get_type (), doc, -1, NULL, &error);
  g_assert_no_error (error);
  data = axds_yaml_config_to_data (G_OBJECT (config), NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (data, "maybe_threshold: 0.25\n"));
  g_assert_nonnull (strstr (data, "channels: []\n"));
  g_assert_nonnull (strstr (data, "limits: {}\n"));
  g_assert_nonnull (strstr (data, "tags: null\n"));
  g_assert_nonnull (strstr (data, "nested: null\n"));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  tmp_dir = g_dir_make_tmp ("axds-yaml-config-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/axds/yaml-config/float-format", test_float_format);
  g_test_add_func ("/axds/yaml-config/resolver", test_resolver);
  g_test_add_func ("/axds/yaml-config/int-parse", test_int_parse);
  g_test_add_func ("/axds/yaml-config/round-trip", test_round_trip);
  g_test_add_func ("/axds/yaml-config/defaults-and-unknown", test_defaults_and_unknown);
  g_test_add_func ("/axds/yaml-config/errors", test_errors);
  g_test_add_func ("/axds/yaml-config/variant-any", test_variant_any);
  ret = g_test_run ();

  /* Leave nothing behind: the saved config and the folders made for it. */
  {
    g_autofree char *file = g_build_filename (tmp_dir, "sub", "dir", "config.yaml", NULL);
    g_autofree char *dir2 = g_build_filename (tmp_dir, "sub", "dir", NULL);
    g_autofree char *dir1 = g_build_filename (tmp_dir, "sub", NULL);
    unlink (file);
    rmdir (dir2);
    rmdir (dir1);
    if (rmdir (tmp_dir) != 0)
      {
        g_printerr ("temporary folder %s not empty\n", tmp_dir);
        ret = 1;
      }
  }
  g_free (tmp_dir);
  return ret;
}

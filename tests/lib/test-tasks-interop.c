/* test-tasks-interop.c — checksums against python3-xxhash, interpolation against numpy
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <json-glib/json-glib.h>

#include <axds.h>

#include "axds-test-utils.h"
#include "test-tasks-common.h"
#include "test-vectors.h"

/* An independent computation of the rule with python3-xxhash: os.walk instead of pathlib, bytes
 * paths, links followed to files only. Prints {"checksum": …, "files": {path: digest}}. Custom
 * names add to ax_checksum.txt, as libaxds has it (Python's excluded_files replaces it). */
static const char checksum_script[] =
  "import json, os, sys, xxhash\n"
  "root = os.fsencode(sys.argv[1])\n"
  "excluded = {b'ax_checksum.txt'} | ({os.fsencode(n) for n in sys.argv[3:]} "
  "if sys.argv[2] == 'custom' else set())\n"
  "entries = []\n"
  "for dirpath, dirnames, filenames in os.walk(root):\n"
  "    for name in filenames + dirnames:\n"
  "        path = os.path.join(dirpath, name)\n"
  "        if name in excluded or not os.path.isfile(path):\n"
  "            continue\n"
  "        rel = os.path.relpath(path, root)\n"
  "        h = xxhash.xxh3_128(rel)\n"
  "        with open(path, 'rb') as f:\n"
  "            while True:\n"
  "                chunk = f.read(1 << 20)\n"
  "                if not chunk:\n"
  "                    break\n"
  "                h.update(chunk)\n"
  "        entries.append((rel, h.digest()))\n"
  "entries.sort()\n"
  "total = xxhash.xxh3_128()\n"
  "for rel, digest in entries:\n"
  "    total.update(rel)\n"
  "    total.update(digest)\n"
  "print(json.dumps({'checksum': total.hexdigest(), "
  "'files': {rel.decode(): d.hex() for rel, d in entries}}))\n";

static gboolean
have_python (const char *modules)
{
  const char *python = g_getenv ("AXDS_PYTHON");
  g_autofree char *code = g_strdup_printf ("import %s", modules);
  const char *argv[] = { python, "-c", code, NULL };
  int status = 0;

  if (python == NULL)
    return FALSE;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL |
                     G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL))
    return FALSE;
  return g_spawn_check_wait_status (status, NULL);
}

/* Runs AXDS_PYTHON with @argv (after the interpreter) and returns its stdout. */
static char *
run_python (const char * const *args)
{
  g_autoptr(GStrvBuilder) argv = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  g_strv_builder_add (argv, axds_test_program ("AXDS_PYTHON"));
  g_strv_builder_addv (argv, (const char **) args);
  strv = g_strv_builder_end (argv);
  return axds_test_run_ok ((const char * const *) strv, NULL);
}

static void
compare_with_python (const char         *root,
                     const char * const *excluded)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(AxdsChecksumManifest) manifest = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *checksum = NULL;
  g_autofree char *out = NULL;
  JsonObject *result, *files;

  g_ptr_array_add (args, (gpointer) "-c");
  g_ptr_array_add (args, (gpointer) checksum_script);
  g_ptr_array_add (args, (gpointer) root);
  g_ptr_array_add (args, (gpointer) (excluded != NULL ? "custom" : "default"));
  for (guint i = 0; excluded != NULL && excluded[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) excluded[i]);
  g_ptr_array_add (args, NULL);
  out = run_python ((const char * const *) args->pdata);

  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  result = json_node_get_object (json_parser_get_root (parser));
  files = json_object_get_object_member (result, "files");

  checksum = axds_calculate_directory_checksum (root, 2, FALSE, excluded, &manifest, NULL, NULL,
                                                NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (checksum, ==, json_object_get_string_member (result, "checksum"));
  g_assert_cmpuint (axds_checksum_manifest_get_n_files (manifest), ==,
                    json_object_get_size (files));
  for (guint i = 0; i < axds_checksum_manifest_get_n_files (manifest); i++)
    g_assert_cmpstr (axds_checksum_manifest_get_digest (manifest, i), ==,
                     json_object_get_string_member (files,
                                                    axds_checksum_manifest_get_path (manifest,
                                                                                     i)));
}

static void
test_checksum_python (void)
{
  g_autofree char *base = NULL;
  const char * const custom[] = { "readme.txt", "empty", NULL };

  if (!have_python ("xxhash"))
    {
      g_test_skip ("needs AXDS_PYTHON with python3-xxhash");
      return;
    }

  base = axds_test_dir_new ("interop-checksum");
  for (guint seed = 0; seed < 3; seed++)
    {
      g_autofree char *root = g_strdup_printf ("%s/tree-%u", base, seed);

      /* Nested folders, empty files and folders, non-ASCII names, an excluded file, and files
       * around the read-buffer size. */
      test_make_mixed_tree (root, 10 + seed * 20, seed == 2 ? 600000 : 100 * (seed + 1), seed);
      test_symlink (root, "readme.txt", "link_to_readme");
      test_symlink (root, "a", "link_to_dir");
      compare_with_python (root, NULL);
      compare_with_python (root, custom);
    }
  for (guint t = 0; t < 3; t++)
    {
      static const char * const trees[] = { "tree_a", "tree_b", "tree_c" };
      g_autofree char *root = g_build_filename (base, trees[t], NULL);

      test_make_vector_tree (root, trees[t]);
      compare_with_python (root, NULL);
    }

  axds_test_remove_tree (base);
}

/* The vectors' own generator (Python) makes the trees; our checksums equal the recorded ones. */
static void
test_checksum_generated_vectors (void)
{
  g_autofree char *script = test_vector_path ("gen_checksum_trees.py", NULL);
  g_autofree char *json_path = test_vector_path ("checksum", "checksums.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  g_autofree char *out = NULL;
  JsonObject *trees;
  g_autoptr(GList) names = NULL;

  if (!have_python ("os"))
    {
      g_test_skip ("needs AXDS_PYTHON (python3)");
      return;
    }

  base = axds_test_dir_new ("interop-vectors");
  out = run_python ((const char * const[]) { script, base, NULL });
  json_parser_load_from_file (parser, json_path, &error);
  g_assert_no_error (error);
  trees = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                         "trees");
  names = json_object_get_members (trees);
  g_assert_cmpuint (g_list_length (names), ==, 3);
  for (GList *l = names; l != NULL; l = l->next)
    {
      g_autofree char *root = g_build_filename (base, l->data, NULL);
      g_autofree char *checksum = NULL;

      checksum = axds_calculate_directory_checksum (root, 0, FALSE, NULL, NULL, NULL, NULL,
                                                    NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (checksum, ==, json_object_get_string_member (
                                         json_object_get_object_member (trees, l->data),
                                         "checksum"));
    }

  axds_test_remove_tree (base);
}

/* numpy's side of interpolate_data: the Python library's rule, with NumPy calls. */
static const char interpolate_script[] =
  "import json, sys, warnings\n"
  "import numpy as np\n"
  "warnings.simplefilter('ignore')\n"
  "base = sys.argv[1]\n"
  "for case in json.load(open(base + '/cases.json')):\n"
  "    xp = np.fromfile(f\"{base}/{case['name']}.xp\", dtype=case['xp'])\n"
  "    fp = np.fromfile(f\"{base}/{case['name']}.fp\", dtype=case['fp'])\n"
  "    x = np.fromfile(f\"{base}/{case['name']}.x\", dtype=case['x'])\n"
  "    if case['discrete']:\n"
  "        out = np.empty(x.shape, dtype=fp.dtype)\n"
  "        below = x < xp[0]\n"
  "        above = x > xp[-1]\n"
  "        within = ~(below | above)\n"
  "        out[below] = fp[0]\n"
  "        out[above] = fp[-1]\n"
  "        idx = np.searchsorted(xp, x[within], side='right') - 1\n"
  "        out[within] = fp[np.clip(idx, 0, len(fp) - 1)]\n"
  "    else:\n"
  "        out = np.interp(x.astype(np.float64), xp.astype(np.float64), fp.astype(np.float64))\n"
  "    out.tofile(f\"{base}/{case['name']}.out\")\n";

typedef struct
{
  AxdsDtype   dtype;
  const char *numpy;
} NumpyType;

static const NumpyType numpy_types[] = {
  { AXDS_DTYPE_BOOL, "bool" }, { AXDS_DTYPE_INT8, "int8" }, { AXDS_DTYPE_INT16, "int16" },
  { AXDS_DTYPE_INT32, "int32" }, { AXDS_DTYPE_INT64, "int64" }, { AXDS_DTYPE_UINT8, "uint8" },
  { AXDS_DTYPE_UINT16, "uint16" }, { AXDS_DTYPE_UINT32, "uint32" },
  { AXDS_DTYPE_UINT64, "uint64" }, { AXDS_DTYPE_FLOAT32, "float32" },
  { AXDS_DTYPE_FLOAT64, "float64" }, { AXDS_DTYPE_COMPLEX64, "complex64" },
  { AXDS_DTYPE_COMPLEX128, "complex128" },
};

/* Random bytes, then shaped per dtype: increasing coordinates (with duplicates) spread over
 * much of the type's range, targets around them. */
static void
fill_random (GRand     *rand,
             AxdsDtype  dtype,
             guint8    *data,
             gsize      n,
             gboolean   sorted)
{
  gsize itemsize = axds_dtype_get_itemsize (dtype);
  double lo, hi;

  switch (dtype)
    {
    case AXDS_DTYPE_BOOL:   lo = 0; hi = 1; break;
    case AXDS_DTYPE_INT8:   lo = -128; hi = 127; break;
    case AXDS_DTYPE_UINT8:  lo = 0; hi = 255; break;
    case AXDS_DTYPE_INT16:  lo = -32768; hi = 32767; break;
    case AXDS_DTYPE_UINT16: lo = 0; hi = 65535; break;
    case AXDS_DTYPE_INT32:  lo = -2e9; hi = 2e9; break;
    case AXDS_DTYPE_UINT32: lo = 0; hi = 4e9; break;
    /* Timestamps in microseconds: large, beyond 2^53 for some. */
    case AXDS_DTYPE_INT64:  lo = -9e18; hi = 9e18; break;
    case AXDS_DTYPE_UINT64: lo = 1.7e15; hi = 1.8e19; break;
    case AXDS_DTYPE_FLOAT32:
    case AXDS_DTYPE_FLOAT64:
    case AXDS_DTYPE_COMPLEX64:
    case AXDS_DTYPE_COMPLEX128:
    case AXDS_DTYPE_INVALID:
    case AXDS_DTYPE_LAST:
    default:
      lo = -1e6; hi = 1e6; break;
    }

  for (gsize i = 0; i < n; i++)
    {
      double v = g_rand_double_range (rand, lo, hi);
      guint8 *p = data + i * itemsize;

      switch (dtype)
        {
        case AXDS_DTYPE_BOOL:   *p = g_rand_boolean (rand); break;
        case AXDS_DTYPE_INT8:   *(gint8 *) p = (gint8) v; break;
        case AXDS_DTYPE_UINT8:  *p = (guint8) v; break;
        case AXDS_DTYPE_INT16:  *(gint16 *) p = (gint16) v; break;
        case AXDS_DTYPE_UINT16: *(guint16 *) p = (guint16) v; break;
        case AXDS_DTYPE_INT32:  *(gint32 *) p = (gint32) v; break;
        case AXDS_DTYPE_UINT32: *(guint32 *) p = (guint32) v; break;
        case AXDS_DTYPE_INT64:
          *(gint64 *) p = (gint64) v + g_rand_int_range (rand, -1000, 1000);
          break;
        case AXDS_DTYPE_UINT64:
          *(guint64 *) p = (guint64) v + (guint64) g_rand_int_range (rand, 0, 1000);
          break;
        case AXDS_DTYPE_FLOAT32: *(float *) p = (float) v; break;
        case AXDS_DTYPE_FLOAT64: *(double *) p = v; break;
        case AXDS_DTYPE_COMPLEX64:
          ((float *) p)[0] = (float) v;
          ((float *) p)[1] = (float) g_rand_double (rand);
          break;
        case AXDS_DTYPE_COMPLEX128:
          ((double *) p)[0] = v;
          ((double *) p)[1] = g_rand_double (rand);
          break;
        case AXDS_DTYPE_INVALID:
        case AXDS_DTYPE_LAST:
        default:
          g_assert_not_reached ();
        }
    }

  if (sorted)
    {
      /* Sort by value (insertion sort of small arrays), then repeat a few elements. */
      g_autofree guint8 *tmp = g_malloc (itemsize);

      for (gsize i = 1; i < n; i++)
        for (gsize k = i; k > 0; k--)
          {
            guint8 *a = data + (k - 1) * itemsize, *b = data + k * itemsize;
            gboolean greater;

            switch (dtype)
              {
              case AXDS_DTYPE_INT64: greater = *(gint64 *) a > *(gint64 *) b; break;
              case AXDS_DTYPE_UINT64: greater = *(guint64 *) a > *(guint64 *) b; break;
              case AXDS_DTYPE_BOOL:
              case AXDS_DTYPE_INT8:
              case AXDS_DTYPE_INT16:
              case AXDS_DTYPE_INT32:
              case AXDS_DTYPE_UINT8:
              case AXDS_DTYPE_UINT16:
              case AXDS_DTYPE_UINT32:
              case AXDS_DTYPE_FLOAT32:
              case AXDS_DTYPE_FLOAT64:
              case AXDS_DTYPE_COMPLEX64:
              case AXDS_DTYPE_COMPLEX128:
              case AXDS_DTYPE_INVALID:
              case AXDS_DTYPE_LAST:
              default:
                greater = axds_dtype_value_to_double (dtype, a) >
                          axds_dtype_value_to_double (dtype, b);
                break;
              }
            if (!greater)
              break;
            memcpy (tmp, a, itemsize);
            memcpy (a, b, itemsize);
            memcpy (b, tmp, itemsize);
          }
      for (gsize i = 1; i < n; i += 7)
        memcpy (data + i * itemsize, data + (i - 1) * itemsize, itemsize);
    }
}

static void
write_array (const char   *base,
             const char   *name,
             const char   *ext,
             gconstpointer data,
             gsize         len)
{
  g_autofree char *path = g_strdup_printf ("%s/%s.%s", base, name, ext);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, (gssize) len, &error);
  g_assert_no_error (error);
}

static void
test_interpolate_numpy (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260301);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) cases = NULL;
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  g_autofree char *cases_path = NULL;
  g_autofree char *out = NULL;

  if (!have_python ("numpy"))
    {
      g_test_skip ("needs AXDS_PYTHON with python3-numpy");
      return;
    }
  base = axds_test_dir_new ("interop-interp");

  json_builder_begin_array (builder);
  /* Every coordinate dtype (targets of the same dtype) with every value dtype, both modes. */
  for (guint c = 0; c < G_N_ELEMENTS (numpy_types); c++)
    {
      AxdsDtype cd = numpy_types[c].dtype;

      if (axds_dtype_is_complex (cd))
        continue;
      for (guint v = 0; v < G_N_ELEMENTS (numpy_types); v++)
        for (int discrete = 0; discrete < 2; discrete++)
          {
            AxdsDtype vd = numpy_types[v].dtype;
            AxdsDtype rd = axds_interpolate_get_result_dtype (vd, discrete);
            gsize n = cd == AXDS_DTYPE_BOOL ? 2 : 1 + (gsize) g_rand_int_range (rand, 0, 300);
            gsize n_x = 500;
            gsize cs = axds_dtype_get_itemsize (cd);
            g_autofree guint8 *xp = g_malloc (n * axds_dtype_get_itemsize (cd));
            g_autofree guint8 *fp = g_malloc (n * axds_dtype_get_itemsize (vd));
            g_autofree guint8 *x = g_malloc (n_x * axds_dtype_get_itemsize (cd));
            guint8 *result = g_malloc (n_x * axds_dtype_get_itemsize (rd));
            char *name = g_strdup_printf ("%s-%s-%s", numpy_types[c].numpy, numpy_types[v].numpy,
                                          discrete ? "discrete" : "continuous");

            if (cd == AXDS_DTYPE_BOOL)
              {
                xp[0] = 0;
                xp[1] = 1;
              }
            else
              fill_random (rand, cd, xp, n, TRUE);
            fill_random (rand, vd, fp, n, FALSE);
            fill_random (rand, cd, x, n_x, FALSE);
            /* Exact hits and both ends. */
            memcpy (x, xp, cs);
            memcpy (x + cs, xp + (n - 1) * cs, cs);
            memcpy (x + 2 * cs, xp + (n / 2) * cs, cs);

            g_assert_true (axds_interpolate_data (cd, xp, n, vd, fp, n, cd, x, n_x, discrete,
                                                  result, &error));
            g_assert_no_error (error);

            write_array (base, name, "xp", xp, n * axds_dtype_get_itemsize (cd));
            write_array (base, name, "fp", fp, n * axds_dtype_get_itemsize (vd));
            write_array (base, name, "x", x, n_x * axds_dtype_get_itemsize (cd));

            json_builder_begin_object (builder);
            json_builder_set_member_name (builder, "name");
            json_builder_add_string_value (builder, name);
            json_builder_set_member_name (builder, "xp");
            json_builder_add_string_value (builder, numpy_types[c].numpy);
            json_builder_set_member_name (builder, "fp");
            json_builder_add_string_value (builder, numpy_types[v].numpy);
            json_builder_set_member_name (builder, "x");
            json_builder_add_string_value (builder, numpy_types[c].numpy);
            json_builder_set_member_name (builder, "discrete");
            json_builder_add_boolean_value (builder, discrete);
            json_builder_end_object (builder);

            g_ptr_array_add (results, result);
            g_ptr_array_add (names, name);
            {
              gsize size = n_x * axds_dtype_get_itemsize (rd);
              g_array_append_val (sizes, size);
            }
          }
    }
  json_builder_end_array (builder);

  cases = json_builder_get_root (builder);
  json_generator_set_root (generator, cases);
  cases_path = g_build_filename (base, "cases.json", NULL);
  g_assert_true (json_generator_to_file (generator, cases_path, &error));
  g_assert_no_error (error);

  out = run_python ((const char * const[]) { "-c", interpolate_script, base, NULL });

  for (guint i = 0; i < results->len; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/%s.out", base, (char *) names->pdata[i]);
      g_autofree char *expected = NULL;
      gsize len = 0;

      g_file_get_contents (path, &expected, &len, &error);
      g_assert_no_error (error);
      g_test_message ("case %s", (char *) names->pdata[i]);
      /* Bit for bit: same dtype, same values, NaN patterns included. */
      g_assert_cmpmem (results->pdata[i], g_array_index (sizes, gsize, i), expected, len);
    }

  axds_test_remove_tree (base);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/axds/tasks-interop/checksum-python-xxhash", test_checksum_python);
  g_test_add_func ("/axds/tasks-interop/checksum-generated-vectors",
                   test_checksum_generated_vectors);
  g_test_add_func ("/axds/tasks-interop/interpolate-numpy", test_interpolate_numpy);

  return g_test_run ();
}

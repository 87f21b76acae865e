/* test-cli-shared.c — what the CLI shares with the monitor: tables, formatters, the progress
 * meter and the demo rig, without a display
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <json-glib/json-glib.h>

#include "axds-cli-table.h"
#include "format/axds-format.h"
#include "format/axds-progress-meter.h"
#include "format/axds-tracker-format.h"
#include "demo/axds-demo-rig.h"

/* GLib writes sizes with a no-break space in UTF-8 locales. */
#define NBSP "\302\240"

static void
assert_text (char       *text,
             const char *expected)
{
  g_assert_cmpstr (text, ==, expected);
  g_free (text);
}

static void
test_pad (void)
{
  GString *out = g_string_new (NULL);

  axds_format_pad (out, "ab", 4, FALSE);
  axds_format_pad (out, "7", 3, TRUE);
  axds_format_pad (out, "toolong", 3, FALSE);
  /* Characters, not bytes: “ä” is two bytes and one column. */
  axds_format_pad (out, "ä", 2, TRUE);
  g_assert_cmpstr (out->str, ==, "ab    7toolong ä");
  g_assert_cmpuint (axds_format_display_width ("Größe"), ==, 5);
  g_string_free (out, TRUE);
}

static void
test_table_text (void)
{
  g_autoptr(AxdsCliTable) table = axds_cli_table_new ();

  axds_cli_table_add_column (table, "NAME", "name", FALSE);
  axds_cli_table_add_column (table, NULL, "hidden", FALSE);
  axds_cli_table_add_column (table, "N", "n", TRUE);
  axds_cli_table_add_row (table);
  axds_cli_table_add_string (table, "alpha");
  axds_cli_table_add_int (table, -3);
  axds_cli_table_add_uint (table, 1234);
  axds_cli_table_add_row (table);
  axds_cli_table_add_string (table, "b");
  axds_cli_table_skip (table);
  axds_cli_table_add_uint (table, 5);
  axds_cli_table_add_note (table, "  └ note");
  g_assert_cmpuint (axds_cli_table_get_n_rows (table), ==, 2);
  /* Widths fit the widest cell; the last column, right-aligned, is padded too. */
  assert_text (axds_cli_table_format (table),
               "NAME      N\n"
               "alpha  1234\n"
               "b         5\n"
               "  └ note\n");
}

static void
test_table_fixed (void)
{
  g_autoptr(AxdsCliTable) table = axds_cli_table_new ();

  axds_cli_table_set_column_width (table, axds_cli_table_add_column (table, "ID", NULL, FALSE),
                                   4, "");
  axds_cli_table_add_column (table, "JOB", NULL, FALSE);
  axds_cli_table_add_row (table);
  axds_cli_table_add_string (table, "a");
  axds_cli_table_add_string (table, "x");
  axds_cli_table_add_row (table);
  axds_cli_table_add_string (table, "longer");
  axds_cli_table_add_string (table, "y");
  /* A fixed column does not grow: a longer cell pushes the rest of its line on. */
  assert_text (axds_cli_table_format (table), "ID  JOB\na   x\nlongery\n");
}

static void
test_table_json (void)
{
  g_autoptr(AxdsCliTable) table = axds_cli_table_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  const char *const list[] = { "p", "q", NULL };
  JsonArray *shape = json_array_new ();
  g_autoptr(JsonNode) root = NULL;
  char *text;

  json_array_add_int_element (shape, 2);
  axds_cli_table_add_column (table, "S", "s", FALSE);
  axds_cli_table_add_column (table, NULL, "big", FALSE);
  axds_cli_table_add_column (table, "B", "b", FALSE);
  axds_cli_table_add_column (table, NULL, "none", FALSE);
  axds_cli_table_add_column (table, NULL, "list", FALSE);
  axds_cli_table_add_column (table, "SHAPE", "shape", FALSE);
  axds_cli_table_add_column (table, "TEXT", NULL, FALSE);
  axds_cli_table_add_row (table);
  axds_cli_table_add_string (table, "x\"y");
  axds_cli_table_add_uint (table, G_MAXUINT64);
  axds_cli_table_add_bool (table, TRUE, "yes");
  axds_cli_table_add_null (table, "-");
  axds_cli_table_add_strv (table, list);
  axds_cli_table_add_cell (table, "(2,)", json_node_init_array (json_node_alloc (), shape));
  axds_cli_table_add_string (table, "only text");
  json_array_unref (shape);

  axds_cli_table_add_row (table);
  axds_cli_table_add_string (table, "second");

  /* Keys in column order, text-only columns and skipped cells left out, unsigned counts
   * clamped to what JSON integers hold. */
  root = axds_cli_table_to_json (table);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_assert_cmpstr (text, ==,
                   "[{\"s\":\"x\\\"y\",\"big\":9223372036854775807,\"b\":true,\"none\":null,"
                   "\"list\":[\"p\",\"q\"],\"shape\":[2]},{\"s\":\"second\"}]");
  g_free (text);
  assert_text (axds_cli_table_format (table),
               "S       B    SHAPE  TEXT\n"
               "x\"y     yes  (2,)   only text\n"
               "second              \n");
}

static void
test_meter (void)
{
  AxdsProgressMeter meter;
  gint64 t = 1000000;

  axds_progress_meter_init (&meter);
  g_assert_cmpfloat (meter.rate, ==, 0.0);
  g_assert_cmpfloat (axds_progress_meter_get_time_left (&meter, 100), ==, -1.0);

  axds_progress_meter_sample (&meter, t, 0, FALSE);
  /* Closer than the minimum interval: merged into the next sample. */
  axds_progress_meter_sample (&meter, t + 100000, 50, FALSE);
  g_assert_cmpfloat (meter.rate, ==, 0.0);
  axds_progress_meter_sample (&meter, t + 1000000, 100, FALSE);
  g_assert_cmpfloat_with_epsilon (meter.rate, 100.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (axds_progress_meter_get_time_left (&meter, 250), 2.5, 1e-9);

  /* Twice as fast for a second: the rate moves towards 200 with a 2 s time constant. */
  axds_progress_meter_sample (&meter, t + 2000000, 300, FALSE);
  g_assert_cmpfloat_with_epsilon (meter.rate, 100.0 + (1.0 - exp (-0.5)) * 100.0, 1e-9);

  /* A new phase counts from its own start but keeps the rate as its first estimate. */
  axds_progress_meter_sample (&meter, t + 3000000, 0, TRUE);
  g_assert_cmpfloat (meter.rate, >, 100.0);
  axds_progress_meter_sample (&meter, t + 4000000, 10, FALSE);
  g_assert_cmpfloat (meter.rate, <, 150.0);

  g_assert_cmpfloat (axds_progress_fraction (1, 4, 0, 0), ==, 0.25);
  g_assert_cmpfloat (axds_progress_fraction (1, 4, 30, 40), ==, 0.75);
  g_assert_cmpfloat (axds_progress_fraction (9, 4, 0, 0), ==, 1.0);
  g_assert_cmpfloat (axds_progress_fraction (0, 0, 0, 0), ==, 0.0);
}

static void
test_durations_and_sizes (void)
{
  assert_text (axds_format_compact_duration (0, 42 * G_USEC_PER_SEC), "42s");
  assert_text (axds_format_compact_duration (0, 187 * G_USEC_PER_SEC), "3m07");
  assert_text (axds_format_compact_duration (0, 8100 * (guint64) G_USEC_PER_SEC), "2h15");
  assert_text (axds_format_compact_duration (5, 1), "0s");
  assert_text (axds_format_size (1500), "1.5" NBSP "kB");
  assert_text (axds_format_size_rate (2500000.7), "2.5" NBSP "MB/s");
  assert_text (axds_format_time_left (12.1), "13 s left");
  assert_text (axds_format_run_time (187), "3 min 07 s");
  assert_text (axds_format_progress ("Copying", 12, 40, 1200000000, 3000000000, 250e6, 8),
               "Copying · 12 of 40 files · 1.2" NBSP "GB of 3.0" NBSP "GB · 250.0" NBSP "MB/s · 8 s left");
  assert_text (axds_format_local_time (-1), "-1 µs");
}

static void
test_rig_layouts (void)
{
  const char *const monitor[] = { "camera", "wheel", "lick", "trial", "environment" };
  const char *const terminal[] = { "camera", "wheel", "sensors", "counters" };
  const AxdsDemoArraySpec *specs;
  guint n;

  specs = axds_demo_rig_get_arrays (AXDS_DEMO_LAYOUT_MONITOR, &n);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (monitor));
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpstr (specs[i].suffix, ==, monitor[i]);
      g_assert_nonnull (specs[i].producer);
    }
  g_assert_cmpuint (specs[0].shape[0], ==, 512);

  specs = axds_demo_rig_get_arrays (AXDS_DEMO_LAYOUT_TERMINAL, &n);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (terminal));
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpstr (specs[i].suffix, ==, terminal[i]);
      g_assert_null (specs[i].producer);
    }
  g_assert_cmpint (specs[0].dtype, ==, AXDS_DTYPE_UINT16);
  g_assert_cmpuint (specs[0].shape[0], ==, 256);
  g_assert_cmpuint (specs[1].shape[0], ==, 1000);
}

/* The animal is drawn where its path puts it, at either size, in 12 bits. */
static void
test_rig_camera (void)
{
  g_autoptr(AxdsDemoRig) rig = axds_demo_rig_new ();
  const guint sizes[] = { 256, 512 };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      guint size = sizes[s];
      g_autofree guint16 *frame = g_new (guint16, size * size);
      double t = 7.0, k = size / 512.0;
      guint ax = (guint) (size / 2.0 + 150.0 * k * sin (t * 0.7) * cos (t * 0.23));
      guint ay = (guint) (size / 2.0 + 150.0 * k * sin (t * 0.5 + 1.0));
      guint16 peak = 0;

      axds_demo_rig_render_camera (rig, t, size, frame);
      for (guint i = 0; i < size * size; i++)
        peak = MAX (peak, frame[i]);
      g_assert_cmpuint (peak, <=, 4095);
      g_assert_cmpuint (frame[ay * size + ax], >=, 3500);
      /* The arena's middle, away from the animal, is dimmer. */
      g_assert_cmpuint (frame[(size / 2) * size + (ax < size / 2 ? size - 8 : 8)], <, 3000);
    }
}

static void
test_rig_behaviour (void)
{
  g_autoptr(AxdsDemoRig) rig = axds_demo_rig_new ();
  double position = 0.0;
  guint changes = 0, new_trials = 0;

  /* A minute at 100 Hz. */
  for (gint64 us = 0; us < 60 * G_USEC_PER_SEC; us += 10000)
    {
      AxdsDemoSensors sensors;
      float environment[3];

      g_assert_cmpfloat (axds_demo_rig_step_wheel (rig), >=, 0.0);
      g_assert_cmpfloat (axds_demo_rig_get_wheel_position (rig), >=, position);
      position = axds_demo_rig_get_wheel_position (rig);

      axds_demo_rig_step_sensors (rig, us, &sensors);
      g_assert_true (sensors.licking == (sensors.lick_volts > 1.5f));
      changes += sensors.lick_changed;
      new_trials += sensors.new_trial;
      if (us < 3 * G_USEC_PER_SEC)
        g_assert_false (sensors.licking);

      axds_demo_rig_read_environment (rig, us / 1e6, environment);
      g_assert_cmpfloat (environment[0], >, 20.0);
      g_assert_cmpfloat (environment[0], <, 25.0);
    }
  /* A trial every 3–5 s from the third second on, each with a burst of licks. */
  g_assert_cmpint (axds_demo_rig_get_trial (rig), ==, new_trials);
  g_assert_cmpuint (new_trials, >=, 11);
  g_assert_cmpuint (new_trials, <=, 20);
  g_assert_cmpuint (axds_demo_rig_get_licks (rig), >=, new_trials);
  g_assert_cmpuint (changes, >=, 2 * axds_demo_rig_get_licks (rig) - 1);
  g_assert_cmpuint (axds_demo_rig_get_rewards (rig), <, new_trials);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/axds/cli-table/pad", test_pad);
  g_test_add_func ("/axds/cli-table/text", test_table_text);
  g_test_add_func ("/axds/cli-table/fixed", test_table_fixed);
  g_test_add_func ("/axds/cli-table/json", test_table_json);
  g_test_add_func ("/axds/progress-meter/rate", test_meter);
  g_test_add_func ("/axds/format/durations-and-sizes", test_durations_and_sizes);
  g_test_add_func ("/axds/demo-rig/layouts", test_rig_layouts);
  g_test_add_func ("/axds/demo-rig/camera", test_rig_camera);
  g_test_add_func ("/axds/demo-rig/behaviour", test_rig_behaviour);
  return g_test_run ();
}

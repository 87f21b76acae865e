/* test-config-types.h — configuration classes shared by the YAML config tests
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two GObject classes declared the way an application would declare its configuration: every
 * property kind the YAML config supports. Values live in a GValue per property, so the classes
 * need no hand-written accessors.
 */

#pragma once

#include <gio/gio.h>

#include <axds.h>

typedef enum
{
  TEST_MODE_SLOW = 1,
  TEST_MODE_FAST = 5,
} TestMode;

static GType
test_mode_get_type (void)
{
  static gsize type_id;
  static const GEnumValue values[] = {
    { TEST_MODE_SLOW, "TEST_MODE_SLOW", "slow" },
    { TEST_MODE_FAST, "TEST_MODE_FAST", "fast" },
    { 0, NULL, NULL },
  };

  if (g_once_init_enter (&type_id))
    g_once_init_leave (&type_id, g_enum_register_static ("TestMode", values));
  return type_id;
}

/* A record whose properties are kept as GValues indexed by property id. */
#define DEFINE_VALUE_RECORD(Name, name, N)                                              \
  typedef struct { GObject parent; GValue values[N]; } Name;                            \
  typedef struct { GObjectClass parent_class; } Name##Class;                            \
  static GType name##_get_type (void);                                                  \
  G_DEFINE_TYPE (Name, name, G_TYPE_OBJECT)                                             \
  G_DEFINE_AUTOPTR_CLEANUP_FUNC (Name, g_object_unref)                                  \
  static void                                                                           \
  name##_init (Name *self)                                                              \
  {                                                                                     \
    GParamSpec **pspecs;                                                                \
    guint n;                                                                            \
    pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (self), &n);            \
    for (guint i = 0; i < n; i++)                                                       \
      {                                                                                 \
        g_value_init (&self->values[pspecs[i]->param_id], pspecs[i]->value_type);       \
        g_param_value_set_default (pspecs[i], &self->values[pspecs[i]->param_id]);      \
      }                                                                                 \
    g_free (pspecs);                                                                    \
  }                                                                                     \
  static void                                                                           \
  name##_finalize (GObject *object)                                                     \
  {                                                                                     \
    Name *self = (Name *) object;                                                       \
    for (guint i = 0; i < N; i++)                                                       \
      if (G_IS_VALUE (&self->values[i]))                                                \
        g_value_unset (&self->values[i]);                                               \
    G_OBJECT_CLASS (name##_parent_class)->finalize (object);                            \
  }                                                                                     \
  static void                                                                           \
  name##_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)     \
  {                                                                                     \
    g_value_copy (&((Name *) object)->values[id], value);                               \
  }                                                                                     \
  static void                                                                           \
  name##_set_property (GObject *object, guint id, const GValue *value,                  \
                       GParamSpec *pspec)                                               \
  {                                                                                     \
    g_value_unset (&((Name *) object)->values[id]);                                     \
    g_value_init (&((Name *) object)->values[id], pspec->value_type);                   \
    g_value_copy (value, &((Name *) object)->values[id]);                               \
  }

enum { NESTED_PROP_0, NESTED_PROP_RATE, NESTED_PROP_LABEL, NESTED_PROP_COUNT, NESTED_N_PROPS };

DEFINE_VALUE_RECORD (TestNested, test_nested, NESTED_N_PROPS)

static void
test_nested_class_init (TestNestedClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = test_nested_finalize;
  object_class->get_property = test_nested_get_property;
  object_class->set_property = test_nested_set_property;
  g_object_class_install_property (object_class, NESTED_PROP_RATE,
                                   g_param_spec_double ("rate", NULL, NULL, 0, 1e9, 30.0, rw));
  g_object_class_install_property (object_class, NESTED_PROP_LABEL,
                                   g_param_spec_string ("label", NULL, NULL, NULL,
                                                        rw | AXDS_YAML_PARAM_NULLABLE));
  g_object_class_install_property (object_class, NESTED_PROP_COUNT,
                                   g_param_spec_uint ("count", NULL, NULL, 0, 10, 1,
                                                      rw | AXDS_YAML_PARAM_REQUIRED));
}

enum {
  CONFIG_PROP_0,
  CONFIG_PROP_NAME,
  CONFIG_PROP_ENABLED,
  CONFIG_PROP_COUNT,
  CONFIG_PROP_BIG,
  CONFIG_PROP_OFFSET,
  CONFIG_PROP_RATIO,
  CONFIG_PROP_GAIN,
  CONFIG_PROP_NOTE,
  CONFIG_PROP_MODE,
  CONFIG_PROP_OUTPUT,
  CONFIG_PROP_NESTED,
  CONFIG_PROP_TAGS,
  CONFIG_PROP_CHANNELS,
  CONFIG_PROP_LIMITS,
  CONFIG_PROP_THRESHOLD,
  CONFIG_PROP_RUNTIME,
  CONFIG_PROP_FRAME_RATE,
  CONFIG_N_PROPS
};

DEFINE_VALUE_RECORD (TestConfig, test_config, CONFIG_N_PROPS)

static void
test_config_class_init (TestConfigClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS;
  GParamSpec *pspecs[CONFIG_N_PROPS] = { NULL, };

  object_class->finalize = test_config_finalize;
  object_class->get_property = test_config_get_property;
  object_class->set_property = test_config_set_property;
  pspecs[CONFIG_PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL,
                                                  rw | AXDS_YAML_PARAM_REQUIRED);
  pspecs[CONFIG_PROP_ENABLED] = g_param_spec_boolean ("enabled", NULL, NULL, TRUE, rw);
  pspecs[CONFIG_PROP_COUNT] = g_param_spec_int ("count", NULL, NULL, -1000, 1000, 3, rw);
  pspecs[CONFIG_PROP_BIG] = g_param_spec_uint64 ("big", NULL, NULL, 0, G_MAXUINT64, 0, rw);
  pspecs[CONFIG_PROP_OFFSET] = g_param_spec_int64 ("offset", NULL, NULL, G_MININT64, G_MAXINT64,
                                                   0, rw);
  pspecs[CONFIG_PROP_RATIO] = g_param_spec_double ("ratio", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE,
                                                   0.5, rw);
  pspecs[CONFIG_PROP_GAIN] = g_param_spec_float ("gain", NULL, NULL, -100, 100, 1.25f, rw);
  pspecs[CONFIG_PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL,
                                                  rw | AXDS_YAML_PARAM_NULLABLE);
  pspecs[CONFIG_PROP_MODE] = g_param_spec_enum ("mode", NULL, NULL, test_mode_get_type (),
                                                TEST_MODE_SLOW, rw);
  pspecs[CONFIG_PROP_OUTPUT] = g_param_spec_object ("output", NULL, NULL, G_TYPE_FILE,
                                                    rw | AXDS_YAML_PARAM_NULLABLE);
  pspecs[CONFIG_PROP_NESTED] = g_param_spec_object ("nested", NULL, NULL, test_nested_get_type (),
                                                    rw | AXDS_YAML_PARAM_NULLABLE);
  pspecs[CONFIG_PROP_TAGS] = g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV,
                                                 rw | AXDS_YAML_PARAM_NULLABLE);
  pspecs[CONFIG_PROP_CHANNELS] = g_param_spec_variant ("channels", NULL, NULL,
                                                       G_VARIANT_TYPE ("ax"), NULL, rw);
  pspecs[CONFIG_PROP_LIMITS] = g_param_spec_variant ("limits", NULL, NULL,
                                                     G_VARIANT_TYPE ("a{sd}"), NULL, rw);
  pspecs[CONFIG_PROP_THRESHOLD] = g_param_spec_variant ("maybe-threshold", NULL, NULL,
                                                        G_VARIANT_TYPE ("md"), NULL, rw);
  pspecs[CONFIG_PROP_RUNTIME] = g_param_spec_string ("runtime-only", NULL, NULL, "default",
                                                     rw | AXDS_YAML_PARAM_EXCLUDE);
  pspecs[CONFIG_PROP_FRAME_RATE] = g_param_spec_double ("frame-rate", NULL, NULL, 0, 1000, 30,
                                                        rw);
  g_object_class_install_properties (object_class, CONFIG_N_PROPS, pspecs);
}

/* A config with every field set to something worth checking. */
static TestConfig *
test_config_new_filled (void)
{
  g_autoptr(GFile) output = g_file_new_for_path ("/data/run 1/out");
  g_autoptr(GVariant) limits = NULL;
  const char *tags[] = { "alpha", "yes", "", "caf\xc3\xa9", "multi\nline", NULL };
  GVariantBuilder builder;
  TestNested *nested = g_object_new (test_nested_get_type (), "rate", 0.1, "label", "null",
                                     "count", 7u, NULL);
  TestConfig *config;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sd}"));
  g_variant_builder_add (&builder, "{sd}", "low", -1.5);
  g_variant_builder_add (&builder, "{sd}", "high", 1e17);
  g_variant_builder_add (&builder, "{sd}", "tiny", 1e-5);
  limits = g_variant_ref_sink (g_variant_builder_end (&builder));

  config = g_object_new (test_config_get_type (),
                         "name", "session: 42",
                         "enabled", FALSE,
                         "count", -7,
                         "big", G_MAXUINT64,
                         "offset", G_MININT64,
                         "ratio", 2.0 / 3.0,
                         "gain", 0.1f,
                         "note", NULL,
                         "mode", TEST_MODE_FAST,
                         "output", output,
                         "nested", nested,
                         "tags", tags,
                         "channels", g_variant_new_parsed ("[int64 1, 2, -3]"),
                         "limits", limits,
                         "maybe-threshold", g_variant_new_parsed ("@md nothing"),
                         "runtime-only", "not saved",
                         "frame-rate", 59.94,
                         NULL);
  g_object_unref (nested);
  return config;
}

/* The document test_config_new_filled() must produce (checked against Python in interop). */
#define TEST_CONFIG_FILLED_YAML \
  "---\n" \
  "name: 'session: 42'\n" \
  "enabled: false\n" \
  "count: -7\n" \
  "big: 18446744073709551615\n" \
  "offset: -9223372036854775808\n" \
  "ratio: 0.6666666666666666\n" \
  "gain: 0.10000000149011612\n" \
  "note: null\n" \
  "mode: 5\n" \
  "output: /data/run 1/out\n" \
  "nested:\n" \
  "  rate: 0.1\n" \
  "  label: 'null'\n" \
  "  count: 7\n" \
  "tags:\n" \
  "- alpha\n" \
  "- 'yes'\n" \
  "- ''\n" \
  "- \"caf\\xE9\"\n" \
  "- 'multi\n" \
  "\n" \
  "  line'\n" \
  "channels:\n" \
  "- 1\n" \
  "- 2\n" \
  "- -3\n" \
  "limits:\n" \
  "  low: -1.5\n" \
  "  high: 1.0e+17\n" \
  "  tiny: 1.0e-05\n" \
  "maybe_threshold: null\n" \
  "frame_rate: 59.94\n" \
  "...\n"

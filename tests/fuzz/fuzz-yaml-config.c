/* fuzz-yaml-config.c — YAML configuration files
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is a config file for the test suite's configuration class, which has a property of
 * every kind the loader maps (integers of each width, floats, strings, enums, files, a nested
 * object, string lists and GVariants of several types). A document that loads must save, load
 * again and save to the same bytes: a config read and written back must not change.
 */

#include "config.h"

#include <axds.h>

#include "test-config-types.h"
#include "fuzz-common.h"

static gsize checked_writer;

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GObject) config = NULL;
  g_autoptr(GObject) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;
  g_autofree char *path = NULL;
  gsize len = 0, len_again = 0;

  fuzz_setup ();
  if (g_once_init_enter (&checked_writer))
    {
      /* The harness's own premise: the writer makes the document the interop tests pin. */
      g_autoptr(GObject) filled = G_OBJECT (test_config_new_filled ());
      g_autofree char *filled_text = axds_yaml_config_to_data (filled, NULL, NULL);

      FUZZ_CHECK (g_strcmp0 (filled_text, TEST_CONFIG_FILLED_YAML) == 0);
      g_once_init_leave (&checked_writer, 1);
    }

  config = axds_yaml_config_from_data (test_config_get_type (), (const char *) data,
                                       (gssize) size, "fuzz.yaml", &error);
  if (config == NULL)
    FUZZ_CHECK (error != NULL);
  else
    {
      text = axds_yaml_config_to_data (config, &len, &error);
      if (text == NULL)
        {
          g_printerr ("A loaded config cannot be saved: %s\n", error->message);
          abort ();
        }
      again = axds_yaml_config_from_data (test_config_get_type (), text, (gssize) len,
                                          "saved.yaml", &error);
      if (again == NULL)
        {
          g_printerr ("A saved config does not load: %s\n%s\n", error->message, text);
          abort ();
        }
      text_again = axds_yaml_config_to_data (again, &len_again, NULL);
      FUZZ_CHECK (text_again != NULL);
      if (len != len_again || memcmp (text, text_again, len) != 0)
        {
          g_printerr ("Saving changes a loaded config:\n--- first\n%s\n--- second\n%s\n", text,
                      text_again);
          abort ();
        }
    }

  /* The file path, with its extension and size checks. */
  path = fuzz_write_file ("config.yaml", data, size);
  {
    g_autoptr(GObject) loaded = axds_yaml_config_load (test_config_get_type (), path, NULL);

    FUZZ_CHECK ((loaded != NULL) == (config != NULL));
  }
  g_unlink (path);
  return 0;
}

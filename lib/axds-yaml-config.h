/* axds-yaml-config.h — GObjects saved to and loaded from YAML files
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(AXDS_INSIDE) && !defined(AXDS_COMPILATION)
# error "Only <axds.h> can be included directly."
#endif

#include <glib-object.h>

#include "axds-version.h"

G_BEGIN_DECLS

/**
 * AXDS_YAML_PARAM_REQUIRED:
 *
 * A #GParamFlags bit for properties that must appear in a loaded document (a Python dataclass
 * field without a default). Loading a document without it fails with %AXDS_ERROR_MISSING_FIELD.
 */
#define AXDS_YAML_PARAM_REQUIRED (1 << G_PARAM_USER_SHIFT)

/**
 * AXDS_YAML_PARAM_NULLABLE:
 *
 * A #GParamFlags bit for string, string-array, file and object properties that may hold `null`
 * (Python's `str | None`). Without it, `null` in a loaded document is a type error, except for
 * a property that is not required and whose default is %NULL: there `null` reads as that
 * default, since it is what saving such a property writes.
 */
#define AXDS_YAML_PARAM_NULLABLE (1 << (G_PARAM_USER_SHIFT + 1))

/**
 * AXDS_YAML_PARAM_EXCLUDE:
 *
 * A #GParamFlags bit for properties kept out of the document (neither written nor read), like
 * run-time state or the path of the file itself.
 */
#define AXDS_YAML_PARAM_EXCLUDE  (1 << (G_PARAM_USER_SHIFT + 2))

/**
 * AxdsYamlConfigSaveFlags:
 * @AXDS_YAML_CONFIG_SAVE_NONE: durable write: fsync the file and its folder
 * @AXDS_YAML_CONFIG_SAVE_NO_SYNC: skip the fsyncs (still atomic, but may be lost on power loss)
 */
typedef enum
{
  AXDS_YAML_CONFIG_SAVE_NONE    = 0,
  AXDS_YAML_CONFIG_SAVE_NO_SYNC = 1 << 0,
} AxdsYamlConfigSaveFlags;

AXDS_AVAILABLE_IN_ALL
char     *axds_yaml_config_to_data   (GObject                  *object,
                                      gsize                    *length,
                                      GError                  **error);
AXDS_AVAILABLE_IN_ALL
gboolean  axds_yaml_config_save      (GObject                  *object,
                                      const char               *path,
                                      AxdsYamlConfigSaveFlags   flags,
                                      GError                  **error);
AXDS_AVAILABLE_IN_ALL
gpointer  axds_yaml_config_from_data (GType                     type,
                                      const char               *data,
                                      gssize                    length,
                                      const char               *display_name,
                                      GError                  **error);
AXDS_AVAILABLE_IN_ALL
gpointer  axds_yaml_config_load      (GType                     type,
                                      const char               *path,
                                      GError                  **error);

G_END_DECLS

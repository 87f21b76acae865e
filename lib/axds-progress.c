/* axds-progress.c — progress reports of long operations: the boxed type of AxdsProgress
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <glib-object.h>

#include "axds-progress.h"

/**
 * axds_progress_copy:
 * @self: a #AxdsProgress
 *
 * Makes a copy on the heap, for bindings and #GValue.
 *
 * Returns: (transfer full): the copy; free it with axds_progress_free()
 */
AxdsProgress *
axds_progress_copy (const AxdsProgress *self)
{
  AxdsProgress *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  return copy;
}

/**
 * axds_progress_free:
 * @self: (nullable) (transfer full): a #AxdsProgress made by axds_progress_copy()
 *
 * Frees @self.
 */
void
axds_progress_free (AxdsProgress *self)
{
  g_free (self);
}

G_DEFINE_BOXED_TYPE (AxdsProgress, axds_progress, axds_progress_copy, axds_progress_free)

/* axds-tracker-yaml-private.h — the YAML form of tracker files, for the tracker and the tests
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "axds-tracker-job-private.h"

G_BEGIN_DECLS

/* The document around the jobs, as the Python library writes it. */
#define _AXDS_TRACKER_DOC_HEAD   "---\njobs:\n"
#define _AXDS_TRACKER_DOC_TAIL   "...\n"
#define _AXDS_TRACKER_DOC_EMPTY  "---\njobs: {}\n...\n"

/* Parses a tracker document into records (in file order). */
GPtrArray       *_axds_tracker_parse            (const char          *data,
                                                 gsize                length,
                                                 const char          *display_name,
                                                 GError             **error);
/* Renders one job exactly as the Python library would (through libyaml or the fast path). */
gboolean         _axds_job_record_render        (AxdsJobRecord       *record,
                                                 GError             **error);
gboolean         _axds_job_record_render_slow   (AxdsJobRecord       *record,
                                                 GString             *out,
                                                 GError             **error);

gboolean         _axds_tracker_render_document  (GPtrArray           *records,
                                                 gboolean             slow,
                                                 GString             *out,
                                                 GError             **error);

G_END_DECLS

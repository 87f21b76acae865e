/* cli-test-utils.h — running the axds binary from tests and checking what it did
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  int   status;       /* exit status, or -1 when killed by a signal */
  char *out;
  char *err;
} Result;

void      result_free    (Result             *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Result, result_free)

const char *cli_path     (void);
Result   *run_axdsv      (const char * const *args);
Result   *run_axds_inputv (const char        *input,
                           const char * const *args);
void      check_success  (Result             *r);
void      run_ok_v       (const char * const *args);
void      assert_failure (Result             *r,
                          int                 status,
                          const char         *message_part);
JsonNode *parse_json     (const char         *text);

#define run_axds(...) run_axdsv ((const char * const[]) { __VA_ARGS__, NULL })
#define run_ok(...) run_ok_v ((const char * const[]) { __VA_ARGS__, NULL })

G_END_DECLS

/* axds-test-utils.h — temporary folders, child processes and waiting, for every test program
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* --- temporary folders ----------------------------------------------------------------------- */

/* The path of a folder made for a test; freeing it removes the whole tree first, so
 * `g_autoptr(AxdsTestDir) dir = axds_test_dir_new ("x")` cleans up on every return, and
 * `dir` is usable wherever a path is. */
typedef char AxdsTestDir;

AxdsTestDir *axds_test_dir_new       (const char *what);
AxdsTestDir *axds_test_dir_new_tmpfs (const char *what);
void         axds_test_dir_free      (AxdsTestDir *dir);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AxdsTestDir, axds_test_dir_free)

void         axds_test_remove_tree   (const char *path);

/* --- small files ----------------------------------------------------------------------------- */

void         axds_test_write_file    (const char *path,
                                      const void *data,
                                      gssize      len);
char        *axds_test_read_file     (const char *path,
                                      gsize      *len) G_GNUC_WARN_UNUSED_RESULT;
guint        axds_test_count_files   (const char *dir,
                                      const char *suffix);

/* --- names of shared-memory objects ---------------------------------------------------------- */

const char  *axds_test_name_prefix   (void);
char        *axds_test_unique_name   (const char *what);
void         axds_test_assert_none_left (const char *dir,
                                         const char *prefix,
                                         const char *what);

/* --- child processes ------------------------------------------------------------------------- */

const char  *axds_test_program       (const char *env_var);
GSubprocess *axds_test_spawnv        (GSubprocessFlags     flags,
                                      const char * const  *argv);
GSubprocess *axds_test_spawn         (GSubprocessFlags     flags,
                                      const char          *env_var,
                                      ...) G_GNUC_NULL_TERMINATED;
char        *axds_test_read_line     (GDataInputStream    *in) G_GNUC_WARN_UNUSED_RESULT;
void         axds_test_write_line    (GSubprocess         *proc,
                                      const char          *line);
int          axds_test_wait_exit     (GSubprocess         *proc);
void         axds_test_kill_and_reap (GSubprocess         *proc);
int          axds_test_communicate   (GSubprocess         *proc,
                                      const char          *input,
                                      char               **out,
                                      char               **err);
char        *axds_test_run_ok        (const char * const  *argv,
                                      const char          *input) G_GNUC_WARN_UNUSED_RESULT;

/* In a helper program: reports @error on stderr as `helper: MESSAGE` and returns 1. */
int          axds_test_helper_fail   (GError              *error);

/* --- waiting --------------------------------------------------------------------------------- */

typedef gboolean (*AxdsTestCondition) (gpointer data);

double       axds_test_timeout_scale (void);
gboolean     axds_test_poll_until    (AxdsTestCondition condition,
                                      gpointer          data,
                                      double            timeout_s);
void         axds_test_wait_until    (AxdsTestCondition condition,
                                      gpointer          data,
                                      double            timeout_s,
                                      const char       *what);
void         axds_test_iterate_for   (double            seconds);

G_END_DECLS

/* test-archives.c — the Archives page on log archives and entries written by the library
 * and by NumPy
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Each case writes log entries as the data logger does (SOURCE_TIME.npy files of a uint8
 * array: source ID, µs since the onset, payload), assembles some into archives with the
 * library, opens them in the page under the test's X server and checks what it shows: the
 * sources, the summary, the cells the message table shows, the payload dump. Broken input
 * must end in an error naming the file. The waits iterate the main context until a
 * condition holds. */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "axds-test-utils.h"
#include "axds.h"
#include "axds-application.h"
#include "format/axds-format.h"
#include "format/axds-i18n.h"
#include "format/axds-log-format.h"
#include "axds-screenshot.h"
#include "axds-window.h"
#include "pages/axds-archives-page.h"
#include "ui-test-utils.h"

/* 2026-01-01 00:00:00.250000 UTC */
#define ONSET_US    (G_GUINT64_CONSTANT (1767225600) * G_USEC_PER_SEC + 250000)
#define N_MESSAGES  200

typedef struct
{
  char             *folder;
  GtkWindow        *window;
  AxdsArchivesPage *page;
} Fixture;

static void
write_entry (const char   *folder,
             guint8        source,
             guint64       elapsed_us,
             const guint8 *payload,
             gsize         len)
{
  g_autofree guint8 *entry = g_malloc (9 + len);
  g_autofree char *name = g_strdup_printf ("%03u_%020" G_GUINT64_FORMAT ".npy", source,
                                           elapsed_us);
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GError) error = NULL;
  guint64 le = GUINT64_TO_LE (elapsed_us);

  entry[0] = source;
  memcpy (entry + 1, &le, 8);
  if (len > 0)
    memcpy (entry + 9, payload, len);
  g_assert_true (axds_npy_write_u8 (path, entry, 9 + len, &error));
  g_assert_no_error (error);
}

static void
write_onset (const char *folder,
             guint8      source)
{
  guint64 le = GUINT64_TO_LE (ONSET_US);

  write_entry (folder, source, 0, (const guint8 *)&le, 8);
}

/* Message i: at 1 s + i × 10 ms, payload “msg-NNN” and the byte i. */
static void
write_messages (const char *folder,
                guint8      source,
                guint       n)
{
  write_onset (folder, source);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = g_strdup_printf ("msg-%03u", i);
      guint8 payload[8];

      memcpy (payload, text, 7);
      payload[7] = (guint8)i;
      write_entry (folder, source, 1000000 + (guint64)i * 10000, payload, sizeof payload);
    }
}

static void
assemble (const char *folder)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (axds_log_assemble_archives (folder, 1, AXDS_LOG_ASSEMBLE_NONE, NULL, NULL,
                                             NULL, &error));
  g_assert_no_error (error);
}

static gboolean
settled_cb (gpointer data)
{
  Fixture *fixture = data;

  return !g_str_equal (axds_page_get_state (AXDS_PAGE (fixture->page)), "loading");
}

/* Opens @path and waits until the page shows the result. */
static void
open_and_wait (Fixture    *fixture,
               const char *path)
{
  axds_archives_page_open (fixture->page, path);
  g_assert_cmpstr (axds_page_get_state (AXDS_PAGE (fixture->page)), ==, "loading");
  g_assert_true (axds_test_poll_until (settled_cb, fixture, 20));
  ui_wait_painted (GTK_WIDGET (fixture->page));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->folder = axds_test_dir_new ("archives");
  fixture->page = AXDS_ARCHIVES_PAGE (axds_archives_page_new ());
  fixture->window = ui_test_show_page (GTK_WIDGET (fixture->page));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  axds_test_dir_free (fixture->folder);
}

/* The text of every label the widget shows below @widget, in order. */
static void
collect_labels (GtkWidget *widget,
                GPtrArray *texts)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_mapped (child))
        continue;
      if (GTK_IS_LABEL (child))
        g_ptr_array_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (child))));
      collect_labels (child, texts);
    }
}

static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  collect_labels (widget, texts);
  for (guint i = 0; i < texts->len; i++)
    if (g_str_equal (g_ptr_array_index (texts, i), text))
      return TRUE;
  return FALSE;
}

static AxdsLogSource *
source_at (Fixture *fixture,
           guint    position)
{
  GListModel *sources = axds_archives_page_get_sources (fixture->page);
  g_autoptr(AxdsLogSource) source = g_list_model_get_item (sources, position);

  g_assert_nonnull (source);
  /* The page's store keeps it. */
  return source;
}

/* An assembled archive: its summary, rate, message rows and a payload. */
static void
test_archive (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->folder, "5_log.npz", NULL);
  g_autofree char *dump = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkColumnView *view;
  AxdsRatePlot *plot;
  AxdsLogSource *source;

  write_messages (fixture->folder, 5, N_MESSAGES);
  assemble (fixture->folder);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  open_and_wait (fixture, path);
  g_assert_cmpstr (axds_page_get_state (AXDS_PAGE (fixture->page)), ==, "sources");
  g_assert_cmpstr (axds_archives_page_get_path (fixture->page), ==, path);
  g_assert_null (axds_archives_page_get_problems (fixture->page));
  g_assert_cmpuint (g_list_model_get_n_items (axds_archives_page_get_sources (fixture->page)),
                    ==, 1);
  source = source_at (fixture, 0);
  g_assert_true (axds_archives_page_get_selected_source (fixture->page) == source);
  g_assert_cmpuint (axds_log_source_get_id (source), ==, 5);
  g_assert_cmpint (axds_log_source_get_kind (source), ==, AXDS_LOG_SOURCE_ARCHIVE);

  g_assert_cmpstr (axds_archives_page_get_summary (fixture->page, "messages"), ==, "200");
  g_assert_cmpstr (axds_archives_page_get_summary (fixture->page, "onset"), ==,
                   "2026-01-01 00:00:00.250000");
  g_assert_cmpstr (axds_archives_page_get_summary (fixture->page, "first"), ==,
                   "00:00:01.250000");
  g_assert_cmpstr (axds_archives_page_get_summary (fixture->page, "last"), ==,
                   "00:00:03.240000");
  g_assert_cmpstr (axds_archives_page_get_summary (fixture->page, "duration"), ==, "1.990 s");
  g_assert_true (shows_text (GTK_WIDGET (fixture->page), "Source 5"));
  g_assert_true (shows_text (GTK_WIDGET (fixture->page), "200 messages · 1.990 s · archive"));

  /* One message per 10 ms bin: 100 per second throughout. */
  plot = axds_archives_page_get_rate_plot (fixture->page);
  g_assert_cmpuint (axds_rate_plot_get_n_bins (plot), ==, 200);
  g_assert_cmpfloat_with_epsilon (axds_rate_plot_get_max_rate (plot), 100.0, 1e-9);
  texture = ui_render_widget (GTK_WIDGET (plot));
  g_assert_cmpuint (ui_count_pixels (texture, 0x3584e4, 8), >, 1000);

  /* The table has a row per message, made as it shows them. */
  view = axds_archives_page_get_message_view (fixture->page);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view))),
                    ==, N_MESSAGES);
  g_assert_true (shows_text (GTK_WIDGET (view), "2026-01-01 00:00:01.250000"));
  g_assert_true (shows_text (GTK_WIDGET (view), "+1.000000 s"));
  g_assert_true (shows_text (GTK_WIDGET (view), "2026-01-01 00:00:01.280000"));
  g_assert_true (shows_text (GTK_WIDGET (view), "+1.030000 s"));
  g_assert_true (shows_text (GTK_WIDGET (view), "8 bytes"));

  dump = axds_archives_page_dup_dump (fixture->page);
  g_assert_cmpstr (dump, ==, "");
  g_clear_pointer (&dump, g_free);

  axds_archives_page_select_message (fixture->page, 3);
  dump = axds_archives_page_dup_dump (fixture->page);
  g_assert_cmpstr (dump, ==,
                   "0000  6d 73 67 2d 30 30 33 03                           |msg-003.|\n");
  g_assert_true (shows_text (GTK_WIDGET (fixture->page), "Message 3 · 8 bytes"));
  g_clear_pointer (&dump, g_free);

  /* Through the table's own selection, as a click or the keyboard selects. */
  gtk_selection_model_select_item (gtk_column_view_get_model (view), N_MESSAGES - 1, TRUE);
  dump = axds_archives_page_dup_dump (fixture->page);
  g_assert_nonnull (strstr (dump, "6d 73 67 2d 31 39 39 c7"));
  g_assert_nonnull (strstr (dump, "|msg-199.|"));
  ui_maybe_shoot (GTK_WIDGET (fixture->window), "archives-test-archive");
}

/* A folder of an assembled archive and the loose entries of another source. */
static void
test_folder (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *missing = NULL;
  g_autofree char *notes = g_build_filename (fixture->folder, "notes.txt", NULL);
  g_autofree char *dump = NULL;
  AxdsLogSource *archive, *entries;
  GtkColumnView *view;

  write_messages (fixture->folder, 1, 50);
  assemble (fixture->folder);
  write_messages (fixture->folder, 2, 5);
  /* Something else in the folder is not a log. */
  g_assert_true (g_file_set_contents (notes, "x", 1, NULL));

  open_and_wait (fixture, fixture->folder);
  g_assert_cmpstr (axds_page_get_state (AXDS_PAGE (fixture->page)), ==, "sources");
  g_assert_cmpuint (g_list_model_get_n_items (axds_archives_page_get_sources (fixture->page)),
                    ==, 2);
  archive = source_at (fixture, 0);
  entries = source_at (fixture, 1);
  g_assert_cmpuint (axds_log_source_get_id (archive), ==, 1);
  g_assert_cmpint (axds_log_source_get_kind (archive), ==, AXDS_LOG_SOURCE_ARCHIVE);
  g_assert_cmpuint (axds_log_source_get_n_messages (archive), ==, 50);
  g_assert_cmpuint (axds_log_source_get_id (entries), ==, 2);
  g_assert_cmpint (axds_log_source_get_kind (entries), ==, AXDS_LOG_SOURCE_ENTRIES);
  g_assert_cmpuint (axds_log_source_get_n_messages (entries), ==, 5);
  g_assert_true (axds_log_source_has_onset (entries));
  g_assert_cmpuint (axds_log_source_get_onset_us (entries), ==, ONSET_US);
  g_assert_true (shows_text (GTK_WIDGET (fixture->page), "5 messages · 0.040 s · entries"));

  axds_archives_page_select_source (fixture->page, 1);
  g_assert_true (axds_archives_page_get_selected_source (fixture->page) == entries);
  g_assert_cmpstr (axds_archives_page_get_summary (fixture->page, "messages"), ==, "5");
  g_assert_cmpstr (axds_archives_page_get_summary (fixture->page, "duration"), ==, "0.040 s");
  ui_wait_painted (GTK_WIDGET (fixture->page));
  view = axds_archives_page_get_message_view (fixture->page);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view))),
                    ==, 5);
  g_assert_true (shows_text (GTK_WIDGET (view), "2026-01-01 00:00:01.290000"));

  axds_archives_page_select_message (fixture->page, 4);
  dump = axds_archives_page_dup_dump (fixture->page);
  g_assert_cmpstr (dump, ==,
                   "0000  6d 73 67 2d 30 30 34 04                           |msg-004.|\n");
  g_clear_pointer (&dump, g_free);

  /* An entry removed behind the page's back: its payload cannot be read, and says why. */
  missing = g_build_filename (fixture->folder, "002_00000000000001020000.npy", NULL);
  g_assert_cmpint (g_unlink (missing), ==, 0);
  axds_archives_page_select_message (fixture->page, 2);
  dump = axds_archives_page_dup_dump (fixture->page);
  g_assert_nonnull (strstr (dump, "002_00000000000001020000.npy"));
  g_clear_pointer (&dump, g_free);

  /* One overwritten with something that is not a .npy array. */
  g_clear_pointer (&missing, g_free);
  missing = g_build_filename (fixture->folder, "002_00000000000001030000.npy", NULL);
  g_assert_true (g_file_set_contents (missing, "\x93NUMPY\x01\x00\xff\xff{'descr'", -1, NULL));
  axds_archives_page_select_message (fixture->page, 3);
  dump = axds_archives_page_dup_dump (fixture->page);
  g_assert_nonnull (strstr (dump, missing));
}

/* Written by numpy.savez_compressed, as the Python library's users may have. */
static void
test_numpy (Fixture       *fixture,
            gconstpointer  data)
{
  const char *python = g_getenv ("AXDS_PYTHON");
  g_autofree char *path = g_build_filename (fixture->folder, "7_log.npz", NULL);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dump = NULL;
  int status = 1;

  if (python != NULL)
    {
      const char *argv[] = { python, "-c", "import numpy", NULL };
      g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL,
                    NULL, &status, NULL);
    }
  if (status != 0)
    {
      g_test_skip ("python3-numpy is not available");
      return;
    }

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, python, "-c",
    "import sys, numpy as np\n"
    "def entry(t, payload):\n"
    "    return np.concatenate([np.array([7], np.uint8),\n"
    "        np.frombuffer(np.uint64(t).tobytes(), np.uint8),\n"
    "        np.asarray(payload, np.uint8)])\n"
    "onset = np.frombuffer(np.uint64(1600000000000000).tobytes(), np.uint8)\n"
    "d = {'007_%020d' % 0: entry(0, onset)}\n"
    "for i in range(1, 3001):\n"
    "    d['007_%020d' % (i * 1000)] = entry(i * 1000, np.arange(i % 40, dtype=np.uint8))\n"
    "np.savez_compressed(sys.argv[1], **d)\n", path, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (process, NULL, &error));
  g_assert_no_error (error);

  open_and_wait (fixture, path);
  g_assert_cmpstr (axds_page_get_state (AXDS_PAGE (fixture->page)), ==, "sources");
  g_assert_cmpstr (axds_archives_page_get_summary (fixture->page, "messages"), ==, "3,000");
  /* 1600000000 s is 2020-09-13 12:26:40 UTC. */
  g_assert_cmpstr (axds_archives_page_get_summary (fixture->page, "onset"), ==,
                   "2020-09-13 12:26:40.000000");
  g_assert_cmpstr (axds_archives_page_get_summary (fixture->page, "duration"), ==, "2.999 s");
  g_assert_cmpuint (axds_log_source_get_id (axds_archives_page_get_selected_source (fixture->page)),
                    ==, 7);

  /* Message 41 (time 42 ms) holds the bytes 0 to 1. */
  axds_archives_page_select_message (fixture->page, 41);
  dump = axds_archives_page_dup_dump (fixture->page);
  g_assert_cmpstr (dump, ==,
                   "0000  00 01                                             |..|\n");
}

/* Broken files end in an error that names them, and the page stays usable. */
static void
test_corrupt (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *garbage = g_build_filename (fixture->folder, "9_log.npz", NULL);
  g_autofree char *good_dir = g_build_filename (fixture->folder, "good", NULL);
  g_autofree char *good = g_build_filename (good_dir, "4_log.npz", NULL);
  g_autofree char *truncated = g_build_filename (good_dir, "3_log.npz", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *empty_dir = g_build_filename (fixture->folder, "empty", NULL);
  gsize len;
  const char *error;
  guint8 noise[4096];

  for (guint i = 0; i < sizeof noise; i++)
    noise[i] = (guint8)(i * 131 + 7);
  memcpy (noise, "PK\3\4", 4);
  g_assert_true (g_file_set_contents (garbage, (const char *)noise, sizeof noise, NULL));

  open_and_wait (fixture, garbage);
  g_assert_cmpstr (axds_page_get_state (AXDS_PAGE (fixture->page)), ==, "error");
  error = axds_archives_page_get_error (fixture->page);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error, garbage));
  ui_maybe_shoot (GTK_WIDGET (fixture->window), "archives-test-corrupt");

  /* A missing file */
  {
    g_autofree char *nothing = g_build_filename (fixture->folder, "none_log.npz", NULL);

    open_and_wait (fixture, nothing);
    g_assert_cmpstr (axds_page_get_state (AXDS_PAGE (fixture->page)), ==, "error");
    g_assert_nonnull (strstr (axds_archives_page_get_error (fixture->page), nothing));
  }

  /* A folder with nothing of a log */
  g_assert_cmpint (g_mkdir (empty_dir, 0755), ==, 0);
  open_and_wait (fixture, empty_dir);
  g_assert_cmpstr (axds_page_get_state (AXDS_PAGE (fixture->page)), ==, "error");
  g_assert_nonnull (strstr (axds_archives_page_get_error (fixture->page), empty_dir));

  /* A good archive beside one cut in half: the good one shows, the other is a problem. */
  g_assert_cmpint (g_mkdir (good_dir, 0755), ==, 0);
  write_messages (good_dir, 4, 20);
  write_messages (good_dir, 3, 20);
  assemble (good_dir);
  g_assert_true (g_file_test (good, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_get_contents (truncated, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (truncated, contents, (gssize)len / 2, NULL));
  open_and_wait (fixture, good_dir);
  g_assert_cmpstr (axds_page_get_state (AXDS_PAGE (fixture->page)), ==, "sources");
  g_assert_null (axds_archives_page_get_error (fixture->page));
  g_assert_cmpuint (g_list_model_get_n_items (axds_archives_page_get_sources (fixture->page)),
                    ==, 1);
  g_assert_cmpuint (axds_log_source_get_id (source_at (fixture, 0)), ==, 4);
  g_assert_nonnull (axds_archives_page_get_problems (fixture->page));
  g_assert_nonnull (strstr (axds_archives_page_get_problems (fixture->page), truncated));
  {
    /* Shown with the home folder as ~, when the build tree is in it. */
    g_autofree char *shown = axds_format_path (axds_archives_page_get_problems (fixture->page));
    g_assert_true (shows_text (GTK_WIDGET (fixture->page), shown));
  }
}

static void
record_progress_cb (guint64  done,
                    guint64  total,
                    gpointer data)
{
  guint64 report[2] = { done, total };

  g_array_append_vals (data, report, 1);
}

typedef struct
{
  Fixture *fixture;
  double   fraction;   /* the highest the bar showed while loading */
  guint    updates;    /* how often its text changed */
  char    *text;
} ProgressSeen;

static gboolean
progress_settled_cb (gpointer data)
{
  ProgressSeen *seen = data;
  const char *text = NULL;
  double fraction = axds_archives_page_get_progress (seen->fixture->page, &text);

  if (!g_str_equal (axds_page_get_state (AXDS_PAGE (seen->fixture->page)), "loading"))
    return TRUE;
  if (g_strcmp0 (text, seen->text) != 0)
    {
      seen->updates++;
      g_test_message ("progress: %s", text);
      g_free (seen->text);
      seen->text = g_strdup (text);
    }
  seen->fraction = MAX (seen->fraction, fraction);
  return FALSE;
}

/* Many entries: progress while they are indexed, Cancel goes back to what was shown. */
static void
test_progress_cancel (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *small = g_build_filename (fixture->folder, "small", NULL);
  g_autofree char *big = g_build_filename (fixture->folder, "big", NULL);
  g_autoptr(GTimer) timer = NULL;
  ProgressSeen seen = { fixture, 0.0, 0, NULL };

  g_assert_cmpint (g_mkdir (small, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (big, 0755), ==, 0);
  write_messages (small, 1, 3);
  /* 20,000 entries of one source, assembled, plus 5,000 left loose for another */
  write_messages (big, 1, 20000);
  assemble (big);
  write_messages (big, 2, 5000);

  /* What the worker reports, the same on any machine: the files listed so far (total 0),
   * then the messages indexed, up to all of them. */
  {
    g_autoptr(GArray) reports = g_array_new (FALSE, FALSE, sizeof (guint64) * 2);
    g_autoptr(GPtrArray) problems = NULL;
    g_autoptr(GPtrArray) sources = NULL;
    g_autoptr(GError) error = NULL;
    guint listing = 0;
    guint64 last = 0;

    sources = axds_log_source_load (big, &problems, record_progress_cb, reports, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (sources->len, ==, 2);
    g_assert_cmpuint (problems->len, ==, 0);
    for (guint i = 0; i < reports->len; i++)
      {
        guint64 *report = &g_array_index (reports, guint64, i * 2);

        if (report[1] == 0)
          {
            /* listing comes first */
            g_assert_cmpuint (last, ==, 0);
            listing++;
            continue;
          }
        g_assert_cmpuint (report[1], ==, 25000);
        g_assert_cmpuint (report[0], >=, last);
        last = report[0];
      }
    /* one report per 4,096 files: the archive and 5,001 entry files */
    g_assert_cmpuint (listing, ==, 1);
    g_assert_cmpuint (last, ==, 25000);
    /* an archive's messages are reported every 4,096 */
    g_assert_cmpuint (reports->len, >=, listing + 5);
  }

  open_and_wait (fixture, small);
  g_assert_cmpstr (axds_page_get_state (AXDS_PAGE (fixture->page)), ==, "sources");

  /* Cancelled before the worker could report: the small folder's sources show again, and
   * the big one's late result does not replace them. */
  axds_archives_page_open (fixture->page, big);
  g_assert_cmpstr (axds_page_get_state (AXDS_PAGE (fixture->page)), ==, "loading");
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "archives.cancel", NULL);
  g_assert_cmpstr (axds_page_get_state (AXDS_PAGE (fixture->page)), ==, "sources");
  axds_test_iterate_for (1.0);
  g_assert_cmpstr (axds_page_get_state (AXDS_PAGE (fixture->page)), ==, "sources");
  g_assert_cmpstr (axds_archives_page_get_path (fixture->page), ==, small);
  g_assert_cmpuint (axds_log_source_get_n_messages (source_at (fixture, 0)), ==, 3);

  /* Once more to the end, which the main loop keeps serving meanwhile. */
  timer = g_timer_new ();
  axds_archives_page_open (fixture->page, big);
  g_assert_true (axds_test_poll_until (progress_settled_cb, &seen, 60));
  g_test_message ("indexed 25,000 messages (20,000 archived, 5,000 entries) in %.3f s; the "
                  "progress bar changed %u times, up to %.2f", g_timer_elapsed (timer, NULL),
                  seen.updates, seen.fraction);
  g_free (seen.text);
  g_assert_cmpstr (axds_page_get_state (AXDS_PAGE (fixture->page)), ==, "sources");
  g_assert_cmpstr (axds_archives_page_get_path (fixture->page), ==, big);
  g_assert_cmpuint (axds_log_source_get_n_messages (source_at (fixture, 0)), ==, 20000);
  g_assert_cmpuint (axds_log_source_get_n_messages (source_at (fixture, 1)), ==, 5000);
}

static gboolean
folded_cb (gpointer data)
{
  Fixture *fixture = data;
  GtkColumnView *view = axds_archives_page_get_message_view (fixture->page);

  return gtk_widget_get_mapped (GTK_WIDGET (view)) &&
         gtk_widget_get_width (GTK_WIDGET (fixture->page)) <= 400;
}

/* 360 px wide: the list, then the messages with a way back; the dump keeps 8 bytes a line. */
static void
test_narrow (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *dump = NULL;

  write_messages (fixture->folder, 6, 30);
  assemble (fixture->folder);
  open_and_wait (fixture, fixture->folder);

  gtk_window_set_default_size (fixture->window, 360, 720);
  ui_wait_painted (GTK_WIDGET (fixture->page));
  axds_page_show_content (AXDS_PAGE (fixture->page));
  g_assert_true (axds_test_poll_until (folded_cb, fixture, 10));
  ui_wait_painted (GTK_WIDGET (fixture->page));
  axds_archives_page_select_message (fixture->page, 20);
  dump = axds_archives_page_dup_dump (fixture->page);
  g_assert_cmpstr (dump, ==, "0000  6d 73 67 2d 30 32 30 14  |msg-020.|\n");
  ui_maybe_shoot (GTK_WIDGET (fixture->window), "archives-test-narrow");

  g_assert_true (axds_page_navigate_back (AXDS_PAGE (fixture->page)));
  g_assert_false (axds_page_navigate_back (AXDS_PAGE (fixture->page)));
}

static void
drive_window (AxdsWindow *window,
              gpointer    data)
{
  char **first_page = data;

  *first_page = g_strdup (axds_window_get_page (window));
  g_assert_nonnull (axds_window_get_archives_page (window));
  g_assert_true (axds_window_set_page (window, "live"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "archives");
  g_assert_cmpstr (axds_window_get_page (window), ==, "archives");
}

/* `axds-monitor --page=archives` opens on the page; win.show-page reaches it too. */
static void
test_window (void)
{
  g_autoptr(AxdsApplication) app = axds_application_new (G_APPLICATION_NON_UNIQUE);
  g_autofree char *first_page = NULL;

  ui_test_run_app (app, "--page=archives", drive_window, &first_page);
  g_assert_cmpstr (first_page, ==, "archives");
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv, NULL);

  g_test_add ("/axds/archives/archive", Fixture, NULL,
              fixture_set_up, test_archive, fixture_tear_down);
  g_test_add ("/axds/archives/folder", Fixture, NULL,
              fixture_set_up, test_folder, fixture_tear_down);
  g_test_add ("/axds/archives/numpy", Fixture, NULL,
              fixture_set_up, test_numpy, fixture_tear_down);
  g_test_add ("/axds/archives/corrupt", Fixture, NULL,
              fixture_set_up, test_corrupt, fixture_tear_down);
  g_test_add ("/axds/archives/progress-cancel", Fixture, NULL,
              fixture_set_up, test_progress_cancel, fixture_tear_down);
  g_test_add ("/axds/archives/narrow", Fixture, NULL,
              fixture_set_up, test_narrow, fixture_tear_down);
  g_test_add_func ("/axds/archives/window", test_window);

  return g_test_run ();
}

/* test-loggers.c — the Loggers page on real data loggers, watched folders and the demo
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Each case starts real loggers (AxdsDataLogger: a separate axds-logger process and its queue
 * in shared memory) in a temporary folder, shows the page in a window under the test's X
 * server, and checks what the page shows against what was done: totals after submitting,
 * depth while the logger process is stopped (SIGSTOP) and cannot drain, its death after
 * SIGKILL, the disk alarm with a reserve larger than the disk, the file count and rate of a
 * watched folder as files appear (also files written by numpy), and the demo's logger fed by
 * the demo's producer processes. Waits iterate the main context until a condition holds. */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "axds-application.h"
#include "axds-test-utils.h"
#include "format/axds-format.h"
#include "format/axds-i18n.h"
#include "format/axds-logger-format.h"
#include "axds-screenshot.h"
#include "axds-window.h"
#include "demo/axds-demo.h"
#include "pages/axds-loggers-page.h"
#include "ui-test-utils.h"

#define PAYLOAD_SIZE 1000

typedef struct
{
  char            *folder;
  char            *name;
  AxdsDataLogger  *logger;
  GtkWindow       *window;
  AxdsLoggersPage *page;
} Fixture;

static guint counter;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GError *error = NULL;

  fixture->folder = axds_test_dir_new ("loggers");
  /* Names of our own: other tests may run loggers on this machine meanwhile. */
  fixture->name = g_strdup_printf ("axds-ui-loggers-%d-%u", (int)getpid (), counter++);
  fixture->logger = axds_data_logger_new (fixture->folder, fixture->name, 2, 5, &error);
  g_assert_no_error (error);

  fixture->page = AXDS_LOGGERS_PAGE (axds_loggers_page_new ());
  fixture->window = ui_test_show_page (GTK_WIDGET (fixture->page));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GPid pid = axds_data_logger_get_pid (fixture->logger);

  /* A stopped process cannot drain: let it go on before stopping it. */
  if (pid > 0)
    kill (pid, SIGCONT);
  axds_data_logger_stop (fixture->logger, NULL);
  axds_data_logger_unref (fixture->logger);
  gtk_window_destroy (fixture->window);
  axds_test_dir_free (fixture->folder);
  g_free (fixture->name);
}

static gboolean
listed_cb (gpointer data)
{
  Fixture *fixture = data;

  return axds_logger_list_find (axds_loggers_page_get_loggers (fixture->page), fixture->name,
                                NULL) != NULL;
}

typedef struct
{
  Fixture    *fixture;
  const char *key;
  const char *text;
} ValueData;

static gboolean
value_is_cb (gpointer data)
{
  ValueData *d = data;

  return g_strcmp0 (axds_loggers_page_get_value (d->fixture->page, d->key), d->text) == 0;
}

static void
assert_value_becomes (Fixture    *fixture,
                      const char *key,
                      const char *text)
{
  ValueData d = { fixture, key, text };

  if (!axds_test_poll_until (value_is_cb, &d, 10))
    g_error ("%s shows “%s”, not “%s”", key, axds_loggers_page_get_value (fixture->page, key),
             text);
}

static void
start_and_select (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (axds_data_logger_start (fixture->logger, &error));
  g_assert_no_error (error);
  if (!axds_test_poll_until (listed_cb, fixture, 5))
    g_error ("the logger %s is not listed within 5 s", fixture->name);
  g_assert_cmpstr (axds_page_get_state (AXDS_PAGE (fixture->page)), ==, "loggers");
  g_assert_true (axds_loggers_page_select_logger (fixture->page, fixture->name));
  g_assert_cmpstr (axds_loggers_page_get_value (fixture->page, "title"), ==, fixture->name);
}

static void
submit (AxdsLogQueue *queue,
        guint         n,
        guint64      *time)
{
  guint8 payload[PAYLOAD_SIZE];

  memset (payload, 0x5a, sizeof payload);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (axds_log_queue_submit (queue, 7, ++(*time), payload, sizeof payload, &error));
      g_assert_no_error (error);
    }
}

typedef struct
{
  AxdsLogQueue *queue;
  guint64       time;
} Feeder;

static gboolean
feed_cb (gpointer data)
{
  Feeder *feeder = data;

  submit (feeder->queue, 20, &feeder->time);
  return G_SOURCE_CONTINUE;
}

static gboolean
rate_shown_cb (gpointer data)
{
  Fixture *fixture = data;
  AxdsLoggerItem *item = axds_logger_list_find (axds_loggers_page_get_loggers (fixture->page),
                                                fixture->name, NULL);

  return item != NULL && axds_logger_item_get_message_rate (item) > 0 &&
         !g_str_equal (axds_loggers_page_get_value (fixture->page, "message-rate"), "idle") &&
         !g_str_equal (axds_loggers_page_get_value (fixture->page, "byte-rate"), "idle");
}

static gboolean
row_dead_cb (gpointer data)
{
  Fixture *fixture = data;
  g_autofree char *status = axds_loggers_page_dup_row_status (fixture->page, fixture->name);

  return status != NULL && g_str_has_prefix (status, "Dead:") &&
         axds_loggers_page_get_dead_shown (fixture->page);
}

static gboolean
depth_shown_cb (gpointer data)
{
  Fixture *fixture = data;

  return axds_loggers_page_get_depth_fraction (fixture->page) > 0.0;
}

/* Totals, depth against capacity, rates, the process alive and then dead. */
static void
test_live (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AxdsLogQueue) queue = NULL;
  g_autofree char *status = NULL;
  g_autofree char *expected = NULL;
  Feeder feeder = { NULL, 0 };
  AxdsLoggerItem *item;
  guint feed_id;
  GPid pid;

  axds_data_logger_set_queue_capacity (fixture->logger, 1024 * 1024);
  start_and_select (fixture);
  pid = axds_data_logger_get_pid (fixture->logger);
  queue = axds_log_queue_open (fixture->name, &error);
  g_assert_no_error (error);

  /* Everything written: the totals show it. */
  submit (queue, 100, &feeder.time);
  assert_value_becomes (fixture, "submitted", "100");
  assert_value_becomes (fixture, "written", "100");
  assert_value_becomes (fixture, "failed", "0");
  assert_value_becomes (fixture, "state", "Running");
  expected = g_strdup_printf ("pid %d · running", (int)pid);
  assert_value_becomes (fixture, "logger-process", expected);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("pid %d · running", (int)getpid ());
  assert_value_becomes (fixture, "owner-process", expected);
  g_clear_pointer (&expected, g_free);
  assert_value_becomes (fixture, "threads", "2");
  status = axds_loggers_page_dup_row_status (fixture->page, fixture->name);
  g_assert_true (g_str_has_prefix (status, "Running:"));
  g_clear_pointer (&status, g_free);

  /* While messages keep coming, the rates are live and plotted. */
  feeder.queue = queue;
  feed_id = g_timeout_add (20, feed_cb, &feeder);
  if (!axds_test_poll_until (rate_shown_cb, fixture, 10))
    g_error ("no message rate shown while submitting (shows “%s”)",
             axds_loggers_page_get_value (fixture->page, "message-rate"));
  g_source_remove (feed_id);
  item = AXDS_LOGGER_ITEM (axds_loggers_page_get_selected (fixture->page));
  g_assert_cmpuint (axds_history_get_n_samples (axds_logger_item_get_message_history (item)), >, 0);

  /* Everything drained first, so that what waits below is exactly what comes next. */
  {
    g_autofree char *all = axds_format_count (feeder.time);

    assert_value_becomes (fixture, "written", all);
    assert_value_becomes (fixture, "submitted", all);
  }

  /* A logger that cannot drain (stopped): the depth and the waiting messages show. */
  g_assert_cmpint (kill (pid, SIGSTOP), ==, 0);
  submit (queue, 50, &feeder.time);
  if (!axds_test_poll_until (depth_shown_cb, fixture, 10))
    g_error ("the queue depth shows no messages while the logger is stopped");
  g_assert_true (g_str_has_prefix (axds_loggers_page_get_value (fixture->page, "pending"),
                                   "50 (at most"));
  /* g_format_size() puts a no-break space between number and unit. */
  g_assert_nonnull (strstr (axds_loggers_page_get_value (fixture->page, "depth"),
                            " of 1.0\u00a0MiB ("));
  g_assert_cmpfloat (axds_loggers_page_get_depth_fraction (fixture->page), >, 0.04);
  g_assert_cmpfloat (axds_loggers_page_get_depth_fraction (fixture->page), <, 0.1);
  {
    g_autofree char *written = axds_format_count (feeder.time - 50);
    g_autofree char *submitted = axds_format_count (feeder.time);

    assert_value_becomes (fixture, "written", written);
    assert_value_becomes (fixture, "submitted", submitted);
  }

  /* Killed: the page shows the logger dead, and its leftover queue. */
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  if (!axds_test_poll_until (row_dead_cb, fixture, 10))
    g_error ("a killed logger is not shown dead");
  assert_value_becomes (fixture, "state", "Dead");
  expected = g_strdup_printf ("pid %d · dead", (int)pid);
  assert_value_becomes (fixture, "logger-process", expected);
  ui_maybe_shoot (GTK_WIDGET (fixture->window), "loggers-dead");
}

static gboolean
alarm_shown_cb (gpointer data)
{
  Fixture *fixture = data;
  g_autofree char *status = axds_loggers_page_dup_row_status (fixture->page, fixture->name);

  return axds_loggers_page_get_alarm_shown (fixture->page) &&
         status != NULL && g_str_has_prefix (status, "Disk Low:");
}

/* A reserve larger than the disk: the logger raises the alarm and the page shows it. */
static void
test_disk_alarm (Fixture       *fixture,
                 gconstpointer  data)
{
  const AxdsLogQueueStats *stats;
  AxdsLoggerItem *item;
  g_autofree char *free_text = NULL;

  axds_data_logger_set_disk_reserve (fixture->logger, G_MAXUINT64 / 2);
  start_and_select (fixture);
  if (!axds_test_poll_until (alarm_shown_cb, fixture, 10))
    g_error ("no disk alarm shown with a reserve larger than the disk");

  item = AXDS_LOGGER_ITEM (axds_loggers_page_get_selected (fixture->page));
  stats = axds_logger_item_get_stats (item);
  g_assert_true (stats->disk_alarm);
  g_assert_cmpuint (stats->free_disk_bytes, >, 0);
  free_text = axds_format_disk_space (stats->free_disk_bytes, stats->disk_reserve_bytes);
  g_assert_cmpstr (axds_loggers_page_get_value (fixture->page, "free-disk"), ==, free_text);
  ui_maybe_shoot (GTK_WIDGET (fixture->window), "loggers-alarm");
}

/* A normal reserve: no alarm. */
static void
test_no_alarm (Fixture       *fixture,
               gconstpointer  data)
{
  AxdsLoggerItem *item;

  axds_data_logger_set_disk_reserve (fixture->logger, 1);
  start_and_select (fixture);
  item = AXDS_LOGGER_ITEM (axds_loggers_page_get_selected (fixture->page));
  assert_value_becomes (fixture, "state", "Running");
  g_assert_false (axds_logger_item_get_stats (item)->disk_alarm);
  g_assert_false (axds_loggers_page_get_alarm_shown (fixture->page));
}

static void
write_entries (const char *folder,
               guint       source,
               guint       first,
               guint       n)
{
  for (guint i = first; i < first + n; i++)
    {
      g_autofree char *name = g_strdup_printf ("%03u_%020u.npy", source, i);
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autoptr(GError) error = NULL;

      g_assert_true (g_file_set_contents (path, "x", 1, &error));
      g_assert_no_error (error);
    }
}

typedef struct
{
  AxdsWatchedFolder *folder;
  guint64            files;
} CountData;

static gboolean
count_is_cb (gpointer data)
{
  CountData *d = data;

  return axds_watched_folder_get_scanned (d->folder) &&
         axds_watched_folder_get_file_count (d->folder) == d->files;
}

typedef struct
{
  char  *folder;
  guint  next;
} Writer;

static gboolean
write_cb (gpointer data)
{
  Writer *writer = data;

  write_entries (writer->folder, 2, writer->next, 5);
  writer->next += 5;
  return G_SOURCE_CONTINUE;
}

static gboolean
folder_rate_cb (gpointer data)
{
  Fixture *fixture = data;
  GObject *selected = axds_loggers_page_get_selected (fixture->page);

  return AXDS_IS_WATCHED_FOLDER (selected) &&
         axds_watched_folder_get_rate (AXDS_WATCHED_FOLDER (selected)) > 0 &&
         !g_str_equal (axds_loggers_page_get_value (fixture->page, "folder-rate"),
                       "no new files");
}

/* A watched folder: its count and the rate of new files follow files being added. */
static void
test_watch_folder (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *log = g_build_filename (fixture->folder, "session_data_log", NULL);
  g_autofree char *text = NULL;
  g_autofree char *notes = g_build_filename (log, "notes.npy", NULL);
  g_autofree char *archive = g_build_filename (fixture->folder, "1_log.npz", NULL);
  const char *python = g_getenv ("AXDS_PYTHON");
  Writer writer = { log, 100 };
  CountData count;
  AxdsWatchedFolder *folder;
  guint id;

  g_assert_cmpint (g_mkdir (log, 0755), ==, 0);
  write_entries (log, 1, 0, 5);
  /* Not entries: the count leaves them out. */
  g_assert_true (g_file_set_contents (notes, "x", 1, NULL));
  g_assert_true (g_file_set_contents (archive, "x", 1, NULL));

  /* The folder given to the logger: its NAME_data_log is counted. */
  folder = axds_loggers_page_watch_folder (fixture->page, fixture->folder);
  g_assert_true (axds_loggers_page_get_selected (fixture->page) == G_OBJECT (folder));
  g_assert_cmpstr (axds_page_get_state (AXDS_PAGE (fixture->page)), ==, "loggers");
  count = (CountData) { folder, 5 };
  g_assert_true (axds_test_poll_until (count_is_cb, &count, 10));
  assert_value_becomes (fixture, "folder-files", "5");
  assert_value_becomes (fixture, "folder-archives", "1");
  assert_value_becomes (fixture, "folder-sources", "1");

  /* Watching it again finds the same entry. */
  g_assert_true (axds_loggers_page_watch_folder (fixture->page, fixture->folder) == folder);
  g_assert_cmpuint (g_list_model_get_n_items (axds_loggers_page_get_folders (fixture->page)), ==,
                    1);

  /* Files keep appearing: a rate shows. */
  id = g_timeout_add (50, write_cb, &writer);
  if (!axds_test_poll_until (folder_rate_cb, fixture, 10))
    g_error ("no rate of new files shown (shows “%s”)",
             axds_loggers_page_get_value (fixture->page, "folder-rate"));
  g_source_remove (id);
  count.files = 5 + (writer.next - 100);
  g_assert_true (axds_test_poll_until (count_is_cb, &count, 10));
  text = g_strdup_printf ("%u", 5 + (writer.next - 100));
  assert_value_becomes (fixture, "folder-files", text);
  assert_value_becomes (fixture, "folder-sources", "2");
  ui_maybe_shoot (GTK_WIDGET (fixture->window), "loggers-folder");

  /* Files written by numpy as the Python library names them. */
  if (python != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *script = g_strdup_printf (
        "import numpy as np\n"
        "for t in (10, 20, 30):\n"
        "    np.save('%s/%%03d_%%020d.npy' %% (9, t), np.frombuffer(b'abc', dtype=np.uint8))\n",
        log);
      const char *argv[] = { python, "-c", script, NULL };
      int status = 0;

      g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL,
                                   NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_cmpint (status, ==, 0);
      count.files += 3;
      g_assert_true (axds_test_poll_until (count_is_cb, &count, 10));
      assert_value_becomes (fixture, "folder-sources", "3");
    }

  /* Removed: no longer listed or counted. */
  axds_loggers_page_remove_folder (fixture->page, folder);
  g_assert_cmpuint (g_list_model_get_n_items (axds_loggers_page_get_folders (fixture->page)), ==,
                    0);
  g_assert_false (AXDS_IS_WATCHED_FOLDER (axds_loggers_page_get_selected (fixture->page)));
  g_assert_nonnull (axds_page_get_last_toast (AXDS_PAGE (fixture->page)));
}

/* A folder that cannot be listed says so. */
static void
test_watch_missing (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (fixture->folder, "missing", NULL);
  AxdsWatchedFolder *folder = axds_loggers_page_watch_folder (fixture->page, missing);
  CountData count = { folder, 0 };

  g_assert_true (axds_test_poll_until (count_is_cb, &count, 10));
  g_assert_nonnull (axds_watched_folder_get_error (folder));
  g_assert_nonnull (strstr (axds_watched_folder_get_error (folder), missing));
}

static gboolean
demo_logged_cb (gpointer data)
{
  Fixture *fixture = data;
  AxdsLoggerItem *item = axds_logger_list_find (axds_loggers_page_get_loggers (fixture->page),
                                                fixture->name, NULL);

  /* Five sources' onsets and some more. */
  return item != NULL && axds_logger_item_get_stats (item)->written > 40 &&
         axds_logger_item_get_message_rate (item) > 0;
}

/* The demo's producers feed its logger; stopping the demo leaves every message on disk. */
static void
test_demo (void)
{
  g_autofree char *prefix = g_strdup_printf ("axds-ui-loggers-demo-%d", (int)getpid ());
  g_autoptr(AxdsDemo) demo = axds_demo_new (prefix);
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  Fixture fixture = { NULL, prefix, NULL, NULL, NULL };
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  guint64 written;

  fixture.page = AXDS_LOGGERS_PAGE (axds_loggers_page_new ());
  gtk_window_set_child (window, GTK_WIDGET (fixture.page));
  gtk_window_present (window);

  g_assert_true (axds_demo_start (demo, &error));
  g_assert_no_error (error);
  g_assert_nonnull (axds_demo_get_logger (demo));
  if (!axds_test_poll_until (demo_logged_cb, &fixture, 30))
    g_error ("the demo's logger is not shown writing");
  g_assert_true (axds_loggers_page_select_logger (fixture.page, prefix));
  {
    /* Shown with the home folder as ~, when the build tree is in it. */
    g_autofree char *shown = axds_format_path (axds_demo_get_log_folder (demo));
    g_assert_cmpstr (axds_loggers_page_get_value (fixture.page, "output"), ==, shown);
  }

  folder = g_strdup (axds_demo_get_log_folder (demo));
  axds_demo_stop (demo);
  g_assert_null (axds_demo_get_logger (demo));
  /* Its queue is gone with it; the folder stays. */
  g_assert_false (axds_log_queue_read_stats (prefix, &(AxdsLogQueueStats){ 0 }, NULL));
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));

  /* Each source logged its onset first: acquisition time 0. */
  for (guint source = 1; source <= 5; source++)
    {
      g_autofree char *name = axds_log_entry_file_name (source, 0);
      g_autofree char *path = g_build_filename (folder, name, NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        g_error ("the demo's source %u logged no onset (%s)", source, path);
    }
  {
    guint64 files = 0, archives = 0;
    guint sources = 0;

    g_assert_true (axds_watched_folder_count (folder, &files, &archives, &sources, NULL, &error));
    g_assert_no_error (error);
    written = files;
    g_assert_cmpuint (written, >, 40);
    g_assert_cmpuint (sources, >=, 4);
  }

  gtk_window_destroy (window);
  {
    g_autofree char *run = g_path_get_dirname (folder);
    axds_test_remove_tree (run);
  }
}

/* The page in the main window: --page=loggers and Alt+3 (win.show-page) show it. */
static void
drive_window (AxdsWindow *window,
              gpointer    data)
{
  g_assert_nonnull (axds_window_get_loggers_page (window));
  g_assert_cmpstr (axds_window_get_page (window), ==, "loggers");
  g_assert_true (axds_window_set_page (window, "live"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s",
                                             "loggers"));
  g_assert_cmpstr (axds_window_get_page (window), ==, "loggers");
}

static void
test_window_page (void)
{
  g_autoptr(AxdsApplication) app = axds_application_new (G_APPLICATION_NON_UNIQUE);

  /* Asserts that the window was seen and driven. */
  ui_test_run_app (app, "--page=loggers", drive_window, NULL);
}

static void
push_reading (AxdsLoggerItem *item,
              double          seconds,
              guint64         written)
{
  AxdsLogQueueStats stats = { 0 };

  stats.name = (char *)"rates";
  stats.written = written;
  stats.bytes_written = written * 1000;
  stats.logger_alive = TRUE;
  axds_logger_item_update (item, &stats, (gint64)(seconds * G_USEC_PER_SEC));
}

/* Rates over about the last second of readings, whatever their spacing. */
static void
test_item_rates (void)
{
  g_autoptr(AxdsLoggerItem) item = axds_logger_item_new ("rates");
  AxdsHistory *history = axds_logger_item_get_message_history (item);

  push_reading (item, 0.0, 0);
  g_assert_cmpfloat (axds_logger_item_get_message_rate (item), ==, 0.0);
  g_assert_cmpuint (axds_history_get_n_samples (history), ==, 0);

  /* Too close to the last reading: totals only. */
  push_reading (item, 0.1, 10);
  g_assert_cmpuint (axds_logger_item_get_stats (item)->written, ==, 10);
  g_assert_cmpuint (axds_history_get_n_samples (history), ==, 0);

  push_reading (item, 0.25, 25);
  g_assert_cmpfloat_with_epsilon (axds_logger_item_get_message_rate (item), 100.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (axds_logger_item_get_byte_rate (item), 100000.0, 1e-6);
  g_assert_cmpuint (axds_history_get_n_samples (history), ==, 1);

  push_reading (item, 0.5, 50);
  push_reading (item, 0.75, 75);
  push_reading (item, 1.0, 100);
  /* 300/s over the last quarter second, 100/s before: the last second averages them. */
  push_reading (item, 1.25, 175);
  g_assert_cmpfloat_with_epsilon (axds_logger_item_get_message_rate (item), 150.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (axds_history_get_value (axds_logger_item_get_byte_history (item),
                                                          4, 0), 0.15, 1e-9);
  g_assert_cmpuint (axds_history_get_n_samples (history), ==, 5);

  /* Idle for a second: the rate falls to zero. */
  push_reading (item, 2.25, 175);
  g_assert_cmpfloat (axds_logger_item_get_message_rate (item), ==, 0.0);

  /* Started anew under the same name: no negative rate. */
  push_reading (item, 2.5, 5);
  g_assert_cmpfloat (axds_logger_item_get_message_rate (item), ==, 0.0);
  push_reading (item, 2.75, 30);
  g_assert_cmpfloat_with_epsilon (axds_logger_item_get_message_rate (item), 100.0, 1e-9);
}

static void
test_format (void)
{
  g_autofree char *a = axds_format_message_rate (0);
  g_autofree char *b = axds_format_message_rate (2.54);
  g_autofree char *c = axds_format_message_rate (12345.4);
  g_autofree char *d = axds_format_byte_rate (1.5e6);
  g_autofree char *e = axds_format_queue_depth (512 * 1024, 1024 * 1024);
  g_autofree char *f = axds_format_file_rate (0);
  g_autofree char *g = axds_format_file_rate (40);
  g_autofree char *h = axds_format_heartbeat (1000000, 1250000);
  g_autofree char *i = axds_format_heartbeat (0, 1250000);
  g_autofree char *j = axds_format_process (42, FALSE);
  g_autofree char *k = axds_format_logger_state (AXDS_LOGGER_STATE_RUNNING, FALSE);
  g_autofree char *l = axds_format_logger_state (AXDS_LOGGER_STATE_STOPPED, FALSE);
  g_autofree char *m = axds_format_disk_alarm (512 * 1024 * 1024ull, 1024 * 1024 * 1024ull,
                                               "/data/x");

  g_assert_cmpstr (a, ==, "idle");
  g_assert_cmpstr (b, ==, "2.5 msg/s");
  g_assert_cmpstr (c, ==, "12,345 msg/s");
  g_assert_cmpstr (d, ==, "1.5\u00a0MB/s");
  g_assert_cmpstr (e, ==, "512.0\u00a0KiB of 1.0\u00a0MiB (50.0 %)");
  g_assert_cmpstr (f, ==, "no new files");
  g_assert_cmpstr (g, ==, "40 files/s");
  g_assert_cmpstr (h, ==, "0.2 s ago");
  g_assert_cmpstr (i, ==, "never");
  g_assert_cmpstr (j, ==, "pid 42 · dead");
  g_assert_cmpstr (k, ==, "Dead");
  g_assert_cmpstr (l, ==, "Stopped");
  g_assert_nonnull (strstr (m, "512.0\u00a0MiB free for /data/x"));
  g_assert_nonnull (strstr (m, "reserve of 1.0\u00a0GiB"));
  g_assert_cmpstr (axds_format_logger_state_css (AXDS_LOGGER_STATE_RUNNING, TRUE), ==, "running");
  g_assert_cmpstr (axds_format_logger_state_css (AXDS_LOGGER_STATE_FAILED, TRUE), ==, "dead");
  g_assert_true (axds_watched_folder_is_entry_name ("001_00000000000000000042.npy", NULL));
  g_assert_false (axds_watched_folder_is_entry_name ("001_0000000000000000042.npy", NULL));
  g_assert_false (axds_watched_folder_is_entry_name ("1_log.npz", NULL));
  g_assert_false (axds_watched_folder_is_entry_name ("00a_00000000000000000042.npy", NULL));
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv, "loggers");

  g_test_add_func ("/axds/loggers/format", test_format);
  g_test_add_func ("/axds/loggers/item-rates", test_item_rates);
  g_test_add ("/axds/loggers/live", Fixture, NULL, fixture_set_up, test_live, fixture_tear_down);
  g_test_add ("/axds/loggers/disk-alarm", Fixture, NULL,
              fixture_set_up, test_disk_alarm, fixture_tear_down);
  g_test_add ("/axds/loggers/no-alarm", Fixture, NULL,
              fixture_set_up, test_no_alarm, fixture_tear_down);
  g_test_add ("/axds/loggers/watch-folder", Fixture, NULL,
              fixture_set_up, test_watch_folder, fixture_tear_down);
  g_test_add ("/axds/loggers/watch-missing", Fixture, NULL,
              fixture_set_up, test_watch_missing, fixture_tear_down);
  g_test_add_func ("/axds/loggers/demo", test_demo);
  g_test_add_func ("/axds/loggers/window", test_window_page);

  return g_test_run ();
}

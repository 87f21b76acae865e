/* test-tasks.c — the Tasks page running real checksum, transfer and delete tasks
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Each case writes a tree of files into its own temporary folder, shows the main window on
 * the Tasks page under the test's X server and starts tasks as a user would: through the
 * forms, the delete confirmation and the rows' buttons. What a task did is checked on disk
 * with the library (checksums and manifests computed afresh), and what the page shows in its
 * widgets (the progress bar, the labels, the clipboard). Waits iterate the main context with
 * a deadline and never sleep. */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "axds-application.h"
#include "format/axds-format.h"
#include "format/axds-i18n.h"
#include "axds-window.h"
#include "pages/axds-tasks-page.h"
#include "widgets/axds-task-row.h"
#include "ui-test-utils.h"

#define TREE_FILES 48
/* The transfers: enough data that progress is reported at many points, even from the page
 * cache. The other cases need less. */
#define LARGE_FILE_SIZE ((gsize) 8 << 20)
#define SMALL_FILE_SIZE ((gsize) 256 << 10)

typedef struct
{
  gsize          file_size;
  char          *folder;
  char          *source;
  AxdsWindow    *window;
  AxdsTasksPage *page;
} Fixture;

static void
write_tree (const char *root,
            guint       n_files,
            gsize       size)
{
  g_autofree guint8 *data = g_malloc (size);
  GError *error = NULL;

  for (gsize j = 0; j < size; j++)
    data[j] = (guint8) ((j * 2654435761u) >> 11);
  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *dir = g_strdup_printf ("%s/raw_data/plane_%u", root, i % 3);
      g_autofree char *path = g_strdup_printf ("%s/frames_%03u.npy", dir, i);

      g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
      /* Files differ from their first bytes on. */
      memcpy (data, &i, sizeof i);
      g_file_set_contents (path, (const char *) data, (gssize) size, &error);
      g_assert_no_error (error);
    }
}

static char *
checksum_of (const char            *directory,
             AxdsChecksumManifest **manifest)
{
  GError *error = NULL;
  char *checksum = axds_calculate_directory_checksum (directory, 0, FALSE, NULL, manifest,
                                                      NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (checksum);
  return checksum;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->folder = axds_test_dir_new ("tasks");
  fixture->source = g_build_filename (fixture->folder, "2026-11-26-A7-session-1", NULL);
  fixture->file_size = *(const gsize *) data;
  write_tree (fixture->source, TREE_FILES, fixture->file_size);

  fixture->window = axds_window_new (NULL, NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 720);
  g_assert_true (axds_window_set_page (fixture->window, "tasks"));
  fixture->page = axds_window_get_tasks_page (fixture->window);
  gtk_window_present (GTK_WINDOW (fixture->window));
  ui_wait_painted (GTK_WIDGET (fixture->page));
}

static gboolean
task_done_cb (gpointer data);

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GListModel *running = axds_tasks_page_get_running (fixture->page);

  /* Tasks left running by a failed case stop before the tree goes. */
  while (g_list_model_get_n_items (running) > 0)
    {
      g_autoptr(AxdsTask) task = g_list_model_get_item (running, 0);

      axds_task_cancel (task);
      g_assert_true (axds_test_poll_until (task_done_cb, task, 30));
    }
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_assert_true (axds_delete_directory (fixture->folder, NULL, NULL, NULL, NULL));
  g_free (fixture->source);
  g_free (fixture->folder);
}

static gboolean
task_done_cb (gpointer data)
{
  return !axds_task_get_running (data);
}

/* The row's progress bar, as the user sees it: every fraction it is given. */
typedef struct
{
  GArray *values;
} Trace;

static void
fraction_changed_cb (GtkProgressBar *bar,
                     GParamSpec     *pspec,
                     Trace          *trace)
{
  double value = gtk_progress_bar_get_fraction (bar);

  g_array_append_val (trace->values, value);
}

static GtkProgressBar *
progress_bar_of (Fixture  *fixture,
                 AxdsTask *task)
{
  GtkWidget *row = axds_tasks_page_get_row (fixture->page, task);

  g_assert_true (AXDS_IS_TASK_ROW (row));
  return axds_task_row_get_progress_bar (AXDS_TASK_ROW (row));
}

static AxdsTask *
start_from_form (Fixture      *fixture,
                 AxdsTaskKind  kind,
                 const char   *folder,
                 const char   *destination)
{
  AxdsTaskDialog *dialog = axds_tasks_page_new_task (fixture->page, kind);
  GListModel *running = axds_tasks_page_get_running (fixture->page);
  guint before = g_list_model_get_n_items (running);

  /* Nothing chosen yet: the form cannot start. */
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog),
                                                           "start"));
  axds_task_dialog_set_folder (dialog, folder);
  if (destination != NULL)
    axds_task_dialog_set_destination (dialog, destination);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog),
                                                          "start"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "start");
  if (kind == AXDS_TASK_KIND_DELETE)
    return NULL;
  g_assert_cmpuint (g_list_model_get_n_items (running), ==, before + 1);
  return g_list_model_get_item (running, before);
}

static void
test_transfer_progress (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *destination = g_build_filename (fixture->folder, "server", "session-1",
                                                   NULL);
  g_autofree char *expected = NULL;
  g_autofree char *copied = NULL;
  g_autoptr(AxdsTask) task = NULL;
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  AdwViewStackPage *stack_page;
  Trace trace = { values };
  guint intermediate = 0;
  gboolean as_toast;

  expected = checksum_of (fixture->source, NULL);
  task = start_from_form (fixture, AXDS_TASK_KIND_TRANSFER, fixture->source, destination);
  g_assert_cmpint (axds_task_get_kind (task), ==, AXDS_TASK_KIND_TRANSFER);
  g_assert_cmpint (axds_task_get_state (task), ==, AXDS_TASK_STATE_RUNNING);
  g_signal_connect (progress_bar_of (fixture, task), "notify::fraction",
                    G_CALLBACK (fraction_changed_cb), &trace);

  /* The Tasks tab counts what runs. */
  stack_page = adw_view_stack_get_page (
      ADW_VIEW_STACK (gtk_widget_get_parent (GTK_WIDGET (fixture->page))),
      GTK_WIDGET (fixture->page));
  g_assert_cmpuint (adw_view_stack_page_get_badge_number (stack_page), ==, 1);
  g_assert_true (adw_view_stack_page_get_needs_attention (stack_page));

  g_assert_true (axds_test_poll_until (task_done_cb, task, 120));
  g_assert_cmpint (axds_task_get_state (task), ==, AXDS_TASK_STATE_SUCCEEDED);
  g_assert_null (axds_task_get_error_message (task));

  /* The bar moved forward only, through several values, to the end. */
  g_test_message ("%u MiB transferred and verified in %.2f s; the progress bar took %u values",
                  (guint) (TREE_FILES * fixture->file_size >> 20), axds_task_get_duration (task),
                  values->len);
  g_assert_cmpuint (values->len, >=, 3);
  for (guint i = 0; i < values->len; i++)
    {
      double value = g_array_index (values, double, i);

      if (i > 0)
        g_assert_cmpfloat (value, >=, g_array_index (values, double, i - 1));
      if (value > 0.0 && value < 1.0)
        intermediate++;
    }
  g_assert_cmpuint (intermediate, >=, 2);
  g_assert_cmpfloat (g_array_index (values, double, values->len - 1), ==, 1.0);

  /* The copy is the source: same checksum, also the one the verification reported. */
  copied = checksum_of (destination, NULL);
  g_assert_cmpstr (copied, ==, expected);
  g_assert_cmpstr (axds_task_get_result (task), ==, expected);
  g_assert_true (g_str_has_prefix (axds_task_get_summary (task), "Copied 48 files"));

  /* It moved to the history, the badge went, the user was told. */
  g_assert_cmpuint (axds_tasks_page_get_n_running (fixture->page), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (axds_tasks_page_get_history (fixture->page)),
                    ==, 1);
  g_assert_cmpuint (adw_view_stack_page_get_badge_number (stack_page), ==, 0);
  g_assert_false (adw_view_stack_page_get_needs_attention (stack_page));
  g_assert_cmpstr (axds_tasks_page_get_last_notice (fixture->page, &as_toast), ==,
                   "Transfer of “2026-11-26-A7-session-1” finished");
  /* Without a session bus the application cannot notify the desktop: a toast it is. */
  g_assert_true (as_toast);
}

static gboolean
copying_cb (gpointer data)
{
  AxdsTask *task = data;

  return !axds_task_get_running (task) ||
         (axds_task_get_bytes_done (task) > 0 && axds_task_get_fraction (task) > 0.0);
}

static void
test_transfer_cancel (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *destination = g_build_filename (fixture->folder, "server", "session-1",
                                                   NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(AxdsChecksumManifest) source_manifest = NULL;
  g_autoptr(AxdsChecksumManifest) copy_manifest = NULL;
  g_autoptr(AxdsTask) task = NULL;
  g_autoptr(AxdsTask) other = NULL;
  GError *error = NULL;
  GtkButton *cancel;
  GtkWidget *row;
  char *excluded[] = { NULL };
  g_autofree char *copy_checksum = NULL;
  g_autofree char *checksum_file = NULL;

  before = checksum_of (fixture->source, &source_manifest);

  /* One copying thread, so the transfer takes a while; a checksum runs beside it. */
  task = axds_task_new_transfer (fixture->source, destination, 1, AXDS_TRANSFER_NONE);
  other = axds_task_new_checksum (fixture->source, 1, FALSE, NULL);
  axds_tasks_page_start_task (fixture->page, task);
  axds_tasks_page_start_task (fixture->page, other);
  g_assert_cmpuint (axds_tasks_page_get_n_running (fixture->page), ==, 2);

  g_assert_true (axds_test_poll_until (copying_cb, task, 60));
  g_assert_true (axds_task_get_running (task));
  row = axds_tasks_page_get_row (fixture->page, task);
  cancel = axds_task_row_get_cancel_button (AXDS_TASK_ROW (row));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (cancel)));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (cancel)));
  g_signal_emit_by_name (cancel, "clicked");

  g_assert_true (axds_test_poll_until (task_done_cb, task, 30));
  g_assert_cmpint (axds_task_get_state (task), ==, AXDS_TASK_STATE_CANCELLED);
  g_assert_cmpfloat (axds_task_get_fraction (task), <, 1.0);
  g_assert_true (g_str_has_prefix (axds_task_get_status_text (task), "Cancelled after"));

  /* The other task was not disturbed. */
  g_assert_true (axds_test_poll_until (task_done_cb, other, 60));
  g_assert_cmpint (axds_task_get_state (other), ==, AXDS_TASK_STATE_SUCCEEDED);
  g_assert_cmpstr (axds_task_get_result (other), ==, before);

  /* The source is intact. */
  after = checksum_of (fixture->source, NULL);
  g_assert_cmpstr (after, ==, before);

  /* Every file under a final name at the destination is whole: the source's, byte for
   * byte. Nothing else is excluded, so a leftover partial file would be listed too; the one
   * name every checksum skips, ax_checksum.txt, is not there either (nothing verified). */
  checksum_file = g_build_filename (destination, "ax_checksum.txt", NULL);
  g_assert_false (g_file_test (checksum_file, G_FILE_TEST_EXISTS));
  copy_checksum = axds_calculate_directory_checksum (destination, 0, FALSE,
                                                     (const char * const *) excluded,
                                                     &copy_manifest, NULL, NULL, NULL, &error);
  /* In lockstep the cancel can land before the first file is whole: then nothing at all,
   * not even a partial file, may be there. */
  if (g_error_matches (error, AXDS_ERROR, AXDS_ERROR_INVALID_ARGUMENT) &&
      strstr (error->message, "holds none") != NULL)
    {
      g_clear_error (&error);
      return;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (axds_checksum_manifest_get_n_files (copy_manifest), <, TREE_FILES);
  for (guint i = 0; i < axds_checksum_manifest_get_n_files (copy_manifest); i++)
    {
      const char *path = axds_checksum_manifest_get_path (copy_manifest, i);
      guint index;

      g_assert_false (g_str_has_suffix (path, ".axds-partial"));
      g_assert_true (axds_checksum_manifest_lookup (source_manifest, path, &index));
      g_assert_cmpstr (axds_checksum_manifest_get_digest (copy_manifest, i), ==,
                       axds_checksum_manifest_get_digest (source_manifest, index));
    }
}

static void
clipboard_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

static gboolean
text_set_cb (gpointer data)
{
  return *(char **) data != NULL;
}

static void
test_checksum (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *expected = checksum_of (fixture->source, NULL);
  g_autofree char *saved_path = g_build_filename (fixture->source, "ax_checksum.txt", NULL);
  g_autofree char *saved = NULL;
  g_autofree char *pasted = NULL;
  g_autoptr(AxdsTask) task = NULL;
  GtkWidget *row;
  GtkButton *copy;
  GdkClipboard *clipboard;

  task = start_from_form (fixture, AXDS_TASK_KIND_CHECKSUM, fixture->source, NULL);
  g_assert_true (axds_test_poll_until (task_done_cb, task, 60));
  g_assert_cmpint (axds_task_get_state (task), ==, AXDS_TASK_STATE_SUCCEEDED);
  g_assert_cmpstr (axds_task_get_result (task), ==, expected);
  g_assert_cmpfloat (axds_task_get_fraction (task), ==, 1.0);
  g_assert_cmpuint (axds_task_get_files_done (task), ==, TREE_FILES);
  g_assert_cmpuint (axds_task_get_bytes_done (task), ==, (guint64) TREE_FILES * fixture->file_size);

  /* The form saves ax_checksum.txt by default. */
  g_assert_true (g_file_get_contents (saved_path, &saved, NULL, NULL));
  g_assert_nonnull (strstr (saved, expected));

  /* The copy button puts the checksum on the clipboard. */
  ui_wait_painted (GTK_WIDGET (fixture->page));
  row = axds_tasks_page_get_row (fixture->page, task);
  copy = axds_task_row_get_copy_button (AXDS_TASK_ROW (row));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (copy)));
  g_signal_emit_by_name (copy, "clicked");
  clipboard = gtk_widget_get_clipboard (row);
  gdk_clipboard_read_text_async (clipboard, NULL, clipboard_read_cb, &pasted);
  g_assert_true (axds_test_poll_until (text_set_cb, &pasted, 10));
  g_assert_cmpstr (pasted, ==, expected);
}

static gboolean
confirmation_shown_cb (gpointer data)
{
  return axds_tasks_page_get_confirmation (data) != NULL;
}

static gboolean
history_has_cb (gpointer data)
{
  Fixture *fixture = data;

  return g_list_model_get_n_items (axds_tasks_page_get_history (fixture->page)) > 0 &&
         axds_tasks_page_get_n_running (fixture->page) == 0;
}

static void
test_delete (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *size = g_format_size ((guint64) TREE_FILES * fixture->file_size);
  /* The folder as the question names it: with the home folder as ~. */
  g_autofree char *shown = axds_format_path (fixture->source);
  g_autoptr(AxdsTask) task = NULL;
  AdwMessageDialog *confirmation;

  /* Asked, and told no: nothing happens. */
  start_from_form (fixture, AXDS_TASK_KIND_DELETE, fixture->source, NULL);
  g_assert_true (axds_test_poll_until (confirmation_shown_cb, fixture->page, 30));
  confirmation = axds_tasks_page_get_confirmation (fixture->page);
  adw_message_dialog_response (confirmation, "cancel");
  g_assert_null (axds_tasks_page_get_confirmation (fixture->page));
  g_assert_cmpuint (axds_tasks_page_get_n_running (fixture->page), ==, 0);
  g_assert_true (g_file_test (fixture->source, G_FILE_TEST_IS_DIR));

  /* Asked again: the question names the folder, its files and its size. */
  start_from_form (fixture, AXDS_TASK_KIND_DELETE, fixture->source, NULL);
  g_assert_true (axds_test_poll_until (confirmation_shown_cb, fixture->page, 30));
  confirmation = axds_tasks_page_get_confirmation (fixture->page);
  g_assert_cmpstr (adw_message_dialog_get_heading (confirmation), ==,
                   "Delete “2026-11-26-A7-session-1”?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (confirmation), shown));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (confirmation), "48 files"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (confirmation), size));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (confirmation, "delete"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpstr (adw_message_dialog_get_default_response (confirmation), ==, "cancel");
  adw_message_dialog_response (confirmation, "delete");

  g_assert_true (axds_test_poll_until (history_has_cb, fixture, 60));
  task = g_list_model_get_item (axds_tasks_page_get_history (fixture->page), 0);
  g_assert_cmpint (axds_task_get_kind (task), ==, AXDS_TASK_KIND_DELETE);
  g_assert_cmpint (axds_task_get_state (task), ==, AXDS_TASK_STATE_SUCCEEDED);
  g_assert_false (g_file_test (fixture->source, G_FILE_TEST_EXISTS));
  g_assert_true (g_str_has_prefix (axds_task_get_summary (task), "Removed 48 files"));
}

static void
test_error (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (fixture->folder, "no-such-session", NULL);
  g_autofree char *destination = g_build_filename (fixture->folder, "server", NULL);
  g_autoptr(AxdsTask) task = NULL;
  g_autoptr(GError) expected = NULL;
  AxdsTransferSummary summary;
  GtkWidget *row;
  GtkLabel *label;
  GtkExpander *expander;

  /* The library's own message for it, in full. */
  g_assert_false (axds_transfer_directory (missing, destination, 0, 0, &summary, NULL, NULL,
                                           NULL, &expected));
  g_assert_nonnull (expected);

  task = axds_task_new_transfer (missing, destination, 0, AXDS_TRANSFER_NONE);
  axds_tasks_page_start_task (fixture->page, task);
  g_assert_true (axds_test_poll_until (task_done_cb, task, 30));
  g_assert_cmpint (axds_task_get_state (task), ==, AXDS_TASK_STATE_FAILED);
  g_assert_cmpstr (axds_task_get_error_message (task), ==, expected->message);
  g_assert_true (g_str_has_prefix (axds_task_get_status_text (task), "Failed after"));

  /* In the history, with the message in a label the user can select and copy. */
  g_assert_cmpuint (g_list_model_get_n_items (axds_tasks_page_get_history (fixture->page)),
                    ==, 1);
  row = axds_tasks_page_get_row (fixture->page, task);
  label = axds_task_row_get_error_label (AXDS_TASK_ROW (row));
  {
    /* With the home folder as ~, when the build tree is in it. */
    g_autofree char *shown = axds_format_path (expected->message);
    g_assert_cmpstr (gtk_label_get_label (label), ==, shown);
  }
  g_assert_true (gtk_label_get_selectable (label));
  expander = axds_task_row_get_error_expander (AXDS_TASK_ROW (row));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (expander)));
  gtk_expander_set_expanded (expander, TRUE);
  ui_wait_painted (GTK_WIDGET (label));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (label)));
  g_assert_cmpstr (axds_tasks_page_get_last_notice (fixture->page, NULL), ==,
                   "Transfer of “no-such-session” failed");

  /* Clearing the history empties the page. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "tasks.clear-history", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (axds_tasks_page_get_history (fixture->page)),
                    ==, 0);
}

/* A data logger's folder: source 1's onset entry (time 0, the onset in µs as payload) and
 * @n messages after it. */
static void
write_log_entries (const char *dir,
                   guint       n)
{
  GError *error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  for (guint64 time = 0; time <= n; time++)
    {
      g_autofree char *name = axds_log_entry_file_name (1, time);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      guint8 entry[9 + 16] = { 1 };
      guint64 le = GUINT64_TO_LE (time);
      guint64 onset = GUINT64_TO_LE (G_GUINT64_CONSTANT (1795000000000000));

      memcpy (entry + 1, &le, 8);
      if (time == 0)
        memcpy (entry + 9, &onset, 8);
      else
        memset (entry + 9, (int) time, 16);
      g_assert_true (axds_npy_write_u8 (path, entry, time == 0 ? 17 : 25, &error));
      g_assert_no_error (error);
    }
}

static guint
count_suffix (const char *dir,
              const char *suffix)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    n += g_str_has_suffix (name, suffix);
  return n;
}

static void
test_assemble (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (fixture->folder, "behavior_data_log", NULL);
  g_autofree char *archive_path = g_build_filename (dir, "1_log.npz", NULL);
  g_autoptr(AxdsLogArchive) archive = NULL;
  g_autoptr(AxdsTask) task = NULL;
  GError *error = NULL;

  write_log_entries (dir, 300);
  g_assert_cmpuint (count_suffix (dir, ".npy"), ==, 301);

  /* The form's defaults are the command line's: verify, then remove the entries. */
  task = start_from_form (fixture, AXDS_TASK_KIND_ASSEMBLE, dir, NULL);
  g_assert_true (axds_test_poll_until (task_done_cb, task, 60));
  g_assert_cmpint (axds_task_get_state (task), ==, AXDS_TASK_STATE_SUCCEEDED);
  g_assert_cmpfloat (axds_task_get_fraction (task), ==, 1.0);
  g_assert_cmpstr (axds_task_get_summary (task), ==,
                   "Assembled 301 entries; verified and removed the sources");
  g_assert_cmpuint (count_suffix (dir, ".npy"), ==, 0);
  archive = axds_log_archive_open (archive_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (axds_log_archive_get_n_messages (archive), ==, 300);
}

/* A folder without log entries fails with the library's reason; one assembled before is
 * done, and says so. */
static void
test_assemble_empty (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *empty = g_build_filename (fixture->folder, "empty_data_log", NULL);
  g_autofree char *done = g_build_filename (fixture->folder, "done_data_log", NULL);
  g_autoptr(AxdsTask) task = NULL;
  g_autoptr(AxdsTask) again = NULL;
  GtkWidget *row;

  g_assert_cmpint (g_mkdir_with_parents (empty, 0755), ==, 0);
  task = start_from_form (fixture, AXDS_TASK_KIND_ASSEMBLE, empty, NULL);
  g_assert_true (axds_test_poll_until (task_done_cb, task, 60));
  g_assert_cmpint (axds_task_get_state (task), ==, AXDS_TASK_STATE_FAILED);
  g_assert_nonnull (strstr (axds_task_get_error_message (task), "No log entries"));
  g_assert_nonnull (strstr (axds_task_get_error_message (task), empty));
  g_assert_null (axds_task_get_summary (task));
  g_assert_true (g_str_has_prefix (axds_task_get_status_text (task), "Failed after"));
  row = axds_tasks_page_get_row (fixture->page, task);
  g_assert_true (gtk_widget_get_visible (
      GTK_WIDGET (axds_task_row_get_error_expander (AXDS_TASK_ROW (row)))));
  g_assert_cmpstr (axds_tasks_page_get_last_notice (fixture->page, NULL), ==,
                   "Log archives of “empty_data_log” failed");

  write_log_entries (done, 5);
  again = start_from_form (fixture, AXDS_TASK_KIND_ASSEMBLE, done, NULL);
  g_assert_true (axds_test_poll_until (task_done_cb, again, 60));
  g_assert_cmpint (axds_task_get_state (again), ==, AXDS_TASK_STATE_SUCCEEDED);
  g_clear_object (&again);
  again = start_from_form (fixture, AXDS_TASK_KIND_ASSEMBLE, done, NULL);
  g_assert_true (axds_test_poll_until (task_done_cb, again, 60));
  g_assert_cmpint (axds_task_get_state (again), ==, AXDS_TASK_STATE_SUCCEEDED);
  g_assert_cmpstr (axds_task_get_summary (again), ==,
                   "Nothing to assemble: the folder holds assembled archives and no log "
                   "entries");
  g_assert_cmpuint (count_suffix (done, ".npz"), ==, 1);
}

/* The checksum form: ax_checksum.txt never counts, whatever the user excludes, so the saved
 * checksum is what the next check finds. */
static void
test_checksum_excluded_names (Fixture       *fixture,
                              gconstpointer  data)
{
  const char * const names[] = { "frames_001.npy", "ax_checksum.txt", NULL };
  g_autofree char *expected = NULL;
  g_autofree char *saved = NULL;
  g_autoptr(AxdsTask) first = NULL;
  g_autoptr(AxdsTask) second = NULL;
  g_autoptr(GError) error = NULL;

  /* A stale checksum file from an earlier run. */
  {
    g_autofree char *stale = g_build_filename (fixture->source, "ax_checksum.txt", NULL);

    g_assert_true (g_file_set_contents (stale, "00000000000000000000000000000000", -1, NULL));
  }
  expected = axds_calculate_directory_checksum (fixture->source, 0, FALSE, names, NULL, NULL,
                                                NULL, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 2; i++)
    {
      AxdsTaskDialog *dialog = axds_tasks_page_new_task (fixture->page,
                                                         AXDS_TASK_KIND_CHECKSUM);
      GtkEditable *exclude = GTK_EDITABLE (gtk_widget_get_template_child (
          GTK_WIDGET (dialog), AXDS_TYPE_TASK_DIALOG, "exclude_row"));
      GListModel *running = axds_tasks_page_get_running (fixture->page);
      AxdsTask *task;

      /* What the user types replaces the field's text. */
      axds_task_dialog_set_folder (dialog, fixture->source);
      gtk_editable_set_text (exclude, "frames_001.npy");
      adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "start");
      task = g_list_model_get_item (running, g_list_model_get_n_items (running) - 1);
      if (i == 0)
        first = task;
      else
        second = task;
      g_assert_true (axds_test_poll_until (task_done_cb, task, 60));
      g_assert_cmpint (axds_task_get_state (task), ==, AXDS_TASK_STATE_SUCCEEDED);
      g_assert_cmpstr (axds_task_get_result (task), ==, expected);
    }
  /* Saved (the form's default), and the same again afterwards. */
  {
    g_autofree char *path = g_build_filename (fixture->source, "ax_checksum.txt", NULL);

    g_assert_true (g_file_get_contents (path, &saved, NULL, NULL));
    g_assert_cmpstr (saved, ==, expected);
  }
  g_assert_cmpstr (axds_task_get_result (second), ==, axds_task_get_result (first));
  g_assert_cmpuint (axds_task_get_files_done (first), ==, TREE_FILES - 1);
}

static AdwMessageDialog *
find_error_dialog (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) &&
          gtk_widget_get_visible (GTK_WIDGET (window)) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), heading) == 0)
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* Asks to delete @folder and expects the refusal: an error dialog naming @reason, no
 * question, no task, the folder still there. */
static void
expect_delete_refused (Fixture    *fixture,
                       const char *folder,
                       const char *heading,
                       const char *reason,
                       gboolean    from_form)
{
  AdwMessageDialog *dialog;
  const char *message;

  if (from_form)
    start_from_form (fixture, AXDS_TASK_KIND_DELETE, folder, NULL);
  else
    axds_tasks_page_confirm_delete (fixture->page, folder);
  dialog = find_error_dialog (heading);
  g_assert_nonnull (dialog);
  message = g_object_get_data (G_OBJECT (dialog), "axds-message");
  g_test_message ("%s: %s", folder, message);
  g_assert_nonnull (strstr (message, reason));
  g_assert_null (axds_tasks_page_get_confirmation (fixture->page));
  g_assert_cmpuint (axds_tasks_page_get_n_running (fixture->page), ==, 0);
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  gtk_window_close (GTK_WINDOW (dialog));
}

/* /, the home folder and the working directory's folders are never measured nor offered for
 * deletion. HOME points into the test's folder meanwhile; nothing is ever confirmed. */
static void
test_delete_refusals (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *saved_home = g_strdup (g_getenv ("HOME"));
  g_autofree char *saved_cwd = g_get_current_dir ();
  g_autofree char *home = g_build_filename (fixture->folder, "users", "rig", NULL);
  g_autofree char *here = g_build_filename (fixture->source, "raw_data", "plane_0", NULL);

  g_assert_cmpint (g_mkdir_with_parents (home, 0755), ==, 0);
  g_assert_true (g_setenv ("HOME", home, TRUE));
  expect_delete_refused (fixture, home, "Cannot Delete “rig”", "home folder", TRUE);
  /* Only once the home folder was refused, so that a regression fails before this: even
   * then, / would only be measured, never deleted without a confirmation. */
  expect_delete_refused (fixture, "/", "Cannot Delete “/”", "root folder", FALSE);

  g_assert_cmpint (chdir (here), ==, 0);
  expect_delete_refused (fixture, fixture->source, "Cannot Delete “2026-11-26-A7-session-1”",
                         "current working directory", FALSE);
  g_assert_cmpint (chdir (saved_cwd), ==, 0);

  if (saved_home != NULL)
    g_setenv ("HOME", saved_home, TRUE);
  else
    g_unsetenv ("HOME");
}

static void
test_form_validation (Fixture       *fixture,
                      gconstpointer  data)
{
  AxdsTaskDialog *dialog = axds_tasks_page_new_task (fixture->page, AXDS_TASK_KIND_TRANSFER);
  AdwMessageDialog *message = ADW_MESSAGE_DIALOG (dialog);
  g_autofree char *missing = g_build_filename (fixture->folder, "nothing-here", NULL);
  g_autofree char *destination = g_build_filename (fixture->folder, "copy", NULL);

  /* A folder that does not exist, or a destination that is the source, cannot start. */
  axds_task_dialog_set_folder (dialog, missing);
  axds_task_dialog_set_destination (dialog, destination);
  g_assert_false (adw_message_dialog_get_response_enabled (message, "start"));
  g_assert_null (axds_task_dialog_create_task (dialog));
  axds_task_dialog_set_folder (dialog, fixture->source);
  axds_task_dialog_set_destination (dialog, fixture->source);
  g_assert_false (adw_message_dialog_get_response_enabled (message, "start"));
  axds_task_dialog_set_destination (dialog, destination);
  g_assert_true (adw_message_dialog_get_response_enabled (message, "start"));
  adw_message_dialog_response (message, "cancel");
  g_assert_cmpuint (axds_tasks_page_get_n_running (fixture->page), ==, 0);
}

static const gsize large = LARGE_FILE_SIZE;
static const gsize small = SMALL_FILE_SIZE;

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv, NULL);
  /* Every progress report reaches the page before the worker goes on: the bar's values and
   * the moment a cancel lands do not depend on how fast this machine copies. */
  axds_task_set_lockstep_for_testing (TRUE);

  g_test_add ("/axds/tasks/transfer-progress", Fixture, &large,
              fixture_set_up, test_transfer_progress, fixture_tear_down);
  g_test_add ("/axds/tasks/transfer-cancel", Fixture, &large,
              fixture_set_up, test_transfer_cancel, fixture_tear_down);
  g_test_add ("/axds/tasks/checksum", Fixture, &small,
              fixture_set_up, test_checksum, fixture_tear_down);
  g_test_add ("/axds/tasks/delete", Fixture, &small,
              fixture_set_up, test_delete, fixture_tear_down);
  g_test_add ("/axds/tasks/error", Fixture, &small,
              fixture_set_up, test_error, fixture_tear_down);
  g_test_add ("/axds/tasks/assemble", Fixture, &small,
              fixture_set_up, test_assemble, fixture_tear_down);
  g_test_add ("/axds/tasks/form-validation", Fixture, &small,
              fixture_set_up, test_form_validation, fixture_tear_down);
  g_test_add ("/axds/tasks/assemble-empty", Fixture, &small,
              fixture_set_up, test_assemble_empty, fixture_tear_down);
  g_test_add ("/axds/tasks/checksum-excluded-names", Fixture, &small,
              fixture_set_up, test_checksum_excluded_names, fixture_tear_down);
  g_test_add ("/axds/tasks/delete-refusals", Fixture, &small,
              fixture_set_up, test_delete_refusals, fixture_tear_down);

  return g_test_run ();
}

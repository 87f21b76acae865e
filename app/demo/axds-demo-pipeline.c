/* axds-demo-pipeline.c — the demo's processing pipelines: trackers whose jobs progress
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* While the demo acquisition runs, a temporary folder (or `$AXDS_DEMO_PIPELINE_DIR`, made by
 * the demo, so it must not exist yet) holds three session trackers, made here before anything
 * watches it (so the Pipelines page finds them on its first search), and a separate process, axds-demo-pipeline, moves their jobs on as a cluster would: it starts,
 * completes and fails jobs about once a second, through the library and its lock, like any
 * other writer. Stopping sends SIGTERM (the producer also dies with the monitor, see
 * PR_SET_PDEATHSIG) and removes the folder. The object follows AxdsDemo's `running`. */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <unistd.h>

#include "axds.h"
#include "axds-demo-pipeline.h"

#define STOP_TIMEOUT_US (3 * G_USEC_PER_SEC)

struct _AxdsDemoPipeline
{
  GObject      parent_instance;

  AxdsDemo    *demo;       /* weak */
  char        *folder;
  GSubprocess *process;
};

enum {
  PROP_0,
  PROP_FOLDER,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (AxdsDemoPipeline, axds_demo_pipeline, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/* Sessions, and which of their jobs already ran (and how) when the demo starts. */
static const struct
{
  const char *folder;
  int         done;     /* jobs already finished, in order */
  int         failed;   /* how many of those failed */
} sessions[] = {
  { "mouse-A7/2026-11-24-session-1", 12, 2 },
  { "mouse-A7/2026-11-25-session-2", 5, 0 },
  { "mouse-B2/2026-11-25-session-1", 0, 0 },
};

static const struct
{
  const char *name;
  const char *specifier;
} jobs[] = {
  { "registration", "plane-0" },
  { "registration", "plane-1" },
  { "registration", "plane-2" },
  { "registration", "plane-3" },
  { "roi-detection", "plane-0" },
  { "roi-detection", "plane-1" },
  { "roi-detection", "plane-2" },
  { "roi-detection", "plane-3" },
  { "behavior-extraction", "" },
  { "video-compression", "face-camera" },
  { "video-compression", "body-camera" },
  { "checksum", "" },
};

/**
 * axds_demo_pipeline_seed:
 * @folder: an empty folder
 * @error: return location for an error
 *
 * Writes the demo's trackers under @folder: yesterday's session with two failed jobs, one of
 * today in progress and one not started. The finished jobs get start and end times of the past
 * (which the library's operations cannot set), so the file is written as the document the
 * library and the Python one read.
 *
 * Returns: %TRUE on success
 */
gboolean
axds_demo_pipeline_seed (const char  *folder,
                         GError     **error)
{
  gint64 now = g_get_real_time ();

  for (guint s = 0; s < G_N_ELEMENTS (sessions); s++)
    {
      g_autofree char *dir = g_build_filename (folder, sessions[s].folder, NULL);
      g_autofree char *path = g_build_filename (dir, "processing_tracker.yaml", NULL);
      g_autoptr(GString) text = g_string_new ("---\njobs:\n");
      /* Yesterday's session ran in the afternoon; today's started 40 minutes ago. */
      gint64 t = s == 0 ? now - 26 * G_TIME_SPAN_HOUR : now - 40 * G_TIME_SPAN_MINUTE;

      if (g_mkdir_with_parents (dir, 0755) != 0)
        {
          int saved = errno;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       "Cannot make the demo folder %s: %s", dir, g_strerror (saved));
          return FALSE;
        }
      for (int i = 0; i < (int)G_N_ELEMENTS (jobs); i++)
        {
          g_autofree char *id = axds_tracker_generate_job_id (jobs[i].name, jobs[i].specifier,
                                                              error);
          gboolean done = i < sessions[s].done;
          gboolean failed = done && i >= sessions[s].done - sessions[s].failed;
          gint64 run = (150 + 37 * i % 200) * G_USEC_PER_SEC;

          if (id == NULL)
            return FALSE;
          g_string_append_printf (text, "  %s:\n    job_name: %s\n    specifier: %s\n",
                                  id, jobs[i].name,
                                  *jobs[i].specifier != '\0' ? jobs[i].specifier : "''");
          if (!done)
            {
              g_string_append (text, "    status: 0\n    executor_id: null\n"
                                     "    error_message: null\n    started_at: null\n"
                                     "    completed_at: null\n");
              continue;
            }
          g_string_append_printf (text,
                                  "    status: %d\n    executor_id: slurm:%d\n"
                                  "    error_message: %s\n"
                                  "    started_at: %" G_GINT64_FORMAT "\n"
                                  "    completed_at: %" G_GINT64_FORMAT "\n",
                                  failed ? AXDS_PROCESSING_STATUS_FAILED
                                         : AXDS_PROCESSING_STATUS_SUCCEEDED,
                                  4817200 + 31 * (int)s + i,
                                  failed ? "'OSError: [Errno 28] No space left on device'"
                                         : "null",
                                  t, t + run);
          t += run / 2;
        }
      g_string_append (text, "...\n");
      if (!g_file_set_contents (path, text->str, (gssize)text->len, error))
        return FALSE;
    }
  return TRUE;
}

/* Returns: (transfer full): where axds-demo-pipeline is, see axds_demo_find_helper() */
char *
axds_demo_pipeline_find_producer (void)
{
  return axds_demo_find_helper ("AXDS_DEMO_PIPELINE", "axds-demo-pipeline");
}

/* Through the library's folder walker: links are removed, never followed. */
static void
remove_tree (const char *folder)
{
  g_autoptr(GError) error = NULL;

  if (!axds_delete_directory (folder, NULL, NULL, NULL, &error))
    g_debug ("Cannot remove the demo folder: %s", error->message);
}

static void
demo_running_cb (AxdsDemoPipeline *self,
                 GParamSpec       *pspec,
                 AxdsDemo         *demo)
{
  g_autoptr(GError) error = NULL;

  if (!axds_demo_get_running (demo))
    axds_demo_pipeline_stop (self);
  else if (!axds_demo_pipeline_start (self, &error))
    g_message ("The demo has no pipelines: %s", error->message);
}

static void
axds_demo_pipeline_dispose (GObject *object)
{
  AxdsDemoPipeline *self = (AxdsDemoPipeline *)object;

  axds_demo_pipeline_stop (self);
  g_clear_weak_pointer (&self->demo);

  G_OBJECT_CLASS (axds_demo_pipeline_parent_class)->dispose (object);
}

static void
axds_demo_pipeline_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AxdsDemoPipeline *self = AXDS_DEMO_PIPELINE (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      g_value_set_string (value, self->folder);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
axds_demo_pipeline_class_init (AxdsDemoPipelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = axds_demo_pipeline_dispose;
  object_class->get_property = axds_demo_pipeline_get_property;

  /**
   * AxdsDemoPipeline:folder:
   *
   * The folder of the demo's trackers while it runs, else %NULL.
   */
  properties[PROP_FOLDER] =
    g_param_spec_string ("folder", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
axds_demo_pipeline_init (AxdsDemoPipeline *self)
{
}

/**
 * axds_demo_pipeline_new:
 * @demo: (nullable): a demo to follow: the pipelines start and stop with it
 *
 * Returns: (transfer full): stopped demo pipelines
 */
AxdsDemoPipeline *
axds_demo_pipeline_new (AxdsDemo *demo)
{
  AxdsDemoPipeline *self = g_object_new (AXDS_TYPE_DEMO_PIPELINE, NULL);

  if (demo != NULL)
    {
      g_set_weak_pointer (&self->demo, demo);
      g_signal_connect_object (demo, "notify::running", G_CALLBACK (demo_running_cb), self,
                               G_CONNECT_SWAPPED);
      if (axds_demo_get_running (demo))
        demo_running_cb (self, NULL, demo);
    }
  return self;
}

/* A new folder: stopping removes it with everything in it, so it never is one that existed. */
static char *
axds_demo_pipeline_make_folder (GError **error)
{
  const char *env = g_getenv ("AXDS_DEMO_PIPELINE_DIR");

  if (env == NULL || *env == '\0')
    return g_dir_make_tmp ("axds-demo-pipelines-XXXXXX", error);
  if (g_mkdir (env, 0755) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Cannot make the demo folder %s: %s", env, g_strerror (saved));
      return NULL;
    }
  return g_strdup (env);
}

/**
 * axds_demo_pipeline_start:
 * @self: demo pipelines
 * @error: return location for an error
 *
 * Makes the folder and its trackers and starts the producer. Without a producer the trackers
 * stay, still.
 *
 * Returns: %TRUE when the folder was made
 */
gboolean
axds_demo_pipeline_start (AxdsDemoPipeline  *self,
                          GError           **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *producer = NULL;
  g_autofree char *parent = NULL;
  g_autoptr(GError) spawn_error = NULL;

  g_return_val_if_fail (AXDS_IS_DEMO_PIPELINE (self), FALSE);

  if (self->folder != NULL)
    return TRUE;

  folder = axds_demo_pipeline_make_folder (error);
  if (folder == NULL)
    return FALSE;
  if (!axds_demo_pipeline_seed (folder, error))
    {
      remove_tree (folder);
      return FALSE;
    }

  producer = axds_demo_pipeline_find_producer ();
  parent = g_strdup_printf ("%d", (int)getpid ());
  self->process = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &spawn_error,
                                    producer, "--folder", folder, "--parent", parent, NULL);
  if (self->process == NULL)
    g_message ("The demo's jobs stand still: cannot start %s: %s", producer,
               spawn_error->message);

  self->folder = g_steal_pointer (&folder);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDER]);
  return TRUE;
}

/**
 * axds_demo_pipeline_stop:
 * @self: demo pipelines
 *
 * Stops the producer (SIGTERM, then SIGKILL after a few seconds), waits for it and removes the
 * folder.
 */
void
axds_demo_pipeline_stop (AxdsDemoPipeline *self)
{
  g_return_if_fail (AXDS_IS_DEMO_PIPELINE (self));

  if (self->process != NULL)
    {
      gint64 deadline = g_get_monotonic_time () + STOP_TIMEOUT_US;

      g_subprocess_send_signal (self->process, SIGTERM);
      /* GLib's worker thread reaps the child; no main loop is needed here. */
      while (g_subprocess_get_identifier (self->process) != NULL &&
             g_get_monotonic_time () < deadline)
        g_usleep (5000);
      if (g_subprocess_get_identifier (self->process) != NULL)
        {
          g_subprocess_force_exit (self->process);
          g_subprocess_wait (self->process, NULL, NULL);
        }
      g_clear_object (&self->process);
    }

  if (self->folder == NULL)
    return;
  remove_tree (self->folder);
  g_clear_pointer (&self->folder, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDER]);
}

/**
 * axds_demo_pipeline_get_folder:
 * @self: demo pipelines
 *
 * Returns: (nullable): the folder of the demo's trackers while they run
 */
const char *
axds_demo_pipeline_get_folder (AxdsDemoPipeline *self)
{
  g_return_val_if_fail (AXDS_IS_DEMO_PIPELINE (self), NULL);
  return self->folder;
}

/**
 * axds_demo_pipeline_get_pid:
 * @self: demo pipelines
 *
 * Returns: the producer's process ID, or 0 when none runs
 */
GPid
axds_demo_pipeline_get_pid (AxdsDemoPipeline *self)
{
  const char *id;

  g_return_val_if_fail (AXDS_IS_DEMO_PIPELINE (self), 0);

  id = self->process != NULL ? g_subprocess_get_identifier (self->process) : NULL;
  return id != NULL ? (GPid)g_ascii_strtoll (id, NULL, 10) : 0;
}

/* axds-demo.c — the demo acquisition: producer processes writing realistic arrays
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The demo runs like a real acquisition: every producer is a separate process
 * (axds-demo-producer) that creates its arrays and writes them at its own rate, and the
 * monitor only watches. Clean-up has three lines of defence:
 *
 * 1. axds_demo_stop() sends SIGTERM; a producer destroys its own arrays and exits;
 * 2. after that (or after a producer crashed), the monitor destroys every demo array by name,
 *    so nothing is left in /dev/shm whatever happened to a producer;
 * 3. producers ask the kernel for SIGTERM when the monitor dies (PR_SET_PDEATHSIG), so even a
 *    crash of the monitor does not leave them writing forever.
 *
 * The demo also runs a data logger, in its own process as the library always does, and the
 * producers submit what they acquire to it (each source its onset first). Stopping stops the
 * producers first and then the logger, which returns once every message is on disk. Its
 * folder is kept, one per run, for `axds log assemble` and the Loggers page to look at. A
 * logger that dies is reported like a producer that died, as "logger".
 */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <unistd.h>

#include "axds.h"
#include "axds-demo.h"
#include "axds-demo-rig.h"

#define STOP_TIMEOUT_US (3 * G_USEC_PER_SEC)
/* Two writer threads carry the demo's ~90 messages a second easily. */
#define LOGGER_THREADS 2
#define LOGGER_POLL_MS 5

/* One producer process per `producer` of the rig's monitor layout (axds-demo-rig.c), in the
 * order they first appear there. */
static GPtrArray *
dup_producer_kinds (void)
{
  GPtrArray *kinds = g_ptr_array_new ();
  const AxdsDemoArraySpec *specs;
  guint n_specs;

  specs = axds_demo_rig_get_arrays (AXDS_DEMO_LAYOUT_MONITOR, &n_specs);
  for (guint i = 0; i < n_specs; i++)
    if (!g_ptr_array_find_with_equal_func (kinds, specs[i].producer, g_str_equal, NULL))
      g_ptr_array_add (kinds, (gpointer)specs[i].producer);
  return kinds;
}

struct _AxdsDemo
{
  GObject       parent_instance;

  char         *prefix;
  GPtrArray    *processes;   /* GSubprocess, one per producer while running */
  GCancellable *cancellable;
  AxdsDataLogger *logger;
  char         *log_folder;  /* the logger's NAME_data_log of the last run */
  gboolean      stopping;
};

enum {
  PROP_0,
  PROP_PREFIX,
  PROP_RUNNING,
  PROP_LOG_FOLDER,
  N_PROPS
};

enum {
  PRODUCER_EXITED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (AxdsDemo, axds_demo, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/**
 * axds_demo_find_helper:
 * @env_var: the environment variable that overrides the path
 * @program: the helper's file name
 *
 * Finds a helper program of the demo: `$ENV_VAR` if set, else next to the running program
 * (the build tree), else in the installed libexec folder.
 *
 * Returns: (transfer full): a path
 */
char *
axds_demo_find_helper (const char *env_var,
                       const char *program)
{
  const char *env = g_getenv (env_var);
  g_autofree char *self_exe = NULL;

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  self_exe = g_file_read_link ("/proc/self/exe", NULL);
  if (self_exe != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self_exe);
      g_autofree char *candidate = g_build_filename (dir, program, NULL);

      if (g_file_test (candidate, G_FILE_TEST_IS_EXECUTABLE))
        return g_steal_pointer (&candidate);
    }

  return g_build_filename (AXDS_HELPERDIR, program, NULL);
}

/* Returns: (transfer full): where axds-demo-producer is, see axds_demo_find_helper() */
char *
axds_demo_find_producer (void)
{
  return axds_demo_find_helper ("AXDS_DEMO_PRODUCER", "axds-demo-producer");
}

static void
producer_exited_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GSubprocess *process = G_SUBPROCESS (object);
  g_autoptr(AxdsDemo) self = user_data;
  const char *kind = g_object_get_data (G_OBJECT (process), "axds-kind");

  if (!g_subprocess_wait_finish (process, result, NULL))
    return;

  if (self->stopping)
    return;

  g_debug ("Demo producer %s exited", kind);
  g_signal_emit (self, signals[PRODUCER_EXITED], 0, kind);
}

static void
axds_demo_destroy_arrays (AxdsDemo *self)
{
  g_auto(GStrv) names = axds_demo_dup_array_names (self);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(AxdsSharedArray) array = axds_shared_array_new (names[i]);
      g_autoptr(GError) error = NULL;

      if (!axds_shared_array_destroy (array, TRUE, &error))
        g_warning ("Cannot remove demo array %s: %s", names[i], error->message);
    }
}

static void
axds_demo_dispose (GObject *object)
{
  AxdsDemo *self = (AxdsDemo *)object;

  axds_demo_stop (self);

  G_OBJECT_CLASS (axds_demo_parent_class)->dispose (object);
}

static void
axds_demo_finalize (GObject *object)
{
  AxdsDemo *self = (AxdsDemo *)object;

  g_clear_pointer (&self->prefix, g_free);
  g_clear_pointer (&self->log_folder, g_free);
  g_clear_pointer (&self->processes, g_ptr_array_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (axds_demo_parent_class)->finalize (object);
}

static void
axds_demo_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  AxdsDemo *self = AXDS_DEMO (object);

  switch (prop_id)
    {
    case PROP_PREFIX:
      g_value_set_string (value, self->prefix);
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, axds_demo_get_running (self));
      break;

    case PROP_LOG_FOLDER:
      g_value_set_string (value, self->log_folder);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
axds_demo_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  AxdsDemo *self = AXDS_DEMO (object);

  switch (prop_id)
    {
    case PROP_PREFIX:
      self->prefix = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
axds_demo_class_init (AxdsDemoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = axds_demo_dispose;
  object_class->finalize = axds_demo_finalize;
  object_class->get_property = axds_demo_get_property;
  object_class->set_property = axds_demo_set_property;

  properties[PROP_PREFIX] =
    g_param_spec_string ("prefix", NULL, NULL, "demo",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * AxdsDemo:log-folder:
   *
   * Where the demo's logger writes (`…/PREFIX_data_log`), kept after the demo stops; %NULL
   * before the first start.
   */
  properties[PROP_LOG_FOLDER] =
    g_param_spec_string ("log-folder", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AxdsDemo::producer-exited:
   * @self: the demo
   * @kind: which producer ("camera", "wheel", "sensors"), or "logger" for the demo's logger
   *
   * A producer exited while the demo was running: it crashed or was killed.
   */
  signals[PRODUCER_EXITED] =
    g_signal_new ("producer-exited",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
axds_demo_init (AxdsDemo *self)
{
  self->processes = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * axds_demo_new:
 * @prefix: (nullable): the start of the demo's array names; %NULL for `$AXDS_DEMO_PREFIX`
 *   or "demo"
 *
 * Returns: (transfer full): a stopped demo
 */
AxdsDemo *
axds_demo_new (const char *prefix)
{
  if (prefix == NULL)
    prefix = g_getenv ("AXDS_DEMO_PREFIX");
  if (prefix == NULL || *prefix == '\0')
    prefix = "demo";

  return g_object_new (AXDS_TYPE_DEMO, "prefix", prefix, NULL);
}

const char *
axds_demo_get_prefix (AxdsDemo *self)
{
  g_return_val_if_fail (AXDS_IS_DEMO (self), NULL);
  return self->prefix;
}

typedef struct
{
  GWeakRef demo;
  char    *message;
} DeathData;

static void
death_data_free (gpointer data)
{
  DeathData *death = data;

  g_weak_ref_clear (&death->demo);
  g_free (death->message);
  g_free (death);
}

static gboolean
logger_died_idle_cb (gpointer data)
{
  DeathData *death = data;
  g_autoptr(AxdsDemo) self = g_weak_ref_get (&death->demo);

  if (self != NULL && !self->stopping && self->logger != NULL)
    {
      g_debug ("Demo logger died: %s", death->message);
      g_signal_emit (self, signals[PRODUCER_EXITED], 0, "logger");
    }
  return G_SOURCE_REMOVE;
}

/* On the logger's watchdog thread: report in the main context, where the demo lives. */
static void
logger_died_cb (AxdsDataLogger *logger,
                const GError   *error,
                gpointer        user_data)
{
  DeathData *death = g_new0 (DeathData, 1);
  g_autoptr(GObject) demo = g_weak_ref_get (user_data);

  g_weak_ref_init (&death->demo, demo);
  death->message = g_strdup (error != NULL ? error->message : "");
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, logger_died_idle_cb, death,
                              death_data_free);
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/**
 * axds_demo_dup_log_root:
 *
 * Returns: (transfer full): the folder under which each run of the demo gets a folder of its
 *   own for its logger: `$AXDS_DEMO_LOG_DIR`, else `axds-monitor/demo-logs` in the user's
 *   cache folder
 */
char *
axds_demo_dup_log_root (void)
{
  const char *env = g_getenv ("AXDS_DEMO_LOG_DIR");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_cache_dir (), "axds-monitor", "demo-logs", NULL);
}

static gboolean
axds_demo_start_logger (AxdsDemo  *self,
                        GError   **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d_%H-%M-%S");
  g_autofree char *root = axds_demo_dup_log_root ();
  g_autofree char *run = g_build_filename (root, stamp, NULL);
  g_autoptr(AxdsDataLogger) logger = NULL;
  GWeakRef *weak;

  if (g_mkdir_with_parents (run, 0755) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Cannot make the demo's log folder %s: %s", run, g_strerror (saved));
      return FALSE;
    }
  logger = axds_data_logger_new (run, self->prefix, LOGGER_THREADS, LOGGER_POLL_MS, error);
  if (logger == NULL)
    return FALSE;
  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, self);
  axds_data_logger_set_death_func (logger, logger_died_cb, weak, weak_ref_free);
  if (!axds_data_logger_start (logger, error))
    {
      g_prefix_error (error, "Cannot start the demo's logger: ");
      return FALSE;
    }

  self->logger = g_steal_pointer (&logger);
  g_free (self->log_folder);
  self->log_folder = g_strdup_printf ("%s/%s_data_log", run, self->prefix);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOG_FOLDER]);
  return TRUE;
}

/**
 * axds_demo_start:
 * @self: a demo
 * @error: return location for an error
 *
 * Spawns the producers. Each creates its arrays within a few milliseconds.
 *
 * Returns: %TRUE if every producer was spawned
 */
gboolean
axds_demo_start (AxdsDemo  *self,
                 GError   **error)
{
  g_autofree char *producer = NULL;
  g_autofree char *parent = NULL;
  g_autoptr(GPtrArray) kinds = dup_producer_kinds ();

  g_return_val_if_fail (AXDS_IS_DEMO (self), FALSE);

  if (axds_demo_get_running (self))
    return TRUE;

  producer = axds_demo_find_producer ();
  parent = g_strdup_printf ("%d", (int)getpid ());
  self->stopping = FALSE;
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (!axds_demo_start_logger (self, error))
    return FALSE;

  for (guint i = 0; i < kinds->len; i++)
    {
      const char *kind = g_ptr_array_index (kinds, i);
      g_autoptr(GSubprocess) process = NULL;

      process = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, error,
                                  producer,
                                  "--kind", kind,
                                  "--prefix", self->prefix,
                                  "--parent", parent,
                                  "--logger", self->prefix,
                                  NULL);
      if (process == NULL)
        {
          g_prefix_error (error, "Cannot start the demo producer %s: ", producer);
          axds_demo_stop (self);
          return FALSE;
        }
      g_object_set_data (G_OBJECT (process), "axds-kind", (gpointer)kind);
      g_subprocess_wait_async (process, self->cancellable, producer_exited_cb, g_object_ref (self));
      g_ptr_array_add (self->processes, g_steal_pointer (&process));
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  return TRUE;
}

/**
 * axds_demo_stop:
 * @self: a demo
 *
 * Stops the producers (SIGTERM, then SIGKILL after a few seconds) and destroys every demo
 * array by name, also those of a producer that crashed. Waits for the processes: when it
 * returns, nothing of the demo is left.
 */
void
axds_demo_stop (AxdsDemo *self)
{
  gint64 deadline = g_get_monotonic_time () + STOP_TIMEOUT_US;
  gboolean was_running;

  g_return_if_fail (AXDS_IS_DEMO (self));

  was_running = self->processes->len > 0;
  self->stopping = TRUE;
  g_cancellable_cancel (self->cancellable);

  for (guint i = 0; i < self->processes->len; i++)
    g_subprocess_send_signal (g_ptr_array_index (self->processes, i), SIGTERM);

  /* GSubprocess reaps its children in GLib's worker thread, so the identifier turns NULL
   * without this thread running a main loop. */
  for (guint i = 0; i < self->processes->len; i++)
    {
      GSubprocess *process = g_ptr_array_index (self->processes, i);

      while (g_subprocess_get_identifier (process) != NULL && g_get_monotonic_time () < deadline)
        g_usleep (5000);
      if (g_subprocess_get_identifier (process) != NULL)
        {
          g_warning ("Demo producer %s did not stop; killing it",
                     (const char *)g_object_get_data (G_OBJECT (process), "axds-kind"));
          g_subprocess_force_exit (process);
          g_subprocess_wait (process, NULL, NULL);
        }
    }
  g_ptr_array_set_size (self->processes, 0);

  /* After the producers: everything they submitted goes to disk before this returns. */
  if (self->logger != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!axds_data_logger_stop (self->logger, &error))
        g_warning ("The demo's logger: %s", error->message);
      g_clear_pointer (&self->logger, axds_data_logger_unref);
    }

  if (was_running)
    {
      axds_demo_destroy_arrays (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
    }
}

/**
 * axds_demo_get_log_folder:
 * @self: a demo
 *
 * Returns: (nullable): where the demo's logger writes or wrote last (kept after a stop)
 */
const char *
axds_demo_get_log_folder (AxdsDemo *self)
{
  g_return_val_if_fail (AXDS_IS_DEMO (self), NULL);
  return self->log_folder;
}

/**
 * axds_demo_get_logger:
 * @self: a demo
 *
 * Returns: (transfer none) (nullable): the demo's logger while the demo runs
 */
AxdsDataLogger *
axds_demo_get_logger (AxdsDemo *self)
{
  g_return_val_if_fail (AXDS_IS_DEMO (self), NULL);
  return self->logger;
}

gboolean
axds_demo_get_running (AxdsDemo *self)
{
  g_return_val_if_fail (AXDS_IS_DEMO (self), FALSE);
  return self->processes->len > 0;
}

/**
 * axds_demo_dup_array_names:
 * @self: a demo
 *
 * Returns: (transfer full): the names of every array the demo makes
 */
GStrv
axds_demo_dup_array_names (AxdsDemo *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const AxdsDemoArraySpec *specs;
  guint n_specs;

  g_return_val_if_fail (AXDS_IS_DEMO (self), NULL);

  specs = axds_demo_rig_get_arrays (AXDS_DEMO_LAYOUT_MONITOR, &n_specs);
  for (guint i = 0; i < n_specs; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%s", self->prefix, specs[i].suffix);
      g_strv_builder_add (builder, name);
    }

  return g_strv_builder_end (builder);
}

/**
 * axds_demo_dup_pids:
 * @self: a demo
 *
 * Returns: (transfer full) (element-type GPid): the process IDs of the running producers
 */
GArray *
axds_demo_dup_pids (AxdsDemo *self)
{
  GArray *pids = g_array_new (FALSE, FALSE, sizeof (GPid));

  g_return_val_if_fail (AXDS_IS_DEMO (self), pids);

  for (guint i = 0; i < self->processes->len; i++)
    {
      const char *id = g_subprocess_get_identifier (g_ptr_array_index (self->processes, i));
      GPid pid;

      if (id == NULL)
        continue;
      pid = (GPid)g_ascii_strtoll (id, NULL, 10);
      g_array_append_val (pids, pid);
    }

  return pids;
}

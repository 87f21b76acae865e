/* axds-fault-runner.c — runs one libaxds operation for the fault-injection test
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage:
 *   axds-fault-runner logger DIR N        start a data logger in DIR, submit N messages, stop
 *   axds-fault-runner archive DIR         assemble DIR's logs (verified, sources removed)
 *   axds-fault-runner tracker PATH        start, complete and fail jobs, add one
 *   axds-fault-runner config PATH         save a YAML config over PATH
 *   axds-fault-runner checksum DIR        checksum DIR and save ax_checksum.txt
 *   axds-fault-runner transfer SRC DST    transfer SRC to DST, verified, removing SRC
 *
 * Run under axds-fault-shim.so. Prints one "STEP NAME" line per step that succeeded, then
 * "RESULT ok" or "RESULT error DOMAIN CODE MESSAGE". Afterwards, with the shim switched off, it
 * checks itself for leaks: descriptors open and mappings of files under AXDS_FAULT_ROOT, and
 * segments left in AXDS_SHM_DIR; each is printed as a "LEAK" line and makes the exit status 2.
 * What the operation left on disk is for the test to judge.
 */

#include "config.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include <axds.h>

/* A configuration class as an application would declare one. */
#define FAULT_TYPE_CONFIG (fault_config_get_type ())
G_DECLARE_FINAL_TYPE (FaultConfig, fault_config, FAULT, CONFIG, GObject)

struct _FaultConfig
{
  GObject parent_instance;
  char   *name;
  int     count;
};

G_DEFINE_FINAL_TYPE (FaultConfig, fault_config, G_TYPE_OBJECT)

enum { PROP_0, PROP_NAME, PROP_COUNT, N_PROPS };

static void
fault_config_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  FaultConfig *self = FAULT_CONFIG (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_COUNT:
      g_value_set_int (value, self->count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fault_config_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  FaultConfig *self = FAULT_CONFIG (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_free (self->name);
      self->name = g_value_dup_string (value);
      break;
    case PROP_COUNT:
      self->count = g_value_get_int (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fault_config_finalize (GObject *object)
{
  g_free (FAULT_CONFIG (object)->name);
  G_OBJECT_CLASS (fault_config_parent_class)->finalize (object);
}

static void
fault_config_class_init (FaultConfigClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = fault_config_get_property;
  object_class->set_property = fault_config_set_property;
  object_class->finalize = fault_config_finalize;
  g_object_class_install_property (object_class, PROP_NAME,
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_property (object_class, PROP_COUNT,
    g_param_spec_int ("count", NULL, NULL, 0, 1000000, 0,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
}

static void
fault_config_init (FaultConfig *self)
{
}

static void
step (const char *name)
{
  printf ("STEP %s\n", name);
  fflush (stdout);
}

static gboolean
run_logger (const char *dir,
            guint       n,
            GError    **error)
{
  g_autoptr(AxdsDataLogger) logger = NULL;
  AxdsLogQueue *queue;
  gboolean ok = TRUE;

  logger = axds_data_logger_new (dir, "fault", 2, 1, error);
  if (logger == NULL || !axds_data_logger_start (logger, error))
    return FALSE;
  step ("start");
  queue = axds_data_logger_get_queue (logger);
  for (guint i = 0; i < n && ok; i++)
    {
      /* Mostly small messages and one large one, as cameras and sensors send them. */
      gsize len = i == n / 2 ? 300 * 1024 : 64 + i;
      g_autofree guint8 *payload = g_malloc (len);

      for (gsize j = 0; j < len; j++)
        payload[j] = (guint8) (i * 31 + j);
      ok = axds_log_queue_submit (queue, 1, i, payload, len, error);
      if (ok)
        printf ("SUBMITTED %u %" G_GSIZE_FORMAT "\n", i, len);
    }
  if (!ok)
    {
      axds_data_logger_stop (logger, NULL);
      return FALSE;
    }
  if (!axds_data_logger_stop (logger, error))
    return FALSE;
  step ("stop");
  return TRUE;
}

static gboolean
run_tracker (const char *path,
             GError    **error)
{
  g_autoptr(AxdsTracker) tracker = axds_tracker_new (path);
  g_auto(GStrv) ids = NULL;
  const char *names[] = { "extra" };
  const char *specifiers[] = { "" };

  g_autofree char *a = axds_tracker_generate_job_id ("job-a", "", NULL);
  g_autofree char *b = axds_tracker_generate_job_id ("job-b", "", NULL);

  axds_tracker_set_lock_timeout (tracker, 2 * G_USEC_PER_SEC);
  if (!axds_tracker_start_job (tracker, a, "fault-runner", error))
    return FALSE;
  step ("start-a");
  if (!axds_tracker_complete_job (tracker, a, error))
    return FALSE;
  step ("complete-a");
  if (!axds_tracker_fail_job (tracker, b, "injected failure of job b", error))
    return FALSE;
  step ("fail-b");
  ids = axds_tracker_initialize_jobs (tracker, names, specifiers, 1, error);
  if (ids == NULL)
    return FALSE;
  step ("add-extra");
  return TRUE;
}

static gboolean
run_config (const char *path,
            GError    **error)
{
  g_autoptr(GObject) config = g_object_new (FAULT_TYPE_CONFIG,
                                            "name", "second version", "count", 2, NULL);

  return axds_yaml_config_save (config, path, AXDS_YAML_CONFIG_SAVE_NONE, error);
}

static gboolean
run_checksum (const char *dir,
              GError    **error)
{
  g_autofree char *checksum = NULL;

  checksum = axds_calculate_directory_checksum (dir, 2, TRUE, NULL, NULL, NULL, NULL, NULL,
                                                error);
  if (checksum == NULL)
    return FALSE;
  printf ("CHECKSUM %s\n", checksum);
  return TRUE;
}

/* Descriptors, mappings and segments of files under the roots the shim watches. */
static guint
check_leaks (void)
{
  const char *env = g_getenv ("AXDS_FAULT_ROOT");
  const char *shm_dir = g_getenv ("AXDS_SHM_DIR");
  g_auto(GStrv) roots = g_strsplit (env ? env : "", ":", -1);
  g_autoptr(GDir) fds = g_dir_open ("/proc/self/fd", 0, NULL);
  g_autofree char *maps = NULL;
  const char *name;
  guint leaks = 0;

  while (fds != NULL && (name = g_dir_read_name (fds)) != NULL)
    {
      g_autofree char *link = g_strconcat ("/proc/self/fd/", name, NULL);
      g_autofree char *target = g_file_read_link (link, NULL);

      for (guint i = 0; target != NULL && roots[i] != NULL; i++)
        if (*roots[i] != '\0' && g_str_has_prefix (target, roots[i]))
          {
            printf ("LEAK fd %s -> %s\n", name, target);
            leaks++;
            break;
          }
    }

  if (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL))
    {
      g_auto(GStrv) lines = g_strsplit (maps, "\n", -1);

      for (guint l = 0; lines[l] != NULL; l++)
        for (guint i = 0; roots[i] != NULL; i++)
          if (*roots[i] != '\0' && strstr (lines[l], roots[i]) != NULL)
            {
              printf ("LEAK map %s\n", lines[l]);
              leaks++;
              break;
            }
    }

  if (shm_dir != NULL)
    {
      g_autoptr(GDir) dir = g_dir_open (shm_dir, 0, NULL);

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          printf ("LEAK segment %s/%s\n", shm_dir, name);
          leaks++;
        }
    }
  return leaks;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  void (*set_enabled) (int) = NULL;
  gboolean ok;

  if (argc < 3)
    {
      fprintf (stderr, "usage: %s OPERATION ARGS…\n", argv[0]);
      return 1;
    }
  setvbuf (stdout, NULL, _IOLBF, 0);
  /* The type system and GLib's own set-up happen before the operation, so that the call sites
   * counted are the operation's. */
  g_type_ensure (FAULT_TYPE_CONFIG);

  if (g_str_equal (argv[1], "logger") && argc == 4)
    ok = run_logger (argv[2], (guint) g_ascii_strtoull (argv[3], NULL, 10), &error);
  else if (g_str_equal (argv[1], "archive"))
    ok = axds_log_assemble_archives (argv[2], 2, AXDS_LOG_ASSEMBLE_VERIFY, NULL, NULL, NULL,
                                     &error);
  else if (g_str_equal (argv[1], "tracker"))
    ok = run_tracker (argv[2], &error);
  else if (g_str_equal (argv[1], "config"))
    ok = run_config (argv[2], &error);
  else if (g_str_equal (argv[1], "checksum"))
    ok = run_checksum (argv[2], &error);
  else if (g_str_equal (argv[1], "transfer") && argc == 4)
    ok = axds_transfer_directory (argv[2], argv[3], 2,
                                  AXDS_TRANSFER_VERIFY_INTEGRITY | AXDS_TRANSFER_REMOVE_SOURCE,
                                  NULL, NULL, NULL, NULL, &error);
  else
    {
      fprintf (stderr, "%s: unknown operation '%s'\n", argv[0], argv[1]);
      return 1;
    }

  *(void **) &set_enabled = dlsym (RTLD_DEFAULT, "axds_fault_shim_set_enabled");
  if (set_enabled != NULL)
    set_enabled (0);

  if (ok)
    printf ("RESULT ok\n");
  else
    printf ("RESULT error %s %d %s\n", g_quark_to_string (error->domain), error->code,
            error->message);
  return check_leaks () > 0 ? 2 : 0;
}

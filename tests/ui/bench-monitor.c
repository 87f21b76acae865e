/* bench-monitor.c — main-thread cost of showing a 1024 × 1024 uint16 frame live
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the image view does on the main thread for each new frame, step by step, while a
 * writer thread writes the shared array at 60 frames/s:
 *
 *   snapshot  axds_shared_array_snapshot(): lock-free copy out of /dev/shm
 *   stats     min/max/mean for automatic contrast
 *   map       contrast + colour map into 0xAARRGGBB pixels, wrapped in a GdkMemoryTexture
 *   render    the GSK cairo renderer drawing that texture scaled to 768 × 768 (what the
 *             software renderer does per frame; the GL renderer uploads the texture instead)
 *
 * each beside memcpy of the same 2 MiB measured in the same run. No display is needed.
 */

#include "config.h"

#include <gtk/gtk.h>
#include <string.h>
#include <unistd.h>

#include "axds.h"
#include "models/axds-colormap.h"

#define SIDE      1024
#define N_FRAMES  300
#define VIEW_SIDE 768

typedef struct
{
  char          *name;
  gint           stop;
  guint64        frames;
} Writer;

static gpointer
writer_thread (gpointer data)
{
  Writer *writer = data;
  g_autoptr(AxdsSharedArray) array = axds_shared_array_open (writer->name, NULL);
  g_autofree guint16 *frame = g_new (guint16, SIDE * SIDE);
  gint64 next = g_get_monotonic_time ();

  g_assert_nonnull (array);
  while (!g_atomic_int_get (&writer->stop))
    {
      for (gsize i = 0; i < SIDE * SIDE; i++)
        frame[i] = (guint16)((i * 7 + writer->frames * 13) & 0x0fff);
      axds_shared_array_write (array, 0, SIDE * SIDE, frame,
                               AXDS_ACCESS_LOCK | AXDS_ACCESS_WRITE, NULL);
      writer->frames++;
      next += G_USEC_PER_SEC / 60;
      if (next > g_get_monotonic_time ())
        g_usleep (next - g_get_monotonic_time ());
    }
  return NULL;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* Median in µs: robust against the writer thread and the scheduler. */
static double
median (double *samples,
        guint   n)
{
  qsort (samples, n, sizeof (double), compare_doubles);
  return samples[n / 2];
}

int
main (int   argc,
      char *argv[])
{
  const guint64 shape[2] = { SIDE, SIDE };
  gsize nbytes = SIDE * SIDE * sizeof (guint16);
  g_autofree char *name = g_strdup_printf ("axds-bench-monitor-%d", (int)getpid ());
  g_autoptr(GError) error = NULL;
  g_autoptr(AxdsSharedArray) array = NULL;
  g_autofree guint16 *buffer = g_new0 (guint16, SIDE * SIDE);
  g_autofree guint16 *source = g_new0 (guint16, SIDE * SIDE);
  g_autoptr(GskRenderer) renderer = NULL;
  double t_memcpy[N_FRAMES], t_snapshot[N_FRAMES], t_stats[N_FRAMES], t_map[N_FRAMES];
  double t_render[N_FRAMES];
  double m_memcpy, m_snapshot, m_stats, m_map, m_render, main_thread;
  guint32 lut[256];
  Writer writer = { 0 };
  GThread *thread;
  gboolean can_render;

  array = axds_shared_array_create (name, AXDS_DTYPE_UINT16, 2, shape, NULL, 0,
                                    AXDS_SHARED_ARRAY_CREATE_NONE, &error);
  if (array == NULL)
    g_error ("%s", error->message);
  axds_shared_array_set_snapshot_timeout (array, 2000);
  axds_colormap_fill_lut (AXDS_COLORMAP_VIRIDIS, lut);
  for (gsize i = 0; i < SIDE * SIDE; i++)
    source[i] = (guint16)(i & 0x0fff);

  /* Registers the render node types, which gtk_init() does otherwise. */
  g_type_ensure (GSK_TYPE_TEXTURE_NODE);
  renderer = gsk_cairo_renderer_new ();
  can_render = gsk_renderer_realize (renderer, NULL, NULL);

  writer.name = name;
  thread = g_thread_new ("writer", writer_thread, &writer);

  for (guint f = 0; f < N_FRAMES; f++)
    {
      AxdsFrameStats stats;
      g_autoptr(GdkTexture) texture = NULL;
      g_autoptr(GskRenderNode) node = NULL;
      g_autoptr(GdkTexture) rendered = NULL;
      gint64 t0, t1, t2, t3, t4, t5;

      t0 = g_get_monotonic_time ();
      memcpy (buffer, source, nbytes);
      t1 = g_get_monotonic_time ();
      while (!axds_shared_array_snapshot (array, buffer, nbytes, NULL, NULL))
        ;
      t2 = g_get_monotonic_time ();
      axds_frame_compute_stats (AXDS_DTYPE_UINT16, buffer, SIDE * SIDE, &stats);
      t3 = g_get_monotonic_time ();
      texture = axds_frame_render_texture (AXDS_DTYPE_UINT16, SIDE, SIDE, buffer,
                                           stats.min, stats.max, lut);
      t4 = g_get_monotonic_time ();
      if (can_render)
        {
          node = gsk_texture_node_new (texture, &GRAPHENE_RECT_INIT (0, 0, VIEW_SIDE, VIEW_SIDE));
          rendered = gsk_renderer_render_texture (renderer, node,
                                                  &GRAPHENE_RECT_INIT (0, 0, VIEW_SIDE, VIEW_SIDE));
        }
      t5 = g_get_monotonic_time ();

      t_memcpy[f] = t1 - t0;
      t_snapshot[f] = t2 - t1;
      t_stats[f] = t3 - t2;
      t_map[f] = t4 - t3;
      t_render[f] = t5 - t4;

      /* Pace like the frame clock would, so the writer keeps racing us. */
      g_usleep (2000);
    }

  g_atomic_int_set (&writer.stop, 1);
  g_thread_join (thread);
  if (can_render)
    gsk_renderer_unrealize (renderer);
  axds_shared_array_destroy (array, FALSE, NULL);

  m_memcpy = median (t_memcpy, N_FRAMES);
  m_snapshot = median (t_snapshot, N_FRAMES);
  m_stats = median (t_stats, N_FRAMES);
  m_map = median (t_map, N_FRAMES);
  m_render = median (t_render, N_FRAMES);
  main_thread = m_snapshot + m_stats + m_map;

  g_print ("axds-monitor main-thread cost per 1024 x 1024 uint16 frame "
           "(median of %d, writer at 60 Hz, %" G_GUINT64_FORMAT " frames written)\n",
           N_FRAMES, writer.frames);
  g_print ("  memcpy 2 MiB (baseline)   %8.3f ms\n", m_memcpy / 1000);
  g_print ("  snapshot (lock-free)      %8.3f ms  %5.2f x memcpy\n",
           m_snapshot / 1000, m_snapshot / m_memcpy);
  g_print ("  stats (auto contrast)     %8.3f ms  %5.2f x memcpy\n",
           m_stats / 1000, m_stats / m_memcpy);
  g_print ("  colour map + texture      %8.3f ms  %5.2f x memcpy\n",
           m_map / 1000, m_map / m_memcpy);
  g_print ("  monitor total             %8.3f ms  %5.2f x memcpy  %4.1f%% of a 60 Hz frame\n",
           main_thread / 1000, main_thread / m_memcpy, main_thread / (1e6 / 60) * 100);
  if (can_render)
    g_print ("  GSK cairo draw at %dx%d %8.3f ms  %5.2f x memcpy (software renderer only)\n",
             VIEW_SIDE, VIEW_SIDE, m_render / 1000, m_render / m_memcpy);

  return 0;
}

/* axds-demo-rig.h — the simulated behaviour rig of both demos: its arrays and its signals
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "axds.h"

G_BEGIN_DECLS

/**
 * AxdsDemoLayout:
 * @AXDS_DEMO_LAYOUT_MONITOR: the arrays of `axds-monitor --demo`, written by three producer
 *   processes (camera, wheel, sensors)
 * @AXDS_DEMO_LAYOUT_TERMINAL: the four arrays of `axds shm demo`, written by one process
 *
 * Two sets of arrays over the same rig: the monitor's screenshots and tests show the first,
 * scripts and the CLI's tests read the second.
 */
typedef enum
{
  AXDS_DEMO_LAYOUT_MONITOR,
  AXDS_DEMO_LAYOUT_TERMINAL,
} AxdsDemoLayout;

/**
 * AxdsDemoArraySpec:
 * @producer: the producer process that writes it (`--kind` of axds-demo-producer), %NULL in
 *   the terminal layout
 * @suffix: the end of the array's name
 * @dtype: its element type
 * @ndim: its number of dimensions
 * @shape: its dimensions
 * @rate_hz: writes per second; 0 for an array written when something happens
 */
typedef struct
{
  const char *producer;
  const char *suffix;
  AxdsDtype   dtype;
  guint       ndim;
  guint64     shape[2];
  double      rate_hz;
} AxdsDemoArraySpec;

const AxdsDemoArraySpec *axds_demo_rig_get_arrays (AxdsDemoLayout  layout,
                                                   guint          *n_arrays);

/**
 * AxdsDemoSensors:
 * @lick_volts: the lick sensor's voltage
 * @licking: whether the tongue touches the spout
 * @lick_changed: @licking changed with this step
 * @new_trial: a trial started with this step
 */
typedef struct
{
  float    lick_volts;
  gboolean licking;
  gboolean lick_changed;
  gboolean new_trial;
} AxdsDemoSensors;

typedef struct _AxdsDemoRig AxdsDemoRig;

AxdsDemoRig *axds_demo_rig_new                 (void);
void         axds_demo_rig_free                (AxdsDemoRig     *self);
void         axds_demo_rig_render_camera       (AxdsDemoRig     *self,
                                                double           t,
                                                guint            size,
                                                guint16         *frame);
double       axds_demo_rig_step_wheel          (AxdsDemoRig     *self);
double       axds_demo_rig_get_wheel_position  (AxdsDemoRig     *self);
void         axds_demo_rig_step_sensors        (AxdsDemoRig     *self,
                                                gint64           elapsed_us,
                                                AxdsDemoSensors *sensors);
gint64       axds_demo_rig_get_trial           (AxdsDemoRig     *self);
guint32      axds_demo_rig_get_licks           (AxdsDemoRig     *self);
guint32      axds_demo_rig_get_rewards         (AxdsDemoRig     *self);
void         axds_demo_rig_read_environment    (AxdsDemoRig     *self,
                                                double           t,
                                                float            environment[3]);
float        axds_demo_rig_read_brake_torque   (AxdsDemoRig     *self,
                                                double           t);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AxdsDemoRig, axds_demo_rig_free)

G_END_DECLS

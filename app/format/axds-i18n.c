/* axds-i18n.c — gettext set-up of the axds and axds-monitor programs
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * Two gettext domains, two catalogues: the programs' strings are in GETTEXT_PACKAGE
 * ("axds-monitor", po/), libaxds' messages in "axds-1" (lib/po/), which the library binds
 * itself on first use (lib/axds-i18n.c). Installed, both catalogues are under LOCALEDIR.
 *
 * From the build tree they are not installed yet and live in two folders, one per domain, so
 * one environment variable per domain names the folder to use instead of LOCALEDIR:
 *   AXDS_MONITOR_LOCALEDIR  the build tree's po/      (domain axds-monitor, read here)
 *   AXDS_LIB_LOCALEDIR      the build tree's lib/po/  (domain axds-1, read by libaxds)
 * `meson devenv` sets both (meson.build), so `meson devenv -C _build axds …` speaks the
 * desktop's language; the tests that check translations get them from `meson test`.
 */

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "axds-i18n.h"

/**
 * axds_i18n_init:
 *
 * Sets the locale from the environment and binds the programs' text domain. Call it first in
 * main(), before anything is translated.
 */
void
axds_i18n_init (void)
{
  const char *dir = g_getenv ("AXDS_MONITOR_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, dir != NULL && *dir != '\0' ? dir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

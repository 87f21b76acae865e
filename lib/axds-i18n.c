/* axds-i18n.c — translation of libaxds' messages
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <libintl.h>

#include "axds-i18n-private.h"

/* The catalogue is LOCALEDIR/LANG/LC_MESSAGES/axds-1.mo of the prefix the library was built
 * for. AXDS_LIB_LOCALEDIR overrides that folder: `meson test` and `meson devenv` point it at
 * the build tree's lib/po, as they point AXDS_MONITOR_LOCALEDIR at po/ for the programs. */
static gpointer
bind_domain (gpointer data)
{
  const char *dir = g_getenv ("AXDS_LIB_LOCALEDIR");

  bindtextdomain (AXDS_GETTEXT_PACKAGE, dir != NULL && *dir != '\0' ? dir : LOCALEDIR);
  bind_textdomain_codeset (AXDS_GETTEXT_PACKAGE, "UTF-8");
  return NULL;
}

static void
ensure_bound (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, bind_domain, NULL);
}

/* Callers translate in the same argument list that passes a saved errno, in an unspecified
 * order: looking a message up (and binding the domain the first time) must not change errno
 * under them. */

const char *
_axds_gettext (const char *msgid)
{
  int saved_errno = errno;
  const char *text;

  ensure_bound ();
  text = g_dgettext (AXDS_GETTEXT_PACKAGE, msgid);
  errno = saved_errno;
  return text;
}

const char *
_axds_ngettext (const char *msgid,
                const char *msgid_plural,
                gulong      n)
{
  int saved_errno = errno;
  const char *text;

  ensure_bound ();
  text = g_dngettext (AXDS_GETTEXT_PACKAGE, msgid, msgid_plural, n);
  errno = saved_errno;
  return text;
}

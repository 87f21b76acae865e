/* axds-i18n-private.h — translation of libaxds' messages
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * libaxds translates its error messages in a gettext domain of its own, AXDS_GETTEXT_PACKAGE
 * ("axds-1", sources in lib/po/), which it binds itself the first time it translates a message:
 * a program needs to know nothing about it. The program chooses the language (setlocale());
 * the library never calls setlocale() or textdomain().
 *
 * Formats with 64-bit or size values use PRIu64/PRId64 from <inttypes.h> and %zu: xgettext reads
 * those, whereas a string spliced with G_GUINT64_FORMAT & co. is silently left out of the
 * catalogue. Plurals go through _axds_ngettext (), which lib/po/meson.build names to xgettext.
 */

const char *_axds_gettext  (const char *msgid) G_GNUC_FORMAT (1);
const char *_axds_ngettext (const char *msgid,
                            const char *msgid_plural,
                            gulong      n) G_GNUC_FORMAT (1) G_GNUC_FORMAT (2);

#define _(String) _axds_gettext (String)
#define N_(String) (String)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * locale.c: the locale and gettext set-up shared by hocso, hocso-cmd,
 * hocso-pack and hocso-server.  It owns the choice of the catalog's folder
 * (HOCSO_LOCALEDIR; else, for a program run from its build folder, that
 * build's i18n/locale; else LOCALEDIR) and the
 * fallback to a UTF-8 locale; it never prints and never exits.  Built
 * without NLS it only sets the locale.
 */
#include "config.h"

#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/i18n.h"
#include "core/locale.h"

static const char *const locale_utf8_names[] =
    { "C.UTF-8", "C.utf8", "en_US.UTF-8", "vi_VN.UTF-8" };

/* Makes sure the character type is UTF-8, switching to a UTF-8 locale
 * that exists when the user's is not.  Returns 0 or -1. */
static int
locale_ensure_utf8(void)
{
	unsigned i;

	if (!strcmp(nl_langinfo(CODESET), "UTF-8"))
		return 0;
	for (i = 0; i < sizeof locale_utf8_names / sizeof *locale_utf8_names;
	    i++)
		if (setlocale(LC_CTYPE, locale_utf8_names[i]) != NULL &&
		    !strcmp(nl_langinfo(CODESET), "UTF-8"))
			return 0;
	return -1;
}

/* gettext ignores LANGUAGE while messages are in the "C" locale, which is
 * what a machine with no locale set gives: move messages to a UTF-8
 * locale so that --lang and LANGUAGE are obeyed. */
void
locale_messages_switchable(void)
{
	const char *cur = setlocale(LC_MESSAGES, NULL);
	unsigned i;

	if (cur != NULL && strcmp(cur, "C") != 0 && strcmp(cur, "POSIX") != 0)
		return;
	for (i = 0; i < sizeof locale_utf8_names / sizeof *locale_utf8_names;
	    i++)
		if (setlocale(LC_MESSAGES, locale_utf8_names[i]) != NULL)
			return;
}

#ifdef ENABLE_NLS
/* The catalogs' folder: $HOCSO_LOCALEDIR when set; else, when the
 * program runs from its build folder (as learn/hocso, the folder above
 * holding config.status and i18n/locale with hocso's catalog, which
 * `./quickstart run` and the tests use), that i18n/locale; else the
 * installed LOCALEDIR.  buf holds the build's path. */
static const char *
locale_dir(char *buf, size_t len)
{
	const char *dir = getenv("HOCSO_LOCALEDIR");
	char exe[PATH_MAX], *slash;
	ssize_t n;

	if (dir != NULL && *dir != '\0')
		return dir;
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return LOCALEDIR;
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) == NULL)
		return LOCALEDIR;
	*slash = '\0';
	if ((size_t)snprintf(buf, len, "%s/../config.status", exe) >= len ||
	    access(buf, F_OK) != 0)
		return LOCALEDIR;
	if ((size_t)snprintf(buf, len, "%s/../i18n/locale/vi/LC_MESSAGES/"
	    "%s.mo", exe, PACKAGE) >= len || access(buf, R_OK) != 0)
		return LOCALEDIR;
	snprintf(buf, len, "%s/../i18n/locale", exe);
	return buf;
}
#else
const char *
locale_untranslated(const char *s)
{
	return s;
}
#endif

int
locale_setup(unsigned flags, struct hs_error *err)
{
#ifdef ENABLE_NLS
	char buf[PATH_MAX + 64];
#endif

	/* Not LC_ALL: LC_NUMERIC from a Vietnamese LANG would make
	 * strtod stop at "12.5"'s point and printf write "12,5" into a
	 * CSV; and loading the ten others took half of what hocso did
	 * before it started to read its store. */
	setlocale(LC_CTYPE, "");
	setlocale(LC_MESSAGES, "");
#ifdef ENABLE_NLS
	bindtextdomain(PACKAGE, locale_dir(buf, sizeof buf));
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
#endif
	if (!(flags & LOCALE_UTF8))
		return 0;
	locale_messages_switchable();
	if (locale_ensure_utf8() != 0)
		return hs_error_set(err, HS_EINVAL, "%s", _("no UTF-8 locale "
		    "found: install one (e.g. apt-get install locales-all) or "
		    "set LANG=C.UTF-8"));
	return 0;
}

/*
 * locale.c: the locale and gettext set-up shared by hocso, hocso-cmd,
 * hocso-pack and hocso-server.  It owns the choice of the catalog's folder
 * (HOCSO_LOCALEDIR for an uninstalled build, else LOCALEDIR) and the
 * fallback to a UTF-8 locale; it never prints and never exits.  Built
 * without NLS it only sets the locale.
 */
#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

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
static void
locale_messages_not_c(void)
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

#ifndef ENABLE_NLS
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
	const char *dir = getenv("HOCSO_LOCALEDIR");
#endif

	setlocale(LC_ALL, "");
#ifdef ENABLE_NLS
	bindtextdomain(PACKAGE, dir != NULL && *dir != '\0' ? dir : LOCALEDIR);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
#endif
	if (!(flags & LOCALE_UTF8))
		return 0;
	locale_messages_not_c();
	if (locale_ensure_utf8() != 0)
		return hs_error_set(err, HS_EINVAL, "%s", _("no UTF-8 locale "
		    "found: install one (e.g. apt-get install locales-all) or "
		    "set LANG=C.UTF-8"));
	return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * i18n.h: the gettext macros every user-facing string goes through.
 *
 * _() translates now, N_() marks a string for translation later (tables),
 * P_() chooses a plural form.  Without NLS they fall back to the English
 * text, so the program still builds and runs (GNU nano's way).
 */
#ifndef HOCSO_I18N_H
#define HOCSO_I18N_H

#ifdef ENABLE_NLS
# include <libintl.h>
# define _(s)		gettext(s)
# define P_(s, p, n)	ngettext(s, p, n)
#else
/* The identity, as a function: the compiler then treats the format
 * strings of a build without NLS as it does gettext()'s, checking their
 * arguments (format_arg) but not guessing how long the text will be. */
const char *locale_untranslated(const char *s) __attribute__((format_arg(1)));
# define _(s)		locale_untranslated(s)
# define P_(s, p, n)	locale_untranslated((n) == 1 ? (s) : (p))
#endif
#define N_(s)		(s)

#endif

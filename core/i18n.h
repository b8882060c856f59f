/*
 * i18n.h: the gettext macros every user-facing string goes through.
 *
 * _() translates now, N_() marks a string for translation later (tables),
 * P_() chooses a plural form.  Without NLS they fall back to the English
 * text, so the program still builds and runs.
 */
#ifndef HOCSO_I18N_H
#define HOCSO_I18N_H

#ifdef ENABLE_NLS
# include <libintl.h>
# define _(s)		gettext(s)
# define P_(s, p, n)	ngettext(s, p, n)
#else
# define _(s)		(s)
# define P_(s, p, n)	((n) == 1 ? (s) : (p))
#endif
#define N_(s)		(s)

#endif

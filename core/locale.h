/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * locale.h: the locale and message-catalog set-up that every program's
 * main() does first, in one place (nano's order: setlocale, then
 * bindtextdomain, then textdomain).
 */
#ifndef HOCSO_LOCALE_H
#define HOCSO_LOCALE_H

#include "core/error.h"

enum {
	/* The program draws text: insist on a UTF-8 character type,
	 * switching to a UTF-8 locale that exists when the user's is not,
	 * and move messages out of the "C" locale so that LANGUAGE is
	 * obeyed (gettext ignores it there). */
	LOCALE_UTF8 = 1 << 0,
};

/* Sets the locale's character type and messages from the environment
 * (only those two: numbers are read and written with a point, as files
 * and the network want them, whatever LANG says, and every date hocso
 * prints is numeric) and, in a build with NLS, binds
 * hocso's catalog from $HOCSO_LOCALEDIR when it is set and not empty, else
 * from the build's i18n/locale when the program runs from its build folder
 * (the folder above the program's holds config.status and hocso's
 * catalog), else from the installed LOCALEDIR.  flags is 0 or LOCALE_UTF8.  Returns 0, or
 * HS_EINVAL with err filled (translated) when LOCALE_UTF8 was asked for and
 * no UTF-8 locale exists. */
int locale_setup(unsigned flags, struct hs_error *err);

/* Moves messages out of the "C" locale, when they are in it, so that
 * gettext obeys LANGUAGE (a program that answers each request in its
 * own language sets LANGUAGE per request). */
void locale_messages_switchable(void);

#endif

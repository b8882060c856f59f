/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * period.c: the bounds of a period given on the command line (--since,
 * --until): a date is a day of the province's local time (TZ), a time
 * with Z or an offset is that instant, a time without one is local.
 * --since includes its bound, --until excludes it, except that a date
 * given to --until includes that whole day.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/error.h"
#include "server/server.h"

int
server_period_parse(const char *text, int until, long long *ms)
{
	int y, mo, d, h = 0, mi = 0, sec = 0, n = 0, date;
	const char *t;
	struct tm tm;
	time_t when;

	t = strpbrk(text, "Tt ");
	/* An instant: a zone after the time. */
	if (t != NULL && strpbrk(t, "Zz+-") != NULL)
		return server_time_parse(text, ms);
	if (server_time_parse(text, ms) != 0)	/* its shape, checked */
		return HS_EINVAL;
	date = strlen(text) == 10;
	if (sscanf(text, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3)
		return HS_EINVAL;
	if (!date && sscanf(text + n + 1, "%2d:%2d:%2d", &h, &mi, &sec) < 2)
		return HS_EINVAL;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d + (date && until);
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	tm.tm_isdst = -1;
	if ((when = mktime(&tm)) == (time_t)-1)
		return HS_EINVAL;
	*ms = (long long)when * 1000;
	return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * period.c: the bounds of a period given on the command line (--since,
 * --until): a date is a day of the province's local time (TZ); a time
 * is the instant it says (UTC when it has no zone, as export always
 * took it).
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
	int y, mo, d, n = 0;
	struct tm tm;
	time_t when;

	if (server_time_parse(text, ms) != 0)
		return HS_EINVAL;
	if (strlen(text) != 10)		/* a time: as it says (UTC if bare) */
		return 0;
	if (sscanf(text, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10)
		return HS_EINVAL;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d + (until != 0);
	tm.tm_isdst = -1;
	if ((when = mktime(&tm)) == (time_t)-1)
		return HS_EINVAL;
	*ms = (long long)when * 1000;
	return 0;
}

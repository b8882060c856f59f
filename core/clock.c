/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * clock.c: the wall clock, which tests may set, and the monotonic clock,
 * which they may not.  See clock.h.  The only file that reads the
 * system's clocks.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/clock.h"

/* The set time, when clock_state is CLOCK_FIXED.  HOCSO_TEST_NOW may be
 * before 1970 (negative), to test what a wrong clock does. */
static long long clock_fixed;
static enum { CLOCK_UNREAD, CLOCK_REAL, CLOCK_FIXED } clock_state;

/* HOCSO_TEST_NOW as Unix milliseconds (clock_state CLOCK_FIXED), or
 * CLOCK_REAL when unset or unreadable. */
static long long
clock_from_env(void)
{
	const char *v = getenv(CLOCK_TEST_ENV);
	struct tm tm;
	char *end;
	long long ms;

	clock_state = CLOCK_REAL;
	if (v == NULL || *v == '\0')
		return 0;
	ms = strtoll(v, &end, 10);
	if (*end == '\0') {
		clock_state = CLOCK_FIXED;
		return ms;
	}
	memset(&tm, 0, sizeof tm);
	end = strptime(v, "%Y-%m-%dT%H:%M:%S", &tm);
	if (end == NULL || (*end != '\0' && strcmp(end, "Z") != 0))
		return 0;
	clock_state = CLOCK_FIXED;
	return (long long)timegm(&tm) * 1000;
}

long long
clock_now_ms(void)
{
	struct timespec ts;

	if (clock_state == CLOCK_UNREAD)
		clock_fixed = clock_from_env();
	if (clock_state == CLOCK_FIXED)
		return clock_fixed;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

long long
clock_mono_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

long long
clock_mono_ms(void)
{
	return clock_mono_us() / 1000;
}

void
clock_set_ms(long long ms)
{
	clock_fixed = ms;
	clock_state = ms >= 0 ? CLOCK_FIXED : CLOCK_UNREAD;
}

const char *
clock_local_iso(const char *iso, char *buf, size_t len)
{
	struct tm tm, local;
	char off[8];
	time_t t;

	memset(&tm, 0, sizeof tm);
	if (sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon,
	    &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
		goto as_is;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	t = timegm(&tm);
	/* strftime's %z is "+0700": ISO 8601's extended form has a colon */
	if (localtime_r(&t, &local) == NULL ||
	    strftime(off, sizeof off, "%z", &local) != 5 ||
	    strftime(buf, len, "%Y-%m-%dT%H:%M", &local) == 0 ||
	    strlen(buf) + 7 > len)
		goto as_is;
	snprintf(buf + strlen(buf), 7, "%.3s:%.2s", off, off + 3);
	return buf;
as_is:
	snprintf(buf, len, "%s", iso);
	return buf;
}

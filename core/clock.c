/*
 * clock.c: the wall clock, which tests may set, and the monotonic clock,
 * which they may not.  See clock.h.  The only file that reads the
 * system's clocks.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/clock.h"

/* -1: not set; -2: not yet looked at HOCSO_TEST_NOW. */
static long long clock_fixed = -2;

/* HOCSO_TEST_NOW as Unix milliseconds, or -1 when unset or unreadable. */
static long long
clock_from_env(void)
{
	const char *v = getenv(CLOCK_TEST_ENV);
	struct tm tm;
	char *end;
	long long ms;

	if (v == NULL || *v == '\0')
		return -1;
	ms = strtoll(v, &end, 10);
	if (*end == '\0' && ms >= 0)
		return ms;
	memset(&tm, 0, sizeof tm);
	end = strptime(v, "%Y-%m-%dT%H:%M:%S", &tm);
	if (end == NULL || (*end != '\0' && strcmp(end, "Z") != 0))
		return -1;
	return (long long)timegm(&tm) * 1000;
}

long long
clock_now_ms(void)
{
	struct timespec ts;

	if (clock_fixed == -2)
		clock_fixed = clock_from_env();
	if (clock_fixed >= 0)
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
	clock_fixed = ms >= 0 ? ms : -2;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * clock.h: the one clock every part of hocso reads.
 *
 * clock_now_ms() is the wall time (Unix milliseconds, UTC) that goes into
 * timestamps, days, expiry and lock-out times; clock_mono_ms() measures
 * how long something took or waited and is never set.  Tests can fix the
 * wall time so that what depends on it is checked without sleeping:
 * Check suites call clock_set_ms(); script tests set the environment
 * variable HOCSO_TEST_NOW (FOR TESTS ONLY: Unix milliseconds, or ISO 8601
 * UTC "2026-11-28T17:46:46Z"; a negative number is before 1970), read once
 * on the first call.  A set clock
 * stands still.  Nothing else in the tree calls time() or clock_gettime().
 */
#ifndef HOCSO_CLOCK_H
#define HOCSO_CLOCK_H

#include <stddef.h>

/* The environment variable that sets the wall clock.  For tests only. */
#define CLOCK_TEST_ENV "HOCSO_TEST_NOW"

/* Milliseconds since the Unix epoch: the set time if a test set one (by
 * clock_set_ms() or HOCSO_TEST_NOW), else the real-time clock. */
long long clock_now_ms(void);

/* Milliseconds on the monotonic clock, from an arbitrary start: for
 * durations and waits only.  Never set by tests. */
long long clock_mono_ms(void);

/* As clock_mono_ms(), in microseconds, for timing short operations. */
long long clock_mono_us(void);

/* For tests only: fixes clock_now_ms() at ms.  A negative ms undoes it:
 * the clock is as at start again (HOCSO_TEST_NOW, read anew, if set;
 * else the real-time clock). */
void clock_set_ms(long long ms);

/* The stored UTC time iso ("2026-11-29T05:01:53.172Z") in local time,
 * to the minute, with its offset ("2026-11-29T12:01+07:00"), into buf
 * of len bytes; iso itself when it is no such time ("" stays "").
 * Returns buf. */
const char *clock_local_iso(const char *iso, char *buf, size_t len);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * screentime.c: counting a learner's screen time against the class's
 * break reminder and daily limit.  See screentime.h.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "core/i18n.h"
#include "learn/model/screentime.h"

#define FLUSH_MS 30000		/* how often counted time is written */

/* The local day of now_ms as YYYY-MM-DD. */
static void
local_day(long long now_ms, char day[11])
{
	time_t t = (time_t)(now_ms / 1000);
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL || strftime(day, 11, "%Y-%m-%d",
	    &tm) == 0)
		snprintf(day, 11, "0000-00-00");
}

static long long
minute_ms(void)
{
	/* HOCSO_MINUTE_MS shortens a minute for the tests. */
	const char *v = getenv("HOCSO_MINUTE_MS");
	long long ms = v != NULL ? atoll(v) : 0;

	return ms >= 10 && ms <= 60000 ? ms : 60000;
}

int
screentime_start(struct screentime *st, struct store *s, long long learner,
    long long now_ms, struct hs_error *err)
{
	static const char limits[] =
	    "SELECT c.break_minutes, c.daily_minutes FROM learners l"
	    " JOIN classes c ON c.id = l.class_id WHERE l.id = ?";
	static const char spent[] =
	    "SELECT seconds FROM screen_time WHERE learner_id = ? AND day = ?";
	sqlite3_stmt *q;
	int rc;

	memset(st, 0, sizeof *st);
	st->learner = learner;
	st->minute_ms = minute_ms();
	st->last_ms = now_ms;
	local_day(now_ms, st->day);
	if ((q = store_prepare(s, limits, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_int64(q, 1, learner);
	if ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		st->break_minutes = sqlite3_column_int(q, 0);
		st->daily_minutes = sqlite3_column_int(q, 1);
	}
	sqlite3_reset(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_error(s, err, _("cannot read the roster"));
	if ((q = store_prepare(s, spent, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_int64(q, 1, learner);
	sqlite3_bind_text(q, 2, st->day, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(q)) == SQLITE_ROW)
		st->today_ms = sqlite3_column_int64(q, 0) * 1000;
	sqlite3_reset(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_error(s, err, _("cannot read progress"));
	return 0;
}

int
screentime_active(const struct screentime *st)
{
	return st->learner != 0 && (st->break_minutes > 0 ||
	    st->daily_minutes > 0);
}

int
screentime_flush(struct screentime *st, struct store *s, struct hs_error *err)
{
	static const char sql[] =
	    "INSERT INTO screen_time (learner_id, day, seconds) VALUES (?, ?, ?)"
	    " ON CONFLICT (learner_id, day) DO UPDATE SET"
	    " seconds = seconds + excluded.seconds";
	sqlite3_stmt *q;
	long long secs = st->pending_ms / 1000;
	int rc;

	if (st->learner == 0 || secs == 0)
		return 0;
	if ((rc = store_begin(s, err)) != 0)
		return rc;
	if ((q = store_prepare(s, sql, err)) == NULL) {
		store_rollback(s);
		return HS_ESTORE;
	}
	sqlite3_bind_int64(q, 1, st->learner);
	sqlite3_bind_text(q, 2, st->day, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 3, secs);
	if ((rc = store_step_done(s, q, err)) != 0) {
		store_rollback(s);
		return rc;
	}
	if ((rc = store_commit(s, err)) != 0)
		return rc;
	st->pending_ms -= secs * 1000;
	return 0;
}

enum screentime_event
screentime_tick(struct screentime *st, struct store *s, long long now_ms,
    struct hs_error *err)
{
	long long d = now_ms - st->last_ms;
	char day[11];

	if (st->learner == 0)
		return SCREENTIME_NOTHING;
	/* A clock set back, or a machine asleep for long, counts nothing. */
	if (d < 0 || d > 5 * 60000)
		d = 0;
	st->last_ms = now_ms;
	local_day(now_ms, day);
	if (strcmp(day, st->day) != 0) {	/* past midnight */
		screentime_flush(st, s, err);
		memcpy(st->day, day, sizeof st->day);
		st->today_ms = 0;
		st->pending_ms = 0;
	}
	st->pending_ms += d;
	st->today_ms += d;
	st->since_break_ms += d;
	if (st->pending_ms >= FLUSH_MS)
		screentime_flush(st, s, err);
	if (st->daily_minutes > 0 &&
	    st->today_ms >= st->daily_minutes * st->minute_ms)
		return SCREENTIME_DONE;
	if (st->break_minutes > 0 &&
	    st->since_break_ms >= st->break_minutes * st->minute_ms) {
		st->since_break_ms = 0;
		return SCREENTIME_BREAK;
	}
	return SCREENTIME_NOTHING;
}

int
screentime_class_set(struct store *s, const char *class_name, int pins,
    int break_minutes, int daily_minutes, struct hs_error *err)
{
	static const char sql[] =
	    "UPDATE classes SET pins = coalesce(?1, pins),"
	    " break_minutes = coalesce(?2, break_minutes),"
	    " daily_minutes = coalesce(?3, daily_minutes) WHERE name = ?4";
	sqlite3_stmt *q;
	int rc, vals[3] = { pins, break_minutes, daily_minutes }, i;

	if (break_minutes > 600 || daily_minutes > 1440)
		return hs_error_set(err, HS_EINVAL, _("a break reminder is at "
		    "most every 600 minutes, a daily limit at most 1440"));
	if ((rc = store_begin(s, err)) != 0)
		return rc;
	if ((q = store_prepare(s, sql, err)) == NULL) {
		store_rollback(s);
		return HS_ESTORE;
	}
	for (i = 0; i < 3; i++)
		if (vals[i] < 0)
			sqlite3_bind_null(q, i + 1);
		else
			sqlite3_bind_int(q, i + 1, vals[i]);
	sqlite3_bind_text(q, 4, class_name, -1, SQLITE_STATIC);
	if ((rc = store_step_done(s, q, err)) != 0) {
		store_rollback(s);
		return rc;
	}
	if (sqlite3_changes(store_db(s)) == 0) {
		store_rollback(s);
		return hs_error_set(err, HS_ENOTFOUND, _("there is no class "
		    "named %s"), class_name);
	}
	return store_commit(s, err);
}

int
screentime_class_get(struct store *s, const char *class_name, int *pins,
    int *break_minutes, int *daily_minutes, struct hs_error *err)
{
	static const char sql[] =
	    "SELECT pins, break_minutes, daily_minutes FROM classes"
	    " WHERE name = ?";
	sqlite3_stmt *q;
	int rc;

	if ((q = store_prepare(s, sql, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_text(q, 1, class_name, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		*pins = sqlite3_column_int(q, 0);
		*break_minutes = sqlite3_column_int(q, 1);
		*daily_minutes = sqlite3_column_int(q, 2);
	}
	sqlite3_reset(q);
	if (rc == SQLITE_DONE)
		return hs_error_set(err, HS_ENOTFOUND, _("there is no class "
		    "named %s"), class_name);
	if (rc != SQLITE_ROW)
		return store_error(s, err, _("cannot read the roster"));
	return 0;
}

int
screentime_total(struct store *s, long long learner, long long *seconds,
    int *days, struct hs_error *err)
{
	static const char sql[] =
	    "SELECT coalesce(sum(seconds), 0), count(*) FROM screen_time"
	    " WHERE learner_id = ? AND seconds > 0";
	sqlite3_stmt *q;
	int rc;

	*seconds = 0;
	*days = 0;
	if ((q = store_prepare(s, sql, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_int64(q, 1, learner);
	if ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		*seconds = sqlite3_column_int64(q, 0);
		*days = sqlite3_column_int(q, 1);
	}
	sqlite3_reset(q);
	if (rc != SQLITE_ROW)
		return store_error(s, err, _("cannot read progress"));
	return 0;
}

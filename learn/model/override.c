/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * override.c: the teacher's overrides for one learner, kept in the
 * overrides table with who and when, and what they change: the minutes
 * of a timed quiz, the attempts left, a PIN lockout.  See override.h.
 */
#include "config.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "core/clock.h"
#include "core/i18n.h"
#include "core/util.h"
#include "learn/model/override.h"

static const char *const override_kinds[] = {
	[OVERRIDE_TIME] = "time",
	[OVERRIDE_RESET] = "reset",
	[OVERRIDE_ATTEMPTS] = "attempts",
	[OVERRIDE_UNLOCK] = "unlock",
};

/* The local day of ms as YYYY-MM-DD. */
static void
override_day(long long ms, char day[11])
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL || strftime(day, 11, "%Y-%m-%d",
	    &tm) == 0)
		snprintf(day, 11, "0000-00-00");
}

/* Who makes a change, as stored: "app:USER" or "cmd:USER", USER the
 * account's login name (the teacher's PIN names no one). */
static void
override_who(enum override_via via, char *buf, size_t len)
{
	struct passwd *pw = getpwuid(geteuid());

	snprintf(buf, len, "%s:%s", via == OVERRIDE_VIA_APP ? "app" : "cmd",
	    pw != NULL && pw->pw_name != NULL ? pw->pw_name : "?");
}

int
override_find_learner(struct store *s, const char *class_name,
    const char *name_or_id, struct override_learner *l,
    struct hs_error *err)
{
	static const char sql[] =
	    "SELECT l.id, l.name, c.name FROM learners l"
	    " JOIN classes c ON c.id = l.class_id"
	    " WHERE l.removed_at IS NULL AND (?1 IS NULL OR c.name = ?1)"
	    " AND (l.name = ?2 OR (?3 > 0 AND l.id = ?3))"
	    " ORDER BY l.name = ?2 DESC, c.name LIMIT 2";
	sqlite3_stmt *q;
	long long id = 0;
	const char *p;
	int rc, found = 0, by_name = 0;

	for (p = name_or_id; *p >= '0' && *p <= '9'; p++)
		;
	if (*p == '\0' && p != name_or_id && p - name_or_id < 18)
		id = atoll(name_or_id);
	memset(l, 0, sizeof *l);
	if ((q = store_prepare(s, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(q, 1, class_name);
	sqlite3_bind_text(q, 2, name_or_id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 3, id);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		int named = !strcmp((const char *)sqlite3_column_text(q, 1),
		    name_or_id);

		if (found == 1 && !(named && by_name))
			break;		/* a name beats an id */
		if (found++ == 0) {
			by_name = named;
			l->id = sqlite3_column_int64(q, 0);
			snprintf(l->name, sizeof l->name, "%s",
			    sqlite3_column_text(q, 1));
			snprintf(l->class_name, sizeof l->class_name, "%s",
			    sqlite3_column_text(q, 2));
		}
	}
	sqlite3_reset(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_error(s, err, _("cannot read the roster"));
	if (found == 0 && class_name != NULL)
		return hs_error_set(err, HS_ENOTFOUND, _("there is no learner "
		    "%s in class %s"), name_or_id, class_name);
	if (found == 0)
		return hs_error_set(err, HS_ENOTFOUND, _("there is no learner "
		    "%s (see hocso learner list)"), name_or_id);
	if (found > 1)
		return hs_error_set(err, HS_EINVAL, _("more than one class has "
		    "a learner named %s: say which with --class"), name_or_id);
	return 0;
}

/* Records an override, inside a transaction. */
static int
override_record(struct store *s, long long learner_id, const char *module,
    enum override_kind kind, int amount, const char *day, long long mark,
    enum override_via via, struct hs_error *err)
{
	static const char sql[] =
	    "INSERT INTO overrides (learner_id, module, kind, amount, day,"
	    " mark, by_whom, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *q;
	char who[160], at[32];

	override_who(via, who, sizeof who);
	util_iso8601(clock_now_ms(), at, sizeof at);
	if ((q = store_prepare(s, sql, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_int64(q, 1, learner_id);
	store_bind_text(q, 2, module);
	sqlite3_bind_text(q, 3, override_kinds[kind], -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 4, amount);
	store_bind_text(q, 5, day);
	sqlite3_bind_int64(q, 6, mark);
	sqlite3_bind_text(q, 7, who, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 8, at, -1, SQLITE_TRANSIENT);
	return store_done(s, q, _("cannot record the change"), err);
}

/* Checks that learner_id is a learner of the roster, not removed. */
static int
override_learner_exists(struct store *s, long long learner_id,
    struct hs_error *err)
{
	static const char sql[] =
	    "SELECT 1 FROM learners WHERE id = ? AND removed_at IS NULL";
	sqlite3_stmt *q;
	int rc;

	if ((q = store_prepare(s, sql, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_int64(q, 1, learner_id);
	rc = sqlite3_step(q);
	sqlite3_reset(q);
	if (rc == SQLITE_DONE)
		return hs_error_set(err, HS_ENOTFOUND, "%s", _("there is no "
		    "such learner"));
	if (rc != SQLITE_ROW)
		return store_error(s, err, _("cannot read the roster"));
	return 0;
}

/* The last attempt id of learner_id at module (0 when none): a reset's
 * mark. */
static int
override_last_attempt(struct store *s, long long learner_id,
    const char *module, long long *mark, struct hs_error *err)
{
	static const char sql[] =
	    "SELECT coalesce(max(id), 0) FROM attempts"
	    " WHERE learner_id = ? AND module = ?";
	sqlite3_stmt *q;
	int rc;

	if ((q = store_prepare(s, sql, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_int64(q, 1, learner_id);
	sqlite3_bind_text(q, 2, module, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(q)) == SQLITE_ROW)
		*mark = sqlite3_column_int64(q, 0);
	sqlite3_reset(q);
	if (rc != SQLITE_ROW)
		return store_error(s, err, _("cannot read progress"));
	return 0;
}

/* One override in a transaction of its own. */
static int
override_add(struct store *s, long long learner_id, const char *module,
    enum override_kind kind, int amount, enum override_via via,
    struct hs_error *err)
{
	char day[11];
	long long mark = 0;
	int rc;

	if ((rc = store_begin(s, err)) != 0)
		return rc;
	if ((rc = override_learner_exists(s, learner_id, err)) != 0)
		goto fail;
	if (kind == OVERRIDE_RESET && (rc = override_last_attempt(s,
	    learner_id, module, &mark, err)) != 0)
		goto fail;
	override_day(clock_now_ms(), day);
	if ((rc = override_record(s, learner_id, module, kind, amount,
	    kind == OVERRIDE_TIME ? day : NULL, mark, via, err)) != 0)
		goto fail;
	return store_commit(s, err);
fail:
	store_rollback(s);
	return rc;
}

int
override_extra_time(struct store *s, long long learner_id,
    const char *module, int minutes, enum override_via via,
    struct hs_error *err)
{
	if (minutes < 1 || minutes > OVERRIDE_MAX_MINUTES)
		return hs_error_set(err, HS_EINVAL, _("extra time is 1 to %d "
		    "minutes"), OVERRIDE_MAX_MINUTES);
	return override_add(s, learner_id, module, OVERRIDE_TIME, minutes,
	    via, err);
}

int
override_reset_attempts(struct store *s, long long learner_id,
    const char *module, enum override_via via, struct hs_error *err)
{
	return override_add(s, learner_id, module, OVERRIDE_RESET, 0, via,
	    err);
}

int
override_add_attempts(struct store *s, long long learner_id,
    const char *module, int n, enum override_via via, struct hs_error *err)
{
	if (n < 1 || n > OVERRIDE_MAX_ATTEMPTS)
		return hs_error_set(err, HS_EINVAL, _("add 1 to %d attempts at "
		    "a time"), OVERRIDE_MAX_ATTEMPTS);
	return override_add(s, learner_id, module, OVERRIDE_ATTEMPTS, n, via,
	    err);
}

int
override_unlock(struct store *s, long long learner_id,
    enum override_via via, int *was, struct hs_error *err)
{
	static const char state[] =
	    "SELECT pin_failures > 0 OR locked_until IS NOT NULL"
	    " FROM learners WHERE id = ? AND removed_at IS NULL";
	static const char lift[] =
	    "UPDATE learners SET pin_failures = 0, locked_until = NULL"
	    " WHERE id = ?";
	sqlite3_stmt *q;
	int rc;

	*was = 0;
	if ((rc = store_begin(s, err)) != 0)
		return rc;
	if ((q = store_prepare(s, state, err)) == NULL) {
		rc = HS_ESTORE;
		goto fail;
	}
	sqlite3_bind_int64(q, 1, learner_id);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*was = sqlite3_column_int(q, 0);
	sqlite3_reset(q);
	if (rc == SQLITE_DONE) {
		rc = hs_error_set(err, HS_ENOTFOUND, "%s", _("there is no "
		    "such learner"));
		goto fail;
	}
	if (rc != SQLITE_ROW) {
		rc = store_error(s, err, _("cannot read the roster"));
		goto fail;
	}
	if (!*was) {
		store_rollback(s);
		return 0;
	}
	if ((q = store_prepare(s, lift, err)) == NULL) {
		rc = HS_ESTORE;
		goto fail;
	}
	sqlite3_bind_int64(q, 1, learner_id);
	if ((rc = store_step_done(s, q, err)) != 0 ||
	    (rc = override_record(s, learner_id, NULL, OVERRIDE_UNLOCK, 0,
	    NULL, 0, via, err)) != 0)
		goto fail;
	return store_commit(s, err);
fail:
	store_rollback(s);
	return rc;
}

int
override_minutes(struct store *s, long long learner_id,
    const char *module, long long at_ms, int *minutes, struct hs_error *err)
{
	static const char sql[] =
	    "SELECT coalesce(sum(amount), 0) FROM overrides"
	    " WHERE learner_id = ? AND module = ? AND kind = 'time'"
	    " AND day = ?";
	sqlite3_stmt *q;
	char day[11];
	int rc;

	*minutes = 0;
	override_day(at_ms, day);
	if ((q = store_prepare(s, sql, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_int64(q, 1, learner_id);
	sqlite3_bind_text(q, 2, module, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, day, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(q)) == SQLITE_ROW)
		*minutes = sqlite3_column_int(q, 0);
	sqlite3_reset(q);
	if (rc != SQLITE_ROW)
		return store_error(s, err, _("cannot read the teacher's "
		    "changes"));
	return 0;
}

int
override_attempts(struct store *s, long long learner_id,
    const char *module, int max, int *used, int *added, int *left,
    struct hs_error *err)
{
	/* ?3: the last reset's override id and its attempt mark. */
	static const char sql[] =
	    "WITH r AS (SELECT coalesce(max(id), 0) AS id,"
	    "  coalesce((SELECT mark FROM overrides WHERE learner_id = ?1"
	    "   AND module = ?2 AND kind = 'reset' ORDER BY id DESC LIMIT 1),"
	    "   0) AS mark"
	    "  FROM overrides WHERE learner_id = ?1 AND module = ?2"
	    "  AND kind = 'reset')"
	    " SELECT"
	    " (SELECT count(*) FROM attempts, r WHERE learner_id = ?1"
	    "  AND module = ?2 AND finished_at IS NOT NULL"
	    "  AND attempts.id > r.mark),"
	    " (SELECT coalesce(sum(amount), 0) FROM overrides o, r"
	    "  WHERE o.learner_id = ?1 AND o.module = ?2"
	    "  AND o.kind = 'attempts' AND o.id > r.id)";
	sqlite3_stmt *q;
	int rc;

	*used = *added = 0;
	if ((q = store_prepare(s, sql, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_int64(q, 1, learner_id);
	sqlite3_bind_text(q, 2, module, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		*used = sqlite3_column_int(q, 0);
		*added = sqlite3_column_int(q, 1);
	}
	sqlite3_reset(q);
	if (rc != SQLITE_ROW)
		return store_error(s, err, _("cannot read progress"));
	if (max <= 0)
		*left = -1;
	else
		*left = max + *added > *used ? max + *added - *used : 0;
	return 0;
}

int
override_list(struct store *s, long long learner_id, const char *module,
    override_fn fn, void *arg, struct hs_error *err)
{
	static const char sql[] =
	    "SELECT kind, module, amount, day, by_whom, at FROM overrides"
	    " WHERE learner_id = ?1 AND (?2 IS NULL OR module = ?2)"
	    " ORDER BY id DESC";
	struct override_entry e;
	sqlite3_stmt *q;
	const char *k;
	size_t i;
	int rc, stop = 0;

	if ((q = store_prepare(s, sql, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_int64(q, 1, learner_id);
	store_bind_text(q, 2, module);
	while (!stop && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		memset(&e, 0, sizeof e);
		k = (const char *)sqlite3_column_text(q, 0);
		for (i = 0; i < sizeof override_kinds / sizeof *override_kinds;
		    i++)
			if (!strcmp(k, override_kinds[i]))
				e.kind = (enum override_kind)i;
		e.module = (const char *)sqlite3_column_text(q, 1);
		e.amount = sqlite3_column_int(q, 2);
		e.day = (const char *)sqlite3_column_text(q, 3);
		e.by = (const char *)sqlite3_column_text(q, 4);
		e.at = (const char *)sqlite3_column_text(q, 5);
		stop = fn(&e, arg);
	}
	sqlite3_reset(q);
	if (stop)
		return stop;
	if (rc != SQLITE_DONE)
		return store_error(s, err, _("cannot read the teacher's "
		    "changes"));
	return 0;
}

char *
override_describe(const struct override_entry *e, char *buf, size_t len)
{
	struct tm tm = { 0 }, local;
	char when[32], what[256], who[200];
	const char *user;
	time_t t;

	/* when: the local day and time of e->at */
	snprintf(when, sizeof when, "%.16s", e->at);
	if (sscanf(e->at, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon,
	    &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) == 6) {
		tm.tm_year -= 1900;
		tm.tm_mon -= 1;
		t = timegm(&tm);
		if (localtime_r(&t, &local) != NULL)
			strftime(when, sizeof when, "%Y-%m-%d %H:%M", &local);
	}
	user = strchr(e->by, ':') != NULL ? strchr(e->by, ':') + 1 : e->by;
	if (!strncmp(e->by, "app:", 4))
		/* TRANSLATORS: who made a change: %s is the computer
		 * account's name. */
		snprintf(who, sizeof who, _("teacher, %s"), user);
	else
		/* TRANSLATORS: who made a change: %s is the computer
		 * account's name. */
		snprintf(who, sizeof who, _("command, %s"), user);
	switch (e->kind) {
	case OVERRIDE_TIME:
		/* TRANSLATORS: %s is a module's id. */
		snprintf(what, sizeof what, _("%s: +%d min of quiz time"),
		    e->module, e->amount);
		break;
	case OVERRIDE_RESET:
		snprintf(what, sizeof what, _("%s: attempts given back"),
		    e->module);
		break;
	case OVERRIDE_ATTEMPTS:
		snprintf(what, sizeof what, P_("%s: +%d attempt",
		    "%s: +%d attempts", e->amount), e->module, e->amount);
		break;
	default:
		snprintf(what, sizeof what, "%s", _("PIN lockout lifted"));
		break;
	}
	snprintf(buf, len, "%s  %s (%s)", when, what, who);
	return buf;
}

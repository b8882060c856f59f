/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pin.c: PINs as Argon2id hashes, checked with the lockout after wrong
 * tries, for the learners (learners table) and the teacher (meta table).
 * See pin.h.  The slow part of a PIN, its hash, is done before any
 * transaction so that the write lock is held only for the rows.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/clock.h"
#include "core/i18n.h"
#include "core/util.h"
#include "learn/model/pin.h"

/* Locked-until as Unix ms (0 when not locked); julianday() has about a
 * tenth of a millisecond of error, hence the round(). */
#define LOCKED_MS \
	"coalesce(CAST(round((julianday(locked_until) - 2440587.5)" \
	" * 86400000) AS INTEGER), 0)"

int
pin_valid(const char *pin, struct hs_error *err)
{
	size_t i, n = strlen(pin);

	for (i = 0; i < n; i++)
		if (pin[i] < '0' || pin[i] > '9')
			break;
	if (i < n || n < PIN_MIN || n > PIN_MAX)
		return hs_error_set(err, HS_EINVAL, _("the PIN must be %d to "
		    "%d digits"), PIN_MIN, PIN_MAX);
	return 0;
}

int
pin_hash(const char *pin, char hash[crypto_pwhash_STRBYTES],
    struct hs_error *err)
{
	if (sodium_init() < 0 || crypto_pwhash_str_alg(hash, pin, strlen(pin),
	    PIN_OPSLIMIT, PIN_MEMLIMIT, crypto_pwhash_ALG_ARGON2ID13) != 0)
		return hs_error_set(err, HS_ENOMEM, _("not enough memory to "
		    "protect the PIN"));
	return 0;
}

int
pin_state(struct store *s, long long id,
    char hash[crypto_pwhash_STRBYTES], int *failures, long long *locked_ms,
    struct hs_error *err)
{
	static const char sql[] =
	    "SELECT coalesce(pin_hash, ''), pin_failures, " LOCKED_MS
	    " FROM learners WHERE id = ? AND removed_at IS NULL";
	sqlite3_stmt *st;
	int rc;

	if ((st = store_prepare(s, sql, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		snprintf(hash, crypto_pwhash_STRBYTES, "%s",
		    sqlite3_column_text(st, 0));
		*failures = sqlite3_column_int(st, 1);
		*locked_ms = sqlite3_column_int64(st, 2);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return hs_error_set(err, HS_ENOTFOUND, _("there is no such "
		    "learner"));
	return store_error(s, err, _("cannot read the roster"));
}

/* Whole seconds from now_ms until until_ms, rounded up. */
static int
seconds_until(long long until_ms, long long now_ms)
{
	return (int)((until_ms - now_ms + 999) / 1000);
}

/* Whether a lock until locked_ms holds at now_ms.  No lock is longer
 * than PIN_LOCK_LONG_MS: one that ends later was set before the clock
 * went back (an old PC's clock resets when its battery is flat), and a
 * child must not be locked out for years by it. */
static int
is_locked(long long locked_ms, long long now_ms)
{
	return locked_ms > now_ms && locked_ms - now_ms <= PIN_LOCK_LONG_MS;
}

/* After a try (right or not), the count of wrong tries in a row, the
 * result, and how long to lock (ms, 0: no lock). */
static long long
pin_decide(int right, int *failures, struct pin_result *res)
{
	long long lock = 0;

	if (right) {
		*failures = 0;
		res->status = PIN_OK;
		return 0;
	}
	++*failures;
	res->status = PIN_WRONG;
	if (*failures >= PIN_LOCK_LONG_AFTER)
		lock = PIN_LOCK_LONG_MS;
	else if (*failures >= PIN_TRIES)
		lock = PIN_LOCK_SHORT_MS;
	res->tries_left = *failures < PIN_TRIES ?
	    PIN_TRIES - *failures : 0;
	res->seconds_left = (int)(lock / 1000);
	return lock;
}

/* The teacher's PIN state, from the meta table: the hash ("" when none
 * is set), wrong tries in a row, locked-until (Unix ms, 0 if none). */
static int
teacher_state(struct store *s, char hash[crypto_pwhash_STRBYTES],
    int *failures, long long *locked_ms, struct hs_error *err)
{
	char buf[32];

	hash[0] = '\0';
	*failures = 0;
	*locked_ms = 0;
	if (store_meta_get(s, PIN_TEACHER_HASH, hash, crypto_pwhash_STRBYTES,
	    err) == HS_ESTORE)
		return HS_ESTORE;
	if (store_meta_get(s, PIN_TEACHER_FAILS, buf, sizeof buf,
	    err) == 0)
		*failures = atoi(buf);
	if (store_meta_get(s, PIN_TEACHER_LOCKED, buf, sizeof buf,
	    err) == 0)
		*locked_ms = atoll(buf);
	return 0;
}

/* Whose PIN a check is for: a learner (id), or the teacher (0).  Their
 * PIN state is read and written where it is kept: the learner's row, or
 * the meta table. */
static int
owner_state(struct store *s, long long learner,
    char hash[crypto_pwhash_STRBYTES], int *failures, long long *locked_ms,
    struct hs_error *err)
{
	if (learner != 0)
		return pin_state(s, learner, hash, failures, locked_ms, err);
	return teacher_state(s, hash, failures, locked_ms, err);
}

static int
owner_save(struct store *s, long long learner, int failures,
    long long until_ms, struct hs_error *err)
{
	static const char sql[] =
	    "UPDATE learners SET pin_failures = ?, locked_until = ?"
	    " WHERE id = ?";
	char buf[32];
	sqlite3_stmt *st;
	int rc;

	if (learner == 0) {
		snprintf(buf, sizeof buf, "%d", failures);
		if ((rc = store_meta_set(s, PIN_TEACHER_FAILS, buf,
		    err)) != 0)
			return rc;
		snprintf(buf, sizeof buf, "%lld", until_ms);
		return store_meta_set(s, PIN_TEACHER_LOCKED, buf, err);
	}
	if ((st = store_prepare(s, sql, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_int(st, 1, failures);
	if (until_ms > 0) {
		util_iso8601(until_ms, buf, sizeof buf);
		sqlite3_bind_text(st, 2, buf, -1, SQLITE_TRANSIENT);
	} else
		sqlite3_bind_null(st, 2);
	sqlite3_bind_int64(st, 3, learner);
	return store_step_done(s, st, err);
}

/* Checks a PIN against its owner's hash, with the lockout: refused
 * while locked; a wrong one counted, and locked after PIN_TRIES
 * in a row. */
static int
pin_try(struct store *s, long long learner, const char *pin,
    long long now_ms, struct pin_result *res, struct hs_error *err)
{
	char hash[crypto_pwhash_STRBYTES];
	long long locked_ms, lock;
	int rc, failures, right;

	memset(res, 0, sizeof *res);
	if ((rc = owner_state(s, learner, hash, &failures, &locked_ms,
	    err)) != 0)
		return rc;
	if (hash[0] == '\0')
		return learner != 0 ? hs_error_set(err, HS_EINVAL, _("this "
		    "learner has no PIN")) : hs_error_set(err, HS_ENOTFOUND,
		    _("no teacher PIN yet: set one with hocso school "
		    "--teacher-pin PIN"));
	if (is_locked(locked_ms, now_ms)) {
		res->status = PIN_LOCKED;
		res->seconds_left = seconds_until(locked_ms, now_ms);
		return 0;
	}
	/* The slow part, outside the write lock. */
	right = pin_valid(pin, NULL) == 0 &&
	    crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0;
	if ((rc = store_begin(s, err)) != 0)
		return rc;
	/* Another terminal may have tried meanwhile. */
	if ((rc = owner_state(s, learner, hash, &failures, &locked_ms,
	    err)) != 0)
		goto fail;
	if (is_locked(locked_ms, now_ms)) {
		store_rollback(s);
		res->status = PIN_LOCKED;
		res->seconds_left = seconds_until(locked_ms, now_ms);
		return 0;
	}
	lock = pin_decide(right, &failures, res);
	if ((rc = owner_save(s, learner, failures, lock > 0 ? now_ms + lock :
	    0, err)) != 0)
		goto fail;
	return store_commit(s, err);
fail:
	store_rollback(s);
	return rc;
}

int
pin_check_at(struct store *s, long long learner_id, const char *pin,
    long long now_ms, struct pin_result *res, struct hs_error *err)
{
	if (learner_id == 0)
		return hs_error_set(err, HS_ENOTFOUND, _("there is no such "
		    "learner"));
	return pin_try(s, learner_id, pin, now_ms, res, err);
}

int
pin_teacher_set(struct store *s, const char *pin, struct hs_error *err)
{
	char hash[crypto_pwhash_STRBYTES];
	int rc;

	if ((rc = pin_valid(pin, err)) != 0)
		return rc;
	if (crypto_pwhash_str(hash, pin, strlen(pin), PIN_OPSLIMIT,
	    PIN_MEMLIMIT) != 0)
		return hs_error_set(err, HS_ENOMEM, _("not enough memory to "
		    "protect the PIN"));
	if ((rc = store_begin(s, err)) != 0)
		return rc;
	if ((rc = store_meta_set(s, PIN_TEACHER_HASH, hash, err)) != 0 ||
	    (rc = store_meta_set(s, PIN_TEACHER_FAILS, "0", err)) != 0 ||
	    (rc = store_meta_set(s, PIN_TEACHER_LOCKED, "0", err)) != 0) {
		store_rollback(s);
		return rc;
	}
	return store_commit(s, err);
}

int
pin_teacher_check_at(struct store *s, const char *pin,
    long long now_ms, struct pin_result *res, struct hs_error *err)
{
	return pin_try(s, 0, pin, now_ms, res, err);
}

int
pin_check(struct store *s, long long learner_id, const char *pin,
    struct pin_result *res, struct hs_error *err)
{
	return pin_check_at(s, learner_id, pin, clock_now_ms(), res,
	    err);
}

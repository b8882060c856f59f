/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * srvstore-users.c: the SQL of the dashboard's accounts (schema step 3
 * of srvstore-sqlite.c): users, sessions, failure counters, the audit
 * log.  See srvstore-users.h.  Part of the SQLite store: it reaches the
 * connection through srvstore_sqlite() and never opens one itself.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "core/i18n.h"
#include "core/store.h"
#include "server/srvstore-users.h"

static const char *
col(sqlite3_stmt *s, int i)
{
	const char *v = (const char *)sqlite3_column_text(s, i);

	return v != NULL ? v : "";
}

static void
copy(char *dst, size_t len, sqlite3_stmt *s, int i)
{
	snprintf(dst, len, "%s", col(s, i));
}

int
srvstore_user_add(struct srvstore *st, const struct srvstore_user *u,
    struct hs_error *err)
{
	static const char sql[] =
	    "INSERT INTO users (name, role, school, hash, created, changed)"
	    " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING";
	struct store *db = srvstore_sqlite(st);
	sqlite3_stmt *s;
	int rc;

	if ((s = store_prepare(db, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, u->name);
	sqlite3_bind_int(s, 2, u->role);
	store_bind_text(s, 3, u->school[0] != '\0' ? u->school : NULL);
	store_bind_text(s, 4, u->hash);
	store_bind_text(s, 5, u->created);
	store_bind_text(s, 6, u->changed);
	if ((rc = store_done(db, s, _("cannot record the user"), err)) != 0)
		return rc;
	if (sqlite3_changes(store_db(db)) == 0)
		return hs_error_set(err, HS_EINVAL,
		    _("there is a user named %s already"), u->name);
	return 0;
}

int
srvstore_user_get(struct srvstore *st, const char *name,
    struct srvstore_user *u, struct hs_error *err)
{
	static const char sql[] =
	    "SELECT name, role, school, hash, created, changed FROM users"
	    " WHERE name = ?";
	struct store *db = srvstore_sqlite(st);
	sqlite3_stmt *s;
	int rc;

	memset(u, 0, sizeof *u);
	if ((s = store_prepare(db, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, name);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		copy(u->name, sizeof u->name, s, 0);
		u->role = sqlite3_column_int(s, 1);
		copy(u->school, sizeof u->school, s, 2);
		copy(u->hash, sizeof u->hash, s, 3);
		copy(u->created, sizeof u->created, s, 4);
		copy(u->changed, sizeof u->changed, s, 5);
	}
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return store_error(db, err, _("cannot read the users"));
	return hs_error_set(err, HS_ENOTFOUND, _("no user named %s"), name);
}

int
srvstore_user_set_hash(struct srvstore *st, const char *name,
    const char *hash, const char *changed, struct hs_error *err)
{
	static const char sql[] =
	    "UPDATE users SET hash = ?, changed = ? WHERE name = ?";
	struct store *db = srvstore_sqlite(st);
	sqlite3_stmt *s;
	int rc;

	if ((s = store_prepare(db, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, hash);
	store_bind_text(s, 2, changed);
	store_bind_text(s, 3, name);
	if ((rc = store_done(db, s, _("cannot change the password"), err)) != 0)
		return rc;
	if (sqlite3_changes(store_db(db)) == 0)
		return hs_error_set(err, HS_ENOTFOUND, _("no user named %s"),
		    name);
	return 0;
}

int
srvstore_user_remove(struct srvstore *st, const char *name,
    struct hs_error *err)
{
	static const char sql[] = "DELETE FROM users WHERE name = ?";
	struct store *db = srvstore_sqlite(st);
	sqlite3_stmt *s;
	int rc;

	if ((rc = srvstore_session_end_user(st, name, err)) != 0)
		return rc;
	if ((s = store_prepare(db, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, name);
	if ((rc = store_done(db, s, _("cannot remove the user"), err)) != 0)
		return rc;
	if (sqlite3_changes(store_db(db)) == 0)
		return hs_error_set(err, HS_ENOTFOUND, _("no user named %s"),
		    name);
	return srvstore_failures_clear(st, "account", name, err);
}

int
srvstore_user_each(struct srvstore *st, const char *now, srvstore_user_fn fn,
    void *ctx, struct hs_error *err)
{
	static const char sql[] =
	    "SELECT u.name, u.role, u.school, u.created, u.changed,"
	    " (SELECT max(a.at) FROM signin_audit a WHERE a.name = u.name"
	    "  AND a.event = 'signin'),"
	    " (SELECT f.locked_until FROM signin_failures f"
	    "  WHERE f.kind = 'account' AND f.key = u.name"
	    "  AND f.locked_until > ?1)"
	    " FROM users u ORDER BY u.name";
	struct store *db = srvstore_sqlite(st);
	struct srvstore_user u;
	sqlite3_stmt *s;
	int rc;

	if ((s = store_prepare(db, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, now);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		memset(&u, 0, sizeof u);
		copy(u.name, sizeof u.name, s, 0);
		u.role = sqlite3_column_int(s, 1);
		copy(u.school, sizeof u.school, s, 2);
		copy(u.created, sizeof u.created, s, 3);
		copy(u.changed, sizeof u.changed, s, 4);
		copy(u.last_signin, sizeof u.last_signin, s, 5);
		copy(u.locked_until, sizeof u.locked_until, s, 6);
		if ((rc = fn(&u, ctx)) != 0) {
			sqlite3_reset(s);
			return rc;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_error(db, err, _("cannot read the users"));
	return 0;
}

int
srvstore_school_known(struct srvstore *st, const char *code,
    struct hs_error *err)
{
	static const char sql[] = "SELECT 1 FROM schools WHERE code = ?";
	struct store *db = srvstore_sqlite(st);
	sqlite3_stmt *s;
	int rc;

	if ((s = store_prepare(db, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, code);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return store_error(db, err, _("cannot read the schools"));
	return HS_ENOTFOUND;
}

/*
 * Sessions.
 */

int
srvstore_session_add(struct srvstore *st, const char *hash, const char *user,
    const char *csrf, const char *now, const char *address,
    struct hs_error *err)
{
	static const char sql[] =
	    "INSERT INTO sessions (hash, user, csrf, created, seen, address)"
	    " VALUES (?, ?, ?, ?, ?, ?)";
	struct store *db = srvstore_sqlite(st);
	sqlite3_stmt *s;

	if ((s = store_prepare(db, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, hash);
	store_bind_text(s, 2, user);
	store_bind_text(s, 3, csrf);
	store_bind_text(s, 4, now);
	store_bind_text(s, 5, now);
	store_bind_text(s, 6, address);
	return store_done(db, s, _("cannot record the session"), err);
}

int
srvstore_session_get(struct srvstore *st, const char *hash,
    struct srvstore_session *ss, struct hs_error *err)
{
	static const char sql[] =
	    "SELECT user, csrf, created, seen FROM sessions WHERE hash = ?";
	struct store *db = srvstore_sqlite(st);
	sqlite3_stmt *s;
	int rc;

	memset(ss, 0, sizeof *ss);
	if ((s = store_prepare(db, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, hash);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		copy(ss->user, sizeof ss->user, s, 0);
		copy(ss->csrf, sizeof ss->csrf, s, 1);
		copy(ss->created, sizeof ss->created, s, 2);
		copy(ss->seen, sizeof ss->seen, s, 3);
	}
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return store_error(db, err, _("cannot read the sessions"));
	return HS_ENOTFOUND;
}

/* Runs sql (a literal) with the text parameters a and b (b may be
 * NULL: not bound). */
static int
users_exec(struct srvstore *st, const char *sql, const char *a,
    const char *b, struct hs_error *err)
{
	struct store *db = srvstore_sqlite(st);
	sqlite3_stmt *s;

	if ((s = store_prepare(db, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, a);
	if (b != NULL)
		store_bind_text(s, 2, b);
	return store_done(db, s, _("cannot change the sessions"), err);
}

int
srvstore_session_touch(struct srvstore *st, const char *hash,
    const char *now, struct hs_error *err)
{
	return users_exec(st, "UPDATE sessions SET seen = ?1 WHERE hash = ?2",
	    now, hash, err);
}

int
srvstore_session_end(struct srvstore *st, const char *hash,
    struct hs_error *err)
{
	return users_exec(st, "DELETE FROM sessions WHERE hash = ?", hash,
	    NULL, err);
}

int
srvstore_session_end_user(struct srvstore *st, const char *user,
    struct hs_error *err)
{
	return users_exec(st, "DELETE FROM sessions WHERE user = ?", user,
	    NULL, err);
}

int
srvstore_session_expire(struct srvstore *st, const char *idle,
    const char *created, struct hs_error *err)
{
	return users_exec(st, "DELETE FROM sessions WHERE seen < ?1"
	    " OR created < ?2", idle, created, err);
}

/*
 * Failed sign-ins.
 */

int
srvstore_failures_get(struct srvstore *st, const char *kind, const char *key,
    struct srvstore_failures *f, struct hs_error *err)
{
	static const char sql[] =
	    "SELECT count, first, locked_until FROM signin_failures"
	    " WHERE kind = ? AND key = ?";
	struct store *db = srvstore_sqlite(st);
	sqlite3_stmt *s;
	int rc;

	memset(f, 0, sizeof *f);
	if ((s = store_prepare(db, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, kind);
	store_bind_text(s, 2, key);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		f->count = sqlite3_column_int64(s, 0);
		copy(f->first, sizeof f->first, s, 1);
		copy(f->locked_until, sizeof f->locked_until, s, 2);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_error(db, err, _("cannot read the failed "
		    "sign-ins"));
	return 0;
}

int
srvstore_failures_put(struct srvstore *st, const char *kind, const char *key,
    const struct srvstore_failures *f, struct hs_error *err)
{
	static const char sql[] =
	    "INSERT OR REPLACE INTO signin_failures (kind, key, count, first,"
	    " locked_until) VALUES (?, ?, ?, ?, ?)";
	struct store *db = srvstore_sqlite(st);
	sqlite3_stmt *s;

	if ((s = store_prepare(db, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, kind);
	store_bind_text(s, 2, key);
	sqlite3_bind_int64(s, 3, f->count);
	store_bind_text(s, 4, f->first);
	store_bind_text(s, 5, f->locked_until[0] != '\0' ? f->locked_until :
	    NULL);
	return store_done(db, s, _("cannot count the failed sign-in"), err);
}

int
srvstore_failures_clear(struct srvstore *st, const char *kind,
    const char *key, struct hs_error *err)
{
	return users_exec(st, "DELETE FROM signin_failures WHERE kind = ?1"
	    " AND key = ?2", kind, key, err);
}

int
srvstore_failures_expire(struct srvstore *st, const char *start,
    const char *now, struct hs_error *err)
{
	return users_exec(st, "DELETE FROM signin_failures WHERE first < ?1"
	    " AND (locked_until IS NULL OR locked_until <= ?2)", start, now,
	    err);
}

/*
 * The audit log.
 */

int
srvstore_audit_add(struct srvstore *st, const char *at, const char *name,
    const char *address, const char *event, struct hs_error *err)
{
	static const char sql[] =
	    "INSERT INTO signin_audit (at, name, address, event)"
	    " VALUES (?, ?, ?, ?)";
	struct store *db = srvstore_sqlite(st);
	sqlite3_stmt *s;

	if ((s = store_prepare(db, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, at);
	store_bind_text(s, 2, name);
	store_bind_text(s, 3, address);
	store_bind_text(s, 4, event);
	return store_done(db, s, _("cannot write the audit log"), err);
}

int
srvstore_audit_each(struct srvstore *st, const char *name, int limit,
    srvstore_audit_fn fn, void *ctx, struct hs_error *err)
{
	static const char sql[] =
	    "SELECT id, at, name, address, event FROM (SELECT * FROM"
	    " signin_audit WHERE ?1 IS NULL OR name = ?1 ORDER BY id DESC"
	    " LIMIT ?2) ORDER BY id";
	struct store *db = srvstore_sqlite(st);
	struct srvstore_audit a;
	sqlite3_stmt *s;
	int rc;

	if ((s = store_prepare(db, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, name);
	sqlite3_bind_int(s, 2, limit);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		a.id = sqlite3_column_int64(s, 0);
		a.at = col(s, 1);
		a.name = col(s, 2);
		a.address = col(s, 3);
		a.event = col(s, 4);
		if ((rc = fn(&a, ctx)) != 0) {
			sqlite3_reset(s);
			return rc;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_error(db, err, _("cannot read the audit log"));
	return 0;
}

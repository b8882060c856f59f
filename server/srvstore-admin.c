/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * srvstore-admin.c: the SQL of a province admin's tools (schema step 7
 * of srvstore-sqlite.c): the audit log, modules withdrawn, bundles kept
 * aside and their resolution, the counts of /v1/metrics.  See
 * srvstore-admin.h.  Part of the SQLite store: it reaches the connection
 * through srvstore_sqlite() and never opens one itself; no query here
 * reads the events table but by its primary key.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "core/clock.h"
#include "core/i18n.h"
#include "core/store.h"
#include "core/util.h"
#include "server/rollup.h"
#include "server/srvstore-admin.h"

static const char *
txt(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

int
srvstore_action_add(struct srvstore *st, const char *who, const char *action,
    const char *object, const char *result, struct hs_error *err)
{
	static const char sql[] =
	    "INSERT INTO audit (at, who, action, object, result)"
	    " VALUES (?, ?, ?, ?, ?)";
	struct store *db = srvstore_sqlite(st);
	sqlite3_stmt *s;
	char now[32];

	util_iso8601(clock_now_ms(), now, sizeof now);
	if ((s = store_prepare(db, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, now);
	store_bind_text(s, 2, who);
	store_bind_text(s, 3, action);
	store_bind_text(s, 4, object);
	store_bind_text(s, 5, result);
	return store_done(db, s, _("cannot write the log of admin actions"), err);
}

int
srvstore_action_each(struct srvstore *st, const char *since,
    const char *until, int limit, srvstore_action_fn fn, void *ctx,
    struct hs_error *err)
{
	/* The last limit rows of the period, then oldest first. */
	static const char sql[] =
	    "SELECT id, at, who, action, object, result FROM"
	    " (SELECT * FROM audit WHERE (?1 IS NULL OR at >= ?1)"
	    " AND (?2 IS NULL OR at < ?2) ORDER BY id DESC LIMIT ?3)"
	    " ORDER BY id";
	struct store *db = srvstore_sqlite(st);
	struct srvstore_action a;
	sqlite3_stmt *s;
	int rc;

	/* Not kept: fn may print, nothing more, but a walk stays apart. */
	if (sqlite3_prepare_v2(store_db(db), sql, -1, &s, NULL) != SQLITE_OK)
		return store_error(db, err, _("cannot read the log of admin actions"));
	store_bind_text(s, 1, since);
	store_bind_text(s, 2, until);
	sqlite3_bind_int(s, 3, limit > 0 ? limit : -1);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		a.id = sqlite3_column_int64(s, 0);
		a.at = txt(s, 1);
		a.who = txt(s, 2);
		a.action = txt(s, 3);
		a.object = txt(s, 4);
		a.result = txt(s, 5);
		if ((rc = fn(&a, ctx)) != 0) {
			sqlite3_finalize(s);
			return rc;
		}
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_error(db, err, _("cannot read the log of admin actions"));
	return 0;
}

int
srvstore_module_withdraw(struct srvstore *st, const char *id,
    const char *version, const char *now, int *n, struct hs_error *err)
{
	static const char sql[] =
	    "UPDATE modules SET withdrawn = ?3 WHERE id = ?1"
	    " AND (?2 IS NULL OR version = ?2) AND withdrawn IS NULL";
	struct store *db = srvstore_sqlite(st);
	sqlite3_stmt *s;
	int rc;

	*n = 0;
	if ((s = store_prepare(db, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, id);
	store_bind_text(s, 2, version);
	store_bind_text(s, 3, now);
	if ((rc = store_done(db, s, _("cannot withdraw the module"),
	    err)) != 0)
		return rc;
	*n = sqlite3_changes(store_db(db));
	return 0;
}

int
srvstore_module_offer(struct srvstore *st, const char *sha256,
    struct hs_error *err)
{
	static const char sql[] =
	    "UPDATE modules SET withdrawn = NULL WHERE sha256 = ?";
	struct store *db = srvstore_sqlite(st);
	sqlite3_stmt *s;

	if ((s = store_prepare(db, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, sha256);
	return store_done(db, s, _("cannot record the module"), err);
}

#define KEPT_COLS "k.sha256, k.device, k.reason, k.received, d.school," \
	" k.resolved, k.resolution"

static void
kept_row(sqlite3_stmt *s, struct srvstore_kept *k)
{
	memset(k, 0, sizeof *k);
	k->sha256 = txt(s, 0);
	k->device = txt(s, 1);
	k->reason = txt(s, 2);
	k->received = txt(s, 3);
	k->school = txt(s, 4);
	k->resolved = txt(s, 5);
	k->resolution = txt(s, 6);
}

int
srvstore_kept_each(struct srvstore *st, int all, srvstore_kept_fn fn,
    void *ctx, struct hs_error *err)
{
	static const char sql[] =
	    "SELECT " KEPT_COLS " FROM kept_aside k"
	    " LEFT JOIN devices d ON d.id = k.device"
	    " WHERE ?1 OR k.resolved IS NULL ORDER BY k.received, k.sha256";
	struct store *db = srvstore_sqlite(st);
	struct srvstore_kept k;
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(store_db(db), sql, -1, &s, NULL) != SQLITE_OK)
		return store_error(db, err,
		    _("cannot read the bundles kept aside"));
	sqlite3_bind_int(s, 1, all != 0);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		kept_row(s, &k);
		if ((rc = fn(&k, ctx)) != 0) {
			sqlite3_finalize(s);
			return rc;
		}
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_error(db, err,
		    _("cannot read the bundles kept aside"));
	return 0;
}

int
srvstore_kept_get(struct srvstore *st, const char *prefix,
    srvstore_kept_fn fn, void *ctx, struct hs_error *err)
{
	/* A prefix of hex digits: GLOB with no wildcard in it. */
	static const char sql[] =
	    "SELECT " KEPT_COLS ", k.data FROM kept_aside k"
	    " LEFT JOIN devices d ON d.id = k.device"
	    " WHERE k.sha256 GLOB ?1 || '*' LIMIT 2";
	struct store *db = srvstore_sqlite(st);
	struct srvstore_kept k;
	sqlite3_stmt *s;
	int rc, n;

	if (strlen(prefix) < 6 || strlen(prefix) > 64 ||
	    strspn(prefix, "0123456789abcdef") != strlen(prefix))
		return HS_ENOTFOUND;
	if (sqlite3_prepare_v2(store_db(db), sql, -1, &s, NULL) != SQLITE_OK)
		return store_error(db, err,
		    _("cannot read the bundles kept aside"));
	store_bind_text(s, 1, prefix);
	/* Two of them: ambiguous (a second step would end the first
	 * row's strings, so the rows are counted first). */
	for (n = 0; (rc = sqlite3_step(s)) == SQLITE_ROW; n++)
		;
	if (rc != SQLITE_DONE) {
		sqlite3_finalize(s);
		return store_error(db, err,
		    _("cannot read the bundles kept aside"));
	}
	sqlite3_reset(s);
	if (n != 1 || sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_finalize(s);
		return n > 1 ? HS_EINVAL : HS_ENOTFOUND;
	}
	kept_row(s, &k);
	k.data = sqlite3_column_blob(s, 7);
	k.len = (size_t)sqlite3_column_bytes(s, 7);
	rc = fn(&k, ctx);
	sqlite3_finalize(s);
	return rc;
}

int
srvstore_kept_resolve(struct srvstore *st, const char *sha256,
    const char *resolution, const char *now, struct hs_error *err)
{
	static const char sql[] =
	    "UPDATE kept_aside SET resolved = ?2, resolution = ?3"
	    " WHERE sha256 = ?1";
	struct store *db = srvstore_sqlite(st);
	sqlite3_stmt *s;

	if ((s = store_prepare(db, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, sha256);
	store_bind_text(s, 2, now);
	store_bind_text(s, 3, resolution);
	return store_done(db, s, _("cannot resolve the bundle kept aside"),
	    err);
}

/* One integer (or -1 for NULL) from sql, with ?1 bound to arg (text,
 * may be NULL) or, when arg is NULL, to num. */
static int
metric_one(struct store *db, const char *sql, const char *arg,
    long long num, long long *out, struct hs_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((s = store_prepare(db, sql, err)) == NULL)
		return HS_ESTORE;
	if (arg != NULL)
		store_bind_text(s, 1, arg);
	else
		sqlite3_bind_int64(s, 1, num);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_type(s, 0) == SQLITE_NULL ? -1 :
		    sqlite3_column_int64(s, 0);
	else if (rc == SQLITE_DONE)
		*out = -1;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_error(db, err, _("cannot read the metrics"));
	return 0;
}

int
srvstore_metrics_read(struct srvstore *st, long long forwarded,
    long long now_ms, struct srvstore_metrics *m, struct hs_error *err)
{
	static const char quiet[] =
	    "SELECT count(*) FROM devices WHERE revoked IS NULL"
	    " AND coalesce(last_seen, enrolled) < ?1";
	struct store *db = srvstore_sqlite(st);
	char t7[32], t30[32];
	int rc;

	memset(m, 0, sizeof *m);
	util_iso8601(now_ms - 7 * 86400000LL, t7, sizeof t7);
	util_iso8601(now_ms - 30 * 86400000LL, t30, sizeof t30);
	if ((rc = store_read_begin(db, err)) != 0)
		return rc;
	if ((rc = metric_one(db, "SELECT count(*) FROM bundles", NULL, 0,
	    &m->bundles, err)) == 0 &&
	    (rc = metric_one(db, "SELECT coalesce(sum(events), 0) FROM "
	    "rollup_school", NULL, 0, &m->events, err)) == 0 &&
	    (rc = metric_one(db, "SELECT count(*) FROM kept_aside WHERE "
	    "resolved IS NULL", NULL, 0, &m->kept, err)) == 0 &&
	    (rc = metric_one(db, "SELECT count(*) FROM devices WHERE revoked "
	    "IS NULL", NULL, 0, &m->devices, err)) == 0 &&
	    (rc = metric_one(db, quiet, t7, 0, &m->quiet7, err)) == 0 &&
	    (rc = metric_one(db, quiet, t30, 0, &m->quiet30, err)) == 0 &&
	    (rc = metric_one(db, "SELECT count(*) FROM forward_dead", NULL,
	    0, &m->dead, err)) == 0 && forwarded >= 0) {
		sqlite3_stmt *s;

		/* The oldest event not yet sent: by its primary key. */
		s = store_prepare(db, "SELECT received FROM events WHERE id > ?"
		    " ORDER BY id LIMIT 1", err);
		if (s == NULL)
			rc = HS_ESTORE;
		else {
			sqlite3_bind_int64(s, 1, forwarded);
			rc = sqlite3_step(s);
			if (rc == SQLITE_ROW) {
				snprintf(m->lrs_oldest, sizeof m->lrs_oldest,
				    "%s", txt(s, 0) != NULL ? txt(s, 0) : "");
			}
			sqlite3_reset(s);
			rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 :
			    store_error(db, err, _("cannot read the metrics"));
		}
	}
	store_read_end(db);
	return rc;
}

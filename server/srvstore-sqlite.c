/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * srvstore-sqlite.c: the server's store in one SQLite file.  See
 * srvstore.h.
 *
 * Its queries only: opening, pragmas (WAL with synchronous=FULL, so a
 * receipt is given only for events that a power cut cannot take back),
 * migrations, kept statements, transactions and the meta table are
 * core/store.c's, given this file's schema.  The events
 * table keeps every field of a device's event as it came, so the
 * statement built from a row is the device's, byte for byte; it also
 * keeps the module and kind of its object, which the report groups by.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "core/i18n.h"
#include "core/store.h"
#include "core/util.h"
#include "server/rollup.h"
#include "server/srvstore.h"
#include "server/srvstore-admin.h"
#include "server/srvstore-users.h"

struct srvstore {
	struct store *store;
	int plain;		/* no rollups (benchmarks only) */
	/* Events stored in this transaction, not yet in rollup_school:
	 * counted once at commit, not once an event. */
	char school[72], last[40];
	long long pending;
	struct rollup_cache *cache;	/* learners' rows of the transaction */
	/* An admin action's audit row, written by the next commit
	 * (srvstore_audit_arm()). */
	char *audit_who, *audit_action, *audit_object;
	int audit_written;
};

/* Adds the pending events to their school's count. */
static int
school_flush(struct srvstore *st, struct hs_error *err)
{
	int rc;

	rc = rollup_flush(st->store, st->cache, err);
	if (rc == 0 && st->pending > 0)
		rc = rollup_school_add(st->store, st->school, st->pending,
		    st->last, err);
	st->pending = 0;
	st->last[0] = '\0';
	return rc;
}

/*
 * The server's schema, one step per version.  Once released, a step never
 * changes: a new version appends a new step.
 */
static const struct store_migration srvstore_steps[] = {
	/* 0 -> 1: schools, their tokens and devices, bundles and their
	 * events, learners' classes, bundles kept aside, modules, alerts. */
	{ 1,
	    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	    "CREATE TABLE schools (code TEXT PRIMARY KEY,"
	    " created TEXT NOT NULL);"
	    "CREATE TABLE tokens (hash TEXT PRIMARY KEY,"
	    " school TEXT NOT NULL REFERENCES schools (code),"
	    " created TEXT NOT NULL, expires TEXT NOT NULL, used_at TEXT,"
	    " device TEXT);"
	    "CREATE TABLE devices (id TEXT PRIMARY KEY,"
	    " school TEXT NOT NULL REFERENCES schools (code),"
	    " key TEXT NOT NULL, enrolled TEXT NOT NULL, revoked TEXT,"
	    " acked_seq INTEGER NOT NULL DEFAULT 0,"
	    " last_number INTEGER NOT NULL DEFAULT 0, last_seen TEXT);"
	    "CREATE TABLE bundles (sha256 TEXT PRIMARY KEY,"
	    " device TEXT NOT NULL REFERENCES devices (id),"
	    " number INTEGER NOT NULL, first_seq INTEGER NOT NULL,"
	    " last_seq INTEGER NOT NULL, stored INTEGER NOT NULL,"
	    " received TEXT NOT NULL, via TEXT NOT NULL CHECK (via IN ('http',"
	    " 'usb')), receipt BLOB NOT NULL);"
	    "CREATE INDEX bundles_device ON bundles (device, number);"
	    "CREATE TABLE events (id INTEGER PRIMARY KEY,"
	    " device TEXT NOT NULL REFERENCES devices (id),"
	    " seq INTEGER NOT NULL, uuid TEXT NOT NULL UNIQUE,"
	    " ts TEXT NOT NULL,"
	    " actor TEXT, verb TEXT, object TEXT, registration TEXT,"
	    " response TEXT, lang TEXT, score REAL, success INTEGER,"
	    " completion INTEGER, duration INTEGER, homepage TEXT NOT NULL,"
	    " school TEXT NOT NULL, module TEXT, kind INTEGER NOT NULL,"
	    " received TEXT NOT NULL, bundle TEXT NOT NULL,"
	    " UNIQUE (device, seq));"
	    "CREATE INDEX events_received ON events (received);"
	    "CREATE INDEX events_report ON events (school, module, actor);"
	    "CREATE TABLE learner_class (learner TEXT PRIMARY KEY,"
	    " device TEXT NOT NULL, school TEXT NOT NULL, class TEXT NOT NULL,"
	    " updated TEXT NOT NULL);"
	    "CREATE TABLE kept_aside (sha256 TEXT PRIMARY KEY, device TEXT,"
	    " reason TEXT NOT NULL, received TEXT NOT NULL,"
	    " data BLOB NOT NULL);"
	    "CREATE TABLE modules (sha256 TEXT PRIMARY KEY, id TEXT NOT NULL,"
	    " version TEXT NOT NULL, size INTEGER NOT NULL,"
	    " published TEXT NOT NULL);"
	    "CREATE INDEX modules_id ON modules (id, published);"
	    "CREATE TABLE alerts (number INTEGER PRIMARY KEY,"
	    " id TEXT NOT NULL UNIQUE, text BLOB NOT NULL, sig TEXT NOT NULL,"
	    " published TEXT NOT NULL);" },
	/* 1 -> 2: statements the LRS refused, set aside by the forwarder
	 * (server/forward.c); an index to find a learner's first event
	 * (who may name their class). */
	{ 2,
	    "CREATE TABLE forward_dead (id INTEGER PRIMARY KEY,"
	    " reason TEXT NOT NULL, tries INTEGER NOT NULL,"
	    " since TEXT NOT NULL, retry INTEGER NOT NULL DEFAULT 0);"
	    "CREATE INDEX events_actor ON events (actor, id);" },
	/* 2 -> 3: the school registry: a school's name, commune and
	 * province (hocso-server school).  branch province */
	{ 3,
	    "ALTER TABLE schools ADD COLUMN name TEXT;"
	    "ALTER TABLE schools ADD COLUMN commune TEXT;"
	    "ALTER TABLE schools ADD COLUMN province TEXT;" },
	/* 3 -> 4: the dashboard's accounts (server/account.c): users,
	 * their sessions (known by the SHA-256 of the cookie), failed
	 * sign-ins counted per account and per address, and the audit log
	 * of sign-ins. */
	/* branch accounts */
	{ 4,
	    "CREATE TABLE users (name TEXT PRIMARY KEY,"
	    " role INTEGER NOT NULL CHECK (role IN (1, 2)),"
	    " school TEXT REFERENCES schools (code), hash TEXT NOT NULL,"
	    " created TEXT NOT NULL, changed TEXT NOT NULL,"
	    " CHECK ((role = 1) = (school IS NULL)));"
	    "CREATE TABLE sessions (hash TEXT PRIMARY KEY,"
	    " user TEXT NOT NULL REFERENCES users (name), csrf TEXT NOT NULL,"
	    " created TEXT NOT NULL, seen TEXT NOT NULL,"
	    " address TEXT NOT NULL);"
	    "CREATE INDEX sessions_user ON sessions (user);"
	    "CREATE TABLE signin_failures (kind TEXT NOT NULL,"
	    " key TEXT NOT NULL, count INTEGER NOT NULL, first TEXT NOT NULL,"
	    " locked_until TEXT, PRIMARY KEY (kind, key));"
	    "CREATE TABLE signin_audit (id INTEGER PRIMARY KEY,"
	    " at TEXT NOT NULL, name TEXT NOT NULL, address TEXT NOT NULL,"
	    " event TEXT NOT NULL);"
	    "CREATE INDEX signin_audit_name ON signin_audit (name, id);" },
	/* 4 -> 5: children's requests for help, counts only, per device,
	 * ISO week and situation (server.c, ingest_help_counts).
	 * branch help */
	{ 5,
	    "CREATE TABLE help_counts (school TEXT NOT NULL,"
	    " device TEXT NOT NULL, week TEXT NOT NULL,"
	    " situation TEXT NOT NULL, requests INTEGER NOT NULL,"
	    " in_time INTEGER NOT NULL,"
	    " PRIMARY KEY (device, week, situation));"
	    "CREATE INDEX help_counts_school ON help_counts (school, week);" },
	/* 5 -> 6: the rollups (server/rollup.c), rebuilt from the events
	 * by the migration.  branch rollups */
	{ 6, rollup_schema_sql },
	/* 6 -> 7: the audit log of admin actions (server/audit.h); a
	 * module's publisher and its withdrawal (kept, not deleted); a
	 * kept-aside bundle's resolution.  branch admin */
	{ 7,
	    "CREATE TABLE audit (id INTEGER PRIMARY KEY, at TEXT NOT NULL,"
	    " who TEXT NOT NULL, action TEXT NOT NULL, object TEXT NOT NULL,"
	    " result TEXT NOT NULL);"
	    "CREATE INDEX audit_at ON audit (at);"
	    "ALTER TABLE modules ADD COLUMN publisher TEXT;"
	    "ALTER TABLE modules ADD COLUMN withdrawn TEXT;"
	    "ALTER TABLE kept_aside ADD COLUMN resolved TEXT;"
	    "ALTER TABLE kept_aside ADD COLUMN resolution TEXT;"
	    "CREATE INDEX kept_aside_open ON kept_aside (resolved);" },
	/* 7 -> 8: none (branch privacy needed no step: its settings are
	 * in meta). */
	{ 8, "" },
	/* 8 -> 9: the devices that received and read each alert
	 * (rollup_alert_event()), counted from the events already stored.
	 * branch dash */
	{ 9, rollup_alert_schema_sql },
};

static int
srvstore_migrated(struct store *s, int version, struct hs_error *err)
{
	return version >= 3 ? rollup_migrated(s, err) : 0;
}

static const struct store_schema srvstore_schema = {
	.program = "hocso-server",
	.steps = srvstore_steps,
	.nsteps = sizeof srvstore_steps / sizeof *srvstore_steps,
	.busy_ms = SRVSTORE_BUSY_MS,
	.open_flags = SQLITE_OPEN_NOMUTEX,	/* the server holds its lock */
	.transient = SRVSTORE_EAGAIN,
	.migrated = srvstore_migrated,
};

static const char *
col(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

static void
copy(char *dst, size_t len, sqlite3_stmt *s, int i)
{
	const char *v = col(s, i);

	snprintf(dst, len, "%s", v != NULL ? v : "");
}

int
srvstore_open(const char *path, struct srvstore **sp, struct hs_error *err)
{
	struct srvstore *st = xcalloc(1, sizeof *st);
	int rc;

	*sp = NULL;
	if ((rc = store_open_schema(path, &srvstore_schema, STORE_LATEST,
	    &st->store, err)) != 0) {
		free(st);
		return rc;
	}
	st->cache = rollup_cache_new();
	*sp = st;
	return 0;
}

struct store *
srvstore_sqlite(struct srvstore *st)
{
	return st->store;
}

void
srvstore_close(struct srvstore *st)
{
	if (st == NULL)
		return;
	rollup_cache_free(st->cache);
	srvstore_audit_disarm(st);
	store_close(st->store);
	free(st);
}

void
srvstore_rollups_plain(struct srvstore *st, int plain)
{
	st->plain = plain;
}

int
srvstore_rollups_rebuild(struct srvstore *st, long long *events,
    struct hs_error *err)
{
	int rc;

	if ((rc = store_begin(st->store, err)) != 0)
		return rc;
	if ((rc = rollup_rebuild(st->store, events, err)) != 0) {
		store_rollback(st->store);
		return rc;
	}
	return store_commit(st->store, err);
}

int
srvstore_begin(struct srvstore *st, struct hs_error *err)
{
	return store_begin(st->store, err);
}

int
srvstore_commit(struct srvstore *st, struct hs_error *err)
{
	int rc;

	if ((rc = school_flush(st, err)) != 0 ||
	    (st->audit_action != NULL && !st->audit_written &&
	    (rc = srvstore_action_add(st, st->audit_who, st->audit_action,
	    st->audit_object, "ok", err)) != 0)) {
		store_rollback(st->store);
		return rc;
	}
	if ((rc = store_commit(st->store, err)) == 0 &&
	    st->audit_action != NULL)
		st->audit_written = 1;
	return rc;
}

void
srvstore_audit_arm(struct srvstore *st, const char *who, const char *action,
    const char *object)
{
	srvstore_audit_disarm(st);
	st->audit_who = xstrdup(who);
	st->audit_action = xstrdup(action);
	st->audit_object = xstrdup(object);
}

int
srvstore_audit_disarm(struct srvstore *st)
{
	int written = st->audit_written;

	free(st->audit_who);
	free(st->audit_action);
	free(st->audit_object);
	st->audit_who = st->audit_action = st->audit_object = NULL;
	st->audit_written = 0;
	return written;
}

void
srvstore_rollback(struct srvstore *st)
{
	st->pending = 0;
	rollup_cache_drop(st->cache);
	store_rollback(st->store);
}

int
srvstore_meta_get(struct srvstore *st, const char *key, char *buf,
    size_t len, struct hs_error *err)
{
	return store_meta_get(st->store, key, buf, (int)len, err);
}

int
srvstore_meta_set(struct srvstore *st, const char *key, const char *value,
    struct hs_error *err)
{
	return store_meta_set(st->store, key, value, err);
}

int
srvstore_token_add(struct srvstore *st, const char *hash, const char *school,
    const char *created, const char *expires, struct hs_error *err)
{
	static const char school_sql[] =
	    "INSERT OR IGNORE INTO schools (code, created) VALUES (?, ?)";
	static const char sql[] =
	    "INSERT INTO tokens (hash, school, created, expires)"
	    " VALUES (?, ?, ?, ?)";
	sqlite3_stmt *s;
	int rc;

	if ((s = store_prepare(st->store, school_sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, school);
	store_bind_text(s, 2, created);
	if ((rc = store_done(st->store, s, _("cannot record the school"),
	    err)) != 0)
		return rc;
	if ((s = store_prepare(st->store, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, hash);
	store_bind_text(s, 2, school);
	store_bind_text(s, 3, created);
	store_bind_text(s, 4, expires);
	return store_done(st->store, s, _("cannot record the token"), err);
}

int
srvstore_token_get(struct srvstore *st, const char *hash,
    struct srvstore_token *t, struct hs_error *err)
{
	static const char sql[] =
	    "SELECT school, created, expires, used_at, device FROM tokens"
	    " WHERE hash = ?";
	sqlite3_stmt *s;
	int rc;

	memset(t, 0, sizeof *t);
	if ((s = store_prepare(st->store, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, hash);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		copy(t->school, sizeof t->school, s, 0);
		copy(t->created, sizeof t->created, s, 1);
		copy(t->expires, sizeof t->expires, s, 2);
		copy(t->used_at, sizeof t->used_at, s, 3);
		copy(t->device, sizeof t->device, s, 4);
		sqlite3_reset(s);
		return 0;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_error(st->store, err,
		    _("cannot read the tokens"));
	return hs_error_set(err, HS_ENOTFOUND, _("no such token"));
}

int
srvstore_token_use(struct srvstore *st, const char *hash, const char *device,
    const char *now, struct hs_error *err)
{
	static const char sql[] =
	    "UPDATE tokens SET used_at = ?, device = ? WHERE hash = ?";
	sqlite3_stmt *s;

	if ((s = store_prepare(st->store, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, now);
	store_bind_text(s, 2, device);
	store_bind_text(s, 3, hash);
	return store_done(st->store, s, _("cannot use the token"), err);
}

#define DEVICE_COLS "d.id, d.school, d.key, d.enrolled, d.revoked," \
	" d.acked_seq, d.last_number, d.last_seen"

static void
device_row(sqlite3_stmt *s, struct srvstore_device *d)
{
	memset(d, 0, sizeof *d);
	copy(d->id, sizeof d->id, s, 0);
	copy(d->school, sizeof d->school, s, 1);
	copy(d->key, sizeof d->key, s, 2);
	copy(d->enrolled, sizeof d->enrolled, s, 3);
	copy(d->revoked, sizeof d->revoked, s, 4);
	d->acked_seq = sqlite3_column_int64(s, 5);
	d->last_number = sqlite3_column_int64(s, 6);
	copy(d->last_seen, sizeof d->last_seen, s, 7);
}

int
srvstore_device_get(struct srvstore *st, const char *id,
    struct srvstore_device *d, struct hs_error *err)
{
	static const char sql[] =
	    "SELECT " DEVICE_COLS " FROM devices d WHERE d.id = ?";
	sqlite3_stmt *s;
	int rc;

	if ((s = store_prepare(st->store, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, id);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		device_row(s, d);
		sqlite3_reset(s);
		return 0;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_error(st->store, err,
		    _("cannot read the devices"));
	return hs_error_set(err, HS_ENOTFOUND, _("no device %s"), id);
}

int
srvstore_device_put(struct srvstore *st, const struct srvstore_device *d,
    struct hs_error *err)
{
	static const char school_sql[] =
	    "INSERT OR IGNORE INTO schools (code, created) VALUES (?, ?)";
	static const char sql[] =
	    "INSERT INTO devices (id, school, key, enrolled) VALUES (?, ?, ?, ?)"
	    " ON CONFLICT (id) DO UPDATE SET school = excluded.school,"
	    " key = excluded.key";
	sqlite3_stmt *s;
	int rc;

	if ((s = store_prepare(st->store, school_sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, d->school);
	store_bind_text(s, 2, d->enrolled);
	if ((rc = store_done(st->store, s, _("cannot record the school"),
	    err)) != 0)
		return rc;
	if ((s = store_prepare(st->store, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, d->id);
	store_bind_text(s, 2, d->school);
	store_bind_text(s, 3, d->key);
	store_bind_text(s, 4, d->enrolled);
	return store_done(st->store, s, _("cannot record the device"), err);
}

int
srvstore_device_revoke(struct srvstore *st, const char *id, const char *now,
    struct hs_error *err)
{
	static const char sql[] =
	    "UPDATE devices SET revoked = coalesce(revoked, ?) WHERE id = ?";
	sqlite3_stmt *s;
	int rc;

	if ((s = store_prepare(st->store, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, now);
	store_bind_text(s, 2, id);
	if ((rc = store_done(st->store, s, _("cannot revoke the device"),
	    err)) != 0)
		return rc;
	if (sqlite3_changes(store_db(st->store)) == 0)
		return hs_error_set(err, HS_ENOTFOUND, _("no device %s"), id);
	return 0;
}

int
srvstore_device_advance(struct srvstore *st, const char *id,
    long long acked_seq, long long number, const char *seen,
    struct hs_error *err)
{
	static const char sql[] =
	    "UPDATE devices SET acked_seq = max(acked_seq, ?),"
	    " last_number = max(last_number, ?), last_seen = ? WHERE id = ?";
	sqlite3_stmt *s;

	if ((s = store_prepare(st->store, sql, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_int64(s, 1, acked_seq);
	sqlite3_bind_int64(s, 2, number);
	store_bind_text(s, 3, seen);
	store_bind_text(s, 4, id);
	return store_done(st->store, s,
	    _("cannot record the device's progress"), err);
}

int
srvstore_device_each(struct srvstore *st, const char *school,
    srvstore_device_fn fn, void *ctx, struct hs_error *err)
{
	static const char sql[] =
	    "SELECT " DEVICE_COLS ", (SELECT count(*) FROM events e"
	    " WHERE e.device = d.id) FROM devices d"
	    " WHERE ?1 IS NULL OR d.school = ?1 ORDER BY d.school, d.id";
	struct srvstore_device d;
	sqlite3_stmt *s;
	int rc;

	if ((s = store_prepare(st->store, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, school);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		device_row(s, &d);
		d.events = sqlite3_column_int64(s, 8);
		if ((rc = fn(&d, ctx)) != 0) {
			sqlite3_reset(s);
			return rc;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_error(st->store, err,
		    _("cannot read the devices"));
	return 0;
}

int
srvstore_bundle_receipt(struct srvstore *st, const char *sha256,
    char **receipt, size_t *len, struct hs_error *err)
{
	static const char sql[] = "SELECT receipt FROM bundles WHERE sha256 = ?";
	sqlite3_stmt *s;
	int rc, n;

	if ((s = store_prepare(st->store, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, sha256);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		n = sqlite3_column_bytes(s, 0);
		*receipt = xmalloc((size_t)n + 1);
		if (n > 0)
			memcpy(*receipt, sqlite3_column_blob(s, 0), (size_t)n);
		(*receipt)[n] = '\0';
		*len = (size_t)n;
		sqlite3_reset(s);
		return 0;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_error(st->store, err,
		    _("cannot read the bundles"));
	return HS_ENOTFOUND;
}

int
srvstore_bundle_add(struct srvstore *st, const struct srvstore_bundle *b,
    struct hs_error *err)
{
	static const char sql[] =
	    "INSERT INTO bundles (sha256, device, number, first_seq, last_seq,"
	    " stored, received, via, receipt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *s;

	if ((s = store_prepare(st->store, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, b->sha256);
	store_bind_text(s, 2, b->device);
	sqlite3_bind_int64(s, 3, b->number);
	sqlite3_bind_int64(s, 4, b->first_seq);
	sqlite3_bind_int64(s, 5, b->last_seq);
	sqlite3_bind_int64(s, 6, b->stored);
	store_bind_text(s, 7, b->received);
	store_bind_text(s, 8, b->via);
	sqlite3_bind_blob(s, 9, b->receipt, (int)b->receipt_len,
	    SQLITE_STATIC);
	return store_done(st->store, s, _("cannot record the bundle"), err);
}

int
srvstore_keep_aside(struct srvstore *st, const char *sha256,
    const char *device, const char *reason, const char *received,
    const void *data, size_t len, struct hs_error *err)
{
	static const char sql[] =
	    "INSERT OR IGNORE INTO kept_aside (sha256, device, reason,"
	    " received, data) VALUES (?, ?, ?, ?, ?)";
	sqlite3_stmt *s;

	if ((s = store_prepare(st->store, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, sha256);
	store_bind_text(s, 2, device);
	store_bind_text(s, 3, reason);
	store_bind_text(s, 4, received);
	sqlite3_bind_blob(s, 5, data, (int)len, SQLITE_STATIC);
	return store_done(st->store, s, _("cannot keep the bundle aside"),
	    err);
}

int
srvstore_kept_count(struct srvstore *st, long long *n, struct hs_error *err)
{
	static const char sql[] = "SELECT count(*) FROM kept_aside"
	    " WHERE resolved IS NULL";
	sqlite3_stmt *s;

	if ((s = store_prepare(st->store, sql, err)) == NULL)
		return HS_ESTORE;
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_reset(s);
		return store_error(st->store, err,
		    _("cannot count the bundles kept aside"));
	}
	*n = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return 0;
}

/* The module of an object "urn:hocso:M..." (into buf), or NULL. */
static const char *
object_module(const char *object, char *buf, size_t len)
{
	const char *p, *end;

	if (object == NULL || strncmp(object, "urn:hocso:", 10) != 0)
		return NULL;
	p = object + 10;
	end = strchr(p, ':');
	if (end == NULL)
		end = p + strlen(p);
	if (end == p || (size_t)(end - p) >= len)
		return NULL;
	memcpy(buf, p, (size_t)(end - p));
	buf[end - p] = '\0';
	return buf;
}

int
srvstore_event_add(struct srvstore *st, const struct srvstore_event *ev,
    struct hs_error *err)
{
	static const char sql[] =
	    "INSERT INTO events (device, seq, uuid, ts, actor, verb, object,"
	    " registration, response, lang, score, success, completion,"
	    " duration, homepage, school, module, kind, received, bundle)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
	    " ?)";
	const struct statement_event *e = &ev->e;
	enum statement_kind kind = STATEMENT_OTHER;
	char iri[1024], module[256];
	sqlite3_stmt *s;
	int rc;

	if (e->ev.object != NULL)
		statement_activity_iri(e->ev.object, iri, sizeof iri, &kind);
	if ((s = store_prepare(st->store, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, ev->device);
	sqlite3_bind_int64(s, 2, e->seq);
	store_bind_text(s, 3, e->uuid);
	store_bind_text(s, 4, e->ts);
	store_bind_text(s, 5, e->ev.actor);
	store_bind_text(s, 6, e->ev.verb);
	store_bind_text(s, 7, e->ev.object);
	store_bind_text(s, 8, e->ev.registration);
	store_bind_text(s, 9, e->ev.response);
	store_bind_text(s, 10, e->ev.lang);
	if (e->ev.has_score)
		sqlite3_bind_double(s, 11, e->ev.score);
	if (e->ev.success >= 0)
		sqlite3_bind_int(s, 12, e->ev.success);
	if (e->ev.completion >= 0)
		sqlite3_bind_int(s, 13, e->ev.completion);
	if (e->ev.duration_ms >= 0)
		sqlite3_bind_int64(s, 14, e->ev.duration_ms);
	store_bind_text(s, 15, ev->homepage);
	store_bind_text(s, 16, ev->school);
	store_bind_text(s, 17, object_module(e->ev.object, module,
	    sizeof module));
	sqlite3_bind_int(s, 18, (int)kind);
	store_bind_text(s, 19, ev->received);
	store_bind_text(s, 20, ev->bundle);
	rc = sqlite3_step(s);
	if (rc == SQLITE_DONE) {
		sqlite3_reset(s);
		if (st->plain)
			return 0;
		if (st->pending > 0 && strcmp(st->school, ev->school) != 0 &&
		    (rc = school_flush(st, err)) != 0)
			return rc;
		snprintf(st->school, sizeof st->school, "%s", ev->school);
		st->pending++;
		if (e->ts != NULL && strcmp(e->ts, st->last) > 0)
			snprintf(st->last, sizeof st->last, "%s", e->ts);
		if ((rc = rollup_event(st->store, st->cache, ev->school, e,
		    kind, object_module(e->ev.object, module, sizeof module),
		    err)) != 0)
			return rc;
		return rollup_alert_event(st->store, ev->device, ev->school,
		    e, err);
	}
	if ((sqlite3_extended_errcode(store_db(st->store)) & 0xff) ==
	    SQLITE_CONSTRAINT) {
		sqlite3_reset(s);
		return hs_error_set(err, HS_EINVAL, _("event %s is stored "
		    "already"), e->uuid);
	}
	rc = store_error(st->store, err, _("cannot store an event"));
	sqlite3_reset(s);
	return rc;
}

#define EVENT_COLS "id, device, seq, uuid, ts, actor, verb, object," \
	" registration, response, lang, score, success, completion," \
	" duration, homepage, school, received, bundle"

/* Calls fn with each row of s, which selects EVENT_COLS; resets s. */
static int
event_rows(struct srvstore *st, sqlite3_stmt *s, int *found,
    srvstore_event_fn fn, void *ctx, struct hs_error *err)
{
	struct srvstore_event ev;
	int rc;

	*found = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		memset(&ev, 0, sizeof ev);
		ev.id = sqlite3_column_int64(s, 0);
		ev.device = col(s, 1);
		ev.e.seq = sqlite3_column_int64(s, 2);
		ev.e.uuid = col(s, 3);
		ev.e.ts = col(s, 4);
		ev.e.ev.actor = col(s, 5);
		ev.e.ev.verb = col(s, 6);
		ev.e.ev.object = col(s, 7);
		ev.e.ev.registration = col(s, 8);
		ev.e.ev.response = col(s, 9);
		ev.e.ev.lang = col(s, 10);
		ev.e.ev.has_score = sqlite3_column_type(s, 11) != SQLITE_NULL;
		ev.e.ev.score = sqlite3_column_double(s, 11);
		ev.e.ev.success = sqlite3_column_type(s, 12) == SQLITE_NULL ?
		    -1 : sqlite3_column_int(s, 12);
		ev.e.ev.completion = sqlite3_column_type(s, 13) ==
		    SQLITE_NULL ? -1 : sqlite3_column_int(s, 13);
		ev.e.ev.duration_ms = sqlite3_column_type(s, 14) ==
		    SQLITE_NULL ? -1 : sqlite3_column_int64(s, 14);
		ev.homepage = col(s, 15);
		ev.school = col(s, 16);
		ev.received = col(s, 17);
		ev.bundle = col(s, 18);
		*found = 1;
		if ((rc = fn(&ev, ctx)) != 0) {
			sqlite3_reset(s);
			return rc;
		}
	}
	if (rc != SQLITE_DONE) {
		rc = store_error(st->store, err, _("cannot read the events"));
		sqlite3_reset(s);
		return rc;
	}
	sqlite3_reset(s);
	return 0;
}

int
srvstore_event_by_seq(struct srvstore *st, const char *device, long long seq,
    srvstore_event_fn fn, void *ctx, struct hs_error *err)
{
	static const char sql[] =
	    "SELECT " EVENT_COLS " FROM events WHERE device = ? AND seq = ?";
	sqlite3_stmt *s;
	int rc, found;

	if ((s = store_prepare(st->store, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, device);
	sqlite3_bind_int64(s, 2, seq);
	rc = event_rows(st, s, &found, fn, ctx, err);
	return rc == 0 && !found ? HS_ENOTFOUND : rc;
}

int
srvstore_event_by_uuid(struct srvstore *st, const char *uuid,
    srvstore_event_fn fn, void *ctx, struct hs_error *err)
{
	static const char sql[] =
	    "SELECT " EVENT_COLS " FROM events WHERE uuid = ?";
	sqlite3_stmt *s;
	int rc, found;

	if ((s = store_prepare(st->store, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, uuid);
	rc = event_rows(st, s, &found, fn, ctx, err);
	return rc == 0 && !found ? HS_ENOTFOUND : rc;
}

int
srvstore_event_each(struct srvstore *st, long long after_id,
    const char *since, srvstore_event_fn fn, void *ctx,
    struct hs_error *err)
{
	/* Not kept: a walk that fn may interrupt with other queries. */
	static const char sql[] =
	    "SELECT " EVENT_COLS " FROM events WHERE id > ?1"
	    " AND (?2 IS NULL OR received >= ?2) ORDER BY id";
	sqlite3_stmt *s;
	int rc, found;

	if (sqlite3_prepare_v2(store_db(st->store), sql, -1, &s,
	    NULL) != SQLITE_OK)
		return store_error(st->store, err,
		    _("cannot read the events"));
	sqlite3_bind_int64(s, 1, after_id);
	store_bind_text(s, 2, since);
	rc = event_rows(st, s, &found, fn, ctx, err);
	sqlite3_finalize(s);
	return rc;
}

int
srvstore_event_count(struct srvstore *st, const char *device, long long *n,
    struct hs_error *err)
{
	static const char sql[] =
	    "SELECT count(*) FROM events WHERE ?1 IS NULL OR device = ?1";
	sqlite3_stmt *s;

	if ((s = store_prepare(st->store, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, device);
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_reset(s);
		return store_error(st->store, err,
		    _("cannot count the events"));
	}
	*n = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return 0;
}

/* The learner's class now, "-" when none (as the report says it). */
static int
class_get(struct srvstore *st, const char *learner, char *buf, size_t len,
    struct hs_error *err)
{
	static const char sql[] =
	    "SELECT class FROM learner_class WHERE learner = ?";
	sqlite3_stmt *s;
	int rc;

	snprintf(buf, len, "-");
	if ((s = store_prepare(st->store, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, learner);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		copy(buf, len, s, 0);
		rc = SQLITE_DONE;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_error(st->store, err,
		    _("cannot read the learners' classes"));
	return 0;
}

int
srvstore_class_set(struct srvstore *st, const char *learner,
    const char *device, const char *school, const char *class_name,
    const char *updated, struct hs_error *err)
{
	static const char sql[] =
	    "INSERT INTO learner_class (learner, device, school, class,"
	    " updated) SELECT ?1, ?2, ?3, ?4, ?5"
	    " WHERE coalesce((SELECT school FROM events WHERE actor = ?1"
	    " ORDER BY id LIMIT 1), ?3) = ?3"
	    " ON CONFLICT (learner) DO UPDATE"
	    " SET device = excluded.device, school = excluded.school,"
	    " class = excluded.class, updated = excluded.updated"
	    " WHERE learner_class.school = excluded.school";
	char from[160], to[160];
	sqlite3_stmt *s;
	int rc;

	if ((rc = class_get(st, learner, from, sizeof from, err)) != 0)
		return rc;
	if ((s = store_prepare(st->store, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, learner);
	store_bind_text(s, 2, device);
	store_bind_text(s, 3, school);
	store_bind_text(s, 4, class_name);
	store_bind_text(s, 5, updated);
	if ((rc = store_done(st->store, s, _("cannot record a learner's "
	    "class"), err)) != 0 || st->plain)
		return rc;
	if (sqlite3_changes(store_db(st->store)) == 0)
		return 0;
	if ((rc = class_get(st, learner, to, sizeof to, err)) != 0)
		return rc;
	return rollup_class_moved(st->store, st->cache, learner, from, to,
	    err);
}

int
srvstore_module_add(struct srvstore *st, const struct srvstore_module *m,
    struct hs_error *err)
{
	static const char sql[] =
	    "INSERT OR IGNORE INTO modules (sha256, id, version, size,"
	    " published, publisher) VALUES (?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *s;

	if ((s = store_prepare(st->store, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, m->sha256);
	store_bind_text(s, 2, m->id);
	store_bind_text(s, 3, m->version);
	sqlite3_bind_int64(s, 4, m->size);
	store_bind_text(s, 5, m->published);
	store_bind_text(s, 6, m->publisher);
	return store_done(st->store, s, _("cannot record the module"), err);
}

int
srvstore_module_has(struct srvstore *st, const char *sha256,
    struct hs_error *err)
{
	static const char sql[] = "SELECT 1 FROM modules WHERE sha256 = ?"
	    " AND withdrawn IS NULL";
	sqlite3_stmt *s;
	int rc;

	if ((s = store_prepare(st->store, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, sha256);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return store_error(st->store, err,
		    _("cannot read the modules"));
	return HS_ENOTFOUND;
}

int
srvstore_module_each(struct srvstore *st, srvstore_module_fn fn, void *ctx,
    struct hs_error *err)
{
	static const char sql[] =
	    "SELECT id, version, sha256, published, size, publisher,"
	    " withdrawn FROM modules ORDER BY id, published, rowid";
	struct srvstore_module m;
	sqlite3_stmt *s;
	int rc;

	if ((s = store_prepare(st->store, sql, err)) == NULL)
		return HS_ESTORE;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		m.id = col(s, 0);
		m.version = col(s, 1);
		m.sha256 = col(s, 2);
		m.published = col(s, 3);
		m.size = sqlite3_column_int64(s, 4);
		m.publisher = (const char *)sqlite3_column_text(s, 5);
		m.withdrawn = (const char *)sqlite3_column_text(s, 6);
		if ((rc = fn(&m, ctx)) != 0) {
			sqlite3_reset(s);
			return rc;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_error(st->store, err,
		    _("cannot read the modules"));
	return 0;
}

int
srvstore_alert_add(struct srvstore *st, const char *id, const char *text,
    size_t len, const char *sig, const char *published, long long *number,
    struct hs_error *err)
{
	static const char used[] = "SELECT number FROM alerts WHERE id = ?";
	static const char sql[] =
	    "INSERT INTO alerts (id, text, sig, published) VALUES (?, ?, ?, ?)";
	sqlite3_stmt *s;
	int rc;

	if ((s = store_prepare(st->store, used, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*number = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
		return hs_error_set(err, HS_EINVAL, _("alert id %s is used "
		    "already (alert %lld)"), id, *number);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_error(st->store, err,
		    _("cannot read the alerts"));
	if ((s = store_prepare(st->store, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, id);
	sqlite3_bind_blob(s, 2, text, (int)len, SQLITE_STATIC);
	store_bind_text(s, 3, sig);
	store_bind_text(s, 4, published);
	if ((rc = store_done(st->store, s, _("cannot record the alert"),
	    err)) != 0)
		return rc;
	*number = sqlite3_last_insert_rowid(store_db(st->store));
	return 0;
}

int
srvstore_alert_last(struct srvstore *st, long long *number,
    struct hs_error *err)
{
	static const char sql[] = "SELECT coalesce(max(number), 0) FROM alerts";
	sqlite3_stmt *s;

	if ((s = store_prepare(st->store, sql, err)) == NULL)
		return HS_ESTORE;
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_reset(s);
		return store_error(st->store, err,
		    _("cannot read the alerts"));
	}
	*number = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return 0;
}

int
srvstore_alert_each(struct srvstore *st, long long after,
    srvstore_alert_fn fn, void *ctx, struct hs_error *err)
{
	static const char sql[] =
	    "SELECT number, text, sig FROM alerts WHERE number > ?"
	    " ORDER BY number";
	sqlite3_stmt *s;
	int rc;

	if ((s = store_prepare(st->store, sql, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_int64(s, 1, after);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if ((rc = fn(sqlite3_column_int64(s, 0),
		    (const char *)sqlite3_column_blob(s, 1),
		    (size_t)sqlite3_column_bytes(s, 1), col(s, 2),
		    ctx)) != 0) {
			sqlite3_reset(s);
			return rc;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_error(st->store, err,
		    _("cannot read the alerts"));
	return 0;
}

/* The report reads the rollups only (server/rollup.h): per school, class
 * and module, the same figures the events would give. */
int
srvstore_report_rows(struct srvstore *st, const char *school,
    srvstore_report_fn fn, void *ctx, struct hs_error *err)
{
	static const char sql[] =
	    "SELECT school, class, module, learners, lessons, quizzes, "
	    ROLLUP_AVG_SQL("score_sum", "score_n") ","
	    " score_sum, score_n"
	    " FROM rollup_class WHERE learners > 0"
	    " AND (?1 IS NULL OR school = ?1) ORDER BY school, class, module";
	struct srvstore_report_row r;
	sqlite3_stmt *s;
	int rc;

	if ((s = store_prepare(st->store, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, school);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		r.school = col(s, 0);
		r.class_name = col(s, 1);
		r.module = col(s, 2);
		r.learners = sqlite3_column_int64(s, 3);
		r.lessons = sqlite3_column_int64(s, 4);
		r.quizzes = sqlite3_column_int64(s, 5);
		r.average = sqlite3_column_type(s, 6) == SQLITE_NULL ? -1 :
		    sqlite3_column_double(s, 6);
		r.score_sum = sqlite3_column_int64(s, 7);
		r.score_n = sqlite3_column_int64(s, 8);
		if ((rc = fn(&r, ctx)) != 0) {
			sqlite3_reset(s);
			return rc;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_error(st->store, err,
		    _("cannot read the report"));
	return 0;
}

/* Per school: its devices, its events (rollup_school) and its last
 * bundle (the newest of its devices' last_seen, set with each bundle). */
int
srvstore_school_rows(struct srvstore *st, const char *school,
    srvstore_school_fn fn, void *ctx, struct hs_error *err)
{
	static const char sql[] =
	    "SELECT s.code,"
	    " (SELECT count(*) FROM devices d WHERE d.school = s.code),"
	    " coalesce((SELECT events FROM rollup_school r"
	    "  WHERE r.school = s.code), 0),"
	    " (SELECT max(d.last_seen) FROM devices d WHERE d.school = s.code)"
	    " FROM schools s WHERE ?1 IS NULL OR s.code = ?1 ORDER BY s.code";
	struct srvstore_school_row r;
	sqlite3_stmt *s;
	int rc;

	if ((s = store_prepare(st->store, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, school);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		r.school = col(s, 0);
		r.devices = sqlite3_column_int64(s, 1);
		r.events = sqlite3_column_int64(s, 2);
		r.last_bundle = col(s, 3) != NULL ? col(s, 3) : "";
		if ((rc = fn(&r, ctx)) != 0) {
			sqlite3_reset(s);
			return rc;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_error(st->store, err,
		    _("cannot read the schools"));
	return 0;
}

/*
 * The forwarder's dead letters.
 */

int
srvstore_dead_add(struct srvstore *st, long long id, const char *reason,
    int tries, const char *since, struct hs_error *err)
{
	static const char sql[] =
	    "INSERT INTO forward_dead (id, reason, tries, since, retry)"
	    " VALUES (?, ?, ?, ?, 0) ON CONFLICT (id) DO UPDATE SET"
	    " reason = excluded.reason, tries = tries + excluded.tries,"
	    " retry = 0";
	sqlite3_stmt *s;

	if ((s = store_prepare(st->store, sql, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, reason);
	sqlite3_bind_int(s, 3, tries);
	store_bind_text(s, 4, since);
	return store_done(st->store, s,
	    _("cannot set a refused statement aside"), err);
}

int
srvstore_dead_each(struct srvstore *st, srvstore_dead_fn fn, void *ctx,
    struct hs_error *err)
{
	static const char sql[] =
	    "SELECT d.id, e.uuid, e.device, e.seq, d.tries, d.since, d.retry,"
	    " d.reason FROM forward_dead d LEFT JOIN events e ON e.id = d.id"
	    " ORDER BY d.id";
	struct srvstore_dead d;
	sqlite3_stmt *s;
	int rc;

	if ((s = store_prepare(st->store, sql, err)) == NULL)
		return HS_ESTORE;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		d.id = sqlite3_column_int64(s, 0);
		d.uuid = col(s, 1);
		d.device = col(s, 2);
		d.seq = sqlite3_column_int64(s, 3);
		d.tries = sqlite3_column_int(s, 4);
		d.since = col(s, 5);
		d.retry = sqlite3_column_int(s, 6);
		d.reason = col(s, 7);
		if ((rc = fn(&d, ctx)) != 0) {
			sqlite3_reset(s);
			return rc;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_error(st->store, err,
		    _("cannot read the refused statements"));
	return 0;
}

int
srvstore_dead_mark(struct srvstore *st, long long id, int retry,
    struct hs_error *err)
{
	static const char upd[] =
	    "UPDATE forward_dead SET retry = 1 WHERE id = ?";
	static const char del[] = "DELETE FROM forward_dead WHERE id = ?";
	sqlite3_stmt *s;
	int rc;

	if ((s = store_prepare(st->store, retry ? upd : del, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_int64(s, 1, id);
	if ((rc = store_done(st->store, s,
	    _("cannot change a refused statement"), err)) != 0)
		return rc;
	if (sqlite3_changes(store_db(st->store)) == 0)
		return hs_error_set(err, HS_ENOTFOUND, _("%lld is not a "
		    "statement set aside (see hocso-server forward list)"), id);
	return 0;
}

int
srvstore_dead_next_retry(struct srvstore *st, long long *id,
    struct hs_error *err)
{
	static const char sql[] =
	    "SELECT id FROM forward_dead WHERE retry = 1 ORDER BY id LIMIT 1";
	sqlite3_stmt *s;
	int rc;

	if ((s = store_prepare(st->store, sql, err)) == NULL)
		return HS_ESTORE;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return HS_ENOTFOUND;
	return store_error(st->store, err,
	    _("cannot read the refused statements"));
}

/*
 * A server's life (branch province): an online copy, a deep check.
 */

int
srvstore_backup(struct srvstore *st, const char *path, struct hs_error *err)
{
	sqlite3 *to = NULL;
	sqlite3_backup *b;
	int rc, code = 0;

	/* SQLite's backup API: a consistent copy of the store as one read
	 * transaction sees it, while writers go on (WAL). */
	rc = sqlite3_open_v2(path, &to, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, NULL);
	if (rc == SQLITE_OK) {
		b = sqlite3_backup_init(to, "main", store_db(st->store),
		    "main");
		if (b == NULL)
			rc = sqlite3_errcode(to);
		else {
			while ((rc = sqlite3_backup_step(b, 256)) == SQLITE_OK ||
			    rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
				sqlite3_sleep(10);
			if (rc == SQLITE_DONE)
				rc = SQLITE_OK;
			sqlite3_backup_finish(b);
		}
	}
	if (rc == SQLITE_OK)
		/* One file, whole: no WAL beside the copy. */
		rc = sqlite3_exec(to, "PRAGMA journal_mode = DELETE", NULL,
		    NULL, NULL);
	if (rc != SQLITE_OK)
		code = hs_error_set_at(err, rc == SQLITE_FULL ?
		    SRVSTORE_EAGAIN : HS_ESTORE, path, 0, 0, _("cannot copy the "
		    "store: %s"), to != NULL ? sqlite3_errmsg(to) :
		    sqlite3_errstr(rc));
	sqlite3_close(to);
	return code;
}

int
srvstore_quick_check(struct srvstore *st, int full, char *why, size_t len,
    struct hs_error *err)
{
	sqlite3_stmt *s;
	const char *text;
	int rc;

	why[0] = '\0';
	s = store_prepare(st->store, full ? "PRAGMA integrity_check" :
	    "PRAGMA quick_check", err);
	if (s == NULL) {
		snprintf(why, len, "%s", err != NULL ? err->msg : "?");
		return HS_ESTORE;
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		text = (const char *)sqlite3_column_text(s, 0);
		if (text != NULL && strcmp(text, "ok") != 0 && why[0] == '\0')
			snprintf(why, len, "%s", text);
	}
	if (rc != SQLITE_DONE && why[0] == '\0')
		snprintf(why, len, "%s", sqlite3_errmsg(store_db(st->store)));
	sqlite3_reset(s);		/* kept by the store: never finalized */
	if (why[0] != '\0')
		return hs_error_set(err, HS_ESTORE, _("the store is damaged: "
		    "%s"), why);
	return 0;
}

int
srvstore_write_check(struct srvstore *st, const char *now,
    struct hs_error *err)
{
	int rc;

	/* A real write, committed: what a bundle needs. */
	if ((rc = srvstore_begin(st, err)) != 0)
		return rc;
	if ((rc = srvstore_meta_set(st, "health.written", now, err)) != 0) {
		srvstore_rollback(st);
		return rc;
	}
	return srvstore_commit(st, err);
}

/*
 * The school registry (branch province).
 */

int
srvstore_school_put(struct srvstore *st, const struct srvstore_school *sc,
    int create, struct hs_error *err)
{
	static const char add[] =
	    "INSERT INTO schools (code, created, name, commune, province)"
	    " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (code) DO NOTHING";
	static const char set[] =
	    "UPDATE schools SET name = coalesce(?3, name),"
	    " commune = coalesce(?4, commune),"
	    " province = coalesce(?5, province) WHERE code = ?1";
	sqlite3_stmt *s;
	int rc;

	if ((s = store_prepare(st->store, create ? add : set, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, sc->code);
	store_bind_text(s, 2, sc->created);
	store_bind_text(s, 3, sc->name);
	store_bind_text(s, 4, sc->commune);
	store_bind_text(s, 5, sc->province);
	if ((rc = store_done(st->store, s, _("cannot record the school"),
	    err)) != 0)
		return rc;
	return sqlite3_changes(store_db(st->store)) == 0 ? HS_ENOTFOUND : 0;
}

int
srvstore_school_exists(struct srvstore *st, const char *code,
    struct hs_error *err)
{
	static const char sql[] = "SELECT 1 FROM schools WHERE code = ?1";
	sqlite3_stmt *s;
	int rc;

	if ((s = store_prepare(st->store, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, code);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return store_error(st->store, err, _("cannot read the schools"));
}

int
srvstore_school_each(struct srvstore *st, srvstore_school_info_fn fn,
    void *ctx, struct hs_error *err)
{
	static const char sql[] =
	    "SELECT s.code, s.created, s.name, s.commune, s.province,"
	    " (SELECT count(*) FROM devices d WHERE d.school = s.code),"
	    " coalesce((SELECT events FROM rollup_school r"
	    " WHERE r.school = s.code), 0)"
	    " FROM schools s ORDER BY s.province, s.commune, s.code";
	struct srvstore_school sc;
	sqlite3_stmt *s;
	int rc;

	if ((s = store_prepare(st->store, sql, err)) == NULL)
		return HS_ESTORE;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		sc.code = col(s, 0);
		sc.created = col(s, 1);
		sc.name = col(s, 2);
		sc.commune = col(s, 3);
		sc.province = col(s, 4);
		sc.devices = sqlite3_column_int64(s, 5);
		sc.events = sqlite3_column_int64(s, 6);
		if ((rc = fn(&sc, ctx)) != 0) {
			sqlite3_reset(s);
			return rc;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_error(st->store, err, _("cannot read the schools"));
	return 0;
}

/* Runs sql (one statement) with code and other bound as ?1 and ?2. */
static int
school_exec(struct srvstore *st, const char *sql, const char *code,
    const char *other, struct hs_error *err)
{
	sqlite3_stmt *s;

	if ((s = store_prepare(st->store, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, code);
	store_bind_text(s, 2, other);
	return store_done(st->store, s, _("cannot change the school"), err);
}

int
srvstore_school_remove(struct srvstore *st, const char *code,
    struct hs_error *err)
{
	static const char used[] =
	    "SELECT (SELECT count(*) FROM devices WHERE school = ?1) +"
	    " (SELECT count(*) FROM events WHERE school = ?1),"
	    " (SELECT count(*) FROM schools WHERE code = ?1)";
	static const char tokens[] = "DELETE FROM tokens WHERE school = ?1";
	static const char school[] = "DELETE FROM schools WHERE code = ?1";
	sqlite3_stmt *s;
	long long n = 0, have = 0;
	int rc;

	if ((s = store_prepare(st->store, used, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, code);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		n = sqlite3_column_int64(s, 0);
		have = sqlite3_column_int64(s, 1);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return store_error(st->store, err, _("cannot read the schools"));
	if (have == 0)
		return HS_ENOTFOUND;
	if (n > 0)
		return HS_EINVAL;
	if ((rc = school_exec(st, tokens, code, NULL, err)) != 0)
		return rc;
	return school_exec(st, school, code, NULL, err);
}

int
srvstore_school_merge(struct srvstore *st, const char *from,
    const char *into, struct hs_error *err)
{
	static const char *const sql[] = {
		"UPDATE tokens SET school = ?2 WHERE school = ?1",
		"UPDATE devices SET school = ?2 WHERE school = ?1",
		"UPDATE events SET school = ?2 WHERE school = ?1",
		"UPDATE learner_class SET school = ?2 WHERE school = ?1",
		"UPDATE help_counts SET school = ?2 WHERE school = ?1",
		"UPDATE users SET school = ?2 WHERE school = ?1",
		"DELETE FROM schools WHERE code = ?1",
	};
	size_t i;
	int rc;

	for (i = 0; i < sizeof sql / sizeof sql[0]; i++)
		if ((rc = school_exec(st, sql[i], from, into, err)) != 0)
			return rc;
	/* Every rollup keyed by school, counted again from the events
	 * (branch privacy): a learner of both schools has one row now,
	 * which adding rows could not give.  A merge is rare. */
	return rollup_rebuild(st->store, NULL, err);
}

/*
 * Tokens, as the admin lists and cancels them (branch province).
 */

int
srvstore_token_each(struct srvstore *st, const char *school,
    srvstore_token_fn fn, void *ctx, struct hs_error *err)
{
	static const char sql[] =
	    "SELECT hash, school, created, expires, used_at, device"
	    " FROM tokens WHERE ?1 IS NULL OR school = ?1"
	    " ORDER BY school, created";
	struct srvstore_token t;
	char hash[65];
	sqlite3_stmt *s;
	int rc;

	if ((s = store_prepare(st->store, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, school);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		copy(hash, sizeof hash, s, 0);
		copy(t.school, sizeof t.school, s, 1);
		copy(t.created, sizeof t.created, s, 2);
		copy(t.expires, sizeof t.expires, s, 3);
		copy(t.used_at, sizeof t.used_at, s, 4);
		copy(t.device, sizeof t.device, s, 5);
		if ((rc = fn(hash, &t, ctx)) != 0) {
			sqlite3_reset(s);
			return rc;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_error(st->store, err, _("cannot read the tokens"));
	return 0;
}

int
srvstore_token_cancel(struct srvstore *st, const char *prefix,
    struct hs_error *err)
{
	static const char count[] =
	    "SELECT count(*), sum(used_at IS NOT NULL) FROM tokens"
	    " WHERE substr(hash, 1, length(?1)) = ?1";
	static const char sql[] =
	    "UPDATE tokens SET expires = created"
	    " WHERE substr(hash, 1, length(?1)) = ?1 AND used_at IS NULL";
	sqlite3_stmt *s;
	long long n = 0, used = 0;
	int rc;

	if ((s = store_prepare(st->store, count, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, prefix);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		n = sqlite3_column_int64(s, 0);
		used = sqlite3_column_int64(s, 1);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return store_error(st->store, err, _("cannot read the tokens"));
	if (n != 1)
		return n == 0 ? HS_ENOTFOUND : HS_EINVAL;
	if (used > 0)
		return 1;
	if ((s = store_prepare(st->store, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, prefix);
	return store_done(st->store, s, _("cannot cancel the token"), err);
}

int
srvstore_help_count_put(struct srvstore *st, const char *school,
    const char *device, const struct statement_help_count *c,
    struct hs_error *err)
{
	static const char sql[] =
	    "INSERT INTO help_counts (school, device, week, situation,"
	    " requests, in_time) VALUES (?, ?, ?, ?, ?, ?)"
	    " ON CONFLICT (device, week, situation) DO UPDATE SET"
	    " school = excluded.school,"
	    " requests = max(requests, excluded.requests),"
	    " in_time = max(in_time, excluded.in_time)";
	sqlite3_stmt *s;

	if ((s = store_prepare(st->store, sql, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_text(s, 1, school, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, device, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, c->week, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, c->situation, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 5, c->requests);
	sqlite3_bind_int64(s, 6, c->in_time);
	return store_done(st->store, s, _("cannot keep the counts of "
	    "requests for help"), err);
}

int
srvstore_help_counts(struct srvstore *st, const char *school,
    srvstore_help_fn fn, void *ctx, struct hs_error *err)
{
	static const char sql[] =
	    "SELECT school, week, situation, sum(requests), sum(in_time)"
	    " FROM help_counts WHERE ?1 IS NULL OR school = ?1"
	    " GROUP BY school, week, situation"
	    " ORDER BY school, week DESC, situation";
	struct srvstore_help_row r;
	sqlite3_stmt *s;
	int rc;

	if ((s = store_prepare(st->store, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, school);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		r.school = (const char *)sqlite3_column_text(s, 0);
		r.week = (const char *)sqlite3_column_text(s, 1);
		r.situation = (const char *)sqlite3_column_text(s, 2);
		r.requests = sqlite3_column_int64(s, 3);
		r.in_time = sqlite3_column_int64(s, 4);
		if ((rc = fn(&r, ctx)) != 0) {
			sqlite3_reset(s);
			return rc;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_error(st->store, err, _("cannot read the counts "
		    "of requests for help"));
	return 0;
}

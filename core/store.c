/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store.c: opening a SQLite database of a given kind, its pragmas, its
 * forward-only migrations, the statement cache, errors, transactions,
 * the meta table and appending to the events table.  See store.h for
 * the contract.  The DDL it runs is its callers' (their struct
 * store_schema); it knows no table's shape but meta's and events'.
 */
#include "config.h"

#include <assert.h>
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/fileio.h"
#include "core/i18n.h"
#include "core/store.h"
#include "core/util.h"
#include "core/uuid.h"

struct store_stmt {
	const char *sql;
	sqlite3_stmt *st;
	struct store_stmt *next;
};

struct store {
	sqlite3 *db;
	const struct store_schema *schema;
	int version;
	int reading;		/* in store_read_begin()'s transaction */
	struct store_stmt *stmts;
};

/* A store that cannot be written: says which of its files this user
 * cannot write, and whose it is (a -wal left by root, say), instead of
 * SQLite's "attempt to write a readonly database".  Returns 0 when it
 * found one (err filled), else -1. */
static int
store_readonly_why(struct store *s, struct hs_error *err, const char *doing)
{
	static const char *const suffix[] = { "", "-wal", "-shm" };
	const char *db = sqlite3_db_filename(s->db, "main");
	struct passwd *pw;
	struct stat st;
	char path[4200], who[64];
	size_t i;

	if (db == NULL || *db == '\0')
		return -1;
	for (i = 0; i < sizeof suffix / sizeof *suffix; i++) {
		snprintf(path, sizeof path, "%s%s", db, suffix[i]);
		if (lstat(path, &st) != 0 || access(path, W_OK) == 0)
			continue;
		if ((pw = getpwuid(st.st_uid)) != NULL)
			snprintf(who, sizeof who, "%s", pw->pw_name);
		else
			snprintf(who, sizeof who, "%ld", (long)st.st_uid);
		hs_error_set_at(err, HS_ESTORE, path, 0, 0, _("%s: this file "
		    "belongs to %s and this user cannot write it: run hocso as "
		    "%s, or give the file back to this user (chown)"), doing,
		    who, who);
		return 0;
	}
	return -1;
}

/* Whether the connection's last failure is one that time may cure. */
static int
store_transient(struct store *s)
{
	switch (sqlite3_extended_errcode(s->db) & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
	case SQLITE_FULL:
	case SQLITE_IOERR:
		return 1;
	default:
		return 0;
	}
}

int
store_error(struct store *s, struct hs_error *err, const char *doing)
{
	int code = HS_ESTORE;

	if (s->db != NULL && s->schema->transient != 0 && store_transient(s))
		code = s->schema->transient;
	if (s->db != NULL && (sqlite3_extended_errcode(s->db) & 0xff) ==
	    SQLITE_READONLY && store_readonly_why(s, err, doing) == 0)
		return HS_ESTORE;
	return hs_error_set(err, code, "%s: %s", doing,
	    s->db != NULL ? sqlite3_errmsg(s->db) : "no connection");
}

int
store_exec(struct store *s, const char *sql, struct hs_error *err)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_error(s, err, _("database error"));
	return 0;
}

static int
store_read_version(struct store *s, int *version, struct hs_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st,
	    NULL) != SQLITE_OK)
		return store_error(s, err, _("cannot read the schema version"));
	rc = sqlite3_step(st);
	*version = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return store_error(s, err, _("cannot read the schema version"));
	return 0;
}

/*
 * Brings the schema up to target, one version per step, all in one
 * IMMEDIATE transaction so that two processes opening a new file at once
 * cannot both migrate it.
 */
static int
store_migrate(struct store *s, const char *path, int target,
    struct hs_error *err)
{
	const struct store_schema *k = s->schema;
	char sql[64];
	int rc, v, from;

	/* The usual case, a file already up to date, needs no write lock. */
	if (store_read_version(s, &v, err) == 0 && v >= target &&
	    v <= k->nsteps) {
		s->version = v;
		return 0;
	}
	if ((rc = store_begin(s, err)) != 0)
		return rc;
	if ((rc = store_read_version(s, &v, err)) != 0)
		goto fail;
	if (v > k->nsteps) {
		rc = hs_error_set_at(err, HS_ESTORE, path, 0, 0,
		    _("made by a newer %s (schema %d, this one knows %d): "
		    "update %s"), k->program, v, k->nsteps, k->program);
		goto fail;
	}
	for (from = v; v < target; v++) {
		if ((rc = store_exec(s, k->steps[v].sql, err)) != 0)
			goto fail;
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d",
		    k->steps[v].version);
		if ((rc = store_exec(s, sql, err)) != 0)
			goto fail;
	}
	if (v >= 1 && v > from && k->migrated != NULL &&
	    (rc = k->migrated(s, v, err)) != 0)
		goto fail;
	s->version = v;
	return store_commit(s, err);
fail:
	store_rollback(s);
	return rc;
}

int
store_open_schema(const char *path, const struct store_schema *schema,
    int version, struct store **sp, struct hs_error *err)
{
	struct store *s = xcalloc(1, sizeof *s);
	struct stat st;
	int i, rc;

	*sp = NULL;
	s->schema = schema;
	for (i = 0; i < schema->nsteps; i++)
		assert(schema->steps[i].version == i + 1);
	if (version == STORE_LATEST)
		version = schema->nsteps;
	assert(version >= 0 && version <= schema->nsteps);
	/* A new store is private (0600; SQLite gives its -wal and -shm the
	 * same mode): it holds names, of learners or of schools.  Another
	 * process may make it first, which is as good. */
	if (path[0] != '\0' && strcmp(path, ":memory:") != 0 &&
	    lstat(path, &st) != 0 && errno == ENOENT)
		fileio_create(path, "", 0, 0600, NULL);
	if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | (schema->open_flags != 0 ?
	    schema->open_flags : SQLITE_OPEN_FULLMUTEX), NULL) != SQLITE_OK) {
		rc = hs_error_set_at(err, HS_ESTORE, path, 0, 0, "%s",
		    s->db != NULL ? sqlite3_errmsg(s->db) :
		    _("cannot open the database"));
		goto fail;
	}
	sqlite3_busy_timeout(s->db, schema->busy_ms > 0 ? schema->busy_ms :
	    STORE_BUSY_MS);
	sqlite3_extended_result_codes(s->db, 1);
	/* WAL survives in the file; synchronous, foreign keys and
	 * secure_delete are per connection and must be set every time.
	 * secure_delete: what is deleted or changed (a removed learner's
	 * name, a purged event) is overwritten, not left in free space. */
	if ((rc = store_exec(s, "PRAGMA journal_mode = WAL;"
	    "PRAGMA synchronous = FULL;"
	    "PRAGMA foreign_keys = ON;"
	    "PRAGMA secure_delete = ON;", err)) != 0 ||
	    (rc = store_migrate(s, path, version, err)) != 0) {
		if (err != NULL && err->file[0] == '\0') {
			char msg[sizeof err->msg];

			snprintf(msg, sizeof msg, "%s", err->msg);
			hs_error_set_at(err, rc, path, 0, 0, "%s", msg);
		}
		goto fail;
	}
	*sp = s;
	return 0;
fail:
	store_close(s);
	return rc;
}

void
store_config_app(void)
{
	sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	/* No page-cache memory given, and no bulk allocation (N = 0). */
	sqlite3_config(SQLITE_CONFIG_PAGECACHE, NULL, 0, 0);
}

void
store_close(struct store *s)
{
	struct store_stmt *p, *next;

	if (s == NULL)
		return;
	for (p = s->stmts; p != NULL; p = next) {
		next = p->next;
		sqlite3_finalize(p->st);
		free(p);
	}
	sqlite3_close(s->db);
	free(s);
}

sqlite3 *
store_db(struct store *s)
{
	return s->db;
}

int
store_version(struct store *s)
{
	return s->version;
}

int
store_begin(struct store *s, struct hs_error *err)
{
	store_read_end(s);
	return store_exec(s, "BEGIN IMMEDIATE", err);
}

int
store_read_begin(struct store *s, struct hs_error *err)
{
	int rc;

	store_read_end(s);
	if ((rc = store_exec(s, "BEGIN DEFERRED", err)) == 0)
		s->reading = 1;
	return rc;
}

void
store_read_end(struct store *s)
{
	if (!s->reading)
		return;
	s->reading = 0;
	/* A read-only transaction has nothing to save: COMMIT only lets
	 * the snapshot go; should it fail, ROLLBACK does so surely. */
	if (!sqlite3_get_autocommit(s->db) &&
	    sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

int
store_commit(struct store *s, struct hs_error *err)
{
	int rc;

	s->reading = 0;
	if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		rc = store_error(s, err, _("cannot save"));
		store_rollback(s);
		return rc;
	}
	return 0;
}

void
store_rollback(struct store *s)
{
	s->reading = 0;
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

sqlite3_stmt *
store_prepare(struct store *s, const char *sql, struct hs_error *err)
{
	struct store_stmt *p;

	for (p = s->stmts; p != NULL; p = p->next) {
		if (p->sql == sql) {
			sqlite3_reset(p->st);
			sqlite3_clear_bindings(p->st);
			return p->st;
		}
	}
	p = xcalloc(1, sizeof *p);
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
	    &p->st, NULL) != SQLITE_OK) {
		store_error(s, err, _("database error"));
		free(p);
		return NULL;
	}
	p->sql = sql;
	p->next = s->stmts;
	s->stmts = p;
	return p->st;
}

int
store_done(struct store *s, sqlite3_stmt *st, const char *doing,
    struct hs_error *err)
{
	int rc = sqlite3_step(st);

	if (rc != SQLITE_DONE) {
		rc = store_error(s, err, doing);
		sqlite3_reset(st);
		return rc;
	}
	sqlite3_reset(st);
	return 0;
}

int
store_step_done(struct store *s, sqlite3_stmt *st, struct hs_error *err)
{
	return store_done(s, st, _("cannot save"), err);
}

void
store_bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v != NULL)
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

static void
bind_flag(sqlite3_stmt *st, int i, int v)
{
	if (v >= 0)
		sqlite3_bind_int(st, i, v != 0);
	else
		sqlite3_bind_null(st, i);
}

int
store_event_append(struct store *s, const struct store_event *ev,
    struct hs_error *err)
{
	static const char sql[] =
	    "INSERT INTO events (uuid, ts, actor, verb, object, registration,"
	    " response, score, success, completion, duration_ms, lang)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	char id[UUID_LEN + 1], ts[32];
	sqlite3_stmt *st;

	if ((st = store_prepare(s, sql, err)) == NULL)
		return HS_ESTORE;
	uuid_generate(id);
	util_iso8601(clock_now_ms(), ts, sizeof ts);
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, ts, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, ev->actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, ev->verb, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, ev->object, -1, SQLITE_STATIC);
	store_bind_text(st, 6, ev->registration);
	store_bind_text(st, 7, ev->response);
	if (ev->has_score)
		sqlite3_bind_double(st, 8, ev->score);
	else
		sqlite3_bind_null(st, 8);
	bind_flag(st, 9, ev->success);
	bind_flag(st, 10, ev->completion);
	if (ev->duration_ms >= 0)
		sqlite3_bind_int64(st, 11, ev->duration_ms);
	else
		sqlite3_bind_null(st, 11);
	store_bind_text(st, 12, ev->lang);
	return store_step_done(s, st, err);
}

int
store_write(struct store *s, sqlite3_stmt *st, const struct store_event *ev,
    long long *rowid, struct hs_error *err)
{
	int rc;

	if ((rc = store_begin(s, err)) != 0) {
		sqlite3_reset(st);
		return rc;
	}
	if ((rc = store_step_done(s, st, err)) != 0)
		goto fail;
	if (rowid != NULL)
		*rowid = sqlite3_last_insert_rowid(s->db);
	if (ev != NULL && (rc = store_event_append(s, ev, err)) != 0)
		goto fail;
	return store_commit(s, err);
fail:
	store_rollback(s);
	return rc;
}

int
store_meta_get(struct store *s, const char *key, char *buf, int len,
    struct hs_error *err)
{
	static const char sql[] = "SELECT value FROM meta WHERE key = ?";
	sqlite3_stmt *st;
	int rc;

	if ((st = store_prepare(s, sql, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		snprintf(buf, len, "%s", sqlite3_column_text(st, 0));
		sqlite3_reset(st);
		return 0;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return hs_error_set(err, HS_ENOTFOUND, "%s", key);
	return store_error(s, err, _("database error"));
}

int
store_meta_set(struct store *s, const char *key, const char *value,
    struct hs_error *err)
{
	static const char sql[] =
	    "INSERT INTO meta (key, value) VALUES (?, ?)"
	    " ON CONFLICT (key) DO UPDATE SET value = excluded.value";
	sqlite3_stmt *st;

	if ((st = store_prepare(s, sql, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	return store_step_done(s, st, err);
}

int
store_meta_put(struct store *s, const char *key, const char *value,
    struct hs_error *err)
{
	int rc;

	if ((rc = store_begin(s, err)) != 0)
		return rc;
	if ((rc = store_meta_set(s, key, value, err)) != 0) {
		store_rollback(s);
		return rc;
	}
	return store_commit(s, err);
}

/*
 * store.c: opening the SQLite store, its pragmas, its forward-only
 * migrations, the statement cache, and the append-only events table.
 * See store.h for the contract.  No other file runs DDL.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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
	int version;
	struct store_stmt *stmts;
};

/*
 * migrations[i] takes the schema from version i to version i + 1.  Once
 * released, an entry never changes: a new version appends a new entry.
 */
static const char *const migrations[STORE_VERSION] = {
	/* 0 -> 1: identity and the events log. */
	"CREATE TABLE meta ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL);"
	"CREATE TABLE learners ("
	"  id INTEGER PRIMARY KEY,"
	"  uuid TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL,"
	"  created_at TEXT NOT NULL);"
	"CREATE TABLE events ("
	"  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  uuid TEXT NOT NULL UNIQUE,"
	"  ts TEXT NOT NULL,"
	"  actor TEXT NOT NULL,"
	"  verb TEXT NOT NULL,"
	"  object TEXT NOT NULL,"
	"  registration TEXT,"
	"  response TEXT,"
	"  score REAL,"
	"  success INTEGER,"
	"  completion INTEGER,"
	"  duration_ms INTEGER,"
	"  lang TEXT);"
	"CREATE TRIGGER events_no_update BEFORE UPDATE ON events"
	"  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;"
	"CREATE TRIGGER events_no_delete BEFORE DELETE ON events"
	"  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;",

	/* 1 -> 2: lesson progress, quiz attempts and their answers. */
	"CREATE TABLE lesson_progress ("
	"  learner_id INTEGER NOT NULL REFERENCES learners(id),"
	"  module TEXT NOT NULL,"
	"  lesson TEXT NOT NULL,"
	"  screen INTEGER NOT NULL DEFAULT 0,"
	"  screens_seen INTEGER NOT NULL DEFAULT 0,"
	"  completed_at TEXT,"
	"  PRIMARY KEY (learner_id, module, lesson));"
	"CREATE TABLE attempts ("
	"  id INTEGER PRIMARY KEY,"
	"  uuid TEXT NOT NULL UNIQUE,"
	"  learner_id INTEGER NOT NULL REFERENCES learners(id),"
	"  module TEXT NOT NULL,"
	"  quiz TEXT NOT NULL,"
	"  seed INTEGER NOT NULL,"
	"  lang TEXT NOT NULL,"
	"  question_count INTEGER NOT NULL,"
	"  started_at TEXT NOT NULL,"
	"  finished_at TEXT,"
	"  score REAL);"
	"CREATE INDEX attempts_by_learner ON attempts(learner_id, module);"
	"CREATE TABLE answers ("
	"  attempt_id INTEGER NOT NULL REFERENCES attempts(id),"
	"  position INTEGER NOT NULL,"
	"  question TEXT NOT NULL,"
	"  response TEXT NOT NULL,"
	"  fraction REAL NOT NULL,"
	"  answered_at TEXT NOT NULL,"
	"  PRIMARY KEY (attempt_id, position));",

	/* 2 -> 3: answers to the practice questions inside lessons. */
	"CREATE TABLE practice ("
	"  learner_id INTEGER NOT NULL REFERENCES learners(id),"
	"  module TEXT NOT NULL,"
	"  lesson TEXT NOT NULL,"
	"  question TEXT NOT NULL,"
	"  response TEXT NOT NULL,"
	"  fraction REAL NOT NULL,"
	"  answered_at TEXT NOT NULL);"
	"CREATE INDEX practice_by_question"
	"  ON practice(learner_id, module, lesson, question);",

	/* 3 -> 4: the school's roster.  The device's own learner (from
	 * version 1) has no class.  A removed learner keeps their row,
	 * uuid and progress with name '' and no PIN. */
	"CREATE TABLE classes ("
	"  id INTEGER PRIMARY KEY,"
	"  uuid TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL UNIQUE,"
	"  pins INTEGER NOT NULL DEFAULT 0,"
	"  created_at TEXT NOT NULL);"
	"ALTER TABLE learners ADD COLUMN class_id INTEGER"
	"  REFERENCES classes(id);"
	"ALTER TABLE learners ADD COLUMN lang TEXT;"
	"ALTER TABLE learners ADD COLUMN pin_hash TEXT;"
	"ALTER TABLE learners ADD COLUMN pin_failures INTEGER NOT NULL"
	"  DEFAULT 0;"
	"ALTER TABLE learners ADD COLUMN locked_until TEXT;"
	"ALTER TABLE learners ADD COLUMN removed_at TEXT;"
	"CREATE UNIQUE INDEX learners_name_in_class ON learners(class_id, name)"
	"  WHERE removed_at IS NULL;",

	/* 4 -> 5: screen time: a class's break reminder and daily limit
	 * (minutes, 0: none), and each learner's seconds in the app a day. */
	"ALTER TABLE classes ADD COLUMN break_minutes INTEGER NOT NULL"
	"  DEFAULT 0;"
	"ALTER TABLE classes ADD COLUMN daily_minutes INTEGER NOT NULL"
	"  DEFAULT 0;"
	"CREATE TABLE screen_time ("
	"  learner_id INTEGER NOT NULL REFERENCES learners(id),"
	"  day TEXT NOT NULL,"
	"  seconds INTEGER NOT NULL DEFAULT 0,"
	"  PRIMARY KEY (learner_id, day));",

	/* 5 -> 6: safety alerts from the server, each kept once with its
	 * file's text as received, and which learner (UUID) read which. */
	"CREATE TABLE alerts ("
	"  id TEXT PRIMARY KEY,"
	"  number INTEGER NOT NULL,"
	"  received TEXT NOT NULL,"
	"  body TEXT NOT NULL);"
	"CREATE TABLE alert_reads ("
	"  alert_id TEXT NOT NULL REFERENCES alerts(id),"
	"  learner TEXT NOT NULL,"
	"  read_at TEXT NOT NULL,"
	"  PRIMARY KEY (alert_id, learner));",
};

int
store_error(struct store *s, struct hs_error *err, const char *doing)
{
	return hs_error_set(err, HS_ESTORE, "%s: %s", doing,
	    s->db != NULL ? sqlite3_errmsg(s->db) : "no connection");
}

static int
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
 * IMMEDIATE transaction so that two processes opening a new store at once
 * cannot both migrate it.
 */
static int
store_migrate(struct store *s, const char *path, int target,
    struct hs_error *err)
{
	char sql[64], id[UUID_LEN + 1];
	int rc, v;

	/* The usual case, a store already up to date, needs no write lock. */
	if (store_read_version(s, &v, err) == 0 && v >= target &&
	    v <= STORE_VERSION && (v == 0 || store_meta_get(s, "device_id", id,
	    sizeof id, NULL) == 0)) {
		s->version = v;
		return 0;
	}
	if ((rc = store_begin(s, err)) != 0)
		return rc;
	if ((rc = store_read_version(s, &v, err)) != 0)
		goto fail;
	if (v > STORE_VERSION) {
		rc = hs_error_set_at(err, HS_ESTORE, path, 0, 0,
		    _("made by a newer hocso (schema %d, this one knows %d): "
		    "update hocso"), v, STORE_VERSION);
		goto fail;
	}
	for (; v < target; v++) {
		if ((rc = store_exec(s, migrations[v], err)) != 0)
			goto fail;
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v + 1);
		if ((rc = store_exec(s, sql, err)) != 0)
			goto fail;
	}
	if (v >= 1 && store_meta_get(s, "device_id", id, sizeof id,
	    NULL) == HS_ENOTFOUND) {
		uuid_generate(id);
		if ((rc = store_meta_set(s, "device_id", id, err)) != 0)
			goto fail;
	}
	s->version = v;
	return store_commit(s, err);
fail:
	store_rollback(s);
	return rc;
}

int
store_open_at_version(const char *path, int version, struct store **sp,
    struct hs_error *err)
{
	struct store *s = xcalloc(1, sizeof *s);
	struct stat st;
	int rc;

	*sp = NULL;
	/* A new store is private (0600; SQLite gives its -wal and -shm the
	 * same mode): it holds the learners' names.  Another process may
	 * make it first, which is as good. */
	if (path[0] != '\0' && strcmp(path, ":memory:") != 0 &&
	    lstat(path, &st) != 0 && errno == ENOENT)
		fileio_create(path, "", 0, 0600, NULL);
	if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, NULL) != SQLITE_OK) {
		rc = hs_error_set_at(err, HS_ESTORE, path, 0, 0, "%s",
		    s->db != NULL ? sqlite3_errmsg(s->db) :
		    _("cannot open the database"));
		goto fail;
	}
	sqlite3_busy_timeout(s->db, STORE_BUSY_MS);
	sqlite3_extended_result_codes(s->db, 1);
	/* WAL survives in the file; synchronous and foreign keys are per
	 * connection and must be set every time. */
	if ((rc = store_exec(s, "PRAGMA journal_mode = WAL;"
	    "PRAGMA synchronous = FULL;"
	    "PRAGMA foreign_keys = ON;", err)) != 0) {
		hs_error_set_at(err, HS_ESTORE, path, 0, 0, "%s",
		    sqlite3_errmsg(s->db));
		goto fail;
	}
	if ((rc = store_migrate(s, path, version, err)) != 0)
		goto fail;
	*sp = s;
	return 0;
fail:
	store_close(s);
	return rc;
}

int
store_open(const char *path, struct store **sp, struct hs_error *err)
{
	return store_open_at_version(path, STORE_VERSION, sp, err);
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
	return store_exec(s, "BEGIN IMMEDIATE", err);
}

int
store_commit(struct store *s, struct hs_error *err)
{
	if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		store_error(s, err, _("cannot save"));
		store_rollback(s);
		return HS_ESTORE;
	}
	return 0;
}

void
store_rollback(struct store *s)
{
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
store_step_done(struct store *s, sqlite3_stmt *st, struct hs_error *err)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_error(s, err, _("cannot save"));
	return 0;
}

static void
bind_text_or_null(sqlite3_stmt *st, int i, const char *v)
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
	util_iso8601(util_now_ms(), ts, sizeof ts);
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, ts, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, ev->actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, ev->verb, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, ev->object, -1, SQLITE_STATIC);
	bind_text_or_null(st, 6, ev->registration);
	bind_text_or_null(st, 7, ev->response);
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
	bind_text_or_null(st, 12, ev->lang);
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

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store.h: the SQLite layer every database of hocso goes through, the
 * device's (sync/devstore.c) and the server's (server/srvstore-sqlite.c).
 *
 * One file in WAL mode with synchronous=FULL, so a committed transaction
 * survives a power cut.  Many processes may open the same file: writers
 * take the lock with BEGIN IMMEDIATE and wait for each other
 * (busy_timeout) instead of failing.  A database's kind (struct
 * store_schema) lists its migrations, each the SQL that takes the schema
 * to one PRAGMA user_version; they only ever run forward.  This file
 * knows no table but meta (key, value), which every kind creates in its
 * first migration, and events, whose rows every learner action appends
 * (the device's kind creates it).  Statements are prepared once and kept
 * for the life of the connection.
 */
#ifndef HOCSO_STORE_H
#define HOCSO_STORE_H

#include <sqlite3.h>

#include "core/error.h"

/* How long a writer waits for another process's lock, in milliseconds,
 * unless its kind says otherwise. */
#define STORE_BUSY_MS 10000

/* To store_open_schema(): migrate to the kind's latest version. */
#define STORE_LATEST (-1)

struct store;

/* One step of a schema: sql takes it from version - 1 to version.  Once
 * released, a step never changes: a new version appends a new step. */
struct store_migration {
	int version;
	const char *sql;
};

/* A kind of database. */
struct store_schema {
	const char *program;	/* named when a newer one made the file */
	const struct store_migration *steps;	/* steps[i].version == i + 1 */
	int nsteps;		/* the latest version */
	int busy_ms;		/* 0: STORE_BUSY_MS */
	int open_flags;		/* SQLITE_OPEN_NOMUTEX, or 0: FULLMUTEX */
	int transient;		/* the code for busy, locked, full and I/O
				 * failures, or 0 for HS_ESTORE */
	/* Called in the migrating transaction after the steps ran, when the
	 * schema is at version (>= 1) now; may be NULL.  Returns 0 or a
	 * negative code with err filled. */
	int (*migrated)(struct store *s, int version, struct hs_error *err);
};


/* One learner action, shaped like an xAPI statement.  Pointers may be NULL
 * where the statement has no such part; has_score says whether score
 * (0..1) is set; success and completion are -1 when unknown. */
struct store_event {
	const char *actor;		/* learner UUID */
	const char *verb;		/* "experienced", "completed", "answered", ... */
	const char *object;		/* activity id */
	const char *registration;	/* attempt UUID */
	const char *response;
	const char *lang;
	int has_score;
	double score;
	int success;
	int completion;
	long long duration_ms;		/* -1 when unknown */
};

/* Opens (creating if needed) the database of kind schema at path, sets
 * its pragmas and migrates it to version (STORE_LATEST: schema->nsteps),
 * all steps in one transaction; a file already at version or beyond is
 * not written.  A file made by a newer program is refused, untouched.
 * On success *sp is set; the caller closes it with store_close().
 * Returns 0 or a negative code with err filled (and err->file, path). */
int store_open_schema(const char *path, const struct store_schema *schema,
    int version, struct store **sp, struct hs_error *err);

/* For a program with one thread and one store that waits on a person
 * (the app): SQLite takes no mutex and keeps no memory statistics (both
 * cost on every allocation), and takes page-cache memory as pages are
 * read instead of 20 pages' worth written through when the store opens
 * (14 of the app's ~210 page faults at start).  Call before any store is
 * opened, in a program that never shares a connection between threads;
 * it does nothing after. */
void store_config_app(void);

/* Finalises every statement and closes the connection.  s may be NULL. */
void store_close(struct store *s);

/* The connection, for modules that own tables of their own. */
sqlite3 *store_db(struct store *s);

/* The schema version of the open store. */
int store_version(struct store *s);

/* Starts a write transaction (BEGIN IMMEDIATE), waiting for other writers
 * up to the kind's busy_ms.  Returns 0 or HS_ESTORE (or the kind's
 * transient code, as every function below that can fail in SQLite). */
int store_begin(struct store *s, struct hs_error *err);

/* Starts a read transaction (a deferred BEGIN): the statements until
 * store_read_end() see one snapshot and take the WAL's read lock once,
 * not once each (e.g. all that a screen reads to open).  A write
 * transaction started inside it (store_begin) ends it first, so a write
 * always starts from the latest data.  It must end before the program
 * waits on anything: a snapshot held open keeps the WAL from being
 * checkpointed.  Returns 0 or HS_ESTORE. */
int store_read_begin(struct store *s, struct hs_error *err);

/* Ends the read transaction of store_read_begin(), if it is still open. */
void store_read_end(struct store *s);

/* Commits the transaction; on failure it is rolled back.  Returns 0 or
 * HS_ESTORE. */
int store_commit(struct store *s, struct hs_error *err);

/* Rolls the transaction back, if one is open. */
void store_rollback(struct store *s);

/* A prepared statement for sql, which must be a string that lives as long
 * as the store (a literal): it is prepared once, kept for the life of the
 * connection, and handed back reset with its bindings cleared.  Returns
 * NULL with err filled on failure. */
sqlite3_stmt *store_prepare(struct store *s, const char *sql,
    struct hs_error *err);

/* Runs sql, one statement or more that return no rows (not kept
 * prepared: for what runs once).  Returns 0 or a code with err (may be
 * NULL) filled. */
int store_exec(struct store *s, const char *sql, struct hs_error *err);

/* Runs a prepared statement that returns no rows, and resets it.
 * Returns 0 or HS_ESTORE (or the kind's transient code). */
int store_step_done(struct store *s, sqlite3_stmt *st, struct hs_error *err);

/* As store_step_done(), with doing (e.g. "cannot record the bundle") in
 * front of the message on failure. */
int store_done(struct store *s, sqlite3_stmt *st, const char *doing,
    struct hs_error *err);

/* Fills err from the connection's last error, prefixed with what was
 * being done, and returns its code: the kind's transient code when the
 * failure is one that time may cure, else HS_ESTORE. */
int store_error(struct store *s, struct hs_error *err, const char *doing);

/* Binds v to parameter i of st, or NULL when v is NULL.  v must outlive
 * the statement's next step. */
void store_bind_text(sqlite3_stmt *st, int i, const char *v);

/* One learner action: runs the prepared and bound statement st, and
 * appends ev (when not NULL), in one write transaction that it commits.
 * *rowid (may be NULL) gets the row st inserted.  On failure all is
 * rolled back.  Returns 0 or HS_ESTORE. */
int store_write(struct store *s, sqlite3_stmt *st,
    const struct store_event *ev, long long *rowid, struct hs_error *err);

/* Appends ev to the events table (made by the device's kind,
 * sync/devstore.c) with a new UUID and clock_now_ms().  Must be called
 * inside a transaction.  Returns 0 or HS_ESTORE. */
int store_event_append(struct store *s, const struct store_event *ev,
    struct hs_error *err);

/* The value for key in the meta table, copied into buf (size len), or
 * HS_ENOTFOUND.  Keys are declared by the module that owns them. */
int store_meta_get(struct store *s, const char *key, char *buf, int len,
    struct hs_error *err);

/* Sets key to value in the meta table.  Inside a transaction. */
int store_meta_set(struct store *s, const char *key, const char *value,
    struct hs_error *err);

/* As store_meta_set(), in a transaction of its own. */
int store_meta_put(struct store *s, const char *key, const char *value,
    struct hs_error *err);

#endif

/*
 * store.h: the SQLite store of one data folder.
 *
 * One file, hocso.db, in WAL mode with synchronous=FULL, so a committed
 * transaction survives a power cut.  Many processes may open the same
 * store: writers take the lock with BEGIN IMMEDIATE and wait for each other
 * (busy_timeout) instead of failing.  The schema is versioned with
 * PRAGMA user_version and only ever migrated forward.
 *
 * The events table is append-only (triggers refuse UPDATE and DELETE): one
 * xAPI-shaped row per learner action, written in the same transaction as
 * the state the action changes.
 */
#ifndef HOCSO_STORE_H
#define HOCSO_STORE_H

#include <sqlite3.h>

#include "core/error.h"

/* The schema version this build creates and understands. */
#define STORE_VERSION 6

/* How long a writer waits for another process's lock, in milliseconds. */
#define STORE_BUSY_MS 10000

struct store;

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

/* Opens (creating if needed) the store at path, sets its pragmas and
 * migrates its schema to STORE_VERSION.  A store made by a newer hocso is
 * refused.  On success *sp is set; the caller closes it with store_close().
 * Returns 0 or a negative code with err filled. */
int store_open(const char *path, struct store **sp, struct hs_error *err);

/* As store_open(), but migrates no further than version (tests use it to
 * make an old store). */
int store_open_at_version(const char *path, int version, struct store **sp,
    struct hs_error *err);

/* Finalises every statement and closes the connection.  s may be NULL. */
void store_close(struct store *s);

/* The connection, for modules that own tables of their own. */
sqlite3 *store_db(struct store *s);

/* The schema version of the open store. */
int store_version(struct store *s);

/* Starts a write transaction (BEGIN IMMEDIATE), waiting for other writers
 * up to STORE_BUSY_MS.  Returns 0 or HS_ESTORE. */
int store_begin(struct store *s, struct hs_error *err);

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

/* Runs a prepared statement that returns no rows.  Returns 0 or
 * HS_ESTORE. */
int store_step_done(struct store *s, sqlite3_stmt *st, struct hs_error *err);

/* Fills err from the connection's last error, prefixed with what was
 * being done, and returns HS_ESTORE. */
int store_error(struct store *s, struct hs_error *err, const char *doing);

/* One learner action: runs the prepared and bound statement st, and
 * appends ev (when not NULL), in one write transaction that it commits.
 * *rowid (may be NULL) gets the row st inserted.  On failure all is
 * rolled back.  Returns 0 or HS_ESTORE. */
int store_write(struct store *s, sqlite3_stmt *st,
    const struct store_event *ev, long long *rowid, struct hs_error *err);

/* Appends ev to the events table with a new UUID and the current time.
 * Must be called inside a transaction.  Returns 0 or HS_ESTORE. */
int store_event_append(struct store *s, const struct store_event *ev,
    struct hs_error *err);

/* The value for key in the meta table, copied into buf (size len), or
 * HS_ENOTFOUND. */
int store_meta_get(struct store *s, const char *key, char *buf, int len,
    struct hs_error *err);

/* Sets key to value in the meta table.  Inside a transaction. */
int store_meta_set(struct store *s, const char *key, const char *value,
    struct hs_error *err);

/* As store_meta_set(), in a transaction of its own. */
int store_meta_put(struct store *s, const char *key, const char *value,
    struct hs_error *err);

#endif

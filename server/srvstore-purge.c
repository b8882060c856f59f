/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * srvstore-purge.c: erasing children's data from the SQLite store
 * (hocso-server purge, retention; server/purge.c says when and what).
 * Part of the SQLite store, with srvstore-sqlite.c and rollup.c: the
 * only other files with the server's SQL.
 *
 * The events to erase are listed once, in a temporary table, and every
 * other row that depends on them goes with them in the same transaction:
 * the statements the forwarder has not sent (they are events: gone with
 * them) and those it set aside, the learners' classes no event names any
 * more, the counts of requests for help and the bundles kept aside of
 * what is erased; then the rollups are counted again from the events
 * left, so that the report equals rebuild-rollups'.  A device's
 * acknowledgement is never moved back: its later bundles follow on.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "core/i18n.h"
#include "core/store.h"
#include "server/rollup.h"
#include "server/srvstore.h"

/* Runs one of the statements below with its parameters: the school,
 * the learner, the time before which, the week before which.  *n (may
 * be NULL) gets the rows it changed, or its one count. */
static int
purge_run(struct store *db, const char *sql, const struct srvstore_purge *p,
    const char *week, long long after, long long *n, struct hs_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((s = store_prepare(db, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, p->school);
	store_bind_text(s, 2, p->learner);
	store_bind_text(s, 3, p->before);
	store_bind_text(s, 4, week);
	sqlite3_bind_int64(s, 5, after);
	store_bind_text(s, 6, p->logs_before);
	if (strncmp(sql, "SELECT", 6) == 0) {
		rc = sqlite3_step(s);
		if (rc == SQLITE_ROW && n != NULL)
			*n = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
		if (rc != SQLITE_ROW)
			return store_error(db, err, _("cannot erase the data"));
		return 0;
	}
	if ((rc = store_done(db, s, _("cannot erase the data"), err)) != 0)
		return rc;
	if (n != NULL)
		*n = sqlite3_changes(store_db(db));
	return 0;
}

int
srvstore_purge(struct srvstore *st, const struct srvstore_purge *p,
    long long forwarded, int recount, struct srvstore_purged *out,
    struct hs_error *err)
{
	/* ?1 school, ?2 learner, ?3 received before, ?4 week before,
	 * ?5 the forwarder's position, ?6 audit rows before. */
	static const char pick[] =
	    "INSERT INTO temp.purge_ids (id, device, actor)"
	    " SELECT id, device, actor FROM events"
	    " WHERE (?1 IS NULL OR school = ?1) AND (?2 IS NULL OR actor = ?2)"
	    " AND (?3 IS NULL OR received < ?3)"
	    " AND (?1 IS NOT NULL OR ?2 IS NOT NULL OR ?3 IS NOT NULL)";
	static const char learners[] =
	    "SELECT count(DISTINCT actor) FROM temp.purge_ids"
	    " WHERE actor IS NOT NULL AND actor NOT IN (SELECT id FROM devices)";
	static const char waiting[] =
	    "SELECT count(*) FROM temp.purge_ids WHERE id > ?5";
	static const char dead[] =
	    "DELETE FROM forward_dead WHERE id IN (SELECT id FROM"
	    " temp.purge_ids)";
	static const char events[] =
	    "DELETE FROM events WHERE id IN (SELECT id FROM temp.purge_ids)";
	static const char classes[] =
	    "DELETE FROM learner_class WHERE learner IN (SELECT actor FROM"
	    " temp.purge_ids) AND NOT EXISTS (SELECT 1 FROM events e"
	    " WHERE e.actor = learner_class.learner)";
	/* Counts of requests for help carry no learner: a school's, or
	 * the weeks before the retention's. */
	static const char help[] =
	    "DELETE FROM help_counts WHERE ?2 IS NULL"
	    " AND (?1 IS NOT NULL OR ?4 IS NOT NULL)"
	    " AND (?1 IS NULL OR school = ?1) AND (?4 IS NULL OR week < ?4)";
	/* Bundles kept aside: a school's devices', the learner's devices'
	 * (a bundle is a compressed archive: whether it holds the learner
	 * cannot be asked of SQL), or kept before the time. */
	static const char kept[] =
	    "DELETE FROM kept_aside WHERE (?3 IS NULL OR received < ?3)"
	    " AND (?1 IS NULL OR device IN (SELECT id FROM devices"
	    " WHERE school = ?1))"
	    " AND (?2 IS NULL OR device IN (SELECT device FROM"
	    " temp.purge_ids))"
	    " AND (?1 IS NOT NULL OR ?2 IS NOT NULL OR ?3 IS NOT NULL)";
	static const char audit[] =
	    "DELETE FROM signin_audit WHERE ?6 IS NOT NULL AND at < ?6";
	struct store *db = srvstore_sqlite(st);
	const char *week = NULL;
	char wk[16];
	int rc;

	memset(out, 0, sizeof *out);
	/* What is erased is overwritten, not only unlinked: every store's
	 * connection has secure_delete on (core/store.c). */
	if (p->help_before != NULL) {
		rollup_week(p->help_before, wk, sizeof wk);
		week = wk;
	}
	if (sqlite3_exec(store_db(db), "CREATE TEMP TABLE IF NOT EXISTS"
	    " purge_ids (id INTEGER PRIMARY KEY, device TEXT, actor TEXT);"
	    "DELETE FROM temp.purge_ids;", NULL, NULL, NULL) != SQLITE_OK)
		return store_error(db, err, _("cannot erase the data"));
	if ((rc = purge_run(db, pick, p, week, forwarded, NULL, err)) != 0 ||
	    (rc = purge_run(db, learners, p, week, forwarded, &out->learners,
	    err)) != 0 ||
	    (rc = purge_run(db, waiting, p, week, forwarded, &out->waiting,
	    err)) != 0 ||
	    (rc = purge_run(db, dead, p, week, forwarded, &out->dead,
	    err)) != 0 ||
	    (rc = purge_run(db, events, p, week, forwarded, &out->events,
	    err)) != 0 ||
	    (rc = purge_run(db, classes, p, week, forwarded, &out->classes,
	    err)) != 0 ||
	    (rc = purge_run(db, help, p, week, forwarded, &out->help,
	    err)) != 0 ||
	    (rc = purge_run(db, kept, p, week, forwarded, &out->kept,
	    err)) != 0 ||
	    (rc = purge_run(db, audit, p, week, forwarded, &out->audit,
	    err)) != 0)
		return rc;
	if (sqlite3_exec(store_db(db), "DELETE FROM temp.purge_ids", NULL,
	    NULL, NULL) != SQLITE_OK)
		return store_error(db, err, _("cannot erase the data"));
	if (recount && out->events > 0)
		return rollup_rebuild(db, NULL, err);
	return 0;
}

void
srvstore_purge_end(struct srvstore *st)
{
	struct store *db = srvstore_sqlite(st);

	/* The write-ahead log into the file, and emptied: its old frames
	 * held the rows before they were erased.  Best effort: a reader
	 * in another process may hold the log; it is then emptied later. */
	sqlite3_exec(store_db(db), "PRAGMA wal_checkpoint(TRUNCATE)", NULL,
	    NULL, NULL);
}

/* The file's size: pages times page size. */
static long long
compact_size(struct store *db)
{
	sqlite3_stmt *st;
	long long n = 0;

	if (sqlite3_prepare_v2(store_db(db), "SELECT page_count * page_size"
	    " FROM pragma_page_count, pragma_page_size", -1, &st,
	    NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

int
srvstore_compact(struct srvstore *st, long long *before, long long *after,
    struct hs_error *err)
{
	struct store *db = srvstore_sqlite(st);

	*before = compact_size(db);
	if (sqlite3_exec(store_db(db), "PRAGMA wal_checkpoint(TRUNCATE);"
	    "VACUUM; PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL,
	    NULL) != SQLITE_OK)
		return store_error(db, err, _("cannot compact the store"));
	*after = compact_size(db);
	return 0;
}

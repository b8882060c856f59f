/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rollup.h: the province's figures kept up to date at ingest, so that the
 * report and the dashboard cost what they show, not what is stored.
 *
 * The SQLite store (server/srvstore-sqlite.c) calls rollup_event() for
 * each event it stores, rollup_school_add() for them before it commits,
 * and rollup_class_moved() when a learner's class changes, in the same
 * transaction; rollup_rebuild() recomputes every
 * rollup from the events alone and gives the same rows.  What is kept:
 *
 *   - per school: its events and the newest event's time;
 *   - per learner, school and module: a status (in progress, passed,
 *     needs help), lessons completed, quizzes passed, finished attempts,
 *     the best score, the last activity;
 *   - per school, class and module (the class a learner has now, "-"
 *     when none), and the same per ISO week of the event's time: learners
 *     active, lessons completed, quiz attempts, passes;
 *   - per quiz question: learners who answered it, those right the first
 *     time, and each wrong answer's count;
 *   - per safety alert and device: when the device received it and when
 *     a learner there first read it (rollup_alert_event()).
 *
 * The readers (rollup_view()) are fixed queries over these tables only;
 * no query of theirs reads the events.  Scores are kept in millionths, as
 * integers, so that sums moved from class to class stay exact.
 */
#ifndef HOCSO_ROLLUP_H
#define HOCSO_ROLLUP_H

#include "core/error.h"
#include "core/store.h"
#include "sync/statement.h"

struct srvstore;

/* The SQLite store's connection (srvstore-sqlite.c). */
struct store *srvstore_sqlite(struct srvstore *st);

/* A learner's status in a module; "not started" has no row. */
enum rollup_status {
	ROLLUP_NOT_STARTED,
	ROLLUP_IN_PROGRESS,
	ROLLUP_PASSED,
	ROLLUP_NEEDS_HELP,
};

/* Wrong answers in one attempt that make a learner need help (as the
 * school's report, learn/model/report.h). */
#define ROLLUP_HELP_WRONG 3

/* The schema step that makes the tables (srvstore-sqlite.c's step list
 * holds it); it marks a store with events to be rebuilt. */
extern const char rollup_schema_sql[];

/* The learners' rows a transaction changed, held in memory until
 * rollup_flush() writes them (before the commit, and before anything
 * reads them) or rollup_cache_drop() forgets them (after a rollback). */
struct rollup_cache;
struct rollup_cache *rollup_cache_new(void);
int rollup_flush(struct store *db, struct rollup_cache *c,
    struct hs_error *err);
void rollup_cache_drop(struct rollup_cache *c);
void rollup_cache_free(struct rollup_cache *c);

/* Counts e, stored from school, into every rollup, through the cache c
 * (may be NULL).  kind and module are its object's (module NULL: none).
 * Inside the storing transaction.  Returns 0 or a store code with err
 * filled. */
int rollup_event(struct store *db, struct rollup_cache *c,
    const char *school,
    const struct statement_event *e, enum statement_kind kind,
    const char *module, struct hs_error *err);

/* The schema step of the alerts' rollup (rollup_alert: per alert and
 * device, when it was received and first read there), which counts the
 * alert events stored already. */
extern const char rollup_alert_schema_sql[];

/* Counts e, stored from device of school, when it is that device's
 * own alert event (sync/alert.h: actor the device, object ALERT_URN and
 * an id, verb ALERT_VERB_RECEIVED or ALERT_VERB_READ); any other event
 * is left alone.  The earliest time of each is kept, so that the order
 * of the events does not matter.  Inside the storing transaction. */
int rollup_alert_event(struct store *db, const char *device,
    const char *school, const struct statement_event *e,
    struct hs_error *err);

/* Adds events events to school's count, the newest at last. */
int rollup_school_add(struct store *db, const char *school, long long events,
    const char *last, struct hs_error *err);

/* Moves the figures of learner from class from to class to ("-" for
 * none).  Inside a transaction. */
int rollup_class_moved(struct store *db, struct rollup_cache *c,
    const char *learner, const char *from, const char *to,
    struct hs_error *err);

/* Empties the rollups and counts every stored event again, in row
 * order.  Inside a transaction.  *events (may be NULL) gets how many. */
int rollup_rebuild(struct store *db, long long *events,
    struct hs_error *err);

/* Whether a migration asked for a rebuild (meta "rollups"); if so,
 * rebuilds and clears the mark.  Inside the migrating transaction. */
int rollup_migrated(struct store *db, struct hs_error *err);

/* SQL for the average of scores whose sum is S millionths over N scores,
 * in % with one decimal, rounded half away from zero in integers (a
 * .x5 rounds the same in every reader, whatever order the scores were
 * added in): NULL when N is 0.  S and N are SQL expressions. */
#define ROLLUP_AVG_SQL(S, N) "CASE WHEN " N " > 0 THEN (CASE WHEN " S \
	" >= 0 THEN (" S " + " N " * 500) / (" N " * 1000) ELSE -((-" S \
	" + " N " * 500) / (" N " * 1000)) END) / 10.0 END"

/* The ISO 8601 week ("2026-W49") of an ISO 8601 time or date, into buf
 * (at least 9 bytes); "" when ts is no date. */
void rollup_week(const char *ts, char *buf, size_t len);

/* The readers.  Each calls fn with every row of one fixed query over the
 * rollups, as text cells (NULL for an SQL NULL); the columns are listed
 * with each view.  a and b are its parameters (see each).  A non-zero
 * return of fn stops the walk and is returned. */
enum rollup_view {
	/* a: a week; one row: schools, schools with a device, learners
	 * active in week a, lessons completed, finished attempts, passes */
	ROLLUP_PROVINCE,
	/* a: since (ISO time) -- each school whose last sync (the newest
	 * of its devices' last bundle) is before a, or never: school,
	 * devices, last sync (NULL: never), events */
	ROLLUP_NOT_SYNCED,
	/* a: school or NULL; per module: module, learners active, lessons
	 * completed, learners who finished an attempt, learners passed,
	 * learners needing help, pass rate in % of those who finished an
	 * attempt, average quiz score in % (NULL: none) */
	ROLLUP_MODULES,
	/* a: school or NULL, b: the first week; per week from b: week,
	 * learners active, lessons completed, attempts, passes */
	ROLLUP_WEEKS,
	/* a: school; per class and module: class, module, learners active,
	 * in progress, passed, needing help, lessons completed, average
	 * score in % */
	ROLLUP_GRID,
	/* a: school, b: class; per learner and module: learner (UUID),
	 * module, status (enum rollup_status), lessons, attempts, best
	 * score in %, last activity */
	ROLLUP_LEARNERS,
	/* a: module; per school: school, learners active, lessons
	 * completed, learners who finished an attempt, learners passed,
	 * pass rate in %, average score in % */
	ROLLUP_MODULE_SCHOOLS,
	/* a: module; its questions, the hardest first: question (object
	 * id), learners who answered, right the first time, that in %,
	 * answers, the
	 * wrong answer chosen most (NULL: none), its count */
	ROLLUP_QUESTIONS,
	/* a: school or NULL; per school: school, devices, events, last
	 * sync (NULL: never) */
	ROLLUP_SCHOOLS,
	/* a: school or NULL; per alert id: alert, devices that received
	 * it (or read it), devices where a learner read it */
	ROLLUP_ALERTS,
};
typedef int (*rollup_row_fn)(int ncol, const char *const *cell, void *ctx);
int rollup_view(struct srvstore *st, enum rollup_view view, const char *a,
    const char *b, rollup_row_fn fn, void *ctx, struct hs_error *err);

#endif

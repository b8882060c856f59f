/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * srvstore.h: the province server's storage: schools, enrolment tokens,
 * devices, bundles and their receipts, events, learners' classes,
 * bundles kept aside, published modules and alerts.
 *
 * An opaque handle with the functions below; server.c, report.c and the
 * commands use nothing else, and no SQL lives outside the one
 * implementation, srvstore-sqlite.c (one SQLite file in WAL mode), and
 * its rollups, rollup.c (server/rollup.h).  A
 * PostgreSQL store would be a second file implementing this header, its
 * choice made at build time.
 *
 * Rules every implementation keeps: writes happen between
 * srvstore_begin() and srvstore_commit() (or srvstore_rollback()), which
 * a writer in another process waits for (up to SRVSTORE_BUSY_MS); times
 * are ISO 8601 UTC text with milliseconds ("2026-11-28T17:46:46.123Z"),
 * so that they sort as text; a function that cannot write because the
 * store is busy past its wait, the disk is full or the file system
 * failed returns SRVSTORE_EAGAIN (try again later), any other store
 * failure HS_ESTORE.  Strings handed to a callback live until it returns.
 */
#ifndef HOCSO_SRVSTORE_H
#define HOCSO_SRVSTORE_H

#include <stddef.h>

#include "core/error.h"
#include "sync/statement.h"

#define SRVSTORE_FILE "server.db"
#define SRVSTORE_BUSY_MS 10000

/* The store cannot write now (busy, full, I/O error): try again later. */
#define SRVSTORE_EAGAIN (-20)

struct srvstore;

/* Opens (creating if needed) the store at path.  A store made by a newer
 * hocso-server is refused.  Returns 0 or a negative code with err filled. */
int srvstore_open(const char *path, struct srvstore **sp,
    struct hs_error *err);
void srvstore_close(struct srvstore *st);

/* A write transaction: begin waits for other writers; commit rolls back
 * on failure. */
int srvstore_begin(struct srvstore *st, struct hs_error *err);
int srvstore_commit(struct srvstore *st, struct hs_error *err);
void srvstore_rollback(struct srvstore *st);

/* The meta table: get copies the value into buf or returns HS_ENOTFOUND;
 * set works inside or outside a transaction. */
int srvstore_meta_get(struct srvstore *st, const char *key, char *buf,
    size_t len, struct hs_error *err);
int srvstore_meta_set(struct srvstore *st, const char *key,
    const char *value, struct hs_error *err);

/* Enrolment tokens, known only by their SHA-256 (hex). */
struct srvstore_token {
	char school[72];
	char created[32], expires[32];
	char used_at[32];		/* "" while unused */
	char device[40];		/* who used it, "" while unused */
};

/* Records a token for school (the school recorded too). */
int srvstore_token_add(struct srvstore *st, const char *hash,
    const char *school, const char *created, const char *expires,
    struct hs_error *err);
/* The token with that hash, or HS_ENOTFOUND. */
int srvstore_token_get(struct srvstore *st, const char *hash,
    struct srvstore_token *t, struct hs_error *err);
/* Marks it used by device at time now. */
int srvstore_token_use(struct srvstore *st, const char *hash,
    const char *device, const char *now, struct hs_error *err);

/* Devices. */
struct srvstore_device {
	char id[40];
	char school[72];
	char key[128];			/* base64 of the public key */
	char enrolled[32];
	char revoked[32];		/* "" when not revoked */
	long long acked_seq;		/* every event up to it is stored */
	long long last_number;		/* the last bundle's number */
	char last_seen[32];		/* the last bundle's arrival, or "" */
	long long events;		/* events stored (lists only) */
};

/* The device with id id, or HS_ENOTFOUND. */
int srvstore_device_get(struct srvstore *st, const char *id,
    struct srvstore_device *d, struct hs_error *err);
/* Adds d, or sets the school and key of the device with its id. */
int srvstore_device_put(struct srvstore *st, const struct srvstore_device *d,
    struct hs_error *err);
/* Marks it revoked at now; HS_ENOTFOUND for an unknown device. */
int srvstore_device_revoke(struct srvstore *st, const char *id,
    const char *now, struct hs_error *err);
/* After a bundle: its acknowledged sequence, last bundle number and the
 * time it was seen. */
int srvstore_device_advance(struct srvstore *st, const char *id,
    long long acked_seq, long long number, const char *seen,
    struct hs_error *err);
/* Calls fn for each device of school (NULL: all), by school and id.  A
 * non-zero return of fn stops the walk and is returned. */
typedef int (*srvstore_device_fn)(const struct srvstore_device *d,
    void *ctx);
int srvstore_device_each(struct srvstore *st, const char *school,
    srvstore_device_fn fn, void *ctx, struct hs_error *err);

/* Bundles received: the receipt given for the bundle named sha256 (a new
 * buffer), or HS_ENOTFOUND. */
int srvstore_bundle_receipt(struct srvstore *st, const char *sha256,
    char **receipt, size_t *len, struct hs_error *err);
struct srvstore_bundle {
	const char *sha256, *device;
	long long number, first_seq, last_seq, stored;
	const char *received;
	const char *via;		/* "http" or "usb" */
	const char *receipt;
	size_t receipt_len;
};
int srvstore_bundle_add(struct srvstore *st, const struct srvstore_bundle *b,
    struct hs_error *err);

/* Keeps a refused bundle's bytes aside for the admin (a bundle kept
 * already is left as it is). */
int srvstore_keep_aside(struct srvstore *st, const char *sha256,
    const char *device, const char *reason, const char *received,
    const void *data, size_t len, struct hs_error *err);
/* How many bundles are kept aside and not resolved
 * (srvstore-admin.h). */
int srvstore_kept_count(struct srvstore *st, long long *n,
    struct hs_error *err);

/* Events as stored: the device's event e with the home page of its
 * bundle, the school of its device, and where it came from. */
struct srvstore_event {
	long long id;			/* row id, set when read */
	const char *device, *school, *homepage, *received, *bundle;
	struct statement_event e;
};

/* Stores ev; HS_EINVAL when its uuid or (device, seq) is stored
 * already. */
int srvstore_event_add(struct srvstore *st, const struct srvstore_event *ev,
    struct hs_error *err);

typedef int (*srvstore_event_fn)(const struct srvstore_event *ev,
    void *ctx);
/* Calls fn with the device's event numbered seq, or with the event whose
 * uuid is uuid: returns fn's return, or HS_ENOTFOUND. */
int srvstore_event_by_seq(struct srvstore *st, const char *device,
    long long seq, srvstore_event_fn fn, void *ctx, struct hs_error *err);
int srvstore_event_by_uuid(struct srvstore *st, const char *uuid,
    srvstore_event_fn fn, void *ctx, struct hs_error *err);
/* Calls fn for each event with row id > after_id received at or after
 * since (NULL: any), by row id; stops at fn's first non-zero return,
 * which it returns. */
int srvstore_event_each(struct srvstore *st, long long after_id,
    const char *since, srvstore_event_fn fn, void *ctx,
    struct hs_error *err);
/* The number of events stored (of device, or all when NULL). */
int srvstore_event_count(struct srvstore *st, const char *device,
    long long *n, struct hs_error *err);

/* A learner's class as the device said at packing time.  Ignored (0,
 * nothing changed) unless the learner's first stored event came from
 * school, and their class was last set from school: a device names the
 * classes of its own school's learners only. */
int srvstore_class_set(struct srvstore *st, const char *learner,
    const char *device, const char *school, const char *class_name,
    const char *updated, struct hs_error *err);

/* Published modules. */
struct srvstore_module {
	const char *id, *version, *sha256, *published;
	long long size;
	const char *publisher;		/* base64 key; NULL: not recorded */
	const char *withdrawn;		/* when withdrawn; NULL: offered */
};
/* Records m (a package published twice is left as it was). */
int srvstore_module_add(struct srvstore *st, const struct srvstore_module *m,
    struct hs_error *err);
/* 0 when the package named sha256 is published (and not withdrawn),
 * else HS_ENOTFOUND. */
int srvstore_module_has(struct srvstore *st, const char *sha256,
    struct hs_error *err);
/* Calls fn for every package published, withdrawn ones too, by id then
 * by publication. */
typedef int (*srvstore_module_fn)(const struct srvstore_module *m,
    void *ctx);
int srvstore_module_each(struct srvstore *st, srvstore_module_fn fn,
    void *ctx, struct hs_error *err);

/* Alerts, numbered 1, 2, ... in publication order.  add gives the new
 * number in *number; HS_EINVAL when id is used already. */
int srvstore_alert_add(struct srvstore *st, const char *id,
    const char *text, size_t len, const char *sig, const char *published,
    long long *number, struct hs_error *err);
/* The newest alert's number, 0 when none. */
int srvstore_alert_last(struct srvstore *st, long long *number,
    struct hs_error *err);
typedef int (*srvstore_alert_fn)(long long number, const char *text,
    size_t len, const char *sig, void *ctx);
int srvstore_alert_each(struct srvstore *st, long long after,
    srvstore_alert_fn fn, void *ctx, struct hs_error *err);

/* Rebuilds every rollup (server/rollup.h) from the stored events, in one
 * transaction; *events (may be NULL) gets how many were counted. */
int srvstore_rollups_rebuild(struct srvstore *st, long long *events,
    struct hs_error *err);
/* plain 1: events are stored without their rollups (the benchmark's
 * baseline only: the figures go wrong until a rebuild). */
void srvstore_rollups_plain(struct srvstore *st, int plain);

/* The report's figures (server/report.h), read from the rollups: per school, class and module,
 * and per school.  school NULL: every school. */
struct srvstore_report_row {
	const char *school, *class_name, *module;
	long long learners;		/* active: any event in the module */
	long long lessons;		/* (learner, lesson) completed */
	long long quizzes;		/* (learner, quiz) passed */
	double average;			/* quiz score in %, to a tenth
					 * (ROLLUP_AVG_SQL), < 0 when none */
	long long score_sum, score_n;	/* its sum (in 10000ths of %) and
					 * count, to add rows up */
};
typedef int (*srvstore_report_fn)(const struct srvstore_report_row *r,
    void *ctx);
int srvstore_report_rows(struct srvstore *st, const char *school,
    srvstore_report_fn fn, void *ctx, struct hs_error *err);
struct srvstore_school_row {
	const char *school;
	long long devices, events;
	const char *last_bundle;	/* received, "" when none */
};
typedef int (*srvstore_school_fn)(const struct srvstore_school_row *r,
    void *ctx);
int srvstore_school_rows(struct srvstore *st, const char *school,
    srvstore_school_fn fn, void *ctx, struct hs_error *err);

/* The forwarder's dead letters: statements (by their row id in events)
 * the LRS refused, set aside so that the rest go on. */
struct srvstore_dead {
	long long id, seq;
	const char *uuid, *device;	/* the statement's */
	int tries, retry;		/* retry: marked to be sent again */
	const char *since, *reason;
};
typedef int (*srvstore_dead_fn)(const struct srvstore_dead *d, void *ctx);

/* Sets statement id aside with why it was refused and how many tries it
 * took (added to those before, and unmarked for a retry, when it is
 * aside already). */
int srvstore_dead_add(struct srvstore *st, long long id, const char *reason,
    int tries, const char *since, struct hs_error *err);

/* Calls fn for each statement set aside, oldest first; stops at fn's
 * first non-zero return, which it returns. */
int srvstore_dead_each(struct srvstore *st, srvstore_dead_fn fn, void *ctx,
    struct hs_error *err);

/* retry: marks statement id to be sent again; else drops it (it stays
 * stored, and is never sent).  HS_ENOTFOUND when id is not aside. */
int srvstore_dead_mark(struct srvstore *st, long long id, int retry,
    struct hs_error *err);

/* The first statement marked to be sent again, or HS_ENOTFOUND. */
int srvstore_dead_next_retry(struct srvstore *st, long long *id,
    struct hs_error *err);

/* Each token (of school, or every one), by school and creation: its
 * hash (hex) and the rest. */
typedef int (*srvstore_token_fn)(const char *hash,
    const struct srvstore_token *t, void *ctx);
int srvstore_token_each(struct srvstore *st, const char *school,
    srvstore_token_fn fn, void *ctx, struct hs_error *err);
/* Cancels the one unused token whose hash starts with prefix (it then
 * expires when it was made): 0; 1 when it was used already;
 * HS_ENOTFOUND for none; HS_EINVAL for a prefix more than one has. */
int srvstore_token_cancel(struct srvstore *st, const char *prefix,
    struct hs_error *err);

/*
 * The school registry (hocso-server school).
 */
struct srvstore_school {
	const char *code, *created;	/* created: ISO time */
	const char *name, *commune, *province;	/* NULL when unknown; for
					 * put without create, NULL keeps */
	long long devices, events;	/* each: counted */
};
/* Records a school: create makes a new one (HS_ENOTFOUND when the code
 * is there: nothing changed), else the fields given change (HS_ENOTFOUND
 * for an unknown code). */
int srvstore_school_put(struct srvstore *st, const struct srvstore_school *sc,
    int create, struct hs_error *err);
typedef int (*srvstore_school_info_fn)(const struct srvstore_school *sc,
    void *ctx);
/* Whether code is in the registry: 1, 0, or a store code. */
int srvstore_school_exists(struct srvstore *st, const char *code,
    struct hs_error *err);
/* Each school, by province, commune and code; its events from the
 * rollups (rollup_school), never counted from the events. */
int srvstore_school_each(struct srvstore *st, srvstore_school_info_fn fn,
    void *ctx, struct hs_error *err);
/* Removes a school and its tokens: HS_ENOTFOUND for an unknown code,
 * HS_EINVAL for one with devices or events (merge it instead). */
int srvstore_school_remove(struct srvstore *st, const char *code,
    struct hs_error *err);
/* Moves from's tokens, devices, events, classes, counts of help and
 * school accounts to into, removes from, and counts the rollups again.
 * Both must exist (the caller checks). */
int srvstore_school_merge(struct srvstore *st, const char *from,
    const char *into, struct hs_error *err);

/*
 * A server's life (server/lifecycle.c, the health check).
 */

/* Copies the whole store to a new store file at path, consistent (as one
 * read transaction sees it) while writers go on.  Returns 0 or a store
 * code (SRVSTORE_EAGAIN when the disk is full). */
int srvstore_backup(struct srvstore *st, const char *path,
    struct hs_error *err);

/* Checks the store's pages (quick: PRAGMA quick_check; full: PRAGMA
 * integrity_check): 0, or HS_ESTORE with why (len bytes) the first
 * problem. */
int srvstore_quick_check(struct srvstore *st, int full, char *why,
    size_t len, struct hs_error *err);

/* Writes and commits a row (meta health.written = now): 0 when the
 * store can take a bundle now, else a store code. */
int srvstore_write_check(struct srvstore *st, const char *now,
    struct hs_error *err);
/* Children's requests for help, as counts only (branch help): a
 * device's count for a week and situation, kept as the larger of the
 * stored and the given; and per school (NULL: all), week and situation,
 * the sums over its devices, by school, newest week first. */
int srvstore_help_count_put(struct srvstore *st, const char *school,
    const char *device, const struct statement_help_count *c,
    struct hs_error *err);
struct srvstore_help_row {
	const char *school, *week, *situation;
	long long requests, in_time;
};
typedef int (*srvstore_help_fn)(const struct srvstore_help_row *r,
    void *ctx);
int srvstore_help_counts(struct srvstore *st, const char *school,
    srvstore_help_fn fn, void *ctx, struct hs_error *err);

/*
 * Erasing children's data (server/purge.c; srvstore-purge.c).
 */
struct srvstore_purge {
	const char *school;		/* its events only; NULL: any */
	const char *learner;		/* their events only; NULL: any */
	const char *before;		/* received before (ISO); NULL: any */
	const char *help_before;	/* counts of help of the weeks before
					 * this time's (ISO); NULL: none, or
					 * all the school's */
	const char *logs_before;	/* sign-in audit rows before; NULL:
					 * none */
};
struct srvstore_purged {
	long long events, learners, waiting, dead, classes, help, kept,
	    audit;
};
/* Inside a transaction: erases the events p picks (at least one of
 * school, learner, before must be given for any event to go) with
 * their set-aside statements, the classes of learners left with no
 * event, the counts of help and bundles kept aside p picks, and the
 * sign-in audit rows before p->logs_before, overwriting what it erases
 * (secure_delete); *out counts each, and how many of the events the
 * forwarder, at forwarded, had not sent.  recount 1: the rollups are
 * counted again from the events left.  Returns 0 or a store code. */
int srvstore_purge(struct srvstore *st, const struct srvstore_purge *p,
    long long forwarded, int recount, struct srvstore_purged *out,
    struct hs_error *err);
/* After the purge's transaction ended: erased pages overwritten from
 * then on no more, the write-ahead log emptied into the file. */
void srvstore_purge_end(struct srvstore *st);

/* Rewrites the store's file with only what it holds (VACUUM), so that
 * no byte of erased data stays in its free pages, and empties the
 * write-ahead log.  Needs free disk as large as the store and no other
 * writer meanwhile.  *before and *after get the file's size in bytes.
 * Returns 0 or a store code. */
int srvstore_compact(struct srvstore *st, long long *before,
    long long *after, struct hs_error *err);

#endif

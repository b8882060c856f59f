/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * server.h: the province server's work, apart from how requests arrive.
 * hocso-server's commands (server/main.c) and its HTTP front (http.c)
 * both call these; docs/sync-protocol.md is the contract they serve.
 *
 * A server lives in one data folder:
 *
 *   <dir>/server.db            the store (server/srvstore.h; SQLite, WAL)
 *   <dir>/server.key, .pub     its Ed25519 key pair, made on first use:
 *                              receipts, enrolment answers and alerts are
 *                              signed with it
 *   <dir>/modules/<sha256>.hsm the packages published to the schools
 *
 * Every function is safe to call from one thread at a time per struct
 * server; the HTTP front serialises its calls with a mutex.
 */
#ifndef HOCSO_SERVER_H
#define HOCSO_SERVER_H

#include <stddef.h>
#include <stdio.h>

#include "core/error.h"
#include "core/keys.h"

struct server;

/* What a request ends in: the HTTP front maps each to its status. */
enum server_status {
	SERVER_OK = 0,		/* 200 */
	SERVER_BAD = 400,	/* unreadable, damaged, or not what it claims */
	SERVER_FORBIDDEN = 403,	/* unknown, revoked or unenrolled device,
				 * wrong signature, wrong or used token */
	SERVER_NOT_FOUND = 404,
	SERVER_CONFLICT = 409,	/* an event id came back with other
				 * contents: the bundle is kept aside */
	SERVER_TOO_LARGE = 413,
	SERVER_OUT_OF_ORDER = 422,	/* a gap: earlier events are missing */
	SERVER_UNAVAILABLE = 503,	/* the store cannot write now (busy,
					 * disk full): try again later */
};

/* Opens the server in dir, which hocso-server init made (server_init()):
 * a folder without a store is refused (HS_ENOTFOUND) and nothing is
 * made.  The key is checked: whole (its public half is the one its
 * secret half makes) and the one the store recorded (SERVER_META_KEY);
 * server.pub is written again from it when missing or different.
 * Returns 0 or a negative code with err filled. */
int server_open(const char *dir, struct server **sp, struct hs_error *err);
void server_close(struct server *s);

/* The server's public key. */
const struct keys_public *server_public_key(const struct server *s);

/* Checks a bundle completely (sync/bundle.h: shape, hash, signature by
 * an enrolled and unrevoked device, sequence), then stores its new
 * events in one transaction.  sha256, when not NULL, is the name the
 * client gave it, which must be the SHA-256 of data.  On SERVER_OK,
 * *receipt (a new string, *receipt_len bytes) is the signed receipt
 * (sync/receipt.h); the same bundle again gets the same bytes and stores
 * nothing.  On any other status nothing is stored (except a conflicting
 * bundle, kept aside) and err says why in one line. */
enum server_status server_ingest(struct server *s, const void *data,
    size_t len, const char *sha256, char **receipt, size_t *receipt_len,
    struct hs_error *err);

/* Enrols a device with a one-time token made by server_token_new() for
 * school: records the device and its public key (base64), uses the
 * token.  sig is the device key's signature (base64) of
 * statement_enrol_message(token, school, device, time), time within
 * STATEMENT_ENROL_SKEW_MS of the server's clock; device must be
 * statement_device_id() of the key, unless it is enrolled already with
 * that key (a device made before ids were derived).  On SERVER_OK
 * *answer is a new JSON text (docs/sync-protocol.md, "Enrolment").
 * SERVER_BAD for a missing or malformed field; SERVER_FORBIDDEN for a
 * wrong, used or expired token, a token of another school, a bad
 * signature, a time out of bounds or an id not derived from the key;
 * SERVER_CONFLICT for a device id enrolled with another key. */
enum server_status server_enroll(struct server *s, const char *token,
    const char *school, const char *device, const char *key_b64,
    const char *time, const char *sig, char **answer, struct hs_error *err);

/* Makes a one-time enrolment token for school, valid for days days;
 * writes it (text, at most 64 bytes) into token. */
int server_token_new(struct server *s, const char *school, int days,
    char *token, size_t len, struct hs_error *err);

/* The catalog of published modules and the newest alert's number as
 * JSON text (docs/sync-protocol.md, "Catalog"): a new string. */
enum server_status server_catalog(struct server *s, char **json,
    struct hs_error *err);

/* server_catalog() with, when device is not NULL, what the server holds
 * of that device (docs/sync-protocol.md, "After a restore"): "device":
 * {"enrolled": false}, or {"enrolled": true, "revoked": bool,
 * "acked_seq": N, "bundle_no": N}.  SERVER_BAD for a device that is no
 * UUID. */
enum server_status server_catalog_for(struct server *s, const char *device,
    char **json, struct hs_error *err);

/* The path of the published package whose SHA-256 is sha256 (a new
 * string), or SERVER_NOT_FOUND. */
enum server_status server_module_path(struct server *s, const char *sha256,
    char **path, struct hs_error *err);

/* The alerts numbered after after, as JSON text (docs/sync-protocol.md,
 * "Alerts"): a new string. */
enum server_status server_alerts(struct server *s, long long after,
    char **json, struct hs_error *err);

/* Calls fn for each stored statement, in the order stored, whose row is
 * after after_id and which was received at or after since (an ISO 8601
 * time; NULL for any): its row id and its text (statement_text(), the
 * same bytes the device would build).  Stops at the first non-zero
 * return of fn, which it returns. */
typedef int (*server_statement_fn)(long long id, const char *text,
    size_t len, void *ctx);
int server_export(struct server *s, long long after_id, const char *since,
    server_statement_fn fn, void *ctx, struct hs_error *err);
/* server_export() of the statements received before until too (an ISO
 * 8601 UTC time as the store keeps them, "2026-11-28T17:00:00.000Z";
 * NULL: any). */
int server_export_until(struct server *s, long long after_id,
    const char *since, const char *until, server_statement_fn fn,
    void *ctx, struct hs_error *err);

/* The server's own settings and positions (the LRS forwarder's, say):
 * get copies the value into buf or returns HS_ENOTFOUND. */
int server_meta_get(struct server *s, const char *key, char *buf,
    size_t len, struct hs_error *err);
int server_meta_set(struct server *s, const char *key, const char *value,
    struct hs_error *err);

/*
 * Added by the server's own commands (hocso-server, server/main.c) and
 * for the HTTP front's answers; the functions above keep their contract.
 */
struct srvstore;

/* The server's store (server/srvstore.h), for the commands' lists. */
struct srvstore *server_store(struct server *s);

/* What server_ingest_ex() is told and tells besides the receipt. */
struct server_ingest_info {
	const char *via;		/* in: "http" (NULL) or "usb" */
	char device[40];		/* out: the bundle's device, when read */
	char school[72];		/* out: its school, when known */
	long long number;		/* out: the bundle's number, when read */
	long long stored;		/* out, SERVER_OK: events newly stored */
	int again;			/* out, SERVER_OK: stored before */
	long long acked_seq;		/* out, SERVER_OUT_OF_ORDER: the
					 * device's acknowledged sequence */
	char event[40];			/* out, SERVER_CONFLICT: the event */
	int retry_after;		/* out, SERVER_UNAVAILABLE: seconds */
};

/* server_ingest() with info (may be NULL); server_ingest() is this with
 * via "http". */
enum server_status server_ingest_ex(struct server *s, const void *data,
    size_t len, const char *sha256, struct server_ingest_info *info,
    char **receipt, size_t *receipt_len, struct hs_error *err);

/* What server_import() did with a folder. */
struct server_import_totals {
	int bundles;			/* stored now */
	int again;			/* stored before */
	int refused;
	long long events;		/* events newly stored */
	int enrolled;			/* enrolment requests answered now */
	int enrolled_before;		/* requests answered before (the
					 * answer is there, the device
					 * enrolled with that key) */
	int behind;			/* bundles after events the server
					 * lacks (restored from a backup):
					 * the device is told, and sends
					 * again */
	int states;			/* devices' states written */
};

/* Called by server_import() for each bundle refused: its path and why. */
typedef void (*server_refused_fn)(const char *path, const char *why,
    void *ctx);

/* Ingests every *.hsb file in dir, in name order, as arriving by USB;
 * writes the receipt of each bundle stored (now or before) beside it
 * (receipt_name()); calls refused for each other one and goes on.
 * Before the bundles, answers every enrolment request in dir
 * (hocso-DEVICE.enroll, the JSON of POST /v1/enroll) as server_enroll()
 * does, writing the answer beside it (hocso-DEVICE.enrolled); a request
 * answered before is left as it is, a refused one counts in t->refused.
 * Returns 0 (even with bundles refused: see t->refused) or a negative
 * code when dir cannot be read or a receipt or an answer cannot be
 * written. */
int server_import(struct server *s, const char *dir,
    struct server_import_totals *t, server_refused_fn refused, void *ctx,
    struct hs_error *err);

#define SERVER_ENROLL_SUFFIX ".enroll"	/* a request on a stick */
#define SERVER_ENROLLED_SUFFIX ".enrolled"	/* its answer beside it */
#define SERVER_REFUSED_SUFFIX ".refused"	/* or why it was refused:
					 * {"device", "school", "refused"} */

/* Revokes a device: its later bundles are refused; what it sent before
 * is kept.  HS_ENOTFOUND for a device the server does not know. */
int server_device_revoke(struct server *s, const char *device,
    struct hs_error *err);

/* Publishes the module package at path: checked (readable, signed,
 * well-formed), copied into the modules folder, recorded.  *id and
 * *version (may be NULL) get new strings. */
int server_publish(struct server *s, const char *path, char **id,
    char **version, struct hs_error *err);
/* server_publish() with what the catalog offers checked (modules.h):
 * force publishes a version older than the one offered; *offered (may
 * be NULL) gets the newer version the catalog still offers, or NULL. */
int server_publish_ex(struct server *s, const char *path, int force,
    char **id, char **version, char **offered, struct hs_error *err);

/* Publishes the alert file at path (sync/alert.h) signed by the server;
 * *number gets its number.  An id used already is refused. */
int server_alert(struct server *s, const char *path, long long *number,
    struct hs_error *err);

/* A bundle kept aside after a 409, taken in (hocso-server bundle resolve
 * --accept) as server_ingest_ex() would, but for its events that the
 * server holds with other contents: those are skipped (the server's
 * stay; *skipped counts them), and the bundle is marked resolved in the
 * same transaction.  Any other refusal (a bundle before it missing, a
 * revoked device) is server_ingest_ex()'s status. */
enum server_status server_kept_accept(struct server *s, const void *data,
    size_t len, struct server_ingest_info *info, long long *skipped,
    struct hs_error *err);

struct bundle;
/* Reads and checks a bundle as server_ingest() does (bundle_read_mem()
 * with the devices' keys); free b with bundle_free(). */
int server_bundle_read(struct server *s, const void *data, size_t len,
    struct bundle *b, struct hs_error *err);

/* Parses an ISO 8601 time ("2026-11-28", "2026-11-28T10:00",
 * "2026-11-28T10:00:00.5Z", "...+07:00") into Unix milliseconds.
 * Returns 0 or HS_EINVAL. */
int server_time_parse(const char *text, long long *ms);

/* Parses a bound of a period (server/period.c): a date (2026-11-28) is
 * a day of local time; a time is the instant it says (UTC without a
 * zone).  until 1: the bound of --until, which a date moves
 * to the end of its day (the day is included; a time is excluded).
 * Returns 0 or HS_EINVAL. */
int server_period_parse(const char *text, int until, long long *ms);

/*
 * A server's life (server/lifecycle.c): made once, its key on paper,
 * backed up and restored.
 */

/* The store's record of the server's public key (base64). */
#define SERVER_META_KEY "server.public_key"

/* 0 when dir holds a server's store, else HS_ENOTFOUND with err saying
 * how to make one. */
int server_is_data(const char *dir, struct hs_error *err);

/* The server's data folder. */
const char *server_dir(const struct server *s);

/* Where the server keeps the quiz banks its dashboard has read
 * (server/answertext.h): NULL until the first; server_close() frees it. */
struct answertext_cache **server_answer_cache(struct server *s);

/* Makes a new server in dir (made if missing; an empty folder is fine):
 * its key pair, its store (with the key recorded), its modules folder.
 * A folder that holds a store or a key already is refused (HS_EINVAL)
 * and left as it was. */
int server_init(const char *dir, struct hs_error *err);

/* Writes the paper form of the server's key to f: the key's 32 secret
 * bytes as four lines of hexadecimal, each with its own check, and the
 * public key's fingerprint.  Returns 0 or HS_EIO. */
int server_key_paper(struct server *s, FILE *f, struct hs_error *err);

/* Reads a paper form (text, len bytes) and writes dir's server.key and
 * server.pub from it.  Refused (nothing written): a line whose check
 * fails (err names it), a key the store did not record, a folder with
 * no store, a server.key there already (unless it is the same key:
 * then only server.pub is written again). */
int server_key_restore(const char *dir, const char *text, size_t len,
    struct hs_error *err);

/* Whether the server can do its work now (GET /v1/health): free space
 * on its disk (at least HOCSO_HEALTH_MIN_FREE_MB, default 64), a write
 * to the store committed and read, with deep PRAGMA quick_check, and
 * server.key still the key it signs with.  Returns 0, or a negative
 * code with why (len bytes, English: the log's) the first problem. */
int server_health(struct server *s, int deep, char *why, size_t len);

/*
 * The alerts as the admin sees them (server/alerts.c).
 */

/* Signs len bytes of text with the server's key (base64 into sig, at
 * least KEYS_B64_MAX bytes). */
void server_sign(struct server *s, const void *text, size_t len, char *sig);

/* One alert published, for hocso-server alert list. */
struct server_alert_row {
	long long number;
	char id[72];
	char expires[11];		/* "" for never */
	char title[328];		/* in Vietnamese, else English */
	long long withdrawn;		/* the withdrawal's number, or 0 */
	long long received;		/* devices that received it */
	long long read;			/* devices where a learner read it */
};
typedef int (*server_alert_fn)(const struct server_alert_row *r,
    void *arg);

/* Calls fn for each alert published (not the withdrawals), in number
 * order, with the devices that told the province they received it and
 * read it (the dashboard's safety page's figures, ROLLUP_ALERTS); stops
 * at fn's first non-zero return, which it returns. */
int server_alert_list(struct server *s, server_alert_fn fn, void *arg,
    struct hs_error *err);

/* Withdraws the alert id: a signed withdrawal numbered after every
 * alert, which devices take as a new alert and which removes it there.
 * *number gets the withdrawal's number.  HS_ENOTFOUND for an id never
 * published, HS_EINVAL for one withdrawn already. */
int server_alert_withdraw(struct server *s, const char *id,
    long long *number, struct hs_error *err);

/* The alerts' epoch (meta alerts.epoch, given in the catalog): copied
 * into buf (at least 17 bytes), made when missing or when renew is set
 * (a restore: numbers given out after the backup come again). */
int server_alert_epoch(struct server *s, char *buf, size_t len, int renew,
    struct hs_error *err);

/*
 * The school registry (server/schools.c).  Codes follow the device's
 * rule (sync/schoolcode.h), case-insensitive, kept in upper case.
 */

/* Adds a school (create) or changes the fields given (not NULL) of one
 * in the registry.  HS_EINVAL for a bad code or text, or a code there
 * already (create); HS_ENOTFOUND for an unknown code (not create). */
int server_school_put(struct server *s, const char *code, const char *name,
    const char *commune, const char *province, int create,
    struct hs_error *err);

/* Whether code (canonical, or as an older server stored it) is in the
 * registry: 0, HS_ENOTFOUND with err saying so, or a store code.  Within
 * the caller's transaction. */
int server_school_registered(struct srvstore *st, const char *code,
    struct hs_error *err);

/* Removes a school with no devices and no events, and its tokens. */
int server_school_remove(struct server *s, const char *code,
    struct hs_error *err);

/* Moves from's devices, events, tokens and classes into into, and
 * removes from (the 2025 mergers). */
int server_school_merge(struct server *s, const char *from,
    const char *into, struct hs_error *err);

/* What server_backup() and server_restore() did. */
struct server_backup_totals {
	long long store_bytes;		/* the store's copy */
	int modules;			/* packages copied */
	int missing;			/* packages the store lists that are
					 * not there (or damaged) */
};

/* Called by server_backup() for each package it cannot copy. */
typedef void (*server_backup_fn)(const char *id, const char *version,
    const char *why, void *arg);

/* Backs the server up into dest, a new or empty folder, while it runs:
 * the store (one consistent copy, SQLite's backup API), every package
 * the copy lists, server.pub, then manifest.json (sizes, SHA-256s, the
 * key's fingerprint, the packages missing).  The secret key is not
 * copied (keep it on paper: server_key_paper()).  A package that cannot
 * be read is said through say and counted in t->missing; the backup is
 * still made.  Returns 0 or a negative code. */
int server_backup(struct server *s, const char *dest,
    struct server_backup_totals *t, server_backup_fn say, void *arg,
    struct hs_error *err);

/* Restores the backup folder into dir, which must hold no store: checks
 * the manifest and every file's SHA-256 before writing anything, copies
 * the packages, then the store (checked with PRAGMA integrity_check)
 * last, and writes server.pub from the manifest.  server.key is not in
 * a backup: put it back with server_key_restore() (or a copy) if dir
 * lacks it; server_open() then checks it against the store. */
int server_restore(const char *backup, const char *dir,
    struct server_backup_totals *t, struct hs_error *err);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * client.h: the school device's side of the sync protocol over HTTP
 * (docs/sync-protocol.md), on top of the transport in http.h: sending
 * the outbox's bundles and applying their receipts, fetching the catalog
 * and installing the newer modules, fetching the signed safety alerts,
 * and enrolment (the request, the answer, the server's key).  It decides
 * what each answer means, says each failure on standard error (one line,
 * in words a teacher understands, the first kept in problem) and records
 * a run in the meta table; the commands (learn/commands/sync.c and
 * enroll.c) parse options and print what was done.
 */
#ifndef HOCSO_SYNC_CLIENT_H
#define HOCSO_SYNC_CLIENT_H

#include <stddef.h>

#include "core/error.h"
#include "core/store.h"
#include "sync/http.h"
#include "sync/outbox.h"

/* An enrolment by USB stick (server/server.h): the request the device
 * writes, hocso-DEVICE.enroll, and the answer the server writes beside
 * it, hocso-DEVICE.enrolled, of at most CLIENT_ENROLLED_MAX bytes. */
#define CLIENT_ENROLL_SUFFIX ".enroll"
#define CLIENT_ENROLLED_SUFFIX ".enrolled"
#define CLIENT_ENROLLED_MAX 4096
/* Or why it was refused, {"device", "school", "refused"}. */
#define CLIENT_REFUSED_SUFFIX ".refused"

/* The server's alerts' epoch last seen (meta): when the catalog gives
 * another, every alert is taken again. */
#define CLIENT_ALERT_EPOCH "sync.alert_epoch"

/* One run of hocso sync or hocso enroll. */
struct client {
	const char *datadir;
	struct store *store;
	struct outbox *o;
	struct synchttp h;
	struct synchttp_policy policy;
	char problem[640];		/* the first failure, in plain words */
	int unreachable;		/* no server, or not a hocso one */
	char alert_epoch[40];		/* the catalog's alerts_epoch, or "" */
	int rewound;			/* the server holds fewer of this
					 * device's events than it thought
					 * (a restore): pack and send again */
};

/* Starts a run on the data folder datadir, its store s and its open
 * outbox o, with at most tries attempts per request.  No request is
 * made: client_open() connects. */
void client_init(struct client *c, const char *datadir, struct store *s,
    struct outbox *o, int tries);

/* Opens the connection to the server at url.  Returns 0, or -1 (said). */
int client_open(struct client *c, const char *url);

/* Closes the connection, if any. */
void client_close(struct client *c);

/* Says a failure on standard error, one line, and keeps the first in
 * c->problem (for meta sync.last_error). */
void client_fail(struct client *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Records value under key in the meta table (a failure is said). */
void client_record(struct client *c, const char *key, const char *value);

/* Now, as the meta table's sync.last_* keep it: "2026-11-28T17:46:46Z". */
void client_now(char *buf, size_t len);

/* Sends each bundle of the outbox in order and applies its receipt;
 * stops at the first that cannot be.  *sent and *events get how many
 * bundles and events went.  Returns 0 when every bundle is
 * acknowledged, -1 when not (said). */
int client_send_outbox(struct client *c, int *sent, long long *events);

/* Called for each module installed from the server's catalog. */
typedef void (*client_installed_fn)(const char *id, const char *version,
    const char *publisher, void *arg);

/* Installs each module of the server's catalog that is not installed or
 * newer than the one installed, as hocso install does, calling fn for
 * each.  *alerts gets the catalog's newest alert number (-1 when it does
 * not say).  Returns 0 or -1 (said). */
int client_fetch_modules(struct client *c, client_installed_fn fn,
    void *arg, long long *alerts);

/* Keeps the alerts numbered after meta sync.alert_no (none when newest,
 * the catalog's newest, is not after it), each checked against the
 * server's key; *kept gets how many were new.  Returns 0 or -1
 * (said). */
int client_fetch_alerts(struct client *c, long long newest, int *kept);

/* The enrolment request of the device whose outbox is o: the JSON body
 * of POST /v1/enroll, also written on a stick (a new string), or NULL
 * when a value is not UTF-8. */
char *client_enrol_request(const struct outbox *o, const char *code,
    const char *token);

/* The file of the device's enrolment request (answer 0), of the
 * server's answer (answer 1) or of its refusal (answer 2) in dir, a
 * stick's folder (a new string). */
char *client_enrol_path(const char *dir, const char *device, int answer);

/* Posts the enrolment request body to the open connection (url, for
 * meta sync.server) and completes it with the server's answer.
 * Returns 0, or -1 (said; nothing changed). */
int client_enrol_post(struct client *c, const char *body, const char *code,
    const char *url, int force);

/* Completes an enrolment with the server's answer (len bytes of JSON,
 * docs/sync-protocol.md, "Enrolment"), over HTTP (url, force) or read
 * from the file on a USB stick (url NULL, file): checks that it is for
 * this device and school code and holds a key, keeps the key in
 * server.pub, then sets meta school.code (and sync.server to url) and
 * clears sync.enroll_pending in one transaction.  Nothing changes when
 * it is refused.  Returns 0 or -1 (said). */
int client_enrol_complete(struct client *c, const char *answer, size_t len,
    const char *code, const char *url, int force, const char *file);

/* Reads a refusal written on a stick (hocso-DEVICE.refused, len bytes
 * of JSON): the school (may be "") and the reason into school and why.
 * Returns 0, or -1 when it is not one. */
int client_enrol_refusal(const char *text, size_t len, char *school,
    size_t slen, char *why, size_t wlen);

#endif

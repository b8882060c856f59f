/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * alert.h: safety alerts from the province: the file an admin writes
 * (docs/sync-protocol.md, "Alerts"), checked the same way by the server
 * that signs it and the device that receives it, and the device's copy
 * of each alert with who has read it (store tables alerts, alert_reads).
 */
#ifndef HOCSO_ALERT_H
#define HOCSO_ALERT_H

#include <stddef.h>

#include "core/error.h"
#include "core/store.h"

#define ALERT_MAX_FILE 16384		/* bytes in an alert file */
#define ALERT_MAX_ID 64			/* bytes in its id */
#define ALERT_MAX_TITLE 80		/* characters in a title */
#define ALERT_MAX_TEXT 1000		/* characters in a text */

enum { ALERT_VI, ALERT_EN, ALERT_LANGS };

struct alert {
	char id[ALERT_MAX_ID + 1];
	char expires[11];		/* "YYYY-MM-DD", or "" for never */
	/* UTF-8, "" when the file has no section for that language */
	char title[ALERT_LANGS][ALERT_MAX_TITLE * 4 + 1];
	char text[ALERT_LANGS][ALERT_MAX_TEXT * 4 + 1];
};

/* Parses and checks an alert file's len bytes; name (the file's name)
 * is used in messages, which give the line.  Returns 0, or HS_EINVAL
 * with err saying what is wrong. */
int alert_parse(const char *text, size_t len, const char *name,
    struct alert *a, struct hs_error *err);

/* The title and text in lang ("vi" or "en"), or in the other language
 * when the alert has none in lang. */
const char *alert_title(const struct alert *a, const char *lang);
const char *alert_text(const struct alert *a, const char *lang);

/* Whether a has expired on day today ("YYYY-MM-DD"). */
int alert_expired(const struct alert *a, const char *today);

/* Today, the local day, as "YYYY-MM-DD" into buf (at least 11 bytes):
 * the day alert_expired() and alert_unread() want. */
void alert_today(char *buf, size_t len);

/*
 * What the province is told (docs/bundle-format.md, "Alerts received
 * and read"): an event of the device's own, actor its id, object
 * ALERT_URN and the alert's id, verb ALERT_VERB_RECEIVED when the alert
 * is first kept and ALERT_VERB_READ when a learner of the device first
 * reads it; nothing else, never a learner.  An older server stores them
 * as any event of an object not its own.
 */
#define ALERT_URN "urn:hocso-alert:"
#define ALERT_VERB_RECEIVED "received"
#define ALERT_VERB_READ "experienced"

/* Keeps a on the device: the alert numbered number at the server, its
 * file's text as received, and records its ALERT_VERB_RECEIVED event.
 * An id kept already is left as it is (returns 1).  Inside or outside a
 * transaction.  Returns 0, 1 or a negative code. */
int alert_save(struct store *s, long long number, const char *text,
    size_t len, struct hs_error *err);

/* The alerts the learner (their UUID) has not read and that have not
 * expired on today, newest first: a new array in *list (free() it), *n
 * entries. */
int alert_unread(struct store *s, const char *learner, const char *today,
    struct alert **list, int *n, struct hs_error *err);

/* Marks alert id read by learner; the first learner of the device to
 * read it records its ALERT_VERB_READ event.  Inside or outside a
 * transaction. */
int alert_mark_read(struct store *s, const char *learner, const char *id,
    struct hs_error *err);

/* Whether text (len bytes) is a withdrawal, "[withdraw]\nid = ID\n" as
 * the server signs it (server/alerts.c): 0 with ID in id (len idlen), or
 * -1 for anything else. */
int alert_withdrawal(const char *text, size_t len, char *id, size_t idlen);

/* Removes the alert id from the device (and who read it): withdrawn by
 * the province.  0 (also when it was not there) or a negative code. */
int alert_withdraw(struct store *s, const char *id, struct hs_error *err);

#endif

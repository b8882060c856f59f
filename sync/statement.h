/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * statement.h: one stored event as an xAPI 1.0.3 statement.
 *
 * The mapping is a pure function of the event and the school's home
 * page: the device and the province server, given the same event, build
 * byte for byte the same statement (statement_text).  That is what lets a
 * bundle carry events in a compact form (sync/compact.h) instead of the
 * statements themselves.  docs/bundle-format.md, "Statements", is the
 * contract; a learner is named by their random UUID only, never by name.
 */
#ifndef HOCSO_STATEMENT_H
#define HOCSO_STATEMENT_H

#include <stddef.h>

#include <jansson.h>

#include "core/error.h"
#include "core/store.h"

/* Where activity ids live: urn:hocso:M:lesson:L becomes
 * STATEMENT_ACTIVITY_BASE "M/lesson/L". */
#define STATEMENT_ACTIVITY_BASE "https://hocso.invalid/xapi/activities/"
/* The actor's home page when the school has none of its own: this, then
 * the school code or, before enrolment, the device id. */
#define STATEMENT_SCHOOL_BASE "https://hocso.invalid/school/"
#define STATEMENT_VERSION "1.0.3"

/* One row of the events table (core/store.h), with its identity. */
struct statement_event {
	long long seq;
	const char *uuid;		/* the statement id */
	const char *ts;			/* "2026-11-28T17:46:46.123Z" */
	struct store_event ev;
};

/* The statement id of a device's event: a version 8 UUID (RFC 9562)
 * made of the first 16 bytes of SHA-256(STATEMENT_ID_NAMESPACE, the
 * device's 32-byte public key, seq as 8 bytes big-endian), so that no
 * other device can sign an event under this one's ids.  Writes it,
 * lower-case, into out. */
#define STATEMENT_ID_NAMESPACE "hocso-event-id-1"	/* 16 bytes */
void statement_event_id(const unsigned char pk[32], long long seq,
    char out[37]);

/* A device's id from its public key: the same over
 * STATEMENT_DEVICE_NAMESPACE and the key alone. */
#define STATEMENT_DEVICE_NAMESPACE "hocso-device-id1"	/* 16 bytes */
void statement_device_id(const unsigned char pk[32], char out[37]);

/* The bytes a device signs with its key to ask for enrolment (POST
 * /v1/enroll, a .enroll file): "hocso-enroll-1\n" and the token, the
 * school code, the device id and the time (ISO 8601, the device's
 * clock), each followed by a newline.  A new string the caller frees. */
char *statement_enrol_message(const char *token, const char *school,
    const char *device, const char *time);
/* Whether sig (base64) is pub's signature of that message: 0, or
 * HS_EINVAL. */
struct keys_public;
int statement_enrol_check(const char *token, const char *school,
    const char *device, const char *time, const struct keys_public *pub,
    const char *sig);
#define STATEMENT_ENROL_SKEW_MS (7LL * 86400000)	/* ±7 days */

/* What an activity is, from its id. */
enum statement_kind {
	STATEMENT_OTHER,	/* not one of ours: kept as an IRI */
	STATEMENT_MODULE,	/* urn:hocso:M */
	STATEMENT_LESSON,	/* urn:hocso:M:lesson:L */
	STATEMENT_SCREEN,	/* urn:hocso:M:lesson:L:screen:N */
	STATEMENT_PRACTICE,	/* urn:hocso:M:lesson:L:practice:Q */
	STATEMENT_QUIZ,		/* urn:hocso:M:quiz or urn:hocso:M:quiz:BANK */
	STATEMENT_QUESTION,	/* urn:hocso:M:question:Q */
	STATEMENT_HELP_COUNT,	/* urn:hocso-help:SITUATION:WEEK */
};

/* A device's weekly count of children's requests for help
 * (learn/model/helpreq.h): actor the device's id, verb "counted", object
 * urn:hocso-help:SITUATION:YYYY-Www, response "REQUESTS IN_TIME", nothing
 * else.  Its statement carries the two numbers as result extensions
 * (STATEMENT_HELP_EXT "help-requests" and "help-handled-in-time") and no
 * response.  statement_help_count() reads one: 0 with the parts filled,
 * HS_ENOTFOUND when ev is no count (neither that verb nor that object),
 * HS_EINVAL with err saying why when it is one but not exactly that: a
 * situation that is no lower-case word (which words: lessons/help.h, the
 * server's to check), no ISO week, counts that are no numbers from 0 to
 * STATEMENT_HELP_MAX with in_time <= requests, or any other part set. */
#define STATEMENT_HELP_VERB "counted"
#define STATEMENT_HELP_URN "urn:hocso-help:"
#define STATEMENT_HELP_EXT "https://hocso.invalid/xapi/extensions/"
#define STATEMENT_HELP_MAX 100000
struct statement_help_count {
	char situation[16];
	char week[12];
	long long requests, in_time;
};
int statement_help_count(const struct store_event *ev,
    struct statement_help_count *c, struct hs_error *err);

/* The statement for e, whose actor's account has homepage as its home
 * page: a new JSON object the caller releases with json_decref().  Every
 * event gives a statement, even one with odd contents (an object that is
 * no URN of ours becomes an IRI under STATEMENT_ACTIVITY_BASE "other/"). */
json_t *statement_from_event(const struct statement_event *e,
    const char *homepage);

/* The statement as canonical text: compact JSON, keys sorted, no
 * newline.  A new string the caller frees; its length in *len (may be
 * NULL). */
char *statement_text(const struct statement_event *e, const char *homepage,
    size_t *len);

/* The IRI of the activity with the stored id object, written into buf
 * (size len, truncated never: returns -1 when it does not fit), and its
 * kind in *kind (may be NULL).  Returns the IRI's length. */
int statement_activity_iri(const char *object, char *buf, size_t len,
    enum statement_kind *kind);

/* A stored score as the statement gives it: in [-1, 1], rounded to
 * STATEMENT_SCORE_STEPS (1/10000); the statement's score.scaled is
 * this / STATEMENT_SCORE_STEPS.  A score that is no number is 0. */
#define STATEMENT_SCORE_STEPS 10000
long long statement_score_steps(double score);

/* The ADL IRI of a stored verb ("answered" ...), or NULL for a verb that
 * has none. */
const char *statement_verb_iri(const char *verb);

/* The actor's home page for a school: homepage when set (meta
 * 'school.homepage'), else STATEMENT_SCHOOL_BASE and the school code,
 * else the device id, percent-encoded.  Writes it into buf (size len). */
void statement_homepage(const char *homepage, const char *school,
    const char *device, char *buf, size_t len);

/* Whether st is a statement that an xAPI 1.0.3 Learning Record Store
 * must accept: its required parts, the types and forms of every part we
 * or anybody may send (UUIDs, IRIs, language tags, ISO 8601 times and
 * durations, scores), and no unknown property.  Returns 0, or HS_EINVAL
 * with err saying which property is wrong and why. */
int statement_validate(const json_t *st, struct hs_error *err);

/* The same for the text of a statement. */
int statement_validate_text(const char *text, size_t len,
    struct hs_error *err);

/* Whether s is a UUID in its canonical text form (hex in either case,
 * hyphens at 8-4-4-4-12, RFC 4122 variant, version 1 to 5). */
int statement_uuid_valid(const char *s);

/* Whether s is an absolute IRI (RFC 3987: a scheme, then no spaces,
 * controls or <>"{}|\^` and only well-formed %XX escapes). */
int statement_iri_valid(const char *s);

#endif

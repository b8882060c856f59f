/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * helpreq.h: children's requests for help ("Tell my teacher") and the
 * teacher's triage of them, in the device's store.
 *
 * A request names its situation (lessons/help.h), optionally a few words,
 * and its learner, or no one when sent without a name.  The teacher marks
 * it "talked with the child", "passed to the school's child-protection
 * contact / 111" or "closed", with a note; each mark is appended, none is
 * changed or deleted.  The urgency comes from the situation (danger now,
 * within a day, this week), and a request is handled in time when its
 * first mark came within the urgency's time.  Only counts per ISO week
 * and situation leave the school (helpreq_counts_flush); a learner's
 * requests are erased with the learner (helpreq_forget_learner).
 */
#ifndef HOCSO_HELPREQ_H
#define HOCSO_HELPREQ_H

#include "core/error.h"
#include "core/store.h"

enum helpreq_state {
	HELPREQ_NEW,
	HELPREQ_TALKED,		/* talked with the child */
	HELPREQ_PASSED,		/* passed to the child-protection contact / 111 */
	HELPREQ_CLOSED,
	HELPREQ_NSTATES
};

enum helpreq_urgency {
	HELPREQ_NOW,		/* danger now: the same school day */
	HELPREQ_DAY,		/* within a day */
	HELPREQ_WEEK,		/* this week */
};

/* A request's words, at most (bytes). */
#define HELPREQ_MESSAGE_MAX 600
/* A note's, at most. */
#define HELPREQ_NOTE_MAX 1000

/* The verb and the object's prefix of a count event:
 * "urn:hocso-help:SITUATION:YYYY-Www", response "REQUESTS IN_TIME". */
#define HELPREQ_COUNT_VERB "counted"
#define HELPREQ_COUNT_URN "urn:hocso-help:"

struct helpreq_mark {
	char at[32];
	long long at_ms;
	int state;
	char *note;
};

struct helpreq {
	long long id;
	char created_at[32];
	long long created_ms;
	char week[12];			/* "2026-W49" */
	int situation;			/* enum help_situation, -1 unknown */
	int urgency;
	int state;
	long long handled_ms;		/* the first mark, 0 none */
	long long learner_id;		/* 0 without a name */
	char learner[128];		/* "" without a name */
	char class_name[64];
	char *message;
	struct helpreq_mark *marks;	/* helpreq_get() only */
	int nmarks;
};

/* The state's name in commands ("new", "talked", "passed", "closed"),
 * and back (-1 for none). */
const char *helpreq_state_name(int state);
int helpreq_state_from_name(const char *name);

/* Words, translated: a situation for the teacher ("bullying"), for the
 * child when no module has help ("Someone is bullying me"), an urgency
 * ("danger now"), a state ("talked with the child"). */
const char *helpreq_situation_words(int situation);
const char *helpreq_situation_child(int situation);
const char *helpreq_urgency_words(int urgency);
const char *helpreq_state_words(int state);

/* Who sent r, for the teacher: "Nguyễn Văn An (4A)", or "(no name)"
 * for a request sent without one, into buf. */
struct helpreq;
void helpreq_who(const struct helpreq *r, char *buf, size_t len);

/* The urgency of a situation, and its time in milliseconds. */
int helpreq_urgency(int situation);
long long helpreq_urgency_ms(int urgency);

/* "2026-12-06 15:04", the local time of ms, into buf. */
void helpreq_local_time(long long ms, char *buf, size_t len);

/* The ISO week ("2026-W49") of the local day of ms, into buf. */
void helpreq_week(long long ms, char *buf, size_t len);

/* Records a request: situation s, learner (0: without a name), message
 * (may be empty; NFC, at most HELPREQ_MESSAGE_MAX bytes, else HS_EINVAL)
 * and the child's language, and counts it, in one transaction.  *id
 * (may be NULL) gets its id.  Returns 0 or a negative code. */
int helpreq_add(struct store *s, int situation, long long learner,
    const char *message, const char *lang, long long *id,
    struct hs_error *err);

/* Every request, the unhandled first, each group by urgency and then
 * oldest first: a new array in *out of *n (helpreq_list_free()).
 * open_only leaves out the handled ones. */
int helpreq_list(struct store *s, int open_only, struct helpreq **out,
    int *n, struct hs_error *err);
void helpreq_list_free(struct helpreq *r, int n);

/* The request id with its marks, into r (helpreq_free()); HS_ENOTFOUND
 * when there is none. */
int helpreq_get(struct store *s, long long id, struct helpreq *r,
    struct hs_error *err);
void helpreq_free(struct helpreq *r);

/* Marks request id as state (not HELPREQ_NEW) with note (may be NULL),
 * and counts it handled in time when it is the first mark and within its
 * urgency's time.  HS_ENOTFOUND, HS_EINVAL for a bad state or a note too
 * long. */
int helpreq_mark(struct store *s, long long id, int state, const char *note,
    struct hs_error *err);

/* How many requests are not handled yet. */
int helpreq_open_count(struct store *s, int *n, struct hs_error *err);

/* Erases the requests of learner and their marks (the counts stay).
 * Inside the caller's transaction. */
int helpreq_forget_learner(struct store *s, long long learner,
    struct hs_error *err);

/* Appends one count event (actor: this device's id) for each week and
 * situation whose counts changed since the last, in one transaction.
 * *appended (may be NULL) gets how many.  Returns 0 or a negative code. */
int helpreq_counts_flush(struct store *s, int *appended,
    struct hs_error *err);

#endif

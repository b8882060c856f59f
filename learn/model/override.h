/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * override.h: what the teacher changes for one learner outside the
 * module's rules, each change kept with who made it and when: extra
 * minutes on a module's timed quiz for one day, the attempts at a
 * module's quiz given back (reset) or added, and a PIN lockout lifted.
 *
 * Nothing is deleted: a reset is a mark (the attempts finished before it
 * no longer count against the limit, and are still in the reports).  The
 * attempts a learner has left at a quiz limited to max attempts are
 * max + the attempts added since the last reset - the attempts finished
 * since it.  Extra time counts on the local day it was given, for the
 * attempts started that day.  Overrides are the school's: they append
 * no event (the statements sent keep their own scores).  The screens
 * and the commands share this model; no curses here.
 */
#ifndef HOCSO_OVERRIDE_H
#define HOCSO_OVERRIDE_H

#include <stddef.h>

#include "core/error.h"
#include "core/store.h"

/* Most extra minutes given at once, and most attempts added at once. */
#define OVERRIDE_MAX_MINUTES	240
#define OVERRIDE_MAX_ATTEMPTS	20

enum override_kind {
	OVERRIDE_TIME,		/* amount: extra minutes, on day */
	OVERRIDE_RESET,		/* the attempts finished so far: not counted */
	OVERRIDE_ATTEMPTS,	/* amount: attempts added */
	OVERRIDE_UNLOCK,	/* the PIN lockout lifted */
};

/* Who made a change: made in teacher mode, or by a command. */
enum override_via { OVERRIDE_VIA_APP, OVERRIDE_VIA_COMMAND };

struct override_entry {
	enum override_kind kind;
	const char *module;	/* NULL for an unlock */
	int amount;
	const char *day;	/* OVERRIDE_TIME: YYYY-MM-DD, local */
	const char *by;		/* who, in words (override_who_text) */
	const char *at;		/* when: ISO 8601 UTC */
};

/* Called for each entry of a list, newest first; the pointers live until
 * it returns.  A non-zero return stops the list and is returned. */
typedef int (*override_fn)(const struct override_entry *, void *arg);

/* A learner found for the teacher, by name or id. */
struct override_learner {
	long long id;
	char name[128];
	char class_name[128];
};

/* The learner named name_or_id (or whose row id it is, all digits) in
 * class_name, or in any class when class_name is NULL.  Returns 0,
 * HS_ENOTFOUND, or HS_EINVAL when the name is in several classes (err
 * says to name the class). */
int override_find_learner(struct store *s, const char *class_name,
    const char *name_or_id, struct override_learner *l,
    struct hs_error *err);

/* Gives learner_id minutes (1..OVERRIDE_MAX_MINUTES) more on module's
 * quiz today (the local day of clock_now_ms()). */
int override_extra_time(struct store *s, long long learner_id,
    const char *module, int minutes, enum override_via via,
    struct hs_error *err);

/* Gives back every attempt at module's quiz (a reset), or adds n
 * (1..OVERRIDE_MAX_ATTEMPTS). */
int override_reset_attempts(struct store *s, long long learner_id,
    const char *module, enum override_via via, struct hs_error *err);
int override_add_attempts(struct store *s, long long learner_id,
    const char *module, int n, enum override_via via, struct hs_error *err);

/* Lifts learner_id's PIN lockout and forgets their wrong tries; *was is
 * 1 when they were locked out (or had wrong tries), 0 when there was
 * nothing to lift (then nothing is recorded). */
int override_unlock(struct store *s, long long learner_id,
    enum override_via via, int *was, struct hs_error *err);

/* The extra minutes learner_id has on module's quiz on the local day of
 * at_ms, in *minutes. */
int override_minutes(struct store *s, long long learner_id,
    const char *module, long long at_ms, int *minutes, struct hs_error *err);

/* The attempts at module's quiz: *used (finished since the last reset),
 * *added (since it) and *left of max (-1 when max is 0: no limit). */
int override_attempts(struct store *s, long long learner_id,
    const char *module, int max, int *used, int *added, int *left,
    struct hs_error *err);

/* Calls fn for learner_id's overrides (of module only, unless NULL),
 * newest first. */
int override_list(struct store *s, long long learner_id, const char *module,
    override_fn fn, void *arg, struct hs_error *err);

/* An entry in words, translated, its time local: "2026-12-06 14:02
 * vn.hocso.basics: +10 min of quiz time (teacher mode, lab)".  Returns
 * buf. */
char *override_describe(const struct override_entry *e, char *buf,
    size_t len);

#endif

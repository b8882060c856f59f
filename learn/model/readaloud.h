/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * readaloud.h: saying text aloud with espeak-ng, in the background.
 *
 * readaloud_start() starts a child, "hocso-cmd speak --play", that
 * synthesises the text and plays it (voice.h); the app goes on at once
 * and readaloud_stop() ends the child at the next key.  A child that
 * finds no sound device exits with READALOUD_EXIT_NODEVICE, which
 * readaloud_poll() reports once.  The rate is the learner's own speed
 * (learners.speech_rate: slow, normal or fast, set by the learner or the
 * teacher) or, when they have none, the school's (meta "speech_rate").
 * Speeds are words a minute everywhere: the named ones are points on
 * that one scale, normal being the school's default.
 */
#ifndef HOCSO_READALOUD_H
#define HOCSO_READALOUD_H

#include <sys/types.h>

#include "core/error.h"
#include "core/store.h"

#define READALOUD_RATE_MIN 80		/* words a minute */
#define READALOUD_RATE_MAX 300
#define READALOUD_RATE_DEFAULT 130	/* slower than espeak's 175: children */
#define READALOUD_META_RATE "speech_rate"
#define READALOUD_RATE_SLOW 100		/* the learner's named speeds */
#define READALOUD_RATE_NORMAL READALOUD_RATE_DEFAULT
#define READALOUD_RATE_FAST 170
#define READALOUD_EXIT_FAILED 1		/* hocso-cmd speak --play's statuses */
#define READALOUD_EXIT_NODEVICE 3

enum readaloud_state {
	READALOUD_IDLE,
	READALOUD_SPEAKING,
	READALOUD_NODEVICE,	/* the child found no sound device */
	READALOUD_FAILED,	/* the voice or the synthesis failed */
};

struct readaloud {
	pid_t pid;		/* the child speaking, or 0 */
};

/* Starts saying text in lang ("vi", "en") at wpm words a minute in a
 * child process (hocso-cmd with datadir); one already speaking is
 * stopped first.  Returns 0, or HS_EIO (err filled) when no child could
 * be started. */
int readaloud_start(struct readaloud *ra, const char *datadir,
    const char *text, const char *lang, int wpm, struct hs_error *err);

/* Whether a child is speaking now (it may have just finished: poll). */
int readaloud_speaking(const struct readaloud *ra);

/* Collects a child that has finished, without waiting: returns
 * READALOUD_SPEAKING while it speaks, READALOUD_IDLE when there is none
 * or it finished speaking, and READALOUD_NODEVICE or READALOUD_FAILED
 * once when it could not. */
enum readaloud_state readaloud_poll(struct readaloud *ra);

/* Stops the child speaking, if any, and collects it. */
void readaloud_stop(struct readaloud *ra);

/* The device's rate (words a minute), READALOUD_RATE_DEFAULT when unset.
 * Returns 0 or a store error. */
int readaloud_rate_get(struct store *s, int *wpm, struct hs_error *err);

/* Sets the device's rate; HS_EINVAL outside READALOUD_RATE_MIN..MAX. */
int readaloud_rate_set(struct store *s, int wpm, struct hs_error *err);

/* The words a minute of a named speed ("slow", "normal", "fast"), 0 for
 * "school" (the learner has none of their own), or -1 for any other
 * name. */
int readaloud_speed_wpm(const char *name);

/* The named speed nearest to wpm: "slow", "normal" or "fast" (in
 * English: the caller translates it with _() for a learner). */
const char *readaloud_speed_name(int wpm);

/* The named speed after the one nearest to wpm, in words a minute:
 * slow, normal, fast, then slow again. */
int readaloud_speed_next(int wpm);

/* The rate of read-aloud for the learner learner_id: *wpm their own
 * speed, or the school's when they have none (or learner_id is 0); *own
 * (may be NULL) says which.  Returns 0 or a store error. */
int readaloud_learner_rate(struct store *s, long long learner_id, int *wpm,
    int *own, struct hs_error *err);

/* Sets the learner learner_id's own speed to wpm (0: none, the
 * school's), in one transaction.  Returns 0, HS_EINVAL outside
 * READALOUD_RATE_MIN..MAX, HS_ENOTFOUND when there is no such learner
 * (or they were removed), or a store error. */
int readaloud_learner_rate_set(struct store *s, long long learner_id,
    int wpm, struct hs_error *err);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * readaloud.h: saying text aloud with espeak-ng, in the background.
 *
 * readaloud_start() starts a child, "hocso-cmd speak --play", that
 * synthesises the text and plays it (voice.h); the app goes on at once
 * and readaloud_stop() ends the child at the next key.  A child that
 * finds no sound device exits with READALOUD_EXIT_NODEVICE, which
 * readaloud_poll() reports once.  The rate is the device's setting (meta
 * "speech_rate"), set by the teacher.
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

#endif

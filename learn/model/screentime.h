/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * screentime.h: care for the child's screen time.  A class may have a
 * break reminder (every N minutes in the app) and a daily limit (M
 * minutes a day), both set by the teacher (hocso class set).  The time
 * a learner spends signed in is counted and kept per day in the store.
 * No curses here: the app asks screentime_tick() what to do.
 */
#ifndef HOCSO_SCREENTIME_H
#define HOCSO_SCREENTIME_H

#include "core/error.h"
#include "core/store.h"

struct screentime {
	long long learner;
	int break_minutes;	/* 0: no reminder */
	int daily_minutes;	/* 0: no limit */
	long long minute_ms;	/* how long a minute is (tests shorten it) */
	long long last_ms;	/* when time was last counted */
	long long since_break_ms;
	long long pending_ms;	/* counted, not yet in the store */
	long long today_ms;	/* today's time, with pending_ms */
	char day[11];		/* YYYY-MM-DD of today_ms */
};

enum screentime_event {
	SCREENTIME_NOTHING,
	SCREENTIME_BREAK,	/* time for a break: remind the learner */
	SCREENTIME_DONE,	/* the day's time is used up: sign out */
};

/* Starts counting for a learner who just signed in: reads the class's
 * settings and the time already spent today.  Returns 0 or a code. */
int screentime_start(struct screentime *st, struct store *s, long long learner,
    long long now_ms, struct hs_error *err);

/* Counts the time since the last call; writes it to the store every half
 * minute (and when done); says whether a break or the end is due. */
enum screentime_event screentime_tick(struct screentime *st, struct store *s,
    long long now_ms, struct hs_error *err);

/* Writes what is counted and not yet kept (at sign-out). */
int screentime_flush(struct screentime *st, struct store *s,
    struct hs_error *err);

/* Whether the learner's class has a reminder or a limit to watch. */
int screentime_active(const struct screentime *st);

/* A class's settings: pins (-1: keep), break and daily minutes (-1:
 * keep; 0: none). */
int screentime_class_set(struct store *s, const char *class_name, int pins,
    int break_minutes, int daily_minutes, struct hs_error *err);

/* A learner's time in the app: *seconds over *days. */
int screentime_total(struct store *s, long long learner, long long *seconds,
    int *days, struct hs_error *err);

/* The class's settings, as screentime_class_set() keeps them. */
int screentime_class_get(struct store *s, const char *class_name, int *pins,
    int *break_minutes, int *daily_minutes, struct hs_error *err);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * activity.h: made-up quiz activity for the benchmarks (activity.c).
 */
#ifndef HOCSO_BENCH_ACTIVITY_H
#define HOCSO_BENCH_ACTIVITY_H

#include <stdint.h>

#include "core/uuid.h"

#define CLASS 40		/* learners at once in a lab */
#define LESSONS 3		/* a module's lessons */
#define SCREENS 5		/* a lesson's screens, 2 with practice */
#define QUESTIONS 10		/* a quiz's questions */
#define BANK 20			/* drawn from this many */
#define ACTIVITY_MODULES 4

extern const char *const activity_modules[ACTIVITY_MODULES];

/* One event as a device records it; success and completion are -1 when
 * unknown. */
struct activity_event {
	long long ms;
	int learner;
	char verb[16], object[160], reg[UUID_LEN + 1], response[16];
	int has_score, success, completion;
	double score;
};

struct activity {
	struct activity_event *v;
	int n, cap;
};

/* Seeds and draws the generator (a number in [0, n)). */
void activity_seed(uint64_t seed);
unsigned activity_rnd(unsigned n);

/* Appends an event of learner at ms with verb; the rest zero. */
struct activity_event *activity_add(struct activity *e, long long ms,
    int learner, const char *verb);

/* Orders events by time, for qsort(). */
int activity_by_time(const void *a, const void *b);

/* One learner's module from t (ms), appended to e: its lessons with
 * their practice questions, then its quiz. */
void activity_learner_module(struct activity *e, int who, const char *m,
    long long t);

#endif

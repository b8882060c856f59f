/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * activity.c: a school's quiz activity, made up for the benchmarks
 * (tests/bench/bundlesize.c, tests/bench/ingest-bench.c): learners
 * reading a module's lessons screen by screen, answering the practice
 * questions inside them and taking its quiz of 10, at a human pace.
 * The events are shaped as learn/model/progress.c records them.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "tests/bench/activity.h"

const char *const activity_modules[ACTIVITY_MODULES] = {
	"vn.hocso.passwords", "vn.hocso.phishing", "vn.hocso.privacy",
	"vn.hocso.kindness",
};
static const char *const lessons[LESSONS] = {
	"01-mat-khau-manh", "02-giu-bi-mat", "03-khi-bi-lo",
};

static uint64_t rng = 88172645463325252ull;

void
activity_seed(uint64_t seed)
{
	rng = seed;
}

/* xorshift64: the same events for the same seed on every machine. */
unsigned
activity_rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

struct activity_event *
activity_add(struct activity *e, long long ms, int learner,
    const char *verb)
{
	struct activity_event *x;

	if (e->n == e->cap) {
		e->cap = e->cap != 0 ? e->cap * 2 : 4096;
		e->v = xrealloc(e->v, e->cap * sizeof *e->v);
	}
	x = &e->v[e->n++];
	memset(x, 0, sizeof *x);
	x->ms = ms;
	x->learner = learner;
	x->success = x->completion = -1;
	snprintf(x->verb, sizeof x->verb, "%s", verb);
	return x;
}

int
activity_by_time(const void *a, const void *b)
{
	const struct activity_event *x = a, *y = b;

	return x->ms < y->ms ? -1 : x->ms > y->ms;
}

void
activity_learner_module(struct activity *e, int who, const char *m,
    long long t)
{
	char reg[UUID_LEN + 1];
	struct activity_event *x;
	double sum = 0;
	int l, s, q, order[BANK], i, j, k, right;

	for (l = 0; l < LESSONS; l++) {
		for (s = 0; s < SCREENS; s++) {
			t += 8000 + activity_rnd(32000);
			x = activity_add(e, t, who, "experienced");
			snprintf(x->object, sizeof x->object,
			    "urn:hocso:%s:lesson:%s:screen:%d", m, lessons[l],
			    s + 1);
			if (s == 2 || s == 4) {
				t += 5000 + activity_rnd(20000);
				right = activity_rnd(10) < 7;
				x = activity_add(e, t, who, "answered");
				snprintf(x->object, sizeof x->object,
				    "urn:hocso:%s:lesson:%s:practice:p%d", m,
				    lessons[l], s / 2);
				snprintf(x->response, sizeof x->response, "%u",
				    right ? 1 : activity_rnd(3) + 2);
				x->has_score = 1;
				x->score = right;
				x->success = right;
			}
		}
		x = activity_add(e, t + 1, who, "completed");
		snprintf(x->object, sizeof x->object, "urn:hocso:%s:lesson:%s",
		    m, lessons[l]);
		x->completion = 1;
	}
	uuid_generate(reg);
	t += 3000 + activity_rnd(10000);
	x = activity_add(e, t, who, "attempted");
	snprintf(x->object, sizeof x->object, "urn:hocso:%s:quiz:quiz.gift", m);
	memcpy(x->reg, reg, sizeof reg);
	for (i = 0; i < BANK; i++)
		order[i] = i;
	for (i = BANK - 1; i > 0; i--) {
		j = (int)activity_rnd((unsigned)i + 1);
		k = order[i];
		order[i] = order[j];
		order[j] = k;
	}
	for (q = 0; q < QUESTIONS; q++) {
		t += 10000 + activity_rnd(50000);
		x = activity_add(e, t, who, "answered");
		snprintf(x->object, sizeof x->object, "urn:hocso:%s:question:"
		    "cau-%02d", m, order[q] + 1);
		memcpy(x->reg, reg, sizeof reg);
		right = activity_rnd(100) < 72;
		if (order[q] % 5 == 4) {	/* multiple answers */
			snprintf(x->response, sizeof x->response, right ?
			    "0[,]2" : "%u[,]%u", activity_rnd(2), 2 + activity_rnd(2));
			x->score = right ? 1 : activity_rnd(2) * 0.5;
		} else {
			snprintf(x->response, sizeof x->response, "%u",
			    right ? (unsigned)order[q] % 4 : activity_rnd(4));
			x->score = right;
		}
		x->has_score = 1;
		x->success = x->score >= 1.0;
		sum += x->score;
	}
	t += 2000 + activity_rnd(3000);
	x = activity_add(e, t, who, sum / QUESTIONS >= 0.8 ? "passed" : "failed");
	snprintf(x->object, sizeof x->object, "urn:hocso:%s:quiz", m);
	memcpy(x->reg, reg, sizeof reg);
	x->has_score = 1;
	x->score = sum / QUESTIONS;
	x->success = sum / QUESTIONS >= 0.8;
	x->completion = 1;
}

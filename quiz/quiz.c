/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * quiz.c: seeded drawing and shuffling (splitmix64 and Fisher-Yates) and
 * grading.  See quiz.h.  The generator is fixed here, not taken from the C
 * library, so an attempt replays the same on every machine.
 */
#include "config.h"

#include "quiz/grade.h"
#include "quiz/quiz.h"

static uint64_t
splitmix64(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A uniform integer in [0, n), without modulo bias. */
static int
uniform(uint64_t *state, int n)
{
	uint64_t limit = UINT64_MAX - UINT64_MAX % (uint64_t)n, r;

	do
		r = splitmix64(state);
	while (r >= limit);
	return (int)(r % (uint64_t)n);
}

static void
shuffle(uint64_t state, int n, int *a)
{
	int i, j, t;

	for (i = 0; i < n; i++)
		a[i] = i;
	for (i = n - 1; i > 0; i--) {
		j = uniform(&state, i + 1);
		t = a[i];
		a[i] = a[j];
		a[j] = t;
	}
}

void
quiz_draw(uint64_t seed, int n, int count, int *order)
{
	int all[n > 0 ? n : 1], i;

	shuffle(seed, n, all);
	for (i = 0; i < count && i < n; i++)
		order[i] = all[i];
}

void
quiz_choice_order(uint64_t seed, int pos, int n, int *order)
{
	uint64_t state = seed ^ (0x632be59bd9b4e019ULL * (uint64_t)(pos + 1));

	shuffle(state, n, order);
}

void
quiz_order_items(uint64_t seed, int pos, int n, int *order)
{
	int i, first;

	quiz_choice_order(seed, pos, n, order);
	for (i = 0; i < n && order[i] == i; i++)
		;
	if (i < n || n < 2)
		return;
	first = order[0];	/* the right order: the first goes last */
	for (i = 0; i + 1 < n; i++)
		order[i] = order[i + 1];
	order[n - 1] = first;
}

double
quiz_grade_choice(const struct quiz_question *q, int choice)
{
	return grade_choice(q, choice).fraction;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * quiz.h: drawing an attempt's questions and grading its answers.
 *
 * An attempt is fully described by its seed: the same seed over the same
 * bank always gives the same questions in the same order with the same
 * order of choices, so an attempt interrupted by a power cut comes back
 * exactly as it was.  Pure logic: no I/O.
 */
#ifndef HOCSO_QUIZ_H
#define HOCSO_QUIZ_H

#include <stdint.h>

#include "quiz/question.h"

/* Fills order[0..count) with distinct indices into a bank of n questions,
 * drawn and shuffled by seed.  count must be <= n. */
void quiz_draw(uint64_t seed, int n, int count, int *order);

/* Fills order[0..n) with a permutation of the n choices of the question
 * at position pos of the attempt with this seed. */
void quiz_choice_order(uint64_t seed, int pos, int n, int *order);

/* As quiz_choice_order(), for an ordering question's n items: the same
 * seed and position give the same order, and (for two items or more) it
 * is never the right one, 0, 1, 2... */
void quiz_order_items(uint64_t seed, int pos, int n, int *order);

/* The fraction (0..1) that choosing choice (an index into q->choices)
 * earns; negative weights count as 0 for a single choice. */
double quiz_grade_choice(const struct quiz_question *q, int choice);

#endif

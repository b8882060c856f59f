/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * grade.h: grading an answer, question type by type, with Moodle's
 * meaning of fractions: 1 is full marks, weights add up for multiple
 * answers and the total is clipped to 0..1.  Pure logic: no I/O.
 */
#ifndef HOCSO_GRADE_H
#define HOCSO_GRADE_H

#include <stddef.h>

#include "quiz/question.h"

/* How loosely short answers are compared.  Answers are always compared
 * in NFC, case folded, with runs of spaces made one and the ends
 * trimmed; with allow_no_diacritics, an answer typed without Vietnamese
 * marks ("mat khau" for "mật khẩu", "d" for "đ") also counts, for
 * no_diacritics_fraction of the marks (1 for full, 0.5 for half). */
struct grade_options {
	int allow_no_diacritics;
	double no_diacritics_fraction;
};

struct grade_result {
	double fraction;	/* 0..1 */
	int choice;		/* the answer it matched (for feedback), or -1 */
	int needs_teacher;	/* an essay: not graded here */
};

/* Multiple choice or true/false: the choice picked (index), or -1. */
struct grade_result grade_choice(const struct quiz_question *q, int choice);

/* Multiple answers: selected[i] is 1 for each choice ticked. */
struct grade_result grade_multi(const struct quiz_question *q,
    const int *selected);

/* Short answer: what the learner typed (UTF-8). */
struct grade_result grade_short(const struct quiz_question *q,
    const char *response, const struct grade_options *opt);

/* Matching: pick[i] is, for each choice i with a left side, the index of
 * the choice whose right side the learner matched with it (-1: none). */
struct grade_result grade_matching(const struct quiz_question *q,
    const int *pick);

/* Ordering: order[0..n-1] are the items (indexes into the choices, which
 * are in the right order) as the learner put them, top to bottom.  Graded
 * by "longest ordered subset", one of the methods of Moodle's ordering
 * question: the most items that are in the right order relative to each
 * other (not necessarily next to each other), out of all the items; a
 * subset has at least two items, so no two in order is 0.  An order
 * that is not each item once gives 0. */
struct grade_result grade_ordering(const struct quiz_question *q,
    const int *order, int n);

/* The length of the longest ordered subset of order[0..n-1] (see
 * grade_ordering()), 0 when it is shorter than two. */
int grade_ordered_subset(const int *order, int n);

/* Numerical: the number typed. */
struct grade_result grade_numerical(const struct quiz_question *q,
    double value);

/* Essay: recorded, for the teacher. */
struct grade_result grade_essay(const struct quiz_question *q);

/* Writes into out (size len) text in the form short answers are compared
 * in; without_marks also drops the diacritics.  Returns out. */
char *grade_normalise(const char *text, int without_marks, char *out,
    size_t len);

#endif

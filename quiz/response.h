/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * response.h: a learner's answer to one question, as it is stored and
 * sent, and its grade.
 *
 * A response is a short string, the same for every store and for sync:
 *
 *   multiple choice, true/false   the chosen answer's index in the bank: "2"
 *   multiple answers              the ticked indexes, ascending: "0[,]2"
 *                                 ("" when none is ticked)
 *   matching                      for each pair with a left side, in bank
 *                                 order, the index whose right side was
 *                                 picked: "3[,]0[,]1" (-1: none)
 *   short answer, essay           the text as typed (NFC)
 *   numerical                     the number as typed: "3.14"
 *   ordering                      the steps as the learner put them,
 *                                 top to bottom, each named by its place
 *                                 in the right order: "step3[,]step1[,]
 *                                 step2" (xAPI's sequencing response: the
 *                                 statement knows it by that form)
 *
 * The separators are those of xAPI's interaction responses.  Pure logic:
 * no I/O.
 */
#ifndef HOCSO_RESPONSE_H
#define HOCSO_RESPONSE_H

#include <stddef.h>

#include "quiz/grade.h"
#include "quiz/question.h"

#define RESPONSE_SEP "[,]"
#define RESPONSE_MAX 4096	/* bytes of a text response, with the NUL */

/* Writes the indexes i with flags[i] set (n of them), or picks[0..n-1]
 * for matching, as a response into out (size len).  Returns out. */
char *response_from_flags(const int *flags, int n, char *out, size_t len);
char *response_from_list(const int *list, int n, char *out, size_t len);

#define RESPONSE_STEP "step"

/* Writes an ordering response: order[0..n-1] are the items (indexes into
 * the choices, in the right order) top to bottom.  Returns out. */
char *response_from_steps(const int *order, int n, char *out, size_t len);

/* Reads an ordering response into order (room for max): the items'
 * indexes, top to bottom.  Returns how many, or -1 when it is not one:
 * each of "step1" to "stepN" exactly once, N from 2 to max. */
int response_to_steps(const char *response, int *order, int max);

/* Moves the step at place from of order to place to, the steps between
 * closing up (the learner carrying a step on an ordering question). */
void response_order_move(int *order, int from, int to);

/* Reads a list response into list (room for max, the rest set to -1).
 * Returns the number read, or -1 when it is not a list of indexes. */
int response_to_list(const char *response, int *list, int max);

/* Grades a response to q.  An essay gives needs_teacher; a response that
 * does not fit the question (an index out of range, not a number) gives
 * 0 with choice -1, never a crash. */
struct grade_result response_grade(const struct quiz_question *q,
    const char *response, const struct grade_options *opt);

/* Grades a typed answer that Vietnamese typing (telex.h) may have
 * changed: the text as composed on screen and raw, the keys as typed
 * (NULL: the same).  The answer is accepted when either matches: the
 * result is the better of the two, and *typed points at the one it is
 * for (composed when they tie), the response to record. */
struct grade_result response_grade_typed(const struct quiz_question *q,
    const char *composed, const char *raw, const struct grade_options *opt,
    const char **typed);

/* Reads a number as a learner types it: "3.5", "3,5" (the Vietnamese
 * decimal comma), "-2", " 7 ".  Returns 0 and *value, or -1. */
int response_number(const char *text, double *value);

#endif

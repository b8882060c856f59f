/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * quizwords.h: a quiz question's stored response (quiz/response.h) and
 * its right answer put into words against its bank, as plain text: for
 * the teacher's screens (learn/model/answers.h) and the province's
 * dashboard (server/answertext.h) alike.  Pure: no store, no curses.
 */
#ifndef HOCSO_QUIZWORDS_H
#define HOCSO_QUIZWORDS_H

#include "quiz/question.h"

/* A response to q in words, a new string: the chosen answers' texts
 * ("; " between), matching pairs as "left ARROW right", text as typed,
 * or "(no answer)". */
char *quizwords_describe(const struct quiz_question *q, const char *response,
    const char *arrow);

/* q's right answer in words, a new string, or NULL when it has none (an
 * essay, a description). */
char *quizwords_right(const struct quiz_question *q, const char *arrow);

/* Appends text (a text of q's, in its format) to the string *s (NULL at
 * first) as plain words, after sep when *s has something already. */
void quizwords_append_words(char **s, const char *sep,
    const struct quiz_question *q, const char *text);

#endif

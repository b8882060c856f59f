/*
 * quizview.h: what the quiz screen (quizview.c) and the result screen
 * (quizreview.c) share: answers put in words, and the way back.
 */
#ifndef HOCSO_QUIZVIEW_H
#define HOCSO_QUIZVIEW_H

#include "learn/screens/app.h"
#include "quiz/grade.h"

/* What choice i says on screen: true/false in the interface's words. */
const char *quizview_choice_text(const struct quiz_question *q, int i);

/* A response in words ("Đúng", "a; c", "OTP → mã dùng một lần; ..."), a
 * new string. */
char *quizview_describe(const struct quiz_question *q, const char *response);

/* The right answer in words, a new string; NULL for an essay. */
char *quizview_right_answer(const struct quiz_question *q);

/* The author's feedback for a response graded r (the matched answer's
 * words, each ticked answer's, then the general feedback), a new string
 * or NULL when the author wrote none. */
char *quizview_feedback(const struct quiz_question *q, const char *response,
    const struct grade_result *r);

struct grade_options quizview_grade_options(const struct module *m);

/* The top bar: the module's title, what, and right on the right. */
void quizview_title(const struct app *app, const char *what,
    const char *right);

/* Closes the quiz and shows the module's screen again. */
void quizview_back(struct app *app);

/* Builds and shows the result screen of the finished attempt. */
void quizview_result_enter(struct app *app);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * quizview.h: the quiz screen (quizview.c), opened over the module
 * screen, and the result screen (quizreview.c) it opens over itself when
 * the attempt is finished; what the two share: the attempt's model,
 * answers put in words, and the way back.
 */
#ifndef HOCSO_QUIZVIEW_H
#define HOCSO_QUIZVIEW_H

#include "learn/screens/app.h"
#include "lessons/lesson.h"
#include "quiz/gift.h"
#include "quiz/grade.h"
#include "quiz/response.h"

extern const struct screen_ops quiz_screen;
extern const struct screen_ops result_screen;

struct quiz_model {
	struct quiz_bank bank;
	struct attempt attempt;
	int *order;			/* bank index per position */
	int corder[GIFT_MAX_CHOICES];	/* choice order at the current position */
	int sel;			/* highlighted row (0-based); a row
					 * past the last is the Answer button */
	int showing;			/* practice mode: the last answer's feedback */
	/* The descriptions just before the current question in the bank,
	 * shown first, one screen each, ungraded: how many, and how many
	 * the learner has gone past. */
	int nintro, intro;
	/* The answer being given at the current position, by type. */
	int ticks[GIFT_MAX_CHOICES];	/* multiple answers: ticked, by row */
	int lefts[GIFT_MAX_CHOICES];	/* matching: bank index of each row */
	int nlefts;
	int rights[GIFT_MAX_CHOICES];	/* matching: bank index per option */
	int nrights;
	int pick[GIFT_MAX_CHOICES];	/* matching: option per row, or -1 */
	char text[RESPONSE_MAX];	/* short answer, number, essay */
	size_t textlen;
	char raw[RESPONSE_MAX];		/* the keys as typed into text, before
					 * Vietnamese typing composed them */
	size_t rawlen;
	struct telex telex;
	int on_button;			/* essay: the Answer button has focus */
	int held;			/* ordering: the item at sel is picked
					 * up (the arrows move it) */
	long long deadline_ms;		/* when time is up; 0: no limit */
	int timed_out;			/* the attempt ended when time was up */
	/* The result screen: the review as paragraphs (text, style and
	 * the ui_role to draw it in), laid out in review at review_width
	 * with the role of each line in line_roles. */
	char **texts;
	unsigned *styles;
	int *roles;
	int *hangs;			/* indent of a paragraph's later lines */
	int ntexts;
	struct lesson_page review;
	int *line_roles;
	int review_width;
	int scroll;
};

/* The model of the open quiz (and its result), one at a time; the
 * tests read it. */
struct quiz_model *quizview_model(void);

/* What choice i says on screen: true/false in the interface's words. */
const char *quizview_choice_text(const struct quiz_question *q, int i);

/* A response in words ("Đúng", "a; c", "OTP → mã dùng một lần; ..."), a
 * new string. */
char *quizview_describe(const struct quiz_question *q, const char *response);

/* The right answer in words, a new string; NULL for an essay. */
char *quizview_right_answer(const struct quiz_question *q);

/* The author's feedback on the answer for a response graded r (the
 * matched answer's words, or each ticked answer's), in the question's
 * format, a new string or NULL when the author wrote none.  The general
 * feedback (q->general_feedback) is not in it: it is shown apart. */
char *quizview_feedback(const struct quiz_question *q, const char *response,
    const struct grade_result *r);

struct grade_options quizview_grade_options(const struct module *m);

/* The top bar: the module's title, what, and right on the right. */
void quizview_title(const struct app *app, const char *what,
    const char *right);

/* Closes the quiz (and its result, when open) and shows the module's
 * screen again. */
void quizview_back(struct app *app);

/* Frees the result screen's part of the model. */
void quizview_review_free(struct quiz_model *qm);

#endif

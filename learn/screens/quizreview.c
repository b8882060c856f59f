/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * quizreview.c: the result screen of a quiz attempt (the score, passed or
 * not, and every question with the learner's answer, the right one and
 * the author's feedback), and the words for answers that the quiz screen
 * shares.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "core/i18n.h"
#include "core/util.h"
#include "learn/model/answers.h"
#include "learn/screens/modview.h"
#include "learn/screens/quizview.h"
#include "learn/screens/ui.h"
#include "lessons/richtext.h"
#include "quiz/response.h"

#define QUIZ_TOP 3

const char *
quizview_choice_text(const struct quiz_question *q, int i)
{
	if (q->type == QUIZ_TRUEFALSE)
		return i == 0 ? _("True") : _("False");
	return q->choices[i].text;
}

/* The words of a response and of the right answer are the model's
 * (lessons/quizwords.c), which teacher mode and the commands share. */
char *
quizview_describe(const struct quiz_question *q, const char *response)
{
	return quizwords_describe(q, response, ui_sym("→", "->"));
}

char *
quizview_right_answer(const struct quiz_question *q)
{
	return quizwords_right(q, ui_sym("→", "->"));
}

char *
quizview_feedback(const struct quiz_question *q, const char *response,
    const struct grade_result *r)
{
	int list[GIFT_MAX_CHOICES], n, i;
	char *s = NULL;

	if (q->type == QUIZ_ORDERING && r->fraction < 1.0) {
		/* How many are in order, said as the grade counts them. */
		char *line;
		int k;

		n = response_to_steps(response, list, GIFT_MAX_CHOICES);
		k = n == q->nchoices ? grade_ordered_subset(list, n) : 0;
		if (asprintf(&line, P_("%d of %d steps is in the right order.",
		    "%d of %d steps are in the right order.", k), k,
		    q->nchoices) < 0)
			util_oom();
		return line;
	}
	if (q->type == QUIZ_MULTI) {
		n = response_to_list(response, list, GIFT_MAX_CHOICES);
		for (i = 0; i < n; i++)
			if (list[i] >= 0 && list[i] < q->nchoices &&
			    q->choices[list[i]].feedback != NULL)
				util_append(&s, " ", q->choices[list[i]].feedback);
	} else if (r->choice >= 0 && r->choice < q->nchoices &&
	    q->choices[r->choice].feedback != NULL)
		util_append(&s, " ", q->choices[r->choice].feedback);
	return s;
}

struct grade_options
quizview_grade_options(const struct module *m)
{
	struct grade_options o;

	o.allow_no_diacritics = m->quiz_no_diacritics > 0;
	o.no_diacritics_fraction = m->quiz_no_diacritics / 100.0;
	return o;
}

void
quizview_title(const struct app *app, const char *what, const char *right)
{
	char title[512];

	snprintf(title, sizeof title, "%s %s %s",
	    module_title(modview_module(app), app->lang), ui_sym("›", ">"), what);
	ui_header(title, right);
}

/* Adds a paragraph to the review, its lines drawn in role; takes text. */
static void
review_add(struct quiz_model *qm, char *text, unsigned style, int role,
    int hang)
{
	int n = qm->ntexts + 1;

	qm->texts = xrealloc(qm->texts, n * sizeof *qm->texts);
	qm->styles = xrealloc(qm->styles, n * sizeof *qm->styles);
	qm->roles = xrealloc(qm->roles, n * sizeof *qm->roles);
	qm->hangs = xrealloc(qm->hangs, n * sizeof *qm->hangs);
	qm->texts[qm->ntexts] = text;
	qm->styles[qm->ntexts] = style;
	qm->roles[qm->ntexts] = role;
	qm->hangs[qm->ntexts] = hang;
	qm->ntexts = n;
}

/* As review_add() for a formatted line. */
static void review_addf(struct quiz_model *qm, unsigned style, int role,
    int hang, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void
review_addf(struct quiz_model *qm, unsigned style, int role, int hang,
    const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		util_oom();
	va_end(ap);
	review_add(qm, s, style, role, hang);
}

static int
review_width(const struct app *app)
{
	int w = app->cols - 4;

	return w > 76 ? 76 : w < 10 ? 10 : w;
}

static void
quizview_result_resize(struct app *app)
{
	struct quiz_model *qm = quizview_model();
	int i, n, w = review_width(app);

	lesson_page_free(&qm->review);
	free(qm->line_roles);
	qm->line_roles = NULL;
	qm->review_width = w;
	for (i = 0; i < qm->ntexts; i++) {
		n = qm->review.nlines;
		lesson_layout_text(qm->texts[i], strlen(qm->texts[i]),
		    qm->styles[i], w, qm->hangs[i], &qm->review);
		qm->line_roles = xrealloc(qm->line_roles,
		    (qm->review.nlines + 1) * sizeof *qm->line_roles);
		for (; n < qm->review.nlines; n++)
			qm->line_roles[n] = qm->roles[i];
	}
	qm->scroll = 0;
}

/* One question of the review: its text marked right, partly right,
 * wrong or for the teacher, the answer given, the right one, and why. */
static void
review_question(struct app *app, int i)
{
	struct quiz_model *qm = quizview_model();
	const struct attempt *a = &qm->attempt;
	const struct quiz_question *q = &qm->bank.questions[qm->order[i]];
	struct grade_options opt = quizview_grade_options(modview_module(app));
	const char *resp = a->response[i];
	double f = a->fraction[i];
	struct grade_result r;
	char *s, *right, *why;
	const char *mark;
	int role;

	if (resp == NULL) {
		mark = ui_sym("✗", "x");
		role = UI_BAD;
	} else if (f < 0) {
		mark = ui_sym("✎", "*");
		role = UI_NORMAL;
	} else if (f >= 1.0) {
		mark = ui_sym("✓", "+");
		role = UI_GOOD;
	} else if (f > 0) {
		mark = ui_sym("◐", "~");
		role = UI_NORMAL;
	} else {
		mark = ui_sym("✗", "x");
		role = UI_BAD;
	}
	why = richtext_plain(q->text, q->format);
	if (asprintf(&s, "%s %d. %s", mark, i + 1, why) < 0)
		util_oom();
	free(why);
	review_add(qm, s, LESSON_BOLD, role, i + 1 < 10 ? 5 : 6);
	if (resp == NULL) {
		review_add(qm, xstrdup(_("   Not answered.")), 0, UI_BAD, 3);
		why = NULL;
	} else {
		s = quizview_describe(q, resp);
		review_addf(qm, 0, UI_NORMAL, 3, _("   Your answer: %s"), s);
		free(s);
		r = response_grade(q, resp, &opt);
		why = quizview_feedback(q, resp, &r);
	}
	if (f < 0 && resp != NULL)
		review_add(qm, xstrdup(_("   Your teacher will read this "
		    "answer.")), 0, UI_DIM, 3);
	else if (f > 0 && f < 1) {
		char part[64];

		snprintf(part, sizeof part, _("   Partly right: %d%% of the "
		    "mark."), (int)(f * 100 + 0.5));
		review_add(qm, xstrdup(part), 0, UI_NORMAL, 3);
	}
	if (f >= 0 && f < 1 && (right = quizview_right_answer(q)) != NULL) {
		review_addf(qm, 0, UI_GOOD, 3, _("   Right answer: %s"), right);
		free(right);
	}
	if (why != NULL) {
		s = richtext_plain(why, q->format);
		review_addf(qm, LESSON_EMPH, UI_DIM, 3, "   %s", s);
		free(s);
		free(why);
	}
	if (resp != NULL && q->general_feedback != NULL) {
		s = richtext_plain(q->general_feedback, q->format);
		review_addf(qm, LESSON_EMPH, UI_DIM, 3, "   %s", s);
		free(s);
	}
}

void
quizview_review_free(struct quiz_model *qm)
{
	int i;

	for (i = 0; i < qm->ntexts; i++)
		free(qm->texts[i]);
	free(qm->texts);
	free(qm->styles);
	free(qm->roles);
	free(qm->hangs);
	free(qm->line_roles);
	lesson_page_free(&qm->review);
	qm->texts = NULL;
	qm->styles = NULL;
	qm->roles = qm->hangs = qm->line_roles = NULL;
	qm->ntexts = 0;
}

static void
quizview_result_leave(struct app *app)
{
	(void)app;
	quizview_review_free(quizview_model());
}

/* Builds the review of the finished attempt of the quiz under it. */
static int
quizview_result_enter(struct app *app, int arg)
{
	struct quiz_model *qm = quizview_model();
	const struct module *m = modview_module(app);
	const struct attempt *a = &qm->attempt;
	int i, right = 0, passed;
	char *s;

	for (i = 0; i < a->count; i++)
		right += a->response[i] != NULL && a->fraction[i] >= 1.0;
	passed = a->score * 100 + 1e-9 >= m->quiz_pass;
	if (qm->timed_out)
		review_add(qm, xstrdup(_("Time is up: the questions not "
		    "answered count as wrong.")), LESSON_BOLD, UI_BAD, 0);
	if (asprintf(&s, _("You got %d of %d right: %d%%."), right, a->count,
	    (int)(a->score * 100 + 0.5)) < 0)
		util_oom();
	review_add(qm, s, LESSON_BOLD, UI_NORMAL, 0);
	if (passed) {
		if (asprintf(&s, _("Well done, you passed! (pass mark %d%%)"),
		    m->quiz_pass) < 0)
			util_oom();
	} else if (asprintf(&s, _("Not yet: you need %d%%. Read the lessons "
	    "again and try once more."), m->quiz_pass) < 0)
		util_oom();
	review_add(qm, s, LESSON_BOLD, passed ? UI_GOOD : UI_BAD, 0);
	review_add(qm, xstrdup(""), 0, UI_NORMAL, 0);
	(void)arg;
	for (i = 0; i < a->count; i++)
		review_question(app, i);
	quizview_result_resize(app);
	return 0;
}

static int
result_height(const struct app *app)
{
	int h = app->rows - QUIZ_TOP - 2;

	return h < 1 ? 1 : h;
}

static void
quizview_result_key(struct app *app, int key)
{
	struct quiz_model *qm = quizview_model();
	int max = qm->review.nlines - result_height(app);

	if (max < 0)
		max = 0;
	switch (key) {
	case KEY_DOWN:
	case 'j':
	case APP_KEY_WHEEL_DOWN:
		if (qm->scroll < max)
			qm->scroll++;
		break;
	case KEY_UP:
	case 'k':
	case APP_KEY_WHEEL_UP:
		if (qm->scroll > 0)
			qm->scroll--;
		break;
	case KEY_NPAGE:
	case ' ':
		qm->scroll += result_height(app) - 1;
		if (qm->scroll > max)
			qm->scroll = max;
		break;
	case KEY_PPAGE:
		qm->scroll -= result_height(app) - 1;
		if (qm->scroll < 0)
			qm->scroll = 0;
		break;
	case '\n':
	case APP_KEY_BACK:
	case APP_KEY_CLICK:
		quizview_back(app);
		break;
	}
}

static void
quizview_result_draw(const struct app *app)
{
	const struct quiz_model *qm = quizview_model();
	int i, h = result_height(app), x = (app->cols - qm->review_width) / 2;
	int line;

	quizview_title(app, _("Result"), NULL);
	for (i = 0; i < h && qm->scroll + i < qm->review.nlines; i++) {
		line = qm->scroll + i;
		ui_line(QUIZ_TOP - 1 + i, x, &qm->review.lines[line],
		    qm->line_roles[line], qm->review_width);
	}
	if (qm->scroll + h < qm->review.nlines)
		ui_footer(_("Up/Down scroll  Enter back to the lessons  ? help"));
	else
		ui_footer(_("Enter back to the lessons  Up/Down scroll  ? help"));
}

const struct screen_ops result_screen = {
	.name = "result",
	.enter = quizview_result_enter,
	.leave = quizview_result_leave,
	.key = quizview_result_key,
	.draw = quizview_result_draw,
	.resize = quizview_result_resize,
};

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * teacherquestions.c: teacher mode's list of the questions the class
 * finds hardest in the module selected on the overview, worst first,
 * each with the wrong answer chosen most, in words.  See teacherview.h.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "core/i18n.h"
#include "core/util.h"
#include "learn/screens/quizview.h"
#include "learn/screens/teacherview.h"
#include "lessons/richtext.h"
#include "quiz/gift.h"

/* The questions as lines, from the module's bank in the interface's
 * language. */
static void
build_questions(struct app *app)
{
	struct teacher_model *tm = &teacher;
	const struct module *m = &app->catalog.modules[tm->col];
	struct quiz_bank bank;
	struct hs_error err;
	char *wrong, *words;
	int i, j;

	/* Without the bank, questions are named by their ids. */
	module_quiz_load(m, app->lang, &bank, &err);
	teacher_add_line(UI_HEADING, teacher_fmt(_("%s: the questions "
	    "class %s finds hardest"), module_title(m, app->lang),
	    teacher_class()));
	if (tm->nquestions == 0)
		teacher_add_line(UI_NORMAL, xstrdup(_("No answers yet.")));
	for (i = 0; i < tm->nquestions; i++) {
		const struct report_question *q = &tm->questions[i];
		const struct quiz_question *bq = NULL;
		int share = q->answered > 0 ? (q->right * 100 + q->answered / 2)
		    / q->answered : 0;

		for (j = 0; j < bank.n; j++)
			if (!strcmp(bank.questions[j].id, q->id))
				bq = &bank.questions[j];
		words = bq != NULL ? richtext_plain(bq->text, bq->format) :
		    xstrdup(q->id);
		teacher_add_line(share < 50 ? UI_BAD : UI_NORMAL,
		    teacher_fmt(_("%3d%% right first time (%d/%d)  %s"), share,
		    q->right, q->answered, words));
		free(words);
		if (q->top_wrong[0] != '\0') {
			wrong = bq != NULL ? quizview_describe(bq,
			    q->top_wrong) : xstrdup(q->top_wrong);
			/* the count first: a long answer is cut */
			teacher_add_line(UI_DIM, teacher_fmt(P_("      most "
			    "chosen wrong answer (%2$d learner): %1$s",
			    "      most chosen wrong answer (%2$d learners): "
			    "%1$s", q->top_wrong_count), wrong,
			    q->top_wrong_count));
			free(wrong);
		}
	}
	quiz_bank_free(&bank);
	list_set_count(&tm->page, tm->page.count);
}

void
teacherquestions_open(struct app *app)
{
	struct teacher_model *tm = &teacher;
	struct hs_error err;

	if (app->catalog.n == 0 || teacher_class() == NULL)
		return;
	report_questions_free(tm->questions, tm->nquestions);
	tm->questions = NULL;
	tm->nquestions = 0;
	if (report_questions(app->store, app->catalog.modules[tm->col].id,
	    teacher_class(), &tm->questions, &tm->nquestions, &err) != 0) {
		app_error(app, &err);
		return;
	}
	teacher_free_lines();
	build_questions(app);
	tm->view = TEACHER_QUESTIONS;
}

void
teacherquestions_key(struct app *app, int key)
{
	(void)app;
	if (key == ' ')
		key = KEY_DOWN;
	if (list_key(&teacher.page, key))
		return;
	if (key == APP_KEY_BACK || key == '\n')
		teacher.view = TEACHER_OVERVIEW;
}

void
teacherquestions_draw(const struct app *app)
{
	teacher_draw_lines(app);
	ui_footer(_("Up/Down scroll  Enter or q back"));
}

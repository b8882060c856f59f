/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * quizstart.c: the screen before a quiz starts.  It says how many
 * questions there are, the pass mark, the time limit and the attempts
 * left, and starts the attempt only when the learner presses Enter, so
 * that no attempt is opened (and no clock started) by a key the child
 * did not mean for it.  An attempt already in progress is resumed
 * without it (quizstart_open).  See screen.h for the model/draw split.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "core/clock.h"
#include "core/i18n.h"
#include "core/util.h"
#include "learn/model/override.h"
#include "learn/screens/modview.h"
#include "learn/screens/quizstart.h"
#include "learn/screens/quizview.h"
#include "learn/screens/ui.h"

#define START_TOP 3
#define START_MAX_WIDTH 72
#define START_LINES 8

struct start_model {
	int count;			/* questions in an attempt */
	int left;			/* attempts left; -1: no limit */
	int blocked;			/* the lessons come first */
	char *lines[START_LINES];	/* what the screen says, a paragraph
					 * each */
	int nlines;
};

static struct start_model start;

/* Adds a paragraph to the screen; takes text. */
static void
start_add(struct start_model *sm, char *text)
{
	if (sm->nlines < START_LINES)
		sm->lines[sm->nlines++] = text;
	else
		free(text);
}

static char *
start_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *
start_printf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		util_oom();
	va_end(ap);
	return s;
}

static int
quizstart_enter(struct app *app, int count)
{
	struct start_model *sm = &start;
	const struct module *m = modview_module(app);
	struct hs_error err;
	int done, used, added, extra, minutes;

	memset(sm, 0, sizeof *sm);
	sm->count = count;
	sm->left = -1;
	/* The attempts left and the minutes count the teacher's overrides
	 * (learn/model/override.h). */
	if (override_attempts(app->store, app->progress.learner_id, m->id,
	    m->quiz_attempts, &used, &added, &sm->left, &err) != 0 ||
	    override_minutes(app->store, app->progress.learner_id, m->id,
	    clock_now_ms(), &extra, &err) != 0 ||
	    progress_lessons_done(&app->progress, m->id, &done, &err) != 0) {
		app_error(app, &err);
		return -1;
	}
	minutes = m->quiz_minutes > 0 ? m->quiz_minutes + extra : 0;
	if (app->lessons_first && done < m->nlessons) {
		/* The class takes the lessons before the quiz. */
		sm->blocked = 1;
		start_add(sm, start_printf(P_("First read all the lessons of "
		    "this topic. You have finished %d of %d lesson.", "First "
		    "read all the lessons of this topic. You have finished %d "
		    "of %d lessons.", m->nlessons), done, m->nlessons));
		start_add(sm, xstrdup(_("Then you can take the quiz.")));
		return 0;
	}
	start_add(sm, start_printf(P_("This quiz has %d question.",
	    "This quiz has %d questions.", count), count));
	start_add(sm, start_printf(_("To pass, get %d%% right."),
	    m->quiz_pass));
	if (minutes > 0)
		start_add(sm, start_printf(P_("You have %d minute. The clock "
		    "starts when you press Enter and keeps running if you "
		    "leave the quiz.", "You have %d minutes. The clock starts "
		    "when you press Enter and keeps running if you leave the "
		    "quiz.", minutes), minutes));
	else
		start_add(sm, xstrdup(_("There is no time limit.")));
	if (m->quiz_practice)
		start_add(sm, xstrdup(_("After each answer you see if it is "
		    "right.")));
	else
		start_add(sm, xstrdup(_("You see your answers marked at the "
		    "end.")));
	if (sm->left > 0)
		start_add(sm, start_printf(P_("You have %d attempt left.",
		    "You have %d attempts left.", sm->left), sm->left));
	else if (sm->left == 0)
		start_add(sm, start_printf(P_("You have used your %d attempt "
		    "at this quiz.", "You have used all %d attempts at this "
		    "quiz.", m->quiz_attempts), m->quiz_attempts));
	return 0;
}

static void
quizstart_leave(struct app *app)
{
	struct start_model *sm = &start;
	int i;

	(void)app;
	for (i = 0; i < sm->nlines; i++)
		free(sm->lines[i]);
	memset(sm, 0, sizeof *sm);
}

/* Lays the screen out and, when draw, draws it; returns the row of the
 * line that asks to start (a click there starts). */
static int
quizstart_walk(const struct app *app, int draw)
{
	const struct start_model *sm = &start;
	struct lesson_page page = { 0 };
	int w = app->cols - 4, x, y = START_TOP, i, j, ask_y;
	const char *ask;

	if (w > START_MAX_WIDTH)
		w = START_MAX_WIDTH;
	x = (app->cols - w) / 2;
	for (i = 0; i < sm->nlines; i++) {
		lesson_page_free(&page);
		memset(&page, 0, sizeof page);
		lesson_layout_text(sm->lines[i], strlen(sm->lines[i]), 0,
		    w - 2, 0, &page);
		for (j = 0; j < page.nlines && y < app->rows - 2; j++, y++) {
			if (!draw)
				continue;
			if (j == 0)
				ui_puts(y, x, ui_sym("•", "*"),
				    ui_attr(UI_ACCENT), 2);
			ui_line(y, x + 2, &page.lines[j], UI_NORMAL, w - 2);
		}
	}
	lesson_page_free(&page);
	memset(&page, 0, sizeof page);
	ask = sm->blocked ? _("Press q to go back to the lessons.") :
	    sm->left == 0 ? _("Ask your teacher if you need another try.") :
	    _("Press Enter to start the quiz.");
	lesson_layout_text(ask, strlen(ask), LESSON_BOLD, w, 0, &page);
	ask_y = ++y;
	for (j = 0; draw && j < page.nlines && y < app->rows - 2; j++, y++)
		ui_line(y, x, &page.lines[j], sm->left == 0 || sm->blocked ?
		    UI_NORMAL : UI_GOOD, w);
	lesson_page_free(&page);
	return ask_y;
}

static void
quizstart_key(struct app *app, int key)
{
	struct start_model *sm = &start;

	switch (key) {
	case APP_KEY_CLICK:
		if (app->click_y != quizstart_walk(app, 0))
			break;
		/* FALLTHROUGH */
	case '\n':
		if (sm->left != 0 && !sm->blocked)
			app_replace(app, &quiz_screen, 0);
		break;
	case APP_KEY_BACK:
	case KEY_LEFT:
		app_pop(app);
		break;
	}
}

static void
quizstart_draw(const struct app *app)
{
	const struct start_model *sm = &start;

	quizview_title(app, _("Quiz"), "");
	quizstart_walk(app, 1);
	ui_footer(sm->left == 0 || sm->blocked ? _("q back  ? help") :
	    _("Enter start the quiz  q back  ? help"));
}

const struct screen_ops quizstart_screen = {
	.name = "quizstart",
	.enter = quizstart_enter,
	.leave = quizstart_leave,
	.key = quizstart_key,
	.draw = quizstart_draw,
};

int
quizstart_open(struct app *app)
{
	const struct module *m = modview_module(app);
	struct quiz_bank bank;
	struct hs_error err;
	int count = m->quiz_questions, found, answered, bad = 0;

	/* A bank that cannot be read is said at once, as before. */
	if (module_quiz_load(m, app->lang, &bank, &err) != 0) {
		app_error(app, &err);
		return -1;
	}
	/* Descriptions are read, not drawn nor answered (quizview.c). */
	answered = quiz_bank_answered(&bank);
	if (count <= 0)			/* all of the bank */
		count = answered;
	if (count == 0 || count > answered)
		bad = 1;
	quiz_bank_free(&bank);
	if (bad)		/* the quiz screen says why, and does not open */
		return app_push(app, &quiz_screen, 0);
	if (progress_attempt_unfinished(&app->progress, m->id, m->quiz_bank,
	    count, &found, &err) != 0) {
		app_error(app, &err);
		return -1;
	}
	/* An attempt in progress goes on where it was; the child has seen
	 * this screen before it started. */
	return app_push(app, found ? &quiz_screen : &quizstart_screen, count);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lessonview.c: reading a lesson, one screen at a time.  Each screen shown
 * is recorded (progress_screen_seen) before it is drawn; the last "next"
 * records the lesson as completed.  See screen.h for the model/draw split.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "core/i18n.h"
#include "core/text.h"
#include "learn/model/answers.h"
#include "learn/screens/glossview.h"
#include "learn/model/meterchild.h"
#include "learn/model/trybox.h"
#include "learn/screens/lessonview.h"
#include "learn/screens/modview.h"
#include "learn/screens/ui.h"
#include "lessons/speech.h"
#include "quiz/grade.h"
#include "quiz/quiz.h"
#include "quiz/response.h"

#define LESSON_TOP 3		/* first row of text */
#define LESSON_MAX_WIDTH 76	/* lines are easier to read short */

struct lesson_model {
	int lesson;			/* index in the module */
	struct lesson *doc;
	int screen;
	int scroll;			/* first line shown */
	struct lesson_page page;	/* screen laid out at page_width */
	int page_width;
	struct lesson_block *practice;	/* the screen's practice question */
	int sel;			/* its chosen choice, or -1: none yet */
	int tries;			/* wrong answers to it so far, this
					 * time: after the first, a hint and
					 * a second try */
	int again;			/* practising again for mastery: the
					 * questions start unanswered */
	int finishes;			/* on the last screen: whether Enter
					 * finishes the lesson (mastery) */
	int held;			/* an ordering practice: the step at
					 * sel is picked up */
	struct glossary gloss;		/* of the lesson's language */
	char gloss_lang[8];
	int term;			/* the glossary mark selected on the
					 * screen (Tab), in screen order; -1 */
	int term_last;			/* the one last opened, or -1 */
	struct lesson_block *trybk;	/* the screen's type-it box, or NULL */
	struct trybox box;		/* what is typed in it */
	int box_open;			/* it takes keys: not tried yet (or
					 * again); the screen waits for it */
	int box_tried;			/* tried: 1 this time (the text is
					 * still shown), 2 on an earlier visit */
	double box_grade;		/* of this time's try */
	struct meterchild meter;	/* the password meter, running while
					 * a password box is open */
};

static struct lesson_model lesson;

static int
lesson_height(const struct app *app)
{
	int h = app->rows - LESSON_TOP - 2;

	return h < 1 ? 1 : h;
}

static int
lesson_width(const struct app *app)
{
	int w = app->cols - 4;

	return w > LESSON_MAX_WIDTH ? LESSON_MAX_WIDTH : w;
}

static int
lesson_max_scroll(const struct app *app)
{
	int m = lesson.page.nlines - lesson_height(app);

	return m < 0 ? 0 : m;
}

static void
lessonview_resize(struct app *app)
{
	struct lesson_model *lm = &lesson;

	lesson_page_free(&lm->page);
	lm->page_width = lesson_width(app);
	lesson_layout(&lm->doc->screens[lm->screen], lm->page_width, &lm->page);
	if (lm->scroll > lesson_max_scroll(app))
		lm->scroll = lesson_max_scroll(app);
}

/* Shows in the practice block that the learner chose choice: the verdict
 * with the author's feedback, and the right answer when it was not. */
static void
practice_show_answer(struct lesson_block *blk, int choice)
{
	const struct quiz_question *q = &blk->practice.questions[0];
	const struct quiz_choice *c = &q->choices[choice];
	int right = quiz_grade_choice(q, choice) >= 1.0;
	const char *fb = c->feedback != NULL ? c->feedback :
	    right ? _("Right!") : _("Not quite.");
	char text[1024], answer[512];

	if (right)
		snprintf(text, sizeof text, "%s %s", ui_sym("✓", "+"), fb);
	else {
		snprintf(answer, sizeof answer, _("The right answer: %s"),
		    q->choices[quiz_best_choice(q)].text);
		snprintf(text, sizeof text, "%s %s %s", ui_sym("✗", "x"), fb,
		    answer);
	}
	lesson_practice_set(blk, choice, text);
}

/* Whether the practice question is an ordering question. */
static int
practice_ordering(const struct lesson_block *blk)
{
	return blk != NULL && blk->practice.questions[0].type == QUIZ_ORDERING;
}

/* An ordering practice answered, graded r: how many steps are in order
 * (unless all are), then the right order or, after a first try, a word
 * to try once more; open: the question stays open for that try. */
static void
practice_order_verdict(struct lesson_block *blk, double fraction, int open)
{
	const struct quiz_question *q = &blk->practice.questions[0];
	char text[2048], line[256], *right;

	if (fraction >= 1.0) {
		snprintf(text, sizeof text, "%s %s", ui_sym("✓", "+"),
		    _("Right!"));
		lesson_practice_set(blk, 0, text);
		return;
	}
	snprintf(line, sizeof line, P_("%d of %d steps is in the right order.",
	    "%d of %d steps are in the right order.",
	    grade_ordered_subset(blk->order, q->nchoices)),
	    grade_ordered_subset(blk->order, q->nchoices), q->nchoices);
	if (open) {
		snprintf(text, sizeof text, "%s %s %s", fraction > 0 ?
		    ui_sym("◐", "~") : ui_sym("✗", "x"), line,
		    _("Try once more."));
		lesson_practice_set(blk, -1, text);
		return;
	}
	right = quizwords_right(q, ui_sym("→", "->"));
	snprintf(text, sizeof text, "%s %s ", fraction > 0 ?
	    ui_sym("◐", "~") : ui_sym("✗", "x"), line);
	snprintf(text + strlen(text), sizeof text - strlen(text),
	    _("The right answer: %s"), right != NULL ? right : "");
	free(right);
	lesson_practice_set(blk, 0, text);
}

/* An ordering practice's first order: shuffled, never the right one,
 * the same for this learner each time the screen is shown. */
static void
practice_order_start(const struct app *app, struct lesson_block *blk)
{
	const struct quiz_question *q = &blk->practice.questions[0];
	uint64_t seed = 1469598103934665603ULL;
	const char *p;

	for (p = q->id; *p != '\0'; p++)
		seed = (seed ^ (unsigned char)*p) * 1099511628211ULL;
	seed ^= (uint64_t)app->progress.learner_id * 0x9e3779b97f4a7c15ULL;
	quiz_order_items(seed, 0, q->nchoices, blk->order);
}

/* After a first wrong answer: the question stays open, nothing chosen,
 * with the chosen answer's feedback as a hint. */
static void
practice_show_hint(struct lesson_block *blk, int choice)
{
	const struct quiz_question *q = &blk->practice.questions[0];
	const char *fb = q->choices[choice].feedback;
	char text[1024];

	snprintf(text, sizeof text, "%s %s %s", ui_sym("✗", "x"),
	    fb != NULL ? fb : _("Not quite."), _("Try once more."));
	lesson_practice_set(blk, -1, text);
}

/* Whether Enter on the last screen finishes the lesson: always, but in
 * a module that asks for mastery, only once it is reached. */
static int lesson_mastery_reached(struct app *app, int *reached);
static void lesson_back(struct app *app);

/* Opens the type-it box for typing, fresh: a password box's meter
 * (hocso-cmd password-meter) is started now, so that it is ready for
 * the first key. */
static void
try_open(struct app *app)
{
	struct lesson_model *lm = &lesson;

	trybox_init(&lm->box, lm->trybk->try_kind, app->signed_in,
	    meterchild_meter(&lm->meter));
	lm->box_open = 1;
	lm->box_tried = 0;
	if (lm->trybk->try_kind == LESSON_TRY_PASSWORD)
		meterchild_open(&lm->meter);
}

/* Closes the type-it box for typing: its meter is ended. */
static void
try_close(void)
{
	struct lesson_model *lm = &lesson;

	lm->box_open = 0;
	meterchild_close(&lm->meter);
}

/* Opens the screen's type-it box, if any: empty and waiting, unless
 * the learner tried it on an earlier visit (and is not practising
 * again). */
static void
try_show(struct app *app)
{
	struct lesson_model *lm = &lesson;
	const struct module *m = modview_module(app);
	struct hs_error err;
	char done[128];

	try_close();
	lm->trybk = lesson_try(&lm->doc->screens[lm->screen]);
	lm->box_tried = 0;
	if (lm->trybk == NULL)
		return;
	if (!lm->again && progress_practice_last_response(&app->progress, m->id,
	    m->lessons[lm->lesson], lm->trybk->try_id, done, sizeof done,
	    &err) == 0 && done[0] != '\0') {
		trybox_init(&lm->box, lm->trybk->try_kind, app->signed_in,
		    NULL);
		lm->box_tried = 2;
	} else
		try_open(app);
}

/* Moves to screen, once it is recorded as seen.  Returns 0, or -1 when
 * the record failed (the learner stays where they were). */
static int
lesson_show(struct app *app, int screen)
{
	struct lesson_model *lm = &lesson;
	const struct module *m = modview_module(app);
	struct hs_error err;

	if (progress_screen_seen(&app->progress, m->id, m->lessons[lm->lesson],
	    screen, &err) != 0) {
		app_error(app, &err);
		return -1;
	}
	lm->screen = screen;
	lm->scroll = 0;
	lm->term = lm->term_last = -1;
	lm->sel = -1;			/* nothing chosen for the child */
	lm->tries = 0;
	lm->practice = lesson_practice(&lm->doc->screens[screen]);
	lm->held = 0;
	if (practice_ordering(lm->practice)) {
		const struct quiz_question *q = &lm->practice->practice.questions[0];
		char resp[RESPONSE_MAX];
		int order[GIFT_MAX_CHOICES];

		/* Answered before: that order and its verdict; else (or
		 * when practising again) the steps shuffled. */
		lm->sel = 0;
		if (!lm->again && progress_practice_last_response(&app->progress,
		    m->id, m->lessons[lm->lesson], q->id, resp, sizeof resp,
		    &err) == 0 && response_to_steps(resp, order,
		    GIFT_MAX_CHOICES) == q->nchoices) {
			memcpy(lm->practice->order, order, sizeof order);
			practice_order_verdict(lm->practice, response_grade(q,
			    resp, NULL).fraction, 0);
		} else {
			practice_order_start(app, lm->practice);
			lesson_practice_set(lm->practice, -1, NULL);
		}
	} else if (lm->practice != NULL) {
		const struct quiz_question *q = &lm->practice->practice.questions[0];
		int choice;

		/* Answered before: show that answer; else (or when
		 * practising again) a fresh question. */
		if (!lm->again && progress_practice_last(&app->progress, m->id,
		    m->lessons[lm->lesson], q->id, &choice, &err) == 0 &&
		    choice >= 0 && choice < q->nchoices) {
			practice_show_answer(lm->practice, choice);
			lm->sel = choice;
		} else
			lesson_practice_set(lm->practice, -1, NULL);
	}
	try_show(app);
	lesson_mastery_reached(app, &lm->finishes);
	lessonview_resize(app);
	return 0;
}

/* Whether the screen waits for its practice question's answer. */
static int
practice_waiting(const struct lesson_model *lm)
{
	return lm->practice != NULL && lm->practice->answer < 0;
}

/* Grades and records the chosen choice, then shows the verdict; after a
 * first wrong answer, a hint and a second try.  With nothing chosen,
 * says what to do. */
static void
practice_answer(struct app *app)
{
	struct lesson_model *lm = &lesson;
	const struct module *m = modview_module(app);
	const struct quiz_question *q = &lm->practice->practice.questions[0];
	struct hs_error err;
	double fraction;

	if (practice_ordering(lm->practice)) {
		char resp[RESPONSE_MAX];

		response_from_steps(lm->practice->order, q->nchoices, resp,
		    sizeof resp);
		fraction = response_grade(q, resp, NULL).fraction;
		if (progress_practice_response(&app->progress, m->id,
		    m->lessons[lm->lesson], q->id, resp, fraction, &err) != 0) {
			app_error(app, &err);
			return;
		}
		lm->held = 0;
		practice_order_verdict(lm->practice, fraction, fraction < 1.0 &&
		    lm->tries++ == 0);
		lesson_mastery_reached(app, &lm->finishes);
		lessonview_resize(app);
		lm->scroll = lesson_max_scroll(app);
		return;
	}
	if (lm->sel < 0 || lm->sel >= q->nchoices) {
		app_message(app, _("Choose an answer with the arrows or its "
		    "number, then press Enter."));
		return;
	}
	fraction = quiz_grade_choice(q, lm->sel);
	if (progress_practice(&app->progress, m->id, m->lessons[lm->lesson],
	    q->id, lm->sel, fraction, &err) != 0) {
		app_error(app, &err);
		return;
	}
	if (fraction < 1.0 && lm->tries++ == 0) {
		practice_show_hint(lm->practice, lm->sel);
		lm->sel = -1;
	} else
		practice_show_answer(lm->practice, lm->sel);
	lesson_mastery_reached(app, &lm->finishes);
	lessonview_resize(app);
	lm->scroll = lesson_max_scroll(app);	/* the verdict in sight */
}

/* The practice choice shown on row y, or -1. */
static int
practice_choice_at(const struct app *app, int y)
{
	const struct lesson_model *lm = &lesson;
	int line = lm->scroll + y - LESSON_TOP;

	if (y < LESSON_TOP || line < 0 || line >= lm->page.nlines)
		return -1;
	return lm->page.lines[line].choice;
}

/* Keys of an ordering practice not answered yet: as on the quiz screen
 * (quizview.c), the arrows go through the steps or carry the one picked
 * up, Space or Enter picks up and puts down, a digit picks that step up
 * or puts the one held there; Tab answers.  Returns 1 when taken. */
static int
practice_order_key(struct app *app, int key)
{
	struct lesson_model *lm = &lesson;
	struct lesson_block *blk = lm->practice;
	int n = blk->practice.questions[0].nchoices, moved = 0, hit;

	switch (key) {
	case KEY_UP:
	case 'k':
		if (lm->sel > 0 && lm->held) {
			response_order_move(blk->order, lm->sel, lm->sel - 1);
			moved = 1;
		}
		if (lm->sel > 0)
			lm->sel--;
		break;
	case KEY_DOWN:
	case 'j':
		if (lm->sel + 1 < n && lm->held) {
			response_order_move(blk->order, lm->sel, lm->sel + 1);
			moved = 1;
		}
		if (lm->sel + 1 < n)
			lm->sel++;
		break;
	case '\n':
	case ' ':
		if (lm->scroll < lesson_max_scroll(app))
			return 0;	/* the rest of the steps first */
		lm->held = !lm->held;
		return 1;
	case '\t':
		if (lm->scroll < lesson_max_scroll(app))
			return 0;
		practice_answer(app);
		return 1;
	case APP_KEY_CLICK:
		hit = practice_choice_at(app, app->click_y);
		if (hit < 0)
			return 1;
		if (lm->held)
			response_order_move(blk->order, lm->sel, hit);
		moved = lm->held;
		lm->held = !lm->held;
		lm->sel = hit;
		break;
	default:
		if (key < '1' || key >= '1' + n)
			return 0;
		if (lm->held) {
			response_order_move(blk->order, lm->sel, key - '1');
			moved = 1;
		}
		lm->held = !lm->held;
		lm->sel = key - '1';
		break;
	}
	if (moved)
		lessonview_resize(app);	/* the steps' lines, anew */
	return 1;
}

/* Keys on a screen whose practice question is not answered yet.
 * Returns 1 when the key was taken. */
static int
practice_key(struct app *app, int key)
{
	struct lesson_model *lm = &lesson;
	int n = lm->practice->practice.questions[0].nchoices, hit;
	char msg[256];

	if (practice_ordering(lm->practice))
		return practice_order_key(app, key);

	switch (key) {
	case KEY_UP:
	case 'k':
		if (lm->sel > 0)
			lm->sel--;
		else if (lm->sel < 0)	/* nothing chosen yet: the first */
			lm->sel = 0;
		return 1;
	case KEY_DOWN:
	case 'j':
	case '\t':
		if (lm->sel + 1 < n)
			lm->sel++;
		return 1;
	case '\n':
	case ' ':
		if (lm->scroll < lesson_max_scroll(app))
			return 0;	/* show the rest of the choices first */
		practice_answer(app);
		return 1;
	case APP_KEY_CLICK:
		hit = practice_choice_at(app, app->click_y);
		if (hit >= 0 && hit == lm->sel)
			practice_answer(app);
		else if (hit >= 0)
			lm->sel = hit;
		return 1;
	case KEY_RIGHT:
	case 'n':
	case 'l':
	case KEY_NPAGE:
		if (lm->scroll < lesson_max_scroll(app))
			return 0;	/* let the learner see it all first */
		snprintf(msg, sizeof msg, _("Answer the question first: choose "
		    "1-%d and press Enter"), n);
		app_message(app, msg);
		return 1;
	default:
		if (key >= '1' && key <= '9' && key - '1' < n) {
			lm->sel = key - '1';
			return 1;
		}
		return 0;
	}
}

/* The glossary marks of the screen shown: how many, and the i-th (its
 * block in *blk). */
static int
term_count(const struct lesson_model *lm)
{
	const struct lesson_screen *s = &lm->doc->screens[lm->screen];
	int i, n = 0;

	for (i = 0; i < s->nblocks; i++)
		n += s->blocks[i].nmarks;
	return n;
}

static const struct lesson_mark *
term_mark(const struct lesson_model *lm, int k,
    const struct lesson_block **blk)
{
	const struct lesson_screen *s = &lm->doc->screens[lm->screen];
	int i;

	for (i = 0; i < s->nblocks; i++) {
		if (k < s->blocks[i].nmarks) {
			*blk = &s->blocks[i];
			return &s->blocks[i].marks[k];
		}
		k -= s->blocks[i].nmarks;
	}
	return NULL;
}

/* The mark (its index on the screen) a run of a laid-out line shows,
 * or -1. */
static int
term_of_run(const struct lesson_model *lm, const struct lesson_run *r)
{
	const struct lesson_screen *s = &lm->doc->screens[lm->screen];
	const struct lesson_block *b;
	size_t off;
	int i, j, k = 0;

	if (!(r->style & LESSON_TERM))
		return -1;
	for (i = 0; i < s->nblocks; i++) {
		b = &s->blocks[i];
		if (b->text != NULL && r->text >= b->text &&
		    r->text < b->text + b->len) {
			off = (size_t)(r->text - b->text);
			for (j = 0; j < b->nmarks; j++)
				if (off >= b->marks[j].start &&
				    off < b->marks[j].start + b->marks[j].len)
					return k + j;
			return -1;
		}
		k += b->nmarks;
	}
	return -1;
}

/* Selects mark k and scrolls its first line into view. */
static void
term_select(struct app *app, int k)
{
	struct lesson_model *lm = &lesson;
	int i, j, h = lesson_height(app);

	lm->term = k;
	for (i = 0; i < lm->page.nlines; i++)
		for (j = 0; j < lm->page.lines[i].nruns; j++)
			if (term_of_run(lm, &lm->page.lines[i].runs[j]) == k) {
				if (i < lm->scroll)
					lm->scroll = i;
				else if (i >= lm->scroll + h)
					lm->scroll = i - h + 1;
				return;
			}
}

/* Opens mark k's entry over the lesson. */
static void
term_open(struct app *app, int k)
{
	struct lesson_model *lm = &lesson;
	const struct lesson_block *blk;
	const struct lesson_mark *mk = term_mark(lm, k, &blk);
	const struct glossary_entry *e;
	char msg[256];

	if (mk == NULL)
		return;
	lm->term = k;
	if ((e = glossary_find(&lm->gloss, mk->term)) == NULL) {
		snprintf(msg, sizeof msg, _("No explanation of '%s' in this "
		    "module."), mk->term);
		app_message(app, msg);
		return;
	}
	lm->term_last = k;
	glossview_open_term(app, e, lm->gloss_lang);
}

/* The mark shown at screen row y, column x, or -1. */
static int
term_at(const struct app *app, int y, int x)
{
	const struct lesson_model *lm = &lesson;
	const struct lesson_line *ln;
	int line = lm->scroll + y - LESSON_TOP, col, i, w;

	if (y < LESSON_TOP || line < 0 || line >= lm->page.nlines)
		return -1;
	ln = &lm->page.lines[line];
	col = (app->cols - lm->page_width) / 2 + ln->indent;
	for (i = 0; i < ln->nruns; i++) {
		w = text_width(ln->runs[i].text, ln->runs[i].len);
		if (x >= col && x < col + w)
			return term_of_run(lm, &ln->runs[i]);
		col += w;
	}
	return -1;
}

/* The glossary's keys: Tab and Shift-Tab choose a marked word, Enter
 * opens the one chosen, a click opens the one under it, g lists them
 * all.  Returns 1 when the key was taken. */
static int
term_key(struct app *app, int key)
{
	struct lesson_model *lm = &lesson;
	int n = term_count(lm), k;

	switch (key) {
	case '\t':
		if (n == 0)
			return 0;
		term_select(app, lm->term >= 0 ? (lm->term + 1) % n :
		    (lm->term_last + 1) % n);
		return 1;
	case KEY_BTAB:
		if (n == 0)
			return 0;
		term_select(app, lm->term > 0 ? lm->term - 1 :
		    lm->term == 0 ? n - 1 : lm->term_last > 0 ?
		    lm->term_last - 1 : n - 1);
		return 1;
	case '\n':
		if (lm->term < 0)
			return 0;
		term_open(app, lm->term);
		return 1;
	case APP_KEY_CLICK:
		if ((k = term_at(app, app->click_y, app->click_x)) < 0)
			return 0;
		term_open(app, k);
		return 1;
	case 'g':
	case 'G':
		glossview_open_list(app, lm->gloss_lang);
		return 1;
	}
	return 0;
}

/* Back from a term: nothing chosen, Tab goes on after it. */
static void
lessonview_resume(struct app *app)
{
	(void)app;
	lesson.term = -1;
}

/* Whether the screen waits for its type-it box to be tried. */
static int
try_waiting(const struct lesson_model *lm)
{
	return lm->trybk != NULL && lm->box_open;
}

/* Records the try (a summary, never the text) and closes the box. */
static void
try_record(struct app *app)
{
	struct lesson_model *lm = &lesson;
	const struct module *m = modview_module(app);
	struct hs_error err;
	char summary[128];
	double grade;

	grade = trybox_summary(&lm->box, summary, sizeof summary);
	if (progress_practice_response(&app->progress, m->id,
	    m->lessons[lm->lesson], lm->trybk->try_id, summary, grade,
	    &err) != 0) {
		app_error(app, &err);
		return;
	}
	try_close();
	lm->box_tried = 1;
	lm->box_grade = grade;
	lesson_mastery_reached(app, &lm->finishes);
}

/* Keys while the type-it box is open.  Returns 1 when the key was
 * taken. */
static int
try_key(struct app *app, int key)
{
	struct lesson_model *lm = &lesson;
	uint32_t c;

	switch (key) {
	case APP_KEY_BACK:
		lesson_back(app);	/* nothing recorded */
		return 1;
	case KEY_BACKSPACE:
	case 127:
	case 8:
		c = TRYBOX_KEY_BACKSPACE;
		break;
	case '\n':
		c = TRYBOX_KEY_ENTER;
		break;
	case APP_KEY_CHAR:
		c = app->wch;
		break;
	case KEY_RIGHT:
	case KEY_NPAGE:
	case APP_KEY_CLICK:
		app_message(app, _("Try the box first: type, then press "
		    "Enter."));
		return 1;
	default:
		if (key < ' ' || key > '~')
			return 0;	/* scrolling, Left: as on any screen */
		c = (uint32_t)key;
		break;
	}
	switch (trybox_key(&lm->box, c)) {
	case TRYBOX_SUBMIT:
		try_record(app);
		break;
	case TRYBOX_EMPTY:
		app_message(app, _("Type something first, then press Enter."));
		break;
	case TRYBOX_FULL:
		app_message(app, _("The box is full."));
		break;
	default:
		break;
	}
	return 1;
}

static void
lessonview_leave(struct app *app)
{
	struct lesson_model *lm = &lesson;

	(void)app;
	meterchild_close(&lm->meter);
	lesson_page_free(&lm->page);
	lesson_free(lm->doc);
	lm->doc = NULL;
	glossary_free(&lm->gloss);
}

static int
lessonview_enter(struct app *app, int index)
{
	struct lesson_model *lm = &lesson;
	const struct module *m = modview_module(app);
	struct hs_error err;
	int screen, completed;
	char *path;

	memset(lm, 0, sizeof *lm);
	meterchild_init(&lm->meter, app->datadir, app->lang);
	lm->lesson = index;
	path = module_lesson_path(m, index, app->lang);
	if (path == NULL || lesson_load(path, &lm->doc, &err) != 0) {
		if (path == NULL)
			hs_error_set(&err, HS_ENOTFOUND, _("lesson %s is missing"),
			    m->lessons[index]);
		app_error(app, &err);
		free(path);
		return -1;
	}
	/* The glossary of the language the lesson was read in. */
	glossary_lesson_lang(path, lm->gloss_lang);
	glossary_for(m, lm->gloss_lang, &lm->gloss);
	free(path);
	if (progress_lesson_state(&app->progress, m->id, m->lessons[index],
	    &screen, &completed, &err) != 0 || completed ||
	    screen >= lm->doc->nscreens)
		screen = 0;
	if (lesson_show(app, screen) != 0) {
		lessonview_leave(app);
		return -1;
	}
	return 0;
}

/* Back to the module screen, its marks brought up to date (it
 * resumes). */
static void
lesson_back(struct app *app)
{
	app_pop(app);
}

/* The first screen with a practice question or a type-it box, or -1. */
static int
first_practice_screen(const struct lesson *doc)
{
	int i;

	for (i = 0; i < doc->nscreens; i++)
		if (lesson_practice(&doc->screens[i]) != NULL ||
		    lesson_try(&doc->screens[i]) != NULL)
			return i;
	return -1;
}

/* Whether the lesson's mastery (M of the last N practice answers right)
 * is reached, in *reached: 1 too when the module asks for none or the
 * lesson has no practice.  Returns 0, or -1 when the records could not
 * be read (said with app_error; *reached 0). */
static int
lesson_mastery_reached(struct app *app, int *reached)
{
	struct lesson_model *lm = &lesson;
	const struct module *m = modview_module(app);
	int right, count;
	struct hs_error err;

	*reached = 1;
	if (m->mastery_of == 0 || first_practice_screen(lm->doc) < 0)
		return 0;
	if (progress_practice_recent(&app->progress, m->id,
	    m->lessons[lm->lesson], m->mastery_of, &right, &count, &err) != 0) {
		*reached = 0;
		app_error(app, &err);
		return -1;
	}
	*reached = right >= m->mastery_right;
	return 0;
}

/* At the end of a lesson whose module asks for mastery: whether it is
 * reached.  When not, the learner practises again from the first
 * practice screen, the questions unanswered, and is told why. */
static int
lesson_mastered(struct app *app)
{
	struct lesson_model *lm = &lesson;
	const struct module *m = modview_module(app);
	int first = first_practice_screen(lm->doc), reached;
	char msg[256];

	if (lesson_mastery_reached(app, &reached) != 0)
		return 0;
	if (reached)
		return 1;
	lm->again = 1;
	if (lesson_show(app, first) != 0)
		return 0;
	snprintf(msg, sizeof msg, P_("Let's practise once more: get %d of "
	    "your last %d answers right to finish the lesson.", "Let's "
	    "practise once more: get %d of your last %d answers right to "
	    "finish the lesson.", m->mastery_of), m->mastery_right,
	    m->mastery_of);
	app_message(app, msg);
	return 0;
}

static void
lesson_next(struct app *app)
{
	struct lesson_model *lm = &lesson;
	const struct module *m = modview_module(app);
	struct hs_error err;

	if (lm->screen + 1 < lm->doc->nscreens) {
		lesson_show(app, lm->screen + 1);
		return;
	}
	if (!lesson_mastered(app))
		return;
	if (progress_lesson_done(&app->progress, m->id, m->lessons[lm->lesson],
	    &err) != 0) {
		app_error(app, &err);
		return;
	}
	lesson_back(app);
}

/* Scrolls down a page when there is more below; else the next screen. */
static void
lesson_continue(struct app *app)
{
	struct lesson_model *lm = &lesson;

	if (lm->scroll < lesson_max_scroll(app)) {
		lm->scroll += lesson_height(app) - 1;
		if (lm->scroll > lesson_max_scroll(app))
			lm->scroll = lesson_max_scroll(app);
	} else
		lesson_next(app);
}

static void
lessonview_key(struct app *app, int key)
{
	struct lesson_model *lm = &lesson;

	/* A question waiting for its answer has the keys first (Tab moves
	 * through its choices, or answers an ordering); its words are
	 * still opened by a click or from g's list. */
	if (try_waiting(lm) && try_key(app, key))
		return;
	if (lm->trybk != NULL && key == 't') {	/* the box again */
		try_open(app);
		return;
	}
	if (practice_waiting(lm) && practice_key(app, key))
		return;
	if (term_key(app, key))
		return;
	switch (key) {
	case '\n':
	case ' ':
	case KEY_NPAGE:
	case APP_KEY_CLICK:
		lesson_continue(app);
		break;
	case KEY_RIGHT:
	case 'n':
	case 'l':
		lesson_next(app);
		break;
	case KEY_LEFT:
	case 'p':
	case 'h':
	case KEY_BACKSPACE:
		if (lm->screen > 0)
			lesson_show(app, lm->screen - 1);
		break;
	case KEY_PPAGE:
		if (lm->scroll > 0) {
			lm->scroll -= lesson_height(app) - 1;
			if (lm->scroll < 0)
				lm->scroll = 0;
		} else if (lm->screen > 0)
			lesson_show(app, lm->screen - 1);
		break;
	case KEY_DOWN:
	case 'j':
	case APP_KEY_WHEEL_DOWN:
		if (lm->scroll < lesson_max_scroll(app))
			lm->scroll++;
		break;
	case KEY_UP:
	case 'k':
	case APP_KEY_WHEEL_UP:
		if (lm->scroll > 0)
			lm->scroll--;
		break;
	case APP_KEY_BACK:
		lesson_back(app);
		break;
	}
}

/* A line of a practice choice: the radio button on its first line, the
 * highlight while choosing, right and wrong colours once answered. */
static void
practice_draw_choice(const struct app *app, int y, int x,
    const struct lesson_line *ln)
{
	const struct lesson_model *lm = &lesson;
	const struct lesson_block *blk = lm->practice;
	int answered = blk != NULL && blk->answer >= 0;
	int on = answered ? ln->choice == blk->answer : ln->choice == lm->sel;
	enum ui_role role = UI_NORMAL;

	if (blk == NULL)
		return;
	if (practice_ordering(blk)) {	/* a step: held, or under the cursor */
		int held = !answered && lm->held && ln->choice == lm->sel;

		role = !answered && ln->choice == lm->sel ? UI_SELECTED :
		    UI_NORMAL;
		if (role == UI_SELECTED) {
			attrset(ui_attr(UI_SELECTED));
			mvhline(y, x, ' ', lm->page_width);
			attrset(A_NORMAL);
		}
		if (ln->choice_first && held)
			ui_puts(y, x, ui_sym(" ⇅", ">>"), ui_attr(role), 3);
		ui_line(y, x, ln, role, lm->page_width);
		return;
	}
	if (!answered && on)
		role = UI_SELECTED;
	else if (answered && blk->practice.questions[0].choices[ln->choice]
	    .fraction >= 1.0)
		role = UI_GOOD;
	else if (answered && on)
		role = UI_BAD;
	if (role == UI_SELECTED) {
		attrset(ui_attr(UI_SELECTED));
		mvhline(y, x, ' ', lm->page_width);
		attrset(A_NORMAL);
	}
	if (ln->choice_first)
		ui_puts(y, x, on ? ui_sym("(•)", "(*)") : "( )", ui_attr(role), 3);
	ui_line(y, x, ln, role, lm->page_width);
}

/* Draws again, in reverse, the runs of line ln (at y, x) that show the
 * selected mark. */
static void
term_draw_selected(const struct app *app, int y, int x,
    const struct lesson_line *ln)
{
	const struct lesson_model *lm = &lesson;
	int i, col = ln->indent, w;

	(void)app;
	for (i = 0; i < ln->nruns && col < lm->page_width; i++) {
		w = text_width(ln->runs[i].text, ln->runs[i].len);
		if (term_of_run(lm, &ln->runs[i]) == lm->term)
			ui_put(y, x + col, ln->runs[i].text, ln->runs[i].len,
			    ui_style_attr(ln->runs[i].style, UI_NORMAL) |
			    A_REVERSE, lm->page_width - col);
		col += w;
	}
}

/* The end of the box's text that fits in cols columns: the letters
 * being typed stay in sight. */
static const char *
try_tail(const struct trybox *b, int cols)
{
	const char *t = b->text;
	size_t n = b->len, k;

	while (n > 0 && text_width(t, n) > cols) {
		k = text_cluster_len(t, n);
		t += k;
		n -= k;
	}
	return t;
}

/* Columns of the meter's bar. */
#define TRY_BAR 20

/* A line of the type-it box (ln->field): the text typed in its field,
 * the meter (or for Telex, the keys), the tip or what was saved. */
static void
try_draw_field(const struct app *app, int y, int x,
    const struct lesson_line *ln)
{
	const struct lesson_model *lm = &lesson;
	const struct trybox *b = &lm->box;
	const char *label, *tip;
	char line[256];
	int w = lm->page_width, lw, role;

	(void)app;
	switch (ln->field) {
	case 1:
		ui_puts(y, x, ui_sym("›", ">"), ui_attr(UI_ACCENT), 1);
		attrset(ui_attr(UI_SELECTED));
		mvhline(y, x + 2, ' ', w - 2);
		attrset(A_NORMAL);
		ui_puts(y, x + 3, try_tail(b, w - 5), ui_attr(UI_SELECTED),
		    w - 4);
		break;
	case 2:
		if (b->kind == LESSON_TRY_TELEX) {
			/* TRANSLATORS: the Telex keys, under the box. */
			ui_puts(y, x, _("aa â  aw ă  ee ê  oo ô  ow ơ  uw ư  dd đ  "
			    "s f r x j: tones"), ui_attr(UI_DIM), w);
			break;
		}
		/* TRANSLATORS: before the password meter's bar. */
		label = _("Strength:");
		lw = text_width(label, strlen(label));
		ui_puts(y, x, label, A_BOLD, lw);
		ui_bar(y, x + lw + 1, TRY_BAR, b->len == 0 ? 0 :
		    (b->strength + 1) / 5.0);
		if (b->len > 0)
			ui_puts(y, x + lw + 2 + TRY_BAR,
			    trybox_strength_words(b->strength),
			    b->strength == TRYBOX_UNKNOWN ? ui_attr(UI_DIM) :
			    ui_attr(b->strength >= 3 ? UI_GOOD : UI_BAD) |
			    (int)A_BOLD, w - lw - 2 - TRY_BAR);
		break;
	case 3:
		role = A_NORMAL;
		if (lm->box_tried == 2)
			snprintf(line, sizeof line, "%s", _("You have tried "
			    "this box. Press t to try again."));
		else if (lm->box_tried == 1) {
			snprintf(line, sizeof line, "%s %s", lm->box_grade >=
			    1.0 ? ui_sym("✓", "+") : ui_sym("•", "*"),
			    b->kind == LESSON_TRY_PASSWORD ?
			    _("Saved: only how strong it was, not what you "
			    "typed.") : _("Saved: only how many letters, not "
			    "what you typed."));
			role = ui_attr(lm->box_grade >= 1.0 ? UI_GOOD :
			    UI_ACCENT);
		} else if (b->strength == TRYBOX_UNKNOWN &&
		    meterchild_lost(&lm->meter)) {
			/* Said in the box, in place of the tip, while the
			 * box is open. */
			snprintf(line, sizeof line, "%s", _("The password "
			    "meter is not working now; the box still saves "
			    "the length."));
			role = ui_attr(UI_DIM);
		} else {
			tip = trybox_tip_words(b);
			snprintf(line, sizeof line, "%s", tip);
			role = ui_attr(UI_ACCENT);
		}
		ui_puts(y, x, line, role, w);
		break;
	}
}

static void
lessonview_draw(const struct app *app)
{
	const struct lesson_model *lm = &lesson;
	const struct module *m = modview_module(app);
	char title[512], right[64], pct[32];
	int i, y, x, done = 0, h = lesson_height(app), barw;
	double frac;

	snprintf(title, sizeof title, "%s %s %s", module_title(m, app->lang),
	    ui_sym("›", ">"), modview_title(lm->lesson));
	snprintf(right, sizeof right, "%d/%d", lm->screen + 1,
	    lm->doc->nscreens);
	ui_header(title, right);

	for (i = 0; i < m->nlessons; i++)
		done += modview_done(i) && i != lm->lesson;
	frac = (done + (double)(lm->screen + 1) / lm->doc->nscreens) /
	    m->nlessons;
	snprintf(pct, sizeof pct, " %3d%%", (int)(frac * 100 + 0.5));
	barw = app->cols - 4 - (int)strlen(pct);
	if (barw > 0) {
		ui_bar(1, 2, barw, frac);
		ui_puts(1, 2 + barw, pct, ui_attr(UI_DIM), (int)strlen(pct));
	}

	x = (app->cols - lm->page_width) / 2;
	for (i = 0; i < h && lm->scroll + i < lm->page.nlines; i++) {
		const struct lesson_line *ln = &lm->page.lines[lm->scroll + i];

		y = LESSON_TOP + i;
		if (ln->field > 0)
			try_draw_field(app, y, x, ln);
		else if (ln->choice >= 0)
			practice_draw_choice(app, y, x, ln);
		else
			ui_line(y, x, ln, ln->verdict > 0 ? UI_GOOD :
			    ln->verdict < 0 ? UI_BAD : UI_NORMAL, lm->page_width);
		if (lm->term >= 0)
			term_draw_selected(app, y, x, ln);
	}
	if (lm->scroll + h < lm->page.nlines) {
		char more[64];
		int w;

		/* TRANSLATORS: shown when a lesson screen scrolls on. */
		snprintf(more, sizeof more, "%s %s", ui_sym("▼", "v"), _("more"));
		w = text_width(more, strlen(more));
		ui_puts(app->rows - 2, app->cols - w - 2, more,
		    ui_attr(UI_ACCENT), w);
	}
	if (lm->term >= 0)
		ui_footer(_("Enter what it means  Tab next word  g all words  "
		    "? help"));
	else if (practice_waiting(lm) && practice_ordering(lm->practice))
		ui_footer(lm->held ? _("Up/Down move it  Enter put down  "
		    "q lesson list  ? help") : _("Up/Down choose  Enter pick "
		    "up  Tab answer  q lesson list"));
	else if (practice_waiting(lm)) {
		char hint[256];

		snprintf(hint, sizeof hint, _("1-%d or Up/Down choose  Enter "
		    "answer  q lesson list  ? help"),
		    lm->practice->practice.questions[0].nchoices);
		ui_footer(hint);
	} else if (try_waiting(lm))
		ui_footer(_("Type  Enter done  Backspace delete  Esc back  "
		    "F1 help"));
	else if (lm->screen + 1 < lm->doc->nscreens)
		ui_footer(_("Enter next  Left back  Up/Down scroll  q lesson list  ? help"));
	else if (!lm->finishes)		/* mastery not reached yet */
		ui_footer(_("Enter practise once more  Left back  q lesson "
		    "list  ? help"));
	else
		ui_footer(_("Enter finish the lesson  Left back  q lesson list  ? help"));
}

/* Read-aloud: the screen's words, its practice question and verdict,
 * with the module's pronunciation list. */
static char *
lessonview_speech(const struct app *app)
{
	const struct lesson_model *lm = &lesson;
	struct speech_lexicon lex;
	struct hs_error err;
	char *s;

	if (lm->doc == NULL || lm->screen >= lm->doc->nscreens)
		return NULL;
	if (speech_lexicon_load(modview_module(app)->dir, app->lang, &lex,
	    &err) != 0)
		memset(&lex, 0, sizeof lex);	/* read it as written */
	s = speech_screen_text(&lm->doc->screens[lm->screen], &lex);
	speech_lexicon_free(&lex);
	return s;
}

/* The box takes typed text while it is open: q and ? are letters. */
static int
lessonview_takes_text(const struct app *app)
{
	(void)app;
	return try_waiting(&lesson);
}

/* The text cursor: at the end of the text in the box, when open and in
 * sight. */
static int
lessonview_cursor(const struct app *app, int *y, int *x)
{
	const struct lesson_model *lm = &lesson;
	int i, w;

	if (!try_waiting(lm))
		return 0;
	for (i = 0; i < lm->page.nlines; i++)
		if (lm->page.lines[i].field == 1)
			break;
	if (i == lm->page.nlines || i < lm->scroll ||
	    i >= lm->scroll + lesson_height(app))
		return 0;
	w = text_width(try_tail(&lm->box, lm->page_width - 5),
	    strlen(try_tail(&lm->box, lm->page_width - 5)));
	*y = LESSON_TOP + i - lm->scroll;
	*x = (app->cols - lm->page_width) / 2 + 3 + w;
	return 1;
}

/* The help panel: on a screen with a type-it box, the box's keys; else
 * the learner's keys with the glossary's.  Both say where to find help,
 * as every panel does. */
static int
lessonview_help(const struct app *app, const char **lines, int max)
{
	/* TRANSLATORS: the help panel of a screen with a type-it box; each
	 * line at most 56 columns. */
	static const char *const box[] = {
		N_("Keys of the box"),
		"",
		N_("Letters, digits   type in the box"),
		N_("Backspace         delete the last letter"),
		N_("Enter             done: save how it went"),
		N_("Esc               leave, nothing saved"),
		N_("t                 try the box again"),
		N_("Left, Right       previous or next screen"),
		N_("F4                read aloud    F9  I need help"),
		"",
		N_("Only how strong a password was, or how many"),
		N_("letters, is saved: never what you typed."),
	};
	/* TRANSLATORS: the help panel of a lesson; each line at most 56
	 * columns; the lines without a comment are the learner's help's. */
	static const char *const own[] = {
		N_("Keys"),
		"",
		N_("Arrows, numbers   choose"),
		N_("Enter             open, answer, next"),
		N_("Left, Right       previous or next screen"),
		N_("Tab, Shift-Tab    choose a word to know"),
		N_("Enter on a word   what it means"),
		N_("g                 all the words to know"),
		N_("q, Esc            go back"),
		N_("?                 this help"),
		N_("F4                read aloud    F6  slower, faster"),
		N_("F9                I need help"),
	};
	(void)app;
	if (lesson.trybk != NULL)
		return app_help_child(box, (int)(sizeof box / sizeof *box),
		    lines, max);
	return app_help_child(own, (int)(sizeof own / sizeof *own), lines,
	    max);
}

const struct screen_ops lesson_screen = {
	.name = "lesson",
	.enter = lessonview_enter,
	.leave = lessonview_leave,
	.resume = lessonview_resume,
	.help = lessonview_help,
	.key = lessonview_key,
	.draw = lessonview_draw,
	.resize = lessonview_resize,
	.speech = lessonview_speech,
	.takes_text = lessonview_takes_text,
	.cursor = lessonview_cursor,
};

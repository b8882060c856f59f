/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * quizview.c: taking a module's quiz, one question at a time, with an
 * input for each type: radio buttons (one answer, true/false), check
 * boxes (multiple answers), pick-a-pair (matching), a text box with
 * Vietnamese typing (short answer), a number box, and a box of several
 * lines (essay).  Each answer is graded and committed (progress_answer)
 * before the next question is shown; an attempt left unfinished is
 * resumed at the same question.  See screen.h for the model/draw split and
 * quizreview.c for the result screen.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>
#include <unistr.h>

#include "core/clock.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"
#include "learn/model/override.h"
#include "learn/screens/modview.h"
#include "learn/screens/quizview.h"
#include "learn/screens/ui.h"
#include "lessons/richtext.h"
#include "lessons/speech.h"
#include "quiz/quiz.h"

#define QUIZ_TOP 3
#define QUIZ_MAX_WIDTH 76
#define MARK_COLS 7		/* "(•) 1. " before a choice's text */
#define SHORT_MAX 200		/* bytes of a short answer or a number */
#define ESSAY_ROWS 5		/* text rows of the essay box */

static struct quiz_model quiz;

struct quiz_model *
quizview_model(void)
{
	return &quiz;
}

static int
quizview_width(const struct app *app)
{
	int w = app->cols - 4;

	return w > QUIZ_MAX_WIDTH ? QUIZ_MAX_WIDTH : w < 20 ? 20 : w;
}

static const struct quiz_question *
quizview_current(const struct app *app)
{
	const struct quiz_model *qm = &quiz;

	return &qm->bank.questions[qm->order[qm->attempt.answered -
	    qm->showing]];
}

/* Rows of choices (an ordering question's items are rows too). */
static int
is_list(enum quiz_type t)
{
	return t == QUIZ_CHOICE || t == QUIZ_TRUEFALSE || t == QUIZ_MULTI ||
	    t == QUIZ_ORDERING;
}

static int
is_text(enum quiz_type t)
{
	return t == QUIZ_SHORT || t == QUIZ_NUMERICAL || t == QUIZ_ESSAY;
}

/* Rows the learner moves through: choices, or matching pairs. */
static int
quizview_rows(const struct app *app, const struct quiz_question *q)
{
	return q->type == QUIZ_MATCHING ? quiz.nlefts : q->nchoices;
}

/* Where things go on the question screen.  Rows (choices or pairs) are
 * laid out from their own text; first[i] is the row of item i's first
 * line.  Matching adds the options, text types the box. */
struct quizview_layout {
	struct lesson_page question;
	struct lesson_page items[GIFT_MAX_CHOICES];
	int first[GIFT_MAX_CHOICES];
	char *texts[GIFT_MAX_CHOICES];	/* matching: each row's words */
	struct lesson_page options[GIFT_MAX_CHOICES];
	int option_first[GIFT_MAX_CHOICES];
	int box_y, box_h;		/* text types: the box */
	int button_y;			/* the Answer button, or -1 */
	int end_y;			/* the first row after it all */
	int top;			/* the first row of the rows (choices) */
	int off;			/* rows they are scrolled up by */
};

/* Scrolls the rows under the question (which stays) so that the
 * highlighted one, or the button, or after an answer its feedback, is in
 * view: a question with many answers at 80x24. */
static void
quizview_scroll(const struct app *app, const struct quiz_question *q,
    struct quizview_layout *ql, int rows)
{
	const struct quiz_model *qm = &quiz;
	int bottom = app->rows - 2, want, i;
	int sel = qm->sel < 0 ? 0 : qm->sel;	/* -1: nothing chosen yet */
	int row = sel < rows ? sel : rows - 1;

	ql->top = ql->first[0];
	if (rows == 0 || ql->end_y <= bottom)
		return;
	if (sel < rows)
		want = ql->first[sel] + ql->items[sel].nlines;
	else
		want = ql->button_y + 1;
	if (q->type == QUIZ_MATCHING && sel < rows)
		want = ql->end_y;	/* the options too, when they fit */
	if (qm->showing)
		want = ql->end_y + 3;	/* the feedback's first lines */
	if (want > bottom && want - bottom > ql->first[row] - ql->top)
		want = bottom + ql->first[row] - ql->top; /* the row stays */
	ql->off = want > bottom ? want - bottom : 0;
	for (i = 0; i < GIFT_MAX_CHOICES; i++) {
		ql->first[i] -= ql->off;
		ql->option_first[i] -= ql->off;
	}
	if (ql->button_y >= 0)
		ql->button_y -= ql->off;
	ql->end_y -= ql->off;
}

static void
quizview_layout(const struct app *app, struct quizview_layout *ql)
{
	const struct quiz_model *qm = &quiz;
	const struct quiz_question *q = quizview_current(app);
	int w = quizview_width(app), i, y, k;
	const char *t;

	memset(ql, 0, sizeof *ql);
	ql->button_y = -1;
	richtext_layout(q->text, q->format, LESSON_BOLD, w, 0, &ql->question);
	y = QUIZ_TOP + ql->question.nlines + 1;
	if (is_list(q->type)) {
		for (i = 0; i < q->nchoices; i++) {
			t = quizview_choice_text(q, qm->corder[i]);
			ql->first[i] = y;
			richtext_layout(t, q->type == QUIZ_TRUEFALSE ? 0 :
			    q->format, 0, w - MARK_COLS, 0, &ql->items[i]);
			y += ql->items[i].nlines;
		}
		if (q->type == QUIZ_MULTI || q->type == QUIZ_ORDERING) {
			ql->button_y = ++y;
			y++;
		}
	} else if (q->type == QUIZ_MATCHING) {
		for (i = 0; i < qm->nlefts; i++) {
			char *l = richtext_plain(q->choices[qm->lefts[i]].text,
			    q->format), *r = NULL;

			k = qm->pick[i];
			if (k >= 0) {
				r = richtext_plain(q->choices[qm->rights[k]].match,
				    q->format);
				if (asprintf(&ql->texts[i], "%s  %s  %c) %s", l,
				    ui_sym("→", "->"), 'a' + k, r) < 0)
					util_oom();
			} else if (asprintf(&ql->texts[i], "%s  %s  ___", l,
			    ui_sym("→", "->")) < 0)
				util_oom();
			free(l);
			free(r);
			ql->first[i] = y;
			lesson_layout_text(ql->texts[i], strlen(ql->texts[i]),
			    0, w - MARK_COLS, 0, &ql->items[i]);
			y += ql->items[i].nlines;
		}
		y++;
		for (i = 0; i < qm->nrights; i++) {
			t = q->choices[qm->rights[i]].match;
			ql->option_first[i] = y;
			richtext_layout(t, q->format, 0, w - MARK_COLS, 0,
			    &ql->options[i]);
			y += ql->options[i].nlines;
		}
		ql->button_y = ++y;
		y++;
	} else if (is_text(q->type)) {
		ql->box_y = y;
		ql->box_h = q->type == QUIZ_ESSAY ? ESSAY_ROWS + 2 : 3;
		y += ql->box_h + 1;	/* and the typing line */
		if (q->type == QUIZ_ESSAY) {
			ql->button_y = ++y;
			y++;
		}
	}
	ql->end_y = y;
	quizview_scroll(app, q, ql, is_list(q->type) ||
	    q->type == QUIZ_MATCHING ? quizview_rows(app, q) : 0);
}

static void
quizview_layout_free(struct quizview_layout *ql)
{
	int i;

	lesson_page_free(&ql->question);
	for (i = 0; i < GIFT_MAX_CHOICES; i++) {
		lesson_page_free(&ql->items[i]);
		lesson_page_free(&ql->options[i]);
		free(ql->texts[i]);
	}
}

static void
quizview_prepare_question(struct app *app)
{
	struct quiz_model *qm = &quiz;
	const struct quiz_question *q = quizview_current(app);
	int pos = qm->attempt.answered, i, j;

	quiz_choice_order(qm->attempt.seed, pos, q->nchoices, qm->corder);
	if (q->type == QUIZ_ORDERING)	/* always shuffled, never right */
		quiz_order_items(qm->attempt.seed, pos, q->nchoices,
		    qm->corder);
	else if (q->type == QUIZ_TRUEFALSE ||
	    !modview_module(app)->quiz_shuffle)
		for (i = 0; i < q->nchoices; i++)
			qm->corder[i] = i;
	qm->held = 0;
	/* Nothing is chosen for the child: a one-answer question starts
	 * with no choice marked (sel -1); the others start with the
	 * cursor on the first row, nothing ticked or matched. */
	qm->sel = q->type == QUIZ_CHOICE || q->type == QUIZ_TRUEFALSE ? -1 :
	    0;
	qm->on_button = 0;
	memset(qm->ticks, 0, sizeof qm->ticks);
	qm->intro = qm->nintro = 0;
	for (i = qm->order[pos] - 1; i >= 0 &&
	    qm->bank.questions[i].type == QUIZ_DESCRIPTION; i--)
		qm->nintro++;
	qm->text[0] = '\0';
	qm->textlen = 0;
	qm->raw[0] = '\0';
	qm->rawlen = 0;
	telex_init(&qm->telex, q->type == QUIZ_NUMERICAL ? TELEX_OFF :
	    app->typing);
	qm->nlefts = qm->nrights = 0;
	if (q->type == QUIZ_MATCHING) {
		int order[GIFT_MAX_CHOICES], distinct[GIFT_MAX_CHOICES], n = 0;

		/* The pairs in the author's order; the right sides, each
		 * once, always shuffled (else they would line up). */
		for (i = 0; i < q->nchoices; i++) {
			if (q->choices[i].text[0] != '\0')
				qm->lefts[qm->nlefts++] = i;
			for (j = 0; j < n; j++)
				if (!strcmp(q->choices[distinct[j]].match,
				    q->choices[i].match))
					break;
			if (j == n)
				distinct[n++] = i;
		}
		quiz_choice_order(qm->attempt.seed, pos, n, order);
		for (i = 0; i < n; i++)
			qm->rights[i] = distinct[order[i]];
		qm->nrights = n;
		for (i = 0; i < GIFT_MAX_CHOICES; i++)
			qm->pick[i] = -1;
	}
	{	/* HTML without libxml2: say so, once */
		struct quizview_layout ql;
		const char *note;

		quizview_layout(app, &ql);
		quizview_layout_free(&ql);
		if ((note = richtext_note()) != NULL)
			app_message(app, note);
	}
}

static void quizview_next(struct app *app);

static void
quizview_finish(struct app *app)
{
	const struct module *m = modview_module(app);
	struct hs_error err;

	if (progress_attempt_finish(&app->progress, m->id, &quiz.attempt,
	    m->quiz_pass, &err) != 0) {
		app_error(app, &err);
		return;
	}
	app_push(app, &result_screen, 0);
}

/* The attempt's deadline: the module's minutes and the extra minutes the
 * teacher gave the learner on the day it started (override.h), read
 * again when the time seems up, so that time given during the attempt
 * counts. */
static void
quizview_deadline(struct app *app)
{
	const struct module *m = modview_module(app);
	struct hs_error err;
	int extra = 0;

	if (m->quiz_minutes <= 0)
		return;
	if (override_minutes(app->store, app->progress.learner_id, m->id,
	    quiz.attempt.started_ms, &extra, &err) != 0)
		extra = 0;
	quiz.deadline_ms = quiz.attempt.started_ms +
	    (m->quiz_minutes + extra) * 60000LL;
}

/* Whether the attempt's time is up. */
static int
quizview_time_up(const struct app *app)
{
	return quiz.deadline_ms > 0 &&
	    clock_now_ms() >= quiz.deadline_ms;
}

static int
quizview_enter(struct app *app, int arg)
{
	struct quiz_model *qm = &quiz;
	const struct module *m = modview_module(app);
	struct hs_error err;
	char *path = NULL;
	int count, answered, *graded = NULL;

	(void)arg;
	memset(qm, 0, sizeof *qm);
	if (module_quiz_load(m, app->lang, &qm->bank, &err) != 0)
		goto fail;
	/* Mistakes after reading are named at the last bank. */
	path = module_quiz_path(m, m->nbanks - 1, app->lang);
	/* Descriptions are not drawn: each is shown before the question
	 * after it in the bank, when that one is drawn. */
	answered = quiz_bank_answered(&qm->bank);
	count = m->quiz_questions > 0 ? m->quiz_questions : answered;
	if (count > answered || count == 0) {
		hs_error_set_at(&err, HS_EINVAL, path, 0, 0,
		    _("the quiz draws %d questions but the bank has %d"), count,
		    answered);
		goto fail;
	}
	if (progress_attempt_open(&app->progress, m->id, m->quiz_bank, count,
	    m->quiz_attempts, &qm->attempt, &err) != 0)
		goto fail;
	free(path);
	qm->order = xcalloc(count, sizeof *qm->order);
	if (m->quiz_shuffle)
		quiz_draw(qm->attempt.seed, answered, count, qm->order);
	else
		for (int i = 0; i < count; i++)
			qm->order[i] = i;
	graded = xcalloc(answered, sizeof *graded);
	for (int i = 0, k = 0; i < qm->bank.n; i++)
		if (qm->bank.questions[i].type != QUIZ_DESCRIPTION)
			graded[k++] = i;
	for (int i = 0; i < count; i++)	/* the k-th answered: its index */
		qm->order[i] = graded[qm->order[i]];
	free(graded);
	quizview_deadline(app);
	if (quizview_time_up(app)) {		/* ran out while away */
		qm->timed_out = 1;
		quizview_finish(app);
	} else if (qm->attempt.answered == count) /* stopped before the end */
		quizview_finish(app);
	else
		quizview_prepare_question(app);
	return 0;
fail:
	free(path);
	app_error(app, &err);
	quiz_bank_free(&qm->bank);
	memset(qm, 0, sizeof *qm);
	return -1;
}

static void
quizview_leave(struct app *app)
{
	struct quiz_model *qm = &quiz;

	(void)app;
	quizview_review_free(qm);
	attempt_free(&qm->attempt);
	quiz_bank_free(&qm->bank);
	free(qm->order);
	memset(qm, 0, sizeof *qm);
}

void
quizview_back(struct app *app)
{
	if (app_top(app) == &result_screen)
		app_pop(app);
	app_pop(app);		/* the module's screen resumes */
}

/* The response the screen holds now, in out; or a message for the
 * learner when it is not ready (nothing ticked, a pair not matched, an
 * empty box, not a number). */
static const char *
quizview_response(const struct app *app, char *out, size_t len)
{
	const struct quiz_model *qm = &quiz;
	const struct quiz_question *q = quizview_current(app);
	int flags[GIFT_MAX_CHOICES] = { 0 }, list[GIFT_MAX_CHOICES], i, any = 0;
	double v;

	switch (q->type) {
	case QUIZ_CHOICE:
	case QUIZ_TRUEFALSE:
		if (qm->sel < 0 || qm->sel >= q->nchoices)
			return _("Choose an answer with the arrows or its "
			    "number, then press Enter.");
		snprintf(out, len, "%d", qm->corder[qm->sel]);
		return NULL;
	case QUIZ_MULTI:
		for (i = 0; i < q->nchoices; i++)
			if (qm->ticks[i])
				any = flags[qm->corder[i]] = 1;
		if (!any)
			return _("Tick at least one answer (Space or its "
			    "number), then Enter.");
		response_from_flags(flags, q->nchoices, out, len);
		return NULL;
	case QUIZ_ORDERING:
		response_from_steps(qm->corder, q->nchoices, out, len);
		return NULL;
	case QUIZ_MATCHING:
		for (i = 0; i < qm->nlefts; i++) {
			if (qm->pick[i] < 0)
				return _("Match every item first: choose a row, "
				    "then a letter.");
			list[i] = qm->rights[qm->pick[i]];
		}
		response_from_list(list, qm->nlefts, out, len);
		return NULL;
	case QUIZ_NUMERICAL:
		if (response_number(qm->text, &v) != 0)
			return _("Type a number, such as 12 or 3,5.");
		break;
	default:
		for (i = 0; qm->text[i] != '\0'; i++)
			if (qm->text[i] != ' ' && qm->text[i] != '\n')
				any = 1;
		if (!any)
			return _("Type your answer first.");
		break;
	}
	if (len > 0) {		/* qm->text is NUL-terminated, no longer */
		size_t n = strnlen(qm->text, sizeof qm->text - 1);

		if (n >= len)
			n = len - 1;
		memcpy(out, qm->text, n);
		out[n] = '\0';
	}
	return NULL;
}

static void
quizview_answer(struct app *app)
{
	struct quiz_model *qm = &quiz;
	const struct quiz_question *q = quizview_current(app);
	const struct module *m = modview_module(app);
	struct grade_options opt = quizview_grade_options(m);
	char response[RESPONSE_MAX], *nfc, *raw = NULL;
	struct grade_result r;
	struct hs_error err;
	const char *why, *typed;
	int rc;

	if (quizview_time_up(app)) {
		qm->timed_out = 1;
		quizview_finish(app);
		return;
	}
	if ((why = quizview_response(app, response, sizeof response)) != NULL) {
		app_message(app, why);
		return;
	}
	nfc = text_nfc(response, strlen(response));
	/* A short answer typed with Vietnamese typing on counts when the
	 * keys as typed match too ("deepfake", not "dèpake"); the one that
	 * matched is recorded, so the review and the teacher see it. */
	if (q->type == QUIZ_SHORT)
		raw = text_nfc(qm->raw, qm->rawlen);
	r = response_grade_typed(q, nfc, raw, &opt, &typed);
	rc = progress_answer(&app->progress, m->id, &qm->attempt, q->id, typed,
	    r.needs_teacher ? -1 : r.fraction, &err);
	free(nfc);
	free(raw);
	if (rc != 0) {
		app_error(app, &err);
		return;
	}
	if (m->quiz_practice) {		/* the feedback first, then on */
		qm->showing = 1;
		return;
	}
	quizview_next(app);
}

/* After an answer (and its feedback in practice mode): the next question
 * or the result. */
static void
quizview_next(struct app *app)
{
	struct quiz_model *qm = &quiz;

	qm->showing = 0;
	if (qm->attempt.answered == qm->attempt.count)
		quizview_finish(app);
	else
		quizview_prepare_question(app);
}

/* A second passed on a timed quiz. */
static void
quizview_tick(struct app *app)
{
	if (quiz.deadline_ms == 0)
		return;
	if (quizview_time_up(app) || clock_now_ms() / 1000 % 30 == 0)
		quizview_deadline(app);
	if (quizview_time_up(app)) {
		quiz.timed_out = 1;
		quiz.showing = 0;
		quizview_finish(app);
	}
	app->dirty = 1;
}

static int
quizview_takes_text(const struct app *app)
{
	return quiz.bank.n > 0 && !quiz.showing &&
	    quiz.intro >= quiz.nintro && is_text(quizview_current(app)->type);
}

/* Keeps key c, typed into the box, in the keys as typed (when they
 * fit in cap bytes; else they stay as they were). */
static void
quizview_raw_key(struct quiz_model *qm, size_t cap, uint32_t c)
{
	uint8_t enc[8];
	int n = u8_uctomb(enc, c, sizeof enc);

	if (n <= 0 || qm->rawlen + (size_t)n + 1 > cap)
		return;
	memcpy(qm->raw + qm->rawlen, enc, n);
	qm->rawlen += n;
	qm->raw[qm->rawlen] = '\0';
}

/* Keys for the text box of a short answer, a number or an essay. */
static void
quizview_text_key(struct app *app, int key)
{
	struct quiz_model *qm = &quiz;
	const struct quiz_question *q = quizview_current(app);
	size_t cap = q->type == QUIZ_ESSAY ? sizeof qm->text : SHORT_MAX;
	uint32_t c = key == APP_KEY_CHAR ? app->wch : (uint32_t)key;

	if (key == KEY_F(2) || key == 20 || key == KEY_F(3)) {
		if (q->type == QUIZ_NUMERICAL)
			return;		/* digits are digits there */
		if (key == KEY_F(3))	/* Telex <-> VNI */
			app->typing_vi = qm->telex.mode == TELEX_VNI ?
			    TELEX_TELEX : TELEX_VNI;
		app->typing = key != KEY_F(3) && qm->telex.mode != TELEX_OFF ?
		    TELEX_OFF : app->typing_vi;	/* F2, Ctrl-T: on/off */
		telex_set_mode(&qm->telex, app->typing);
		return;
	}
	if (q->type == QUIZ_ESSAY && qm->on_button) {
		if (key == '\n' || key == ' ')
			quizview_answer(app);
		else if (key == '\t' || key == KEY_BTAB || key == KEY_UP)
			qm->on_button = 0;
		else if (key != KEY_DOWN) {
			qm->on_button = 0;
			quizview_text_key(app, key);
		}
		return;
	}
	switch (key) {
	case '\n':
		if (q->type != QUIZ_ESSAY) {
			quizview_answer(app);
			return;
		}
		if (telex_key(&qm->telex, qm->text, cap, &qm->textlen,
		    '\n') == 0)
			quizview_raw_key(qm, cap, '\n');
		return;
	case '\t':
	case KEY_BTAB:
		if (q->type == QUIZ_ESSAY)
			qm->on_button = 1;
		return;
	case KEY_BACKSPACE:
	case 127:
	case 8:
		telex_backspace(&qm->telex, qm->text, &qm->textlen);
		while (qm->rawlen > 0 &&	/* and the last key typed */
		    ((unsigned char)qm->raw[--qm->rawlen] & 0xc0) == 0x80)
			;
		qm->raw[qm->rawlen] = '\0';
		return;
	case 21:				/* Ctrl-U: clear */
		qm->text[0] = '\0';
		qm->textlen = 0;
		qm->raw[0] = '\0';
		qm->rawlen = 0;
		telex_init(&qm->telex, qm->telex.mode);
		return;
	}
	if (key != APP_KEY_CHAR && (key < ' ' || key > '~'))
		return;			/* other keys do not type */
	if (q->type == QUIZ_NUMERICAL && !strchr("0123456789.,-+eE ", (int)c))
		return;
	if (telex_key(&qm->telex, qm->text, cap, &qm->textlen, c) != 0)
		app_message(app, _("The answer is as long as it can be."));
	else
		quizview_raw_key(qm, cap, c);
}

/* Keys for an ordering question: the arrows go through the items and the
 * Answer button; Space or Enter picks the item up, the arrows then carry
 * it, and Space or Enter puts it down; a digit picks that item up, or,
 * with one held, puts it at that place.  Enter on the button answers. */
static void
quizview_order_key(struct app *app, int key)
{
	struct quiz_model *qm = &quiz;
	int n = quizview_current(app)->nchoices;

	switch (key) {
	case KEY_UP:
	case 'k':
		if (qm->sel > 0 && qm->held)
			response_order_move(qm->corder, qm->sel, qm->sel - 1);
		if (qm->sel > 0)
			qm->sel--;
		return;
	case KEY_DOWN:
	case 'j':
		if (qm->held && qm->sel + 1 < n)
			response_order_move(qm->corder, qm->sel, qm->sel + 1);
		if (qm->sel + 1 < n || (!qm->held && qm->sel < n))
			qm->sel++;
		return;
	case '\t':
		qm->held = 0;
		qm->sel = n;		/* the Answer button */
		return;
	case '\n':
	case ' ':
		if (qm->sel >= n)
			quizview_answer(app);
		else
			qm->held = !qm->held;
		return;
	}
	if (key >= '1' && key < '1' + n) {
		if (qm->held && qm->sel < n) {
			response_order_move(qm->corder, qm->sel, key - '1');
			qm->held = 0;
		} else
			qm->held = 1;
		qm->sel = key - '1';
	}
}

/* A click: on a choice or a pair row (a second click on the chosen one
 * answers, for one-answer questions), an option, or the button. */
static void
quizview_click(struct app *app)
{
	struct quiz_model *qm = &quiz;
	const struct quiz_question *q = quizview_current(app);
	struct quizview_layout ql;
	int i, hit = -1, option = -1, button, y = app->click_y;

	quizview_layout(app, &ql);
	for (i = 0; i < quizview_rows(app, q); i++)
		if (y >= ql.first[i] && y < ql.first[i] + ql.items[i].nlines)
			hit = i;
	for (i = 0; i < qm->nrights; i++)
		if (y >= ql.option_first[i] &&
		    y < ql.option_first[i] + ql.options[i].nlines)
			option = i;
	button = ql.button_y >= 0 && y == ql.button_y;
	quizview_layout_free(&ql);
	if (button) {
		quizview_answer(app);
	} else if (q->type == QUIZ_ORDERING && hit >= 0) {
		if (qm->held && qm->sel < q->nchoices)	/* put it here */
			response_order_move(qm->corder, qm->sel, hit);
		qm->held = !qm->held;
		qm->sel = hit;
	} else if (q->type == QUIZ_MULTI && hit >= 0) {
		qm->sel = hit;
		qm->ticks[hit] = !qm->ticks[hit];
	} else if (q->type == QUIZ_MATCHING && option >= 0) {
		qm->pick[qm->sel] = option;
		if (qm->sel + 1 < qm->nlefts)
			qm->sel++;
	} else if (hit >= 0 && hit == qm->sel && q->type != QUIZ_MATCHING)
		quizview_answer(app);
	else if (hit >= 0)
		qm->sel = hit;
}

static void
quizview_key(struct app *app, int key)
{
	struct quiz_model *qm = &quiz;
	const struct quiz_question *q = quizview_current(app);
	int rows = quizview_rows(app, q);

	if (key == APP_KEY_TICK)
		return;
	if (qm->intro < qm->nintro && !qm->showing) {	/* a description */
		if (key == '\n' || key == ' ' || key == KEY_RIGHT ||
		    key == APP_KEY_CLICK) {
			qm->intro++;
			app->dirty = 1;
		} else if (key == APP_KEY_BACK)
			quizview_back(app);
		return;
	}
	if (qm->showing) {		/* practice feedback on screen */
		if (key == '\n' || key == ' ' || key == KEY_RIGHT ||
		    key == APP_KEY_CLICK)
			quizview_next(app);
		else if (key == APP_KEY_BACK)
			quizview_back(app);
		return;
	}
	if (key == APP_KEY_BACK) {
		quizview_back(app);
		return;
	}
	if (key == APP_KEY_CLICK) {
		quizview_click(app);
		return;
	}
	if (is_text(q->type)) {
		quizview_text_key(app, key);
		return;
	}
	if (q->type == QUIZ_ORDERING) {
		quizview_order_key(app, key);
		return;
	}
	switch (key) {
	case KEY_UP:
	case 'k':
		if (qm->sel > 0)
			qm->sel--;
		else if (qm->sel < 0)	/* nothing chosen yet: the first */
			qm->sel = 0;
		return;
	case KEY_DOWN:
	case 'j':
	case '\t':
		if (qm->sel + 1 < rows)
			qm->sel++;
		return;
	case '\n':
		quizview_answer(app);	/* says what to do if nothing is chosen */
		return;
	case ' ':
		if (q->type == QUIZ_MULTI)
			qm->ticks[qm->sel] = !qm->ticks[qm->sel];
		else if (q->type != QUIZ_MATCHING)
			quizview_answer(app);
		return;
	}
	if (q->type == QUIZ_MATCHING) {
		int n = qm->nrights;

		if (key >= 'a' && key < 'a' + n) {
			qm->pick[qm->sel] = key - 'a';
			if (qm->sel + 1 < rows)
				qm->sel++;
		} else if (key == KEY_RIGHT)
			qm->pick[qm->sel] = (qm->pick[qm->sel] + 1) % n;
		else if (key == KEY_LEFT)
			qm->pick[qm->sel] = qm->pick[qm->sel] <= 0 ? n - 1 :
			    qm->pick[qm->sel] - 1;
		else if (key == KEY_BACKSPACE || key == 127 || key == KEY_DC)
			qm->pick[qm->sel] = -1;
		return;
	}
	if (key >= '1' && key <= '9' && key - '1' < rows) {
		qm->sel = key - '1';
		if (q->type == QUIZ_MULTI)
			qm->ticks[qm->sel] = !qm->ticks[qm->sel];
	}
}

/* The part of text that fits in cols columns at its end: where it
 * starts. */
static const char *
tail_fitting(const char *text, size_t len, int cols)
{
	const char *p = text;

	while (text_width(p, len - (size_t)(p - text)) > cols)
		p += text_cluster_len(p, len - (size_t)(p - text));
	return p;
}

/* The box of a short answer or a number: one row, its end in view. */
static void
draw_line_box(const struct app *app, const struct quizview_layout *ql, int x,
    int w)
{
	const struct quiz_model *qm = &quiz;
	const char *p = tail_fitting(qm->text, qm->textlen, w - 5);

	ui_box(ql->box_y, x, 3, w, ui_attr(UI_ACCENT));
	ui_puts(ql->box_y + 1, x + 2, p, A_NORMAL, w - 4);
}

/* The essay's text as screen lines at width: paragraphs split at line
 * breaks.  The lines point into qm->text. */
static void
essay_layout(const struct quiz_model *qm, int width, struct lesson_page *page)
{
	const char *p = qm->text, *nl;
	size_t n;
	int before;

	for (;;) {
		nl = strchr(p, '\n');
		n = nl != NULL ? (size_t)(nl - p) : strlen(p);
		before = page->nlines;
		lesson_layout_text(p, n, 0, width, 0, page);
		if (page->nlines == before)	/* an empty line */
			lesson_layout_text(" ", 1, 0, width, 0, page);
		if (nl == NULL)
			break;
		p = nl + 1;
	}
}

static void
draw_essay_box(const struct app *app, const struct quizview_layout *ql, int x,
    int w)
{
	const struct quiz_model *qm = &quiz;
	struct lesson_page page = { 0 };
	int i, first;

	ui_box(ql->box_y, x, ql->box_h, w, ui_attr(qm->on_button ? UI_DIM :
	    UI_ACCENT));
	essay_layout(qm, w - 4, &page);
	first = page.nlines > ESSAY_ROWS ? page.nlines - ESSAY_ROWS : 0;
	for (i = first; i < page.nlines; i++)
		ui_line(ql->box_y + 1 + i - first, x + 2, &page.lines[i],
		    UI_NORMAL, w - 4);
	lesson_page_free(&page);
}

static void
draw_button(const struct app *app, int y, int x, int focused)
{
	char label[128];

	if (y >= app->rows - 2)
		return;
	snprintf(label, sizeof label, "[ %s ]", _("Answer"));
	ui_puts(y, x + MARK_COLS, label, ui_attr(focused ? UI_SELECTED :
	    UI_ACCENT) | A_BOLD, quizview_width(app) - MARK_COLS);
}

/* How a text box takes keys, under it. */
static void
draw_typing_line(const struct app *app, const struct quiz_question *q,
    int y, int x)
{
	const char *s;

	if (q->type == QUIZ_NUMERICAL)
		s = _("A number: 12, -3 or 3,5 (a comma or a point).");
	else if (quiz.telex.mode == TELEX_TELEX)
		s = _("Vietnamese typing: Telex (aa=â, dd=đ, s f r x j = tones)."
		    " F2 plain, F3 VNI");
	else if (quiz.telex.mode == TELEX_VNI)
		s = _("Vietnamese typing: VNI (a6=â, d9=đ, 1-5 = tones). "
		    "F2 plain, F3 Telex");
	else
		s = _("Plain typing. F2 Vietnamese typing (Telex)");
	ui_puts(y, x, s, ui_attr(UI_DIM), quizview_width(app));
}

/* Appends to page the lines of text in format and style, each line's
 * role in roles (grown to page's lines). */
static void
feedback_add(struct lesson_page *page, int **roles, const char *text,
    int format, unsigned style, int width, int hang, int role)
{
	int n = page->nlines;

	richtext_layout(text, format, style, width, hang, page);
	*roles = xrealloc(*roles, (page->nlines + 1) * sizeof **roles);
	for (; n < page->nlines; n++)
		(*roles)[n] = role;
}

/* Practice mode: under the answer, whether it was right, the author's
 * feedback on it, the right answer when it was not, and the general
 * feedback as a paragraph of its own. */
static void
quizview_draw_feedback(const struct app *app, const struct quiz_question *q,
    int x, int y)
{
	const struct attempt *a = &quiz.attempt;
	const char *resp = a->response[a->answered - 1];
	struct grade_options opt = quizview_grade_options(modview_module(app));
	struct grade_result r = response_grade(q, resp, &opt);
	struct lesson_page page = { 0 };
	char *why = quizview_feedback(q, resp, &r), *answer, *text, *right = NULL;
	int i, ok = r.fraction >= 1.0, role = ok ? UI_GOOD : UI_BAD;
	int w = quizview_width(app), *roles = NULL;
	int rich = q->format == RICHTEXT_HTML || q->format == RICHTEXT_MOODLE ||
	    q->format == RICHTEXT_MARKDOWN;
	const char *mark = ok ? ui_sym("✓", "+") : ui_sym("✗", "x");
	const char *fallback = ok ? _("Right!") : _("Not quite.");

	if (r.needs_teacher) {
		mark = ui_sym("✎", "*");
		fallback = _("Your teacher will read this answer.");
		role = UI_NORMAL;
	} else if (r.fraction > 0 && !ok) {
		mark = ui_sym("◐", "~");
		fallback = _("Partly right.");
	}
	/* Plain feedback follows the mark on its line, as it always has;
	 * formatted feedback has paragraphs of its own, under it. */
	if (asprintf(&text, "%s %s", mark, why != NULL && !rich ? why :
	    fallback) < 0)
		util_oom();
	feedback_add(&page, &roles, text, 0, LESSON_BOLD, w, 2, role);
	if (why != NULL && rich)
		feedback_add(&page, &roles, why, q->format, 0, w, 0, role);
	if (!ok && !r.needs_teacher &&
	    (answer = quizview_right_answer(q)) != NULL) {
		if (asprintf(&right, _("The right answer: %s"), answer) < 0)
			util_oom();
		free(answer);
		feedback_add(&page, &roles, right, 0, LESSON_BOLD, w, 2,
		    UI_GOOD);
	}
	if (q->general_feedback != NULL && q->general_feedback[0] != '\0') {
		feedback_add(&page, &roles, " ", 0, 0, w, 0, UI_NORMAL);
		feedback_add(&page, &roles, q->general_feedback, q->format, 0,
		    w, 0, UI_NORMAL);
	}
	for (i = 0; i < page.nlines && y + i < app->rows - 2; i++)
		ui_line(y + i, x, &page.lines[i], roles[i], w);
	lesson_page_free(&page);
	free(roles);
	free(text);
	free(right);
	free(why);
}

/* The mark before row i: a radio button, a check box or a number. */
static void
row_mark(const struct app *app, const struct quiz_question *q, int i,
    char *out, size_t len)
{
	const struct quiz_model *qm = &quiz;
	const char *gap = i + 1 < 10 ? " " : "";	/* "(•)10." fits too */

	if (q->type == QUIZ_MULTI)
		snprintf(out, len, "%s%s%d.", qm->ticks[i] ?
		    ui_sym("[✓]", "[x]") : "[ ]", gap, i + 1);
	else if (q->type == QUIZ_ORDERING)	/* held: seen without colour */
		snprintf(out, len, "%s%s%d.", qm->held && i == qm->sel &&
		    !qm->showing ? ui_sym(" ⇅ ", ">> ") : "   ", gap, i + 1);
	else if (q->type == QUIZ_MATCHING)
		snprintf(out, len, "  %d.", i + 1);
	else
		snprintf(out, len, "%s%s%d.", i == qm->sel ?
		    ui_sym("(•)", "(*)") : "( )", gap, i + 1);
}

/* The role of row i: selected, or after a practice answer right/wrong. */
static enum ui_role
row_role(const struct app *app, const struct quiz_question *q, int i)
{
	const struct quiz_model *qm = &quiz;
	const struct quiz_choice *c;
	int chosen;

	if (!qm->showing)
		return i == qm->sel ? UI_SELECTED : UI_NORMAL;
	if (q->type == QUIZ_MATCHING || q->type == QUIZ_ORDERING)
		return UI_NORMAL;
	c = &q->choices[qm->corder[i]];
	chosen = q->type == QUIZ_MULTI ? qm->ticks[i] : i == qm->sel;
	if (c->fraction > 0 && (q->type == QUIZ_MULTI || c->fraction >= 1.0))
		return UI_GOOD;
	return chosen ? UI_BAD : UI_NORMAL;
}

/* The keys, under it all.  Leaving is "stop for now" when the quiz has
 * no time limit; with one, the key says the clock runs on (it does: see
 * docs/module-format.md, minutes). */
static void
quizview_footer(const struct app *app, const struct quiz_question *q)
{
	const struct quiz_model *qm = &quiz;
	int intro = !qm->showing && qm->intro < qm->nintro;
	int typing = !qm->showing && !intro && is_text(q->type);
	const char *what, *leave;
	char line[512];

	if (intro)
		what = _("Enter go on");
	else if (qm->showing)
		what = _("Enter next question");
	else if (q->type == QUIZ_MULTI)
		what = _("Space or 1-9 tick  Enter answer");
	else if (q->type == QUIZ_MATCHING)
		what = _("Up/Down item  a-z its match  Enter answer");
	else if (q->type == QUIZ_ORDERING && qm->held)
		what = _("Up/Down move it  Enter or 1-8 put down");
	else if (q->type == QUIZ_ORDERING)
		what = _("Up/Down choose  Enter pick up  Tab Answer");
	else if (q->type == QUIZ_ESSAY)
		what = _("Enter new line  Tab then Enter answer");
	else if (is_text(q->type))
		what = _("Type, then Enter");
	else
		what = _("Up/Down or 1-9 choose  Enter answer");
	if (qm->deadline_ms > 0)
		leave = typing ? _("Esc leave (the clock runs on)  F1 help") :
		    _("q leave (the clock runs on)  ? help");
	else
		leave = typing ? _("Esc stop for now  F1 help") :
		    _("q stop for now  ? help");
	snprintf(line, sizeof line, "%s  %s", what, leave);
	ui_footer(line);
}

/* A description before the question: text to read, not answered. */
static void
quizview_draw_intro(const struct app *app)
{
	const struct quiz_model *qm = &quiz;
	const struct quiz_question *d = &qm->bank.questions[
	    qm->order[qm->attempt.answered] - qm->nintro + qm->intro];
	struct lesson_page page = { 0 };
	int i, w = quizview_width(app), x = (app->cols - w) / 2;

	quizview_title(app, _("Quiz"), _("Read this"));
	ui_bar(1, 2, app->cols - 4,
	    (double)qm->attempt.answered / qm->attempt.count);
	richtext_layout(d->text, d->format, 0, w, 0, &page);
	for (i = 0; i < page.nlines && QUIZ_TOP + i < app->rows - 2; i++)
		ui_line(QUIZ_TOP + i, x, &page.lines[i], UI_NORMAL, w);
	lesson_page_free(&page);
	quizview_footer(app, quizview_current(app));
}

static void
quizview_draw(const struct app *app)
{
	const struct quiz_model *qm = &quiz;
	const struct quiz_question *q = quizview_current(app);
	struct quizview_layout ql;
	char right[96], mark[32], clock[32] = "";
	int i, j, w = quizview_width(app), x = (app->cols - w) / 2, y, attr;
	enum ui_role role;

	if (qm->intro < qm->nintro && !qm->showing) {
		quizview_draw_intro(app);
		return;
	}
	if (qm->deadline_ms > 0) {
		long long left = (qm->deadline_ms - clock_now_ms() + 999) / 1000;

		if (left < 0)
			left = 0;
		snprintf(clock, sizeof clock, _("  %lld:%02lld left"),
		    left / 60, left % 60);
	}
	snprintf(right, sizeof right, _("Question %d/%d%s"),
	    qm->attempt.answered - qm->showing + 1, qm->attempt.count, clock);
	quizview_title(app, _("Quiz"), right);
	ui_bar(1, 2, app->cols - 4,
	    (double)qm->attempt.answered / qm->attempt.count);
	quizview_layout(app, &ql);
	for (i = 0; i < ql.question.nlines && QUIZ_TOP + i < app->rows - 2; i++)
		ui_line(QUIZ_TOP + i, x, &ql.question.lines[i], UI_NORMAL, w);
	for (i = 0; i < quizview_rows(app, q); i++) {
		role = row_role(app, q, i);
		attr = role == UI_NORMAL ? (int)A_NORMAL : ui_attr(role);
		row_mark(app, q, i, mark, sizeof mark);
		for (j = 0; j < ql.items[i].nlines; j++) {
			y = ql.first[i] + j;
			if (y < ql.top)
				continue;
			if (y >= app->rows - 2)
				break;
			if (role == UI_SELECTED) {
				attrset(attr);
				mvhline(y, x, ' ', w);
				attrset(A_NORMAL);
			}
			if (j == 0)
				ui_puts(y, x, mark, attr, MARK_COLS);
			ui_line(y, x + MARK_COLS, &ql.items[i].lines[j], role,
			    w - MARK_COLS);
		}
	}
	for (i = 0; i < qm->nrights; i++) {
		snprintf(mark, sizeof mark, "  %c)", 'a' + i);
		for (j = 0; j < ql.options[i].nlines; j++) {
			y = ql.option_first[i] + j;
			if (y < ql.top)
				continue;
			if (y >= app->rows - 2)
				break;
			if (j == 0)
				ui_puts(y, x, mark, ui_attr(UI_ACCENT) | A_BOLD,
				    MARK_COLS);
			ui_line(y, x + MARK_COLS, &ql.options[i].lines[j],
			    UI_NORMAL, w - MARK_COLS);
		}
	}
	if (is_text(q->type) && ql.box_y + ql.box_h < app->rows - 1) {
		if (q->type == QUIZ_ESSAY)
			draw_essay_box(app, &ql, x, w);
		else
			draw_line_box(app, &ql, x, w);
		if (!qm->showing)
			draw_typing_line(app, q, ql.box_y + ql.box_h, x);
	}
	if (ql.off > 0)		/* more above */
		ui_puts(ql.top - 1, x + w - 1, ui_sym("▲", "^"),
		    ui_attr(UI_DIM), 1);
	if (ql.end_y > app->rows - 2 && !qm->showing)	/* more below */
		ui_puts(app->rows - 3, x + w - 1, ui_sym("▼", "v"),
		    ui_attr(UI_DIM), 1);
	if (ql.button_y >= ql.top && !qm->showing)
		draw_button(app, ql.button_y, x, q->type == QUIZ_ESSAY ?
		    qm->on_button : qm->sel >= quizview_rows(app, q));
	if (qm->showing)
		quizview_draw_feedback(app, q, x, ql.end_y -
		    (ql.button_y >= 0 ? 2 : 0));
	quizview_footer(app, q);
	quizview_layout_free(&ql);
}

static int
quizview_cursor(const struct app *app, int *y, int *x)
{
	const struct quiz_model *qm = &quiz;
	const struct quiz_question *q;
	struct quizview_layout ql;
	struct lesson_page page = { 0 };
	int w = quizview_width(app), left = (app->cols - w) / 2, n;
	const char *p;

	if (!quizview_takes_text(app) || qm->on_button)
		return 0;
	q = quizview_current(app);
	quizview_layout(app, &ql);
	if (ql.box_y + ql.box_h >= app->rows - 1) {
		quizview_layout_free(&ql);
		return 0;
	}
	if (q->type == QUIZ_ESSAY) {
		essay_layout(qm, w - 4, &page);
		n = page.nlines > ESSAY_ROWS ? ESSAY_ROWS : page.nlines;
		*y = ql.box_y + n;
		*x = left + 2 + (n > 0 ? page.lines[page.nlines - 1].width : 0);
		if (qm->textlen > 0 && qm->text[qm->textlen - 1] == '\n')
			*x = left + 2;
		lesson_page_free(&page);
	} else {
		p = tail_fitting(qm->text, qm->textlen, w - 5);
		*y = ql.box_y + 1;
		*x = left + 2 + text_width(p, strlen(p));
	}
	quizview_layout_free(&ql);
	return 1;
}

/* Read-aloud: a description before the question, or the question with
 * its choices as numbered on screen and, once answered in practice, the
 * feedback. */
static char *
quizview_speech(const struct app *app)
{
	const struct quiz_model *qm = &quiz;
	const struct quiz_question *q;
	const char *choices[GIFT_MAX_CHOICES];
	char *plain[GIFT_MAX_CHOICES], *text, *why = NULL, *s;
	struct speech_lexicon lex;
	struct hs_error err;
	int i, n = 0;

	if (qm->order == NULL || qm->bank.n == 0)
		return NULL;
	if (qm->intro < qm->nintro && !qm->showing)
		q = &qm->bank.questions[qm->order[qm->attempt.answered] -
		    qm->nintro + qm->intro];
	else
		q = quizview_current(app);
	if (speech_lexicon_load(modview_module(app)->dir, app->lang, &lex,
	    &err) != 0)
		memset(&lex, 0, sizeof lex);	/* read it as written */
	text = richtext_plain(q->text, q->format);
	if (is_list(q->type) && q->type != QUIZ_DESCRIPTION)
		for (n = 0; n < q->nchoices && n < GIFT_MAX_CHOICES; n++) {
			plain[n] = richtext_plain(quizview_choice_text(q,
			    qm->corder[n]), q->type == QUIZ_TRUEFALSE ? 0 :
			    q->format);
			choices[n] = plain[n];
		}
	if (qm->showing) {
		const struct attempt *a = &qm->attempt;
		const char *resp = a->response[a->answered - 1];
		struct grade_options opt =
		    quizview_grade_options(modview_module(app));
		struct grade_result r = response_grade(q, resp, &opt);
		char *f = quizview_feedback(q, resp, &r);

		if (f != NULL) {
			why = richtext_plain(f, q->format);
			free(f);
		} else
			why = xstrdup(r.fraction >= 1.0 ? _("Right!") :
			    _("Not quite."));
	}
	s = speech_question_text(text, choices, n, why, &lex);
	for (i = 0; i < n; i++)
		free(plain[i]);
	free(text);
	free(why);
	speech_lexicon_free(&lex);
	return s;
}

/* The help panel: an ordering question's own keys; else the learner's
 * keys (0). */
static int
quizview_help(const struct app *app, const char **lines, int max)
{
	/* TRANSLATORS: the help panel of an ordering question; each line
	 * at most 54 columns. */
	const char *own[] = {
		_("Put the steps in order: keys"),
		"",
		_("Up/Down       go to a step"),
		_("Space, Enter  pick it up; again: put it down"),
		_("Up/Down       with a step picked up: move it"),
		_("1-8           pick up that step; with one picked"),
		_("              up: put it at that place"),
		_("Tab           go to Answer, then Enter"),
		_("q, Esc        stop for now"),
		"",
		_("Press any key to close."),
	};
	const struct quiz_model *qm = &quiz;
	int i, n = sizeof own / sizeof *own;

	if (qm->bank.n == 0 || qm->showing || qm->intro < qm->nintro ||
	    quizview_current(app)->type != QUIZ_ORDERING)
		return 0;
	for (i = 0; i < n && i < max; i++)
		lines[i] = own[i];
	return i;
}

const struct screen_ops quiz_screen = {
	.name = "quiz",
	.enter = quizview_enter,
	.leave = quizview_leave,
	.key = quizview_key,
	.draw = quizview_draw,
	.takes_text = quizview_takes_text,
	.tick = quizview_tick,
	.cursor = quizview_cursor,
	.speech = quizview_speech,
	.help = quizview_help,
};

/*
 * quizview.c: taking a module's quiz and seeing the result.  Each answer
 * is graded and committed (progress_answer) before the next question is
 * shown; an attempt left unfinished is resumed at the same question.  See
 * app.h for the model/draw split.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "core/i18n.h"
#include "core/util.h"
#include "learn/app.h"
#include "learn/ui.h"
#include "quiz/quiz.h"

#define QUIZ_TOP 3
#define QUIZ_MAX_WIDTH 76

static int
quizview_width(const struct app *app)
{
	int w = app->cols - 4;

	return w > QUIZ_MAX_WIDTH ? QUIZ_MAX_WIDTH : w;
}

/* What choice i says on screen: true/false in the interface's words. */
static const char *
choice_text(const struct quiz_question *q, int i)
{
	if (q->type == QUIZ_TRUEFALSE)
		return i == 0 ? _("True") : _("False");
	return q->choices[i].text;
}

static const struct quiz_question *
quizview_current(const struct app *app)
{
	const struct quiz_model *qm = &app->quiz;

	return &qm->bank.questions[qm->order[qm->attempt.answered -
	    qm->showing]];
}

/* Where things go on the question screen: the question's lines, then a
 * row per choice line.  first[i] is the row of choice i's first line. */
struct quizview_layout {
	struct lesson_page question;
	struct lesson_page choices[GIFT_MAX_CHOICES];
	int first[GIFT_MAX_CHOICES];
};

static void
quizview_layout(const struct app *app, struct quizview_layout *ql)
{
	const struct quiz_model *qm = &app->quiz;
	const struct quiz_question *q = quizview_current(app);
	int w = quizview_width(app), i, y;

	memset(ql, 0, sizeof *ql);
	lesson_layout_text(q->text, strlen(q->text), LESSON_BOLD, w, 0,
	    &ql->question);
	y = QUIZ_TOP + ql->question.nlines + 1;
	for (i = 0; i < q->nchoices; i++) {
		const char *t = choice_text(q, qm->corder[i]);

		ql->first[i] = y;
		lesson_layout_text(t, strlen(t), 0, w - 7, 0, &ql->choices[i]);
		y += ql->choices[i].nlines;
	}
}

static void
quizview_layout_free(struct quizview_layout *ql)
{
	int i;

	lesson_page_free(&ql->question);
	for (i = 0; i < GIFT_MAX_CHOICES; i++)
		lesson_page_free(&ql->choices[i]);
}

static void
quizview_prepare_question(struct app *app)
{
	struct quiz_model *qm = &app->quiz;

	const struct quiz_question *q = quizview_current(app);
	int i;

	quiz_choice_order(qm->attempt.seed, qm->attempt.answered,
	    q->nchoices, qm->corder);
	if (q->type == QUIZ_TRUEFALSE || !app_module(app)->quiz_shuffle)
		for (i = 0; i < q->nchoices; i++)
			qm->corder[i] = i;
	qm->sel = 0;
}

static void quizview_result_enter(struct app *app);
static void quizview_next(struct app *app);

static void
quizview_finish(struct app *app)
{
	const struct module *m = app_module(app);
	struct hs_error err;

	if (progress_attempt_finish(&app->progress, m->id, &app->quiz.attempt,
	    m->quiz_pass, &err) != 0) {
		app_error(app, &err);
		return;
	}
	quizview_result_enter(app);
}

void
quizview_enter(struct app *app)
{
	struct quiz_model *qm = &app->quiz;
	const struct module *m = app_module(app);
	struct hs_error err;
	char *path;
	int count;

	memset(qm, 0, sizeof *qm);
	path = module_quiz_path(m, app->lang);
	if (path == NULL) {
		hs_error_set(&err, HS_ENOTFOUND, _("the quiz bank %s is missing"),
		    m->quiz_bank);
		goto fail;
	}
	if (gift_load(path, &qm->bank, &err) != 0)
		goto fail;
	for (int i = 0; i < qm->bank.n; i++) {
		if (qm->bank.questions[i].type != QUIZ_CHOICE &&
		    qm->bank.questions[i].type != QUIZ_TRUEFALSE) {
			hs_error_set_at(&err, HS_EINVAL, path,
			    qm->bank.questions[i].line, 0, _("%s questions "
			    "cannot be shown yet"),
			    _(quiz_type_name(qm->bank.questions[i].type)));
			goto fail;
		}
	}
	count = m->quiz_questions > 0 ? m->quiz_questions : qm->bank.n;
	if (count > qm->bank.n || count == 0) {
		hs_error_set_at(&err, HS_EINVAL, path, 0, 0,
		    _("the quiz draws %d questions but the bank has %d"), count,
		    qm->bank.n);
		goto fail;
	}
	if (progress_attempt_open(&app->progress, m->id, m->quiz_bank, count,
	    m->quiz_attempts, &qm->attempt, &err) != 0)
		goto fail;
	free(path);
	qm->order = xcalloc(count, sizeof *qm->order);
	if (m->quiz_shuffle)
		quiz_draw(qm->attempt.seed, qm->bank.n, count, qm->order);
	else
		for (int i = 0; i < count; i++)
			qm->order[i] = i;
	app->screen = SCREEN_QUIZ;
	if (qm->attempt.answered == count)	/* stopped before the end */
		quizview_finish(app);
	else
		quizview_prepare_question(app);
	return;
fail:
	free(path);
	app_error(app, &err);
	quiz_bank_free(&qm->bank);
}

void
quizview_leave(struct app *app)
{
	struct quiz_model *qm = &app->quiz;
	int i;

	for (i = 0; i < qm->ntexts; i++)
		free(qm->texts[i]);
	free(qm->texts);
	free(qm->styles);
	free(qm->roles);
	free(qm->hangs);
	free(qm->line_roles);
	lesson_page_free(&qm->review);
	attempt_free(&qm->attempt);
	quiz_bank_free(&qm->bank);
	free(qm->order);
	memset(qm, 0, sizeof *qm);
	app->screen = SCREEN_MODULE;
}

static void
quizview_back(struct app *app)
{
	int module = app->mod.module;

	quizview_leave(app);
	modview_leave(app);
	modview_enter(app, module);
}

static void
quizview_answer(struct app *app)
{
	struct quiz_model *qm = &app->quiz;
	const struct quiz_question *q = quizview_current(app);
	const struct module *m = app_module(app);
	int choice = qm->corder[qm->sel];
	struct hs_error err;

	if (progress_answer(&app->progress, m->id, &qm->attempt, q->id, choice,
	    quiz_grade_choice(q, choice), &err) != 0) {
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
	struct quiz_model *qm = &app->quiz;

	qm->showing = 0;
	if (qm->attempt.answered == qm->attempt.count)
		quizview_finish(app);
	else
		quizview_prepare_question(app);
}

void
quizview_key(struct app *app, int key)
{
	struct quiz_model *qm = &app->quiz;
	const struct quiz_question *q = quizview_current(app);
	struct quizview_layout ql;
	int i, hit = -1;

	if (qm->showing) {		/* practice feedback on screen */
		if (key == '\n' || key == ' ' || key == KEY_RIGHT ||
		    key == APP_KEY_CLICK)
			quizview_next(app);
		else if (key == APP_KEY_BACK)
			quizview_back(app);
		return;
	}
	switch (key) {
	case KEY_UP:
	case 'k':
		if (qm->sel > 0)
			qm->sel--;
		break;
	case KEY_DOWN:
	case 'j':
	case '\t':
		if (qm->sel + 1 < q->nchoices)
			qm->sel++;
		break;
	case '\n':
	case ' ':
		quizview_answer(app);
		break;
	case APP_KEY_CLICK:
		quizview_layout(app, &ql);
		for (i = 0; i < q->nchoices; i++)
			if (app->click_y >= ql.first[i] &&
			    app->click_y < ql.first[i] + ql.choices[i].nlines)
				hit = i;
		quizview_layout_free(&ql);
		if (hit >= 0 && hit == qm->sel)
			quizview_answer(app);
		else if (hit >= 0)
			qm->sel = hit;
		break;
	case APP_KEY_BACK:
		quizview_back(app);
		break;
	default:
		if (key >= '1' && key <= '9' && key - '1' < q->nchoices)
			qm->sel = key - '1';
		break;
	}
}

static void
quizview_title(const struct app *app, const char *what, const char *right)
{
	char title[512];

	snprintf(title, sizeof title, "%s %s %s",
	    module_title(app_module(app), app->lang), ui_sym("›", ">"), what);
	ui_header(title, right);
}

/* Practice mode: under the choices, whether the answer was right, the
 * author's feedback, and the right answer when it was not. */
static void
quizview_draw_feedback(const struct app *app, const struct quiz_question *q,
    int x, int y)
{
	const struct quiz_model *qm = &app->quiz;
	int choice = qm->corder[qm->sel], right, i;
	const char *fb = q->choices[choice].feedback;
	struct lesson_page page = { 0 };
	char text[1024], answer[512] = "";

	right = quiz_grade_choice(q, choice) >= 1.0;
	if (!right)
		snprintf(answer, sizeof answer, _("The right answer: %s"),
		    choice_text(q, quiz_best_choice(q)));
	snprintf(text, sizeof text, "%s %s %s", right ? ui_sym("✓", "+") :
	    ui_sym("✗", "x"), fb != NULL ? fb : right ? _("Right!") :
	    _("Not quite."), answer);
	lesson_layout_text(text, strlen(text), LESSON_BOLD, quizview_width(app),
	    2, &page);
	for (i = 0; i < page.nlines && y + i < app->rows - 2; i++)
		ui_line(y + i, x, &page.lines[i], right ? UI_GOOD : UI_BAD,
		    quizview_width(app));
	lesson_page_free(&page);
}

void
quizview_draw(const struct app *app)
{
	const struct quiz_model *qm = &app->quiz;
	const struct quiz_question *q = quizview_current(app);
	struct quizview_layout ql;
	char right[64], mark[32];
	int i, j, x = (app->cols - quizview_width(app)) / 2, y, attr;

	snprintf(right, sizeof right, _("Question %d/%d"),
	    qm->attempt.answered - qm->showing + 1, qm->attempt.count);
	quizview_title(app, _("Quiz"), right);
	ui_bar(1, 2, app->cols - 4,
	    (double)qm->attempt.answered / qm->attempt.count);
	quizview_layout(app, &ql);
	for (i = 0; i < ql.question.nlines && QUIZ_TOP + i < app->rows - 2; i++)
		ui_line(QUIZ_TOP + i, x, &ql.question.lines[i], UI_NORMAL,
		    quizview_width(app));
	for (i = 0; i < q->nchoices; i++) {
		int sel = i == qm->sel && !qm->showing;
		enum ui_role role = sel ? UI_SELECTED : UI_NORMAL;

		if (qm->showing && q->choices[qm->corder[i]].fraction >= 1.0)
			role = UI_GOOD;
		else if (qm->showing && i == qm->sel)
			role = UI_BAD;
		attr = role == UI_NORMAL ? (int)A_NORMAL : ui_attr(role);
		snprintf(mark, sizeof mark, "%s %d.", i == qm->sel ?
		    ui_sym("(•)", "(*)") : "( )", i + 1);
		for (j = 0; j < ql.choices[i].nlines; j++) {
			y = ql.first[i] + j;
			if (y >= app->rows - 2)
				break;
			if (sel) {
				attrset(attr);
				mvhline(y, x, ' ', quizview_width(app));
				attrset(A_NORMAL);
			}
			if (j == 0)
				ui_puts(y, x, mark, attr, 7);
			ui_line(y, x + 7, &ql.choices[i].lines[j], role,
			    quizview_width(app) - 7);
		}
	}
	if (qm->showing) {
		quizview_draw_feedback(app, q, x, ql.first[q->nchoices - 1] +
		    ql.choices[q->nchoices - 1].nlines + 1);
		ui_footer(_("Enter next question  q stop for now  ? help"));
	} else
		ui_footer(_("Up/Down or 1-9 choose  Enter answer  q stop for now  ? help"));
	quizview_layout_free(&ql);
}

/* Adds a paragraph to the review, its lines drawn in role. */
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

void
quizview_result_resize(struct app *app)
{
	struct quiz_model *qm = &app->quiz;
	int i, n, w = quizview_width(app);

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

static void
quizview_result_enter(struct app *app)
{
	struct quiz_model *qm = &app->quiz;
	const struct module *m = app_module(app);
	const struct attempt *a = &qm->attempt;
	int i, right = 0, passed;
	char *s;

	for (i = 0; i < a->count; i++)
		right += a->fraction[i] >= 1.0;
	passed = a->score * 100 + 1e-9 >= m->quiz_pass;
	if (asprintf(&s, _("You got %d of %d right: %d%%."), right, a->count,
	    (int)(a->score * 100 + 0.5)) < 0)
		s = NULL;
	if (s != NULL)
		review_add(qm, s, LESSON_BOLD, UI_NORMAL, 0);
	if (passed) {
		if (asprintf(&s, _("Well done, you passed! (pass mark %d%%)"),
		    m->quiz_pass) < 0)
			s = NULL;
	} else if (asprintf(&s, _("Not yet: you need %d%%. Read the lessons "
	    "again and try once more."), m->quiz_pass) < 0)
		s = NULL;
	if (s != NULL)
		review_add(qm, s, LESSON_BOLD, passed ? UI_GOOD : UI_BAD, 0);
	review_add(qm, xstrdup(""), 0, UI_NORMAL, 0);
	for (i = 0; i < a->count; i++) {
		const struct quiz_question *q = &qm->bank.questions[qm->order[i]];
		int c = a->choice[i], ok = a->fraction[i] >= 1.0;
		const struct quiz_choice *ch = c >= 0 && c < q->nchoices ?
		    &q->choices[c] : NULL;

		if (asprintf(&s, "%s %d. %s", ok ? ui_sym("✓", "+") :
		    ui_sym("✗", "x"), i + 1, q->text) >= 0)
			review_add(qm, s, LESSON_BOLD, ok ? UI_GOOD : UI_BAD,
			    i + 1 < 10 ? 5 : 6);
		if (ch != NULL && asprintf(&s, _("   Your answer: %s"),
		    choice_text(q, c)) >= 0)
			review_add(qm, s, 0, UI_NORMAL, 3);
		if (!ok && asprintf(&s, _("   Right answer: %s"),
		    choice_text(q, quiz_best_choice(q))) >= 0)
			review_add(qm, s, 0, UI_GOOD, 3);
		if (ch != NULL && ch->feedback != NULL &&
		    asprintf(&s, "   %s", ch->feedback) >= 0)
			review_add(qm, s, LESSON_EMPH, UI_DIM, 3);
	}
	app->screen = SCREEN_RESULT;
	quizview_result_resize(app);
}

static int
result_height(const struct app *app)
{
	int h = app->rows - QUIZ_TOP - 2;

	return h < 1 ? 1 : h;
}

void
quizview_result_key(struct app *app, int key)
{
	struct quiz_model *qm = &app->quiz;
	int max = qm->review.nlines - result_height(app);

	if (max < 0)
		max = 0;
	switch (key) {
	case KEY_DOWN:
	case 'j':
		if (qm->scroll < max)
			qm->scroll++;
		break;
	case KEY_UP:
	case 'k':
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

void
quizview_result_draw(const struct app *app)
{
	const struct quiz_model *qm = &app->quiz;
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

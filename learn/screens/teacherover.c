/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * teacherover.c: teacher mode's screen of one learner's overrides: for
 * a module chosen with Left/Right, the attempts left and the minutes of
 * its quiz today, and the learner's PIN lockout; the actions (five more
 * minutes today, the attempts given back, one attempt added, the
 * lockout lifted, the wrong answers); and the teacher's changes so far,
 * with who and when.  The wrong answers are a page of their own: the
 * question, what the child chose or typed, the right answer and why.
 * The model is learn/model/override.h and answers.h, shared with `hocso
 * learner attempts|unlock|answers`.  See screen.h for the model/draw
 * split.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "core/clock.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"
#include "learn/model/answers.h"
#include "learn/model/override.h"
#include "learn/model/pin.h"
#include "learn/screens/list.h"
#include "learn/screens/teachermods.h"
#include "learn/screens/ui.h"

#define OVER_ACTIONS_TOP 8	/* the first row of the actions */
#define OVER_EXTRA_MINUTES 5	/* what one "more time" gives */

enum over_action {
	OVER_TIME,
	OVER_RESET,
	OVER_ADD,
	OVER_UNLOCK,
	OVER_WRONG,
	OVER_NACTIONS
};

struct over_model {
	long long learner;
	char name[128], class_name[128];
	int module;			/* index in the catalog */
	struct list actions;
	int used, added, left, extra;	/* at the module's quiz */
	int failures;			/* wrong PINs in a row */
	long long locked_ms;		/* locked until, Unix ms; 0 */
	char **history;			/* the teacher's changes, in words */
	int nhistory;
	int wrong;			/* the wrong answers are shown */
	char **lines;			/* the wrong answers' page */
	int *roles;
	struct list page;		/* over lines, a pager */
};

static struct over_model over;

static void over_open_wrong(struct app *app, const struct module *m);

static void
over_fit(struct app *app)
{
	int n = app->rows - 4;

	list_set_height(&over.actions, OVER_NACTIONS);
	list_set_height(&over.page, n < 1 ? 1 : n);
}

/* The terminal changed size: the wrong answers wrapped again. */
static void
over_resize(struct app *app)
{
	over_fit(app);
	if (over.wrong && app->catalog.n > 0)
		over_open_wrong(app, &app->catalog.modules[over.module]);
}

static void
over_free_lines(struct over_model *om)
{
	int i;

	for (i = 0; i < om->page.count; i++)
		free(om->lines[i]);
	free(om->lines);
	free(om->roles);
	om->lines = NULL;
	om->roles = NULL;
	om->page.sel = om->page.top = 0;
	list_set_count(&om->page, 0);
}

static void
over_free_history(struct over_model *om)
{
	int i;

	for (i = 0; i < om->nhistory; i++)
		free(om->history[i]);
	free(om->history);
	om->history = NULL;
	om->nhistory = 0;
}

static int
over_history_row(const struct override_entry *e, void *arg)
{
	struct over_model *om = arg;
	char line[512];

	om->history = xrealloc(om->history, (om->nhistory + 1) *
	    sizeof *om->history);
	om->history[om->nhistory++] = xstrdup(override_describe(e, line,
	    sizeof line));
	return 0;
}

/* The learner's state at the chosen module, and the changes so far,
 * read afresh. */
static void
over_refresh(struct app *app)
{
	struct over_model *om = &over;
	char hash[crypto_pwhash_STRBYTES];
	const struct module *m;
	struct hs_error err;

	over_free_history(om);
	om->used = om->added = om->extra = 0;
	om->left = -1;
	if (app->catalog.n > 0) {
		m = &app->catalog.modules[om->module];
		if (override_attempts(app->store, om->learner, m->id,
		    m->quiz_attempts, &om->used, &om->added, &om->left,
		    &err) != 0 ||
		    override_minutes(app->store, om->learner, m->id,
		    clock_now_ms(), &om->extra, &err) != 0) {
			app_error(app, &err);
			return;
		}
	}
	if (pin_state(app->store, om->learner, hash, &om->failures,
	    &om->locked_ms, &err) != 0 ||
	    override_list(app->store, om->learner, NULL, over_history_row, om,
	    &err) != 0)
		app_error(app, &err);
}

static int
over_enter(struct app *app, int arg)
{
	(void)arg;
	memset(&over.actions, 0, sizeof over.actions);
	memset(&over.page, 0, sizeof over.page);
	over.page.pager = 1;
	over.module = 0;
	over.wrong = 0;
	list_set_count(&over.actions, OVER_NACTIONS);
	over_fit(app);
	over_refresh(app);
	return 0;
}

static void
over_leave(struct app *app)
{
	(void)app;
	over_free_history(&over);
	over_free_lines(&over);
	memset(&over, 0, sizeof over);
}

static void
over_add_line(struct over_model *om, int role, char *s)
{
	int n = om->page.count;

	om->lines = xrealloc(om->lines, (n + 1) * sizeof *om->lines);
	om->roles = xrealloc(om->roles, (n + 1) * sizeof *om->roles);
	om->lines[n] = s;
	om->roles[n] = role;
	om->page.count = n + 1;
}

static char *over_fmt(const char *f, ...)
    __attribute__((format(printf, 1, 2)));

/* Adds s (taken) as lines of at most width columns, cut at spaces; the
 * lines after the first hang under its text by hang columns. */
static void
over_add_wrapped(struct over_model *om, int role, char *s, int width,
    int hang)
{
	const char *p = s;
	size_t n = strlen(s), fit, cut;
	int used, first = 1, w;

	if (width < 20)
		width = 20;
	while (n > 0 || first) {
		w = first ? width : width - hang;
		fit = text_fit(p, n, w, &used);
		cut = fit;
		if (fit < n) {		/* back to the last space that fits */
			while (cut > 0 && p[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = fit > 0 ? fit : text_cluster_len(p, n);
		}
		if (first)
			over_add_line(om, role, xstrndup(p, cut));
		else
			over_add_line(om, role, over_fmt("%*s%.*s", hang, "",
			    (int)cut, p));
		first = 0;
		p += cut;
		n -= cut;
		while (n > 0 && *p == ' ') {
			p++;
			n--;
		}
	}
	free(s);
}

static char *
over_fmt(const char *f, ...)
{
	va_list ap;
	char *s;

	va_start(ap, f);
	if (vasprintf(&s, f, ap) < 0)
		util_oom();
	va_end(ap);
	return s;
}

/* The wrong answers' page, from the model. */
static void
over_open_wrong(struct app *app, const struct module *m)
{
	struct over_model *om = &over;
	struct answers_attempt a;
	const struct answers_item *it;
	struct hs_error err;
	int i, w = app->cols - 5;

	if (answers_wrong(app->store, om->learner, m, ui_sym("→", "->"), &a,
	    &err) != 0) {
		app_error(app, &err);
		return;
	}
	over_free_lines(om);
	over_add_line(om, UI_HEADING, over_fmt("%s (%s): %s", om->name,
	    om->class_name, module_title(m, app->lang)));
	if (!a.found)
		over_add_line(om, UI_NORMAL, xstrdup(_("No answers yet.")));
	else if (a.finished)
		over_add_line(om, UI_DIM, over_fmt(_("Attempt %d, %.10s: %d%%, "
		    "%d of %d questions not right"), a.number, a.started,
		    (int)(a.score * 100 + 0.5), a.n, a.count));
	else
		over_add_line(om, UI_DIM, over_fmt(_("Attempt %d, %.10s, not "
		    "finished (%d of %d answered): %d not right"), a.number,
		    a.started, a.answered, a.count, a.n));
	if (a.found && a.n == 0)
		over_add_line(om, UI_GOOD, xstrdup(_("Every answer was "
		    "right.")));
	for (i = 0; i < a.n; i++) {
		it = &a.items[i];
		over_add_line(om, UI_NORMAL, xstrdup(""));
		over_add_wrapped(om, UI_HEADING, over_fmt("%d. %s",
		    it->position, it->question), w, 3);
		over_add_wrapped(om, UI_BAD, over_fmt(it->fraction > 0 ?
		    _("   Answered (partly right): %s") : _("   Answered: %s"),
		    it->given), w, 5);
		if (it->right != NULL)
			over_add_wrapped(om, UI_GOOD, over_fmt(_("   Right "
			    "answer: %s"), it->right), w, 5);
		if (it->feedback != NULL)
			over_add_wrapped(om, UI_NORMAL, over_fmt(_("   "
			    "Feedback: %s"), it->feedback), w, 5);
		if (it->explanation != NULL)
			over_add_wrapped(om, UI_NORMAL, over_fmt(_("   Why: "
			    "%s"), it->explanation), w, 5);
	}
	answers_free(&a);
	list_set_count(&om->page, om->page.count);
	om->wrong = 1;
}

/* Does the action selected, and says what it did. */
static void
over_act(struct app *app)
{
	struct over_model *om = &over;
	const struct module *m;
	struct hs_error err;
	char msg[256];
	int rc = 0, was;

	if (app->catalog.n == 0)
		return;
	m = &app->catalog.modules[om->module];
	switch (om->actions.sel) {
	case OVER_TIME:
		if (m->quiz_minutes <= 0) {
			app_message(app, _("This quiz has no time limit."));
			return;
		}
		rc = override_extra_time(app->store, om->learner, m->id,
		    OVER_EXTRA_MINUTES, OVERRIDE_VIA_APP, &err);
		snprintf(msg, sizeof msg, P_("%d more minute today on this "
		    "quiz.", "%d more minutes today on this quiz.",
		    OVER_EXTRA_MINUTES), OVER_EXTRA_MINUTES);
		break;
	case OVER_RESET:
	case OVER_ADD:
		if (m->quiz_attempts <= 0) {
			app_message(app, _("This quiz has no limit on "
			    "attempts."));
			return;
		}
		if (om->actions.sel == OVER_RESET) {
			rc = override_reset_attempts(app->store, om->learner,
			    m->id, OVERRIDE_VIA_APP, &err);
			snprintf(msg, sizeof msg, "%s", _("The attempts are "
			    "given back."));
		} else {
			rc = override_add_attempts(app->store, om->learner,
			    m->id, 1, OVERRIDE_VIA_APP, &err);
			snprintf(msg, sizeof msg, "%s", _("One attempt "
			    "added."));
		}
		break;
	case OVER_UNLOCK:
		rc = override_unlock(app->store, om->learner,
		    OVERRIDE_VIA_APP, &was, &err);
		snprintf(msg, sizeof msg, "%s", was ? _("The PIN lockout is "
		    "lifted: the learner can sign in again.") : _("The "
		    "learner is not locked out."));
		break;
	default:
		over_open_wrong(app, m);
		return;
	}
	if (rc != 0) {
		app_error(app, &err);
		return;
	}
	over_refresh(app);
	app_message(app, msg);
}

static void
over_key(struct app *app, int key)
{
	struct over_model *om = &over;

	over_fit(app);
	if (om->wrong) {
		if (list_key(&om->page, key))
			return;
		if (key == APP_KEY_BACK || key == '\n' || key == KEY_LEFT)
			om->wrong = 0;
		return;
	}
	if (list_key(&om->actions, key))
		return;
	switch (key) {
	case KEY_LEFT:
	case KEY_RIGHT:
		if (app->catalog.n > 0) {
			om->module = (om->module + (key == KEY_RIGHT ? 1 :
			    app->catalog.n - 1)) % app->catalog.n;
			over_refresh(app);
		}
		break;
	case '\n':
		over_act(app);
		break;
	case APP_KEY_BACK:
		app_pop(app);
		break;
	}
}

static void
over_action_row(const void *arg, int i, int y, int sel)
{
	const struct app *app = arg;
	int attr = sel ? ui_attr(UI_SELECTED) : (int)A_NORMAL;
	char line[256];
	const char *what[OVER_NACTIONS];

	what[OVER_TIME] = _("Give 5 more minutes today");
	what[OVER_RESET] = _("Give the attempts back");
	what[OVER_ADD] = _("Add one attempt");
	what[OVER_UNLOCK] = _("Lift the PIN lockout");
	what[OVER_WRONG] = _("See the wrong answers");
	snprintf(line, sizeof line, "%s%s", sel ? ui_sym("▶ ", "> ") : "  ",
	    what[i]);
	if (sel)
		ui_fill(y, 1, attr);
	ui_puts(y, 2, line, attr, app->cols - 4);
}

static void
over_line_row(const void *arg, int i, int y, int sel)
{
	const struct app *app = arg;
	int role = over.roles[i];

	(void)sel;
	ui_wrap(y, 2, over.lines[i], role == UI_NORMAL ? (int)A_NORMAL :
	    ui_attr(role), app->cols - 5, 1);
}

static void
over_draw(const struct app *app)
{
	const struct over_model *om = &over;
	const struct module *m;
	char line[1024];
	long long now = clock_now_ms();
	int y, i;

	ui_header(_("hocso › Teacher › Learner › Changes"), NULL);
	if (om->wrong) {
		list_draw(&om->page, 2, 1, app->cols - 2, over_line_row, app);
		ui_footer(_("Up/Down read  q back"));
		return;
	}
	snprintf(line, sizeof line, "%s (%s)", om->name, om->class_name);
	ui_puts(2, 2, line, A_BOLD, app->cols - 4);
	if (app->catalog.n == 0)
		ui_puts(3, 2, _("No modules are installed yet."), A_NORMAL,
		    app->cols - 4);
	else {
		m = &app->catalog.modules[om->module];
		snprintf(line, sizeof line, _("Module: %s %s %s"),
		    ui_sym("‹", "<"), module_title(m, app->lang),
		    ui_sym("›", ">"));
		ui_puts(3, 2, line, ui_attr(UI_ACCENT), app->cols - 4);
		if (om->left < 0)
			snprintf(line, sizeof line, P_("Attempts: %d finished, "
			    "no limit", "Attempts: %d finished, no limit",
			    om->used), om->used);
		else
			snprintf(line, sizeof line, _("Attempts: %d finished, "
			    "%d of %d left"), om->used, om->left,
			    m->quiz_attempts + om->added);
		ui_puts(4, 4, line, A_NORMAL, app->cols - 6);
		if (m->quiz_minutes > 0)
			snprintf(line, sizeof line, _("Quiz time today: %d min "
			    "(%d + %d extra)"), m->quiz_minutes + om->extra,
			    m->quiz_minutes, om->extra);
		else
			snprintf(line, sizeof line, "%s", _("The quiz has no "
			    "time limit."));
		ui_puts(5, 4, line, A_NORMAL, app->cols - 6);
	}
	if (om->locked_ms > now)
		snprintf(line, sizeof line, P_("PIN: locked for %d more "
		    "second", "PIN: locked for %d more seconds",
		    (int)((om->locked_ms - now + 999) / 1000)),
		    (int)((om->locked_ms - now + 999) / 1000));
	else if (om->failures > 0)
		snprintf(line, sizeof line, P_("PIN: %d wrong try in a row",
		    "PIN: %d wrong tries in a row", om->failures),
		    om->failures);
	else
		snprintf(line, sizeof line, "%s", _("PIN: not locked"));
	ui_puts(6, 4, line, om->locked_ms > now ? ui_attr(UI_BAD) :
	    (int)A_NORMAL, app->cols - 6);
	list_draw(&om->actions, OVER_ACTIONS_TOP, 1, app->cols - 1,
	    over_action_row, app);
	y = OVER_ACTIONS_TOP + OVER_NACTIONS + 1;
	if (y < app->rows - 2)
		ui_puts(y++, 2, _("Changes by the teacher:"),
		    ui_attr(UI_HEADING), app->cols - 4);
	if (om->nhistory == 0 && y < app->rows - 2)
		ui_puts(y++, 4, _("None yet."), ui_attr(UI_DIM), app->cols - 6);
	for (i = 0; i < om->nhistory && y < app->rows - 2; i++)
		ui_wrap(y++, 4, om->history[i], ui_attr(UI_DIM),
		    app->cols - 6, 1);
	ui_footer(_("Left/Right module  Up/Down choose  Enter do it  q back"));
}

static int
over_help(const struct app *app, const char **lines, int max)
{
	/* TRANSLATORS: the help panel of a learner's changes; each line at
	 * most 54 columns, the keys on the left as they are. */
	const char *own[] = {
		_("A learner's changes: keys"),
		"",
		_("Left/Right  the module"),
		_("Up/Down     an action; Enter does it"),
		_("Extra time counts today, for this module's quiz."),
		_("Every change is kept with who made it and when."),
		_("q, Esc      back to the learner"),
		"",
		_("Press any key to close."),
	};
	int i, n = sizeof own / sizeof *own;

	(void)app;
	for (i = 0; i < n && i < max; i++)
		lines[i] = own[i];
	return i;
}

static const struct screen_ops teacherover_screen = {
	.name = "teacherover",
	.enter = over_enter,
	.leave = over_leave,
	.resume = over_refresh,
	.key = over_key,
	.draw = over_draw,
	.resize = over_resize,
	.help = over_help,
};

int
teacherover_open(struct app *app, long long learner_id, const char *name,
    const char *class_name)
{
	over.learner = learner_id;
	snprintf(over.name, sizeof over.name, "%s", name);
	snprintf(over.class_name, sizeof over.class_name, "%s", class_name);
	return app_push(app, &teacherover_screen, 0);
}

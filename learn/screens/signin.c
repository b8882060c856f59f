/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * signin.c: signing in, when the school has a roster (learn/model/roster.h):
 * the learner picks the class, finds their name by typing part of it
 * (with or without Vietnamese marks), and types their PIN if the class
 * uses PINs.  Wrong PINs are slowed down and then locked for a while by
 * pin_check(), and the screen says so in words a child follows.
 * Then the whole interface speaks the learner's language.  F5, the
 * teacher's key, is the app's (screens.c), shown on each step's footer.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <unistr.h>

#include "core/clock.h"
#include "core/i18n.h"
#include "core/util.h"
#include "learn/model/pin.h"
#include "learn/model/roster.h"
#include "learn/model/screentime.h"
#include "learn/screens/home.h"
#include "learn/screens/signin.h"
#include "learn/screens/ui.h"
#include "quiz/grade.h"

#define SIGNIN_TOP 4		/* the first row of a list */
#define NAMES_TOP (SIGNIN_TOP + 2)	/* the first name's row */

static struct signin_model signin;

const struct signin_model *
signin_model(void)
{
	return &signin;
}

static int
collect_class(const struct roster_class *c, void *arg)
{
	struct signin_model *sm = arg;
	struct signin_class *sc;

	if (c->learners == 0)
		return 0;
	sm->classes = xrealloc(sm->classes, (sm->nclasses + 1) *
	    sizeof *sm->classes);
	sc = &sm->classes[sm->nclasses++];
	sc->id = c->id;
	sc->name = xstrdup(c->name);
	sc->learners = c->learners;
	return 0;
}

static int
collect_learner(const struct roster_learner *l, void *arg)
{
	struct signin_model *sm = arg;
	struct signin_learner *sl;

	sm->learners = xrealloc(sm->learners, (sm->nlearners + 1) *
	    sizeof *sm->learners);
	sl = &sm->learners[sm->nlearners++];
	sl->id = l->id;
	util_copy(sl->uuid, l->uuid, sizeof sl->uuid);
	sl->name = xstrdup(l->name);
	sl->bare = NULL;	/* folded when the learner first types */
	sl->needs_pin = l->class_pins && l->has_pin;
	util_copy(sl->lang, l->lang, sizeof sl->lang);
	return 0;
}

static void
signin_free_learners(struct signin_model *sm)
{
	int i;

	for (i = 0; i < sm->nlearners; i++) {
		free(sm->learners[i].name);
		free(sm->learners[i].bare);
	}
	free(sm->learners);
	free(sm->shown);
	sm->learners = NULL;
	sm->shown = NULL;
	sm->nlearners = 0;
	list_set_count(&sm->name_list, 0);
}

static void
signin_leave(struct app *app)
{
	struct signin_model *sm = &signin;
	int i;

	(void)app;
	signin_free_learners(sm);
	for (i = 0; i < sm->nclasses; i++)
		free(sm->classes[i].name);
	free(sm->classes);
	memset(sm, 0, sizeof *sm);
}

/* The learners whose name holds the filter, marks and case aside.  The
 * names are folded the first time a letter is typed, not when the class
 * opens: the list itself needs none of it. */
static void
signin_filter(struct signin_model *sm)
{
	char want[256], bare[256];
	struct signin_learner *l;
	int i, n;

	grade_normalise(sm->filter, 1, want, sizeof want);
	n = 0;
	for (i = 0; i < sm->nlearners; i++) {
		l = &sm->learners[i];
		if (want[0] != '\0' && l->bare == NULL)
			l->bare = xstrdup(grade_normalise(l->name, 1, bare,
			    sizeof bare));
		if (want[0] == '\0' || strstr(l->bare, want) != NULL)
			sm->shown[n++] = i;
	}
	sm->name_list.sel = sm->name_list.top = 0;
	list_set_count(&sm->name_list, n);
}

/* How many names and classes fit on the screen: the list heights. */
static void
signin_fit(struct app *app)
{
	int names = app->rows - NAMES_TOP - 3, classes = app->rows -
	    SIGNIN_TOP - 2;

	list_set_height(&signin.name_list, names < 1 ? 1 : names);
	list_set_height(&signin.class_list, classes < 1 ? 1 : classes);
}

static int
signin_choose_class(struct app *app, int i)
{
	struct signin_model *sm = &signin;
	struct hs_error err;

	signin_free_learners(sm);
	list_select(&sm->class_list, i);
	if (roster_learner_list(app->store, sm->classes[i].name,
	    collect_learner, sm, &err) != 0) {
		app_error(app, &err);
		return -1;
	}
	sm->shown = xcalloc(sm->nlearners + 1, sizeof *sm->shown);
	sm->filter[0] = '\0';
	sm->filterlen = 0;
	signin_filter(sm);
	sm->step = SIGNIN_NAME;
	return 0;
}

/* Loads the classes that have learners and shows the first step (the
 * names at once when there is one class).  The roster is read afresh:
 * the teacher may have changed it. */
static int
signin_enter(struct app *app, int arg)
{
	struct signin_model *sm = &signin;
	struct hs_error err;

	(void)arg;
	if (app->screentime.learner != 0 &&
	    screentime_flush(&app->screentime, app->store, &err) != 0)
		app_error(app, &err);
	memset(&app->screentime, 0, sizeof app->screentime);
	memset(sm, 0, sizeof *sm);
	signin_fit(app);
	app->signed_in[0] = '\0';
	app_set_modules(app, 0);
	app_set_language(app, app->start_lang);
	if (roster_class_list(app->store, collect_class, sm, &err) != 0) {
		app_error(app, &err);
		return 0;
	}
	list_set_count(&sm->class_list, sm->nclasses);
	sm->step = SIGNIN_CLASS;
	if (sm->nclasses == 1)
		signin_choose_class(app, 0);
	return 0;
}

int
signin_needed(struct app *app, struct hs_error *err)
{
	struct signin_model probe = { 0 };
	int i, rc;

	rc = roster_class_list(app->store, collect_class, &probe, err);
	for (i = 0; i < probe.nclasses; i++)
		free(probe.classes[i].name);
	free(probe.classes);
	return rc != 0 ? rc : probe.nclasses > 0;
}

static void
signin_done(struct app *app, const struct signin_learner *l)
{
	struct hs_error err;

	if (screentime_start(&app->screentime, app->store, l->id,
	    clock_now_ms(), &err) != 0) {
		app_error(app, &err);
		return;
	}
	if (screentime_active(&app->screentime) &&
	    screentime_tick(&app->screentime, app->store, clock_now_ms(),
	    &err) == SCREENTIME_DONE) {
		memset(&app->screentime, 0, sizeof app->screentime);
		memset(signin.pin, 0, sizeof signin.pin);
		signin.pinlen = 0;
		signin.step = SIGNIN_NAME;
		app_message(app, _("You have used all your screen time for "
		    "today. See you tomorrow!"));
		return;
	}
	progress_open_learner(&app->progress, app->store, l->id, l->uuid,
	    l->lang);
	snprintf(app->signed_in, sizeof app->signed_in, "%s", l->name);
	app_set_modules(app, l->id);	/* the class's modules, in order */
	app_set_language(app, l->lang);
	app_replace(app, &home_screen, 0);
}

static void
signin_check_pin(struct app *app)
{
	struct signin_model *sm = &signin;
	const struct signin_learner *l =
	    &sm->learners[sm->shown[sm->name_list.sel]];
	struct pin_result res;
	struct hs_error err;
	char msg[256];

	if (sm->pinlen == 0)
		return;
	if (pin_check(app->store, l->id, sm->pin, &res, &err) != 0) {
		app_error(app, &err);
		return;
	}
	memset(sm->pin, 0, sizeof sm->pin);
	sm->pinlen = 0;
	switch (res.status) {
	case PIN_OK:
		signin_done(app, l);
		return;
	case PIN_WRONG:
		if (res.seconds_left > 0)
			snprintf(msg, sizeof msg, P_("That PIN is not right. "
			    "Take a break: try again in %d second, or ask your "
			    "teacher.", "That PIN is not right. Take a break: "
			    "try again in %d seconds, or ask your teacher.",
			    res.seconds_left), res.seconds_left);
		else
			snprintf(msg, sizeof msg, P_("That PIN is not right. "
			    "You can try %d more time.", "That PIN is not "
			    "right. You can try %d more times.",
			    res.tries_left), res.tries_left);
		break;
	case PIN_LOCKED:
		snprintf(msg, sizeof msg, P_("Please wait %d second before "
		    "trying again, or ask your teacher.", "Please wait %d "
		    "seconds before trying again, or ask your teacher.",
		    res.seconds_left), res.seconds_left);
		break;
	}
	app_message(app, msg);
}

static void
signin_pick_name(struct app *app)
{
	struct signin_model *sm = &signin;
	const struct signin_learner *l;

	if (sm->name_list.count == 0)
		return;
	l = &sm->learners[sm->shown[sm->name_list.sel]];
	if (!l->needs_pin) {
		signin_done(app, l);
		return;
	}
	sm->step = SIGNIN_PIN;
	sm->pinlen = 0;
	sm->pin[0] = '\0';
}

/* Adds the typed character c to the filter. */
static void
filter_add(struct signin_model *sm, unsigned c)
{
	uint8_t buf[8];
	int n = u8_uctomb(buf, c, sizeof buf);

	if (n <= 0 || sm->filterlen + n >= sizeof sm->filter)
		return;
	memcpy(sm->filter + sm->filterlen, buf, n);
	sm->filterlen += n;
	sm->filter[sm->filterlen] = '\0';
	signin_filter(sm);
}

static void
filter_backspace(struct signin_model *sm)
{
	while (sm->filterlen > 0 &&
	    ((unsigned char)sm->filter[--sm->filterlen] & 0xc0) == 0x80)
		;
	sm->filter[sm->filterlen] = '\0';
	signin_filter(sm);
}

static int
signin_takes_text(const struct app *app)
{
	(void)app;
	return signin.step != SIGNIN_CLASS;
}

static void
signin_key(struct app *app, int key)
{
	struct signin_model *sm = &signin;
	int row;

	signin_fit(app);
	switch (sm->step) {
	case SIGNIN_CLASS:
		if (key == 'k')
			key = KEY_UP;
		else if (key == 'j' || key == '\t')
			key = KEY_DOWN;
		if (list_key(&sm->class_list, key))
			return;
		if (key == '\n' && sm->nclasses > 0)
			signin_choose_class(app, sm->class_list.sel);
		else if (key >= '1' && key <= '9' && key - '1' < sm->nclasses)
			signin_choose_class(app, key - '1');
		else if (key == APP_KEY_CLICK) {
			row = list_row_at(&sm->class_list, SIGNIN_TOP, 1,
			    app->click_y);
			if (row >= 0)
				signin_choose_class(app, row);
		} else if (key == APP_KEY_BACK)
			app->quit = 1;
		return;
	case SIGNIN_NAME:
		if (key == '\t')
			key = KEY_DOWN;
		if (list_key(&sm->name_list, key))
			return;
		if (key == '\n')
			signin_pick_name(app);
		else if (key == KEY_BACKSPACE || key == 127 || key == 8)
			filter_backspace(sm);
		else if (key == APP_KEY_CHAR)
			filter_add(sm, app->wch);
		else if (key >= ' ' && key <= '~')
			filter_add(sm, (unsigned)key);
		else if (key == APP_KEY_CLICK) {
			row = list_row_at(&sm->name_list, NAMES_TOP, 1,
			    app->click_y);
			if (row >= 0) {
				list_select(&sm->name_list, row);
				signin_pick_name(app);
			}
		} else if (key == APP_KEY_BACK) {
			if (sm->nclasses > 1)
				sm->step = SIGNIN_CLASS;
			else
				app->quit = 1;
		}
		return;
	case SIGNIN_PIN:
		if (key >= '0' && key <= '9' &&
		    sm->pinlen + 1 < sizeof sm->pin &&
		    sm->pinlen < PIN_MAX) {
			sm->pin[sm->pinlen++] = (char)key;
			sm->pin[sm->pinlen] = '\0';
		} else if ((key == KEY_BACKSPACE || key == 127 || key == 8) &&
		    sm->pinlen > 0)
			sm->pin[--sm->pinlen] = '\0';
		else if (key == '\n')
			signin_check_pin(app);
		else if (key == APP_KEY_BACK) {
			memset(sm->pin, 0, sizeof sm->pin);
			sm->pinlen = 0;
			sm->step = SIGNIN_NAME;
		}
		return;
	}
}

/* A class on the list: its number and name. */
static void
class_row(const void *arg, int i, int y, int sel)
{
	const struct app *app = arg;
	char line[256];

	snprintf(line, sizeof line, "%s %d. %s", sel ? ui_sym("▶", ">") : " ",
	    i + 1, signin.classes[i].name);
	ui_puts(y, 2, line, sel ? ui_attr(UI_SELECTED) : (int)A_NORMAL,
	    app->cols - 5);
}

/* A name on the list, the selected one highlighted across the row. */
static void
name_row(const void *arg, int i, int y, int sel)
{
	const struct app *app = arg;
	int w = app->cols - 5;
	char line[256];

	snprintf(line, sizeof line, "%s %s", sel ? ui_sym("▶", ">") : " ",
	    signin.learners[signin.shown[i]].name);
	if (sel) {
		attrset(ui_attr(UI_SELECTED));
		mvhline(y, 2, ' ', w);
		attrset(A_NORMAL);
	}
	ui_puts(y, 2, line, sel ? ui_attr(UI_SELECTED) : (int)A_NORMAL, w);
}

static void
signin_draw(const struct app *app)
{
	const struct signin_model *sm = &signin;
	int i, x = 2, w = app->cols - 4;
	char line[256];

	ui_header(_("hocso › Sign in"), NULL);
	switch (sm->step) {
	case SIGNIN_CLASS:
		ui_puts(2, x, _("Which class are you in?"), A_BOLD, w);
		if (sm->nclasses == 0)
			ui_puts(SIGNIN_TOP, x, _("No class has learners yet: "
			    "ask your teacher."), A_NORMAL, w);
		list_draw(&sm->class_list, SIGNIN_TOP, 1, app->cols - 3,
		    class_row, app);
		ui_footer(_("Up/Down choose  Enter open  q quit  ? help  "
		    "F5 teacher"));
		break;
	case SIGNIN_NAME:
		snprintf(line, sizeof line, _("Class %s: type a few letters "
		    "of your name, then Enter."),
		    sm->classes[sm->class_list.sel].name);
		ui_puts(2, x, line, A_BOLD, w);
		snprintf(line, sizeof line, "%s %s_", _("Find:"), sm->filter);
		ui_puts(SIGNIN_TOP, x, line, ui_attr(UI_ACCENT), w);
		if (sm->name_list.count == 0)
			ui_puts(NAMES_TOP, x, _("No name has those letters. "
			    "Backspace to change them."), A_NORMAL, w);
		list_draw(&sm->name_list, NAMES_TOP, 1, app->cols - 3,
		    name_row, app);
		ui_footer(_("Type to find  Enter that's me  Esc back  F1 help  "
		    "F5 teacher"));
		break;
	case SIGNIN_PIN:
		snprintf(line, sizeof line, _("Hello, %s! Type your PIN, then "
		    "Enter."), sm->learners[sm->shown[sm->name_list.sel]].name);
		ui_puts(2, x, line, A_BOLD, w);
		line[0] = '\0';
		for (i = 0; i < (int)sm->pinlen; i++)
			strcat(line, ui_sym("● ", "* "));
		ui_box(SIGNIN_TOP, x, 3, 24, ui_attr(UI_ACCENT));
		ui_puts(SIGNIN_TOP + 1, x + 2, line, A_BOLD, 20);
		ui_puts(SIGNIN_TOP + 4, x, _("Forgot it? Your teacher can give "
		    "you a new one."), ui_attr(UI_DIM), w);
		ui_footer(_("Digits, then Enter  Esc back  F1 help  "
		    "F5 teacher"));
		break;
	}
}

const struct screen_ops signin_screen = {
	.name = "signin",
	.no_catalog = 1,
	.enter = signin_enter,
	.leave = signin_leave,
	.key = signin_key,
	.draw = signin_draw,
	.resize = signin_fit,
	.takes_text = signin_takes_text,
};

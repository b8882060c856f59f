/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * app.c: opening the app's data, the stack of screens, the main loop,
 * the help panel, the message line and read-aloud (F4, its speed F6).
 * See app.h.
 * It knows screens only as struct screen_ops (screen.h); screens.c
 * picks the first.
 */
#include "config.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "core/clock.h"
#include "core/i18n.h"
#include "core/util.h"
#include "learn/screens/app.h"
#include "learn/screens/screens.h"
#include "learn/screens/ui.h"
#include "sync/devstore.h"

/* Reads the catalog, the first time a screen that shows modules opens
 * (struct screen_ops, no_catalog): sign-in and the first-run form never
 * need it, and it is the largest read at start (a folder and a
 * module.ini for each module).  A module left out is said on the screen
 * that opens.  Returns 0 or HS_EIO (the modules folder cannot be read). */
static int
app_catalog_load(struct app *app, struct hs_error *err)
{
	int rc;

	if (app->catalog_read)
		return 0;
	if ((rc = catalog_load(app->datadir, &app->catalog, err)) != 0)
		return rc;
	app->catalog_read = 1;
	if (app->catalog.nbroken > 0) {
		char line[sizeof app->message];
		hs_error_format(&app->catalog.first_problem, line, sizeof line);
		app_message(app, line);
	}
	return 0;
}

void
app_need_catalog(struct app *app)
{
	struct hs_error err;

	if (app_catalog_load(app, &err) != 0)
		app_error(app, &err);	/* no modules then, and why */
}

/* The part of opening that reads the store: what the first screen
 * shows.  It touches no curses and sets no environment, so that it can
 * run on a thread of its own while main() sets up the terminal. */
static int
app_open_store(struct app *app, struct hs_error *err)
{
	const struct screen_ops *first;
	char *db;
	int rc;

	db = util_path_join(app->datadir, "hocso.db");
	rc = devstore_open(db, &app->store, err);
	free(db);
	if (rc != 0)
		return rc;
	/* All that the first screen reads, in one read transaction: one
	 * snapshot, the WAL's read lock taken once, not once a query.  It
	 * ends before the app waits for a key. */
	if ((rc = store_read_begin(app->store, err)) != 0 ||
	    (rc = screens_open(app, err)) != 0)
		goto fail;
	first = screens_first(app);
	if (!first->no_catalog && (rc = app_catalog_load(app, err)) != 0)
		goto fail;
	app_push(app, first, 0);
	store_read_end(app->store);
	app->dirty = 1;
	return 0;
fail:
	store_close(app->store);
	app->store = NULL;
	return rc;
}

static void
app_init(struct app *app, const char *datadir, const char *lang)
{
	memset(app, 0, sizeof *app);
	app->datadir = datadir;
	app->lang = lang;
	app->start_lang = lang;
	app->typing_vi = TELEX_TELEX;
	app->typing = !strcmp(lang, "vi") ? TELEX_TELEX : TELEX_OFF;
}

int
app_open(struct app *app, const char *datadir, const char *lang,
    struct hs_error *err)
{
	const char *cur = getenv("LANGUAGE");

	app_init(app, datadir, lang);
	/* app_set_language's premise.  Set only when it is not already
	 * (main sets it): ui_start_begin's thread reads the environment
	 * meanwhile. */
	if (cur == NULL || strcmp(cur, lang) != 0)
		setenv("LANGUAGE", lang, 1);
	return app_open_store(app, err);
}

const struct screen_ops *
app_top(const struct app *app)
{
	return app->depth > 0 ? app->stack[app->depth - 1] : NULL;
}

int
app_push(struct app *app, const struct screen_ops *ops, int arg)
{
	assert(app->depth < APP_STACK_MAX);	/* at most 4 by design */
	if (app->depth == APP_STACK_MAX)
		return -1;
	if (!ops->no_catalog)
		app_need_catalog(app);
	app->stack[app->depth++] = ops;
	app->dirty = 1;
	if (ops->enter(app, arg) != 0) {
		/* It may have opened another over itself while failing:
		 * only its own place is taken back. */
		if (app_top(app) == ops)
			app->depth--;
		return -1;
	}
	return 0;
}

/* Closes the top screen without showing the one under it. */
static void
app_drop(struct app *app)
{
	const struct screen_ops *ops = app_top(app);

	if (ops == NULL)
		return;
	app->depth--;
	ops->leave(app);
	app->dirty = 1;
}

void
app_pop(struct app *app)
{
	app_drop(app);
	if (app_top(app) != NULL && app_top(app)->resume != NULL)
		app_top(app)->resume(app);
}

int
app_replace(struct app *app, const struct screen_ops *ops, int arg)
{
	app_drop(app);
	return app_push(app, ops, arg);
}

int
app_reset(struct app *app, const struct screen_ops *ops, int arg)
{
	while (app->depth > 0)
		app_drop(app);
	return app_push(app, ops, arg);
}

void
app_resize(struct app *app)
{
	if (app_top(app) != NULL && app_top(app)->resize != NULL)
		app_top(app)->resize(app);
	app->dirty = 1;
}

/* Whether the top screen takes typed text now. */
static int
app_takes_text(const struct app *app)
{
	const struct screen_ops *ops = app_top(app);

	return ops != NULL && ops->takes_text != NULL && ops->takes_text(app);
}

void
app_set_language(struct app *app, const char *lang)
{
	/* gettext reads LANGUAGE again once its catalog counter moves
	 * (the gettext manual's way to switch languages at run time). */
	extern int _nl_msg_cat_cntr;

	const char *was = app->lang;

	app->lang = !strcmp(lang, "en") ? "en" : "vi";
	/* LANGUAGE is app->lang's already (app_open, main): left alone
	 * when it does not change, the sign-in screen opening beside the
	 * thread of ui_start_begin sets no environment. */
	if (was == NULL || strcmp(was, app->lang) != 0) {
		setenv("LANGUAGE", app->lang, 1);
		++_nl_msg_cat_cntr;
	}
	app->typing = !strcmp(app->lang, "vi") ? TELEX_TELEX : TELEX_OFF;
}

void
app_sign_out(struct app *app)
{
	screens_sign_out(app);
}

void
app_screentime(struct app *app)
{
	struct hs_error err;

	if (!screentime_active(&app->screentime))
		return;
	switch (screentime_tick(&app->screentime, app->store, clock_now_ms(),
	    &err)) {
	case SCREENTIME_BREAK:
		app_message(app, _("Time for a short break! Stand up, stretch "
		    "and look far away for a minute. Then press a key."));
		break;
	case SCREENTIME_DONE:
		app_sign_out(app);
		app_message(app, _("That is all your screen time for today. "
		    "Well done, see you tomorrow!"));
		break;
	default:
		break;
	}
}

void
app_close(struct app *app)
{
	struct hs_error err;

	readaloud_stop(&app->readaloud);
	if (app->screentime.learner != 0)
		screentime_flush(&app->screentime, app->store, &err);
	while (app->depth > 0)
		app_drop(app);
	app_set_modules(app, 0);
	catalog_free(&app->catalog);
	app->catalog_read = 0;
	store_close(app->store);
	app->store = NULL;
}

void
app_message(struct app *app, const char *msg)
{
	snprintf(app->message, sizeof app->message, "%s", msg);
	app->dirty = 1;
}

void
app_error(struct app *app, const struct hs_error *err)
{
	char line[sizeof app->message];
	const char *s = hs_error_format(err, line, sizeof line);
	size_t n = strlen(app->datadir);

	/* A module's file is named from the modules folder on: the
	 * reason, not the data folder's path, is what must show. */
	if (!strncmp(s, app->datadir, n) && !strncmp(s + n, "/modules/", 9))
		s += n + 9;
	app_message(app, s);
}

/* The message above the footer, wrapped on up to three lines. */
static void
message_draw(const struct app *app)
{
	struct lesson_page page = { 0 };
	int i, n, w = app->cols - 2;

	lesson_layout_text(app->message, strlen(app->message), 0,
	    w < 10 ? 10 : w, 0, &page);
	n = page.nlines < 3 ? page.nlines : 3;
	for (i = 0; i < n; i++) {
		ui_fill(app->rows - 1 - n + i, 0, ui_attr(UI_BAD));
		ui_line(app->rows - 1 - n + i, 1, &page.lines[i], UI_BAD, w);
	}
	lesson_page_free(&page);
}

/* Where a child finds help: every learner's help panel ends with it. */
static const char *const app_help_safety[] = {
	"",
	/* TRANSLATORS: the end of every learner's help panel; each line at
	 * most 56 columns. */
	N_("Did something online scare or hurt you?"),
	N_("You are not alone and it is not your fault."),
	N_("Tell an adult you trust: a parent, a teacher."),
	N_("Call 111: Vietnam's child protection hotline,"),
	N_("free, day and night."),
	"",
	N_("Press any key to close."),
};

int
app_help_child(const char *const *keys, int n, const char **lines, int max)
{
	int i, k = 0, ns = (int)(sizeof app_help_safety /
	    sizeof *app_help_safety);

	for (i = 0; i < n && k < max; i++)
		lines[k++] = keys[i][0] != '\0' ? _(keys[i]) : "";
	for (i = 0; i < ns && k < max; i++)
		lines[k++] = app_help_safety[i][0] != '\0' ?
		    _(app_help_safety[i]) : "";
	return k;
}

/* The help panel: the top screen's own lines, or the learner's keys
 * and where to find help.  Its first line and the heading of where to
 * find help stand out. */
static void
help_draw(const struct app *app)
{
	const struct screen_ops *ops = app_top(app);
	/* TRANSLATORS: the help panel; each line at most 60 columns. */
	static const char *const keys[] = {
		N_("Keys"),
		"",
		N_("Arrows, numbers   choose"),
		N_("Enter             open, answer, next"),
		N_("Left, Right       previous or next screen"),
		N_("q, Esc            go back"),
		N_("?                 this help"),
		N_("F4                read aloud"),
		N_("F6                slower or faster reading"),
		N_("F9                I need help"),
	};
	const char *lines[32], *heading = _(app_help_safety[1]);
	int n = 0, w = 62, h, i;
	int y, x;

	if (ops != NULL && ops->help != NULL)	/* 0: the learner's */
		n = ops->help(app, lines, (int)(sizeof lines / sizeof *lines));
	if (n <= 0)
		n = app_help_child(keys, (int)(sizeof keys / sizeof *keys),
		    lines, (int)(sizeof lines / sizeof *lines));
	if (w > app->cols)
		w = app->cols;
	h = n + 2;
	y = (app->rows - h) / 2;
	x = (app->cols - w) / 2;

	if (y < 1)
		y = 1;
	if (x < 0)
		x = 0;
	if (h > app->rows - 1 - y)
		h = app->rows - 1 - y;
	ui_box(y, x, h, w, ui_attr(UI_ACCENT));
	for (i = 0; i < n && y + 1 + i < app->rows - 1; i++)
		ui_puts(y + 1 + i, x + 3, lines[i], i == 0 ||
		    !strcmp(lines[i], heading) ? ui_attr(UI_HEADING) :
		    (int)A_NORMAL, w - 6);
}

static void
app_draw(const struct app *app)
{
	const struct screen_ops *ops = app_top(app);
	int y, x;

	erase();
	ui_footer_extra(screens_help_hint(app));
	if (ops != NULL)
		ops->draw(app);
	if (app->message[0] != '\0')
		message_draw(app);
	if (app->help)
		help_draw(app);
	if (!app->help && ops != NULL && ops->cursor != NULL &&
	    ops->cursor(app, &y, &x)) {
		move(y, x);
		curs_set(1);
	} else
		curs_set(0);
	refresh();
}

/* Turns what curses read (rc from get_wch, and the key or character)
 * into what the screens understand.  A text box takes q and ? as
 * letters: there Esc goes back and F1 opens the help. */
static int
app_translate(struct app *app, int rc, wint_t wch)
{
	int text = app_takes_text(app);
	MEVENT ev;

	if (rc == OK && wch >= 128) {
		app->wch = (unsigned)wch;
		return APP_KEY_CHAR;
	}
	switch (wch) {
	case 'q':
	case 'Q':
		return text && rc == OK ? (int)wch : APP_KEY_BACK;
	case 27:
		return APP_KEY_BACK;
	case KEY_MOUSE:
		if (rc != KEY_CODE_YES)
			return (int)wch;
		if (getmouse(&ev) != OK)
			return ERR;
		if (ev.bstate & BUTTON4_PRESSED)
			return APP_KEY_WHEEL_UP;
#ifdef BUTTON5_PRESSED
		if (ev.bstate & BUTTON5_PRESSED)
			return APP_KEY_WHEEL_DOWN;
#endif
		app->click_y = ev.y;
		app->click_x = ev.x;
		return APP_KEY_CLICK;
	case '\r':
	case KEY_ENTER:
		return '\n';
	default:
		return (int)wch;
	}
}

/* F4: the top screen read aloud, in the background. */
static void
app_read_aloud(struct app *app)
{
	const struct screen_ops *ops = app_top(app);
	struct hs_error err;
	char *text = NULL;
	long long learner = screens_learner(app);
	int rate;

	if (ops != NULL && ops->speech != NULL)
		text = ops->speech(app);
	if (text == NULL || text[0] == '\0')
		app_message(app, _("There is nothing to read aloud here."));
	else if (app->no_sound)
		app_message(app, _("There is no sound device on this "
		    "computer: read-aloud cannot be heard."));
	/* The learner's speed, or the school's, read when it is needed:
	 * not at start-up. */
	else if (readaloud_learner_rate(app->store, learner > 0 ?
	    learner : 0, &rate, NULL, &err) != 0 ||
	    readaloud_start(&app->readaloud, app->datadir, text, app->lang,
	    rate, &err) != 0)
		app_error(app, &err);
	else
		app_message(app, _("Reading aloud... Press any key to stop."));
	free(text);
}

/* F6: the learner's reading speed, the next of slow, normal and fast,
 * kept before it is said; a reading under way starts again at it. */
static void
app_read_speed(struct app *app)
{
	struct hs_error err;
	char msg[sizeof app->message];
	long long learner = screens_learner(app);
	int rate, speaking = readaloud_speaking(&app->readaloud);

	if (learner <= 0) {
		app_message(app, _("Sign in first to choose how fast "
		    "read-aloud speaks."));
		return;
	}
	if (readaloud_learner_rate(app->store, learner, &rate, NULL,
	    &err) != 0 || readaloud_learner_rate_set(app->store, learner,
	    (rate = readaloud_speed_next(rate)), &err) != 0) {
		app_error(app, &err);
		return;
	}
	readaloud_stop(&app->readaloud);
	if (speaking)
		app_read_aloud(app);
	/* TRANSLATORS: %s is slow, normal or fast. */
	snprintf(msg, sizeof msg, _("Reading speed: %s."),
	    _(readaloud_speed_name(rate)));
	if (speaking && readaloud_speaking(&app->readaloud))
		snprintf(msg + strlen(msg), sizeof msg - strlen(msg), " %s",
		    _("Press any key to stop."));
	app_message(app, msg);
}

/* Whether read-aloud has finished (it says so), and if it could not be
 * heard, why: said once.  Returns readaloud_poll()'s answer. */
static enum readaloud_state
app_read_aloud_poll(struct app *app)
{
	enum readaloud_state st;

	if (!readaloud_speaking(&app->readaloud))
		return READALOUD_IDLE;
	switch ((st = readaloud_poll(&app->readaloud))) {
	case READALOUD_SPEAKING:
		return st;
	case READALOUD_NODEVICE:
		app->no_sound = 1;
		app_message(app, _("There is no sound device on this "
		    "computer: read-aloud cannot be heard."));
		break;
	case READALOUD_FAILED:
		app_message(app, _("Read-aloud did not work: is espeak-ng-data "
		    "installed?"));
		break;
	default:
		app->message[0] = '\0';
		break;
	}
	app->dirty = 1;
	return st;
}

void
app_key(struct app *app, int key)
{
	app->message[0] = '\0';
	app->dirty = 1;
	/* F6 changes the learner's speed, even while it reads; teacher
	 * mode's screens get it as any key. */
	if (key == KEY_F(6) && screens_learner(app) >= 0) {
		app->help = 0;
		if (readaloud_speaking(&app->readaloud))
			app_read_aloud_poll(app);
		app_read_speed(app);
		return;
	}
	/* Any key stops read-aloud, and does only that. */
	if (readaloud_speaking(&app->readaloud)) {
		if (app_read_aloud_poll(app) == READALOUD_SPEAKING)
			readaloud_stop(&app->readaloud);
		return;
	}
	if (key == KEY_F(4)) {
		app->help = 0;
		app_read_aloud(app);
		return;
	}
	if (app->help) {
		app->help = 0;
		return;
	}
	if ((key == '?' && !app_takes_text(app)) || key == KEY_F(1)) {
		app->help = 1;
		return;
	}
	if (key == KEY_F(5) && screens_teacher_key(app))
		return;
	if (key == SCREENS_HELP_KEY && screens_help_key(app))
		return;
	if (app_top(app) != NULL)
		app_top(app)->key(app, key);
}

int
app_run(struct app *app)
{
	int rc, key, errors = 0;
	long long asked;
	wint_t wch;

	if (!ui_running() && ui_start() != 0)
		return -1;
	getmaxyx(stdscr, app->rows, app->cols);
	app_resize(app);	/* opened before the terminal's size was known */
	while (!app->quit) {
		if (app->dirty) {
			app_draw(app);
			app->dirty = 0;
		}
		/* A timed quiz wakes up each second to show the clock,
		 * and screen time is counted while nothing is typed. */
		timeout((app_top(app) != NULL && app_top(app)->tick != NULL) ||
		    screentime_active(&app->screentime) ||
		    readaloud_speaking(&app->readaloud) ? 1000 : -1);
		asked = clock_mono_ms();
		rc = get_wch(&wch);
		if (rc == ERR) {
			/* A wait that ran its second is a tick; blocking
			 * reads fail only when the terminal is gone. */
			if (clock_mono_ms() - asked >= 900) {
				if (app_top(app) != NULL &&
				    app_top(app)->tick != NULL)
					app_top(app)->tick(app);
				app_screentime(app);
				app_read_aloud_poll(app);
				errors = 0;
			} else if (++errors > 100)
				break;
			continue;
		}
		errors = 0;
		if (rc == KEY_CODE_YES && wch == KEY_RESIZE) {
			getmaxyx(stdscr, app->rows, app->cols);
			app_resize(app);
			continue;
		}
		if ((key = app_translate(app, rc, wch)) != ERR)
			app_key(app, key);
		app_screentime(app);
	}
	ui_end();
	return 0;
}

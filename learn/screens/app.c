/*
 * app.c: opening the app's data, the main loop, the help panel and the
 * message line.  See app.h.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "core/clock.h"
#include "core/i18n.h"
#include "core/util.h"
#include "learn/screens/app.h"
#include "learn/screens/ui.h"
#include "sync/devstore.h"

int
app_open(struct app *app, const char *datadir, const char *lang,
    struct hs_error *err)
{
	char *db;
	int rc;

	memset(app, 0, sizeof *app);
	app->datadir = datadir;
	app->lang = lang;
	app->start_lang = lang;
	app->typing_vi = TELEX_TELEX;
	app->typing = !strcmp(lang, "vi") ? TELEX_TELEX : TELEX_OFF;
	db = util_path_join(datadir, "hocso.db");
	rc = devstore_open(db, &app->store, err);
	free(db);
	if (rc != 0)
		return rc;
	if ((rc = signin_needed(app, err)) >= 0)
		app->roster = rc;
	if (rc < 0 || (!app->roster && (rc = progress_open(&app->progress,
	    app->store, lang, err)) != 0) ||
	    (rc = catalog_load(datadir, &app->catalog, err)) != 0) {
		store_close(app->store);
		app->store = NULL;
		return rc;
	}
	if (app->catalog.nbroken > 0) {
		char line[sizeof app->message];
		hs_error_format(&app->catalog.first_problem, line, sizeof line);
		app_message(app, line);
	}
	if (setup_needed(app))
		setup_enter(app);
	else if (app->roster)
		signin_enter(app);
	else {
		app->screen = SCREEN_HOME;
		home_refresh(app);
	}
	app->dirty = 1;
	return 0;
}

/* Leaves the open screen, whichever it is, down to the home screen. */
static void
app_leave_screens(struct app *app)
{
	if (app->screen == SCREEN_LESSON)
		lessonview_leave(app);
	if (app->screen == SCREEN_QUIZ || app->screen == SCREEN_RESULT)
		quizview_leave(app);
	if (app->screen == SCREEN_MODULE)
		modview_leave(app);
}

void
app_set_language(struct app *app, const char *lang)
{
	/* gettext reads LANGUAGE again once its catalog counter moves
	 * (the gettext manual's way to switch languages at run time). */
	extern int _nl_msg_cat_cntr;

	app->lang = !strcmp(lang, "en") ? "en" : "vi";
	setenv("LANGUAGE", app->lang, 1);
	++_nl_msg_cat_cntr;
	app->typing = !strcmp(app->lang, "vi") ? TELEX_TELEX : TELEX_OFF;
}

void
app_sign_out(struct app *app)
{
	app_leave_screens(app);
	signin_enter(app);
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

	if (app->screentime.learner != 0)
		screentime_flush(&app->screentime, app->store, &err);
	if (app->screen == SCREEN_LESSON)
		lessonview_leave(app);
	if (app->screen == SCREEN_QUIZ || app->screen == SCREEN_RESULT)
		quizview_leave(app);
	if (app->screen == SCREEN_SIGNIN)
		signin_leave(app);
	else if (app->screen == SCREEN_TEACHER)
		teacher_leave(app);
	else if (app->screen != SCREEN_HOME && app->screen != SCREEN_SETUP)
		modview_leave(app);
	home_leave(app);
	catalog_free(&app->catalog);
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

const struct module *
app_module(const struct app *app)
{
	return &app->catalog.modules[app->mod.module];
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

static void
help_draw(const struct app *app)
{
	/* TRANSLATORS: the help panel; each line at most 60 columns. */
	const char *lines[] = {
		_("Keys"),
		"",
		_("Arrows, numbers   choose"),
		_("Enter             open, answer, next"),
		_("Left, Right       previous or next screen"),
		_("q, Esc            go back"),
		_("?                 this help"),
		"",
		_("Did something online scare or hurt you?"),
		_("You are not alone and it is not your fault."),
		_("Tell an adult you trust: a parent, a teacher."),
		_("Call 111: Vietnam's child protection hotline,"),
		_("free, day and night."),
		"",
		_("Press any key to close."),
	};
	int n = sizeof lines / sizeof *lines, w = 62, h = n + 2, i;
	int y = (app->rows - h) / 2, x = (app->cols - w) / 2;

	if (y < 1)
		y = 1;
	if (x < 0)
		x = 0;
	if (h > app->rows - 1 - y)
		h = app->rows - 1 - y;
	ui_box(y, x, h, w, ui_attr(UI_ACCENT));
	for (i = 0; i < n && y + 1 + i < app->rows - 1; i++)
		ui_puts(y + 1 + i, x + 3, lines[i], i == 0 || i == 11 ?
		    ui_attr(UI_HEADING) : (int)A_NORMAL, w - 6);
}

static void
app_draw(const struct app *app)
{
	int y, x;

	erase();
	switch (app->screen) {
	case SCREEN_SETUP:
		setup_draw(app);
		break;
	case SCREEN_SIGNIN:
		signin_draw(app);
		break;
	case SCREEN_TEACHER:
		teacher_draw(app);
		break;
	case SCREEN_HOME:
		home_draw(app);
		break;
	case SCREEN_MODULE:
		modview_draw(app);
		break;
	case SCREEN_LESSON:
		lessonview_draw(app);
		break;
	case SCREEN_QUIZ:
		quizview_draw(app);
		break;
	case SCREEN_RESULT:
		quizview_result_draw(app);
		break;
	}
	if (app->message[0] != '\0')
		message_draw(app);
	if (app->help)
		help_draw(app);
	if (!app->help && app->screen == SCREEN_QUIZ &&
	    quizview_cursor(app, &y, &x)) {
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
	int text = quizview_takes_text(app) || signin_takes_text(app) ||
	    teacher_takes_text(app) || app->screen == SCREEN_SETUP;
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

static void
app_key(struct app *app, int key)
{
	app->message[0] = '\0';
	app->dirty = 1;
	if (app->help) {
		app->help = 0;
		return;
	}
	if ((key == '?' && !quizview_takes_text(app) &&
	    !signin_takes_text(app) && !teacher_takes_text(app) &&
	    app->screen != SCREEN_SETUP) ||
	    key == KEY_F(1)) {
		app->help = 1;
		return;
	}
	switch (app->screen) {
	case SCREEN_SETUP:
		setup_key(app, key);
		break;
	case SCREEN_SIGNIN:
		signin_key(app, key);
		break;
	case SCREEN_TEACHER:
		teacher_key(app, key);
		break;
	case SCREEN_HOME:
		home_key(app, key);
		break;
	case SCREEN_MODULE:
		modview_key(app, key);
		break;
	case SCREEN_LESSON:
		lessonview_key(app, key);
		break;
	case SCREEN_QUIZ:
		quizview_key(app, key);
		break;
	case SCREEN_RESULT:
		quizview_result_key(app, key);
		break;
	}
}

int
app_run(struct app *app)
{
	int rc, key, errors = 0;
	long long asked;
	wint_t wch;

	if (ui_start() != 0)
		return -1;
	getmaxyx(stdscr, app->rows, app->cols);
	while (!app->quit) {
		if (app->dirty) {
			app_draw(app);
			app->dirty = 0;
		}
		/* A timed quiz wakes up each second to show the clock,
		 * and screen time is counted while nothing is typed. */
		timeout((app->screen == SCREEN_QUIZ &&
		    app->quiz.deadline_ms > 0) ||
		    screentime_active(&app->screentime) ? 1000 : -1);
		asked = clock_mono_ms();
		rc = get_wch(&wch);
		if (rc == ERR) {
			/* A wait that ran its second is a tick; blocking
			 * reads fail only when the terminal is gone. */
			if (clock_mono_ms() - asked >= 900) {
				quizview_tick(app);
				app_screentime(app);
				errors = 0;
			} else if (++errors > 100)
				break;
			continue;
		}
		errors = 0;
		if (rc == KEY_CODE_YES && wch == KEY_RESIZE) {
			getmaxyx(stdscr, app->rows, app->cols);
			if (app->screen == SCREEN_LESSON)
				lessonview_resize(app);
			if (app->screen == SCREEN_RESULT)
				quizview_result_resize(app);
			app->dirty = 1;
			continue;
		}
		if ((key = app_translate(app, rc, wch)) != ERR)
			app_key(app, key);
		app_screentime(app);
	}
	ui_end();
	return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * teacher.c: teacher mode, behind the teacher's PIN: the class overview
 * (a grid of learners by modules, a status per cell told by symbol and
 * colour, the totals per module as bars), a learner's detail, and the
 * questions the class finds hardest.  The figures come from report.c,
 * as `hocso report` prints them.  Under the overview, the sync state
 * (learn/model/syncinfo.h).  This file owns the model, the PIN and the
 * hand-over of keys and drawing to the view shown; each view is a file
 * of its own (teacherview.h).  See screen.h for the model/draw split.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "core/clock.h"
#include "core/i18n.h"
#include "core/util.h"
#include "learn/model/helpreq.h"
#include "learn/model/pin.h"
#include "learn/model/roster.h"
#include "learn/model/syncinfo.h"
#include "learn/screens/helpscreens.h"
#include "learn/screens/teacher.h"
#include "learn/screens/teacherview.h"
#include "sync/outbox.h"

struct teacher_model teacher;

const char *
teacher_class(void)
{
	return teacher.class_list.count > 0 ?
	    teacher.classes[teacher.class_list.sel] : NULL;
}

static int
collect_class(const struct roster_class *c, void *arg)
{
	struct teacher_model *tm = arg;
	int n = tm->class_list.count;

	tm->classes = xrealloc(tm->classes, (n + 1) * sizeof *tm->classes);
	tm->classes[n] = xstrdup(c->name);
	tm->class_list.count = n + 1;
	return 0;
}

static void
teacher_free_classes(void)
{
	int i;

	for (i = 0; i < teacher.class_list.count; i++)
		free(teacher.classes[i]);
	free(teacher.classes);
	teacher.classes = NULL;
	teacher.class_list.count = 0;
}

void
teacher_reload_classes(struct app *app)
{
	struct hs_error err;
	int sel = teacher.class_list.sel;

	teacher_free_classes();
	if (roster_class_list(app->store, collect_class, &teacher, &err) != 0)
		app_error(app, &err);
	teacher.class_list.sel = sel;
	list_set_count(&teacher.class_list, teacher.class_list.count);
}

void
teacher_free_lines(void)
{
	int i;

	for (i = 0; i < teacher.page.count; i++)
		free(teacher.lines[i]);
	free(teacher.lines);
	free(teacher.roles);
	teacher.lines = NULL;
	teacher.roles = NULL;
	teacher.page.sel = teacher.page.top = 0;
	list_set_count(&teacher.page, 0);
}

void
teacher_add_line(int role, char *s)
{
	struct teacher_model *tm = &teacher;
	int n = tm->page.count;

	tm->lines = xrealloc(tm->lines, (n + 1) * sizeof *tm->lines);
	tm->roles = xrealloc(tm->roles, (n + 1) * sizeof *tm->roles);
	tm->lines[n] = s;
	tm->roles[n] = role;
	tm->page.count = n + 1;
}

char *
teacher_fmt(const char *f, ...)
{
	va_list ap;
	char *s;

	va_start(ap, f);
	if (vasprintf(&s, f, ap) < 0)
		util_oom();
	va_end(ap);
	return s;
}

static void
teacher_free_view(struct teacher_model *tm)
{
	teacher_free_lines();
	report_free(&tm->report);
	report_questions_free(tm->questions, tm->nquestions);
	tm->questions = NULL;
	tm->nquestions = 0;
	free(tm->attempts);
	tm->attempts = NULL;
	tm->nattempts = 0;
}

static void
teacher_leave(struct app *app)
{
	struct teacher_model *tm = &teacher;

	(void)app;
	teacher_free_view(tm);
	teacher_free_classes();
	memset(tm->pin, 0, sizeof tm->pin);
	memset(tm, 0, sizeof *tm);
}

/* The heights of the lists, from the terminal's size. */
static void
teacher_fit(struct app *app)
{
	int n = app->rows - 2 - 2;

	teachergrid_fit(app);
	list_set_height(&teacher.page, n < 1 ? 1 : n);
	list_set_height(&teacher.set_rows, 3);
}

static void teacher_signed_in(struct app *app);

/* arg 1: the teacher's PIN was just set (the first run): no PIN asked. */
static int
teacher_enter(struct app *app, int arg)
{
	memset(&teacher, 0, sizeof teacher);
	teacher.page.pager = 1;
	teacher.view = TEACHER_PIN;
	teacher_fit(app);
	if (arg == 1)
		teacher_signed_in(app);
	return 0;
}

/* An ISO 8601 UTC time ("2026-11-28T07:02:00.000Z") as the device's
 * local day and time, "28/11 14:02"; iso itself when it is not one. */
static void
local_time(const char *iso, char *buf, size_t len)
{
	struct tm tm = { 0 }, local;
	time_t t;

	if (sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon,
	    &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6) {
		snprintf(buf, len, "%s", iso);
		return;
	}
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	t = timegm(&tm);
	if (localtime_r(&t, &local) == NULL ||
	    strftime(buf, len, "%d/%m %H:%M", &local) == 0)
		snprintf(buf, len, "%s", iso);
}

/* The sync state in words, from the meta table that hocso sync keeps:
 * "Sync: last 28/11 14:02 · 120 events waiting · Error: ...". */
static void
teacher_sync_state(struct app *app)
{
	static const char *const ever[] = { OUTBOX_SERVER_URL,
	    OUTBOX_LAST_SUCCESS, OUTBOX_LAST_ATTEMPT, OUTBOX_LAST_RECEIPT,
	    OUTBOX_BUNDLE_NO };
	struct teacher_model *tm = &teacher;
	const char *dot = ui_sym(" · ", " - ");
	char value[512], when[512], part[600];
	long long n;
	size_t i;
	struct hs_error err;

	for (i = 0; i < sizeof ever / sizeof *ever; i++)
		if (store_meta_get(app->store, ever[i], value, sizeof value,
		    NULL) == 0)
			break;
	if (i == sizeof ever / sizeof *ever) {
		snprintf(tm->sync, sizeof tm->sync, "%s", _("Sync: not set up "
		    "(hocso enroll, or hocso sync --to a USB stick)"));
		return;
	}
	if (store_meta_get(app->store, OUTBOX_LAST_SUCCESS, value,
	    sizeof value, NULL) == 0 && value[0] != '\0') {
		local_time(value, when, sizeof when);
		/* TRANSLATORS: %s is a day and time, "28/11 14:02". */
		snprintf(tm->sync, sizeof tm->sync, _("Sync: last %s"), when);
	} else
		snprintf(tm->sync, sizeof tm->sync, "%s", _("Sync: never"));
	if (syncinfo_waiting(app->store, &n, &err) != 0) {
		app_error(app, &err);
		return;
	}
	if (n == 0)
		snprintf(part, sizeof part, "%s%s", dot, _("nothing waiting"));
	else
		/* TRANSLATORS: the first %s is the " · " between parts:
		 * events not yet sent to the province. */
		snprintf(part, sizeof part, P_("%s%lld event waiting",
		    "%s%lld events waiting", n), dot, n);
	strncat(tm->sync, part, sizeof tm->sync - strlen(tm->sync) - 1);
	if (store_meta_get(app->store, OUTBOX_LAST_ERROR, value, sizeof value,
	    NULL) == 0 && value[0] != '\0') {
		/* TRANSLATORS: the first %s is the " · " between parts,
		 * the second why the last sync failed. */
		snprintf(part, sizeof part, _("%sError: %s"), dot, value);
		strncat(tm->sync, part, sizeof tm->sync - strlen(tm->sync) - 1);
	}
}

void
teacher_load(struct app *app)
{
	struct teacher_model *tm = &teacher;
	struct hs_error err;

	teacher_free_view(tm);
	teacher_sync_state(app);
	tm->view = TEACHER_OVERVIEW;	/* with no class: how to add one */
	if (tm->class_list.count == 0)
		return;
	if (report_load(app->store, &app->catalog, teacher_class(),
	    &tm->report, &err) != 0)
		app_error(app, &err);
	list_set_count(&tm->grid, tm->report.nlearners);
	teacher_fit(app);
}

static void
teacher_signed_in(struct app *app)
{
	struct teacher_model *tm = &teacher;

	struct hs_error err;
	char msg[256];
	int open;

	teacher_reload_classes(app);
	list_select(&tm->class_list, 0);
	tm->col = 0;
	tm->grid.sel = tm->grid.top = 0;
	teacher_load(app);
	/* Children's requests for help come first, at every sign-in
	 * until each is handled. */
	if (helpreq_open_count(app->store, &open, &err) != 0)
		app_error(app, &err);
	else if (open > 0 && app_push(app, &help_requests_screen, 0) == 0) {
		snprintf(msg, sizeof msg, P_("A child asked for help: %d "
		    "request waits (h on the class overview shows them).",
		    "Children asked for help: %d requests wait (h on the "
		    "class overview shows them).", open), open);
		app_message(app, msg);
	}
}

static void
teacher_check_pin(struct app *app)
{
	struct teacher_model *tm = &teacher;
	struct pin_result res;
	struct hs_error err;
	char msg[256];

	if (tm->pinlen == 0)
		return;
	if (pin_teacher_check_at(app->store, tm->pin, clock_now_ms(),
	    &res, &err) != 0) {
		app_error(app, &err);
		return;
	}
	memset(tm->pin, 0, sizeof tm->pin);
	tm->pinlen = 0;
	switch (res.status) {
	case PIN_OK:
		teacher_signed_in(app);
		return;
	case PIN_WRONG:
		if (res.seconds_left > 0)
			snprintf(msg, sizeof msg, P_("Wrong PIN: locked for %d "
			    "second.", "Wrong PIN: locked for %d seconds.",
			    res.seconds_left), res.seconds_left);
		else
			snprintf(msg, sizeof msg, P_("Wrong PIN: %d more try "
			    "before a lock.", "Wrong PIN: %d more tries before "
			    "a lock.", res.tries_left), res.tries_left);
		break;
	default:
		snprintf(msg, sizeof msg, P_("Locked: try again in %d second.",
		    "Locked: try again in %d seconds.", res.seconds_left),
		    res.seconds_left);
		break;
	}
	app_message(app, msg);
}

static void
teacher_pin_key(struct app *app, int key)
{
	struct teacher_model *tm = &teacher;

	if (key >= '0' && key <= '9' && tm->pinlen < PIN_MAX) {
		tm->pin[tm->pinlen++] = (char)key;
		tm->pin[tm->pinlen] = '\0';
	} else if ((key == KEY_BACKSPACE || key == 127 || key == 8) &&
	    tm->pinlen > 0)
		tm->pin[--tm->pinlen] = '\0';
	else if (key == '\n')
		teacher_check_pin(app);
	else if (key == APP_KEY_BACK)
		app_sign_out(app);
}

/* Back from a screen over teacher mode (teachermods.h, stick.h,
 * sheetview.h): the classes and the view shown read afresh, so that
 * their changes show (an import may have added a class). */
static void
teacher_resume(struct app *app)
{
	struct teacher_model *tm = &teacher;
	int sel = tm->grid.sel, top = tm->grid.top;

	if (tm->view != TEACHER_LEARNER && tm->view != TEACHER_OVERVIEW)
		return;
	if (tm->view == TEACHER_LEARNER) {
		teacherlearner_open(app);
		return;
	}
	tm->edit = 0;
	teacher_reload_classes(app);
	teacher_load(app);
	tm->grid.top = top;
	list_select(&tm->grid, sel);
}

static int
teacher_takes_text(const struct app *app)
{
	(void)app;
	return teacheredit_is_text(teacher.edit);
}

static void
teacher_key(struct app *app, int key)
{
	teacher_fit(app);
	if (teacher.edit != 0 && (teacher.view == TEACHER_OVERVIEW ||
	    teacher.view == TEACHER_LEARNER)) {
		teacheredit_key(app, key);
		return;
	}
	switch (teacher.view) {
	case TEACHER_PIN:
		teacher_pin_key(app, key);
		return;
	case TEACHER_OVERVIEW:
		teachergrid_key(app, key);
		return;
	case TEACHER_LEARNER:
		teacherlearner_key(app, key);
		return;
	case TEACHER_SETTINGS:
		teachersettings_key(app, key);
		return;
	case TEACHER_QUESTIONS:
		teacherquestions_key(app, key);
		return;
	}
}

enum ui_role
teacher_status_role(enum report_status st)
{
	switch (st) {
	case REPORT_PASSED:
		return UI_GOOD;
	case REPORT_NEEDS_HELP:
		return UI_BAD;
	case REPORT_NOT_STARTED:
		return UI_DIM;
	default:
		return UI_NORMAL;
	}
}

/* A line of a detail view. */
static void
line_row(const void *arg, int i, int y, int sel)
{
	const struct app *app = arg;
	int role = teacher.roles[i];

	(void)sel;
	/* a line too long is cut at a word, with "…" */
	ui_wrap(y, 2, teacher.lines[i], role == UI_NORMAL ? (int)A_NORMAL :
	    ui_attr(role), app->cols - 5, 1);
}

void
teacher_draw_lines(const struct app *app)
{
	list_draw(&teacher.page, 2, 1, app->cols - 2, line_row, app);
}

static void
teacher_draw(const struct app *app)
{
	const struct teacher_model *tm = &teacher;
	char dots[64] = "";
	size_t i;

	switch (tm->view) {
	case TEACHER_PIN:
		ui_header(_("hocso › Teacher"), NULL);
		ui_puts(2, 2, _("Teacher's PIN, then Enter:"), A_BOLD,
		    app->cols - 4);
		for (i = 0; i < tm->pinlen; i++)
			strcat(dots, ui_sym("● ", "* "));
		ui_box(4, 2, 3, 24, ui_attr(UI_ACCENT));
		ui_puts(5, 4, dots, A_BOLD, 20);
		ui_footer(_("Digits, then Enter  Esc back"));
		break;
	case TEACHER_OVERVIEW:
		ui_header(_("hocso › Teacher › Class overview"), NULL);
		teachergrid_draw(app);
		break;
	case TEACHER_LEARNER:
		ui_header(_("hocso › Teacher › Learner"), NULL);
		teacherlearner_draw(app);
		break;
	case TEACHER_SETTINGS:
		ui_header(_("hocso › Teacher › Settings"), NULL);
		teachersettings_draw(app);
		break;
	case TEACHER_QUESTIONS:
		ui_header(_("hocso › Teacher › Hard questions"), NULL);
		teacherquestions_draw(app);
		break;
	}
}

/* Teacher mode's help panel: its own keys, not the learner's. */
static int
teacher_help(const struct app *app, const char **lines, int max)
{
	/* TRANSLATORS: teacher mode's help panel; each line at most 54
	 * columns, the keys on the left as they are. */
	const char *own[] = {
		_("Teacher mode: keys"),
		"",
		_("Up/Down, Left/Right  a learner, a module"),
		_("Enter       a learner's detail and attempts"),
		_("c           the next class"),
		_("n           add a class    e  rename the class"),
		_("a           add a learner to the class"),
		_("d           the hardest questions of a module"),
		_("s           the class's settings"),
		_("m           the modules the class sees, their order"),
		_("u           USB stick: modules, a class list; sheets"),
		_("h           the children's requests for help"),
		_("On a learner: r rename  p PIN  m move"),
		_("              l language  x remove  o time/tries/PIN"),
		_("q, Esc      back, and out of teacher mode"),
		_("F5          teacher mode, before a learner signs in"),
		"",
		_("Press any key to close."),
	};
	int i, n = sizeof own / sizeof *own;

	(void)app;
	for (i = 0; i < n && i < max; i++)
		lines[i] = own[i];
	return i;
}

const struct screen_ops teacher_screen = {
	.name = "teacher",
	.enter = teacher_enter,
	.leave = teacher_leave,
	.resume = teacher_resume,
	.key = teacher_key,
	.draw = teacher_draw,
	.resize = teacher_fit,
	.takes_text = teacher_takes_text,
	.help = teacher_help,
};

/*
 * teacher.c: teacher mode, behind the teacher's PIN: the class overview
 * (a grid of learners by modules, a status per cell told by symbol and
 * colour, the totals per module as bars), a learner's detail, and the
 * questions the class finds hardest.  The figures come from report.c,
 * as `hocso report` prints them.  Under the overview, the sync state
 * from the meta table.  See app.h for the model/draw split.
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
#include "core/text.h"
#include "core/util.h"
#include "learn/screens/app.h"
#include "learn/screens/quizview.h"
#include "learn/model/pin.h"
#include "learn/model/roster.h"
#include "learn/model/screentime.h"
#include "learn/screens/ui.h"
#include "quiz/gift.h"
#include "sync/outbox.h"

#define GRID_TOP 4		/* the first learner's row */
#define NAME_COLS 22
#define CELL_COLS 4

static int
collect_class(const struct roster_class *c, void *arg)
{
	struct teacher_model *tm = arg;

	tm->classes = xrealloc(tm->classes, (tm->nclasses + 1) *
	    sizeof *tm->classes);
	tm->classes[tm->nclasses++] = xstrdup(c->name);
	return 0;
}

static void
teacher_free_lines(struct teacher_model *tm)
{
	int i;

	for (i = 0; i < tm->nlines; i++)
		free(tm->lines[i]);
	free(tm->lines);
	free(tm->roles);
	tm->lines = NULL;
	tm->roles = NULL;
	tm->nlines = 0;
}

static void
teacher_free_view(struct teacher_model *tm)
{
	teacher_free_lines(tm);
	report_free(&tm->report);
	report_questions_free(tm->questions, tm->nquestions);
	tm->questions = NULL;
	tm->nquestions = 0;
	free(tm->attempts);
	tm->attempts = NULL;
	tm->nattempts = 0;
}

void
teacher_leave(struct app *app)
{
	struct teacher_model *tm = &app->teacher;
	int i;

	teacher_free_view(tm);
	for (i = 0; i < tm->nclasses; i++)
		free(tm->classes[i]);
	free(tm->classes);
	memset(tm->pin, 0, sizeof tm->pin);
	memset(tm, 0, sizeof *tm);
}

void
teacher_enter(struct app *app)
{
	signin_leave(app);
	teacher_leave(app);
	app->screen = SCREEN_TEACHER;
	app->teacher.view = TEACHER_PIN;
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

/* The number of events not yet acknowledged by the province. */
static int
events_waiting(struct app *app, long long *n, struct hs_error *err)
{
	static const char sql[] = "SELECT count(*) FROM events WHERE seq > ?";
	sqlite3_stmt *st;
	char acked[32];
	int rc;

	if (store_meta_get(app->store, OUTBOX_ACKED_SEQ, acked, sizeof acked,
	    NULL) != 0)
		snprintf(acked, sizeof acked, "0");
	if ((st = store_prepare(app->store, sql, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_int64(st, 1, strtoll(acked, NULL, 10));
	rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return store_error(app->store, err, _("database error"));
	return 0;
}

/* The sync state in words, from the meta table that hocso sync keeps:
 * "Sync: last 28/11 14:02 · 120 events waiting · Error: ...". */
static void
teacher_sync_state(struct app *app)
{
	static const char *const ever[] = { OUTBOX_SERVER_URL,
	    OUTBOX_LAST_SUCCESS, OUTBOX_LAST_ATTEMPT, OUTBOX_LAST_RECEIPT,
	    OUTBOX_BUNDLE_NO };
	struct teacher_model *tm = &app->teacher;
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
	if (events_waiting(app, &n, &err) != 0) {
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

/* Reads the chosen class's report afresh. */
static void
teacher_load(struct app *app)
{
	struct teacher_model *tm = &app->teacher;
	struct hs_error err;

	teacher_free_view(tm);
	teacher_sync_state(app);
	if (tm->nclasses == 0)
		return;
	if (report_load(app->store, &app->catalog, tm->classes[tm->class_sel],
	    &tm->report, &err) != 0)
		app_error(app, &err);
	if (tm->row >= tm->report.nlearners)
		tm->row = tm->report.nlearners > 0 ? tm->report.nlearners - 1 :
		    0;
	tm->view = TEACHER_OVERVIEW;
}

static void
teacher_signed_in(struct app *app)
{
	struct teacher_model *tm = &app->teacher;
	struct hs_error err;

	if (roster_class_list(app->store, collect_class, tm, &err) != 0) {
		app_error(app, &err);
		return;
	}
	tm->class_sel = tm->row = tm->col = tm->top = 0;
	teacher_load(app);
}

static void
teacher_check_pin(struct app *app)
{
	struct teacher_model *tm = &app->teacher;
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

static void build_learner(struct app *app);
static void draw_edit(const struct app *app);
static void teacher_settings(struct app *app);
static void teacher_settings_key(struct app *app, int key);
static void build_questions(struct app *app);

static int
grid_rows(const struct app *app)
{
	int n = app->rows - GRID_TOP - 4;

	return n < 1 ? 1 : n;
}

static void
teacher_questions(struct app *app)
{
	struct teacher_model *tm = &app->teacher;
	struct hs_error err;

	if (app->catalog.n == 0)
		return;
	report_questions_free(tm->questions, tm->nquestions);
	if (report_questions(app->store, app->catalog.modules[tm->col].id,
	    tm->classes[tm->class_sel], &tm->questions, &tm->nquestions,
	    &err) != 0) {
		app_error(app, &err);
		return;
	}
	tm->scroll = 0;
	teacher_free_lines(tm);
	build_questions(app);
	tm->view = TEACHER_QUESTIONS;
}

static void
teacher_detail(struct app *app)
{
	struct teacher_model *tm = &app->teacher;
	struct hs_error err;

	if (tm->report.nlearners == 0)
		return;
	free(tm->attempts);
	if (report_attempts(app->store, tm->report.learners[tm->row].id,
	    &tm->attempts, &tm->nattempts, &err) != 0) {
		app_error(app, &err);
		return;
	}
	tm->scroll = 0;
	teacher_free_lines(tm);
	build_learner(app);
	tm->view = TEACHER_LEARNER;
}

/* Adds a class ('n'), or a learner to the class on screen ('a' for the
 * name; 'A' for the PIN when the class uses PINs), then shows the class
 * afresh. */
static void
teacher_add_apply(struct app *app)
{
	struct teacher_model *tm = &app->teacher;
	const char *cls = tm->nclasses > 0 ? tm->classes[tm->class_sel] : NULL;
	struct hs_error err;
	char msg[256];
	int rc, pins = 0, b, d, i;

	if (tm->edit == 'n' || tm->edit == 'e') {
		rc = tm->edit == 'n' ? roster_class_add(app->store, tm->buf, 0,
		    &err) : roster_class_rename(app->store, cls, tm->buf, &err);
		if (rc != 0) {
			app_error(app, &err);
			return;
		}
		if (tm->edit == 'n')
			snprintf(msg, sizeof msg, _("Class %s is added."),
			    tm->buf);
		else
			snprintf(msg, sizeof msg, _("Class %s is now %s."), cls,
			    tm->buf);
		for (i = 0; i < tm->nclasses; i++)
			free(tm->classes[i]);
		free(tm->classes);
		tm->classes = NULL;
		tm->nclasses = 0;
		roster_class_list(app->store, collect_class, tm, &err);
		for (i = 0; i < tm->nclasses; i++)
			if (!strcmp(tm->classes[i], tm->buf))
				tm->class_sel = i;
		tm->edit = 0;
		memset(tm->buf, 0, sizeof tm->buf);
		tm->buflen = 0;
		tm->row = tm->top = 0;
		teacher_load(app);
		app_message(app, msg);
		return;
	}
	if (cls == NULL)
		return;
	if (tm->edit == 'a') {
		if (screentime_class_get(app->store, cls, &pins, &b, &d,
		    &err) != 0) {
			app_error(app, &err);
			return;
		}
		if (pins) {		/* its PIN next */
			snprintf(tm->name, sizeof tm->name, "%s", tm->buf);
			memset(tm->buf, 0, sizeof tm->buf);
			tm->buflen = 0;
			tm->edit = 'A';
			telex_init(&tm->telex, TELEX_OFF);
			return;
		}
		snprintf(tm->name, sizeof tm->name, "%s", tm->buf);
	}
	rc = roster_learner_add(app->store, cls, tm->name, tm->edit == 'A' ?
	    tm->buf : NULL, app->lang, NULL, &err);
	memset(tm->buf, 0, sizeof tm->buf);
	tm->buflen = 0;
	if (rc != 0) {
		tm->edit = 0;
		app_error(app, &err);
		return;
	}
	snprintf(msg, sizeof msg, _("%s is added to class %s."), tm->name, cls);
	tm->edit = 0;
	teacher_load(app);
	app_message(app, msg);
}

/* Applies the change being made to the learner on the detail view,
 * then shows the class afresh. */
static void
teacher_edit_apply(struct app *app)
{
	struct teacher_model *tm = &app->teacher;
	const struct report_learner *l;
	char cls[128], name[128], msg[256];
	struct hs_error err;
	int rc, edit = tm->edit;

	if (edit == 'a' || edit == 'n' || edit == 'A' || edit == 'e') {
		teacher_add_apply(app);
		return;
	}
	if (tm->report.nlearners == 0)
		return;
	l = &tm->report.learners[tm->row];
	snprintf(cls, sizeof cls, "%s", l->class_name);
	snprintf(name, sizeof name, "%s", l->name);
	if (edit == 'x')
		rc = roster_learner_remove(app->store, cls, name, &err);
	else if (edit == 'm')
		rc = roster_learner_change(app->store, cls, name, ROSTER_MOVE,
		    tm->classes[tm->move_to], &err);
	else if (edit == 'l')
		rc = roster_learner_change(app->store, cls, name, ROSTER_LANG,
		    tm->move_to ? "en" : "vi", &err);
	else
		rc = roster_learner_change(app->store, cls, name, edit == 'r' ?
		    ROSTER_RENAME : ROSTER_PIN, tm->buf, &err);
	memset(tm->buf, 0, sizeof tm->buf);
	tm->buflen = 0;
	if (rc != 0) {
		app_error(app, &err);
		return;
	}
	tm->edit = 0;
	if (edit == 'x')
		snprintf(msg, sizeof msg, _("%s is removed: their name and PIN "
		    "are erased, their progress is kept without a name."),
		    name);
	else if (edit == 'm')
		snprintf(msg, sizeof msg, _("%s is now in class %s."), name,
		    tm->classes[tm->move_to]);
	else if (edit == 'p')
		snprintf(msg, sizeof msg, _("%s has a new PIN."), name);
	else if (edit == 'l')
		snprintf(msg, sizeof msg, _("%s now learns in %s."), name,
		    tm->move_to ? _("English") : _("Vietnamese"));
	else
		snprintf(msg, sizeof msg, _("Renamed."));
	teacher_load(app);		/* back on the overview */
	app_message(app, msg);
}

/* Whether an edit takes words (a name) rather than digits. */
static int
teacher_edit_is_text(int edit)
{
	return edit == 'r' || edit == 'a' || edit == 'n' || edit == 'e';
}

static void
teacher_edit_key(struct app *app, int key)
{
	struct teacher_model *tm = &app->teacher;
	uint32_t c = key == APP_KEY_CHAR ? app->wch : (uint32_t)key;

	if (key == APP_KEY_BACK || key == 27) {
		memset(tm->buf, 0, sizeof tm->buf);
		tm->buflen = 0;
		tm->edit = 0;
		return;
	}
	switch (tm->edit) {
	case 'x':
		if (key == 'y' || key == 'Y')
			teacher_edit_apply(app);
		else
			tm->edit = 0;
		return;
	case 'l':
		if (key == KEY_LEFT || key == KEY_RIGHT || key == '\t')
			tm->move_to = !tm->move_to;
		else if (key == '\n')
			teacher_edit_apply(app);
		return;
	case 'm':
		if (key == KEY_LEFT && tm->nclasses > 0)
			tm->move_to = (tm->move_to + tm->nclasses - 1) %
			    tm->nclasses;
		else if ((key == KEY_RIGHT || key == '\t') && tm->nclasses > 0)
			tm->move_to = (tm->move_to + 1) % tm->nclasses;
		else if (key == '\n')
			teacher_edit_apply(app);
		return;
	}
	if (key == '\n')
		teacher_edit_apply(app);
	else if (key == KEY_BACKSPACE || key == 127 || key == 8)
		telex_backspace(&tm->telex, tm->buf, &tm->buflen);
	else if ((key == APP_KEY_CHAR || (key >= ' ' && key <= '~')) &&
	    (teacher_edit_is_text(tm->edit) || (c >= '0' && c <= '9' &&
	    tm->buflen < PIN_MAX)))
		telex_key(&tm->telex, tm->buf, teacher_edit_is_text(tm->edit) ?
		    61 * 4 : PIN_MAX + 1, &tm->buflen, c);
}

int
teacher_takes_text(const struct app *app)
{
	return app->screen == SCREEN_TEACHER &&
	    teacher_edit_is_text(app->teacher.edit);
}

void
teacher_key(struct app *app, int key)
{
	struct teacher_model *tm = &app->teacher;
	int n = tm->report.nlearners;

	switch (tm->view) {
	case TEACHER_PIN:
		if (key >= '0' && key <= '9' && tm->pinlen < PIN_MAX) {
			tm->pin[tm->pinlen++] = (char)key;
			tm->pin[tm->pinlen] = '\0';
		} else if ((key == KEY_BACKSPACE || key == 127 || key == 8) &&
		    tm->pinlen > 0)
			tm->pin[--tm->pinlen] = '\0';
		else if (key == '\n')
			teacher_check_pin(app);
		else if (key == APP_KEY_BACK) {
			teacher_leave(app);
			signin_enter(app);
		}
		return;
	case TEACHER_OVERVIEW:
		if (tm->edit != 0) {
			teacher_edit_key(app, key);
			return;
		}
		if (key == 'a' || key == 'n' || (key == 'e' &&
		    tm->nclasses > 0)) {
			tm->edit = key;
			tm->buf[0] = tm->name[0] = '\0';
			tm->buflen = 0;
			telex_init(&tm->telex, app->typing);
			return;
		}
		if (key == KEY_UP && tm->row > 0)
			tm->row--;
		else if (key == KEY_DOWN && tm->row + 1 < n)
			tm->row++;
		else if (key == KEY_LEFT && tm->col > 0)
			tm->col--;
		else if (key == KEY_RIGHT && tm->col + 1 < app->catalog.n)
			tm->col++;
		else if (key == 'c' && tm->nclasses > 0) {
			tm->class_sel = (tm->class_sel + 1) % tm->nclasses;
			tm->row = tm->top = 0;
			teacher_load(app);
		} else if (key == '\n')
			teacher_detail(app);
		else if (key == 'd')
			teacher_questions(app);
		else if (key == 's')
			teacher_settings(app);
		else if (key == APP_KEY_BACK) {
			teacher_leave(app);
			signin_enter(app);
			return;
		}
		if (tm->row < tm->top)
			tm->top = tm->row;
		if (tm->row >= tm->top + grid_rows(app))
			tm->top = tm->row - grid_rows(app) + 1;
		return;
	case TEACHER_LEARNER:
		if (tm->edit != 0) {
			teacher_edit_key(app, key);
			return;
		}
		if (key == 'r' || key == 'p' || key == 'm' || key == 'x' ||
		    key == 'l') {
			tm->edit = key;
			tm->buf[0] = '\0';
			tm->buflen = 0;
			tm->move_to = key == 'l' ? 0 : tm->class_sel;
			telex_init(&tm->telex, key == 'r' ? app->typing :
			    TELEX_OFF);
			return;
		}
		/* FALLTHROUGH */
	case TEACHER_SETTINGS:
		teacher_settings_key(app, key);
		return;
	case TEACHER_QUESTIONS:
		if (key == KEY_DOWN || key == ' ')
			tm->scroll++;
		else if (key == KEY_UP && tm->scroll > 0)
			tm->scroll--;
		else if (key == APP_KEY_BACK || key == '\n')
			tm->view = TEACHER_OVERVIEW;
		return;
	}
}

static enum ui_role
status_role(enum report_status st)
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

/* s at (y, x) in at most cols columns, ending in "…" when cut. */
static void
put_cut(int y, int x, const char *s, int attr, int cols)
{
	const char *more = ui_sym("…", "...");
	int mw = text_width(more, strlen(more)), used;
	size_t n = strlen(s), fit;

	if (text_width(s, n) <= cols) {
		ui_puts(y, x, s, attr, cols);
		return;
	}
	fit = text_fit(s, n, cols - mw, &used);
	used = ui_put(y, x, s, fit, attr, cols - mw);
	ui_puts(y, x + used, more, attr, mw);
}

/* s padded or cut to cols columns at (y, x). */
static void
put_cols(int y, int x, const char *s, int attr, int cols)
{
	int used = ui_puts(y, x, s, attr, cols);

	if (used < cols && (attr & A_REVERSE))
		mvhline(y, x + used, ' ', cols - used);
}

static void
draw_overview(const struct app *app)
{
	const struct teacher_model *tm = &app->teacher;
	const struct report *r = &tm->report;
	int unicode = ui_unicode(), i, m, y, x, attr, w = app->cols - 4;
	char line[512];
	const struct report_cell *cell;

	snprintf(line, sizeof line, _("Class %s (c: next class)"),
	    tm->nclasses > 0 ? tm->classes[tm->class_sel] : "-");
	ui_puts(2, 2, line, A_BOLD, w);
	ui_puts(GRID_TOP - 1, 2, _("learner"), ui_attr(UI_DIM), NAME_COLS);
	for (m = 0; m < r->nmodules; m++) {
		snprintf(line, sizeof line, "%*d", CELL_COLS - 1, m + 1);
		ui_puts(GRID_TOP - 1, 2 + NAME_COLS + m * CELL_COLS, line,
		    m == tm->col ? (int)(A_BOLD | A_UNDERLINE) : ui_attr(UI_DIM),
		    CELL_COLS);
	}
	if (r->nlearners == 0)
		ui_puts(GRID_TOP, 2, _("No learners in this class yet."),
		    A_NORMAL, w);
	for (i = tm->top; i < r->nlearners && i < tm->top + grid_rows(app);
	    i++) {
		y = GRID_TOP + i - tm->top;
		put_cols(y, 2, r->learners[i].name, i == tm->row ?
		    ui_attr(UI_SELECTED) : (int)A_NORMAL, NAME_COLS - 1);
		for (m = 0; m < r->nmodules; m++) {
			cell = &r->learners[i].cells[m];
			x = 2 + NAME_COLS + m * CELL_COLS + CELL_COLS - 2;
			attr = ui_attr(status_role(cell->status));
			if (i == tm->row && m == tm->col)
				attr = ui_attr(UI_SELECTED);
			ui_puts(y, x - 1, " ", attr, 1);
			ui_puts(y, x, report_status_symbol(cell->status,
			    unicode), attr | A_BOLD, 1);
			ui_puts(y, x + 1, " ", attr, 1);
		}
	}
	/* the selected module: its title and its totals as a bar */
	y = app->rows - 4;
	if (r->nmodules > 0 && y > GRID_TOP) {
		const int *t = r->totals[tm->col];
		int all = r->nlearners > 0 ? r->nlearners : 1;

		snprintf(line, sizeof line, "%d. %s", tm->col + 1,
		    module_title(&app->catalog.modules[tm->col], app->lang));
		ui_puts(y, 2, line, A_BOLD, w);
		ui_bar(y + 1, 2, 18, (double)t[REPORT_PASSED] / all);
		snprintf(line, sizeof line, _("%s %d passed  %s %d need help  "
		    "%s %d in progress  %s %d not started"),
		    report_status_symbol(REPORT_PASSED, unicode),
		    t[REPORT_PASSED],
		    report_status_symbol(REPORT_NEEDS_HELP, unicode),
		    t[REPORT_NEEDS_HELP],
		    report_status_symbol(REPORT_IN_PROGRESS, unicode),
		    t[REPORT_IN_PROGRESS],
		    report_status_symbol(REPORT_NOT_STARTED, unicode),
		    t[REPORT_NOT_STARTED]);
		ui_puts(y + 1, 22, line, A_NORMAL, app->cols - 24);
	}
	if (app->rows - 2 > GRID_TOP)
		put_cut(app->rows - 2, 2, tm->sync, ui_attr(UI_DIM),
		    app->cols - 4);
	if (tm->edit != 0)
		draw_edit(app);
	else
		ui_footer(_("Enter learner  d questions  s settings  a add  "
		    "n/e class  c next  q"));
}

/* The detail's lines from row 3 down, scrolled by tm->scroll. */
static void
draw_lines(const struct app *app)
{
	const struct teacher_model *tm = &app->teacher;
	char **lines = tm->lines;
	const int *roles = tm->roles;
	int i, y, n = tm->nlines, top = tm->scroll;

	if (top > n - 1)
		top = n > 0 ? n - 1 : 0;
	for (i = top, y = 2; i < n && y < app->rows - 2; i++, y++)
		ui_puts(y, 2, lines[i], roles[i] == UI_NORMAL ? (int)A_NORMAL :
		    ui_attr(roles[i]), app->cols - 4);
}

static void
add_line(char ***lines, int **roles, int *n, int role, char *s)
{
	*lines = xrealloc(*lines, (*n + 1) * sizeof **lines);
	*roles = xrealloc(*roles, (*n + 1) * sizeof **roles);
	(*lines)[*n] = s;
	(*roles)[*n] = role;
	++*n;
}

static char *
fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));

static char *
fmt(const char *f, ...)
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
build_learner(struct app *app)
{
	struct teacher_model *tm = &app->teacher;
	const struct report_learner *l = &tm->report.learners[tm->row];
	char **lines = NULL;
	int *roles = NULL, n = 0, m, i;

	add_line(&lines, &roles, &n, UI_HEADING, fmt("%s (%s)", l->name,
	    l->class_name));
	{
		long long secs;
		int days;
		struct hs_error err;

		if (screentime_total(app->store, l->id, &secs, &days,
		    &err) == 0)
			add_line(&lines, &roles, &n, UI_DIM, fmt(P_("Time in "
			    "hocso: %lld min over %d day", "Time in hocso: "
			    "%lld min over %d days", days), (secs + 59) / 60,
			    days));
	}
	for (m = 0; m < tm->report.nmodules; m++) {
		const struct report_cell *c = &l->cells[m];

		add_line(&lines, &roles, &n, status_role(c->status),
		    fmt(_("%s %s: %s; lessons %d/%d; attempts %d"),
		    report_status_symbol(c->status, ui_unicode()),
		    module_title(&app->catalog.modules[m], app->lang),
		    report_status_name(c->status), c->lessons_done,
		    app->catalog.modules[m].nlessons, c->attempts));
		if (c->best >= 0 || c->last_activity[0] != '\0')
			add_line(&lines, &roles, &n, UI_DIM, fmt(_("    best "
			    "%d%%, last %d%%, last active %.10s"),
			    c->best >= 0 ? (int)(c->best * 100 + 0.5) : 0,
			    c->last >= 0 ? (int)(c->last * 100 + 0.5) : 0,
			    c->last_activity));
	}
	add_line(&lines, &roles, &n, UI_NORMAL, xstrdup(""));
	add_line(&lines, &roles, &n, UI_HEADING, xstrdup(_("Quiz attempts")));
	if (tm->nattempts == 0)
		add_line(&lines, &roles, &n, UI_NORMAL, xstrdup(_("None yet.")));
	for (i = 0; i < tm->nattempts; i++) {
		const struct report_attempt *a = &tm->attempts[i];
		const struct module *m2 = catalog_find(&app->catalog, a->module);
		const char *title = m2 != NULL ? module_title(m2, app->lang) :
		    a->module;

		if (a->finished)
			add_line(&lines, &roles, &n, UI_NORMAL, fmt(_("%.10s  "
			    "%s: %d%% in %lld min"), a->started, title,
			    (int)(a->score * 100 + 0.5),
			    (a->seconds + 59) / 60));
		else
			add_line(&lines, &roles, &n, UI_DIM, fmt(_("%.10s  %s: "
			    "not finished, %d of %d answered"), a->started,
			    title, a->answered, a->count));
	}
	tm->lines = lines;
	tm->roles = roles;
	tm->nlines = n;
}

/* The questions worst first, each with its text and the wrong answer
 * chosen most, in words, from the module's bank in the interface's
 * language. */
static void
build_questions(struct app *app)
{
	struct teacher_model *tm = &app->teacher;
	const struct module *m = &app->catalog.modules[tm->col];
	struct quiz_bank bank;
	struct hs_error err;
	char **lines = NULL, *wrong;
	int *roles = NULL, n = 0, i, j;

	/* Without the bank, questions are named by their ids. */
	module_quiz_load(m, app->lang, &bank, &err);
	add_line(&lines, &roles, &n, UI_HEADING, fmt(_("%s: the questions "
	    "class %s finds hardest"), module_title(m, app->lang),
	    tm->classes[tm->class_sel]));
	if (tm->nquestions == 0)
		add_line(&lines, &roles, &n, UI_NORMAL, xstrdup(_("No answers "
		    "yet.")));
	for (i = 0; i < tm->nquestions; i++) {
		const struct report_question *q = &tm->questions[i];
		const struct quiz_question *bq = NULL;
		int share = q->answered > 0 ? (q->right * 100 + q->answered / 2)
		    / q->answered : 0;

		for (j = 0; j < bank.n; j++)
			if (!strcmp(bank.questions[j].id, q->id))
				bq = &bank.questions[j];
		add_line(&lines, &roles, &n, share < 50 ? UI_BAD : UI_NORMAL,
		    fmt(_("%3d%% right first time (%d/%d)  %s"), share,
		    q->right, q->answered, bq != NULL ? bq->text : q->id));
		if (q->top_wrong[0] != '\0') {
			wrong = bq != NULL ? quizview_describe(bq,
			    q->top_wrong) : xstrdup(q->top_wrong);
			add_line(&lines, &roles, &n, UI_DIM, fmt(P_("      most "
			    "chosen wrong answer: %s (%d learner)", "      most "
			    "chosen wrong answer: %s (%d learners)",
			    q->top_wrong_count), wrong, q->top_wrong_count));
			free(wrong);
		}
	}
	quiz_bank_free(&bank);
	tm->lines = lines;
	tm->roles = roles;
	tm->nlines = n;
}

/* The class's settings: PINs, break reminder, daily limit. */
static void
teacher_settings(struct app *app)
{
	struct teacher_model *tm = &app->teacher;
	struct hs_error err;

	if (tm->nclasses == 0)
		return;
	if (screentime_class_get(app->store, tm->classes[tm->class_sel],
	    &tm->set[0], &tm->set[1], &tm->set[2], &err) != 0) {
		app_error(app, &err);
		return;
	}
	tm->set_row = 0;
	tm->view = TEACHER_SETTINGS;
}

static void
teacher_settings_key(struct app *app, int key)
{
	struct teacher_model *tm = &app->teacher;
	static const int step[3] = { 1, 5, 15 }, max[3] = { 1, 120, 600 };
	int *v = &tm->set[tm->set_row];
	struct hs_error err;

	if (key == KEY_UP && tm->set_row > 0)
		tm->set_row--;
	else if ((key == KEY_DOWN || key == '\t') && tm->set_row < 2)
		tm->set_row++;
	else if (key == KEY_RIGHT || key == '+' || key == ' ')
		*v = tm->set_row == 0 ? !*v : *v + step[tm->set_row] >
		    max[tm->set_row] ? max[tm->set_row] : *v + step[tm->set_row];
	else if (key == KEY_LEFT || key == '-')
		*v = tm->set_row == 0 ? !*v : *v < step[tm->set_row] ? 0 :
		    *v - step[tm->set_row];
	else if (key == '\n') {
		if (screentime_class_set(app->store, tm->classes[tm->class_sel],
		    tm->set[0], tm->set[1], tm->set[2], &err) != 0) {
			app_error(app, &err);
			return;
		}
		tm->view = TEACHER_OVERVIEW;
		app_message(app, _("Saved: the new settings hold from the next "
		    "sign-in."));
	} else if (key == APP_KEY_BACK)
		tm->view = TEACHER_OVERVIEW;
}

static void
draw_settings(const struct app *app)
{
	const struct teacher_model *tm = &app->teacher;
	char line[256], val[64];
	int i, attr;

	snprintf(line, sizeof line, _("Settings of class %s"),
	    tm->classes[tm->class_sel]);
	ui_puts(2, 2, line, A_BOLD, app->cols - 4);
	for (i = 0; i < 3; i++) {
		if (i == 0)
			snprintf(val, sizeof val, "%s", tm->set[0] ? _("on") :
			    _("off"));
		else if (tm->set[i] == 0)
			snprintf(val, sizeof val, "%s", _("off"));
		else if (i == 1)
			snprintf(val, sizeof val, _("every %d min"), tm->set[1]);
		else
			snprintf(val, sizeof val, _("%d min a day"), tm->set[2]);
		snprintf(line, sizeof line, "%s %s %s", ui_sym("‹", "<"), val,
		    ui_sym("›", ">"));
		attr = i == tm->set_row ? ui_attr(UI_SELECTED) : (int)A_NORMAL;
		ui_puts(4 + i * 2, 2, i == 0 ? _("Sign in with a PIN") : i == 1 ?
		    _("Break reminder") : _("Daily screen-time limit"), attr,
		    30);
		ui_puts(4 + i * 2, 34, line, attr, app->cols - 36);
	}
	ui_puts(11, 2, _("A break reminder asks the children to stand up and "
	    "rest their eyes;"), ui_attr(UI_DIM), app->cols - 4);
	ui_puts(12, 2, _("at the daily limit they are signed out until "
	    "tomorrow."), ui_attr(UI_DIM), app->cols - 4);
	ui_footer(_("Up/Down choose  Left/Right change  Enter save  Esc "
	    "cancel"));
}

/* The change being made, on the last rows. */
static void
draw_edit(const struct app *app)
{
	const struct teacher_model *tm = &app->teacher;
	const char *name = tm->report.nlearners > 0 ?
	    tm->report.learners[tm->row].name : "";
	char line[512], dots[64] = "";
	int y = app->rows - 3, w = app->cols - 4;
	size_t i;

	ui_fill(y, 0, ui_attr(UI_SELECTED));
	switch (tm->edit) {
	case 'r':
		snprintf(line, sizeof line, _("New name for %s: %s_"), name,
		    tm->buf);
		ui_footer(_("Type, then Enter  Esc cancel"));
		break;
	case 'a':
		snprintf(line, sizeof line, _("A new learner in class %s: %s_"),
		    tm->nclasses > 0 ? tm->classes[tm->class_sel] : "-", tm->buf);
		ui_footer(_("Type the name, then Enter  Esc cancel"));
		break;
	case 'e':
		snprintf(line, sizeof line, _("New name for class %s: %s_"),
		    tm->classes[tm->class_sel], tm->buf);
		ui_footer(_("Type the name, then Enter  Esc cancel"));
		break;
	case 'n':
		snprintf(line, sizeof line, _("A new class: %s_"), tm->buf);
		ui_footer(_("Type the name, then Enter  Esc cancel"));
		break;
	case 'A':
		name = tm->name;
		/* FALLTHROUGH */
	case 'p':
		for (i = 0; i < tm->buflen && i < 8; i++)
			strcat(dots, ui_sym("●", "*"));
		snprintf(line, sizeof line, _("New PIN for %s (4-8 digits): "
		    "%s_"), name, dots);
		ui_footer(_("Digits, then Enter  Esc cancel"));
		break;
	case 'm':
		snprintf(line, sizeof line, _("Move %s to class: %s %s %s"),
		    name, ui_sym("‹", "<"), tm->nclasses > 0 ?
		    tm->classes[tm->move_to] : "-", ui_sym("›", ">"));
		ui_footer(_("Left/Right class  Enter move  Esc cancel"));
		break;
	case 'l':
		snprintf(line, sizeof line, _("%s learns in: %s %s %s"), name,
		    ui_sym("‹", "<"), tm->move_to ? _("English") :
		    _("Vietnamese"), ui_sym("›", ">"));
		ui_footer(_("Left/Right language  Enter save  Esc cancel"));
		break;
	default:
		snprintf(line, sizeof line, _("Remove %s? Their name and PIN "
		    "are erased; their progress stays, without a name."),
		    name);
		ui_footer(_("y remove  any other key keep"));
		break;
	}
	ui_puts(y, 2, line, ui_attr(UI_SELECTED), w);
}

void
teacher_draw(const struct app *app)
{
	const struct teacher_model *tm = &app->teacher;
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
		draw_overview(app);
		break;
	case TEACHER_LEARNER:
		ui_header(_("hocso › Teacher › Learner"), NULL);
		draw_lines(app);
		if (tm->edit != 0)
			draw_edit(app);
		else
			ui_footer(_("r rename  p PIN  m move  l language  "
			    "x remove  q back"));
		break;
	case TEACHER_SETTINGS:
		ui_header(_("hocso › Teacher › Settings"), NULL);
		draw_settings(app);
		break;
	case TEACHER_QUESTIONS:
		ui_header(_("hocso › Teacher › Hard questions"), NULL);
		draw_lines(app);
		ui_footer(_("Up/Down scroll  Enter or q back"));
		break;
	}
}

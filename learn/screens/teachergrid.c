/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * teachergrid.c: teacher mode's class overview: a grid of the class's
 * learners (a list, scrolled) by modules, a status per cell told by
 * symbol and colour; under it the selected module's totals as a bar, and
 * the sync state.  See teacherview.h.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "core/i18n.h"
#include "core/text.h"
#include "learn/screens/sheetview.h"
#include "learn/screens/stick.h"
#include "learn/screens/teachermods.h"
#include "learn/screens/helpscreens.h"
#include "learn/screens/teacherview.h"

#define GRID_TOP 4		/* the first learner's row */
#define NAME_COLS 22
#define CELL_COLS 4

void
teachergrid_fit(struct app *app)
{
	int n = app->rows - GRID_TOP - 4;

	list_set_height(&teacher.grid, n < 1 ? 1 : n);
}

void
teachergrid_key(struct app *app, int key)
{
	struct teacher_model *tm = &teacher;

	if (key == 'n' || ((key == 'a' || key == 'e') &&
	    tm->class_list.count > 0)) {
		teacheredit_start(app, key);
		return;
	}
	if (key == 'u') {		/* a USB stick, the sign-in sheet */
		sheetview_set_class(teacher_class());
		app_push(app, &stick_screen, STICK_MENU);
		return;
	}
	if (list_key(&tm->grid, key))
		return;
	if (key == KEY_LEFT && tm->col > 0)
		tm->col--;
	else if (key == KEY_RIGHT && tm->col + 1 < app->catalog.n)
		tm->col++;
	else if (key == 'c' && tm->class_list.count > 0) {
		/* the classes go round */
		list_select(&tm->class_list, (tm->class_list.sel + 1) %
		    tm->class_list.count);
		tm->grid.sel = tm->grid.top = 0;
		teacher_load(app);
	} else if (key == '\n')
		teacherlearner_open(app);
	else if (key == 'd')
		teacherquestions_open(app);
	else if (key == 's')
		teachersettings_open(app);
	else if (key == 'm' && tm->class_list.count > 0)
		teachermods_open(app, teacher_class());	/* teachermods.c */
	else if (key == 'h')
		app_push(app, &help_requests_screen, 0);
	else if (key == APP_KEY_BACK)
		app_sign_out(app);
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

/* A learner's row: the name, then a cell per module. */
static void
learner_row(const void *arg, int i, int y, int sel)
{
	const struct teacher_model *tm = &teacher;
	const struct report *r = &tm->report;
	const struct report_cell *cell;
	int unicode = ui_unicode(), m, x, attr;

	(void)arg;
	put_cols(y, 2, r->learners[i].name, sel ? ui_attr(UI_SELECTED) :
	    (int)A_NORMAL, NAME_COLS - 1);
	for (m = 0; m < r->nmodules; m++) {
		cell = &r->learners[i].cells[m];
		x = 2 + NAME_COLS + m * CELL_COLS + CELL_COLS - 2;
		attr = ui_attr(teacher_status_role(cell->status));
		if (sel && m == tm->col)
			attr = ui_attr(UI_SELECTED);
		ui_puts(y, x - 1, " ", attr, 1);
		ui_puts(y, x, report_status_symbol(cell->status, unicode),
		    attr | A_BOLD, 1);
		ui_puts(y, x + 1, " ", attr, 1);
	}
}

void
teachergrid_draw(const struct app *app)
{
	const struct teacher_model *tm = &teacher;
	const struct report *r = &tm->report;
	int unicode = ui_unicode(), m, y, w = app->cols - 4;
	char line[512];

	if (teacher_class() == NULL) {	/* a new school */
		ui_puts(2, 2, _("No class yet."), A_BOLD, w);
		y = 4 + ui_wrap(4, 2, _("Press n to add a class, then a to "
		    "add its learners one by one."), A_NORMAL, w, 2);
		ui_wrap(y + 1, 2, _("A class list in a spreadsheet, or modules, "
		    "on a USB stick: press u."), ui_attr(UI_DIM), w, 2);
		if (app->rows - 2 > GRID_TOP)
			put_cut(app->rows - 2, 2, tm->sync, ui_attr(UI_DIM),
			    app->cols - 4);
		if (tm->edit != 0)
			teacheredit_draw(app);
		else
			ui_footer(_("n add a class  u USB stick  ? help  q leave"));
		return;
	}
	snprintf(line, sizeof line, _("Class %s (c: next class)"),
	    teacher_class());
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
	list_draw(&tm->grid, GRID_TOP, 1, 1, learner_row, app);
	/* the selected module: its title and its totals as a bar */
	y = app->rows - 4;
	if (r->nmodules > 0 && y > GRID_TOP) {
		const int *t = r->totals[tm->col];
		int all = r->nlearners > 0 ? r->nlearners : 1;

		snprintf(line, sizeof line, "%d. %s", tm->col + 1,
		    module_title(&app->catalog.modules[tm->col], app->lang));
		ui_puts(y, 2, line, A_BOLD, w);
		ui_bar(y + 1, 2, 12, (double)t[REPORT_PASSED] / all);
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
		ui_wrap(y + 1, 16, line, A_NORMAL, app->cols - 18, 1);
	}
	if (app->rows - 2 > GRID_TOP)
		put_cut(app->rows - 2, 2, tm->sync, ui_attr(UI_DIM),
		    app->cols - 4);
	if (tm->edit != 0)
		teacheredit_draw(app);
	else
		ui_footer(_("Enter learner  u stick  d questions  s settings  "
		    "m modules  "
		    "a add  n/e class  c next  q"));
}

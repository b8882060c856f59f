/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * teachersettings.c: teacher mode's settings of the class shown: PINs to
 * sign in, the break reminder and the daily screen-time limit, changed
 * with Left/Right and saved with Enter (learn/model/screentime.h).  See
 * teacherview.h.
 */
#include "config.h"

#include <stdio.h>

#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "core/i18n.h"
#include "learn/model/screentime.h"
#include "learn/screens/teacherview.h"

/* The class's settings: PINs, break reminder, daily limit. */
void
teachersettings_open(struct app *app)
{
	struct teacher_model *tm = &teacher;
	struct hs_error err;

	if (tm->class_list.count == 0)
		return;
	if (screentime_class_get(app->store, teacher_class(),
	    &tm->set[0], &tm->set[1], &tm->set[2], &err) != 0) {
		app_error(app, &err);
		return;
	}
	list_set_count(&tm->set_rows, 3);
	list_select(&tm->set_rows, 0);
	tm->view = TEACHER_SETTINGS;
}

void
teachersettings_key(struct app *app, int key)
{
	struct teacher_model *tm = &teacher;
	static const int step[3] = { 1, 5, 15 }, max[3] = { 1, 120, 600 };
	int row = tm->set_rows.sel, *v = &tm->set[row];
	struct hs_error err;

	if (key == '\t')
		key = KEY_DOWN;
	if (list_key(&tm->set_rows, key))
		return;
	if (key == KEY_RIGHT || key == '+' || key == ' ')
		*v = row == 0 ? !*v : *v + step[row] >
		    max[row] ? max[row] : *v + step[row];
	else if (key == KEY_LEFT || key == '-')
		*v = row == 0 ? !*v : *v < step[row] ? 0 :
		    *v - step[row];
	else if (key == '\n') {
		if (screentime_class_set(app->store, teacher_class(),
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

/* A setting: its name and its value between arrows. */
static void
setting_row(const void *arg, int i, int y, int sel)
{
	const struct app *app = arg;
	const struct teacher_model *tm = &teacher;
	char line[256], val[64];
	int attr = sel ? ui_attr(UI_SELECTED) : (int)A_NORMAL;

	if (i == 0)
		snprintf(val, sizeof val, "%s", tm->set[0] ? _("on") : _("off"));
	else if (tm->set[i] == 0)
		snprintf(val, sizeof val, "%s", _("off"));
	else if (i == 1)
		snprintf(val, sizeof val, _("every %d min"), tm->set[1]);
	else
		snprintf(val, sizeof val, _("%d min a day"), tm->set[2]);
	snprintf(line, sizeof line, "%s %s %s", ui_sym("‹", "<"), val,
	    ui_sym("›", ">"));
	ui_puts(y, 2, i == 0 ? _("Sign in with a PIN") : i == 1 ?
	    _("Break reminder") : _("Daily screen-time limit"), attr, 30);
	ui_puts(y, 34, line, attr, app->cols - 36);
}

void
teachersettings_draw(const struct app *app)
{
	const struct teacher_model *tm = &teacher;
	char line[256];

	snprintf(line, sizeof line, _("Settings of class %s"),
	    teacher_class());
	ui_puts(2, 2, line, A_BOLD, app->cols - 4);
	list_draw(&tm->set_rows, 4, 2, app->cols - 1, setting_row, app);
	ui_puts(11, 2, _("A break reminder asks the children to stand up and "
	    "rest their eyes;"), ui_attr(UI_DIM), app->cols - 4);
	ui_puts(12, 2, _("at the daily limit they are signed out until "
	    "tomorrow."), ui_attr(UI_DIM), app->cols - 4);
	ui_footer(_("Up/Down choose  Left/Right change  Enter save  Esc "
	    "cancel"));
}


/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * teachermods.c: teacher mode's screen of a class's modules: every
 * installed module, those the class sees ticked and numbered in the
 * order its learners see them, with each module's age band to choose
 * by.  Space ticks or unticks, u and d move the module up or down, f
 * turns "lessons before the quiz" on or off; Enter saves it all, Esc
 * leaves without saving.  The model is learn/model/classmods.h, shared
 * with `hocso class modules`.  See screen.h for the model/draw split.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "core/i18n.h"
#include "core/text.h"
#include "learn/model/classmods.h"
#include "learn/screens/list.h"
#include "learn/screens/teachermods.h"
#include "learn/screens/ui.h"

#define MODS_TOP 5		/* the first row of the list */

struct mods_model {
	char class_name[128];
	struct classmods cm;
	struct list rows;	/* over cm's rows */
	int changed;		/* not saved yet */
};

static struct mods_model mods;

static void
teachermods_fit(struct app *app)
{
	int n = app->rows - MODS_TOP - 2;

	list_set_height(&mods.rows, n < 1 ? 1 : n);
}

static int
teachermods_enter(struct app *app, int arg)
{
	struct hs_error err;

	(void)arg;
	if (classmods_load(app->store, mods.class_name, &app->catalog,
	    &mods.cm, &err) != 0) {
		app_error(app, &err);
		return -1;
	}
	memset(&mods.rows, 0, sizeof mods.rows);
	list_set_count(&mods.rows, mods.cm.n);
	mods.changed = 0;
	teachermods_fit(app);
	return 0;
}

static void
teachermods_leave(struct app *app)
{
	(void)app;
	classmods_free(&mods.cm);
	memset(&mods, 0, sizeof mods);
}

static void
teachermods_key(struct app *app, int key)
{
	struct mods_model *mm = &mods;
	struct hs_error err;
	int sel = mm->rows.sel;

	teachermods_fit(app);
	if (list_key(&mm->rows, key))
		return;
	switch (key) {
	case ' ':
		if (mm->cm.n > 0) {
			mm->cm.seen[sel] = !mm->cm.seen[sel];
			mm->changed = 1;
		}
		break;
	case 'u':
	case '-':
		if (sel > 0) {
			classmods_move(&mm->cm, sel, sel - 1);
			list_select(&mm->rows, sel - 1);
			mm->changed = 1;
		}
		break;
	case 'd':
	case '+':
		if (sel + 1 < mm->cm.n) {
			classmods_move(&mm->cm, sel, sel + 1);
			list_select(&mm->rows, sel + 1);
			mm->changed = 1;
		}
		break;
	case 'f':
		mm->cm.lessons_first = !mm->cm.lessons_first;
		mm->changed = 1;
		break;
	case '\n':
		if (classmods_save(app->store, mm->class_name, &app->catalog,
		    &mm->cm, &err) != 0 ||
		    classmods_set_lessons_first(app->store, mm->class_name,
		    mm->cm.lessons_first, &err) != 0) {
			app_error(app, &err);
			return;
		}
		app_pop(app);
		app_message(app, _("Saved: the class sees these modules from "
		    "the next sign-in."));
		break;
	case APP_KEY_BACK:
		app_pop(app);
		break;
	}
}

/* A module: ticked or not, its place among the seen ones, its title and
 * its age band. */
static void
mods_row(const void *arg, int i, int y, int sel)
{
	const struct app *app = arg;
	const struct mods_model *mm = &mods;
	const struct module *m = &app->catalog.modules[mm->cm.module[i]];
	int attr = sel ? ui_attr(UI_SELECTED) : mm->cm.seen[i] ?
	    (int)A_NORMAL : ui_attr(UI_DIM), k, r, aw;
	char line[512], place[16], age[64];

	for (k = 0, r = 0; r <= i; r++)
		k += mm->cm.seen[r] != 0;
	if (mm->cm.seen[i])
		snprintf(place, sizeof place, "%2d.", k);
	else
		snprintf(place, sizeof place, "   ");
	/* TRANSLATORS: a module's age band, "8-11". */
	snprintf(age, sizeof age, m->age != NULL ? _("ages %s") : "%s",
	    m->age != NULL ? m->age : "");
	snprintf(line, sizeof line, "%s%s %s %s", sel ? ui_sym("▶ ", "> ") :
	    "  ", mm->cm.seen[i] ? ui_sym("[✓]", "[x]") : "[ ]", place,
	    module_title(m, app->lang));
	if (sel)
		ui_fill(y, 1, attr);
	aw = text_width(age, strlen(age));
	ui_puts(y, 1, line, attr, app->cols - aw - 6);
	ui_puts(y, app->cols - aw - 3, age, attr, aw);
}

static void
teachermods_draw(const struct app *app)
{
	const struct mods_model *mm = &mods;
	char line[256];

	ui_header(_("hocso › Teacher › Modules"), NULL);
	snprintf(line, sizeof line, _("Modules class %s sees, in this "
	    "order:"), mm->class_name);
	ui_puts(2, 2, line, A_BOLD, app->cols - 4);
	snprintf(line, sizeof line, _("Lessons before the quiz: %s"),
	    mm->cm.lessons_first ? _("on") : _("off"));
	ui_puts(3, 2, line, mm->cm.lessons_first ? ui_attr(UI_GOOD) :
	    (int)A_NORMAL, app->cols - 4);
	if (mm->cm.n == 0)
		ui_puts(MODS_TOP, 2, _("No modules are installed yet."),
		    A_NORMAL, app->cols - 4);
	list_draw(&mm->rows, MODS_TOP, 1, app->cols - 1, mods_row, app);
	ui_footer(_("Space tick  u/d move  f lessons  Enter save  Esc "
	    "cancel"));
}

static int
teachermods_help(const struct app *app, const char **lines, int max)
{
	/* TRANSLATORS: the help panel of a class's modules; each line at
	 * most 54 columns, the keys on the left as they are. */
	const char *own[] = {
		_("A class's modules: keys"),
		"",
		_("Up/Down     a module"),
		_("Space       the class sees it, or not"),
		_("u, d        move it up or down the list"),
		_("f           lessons before the quiz, on or off"),
		_("Enter       save; Esc leaves without saving"),
		"",
		_("Press any key to close."),
	};
	int i, n = sizeof own / sizeof *own;

	(void)app;
	for (i = 0; i < n && i < max; i++)
		lines[i] = own[i];
	return i;
}

static const struct screen_ops teachermods_screen = {
	.name = "teachermods",
	.enter = teachermods_enter,
	.leave = teachermods_leave,
	.key = teachermods_key,
	.draw = teachermods_draw,
	.resize = teachermods_fit,
	.help = teachermods_help,
};

int
teachermods_open(struct app *app, const char *class_name)
{
	snprintf(mods.class_name, sizeof mods.class_name, "%s", class_name);
	return app_push(app, &teachermods_screen, 0);
}

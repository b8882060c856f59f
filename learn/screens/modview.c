/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * modview.c: a module's screen: its lessons, with a mark on those read,
 * and its quiz with the best score.  See screen.h for the model/draw split.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"
#include "learn/screens/glossview.h"
#include "learn/screens/lessonview.h"
#include "learn/screens/list.h"
#include "learn/screens/modview.h"
#include "learn/screens/quizstart.h"
#include "learn/screens/ui.h"

#define MODULE_TOP 5		/* first row of a module's items */

struct module_model {
	int module;			/* index in the catalog */
	struct list items;		/* lessons first, then the quiz */
	char **titles;			/* each lesson's first heading */
	int *done;			/* each lesson completed? */
	double best;			/* best quiz score, -1 if none */
	double latest;			/* latest quiz score, -1 if none */
	int attempts;
};

static struct module_model mod;

const struct module *
modview_module(const struct app *app)
{
	return &app->catalog.modules[mod.module];
}

const char *
modview_title(int i)
{
	return mod.titles[i];
}

int
modview_done(int i)
{
	return mod.done[i];
}

/* Lessons, then the quiz when the module has one. */
static int
module_items(const struct app *app)
{
	const struct module *m = modview_module(app);

	return m->nlessons + (m->quiz_bank != NULL);
}

/* How many items fit on the screen. */
static void
modview_fit(struct app *app)
{
	int n = app->rows - 2 - MODULE_TOP;

	list_set_height(&mod.items, n < 1 ? 1 : n);
}

static int
modview_enter(struct app *app, int module)
{
	struct module_model *mm = &mod;
	const struct module *m;
	struct lesson *doc;
	struct hs_error err;
	int i, screen, sel = 0;
	char *path;

	memset(mm, 0, sizeof *mm);
	mm->module = module;
	m = modview_module(app);
	mm->titles = xcalloc(m->nlessons, sizeof *mm->titles);
	mm->done = xcalloc(m->nlessons, sizeof *mm->done);
	for (i = 0; i < m->nlessons; i++) {
		path = module_lesson_path(m, i, app->lang);
		if (path != NULL && lesson_load(path, &doc, &err) == 0) {
			if (doc->title != NULL)
				mm->titles[i] = xstrdup(doc->title);
			lesson_free(doc);
		}
		free(path);
		if (mm->titles[i] == NULL)
			mm->titles[i] = xstrdup(m->lessons[i]);
		progress_lesson_state(&app->progress, m->id, m->lessons[i],
		    &screen, &mm->done[i], &err);
		if (!mm->done[i] && sel == 0 && i > 0 && mm->done[i - 1])
			sel = i;	/* the next lesson to read */
	}
	if (progress_quiz_scores(&app->progress, m->id, &mm->best, &mm->latest,
	    &mm->attempts, &err) != 0)
		mm->best = mm->latest = -1;
	if (m->nlessons > 0 && mm->done[m->nlessons - 1] &&
	    m->quiz_bank != NULL)
		sel = m->nlessons;	/* all read: the quiz */
	list_set_count(&mm->items, module_items(app));
	modview_fit(app);
	list_select(&mm->items, sel);
	return 0;
}

static void
modview_leave(struct app *app)
{
	struct module_model *mm = &mod;
	int i;

	for (i = 0; i < modview_module(app)->nlessons && mm->titles != NULL;
	    i++)
		free(mm->titles[i]);
	free(mm->titles);
	free(mm->done);
	mm->titles = NULL;
	mm->done = NULL;
}

/* Back from a lesson or the quiz: the marks and scores afresh; the
 * quiz stays chosen when it was. */
static void
modview_resume(struct app *app)
{
	int module = mod.module, was = mod.items.sel;

	modview_leave(app);
	modview_enter(app, module);
	if (was == modview_module(app)->nlessons)	/* back from the quiz */
		list_select(&mod.items, was);
}

static void
module_open_item(struct app *app, int item)
{
	if (item < modview_module(app)->nlessons)
		app_push(app, &lesson_screen, item);
	else
		quizstart_open(app);
}

static void
modview_key(struct app *app, int key)
{
	struct module_model *mm = &mod;
	int n = module_items(app), row;

	modview_fit(app);
	if (key == 'k')
		key = KEY_UP;
	else if (key == 'j')
		key = KEY_DOWN;
	if (list_key(&mm->items, key))
		return;
	switch (key) {
	case '\n':
	case ' ':
	case KEY_RIGHT:
		module_open_item(app, mm->items.sel);
		break;
	case APP_KEY_CLICK:
		row = list_row_at(&mm->items, MODULE_TOP, 1, app->click_y);
		if (row >= 0) {
			list_select(&mm->items, row);
			module_open_item(app, row);
		}
		break;
	case 'g':
	case 'G':
		/* The module's glossary, where it has one. */
		glossview_open_list(app, app->lang);
		break;
	case APP_KEY_BACK:
	case KEY_LEFT:
		app_pop(app);
		break;
	default:
		/* A number moves the selection; Enter opens. */
		if (key >= '1' && key <= '9' && key - '1' < n)
			list_select(&mm->items, key - '1');
		break;
	}
}

/* An item: a lesson with "done" when read, or the quiz with its
 * scores. */
static void
item_row(const void *arg, int i, int y, int sel)
{
	const struct app *app = arg;
	const struct module_model *mm = &mod;
	const struct module *m = modview_module(app);
	int attr = sel ? ui_attr(UI_SELECTED) : (int)A_NORMAL, rw;
	char line[512], right[128];

	if (i < m->nlessons) {
		snprintf(line, sizeof line, "%s%d. %s",
		    sel ? ui_sym("▶ ", "> ") : "  ", i + 1, mm->titles[i]);
		snprintf(right, sizeof right, "%s", mm->done[i] ?
		    _("done") : "");
	} else {
		snprintf(line, sizeof line, "%s%d. %s",
		    sel ? ui_sym("▶ ", "> ") : "  ", i + 1, _("Quiz"));
		if (mm->best >= 0 && mm->attempts > 1)
			snprintf(right, sizeof right, _("best %d%%, "
			    "last %d%%"), (int)(mm->best * 100 + 0.5),
			    (int)(mm->latest * 100 + 0.5));
		else if (mm->best >= 0)
			snprintf(right, sizeof right, _("best %d%%"),
			    (int)(mm->best * 100 + 0.5));
		else
			right[0] = '\0';
	}
	if (sel)
		ui_fill(y, 1, attr);
	rw = text_width(right, strlen(right));
	ui_puts(y, 1, line, attr, app->cols - rw - 5);
	if (rw > 0)
		ui_puts(y, app->cols - rw - 2, right, sel ? attr :
		    ui_attr(UI_GOOD), rw + 4);
}

static void
modview_draw(const struct app *app)
{
	const struct module_model *mm = &mod;
	const struct module *m = modview_module(app);

	ui_header(module_title(m, app->lang), m->age != NULL ? m->age : "");
	ui_puts(2, 2, module_summary(m, app->lang), A_NORMAL, app->cols - 4);
	ui_puts(3, 2, _("Read the lessons, then take the quiz:"), A_BOLD,
	    app->cols - 4);
	list_draw(&mm->items, MODULE_TOP, 1, app->cols - 1, item_row, app);
	ui_footer(_("Up/Down choose  Enter open  q back  ? help"));
}

/* The help panel: the learner's keys with g, the module's glossary. */
static int
modview_help(const struct app *app, const char **lines, int max)
{
	static const char *const own[] = {
		N_("Keys"),
		"",
		N_("Arrows, numbers   choose"),
		N_("Enter             open, answer, next"),
		N_("g                 all the words to know"),
		N_("q, Esc            go back"),
		N_("?                 this help"),
		N_("F9                I need help"),
	};
	(void)app;
	return app_help_child(own, (int)(sizeof own / sizeof *own), lines,
	    max);
}

const struct screen_ops module_screen = {
	.name = "module",
	.enter = modview_enter,
	.leave = modview_leave,
	.resume = modview_resume,
	.key = modview_key,
	.draw = modview_draw,
	.resize = modview_fit,
	.help = modview_help,
};

/*
 * modview.c: a module's screen: its lessons, with a mark on those read,
 * and its quiz with the best score.  See app.h for the model/draw split.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"
#include "learn/screens/app.h"
#include "learn/screens/ui.h"

#define MODULE_TOP 5		/* first row of a module's items */

void
modview_enter(struct app *app, int module)
{
	struct module_model *mm = &app->mod;
	const struct module *m;
	struct lesson *doc;
	struct hs_error err;
	int i, screen;
	char *path;

	memset(mm, 0, sizeof *mm);
	mm->module = module;
	m = app_module(app);
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
		if (!mm->done[i] && mm->sel == 0 && i > 0 && mm->done[i - 1])
			mm->sel = i;	/* the next lesson to read */
	}
	if (progress_quiz_scores(&app->progress, m->id, &mm->best, &mm->latest,
	    &mm->attempts, &err) != 0)
		mm->best = mm->latest = -1;
	if (m->nlessons > 0 && mm->done[m->nlessons - 1] &&
	    m->quiz_bank != NULL)
		mm->sel = m->nlessons;	/* all read: the quiz */
	app->screen = SCREEN_MODULE;
}

void
modview_leave(struct app *app)
{
	struct module_model *mm = &app->mod;
	int i;

	for (i = 0; i < app_module(app)->nlessons && mm->titles != NULL; i++)
		free(mm->titles[i]);
	free(mm->titles);
	free(mm->done);
	mm->titles = NULL;
	mm->done = NULL;
	home_refresh(app);
	app->screen = SCREEN_HOME;
}

/* Lessons, then the quiz when the module has one. */
static int
module_items(const struct app *app)
{
	const struct module *m = app_module(app);

	return m->nlessons + (m->quiz_bank != NULL);
}

static void
module_open_item(struct app *app, int item)
{
	if (item < app_module(app)->nlessons)
		lessonview_enter(app, item);
	else
		quizview_enter(app);
}

void
modview_key(struct app *app, int key)
{
	struct module_model *mm = &app->mod;
	int n = module_items(app), row;

	switch (key) {
	case KEY_UP:
	case 'k':
		if (mm->sel > 0)
			mm->sel--;
		break;
	case KEY_DOWN:
	case 'j':
		if (mm->sel + 1 < n)
			mm->sel++;
		break;
	case '\n':
	case ' ':
	case KEY_RIGHT:
		module_open_item(app, mm->sel);
		break;
	case APP_KEY_CLICK:
		row = app->click_y - MODULE_TOP;
		if (row >= 0 && row < n) {
			mm->sel = row;
			module_open_item(app, row);
		}
		break;
	case APP_KEY_BACK:
	case KEY_LEFT:
		modview_leave(app);
		break;
	default:
		if (key >= '1' && key <= '9' && key - '1' < n) {
			mm->sel = key - '1';
			module_open_item(app, mm->sel);
		}
		break;
	}
}

void
modview_draw(const struct app *app)
{
	const struct module_model *mm = &app->mod;
	const struct module *m = app_module(app);
	char line[512], right[128];
	int i, y, sel, attr, rw;

	ui_header(module_title(m, app->lang), m->age != NULL ? m->age : "");
	ui_puts(2, 2, module_summary(m, app->lang), A_NORMAL, app->cols - 4);
	ui_puts(3, 2, _("Read the lessons, then take the quiz:"), A_BOLD,
	    app->cols - 4);
	for (i = 0; i < module_items(app) && MODULE_TOP + i < app->rows - 2;
	    i++) {
		y = MODULE_TOP + i;
		sel = i == mm->sel;
		attr = sel ? ui_attr(UI_SELECTED) : (int)A_NORMAL;
		if (i < m->nlessons) {
			snprintf(line, sizeof line, "%s%d. %s",
			    sel ? ui_sym("▶ ", "> ") : "  ", i + 1,
			    mm->titles[i]);
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
	ui_footer(_("Up/Down choose  Enter open  q back  ? help"));
}

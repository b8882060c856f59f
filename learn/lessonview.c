/*
 * lessonview.c: reading a lesson, one screen at a time.  Each screen shown
 * is recorded (progress_screen_seen) before it is drawn; the last "next"
 * records the lesson as completed.  See app.h for the model/draw split.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "core/i18n.h"
#include "core/text.h"
#include "learn/app.h"
#include "learn/ui.h"

#define LESSON_TOP 3		/* first row of text */
#define LESSON_MAX_WIDTH 76	/* lines are easier to read short */

static int
lesson_height(const struct app *app)
{
	int h = app->rows - LESSON_TOP - 2;

	return h < 1 ? 1 : h;
}

static int
lesson_width(const struct app *app)
{
	int w = app->cols - 4;

	return w > LESSON_MAX_WIDTH ? LESSON_MAX_WIDTH : w;
}

static int
lesson_max_scroll(const struct app *app)
{
	int m = app->lesson.page.nlines - lesson_height(app);

	return m < 0 ? 0 : m;
}

void
lessonview_resize(struct app *app)
{
	struct lesson_model *lm = &app->lesson;

	lesson_page_free(&lm->page);
	lm->page_width = lesson_width(app);
	lesson_layout(&lm->doc->screens[lm->screen], lm->page_width, &lm->page);
	if (lm->scroll > lesson_max_scroll(app))
		lm->scroll = lesson_max_scroll(app);
}

/* Moves to screen, once it is recorded as seen.  Returns 0, or -1 when
 * the record failed (the learner stays where they were). */
static int
lesson_show(struct app *app, int screen)
{
	struct lesson_model *lm = &app->lesson;
	const struct module *m = app_module(app);
	struct hs_error err;

	if (progress_screen_seen(&app->progress, m->id, m->lessons[lm->lesson],
	    screen, &err) != 0) {
		app_error(app, &err);
		return -1;
	}
	lm->screen = screen;
	lm->scroll = 0;
	lessonview_resize(app);
	return 0;
}

void
lessonview_enter(struct app *app, int lesson)
{
	struct lesson_model *lm = &app->lesson;
	const struct module *m = app_module(app);
	struct hs_error err;
	int screen, completed;
	char *path;

	memset(lm, 0, sizeof *lm);
	lm->lesson = lesson;
	path = module_lesson_path(m, lesson, app->lang);
	if (path == NULL || lesson_load(path, &lm->doc, &err) != 0) {
		if (path == NULL)
			hs_error_set(&err, HS_ENOTFOUND, _("lesson %s is missing"),
			    m->lessons[lesson]);
		app_error(app, &err);
		free(path);
		return;
	}
	free(path);
	if (progress_lesson_state(&app->progress, m->id, m->lessons[lesson],
	    &screen, &completed, &err) != 0 || completed ||
	    screen >= lm->doc->nscreens)
		screen = 0;
	app->screen = SCREEN_LESSON;
	if (lesson_show(app, screen) != 0)
		lessonview_leave(app);
}

void
lessonview_leave(struct app *app)
{
	struct lesson_model *lm = &app->lesson;

	lesson_page_free(&lm->page);
	lesson_free(lm->doc);
	lm->doc = NULL;
	app->screen = SCREEN_MODULE;
}

/* Back to the module screen, its marks brought up to date. */
static void
lesson_back(struct app *app)
{
	int module = app->mod.module;

	lessonview_leave(app);
	modview_leave(app);
	modview_enter(app, module);
}

static void
lesson_next(struct app *app)
{
	struct lesson_model *lm = &app->lesson;
	const struct module *m = app_module(app);
	struct hs_error err;

	if (lm->screen + 1 < lm->doc->nscreens) {
		lesson_show(app, lm->screen + 1);
		return;
	}
	if (progress_lesson_done(&app->progress, m->id, m->lessons[lm->lesson],
	    &err) != 0) {
		app_error(app, &err);
		return;
	}
	lesson_back(app);
}

/* Scrolls down a page when there is more below; else the next screen. */
static void
lesson_continue(struct app *app)
{
	struct lesson_model *lm = &app->lesson;

	if (lm->scroll < lesson_max_scroll(app)) {
		lm->scroll += lesson_height(app) - 1;
		if (lm->scroll > lesson_max_scroll(app))
			lm->scroll = lesson_max_scroll(app);
	} else
		lesson_next(app);
}

void
lessonview_key(struct app *app, int key)
{
	struct lesson_model *lm = &app->lesson;

	switch (key) {
	case '\n':
	case ' ':
	case KEY_NPAGE:
	case APP_KEY_CLICK:
		lesson_continue(app);
		break;
	case KEY_RIGHT:
	case 'n':
	case 'l':
		lesson_next(app);
		break;
	case KEY_LEFT:
	case 'p':
	case 'h':
	case KEY_BACKSPACE:
		if (lm->screen > 0)
			lesson_show(app, lm->screen - 1);
		break;
	case KEY_PPAGE:
		if (lm->scroll > 0) {
			lm->scroll -= lesson_height(app) - 1;
			if (lm->scroll < 0)
				lm->scroll = 0;
		} else if (lm->screen > 0)
			lesson_show(app, lm->screen - 1);
		break;
	case KEY_DOWN:
	case 'j':
		if (lm->scroll < lesson_max_scroll(app))
			lm->scroll++;
		break;
	case KEY_UP:
	case 'k':
		if (lm->scroll > 0)
			lm->scroll--;
		break;
	case APP_KEY_BACK:
		lesson_back(app);
		break;
	}
}

void
lessonview_draw(const struct app *app)
{
	const struct lesson_model *lm = &app->lesson;
	const struct module *m = app_module(app);
	const struct module_model *mm = &app->mod;
	char title[512], right[64], pct[32];
	int i, y, x, done = 0, h = lesson_height(app), barw;
	double frac;

	snprintf(title, sizeof title, "%s %s %s", module_title(m, app->lang),
	    ui_sym("›", ">"), mm->titles[lm->lesson]);
	snprintf(right, sizeof right, "%d/%d", lm->screen + 1,
	    lm->doc->nscreens);
	ui_header(title, right);

	for (i = 0; i < m->nlessons; i++)
		done += mm->done[i] && i != lm->lesson;
	frac = (done + (double)(lm->screen + 1) / lm->doc->nscreens) /
	    m->nlessons;
	snprintf(pct, sizeof pct, " %3d%%", (int)(frac * 100 + 0.5));
	barw = app->cols - 4 - (int)strlen(pct);
	if (barw > 0) {
		ui_bar(1, 2, barw, frac);
		ui_puts(1, 2 + barw, pct, ui_attr(UI_DIM), (int)strlen(pct));
	}

	x = (app->cols - lm->page_width) / 2;
	for (i = 0; i < h && lm->scroll + i < lm->page.nlines; i++) {
		y = LESSON_TOP + i;
		ui_line(y, x, &lm->page.lines[lm->scroll + i], UI_NORMAL,
		    lm->page_width);
	}
	if (lm->scroll + h < lm->page.nlines) {
		char more[64];
		int w;

		/* TRANSLATORS: shown when a lesson screen scrolls on. */
		snprintf(more, sizeof more, "%s %s", ui_sym("▼", "v"), _("more"));
		w = text_width(more, strlen(more));
		ui_puts(app->rows - 2, app->cols - w - 2, more,
		    ui_attr(UI_ACCENT), w);
	}
	if (lm->screen + 1 < lm->doc->nscreens)
		ui_footer(_("Enter next  Left back  Up/Down scroll  q lesson list  ? help"));
	else
		ui_footer(_("Enter finish the lesson  Left back  q lesson list  ? help"));
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * glossview.c: the glossary's two screens (see glossview.h).  The term
 * screen lays its entry's Markdown out as a lesson screen (lesson.h)
 * and reads it aloud with F4; the list screen is the one list widget
 * over the module's entries.  Each keeps its own model and copies what
 * it shows, so the screen under it may go on changing.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "core/i18n.h"
#include "core/util.h"
#include "learn/screens/glossview.h"
#include "learn/screens/list.h"
#include "learn/screens/modview.h"
#include "learn/screens/ui.h"
#include "lessons/speech.h"

#define TERM_TOP 2		/* first row of the term */
#define TERM_MAX_WIDTH 60	/* a short explanation reads best narrow */
#define LIST_TOP 3

/* The term screen's model. */
static struct {
	char *term;
	char lang[8];
	struct lesson *doc;	/* its explanation, one screen */
	struct lesson_page page;
	int width;
} gt;

/* An entry waiting for the term screen's enter (app_push takes an int). */
static const struct glossary_entry *gt_pending;
static const char *gt_pending_lang;

/* The list screen's model. */
static struct {
	struct glossary g;
	struct list list;
} gl;

static int
term_width(const struct app *app)
{
	int w = app->cols - 6;

	return w > TERM_MAX_WIDTH ? TERM_MAX_WIDTH : w < 10 ? 10 : w;
}

static void
term_resize(struct app *app)
{
	lesson_page_free(&gt.page);
	gt.width = term_width(app);
	if (gt.doc != NULL && gt.doc->nscreens > 0)
		lesson_layout(&gt.doc->screens[0], gt.width, &gt.page);
}

static int
term_enter(struct app *app, int arg)
{
	const struct glossary_entry *e = gt_pending;
	struct hs_error err;

	(void)arg;
	memset(&gt, 0, sizeof gt);
	if (e == NULL)
		return -1;
	if (lesson_parse(e->body, strlen(e->body), e->term, &gt.doc,
	    &err) != 0) {
		app_error(app, &err);
		return -1;
	}
	gt.term = xstrdup(e->term);
	snprintf(gt.lang, sizeof gt.lang, "%s", gt_pending_lang != NULL ?
	    gt_pending_lang : app->lang);
	term_resize(app);
	return 0;
}

static void
term_leave(struct app *app)
{
	(void)app;
	lesson_page_free(&gt.page);
	lesson_free(gt.doc);
	free(gt.term);
	memset(&gt, 0, sizeof gt);
}

static void
term_key(struct app *app, int key)
{
	if (key == '\n' || key == ' ' || key == APP_KEY_BACK ||
	    key == APP_KEY_CLICK || key == KEY_LEFT)
		app_pop(app);
}

static void
term_draw(const struct app *app)
{
	const struct module *m = modview_module(app);
	char title[512];
	int i, x = (app->cols - gt.width) / 2, y = TERM_TOP;

	/* TRANSLATORS: the title of a glossary term's screen: the module,
	 * then this. */
	snprintf(title, sizeof title, "%s %s %s", module_title(m, app->lang),
	    ui_sym("›", ">"), _("Word to know"));
	ui_header(title, NULL);
	ui_puts(y, x, gt.term, ui_attr(UI_HEADING) | A_BOLD | A_UNDERLINE,
	    gt.width);
	y += 2;
	for (i = 0; i < gt.page.nlines && y < app->rows - 2; i++, y++)
		ui_line(y, x, &gt.page.lines[i], UI_NORMAL, gt.width);
	ui_footer(_("Enter or q back  F4 read aloud  F6 slower/faster  "
	    "? help"));
}

static char *
term_speech(const struct app *app)
{
	struct speech_lexicon lex;
	struct hs_error err;
	char *body, *s;
	size_t n;

	if (gt.doc == NULL || gt.doc->nscreens == 0)
		return NULL;
	if (speech_lexicon_load(modview_module(app)->dir, gt.lang, &lex,
	    &err) != 0)
		memset(&lex, 0, sizeof lex);
	body = speech_screen_text(&gt.doc->screens[0], &lex);
	speech_lexicon_free(&lex);
	n = strlen(gt.term) + strlen(body) + 3;
	s = xmalloc(n);
	snprintf(s, n, "%s. %s", gt.term, body);
	free(body);
	return s;
}

static int
term_help(const struct app *app, const char **lines, int max)
{
	/* TRANSLATORS: the help panel of a glossary term's screen; each
	 * line at most 56 columns. */
	static const char *const own[] = {
		N_("A word to know"),
		"",
		N_("Enter, q, Esc     back to where you were"),
		N_("F4                read it aloud"),
		N_("F6                slower or faster reading"),
		N_("F9                I need help"),
	};

	(void)app;
	return app_help_child(own, (int)(sizeof own / sizeof *own), lines,
	    max);
}

static const struct screen_ops glossary_term_screen = {
	.name = "glossterm",
	.enter = term_enter,
	.leave = term_leave,
	.key = term_key,
	.draw = term_draw,
	.resize = term_resize,
	.speech = term_speech,
	.help = term_help,
};

int
glossview_open_term(struct app *app, const struct glossary_entry *e,
    const char *lang)
{
	int rc;

	gt_pending = e;
	gt_pending_lang = lang;
	rc = app_push(app, &glossary_term_screen, 0);
	gt_pending = NULL;
	gt_pending_lang = NULL;
	return rc;
}

static void
list_fit(struct app *app)
{
	int h = app->rows - LIST_TOP - 2;

	list_set_height(&gl.list, h < 1 ? 1 : h);
}

static int
glist_enter(struct app *app, int arg)
{
	(void)app;
	(void)arg;
	return 0;	/* filled by glossview_open_list before the push */
}

static void
glist_leave(struct app *app)
{
	(void)app;
	glossary_free(&gl.g);
}

static void
glist_key(struct app *app, int key)
{
	int row;

	list_fit(app);
	if (list_key(&gl.list, key))
		return;
	switch (key) {
	case '\n':
	case ' ':
	case KEY_RIGHT:
		glossview_open_term(app, &gl.g.entries[gl.list.sel], gl.g.lang);
		break;
	case APP_KEY_CLICK:
		row = list_row_at(&gl.list, LIST_TOP, 1, app->click_y);
		if (row >= 0) {
			list_select(&gl.list, row);
			glossview_open_term(app, &gl.g.entries[row], gl.g.lang);
		}
		break;
	case APP_KEY_BACK:
	case KEY_LEFT:
		app_pop(app);
		break;
	}
}

static void
glist_row(const void *arg, int i, int y, int sel)
{
	const struct app *app = arg;
	int attr = sel ? ui_attr(UI_SELECTED) : (int)A_NORMAL;
	char line[512];

	snprintf(line, sizeof line, "%s%s", sel ? ui_sym("▶ ", "> ") : "  ",
	    gl.g.entries[i].term);
	if (sel)
		ui_fill(y, 1, attr);
	ui_puts(y, 1, line, attr, app->cols - 3);
}

static void
glist_draw(const struct app *app)
{
	const struct module *m = modview_module(app);
	char title[512], count[64];

	/* TRANSLATORS: the title of a module's glossary screen: the
	 * module, then this. */
	snprintf(title, sizeof title, "%s %s %s", module_title(m, app->lang),
	    ui_sym("›", ">"), _("Words to know"));
	snprintf(count, sizeof count, "%d", gl.g.n);
	ui_header(title, count);
	ui_puts(1, 2, _("Choose a word to see what it means."),
	    ui_attr(UI_DIM), app->cols - 4);
	list_draw(&gl.list, LIST_TOP, 1, app->cols - 1, glist_row, app);
	ui_footer(_("Up/Down choose  Enter open  q back  ? help"));
}

static void
glist_resize(struct app *app)
{
	list_fit(app);
}

static const struct screen_ops glossary_list_screen = {
	.name = "glossary",
	.enter = glist_enter,
	.leave = glist_leave,
	.key = glist_key,
	.draw = glist_draw,
	.resize = glist_resize,
};

int
glossview_open_list(struct app *app, const char *lang)
{
	struct glossary g;

	glossary_for(modview_module(app), lang, &g);
	if (g.n == 0) {
		glossary_free(&g);
		app_message(app, _("This module has no words to look up."));
		return -1;
	}
	/* The list screen is not open now: its model is free to fill. */
	gl.g = g;
	memset(&gl.list, 0, sizeof gl.list);
	list_set_count(&gl.list, g.n);
	list_fit(app);
	if (app_push(app, &glossary_list_screen, 0) != 0) {
		glossary_free(&gl.g);
		return -1;
	}
	return 0;
}

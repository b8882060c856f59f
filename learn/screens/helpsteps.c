/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * helpsteps.c: what to do now, for one situation (see helpscreens.h):
 * its picture, its three to five steps, the 111 line and the trusted
 * adult, then the way to tell the teacher.  Without a help module the
 * app's own words say the two things that are always true: 111 and an
 * adult you trust.  The page scrolls when the terminal is short.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"
#include "learn/screens/helpscreens.h"
#include "learn/screens/list.h"
#include "learn/screens/ui.h"

#define STEPS_TOP 2

/* One row of the page: blank, a line of the picture, or a line of a
 * paragraph as laid out (its index in the page). */
enum row_kind { ROW_BLANK, ROW_ART, ROW_TEXT };

struct steps_row {
	enum row_kind kind;
	const char *art;		/* ROW_ART: the line's bytes */
	size_t n;			/* their length; ROW_TEXT: the index */
	enum ui_role role;
};

struct steps_model {
	int situation;
	struct lesson_page page;	/* the paragraphs laid out */
	char *texts[HELP_MAX_STEPS + 4];	/* what page points into */
	int ntexts;
	struct steps_row *rows;
	int nrows;
	struct list pager;
};

static struct steps_model sm;

static void
steps_add_row(enum row_kind kind, const char *art, size_t n,
    enum ui_role role)
{
	sm.rows = xrealloc(sm.rows, (size_t)(sm.nrows + 1) * sizeof *sm.rows);
	sm.rows[sm.nrows].kind = kind;
	sm.rows[sm.nrows].art = art;
	sm.rows[sm.nrows].n = n;
	sm.rows[sm.nrows].role = role;
	sm.nrows++;
}

/* Lays out text (kept) at width, hanging by hang, in role. */
static void
steps_para(char *text, int width, int hang, unsigned style,
    enum ui_role role)
{
	int first = sm.page.nlines, i;

	sm.texts[sm.ntexts++] = text;
	lesson_layout_text(text, strlen(text), style, width, hang, &sm.page);
	for (i = first; i < sm.page.nlines; i++)
		steps_add_row(ROW_TEXT, NULL, (size_t)i, role);
}

static void
steps_free(void)
{
	int i;

	lesson_page_free(&sm.page);
	for (i = 0; i < sm.ntexts; i++)
		free(sm.texts[i]);
	free(sm.rows);
	sm.rows = NULL;
	sm.nrows = sm.ntexts = 0;
	memset(&sm.page, 0, sizeof sm.page);
}

/* Builds the rows for the terminal's width. */
static void
steps_layout(struct app *app)
{
	const struct help_page *p = helplist_page(sm.situation);
	int w = app->cols - 4, i, n;
	const char *s, *nl;
	char *t;

	steps_free();
	if (w < 20)
		w = 20;
	steps_para(xstrdup(helplist_title(sm.situation)), w, 0, LESSON_BOLD,
	    UI_HEADING);
	steps_add_row(ROW_BLANK, NULL, 0, UI_NORMAL);
	if (p != NULL) {
		for (s = p->art; *s != '\0'; s = nl + 1) {
			nl = strchr(s, '\n');
			steps_add_row(ROW_ART, s, nl != NULL ? (size_t)(nl - s) :
			    strlen(s), UI_ACCENT);
			if (nl == NULL)
				break;
		}
		steps_add_row(ROW_BLANK, NULL, 0, UI_NORMAL);
		for (i = 0; i < p->nsteps; i++) {
			if (asprintf(&t, "%d. %s", i + 1, p->steps[i]) < 0)
				util_oom();
			steps_para(t, w, 3, 0, UI_NORMAL);
		}
		steps_add_row(ROW_BLANK, NULL, 0, UI_NORMAL);
		steps_para(xstrdup(p->hotline), w, 0, LESSON_BOLD, UI_GOOD);
		steps_para(xstrdup(p->adult), w, 0, LESSON_BOLD, UI_GOOD);
	} else {
		steps_para(xstrdup(_("Call 111: free, day and night.")), w, 0,
		    LESSON_BOLD, UI_GOOD);
		steps_para(xstrdup(_("Tell an adult you trust: a parent, a "
		    "teacher, a grandparent.")), w, 0, LESSON_BOLD, UI_GOOD);
	}
	steps_add_row(ROW_BLANK, NULL, 0, UI_NORMAL);
	steps_para(xstrdup(_("You can also tell your teacher here: press "
	    "Enter.")), w, 0, 0, UI_NORMAL);
	list_set_count(&sm.pager, sm.nrows);
	n = app->rows - STEPS_TOP - 2;
	list_set_height(&sm.pager, n < 1 ? 1 : n);
}

static int
steps_enter(struct app *app, int situation)
{
	memset(&sm, 0, sizeof sm);
	sm.situation = situation;
	sm.pager.pager = 1;
	steps_layout(app);
	return 0;
}

static void
steps_leave(struct app *app)
{
	(void)app;
	steps_free();
	memset(&sm, 0, sizeof sm);
}

static void
steps_key(struct app *app, int key)
{
	if (list_key(&sm.pager, key))
		return;
	switch (key) {
	case '\n':
	case KEY_RIGHT:
		app_push(app, &help_tell_screen, sm.situation);
		break;
	case APP_KEY_BACK:
	case KEY_LEFT:
		app_pop(app);
		break;
	}
}

static void
steps_row(const void *arg, int i, int y, int sel)
{
	const struct app *app = arg;
	const struct steps_row *r = &sm.rows[i];

	(void)sel;
	if (r->kind == ROW_ART)
		ui_put(y, 6, r->art, r->n, ui_attr(UI_ACCENT), app->cols - 8);
	else if (r->kind == ROW_TEXT)
		ui_line(y, 2, &sm.page.lines[r->n], r->role, app->cols - 4);
}

static void
steps_draw(const struct app *app)
{
	ui_header(_("hocso › I need help"), NULL);
	list_draw(&sm.pager, STEPS_TOP, 1, app->cols - 1, steps_row, app);
	ui_footer(_("Enter tell my teacher  Up/Down scroll  Esc back"));
}

const struct screen_ops help_steps_screen = {
	.name = "helpsteps",
	.enter = steps_enter,
	.leave = steps_leave,
	.key = steps_key,
	.draw = steps_draw,
	.resize = steps_layout,
};

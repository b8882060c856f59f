/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * helplist.c: "I need help", the first of the child's help screens (see
 * helpscreens.h): the seven situations in child words, the picture of
 * the one chosen, and a search box that takes the child's words with or
 * without marks (Telex works) and keeps the situations that match
 * (learn/model/helpindex.h).  It owns the help pages the next screens
 * show, read from the catalog's help module when it opens.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "core/i18n.h"
#include "core/text.h"
#include "learn/model/helpindex.h"
#include "learn/model/helpreq.h"
#include "learn/screens/helpscreens.h"
#include "learn/screens/list.h"
#include "learn/screens/ui.h"
#include "quiz/telex.h"

#define LIST_TOP 5		/* the first situation's row */
#define QUERY_MAX 120		/* bytes of the search */

struct helplist_model {
	struct help_page pages[HELP_NSITUATIONS];
	int have[HELP_NSITUATIONS];
	char lang[8];			/* the help's language searched */
	char query[QUERY_MAX + 1];
	size_t qlen;
	struct telex telex;
	int shown[HELP_NSITUATIONS];	/* the situations listed */
	struct list list;		/* over shown */
	int nohit;			/* the search found nothing */
};

static struct helplist_model hl;

const struct help_page *
helplist_page(int s)
{
	return s >= 0 && s < HELP_NSITUATIONS && hl.have[s] ? &hl.pages[s] :
	    NULL;
}

const char *
helplist_title(int s)
{
	const struct help_page *p = helplist_page(s);

	return p != NULL ? p->title : helpreq_situation_child(s);
}

int
helpscreens_is_child(const struct screen_ops *ops)
{
	return ops == &help_list_screen || ops == &help_steps_screen ||
	    ops == &help_tell_screen || ops == &help_sent_screen;
}

void
helpscreens_close(struct app *app)
{
	while (app->depth > 1 && helpscreens_is_child(app_top(app)))
		app_pop(app);
}

/* Every situation, in order. */
static void
helplist_all(void)
{
	int s;

	for (s = 0; s < HELP_NSITUATIONS; s++)
		hl.shown[s] = s;
	hl.nohit = 0;
	list_set_count(&hl.list, HELP_NSITUATIONS);
}

/* The situations that match the search, or all for an empty one. */
static void
helplist_search(struct app *app)
{
	struct hs_error err;
	int n = 0;

	if (hl.qlen == 0 || text_width(hl.query, hl.qlen) == 0) {
		helplist_all();
		return;
	}
	if (helpindex_search(app->store, hl.lang, hl.query, hl.shown,
	    HELP_NSITUATIONS, &n, &err) != 0) {
		app_error(app, &err);
		helplist_all();
		return;
	}
	hl.nohit = n == 0;
	if (n == 0) {			/* nothing found: "something else" */
		hl.shown[0] = HELP_OTHER;
		n = 1;
	}
	list_set_count(&hl.list, n);
	list_select(&hl.list, 0);
}

static void
helplist_fit(struct app *app)
{
	int n = app->rows - LIST_TOP - 10;

	list_set_height(&hl.list, n < 3 ? 3 : n > HELP_NSITUATIONS ?
	    HELP_NSITUATIONS : n);
}

static int
helplist_enter(struct app *app, int arg)
{
	const struct module *m;
	struct hs_error err;
	int s, i;

	(void)arg;
	memset(&hl, 0, sizeof hl);
	telex_init(&hl.telex, app->typing);
	/* The index follows the catalog (a module installed by a sync). */
	if (helpindex_refresh(app->store, &app->catalog, NULL, &err) != 0)
		app_error(app, &err);
	if ((m = helpindex_module(&app->catalog)) != NULL) {
		snprintf(hl.lang, sizeof hl.lang, "%s", m->texts[0].lang);
		for (i = 0; i < m->ntexts; i++)
			if (!strcmp(m->texts[i].lang, app->lang))
				snprintf(hl.lang, sizeof hl.lang, "%s",
				    app->lang);
		for (s = 0; s < HELP_NSITUATIONS; s++)
			hl.have[s] = help_page_load(m->dir, hl.lang, s,
			    &hl.pages[s], &err) == 0;
	}
	helplist_all();
	helplist_fit(app);
	return 0;
}

static void
helplist_leave(struct app *app)
{
	int s;

	(void)app;
	for (s = 0; s < HELP_NSITUATIONS; s++)
		if (hl.have[s])
			help_page_free(&hl.pages[s]);
	memset(&hl, 0, sizeof hl);
}

static int
helplist_takes_text(const struct app *app)
{
	(void)app;
	return 1;
}

static void
helplist_key(struct app *app, int key)
{
	uint32_t c = key == APP_KEY_CHAR ? app->wch : (uint32_t)key;
	int row;

	helplist_fit(app);
	if (list_key(&hl.list, key))
		return;
	switch (key) {
	case '\n':
	case KEY_RIGHT:
		app_push(app, &help_steps_screen, hl.shown[hl.list.sel]);
		return;
	case APP_KEY_CLICK:
		row = list_row_at(&hl.list, LIST_TOP, 1, app->click_y);
		if (row >= 0) {
			list_select(&hl.list, row);
			app_push(app, &help_steps_screen, hl.shown[row]);
		}
		return;
	case APP_KEY_BACK:
		app_pop(app);
		return;
	case KEY_F(2):
	case 20:			/* Ctrl-T */
		app->typing = hl.telex.mode != TELEX_OFF ? TELEX_OFF :
		    app->typing_vi;
		telex_set_mode(&hl.telex, app->typing);
		return;
	case KEY_BACKSPACE:
	case 127:
	case 8:
		telex_backspace(&hl.telex, hl.query, &hl.qlen);
		helplist_search(app);
		return;
	case 21:			/* Ctrl-U: clear */
		hl.query[0] = '\0';
		hl.qlen = 0;
		telex_init(&hl.telex, hl.telex.mode);
		helplist_search(app);
		return;
	}
	if (key != APP_KEY_CHAR && (key < ' ' || key > '~'))
		return;
	if (telex_key(&hl.telex, hl.query, sizeof hl.query, &hl.qlen, c) == 0)
		helplist_search(app);
}

/* A situation's row. */
static void
situation_row(const void *arg, int i, int y, int sel)
{
	const struct app *app = arg;
	int attr = sel ? ui_attr(UI_SELECTED) : (int)A_NORMAL;
	char line[512];

	snprintf(line, sizeof line, "%s%s", sel ? ui_sym("▶ ", "> ") : "  ",
	    helplist_title(hl.shown[i]));
	if (sel)
		ui_fill(y, 1, attr);
	ui_puts(y, 1, line, attr, app->cols - 3);
}

/* The picture of the situation chosen, centred under the list. */
static void
draw_art(const struct app *app, int y, int maxy)
{
	const struct help_page *p = helplist_page(hl.shown[hl.list.sel]);
	const char *s, *nl;
	int w = 0, x;

	if (p == NULL)
		return;
	for (s = p->art; *s != '\0'; s = nl + 1) {	/* the widest line */
		int lw;

		nl = strchr(s, '\n');
		lw = text_width(s, nl != NULL ? (size_t)(nl - s) : strlen(s));
		if (lw > w)
			w = lw;
		if (nl == NULL)
			break;
	}
	x = (app->cols - w) / 2;
	for (s = p->art; *s != '\0' && y < maxy; y++, s = nl + 1) {
		nl = strchr(s, '\n');
		ui_put(y, x < 0 ? 0 : x, s, nl != NULL ? (size_t)(nl - s) :
		    strlen(s), ui_attr(UI_ACCENT), app->cols);
		if (nl == NULL)
			break;
	}
}

static void
helplist_draw(const struct app *app)
{
	int y = LIST_TOP + hl.list.height + 1, x;

	ui_header(_("hocso › I need help"), NULL);
	ui_puts(2, 2, _("You are not alone and it is not your fault. What is "
	    "happening?"), A_BOLD, app->cols - 4);
	x = 2 + ui_puts(3, 2, _("Search: "), A_NORMAL, app->cols - 4);
	ui_put(3, x, hl.query, hl.qlen, ui_attr(UI_HEADING), app->cols - x -
	    2);
	if (hl.nohit)
		ui_puts(4, 2, _("No situation has those words: choose from the "
		    "list, or Backspace to see them all."), ui_attr(UI_DIM),
		    app->cols - 4);
	else if (hl.qlen == 0)
		ui_puts(4, 2, _("(type a few words, with or without marks)"),
		    ui_attr(UI_DIM), app->cols - 4);
	list_draw(&hl.list, LIST_TOP, 1, app->cols - 1, situation_row, app);
	draw_art(app, y, app->rows - 3);
	ui_puts(app->rows - 2, 2, _("If you are in danger now: call 111, free, "
	    "day and night, or go to an adult."), ui_attr(UI_GOOD),
	    app->cols - 4);
	ui_footer(_("Type to search  Up/Down choose  Enter open  Esc back"));
}

static int
helplist_cursor(const struct app *app, int *y, int *x)
{
	const char *label = _("Search: ");

	(void)app;
	*y = 3;
	*x = 2 + text_width(label, strlen(label)) + text_width(hl.query,
	    hl.qlen);
	return 1;
}

const struct screen_ops help_list_screen = {
	.name = "helplist",
	.enter = helplist_enter,
	.leave = helplist_leave,
	.key = helplist_key,
	.draw = helplist_draw,
	.resize = helplist_fit,
	.takes_text = helplist_takes_text,
	.cursor = helplist_cursor,
};

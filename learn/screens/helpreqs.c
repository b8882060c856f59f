/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * helpreqs.c: the teacher's list of the children's requests for help (see
 * helpscreens.h), the first thing teacher mode shows while one is not
 * handled: the unhandled first, the most urgent (danger now, within a
 * day, this week) first among them, then the handled ones.  A request
 * sent without a name shows "(no name)" and nothing else that names.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "core/i18n.h"
#include "core/text.h"
#include "learn/model/helpreq.h"
#include "learn/screens/helpscreens.h"
#include "learn/screens/list.h"
#include "learn/screens/ui.h"

#define REQS_TOP 5

struct reqs_model {
	struct helpreq *reqs;
	int n;
	int open;			/* not handled yet */
	struct list list;
};

static struct reqs_model rm;

static void
reqs_fit(struct app *app)
{
	int n = app->rows - REQS_TOP - 2;

	list_set_height(&rm.list, n < 1 ? 1 : n);
}

static void
reqs_load(struct app *app)
{
	struct hs_error err;
	int i;

	helpreq_list_free(rm.reqs, rm.n);
	rm.reqs = NULL;
	rm.n = rm.open = 0;
	if (helpreq_list(app->store, 0, &rm.reqs, &rm.n, &err) != 0)
		app_error(app, &err);
	for (i = 0; i < rm.n; i++)
		rm.open += rm.reqs[i].state == HELPREQ_NEW;
	list_set_count(&rm.list, rm.n);
	reqs_fit(app);
}

static int
reqs_enter(struct app *app, int arg)
{
	(void)arg;
	memset(&rm, 0, sizeof rm);
	reqs_load(app);
	return 0;
}

static void
reqs_leave(struct app *app)
{
	(void)app;
	helpreq_list_free(rm.reqs, rm.n);
	memset(&rm, 0, sizeof rm);
}

/* Back from a request: the list afresh, the same one chosen. */
static void
reqs_resume(struct app *app)
{
	int sel = rm.list.sel;

	reqs_load(app);
	list_select(&rm.list, sel);
}

static void
reqs_key(struct app *app, int key)
{
	int row;

	reqs_fit(app);
	if (list_key(&rm.list, key))
		return;
	switch (key) {
	case '\n':
	case KEY_RIGHT:
		if (rm.n > 0)
			app_push(app, &help_request_screen,
			    (int)rm.reqs[rm.list.sel].id);
		break;
	case APP_KEY_CLICK:
		row = list_row_at(&rm.list, REQS_TOP, 1, app->click_y);
		if (row >= 0) {
			list_select(&rm.list, row);
			app_push(app, &help_request_screen,
			    (int)rm.reqs[row].id);
		}
		break;
	case APP_KEY_BACK:
	case KEY_LEFT:
		app_pop(app);
		break;
	}
}

/* s padded or cut to cols columns at (y, x). */
static void
put_col(int y, int x, const char *s, int attr, int cols)
{
	ui_puts(y, x, s, attr, cols - 1);
}

static void
req_row(const void *arg, int i, int y, int sel)
{
	const struct app *app = arg;
	const struct helpreq *r = &rm.reqs[i];
	int attr = sel ? ui_attr(UI_SELECTED) : r->state != HELPREQ_NEW ?
	    ui_attr(UI_DIM) : r->urgency == HELPREQ_NOW ? ui_attr(UI_BAD) :
	    (int)A_NORMAL;
	char id[16], when[24], who[200];

	if (sel)
		ui_fill(y, 1, attr);
	snprintf(id, sizeof id, "%s%lld", sel ? ui_sym("▶", ">") : " ",
	    r->id);
	helpreq_local_time(r->created_ms, when, sizeof when);
	helpreq_who(r, who, sizeof who);
	put_col(y, 1, id, attr, 5);
	put_col(y, 6, r->state == HELPREQ_NEW ?
	    helpreq_urgency_words(r->urgency) :
	    helpreq_state_words(r->state), attr, 16);
	put_col(y, 22, helpreq_situation_words(r->situation), attr, 24);
	put_col(y, 46, when + 5, attr, 13);	/* "12-06 15:04" */
	put_col(y, 59, who, attr, app->cols - 60);
}

static void
reqs_draw(const struct app *app)
{
	char line[256];
	int w = app->cols - 4;

	ui_header(_("hocso › Teacher › Requests for help"), NULL);
	if (rm.open > 0)
		snprintf(line, sizeof line, P_("%d request for help waits: "
		    "the most urgent first. Open it, act, then mark it.",
		    "%d requests for help wait: the most urgent first. Open "
		    "each, act, then mark it.", rm.open), rm.open);
	else
		snprintf(line, sizeof line, "%s", rm.n > 0 ? _("Every request "
		    "has been handled.") : _("No child has asked for help."));
	ui_wrap(2, 2, line, rm.open > 0 ? A_BOLD : (int)A_NORMAL, w, 2);
	ui_puts(REQS_TOP - 1, 2, _("no."), ui_attr(UI_DIM), 4);
	ui_puts(REQS_TOP - 1, 6, _("urgency/state"), ui_attr(UI_DIM), 15);
	ui_puts(REQS_TOP - 1, 22, _("situation"), ui_attr(UI_DIM), 23);
	ui_puts(REQS_TOP - 1, 46, _("sent"), ui_attr(UI_DIM), 12);
	ui_puts(REQS_TOP - 1, 59, _("from"), ui_attr(UI_DIM), app->cols - 60);
	list_draw(&rm.list, REQS_TOP, 1, app->cols - 1, req_row, app);
	ui_footer(_("Up/Down choose  Enter open  q back to the classes"));
}

const struct screen_ops help_requests_screen = {
	.name = "helpreqs",
	.enter = reqs_enter,
	.leave = reqs_leave,
	.resume = reqs_resume,
	.key = reqs_key,
	.draw = reqs_draw,
	.resize = reqs_fit,
};

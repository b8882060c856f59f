/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * home.c: the home screen: the modules in the catalog, with the learner's
 * progress in each; before them, any safety alert the learner has not
 * read, in a box, until they say they have read it.  See screen.h for the
 * model/draw split.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"
#include "learn/screens/home.h"
#include "learn/screens/list.h"
#include "learn/screens/modview.h"
#include "learn/screens/signin.h"
#include "learn/screens/ui.h"
#include "sync/alert.h"

#define HOME_TOP 4		/* first row of the module list */
#define HOME_ROWS 3		/* rows per module */

struct home_model {
	struct list modules;		/* over the modules shown (app_module) */
	int *done;			/* per module: lessons completed */
	double *best;			/* per module: best quiz score, or -1 */
	/* Safety alerts the learner has not read, shown one by one before
	 * the modules until each is marked read (sync/alert.h). */
	struct alert *alerts;
	int nalerts;
	int alert_at;			/* the one shown; nalerts: none left */
	int alert_scroll;		/* its first line shown */
};

static struct home_model home;

/* How many modules fit on the screen. */
static void
home_fit(struct app *app)
{
	int n = (app->rows - HOME_TOP - 2) / HOME_ROWS;

	list_set_height(&home.modules, n < 1 ? 1 : n);
}

/* Back to sign-in for the next learner, or the end without a roster. */
static void
home_back(struct app *app)
{
	if (app->roster)
		app_replace(app, &signin_screen, 0);
	else
		app->quit = 1;
}

/* Alerts: the box's size, and the alert shown laid out in it. */
#define ALERT_BOX_COLS 70	/* at most, borders included */
#define ALERT_PAD 3		/* blank columns inside each side */
#define ALERT_TOP 2		/* the box's first row */

static int
alert_showing(const struct app *app)
{
	(void)app;
	return home.alert_at < home.nalerts;
}

static int
alert_box_cols(const struct app *app)
{
	int w = app->cols - 4;

	return w > ALERT_BOX_COLS ? ALERT_BOX_COLS : w < 20 ? 20 : w;
}

/* The rows inside the box for the title and text, below the heading:
 * the box runs from ALERT_TOP to the row above the footer. */
static int
alert_text_rows(const struct app *app)
{
	/* borders 2, heading 1, a blank under it 1, the hint and a blank
	 * over it 2 */
	int n = app->rows - 1 - ALERT_TOP - 6;

	return n < 1 ? 1 : n;
}

/* The alert shown, wrapped to the box: its title (in title) and its
 * text (in text); one blank row goes between them. */
static void
alert_layout(const struct app *app, struct lesson_page *title,
    struct lesson_page *text)
{
	const struct alert *a = &home.alerts[home.alert_at];
	const char *t = alert_title(a, app->lang), *x = alert_text(a, app->lang);
	int w = alert_box_cols(app) - 2 - 2 * ALERT_PAD;

	memset(title, 0, sizeof *title);
	memset(text, 0, sizeof *text);
	lesson_layout_text(t, strlen(t), LESSON_BOLD, w, 0, title);
	lesson_layout_text(x, strlen(x), 0, w, 0, text);
}

/* The first line that can be shown of the alert's title and text. */
static int
alert_max_scroll(const struct app *app)
{
	struct lesson_page title, text;
	int n;

	alert_layout(app, &title, &text);
	n = title.nlines + 1 + text.nlines - alert_text_rows(app);
	lesson_page_free(&title);
	lesson_page_free(&text);
	return n < 0 ? 0 : n;
}

static void
alert_free(struct home_model *h)
{
	free(h->alerts);
	h->alerts = NULL;
	h->nalerts = h->alert_at = h->alert_scroll = 0;
}

/* The learner's unread alerts, afresh: one may have come with a sync
 * since the screen was last shown. */
static void
alert_load(struct app *app)
{
	struct home_model *h = &home;
	struct hs_error err;
	char today[16];

	alert_free(h);
	alert_today(today, sizeof today);
	if (alert_unread(app->store, app->progress.learner_uuid, today,
	    &h->alerts, &h->nalerts, &err) != 0)
		app_error(app, &err);
}

/* "I have read it": noted for this learner, then the next alert. */
static void
alert_read(struct app *app)
{
	struct home_model *h = &home;
	struct hs_error err;

	if (alert_mark_read(app->store, app->progress.learner_uuid,
	    h->alerts[h->alert_at].id, &err) != 0)
		app_error(app, &err);
	h->alert_scroll = 0;
	if (++h->alert_at >= h->nalerts)
		alert_free(h);
}

static void
alert_key(struct app *app, int key)
{
	struct home_model *h = &home;
	int max = alert_max_scroll(app), page = alert_text_rows(app);

	switch (key) {
	case '\n':
		alert_read(app);
		break;
	case KEY_DOWN:
	case 'j':
		h->alert_scroll++;
		break;
	case KEY_UP:
	case 'k':
		h->alert_scroll--;
		break;
	case KEY_NPAGE:
	case ' ':
		h->alert_scroll += page - 1;
		break;
	case KEY_PPAGE:
		h->alert_scroll -= page - 1;
		break;
	case APP_KEY_BACK:	/* not read: it comes again next time */
		home_back(app);
		return;
	default:
		break;
	}
	if (h->alert_scroll > max)
		h->alert_scroll = max;
	if (h->alert_scroll < 0)
		h->alert_scroll = 0;
}

static void
alert_draw(const struct app *app)
{
	const struct home_model *h = &home;
	struct lesson_page title, text;
	int w = alert_box_cols(app), x = (app->cols - w) / 2, y = ALERT_TOP;
	int rows = alert_text_rows(app), iw = w - 2 - 2 * ALERT_PAD;
	int ix = x + 1 + ALERT_PAD, row, line, cw, more, total;
	int top = h->alert_scroll;
	char count[32];

	/* the box as tall as the alert needs, up to the footer; scrolled
	 * no further than its end (the terminal may have grown) */
	alert_layout(app, &title, &text);
	total = title.nlines + 1 + text.nlines;
	if (total < rows)
		rows = total;
	if (top > total - rows)
		top = total - rows;
	ui_box(y, x, rows + 6, w, ui_attr(UI_ACCENT));
	/* TRANSLATORS: over a safety alert, for a child; at most 54
	 * columns. */
	ui_puts(y + 1, ix, _("An important message to keep you safe"),
	    ui_attr(UI_ACCENT), iw - 8);
	if (h->nalerts > 1) {
		snprintf(count, sizeof count, "%d/%d", h->alert_at + 1,
		    h->nalerts);
		cw = text_width(count, strlen(count));
		ui_puts(y + 1, ix + iw - cw, count, ui_attr(UI_ACCENT), cw);
	}
	for (row = 0; row < rows; row++) {
		line = top + row;
		if (line < title.nlines)
			ui_line(y + 3 + row, ix, &title.lines[line], UI_HEADING,
			    iw);
		else if (line > title.nlines && line - title.nlines - 1 <
		    text.nlines)
			ui_line(y + 3 + row, ix,
			    &text.lines[line - title.nlines - 1], UI_NORMAL,
			    iw);
	}
	more = total - top > rows;
	lesson_page_free(&title);
	lesson_page_free(&text);
	if (more)
		ui_puts(y + 3 + rows, ix + iw - 1, ui_sym("▼", "v"),
		    ui_attr(UI_ACCENT), 1);
	if (top > 0)
		ui_puts(y + 2, ix + iw - 1, ui_sym("▲", "^"),
		    ui_attr(UI_ACCENT), 1);
	ui_puts(y + rows + 4, ix, more ? _("Read on with the Down key; then press "
	    "Enter.") : _("When you have read it, press Enter."), A_BOLD, iw);
	ui_footer(app->roster ? _("Enter I have read it  Up/Down read on  "
	    "q sign out") : _("Enter I have read it  Up/Down read on  q quit"));
}

static void
home_leave(struct app *app)
{
	struct home_model *h = &home;

	(void)app;
	free(h->done);
	free(h->best);
	h->done = NULL;
	h->best = NULL;
	alert_free(h);
}

/* The learner's progress in each module, and their alerts, afresh. */
static void
home_refresh(struct app *app)
{
	struct home_model *h = &home;
	struct hs_error err;
	int i, tries;

	alert_load(app);
	free(h->done);
	free(h->best);
	h->done = xcalloc(app_nmodules(app) + 1, sizeof *h->done);
	h->best = xcalloc(app_nmodules(app) + 1, sizeof *h->best);
	for (i = 0; i < app_nmodules(app); i++) {
		const char *id = app->catalog.modules[app_module(app, i)].id;

		if (progress_lessons_done(&app->progress, id, &h->done[i],
		    &err) != 0)
			h->done[i] = 0;
		if (progress_quiz_scores(&app->progress, id, &h->best[i], NULL,
		    &tries, &err) != 0)
			h->best[i] = -1;
	}
	list_set_count(&h->modules, app_nmodules(app));
	home_fit(app);
}

static int
home_enter(struct app *app, int arg)
{
	(void)arg;
	memset(&home, 0, sizeof home);
	home_refresh(app);
	return 0;
}

static void
home_key(struct app *app, int key)
{
	struct home_model *h = &home;
	int row;

	if (alert_showing(app)) {
		alert_key(app, key);
		return;
	}
	home_fit(app);
	if (key == 'k')
		key = KEY_UP;
	else if (key == 'j')
		key = KEY_DOWN;
	if (list_key(&h->modules, key))
		return;
	switch (key) {
	case '\n':
	case ' ':
	case KEY_RIGHT:
		if (app_nmodules(app) > 0)
			app_push(app, &module_screen,
			    app_module(app, h->modules.sel));
		break;
	case APP_KEY_CLICK:
		row = list_row_at(&h->modules, HOME_TOP, HOME_ROWS,
		    app->click_y);
		if (row >= 0) {
			list_select(&h->modules, row);
			app_push(app, &module_screen, app_module(app, row));
		}
		break;
	case APP_KEY_BACK:	/* signs out, for the next learner */
		home_back(app);
		break;
	default:
		/* A number moves the selection; Enter opens (nothing
		 * opens that the child did not see chosen). */
		if (key >= '1' && key <= '9' && key - '1' < app_nmodules(app))
			list_select(&h->modules, key - '1');
		break;
	}
}

/* A module on the list: its number, title, the learner's progress on
 * the right, and its summary under. */
static void
module_row(const void *arg, int i, int y, int sel)
{
	const struct app *app = arg;
	const struct home_model *h = &home;
	const struct module *m = &app->catalog.modules[app_module(app, i)];
	int attr = sel ? ui_attr(UI_SELECTED) : (int)A_BOLD, rw;
	char right[128], line[256];

	if (h->best[i] >= 0)
		snprintf(right, sizeof right, _("lessons %d/%d  best %d%%"),
		    h->done[i], m->nlessons, (int)(h->best[i] * 100 + 0.5));
	else
		snprintf(right, sizeof right, _("lessons %d/%d"), h->done[i],
		    m->nlessons);
	snprintf(line, sizeof line, "%s%d. %s%s", sel ? ui_sym("▶ ", "> ") :
	    "  ", i + 1, module_title(m, app->lang), m->unsigned_pkg ?
	    /* TRANSLATORS: after a module installed unsigned. */
	    _(" (unsigned)") : "");
	if (sel)
		ui_fill(y, 1, attr);
	rw = text_width(right, strlen(right));
	ui_puts(y, 1, line, attr, app->cols - rw - 5);
	ui_puts(y, app->cols - rw - 2, right, sel ? attr : ui_attr(UI_DIM), rw);
	ui_wrap(y + 1, 6, module_summary(m, app->lang), A_NORMAL,
	    app->cols - 8, 1);		/* cut at a word, with "…" */
}

static void
home_draw(const struct app *app)
{
	const struct home_model *h = &home;

	ui_header(_("Học Số - learning to be safe online"),
	    app->signed_in[0] != '\0' ? app->signed_in : NULL);
	if (alert_showing(app)) {
		alert_draw(app);
		return;
	}
	if (app->catalog.n > 0 && app_nmodules(app) == 0) {
		ui_puts(2, 2, _("Your class has no topics yet."), A_BOLD,
		    app->cols - 4);
		ui_puts(3, 2, _("Ask your teacher to choose some."), A_NORMAL,
		    app->cols - 4);
	} else if (app->catalog.n == 0) {
		ui_puts(2, 2, _("No modules are installed yet."), A_BOLD,
		    app->cols - 4);
		ui_puts(3, 2, _("Ask your teacher to install some."), A_NORMAL,
		    app->cols - 4);
	} else
		ui_puts(2, 2, _("Choose a topic to learn:"), A_BOLD,
		    app->cols - 4);
	list_draw(&h->modules, HOME_TOP, HOME_ROWS, app->cols - 1, module_row,
	    app);
	ui_footer(app->roster ? _("Up/Down choose  Enter open  ? help  q quit") :
	    _("Up/Down choose  Enter open  ? help  q quit  F5 teacher"));
}

const struct screen_ops home_screen = {
	.name = "home",
	.enter = home_enter,
	.leave = home_leave,
	.resume = home_refresh,
	.key = home_key,
	.draw = home_draw,
	.resize = home_fit,
};

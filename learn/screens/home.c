/*
 * home.c: the home screen: the modules in the catalog, with the learner's
 * progress in each; before them, any safety alert the learner has not
 * read, in a box, until they say they have read it.  See app.h for the
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
#include "learn/screens/app.h"
#include "learn/screens/ui.h"

#define HOME_TOP 4		/* first row of the module list */
#define HOME_ROWS 3		/* rows per module */

static int
home_visible(const struct app *app)
{
	int n = (app->rows - HOME_TOP - 2) / HOME_ROWS;

	return n < 1 ? 1 : n;
}

static void
home_select(struct app *app, int sel)
{
	struct home_model *h = &app->home;
	int vis = home_visible(app);

	if (app->catalog.n == 0)
		return;
	if (sel < 0)
		sel = 0;
	if (sel >= app->catalog.n)
		sel = app->catalog.n - 1;
	h->sel = sel;
	if (h->sel < h->top)
		h->top = h->sel;
	if (h->sel >= h->top + vis)
		h->top = h->sel - vis + 1;
}

/* Alerts: the box's size, and the alert shown laid out in it. */
#define ALERT_BOX_COLS 70	/* at most, borders included */
#define ALERT_PAD 3		/* blank columns inside each side */
#define ALERT_TOP 2		/* the box's first row */

static int
alert_showing(const struct app *app)
{
	return app->home.alert_at < app->home.nalerts;
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
	const struct alert *a = &app->home.alerts[app->home.alert_at];
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
	struct home_model *h = &app->home;
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
	struct home_model *h = &app->home;
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
	struct home_model *h = &app->home;
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
		if (app->roster)
			signin_enter(app);
		else
			app->quit = 1;
		break;
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
	const struct home_model *h = &app->home;
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

void
home_leave(struct app *app)
{
	struct home_model *h = &app->home;

	free(h->done);
	free(h->best);
	h->done = NULL;
	h->best = NULL;
	alert_free(h);
}

void
home_refresh(struct app *app)
{
	struct home_model *h = &app->home;
	struct hs_error err;
	int i, tries;

	alert_load(app);
	free(h->done);
	free(h->best);
	h->done = xcalloc(app->catalog.n, sizeof *h->done);
	h->best = xcalloc(app->catalog.n, sizeof *h->best);
	for (i = 0; i < app->catalog.n; i++) {
		const char *id = app->catalog.modules[i].id;

		if (progress_lessons_done(&app->progress, id, &h->done[i],
		    &err) != 0)
			h->done[i] = 0;
		if (progress_quiz_scores(&app->progress, id, &h->best[i], NULL,
		    &tries, &err) != 0)
			h->best[i] = -1;
	}
}

void
home_key(struct app *app, int key)
{
	struct home_model *h = &app->home;
	int row;

	if (alert_showing(app)) {
		alert_key(app, key);
		return;
	}
	switch (key) {
	case KEY_UP:
	case 'k':
		home_select(app, h->sel - 1);
		break;
	case KEY_DOWN:
	case 'j':
		home_select(app, h->sel + 1);
		break;
	case KEY_HOME:
		home_select(app, 0);
		break;
	case KEY_END:
		home_select(app, app->catalog.n - 1);
		break;
	case '\n':
	case ' ':
	case KEY_RIGHT:
		if (app->catalog.n > 0)
			modview_enter(app, h->sel);
		break;
	case APP_KEY_CLICK:
		row = (app->click_y - HOME_TOP) / HOME_ROWS;
		if (app->click_y >= HOME_TOP && row < home_visible(app) &&
		    h->top + row < app->catalog.n) {
			home_select(app, h->top + row);
			modview_enter(app, h->sel);
		}
		break;
	case APP_KEY_BACK:
		if (app->roster)	/* signs out, for the next learner */
			signin_enter(app);
		else
			app->quit = 1;
		break;
	default:
		if (key >= '1' && key <= '9' && key - '1' < app->catalog.n) {
			home_select(app, key - '1');
			modview_enter(app, h->sel);
		}
		break;
	}
}

void
home_draw(const struct app *app)
{
	const struct home_model *h = &app->home;
	char right[128], line[256];
	int i, y, vis = home_visible(app), rw;

	ui_header(_("Hoc So - learning to be safe online"),
	    app->signed_in[0] != '\0' ? app->signed_in : NULL);
	if (alert_showing(app)) {
		alert_draw(app);
		return;
	}
	if (app->catalog.n == 0) {
		ui_puts(2, 2, _("No modules are installed yet."), A_BOLD,
		    app->cols - 4);
		ui_puts(3, 2, _("Ask your teacher to install some."), A_NORMAL,
		    app->cols - 4);
	} else
		ui_puts(2, 2, _("Choose a topic to learn:"), A_BOLD,
		    app->cols - 4);
	for (i = h->top; i < app->catalog.n && i < h->top + vis; i++) {
		const struct module *m = &app->catalog.modules[i];
		int sel = i == h->sel;
		int attr = sel ? ui_attr(UI_SELECTED) : (int)A_BOLD;

		y = HOME_TOP + (i - h->top) * HOME_ROWS;
		if (h->best[i] >= 0)
			snprintf(right, sizeof right, _("lessons %d/%d  best %d%%"),
			    h->done[i], m->nlessons,
			    (int)(h->best[i] * 100 + 0.5));
		else
			snprintf(right, sizeof right, _("lessons %d/%d"),
			    h->done[i], m->nlessons);
		snprintf(line, sizeof line, "%s%d. %s%s", sel ?
		    ui_sym("▶ ", "> ") : "  ", i + 1,
		    module_title(m, app->lang), m->unsigned_pkg ?
		    /* TRANSLATORS: after a module installed unsigned. */
		    _(" (unsigned)") : "");
		if (sel)
			ui_fill(y, 1, attr);
		rw = text_width(right, strlen(right));
		ui_puts(y, 1, line, attr, app->cols - rw - 5);
		ui_puts(y, app->cols - rw - 2, right, sel ? attr :
		    ui_attr(UI_DIM), rw);
		ui_puts(y + 1, 6, module_summary(m, app->lang), A_NORMAL,
		    app->cols - 8);
	}
	ui_footer(_("Up/Down choose  Enter open  ? help  q quit"));
}

/*
 * home.c: the home screen: the modules in the catalog, with the learner's
 * progress in each.  See app.h for the model/draw split.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"
#include "learn/app.h"
#include "learn/ui.h"

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

void
home_refresh(struct app *app)
{
	struct home_model *h = &app->home;
	struct hs_error err;
	int i, tries;

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

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * helpreqview.c: one child's request for help, for the teacher (see
 * helpscreens.h): what happened, when, from whom (or "(no name)"), the
 * child's words, what was done so far, and the keys that mark it talked
 * with the child, passed to the child-protection contact or 111, or
 * closed, each with a note typed here (Telex works).  Marks are added,
 * never changed.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "core/fileio.h"
#include "core/i18n.h"
#include "core/text.h"
#include "learn/model/helpreq.h"
#include "learn/screens/helpscreens.h"
#include "learn/screens/ui.h"
#include "quiz/telex.h"

struct reqview_model {
	long long id;
	struct helpreq r;
	int loaded;
	int marking;			/* the state a note is typed for, or 0 */
	char note[HELPREQ_NOTE_MAX / 2 + 1];
	size_t len;
	struct telex telex;
};

static struct reqview_model rv;

static int
reqview_load(struct app *app)
{
	struct hs_error err;

	if (rv.loaded)
		helpreq_free(&rv.r);
	rv.loaded = 0;
	if (helpreq_get(app->store, rv.id, &rv.r, &err) != 0) {
		app_error(app, &err);
		return -1;
	}
	rv.loaded = 1;
	return 0;
}

static int
reqview_enter(struct app *app, int id)
{
	memset(&rv, 0, sizeof rv);
	rv.id = id;
	return reqview_load(app);
}

static void
reqview_leave(struct app *app)
{
	(void)app;
	if (rv.loaded)
		helpreq_free(&rv.r);
	memset(&rv, 0, sizeof rv);
}

static int
reqview_takes_text(const struct app *app)
{
	(void)app;
	return rv.marking != 0;
}

static void
reqview_note_key(struct app *app, int key)
{
	uint32_t c = key == APP_KEY_CHAR ? app->wch : (uint32_t)key;
	struct hs_error err;
	char msg[256];

	switch (key) {
	case '\n':
		if (helpreq_mark(app->store, rv.id, rv.marking, rv.note,
		    &err) != 0) {
			app_error(app, &err);
			return;
		}
		snprintf(msg, sizeof msg, _("Request %lld: %s."), rv.id,
		    helpreq_state_words(rv.marking));
		rv.marking = 0;
		reqview_load(app);
		app_message(app, msg);
		return;
	case APP_KEY_BACK:
		rv.marking = 0;
		return;
	case KEY_F(2):
	case 20:
		app->typing = rv.telex.mode != TELEX_OFF ? TELEX_OFF :
		    app->typing_vi;
		telex_set_mode(&rv.telex, app->typing);
		return;
	case KEY_BACKSPACE:
	case 127:
	case 8:
		telex_backspace(&rv.telex, rv.note, &rv.len);
		return;
	}
	if (key != APP_KEY_CHAR && (key < ' ' || key > '~'))
		return;
	if (telex_key(&rv.telex, rv.note, sizeof rv.note, &rv.len, c) != 0)
		app_message(app, _("The note is as long as it can be."));
}

static void
reqview_key(struct app *app, int key)
{
	int state = 0;

	if (rv.marking) {
		reqview_note_key(app, key);
		return;
	}
	switch (key) {
	case 't':
		state = HELPREQ_TALKED;
		break;
	case 'p':
		state = HELPREQ_PASSED;
		break;
	case 'c':
		state = HELPREQ_CLOSED;
		break;
	case APP_KEY_BACK:
	case KEY_LEFT:
		app_pop(app);
		return;
	default:
		return;
	}
	rv.marking = state;
	rv.note[0] = '\0';
	rv.len = 0;
	telex_init(&rv.telex, app->typing);
}

static int
reqview_cursor(const struct app *app, int *y, int *x)
{
	const char *label = _("Note: ");

	if (!rv.marking)
		return 0;
	*y = app->rows - 3;
	*x = 2 + text_width(label, strlen(label)) + text_width(rv.note,
	    rv.len);
	if (*x > app->cols - 2)
		*x = app->cols - 2;
	return 1;
}

static void
reqview_draw(const struct app *app)
{
	const struct helpreq *r = &rv.r;
	char line[512], when[24], who[200], *words;
	int y = 2, w = app->cols - 4, i;

	snprintf(line, sizeof line, _("hocso › Teacher › Request for help "
	    "%lld"), rv.id);
	ui_header(line, NULL);
	if (!rv.loaded)
		return;
	helpreq_local_time(r->created_ms, when, sizeof when);
	helpreq_who(r, who, sizeof who);
	snprintf(line, sizeof line, _("Situation: %s  ·  urgency: %s"),
	    helpreq_situation_words(r->situation),
	    helpreq_urgency_words(r->urgency));
	ui_puts(y++, 2, line, r->state == HELPREQ_NEW && r->urgency ==
	    HELPREQ_NOW ? ui_attr(UI_BAD) | A_BOLD : A_BOLD, w);
	snprintf(line, sizeof line, _("Sent %s by %s"), when, who);
	ui_puts(y++, 2, line, A_NORMAL, w);
	snprintf(line, sizeof line, _("State: %s"),
	    helpreq_state_words(r->state));
	ui_puts(y++, 2, line, A_NORMAL, w);
	y++;
	ui_puts(y++, 2, _("The child's words:"), A_BOLD, w);
	words = fileio_printable(r->message);
	y += ui_wrap(y, 4, words != NULL && words[0] != '\0' ? words :
	    _("(no words)"), words != NULL && words[0] != '\0' ?
	    (int)A_NORMAL : ui_attr(UI_DIM), w - 2, 4);
	free(words);
	y++;
	if (r->nmarks > 0) {
		ui_puts(y++, 2, _("What was done:"), A_BOLD, w);
		for (i = 0; i < r->nmarks && y < app->rows - 5; i++) {
			helpreq_local_time(r->marks[i].at_ms, when,
			    sizeof when);
			snprintf(line, sizeof line, "%s  %s%s%s", when,
			    helpreq_state_words(r->marks[i].state),
			    r->marks[i].note[0] != '\0' ? ": " : "",
			    r->marks[i].note);
			y += ui_wrap(y, 4, line, A_NORMAL, w - 2, 2);
		}
		y++;
	}
	if (r->state == HELPREQ_NEW && y < app->rows - 4)
		ui_wrap(y, 2, r->urgency == HELPREQ_NOW ? _("Danger now: "
		    "see the child today. If a child may be harmed, tell the "
		    "school's child-protection contact now, or call 111.") :
		    _("Talk with the child when you can; if you learn that a "
		    "child may be harmed, pass it on at once."), A_NORMAL, w,
		    app->rows - 4 - y);
	if (rv.marking) {
		snprintf(line, sizeof line, _("Marking it: %s. A note if you "
		    "want, then Enter:"), helpreq_state_words(rv.marking));
		ui_puts(app->rows - 4, 2, line, A_BOLD, w);
		i = ui_puts(app->rows - 3, 2, _("Note: "), A_NORMAL, w);
		ui_put(app->rows - 3, 2 + i, rv.note, rv.len,
		    ui_attr(UI_HEADING), w - i);
		ui_footer(_("Type a note  Enter save  Esc cancel"));
	} else
		ui_footer(_("t talked with the child  p passed on / 111  "
		    "c closed  q back"));
}

const struct screen_ops help_request_screen = {
	.name = "helpreqview",
	.enter = reqview_enter,
	.leave = reqview_leave,
	.key = reqview_key,
	.draw = reqview_draw,
	.takes_text = reqview_takes_text,
	.cursor = reqview_cursor,
};

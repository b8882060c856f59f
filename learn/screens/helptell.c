/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * helptell.c: "Tell my teacher" (see helpscreens.h): a few words if the
 * child wants (Telex or VNI as in the quiz's text box), sent with the
 * child's name or without it, and, before anything is sent, who will
 * read it and what happens next, honestly: a teacher must pass it on
 * when someone is in danger.  Nothing is chosen for the child: Enter
 * sends only once the child has moved onto one of the ways to send.
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
#include "learn/screens/ui.h"
#include "quiz/telex.h"

#define BOX_TOP 4
#define BOX_ROWS 2		/* rows of text in the box */

struct tell_model {
	int situation;
	char text[HELPREQ_MESSAGE_MAX / 2 + 1];
	size_t len;
	struct telex telex;
	int on_choice;			/* the keys go to the ways to send */
	int opt;			/* the way moved onto, -1 none */
	int can_name;			/* a learner is signed in */
};

static struct tell_model tm;

/* The ways to send: with the name (when signed in), without. */
static int
tell_nopts(void)
{
	return tm.can_name ? 2 : 1;
}

static int
tell_anonymous(int opt)
{
	return !tm.can_name || opt == 1;
}

static int
tell_enter(struct app *app, int situation)
{
	memset(&tm, 0, sizeof tm);
	tm.situation = situation;
	tm.opt = -1;
	tm.can_name = app->signed_in[0] != '\0' &&
	    app->progress.learner_id > 0;
	telex_init(&tm.telex, app->typing);
	return 0;
}

static void
tell_leave(struct app *app)
{
	(void)app;
	memset(&tm, 0, sizeof tm);
}

static int
tell_takes_text(const struct app *app)
{
	(void)app;
	return !tm.on_choice;
}

static void
tell_send(struct app *app)
{
	struct hs_error err;
	int anonymous = tell_anonymous(tm.opt);

	if (helpreq_add(app->store, tm.situation, anonymous ? 0 :
	    app->progress.learner_id, tm.text, app->lang, NULL, &err) != 0) {
		app_error(app, &err);
		return;
	}
	app_replace(app, &help_sent_screen, anonymous);
}

static void
tell_choice_key(struct app *app, int key)
{
	switch (key) {
	case KEY_UP:
		if (tm.opt <= 0) {
			tm.on_choice = 0;
			tm.opt = -1;
		} else
			tm.opt--;
		return;
	case KEY_DOWN:
		if (tm.opt < tell_nopts() - 1)
			tm.opt++;
		return;
	case '\t':
	case KEY_BTAB:
		tm.on_choice = 0;
		tm.opt = -1;
		return;
	case '\n':
	case ' ':
		if (tm.opt < 0)
			app_message(app, tm.can_name ? _("Choose how to send "
			    "it first: with your name, or without it (Down).") :
			    _("Move onto \"send it without a name\" first "
			    "(Down), then Enter."));
		else
			tell_send(app);
		return;
	case APP_KEY_BACK:
		app_pop(app);
		return;
	}
}

static void
tell_key(struct app *app, int key)
{
	uint32_t c = key == APP_KEY_CHAR ? app->wch : (uint32_t)key;

	if (tm.on_choice) {
		tell_choice_key(app, key);
		return;
	}
	switch (key) {
	case KEY_F(2):
	case KEY_F(3):
	case 20:			/* Ctrl-T */
		if (key == KEY_F(3))	/* Telex <-> VNI */
			app->typing_vi = tm.telex.mode == TELEX_VNI ?
			    TELEX_TELEX : TELEX_VNI;
		app->typing = key != KEY_F(3) && tm.telex.mode != TELEX_OFF ?
		    TELEX_OFF : app->typing_vi;
		telex_set_mode(&tm.telex, app->typing);
		return;
	case '\n':
	case '\t':
	case KEY_DOWN:
		tm.on_choice = 1;
		tm.opt = -1;
		return;
	case APP_KEY_BACK:
		app_pop(app);
		return;
	case KEY_BACKSPACE:
	case 127:
	case 8:
		telex_backspace(&tm.telex, tm.text, &tm.len);
		return;
	case 21:			/* Ctrl-U: clear */
		tm.text[0] = '\0';
		tm.len = 0;
		telex_init(&tm.telex, tm.telex.mode);
		return;
	}
	if (key != APP_KEY_CHAR && (key < ' ' || key > '~'))
		return;
	if (telex_key(&tm.telex, tm.text, sizeof tm.text, &tm.len, c) != 0)
		app_message(app, _("That is as many words as the box takes."));
}

/* Where the text box's cursor is: the end of the text as wrapped. */
static int
tell_cursor(const struct app *app, int *y, int *x)
{
	struct lesson_page page = { 0 };
	int w = app->cols - 8;

	if (tm.on_choice)
		return 0;
	lesson_layout_text(tm.text, tm.len, 0, w, 0, &page);
	*y = BOX_TOP + 1 + (page.nlines > 0 ? page.nlines - 1 : 0);
	*x = 4 + (page.nlines > 0 ? page.lines[page.nlines - 1].width : 0);
	if (*x > app->cols - 4 && *y < BOX_TOP + BOX_ROWS) {
		(*y)++;
		*x = 4;
	}
	if (*y > BOX_TOP + BOX_ROWS)
		*y = BOX_TOP + BOX_ROWS;
	lesson_page_free(&page);
	return 1;
}

static void
tell_draw(const struct app *app)
{
	const char *s;
	char line[256];
	int y, i, w = app->cols - 4;

	ui_header(_("hocso › I need help › Tell my teacher"), NULL);
	ui_puts(2, 2, helplist_title(tm.situation), ui_attr(UI_HEADING), w);
	ui_puts(3, 2, _("A few words for your teacher, if you want (you may "
	    "leave it empty):"), A_NORMAL, w);
	ui_box(BOX_TOP, 2, BOX_ROWS + 2, app->cols - 4, tm.on_choice ?
	    ui_attr(UI_DIM) : ui_attr(UI_ACCENT));
	ui_wrap(BOX_TOP + 1, 4, tm.text, A_NORMAL, app->cols - 8, BOX_ROWS);
	y = BOX_TOP + BOX_ROWS + 2;
	if (tm.telex.mode == TELEX_TELEX)
		s = _("Vietnamese typing: Telex (aa=â, dd=đ, s f r x j = tones)."
		    " F2 plain, F3 VNI");
	else if (tm.telex.mode == TELEX_VNI)
		s = _("Vietnamese typing: VNI (a6=â, d9=đ, 1-5 = tones). "
		    "F2 plain, F3 Telex");
	else
		s = _("Plain typing. F2 Vietnamese typing (Telex)");
	ui_puts(y, 2, s, ui_attr(UI_DIM), w);
	y += 2;
	ui_puts(y++, 2, _("How to send it:"), A_BOLD, w);
	for (i = 0; i < tell_nopts(); i++, y++) {
		int sel = tm.on_choice && tm.opt == i;
		int attr = sel ? ui_attr(UI_SELECTED) : (int)A_NORMAL;

		if (tm.can_name && i == 0)
			snprintf(line, sizeof line, _("with my name: %s"),
			    app->signed_in);
		else
			snprintf(line, sizeof line, "%s", _("without my name"));
		if (sel)
			ui_fill(y, 3, attr);
		ui_puts(y, 3, sel ? ui_sym("▶ ", "> ") : "  ", attr, 2);
		ui_puts(y, 5, line, attr, w - 4);
	}
	y++;
	ui_puts(y++, 2, _("Who will read it, and what happens next:"), A_BOLD,
	    w);
	y += ui_wrap(y, 2, _("Your teachers at this school read it, on this "
	    "computer; your words do not go on the internet. Your teacher will "
	    "find a way to help you."), A_NORMAL, w, 3);
	y += ui_wrap(y, 2, _("If someone is in danger, your teacher must tell "
	    "the people whose job is to keep children safe (the school's "
	    "child-protection contact, or 111). That is to protect you."),
	    A_NORMAL, w, 3);
	if (y < app->rows - 1)
		ui_wrap(y, 2, tm.can_name ? _("Without your name, your teacher "
		    "cannot know it was you or ask you more: you can still go "
		    "to your teacher at any time.") : _("You are not signed in, "
		    "so it goes without a name: your teacher cannot ask you "
		    "more, but you can go to your teacher at any time."),
		    A_NORMAL, w, app->rows - 1 - y);
	ui_footer(tm.on_choice ? _("Up/Down choose  Enter send  Tab words  "
	    "Esc do not send") : _("Type a few words  Enter or Down how to "
	    "send  Esc do not send"));
}

const struct screen_ops help_tell_screen = {
	.name = "helptell",
	.enter = tell_enter,
	.leave = tell_leave,
	.key = tell_key,
	.draw = tell_draw,
	.takes_text = tell_takes_text,
	.cursor = tell_cursor,
};

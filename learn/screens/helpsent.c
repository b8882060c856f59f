/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * helpsent.c: after "Tell my teacher" (see helpscreens.h): it was sent,
 * the teacher will see it, telling was right, and what to do when it
 * cannot wait: 111 or an adult now.  Enter goes back to where the child
 * pressed the help key.
 */
#include "config.h"

#include <string.h>

#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "core/i18n.h"
#include "learn/screens/helpscreens.h"
#include "learn/screens/ui.h"

static int sent_anonymous;

static int
sent_enter(struct app *app, int anonymous)
{
	(void)app;
	sent_anonymous = anonymous;
	return 0;
}

static void
sent_leave(struct app *app)
{
	(void)app;
}

static void
sent_key(struct app *app, int key)
{
	if (key == '\n' || key == ' ' || key == APP_KEY_BACK)
		helpscreens_close(app);
}

static void
sent_draw(const struct app *app)
{
	int y = 2, w = app->cols - 6;

	ui_header(_("hocso › I need help"), NULL);
	y += ui_wrap(y, 3, _("Sent. Your teacher will see it the next time "
	    "they open teacher mode."), ui_attr(UI_GOOD) | A_BOLD, w, 2);
	y++;
	y += ui_wrap(y, 3, _("You did the right thing by telling. It is not "
	    "your fault."), A_NORMAL, w, 2);
	y++;
	ui_puts(y++, 3, _("If it cannot wait, or you are in danger now:"),
	    A_BOLD, w);
	y += ui_wrap(y, 5, _("- call 111 now: free, day and night;"),
	    ui_attr(UI_GOOD), w - 2, 2);
	y += ui_wrap(y, 5, _("- go to an adult you trust now: a teacher, a "
	    "parent, a grandparent."), ui_attr(UI_GOOD), w - 2, 2);
	y++;
	if (sent_anonymous)
		ui_wrap(y, 3, _("You sent it without your name: your teacher "
		    "cannot ask you more. You can go to your teacher at any "
		    "time and say it was you."), A_NORMAL, w, 3);
	ui_footer(_("Enter done"));
}

const struct screen_ops help_sent_screen = {
	.name = "helpsent",
	.enter = sent_enter,
	.leave = sent_leave,
	.key = sent_key,
	.draw = sent_draw,
};

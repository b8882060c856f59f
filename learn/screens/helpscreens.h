/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * helpscreens.h: the help a child asks for, one key (F9) away from every
 * screen, and the teacher's list of the children's requests.
 *
 * The child: helplist.c (what is happening: seven situations with a
 * picture, and a search in the child's words) → helpsteps.c (what to do
 * now, 111, an adult) → helptell.c ("Tell my teacher": a few words, with
 * or without a name, after saying who reads it) → helpsent.c (sent; what
 * to do if it is urgent).  The teacher: helpreqs.c (the requests, the
 * unhandled first by urgency) → helpreqview.c (one request, marked with
 * a note).  The pages come from the catalog's help module, read when the
 * list opens and kept until it closes (helplist_page()).
 */
#ifndef HOCSO_HELPSCREENS_H
#define HOCSO_HELPSCREENS_H

#include "learn/screens/app.h"
#include "lessons/help.h"

extern const struct screen_ops help_list_screen;
extern const struct screen_ops help_steps_screen;
extern const struct screen_ops help_tell_screen;
extern const struct screen_ops help_sent_screen;
extern const struct screen_ops help_requests_screen;
extern const struct screen_ops help_request_screen;

/* The page of situation s as the list read it, or NULL when no module
 * gives one (the screens then say the app's own words). */
const struct help_page *helplist_page(int s);

/* The situation's title in child words: the page's, or the app's. */
const char *helplist_title(int s);

/* Whether ops is one of the child's help screens. */
int helpscreens_is_child(const struct screen_ops *ops);

/* Closes the child's help screens, back to where F9 was pressed. */
void helpscreens_close(struct app *app);

#endif

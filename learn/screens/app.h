/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * app.h: the terminal app's state.
 *
 * The app is a stack of screens (screen.h), each a plain model of its
 * own updated by keys and drawn by a function that only reads it.  The
 * main loop in app.c reads a key, hands it to the screen on top, and
 * redraws only when something changed.  struct app holds only what the
 * screens share.  Learner actions go through progress.c and
 * are committed before the model moves on.
 */
#ifndef HOCSO_APP_H
#define HOCSO_APP_H

#include "core/store.h"
#include "learn/model/progress.h"
#include "learn/model/readaloud.h"
#include "learn/model/screentime.h"
#include "learn/screens/screen.h"
#include "lessons/catalog.h"
#include "quiz/telex.h"

#define APP_STACK_MAX 8		/* screens open at once, at most */

struct app {
	const char *datadir;
	const char *lang;
	const char *start_lang;		/* the language before signing in */
	struct store *store;
	struct progress progress;
	struct catalog catalog;		/* read when a screen first needs it */
	int catalog_read;

	const struct screen_ops *stack[APP_STACK_MAX];
	int depth;			/* screens on the stack */
	int roster;			/* learners sign in (the school has a
					 * roster); else the device's learner */
	char signed_in[64];		/* the learner's name, when signed in */
	int help;			/* the help panel is open */
	int quit;
	int dirty;
	int rows, cols;
	int click_y, click_x;
	unsigned wch;			/* the character of APP_KEY_CHAR */
	enum telex_mode typing;		/* how text boxes take keys */
	enum telex_mode typing_vi;	/* Telex or VNI, for F2 to go back to */
	char message[512];		/* shown above the footer until a key */

	struct screentime screentime;	/* the signed-in learner's */

	/* What the signed-in learner's class sees (learn/model/classmods.h):
	 * catalog indexes in the class's order; every module in the
	 * catalog's when shown is NULL. */
	int *shown;
	int nshown;
	int lessons_first;		/* quizzes wait for the lessons */

	struct readaloud readaloud;	/* F4: the screen read aloud */
	int no_sound;			/* read-aloud found no sound device */
};

/* The catalog index of the i-th module the learner sees. */
int app_module(const struct app *app, int i);

/* How many modules the learner sees. */
int app_nmodules(const struct app *app);

/* Sets what the learner learner_id sees, from their class's choice; with
 * learner_id 0, every module. */
void app_set_modules(struct app *app, long long learner_id);

/* Reads the catalog (app.catalog) unless it was read: app_push does for
 * every screen but those marked no_catalog; code that needs the catalog
 * before it opens a screen calls it.  A modules folder that cannot be
 * read is said on the message line, with no module. */
void app_need_catalog(struct app *app);

/* Opens the store of datadir for lang and the first screen (and the
 * catalog, when that screen shows modules).  Returns 0 or a negative
 * code with err filled; on failure app holds nothing.  It touches no
 * terminal and sets no environment when LANGUAGE is lang already, so
 * that it may run while ui_start_begin's thread sets the terminal up. */
int app_open(struct app *app, const char *datadir, const char *lang,
    struct hs_error *err);


/* Runs the terminal app until the learner quits (starting the terminal
 * unless ui_start did).  Returns 0, or -1 when
 * the terminal could not be used. */
int app_run(struct app *app);

void app_close(struct app *app);

/* Fills lines (room for max) for a learner's help panel: keys (n of
 * them, N_() strings, "" a blank line), translated, then where a child
 * finds help, as every learner's panel ends.  Returns how many lines. */
int app_help_child(const char *const *keys, int n, const char **lines,
    int max);

/* Shows msg (an error, in one line) until the next key. */
void app_message(struct app *app, const char *msg);
void app_error(struct app *app, const struct hs_error *err);

/* The screen stack.  app_push opens ops over the screen on top (with
 * arg, see struct screen_ops) and returns 0, or -1 when it could not open
 * (the stack is as it was).  app_pop closes the top screen and shows the
 * one under it again.  app_replace closes the top screen and opens ops in
 * its place; app_reset closes them all and opens ops.  app_top is the
 * screen on top, or NULL. */
int app_push(struct app *app, const struct screen_ops *ops, int arg);
void app_pop(struct app *app);
int app_replace(struct app *app, const struct screen_ops *ops, int arg);
int app_reset(struct app *app, const struct screen_ops *ops, int arg);
const struct screen_ops *app_top(const struct app *app);

/* Hands a key (as the screens see it, screen.h) to the help panel or
 * the top screen, as the main loop does; tests call it without a
 * terminal. */
void app_key(struct app *app, int key);

/* Tells the top screen that the terminal is app->rows by app->cols
 * now. */
void app_resize(struct app *app);

/* Counts the learner's screen time: a break reminder, or the day's time
 * used up (then the learner is signed out). */
void app_screentime(struct app *app);

/* The interface in lang (vi or en) from now on, with the text boxes'
 * typing to match (Telex for Vietnamese). */
void app_set_language(struct app *app, const char *lang);

/* Closes every screen for the sign-in screen (the first screen when
 * the school has no roster). */
void app_sign_out(struct app *app);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * screen.h: what a screen is, as the app sees it: a table of functions
 * over a model the screen keeps to itself (as tmux's struct window_mode).
 * The app holds a stack of screens (app.h: app_push, app_pop,
 * app_replace) and hands keys, ticks and resizes to the one on top, which
 * it draws; it never names a screen.  A screen that opens another pushes
 * it with a small argument (an index), or through a function the other
 * screen's header exports.
 */
#ifndef HOCSO_SCREEN_H
#define HOCSO_SCREEN_H

struct app;

/* Keys beyond curses' own, as the screens see them. */
enum {
	APP_KEY_BACK = 0x10000,		/* q or Esc */
	APP_KEY_CLICK,			/* a mouse click at app.click_y/x */
	APP_KEY_CHAR,			/* a typed character beyond ASCII:
					 * app.wch */
	APP_KEY_TICK,			/* a second passed (timed quizzes) */
	APP_KEY_WHEEL_UP,		/* the mouse wheel, one notch */
	APP_KEY_WHEEL_DOWN,
};

struct screen_ops {
	const char *name;		/* for debugging only */
	/* 1: shows no module, so the app may open it before it has read
	 * the catalog (app.catalog), which it reads for the first screen
	 * that needs it: start-up does not pay for what it does not show. */
	int no_catalog;

	/* Opens the screen with arg (what it shows: an index, or 0).
	 * Returns 0, or -1 when it could not open (it has said why with
	 * app_message and holds nothing; the app keeps the screen under
	 * it). */
	int (*enter)(struct app *app, int arg);
	/* Frees what the screen holds.  Called once for each enter that
	 * returned 0. */
	void (*leave)(struct app *app);
	/* Shown again after the screen over it closed; may be NULL. */
	void (*resume)(struct app *app);
	/* A key (curses' code or an APP_KEY_*).  Never calls curses. */
	void (*key)(struct app *app, int key);
	/* Draws the screen; only reads the model. */
	void (*draw)(const struct app *app);
	/* The terminal changed size (app.rows, app.cols); may be NULL. */
	void (*resize)(struct app *app);
	/* Whether the screen takes typed text now: then q and ? are
	 * letters, Esc goes back and F1 opens the help; may be NULL. */
	int (*takes_text)(const struct app *app);
	/* A second passed; may be NULL, and then the app sleeps until a
	 * key comes (unless screen time counts). */
	void (*tick)(struct app *app);
	/* Where the text cursor goes: 1 with y and x filled, or 0 for
	 * none; may be NULL. */
	int (*cursor)(const struct app *app, int *y, int *x);
	/* The help panel's lines (? or F1), translated: fills at most max
	 * of lines, the first a heading, and returns how many; may be NULL
	 * (or return 0), and then the panel shows the learner's keys. */
	int (*help)(const struct app *app, const char **lines, int max);
	/* What read-aloud (F4) says for what is on the screen now
	 * (lessons/speech.h), a new string the caller frees, or NULL for
	 * nothing; may be NULL. */
	char *(*speech)(const struct app *app);
};

#endif

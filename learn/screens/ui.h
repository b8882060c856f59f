/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui.h: the curses layer: starting and ending the terminal, the roles
 * text is drawn in (colour where the terminal has it, bold/reverse/
 * underline where it does not), and drawing UTF-8 text clipped to a width
 * in columns.  Screens call these; only this file and the draw functions
 * touch curses.
 */
#ifndef HOCSO_UI_H
#define HOCSO_UI_H

#include <stddef.h>

#include "lessons/lesson.h"

enum ui_role {
	UI_NORMAL,
	UI_TITLE,	/* the top bar */
	UI_FOOTER,	/* the key hints */
	UI_HEADING,
	UI_SELECTED,
	UI_DIM,
	UI_GOOD,
	UI_BAD,
	UI_ACCENT,	/* list markers, links */
	UI_CODE,
	UI_BAR,		/* the filled part of a progress bar */
	UI_NROLES
};

/* Starts curses on the terminal.  Returns 0, or -1 when the terminal
 * cannot be used (the reason is printed by curses). */
int ui_start(void);

/* ui_start in two halves, for main(): ui_start_begin starts a thread
 * that sets the terminal up and returns at once, so that the store is
 * read meanwhile (app_open); ui_start_end returns what ui_start said,
 * waiting for the thread if it has begun, else running ui_start itself.
 * In between, no curses call, no ui_ call, and no change to the
 * environment. */
void ui_start_begin(void);
int ui_start_end(void);

/* Gives the terminal back as it was.  Safe to call twice. */
void ui_end(void);

/* Whether ui_start has run and ui_end not since. */
int ui_running(void);

/* The attributes for a role, and for a lesson style within a role. */
int ui_attr(enum ui_role role);
int ui_style_attr(unsigned style, enum ui_role base);

/* Draws n bytes of UTF-8 at (y, x), no wider than maxcols columns, in
 * attr.  Returns the columns drawn. */
int ui_put(int y, int x, const char *s, size_t n, int attr, int maxcols);

/* As ui_put() for a NUL-terminated string. */
int ui_puts(int y, int x, const char *s, int attr, int maxcols);

/* A new string: the folder path, or when it is wider than cols columns
 * "…" and as much of its end as fits (the end names the folder; the
 * start is /media or /home).  The caller frees it. */
char *ui_path(const char *path, int cols);

/* Draws s from row y at x (its leading spaces kept on the first row),
 * wrapped at spaces to lines of at most
 * maxcols columns, on at most maxrows rows, the last ending in "…" when
 * cut (a word longer than a line is cut).  Returns the rows drawn. */
int ui_wrap(int y, int x, const char *s, int attr, int maxcols, int maxrows);

/* Fills the row y from x to the edge with blanks in attr. */
void ui_fill(int y, int x, int attr);

/* Draws a laid-out lesson line at (y, x), clipped to maxcols. */
void ui_line(int y, int x, const struct lesson_line *ln, enum ui_role base,
    int maxcols);

/* A blank box of h rows and w columns at (y, x) with a line-drawn border
 * in attr. */
void ui_box(int y, int x, int h, int w, int attr);

/* A progress bar of width columns, filled to fraction (0..1). */
void ui_bar(int y, int x, int width, double fraction);

/* The top bar with title on the left and right on the right, and the
 * bottom bar with the key hints. */
void ui_header(const char *title, const char *right);
void ui_footer(const char *hints);

/* Words every footer shows on its right until changed (the child's help
 * key), or NULL for none; the hints are cut to leave them room. */
void ui_footer_extra(const char *extra);

/* Whether the terminal shows Unicode symbols (a UTF-8 locale and a
 * terminal other than the Linux console's); else ASCII stand-ins. */
int ui_unicode(void);

/* A symbol by name for the terminal: a Unicode one, or its ASCII
 * stand-in. */
const char *ui_sym(const char *unicode, const char *ascii);

#endif

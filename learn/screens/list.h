/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * list.h: the one list widget (as htop's Panel): a selection in a list of
 * count rows of which height are shown from first.  The model is plain
 * numbers; list_key() moves it by keys and always keeps the selection in
 * view; list_draw() calls back for each visible row and marks rows hidden
 * above or below.  What the rows hold is the caller's.
 */
#ifndef HOCSO_LIST_H
#define HOCSO_LIST_H

struct list {
	int count;		/* rows in the list */
	int sel;		/* the selected row (0 when count is 0) */
	int top;		/* the first row shown */
	int height;		/* rows shown at once, at least 1 */
	int pager;		/* no selection: keys scroll, sel follows top */
};

/* Sets the count, keeping the selection (clamped) in view. */
void list_set_count(struct list *l, int count);

/* Sets how many rows are shown, keeping the selection in view. */
void list_set_height(struct list *l, int height);

/* Selects row i (clamped into the list) and scrolls it into view. */
void list_select(struct list *l, int i);

/* Up, Down, PgUp, PgDn, Home, End and the wheel (APP_KEY_WHEEL_*).
 * Returns 1 when the key was one of these, else 0 (the model is
 * untouched). */
int list_key(struct list *l, int key);

/* The row shown at screen row y when the list starts at row y0 and each
 * of its rows takes rowh screen rows: an index in the list, or -1. */
int list_row_at(const struct list *l, int y0, int rowh, int y);

/* Draws the visible rows from screen row y0, rowh screen rows each:
 * row(arg, i, y, selected) for each.  Then, when rows are hidden, a mark
 * at column mark_x: ▲ on the first row shown, ▼ on the last. */
void list_draw(const struct list *l, int y0, int rowh, int mark_x,
    void (*row)(const void *arg, int i, int y, int selected),
    const void *arg);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * list.c: the list widget.  See list.h.  Moving and scrolling are plain
 * arithmetic on the model, so the tests drive them without a terminal;
 * only list_draw() touches curses (through ui.c).
 */
#include "config.h"

#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "learn/screens/list.h"
#include "learn/screens/screen.h"
#include "learn/screens/ui.h"

/* The last first row: the one that shows the last row at the bottom. */
static int
list_max_top(const struct list *l)
{
	int m = l->count - l->height;

	return m < 0 ? 0 : m;
}

/* Puts sel and top back in range, sel in view. */
static void
list_fix(struct list *l)
{
	if (l->height < 1)
		l->height = 1;
	if (l->count <= 0) {
		l->count = l->sel = l->top = 0;
		return;
	}
	if (l->pager) {
		if (l->top > list_max_top(l))
			l->top = list_max_top(l);
		if (l->top < 0)
			l->top = 0;
		l->sel = l->top;
		return;
	}
	if (l->sel >= l->count)
		l->sel = l->count - 1;
	if (l->sel < 0)
		l->sel = 0;
	if (l->top > l->sel)
		l->top = l->sel;
	if (l->sel >= l->top + l->height)
		l->top = l->sel - l->height + 1;
	if (l->top > list_max_top(l))
		l->top = list_max_top(l);
	if (l->top < 0)
		l->top = 0;
}

void
list_set_count(struct list *l, int count)
{
	l->count = count;
	list_fix(l);
}

void
list_set_height(struct list *l, int height)
{
	l->height = height;
	list_fix(l);
}

void
list_select(struct list *l, int i)
{
	if (l->pager)
		l->top = i;
	else
		l->sel = i;
	list_fix(l);
}

int
list_key(struct list *l, int key)
{
	int page = l->height > 1 ? l->height - 1 : 1;
	int at = l->pager ? l->top : l->sel;

	switch (key) {
	case KEY_UP:
	case APP_KEY_WHEEL_UP:
		at--;
		break;
	case KEY_DOWN:
	case APP_KEY_WHEEL_DOWN:
		at++;
		break;
	case KEY_PPAGE:
		at -= page;
		break;
	case KEY_NPAGE:
		at += page;
		break;
	case KEY_HOME:
		at = 0;
		break;
	case KEY_END:
		at = l->count;		/* clamped to the last */
		break;
	default:
		return 0;
	}
	list_select(l, at);
	return 1;
}

int
list_row_at(const struct list *l, int y0, int rowh, int y)
{
	int i;

	if (y < y0 || rowh < 1)
		return -1;
	i = (y - y0) / rowh;
	if (i >= l->height || l->top + i >= l->count)
		return -1;
	return l->top + i;
}

void
list_draw(const struct list *l, int y0, int rowh, int mark_x,
    void (*row)(const void *arg, int i, int y, int selected),
    const void *arg)
{
	int i, last = l->top + l->height;

	if (last > l->count)
		last = l->count;
	for (i = l->top; i < last; i++)
		row(arg, i, y0 + (i - l->top) * rowh, !l->pager && i == l->sel);
	if (l->top > 0)
		ui_puts(y0, mark_x, ui_sym("▲", "^"), ui_attr(UI_ACCENT), 1);
	if (last < l->count)
		ui_puts(y0 + (last - l->top - 1) * rowh, mark_x,
		    ui_sym("▼", "v"), ui_attr(UI_ACCENT), 1);
}

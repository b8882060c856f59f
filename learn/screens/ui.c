/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui.c: the curses layer.  See ui.h.  Text is converted to wide
 * characters and drawn with the wide-character calls, after being clipped
 * by display columns, so a Vietnamese letter is never cut in two.
 */
/* For sched_getcpu and pthread_attr_setaffinity_np (ui_start_begin). */
#define _GNU_SOURCE 1
#include "config.h"

#include <langinfo.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <unistr.h>

#include "core/text.h"
#include "core/util.h"
#include "learn/screens/ui.h"

/* ui_put makes wide characters from Unicode code points. */
#ifndef __STDC_ISO_10646__
#error "wchar_t must hold Unicode code points (as in glibc and musl)"
#endif

static int ui_on;
static SCREEN *ui_screen;
static int ui_colour;
static int ui_utf8_symbols;

/* Home and End as terminals send them whatever TERM says: tmux and
 * screen send ESC [1~ and ESC [4~, the Linux console ESC [1~, rxvt ESC
 * [7~, others ESC [H.  A sequence the terminfo entry does not know would
 * arrive as ESC and then text, typed into the sign-in search. */
static void
ui_define_keys(void)
{
	static const struct {
		const char *seq;
		int key;
	} keys[] = {
		{ "\033[1~", KEY_HOME }, { "\033[4~", KEY_END },
		{ "\033[7~", KEY_HOME }, { "\033[8~", KEY_END },
		{ "\033[H", KEY_HOME }, { "\033[F", KEY_END },
		{ "\033OH", KEY_HOME }, { "\033OF", KEY_END },
	};
	size_t i;

	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (key_defined(keys[i].seq) == 0)
			define_key(keys[i].seq, keys[i].key);
}

int
ui_start(void)
{
	const char *term = getenv("TERM");

	/* newterm, unlike initscr, returns instead of exiting when the
	 * terminal is unknown, so main() can say so in its own words. */
	if ((ui_screen = newterm(NULL, stdout, stdin)) == NULL)
		return -1;
	ui_on = 1;
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	ui_define_keys();
	set_escdelay(25);
	curs_set(0);
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_DOUBLE_CLICKED |
	    BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
	    | BUTTON5_PRESSED
#endif
	    , NULL);
	mouseinterval(200);
	ui_utf8_symbols = !strcmp(nl_langinfo(CODESET), "UTF-8") &&
	    (term == NULL || strcmp(term, "linux") != 0);
	ui_colour = has_colors() && getenv("NO_COLOR") == NULL;
	if (ui_colour) {
		start_color();
		use_default_colors();
		init_pair(UI_TITLE, COLOR_WHITE, COLOR_BLUE);
		init_pair(UI_FOOTER, COLOR_BLACK, COLOR_CYAN);
		init_pair(UI_HEADING, COLOR_YELLOW, -1);
		init_pair(UI_SELECTED, COLOR_BLACK, COLOR_YELLOW);
		init_pair(UI_DIM, COLOR_CYAN, -1);
		init_pair(UI_GOOD, COLOR_GREEN, -1);
		init_pair(UI_BAD, COLOR_RED, -1);
		init_pair(UI_ACCENT, COLOR_CYAN, -1);
		init_pair(UI_CODE, COLOR_GREEN, -1);
		init_pair(UI_BAR, COLOR_GREEN, -1);
	}
	util_fatal_hook = ui_end;
	/* ncurses 6.4 sends its output at every cursor move until the
	 * program has left the screen once and come back (its "initial"
	 * state, meant for terminfo-only programs): a screen went out in
	 * some twenty writes, a line each.  Leaving and coming back now,
	 * before anything is drawn, makes a refresh one write
	 * (tests/bench/startup: hocso/nano 0.94 -> 0.85, CPU 1.08 ->
	 * 1.01); the two go out back to back, with nothing between. */
	endwin();
	refresh();
	return 0;
}

/*
 * The thread of ui_start_begin, and what ui_start said.  Whoever comes
 * first takes the work: a new thread may wait for a core for as long as
 * the store takes to read (a virtual machine's second core, asleep), and
 * then main() sets the terminal up itself rather than wait for it.
 */
static struct {
	pthread_t thread;
	int running;
	atomic_int taken;
	int rc;
} ui_starter;

static void *
ui_starter_main(void *arg)
{
	(void)arg;
	if (atomic_exchange(&ui_starter.taken, 1) == 0)
		ui_starter.rc = ui_start();
	return NULL;
}

void
ui_start_begin(void)
{
	pthread_attr_t attr;
	cpu_set_t cpus;
	int here = sched_getcpu();

	atomic_store(&ui_starter.taken, 0);
	ui_starter.running = 0;
	if (pthread_attr_init(&attr) != 0)
		return;
	/* On a core other than this one: Linux puts a new thread beside
	 * its parent when the other core looks busy (it was, a moment
	 * ago), and there it waits for the next tick, a millisecond or so
	 * (tests/bench/startup: 0.9-1.1 ms, 0.07-0.16 ms on another).
	 * With a single core there is nothing to gain. */
	if (here >= 0 && sched_getaffinity(0, sizeof cpus, &cpus) == 0) {
		CPU_CLR(here, &cpus);
		if (CPU_COUNT(&cpus) == 0) {
			pthread_attr_destroy(&attr);
			return;
		}
		pthread_attr_setaffinity_np(&attr, sizeof cpus, &cpus);
	}
	ui_starter.running = pthread_create(&ui_starter.thread, &attr,
	    ui_starter_main, NULL) == 0;
	pthread_attr_destroy(&attr);
}

int
ui_start_end(void)
{
	if (atomic_exchange(&ui_starter.taken, 1) == 0) {
		/* Not begun: here, now; the thread finds nothing to do. */
		if (ui_starter.running)
			pthread_detach(ui_starter.thread);
		ui_starter.running = 0;
		return ui_start();
	}
	pthread_join(ui_starter.thread, NULL);
	ui_starter.running = 0;
	return ui_starter.rc;
}

void
ui_end(void)
{
	if (!ui_on)
		return;
	ui_on = 0;
	endwin();
	delscreen(ui_screen);
	ui_screen = NULL;
}

int
ui_running(void)
{
	return ui_on;
}

int
ui_unicode(void)
{
	return ui_utf8_symbols;
}

const char *
ui_sym(const char *unicode, const char *ascii)
{
	return ui_utf8_symbols ? unicode : ascii;
}

int
ui_attr(enum ui_role role)
{
	static const int mono[UI_NROLES] = {
		[UI_TITLE] = A_REVERSE | A_BOLD,
		[UI_FOOTER] = A_REVERSE,
		[UI_HEADING] = A_BOLD | A_UNDERLINE,
		[UI_SELECTED] = A_REVERSE,
		[UI_DIM] = 0,
		[UI_GOOD] = A_BOLD,
		[UI_BAD] = A_BOLD,
		[UI_ACCENT] = A_BOLD,
		[UI_CODE] = A_UNDERLINE,
		[UI_BAR] = A_REVERSE,
	};

	if (role == UI_NORMAL)
		return A_NORMAL;
	if (!ui_colour)
		return mono[role];
	switch (role) {
	case UI_TITLE:
	case UI_HEADING:
	case UI_GOOD:
	case UI_BAD:
		return COLOR_PAIR(role) | A_BOLD;
	default:
		return COLOR_PAIR(role);
	}
}

int
ui_style_attr(unsigned style, enum ui_role base)
{
	int a = ui_attr(base);

	if (style & LESSON_HEADING)
		a = ui_attr(UI_HEADING);
	if (style & LESSON_BOLD)
		a |= A_BOLD;
	if (style & LESSON_EMPH)
		a |= A_UNDERLINE;
	if (style & (LESSON_CODE))
		a |= ui_attr(UI_CODE);
	if (style & (LESSON_LINK | LESSON_MARKER | LESSON_QUOTE))
		a |= ui_attr(UI_ACCENT);
	/* A glossary term: bold and underlined on every terminal, in the
	 * accent colour where there is colour. */
	if (style & LESSON_TERM)
		a = (a & ~A_COLOR) | ui_attr(UI_ACCENT) | A_BOLD | A_UNDERLINE;
	return a;
}

int
ui_put(int y, int x, const char *s, size_t n, int attr, int maxcols)
{
	const uint8_t *p = (const uint8_t *)s;
	wchar_t wbuf[256];
	size_t fit, i = 0;
	int used, nw, k;
	ucs4_t uc;

	if (maxcols <= 0)
		return 0;
	fit = text_fit(s, n, maxcols, &used);
	move(y, x);
	attrset(attr);
	/* UTF-8 to wide characters (the locale is UTF-8: locale_setup),
	 * in pieces that fit the buffer; an invalid byte is shown as
	 * U+FFFD, a control character as a space. */
	while (i < fit) {
		for (nw = 0; i < fit && nw < (int)(sizeof wbuf /
		    sizeof *wbuf); i += k) {
			if (p[i] < 0x80) {
				uc = p[i];
				k = 1;
			} else if ((k = u8_mbtoucr(&uc, p + i, fit - i)) <= 0) {
				uc = 0xfffd;
				k = 1;
			}
			/* C0, DEL and C1: ncurses would show them as
			 * ^X or ~X, wider than counted */
			wbuf[nw++] = uc < 0x20 || (uc >= 0x7f && uc < 0xa0) ?
			    L' ' : (wchar_t)uc;
		}
		addnwstr(wbuf, nw);
	}
	attrset(A_NORMAL);
	return used;
}

int
ui_puts(int y, int x, const char *s, int attr, int maxcols)
{
	return ui_put(y, x, s, strlen(s), attr, maxcols);
}

char *
ui_path(const char *path, int cols)
{
	const char *dots = ui_sym("…", "...");
	size_t n = strlen(path), off;
	char *out;

	if (text_fit_tail(path, n, cols, NULL) == 0)
		return xstrdup(path);
	off = text_fit_tail(path, n, cols - text_width(dots, strlen(dots)),
	    NULL);
	out = xmalloc(strlen(dots) + n - off + 1);
	strcpy(out, dots);
	strcat(out, path + off);
	return out;
}

int
ui_wrap(int y, int x, const char *s, int attr, int maxcols, int maxrows)
{
	const char *more = ui_sym("…", "...");
	int mw = text_width(more, strlen(more)), rows = 0, used, cols;
	size_t n, fit, cut, lead;

	while (*s != '\0' && rows < maxrows && maxcols > mw) {
		n = strlen(s);
		if (text_width(s, n) <= maxcols) {
			ui_puts(y + rows++, x, s, attr, maxcols);
			break;
		}
		/* the last line says that more was cut */
		cols = rows + 1 == maxrows ? maxcols - mw : maxcols;
		fit = text_fit(s, n, cols, &used);
		lead = strspn(s, " ");
		for (cut = fit; cut > lead && s[cut] != ' '; cut--)
			;
		if (cut <= lead)	/* one long word */
			cut = fit;
		used = ui_put(y + rows, x, s, cut, attr, cols);
		if (++rows == maxrows)
			ui_puts(y + rows - 1, x + used, more, attr, mw);
		s += cut;
		while (*s == ' ')
			s++;
	}
	return rows;
}

void
ui_fill(int y, int x, int attr)
{
	int cols = getmaxx(stdscr);

	attrset(attr);
	mvhline(y, x, ' ', cols - x);
	attrset(A_NORMAL);
}

/* Draws the frame part of a callout line with curses' line-drawing
 * characters, which every terminal can show in some form. */
static void
ui_frame(int y, int x, const struct lesson_line *ln, int maxcols)
{
	int w = ln->frame_width < maxcols ? ln->frame_width : maxcols;

	if (w < 2)
		return;
	attrset(ui_attr(UI_BAD));
	switch (ln->frame) {
	case LESSON_FRAME_TOP:
		mvadd_wch(y, x, WACS_ULCORNER);
		mvhline_set(y, x + 1, WACS_HLINE, w - 2);
		mvadd_wch(y, x + w - 1, WACS_URCORNER);
		break;
	case LESSON_FRAME_BOTTOM:
		mvadd_wch(y, x, WACS_LLCORNER);
		mvhline_set(y, x + 1, WACS_HLINE, w - 2);
		mvadd_wch(y, x + w - 1, WACS_LRCORNER);
		break;
	case LESSON_FRAME_SIDES:
		mvadd_wch(y, x, WACS_VLINE);
		mvadd_wch(y, x + w - 1, WACS_VLINE);
		break;
	case LESSON_FRAME_NONE:
		break;
	}
	attrset(A_NORMAL);
}

void
ui_box(int y, int x, int h, int w, int attr)
{
	int i;

	attrset(attr);
	for (i = 0; i < h; i++)
		mvhline(y + i, x, ' ', w);
	mvadd_wch(y, x, WACS_ULCORNER);
	mvhline_set(y, x + 1, WACS_HLINE, w - 2);
	mvadd_wch(y, x + w - 1, WACS_URCORNER);
	mvvline_set(y + 1, x, WACS_VLINE, h - 2);
	mvvline_set(y + 1, x + w - 1, WACS_VLINE, h - 2);
	mvadd_wch(y + h - 1, x, WACS_LLCORNER);
	mvhline_set(y + h - 1, x + 1, WACS_HLINE, w - 2);
	mvadd_wch(y + h - 1, x + w - 1, WACS_LRCORNER);
	attrset(A_NORMAL);
}

void
ui_line(int y, int x, const struct lesson_line *ln, enum ui_role base,
    int maxcols)
{
	int i, col = ln->indent;

	if (ln->frame != LESSON_FRAME_NONE)
		ui_frame(y, x, ln, maxcols);
	for (i = 0; i < ln->nruns && col < maxcols; i++) {
		/* A picture's labels without their marks where the
		 * terminal cannot show them (TERM=linux, a locale that is
		 * not UTF-8): one column a letter still, so the picture
		 * keeps its shape. */
		if (ln->kind == LESSON_ART && !ui_utf8_symbols) {
			char *plain = text_strip_marks(ln->runs[i].text,
			    ln->runs[i].len);

			col += ui_put(y, x + col, plain, strlen(plain),
			    ui_style_attr(ln->runs[i].style, base),
			    maxcols - col);
			free(plain);
			continue;
		}
		col += ui_put(y, x + col, ln->runs[i].text, ln->runs[i].len,
		    ui_style_attr(ln->runs[i].style, base), maxcols - col);
	}
}

void
ui_bar(int y, int x, int width, double fraction)
{
	int i, filled;

	if (fraction < 0)
		fraction = 0;
	if (fraction > 1)
		fraction = 1;
	filled = (int)(fraction * width + 0.5);
	for (i = 0; i < width; i++) {
		if (i < filled)
			ui_puts(y, x + i, ui_sym("█", "#"), ui_attr(UI_BAR), 1);
		else
			ui_puts(y, x + i, ui_sym("░", "."), ui_attr(UI_DIM), 1);
	}
}

void
ui_header(const char *title, const char *right)
{
	int cols = getmaxx(stdscr), rw = 0;

	ui_fill(0, 0, ui_attr(UI_TITLE));
	if (right != NULL && *right != '\0') {
		rw = text_width(right, strlen(right));
		ui_puts(0, cols - rw - 1, right, ui_attr(UI_TITLE), rw);
	}
	ui_puts(0, 1, title, ui_attr(UI_TITLE), cols - rw - 3);
}

static const char *footer_extra;

void
ui_footer_extra(const char *extra)
{
	footer_extra = extra;
}

void
ui_footer(const char *hints)
{
	int rows = getmaxy(stdscr), cols = getmaxx(stdscr), ew = 0, avail;
	char tight[512];

	ui_fill(rows - 1, 0, ui_attr(UI_FOOTER));
	if (footer_extra != NULL) {
		ew = text_width(footer_extra, strlen(footer_extra));
		if (ew + 4 > cols)
			ew = 0;
		else
			ui_puts(rows - 1, cols - ew - 1, footer_extra,
			    ui_attr(UI_FOOTER) | A_BOLD, ew);
	}
	avail = cols - 2 - (ew > 0 ? ew + 2 : 0);
	if (ew > 0 && text_width(hints, strlen(hints)) > avail &&
	    strlen(hints) < sizeof tight) {
		/* No room for both: the hints' double spaces made single,
		 * so that a long footer keeps its last key. */
		const char *p;
		char *o = tight;

		for (p = hints; *p != '\0'; p++)
			if (!(p[0] == ' ' && p[1] == ' '))
				*o++ = *p;
		*o = '\0';
		hints = tight;
	}
	ui_puts(rows - 1, 1, hints, ui_attr(UI_FOOTER), avail);
}

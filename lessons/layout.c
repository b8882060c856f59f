/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * layout.c: wrapping a lesson screen's blocks into lines of a given width
 * in display columns.  Lines break at spaces; a word wider than the line
 * is cut between characters, never inside one.  See lesson.h.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "core/util.h"
#include "lessons/lesson.h"
#include "quiz/gift.h"

static const char quote_bar[] = "│ ";
static const char spaces[] = "                                ";

struct line_builder {
	struct lesson_page *page;
	const struct lesson_block *blk;
	int width;
};

static struct lesson_line *
page_add_line(struct lesson_page *page, enum lesson_block_kind kind)
{
	struct lesson_line *ln;

	page->lines = xrealloc(page->lines,
	    (page->nlines + 1) * sizeof *page->lines);
	ln = &page->lines[page->nlines++];
	memset(ln, 0, sizeof *ln);
	ln->kind = kind;
	ln->choice = -1;
	return ln;
}

static void
line_add_run(struct lesson_line *ln, const char *s, size_t n, unsigned style)
{
	if (n == 0)
		return;
	if (ln->nruns > 0) {
		struct lesson_run *last = &ln->runs[ln->nruns - 1];
		if (last->style == style && last->text + last->len == s) {
			last->len += n;
			ln->width += text_width(s, n);
			return;
		}
	}
	ln->runs = xrealloc(ln->runs, (ln->nruns + 1) * sizeof *ln->runs);
	ln->runs[ln->nruns].text = s;
	ln->runs[ln->nruns].len = n;
	ln->runs[ln->nruns].style = style;
	ln->nruns++;
	ln->width += text_width(s, n);
}

/* Adds the top or bottom edge of a callout's frame. */
static void
frame_edge(struct lesson_page *page, enum lesson_frame edge, int width)
{
	struct lesson_line *ln = page_add_line(page, LESSON_PARAGRAPH);

	ln->frame = edge;
	ln->frame_width = width;
	ln->width = width;
}

/* Starts a line with the block's quote bars, indent and marker (or as
 * many blanks as the marker when first is 0).  Returns the line. */
static struct lesson_line *
line_start(struct line_builder *lb, int first)
{
	const struct lesson_block *blk = lb->blk;
	struct lesson_line *ln = page_add_line(lb->page, blk->kind);
	int i, pad;

	if (blk->callout != 0) {
		ln->frame = LESSON_FRAME_SIDES;
		ln->frame_width = lb->width;
	}
	for (i = 0; i < blk->quote; i++)
		line_add_run(ln, quote_bar, strlen(quote_bar), LESSON_QUOTE);
	pad = (blk->callout != 0 ? 2 : 0) + blk->indent + (first && blk->marker[0] != '\0' ? 0 :
	    blk->marker_width) + (first ? 0 : blk->hang);
	if (ln->nruns == 0) {
		ln->indent = pad;
		ln->width = pad;
	} else {
		while (pad > 0) {
			int n = pad < (int)sizeof spaces - 1 ? pad :
			    (int)sizeof spaces - 1;
			line_add_run(ln, spaces, n, 0);
			pad -= n;
		}
	}
	if (first && blk->marker[0] != '\0')
		line_add_run(ln, blk->marker, strlen(blk->marker),
		    LESSON_MARKER);
	return ln;
}

/* The columns a line of this block has for text: the first, or one of
 * the others. */
static int
line_room(const struct line_builder *lb, int first)
{
	const struct lesson_block *blk = lb->blk;
	int room = lb->width - blk->quote * 2 - blk->indent -
	    blk->marker_width - (first ? 0 : blk->hang) -
	    (blk->callout != 0 ? 4 : 0);

	return room < 4 ? 4 : room;
}

/* Adds the block's bytes [a, b) to ln, a run per change of style. */
static void
line_add_text(struct lesson_line *ln, const struct lesson_block *blk,
    size_t a, size_t b)
{
	size_t s;

	while (b > a && blk->text[b - 1] == ' ')
		b--;
	while (a < b) {
		for (s = a + 1; s < b && blk->style[s] == blk->style[a]; s++)
			;
		line_add_run(ln, blk->text + a, s - a, blk->style[a]);
		a = s;
	}
}

static void
layout_wrapped(struct line_builder *lb)
{
	const struct lesson_block *blk = lb->blk;
	const char *t = blk->text;
	size_t pos = 0, start, brk, k;
	int room, col, cw, first = 1;

	if (blk->len == 0) {
		line_start(lb, 1);
		return;
	}
	while (pos < blk->len) {
		start = pos;
		brk = 0;
		col = 0;
		room = line_room(lb, first);
		while (pos < blk->len && t[pos] != '\n') {
			k = text_cluster_len(t + pos, blk->len - pos);
			cw = text_width(t + pos, k);
			if (col + cw > room && t[pos] != ' ') {
				if (brk > start)
					pos = brk;
				else if (pos == start)
					pos += k;	/* one character per line */
				break;
			}
			if (t[pos] == ' ')
				brk = pos + 1;
			col += cw;
			pos += k;
		}
		line_add_text(line_start(lb, first), blk, start, pos);
		first = 0;
		if (pos < blk->len && t[pos] == '\n')
			pos++;
		else
			while (pos < blk->len && t[pos] == ' ')
				pos++;
	}
}

/* The width of the widest line of a verbatim block. */
static int
verbatim_width(const struct lesson_block *blk)
{
	size_t pos = 0, end;
	int w, max = 0;

	while (pos <= blk->len) {
		for (end = pos; end < blk->len && blk->text[end] != '\n'; end++)
			;
		w = text_width(blk->text + pos, end - pos);
		if (w > max)
			max = w;
		pos = end + 1;
	}
	return max;
}

/* Code and art, line by line as written; art narrower than the screen
 * is centred as a whole, so the picture keeps its shape. */
static void
layout_verbatim(struct line_builder *lb)
{
	const struct lesson_block *blk = lb->blk;
	const char *t = blk->text;
	size_t pos = 0, end, fit;
	int first = 1, room = line_room(lb, 1), centre = 0;

	if (blk->kind == LESSON_ART && verbatim_width(blk) < room)
		centre = (room - verbatim_width(blk)) / 2;
	do {
		for (end = pos; end < blk->len && t[end] != '\n'; end++)
			;
		fit = text_fit(t + pos, end - pos, room, NULL);
		struct lesson_line *ln = line_start(lb, first);
		if (ln->nruns == 0) {	/* no quote bars: move the indent */
			ln->indent += centre;
			ln->width += centre;
		} else if (centre > 0)
			line_add_run(ln, spaces, centre < (int)sizeof spaces - 1 ?
			    centre : (int)sizeof spaces - 1, 0);
		size_t a = pos;
		while (a < pos + fit) {	/* keep the spaces of art */
			size_t s = a + 1;
			while (s < pos + fit && blk->style[s] == blk->style[a])
				s++;
			line_add_run(ln, t + a, s - a, blk->style[a]);
			a = s;
		}
		first = 0;
		pos = end + 1;
	} while (pos <= blk->len && end < blk->len);
}

/* Lays out text (NUL-terminated, which the lines will point into) as a
 * paragraph of kind at lb's width, all lines indented by indent and the
 * later ones by hang more.  Returns the index of its first line. */
static int
layout_piece(struct line_builder *lb, enum lesson_block_kind kind,
    const char *text, unsigned style, int indent, int hang)
{
	const struct lesson_block *saved = lb->blk;
	struct lesson_block tmp = { 0 };
	size_t len = strlen(text);
	int first = lb->page->nlines;

	tmp.kind = kind;
	tmp.text = (char *)text;
	tmp.len = len;
	tmp.style = xmalloc(len + 1);
	memset(tmp.style, (int)style, len + 1);
	tmp.indent = indent;
	tmp.hang = hang;
	lb->blk = &tmp;
	layout_wrapped(lb);
	lb->blk = saved;
	free(tmp.style);
	return first;
}

/* A practice question: its text, its numbered choices (the screen draws
 * the radio buttons in the 4 columns left for them), and once answered
 * the verdict; before that, the hint after a wrong first try. */
static void
layout_practice(struct line_builder *lb)
{
	static char numbers[GIFT_MAX_CHOICES][8];
	const struct lesson_block *blk = lb->blk;
	const struct quiz_question *q = &blk->practice.questions[0];
	struct lesson_page *page = lb->page;
	struct lesson_line *ln;
	int i, j, first, n;

	layout_wrapped(lb);
	page_add_line(page, LESSON_PRACTICE);
	for (i = 0; i < q->nchoices && i < GIFT_MAX_CHOICES; i++) {
		snprintf(numbers[i], sizeof numbers[i], "%d. ", i + 1);
		n = (int)strlen(numbers[i]);
		first = layout_piece(lb, LESSON_PRACTICE, q->choices[
		    q->type == QUIZ_ORDERING ? blk->order[i] : i].text, 0,
		    4 + n, 0);
		for (j = first; j < page->nlines; j++)
			page->lines[j].choice = i;
		ln = &page->lines[first];
		ln->choice_first = 1;
		/* the number goes before the first line's text */
		ln->runs = xrealloc(ln->runs, (ln->nruns + 1) * sizeof *ln->runs);
		memmove(ln->runs + 1, ln->runs, ln->nruns * sizeof *ln->runs);
		ln->runs[0].text = numbers[i];
		ln->runs[0].len = n;
		ln->runs[0].style = LESSON_MARKER;
		ln->nruns++;
		ln->indent -= n;
	}
	if (blk->verdict != NULL) {	/* a verdict, or a hint (answer -1) */
		int right = blk->answer >= 0 && blk->answer < q->nchoices &&
		    q->choices[blk->answer].fraction >= 1.0;

		if (q->type == QUIZ_ORDERING)	/* right: in order */
			for (i = 0, right = blk->answer >= 0;
			    i < q->nchoices; i++)
				right &= blk->order[i] == i;

		page_add_line(page, LESSON_PRACTICE);
		first = layout_piece(lb, LESSON_PRACTICE, blk->verdict,
		    LESSON_BOLD, 0, 0);
		for (j = first; j < page->nlines; j++)
			page->lines[j].verdict = right ? 1 : -1;
	}
}

/* A type-it box: its prompt, then three lines the screen draws (the
 * text typed, the meter, the tip), marked by field. */
static void
layout_try(struct line_builder *lb)
{
	struct lesson_line *ln;
	int i;

	layout_wrapped(lb);
	for (i = 1; i <= 3; i++) {
		ln = page_add_line(lb->page, LESSON_TRY);
		ln->field = i;
		ln->width = lb->width;
	}
}

void
lesson_layout(const struct lesson_screen *screen, int width,
    struct lesson_page *page)
{
	struct line_builder lb = { page, NULL, width < 10 ? 10 : width };
	const struct lesson_block *next;
	struct lesson_line *ln;
	int i, same;

	memset(page, 0, sizeof *page);
	for (i = 0; i < screen->nblocks; i++) {
		lb.blk = &screen->blocks[i];
		next = i + 1 < screen->nblocks ? &screen->blocks[i + 1] : NULL;
		same = next != NULL && lb.blk->callout != 0 &&
		    next->callout == lb.blk->callout;
		if (lb.blk->callout != 0 &&
		    (i == 0 || screen->blocks[i - 1].callout != lb.blk->callout))
			frame_edge(page, LESSON_FRAME_TOP, lb.width);
		if (lb.blk->kind == LESSON_CODE_BLOCK || lb.blk->kind == LESSON_ART)
			layout_verbatim(&lb);
		else if (lb.blk->kind == LESSON_PRACTICE)
			layout_practice(&lb);
		else if (lb.blk->kind == LESSON_TRY)
			layout_try(&lb);
		else
			layout_wrapped(&lb);
		if (lb.blk->callout != 0 && !same)
			frame_edge(page, LESSON_FRAME_BOTTOM, lb.width);
		if (next == NULL)
			continue;
		if (same) {
			if (!lb.blk->tight) {	/* a blank line inside */
				ln = page_add_line(page, LESSON_PARAGRAPH);
				ln->frame = LESSON_FRAME_SIDES;
				ln->frame_width = lb.width;
			}
		} else if (!lb.blk->tight || lb.blk->callout != 0 ||
		    next->callout != 0)
			page_add_line(page, LESSON_PARAGRAPH);
	}
}

void
lesson_layout_text(const char *text, size_t len, unsigned style, int width,
    int hang, struct lesson_page *page)
{
	struct lesson_block blk = { 0 };
	struct line_builder lb = { page, &blk, width < 10 ? 10 : width };
	unsigned char *styles = xmalloc(len + 1);

	/* The lines point into text, so the block borrows it. */
	memset(styles, (int)style, len + 1);
	blk.kind = LESSON_PARAGRAPH;
	blk.hang = hang;
	blk.text = (char *)text;
	blk.style = styles;
	blk.len = len;
	layout_wrapped(&lb);
	free(styles);
}

void
lesson_page_free(struct lesson_page *page)
{
	int i;

	for (i = 0; i < page->nlines; i++)
		free(page->lines[i].runs);
	free(page->lines);
	for (i = 0; i < page->nowned; i++)
		lesson_free(page->owned[i]);
	free(page->owned);
	memset(page, 0, sizeof *page);
}

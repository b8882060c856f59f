/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lesson.h: a lesson's Markdown as screens of blocks, and the layout of a
 * screen into lines of a given width.
 *
 * lesson_parse() reads CommonMark (through cmark): a thematic break
 * ("---") starts a new screen; headings, paragraphs, lists (nested), block
 * quotes, code and "art" blocks become blocks whose text carries a style
 * per byte (bold, emphasis, code, link).  A block quote whose first words
 * are a bold "Cảnh báo:" or "Warning:" is a warning callout, laid out in
 * a frame.  A fenced block with the info string "gift" is a practice
 * question (one GIFT question) answered on the spot; one with "try
 * password" or "try telex" is a type-it box, its body the prompt (the
 * box itself is the screen's to draw).  "[[term]]" and "[[shown|term]]"
 * in text mark glossary terms (struct lesson_mark); a mark that does not
 * close, an empty one, or one in an art, code, practice or type-it block
 * is an error at its line.  lesson_layout() wraps a screen's
 * blocks at a width in display columns, never splitting a character, and
 * hands back lines whose runs point into the blocks.  Drawing is the
 * caller's: nothing here knows about curses.
 */
#ifndef HOCSO_LESSON_H
#define HOCSO_LESSON_H

#include <stddef.h>

#include "core/error.h"
#include "quiz/gift.h"
#include "quiz/question.h"

enum lesson_style {
	LESSON_BOLD = 1 << 0,
	LESSON_EMPH = 1 << 1,
	LESSON_CODE = 1 << 2,
	LESSON_LINK = 1 << 3,
	LESSON_HEADING = 1 << 4,	/* set on every byte of a heading */
	LESSON_QUOTE = 1 << 5,		/* the "│ " bar of a block quote */
	LESSON_MARKER = 1 << 6,		/* a list bullet or number */
	LESSON_TERM = 1 << 7,		/* a glossary term (a mark) */
};

enum lesson_block_kind {
	LESSON_HEADING_BLOCK,
	LESSON_PARAGRAPH,
	LESSON_ITEM,			/* a paragraph inside a list item */
	LESSON_CODE_BLOCK,
	LESSON_ART,			/* a fenced block with info string "art" */
	LESSON_PRACTICE,		/* a fenced block with info string "gift" */
	LESSON_TRY,			/* a fenced block "try password|telex" */
};

/* A glossary term an author marked in a block's text: [[shown]] or
 * [[shown|entry]].  The block's text holds only the shown words, in
 * LESSON_TERM style; entry is the glossary entry it opens (lessons/
 * glossary.h), as written. */
struct lesson_mark {
	size_t start, len;	/* the shown words, in the block's text */
	char *term;		/* the entry's name, NFC */
	int line;		/* in the lesson file */
};

/* What a type-it box takes. */
enum lesson_try_kind {
	LESSON_TRY_PASSWORD,		/* a practice password, with a meter */
	LESSON_TRY_TELEX,		/* Vietnamese typed in Telex */
};

#define LESSON_TRY_ID_MAX 48		/* bytes of a type-it box's id */

struct lesson_block {
	enum lesson_block_kind kind;
	int level;		/* heading level (1-6) */
	int indent;		/* columns before the marker (lists) */
	int quote;		/* block-quote depth */
	char marker[16];	/* "• " or "3. " on an item's first paragraph */
	int marker_width;	/* columns of the marker; kept on later paragraphs */
	int tight;		/* no blank line after this block */
	int hang;		/* extra indent of a paragraph's later lines */
	int callout;		/* the warning callout it belongs to, or 0 */
	/* A practice block: its question (practice.n == 1), and once the
	 * learner has answered, the choice and the words that say so. */
	struct quiz_bank practice;
	int order[GIFT_MAX_CHOICES]; /* an ordering question: the choice on each
				 * row, as the learner has them (the screen
				 * sets it); else unused */
	int answer;		/* index into the choices, or -1 (an
				 * ordering question: 0 once answered) */
	char *verdict;		/* "Right! ..." or "Not quite: ...", or NULL */
	/* A type-it box: its kind and its id in the learner's records
	 * ("try1", "try2", ... in lesson order unless the author names
	 * it); its text is the prompt. */
	enum lesson_try_kind try_kind;
	char try_id[LESSON_TRY_ID_MAX];
	char *text;
	unsigned char *style;	/* one enum lesson_style set per byte of text */
	size_t len;
	struct lesson_mark *marks;	/* in text order */
	int nmarks;
	char info[16];		/* a fenced block's first info word ("try") */
};

struct lesson_screen {
	struct lesson_block *blocks;
	int nblocks;
};

struct lesson {
	char *title;		/* the first heading's text, or NULL */
	struct lesson_screen *screens;
	int nscreens;
};

/* A piece of a line in one style; text points into a block. */
struct lesson_run {
	const char *text;
	size_t len;
	unsigned style;
};

/* Where a line stands in a callout's frame: drawn by the caller (with
 * line-drawing characters where the terminal has them). */
enum lesson_frame {
	LESSON_FRAME_NONE,
	LESSON_FRAME_TOP,	/* the top edge; no runs */
	LESSON_FRAME_SIDES,	/* a line of text between the two sides */
	LESSON_FRAME_BOTTOM,	/* the bottom edge; no runs */
};

struct lesson_line {
	int indent;		/* blank columns before the first run */
	enum lesson_frame frame;
	int frame_width;	/* columns from the left edge to the right one */
	int choice;		/* a practice choice's index on all its lines, or -1 */
	int choice_first;	/* the first line of that choice */
	int verdict;		/* a practice answer's verdict: 1 right, -1 not */
	int field;		/* a type-it box's line the screen draws: 1 the
				 * text typed, 2 the meter, 3 the tip; else 0 */
	struct lesson_run *runs;
	int nruns;
	int width;		/* columns of indent and runs together */
	enum lesson_block_kind kind;
};

struct lesson_page {
	struct lesson_line *lines;
	int nlines;
	struct lesson **owned;	/* what the lines point into, freed with it */
	int nowned;
};

/* Parses len bytes of Markdown (file names it in messages).  Returns 0 and
 * a lesson the caller frees with lesson_free(), or a negative code. */
int lesson_parse(const char *md, size_t len, const char *file,
    struct lesson **out, struct hs_error *err);

/* Reads and parses the lesson file at path. */
int lesson_load(const char *path, struct lesson **out, struct hs_error *err);

void lesson_free(struct lesson *l);

/* Lays screen out at width columns (at least 10) into page, which the
 * caller empties with lesson_page_free().  The page stays valid while the
 * lesson lives. */
void lesson_layout(const struct lesson_screen *screen, int width,
    struct lesson_page *page);

/* Wraps one plain paragraph (text of len bytes, in style) at width, its
 * lines after the first indented by hang columns, and appends the lines
 * to page: for question text and messages.  The lines point into text. */
void lesson_layout_text(const char *text, size_t len, unsigned style,
    int width, int hang, struct lesson_page *page);

void lesson_page_free(struct lesson_page *page);

/* The first practice block of a screen, or NULL. */
struct lesson_block *lesson_practice(const struct lesson_screen *screen);

/* The first type-it box of a screen, or NULL. */
struct lesson_block *lesson_try(const struct lesson_screen *screen);

/* Records in a practice block the learner's answer (choice, or -1 for
 * none) and the words to show under it (copied): the verdict, or with
 * choice -1 a hint for another try (NULL: none).  Lay the screen out
 * again to see them. */
void lesson_practice_set(struct lesson_block *blk, int choice,
    const char *verdict);

#endif

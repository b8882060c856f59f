/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * trybox.h: a lesson's type-it box, as a model driven by keys.
 *
 * A password box takes a practice password as typed and rates it as the
 * child types: a strength 0-4 from a meter (struct trybox_meter: zxcvbn
 * with common Vietnamese passwords and the child's own name as words to
 * guess first, meter.h; in the app, through a co-process, meterchild.h),
 * words for it and one short tip; a meter that gives no rating leaves
 * the strength unknown and the box still works.  A Telex box composes Vietnamese from Telex keys
 * ("Hoaf" -> "Hoà").  Enter ends the try; what is recorded is only a
 * summary (trybox_summary): the text typed never leaves this struct, so
 * a child's trial password or name stays on the screen.  No curses, no
 * SQL: the lesson screen hands the keys in and draws what is here.
 */
#ifndef HOCSO_TRYBOX_H
#define HOCSO_TRYBOX_H

#include <stddef.h>
#include <stdint.h>

#include "lessons/lesson.h"
#include "quiz/telex.h"

#define TRYBOX_TEXT_MAX 80	/* bytes of text a box holds, with its NUL */

/* The keys a box knows besides characters (code points from ' '). */
enum {
	TRYBOX_KEY_ENTER = '\n',
	TRYBOX_KEY_ESC = 0x1b,
	TRYBOX_KEY_BACKSPACE = 0x7f,
};

/* What a key did. */
enum trybox_result {
	TRYBOX_IGNORED,		/* a key the box does not take */
	TRYBOX_TYPED,		/* the text changed */
	TRYBOX_FULL,		/* no room for the character: not typed */
	TRYBOX_EMPTY,		/* Enter with nothing typed: nothing to record */
	TRYBOX_SUBMIT,		/* Enter: record trybox_summary() now */
	TRYBOX_LEAVE,		/* Esc: leave the box, record nothing */
};

/* The tip a password box shows for what is typed. */
enum trybox_tip {
	TRYBOX_TIP_NONE,	/* nothing typed */
	TRYBOX_TIP_DIGITS,	/* only digits */
	TRYBOX_TIP_COMMON,	/* a common password, word or the child's name */
	TRYBOX_TIP_SHORT,	/* fewer than 8 characters */
	TRYBOX_TIP_WORDS,	/* not strong yet: join a few unusual words */
	TRYBOX_TIP_GOOD,	/* strong */
};

/* What rates a password box's text: rate() returns 0 with *bits (the
 * entropy: log2 of the guesses it takes) and *common (whether a common
 * word or the child's name, folded, makes up half of the text or more),
 * or -1 when no rating can be had.  text is the box's (n bytes, NUL at
 * n), name the child's folded. */
struct trybox_meter {
	int (*rate)(void *arg, const char *text, size_t n, const char *name,
	    double *bits, int *common);
	void *arg;
};

#define TRYBOX_UNKNOWN (-1)	/* the strength when the meter gave none */

struct trybox {
	enum lesson_try_kind kind;
	struct telex telex;		/* a Telex box's typing */
	char text[TRYBOX_TEXT_MAX];	/* what is shown: UTF-8, NFC */
	size_t len;
	char name[64];			/* the child's name, folded, for the meter */
	const struct trybox_meter *meter;	/* a password box's */
	int strength;			/* a password box's: 0-4, or
					 * TRYBOX_UNKNOWN */
	enum trybox_tip tip;
};

/* Starts an empty box of kind for the child called name (may be NULL or
 * empty): a password box counts it among the words guessed first, and
 * rates its text with meter (kept, not copied; NULL: no meter, the
 * strength stays unknown). */
void trybox_init(struct trybox *b, enum lesson_try_kind kind,
    const char *name, const struct trybox_meter *meter);

/* Hands one key to the box: a code point, or a TRYBOX_KEY_*. */
enum trybox_result trybox_key(struct trybox *b, uint32_t key);

/* The strength's words (very weak ... very strong, or not measured for
 * TRYBOX_UNKNOWN), translated. */
const char *trybox_strength_words(int strength);

/* The tip for the text typed in a password box, translated, or "". */
const char *trybox_tip_words(const struct trybox *b);

/* What is recorded of the try, into buf (size cap): "strength N/4, L
 * characters" (or "strength unknown, L characters") for a password, "N letters, M with marks" for Telex, in
 * English (a record, not words for the child).  Returns the grade: 1
 * for a strength of 3 or more, or a Telex text with a marked letter;
 * else 0. */
double trybox_summary(const struct trybox *b, char *buf, size_t cap);

/* Counts the letters of the n bytes at s, and of them those with a
 * Vietnamese mark (a tone, a hat, a horn, a breve, or đ). */
void trybox_count_letters(const char *s, size_t n, int *letters,
    int *marked);

#endif

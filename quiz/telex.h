/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * telex.h: typing Vietnamese without an input method, as Unikey does.
 *
 * Many school PCs and text consoles have no Vietnamese keyboard.  A text
 * box that feeds its keys through telex_key() turns Telex ("aa" -> â,
 * "dd" -> đ, "ow" -> ơ, tone keys s f r x j, z to clear) or VNI (6 7 8 9
 * for the marks, 1-5 for the tones, 0 to clear) into Vietnamese as the
 * learner types.  The word being typed is rebuilt from its keys each
 * time, so a mark or a tone may come at any point of the word and lands
 * on the right letter; typing a modifier twice undoes it and leaves the
 * key ("ass" -> "as").  Tones are placed by the modern rules ("hoà",
 * "thuỷ", "khoẻ"; "toán", "của", "mới").  Pure logic: no I/O.
 */
#ifndef HOCSO_TELEX_H
#define HOCSO_TELEX_H

#include <stddef.h>
#include <stdint.h>

enum telex_mode {
	TELEX_OFF,		/* keys are typed as they are */
	TELEX_TELEX,
	TELEX_VNI,
};

#define TELEX_WORD_MAX 32	/* keys in one word */

struct telex {
	enum telex_mode mode;
	char keys[TELEX_WORD_MAX + 1];	/* the current word's keys */
	size_t nkeys;
	size_t word_start;		/* where the word starts in the text */
};

/* Starts a text box's typing in mode, for an empty text. */
void telex_init(struct telex *t, enum telex_mode mode);

/* Switches between plain typing and the mode it had (Telex by default);
 * the word in progress is ended. */
void telex_toggle(struct telex *t, enum telex_mode mode);

/* Switches to mode; the word in progress is ended. */
void telex_set_mode(struct telex *t, enum telex_mode mode);

/* Feeds one key (a Unicode code point) to the text buf (UTF-8, NUL-
 * terminated, *len bytes, room for cap bytes with the NUL).  Returns 0,
 * or -1 when the text would not fit (buf is then unchanged). */
int telex_key(struct telex *t, char *buf, size_t cap, size_t *len,
    uint32_t key);

/* Deletes the last character typed (the last key of the word in
 * progress, or the character before it). */
void telex_backspace(struct telex *t, char *buf, size_t *len);

/* The Vietnamese word for a sequence of keys in mode, into out (size
 * len): for tests and for telex_key().  Returns out. */
char *telex_word(enum telex_mode mode, const char *keys, size_t nkeys,
    char *out, size_t len);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * telex.c: Telex and VNI typing.  See telex.h.
 *
 * A word is kept as the keys typed for it; after each key the word is
 * rebuilt: letters with their marks (circumflex, breve, horn, the bar of
 * đ) and one tone, which is then put on the vowel the modern rules give
 * and composed to NFC with libunistring.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <uninorm.h>
#include <unistr.h>

#include "quiz/telex.h"

enum mark { MARK_NONE, MARK_CIRC, MARK_BREVE, MARK_HORN, MARK_DBAR };

struct letter {
	char base;		/* lower-case ASCII */
	char upper;
	char mark;
	char from_w;		/* an ư made by a bare 'w' */
};

struct word {
	struct letter l[TELEX_WORD_MAX];
	int n;
	int tone;		/* 0 none, 1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng */
};

static int
is_vowel(char c)
{
	return c != '\0' && strchr("aeiouy", c) != NULL;
}

static int
has_vowel(const struct word *w)
{
	int i;

	for (i = 0; i < w->n; i++)
		if (is_vowel(w->l[i].base))
			return 1;
	return 0;
}

static void
push(struct word *w, int key, char mark)
{
	if (w->n == TELEX_WORD_MAX)
		return;
	w->l[w->n].base = (char)tolower(key);
	w->l[w->n].upper = isupper(key) != 0;
	w->l[w->n].mark = mark;
	w->l[w->n].from_w = 0;
	w->n++;
}

/* The last vowel whose base is one of set, or -1. */
static int
last_vowel(const struct word *w, const char *set)
{
	int i;

	for (i = w->n - 1; i >= 0; i--)
		if (is_vowel(w->l[i].base) && strchr(set, w->l[i].base) != NULL)
			return i;
	return -1;
}

/* A tone key: sets the tone, or undoes it and types the key. */
static void
key_tone(struct word *w, int key, int tone)
{
	if (!has_vowel(w))
		push(w, key, MARK_NONE);
	else if (w->tone == tone) {
		w->tone = 0;
		push(w, key, MARK_NONE);
	} else
		w->tone = tone;
}

/* A mark on the last vowel in set: sets it, or undoes it and types the
 * key. */
static void
key_mark(struct word *w, int key, const char *set, char mark)
{
	int i = last_vowel(w, set);

	if (i < 0)
		push(w, key, MARK_NONE);
	else if (w->l[i].mark == mark) {
		w->l[i].mark = MARK_NONE;
		push(w, key, MARK_NONE);
	} else
		w->l[i].mark = mark;
}

/* Horn (Telex w, VNI 7): "uo" -> "ươ", else u -> ư, o -> ơ; Telex also
 * a -> ă, and a bare w is ư. */
static void
key_horn(struct word *w, int key, int telex)
{
	int i, j;

	for (i = w->n - 2; i >= 0; i--) {
		if (w->l[i].base == 'u' && w->l[i + 1].base == 'o') {
			if (w->l[i].mark == MARK_HORN &&
			    w->l[i + 1].mark == MARK_HORN) {
				w->l[i].mark = w->l[i + 1].mark = MARK_NONE;
				push(w, key, MARK_NONE);
			} else
				w->l[i].mark = w->l[i + 1].mark = MARK_HORN;
			return;
		}
	}
	j = last_vowel(w, telex ? "uoa" : "uo");
	if (j >= 0 && w->l[j].base == 'a') {
		key_mark(w, key, "a", MARK_BREVE);
		return;
	}
	if (j >= 0) {
		if (w->l[j].mark == MARK_HORN && w->l[j].from_w) {
			w->l[j].base = 'w';	/* "ww": the letter w */
			w->l[j].mark = MARK_NONE;
			w->l[j].from_w = 0;
		} else if (w->l[j].mark == MARK_HORN) {
			w->l[j].mark = MARK_NONE;
			push(w, key, MARK_NONE);
		} else
			w->l[j].mark = MARK_HORN;
		return;
	}
	if (telex) {			/* a bare w: ư */
		push(w, isupper(key) ? 'U' : 'u', MARK_HORN);
		w->l[w->n - 1].from_w = 1;
	} else
		push(w, key, MARK_NONE);
}

/* đ: the word's first d gets its bar, or loses it and the key is typed. */
static void
key_dbar(struct word *w, int key)
{
	if (w->n > 0 && w->l[0].base == 'd') {
		if (w->l[0].mark == MARK_DBAR) {
			w->l[0].mark = MARK_NONE;
			push(w, key, MARK_NONE);
		} else
			w->l[0].mark = MARK_DBAR;
	} else
		push(w, key, MARK_NONE);
}

static void
build(enum telex_mode mode, const char *keys, size_t nkeys, struct word *w)
{
	static const char telex_tones[] = "sfrxj";
	const char *p;
	size_t i;
	int k, lk;

	memset(w, 0, sizeof *w);
	for (i = 0; i < nkeys; i++) {
		k = (unsigned char)keys[i];
		lk = tolower(k);
		if (mode == TELEX_TELEX) {
			if ((p = strchr(telex_tones, lk)) != NULL && lk != '\0')
				key_tone(w, k, (int)(p - telex_tones) + 1);
			else if (lk == 'z' && w->tone != 0)
				w->tone = 0;
			else if (lk == 'a' || lk == 'e' || lk == 'o')
				key_mark(w, k, lk == 'a' ? "a" : lk == 'e' ?
				    "e" : "o", MARK_CIRC);
			else if (lk == 'w')
				key_horn(w, k, 1);
			else if (lk == 'd')
				key_dbar(w, k);
			else
				push(w, k, MARK_NONE);
		} else {
			if (k >= '1' && k <= '5')
				key_tone(w, k, k - '0');
			else if (k == '0' && w->tone != 0)
				w->tone = 0;
			else if (k == '6')
				key_mark(w, k, "aeo", MARK_CIRC);
			else if (k == '7')
				key_horn(w, k, 0);
			else if (k == '8')
				key_mark(w, k, "a", MARK_BREVE);
			else if (k == '9')
				key_dbar(w, k);
			else
				push(w, k, MARK_NONE);
		}
	}
}

/* Which letter takes the tone, by the modern rules; -1 for none. */
static int
tone_place(const struct word *w)
{
	int i, first = -1, last = -1, start = 0, marked = -1, n;

	if (w->n >= 2 && w->l[0].base == 'q' && w->l[1].base == 'u')
		start = 2;		/* "qu" is a consonant */
	else if (w->n >= 3 && w->l[0].base == 'g' && w->l[1].base == 'i' &&
	    is_vowel(w->l[2].base))
		start = 2;		/* "gi" before a vowel */
	for (i = start; i < w->n; i++) {
		if (is_vowel(w->l[i].base)) {
			if (first < 0)
				first = i;
			last = i;
		} else if (first >= 0)
			break;
	}
	if (first < 0) {
		if (start == 2 && w->l[1].base == 'i')
			return 1;	/* "gì" */
		return start == 2 && w->l[1].base == 'u' ? 1 : -1;
	}
	for (i = first; i <= last; i++)
		if (w->l[i].mark == MARK_CIRC || w->l[i].mark == MARK_BREVE ||
		    w->l[i].mark == MARK_HORN)
			marked = i;
	if (marked >= 0)
		return marked;
	n = last - first + 1;
	if (n == 1)
		return first;
	if (n >= 3)
		return first + 1;
	if (last + 1 < w->n)		/* a consonant ends the word */
		return last;
	if ((w->l[first].base == 'o' && (w->l[last].base == 'a' ||
	    w->l[last].base == 'e')) || (w->l[first].base == 'u' &&
	    w->l[last].base == 'y'))
		return last;		/* modern: hoà, khoẻ, thuỷ */
	return first;
}

char *
telex_word(enum telex_mode mode, const char *keys, size_t nkeys, char *out,
    size_t len)
{
	static const char *const marks[] = {
		[MARK_CIRC] = "\xcc\x82", [MARK_BREVE] = "\xcc\x86",
		[MARK_HORN] = "\xcc\x9b",
	};
	static const char *const tones[] = {
		"", "\xcc\x81", "\xcc\x80", "\xcc\x89", "\xcc\x83", "\xcc\xa3",
	};
	char raw[TELEX_WORD_MAX * 8 + 1];
	struct word w;
	size_t r = 0, n = len - 1;
	uint8_t *nfc;
	int i, at;

	if (mode == TELEX_OFF) {
		snprintf(out, len, "%.*s", (int)nkeys, keys);
		return out;
	}
	build(mode, keys, nkeys, &w);
	at = w.tone != 0 ? tone_place(&w) : -1;
	for (i = 0; i < w.n; i++) {
		const struct letter *l = &w.l[i];

		if (l->mark == MARK_DBAR) {
			memcpy(raw + r, l->upper ? "\xc4\x90" : "\xc4\x91", 2);
			r += 2;
		} else {
			raw[r++] = l->upper ? (char)toupper(l->base) : l->base;
			if (l->mark != MARK_NONE) {
				memcpy(raw + r, marks[(int)l->mark], 2);
				r += 2;
			}
		}
		if (i == at) {
			memcpy(raw + r, tones[w.tone], 2);
			r += 2;
		}
	}
	nfc = u8_normalize(UNINORM_NFC, (const uint8_t *)raw, r,
	    (uint8_t *)out, &n);
	if (nfc == NULL) {
		out[0] = '\0';
		return out;
	}
	if (nfc != (uint8_t *)out) {	/* did not fit */
		out[0] = '\0';
		free(nfc);
		return out;
	}
	out[n] = '\0';
	return out;
}

void
telex_init(struct telex *t, enum telex_mode mode)
{
	memset(t, 0, sizeof *t);
	t->mode = mode;
}

void
telex_toggle(struct telex *t, enum telex_mode mode)
{
	t->mode = t->mode == TELEX_OFF ? (mode != TELEX_OFF ? mode :
	    TELEX_TELEX) : TELEX_OFF;
	t->nkeys = 0;
}

void
telex_set_mode(struct telex *t, enum telex_mode mode)
{
	t->mode = mode;
	t->nkeys = 0;
}

/* Whether key belongs to a word in the current mode. */
static int
word_key(const struct telex *t, uint32_t key)
{
	if (key < 128 && isalpha((int)key))
		return 1;
	return t->mode == TELEX_VNI && key >= '0' && key <= '9' &&
	    t->nkeys > 0;
}

int
telex_key(struct telex *t, char *buf, size_t cap, size_t *len, uint32_t key)
{
	char word[TELEX_WORD_MAX * 8 + 1];
	uint8_t enc[8];
	size_t wl;
	int n;

	if (t->mode != TELEX_OFF && word_key(t, key) &&
	    t->nkeys < TELEX_WORD_MAX) {
		if (t->nkeys == 0)
			t->word_start = *len;
		t->keys[t->nkeys] = (char)key;
		telex_word(t->mode, t->keys, t->nkeys + 1, word, sizeof word);
		wl = strlen(word);
		if (t->word_start + wl + 1 > cap)
			return -1;
		t->nkeys++;
		memcpy(buf + t->word_start, word, wl + 1);
		*len = t->word_start + wl;
		return 0;
	}
	if ((n = u8_uctomb(enc, key, sizeof enc)) <= 0)
		return -1;
	if (*len + (size_t)n + 1 > cap)
		return -1;
	memcpy(buf + *len, enc, n);
	*len += n;
	buf[*len] = '\0';
	t->nkeys = 0;
	return 0;
}

void
telex_backspace(struct telex *t, char *buf, size_t *len)
{
	char word[TELEX_WORD_MAX * 8 + 1];
	size_t wl;

	if (t->nkeys > 0) {
		t->nkeys--;
		telex_word(t->mode, t->keys, t->nkeys, word, sizeof word);
		wl = strlen(word);
		memcpy(buf + t->word_start, word, wl + 1);
		*len = t->word_start + wl;
		return;
	}
	while (*len > 0) {		/* one whole character */
		(*len)--;
		if (((unsigned char)buf[*len] & 0xc0) != 0x80)
			break;
	}
	buf[*len] = '\0';
}

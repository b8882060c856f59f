/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * trybox.c: the type-it box's model: keys in, text, strength and tip
 * out.  See trybox.h.  The entropy comes from the box's meter (zxcvbn,
 * learn/model/meter.c); the strength, its limits for short passwords
 * and the tip are decided here.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"
#include "learn/model/trybox.h"

/* Below TRYBOX_SHORT characters a password is weak at best, below
 * TRYBOX_LONG fair at best. */
#define TRYBOX_SHORT 6
#define TRYBOX_LONG 10

void
trybox_init(struct trybox *b, enum lesson_try_kind kind, const char *name,
    const struct trybox_meter *meter)
{
	char *f;

	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->meter = meter;
	telex_init(&b->telex, kind == LESSON_TRY_TELEX ? TELEX_TELEX :
	    TELEX_OFF);
	if (name != NULL && *name != '\0') {
		f = text_fold(name, strlen(name));
		snprintf(b->name, sizeof b->name, "%s", f);
		/* A name cut short ends where a character starts. */
		if (strlen(f) >= sizeof b->name) {
			size_t n = sizeof b->name - 1;

			while (n > 0 && ((unsigned char)b->name[n] & 0xC0) ==
			    0x80)
				n--;
			b->name[n] = '\0';
		}
		free(f);
	}
}

/* Whether the text holds only digits. */
static int
only_digits(const char *s, size_t n)
{
	return n > 0 && strspn(s, "0123456789") == n;
}

/* Rates b->text: the strength from the meter's entropy (as zxcvbn's
 * own score: fewer than 10^3 guesses 0, 10^6 1, 10^8 2, 10^10 3, else
 * 4), TRYBOX_UNKNOWN without one, and the tip. */
static void
trybox_rate(struct trybox *b)
{
	double bits;
	size_t chars;
	int common = 0;

	if (b->len == 0) {
		b->strength = 0;
		b->tip = TRYBOX_TIP_NONE;
		return;
	}
	chars = u8_mbsnlen((const uint8_t *)b->text, b->len);
	if (b->meter == NULL || b->meter->rate(b->meter->arg, b->text, b->len,
	    b->name, &bits, &common) != 0) {
		b->strength = TRYBOX_UNKNOWN;
		b->tip = only_digits(b->text, b->len) ? TRYBOX_TIP_DIGITS :
		    chars < 8 ? TRYBOX_TIP_SHORT : TRYBOX_TIP_NONE;
		return;
	}
	b->strength = bits < 9.97 ? 0 : bits < 19.93 ? 1 : bits < 26.58 ? 2 :
	    bits < 33.22 ? 3 : 4;
	/* A child's password is typed where others can watch and must be
	 * remembered: short is never strong, however odd its characters. */
	if (chars < TRYBOX_SHORT && b->strength > 1)
		b->strength = 1;
	else if (chars < TRYBOX_LONG && b->strength > 2)
		b->strength = 2;
	if (b->strength >= 3)
		b->tip = TRYBOX_TIP_GOOD;
	else if (only_digits(b->text, b->len))
		b->tip = TRYBOX_TIP_DIGITS;
	else if (common)
		b->tip = TRYBOX_TIP_COMMON;
	else if (chars < 8)
		b->tip = TRYBOX_TIP_SHORT;
	else
		b->tip = TRYBOX_TIP_WORDS;
}

/* Appends the character key to a password box's text.  Returns
 * TRYBOX_TYPED, or TRYBOX_FULL when it does not fit. */
static enum trybox_result
password_char(struct trybox *b, uint32_t key)
{
	uint8_t u[6];
	int k = u8_uctomb(u, key, sizeof u);

	if (k <= 0)
		return TRYBOX_IGNORED;
	if (b->len + (size_t)k + 1 > sizeof b->text)
		return TRYBOX_FULL;
	memcpy(b->text + b->len, u, (size_t)k);
	b->len += (size_t)k;
	b->text[b->len] = '\0';
	return TRYBOX_TYPED;
}

/* Deletes a password box's last character (with its marks). */
static void
password_backspace(struct trybox *b)
{
	size_t at = 0, k;

	while (at < b->len) {
		k = text_cluster_len(b->text + at, b->len - at);
		if (at + k >= b->len)
			break;
		at += k;
	}
	b->len = at;
	b->text[b->len] = '\0';
}

enum trybox_result
trybox_key(struct trybox *b, uint32_t key)
{
	enum trybox_result r;

	switch (key) {
	case TRYBOX_KEY_ENTER:
		return b->len == 0 ? TRYBOX_EMPTY : TRYBOX_SUBMIT;
	case TRYBOX_KEY_ESC:
		return TRYBOX_LEAVE;
	case TRYBOX_KEY_BACKSPACE:
		if (b->len == 0)
			return TRYBOX_IGNORED;
		if (b->kind == LESSON_TRY_TELEX)
			telex_backspace(&b->telex, b->text, &b->len);
		else
			password_backspace(b);
		break;
	default:
		if (key < ' ' || (key >= 0x7f && key < 0xa0) || key > 0x10ffff)
			return TRYBOX_IGNORED;
		if (b->kind == LESSON_TRY_TELEX)
			r = telex_key(&b->telex, b->text, sizeof b->text,
			    &b->len, key) != 0 ? TRYBOX_FULL : TRYBOX_TYPED;
		else
			r = password_char(b, key);
		if (r != TRYBOX_TYPED)
			return r;
		break;
	}
	if (b->kind == LESSON_TRY_PASSWORD)
		trybox_rate(b);
	return TRYBOX_TYPED;
}

const char *
trybox_strength_words(int strength)
{
	/* TRANSLATORS: a password's strength on the meter, 0 to 4. */
	static const char *const words[] = {
		N_("very weak"), N_("weak"), N_("fair"), N_("strong"),
		N_("very strong"),
	};

	if (strength == TRYBOX_UNKNOWN)
		/* TRANSLATORS: the password meter, when it cannot rate. */
		return _("not measured");
	if (strength < 0)
		strength = 0;
	if (strength > 4)
		strength = 4;
	return _(words[strength]);
}

const char *
trybox_tip_words(const struct trybox *b)
{
	/* TRANSLATORS: one tip under the password meter, for a child;
	 * at most 70 columns. */
	static const char *const tips[] = {
		[TRYBOX_TIP_NONE] = "",
		[TRYBOX_TIP_DIGITS] = N_("Only numbers are quick to guess: "
		    "use words too."),
		[TRYBOX_TIP_COMMON] = N_("A common word or a name is guessed "
		    "first: pick others."),
		[TRYBOX_TIP_SHORT] = N_("Too short: make it longer."),
		[TRYBOX_TIP_WORDS] = N_("Add a few unusual words together."),
		[TRYBOX_TIP_GOOD] = N_("Long and hard to guess: well done!"),
	};

	if (b->kind != LESSON_TRY_PASSWORD || b->tip == TRYBOX_TIP_NONE)
		return "";
	return _(tips[b->tip]);
}

void
trybox_count_letters(const char *s, size_t n, int *letters, int *marked)
{
	ucs4_t uc, parts[UC_DECOMPOSITION_MAX_LENGTH];
	size_t i = 0;
	int k;

	*letters = *marked = 0;
	while (i < n) {
		k = u8_mbtouc(&uc, (const uint8_t *)s + i, n - i);
		i += k > 0 ? (size_t)k : 1;
		if (!uc_is_alpha(uc))
			continue;
		(*letters)++;
		if (uc == 0x0110 || uc == 0x0111 ||
		    uc_canonical_decomposition(uc, parts) > 1)
			(*marked)++;
	}
}

double
trybox_summary(const struct trybox *b, char *buf, size_t cap)
{
	int letters, marked;
	size_t chars;

	if (b->kind == LESSON_TRY_PASSWORD) {
		chars = u8_mbsnlen((const uint8_t *)b->text, b->len);
		if (b->strength == TRYBOX_UNKNOWN)
			snprintf(buf, cap, "strength unknown, %zu character%s",
			    chars, chars == 1 ? "" : "s");
		else
			snprintf(buf, cap, "strength %d/4, %zu character%s",
			    b->strength, chars, chars == 1 ? "" : "s");
		return b->strength >= 3 ? 1.0 : 0.0;
	}
	trybox_count_letters(b->text, b->len, &letters, &marked);
	snprintf(buf, cap, "%d letter%s, %d with marks", letters,
	    letters == 1 ? "" : "s", marked);
	return marked > 0 ? 1.0 : 0.0;
}

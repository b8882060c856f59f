/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * speech.c: the text read-aloud says (see speech.h) and the modules'
 * pronunciation lists.  It only builds strings: no sound, no curses.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/stat.h>

#include <unistr.h>

#include "core/fileio.h"
#include "core/i18n.h"
#include "core/util.h"
#include "lessons/speech.h"

#define SPEECH_LIST_MAX (256 * 1024)	/* a pronunciation list, at most */

struct speech_buf {
	char *s;
	size_t len, cap;
};

static void
buf_add(struct speech_buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void
buf_str(struct speech_buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

/* Whether uc is part of a word: letters (any script), digits, and the
 * joiners inside one ("e-mail", "1.000"). */
static int
speech_word_char(ucs4_t uc)
{
	if (uc < 128)
		return (uc >= '0' && uc <= '9') || (uc >= 'a' && uc <= 'z') ||
		    (uc >= 'A' && uc <= 'Z');
	return uc >= 0xC0 && !(uc >= 0x2000 && uc <= 0x2BFF);
}

/* Characters never said: general punctuation's bullets, arrows, box
 * drawing, blocks, shapes, ticks and crosses, dingbats. */
static int
speech_silent_char(ucs4_t uc)
{
	return (uc >= 0x2010 && uc <= 0x2BFF && uc != 0x2013 && uc != 0x2014 &&
	    uc != 0x2018 && uc != 0x2019 && uc != 0x201C && uc != 0x201D &&
	    uc != 0x2026) || uc == '*' || uc == '_' || uc == '`' ||
	    uc == '|' || uc == '#' || uc == '~' || uc == '^' || uc == '<' ||
	    uc == '>' || uc == '=' || uc == '[' || uc == ']' || uc == '{' ||
	    uc == '}' || uc == '\\';
}

static const char *
speech_lookup(const struct speech_lexicon *lex, const char *w, size_t n)
{
	int i;

	for (i = 0; lex != NULL && i < lex->n; i++)
		if (strlen(lex->entries[i].word) == n &&
		    !memcmp(lex->entries[i].word, w, n))
			return lex->entries[i].said;
	return NULL;
}

/* The length of the word at s (its letters and digits, with "-" or "."
 * between two of them), or 0. */
static size_t
speech_word_len(const char *s, size_t n)
{
	size_t i = 0;
	ucs4_t uc;
	int k;

	while (i < n) {
		k = u8_mbtouc(&uc, (const uint8_t *)s + i, n - i);
		if (speech_word_char(uc)) {
			i += k;
			continue;
		}
		if ((uc == '-' || uc == '.') && i > 0 && i + 1 < n) {
			ucs4_t next;
			u8_mbtouc(&next, (const uint8_t *)s + i + 1, n - i - 1);
			if (speech_word_char(next)) {
				i += k;
				continue;
			}
		}
		break;
	}
	return i;
}

char *
speech_clean(const char *text, const struct speech_lexicon *lex)
{
	struct speech_buf b = { 0 };
	size_t n = strlen(text), i = 0, w;
	const char *said;
	int space = 0, k;
	ucs4_t uc;

	buf_add(&b, "", 0);
	while (i < n) {
		if ((w = speech_word_len(text + i, n - i)) > 0) {
			/* A word ending a sentence keeps its full stop. */
			if (w > 1 && text[i + w - 1] == '.')
				w--;
			if (space && b.len > 0)
				buf_add(&b, " ", 1);
			space = 0;
			said = speech_lookup(lex, text + i, w);
			if (said != NULL)
				buf_str(&b, said);
			else
				buf_add(&b, text + i, w);
			i += w;
			continue;
		}
		k = u8_mbtouc(&uc, (const uint8_t *)text + i, n - i);
		if (uc == ' ' || uc == '\t' || uc == '\n' || uc == '\r' ||
		    uc == 0xA0 || speech_silent_char(uc) || uc < ' ' ||
		    uc == 0xFFFD)
			space = 1;
		else {
			/* Punctuation sticks to the word before; a space
			 * follows a stop or a comma even where the author
			 * left none. */
			if (space && b.len > 0 && !(uc < 128 &&
			    strchr(",.;:!?)", (int)uc) != NULL))
				buf_add(&b, " ", 1);
			buf_add(&b, text + i, k);
			space = uc < 128 && strchr(",.;:!?)", (int)uc) != NULL;
		}
		i += k;
	}
	return b.s;
}

int
speech_words(const char *text)
{
	size_t n = strlen(text), i = 0, w;
	int words = 0, k;
	ucs4_t uc;

	while (i < n) {
		if ((w = speech_word_len(text + i, n - i)) > 0) {
			words++;
			i += w;
			continue;
		}
		k = u8_mbtouc(&uc, (const uint8_t *)text + i, n - i);
		i += k;
	}
	return words;
}

/* Adds a piece of text as a sentence: a full stop after it unless it
 * ends in one already, so that the voice pauses between blocks. */
static void
speech_sentence(struct speech_buf *b, const char *text,
    const struct speech_lexicon *lex)
{
	char *c = speech_clean(text, lex);
	size_t n = strlen(c);

	if (n > 0) {
		if (b->len > 0)
			buf_add(b, " ", 1);
		buf_add(b, c, n);
		if (!strchr(".!?:;", c[n - 1]) &&
		    !(n >= 3 && !strcmp(c + n - 3, "…")))
			buf_add(b, ".", 1);
	}
	free(c);
}

/* A block's text without the bytes that only draw (a quote's bar, a
 * list's bullet). */
static char *
speech_block_words(const struct lesson_block *blk)
{
	char *s = xmalloc(blk->len + 1);
	size_t i, n = 0;

	for (i = 0; i < blk->len; i++)
		if (blk->style == NULL || !(blk->style[i] & LESSON_QUOTE))
			s[n++] = blk->text[i];
	s[n] = '\0';
	return s;
}

char *
speech_question_text(const char *text, const char *const *choices,
    int nchoices, const char *feedback, const struct speech_lexicon *lex)
{
	struct speech_buf b = { 0 };
	char num[64];
	int i;

	buf_add(&b, "", 0);
	if (text != NULL)
		speech_sentence(&b, text, lex);
	for (i = 0; i < nchoices; i++) {
		char *line;
		size_t n;

		snprintf(num, sizeof num, "%d. ", i + 1);
		n = strlen(num) + strlen(choices[i]) + 1;
		line = xmalloc(n);
		snprintf(line, n, "%s%s", num, choices[i]);
		speech_sentence(&b, line, lex);
		free(line);
	}
	if (feedback != NULL)
		speech_sentence(&b, feedback, lex);
	return b.s;
}

char *
speech_screen_text(const struct lesson_screen *screen,
    const struct speech_lexicon *lex)
{
	struct speech_buf b = { 0 };
	int i, j;

	buf_add(&b, "", 0);
	for (i = 0; i < screen->nblocks; i++) {
		const struct lesson_block *blk = &screen->blocks[i];

		switch (blk->kind) {
		case LESSON_ART:
		case LESSON_CODE_BLOCK:
			break;
		case LESSON_PRACTICE: {
			const struct quiz_question *q;
			const char **ch;
			char *s;

			if (blk->practice.n < 1)
				break;
			q = &blk->practice.questions[0];
			ch = xcalloc(q->nchoices + 1, sizeof *ch);
			for (j = 0; j < q->nchoices; j++)	/* as shown */
				ch[j] = q->choices[q->type == QUIZ_ORDERING ?
				    blk->order[j] : j].text;
			s = speech_question_text(q->text, ch, q->nchoices,
			    blk->verdict, lex);
			free(ch);
			if (*s != '\0') {
				if (b.len > 0)
					buf_add(&b, " ", 1);
				buf_str(&b, s);
			}
			free(s);
			break;
		}
		default: {
			char *s = speech_block_words(blk);
			speech_sentence(&b, s, lex);
			free(s);
			break;
		}
		}
	}
	return b.s;
}

void
speech_lexicon_free(struct speech_lexicon *lex)
{
	int i;

	for (i = 0; i < lex->n; i++) {
		free(lex->entries[i].word);
		free(lex->entries[i].said);
	}
	free(lex->entries);
	lex->entries = NULL;
	lex->n = 0;
}

/* s..e without the blanks around it, copied. */
static char *
speech_trim(const char *s, const char *e)
{
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	return xstrndup(s, (size_t)(e - s));
}

int
speech_lexicon_parse(const char *buf, size_t len, const char *file,
    struct speech_lexicon *lex, struct hs_error *err)
{
	const char *p = buf, *end = buf + len, *nl, *eq;
	char *word = NULL, *said = NULL;
	int line = 0, rc = 0;

	memset(lex, 0, sizeof *lex);
	if (u8_check((const uint8_t *)buf, len) != NULL)
		return hs_error_set_at(err, HS_EINVAL, file, 0, 0,
		    _("a pronunciation list must be UTF-8 text"));
	for (; p < end; p = nl + 1) {
		line++;
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		word = speech_trim(p, nl);
		if (word[0] == '\0' || word[0] == '#') {
			free(word);
			word = NULL;
			continue;
		}
		free(word);
		word = NULL;
		eq = memchr(p, '=', (size_t)(nl - p));
		if (eq == NULL) {
			rc = hs_error_set_at(err, HS_EINVAL, file, line, 0,
			    _("a pronunciation is written WORD = HOW IT IS SAID"));
			goto out;
		}
		word = speech_trim(p, eq);
		said = speech_trim(eq + 1, nl);
		if (word[0] == '\0' || said[0] == '\0' ||
		    speech_word_len(word, strlen(word)) != strlen(word)) {
			rc = hs_error_set_at(err, HS_EINVAL, file, line, 0,
			    _("a pronunciation is for one word (letters or "
			    "digits) and says something: \"%s\""), word);
			goto out;
		}
		if (speech_lookup(lex, word, strlen(word)) != NULL) {
			rc = hs_error_set_at(err, HS_EINVAL, file, line, 0,
			    _("\"%s\" has a pronunciation already"), word);
			goto out;
		}
		lex->entries = xrealloc(lex->entries,
		    (size_t)(lex->n + 1) * sizeof *lex->entries);
		lex->entries[lex->n].word = word;
		lex->entries[lex->n].said = said;
		lex->n++;
		word = said = NULL;
		if (nl == end)
			break;
	}
out:
	free(word);
	free(said);
	if (rc != 0)
		speech_lexicon_free(lex);
	return rc;
}

int
speech_lexicon_load(const char *dir, const char *lang,
    struct speech_lexicon *lex, struct hs_error *err)
{
	char rel[64], *path, *buf = NULL;
	struct stat st;
	size_t len;
	int rc;

	memset(lex, 0, sizeof *lex);
	snprintf(rel, sizeof rel, "speech/%s.txt", lang);
	path = util_path_join(dir, rel);
	if (lstat(path, &st) != 0 && errno == ENOENT) {
		rc = 0;
		goto out;
	}
	if ((rc = fileio_read(path, SPEECH_LIST_MAX, &buf, &len, err)) == 0)
		rc = speech_lexicon_parse(buf, len, path, lex, err);
out:
	free(buf);
	free(path);
	return rc;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * gift.c: the GIFT reader.  See gift.h for what it accepts; Moodle's
 * importer is the reference, and tests/check_gift_moodle.c states its
 * behaviour case by case.
 *
 * The file is first cut into questions at blank lines, with comment and
 * category lines taken out (a question's comments are kept apart, for the
 * id number and tags in them); each question keeps a map from its bytes
 * back to offsets in the file, so that every message can name the line
 * and column the author sees in their editor.  Line numbers are counted
 * once, as the file is cut, so reading is linear in the file's size.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"
#include "quiz/gift.h"
#include "quiz/grade.h"

struct gift_src {
	const char *buf;
	size_t len;
	size_t bom;		/* 3 when the file starts with a BOM */
	const char *file;
};

/* One question's text, comments removed, with where each byte came from. */
struct gift_chunk {
	char *text;
	size_t *map;
	size_t len, cap;
	int line;		/* of its first byte */
	char *comments;		/* its comment lines, joined */
	size_t clen, ccap;
};

/* The ids given so far in one parse, to make title-made ids unique. */
struct gift_ids {
	char **slots;
	size_t cap, n;
};

static int
gift_fail(const struct gift_src *src, size_t off, struct hs_error *err,
    const char *msg)
{
	int line = 1, col = 1;
	size_t i;

	for (i = src->bom; i < off && i < src->len; i++) {
		if (src->buf[i] == '\n') {
			line++;
			col = 1;
		} else if (((unsigned char)src->buf[i] & 0xc0) != 0x80)
			col++;
	}
	return hs_error_set_at(err, HS_EINVAL, src->file, line, col, "%s", msg);
}

/* The file offset of the chunk's byte p, or of its last byte past it. */
static size_t
chunk_at(const struct gift_chunk *c, size_t p)
{
	return c->map[p < c->len ? p : c->len - 1];
}

static void
chunk_append(struct gift_chunk *c, const char *s, size_t n, size_t off)
{
	size_t i;

	if (c->len + n + 1 > c->cap) {
		c->cap = (c->len + n + 1) * 2;
		c->text = xrealloc(c->text, c->cap);
		c->map = xrealloc(c->map, c->cap * sizeof *c->map);
	}
	for (i = 0; i < n; i++) {
		c->text[c->len] = s[i];
		c->map[c->len++] = off + i;
	}
	c->text[c->len] = '\0';
}

static void
chunk_comment(struct gift_chunk *c, const char *s, size_t n)
{
	if (c->clen + n + 2 > c->ccap) {
		c->ccap = (c->clen + n + 2) * 2;
		c->comments = xrealloc(c->comments, c->ccap);
	}
	memcpy(c->comments + c->clen, s, n);
	c->clen += n;
	c->comments[c->clen++] = '\n';
	c->comments[c->clen] = '\0';
}

/* The offset of the first unescaped character of set at or after i and
 * before end, or end. */
static size_t
find_unescaped(const char *t, size_t i, size_t end, const char *set)
{
	for (; i < end; i++) {
		if (t[i] == '\\') {
			i++;
			continue;
		}
		if (strchr(set, t[i]) != NULL)
			return i;
	}
	return end;
}

static int
is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Skips blanks from i to b. */
static size_t
skip_blank(const char *t, size_t i, size_t b)
{
	while (i < b && is_blank((unsigned char)t[i]))
		i++;
	return i;
}

static int
only_blank(const char *t, size_t a, size_t b)
{
	return skip_blank(t, a, b) == b;
}

/* A new string: t[a..b) trimmed, escapes resolved, in NFC. */
static char *
gift_text(const char *t, size_t a, size_t b)
{
	char *raw, *o, *out;
	size_t i;

	while (a < b && is_blank((unsigned char)t[a]))
		a++;
	while (b > a && is_blank((unsigned char)t[b - 1]) &&
	    !(b - a >= 2 && t[b - 2] == '\\'))
		b--;
	raw = o = xmalloc(b - a + 1);
	for (i = a; i < b; i++) {
		if (t[i] == '\\' && i + 1 < b && strchr("~=#{}:\\n", t[i + 1])) {
			i++;
			*o++ = t[i] == 'n' ? '\n' : t[i];
		} else if (t[i] == '\r') {
			continue;
		} else
			*o++ = t[i];
	}
	out = text_nfc(raw, o - raw);
	free(raw);
	return out;
}

/* The format marker ("[html]"...) at t[a..b): its number (1 markdown,
 * 2 plain, 3 html, 4 moodle) with its length in *n, or 0. */
static int
format_marker(const char *t, size_t a, size_t b, size_t *n)
{
	static const char *const formats[] =
	    { "[markdown]", "[plain]", "[html]", "[moodle]" };
	unsigned k;

	for (k = 0; k < sizeof formats / sizeof *formats; k++) {
		*n = strlen(formats[k]);
		if (b - a >= *n && !strncmp(t + a, formats[k], *n))
			return (int)k + 1;
	}
	return 0;
}

/* As gift_text(), for an answer, a feedback or a matching item: Moodle
 * drops a format marker at its start. */
static char *
gift_field(const char *t, size_t a, size_t b)
{
	size_t n;

	a = skip_blank(t, a, b);
	if (format_marker(t, a, b, &n))
		a += n;
	return gift_text(t, a, b);
}

static void
question_free(struct quiz_question *q)
{
	struct quiz_bank one = { q, 1 };
	struct quiz_question *copy = xmalloc(sizeof *copy);

	*copy = *q;
	one.questions = copy;
	quiz_bank_free(&one);
	memset(q, 0, sizeof *q);
}

/* The last unescaped "####" in t[a..b), where Moodle's general feedback
 * starts, or b. */
static size_t
last_general_feedback(const char *t, size_t a, size_t b)
{
	size_t i, last = b;

	for (i = a; i < b; i++) {
		if (t[i] == '\\')
			i++;
		else if (b - i >= 4 && !strncmp(t + i, "####", 4))
			last = i;
	}
	return last;
}

/* An optional "%N%" weight at *start: sets *fraction and moves *start
 * past it.  Returns 0 or HS_EINVAL. */
static int
gift_weight(const struct gift_src *src, const struct gift_chunk *c,
    size_t *start, size_t b, double *fraction, struct hs_error *err)
{
	const char *t = c->text;
	char *stop;
	double w;

	if (*start >= b || t[*start] != '%')
		return 0;
	w = strtod(t + *start + 1, &stop);
	if (stop == t + *start + 1 || (size_t)(stop - t) >= b || *stop != '%' ||
	    w < -100 || w > 100)
		return gift_fail(src, c->map[*start], err,
		    "a weight is written %N% with N from -100 to 100");
	*fraction = w / 100.0;
	*start = stop + 1 - t;
	return 0;
}

/* Whether fraction is one Moodle's question bank accepts (its list of
 * grades, positive and negative, to within 0.00001). */
static int
moodle_fraction(double f)
{
	static const double ok[] = { 1, 0.9, 0.8333333, 0.8, 0.75, 0.7,
	    0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2, 0.1666667,
	    0.1428571, 0.125, 0.1111111, 0.1, 0.05, 0 };
	unsigned k;

	for (k = 0; k < sizeof ok / sizeof *ok; k++)
		if (fabs(fabs(f) - ok[k]) < 0.00001)
			return 1;
	return 0;
}

static struct quiz_choice *
add_choice(const struct gift_src *src, const struct gift_chunk *c, size_t at,
    struct quiz_question *q, struct hs_error *err)
{
	if (q->choices == NULL)
		q->choices = xcalloc(GIFT_MAX_CHOICES, sizeof *q->choices);
	if (q->nchoices == GIFT_MAX_CHOICES) {
		gift_fail(src, c->map[at], err, "too many answers (at most 26)");
		return NULL;
	}
	return &q->choices[q->nchoices++];	/* owned by q from here on */
}

/* The answer text and feedback of t[s..e), split at the first unescaped
 * '#' as Moodle's commentparser does; the feedback is NULL when there is
 * no '#'. */
static void
split_feedback(const char *t, size_t s, size_t e, char **text, char **fb)
{
	size_t h = find_unescaped(t, s, e, "#");

	*text = gift_field(t, s, h);
	*fb = h < e ? gift_field(t, h + 1, e) : NULL;
	if (*fb != NULL && (*fb)[0] == '\0') {	/* "=a#": none */
		free(*fb);
		*fb = NULL;
	}
}

/* The true/false word of Moodle: T, TRUE, F or FALSE exactly, before the
 * first '#'.  Returns 1, 0, or -1 when it is none. */
static int
truefalse_word(const char *t, size_t a, size_t b)
{
	size_t h = find_unescaped(t, a, b, "#");

	a = skip_blank(t, a, h);
	while (h > a && is_blank((unsigned char)t[h - 1]))
		h--;
	if ((h - a == 1 && t[a] == 'T') || (h - a == 4 &&
	    !strncmp(t + a, "TRUE", 4)))
		return 1;
	if ((h - a == 1 && t[a] == 'F') || (h - a == 5 &&
	    !strncmp(t + a, "FALSE", 5)))
		return 0;
	return -1;
}

/* {T}, {FALSE#feedback if wrong#feedback if right}. */
static int
gift_truefalse(const struct gift_src *src, const struct gift_chunk *c,
    size_t a, size_t b, int truth, struct quiz_question *q,
    struct hs_error *err)
{
	const char *t = c->text;
	struct quiz_choice *yes, *no;
	size_t f1 = find_unescaped(t, a, b, "#"), f2;

	q->type = QUIZ_TRUEFALSE;
	if ((yes = add_choice(src, c, a, q, err)) == NULL ||
	    (no = add_choice(src, c, a, q, err)) == NULL)
		return HS_EINVAL;
	yes->text = xstrdup("true");
	no->text = xstrdup("false");
	yes->fraction = truth;
	no->fraction = !truth;
	if (f1 < b) {
		f2 = find_unescaped(t, f1 + 1, b, "#");
		(truth ? no : yes)->feedback = gift_field(t, f1 + 1, f2);
		if (f2 < b)
			(truth ? yes : no)->feedback = gift_field(t, f2 + 1, b);
	}
	return 0;
}

/* A number range as Moodle reads one: "1..5" (min..max), "3.14:0.01"
 * (value:tolerance, the tolerance's sign ignored) or "42". */
static int
numeric_range(const char *s, double *min, double *max)
{
	const char *dots = strstr(s, "..");
	const char *colon = strchr(s, ':');
	char *end;
	double v, w;

	if (dots != NULL && dots > s) {		/* min..max */
		char *lo = xstrndup(s, dots - s);
		int ok = numeric_range(lo, min, &w) == 0 && *min == w &&
		    numeric_range(dots + 2, &v, max) == 0 && v == *max;
		free(lo);
		if (!ok)
			return -1;
		if (*min > *max) {
			w = *min;
			*min = *max;
			*max = w;
		}
		return 0;
	}
	v = strtod(s, &end);
	if (end == s)
		return -1;
	end += strspn(end, " \t");
	if (*end == '\0') {
		*min = *max = v;
		return 0;
	}
	if (colon == NULL || end != colon)
		return -1;
	w = strtod(colon + 1, &end);
	if (end == colon + 1)
		return -1;
	end += strspn(end, " \t");
	if (*end != '\0')
		return -1;
	*min = v - fabs(w);
	*max = v + fabs(w);
	return 0;
}

/* {#3.14:0.01}, {#1..5 #feedback}, {#=%100%3:0 #exact =%50%3:1 ~#else}:
 * answers split at '=', and after a '~' the feedback for any other
 * answer, which becomes the answer "*" worth 0. */
static int
gift_numerical(const struct gift_src *src, const struct gift_chunk *c,
    size_t a, size_t b, struct quiz_question *q, struct hs_error *err)
{
	const char *t = c->text;
	struct quiz_choice *ch;
	size_t tilde = find_unescaped(t, a + 1, b, "~");
	size_t i = skip_blank(t, a + 1, tilde), s, e, h;

	q->type = QUIZ_NUMERICAL;
	while (i < tilde) {
		if (t[i] == '=')
			i++;
		e = find_unescaped(t, i, tilde, "=");
		s = skip_blank(t, i, e);
		if (s == e) {
			i = e;
			continue;
		}
		if ((ch = add_choice(src, c, s, q, err)) == NULL)
			return HS_EINVAL;
		ch->fraction = 1.0;
		if (gift_weight(src, c, &s, e, &ch->fraction, err) != 0)
			return HS_EINVAL;
		if (!moodle_fraction(ch->fraction))
			q->warnings |= GIFT_WARN_WEIGHT;
		h = find_unescaped(t, s, e, "#");
		ch->text = gift_text(t, s, h);
		if (h < e)
			ch->feedback = gift_field(t, h + 1, e);
		if (numeric_range(ch->text, &ch->min, &ch->max) != 0)
			return gift_fail(src, c->map[s], err, "not a number: "
			    "write 3.14, 3.14:0.01 or 1..5");
		i = e;
	}
	if (q->nchoices == 0)
		return gift_fail(src, c->map[a], err, "no number in { }");
	if (tilde < b) {			/* any other answer */
		if ((ch = add_choice(src, c, tilde, q, err)) == NULL)
			return HS_EINVAL;
		h = find_unescaped(t, tilde + 1, b, "#");
		ch->text = xstrdup("*");
		ch->feedback = h < b ? gift_field(t, h + 1, b) : NULL;
		ch->fraction = 0;
		ch->min = -HUGE_VAL;
		ch->max = HUGE_VAL;
	}
	return 0;
}

/* The offset of the first unescaped "->" in t[a..b), or b. */
static size_t
find_arrow(const char *t, size_t a, size_t b)
{
	for (; a + 1 < b; a++) {
		if (t[a] == '\\')
			a++;
		else if (t[a] == '-' && t[a + 1] == '>')
			return a;
	}
	return b;
}

/* {=left -> right =other -> side = -> distractor}: pairs split at '='.
 * A '#' after a pair starts a feedback, which hocso ignores (Moodle keeps
 * it as part of the right side). */
static int
gift_matching(const struct gift_src *src, const struct gift_chunk *c,
    size_t a, size_t b, struct quiz_question *q, struct hs_error *err)
{
	const char *t = c->text;
	struct quiz_choice *ch;
	size_t i = skip_blank(t, a, b), s, e, arrow, h;
	int pairs = 0;

	q->type = QUIZ_MATCHING;
	while (i < b) {
		if (t[i] == '=')
			i++;
		e = find_unescaped(t, i, b, "=");
		s = skip_blank(t, i, e);
		if (s == e) {
			i = e;
			continue;
		}
		h = find_unescaped(t, s, e, "#");
		arrow = find_arrow(t, s, h);
		if (arrow == h)
			return gift_fail(src, c->map[i - 1], err,
			    "a matching pair is written =left -> right");
		if ((ch = add_choice(src, c, s, q, err)) == NULL)
			return HS_EINVAL;
		ch->text = gift_field(t, s, arrow);
		ch->match = gift_text(t, arrow + 2, h);
		ch->fraction = 1.0;
		if (ch->match[0] == '\0')
			return gift_fail(src, c->map[arrow], err,
			    "nothing after '->'");
		pairs += ch->text[0] != '\0';
		i = e;
	}
	if (pairs < 2)
		return gift_fail(src, c->map[a - 1], err,
		    "a matching question needs at least two pairs");
	return 0;
}

/* Adds the answer of t[s..e) worth fraction: its text and feedback split
 * at the first '#'.  An empty answer is left out, with a warning when it
 * was marked with '=' or '~' (Moodle leaves it out too).  Returns the
 * choice, NULL when left out, or NULL with *rc set when there are too
 * many. */
static struct quiz_choice *
add_answer(const struct gift_src *src, const struct gift_chunk *c,
    size_t s, size_t e, int marked, double fraction, struct quiz_question *q,
    int *rc, struct hs_error *err)
{
	struct quiz_choice *ch;
	char *text, *fb;

	split_feedback(c->text, s, e, &text, &fb);
	if (text[0] == '\0' || (ch = add_choice(src, c, s, q, err)) == NULL) {
		if (text[0] == '\0' && marked)
			q->warnings |= GIFT_WARN_EMPTY;
		else if (text[0] != '\0')
			*rc = HS_EINVAL;
		free(text);
		free(fb);
		return NULL;
	}
	ch->text = text;
	ch->feedback = fb;
	ch->fraction = fraction;
	if (!moodle_fraction(fraction))
		q->warnings |= GIFT_WARN_WEIGHT;
	return ch;
}

/* {=right ~wrong ~%50%half}: answers split at '~' and at '=' (worth
 * full marks, and then no weight is read), as Moodle splits them; text
 * before the first mark is an answer worth 0.  Empty answers are left
 * out.  One '=' or more makes it one answer to choose, else several. */
static int
gift_choices(const struct gift_src *src, const struct gift_chunk *c,
    size_t a, size_t b, struct quiz_question *q, struct hs_error *err)
{
	const char *t = c->text;
	size_t i = skip_blank(t, a, b), s, e;
	double positive = 0;
	int single = 0, k, rc = 0;

	while (i < b) {
		double fraction = 0;
		char mark = t[i];

		if (mark == '=' || mark == '~')
			i++;
		e = find_unescaped(t, i, b, "~=");
		s = skip_blank(t, i, e);
		if (mark == '=') {
			fraction = 1.0;
			single = 1;
		} else if (gift_weight(src, c, &s, e, &fraction, err) != 0)
			return HS_EINVAL;
		add_answer(src, c, s, e, mark == '=' || mark == '~', fraction,
		    q, &rc, err);
		if (rc != 0)
			return rc;
		i = e;
	}
	if (q->nchoices < 2)
		return gift_fail(src, c->map[a - 1], err, "a multiple-choice "
		    "question needs at least two answers");
	for (k = 0; k < q->nchoices; k++)
		if (q->choices[k].fraction > 0)
			positive += q->choices[k].fraction;
	if (positive == 0)
		return gift_fail(src, c->map[a - 1], err,
		    "no right answer: mark it with '='");
	q->type = single ? QUIZ_CHOICE : QUIZ_MULTI;
	/* Moodle rounds the sum to two decimals: 3 x 33.33333% is 100%. */
	if (!single && round(positive * 100) != 100)
		q->warnings |= GIFT_WARN_MULTI_SUM;
	return 0;
}

/* The first word of s, lower-cased and without marks, in out. */
static void
first_word(const char *s, char *out, size_t len)
{
	char *sp;

	grade_normalise(s, 1, out, len);
	if ((sp = strpbrk(out, " !.,:;")) != NULL)
		*sp = '\0';
}

/* Whether two full-mark short answers look like choices the author meant
 * to tell apart (a forgotten '~'): one a yes/true word and the other a
 * no/false word, or each with a feedback whose first word differs ("Đúng
 * rồi!" for one, "Chưa đúng" for the other).  Synonyms with one feedback,
 * the usual way to accept several words, do not. */
static int
short_look_like_choices(const struct quiz_choice *x, const struct quiz_choice *y)
{
	static const char *const yes[] = { "dung", "true", "yes", "co", "phai" };
	static const char *const no[] = { "sai", "false", "no", "khong" };
	char a[256], b[256];
	int ya = 0, yb = 0, na = 0, nb = 0;
	unsigned k;

	grade_normalise(x->text, 1, a, sizeof a);
	grade_normalise(y->text, 1, b, sizeof b);
	for (k = 0; k < sizeof yes / sizeof *yes; k++) {
		ya |= !strcmp(a, yes[k]);
		yb |= !strcmp(b, yes[k]);
	}
	for (k = 0; k < sizeof no / sizeof *no; k++) {
		na |= !strcmp(a, no[k]);
		nb |= !strcmp(b, no[k]);
	}
	if ((ya && nb) || (na && yb))
		return 1;
	if (x->feedback == NULL || y->feedback == NULL)
		return 0;
	first_word(x->feedback, a, sizeof a);
	first_word(y->feedback, b, sizeof b);
	return strcmp(a, b) != 0;
}

/* {=answer =%50%other #feedback}: answers split at '=', each worth full
 * marks unless weighted; text before the first '=' is an answer too. */
static int
gift_short(const struct gift_src *src, const struct gift_chunk *c,
    size_t a, size_t b, struct quiz_question *q, struct hs_error *err)
{
	const char *t = c->text;
	struct quiz_choice *ch;
	size_t i = skip_blank(t, a, b), s, e;
	int k, full = 0, first_full = -1, rc = 0;

	q->type = QUIZ_SHORT;
	while (i < b) {
		double fraction = 1.0;
		int marked = t[i] == '=';

		if (marked)
			i++;
		e = find_unescaped(t, i, b, "=");
		s = skip_blank(t, i, e);
		if (gift_weight(src, c, &s, e, &fraction, err) != 0)
			return HS_EINVAL;
		ch = add_answer(src, c, s, e, marked, fraction, q, &rc, err);
		if (rc != 0)
			return rc;
		if (ch != NULL && strchr(ch->text, '\n') != NULL)
			q->warnings |= GIFT_WARN_SHORT_LINES;
		i = e;
	}
	if (q->nchoices == 0)
		return gift_fail(src, c->map[a - 1], err, "no answers in { }");
	for (k = 0; k < q->nchoices; k++) {
		if (q->choices[k].fraction != 1.0)
			continue;
		if (first_full < 0)
			first_full = k;
		else if (short_look_like_choices(&q->choices[first_full],
		    &q->choices[k]))
			q->warnings |= GIFT_WARN_SHORT_CHOICES;
		full++;
	}
	if (full == 0)
		q->warnings |= GIFT_WARN_NO_FULL;
	if (q->nchoices == 1 && (!strcasecmp(q->choices[0].text, "true") ||
	    !strcasecmp(q->choices[0].text, "false") ||
	    !strcasecmp(q->choices[0].text, "t") ||
	    !strcasecmp(q->choices[0].text, "f")))
		q->warnings |= GIFT_WARN_TF_CASE;
	return 0;
}

/* The offset of the first unescaped ">>" in t[i..end), or end. */
static size_t
find_order_mark(const char *t, size_t i, size_t end)
{
	for (; i + 1 < end; i++) {
		if (t[i] == '\\')
			i++;
		else if (t[i] == '>' && t[i + 1] == '>')
			return i;
	}
	return end;
}

/* {>> first >> second >> third}: hocso's ordering question, the items in
 * the right order, GIFT_ORDER_MIN to GIFT_ORDER_MAX of them, each
 * different.  An item has no feedback of its own ('#' is refused: the
 * question's is after "####"), and '~' or '=' in one must be escaped,
 * so that no item can be read as one of Moodle's answers. */
static int
gift_ordering(const struct gift_src *src, const struct gift_chunk *c,
    size_t a, size_t b, struct quiz_question *q, struct hs_error *err)
{
	const char *t = c->text;
	char seen[GIFT_ORDER_MAX][256], key[256];
	struct quiz_choice *ch;
	size_t i = find_order_mark(t, a, b), e, s, bad;
	int k;

	q->type = QUIZ_ORDERING;
	while (i < b) {
		e = find_order_mark(t, i + 2, b);
		s = skip_blank(t, i + 2, e);
		if (s == e)
			return gift_fail(src, c->map[i], err,
			    "an empty item: write its text after '>>'");
		if ((bad = find_unescaped(t, s, e, "#")) < e)
			return gift_fail(src, c->map[bad], err, "an ordering "
			    "item has no feedback of its own: write the "
			    "question's after '####' (or \\# for the sign)");
		if ((bad = find_unescaped(t, s, e, "~=")) < e)
			return gift_fail(src, c->map[bad], err, "write \\~ "
			    "and \\= for the signs in an ordering item");
		if (q->nchoices == GIFT_ORDER_MAX)
			return gift_fail(src, c->map[i], err, "an ordering "
			    "question has at most 8 items");
		if ((ch = add_choice(src, c, i, q, err)) == NULL)
			return HS_EINVAL;
		ch->text = gift_field(t, s, e);
		ch->fraction = 1.0;
		grade_normalise(ch->text, 0, key, sizeof key);
		for (k = 0; k < q->nchoices - 1; k++)
			if (!strcmp(seen[k], key))
				return gift_fail(src, c->map[s], err, "the same "
				    "item twice: the learner could not tell "
				    "them apart");
		memcpy(seen[q->nchoices - 1], key, sizeof key);
		i = e;
	}
	if (q->nchoices < GIFT_ORDER_MIN)
		return gift_fail(src, c->map[a - 1], err,
		    "an ordering question needs at least two items");
	return 0;
}

/* Parses the answer block t[a..b) into q and sets its type, in Moodle's
 * order of decisions. */
static int
gift_answers(const struct gift_src *src, const struct gift_chunk *c,
    size_t a, size_t b, struct quiz_question *q, struct hs_error *err)
{
	const char *t = c->text;
	size_t g = last_general_feedback(t, a, b), i;
	int truth;

	if (g < b) {
		q->general_feedback = gift_field(t, g + 4, b);
		if (q->general_feedback[0] == '\0') {
			free(q->general_feedback);
			q->general_feedback = NULL;
		}
		b = g;
	}
	i = skip_blank(t, a, b);
	if (i == b) {
		q->type = QUIZ_ESSAY;
		return 0;
	}
	if (b - i >= 2 && t[i] == '>' && t[i + 1] == '>')
		return gift_ordering(src, c, a, b, q, err);
	if (t[i] == '#')
		return gift_numerical(src, c, i, b, q, err);
	if (find_unescaped(t, i, b, "~") < b)
		return gift_choices(src, c, a, b, q, err);
	if (find_unescaped(t, i, b, "=") < b && find_arrow(t, i, b) < b)
		return gift_matching(src, c, a, b, q, err);
	if ((truth = truefalse_word(t, i, b)) >= 0)
		return gift_truefalse(src, c, find_unescaped(t, i, b, "#"), b,
		    truth, q, err);
	return gift_short(src, c, a, b, q, err);
}

/* The text of the first "[name:...]" in the comments, with "\]" read as
 * "]", from *at on; moves *at past it.  NULL when there is none. */
static char *
comment_tag(const char *comments, const char *name, const char **at)
{
	size_t n = strlen(name);
	const char *p, *e;
	char *raw, *o;

	for (p = strstr(*at, name); p != NULL; p = strstr(p + 1, name)) {
		for (e = p + n; *e != '\0' && *e != ']' && *e != '\n'; e++)
			if (*e == '\\' && e[1] != '\0' && e[1] != '\n')
				e++;
		if (*e != ']' || e == p + n)
			continue;
		raw = o = xmalloc(e - (p + n) + 1);
		for (p += n; p < e; p++) {
			if (*p == '\\' && p[1] == ']')
				p++;
			*o++ = *p;
		}
		*o = '\0';
		*at = e + 1;
		o = gift_text(raw, 0, strlen(raw));
		free(raw);
		return o;
	}
	(void)comments;
	return NULL;
}

/* The id number and tags of Moodle, from a question's comment lines. */
static void
gift_comment_tags(const char *comments, struct quiz_question *q)
{
	const char *at = comments;
	char *tag;

	if (comments == NULL)
		return;
	q->idnumber = comment_tag(comments, "[id:", &at);
	at = comments;
	while ((tag = comment_tag(comments, "[tag:", &at)) != NULL) {
		q->tags = xrealloc(q->tags, (q->ntags + 1) * sizeof *q->tags);
		q->tags[q->ntags++] = tag;
	}
}

static unsigned long
ids_hash(const char *s)
{
	unsigned long h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* Whether id was given already; else records it (the set keeps its own
 * copy). */
static int
ids_seen(struct gift_ids *ids, const char *id)
{
	size_t i, k;

	if (2 * (ids->n + 1) > ids->cap) {
		struct gift_ids grown = { 0 };

		grown.cap = ids->cap != 0 ? ids->cap * 2 : 64;
		grown.slots = xcalloc(grown.cap, sizeof *grown.slots);
		for (k = 0; k < ids->cap; k++) {
			if (ids->slots[k] == NULL)
				continue;
			i = ids_hash(ids->slots[k]) & (grown.cap - 1);
			while (grown.slots[i] != NULL)
				i = (i + 1) & (grown.cap - 1);
			grown.slots[i] = ids->slots[k];
		}
		free(ids->slots);
		grown.n = ids->n;
		*ids = grown;
	}
	for (i = ids_hash(id) & (ids->cap - 1); ids->slots[i] != NULL;
	    i = (i + 1) & (ids->cap - 1))
		if (!strcmp(ids->slots[i], id))
			return 1;
	ids->slots[i] = xstrdup(id);
	ids->n++;
	return 0;
}

static void
ids_free(struct gift_ids *ids)
{
	size_t k;

	for (k = 0; k < ids->cap; k++)
		free(ids->slots[k]);
	free(ids->slots);
}

/* The question's id: its id number, else its title (made unique with
 * " (2)", " (3)"... when titles repeat, as Moodle allows), else "q<N>". */
static void
gift_name(struct quiz_question *q, int index, struct gift_ids *ids)
{
	char *id;
	int k;

	if (q->idnumber != NULL && q->idnumber[0] != '\0')
		id = xstrdup(q->idnumber);
	else if (q->title != NULL && q->title[0] != '\0')
		id = xstrdup(q->title);
	else {
		id = xmalloc(16);
		snprintf(id, 16, "q%d", index + 1);
	}
	for (k = 2; ids_seen(ids, id); k++) {
		const char *base = q->idnumber != NULL &&
		    q->idnumber[0] != '\0' ? q->idnumber : q->title != NULL &&
		    q->title[0] != '\0' ? q->title : NULL;

		/* A repeated id number stays as it is: check refuses it. */
		if (base == NULL || base == q->idnumber)
			break;
		free(id);
		id = xmalloc(strlen(base) + 16);
		sprintf(id, "%s (%d)", base, k);
	}
	q->id = id;
}

static int
gift_question(const struct gift_src *src, struct gift_chunk *c,
    const char *category, int index, struct gift_ids *ids,
    struct quiz_question *q, struct hs_error *err)
{
	const char *t = c->text;
	size_t p = 0, e, ob, cb, n, before_end, after_start;
	char *raw;
	int rc;

	memset(q, 0, sizeof *q);
	p = skip_blank(t, 0, c->len);
	q->line = c->line;
	gift_comment_tags(c->comments, q);
	if (!strncmp(t + p, "::", 2)) {
		for (e = p + 2; e + 1 < c->len; e++) {
			if (t[e] == '\\')
				e++;
			else if (t[e] == ':' && t[e + 1] == ':')
				break;
		}
		if (e + 1 >= c->len) {
			/* Moodle: no title, and the text goes on after the
			 * first "::". */
			q->warnings |= GIFT_WARN_TITLE_OPEN;
			p += 2;
		} else {
			q->title = gift_text(t, p + 2, e);
			p = e + 2;
		}
	}
	p = skip_blank(t, p, c->len);
	if ((q->format = format_marker(t, p, c->len, &n)) != 0)
		p += n;
	ob = find_unescaped(t, p, c->len, "{");
	if (ob == c->len) {		/* no answers: a description */
		if (find_unescaped(t, p, c->len, "}") < c->len) {
			rc = gift_fail(src, c->map[find_unescaped(t, p, c->len,
			    "}")], err, "a '}' with no '{' before it");
			goto fail;
		}
		q->type = QUIZ_DESCRIPTION;
		q->text = gift_text(t, p, c->len);
		if (q->text[0] == '\0') {
			rc = gift_fail(src, chunk_at(c, p), err,
			    "the question has no text");
			goto fail;
		}
		goto named;
	}
	cb = find_unescaped(t, ob + 1, c->len, "}");
	if (cb == c->len) {
		rc = gift_fail(src, c->map[ob], err,
		    "the answer block is not closed with '}'");
		goto fail;
	}
	if ((rc = gift_answers(src, c, ob + 1, cb, q, err)) != 0)
		goto fail;
	/* The text around the block: a gap where text follows it. */
	before_end = ob;
	after_start = cb + 1;
	if (only_blank(t, after_start, c->len)) {
		q->text = gift_text(t, p, before_end);
	} else {
		raw = xmalloc(c->len + 8);
		memcpy(raw, t + p, before_end - p);
		memcpy(raw + (before_end - p), "_____", 5);
		memcpy(raw + (before_end - p) + 5, t + after_start,
		    c->len - after_start);
		raw[before_end - p + 5 + c->len - after_start] = '\0';
		q->text = gift_text(raw, 0, strlen(raw));
		free(raw);
	}
	if (q->text[0] == '\0') {
		rc = gift_fail(src, chunk_at(c, p), err,
		    "the question has no text");
		goto fail;
	}
named:
	q->category = category != NULL ? xstrdup(category) : NULL;
	gift_name(q, index, ids);
	return 0;
fail:
	question_free(q);
	return rc;
}

const char *
gift_warning_text(unsigned w)
{
	switch (w) {
	case GIFT_WARN_TITLE_OPEN:
		return N_("the title is not closed with '::': Moodle reads "
		    "it as the start of the question's text");
	case GIFT_WARN_SHORT_LINES:
		return N_("a short answer's accepted text spans lines: did "
		    "you forget '~' before a wrong choice?");
	case GIFT_WARN_SHORT_CHOICES:
		return N_("a short answer with several different right "
		    "answers: if they are choices, mark the wrong ones "
		    "with '~'");
	case GIFT_WARN_TF_CASE:
		return N_("a short answer 'true' or 'false': write T, TRUE, "
		    "F or FALSE in capitals for a true/false question");
	case GIFT_WARN_WEIGHT:
		return N_("a weight that Moodle does not accept: use 100, 90, "
		    "83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, "
		    "30, 25, 20, 16.66667, 14.28571, 12.5, 11.11111, 10, 5 "
		    "or 0 (or minus one of them)");
	case GIFT_WARN_MULTI_SUM:
		return N_("the right answers' weights do not add up to 100%: "
		    "Moodle refuses the question");
	case GIFT_WARN_NO_FULL:
		return N_("no answer gives full marks: Moodle refuses the "
		    "question");
	case GIFT_WARN_EMPTY:
		return N_("an empty answer ('=' or '~' with nothing after "
		    "it) is left out");
	default:
		return N_("a doubtful question");
	}
}

int
gift_parse(const char *buf, size_t len, const char *file,
    struct quiz_bank *bank, struct hs_error *err)
{
	struct gift_src src = { buf, len, 0, file };
	struct gift_chunk c = { 0 };
	struct quiz_bank got = { 0 };
	struct gift_ids ids = { 0 };
	char *category = NULL, *copy = NULL;
	size_t i = 0, le, s;
	int rc = 0, cap = 0, line = 1, k;

	/* Old Macintosh files end lines with CR alone: read them as Moodle
	 * does, one line per CR. */
	if (memchr(buf, '\n', len) == NULL && memchr(buf, '\r', len) != NULL) {
		copy = xmalloc(len + 1);
		for (s = 0; s < len; s++)
			copy[s] = buf[s] == '\r' ? '\n' : buf[s];
		copy[len] = '\0';
		src.buf = buf = copy;
	}
	if (len >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3))
		i = src.bom = 3;	/* a byte-order mark from Windows */
	for (k = 0; k < bank->n; k++)
		ids_seen(&ids, bank->questions[k].id);
	for (;; line++) {
		le = i;
		if (i < len) {
			const char *nl = memchr(buf + i, '\n', len - i);
			le = nl != NULL ? (size_t)(nl - buf) : len;
		}
		s = skip_blank(buf, i, le);
		if (s == le || i == len) {	/* blank: a question ends */
			if (c.len > 0 && !only_blank(c.text, 0, c.len)) {
				if (got.n == cap) {
					cap = cap != 0 ? cap * 2 : 16;
					got.questions = xrealloc(got.questions,
					    cap * sizeof *got.questions);
				}
				rc = gift_question(&src, &c, category,
				    bank->n + got.n, &ids,
				    &got.questions[got.n], err);
				if (rc != 0)
					goto out;
				got.n++;
			}
			c.len = 0;
			c.clen = 0;
			if (c.comments != NULL)
				c.comments[0] = '\0';
		} else if (le - s >= 2 && !strncmp(buf + s, "//", 2)) {
			chunk_comment(&c, buf + s, le - s);
		} else if (c.len == 0 && le - s >= 10 &&
		    !strncmp(buf + s, "$CATEGORY:", 10)) {
			free(category);
			category = gift_text(buf, s + 10, le);
		} else {
			if (c.len == 0)
				c.line = line;
			chunk_append(&c, buf + i, le < len ? le - i + 1 :
			    le - i, i);
		}
		if (i == len)
			break;
		i = le < len ? le + 1 : len;	/* a last line with no newline */
	}
	if (got.n > 0) {
		bank->questions = xrealloc(bank->questions,
		    (bank->n + got.n) * sizeof *bank->questions);
		memcpy(bank->questions + bank->n, got.questions,
		    got.n * sizeof *got.questions);
		bank->n += got.n;
		free(got.questions);
		got.questions = NULL;
		got.n = 0;
	}
out:
	quiz_bank_free(&got);
	ids_free(&ids);
	free(c.text);
	free(c.map);
	free(c.comments);
	free(category);
	free(copy);
	return rc;
}

/* The line (from 1) of the first line of buf that opens a lesson's
 * type-it box ("```try ..."), or 0: a box is no question. */
static int
gift_try_line(const char *buf, size_t len)
{
	size_t i = 0, k;
	int line = 1;

	while (i < len) {
		k = i;
		while (k < len && (buf[k] == ' ' || buf[k] == '\t'))
			k++;
		if (len - k >= 6 && !memcmp(buf + k, "```try", 6) &&
		    (len - k == 6 || strchr(" \t\r\n", buf[k + 6]) != NULL))
			return line;
		while (i < len && buf[i] != '\n')
			i++;
		i++;
		line++;
	}
	return 0;
}

int
gift_load(const char *path, struct quiz_bank *bank, struct hs_error *err)
{
	size_t len;
	char *buf;
	int rc, line;

	if ((buf = util_read_file(path, 4 << 20, &len, err)) == NULL)
		return err != NULL ? err->code : HS_EIO;
	if ((line = gift_try_line(buf, len)) > 0) {
		free(buf);
		return hs_error_set_at(err, HS_EINVAL, path, line, 0,
		    _("a try block belongs in a lesson, not in a quiz bank"));
	}
	rc = gift_parse(buf, len, path, bank, err);
	free(buf);
	return rc;
}

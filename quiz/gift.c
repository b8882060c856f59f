/*
 * gift.c: the GIFT reader.  See gift.h for what it accepts.
 *
 * The file is first cut into questions at blank lines, with comment and
 * category lines taken out; each question keeps a map from its bytes back
 * to offsets in the file, so that every message can name the line and
 * column the author sees in their editor.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "core/util.h"
#include "quiz/gift.h"

struct gift_src {
	const char *buf;
	size_t len;
	const char *file;
};

/* One question's text, comments removed, with where each byte came from. */
struct gift_chunk {
	char *text;
	size_t *map;
	size_t len, cap;
};

static int
gift_fail(const struct gift_src *src, size_t off, struct hs_error *err,
    const char *msg)
{
	int line = 1, col = 1;
	size_t i;

	for (i = 0; i < off && i < src->len; i++) {
		if (src->buf[i] == '\n') {
			line++;
			col = 1;
		} else if (((unsigned char)src->buf[i] & 0xc0) != 0x80)
			col++;
	}
	return hs_error_set_at(err, HS_EINVAL, src->file, line, col, "%s", msg);
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

/* The offset of the first unescaped c (or of the string "####" when c is
 * 0) at or after i and before end, or end. */
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

static int
only_blank(const char *t, size_t a, size_t b)
{
	for (; a < b; a++)
		if (!is_blank((unsigned char)t[a]))
			return 0;
	return 1;
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

/* At "####": the general feedback, which runs to the end of the block.
 * Returns 1 when it was there (and is now in q). */
static int
general_feedback(const char *t, size_t i, size_t b, struct quiz_question *q)
{
	if (b - i < 4 || strncmp(t + i, "####", 4) != 0)
		return 0;
	free(q->general_feedback);
	q->general_feedback = gift_text(t, i + 4, b);
	return 1;
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

/* Skips blanks from i to b. */
static size_t
skip_blank(const char *t, size_t i, size_t b)
{
	while (i < b && is_blank((unsigned char)t[i]))
		i++;
	return i;
}

/* Whether t[a..b) holds an unescaped "->". */
static int
has_arrow(const char *t, size_t a, size_t b)
{
	for (; a + 1 < b; a++) {
		if (t[a] == '\\')
			a++;
		else if (t[a] == '-' && t[a + 1] == '>')
			return 1;
	}
	return 0;
}

/* The true/false word at t[a..), or -1; its length in *n. */
static int
truefalse_word(const char *t, size_t a, size_t b, size_t *n)
{
	static const struct { const char *w; int v; } words[] = {
		{ "TRUE", 1 }, { "FALSE", 0 }, { "T", 1 }, { "F", 0 },
	};
	size_t k, len;

	for (k = 0; k < sizeof words / sizeof *words; k++) {
		len = strlen(words[k].w);
		if (b - a >= len && !strncmp(t + a, words[k].w, len) &&
		    (a + len == b || t[a + len] == '#' ||
		    is_blank((unsigned char)t[a + len]))) {
			*n = len;
			return words[k].v;
		}
	}
	return -1;
}

static struct quiz_choice *
add_choice(const struct gift_src *src, const struct gift_chunk *c, size_t at,
    struct quiz_question *q, struct hs_error *err)
{
	if (q->choices == NULL)
		q->choices = xcalloc(GIFT_MAX_CHOICES, sizeof *q->choices);
	if (q->nchoices == GIFT_MAX_CHOICES) {
		gift_fail(src, c->map[at], err, "too many answers (at most 10)");
		return NULL;
	}
	return &q->choices[q->nchoices++];	/* owned by q from here on */
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
	if (f1 < b && general_feedback(t, f1, b, q))
		return 0;
	if (f1 < b) {
		f2 = find_unescaped(t, f1 + 1, b, "#");
		(truth ? no : yes)->feedback = gift_text(t, f1 + 1, f2);
		if (f2 < b)
			(truth ? yes : no)->feedback = gift_text(t, f2 + 1, b);
	}
	return 0;
}

/* A number range: "3.14:0.01", "1..5" or "42". */
static int
numeric_range(const char *s, double *min, double *max)
{
	const char *dots = strstr(s, "..");
	char *end;
	double v, w;

	if (dots != NULL) {		/* min..max */
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
	while (is_blank((unsigned char)*end))
		end++;
	if (*end == '\0') {
		*min = *max = v;
		return 0;
	}
	if (*end == ':') {
		w = strtod(end + 1, &end);
		if (w < 0)
			return -1;
		*min = v - w;
		*max = v + w;
	} else
		return -1;
	while (is_blank((unsigned char)*end))
		end++;
	return *end == '\0' ? 0 : -1;
}

/* {#3.14:0.01}, {#1..5 #feedback}, {#=%100%3:0 #exact =%50%3:1}. */
static int
gift_numerical(const struct gift_src *src, const struct gift_chunk *c,
    size_t a, size_t b, struct quiz_question *q, struct hs_error *err)
{
	const char *t = c->text;
	struct quiz_choice *ch;
	size_t i = skip_blank(t, a + 1, b), start, end, fb;
	int several = i < b && t[i] == '=';

	q->type = QUIZ_NUMERICAL;
	for (;;) {
		i = skip_blank(t, i, b);
		if (i >= b)
			break;
		if (general_feedback(t, i, b, q))
			break;
		if ((ch = add_choice(src, c, i, q, err)) == NULL)
			return HS_EINVAL;
		ch->fraction = 1.0;
		start = i;
		if (several) {
			if (t[i] != '=' && t[i] != '~')
				return gift_fail(src, c->map[i], err,
				    "expected '=' before a numerical answer");
			ch->fraction = t[i] == '=' ? 1.0 : 0.0;
			start = i + 1;
			if (gift_weight(src, c, &start, b, &ch->fraction,
			    err) != 0)
				return HS_EINVAL;
		}
		fb = find_unescaped(t, start, b, several ? "=~#" : "#");
		end = fb;
		if (fb < b && t[fb] == '#' &&
		    !(b - fb >= 4 && !strncmp(t + fb, "####", 4)))
			end = find_unescaped(t, fb + 1, b, several ? "=~" : "");
		else if (fb < b && t[fb] == '#')
			end = fb;	/* the general feedback follows */
		ch->text = gift_text(t, start, fb);
		if (fb < end && t[fb] == '#')
			ch->feedback = gift_text(t, fb + 1, end);
		if (numeric_range(ch->text, &ch->min, &ch->max) != 0)
			return gift_fail(src, c->map[start], err, "not a number: "
			    "write 3.14, 3.14:0.01 or 1..5");
		i = end;
		if (!several && (i >= b || t[i] != '#'))
			break;
	}
	if (q->nchoices == 0)
		return gift_fail(src, c->map[a], err, "no number in { }");
	return 0;
}

/* {=left -> right =other -> side = -> distractor}. */
static int
gift_matching(const struct gift_src *src, const struct gift_chunk *c,
    size_t a, size_t b, struct quiz_question *q, struct hs_error *err)
{
	const char *t = c->text;
	struct quiz_choice *ch;
	size_t i = a, end, arrow, k;
	int pairs = 0;

	q->type = QUIZ_MATCHING;
	for (;;) {
		i = skip_blank(t, i, b);
		if (i >= b)
			break;
		if (general_feedback(t, i, b, q))
			break;
		if (t[i] != '=')
			return gift_fail(src, c->map[i], err,
			    "expected '=' before a matching pair");
		end = find_unescaped(t, i + 1, b, "=#");
		for (arrow = end, k = i + 1; k + 1 < end; k++) {
			if (t[k] == '\\')
				k++;
			else if (t[k] == '-' && t[k + 1] == '>') {
				arrow = k;
				break;
			}
		}
		if (arrow == end)
			return gift_fail(src, c->map[i], err,
			    "a matching pair is written =left -> right");
		if ((ch = add_choice(src, c, i, q, err)) == NULL)
			return HS_EINVAL;
		ch->text = gift_text(t, i + 1, arrow);
		ch->match = gift_text(t, arrow + 2, end);
		ch->fraction = 1.0;
		if (ch->match[0] == '\0')
			return gift_fail(src, c->map[arrow], err,
			    "nothing after '->'");
		pairs += ch->text[0] != '\0';
		i = end;
		if (i < b && t[i] == '#' && !(b - i >= 4 &&
		    !strncmp(t + i, "####", 4)))
			i = find_unescaped(t, i + 1, b, "=");
	}
	if (pairs < 2)
		return gift_fail(src, c->map[a - 1], err,
		    "a matching question needs at least two pairs");
	return 0;
}

/* Parses the answers in t[a..b) into q, and sets its type. */
static int
gift_answers(const struct gift_src *src, const struct gift_chunk *c,
    size_t a, size_t b, struct quiz_question *q, struct hs_error *err)
{
	const char *t = c->text;
	size_t i = skip_blank(t, a, b), end, fb, n;
	int nright = 0, ntilde = 0, truth, k, positive = 0;
	struct quiz_choice *ch;

	if (i == b) {
		q->type = QUIZ_ESSAY;
		return 0;
	}
	if (t[i] == '#' && !(b - i >= 4 && !strncmp(t + i, "####", 4)))
		return gift_numerical(src, c, i, b, q, err);
	if ((truth = truefalse_word(t, i, b, &n)) >= 0)
		return gift_truefalse(src, c, i + n, b, truth, q, err);
	if (has_arrow(t, a, b))
		return gift_matching(src, c, a, b, q, err);
	for (;;) {
		i = skip_blank(t, i, b);
		if (i >= b)
			break;
		if (general_feedback(t, i, b, q))
			break;
		if (t[i] != '=' && t[i] != '~')
			return gift_fail(src, c->map[i], err,
			    "expected '=' (a right answer) or '~' (a wrong one)");
		if ((ch = add_choice(src, c, i, q, err)) == NULL)
			return HS_EINVAL;

		size_t start = i + 1;
		ch->fraction = t[i] == '=' ? 1.0 : 0.0;
		if (t[i] == '=')
			nright++;
		else
			ntilde++;
		if (gift_weight(src, c, &start, b, &ch->fraction, err) != 0)
			return HS_EINVAL;
		end = find_unescaped(t, start, b, "=~#");
		fb = end;
		while (end < b && t[end] == '#' &&
		    !(b - end >= 4 && !strncmp(t + end, "####", 4)))
			end = find_unescaped(t, end + 1, b, "=~");
		ch->text = gift_text(t, start, fb);
		if (fb < end)
			ch->feedback = gift_text(t, fb + 1, end);
		if (ch->text[0] == '\0')
			return gift_fail(src, c->map[i], err, "empty answer");
		i = end;
	}
	if (q->nchoices == 0)
		return gift_fail(src, c->map[a - 1], err, "no answers in { }");
	for (k = 0; k < q->nchoices; k++)
		positive |= q->choices[k].fraction > 0;
	if (ntilde == 0) {
		q->type = QUIZ_SHORT;
		return 0;
	}
	if (!positive)
		return gift_fail(src, c->map[a - 1], err,
		    "no right answer: mark it with '='");
	if (nright > 1)
		return gift_fail(src, c->map[a - 1], err,
		    "more than one right answer '=': use ~%N% weights for "
		    "several right answers");
	q->type = nright == 1 ? QUIZ_CHOICE : QUIZ_MULTI;
	return 0;
}

static int
gift_question(const struct gift_src *src, struct gift_chunk *c,
    const char *category, int index, struct quiz_question *q,
    struct hs_error *err)
{
	static const char *const formats[] =
	    { "[markdown]", "[plain]", "[html]", "[moodle]" };
	const char *t = c->text;
	size_t p = 0, e, ob, cb;
	char *before, *after;
	unsigned k;
	int rc;

	memset(q, 0, sizeof *q);
	while (p < c->len && is_blank((unsigned char)t[p]))
		p++;
	q->line = 1;
	gift_fail(src, c->map[p], err, "");
	q->line = err != NULL ? err->line : 0;
	hs_error_clear(err);
	if (!strncmp(t + p, "::", 2)) {
		for (e = p + 2; e + 1 < c->len; e++) {
			if (t[e] == '\\')
				e++;
			else if (t[e] == ':' && t[e + 1] == ':')
				break;
		}
		if (e + 1 >= c->len)
			return gift_fail(src, c->map[p], err,
			    "the title is not closed with '::'");
		q->title = gift_text(t, p + 2, e);
		p = e + 2;
	}
	/* Moodle's [id:...] and [tag:...], in any order, before the text. */
	for (;;) {
		int is_id;

		while (p < c->len && is_blank((unsigned char)t[p]))
			p++;
		is_id = !strncmp(t + p, "[id:", 4);
		if (!is_id && strncmp(t + p, "[tag:", 5) != 0)
			break;
		e = find_unescaped(t, p, c->len, "]");
		if (e == c->len) {
			rc = gift_fail(src, c->map[p], err,
			    "'[id:' or '[tag:' is not closed with ']'");
			goto fail;
		}
		if (is_id) {
			free(q->idnumber);
			q->idnumber = gift_text(t, p + 4, e);
		} else {
			q->tags = xrealloc(q->tags, (q->ntags + 1) *
			    sizeof *q->tags);
			q->tags[q->ntags++] = gift_text(t, p + 5, e);
		}
		p = e + 1;
	}
	for (k = 0; k < sizeof formats / sizeof *formats; k++) {
		size_t n = strlen(formats[k]);
		if (!strncmp(t + p, formats[k], n)) {
			p += n;
			q->format = (int)k + 1;
			break;
		}
	}
	ob = find_unescaped(t, p, c->len, "{");
	if (ob == c->len) {		/* no answers: a description */
		q->type = QUIZ_DESCRIPTION;
		q->text = gift_text(t, p, c->len);
		if (q->text[0] == '\0') {
			rc = gift_fail(src, c->map[p], err,
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
	before = gift_text(t, p, ob);
	if (only_blank(t, cb + 1, c->len)) {
		q->text = before;
	} else {
		after = gift_text(t, cb + 1, c->len);
		q->text = xmalloc(strlen(before) + strlen(after) + 8);
		sprintf(q->text, "%s _____ %s", before, after);
		free(before);
		free(after);
	}
	if (q->text[0] == '\0') {
		rc = gift_fail(src, c->map[p], err, "the question has no text");
		goto fail;
	}
named:
	q->category = category != NULL ? xstrdup(category) : NULL;
	if (q->idnumber != NULL && q->idnumber[0] != '\0')
		q->id = xstrdup(q->idnumber);
	else if (q->title != NULL && q->title[0] != '\0')
		q->id = xstrdup(q->title);
	else {
		q->id = xmalloc(16);
		snprintf(q->id, 16, "q%d", index + 1);
	}
	return 0;
fail:
	question_free(q);
	return rc;
}

int
gift_parse(const char *buf, size_t len, const char *file,
    struct quiz_bank *bank, struct hs_error *err)
{
	struct gift_src src = { buf, len, file };
	struct gift_chunk c = { 0 };
	struct quiz_bank got = { 0 };
	char *category = NULL;
	size_t i = 0, le, s;
	int rc = 0, cap = 0;

	if (len >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3))
		i = 3;			/* a byte-order mark from Windows */
	while (i <= len) {
		for (le = i; le < len && buf[le] != '\n'; le++)
			;
		for (s = i; s < le && is_blank((unsigned char)buf[s]); s++)
			;
		if (s == le || i == len) {		/* blank: a question ends */
			if (c.len > 0 && !only_blank(c.text, 0, c.len)) {
				if (got.n == cap) {
					cap = cap != 0 ? cap * 2 : 16;
					got.questions = xrealloc(got.questions,
					    cap * sizeof *got.questions);
				}
				rc = gift_question(&src, &c, category,
				    bank->n + got.n, &got.questions[got.n], err);
				if (rc != 0)
					goto out;
				got.n++;
			}
			c.len = 0;
		} else if (le - s >= 2 && !strncmp(buf + s, "//", 2)) {
			;				/* a comment */
		} else if (c.len == 0 && le - s >= 10 &&
		    !strncmp(buf + s, "$CATEGORY:", 10)) {
			free(category);
			category = gift_text(buf, s + 10, le);
		} else
			chunk_append(&c, buf + i, le - i + 1 > len - i ?
			    le - i : le - i + 1, i);
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
	free(c.text);
	free(c.map);
	free(category);
	return rc;
}

int
gift_load(const char *path, struct quiz_bank *bank, struct hs_error *err)
{
	size_t len;
	char *buf;
	int rc;

	if ((buf = util_read_file(path, 4 << 20, &len, err)) == NULL)
		return err != NULL ? err->code : HS_EIO;
	rc = gift_parse(buf, len, path, bank, err);
	free(buf);
	return rc;
}

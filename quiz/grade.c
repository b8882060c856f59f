/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * grade.c: grading by question type.  See grade.h.  Short answers are
 * compared with libunistring: NFC, case folding, and for the lenient
 * mode a decomposition from which the combining marks are dropped.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "quiz/grade.h"

#define GRADE_ORDER_MAX 26	/* GIFT_MAX_CHOICES: more is not graded */

static struct grade_result
result(double fraction, int choice)
{
	struct grade_result r = { 0, choice, 0 };

	/* Clipped to 0..1; within a millionth of either end it is that end,
	 * as Moodle's states read it (3 x 33.33333% is right, not 99.99%). */
	r.fraction = fraction < 0.000001 ? 0 : fraction > 0.999999 ? 1 :
	    fraction;
	return r;
}

struct grade_result
grade_choice(const struct quiz_question *q, int choice)
{
	if (choice < 0 || choice >= q->nchoices)
		return result(0, -1);
	return result(q->choices[choice].fraction, choice);
}

struct grade_result
grade_multi(const struct quiz_question *q, const int *selected)
{
	double sum = 0;
	int i, last = -1;

	for (i = 0; i < q->nchoices; i++)
		if (selected[i]) {
			sum += q->choices[i].fraction;
			last = i;
		}
	return result(sum, last);
}

char *
grade_normalise(const char *text, int without_marks, char *out, size_t len)
{
	uint8_t *folded, *o = (uint8_t *)out;
	size_t n, i = 0, olen = 0;
	ucs4_t uc;
	int k, space = 0;

	folded = u8_casefold((const uint8_t *)text, strlen(text), NULL,
	    without_marks ? UNINORM_NFD : UNINORM_NFC, NULL, &n);
	if (folded == NULL) {
		out[0] = '\0';
		return out;
	}
	while (i < n) {
		k = u8_mbtouc(&uc, folded + i, n - i);
		i += k;
		if (uc == ' ' || uc == '\t' || uc == '\n' || uc == '\r' ||
		    uc == 0xa0) {
			space = olen > 0;
			continue;
		}
		if (without_marks && uc_is_general_category(uc, UC_CATEGORY_Mn))
			continue;
		if (without_marks && uc == 0x0111)	/* đ */
			uc = 'd';
		if (space) {
			if (olen + 1 >= len)
				break;
			o[olen++] = ' ';
			space = 0;
		}
		k = u8_uctomb(o + olen, uc, (int)(len - 1 - olen));
		if (k < 0)
			break;
		olen += k;
	}
	o[olen] = '\0';
	free(folded);
	return out;
}

/* Whether the normalised response s matches the normalised answer p, in
 * which a run of unescaped '*' stands for any text and "\*" for a star,
 * as in Moodle's short answers. */
static int
wildcard_match(const char *p, const char *s)
{
	const char *star_p = NULL, *star_s = NULL;

	for (;;) {
		if (*p == '*') {
			while (*p == '*')
				p++;
			star_p = p;
			star_s = s;
			continue;
		}
		if (*s == '\0' && *p == '\0')
			return 1;
		if (*p == '\\' && p[1] == '*' && *s == '*') {
			p += 2;
			s++;
			continue;
		}
		if (*p != '\0' && *p == *s && !(*p == '\\' && p[1] == '*')) {
			p++;
			s++;
			continue;
		}
		if (star_p == NULL || *star_s == '\0')
			return 0;
		p = star_p;		/* the star takes one more byte */
		s = ++star_s;
	}
}

struct grade_result
grade_short(const struct quiz_question *q, const char *response,
    const struct grade_options *opt)
{
	char want[1024], got[1024], want_bare[1024], got_bare[1024];
	int i, lenient = opt != NULL && opt->allow_no_diacritics;

	/* Moodle takes the first answer that matches, in the bank's order;
	 * without marks (when the quiz allows it) only when none does. */
	grade_normalise(response, 0, got, sizeof got);
	for (i = 0; i < q->nchoices; i++) {
		grade_normalise(q->choices[i].text, 0, want, sizeof want);
		if (wildcard_match(want, got))
			return result(q->choices[i].fraction, i);
	}
	if (!lenient)
		return result(0, -1);
	grade_normalise(response, 1, got_bare, sizeof got_bare);
	for (i = 0; i < q->nchoices; i++) {
		grade_normalise(q->choices[i].text, 1, want_bare,
		    sizeof want_bare);
		if (wildcard_match(want_bare, got_bare))
			return result(q->choices[i].fraction *
			    opt->no_diacritics_fraction, i);
	}
	return result(0, -1);
}

struct grade_result
grade_matching(const struct quiz_question *q, const int *pick)
{
	int i, lefts = 0, right = 0;

	for (i = 0; i < q->nchoices; i++) {
		if (q->choices[i].text[0] == '\0')
			continue;	/* a distractor has no left side */
		lefts++;
		if (pick[i] >= 0 && pick[i] < q->nchoices &&
		    !strcmp(q->choices[pick[i]].match, q->choices[i].match))
			right++;
	}
	return result(lefts > 0 ? (double)right / lefts : 0, -1);
}

int
grade_ordered_subset(const int *order, int n)
{
	int len[GRADE_ORDER_MAX], i, j, best = 0;

	/* The longest increasing subsequence, by the quadratic method:
	 * len[i] is the longest that ends at i (there are at most a few
	 * items). */
	for (i = 0; i < n && i < GRADE_ORDER_MAX; i++) {
		len[i] = 1;
		for (j = 0; j < i; j++)
			if (order[j] < order[i] && len[j] + 1 > len[i])
				len[i] = len[j] + 1;
		if (len[i] > best)
			best = len[i];
	}
	return best >= 2 ? best : 0;
}

struct grade_result
grade_ordering(const struct quiz_question *q, const int *order, int n)
{
	int seen[GRADE_ORDER_MAX] = { 0 }, i;

	if (n != q->nchoices || n < 1 || n > GRADE_ORDER_MAX)
		return result(0, -1);
	for (i = 0; i < n; i++) {
		if (order[i] < 0 || order[i] >= n || seen[order[i]])
			return result(0, -1);
		seen[order[i]] = 1;
	}
	return result((double)grade_ordered_subset(order, n) / n, -1);
}

struct grade_result
grade_numerical(const struct quiz_question *q, double value)
{
	int i;

	/* The first answer whose range holds the number, as Moodle; "*"
	 * (any other answer) holds every number. */
	if (isnan(value))
		return result(0, -1);
	for (i = 0; i < q->nchoices; i++)
		if (value >= q->choices[i].min - 1e-12 &&
		    value <= q->choices[i].max + 1e-12)
			return result(q->choices[i].fraction, i);
	return result(0, -1);
}

struct grade_result
grade_essay(const struct quiz_question *q)
{
	struct grade_result r = result(0, -1);

	(void)q;
	r.needs_teacher = 1;
	return r;
}

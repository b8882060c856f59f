/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * response.c: responses as strings, and grading them by the question's
 * type.  See response.h.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quiz/gift.h"
#include "quiz/response.h"

static char *
append_index(char *out, size_t len, size_t *used, int first, int v)
{
	int n = snprintf(out + *used, len - *used, "%s%d",
	    first ? "" : RESPONSE_SEP, v);

	if (n < 0 || (size_t)n >= len - *used)
		out[*used] = '\0';	/* no room: stop at the last whole one */
	else
		*used += n;
	return out;
}

char *
response_from_flags(const int *flags, int n, char *out, size_t len)
{
	size_t used = 0;
	int i, first = 1;

	if (len == 0)
		return out;
	out[0] = '\0';
	for (i = 0; i < n; i++)
		if (flags[i]) {
			append_index(out, len, &used, first, i);
			first = 0;
		}
	return out;
}

char *
response_from_list(const int *list, int n, char *out, size_t len)
{
	size_t used = 0;
	int i;

	if (len == 0)
		return out;
	out[0] = '\0';
	for (i = 0; i < n; i++)
		append_index(out, len, &used, i == 0, list[i]);
	return out;
}

char *
response_from_steps(const int *order, int n, char *out, size_t len)
{
	size_t used = 0;
	int i, k;

	if (len == 0)
		return out;
	out[0] = '\0';
	for (i = 0; i < n; i++) {
		k = snprintf(out + used, len - used, "%s" RESPONSE_STEP "%d",
		    i == 0 ? "" : RESPONSE_SEP, order[i] + 1);
		if (k < 0 || (size_t)k >= len - used) {
			out[used] = '\0';
			break;
		}
		used += k;
	}
	return out;
}

int
response_to_steps(const char *response, int *order, int max)
{
	const char *p = response;
	size_t step = strlen(RESPONSE_STEP);
	int seen[GIFT_MAX_CHOICES] = { 0 }, n = 0, i;
	char *end;
	long v;

	for (;;) {
		if (strncmp(p, RESPONSE_STEP, step) != 0 || p[step] < '1' ||
		    p[step] > '9')
			return -1;
		errno = 0;
		v = strtol(p + step, &end, 10);
		if (errno != 0 || v < 1 || v > max || v > GIFT_MAX_CHOICES ||
		    n >= max || seen[v - 1])
			return -1;
		seen[v - 1] = 1;
		order[n++] = (int)v - 1;
		if (*end == '\0')
			break;
		if (strncmp(end, RESPONSE_SEP, 3) != 0)
			return -1;
		p = end + 3;
	}
	for (i = 0; i < n; i++)		/* 1..n, each once */
		if (!seen[i])
			return -1;
	return n >= 2 ? n : -1;
}

int
response_to_list(const char *response, int *list, int max)
{
	const char *p = response;
	char *end;
	long v;
	int n = 0, i;

	for (i = 0; i < max; i++)
		list[i] = -1;
	if (*p == '\0')
		return 0;
	for (;;) {
		errno = 0;
		v = strtol(p, &end, 10);
		if (end == p || errno != 0 || v < -1 || v > 1000 || n >= max)
			return -1;
		list[n++] = (int)v;
		if (*end == '\0')
			return n;
		if (strncmp(end, RESPONSE_SEP, 3) != 0)
			return -1;
		p = end + 3;
	}
}

int
response_number(const char *text, double *value)
{
	char buf[64], *end;
	size_t i, n = 0;
	double v;

	while (*text == ' ')
		text++;
	for (i = 0; text[i] != '\0' && n + 1 < sizeof buf; i++)
		buf[n++] = text[i] == ',' ? '.' : text[i];
	while (n > 0 && buf[n - 1] == ' ')
		n--;
	buf[n] = '\0';
	if (n == 0 || text[i] != '\0' || strspn(buf, "+-.0123456789eE") != n)
		return -1;
	errno = 0;
	v = strtod(buf, &end);
	if (*end != '\0' || errno != 0 || !isfinite(v))
		return -1;
	*value = v;
	return 0;
}

struct grade_result
response_grade(const struct quiz_question *q, const char *response,
    const struct grade_options *opt)
{
	struct grade_result none = { 0, -1, 0 };
	int list[GIFT_MAX_CHOICES], flags[GIFT_MAX_CHOICES] = { 0 };
	int pick[GIFT_MAX_CHOICES], i, j, n;
	double v;

	switch (q->type) {
	case QUIZ_CHOICE:
	case QUIZ_TRUEFALSE:
		n = response_to_list(response, list, GIFT_MAX_CHOICES);
		return n == 1 ? grade_choice(q, list[0]) : none;
	case QUIZ_MULTI:
		n = response_to_list(response, list, GIFT_MAX_CHOICES);
		if (n < 0)
			return none;
		for (i = 0; i < n; i++) {
			if (list[i] < 0 || list[i] >= q->nchoices)
				return none;
			flags[list[i]] = 1;
		}
		return grade_multi(q, flags);
	case QUIZ_MATCHING:
		n = response_to_list(response, list, GIFT_MAX_CHOICES);
		if (n < 0)
			return none;
		for (i = 0, j = 0; i < q->nchoices; i++) {
			pick[i] = -1;
			if (q->choices[i].text[0] == '\0')
				continue;	/* a distractor */
			if (j < n && list[j] >= -1 && list[j] < q->nchoices)
				pick[i] = list[j];
			j++;
		}
		return grade_matching(q, pick);
	case QUIZ_ORDERING:
		n = response_to_steps(response, list, GIFT_MAX_CHOICES);
		return n > 0 ? grade_ordering(q, list, n) : none;
	case QUIZ_SHORT:
		return grade_short(q, response, opt);
	case QUIZ_NUMERICAL:
		if (response_number(response, &v) != 0)
			return none;
		return grade_numerical(q, v);
	case QUIZ_ESSAY:
		return grade_essay(q);
	case QUIZ_DESCRIPTION:
		break;
	}
	return none;
}

struct grade_result
response_grade_typed(const struct quiz_question *q, const char *composed,
    const char *raw, const struct grade_options *opt, const char **typed)
{
	struct grade_result r = response_grade(q, composed, opt), k;

	*typed = composed;
	if (raw == NULL || !strcmp(raw, composed))
		return r;
	k = response_grade(q, raw, opt);
	if (k.fraction > r.fraction) {
		*typed = raw;
		return k;
	}
	return r;
}

void
response_order_move(int *order, int from, int to)
{
	int item = order[from], step = to > from ? 1 : -1, i;

	for (i = from; i != to; i += step)
		order[i] = order[i + step];
	order[to] = item;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * quizwords.c: a quiz question's stored responses and right answer in
 * words, from its bank (moved here from learn/model/answers.c so that
 * the province's dashboard says them the same way).  See quizwords.h.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/util.h"
#include "lessons/quizwords.h"
#include "lessons/richtext.h"
#include "quiz/gift.h"
#include "quiz/response.h"

static const char *
quizwords_choice_text(const struct quiz_question *q, int i)
{
	if (q->type == QUIZ_TRUEFALSE)
		return i == 0 ? _("True") : _("False");
	return q->choices[i].text;
}

/* Appends a text of q's (an answer, a matching side) as plain words. */
void
quizwords_append_words(char **s, const char *sep, const struct quiz_question *q,
    const char *text)
{
	char *w = richtext_plain(text, q->format);

	util_append(s, sep, w);
	free(w);
}

/* "left ARROW right" for a matching pair. */
static void
quizwords_append_pair(char **s, const struct quiz_question *q,
    const char *left, const char *right, const char *arrow)
{
	char *pair, *l = richtext_plain(left, q->format),
	    *r = richtext_plain(right, q->format);

	if (asprintf(&pair, "%s %s %s", l, arrow, r) < 0)
		util_oom();
	util_append(s, "; ", pair);
	free(pair);
	free(l);
	free(r);
}

char *
quizwords_describe(const struct quiz_question *q, const char *response,
    const char *arrow)
{
	int list[GIFT_MAX_CHOICES], n, i, j;
	char *s = NULL, then[32];

	switch (q->type) {
	case QUIZ_CHOICE:
	case QUIZ_TRUEFALSE:
	case QUIZ_MULTI:
		n = response_to_list(response, list, GIFT_MAX_CHOICES);
		for (i = 0; i < n; i++)
			if (list[i] >= 0 && list[i] < q->nchoices)
				quizwords_append_words(&s, "; ", q,
				    quizwords_choice_text(q, list[i]));
		break;
	case QUIZ_MATCHING:
		n = response_to_list(response, list, GIFT_MAX_CHOICES);
		for (i = 0, j = 0; i < q->nchoices && n > 0; i++) {
			if (q->choices[i].text[0] == '\0')
				continue;
			if (j < n && list[j] >= 0 && list[j] < q->nchoices)
				quizwords_append_pair(&s, q, q->choices[i].text,
				    q->choices[list[j]].match, arrow);
			else
				quizwords_append_pair(&s, q, q->choices[i].text,
				    "?", arrow);
			j++;
		}
		break;
	case QUIZ_ORDERING:	/* the items as put: "a → b → c" */
		snprintf(then, sizeof then, " %s ", arrow);
		n = response_to_steps(response, list, GIFT_MAX_CHOICES);
		for (i = 0; i < n; i++)
			quizwords_append_words(&s, then, q, list[i] >= 0 &&
			    list[i] < q->nchoices ? q->choices[list[i]].text :
			    "?");
		break;
	default:
		if (response[0] != '\0')
			s = xstrdup(response);
		break;
	}
	return s != NULL ? s : xstrdup(_("(no answer)"));
}

char *
quizwords_right(const struct quiz_question *q, const char *arrow)
{
	char *s = NULL, num[128], then[32];
	int i, best;

	switch (q->type) {
	case QUIZ_CHOICE:
	case QUIZ_TRUEFALSE:
	case QUIZ_SHORT:
		quizwords_append_words(&s, "", q,
		    quizwords_choice_text(q, quiz_best_choice(q)));
		return s;
	case QUIZ_MULTI:
		for (i = 0; i < q->nchoices; i++)
			if (q->choices[i].fraction > 0)
				quizwords_append_words(&s, "; ", q,
				    q->choices[i].text);
		return s;
	case QUIZ_MATCHING:
		for (i = 0; i < q->nchoices; i++)
			if (q->choices[i].text[0] != '\0')
				quizwords_append_pair(&s, q, q->choices[i].text,
				    q->choices[i].match, arrow);
		return s;
	case QUIZ_ORDERING:
		snprintf(then, sizeof then, " %s ", arrow);
		for (i = 0; i < q->nchoices; i++)
			quizwords_append_words(&s, then, q, q->choices[i].text);
		return s;
	case QUIZ_NUMERICAL:
		best = quiz_best_choice(q);
		if (best < 0)
			return NULL;
		if (q->choices[best].min == q->choices[best].max)
			snprintf(num, sizeof num, "%g", q->choices[best].min);
		else
			snprintf(num, sizeof num, _("from %g to %g"),
			    q->choices[best].min, q->choices[best].max);
		return xstrdup(num);
	default:
		return NULL;
	}
}

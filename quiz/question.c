/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * question.c: freeing and reading the question model.  See question.h.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/util.h"
#include "quiz/question.h"

void
quiz_bank_append(struct quiz_bank *dst, struct quiz_bank *src)
{
	if (src->n == 0)
		return;
	dst->questions = xrealloc(dst->questions, (size_t)(dst->n + src->n) *
	    sizeof *dst->questions);
	memcpy(dst->questions + dst->n, src->questions, (size_t)src->n *
	    sizeof *src->questions);
	dst->n += src->n;
	free(src->questions);
	src->questions = NULL;
	src->n = 0;
}

void
quiz_bank_free(struct quiz_bank *bank)
{
	int i, j;

	for (i = 0; i < bank->n; i++) {
		struct quiz_question *q = &bank->questions[i];

		for (j = 0; j < q->nchoices; j++) {
			free(q->choices[j].text);
			free(q->choices[j].feedback);
			free(q->choices[j].match);
		}
		free(q->choices);
		free(q->id);
		free(q->title);
		free(q->category);
		free(q->text);
		free(q->general_feedback);
		free(q->idnumber);
		for (j = 0; j < q->ntags; j++)
			free(q->tags[j]);
		free(q->tags);
	}
	free(bank->questions);
	bank->questions = NULL;
	bank->n = 0;
}

int
quiz_best_choice(const struct quiz_question *q)
{
	int i, best = 0;

	for (i = 1; i < q->nchoices; i++)
		if (q->choices[i].fraction > q->choices[best].fraction)
			best = i;
	return best;
}

int
quiz_bank_answered(const struct quiz_bank *bank)
{
	int i, n = 0;

	for (i = 0; i < bank->n; i++)
		n += bank->questions[i].type != QUIZ_DESCRIPTION;
	return n;
}

const char *
quiz_type_name(enum quiz_type type)
{
	static const char *const names[] = {
		[QUIZ_CHOICE] = N_("multiple choice"),
		[QUIZ_MULTI] = N_("multiple answers"),
		[QUIZ_TRUEFALSE] = N_("true/false"),
		[QUIZ_SHORT] = N_("short answer"),
		[QUIZ_MATCHING] = N_("matching"),
		[QUIZ_NUMERICAL] = N_("numerical"),
		[QUIZ_ESSAY] = N_("essay"),
		[QUIZ_DESCRIPTION] = N_("description"),
		[QUIZ_ORDERING] = N_("ordering"),
	};

	return (unsigned)type < sizeof names / sizeof *names ? names[type] : "?";
}

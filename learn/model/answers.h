/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * answers.h: a learner's answers as the teacher reads them (a stored
 * response and the right answer in words are lessons/quizwords.h's):
 * one pupil's wrong answers in a module's quiz question by question
 * (the question, what the child chose or typed, the right answer, the
 * feedback and the explanation).  The quiz screens, teacher mode and
 * `hocso learner answers` share it; no curses here.
 */
#ifndef HOCSO_ANSWERS_H
#define HOCSO_ANSWERS_H

#include "core/error.h"
#include "core/store.h"
#include "lessons/module.h"
#include "lessons/quizwords.h"
#include "quiz/question.h"

/* One answer not fully right. */
struct answers_item {
	int position;		/* 1-based, in the attempt */
	double fraction;	/* 0: wrong; more: partly right */
	char *question;		/* plain words */
	char *given;		/* what the child chose or typed */
	char *right;		/* NULL when the question has none */
	char *feedback;		/* on the answer given, or NULL */
	char *explanation;	/* the question's general feedback, or NULL */
};

/* The attempt the wrong answers are from: the learner's latest at the
 * module's quiz that has an answer. */
struct answers_attempt {
	int found;		/* 0: no attempt with an answer yet */
	int number;		/* the learner's n-th attempt at this quiz */
	char started[32];	/* ISO 8601 UTC */
	int finished;
	double score;		/* 0..1, when finished */
	int count, answered;
	struct answers_item *items;
	int n;
};

/* Reads learner_id's latest attempt with answers at m's quiz into a,
 * with its answers not fully right (essays, which the teacher grades,
 * left out), their questions read from m's bank in the attempt's
 * language.  A question no longer in the bank is named by its id.
 * Returns 0 (a->found 0 when there is none) or a code with err.  Free
 * with answers_free(). */
int answers_wrong(struct store *s, long long learner_id,
    const struct module *m, const char *arrow, struct answers_attempt *a,
    struct hs_error *err);

void answers_free(struct answers_attempt *a);

#endif

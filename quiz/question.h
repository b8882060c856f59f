/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * question.h: the question model that the GIFT parser fills and the quiz
 * screens and grading read.  Pure data: no I/O, no curses, no SQLite.
 */
#ifndef HOCSO_QUESTION_H
#define HOCSO_QUESTION_H

enum quiz_type {
	QUIZ_CHOICE,		/* multiple choice, one right answer ('=') */
	QUIZ_MULTI,		/* multiple answers, weighted ('~%50%') */
	QUIZ_TRUEFALSE,		/* choices[0] "true", choices[1] "false" */
	QUIZ_SHORT,		/* the choices are the accepted answers */
	QUIZ_MATCHING,		/* choices: text -> match; empty text: a distractor */
	QUIZ_NUMERICAL,		/* choices: [min, max] with fractions */
	QUIZ_ESSAY,		/* no choices: for the teacher to read */
	QUIZ_DESCRIPTION,	/* no answer at all: text to read */
	QUIZ_ORDERING,		/* hocso's own: the choices are the items,
				 * in the right order */
};

struct quiz_choice {
	char *text;		/* for a numerical answer, as the author wrote it */
	double fraction;	/* -1..1: 1 is fully right, 0 is wrong */
	char *feedback;		/* NULL when the author gave none */
	char *match;		/* matching: the right side; else NULL */
	double min, max;	/* numerical: the accepted range; "*" (any
				 * other answer) is -inf..inf */
};

struct quiz_question {
	enum quiz_type type;
	char *id;		/* [id:...], else the ::title::, else "q<N>" */
	char *title;		/* NULL when the author gave none */
	char *category;		/* from $CATEGORY:, or NULL */
	char *text;
	struct quiz_choice *choices;
	int nchoices;
	char *general_feedback;	/* from ####, or NULL */
	int line;		/* where the question starts in its file */
	int format;		/* 0 none, else 1-4: markdown, plain, html, moodle */
	char *idnumber;		/* from [id:...], or NULL */
	char **tags;		/* from [tag:...] */
	int ntags;
	unsigned warnings;	/* GIFT_WARN_* bits: read as Moodle reads it,
				 * but probably not what the author meant */
};

struct quiz_bank {
	struct quiz_question *questions;
	int n;
};

/* Frees what the bank holds and empties it (the struct itself is the
 * caller's). */
void quiz_bank_free(struct quiz_bank *bank);

/* Moves src's questions to the end of dst; src is left empty. */
void quiz_bank_append(struct quiz_bank *dst, struct quiz_bank *src);

/* The type's name for messages ("true/false", "matching"...), in English
 * and marked for translation: show it through _(). */
const char *quiz_type_name(enum quiz_type type);

/* How many of the bank's questions are answered: all but the
 * descriptions (text to read, shown before the question after them). */
int quiz_bank_answered(const struct quiz_bank *bank);

/* The index of the first choice with the highest fraction: the answer
 * shown as "the right answer". */
int quiz_best_choice(const struct quiz_question *q);

#endif

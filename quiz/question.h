/*
 * question.h: the question model that the GIFT parser fills and the quiz
 * screens and grading read.  Pure data: no I/O, no curses, no SQLite.
 */
#ifndef HOCSO_QUESTION_H
#define HOCSO_QUESTION_H

enum quiz_type {
	QUIZ_CHOICE,		/* multiple choice, one or more weighted answers */
};

struct quiz_choice {
	char *text;
	double fraction;	/* -1..1: 1 is fully right, 0 is wrong */
	char *feedback;		/* NULL when the author gave none */
};

struct quiz_question {
	enum quiz_type type;
	char *id;		/* the ::title::, or "q<N>" by position in the bank */
	char *title;		/* NULL when the author gave none */
	char *category;		/* from $CATEGORY:, or NULL */
	char *text;
	struct quiz_choice *choices;
	int nchoices;
	char *general_feedback;	/* from ####, or NULL */
	int line;		/* where the question starts in its file */
};

struct quiz_bank {
	struct quiz_question *questions;
	int n;
};

/* Frees what the bank holds and empties it (the struct itself is the
 * caller's). */
void quiz_bank_free(struct quiz_bank *bank);

/* The index of the first choice with the highest fraction: the answer
 * shown as "the right answer". */
int quiz_best_choice(const struct quiz_question *q);

#endif

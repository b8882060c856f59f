/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report.h: a class's progress, as the teacher sees it: for each learner
 * and module, a status (not started, in progress, passed, needs help)
 * with the figures behind it.  The teacher's screens and `hocso report`
 * both read it from here, so they always give the same numbers.  No
 * curses here.
 */
#ifndef HOCSO_REPORT_H
#define HOCSO_REPORT_H

#include "core/error.h"
#include "core/store.h"
#include "lessons/catalog.h"

enum report_status {
	REPORT_NOT_STARTED,
	REPORT_IN_PROGRESS,
	REPORT_PASSED,
	REPORT_NEEDS_HELP,	/* see report_load() */
	REPORT_NSTATUS
};

struct report_cell {
	enum report_status status;
	int lessons_done;
	int attempts;		/* finished quiz attempts */
	double best;		/* best finished score 0..1, or -1 */
	double last;		/* latest finished score, or -1 */
	char last_activity[32];	/* ISO 8601, or "" */
};

struct report_learner {
	long long id;
	char *class_name;
	char *name;
	struct report_cell *cells;	/* one per module of the catalog */
};

struct report {
	struct report_learner *learners;
	int nlearners;
	int nmodules;
	int (*totals)[REPORT_NSTATUS];	/* per module: learners per status */
};

/* Wrong answers in one attempt that flag a learner as needing help. */
#define REPORT_HELP_WRONG 3

/*
 * Reads the progress of the learners of class_name (NULL: every class)
 * in the modules of c.  A learner needs help in a module not passed
 * when an attempt at its quiz has REPORT_HELP_WRONG wrong answers or
 * more, or when the quiz was failed again without a better score.
 * Returns 0 and fills r (report_free() releases it), or a negative code.
 */
int report_load(struct store *s, const struct catalog *c,
    const char *class_name, struct report *r, struct hs_error *err);

void report_free(struct report *r);

/* The status's name for people, and a one-column symbol (Unicode or
 * ASCII) that reads without colour. */
const char *report_status_name(enum report_status st);

const char *report_status_symbol(enum report_status st, int unicode);

/* One quiz attempt of a learner, for the teacher's learner detail. */
struct report_attempt {
	char module[128];
	char started[32];
	int finished;
	double score;		/* when finished */
	int answered, count;
	long long seconds;	/* from the start to the last answer */
};

/* The learner's attempts at every quiz, oldest first.  The caller frees
 * *out. */
int report_attempts(struct store *s, long long learner,
    struct report_attempt **out, int *n, struct hs_error *err);

/* How a question of a quiz went in a class (NULL: every class): of the
 * learners' first answers to it, how many and how many right, and the
 * wrong response given most often ("" when none). */
struct report_question {
	char *id;
	int answered;
	int right;
	char *top_wrong;
	int top_wrong_count;
};

/* The module's questions answered by the class, worst first (the lowest
 * share of right first answers).  report_questions_free() releases. */
int report_questions(struct store *s, const char *module,
    const char *class_name, struct report_question **out, int *n,
    struct hs_error *err);
void report_questions_free(struct report_question *q, int n);

#endif

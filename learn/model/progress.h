/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * progress.h: what a learner has done, kept in the store.
 *
 * Each function here is one learner action: it writes the state the
 * action changes and its event in one transaction, and returns only once
 * that transaction is committed, so the screen moves on only after the
 * action is safe on disk.  No curses here.
 */
#ifndef HOCSO_PROGRESS_H
#define HOCSO_PROGRESS_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "core/store.h"
#include "core/uuid.h"

struct progress {
	struct store *store;
	long long learner_id;
	char learner_uuid[UUID_LEN + 1];
	char lang[8];
};

/* One quiz attempt: its questions come from seed (see quiz.h). */
struct attempt {
	long long id;
	char uuid[UUID_LEN + 1];
	uint64_t seed;
	int count;		/* questions in the attempt */
	int answered;		/* positions 0..answered-1 have answers */
	char **response;	/* per position: the answer (quiz/response.h),
				 * or NULL when not answered */
	double *fraction;	/* per position: the grade, 0..1; -1 for an
				 * essay, which the teacher reads */
	long long started_ms;	/* when the attempt began (Unix ms) */
	int finished;
	double score;		/* 0..1, when finished */
};

/* Binds p to store for the device's own learner, the one in no class
 * (created on first use), in lang.  Returns 0 or a negative code. */
int progress_open(struct progress *p, struct store *store, const char *lang,
    struct hs_error *err);

/* Binds p to store for a learner of the roster (learn/model/roster.h), signed
 * in, who works in lang. */
void progress_open_learner(struct progress *p, struct store *store,
    long long id, const char *uuid, const char *lang);

/* Records that the learner saw screen (0-based) of nscreens of a lesson. */
int progress_screen_seen(struct progress *p, const char *module,
    const char *lesson, int screen, struct hs_error *err);

/* Records that the learner finished the lesson. */
int progress_lesson_done(struct progress *p, const char *module,
    const char *lesson, struct hs_error *err);

/* Where the learner was in a lesson (*screen, 0 when new) and whether it
 * is completed. */
int progress_lesson_state(struct progress *p, const char *module,
    const char *lesson, int *screen, int *completed, struct hs_error *err);

/* Resumes the learner's unfinished attempt at the module's quiz, or starts
 * a new one of count questions with a fresh seed, unless the learner
 * has no attempt left of max_attempts (0: no limit), counted with the
 * teacher's resets and added attempts (override.h): then HS_EINVAL with
 * a message for the learner.  The caller frees a with attempt_free(). */
int progress_attempt_open(struct progress *p, const char *module,
    const char *quiz, int count, int max_attempts, struct attempt *a,
    struct hs_error *err);

/* Whether the learner has an unfinished attempt at the module's quiz
 * that progress_attempt_open would resume (one of count questions):
 * *found 1 or 0. */
int progress_attempt_unfinished(struct progress *p, const char *module,
    const char *quiz, int count, int *found, struct hs_error *err);

/* Records the answer at position a->answered: the question's id, the
 * response (quiz/response.h) and the fraction earned, or -1 for an essay
 * that is not graded.  When another terminal of the same learner answered
 * that position first, its answer is kept: HS_EINVAL with err saying so,
 * and a holds the answers stored (a->answered moved on). */
int progress_answer(struct progress *p, const char *module,
    struct attempt *a, const char *question, const char *response,
    double fraction, struct hs_error *err);

/* Closes the attempt with the mean of its graded fractions (a question
 * not answered counts 0, an essay not at all); passed or failed by
 * pass_percent. */
int progress_attempt_finish(struct progress *p, const char *module,
    struct attempt *a, int pass_percent, struct hs_error *err);

/* The learner's best and latest finished scores (0..1, or -1 with none;
 * latest may be NULL) and the number of finished attempts at the
 * module's quiz. */
int progress_quiz_scores(struct progress *p, const char *module,
    double *best, double *latest, int *attempts, struct hs_error *err);

/* The number of the module's lessons the learner completed. */
int progress_lessons_done(struct progress *p, const char *module, int *n,
    struct hs_error *err);

/* Records the learner's answer (the choice's index) to a practice
 * question inside a lesson. */
int progress_practice(struct progress *p, const char *module,
    const char *lesson, const char *question, int choice, double fraction,
    struct hs_error *err);

/* Records the learner's try at a lesson's type-it box: a summary of it
 * (trybox_summary: never the text typed) and its grade. */
int progress_practice_try(struct progress *p, const char *module,
    const char *lesson, const char *box, const char *summary,
    double fraction, struct hs_error *err);

/* The summary of the learner's last try at that box into summary (size
 * cap), or "" when they have not tried it. */
int progress_practice_tried(struct progress *p, const char *module,
    const char *lesson, const char *box, char *summary, size_t cap,
    struct hs_error *err);

/* The learner's last answer to that practice question in *choice, or -1
 * when there is none. */
int progress_practice_last(struct progress *p, const char *module,
    const char *lesson, const char *question, int *choice,
    struct hs_error *err);

/* Of the learner's last n answers to the practice questions of a
 * lesson, how many were right (*right) and how many there are (*count,
 * at most n). */
int progress_practice_recent(struct progress *p, const char *module,
    const char *lesson, int n, int *right, int *count, struct hs_error *err);

void attempt_free(struct attempt *a);

#endif

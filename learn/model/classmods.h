/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * classmods.h: which installed modules each class sees, in which order,
 * and whether its quizzes wait until every lesson of the module is
 * finished ("lessons first").
 *
 * A class the teacher never chose for sees every installed module in
 * the catalog's order, as before this choice existed: a class has no
 * age of its own, and guessing a grade from its name would hide modules
 * without anyone deciding it; the teacher's screen shows each module's
 * age band to choose by.  Once the teacher chooses, the class sees
 * exactly the modules chosen, in their order: a module installed later
 * is not shown to it until the teacher adds it.  A chosen module that
 * is no longer installed is skipped.  The screens and `hocso class
 * modules` share this model; no curses here.
 */
#ifndef HOCSO_CLASSMODS_H
#define HOCSO_CLASSMODS_H

#include "core/error.h"
#include "core/store.h"
#include "lessons/catalog.h"

/* A class's choice, loaded to be looked at or changed, then saved: every
 * installed module once, those seen first in the class's order, then
 * the others in the catalog's order. */
struct classmods {
	int n;
	int *module;		/* per row: an index into the catalog */
	int *seen;		/* per row: the class sees it */
	int chosen;		/* the teacher chose (else: the default) */
	int lessons_first;
};

/* Loads class_name's choice over the catalog c into cm (cm's rows are
 * the catalog's modules, by index).  Returns 0, HS_ENOTFOUND (no such
 * class, err says so) or HS_ESTORE.  Free with classmods_free(). */
int classmods_load(struct store *s, const char *class_name,
    const struct catalog *c, struct classmods *cm, struct hs_error *err);

/* Saves cm (loaded over the catalog c) as class_name's choice: the rows
 * seen, in their order, in one transaction; the class is "chosen" from
 * then on.  Returns 0, or a code with err (nothing changed). */
int classmods_save(struct store *s, const char *class_name,
    const struct catalog *c, const struct classmods *cm,
    struct hs_error *err);

/* Sets whether class_name's quizzes wait for the lessons. */
int classmods_set_lessons_first(struct store *s, const char *class_name,
    int on, struct hs_error *err);

/* The row of module id in cm, or -1. */
int classmods_find(const struct classmods *cm, const struct catalog *c,
    const char *id);

/* Moves row i to row to (both clamped), the others shifting. */
void classmods_move(struct classmods *cm, int i, int to);

/* Shows row i at place at (1-based among the rows seen; 0 or past the
 * end: after the last seen).  Returns the row it is on now. */
int classmods_show_at(struct classmods *cm, int i, int at);

/* How many rows are seen. */
int classmods_count_seen(const struct classmods *cm);

void classmods_free(struct classmods *cm);

/* What a learner sees: the catalog indexes of the modules of learner_id's
 * class, in order, in *order (n of them, a new array the caller frees;
 * every module for a learner in no class), and whether the quizzes wait
 * for the lessons.  Returns 0 or a code with err. */
int classmods_for_learner(struct store *s, long long learner_id,
    const struct catalog *c, int **order, int *n, int *lessons_first,
    struct hs_error *err);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * module.h: a lesson module as its author wrote it, read from a folder:
 *
 *   module.ini                    id, version, titles, quiz settings
 *   lessons/<lang>/NN-name.md     one lesson per file, in NN order
 *   quizzes/<lang>/<bank>.gift    the quiz's question bank
 *
 * module_load() reads and checks module.ini and finds the lessons; lesson
 * text and question banks are read when they are opened.
 */
#ifndef HOCSO_MODULE_H
#define HOCSO_MODULE_H

#include "core/error.h"

#define MODULE_MAX_LANGS 8
#define MODULE_MAX_LESSONS 64
#define MODULE_MAX_BANKS 8

struct module_text {
	char lang[8];
	char *title;
	char *summary;
};

/* The file install puts in a module installed without a trusted
 * signature (hocso install --allow-unsigned). */
#define MODULE_UNSIGNED ".unsigned"

struct module {
	char *dir;			/* the folder it was read from */
	int unsigned_pkg;		/* installed without a trusted signature */
	char *id;			/* reverse-DNS, e.g. vn.hocso.secrets */
	char *version;
	char *age;			/* "8-11", or NULL */
	int order;			/* place in the catalog (default 1000) */
	int mastery_right;		/* a lesson with practice questions is */
	int mastery_of;			/* done when mastery_right of the last
					 * mastery_of answers are right; 0 0
					 * when reading it through is enough */
	struct module_text texts[MODULE_MAX_LANGS];
	int ntexts;
	char *lessons[MODULE_MAX_LESSONS];	/* ids: file names less .md, sorted */
	int nlessons;
	char *quiz_bank;		/* the banks as written ("a.gift b.gift"),
					 * the quiz's name in the records; or
					 * NULL: no quiz */
	char *quiz_banks[MODULE_MAX_BANKS];	/* file names under
						 * quizzes/<lang>/ */
	int nbanks;
	int quiz_questions;		/* how many to draw; 0 means all */
	int quiz_pass;			/* pass mark in percent */
	int quiz_shuffle;		/* shuffle questions and choices (default) */
	int quiz_practice;		/* feedback after each answer */
	int quiz_attempts;		/* most attempts a learner may finish; 0 any */
	int quiz_no_diacritics;		/* % of the mark for a short answer
					 * typed without Vietnamese marks; 0 off */
	int quiz_minutes;		/* time limit of an attempt; 0 none */
};

/* Reads the module in dir.  Returns 0 and fills *m, which the caller
 * releases with module_free(); or a negative code with err naming the file
 * and line. */
int module_load(const char *dir, struct module *m, struct hs_error *err);

/* Releases what m holds. */
void module_free(struct module *m);

/* The title (or summary) in lang, else in the module's first language. */
const char *module_title(const struct module *m, const char *lang);
const char *module_summary(const struct module *m, const char *lang);

/* The path of lesson i in lang, or in the first language that has it.  A
 * new string the caller frees, or NULL if no language has it. */
char *module_lesson_path(const struct module *m, int i, const char *lang);

/* The path of the quiz's bank i in lang, or in the first language that
 * has it; a new string, or NULL. */
char *module_quiz_path(const struct module *m, int i, const char *lang);

struct quiz_bank;

/* Reads the quiz's banks in lang (each from the first language that has
 * it) into one bank, in order.  Returns 0, or a code with err naming the
 * missing bank or the file and line of a mistake; bank is then empty. */
int module_quiz_load(const struct module *m, const char *lang,
    struct quiz_bank *bank, struct hs_error *err);

#endif

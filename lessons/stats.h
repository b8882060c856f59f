/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * stats.h: the figures hocso-pack stats gives an author per lesson:
 * screens, words per screen, pictures and the longest run of screens
 * without one, practice items and distinct glossary terms.  What counts
 * is in docs/module-format.md, "Figures"; nothing here prints.
 */
#ifndef HOCSO_STATS_H
#define HOCSO_STATS_H

#include "lessons/lesson.h"

struct stats_row {
	int screens;
	int words;		/* on all its screens */
	int words_max;		/* on its wordiest screen */
	int pictures;		/* art blocks */
	int bare_run;		/* most screens in a row without a picture */
	int practice;		/* gift and try blocks */
	int terms;		/* distinct glossary terms marked */
	char **keys;		/* those terms, NFC and case-folded */
	int nkeys;
};

/* The words of a lesson screen: whitespace-separated tokens holding a
 * letter or a digit, outside art, code, gift and try blocks; a mark
 * [[a|b]] counts as the words of a. */
int stats_screen_words(const struct lesson_screen *s);

/* Counts lesson l into row, which it adds to (start from a zeroed row;
 * adding lessons one after another gives a module's total: words_max
 * and bare_run are then the largest, terms the distinct ones of all). */
void stats_add_lesson(struct stats_row *row, const struct lesson *l);

/* Frees the keys a row holds. */
void stats_row_free(struct stats_row *row);

#endif

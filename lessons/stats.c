/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * stats.c: counting a lesson's screens, words, pictures, practice and
 * glossary terms for hocso-pack stats.  See stats.h.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "lessons/glossary.h"
#include "lessons/stats.h"

/* Whether a block is a practice item: a gift block, or a "try" box. */
static int
block_practice(const struct lesson_block *blk)
{
	return blk->kind == LESSON_PRACTICE || blk->kind == LESSON_TRY;
}

int
stats_screen_words(const struct lesson_screen *s)
{
	const struct lesson_block *blk;
	int i, words = 0;

	for (i = 0; i < s->nblocks; i++) {
		blk = &s->blocks[i];
		if ((blk->kind == LESSON_HEADING_BLOCK ||
		    blk->kind == LESSON_PARAGRAPH || blk->kind == LESSON_ITEM) &&
		    blk->text != NULL)
			words += glossary_count_words(blk->text, blk->len);
	}
	return words;
}

static void
row_add_key(struct stats_row *row, const char *term)
{
	char *key = glossary_key(term);
	int i;

	for (i = 0; i < row->nkeys; i++)
		if (!strcmp(row->keys[i], key)) {
			free(key);
			return;
		}
	row->keys = xrealloc(row->keys, (row->nkeys + 1) * sizeof *row->keys);
	row->keys[row->nkeys++] = key;
	row->terms = row->nkeys;
}

void
stats_add_lesson(struct stats_row *row, const struct lesson *l)
{
	const struct lesson_block *blk;
	int i, j, k, w, art, run = 0;

	for (i = 0; i < l->nscreens; i++) {
		w = stats_screen_words(&l->screens[i]);
		row->words += w;
		if (w > row->words_max)
			row->words_max = w;
		art = 0;
		for (j = 0; j < l->screens[i].nblocks; j++) {
			blk = &l->screens[i].blocks[j];
			art += blk->kind == LESSON_ART;
			row->practice += block_practice(blk);
			for (k = 0; k < blk->nmarks; k++)
				row_add_key(row, blk->marks[k].term);
		}
		row->pictures += art;
		run = art > 0 ? 0 : run + 1;
		if (run > row->bare_run)
			row->bare_run = run;
	}
	row->screens += l->nscreens;
}

void
stats_row_free(struct stats_row *row)
{
	int i;

	for (i = 0; i < row->nkeys; i++)
		free(row->keys[i]);
	free(row->keys);
	row->keys = NULL;
	row->nkeys = 0;
}

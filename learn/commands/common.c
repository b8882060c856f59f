/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * common.c: what the headless commands share (see common.h): the store,
 * error and usage lines, tables in columns.  Nothing here links
 * libarchive or libcurl, so hocso itself may use it (simulate).
 */
#include "config.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/store.h"
#include "core/text.h"
#include "core/util.h"
#include "learn/commands/common.h"
#include "learn/commands/table.h"
#include "sync/devstore.h"

int
commands_say_error(const struct hs_error *err)
{
	char line[1024];

	fprintf(stderr, "hocso: %s\n", hs_error_format(err, line,
	    sizeof line));
	return 1;
}

int
commands_usage_error(const char *what)
{
	fprintf(stderr, _("hocso: usage: %s (see hocso --help)\n"), what);
	return 2;
}

struct store *
commands_open_store(const char *datadir)
{
	struct hs_error err;
	struct store *s;
	char *path = util_path_join(datadir, "hocso.db");

	if (devstore_open(path, &s, &err) != 0) {
		commands_say_error(&err);
		s = NULL;
	}
	free(path);
	return s;
}

void
commands_table_add(struct commands_table *t, const char *const *cells)
{
	int i;

	/* A table wider than commands_table_print's widths is a bug: help-
	 * requests list, at five columns, wrote past them. */
	assert(t->ncols > 0 && t->ncols <= COMMANDS_TABLE_MAXCOLS);
	if (t->nrows == t->cap) {
		t->cap = t->cap != 0 ? t->cap * 2 : 16;
		t->cell = xrealloc(t->cell, (size_t)t->cap * t->ncols *
		    sizeof *t->cell);
	}
	for (i = 0; i < t->ncols; i++)
		t->cell[t->nrows * t->ncols + i] = xstrdup(cells[i]);
	t->nrows++;
}

static int
cell_width(const char *s)
{
	int w = text_width(s, strlen(s));

	return w >= 0 ? w : (int)strlen(s);
}

void
commands_table_free(struct commands_table *t)
{
	int i;

	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cell[i]);
	free(t->cell);
}

void
commands_table_print(const struct commands_table *t)
{
	int width[COMMANDS_TABLE_MAXCOLS] = { 0 }, r, i, w;
	const char *c;

	for (r = 0; r < t->nrows; r++)
		for (i = 0; i < t->ncols; i++)
			if ((w = cell_width(t->cell[r * t->ncols + i])) >
			    width[i])
				width[i] = w;
	for (r = 0; r < t->nrows; r++) {
		for (i = 0; i < t->ncols; i++) {
			c = t->cell[r * t->ncols + i];
			fputs(c, stdout);
			if (i + 1 < t->ncols)
				printf("%*s", width[i] - cell_width(c) + 2, "");
		}
		putchar('\n');
	}
}

/* Whether the typed name is the table's: a C name there, so that the
 * '-' typed in help-requests is its '_'. */
static int
commands_name_is(const char *table_name, const char *typed)
{
	for (; *table_name != '\0'; table_name++, typed++)
		if (*typed != *table_name && !(*table_name == '_' &&
		    *typed == '-'))
			return 0;
	return *typed == '\0';
}

const struct command *
commands_find(const struct command *table, int n, const char *name)
{
	int i;

	for (i = 0; i < n; i++)
		if (commands_name_is(table[i].name, name))
			return &table[i];
	return NULL;
}

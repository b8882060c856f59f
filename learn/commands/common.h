/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * common.h: what the headless commands share: opening the data folder's
 * store, saying an error or a usage mistake on standard error (one line),
 * and printing a table in columns.  Each command is one file of this
 * folder and one row of table.h; hocso-cmd runs them (learn/cmd-main.c).
 */
#ifndef HOCSO_COMMANDS_COMMON_H
#define HOCSO_COMMANDS_COMMON_H

#include "core/error.h"

struct store;

/* Opens the data folder's store; says why not on standard error and
 * returns NULL. */
struct store *commands_open_store(const char *datadir);

/* Says err on standard error as "hocso: ..." and returns 1, the exit
 * status of a command that failed. */
int commands_say_error(const struct hs_error *err);

/* Says "hocso: usage: WHAT (see hocso --help)" on standard error and
 * returns 2, the exit status of a bad command line. */
int commands_usage_error(const char *what);

/* A table printed in columns aligned by display width (Vietnamese
 * letters with marks are one column, however many bytes).  Start one as
 * { NCOLS } with at most COMMANDS_TABLE_MAXCOLS columns. */
#define COMMANDS_TABLE_MAXCOLS 8
struct commands_table {
	int ncols, nrows, cap;
	char **cell;		/* row by row */
};

/* Adds a row of t->ncols cells (copied); dies on no memory, as xmalloc. */
void commands_table_add(struct commands_table *t, const char *const *cells);

/* Prints t on standard output, two spaces between columns. */
void commands_table_print(const struct commands_table *t);

/* Frees t's cells. */
void commands_table_free(struct commands_table *t);

#endif

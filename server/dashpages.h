/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * dashpages.h: the dashboard's pages (server/dashboard.h's
 * dashboard_page_fn), read from the rollups only (server/rollup.h), and
 * the tables they are made of, each downloadable as CSV and as .xlsx.
 *
 * Paths: /dashboard/ (the province's overview), /dashboard/school/CODE
 * (?class=NAME: its learners, by pseudonym), /dashboard/module/ID,
 * /dashboard/safety.  Any page with ?download=TABLE&format=csv|xlsx gives
 * that table as a file instead.  The overview, a module and safety are
 * the province's: a school account gets 403 there, and on any school's
 * page but its own.
 */
#ifndef HOCSO_DASHPAGES_H
#define HOCSO_DASHPAGES_H

#include <stdio.h>

#include "server/dashboard.h"

/* The pages (dashpages-views.c), for the shell (dashboard.c). */
int dashpage_overview(struct server *s, const struct account *who,
    const char *path, const char *query, struct dash_out *out);
int dashpage_school(struct server *s, const struct account *who,
    const char *path, const char *query, struct dash_out *out);
int dashpage_module(struct server *s, const struct account *who,
    const char *path, const char *query, struct dash_out *out);
int dashpage_safety(struct server *s, const struct account *who,
    const char *path, const char *query, struct dash_out *out);

/*
 * The tables (dashpages.c), for the pages.
 */

enum dash_type {
	DASH_TEXT,
	DASH_INT,
	DASH_PCT,		/* a number of % with one decimal */
	DASH_TIME,		/* ISO 8601 UTC, shown to the minute */
	DASH_SCHOOL,		/* a school code, linked to its page */
	DASH_MODULE,		/* a module id, linked to its page */
	DASH_STATUS,		/* enum rollup_status */
	DASH_LEARNER,		/* a learner's UUID, shown as a pseudonym */
	DASH_QUESTION,		/* urn:hocso:M:question:Q, shown as Q */
	DASH_QTEXT,		/* a question's words: cut to fit on the page
				 * (whole in its tooltip), whole in the
				 * downloads */
};

#define DASH_MAXCOL 12

struct dash_table {
	const char *name;	/* in ?download=, and the file's name */
	const char *caption;
	int ncol;
	const char *head[DASH_MAXCOL];
	enum dash_type type[DASH_MAXCOL];
	char **cell;		/* n rows of ncol cells (NULL: none) */
	int n;
};

/* Fills t (its name, caption, columns set) with the rows of a rollup
 * view: cells copied in order, as many as t's columns. */
int dash_table_fill(struct server *s, struct dash_table *t, int view,
    const char *a, const char *b, struct hs_error *err);
void dash_table_free(struct dash_table *t);
/* Puts an empty column (every cell NULL) in t before column at, headed
 * head, of type (t has fewer than DASH_MAXCOL columns). */
void dash_table_insert(struct dash_table *t, int at, const char *head,
    enum dash_type type);
/* Cell i, j (NULL when none). */
const char *dash_cell(const struct dash_table *t, int i, int j);

/* Writes t as an HTML table, with its download links. */
void dash_table_html(FILE *f, const struct dash_table *t);
/* Writes t into out as a download in format ("csv" or "xlsx"); the
 * status 400 for another format. */
int dash_table_download(const struct dash_table *t, const char *format,
    struct dash_out *out, struct hs_error *err);

/* HTML text, escaped. */
void dash_html(FILE *f, const char *s);
/* A URL path segment, percent-encoded. */
void dash_url(FILE *f, const char *s);
/* The value of key in query (a new string, decoded), or NULL. */
char *dash_query(const char *query, const char *key);

/* Writes an inline SVG bar chart of n values with their labels. */
void dash_svg_bars(FILE *f, const char *title, const char *const *label,
    const long long *value, int n);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * helpindex.c: the help search's FTS5 index and its queries.  See
 * helpindex.h.  It owns the connection's temporary tables help_index and
 * help_indexed (which module and version the index holds); the query is
 * made of the child's folded words, each quoted, so nothing a child types
 * is read as FTS5 syntax.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"
#include "learn/model/helpindex.h"
#include "lessons/help.h"

const struct module *
helpindex_module(const struct catalog *c)
{
	const struct module *best = NULL;
	int i;

	for (i = 0; i < c->n; i++) {
		const struct module *m = &c->modules[i];

		if (!help_present(m->dir))
			continue;
		if (best == NULL || m->order < best->order)
			best = m;	/* sorted by id: the first of an order */
	}
	return best;
}

/* The folded text of a page: its title, keywords and steps. */
static char *
page_text(const struct help_page *p)
{
	char *all, *folded;
	size_t len = strlen(p->title) + strlen(p->keywords) + 4;
	int i;

	for (i = 0; i < p->nsteps; i++)
		len += strlen(p->steps[i]) + 1;
	all = xmalloc(len);
	snprintf(all, len, "%s %s", p->title, p->keywords);
	for (i = 0; i < p->nsteps; i++) {
		strcat(all, " ");
		strcat(all, p->steps[i]);
	}
	folded = text_fold(all, strlen(all));
	free(all);
	return folded;
}

/* Makes the connection's tables when they are not there yet. */
static int
helpindex_make(struct store *s, struct hs_error *err)
{
	return store_exec(s,
	    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.help_index USING fts5("
	    "  module UNINDEXED, lang UNINDEXED, situation UNINDEXED, text,"
	    "  tokenize = 'unicode61 remove_diacritics 0');"
	    "CREATE TABLE IF NOT EXISTS temp.help_indexed ("
	    "  what TEXT NOT NULL);", err);
}

/* What the index holds ("ID VERSION") into have; HS_ENOTFOUND when it
 * was never made on this connection. */
static int
helpindex_holds(struct store *s, char *have, size_t len,
    struct hs_error *err)
{
	static const char sql[] = "SELECT what FROM temp.help_indexed";
	sqlite3_stmt *st;
	int rc;

	if ((st = store_prepare(s, sql, err)) == NULL)
		return HS_ESTORE;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		util_copy(have, (const char *)sqlite3_column_text(st, 0), len);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return HS_ENOTFOUND;
	return store_error(s, err, _("cannot index the help"));
}

int
helpindex_refresh(struct store *s, const struct catalog *c, int *rebuilt,
    struct hs_error *err)
{
	static const char clear[] =
	    "DELETE FROM temp.help_index; DELETE FROM temp.help_indexed";
	static const char add[] =
	    "INSERT INTO temp.help_index (module, lang, situation, text)"
	    " VALUES (?, ?, ?, ?)";
	static const char done[] =
	    "INSERT INTO temp.help_indexed (what) VALUES (?)";
	const struct module *m = helpindex_module(c);
	struct help_page p;
	struct hs_error perr;
	char want[256], have[256];
	sqlite3_stmt *st;
	int rc, i, sit;

	if (rebuilt != NULL)
		*rebuilt = 0;
	if (m != NULL)
		snprintf(want, sizeof want, "%s %s", m->id, m->version);
	else
		want[0] = '\0';
	if ((rc = helpindex_make(s, err)) != 0)
		return rc;
	rc = helpindex_holds(s, have, sizeof have, err);
	if (rc == 0 && !strcmp(have, want))
		return 0;
	if (rc != 0 && rc != HS_ENOTFOUND)
		return rc;
	/* Temporary tables only: a savepoint, not a write lock on the
	 * store that another hocso (a sync) may be holding. */
	if ((rc = store_exec(s, "SAVEPOINT help_index", err)) != 0)
		return rc;
	if ((rc = store_exec(s, clear, err)) != 0)
		goto fail;
	for (i = 0; m != NULL && i < m->ntexts; i++)
		for (sit = 0; sit < HELP_NSITUATIONS; sit++) {
			char *text;

			/* Checked at install: a page that does not read
			 * now is left out of the search, not fatal. */
			if (help_page_load(m->dir, m->texts[i].lang, sit, &p,
			    &perr) != 0)
				continue;
			text = page_text(&p);
			help_page_free(&p);
			if ((st = store_prepare(s, add, err)) == NULL) {
				free(text);
				rc = HS_ESTORE;
				goto fail;
			}
			sqlite3_bind_text(st, 1, m->id, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 2, m->texts[i].lang, -1,
			    SQLITE_STATIC);
			sqlite3_bind_text(st, 3, help_situation_name(sit), -1,
			    SQLITE_STATIC);
			sqlite3_bind_text(st, 4, text, -1, SQLITE_TRANSIENT);
			rc = store_done(s, st, _("cannot index the help"), err);
			free(text);
			if (rc != 0)
				goto fail;
		}
	if ((st = store_prepare(s, done, err)) == NULL) {
		rc = HS_ESTORE;
		goto fail;
	}
	sqlite3_bind_text(st, 1, want, -1, SQLITE_STATIC);
	if ((rc = store_done(s, st, _("cannot index the help"), err)) != 0 ||
	    (rc = store_exec(s, "RELEASE help_index", err)) != 0)
		goto fail;
	if (rebuilt != NULL)
		*rebuilt = 1;
	return 0;
fail:
	store_exec(s, "ROLLBACK TO help_index; RELEASE help_index", NULL);
	return rc;
}

/* The FTS5 query for the folded words of q: each quoted, as a prefix,
 * joined by op (" " for all, " OR " for any).  NULL when q has none. */
static char *
match_text(const char *folded, const char *op)
{
	size_t len = strlen(folded), cap = len * 2 + strlen(op) * len + 16;
	char *out = xmalloc(cap), *o = out;
	const char *p = folded;

	*o = '\0';
	while (*p != '\0') {
		size_t n = strcspn(p, " ");

		if (o > out)
			o += snprintf(o, cap - (size_t)(o - out), "%s", op);
		/* text_fold() leaves letters and digits only: no quote. */
		o += snprintf(o, cap - (size_t)(o - out), "\"%.*s\"*", (int)n,
		    p);
		p += n;
		while (*p == ' ')
			p++;
	}
	if (o == out) {
		free(out);
		return NULL;
	}
	return out;
}

int
helpindex_search(struct store *s, const char *lang, const char *query,
    int *situations, int max, int *n, struct hs_error *err)
{
	static const char sql[] =
	    "SELECT situation FROM temp.help_index WHERE help_index MATCH ?"
	    " AND lang = ? ORDER BY rank";
	static const char *const ops[] = { " ", " OR " };
	char *folded, *match;
	sqlite3_stmt *st;
	int rc = 0, pass, sit;

	*n = 0;
	folded = text_fold(query, strlen(query));
	for (pass = 0; pass < 2 && *n == 0; pass++) {
		if ((match = match_text(folded, ops[pass])) == NULL)
			break;
		if ((st = store_prepare(s, sql, err)) == NULL) {
			free(match);
			rc = HS_ESTORE;
			break;
		}
		sqlite3_bind_text(st, 1, match, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, lang, -1, SQLITE_STATIC);
		free(match);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max) {
			sit = help_situation_from_name((const char *)
			    sqlite3_column_text(st, 0));
			if (sit >= 0)
				situations[(*n)++] = sit;
		}
		sqlite3_reset(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
			rc = store_error(s, err, _("cannot search the help"));
			break;
		}
		rc = 0;
	}
	free(folded);
	return rc;
}

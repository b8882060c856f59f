/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * helpindex.h: finding help in a child's words, offline: the help part of
 * the installed modules (lessons/help.h) indexed with SQLite FTS5, every
 * text folded (core/text.h, text_fold()) so that "bi bat nat" finds "bị
 * bắt nạt".
 *
 * The help a child reads is the help part of one module: the first of
 * the catalog, by its order and then its id, that has one.  The index is
 * a temporary table of the app's connection, not of the store: made when
 * the help list first opens (some milliseconds for a module's pages), and
 * again whenever that module or its version changes; the store's schema,
 * which is read at every start, stays without it.
 */
#ifndef HOCSO_HELPINDEX_H
#define HOCSO_HELPINDEX_H

#include "core/error.h"
#include "core/store.h"
#include "lessons/catalog.h"

/* The module whose help the child reads, or NULL when none has help. */
const struct module *helpindex_module(const struct catalog *c);

/* Makes the index (again) when the catalog's help is not the one this
 * connection has indexed ("ID VERSION", "" for none), or none yet.
 * *rebuilt (may be NULL) says whether it did.  Returns 0 or a negative
 * code. */
int helpindex_refresh(struct store *s, const struct catalog *c,
    int *rebuilt, struct hs_error *err);

/* The situations (enum help_situation) whose text in lang matches query,
 * best first: every word of the query when some match so, else any;
 * each word may be the start of a longer one.  At most max into
 * situations, their number into *n.  An empty query matches none. */
int helpindex_search(struct store *s, const char *lang, const char *query,
    int *situations, int max, int *n, struct hs_error *err);

#endif

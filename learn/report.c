/*
 * report.c: a class's progress per learner and module, read from the
 * store.  See report.h.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "core/i18n.h"
#include "core/util.h"
#include "learn/report.h"

static int
load_learners(struct store *s, const char *class_name, struct report *r,
    struct hs_error *err)
{
	static const char sql[] =
	    "SELECT l.id, c.name, l.name FROM learners l"
	    " JOIN classes c ON c.id = l.class_id"
	    " WHERE l.removed_at IS NULL AND (?1 IS NULL OR c.name = ?1)"
	    " ORDER BY c.name, l.id";
	sqlite3_stmt *st;
	struct report_learner *l;
	int rc;

	if ((st = store_prepare(s, sql, err)) == NULL)
		return HS_ESTORE;
	if (class_name != NULL)
		sqlite3_bind_text(st, 1, class_name, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r->learners = xrealloc(r->learners, (r->nlearners + 1) *
		    sizeof *r->learners);
		l = &r->learners[r->nlearners++];
		l->id = sqlite3_column_int64(st, 0);
		l->class_name = xstrdup((const char *)sqlite3_column_text(st,
		    1));
		l->name = xstrdup((const char *)sqlite3_column_text(st, 2));
		l->cells = xcalloc(r->nmodules > 0 ? r->nmodules : 1,
		    sizeof *l->cells);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_error(s, err, _("cannot read the roster"));
	return 0;
}

/* Fills one cell from the learner's lessons, attempts and answers. */
static int
load_cell(struct store *s, long long learner, const struct module *m,
    struct report_cell *cell, struct hs_error *err)
{
	static const char lessons[] =
	    "SELECT count(*), coalesce(sum(completed_at IS NOT NULL), 0)"
	    " FROM lesson_progress WHERE learner_id = ? AND module = ?";
	static const char attempts[] =
	    "SELECT a.score, a.finished_at, (SELECT count(*) FROM answers w"
	    " WHERE w.attempt_id = a.id AND w.fraction = 0),"
	    " coalesce((SELECT max(answered_at) FROM answers w"
	    " WHERE w.attempt_id = a.id), a.started_at)"
	    " FROM attempts a WHERE a.learner_id = ? AND a.module = ?"
	    " ORDER BY a.id";
	static const char last[] =
	    "SELECT max(t) FROM (SELECT max(answered_at) AS t FROM practice"
	    " WHERE learner_id = ?1 AND module = ?2 UNION ALL"
	    " SELECT max(coalesce(finished_at, started_at)) FROM attempts"
	    " WHERE learner_id = ?1 AND module = ?2 UNION ALL"
	    " SELECT max(answered_at) FROM answers w JOIN attempts a"
	    " ON a.id = w.attempt_id WHERE a.learner_id = ?1 AND"
	    " a.module = ?2 UNION ALL"
	    " SELECT max(ts) FROM events e JOIN learners l ON l.uuid = e.actor"
	    " WHERE l.id = ?1 AND e.object LIKE 'urn:hocso:' || ?2 || ':%')";
	sqlite3_stmt *st;
	int started = 0, rc, help = 0, failed = 0, pass = m->quiz_pass;
	double prev_failed = -1, score;
	const char *t;

	memset(cell, 0, sizeof *cell);
	cell->best = cell->last = -1;
	if ((st = store_prepare(s, lessons, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_int64(st, 1, learner);
	sqlite3_bind_text(st, 2, m->id, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		started = sqlite3_column_int(st, 0);
		cell->lessons_done = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return store_error(s, err, _("cannot read progress"));

	if ((st = store_prepare(s, attempts, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_int64(st, 1, learner);
	sqlite3_bind_text(st, 2, m->id, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		started++;
		if (sqlite3_column_int(st, 2) >= REPORT_HELP_WRONG)
			help = 1;
		if (sqlite3_column_type(st, 1) == SQLITE_NULL)
			continue;	/* not finished */
		score = sqlite3_column_double(st, 0);
		cell->attempts++;
		cell->last = score;
		if (score > cell->best)
			cell->best = score;
		if (score * 100 + 1e-9 < pass) {
			/* failed again without doing better */
			if (failed && score <= prev_failed)
				help = 1;
			failed = 1;
			prev_failed = score;
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_error(s, err, _("cannot read progress"));

	if ((st = store_prepare(s, last, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_int64(st, 1, learner);
	sqlite3_bind_text(st, 2, m->id, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW &&
	    (t = (const char *)sqlite3_column_text(st, 0)) != NULL)
		snprintf(cell->last_activity, sizeof cell->last_activity, "%s",
		    t);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return store_error(s, err, _("cannot read progress"));

	if (cell->best >= 0 && cell->best * 100 + 1e-9 >= pass)
		cell->status = REPORT_PASSED;
	else if (help)
		cell->status = REPORT_NEEDS_HELP;
	else if (started > 0 || cell->last_activity[0] != '\0')
		cell->status = REPORT_IN_PROGRESS;
	else
		cell->status = REPORT_NOT_STARTED;
	return 0;
}

int
report_load(struct store *s, const struct catalog *c, const char *class_name,
    struct report *r, struct hs_error *err)
{
	int i, j, rc;

	memset(r, 0, sizeof *r);
	r->nmodules = c->n;
	r->totals = xcalloc(c->n > 0 ? c->n : 1, sizeof *r->totals);
	if ((rc = load_learners(s, class_name, r, err)) != 0)
		goto fail;
	for (i = 0; i < r->nlearners; i++)
		for (j = 0; j < c->n; j++) {
			if ((rc = load_cell(s, r->learners[i].id,
			    &c->modules[j], &r->learners[i].cells[j],
			    err)) != 0)
				goto fail;
			r->totals[j][r->learners[i].cells[j].status]++;
		}
	return 0;
fail:
	report_free(r);
	return rc;
}

void
report_free(struct report *r)
{
	int i;

	for (i = 0; i < r->nlearners; i++) {
		free(r->learners[i].class_name);
		free(r->learners[i].name);
		free(r->learners[i].cells);
	}
	free(r->learners);
	free(r->totals);
	memset(r, 0, sizeof *r);
}

const char *
report_status_name(enum report_status st)
{
	switch (st) {
	case REPORT_NOT_STARTED:
		return _("not started");
	case REPORT_IN_PROGRESS:
		return _("in progress");
	case REPORT_PASSED:
		return _("passed");
	case REPORT_NEEDS_HELP:
		return _("needs help");
	default:
		return "?";
	}
}

const char *
report_status_symbol(enum report_status st, int unicode)
{
	static const char *const u[] = { "·", "…", "✓", "!" };
	static const char *const a[] = { ".", "~", "+", "!" };

	if (st < 0 || st >= REPORT_NSTATUS)
		return "?";
	return unicode ? u[st] : a[st];
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
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
#include "learn/model/report.h"

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

int
report_attempts(struct store *s, long long learner,
    struct report_attempt **out, int *n, struct hs_error *err)
{
	static const char sql[] =
	    "SELECT a.module, a.started_at, a.finished_at IS NOT NULL,"
	    " coalesce(a.score, 0), a.question_count,"
	    " (SELECT count(*) FROM answers w WHERE w.attempt_id = a.id),"
	    " coalesce(CAST(round((julianday((SELECT max(answered_at) FROM"
	    " answers w WHERE w.attempt_id = a.id)) - julianday(a.started_at))"
	    " * 86400) AS INTEGER), 0)"
	    " FROM attempts a WHERE a.learner_id = ? ORDER BY a.id";
	struct report_attempt *a;
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	*n = 0;
	if ((st = store_prepare(s, sql, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_int64(st, 1, learner);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xrealloc(*out, (*n + 1) * sizeof **out);
		a = &(*out)[(*n)++];
		snprintf(a->module, sizeof a->module, "%s",
		    sqlite3_column_text(st, 0));
		snprintf(a->started, sizeof a->started, "%s",
		    sqlite3_column_text(st, 1));
		a->finished = sqlite3_column_int(st, 2);
		a->score = sqlite3_column_double(st, 3);
		a->count = sqlite3_column_int(st, 4);
		a->answered = sqlite3_column_int(st, 5);
		a->seconds = sqlite3_column_int64(st, 6);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return store_error(s, err, _("cannot read progress"));
	}
	return 0;
}

int
report_questions(struct store *s, const char *module, const char *class_name,
    struct report_question **out, int *n, struct hs_error *err)
{
	/* Each learner's first answer to each question of the module. */
	static const char sql[] =
	    "WITH firsts AS (SELECT w.question, w.response, w.fraction"
	    " FROM answers w JOIN attempts a ON a.id = w.attempt_id"
	    " JOIN learners l ON l.id = a.learner_id"
	    " LEFT JOIN classes c ON c.id = l.class_id"
	    " WHERE a.module = ?1 AND (?2 IS NULL OR c.name = ?2)"
	    " AND w.fraction >= 0 AND w.rowid = (SELECT min(w2.rowid)"
	    " FROM answers w2 JOIN attempts a2 ON a2.id = w2.attempt_id"
	    " WHERE a2.learner_id = a.learner_id AND a2.module = ?1"
	    " AND w2.question = w.question))"
	    " SELECT f.question, count(*), sum(f.fraction >= 1.0),"
	    " (SELECT response FROM firsts g WHERE g.question = f.question"
	    " AND g.fraction < 1.0 GROUP BY response"
	    " ORDER BY count(*) DESC, response LIMIT 1),"
	    " (SELECT count(*) FROM firsts g WHERE g.question = f.question"
	    " AND g.fraction < 1.0 GROUP BY response"
	    " ORDER BY count(*) DESC, response LIMIT 1)"
	    " FROM firsts f GROUP BY f.question"
	    " ORDER BY CAST(sum(f.fraction >= 1.0) AS REAL) / count(*),"
	    " count(*) DESC, f.question";
	struct report_question *q;
	sqlite3_stmt *st;
	const char *t;
	int rc;

	*out = NULL;
	*n = 0;
	if ((st = store_prepare(s, sql, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_text(st, 1, module, -1, SQLITE_STATIC);
	if (class_name != NULL)
		sqlite3_bind_text(st, 2, class_name, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 2);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xrealloc(*out, (*n + 1) * sizeof **out);
		q = &(*out)[(*n)++];
		q->id = xstrdup((const char *)sqlite3_column_text(st, 0));
		q->answered = sqlite3_column_int(st, 1);
		q->right = sqlite3_column_int(st, 2);
		t = (const char *)sqlite3_column_text(st, 3);
		q->top_wrong = xstrdup(t != NULL ? t : "");
		q->top_wrong_count = sqlite3_column_int(st, 4);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		report_questions_free(*out, *n);
		*out = NULL;
		*n = 0;
		return store_error(s, err, _("cannot read progress"));
	}
	return 0;
}

void
report_questions_free(struct report_question *q, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		free(q[i].id);
		free(q[i].top_wrong);
	}
	free(q);
}


/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * helpreq.c: children's requests for help and the teacher's marks on
 * them, and the weekly counts that are all the province sees.  See
 * helpreq.h.  It owns the help_requests, help_marks and help_counts
 * tables (sync/devstore.c, step 7); it never deletes a request but the
 * removed learner's, and never puts a request's words or learner in an
 * event.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "core/clock.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"
#include "learn/model/helpreq.h"
#include "lessons/help.h"
#include "sync/devstore.h"

static const char *const state_names[HELPREQ_NSTATES] = {
	"new", "talked", "passed", "closed",
};

/* The urgency of each situation (enum help_situation order): a stranger
 * asking for photos or a meeting, a threat and a friend in danger are
 * danger now; bullying, a taken account and "something else" (unknown:
 * a day, so that it is not left for a week) within a day; what upset a
 * child this week. */
static const int situation_urgency[HELP_NSITUATIONS] = {
	HELPREQ_DAY, HELPREQ_NOW, HELPREQ_NOW, HELPREQ_DAY, HELPREQ_WEEK,
	HELPREQ_NOW, HELPREQ_DAY,
};

const char *
helpreq_state_name(int state)
{
	return state >= 0 && state < HELPREQ_NSTATES ? state_names[state] :
	    "?";
}

int
helpreq_state_from_name(const char *name)
{
	int i;

	for (i = 0; i < HELPREQ_NSTATES; i++)
		if (name != NULL && !strcmp(name, state_names[i]))
			return i;
	return -1;
}

const char *
helpreq_situation_words(int s)
{
	static const char *const words[HELP_NSITUATIONS] = {
		N_("bullying"), N_("a stranger asking"), N_("a threat or money"),
		N_("account or money taken"), N_("saw something upsetting"),
		N_("a friend in danger"), N_("something else"),
	};

	return s >= 0 && s < HELP_NSITUATIONS ? _(words[s]) : "?";
}

const char *
helpreq_situation_child(int s)
{
	static const char *const words[HELP_NSITUATIONS] = {
		N_("Someone is bullying me"),
		N_("A stranger asks for photos, a meeting or secrets"),
		N_("Someone threatens me or asks for money"),
		N_("My account or my money was taken"),
		N_("I saw something that upset me"),
		N_("A friend is in danger"),
		N_("Something else"),
	};

	return s >= 0 && s < HELP_NSITUATIONS ? _(words[s]) : "?";
}

const char *
helpreq_urgency_words(int u)
{
	switch (u) {
	case HELPREQ_NOW:
		return _("danger now");
	case HELPREQ_DAY:
		return _("within a day");
	default:
		return _("this week");
	}
}

const char *
helpreq_state_words(int state)
{
	switch (state) {
	case HELPREQ_TALKED:
		return _("talked with the child");
	case HELPREQ_PASSED:
		return _("passed to child protection / 111");
	case HELPREQ_CLOSED:
		return _("closed");
	default:
		return _("new");
	}
}

void
helpreq_who(const struct helpreq *r, char *buf, size_t len)
{
	if (r->learner_id == 0)
		snprintf(buf, len, "%s", _("(no name)"));
	else if (r->learner[0] == '\0')
		snprintf(buf, len, "%s", _("(a removed learner)"));
	else if (r->class_name[0] != '\0')
		snprintf(buf, len, "%s (%s)", r->learner, r->class_name);
	else
		snprintf(buf, len, "%s", r->learner);
}

int
helpreq_urgency(int situation)
{
	return situation >= 0 && situation < HELP_NSITUATIONS ?
	    situation_urgency[situation] : HELPREQ_NOW;
}

long long
helpreq_urgency_ms(int urgency)
{
	switch (urgency) {
	case HELPREQ_NOW:
		return 4LL * 3600000;		/* the same school day */
	case HELPREQ_DAY:
		return 24LL * 3600000;
	default:
		return 7LL * 86400000;
	}
}

void
helpreq_local_time(long long ms, char *buf, size_t len)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL || strftime(buf, len,
	    "%Y-%m-%d %H:%M", &tm) == 0)
		snprintf(buf, len, "?");
}

void
helpreq_week(long long ms, char *buf, size_t len)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL || strftime(buf, len, "%G-W%V",
	    &tm) == 0)
		snprintf(buf, len, "0000-W00");
}

/* Counts a request, or one handled in time, in its week and situation. */
static int
count(struct store *s, const char *week, const char *situation,
    int requests, int in_time, struct hs_error *err)
{
	static const char sql[] =
	    "INSERT INTO help_counts (week, situation, requests, in_time)"
	    " VALUES (?, ?, ?, ?) ON CONFLICT (week, situation) DO UPDATE SET"
	    " requests = requests + excluded.requests,"
	    " in_time = in_time + excluded.in_time";
	sqlite3_stmt *st;

	if ((st = store_prepare(s, sql, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_text(st, 1, week, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, situation, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, requests);
	sqlite3_bind_int(st, 4, in_time);
	return store_done(s, st, _("cannot count the request for help"), err);
}

int
helpreq_add(struct store *s, int situation, long long learner,
    const char *message, const char *lang, long long *id,
    struct hs_error *err)
{
	static const char sql[] =
	    "INSERT INTO help_requests (created_at, created_ms, week,"
	    " situation, learner_id, message, lang) VALUES (?, ?, ?, ?, ?, ?, ?)";
	const char *name = help_situation_name(situation);
	char ts[32], week[16], *clean = NULL;
	long long now = clock_now_ms();
	sqlite3_stmt *st;
	int rc;

	if (name == NULL)
		return hs_error_set(err, HS_EINVAL, _("no such situation"));
	if (message == NULL)
		message = "";
	clean = text_nfc(message, strlen(message));
	if (strlen(clean) > HELPREQ_MESSAGE_MAX) {
		free(clean);
		return hs_error_set(err, HS_EINVAL, _("the message is longer "
		    "than %d bytes"), HELPREQ_MESSAGE_MAX);
	}
	util_iso8601(now, ts, sizeof ts);
	helpreq_week(now, week, sizeof week);
	if ((rc = store_begin(s, err)) != 0)
		goto out;
	if ((st = store_prepare(s, sql, err)) == NULL) {
		rc = HS_ESTORE;
		goto fail;
	}
	sqlite3_bind_text(st, 1, ts, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_text(st, 3, week, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, name, -1, SQLITE_STATIC);
	if (learner > 0)
		sqlite3_bind_int64(st, 5, learner);
	else
		sqlite3_bind_null(st, 5);
	sqlite3_bind_text(st, 6, clean, -1, SQLITE_STATIC);
	store_bind_text(st, 7, lang);
	if ((rc = store_done(s, st, _("cannot record the request for help"),
	    err)) != 0)
		goto fail;
	if (id != NULL)
		*id = sqlite3_last_insert_rowid(store_db(s));
	if ((rc = count(s, week, name, 1, 0, err)) != 0 ||
	    (rc = store_commit(s, err)) != 0)
		goto fail;
	goto out;
fail:
	store_rollback(s);
out:
	free(clean);
	return rc;
}

#define REQUEST_COLUMNS \
	"SELECT r.id, r.created_at, r.created_ms, r.week, r.situation," \
	" r.state, coalesce(r.handled_ms, 0), coalesce(r.learner_id, 0)," \
	" coalesce(l.name, ''), coalesce(c.name, ''), r.message" \
	" FROM help_requests r LEFT JOIN learners l ON l.id = r.learner_id" \
	" LEFT JOIN classes c ON c.id = l.class_id "

/* Fills r from a row of REQUEST_COLUMNS. */
static void
request_row(sqlite3_stmt *st, struct helpreq *r)
{
	const char *v;

	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	v = (const char *)sqlite3_column_text(st, 1);
	snprintf(r->created_at, sizeof r->created_at, "%s", v ? v : "");
	r->created_ms = sqlite3_column_int64(st, 2);
	v = (const char *)sqlite3_column_text(st, 3);
	snprintf(r->week, sizeof r->week, "%s", v ? v : "");
	r->situation = help_situation_from_name((const char *)
	    sqlite3_column_text(st, 4));
	r->urgency = helpreq_urgency(r->situation);
	r->state = helpreq_state_from_name((const char *)
	    sqlite3_column_text(st, 5));
	if (r->state < 0)
		r->state = HELPREQ_NEW;
	r->handled_ms = sqlite3_column_int64(st, 6);
	r->learner_id = sqlite3_column_int64(st, 7);
	v = (const char *)sqlite3_column_text(st, 8);
	snprintf(r->learner, sizeof r->learner, "%s", v ? v : "");
	v = (const char *)sqlite3_column_text(st, 9);
	snprintf(r->class_name, sizeof r->class_name, "%s", v ? v : "");
	v = (const char *)sqlite3_column_text(st, 10);
	r->message = xstrdup(v ? v : "");
}

/* The triage order: unhandled first, then by urgency, then oldest. */
static int
request_cmp(const void *a, const void *b)
{
	const struct helpreq *x = a, *y = b;
	int xo = x->state == HELPREQ_NEW, yo = y->state == HELPREQ_NEW;

	if (xo != yo)
		return yo - xo;
	if (xo && x->urgency != y->urgency)
		return x->urgency - y->urgency;
	if (x->created_ms != y->created_ms)
		return xo ? (x->created_ms < y->created_ms ? -1 : 1) :
		    (x->created_ms > y->created_ms ? -1 : 1);
	return x->id < y->id ? -1 : x->id > y->id;
}

int
helpreq_list(struct store *s, int open_only, struct helpreq **out, int *n,
    struct hs_error *err)
{
	static const char sql[] = REQUEST_COLUMNS
	    "WHERE ? = 0 OR r.state = 'new' ORDER BY r.id";
	struct helpreq *r = NULL;
	sqlite3_stmt *st;
	int cap = 0, count = 0, rc;

	*out = NULL;
	*n = 0;
	if ((st = store_prepare(s, sql, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_int(st, 1, open_only);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (count == cap) {
			cap = cap ? cap * 2 : 16;
			r = xrealloc(r, (size_t)cap * sizeof *r);
		}
		request_row(st, &r[count++]);
	}
	if (rc != SQLITE_DONE) {
		rc = store_error(s, err, _("cannot read the requests for help"));
		sqlite3_reset(st);
		helpreq_list_free(r, count);
		return rc;
	}
	sqlite3_reset(st);
	if (count > 1)
		qsort(r, (size_t)count, sizeof *r, request_cmp);
	*out = r;
	*n = count;
	return 0;
}

void
helpreq_free(struct helpreq *r)
{
	int i;

	free(r->message);
	for (i = 0; i < r->nmarks; i++)
		free(r->marks[i].note);
	free(r->marks);
	r->message = NULL;
	r->marks = NULL;
	r->nmarks = 0;
}

void
helpreq_list_free(struct helpreq *r, int n)
{
	int i;

	for (i = 0; i < n; i++)
		helpreq_free(&r[i]);
	free(r);
}

int
helpreq_get(struct store *s, long long id, struct helpreq *r,
    struct hs_error *err)
{
	static const char sql[] = REQUEST_COLUMNS "WHERE r.id = ?";
	static const char marks[] =
	    "SELECT at, state, note, at_ms FROM help_marks WHERE request_id = ?"
	    " ORDER BY id";
	sqlite3_stmt *st;
	const char *v;
	int rc;

	memset(r, 0, sizeof *r);
	if ((st = store_prepare(s, sql, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			return hs_error_set(err, HS_ENOTFOUND, _("there is no "
			    "request for help number %lld"), id);
		return store_error(s, err, _("cannot read the request for "
		    "help"));
	}
	request_row(st, r);
	sqlite3_reset(st);
	if ((st = store_prepare(s, marks, err)) == NULL) {
		helpreq_free(r);
		return HS_ESTORE;
	}
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct helpreq_mark *m;

		r->marks = xrealloc(r->marks, (size_t)(r->nmarks + 1) *
		    sizeof *r->marks);
		m = &r->marks[r->nmarks++];
		v = (const char *)sqlite3_column_text(st, 0);
		snprintf(m->at, sizeof m->at, "%s", v ? v : "");
		m->state = helpreq_state_from_name((const char *)
		    sqlite3_column_text(st, 1));
		v = (const char *)sqlite3_column_text(st, 2);
		m->note = xstrdup(v ? v : "");
		m->at_ms = sqlite3_column_int64(st, 3);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		helpreq_free(r);
		return store_error(s, err, _("cannot read the request for "
		    "help"));
	}
	return 0;
}

int
helpreq_mark(struct store *s, long long id, int state, const char *note,
    struct hs_error *err)
{
	static const char add[] =
	    "INSERT INTO help_marks (request_id, at, at_ms, state, note)"
	    " VALUES (?, ?, ?, ?, ?)";
	static const char set[] =
	    "UPDATE help_requests SET state = ?,"
	    " handled_ms = coalesce(handled_ms, ?) WHERE id = ?";
	struct helpreq r;
	char ts[32], *clean = NULL;
	long long now = clock_now_ms();
	sqlite3_stmt *st;
	int rc, in_time;

	if (state <= HELPREQ_NEW || state >= HELPREQ_NSTATES)
		return hs_error_set(err, HS_EINVAL, _("a request is marked "
		    "talked, passed or closed"));
	if (note == NULL)
		note = "";
	clean = text_nfc(note, strlen(note));
	if (strlen(clean) > HELPREQ_NOTE_MAX) {
		free(clean);
		return hs_error_set(err, HS_EINVAL, _("the note is longer than "
		    "%d bytes"), HELPREQ_NOTE_MAX);
	}
	util_iso8601(now, ts, sizeof ts);
	memset(&r, 0, sizeof r);
	if ((rc = store_begin(s, err)) != 0)
		goto out;
	if ((rc = helpreq_get(s, id, &r, err)) != 0)
		goto fail;
	if ((st = store_prepare(s, add, err)) == NULL) {
		rc = HS_ESTORE;
		goto fail;
	}
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, ts, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, now);
	sqlite3_bind_text(st, 4, state_names[state], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, clean, -1, SQLITE_STATIC);
	if ((rc = store_done(s, st, _("cannot mark the request for help"),
	    err)) != 0)
		goto fail;
	if ((st = store_prepare(s, set, err)) == NULL) {
		rc = HS_ESTORE;
		goto fail;
	}
	sqlite3_bind_text(st, 1, state_names[state], -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int64(st, 3, id);
	if ((rc = store_done(s, st, _("cannot mark the request for help"),
	    err)) != 0)
		goto fail;
	/* Only the first mark says how soon it was handled. */
	in_time = r.handled_ms == 0 && now - r.created_ms <=
	    helpreq_urgency_ms(r.urgency);
	if (in_time && (rc = count(s, r.week, help_situation_name(r.situation)
	    != NULL ? help_situation_name(r.situation) : "other", 0, 1,
	    err)) != 0)
		goto fail;
	if ((rc = store_commit(s, err)) != 0)
		goto fail;
	goto out;
fail:
	store_rollback(s);
out:
	helpreq_free(&r);
	free(clean);
	return rc;
}

int
helpreq_open_count(struct store *s, int *n, struct hs_error *err)
{
	static const char sql[] =
	    "SELECT count(*) FROM help_requests WHERE state = 'new'";
	sqlite3_stmt *st;
	int rc;

	*n = 0;
	if ((st = store_prepare(s, sql, err)) == NULL)
		return HS_ESTORE;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*n = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : store_error(s, err,
	    _("cannot read the requests for help"));
}

int
helpreq_forget_learner(struct store *s, long long learner,
    struct hs_error *err)
{
	static const char marks[] =
	    "DELETE FROM help_marks WHERE request_id IN"
	    " (SELECT id FROM help_requests WHERE learner_id = ?)";
	static const char reqs[] =
	    "DELETE FROM help_requests WHERE learner_id = ?";
	sqlite3_stmt *st;
	int rc;

	if ((st = store_prepare(s, marks, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_int64(st, 1, learner);
	if ((rc = store_done(s, st, _("cannot erase the learner's requests "
	    "for help"), err)) != 0)
		return rc;
	if ((st = store_prepare(s, reqs, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_int64(st, 1, learner);
	return store_done(s, st, _("cannot erase the learner's requests for "
	    "help"), err);
}

int
helpreq_counts_flush(struct store *s, int *appended, struct hs_error *err)
{
	static const char changed[] =
	    "SELECT week, situation, requests, in_time FROM help_counts"
	    " WHERE requests != sent_requests OR in_time != sent_in_time"
	    " ORDER BY week, situation";
	static const char sent[] =
	    "UPDATE help_counts SET sent_requests = requests,"
	    " sent_in_time = in_time WHERE week = ? AND situation = ?";
	struct store_event ev;
	char device[64], object[96], response[48];
	sqlite3_stmt *st, *up;
	int rc, n = 0;

	if (appended != NULL)
		*appended = 0;
	if ((rc = devstore_device_id(s, device, sizeof device, err)) != 0)
		return rc;
	if ((rc = store_begin(s, err)) != 0)
		return rc;
	if ((st = store_prepare(s, changed, err)) == NULL ||
	    (up = store_prepare(s, sent, err)) == NULL) {
		rc = HS_ESTORE;
		goto fail;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *week = (const char *)sqlite3_column_text(st, 0);
		const char *sit = (const char *)sqlite3_column_text(st, 1);

		snprintf(object, sizeof object, "%s%s:%s", HELPREQ_COUNT_URN,
		    sit, week);
		snprintf(response, sizeof response, "%d %d",
		    sqlite3_column_int(st, 2), sqlite3_column_int(st, 3));
		memset(&ev, 0, sizeof ev);
		ev.actor = device;
		ev.verb = HELPREQ_COUNT_VERB;
		ev.object = object;
		ev.response = response;
		ev.success = -1;
		ev.completion = -1;
		ev.duration_ms = -1;
		if ((rc = store_event_append(s, &ev, err)) != 0)
			break;
		sqlite3_bind_text(up, 1, week, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(up, 2, sit, -1, SQLITE_TRANSIENT);
		if ((rc = store_done(s, up, _("cannot count the requests for "
		    "help"), err)) != 0)
			break;
		n++;
	}
	if (rc != SQLITE_DONE) {
		if (rc > 0)
			rc = store_error(s, err, _("cannot count the requests "
			    "for help"));
		sqlite3_reset(st);
		goto fail;
	}
	sqlite3_reset(st);
	if ((rc = store_commit(s, err)) != 0)
		goto fail;
	if (appended != NULL)
		*appended = n;
	return 0;
fail:
	store_rollback(s);
	return rc;
}

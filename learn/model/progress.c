/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * progress.c: learner actions as transactions over the store.  See
 * progress.h.  Activity ids are URNs (urn:hocso:<module>:...) so that the
 * events read as xAPI statements without a web address of ours.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/clock.h"
#include "core/i18n.h"
#include "core/util.h"
#include "learn/model/override.h"
#include "learn/model/progress.h"

#define OBJ_LEN 512

static void
event_init(struct store_event *ev, struct progress *p, const char *verb,
    const char *object)
{
	memset(ev, 0, sizeof *ev);
	ev->actor = p->learner_uuid;
	ev->verb = verb;
	ev->object = object;
	ev->lang = p->lang;
	ev->success = -1;
	ev->completion = -1;
	ev->duration_ms = -1;
}

/* Fills p's learner, the device's own (the one in no class), from the
 * store: 0, or HS_ENOTFOUND when there is none yet. */
static int
progress_find_learner(struct progress *p, struct hs_error *err)
{
	static const char find[] =
	    "SELECT id, uuid FROM learners WHERE class_id IS NULL"
	    " ORDER BY id LIMIT 1";
	sqlite3_stmt *st;
	int rc;

	if ((st = store_prepare(p->store, find, err)) == NULL)
		return HS_ESTORE;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		p->learner_id = sqlite3_column_int64(st, 0);
		snprintf(p->learner_uuid, sizeof p->learner_uuid, "%s",
		    sqlite3_column_text(st, 1));
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : HS_ENOTFOUND;
}

int
progress_open(struct progress *p, struct store *store, const char *lang,
    struct hs_error *err)
{
	static const char add[] =
	    "INSERT INTO learners (uuid, name, created_at) VALUES (?, ?, ?)";
	sqlite3_stmt *st;
	char ts[32];
	int rc;

	memset(p, 0, sizeof *p);
	p->store = store;
	snprintf(p->lang, sizeof p->lang, "%s", lang);
	/* Look first without the write lock: the learner is almost always
	 * there; then again inside the transaction before adding one. */
	if (progress_find_learner(p, err) == 0)
		return 0;
	if ((rc = store_begin(store, err)) != 0)
		return rc;
	if (progress_find_learner(p, err) == 0) {
		store_rollback(store);
		return 0;
	}
	if ((st = store_prepare(store, add, err)) == NULL)
		goto fail;
	uuid_generate(p->learner_uuid);
	util_iso8601(clock_now_ms(), ts, sizeof ts);
	sqlite3_bind_text(st, 1, p->learner_uuid, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, _("Learner"), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, ts, -1, SQLITE_STATIC);
	if (store_step_done(store, st, err) != 0)
		goto fail;
	p->learner_id = sqlite3_last_insert_rowid(store_db(store));
	return store_commit(store, err);
fail:
	store_rollback(store);
	return HS_ESTORE;
}

void
progress_open_learner(struct progress *p, struct store *store, long long id,
    const char *uuid, const char *lang)
{
	memset(p, 0, sizeof *p);
	p->store = store;
	p->learner_id = id;
	snprintf(p->learner_uuid, sizeof p->learner_uuid, "%s", uuid);
	snprintf(p->lang, sizeof p->lang, "%s", lang);
}

int
progress_screen_seen(struct progress *p, const char *module,
    const char *lesson, int screen, struct hs_error *err)
{
	static const char sql[] =
	    "INSERT INTO lesson_progress (learner_id, module, lesson, screen,"
	    " screens_seen) VALUES (?1, ?2, ?3, ?4, ?4 + 1)"
	    " ON CONFLICT (learner_id, module, lesson) DO UPDATE SET"
	    " screen = ?4, screens_seen = max(screens_seen, ?4 + 1)";
	char object[OBJ_LEN];
	struct store_event ev;
	sqlite3_stmt *st;

	snprintf(object, sizeof object, "urn:hocso:%s:lesson:%s:screen:%d",
	    module, lesson, screen + 1);
	event_init(&ev, p, "experienced", object);
	if ((st = store_prepare(p->store, sql, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_int64(st, 1, p->learner_id);
	sqlite3_bind_text(st, 2, module, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, lesson, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, screen);
	return store_write(p->store, st, &ev, NULL, err);
}

int
progress_lesson_done(struct progress *p, const char *module,
    const char *lesson, struct hs_error *err)
{
	static const char sql[] =
	    "UPDATE lesson_progress SET completed_at = coalesce(completed_at, ?)"
	    " WHERE learner_id = ? AND module = ? AND lesson = ?";
	char object[OBJ_LEN], ts[32];
	struct store_event ev;
	sqlite3_stmt *st;

	snprintf(object, sizeof object, "urn:hocso:%s:lesson:%s", module,
	    lesson);
	event_init(&ev, p, "completed", object);
	ev.completion = 1;
	util_iso8601(clock_now_ms(), ts, sizeof ts);
	if ((st = store_prepare(p->store, sql, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_text(st, 1, ts, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, p->learner_id);
	sqlite3_bind_text(st, 3, module, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, lesson, -1, SQLITE_STATIC);
	return store_write(p->store, st, &ev, NULL, err);
}

int
progress_lesson_state(struct progress *p, const char *module,
    const char *lesson, int *screen, int *completed, struct hs_error *err)
{
	static const char sql[] =
	    "SELECT screen, completed_at IS NOT NULL FROM lesson_progress"
	    " WHERE learner_id = ? AND module = ? AND lesson = ?";
	sqlite3_stmt *st;
	int rc;

	*screen = 0;
	*completed = 0;
	if ((st = store_prepare(p->store, sql, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_int64(st, 1, p->learner_id);
	sqlite3_bind_text(st, 2, module, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, lesson, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*screen = sqlite3_column_int(st, 0);
		*completed = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_error(p->store, err, _("cannot read progress"));
	return 0;
}

static void
attempt_alloc(struct attempt *a, int count)
{
	int i;

	a->count = count;
	a->response = xcalloc(count, sizeof *a->response);
	a->fraction = xcalloc(count, sizeof *a->fraction);
	for (i = 0; i < count; i++)
		a->fraction[i] = 0;
}

/* Loads the answers of attempt a, already identified, from the store. */
static int
attempt_load_answers(struct progress *p, struct attempt *a,
    struct hs_error *err)
{
	static const char sql[] =
	    "SELECT position, response, fraction FROM answers"
	    " WHERE attempt_id = ? ORDER BY position";
	sqlite3_stmt *st;
	int rc, pos;

	if ((st = store_prepare(p->store, sql, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_int64(st, 1, a->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		pos = sqlite3_column_int(st, 0);
		if (pos < 0 || pos >= a->count)
			continue;
		free(a->response[pos]);
		a->response[pos] = xstrdup((const char *)
		    sqlite3_column_text(st, 1));
		a->fraction[pos] = sqlite3_column_double(st, 2);
		if (pos + 1 > a->answered)
			a->answered = pos + 1;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_error(p->store, err, _("cannot read answers"));
	return 0;
}

int
progress_attempt_open(struct progress *p, const char *module,
    const char *quiz, int count, int max_attempts, struct attempt *a,
    struct hs_error *err)
{
	static const char find[] =
	    "SELECT id, uuid, seed, question_count,"
	    " CAST((julianday(started_at) - 2440587.5) * 86400000 AS INTEGER)"
	    " FROM attempts"
	    " WHERE learner_id = ? AND module = ? AND quiz = ?"
	    " AND finished_at IS NULL ORDER BY id DESC LIMIT 1";
	static const char add[] =
	    "INSERT INTO attempts (uuid, learner_id, module, quiz, seed, lang,"
	    " question_count, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
	char object[OBJ_LEN], ts[32];
	struct store_event ev;
	sqlite3_stmt *st;
	int64_t seed;
	int rc;

	memset(a, 0, sizeof *a);
	if ((st = store_prepare(p->store, find, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_int64(st, 1, p->learner_id);
	sqlite3_bind_text(st, 2, module, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, quiz, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_int(st, 3) == count) {
		a->id = sqlite3_column_int64(st, 0);
		snprintf(a->uuid, sizeof a->uuid, "%s",
		    sqlite3_column_text(st, 1));
		a->seed = (uint64_t)sqlite3_column_int64(st, 2);
		a->started_ms = sqlite3_column_int64(st, 4);
		sqlite3_reset(st);
		attempt_alloc(a, count);
		return attempt_load_answers(p, a, err);
	}
	sqlite3_reset(st);

	if (max_attempts > 0) {
		int used, added, left;

		/* The teacher may have given attempts back or added some
		 * (override.h). */
		if ((rc = override_attempts(p->store, p->learner_id, module,
		    max_attempts, &used, &added, &left, err)) != 0)
			return rc;
		if (left == 0)
			return hs_error_set(err, HS_EINVAL, P_("You have used your "
			    "%d attempt at this quiz.", "You have used all %d "
			    "attempts at this quiz.", max_attempts),
			    max_attempts);
	}
	randombytes_buf(&seed, sizeof seed);
	seed &= INT64_MAX;
	uuid_generate(a->uuid);
	a->seed = (uint64_t)seed;
	attempt_alloc(a, count);
	a->started_ms = clock_now_ms();
	util_iso8601(a->started_ms, ts, sizeof ts);
	snprintf(object, sizeof object, "urn:hocso:%s:quiz:%s", module, quiz);
	event_init(&ev, p, "attempted", object);
	ev.registration = a->uuid;
	if ((st = store_prepare(p->store, add, err)) == NULL) {
		rc = HS_ESTORE;
		goto fail;
	}
	sqlite3_bind_text(st, 1, a->uuid, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, p->learner_id);
	sqlite3_bind_text(st, 3, module, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, quiz, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, seed);
	sqlite3_bind_text(st, 6, p->lang, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 7, count);
	sqlite3_bind_text(st, 8, ts, -1, SQLITE_STATIC);
	if ((rc = store_write(p->store, st, &ev, &a->id, err)) == 0)
		return 0;
fail:
	attempt_free(a);
	return rc;
}

int
progress_answer(struct progress *p, const char *module, struct attempt *a,
    const char *question, const char *response, double fraction,
    struct hs_error *err)
{
	static const char sql[] =
	    "INSERT INTO answers (attempt_id, position, question, response,"
	    " fraction, answered_at) VALUES (?, ?, ?, ?, ?, ?)";
	char object[OBJ_LEN], ts[32];
	struct store_event ev;
	sqlite3_stmt *st;
	int rc, pos = a->answered;

	if (pos >= a->count)
		return hs_error_set(err, HS_EINVAL, _("the attempt is over"));
	snprintf(object, sizeof object, "urn:hocso:%s:question:%s", module,
	    question);
	util_iso8601(clock_now_ms(), ts, sizeof ts);
	event_init(&ev, p, "answered", object);
	ev.registration = a->uuid;
	ev.response = response;
	ev.has_score = fraction >= 0;	/* an essay waits for the teacher */
	ev.score = fraction;
	ev.success = fraction >= 1.0;
	if ((st = store_prepare(p->store, sql, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_int64(st, 1, a->id);
	sqlite3_bind_int(st, 2, pos);
	sqlite3_bind_text(st, 3, question, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, response, -1, SQLITE_STATIC);
	sqlite3_bind_double(st, 5, fraction);
	sqlite3_bind_text(st, 6, ts, -1, SQLITE_STATIC);
	if ((rc = store_write(p->store, st, &ev, NULL, err)) != 0) {
		/* One learner, two terminals, one attempt: the answer stored
		 * first is kept, and this terminal goes on from there. */
		struct hs_error e2;

		if (attempt_load_answers(p, a, &e2) != 0 || a->answered <= pos)
			return rc;
		return hs_error_set(err, HS_EINVAL, "%s", _("This quiz is "
		    "open on another terminal too, which answered this "
		    "question first: that answer is kept, and the quiz goes "
		    "on from there."));
	}
	a->response[pos] = xstrdup(response);
	a->fraction[pos] = fraction;
	a->answered++;
	return 0;
}

int
progress_attempt_finish(struct progress *p, const char *module,
    struct attempt *a, int pass_percent, struct hs_error *err)
{
	static const char sql[] =
	    "UPDATE attempts SET finished_at = ?, score = ? WHERE id = ?";
	char object[OBJ_LEN], ts[32];
	struct store_event ev;
	sqlite3_stmt *st;
	double sum = 0;
	int rc, i, passed, graded = 0;

	for (i = 0; i < a->count; i++)
		if (a->fraction[i] >= 0) {
			sum += a->fraction[i];
			graded++;
		}
	a->score = graded > 0 ? sum / graded : 1;
	passed = a->score * 100 + 1e-9 >= pass_percent;
	snprintf(object, sizeof object, "urn:hocso:%s:quiz", module);
	util_iso8601(clock_now_ms(), ts, sizeof ts);
	event_init(&ev, p, passed ? "passed" : "failed", object);
	ev.registration = a->uuid;
	ev.has_score = 1;
	ev.score = a->score;
	ev.success = passed;
	ev.completion = 1;
	if ((st = store_prepare(p->store, sql, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_text(st, 1, ts, -1, SQLITE_STATIC);
	sqlite3_bind_double(st, 2, a->score);
	sqlite3_bind_int64(st, 3, a->id);
	if ((rc = store_write(p->store, st, &ev, NULL, err)) != 0)
		return rc;
	a->finished = 1;
	return 0;
}

int
progress_quiz_scores(struct progress *p, const char *module, double *best,
    double *latest, int *attempts, struct hs_error *err)
{
	static const char sql[] =
	    "SELECT coalesce(max(score), -1), count(*),"
	    " coalesce((SELECT score FROM attempts WHERE learner_id = ?1"
	    " AND module = ?2 AND finished_at IS NOT NULL"
	    " ORDER BY id DESC LIMIT 1), -1)"
	    " FROM attempts WHERE learner_id = ?1 AND module = ?2"
	    " AND finished_at IS NOT NULL";
	sqlite3_stmt *st;
	int rc;

	if ((st = store_prepare(p->store, sql, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_int64(st, 1, p->learner_id);
	sqlite3_bind_text(st, 2, module, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	*best = rc == SQLITE_ROW ? sqlite3_column_double(st, 0) : -1;
	*attempts = rc == SQLITE_ROW ? sqlite3_column_int(st, 1) : 0;
	if (latest != NULL)
		*latest = rc == SQLITE_ROW ? sqlite3_column_double(st, 2) : -1;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return store_error(p->store, err, _("cannot read progress"));
	return 0;
}

int
progress_attempt_unfinished(struct progress *p, const char *module,
    const char *quiz, int count, int *found, struct hs_error *err)
{
	static const char sql[] =
	    "SELECT question_count FROM attempts"
	    " WHERE learner_id = ? AND module = ? AND quiz = ?"
	    " AND finished_at IS NULL ORDER BY id DESC LIMIT 1";
	sqlite3_stmt *st;
	int rc;

	*found = 0;
	if ((st = store_prepare(p->store, sql, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_int64(st, 1, p->learner_id);
	sqlite3_bind_text(st, 2, module, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, quiz, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*found = sqlite3_column_int(st, 0) == count;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_error(p->store, err, _("cannot read progress"));
	return 0;
}

int
progress_lessons_done(struct progress *p, const char *module, int *n,
    struct hs_error *err)
{
	static const char sql[] =
	    "SELECT count(*) FROM lesson_progress WHERE learner_id = ?"
	    " AND module = ? AND completed_at IS NOT NULL";
	sqlite3_stmt *st;
	int rc;

	if ((st = store_prepare(p->store, sql, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_int64(st, 1, p->learner_id);
	sqlite3_bind_text(st, 2, module, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return store_error(p->store, err, _("cannot read progress"));
	return 0;
}

/* Records a practice answer as response, graded fraction. */
static int
practice_record(struct progress *p, const char *module, const char *lesson,
    const char *question, const char *response, double fraction,
    struct hs_error *err)
{
	static const char sql[] =
	    "INSERT INTO practice (learner_id, module, lesson, question,"
	    " response, fraction, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
	char object[OBJ_LEN], ts[32];
	struct store_event ev;
	sqlite3_stmt *st;

	snprintf(object, sizeof object, "urn:hocso:%s:lesson:%s:practice:%s",
	    module, lesson, question);
	util_iso8601(clock_now_ms(), ts, sizeof ts);
	event_init(&ev, p, "answered", object);
	ev.response = response;
	ev.has_score = 1;
	ev.score = fraction;
	ev.success = fraction >= 1.0;
	if ((st = store_prepare(p->store, sql, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_int64(st, 1, p->learner_id);
	sqlite3_bind_text(st, 2, module, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, lesson, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, question, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, response, -1, SQLITE_STATIC);
	sqlite3_bind_double(st, 6, fraction);
	sqlite3_bind_text(st, 7, ts, -1, SQLITE_STATIC);
	return store_write(p->store, st, &ev, NULL, err);
}

int
progress_practice(struct progress *p, const char *module, const char *lesson,
    const char *question, int choice, double fraction, struct hs_error *err)
{
	char response[16];

	snprintf(response, sizeof response, "%d", choice);
	return practice_record(p, module, lesson, question, response,
	    fraction, err);
}

int
progress_practice_try(struct progress *p, const char *module,
    const char *lesson, const char *box, const char *summary,
    double fraction, struct hs_error *err)
{
	return practice_record(p, module, lesson, box, summary, fraction, err);
}

int
progress_practice_tried(struct progress *p, const char *module,
    const char *lesson, const char *box, char *summary, size_t cap,
    struct hs_error *err)
{
	static const char sql[] =
	    "SELECT response FROM practice WHERE learner_id = ? AND module = ?"
	    " AND lesson = ? AND question = ? ORDER BY rowid DESC LIMIT 1";
	sqlite3_stmt *st;
	const unsigned char *r;
	int rc;

	summary[0] = '\0';
	if ((st = store_prepare(p->store, sql, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_int64(st, 1, p->learner_id);
	sqlite3_bind_text(st, 2, module, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, lesson, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, box, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && (r = sqlite3_column_text(st, 0)) != NULL)
		snprintf(summary, cap, "%s", (const char *)r);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_error(p->store, err, _("cannot read progress"));
	return 0;
}

int
progress_practice_last(struct progress *p, const char *module,
    const char *lesson, const char *question, int *choice,
    struct hs_error *err)
{
	static const char sql[] =
	    "SELECT response FROM practice WHERE learner_id = ? AND module = ?"
	    " AND lesson = ? AND question = ? ORDER BY rowid DESC LIMIT 1";
	sqlite3_stmt *st;
	int rc;

	*choice = -1;
	if ((st = store_prepare(p->store, sql, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_int64(st, 1, p->learner_id);
	sqlite3_bind_text(st, 2, module, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, lesson, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, question, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*choice = atoi((const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_error(p->store, err, _("cannot read progress"));
	return 0;
}

int
progress_practice_recent(struct progress *p, const char *module,
    const char *lesson, int n, int *right, int *count, struct hs_error *err)
{
	static const char sql[] =
	    "SELECT coalesce(sum(fraction >= 1.0), 0), count(*) FROM"
	    " (SELECT fraction FROM practice WHERE learner_id = ? AND"
	    " module = ? AND lesson = ? ORDER BY rowid DESC LIMIT ?)";
	sqlite3_stmt *st;
	int rc;

	*right = *count = 0;
	if ((st = store_prepare(p->store, sql, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_int64(st, 1, p->learner_id);
	sqlite3_bind_text(st, 2, module, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, lesson, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, n);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*right = sqlite3_column_int(st, 0);
		*count = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return store_error(p->store, err, _("cannot read progress"));
	return 0;
}

void
attempt_free(struct attempt *a)
{
	int i;

	for (i = 0; a->response != NULL && i < a->count; i++)
		free(a->response[i]);
	free(a->response);
	free(a->fraction);
	a->response = NULL;
	a->fraction = NULL;
}

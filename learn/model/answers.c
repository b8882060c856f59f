/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * answers.c: stored responses back into words, and one pupil's wrong
 * answers in a module's quiz, from the attempts and answers tables and
 * the module's bank.  See answers.h.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "core/i18n.h"
#include "core/util.h"
#include "learn/model/answers.h"
#include "lessons/quizwords.h"
#include "lessons/richtext.h"
#include "quiz/gift.h"
#include "quiz/response.h"

/* The feedback on response to q, or NULL: each ticked answer's for
 * multiple answers, else the graded choice's. */
static char *
answers_feedback(const struct quiz_question *q, const char *response)
{
	struct grade_options o = { 0, 0 };
	struct grade_result r;
	int list[GIFT_MAX_CHOICES], n, i;
	char *s = NULL;

	if (q->type == QUIZ_MULTI) {
		n = response_to_list(response, list, GIFT_MAX_CHOICES);
		for (i = 0; i < n; i++)
			if (list[i] >= 0 && list[i] < q->nchoices &&
			    q->choices[list[i]].feedback != NULL)
				quizwords_append_words(&s, " ", q,
				    q->choices[list[i]].feedback);
		return s;
	}
	r = response_grade(q, response, &o);
	if (r.choice >= 0 && r.choice < q->nchoices &&
	    q->choices[r.choice].feedback != NULL)
		quizwords_append_words(&s, "", q, q->choices[r.choice].feedback);
	return s;
}

/* The latest attempt of learner_id at module with an answer. */
static int
answers_attempt_find(struct store *s, long long learner_id,
    const char *module, long long *id, char *lang, size_t langlen,
    struct answers_attempt *a, struct hs_error *err)
{
	static const char sql[] =
	    "SELECT a.id, a.lang, a.started_at, a.finished_at IS NOT NULL,"
	    " coalesce(a.score, 0), a.question_count,"
	    " (SELECT count(*) FROM answers WHERE attempt_id = a.id),"
	    " (SELECT count(*) FROM attempts b WHERE b.learner_id = ?1"
	    "  AND b.module = ?2 AND b.id <= a.id)"
	    " FROM attempts a WHERE a.learner_id = ?1 AND a.module = ?2"
	    " AND EXISTS (SELECT 1 FROM answers WHERE attempt_id = a.id)"
	    " ORDER BY a.id DESC LIMIT 1";
	sqlite3_stmt *q;
	int rc;

	if ((q = store_prepare(s, sql, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_int64(q, 1, learner_id);
	sqlite3_bind_text(q, 2, module, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		a->found = 1;
		*id = sqlite3_column_int64(q, 0);
		snprintf(lang, langlen, "%s", sqlite3_column_text(q, 1));
		snprintf(a->started, sizeof a->started, "%s",
		    sqlite3_column_text(q, 2));
		a->finished = sqlite3_column_int(q, 3);
		a->score = sqlite3_column_double(q, 4);
		a->count = sqlite3_column_int(q, 5);
		a->answered = sqlite3_column_int(q, 6);
		a->number = sqlite3_column_int(q, 7);
	}
	sqlite3_reset(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_error(s, err, _("cannot read answers"));
	return 0;
}

static const struct quiz_question *
answers_question(const struct quiz_bank *bank, const char *id)
{
	int i;

	for (i = 0; i < bank->n; i++)
		if (!strcmp(bank->questions[i].id, id))
			return &bank->questions[i];
	return NULL;
}

int
answers_wrong(struct store *s, long long learner_id,
    const struct module *m, const char *arrow, struct answers_attempt *a,
    struct hs_error *err)
{
	static const char sql[] =
	    "SELECT position, question, response, fraction FROM answers"
	    " WHERE attempt_id = ? AND fraction >= 0 AND fraction < 0.9995"
	    " ORDER BY position";
	struct quiz_bank bank = { 0 };
	const struct quiz_question *qq;
	struct answers_item *it;
	sqlite3_stmt *q;
	long long id = 0;
	char lang[8] = "";
	const char *qid, *resp;
	int rc;

	memset(a, 0, sizeof *a);
	if ((rc = answers_attempt_find(s, learner_id, m->id, &id, lang,
	    sizeof lang, a, err)) != 0 || !a->found)
		return rc;
	if ((rc = module_quiz_load(m, lang, &bank, err)) != 0)
		return rc;
	if ((q = store_prepare(s, sql, err)) == NULL) {
		rc = HS_ESTORE;
		goto out;
	}
	sqlite3_bind_int64(q, 1, id);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		a->items = xrealloc(a->items, (a->n + 1) * sizeof *a->items);
		it = &a->items[a->n++];
		memset(it, 0, sizeof *it);
		it->position = sqlite3_column_int(q, 0) + 1;
		qid = (const char *)sqlite3_column_text(q, 1);
		resp = (const char *)sqlite3_column_text(q, 2);
		it->fraction = sqlite3_column_double(q, 3);
		if ((qq = answers_question(&bank, qid)) == NULL) {
			/* TRANSLATORS: %s is a question's id. */
			if (asprintf(&it->question, _("(question %s, no longer "
			    "in the module)"), qid) < 0)
				util_oom();
			it->given = xstrdup(resp);
			continue;
		}
		it->question = richtext_plain(qq->text, qq->format);
		it->given = quizwords_describe(qq, resp, arrow);
		it->right = quizwords_right(qq, arrow);
		it->feedback = answers_feedback(qq, resp);
		if (qq->general_feedback != NULL)
			it->explanation = richtext_plain(qq->general_feedback,
			    qq->format);
	}
	sqlite3_reset(q);
	rc = rc == SQLITE_DONE ? 0 : store_error(s, err, _("cannot read "
	    "answers"));
out:
	quiz_bank_free(&bank);
	if (rc != 0)
		answers_free(a);
	return rc;
}

void
answers_free(struct answers_attempt *a)
{
	int i;

	for (i = 0; i < a->n; i++) {
		free(a->items[i].question);
		free(a->items[i].given);
		free(a->items[i].right);
		free(a->items[i].feedback);
		free(a->items[i].explanation);
	}
	free(a->items);
	memset(a, 0, sizeof *a);
}

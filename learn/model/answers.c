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
#include "lessons/richtext.h"
#include "quiz/gift.h"
#include "quiz/response.h"

/* Appends text to the string *s (NULL at first), after sep when *s has
 * something already. */
static void
answers_append(char **s, const char *sep, const char *text)
{
	size_t a = *s != NULL ? strlen(*s) : 0, b = strlen(sep),
	    c = strlen(text);

	*s = xrealloc(*s, a + b + c + 1);
	if (a > 0) {
		memcpy(*s + a, sep, b);
		a += b;
	}
	memcpy(*s + a, text, c + 1);
}

static const char *
answers_choice_text(const struct quiz_question *q, int i)
{
	if (q->type == QUIZ_TRUEFALSE)
		return i == 0 ? _("True") : _("False");
	return q->choices[i].text;
}

/* Appends a text of q's (an answer, a matching side) as plain words. */
static void
answers_append_words(char **s, const char *sep, const struct quiz_question *q,
    const char *text)
{
	char *w = richtext_plain(text, q->format);

	answers_append(s, sep, w);
	free(w);
}

/* "left ARROW right" for a matching pair. */
static void
answers_append_pair(char **s, const struct quiz_question *q,
    const char *left, const char *right, const char *arrow)
{
	char *pair, *l = richtext_plain(left, q->format),
	    *r = richtext_plain(right, q->format);

	if (asprintf(&pair, "%s %s %s", l, arrow, r) < 0)
		util_oom();
	answers_append(s, "; ", pair);
	free(pair);
	free(l);
	free(r);
}

char *
answers_describe(const struct quiz_question *q, const char *response,
    const char *arrow)
{
	int list[GIFT_MAX_CHOICES], n, i, j;
	char *s = NULL, then[32];

	switch (q->type) {
	case QUIZ_CHOICE:
	case QUIZ_TRUEFALSE:
	case QUIZ_MULTI:
		n = response_to_list(response, list, GIFT_MAX_CHOICES);
		for (i = 0; i < n; i++)
			if (list[i] >= 0 && list[i] < q->nchoices)
				answers_append_words(&s, "; ", q,
				    answers_choice_text(q, list[i]));
		break;
	case QUIZ_MATCHING:
		n = response_to_list(response, list, GIFT_MAX_CHOICES);
		for (i = 0, j = 0; i < q->nchoices && n > 0; i++) {
			if (q->choices[i].text[0] == '\0')
				continue;
			if (j < n && list[j] >= 0 && list[j] < q->nchoices)
				answers_append_pair(&s, q, q->choices[i].text,
				    q->choices[list[j]].match, arrow);
			else
				answers_append_pair(&s, q, q->choices[i].text,
				    "?", arrow);
			j++;
		}
		break;
	case QUIZ_ORDERING:	/* the items as put: "a → b → c" */
		snprintf(then, sizeof then, " %s ", arrow);
		n = response_to_steps(response, list, GIFT_MAX_CHOICES);
		for (i = 0; i < n; i++)
			answers_append_words(&s, then, q, list[i] >= 0 &&
			    list[i] < q->nchoices ? q->choices[list[i]].text :
			    "?");
		break;
	default:
		if (response[0] != '\0')
			s = xstrdup(response);
		break;
	}
	return s != NULL ? s : xstrdup(_("(no answer)"));
}

char *
answers_right(const struct quiz_question *q, const char *arrow)
{
	char *s = NULL, num[128], then[32];
	int i, best;

	switch (q->type) {
	case QUIZ_CHOICE:
	case QUIZ_TRUEFALSE:
	case QUIZ_SHORT:
		answers_append_words(&s, "", q,
		    answers_choice_text(q, quiz_best_choice(q)));
		return s;
	case QUIZ_MULTI:
		for (i = 0; i < q->nchoices; i++)
			if (q->choices[i].fraction > 0)
				answers_append_words(&s, "; ", q,
				    q->choices[i].text);
		return s;
	case QUIZ_MATCHING:
		for (i = 0; i < q->nchoices; i++)
			if (q->choices[i].text[0] != '\0')
				answers_append_pair(&s, q, q->choices[i].text,
				    q->choices[i].match, arrow);
		return s;
	case QUIZ_ORDERING:
		snprintf(then, sizeof then, " %s ", arrow);
		for (i = 0; i < q->nchoices; i++)
			answers_append_words(&s, then, q, q->choices[i].text);
		return s;
	case QUIZ_NUMERICAL:
		best = quiz_best_choice(q);
		if (best < 0)
			return NULL;
		if (q->choices[best].min == q->choices[best].max)
			snprintf(num, sizeof num, "%g", q->choices[best].min);
		else
			snprintf(num, sizeof num, _("from %g to %g"),
			    q->choices[best].min, q->choices[best].max);
		return xstrdup(num);
	default:
		return NULL;
	}
}

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
				answers_append_words(&s, " ", q,
				    q->choices[list[i]].feedback);
		return s;
	}
	r = response_grade(q, response, &o);
	if (r.choice >= 0 && r.choice < q->nchoices &&
	    q->choices[r.choice].feedback != NULL)
		answers_append_words(&s, "", q, q->choices[r.choice].feedback);
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
		it->given = answers_describe(qq, resp, arrow);
		it->right = answers_right(qq, arrow);
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

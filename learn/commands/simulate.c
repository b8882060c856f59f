/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * simulate.c: hocso simulate --learners N --minutes M [--seed S]
 * [--class C] [--speed X] [--latencies FILE]: realistic activity for
 * tests, demos and benchmarks, through the same model code the screens
 * use (learn/model/progress.c, learn/model/roster.c, quiz/): each
 * simulated learner signs in, reads lesson screens, answers the practice
 * questions and takes quizzes, right or wrong by a skill of their own,
 * for M minutes of a learner's time (as fast as the store allows, or X
 * times faster than a learner with --speed).  It prints what it did and
 * the time each commit took; --latencies writes every commit time (ms,
 * one a line) for tests/bench/lab.  hocso runs it in its own process
 * (see main.c), so the lab measures the program a lab's terminals run.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <sqlite3.h>

#include "core/clock.h"
#include "core/fileio.h"
#include "core/i18n.h"
#include "core/util.h"
#include "learn/commands/common.h"
#include "learn/commands/table.h"
#include "learn/model/progress.h"
#include "learn/model/roster.h"
#include "lessons/catalog.h"
#include "lessons/lesson.h"
#include "quiz/gift.h"
#include "quiz/quiz.h"
#include "quiz/response.h"
#include "sync/devstore.h"

struct sim {
	struct store *store;
	struct catalog catalog;
	uint64_t rng;
	double *lat;		/* each commit's time, ms */
	int nlat, caplat;
	int actions;		/* commits: one event each */
	double speed;		/* times faster than a learner; 0: flat out */
};

/* A learner's time passes: minutes of it, slept at s->speed. */
static void
sim_spend(struct sim *s, double *minutes, double m)
{
	struct timespec ts;
	double secs;

	*minutes += m;
	if (s->speed <= 0)
		return;
	secs = m * 60 / s->speed;
	ts.tv_sec = (time_t)secs;
	ts.tv_nsec = (long)((secs - (double)ts.tv_sec) * 1e9);
	nanosleep(&ts, NULL);
}

static uint64_t
sim_next(struct sim *s)
{
	uint64_t z = (s->rng += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A uniform number in [lo, hi). */
static double
sim_uniform(struct sim *s, double lo, double hi)
{
	return lo + (hi - lo) * (double)(sim_next(s) >> 11) / 9007199254740992.0;
}

static double
now_ms(void)
{
	return clock_mono_us() / 1e3;
}

/* Runs one commit (rc from a progress call timed from t0). */
static int
sim_done(struct sim *s, double t0, int rc)
{
	if (rc != 0)
		return rc;
	if (s->nlat == s->caplat) {
		s->caplat = s->caplat ? s->caplat * 2 : 256;
		s->lat = xrealloc(s->lat, s->caplat * sizeof *s->lat);
	}
	s->lat[s->nlat++] = now_ms() - t0;
	s->actions++;
	return 0;
}

/* A response to q: right with probability skill, else a wrong one. */
static void
sim_response(struct sim *s, const struct quiz_question *q, double skill,
    char *out, size_t len)
{
	int right = sim_uniform(s, 0, 1) < skill, flags[GIFT_MAX_CHOICES] = { 0 };
	int list[GIFT_MAX_CHOICES], i, n = 0, best = quiz_best_choice(q);

	switch (q->type) {
	case QUIZ_CHOICE:
	case QUIZ_TRUEFALSE:
		snprintf(out, len, "%d", right || q->nchoices < 2 ? best :
		    (best + 1 + (int)(sim_next(s) % (uint64_t)(q->nchoices -
		    1))) % q->nchoices);
		return;
	case QUIZ_MULTI:
		for (i = 0; i < q->nchoices; i++)
			flags[i] = right ? q->choices[i].fraction > 0 :
			    q->choices[i].fraction <= 0 || i == 0;
		response_from_flags(flags, q->nchoices, out, len);
		return;
	case QUIZ_MATCHING:
		for (i = 0; i < q->nchoices; i++)
			if (q->choices[i].text[0] != '\0')
				list[n++] = i;
		if (!right && n > 1) {
			int t = list[0];

			list[0] = list[1];
			list[1] = t;
		}
		response_from_list(list, n, out, len);
		return;
	case QUIZ_ORDERING:	/* wrong: the first two swapped */
		for (i = 0; i < q->nchoices; i++)
			list[i] = i;
		if (!right) {
			list[0] = 1;
			list[1] = 0;
		}
		response_from_steps(list, q->nchoices, out, len);
		return;
	case QUIZ_NUMERICAL:
		snprintf(out, len, "%g", best >= 0 ? q->choices[best].min -
		    (right ? 0 : 1000) : 0);
		return;
	case QUIZ_SHORT:
		snprintf(out, len, "%s", right && best >= 0 ?
		    q->choices[best].text : "không biết");
		return;
	default:
		snprintf(out, len, "%s", "Em sẽ kể với thầy cô.");
		return;
	}
}

/* One lesson read through, its practice questions answered. */
static int
sim_lesson(struct sim *s, struct progress *p, const struct module *m, int i,
    double skill, double *minutes, struct hs_error *err)
{
	struct lesson *l;
	char *path = module_lesson_path(m, i, p->lang);
	int k, rc = 0, choice;
	double t0;

	if (path == NULL || lesson_load(path, &l, err) != 0) {
		free(path);
		return 0;	/* a broken lesson is skipped, as on screen */
	}
	free(path);
	for (k = 0; k < l->nscreens && rc == 0; k++) {
		const struct lesson_block *b = lesson_practice(&l->screens[k]);

		t0 = now_ms();
		rc = sim_done(s, t0, progress_screen_seen(p, m->id,
		    m->lessons[i], k, err));
		sim_spend(s, minutes, sim_uniform(s, 0.2, 0.8));
		if (rc == 0 && b != NULL && b->practice.n > 0) {
			const struct quiz_question *q = &b->practice.questions[0];

			choice = sim_uniform(s, 0, 1) < skill ?
			    quiz_best_choice(q) : 0;
			t0 = now_ms();
			rc = sim_done(s, t0, progress_practice(p, m->id,
			    m->lessons[i], q->id, choice,
			    quiz_grade_choice(q, choice), err));
			sim_spend(s, minutes, sim_uniform(s, 0.2, 0.6));
		}
	}
	if (rc == 0) {
		t0 = now_ms();
		rc = sim_done(s, t0, progress_lesson_done(p, m->id,
		    m->lessons[i], err));
	}
	lesson_free(l);
	return rc;
}

/* One attempt at the module's quiz, every question answered. */
static int
sim_quiz(struct sim *s, struct progress *p, const struct module *m,
    double skill, double *minutes, struct hs_error *err)
{
	struct quiz_bank bank;
	struct attempt a;
	struct grade_options opt = { m->quiz_no_diacritics > 0,
	    m->quiz_no_diacritics / 100.0 };
	char resp[512];
	int count, *order, i, rc;
	double t0;

	/* A quiz that does not read is left, as the app leaves it. */
	module_quiz_load(m, p->lang, &bank, err);
	count = m->quiz_questions > 0 ? m->quiz_questions : bank.n;
	if (bank.n == 0 || count > bank.n) {
		quiz_bank_free(&bank);
		return 0;
	}
	t0 = now_ms();
	if ((rc = progress_attempt_open(p, m->id, m->quiz_bank, count,
	    m->quiz_attempts, &a, err)) != 0) {
		quiz_bank_free(&bank);
		return rc == HS_EINVAL ? 0 : rc;	/* no attempts left */
	}
	sim_done(s, t0, 0);
	order = xcalloc(count, sizeof *order);
	quiz_draw(a.seed, bank.n, count, order);
	for (i = a.answered; i < count && rc == 0; i++) {
		const struct quiz_question *q = &bank.questions[m->quiz_shuffle ?
		    order[i] : i];
		struct grade_result r;

		sim_response(s, q, skill, resp, sizeof resp);
		r = response_grade(q, resp, &opt);
		t0 = now_ms();
		rc = sim_done(s, t0, progress_answer(p, m->id, &a, q->id, resp,
		    r.needs_teacher ? -1 : r.fraction, err));
		sim_spend(s, minutes, sim_uniform(s, 0.25, 0.75));
	}
	if (rc == 0) {
		t0 = now_ms();
		rc = sim_done(s, t0, progress_attempt_finish(p, m->id, &a,
		    m->quiz_pass, err));
	}
	free(order);
	attempt_free(&a);
	quiz_bank_free(&bank);
	return rc;
}

/* One learner's session: module after module, lessons then the quiz
 * (again while not passed), until their minutes are spent. */
static int
sim_learner(struct sim *s, long long id, const char *uuid, double budget,
    struct hs_error *err)
{
	struct progress p;
	double minutes = 0, skill = sim_uniform(s, 0.45, 0.98), best;
	int m, i, tries, rc = 0;

	progress_open_learner(&p, s->store, id, uuid, "vi");
	for (m = 0; m < s->catalog.n && minutes < budget && rc == 0; m++) {
		const struct module *mod = &s->catalog.modules[m];

		for (i = 0; i < mod->nlessons && minutes < budget && rc == 0;
		    i++)
			rc = sim_lesson(s, &p, mod, i, skill, &minutes, err);
		for (tries = 0; tries < 3 && minutes < budget && rc == 0 &&
		    mod->nbanks > 0; tries++) {
			rc = sim_quiz(s, &p, mod, skill, &minutes, err);
			if (rc == 0 && progress_quiz_scores(&p, mod->id, &best,
			    NULL, &i, err) == 0 && best * 100 >= mod->quiz_pass)
				break;
			skill += 0.1;	/* they read the review */
		}
	}
	return rc;
}

/* Whether the class exists, and a learner's uuid. */
static int
sim_lookup(struct store *st, const char *sql, long long id, const char *text,
    char *out, size_t len, struct hs_error *err)
{
	sqlite3_stmt *q;
	int rc;

	if ((q = store_prepare(st, sql, err)) == NULL)
		return HS_ESTORE;
	if (text != NULL)
		sqlite3_bind_text(q, 1, text, -1, SQLITE_STATIC);
	else
		sqlite3_bind_int64(q, 1, id);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW && out != NULL)
		snprintf(out, len, "%s", sqlite3_column_text(q, 0));
	sqlite3_reset(q);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return HS_ENOTFOUND;
	return store_error(st, err, _("cannot read the roster"));
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int
simulate_command(const char *datadir, const char *lang, int argc,
    char **argv)
{
	static const struct option opts[] = {
		{ "learners", required_argument, NULL, 'n' },
		{ "minutes", required_argument, NULL, 'm' },
		{ "seed", required_argument, NULL, 's' },
		{ "class", required_argument, NULL, 'c' },
		{ "latencies", required_argument, NULL, 'l' },
		{ "speed", required_argument, NULL, 'x' },
		{ NULL, 0, NULL, 0 }
	};
	const char *cls = "SIM", *latfile = NULL;
	struct sim s = { 0 };
	struct hs_error err;
	struct rusage ru;
	char *db, name[64], uuid[UUID_LEN + 1];
	long long id;
	int opt, learners = 1, minutes = 10, i, rc;
	unsigned long long seed = 1;
	FILE *f;

	(void)lang;
	optind = 1;
	while ((opt = getopt_long(argc, argv, "+n:m:s:c:l:x:", opts, NULL)) != -1) {
		if (opt == 'n')
			learners = atoi(optarg);
		else if (opt == 'm')
			minutes = atoi(optarg);
		else if (opt == 's')
			seed = strtoull(optarg, NULL, 10);
		else if (opt == 'c')
			cls = optarg;
		else if (opt == 'l')
			latfile = optarg;
		else if (opt == 'x')
			s.speed = atof(optarg);
		else
			goto usage;
	}
	if (optind != argc || learners < 1 || learners > 10000 ||
	    minutes < 1 || minutes > 100000)
		goto usage;
	s.rng = seed * 0x2545f4914f6cdd1dULL + 1;
	db = util_path_join(datadir, "hocso.db");
	rc = devstore_open(db, &s.store, &err);
	free(db);
	if (rc != 0)
		goto fail;
	if ((rc = catalog_load(datadir, &s.catalog, &err)) != 0)
		goto out;
	/* The class and its simulated learners, made on first use. */
	rc = sim_lookup(s.store, "SELECT 1 FROM classes WHERE name = ?", 0,
	    cls, NULL, 0, &err);
	if (rc == HS_ENOTFOUND)
		rc = roster_class_add(s.store, cls, 0, &err);
	if (rc != 0)
		goto out;
	for (i = 0; i < learners; i++) {
		snprintf(name, sizeof name, "sim-%llu-%d", seed, i + 1);
		rc = roster_learner_find(s.store, cls, name, &id, &err);
		if (rc == HS_ENOTFOUND)
			rc = roster_learner_add(s.store, cls, name, NULL, "vi",
			    &id, &err);
		if (rc != 0)
			goto out;
		if ((rc = sim_lookup(s.store, "SELECT uuid FROM learners"
		    " WHERE id = ?", id, NULL, uuid, sizeof uuid, &err)) != 0 ||
		    (rc = sim_learner(&s, id, uuid, minutes, &err)) != 0)
			goto out;
	}
	getrusage(RUSAGE_SELF, &ru);
	qsort(s.lat, s.nlat, sizeof *s.lat, cmp_double);
	printf(_("%d learners, %d commits; commit time median %.2f ms, 99th "
	    "percentile %.2f ms, slowest %.2f ms; peak memory %ld KB\n"),
	    learners, s.actions, s.nlat ? s.lat[s.nlat / 2] : 0,
	    s.nlat ? s.lat[(int)(s.nlat * 0.99)] : 0,
	    s.nlat ? s.lat[s.nlat - 1] : 0, ru.ru_maxrss);
	if (latfile != NULL) {
		char *text = NULL;
		size_t tlen = 0;

		if ((f = open_memstream(&text, &tlen)) == NULL)
			util_oom();
		for (i = 0; i < s.nlat; i++)
			fprintf(f, "%.3f\n", s.lat[i]);
		if (fclose(f) != 0)
			util_oom();
		rc = fileio_write(latfile, text, tlen, 0644, &err);
		free(text);
	}
out:
	catalog_free(&s.catalog);
	store_close(s.store);
	free(s.lat);
	if (rc == 0)
		return 0;
fail:
	return commands_say_error(&err);
usage:
	return commands_usage_error("hocso simulate --learners N --minutes M [--seed S] [--class C] "
	    "[--speed X] [--latencies FILE]");
}

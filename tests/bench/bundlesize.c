/*
 * bundlesize.c: the bytes a school's quiz activity takes on the wire.
 *
 *   bundlesize LEARNERS SEED WORKDIR
 *
 * Simulates a school lab: classes of 40 learners at once, each reading
 * the three lessons of a module screen by screen (with the practice
 * questions inside them) and then taking its quiz of 10, at a human pace
 * (seconds to a minute a screen or a question).  The events are written
 * into a fresh store exactly as learn/progress.c shapes them, in the
 * order of their times, as a shared lab server would record them.  Then
 * they are packed into bundles as hocso sync does, and written as xAPI
 * JSON lines (WORKDIR/statements.jsonl) for tests/bench/bundle to
 * compare.  Prints "events N", "bundles N" and "bundle_bytes N".
 */
#include "config.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/store.h"
#include "core/util.h"
#include "core/uuid.h"
#include "sync/bundle.h"
#include "sync/statement.h"

#define CLASS 40
#define LESSONS 3
#define SCREENS 5
#define PRACTICE 2		/* per lesson */
#define QUESTIONS 10
#define BANK 20

static const char *const modules[] = {
	"vn.hocso.passwords", "vn.hocso.phishing", "vn.hocso.privacy",
	"vn.hocso.kindness",
};
static const char *const lessons[LESSONS] = {
	"01-mat-khau-manh", "02-giu-bi-mat", "03-khi-bi-lo",
};

static uint64_t rng;

static unsigned
rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

struct ev {
	long long ms;
	int learner;
	char verb[16], object[160], reg[UUID_LEN + 1], response[16];
	int has_score, success, completion;
	double score;
};

struct evs {
	struct ev *v;
	int n, cap;
};

static struct ev *
add(struct evs *e, long long ms, int learner, const char *verb)
{
	struct ev *x;

	if (e->n == e->cap) {
		e->cap = e->cap != 0 ? e->cap * 2 : 4096;
		e->v = xrealloc(e->v, e->cap * sizeof *e->v);
	}
	x = &e->v[e->n++];
	memset(x, 0, sizeof *x);
	x->ms = ms;
	x->learner = learner;
	x->success = x->completion = -1;
	snprintf(x->verb, sizeof x->verb, "%s", verb);
	return x;
}

static int
by_time(const void *a, const void *b)
{
	const struct ev *x = a, *y = b;

	return x->ms < y->ms ? -1 : x->ms > y->ms;
}

/* One learner's module, from t (ms), into e. */
static void
learner_module(struct evs *e, int who, const char *m, long long t)
{
	char reg[UUID_LEN + 1];
	struct ev *x;
	double sum = 0;
	int l, s, q, order[BANK], i, j, k, right;

	for (l = 0; l < LESSONS; l++) {
		for (s = 0; s < SCREENS; s++) {
			t += 8000 + rnd(32000);
			x = add(e, t, who, "experienced");
			snprintf(x->object, sizeof x->object,
			    "urn:hocso:%s:lesson:%s:screen:%d", m, lessons[l],
			    s + 1);
			if (s == 2 || s == 4) {
				t += 5000 + rnd(20000);
				right = rnd(10) < 7;
				x = add(e, t, who, "answered");
				snprintf(x->object, sizeof x->object,
				    "urn:hocso:%s:lesson:%s:practice:p%d", m,
				    lessons[l], s / 2);
				snprintf(x->response, sizeof x->response, "%u",
				    right ? 1 : rnd(3) + 2);
				x->has_score = 1;
				x->score = right;
				x->success = right;
			}
		}
		x = add(e, t + 1, who, "completed");
		snprintf(x->object, sizeof x->object, "urn:hocso:%s:lesson:%s",
		    m, lessons[l]);
		x->completion = 1;
	}
	uuid_generate(reg);
	t += 3000 + rnd(10000);
	x = add(e, t, who, "attempted");
	snprintf(x->object, sizeof x->object, "urn:hocso:%s:quiz:quiz.gift", m);
	memcpy(x->reg, reg, sizeof reg);
	for (i = 0; i < BANK; i++)
		order[i] = i;
	for (i = BANK - 1; i > 0; i--) {
		j = (int)rnd((unsigned)i + 1);
		k = order[i];
		order[i] = order[j];
		order[j] = k;
	}
	for (q = 0; q < QUESTIONS; q++) {
		t += 10000 + rnd(50000);
		x = add(e, t, who, "answered");
		snprintf(x->object, sizeof x->object, "urn:hocso:%s:question:"
		    "cau-%02d", m, order[q] + 1);
		memcpy(x->reg, reg, sizeof reg);
		right = rnd(100) < 72;
		if (order[q] % 5 == 4) {	/* multiple answers */
			snprintf(x->response, sizeof x->response, right ?
			    "0[,]2" : "%u[,]%u", rnd(2), 2 + rnd(2));
			x->score = right ? 1 : rnd(2) * 0.5;
		} else {
			snprintf(x->response, sizeof x->response, "%u",
			    right ? (unsigned)order[q] % 4 : rnd(4));
			x->score = right;
		}
		x->has_score = 1;
		x->success = x->score >= 1.0;
		sum += x->score;
	}
	t += 2000 + rnd(3000);
	x = add(e, t, who, sum / QUESTIONS >= 0.8 ? "passed" : "failed");
	snprintf(x->object, sizeof x->object, "urn:hocso:%s:quiz", m);
	memcpy(x->reg, reg, sizeof reg);
	x->has_score = 1;
	x->score = sum / QUESTIONS;
	x->success = sum / QUESTIONS >= 0.8;
	x->completion = 1;
}

static void
insert(struct store *s, const struct evs *e, char (*learners)[UUID_LEN + 1])
{
	static const char sql[] =
	    "INSERT INTO events (uuid, ts, actor, verb, object, registration,"
	    " response, score, success, completion, duration_ms, lang)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 'vi')";
	struct hs_error err;
	sqlite3_stmt *st;
	char id[UUID_LEN + 1], ts[32];
	const struct ev *x;
	int i;

	if (store_begin(s, &err) != 0)
		exit(1);
	for (i = 0; i < e->n; i++) {
		x = &e->v[i];
		if ((st = store_prepare(s, sql, &err)) == NULL)
			exit(1);
		uuid_generate(id);
		util_iso8601(x->ms, ts, sizeof ts);
		sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, ts, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, learners[x->learner], -1,
		    SQLITE_STATIC);
		sqlite3_bind_text(st, 4, x->verb, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, x->object, -1, SQLITE_STATIC);
		if (x->reg[0] != '\0')
			sqlite3_bind_text(st, 6, x->reg, -1, SQLITE_STATIC);
		if (x->response[0] != '\0')
			sqlite3_bind_text(st, 7, x->response, -1,
			    SQLITE_STATIC);
		if (x->has_score)
			sqlite3_bind_double(st, 8, x->score);
		if (x->success >= 0)
			sqlite3_bind_int(st, 9, x->success);
		if (x->completion >= 0)
			sqlite3_bind_int(st, 10, x->completion);
		if (store_step_done(s, st, &err) != 0)
			exit(1);
	}
	if (store_commit(s, &err) != 0)
		exit(1);
}

/* Writes every event as an xAPI statement, one a line. */
static long long
statements(struct store *s, const char *path, const char *home)
{
	static const char sql[] = "SELECT seq, uuid, ts, actor, verb, object,"
	    " registration, response, score, success, completion, lang"
	    " FROM events ORDER BY seq";
	struct statement_event e;
	struct hs_error err;
	sqlite3_stmt *st;
	long long n = 0;
	char *text;
	FILE *f;

	if ((f = fopen(path, "w")) == NULL ||
	    (st = store_prepare(s, sql, &err)) == NULL)
		exit(1);
	while (sqlite3_step(st) == SQLITE_ROW) {
		memset(&e, 0, sizeof e);
		e.seq = sqlite3_column_int64(st, 0);
		e.uuid = (const char *)sqlite3_column_text(st, 1);
		e.ts = (const char *)sqlite3_column_text(st, 2);
		e.ev.actor = (const char *)sqlite3_column_text(st, 3);
		e.ev.verb = (const char *)sqlite3_column_text(st, 4);
		e.ev.object = (const char *)sqlite3_column_text(st, 5);
		e.ev.registration = (const char *)sqlite3_column_text(st, 6);
		e.ev.response = (const char *)sqlite3_column_text(st, 7);
		e.ev.has_score = sqlite3_column_type(st, 8) != SQLITE_NULL;
		e.ev.score = sqlite3_column_double(st, 8);
		e.ev.success = sqlite3_column_type(st, 9) == SQLITE_NULL ? -1 :
		    sqlite3_column_int(st, 9);
		e.ev.completion = sqlite3_column_type(st, 10) == SQLITE_NULL ?
		    -1 : sqlite3_column_int(st, 10);
		e.ev.duration_ms = -1;
		e.ev.lang = (const char *)sqlite3_column_text(st, 11);
		text = statement_text(&e, home, NULL);
		fprintf(f, "%s\n", text);
		free(text);
		n++;
	}
	sqlite3_reset(st);
	if (fclose(f) != 0)
		exit(1);
	return n;
}

int
main(int argc, char **argv)
{
	struct bundle_source src;
	struct keys_secret key;
	struct hs_error err;
	struct store *s;
	struct evs e = { 0 };
	struct dirent *d;
	struct stat st;
	char (*learners)[UUID_LEN + 1], path[4096], dev[40], home[512];
	long long t0, bytes = 0, n;
	int nlearners, i, c, bundles = 0;
	DIR *dir;

	if (argc != 4 || (nlearners = atoi(argv[1])) < 1) {
		fprintf(stderr, "usage: bundlesize LEARNERS SEED WORKDIR\n");
		return 2;
	}
	rng = strtoull(argv[2], NULL, 10) * 2654435761u + 88172645463325252ull;
	snprintf(path, sizeof path, "%s/hocso.db", argv[3]);
	if (store_open(path, &s, &err) != 0 ||
	    store_meta_get(s, "device_id", dev, sizeof dev, &err) != 0)
		goto fail;
	snprintf(path, sizeof path, "%s/device", argv[3]);
	if (keys_generate(path, "bench", &err) != 0)
		goto fail;
	snprintf(path, sizeof path, "%s/device.key", argv[3]);
	if (keys_read_secret(path, &key, &err) != 0)
		goto fail;
	learners = xcalloc(nlearners, sizeof *learners);
	for (i = 0; i < nlearners; i++)
		uuid_generate(learners[i]);

	/* A class of 40 at a time, one module each, from 7:30 on 1 December
	 * 2026 in Viet Nam (00:30 UTC). */
	t0 = 1796085000000LL;
	for (c = 0; c * CLASS < nlearners; c++) {
		e.n = 0;
		for (i = c * CLASS; i < nlearners && i < (c + 1) * CLASS; i++)
			learner_module(&e, i, modules[c % 4], t0 + rnd(90000));
		qsort(e.v, e.n, sizeof *e.v, by_time);
		insert(s, &e, learners);
		t0 += 50LL * 60000;
	}

	statement_homepage(NULL, "79-001", dev, home, sizeof home);
	src.device = dev;
	src.school = "79-001";
	src.homepage = home;
	src.key = &key;
	snprintf(path, sizeof path, "%s/bundles", argv[3]);
	if (util_mkdir_p(path, &err) != 0 ||
	    bundle_write(s, &src, path, 0, 0, 0, 0, NULL, NULL, &err) != 0)
		goto fail;
	if ((dir = opendir(path)) == NULL)
		return 1;
	while ((d = readdir(dir)) != NULL) {
		char file[8192];

		if (d->d_name[0] == '.')
			continue;
		snprintf(file, sizeof file, "%s/%s", path, d->d_name);
		if (stat(file, &st) == 0) {
			bytes += st.st_size;
			bundles++;
		}
	}
	closedir(dir);
	snprintf(path, sizeof path, "%s/statements.jsonl", argv[3]);
	n = statements(s, path, home);
	printf("events %lld\nbundles %d\nbundle_bytes %lld\n", n, bundles,
	    bytes);
	store_close(s);
	free(learners);
	free(e.v);
	return 0;
fail:
	fprintf(stderr, "bundlesize: %s\n", err.msg);
	return 1;
}

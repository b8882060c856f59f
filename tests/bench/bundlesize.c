/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bundlesize.c: the bytes a school's quiz activity takes on the wire.
 *
 *   bundlesize LEARNERS SEED WORKDIR
 *
 * Simulates a school lab: classes of 40 learners at once, each reading
 * the three lessons of a module screen by screen (with the practice
 * questions inside them) and then taking its quiz of 10, at a human pace
 * (seconds to a minute a screen or a question).  The events are written
 * into a fresh store exactly as learn/model/progress.c shapes them, in the
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
#include "sync/devstore.h"
#include "sync/statement.h"
#include "tests/bench/activity.h"

static void
insert(struct store *s, const struct activity *e,
    char (*learners)[UUID_LEN + 1])
{
	static const char sql[] =
	    "INSERT INTO events (uuid, ts, actor, verb, object, registration,"
	    " response, score, success, completion, duration_ms, lang)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 'vi')";
	struct hs_error err;
	sqlite3_stmt *st;
	char id[UUID_LEN + 1], ts[32];
	const struct activity_event *x;
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
	struct activity e = { 0 };
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
	activity_seed(strtoull(argv[2], NULL, 10) * 2654435761u +
	    88172645463325252ull);
	snprintf(path, sizeof path, "%s/hocso.db", argv[3]);
	if (devstore_open(path, &s, &err) != 0 ||
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
			activity_learner_module(&e, i,
			    activity_modules[c % ACTIVITY_MODULES],
			    t0 + activity_rnd(90000));
		qsort(e.v, e.n, sizeof *e.v, activity_by_time);
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

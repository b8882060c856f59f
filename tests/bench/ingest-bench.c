/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ingest-bench.c: how fast hocso-server stores what the schools send,
 * beside a plain bulk insert of the same rows into SQLite.
 *
 *   ingest-bench [--devices N] [--events N] [--dir DIR] [--plain]
 *                [--no-baseline]
 *
 * First, not timed: a server in DIR/server, and N devices (default
 * 1000), each with a key pair of its own, enrolled with a token of its
 * school (ten devices a school), and N events of quiz activity (default
 * 1000; a class reading a module's lessons with their practice questions
 * and taking its quiz, as tests/bench/bundlesize.c makes them), packed
 * into signed bundles of at most BUNDLE_EVENTS events as hocso sync
 * packs them, held in memory.
 *
 * Timed: server_ingest() of every bundle, as the HTTP front calls it
 * (each checked, stored in one transaction, its receipt signed).
 *
 * Then the baseline, timed the same way: the rows the server stored in
 * its events table, read back beforehand, inserted into a fresh SQLite
 * file in DIR with the same table and indexes (their SQL taken from the
 * server's store), the same journal mode and synchronous setting, one
 * transaction per bundle's rows, one prepared statement.
 *
 * --plain: the server stores the events without their rollups
 * (server/rollup.h), the figure the rollups' cost is measured against
 * (tests/bench/report); --no-baseline: no bulk insert (which holds every
 * row in memory), the server's store kept in DIR/server.
 *
 * Prints the counts, both rates, their ratio (target: at least 0.5) and
 * the peak resident memory.  tests/bench/ingest runs it.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>
#include <sqlite3.h>

#include "core/clock.h"
#include "core/util.h"
#include "core/uuid.h"
#include "core/keys.h"
#include "server/server.h"
#include "server/srvstore.h"
#include "sync/bundle.h"
#include "sync/statement.h"
#include "tests/bench/activity.h"

/* What the server's store sets on its connection (srvstore-sqlite.c);
 * the baseline sets the same. */
#define BASE_JOURNAL "wal"
#define BASE_SYNCHRONOUS "full"

#define SCHOOL_DEVICES 10
#define MODULE_EVENTS 36	/* one learner, one module */

/* A bundle, ready to send. */
struct blob {
	unsigned char *data;
	size_t len;
	char sha256[65];
	int events;
};

/* Every device's id and key, for checking bundles apart from the server. */
struct device {
	char id[UUID_LEN + 1];
	struct keys_public pub;
};

static struct device *devs;
static int ndevs;

static void
die(const char *what, const struct hs_error *err)
{
	fprintf(stderr, "ingest-bench: %s: %s\n", what,
	    err != NULL ? err->msg : "failed");
	exit(1);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The CPU time (user and system) this process has used, in seconds:
 * on a machine others share, a steadier measure than the wall clock. */
static double
cpu_now(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	    ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

static long
peak_rss_kb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* A device's nevents events: its class (up to 40 learners) takes one
 * module a session, 50 minutes apart, until there are enough. */
static void
device_events(struct activity *e, int nevents, int device)
{
	long long t0 = 1796085000000LL;		/* 1 December 2026, 7:30 */
	int learners, i, session, start;

	learners = (nevents + MODULE_EVENTS - 1) / MODULE_EVENTS;
	if (learners > CLASS)
		learners = CLASS;
	if (learners < 1)
		learners = 1;
	e->n = 0;
	for (session = 0; e->n < nevents; session++) {
		start = e->n;
		for (i = 0; i < learners; i++)
			activity_learner_module(e, i, activity_modules[(device +
			    session) % ACTIVITY_MODULES], t0 + activity_rnd(90000));
		qsort(e->v + start, e->n - start, sizeof *e->v,
		    activity_by_time);
		t0 += 50LL * 60000;
	}
	e->n = nevents;
}

/* Makes, enrols and packs one device: its bundles are appended to b. */
static void
make_device(struct server *s, const char *dir, int index, int nevents,
    struct blob **b, int *nb, int *capb)
{
	struct keys_secret sec;
	struct keys_public pub;
	struct bundle_source src;
	struct statement_event *se;
	struct hs_error err;
	struct activity e = { 0 };
	char dev[UUID_LEN + 1], school[16], token[128], b64[KEYS_B64_MAX];
	char home[512], path[4096], (*learners)[UUID_LEN + 1];
	char (*ids)[UUID_LEN + 1], (*ts)[32];
	char *answer = NULL;
	long long number = 0, after = 0;
	int i, n, first;

	snprintf(school, sizeof school, "79-%03d", index / SCHOOL_DEVICES + 1);
	crypto_sign_keypair(pub.pk, sec.sk);
	statement_device_id(pub.pk, dev);
	memcpy(devs[index].id, dev, sizeof dev);
	snprintf(pub.name, sizeof pub.name, "device");
	snprintf(sec.name, sizeof sec.name, "device");
	keys_public_b64(&pub, b64);
	devs[index].pub = pub;
	ndevs = index + 1;
	if (server_token_new(s, school, 30, token, sizeof token, &err) != 0)
		die("server_token_new", &err);
	{
		char now[32], sig[KEYS_B64_MAX], *msg;

		util_iso8601(clock_now_ms(), now, sizeof now);
		msg = statement_enrol_message(token, school, dev, now);
		keys_sign(&sec, msg, strlen(msg), sig);
		free(msg);
		if (server_enroll(s, token, school, dev, b64, now, sig, &answer,
		    &err) != SERVER_OK)
			die("server_enroll", &err);
	}
	free(answer);

	device_events(&e, nevents, index);
	learners = xcalloc(CLASS, sizeof *learners);
	for (i = 0; i < CLASS; i++)
		uuid_generate(learners[i]);
	se = xcalloc(nevents > 0 ? nevents : 1, sizeof *se);
	ids = xcalloc(nevents > 0 ? nevents : 1, sizeof *ids);
	ts = xcalloc(nevents > 0 ? nevents : 1, sizeof *ts);
	for (i = 0; i < nevents; i++) {
		struct activity_event *x = &e.v[i];

		uuid_generate(ids[i]);
		util_iso8601(x->ms, ts[i], sizeof ts[i]);
		se[i].seq = i + 1;
		se[i].uuid = ids[i];
		se[i].ts = ts[i];
		se[i].ev.actor = learners[x->learner];
		se[i].ev.verb = x->verb;
		se[i].ev.object = x->object;
		se[i].ev.registration = x->reg[0] != '\0' ? x->reg : NULL;
		se[i].ev.response = x->response[0] != '\0' ? x->response :
		    NULL;
		se[i].ev.lang = "vi";
		se[i].ev.has_score = x->has_score;
		se[i].ev.score = x->score;
		se[i].ev.success = x->success;
		se[i].ev.completion = x->completion;
		se[i].ev.duration_ms = -1;
	}

	statement_homepage(NULL, school, dev, home, sizeof home);
	src.device = dev;
	src.school = school;
	src.homepage = home;
	src.key = &sec;
	snprintf(path, sizeof path, "%s/bundle.hsb", dir);
	for (first = 0; first < nevents; first += n) {
		struct blob *x;

		n = nevents - first < BUNDLE_EVENTS ? nevents - first :
		    BUNDLE_EVENTS;
		if (*nb == *capb) {
			*capb = *capb != 0 ? *capb * 2 : 1024;
			*b = xrealloc(*b, *capb * sizeof **b);
		}
		x = &(*b)[*nb];
		if (bundle_write_events(&src, ++number, after, se + first, n,
		    path, x->sha256, &err) != 0)
			die("bundle_write_events", &err);
		if ((x->data = (unsigned char *)util_read_file(path,
		    BUNDLE_MAX_FILE, &x->len, &err)) == NULL)
			die("reading a bundle", &err);
		unlink(path);
		x->events = n;
		after = se[first + n - 1].seq;
		(*nb)++;
	}
	free(se);
	free(ids);
	free(ts);
	free(learners);
	free(e.v);
}

static int
key_of(const char *device, struct keys_public *key, void *ctx)
{
	int i;

	(void)ctx;
	for (i = 0; i < ndevs; i++)
		if (strcmp(devs[i].id, device) == 0) {
			*key = devs[i].pub;
			return 0;
		}
	return HS_ENOTFOUND;
}

/* The seconds bundle_read_mem() takes to check and decode every bundle
 * (what server_ingest() does before it stores anything). */
static double
check_only(const struct blob *b, int nb)
{
	struct bundle x;
	struct hs_error err;
	double t0 = now();
	int i;

	for (i = 0; i < nb; i++) {
		if (bundle_read_mem(b[i].data, b[i].len, key_of, NULL, NULL, 0,
		    &x, &err) != 0)
			die("bundle_read_mem", &err);
		bundle_free(&x);
	}
	return now() - t0;
}

/* The server's rows, read back for the baseline: each column as a type
 * byte and its value, one row after the other. */
struct rows {
	unsigned char *buf;
	size_t len, cap;
	long long n;
	int columns;
};

static void
rows_put(struct rows *r, const void *p, size_t n)
{
	if (r->len + n > r->cap) {
		r->cap = (r->len + n) * 2;
		r->buf = xrealloc(r->buf, r->cap);
	}
	memcpy(r->buf + r->len, p, n);
	r->len += n;
}

static void
sql_die(sqlite3 *db, const char *what)
{
	fprintf(stderr, "ingest-bench: %s: %s\n", what, sqlite3_errmsg(db));
	exit(1);
}

static void
exec(sqlite3 *db, const char *sql)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		sql_die(db, sql);
}

/* Reads the events table of the server's store into r, and its SQL (the
 * table's and its indexes') into schema. */
static void
read_server(const char *path, struct rows *r, char **schema)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	size_t slen = 0;
	int i;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK)
		sql_die(db, path);
	if (sqlite3_prepare_v2(db, "SELECT sql FROM sqlite_master WHERE"
	    " tbl_name = 'events' AND sql IS NOT NULL ORDER BY type = 'index',"
	    " rowid", -1, &st, NULL) != SQLITE_OK)
		sql_die(db, "reading the schema");
	*schema = xstrdup("");
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *sql = (const char *)sqlite3_column_text(st, 0);
		size_t n = strlen(sql);

		*schema = xrealloc(*schema, slen + n + 3);
		memcpy(*schema + slen, sql, n);
		memcpy(*schema + slen + n, ";\n", 3);
		slen += n + 2;
	}
	sqlite3_finalize(st);
	if (slen == 0) {
		fprintf(stderr, "ingest-bench: %s has no events table\n",
		    path);
		exit(1);
	}
	if (sqlite3_prepare_v2(db, "SELECT * FROM events ORDER BY rowid",
	    -1, &st, NULL) != SQLITE_OK)
		sql_die(db, "reading the events");
	r->columns = sqlite3_column_count(st);
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (i = 0; i < r->columns; i++) {
			unsigned char t = (unsigned char)
			    sqlite3_column_type(st, i);
			long long v;
			double d;
			uint32_t n;

			rows_put(r, &t, 1);
			switch (t) {
			case SQLITE_INTEGER:
				v = sqlite3_column_int64(st, i);
				rows_put(r, &v, sizeof v);
				break;
			case SQLITE_FLOAT:
				d = sqlite3_column_double(st, i);
				rows_put(r, &d, sizeof d);
				break;
			case SQLITE_TEXT:
			case SQLITE_BLOB:
				n = (uint32_t)sqlite3_column_bytes(st, i);
				rows_put(r, &n, sizeof n);
				rows_put(r, t == SQLITE_TEXT ?
				    (const void *)sqlite3_column_text(st, i) :
				    sqlite3_column_blob(st, i), n);
				break;
			default:
				break;
			}
		}
		r->n++;
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
}

/* The baseline: r's rows into a fresh file at path with the schema, one
 * transaction per bundle's worth.  Returns the seconds it took. */
static double
bulk_insert(const char *path, const char *schema, const struct rows *r,
    const struct blob *b, int nb)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	char *sql;
	const unsigned char *p = r->buf;
	double t0, secs;
	size_t n;
	int i, j, k;

	unlink(path);
	if (sqlite3_open(path, &db) != SQLITE_OK)
		sql_die(db, path);
	exec(db, "PRAGMA journal_mode = " BASE_JOURNAL);
	exec(db, "PRAGMA synchronous = " BASE_SYNCHRONOUS);
	exec(db, schema);
	n = strlen("INSERT INTO events VALUES ()") + 2 * (size_t)r->columns;
	sql = xmalloc(n + 1);
	strcpy(sql, "INSERT INTO events VALUES (");
	for (i = 0; i < r->columns; i++)
		strcat(sql, i == 0 ? "?" : ",?");
	strcat(sql, ")");
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		sql_die(db, sql);
	free(sql);

	t0 = now();
	for (k = 0; k < nb; k++) {
		exec(db, "BEGIN");
		for (j = 0; j < b[k].events; j++) {
			for (i = 0; i < r->columns; i++) {
				unsigned char t = *p++;
				long long v;
				double d;
				uint32_t len;

				switch (t) {
				case SQLITE_INTEGER:
					memcpy(&v, p, sizeof v);
					p += sizeof v;
					sqlite3_bind_int64(st, i + 1, v);
					break;
				case SQLITE_FLOAT:
					memcpy(&d, p, sizeof d);
					p += sizeof d;
					sqlite3_bind_double(st, i + 1, d);
					break;
				case SQLITE_TEXT:
				case SQLITE_BLOB:
					memcpy(&len, p, sizeof len);
					p += sizeof len;
					if (t == SQLITE_TEXT)
						sqlite3_bind_text(st, i + 1,
						    (const char *)p, (int)len,
						    SQLITE_STATIC);
					else
						sqlite3_bind_blob(st, i + 1, p,
						    (int)len, SQLITE_STATIC);
					p += len;
					break;
				default:
					sqlite3_bind_null(st, i + 1);
					break;
				}
			}
			if (sqlite3_step(st) != SQLITE_DONE)
				sql_die(db, "inserting");
			sqlite3_reset(st);
		}
		exec(db, "COMMIT");
	}
	secs = now() - t0;
	sqlite3_finalize(st);
	if (sqlite3_close(db) != SQLITE_OK)
		sql_die(db, "closing");
	return secs;
}

static void
usage(void)
{
	fprintf(stderr, "usage: ingest-bench [--devices N] [--events N]"
	    " [--dir DIR] [--plain] [--no-baseline]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	struct server *s;
	struct hs_error err;
	struct blob *b = NULL;
	struct rows r = { 0 };
	const char *dir = ".";
	char path[4096], *receipt, *schema;
	size_t rlen;
	long long bytes = 0, events = 0;
	double t0, cpu0, cpu, ingest, bulk, check, ingest_rate, bulk_rate;
	long rss_ingest;
	int devices = 1000, per = 1000, nb = 0, capb = 0, i, plain = 0;
	int baseline = 1;
	enum server_status rc;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--plain") == 0) {
			plain = 1;
			continue;
		}
		if (strcmp(argv[i], "--no-baseline") == 0) {
			baseline = 0;
			continue;
		}
		if (i + 1 >= argc)
			usage();
		if (strcmp(argv[i], "--devices") == 0)
			devices = atoi(argv[++i]);
		else if (strcmp(argv[i], "--events") == 0)
			per = atoi(argv[++i]);
		else if (strcmp(argv[i], "--dir") == 0)
			dir = argv[++i];
		else
			usage();
	}
	if (devices < 1 || per < 1)
		usage();
	if (sodium_init() < 0)
		die("libsodium", NULL);

	snprintf(path, sizeof path, "%s/server", dir);
	if (server_init(path, &err) != 0 || server_open(path, &s, &err) != 0)
		die("server_open", &err);
	fprintf(stderr, "ingest-bench: making %d devices' bundles...\n",
	    devices);
	devs = xcalloc(devices, sizeof *devs);
	for (i = 0; i < devices; i++)
		make_device(s, dir, i, per, &b, &nb, &capb);
	for (i = 0; i < nb; i++) {
		bytes += (long long)b[i].len;
		events += b[i].events;
	}

	srvstore_rollups_plain(server_store(s), plain);
	check = check_only(b, nb);
	fprintf(stderr, "ingest-bench: ingesting %d bundles...\n", nb);
	cpu0 = cpu_now();
	t0 = now();
	for (i = 0; i < nb; i++) {
		rc = server_ingest(s, b[i].data, b[i].len, b[i].sha256,
		    &receipt, &rlen, &err);
		if (rc != SERVER_OK) {
			fprintf(stderr, "ingest-bench: bundle %d: %d: %s\n",
			    i + 1, (int)rc, err.msg);
			return 1;
		}
		free(receipt);
	}
	ingest = now() - t0;
	cpu = cpu_now() - cpu0;
	rss_ingest = peak_rss_kb();
	server_close(s);
	for (i = 0; i < nb; i++)
		free(b[i].data);
	if (!baseline) {
		printf("events                 %12lld\n", events);
		printf("server_ingest%s %12.0f events/s  (%.2f s; %.2f s of"
		    " CPU: %.0f events per CPU second)\n", plain ? " (plain)" :
		    "        ", (double)events / ingest, ingest, cpu,
		    (double)events / cpu);
		printf("peak RSS               %12ld KiB\n", rss_ingest);
		free(b);
		free(devs);
		return 0;
	}

	fprintf(stderr, "ingest-bench: bulk insert of the same rows...\n");
	snprintf(path, sizeof path, "%s/server/server.db", dir);
	read_server(path, &r, &schema);
	if (r.n != events) {
		fprintf(stderr, "ingest-bench: the server stored %lld events"
		    " of %lld\n", r.n, events);
		return 1;
	}
	snprintf(path, sizeof path, "%s/bulk.db", dir);
	bulk = bulk_insert(path, schema, &r, b, nb);

	ingest_rate = (double)events / ingest;
	bulk_rate = (double)events / bulk;
	printf("devices                %12d\n", devices);
	printf("events                 %12lld\n", events);
	printf("bundles                %12d\n", nb);
	printf("bundle bytes           %12lld  (%.1f bytes/event)\n", bytes,
	    (double)bytes / (double)events);
	printf("server_ingest          %12.0f events/s  (%.2f s)\n",
	    ingest_rate, ingest);
	printf("  of which checking    %12.0f events/s  (%.2f s: bundle_read_mem"
	    " alone)\n", (double)events / check, check);
	printf("SQLite bulk insert     %12.0f events/s  (%.2f s)\n",
	    bulk_rate, bulk);
	printf("ratio                  %12.2f  (target: at least 0.5: %s)\n",
	    ingest_rate / bulk_rate, ingest_rate / bulk_rate >= 0.5 ?
	    "met" : "NOT met");
	printf("peak RSS               %12ld KiB  through ingest (%ld KiB with"
	    " the baseline's rows in memory)\n", rss_ingest, peak_rss_kb());
	free(b);
	free(devs);
	free(r.buf);
	free(schema);
	return 0;
}

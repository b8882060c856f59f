/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check_server.c: the province server's work (server/server.h) on a
 * real SQLite store in a fresh folder: enrolment with one-time tokens;
 * bundles in, signed receipts out, the same bundle twice, overlaps,
 * gaps, damage, strangers, revoked devices, forgeries and conflicts,
 * each leaving the store as it was; statements out byte for byte as the
 * device builds them; the report's figures; publishing modules and
 * alerts.
 */
#include "config.h"

#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "core/clock.h"
#include "core/util.h"
#include "core/uuid.h"
#include "lessons/pack.h"
#include "server/report.h"
#include "server/rollup.h"
#include "server/server.h"
#include "server/srvstore.h"
#include "sync/bundle.h"
#include "sync/receipt.h"
#include "sync/statement.h"
#include "tests/testutil.h"

#define SCHOOL "T01"
#define HOME "https://hocso.invalid/school/T01"

static char dir[4096], sdir[4200];
static struct server *srv;

struct dev {
	char id[40];
	struct keys_secret key;
	struct keys_public pub;
	char b64[KEYS_B64_MAX];
};

static void
setup(void)
{
	struct hs_error err;

	snprintf(dir, sizeof dir, "%s", test_tmpdir());
	snprintf(sdir, sizeof sdir, "%s/server", dir);
	ck_assert_int_eq(server_init(sdir, &err), 0);
	ck_assert_int_eq(server_open(sdir, &srv, &err), 0);
}

static void
teardown(void)
{
	server_close(srv);
	test_rmtree(dir);
}

static void
make_dev(struct dev *d, const char *name)
{
	struct hs_error err;
	char base[4300], path[4400];

	snprintf(base, sizeof base, "%s/%s", dir, name);
	ck_assert_int_eq(keys_generate(base, name, &err), 0);
	snprintf(path, sizeof path, "%s.key", base);
	ck_assert_int_eq(keys_read_secret(path, &d->key, &err), 0);
	keys_public_of(&d->key, &d->pub);
	keys_public_b64(&d->pub, d->b64);
	statement_device_id(d->pub.pk, d->id);
}

/* server_enroll() with a request signed by signer's key, made at the
 * time ms (0: now). */
static enum server_status
enrol_at(const struct dev *signer, long long ms, const char *token,
    const char *school, const char *device, const char *b64, char **answer,
    struct hs_error *err)
{
	char now[32], sig[KEYS_B64_MAX], *msg;

	util_iso8601(ms != 0 ? ms : clock_now_ms(), now, sizeof now);
	msg = statement_enrol_message(token, school, device, now);
	keys_sign(&signer->key, msg, strlen(msg), sig);
	free(msg);
	return server_enroll(srv, token, school, device, b64, now, sig, answer,
	    err);
}

#define enrol_by(signer, ...) enrol_at(signer, 0, __VA_ARGS__)

static void
enroll(struct dev *d)
{
	struct hs_error err;
	char token[64], *answer;

	ck_assert_int_eq(server_token_new(srv, SCHOOL, 30, token, sizeof token,
	    &err), 0);
	ck_assert_int_eq(enrol_by(d, token, SCHOOL, d->id, d->b64,
	    &answer, &err), SERVER_OK);
	free(answer);
}

/* Synthetic events: n of them from seq first, learners alternating. */
struct evset {
	struct statement_event e[32];
	char uuid[32][40], ts[32][32];
	int n;
};

static char learner[2][40];

static void
make_events(struct evset *s, long long first, int n)
{
	static const char *verbs[] = { "experienced", "completed", "passed",
	    "failed", "answered" };
	static const char *objects[] = { "urn:hocso:m1:lesson:01:screen:1",
	    "urn:hocso:m1:lesson:01", "urn:hocso:m1:quiz", "urn:hocso:m1:quiz",
	    "urn:hocso:m1:question:q1" };
	struct statement_event *e;
	int i, k;

	if (learner[0][0] == '\0') {
		uuid_generate(learner[0]);
		uuid_generate(learner[1]);
	}
	memset(s, 0, sizeof *s);
	s->n = n;
	for (i = 0; i < n; i++) {
		e = &s->e[i];
		k = (int)((first + i) % 5);
		uuid_generate(s->uuid[i]);
		snprintf(s->ts[i], sizeof s->ts[i],
		    "2026-11-28T10:%02d:%02d.123Z", (int)(first + i) / 60,
		    (int)(first + i) % 60);
		e->seq = first + i;
		e->uuid = s->uuid[i];
		e->ts = s->ts[i];
		e->ev.actor = learner[(first + i) % 2];
		e->ev.verb = verbs[k];
		e->ev.object = objects[k];
		e->ev.lang = "vi";
		e->ev.success = -1;
		e->ev.completion = -1;
		e->ev.duration_ms = -1;
		if (k == 2 || k == 3) {
			e->ev.has_score = 1;
			e->ev.score = k == 2 ? 0.8 : 0.4;
			e->ev.success = k == 2;
			e->ev.completion = 1;
		}
		if (k == 4)
			e->ev.response = "câu trả lời";
	}
}

/* The bytes of a bundle of s's events e[from..to) by d, claiming to be
 * from device as: a new buffer. */
static char *
make_bundle(const struct dev *d, const char *as, long long number,
    long long after, const struct statement_event *e, int n, size_t *len)
{
	struct bundle_source src = { as, SCHOOL, HOME, &d->key };
	struct hs_error err;
	char path[4400], *data;

	snprintf(path, sizeof path, "%s/b.hsb", dir);
	ck_assert_int_eq(bundle_write_events(&src, number, after, e, n, path,
	    NULL, &err), 0);
	data = util_read_file(path, BUNDLE_MAX_FILE, len, &err);
	ck_assert_ptr_nonnull(data);
	unlink(path);
	return data;
}

static long long
count(const char *table)
{
	char path[4400], sql[128];
	sqlite3 *db;
	sqlite3_stmt *st;
	long long n;

	snprintf(path, sizeof path, "%s/server.db", sdir);
	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
	ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL),
	    SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

static void
sql_run(const char *sql)
{
	char path[4400];
	sqlite3 *db;

	snprintf(path, sizeof path, "%s/server.db", sdir);
	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

/* Given a device enrolled, when it ingests, then... */
static enum server_status
ingest(const char *data, size_t len, struct receipt *r, char **text,
    size_t *tlen)
{
	struct hs_error err;
	enum server_status st;
	char *rt;
	size_t rlen;

	st = server_ingest(srv, data, len, NULL, &rt, &rlen, &err);
	if (st == SERVER_OK) {
		ck_assert_int_eq(receipt_parse(rt, rlen, r, &err), 0);
		if (text != NULL) {
			*text = rt;
			*tlen = rlen;
		} else
			free(rt);
	} else
		ck_assert_ptr_null(rt);
	return st;
}

/*
 * Enrolment.
 */

START_TEST(test_enroll_with_a_token)
{
	struct hs_error err;
	struct dev d, e;
	char token[64], low[64], key[KEYS_B64_MAX], *answer;
	json_t *j;
	int i;

	make_dev(&d, "d");
	make_dev(&e, "e");
	ck_assert_int_eq(server_token_new(srv, SCHOOL, 30, token, sizeof token,
	    &err), 0);
	ck_assert_int_ge(strlen(token), 26);
	ck_assert_ptr_nonnull(strchr(token, '-'));
	/* Typed in lower case: the same token. */
	for (i = 0; token[i] != '\0'; i++)
		low[i] = (char)(token[i] >= 'A' && token[i] <= 'Z' ?
		    token[i] + 32 : token[i]);
	low[i] = '\0';
	ck_assert_int_eq(enrol_by(&d, low, "T02", d.id, d.b64, &answer,
	    &err), SERVER_FORBIDDEN);
	ck_assert_int_eq(enrol_by(&d, low, SCHOOL, d.id, d.b64, &answer,
	    &err), SERVER_OK);
	j = json_loads(answer, 0, NULL);
	ck_assert_ptr_nonnull(j);
	keys_public_b64(server_public_key(srv), key);
	ck_assert_str_eq(json_string_value(json_object_get(j, "server_key")),
	    key);
	ck_assert_str_eq(json_string_value(json_object_get(j, "school")),
	    SCHOOL);
	ck_assert_str_eq(json_string_value(json_object_get(j, "device")), d.id);
	json_decref(j);
	free(answer);
	/* The same device asking again with the same token: its answer was
	 * lost; another device with it: refused. */
	ck_assert_int_eq(enrol_by(&d, token, SCHOOL, d.id, d.b64,
	    &answer, &err), SERVER_OK);
	free(answer);
	ck_assert_int_eq(enrol_by(&e, token, SCHOOL, e.id, e.b64,
	    &answer, &err), SERVER_FORBIDDEN);
	ck_assert_ptr_null(answer);
	ck_assert_int_eq(enrol_by(&e, "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-23",
	    SCHOOL, e.id, e.b64, &answer, &err), SERVER_FORBIDDEN);
	ck_assert_int_eq(enrol_by(&e, "not a token!", SCHOOL, e.id,
	    e.b64, &answer, &err), SERVER_FORBIDDEN);
	ck_assert_int_eq(enrol_by(&e, token, SCHOOL, "nope", e.b64,
	    &answer, &err), SERVER_BAD);
	ck_assert_int_eq(enrol_by(&e, token, SCHOOL, e.id, "AAAA",
	    &answer, &err), SERVER_BAD);
	ck_assert_int_eq(count("devices"), 1);

	/* A new token: the same device and key again is fine; another key
	 * for the same device id is a conflict. */
	ck_assert_int_eq(server_token_new(srv, SCHOOL, 30, token, sizeof token,
	    &err), 0);
	/* (Since ids are derived from keys, d's id with e's key is not a
	 * conflict but an id that key does not give.) */
	ck_assert_int_eq(enrol_by(&e, token, SCHOOL, d.id, e.b64,
	    &answer, &err), SERVER_FORBIDDEN);
	ck_assert_ptr_nonnull(strstr(err.msg, "is not the one its key gives"));
	ck_assert_int_eq(enrol_by(&d, token, SCHOOL, d.id, d.b64,
	    &answer, &err), SERVER_OK);
	free(answer);

	/* An expired token. */
	ck_assert_int_eq(server_token_new(srv, SCHOOL, 1, token, sizeof token,
	    &err), 0);
	sql_run("UPDATE tokens SET expires = '2020-01-01T00:00:00.000Z'"
	    " WHERE used_at IS NULL");
	ck_assert_int_eq(enrol_by(&e, token, SCHOOL, e.id, e.b64,
	    &answer, &err), SERVER_FORBIDDEN);
	ck_assert_ptr_nonnull(strstr(err.msg, "expired"));
	ck_assert_int_eq(count("devices"), 1);
	ck_assert_int_eq(count("tokens WHERE used_at IS NOT NULL"), 2);
}
END_TEST

/* Issue 14, findings 4 and 5: only the holder of a device's key can
 * enrol it, under the id its key gives. */
START_TEST(test_enrolment_needs_the_device_key)
{
	struct hs_error err;
	struct dev d, e;
	char token[64], t2[64], t3[64], sig[KEYS_B64_MAX], msg[256], *answer;

	make_dev(&d, "d");
	make_dev(&e, "e");
	ck_assert_int_eq(server_token_new(srv, SCHOOL, 30, token, sizeof token,
	    &err), 0);
	ck_assert_int_eq(server_token_new(srv, "T02", 30, t2, sizeof t2,
	    &err), 0);
	/* given d's enrolment request, read on its way by e's holder (an
	 * intercepted .enroll file: its token, d's id and public key) */
	/* when e binds d's id to e's own key with that token: refused, the
	 * token stays unused */
	ck_assert_int_eq(enrol_by(&e, token, SCHOOL, d.id, e.b64, &answer,
	    &err), SERVER_FORBIDDEN);
	ck_assert_ptr_null(answer);
	ck_assert_ptr_nonnull(strstr(err.msg, "is not the one its key gives"));
	/* when e names d's key but cannot sign with it: refused */
	ck_assert_int_eq(enrol_by(&e, token, SCHOOL, d.id, d.b64, &answer,
	    &err), SERVER_FORBIDDEN);
	ck_assert_ptr_nonnull(strstr(err.msg, "not signed by the key it names"));
	/* a request with no signature (an old hocso), or made 8 days ago */
	ck_assert_int_eq(server_enroll(srv, token, SCHOOL, d.id, d.b64, NULL,
	    NULL, &answer, &err), SERVER_BAD);
	ck_assert_int_eq(enrol_at(&d, clock_now_ms() - 8 * 86400000LL, token,
	    SCHOOL, d.id, d.b64, &answer, &err), SERVER_FORBIDDEN);
	ck_assert_ptr_nonnull(strstr(err.msg, "more than 7 days"));
	ck_assert_int_eq(count("devices"), 0);
	ck_assert_int_eq(count("tokens WHERE used_at IS NOT NULL"), 0);
	/* then d's own request still enrols it */
	ck_assert_int_eq(enrol_by(&d, token, SCHOOL, d.id, d.b64, &answer,
	    &err), SERVER_OK);
	free(answer);

	/* Finding 4: a holder of a token of T02 cannot move d into T02
	 * with d's public id and key. */
	ck_assert_int_eq(enrol_by(&e, t2, "T02", d.id, d.b64, &answer,
	    &err), SERVER_FORBIDDEN);
	ck_assert_int_eq(count("devices WHERE school = 'T01'"), 1);
	ck_assert_int_eq(count("tokens WHERE used_at IS NOT NULL"), 1);

	/* Finding 5: a used token says by whom and when */
	ck_assert_int_eq(enrol_by(&e, token, SCHOOL, e.id, e.b64, &answer,
	    &err), SERVER_FORBIDDEN);
	snprintf(msg, sizeof msg, "already used to enrol device %s on ",
	    d.id);
	ck_assert_msg(strstr(err.msg, msg) != NULL, "%s", err.msg);
	ck_assert_ptr_nonnull(strstr(err.msg, "revoke it"));

	/* A device made before ids were derived keeps its random id once
	 * enrolled with its key; a new one cannot enrol with one. */
	sql_run("UPDATE devices SET id = '6ba7b810-9dad-41d1-80b4-00c04fd430c8'");
	ck_assert_int_eq(server_token_new(srv, SCHOOL, 30, t3, sizeof t3,
	    &err), 0);
	ck_assert_int_eq(enrol_by(&d, t3, SCHOOL,
	    "6ba7b810-9dad-41d1-80b4-00c04fd430c8", d.b64, &answer, &err),
	    SERVER_OK);
	free(answer);
	ck_assert_int_eq(enrol_by(&e, t2, "T02",
	    "6ba7b810-9dad-41d1-80b4-00c04fd430c9", e.b64, &answer, &err),
	    SERVER_FORBIDDEN);
	(void)sig;
}
END_TEST

START_TEST(test_token_refuses_bad_input)
{
	struct hs_error err;
	char token[64];

	ck_assert_int_ne(server_token_new(srv, "", 30, token, sizeof token,
	    &err), 0);
	ck_assert_int_ne(server_token_new(srv, "a\nb", 30, token, sizeof token,
	    &err), 0);
	ck_assert_int_ne(server_token_new(srv, SCHOOL, 0, token, sizeof token,
	    &err), 0);
	ck_assert_int_eq(count("tokens"), 0);
}
END_TEST

/*
 * Bundles.
 */

START_TEST(test_ingest_stores_and_signs)
{
	struct dev d;
	struct evset s;
	struct receipt r, r2;
	char *b, *t1, *t2, sha[65];
	size_t len, l1, l2;

	make_dev(&d, "d");
	enroll(&d);
	make_events(&s, 1, 5);
	b = make_bundle(&d, d.id, 1, 0, s.e, 5, &len);
	ck_assert_int_eq(ingest(b, len, &r, &t1, &l1), SERVER_OK);
	ck_assert_int_eq(r.is_signed, 1);
	ck_assert_mem_eq(r.signer.pk, server_public_key(srv)->pk,
	    sizeof r.signer.pk);
	ck_assert_str_eq(r.device, d.id);
	ck_assert_int_eq(r.number, 1);
	ck_assert_int_eq(r.acked_seq, 5);
	ck_assert_int_eq(r.stored, 5);
	bundle_sha256(b, len, sha);
	ck_assert_str_eq(r.sha256, sha);
	ck_assert_int_eq(count("events"), 5);

	/* The same bundle again: the same bytes, nothing new. */
	ck_assert_int_eq(ingest(b, len, &r2, &t2, &l2), SERVER_OK);
	ck_assert_uint_eq(l1, l2);
	ck_assert_mem_eq(t1, t2, l1);
	ck_assert_int_eq(count("events"), 5);
	ck_assert_int_eq(count("bundles"), 1);
	free(t1);
	free(t2);
	free(b);
}
END_TEST

START_TEST(test_ingest_checks_the_name_and_the_bytes)
{
	struct hs_error err;
	struct dev d;
	struct evset s;
	char *b, *rt, sha[65];
	size_t len, rlen;

	make_dev(&d, "d");
	enroll(&d);
	make_events(&s, 1, 3);
	b = make_bundle(&d, d.id, 1, 0, s.e, 3, &len);
	bundle_sha256(b, len, sha);
	sha[0] = sha[0] == '0' ? '1' : '0';
	ck_assert_int_eq(server_ingest(srv, b, len, sha, &rt, &rlen, &err),
	    SERVER_BAD);
	b[len / 2] ^= 0x10;
	ck_assert_int_eq(server_ingest(srv, b, len, NULL, &rt, &rlen, &err),
	    SERVER_BAD);
	ck_assert_int_eq(server_ingest(srv, "junk", 4, NULL, &rt, &rlen, &err),
	    SERVER_BAD);
	ck_assert_int_eq(server_ingest(srv, b, BUNDLE_MAX_FILE + 1, NULL, &rt,
	    &rlen, &err), SERVER_TOO_LARGE);
	b[len / 2] ^= 0x10;
	bundle_sha256(b, len, sha);
	ck_assert_int_eq(server_ingest(srv, b, len, sha, &rt, &rlen, &err),
	    SERVER_OK);
	free(rt);
	free(b);
	ck_assert_int_eq(count("events"), 3);
}
END_TEST

START_TEST(test_overlap_stores_only_new_events)
{
	struct dev d;
	struct evset s;
	struct receipt r;
	char *b;
	size_t len;

	make_dev(&d, "d");
	enroll(&d);
	make_events(&s, 1, 8);
	b = make_bundle(&d, d.id, 1, 0, s.e, 3, &len);
	ck_assert_int_eq(ingest(b, len, &r, NULL, NULL), SERVER_OK);
	free(b);
	/* The outbox packed again from the start. */
	b = make_bundle(&d, d.id, 1, 0, s.e, 6, &len);
	ck_assert_int_eq(ingest(b, len, &r, NULL, NULL), SERVER_OK);
	ck_assert_int_eq(r.stored, 3);
	ck_assert_int_eq(r.acked_seq, 6);
	free(b);
	ck_assert_int_eq(count("events"), 6);
	/* A gap: events 7 and 8 after 7 (7 missing). */
	b = make_bundle(&d, d.id, 3, 7, s.e + 7, 1, &len);
	{
		struct server_ingest_info info = { .via = "usb" };
		struct hs_error err;
		char *rt;
		size_t rlen;

		ck_assert_int_eq(server_ingest_ex(srv, b, len, NULL, &info,
		    &rt, &rlen, &err), SERVER_OUT_OF_ORDER);
		ck_assert_int_eq(info.acked_seq, 6);
		ck_assert_ptr_nonnull(strstr(err.msg, "6"));
	}
	free(b);
	ck_assert_int_eq(count("events"), 6);
	ck_assert_int_eq(count("bundles"), 2);
}
END_TEST

START_TEST(test_strangers_and_forgers_are_forbidden)
{
	struct hs_error err;
	struct dev a, b, c;
	struct evset s;
	struct receipt r;
	char *data, *rt;
	size_t len, rlen;

	make_dev(&a, "a");
	make_dev(&b, "b");
	make_dev(&c, "c");
	enroll(&a);
	enroll(&b);
	make_events(&s, 1, 3);
	/* Unknown device. */
	data = make_bundle(&c, c.id, 1, 0, s.e, 3, &len);
	ck_assert_int_eq(server_ingest(srv, data, len, NULL, &rt, &rlen, &err),
	    SERVER_FORBIDDEN);
	free(data);
	/* Signed by A, claiming to be B. */
	data = make_bundle(&a, b.id, 1, 0, s.e, 3, &len);
	ck_assert_int_eq(server_ingest(srv, data, len, NULL, &rt, &rlen, &err),
	    SERVER_FORBIDDEN);
	free(data);
	/* Revoked: refused, and what it sent before is kept. */
	data = make_bundle(&a, a.id, 1, 0, s.e, 1, &len);
	ck_assert_int_eq(ingest(data, len, &r, NULL, NULL), SERVER_OK);
	free(data);
	ck_assert_int_eq(server_device_revoke(srv, a.id, &err), 0);
	ck_assert_int_eq(server_device_revoke(srv, c.id, &err), HS_ENOTFOUND);
	data = make_bundle(&a, a.id, 2, 1, s.e + 1, 2, &len);
	ck_assert_int_eq(server_ingest(srv, data, len, NULL, &rt, &rlen, &err),
	    SERVER_FORBIDDEN);
	free(data);
	ck_assert_int_eq(count("events"), 1);
	ck_assert_int_eq(count("bundles"), 1);
	ck_assert_int_eq(count("kept_aside"), 0);
}
END_TEST

START_TEST(test_changed_event_is_a_conflict)
{
	struct server_ingest_info info = { 0 };
	struct hs_error err;
	struct dev d;
	struct evset s;
	struct receipt r;
	char *b, *rt;
	size_t len, rlen;

	make_dev(&d, "d");
	enroll(&d);
	make_events(&s, 1, 4);
	b = make_bundle(&d, d.id, 1, 0, s.e, 2, &len);
	ck_assert_int_eq(ingest(b, len, &r, NULL, NULL), SERVER_OK);
	free(b);
	/* Event 2 comes back changed, with two new ones. */
	s.e[1].ev.verb = "completed";
	b = make_bundle(&d, d.id, 2, 0, s.e, 4, &len);
	ck_assert_int_eq(server_ingest_ex(srv, b, len, NULL, &info, &rt, &rlen,
	    &err), SERVER_CONFLICT);
	{
		char id[37];

		statement_event_id(d.pub.pk, s.e[1].seq, id);
		ck_assert_str_eq(info.event, id);
	}
	ck_assert_ptr_null(rt);
	free(b);
	ck_assert_int_eq(count("events"), 2);
	ck_assert_int_eq(count("bundles"), 1);
	ck_assert_int_eq(count("kept_aside"), 1);
	ck_assert_int_eq(count("devices WHERE acked_seq = 2"), 1);

	/* Another device sending d's event ids: since format 2 they are
	 * not its own to send (issue 14, finding 3), so its events get its
	 * own ids and d is not blocked. */
	{
		struct dev e;
		struct evset t;

		make_dev(&e, "e");
		enroll(&e);
		make_events(&t, 1, 1);
		t.e[0].uuid = s.uuid[0];
		b = make_bundle(&e, e.id, 1, 0, t.e, 1, &len);
		ck_assert_int_eq(server_ingest(srv, b, len, NULL, &rt, &rlen,
		    &err), SERVER_OK);
		free(b);
		free(rt);
		ck_assert_int_eq(count("events"), 3);
		ck_assert_int_eq(count("kept_aside"), 1);
	}
}
END_TEST

/*
 * Statements out.
 */

struct lines {
	char *text[64];
	long long id[64];
	int n;
};

static int
collect(long long id, const char *text, size_t len, void *ctx)
{
	struct lines *l = ctx;

	ck_assert_int_lt(l->n, 64);
	ck_assert_uint_eq(strlen(text), len);
	l->id[l->n] = id;
	l->text[l->n++] = xstrdup(text);
	return 0;
}

START_TEST(test_export_is_what_the_device_builds)
{
	struct hs_error err;
	struct lines l = { 0 };
	struct dev d;
	struct evset s;
	struct receipt r;
	char *b, *mine;
	int i;
	size_t len;

	make_dev(&d, "d");
	enroll(&d);
	make_events(&s, 1, 10);
	s.e[3].ev.duration_ms = 61500;
	s.e[4].ev.registration = s.uuid[0];
	s.e[6].ev.lang = NULL;
	s.e[7].ev.object = "https://example.org/other";
	b = make_bundle(&d, d.id, 1, 0, s.e, 10, &len);
	ck_assert_int_eq(ingest(b, len, &r, NULL, NULL), SERVER_OK);
	free(b);
	ck_assert_int_eq(server_export(srv, 0, NULL, collect, &l, &err), 0);
	ck_assert_int_eq(l.n, 10);
	for (i = 0; i < 10; i++) {
		char id[37];

		/* the device builds its statements with derived ids too */
		statement_event_id(d.pub.pk, s.e[i].seq, id);
		s.e[i].uuid = id;
		mine = statement_text(&s.e[i], HOME, NULL);
		ck_assert_str_eq(l.text[i], mine);
		ck_assert_int_eq(statement_validate_text(mine, strlen(mine),
		    &err), 0);
		free(mine);
	}
	/* After a row id; since a time. */
	for (i = 0; i < l.n; i++)
		free(l.text[i]);
	l.n = 0;
	ck_assert_int_eq(server_export(srv, 5, NULL, collect, &l, &err), 0);
	ck_assert_int_eq(l.n, 5);
	ck_assert_int_eq(l.id[0], 6);
	for (i = 0; i < l.n; i++)
		free(l.text[i]);
	l.n = 0;
	ck_assert_int_eq(server_export(srv, 0, "2999-01-01", collect, &l,
	    &err), 0);
	ck_assert_int_eq(l.n, 0);
	ck_assert_int_eq(server_export(srv, 0, "2000-01-01T00:00Z", collect,
	    &l, &err), 0);
	ck_assert_int_eq(l.n, 10);
	for (i = 0; i < l.n; i++)
		free(l.text[i]);
	ck_assert_int_eq(server_export(srv, 0, "yesterday", collect, &l, &err),
	    HS_EINVAL);
}
END_TEST

START_TEST(test_time_parse)
{
	long long ms;

	ck_assert_int_eq(server_time_parse("1970-01-01", &ms), 0);
	ck_assert_int_eq(ms, 0);
	ck_assert_int_eq(server_time_parse("1970-01-01T01:00:00.5+01:00", &ms),
	    0);
	ck_assert_int_eq(ms, 500);
	ck_assert_int_eq(server_time_parse("1970-01-01T00:01Z", &ms), 0);
	ck_assert_int_eq(ms, 60000);
	ck_assert_int_ne(server_time_parse("1970-13-01", &ms), 0);
	ck_assert_int_ne(server_time_parse("1970-01-01T", &ms), 0);
	ck_assert_int_ne(server_time_parse("1970-01-01x", &ms), 0);
}
END_TEST

/*
 * Modules.
 */

START_TEST(test_publish_and_catalog)
{
	struct hs_error err;
	struct dev d;
	struct stat sb;
	char pkg[4400], bad[4400], *json, *path, *id, *version, sha[65];
	json_t *j, *m;

	make_dev(&d, "pub");
	snprintf(pkg, sizeof pkg, "%s/tf.hsm", dir);
	ck_assert_int_eq(pack_build(FIXTURES "/tf-module", pkg, &d.key, NULL,
	    NULL, &err), 0);
	ck_assert_int_eq(server_catalog(srv, &json, &err), SERVER_OK);
	/* The catalog gains the alerts' epoch (issue 19, defect 5). */
	ck_assert_int_eq(strncmp(json, "{\"alerts\":0,\"alerts_epoch\":\"",
	    28), 0);
	ck_assert_int_eq(strcmp(json + 28 + 16, "\",\"modules\":[]}"), 0);
	free(json);
	ck_assert_int_eq(server_publish(srv, pkg, &id, &version, &err), 0);
	free(id);
	free(version);
	ck_assert_int_eq(server_catalog(srv, &json, &err), SERVER_OK);
	j = json_loads(json, 0, NULL);
	free(json);
	ck_assert_ptr_nonnull(j);
	ck_assert_int_eq(json_array_size(json_object_get(j, "modules")), 1);
	m = json_array_get(json_object_get(j, "modules"), 0);
	snprintf(sha, sizeof sha, "%s", json_string_value(json_object_get(m,
	    "sha256")));
	ck_assert_int_eq(stat(pkg, &sb), 0);
	ck_assert_int_eq(json_integer_value(json_object_get(m, "size")),
	    sb.st_size);
	json_decref(j);
	ck_assert_int_eq(server_module_path(srv, sha, &path, &err), SERVER_OK);
	ck_assert_int_eq(stat(path, &sb), 0);
	free(path);
	ck_assert_int_eq(server_module_path(srv, "../etc", &path, &err),
	    SERVER_NOT_FOUND);
	sha[0] = sha[0] == '0' ? '1' : '0';
	ck_assert_int_eq(server_module_path(srv, sha, &path, &err),
	    SERVER_NOT_FOUND);

	/* Unsigned, damaged, missing: refused, nothing recorded. */
	snprintf(bad, sizeof bad, "%s/unsigned.hsm", dir);
	ck_assert_int_eq(pack_build(FIXTURES "/tf-module", bad, NULL, NULL,
	    NULL, &err), 0);
	ck_assert_int_ne(server_publish(srv, bad, NULL, NULL, &err), 0);
	ck_assert_ptr_nonnull(strstr(err.msg, "not signed"));
	test_write(dir, "junk.hsm", "not a package\n");
	snprintf(bad, sizeof bad, "%s/junk.hsm", dir);
	ck_assert_int_ne(server_publish(srv, bad, NULL, NULL, &err), 0);
	snprintf(bad, sizeof bad, "%s/missing.hsm", dir);
	ck_assert_int_ne(server_publish(srv, bad, NULL, NULL, &err), 0);
	ck_assert_int_eq(count("modules"), 1);
}
END_TEST


/*
 * The report.
 */

START_TEST(test_report_figures)
{
	struct hs_error err;
	struct dev d;
	struct evset s;
	struct receipt r;
	char path[4400], *text, *data;
	size_t len;
	json_t *classes;
	FILE *f;

	make_dev(&d, "d");
	enroll(&d);
	make_events(&s, 1, 10);
	classes = json_pack("{s:s}", learner[0], "Lớp 4A");
	ck_assert_ptr_nonnull(classes);
	snprintf(path, sizeof path, "%s/c.hsb", dir);
	{
		struct bundle_source src = { d.id, SCHOOL, HOME, &d.key };

		ck_assert_int_eq(bundle_write_events_classes(&src, 1, 0, s.e,
		    10, classes, path, NULL, &err), 0);
	}
	json_decref(classes);
	data = util_read_file(path, BUNDLE_MAX_FILE, &len, &err);
	ck_assert_ptr_nonnull(data);
	ck_assert_int_eq(ingest(data, len, &r, NULL, NULL), SERVER_OK);
	free(data);
	ck_assert_int_eq(count("learner_class"), 1);

	/* Learner 0 (Lớp 4A): events 2, 4, 6, 8, 10: lesson completed at 6,
	 * quiz passed (80%) at 2, failed (40%) at 8.  Learner 1 (no class):
	 * 1, 3, 5, 7, 9: completed at 1, failed (40%) at 3, passed (80%) at
	 * 7. */
	f = open_memstream(&text, &len);
	ck_assert_int_eq(server_report(srv, NULL, SERVER_REPORT_CSV, f, &err),
	    0);
	fclose(f);
	ck_assert_mem_eq(text, "\xef\xbb\xbf", 3);
	ck_assert_ptr_nonnull(strstr(text, "\r\nT01,1,10,"));
	ck_assert_ptr_nonnull(strstr(text, ",-,m1,1,1,1,60.0\r\n"));
	ck_assert_ptr_nonnull(strstr(text, ",Lớp 4A,m1,1,1,1,60.0\r\n"));
	free(text);

	f = open_memstream(&text, &len);
	ck_assert_int_eq(server_report(srv, SCHOOL, SERVER_REPORT_TEXT, f,
	    &err), 0);
	fclose(f);
	ck_assert_ptr_nonnull(strstr(text, "T01: 1 device, 10 events"));
	ck_assert_ptr_nonnull(strstr(text, "Lớp 4A"));
	ck_assert_ptr_nonnull(strstr(text, "60%"));
	/* Columns line up by display width: both data rows as wide. */
	{
		char *a = strstr(text, "T01     -       m1"), *b = strstr(text,
		    "T01     Lớp 4A  m1");

		ck_assert_ptr_nonnull(a);
		ck_assert_ptr_nonnull(b);
		ck_assert_int_eq(strcspn(a, "\n") + strlen("ớ") - 1,
		    strcspn(b, "\n"));
	}
	free(text);
	f = open_memstream(&text, &len);
	ck_assert_int_eq(server_report(srv, "NOPE", SERVER_REPORT_TEXT, f,
	    &err), HS_ENOTFOUND);
	fclose(f);
	free(text);
}
END_TEST

/* Cell 7 (the average) of ROLLUP_MODULES' row of module m2. */
static int
avg_fn(int ncol, const char *const *cell, void *ctx)
{
	if (ncol > 7 && strcmp(cell[0], "m2") == 0)
		snprintf(ctx, 32, "%s", cell[7] != NULL ? cell[7] : "NULL");
	return 0;
}

/* Given two quiz scores whose mean is 76.25 %, when the report and the
 * dashboard give the average, then both say 76.3: rounded half away
 * from zero from the integer millionths, as a count from the events
 * does (a double's 76.25 through printf gives 76.2). */
START_TEST(test_average_rounds_exactly)
{
	static const double score[] = { 0.76, 0.765 };
	struct statement_event e[2];
	char uuid[2][40], avg[32] = "", *text, *data;
	struct hs_error err;
	struct receipt r;
	struct dev d;
	size_t len;
	FILE *f;
	int i;

	make_dev(&d, "d");
	enroll(&d);
	if (learner[0][0] == '\0')
		uuid_generate(learner[0]);
	memset(e, 0, sizeof e);
	for (i = 0; i < 2; i++) {
		uuid_generate(uuid[i]);
		e[i].seq = i + 1;
		e[i].uuid = uuid[i];
		e[i].ts = "2026-11-28T10:00:00.000Z";
		e[i].ev.actor = learner[0];
		e[i].ev.verb = i == 0 ? "failed" : "passed";
		e[i].ev.object = "urn:hocso:m2:quiz";
		e[i].ev.has_score = 1;
		e[i].ev.score = score[i];
		e[i].ev.success = i;
		e[i].ev.completion = 1;
		e[i].ev.duration_ms = -1;
	}
	data = make_bundle(&d, d.id, 1, 0, e, 2, &len);
	ck_assert_int_eq(ingest(data, len, &r, NULL, NULL), SERVER_OK);
	free(data);
	f = open_memstream(&text, &len);
	ck_assert_int_eq(server_report(srv, NULL, SERVER_REPORT_CSV, f, &err),
	    0);
	fclose(f);
	ck_assert_ptr_nonnull(strstr(text, ",-,m2,1,0,1,76.3\r\n"));
	free(text);
	ck_assert_int_eq(rollup_view(server_store(srv), ROLLUP_MODULES, NULL,
	    NULL, avg_fn, avg, &err), 0);
	ck_assert_str_eq(avg, "76.3");
}
END_TEST

/* The text of sql's first row's first column, into buf. */
static void
sql_text(const char *sql, char *buf, size_t len)
{
	char path[4400];
	sqlite3 *db;
	sqlite3_stmt *st;

	snprintf(path, sizeof path, "%s/server.db", sdir);
	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL),
	    SQLITE_OK);
	buf[0] = '\0';
	if (sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_text(st, 0) != NULL)
		snprintf(buf, len, "%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
}

/* Given a device's alert events, some not as a device sends them, when
 * they are ingested, then all are stored and only the device's own, of
 * the two verbs, with an id, count: per alert and device, the earliest
 * time of each; a rebuild gives the same row. */
START_TEST(test_alert_events_counted)
{
	static const struct {
		int own;
		const char *verb, *object, *ts;
	} ev[] = {
		{ 1, "received", "urn:hocso-alert:a1", "2026-11-28T10:00:02.000Z" },
		{ 1, "experienced", "urn:hocso-alert:a1", "2026-11-28T10:00:05.000Z" },
		{ 1, "received", "urn:hocso-alert:a1", "2026-11-28T10:00:01.000Z" },
		{ 1, "experienced", "urn:hocso-alert:a1", "2026-11-28T10:00:09.000Z" },
		/* not counted: a learner as actor, no id, another verb, an id
		 * longer than an alert's */
		{ 0, "experienced", "urn:hocso-alert:a2", "2026-11-28T10:00:03.000Z" },
		{ 1, "received", "urn:hocso-alert:", "2026-11-28T10:00:03.000Z" },
		{ 1, "completed", "urn:hocso-alert:a3", "2026-11-28T10:00:03.000Z" },
		{ 1, "received", "urn:hocso-alert:"
		    "0123456789012345678901234567890123456789012345678901234567890"
		    "1234", "2026-11-28T10:00:03.000Z" },
	};
	enum { N = sizeof ev / sizeof *ev };
	struct statement_event e[N];
	char uuid[N][40], row[512], *data;
	struct hs_error err;
	struct receipt r;
	struct dev d;
	size_t len;
	int i;

	make_dev(&d, "d");
	enroll(&d);
	if (learner[0][0] == '\0')
		uuid_generate(learner[0]);
	memset(e, 0, sizeof e);
	for (i = 0; i < N; i++) {
		uuid_generate(uuid[i]);
		e[i].seq = i + 1;
		e[i].uuid = uuid[i];
		e[i].ts = ev[i].ts;
		e[i].ev.actor = ev[i].own ? d.id : learner[0];
		e[i].ev.verb = ev[i].verb;
		e[i].ev.object = ev[i].object;
		e[i].ev.success = e[i].ev.completion = -1;
		e[i].ev.duration_ms = -1;
	}
	data = make_bundle(&d, d.id, 1, 0, e, N, &len);
	ck_assert_int_eq(ingest(data, len, &r, NULL, NULL), SERVER_OK);
	free(data);
	ck_assert_int_eq(count("events"), N);
	ck_assert_int_eq(count("rollup_alert"), 1);
	sql_text("SELECT alert || '|' || (device = (SELECT id FROM devices))"
	    " || '|' || school || '|' || received || '|' || read"
	    " FROM rollup_alert", row, sizeof row);
	ck_assert_str_eq(row, "a1|1|" SCHOOL "|2026-11-28T10:00:01.000Z|"
	    "2026-11-28T10:00:05.000Z");
	/* Counted again from the events: the same. */
	ck_assert_int_eq(srvstore_rollups_rebuild(server_store(srv), NULL,
	    &err), 0);
	sql_text("SELECT alert || '|' || (device = (SELECT id FROM devices))"
	    " || '|' || school || '|' || received || '|' || read"
	    " FROM rollup_alert", row, sizeof row);
	ck_assert_str_eq(row, "a1|1|" SCHOOL "|2026-11-28T10:00:01.000Z|"
	    "2026-11-28T10:00:05.000Z");
	ck_assert_int_eq(count("rollup_alert"), 1);
}
END_TEST

/*
 * Alerts.
 */

static const char alert_one[] =
    "[alert]\nid = lua-dao-2026-11\nexpires = 2026-12-31\n\n"
    "[vi]\ntitle = Cảnh báo: tin nhắn lừa nhận quà\n"
    "text = Đừng bấm vào link lạ.\n";
static const char alert_two[] =
    "[alert]\nid = mat-khau-2026-12\n\n"
    "[en]\ntitle = Passwords\ntext = Never tell your password.\n";

struct sigcheck {
	int n;
	long long last;
};

START_TEST(test_alerts_are_numbered_and_signed)
{
	struct hs_error err;
	char path[4400], *json;
	long long number;
	json_t *j, *a;
	size_t i;

	test_write(dir, "one.ini", alert_one);
	test_write(dir, "two.ini", alert_two);
	test_write(dir, "bad.ini", "[alert]\nid = x\n");
	snprintf(path, sizeof path, "%s/one.ini", dir);
	ck_assert_int_eq(server_alert(srv, path, &number, &err), 0);
	ck_assert_int_eq(number, 1);
	ck_assert_int_ne(server_alert(srv, path, &number, &err), 0);
	ck_assert_ptr_nonnull(strstr(err.msg, "used already"));
	snprintf(path, sizeof path, "%s/bad.ini", dir);
	ck_assert_int_ne(server_alert(srv, path, &number, &err), 0);
	snprintf(path, sizeof path, "%s/missing.ini", dir);
	ck_assert_int_ne(server_alert(srv, path, &number, &err), 0);
	snprintf(path, sizeof path, "%s/two.ini", dir);
	ck_assert_int_eq(server_alert(srv, path, &number, &err), 0);
	ck_assert_int_eq(number, 2);
	ck_assert_int_eq(count("alerts"), 2);

	ck_assert_int_eq(server_catalog(srv, &json, &err), SERVER_OK);
	ck_assert_ptr_nonnull(strstr(json, "\"alerts\":2"));
	free(json);
	ck_assert_int_eq(server_alerts(srv, 0, &json, &err), SERVER_OK);
	j = json_loads(json, 0, NULL);
	free(json);
	ck_assert_ptr_nonnull(j);
	ck_assert_int_eq(json_array_size(json_object_get(j, "alerts")), 2);
	json_array_foreach(json_object_get(j, "alerts"), i, a) {
		const char *text = json_string_value(json_object_get(a,
		    "text"));

		ck_assert_int_eq(json_integer_value(json_object_get(a,
		    "number")), (json_int_t)i + 1);
		ck_assert_str_eq(text, i == 0 ? alert_one : alert_two);
		ck_assert_int_eq(keys_verify(server_public_key(srv), text,
		    strlen(text), json_string_value(json_object_get(a, "sig"))),
		    0);
		ck_assert_int_ne(keys_verify(server_public_key(srv), text,
		    strlen(text) - 1, json_string_value(json_object_get(a,
		    "sig"))), 0);
	}
	json_decref(j);
	ck_assert_int_eq(server_alerts(srv, 1, &json, &err), SERVER_OK);
	ck_assert_ptr_nonnull(strstr(json, "\"number\":2"));
	ck_assert_ptr_null(strstr(json, "\"number\":1"));
	free(json);
}
END_TEST

/*
 * A USB stick.
 */

static int nrefused;

static void
on_refused(const char *path, const char *why, void *ctx)
{
	(void)ctx;
	(void)why;
	ck_assert(strstr(path, "000002") != NULL ||
	    strstr(path, "000003") != NULL);
	nrefused++;
}

START_TEST(test_import_writes_receipts)
{
	struct server_import_totals t;
	struct hs_error err;
	struct dev d;
	struct evset s;
	struct receipt r;
	char usb[4300], path[4500], name[128], *data;
	size_t len;
	int i;

	make_dev(&d, "d");
	enroll(&d);
	make_events(&s, 1, 9);
	snprintf(usb, sizeof usb, "%s/usb", dir);
	ck_assert_int_eq(util_mkdir_p(usb, &err), 0);
	for (i = 0; i < 3; i++) {
		struct bundle_source src = { d.id, SCHOOL, HOME, &d.key };

		bundle_name(d.id, i + 1, name, sizeof name);
		snprintf(path, sizeof path, "%s/%s", usb, name);
		ck_assert_int_eq(bundle_write_events(&src, i + 1, i * 3,
		    s.e + i * 3, 3, path, NULL, &err), 0);
	}
	/* Bundle 2 damaged: 1 stored, 2 refused, 3 out of order. */
	bundle_name(d.id, 2, name, sizeof name);
	test_write(usb, name, "damaged");
	nrefused = 0;
	ck_assert_int_eq(server_import(srv, usb, &t, on_refused, NULL, &err),
	    0);
	ck_assert_int_eq(t.bundles, 1);
	ck_assert_int_eq(t.refused, 2);
	ck_assert_int_eq(nrefused, 2);
	ck_assert_int_eq(t.events, 3);
	receipt_name(d.id, 1, name, sizeof name);
	snprintf(path, sizeof path, "%s/%s", usb, name);
	data = util_read_file(path, RECEIPT_MAX_SIZE, &len, &err);
	ck_assert_ptr_nonnull(data);
	ck_assert_int_eq(receipt_parse(data, len, &r, &err), 0);
	ck_assert_int_eq(r.acked_seq, 3);
	free(data);
	receipt_name(d.id, 3, name, sizeof name);
	snprintf(path, sizeof path, "%s/%s", usb, name);
	ck_assert_int_ne(access(path, F_OK), 0);
	ck_assert_int_eq(count("bundles WHERE via = 'usb'"), 1);

	/* Again: had before, the same receipt written again. */
	ck_assert_int_eq(server_import(srv, usb, &t, NULL, NULL, &err), 0);
	ck_assert_int_eq(t.bundles, 0);
	ck_assert_int_eq(t.again, 1);
	ck_assert_int_eq(count("events"), 3);
}
END_TEST

static Suite *
server_suite(void)
{
	Suite *s = suite_create("server");
	TCase *tc = tcase_create("server");

	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_enroll_with_a_token);
	tcase_add_test(tc, test_enrolment_needs_the_device_key);
	tcase_add_test(tc, test_token_refuses_bad_input);
	tcase_add_test(tc, test_ingest_stores_and_signs);
	tcase_add_test(tc, test_ingest_checks_the_name_and_the_bytes);
	tcase_add_test(tc, test_overlap_stores_only_new_events);
	tcase_add_test(tc, test_strangers_and_forgers_are_forbidden);
	tcase_add_test(tc, test_changed_event_is_a_conflict);
	tcase_add_test(tc, test_export_is_what_the_device_builds);
	tcase_add_test(tc, test_time_parse);
	tcase_add_test(tc, test_publish_and_catalog);
	tcase_add_test(tc, test_report_figures);
	tcase_add_test(tc, test_alert_events_counted);
	tcase_add_test(tc, test_average_rounds_exactly);
	tcase_add_test(tc, test_alerts_are_numbered_and_signed);
	tcase_add_test(tc, test_import_writes_receipts);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(server_suite)

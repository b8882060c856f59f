/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check_bundle.c: events as xAPI statements, and the signed bundles that
 * carry them.  The activity is made through learn/model/progress.c, as the app
 * makes it; every statement must pass the validator; a bundle must give
 * back exactly the events (and so exactly the statements) that went in;
 * and a bundle changed in any byte, cut short, signed by another key or
 * claiming another device, or out of its place in the sequence, is
 * refused.  The outbox and its receipts are checked at the end.
 */
#include "config.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "core/fileio.h"
#include "core/store.h"
#include "core/util.h"
#include "learn/model/progress.h"
#include "sync/bundle.h"
#include "sync/compact.h"
#include "sync/devstore.h"
#include "sync/outbox.h"
#include "sync/receipt.h"
#include "sync/statement.h"
#include "tests/testutil.h"

#define MODULE "vn.hocso.test"
#define HOME "https://hocso.invalid/school/T01"

static char dir[4096], data[4200], out[4200];
static struct store *store;
static struct keys_secret key, other;
static struct keys_public pub, other_pub;
static char device[40];

static void
make_key(const char *name, struct keys_secret *sec, struct keys_public *p)
{
	struct hs_error err;
	char base[4300], path[4400];

	snprintf(base, sizeof base, "%s/%s", dir, name);
	ck_assert_int_eq(keys_generate(base, name, &err), 0);
	snprintf(path, sizeof path, "%s.key", base);
	ck_assert_int_eq(keys_read_secret(path, sec, &err), 0);
	keys_public_of(sec, p);
}

static void
setup(void)
{
	struct hs_error err;
	char path[4400];

	snprintf(dir, sizeof dir, "%s", test_tmpdir());
	snprintf(data, sizeof data, "%s/data", dir);
	snprintf(out, sizeof out, "%s/out", dir);
	ck_assert_int_eq(util_mkdir_p(data, &err), 0);
	ck_assert_int_eq(util_mkdir_p(out, &err), 0);
	snprintf(path, sizeof path, "%s/hocso.db", data);
	ck_assert_int_eq(devstore_open(path, &store, &err), 0);
	ck_assert_int_eq(store_meta_get(store, "device_id", device,
	    sizeof device, &err), 0);
	make_key("dev", &key, &pub);
	make_key("other", &other, &other_pub);
}

static void
teardown(void)
{
	store_close(store);
	test_rmtree(dir);
}

/* One learner's morning, as the app records it: a lesson read, its
 * practice questions, a quiz of four (one an essay) finished. */
static void
learner_activity(struct progress *p, int good)
{
	struct hs_error err;
	struct attempt a;
	int i;

	for (i = 0; i < 3; i++)
		ck_assert_int_eq(progress_screen_seen(p, MODULE, "01-intro", i,
		    &err), 0);
	ck_assert_int_eq(progress_lesson_done(p, MODULE, "01-intro", &err), 0);
	ck_assert_int_eq(progress_practice(p, MODULE, "01-intro", "p1", 1, 1.0,
	    &err), 0);
	ck_assert_int_eq(progress_practice(p, MODULE, "01-intro", "p 2 ư", 0,
	    0.0, &err), 0);
	ck_assert_int_eq(progress_attempt_open(p, MODULE, "quiz.gift", 4, 0, &a,
	    &err), 0);
	ck_assert_int_eq(progress_answer(p, MODULE, &a, "q1", "2",
	    good ? 1.0 : 0.0, &err), 0);
	ck_assert_int_eq(progress_answer(p, MODULE, &a, "câu hỏi 2", "0[,]2",
	    1.0 / 3, &err), 0);
	ck_assert_int_eq(progress_answer(p, MODULE, &a, "q/3%", "Xin chào, "
	    "thầy!", -1, &err), 0);
	ck_assert_int_eq(progress_answer(p, MODULE, &a, "q4", "3,5", 1.0,
	    &err), 0);
	ck_assert_int_eq(progress_attempt_finish(p, MODULE, &a, 60, &err), 0);
	attempt_free(&a);
}

/* n learners' activity: the device's own and n - 1 more. */
static void
activity(int n)
{
	static const char add[] = "INSERT INTO learners (uuid, name,"
	    " created_at) VALUES (?, 'x', '2026-01-01T00:00:00.000Z')";
	struct hs_error err;
	struct progress p;
	sqlite3_stmt *st;
	char uuid[UUID_LEN + 1];
	int i;

	ck_assert_int_eq(progress_open(&p, store, "vi", &err), 0);
	learner_activity(&p, 1);
	for (i = 1; i < n; i++) {
		uuid_generate(uuid);
		ck_assert_int_eq(sqlite3_prepare_v2(store_db(store), add, -1,
		    &st, NULL), SQLITE_OK);
		sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
		ck_assert_int_eq(sqlite3_step(st), SQLITE_DONE);
		sqlite3_finalize(st);
		progress_open_learner(&p, store,
		    sqlite3_last_insert_rowid(store_db(store)), uuid,
		    i % 2 ? "en" : "vi");
		learner_activity(&p, i % 3);
	}
}

/* The events table, read as it is. */
struct rows {
	struct statement_event *e;
	char **owned;
	int n, nowned;
};

static const char *
own(struct rows *r, const unsigned char *s)
{
	if (s == NULL)
		return NULL;
	r->owned = realloc(r->owned, (r->nowned + 1) * sizeof *r->owned);
	ck_assert_ptr_nonnull(r->owned);
	return r->owned[r->nowned++] = xstrdup((const char *)s);
}

static void
rows_load(struct rows *r)
{
	static const char sql[] = "SELECT seq, uuid, ts, actor, verb, object,"
	    " registration, response, score, success, completion, duration_ms,"
	    " lang FROM events ORDER BY seq";
	struct statement_event *e;
	sqlite3_stmt *st;

	memset(r, 0, sizeof *r);
	ck_assert_int_eq(sqlite3_prepare_v2(store_db(store), sql, -1, &st,
	    NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		r->e = realloc(r->e, (r->n + 1) * sizeof *r->e);
		ck_assert_ptr_nonnull(r->e);
		e = &r->e[r->n++];
		memset(e, 0, sizeof *e);
		e->seq = sqlite3_column_int64(st, 0);
		e->uuid = own(r, sqlite3_column_text(st, 1));
		e->ts = own(r, sqlite3_column_text(st, 2));
		e->ev.actor = own(r, sqlite3_column_text(st, 3));
		e->ev.verb = own(r, sqlite3_column_text(st, 4));
		e->ev.object = own(r, sqlite3_column_text(st, 5));
		e->ev.registration = own(r, sqlite3_column_text(st, 6));
		e->ev.response = own(r, sqlite3_column_text(st, 7));
		e->ev.has_score = sqlite3_column_type(st, 8) != SQLITE_NULL;
		e->ev.score = sqlite3_column_double(st, 8);
		e->ev.success = sqlite3_column_type(st, 9) == SQLITE_NULL ? -1 :
		    sqlite3_column_int(st, 9);
		e->ev.completion = sqlite3_column_type(st, 10) == SQLITE_NULL ?
		    -1 : sqlite3_column_int(st, 10);
		e->ev.duration_ms = sqlite3_column_type(st, 11) == SQLITE_NULL ?
		    -1 : sqlite3_column_int64(st, 11);
		e->ev.lang = own(r, sqlite3_column_text(st, 12));
	}
	sqlite3_finalize(st);
}

static void
rows_free(struct rows *r)
{
	int i;

	for (i = 0; i < r->nowned; i++)
		free(r->owned[i]);
	free(r->owned);
	free(r->e);
}

/* The keys the reader knows: this device's, and "other"'s under a
 * device id of its own. */
#define OTHER_DEVICE "00000000-0000-4000-8000-0000000000aa"

static int
key_of(const char *dev, struct keys_public *k, void *ctx)
{
	if (!strcmp(dev, device))
		*k = ctx != NULL ? *(struct keys_public *)ctx : pub;
	else if (!strcmp(dev, OTHER_DEVICE))
		*k = other_pub;
	else
		return HS_ENOTFOUND;
	return 0;
}

/* Writes the store's events as bundles of at most max events into out;
 * returns how many. */
static int
write_bundles(int max)
{
	struct bundle_source src = { device, "T01", HOME, &key };
	struct hs_error err;
	char path[4400];
	int n = 0;

	ck_assert_int_eq(bundle_write(store, &src, out, 0, 0, max, 0, NULL,
	    NULL, &err), 0);
	for (;;) {
		char name[128];

		bundle_name(device, n + 1, name, sizeof name);
		snprintf(path, sizeof path, "%s/%s", out, name);
		if (access(path, F_OK) != 0)
			return n;
		n++;
	}
}

static char *
bundle_path(int number)
{
	static char path[4400];
	char name[128];

	bundle_name(device, number, name, sizeof name);
	snprintf(path, sizeof path, "%s/%s", out, name);
	return path;
}

static int
same_str(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a != NULL && b != NULL &&
	    !strcmp(a, b));
}

/*
 * Statements.
 */

/* One event of each verb, as progress.c writes them, with what its
 * statement must say. */
static const struct verb_case {
	const char *verb, *object, *reg, *response;
	double score;		/* -2: none */
	int success, completion;
	const char *iri, *type, *activity, *parent;
} verb_cases[] = {
	{ "experienced", "urn:hocso:m.x:lesson:01-a:screen:2", NULL, NULL, -2,
	  -1, -1, "http://adlnet.gov/expapi/verbs/experienced",
	  "http://id.tincanapi.com/activitytype/slide",
	  STATEMENT_ACTIVITY_BASE "m.x/lesson/01-a/screen/2",
	  STATEMENT_ACTIVITY_BASE "m.x/lesson/01-a" },
	{ "completed", "urn:hocso:m.x:lesson:01-a", NULL, NULL, -2, -1, 1,
	  "http://adlnet.gov/expapi/verbs/completed",
	  "http://adlnet.gov/expapi/activities/lesson",
	  STATEMENT_ACTIVITY_BASE "m.x/lesson/01-a",
	  STATEMENT_ACTIVITY_BASE "m.x" },
	{ "attempted", "urn:hocso:m.x:quiz:bank.gift",
	  "0f8fad5b-d9cb-469f-a165-70867728950e", NULL, -2, -1, -1,
	  "http://adlnet.gov/expapi/verbs/attempted",
	  "http://adlnet.gov/expapi/activities/assessment",
	  STATEMENT_ACTIVITY_BASE "m.x/quiz/bank.gift",
	  STATEMENT_ACTIVITY_BASE "m.x/quiz" },
	{ "answered", "urn:hocso:m.x:question:câu 1/2",
	  "0f8fad5b-d9cb-469f-a165-70867728950e", "0[,]2", 0.5, 0, -1,
	  "http://adlnet.gov/expapi/verbs/answered",
	  "http://adlnet.gov/expapi/activities/cmi.interaction",
	  STATEMENT_ACTIVITY_BASE "m.x/question/c%C3%A2u%201%2F2",
	  STATEMENT_ACTIVITY_BASE "m.x/quiz" },
	{ "answered", "urn:hocso:m.x:lesson:01-a:practice:p1", NULL, "1", 1,
	  1, -1, "http://adlnet.gov/expapi/verbs/answered",
	  "http://adlnet.gov/expapi/activities/cmi.interaction",
	  STATEMENT_ACTIVITY_BASE "m.x/lesson/01-a/practice/p1",
	  STATEMENT_ACTIVITY_BASE "m.x/lesson/01-a" },
	{ "passed", "urn:hocso:m.x:quiz",
	  "0f8fad5b-d9cb-469f-a165-70867728950e", NULL, 0.8333333333, 1, 1,
	  "http://adlnet.gov/expapi/verbs/passed",
	  "http://adlnet.gov/expapi/activities/assessment",
	  STATEMENT_ACTIVITY_BASE "m.x/quiz", STATEMENT_ACTIVITY_BASE "m.x" },
	{ "failed", "urn:hocso:m.x:quiz",
	  "0f8fad5b-d9cb-469f-a165-70867728950e", NULL, 0.25, 0, 1,
	  "http://adlnet.gov/expapi/verbs/failed",
	  "http://adlnet.gov/expapi/activities/assessment",
	  STATEMENT_ACTIVITY_BASE "m.x/quiz", STATEMENT_ACTIVITY_BASE "m.x" },
};

START_TEST(test_each_verb_gives_a_valid_statement)
{
	const struct verb_case *c = &verb_cases[_i];
	struct statement_event e = { 7, "6ba7b810-9dad-41d1-80b4-00c04fd430c8",
	    "2026-11-28T17:46:46.123Z", { 0 } };
	struct hs_error err;
	json_t *st, *v;

	/* given the event */
	e.ev.actor = "9b2e6c1e-5a8b-4f61-9f0c-3f1d2b4a6c7e";
	e.ev.verb = c->verb;
	e.ev.object = c->object;
	e.ev.registration = c->reg;
	e.ev.response = c->response;
	e.ev.has_score = c->score > -2;
	e.ev.score = c->score;
	e.ev.success = c->success;
	e.ev.completion = c->completion;
	e.ev.duration_ms = -1;
	e.ev.lang = "vi";
	/* when it becomes a statement */
	st = statement_from_event(&e, HOME);
	/* then an LRS would take it, and it says what the event says */
	ck_assert_msg(statement_validate(st, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(json_string_value(json_object_get(st, "id")), e.uuid);
	ck_assert_str_eq(json_string_value(json_object_get(st, "timestamp")),
	    e.ts);
	v = json_object_get(st, "actor");
	ck_assert_ptr_null(json_object_get(v, "name"));
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(v,
	    "account"), "name")), e.ev.actor);
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(v,
	    "account"), "homePage")), HOME);
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(st,
	    "verb"), "id")), c->iri);
	v = json_object_get(st, "object");
	ck_assert_str_eq(json_string_value(json_object_get(v, "id")),
	    c->activity);
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(v,
	    "definition"), "type")), c->type);
	v = json_object_get(st, "context");
	ck_assert_str_eq(json_string_value(json_object_get(v, "language")),
	    "vi");
	if (c->reg != NULL)
		ck_assert_str_eq(json_string_value(json_object_get(v,
		    "registration")), c->reg);
	else
		ck_assert_ptr_null(json_object_get(v, "registration"));
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(
	    json_object_get(json_object_get(v, "contextActivities"), "parent"),
	    0), "id")), c->parent);
	v = json_object_get(st, "result");
	if (c->score > -2)
		ck_assert_double_eq_tol(json_real_value(json_object_get(
		    json_object_get(v, "score"), "scaled")), c->score, 1e-4);
	if (c->success >= 0)
		ck_assert_int_eq(json_is_true(json_object_get(v, "success")),
		    c->success);
	if (c->completion >= 0)
		ck_assert(json_is_true(json_object_get(v, "completion")));
	if (c->response != NULL)
		ck_assert_str_eq(json_string_value(json_object_get(v,
		    "response")), c->response);
	json_decref(st);
}
END_TEST

START_TEST(test_every_stored_event_gives_a_valid_statement)
{
	struct hs_error err;
	struct rows r;
	size_t len;
	char *text;
	int i;

	/* given the activity of three learners, as the app writes it */
	activity(3);
	rows_load(&r);
	ck_assert_int_eq(r.n, 3 * 12);
	/* then every event is a statement an LRS accepts, with no name */
	for (i = 0; i < r.n; i++) {
		text = statement_text(&r.e[i], HOME, &len);
		ck_assert_msg(statement_validate_text(text, len, &err) == 0,
		    "%s: %s", text, err.msg);
		ck_assert_ptr_null(strstr(text, "Learner"));
		ck_assert_ptr_null(strchr(text, '\n'));
		free(text);
	}
	rows_free(&r);
}
END_TEST

START_TEST(test_durations_and_odd_events_still_validate)
{
	static const long long ms[] = { 0, 999, 1000, 61500, 3723004,
	    90000000 };
	static const char *const want[] = { "PT0S", "PT0.999S", "PT1S",
	    "PT1M1.500S", "PT1H2M3.004S", "PT25H" };
	struct statement_event e = { 1, "6ba7b810-9dad-41d1-80b4-00c04fd430c8",
	    "2026-11-28T17:46:46.123Z", { 0 } };
	struct hs_error err;
	json_t *st;
	unsigned i;

	e.ev.actor = "learner";
	e.ev.verb = "frobbed";		/* no ADL verb: still an IRI */
	e.ev.object = "not a urn \x01";	/* no IRI: encoded under other/ */
	e.ev.registration = "not-a-uuid";
	e.ev.response = "\xff\xfe bad UTF-8";
	e.ev.lang = "not a tag";
	e.ev.success = e.ev.completion = -1;
	for (i = 0; i < sizeof ms / sizeof *ms; i++) {
		e.ev.duration_ms = ms[i];
		st = statement_from_event(&e, HOME);
		ck_assert_msg(statement_validate(st, &err) == 0, "%s", err.msg);
		ck_assert_str_eq(json_string_value(json_object_get(
		    json_object_get(st, "result"), "duration")), want[i]);
		json_decref(st);
	}
}
END_TEST

/* Statements an LRS must refuse, each with one thing wrong. */
static const char *const bad_statements[] = {
	/* no actor */
	"{\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/answered\"},"
	"\"object\":{\"id\":\"https://x.invalid/a\"}}",
	/* an id that is no UUID */
	"{\"id\":\"1234\",\"actor\":{\"mbox\":\"mailto:a@b.c\"},\"verb\":"
	"{\"id\":\"http://adlnet.gov/expapi/verbs/answered\"},\"object\":"
	"{\"id\":\"https://x.invalid/a\"}}",
	/* an activity id with a space: no IRI */
	"{\"actor\":{\"mbox\":\"mailto:a@b.c\"},\"verb\":{\"id\":"
	"\"http://adlnet.gov/expapi/verbs/answered\"},\"object\":{\"id\":"
	"\"https://x.invalid/a b\"}}",
	/* a scaled score over 1 */
	"{\"actor\":{\"mbox\":\"mailto:a@b.c\"},\"verb\":{\"id\":"
	"\"http://adlnet.gov/expapi/verbs/answered\"},\"object\":{\"id\":"
	"\"https://x.invalid/a\"},\"result\":{\"score\":{\"scaled\":1.5}}}",
	/* a duration with nothing in it */
	"{\"actor\":{\"mbox\":\"mailto:a@b.c\"},\"verb\":{\"id\":"
	"\"http://adlnet.gov/expapi/verbs/answered\"},\"object\":{\"id\":"
	"\"https://x.invalid/a\"},\"result\":{\"duration\":\"PT\"}}",
	/* a property xAPI does not have */
	"{\"actor\":{\"mbox\":\"mailto:a@b.c\"},\"verb\":{\"id\":"
	"\"http://adlnet.gov/expapi/verbs/answered\"},\"object\":{\"id\":"
	"\"https://x.invalid/a\"},\"learner\":\"An\"}",
	/* two identifiers for one agent */
	"{\"actor\":{\"mbox\":\"mailto:a@b.c\",\"account\":{\"homePage\":"
	"\"https://x.invalid\",\"name\":\"a\"}},\"verb\":{\"id\":"
	"\"http://adlnet.gov/expapi/verbs/answered\"},\"object\":{\"id\":"
	"\"https://x.invalid/a\"}}",
	/* an account whose home page is no http(s) IRL */
	"{\"actor\":{\"account\":{\"homePage\":\"urn:x\",\"name\":\"a\"}},"
	"\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/answered\"},"
	"\"object\":{\"id\":\"https://x.invalid/a\"}}",
	/* a language that is no tag */
	"{\"actor\":{\"mbox\":\"mailto:a@b.c\"},\"verb\":{\"id\":"
	"\"http://adlnet.gov/expapi/verbs/answered\"},\"object\":{\"id\":"
	"\"https://x.invalid/a\"},\"context\":{\"language\":\"tiếng việt\"}}",
	/* a time with no zone */
	"{\"actor\":{\"mbox\":\"mailto:a@b.c\"},\"verb\":{\"id\":"
	"\"http://adlnet.gov/expapi/verbs/answered\"},\"object\":{\"id\":"
	"\"https://x.invalid/a\"},\"timestamp\":\"2026-11-28T17:46:46\"}",
	/* a registration that is no UUID */
	"{\"actor\":{\"mbox\":\"mailto:a@b.c\"},\"verb\":{\"id\":"
	"\"http://adlnet.gov/expapi/verbs/answered\"},\"object\":{\"id\":"
	"\"https://x.invalid/a\"},\"context\":{\"registration\":\"r1\"}}",
	/* success as a string */
	"{\"actor\":{\"mbox\":\"mailto:a@b.c\"},\"verb\":{\"id\":"
	"\"http://adlnet.gov/expapi/verbs/answered\"},\"object\":{\"id\":"
	"\"https://x.invalid/a\"},\"result\":{\"success\":\"yes\"}}",
	/* a verb id that is no IRI */
	"{\"actor\":{\"mbox\":\"mailto:a@b.c\"},\"verb\":{\"id\":"
	"\"answered\"},\"object\":{\"id\":\"https://x.invalid/a\"}}",
	/* not JSON at all */
	"{\"actor\":",
};

START_TEST(test_validator_refuses_bad_statements)
{
	const char *text = bad_statements[_i];
	struct hs_error err;

	ck_assert_int_eq(statement_validate_text(text, strlen(text), &err),
	    HS_EINVAL);
}
END_TEST

START_TEST(test_validator_takes_a_good_foreign_statement)
{
	static const char text[] = "{\"id\":\"fd41c918-b88b-4b20-a0a5-"
	    "a4c32391aaa0\",\"actor\":{\"objectType\":\"Agent\",\"name\":"
	    "\"Project Tin Can API\",\"mbox\":\"mailto:user@example.com\"},"
	    "\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/created\","
	    "\"display\":{\"en-US\":\"created\"}},\"object\":{\"id\":"
	    "\"http://example.adlnet.gov/xapi/example/simplestatement\","
	    "\"definition\":{\"name\":{\"en-US\":\"simple statement\"},"
	    "\"description\":{\"en-US\":\"A simple Experience API statement."
	    "\"}}},\"result\":{\"score\":{\"scaled\":0.95,\"raw\":95,\"min\":"
	    "0,\"max\":100},\"duration\":\"P1DT2H3M4.5S\"},\"timestamp\":"
	    "\"2012-07-05T18:30:32.360+01:00\",\"version\":\"1.0.3\"}";
	struct hs_error err;

	ck_assert_msg(statement_validate_text(text, strlen(text), &err) == 0,
	    "%s", err.msg);
}
END_TEST

/*
 * Bundles.
 */

START_TEST(test_round_trip_gives_the_same_statements)
{
	struct bundle b;
	struct hs_error err;
	struct bundle_expect ex = { 1, 0 };
	struct rows r;
	char *t1, *t2;
	int i, k = 0, n, j;

	/* given five learners' activity, in bundles of at most 25 events */
	activity(5);
	rows_load(&r);
	n = write_bundles(25);
	ck_assert_int_eq(n, (r.n + 24) / 25);
	/* when each is read back, in its place in the sequence */
	for (j = 1; j <= n; j++) {
		ex.number = j;
		ck_assert_msg(bundle_read(bundle_path(j), key_of, NULL, &ex, 0,
		    &b, &err) == 0, "%s", err.msg);
		ck_assert_str_eq(b.m.device, device);
		ck_assert_str_eq(b.m.school, "T01");
		ck_assert_str_eq(b.m.homepage, HOME);
		/* then every event is there, exactly */
		for (i = 0; i < b.events.n; i++, k++) {
			const struct statement_event *x = &b.events.ev[i];
			const struct statement_event *y = &r.e[k];

			char id[37];

			/* the id is the device's, from its key and seq,
			 * whatever the row says */
			statement_event_id(pub.pk, y->seq, id);
			ck_assert_int_eq(x->seq, y->seq);
			ck_assert_str_eq(x->uuid, id);
			ck_assert_str_eq(x->ts, y->ts);
			ck_assert_str_eq(x->ev.actor, y->ev.actor);
			ck_assert_str_eq(x->ev.verb, y->ev.verb);
			ck_assert_str_eq(x->ev.object, y->ev.object);
			ck_assert(same_str(x->ev.registration,
			    y->ev.registration));
			ck_assert(same_str(x->ev.response, y->ev.response));
			ck_assert(same_str(x->ev.lang, y->ev.lang));
			ck_assert_int_eq(x->ev.has_score, y->ev.has_score);
			ck_assert_int_eq(x->ev.success, y->ev.success);
			ck_assert_int_eq(x->ev.completion, y->ev.completion);
			ck_assert_int_eq(x->ev.duration_ms, y->ev.duration_ms);
			/* and so exactly the same statement */
			t1 = statement_text(x, b.m.homepage, NULL);
			{
				struct statement_event yy = *y;

				yy.uuid = id;
				t2 = statement_text(&yy, HOME, NULL);
			}
			ck_assert_str_eq(t1, t2);
			free(t1);
			free(t2);
		}
		ex.after_seq = b.m.last_seq;
		bundle_free(&b);
	}
	ck_assert_int_eq(k, r.n);
	rows_free(&r);
}
END_TEST

/* Finding 3 of issue 14: an event's id is its device's. */
START_TEST(test_event_ids_are_derived_from_the_key)
{
	struct hs_error err;
	struct bundle b;
	char id[37], theirs[37];
	const char *was;
	int i;

	/* given a device's bundle */
	activity(2);
	ck_assert_int_ge(write_bundles(1000), 1);
	ck_assert_msg(bundle_read(bundle_path(1), key_of, NULL, NULL, 0, &b,
	    &err) == 0, "%s", err.msg);
	/* then each id is a version 8 UUID of its key and seq, and
	 * another key gives other ids */
	for (i = 0; i < b.events.n; i++) {
		statement_event_id(pub.pk, b.events.ev[i].seq, id);
		statement_event_id(other_pub.pk, b.events.ev[i].seq, theirs);
		ck_assert_str_eq(b.events.ev[i].uuid, id);
		ck_assert_str_ne(id, theirs);
		ck_assert_int_eq(id[14], '8');
		ck_assert(statement_uuid_valid(id));
	}
	/* when the ids are checked against another device's key, or one is
	 * changed, then that is found and nothing changes */
	ck_assert_int_eq(compact_events_derive_ids(&b.events, other_pub.pk,
	    &err), HS_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "not the one its device's key "
	    "gives"));
	was = b.events.ev[1].uuid;
	b.events.ev[1].uuid = "6ba7b810-9dad-41d1-80b4-00c04fd430c8";
	ck_assert_int_eq(compact_events_derive_ids(&b.events, pub.pk, &err),
	    HS_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "has the id "
	    "6ba7b810-9dad-41d1-80b4-00c04fd430c8"));
	ck_assert_str_eq(b.events.ev[1].uuid,
	    "6ba7b810-9dad-41d1-80b4-00c04fd430c8");
	b.events.ev[1].uuid = was;
	ck_assert_int_eq(compact_events_derive_ids(&b.events, pub.pk, &err), 0);
	bundle_free(&b);
	/* and a device id is derived from its key alone */
	statement_device_id(pub.pk, id);
	statement_device_id(pub.pk, theirs);
	ck_assert_str_eq(id, theirs);
	statement_device_id(other_pub.pk, theirs);
	ck_assert_str_ne(id, theirs);
}
END_TEST

START_TEST(test_odd_events_round_trip_exactly)
{
	static struct statement_event odd[] = {
		/* ids and times not as store.c writes them: sent as text */
		{ 5, "6BA7B810-9DAD-41D1-80B4-00C04FD430C8", "2026-11-28 17:46",
		  { "Learner-1", "answered", "urn:hocso:m:question:q", "REG",
		    "", "vi", 1, -0.25, 0, -1, 3600000 } },
		{ 9, "6ba7b810-9dad-41d1-80b4-00c04fd430c9",
		  "1970-01-01T00:00:00.000Z",
		  { "6ba7b810-9dad-41d1-80b4-00c04fd430ca", "x", "", NULL,
		    NULL, NULL, 0, 0, -1, 0, -1 } },
		{ 10, "6ba7b810-9dad-41d1-80b4-00c04fd430cb",
		  "2026-02-30T00:00:00.000Z",
		  { "6ba7b810-9dad-41d1-80b4-00c04fd430ca", "x", "", NULL,
		    NULL, NULL, 0, 0, -1, 1, 0 } },
	};
	struct bundle_source src = { device, "", HOME, &key };
	struct hs_error err;
	struct bundle b;
	char path[4400], *t1, *t2;
	int i;

	snprintf(path, sizeof path, "%s/odd.hsb", out);
	ck_assert_int_eq(bundle_write_events(&src, 1, 4, odd, 3, path, NULL,
	    &err), 0);
	ck_assert_msg(bundle_read(path, key_of, NULL, NULL, 0, &b, &err) == 0,
	    "%s", err.msg);
	ck_assert_int_eq(b.events.n, 3);
	for (i = 0; i < 3; i++) {
		char id[37];

		statement_event_id(pub.pk, odd[i].seq, id);
		odd[i].uuid = id;
		t1 = statement_text(&b.events.ev[i], HOME, NULL);
		t2 = statement_text(&odd[i], HOME, NULL);
		ck_assert_str_eq(t1, t2);
		free(t1);
		free(t2);
		ck_assert_str_eq(b.events.ev[i].uuid, id);
		ck_assert_str_eq(b.events.ev[i].ts, odd[i].ts);
	}
	bundle_free(&b);
}
END_TEST

/* The bytes of bundle 1 of the activity of two learners. */
static char *
one_bundle(size_t *len)
{
	struct hs_error err;
	char *bytes;

	activity(2);
	ck_assert_int_eq(write_bundles(0), 1);
	bytes = util_read_file(bundle_path(1), BUNDLE_MAX_FILE, len, &err);
	ck_assert_ptr_nonnull(bytes);
	return bytes;
}

START_TEST(test_a_flipped_byte_anywhere_is_refused)
{
	static const unsigned char flips[] = { 0x01, 0x80, 0xff };
	struct hs_error err;
	struct bundle b;
	size_t len, i, f;
	char *bytes;

	bytes = one_bundle(&len);
	ck_assert_int_eq(bundle_read_mem(bytes, len, key_of, NULL, NULL, 0, &b,
	    &err), 0);
	bundle_free(&b);
	for (i = 0; i < len; i++)
		for (f = 0; f < sizeof flips; f++) {
			bytes[i] ^= flips[f];
			ck_assert_msg(bundle_read_mem(bytes, len, key_of, NULL,
			    NULL, 0, &b, &err) != 0, "byte %zu of %zu ^ 0x%02x "
			    "was taken", i, len, flips[f]);
			bytes[i] ^= flips[f];
		}
	free(bytes);
}
END_TEST

START_TEST(test_a_cut_bundle_is_refused)
{
	struct hs_error err;
	struct bundle b;
	size_t len, n;
	char *bytes;

	bytes = one_bundle(&len);
	for (n = 0; n < len; n++)
		ck_assert_msg(bundle_read_mem(bytes, n, key_of, NULL, NULL, 0,
		    &b, &err) != 0, "cut at %zu of %zu was taken", n, len);
	free(bytes);
}
END_TEST

START_TEST(test_another_key_is_refused)
{
	struct hs_error err;
	struct bundle b;
	size_t len;
	char *bytes;

	/* given a bundle of this device, and a reader who knows another key
	 * for it */
	bytes = one_bundle(&len);
	ck_assert_int_eq(bundle_read_mem(bytes, len, key_of, &other_pub, NULL,
	    0, &b, &err), HS_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "not signed by that device"));
	free(bytes);
}
END_TEST

START_TEST(test_a_bundle_claiming_another_device_is_refused)
{
	struct bundle_source src = { OTHER_DEVICE, "", HOME, &key };
	struct hs_error err;
	struct bundle b;
	struct rows r;
	char path[4400];

	/* given a bundle signed by this device's key that says it is from
	 * OTHER_DEVICE, whose key the reader knows */
	activity(1);
	rows_load(&r);
	snprintf(path, sizeof path, "%s/liar.hsb", out);
	ck_assert_int_eq(bundle_write_events(&src, 1, 0, r.e, r.n, path, NULL,
	    &err), 0);
	/* then it is refused */
	ck_assert_int_eq(bundle_read(path, key_of, NULL, NULL, 0, &b, &err),
	    HS_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, OTHER_DEVICE));
	/* and a device nobody enrolled is not known at all */
	src.device = "00000000-0000-4000-8000-0000000000bb";
	ck_assert_int_eq(bundle_write_events(&src, 1, 0, r.e, r.n, path, NULL,
	    &err), 0);
	ck_assert_int_eq(bundle_read(path, key_of, NULL, NULL, 0, &b, &err),
	    HS_ENOTFOUND);
	rows_free(&r);
}
END_TEST


START_TEST(test_manifest_names_the_learners_classes)
{
	struct hs_error err;
	struct bundle b;
	sqlite3 *db = store_db(store);
	sqlite3_stmt *st;
	char path[4400], name[128], uuid[40];
	const char *cls;

	/* given three learners, the second in class "Lớp 5B", the others
	 * in none */
	activity(3);
	ck_assert_int_eq(sqlite3_exec(db, "INSERT INTO classes (uuid, name,"
	    " created_at) VALUES ('c1', 'Lớp 5B', '2026-01-01T00:00:00.000Z');"
	    "UPDATE learners SET class_id = 1 WHERE id = 2", NULL, NULL, NULL),
	    SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT uuid FROM learners"
	    " WHERE id = 2", -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	snprintf(uuid, sizeof uuid, "%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	/* when the events are packed */
	ck_assert_int_eq(write_bundles(0), 1);
	bundle_name(device, 1, name, sizeof name);
	snprintf(path, sizeof path, "%s/%s", out, name);
	ck_assert_int_eq(bundle_read(path, key_of, NULL, NULL, 0, &b, &err), 0);
	/* then the manifest names that learner's class, and only theirs */
	ck_assert_ptr_nonnull(b.m.classes);
	ck_assert_int_eq(json_object_size(b.m.classes), 1);
	cls = json_string_value(json_object_get(b.m.classes, uuid));
	ck_assert_ptr_nonnull(cls);
	ck_assert_str_eq(cls, "Lớp 5B");
	bundle_free(&b);
	ck_assert_ptr_null(b.m.classes);
}
END_TEST

START_TEST(test_no_classes_no_field)
{
	struct hs_error err;
	struct bundle b;
	char path[4400], name[128];

	/* given learners in no class, the manifest has no "classes" */
	activity(2);
	ck_assert_int_eq(write_bundles(0), 1);
	bundle_name(device, 1, name, sizeof name);
	snprintf(path, sizeof path, "%s/%s", out, name);
	ck_assert_int_eq(bundle_read(path, key_of, NULL, NULL, 0, &b, &err), 0);
	ck_assert_ptr_null(b.m.classes);
	bundle_free(&b);
}
END_TEST

/* Bad "classes" values, each refused by the reader. */
static const char *bad_classes[] = {
	"[\"x\"]",
	"{\"not-a-uuid\": \"4A\"}",
	"{\"00000000-0000-4000-8000-000000000001\": \"\"}",
	"{\"00000000-0000-4000-8000-000000000001\": 4}",
	"{\"00000000-0000-4000-8000-000000000001\": \"a\\nb\"}",
	NULL,			/* a name of 129 bytes */
};

START_TEST(test_bad_classes_are_refused)
{
	struct bundle_source src = { device, "T01", HOME, &key };
	struct hs_error err;
	struct bundle b;
	struct rows r;
	char path[4400], name[200];
	json_t *classes;

	activity(1);
	rows_load(&r);
	if (bad_classes[_i] != NULL)
		classes = json_loads(bad_classes[_i], JSON_DECODE_ANY, NULL);
	else {
		memset(name, 'x', 129);
		name[129] = '\0';
		classes = json_pack("{s:s}",
		    "00000000-0000-4000-8000-000000000001", name);
	}
	ck_assert_ptr_nonnull(classes);
	snprintf(path, sizeof path, "%s/bad.hsb", out);
	/* a writer that does not check (the reader must) */
	ck_assert_int_eq(bundle_write_events_classes(&src, 1, 0, r.e, r.n,
	    classes, path, NULL, &err), 0);
	ck_assert_int_eq(bundle_read(path, key_of, NULL, NULL, 0, &b, &err),
	    HS_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "classes"));
	json_decref(classes);
	rows_free(&r);
}
END_TEST

START_TEST(test_sequence_gaps_are_found)
{
	struct bundle_expect ex;
	struct hs_error err;
	struct bundle b1, b2, b3;

	/* given three bundles in a row */
	activity(3);
	ck_assert_int_eq(write_bundles(12), 3);
	ck_assert_int_eq(bundle_read(bundle_path(1), key_of, NULL, NULL, 0, &b1,
	    &err), 0);
	ck_assert_int_eq(bundle_read(bundle_path(2), key_of, NULL, NULL, 0, &b2,
	    &err), 0);
	/* each follows the one before */
	ck_assert_int_eq(b1.m.after_seq, 0);
	ck_assert_int_eq(b2.m.after_seq, b1.m.last_seq);
	ck_assert_int_eq(b2.m.first_seq, b1.m.last_seq + 1);
	/* when the third arrives where the second was expected */
	ex.number = 2;
	ex.after_seq = b1.m.last_seq;
	ck_assert_int_eq(bundle_read(bundle_path(3), key_of, NULL, &ex, 0, &b3,
	    &err), HS_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "bundle 3"));
	/* or after the first without the right number: the gap is seen */
	ex.number = -1;
	ck_assert_int_eq(bundle_read(bundle_path(3), key_of, NULL, &ex, 0, &b3,
	    &err), HS_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "missing"));
	/* and the second again, after it was stored, is seen as a replay */
	ex.after_seq = b2.m.last_seq;
	ck_assert_int_eq(bundle_read(bundle_path(2), key_of, NULL, &ex, 0, &b3,
	    &err), HS_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "already"));
	bundle_free(&b1);
	bundle_free(&b2);
}
END_TEST

/* A hand-made events.bin with a bad header is refused, not read. */
START_TEST(test_compact_refuses_a_bad_header)
{
	static const unsigned char lies[][16] = {
		"HSEV\x01\xff\xff\x03\x01\x0e",	/* 65535 events in 16 bytes */
		"HSEV\x03",			/* version 3 */
		"XXXX\x01\x00\x00\x0e",		/* no magic */
		"HSEV\x01\x01\x01\x0d",		/* 13 streams, not 14 */
	};
	struct compact_events ev;
	struct hs_error err;
	unsigned i;

	for (i = 0; i < sizeof lies / sizeof *lies; i++) {
		ck_assert_int_eq(compact_read(lies[i], sizeof lies[i], &ev,
		    &err), HS_EINVAL);
		compact_events_free(&ev);
	}
}
END_TEST

/* The fuzzing seeds (tests/fuzz/bundle-corpus), each with its outcome:
 * made by hand to reach every refusal past the signature too. */
#define FUZZ_DEVICE "00000000-0000-4000-8000-00000000f022"

static struct keys_public fuzz_pub;

static int
fuzz_key(const char *dev, struct keys_public *k, void *ctx)
{
	if (strcmp(dev, FUZZ_DEVICE) != 0)
		return HS_ENOTFOUND;
	*k = fuzz_pub;
	return 0;
}

static const struct corpus_case {
	const char *file;
	int rc;
	const char *says;
} corpus[] = {
	/* Format 1, whose events carry random ids: refused since format 2
	 * (the ids must be the signing key's, docs/bundle-format.md). */
	{ "good.hsb", HS_EINVAL, "not the one its device's key gives" },
	{ "odd-events.hsb", HS_EINVAL, "not the one its device's key gives" },
	{ "flipped.hsb", HS_EINVAL, "damaged" },
	{ "cut.hsb", HS_EINVAL, "damaged" },
	{ "other-key.hsb", HS_EINVAL, "not signed by that device's key" },
	{ "unknown-device.hsb", HS_ENOTFOUND, "not enrolled" },
	{ "bad-hash.hsb", HS_EINVAL, "SHA-256 of events.bin" },
	{ "four-files.hsb", HS_EINVAL, "more than its three files" },
	{ "events.bin", HS_EINVAL, "not a hocso bundle" },
};

START_TEST(test_corpus_outcomes)
{
	const struct corpus_case *c = &corpus[_i];
	struct hs_error err;
	struct bundle b;
	char path[4096];
	int rc;

	ck_assert_int_eq(keys_read_public(FUZZ_DIR "/fuzz.pub", &fuzz_pub,
	    &err), 0);
	snprintf(path, sizeof path, "%s/%s", BUNDLE_CORPUS, c->file);
	rc = bundle_read(path, fuzz_key, NULL, NULL, 0, &b, &err);
	ck_assert_msg(rc == c->rc, "%s: %d (%s)", c->file, rc, err.msg);
	if (rc == 0)
		bundle_free(&b);
	else
		ck_assert_msg(strstr(err.msg, c->says) != NULL, "%s: %s",
		    c->file, err.msg);
}
END_TEST

/* A bundle of format 1 left in the outbox by an older hocso: its ids are
 * not the derived ones, so the server refuses it; the outbox drops it and
 * its events are packed again (docs/bundle-format.md). */
START_TEST(test_outbox_repacks_format_1)
{
	struct hs_error err;
	struct outbox o;
	struct bundle b;
	char from[4400], to[4400], name[128], num[32], *bytes;
	size_t len;

	/* given a device whose key is the fuzzing key, with the corpus's
	 * format 1 bundle in its outbox */
	ck_assert_int_eq(keys_read_public(FUZZ_DIR "/fuzz.pub", &fuzz_pub,
	    &err), 0);
	snprintf(from, sizeof from, "%s/good.hsb", BUNDLE_CORPUS);
	ck_assert_int_eq(bundle_read(from, fuzz_key, NULL, NULL,
	    BUNDLE_NO_EVENTS, &b, &err), 0);
	ck_assert_int_eq(b.m.format, 1);
	ck_assert_int_eq(fileio_read(FUZZ_DIR "/fuzz.key", 4096, &bytes, &len,
	    &err), 0);
	/* the key names the device it was made for, as a device's own key
	 * does (a key of another name is refused: a replaced store) */
	{
		char b64[128], line[512];
		int n;

		ck_assert_int_eq(sscanf(bytes, "hocso-ed25519-secret %127s",
		    b64), 1);
		n = snprintf(line, sizeof line, "hocso-ed25519-secret %s %s\n",
		    b64, FUZZ_DEVICE);
		snprintf(to, sizeof to, "%s/device.key", data);
		ck_assert_int_eq(fileio_write(to, line, (size_t)n, 0600, &err),
		    0);
	}
	free(bytes);
	ck_assert_int_eq(store_meta_set(store, "device_id", FUZZ_DEVICE, &err),
	    0);
	snprintf(num, sizeof num, "%lld", b.m.last_seq);
	ck_assert_int_eq(store_meta_set(store, OUTBOX_BUNDLED_SEQ, num, &err),
	    0);
	snprintf(num, sizeof num, "%lld", b.m.number);
	ck_assert_int_eq(store_meta_set(store, OUTBOX_BUNDLE_NO, num, &err), 0);
	snprintf(to, sizeof to, "%s/outbox", data);
	ck_assert_int_eq(util_mkdir_p(to, &err), 0);
	bundle_name(FUZZ_DEVICE, b.m.number, name, sizeof name);
	snprintf(to, sizeof to, "%s/outbox/%s", data, name);
	ck_assert_int_eq(fileio_read(from, BUNDLE_MAX_FILE, &bytes, &len,
	    &err), 0);
	ck_assert_int_eq(fileio_write(to, bytes, len, 0644, &err), 0);
	free(bytes);
	bundle_free(&b);
	/* when the outbox is opened */
	ck_assert_msg(outbox_open(&o, data, store, &err) == 0, "%s", err.msg);
	/* then the bundle is gone, to be packed again from the last
	 * acknowledged event, and the device kept its id */
	ck_assert_int_eq(access(to, F_OK), -1);
	ck_assert_int_eq(o.repacked, 1);
	ck_assert_int_eq(o.bundled, 0);
	ck_assert_str_eq(o.device, FUZZ_DEVICE);
	outbox_close(&o);
}
END_TEST

/*
 * The outbox, receipts and the USB folder.
 */

static void
put_receipt(const char *folder, const struct outbox_entry *e,
    long long acked, const struct keys_secret *sign)
{
	struct hs_error err;
	struct receipt r;
	char name[128], path[4400], *text;
	size_t len;

	memset(&r, 0, sizeof r);
	snprintf(r.device, sizeof r.device, "%s", device);
	r.number = e->number;
	memcpy(r.sha256, e->sha256, 65);
	r.acked_seq = acked;
	r.stored = e->count;
	snprintf(r.received, sizeof r.received, "2026-12-01T08:00:00.000Z");
	text = receipt_text(&r, sign, &len);
	receipt_name(device, e->number, name, sizeof name);
	snprintf(path, sizeof path, "%s/%s", folder, name);
	ck_assert_int_eq(fileio_write(path, text, len, 0644, &err), 0);
	free(text);
}

START_TEST(test_outbox_waits_for_receipts)
{
	struct outbox_entry *l, *l2;
	struct hs_error err;
	struct outbox o;
	long long events, waiting;
	char usb[4300], path[4400];
	int n, n2, bundles, written, already, applied, seen, bad;

	snprintf(usb, sizeof usb, "%s/usb", dir);
	ck_assert_int_eq(util_mkdir_p(usb, &err), 0);
	activity(4);
	/* given an outbox with three bundles, written to the stick */
	ck_assert_int_eq(outbox_open(&o, data, store, &err), 0);
	/* (a new device takes the id its key gives) */
	snprintf(device, sizeof device, "%s", o.device);
	ck_assert_int_eq(outbox_fill(&o, 20, 0, &bundles, &events, &err), 0);
	ck_assert_int_eq(bundles, 3);
	ck_assert_int_eq(events, 48);
	ck_assert_int_eq(outbox_to_dir(&o, usb, &written, &already, &events,
	    &err), 0);
	ck_assert_int_eq(written, 3);
	/* a second time, nothing is written twice */
	ck_assert_int_eq(outbox_to_dir(&o, usb, &written, &already, &events,
	    &err), 0);
	ck_assert_int_eq(written, 0);
	ck_assert_int_eq(already, 3);
	ck_assert_int_eq(outbox_list(&o, &l, &n, &err), 0);
	ck_assert_int_eq(n, 3);
	/* a device key was made, secret 0600 */
	snprintf(path, sizeof path, "%s/device.key", data);
	{
		struct stat st;

		ck_assert_int_eq(stat(path, &st), 0);
		ck_assert_int_eq(st.st_mode & 0777, 0600);
	}
	/* when a receipt names the first bundle with other contents */
	memset(l[0].sha256, 'a', 64);
	put_receipt(usb, &l[0], l[0].last_seq, NULL);
	ck_assert_int_eq(outbox_from_dir(&o, usb, NULL, NULL, &applied, &seen,
	    &bad, &err), 0);
	/* then it is refused, and nothing leaves the outbox */
	ck_assert_int_eq(bad, 1);
	ck_assert_int_eq(applied, 0);
	ck_assert_int_eq(outbox_list(&o, &l2, &n2, &err), 0);
	ck_assert_int_eq(n2, 3);
	free(l2);
	free(l);
	/* when good receipts for the first two arrive */
	ck_assert_int_eq(outbox_list(&o, &l, &n, &err), 0);
	put_receipt(usb, &l[0], l[0].last_seq, NULL);
	put_receipt(usb, &l[1], l[1].last_seq, NULL);
	ck_assert_int_eq(outbox_from_dir(&o, usb, NULL, NULL, &applied, &seen,
	    &bad, &err), 0);
	ck_assert_int_eq(applied + seen, 2);
	ck_assert_int_eq(bad, 0);
	/* then those two leave the outbox; the third still waits */
	ck_assert_int_eq(o.acked, l[1].last_seq);
	ck_assert_int_eq(outbox_list(&o, &l2, &n2, &err), 0);
	ck_assert_int_eq(n2, 1);
	ck_assert_int_eq(l2[0].number, 3);
	free(l2);
	ck_assert_int_eq(outbox_waiting(&o, &waiting, &err), 0);
	ck_assert_int_eq(waiting, 48 - l[1].last_seq);
	/* and the same receipts again change nothing */
	ck_assert_int_eq(outbox_from_dir(&o, usb, NULL, NULL, &applied, &seen,
	    &bad, &err), 0);
	ck_assert_int_eq(applied, 0);
	ck_assert_int_eq(seen, 2);
	outbox_close(&o);

	/* when the device is enrolled (it knows the server's key), an
	 * unsigned receipt is refused and a signed one taken */
	snprintf(path, sizeof path, "%s/server.pub", data);
	ck_assert_int_eq(keys_write_public(path, &other_pub, &err), 0);
	ck_assert_int_eq(outbox_open(&o, data, store, &err), 0);
	/* (a new device takes the id its key gives) */
	snprintf(device, sizeof device, "%s", o.device);
	ck_assert_int_eq(o.acked, l[1].last_seq);
	put_receipt(usb, &l[2], l[2].last_seq, NULL);
	ck_assert_int_eq(outbox_from_dir(&o, usb, NULL, NULL, &applied, &seen,
	    &bad, &err), 0);
	ck_assert_int_eq(bad, 1);
	put_receipt(usb, &l[2], l[2].last_seq, &key);	/* not the server */
	ck_assert_int_eq(outbox_from_dir(&o, usb, NULL, NULL, &applied, &seen,
	    &bad, &err), 0);
	ck_assert_int_eq(bad, 1);
	put_receipt(usb, &l[2], l[2].last_seq, &other);
	ck_assert_int_eq(outbox_from_dir(&o, usb, NULL, NULL, &applied, &seen,
	    &bad, &err), 0);
	ck_assert_int_eq(applied, 1);
	ck_assert_int_eq(outbox_list(&o, &l2, &n2, &err), 0);
	ck_assert_int_eq(n2, 0);
	free(l2);
	ck_assert_int_eq(outbox_waiting(&o, &waiting, &err), 0);
	ck_assert_int_eq(waiting, 0);
	/* new activity goes into bundle 4, after the last acknowledged */
	outbox_close(&o);
	free(l);
	activity(1);
	ck_assert_int_eq(outbox_open(&o, data, store, &err), 0);
	/* (a new device takes the id its key gives) */
	snprintf(device, sizeof device, "%s", o.device);
	ck_assert_int_eq(outbox_fill(&o, 20, 0, &bundles, &events, &err), 0);
	ck_assert_int_eq(bundles, 1);
	ck_assert_int_eq(outbox_list(&o, &l, &n, &err), 0);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(l[0].number, 4);
	ck_assert_int_eq(l[0].after_seq, 48);
	free(l);
	outbox_close(&o);
}
END_TEST

START_TEST(test_outbox_mends_itself)
{
	struct outbox_entry *l;
	struct hs_error err;
	struct outbox o, o2;
	long long events;
	char path[4400], name[128];
	int n, bundles, fd;

	activity(3);
	ck_assert_int_eq(outbox_open(&o, data, store, &err), 0);
	/* (a new device takes the id its key gives) */
	snprintf(device, sizeof device, "%s", o.device);
	/* one sync at a time */
	ck_assert_int_eq(outbox_open(&o2, data, store, &err), HS_EIO);
	ck_assert_int_eq(outbox_fill(&o, 12, 0, &bundles, &events, &err), 0);
	ck_assert_int_eq(bundles, 3);
	outbox_close(&o);
	/* given the second bundle damaged on disk */
	bundle_name(device, 2, name, sizeof name);
	snprintf(path, sizeof path, "%s/outbox/%s", data, name);
	fd = open(path, O_WRONLY);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, "junk", 4), 4);
	close(fd);
	/* when the outbox is opened, its events are packed again, under new
	 * numbers */
	ck_assert_int_eq(outbox_open(&o, data, store, &err), 0);
	/* (a new device takes the id its key gives) */
	snprintf(device, sizeof device, "%s", o.device);
	ck_assert_int_eq(o.repacked, 3);
	ck_assert_int_eq(o.bundled, 0);
	ck_assert_int_eq(outbox_fill(&o, 12, 0, &bundles, &events, &err), 0);
	ck_assert_int_eq(bundles, 3);
	ck_assert_int_eq(events, 36);
	ck_assert_int_eq(outbox_list(&o, &l, &n, &err), 0);
	ck_assert_int_eq(n, 3);
	ck_assert_int_eq(l[0].number, 4);
	ck_assert_int_eq(l[0].after_seq, 0);
	free(l);
	outbox_close(&o);
	/* the damaged file is kept aside for whoever wants to look */
	strcat(path, ".damaged");
	ck_assert_int_eq(access(path, F_OK), 0);
}
END_TEST

static Suite *
bundle_suite(void)
{
	Suite *s = suite_create("bundle");
	TCase *tc = tcase_create("statements");

	tcase_add_loop_test(tc, test_each_verb_gives_a_valid_statement, 0,
	    sizeof verb_cases / sizeof *verb_cases);
	tcase_add_loop_test(tc, test_validator_refuses_bad_statements, 0,
	    sizeof bad_statements / sizeof *bad_statements);
	tcase_add_test(tc, test_validator_takes_a_good_foreign_statement);
	tcase_add_test(tc, test_durations_and_odd_events_still_validate);
	suite_add_tcase(s, tc);

	tc = tcase_create("bundles");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_every_stored_event_gives_a_valid_statement);
	tcase_add_test(tc, test_round_trip_gives_the_same_statements);
	tcase_add_test(tc, test_odd_events_round_trip_exactly);
	tcase_add_test(tc, test_event_ids_are_derived_from_the_key);
	tcase_add_test(tc, test_a_flipped_byte_anywhere_is_refused);
	tcase_add_test(tc, test_a_cut_bundle_is_refused);
	tcase_add_test(tc, test_another_key_is_refused);
	tcase_add_test(tc, test_a_bundle_claiming_another_device_is_refused);
	tcase_add_test(tc, test_sequence_gaps_are_found);
	tcase_add_test(tc, test_manifest_names_the_learners_classes);
	tcase_add_test(tc, test_no_classes_no_field);
	tcase_add_loop_test(tc, test_bad_classes_are_refused, 0,
	    (int)(sizeof bad_classes / sizeof bad_classes[0]));
	tcase_add_test(tc, test_compact_refuses_a_bad_header);
	tcase_add_loop_test(tc, test_corpus_outcomes, 0,
	    sizeof corpus / sizeof *corpus);
	tcase_add_test(tc, test_outbox_waits_for_receipts);
	tcase_add_test(tc, test_outbox_mends_itself);
	tcase_add_test(tc, test_outbox_repacks_format_1);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(bundle_suite)

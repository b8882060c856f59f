/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check_store.c: the SQLite store: creation, pragmas, migration, refusal
 * of a newer or broken file, append-only events, and several processes
 * writing at once.
 */
#include "config.h"

#include <sys/wait.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/store.h"
#include "sync/devstore.h"
#include "tests/testutil.h"

static char db_path[4200];
static char dir[4096];

static void
setup(void)
{
	snprintf(dir, sizeof dir, "%s", test_tmpdir());
	snprintf(db_path, sizeof db_path, "%s/hocso.db", dir);
}

static void
teardown(void)
{
	test_rmtree(dir);
}

static long long
query_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	long long v;

	ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void
append_event(struct store *s, const char *object)
{
	struct store_event ev = { "actor-1", "experienced", object, NULL,
	    NULL, "vi", 0, 0, -1, -1, -1 };
	struct hs_error err;

	ck_assert_int_eq(store_begin(s, &err), 0);
	ck_assert_int_eq(store_event_append(s, &ev, &err), 0);
	ck_assert_int_eq(store_commit(s, &err), 0);
}

START_TEST(test_fresh_store_has_latest_schema)
{
	struct store *s;
	struct hs_error err;
	char id[64];

	/* given no file; when it is opened */
	ck_assert_int_eq(devstore_open(db_path, &s, &err), 0);
	/* then it is at the latest version with a device id */
	ck_assert_int_eq(store_version(s), DEVSTORE_VERSION);
	ck_assert_int_eq(query_int(store_db(s), "PRAGMA user_version"),
	    DEVSTORE_VERSION);
	ck_assert_int_eq(store_meta_get(s, "device_id", id, sizeof id, &err), 0);
	ck_assert_int_eq((int)strlen(id), 36);
	ck_assert_int_eq(query_int(store_db(s), "SELECT count(*) FROM "
	    "sqlite_master WHERE name IN ('events', 'learners', 'attempts',"
	    " 'answers', 'lesson_progress', 'meta')"), 6);
	store_close(s);
}
END_TEST

START_TEST(test_pragmas_in_force)
{
	struct store *s;
	struct hs_error err;
	sqlite3_stmt *st;

	ck_assert_int_eq(devstore_open(db_path, &s, &err), 0);
	ck_assert_int_eq(sqlite3_prepare_v2(store_db(s), "PRAGMA journal_mode",
	    -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	ck_assert_str_eq((const char *)sqlite3_column_text(st, 0), "wal");
	sqlite3_finalize(st);
	ck_assert_int_eq(query_int(store_db(s), "PRAGMA synchronous"), 2);
	ck_assert_int_eq(query_int(store_db(s), "PRAGMA foreign_keys"), 1);
	ck_assert_int_eq(query_int(store_db(s), "PRAGMA busy_timeout"),
	    STORE_BUSY_MS);
	store_close(s);
}
END_TEST

START_TEST(test_migration_keeps_data)
{
	struct store *s;
	struct hs_error err;
	char before[64], after[64];

	/* given a store at version 1 with a learner and an event */
	ck_assert_int_eq(devstore_open_at_version(db_path, 1, &s, &err), 0);
	ck_assert_int_eq(store_version(s), 1);
	ck_assert_int_eq(sqlite3_exec(store_db(s), "INSERT INTO learners "
	    "(uuid, name, created_at) VALUES ('u-1', 'Lan', 'now')", NULL, NULL,
	    NULL), SQLITE_OK);
	append_event(s, "urn:old");
	ck_assert_int_eq(store_meta_get(s, "device_id", before, sizeof before,
	    &err), 0);
	ck_assert_int_eq(query_int(store_db(s), "SELECT count(*) FROM "
	    "sqlite_master WHERE name = 'attempts'"), 0);
	store_close(s);
	/* when this version opens it */
	ck_assert_int_eq(devstore_open(db_path, &s, &err), 0);
	/* then it is migrated and nothing was lost */
	ck_assert_int_eq(query_int(store_db(s), "PRAGMA user_version"),
	    DEVSTORE_VERSION);
	ck_assert_int_eq(query_int(store_db(s), "SELECT count(*) FROM learners"
	    " WHERE name = 'Lan'"), 1);
	ck_assert_int_eq(query_int(store_db(s), "SELECT count(*) FROM events"),
	    1);
	ck_assert_int_eq(query_int(store_db(s), "SELECT count(*) FROM "
	    "sqlite_master WHERE name = 'attempts'"), 1);
	ck_assert_int_eq(store_meta_get(s, "device_id", after, sizeof after,
	    &err), 0);
	ck_assert_str_eq(before, after);
	store_close(s);
}
END_TEST

START_TEST(test_migration_5_to_6_adds_alerts)
{
	struct store *s;
	struct hs_error err;

	/* given a store at version 5 with a learner's screen time */
	ck_assert_int_eq(devstore_open_at_version(db_path, 5, &s, &err), 0);
	ck_assert_int_eq(sqlite3_exec(store_db(s), "INSERT INTO learners "
	    "(uuid, name, created_at) VALUES ('u-1', 'Lan', 'now');"
	    "INSERT INTO screen_time (learner_id, day, seconds) VALUES "
	    "(1, '2026-11-28', 600)", NULL, NULL, NULL), SQLITE_OK);
	append_event(s, "urn:v5");
	ck_assert_int_eq(query_int(store_db(s), "SELECT count(*) FROM "
	    "sqlite_master WHERE name IN ('alerts', 'alert_reads')"), 0);
	store_close(s);
	/* when version 6 opens it (later steps are tested with their
	 * tables) */
	ck_assert_int_eq(devstore_open_at_version(db_path, 6, &s, &err), 0);
	/* then it has the alert tables and kept the rest */
	ck_assert_int_eq(query_int(store_db(s), "PRAGMA user_version"), 6);
	ck_assert_int_eq(query_int(store_db(s), "SELECT count(*) FROM "
	    "sqlite_master WHERE name IN ('alerts', 'alert_reads')"), 2);
	ck_assert_int_eq(query_int(store_db(s), "SELECT seconds FROM "
	    "screen_time WHERE day = '2026-11-28'"), 600);
	ck_assert_int_eq(query_int(store_db(s), "SELECT count(*) FROM events"),
	    1);
	/* an alert is kept once by id; a read points at a kept alert */
	ck_assert_int_eq(sqlite3_exec(store_db(s), "INSERT INTO alerts (id, "
	    "number, received, body) VALUES ('a', 1, 'now', '[alert]');"
	    "INSERT INTO alert_reads (alert_id, learner, read_at) VALUES "
	    "('a', 'u-1', 'now')", NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_ne(sqlite3_exec(store_db(s), "INSERT INTO alerts (id, "
	    "number, received, body) VALUES ('a', 2, 'now', '[alert]')", NULL,
	    NULL, NULL), SQLITE_OK);
	ck_assert_int_ne(sqlite3_exec(store_db(s), "INSERT INTO alert_reads "
	    "(alert_id, learner, read_at) VALUES ('a', 'u-1', 'later')", NULL,
	    NULL, NULL), SQLITE_OK);
	ck_assert_int_ne(sqlite3_exec(store_db(s), "INSERT INTO alert_reads "
	    "(alert_id, learner, read_at) VALUES ('none', 'u-1', 'now')", NULL,
	    NULL, NULL), SQLITE_OK);
	store_close(s);
}
END_TEST

START_TEST(test_newer_store_is_refused_untouched)
{
	struct store *s;
	struct hs_error err;
	sqlite3 *db;

	ck_assert_int_eq(devstore_open(db_path, &s, &err), 0);
	append_event(s, "urn:kept");
	ck_assert_int_eq(sqlite3_exec(store_db(s), "PRAGMA user_version = 99",
	    NULL, NULL, NULL), SQLITE_OK);
	store_close(s);

	ck_assert_int_eq(devstore_open(db_path, &s, &err), HS_ESTORE);
	ck_assert_ptr_null(s);
	ck_assert_ptr_nonnull(strstr(err.msg, "newer"));
	ck_assert_str_eq(err.file, db_path);

	ck_assert_int_eq(sqlite3_open(db_path, &db), SQLITE_OK);
	ck_assert_int_eq(query_int(db, "PRAGMA user_version"), 99);
	ck_assert_int_eq(query_int(db, "SELECT count(*) FROM events"), 1);
	sqlite3_close(db);
}
END_TEST

START_TEST(test_not_a_database_is_refused_untouched)
{
	const char junk[] = "this is not a database, it is a lesson\n";
	struct store *s;
	struct hs_error err;
	char buf[128] = "";
	FILE *f;

	test_write(dir, "hocso.db", junk);
	ck_assert_int_ne(devstore_open(db_path, &s, &err), 0);
	ck_assert_ptr_null(s);
	ck_assert_ptr_nonnull(strstr(err.msg, "not a database"));
	f = fopen(db_path, "r");
	ck_assert_ptr_nonnull(f);
	ck_assert_ptr_nonnull(fgets(buf, sizeof buf, f));
	fclose(f);
	ck_assert_str_eq(buf, junk);
}
END_TEST

START_TEST(test_events_are_append_only)
{
	struct store *s;
	struct hs_error err;

	ck_assert_int_eq(devstore_open(db_path, &s, &err), 0);
	append_event(s, "urn:a");
	ck_assert_int_ne(sqlite3_exec(store_db(s), "UPDATE events SET verb = "
	    "'x'", NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_ne(sqlite3_exec(store_db(s), "DELETE FROM events", NULL,
	    NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(query_int(store_db(s), "SELECT count(*) FROM events"
	    " WHERE verb = 'experienced'"), 1);
	store_close(s);
}
END_TEST

START_TEST(test_rollback_leaves_no_event)
{
	struct store_event ev = { "a", "answered", "urn:q", NULL, NULL, NULL,
	    0, 0, -1, -1, -1 };
	struct store *s;
	struct hs_error err;

	ck_assert_int_eq(devstore_open(db_path, &s, &err), 0);
	ck_assert_int_eq(store_begin(s, &err), 0);
	ck_assert_int_eq(store_event_append(s, &ev, &err), 0);
	store_rollback(s);
	ck_assert_int_eq(query_int(store_db(s), "SELECT count(*) FROM events"),
	    0);
	store_close(s);
}
END_TEST

#define WRITERS 4
#define WRITES 150

START_TEST(test_processes_write_at_once)
{
	struct store *s;
	struct hs_error err;
	pid_t pids[WRITERS];
	int i, status, failures = 0;

	/* given a store; when several processes each commit many events at
	 * the same time */
	ck_assert_int_eq(devstore_open(db_path, &s, &err), 0);
	store_close(s);
	for (i = 0; i < WRITERS; i++) {
		pids[i] = fork();
		ck_assert_int_ge(pids[i], 0);
		if (pids[i] == 0) {
			struct store_event ev = { "actor", "answered", "urn:w",
			    NULL, NULL, NULL, 0, 0, -1, -1, -1 };
			int n, bad = 0;

			if (devstore_open(db_path, &s, &err) != 0)
				_exit(100);
			for (n = 0; n < WRITES; n++) {
				if (store_begin(s, &err) != 0 ||
				    store_event_append(s, &ev, &err) != 0 ||
				    store_commit(s, &err) != 0)
					bad++;
			}
			store_close(s);
			_exit(bad > 99 ? 99 : bad);
		}
	}
	for (i = 0; i < WRITERS; i++) {
		ck_assert_int_eq(waitpid(pids[i], &status, 0), pids[i]);
		ck_assert(WIFEXITED(status));
		failures += WEXITSTATUS(status);
	}
	/* then none saw SQLITE_BUSY and no write was lost */
	ck_assert_int_eq(failures, 0);
	ck_assert_int_eq(devstore_open(db_path, &s, &err), 0);
	ck_assert_int_eq(query_int(store_db(s), "SELECT count(*) FROM events"),
	    WRITERS * WRITES);
	ck_assert_int_eq(query_int(store_db(s), "SELECT count(DISTINCT uuid) "
	    "FROM events"), WRITERS * WRITES);
	store_close(s);
}
END_TEST

/* A kind of database of a test's own: two steps. */
static const struct store_migration toy_steps[] = {
	{ 1, "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	    "CREATE TABLE toys (name TEXT);" },
	{ 2, "ALTER TABLE toys ADD COLUMN colour TEXT;" },
};
static const struct store_schema toy_schema = {
	.program = "toybox",
	.steps = toy_steps,
	.nsteps = 2,
};

START_TEST(test_a_kind_migrates_by_its_own_steps)
{
	struct store *s;
	struct hs_error err;
	char v[16];

	/* given a toy database at version 1 with a row */
	ck_assert_int_eq(store_open_schema(db_path, &toy_schema, 1, &s, &err),
	    0);
	ck_assert_int_eq(store_version(s), 1);
	ck_assert_int_eq(sqlite3_exec(store_db(s), "INSERT INTO toys (name)"
	    " VALUES ('ball')", NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(store_meta_put(s, "toy.key", "x", &err), 0);
	store_close(s);
	/* when it is opened at the latest version */
	ck_assert_int_eq(store_open_schema(db_path, &toy_schema, STORE_LATEST,
	    &s, &err), 0);
	/* then it has the second step, its row and its meta, and none of
	 * the device's tables */
	ck_assert_int_eq(query_int(store_db(s), "PRAGMA user_version"), 2);
	ck_assert_int_eq(query_int(store_db(s), "SELECT count(*) FROM toys"
	    " WHERE name = 'ball' AND colour IS NULL"), 1);
	ck_assert_int_eq(store_meta_get(s, "toy.key", v, sizeof v, &err), 0);
	ck_assert_str_eq(v, "x");
	ck_assert_int_eq(query_int(store_db(s), "SELECT count(*) FROM "
	    "sqlite_master WHERE name IN ('events', 'learners')"), 0);
	ck_assert_int_eq(sqlite3_exec(store_db(s), "PRAGMA user_version = 3",
	    NULL, NULL, NULL), SQLITE_OK);
	store_close(s);
	/* and a file from a newer toybox is refused by name */
	ck_assert_int_eq(store_open_schema(db_path, &toy_schema, STORE_LATEST,
	    &s, &err), HS_ESTORE);
	ck_assert_ptr_nonnull(strstr(err.msg, "newer toybox"));
}
END_TEST

START_TEST(test_a_set_clock_stamps_events)
{
	struct store *s;
	struct hs_error err;
	sqlite3_stmt *st;

	/* given the clock set to a known instant */
	clock_set_ms(1795888006123LL);
	ck_assert_int_eq(devstore_open(db_path, &s, &err), 0);
	/* when an event is appended */
	append_event(s, "urn:hocso:m");
	/* then it carries that instant */
	ck_assert_int_eq(sqlite3_prepare_v2(store_db(s), "SELECT ts FROM events",
	    -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	ck_assert_str_eq((const char *)sqlite3_column_text(st, 0),
	    "2026-11-28T17:46:46.123Z");
	sqlite3_finalize(st);
	store_close(s);
	clock_set_ms(-1);
}
END_TEST

START_TEST(test_test_now_sets_the_clock)
{
	long long before;

	/* given HOCSO_TEST_NOW, as ISO 8601 and as milliseconds */
	ck_assert_int_eq(setenv(CLOCK_TEST_ENV, "2026-11-28T17:46:46Z", 1), 0);
	clock_set_ms(-1);
	/* then the clock stands at it */
	ck_assert_int_eq(clock_now_ms(), 1795888006000LL);
	ck_assert_int_eq(clock_now_ms(), 1795888006000LL);
	ck_assert_int_eq(setenv(CLOCK_TEST_ENV, "1795888006500", 1), 0);
	clock_set_ms(-1);
	ck_assert_int_eq(clock_now_ms(), 1795888006500LL);
	/* and without it the clock is the real one, and moves */
	ck_assert_int_eq(unsetenv(CLOCK_TEST_ENV), 0);
	clock_set_ms(-1);
	before = clock_now_ms();
	ck_assert_int_ne(before, 1795888006500LL);
	while (clock_now_ms() == before)
		;
	ck_assert_int_gt(clock_now_ms(), before);
}
END_TEST

static Suite *
store_suite(void)
{
	Suite *s = suite_create("store");
	TCase *tc = tcase_create("store");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_fresh_store_has_latest_schema);
	tcase_add_test(tc, test_pragmas_in_force);
	tcase_add_test(tc, test_migration_keeps_data);
	tcase_add_test(tc, test_migration_5_to_6_adds_alerts);
	tcase_add_test(tc, test_newer_store_is_refused_untouched);
	tcase_add_test(tc, test_not_a_database_is_refused_untouched);
	tcase_add_test(tc, test_events_are_append_only);
	tcase_add_test(tc, test_rollback_leaves_no_event);
	tcase_add_test(tc, test_processes_write_at_once);
	tcase_add_test(tc, test_a_kind_migrates_by_its_own_steps);
	tcase_add_test(tc, test_a_set_clock_stamps_events);
	tcase_add_test(tc, test_test_now_sets_the_clock);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(store_suite)

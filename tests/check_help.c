/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check_help.c: the help a child asks for (issue 16): text_fold() as a
 * table, the help pages and their checks (bad ones refused at file:line,
 * through pack_check as hocso-pack and install run it), the FTS5 search
 * over the shipped curriculum's help, the requests and their triage in a
 * real store, the counts that leave the school as statements, and what
 * the server's ingest makes of a count.
 */
#include "config.h"

#include <sys/stat.h>

#include "core/clock.h"
#include "core/store.h"
#include "core/text.h"
#include "learn/model/helpindex.h"
#include "learn/model/helpreq.h"
#include "lessons/catalog.h"
#include "lessons/help.h"
#include "lessons/pack.h"
#include "sync/devstore.h"
#include "sync/statement.h"
#include "tests/testutil.h"

/* text_fold(): what a text and a child's query both become. */
static const struct {
	const char *in, *want;
} folds[] = {
	{ "bị bắt nạt", "bi bat nat" },
	{ "BỊ BẮT NẠT", "bi bat nat" },
	{ "Đe dọa, đòi tiền!", "de doa doi tien" },
	{ "đường", "duong" },
	/* the same letters as a base and combining marks (NFD) */
	{ "bi\xcc\xa3 ba\xcc\x86\xcc\x81t", "bi bat" },
	{ "  mã OTP:  123 ", "ma otp 123" },
	{ "\"bi\" OR nat* NEAR(", "bi or nat near" },	/* FTS5 syntax */
	{ "", "" },
	{ "?!", "" },
	{ "a\xff" "b", "a b" },		/* an invalid byte */
};

START_TEST(test_fold)
{
	char *got = text_fold(folds[_i].in, strlen(folds[_i].in));

	ck_assert_str_eq(got, folds[_i].want);
	free(got);
}
END_TEST

static const char good_page[] =
    "# Có người bắt nạt em\n"
    "keywords: bắt nạt, trêu chọc\n"
    "\n"
    "```art\n"
    " (T_T)\n"
    "```\n"
    "\n"
    "1. Đừng trả lời.\n"
    "2. Giữ bằng chứng,\n"
    "   chụp màn hình.\n"
    "3. Kể với người lớn.\n"
    "\n"
    "111: Gọi 111, miễn phí.\n"
    "adult: Kể với một người lớn em tin tưởng.\n";

START_TEST(test_page_read)
{
	const char *dir = test_tmpdir();
	struct help_page p;
	struct hs_error err;
	char path[4200];

	test_write(dir, "bullying.md", good_page);
	snprintf(path, sizeof path, "%s/bullying.md", dir);
	ck_assert_int_eq(help_page_read(path, &p, &err), 0);
	ck_assert_str_eq(p.title, "Có người bắt nạt em");
	ck_assert_str_eq(p.keywords, "bắt nạt, trêu chọc");
	ck_assert_str_eq(p.art, " (T_T)");
	ck_assert_int_eq(p.nsteps, 3);
	ck_assert_str_eq(p.steps[1], "Giữ bằng chứng, chụp màn hình.");
	ck_assert_str_eq(p.hotline, "Gọi 111, miễn phí.");
	ck_assert_str_eq(p.adult, "Kể với một người lớn em tin tưởng.");
	help_page_free(&p);
	test_rmtree(dir);
}
END_TEST

/* Bad pages, each refused with its line and why. */
static const struct {
	const char *text;
	int line;
	const char *why;
} bad_pages[] = {
	{ "Có người\n", 1, "starts with its title" },
	{ "# T\n```art\nx\n```\n1. a\n2. b\n111: Gọi 111\nadult: x\n", 8,
	  "2 steps" },
	{ "# T\n```art\nx\n```\n1. a\n2. b\n3. c\n4. d\n5. e\n6. f\n", 10,
	  "more than 5 steps" },
	{ "# T\n```art\nx\n```\n1. a\n3. b\n", 6, "step 3 comes after step 1" },
	{ "# T\n```art\nx\n```\n1. a\n2. b\n3. c\nadult: x\n", 8,
	  "no '111:' line" },
	{ "# T\n```art\nx\n```\n1. a\n2. b\n3. c\n111: Gọi 111\n", 8,
	  "no 'adult:' line" },
	{ "# T\n```art\nx\n```\n1. a\n2. b\n3. c\n111: gọi tổng đài\n", 8,
	  "must say the number 111" },
	{ "# T\n1. a\n2. b\n3. c\n111: 111\nadult: x\n", 6, "no picture" },
	{ "# T\n```art\nx\n", 2, "not closed" },
	{ "# T\n```art\n1\n2\n3\n4\n5\n6\n7\n8\n```\n", 10,
	  "more than 7 lines" },
	{ "# T\n```art\n0123456789012345678901234567890\n```\n", 3,
	  "more than 30 columns" },
	{ "# T\nHãy gọi 111 nhé\n", 2, "not part of a help page" },
};

START_TEST(test_page_bad)
{
	const char *dir = test_tmpdir();
	struct help_page p;
	struct hs_error err;
	char path[4200];

	test_write(dir, "x.md", bad_pages[_i].text);
	snprintf(path, sizeof path, "%s/x.md", dir);
	hs_error_clear(&err);
	ck_assert_int_eq(help_page_read(path, &p, &err), HS_EINVAL);
	ck_assert_str_eq(err.file, path);
	ck_assert_int_eq(err.line, bad_pages[_i].line);
	ck_assert_msg(strstr(err.msg, bad_pages[_i].why) != NULL, "%s",
	    err.msg);
	test_rmtree(dir);
}
END_TEST

struct problems {
	int n;
	char first[1024];
};

static void
keep(const struct hs_error *err, int warning, void *ctx)
{
	struct problems *p = ctx;

	if (warning)
		return;
	if (p->n++ == 0)
		hs_error_format(err, p->first, sizeof p->first);
}

/* The shipped help passes; the same module with one page broken or
 * missing, or a stray file, is refused naming the file (and line). */
START_TEST(test_pack_check)
{
	const char *dir = test_tmpdir();
	struct problems p = { 0 };
	char cmd[16800], mod[4200];

	ck_assert_int_eq(pack_check(CURRICULUM "/help", keep, &p), 0);
	snprintf(mod, sizeof mod, "%s/help", dir);
	snprintf(cmd, sizeof cmd, "cp -R '%s/help' '%s' && chmod -R u+w '%s'",
	    CURRICULUM, dir, mod);
	ck_assert_int_eq(system(cmd), 0);

	test_write(mod, "help/en/threat.md", "# Someone threatens me\n"
	    "```art\nx\n```\n1. a\n2. b\n3. c\n111: call 111\n");
	ck_assert_int_eq(pack_check(mod, keep, &p), 1);
	snprintf(cmd, sizeof cmd, "%s/help/en/threat.md:8: no 'adult:' line",
	    mod);
	ck_assert_msg(strstr(p.first, cmd) == p.first, "%s", p.first);

	snprintf(cmd, sizeof cmd, "rm '%s/help/en/threat.md'", mod);
	ck_assert_int_eq(system(cmd), 0);
	memset(&p, 0, sizeof p);
	ck_assert_int_eq(pack_check(mod, keep, &p), 1);
	ck_assert_msg(strstr(p.first, "help/en/threat.md: missing") != NULL,
	    "%s", p.first);

	snprintf(cmd, sizeof cmd, "cp '%s/help/help/en/threat.md' "
	    "'%s/help/en/threat.md' && cp '%s/help/en/other.md' "
	    "'%s/help/en/worry.md'", CURRICULUM, mod, mod, mod);
	ck_assert_int_eq(system(cmd), 0);
	memset(&p, 0, sizeof p);
	ck_assert_int_eq(pack_check(mod, keep, &p), 1);
	ck_assert_msg(strstr(p.first, "help/en/worry.md: not a situation") !=
	    NULL, "%s", p.first);
	test_rmtree(dir);
}
END_TEST

/* A store with the curriculum's help module in its catalog. */
static struct store *
help_store(const char *dir, struct catalog *c)
{
	struct hs_error err;
	struct store *s;
	char path[4200], cmd[8400];
	int rebuilt;

	snprintf(cmd, sizeof cmd, "mkdir -p '%s/modules' && cp -R '%s/help' "
	    "'%s/modules/vn.hocso.help'", dir, CURRICULUM, dir);
	ck_assert_int_eq(system(cmd), 0);
	snprintf(path, sizeof path, "%s/hocso.db", dir);
	ck_assert_int_eq(devstore_open(path, &s, &err), 0);
	ck_assert_int_eq(catalog_load(dir, c, &err), 0);
	ck_assert_int_eq(helpindex_refresh(s, c, &rebuilt, &err), 0);
	ck_assert_int_eq(rebuilt, 1);
	ck_assert_int_eq(helpindex_refresh(s, c, &rebuilt, &err), 0);
	ck_assert_int_eq(rebuilt, 0);		/* the same module: kept */
	return s;
}

/* Queries and the situation that must come first (-1: none found; -2:
 * any, the search only must not fail). */
static const struct {
	const char *lang, *query;
	int first;
} searches[] = {
	{ "vi", "bi bat nat", HELP_BULLYING },
	{ "vi", "bị bắt nạt", HELP_BULLYING },
	{ "vi", "BI BAT NAT", HELP_BULLYING },
	{ "vi", "doi tien", HELP_THREAT },
	{ "vi", "đòi tiền", HELP_THREAT },
	{ "vi", "mat khau", HELP_ACCOUNT },
	{ "vi", "nguoi la gui anh", HELP_STRANGER },
	{ "vi", "bạn em", HELP_FRIEND },
	{ "vi", "hack", HELP_ACCOUNT },
	{ "en", "bullied", HELP_BULLYING },
	{ "en", "blackmail", HELP_THREAT },
	{ "en", "stranger photo", HELP_STRANGER },
	{ "vi", "\"bi\" OR NEAR( * -", -2 },	/* no FTS syntax: no error */
	{ "vi", "xyzzy", -1 },
	{ "vi", "", -1 },
	{ "vi", "?!", -1 },
};

START_TEST(test_search)
{
	const char *dir = test_tmpdir();
	struct catalog c;
	struct hs_error err;
	struct store *s = help_store(dir, &c);
	int found[HELP_NSITUATIONS], n;

	ck_assert_int_eq(helpindex_search(s, searches[_i].lang,
	    searches[_i].query, found, HELP_NSITUATIONS, &n, &err), 0);
	if (searches[_i].first == -1)
		ck_assert_int_eq(n, 0);
	else if (searches[_i].first == -2)
		;
	else {
		ck_assert_int_ge(n, 1);
		ck_assert_int_eq(found[0], searches[_i].first);
	}
	catalog_free(&c);
	store_close(s);
	test_rmtree(dir);
}
END_TEST

static long long
query_ll(struct store *s, const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;

	ck_assert_int_eq(sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL),
	    SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* A store of version 9 kept its help index; at 10 it is gone from the
 * store (the schema every start reads), meta 'help.index' with it, the
 * rest untouched; the app's index is made on its connection, not in the
 * file, and the search finds as before. */
START_TEST(test_index_leaves_the_store)
{
	const char *dir = test_tmpdir();
	struct catalog c;
	struct hs_error err;
	struct store *s;
	char path[4200], cmd[8400];
	int found[HELP_NSITUATIONS], n, rebuilt;

	snprintf(cmd, sizeof cmd, "mkdir -p '%s/modules' && cp -R '%s/help' "
	    "'%s/modules/vn.hocso.help'", dir, CURRICULUM, dir);
	ck_assert_int_eq(system(cmd), 0);
	snprintf(path, sizeof path, "%s/hocso.db", dir);
	ck_assert_int_eq(devstore_open_at_version(path, 9, &s, &err), 0);
	ck_assert_int_eq(sqlite3_exec(store_db(s), "INSERT INTO help_index "
	    "(module, lang, situation, text) VALUES ('m', 'vi', 'bullying', "
	    "'bi bat nat'); INSERT INTO meta (key, value) VALUES "
	    "('help.index', 'm 1.0'); INSERT INTO learners (id, uuid, name, "
	    "created_at) VALUES (7, 'u-7', 'Lan', 'now')", NULL, NULL, NULL),
	    SQLITE_OK);
	store_close(s);

	ck_assert_int_eq(devstore_open(path, &s, &err), 0);
	ck_assert_int_eq(query_ll(s, "SELECT count(*) FROM main.sqlite_schema "
	    "WHERE name LIKE 'help_index%'"), 0);
	ck_assert_int_eq(query_ll(s, "SELECT count(*) FROM meta WHERE key = "
	    "'help.index'"), 0);
	ck_assert_int_eq(query_ll(s, "SELECT count(*) FROM learners"), 1);
	ck_assert_int_eq(catalog_load(dir, &c, &err), 0);
	ck_assert_int_eq(helpindex_refresh(s, &c, &rebuilt, &err), 0);
	ck_assert_int_eq(rebuilt, 1);
	ck_assert_int_eq(helpindex_search(s, "vi", "bi bat nat", found,
	    HELP_NSITUATIONS, &n, &err), 0);
	ck_assert_int_ge(n, 1);
	ck_assert_int_eq(found[0], HELP_BULLYING);
	ck_assert_int_eq(query_ll(s, "SELECT count(*) FROM main.sqlite_schema "
	    "WHERE name LIKE 'help_index%'"), 0);
	store_close(s);

	/* Another connection (the next start) has none until it makes it. */
	ck_assert_int_eq(devstore_open(path, &s, &err), 0);
	ck_assert_int_eq(query_ll(s, "SELECT count(*) FROM temp.sqlite_schema "
	    "WHERE name = 'help_index'"), 0);
	ck_assert_int_eq(helpindex_refresh(s, &c, &rebuilt, &err), 0);
	ck_assert_int_eq(rebuilt, 1);
	catalog_free(&c);
	store_close(s);
	test_rmtree(dir);
}
END_TEST

/* Requests: the triage order, marks appended, counted in time or not,
 * no delete but the removed learner's, and the counts as events. */
START_TEST(test_requests)
{
	const char *dir = test_tmpdir();
	struct hs_error err;
	struct helpreq *r, one;
	struct store *s;
	char path[4200];
	long long t0 = 1796500000000LL, id[4];
	int n, open, appended;

	snprintf(path, sizeof path, "%s/hocso.db", dir);
	ck_assert_int_eq(devstore_open(path, &s, &err), 0);
	ck_assert_int_eq(sqlite3_exec(store_db(s), "INSERT INTO learners "
	    "(id, uuid, name, created_at) VALUES (7, 'u-7', 'Lan', 'now')",
	    NULL, NULL, NULL), SQLITE_OK);
	clock_set_ms(t0);
	ck_assert_int_eq(helpreq_add(s, HELP_UPSETTING, 0, "", "vi", &id[0],
	    &err), 0);
	clock_set_ms(t0 + 1000);
	ck_assert_int_eq(helpreq_add(s, HELP_BULLYING, 7, "bị trêu", "vi",
	    &id[1], &err), 0);
	clock_set_ms(t0 + 2000);
	ck_assert_int_eq(helpreq_add(s, HELP_STRANGER, 0, "người lạ", "vi",
	    &id[2], &err), 0);
	/* too long: refused, nothing kept */
	{
		char big[HELPREQ_MESSAGE_MAX + 2];

		memset(big, 'a', sizeof big - 1);
		big[sizeof big - 1] = '\0';
		ck_assert_int_eq(helpreq_add(s, HELP_OTHER, 0, big, "vi",
		    NULL, &err), HS_EINVAL);
	}
	ck_assert_int_eq(helpreq_add(s, 99, 0, "", "vi", NULL, &err),
	    HS_EINVAL);
	ck_assert_int_eq(query_ll(s, "SELECT count(*) FROM help_requests"), 3);

	/* danger now first, then within a day, then this week */
	ck_assert_int_eq(helpreq_list(s, 0, &r, &n, &err), 0);
	ck_assert_int_eq(n, 3);
	ck_assert_int_eq(r[0].id, id[2]);
	ck_assert_int_eq(r[1].id, id[1]);
	ck_assert_str_eq(r[1].learner, "Lan");
	ck_assert_int_eq(r[2].id, id[0]);
	ck_assert_str_eq(r[2].learner, "");
	helpreq_list_free(r, n);

	/* the stranger's handled in 3 hours: in time (4 hours); the
	 * bullying one in 2 days: late (a day) */
	clock_set_ms(t0 + 2000 + 3 * 3600000LL);
	ck_assert_int_eq(helpreq_mark(s, id[2], HELPREQ_PASSED, "báo 111",
	    &err), 0);
	clock_set_ms(t0 + 2 * 86400000LL);
	ck_assert_int_eq(helpreq_mark(s, id[1], HELPREQ_TALKED, NULL, &err),
	    0);
	ck_assert_int_eq(helpreq_mark(s, id[1], HELPREQ_CLOSED, "xong", &err),
	    0);
	ck_assert_int_eq(helpreq_mark(s, 999, HELPREQ_CLOSED, NULL, &err),
	    HS_ENOTFOUND);
	ck_assert_int_eq(helpreq_mark(s, id[0], HELPREQ_NEW, NULL, &err),
	    HS_EINVAL);
	ck_assert_int_eq(helpreq_get(s, id[1], &one, &err), 0);
	ck_assert_int_eq(one.state, HELPREQ_CLOSED);
	ck_assert_int_eq(one.nmarks, 2);
	ck_assert_str_eq(one.marks[1].note, "xong");
	helpreq_free(&one);
	ck_assert_int_eq(helpreq_open_count(s, &open, &err), 0);
	ck_assert_int_eq(open, 1);
	ck_assert_int_eq(query_ll(s, "SELECT sum(requests) * 10 + sum(in_time)"
	    " FROM help_counts"), 31);

	/* the counts leave as events: no words, no learner */
	ck_assert_int_eq(helpreq_counts_flush(s, &appended, &err), 0);
	ck_assert_int_eq(appended, 3);
	ck_assert_int_eq(query_ll(s, "SELECT count(*) FROM events WHERE verb ="
	    " 'counted' AND actor = (SELECT value FROM meta WHERE key ="
	    " 'device_id') AND object LIKE 'urn:hocso-help:%'"), 3);
	ck_assert_int_eq(query_ll(s, "SELECT count(*) FROM events WHERE"
	    " response LIKE '%trêu%' OR actor = 'u-7'"), 0);
	ck_assert_int_eq(helpreq_counts_flush(s, &appended, &err), 0);
	ck_assert_int_eq(appended, 0);		/* nothing changed since */

	/* erased with the learner; the counts stay */
	ck_assert_int_eq(store_begin(s, &err), 0);
	ck_assert_int_eq(helpreq_forget_learner(s, 7, &err), 0);
	ck_assert_int_eq(store_commit(s, &err), 0);
	ck_assert_int_eq(query_ll(s, "SELECT count(*) FROM help_requests"), 2);
	ck_assert_int_eq(query_ll(s, "SELECT count(*) FROM help_marks WHERE"
	    " request_id NOT IN (SELECT id FROM help_requests)"), 0);
	ck_assert_int_eq(query_ll(s, "SELECT sum(requests) FROM help_counts"),
	    3);
	store_close(s);
	test_rmtree(dir);
}
END_TEST

/* A count as the server's ingest reads it. */
static const struct {
	const char *actor, *verb, *object, *response, *registration;
	int rc;
} counts[] = {
	{ "d", "counted", "urn:hocso-help:bullying:2026-W49", "3 2", NULL, 0 },
	{ "d", "counted", "urn:hocso-help:bullying:2026-W49", "3 4", NULL,
	  HS_EINVAL },				/* more in time than asked */
	{ "d", "counted", "urn:hocso-help:bullying:2026-W49", "bị trêu", NULL,
	  HS_EINVAL },				/* words */
	{ "d", "counted", "urn:hocso-help:bullying:2026-W49", "03 2", NULL,
	  HS_EINVAL },
	{ "d", "counted", "urn:hocso-help:bullying:2026-W49", "3 2 1", NULL,
	  HS_EINVAL },
	{ "d", "counted", "urn:hocso-help:Bắt nạt:2026-W49", "3 2", NULL,
	  HS_EINVAL },
	{ "d", "counted", "urn:hocso-help:bullying:2026-12-06", "3 2", NULL,
	  HS_EINVAL },
	{ "d", "counted", "urn:hocso-help:bullying:2026-W49", "3 2", "u-7",
	  HS_EINVAL },				/* anything more */
	{ "d", "experienced", "urn:hocso-help:bullying:2026-W49", "3 2", NULL,
	  HS_EINVAL },
	{ "d", "counted", "urn:hocso:vn.hocso.help", "3 2", NULL, HS_EINVAL },
	{ "d", "answered", "urn:hocso:m:question:q", "1", NULL, HS_ENOTFOUND },
};

START_TEST(test_count_statement)
{
	struct store_event ev = { 0 };
	struct statement_help_count c;
	struct statement_event se = { 0 };
	struct hs_error err;
	char *text;

	ev.actor = counts[_i].actor;
	ev.verb = counts[_i].verb;
	ev.object = counts[_i].object;
	ev.response = counts[_i].response;
	ev.registration = counts[_i].registration;
	ev.success = ev.completion = -1;
	ev.duration_ms = -1;
	ck_assert_int_eq(statement_help_count(&ev, &c, &err), counts[_i].rc);
	if (counts[_i].rc != 0)
		return;
	ck_assert_str_eq(c.situation, "bullying");
	ck_assert_str_eq(c.week, "2026-W49");
	ck_assert_int_eq(c.requests, 3);
	ck_assert_int_eq(c.in_time, 2);
	/* its statement: the numbers as extensions, valid for an LRS */
	se.uuid = "6f1c1f5e-8d0b-4c1e-9a3b-2a8e5e0b7c11";
	se.ts = "2026-12-06T10:00:00.000Z";
	se.ev = ev;
	ev.actor = "6f1c1f5e-8d0b-4c1e-9a3b-2a8e5e0b7c12";
	se.ev.actor = ev.actor;
	text = statement_text(&se, "https://hocso.invalid/school/T", NULL);
	ck_assert_msg(strstr(text, "\"" STATEMENT_HELP_EXT "help-requests\":3")
	    != NULL, "%s", text);
	ck_assert_msg(strstr(text, "activities/help/bullying/2026-W49") !=
	    NULL, "%s", text);
	ck_assert_ptr_null(strstr(text, "\"response\""));
	ck_assert_int_eq(statement_validate_text(text, strlen(text), &err), 0);
	free(text);
}
END_TEST

static Suite *
help_suite(void)
{
	Suite *s = suite_create("help");
	TCase *tc = tcase_create("help");

	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_fold, 0, sizeof folds / sizeof *folds);
	tcase_add_test(tc, test_page_read);
	tcase_add_loop_test(tc, test_page_bad, 0,
	    sizeof bad_pages / sizeof *bad_pages);
	tcase_add_test(tc, test_pack_check);
	tcase_add_loop_test(tc, test_search, 0,
	    sizeof searches / sizeof *searches);
	tcase_add_test(tc, test_index_leaves_the_store);
	tcase_add_test(tc, test_requests);
	tcase_add_loop_test(tc, test_count_statement, 0,
	    sizeof counts / sizeof *counts);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(help_suite)

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check_dashboard.c: the dashboard (server/dashboard.h) and its accounts
 * (server/account.h) without HTTP, on a real store in a fresh folder,
 * with the clock set: the access rule for each kind of URL and account;
 * X-Forwarded-For and X-Forwarded-Proto believed from this machine
 * only; a session's idle and absolute ends; a lockout's end; ended
 * sessions and failure counters dropped at the next sign-in; the query
 * and form decoding.
 */
#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "core/clock.h"
#include "core/store.h"
#include "server/account.h"
#include "server/dashboard.h"
#include "server/server.h"
#include "server/srvstore-users.h"
#include "tests/testutil.h"

#define T0 1796000000000LL
#define PRE "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"	/* 43 chars */

static char dir[4096];
static struct server *srv;

static void
setup(void)
{
	struct hs_error err;
	char token[64];

	snprintf(dir, sizeof dir, "%s", test_tmpdir());
	clock_set_ms(T0);
	ck_assert_int_eq(server_open(dir, &srv, &err), 0);
	ck_assert_int_eq(server_token_new(srv, "S01", 7, token, sizeof token,
	    &err), 0);
	ck_assert_int_eq(server_token_new(srv, "S02", 7, token, sizeof token,
	    &err), 0);
	ck_assert_int_eq(account_add(server_store(srv), "officer",
	    ACCOUNT_PROVINCE, NULL, "province-pass", &err), 0);
	ck_assert_int_eq(account_add(server_store(srv), "principal",
	    ACCOUNT_SCHOOL, "S01", "school-pass", &err), 0);
}

static void
teardown(void)
{
	server_close(srv);
	clock_set_ms(-1);
	test_rmtree(dir);
}

/* The value of header name in res, or NULL. */
static const char *
header(const struct dash_response *res, const char *name)
{
	int i;

	for (i = 0; i < res->nheaders; i++)
		if (strcmp(res->headers[i].name, name) == 0)
			return res->headers[i].value;
	return NULL;
}

/* Answers one request; the body is freed, the rest kept in *res. */
static int
ask(const char *method, const char *path, const char *cookie,
    const char *body, int loopback, const char *xff, const char *xfp,
    struct dash_response *res)
{
	struct dash_request q = { 0 };

	q.method = method;
	q.path = path;
	q.query = "";
	q.cookie = cookie;
	q.body = body != NULL ? body : "";
	q.len = strlen(q.body);
	q.address = "192.0.2.5";
	q.loopback = loopback;
	q.forwarded_for = xff;
	q.forwarded_proto = xfp;
	q.accept_language = "en";
	ck_assert_int_eq(dashboard_handle(srv, NULL, &q, res), 0);
	free(res->body);
	res->body = NULL;
	return res->status;
}

/* Signs name in; the session cookie's value into cookie (64 bytes). */
static void
signin(const char *name, const char *password, int loopback,
    const char *xff, const char *xfp, struct dash_response *res,
    char *cookie)
{
	char body[256];
	const char *sc;

	snprintf(body, sizeof body, "csrf=%s&name=%s&password=%s", PRE, name,
	    password);
	ck_assert_int_eq(ask("POST", "/dashboard/login", "hocso_signin=" PRE,
	    body, loopback, xff, xfp, res), 303);
	sc = header(res, "Set-Cookie");
	ck_assert_ptr_nonnull(sc);
	ck_assert_int_eq(strncmp(sc, "hocso_session=", 14), 0);
	snprintf(cookie, 64, "hocso_session=%.43s", sc + 14);
}

static const char *last_address;
static int
audit_last(const struct srvstore_audit *a, void *ctx)
{
	static char buf[64];

	(void)ctx;
	snprintf(buf, sizeof buf, "%s", a->address);
	last_address = buf;
	return 0;
}

START_TEST(test_forwarded_headers_only_from_loopback)
{
	struct dash_response res;
	struct hs_error err;
	char cookie[64];

	/* given a client on the network that claims to be a proxy */
	signin("officer", "province-pass", 0, "203.0.113.9", "https", &res,
	    cookie);
	/* then its cookie is not Secure and its own address is logged */
	ck_assert_ptr_null(strstr(header(&res, "Set-Cookie"), "Secure"));
	ck_assert_int_eq(srvstore_audit_each(server_store(srv), NULL, 1,
	    audit_last, NULL, &err), 0);
	ck_assert_str_eq(last_address, "192.0.2.5");
	/* given the proxy on this machine */
	signin("officer", "province-pass", 1, "198.51.100.1, 203.0.113.9",
	    "https", &res, cookie);
	/* then the client is the last address it added, the cookie Secure */
	ck_assert_ptr_nonnull(strstr(header(&res, "Set-Cookie"), "; Secure"));
	ck_assert_int_eq(srvstore_audit_each(server_store(srv), NULL, 1,
	    audit_last, NULL, &err), 0);
	ck_assert_str_eq(last_address, "203.0.113.9");
	/* and a header that is not an address is not believed */
	signin("officer", "province-pass", 1, "<script>", NULL, &res, cookie);
	ck_assert_int_eq(srvstore_audit_each(server_store(srv), NULL, 1,
	    audit_last, NULL, &err), 0);
	ck_assert_str_eq(last_address, "192.0.2.5");
}
END_TEST

/* Who may open what: the account, the URL, the status. */
static const struct {
	const char *who, *path;
	int status;
} access_cases[] = {
	{ "officer", "/dashboard/", 200 },
	{ "officer", "/dashboard/school/S02", 200 },
	{ "officer", "/dashboard/safety", 200 },
	{ "officer", "/dashboard/school/S99", 404 },
	{ "officer", "/dashboard/elsewhere", 404 },
	{ "principal", "/dashboard/school/S01", 200 },
	{ "principal", "/dashboard/school/S02", 403 },
	{ "principal", "/dashboard/school/S01x", 403 },
	{ "principal", "/dashboard/school/S0", 403 },
	{ "principal", "/dashboard/school/s01", 403 },
	{ "principal", "/dashboard/", 403 },
	{ "principal", "/dashboard/safety", 403 },
	{ "principal", "/dashboard/module/vn.hocso.basics", 403 },
	{ "principal", "/dashboard/school/S01/../S02", 404 },
	{ "principal", "/dashboard", 303 },
};

START_TEST(test_access)
{
	struct dash_response res;
	char cookie[64];

	/* given the account signed in */
	signin(access_cases[_i].who, !strcmp(access_cases[_i].who, "officer") ?
	    "province-pass" : "school-pass", 1, NULL, NULL, &res, cookie);
	/* when it asks for the URL, then the status is the rule's */
	ck_assert_msg(ask("GET", access_cases[_i].path, cookie, NULL, 1, NULL,
	    NULL, &res) == access_cases[_i].status, "%s %s: %d",
	    access_cases[_i].who, access_cases[_i].path, res.status);
}
END_TEST

START_TEST(test_session_ends)
{
	struct dash_response res;
	char cookie[64];

	signin("officer", "province-pass", 1, NULL, NULL, &res, cookie);
	/* used every 59 minutes, it lives; */
	clock_set_ms(T0 + 59 * 60000LL);
	ck_assert_int_eq(ask("GET", "/dashboard/", cookie, NULL, 1, NULL,
	    NULL, &res), 200);
	clock_set_ms(T0 + 118 * 60000LL);
	ck_assert_int_eq(ask("GET", "/dashboard/", cookie, NULL, 1, NULL,
	    NULL, &res), 200);
	/* unused for 61 minutes, it has ended */
	clock_set_ms(T0 + 179 * 60000LL + 1);
	ck_assert_int_eq(ask("GET", "/dashboard/", cookie, NULL, 1, NULL,
	    NULL, &res), 303);
	ck_assert_str_eq(header(&res, "Location"), "/dashboard/login");

	/* however busy, 12 hours after sign-in it ends */
	clock_set_ms(T0);
	signin("officer", "province-pass", 1, NULL, NULL, &res, cookie);
	for (int m = 50; m < 12 * 60; m += 50) {
		clock_set_ms(T0 + m * 60000LL);
		ck_assert_int_eq(ask("GET", "/dashboard/", cookie, NULL, 1,
		    NULL, NULL, &res), 200);
	}
	clock_set_ms(T0 + 12 * 3600000LL + 1000);
	ck_assert_int_eq(ask("GET", "/dashboard/", cookie, NULL, 1, NULL,
	    NULL, &res), 303);
}
END_TEST

START_TEST(test_lockout_lasts_15_minutes)
{
	struct account_session as;
	struct hs_error err;
	int i, minutes;

	for (i = 0; i < 4; i++)
		ck_assert_int_eq(account_signin(server_store(srv), NULL,
		    "officer", "wrong", "192.0.2.5", &as, &minutes, &err),
		    ACCOUNT_WRONG);
	ck_assert_int_eq(account_signin(server_store(srv), NULL, "officer",
	    "wrong", "192.0.2.5", &as, &minutes, &err), ACCOUNT_LOCKED);
	ck_assert_int_eq(minutes, 15);
	clock_set_ms(T0 + 14 * 60000LL);
	ck_assert_int_eq(account_signin(server_store(srv), NULL, "officer",
	    "province-pass", "192.0.2.5", &as, &minutes, &err),
	    ACCOUNT_LOCKED);
	ck_assert_int_eq(minutes, 1);
	clock_set_ms(T0 + 15 * 60000LL + 1);
	ck_assert_int_eq(account_signin(server_store(srv), NULL, "officer",
	    "province-pass", "192.0.2.5", &as, &minutes, &err),
	    ACCOUNT_SIGNED_IN);
	ck_assert_str_eq(as.who.name, "officer");
	/* and the count starts again */
	ck_assert_int_eq(account_signin(server_store(srv), NULL, "officer",
	    "wrong", "192.0.2.5", &as, &minutes, &err), ACCOUNT_WRONG);
}
END_TEST

/* The number of rows of table (a literal) in the server's store. */
static int
rows(const char *sql)
{
	sqlite3_stmt *st;
	int n;

	ck_assert_int_eq(sqlite3_prepare_v2(store_db(srvstore_sqlite(
	    server_store(srv))), sql, -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

START_TEST(test_ended_rows_go)
{
	struct account_session as;
	struct hs_error err;
	int minutes;

	/* given a session never used again and a failure from elsewhere */
	ck_assert_int_eq(account_signin(server_store(srv), NULL, "officer",
	    "province-pass", "192.0.2.5", &as, &minutes, &err),
	    ACCOUNT_SIGNED_IN);
	ck_assert_int_eq(account_signin(server_store(srv), NULL, "principal",
	    "wrong", "192.0.2.6", &as, &minutes, &err), ACCOUNT_WRONG);
	ck_assert_int_eq(rows("SELECT count(*) FROM signin_failures"), 2);
	/* when someone signs in two hours on */
	clock_set_ms(T0 + 2 * 3600000LL);
	ck_assert_int_eq(account_signin(server_store(srv), NULL, "officer",
	    "province-pass", "192.0.2.5", &as, &minutes, &err),
	    ACCOUNT_SIGNED_IN);
	/* then only the new session is left, and no counter */
	ck_assert_int_eq(rows("SELECT count(*) FROM sessions"), 1);
	ck_assert_int_eq(rows("SELECT count(*) FROM signin_failures"), 0);
	/* and the audit log keeps everything */
	ck_assert_int_eq(rows("SELECT count(*) FROM signin_audit"), 3);
}
END_TEST

START_TEST(test_query_decoding)
{
	char v[16];

	ck_assert_int_eq(dash_query_get("a=1&lang=en&x=%41%42+c", "x", v,
	    sizeof v), 0);
	ck_assert_str_eq(v, "AB c");
	ck_assert_int_eq(dash_query_get("a=1&lang=en", "lang", v, sizeof v),
	    0);
	ck_assert_str_eq(v, "en");
	ck_assert_int_eq(dash_query_get("alang=en", "lang", v, sizeof v),
	    HS_ENOTFOUND);
	ck_assert_int_eq(dash_query_get("x=%00", "x", v, sizeof v), HS_EINVAL);
	ck_assert_int_eq(dash_query_get("x=%4", "x", v, sizeof v), 0);
	ck_assert_str_eq(v, "%4");
	ck_assert_int_eq(dash_query_get("x=0123456789abcdefgh", "x", v,
	    sizeof v), HS_EINVAL);
}
END_TEST

START_TEST(test_escaping)
{
	struct dash_out o = { 0 };

	dash_out_text(&o, "<a href=\"x\">'&'</a>");
	ck_assert_str_eq(o.data,
	    "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
	o.len = 0;
	dash_out_url(&o, "LC 01/\"é");
	ck_assert_str_eq(o.data, "LC%2001%2F%22%C3%A9");
	free(o.data);
}
END_TEST

static Suite *
dashboard_suite(void)
{
	Suite *s = suite_create("dashboard");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_forwarded_headers_only_from_loopback);
	tcase_add_loop_test(tc, test_access, 0,
	    (int)(sizeof access_cases / sizeof *access_cases));
	tcase_add_test(tc, test_session_ends);
	tcase_add_test(tc, test_lockout_lasts_15_minutes);
	tcase_add_test(tc, test_ended_rows_go);
	tcase_add_test(tc, test_query_decoding);
	tcase_add_test(tc, test_escaping);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(dashboard_suite)

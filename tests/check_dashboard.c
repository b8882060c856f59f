/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check_dashboard.c: the dashboard (server/dashboard.h) and its accounts
 * (server/account.h) without HTTP, on a real store in a fresh folder,
 * with the clock set: the access rule for each kind of URL and account;
 * X-Forwarded-For and X-Forwarded-Proto believed from this machine
 * only; a session's idle and absolute ends; a lockout's end; ended
 * sessions and failure counters dropped at the next sign-in; the query
 * and form decoding; the hardest questions' words, read once per
 * published package and language, a newer version read at its first
 * view, none when the package's file is gone; a long question's words
 * cut at a space on the page, whole in its title and in the CSV.
 */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "core/clock.h"
#include "core/keys.h"
#include "core/store.h"
#include "core/text.h"
#include "core/util.h"
#include "lessons/pack.h"
#include "server/account.h"
#include "server/answertext.h"
#include "server/dashboard.h"
#include "server/dashpages.h"
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
	ck_assert_int_eq(server_init(dir, &err), 0);
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

/* Whether a folder .answers-* is left in dir. */
static int
answers_left(void)
{
	struct dirent *e;
	DIR *d = opendir(dir);
	int left = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)) != NULL)
		if (strncmp(e->d_name, ".answers-", 9) == 0)
			left = 1;
	closedir(d);
	return left;
}

/* Builds the module in dir/mod into dir/NAME.hsm with key, publishes it. */
static void
publish(const struct keys_secret *key, const char *name)
{
	struct hs_error err;
	char src[4200], pkg[4200], *id, *version;

	snprintf(src, sizeof src, "%s/mod", dir);
	snprintf(pkg, sizeof pkg, "%s/%s.hsm", dir, name);
	ck_assert_msg(pack_build(src, pkg, key, NULL, NULL, &err) == 0, "%s",
	    err.msg);
	ck_assert_msg(server_publish(srv, pkg, &id, &version, &err) == 0,
	    "%s", err.msg);
	free(id);
	free(version);
}

/* The fixture's first question: no [id:], so its id is its title, which
 * is the language's. */
#define Q1 "urn:hocso:vn.hocso.secrets:question:Q1 Strong password"
#define Q1_VI "urn:hocso:vn.hocso.secrets:question:Q1 Mật khẩu mạnh"

/* Question Q1's words in lang, as the module page reads them. */
static char *
q1(const char *lang, const struct answertext **a)
{
	struct hs_error err;

	ck_assert_msg(answertext_load(srv, "vn.hocso.secrets", lang, a,
	    &err) == 0, "%s", err.msg);
	return answertext_question(*a, strcmp(lang, "vi") == 0 ? Q1_VI : Q1);
}

START_TEST(test_question_words)
{
	const struct answertext *a, *b;
	struct keys_secret key;
	struct hs_error err;
	char base[4200], cmd[8800], *w;

	/* Given a module published, its Q1 in English and Vietnamese. */
	snprintf(base, sizeof base, "%s/author", dir);
	ck_assert_int_eq(keys_generate(base, "author", &err), 0);
	snprintf(cmd, sizeof cmd, "%s.key", base);
	ck_assert_int_eq(keys_read_secret(cmd, &key, &err), 0);
	snprintf(cmd, sizeof cmd, "cp -R '%s/secrets-v1' '%s/mod'", FIXTURES,
	    dir);
	ck_assert_int_eq(system(cmd), 0);
	publish(&key, "v1");
	w = q1("en", &a);
	ck_assert_pstr_eq(w, "Which password is the strongest?");
	free(w);
	w = q1("vi", &b);
	ck_assert_pstr_eq(w, "Mật khẩu nào mạnh nhất?");
	free(w);
	ck_assert_ptr_null(answertext_question(b,
	    "urn:hocso:vn.hocso.secrets:question:nope"));
	ck_assert_int_eq(answers_left(), 0);
	/* The same package again: the bank kept, not read again (its
	 * file away meanwhile). */
	snprintf(cmd, sizeof cmd, "mv '%s/modules' '%s/modules.away'", dir,
	    dir);
	ck_assert_int_eq(system(cmd), 0);
	w = q1("en", &b);
	ck_assert_ptr_eq(b, a);
	ck_assert_pstr_eq(w, "Which password is the strongest?");
	free(w);
	snprintf(cmd, sizeof cmd, "mv '%s/modules.away' '%s/modules'", dir,
	    dir);
	ck_assert_int_eq(system(cmd), 0);

	/* A newer version published: read at its first view. */
	snprintf(cmd, sizeof cmd, "sed -i 's/Which password is the "
	    "strongest?/Which of these passwords is the strongest?/' "
	    "'%s/mod/quizzes/en/secrets.gift' && sed -i 's/^version = "
	    "1.0.0/version = 1.0.1/' '%s/mod/module.ini'", dir, dir);
	ck_assert_int_eq(system(cmd), 0);
	publish(&key, "v2");
	w = q1("en", &a);
	ck_assert_pstr_eq(w, "Which of these passwords is the strongest?");
	free(w);

	/* The package's file gone (a server started after): no words, no
	 * error, the page shows the ids alone. */
	server_close(srv);
	snprintf(cmd, sizeof cmd, "mv '%s/modules' '%s/modules.away'", dir,
	    dir);
	ck_assert_int_eq(system(cmd), 0);
	ck_assert_int_eq(server_open(dir, &srv, &err), 0);
	ck_assert_ptr_null(q1("en", &a));
	ck_assert_int_eq(a->bank.n, 0);
	ck_assert_ptr_null(answertext_words(a, Q1, "0"));
	sodium_memzero(&key, sizeof key);
}
END_TEST

START_TEST(test_question_cut)
{
	static const enum dash_type type[] = { DASH_QUESTION, DASH_QTEXT };
	const char *long_vi = "Bạn Lò Văn Hải nhận được tin nhắn lạ hứa "
	    "tặng kim cương miễn phí nếu gửi mật khẩu trò chơi. Hải nên làm "
	    "gì?";
	const char *cells[] = { "urn:hocso:m:question:q1", "Ngắn thôi?",
		"urn:hocso:m:question:q2", long_vi,
		"urn:hocso:m:question:q3", NULL };
	struct dash_table t = { "questions", "Q", 2, { "Question",
		"Question text" }, { type[0], type[1] }, NULL, 3 };
	struct dash_out out = { 0 };
	struct hs_error err;
	char *html = NULL, *p, *e, shown[512];
	size_t len = 0;
	FILE *f;
	int i;

	t.cell = xcalloc(6, sizeof *t.cell);
	for (i = 0; i < 6; i++)
		t.cell[i] = cells[i] != NULL ? xstrdup(cells[i]) : NULL;
	f = open_memstream(&html, &len);
	ck_assert_ptr_nonnull(f);
	dash_table_html(f, &t);
	ck_assert_int_eq(fclose(f), 0);
	/* A short text whole; the id alone when there is no text. */
	ck_assert_ptr_nonnull(strstr(html, "<td class=\"id qid\">q1</td>"
	    "<td>Ngắn thôi?</td>"));
	ck_assert_ptr_nonnull(strstr(html, "<td class=\"id qid\">q3</td>"
	    "<td></td>"));
	/* A long one: whole in the title, cut at a space under 60
	 * columns, then "…". */
	p = strstr(html, "<span title=\"");
	ck_assert_ptr_nonnull(p);
	p += strlen("<span title=\"");
	ck_assert_int_eq(strncmp(p, long_vi, strlen(long_vi)), 0);
	p += strlen(long_vi);
	ck_assert_int_eq(strncmp(p, "\">", 2), 0);
	p += 2;
	e = strstr(p, "…</span>");
	ck_assert_ptr_nonnull(e);
	snprintf(shown, sizeof shown, "%.*s", (int)(e - p), p);
	ck_assert_int_le(text_width(shown, strlen(shown)), 60);
	ck_assert_int_ge(text_width(shown, strlen(shown)), 40);
	ck_assert_int_eq(strncmp(long_vi, shown, strlen(shown)), 0);
	ck_assert_int_eq(long_vi[strlen(shown)], ' ');
	free(html);
	/* The CSV has the words whole. */
	ck_assert_int_eq(dash_table_download(&t, "csv", &out, &err), 0);
	ck_assert_ptr_nonnull(memmem(out.data, out.len, long_vi,
	    strlen(long_vi)));
	dash_out_free(&out);
	dash_table_free(&t);
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
	tcase_add_test(tc, test_question_words);
	tcase_add_test(tc, test_question_cut);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(dashboard_suite)

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check_synchttp.c: the device's HTTP transport (sync/http.c): the
 * retry policy (which outcomes are tried again, the backoff window, full
 * jitter, Retry-After capped, the test hooks in the environment), and
 * real requests on loopback to a small server thread that answers each
 * connection with a canned answer and keeps what it was sent: a PUT's
 * path, type and body, a 503's Retry-After in seconds and as a date, the
 * JSON error body, a download larger than announced, a connection closed
 * without an answer, and a port where nothing listens.
 */
#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "sync/http.h"
#include "tests/testutil.h"

/* Given an attempt, the window is min(cap, base * 2^attempt). */
START_TEST(test_window_doubles_up_to_the_cap)
{
	ck_assert_int_eq(synchttp_window_ms(2000, 300000, 0), 2000);
	ck_assert_int_eq(synchttp_window_ms(2000, 300000, 1), 4000);
	ck_assert_int_eq(synchttp_window_ms(2000, 300000, 6), 128000);
	ck_assert_int_eq(synchttp_window_ms(2000, 300000, 7), 256000);
	ck_assert_int_eq(synchttp_window_ms(2000, 300000, 8), 300000);
	/* no overflow however many attempts */
	ck_assert_int_eq(synchttp_window_ms(2000, 300000, 1000), 300000);
	ck_assert_int_eq(synchttp_window_ms(0, 300000, 3), 0);
	ck_assert_int_eq(synchttp_window_ms(100, 1000, 3), 800);
	ck_assert_int_eq(synchttp_window_ms(100, 1000, 4), 1000);
}
END_TEST

/* Full jitter: every wait is in [0, window], and they are spread. */
START_TEST(test_wait_is_full_jitter)
{
	struct synchttp_policy p = { 2000, 300000, 6 };
	long long w, lo = -1, hi = -1;
	int i, attempt;

	for (attempt = 0; attempt < 10; attempt++)
		for (i = 0; i < 200; i++) {
			w = synchttp_wait_ms(&p, attempt, -1);
			ck_assert_int_ge(w, 0);
			ck_assert_int_le(w, synchttp_window_ms(2000, 300000,
			    attempt));
		}
	for (i = 0; i < 400; i++) {
		w = synchttp_wait_ms(&p, 3, -1);	/* window 16 s */
		if (lo < 0 || w < lo)
			lo = w;
		if (w > hi)
			hi = w;
	}
	/* 400 draws from [0, 16000]: both ends come near. */
	ck_assert_int_lt(lo, 2000);
	ck_assert_int_gt(hi, 14000);
}
END_TEST

/* The server's Retry-After is obeyed, but never past the cap. */
START_TEST(test_retry_after_is_capped)
{
	struct synchttp_policy p = { 2000, 300000, 6 };

	ck_assert_int_eq(synchttp_wait_ms(&p, 0, 7000), 7000);
	ck_assert_int_eq(synchttp_wait_ms(&p, 5, 0), 0);
	ck_assert_int_eq(synchttp_wait_ms(&p, 0, 3600000), 300000);
}
END_TEST

START_TEST(test_policy_from_the_environment)
{
	struct synchttp_policy p;

	unsetenv("HOCSO_SYNC_BACKOFF_MS");
	unsetenv("HOCSO_SYNC_BACKOFF_CAP_MS");
	synchttp_policy_init(&p, 0);
	ck_assert_int_eq(p.base_ms, 2000);
	ck_assert_int_eq(p.cap_ms, 300000);
	ck_assert_int_eq(p.tries, 6);
	setenv("HOCSO_SYNC_BACKOFF_MS", "100", 1);
	setenv("HOCSO_SYNC_BACKOFF_CAP_MS", "1000", 1);
	synchttp_policy_init(&p, 10);
	ck_assert_int_eq(p.base_ms, 100);
	ck_assert_int_eq(p.cap_ms, 1000);
	ck_assert_int_eq(p.tries, 10);
	/* nonsense falls back to the defaults */
	setenv("HOCSO_SYNC_BACKOFF_MS", "soon", 1);
	setenv("HOCSO_SYNC_BACKOFF_CAP_MS", "-5", 1);
	synchttp_policy_init(&p, 1);
	ck_assert_int_eq(p.base_ms, 2000);
	ck_assert_int_eq(p.cap_ms, 300000);
	unsetenv("HOCSO_SYNC_BACKOFF_MS");
	unsetenv("HOCSO_SYNC_BACKOFF_CAP_MS");
}
END_TEST

static const struct {
	CURLcode c;
	long status;
	int retry;
} outcomes[] = {
	{ CURLE_OK, 200, 0 },
	{ CURLE_OK, 400, 0 },
	{ CURLE_OK, 403, 0 },
	{ CURLE_OK, 404, 0 },
	{ CURLE_OK, 409, 0 },
	{ CURLE_OK, 413, 0 },
	{ CURLE_OK, 422, 0 },
	{ CURLE_OK, 429, 1 },
	{ CURLE_OK, 500, 1 },
	{ CURLE_OK, 502, 1 },
	{ CURLE_OK, 503, 1 },
	{ CURLE_OK, 599, 1 },
	{ CURLE_COULDNT_CONNECT, 0, 1 },
	{ CURLE_COULDNT_RESOLVE_HOST, 0, 1 },
	{ CURLE_OPERATION_TIMEDOUT, 0, 1 },
	{ CURLE_RECV_ERROR, 0, 1 },
	{ CURLE_SEND_ERROR, 0, 1 },
	{ CURLE_GOT_NOTHING, 0, 1 },
	{ CURLE_PARTIAL_FILE, 0, 1 },
	{ CURLE_URL_MALFORMAT, 0, 0 },
	{ CURLE_PEER_FAILED_VERIFICATION, 0, 0 },
	{ CURLE_WRITE_ERROR, 0, 0 },
	{ CURLE_FILESIZE_EXCEEDED, 0, 0 },
};

START_TEST(test_which_outcomes_retry)
{
	ck_assert_msg(synchttp_retryable(outcomes[_i].c, outcomes[_i].status)
	    == outcomes[_i].retry, "curl %d, HTTP %ld: retry should be %d",
	    outcomes[_i].c, outcomes[_i].status, outcomes[_i].retry);
}
END_TEST

/*
 * A server thread on 127.0.0.1: answers one connection with answer (or
 * closes it unanswered when answer is NULL) and keeps the request.
 */
struct canned {
	int listener, port;
	const char *answer;
	char request[65536];
	size_t len;
	pthread_t thread;
};

/* The request's headers and, with a Content-Length, its body. */
static void
read_request(int fd, struct canned *c)
{
	char *end, *cl;
	ssize_t n;
	size_t want = 0;

	c->len = 0;
	while (c->len < sizeof c->request - 1) {
		n = read(fd, c->request + c->len, sizeof c->request - 1 -
		    c->len);
		if (n <= 0)
			break;
		c->len += n;
		c->request[c->len] = '\0';
		if ((end = strstr(c->request, "\r\n\r\n")) == NULL)
			continue;
		if (want == 0 && (cl = strcasestr(c->request,
		    "Content-Length:")) != NULL && cl < end)
			want = (end + 4 - c->request) + strtoul(cl + 15, NULL,
			    10);
		if (c->len >= want)
			break;
	}
}

static void *
serve_one(void *arg)
{
	struct canned *c = arg;
	int fd = accept(c->listener, NULL, NULL);

	if (fd < 0)
		return NULL;
	read_request(fd, c);
	if (c->answer != NULL && write(fd, c->answer, strlen(c->answer)) < 0)
		perror("write");
	close(fd);
	return NULL;
}

static void
canned_start(struct canned *c, const char *answer)
{
	struct sockaddr_in a;
	socklen_t len = sizeof a;

	memset(c, 0, sizeof *c);
	c->answer = answer;
	c->listener = socket(AF_INET, SOCK_STREAM, 0);
	ck_assert_int_ge(c->listener, 0);
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert_int_eq(bind(c->listener, (struct sockaddr *)&a, sizeof a), 0);
	ck_assert_int_eq(listen(c->listener, 4), 0);
	ck_assert_int_eq(getsockname(c->listener, (struct sockaddr *)&a, &len),
	    0);
	c->port = ntohs(a.sin_port);
	ck_assert_int_eq(pthread_create(&c->thread, NULL, serve_one, c), 0);
}

static void
canned_stop(struct canned *c)
{
	pthread_join(c->thread, NULL);
	close(c->listener);
}

static void
open_at(struct synchttp *h, int port)
{
	struct hs_error err;
	char url[64];

	snprintf(url, sizeof url, "http://127.0.0.1:%d/", port);
	ck_assert_int_eq(synchttp_open(h, url, &err), 0);
}

static const char sha[] =
    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

/* A bundle goes up as the contract says, and the receipt comes back. */
START_TEST(test_put_sends_the_bundle)
{
	struct canned c;
	struct synchttp h;
	struct synchttp_answer a;
	const char body[] = "not really a bundle\0with a NUL";
	char *sent;

	canned_start(&c, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
	    "Content-Length: 8\r\nConnection: close\r\n\r\nreceipt\n");
	open_at(&h, c.port);
	ck_assert_int_eq(synchttp_put_bundle(&h, sha, body, sizeof body, &a),
	    0);
	canned_stop(&c);
	ck_assert_int_eq(a.curl, CURLE_OK);
	ck_assert_int_eq(a.status, 200);
	ck_assert_int_eq(a.len, 8);
	ck_assert_str_eq(a.body, "receipt\n");
	ck_assert_int_eq(a.retry_after_ms, -1);
	ck_assert_msg(!strncmp(c.request, "PUT /v1/bundles/", 16) &&
	    !strncmp(c.request + 16, sha, 64), "request line: %.100s",
	    c.request);
	ck_assert_ptr_nonnull(strcasestr(c.request,
	    "Content-Type: application/vnd.hocso.bundle\r\n"));
	ck_assert_ptr_nonnull(strcasestr(c.request, "User-Agent: hocso/"));
	ck_assert_ptr_null(strcasestr(c.request, "Expect:"));
	sent = strstr(c.request, "\r\n\r\n") + 4;
	ck_assert_int_eq(c.len - (sent - c.request), sizeof body);
	ck_assert_int_eq(memcmp(sent, body, sizeof body), 0);
	synchttp_answer_free(&a);
	synchttp_close(&h);
}
END_TEST

/* A 503 gives its Retry-After in seconds and its reason. */
START_TEST(test_503_retry_after_seconds)
{
	struct canned c;
	struct synchttp h;
	struct synchttp_answer a;

	canned_start(&c, "HTTP/1.1 503 Service Unavailable\r\n"
	    "Retry-After: 7\r\nContent-Type: application/json\r\n"
	    "Content-Length: 23\r\nConnection: close\r\n\r\n"
	    "{\"error\": \"disk full\"}\n");
	open_at(&h, c.port);
	ck_assert_int_eq(synchttp_post_json(&h, "/v1/enroll", "{}", &a), 0);
	canned_stop(&c);
	ck_assert_int_eq(a.status, 503);
	ck_assert_int_eq(a.retry_after_ms, 7000);
	ck_assert_str_eq(a.error, "disk full");
	ck_assert_int_eq(synchttp_retryable(a.curl, a.status), 1);
	ck_assert_msg(!strncmp(c.request, "POST /v1/enroll ", 16),
	    "request line: %.100s", c.request);
	ck_assert_ptr_nonnull(strcasestr(c.request,
	    "Content-Type: application/json\r\n"));
	synchttp_answer_free(&a);
	synchttp_close(&h);
}
END_TEST

/* A Retry-After given as an HTTP date: seconds from now. */
START_TEST(test_retry_after_date)
{
	struct canned c;
	struct synchttp h;
	struct synchttp_answer a;
	char answer[512], date[64];
	time_t later = time(NULL) + 120;
	struct tm tm;

	gmtime_r(&later, &tm);
	strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &tm);
	snprintf(answer, sizeof answer, "HTTP/1.1 429 Too Many Requests\r\n"
	    "Retry-After: %s\r\nContent-Length: 0\r\nConnection: close\r\n"
	    "\r\n", date);
	canned_start(&c, answer);
	open_at(&h, c.port);
	ck_assert_int_eq(synchttp_get(&h, "/v1/catalog", NULL, 0, &a), 0);
	canned_stop(&c);
	ck_assert_int_eq(a.status, 429);
	ck_assert_int_ge(a.retry_after_ms, 115000);
	ck_assert_int_le(a.retry_after_ms, 121000);
	ck_assert_str_eq(a.error, "");
	synchttp_answer_free(&a);
	synchttp_close(&h);
}
END_TEST

/* A download goes to the file; more than announced is refused for good. */
START_TEST(test_get_to_a_file)
{
	struct canned c;
	struct synchttp h;
	struct synchttp_answer a;
	char buf[64];
	FILE *f;
	size_t n;
	const char *answer = "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n"
	    "Connection: close\r\n\r\n0123456789";

	canned_start(&c, answer);
	open_at(&h, c.port);
	f = tmpfile();
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(synchttp_get(&h, "/v1/modules/x", f, 10, &a), 0);
	canned_stop(&c);
	ck_assert_int_eq(a.status, 200);
	ck_assert_int_eq(a.len, 0);		/* not in memory */
	rewind(f);
	n = fread(buf, 1, sizeof buf, f);
	ck_assert_int_eq(n, 10);
	ck_assert_int_eq(memcmp(buf, "0123456789", 10), 0);
	synchttp_answer_free(&a);

	synchttp_close(&h);
	canned_start(&c, answer);
	open_at(&h, c.port);
	rewind(f);
	ck_assert_int_eq(synchttp_get(&h, "/v1/modules/x", f, 9, &a), HS_EIO);
	canned_stop(&c);
	ck_assert_int_ne(a.curl, CURLE_OK);
	ck_assert_int_eq(synchttp_retryable(a.curl, a.status), 0);
	synchttp_answer_free(&a);
	fclose(f);
	synchttp_close(&h);
}
END_TEST

/* A 404 for a module whose error page is longer than the module: the
 * 404 and the server's reason, not "Maximum file size exceeded" (issue
 * 14, finding 12); nothing written to the file. */
START_TEST(test_get_404_to_a_file)
{
	struct canned c;
	struct synchttp h;
	struct synchttp_answer a;
	FILE *f;

	canned_start(&c, "HTTP/1.1 404 Not Found\r\n"
	    "Content-Type: application/json\r\nContent-Length: 30\r\n"
	    "Connection: close\r\n\r\n{\"error\": \"no such module xx\"}");
	open_at(&h, c.port);
	f = tmpfile();
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(synchttp_get(&h, "/v1/modules/x", f, 9, &a), 0);
	canned_stop(&c);
	ck_assert_int_eq(a.status, 404);
	ck_assert_str_eq(a.error, "no such module xx");
	ck_assert_int_eq(ftell(f), 0);
	synchttp_answer_free(&a);
	fclose(f);
	synchttp_close(&h);
}
END_TEST

/* A server's error text with escape codes and newlines: each control
 * character becomes '?' before anybody prints or stores it. */
START_TEST(test_error_text_is_printable)
{
	struct canned c;
	struct synchttp h;
	struct synchttp_answer a;

	canned_start(&c, "HTTP/1.1 400 Bad Request\r\n"
	    "Content-Type: application/json\r\nContent-Length: 42\r\n"
	    "Connection: close\r\n\r\n"
	    "{\"error\": \"bad\\u001b[2J\\nhocso: all good\"}");
	open_at(&h, c.port);
	ck_assert_int_eq(synchttp_get(&h, "/v1/catalog", NULL, 0, &a), 0);
	canned_stop(&c);
	ck_assert_int_eq(a.status, 400);
	ck_assert_str_eq(a.error, "bad?[2J?hocso: all good");
	synchttp_answer_free(&a);
	synchttp_close(&h);
}
END_TEST

/* A connection closed without an answer, and no server at all: both
 * worth another try. */
START_TEST(test_no_answer)
{
	struct canned c;
	struct synchttp h;
	struct synchttp_answer a;
	int port;

	canned_start(&c, NULL);
	port = c.port;
	open_at(&h, port);
	ck_assert_int_eq(synchttp_get(&h, "/v1/catalog", NULL, 0, &a), HS_EIO);
	canned_stop(&c);
	ck_assert_int_eq(a.curl, CURLE_GOT_NOTHING);
	ck_assert_int_eq(a.status, 0);
	ck_assert_int_eq(synchttp_retryable(a.curl, a.status), 1);
	synchttp_answer_free(&a);
	/* the listener is closed now: nothing there */
	ck_assert_int_eq(synchttp_get(&h, "/v1/catalog", NULL, 0, &a), HS_EIO);
	ck_assert_int_eq(a.curl, CURLE_COULDNT_CONNECT);
	ck_assert_int_eq(synchttp_retryable(a.curl, a.status), 1);
	ck_assert_str_ne(a.why, "");
	synchttp_answer_free(&a);
	synchttp_close(&h);
}
END_TEST

START_TEST(test_only_web_addresses)
{
	struct synchttp h;
	struct hs_error err;

	ck_assert_int_eq(synchttp_open(&h, "ftp://example.org", &err),
	    HS_EINVAL);
	ck_assert_int_eq(synchttp_open(&h, "not a url at all", &err),
	    HS_EINVAL);
	ck_assert_int_eq(synchttp_open(&h, "https://example.org///", &err), 0);
	ck_assert_str_eq(h.base, "https://example.org");
	synchttp_close(&h);
}
END_TEST

static Suite *
synchttp_suite(void)
{
	Suite *s = suite_create("synchttp");
	TCase *tc = tcase_create("policy");

	tcase_add_test(tc, test_window_doubles_up_to_the_cap);
	tcase_add_test(tc, test_wait_is_full_jitter);
	tcase_add_test(tc, test_retry_after_is_capped);
	tcase_add_test(tc, test_policy_from_the_environment);
	tcase_add_loop_test(tc, test_which_outcomes_retry, 0,
	    sizeof outcomes / sizeof *outcomes);
	suite_add_tcase(s, tc);
	tc = tcase_create("http");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_put_sends_the_bundle);
	tcase_add_test(tc, test_503_retry_after_seconds);
	tcase_add_test(tc, test_retry_after_date);
	tcase_add_test(tc, test_get_to_a_file);
	tcase_add_test(tc, test_get_404_to_a_file);
	tcase_add_test(tc, test_error_text_is_printable);
	tcase_add_test(tc, test_no_answer);
	tcase_add_test(tc, test_only_web_addresses);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(synchttp_suite)

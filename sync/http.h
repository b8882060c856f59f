/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sync-http.h: the school device's HTTP transport to the province server
 * (docs/sync-protocol.md): one libcurl easy handle for a run of hocso
 * sync or hocso enroll, requests that PUT a bundle, POST JSON or GET to
 * memory or to a file, the retry policy (which outcomes are worth
 * another try, and how long to wait before it), and the progress of the
 * bundles sent on standard error.  It knows HTTP, not bundles or
 * receipts: sync/client.c decides what each answer means.
 *
 * libcurl's defaults are kept where they matter: the proxy environment
 * variables (http_proxy, https_proxy, no_proxy) and the system's CA store.
 */
#ifndef HOCSO_SYNC_HTTP_H
#define HOCSO_SYNC_HTTP_H

#include <stddef.h>
#include <stdio.h>

#include <curl/curl.h>

#include "core/error.h"

#define SYNCHTTP_TRIES 6		/* attempts per request */
#define SYNCHTTP_BACKOFF_MS 2000	/* base of the backoff */
#define SYNCHTTP_BACKOFF_CAP_MS 300000	/* longest wait */
#define SYNCHTTP_CONNECT_TIMEOUT 30	/* seconds to connect */
#define SYNCHTTP_STALL_TIME 30		/* seconds with no progress */
#define SYNCHTTP_MAX_ANSWER (16L << 20)	/* bytes of an answer in memory */

/* What came of one request. */
struct synchttp_answer {
	CURLcode curl;			/* CURLE_OK when the server answered */
	int os_errno;			/* the system's errno, when known */
	char why[CURL_ERROR_SIZE + 64];	/* what went wrong, curl != OK */
	long status;			/* HTTP status; 0 without an answer */
	long long retry_after_ms;	/* the Retry-After, or -1 */
	char *body;			/* the answer (NUL-terminated), not
					 * what went to a file; may be NULL */
	size_t len;
	char error[512];		/* the body's "error" field, or "" */
};

/* A connection to one server. */
struct synchttp {
	CURL *curl;
	int started;			/* curl_global_init() called */
	char *base;			/* the URL, without a trailing '/' */
	char errbuf[CURL_ERROR_SIZE];
	/* The request under way. */
	struct synchttp_answer *ans;
	const unsigned char *up;	/* what a PUT sends, and how far */
	size_t up_len, up_off;
	FILE *file;			/* where a 200's body goes, or NULL */
	long long file_max, file_got;
	char write_why[256];		/* why the body could not be kept */
	/* The progress of the bundles sent (synchttp_progress()). */
	int tty;			/* standard error is a terminal */
	int done, total;		/* bundles sent, to send */
	long long sent;			/* bytes of the bundles sent */
	int shown;			/* a bar is on the line */
	char line[160];			/* the bar drawn last */
};

/* Opens a connection to the server at base (an http:// or https:// URL;
 * no request is made yet).  Returns 0, or HS_EINVAL when base is not
 * such a URL, with err saying why. */
int synchttp_open(struct synchttp *h, const char *base,
    struct hs_error *err);
void synchttp_close(struct synchttp *h);

/* The requests.  Each fills a (free it with synchttp_answer_free()) and
 * returns 0 when the server answered, whatever the status, or HS_EIO
 * when it did not (a->curl and a->why say why). */
/* PUT <base>/v1/bundles/<sha256>, the bundle's len bytes as the body. */
int synchttp_put_bundle(struct synchttp *h, const char *sha256,
    const void *data, size_t len, struct synchttp_answer *a);
/* POST <base><path> with a JSON body. */
int synchttp_post_json(struct synchttp *h, const char *path,
    const char *json, struct synchttp_answer *a);
/* GET <base><path>: the answer into memory (a->body), or, when f is not
 * NULL, a 200's body into f, at most max bytes (more is an error). */
int synchttp_get(struct synchttp *h, const char *path, FILE *f,
    long long max, struct synchttp_answer *a);

void synchttp_answer_free(struct synchttp_answer *a);

/* The retry policy.  Whether an outcome may succeed if tried again: a
 * connection that failed or was cut, a timeout, 429 and 500-599 may;
 * an answer given (other statuses), a URL libcurl cannot use or a
 * certificate that cannot be checked will not. */
int synchttp_retryable(CURLcode c, long status);

struct synchttp_policy {
	long long base_ms, cap_ms;
	int tries;			/* attempts per request */
};

/* The defaults, or HOCSO_SYNC_BACKOFF_MS and HOCSO_SYNC_BACKOFF_CAP_MS
 * from the environment (for the tests). */
void synchttp_policy_init(struct synchttp_policy *p, int tries);

/* The longest wait after attempt failures less one (0 after the first):
 * min(cap, base * 2^attempt), without overflow. */
long long synchttp_window_ms(long long base_ms, long long cap_ms,
    int attempt);

/* How long to wait before the next try: the server's Retry-After
 * (retry_after_ms >= 0), at most the cap; else exponential backoff with
 * full jitter, a random wait in [0, synchttp_window_ms()]. */
long long synchttp_wait_ms(const struct synchttp_policy *p, int attempt,
    long long retry_after_ms);

/* Sleeps ms milliseconds, whatever signals come. */
void synchttp_sleep_ms(long long ms);

/* The progress of the bundles, on standard error.  On a terminal, a bar
 * redrawn with \r while a bundle goes up: "[#######.........] 3/7
 * bundles, 412 KB"; elsewhere one line per bundle sent.
 * synchttp_progress_start() before the first bundle; synchttp_progress_sent()
 * after each one acknowledged (events in it, bytes); synchttp_progress_break()
 * before any other line is written to the terminal, and at the end. */
void synchttp_progress_start(struct synchttp *h, int total);
void synchttp_progress_sent(struct synchttp *h, long long number,
    int events, size_t bytes);
void synchttp_progress_break(struct synchttp *h);

#endif

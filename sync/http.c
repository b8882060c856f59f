/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sync-http.c: the device's HTTP transport to the province server over
 * libcurl's easy interface, the retry policy and the progress of the
 * bundles sent.  See sync-http.h.  Nothing here knows what a bundle, a
 * receipt or an alert is, and nothing here prints but the progress.
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <sodium.h>

#include "core/fileio.h"
#include "core/i18n.h"
#include "sync/http.h"

#define BAR_WIDTH 16

static size_t
on_body(char *p, size_t size, size_t n, void *ctx)
{
	struct synchttp *h = ctx;
	struct synchttp_answer *a = h->ans;
	size_t len = size * n;
	long code = 0;
	char *body;

	curl_easy_getinfo(h->curl, CURLINFO_RESPONSE_CODE, &code);
	if (h->file != NULL && code == 200) {
		if (h->file_got + (long long)len > h->file_max) {
			snprintf(h->write_why, sizeof h->write_why, "%s",
			    _("the download is larger than the server said"));
			return 0;
		}
		if (fwrite(p, 1, len, h->file) != len) {
			snprintf(h->write_why, sizeof h->write_why,
			    _("cannot write the download: %s"), strerror(errno));
			return 0;
		}
		h->file_got += len;
		return len;
	}
	if (a->len + len > (size_t)SYNCHTTP_MAX_ANSWER) {
		snprintf(h->write_why, sizeof h->write_why, "%s",
		    _("the server's answer is too large"));
		return 0;
	}
	if ((body = realloc(a->body, a->len + len + 1)) == NULL) {
		snprintf(h->write_why, sizeof h->write_why, "%s",
		    _("out of memory"));
		return 0;
	}
	memcpy(body + a->len, p, len);
	a->body = body;
	a->len += len;
	body[a->len] = '\0';
	return len;
}

static size_t
on_read(char *buf, size_t size, size_t n, void *ctx)
{
	struct synchttp *h = ctx;
	size_t want = size * n, left = h->up_len - h->up_off;

	if (want > left)
		want = left;
	memcpy(buf, h->up + h->up_off, want);
	h->up_off += want;
	return want;
}

/* libcurl sends a request again on a connection found dead: from the
 * start. */
static int
on_seek(void *ctx, curl_off_t offset, int origin)
{
	struct synchttp *h = ctx;

	if (origin != SEEK_SET || offset < 0 || (size_t)offset > h->up_len)
		return CURL_SEEKFUNC_FAIL;
	h->up_off = (size_t)offset;
	return CURL_SEEKFUNC_OK;
}

/* Draws the bar: fraction of the bundles sent, bytes sent. */
static void
bar_draw(struct synchttp *h, double done, long long bytes)
{
	char bar[BAR_WIDTH + 1], line[sizeof h->line];
	int i, fill = h->total > 0 ? (int)(done * BAR_WIDTH / h->total) : 0;

	if (fill > BAR_WIDTH)
		fill = BAR_WIDTH;
	for (i = 0; i < BAR_WIDTH; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[BAR_WIDTH] = '\0';
	/* TRANSLATORS: the progress bar of hocso sync: bar, bundles sent,
	 * bundles to send, kilobytes sent. */
	snprintf(line, sizeof line, P_("[%s] %d/%d bundle, %lld KB",
	    "[%s] %d/%d bundles, %lld KB", h->total), bar, h->done,
	    h->total, bytes / 1024);
	if (h->shown && !strcmp(line, h->line))
		return;		/* redrawn only when it changes */
	fprintf(stderr, "\r%s ", line);
	fflush(stderr);
	memcpy(h->line, line, sizeof line);
	h->shown = 1;
}

static int
on_progress(void *ctx, curl_off_t dltotal, curl_off_t dlnow,
    curl_off_t ultotal, curl_off_t ulnow)
{
	struct synchttp *h = ctx;

	(void)dltotal;
	(void)dlnow;
	bar_draw(h, h->done + (ultotal > 0 ? (double)ulnow / ultotal : 0),
	    h->sent + ulnow);
	return 0;
}

int
synchttp_open(struct synchttp *h, const char *base, struct hs_error *err)
{
	CURLU *u;
	CURLUcode uc;
	char *scheme = NULL;
	size_t n;

	memset(h, 0, sizeof *h);
	if ((u = curl_url()) == NULL)
		return hs_error_set(err, HS_ENOMEM, "%s", _("out of memory"));
	uc = curl_url_set(u, CURLUPART_URL, base, 0);
	if (uc == CURLUE_OK)
		uc = curl_url_get(u, CURLUPART_SCHEME, &scheme, 0);
	if (uc != CURLUE_OK || (strcmp(scheme, "http") != 0 &&
	    strcmp(scheme, "https") != 0)) {
		curl_free(scheme);
		curl_url_cleanup(u);
		return hs_error_set(err, HS_EINVAL, _("'%s' is not the web "
		    "address of a server (http://... or https://...)"), base);
	}
	curl_free(scheme);
	curl_url_cleanup(u);
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return hs_error_set(err, HS_EIO, "%s", _("libcurl cannot be "
		    "started"));
	h->started = 1;
	if ((h->base = strdup(base)) == NULL ||
	    (h->curl = curl_easy_init()) == NULL) {
		synchttp_close(h);
		return hs_error_set(err, HS_ENOMEM, "%s", _("out of memory"));
	}
	for (n = strlen(h->base); n > 0 && h->base[n - 1] == '/'; n--)
		h->base[n - 1] = '\0';
	h->tty = isatty(STDERR_FILENO);
	return 0;
}

void
synchttp_close(struct synchttp *h)
{
	if (h->curl != NULL)
		curl_easy_cleanup(h->curl);
	if (h->started)
		curl_global_cleanup();
	free(h->base);
	memset(h, 0, sizeof *h);
}

void
synchttp_answer_free(struct synchttp_answer *a)
{
	free(a->body);
	a->body = NULL;
	a->len = 0;
}

/* Sets up a request to base + path, its answer into a; the headers
 * (may be NULL) stay the caller's.  Returns 0 or HS_ENOMEM. */
static int
request_setup(struct synchttp *h, const char *path,
    struct curl_slist *headers, struct synchttp_answer *a)
{
	CURL *c = h->curl;
	size_t n = strlen(h->base) + strlen(path) + 1;
	char *url = malloc(n);

	memset(a, 0, sizeof *a);
	a->retry_after_ms = -1;
	h->ans = a;
	h->file = NULL;
	h->write_why[0] = '\0';
	h->errbuf[0] = '\0';
	if (url == NULL) {
		a->curl = CURLE_OUT_OF_MEMORY;
		snprintf(a->why, sizeof a->why, "%s", _("out of memory"));
		return HS_ENOMEM;
	}
	snprintf(url, n, "%s%s", h->base, path);
	curl_easy_reset(c);
	curl_easy_setopt(c, CURLOPT_URL, url);
	free(url);		/* libcurl keeps its own copy */
	curl_easy_setopt(c, CURLOPT_USERAGENT, "hocso/" PACKAGE_VERSION);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, (long)SYNCHTTP_CONNECT_TIMEOUT);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, (long)SYNCHTTP_STALL_TIME);
	curl_easy_setopt(c, CURLOPT_FAILONERROR, 0L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, h->errbuf);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, h);
	if (headers != NULL)
		curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
	return 0;
}

/* Performs the request set up; see the contract of the requests. */
static int
request_run(struct synchttp *h, struct synchttp_answer *a)
{
	CURLcode c = curl_easy_perform(h->curl);
	curl_off_t after = 0;
	long v = 0;
	json_t *root, *e;
	char *clean;

	h->ans = NULL;
	a->curl = c;
	if (c != CURLE_OK) {
		if (curl_easy_getinfo(h->curl, CURLINFO_OS_ERRNO, &v) ==
		    CURLE_OK)
			a->os_errno = (int)v;
		snprintf(a->why, sizeof a->why, "%s", h->write_why[0] != '\0' ?
		    h->write_why : h->errbuf[0] != '\0' ? h->errbuf :
		    curl_easy_strerror(c));
		return HS_EIO;
	}
	curl_easy_getinfo(h->curl, CURLINFO_RESPONSE_CODE, &v);
	a->status = v;
	/* Seconds, or an HTTP date made into seconds from now. */
	if (curl_easy_getinfo(h->curl, CURLINFO_RETRY_AFTER, &after) ==
	    CURLE_OK && after > 0)
		a->retry_after_ms = (long long)after * 1000;
	if (a->status != 200 && a->body != NULL &&
	    (root = json_loadb(a->body, a->len, 0, NULL)) != NULL) {
		/* The server's words reach a terminal and the store: no
		 * control character (escape codes, newlines) of them. */
		if (json_is_object(root) &&
		    json_is_string(e = json_object_get(root, "error")) &&
		    (clean = fileio_printable(json_string_value(e))) != NULL) {
			snprintf(a->error, sizeof a->error, "%s", clean);
			free(clean);
		}
		json_decref(root);
	}
	return 0;
}

int
synchttp_put_bundle(struct synchttp *h, const char *sha256,
    const void *data, size_t len, struct synchttp_answer *a)
{
	struct curl_slist *hd = NULL, *t;
	char path[128];
	int rc;

	snprintf(path, sizeof path, "/v1/bundles/%s", sha256);
	/* No "Expect: 100-continue": a bundle is small, and proxies that
	 * ignore it cost a second each. */
	if ((t = curl_slist_append(hd, "Content-Type: "
	    "application/vnd.hocso.bundle")) == NULL ||
	    (hd = t, t = curl_slist_append(hd, "Expect:")) == NULL) {
		curl_slist_free_all(hd);
		memset(a, 0, sizeof *a);
		a->curl = CURLE_OUT_OF_MEMORY;
		snprintf(a->why, sizeof a->why, "%s", _("out of memory"));
		return HS_ENOMEM;
	}
	hd = t;
	if ((rc = request_setup(h, path, hd, a)) == 0) {
		h->up = data;
		h->up_len = len;
		h->up_off = 0;
		curl_easy_setopt(h->curl, CURLOPT_UPLOAD, 1L);
		curl_easy_setopt(h->curl, CURLOPT_READFUNCTION, on_read);
		curl_easy_setopt(h->curl, CURLOPT_READDATA, h);
		curl_easy_setopt(h->curl, CURLOPT_SEEKFUNCTION, on_seek);
		curl_easy_setopt(h->curl, CURLOPT_SEEKDATA, h);
		curl_easy_setopt(h->curl, CURLOPT_INFILESIZE_LARGE,
		    (curl_off_t)len);
		if (h->tty && h->total > 0) {
			curl_easy_setopt(h->curl, CURLOPT_XFERINFOFUNCTION,
			    on_progress);
			curl_easy_setopt(h->curl, CURLOPT_XFERINFODATA, h);
			curl_easy_setopt(h->curl, CURLOPT_NOPROGRESS, 0L);
		}
		rc = request_run(h, a);
	}
	curl_slist_free_all(hd);
	h->up = NULL;
	return rc;
}

int
synchttp_post_json(struct synchttp *h, const char *path, const char *json,
    struct synchttp_answer *a)
{
	struct curl_slist *hd;
	int rc;

	if ((hd = curl_slist_append(NULL, "Content-Type: application/json"))
	    == NULL) {
		memset(a, 0, sizeof *a);
		a->curl = CURLE_OUT_OF_MEMORY;
		snprintf(a->why, sizeof a->why, "%s", _("out of memory"));
		return HS_ENOMEM;
	}
	if ((rc = request_setup(h, path, hd, a)) == 0) {
		curl_easy_setopt(h->curl, CURLOPT_POSTFIELDS, json);
		curl_easy_setopt(h->curl, CURLOPT_POSTFIELDSIZE_LARGE,
		    (curl_off_t)strlen(json));
		rc = request_run(h, a);
	}
	curl_slist_free_all(hd);
	return rc;
}

int
synchttp_get(struct synchttp *h, const char *path, FILE *f, long long max,
    struct synchttp_answer *a)
{
	int rc;

	if ((rc = request_setup(h, path, NULL, a)) != 0)
		return rc;
	if (f != NULL) {
		h->file = f;
		h->file_max = max;
		h->file_got = 0;
		/* No CURLOPT_MAXFILESIZE: it would hold an error page's
		 * length against the file's bound and say "Maximum file size
		 * exceeded" for a 404.  The writer bounds 200's body. */
	}
	rc = request_run(h, a);
	h->file = NULL;
	return rc;
}

int
synchttp_retryable(CURLcode c, long status)
{
	switch (c) {
	case CURLE_OK:
		return status == 429 || (status >= 500 && status <= 599);
	case CURLE_UNSUPPORTED_PROTOCOL:
	case CURLE_URL_MALFORMAT:
	case CURLE_NOT_BUILT_IN:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_WRITE_ERROR:
	case CURLE_READ_ERROR:
	case CURLE_OUT_OF_MEMORY:
	case CURLE_ABORTED_BY_CALLBACK:
	case CURLE_FILESIZE_EXCEEDED:
	case CURLE_TOO_MANY_REDIRECTS:
	case CURLE_BAD_FUNCTION_ARGUMENT:
	case CURLE_LOGIN_DENIED:
		return 0;
	default:
		return 1;
	}
}

/* A number of milliseconds from the environment, or def. */
static long long
env_ms(const char *name, long long def)
{
	const char *v = getenv(name);
	char *end;
	long long n;

	if (v == NULL || *v == '\0')
		return def;
	errno = 0;
	n = strtoll(v, &end, 10);
	return errno != 0 || *end != '\0' || n < 0 ? def : n;
}

void
synchttp_policy_init(struct synchttp_policy *p, int tries)
{
	p->base_ms = env_ms("HOCSO_SYNC_BACKOFF_MS", SYNCHTTP_BACKOFF_MS);
	p->cap_ms = env_ms("HOCSO_SYNC_BACKOFF_CAP_MS",
	    SYNCHTTP_BACKOFF_CAP_MS);
	p->tries = tries > 0 ? tries : SYNCHTTP_TRIES;
}

long long
synchttp_window_ms(long long base_ms, long long cap_ms, int attempt)
{
	long long w = base_ms;
	int i;

	if (base_ms <= 0 || cap_ms <= 0)
		return 0;
	for (i = 0; i < attempt && w < cap_ms; i++)
		w *= 2;		/* w < cap_ms: no overflow for sane caps */
	return w < cap_ms ? w : cap_ms;
}

long long
synchttp_wait_ms(const struct synchttp_policy *p, int attempt,
    long long retry_after_ms)
{
	/* randombytes_uniform() takes 32 bits: about 49 days. */
	const long long most = UINT32_MAX - 1;
	long long cap = p->cap_ms < most ? p->cap_ms : most, w;

	if (retry_after_ms >= 0)
		return retry_after_ms < cap ? retry_after_ms : cap;
	w = synchttp_window_ms(p->base_ms, cap, attempt);
	return w > 0 ? (long long)randombytes_uniform((uint32_t)w + 1) : 0;
}

void
synchttp_sleep_ms(long long ms)
{
	struct timespec t, left;

	if (ms <= 0)
		return;
	t.tv_sec = ms / 1000;
	t.tv_nsec = (ms % 1000) * 1000000L;
	while (nanosleep(&t, &left) != 0 && errno == EINTR)
		t = left;
}

void
synchttp_progress_start(struct synchttp *h, int total)
{
	h->done = 0;
	h->total = total;
	h->sent = 0;
	h->shown = 0;
	if (h->tty && total > 0)
		bar_draw(h, 0, 0);
}

void
synchttp_progress_sent(struct synchttp *h, long long number, int events,
    size_t bytes)
{
	h->done++;
	h->sent += bytes;
	if (h->tty) {
		bar_draw(h, h->done, h->sent);
		return;
	}
	/* TRANSLATORS: one line per bundle sent when standard error is not
	 * a terminal: bundles sent, bundles to send, the bundle's number,
	 * its events, its size. */
	fprintf(stderr, P_("sent bundle %d/%d (number %lld): %d event, "
	    "%lld KB\n", "sent bundle %d/%d (number %lld): %d events, "
	    "%lld KB\n", (unsigned long)events), h->done, h->total, number,
	    events, ((long long)bytes + 1023) / 1024);
}

void
synchttp_progress_break(struct synchttp *h)
{
	if (h->shown) {
		fputc('\n', stderr);
		fflush(stderr);
		h->shown = 0;
	}
}

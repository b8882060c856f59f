/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * forward.c: the thread that passes stored statements on to an external
 * xAPI Learning Record Store (hocso-server serve --forward-lrs URL).
 *
 * It keeps its place in the server's meta, FORWARD_POSITION: the
 * row id of the last statement the LRS accepted.  Each round it reads up to
 * FORWARD_BATCH statements after it (server_export(), holding the
 * server's lock), POSTs them as one JSON array with libcurl (no lock
 * held), and on 200 or 204 moves the place on.  A 409 counts as
 * accepted: xAPI answers it for an id the LRS has already, which is what
 * a batch sent again after a crash holds.  On any other answer it waits
 * (exponential backoff with full jitter, FORWARD_BASE_MS to
 * FORWARD_CAP_MS) and tries again, one log line per failure.
 *
 * A refusal (4xx, but not 401, 403, 407, 408 or 429, which time or the
 * administrator cure) says something in the batch is not wanted: the
 * statements of that batch then go one at a time.  One refused
 * FORWARD_DEAD_TRIES times alone is set aside in the dead-letter table
 * (forward_dead, with the LRS's reason) and the place moves past it, so
 * that one poison statement never holds back the rest; but only once the
 * LRS has taken some statement since the start, lest a wrong URL that
 * refuses everything set everything aside.  Each round first
 * sends one statement that hocso-server forward retry marked.  It wakes
 * when told that statements were stored, and looks every FORWARD_POLL_MS
 * by itself for those that came another way (hocso-server import).
 *
 * Never here: how statements are built (sync/statement.c), the store.
 */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "core/clock.h"
#include "core/fileio.h"
#include "core/i18n.h"
#include "core/util.h"
#include "server/forward.h"
#include "server/srvstore.h"

#define FORWARD_BATCH 100		/* statements per POST */
#define FORWARD_BASE_MS 2000		/* backoff: first wait's bound */
#define FORWARD_CAP_MS 300000		/* backoff: no wait longer */
#define FORWARD_POLL_MS 2000		/* a look with no wake-up */
#define FORWARD_TIMEOUT 30		/* seconds, to connect and in all */
#define FORWARD_DEAD_TRIES 5		/* refusals alone before set aside */
#define FORWARD_REASON 300		/* bytes of the LRS's answer kept */

struct forward {
	struct server *s;
	pthread_mutex_t *lock;		/* the server's */
	char *url;
	char *auth;			/* or NULL */
	long base_ms, cap_ms;
	unsigned seed;
	long long single_until;		/* one at a time up to this row id */
	long long refused_id;		/* the statement refused alone */
	int refused, dead_tries;	/* how often; the bound */
	int took_one;			/* the LRS took a statement since start */
	pthread_t thread;
	pthread_mutex_t m;		/* guards wake and stop */
	pthread_cond_t cond;
	int wake, stop;
};

/* A batch being read from the store. */
struct forward_batch {
	char *json;			/* "[s1,s2,...]" */
	size_t len, size;
	int n, max;
	long long last;			/* the row id of the last one */
	int oom;
};

/* The start of the LRS's answer, for a refusal's reason. */
struct forward_answer {
	char text[FORWARD_REASON];
	size_t len;
};

static int
forward_append(struct forward_batch *b, const char *text, size_t len)
{
	size_t size;
	char *p;

	if (b->len + len + 2 > b->size) {
		size = b->size == 0 ? 65536 : b->size;
		while (size < b->len + len + 2)
			size *= 2;
		p = realloc(b->json, size);
		if (p == NULL) {
			b->oom = 1;
			return -1;
		}
		b->json = p;
		b->size = size;
	}
	memcpy(b->json + b->len, text, len);
	b->len += len;
	b->json[b->len] = '\0';
	return 0;
}

/* server_export()'s callback: one statement into the batch; stops it
 * when full. */
static int
forward_collect(long long id, const char *text, size_t len, void *ctx)
{
	struct forward_batch *b = ctx;

	if (forward_append(b, b->n == 0 ? "[" : ",", 1) != 0 ||
	    forward_append(b, text, len) != 0)
		return HS_ENOMEM;
	b->n++;
	b->last = id;
	return b->n >= b->max ? 1 : 0;
}

/* Stops a transfer under way when the thread is told to stop. */
static int
forward_progress(void *ctx, curl_off_t dltotal, curl_off_t dlnow,
    curl_off_t ultotal, curl_off_t ulnow)
{
	struct forward *f = ctx;
	int stop;

	(void)dltotal;
	(void)dlnow;
	(void)ultotal;
	(void)ulnow;
	pthread_mutex_lock(&f->m);
	stop = f->stop;
	pthread_mutex_unlock(&f->m);
	return stop;
}

/* Keeps the start of the LRS's answer, for a refusal's reason. */
static size_t
forward_keep(char *data, size_t size, size_t n, void *ctx)
{
	struct forward_answer *a = ctx;
	size_t k = size * n;

	if (a->len + 1 < sizeof a->text) {
		if (k > sizeof a->text - 1 - a->len)
			k = sizeof a->text - 1 - a->len;
		memcpy(a->text + a->len, data, k);
		a->len += k;
		a->text[a->len] = '\0';
	}
	return size * n;
}

/* Whether HTTP code says the LRS will never take this batch as it is:
 * a 4xx other than those time or the administrator cure. */
static int
forward_refusal(long code)
{
	return code >= 400 && code < 500 && code != 401 && code != 403 &&
	    code != 407 && code != 408 && code != 429;
}

/* POSTs b to the LRS.  Returns 0 when it was accepted, else -1 with why
 * (a line, control characters made '?') in msg and the HTTP code (0 for
 * none) in *code. */
static int
forward_post(struct forward *f, CURL *curl, const struct forward_batch *b,
    long *code, char *msg, size_t msglen)
{
	struct curl_slist *h = NULL, *t;
	struct forward_answer a = { "", 0 };
	char errbuf[CURL_ERROR_SIZE] = "", *p;
	CURLcode cc;
	int rc = -1;

	*code = 0;
	h = curl_slist_append(NULL, "X-Experience-API-Version: 1.0.3");
	t = h != NULL ? curl_slist_append(h,
	    "Content-Type: application/json") : NULL;
	if (t == NULL) {
		curl_slist_free_all(h);
		snprintf(msg, msglen, "%s", _("out of memory"));
		return -1;
	}
	curl_easy_reset(curl);
	curl_easy_setopt(curl, CURLOPT_URL, f->url);
	curl_easy_setopt(curl, CURLOPT_POST, 1L);
	curl_easy_setopt(curl, CURLOPT_POSTFIELDS, b->json);
	curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
	    (curl_off_t)b->len);
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, h);
	if (f->auth != NULL) {
		curl_easy_setopt(curl, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
		curl_easy_setopt(curl, CURLOPT_USERPWD, f->auth);
	}
	curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, (long)FORWARD_TIMEOUT);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, (long)FORWARD_TIMEOUT);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, forward_progress);
	curl_easy_setopt(curl, CURLOPT_XFERINFODATA, f);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, forward_keep);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, &a);
	curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
	cc = curl_easy_perform(curl);
	if (cc != CURLE_OK)
		snprintf(msg, msglen, "%s", errbuf[0] != '\0' ? errbuf :
		    curl_easy_strerror(cc));
	else {
		curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, code);
		if (*code == 200 || *code == 204 || *code == 409)
			rc = 0;
		else {
			p = fileio_printable(a.text);
			if (p != NULL && *p != '\0')
				snprintf(msg, msglen, _("the LRS answered HTTP "
				    "%ld: %s"), *code, p);
			else
				snprintf(msg, msglen, _("the LRS answered HTTP "
				    "%ld"), *code);
			free(p);
		}
	}
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, NULL);
	curl_slist_free_all(h);
	return rc;
}

/* Sets statement id aside with reason and moves the place past it (or,
 * for a statement sent again, only sets it aside again), in one
 * transaction.  Returns 0 or -1 with why in msg. */
static int
forward_set_aside(struct forward *f, long long id, int moves,
    const char *reason, int tries, char *msg, size_t msglen)
{
	struct srvstore *st = server_store(f->s);
	struct hs_error err;
	char pos[32], now[32];
	int rc;

	hs_error_clear(&err);
	snprintf(pos, sizeof pos, "%lld", id);
	util_iso8601(clock_now_ms(), now, sizeof now);
	pthread_mutex_lock(f->lock);
	if ((rc = srvstore_begin(st, &err)) == 0 &&
	    (rc = srvstore_dead_add(st, id, reason, tries, now, &err)) == 0 &&
	    (!moves || (rc = server_meta_set(f->s, FORWARD_POSITION, pos,
	    &err)) == 0))
		rc = srvstore_commit(st, &err);
	if (rc != 0)
		srvstore_rollback(st);
	pthread_mutex_unlock(f->lock);
	if (rc != 0) {
		snprintf(msg, msglen, "%s", err.msg);
		return -1;
	}
	fprintf(stderr, "hocso-server: %s: ", f->url);
	fprintf(stderr, _("statement %lld set aside after %d refusals: %s "
	    "(see hocso-server forward list)"), id, tries, reason);
	fprintf(stderr, "\n");
	return 0;
}

/* One round: the next batch read, sent and recorded.  Returns 1 when a
 * batch went (or a statement was set aside), 0 when there was nothing to
 * send, -1 on a failure with why in msg. */
static int
forward_round(struct forward *f, CURL *curl, char *msg, size_t msglen)
{
	struct forward_batch b = { 0 };
	struct hs_error err;
	char pos[32];
	long long after = 0, retry = 0;
	long code;
	int rc;

	hs_error_clear(&err);
	pthread_mutex_lock(f->lock);
	rc = srvstore_dead_next_retry(server_store(f->s), &retry, &err);
	if (rc == 0) {
		b.max = 1;
		rc = server_export(f->s, retry - 1, NULL, forward_collect, &b,
		    &err);
	} else if (rc == HS_ENOTFOUND) {
		retry = 0;
		rc = server_meta_get(f->s, FORWARD_POSITION, pos, sizeof pos,
		    &err);
		if (rc == 0)
			after = atoll(pos);
		b.max = after < f->single_until ? 1 : FORWARD_BATCH;
		if (rc == 0 || rc == HS_ENOTFOUND)
			rc = server_export(f->s, after, NULL, forward_collect,
			    &b, &err);
	}
	pthread_mutex_unlock(f->lock);
	if (rc < 0 || b.oom) {
		snprintf(msg, msglen, "%s", b.oom ? _("out of memory") :
		    err.msg);
		free(b.json);
		return -1;
	}
	if (b.n == 0 || (retry != 0 && b.last != retry)) {
		free(b.json);
		if (retry == 0)
			return 0;
		/* Marked, but no such statement: nothing to send. */
		pthread_mutex_lock(f->lock);
		rc = srvstore_dead_mark(server_store(f->s), retry, 0, &err);
		pthread_mutex_unlock(f->lock);
		return rc == 0 ? 1 : -1;
	}
	if (forward_append(&b, "]", 1) != 0) {
		snprintf(msg, msglen, "%s", _("out of memory"));
		free(b.json);
		return -1;
	}
	rc = forward_post(f, curl, &b, &code, msg, msglen);
	free(b.json);
	if (rc != 0) {
		if (!forward_refusal(code))
			return -1;
		if (retry != 0)		/* refused again: aside again */
			return forward_set_aside(f, retry, 0, msg, 1, msg,
			    msglen) == 0 ? 1 : -1;
		if (b.n > 1) {		/* which one? one at a time */
			f->single_until = b.last;
			return 1;
		}
		if (f->refused_id != b.last) {
			f->refused_id = b.last;
			f->refused = 0;
		}
		/* An LRS that has taken nothing yet (a wrong URL, say)
		 * refuses them all: nothing is set aside for it. */
		if (++f->refused < f->dead_tries || !f->took_one)
			return -1;
		f->refused = 0;
		return forward_set_aside(f, b.last, 1, msg, f->dead_tries,
		    msg, msglen) == 0 ? 1 : -1;
	}
	f->took_one = 1;
	pthread_mutex_lock(f->lock);
	if (retry != 0)
		rc = srvstore_dead_mark(server_store(f->s), retry, 0, &err);
	else {
		snprintf(pos, sizeof pos, "%lld", b.last);
		rc = server_meta_set(f->s, FORWARD_POSITION, pos, &err);
	}
	pthread_mutex_unlock(f->lock);
	if (rc != 0) {
		snprintf(msg, msglen, "%s", err.msg);
		return -1;
	}
	return 1;
}

/* Waits ms, or until stopped, or (when wakeable) until told that
 * statements were stored.  Returns nonzero when stopped. */
static int
forward_wait(struct forward *f, long ms, int wakeable)
{
	long long end = clock_mono_ms() + ms;
	struct timespec until;
	int stop;

	until.tv_sec = (time_t)(end / 1000);
	until.tv_nsec = (long)(end % 1000) * 1000000L;
	pthread_mutex_lock(&f->m);
	while (!f->stop && !(wakeable && f->wake))
		if (pthread_cond_timedwait(&f->cond, &f->m, &until) != 0)
			break;		/* the time is up */
	f->wake = 0;
	stop = f->stop;
	pthread_mutex_unlock(&f->m);
	return stop;
}

static void *
forward_main(void *arg)
{
	struct forward *f = arg;
	CURL *curl;
	char msg[600];		/* an hs_error message, a curl one */
	long bound, ms;
	int attempt = 0, k, rc;

	curl = curl_easy_init();
	for (;;) {
		rc = curl != NULL ? forward_round(f, curl, msg, sizeof msg) :
		    -1;
		if (curl == NULL)
			snprintf(msg, sizeof msg, "%s",
			    _("libcurl cannot be started"));
		if (rc > 0) {
			attempt = 0;
			if (forward_wait(f, 0, 0))
				break;
			continue;
		}
		if (rc == 0) {
			attempt = 0;
			if (forward_wait(f, FORWARD_POLL_MS, 1))
				break;
			continue;
		}
		/* Full jitter: anywhere between 0 and the bound. */
		bound = f->base_ms;
		for (k = 0; k < attempt && bound < f->cap_ms; k++)
			bound *= 2;
		if (bound > f->cap_ms)
			bound = f->cap_ms;
		ms = bound > 0 ? (long)(rand_r(&f->seed) % (bound + 1)) : 0;
		fprintf(stderr, "hocso-server: %s: %s (", f->url, msg);
		fprintf(stderr, _("trying again in %.1f s"), ms / 1000.0);
		fprintf(stderr, ")\n");
		if (forward_wait(f, ms, 0))
			break;
		attempt++;
	}
	if (curl != NULL)
		curl_easy_cleanup(curl);
	return NULL;
}

static long
forward_env(const char *name, long dflt)
{
	const char *v = getenv(name);

	return v != NULL && *v != '\0' ? atol(v) : dflt;
}

int
forward_start(struct server *s, pthread_mutex_t *lock, const char *url,
    const char *auth, struct forward **fp, struct hs_error *err)
{
	pthread_condattr_t ca;
	struct forward *f;

	*fp = NULL;
	f = calloc(1, sizeof *f);
	if (f == NULL)
		return hs_error_set(err, HS_ENOMEM, _("out of memory"));
	f->s = s;
	f->lock = lock;
	f->url = strdup(url);
	f->auth = auth != NULL ? strdup(auth) : NULL;
	if (f->url == NULL || (auth != NULL && f->auth == NULL)) {
		free(f->url);
		free(f->auth);
		free(f);
		return hs_error_set(err, HS_ENOMEM, _("out of memory"));
	}
	/* The tests' short waits; the same variables as hocso sync's. */
	f->base_ms = forward_env("HOCSO_SYNC_BACKOFF_MS", FORWARD_BASE_MS);
	f->cap_ms = forward_env("HOCSO_SYNC_BACKOFF_CAP_MS", FORWARD_CAP_MS);
	f->dead_tries = (int)forward_env("HOCSO_FORWARD_DEAD_TRIES",
	    FORWARD_DEAD_TRIES);
	if (f->dead_tries < 1)
		f->dead_tries = 1;
	f->seed = (unsigned)clock_now_ms() ^ (unsigned)getpid();
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&f->cond, &ca);
	pthread_condattr_destroy(&ca);
	pthread_mutex_init(&f->m, NULL);
	if (pthread_create(&f->thread, NULL, forward_main, f) != 0) {
		pthread_cond_destroy(&f->cond);
		pthread_mutex_destroy(&f->m);
		free(f->url);
		free(f->auth);
		free(f);
		return hs_error_set(err, HS_EIO,
		    _("the LRS forwarder cannot be started"));
	}
	*fp = f;
	return 0;
}

void
forward_wake(struct forward *f)
{
	pthread_mutex_lock(&f->m);
	f->wake = 1;
	pthread_cond_signal(&f->cond);
	pthread_mutex_unlock(&f->m);
}

void
forward_stop(struct forward *f)
{
	if (f == NULL)
		return;
	pthread_mutex_lock(&f->m);
	f->stop = 1;
	pthread_cond_signal(&f->cond);
	pthread_mutex_unlock(&f->m);
	pthread_join(f->thread, NULL);
	pthread_cond_destroy(&f->cond);
	pthread_mutex_destroy(&f->m);
	free(f->url);
	free(f->auth);
	free(f);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * http.c: hocso-server's HTTP front, the requests of
 * docs/sync-protocol.md on libmicrohttpd, each mapped onto one call of
 * server/server.h.
 *
 * The daemon runs a small pool of threads, each with its own epoll loop
 * (MHD_USE_AUTO): a connection costs a socket and its buffers, not a
 * thread, so a client that stalls or trickles holds nobody up, and the
 * limits (connections in all, per address, idle seconds, memory per
 * connection) bound what a hostile one can take.  Every call into struct
 * server is made holding one mutex, which the LRS forwarder shares; a
 * bundle's body is read into memory (at most BUNDLE_MAX_FILE: a larger
 * Content-Length is refused before the body is read) and checked whole.
 * The calling thread waits for SIGINT or SIGTERM, blocked in every thread
 * so that none of them is interrupted; then the daemon stops.
 *
 * One line per request on stderr: the time, the client's address, the
 * method, the path, the status ("-" when none was sent: the client went
 * away or was timed out; "413!" when it was not sent whole), the body's
 * bytes received, and the milliseconds taken.
 *
 * Never here: the checks of a bundle or a token (server.c), the store.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <jansson.h>
#include <microhttpd.h>

#include "core/clock.h"
#include "core/fileio.h"
#include "core/i18n.h"
#include "core/util.h"
#include "server/dashboard.h"
#include "server/forward.h"
#include "server/http.h"
#include "server/purge.h"
#include "server/metrics.h"
#include "sync/bundle.h"

#define HTTP_ENROLL_MAX 4096		/* an enrolment's JSON body */
#define HTTP_FORM_MAX 4096		/* a dashboard form's body */
#define HTTP_MEMORY_LIMIT (64 * 1024)	/* per connection: headers, buffers */
#define HTTP_RETRY_AFTER 30		/* seconds, with a 503 */
#ifndef MHD_HTTP_CONTENT_TOO_LARGE	/* before libmicrohttpd 0.9.74 */
# define MHD_HTTP_CONTENT_TOO_LARGE 413
#endif

/* What the daemon's threads share. */
struct http {
	struct server *s;
	pthread_mutex_t lock;		/* around every call into s */
	struct forward *fwd;		/* or NULL */
	pthread_mutex_t logm;		/* guards started and why */
	int started;			/* the daemon is up: log as it comes */
	char why[512];			/* before: libmicrohttpd's last word */
	long long health_at;		/* when quick_check last ran (mono) */
	char damaged[320];		/* what it found, "" when fine */
	struct metrics *metrics;	/* /v1/metrics' counters */
	struct metrics_net metrics_from;	/* who else may read them */
};

enum http_route {
	ROUTE_ENROLL, ROUTE_BUNDLE, ROUTE_CATALOG, ROUTE_MODULE,
	ROUTE_ALERTS, ROUTE_HEALTH, ROUTE_DASHBOARD, ROUTE_METRICS
};

/* The paths of the protocol; a prefix route is followed by a name. */
static const struct {
	const char *path;
	int prefix;
	const char *method;		/* GET routes also answer HEAD */
	enum http_route route;
	long max_body;			/* 0: no body */
} http_routes[] = {
	{ "/v1/enroll", 0, "POST", ROUTE_ENROLL, HTTP_ENROLL_MAX },
	{ "/v1/bundles/", 1, "PUT", ROUTE_BUNDLE, BUNDLE_MAX_FILE },
	{ "/v1/catalog", 0, "GET", ROUTE_CATALOG, 0 },
	{ "/v1/modules/", 1, "GET", ROUTE_MODULE, 0 },
	{ "/v1/alerts", 0, "GET", ROUTE_ALERTS, 0 },
	{ "/v1/health", 0, "GET", ROUTE_HEALTH, 0 },
	{ "/v1/metrics", 0, "GET", ROUTE_METRICS, 0 },
	/* The dashboard (server/dashboard.c) routes its own pages. */
	{ "/dashboard", 0, "GET", ROUTE_DASHBOARD, 0 },
	{ "/dashboard/", 0, "GET", ROUTE_DASHBOARD, 0 },
	{ "/dashboard/", 1, "GET", ROUTE_DASHBOARD, 0 },
	{ "/dashboard/", 1, "POST", ROUTE_DASHBOARD, HTTP_FORM_MAX },
};

/* One request, from its headers to its log line. */
struct http_request {
	long long start;		/* clock_mono_ms() */
	int route;			/* index in http_routes, or -1 */
	const char *name;		/* after a prefix route's path */
	char *body;
	size_t len, size;		/* kept, allocated */
	unsigned long long in;		/* body bytes received */
	int status;			/* answered with; 0 before */
	int over;			/* the body is past the limit */
	int retry_after;		/* a 503's seconds; 0: the default */
	char client[64];
	char method[16];
	char path[160];
	char why[200];			/* a 4xx/5xx's reason, for the log */
	char device[40];		/* the bundle's device, when read */
	char school[72];		/* and its school */
	int loopback;			/* the client is this machine */
	char url[512];			/* the dashboard's: the path whole */
};

/* Copies src into dst (of size len) with control bytes replaced: a
 * reason in the log stays on its line. */
static void
http_clean_text(char *dst, size_t len, const char *src)
{
	size_t i;

	for (i = 0; i + 1 < len && src[i] != '\0'; i++)
		dst[i] = (unsigned char)src[i] < 0x20 || src[i] == 0x7f ?
		    '?' : src[i];
	dst[i] = '\0';
}

/* Copies src into dst (of size len) with spaces and control bytes
 * replaced, so that a hostile path cannot forge or shift log lines. */
static void
http_clean(char *dst, size_t len, const char *src)
{
	size_t i;

	for (i = 0; i + 1 < len && src[i] != '\0'; i++)
		dst[i] = (unsigned char)src[i] <= 0x20 || src[i] == 0x7f ?
		    '?' : src[i];
	dst[i] = '\0';
}

/* Queues response with status for r, freeing response. */
static enum MHD_Result
http_queue(struct MHD_Connection *c, struct http_request *r, int status,
    struct MHD_Response *response)
{
	enum MHD_Result ret;

	if (response == NULL)
		return MHD_NO;
	ret = MHD_queue_response(c, (unsigned)status, response);
	MHD_destroy_response(response);
	if (ret == MHD_YES)
		r->status = status;
	return ret;
}

/* Answers a text made with malloc (which the response frees). */
static enum MHD_Result
http_text(struct MHD_Connection *c, struct http_request *r, int status,
    const char *type, char *text, size_t len)
{
	struct MHD_Response *response;
	char retry[16];

	response = MHD_create_response_from_buffer(len, text,
	    MHD_RESPMEM_MUST_FREE);
	if (response == NULL) {
		free(text);
		return MHD_NO;
	}
	if (MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_TYPE,
	    type) == MHD_NO) {
		MHD_destroy_response(response);
		return MHD_NO;
	}
	snprintf(retry, sizeof retry, "%d", r->retry_after > 0 ?
	    r->retry_after : HTTP_RETRY_AFTER);
	if (status == MHD_HTTP_SERVICE_UNAVAILABLE &&
	    MHD_add_response_header(response, MHD_HTTP_HEADER_RETRY_AFTER,
	    retry) == MHD_NO) {
		MHD_destroy_response(response);
		return MHD_NO;
	}
	return http_queue(c, r, status, response);
}

/* Answers the JSON value j (taken). */
static enum MHD_Result
http_json(struct MHD_Connection *c, struct http_request *r, int status,
    json_t *j)
{
	char *text;

	text = j != NULL ? json_dumps(j, JSON_COMPACT) : NULL;
	json_decref(j);
	if (text == NULL)
		return MHD_NO;
	return http_text(c, r, status, "application/json", text,
	    strlen(text));
}

/* Answers {"error": msg}, with the fields of more (an object, taken;
 * may be NULL) besides. */
static enum MHD_Result
http_error_more(struct MHD_Connection *c, struct http_request *r,
    int status, const char *msg, json_t *more)
{
	json_t *j, *e;

	j = more != NULL ? more : json_object();
	if (j == NULL)
		return MHD_NO;
	/* The log says why (http_done()), with the device and school. */
	snprintf(r->why, sizeof r->why, "%s", msg);
	e = json_string(msg);
	if (e == NULL)			/* not UTF-8: a file name, say */
		e = json_string("the request could not be served");
	json_object_set_new(j, "error", e);
	return http_json(c, r, status, j);
}

static enum MHD_Result
http_error(struct MHD_Connection *c, struct http_request *r, int status,
    const char *msg)
{
	return http_error_more(c, r, status, msg, NULL);
}

/* The HTTP status of a server status. */
static int
http_status(enum server_status st)
{
	switch (st) {
	case SERVER_OK:
		return MHD_HTTP_OK;
	case SERVER_BAD:
	case SERVER_FORBIDDEN:
	case SERVER_NOT_FOUND:
	case SERVER_CONFLICT:
	case SERVER_TOO_LARGE:
	case SERVER_OUT_OF_ORDER:
	case SERVER_UNAVAILABLE:
		return (int)st;
	}
	return MHD_HTTP_INTERNAL_SERVER_ERROR;
}

/* Answers a server call's result: text (taken) as type on SERVER_OK,
 * else err's message. */
static enum MHD_Result
http_result(struct MHD_Connection *c, struct http_request *r,
    enum server_status st, const char *type, char *text, size_t len,
    const struct hs_error *err)
{
	if (st == SERVER_OK && text != NULL)
		return http_text(c, r, MHD_HTTP_OK, type, text, len);
	free(text);
	return http_error(c, r, http_status(st), err->msg[0] != '\0' ?
	    err->msg : "the request could not be served");
}

static int
http_hex64(const char *s)
{
	size_t i;

	for (i = 0; i < 64; i++)
		if (strchr("0123456789abcdef", s[i]) == NULL || s[i] == '\0')
			return 0;
	return s[64] == '\0';
}

static enum MHD_Result
http_enroll(struct http *h, struct MHD_Connection *c, struct http_request *r)
{
	const char *token, *school, *device, *key, *time = NULL, *sig = NULL;
	struct hs_error err;
	enum server_status st;
	json_error_t jerr;
	json_t *j;
	char *answer = NULL;
	enum MHD_Result ret;

	hs_error_clear(&err);
	j = json_loadb(r->body != NULL ? r->body : "", r->len, 0, &jerr);
	if (j == NULL)
		return http_error(c, r, MHD_HTTP_BAD_REQUEST,
		    "the body is not JSON");
	if (json_unpack(j, "{s:s, s:s, s:s, s:s, s?s, s?s}", "token", &token,
	    "school", &school, "device", &device, "key", &key, "time", &time,
	    "sig", &sig) != 0) {
		json_decref(j);
		return http_error(c, r, MHD_HTTP_BAD_REQUEST,
		    "token, school, device and key must be strings");
	}
	pthread_mutex_lock(&h->lock);
	http_clean(r->device, sizeof r->device, device);
	http_clean(r->school, sizeof r->school, school);
	st = server_enroll(h->s, token, school, device, key, time, sig,
	    &answer, &err);
	pthread_mutex_unlock(&h->lock);
	ret = http_result(c, r, st, "application/json", answer,
	    answer != NULL ? strlen(answer) : 0, &err);
	json_decref(j);
	return ret;
}

static enum MHD_Result
http_bundle(struct http *h, struct MHD_Connection *c, struct http_request *r)
{
	struct server_ingest_info info = { .via = "http" };
	struct hs_error err;
	enum server_status st;
	json_t *more = NULL;
	char *receipt = NULL;
	size_t len = 0;

	hs_error_clear(&err);
	pthread_mutex_lock(&h->lock);
	st = server_ingest_ex(h->s, r->body != NULL ? r->body : "", r->len,
	    r->name, &info, &receipt, &len, &err);
	pthread_mutex_unlock(&h->lock);
	http_clean(r->device, sizeof r->device, info.device);
	http_clean(r->school, sizeof r->school, info.school);
	if (st == SERVER_OK && receipt != NULL) {
		if (!info.again)
			metrics_bundle(h->metrics, info.stored);
		if (h->fwd != NULL && info.stored > 0)
			forward_wake(h->fwd);
		return http_text(c, r, MHD_HTTP_OK,
		    "text/plain; charset=utf-8", receipt, len);
	}
	free(receipt);
	if (st == SERVER_CONFLICT && info.event[0] != '\0')
		more = json_pack("{s:s}", "event", info.event);
	else if (st == SERVER_OUT_OF_ORDER)
		more = json_pack("{s:I}", "acked_seq",
		    (json_int_t)info.acked_seq);
	else if (st == SERVER_UNAVAILABLE)
		r->retry_after = info.retry_after;
	return http_error_more(c, r, http_status(st), err.msg[0] != '\0' ?
	    err.msg : "the bundle could not be stored", more);
}

/* GET /v1/metrics (server/metrics.h): from loopback (the address a
 * request through the proxy carries is the school's, so nginx's
 * requests are refused too) or the network of --metrics-from. */
static enum MHD_Result
http_metrics(struct http *h, struct MHD_Connection *c,
    struct http_request *r)
{
	struct hs_error err;
	char pos[32], *text = NULL;
	long long forwarded = -1;
	size_t len = 0;
	int rc;

	if (!metrics_allowed(&h->metrics_from, r->client))
		return http_error(c, r, MHD_HTTP_FORBIDDEN, "the metrics are "
		    "for this machine (or serve --metrics-from) only");
	hs_error_clear(&err);
	pthread_mutex_lock(&h->lock);
	if (h->fwd != NULL) {
		forwarded = 0;
		if (server_meta_get(h->s, FORWARD_POSITION, pos, sizeof pos,
		    &err) == 0)
			forwarded = atoll(pos);
		hs_error_clear(&err);
	}
	rc = metrics_text(h->metrics, h->s, forwarded, &text, &len, &err);
	pthread_mutex_unlock(&h->lock);
	if (rc != 0) {
		free(text);
		r->retry_after = HTTP_RETRY_AFTER;
		return http_error(c, r, MHD_HTTP_SERVICE_UNAVAILABLE, err.msg);
	}
	return http_text(c, r, MHD_HTTP_OK,
	    "text/plain; version=0.0.4; charset=utf-8", text, len);
}

static enum MHD_Result
http_catalog(struct http *h, struct MHD_Connection *c,
    struct http_request *r)
{
	struct hs_error err;
	enum server_status st;
	char *json = NULL;

	hs_error_clear(&err);
	pthread_mutex_lock(&h->lock);
	/* ?device=ID: what the server holds of it (a restore's gap). */
	st = server_catalog_for(h->s, MHD_lookup_connection_value(c,
	    MHD_GET_ARGUMENT_KIND, "device"), &json, &err);
	pthread_mutex_unlock(&h->lock);
	return http_result(c, r, st, "application/json", json,
	    json != NULL ? strlen(json) : 0, &err);
}

static enum MHD_Result
http_module(struct http *h, struct MHD_Connection *c, struct http_request *r)
{
	struct MHD_Response *response;
	struct hs_error err;
	enum server_status st;
	struct stat sb;
	char *path = NULL;
	int fd;

	hs_error_clear(&err);
	pthread_mutex_lock(&h->lock);
	st = server_module_path(h->s, r->name, &path, &err);
	pthread_mutex_unlock(&h->lock);
	if (st != SERVER_OK || path == NULL) {
		free(path);
		return http_result(c, r, st, NULL, NULL, 0, &err);
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &sb) != 0) {
		/* The catalog lists it but its file is gone (a restore that
		 * left out modules/, a disk): the admin must see why. */
		fprintf(stderr, "hocso-server: %s cannot be served: %s\n", path,
		    strerror(errno));
		free(path);
		if (fd >= 0)
			close(fd);
		return http_error(c, r, MHD_HTTP_NOT_FOUND, "the catalog lists "
		    "this package but the server does not have its file");
	}
	free(path);
	response = MHD_create_response_from_fd((uint64_t)sb.st_size, fd);
	if (response == NULL) {
		close(fd);
		return MHD_NO;
	}
	if (MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_TYPE,
	    "application/vnd.hocso.module") == MHD_NO) {
		MHD_destroy_response(response);
		return MHD_NO;
	}
	return http_queue(c, r, MHD_HTTP_OK, response);
}

static enum MHD_Result
http_alerts(struct http *h, struct MHD_Connection *c, struct http_request *r)
{
	struct hs_error err;
	enum server_status st;
	const char *v;
	char *json = NULL, *end;
	long long after = 0;

	hs_error_clear(&err);
	v = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "after");
	if (v != NULL) {
		errno = 0;
		after = strtoll(v, &end, 10);
		if (*v == '\0' || *end != '\0' || errno != 0 || after < 0)
			return http_error(c, r, MHD_HTTP_BAD_REQUEST,
			    "after must be a number");
	}
	pthread_mutex_lock(&h->lock);
	st = server_alerts(h->s, after, &json, &err);
	pthread_mutex_unlock(&h->lock);
	return http_result(c, r, st, "application/json", json,
	    json != NULL ? strlen(json) : 0, &err);
}

/* Seconds between two PRAGMA quick_check of the store by /v1/health:
 * HOCSO_HEALTH_CHECK_S, else an hour. */
static long long
http_health_every_ms(void)
{
	const char *e = getenv("HOCSO_HEALTH_CHECK_S");
	long long s = e != NULL && *e != '\0' ? atoll(e) : 3600;

	return (s >= 0 ? s : 3600) * 1000;
}

/* 200 "ok" when the server can do its work (server_health()): free
 * space, a write to the store, the store's pages (quick_check, the first
 * time and then on a schedule), the key; else 503 with the reason, which
 * the log says too. */
static enum MHD_Result
http_health(struct http *h, struct MHD_Connection *c, struct http_request *r)
{
	char why[320];
	long long now = clock_mono_ms();
	int deep, rc;

	pthread_mutex_lock(&h->lock);
	deep = h->health_at == 0 || now - h->health_at >= http_health_every_ms();
	rc = server_health(h->s, deep, why, sizeof why);
	if (deep && (rc == 0 || strstr(why, "quick_check") != NULL)) {
		h->health_at = now;
		snprintf(h->damaged, sizeof h->damaged, "%s", rc == 0 ? "" :
		    why);
	}
	if (rc == 0 && h->damaged[0] != '\0') {
		rc = HS_ESTORE;
		snprintf(why, sizeof why, "%s", h->damaged);
	}
	pthread_mutex_unlock(&h->lock);
	if (rc != 0)
		return http_error(c, r, MHD_HTTP_SERVICE_UNAVAILABLE, why);
	return http_text(c, r, MHD_HTTP_OK, "text/plain; charset=utf-8",
	    xstrdup("ok\n"), 3);
}

/* A request from the reverse proxy on this machine (127.0.0.1, ::1) is
 * logged with the address the proxy saw: the last of X-Forwarded-For
 * (nginx's $proxy_add_x_forwarded_for appends it), so that a school's
 * requests can be traced.  Anyone else's X-Forwarded-For is ignored: it
 * could be forged. */
static void
http_forwarded(struct MHD_Connection *c, struct http_request *r)
{
	const char *xff, *last;
	char addr[64];
	size_t n;

	if (strcmp(r->client, "127.0.0.1") != 0 && strcmp(r->client, "::1")
	    != 0)
		return;
	xff = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    "X-Forwarded-For");
	if (xff == NULL)
		return;
	last = strrchr(xff, ',');
	last = last != NULL ? last + 1 : xff;
	last += strspn(last, " \t");
	n = strcspn(last, " \t");
	if (n == 0 || n >= sizeof addr || strspn(last,
	    "0123456789abcdefABCDEF.:") < n)
		return;			/* not an address: kept as it was */
	memcpy(addr, last, n);
	addr[n] = '\0';
	snprintf(r->client, sizeof r->client, "%s", addr);
}

/* Whether sa is this machine (127.0.0.0/8, ::1, or ::ffff:127.x). */
static int
http_loopback(const struct sockaddr *sa)
{
	const struct sockaddr_in6 *s6;
	const unsigned char *b;

	if (sa->sa_family == AF_INET)
		return (ntohl(((const struct sockaddr_in *)(const void *)sa)->
		    sin_addr.s_addr) >> 24) == 127;
	if (sa->sa_family != AF_INET6)
		return 0;
	s6 = (const struct sockaddr_in6 *)(const void *)sa;
	b = s6->sin6_addr.s6_addr;
	if (IN6_IS_ADDR_LOOPBACK(&s6->sin6_addr))
		return 1;
	return IN6_IS_ADDR_V4MAPPED(&s6->sin6_addr) && b[12] == 127;
}

/* Adds one query argument, percent-encoded again, to the text in ctx. */
static enum MHD_Result
http_query_arg(void *ctx, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	struct dash_out *q = ctx;

	(void)kind;
	if (q->len > 0)
		dash_out_write(q, "&", 1);
	dash_out_url(q, key);
	if (value != NULL) {
		dash_out_write(q, "=", 1);
		dash_out_url(q, value);
	}
	return MHD_YES;
}

/* A request under /dashboard: read into a struct dash_request for
 * server/dashboard.c, which takes the lock itself. */
static enum MHD_Result
http_dashboard(struct http *h, struct MHD_Connection *c,
    struct http_request *r)
{
	struct dash_request q;
	struct dash_response res;
	struct dash_out query = { 0 };
	struct MHD_Response *response;
	int i;

	memset(&q, 0, sizeof q);
	MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, http_query_arg,
	    &query);
	q.method = r->method;
	q.path = r->url;
	q.query = query.data != NULL ? query.data : "";
	q.cookie = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_COOKIE);
	q.content_type = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_CONTENT_TYPE);
	q.body = r->body != NULL ? r->body : "";
	q.len = r->len;
	q.address = r->client;
	q.loopback = r->loopback;
	q.forwarded_proto = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    "X-Forwarded-Proto");
	q.forwarded_for = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    "X-Forwarded-For");
	q.accept_language = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_ACCEPT_LANGUAGE);
	i = dashboard_handle(h->s, &h->lock, &q, &res);
	free(query.data);
	if (i != 0 || res.body == NULL) {
		free(res.body);
		return MHD_NO;
	}
	response = MHD_create_response_from_buffer(res.len, res.body,
	    MHD_RESPMEM_MUST_FREE);
	if (response == NULL) {
		free(res.body);
		return MHD_NO;
	}
	for (i = 0; i < res.nheaders; i++)
		if (MHD_add_response_header(response, res.headers[i].name,
		    res.headers[i].value) == MHD_NO) {
			MHD_destroy_response(response);
			return MHD_NO;
		}
	return http_queue(c, r, res.status, response);
}

/* Finds url's route; 404 or 405 when there is none for method. */
static int
http_route(const char *url, const char *method, const char **name,
    int *status)
{
	size_t i, n;
	int found = 0;

	for (i = 0; i < sizeof http_routes / sizeof http_routes[0]; i++) {
		n = strlen(http_routes[i].path);
		if (http_routes[i].prefix ? strncmp(url, http_routes[i].path,
		    n) != 0 || url[n] == '\0' : strcmp(url,
		    http_routes[i].path) != 0)
			continue;
		found = 1;
		if (strcmp(method, http_routes[i].method) == 0 ||
		    (strcmp(http_routes[i].method, "GET") == 0 &&
		    strcmp(method, "HEAD") == 0)) {
			*name = url + n;
			return (int)i;
		}
	}
	*status = found ? MHD_HTTP_METHOD_NOT_ALLOWED : MHD_HTTP_NOT_FOUND;
	return -1;
}

/* The first call for a request: its record, and the answers that need
 * no body (no such path, too large). */
static enum MHD_Result
http_begin(struct MHD_Connection *c, const char *url, const char *method,
    void **con_cls)
{
	const union MHD_ConnectionInfo *ci;
	struct http_request *r;
	const char *cl;
	unsigned long long want = 0;
	long max;
	int status = 0;
	char *end;

	r = calloc(1, sizeof *r);
	if (r == NULL)
		return MHD_NO;
	*con_cls = r;
	r->start = clock_mono_ms();
	http_clean(r->method, sizeof r->method, method);
	http_clean(r->path, sizeof r->path, url);
	strcpy(r->client, "-");
	ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci != NULL && ci->client_addr != NULL)
		getnameinfo(ci->client_addr,
		    ci->client_addr->sa_family == AF_INET6 ?
		    sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in),
		    r->client, sizeof r->client, NULL, 0, NI_NUMERICHOST);
	r->loopback = ci != NULL && ci->client_addr != NULL &&
	    http_loopback(ci->client_addr);
	http_forwarded(c, r);

	r->route = http_route(url, method, &r->name, &status);
	if (r->route < 0)
		return http_error(c, r, status, status == MHD_HTTP_NOT_FOUND ?
		    "no such path" : "method not allowed on this path");
	max = http_routes[r->route].max_body;
	cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (cl != NULL) {
		errno = 0;
		want = strtoull(cl, &end, 10);
		if (errno != 0)
			want = ~0ULL;
	}
	if (max > 0 && want > (unsigned long long)max)
		return http_error(c, r, MHD_HTTP_CONTENT_TOO_LARGE,
		    r->route == ROUTE_BUNDLE ? "a bundle is at most 4 MiB" :
		    "the body is too large");
	/* A name that cannot be right is refused before any body, too. */
	if (http_routes[r->route].route == ROUTE_BUNDLE && !http_hex64(r->name))
		return http_error(c, r, MHD_HTTP_BAD_REQUEST,
		    "the path must name the bundle's SHA-256 "
		    "(64 lowercase hex digits)");
	if (http_routes[r->route].route == ROUTE_MODULE && !http_hex64(r->name))
		return http_error(c, r, MHD_HTTP_NOT_FOUND, "no such module");
	if (http_routes[r->route].route == ROUTE_DASHBOARD &&
	    (size_t)snprintf(r->url, sizeof r->url, "%s", url) >= sizeof r->url)
		return http_error(c, r, MHD_HTTP_NOT_FOUND, "no such path");
	/* The body's memory grows with what arrives, not with what a
	 * Content-Length promises. */
	return MHD_YES;
}

/* Keeps a piece of the body.  Past the route's limit the rest is
 * thrown away and the request answered 413 at its end (libmicrohttpd
 * cannot answer in the middle of a body); a client that goes on sending
 * twice the limit has its connection closed. */
static enum MHD_Result
http_take(struct http_request *r, const char *data, size_t len)
{
	long max = http_routes[r->route].max_body;
	size_t size;
	char *p;

	if (r->over || max == 0)	/* a GET's body is no matter */
		return r->in > 2 * (unsigned long long)(max > 0 ? max :
		    HTTP_ENROLL_MAX) ? MHD_NO : MHD_YES;
	if (r->len + len > (size_t)max) {
		r->over = 1;
		free(r->body);
		r->body = NULL;
		r->len = r->size = 0;
		return MHD_YES;
	}
	if (r->len + len > r->size) {
		size = r->size == 0 ? 65536 : r->size * 2;
		while (size < r->len + len)
			size *= 2;
		if (size > (size_t)max)
			size = (size_t)max;
		p = realloc(r->body, size);
		if (p == NULL)
			return MHD_NO;
		r->body = p;
		r->size = size;
	}
	memcpy(r->body + r->len, data, len);
	r->len += len;
	return MHD_YES;
}

static enum MHD_Result
http_answer(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *data,
    size_t *data_len, void **con_cls)
{
	struct http *h = cls;
	struct http_request *r = *con_cls;
	enum MHD_Result ret = MHD_YES;

	(void)version;
	if (r == NULL)
		return http_begin(c, url, method, con_cls);
	if (*data_len > 0) {
		r->in += *data_len;
		if (r->status == 0)
			ret = http_take(r, data, *data_len);
		*data_len = 0;		/* kept, or thrown away once answered */
		return ret;
	}
	if (r->status != 0)
		return MHD_YES;
	if (r->over)
		return http_error(c, r, MHD_HTTP_CONTENT_TOO_LARGE,
		    r->route == ROUTE_BUNDLE ? "a bundle is at most 4 MiB" :
		    "the body is too large");
	switch (http_routes[r->route].route) {
	case ROUTE_ENROLL:
		return http_enroll(h, c, r);
	case ROUTE_BUNDLE:
		return http_bundle(h, c, r);
	case ROUTE_CATALOG:
		return http_catalog(h, c, r);
	case ROUTE_MODULE:
		return http_module(h, c, r);
	case ROUTE_ALERTS:
		return http_alerts(h, c, r);
	case ROUTE_HEALTH:
		return http_health(h, c, r);
	case ROUTE_DASHBOARD:
		return http_dashboard(h, c, r);
	case ROUTE_METRICS:
		return http_metrics(h, c, r);
	}
	return MHD_NO;
}

/* The route's short name, for the metrics: "bundles" of "/v1/bundles/". */
static const char *
http_route_name(int route)
{
	static const char *name[] = { "enroll", "bundles", "catalog",
	    "modules", "alerts", "health", "dashboard", "metrics" };

	if (route < 0)
		return "other";
	return name[http_routes[route].route];
}

/* A request is over: its log line, then its record is freed. */
static void
http_done(void *cls, struct MHD_Connection *c, void **con_cls,
    enum MHD_RequestTerminationCode why)
{
	struct http_request *r = *con_cls;
	struct http *h = cls;
	char when[32], status[8];
	long long ms;

	(void)c;
	if (r == NULL)
		return;
	metrics_answer(h->metrics, http_route_name(r->route), r->status);
	ms = clock_mono_ms() - r->start;
	util_iso8601(clock_now_ms(), when, sizeof when);
	if (r->status != 0 && why == MHD_REQUEST_TERMINATED_COMPLETED_OK)
		snprintf(status, sizeof status, "%d", r->status);
	else if (r->status != 0)
		snprintf(status, sizeof status, "%d!", r->status);
	else
		strcpy(status, "-");
	/* One call, so that the threads' lines do not mix.  A refusal
	 * says why, and whose. */
	if (r->status >= 400) {
		char reason[sizeof r->why];

		http_clean_text(reason, sizeof reason, r->why);
		fprintf(stderr, "%s %s %s %s %s %llu %lldms device=%s "
		    "school=%s: %s\n", when, r->client, r->method, r->path,
		    status, r->in, ms, r->device[0] != '\0' ? r->device : "-",
		    r->school[0] != '\0' ? r->school : "-", reason[0] != '\0' ?
		    reason : "-");
	} else
		fprintf(stderr, "%s %s %s %s %s %llu %lldms\n", when,
		    r->client, r->method, r->path, status, r->in, ms);
	free(r->body);
	free(r);
	*con_cls = NULL;
}

/* libmicrohttpd's messages: kept until the daemon is up, for the one
 * line that says why it could not start; then on stderr. */
static void
http_log(void *cls, const char *fmt, va_list ap)
{
	struct http *h = cls;
	char line[512];
	size_t n;

	vsnprintf(line, sizeof line, fmt, ap);
	n = strlen(line);
	while (n > 0 && line[n - 1] == '\n')
		line[--n] = '\0';
	pthread_mutex_lock(&h->logm);
	if (h->started)
		fprintf(stderr, "hocso-server: %s\n", line);
	else			/* said once, in http_serve()'s error */
		snprintf(h->why, sizeof h->why, "%s", line);
	pthread_mutex_unlock(&h->logm);
}

/* Parses "ADDR:PORT" or "[ADDR6]:PORT" into *ai (freeaddrinfo()). */
static int
http_address(const char *listen, struct addrinfo **ai, struct hs_error *err)
{
	struct addrinfo hints;
	const char *colon, *port;
	char host[256];
	size_t n;
	int rc;

	if (listen[0] == '[') {
		colon = strchr(listen, ']');
		if (colon == NULL || colon[1] != ':')
			goto bad;
		n = (size_t)(colon - listen - 1);
		memcpy(host, listen + 1, n < sizeof host ? n : 0);
		port = colon + 2;
	} else {
		colon = strrchr(listen, ':');
		if (colon == NULL)
			goto bad;
		n = (size_t)(colon - listen);
		memcpy(host, listen, n < sizeof host ? n : 0);
		port = colon + 1;
	}
	if (n == 0 || n >= sizeof host || *port == '\0' ||
	    strspn(port, "0123456789") != strlen(port) || atol(port) > 65535)
		goto bad;
	host[n] = '\0';
	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	rc = getaddrinfo(host, port, &hints, ai);
	if (rc != 0)
		return hs_error_set(err, HS_EINVAL, "%s: %s", listen,
		    gai_strerror(rc));
	return 0;
bad:
	return hs_error_set(err, HS_EINVAL,
	    _("%s: not an address and port (ADDR:PORT, [ADDR6]:PORT)"),
	    listen);
}

/* Writes the port into file, whole or not at all. */
static int
http_port_file(const char *file, unsigned port, struct hs_error *err)
{
	char line[16];
	int n = snprintf(line, sizeof line, "%u\n", port);

	return fileio_write(file, line, (size_t)n, 0644, err);
}

/* The size of the thread pool: the processors, within 2..8. */
static unsigned
http_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 2 ? 2 : n > 8 ? 8 : (unsigned)n;
}

/* Applies the retention when it is due (server/purge.h), holding the
 * lock; one line on stderr when it erased anything or failed. */
static void
http_retention(struct http *h)
{
	struct srvstore_purged p;
	struct hs_error err;
	char buf[1024];
	int ran, rc;

	hs_error_clear(&err);
	pthread_mutex_lock(&h->lock);
	rc = purge_due(h->s, &ran, &p, &err);
	pthread_mutex_unlock(&h->lock);
	if (rc != 0)
		fprintf(stderr, "hocso-server: %s: %s\n", _("the retention "
		    "could not be applied"), hs_error_format(&err, buf,
		    sizeof buf));
	else if (ran)
		fprintf(stderr, _("hocso-server: retention applied: erased %lld "
		    "events, %lld counts of help, %lld kept-aside bundles, "
		    "%lld sign-in audit rows\n"), p.events, p.help, p.kept,
		    p.audit);
}

int
http_serve(struct server *s, const struct http_options *o,
    struct hs_error *err)
{
	struct http h = { .s = s, .fwd = NULL };
	struct addrinfo *ai = NULL;
	struct MHD_Daemon *d = NULL;
	const union MHD_DaemonInfo *di;
	struct sigaction ign, oldpipe;
	struct timespec zero = { 0, 0 };
	sigset_t set, oldset;
	char host[128], where[160];
	unsigned port, flags;
	int sig, rc = 0, curl = 0;

	if (o->metrics_from != NULL && metrics_net_parse(o->metrics_from,
	    &h.metrics_from) != 0)
		return hs_error_set(err, HS_EINVAL, _("--metrics-from: '%s' is "
		    "not a network (192.0.2.0/24, 2001:db8::/32)"),
		    o->metrics_from);
	h.metrics = metrics_new();
	pthread_mutex_init(&h.lock, NULL);
	pthread_mutex_init(&h.logm, NULL);
	rc = http_address(o->listen != NULL ? o->listen : "127.0.0.1:8417",
	    &ai, err);
	if (rc != 0) {
		pthread_mutex_destroy(&h.logm);
		pthread_mutex_destroy(&h.lock);
		metrics_free(h.metrics);
		return rc;
	}
	/* The threads made from here on inherit the blocked signals; only
	 * sigwait() below takes them. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, &oldset);
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &ign, &oldpipe);

	if (o->forward_lrs != NULL) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0) {
			rc = hs_error_set(err, HS_EINVAL,
			    _("libcurl cannot be started"));
			goto out;
		}
		curl = 1;
		rc = forward_start(s, &h.lock, o->forward_lrs, o->lrs_auth,
		    &h.fwd, err);
		if (rc != 0)
			goto out;
	}

	dashboard_init();		/* before the threads */
	flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO |
	    MHD_USE_ERROR_LOG;
	if (ai->ai_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	port = ntohs(ai->ai_family == AF_INET6 ?
	    ((struct sockaddr_in6 *)(void *)ai->ai_addr)->sin6_port :
	    ((struct sockaddr_in *)(void *)ai->ai_addr)->sin_port);
	d = MHD_start_daemon(flags, (uint16_t)port, NULL, NULL, http_answer, &h,
	    MHD_OPTION_EXTERNAL_LOGGER, http_log, &h,	/* first */
	    MHD_OPTION_SOCK_ADDR, ai->ai_addr,
	    MHD_OPTION_THREAD_POOL_SIZE, http_threads(),
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)(o->max_connections > 0 ?
	    o->max_connections : 256),
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)(o->per_client > 0 ?
	    o->per_client : http_loopback(ai->ai_addr) ? (o->max_connections >
	    0 ? o->max_connections : 256) : 8),
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)(o->timeout > 0 ?
	    o->timeout : 30),
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)HTTP_MEMORY_LIMIT,
	    MHD_OPTION_NOTIFY_COMPLETED, http_done, &h,
	    MHD_OPTION_END);
	if (d == NULL) {
		rc = hs_error_set(err, HS_EIO, _("%s: cannot listen there: %s"),
		    o->listen != NULL ? o->listen : "127.0.0.1:8417",
		    h.why[0] != '\0' ? h.why : _("the address is in use or "
		    "not this machine's"));
		goto out;
	}
	pthread_mutex_lock(&h.logm);
	h.started = 1;
	pthread_mutex_unlock(&h.logm);
	di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	port = di != NULL ? di->port : 0;
	if (getnameinfo(ai->ai_addr, ai->ai_addrlen, host, sizeof host, NULL,
	    0, NI_NUMERICHOST) != 0)
		strcpy(host, "?");
	snprintf(where, sizeof where, ai->ai_family == AF_INET6 ? "[%s]:%u" :
	    "%s:%u", host, port);
	if (o->port_file != NULL &&
	    (rc = http_port_file(o->port_file, port, err)) != 0)
		goto out;
	printf("hocso-server: ");
	printf(_("listening on %s"), where);
	printf("\n");
	fflush(stdout);

	/* Woken every minute to apply the retention (once a day). */
	for (;;) {
		struct timespec minute = { 60, 0 };

		http_retention(&h);
		if ((sig = sigtimedwait(&set, NULL, &minute)) > 0)
			break;
	}
out:
	if (d != NULL)
		MHD_stop_daemon(d);	/* no request is under way after */
	forward_stop(h.fwd);
	if (curl)
		curl_global_cleanup();
	freeaddrinfo(ai);
	/* A second signal that came meanwhile is taken, not left to kill
	 * the caller when the mask is restored. */
	while (sigtimedwait(&set, NULL, &zero) > 0)
		;
	sigaction(SIGPIPE, &oldpipe, NULL);
	pthread_sigmask(SIG_SETMASK, &oldset, NULL);
	pthread_mutex_destroy(&h.logm);
	pthread_mutex_destroy(&h.lock);
	metrics_free(h.metrics);
	return rc;
}

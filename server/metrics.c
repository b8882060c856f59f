/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * metrics.c: /v1/metrics (see metrics.h).  The text follows Prometheus'
 * exposition format 0.0.4: for each metric a HELP and a TYPE line, then
 * its samples, a counter's name ending in _total, label values quoted.
 * The 4xx/5xx counts are kept per route and status in a small table;
 * their reason is the status's meaning in the protocol
 * (docs/sync-protocol.md), a fixed word, never the free text of the log
 * (which names devices: a label per device would grow without end).
 */
#include "config.h"

#include <arpa/inet.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "core/clock.h"
#include "core/util.h"
#include "server/metrics.h"
#include "server/server.h"
#include "server/srvstore-admin.h"

#define METRICS_ROUTES 16
#define METRICS_CODES 12

struct metrics {
	pthread_mutex_t lock;
	long long bundles, events;
	long long start_ms;
	const char *route[METRICS_ROUTES];	/* static strings */
	long long count[METRICS_ROUTES][METRICS_CODES];
};

/* The statuses counted, and what each means. */
static const struct {
	int code;
	const char *reason;
} metrics_codes[METRICS_CODES] = {
	{ 400, "bad_request" }, { 403, "forbidden" }, { 404, "not_found" },
	{ 405, "method_not_allowed" }, { 409, "conflict" },
	{ 411, "length_required" }, { 413, "too_large" },
	{ 422, "out_of_order" }, { 429, "too_many" },
	{ 500, "server_error" }, { 503, "unavailable" }, { 0, "other" },
};

int
metrics_net_parse(const char *text, struct metrics_net *net)
{
	char addr[64], *slash, *end;
	long bits;
	int max;

	memset(net, 0, sizeof *net);
	if (strlen(text) >= sizeof addr)
		return HS_EINVAL;
	snprintf(addr, sizeof addr, "%s", text);
	if ((slash = strchr(addr, '/')) != NULL)
		*slash++ = '\0';
	if (inet_pton(AF_INET, addr, net->addr) == 1)
		net->family = AF_INET;
	else if (inet_pton(AF_INET6, addr, net->addr) == 1)
		net->family = AF_INET6;
	else
		return HS_EINVAL;
	max = net->family == AF_INET ? 32 : 128;
	bits = max;
	if (slash != NULL) {
		bits = strtol(slash, &end, 10);
		if (*slash == '\0' || *end != '\0' || bits < 0 || bits > max)
			return HS_EINVAL;
	}
	net->bits = (int)bits;
	return 0;
}

/* Whether the first bits bits of a and b are the same. */
static int
metrics_prefix(const unsigned char *a, const unsigned char *b, int bits)
{
	int whole = bits / 8, rest = bits % 8;

	if (memcmp(a, b, (size_t)whole) != 0)
		return 0;
	return rest == 0 || ((a[whole] ^ b[whole]) & (0xff << (8 - rest))) ==
	    0;
}

int
metrics_allowed(const struct metrics_net *net, const char *addr)
{
	unsigned char a[16];
	int family;

	if (inet_pton(AF_INET, addr, a) == 1)
		family = AF_INET;
	else if (inet_pton(AF_INET6, addr, a) == 1) {
		family = AF_INET6;
		/* ::ffff:a.b.c.d is a.b.c.d */
		if (memcmp(a, "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12) == 0) {
			memmove(a, a + 12, 4);
			family = AF_INET;
		}
	} else
		return 0;
	if (family == AF_INET && a[0] == 127)
		return 1;
	if (family == AF_INET6 && memcmp(a, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\1",
	    16) == 0)
		return 1;
	return net != NULL && net->family == family &&
	    metrics_prefix(a, net->addr, net->bits);
}

struct metrics *
metrics_new(void)
{
	struct metrics *m = xcalloc(1, sizeof *m);

	pthread_mutex_init(&m->lock, NULL);
	m->start_ms = clock_now_ms();
	return m;
}

void
metrics_free(struct metrics *m)
{
	if (m == NULL)
		return;
	pthread_mutex_destroy(&m->lock);
	free(m);
}

void
metrics_bundle(struct metrics *m, long long events)
{
	pthread_mutex_lock(&m->lock);
	m->bundles++;
	m->events += events;
	pthread_mutex_unlock(&m->lock);
}

void
metrics_answer(struct metrics *m, const char *route, int status)
{
	int i, j;

	if (status < 400)
		return;
	for (j = 0; metrics_codes[j].code != 0 && metrics_codes[j].code !=
	    status; j++)
		;
	pthread_mutex_lock(&m->lock);
	for (i = 0; i < METRICS_ROUTES && m->route[i] != NULL &&
	    strcmp(m->route[i], route) != 0; i++)
		;
	if (i < METRICS_ROUTES) {
		m->route[i] = route;
		m->count[i][j]++;
	}
	pthread_mutex_unlock(&m->lock);
}

/* A metric's HELP and TYPE lines. */
static void
metrics_head(FILE *f, const char *name, const char *type, const char *help)
{
	fprintf(f, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

/* A metric of one value, with its head. */
static void
metrics_one(FILE *f, const char *name, const char *type, const char *help,
    long long value)
{
	metrics_head(f, name, type, help);
	fprintf(f, "%s %lld\n", name, value);
}

int
metrics_text(struct metrics *m, struct server *s, long long forwarded,
    char **text, size_t *len, struct hs_error *err)
{
	struct srvstore_metrics g;
	long long now = clock_now_ms(), oldest;
	FILE *f;
	int i, j, rc;

	*text = NULL;
	*len = 0;
	if ((rc = srvstore_metrics_read(server_store(s), forwarded, now, &g,
	    err)) != 0)
		return rc;
	if ((f = open_memstream(text, len)) == NULL)
		util_oom();
	pthread_mutex_lock(&m->lock);
	metrics_one(f, "hocso_bundles_received_total", "counter",
	    "Bundles stored since the server started (by HTTP).",
	    m->bundles);
	metrics_one(f, "hocso_events_received_total", "counter",
	    "Events stored since the server started (by HTTP).",
	    m->events);
	metrics_head(f, "hocso_http_errors_total", "counter",
	    "Answers with a 4xx or 5xx status since the server started, by "
	    "route, status and its reason.");
	for (i = 0; i < METRICS_ROUTES && m->route[i] != NULL; i++)
		for (j = 0; j < METRICS_CODES; j++)
			if (m->count[i][j] > 0)
				fprintf(f, "hocso_http_errors_total{route=\"%s\","
				    "code=\"%d\",reason=\"%s\"} %lld\n",
				    m->route[i], metrics_codes[j].code,
				    metrics_codes[j].reason, m->count[i][j]);
	metrics_one(f, "hocso_start_time_seconds", "gauge",
	    "When the server started, in seconds since 1970.",
	    m->start_ms / 1000);
	pthread_mutex_unlock(&m->lock);
	metrics_one(f, "hocso_store_bundles", "gauge",
	    "Bundles in the store, by every way they came (HTTP, USB).",
	    g.bundles);
	metrics_one(f, "hocso_store_events", "gauge",
	    "Events in the store.",
	    g.events);
	metrics_one(f, "hocso_bundles_kept_aside", "gauge",
	    "Bundles kept aside after a 409, not resolved (hocso-server "
	    "bundle list).",
	    g.kept);
	metrics_one(f, "hocso_devices", "gauge",
	    "Devices enrolled and not revoked.",
	    g.devices);
	metrics_head(f, "hocso_devices_quiet", "gauge",
	    "Devices enrolled and not revoked with no bundle for as many days "
	    "(or none since they were enrolled).");
	fprintf(f, "hocso_devices_quiet{days=\"7\"} %lld\n", g.quiet7);
	fprintf(f, "hocso_devices_quiet{days=\"30\"} %lld\n", g.quiet30);
	if (forwarded >= 0) {
		if (g.lrs_oldest[0] != '\0' && server_time_parse(g.lrs_oldest,
		    &oldest) == 0)
			oldest = now > oldest ? (now - oldest) / 1000 : 0;
		else
			oldest = 0;	/* none waits, or a time not read */
		metrics_one(f, "hocso_lrs_lag_seconds", "gauge",
		    "How long the oldest statement not yet forwarded to the LRS "
		    "has waited (0: none waits).",
		    oldest);
		metrics_one(f, "hocso_lrs_set_aside", "gauge",
		    "Statements the LRS refused, set aside (hocso-server "
		    "forward list).",
		    g.dead);
	}
	if (fclose(f) != 0)
		util_oom();
	return 0;
}

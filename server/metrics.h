/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * metrics.h: GET /v1/metrics, the server's figures in Prometheus' text
 * exposition format (version 0.0.4) for the monitoring a province has:
 * counters since the start (bundles, events, 4xx/5xx answers by route,
 * status and reason) kept in memory by the HTTP front, and a few gauges
 * read from the store (srvstore_metrics_read(): small queries, never a
 * scan of the events).  Who may read them: loopback, or the networks
 * given to serve --metrics-from.
 */
#ifndef HOCSO_METRICS_H
#define HOCSO_METRICS_H

#include <stddef.h>

#include "core/error.h"

struct server;
struct metrics;

/* A network allowed to read the metrics: an address and a prefix. */
struct metrics_net {
	int family;			/* AF_INET, AF_INET6; 0: none */
	unsigned char addr[16];
	int bits;
};

/* Parses "192.0.2.0/24", "2001:db8::/32" or an address alone into net.
 * Returns 0 or HS_EINVAL. */
int metrics_net_parse(const char *text, struct metrics_net *net);
/* Whether the numeric address addr is this machine's loopback or in
 * net (net may be NULL). */
int metrics_allowed(const struct metrics_net *net, const char *addr);

/* The counters, safe to bump from any of the HTTP threads. */
struct metrics *metrics_new(void);
void metrics_free(struct metrics *m);
/* A bundle stored (not one stored before) with events new events. */
void metrics_bundle(struct metrics *m, long long events);
/* An answer with status (only 4xx and 5xx are counted) on route (a
 * short name: "bundles", "enroll", ...; "other" when none). */
void metrics_answer(struct metrics *m, const char *route, int status);

/* The exposition text (a new string, *len bytes): the counters, and the
 * store's gauges read through s (the caller holds the server's lock);
 * forwarded is the LRS forwarder's position, or -1 when there is no
 * forwarder.  Returns 0 or a store code with err filled. */
int metrics_text(struct metrics *m, struct server *s, long long forwarded,
    char **text, size_t *len, struct hs_error *err);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * http.h: hocso-server's HTTP front (libmicrohttpd): the requests of
 * docs/sync-protocol.md mapped onto server/server.h, with the limits
 * that keep one slow or hostile client from starving the others.
 */
#ifndef HOCSO_HTTP_H
#define HOCSO_HTTP_H

#include "core/error.h"
#include "server/server.h"

struct http_options {
	const char *listen;		/* "ADDR:PORT"; port 0 picks one */
	const char *port_file;		/* written with the port, or NULL */
	int max_connections;		/* 0: 256 */
	int per_client;			/* connections per address; 0: 8,
					 * or max_connections when listening
					 * on loopback (behind a proxy) */
	int timeout;			/* idle seconds; 0: 30 */
	const char *forward_lrs;	/* an LRS's statements URL, or NULL */
	const char *lrs_auth;		/* "user:password", or NULL */
	const char *metrics_from;	/* a network (CIDR) that may read
					 * /v1/metrics besides loopback, or
					 * NULL */
};

/* Serves s until SIGINT or SIGTERM.  Returns 0 after a clean stop, or a
 * negative code (the address cannot be used, say) with err filled. */
int http_serve(struct server *s, const struct http_options *o,
    struct hs_error *err);

#endif

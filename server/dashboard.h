/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * dashboard.h: the province's web dashboard, apart from HTTP: the shell
 * around every page (the header with the account, the language switch,
 * the sign-out button, the style), sign-in and sign-out, the session
 * cookie and CSRF token, the routing from URL prefixes to page
 * functions, and the access rule, checked on every URL: a school
 * account reaches its own school's pages only.
 *
 * server/http.c hands each request under /dashboard to
 * dashboard_handle() as a struct dash_request and sends the struct
 * dash_response back.  A page is a dashboard_page_fn that writes its
 * HTML body (or a download) into a struct dash_out; the pages live in
 * their own files (dash-pages.c).
 */
#ifndef HOCSO_DASHBOARD_H
#define HOCSO_DASHBOARD_H

#include <pthread.h>
#include <stddef.h>

#include "core/error.h"
#include "server/server.h"

#define ACCOUNT_PROVINCE 1
#define ACCOUNT_SCHOOL 2

/* Who is signed in. */
struct account {
	char name[64];
	int role;			/* ACCOUNT_PROVINCE, ACCOUNT_SCHOOL */
	char school[65];		/* a school account's school, else "" */
};

/* What a page makes: an HTML body that the shell wraps, or a download
 * sent as it is (type set). */
struct dash_out {
	int status;			/* 200 unless the page says otherwise */
	char title[160];		/* the page's title (text, not HTML) */
	char *data;			/* the body's bytes (the shell frees) */
	size_t len, size;
	char type[80];			/* a download's content type, or "" */
	char filename[128];		/* a download's file name */
};

/* A page: path is what follows the route's prefix in the URL (decoded;
 * "" for an exact route), query the URL's query string ("" when none:
 * read it with dash_query_get()).  who has passed the route's access
 * rule; a page may narrow further (out->status 403).  Returns 0, or a
 * negative code (a 500 page). */
typedef int (*dashboard_page_fn)(struct server *s, const struct account *who,
    const char *path, const char *query, struct dash_out *out);

/* Appends n bytes; printf; text with HTML's special characters escaped;
 * text percent-encoded for a URL's path or query, then escaped for an
 * attribute.  Each returns 0 (they never fail: memory is checked). */
int dash_out_write(struct dash_out *o, const void *p, size_t n);
int dash_out_printf(struct dash_out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int dash_out_text(struct dash_out *o, const char *text);
int dash_out_url(struct dash_out *o, const char *text);

/* Frees o's body (dashpages.c). */
void dash_out_free(struct dash_out *o);

/* Copies the (decoded) value of key in query into buf; HS_ENOTFOUND when
 * it is not there. */
int dash_query_get(const char *query, const char *key, char *buf,
    size_t len);

/* A request, as http.c read it. */
struct dash_request {
	const char *method;		/* "GET", "HEAD" or "POST" */
	const char *path;		/* decoded, without the query */
	const char *query;		/* "k=v&k=v" percent-encoded, or "" */
	const char *cookie;		/* the Cookie header, or NULL */
	const char *content_type;	/* or NULL */
	const char *body;		/* a POST's body (not NUL-ended) */
	size_t len;
	const char *address;		/* the peer's numeric address */
	int loopback;			/* the peer is this machine */
	const char *forwarded_proto;	/* X-Forwarded-Proto, or NULL */
	const char *forwarded_for;	/* X-Forwarded-For, or NULL */
	const char *accept_language;	/* or NULL */
};

#define DASH_HEADERS 12

/* The answer: status, body (malloc'd, the caller frees), headers. */
struct dash_response {
	int status;
	char *body;
	size_t len;
	int nheaders;
	struct {
		char name[32];
		char value[400];
	} headers[DASH_HEADERS];	/* Content-Type among them */
};

/* Makes gettext follow LANGUAGE (even in the C locale) and sets
 * LANGUAGE if it is not: called once, before the threads start. */
void dashboard_init(void);

/* Answers q for the server s; lock is held around every use of s, and
 * never while a password is hashed.  Fills res; returns 0, or a
 * negative code when no answer could be made (out of memory). */
int dashboard_handle(struct server *s, pthread_mutex_t *lock,
    const struct dash_request *q, struct dash_response *res);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * dashboard.h: the interface between the dashboard's shell (accounts,
 * sessions, layout, routing: branch accounts) and its pages
 * (server/dashpages*.c).  A minimal copy made by branch rollups with the
 * names agreed; the lead reconciles it with the shell's.
 *
 * A page is a function that, for a signed-in account, fills a struct
 * dash_out: an HTML fragment that the shell wraps in its layout, or a
 * download (a content type, a file name and bytes), and an HTTP status.
 */
#ifndef HOCSO_DASHBOARD_H
#define HOCSO_DASHBOARD_H

#include <stddef.h>

#include "server/server.h"

#define ACCOUNT_PROVINCE 1
#define ACCOUNT_SCHOOL 2

struct account {
	char name[64];
	int role;		/* ACCOUNT_PROVINCE or ACCOUNT_SCHOOL */
	char school[65];	/* a school account's school */
};

struct dash_out {
	int status;		/* HTTP status: 200, 403, 404, ... */
	char *body;		/* malloc'd: the fragment or the download */
	size_t len;
	const char *content_type; /* NULL: an HTML fragment for the shell */
	char filename[128];	/* a download's name, else "" */
};

/* A page: path is the URL's path ("/dashboard/school/S01"), query its
 * query string without "?" (may be NULL).  Returns 0 with out filled
 * (a refusal is a status, 403 or 404, with a short fragment saying why),
 * or a negative code when the store fails. */
typedef int (*dashboard_page_fn)(struct server *s, const struct account *who,
    const char *path, const char *query, struct dash_out *out);

/* Frees out's body. */
void dash_out_free(struct dash_out *out);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-admin.c: `hocso-server module`, `bundle` and `audit`, a province
 * admin's tools from the shell: the catalog's modules listed and
 * withdrawn (server/modules.h), the bundles kept aside after a 409
 * listed, shown and resolved (server_kept_accept()), the audit log
 * listed (server/audit.h).  Times are shown in the province's local
 * time (server/localise.h); names that came from a device are printed
 * through fileio_printable().
 */
#include "config.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/fileio.h"
#include "core/i18n.h"
#include "core/util.h"
#include "lessons/install.h"
#include "server/audit.h"
#include "server/cmd-admin.h"
#include "server/cmdsay.h"
#include "server/localise.h"
#include "server/modules.h"
#include "server/srvstore.h"
#include "server/srvstore-admin.h"
#include "sync/bundle.h"

#define PROG "hocso-server"

/*
 * module
 */

/* The packages, copied out of the store's walk (its statement is kept:
 * nothing may query the modules inside it). */
struct module_row {
	char *id, *version, *sha256, *published, *publisher;
	int withdrawn;
	long long size;
};

struct module_rows {
	struct module_row *row;
	int n;
};

static int
module_copy_fn(const struct srvstore_module *m, void *ctx)
{
	struct module_rows *l = ctx;
	struct module_row *r;

	l->row = xrealloc(l->row, (size_t)(l->n + 1) * sizeof *l->row);
	r = &l->row[l->n++];
	r->id = xstrdup(m->id);
	r->version = xstrdup(m->version);
	r->sha256 = xstrdup(m->sha256);
	r->published = xstrdup(m->published);
	r->publisher = xstrdup(m->publisher != NULL ? m->publisher : "-");
	r->withdrawn = m->withdrawn != NULL;
	r->size = m->size;
	return 0;
}

/* Prints the packages, each with its state: offered (the highest
 * version of its id not withdrawn), older, or withdrawn. */
static void
module_print(const struct module_rows *l)
{
	const char *state, *offered;
	char when[48];
	int i, j;

	for (i = 0; i < l->n; i++) {
		offered = NULL;
		for (j = 0; j < l->n; j++)
			if (!l->row[j].withdrawn && strcmp(l->row[j].id,
			    l->row[i].id) == 0 && (offered == NULL ||
			    install_version_cmp(l->row[j].version,
			    offered) > 0))
				offered = l->row[j].version;
		if (l->row[i].withdrawn)
			state = _("withdrawn");
		else if (offered != NULL && strcmp(offered,
		    l->row[i].version) == 0)
			state = _("offered");
		else
			state = _("older");
		printf("%s  %s  %.12s  %s  %lld  %s  %.12s\n", l->row[i].id,
		    l->row[i].version, l->row[i].publisher,
		    clock_local_iso(l->row[i].published, when, sizeof when),
		    l->row[i].size, state, l->row[i].sha256);
	}
}

static void
module_rows_free(struct module_rows *l)
{
	int i;

	for (i = 0; i < l->n; i++) {
		free(l->row[i].id);
		free(l->row[i].version);
		free(l->row[i].sha256);
		free(l->row[i].published);
		free(l->row[i].publisher);
	}
	free(l->row);
}

int
cmd_module(struct server *s, int argc, char **argv)
{
	struct module_rows rows;
	struct hs_error err;
	int n, rc;

	hs_error_clear(&err);
	if (argc < 2)
		return cmdsay_usage("%s", _("module: list or withdraw?"));
	if (strcmp(argv[1], "list") == 0) {
		if (argc != 2)
			return cmdsay_usage("%s", _("module list takes no "
			    "operand"));
		memset(&rows, 0, sizeof rows);
		/* TRANSLATORS: the columns of hocso-server module list. */
		printf("%s\n", _("MODULE  VERSION  PUBLISHER  PUBLISHED  BYTES  "
		    "STATE  PACKAGE"));
		rc = srvstore_module_each(server_store(s), module_copy_fn,
		    &rows, &err);
		if (rc == 0)
			module_print(&rows);
		module_rows_free(&rows);
		return rc != 0 ? cmdsay_fail(&err) : 0;
	}
	if (strcmp(argv[1], "withdraw") == 0) {
		if (argc < 3 || argc > 4)
			return cmdsay_usage("%s",
			    _("module withdraw: a module id, "
			    "and a version or none (every version)"));
		if (modules_withdraw(s, argv[2], argc == 4 ? argv[3] : NULL,
		    &n, &err) != 0)
			return cmdsay_fail(&err);
		printf(P_("%d package of %s withdrawn: the catalog no longer "
		    "offers it; devices keep what they installed\n",
		    "%d packages of %s withdrawn: the catalog no longer offers "
		    "them; devices keep what they installed\n", n), n,
		    argv[2]);
		return 0;
	}
	return cmdsay_usage(_("module: unknown subcommand '%s'"), argv[1]);
}

/*
 * bundle: the bundles kept aside after a 409
 */

/* The bundle kept aside, read: 0 with b filled, or non-zero (its
 * device unknown or revoked: the manifest is not shown unchecked). */
static int
kept_read(struct server *s, const struct srvstore_kept *k, struct bundle *b)
{
	struct hs_error err;

	memset(b, 0, sizeof *b);
	return server_bundle_read(s, k->data, k->len, b, &err);
}

struct kept_ctx {
	struct server *s;
	int shown;
	char sha256[65];
	const void *data;		/* resolve: a copy */
	size_t len;
	char resolved[32], resolution[32];
};

/* A kept bundle's state, as the admin reads it. */
static const char *
kept_state(const char *resolution)
{
	if (resolution == NULL || *resolution == '\0')
		return _("open");
	if (strcmp(resolution, "accepted") == 0)
		return _("accepted");
	if (strcmp(resolution, "dropped") == 0)
		return _("dropped");
	return resolution;
}

static int
kept_print_fn(const struct srvstore_kept *k, void *ctx)
{
	char when[48], *reason = fileio_printable(k->reason);

	(void)ctx;
	printf("%.12s  %s  %s  %s  %s  %s\n", k->sha256, k->device != NULL ?
	    k->device : "-", k->school != NULL ? k->school : "-",
	    clock_local_iso(k->received, when, sizeof when),
	    kept_state(k->resolution), reason != NULL ? reason : "");
	free(reason);
	return 0;
}

static int
kept_show_fn(const struct srvstore_kept *k, void *ctx)
{
	struct kept_ctx *c = ctx;
	struct srvstore_device d;
	struct hs_error err;
	struct bundle b;
	char when[48], *reason = fileio_printable(k->reason);
	char **seen = NULL;
	int i, j, learners = 0, held = 0;

	printf(_("bundle kept aside: %s\n"), k->sha256);
	printf(_("received: %s\n"), clock_local_iso(k->received, when,
	    sizeof when));
	printf(_("why: %s\n"), reason != NULL ? reason : "");
	free(reason);
	printf(_("state: %s\n"), kept_state(k->resolution));
	printf(_("device: %s, school %s\n"), k->device != NULL ? k->device :
	    "-", k->school != NULL ? k->school : "-");
	if (kept_read(c->s, k, &b) != 0) {
		puts(_("its contents cannot be checked: the device is not "
		    "enrolled (or was revoked)"));
		bundle_free(&b);
		return 0;
	}
	printf(_("bundle number %lld, events %lld to %lld (after event %lld), "
	    "made %s\n"), b.m.number, b.m.first_seq, b.m.last_seq,
	    b.m.after_seq, clock_local_iso(b.m.created, when, sizeof when));
	seen = xcalloc((size_t)b.events.n + 1, sizeof *seen);
	for (i = 0; i < b.events.n; i++) {
		const char *a = b.events.ev[i].ev.actor;

		for (j = 0; j < learners && a != NULL; j++)
			if (strcmp(seen[j], a) == 0)
				break;
		if (a != NULL && j == learners)
			seen[learners++] = (char *)a;
	}
	free(seen);
	hs_error_clear(&err);
	memset(&d, 0, sizeof d);
	if (srvstore_device_get(server_store(c->s), b.m.device, &d,
	    &err) == 0)
		for (i = 0; i < b.events.n; i++)
			held += b.events.ev[i].seq <= d.acked_seq;
	printf(P_("%d event, ", "%d events, ", b.events.n), b.events.n);
	printf(P_("%d learner; ", "%d learners; ", learners), learners);
	printf(P_("%d event has a number the server holds already (up to "
	    "%lld)\n", "%d events have numbers the server holds already (up "
	    "to %lld)\n", held), held, d.acked_seq);
	if (b.events.n > 0)
		printf(_("from %s to %s (the device's clock)\n"),
		    b.events.ev[0].ts, b.events.ev[b.events.n - 1].ts);
	bundle_free(&b);
	return 0;
}

static int
kept_copy_fn(const struct srvstore_kept *k, void *ctx)
{
	struct kept_ctx *c = ctx;
	void *copy = xmalloc(k->len + 1);

	memcpy(copy, k->data, k->len);
	c->data = copy;
	c->len = k->len;
	snprintf(c->sha256, sizeof c->sha256, "%s", k->sha256);
	snprintf(c->resolved, sizeof c->resolved, "%s", k->resolved != NULL ?
	    k->resolved : "");
	snprintf(c->resolution, sizeof c->resolution, "%s", k->resolution !=
	    NULL ? k->resolution : "");
	return 0;
}

/* The bundle kept aside named id (a prefix of its SHA-256) through fn;
 * says what is wrong (1) when there is none, or more than one. */
static int
kept_find(struct server *s, const char *id, srvstore_kept_fn fn,
    struct kept_ctx *c)
{
	struct hs_error err;
	int rc;

	hs_error_clear(&err);
	rc = srvstore_kept_get(server_store(s), id, fn, c, &err);
	if (rc == HS_ENOTFOUND)
		hs_error_set(&err, HS_ENOTFOUND, _("no bundle kept aside is "
		    "named %s (see hocso-server bundle list)"), id);
	else if (rc == HS_EINVAL)
		hs_error_set(&err, HS_EINVAL, _("more than one bundle kept "
		    "aside starts with %s: give more of its name"), id);
	return rc != 0 ? cmdsay_fail(&err) : 0;
}

static int
kept_resolve(struct server *s, const char *id, int accept)
{
	struct server_ingest_info info;
	struct kept_ctx c;
	struct hs_error err;
	enum server_status st;
	char now[32], when[48];
	long long skipped = 0;
	int rc;

	memset(&c, 0, sizeof c);
	c.s = s;
	if ((rc = kept_find(s, id, kept_copy_fn, &c)) != 0)
		return rc;
	hs_error_clear(&err);
	if (c.resolved[0] != '\0') {
		hs_error_set(&err, HS_EINVAL, _("bundle %.12s was %s on %s "
		    "already"), c.sha256, kept_state(c.resolution), clock_local_iso(
		    c.resolved, when, sizeof when));
		free((void *)c.data);
		return cmdsay_fail(&err);
	}
	if (!accept) {
		util_iso8601(clock_now_ms(), now, sizeof now);
		if ((rc = srvstore_begin(server_store(s), &err)) == 0 &&
		    (rc = srvstore_kept_resolve(server_store(s), c.sha256,
		    "dropped", now, &err)) == 0)
			rc = srvstore_commit(server_store(s), &err);
		if (rc != 0)
			srvstore_rollback(server_store(s));
		free((void *)c.data);
		if (rc != 0)
			return cmdsay_fail(&err);
		printf(_("bundle %.12s dropped: none of its events is taken; it "
		    "stays in the store, for the record\n"), c.sha256);
		return 0;
	}
	memset(&info, 0, sizeof info);
	st = server_kept_accept(s, c.data, c.len, &info, &skipped, &err);
	free((void *)c.data);
	if (st == SERVER_OUT_OF_ORDER) {
		hs_error_set(&err, HS_EINVAL, _("bundle %.12s cannot be accepted "
		    "now: the server has the events of device %s only up to "
		    "%lld, and a bundle before this one is missing (the device "
		    "sends it at its next sync, or accept it first)"),
		    c.sha256, info.device, info.acked_seq);
		return cmdsay_fail(&err);
	}
	if (st == SERVER_FORBIDDEN) {
		hs_error_set(&err, HS_EINVAL, _("bundle %.12s cannot be accepted: "
		    "device %s is not enrolled (or was revoked); drop it"),
		    c.sha256, info.device);
		return cmdsay_fail(&err);
	}
	if (st != SERVER_OK)
		return cmdsay_fail(&err);
	if (info.again) {
		/* Stored already, by another way: only its record. */
		util_iso8601(clock_now_ms(), now, sizeof now);
		if ((rc = srvstore_begin(server_store(s), &err)) == 0 &&
		    (rc = srvstore_kept_resolve(server_store(s), c.sha256,
		    "accepted", now, &err)) == 0)
			rc = srvstore_commit(server_store(s), &err);
		if (rc != 0) {
			srvstore_rollback(server_store(s));
			return cmdsay_fail(&err);
		}
	}
	printf(P_("bundle %.12s accepted: %lld event stored", "bundle %.12s "
	    "accepted: %lld events stored", info.stored), c.sha256,
	    info.stored);
	printf(P_(", %lld the server had with other contents kept as the "
	    "server had it", ", %lld the server had with other contents kept "
	    "as the server had them", skipped), skipped);
	printf("%s\n", _("; the device gets its receipt at its next sync"));
	return 0;
}

int
cmd_bundle(struct server *s, int argc, char **argv)
{
	struct kept_ctx c;
	struct hs_error err;
	int all;

	hs_error_clear(&err);
	if (argc < 2)
		return cmdsay_usage("%s", _("bundle: list, show or resolve?"));
	if (strcmp(argv[1], "list") == 0) {
		all = argc == 3 && strcmp(argv[2], "--all") == 0;
		if (argc > 2 + all)
			return cmdsay_usage("%s",
			    _("bundle list takes --all or "
			    "nothing"));
		/* TRANSLATORS: the columns of hocso-server bundle list. */
		printf("%s\n", _("ID  DEVICE  SCHOOL  RECEIVED  STATE  WHY"));
		return srvstore_kept_each(server_store(s), all, kept_print_fn,
		    NULL, &err) != 0 ? cmdsay_fail(&err) : 0;
	}
	if (strcmp(argv[1], "show") == 0) {
		if (argc != 3)
			return cmdsay_usage("%s",
			    _("bundle show: one bundle id "
			    "(see hocso-server bundle list)"));
		memset(&c, 0, sizeof c);
		c.s = s;
		return kept_find(s, argv[2], kept_show_fn, &c);
	}
	if (strcmp(argv[1], "resolve") == 0) {
		if (argc != 4 || (strcmp(argv[3], "--accept") != 0 &&
		    strcmp(argv[3], "--drop") != 0))
			return cmdsay_usage("%s", _("bundle resolve: ID and "
			    "--accept or --drop"));
		return kept_resolve(s, argv[2], strcmp(argv[3],
		    "--accept") == 0);
	}
	return cmdsay_usage(_("bundle: unknown subcommand '%s'"), argv[1]);
}

/*
 * audit
 */

static int
audit_print_fn(const struct srvstore_action *a, void *ctx)
{
	char when[48], *o = fileio_printable(a->object),
	    *r = fileio_printable(a->result);

	(void)ctx;
	printf("%s  %s  %s  %s  %s\n", clock_local_iso(a->at, when, sizeof when),
	    a->who, a->action, o != NULL && *o != '\0' ? o : "-", r != NULL ?
	    r : "");
	free(o);
	free(r);
	return 0;
}

int
cmd_audit(struct server *s, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "since", required_argument, NULL, 's' },
		{ "until", required_argument, NULL, 'u' },
		{ "limit", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 }
	};
	struct hs_error err;
	const char *since = NULL, *until = NULL;
	char from[32], to[32], *end;
	long long ms;
	long limit = 0;
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
		switch (c) {
		case 's':
		case 'u':
			if (server_period_parse(optarg, c == 'u', &ms) != 0)
				return cmdsay_usage(
				    _("audit: '%s' is not a date "
				    "(2026-11-28) or an ISO 8601 time "
				    "(2026-11-28T10:00:00Z)"), optarg);
			util_iso8601(ms, c == 's' ? from : to, sizeof from);
			if (c == 's')
				since = from;
			else
				until = to;
			break;
		case 'l':
			limit = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || limit < 1 ||
			    limit > 1000000)
				return cmdsay_usage("%s", _("--limit wants a "
				    "whole number from 1"));
			break;
		default:
			return cmdsay_usage(_("%s: unknown option or missing "
			    "value"), argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cmdsay_usage(_("audit: unexpected '%s'"), argv[optind]);
	hs_error_clear(&err);
	/* TRANSLATORS: the columns of hocso-server audit. */
	printf("%s\n", _("WHEN  WHO  ACTION  OBJECT  RESULT"));
	return srvstore_action_each(server_store(s), since, until, (int)limit,
	    audit_print_fn, NULL, &err) != 0 ? cmdsay_fail(&err) : 0;
}

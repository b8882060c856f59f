/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * alerts.c: the admin's view of the safety alerts published (hocso-server
 * alert list, alert withdraw) and the alerts' epoch.  The list's counts
 * of devices come from the alerts' rollup (server/rollup.h), the same
 * rows as the dashboard's safety page.  Publishing itself is
 * server_alert() in server.c.
 *
 * A withdrawal is itself an alert row, numbered after the others and
 * signed by the server: its text is "[withdraw]\nid = ID\n" and its store
 * id "withdraw:ID" (so a second withdrawal of the same alert is refused
 * by the store's unique id).  A device takes it like any new alert and
 * removes the alert it names (docs/sync-protocol.md, "Alerts").
 *
 * The epoch is a random text the store keeps (meta alerts.epoch), made
 * at init and again by a restore: the catalog gives it, and a device that
 * sees it change takes every alert again, since numbers given out after
 * the backup are given out again.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/clock.h"
#include "core/i18n.h"
#include "core/util.h"
#include "server/rollup.h"
#include "server/server.h"
#include "server/srvstore.h"
#include "sync/alert.h"

struct list_ctx {
	server_alert_fn fn;
	void *arg;
	struct server_alert_row *rows;
	int n;
};

static int
collect(long long number, const char *text, size_t len, const char *sig,
    void *ctx)
{
	struct list_ctx *l = ctx;
	struct server_alert_row *r;
	struct hs_error err;
	struct alert a;
	char wid[ALERT_MAX_ID + 1];
	int i;

	(void)sig;
	if (alert_withdrawal(text, len, wid, sizeof wid) == 0) {
		for (i = 0; i < l->n; i++)
			if (strcmp(l->rows[i].id, wid) == 0)
				l->rows[i].withdrawn = number;
		return 0;
	}
	l->rows = xrealloc(l->rows, (size_t)(l->n + 1) * sizeof *l->rows);
	r = &l->rows[l->n++];
	memset(r, 0, sizeof *r);
	r->number = number;
	hs_error_clear(&err);
	if (alert_parse(text, len, "alert", &a, &err) == 0) {
		snprintf(r->id, sizeof r->id, "%s", a.id);
		snprintf(r->expires, sizeof r->expires, "%s", a.expires);
		snprintf(r->title, sizeof r->title, "%s",
		    alert_title(&a, "vi"));
	} else
		snprintf(r->id, sizeof r->id, "?");
	return 0;
}

/* A row of ROLLUP_ALERTS (alert id, devices that received it, devices
 * where it was read) into the list's row for that id. */
static int
count_fn(int ncol, const char *const *cell, void *ctx)
{
	struct list_ctx *l = ctx;
	int i;

	if (ncol < 3 || cell[0] == NULL)
		return 0;
	for (i = 0; i < l->n; i++)
		if (strcmp(l->rows[i].id, cell[0]) == 0) {
			l->rows[i].received = cell[1] != NULL ?
			    atoll(cell[1]) : 0;
			l->rows[i].read = cell[2] != NULL ? atoll(cell[2]) : 0;
		}
	return 0;
}

int
server_alert_list(struct server *s, server_alert_fn fn, void *arg,
    struct hs_error *err)
{
	struct list_ctx l = { fn, arg, NULL, 0 };
	int i, rc;

	rc = srvstore_alert_each(server_store(s), 0, collect, &l, err);
	if (rc == 0)
		rc = rollup_view(server_store(s), ROLLUP_ALERTS, NULL, NULL,
		    count_fn, &l, err);
	for (i = 0; rc == 0 && i < l.n; i++)
		rc = fn(&l.rows[i], arg);
	free(l.rows);
	return rc;
}

struct find_ctx {
	const char *id;
	int found, withdrawn;
};

static int
find_fn(const struct server_alert_row *r, void *arg)
{
	struct find_ctx *f = arg;

	if (strcmp(r->id, f->id) == 0) {
		f->found = 1;
		f->withdrawn = r->withdrawn != 0;
	}
	return 0;
}

int
server_alert_withdraw(struct server *s, const char *id, long long *number,
    struct hs_error *err)
{
	struct find_ctx f = { id, 0, 0 };
	char *text, sid[ALERT_MAX_ID + 16], sig[KEYS_B64_MAX], now[32];
	size_t len;
	int rc;

	if ((rc = server_alert_list(s, find_fn, &f, err)) != 0)
		return rc;
	if (!f.found)
		return hs_error_set(err, HS_ENOTFOUND, _("no alert '%s' was "
		    "published (see hocso-server alert list)"), id);
	if (f.withdrawn)
		return hs_error_set(err, HS_EINVAL, _("alert '%s' is withdrawn "
		    "already"), id);
	len = strlen(id) + 32;
	text = xmalloc(len);
	snprintf(text, len, "[withdraw]\nid = %s\n", id);
	len = strlen(text);
	snprintf(sid, sizeof sid, "withdraw:%s", id);
	server_sign(s, text, len, sig);
	util_iso8601(clock_now_ms(), now, sizeof now);
	if ((rc = srvstore_begin(server_store(s), err)) == 0) {
		if ((rc = srvstore_alert_add(server_store(s), sid, text, len,
		    sig, now, number, err)) == 0)
			rc = srvstore_commit(server_store(s), err);
		else
			srvstore_rollback(server_store(s));
	}
	free(text);
	return rc;
}

int
server_alert_epoch(struct server *s, char *buf, size_t len, int renew,
    struct hs_error *err)
{
	unsigned char raw[8];
	int rc;

	if (!renew && (rc = srvstore_meta_get(server_store(s), "alerts.epoch",
	    buf, len, err)) != HS_ENOTFOUND)
		return rc;
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(buf, len, raw, sizeof raw);
	return srvstore_meta_set(server_store(s), "alerts.epoch", buf, err);
}

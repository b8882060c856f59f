/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * purge.c: children's data erased on the province server (hocso-server
 * purge, retention; docs/privacy.md): a school's, a learner's, or all
 * that is older than the retention the admin set, which serve applies
 * once a day.  What goes with the events is the store's
 * (srvstore_purge()); here: what the admin asked, in one transaction,
 * counted, and rolled back when it was only a question (a dry run).
 *
 * A device's acknowledgement is kept: a purged learner's later bundles
 * follow on as before; an event at or below it that the server no
 * longer holds is taken as erased (server.c, ingest_events) once the
 * store records a purge (meta PURGE_LAST).
 */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/i18n.h"
#include "core/util.h"
#include "server/purge.h"
#include "server/server.h"
#include "server/srvstore.h"
#include "sync/schoolcode.h"
#include "sync/statement.h"

#define DAY_MS 86400000LL

int
purge_retention_get(struct server *s, int *days, struct hs_error *err)
{
	char buf[32];
	int rc;

	*days = 0;
	rc = server_meta_get(s, PURGE_RETENTION, buf, sizeof buf, err);
	if (rc == HS_ENOTFOUND)
		return 0;
	if (rc != 0)
		return rc;
	*days = atoi(buf);
	return 0;
}

int
purge_retention_set(struct server *s, int days, struct hs_error *err)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%d", days > 0 ? days : 0);
	return server_meta_set(s, PURGE_RETENTION, buf, err);
}

/* "YYYY-MM-DD" (a day, from its start in UTC) into an ISO time. */
static int
day_of(const char *date, char *iso, size_t len, struct hs_error *err)
{
	int y, m, d, n = 0;

	if (strlen(date) != 10 || sscanf(date, "%4d-%2d-%2d%n", &y, &m, &d,
	    &n) != 3 || n != 10 || m < 1 || m > 12 || d < 1 || d > 31 ||
	    y < 2000)
		return hs_error_set(err, HS_EINVAL, _("--before: '%s' is not a "
		    "date (YYYY-MM-DD)"), date);
	snprintf(iso, len, "%04d-%02d-%02dT00:00:00.000Z", y, m, d);
	return 0;
}

int
purge_run(struct server *s, const struct purge_request *q, int apply,
    struct srvstore_purged *out, struct hs_error *err)
{
	struct srvstore_purge p;
	struct srvstore *st = server_store(s);
	char school[SCHOOLCODE_MAX + 1], before[32], now[32], pos[32];
	long long forwarded = LLONG_MAX;
	int rc, days;

	memset(&p, 0, sizeof p);
	memset(out, 0, sizeof *out);
	if (q->school != NULL) {
		if (schoolcode_canon(q->school, school, sizeof school,
		    NULL) != 0)
			return hs_error_set(err, HS_EINVAL, _("'%s' is not a "
			    "school code"), q->school);
		p.school = school;
	}
	if (q->learner != NULL) {
		if (strlen(q->learner) != 36 ||
		    !statement_uuid_valid(q->learner))
			return hs_error_set(err, HS_EINVAL, _("'%s' is not a "
			    "learner id (the UUID the reports show)"),
			    q->learner);
		p.learner = q->learner;
	}
	if (q->before != NULL) {
		if ((rc = day_of(q->before, before, sizeof before, err)) != 0)
			return rc;
		p.before = before;
	}
	util_iso8601(clock_now_ms(), now, sizeof now);
	if (q->expired) {
		if ((rc = purge_retention_get(s, &days, err)) != 0)
			return rc;
		if (days <= 0)
			return hs_error_set(err, HS_EINVAL, _("no retention is "
			    "set: set one with hocso-server retention DAYS"));
		util_iso8601(clock_now_ms() - days * DAY_MS, before,
		    sizeof before);
		p.before = before;
		p.logs_before = before;
	}
	/* Counts of help: a school's (before the week of --before), or
	 * every school's of the weeks the retention has passed. */
	if (q->school != NULL || q->expired)
		p.help_before = p.before;
	rc = server_meta_get(s, PURGE_FORWARDED_KEY, pos, sizeof pos, err);
	if (rc == 0)
		forwarded = atoll(pos);
	else if (rc != HS_ENOTFOUND)
		return rc;
	if ((rc = srvstore_begin(st, err)) != 0)
		return rc;
	if (p.school != NULL)
		rc = server_school_registered(st, p.school, err);
	if (rc == 0)
		rc = srvstore_purge(st, &p, forwarded, apply, out, err);
	if (rc == 0 && apply && out->events > 0)
		rc = srvstore_meta_set(st, PURGE_LAST, now, err);
	if (rc == 0 && apply && q->expired)
		rc = srvstore_meta_set(st, PURGE_EXPIRED_AT, now, err);
	if (rc != 0 || !apply)
		srvstore_rollback(st);
	else
		rc = srvstore_commit(st, err);
	srvstore_purge_end(st);
	return rc;
}

int
purge_due(struct server *s, int *ran, struct srvstore_purged *out,
    struct hs_error *err)
{
	struct purge_request q = { NULL, NULL, NULL, 1 };
	char last[32], now[32];
	int rc, days;

	*ran = 0;
	if ((rc = purge_retention_get(s, &days, err)) != 0 || days <= 0)
		return rc;
	util_iso8601(clock_now_ms() - DAY_MS, now, sizeof now);
	rc = server_meta_get(s, PURGE_EXPIRED_AT, last, sizeof last, err);
	if (rc == 0 && strcmp(last, now) > 0)
		return 0;		/* less than a day ago */
	if (rc != 0 && rc != HS_ENOTFOUND)
		return rc;
	if ((rc = purge_run(s, &q, 1, out, err)) == 0)
		*ran = 1;
	return rc;
}

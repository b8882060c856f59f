/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * dash-pages.c: the dashboard's pages, for now plain placeholders read
 * from the tables the server has (schools, devices, the report's rows):
 * the province overview lists the schools, a school's page its classes
 * and modules and its devices, a module's page its figures per school,
 * the safety page the alerts published.  The pages built on the
 * rollups replace this file whole; the shell, the routing and the
 * access rule around them are dashboard.c's.
 *
 * Each page writes HTML into its struct dash_out (dashboard.h) with
 * every text from the store escaped; none of them checks who may see
 * it (dashboard.c did), but each shows only what its URL names.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "server/dashboard.h"
#include "server/srvstore.h"
#include "server/srvstore-users.h"

static int
dashpage_school_row(const struct srvstore_school_row *r, void *ctx)
{
	struct dash_out *o = ctx;

	dash_out_printf(o, "<tr><td><a href=\"/dashboard/school/");
	dash_out_url(o, r->school);
	dash_out_printf(o, "\">");
	dash_out_text(o, r->school);
	dash_out_printf(o, "</a></td><td class=\"n\">%lld</td>"
	    "<td class=\"n\">%lld</td><td>", r->devices, r->events);
	dash_out_text(o, r->last_bundle[0] != '\0' ? r->last_bundle : "—");
	dash_out_printf(o, "</td></tr>\n");
	return 0;
}

int
dashpage_overview(struct server *s, const struct account *who,
    const char *path, const char *query, struct dash_out *out)
{
	struct hs_error err;
	int rc;

	(void)who;
	(void)path;
	(void)query;
	snprintf(out->title, sizeof out->title, "%s", _("The province"));
	dash_out_printf(out, "<table id=\"schools\"><thead><tr><th>%s</th>"
	    "<th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>\n",
	    _("School"), _("Devices"), _("Events"), _("Last bundle"));
	hs_error_clear(&err);
	if ((rc = srvstore_school_rows(server_store(s), NULL,
	    dashpage_school_row, out, &err)) != 0) {
		fprintf(stderr, "hocso-server: %s\n", err.msg);
		return rc;
	}
	dash_out_printf(out, "</tbody></table>\n");
	return 0;
}

/* A report row, as a table row (with its school when all). */
struct dashpage_rows {
	struct dash_out *o;
	const char *module;		/* only this module's, or NULL */
	int by_school;
	long long n;
};

static int
dashpage_report_row(const struct srvstore_report_row *r, void *ctx)
{
	struct dashpage_rows *rows = ctx;
	struct dash_out *o = rows->o;

	if (rows->module != NULL && strcmp(rows->module, r->module) != 0)
		return 0;
	rows->n++;
	dash_out_printf(o, "<tr><td>");
	if (rows->by_school) {
		dash_out_printf(o, "<a href=\"/dashboard/school/");
		dash_out_url(o, r->school);
		dash_out_printf(o, "\">");
		dash_out_text(o, r->school);
		dash_out_printf(o, "</a>");
	} else
		dash_out_text(o, r->class_name);
	dash_out_printf(o, "</td><td>");
	if (rows->by_school)
		dash_out_text(o, r->class_name);
	else {
		dash_out_printf(o, "<a href=\"/dashboard/module/");
		dash_out_url(o, r->module);
		dash_out_printf(o, "\">");
		dash_out_text(o, r->module);
		dash_out_printf(o, "</a>");
	}
	dash_out_printf(o, "</td><td class=\"n\">%lld</td><td class=\"n\">"
	    "%lld</td><td class=\"n\">%lld</td><td class=\"n\">",
	    r->learners, r->lessons, r->quizzes);
	if (r->average >= 0)
		dash_out_printf(o, "%.0f%%", r->average);
	else
		dash_out_printf(o, "—");
	dash_out_printf(o, "</td></tr>\n");
	return 0;
}

static int
dashpage_device(const struct srvstore_device *d, void *ctx)
{
	struct dash_out *o = ctx;

	dash_out_printf(o, "<tr><td><code>");
	dash_out_text(o, d->id);
	dash_out_printf(o, "</code></td><td>");
	dash_out_text(o, d->enrolled);
	dash_out_printf(o, "</td><td>");
	dash_out_text(o, d->last_seen[0] != '\0' ? d->last_seen : "—");
	dash_out_printf(o, "</td><td>%s</td></tr>\n", d->revoked[0] != '\0' ?
	    _("revoked") : "");
	return 0;
}

int
dashpage_school(struct server *s, const struct account *who,
    const char *path, const char *query, struct dash_out *out)
{
	struct dashpage_rows rows = { out, NULL, 0, 0 };
	struct hs_error err;
	int rc;

	(void)who;
	(void)query;
	hs_error_clear(&err);
	rc = srvstore_school_known(server_store(s), path, &err);
	if (rc == HS_ENOTFOUND) {
		out->status = 404;
		return 0;
	}
	if (rc != 0)
		goto fail;
	snprintf(out->title, sizeof out->title, _("School %s"), path);
	dash_out_printf(out, "<h2>%s</h2><table id=\"progress\"><thead><tr>"
	    "<th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
	    "<th>%s</th></tr></thead><tbody>\n", _("Classes and modules"),
	    _("Class"), _("Module"), _("Learners"), _("Lessons finished"),
	    _("Quizzes passed"), _("Average score"));
	if ((rc = srvstore_report_rows(server_store(s), path,
	    dashpage_report_row, &rows, &err)) != 0)
		goto fail;
	dash_out_printf(out, "</tbody></table>\n<h2>%s</h2><table "
	    "id=\"devices\"><thead><tr><th>%s</th><th>%s</th><th>%s</th>"
	    "<th></th></tr></thead><tbody>\n", _("Devices"), _("Device"),
	    _("Enrolled"), _("Last bundle"));
	if ((rc = srvstore_device_each(server_store(s), path, dashpage_device,
	    out, &err)) != 0)
		goto fail;
	dash_out_printf(out, "</tbody></table>\n");
	return 0;
fail:
	fprintf(stderr, "hocso-server: %s\n", err.msg);
	return rc;
}

int
dashpage_module(struct server *s, const struct account *who,
    const char *path, const char *query, struct dash_out *out)
{
	struct dashpage_rows rows = { out, path, 1, 0 };
	struct hs_error err;
	int rc;

	(void)who;
	(void)query;
	snprintf(out->title, sizeof out->title, _("Module %s"), path);
	dash_out_printf(out, "<table id=\"schools\"><thead><tr><th>%s</th>"
	    "<th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>"
	    "</thead><tbody>\n", _("School"), _("Class"), _("Learners"),
	    _("Lessons finished"), _("Quizzes passed"), _("Average score"));
	hs_error_clear(&err);
	if ((rc = srvstore_report_rows(server_store(s), NULL,
	    dashpage_report_row, &rows, &err)) != 0) {
		fprintf(stderr, "hocso-server: %s\n", err.msg);
		return rc;
	}
	dash_out_printf(out, "</tbody></table>\n");
	if (rows.n == 0)
		out->status = 404;
	return 0;
}

int
dashpage_safety(struct server *s, const struct account *who,
    const char *path, const char *query, struct dash_out *out)
{
	struct hs_error err;
	long long n = 0;
	int rc;

	(void)who;
	(void)path;
	(void)query;
	snprintf(out->title, sizeof out->title, "%s", _("Safety"));
	hs_error_clear(&err);
	if ((rc = srvstore_alert_last(server_store(s), &n, &err)) != 0) {
		fprintf(stderr, "hocso-server: %s\n", err.msg);
		return rc;
	}
	dash_out_printf(out, "<p id=\"alerts\">");
	dash_out_printf(out, P_("%lld safety alert published.",
	    "%lld safety alerts published.", n), n);
	dash_out_printf(out, "</p>\n");
	return 0;
}

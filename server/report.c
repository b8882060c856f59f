/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report.c: the province's progress report, as aligned text or CSV.
 * See report.h.
 *
 * The figures come from the store in two walks (per school, then per
 * school, class and module); they are kept in memory only to measure
 * the columns, whose widths are counted in terminal columns
 * (libunistring), not bytes, for Vietnamese class and module names.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#include "core/clock.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"
#include "server/localise.h"
#include "server/report.h"
#include "server/srvstore.h"

struct row {
	char *school, *class_name, *module;
	long long learners, lessons, quizzes;
	double average;
};

struct school {
	char *code;
	long long devices, events;
	char *last;
};

struct rows {
	struct row *r;
	int n;
	struct school *s;
	int ns;
};

static int
row_fn(const struct srvstore_report_row *r, void *ctx)
{
	struct rows *rs = ctx;
	struct row *o;

	rs->r = xrealloc(rs->r, (size_t)(rs->n + 1) * sizeof *rs->r);
	o = &rs->r[rs->n++];
	o->school = xstrdup(r->school);
	o->class_name = xstrdup(r->class_name);
	o->module = xstrdup(r->module);
	o->learners = r->learners;
	o->lessons = r->lessons;
	o->quizzes = r->quizzes;
	o->average = r->average;
	return 0;
}

static int
school_fn(const struct srvstore_school_row *r, void *ctx)
{
	struct rows *rs = ctx;
	struct school *o;
	char when[40];

	rs->s = xrealloc(rs->s, (size_t)(rs->ns + 1) * sizeof *rs->s);
	o = &rs->s[rs->ns++];
	o->code = xstrdup(r->school);
	o->devices = r->devices;
	o->events = r->events;
	/* In the province's local time (branch province, issue 19). */
	o->last = xstrdup(clock_local_iso(r->last_bundle, when, sizeof when));
	return 0;
}

static void
rows_free(struct rows *rs)
{
	int i;

	for (i = 0; i < rs->n; i++) {
		free(rs->r[i].school);
		free(rs->r[i].class_name);
		free(rs->r[i].module);
	}
	for (i = 0; i < rs->ns; i++) {
		free(rs->s[i].code);
		free(rs->s[i].last);
	}
	free(rs->r);
	free(rs->s);
}

/* The width of s in terminal columns. */
static int
width(const char *s)
{
	return text_width(s, strlen(s));
}

/* Writes s padded to w columns, to the left (right = 0) or right. */
static void
pad(FILE *out, const char *s, int w, int right)
{
	int n = w - width(s);

	if (right)
		fprintf(out, "%*s%s", n > 0 ? n : 0, "", s);
	else
		fprintf(out, "%s%*s", s, n > 0 ? n : 0, "");
}

static void
average_text(double avg, char *buf, size_t len)
{
	if (avg < 0)
		snprintf(buf, len, "-");
	else
		/* Half up, as the tenths were (not printf's half to even). */
		snprintf(buf, len, "%lld%%", (long long)(avg + 0.5));
}

#define NCOLS 7

static void
write_text(const struct rows *rs, FILE *out)
{
	const char *head[NCOLS] = {
		/* TRANSLATORS: the report's columns; keep them short. */
		_("School"), _("Class"), _("Module"), _("Active"),
		_("Lessons"), _("Passed"), _("Average")
	};
	char cell[NCOLS][32];
	const char *text[NCOLS];
	int w[NCOLS], i, j, k;

	for (i = 0; i < rs->ns; i++) {
		fprintf(out, P_("%s: %lld device, ", "%s: %lld devices, ",
		    rs->s[i].devices), rs->s[i].code, rs->s[i].devices);
		fprintf(out, P_("%lld event, ", "%lld events, ",
		    rs->s[i].events), rs->s[i].events);
		fprintf(out, _("last bundle %s\n"), rs->s[i].last[0] != '\0' ?
		    rs->s[i].last : _("never"));
	}
	if (rs->n == 0) {
		fputs(_("No learner activity yet.\n"), out);
		return;
	}
	fputc('\n', out);
	for (j = 0; j < NCOLS; j++)
		w[j] = width(head[j]);
	for (i = 0; i < rs->n; i++) {
		k = width(rs->r[i].school);
		w[0] = k > w[0] ? k : w[0];
		k = width(rs->r[i].class_name);
		w[1] = k > w[1] ? k : w[1];
		k = width(rs->r[i].module);
		w[2] = k > w[2] ? k : w[2];
	}
	for (j = 3; j < NCOLS; j++)
		if (w[j] < 5)
			w[j] = 5;
	for (i = -1; i < rs->n; i++) {
		if (i < 0)
			for (j = 0; j < NCOLS; j++)
				text[j] = head[j];
		else {
			snprintf(cell[3], sizeof cell[3], "%lld",
			    rs->r[i].learners);
			snprintf(cell[4], sizeof cell[4], "%lld",
			    rs->r[i].lessons);
			snprintf(cell[5], sizeof cell[5], "%lld",
			    rs->r[i].quizzes);
			average_text(rs->r[i].average, cell[6], sizeof cell[6]);
			text[0] = rs->r[i].school;
			text[1] = rs->r[i].class_name;
			text[2] = rs->r[i].module;
			for (j = 3; j < NCOLS; j++)
				text[j] = cell[j];
		}
		for (j = 0; j < NCOLS; j++) {
			if (j > 0)
				fputs("  ", out);
			pad(out, text[j], w[j], j >= 3);
		}
		fputc('\n', out);
	}
}

static const struct school *
school_of(const struct rows *rs, const char *code)
{
	int i;

	for (i = 0; i < rs->ns; i++)
		if (strcmp(rs->s[i].code, code) == 0)
			return &rs->s[i];
	return NULL;
}

static void
csv_row(FILE *out, const struct school *s, const struct row *r)
{
	char num[6][32];

	snprintf(num[0], sizeof num[0], "%lld", s != NULL ? s->devices : 0);
	snprintf(num[1], sizeof num[1], "%lld", s != NULL ? s->events : 0);
	if (r != NULL) {
		snprintf(num[2], sizeof num[2], "%lld", r->learners);
		snprintf(num[3], sizeof num[3], "%lld", r->lessons);
		snprintf(num[4], sizeof num[4], "%lld", r->quizzes);
		if (r->average < 0)
			num[5][0] = '\0';
		else
			snprintf(num[5], sizeof num[5], "%.1f", r->average);
	}
	text_csv_field(out, r != NULL ? r->school : s->code, 0);
	text_csv_field(out, num[0], 0);
	text_csv_field(out, num[1], 0);
	text_csv_field(out, s != NULL ? s->last : "", 0);
	text_csv_field(out, r != NULL ? r->class_name : "", 0);
	text_csv_field(out, r != NULL ? r->module : "", 0);
	text_csv_field(out, r != NULL ? num[2] : "", 0);
	text_csv_field(out, r != NULL ? num[3] : "", 0);
	text_csv_field(out, r != NULL ? num[4] : "", 0);
	text_csv_field(out, r != NULL ? num[5] : "", 1);
}

static void
write_csv(const struct rows *rs, FILE *out)
{
	const char *head[] = {
		_("school"), _("devices"), _("events"), _("last bundle"),
		_("class"), _("module"), _("learners active"),
		_("lessons completed"), _("quizzes passed"),
		_("average quiz score (%)")
	};
	size_t j, n = sizeof head / sizeof head[0];
	int i, k, has;

	fputs("\xef\xbb\xbf", out);
	for (j = 0; j < n; j++)
		text_csv_field(out, head[j], j == n - 1);
	for (k = 0; k < rs->ns; k++) {
		has = 0;
		for (i = 0; i < rs->n; i++)
			if (strcmp(rs->r[i].school, rs->s[k].code) == 0) {
				csv_row(out, &rs->s[k], &rs->r[i]);
				has = 1;
			}
		if (!has)
			csv_row(out, &rs->s[k], NULL);
	}
	/* Rows of a school not in the schools table (none, in practice). */
	for (i = 0; i < rs->n; i++)
		if (school_of(rs, rs->r[i].school) == NULL)
			csv_row(out, NULL, &rs->r[i]);
}

int
server_report(struct server *s, const char *school,
    enum server_report_format format, FILE *out, struct hs_error *err)
{
	struct rows rs = { 0 };
	int rc;

	if ((rc = srvstore_school_rows(server_store(s), school, school_fn, &rs,
	    err)) == 0)
		rc = srvstore_report_rows(server_store(s), school, row_fn, &rs,
		    err);
	if (rc == 0 && school != NULL && rs.ns == 0)
		rc = hs_error_set(err, HS_ENOTFOUND, _("no school %s"), school);
	if (rc == 0) {
		if (format == SERVER_REPORT_CSV)
			write_csv(&rs, out);
		else
			write_text(&rs, out);
		if (fflush(out) != 0 || ferror(out))
			rc = hs_error_set(err, HS_EIO, _("cannot write the "
			    "report"));
	}
	rows_free(&rs);
	return rc;
}

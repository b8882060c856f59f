/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report-commune.c: the province's report by commune (hocso-server
 * report --by commune [--commune C]): the schools grouped by the
 * registry's commune (server/schools.c), "-" for a school with none.
 *
 * Every figure is a sum of the province report's (report.c): schools,
 * devices and events per commune, and per commune and module the
 * learners active, lessons completed and quizzes passed over its
 * schools' classes; the average quiz score is the communes' sum of
 * scores over their count, so that the communes add up to the
 * province exactly.  Nothing here reads the events.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"
#include "server/report.h"
#include "server/srvstore.h"

#define NO_COMMUNE "-"
#define CELL 256		/* bytes of a cell: a commune's name fits */

struct school {
	char *code, *commune;
};

struct commune {
	char *name;
	long long schools, devices, events;
};

struct line {			/* a commune's module */
	char *commune, *module;
	long long learners, lessons, quizzes, score_sum, score_n;
};

struct communes {
	struct school *s;
	int ns;
	struct commune *c;
	int nc;
	struct line *l;
	int nl;
	const char *only;	/* --commune, or NULL */
};

static int
registry_fn(const struct srvstore_school *sc, void *ctx)
{
	struct communes *k = ctx;

	k->s = xrealloc(k->s, (size_t)(k->ns + 1) * sizeof *k->s);
	k->s[k->ns].code = xstrdup(sc->code);
	k->s[k->ns].commune = xstrdup(sc->commune != NULL ? sc->commune :
	    NO_COMMUNE);
	k->ns++;
	return 0;
}

/* The commune of school code, NO_COMMUNE when it is not registered. */
static const char *
commune_of(const struct communes *k, const char *code)
{
	int i;

	for (i = 0; i < k->ns; i++)
		if (strcmp(k->s[i].code, code) == 0)
			return k->s[i].commune;
	return NO_COMMUNE;
}

/* The commune named name, added when new; NULL when --commune leaves
 * it out. */
static struct commune *
commune_get(struct communes *k, const char *name)
{
	int i;

	if (k->only != NULL && strcmp(k->only, name) != 0)
		return NULL;
	for (i = 0; i < k->nc; i++)
		if (strcmp(k->c[i].name, name) == 0)
			return &k->c[i];
	k->c = xrealloc(k->c, (size_t)(k->nc + 1) * sizeof *k->c);
	memset(&k->c[k->nc], 0, sizeof *k->c);
	k->c[k->nc].name = xstrdup(name);
	return &k->c[k->nc++];
}

static int
school_fn(const struct srvstore_school_row *r, void *ctx)
{
	struct communes *k = ctx;
	struct commune *c;

	if ((c = commune_get(k, commune_of(k, r->school))) != NULL) {
		c->schools++;
		c->devices += r->devices;
		c->events += r->events;
	}
	return 0;
}

static int
row_fn(const struct srvstore_report_row *r, void *ctx)
{
	struct communes *k = ctx;
	const char *name = commune_of(k, r->school);
	struct line *l = NULL;
	int i;

	if (commune_get(k, name) == NULL)
		return 0;
	for (i = 0; i < k->nl && l == NULL; i++)
		if (strcmp(k->l[i].commune, name) == 0 &&
		    strcmp(k->l[i].module, r->module) == 0)
			l = &k->l[i];
	if (l == NULL) {
		k->l = xrealloc(k->l, (size_t)(k->nl + 1) * sizeof *k->l);
		l = &k->l[k->nl++];
		memset(l, 0, sizeof *l);
		l->commune = xstrdup(name);
		l->module = xstrdup(r->module);
	}
	l->learners += r->learners;
	l->lessons += r->lessons;
	l->quizzes += r->quizzes;
	l->score_sum += r->score_sum;
	l->score_n += r->score_n;
	return 0;
}

static int
by_commune(const void *a, const void *b)
{
	return strcmp(((const struct commune *)a)->name,
	    ((const struct commune *)b)->name);
}

static int
by_line(const void *a, const void *b)
{
	const struct line *x = a, *y = b;
	int c = strcmp(x->commune, y->commune);

	return c != 0 ? c : strcmp(x->module, y->module);
}

static void
communes_free(struct communes *k)
{
	int i;

	for (i = 0; i < k->ns; i++) {
		free(k->s[i].code);
		free(k->s[i].commune);
	}
	for (i = 0; i < k->nc; i++)
		free(k->c[i].name);
	for (i = 0; i < k->nl; i++) {
		free(k->l[i].commune);
		free(k->l[i].module);
	}
	free(k->s);
	free(k->c);
	free(k->l);
}

/* The average score of l in % (one decimal), "" (csv) or "-" when
 * none. */
static void
average(const struct line *l, int csv, char *buf, size_t len)
{
	long long s = l->score_sum, n = l->score_n, tenths;

	if (n == 0) {
		snprintf(buf, len, "%s", csv ? "" : "-");
		return;
	}
	/* As ROLLUP_AVG_SQL: tenths of a %, half away from zero, in
	 * integers, so a commune's .x5 rounds as a school's does. */
	tenths = s >= 0 ? (s + n * 500) / (n * 1000) :
	    -((-s + n * 500) / (n * 1000));
	if (csv)
		snprintf(buf, len, "%s%lld.%lld", tenths < 0 ? "-" : "",
		    llabs(tenths) / 10, llabs(tenths) % 10);
	else	/* half up, as report.c's text */
		snprintf(buf, len, "%lld%%", (tenths >= 0 ? tenths + 5 :
		    tenths - 5) / 10);
}

/* Writes cells (n of them) padded to the widths w, numbers (from
 * column first_num) to the right. */
static void
text_line(FILE *out, const char *const *cell, const int *w, int n,
    int first_num)
{
	int j, pad;

	for (j = 0; j < n; j++) {
		pad = w[j] - text_width(cell[j], strlen(cell[j]));
		if (pad < 0)
			pad = 0;
		if (j > 0)
			fputs("  ", out);
		if (j >= first_num)
			fprintf(out, "%*s%s", pad, "", cell[j]);
		else
			fprintf(out, "%s%*s", cell[j], j < n - 1 ? pad : 0, "");
	}
	fputc('\n', out);
}

/* Measures (widths) or writes (out) the table of rows cells. */
static void
table(FILE *out, const char *const *head, char (*cells)[8][CELL], int rows,
    int ncol, int first_num)
{
	const char *cell[8];
	int w[8], i, j, k;

	for (j = 0; j < ncol; j++)
		w[j] = text_width(head[j], strlen(head[j]));
	for (i = 0; i < rows; i++)
		for (j = 0; j < ncol; j++)
			if ((k = text_width(cells[i][j],
			    strlen(cells[i][j]))) > w[j])
				w[j] = k;
	text_line(out, head, w, ncol, first_num);
	for (i = 0; i < rows; i++) {
		for (j = 0; j < ncol; j++)
			cell[j] = cells[i][j];
		text_line(out, cell, w, ncol, first_num);
	}
}

static void
write_text(const struct communes *k, FILE *out)
{
	const char *h1[] = {
		/* TRANSLATORS: the columns of the report by commune; keep
		 * them short. */
		_("Commune"), _("Schools"), _("Devices"), _("Events")
	};
	const char *h2[] = {
		_("Commune"), _("Module"), _("Active"), _("Lessons"),
		_("Passed"), _("Average")
	};
	char (*cells)[8][CELL];
	int i, n = k->nc > k->nl ? k->nc : k->nl;

	cells = xcalloc((size_t)(n > 0 ? n : 1), sizeof *cells);
	for (i = 0; i < k->nc; i++) {
		snprintf(cells[i][0], CELL, "%s", k->c[i].name);
		snprintf(cells[i][1], CELL, "%lld", k->c[i].schools);
		snprintf(cells[i][2], CELL, "%lld", k->c[i].devices);
		snprintf(cells[i][3], CELL, "%lld", k->c[i].events);
	}
	table(out, h1, cells, k->nc, 4, 1);
	fputc('\n', out);
	if (k->nl == 0)
		fputs(_("No learner activity yet.\n"), out);
	else {
		for (i = 0; i < k->nl; i++) {
			snprintf(cells[i][0], CELL, "%s", k->l[i].commune);
			snprintf(cells[i][1], CELL, "%s", k->l[i].module);
			snprintf(cells[i][2], CELL, "%lld", k->l[i].learners);
			snprintf(cells[i][3], CELL, "%lld", k->l[i].lessons);
			snprintf(cells[i][4], CELL, "%lld", k->l[i].quizzes);
			average(&k->l[i], 0, cells[i][5], CELL);
		}
		table(out, h2, cells, k->nl, 6, 2);
	}
	free(cells);
}

/* One CSV row: commune c, and its module l (NULL: none). */
static void
csv_row(FILE *out, const struct commune *c, const struct line *l)
{
	char num[7][32];
	int j;

	snprintf(num[0], sizeof num[0], "%lld", c->schools);
	snprintf(num[1], sizeof num[1], "%lld", c->devices);
	snprintf(num[2], sizeof num[2], "%lld", c->events);
	if (l != NULL) {
		snprintf(num[3], sizeof num[3], "%lld", l->learners);
		snprintf(num[4], sizeof num[4], "%lld", l->lessons);
		snprintf(num[5], sizeof num[5], "%lld", l->quizzes);
		average(l, 1, num[6], sizeof num[6]);
	}
	text_csv_field(out, c->name, 0);
	for (j = 0; j < 3; j++)
		text_csv_field(out, num[j], 0);
	text_csv_field(out, l != NULL ? l->module : "", 0);
	for (j = 3; j < 7; j++)
		text_csv_field(out, l != NULL ? num[j] : "", j == 6);
}

static void
write_csv(const struct communes *k, FILE *out)
{
	const char *head[] = {
		_("commune"), _("schools"), _("devices"), _("events"),
		_("module"), _("learners active"), _("lessons completed"),
		_("quizzes passed"), _("average quiz score (%)")
	};
	size_t j, n = sizeof head / sizeof head[0];
	int i, m, has;

	fputs("\xef\xbb\xbf", out);
	for (j = 0; j < n; j++)
		text_csv_field(out, head[j], j == n - 1);
	for (i = 0; i < k->nc; i++) {
		has = 0;
		for (m = 0; m < k->nl; m++)
			if (strcmp(k->l[m].commune, k->c[i].name) == 0) {
				csv_row(out, &k->c[i], &k->l[m]);
				has = 1;
			}
		if (!has)
			csv_row(out, &k->c[i], NULL);
	}
}

int
server_report_communes(struct server *s, const char *commune,
    enum server_report_format format, FILE *out, struct hs_error *err)
{
	struct communes k;
	int rc;

	memset(&k, 0, sizeof k);
	k.only = commune;
	if ((rc = srvstore_school_each(server_store(s), registry_fn, &k,
	    err)) == 0 &&
	    (rc = srvstore_school_rows(server_store(s), NULL, school_fn, &k,
	    err)) == 0)
		rc = srvstore_report_rows(server_store(s), NULL, row_fn, &k,
		    err);
	if (rc == 0 && commune != NULL && k.nc == 0)
		rc = hs_error_set(err, HS_ENOTFOUND, _("no school in commune "
		    "'%s' (see hocso-server school list)"), commune);
	if (rc == 0) {
		if (k.nc > 0)
			qsort(k.c, (size_t)k.nc, sizeof *k.c, by_commune);
		if (k.nl > 0)
			qsort(k.l, (size_t)k.nl, sizeof *k.l, by_line);
		if (format == SERVER_REPORT_CSV)
			write_csv(&k, out);
		else
			write_text(&k, out);
		if (fflush(out) != 0 || ferror(out))
			rc = hs_error_set(err, HS_EIO, _("cannot write the "
			    "report"));
	}
	communes_free(&k);
	return rc;
}

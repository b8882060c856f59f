/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * dashpages-views.c: the four dashboard pages: the province's overview,
 * a school, a module, safety.  See dashpages.h.
 *
 * Each page is a list of tables (dashpages.c) filled from the rollups,
 * with a few figures above them; a request with ?download= gives one of
 * those tables as a file instead of the page.  Who may see what is
 * checked here too, whatever the shell's menu shows: a school account
 * sees its own school's page only.  Learners appear by pseudonym (a
 * prefix of their random UUID): names never leave the school.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/clock.h"
#include "core/i18n.h"
#include "core/util.h"
#include "server/answertext.h"
#include "server/dashpages.h"
#include "server/rollup.h"
#include "server/srvstore.h"
#include "sync/alert.h"

#define DAY_MS 86400000LL

static FILE *
page_open(struct dash_out *out)
{
	FILE *f;

	memset(out, 0, sizeof *out);
	out->status = 200;
	if ((f = open_memstream(&out->data, &out->len)) == NULL)
		util_oom();
	return f;
}

static int
page_close(FILE *f, struct dash_out *out, int rc)
{
	if (fclose(f) != 0)
		util_oom();
	if (rc != 0)
		dash_out_free(out);
	return rc;
}

/* A refusal: status and one sentence. */
static int
refuse(struct dash_out *out, int status, const char *why)
{
	FILE *f = page_open(out);

	out->status = status;
	fputs("<p class=\"refused\">", f);
	dash_html(f, why);
	fputs("</p>\n", f);
	return page_close(f, out, 0);
}

static int
province_only(const struct account *who, struct dash_out *out)
{
	if (who != NULL && who->role == ACCOUNT_PROVINCE)
		return 0;
	refuse(out, 403, _("This page is for the province's accounts."));
	return 1;
}

/* The last segment of path ("/dashboard/school/S01" or, as the shell
 * gives it, "S01" gives "S01"), a new string, decoded; NULL when empty. */
static char *
last_segment(const char *path)
{
	const char *p = path != NULL ? strrchr(path, '/') : NULL;
	char *q, *v;

	/* A dot segment anywhere names no page ("S01/../S02"). */
	if (path != NULL && (strstr(path, "/..") != NULL || strncmp(path,
	    "..", 2) == 0))
		return NULL;
	p = p != NULL ? p + 1 : path;
	if (p == NULL || *p == '\0')
		return NULL;
	if ((q = malloc(strlen(p) + 4)) == NULL)
		util_oom();
	snprintf(q, strlen(p) + 4, "k=%s", p);
	v = dash_query(q, "k");
	free(q);
	return v;
}

/* When the query asks for one of the n tables, fills out with it and
 * returns 1. */
static int
download(struct dash_table *t, int n, const char *query,
    struct dash_out *out, int *rc, struct hs_error *err)
{
	char *name = dash_query(query, "download"), *format;
	int i;

	if (name == NULL)
		return 0;
	format = dash_query(query, "format");
	for (i = 0; i < n; i++)
		if (strcmp(t[i].name, name) == 0)
			break;
	memset(out, 0, sizeof *out);
	if (i == n)
		*rc = refuse(out, 404, _("There is no such table here."));
	else
		*rc = dash_table_download(&t[i], format, out, err);
	free(name);
	free(format);
	return 1;
}

static void
figure(FILE *f, const char *label, const char *value)
{
	fputs("<div class=\"figure\"><span class=\"value\">", f);
	dash_html(f, value != NULL ? value : "0");
	fputs("</span> <span class=\"label\">", f);
	dash_html(f, label);
	fputs("</span></div>\n", f);
}

/* The number a figure shows (NULL: 0), for its label's plural form
 * (P_(): one form in Vietnamese, two in English). */
static unsigned long
count_of(const char *value)
{
	return value != NULL ? strtoul(value, NULL, 10) : 0;
}

static void
set_cols(struct dash_table *t, const char *name, const char *caption,
    int ncol, const char *const *head, const enum dash_type *type)
{
	int j;

	memset(t, 0, sizeof *t);
	t->name = name;
	t->caption = caption;
	t->ncol = ncol;
	for (j = 0; j < ncol; j++) {
		t->head[j] = head[j];
		t->type[j] = type[j];
	}
}

/* The school year's first day, 1 September (UTC) of this year, or of
 * last year before September, in Unix milliseconds. */
static long long
year_start(void)
{
	char today[32];
	struct tm tm;
	int y, m;

	util_iso8601(clock_now_ms(), today, sizeof today);
	y = atoi(today);
	m = atoi(today + 5);
	memset(&tm, 0, sizeof tm);
	tm.tm_year = (m < 9 ? y - 1 : y) - 1900;
	tm.tm_mon = 8;
	tm.tm_mday = 1;
	return (long long)timegm(&tm) * 1000;
}

/* The ISO week of now, and of the school year's first day. */
static void
weeks_now(char *week, char *first, size_t len)
{
	char today[32], start[32];

	util_iso8601(clock_now_ms(), today, sizeof today);
	rollup_week(today, week, len);
	util_iso8601(year_start(), start, sizeof start);
	rollup_week(start, first, len);
}

int
dashpage_overview(struct server *s, const struct account *who,
    const char *path, const char *query, struct dash_out *out)
{
	static const enum dash_type prov_t[] = { DASH_INT, DASH_INT, DASH_INT,
		DASH_INT, DASH_INT, DASH_INT };
	static const enum dash_type late_t[] = { DASH_SCHOOL, DASH_INT,
		DASH_TIME, DASH_INT };
	static const enum dash_type mod_t[] = { DASH_MODULE, DASH_INT,
		DASH_INT, DASH_INT, DASH_INT, DASH_INT, DASH_PCT, DASH_PCT };
	static const enum dash_type week_t[] = { DASH_TEXT, DASH_INT,
		DASH_INT, DASH_INT, DASH_INT };
	static const enum dash_type sch_t[] = { DASH_SCHOOL, DASH_INT,
		DASH_INT, DASH_TIME };
	const char *prov_h[] = { _("schools"), _("schools enrolled"),
		_("learners active this week"), _("lessons completed"),
		_("quiz attempts"), _("quizzes passed") };
	const char *late_h[] = { _("School"), _("Devices"), _("Last sync"),
		_("Events") };
	const char *mod_h[] = { _("Module"), _("Learners active"),
		_("Lessons completed"), _("Took the quiz"), _("Passed"),
		_("Need help"), _("Pass rate (%)"), _("Average score (%)") };
	const char *week_h[] = { _("Week"), _("Learners active"),
		_("Lessons completed"), _("Quiz attempts"), _("Quizzes passed") };
	const char *sch_h[] = { _("School"), _("Devices"), _("Events"),
		_("Last sync") };
	struct dash_table t[6];
	struct hs_error err;
	char week[16], first[16], cut7[32], cut30[32], num[32];
	const char **label = NULL;
	long long *value = NULL, ms;
	char weeks[60][16], day[32];
	FILE *f;
	int rc = 0, i, w, nweeks;

	(void)path;
	if (province_only(who, out))
		return 0;
	weeks_now(week, first, sizeof week);
	util_iso8601(clock_now_ms() - 7 * DAY_MS, cut7, sizeof cut7);
	util_iso8601(clock_now_ms() - 30 * DAY_MS, cut30, sizeof cut30);
	set_cols(&t[0], "province", _("The province"), 6, prov_h, prov_t);
	set_cols(&t[1], "not-synced-7", _("Schools not synced for 7 days or "
	    "more"), 4, late_h, late_t);
	set_cols(&t[2], "not-synced-30", _("Schools not synced for 30 days "
	    "or more"), 4, late_h, late_t);
	set_cols(&t[3], "modules", _("Modules"), 8, mod_h, mod_t);
	set_cols(&t[4], "weeks", _("Activity per week this school year"), 5,
	    week_h, week_t);
	set_cols(&t[5], "schools", _("Every school in the province"), 4, sch_h,
	    sch_t);
	hs_error_clear(&err);
	if ((rc = dash_table_fill(s, &t[0], ROLLUP_PROVINCE, week, NULL,
	    &err)) != 0 ||
	    (rc = dash_table_fill(s, &t[1], ROLLUP_NOT_SYNCED, cut7, NULL,
	    &err)) != 0 ||
	    (rc = dash_table_fill(s, &t[2], ROLLUP_NOT_SYNCED, cut30, NULL,
	    &err)) != 0 ||
	    (rc = dash_table_fill(s, &t[3], ROLLUP_MODULES, NULL, NULL,
	    &err)) != 0 ||
	    (rc = dash_table_fill(s, &t[4], ROLLUP_WEEKS, NULL, first,
	    &err)) != 0 ||
	    (rc = dash_table_fill(s, &t[5], ROLLUP_SCHOOLS, NULL, NULL,
	    &err)) != 0)
		goto done;
	if (download(t, 6, query, out, &rc, &err))
		goto done;
	f = page_open(out);
	snprintf(out->title, sizeof out->title, "%s", _("The province"));
	fputs("<div class=\"figures\">\n", f);
	/* TRANSLATORS: the overview's figures, after their number. */
	figure(f, P_("school in the province", "schools in the province",
	    count_of(dash_cell(&t[0], 0, 0))), dash_cell(&t[0], 0, 0));
	figure(f, P_("school enrolled", "schools enrolled",
	    count_of(dash_cell(&t[0], 0, 1))), dash_cell(&t[0], 0, 1));
	snprintf(num, sizeof num, "%d", t[1].n);
	figure(f, P_("school not synced for 7 days",
	    "schools not synced for 7 days", count_of(num)), num);
	snprintf(num, sizeof num, "%d", t[2].n);
	figure(f, P_("school not synced for 30 days",
	    "schools not synced for 30 days", count_of(num)), num);
	figure(f, P_("learner active this week", "learners active this week",
	    count_of(dash_cell(&t[0], 0, 2))), dash_cell(&t[0], 0, 2));
	fputs("</div>\n<h2>", f);
	dash_html(f, _("Activity per week this school year"));
	fputs("</h2>\n", f);
	/* Every week of the school year so far, those without activity
	 * too. */
	nweeks = 0;
	for (ms = year_start(); ms <= clock_now_ms() && nweeks < 60;
	    ms += 7 * DAY_MS) {
		util_iso8601(ms, day, sizeof day);
		rollup_week(day, weeks[nweeks], sizeof weeks[nweeks]);
		nweeks++;
	}
	label = xcalloc((size_t)nweeks + 1, sizeof *label);
	value = xcalloc((size_t)nweeks + 1, sizeof *value);
	for (w = 0; w < nweeks; w++) {
		label[w] = weeks[w];
		for (i = 0; i < t[4].n; i++)
			if (strcmp(dash_cell(&t[4], i, 0), weeks[w]) == 0)
				value[w] = atoll(dash_cell(&t[4], i, 1));
	}
	dash_svg_bars(f, _("Learners active per week"), label, value, nweeks);
	fputs("<h2>", f);
	dash_html(f, _("Follow-up: schools that have not synced"));
	fputs("</h2>\n", f);
	dash_table_html(f, &t[2]);
	dash_table_html(f, &t[1]);
	fputs("<h2>", f);
	dash_html(f, _("Schools"));
	fputs("</h2>\n", f);
	dash_table_html(f, &t[5]);
	fputs("<h2>", f);
	dash_html(f, _("Modules"));
	fputs("</h2>\n", f);
	dash_table_html(f, &t[3]);
	dash_table_html(f, &t[4]);
	dash_table_html(f, &t[0]);
	rc = page_close(f, out, 0);
done:
	free(label);
	free(value);
	for (i = 0; i < 6; i++)
		dash_table_free(&t[i]);
	return rc;
}

static int
device_fn(const struct srvstore_device *d, void *ctx)
{
	struct dash_table *t = ctx;
	char events[32], *cell[5];
	int j;

	snprintf(events, sizeof events, "%lld", d->events);
	cell[0] = (char *)d->id;
	cell[1] = (char *)d->enrolled;
	cell[2] = d->last_seen[0] != '\0' ? (char *)d->last_seen : NULL;
	cell[3] = events;
	cell[4] = d->revoked[0] != '\0' ? (char *)d->revoked : NULL;
	t->cell = xrealloc(t->cell, (size_t)(t->n + 1) * 5 * sizeof *t->cell);
	for (j = 0; j < 5; j++)
		t->cell[t->n * 5 + j] = cell[j] != NULL ? xstrdup(cell[j]) :
		    NULL;
	t->n++;
	return 0;
}

/* The classes × modules grid: a cell says passed / active, and how many
 * need help. */
static void
grid_html(FILE *f, const struct dash_table *g, const char *school)
{
	char **cls = NULL, **mod = NULL;
	int nc = 0, nm = 0, i, j, k, found;

	for (i = 0; i < g->n; i++) {
		for (found = 0, k = 0; k < nc; k++)
			found |= strcmp(cls[k], dash_cell(g, i, 0)) == 0;
		if (!found) {
			cls = xrealloc(cls, (size_t)(nc + 1) * sizeof *cls);
			cls[nc++] = (char *)dash_cell(g, i, 0);
		}
		for (found = 0, k = 0; k < nm; k++)
			found |= strcmp(mod[k], dash_cell(g, i, 1)) == 0;
		if (!found) {
			mod = xrealloc(mod, (size_t)(nm + 1) * sizeof *mod);
			mod[nm++] = (char *)dash_cell(g, i, 1);
		}
	}
	fputs("<table class=\"grid\" id=\"t-grid-pivot\">\n<caption>", f);
	dash_html(f, _("Passed / active learners, and how many need help"));
	fputs("</caption>\n<thead><tr><th>", f);
	dash_html(f, _("Class"));
	fputs("</th>", f);
	for (k = 0; k < nm; k++) {
		fputs("<th><a href=\"/dashboard/module/", f);
		dash_url(f, mod[k]);
		fputs("\">", f);
		dash_html(f, mod[k]);
		fputs("</a></th>", f);
	}
	fputs("</tr></thead>\n<tbody>\n", f);
	for (j = 0; j < nc; j++) {
		fputs("<tr><th><a href=\"/dashboard/school/", f);
		dash_url(f, school);
		fputs("?class=", f);
		dash_url(f, cls[j]);
		fputs("\">", f);
		dash_html(f, cls[j]);
		fputs("</a></th>", f);
		for (k = 0; k < nm; k++) {
			for (i = 0; i < g->n; i++)
				if (strcmp(dash_cell(g, i, 0), cls[j]) == 0 &&
				    strcmp(dash_cell(g, i, 1), mod[k]) == 0)
					break;
			if (i == g->n) {
				fputs("<td>&ndash;</td>", f);
				continue;
			}
			fprintf(f, "<td>%s / %s", dash_cell(g, i, 4),
			    dash_cell(g, i, 2));
			if (atoll(dash_cell(g, i, 5)) > 0) {
				fputs(" <span class=\"help\">(", f);
				fprintf(f, P_("%s needs help", "%s need help",
				    atol(dash_cell(g, i, 5))), dash_cell(g, i,
				    5));
				fputs(")</span>", f);
			}
			fputs("</td>", f);
		}
		fputs("</tr>\n", f);
	}
	fputs("</tbody>\n</table>\n", f);
	free(cls);
	free(mod);
}

int
dashpage_school(struct server *s, const struct account *who,
    const char *path, const char *query, struct dash_out *out)
{
	static const enum dash_type sch_t[] = { DASH_TEXT, DASH_INT, DASH_INT,
		DASH_TIME };
	static const enum dash_type dev_t[] = { DASH_TEXT, DASH_TIME,
		DASH_TIME, DASH_INT, DASH_TEXT };
	static const enum dash_type grid_t[] = { DASH_TEXT, DASH_MODULE,
		DASH_INT, DASH_INT, DASH_INT, DASH_INT, DASH_INT, DASH_PCT };
	static const enum dash_type lrn_t[] = { DASH_LEARNER, DASH_MODULE,
		DASH_STATUS, DASH_INT, DASH_INT, DASH_PCT, DASH_TIME };
	const char *sch_h[] = { _("School"), _("Devices"), _("Events"),
		_("Last sync") };
	const char *dev_h[] = { _("Device"), _("Enrolled"), _("Last sync"),
		_("Events"), _("Revoked") };
	const char *grid_h[] = { _("Class"), _("Module"), _("Learners active"),
		_("In progress"), _("Passed"), _("Need help"),
		_("Lessons completed"), _("Average score (%)") };
	const char *lrn_h[] = { _("Learner"), _("Module"), _("Status"),
		_("Lessons completed"), _("Attempts"), _("Best score (%)"),
		_("Last activity") };
	struct dash_table t[4];
	struct hs_error err;
	char *code = last_segment(path), *cls = dash_query(query, "class");
	char when[40];
	FILE *f;
	int rc = 0, i, nt = 3;

	memset(t, 0, sizeof t);
	if (code == NULL) {
		rc = refuse(out, 404, _("Which school?"));
		goto done;
	}
	if (who == NULL || (who->role != ACCOUNT_PROVINCE &&
	    (who->role != ACCOUNT_SCHOOL || strcmp(who->school, code) != 0))) {
		rc = refuse(out, 403, _("This account may not see that "
		    "school."));
		goto done;
	}
	set_cols(&t[0], "school", _("The school"), 4, sch_h, sch_t);
	set_cols(&t[1], "devices", _("Devices"), 5, dev_h, dev_t);
	set_cols(&t[2], "grid", _("Classes and modules"), 8, grid_h, grid_t);
	set_cols(&t[3], "learners", _("Learners (by pseudonym)"), 7, lrn_h,
	    lrn_t);
	hs_error_clear(&err);
	if ((rc = dash_table_fill(s, &t[0], ROLLUP_SCHOOLS, code, NULL,
	    &err)) != 0)
		goto done;
	if (t[0].n == 0) {
		rc = refuse(out, 404, _("There is no such school."));
		goto done;
	}
	if ((rc = srvstore_device_each(server_store(s), code, device_fn,
	    &t[1], &err)) != 0 ||
	    (rc = dash_table_fill(s, &t[2], ROLLUP_GRID, code, NULL,
	    &err)) != 0)
		goto done;
	if (cls != NULL) {
		nt = 4;
		if ((rc = dash_table_fill(s, &t[3], ROLLUP_LEARNERS, code, cls,
		    &err)) != 0)
			goto done;
	}
	if (download(t, nt, query, out, &rc, &err))
		goto done;
	f = page_open(out);
	snprintf(out->title, sizeof out->title, "%s %s", _("School"), code);
	fputs("<div class=\"figures\">\n", f);
	figure(f, P_("device", "devices",
	    count_of(dash_cell(&t[0], 0, 1))), dash_cell(&t[0], 0, 1));
	figure(f, P_("event", "events",
	    count_of(dash_cell(&t[0], 0, 2))), dash_cell(&t[0], 0, 2));
	if (dash_cell(&t[0], 0, 3) != NULL)
		snprintf(when, sizeof when, "%.10s %.5s", dash_cell(&t[0], 0, 3),
		    strlen(dash_cell(&t[0], 0, 3)) > 11 ?
		    dash_cell(&t[0], 0, 3) + 11 : "");
	figure(f, _("last sync"), dash_cell(&t[0], 0, 3) != NULL ? when :
	    _("never"));
	fputs("</div>\n<h2>", f);
	dash_html(f, _("Classes and modules"));
	fputs("</h2>\n", f);
	grid_html(f, &t[2], code);
	dash_table_html(f, &t[2]);
	if (cls != NULL) {
		fputs("<h2>", f);
		dash_html(f, _("Class"));
		fputc(' ', f);
		dash_html(f, cls);
		fputs("</h2>\n", f);
		dash_table_html(f, &t[3]);
	}
	fputs("<h2>", f);
	dash_html(f, _("Devices"));
	fputs("</h2>\n", f);
	dash_table_html(f, &t[1]);
	rc = page_close(f, out, 0);
done:
	for (i = 0; i < 4; i++)
		dash_table_free(&t[i]);
	free(code);
	free(cls);
	return rc;
}

/* The questions' words (a column put in at 1) and their wrong answers
 * (column 6 then) in words, in the page's language, from the module's
 * published package; a question the package does not have keeps its id
 * alone, a response it does not give stays as the event has it. */
static int
question_words(struct server *s, const char *module, struct dash_table *t,
    struct hs_error *err)
{
	const struct answertext *a;
	const char *lang = getenv("LANGUAGE");	/* the page's (dashboard.c) */
	char *w, **cell;
	int i, rc;

	/* TRANSLATORS: a column of the hardest questions: the question's
	 * words, from the module's quiz, next to its id. */
	dash_table_insert(t, 1, _("Question text"), DASH_QTEXT);
	if (t->n == 0)
		return 0;
	if ((rc = answertext_load(s, module, lang != NULL &&
	    strncmp(lang, "en", 2) == 0 ? "en" : "vi", &a, err)) != 0)
		return rc;
	for (i = 0; i < t->n; i++) {
		cell = &t->cell[i * t->ncol];
		cell[1] = answertext_question(a, cell[0]);
		if (cell[6] != NULL &&
		    (w = answertext_words(a, cell[0], cell[6])) != NULL) {
			free(cell[6]);
			cell[6] = w;
		}
	}
	return 0;
}

int
dashpage_module(struct server *s, const struct account *who,
    const char *path, const char *query, struct dash_out *out)
{
	static const enum dash_type sch_t[] = { DASH_SCHOOL, DASH_INT,
		DASH_INT, DASH_INT, DASH_INT, DASH_PCT, DASH_PCT };
	static const enum dash_type q_t[] = { DASH_QUESTION, DASH_INT,
		DASH_INT, DASH_PCT, DASH_INT, DASH_TEXT, DASH_INT };
	const char *sch_h[] = { _("School"), _("Learners active"),
		_("Lessons completed"), _("Took the quiz"), _("Passed"),
		_("Pass rate (%)"), _("Average score (%)") };
	const char *q_h[] = { _("Question"), _("Learners who answered"),
		_("Right the first time"), _("Right the first time (%)"),
		_("Answers"), _("Wrong answer chosen most"), _("Chosen") };
	struct dash_table t[2];
	struct hs_error err;
	char *id = last_segment(path);
	FILE *f;
	int rc = 0;

	memset(t, 0, sizeof t);
	if (province_only(who, out))
		goto done;
	if (id == NULL) {
		rc = refuse(out, 404, _("Which module?"));
		goto done;
	}
	set_cols(&t[0], "schools", _("Pass rate per school"), 7, sch_h, sch_t);
	set_cols(&t[1], "questions", _("The hardest questions"), 7, q_h, q_t);
	hs_error_clear(&err);
	if ((rc = dash_table_fill(s, &t[0], ROLLUP_MODULE_SCHOOLS, id, NULL,
	    &err)) != 0 ||
	    (rc = dash_table_fill(s, &t[1], ROLLUP_QUESTIONS, id, NULL,
	    &err)) != 0)
		goto done;
	if (t[0].n == 0 && t[1].n == 0) {
		rc = refuse(out, 404, _("No school has any activity in that "
		    "module."));
		goto done;
	}
	if ((rc = question_words(s, id, &t[1], &err)) != 0)
		goto done;
	if (download(t, 2, query, out, &rc, &err))
		goto done;
	f = page_open(out);
	snprintf(out->title, sizeof out->title, "%s %s", _("Module"), id);
	dash_table_html(f, &t[0]);
	fputs("<h2>", f);
	dash_html(f, _("The hardest questions"));
	fputs("</h2>\n<p>", f);
	dash_html(f, _("The questions the fewest learners got right the first "
	    "time, with the wrong answer chosen most: what the module's "
	    "authors may look at first."));
	fputs("</p>\n", f);
	dash_table_html(f, &t[1]);
	rc = page_close(f, out, 0);
done:
	dash_table_free(&t[0]);
	dash_table_free(&t[1]);
	free(id);
	return rc;
}

/* The help-request counts, summed per situation over the schools and
 * weeks (srvstore_help_counts gives them per school, week, situation). */
struct help_sums {
	struct {
		char situation[64];
		long long requests, in_time;
	} row[32];
	int n;
};

static int
help_fn(const struct srvstore_help_row *r, void *ctx)
{
	struct help_sums *h = ctx;
	int i;

	for (i = 0; i < h->n; i++)
		if (strcmp(h->row[i].situation, r->situation) == 0)
			break;
	if (i == h->n) {
		if (h->n == (int)(sizeof h->row / sizeof h->row[0]))
			return 0;	/* more situations than content has */
		snprintf(h->row[i].situation, sizeof h->row[i].situation,
		    "%s", r->situation);
		h->n++;
	}
	h->row[i].requests += r->requests;
	h->row[i].in_time += r->in_time;
	return 0;
}

/* Fills t from h: situation, requests, handled in time. */
static void
help_table(struct dash_table *t, const struct help_sums *h)
{
	char num[2][32];
	int i;

	t->cell = xcalloc((size_t)(h->n > 0 ? h->n : 1) * 3,
	    sizeof *t->cell);
	for (i = 0; i < h->n; i++) {
		snprintf(num[0], sizeof num[0], "%lld", h->row[i].requests);
		snprintf(num[1], sizeof num[1], "%lld", h->row[i].in_time);
		t->cell[i * 3] = xstrdup(h->row[i].situation);
		t->cell[i * 3 + 1] = xstrdup(num[0]);
		t->cell[i * 3 + 2] = xstrdup(num[1]);
	}
	t->n = h->n;
}

/* The alerts' table, and the devices that received and read each
 * (ROLLUP_ALERTS' rows). */
struct alert_rows {
	struct dash_table *t;
	const struct dash_table *counts;
};

#define ALERT_COLS 6

static int
alert_fn(long long number, const char *text, size_t len, const char *sig,
    void *ctx)
{
	struct alert_rows *r = ctx;
	struct dash_table *t = r->t;
	struct alert a;
	struct hs_error err;
	char num[32];
	const char *cell[ALERT_COLS];
	int i, j;

	(void)sig;
	if (alert_parse(text, len, "alert", &a, &err) != 0)
		return 0;	/* checked when published: never here */
	snprintf(num, sizeof num, "%lld", number);
	cell[0] = num;
	cell[1] = a.id;
	cell[2] = alert_title(&a, "vi");
	cell[3] = a.expires[0] != '\0' ? a.expires : NULL;
	cell[4] = cell[5] = "0";
	for (i = 0; i < r->counts->n; i++)
		if (strcmp(dash_cell(r->counts, i, 0), a.id) == 0) {
			cell[4] = dash_cell(r->counts, i, 1);
			cell[5] = dash_cell(r->counts, i, 2);
		}
	t->cell = xrealloc(t->cell, (size_t)(t->n + 1) * ALERT_COLS *
	    sizeof *t->cell);
	for (j = 0; j < ALERT_COLS; j++)
		t->cell[t->n * ALERT_COLS + j] = cell[j] != NULL ?
		    xstrdup(cell[j]) : NULL;
	t->n++;
	return 0;
}

int
dashpage_safety(struct server *s, const struct account *who,
    const char *path, const char *query, struct dash_out *out)
{
	static const enum dash_type al_t[] = { DASH_INT, DASH_TEXT, DASH_TEXT,
		DASH_TEXT, DASH_INT, DASH_INT };
	static const enum dash_type n_t[] = { DASH_TEXT, DASH_INT, DASH_INT };
	const char *al_h[] = { _("Number"), _("Alert"), _("Title"),
		_("Expires"), _("Devices that received it"),
		_("Devices where it was read") };
	struct dash_table counts;
	struct alert_rows ar = { NULL, &counts };
	static const enum dash_type hr_t[] = { DASH_TEXT, DASH_INT,
		DASH_INT };
	const char *hr_h[] = { _("Situation"), _("Requests"),
		_("Handled in time") };
	struct dash_table t[2];
	struct help_sums *h = xcalloc(1, sizeof *h);
	struct hs_error err;
	FILE *f;
	int rc = 0;

	(void)path;
	memset(t, 0, sizeof t);
	memset(&counts, 0, sizeof counts);
	if (province_only(who, out)) {
		free(h);
		return 0;
	}
	set_cols(&t[0], "alerts", _("Safety alerts sent to every device"),
	    ALERT_COLS, al_h, al_t);
	set_cols(&counts, "", "", 3, al_h, n_t);
	ar.t = &t[0];
	set_cols(&t[1], "help-requests", _("Children's requests for help, "
	    "per situation (counts only)"), 3, hr_h, hr_t);
	hs_error_clear(&err);
	if ((rc = dash_table_fill(s, &counts, ROLLUP_ALERTS, NULL, NULL,
	    &err)) != 0 ||
	    (rc = srvstore_alert_each(server_store(s), 0, alert_fn, &ar,
	    &err)) != 0 || (rc = srvstore_help_counts(server_store(s), NULL,
	    help_fn, h, &err)) != 0)
		goto done;
	help_table(&t[1], h);
	if (download(t, 2, query, out, &rc, &err))
		goto done;
	f = page_open(out);
	snprintf(out->title, sizeof out->title, "%s", _("Safety"));
	dash_table_html(f, &t[0]);
	fputs("<p>", f);
	dash_html(f, _("Every enrolled device receives every alert at its "
	    "next sync. In its next bundle, a device tells the province that "
	    "it received an alert, and that a learner there read it (never "
	    "which learner): devices not yet updated tell neither."));
	fputs("</p>\n", f);
	dash_table_html(f, &t[1]);
	fputs("<p>", f);
	dash_html(f, _("Each school sends only how many children asked for "
	    "help in each situation, each week, and how many were handled "
	    "within the time their urgency asks: never a word of a request, "
	    "never a learner (docs/help.md)."));
	fputs("</p>\n", f);
	rc = page_close(f, out, 0);
done:
	dash_table_free(&t[0]);
	dash_table_free(&t[1]);
	dash_table_free(&counts);
	free(h);
	return rc;
}

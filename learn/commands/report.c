/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report.c: hocso report [--class C] [--format text|csv], the class
 * progress of learn/model/report.c printed as a grid (text) or as rows a
 * spreadsheet opens with Vietnamese intact (csv: UTF-8 with a byte-order
 * mark, RFC 4180 quoting; headings in the language in force, times local
 * in ISO 8601 with the offset).
 */
#include "config.h"

#include <getopt.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"
#include "learn/commands/common.h"
#include "learn/commands/table.h"
#include "learn/model/report.h"

#define NAME_COLS 22

static void
print_csv(const struct report *r, const struct catalog *c, const char *lang)
{
	/* TRANSLATORS: the column headings of hocso report --format csv,
	 * as a spreadsheet shows them. */
	const char *const head[] = { _("class"), _("learner"), _("module"),
	    _("module_title"), _("status"), _("lessons_done"), _("lessons"),
	    _("attempts"), _("best_score"), _("last_score"),
	    _("last_activity") };
	char n[5][32], when[40];
	size_t i;
	int l, m;

	fputs("\xef\xbb\xbf", stdout);	/* for spreadsheets: UTF-8 */
	for (i = 0; i < sizeof head / sizeof *head; i++)
		text_csv_field(stdout, head[i],
		    i + 1 == sizeof head / sizeof *head);
	for (l = 0; l < r->nlearners; l++)
		for (m = 0; m < r->nmodules; m++) {
			const struct report_cell *cell = &r->learners[l].cells[m];

			snprintf(n[0], sizeof n[0], "%d", cell->lessons_done);
			snprintf(n[1], sizeof n[1], "%d", c->modules[m].nlessons);
			snprintf(n[2], sizeof n[2], "%d", cell->attempts);
			if (cell->best >= 0)
				snprintf(n[3], sizeof n[3], "%d",
				    (int)(cell->best * 100 + 0.5));
			else
				n[3][0] = '\0';
			if (cell->last >= 0)
				snprintf(n[4], sizeof n[4], "%d",
				    (int)(cell->last * 100 + 0.5));
			else
				n[4][0] = '\0';
			text_csv_field(stdout, r->learners[l].class_name, 0);
			text_csv_field(stdout, r->learners[l].name, 0);
			text_csv_field(stdout, c->modules[m].id, 0);
			text_csv_field(stdout, module_title(&c->modules[m], lang), 0);
			text_csv_field(stdout, report_status_name(cell->status), 0);
			text_csv_field(stdout, n[0], 0);
			text_csv_field(stdout, n[1], 0);
			text_csv_field(stdout, n[2], 0);
			text_csv_field(stdout, n[3], 0);
			text_csv_field(stdout, n[4], 0);
			text_csv_field(stdout, clock_local_iso(
			    cell->last_activity, when, sizeof when), 1);
		}
}

/* s padded with spaces to cols display columns. */
static void
print_padded(const char *s, int cols)
{
	size_t n = strlen(s);
	int used = 0;

	n = text_fit(s, n, cols, &used);
	fwrite(s, 1, n, stdout);
	printf("%*s", cols - used, "");
}

static void
print_text(const struct report *r, const struct catalog *c, const char *lang,
    const char *class_name)
{
	int unicode = !strcmp(nl_langinfo(CODESET), "UTF-8");
	int l, m, st;

	if (class_name != NULL)
		printf(P_("Class %s: %d learner\n", "Class %s: %d learners\n",
		    r->nlearners), class_name, r->nlearners);
	else
		printf(P_("Every class: %d learner\n", "Every class: %d "
		    "learners\n", r->nlearners), r->nlearners);
	printf("\n");
	for (m = 0; m < r->nmodules; m++)
		printf("%3d  %s\n", m + 1, module_title(&c->modules[m], lang));
	printf("\n");
	print_padded(_("learner"), NAME_COLS);
	for (m = 0; m < r->nmodules; m++)
		printf(" %3d", m + 1);
	putchar('\n');
	for (l = 0; l < r->nlearners; l++) {
		char who[256];

		if (class_name != NULL)
			snprintf(who, sizeof who, "%s", r->learners[l].name);
		else
			snprintf(who, sizeof who, "%s %s",
			    r->learners[l].class_name, r->learners[l].name);
		print_padded(who, NAME_COLS);
		for (m = 0; m < r->nmodules; m++)
			printf("   %s", report_status_symbol(
			    r->learners[l].cells[m].status, unicode));
		putchar('\n');
	}
	for (st = REPORT_PASSED; st <= REPORT_NEEDS_HELP; st++) {
		print_padded(report_status_name(st), NAME_COLS);
		for (m = 0; m < r->nmodules; m++)
			printf(" %3d", r->totals[m][st]);
		putchar('\n');
	}
	printf("\n%s %s  %s %s  %s %s  %s %s\n",
	    report_status_symbol(REPORT_NOT_STARTED, unicode),
	    report_status_name(REPORT_NOT_STARTED),
	    report_status_symbol(REPORT_IN_PROGRESS, unicode),
	    report_status_name(REPORT_IN_PROGRESS),
	    report_status_symbol(REPORT_PASSED, unicode),
	    report_status_name(REPORT_PASSED),
	    report_status_symbol(REPORT_NEEDS_HELP, unicode),
	    report_status_name(REPORT_NEEDS_HELP));
}

int
report_command(const char *datadir, const char *lang, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "class", required_argument, NULL, 'c' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	const char *class_name = NULL, *format = "text";
	struct catalog c;
	struct report r;
	struct store *s;
	struct hs_error err;

	int opt, rc = 0;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "+c:f:", opts, NULL)) != -1) {
		if (opt == 'c')
			class_name = optarg;
		else if (opt == 'f')
			format = optarg;
		else
			goto usage;
	}
	if (optind != argc || (strcmp(format, "text") && strcmp(format, "csv")))
		goto usage;
	if ((s = commands_open_store(datadir)) == NULL)
		return 1;
	if ((rc = catalog_load(datadir, &c, &err)) != 0) {
		store_close(s);
		goto fail;
	}
	rc = report_load(s, &c, class_name, &r, &err);
	if (rc == 0 && class_name != NULL && r.nlearners == 0)
		rc = hs_error_set(&err, HS_ENOTFOUND, _("there is no class "
		    "named %s, or it has no learners"), class_name);
	if (rc == 0) {
		if (!strcmp(format, "csv"))
			print_csv(&r, &c, lang);
		else
			print_text(&r, &c, lang, class_name);
		report_free(&r);
	}
	catalog_free(&c);
	store_close(s);
	if (rc != 0)
		goto fail;
	return fflush(stdout) == 0 ? 0 : 1;
fail:
	return commands_say_error(&err);
usage:
	return commands_usage_error("hocso report [--class C] [--format text|csv]");
}

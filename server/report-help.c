/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report-help.c: the province's view of children's requests for help,
 * counts only (hocso-server report's last section, and its format
 * help-csv): per school, ISO week and situation, how many children asked
 * and how many requests were handled within the time their urgency
 * gives.  Read from the store's help_counts (srvstore.h); there is no
 * request's word or learner on the server to show.  Kept apart from
 * report.c, the learners' progress report.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "core/text.h"
#include "server/report.h"
#include "server/srvstore.h"

struct help_out {
	FILE *out;
	int csv;
	int rows;
};

static int
help_row(const struct srvstore_help_row *r, void *ctx)
{
	struct help_out *h = ctx;
	char num[2][24];

	h->rows++;
	snprintf(num[0], sizeof num[0], "%lld", r->requests);
	snprintf(num[1], sizeof num[1], "%lld", r->in_time);
	if (h->csv) {
		text_csv_field(h->out, r->school, 0);
		text_csv_field(h->out, r->week, 0);
		text_csv_field(h->out, r->situation, 0);
		text_csv_field(h->out, num[0], 0);
		text_csv_field(h->out, num[1], 1);
	} else {
		if (h->rows == 1)
			/* TRANSLATORS: columns; keep each to its width. */
			fprintf(h->out, "%s\n", _("School      Week      "
			    "Situation   Requests  Handled in time"));
		fprintf(h->out, "%-11s %-9s %-11s %8s  %15s\n", r->school,
		    r->week, r->situation, num[0], num[1]);
	}
	return 0;
}

int
server_report_help(struct server *s, const char *school, int csv, FILE *out,
    struct hs_error *err)
{
	struct help_out h = { out, csv, 0 };
	int rc;

	if (csv) {
		fputs("\xef\xbb\xbf", out);	/* a BOM, as the report's */
		text_csv_field(out, "school", 0);
		text_csv_field(out, "week", 0);
		text_csv_field(out, "situation", 0);
		text_csv_field(out, "requests", 0);
		text_csv_field(out, "handled_in_time", 1);
	} else
		fprintf(out, "\n%s\n", _("Children's requests for help (counts "
		    "only: no words, no names)"));
	if ((rc = srvstore_help_counts(server_store(s), school, help_row, &h,
	    err)) != 0)
		return rc;
	if (!csv && h.rows == 0)
		fprintf(out, "%s\n", _("none counted"));
	if (fflush(out) != 0 || ferror(out))
		return hs_error_set(err, HS_EIO, _("cannot write the report"));
	return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report-period.c: the report of a period (report --since/--until), read
 * from the weekly rollups (server/rollup.h, ROLLUP_WEEKS), never from
 * the events.  The rollups count by ISO week of when the learner did it
 * (the statement's time), so a period is answered in whole weeks: the
 * week of its first day to the week of its last, said at the top; a
 * figure for part of a week would need the events, which this report
 * never reads.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "core/util.h"
#include "server/report.h"
#include "server/rollup.h"
#include "server/srvstore.h"

struct period_walk {
	const char *last;		/* the last week, included */
	FILE *out;
	int csv, rows;
	long long lessons, attempts, passes;
};

/* The ISO week (as rollup_week() names it) of the local day of ms. */
static void
period_week(long long ms, char *buf, size_t len)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;
	char day[16];

	localtime_r(&t, &tm);
	strftime(day, sizeof day, "%Y-%m-%d", &tm);
	rollup_week(day, buf, len);
}

static int
period_row(int ncol, const char *const *cell, void *ctx)
{
	struct period_walk *w = ctx;
	int i;

	if (ncol < 5 || cell[0] == NULL || strcmp(cell[0], w->last) > 0)
		return 0;
	for (i = 1; i < 5; i++)
		if (cell[i] == NULL)
			return 0;
	w->rows++;
	w->lessons += atoll(cell[2]);
	w->attempts += atoll(cell[3]);
	w->passes += atoll(cell[4]);
	fprintf(w->out, w->csv ? "%s,%s,%s,%s,%s\r\n" :
	    "%-8s  %8s  %7s  %8s  %6s\n", cell[0], cell[1], cell[2], cell[3],
	    cell[4]);
	return 0;
}

int
server_report_period(struct server *s, const char *school, long long since,
    long long until, int csv, FILE *out, struct hs_error *err)
{
	struct period_walk w;
	char first[16], last[16];
	int rc;

	period_week(since, first, sizeof first);
	period_week(until - 1, last, sizeof last);
	memset(&w, 0, sizeof w);
	w.last = last;
	w.out = out;
	w.csv = csv;
	if (csv)
		fputs("week,learners,lessons,attempts,passes\r\n", out);
	else {
		fprintf(out, _("Weeks %s to %s%s%s (whole ISO weeks, by when the "
		    "learners did it)\n"), first, last, school != NULL ? ", " :
		    "", school != NULL ? school : "");
		/* TRANSLATORS: the columns of report --since/--until; each
		 * one as wide as its figures' column (8, 8, 7, 8, 6). */
		fprintf(out, "%s\n", _("WEEK      LEARNERS  LESSONS  ATTEMPTS  "
		    "PASSES"));
	}
	if ((rc = rollup_view(server_store(s), ROLLUP_WEEKS, school, first,
	    period_row, &w, err)) != 0)
		return rc;
	if (!csv && w.rows == 0)
		fprintf(out, "%s\n", _("No learner activity in these weeks."));
	else if (!csv)
		fprintf(out, "%-8s  %8s  %7lld  %8lld  %6lld\n", _("total"), "-",
		    w.lessons, w.attempts, w.passes);
	return 0;
}

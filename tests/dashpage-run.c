/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * dashpage-run.c: calls one dashboard page function (server/dashpages.h)
 * on a server's data folder, as the shell would, and prints what it
 * gives: the status on stderr ("status 200 text/html" or the download's
 * type and name), the body on stdout.  For tests/rollups.sh and
 * tests/bench/report.
 *
 *   dashpage-run DIR province|school:CODE PAGE PATH [QUERY]
 *
 * PAGE is overview, school, module or safety, or report: hocso-server
 * report's text (server/report.h), for its time.  HOCSO_TEST_NOW sets the
 * clock (core/clock.h); DASHPAGE_TIMES=N runs it N times and prints the
 * best time (in this process: no start-up, no other process's load).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/error.h"
#include "core/locale.h"
#include "server/dashpages.h"
#include "server/report.h"
#include "server/server.h"

int
main(int argc, char **argv)
{
	static const struct {
		const char *name;
		dashboard_page_fn fn;
	} pages[] = {
		{ "overview", dashpage_overview },
		{ "school", dashpage_school },
		{ "module", dashpage_module },
		{ "safety", dashpage_safety },
	};
	struct account who;
	struct dash_out out;
	struct server *s;
	struct hs_error err;
	struct timespec t0, t1;
	size_t i;
	int rc, times = 1, k, report;

	if (argc < 5) {
		fputs("usage: dashpage-run DIR province|school:CODE PAGE PATH "
		    "[QUERY]\n", stderr);
		return 2;
	}
	locale_setup(0, NULL);
	memset(&who, 0, sizeof who);
	if (strcmp(argv[2], "province") == 0)
		who.role = ACCOUNT_PROVINCE;
	else if (strncmp(argv[2], "school:", 7) == 0) {
		who.role = ACCOUNT_SCHOOL;
		snprintf(who.school, sizeof who.school, "%s", argv[2] + 7);
	}
	snprintf(who.name, sizeof who.name, "test");
	for (i = 0; i < sizeof pages / sizeof *pages; i++)
		if (strcmp(pages[i].name, argv[3]) == 0)
			break;
	report = strcmp(argv[3], "report") == 0;
	if (i == sizeof pages / sizeof *pages && !report) {
		fprintf(stderr, "no page %s\n", argv[3]);
		return 2;
	}
	if (getenv("DASHPAGE_TIMES") != NULL)
		times = atoi(getenv("DASHPAGE_TIMES"));
	if (server_open(argv[1], &s, &err) != 0) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	/* With DASHPAGE_TIMES=N: the page N times, the best time printed. */
	double best = -1, ms;

	for (k = 0; k < times; k++) {
		clock_gettime(CLOCK_MONOTONIC, &t0);
		if (report) {
			FILE *f = fopen("/dev/null", "w");

			memset(&out, 0, sizeof out);
			out.status = 200;
			rc = f != NULL ? server_report(s, NULL,
			    SERVER_REPORT_TEXT, f, &err) : 1;
			if (f != NULL)
				fclose(f);
		} else
			rc = pages[i].fn(s, &who, argv[4], argc > 5 ?
			    argv[5] : NULL, &out);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		ms = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) /
		    1e6;
		if (best < 0 || ms < best)
			best = ms;
		if (rc != 0) {
			fprintf(stderr, "page failed: %d\n", rc);
			server_close(s);
			return 1;
		}
		if (k + 1 < times)
			dash_out_free(&out);
	}
	if (times > 1)
		fprintf(stderr, "best of %d: %.1f ms\n", times, best);
	fprintf(stderr, "status %d %s %s\n", out.status, out.type[0] !=
	    '\0' ? out.type : "text/html", out.filename);
	if (out.len > 0 && fwrite(out.data, 1, out.len, stdout) != out.len)
		rc = 1;
	dash_out_free(&out);
	server_close(s);
	return rc;
}

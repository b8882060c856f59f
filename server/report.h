/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report.h: the province's progress report (hocso-server report): per
 * school, class and module, the learners active, lessons completed,
 * quizzes passed and the average quiz score; per school, its devices,
 * events and last bundle.  Read from the store (server/srvstore.h);
 * classes are the ones the devices named in their bundles' manifests,
 * "-" for a learner whose class is not known.
 *
 * Named server_report*, not report_*: the device's report (learn/model/report.h)
 * owns that prefix in the same programs.
 */
#ifndef HOCSO_SERVER_REPORT_H
#define HOCSO_SERVER_REPORT_H

#include <stdio.h>

#include "core/error.h"
#include "server/server.h"

enum server_report_format {
	SERVER_REPORT_TEXT,	/* aligned columns, for a terminal */
	SERVER_REPORT_CSV,	/* UTF-8 with a BOM, RFC 4180 */
};

/* Writes the report of school (NULL: every school) to out.  Returns 0
 * or a negative code with err filled. */
int server_report(struct server *s, const char *school,
    enum server_report_format format, FILE *out, struct hs_error *err);

/* The counts of children's requests for help of school (NULL: every
 * school), per week and situation: a section of the text report, or CSV
 * when csv (report-help.c).  Returns 0 or a negative code. */
int server_report_help(struct server *s, const char *school, int csv,
    FILE *out, struct hs_error *err);

/* The report by commune (report-commune.c): per commune of the school
 * registry ("-": none), its schools, devices and events, and per
 * module the sums of the report's figures; only commune when it is not
 * NULL (HS_ENOTFOUND when no school is in it).  Returns 0 or a negative
 * code with err filled. */
int server_report_communes(struct server *s, const char *commune,
    enum server_report_format format, FILE *out, struct hs_error *err);
/* The report of the period [since, until) (Unix milliseconds) for
 * school (NULL: every school), from the weekly rollups: per ISO week
 * from the week of since's local day to the week of the last local day
 * before until, the learners active, lessons completed, quiz attempts
 * and passes; a total line in text; CSV when csv (report-period.c).
 * Returns 0 or a negative code with err filled. */
int server_report_period(struct server *s, const char *school,
    long long since, long long until, int csv, FILE *out,
    struct hs_error *err);

#endif

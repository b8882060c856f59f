/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * localise.h: the province's reports as people there read them: times in
 * the province's local time (the server's time zone, TZ), ISO 8601 with
 * the offset, and CSV for a spreadsheet set to Vietnamese.
 */
#ifndef HOCSO_SERVER_LOCALISE_H
#define HOCSO_SERVER_LOCALISE_H

#include <stddef.h>
#include <stdio.h>

/* The stored UTC time iso ("2026-11-29T05:01:53.172Z") in local time,
 * to the minute, with its offset ("2026-11-29T12:01+07:00"), into buf;
 * iso itself when it is no such time ("" stays ""). Returns buf. */
char *localise_time(const char *iso, char *buf, size_t len);

/* Copies the CSV text in (len bytes, RFC 4180 with ',', a UTF-8 BOM or
 * not) to out as a spreadsheet set to Vietnamese reads it: ';' between
 * fields, a decimal comma in numbers ("74.5" becomes "74,5"), a UTF-8
 * BOM, CRLF.  Returns 0, or -1 when out cannot be written. */
int localise_csv_vi(const char *in, size_t len, FILE *out);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * localise.h: the province's reports as people there read them: CSV for
 * a spreadsheet set to Vietnamese.  Times in the province's local time
 * (the server's time zone, TZ) are clock_local_iso's (core/clock.h).
 */
#ifndef HOCSO_SERVER_LOCALISE_H
#define HOCSO_SERVER_LOCALISE_H

#include <stddef.h>
#include <stdio.h>

/* Copies the CSV text in (len bytes, RFC 4180 with ',', a UTF-8 BOM or
 * not) to out as a spreadsheet set to Vietnamese reads it: ';' between
 * fields, a decimal comma in numbers ("74.5" becomes "74,5"), a UTF-8
 * BOM, CRLF.  Returns 0, or -1 when out cannot be written. */
int localise_csv_vi(const char *in, size_t len, FILE *out);

#endif

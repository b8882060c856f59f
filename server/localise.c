/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * localise.c: CSV for a Vietnamese spreadsheet (times in local time are
 * core/clock.h's clock_local_iso).  See localise.h.
 *
 * The CSV is converted after it is written (report.c writes RFC 4180
 * with ','), so that one writer serves both: fields are read back with
 * their quotes, a field that is a plain decimal number gets a comma for
 * its point, and each is written again with ';' and quoted when it
 * holds ';', '"' or a line end.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "server/localise.h"

/* Whether f (n bytes) is a plain decimal number: digits, one '.',
 * digits, an optional '-' first. */
static int
decimal(const char *f, size_t n)
{
	size_t i = 0, dot = 0, digits = 0;

	if (n > 0 && f[0] == '-')
		i++;
	for (; i < n; i++) {
		if (f[i] == '.')
			dot++;
		else if (f[i] >= '0' && f[i] <= '9')
			digits++;
		else
			return 0;
	}
	return dot == 1 && digits >= 2 && f[n - 1] != '.' &&
	    f[f[0] == '-' ? 1 : 0] != '.';
}

static void
put_field(FILE *out, const char *f, size_t n)
{
	size_t i;

	if (decimal(f, n)) {
		for (i = 0; i < n; i++)
			fputc(f[i] == '.' ? ',' : f[i], out);
		return;
	}
	if (memchr(f, ';', n) == NULL && memchr(f, '"', n) == NULL &&
	    memchr(f, '\n', n) == NULL && memchr(f, '\r', n) == NULL) {
		fwrite(f, 1, n, out);
		return;
	}
	fputc('"', out);
	for (i = 0; i < n; i++) {
		if (f[i] == '"')
			fputc('"', out);
		fputc(f[i], out);
	}
	fputc('"', out);
}

int
localise_csv_vi(const char *in, size_t len, FILE *out)
{
	const char *p = in, *end = in + len;
	char *field = xmalloc(len + 1);
	size_t n;
	int quoted, first = 1;

	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	fputs("\xef\xbb\xbf", out);
	while (p < end) {
		/* One field. */
		n = 0;
		quoted = *p == '"';
		if (quoted) {
			for (p++; p < end; p++) {
				if (*p == '"' && p + 1 < end && p[1] == '"')
					field[n++] = *p++;
				else if (*p == '"') {
					p++;
					break;
				} else
					field[n++] = *p;
			}
		} else
			while (p < end && *p != ',' && *p != '\r' && *p != '\n')
				field[n++] = *p++;
		if (!first)
			fputc(';', out);
		put_field(out, field, n);
		first = 0;
		if (p < end && *p == ',')
			p++;
		else {
			/* The end of a record. */
			if (p < end && *p == '\r')
				p++;
			if (p < end && *p == '\n')
				p++;
			fputs("\r\n", out);
			first = 1;
		}
	}
	free(field);
	return fflush(out) != 0 || ferror(out) ? -1 : 0;
}

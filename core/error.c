/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * error.c: filling and formatting struct hs_error.  See error.h.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/error.h"

void
hs_error_clear(struct hs_error *err)
{
	if (err != NULL)
		memset(err, 0, sizeof *err);
}

static int error_vset(struct hs_error *, int, const char *, int, int,
    const char *, va_list) __attribute__((format(printf, 6, 0)));

static int
error_vset(struct hs_error *err, int code, const char *file, int line,
    int column, const char *fmt, va_list ap)
{
	if (err == NULL)
		return code;
	err->code = code;
	snprintf(err->file, sizeof err->file, "%s", file != NULL ? file : "");
	err->line = line;
	err->column = column;
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	return code;
}

int
hs_error_set(struct hs_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	error_vset(err, code, NULL, 0, 0, fmt, ap);
	va_end(ap);
	return code;
}

int
hs_error_set_at(struct hs_error *err, int code, const char *file, int line,
    int column, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	error_vset(err, code, file, line, column, fmt, ap);
	va_end(ap);
	return code;
}

const char *
hs_error_format(const struct hs_error *err, char *buf, int len)
{
	if (err->file[0] == '\0')
		snprintf(buf, len, "%s", err->msg);
	else if (err->line == 0)
		snprintf(buf, len, "%s: %s", err->file, err->msg);
	else if (err->column == 0)
		snprintf(buf, len, "%s:%d: %s", err->file, err->line, err->msg);
	else
		snprintf(buf, len, "%s:%d:%d: %s", err->file, err->line,
		    err->column, err->msg);
	return buf;
}

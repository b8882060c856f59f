/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * error.h: errors as values.
 *
 * A function that can fail returns 0 or a negative HS_E* code and fills a
 * caller-supplied struct hs_error with a one-line message and, where the
 * failure is in a file the user wrote, the file, line and column.  Nothing
 * here prints or exits; main() decides how to show the message.
 */
#ifndef HOCSO_ERROR_H
#define HOCSO_ERROR_H

enum {
	HS_OK = 0,
	HS_EINVAL = -1,		/* bad input from a user or a file */
	HS_ENOMEM = -2,		/* out of memory */
	HS_EIO = -3,		/* the file system said no */
	HS_ESTORE = -4,		/* the SQLite store said no */
	HS_ENOTFOUND = -5,	/* no such module, learner, question... */
};

struct hs_error {
	int code;
	char file[256];		/* empty when the error is not about a file */
	int line;		/* 0 when unknown */
	int column;		/* 0 when unknown */
	char msg[512];
};

/* Clears err (it may be NULL). */
void hs_error_clear(struct hs_error *err);

/* Sets err's code and message (printf-style) and returns code.  err may
 * be NULL, in which case only code is returned. */
int hs_error_set(struct hs_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* As hs_error_set(), and also records where in which file. */
int hs_error_set_at(struct hs_error *err, int code, const char *file,
    int line, int column, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* Writes "file:line:column: message" (the parts that are known) into buf
 * of size len and returns buf. */
const char *hs_error_format(const struct hs_error *err, char *buf, int len);

#endif

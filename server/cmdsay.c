/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmdsay.c: what every hocso-server command says when it fails: the
 * error in one line (noted for the audit log), or a mistake on the
 * command line.  See cmdsay.h.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include "core/i18n.h"
#include "server/audit.h"
#include "server/cmdsay.h"

#define PROG "hocso-server"

int
cmdsay_fail(const struct hs_error *err)
{
	char buf[1024];

	hs_error_format(err, buf, sizeof buf);
	audit_note_error(buf);
	fprintf(stderr, "%s: %s\n", PROG, buf);
	return 1;
}

int
cmdsay_usage(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", PROG);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, _(" (see %s --help)\n"), PROG);
	return 2;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmdsay.h: what every hocso-server command says when it fails, for
 * main.c, cmd-admin.c and cmd-user.c.
 */
#ifndef HOCSO_SERVER_CMDSAY_H
#define HOCSO_SERVER_CMDSAY_H

#include "core/error.h"

/* Says err on standard error in one line ("hocso-server: ..."), notes it
 * for the audit log (audit_note_error) and returns 1. */
int cmdsay_fail(const struct hs_error *err);

/* Says what is wrong with the command line, with a pointer to --help;
 * returns 2. */
int cmdsay_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * audit.h: the audit log of a province admin's actions (who did what to
 * which object, with what result), kept in the store (schema step 7)
 * and listed by `hocso-server audit`.  hocso-server's commands write it
 * in the same transaction as their action (srvstore_audit_arm(), armed
 * by main.c); other writers, the dashboard say, call audit_record().
 */
#ifndef HOCSO_AUDIT_H
#define HOCSO_AUDIT_H

#include <stddef.h>

#include "core/error.h"

struct srvstore;

/* Who runs this process, into buf: the Unix user ("hocso"), and the
 * user sudo came from when there is one ("hocso (sudo: an)"). */
void audit_whoami(char *buf, size_t len);

/* Records an action: who (a Unix user, or a dashboard account as
 * "dashboard:NAME"), action ("device revoke"), object (what it acted
 * on), result ("ok", or why it failed).  With alone 0 the row joins the
 * transaction the caller has open, so that it commits or rolls back
 * with the action; with alone 1 it is a transaction of its own.
 * Returns 0 or a store code. */
int audit_record(struct srvstore *st, const char *who, const char *action,
    const char *object, const char *result, int alone,
    struct hs_error *err);

/* The one-line error a command said last (its fail()), for the audit
 * row of a failed action: note keeps a copy, last gives it ("" when
 * none). */
void audit_note_error(const char *msg);
const char *audit_last_error(void);

#endif

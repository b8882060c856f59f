/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * audit.c: who runs an admin command, and the audit log's rows (see
 * audit.h).  The SQL is srvstore-admin.c's; this file never opens a
 * transaction but for a row recorded alone.
 */
#include "config.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "server/audit.h"
#include "server/srvstore.h"
#include "server/srvstore-admin.h"

void
audit_whoami(char *buf, size_t len)
{
	struct passwd *pw = getpwuid(geteuid());
	const char *sudo = getenv("SUDO_USER");
	char uid[32];

	snprintf(uid, sizeof uid, "uid %lu", (unsigned long)geteuid());
	if (sudo != NULL && *sudo != '\0')
		snprintf(buf, len, "%s (sudo: %s)", pw != NULL ? pw->pw_name :
		    uid, sudo);
	else
		snprintf(buf, len, "%s", pw != NULL ? pw->pw_name : uid);
}

int
audit_record(struct srvstore *st, const char *who, const char *action,
    const char *object, const char *result, int alone,
    struct hs_error *err)
{
	int rc;

	if (!alone)
		return srvstore_action_add(st, who, action, object, result,
		    err);
	if ((rc = srvstore_begin(st, err)) != 0)
		return rc;
	if ((rc = srvstore_action_add(st, who, action, object, result,
	    err)) == 0 && (rc = srvstore_commit(st, err)) == 0)
		return 0;
	srvstore_rollback(st);
	return rc;
}

static char audit_error[1024];

void
audit_note_error(const char *msg)
{
	snprintf(audit_error, sizeof audit_error, "%s", msg);
}

const char *
audit_last_error(void)
{
	return audit_error;
}

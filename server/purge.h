/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * purge.h: erasing children's data on the province server: a school's,
 * a learner's, or what is older than the retention (hocso-server purge,
 * retention; docs/privacy.md).
 */
#ifndef HOCSO_PURGE_H
#define HOCSO_PURGE_H

#include "core/error.h"
#include "server/srvstore.h"

struct server;

/* Settings keys (the server's meta table): the retention in days ("0":
 * off), when a purge last erased events (from then on an event a device
 * sends again that the server no longer holds is taken as erased), when
 * the retention was last applied, and the LRS forwarder's position
 * (server/forward.h's FORWARD_POSITION). */
#define PURGE_RETENTION "retention.days"
#define PURGE_LAST "purge.last"
#define PURGE_EXPIRED_AT "retention.applied"
#define PURGE_FORWARDED_KEY "lrs.forwarded"

/* The retention in days, 0 when off; set it (0: off). */
int purge_retention_get(struct server *s, int *days, struct hs_error *err);
int purge_retention_set(struct server *s, int days, struct hs_error *err);

/* What to erase: a school's (code), a learner's (UUID), or both; before
 * a day (YYYY-MM-DD, UTC) or not; expired 1: all that the retention
 * has passed, and the sign-in audit rows as old. */
struct purge_request {
	const char *school, *learner, *before;
	int expired;
};

/* Erases (apply 1) or only counts (apply 0: nothing changes) what q
 * picks, in one transaction; *out counts it.  Returns 0, HS_EINVAL for
 * a bad request, HS_ENOTFOUND for a school not in the registry, or a
 * store code: nothing is changed then. */
int purge_run(struct server *s, const struct purge_request *q, int apply,
    struct srvstore_purged *out, struct hs_error *err);

/* Applies the retention when one is set and it was last applied a day
 * ago or more (serve calls it): *ran is 1 when it did. */
int purge_due(struct server *s, int *ran, struct srvstore_purged *out,
    struct hs_error *err);

#endif

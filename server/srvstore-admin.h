/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * srvstore-admin.h: the store's side of a province admin's tools (schema
 * step 7 of srvstore-sqlite.c): the audit log of admin actions, a
 * module's withdrawal, the bundles kept aside after a 409 and their
 * resolution, and the small counts /v1/metrics reads.  Part of the
 * SQLite store (srvstore.h's rules hold: times are UTC ISO 8601 text,
 * writes happen inside srvstore_begin() and srvstore_commit()).
 */
#ifndef HOCSO_SRVSTORE_ADMIN_H
#define HOCSO_SRVSTORE_ADMIN_H

#include <stddef.h>

#include "core/error.h"

struct srvstore;

/*
 * The audit log.
 */

struct srvstore_action {
	long long id;
	const char *at, *who, *action, *object, *result;
};

/* Adds a row (at: now), in the transaction open if there is one. */
int srvstore_action_add(struct srvstore *st, const char *who,
    const char *action, const char *object, const char *result,
    struct hs_error *err);
/* Arms the store: the next srvstore_commit() adds the row (who, action,
 * object, "ok") before it commits, so that the action and its record
 * are one transaction; a commit that cannot add it fails.  The strings
 * are copied. */
void srvstore_audit_arm(struct srvstore *st, const char *who,
    const char *action, const char *object);
/* Disarms it; returns 1 when a commit wrote the armed row, else 0. */
int srvstore_audit_disarm(struct srvstore *st);

typedef int (*srvstore_action_fn)(const struct srvstore_action *a, void *ctx);
/* Calls fn for the rows at or after since and before until (NULL: no
 * bound), oldest first; limit > 0 keeps only the last limit of them. */
int srvstore_action_each(struct srvstore *st, const char *since,
    const char *until, int limit, srvstore_action_fn fn, void *ctx,
    struct hs_error *err);

/*
 * Modules.
 */

/* Marks withdrawn (at now) the packages of module id, of version (NULL:
 * every version) that are offered; *n gets how many. */
int srvstore_module_withdraw(struct srvstore *st, const char *id,
    const char *version, const char *now, int *n, struct hs_error *err);
/* Offers again the withdrawn package named sha256 (published anew). */
int srvstore_module_offer(struct srvstore *st, const char *sha256,
    struct hs_error *err);

/*
 * Bundles kept aside.
 */

struct srvstore_kept {
	const char *sha256, *device, *reason, *received;
	const char *school;		/* the device's, NULL if unknown */
	const char *resolved, *resolution;	/* NULL while open */
	const void *data;		/* the bundle (get only) */
	size_t len;
};

typedef int (*srvstore_kept_fn)(const struct srvstore_kept *k, void *ctx);
/* Calls fn for each bundle kept aside (all: resolved ones too), oldest
 * first; data is NULL there. */
int srvstore_kept_each(struct srvstore *st, int all, srvstore_kept_fn fn,
    void *ctx, struct hs_error *err);
/* Calls fn with the bundle whose SHA-256 starts with prefix (at least 6
 * hex digits), its bytes too; HS_ENOTFOUND, or HS_EINVAL when more than
 * one does. */
int srvstore_kept_get(struct srvstore *st, const char *prefix,
    srvstore_kept_fn fn, void *ctx, struct hs_error *err);
/* Records the bundle's resolution ("accepted", "dropped") at now. */
int srvstore_kept_resolve(struct srvstore *st, const char *sha256,
    const char *resolution, const char *now, struct hs_error *err);

/*
 * Counts for /v1/metrics: indexed or over small tables, never the
 * events.
 */

struct srvstore_metrics {
	long long bundles, events;	/* stored, in all */
	long long kept;			/* kept aside, not resolved */
	long long quiet7, quiet30;	/* devices with no bundle in 7, 30
					 * days (never: enrolled as long) */
	long long devices;		/* enrolled, not revoked */
	char lrs_oldest[32];		/* when the oldest event after the
					 * forwarder's position came, "" when
					 * none waits */
	long long dead;			/* statements set aside (forward) */
};

/* Fills m; forwarded is the forwarder's position (the id of the last
 * event sent; -1: no forwarder), now_ms the time now. */
int srvstore_metrics_read(struct srvstore *st, long long forwarded,
    long long now_ms, struct srvstore_metrics *m, struct hs_error *err);

#endif

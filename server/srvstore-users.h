/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * srvstore-users.h: the store's part for the dashboard's accounts
 * (server/account.c): users and their password hashes, sessions known
 * by the SHA-256 of their cookie, failed sign-ins counted per account
 * and per address, and the audit log of sign-ins.
 *
 * Same rules as srvstore.h (times are ISO 8601 UTC text with
 * milliseconds; writes between srvstore_begin() and srvstore_commit(),
 * or alone); implemented for SQLite in srvstore-users.c, the only place
 * their SQL lives.
 */
#ifndef HOCSO_SRVSTORE_USERS_H
#define HOCSO_SRVSTORE_USERS_H

#include <stddef.h>

#include "core/error.h"
#include "server/srvstore.h"

struct srvstore_user {
	char name[64];
	int role;			/* ACCOUNT_PROVINCE, ACCOUNT_SCHOOL */
	char school[65];		/* "" for a province account */
	char hash[192];			/* crypto_pwhash_str()'s text */
	char created[32], changed[32];
	char last_signin[32];		/* lists only; "" when never */
	char locked_until[32];		/* lists only; "" when not locked */
};

/* Adds u; HS_EINVAL when the name is taken. */
int srvstore_user_add(struct srvstore *st, const struct srvstore_user *u,
    struct hs_error *err);
/* The user named name, or HS_ENOTFOUND. */
int srvstore_user_get(struct srvstore *st, const char *name,
    struct srvstore_user *u, struct hs_error *err);
/* Sets name's password hash; HS_ENOTFOUND for no such user. */
int srvstore_user_set_hash(struct srvstore *st, const char *name,
    const char *hash, const char *changed, struct hs_error *err);
/* Removes name and its sessions; HS_ENOTFOUND for no such user. */
int srvstore_user_remove(struct srvstore *st, const char *name,
    struct hs_error *err);
/* Calls fn for every user, by name, with last_signin and locked_until
 * (as of now) filled; stops at fn's first non-zero return. */
typedef int (*srvstore_user_fn)(const struct srvstore_user *u, void *ctx);
int srvstore_user_each(struct srvstore *st, const char *now,
    srvstore_user_fn fn, void *ctx, struct hs_error *err);

/* 0 when a school with that code is known (a token was made for it),
 * else HS_ENOTFOUND. */
int srvstore_school_known(struct srvstore *st, const char *code,
    struct hs_error *err);

struct srvstore_session {
	char user[64];
	char csrf[44];			/* ACCOUNT_TOKEN_LEN */
	char created[32], seen[32];
};
int srvstore_session_add(struct srvstore *st, const char *hash,
    const char *user, const char *csrf, const char *now,
    const char *address, struct hs_error *err);
/* The session whose cookie hashes to hash, or HS_ENOTFOUND. */
int srvstore_session_get(struct srvstore *st, const char *hash,
    struct srvstore_session *s, struct hs_error *err);
int srvstore_session_touch(struct srvstore *st, const char *hash,
    const char *now, struct hs_error *err);
int srvstore_session_end(struct srvstore *st, const char *hash,
    struct hs_error *err);
/* Ends every session of user. */
int srvstore_session_end_user(struct srvstore *st, const char *user,
    struct hs_error *err);
/* Drops the sessions last seen before idle or made before created. */
int srvstore_session_expire(struct srvstore *st, const char *idle,
    const char *created, struct hs_error *err);

/* Failed sign-ins of an account (kind "account") or an address
 * ("address") since first; locked_until "" when not locked. */
struct srvstore_failures {
	long long count;
	char first[32];
	char locked_until[32];
};
/* Fills f (zeros when none are counted). */
int srvstore_failures_get(struct srvstore *st, const char *kind,
    const char *key, struct srvstore_failures *f, struct hs_error *err);
int srvstore_failures_put(struct srvstore *st, const char *kind,
    const char *key, const struct srvstore_failures *f,
    struct hs_error *err);
int srvstore_failures_clear(struct srvstore *st, const char *kind,
    const char *key, struct hs_error *err);
/* Drops the counters whose window began before start and that lock
 * nothing at now. */
int srvstore_failures_expire(struct srvstore *st, const char *start,
    const char *now, struct hs_error *err);

/* The audit log: one row per sign-in, failure, lockout, refusal while
 * locked or throttled, sign-out. */
int srvstore_audit_add(struct srvstore *st, const char *at, const char *name,
    const char *address, const char *event, struct hs_error *err);
struct srvstore_audit {
	long long id;
	const char *at, *name, *address, *event;
};
typedef int (*srvstore_audit_fn)(const struct srvstore_audit *a, void *ctx);
/* Calls fn for the last limit rows (of name; NULL: all), oldest first. */
int srvstore_audit_each(struct srvstore *st, const char *name, int limit,
    srvstore_audit_fn fn, void *ctx, struct hs_error *err);

/* For srvstore-users.c: the SQLite store under st. */
struct store *srvstore_sqlite(struct srvstore *st);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * account.h: the dashboard's accounts: users with a role (the province,
 * or one school), their passwords (Argon2id, libsodium's
 * crypto_pwhash_str), sign-in with a lockout per account and a throttle
 * per address, sessions, and the audit log.  hocso-server's `user`
 * commands and the dashboard (server/dashboard.c) both call these.
 *
 * A session is a random 256-bit id given to the browser as a cookie and
 * stored only as its SHA-256; it ends ACCOUNT_IDLE_MS after its last use
 * or ACCOUNT_MAX_MS after sign-in, at sign-out, when the user's password
 * changes or the user is removed.  Each session has its own CSRF token.
 *
 * Nothing here knows HTTP.  Every function takes the store; a lock, where
 * one is taken, is held around the store's calls only, never around the
 * password hashing, which takes tens of milliseconds and 64 MiB.
 */
#ifndef HOCSO_ACCOUNT_H
#define HOCSO_ACCOUNT_H

#include <pthread.h>

#include "core/error.h"
#include "server/dashboard.h"
#include "server/srvstore.h"

#define ACCOUNT_PASSWORD_MIN 8		/* bytes */
#define ACCOUNT_PASSWORD_MAX 256
#define ACCOUNT_LOCK_FAILURES 5		/* failed sign-ins in a row... */
#define ACCOUNT_LOCK_MS (15 * 60000LL)	/* ...lock the account this long */
#define ACCOUNT_ADDRESS_FAILURES 20	/* failed sign-ins from an address
					 * within ACCOUNT_WINDOW_MS... */
#define ACCOUNT_WINDOW_MS (15 * 60000LL)	/* ...throttle it this long */
#define ACCOUNT_IDLE_MS (60 * 60000LL)	/* a session unused this long ends */
#define ACCOUNT_MAX_MS (12 * 3600000LL)	/* no session lasts longer */
#define ACCOUNT_TOKEN_LEN 44		/* a cookie's or CSRF token's text,
					 * with its NUL */

/* Whether name can name an account: 1 to 63 bytes of letters, digits
 * and . _ - @. */
int account_name_valid(const char *name);

/* Adds an account: role ACCOUNT_PROVINCE (school NULL) or ACCOUNT_SCHOOL
 * (school a known school's code).  HS_EINVAL with err filled for a bad
 * name, password, role or school, or a name taken; nothing changed. */
int account_add(struct srvstore *st, const char *name, int role,
    const char *school, const char *password, struct hs_error *err);

/* Sets name's password, lifts its lockout and ends its sessions.
 * HS_ENOTFOUND for no such account. */
int account_passwd(struct srvstore *st, const char *name,
    const char *password, struct hs_error *err);

/* Removes name and ends its sessions.  HS_ENOTFOUND for no such account. */
int account_remove(struct srvstore *st, const char *name,
    struct hs_error *err);

/* What a sign-in ends in. */
enum account_signin {
	ACCOUNT_SIGNED_IN = 0,
	ACCOUNT_WRONG,			/* no such name, or a wrong password */
	ACCOUNT_LOCKED,			/* too many failures for the account */
	ACCOUNT_THROTTLED,		/* too many failures from the address */
};

/* A session just made. */
struct account_session {
	char cookie[ACCOUNT_TOKEN_LEN];	/* the browser's cookie's value */
	char csrf[ACCOUNT_TOKEN_LEN];
	struct account who;
};

/* Signs name in from address with password: on ACCOUNT_SIGNED_IN, out
 * holds a new session; on ACCOUNT_LOCKED or ACCOUNT_THROTTLED,
 * *minutes (may be NULL) is how long the refusal lasts yet.  Every
 * outcome goes into the audit log.  lock (may be NULL) is held around
 * each use of st.  Returns the outcome (>= 0), or a negative code with
 * err filled when the store fails. */
int account_signin(struct srvstore *st, pthread_mutex_t *lock,
    const char *name, const char *password, const char *address,
    struct account_session *out, int *minutes, struct hs_error *err);

/* The account of the live session whose cookie is cookie, and its CSRF
 * token (csrf: ACCOUNT_TOKEN_LEN bytes, may be NULL); the session's last
 * use becomes now.  HS_ENOTFOUND for no session, or one that has ended
 * (it is dropped). */
int account_session(struct srvstore *st, const char *cookie,
    struct account *who, char *csrf, struct hs_error *err);

/* Ends the session whose cookie is cookie (logged as a sign-out of who
 * from address). */
int account_signout(struct srvstore *st, const char *cookie,
    const struct account *who, const char *address, struct hs_error *err);

/* Whether two tokens are the same, in constant time. */
int account_token_equal(const char *a, const char *b);

/* A new random token (256 bits, base64url, ACCOUNT_TOKEN_LEN - 1
 * characters) in buf. */
void account_token_new(char *buf);

#endif

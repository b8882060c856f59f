/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * account.c: the dashboard's accounts, passwords, sign-in, lockout and
 * sessions.  See account.h.  It owns the rules (how many failures lock,
 * for how long, when a session ends); the rows are srvstore-users.c's;
 * it never speaks HTTP and never prints.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "core/clock.h"
#include "core/i18n.h"
#include "core/util.h"
#include "server/account.h"
#include "server/server.h"
#include "server/srvstore-users.h"

/* One password hashing at a time: each takes 64 MiB. */
static pthread_mutex_t account_hashing = PTHREAD_MUTEX_INITIALIZER;

int
account_name_valid(const char *name)
{
	size_t n = strlen(name);

	return n > 0 && n < sizeof ((struct account *)0)->name &&
	    strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789._-@") == n;
}

static int
account_password_check(const char *password, struct hs_error *err)
{
	size_t n = strlen(password);

	if (n < ACCOUNT_PASSWORD_MIN)
		return hs_error_set(err, HS_EINVAL, _("the password is too "
		    "short: at least %d characters"), ACCOUNT_PASSWORD_MIN);
	if (n > ACCOUNT_PASSWORD_MAX)
		return hs_error_set(err, HS_EINVAL, _("the password is too "
		    "long: at most %d characters"), ACCOUNT_PASSWORD_MAX);
	return 0;
}

/* Hashes password into out (crypto_pwhash_STRBYTES). */
static int
account_hash(const char *password, char *out, struct hs_error *err)
{
	int rc;

	if (sodium_init() < 0)
		return hs_error_set(err, HS_EINVAL, _("libsodium cannot be "
		    "started"));
	pthread_mutex_lock(&account_hashing);
	rc = crypto_pwhash_str_alg(out, password, strlen(password),
	    crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13);
	pthread_mutex_unlock(&account_hashing);
	if (rc != 0)
		return hs_error_set(err, HS_ENOMEM, _("not enough memory to "
		    "hash the password"));
	return 0;
}

/* Whether password is the one hashed in hash. */
static int
account_verify(const char *hash, const char *password)
{
	int rc;

	pthread_mutex_lock(&account_hashing);
	rc = crypto_pwhash_str_verify(hash, password, strlen(password));
	pthread_mutex_unlock(&account_hashing);
	return rc == 0;
}

void
account_token_new(char *buf)
{
	unsigned char raw[32];

	if (sodium_init() < 0)
		util_oom();	/* cannot happen once keys were made */
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(buf, ACCOUNT_TOKEN_LEN, raw, sizeof raw,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof raw);
}

int
account_token_equal(const char *a, const char *b)
{
	size_t n = strlen(a);

	return n == ACCOUNT_TOKEN_LEN - 1 && strlen(b) == n &&
	    sodium_memcmp(a, b, n) == 0;
}

/* The stored name of a cookie: its SHA-256 in hex (65 bytes). */
static void
account_cookie_hash(const char *cookie, char *hex)
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)cookie, strlen(cookie));
	sodium_bin2hex(hex, 2 * sizeof h + 1, h, sizeof h);
}

static void
account_now(char *buf, size_t len, long long plus)
{
	util_iso8601(clock_now_ms() + plus, buf, len);
}

int
account_add(struct srvstore *st, const char *name, int role,
    const char *school, const char *password, struct hs_error *err)
{
	struct srvstore_user u;
	int rc;

	if (!account_name_valid(name))
		return hs_error_set(err, HS_EINVAL, _("'%s' cannot name an "
		    "account: 1 to 63 letters, digits and . _ - @"), name);
	if (role != ACCOUNT_PROVINCE && role != ACCOUNT_SCHOOL)
		return hs_error_set(err, HS_EINVAL, _("the role is province "
		    "or school"));
	if ((role == ACCOUNT_SCHOOL) != (school != NULL))
		return hs_error_set(err, HS_EINVAL, "%s", role ==
		    ACCOUNT_SCHOOL ? _("a school account needs --school CODE") :
		    _("a province account has no school"));
	if ((rc = account_password_check(password, err)) != 0)
		return rc;
	if (school != NULL) {
		rc = srvstore_school_known(st, school, err);
		if (rc == HS_ENOTFOUND)
			return hs_error_set(err, HS_EINVAL, _("no school %s: "
			    "make its enrolment token first (hocso-server "
			    "token --school %s)"), school, school);
		if (rc != 0)
			return rc;
	}
	memset(&u, 0, sizeof u);
	snprintf(u.name, sizeof u.name, "%s", name);
	u.role = role;
	snprintf(u.school, sizeof u.school, "%s", school != NULL ? school : "");
	if ((rc = account_hash(password, u.hash, err)) != 0)
		return rc;
	account_now(u.created, sizeof u.created, 0);
	memcpy(u.changed, u.created, sizeof u.changed);
	return srvstore_user_add(st, &u, err);
}

int
account_passwd(struct srvstore *st, const char *name, const char *password,
    struct hs_error *err)
{
	struct srvstore_user u;
	char hash[crypto_pwhash_STRBYTES], now[32];
	int rc;

	if ((rc = srvstore_user_get(st, name, &u, err)) != 0)
		return rc;
	if ((rc = account_password_check(password, err)) != 0 ||
	    (rc = account_hash(password, hash, err)) != 0)
		return rc;
	account_now(now, sizeof now, 0);
	if ((rc = srvstore_begin(st, err)) != 0)
		return rc;
	if ((rc = srvstore_user_set_hash(st, name, hash, now, err)) != 0 ||
	    (rc = srvstore_session_end_user(st, name, err)) != 0 ||
	    (rc = srvstore_failures_clear(st, "account", name, err)) != 0 ||
	    (rc = srvstore_commit(st, err)) != 0) {
		srvstore_rollback(st);
		return rc;
	}
	return 0;
}

int
account_remove(struct srvstore *st, const char *name, struct hs_error *err)
{
	int rc;

	if ((rc = srvstore_begin(st, err)) != 0)
		return rc;
	if ((rc = srvstore_user_remove(st, name, err)) != 0 ||
	    (rc = srvstore_commit(st, err)) != 0) {
		srvstore_rollback(st);
		return rc;
	}
	return 0;
}

/* Minutes (at least 1) from now until the time until. */
static int
account_minutes(const char *until)
{
	long long ms;

	if (server_time_parse(until, &ms) != 0)
		return 1;
	ms -= clock_now_ms();
	return ms <= 60000 ? 1 : (int)((ms + 59999) / 60000);
}

/* Whether the counter f locks now. */
static int
account_locked(const struct srvstore_failures *f, const char *now)
{
	return f->locked_until[0] != '\0' && strcmp(f->locked_until, now) > 0;
}

/* Counts one failure of kind/key: a new count when the last one's
 * window is over; locks for ACCOUNT_LOCK_MS at limit.  *locked gets
 * whether it locked now. */
static int
account_fail(struct srvstore *st, const char *kind, const char *key,
    long long limit, const char *now, int *locked, struct hs_error *err)
{
	struct srvstore_failures f;
	char start[32];
	int rc;

	*locked = 0;
	if ((rc = srvstore_failures_get(st, kind, key, &f, err)) != 0)
		return rc;
	account_now(start, sizeof start, -ACCOUNT_WINDOW_MS);
	if (f.count == 0 || strcmp(f.first, start) < 0 ||
	    (f.locked_until[0] != '\0' && !account_locked(&f, now))) {
		f.count = 0;
		snprintf(f.first, sizeof f.first, "%s", now);
		f.locked_until[0] = '\0';
	}
	if (++f.count >= limit && f.locked_until[0] == '\0') {
		account_now(f.locked_until, sizeof f.locked_until,
		    ACCOUNT_LOCK_MS);
		*locked = 1;
	}
	return srvstore_failures_put(st, kind, key, &f, err);
}

/* The part of a sign-in before the password is checked: a refusal for
 * a locked account or a throttled address, else the user's hash (""
 * for no such user). */
static int
account_signin_before(struct srvstore *st, const char *name,
    const char *address, struct srvstore_user *u, int *minutes,
    struct hs_error *err)
{
	struct srvstore_failures f;
	char now[32];
	int rc, outcome = -1;

	account_now(now, sizeof now, 0);
	if ((rc = srvstore_failures_get(st, "address", address, &f, err)) != 0)
		return rc;
	if (account_locked(&f, now))
		outcome = ACCOUNT_THROTTLED;
	else {
		if ((rc = srvstore_failures_get(st, "account", name, &f,
		    err)) != 0)
			return rc;
		if (account_locked(&f, now))
			outcome = ACCOUNT_LOCKED;
	}
	if (outcome >= 0) {
		*minutes = account_minutes(f.locked_until);
		if ((rc = srvstore_audit_add(st, now, name, address, outcome ==
		    ACCOUNT_LOCKED ? "refused-locked" : "refused-throttled",
		    err)) != 0)
			return rc;
		return outcome;
	}
	rc = srvstore_user_get(st, name, u, err);
	if (rc == HS_ENOTFOUND) {
		memset(u, 0, sizeof *u);
		return ACCOUNT_SIGNED_IN;	/* to be checked, and fail */
	}
	return rc != 0 ? rc : ACCOUNT_SIGNED_IN;
}

/* The part after: the audit log, the counters, the session. */
static int
account_signin_after(struct srvstore *st, const struct srvstore_user *u,
    const char *name, const char *address, int good, const char *rehash,
    struct account_session *out, int *minutes, struct hs_error *err)
{
	char now[32], hash[2 * crypto_hash_sha256_BYTES + 1];
	char idle[32], first[32], window[32];
	int rc, locked = 0, throttled = 0, outcome = ACCOUNT_SIGNED_IN;

	account_now(now, sizeof now, 0);
	account_now(idle, sizeof idle, -ACCOUNT_IDLE_MS);
	account_now(first, sizeof first, -ACCOUNT_MAX_MS);
	account_now(window, sizeof window, -ACCOUNT_WINDOW_MS);
	if ((rc = srvstore_begin(st, err)) != 0)
		return rc;
	/* What has ended goes: sessions a browser never brought back,
	 * counters of failures long past. */
	if ((rc = srvstore_session_expire(st, idle, first, err)) != 0 ||
	    (rc = srvstore_failures_expire(st, window, now, err)) != 0)
		goto fail;
	if (good) {
		account_token_new(out->cookie);
		account_token_new(out->csrf);
		account_cookie_hash(out->cookie, hash);
		snprintf(out->who.name, sizeof out->who.name, "%s", u->name);
		out->who.role = u->role;
		snprintf(out->who.school, sizeof out->who.school, "%s",
		    u->school);
		if ((rc = srvstore_session_add(st, hash, u->name, out->csrf,
		    now, address, err)) != 0 ||
		    (rc = srvstore_failures_clear(st, "account", name,
		    err)) != 0 ||
		    (rehash != NULL && (rc = srvstore_user_set_hash(st,
		    u->name, rehash, u->changed, err)) != 0) ||
		    (rc = srvstore_audit_add(st, now, name, address, "signin",
		    err)) != 0)
			goto fail;
	} else {
		outcome = ACCOUNT_WRONG;
		if ((rc = account_fail(st, "account", name,
		    ACCOUNT_LOCK_FAILURES, now, &locked, err)) != 0 ||
		    (rc = account_fail(st, "address", address,
		    ACCOUNT_ADDRESS_FAILURES, now, &throttled, err)) != 0 ||
		    (rc = srvstore_audit_add(st, now, name, address, "failure",
		    err)) != 0 ||
		    (locked && (rc = srvstore_audit_add(st, now, name, address,
		    "lockout", err)) != 0) ||
		    (throttled && (rc = srvstore_audit_add(st, now, name,
		    address, "throttle", err)) != 0))
			goto fail;
		if (locked || throttled) {
			outcome = locked ? ACCOUNT_LOCKED : ACCOUNT_THROTTLED;
			*minutes = (int)(ACCOUNT_LOCK_MS / 60000);
		}
	}
	if ((rc = srvstore_commit(st, err)) != 0)
		goto fail;
	return outcome;
fail:
	srvstore_rollback(st);
	return rc;
}

/* The hash of a random password, which no password matches: checked
 * against for a name that is not there. */
static char account_dummy[crypto_pwhash_STRBYTES];

static void
account_dummy_make(void)
{
	char pw[ACCOUNT_TOKEN_LEN];

	account_token_new(pw);
	if (account_hash(pw, account_dummy, NULL) != 0)
		account_dummy[0] = '\0';
}

int
account_signin(struct srvstore *st, pthread_mutex_t *lock, const char *name,
    const char *password, const char *address, struct account_session *out,
    int *minutes, struct hs_error *err)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	struct srvstore_user u;
	char rehash[crypto_pwhash_STRBYTES];
	int rc, good, m = 0, need;

	memset(out, 0, sizeof *out);
	if (minutes == NULL)
		minutes = &m;
	*minutes = 0;
	if (lock != NULL)
		pthread_mutex_lock(lock);
	rc = account_signin_before(st, name, address, &u, minutes, err);
	if (lock != NULL)
		pthread_mutex_unlock(lock);
	if (rc != ACCOUNT_SIGNED_IN)
		return rc;

	/* The same work for a name that is not there as for one that is,
	 * so that time does not tell which names exist. */
	if (u.hash[0] == '\0') {
		pthread_once(&once, account_dummy_make);
		if (account_dummy[0] != '\0')
			(void)account_verify(account_dummy, password);
		good = 0;
	} else
		good = strlen(password) <= ACCOUNT_PASSWORD_MAX &&
		    account_verify(u.hash, password);
	need = good && crypto_pwhash_str_needs_rehash(u.hash,
	    crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0 &&
	    account_hash(password, rehash, NULL) == 0;

	if (lock != NULL)
		pthread_mutex_lock(lock);
	rc = account_signin_after(st, &u, name, address, good,
	    need ? rehash : NULL, out, minutes, err);
	if (lock != NULL)
		pthread_mutex_unlock(lock);
	sodium_memzero(rehash, sizeof rehash);
	return rc;
}

int
account_session(struct srvstore *st, const char *cookie, struct account *who,
    char *csrf, struct hs_error *err)
{
	struct srvstore_session ss;
	struct srvstore_user u;
	char hash[2 * crypto_hash_sha256_BYTES + 1], idle[32], first[32];
	char now[32], touch[32];
	int rc;

	memset(who, 0, sizeof *who);
	if (strlen(cookie) != ACCOUNT_TOKEN_LEN - 1)
		return HS_ENOTFOUND;
	account_cookie_hash(cookie, hash);
	if ((rc = srvstore_session_get(st, hash, &ss, err)) != 0)
		return rc;
	account_now(now, sizeof now, 0);
	account_now(idle, sizeof idle, -ACCOUNT_IDLE_MS);
	account_now(first, sizeof first, -ACCOUNT_MAX_MS);
	if (strcmp(ss.seen, idle) < 0 || strcmp(ss.created, first) < 0) {
		/* Ended: this one and every other that ended with it. */
		rc = srvstore_session_expire(st, idle, first, err);
		return rc != 0 ? rc : HS_ENOTFOUND;
	}
	rc = srvstore_user_get(st, ss.user, &u, err);
	if (rc != 0)
		return rc;
	snprintf(who->name, sizeof who->name, "%s", u.name);
	who->role = u.role;
	snprintf(who->school, sizeof who->school, "%s", u.school);
	if (csrf != NULL)
		snprintf(csrf, ACCOUNT_TOKEN_LEN, "%s", ss.csrf);
	/* The last use, to the minute: one write a minute, not a request. */
	account_now(touch, sizeof touch, -60000);
	if (strcmp(ss.seen, touch) < 0)
		return srvstore_session_touch(st, hash, now, err);
	return 0;
}

int
account_signout(struct srvstore *st, const char *cookie,
    const struct account *who, const char *address, struct hs_error *err)
{
	char hash[2 * crypto_hash_sha256_BYTES + 1], now[32];
	int rc;

	account_cookie_hash(cookie, hash);
	account_now(now, sizeof now, 0);
	if ((rc = srvstore_begin(st, err)) != 0)
		return rc;
	if ((rc = srvstore_session_end(st, hash, err)) != 0 ||
	    (rc = srvstore_audit_add(st, now, who->name, address, "signout",
	    err)) != 0 || (rc = srvstore_commit(st, err)) != 0) {
		srvstore_rollback(st);
		return rc;
	}
	return 0;
}

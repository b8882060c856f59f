/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pin.h: PINs, the learners' and the teacher's: their form, their
 * Argon2id hashes, and the lockout after wrong PINs.  A PIN is kept only
 * as its hash: a learner's in the learners table, the teacher's in the
 * meta table.  No curses here.
 */
#ifndef HOCSO_PIN_H
#define HOCSO_PIN_H

#include <sodium.h>

#include "core/error.h"
#include "core/store.h"

/* A PIN: PIN_MIN to PIN_MAX ASCII digits. */
#define PIN_MIN		4
#define PIN_MAX		8

/*
 * Argon2id (crypto_pwhash_ALG_ARGON2ID13) cost of a PIN hash, chosen with
 * tests/bench/pin (make bench) on the 2-core development machine, median
 * of 7 hashes:
 *
 *	 ops   memory    ms	 ops   memory    ms
 *	   2   64 MiB    81	  16    8 MiB    36
 *	   3   64 MiB   105	  24    8 MiB    51
 *	  12   16 MiB    57	  32    8 MiB    69  <- chosen
 *	   4   19 MiB    28	  64    4 MiB    59
 *
 * 32 passes over 8 MiB take about 70 ms here, so a 15-year-old PC needs a
 * few hundred: well under a second.  Memory is kept small because a lab
 * server with 512 MB may check 40 learners' PINs at the start of a
 * lesson: 64 MiB each would make it swap.  (A 4-digit PIN has only 10,000
 * values, so the hash keeps PINs from being read, not from being
 * guessed offline; guessing at the keyboard is stopped by the lockout.)
 * A hash records its own parameters: changing these later still verifies
 * the old hashes.
 */
#define PIN_OPSLIMIT	32ULL
#define PIN_MEMLIMIT	((size_t)8 << 20)

/* The lockout: after PIN_TRIES wrong PINs in a row, each further wrong
 * PIN locks the learner for PIN_LOCK_SHORT_MS; from the
 * PIN_LOCK_LONG_AFTER-th on, for PIN_LOCK_LONG_MS.  A right PIN resets
 * the count.  A lock that ends further ahead than PIN_LOCK_LONG_MS is
 * ignored: the clock went back. */
#define PIN_TRIES		3
#define PIN_LOCK_LONG_AFTER	6
#define PIN_LOCK_SHORT_MS	(30 * 1000LL)
#define PIN_LOCK_LONG_MS	(5 * 60 * 1000LL)

enum pin_status {
	PIN_OK,			/* right: the count of wrong tries is reset */
	PIN_WRONG,		/* wrong: see tries_left and seconds_left */
	PIN_LOCKED,		/* not checked: locked for seconds_left */
};

struct pin_result {
	enum pin_status status;
	int tries_left;		/* WRONG: wrong tries before a lock */
	int seconds_left;	/* LOCKED, or WRONG when it began a lock */
};

/* Checks a PIN: PIN_MIN to PIN_MAX digits.  Returns 0 or HS_EINVAL. */
int pin_valid(const char *pin, struct hs_error *err);

/* Hashes pin into hash with Argon2id at PIN_OPSLIMIT and PIN_MEMLIMIT
 * (slow: do it before a transaction begins).  Returns 0 or HS_ENOMEM. */
int pin_hash(const char *pin, char hash[crypto_pwhash_STRBYTES],
    struct hs_error *err);

/* The learner id's PIN hash (copied into hash, "" when none), wrong
 * tries in a row and locked-until (Unix ms, 0 when never locked).
 * Returns 0, HS_ENOTFOUND or HS_ESTORE. */
int pin_state(struct store *s, long long id,
    char hash[crypto_pwhash_STRBYTES], int *failures, long long *locked_ms,
    struct hs_error *err);

/* Checks pin for the learner learner_id with the lockout rules above at
 * the time now_ms (Unix ms), and fills *res.  HS_ENOTFOUND for no such
 * learner, HS_EINVAL when the learner has no PIN. */
int pin_check_at(struct store *s, long long learner_id, const char *pin,
    long long now_ms, struct pin_result *res, struct hs_error *err);

/* pin_check_at() now. */
int pin_check(struct store *s, long long learner_id, const char *pin,
    struct pin_result *res, struct hs_error *err);

/* Settings keys (the meta table): the teacher's PIN (an Argon2id hash),
 * its failed tries in a row and the time (Unix ms) until which it is
 * locked. */
#define PIN_TEACHER_HASH "teacher.pin_hash"
#define PIN_TEACHER_FAILS "teacher.pin_failures"
#define PIN_TEACHER_LOCKED "teacher.locked_until"

/* The teacher's PIN (teacher mode), kept as an Argon2id hash in the
 * meta table, with the same lockout as a learner's. */
int pin_teacher_set(struct store *s, const char *pin, struct hs_error *err);
int pin_teacher_check_at(struct store *s, const char *pin, long long now_ms,
    struct pin_result *res, struct hs_error *err);

#endif

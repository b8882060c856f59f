/*
 * school.h: the school's roster: classes, their learners, learners' PINs
 * and the lockout after wrong PINs, and importing a class from a
 * spreadsheet's CSV export.
 *
 * Names are kept only here, on the school's machine: every write is one
 * transaction and none appends an event (roster changes are not learner
 * actions, and events never carry a name).  A PIN is kept only as an
 * Argon2id hash.  Removing a learner erases their name and PIN and keeps
 * their uuid and progress, which are then anonymous.  No curses here.
 */
#ifndef HOCSO_SCHOOL_H
#define HOCSO_SCHOOL_H

#include "core/error.h"
#include "core/store.h"
#include "core/uuid.h"

/* A class or learner name: 1 to SCHOOL_NAME_MAX characters after NFC. */
#define SCHOOL_NAME_MAX		60

/* A PIN: SCHOOL_PIN_MIN to SCHOOL_PIN_MAX ASCII digits. */
#define SCHOOL_PIN_MIN		4
#define SCHOOL_PIN_MAX		8

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
#define SCHOOL_PIN_OPSLIMIT	32ULL
#define SCHOOL_PIN_MEMLIMIT	((size_t)8 << 20)

/* The lockout: after SCHOOL_PIN_TRIES wrong PINs in a row, each further
 * wrong PIN locks the learner for SCHOOL_LOCK_SHORT_MS; from the
 * SCHOOL_LOCK_LONG_AFTER-th on, for SCHOOL_LOCK_LONG_MS.  A right PIN
 * resets the count.  A lock that ends further ahead than
 * SCHOOL_LOCK_LONG_MS is ignored: the clock went back. */
#define SCHOOL_PIN_TRIES	3
#define SCHOOL_LOCK_LONG_AFTER	6
#define SCHOOL_LOCK_SHORT_MS	(30 * 1000LL)
#define SCHOOL_LOCK_LONG_MS	(5 * 60 * 1000LL)

struct school_class {
	long long id;
	char uuid[UUID_LEN + 1];
	const char *name;
	int pins;		/* its learners sign in with a PIN */
	int learners;		/* how many (not counting removed ones) */
};

struct school_learner {
	long long id;
	char uuid[UUID_LEN + 1];
	const char *class_name;
	const char *name;
	int class_pins;		/* the class signs in with a PIN */
	int has_pin;
	char lang[8];
};

enum school_pin_status {
	SCHOOL_PIN_OK,		/* right: the count of wrong tries is reset */
	SCHOOL_PIN_WRONG,	/* wrong: see tries_left and seconds_left */
	SCHOOL_PIN_LOCKED,	/* not checked: locked for seconds_left */
};

struct school_pin_result {
	enum school_pin_status status;
	int tries_left;		/* WRONG: wrong tries before a lock */
	int seconds_left;	/* LOCKED, or WRONG when it began a lock */
};

/* Called for each row of a list; the pointers live until it returns.
 * A non-zero return stops the list and is returned by it. */
typedef int (*school_class_fn)(const struct school_class *, void *arg);
typedef int (*school_learner_fn)(const struct school_learner *, void *arg);

/* Called by the import for each bad row, with err's file, line and
 * message set. */
typedef void (*school_bad_row_fn)(const struct hs_error *err, void *arg);

/* Checks a class or learner name and makes its stored form: NFC, spaces
 * at the ends dropped and runs of spaces made one, 1 to SCHOOL_NAME_MAX
 * characters, valid UTF-8 with no control characters.  *out (the caller
 * frees it) is set on success.  Returns 0 or HS_EINVAL. */
int school_name_clean(const char *name, char **out, struct hs_error *err);

/* Checks a PIN: SCHOOL_PIN_MIN to SCHOOL_PIN_MAX digits.  Returns 0 or
 * HS_EINVAL. */
int school_pin_valid(const char *pin, struct hs_error *err);

/* Adds the class name; pins says whether its learners sign in with a PIN.
 * A name already used is refused (HS_EINVAL).  Returns 0 or a negative
 * code. */
int school_class_add(struct store *s, const char *name, int pins,
    struct hs_error *err);

/* Calls fn for each class, by name. */
int school_class_list(struct store *s, school_class_fn fn, void *arg,
    struct hs_error *err);

/* Adds the learner name to class_name with pin (NULL for none; required
 * when the class uses PINs) and lang ("vi" or "en"; NULL is "vi").  The
 * name must be new in its class.  *id (may be NULL) gets the learner's
 * row.  Returns 0, HS_ENOTFOUND (no such class) or HS_EINVAL. */
int school_learner_add(struct store *s, const char *class_name,
    const char *name, const char *pin, const char *lang, long long *id,
    struct hs_error *err);

/* The learner name of class_name, not removed: *id is set.  Returns 0 or
 * HS_ENOTFOUND. */
int school_learner_find(struct store *s, const char *class_name,
    const char *name, long long *id, struct hs_error *err);

/* Calls fn for each learner of class_name (NULL: of every class), not
 * removed, by class then name.  HS_ENOTFOUND when there is no such
 * class. */
int school_learner_list(struct store *s, const char *class_name,
    school_learner_fn fn, void *arg, struct hs_error *err);

/* Removes the learner name from class_name: the name becomes '', the PIN
 * and its lockout are erased, removed_at is set; the uuid and every row
 * of progress stay, anonymous.  Returns 0 or HS_ENOTFOUND. */
int school_learner_remove(struct store *s, const char *class_name,
    const char *name, struct hs_error *err);

/* Checks pin for the learner learner_id with the lockout rules above at
 * the time now_ms (Unix ms), and fills *res.  HS_ENOTFOUND for no such
 * learner, HS_EINVAL when the learner has no PIN. */
int school_pin_check_at(struct store *s, long long learner_id,
    const char *pin, long long now_ms, struct school_pin_result *res,
    struct hs_error *err);

/* school_pin_check_at() now. */
int school_pin_check(struct store *s, long long learner_id, const char *pin,
    struct school_pin_result *res, struct hs_error *err);

/* Adds the learners listed in the CSV file at path (see docs/hocso.1):
 * UTF-8, a BOM skipped, comma or semicolon separated as its header line
 * is, RFC 4180 quotes; columns name and class, pin and lang optional,
 * others ignored.  Classes not yet there are made (with PINs when one of
 * their rows has a PIN).  Every row is checked first: when any is bad,
 * bad(err, arg) is called once for each bad row ("path:line: reason"),
 * nothing is added and HS_EINVAL is returned.  Otherwise every row is
 * added in one transaction; *added and *classes (may be NULL) get how
 * many learners and classes were made. */
int school_learner_import(struct store *s, const char *path,
    school_bad_row_fn bad, void *arg, int *added, int *classes,
    struct hs_error *err);

/* Settings keys (the meta table): the school's name as shown here, and
 * the teacher's PIN (an Argon2id hash), its failed tries in a row and
 * the time (Unix ms) until which it is locked. */
#define SCHOOL_DISPLAY_NAME "school.name"
#define SCHOOL_TEACHER_PIN "teacher.pin_hash"
#define SCHOOL_TEACHER_FAILS "teacher.pin_failures"
#define SCHOOL_TEACHER_LOCKED "teacher.locked_until"

/* The teacher's PIN (teacher mode), kept as an Argon2id hash in the
 * meta table, with the same lockout as a learner's. */
int school_teacher_pin_set(struct store *s, const char *pin,
    struct hs_error *err);
int school_teacher_pin_check_at(struct store *s, const char *pin,
    long long now_ms, struct school_pin_result *res, struct hs_error *err);

/* Whether code is a school code: 1 to 32 letters, digits, '-', '_' or
 * '.'.  Returns 0 or HS_EINVAL with the reason. */
int school_code_valid(const char *code, struct hs_error *err);

/* What school_learner_change() changes. */
enum school_change {
	SCHOOL_RENAME,		/* value: the new name */
	SCHOOL_MOVE,		/* value: the class to move to */
	SCHOOL_PIN,		/* value: the new PIN (4-8 digits) */
	SCHOOL_LANG,		/* value: vi or en */
};

/* Renames, moves, gives a new PIN to, or sets the language of the
 * learner name of class_name, in one transaction; a learner moved into a
 * class with PINs must have one.  Returns 0 or a code with err. */
int school_learner_change(struct store *s, const char *class_name,
    const char *name, enum school_change what, const char *value,
    struct hs_error *err);

/* Renames a class; or removes one that has no learners left (a class
 * with learners must be emptied first: move or remove them). */
int school_class_rename(struct store *s, const char *name,
    const char *new_name, struct hs_error *err);
int school_class_remove(struct store *s, const char *name,
    struct hs_error *err);

#endif

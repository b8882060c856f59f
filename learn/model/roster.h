/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * roster.h: the school's roster: its classes and their learners.
 *
 * Names are kept only here, on the school's machine: every write is one
 * transaction and none appends an event (roster changes are not learner
 * actions, and events never carry a name).  A learner's PIN is kept only
 * as an Argon2id hash (pin.h).  Removing a learner erases their name and
 * PIN and keeps their uuid and progress, which are then anonymous.  No
 * curses here.
 */
#ifndef HOCSO_ROSTER_H
#define HOCSO_ROSTER_H

#include "core/error.h"
#include "core/store.h"
#include "core/uuid.h"

struct roster_class {
	long long id;
	char uuid[UUID_LEN + 1];
	const char *name;
	int pins;		/* its learners sign in with a PIN */
	int learners;		/* how many (not counting removed ones) */
};

struct roster_learner {
	long long id;
	char uuid[UUID_LEN + 1];
	const char *class_name;
	const char *name;
	int class_pins;		/* the class signs in with a PIN */
	int has_pin;
	char lang[8];
};

/* Called for each row of a list; the pointers live until it returns.
 * A non-zero return stops the list and is returned by it. */
typedef int (*roster_class_fn)(const struct roster_class *, void *arg);
typedef int (*roster_learner_fn)(const struct roster_learner *, void *arg);

/* Adds the class name; pins says whether its learners sign in with a PIN.
 * A name already used is refused (HS_EINVAL).  Returns 0 or a negative
 * code. */
int roster_class_add(struct store *s, const char *name, int pins,
    struct hs_error *err);

/* Calls fn for each class, by name. */
int roster_class_list(struct store *s, roster_class_fn fn, void *arg,
    struct hs_error *err);

/* Renames a class; or removes one that has no learners left (a class
 * with learners must be emptied first: move or remove them). */
int roster_class_rename(struct store *s, const char *name,
    const char *new_name, struct hs_error *err);
int roster_class_remove(struct store *s, const char *name,
    struct hs_error *err);

/* Adds the learner name to class_name with pin (NULL for none; required
 * when the class uses PINs) and lang ("vi" or "en"; NULL is "vi").  The
 * name must be new in its class.  *id (may be NULL) gets the learner's
 * row.  Returns 0, HS_ENOTFOUND (no such class) or HS_EINVAL. */
int roster_learner_add(struct store *s, const char *class_name,
    const char *name, const char *pin, const char *lang, long long *id,
    struct hs_error *err);

/* The learner name of class_name, not removed: *id is set.  Returns 0 or
 * HS_ENOTFOUND. */
int roster_learner_find(struct store *s, const char *class_name,
    const char *name, long long *id, struct hs_error *err);

/* Calls fn for each learner of class_name (NULL: of every class), not
 * removed, by class then name.  HS_ENOTFOUND when there is no such
 * class. */
int roster_learner_list(struct store *s, const char *class_name,
    roster_learner_fn fn, void *arg, struct hs_error *err);

/* Removes the learner name from class_name: the name becomes '', the PIN
 * and its lockout are erased (and their requests for help, helpreq.h),
 * removed_at is set; the uuid and every row
 * of progress stay, anonymous.  Returns 0 or HS_ENOTFOUND. */
int roster_learner_remove(struct store *s, const char *class_name,
    const char *name, struct hs_error *err);

/* What roster_learner_change() changes. */
enum roster_change {
	ROSTER_RENAME,		/* value: the new name */
	ROSTER_MOVE,		/* value: the class to move to */
	ROSTER_PIN,		/* value: the new PIN (4-8 digits) */
	ROSTER_LANG,		/* value: vi or en */
};

/* Renames, moves, gives a new PIN to, or sets the language of the
 * learner name of class_name, in one transaction; a learner moved into a
 * class with PINs must have one.  Returns 0 or a code with err. */
int roster_learner_change(struct store *s, const char *class_name,
    const char *name, enum roster_change what, const char *value,
    struct hs_error *err);

/*
 * The rows themselves, for the import (import.c), which checks a whole
 * file before it writes: names already clean (school.h).
 */

/* The stored form of a language ("vi" when lang is NULL or empty), or
 * NULL with err filled when it is not one we speak. */
const char *roster_lang_check(const char *lang, struct hs_error *err);

/* The class called name: its id and whether it uses PINs (pins may be
 * NULL).  Returns 0, HS_ENOTFOUND (err says so) or HS_ESTORE. */
int roster_class_find(struct store *s, const char *name, long long *id,
    int *pins, struct hs_error *err);

/* The learner called name in class_id (named class_name, for the
 * message), not removed.  Returns 0 with *id set, HS_ENOTFOUND (err says
 * so) or HS_ESTORE. */
int roster_learner_lookup(struct store *s, long long class_id,
    const char *class_name, const char *name, long long *id,
    struct hs_error *err);

/* Inserts a class; *id (may be NULL) gets its row.  Inside a
 * transaction. */
int roster_class_insert(struct store *s, const char *name, int pins,
    long long *id, struct hs_error *err);

/* Inserts a learner (lang checked, hash NULL or a PIN's hash); *id (may
 * be NULL) gets its row.  Inside a transaction. */
int roster_learner_insert(struct store *s, long long class_id,
    const char *name, const char *hash, const char *lang, long long *id,
    struct hs_error *err);

/* Sets the PIN hash of the learner id (and clears their lockout).
 * Inside a transaction. */
int roster_learner_set_pin_hash(struct store *s, long long id,
    const char *hash, struct hs_error *err);

#endif

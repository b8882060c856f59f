/*
 * school.c: the roster (classes and learners), PINs as Argon2id hashes
 * with their lockout, and the CSV import.  See school.h.
 *
 * Each write is one BEGIN IMMEDIATE transaction; the slow part of a PIN,
 * its hash, is done before the transaction so that the write lock is held
 * only for the rows.  Nothing here appends an event: roster changes are
 * not learner actions, and no name may ever reach the events table.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sodium.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "core/clock.h"
#include "core/fileio.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"
#include "learn/model/school.h"

/* The largest CSV file the import reads: a whole school is a few
 * hundred kilobytes. */
#define IMPORT_MAX_BYTES	(8 << 20)

/* Which kind of name (the messages differ), and what is wrong with
 * one. */
enum { NAME_LEARNER, NAME_CLASS };
enum { NAME_NOT_UTF8, NAME_EMPTY, NAME_TOO_LONG, NAME_CONTROL };

static const char *const langs[] = { "vi", "en" };

/* Locked-until as Unix ms (0 when not locked); julianday() has about a
 * tenth of a millisecond of error, hence the round(). */
#define LOCKED_MS \
	"coalesce(CAST(round((julianday(locked_until) - 2440587.5)" \
	" * 86400000) AS INTEGER), 0)"

/* Copies e into err (which may be NULL) and returns its code. */
static int
err_pass(struct hs_error *err, const struct hs_error *e)
{
	if (err != NULL)
		*err = *e;
	return e->code;
}

/* A new copy of s without the spaces and tabs at its ends. */
static char *
trimmed(const char *s)
{
	size_t n;

	s += strspn(s, " \t");
	for (n = strlen(s); n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'); n--)
		continue;
	return xstrndup(s, n);
}

static int
name_error(int kind, int what, struct hs_error *err)
{
	switch (what * 2 + kind) {
	case NAME_NOT_UTF8 * 2 + NAME_LEARNER:
		return hs_error_set(err, HS_EINVAL, _("the name is not UTF-8 "
		    "text"));
	case NAME_NOT_UTF8 * 2 + NAME_CLASS:
		return hs_error_set(err, HS_EINVAL, _("the class name is not "
		    "UTF-8 text"));
	case NAME_EMPTY * 2 + NAME_LEARNER:
		return hs_error_set(err, HS_EINVAL, _("the name is empty"));
	case NAME_EMPTY * 2 + NAME_CLASS:
		return hs_error_set(err, HS_EINVAL, _("the class name is "
		    "empty"));
	case NAME_TOO_LONG * 2 + NAME_LEARNER:
		return hs_error_set(err, HS_EINVAL, _("the name is longer than "
		    "%d characters"), SCHOOL_NAME_MAX);
	case NAME_TOO_LONG * 2 + NAME_CLASS:
		return hs_error_set(err, HS_EINVAL, _("the class name is "
		    "longer than %d characters"), SCHOOL_NAME_MAX);
	case NAME_CONTROL * 2 + NAME_LEARNER:
		return hs_error_set(err, HS_EINVAL, _("the name has a control "
		    "character in it"));
	default:
		return hs_error_set(err, HS_EINVAL, _("the class name has a "
		    "control character in it"));
	}
}

/* school_name_clean() for either kind of name. */
static int
name_clean(const char *name, int kind, char **out, struct hs_error *err)
{
	const uint8_t *p, *end;
	char *nfc, *o;
	size_t n = strlen(name), chars = 0;
	int space = 0, k;
	ucs4_t uc;

	*out = NULL;
	if (u8_check((const uint8_t *)name, n) != NULL)
		return name_error(kind, NAME_NOT_UTF8, err);
	nfc = text_nfc(name, n);
	/* The cleaned text is never longer than the NFC text. */
	o = *out = xmalloc(strlen(nfc) + 1);
	p = (const uint8_t *)nfc;
	end = p + strlen(nfc);
	for (; p < end; p += k) {
		k = u8_mbtouc(&uc, p, end - p);
		if (uc_is_general_category(uc, UC_SPACE_SEPARATOR)) {
			space = 1;
			continue;
		}
		if (uc_is_general_category(uc, UC_CONTROL) ||
		    uc_is_general_category(uc, UC_FORMAT) ||
		    uc_is_general_category(uc, UC_LINE_SEPARATOR) ||
		    uc_is_general_category(uc, UC_PARAGRAPH_SEPARATOR)) {
			free(nfc);
			free(*out);
			*out = NULL;
			return name_error(kind, NAME_CONTROL, err);
		}
		if (space && o > *out) {
			*o++ = ' ';
			chars++;
		}
		space = 0;
		memcpy(o, p, k);
		o += k;
		chars++;
	}
	*o = '\0';
	free(nfc);
	if (chars == 0 || chars > SCHOOL_NAME_MAX) {
		free(*out);
		*out = NULL;
		return name_error(kind, chars == 0 ? NAME_EMPTY :
		    NAME_TOO_LONG, err);
	}
	return 0;
}

int
school_name_clean(const char *name, char **out, struct hs_error *err)
{
	return name_clean(name, NAME_LEARNER, out, err);
}

int
school_pin_valid(const char *pin, struct hs_error *err)
{
	size_t i, n = strlen(pin);

	for (i = 0; i < n; i++)
		if (pin[i] < '0' || pin[i] > '9')
			break;
	if (i < n || n < SCHOOL_PIN_MIN || n > SCHOOL_PIN_MAX)
		return hs_error_set(err, HS_EINVAL, _("the PIN must be %d to "
		    "%d digits"), SCHOOL_PIN_MIN, SCHOOL_PIN_MAX);
	return 0;
}

/* The stored form of a language ("vi" when lang is NULL or empty), or
 * NULL with err filled when it is not one we speak. */
static const char *
lang_check(const char *lang, struct hs_error *err)
{
	size_t i;

	if (lang == NULL || *lang == '\0')
		return langs[0];
	for (i = 0; i < sizeof langs / sizeof *langs; i++)
		if (!strcasecmp(lang, langs[i]))
			return langs[i];
	hs_error_set(err, HS_EINVAL, _("unknown language '%s': use vi or en"),
	    lang);
	return NULL;
}

/* Hashes pin into hash with Argon2id at our cost. */
static int
pin_hash(const char *pin, char hash[crypto_pwhash_STRBYTES],
    struct hs_error *err)
{
	if (sodium_init() < 0 || crypto_pwhash_str_alg(hash, pin, strlen(pin),
	    SCHOOL_PIN_OPSLIMIT, SCHOOL_PIN_MEMLIMIT,
	    crypto_pwhash_ALG_ARGON2ID13) != 0)
		return hs_error_set(err, HS_ENOMEM, _("not enough memory to "
		    "protect the PIN"));
	return 0;
}

/* The class called name (already clean): its id and whether it uses
 * PINs.  Returns 0, HS_ENOTFOUND (err says so) or HS_ESTORE. */
static int
class_find(struct store *s, const char *name, long long *id, int *pins,
    struct hs_error *err)
{
	static const char sql[] =
	    "SELECT id, pins FROM classes WHERE name = ?";
	sqlite3_stmt *st;
	int rc;

	if ((st = store_prepare(s, sql, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		if (pins != NULL)
			*pins = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return hs_error_set(err, HS_ENOTFOUND, _("there is no class "
		    "named %s"), name);
	return store_error(s, err, _("cannot read the roster"));
}

/* The learner called name (clean) in class_id, not removed.  Returns 0
 * with *id set, HS_ENOTFOUND (err says so) or HS_ESTORE. */
static int
learner_find(struct store *s, long long class_id, const char *class_name,
    const char *name, long long *id, struct hs_error *err)
{
	static const char sql[] =
	    "SELECT id FROM learners WHERE class_id = ? AND name = ?"
	    " AND removed_at IS NULL";
	sqlite3_stmt *st;
	int rc;

	if ((st = store_prepare(s, sql, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_int64(st, 1, class_id);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return hs_error_set(err, HS_ENOTFOUND, _("there is no learner "
		    "named %s in class %s"), name, class_name);
	return store_error(s, err, _("cannot read the roster"));
}

/* Inserts a class (name clean); *id gets its row.  Inside a
 * transaction. */
static int
class_insert(struct store *s, const char *name, int pins, long long *id,
    struct hs_error *err)
{
	static const char sql[] =
	    "INSERT INTO classes (uuid, name, pins, created_at)"
	    " VALUES (?, ?, ?, ?)";
	char uuid[UUID_LEN + 1], ts[32];
	sqlite3_stmt *st;
	int rc;

	if ((st = store_prepare(s, sql, err)) == NULL)
		return HS_ESTORE;
	uuid_generate(uuid);
	util_iso8601(clock_now_ms(), ts, sizeof ts);
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, pins != 0);
	sqlite3_bind_text(st, 4, ts, -1, SQLITE_STATIC);
	if ((rc = store_step_done(s, st, err)) != 0)
		return rc;
	if (id != NULL)
		*id = sqlite3_last_insert_rowid(store_db(s));
	return 0;
}

/* Inserts a learner (name clean, lang checked, hash NULL or a PIN's
 * hash); *id (may be NULL) gets its row.  Inside a transaction. */
static int
learner_insert(struct store *s, long long class_id, const char *name,
    const char *hash, const char *lang, long long *id, struct hs_error *err)
{
	static const char sql[] =
	    "INSERT INTO learners (uuid, name, created_at, class_id, lang,"
	    " pin_hash) VALUES (?, ?, ?, ?, ?, ?)";
	char uuid[UUID_LEN + 1], ts[32];
	sqlite3_stmt *st;
	int rc;

	if ((st = store_prepare(s, sql, err)) == NULL)
		return HS_ESTORE;
	uuid_generate(uuid);
	util_iso8601(clock_now_ms(), ts, sizeof ts);
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, ts, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, class_id);
	sqlite3_bind_text(st, 5, lang, -1, SQLITE_STATIC);
	if (hash != NULL)
		sqlite3_bind_text(st, 6, hash, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 6);
	if ((rc = store_step_done(s, st, err)) != 0)
		return rc;
	if (id != NULL)
		*id = sqlite3_last_insert_rowid(store_db(s));
	return 0;
}

int
school_class_add(struct store *s, const char *name, int pins,
    struct hs_error *err)
{
	struct hs_error e;
	long long id;
	char *clean;
	int rc;

	if ((rc = name_clean(name, NAME_CLASS, &clean, err)) != 0)
		return rc;
	if ((rc = store_begin(s, err)) != 0)
		goto out;
	rc = class_find(s, clean, &id, NULL, &e);
	if (rc == 0)
		rc = hs_error_set(err, HS_EINVAL, _("there is already a class "
		    "named %s"), clean);
	else if (rc != HS_ENOTFOUND)
		err_pass(err, &e);
	else if ((rc = class_insert(s, clean, pins, NULL, err)) == 0)
		rc = store_commit(s, err);
	store_rollback(s);
out:
	free(clean);
	return rc;
}

int
school_class_list(struct store *s, school_class_fn fn, void *arg,
    struct hs_error *err)
{
	static const char sql[] =
	    "SELECT c.id, c.uuid, c.name, c.pins, (SELECT count(*) FROM"
	    " learners l WHERE l.class_id = c.id AND l.removed_at IS NULL)"
	    " FROM classes c ORDER BY c.name";
	struct school_class c;
	sqlite3_stmt *st;
	int rc, stop = 0;

	if ((st = store_prepare(s, sql, err)) == NULL)
		return HS_ESTORE;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		c.id = sqlite3_column_int64(st, 0);
		snprintf(c.uuid, sizeof c.uuid, "%s",
		    sqlite3_column_text(st, 1));
		c.name = (const char *)sqlite3_column_text(st, 2);
		c.pins = sqlite3_column_int(st, 3);
		c.learners = sqlite3_column_int(st, 4);
		if ((stop = fn(&c, arg)) != 0)
			break;
	}
	sqlite3_reset(st);
	if (stop != 0)
		return stop;
	if (rc != SQLITE_DONE)
		return store_error(s, err, _("cannot read the roster"));
	return 0;
}

/*
 * Checks that name (clean) may join class_name (clean) with pin (NULL
 * for none): the class exists, gives a PIN when it uses them, and has no
 * learner of that name.  *class_id gets the class.  Run before the
 * transaction, to refuse without hashing, and again inside it.
 */
static int
learner_check(struct store *s, const char *class_name, const char *name,
    const char *pin, long long *class_id, struct hs_error *err)
{
	struct hs_error notfound;
	long long id;
	int rc, pins;

	if ((rc = class_find(s, class_name, class_id, &pins, err)) != 0)
		return rc;
	if (pins && pin == NULL)
		return hs_error_set(err, HS_EINVAL, _("class %s signs in with "
		    "a PIN: this learner needs one"), class_name);
	rc = learner_find(s, *class_id, class_name, name, &id, &notfound);
	if (rc == 0)
		return hs_error_set(err, HS_EINVAL, _("there is already a "
		    "learner named %s in class %s"), name, class_name);
	if (rc != HS_ENOTFOUND)
		return err_pass(err, &notfound);
	return 0;
}

int
school_learner_add(struct store *s, const char *class_name,
    const char *name, const char *pin, const char *lang, long long *id,
    struct hs_error *err)
{
	char hash[crypto_pwhash_STRBYTES], *cname = NULL, *lname = NULL;
	long long class_id;
	int rc;

	if ((rc = name_clean(class_name, NAME_CLASS, &cname, err)) != 0 ||
	    (rc = name_clean(name, NAME_LEARNER, &lname, err)) != 0)
		goto out;
	if (pin != NULL && (rc = school_pin_valid(pin, err)) != 0)
		goto out;
	if ((lang = lang_check(lang, err)) == NULL) {
		rc = HS_EINVAL;
		goto out;
	}
	if ((rc = learner_check(s, cname, lname, pin, &class_id, err)) != 0)
		goto out;
	if (pin != NULL && (rc = pin_hash(pin, hash, err)) != 0)
		goto out;
	if ((rc = store_begin(s, err)) != 0)
		goto out;
	if ((rc = learner_check(s, cname, lname, pin, &class_id, err)) == 0 &&
	    (rc = learner_insert(s, class_id, lname, pin != NULL ? hash : NULL,
	    lang, id, err)) == 0)
		rc = store_commit(s, err);
	store_rollback(s);
out:
	sodium_memzero(hash, sizeof hash);
	free(cname);
	free(lname);
	return rc;
}

int
school_learner_find(struct store *s, const char *class_name,
    const char *name, long long *id, struct hs_error *err)
{
	char *cname = NULL, *lname = NULL;
	long long class_id;
	int rc;

	if ((rc = name_clean(class_name, NAME_CLASS, &cname, err)) != 0 ||
	    (rc = name_clean(name, NAME_LEARNER, &lname, err)) != 0) {
		/* A name that cannot be stored names no one. */
		rc = hs_error_set(err, HS_ENOTFOUND, _("there is no learner "
		    "named %s in class %s"), name, class_name);
		goto out;
	}
	if ((rc = class_find(s, cname, &class_id, NULL, err)) == 0)
		rc = learner_find(s, class_id, cname, lname, id, err);
out:
	free(cname);
	free(lname);
	return rc;
}

int
school_learner_list(struct store *s, const char *class_name,
    school_learner_fn fn, void *arg, struct hs_error *err)
{
	static const char sql[] =
	    "SELECT l.id, l.uuid, c.name, l.name, c.pins,"
	    " l.pin_hash IS NOT NULL, coalesce(l.lang, 'vi')"
	    " FROM learners l JOIN classes c ON c.id = l.class_id"
	    " WHERE l.removed_at IS NULL AND (?1 IS NULL OR c.id = ?1)"
	    " ORDER BY c.name, l.id";
	struct school_learner l;
	long long class_id = 0;
	sqlite3_stmt *st;
	char *cname = NULL;
	int rc, stop = 0;

	if (class_name != NULL) {
		if (name_clean(class_name, NAME_CLASS, &cname, err) != 0)
			return hs_error_set(err, HS_ENOTFOUND, _("there is no "
			    "class named %s"), class_name);
		rc = class_find(s, cname, &class_id, NULL, err);
		free(cname);
		if (rc != 0)
			return rc;
	}
	if ((st = store_prepare(s, sql, err)) == NULL)
		return HS_ESTORE;
	if (class_name != NULL)
		sqlite3_bind_int64(st, 1, class_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		l.id = sqlite3_column_int64(st, 0);
		snprintf(l.uuid, sizeof l.uuid, "%s",
		    sqlite3_column_text(st, 1));
		l.class_name = (const char *)sqlite3_column_text(st, 2);
		l.name = (const char *)sqlite3_column_text(st, 3);
		l.class_pins = sqlite3_column_int(st, 4);
		l.has_pin = sqlite3_column_int(st, 5);
		snprintf(l.lang, sizeof l.lang, "%s",
		    sqlite3_column_text(st, 6));
		if ((stop = fn(&l, arg)) != 0)
			break;
	}
	sqlite3_reset(st);
	if (stop != 0)
		return stop;
	if (rc != SQLITE_DONE)
		return store_error(s, err, _("cannot read the roster"));
	return 0;
}

int
school_learner_remove(struct store *s, const char *class_name,
    const char *name, struct hs_error *err)
{
	static const char sql[] =
	    "UPDATE learners SET name = '', pin_hash = NULL, pin_failures = 0,"
	    " locked_until = NULL, removed_at = ? WHERE id = ?";
	char *cname = NULL, *lname = NULL, ts[32];
	long long class_id, id;
	sqlite3_stmt *st;
	int rc;

	if (name_clean(class_name, NAME_CLASS, &cname, err) != 0 ||
	    name_clean(name, NAME_LEARNER, &lname, err) != 0) {
		rc = hs_error_set(err, HS_ENOTFOUND, _("there is no learner "
		    "named %s in class %s"), name, class_name);
		goto out;
	}
	/* The old name must not stay in the file's free space: SQLite
	 * zeroes what it deletes while secure_delete is on. */
	if (sqlite3_exec(store_db(s), "PRAGMA secure_delete = ON", NULL, NULL,
	    NULL) != SQLITE_OK) {
		rc = store_error(s, err, _("database error"));
		goto out;
	}
	if ((rc = store_begin(s, err)) != 0)
		goto out;
	if ((rc = class_find(s, cname, &class_id, NULL, err)) != 0 ||
	    (rc = learner_find(s, class_id, cname, lname, &id, err)) != 0)
		goto fail;
	if ((st = store_prepare(s, sql, err)) == NULL) {
		rc = HS_ESTORE;
		goto fail;
	}
	util_iso8601(clock_now_ms(), ts, sizeof ts);
	sqlite3_bind_text(st, 1, ts, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, id);
	if ((rc = store_step_done(s, st, err)) != 0 ||
	    (rc = store_commit(s, err)) != 0)
		goto fail;
	/* And not in the write-ahead log: move it into the main file and
	 * empty the log, waiting a second at most.  Other processes reading
	 * now may keep it from emptying; its frames are then reused soon. */
	sqlite3_busy_timeout(store_db(s), 1000);
	sqlite3_wal_checkpoint_v2(store_db(s), NULL,
	    SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
	sqlite3_busy_timeout(store_db(s), STORE_BUSY_MS);
	goto out;
fail:
	store_rollback(s);
out:
	free(cname);
	free(lname);
	return rc;
}

/* The learner's PIN hash (copied into hash, "" when none), wrong tries
 * in a row and locked-until (Unix ms, 0 when never locked). */
static int
pin_state(struct store *s, long long id, char hash[crypto_pwhash_STRBYTES],
    int *failures, long long *locked_ms, struct hs_error *err)
{
	static const char sql[] =
	    "SELECT coalesce(pin_hash, ''), pin_failures, " LOCKED_MS
	    " FROM learners WHERE id = ? AND removed_at IS NULL";
	sqlite3_stmt *st;
	int rc;

	if ((st = store_prepare(s, sql, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		snprintf(hash, crypto_pwhash_STRBYTES, "%s",
		    sqlite3_column_text(st, 0));
		*failures = sqlite3_column_int(st, 1);
		*locked_ms = sqlite3_column_int64(st, 2);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return hs_error_set(err, HS_ENOTFOUND, _("there is no such "
		    "learner"));
	return store_error(s, err, _("cannot read the roster"));
}

/* Whole seconds from now_ms until until_ms, rounded up. */
static int
seconds_until(long long until_ms, long long now_ms)
{
	return (int)((until_ms - now_ms + 999) / 1000);
}

/* Whether a lock until locked_ms holds at now_ms.  No lock is longer
 * than SCHOOL_LOCK_LONG_MS: one that ends later was set before the clock
 * went back (an old PC's clock resets when its battery is flat), and a
 * child must not be locked out for years by it. */
static int
is_locked(long long locked_ms, long long now_ms)
{
	return locked_ms > now_ms && locked_ms - now_ms <= SCHOOL_LOCK_LONG_MS;
}

/* After a try (right or not), the count of wrong tries in a row, the
 * result, and how long to lock (ms, 0: no lock). */
static long long
pin_decide(int right, int *failures, struct school_pin_result *res)
{
	long long lock = 0;

	if (right) {
		*failures = 0;
		res->status = SCHOOL_PIN_OK;
		return 0;
	}
	++*failures;
	res->status = SCHOOL_PIN_WRONG;
	if (*failures >= SCHOOL_LOCK_LONG_AFTER)
		lock = SCHOOL_LOCK_LONG_MS;
	else if (*failures >= SCHOOL_PIN_TRIES)
		lock = SCHOOL_LOCK_SHORT_MS;
	res->tries_left = *failures < SCHOOL_PIN_TRIES ?
	    SCHOOL_PIN_TRIES - *failures : 0;
	res->seconds_left = (int)(lock / 1000);
	return lock;
}

/* The teacher's PIN state, from the meta table: the hash ("" when none
 * is set), wrong tries in a row, locked-until (Unix ms, 0 if none). */
static int
teacher_state(struct store *s, char hash[crypto_pwhash_STRBYTES],
    int *failures, long long *locked_ms, struct hs_error *err)
{
	char buf[32];

	hash[0] = '\0';
	*failures = 0;
	*locked_ms = 0;
	if (store_meta_get(s, SCHOOL_TEACHER_PIN, hash, crypto_pwhash_STRBYTES,
	    err) == HS_ESTORE)
		return HS_ESTORE;
	if (store_meta_get(s, SCHOOL_TEACHER_FAILS, buf, sizeof buf,
	    err) == 0)
		*failures = atoi(buf);
	if (store_meta_get(s, SCHOOL_TEACHER_LOCKED, buf, sizeof buf,
	    err) == 0)
		*locked_ms = atoll(buf);
	return 0;
}

/* Whose PIN a check is for: a learner (id), or the teacher (0).  Their
 * PIN state is read and written where it is kept: the learner's row, or
 * the meta table. */
static int
owner_state(struct store *s, long long learner,
    char hash[crypto_pwhash_STRBYTES], int *failures, long long *locked_ms,
    struct hs_error *err)
{
	if (learner != 0)
		return pin_state(s, learner, hash, failures, locked_ms, err);
	return teacher_state(s, hash, failures, locked_ms, err);
}

static int
owner_save(struct store *s, long long learner, int failures,
    long long until_ms, struct hs_error *err)
{
	static const char sql[] =
	    "UPDATE learners SET pin_failures = ?, locked_until = ?"
	    " WHERE id = ?";
	char buf[32];
	sqlite3_stmt *st;
	int rc;

	if (learner == 0) {
		snprintf(buf, sizeof buf, "%d", failures);
		if ((rc = store_meta_set(s, SCHOOL_TEACHER_FAILS, buf,
		    err)) != 0)
			return rc;
		snprintf(buf, sizeof buf, "%lld", until_ms);
		return store_meta_set(s, SCHOOL_TEACHER_LOCKED, buf, err);
	}
	if ((st = store_prepare(s, sql, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_int(st, 1, failures);
	if (until_ms > 0) {
		util_iso8601(until_ms, buf, sizeof buf);
		sqlite3_bind_text(st, 2, buf, -1, SQLITE_TRANSIENT);
	} else
		sqlite3_bind_null(st, 2);
	sqlite3_bind_int64(st, 3, learner);
	return store_step_done(s, st, err);
}

/* Checks a PIN against its owner's hash, with the lockout: refused
 * while locked; a wrong one counted, and locked after SCHOOL_PIN_TRIES
 * in a row. */
static int
pin_check(struct store *s, long long learner, const char *pin,
    long long now_ms, struct school_pin_result *res, struct hs_error *err)
{
	char hash[crypto_pwhash_STRBYTES];
	long long locked_ms, lock;
	int rc, failures, right;

	memset(res, 0, sizeof *res);
	if ((rc = owner_state(s, learner, hash, &failures, &locked_ms,
	    err)) != 0)
		return rc;
	if (hash[0] == '\0')
		return learner != 0 ? hs_error_set(err, HS_EINVAL, _("this "
		    "learner has no PIN")) : hs_error_set(err, HS_ENOTFOUND,
		    _("no teacher PIN yet: set one with hocso school "
		    "--teacher-pin PIN"));
	if (is_locked(locked_ms, now_ms)) {
		res->status = SCHOOL_PIN_LOCKED;
		res->seconds_left = seconds_until(locked_ms, now_ms);
		return 0;
	}
	/* The slow part, outside the write lock. */
	right = school_pin_valid(pin, NULL) == 0 &&
	    crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0;
	if ((rc = store_begin(s, err)) != 0)
		return rc;
	/* Another terminal may have tried meanwhile. */
	if ((rc = owner_state(s, learner, hash, &failures, &locked_ms,
	    err)) != 0)
		goto fail;
	if (is_locked(locked_ms, now_ms)) {
		store_rollback(s);
		res->status = SCHOOL_PIN_LOCKED;
		res->seconds_left = seconds_until(locked_ms, now_ms);
		return 0;
	}
	lock = pin_decide(right, &failures, res);
	if ((rc = owner_save(s, learner, failures, lock > 0 ? now_ms + lock :
	    0, err)) != 0)
		goto fail;
	return store_commit(s, err);
fail:
	store_rollback(s);
	return rc;
}

int
school_pin_check_at(struct store *s, long long learner_id, const char *pin,
    long long now_ms, struct school_pin_result *res, struct hs_error *err)
{
	if (learner_id == 0)
		return hs_error_set(err, HS_ENOTFOUND, _("there is no such "
		    "learner"));
	return pin_check(s, learner_id, pin, now_ms, res, err);
}

int
school_teacher_pin_set(struct store *s, const char *pin, struct hs_error *err)
{
	char hash[crypto_pwhash_STRBYTES];
	int rc;

	if ((rc = school_pin_valid(pin, err)) != 0)
		return rc;
	if (crypto_pwhash_str(hash, pin, strlen(pin), SCHOOL_PIN_OPSLIMIT,
	    SCHOOL_PIN_MEMLIMIT) != 0)
		return hs_error_set(err, HS_ENOMEM, _("not enough memory to "
		    "protect the PIN"));
	if ((rc = store_begin(s, err)) != 0)
		return rc;
	if ((rc = store_meta_set(s, SCHOOL_TEACHER_PIN, hash, err)) != 0 ||
	    (rc = store_meta_set(s, SCHOOL_TEACHER_FAILS, "0", err)) != 0 ||
	    (rc = store_meta_set(s, SCHOOL_TEACHER_LOCKED, "0", err)) != 0) {
		store_rollback(s);
		return rc;
	}
	return store_commit(s, err);
}

int
school_teacher_pin_check_at(struct store *s, const char *pin,
    long long now_ms, struct school_pin_result *res, struct hs_error *err)
{
	return pin_check(s, 0, pin, now_ms, res, err);
}

int
school_pin_check(struct store *s, long long learner_id, const char *pin,
    struct school_pin_result *res, struct hs_error *err)
{
	return school_pin_check_at(s, learner_id, pin, clock_now_ms(), res,
	    err);
}

/*
 * The CSV reader: RFC 4180 records from a buffer, with either separator,
 * LF or CRLF line ends, and "" for a quote inside a quoted field.  It is
 * lenient where spreadsheets are sloppy: text after a closing quote is
 * kept, a quote inside an unquoted field is a letter.
 */
struct csv {
	const char *p, *end;
	char sep;
	int line;		/* the line p is on, from 1 */
};

struct csv_record {
	int line;		/* where the record starts */
	int n;
	char **field;
};

struct buf {
	char *s;
	size_t len, cap;
};

static void
buf_add(struct buf *b, char c)
{
	if (b->len + 1 >= b->cap) {
		b->cap = b->cap != 0 ? b->cap * 2 : 64;
		b->s = xrealloc(b->s, b->cap);
	}
	b->s[b->len++] = c;
	b->s[b->len] = '\0';
}

static void
csv_record_free(struct csv_record *r)
{
	int i;

	for (i = 0; i < r->n; i++)
		free(r->field[i]);
	free(r->field);
	r->field = NULL;
	r->n = 0;
}

/* The separator of the header line: the more frequent of ';' and ','
 * outside quotes (',' when neither). */
static char
csv_detect(const char *p, const char *end)
{
	int commas = 0, semis = 0, quoted = 0;

	for (; p < end && (quoted || (*p != '\n' && *p != '\r')); p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && *p == ',')
			commas++;
		else if (!quoted && *p == ';')
			semis++;
	}
	return semis > commas ? ';' : ',';
}

/* Reads the next record into r.  Returns 1, 0 at the end of the data,
 * or HS_EINVAL (err filled) for a quote that is never closed, after
 * which the data is at its end. */
static int
csv_read(struct csv *c, struct csv_record *r, struct hs_error *err)
{
	struct buf f;
	size_t cap = 0;

	memset(r, 0, sizeof *r);
	r->line = c->line;
	if (c->p >= c->end)
		return 0;
	for (;;) {
		memset(&f, 0, sizeof f);
		buf_add(&f, '\0');	/* an empty field is "" */
		f.len = 0;
		if (c->p < c->end && *c->p == '"') {
			for (c->p++; ; c->p++) {
				if (c->p >= c->end) {
					free(f.s);
					csv_record_free(r);
					return hs_error_set(err, HS_EINVAL,
					    _("a quoted field is not closed"));
				}
				if (*c->p == '"') {
					if (c->p + 1 < c->end &&
					    c->p[1] == '"') {
						buf_add(&f, '"');
						c->p++;
						continue;
					}
					c->p++;
					break;
				}
				if (*c->p == '\n')
					c->line++;
				buf_add(&f, *c->p);
			}
		}
		for (; c->p < c->end && *c->p != c->sep && *c->p != '\n' &&
		    *c->p != '\r'; c->p++)
			buf_add(&f, *c->p);
		if ((size_t)r->n == cap) {
			cap = cap != 0 ? cap * 2 : 8;
			r->field = xrealloc(r->field, cap * sizeof *r->field);
		}
		r->field[r->n++] = f.s;
		if (c->p >= c->end)
			return 1;
		if (*c->p == c->sep) {
			c->p++;
			continue;
		}
		if (*c->p == '\r' && c->p + 1 < c->end && c->p[1] == '\n')
			c->p++;
		c->p++;
		c->line++;
		return 1;
	}
}

/* Whether every field of r is empty or spaces (a blank line, or a row a
 * spreadsheet left with only separators). */
static int
csv_blank(const struct csv_record *r)
{
	int i;

	for (i = 0; i < r->n; i++)
		if (r->field[i][strspn(r->field[i], " \t")] != '\0')
			return 0;
	return 1;
}

/* The columns the import knows, and the headers that name them. */
enum { COL_NAME, COL_CLASS, COL_PIN, COL_LANG, NCOLS };

static const struct {
	int col;
	const char *header;
} headers[] = {
	{ COL_NAME, "name" },
	{ COL_NAME, "tên" },
	{ COL_NAME, "họ tên" },
	{ COL_NAME, "họ và tên" },
	{ COL_CLASS, "class" },
	{ COL_CLASS, "lớp" },
	{ COL_PIN, "pin" },
	{ COL_PIN, "mã pin" },
	{ COL_LANG, "lang" },
	{ COL_LANG, "language" },
	{ COL_LANG, "ngôn ngữ" },
};

/* The column a header names (case and Unicode form ignored), or -1. */
static int
header_column(const char *text)
{
	char *clean;
	size_t i;
	int rc, cmp;

	if (name_clean(text, NAME_LEARNER, &clean, NULL) != 0)
		return -1;
	for (i = 0; i < sizeof headers / sizeof *headers; i++) {
		rc = u8_casecmp((const uint8_t *)clean, strlen(clean),
		    (const uint8_t *)headers[i].header,
		    strlen(headers[i].header), NULL, UNINORM_NFC, &cmp);
		if (rc == 0 && cmp == 0)
			break;
	}
	free(clean);
	return i < sizeof headers / sizeof *headers ? headers[i].col : -1;
}

/* One row of the file, checked. */
struct import_row {
	int line;
	char *name, *class_name, *pin;	/* clean; pin NULL for none */
	const char *lang;
	int cls;			/* index in the import's classes */
	char *why;			/* why it is bad, or NULL */
	char hash[crypto_pwhash_STRBYTES];
};

struct import_class {
	char *name;
	long long id;			/* 0 while it is to be made */
	int pins;
};

struct import {
	struct store *s;
	struct import_row *rows;
	int nrows, rowcap;
	struct import_class *classes;
	int nclasses, classcap;
};

/* Marks row bad with err's message, unless it is already. */
static void
row_bad(struct import_row *row, const struct hs_error *err)
{
	if (row->why == NULL)
		row->why = xstrdup(err->msg);
}

/* The field of r in column col, or "" when the row is short or the
 * file has no such column. */
static const char *
field_of(const struct csv_record *r, const int *cols, int col)
{
	return cols[col] >= 0 && cols[col] < r->n ? r->field[cols[col]] : "";
}

/* The index of the class name (clean) in im, added when new. */
static int
import_class_of(struct import *im, const char *name)
{
	int i;

	for (i = 0; i < im->nclasses; i++)
		if (!strcmp(im->classes[i].name, name))
			return i;
	if (im->nclasses == im->classcap) {
		im->classcap = im->classcap != 0 ? im->classcap * 2 : 8;
		im->classes = xrealloc(im->classes, im->classcap *
		    sizeof *im->classes);
	}
	memset(&im->classes[i], 0, sizeof im->classes[i]);
	im->classes[i].name = xstrdup(name);
	im->nclasses++;
	return i;
}

/* Checks the fields of record r on their own and appends it to im. */
static void
import_add_row(struct import *im, const struct csv_record *r,
    const int *cols)
{
	struct import_row *row;
	struct hs_error e;
	char *lang;
	int i;

	if (im->nrows == im->rowcap) {
		im->rowcap = im->rowcap != 0 ? im->rowcap * 2 : 64;
		im->rows = xrealloc(im->rows, im->rowcap * sizeof *im->rows);
	}
	row = &im->rows[im->nrows++];
	memset(row, 0, sizeof *row);
	row->line = r->line;
	row->cls = -1;
	for (i = 0; i < r->n; i++)
		if (u8_check((const uint8_t *)r->field[i],
		    strlen(r->field[i])) != NULL) {
			hs_error_set(&e, HS_EINVAL, _("the text is not UTF-8: "
			    "save the file as CSV UTF-8"));
			row_bad(row, &e);
			return;
		}
	if (name_clean(field_of(r, cols, COL_NAME), NAME_LEARNER, &row->name,
	    &e) != 0 || name_clean(field_of(r, cols, COL_CLASS), NAME_CLASS,
	    &row->class_name, &e) != 0) {
		row_bad(row, &e);
		return;
	}
	row->pin = trimmed(field_of(r, cols, COL_PIN));
	if (*row->pin == '\0') {
		free(row->pin);
		row->pin = NULL;
	} else if (school_pin_valid(row->pin, &e) != 0) {
		row_bad(row, &e);
		return;
	}
	lang = trimmed(field_of(r, cols, COL_LANG));
	row->lang = lang_check(lang, &e);
	free(lang);
	if (row->lang == NULL) {
		row_bad(row, &e);
		return;
	}
	row->cls = import_class_of(im, row->class_name);
	if (row->pin != NULL)
		im->classes[row->cls].pins = 1;
}

/* Checks what depends on the store and on the other rows: a class that
 * uses PINs, names already in a class or twice in the file. */
static int
import_check(struct import *im, struct hs_error *err)
{
	struct import_class *c;
	struct import_row *row, *other;
	struct hs_error e;
	long long id;
	int i, j, rc, pins;

	for (i = 0; i < im->nclasses; i++) {
		c = &im->classes[i];
		rc = class_find(im->s, c->name, &c->id, &pins, &e);
		if (rc == 0)
			c->pins = pins;
		else if (rc == HS_ENOTFOUND)
			c->id = 0;
		else
			return err_pass(err, &e);
	}
	for (i = 0; i < im->nrows; i++) {
		row = &im->rows[i];
		if (row->why != NULL)
			continue;
		c = &im->classes[row->cls];
		if (c->pins && row->pin == NULL) {
			hs_error_set(&e, HS_EINVAL, _("class %s signs in with "
			    "a PIN: this learner needs one"), c->name);
			row_bad(row, &e);
			continue;
		}
		if (c->id != 0) {
			rc = learner_find(im->s, c->id, c->name, row->name, &id,
			    &e);
			if (rc == 0) {
				hs_error_set(&e, HS_EINVAL, _("there is "
				    "already a learner named %s in class %s"),
				    row->name, c->name);
				row_bad(row, &e);
				continue;
			}
			if (rc != HS_ENOTFOUND)
				return err_pass(err, &e);
		}
		for (j = 0; j < i; j++) {
			other = &im->rows[j];
			if (other->cls == row->cls && other->name != NULL &&
			    !strcmp(other->name, row->name)) {
				hs_error_set(&e, HS_EINVAL, _("the learner %s "
				    "of class %s is also on line %d"),
				    row->name, c->name, other->line);
				row_bad(row, &e);
				break;
			}
		}
	}
	return 0;
}

/* Adds every row of im in one transaction. */
static int
import_write(struct import *im, int *classes, struct hs_error *err)
{
	struct import_row *row;
	struct import_class *c;
	int i, rc;

	/* The hashes first: they are slow, and need no lock. */
	for (i = 0; i < im->nrows; i++)
		if (im->rows[i].pin != NULL && (rc = pin_hash(im->rows[i].pin,
		    im->rows[i].hash, err)) != 0)
			return rc;
	if ((rc = store_begin(im->s, err)) != 0)
		return rc;
	for (i = 0; i < im->nclasses; i++) {
		c = &im->classes[i];
		if (c->id == 0) {
			if ((rc = class_insert(im->s, c->name, c->pins, &c->id,
			    err)) != 0)
				goto fail;
			(*classes)++;
		}
	}
	for (i = 0; i < im->nrows; i++) {
		row = &im->rows[i];
		if ((rc = learner_insert(im->s, im->classes[row->cls].id,
		    row->name, row->pin != NULL ? row->hash : NULL, row->lang,
		    NULL, err)) != 0)
			goto fail;
	}
	return store_commit(im->s, err);
fail:
	store_rollback(im->s);
	*classes = 0;
	return rc;
}

static void
import_free(struct import *im)
{
	int i;

	for (i = 0; i < im->nrows; i++) {
		free(im->rows[i].name);
		free(im->rows[i].class_name);
		if (im->rows[i].pin != NULL)
			sodium_memzero(im->rows[i].pin,
			    strlen(im->rows[i].pin));
		free(im->rows[i].pin);
		free(im->rows[i].why);
	}
	sodium_memzero(im->rows, im->rowcap * sizeof *im->rows);
	free(im->rows);
	for (i = 0; i < im->nclasses; i++)
		free(im->classes[i].name);
	free(im->classes);
}

/* Reads the header record: the index of each known column in *cols (-1
 * when absent). */
static int
import_header(struct csv *c, const char *path, int *cols,
    struct hs_error *err)
{
	struct csv_record r;
	struct hs_error e;
	int i, col, rc;

	for (i = 0; i < NCOLS; i++)
		cols[i] = -1;
	if ((rc = csv_read(c, &r, &e)) <= 0) {
		if (rc == 0)
			hs_error_set(&e, HS_EINVAL, _("there are no learners "
			    "in the file"));
		return hs_error_set_at(err, HS_EINVAL, path, 1, 0, "%s",
		    e.msg);
	}
	for (i = 0; i < r.n; i++) {
		if ((col = header_column(r.field[i])) < 0)
			continue;
		if (cols[col] >= 0) {
			hs_error_set_at(err, HS_EINVAL, path, r.line, 0,
			    _("two columns are named %s"), r.field[i]);
			csv_record_free(&r);
			return HS_EINVAL;
		}
		cols[col] = i;
	}
	csv_record_free(&r);
	if (cols[COL_NAME] < 0 || cols[COL_CLASS] < 0)
		return hs_error_set_at(err, HS_EINVAL, path, 1, 0,
		    _("the first line must name the columns: name and class "
		    "(or tên and lớp), and pin and lang if wanted"));
	return 0;
}

int
school_learner_import(struct store *s, const char *path,
    school_bad_row_fn bad, void *arg, int *added, int *classes,
    struct hs_error *err)
{
	struct import im = { s, NULL, 0, 0, NULL, 0, 0 };
	struct hs_error e, unclosed = { 0 };
	struct csv_record r;
	struct csv c;
	int cols[NCOLS], i, nbad = 0, rc, made = 0;
	size_t len;
	char *text;

	if (added != NULL)
		*added = 0;
	if (classes != NULL)
		*classes = 0;
	/* The list may come on a stick: no link, no FIFO. */
	if ((rc = fileio_read(path, IMPORT_MAX_BYTES, &text, &len, err)) != 0)
		return rc;
	c.p = text;
	c.end = text + len;
	c.line = 1;
	if (len >= 2 && ((text[0] == '\xff' && text[1] == '\xfe') ||
	    (text[0] == '\xfe' && text[1] == '\xff'))) {
		rc = hs_error_set_at(err, HS_EINVAL, path, 0, 0, _("the file "
		    "is UTF-16: save it as CSV UTF-8"));
		goto out;
	}
	if (len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3))
		c.p += 3;
	c.sep = csv_detect(c.p, c.end);
	if ((rc = import_header(&c, path, cols, err)) != 0)
		goto out;
	while ((rc = csv_read(&c, &r, &unclosed)) != 0) {
		if (rc < 0) {
			/* The rest of the file is inside the quote: said
			 * after the rows before it. */
			unclosed.line = r.line;
			break;
		}
		if (!csv_blank(&r))
			import_add_row(&im, &r, cols);
		csv_record_free(&r);
	}
	if (im.nrows == 0 && unclosed.line == 0) {
		rc = hs_error_set_at(err, HS_EINVAL, path, 0, 0, _("there are "
		    "no learners in the file"));
		goto out;
	}
	if ((rc = import_check(&im, err)) != 0)
		goto out;
	for (i = 0; i < im.nrows; i++) {
		if (im.rows[i].why == NULL)
			continue;
		if (bad != NULL) {
			hs_error_set_at(&e, HS_EINVAL, path, im.rows[i].line, 0,
			    "%s", im.rows[i].why);
			bad(&e, arg);
		}
		nbad++;
	}
	if (unclosed.line > 0) {
		if (bad != NULL) {
			hs_error_set_at(&e, HS_EINVAL, path, unclosed.line, 0,
			    "%s", unclosed.msg);
			bad(&e, arg);
		}
		nbad++;
	}
	if (nbad > 0) {
		rc = hs_error_set_at(err, HS_EINVAL, path, 0, 0, P_("%d row is "
		    "bad: nothing was added", "%d rows are bad: nothing was "
		    "added", nbad), nbad);
		goto out;
	}
	if ((rc = import_write(&im, &made, err)) != 0)
		goto out;
	if (added != NULL)
		*added = im.nrows;
	if (classes != NULL)
		*classes = made;
out:
	import_free(&im);
	free(text);
	return rc;
}

int
school_code_valid(const char *code, struct hs_error *err)
{
	size_t n = strlen(code);

	if (n == 0 || n > 32 || strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789-_.") != n)
		return hs_error_set(err, HS_EINVAL, _("the school code must be "
		    "1 to 32 letters, digits, '-', '_' or '.'"));
	return 0;
}

int
school_learner_change(struct store *s, const char *class_name,
    const char *name, enum school_change what, const char *value,
    struct hs_error *err)
{
	static const char *const sql[] = {
	    "UPDATE learners SET name = ?1 WHERE id = ?2",
	    "UPDATE learners SET class_id = ?1 WHERE id = ?2",
	    "UPDATE learners SET pin_hash = ?1, pin_failures = 0,"
	    " locked_until = NULL WHERE id = ?2",
	    "UPDATE learners SET lang = ?1 WHERE id = ?2",
	};
	char *cname = NULL, *lname = NULL, *nv = NULL, *tname = NULL;
	char hash[crypto_pwhash_STRBYTES];
	long long class_id, id, other, to = 0;
	int rc, to_pins = 0, has_pin = 0;
	sqlite3_stmt *st;

	if (name_clean(class_name, NAME_CLASS, &cname, err) != 0 ||
	    name_clean(name, NAME_LEARNER, &lname, err) != 0) {
		rc = hs_error_set(err, HS_ENOTFOUND, _("there is no learner "
		    "named %s in class %s"), name, class_name);
		goto out;
	}
	/* Check and hash before the write lock is taken. */
	if (what == SCHOOL_RENAME &&
	    (rc = name_clean(value, NAME_LEARNER, &nv, err)) != 0)
		goto out;
	if (what == SCHOOL_MOVE &&
	    (rc = name_clean(value, NAME_CLASS, &tname, err)) != 0)
		goto out;
	if (what == SCHOOL_PIN) {
		if ((rc = school_pin_valid(value, err)) != 0)
			goto out;
		if (crypto_pwhash_str(hash, value, strlen(value),
		    SCHOOL_PIN_OPSLIMIT, SCHOOL_PIN_MEMLIMIT) != 0) {
			rc = hs_error_set(err, HS_ENOMEM, _("not enough memory "
			    "to protect the PIN"));
			goto out;
		}
	}
	if (what == SCHOOL_LANG && strcmp(value, "vi") != 0 &&
	    strcmp(value, "en") != 0) {
		rc = hs_error_set(err, HS_EINVAL, _("unknown language '%s': "
		    "use vi or en"), value);
		goto out;
	}
	/* A renamed learner's old name must not stay in the file. */
	if (what == SCHOOL_RENAME && sqlite3_exec(store_db(s),
	    "PRAGMA secure_delete = ON", NULL, NULL, NULL) != SQLITE_OK) {
		rc = store_error(s, err, _("database error"));
		goto out;
	}
	if ((rc = store_begin(s, err)) != 0)
		goto out;
	if ((rc = class_find(s, cname, &class_id, NULL, err)) != 0 ||
	    (rc = learner_find(s, class_id, cname, lname, &id, err)) != 0)
		goto fail;
	if (what == SCHOOL_RENAME && learner_find(s, class_id, cname, nv,
	    &other, err) == 0) {
		rc = hs_error_set(err, HS_EINVAL, _("there is already a "
		    "learner named %s in class %s"), nv, cname);
		goto fail;
	}
	if (what == SCHOOL_MOVE) {
		if ((rc = class_find(s, tname, &to, &to_pins, err)) != 0)
			goto fail;
		if (learner_find(s, to, tname, lname, &other, err) == 0) {
			rc = hs_error_set(err, HS_EINVAL, _("there is already a "
			    "learner named %s in class %s"), lname, tname);
			goto fail;
		}
		if (to_pins && (rc = pin_state(s, id, hash, &has_pin,
		    &other, err)) == 0 && hash[0] == '\0') {
			rc = hs_error_set(err, HS_EINVAL, _("class %s signs in "
			    "with a PIN: this learner needs one"), tname);
			goto fail;
		}
		if (rc != 0)
			goto fail;
	}
	if ((st = store_prepare(s, sql[what], err)) == NULL) {
		rc = HS_ESTORE;
		goto fail;
	}
	if (what == SCHOOL_MOVE)
		sqlite3_bind_int64(st, 1, to);
	else
		sqlite3_bind_text(st, 1, what == SCHOOL_RENAME ? nv :
		    what == SCHOOL_PIN ? hash : value, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, id);
	if ((rc = store_step_done(s, st, err)) != 0 ||
	    (rc = store_commit(s, err)) != 0)
		goto fail;
	goto out;
fail:
	store_rollback(s);
out:
	sodium_memzero(hash, sizeof hash);
	free(cname);
	free(lname);
	free(nv);
	free(tname);
	return rc;
}

int
school_class_rename(struct store *s, const char *name, const char *new_name,
    struct hs_error *err)
{
	static const char sql[] = "UPDATE classes SET name = ? WHERE id = ?";
	char *cname = NULL, *nname = NULL;
	long long id, other;
	sqlite3_stmt *st;
	int rc;

	if ((rc = name_clean(name, NAME_CLASS, &cname, err)) != 0 ||
	    (rc = name_clean(new_name, NAME_CLASS, &nname, err)) != 0)
		goto out;
	if ((rc = store_begin(s, err)) != 0)
		goto out;
	if ((rc = class_find(s, cname, &id, NULL, err)) != 0)
		goto fail;
	if (class_find(s, nname, &other, NULL, err) == 0) {
		rc = hs_error_set(err, HS_EINVAL, _("there is already a class "
		    "named %s"), nname);
		goto fail;
	}
	if ((st = store_prepare(s, sql, err)) == NULL) {
		rc = HS_ESTORE;
		goto fail;
	}
	sqlite3_bind_text(st, 1, nname, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, id);
	if ((rc = store_step_done(s, st, err)) != 0 ||
	    (rc = store_commit(s, err)) != 0)
		goto fail;
	goto out;
fail:
	store_rollback(s);
out:
	free(cname);
	free(nname);
	return rc;
}

int
school_class_remove(struct store *s, const char *name, struct hs_error *err)
{
	static const char count[] =
	    "SELECT count(*) FROM learners WHERE class_id = ?"
	    " AND removed_at IS NULL";
	/* Removed learners keep their anonymous rows, now classless. */
	static const char detach[] =
	    "UPDATE learners SET class_id = NULL WHERE class_id = ?";
	static const char drop[] = "DELETE FROM classes WHERE id = ?";
	char *cname = NULL;
	long long id;
	sqlite3_stmt *st;
	int rc, n = 0;

	if ((rc = name_clean(name, NAME_CLASS, &cname, err)) != 0)
		goto out;
	if ((rc = store_begin(s, err)) != 0)
		goto out;
	if ((rc = class_find(s, cname, &id, NULL, err)) != 0)
		goto fail;
	if ((st = store_prepare(s, count, err)) == NULL) {
		rc = HS_ESTORE;
		goto fail;
	}
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (n > 0) {
		rc = hs_error_set(err, HS_EINVAL, P_("class %s still has %d "
		    "learner: move or remove them first", "class %s still has "
		    "%d learners: move or remove them first", n), cname, n);
		goto fail;
	}
	if ((st = store_prepare(s, detach, err)) == NULL) {
		rc = HS_ESTORE;
		goto fail;
	}
	sqlite3_bind_int64(st, 1, id);
	if ((rc = store_step_done(s, st, err)) != 0)
		goto fail;
	if ((st = store_prepare(s, drop, err)) == NULL) {
		rc = HS_ESTORE;
		goto fail;
	}
	sqlite3_bind_int64(st, 1, id);
	if ((rc = store_step_done(s, st, err)) != 0 ||
	    (rc = store_commit(s, err)) != 0)
		goto fail;
	goto out;
fail:
	store_rollback(s);
out:
	free(cname);
	return rc;
}

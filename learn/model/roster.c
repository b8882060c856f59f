/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * roster.c: the school's classes and their learners.  See roster.h.
 *
 * Each write is one BEGIN IMMEDIATE transaction; the slow part of a PIN,
 * its hash (pin.c), is done before the transaction so that the write
 * lock is held only for the rows.  Nothing here appends an event: roster
 * changes are not learner actions, and no name may ever reach the events
 * table.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sodium.h>

#include "core/clock.h"
#include "core/i18n.h"
#include "core/util.h"
#include "learn/model/pin.h"
#include "learn/model/helpreq.h"
#include "learn/model/roster.h"
#include "learn/model/school.h"

static const char *const langs[] = { "vi", "en" };

/* Copies e into err (which may be NULL) and returns its code. */
static int
err_pass(struct hs_error *err, const struct hs_error *e)
{
	if (err != NULL)
		*err = *e;
	return e->code;
}

/* The stored form of a language ("vi" when lang is NULL or empty), or
 * NULL with err filled when it is not one we speak. */
const char *
roster_lang_check(const char *lang, struct hs_error *err)
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

/* The class called name (already clean): its id and whether it uses
 * PINs.  Returns 0, HS_ENOTFOUND (err says so) or HS_ESTORE. */
int
roster_class_find(struct store *s, const char *name, long long *id, int *pins,
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
int
roster_learner_lookup(struct store *s, long long class_id,
    const char *class_name, const char *name, long long *id, struct hs_error *err)
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
int
roster_class_insert(struct store *s, const char *name, int pins, long long *id,
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
int
roster_learner_insert(struct store *s, long long class_id, const char *name,
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
roster_class_add(struct store *s, const char *name, int pins,
    struct hs_error *err)
{
	struct hs_error e;
	long long id;
	char *clean;
	int rc;

	if ((rc = school_class_name_clean(name, &clean, err)) != 0)
		return rc;
	if ((rc = store_begin(s, err)) != 0)
		goto out;
	rc = roster_class_find(s, clean, &id, NULL, &e);
	if (rc == 0)
		rc = hs_error_set(err, HS_EINVAL, _("there is already a class "
		    "named %s"), clean);
	else if (rc != HS_ENOTFOUND)
		err_pass(err, &e);
	else if ((rc = roster_class_insert(s, clean, pins, NULL, err)) == 0)
		rc = store_commit(s, err);
	store_rollback(s);
out:
	free(clean);
	return rc;
}

int
roster_class_list(struct store *s, roster_class_fn fn, void *arg,
    struct hs_error *err)
{
	static const char sql[] =
	    "SELECT c.id, c.uuid, c.name, c.pins, (SELECT count(*) FROM"
	    " learners l WHERE l.class_id = c.id AND l.removed_at IS NULL)"
	    " FROM classes c ORDER BY c.name";
	struct roster_class c;
	sqlite3_stmt *st;
	int rc, stop = 0;

	if ((st = store_prepare(s, sql, err)) == NULL)
		return HS_ESTORE;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		c.id = sqlite3_column_int64(st, 0);
		util_copy(c.uuid, (const char *)sqlite3_column_text(st, 1),
		    sizeof c.uuid);
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

	if ((rc = roster_class_find(s, class_name, class_id, &pins, err)) != 0)
		return rc;
	if (pins && pin == NULL)
		return hs_error_set(err, HS_EINVAL, _("class %s signs in with "
		    "a PIN: this learner needs one"), class_name);
	rc = roster_learner_lookup(s, *class_id, class_name, name, &id,
	    &notfound);
	if (rc == 0)
		return hs_error_set(err, HS_EINVAL, _("there is already a "
		    "learner named %s in class %s"), name, class_name);
	if (rc != HS_ENOTFOUND)
		return err_pass(err, &notfound);
	return 0;
}

int
roster_learner_add(struct store *s, const char *class_name,
    const char *name, const char *pin, const char *lang, long long *id,
    struct hs_error *err)
{
	char hash[crypto_pwhash_STRBYTES], *cname = NULL, *lname = NULL;
	long long class_id;
	int rc;

	if ((rc = school_class_name_clean(class_name, &cname, err)) != 0 ||
	    (rc = school_name_clean(name, &lname, err)) != 0)
		goto out;
	if (pin != NULL && (rc = pin_valid(pin, err)) != 0)
		goto out;
	if ((lang = roster_lang_check(lang, err)) == NULL) {
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
	    (rc = roster_learner_insert(s, class_id, lname, pin != NULL ?
	    hash : NULL, lang, id, err)) == 0)
		rc = store_commit(s, err);
	store_rollback(s);
out:
	sodium_memzero(hash, sizeof hash);
	free(cname);
	free(lname);
	return rc;
}

int
roster_learner_find(struct store *s, const char *class_name,
    const char *name, long long *id, struct hs_error *err)
{
	char *cname = NULL, *lname = NULL;
	long long class_id;
	int rc;

	if ((rc = school_class_name_clean(class_name, &cname, err)) != 0 ||
	    (rc = school_name_clean(name, &lname, err)) != 0) {
		/* A name that cannot be stored names no one. */
		rc = hs_error_set(err, HS_ENOTFOUND, _("there is no learner "
		    "named %s in class %s"), name, class_name);
		goto out;
	}
	if ((rc = roster_class_find(s, cname, &class_id, NULL, err)) == 0)
		rc = roster_learner_lookup(s, class_id, cname, lname, id, err);
out:
	free(cname);
	free(lname);
	return rc;
}

int
roster_learner_list(struct store *s, const char *class_name,
    roster_learner_fn fn, void *arg, struct hs_error *err)
{
	/* One class's learners (the sign-in screen, at every start) from
	 * learners alone: a plan without the join costs a third. */
	static const char sql_class[] =
	    "SELECT id, uuid, NULL, name, NULL, pin_hash IS NOT NULL,"
	    " coalesce(lang, 'vi')"
	    " FROM learners WHERE class_id = ?1 AND removed_at IS NULL"
	    " ORDER BY id";
	static const char sql_all[] =
	    "SELECT l.id, l.uuid, c.name, l.name, c.pins,"
	    " l.pin_hash IS NOT NULL, coalesce(l.lang, 'vi')"
	    " FROM learners l JOIN classes c ON c.id = l.class_id"
	    " WHERE l.removed_at IS NULL"
	    " ORDER BY c.name, l.id";
	struct roster_learner l;
	long long class_id = 0;
	sqlite3_stmt *st;
	const char *text;
	char *cname = NULL;
	int rc, pins = 0, stop = 0;

	if (class_name != NULL) {
		if (school_class_name_clean(class_name, &cname, err) != 0)
			return hs_error_set(err, HS_ENOTFOUND, _("there is no "
			    "class named %s"), class_name);
		if ((rc = roster_class_find(s, cname, &class_id, &pins,
		    err)) != 0) {
			free(cname);
			return rc;
		}
	}
	if ((st = store_prepare(s, class_name != NULL ? sql_class : sql_all,
	    err)) == NULL) {
		free(cname);
		return HS_ESTORE;
	}
	if (class_name != NULL)
		sqlite3_bind_int64(st, 1, class_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		l.id = sqlite3_column_int64(st, 0);
		text = (const char *)sqlite3_column_text(st, 1);
		util_copy(l.uuid, text != NULL ? text : "", sizeof l.uuid);
		if (cname != NULL) {
			l.class_name = cname;
			l.class_pins = pins;
		} else {
			l.class_name = (const char *)sqlite3_column_text(st,
			    2);
			l.class_pins = sqlite3_column_int(st, 4);
		}
		l.name = (const char *)sqlite3_column_text(st, 3);
		l.has_pin = sqlite3_column_int(st, 5);
		text = (const char *)sqlite3_column_text(st, 6);
		util_copy(l.lang, text != NULL ? text : "vi",
		    sizeof l.lang);
		if ((stop = fn(&l, arg)) != 0)
			break;
	}
	sqlite3_reset(st);
	free(cname);
	if (stop != 0)
		return stop;
	if (rc != SQLITE_DONE)
		return store_error(s, err, _("cannot read the roster"));
	return 0;
}

int
roster_learner_remove(struct store *s, const char *class_name,
    const char *name, struct hs_error *err)
{
	static const char sql[] =
	    "UPDATE learners SET name = '', pin_hash = NULL, pin_failures = 0,"
	    " locked_until = NULL, removed_at = ? WHERE id = ?";
	char *cname = NULL, *lname = NULL, ts[32];
	long long class_id, id;
	sqlite3_stmt *st;
	int rc;

	if (school_class_name_clean(class_name, &cname, err) != 0 ||
	    school_name_clean(name, &lname, err) != 0) {
		rc = hs_error_set(err, HS_ENOTFOUND, _("there is no learner "
		    "named %s in class %s"), name, class_name);
		goto out;
	}
	/* The old name does not stay in the file's free space: every
	 * store's connection has secure_delete on (core/store.c). */
	if ((rc = store_begin(s, err)) != 0)
		goto out;
	if ((rc = roster_class_find(s, cname, &class_id, NULL, err)) != 0 ||
	    (rc = roster_learner_lookup(s, class_id, cname, lname, &id,
	    err)) != 0)
		goto fail;
	if ((st = store_prepare(s, sql, err)) == NULL) {
		rc = HS_ESTORE;
		goto fail;
	}
	util_iso8601(clock_now_ms(), ts, sizeof ts);
	sqlite3_bind_text(st, 1, ts, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, id);
	if ((rc = store_step_done(s, st, err)) != 0 ||
	    (rc = helpreq_forget_learner(s, id, err)) != 0 ||
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

int
roster_learner_change(struct store *s, const char *class_name,
    const char *name, enum roster_change what, const char *value,
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

	if (school_class_name_clean(class_name, &cname, err) != 0 ||
	    school_name_clean(name, &lname, err) != 0) {
		rc = hs_error_set(err, HS_ENOTFOUND, _("there is no learner "
		    "named %s in class %s"), name, class_name);
		goto out;
	}
	/* Check and hash before the write lock is taken. */
	if (what == ROSTER_RENAME &&
	    (rc = school_name_clean(value, &nv, err)) != 0)
		goto out;
	if (what == ROSTER_MOVE &&
	    (rc = school_class_name_clean(value, &tname, err)) != 0)
		goto out;
	if (what == ROSTER_PIN) {
		if ((rc = pin_valid(value, err)) != 0)
			goto out;
		if (crypto_pwhash_str(hash, value, strlen(value),
		    PIN_OPSLIMIT, PIN_MEMLIMIT) != 0) {
			rc = hs_error_set(err, HS_ENOMEM, _("not enough memory "
			    "to protect the PIN"));
			goto out;
		}
	}
	if (what == ROSTER_LANG && strcmp(value, "vi") != 0 &&
	    strcmp(value, "en") != 0) {
		rc = hs_error_set(err, HS_EINVAL, _("unknown language '%s': "
		    "use vi or en"), value);
		goto out;
	}
	if ((rc = store_begin(s, err)) != 0)
		goto out;
	if ((rc = roster_class_find(s, cname, &class_id, NULL, err)) != 0 ||
	    (rc = roster_learner_lookup(s, class_id, cname, lname, &id,
	    err)) != 0)
		goto fail;
	if (what == ROSTER_RENAME && roster_learner_lookup(s, class_id, cname,
	    nv, &other, err) == 0) {
		rc = hs_error_set(err, HS_EINVAL, _("there is already a "
		    "learner named %s in class %s"), nv, cname);
		goto fail;
	}
	if (what == ROSTER_MOVE) {
		if ((rc = roster_class_find(s, tname, &to, &to_pins, err)) != 0)
			goto fail;
		if (roster_learner_lookup(s, to, tname, lname, &other,
		    err) == 0) {
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
	if (what == ROSTER_MOVE)
		sqlite3_bind_int64(st, 1, to);
	else
		sqlite3_bind_text(st, 1, what == ROSTER_RENAME ? nv :
		    what == ROSTER_PIN ? hash : value, -1, SQLITE_TRANSIENT);
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
roster_class_rename(struct store *s, const char *name, const char *new_name,
    struct hs_error *err)
{
	static const char sql[] = "UPDATE classes SET name = ? WHERE id = ?";
	char *cname = NULL, *nname = NULL;
	long long id, other;
	sqlite3_stmt *st;
	int rc;

	if ((rc = school_class_name_clean(name, &cname, err)) != 0 ||
	    (rc = school_class_name_clean(new_name, &nname, err)) != 0)
		goto out;
	if ((rc = store_begin(s, err)) != 0)
		goto out;
	if ((rc = roster_class_find(s, cname, &id, NULL, err)) != 0)
		goto fail;
	if (roster_class_find(s, nname, &other, NULL, err) == 0) {
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
roster_class_remove(struct store *s, const char *name, struct hs_error *err)
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

	if ((rc = school_class_name_clean(name, &cname, err)) != 0)
		goto out;
	if ((rc = store_begin(s, err)) != 0)
		goto out;
	if ((rc = roster_class_find(s, cname, &id, NULL, err)) != 0)
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

int
roster_learner_set_pin_hash(struct store *s, long long id, const char *hash,
    struct hs_error *err)
{
	sqlite3_stmt *st = store_prepare(s, "UPDATE learners SET pin_hash = ?1,"
	    " pin_failures = 0, locked_until = NULL WHERE id = ?2", err);

	if (st == NULL)
		return HS_ESTORE;
	sqlite3_bind_text(st, 1, hash, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, id);
	return store_step_done(s, st, err);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check_school.c: the roster through the real store: classes, learners,
 * the name and PIN rules, Argon2id hashes, the lockout after wrong PINs
 * (at injected times, not by sleeping), removal that erases the name and
 * PIN and keeps anonymous progress, the CSV import that adds all rows or
 * none, and the device's own learner kept apart from the roster.
 */
#include "config.h"

#include <sodium.h>

#include "core/store.h"
#include "core/util.h"
#include "learn/model/progress.h"
#include "learn/model/import.h"
#include "learn/model/pin.h"
#include "learn/model/roster.h"
#include "learn/model/school.h"
#include "sync/devstore.h"
#include "tests/testutil.h"

static char dir[4096], db_path[4200];
static struct store *store;

static void
setup(void)
{
	struct hs_error err;

	snprintf(dir, sizeof dir, "%s", test_tmpdir());
	snprintf(db_path, sizeof db_path, "%s/hocso.db", dir);
	ck_assert_int_eq(devstore_open(db_path, &store, &err), 0);
}

static void
teardown(void)
{
	store_close(store);
	test_rmtree(dir);
}

static long long
count(const char *sql)
{
	sqlite3_stmt *st;
	long long v;

	ck_assert_int_eq(sqlite3_prepare_v2(store_db(store), sql, -1, &st,
	    NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* The text of the first column of the first row of sql about learner
 * id ("?1"), in a static buffer; "(null)" for NULL. */
static const char *
learner_text(const char *sql, long long id)
{
	static char buf[512];
	sqlite3_stmt *st;
	const unsigned char *t;

	ck_assert_int_eq(sqlite3_prepare_v2(store_db(store), sql, -1, &st,
	    NULL), SQLITE_OK);
	sqlite3_bind_int64(st, 1, id);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	t = sqlite3_column_text(st, 0);
	snprintf(buf, sizeof buf, "%s", t != NULL ? (const char *)t : "(null)");
	sqlite3_finalize(st);
	return buf;
}

static void
add_class(const char *name, int pins)
{
	struct hs_error err;

	ck_assert_int_eq(roster_class_add(store, name, pins, &err), 0);
}

static long long
add_learner(const char *cls, const char *name, const char *pin)
{
	struct hs_error err;
	long long id = 0;

	ck_assert_int_eq(roster_learner_add(store, cls, name, pin, NULL, &id,
	    &err), 0);
	ck_assert_int_gt(id, 0);
	return id;
}

/* Collects what a list hands over, as "class|name|pin|lang" lines. */
static int
collect_learner(const struct roster_learner *l, void *arg)
{
	char *out = arg;
	size_t n = strlen(out);

	snprintf(out + n, 2048 - n, "%s|%s|%d|%s\n", l->class_name, l->name,
	    l->has_pin, l->lang);
	return 0;
}

static int
collect_class(const struct roster_class *c, void *arg)
{
	char *out = arg;
	size_t n = strlen(out);

	snprintf(out + n, 2048 - n, "%s|%d|%d\n", c->name, c->pins,
	    c->learners);
	return 0;
}

START_TEST(test_classes_are_added_once_and_listed)
{
	char out[2048] = "";
	struct hs_error err;

	/* given two classes, one with PINs */
	add_class("4A", 0);
	add_class("Lớp 5B", 1);
	add_learner("4A", "An", NULL);
	/* when a class of the same name is added again */
	ck_assert_int_eq(roster_class_add(store, "4A", 1, &err), HS_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "4A"));
	/* (spaces around a name do not make it new) */
	ck_assert_int_eq(roster_class_add(store, " 4A ", 0, &err), HS_EINVAL);
	ck_assert_int_eq(roster_class_add(store, "", 0, &err), HS_EINVAL);
	/* then the list has each once, with its PIN rule and learners */
	ck_assert_int_eq(roster_class_list(store, collect_class, out, &err), 0);
	ck_assert_str_eq(out, "4A|0|1\nLớp 5B|1|0\n");
	ck_assert_int_eq(count("SELECT count(DISTINCT uuid) FROM classes"), 2);
}
END_TEST

/* Names: what is given, and what is stored (NULL: refused). */
static const struct {
	const char *in, *out;
} names[] = {
	{ "Nguyễn Văn An", "Nguyễn Văn An" },
	{ "  Nguyễn   Văn  An ", "Nguyễn Văn An" },
	/* decomposed: e + circumflex + tilde becomes precomposed ễ */
	{ "Nguye\xcc\x82\xcc\x83n", "Nguy\xe1\xbb\x85n" },
	/* a no-break space is a space */
	{ "Lê\xc2\xa0Mai", "Lê Mai" },
	{ "A", "A" },
	{ "", NULL },
	{ "   ", NULL },
	{ "An\tBình", NULL },
	{ "An\nBình", NULL },
	{ "An\x1b[31m", NULL },
	{ "An\xe2\x80\xae", NULL },	/* U+202E right-to-left override */
	{ "An\xff", NULL },		/* not UTF-8 */
};

START_TEST(test_name_length_in_characters)
{
	struct hs_error err;
	char name[400] = "";
	char *out;
	int i;

	/* 60 letters of three bytes each are 60 characters: kept */
	for (i = 0; i < SCHOOL_NAME_MAX; i++)
		strcat(name, "ễ");
	ck_assert_int_eq(school_name_clean(name, &out, &err), 0);
	ck_assert_str_eq(out, name);
	free(out);
	/* one more is too long */
	strcat(name, "a");
	ck_assert_int_eq(school_name_clean(name, &out, &err), HS_EINVAL);
	ck_assert_str_eq(err.msg, "the name is longer than 60 characters");
}
END_TEST

START_TEST(test_name_rules)
{
	struct hs_error err;
	char *out;
	int rc;

	rc = school_name_clean(names[_i].in, &out, &err);
	if (names[_i].out == NULL) {
		ck_assert_int_eq(rc, HS_EINVAL);
		ck_assert_ptr_null(out);
		ck_assert_str_ne(err.msg, "");
	} else {
		ck_assert_int_eq(rc, 0);
		ck_assert_str_eq(out, names[_i].out);
		free(out);
	}
}
END_TEST

static const struct {
	const char *pin;
	int ok;
} pins[] = {
	{ "1234", 1 }, { "0000", 1 }, { "12345678", 1 }, { "123", 0 },
	{ "123456789", 0 }, { "12a4", 0 }, { "", 0 }, { " 1234", 0 },
	{ "1234 ", 0 }, { "-123", 0 },
	{ "\xd9\xa1\xd9\xa2\xd9\xa3\xd9\xa4", 0 },	/* Arabic-Indic */
};

START_TEST(test_pin_rules)
{
	struct hs_error err;

	if (pins[_i].ok)
		ck_assert_int_eq(pin_valid(pins[_i].pin, &err), 0);
	else {
		ck_assert_int_eq(pin_valid(pins[_i].pin, &err),
		    HS_EINVAL);
		ck_assert_str_eq(err.msg, "the PIN must be 4 to 8 digits");
	}
}
END_TEST

START_TEST(test_learners_are_unique_in_their_class)
{
	char out[2048] = "";
	struct hs_error err;
	long long id;

	add_class("4A", 0);
	add_class("4B", 0);
	add_learner("4A", "Nguyễn Văn An", NULL);
	/* the same name, even decomposed or spaced, is refused in 4A */
	ck_assert_int_eq(roster_learner_add(store, "4A", "Nguyễn  Văn An ",
	    NULL, NULL, NULL, &err), HS_EINVAL);
	ck_assert_str_eq(err.msg, "there is already a learner named Nguyễn "
	    "Văn An in class 4A");
	ck_assert_int_eq(roster_learner_add(store, "4A",
	    "Nguye\xcc\x82\xcc\x83n Văn An", NULL, NULL, NULL, &err),
	    HS_EINVAL);
	/* and welcome in 4B */
	add_learner("4B", "Nguyễn Văn An", NULL);
	/* a class that is not there */
	ck_assert_int_eq(roster_learner_add(store, "9Z", "Chi", NULL, NULL,
	    NULL, &err), HS_ENOTFOUND);
	ck_assert_str_eq(err.msg, "there is no class named 9Z");
	/* a language we do not speak; a bad PIN */
	ck_assert_int_eq(roster_learner_add(store, "4A", "Chi", NULL, "fr",
	    NULL, &err), HS_EINVAL);
	ck_assert_int_eq(roster_learner_add(store, "4A", "Chi", "12", NULL,
	    NULL, &err), HS_EINVAL);
	ck_assert_int_eq(roster_learner_add(store, "4A", "Chi", NULL, "en",
	    &id, &err), 0);
	ck_assert_int_eq(roster_learner_find(store, "4A", " Chi", &id, &err),
	    0);
	ck_assert_int_eq(roster_learner_find(store, "4B", "Chi", &id, &err),
	    HS_ENOTFOUND);
	ck_assert_int_eq(roster_learner_list(store, NULL, collect_learner, out,
	    &err), 0);
	ck_assert_str_eq(out, "4A|Nguyễn Văn An|0|vi\n4A|Chi|0|en\n"
	    "4B|Nguyễn Văn An|0|vi\n");
	out[0] = '\0';
	ck_assert_int_eq(roster_learner_list(store, "4B", collect_learner, out,
	    &err), 0);
	ck_assert_str_eq(out, "4B|Nguyễn Văn An|0|vi\n");
	ck_assert_int_eq(roster_learner_list(store, "4C", collect_learner, out,
	    &err), HS_ENOTFOUND);
	/* roster changes are not learner actions: no events */
	ck_assert_int_eq(count("SELECT count(*) FROM events"), 0);
	ck_assert_int_eq(count("SELECT count(*) FROM learners"), 3);
}
END_TEST

START_TEST(test_pin_class_needs_pins)
{
	struct hs_error err;

	add_class("5B", 1);
	ck_assert_int_eq(roster_learner_add(store, "5B", "Lan", NULL, NULL,
	    NULL, &err), HS_EINVAL);
	ck_assert_str_eq(err.msg, "class 5B signs in with a PIN: this learner "
	    "needs one");
	ck_assert_int_eq(count("SELECT count(*) FROM learners"), 0);
	add_learner("5B", "Lan", "2468");
}
END_TEST

START_TEST(test_pin_is_kept_as_argon2id_hash_only)
{
	char hash[512];
	long long id;

	add_class("5B", 1);
	id = add_learner("5B", "Lan", "20461");
	snprintf(hash, sizeof hash, "%s", learner_text("SELECT pin_hash FROM "
	    "learners WHERE id = ?1", id));
	/* Argon2id at our cost, salted: never the PIN itself */
	ck_assert_int_eq(strncmp(hash, "$argon2id$v=19$m=8192,t=32,p=1$",
	    31), 0);
	ck_assert_ptr_null(strstr(hash, "20461"));
	ck_assert_int_eq(crypto_pwhash_str_verify(hash, "20461", 5), 0);
	ck_assert_int_ne(crypto_pwhash_str_verify(hash, "20462", 5), 0);
	ck_assert_int_eq(crypto_pwhash_str_needs_rehash(hash,
	    PIN_OPSLIMIT, PIN_MEMLIMIT), 0);
	/* the same PIN for another learner gives another hash */
	id = add_learner("5B", "Mai", "20461");
	ck_assert_str_ne(learner_text("SELECT pin_hash FROM learners WHERE "
	    "id = ?1", id), hash);
}
END_TEST

/* Checks pin at t (ms) and that the outcome is status with the tries
 * and seconds left. */
static void
try_pin(long long id, const char *pin, long long t, int status, int tries,
    int seconds)
{
	struct pin_result res;
	struct hs_error err;

	ck_assert_int_eq(pin_check_at(store, id, pin, t, &res, &err), 0);
	ck_assert_int_eq(res.status, status);
	if (status == PIN_WRONG)
		ck_assert_int_eq(res.tries_left, tries);
	ck_assert_int_eq(res.seconds_left, seconds);
}

static void
assert_locked_until(long long id, long long ms)
{
	char want[32];

	util_iso8601(ms, want, sizeof want);
	ck_assert_str_eq(learner_text("SELECT locked_until FROM learners WHERE "
	    "id = ?1", id), want);
}

START_TEST(test_wrong_pins_lock_then_lock_longer)
{
	long long id, t = 1800000000000LL;	/* 2027-01-15, any time */

	add_class("5B", 1);
	id = add_learner("5B", "Lan", "1357");
	/* a right PIN opens */
	try_pin(id, "1357", t, PIN_OK, 0, 0);
	/* given two wrong PINs: tries left say so, nothing locked */
	try_pin(id, "0000", t, PIN_WRONG, 2, 0);
	try_pin(id, "1358", t + 1000, PIN_WRONG, 1, 0);
	ck_assert_str_eq(learner_text("SELECT locked_until FROM learners "
	    "WHERE id = ?1", id), "(null)");
	/* when the third is wrong, the learner is locked for 30 s */
	try_pin(id, "12", t + 2000, PIN_WRONG, 0, 30);
	assert_locked_until(id, t + 32000);
	/* then even the right PIN is refused until then, and not counted */
	try_pin(id, "1357", t + 3000, PIN_LOCKED, 0, 29);
	try_pin(id, "0000", t + 31001, PIN_LOCKED, 0, 1);
	ck_assert_str_eq(learner_text("SELECT pin_failures FROM learners "
	    "WHERE id = ?1", id), "3");
	/* the fourth and fifth wrong PINs lock for 30 s each */
	try_pin(id, "0000", t + 32000, PIN_WRONG, 0, 30);
	assert_locked_until(id, t + 62000);
	try_pin(id, "0000", t + 62000, PIN_WRONG, 0, 30);
	/* from the sixth on, for 5 minutes */
	try_pin(id, "0000", t + 92000, PIN_WRONG, 0, 300);
	assert_locked_until(id, t + 392000);
	try_pin(id, "1357", t + 391999, PIN_LOCKED, 0, 1);
	/* and a right PIN after the lock opens and forgets it all */
	try_pin(id, "1357", t + 392000, PIN_OK, 0, 0);
	ck_assert_str_eq(learner_text("SELECT pin_failures FROM learners "
	    "WHERE id = ?1", id), "0");
	ck_assert_str_eq(learner_text("SELECT locked_until FROM learners "
	    "WHERE id = ?1", id), "(null)");
	try_pin(id, "0000", t + 392001, PIN_WRONG, 2, 0);
	/* PIN tries are not learner actions either */
	ck_assert_int_eq(count("SELECT count(*) FROM events"), 0);
}
END_TEST

START_TEST(test_clock_set_back_does_not_lock_for_years)
{
	long long id, t = 1800000000000LL;

	add_class("5B", 1);
	id = add_learner("5B", "Lan", "1357");
	try_pin(id, "0000", t, PIN_WRONG, 2, 0);
	try_pin(id, "0000", t, PIN_WRONG, 1, 0);
	try_pin(id, "0000", t, PIN_WRONG, 0, 30);
	/* the battery of the PC's clock was flat: it says 2001 now */
	try_pin(id, "1357", 1000000000000LL, PIN_OK, 0, 0);
}
END_TEST

START_TEST(test_lock_is_per_learner)
{
	long long a, b, t = 1800000000000LL;

	add_class("5B", 1);
	a = add_learner("5B", "Lan", "1357");
	b = add_learner("5B", "Mai", "2468");
	try_pin(a, "0000", t, PIN_WRONG, 2, 0);
	try_pin(a, "0000", t, PIN_WRONG, 1, 0);
	try_pin(a, "0000", t, PIN_WRONG, 0, 30);
	try_pin(b, "2468", t, PIN_OK, 0, 0);
	/* Lan's PIN is not Mai's */
	try_pin(b, "1357", t, PIN_WRONG, 2, 0);
}
END_TEST

START_TEST(test_pin_check_needs_a_pin_and_a_learner)
{
	struct pin_result res;
	struct hs_error err;
	long long id;

	add_class("4A", 0);
	id = add_learner("4A", "An", NULL);
	ck_assert_int_eq(pin_check(store, id, "1234", &res, &err),
	    HS_EINVAL);
	ck_assert_int_eq(pin_check(store, id + 100, "1234", &res, &err),
	    HS_ENOTFOUND);
	/* a PIN in a class without PINs is kept and checked */
	id = add_learner("4A", "Bình", "9876");
	ck_assert_int_eq(pin_check(store, id, "9876", &res, &err), 0);
	ck_assert_int_eq(res.status, PIN_OK);
}
END_TEST

START_TEST(test_removal_erases_name_and_pin_keeps_progress)
{
	struct progress p;
	struct hs_error err;
	char uuid[UUID_LEN + 1], out[2048] = "";
	long long id, again;

	add_class("5B", 1);
	id = add_learner("5B", "Trần Thị Lan", "1357");
	add_learner("5B", "Mai", "2468");
	snprintf(uuid, sizeof uuid, "%s", learner_text("SELECT uuid FROM "
	    "learners WHERE id = ?1", id));
	/* given progress of hers: a screen, a lesson, their events */
	memset(&p, 0, sizeof p);
	p.store = store;
	p.learner_id = id;
	snprintf(p.learner_uuid, sizeof p.learner_uuid, "%s", uuid);
	snprintf(p.lang, sizeof p.lang, "vi");
	ck_assert_int_eq(progress_screen_seen(&p, "m", "01", 0, &err), 0);
	ck_assert_int_eq(progress_lesson_done(&p, "m", "01", &err), 0);
	/* when she is removed */
	ck_assert_int_eq(roster_learner_remove(store, "5B", "Trần Thị Lan",
	    &err), 0);
	/* then her name and PIN are gone, her row and uuid stay */
	ck_assert_int_eq(count("SELECT count(*) FROM learners WHERE name LIKE "
	    "'%Lan%'"), 0);
	ck_assert_str_eq(learner_text("SELECT name FROM learners WHERE id = ?1",
	    id), "");
	ck_assert_str_eq(learner_text("SELECT pin_hash FROM learners WHERE "
	    "id = ?1", id), "(null)");
	ck_assert_str_ne(learner_text("SELECT removed_at FROM learners WHERE "
	    "id = ?1", id), "(null)");
	ck_assert_str_eq(learner_text("SELECT uuid FROM learners WHERE id = ?1",
	    id), uuid);
	/* her progress and events are all there, by uuid only */
	ck_assert_int_eq(count("SELECT count(*) FROM lesson_progress WHERE "
	    "completed_at IS NOT NULL"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM events"), 2);
	/* she is no longer listed, found or able to sign in */
	ck_assert_int_eq(roster_learner_list(store, NULL, collect_learner, out,
	    &err), 0);
	ck_assert_str_eq(out, "5B|Mai|1|vi\n");
	ck_assert_int_eq(roster_learner_find(store, "5B", "Trần Thị Lan",
	    &again, &err), HS_ENOTFOUND);
	ck_assert_int_eq(roster_learner_remove(store, "5B", "Trần Thị Lan",
	    &err), HS_ENOTFOUND);
	ck_assert_int_eq(roster_learner_remove(store, "5C", "Mai", &err),
	    HS_ENOTFOUND);
	/* a new learner of the same name is someone new */
	again = add_learner("5B", "Trần Thị Lan", "1111");
	ck_assert_int_ne(again, id);
	ck_assert_str_ne(learner_text("SELECT uuid FROM learners WHERE id = ?1",
	    again), uuid);
}
END_TEST

START_TEST(test_device_learner_is_not_on_the_roster)
{
	struct progress p, q;
	struct hs_error err;
	long long id;

	/* given a roster made before the app first ran */
	add_class("4A", 0);
	id = add_learner("4A", "An", NULL);
	/* when the app opens its progress */
	ck_assert_int_eq(progress_open(&p, store, "vi", &err), 0);
	/* then it is the device's own learner, in no class, and stays so */
	ck_assert_int_ne(p.learner_id, id);
	ck_assert_str_eq(learner_text("SELECT coalesce(class_id, 'none') FROM "
	    "learners WHERE id = ?1", p.learner_id), "none");
	ck_assert_int_eq(progress_open(&q, store, "en", &err), 0);
	ck_assert_int_eq(q.learner_id, p.learner_id);
}
END_TEST

START_TEST(test_version_3_store_keeps_its_learner)
{
	struct store *old;
	struct progress p, q;
	struct hs_error err;

	store_close(store);
	store = NULL;
	test_rmtree(dir);
	snprintf(dir, sizeof dir, "%s", test_tmpdir());
	snprintf(db_path, sizeof db_path, "%s/hocso.db", dir);
	/* given a store of version 3 with its device learner's progress */
	ck_assert_int_eq(devstore_open_at_version(db_path, 3, &old, &err), 0);
	ck_assert_int_eq(progress_open(&p, old, "vi", &err), 0);
	ck_assert_int_eq(progress_screen_seen(&p, "m", "01", 2, &err), 0);
	store_close(old);
	/* when this version opens it */
	ck_assert_int_eq(devstore_open(db_path, &store, &err), 0);
	ck_assert_int_eq(store_version(store), DEVSTORE_VERSION);
	/* then the same learner is found, classless, PIN-less */
	ck_assert_int_eq(progress_open(&q, store, "vi", &err), 0);
	ck_assert_int_eq(q.learner_id, p.learner_id);
	ck_assert_str_eq(q.learner_uuid, p.learner_uuid);
	ck_assert_int_eq(count("SELECT count(*) FROM learners WHERE class_id "
	    "IS NULL AND pin_hash IS NULL AND pin_failures = 0 AND removed_at "
	    "IS NULL"), 1);
	add_class("4A", 0);
	add_learner("4A", "An", NULL);
}
END_TEST

/* The bad rows an import reported, as "line: reason" lines. */
static char bad_rows[4096];

static void
collect_bad(const struct hs_error *err, void *arg)
{
	size_t n = strlen(bad_rows);
	const char *base = strrchr(err->file, '/');

	ck_assert_ptr_nonnull(base);
	ck_assert_str_eq(base, (const char *)arg);
	snprintf(bad_rows + n, sizeof bad_rows - n, "%d: %s\n", err->line,
	    err->msg);
}

/* Writes text to dir/name and imports it: returns the import's code. */
static int
import(const char *name, const char *text, int *added, int *classes,
    struct hs_error *err)
{
	char path[4400], base[128];

	test_write(dir, name, text);
	snprintf(path, sizeof path, "%s/%s", dir, name);
	snprintf(base, sizeof base, "/%s", name);
	bad_rows[0] = '\0';
	return import_learners(store, path, IMPORT_ADD_CLASSES, collect_bad,
	    base, added, classes, err);
}

START_TEST(test_import_vietnamese_headers_bom_crlf_quotes)
{
	char out[2048] = "";
	struct hs_error err;
	int added, classes;

	add_class("4A", 0);
	/* given a spreadsheet's export: BOM, CRLF, Vietnamese headers in
	 * capitals, a row number column, quotes, a comma in a name, a
	 * blank row and a row of separators only */
	ck_assert_int_eq(import("lop.csv", "\xef\xbb\xbf" "STT,HỌ VÀ TÊN,Lớp,"
	    "Mã PIN,Ngôn ngữ\r\n"
	    "1,Nguyễn Thị Hoa,5B,1234,vi\r\n"
	    "2,\"Phạm \"\"Bé\"\" Long, con\",5B,5678,EN\r\n"
	    "\r\n"
	    ",,,,\r\n"
	    "3, Lê Văn Tám ,4A,,\r\n", &added, &classes, &err), 0);
	/* then every learner is added and 5B made, with PINs */
	ck_assert_str_eq(bad_rows, "");
	ck_assert_int_eq(added, 3);
	ck_assert_int_eq(classes, 1);
	ck_assert_int_eq(roster_learner_list(store, NULL, collect_learner, out,
	    &err), 0);
	ck_assert_str_eq(out, "4A|Lê Văn Tám|0|vi\n5B|Nguyễn Thị Hoa|1|vi\n"
	    "5B|Phạm \"Bé\" Long, con|1|en\n");
	ck_assert_int_eq(count("SELECT pins FROM classes WHERE name = '5B'"),
	    1);
	ck_assert_int_eq(count("SELECT pins FROM classes WHERE name = '4A'"),
	    0);
	ck_assert_int_eq(count("SELECT count(*) FROM events"), 0);
}
END_TEST

START_TEST(test_import_semicolons)
{
	char out[2048] = "";
	struct hs_error err;
	int added, classes;

	/* as Excel writes CSV where the decimal mark is a comma */
	ck_assert_int_eq(import("semi.csv", "tên;lớp\n"
	    "\"Đỗ, Minh\";3C\n"
	    "Vũ Thị Ánh;3C\n", &added, &classes, &err), 0);
	ck_assert_int_eq(added, 2);
	ck_assert_int_eq(classes, 1);
	ck_assert_int_eq(roster_learner_list(store, "3C", collect_learner, out,
	    &err), 0);
	ck_assert_str_eq(out, "3C|Đỗ, Minh|0|vi\n3C|Vũ Thị Ánh|0|vi\n");
}
END_TEST

START_TEST(test_import_with_bad_rows_adds_nothing)
{
	struct hs_error err;
	int added, classes;

	add_class("4A", 1);
	add_learner("4A", "Chi", "1111");
	/* given a file whose rows 3, 5, 6, 7, 9 and 10 are bad */
	ck_assert_int_eq(import("bad.csv", "name,class,pin,lang\n"
	    "An,5A,1234,vi\n"
	    ",5A,,\n"
	    "Bình,5A,,\n"
	    "Cúc,5A,12,\n"
	    "Dũng,5A,,fr\n"
	    "An,5A,,\n"
	    "\"Giang\nHà\",5A,,\n"
	    "Chi,4A,2222,\n"
	    "Khoa,4A,,\n",
	    &added, &classes, &err), HS_EINVAL);
	/* then each bad row is said once with its line, and nothing added;
	 * 5A uses PINs (row 2 has one), so row 4 needs one too */
	ck_assert_str_eq(bad_rows,
	    "3: the name is empty\n"
	    "4: class 5A signs in with a PIN: this learner needs one\n"
	    "5: the PIN must be 4 to 8 digits\n"
	    "6: unknown language 'fr': use vi or en\n"
	    "7: class 5A signs in with a PIN: this learner needs one\n"
	    "8: the name has a control character in it\n"
	    "10: there is already a learner named Chi in class 4A\n"
	    "11: class 4A signs in with a PIN: this learner needs one\n");
	ck_assert_str_eq(err.msg, "8 rows are bad: nothing was added");
	ck_assert_int_eq(added, 0);
	ck_assert_int_eq(count("SELECT count(*) FROM learners"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM classes"), 1);
}
END_TEST

START_TEST(test_import_names_twice_in_the_file)
{
	struct hs_error err;
	int added, classes;

	ck_assert_int_eq(import("twice.csv", "class,name\n"
	    "5A,An\n"
	    "5B,An\n"
	    "5A,  An\n", &added, &classes, &err), HS_EINVAL);
	ck_assert_str_eq(bad_rows, "4: the learner An of class 5A is also on "
	    "line 2\n");
	ck_assert_int_eq(count("SELECT count(*) FROM learners"), 0);
	ck_assert_int_eq(count("SELECT count(*) FROM classes"), 0);
}
END_TEST

/* Whole files that are refused, and what is said. */
static const struct {
	const char *text;
	int line;
	const char *msg;
} bad_files[] = {
	{ "", 1, "there are no learners in the file" },
	{ "name,class\n", 0, "there are no learners in the file" },
	{ "name,pin\nAn,1234\n", 1, "the first line must name the columns: "
	    "name and class (or tên and lớp), and pin and lang if wanted" },
	{ "name,tên,class\nAn,An,4A\n", 1, "two columns are named tên" },
	{ "\xff\xfen\0a\0m\0e\0", 0, "the file is UTF-16: save it as CSV "
	    "UTF-8" },
};

START_TEST(test_import_bad_files)
{
	struct hs_error err;
	int added, classes;

	ck_assert_int_eq(import("f.csv", bad_files[_i].text, &added, &classes,
	    &err), HS_EINVAL);
	ck_assert_int_eq(err.line, bad_files[_i].line);
	ck_assert_str_eq(err.msg, bad_files[_i].msg);
	ck_assert_str_eq(bad_rows, "");
	ck_assert_int_eq(count("SELECT count(*) FROM learners"), 0);
}
END_TEST

START_TEST(test_import_unclosed_quote_and_bad_utf8)
{
	struct hs_error err;
	int added, classes;

	ck_assert_int_eq(import("q.csv", "name,class\n"
	    "An\xe1,4A\n"
	    "Bình,4A\n"
	    "\"Chi,4A\n"
	    "Dũng,4A\n", &added, &classes, &err), HS_EINVAL);
	ck_assert_str_eq(bad_rows, "2: the text is not UTF-8: save the file as "
	    "CSV UTF-8\n4: a quoted field is not closed\n");
	ck_assert_int_eq(count("SELECT count(*) FROM learners"), 0);
	/* a file that is not there */
	ck_assert_int_eq(import_learners(store, "/nonexistent/x.csv", 0,
	    NULL, NULL, &added, &classes, &err), HS_EIO);
	ck_assert_str_eq(err.file, "/nonexistent/x.csv");
}
END_TEST

static Suite *
school_suite(void)
{
	Suite *s = suite_create("school");
	TCase *tc = tcase_create("school");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_classes_are_added_once_and_listed);
	tcase_add_loop_test(tc, test_name_rules, 0, sizeof names /
	    sizeof *names);
	tcase_add_test(tc, test_name_length_in_characters);
	tcase_add_loop_test(tc, test_pin_rules, 0, sizeof pins / sizeof *pins);
	tcase_add_test(tc, test_learners_are_unique_in_their_class);
	tcase_add_test(tc, test_pin_class_needs_pins);
	tcase_add_test(tc, test_pin_is_kept_as_argon2id_hash_only);
	tcase_add_test(tc, test_wrong_pins_lock_then_lock_longer);
	tcase_add_test(tc, test_clock_set_back_does_not_lock_for_years);
	tcase_add_test(tc, test_lock_is_per_learner);
	tcase_add_test(tc, test_pin_check_needs_a_pin_and_a_learner);
	tcase_add_test(tc, test_removal_erases_name_and_pin_keeps_progress);
	tcase_add_test(tc, test_device_learner_is_not_on_the_roster);
	tcase_add_test(tc, test_version_3_store_keeps_its_learner);
	tcase_add_test(tc, test_import_vietnamese_headers_bom_crlf_quotes);
	tcase_add_test(tc, test_import_semicolons);
	tcase_add_test(tc, test_import_with_bad_rows_adds_nothing);
	tcase_add_test(tc, test_import_names_twice_in_the_file);
	tcase_add_loop_test(tc, test_import_bad_files, 0, sizeof bad_files /
	    sizeof *bad_files);
	tcase_add_test(tc, test_import_unclosed_quote_and_bad_utf8);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(school_suite)

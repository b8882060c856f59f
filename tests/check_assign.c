/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check_assign.c: the model of the teacher's choices through the real
 * store and real installed modules: which modules a class sees and in
 * which order (the default, a choice, add at a place, remove, a class
 * removed with its choice), lessons first; the overrides for one
 * learner (attempts given back and added against the quiz's limit, extra
 * minutes counted on their day only, a PIN lockout lifted), each kept
 * with who and when; finding a learner by name or id; and one pupil's
 * wrong answers with the question, the answer, the right one and why.
 */
#include "config.h"

#include <sodium.h>

#include "core/clock.h"
#include "core/store.h"
#include "core/util.h"
#include "learn/model/answers.h"
#include "learn/model/classmods.h"
#include "learn/model/override.h"
#include "learn/model/pin.h"
#include "learn/model/progress.h"
#include "learn/model/roster.h"
#include "lessons/catalog.h"
#include "quiz/question.h"
#include "sync/devstore.h"
#include "tests/testutil.h"

#define SECRETS "vn.hocso.secrets"
#define BASICS "vn.hocso.basics"
#define KIND "vn.hocso.kind"
#define HELP "vn.hocso.help"

/* 2026-12-06 10:00 UTC: a fixed "now". */
#define NOW 1796551200000LL
#define DAY (24 * 3600 * 1000LL)

static char dir[4096], db_path[4200];
static struct store *store;
static struct catalog cat;

static void
setup(void)
{
	struct hs_error err;
	char cmd[16384];

	snprintf(dir, sizeof dir, "%s", test_tmpdir());
	snprintf(db_path, sizeof db_path, "%s/hocso.db", dir);
	/* Four modules; the quiz of secrets allows 2 attempts of 5 min. */
	snprintf(cmd, sizeof cmd, "mkdir '%s/modules' && cp -R '%s/secrets-v1'"
	    " '%s/basics' '%s/kind' '%s/help' '%s/modules/' &&"
	    " printf 'attempts = 2\\nminutes = 5\\n' >>"
	    " '%s/modules/secrets-v1/module.ini'", dir, FIXTURES, CURRICULUM,
	    CURRICULUM, CURRICULUM, dir, dir);
	ck_assert_int_eq(system(cmd), 0);
	ck_assert_int_eq(catalog_load(dir, &cat, &err), 0);
	ck_assert_int_eq(cat.n, 4);
	ck_assert_int_eq(devstore_open(db_path, &store, &err), 0);
	clock_set_ms(NOW);
}

static void
teardown(void)
{
	clock_set_ms(0);
	catalog_free(&cat);
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

static long long
add_learner(const char *cls, const char *name, const char *pin)
{
	struct hs_error err;
	long long id, cid;
	int pins;

	if (roster_class_find(store, cls, &cid, &pins, &err) != 0)
		ck_assert_int_eq(roster_class_add(store, cls, pin != NULL,
		    &err), 0);
	ck_assert_int_eq(roster_learner_add(store, cls, name, pin, NULL, &id,
	    &err), 0);
	return id;
}

/* The ids a learner sees, in order, joined by spaces. */
static const char *
seen_by(long long learner, int *lessons_first)
{
	static char buf[1024];
	struct hs_error err;
	int *order, n, i, lf;

	ck_assert_int_eq(classmods_for_learner(store, learner, &cat, &order,
	    &n, &lf, &err), 0);
	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		if (i > 0)
			strcat(buf, " ");
		strcat(buf, cat.modules[order[i]].id);
	}
	free(order);
	if (lessons_first != NULL)
		*lessons_first = lf;
	return buf;
}

/* Given a class no teacher chose for, when a learner of it signs in,
 * then they see every module in the catalog's order (its modules'
 * order keys, lessons/catalog.h). */
START_TEST(test_default_all)
{
	struct classmods cm;
	struct hs_error err;
	long long an = add_learner("4A", "An", NULL);
	int lf = 1;

	ck_assert_str_eq(seen_by(an, &lf), BASICS " " KIND " " HELP " "
	    SECRETS);
	ck_assert_int_eq(lf, 0);
	ck_assert_int_eq(classmods_load(store, "4A", &cat, &cm, &err), 0);
	ck_assert_int_eq(cm.chosen, 0);
	ck_assert_int_eq(classmods_count_seen(&cm), 4);
	classmods_free(&cm);
}
END_TEST

/* Given a choice saved for 4A, its learners see those modules in that
 * order, and a learner of 4B still sees all of them. */
START_TEST(test_choice_and_order)
{
	struct classmods cm;
	struct hs_error err;
	long long an = add_learner("4A", "An", NULL),
	    binh = add_learner("4B", "Bình", NULL);

	ck_assert_int_eq(classmods_load(store, "4A", &cat, &cm, &err), 0);
	for (int i = 0; i < cm.n; i++)
		cm.seen[i] = 0;
	classmods_show_at(&cm, classmods_find(&cm, &cat, SECRETS), 0);
	classmods_show_at(&cm, classmods_find(&cm, &cat, BASICS), 0);
	classmods_show_at(&cm, classmods_find(&cm, &cat, KIND), 1);
	ck_assert_int_eq(classmods_save(store, "4A", &cat, &cm, &err), 0);
	classmods_free(&cm);
	ck_assert_str_eq(seen_by(an, NULL), KIND " " SECRETS " " BASICS);
	ck_assert_str_eq(seen_by(binh, NULL), BASICS " " KIND " " HELP " "
	    SECRETS);

	/* loaded again: the seen ones first, in order, then the others */
	ck_assert_int_eq(classmods_load(store, "4A", &cat, &cm, &err), 0);
	ck_assert_int_eq(cm.chosen, 1);
	ck_assert_int_eq(classmods_count_seen(&cm), 3);
	ck_assert_str_eq(cat.modules[cm.module[0]].id, KIND);
	ck_assert_str_eq(cat.modules[cm.module[3]].id, HELP);	/* hidden */
	ck_assert_int_eq(cm.seen[3], 0);
	/* moved down one, and one hidden */
	classmods_move(&cm, 0, 1);
	cm.seen[classmods_find(&cm, &cat, BASICS)] = 0;
	ck_assert_int_eq(classmods_save(store, "4A", &cat, &cm, &err), 0);
	classmods_free(&cm);
	ck_assert_str_eq(seen_by(an, NULL), SECRETS " " KIND);

	/* every module hidden: the learner sees none */
	ck_assert_int_eq(classmods_load(store, "4A", &cat, &cm, &err), 0);
	for (int i = 0; i < cm.n; i++)
		cm.seen[i] = 0;
	ck_assert_int_eq(classmods_save(store, "4A", &cat, &cm, &err), 0);
	classmods_free(&cm);
	ck_assert_str_eq(seen_by(an, NULL), "");
}
END_TEST

/* Lessons first is the class's; a class that is not there is refused
 * and nothing changes. */
START_TEST(test_lessons_first)
{
	struct classmods cm;
	struct hs_error err;
	long long an = add_learner("4A", "An", NULL);
	int lf = 0;

	ck_assert_int_eq(classmods_set_lessons_first(store, "4A", 1, &err),
	    0);
	seen_by(an, &lf);
	ck_assert_int_eq(lf, 1);
	ck_assert_int_eq(classmods_set_lessons_first(store, "4Z", 1, &err),
	    HS_ENOTFOUND);
	ck_assert_str_eq(err.msg, "there is no class named 4Z");
	ck_assert_int_eq(classmods_load(store, "4Z", &cat, &cm, &err),
	    HS_ENOTFOUND);
	ck_assert_int_eq(classmods_save(store, "4Z", &cat, &cm, &err),
	    HS_ENOTFOUND);
	ck_assert_int_eq(count("SELECT count(*) FROM class_modules"), 0);
	ck_assert_int_eq(count("SELECT sum(lessons_first) FROM classes"), 1);
}
END_TEST

/* A class emptied and removed takes its choice with it. */
START_TEST(test_class_removed)
{
	struct classmods cm;
	struct hs_error err;

	ck_assert_int_eq(roster_class_add(store, "5C", 0, &err), 0);
	ck_assert_int_eq(classmods_load(store, "5C", &cat, &cm, &err), 0);
	ck_assert_int_eq(classmods_save(store, "5C", &cat, &cm, &err), 0);
	classmods_free(&cm);
	ck_assert_int_eq(count("SELECT count(*) FROM class_modules"), 4);
	ck_assert_int_eq(roster_class_remove(store, "5C", &err), 0);
	ck_assert_int_eq(count("SELECT count(*) FROM class_modules"), 0);
}
END_TEST

/* One attempt at secrets, finished with score 0. */
static void
finish_attempt(struct progress *p)
{
	struct attempt a;
	struct hs_error err;

	ck_assert_int_eq(progress_attempt_open(p, SECRETS, "secrets.gift", 5,
	    2, &a, &err), 0);
	ck_assert_int_eq(progress_attempt_finish(p, SECRETS, &a, 80, &err),
	    0);
	attempt_free(&a);
}

/* Given a learner who used both attempts, a reset gives them back (the
 * old ones stay in the store) and an added one counts after it. */
START_TEST(test_attempts_reset_add)
{
	struct progress p;
	struct attempt a;
	struct hs_error err;
	long long an = add_learner("4A", "An", NULL);
	int used, added, left;

	progress_open_learner(&p, store, an, "11111111-1111-4111-8111-"
	    "111111111111", "vi");
	finish_attempt(&p);
	finish_attempt(&p);
	ck_assert_int_eq(override_attempts(store, an, SECRETS, 2, &used,
	    &added, &left, &err), 0);
	ck_assert_int_eq(used, 2);
	ck_assert_int_eq(left, 0);
	ck_assert_int_eq(progress_attempt_open(&p, SECRETS, "secrets.gift", 5,
	    2, &a, &err), HS_EINVAL);
	ck_assert_str_eq(err.msg, "You have used all 2 attempts at this "
	    "quiz.");

	ck_assert_int_eq(override_reset_attempts(store, an, SECRETS,
	    OVERRIDE_VIA_COMMAND, &err), 0);
	ck_assert_int_eq(override_attempts(store, an, SECRETS, 2, &used,
	    &added, &left, &err), 0);
	ck_assert_int_eq(used, 0);
	ck_assert_int_eq(left, 2);
	finish_attempt(&p);
	ck_assert_int_eq(override_add_attempts(store, an, SECRETS, 3,
	    OVERRIDE_VIA_APP, &err), 0);
	ck_assert_int_eq(override_attempts(store, an, SECRETS, 2, &used,
	    &added, &left, &err), 0);
	ck_assert_int_eq(used, 1);
	ck_assert_int_eq(added, 3);
	ck_assert_int_eq(left, 4);
	/* no limit stays no limit */
	ck_assert_int_eq(override_attempts(store, an, SECRETS, 0, &used,
	    &added, &left, &err), 0);
	ck_assert_int_eq(left, -1);
	/* nothing deleted; each change kept with who and when */
	ck_assert_int_eq(count("SELECT count(*) FROM attempts"), 3);
	ck_assert_int_eq(count("SELECT count(*) FROM overrides WHERE"
	    " by_whom LIKE 'cmd:%' AND kind = 'reset' AND at LIKE"
	    " '2026-12-06T10:00%'"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM overrides WHERE"
	    " by_whom LIKE 'app:%' AND kind = 'attempts'"), 1);

	/* bad numbers are refused and recorded nowhere */
	ck_assert_int_eq(override_add_attempts(store, an, SECRETS, 0,
	    OVERRIDE_VIA_APP, &err), HS_EINVAL);
	ck_assert_int_eq(override_add_attempts(store, an, SECRETS, 21,
	    OVERRIDE_VIA_APP, &err), HS_EINVAL);
	ck_assert_int_eq(override_reset_attempts(store, 9999, SECRETS,
	    OVERRIDE_VIA_APP, &err), HS_ENOTFOUND);
	ck_assert_int_eq(count("SELECT count(*) FROM overrides"), 2);
}
END_TEST

/* Extra minutes count on the day they were given, for that module. */
START_TEST(test_extra_time)
{
	struct hs_error err;
	long long an = add_learner("4A", "An", NULL);
	int min;

	ck_assert_int_eq(override_extra_time(store, an, SECRETS, 10,
	    OVERRIDE_VIA_APP, &err), 0);
	ck_assert_int_eq(override_extra_time(store, an, SECRETS, 5,
	    OVERRIDE_VIA_APP, &err), 0);
	ck_assert_int_eq(override_minutes(store, an, SECRETS, NOW, &min,
	    &err), 0);
	ck_assert_int_eq(min, 15);
	ck_assert_int_eq(override_minutes(store, an, BASICS, NOW, &min,
	    &err), 0);
	ck_assert_int_eq(min, 0);
	ck_assert_int_eq(override_minutes(store, an, SECRETS, NOW + DAY, &min,
	    &err), 0);
	ck_assert_int_eq(min, 0);
	ck_assert_int_eq(override_extra_time(store, an, SECRETS, 0,
	    OVERRIDE_VIA_APP, &err), HS_EINVAL);
	ck_assert_str_eq(err.msg, "extra time is 1 to 240 minutes");
	ck_assert_int_eq(override_extra_time(store, an, SECRETS, 241,
	    OVERRIDE_VIA_APP, &err), HS_EINVAL);
	ck_assert_int_eq(count("SELECT count(*) FROM overrides"), 2);
}
END_TEST

static int
collect(const struct override_entry *e, void *arg)
{
	char line[512];

	strcat(arg, override_describe(e, line, sizeof line));
	strcat(arg, "\n");
	return 0;
}

/* A learner locked out after wrong PINs signs in at once once the
 * lockout is lifted; lifting it again records nothing. */
START_TEST(test_unlock)
{
	struct pin_result res;
	struct hs_error err;
	long long an = add_learner("4P", "An", "2468");
	char list[4096] = "";
	int i, was;

	for (i = 0; i < 4; i++)
		ck_assert_int_eq(pin_check(store, an, "1111", &res, &err), 0);
	ck_assert_int_eq(pin_check(store, an, "2468", &res, &err), 0);
	ck_assert_int_eq(res.status, PIN_LOCKED);
	ck_assert_int_eq(override_unlock(store, an, OVERRIDE_VIA_APP, &was,
	    &err), 0);
	ck_assert_int_eq(was, 1);
	ck_assert_int_eq(pin_check(store, an, "2468", &res, &err), 0);
	ck_assert_int_eq(res.status, PIN_OK);
	ck_assert_int_eq(override_unlock(store, an, OVERRIDE_VIA_APP, &was,
	    &err), 0);
	ck_assert_int_eq(was, 0);
	ck_assert_int_eq(count("SELECT count(*) FROM overrides"), 1);
	ck_assert_int_eq(override_list(store, an, NULL, collect, list, &err),
	    0);
	ck_assert_ptr_nonnull(strstr(list, "PIN lockout lifted (teacher, "));
}
END_TEST

/* A learner is found by name, by row id, or with their class when two
 * classes have the name. */
START_TEST(test_find_learner)
{
	struct override_learner l;
	struct hs_error err;
	char id[32];
	long long an = add_learner("4A", "An", NULL);

	add_learner("4B", "An", NULL);
	add_learner("4B", "Bình", NULL);
	ck_assert_int_eq(override_find_learner(store, NULL, "Bình", &l, &err),
	    0);
	ck_assert_str_eq(l.class_name, "4B");
	ck_assert_int_eq(override_find_learner(store, NULL, "An", &l, &err),
	    HS_EINVAL);
	ck_assert_str_eq(err.msg, "more than one class has a learner named "
	    "An: say which with --class");
	ck_assert_int_eq(override_find_learner(store, "4A", "An", &l, &err),
	    0);
	ck_assert_int_eq(l.id, an);
	snprintf(id, sizeof id, "%lld", an);
	ck_assert_int_eq(override_find_learner(store, NULL, id, &l, &err), 0);
	ck_assert_str_eq(l.name, "An");
	ck_assert_str_eq(l.class_name, "4A");
	ck_assert_int_eq(override_find_learner(store, NULL, "Chi", &l, &err),
	    HS_ENOTFOUND);
	ck_assert_int_eq(override_find_learner(store, "4B", "Chi", &l, &err),
	    HS_ENOTFOUND);
	ck_assert_str_eq(err.msg, "there is no learner Chi in class 4B");
}
END_TEST

/* A pupil's wrong answers: the question, the answer chosen or typed,
 * the right one and the explanation; the right answers are left out. */
START_TEST(test_wrong_answers)
{
	const struct module *m = catalog_find(&cat, SECRETS);
	struct quiz_bank bank;
	struct progress p;
	struct attempt a;
	struct answers_attempt w;
	struct hs_error err;
	long long an = add_learner("4A", "An", NULL);
	const struct quiz_question *q0, *q1;
	char wrong[16], right[16];
	int i;

	ck_assert_ptr_nonnull(m);
	ck_assert_int_eq(answers_wrong(store, an, m, "->", &w, &err), 0);
	ck_assert_int_eq(w.found, 0);
	ck_assert_int_eq(module_quiz_load(m, "vi", &bank, &err), 0);
	q0 = &bank.questions[0];
	q1 = &bank.questions[1];
	ck_assert_int_eq(q0->type, QUIZ_CHOICE);
	for (i = 0; q0->choices[i].fraction > 0; i++)
		;
	snprintf(wrong, sizeof wrong, "%d", i);
	snprintf(right, sizeof right, "%d", quiz_best_choice(q1));
	progress_open_learner(&p, store, an, "22222222-2222-4222-8222-"
	    "222222222222", "vi");
	ck_assert_int_eq(progress_attempt_open(&p, SECRETS, "secrets.gift", 5,
	    0, &a, &err), 0);
	ck_assert_int_eq(progress_answer(&p, SECRETS, &a, q0->id, wrong, 0,
	    &err), 0);
	ck_assert_int_eq(progress_answer(&p, SECRETS, &a, q1->id, right, 1,
	    &err), 0);
	ck_assert_int_eq(answers_wrong(store, an, m, "->", &w, &err), 0);
	ck_assert_int_eq(w.found, 1);
	ck_assert_int_eq(w.number, 1);
	ck_assert_int_eq(w.finished, 0);
	ck_assert_int_eq(w.answered, 2);
	ck_assert_int_eq(w.n, 1);
	ck_assert_int_eq(w.items[0].position, 1);
	ck_assert_ptr_nonnull(strstr(q0->text, w.items[0].question));
	ck_assert_str_eq(w.items[0].given, q0->choices[i].text);
	ck_assert_str_eq(w.items[0].right,
	    q0->choices[quiz_best_choice(q0)].text);
	ck_assert_ptr_nonnull(w.items[0].feedback);
	answers_free(&w);
	attempt_free(&a);
	quiz_bank_free(&bank);
}
END_TEST

/* A store of version 6 with a class, opened by this version: the class
 * has made no choice and sees every module; no override is there. */
START_TEST(test_migration_6_to_7)
{
	struct hs_error err;
	struct store *old;
	long long an;

	store_close(store);
	test_rmtree(dir);
	snprintf(dir, sizeof dir, "%s", test_tmpdir());
	snprintf(db_path, sizeof db_path, "%s/hocso.db", dir);
	ck_assert_int_eq(devstore_open_at_version(db_path, 6, &old, &err), 0);
	ck_assert_int_eq(sqlite3_exec(store_db(old), "INSERT INTO classes"
	    " (uuid, name, created_at) VALUES ('c-1', '4A', 'now');"
	    "INSERT INTO learners (uuid, name, created_at, class_id)"
	    " VALUES ('u-1', 'An', 'now', 1)", NULL, NULL, NULL), SQLITE_OK);
	store_close(old);
	/* at version 7 (later steps are tested with their tables) */
	ck_assert_int_eq(devstore_open_at_version(db_path, 7, &store, &err),
	    0);
	ck_assert_int_eq(store_version(store), 7);
	ck_assert_int_eq(count("SELECT modules_chosen + lessons_first"
	    " FROM classes"), 0);
	ck_assert_int_eq(count("SELECT count(*) FROM overrides"), 0);
	an = count("SELECT id FROM learners WHERE name = 'An'");
	ck_assert_str_eq(seen_by(an, NULL), BASICS " " KIND " " HELP " "
	    SECRETS);
}
END_TEST

static Suite *
assign_suite(void)
{
	Suite *s = suite_create("assign");
	TCase *tc = tcase_create("assign");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_default_all);
	tcase_add_test(tc, test_choice_and_order);
	tcase_add_test(tc, test_lessons_first);
	tcase_add_test(tc, test_class_removed);
	tcase_add_test(tc, test_attempts_reset_add);
	tcase_add_test(tc, test_extra_time);
	tcase_add_test(tc, test_unlock);
	tcase_add_test(tc, test_find_learner);
	tcase_add_test(tc, test_wrong_answers);
	tcase_add_test(tc, test_migration_6_to_7);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(assign_suite)

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check_startup.c: what start-up reads (issue #12), on real stores in a
 * fresh folder and the app's screens without a terminal.  A store's read
 * transaction is one snapshot, and a write started inside it starts from
 * the latest data; the app opens on sign-in without reading the catalog,
 * reads it (and says which module it left out) when the home screen
 * opens, and holds no transaction once its first screen is open; the
 * sign-in list folds the names for the search only when a letter is
 * typed, and then finds them as before.
 */
#include "config.h"

#include <sys/stat.h>

#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "core/store.h"
#include "learn/model/pin.h"
#include "learn/model/roster.h"
#include "learn/model/school.h"
#include "learn/screens/app.h"
#include "learn/screens/home.h"
#include "learn/screens/signin.h"
#include "sync/devstore.h"
#include "tests/testutil.h"

static char dir[4096], db[4200];
static struct app app;

static void
setup(void)
{
	char path[4200];

	snprintf(dir, sizeof dir, "%s", test_tmpdir());
	snprintf(path, sizeof path, "%s/modules", dir);
	ck_assert_int_eq(mkdir(path, 0700), 0);
	snprintf(db, sizeof db, "%s/hocso.db", dir);
	memset(&app, 0, sizeof app);
}

static void
teardown(void)
{
	if (app.store != NULL)
		app_close(&app);
	test_rmtree(dir);
}

/* A school; with a class "5A" of n learners "Học sinh 001"... when n > 0
 * (no PINs). */
static void
make_school(int n)
{
	struct store *store;
	struct hs_error err;
	char name[64];
	int i;

	ck_assert_int_eq(devstore_open(db, &store, &err), 0);
	ck_assert_int_eq(store_meta_put(store, SCHOOL_DISPLAY_NAME, "Trường thử",
	    &err), 0);
	if (n > 0)
		ck_assert_int_eq(roster_class_add(store, "5A", 0, &err), 0);
	for (i = 1; i <= n; i++) {
		snprintf(name, sizeof name, "Học sinh %03d", i);
		ck_assert_int_eq(roster_learner_add(store, "5A", name, NULL,
		    "vi", NULL, &err), 0);
	}
	store_close(store);
}

/* The fixture module two-choices, and a module folder whose module.ini
 * has no id (left out of the catalog). */
static void
make_modules(void)
{
	char cmd[9000], path[4300];

	snprintf(cmd, sizeof cmd, "cp -R '%s/two-choices' '%s/modules/'",
	    FIXTURES, dir);
	ck_assert_int_eq(system(cmd), 0);
	snprintf(path, sizeof path, "%s/modules/broken", dir);
	ck_assert_int_eq(mkdir(path, 0700), 0);
	test_write(path, "module.ini", "[module]\nversion = 1.0.0\n");
}

START_TEST(a_read_transaction_is_one_snapshot)
{
	struct store *a, *b;
	struct hs_error err;
	char v[16];

	/* Given two connections to one store */
	ck_assert_int_eq(devstore_open(db, &a, &err), 0);
	ck_assert_int_eq(devstore_open(db, &b, &err), 0);

	/* When one reads in a read transaction while the other writes */
	ck_assert_int_eq(store_read_begin(a, &err), 0);
	ck_assert_int_eq(store_meta_get(a, "test.k", v, sizeof v, &err),
	    HS_ENOTFOUND);
	ck_assert_int_eq(store_meta_put(b, "test.k", "1", &err), 0);

	/* Then it sees the store as it was until the transaction ends */
	ck_assert_int_eq(store_meta_get(a, "test.k", v, sizeof v, &err),
	    HS_ENOTFOUND);
	store_read_end(a);
	ck_assert_int_ne(sqlite3_get_autocommit(store_db(a)), 0);
	ck_assert_int_eq(store_meta_get(a, "test.k", v, sizeof v, &err), 0);
	ck_assert_str_eq(v, "1");
	store_read_end(a);		/* a second end does nothing */
	store_close(a);
	store_close(b);
}
END_TEST

START_TEST(a_write_inside_a_read_transaction_starts_afresh)
{
	struct store *a, *b;
	struct hs_error err;
	char v[16];

	/* Given a read transaction that has read, and a write since */
	ck_assert_int_eq(devstore_open(db, &a, &err), 0);
	ck_assert_int_eq(devstore_open(db, &b, &err), 0);
	ck_assert_int_eq(store_read_begin(a, &err), 0);
	ck_assert_int_eq(store_meta_get(a, "test.k", v, sizeof v, &err),
	    HS_ENOTFOUND);
	ck_assert_int_eq(store_meta_put(b, "test.k", "1", &err), 0);

	/* When it starts a write transaction */
	ck_assert_msg(store_begin(a, &err) == 0, "%s", err.msg);

	/* Then the write sees the other's write and commits */
	ck_assert_int_eq(store_meta_get(a, "test.k", v, sizeof v, &err), 0);
	ck_assert_str_eq(v, "1");
	ck_assert_int_eq(store_meta_set(a, "test.k", "2", &err), 0);
	ck_assert_msg(store_commit(a, &err) == 0, "%s", err.msg);
	store_read_end(a);		/* ended already: nothing to do */
	ck_assert_int_ne(sqlite3_get_autocommit(store_db(a)), 0);
	ck_assert_int_eq(store_meta_get(b, "test.k", v, sizeof v, &err), 0);
	ck_assert_str_eq(v, "2");
	store_close(a);
	store_close(b);
}
END_TEST

START_TEST(sign_in_opens_without_the_catalog)
{
	struct hs_error err;

	/* Given a school with a class, a module and a broken module */
	make_school(3);
	make_modules();

	/* When the app opens */
	ck_assert_msg(app_open(&app, dir, "vi", &err) == 0, "%s", err.msg);
	app.rows = 24;
	app.cols = 80;
	app_resize(&app);

	/* Then sign-in shows, with no module read and no transaction open */
	ck_assert_ptr_eq(app_top(&app), &signin_screen);
	ck_assert_int_eq(app.catalog_read, 0);
	ck_assert_int_eq(app.catalog.n + app.catalog.nbroken, 0);
	ck_assert_str_eq(app.message, "");
	ck_assert_int_ne(sqlite3_get_autocommit(store_db(app.store)), 0);

	/* When a learner signs in, the home screen has the catalog and
	 * says which module was left out */
	app_key(&app, '\n');
	ck_assert_ptr_eq(app_top(&app), &home_screen);
	ck_assert_int_eq(app.catalog_read, 1);
	ck_assert_int_eq(app.catalog.n, 1);
	ck_assert_int_eq(app.catalog.nbroken, 1);
	ck_assert_ptr_nonnull(strstr(app.message, "broken/module.ini"));
}
END_TEST

START_TEST(home_first_reads_the_catalog_at_open)
{
	struct hs_error err;

	/* Given a school with no roster (the device's learner) */
	make_school(0);
	make_modules();

	/* When the app opens, the home screen has the catalog at once */
	ck_assert_msg(app_open(&app, dir, "vi", &err) == 0, "%s", err.msg);
	ck_assert_ptr_eq(app_top(&app), &home_screen);
	ck_assert_int_eq(app.catalog.n, 1);
	ck_assert_int_eq(app.catalog.nbroken, 1);
	ck_assert_ptr_nonnull(strstr(app.message, "broken/module.ini"));
	ck_assert_int_ne(sqlite3_get_autocommit(store_db(app.store)), 0);
}
END_TEST

START_TEST(names_are_folded_when_a_letter_is_typed)
{
	const struct signin_model *sm = signin_model();
	struct hs_error err;
	int i;

	/* Given sign-in on a class of 12 */
	make_school(12);
	ck_assert_msg(app_open(&app, dir, "vi", &err) == 0, "%s", err.msg);
	app.rows = 24;
	app.cols = 80;
	app_resize(&app);
	ck_assert_int_eq(sm->step, SIGNIN_NAME);
	ck_assert_int_eq(sm->name_list.count, 12);
	for (i = 0; i < sm->nlearners; i++)
		ck_assert_ptr_null(sm->learners[i].bare);

	/* When "SINH 01" is typed (no marks, capitals) */
	app_key(&app, 'S');
	app_key(&app, 'I');
	app_key(&app, 'N');
	app_key(&app, 'H');
	app_key(&app, ' ');
	app_key(&app, '0');
	app_key(&app, '1');

	/* Then the names are folded and 010, 011, 012 are found */
	for (i = 0; i < sm->nlearners; i++)
		ck_assert_ptr_nonnull(sm->learners[i].bare);
	ck_assert_int_eq(sm->name_list.count, 3);
	ck_assert_str_eq(sm->learners[sm->shown[0]].name, "Học sinh 010");

	/* And with the letters gone, every name is there again */
	for (i = 0; i < 7; i++)
		app_key(&app, KEY_BACKSPACE);
	ck_assert_int_eq(sm->name_list.count, 12);
}
END_TEST

static Suite *
startup_suite(void)
{
	Suite *s = suite_create("startup");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, a_read_transaction_is_one_snapshot);
	tcase_add_test(tc, a_write_inside_a_read_transaction_starts_afresh);
	tcase_add_test(tc, sign_in_opens_without_the_catalog);
	tcase_add_test(tc, home_first_reads_the_catalog_at_open);
	tcase_add_test(tc, names_are_folded_when_a_letter_is_typed);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(startup_suite)

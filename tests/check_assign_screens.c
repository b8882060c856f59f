/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check_assign_screens.c: the teacher's extra time as the quiz screen
 * counts it, without a terminal (keys through app_key(), the ticks as
 * the main loop gives them, at injected times): a learner's timed quiz
 * (5 minutes) begins; the
 * teacher gives 10 more minutes while it runs (as teacher mode or the
 * command does, on another terminal); at the 5th minute the quiz goes
 * on, and it ends only at the 15th.  And a class that hides the module
 * shows its learner no topic.
 */
#include "config.h"

#include <sys/stat.h>

#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "core/clock.h"
#include "core/store.h"
#include "learn/model/classmods.h"
#include "learn/model/override.h"
#include "learn/model/roster.h"
#include "learn/model/school.h"
#include "learn/screens/app.h"
#include "learn/screens/home.h"
#include "learn/screens/modview.h"
#include "learn/screens/quizstart.h"
#include "learn/screens/quizview.h"
#include "learn/screens/signin.h"
#include "sync/devstore.h"
#include "tests/testutil.h"

#define NOW 1796551200000LL	/* 2026-12-06 10:00 UTC */
#define MODULE "vn.test.twochoices"

static char dir[4096];
static struct app app;
static long long learner;

static void
setup(void)
{
	struct store *store;
	struct hs_error err;
	char cmd[16384], db[4200];

	snprintf(dir, sizeof dir, "%s", test_tmpdir());
	snprintf(cmd, sizeof cmd, "mkdir '%s/modules' && cp -R '%s/two-choices'"
	    " '%s/modules/' && printf 'attempts = 1\\nminutes = 5\\n' >>"
	    " '%s/modules/two-choices/module.ini'", dir, FIXTURES, dir, dir);
	ck_assert_int_eq(system(cmd), 0);
	snprintf(db, sizeof db, "%s/hocso.db", dir);
	ck_assert_int_eq(devstore_open(db, &store, &err), 0);
	ck_assert_int_eq(store_meta_put(store, SCHOOL_DISPLAY_NAME,
	    "Trường thử", &err), 0);
	ck_assert_int_eq(roster_class_add(store, "5A", 0, &err), 0);
	ck_assert_int_eq(roster_learner_add(store, "5A", "An", NULL, "vi",
	    &learner, &err), 0);
	store_close(store);
	memset(&app, 0, sizeof app);
	clock_set_ms(NOW);
}

static void
teardown(void)
{
	if (app.store != NULL)
		app_close(&app);
	clock_set_ms(0);
	test_rmtree(dir);
}

/* The app at 24x80, An signed in (the only learner of the only
 * class). */
static void
sign_in(void)
{
	struct hs_error err;

	ck_assert_msg(app_open(&app, dir, "vi", &err) == 0, "%s", err.msg);
	app.rows = 24;
	app.cols = 80;
	app_resize(&app);
	ck_assert_ptr_eq(app_top(&app), &signin_screen);
	app_key(&app, '\n');
	ck_assert_ptr_eq(app_top(&app), &home_screen);
	ck_assert_str_eq(app.signed_in, "An");
}

/* Given a timed quiz under way, when the teacher gives 10 minutes, then
 * it ends at the 15th minute, not the 5th. */
START_TEST(extra_time_during_the_quiz)
{
	struct hs_error err;

	sign_in();
	app_key(&app, '\n');			/* the module */
	ck_assert_ptr_eq(app_top(&app), &module_screen);
	app_key(&app, '2');			/* its quiz */
	app_key(&app, '\n');
	ck_assert_ptr_eq(app_top(&app), &quizstart_screen);
	app_key(&app, '\n');
	ck_assert_ptr_eq(app_top(&app), &quiz_screen);
	ck_assert_int_eq(quizview_model()->deadline_ms, NOW + 5 * 60000LL);

	clock_set_ms(NOW + 2 * 60000LL);
	ck_assert_int_eq(override_extra_time(app.store, learner, MODULE, 10,
	    OVERRIDE_VIA_COMMAND, &err), 0);
	clock_set_ms(NOW + 5 * 60000LL + 1000);
	app_top(&app)->tick(&app);	/* a second passed */
	ck_assert_ptr_eq(app_top(&app), &quiz_screen);
	ck_assert_int_eq(quizview_model()->timed_out, 0);
	ck_assert_int_eq(quizview_model()->deadline_ms, NOW + 15 * 60000LL);
	clock_set_ms(NOW + 15 * 60000LL + 1000);
	app_top(&app)->tick(&app);	/* a second passed */
	ck_assert_ptr_eq(app_top(&app), &result_screen);
}
END_TEST

/* Given a class that sees no module, its learner's home has no topic to
 * open. */
START_TEST(hidden_module_not_on_home)
{
	struct classmods cm;
	struct hs_error err;

	sign_in();
	ck_assert_int_eq(app_nmodules(&app), 1);
	ck_assert_int_eq(classmods_load(app.store, "5A", &app.catalog, &cm,
	    &err), 0);
	cm.seen[0] = 0;
	ck_assert_int_eq(classmods_save(app.store, "5A", &app.catalog, &cm,
	    &err), 0);
	classmods_free(&cm);
	app_sign_out(&app);
	app_key(&app, '\n');
	ck_assert_ptr_eq(app_top(&app), &home_screen);
	ck_assert_int_eq(app_nmodules(&app), 0);
	app_key(&app, '\n');			/* nothing to open */
	ck_assert_ptr_eq(app_top(&app), &home_screen);
}
END_TEST

static Suite *
assign_screens_suite(void)
{
	Suite *s = suite_create("assign_screens");
	TCase *tc = tcase_create("assign_screens");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, extra_time_during_the_quiz);
	tcase_add_test(tc, hidden_module_not_on_home);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(assign_screens_suite)

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check_screens.c: the screens' models driven by keys, without a
 * terminal (curses is linked but never started): the app is opened on a
 * real store in a fresh folder, keys go through app_key() as the main
 * loop hands them, and the tests read the screens' models.  Sign-in with
 * 40 and 120 learners at the list heights of 24 and 20 rows keeps the
 * selection on screen down to the last name and signs in as the one
 * selected; a quiz's one-answer and several-answer questions take their
 * keys; teacher mode's grid keeps its cursor on screen and opens a
 * learner's detail.
 */
#include "config.h"

#include <sys/stat.h>

#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "core/store.h"
#include "sync/devstore.h"
#include "learn/model/pin.h"
#include "learn/model/roster.h"
#include "learn/model/school.h"
#include "learn/screens/app.h"
#include "learn/screens/home.h"
#include "learn/screens/modview.h"
#include "learn/screens/quizstart.h"
#include "learn/screens/quizview.h"
#include "learn/screens/signin.h"
#include "learn/screens/teacher.h"
#include "learn/screens/teacherview.h"
#include "tests/testutil.h"

static char dir[4096];
static struct app app;

static void
setup(void)
{
	char path[4200];

	snprintf(dir, sizeof dir, "%s", test_tmpdir());
	snprintf(path, sizeof path, "%s/modules", dir);
	ck_assert_int_eq(mkdir(path, 0700), 0);
	memset(&app, 0, sizeof app);
}

static void
teardown(void)
{
	if (app.store != NULL)
		app_close(&app);
	test_rmtree(dir);
}

/* Copies the fixture module name into the data folder. */
static void
install_fixture(const char *name)
{
	char cmd[9000];

	snprintf(cmd, sizeof cmd, "cp -R '%s/%s' '%s/modules/'", FIXTURES, name,
	    dir);
	ck_assert_int_eq(system(cmd), 0);
}

/* A school with one class, 5A, of n learners "Học sinh 001"... with no
 * PINs, and the teacher's PIN 2468. */
static void
make_roster(int n)
{
	struct store *store;
	struct hs_error err;
	char db[4200], name[64];
	int i;

	snprintf(db, sizeof db, "%s/hocso.db", dir);
	ck_assert_int_eq(devstore_open(db, &store, &err), 0);
	ck_assert_int_eq(store_meta_put(store, SCHOOL_DISPLAY_NAME, "Trường thử",
	    &err), 0);
	ck_assert_int_eq(roster_class_add(store, "5A", 0, &err), 0);
	for (i = 1; i <= n; i++) {
		snprintf(name, sizeof name, "Học sinh %03d", i);
		ck_assert_int_eq(roster_learner_add(store, "5A", name, NULL,
		    "vi", NULL, &err), 0);
	}
	ck_assert_int_eq(pin_teacher_set(store, "2468", &err), 0);
	store_close(store);
}

/* Opens the app on the data folder as a rows x cols terminal. */
static void
open_app(int rows, int cols)
{
	struct hs_error err;

	ck_assert_msg(app_open(&app, dir, "vi", &err) == 0, "%s", err.msg);
	app.rows = rows;
	app.cols = cols;
	app_resize(&app);
}

static void
press(int key, int times)
{
	while (times-- > 0)
		app_key(&app, key);
}

/* The selection of l is a row of it, and on screen. */
static void
assert_visible(const struct list *l)
{
	ck_assert_int_ge(l->sel, 0);
	ck_assert_int_lt(l->sel, l->count);
	ck_assert_int_ge(l->sel, l->top);
	ck_assert_int_lt(l->sel, l->top + l->height);
}

/* Sign-in: 40 and 120 learners, at 24 and 20 rows. */
static const int signin_learners[] = { 40, 40, 120, 120 };
static const int signin_rows[] = { 24, 20, 24, 20 };

START_TEST(signin_scrolls_to_the_last)
{
	const struct signin_model *sm = signin_model();
	int n = signin_learners[_i], rows = signin_rows[_i], i;
	char want[64];

	/* Given a class of n and a terminal of rows */
	make_roster(n);
	open_app(rows, 80);
	ck_assert_ptr_eq(app_top(&app), &signin_screen);
	ck_assert_int_eq(sm->step, SIGNIN_NAME);	/* one class */
	ck_assert_int_eq(sm->name_list.count, n);
	/* the rows between the "Find:" line and the footer */
	ck_assert_int_eq(sm->name_list.height, rows - 9);
	ck_assert_int_lt(sm->name_list.height, n);

	/* When Down is pressed to the last name, it stays on screen */
	for (i = 1; i < n; i++) {
		app_key(&app, KEY_DOWN);
		ck_assert_int_eq(sm->name_list.sel, i);
		assert_visible(&sm->name_list);
	}
	app_key(&app, KEY_DOWN);		/* no further */
	ck_assert_int_eq(sm->name_list.sel, n - 1);
	ck_assert_int_eq(sm->name_list.top, n - sm->name_list.height);

	/* Home and End, PgUp and PgDn reach both ends */
	app_key(&app, KEY_HOME);
	ck_assert_int_eq(sm->name_list.sel, 0);
	ck_assert_int_eq(sm->name_list.top, 0);
	app_key(&app, KEY_END);
	ck_assert_int_eq(sm->name_list.sel, n - 1);
	assert_visible(&sm->name_list);
	press(KEY_PPAGE, n);
	ck_assert_int_eq(sm->name_list.sel, 0);
	for (i = 0; i < n && sm->name_list.sel < n - 1; i++) {
		app_key(&app, KEY_NPAGE);
		assert_visible(&sm->name_list);
	}
	ck_assert_int_eq(sm->name_list.sel, n - 1);
	app_key(&app, APP_KEY_WHEEL_UP);
	ck_assert_int_eq(sm->name_list.sel, n - 2);
	assert_visible(&sm->name_list);
	app_key(&app, APP_KEY_WHEEL_DOWN);

	/* Then Enter signs in as the last, the one selected */
	snprintf(want, sizeof want, "Học sinh %03d", n);
	ck_assert_str_eq(sm->learners[sm->shown[sm->name_list.sel]].name, want);
	app_key(&app, '\n');
	ck_assert_ptr_eq(app_top(&app), &home_screen);
	ck_assert_str_eq(app.signed_in, want);
}
END_TEST

/* A digit keeps choosing a class by its number, from the top. */
START_TEST(signin_digits_choose_the_class)
{
	struct hs_error err;
	char db[4200];
	struct store *store;

	make_roster(3);
	snprintf(db, sizeof db, "%s/hocso.db", dir);
	ck_assert_int_eq(devstore_open(db, &store, &err), 0);
	ck_assert_int_eq(roster_class_add(store, "5B", 0, &err), 0);
	ck_assert_int_eq(roster_learner_add(store, "5B", "Lê Minh", NULL, "vi",
	    NULL, &err), 0);
	store_close(store);
	open_app(24, 80);
	ck_assert_int_eq(signin_model()->step, SIGNIN_CLASS);
	app_key(&app, '2');
	ck_assert_int_eq(signin_model()->step, SIGNIN_NAME);
	ck_assert_int_eq(signin_model()->class_list.sel, 1);
	ck_assert_int_eq(signin_model()->name_list.count, 1);
}
END_TEST

/* Opens the quiz of the only module, from the home screen. */
static void
open_quiz(void)
{
	struct hs_error err;
	struct store *store;
	char db[4200];

	install_fixture("two-choices");
	snprintf(db, sizeof db, "%s/hocso.db", dir);
	ck_assert_int_eq(devstore_open(db, &store, &err), 0);
	ck_assert_int_eq(store_meta_put(store, SCHOOL_DISPLAY_NAME, "Trường thử",
	    &err), 0);
	store_close(store);
	open_app(24, 80);
	ck_assert_ptr_eq(app_top(&app), &home_screen);
	ck_assert_int_eq(app.catalog.n, 1);
	app_key(&app, '1');			/* a digit opens nothing */
	ck_assert_ptr_eq(app_top(&app), &home_screen);
	app_key(&app, '\n');
	ck_assert_ptr_eq(app_top(&app), &module_screen);
	app_key(&app, '2');			/* the quiz, after the lesson */
	ck_assert_ptr_eq(app_top(&app), &module_screen);
	app_key(&app, '\n');			/* the screen before it */
	ck_assert_ptr_eq(app_top(&app), &quizstart_screen);
	app_key(&app, APP_KEY_BACK);		/* back, nothing begun */
	ck_assert_ptr_eq(app_top(&app), &module_screen);
	app_key(&app, '\n');
	ck_assert_ptr_eq(app_top(&app), &quizstart_screen);
	app_key(&app, '\n');
	ck_assert_ptr_eq(app_top(&app), &quiz_screen);
}

START_TEST(quiz_one_answer_and_several)
{
	const struct quiz_model *qm;
	int flags[3] = { 1, 0, 1 };
	char want[64];

	open_quiz();
	qm = quizview_model();
	ck_assert_int_eq(qm->attempt.count, 2);
	ck_assert_int_eq(qm->attempt.answered, 0);

	/* One answer: nothing chosen until the child chooses, and Enter
	 * then says what to do and answers nothing */
	ck_assert_int_eq(qm->sel, -1);
	app.message[0] = '\0';
	app_key(&app, '\n');
	app_key(&app, ' ');
	ck_assert_int_eq(qm->attempt.answered, 0);
	ck_assert(app.message[0] != '\0');
	/* Up/Down and digits move the choice; Enter answers */
	app_key(&app, KEY_DOWN);
	ck_assert_int_eq(qm->sel, 0);
	app_key(&app, KEY_DOWN);
	ck_assert_int_eq(qm->sel, 1);
	app_key(&app, KEY_UP);
	app_key(&app, KEY_UP);			/* no further */
	ck_assert_int_eq(qm->sel, 0);
	app_key(&app, '3');
	ck_assert_int_eq(qm->sel, 2);
	ck_assert_int_eq(qm->ticks[2], 0);	/* a digit ticks nothing here */
	app_key(&app, '\n');
	ck_assert_int_eq(qm->attempt.answered, 1);
	ck_assert_str_eq(qm->attempt.response[0], "2");
	ck_assert(qm->attempt.fraction[0] >= 1.0);

	/* Several answers: digits and Space tick; Enter with none ticked
	 * says so and answers nothing */
	ck_assert_int_eq(qm->sel, 0);
	app_key(&app, '\n');
	ck_assert_int_eq(qm->attempt.answered, 1);
	ck_assert(app.message[0] != '\0');
	app_key(&app, '1');
	ck_assert_int_eq(qm->ticks[0], 1);
	app_key(&app, '3');
	ck_assert_int_eq(qm->sel, 2);
	ck_assert_int_eq(qm->ticks[2], 1);
	app_key(&app, ' ');
	ck_assert_int_eq(qm->ticks[2], 0);
	app_key(&app, KEY_UP);
	app_key(&app, ' ');			/* the second: wrong */
	ck_assert_int_eq(qm->ticks[1], 1);
	app_key(&app, ' ');
	ck_assert_int_eq(qm->ticks[1], 0);
	app_key(&app, KEY_DOWN);
	app_key(&app, ' ');
	ck_assert_int_eq(qm->ticks[2], 1);
	app_key(&app, '\n');

	/* Then the attempt is finished, right, and its result shown */
	ck_assert_int_eq(qm->attempt.answered, 2);
	response_from_flags(flags, 3, want, sizeof want);
	ck_assert_str_eq(qm->attempt.response[1], want);
	ck_assert(qm->attempt.score >= 1.0);
	ck_assert_ptr_eq(app_top(&app), &result_screen);
	ck_assert_int_gt(qm->review.nlines, 0);

	/* Enter goes back to the module, q to home */
	app_key(&app, '\n');
	ck_assert_ptr_eq(app_top(&app), &module_screen);
	app_key(&app, APP_KEY_BACK);
	ck_assert_ptr_eq(app_top(&app), &home_screen);
}
END_TEST

/* Teacher mode on a class of 30 and 4 modules, at 20 rows. */
START_TEST(teacher_grid_keeps_the_cursor_in_view)
{
	const struct teacher_model *tm = &teacher;
	char want[128];
	int i;

	install_fixture("secrets-v1");
	install_fixture("tf-module");
	install_fixture("every-type");
	install_fixture("two-choices");
	make_roster(30);
	open_app(20, 80);
	app_key(&app, KEY_F(5));
	ck_assert_ptr_eq(app_top(&app), &teacher_screen);
	ck_assert_int_eq(tm->view, TEACHER_PIN);
	app_key(&app, '2');
	app_key(&app, '4');
	app_key(&app, '6');
	app_key(&app, '8');
	app_key(&app, '\n');
	ck_assert_int_eq(tm->view, TEACHER_OVERVIEW);
	ck_assert_int_eq(tm->grid.count, 30);
	ck_assert_int_eq(tm->grid.height, 20 - 8);

	/* Across learners and modules the cursor stays on screen */
	for (i = 1; i < 30; i++) {
		app_key(&app, KEY_DOWN);
		ck_assert_int_eq(tm->grid.sel, i);
		assert_visible(&tm->grid);
		app_key(&app, i % 2 ? KEY_RIGHT : KEY_LEFT);
		ck_assert_int_ge(tm->col, 0);
		ck_assert_int_lt(tm->col, app.catalog.n);
	}
	press(KEY_RIGHT, 10);
	ck_assert_int_eq(tm->col, app.catalog.n - 1);
	press(KEY_LEFT, 10);
	ck_assert_int_eq(tm->col, 0);
	app_key(&app, KEY_HOME);
	ck_assert_int_eq(tm->grid.sel, 0);
	ck_assert_int_eq(tm->grid.top, 0);
	app_key(&app, KEY_NPAGE);
	assert_visible(&tm->grid);
	app_key(&app, KEY_END);
	ck_assert_int_eq(tm->grid.sel, 29);
	assert_visible(&tm->grid);
	app_key(&app, KEY_UP);

	/* Enter opens the selected learner's detail; q goes back */
	app_key(&app, '\n');
	ck_assert_int_eq(tm->view, TEACHER_LEARNER);
	snprintf(want, sizeof want, "Học sinh 029 (5A)");
	ck_assert_str_eq(tm->lines[0], want);
	app_key(&app, APP_KEY_BACK);
	ck_assert_int_eq(tm->view, TEACHER_OVERVIEW);
	ck_assert_int_eq(tm->grid.sel, 28);

	/* The settings rows are a list of three */
	app_key(&app, 's');
	ck_assert_int_eq(tm->view, TEACHER_SETTINGS);
	press(KEY_DOWN, 5);
	ck_assert_int_eq(tm->set_rows.sel, 2);
	app_key(&app, APP_KEY_BACK);
	ck_assert_int_eq(tm->view, TEACHER_OVERVIEW);
}
END_TEST

static Suite *
screens_suite(void)
{
	Suite *s = suite_create("screens");
	TCase *tc = tcase_create("keys");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, signin_scrolls_to_the_last, 0,
	    sizeof signin_rows / sizeof *signin_rows);
	tcase_add_test(tc, signin_digits_choose_the_class);
	tcase_add_test(tc, quiz_one_answer_and_several);
	tcase_add_test(tc, teacher_grid_keeps_the_cursor_in_view);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(screens_suite)

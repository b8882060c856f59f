/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check_progress.c: the multiple-choice quiz path through the real store:
 * an attempt drawn from the demo bank, answered, reopened as after a
 * crash, and finished; lessons read and completed.  Every step must leave
 * its state and its event committed together.
 */
#include "config.h"

#include "core/store.h"
#include "learn/model/progress.h"
#include "quiz/gift.h"
#include "quiz/quiz.h"
#include "sync/devstore.h"
#include "tests/testutil.h"

static char dir[4096], db_path[4200];
static struct store *store;
static struct progress prog;

static void
setup(void)
{
	struct hs_error err;

	snprintf(dir, sizeof dir, "%s", test_tmpdir());
	snprintf(db_path, sizeof db_path, "%s/hocso.db", dir);
	ck_assert_int_eq(devstore_open(db_path, &store, &err), 0);
	ck_assert_int_eq(progress_open(&prog, store, "vi", &err), 0);
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

START_TEST(test_one_learner_per_device_for_now)
{
	struct progress again;
	struct hs_error err;

	ck_assert_int_eq(progress_open(&again, store, "en", &err), 0);
	ck_assert_int_eq(again.learner_id, prog.learner_id);
	ck_assert_str_eq(again.learner_uuid, prog.learner_uuid);
	ck_assert_int_eq(count("SELECT count(*) FROM learners"), 1);
}
END_TEST

START_TEST(test_quiz_path_survives_a_restart)
{
	struct quiz_bank bank = { 0 };
	struct attempt a, b;
	struct hs_error err;
	int order[5], i;
	double best;
	int tries;

	ck_assert_int_eq(gift_load(FIXTURES "/secrets-v1/quizzes/vi/secrets.gift",
	    &bank, &err), 0);
	/* given a new attempt with three answers */
	ck_assert_int_eq(progress_attempt_open(&prog, "m", "bank.gift", 5, 0, &a,
	    &err), 0);
	ck_assert_int_eq(a.answered, 0);
	quiz_draw(a.seed, bank.n, 5, order);
	for (i = 0; i < 3; i++) {
		const struct quiz_question *q = &bank.questions[order[i]];
		int c = i == 1 ? (quiz_best_choice(q) + 1) % q->nchoices :
		    quiz_best_choice(q);
		char r[8];

		snprintf(r, sizeof r, "%d", c);
		ck_assert_int_eq(progress_answer(&prog, "m", &a, q->id, r,
		    quiz_grade_choice(q, c), &err), 0);
	}
	/* when the program starts again and reopens the quiz */
	ck_assert_int_eq(progress_attempt_open(&prog, "m", "bank.gift", 5, 0, &b,
	    &err), 0);
	/* then it is the same attempt, with the same answers */
	ck_assert_int_eq(b.id, a.id);
	ck_assert_str_eq(b.uuid, a.uuid);
	ck_assert(b.seed == a.seed);
	ck_assert_int_eq(b.answered, 3);
	for (i = 0; i < 3; i++) {
		ck_assert_str_eq(b.response[i], a.response[i]);
		ck_assert(b.fraction[i] == a.fraction[i]);
	}
	ck_assert(b.fraction[1] == 0.0);
	for (i = 3; i < 5; i++) {
		const struct quiz_question *q = &bank.questions[order[i]];
		int c = quiz_best_choice(q);
		char r[8];

		snprintf(r, sizeof r, "%d", c);
		ck_assert_int_eq(progress_answer(&prog, "m", &b, q->id, r,
		    quiz_grade_choice(q, c), &err), 0);
	}
	/* a sixth answer is refused */
	ck_assert_int_eq(progress_answer(&prog, "m", &b, "x", "0", 1, &err),
	    HS_EINVAL);
	ck_assert_int_eq(progress_attempt_finish(&prog, "m", &b, 80, &err), 0);
	ck_assert(b.score == 0.8);
	ck_assert_int_eq(progress_quiz_scores(&prog, "m", &best, NULL, &tries,
	    &err), 0);
	ck_assert(best == 0.8);
	ck_assert_int_eq(tries, 1);
	/* the events tell the same story, in order */
	ck_assert_int_eq(count("SELECT count(*) FROM answers"), 5);
	ck_assert_int_eq(count("SELECT count(*) FROM events WHERE verb = "
	    "'answered' AND registration = (SELECT uuid FROM attempts)"), 5);
	ck_assert_int_eq(count("SELECT count(*) FROM events WHERE verb = "
	    "'answered' AND success = 0"), 1);
	ck_assert_int_eq(count("SELECT verb = 'attempted' FROM events ORDER BY "
	    "seq LIMIT 1"), 1);
	ck_assert_int_eq(count("SELECT verb = 'passed' AND score = 0.8 FROM "
	    "events ORDER BY seq DESC LIMIT 1"), 1);
	/* and the next opening starts a new attempt */
	attempt_free(&a);
	ck_assert_int_eq(progress_attempt_open(&prog, "m", "bank.gift", 5, 0, &a,
	    &err), 0);
	ck_assert_int_ne(a.id, b.id);
	ck_assert_int_eq(a.answered, 0);
	attempt_free(&a);
	attempt_free(&b);
	quiz_bank_free(&bank);
}
END_TEST

START_TEST(test_failed_attempt_is_recorded_as_failed)
{
	struct attempt a;
	struct hs_error err;

	ck_assert_int_eq(progress_attempt_open(&prog, "m", "b", 2, 0, &a, &err), 0);
	ck_assert_int_eq(progress_answer(&prog, "m", &a, "q1", "0", 1, &err), 0);
	ck_assert_int_eq(progress_answer(&prog, "m", &a, "q2", "1", 0, &err), 0);
	ck_assert_int_eq(progress_attempt_finish(&prog, "m", &a, 80, &err), 0);
	ck_assert_int_eq(count("SELECT count(*) FROM events WHERE verb = "
	    "'failed' AND score = 0.5 AND success = 0"), 1);
	attempt_free(&a);
}
END_TEST

/* Text responses come back as typed, an essay (-1) is left out of the
 * score, a question not answered counts 0, and the start time stays. */
START_TEST(test_text_answers_and_essays)
{
	struct attempt a, b;
	struct hs_error err;

	ck_assert_int_eq(progress_attempt_open(&prog, "m", "b", 3, 0, &a, &err),
	    0);
	ck_assert_int_gt(a.started_ms, 1700000000000LL);
	ck_assert_int_eq(progress_answer(&prog, "m", &a, "short", "mật khẩu",
	    1, &err), 0);
	ck_assert_int_eq(progress_answer(&prog, "m", &a, "essay",
	    "Không cho ai.\nKể với bố mẹ.", -1, &err), 0);
	ck_assert_int_eq(progress_attempt_open(&prog, "m", "b", 3, 0, &b, &err),
	    0);
	ck_assert_int_eq(b.answered, 2);
	ck_assert_str_eq(b.response[0], "mật khẩu");
	ck_assert_str_eq(b.response[1], "Không cho ai.\nKể với bố mẹ.");
	ck_assert_ptr_null(b.response[2]);
	ck_assert(b.fraction[1] == -1);
	ck_assert(llabs(b.started_ms - a.started_ms) < 2);
	/* finished with the third not answered (time ran out) */
	ck_assert_int_eq(progress_attempt_finish(&prog, "m", &b, 50, &err), 0);
	ck_assert(b.score == 0.5);
	ck_assert_int_eq(count("SELECT count(*) FROM events WHERE verb = "
	    "'answered' AND score IS NULL"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM events WHERE verb = "
	    "'passed' AND score = 0.5"), 1);
	attempt_free(&a);
	attempt_free(&b);
}
END_TEST

START_TEST(test_lesson_screens_and_completion)
{
	struct hs_error err;
	int screen, done;

	ck_assert_int_eq(progress_lesson_state(&prog, "m", "01-a", &screen,
	    &done, &err), 0);
	ck_assert_int_eq(screen, 0);
	ck_assert_int_eq(done, 0);
	ck_assert_int_eq(progress_screen_seen(&prog, "m", "01-a", 0, &err), 0);
	ck_assert_int_eq(progress_screen_seen(&prog, "m", "01-a", 2, &err), 0);
	ck_assert_int_eq(progress_screen_seen(&prog, "m", "01-a", 1, &err), 0);
	ck_assert_int_eq(progress_lesson_state(&prog, "m", "01-a", &screen,
	    &done, &err), 0);
	ck_assert_int_eq(screen, 1);
	ck_assert_int_eq(count("SELECT screens_seen FROM lesson_progress"), 3);
	ck_assert_int_eq(progress_lesson_done(&prog, "m", "01-a", &err), 0);
	ck_assert_int_eq(progress_lesson_state(&prog, "m", "01-a", &screen,
	    &done, &err), 0);
	ck_assert_int_eq(done, 1);
	ck_assert_int_eq(progress_lessons_done(&prog, "m", &done, &err), 0);
	ck_assert_int_eq(done, 1);
	ck_assert_int_eq(count("SELECT count(*) FROM events WHERE verb = "
	    "'experienced' AND object = 'urn:hocso:m:lesson:01-a:screen:3'"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM events WHERE verb = "
	    "'completed' AND completion = 1"), 1);
}
END_TEST

START_TEST(test_practice_answers_are_kept)
{
	struct hs_error err;
	int choice;

	ck_assert_int_eq(progress_practice_last(&prog, "m", "01-a", "q", &choice,
	    &err), 0);
	ck_assert_int_eq(choice, -1);
	ck_assert_int_eq(progress_practice(&prog, "m", "01-a", "q", 2, 0, &err),
	    0);
	ck_assert_int_eq(progress_practice(&prog, "m", "01-a", "q", 0, 1, &err),
	    0);
	ck_assert_int_eq(progress_practice_last(&prog, "m", "01-a", "q", &choice,
	    &err), 0);
	ck_assert_int_eq(choice, 0);
	ck_assert_int_eq(count("SELECT count(*) FROM practice"), 2);
	ck_assert_int_eq(count("SELECT count(*) FROM events WHERE verb = "
	    "'answered' AND object = 'urn:hocso:m:lesson:01-a:practice:q'"), 2);
	ck_assert_int_eq(count("SELECT success FROM events ORDER BY seq DESC "
	    "LIMIT 1"), 1);
}
END_TEST

START_TEST(test_attempts_are_limited)
{
	struct attempt a;
	struct hs_error err;
	int i;

	for (i = 0; i < 2; i++) {
		ck_assert_int_eq(progress_attempt_open(&prog, "m", "b", 1, 2, &a,
		    &err), 0);
		ck_assert_int_eq(progress_answer(&prog, "m", &a, "q", "0", 1,
		    &err), 0);
		ck_assert_int_eq(progress_attempt_finish(&prog, "m", &a, 80,
		    &err), 0);
		attempt_free(&a);
	}
	ck_assert_int_eq(progress_attempt_open(&prog, "m", "b", 1, 2, &a,
	    &err), HS_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "2 attempts"));
	ck_assert_int_eq(count("SELECT count(*) FROM attempts"), 2);
	/* no limit: a third */
	ck_assert_int_eq(progress_attempt_open(&prog, "m", "b", 1, 0, &a,
	    &err), 0);
	attempt_free(&a);
}
END_TEST

/* Given one learner on two terminals in the same attempt, when both
 * answer the same question, then the first answer is kept, the second
 * terminal is told so in words (no SQLite text), and goes on after it. */
START_TEST(test_two_terminals_one_attempt)
{
	struct attempt a, b;
	struct hs_error err;

	ck_assert_int_eq(progress_attempt_open(&prog, "m", "b", 3, 0, &a, &err),
	    0);
	ck_assert_int_eq(progress_attempt_open(&prog, "m", "b", 3, 0, &b, &err),
	    0);
	ck_assert_int_eq(progress_answer(&prog, "m", &a, "q1", "0", 1, &err), 0);
	ck_assert_int_eq(progress_answer(&prog, "m", &b, "q1", "1", 0, &err),
	    HS_EINVAL);
	ck_assert_str_eq(err.msg, "This quiz is open on another terminal too, "
	    "which answered this question first: that answer is kept, and the "
	    "quiz goes on from there.");
	ck_assert_ptr_null(strstr(err.msg, "constraint"));
	ck_assert_int_eq(b.answered, 1);
	ck_assert_str_eq(b.response[0], "0");
	ck_assert_int_eq(progress_answer(&prog, "m", &b, "q2", "1", 1, &err), 0);
	ck_assert_int_eq(count("SELECT count(*) FROM answers"), 2);
	attempt_free(&a);
	attempt_free(&b);
}
END_TEST

static Suite *
progress_suite(void)
{
	Suite *s = suite_create("progress");
	TCase *tc = tcase_create("progress");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_one_learner_per_device_for_now);
	tcase_add_test(tc, test_quiz_path_survives_a_restart);
	tcase_add_test(tc, test_failed_attempt_is_recorded_as_failed);
	tcase_add_test(tc, test_text_answers_and_essays);
	tcase_add_test(tc, test_lesson_screens_and_completion);
	tcase_add_test(tc, test_practice_answers_are_kept);
	tcase_add_test(tc, test_attempts_are_limited);
	tcase_add_test(tc, test_two_terminals_one_attempt);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(progress_suite)

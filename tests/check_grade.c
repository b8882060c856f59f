/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check_grade.c: grading, type by type, as tables: the question in GIFT,
 * the learner's answer, the options, and the exact fraction expected.
 */
#include "config.h"

#include <math.h>

#include "quiz/gift.h"
#include "quiz/grade.h"
#include "quiz/response.h"
#include "tests/testutil.h"

static struct quiz_bank
bank_of(const char *gift)
{
	struct quiz_bank b = { 0 };
	struct hs_error err;

	ck_assert_msg(gift_parse(gift, strlen(gift), "t.gift", &b, &err) == 0,
	    "%d:%d: %s", err.line, err.column, err.msg);
	return b;
}

static const char mc[] = "Q {=right ~wrong ~%50%half ~%-50%bad}";

/* given a choice question, when choice is picked, then fraction */
static const struct {
	const char *gift;
	int choice;
	double want;
} choices[] = {
	{ mc, 0, 1.0 }, { mc, 1, 0.0 }, { mc, 2, 0.5 }, { mc, 3, 0.0 },
	{ mc, -1, 0.0 }, { mc, 9, 0.0 },
	{ "Q {T}", 0, 1.0 }, { "Q {T}", 1, 0.0 },
	{ "Q {FALSE#no#yes}", 1, 1.0 }, { "Q {FALSE}", 0, 0.0 },
};

START_TEST(test_choice)
{
	struct quiz_bank b = bank_of(choices[_i].gift);
	struct grade_result r = grade_choice(&b.questions[0], choices[_i].choice);

	ck_assert_msg(fabs(r.fraction - choices[_i].want) < 1e-9, "got %g",
	    r.fraction);
	quiz_bank_free(&b);
}
END_TEST

static const char multi[] =
    "Q {~%50%long ~%50%random ~%-100%your name ~%0%short}";

/* given weighted answers, when these are ticked, then the sum, clipped */
static const struct {
	int sel[4];
	double want;
} multis[] = {
	{ { 1, 1, 0, 0 }, 1.0 }, { { 1, 0, 0, 0 }, 0.5 },
	{ { 0, 1, 0, 1 }, 0.5 }, { { 1, 1, 1, 0 }, 0.0 },
	{ { 0, 0, 1, 0 }, 0.0 },	/* -1 clipped to 0 */
	{ { 0, 0, 0, 0 }, 0.0 }, { { 1, 1, 0, 1 }, 1.0 },
	{ { 1, 0, 1, 1 }, 0.0 },
};

START_TEST(test_multi)
{
	struct quiz_bank b = bank_of(multi);
	struct grade_result r = grade_multi(&b.questions[0], multis[_i].sel);

	ck_assert_msg(fabs(r.fraction - multis[_i].want) < 1e-9, "got %g",
	    r.fraction);
	quiz_bank_free(&b);
}
END_TEST

static const char sa[] = "Q {=mật khẩu =%50%password =Đà Nẵng}";

/* given accepted answers, when this is typed, with or without the
 * no-diacritics rule (and its share), then the fraction */
static const struct {
	const char *typed;
	int lenient;
	double share;
	double want;
} shorts[] = {
	{ "mật khẩu", 0, 0, 1.0 },
	{ "  Mật   KHẨU ", 0, 0, 1.0 },		/* case, spaces */
	{ "ma\xcc\xa3\xcc\x82t kha\xcc\x82\xcc\x89u", 0, 0, 1.0 }, /* NFD */
	{ "mat khau", 0, 0, 0.0 },
	{ "mat khau", 1, 1.0, 1.0 },
	{ "mat khau", 1, 0.5, 0.5 },
	{ "MAT KHAU", 1, 1.0, 1.0 },
	{ "mật khau", 1, 1.0, 1.0 },
	{ "password", 0, 0, 0.5 },
	{ "Password", 1, 0.5, 0.5 },
	{ "da nang", 1, 1.0, 1.0 },		/* Đ folds to d */
	{ "Đà Nẵng", 0, 0, 1.0 },
	{ "đà nẵng", 0, 0, 1.0 },
	{ "mật", 1, 1.0, 0.0 },
	{ "", 1, 1.0, 0.0 },
	{ "mật khẩu mạnh", 0, 0, 0.0 },
	{ "mậtkhẩu", 1, 1.0, 0.0 },
};

START_TEST(test_short)
{
	struct quiz_bank b = bank_of(sa);
	struct grade_options o = { shorts[_i].lenient, shorts[_i].share };
	struct grade_result r = grade_short(&b.questions[0], shorts[_i].typed,
	    &o);

	ck_assert_msg(fabs(r.fraction - shorts[_i].want) < 1e-9,
	    "'%s': got %g", shorts[_i].typed, r.fraction);
	quiz_bank_free(&b);
}
END_TEST

static const char num[] =
    "Q {#=%100%3.14:0.005 =%50%3.1:0.1 =%25%1..2}";

/* given numerical answers, when this number is typed, then the best */
static const struct {
	double value;
	double want;
} nums[] = {
	{ 3.14, 1.0 }, { 3.144, 1.0 }, { 3.146, 0.5 }, { 3.0, 0.5 },
	{ 3.2, 0.5 }, { 3.21, 0.0 }, { 1.5, 0.25 }, { 1, 0.25 }, { 2, 0.25 },
	{ 0, 0.0 }, { -3.14, 0.0 }, { NAN, 0.0 },
};

START_TEST(test_numerical)
{
	struct quiz_bank b = bank_of(num);
	struct grade_result r = grade_numerical(&b.questions[0],
	    nums[_i].value);

	ck_assert_msg(fabs(r.fraction - nums[_i].want) < 1e-9, "%g: got %g",
	    nums[_i].value, r.fraction);
	quiz_bank_free(&b);
}
END_TEST

static const char match[] =
    "Q {=OTP -> one-time code =PIN -> secret number =URL -> address"
    " = -> spam}";

/* given pairs, when the learner matches left i with right pick[i] */
static const struct {
	int pick[4];
	double want;
} matches[] = {
	{ { 0, 1, 2, -1 }, 1.0 }, { { 1, 0, 2, -1 }, 1.0 / 3 },
	{ { 3, 3, 3, -1 }, 0.0 }, { { 0, -1, -1, -1 }, 1.0 / 3 },
	{ { 0, 1, 3, -1 }, 2.0 / 3 }, { { -1, -1, -1, -1 }, 0.0 },
};

START_TEST(test_matching)
{
	struct quiz_bank b = bank_of(match);
	struct grade_result r = grade_matching(&b.questions[0],
	    matches[_i].pick);

	ck_assert_msg(fabs(r.fraction - matches[_i].want) < 1e-9, "got %g",
	    r.fraction);
	quiz_bank_free(&b);
}
END_TEST

START_TEST(test_essay_needs_a_teacher)
{
	struct quiz_bank b = bank_of("Tell the story. {}");
	struct grade_result r = grade_essay(&b.questions[0]);

	ck_assert_int_eq(r.needs_teacher, 1);
	ck_assert(r.fraction == 0);
	quiz_bank_free(&b);
}
END_TEST

START_TEST(test_normalise)
{
	char out[64];

	ck_assert_str_eq(grade_normalise("  Đường   LINK\t lạ ", 0, out,
	    sizeof out), "đường link lạ");
	ck_assert_str_eq(grade_normalise("Đường link lạ", 1, out, sizeof out),
	    "duong link la");
	ck_assert_str_eq(grade_normalise("abcdef", 0, out, 4), "abc");
}
END_TEST

/* given a question, when this response (as stored) is graded, then the
 * fraction; responses that do not fit the question grade 0 */
static const struct {
	const char *gift;
	const char *response;
	double want;
	int needs_teacher;
} responses[] = {
	{ mc, "0", 1.0, 0 }, { mc, "2", 0.5, 0 }, { mc, "", 0.0, 0 },
	{ mc, "7", 0.0, 0 }, { mc, "x", 0.0, 0 }, { mc, "0[,]1", 0.0, 0 },
	{ "Q {FALSE#no#yes}", "1", 1.0, 0 },
	{ multi, "0[,]1", 1.0, 0 }, { multi, "1", 0.5, 0 },
	{ multi, "0[,]1[,]2", 0.0, 0 }, { multi, "", 0.0, 0 },
	{ multi, "0[,]9", 0.0, 0 }, { multi, "0,1", 0.0, 0 },
	{ "Q {=mật khẩu =%50%mã}", "  Mật   KHẨU ", 1.0, 0 },
	{ "Q {=mật khẩu =%50%mã}", "mã", 0.5, 0 },
	{ "Q {=mật khẩu}", "mat khau", 0.0, 0 },
	{ "Q {=a -> 1 =b -> 2 = -> 3}", "0[,]1", 1.0, 0 },
	{ "Q {=a -> 1 =b -> 2 = -> 3}", "0[,]2", 0.5, 0 },
	{ "Q {=a -> 1 =b -> 2 = -> 3}", "1[,]0", 0.0, 0 },
	{ "Q {=a -> 1 =b -> 2 = -> 3}", "0", 0.5, 0 },
	{ "Q {=a -> 1 =b -> 2 = -> 3}", "-1[,]-1", 0.0, 0 },
	{ "Q {=a -> 1 =b -> 2 = -> 3}", "5[,]99", 0.0, 0 },
	{ "Q {#3.5:0.1}", "3,5", 1.0, 0 }, { "Q {#3.5:0.1}", " 3.45 ", 1.0, 0 },
	{ "Q {#3.5:0.1}", "3.7", 0.0, 0 }, { "Q {#3.5:0.1}", "ba", 0.0, 0 },
	{ "Q {#3.5:0.1}", "", 0.0, 0 }, { "Q {#-2}", "-2", 1.0, 0 },
	{ "Q {#1..5}", "1e1", 0.0, 0 }, { "Q {#1..5}", "nan", 0.0, 0 },
	{ "Q {}", "Không cho ai.", 0.0, 1 },
};

START_TEST(test_response)
{
	struct quiz_bank b = bank_of(responses[_i].gift);
	struct grade_result r = response_grade(&b.questions[0],
	    responses[_i].response, NULL);

	ck_assert_msg(fabs(r.fraction - responses[_i].want) < 1e-9,
	    "'%s': got %g", responses[_i].response, r.fraction);
	ck_assert_int_eq(r.needs_teacher, responses[_i].needs_teacher);
	quiz_bank_free(&b);
}
END_TEST

/* a quiz that takes answers without marks for a share of the mark */
START_TEST(test_response_without_marks)
{
	struct quiz_bank b = bank_of("Q {=Đà Nẵng}");
	struct grade_options half = { 1, 0.5 }, full = { 1, 1.0 };

	ck_assert(response_grade(&b.questions[0], "da nang", &half).fraction
	    == 0.5);
	ck_assert(response_grade(&b.questions[0], "DA  NANG", &full).fraction
	    == 1.0);
	ck_assert(response_grade(&b.questions[0], "Đà Nẵng", &half).fraction
	    == 1.0);
	ck_assert(response_grade(&b.questions[0], "da nag", &full).fraction
	    == 0.0);
	quiz_bank_free(&b);
}
END_TEST

/* an answer typed with Vietnamese typing on is accepted when the keys
 * as typed match (deepfake, composed by Telex as dèpake), and the one
 * that matched is the one to record */
START_TEST(test_response_typed)
{
	struct quiz_bank b = bank_of("Q {=deepfake =deep fake}");
	struct quiz_bank v = bank_of("Q {=mật khẩu}");
	const char *typed;
	struct grade_result r;

	r = response_grade_typed(&b.questions[0], "dèpake", "deepfake", NULL,
	    &typed);
	ck_assert(r.fraction == 1.0);
	ck_assert_str_eq(typed, "deepfake");
	r = response_grade_typed(&v.questions[0], "mật khẩu", "maatj khaaur",
	    NULL, &typed);
	ck_assert(r.fraction == 1.0);
	ck_assert_str_eq(typed, "mật khẩu");
	r = response_grade_typed(&b.questions[0], "dèpfak", "deepfak", NULL,
	    &typed);			/* neither: what was on screen */
	ck_assert(r.fraction == 0.0);
	ck_assert_str_eq(typed, "dèpfak");
	r = response_grade_typed(&b.questions[0], "deepfake", NULL, NULL,
	    &typed);
	ck_assert(r.fraction == 1.0);
	ck_assert_str_eq(typed, "deepfake");
	quiz_bank_free(&b);
	quiz_bank_free(&v);
}
END_TEST

/* lists are written and read back the same */
START_TEST(test_response_lists)
{
	int flags[5] = { 1, 0, 1, 0, 1 }, list[3] = { 2, -1, 0 }, back[10];
	char out[64];

	ck_assert_str_eq(response_from_flags(flags, 5, out, sizeof out),
	    "0[,]2[,]4");
	ck_assert_str_eq(response_from_list(list, 3, out, sizeof out),
	    "2[,]-1[,]0");
	ck_assert_int_eq(response_to_list(out, back, 10), 3);
	ck_assert_int_eq(back[0], 2);
	ck_assert_int_eq(back[1], -1);
	ck_assert_int_eq(back[2], 0);
	ck_assert_int_eq(back[3], -1);
	ck_assert_int_eq(response_to_list("1[,]", back, 10), -1);
	ck_assert_int_eq(response_to_list("1;2", back, 10), -1);
	ck_assert_str_eq(response_from_flags(flags, 5, out, 6), "0[,]2");
}
END_TEST

static Suite *
grade_suite(void)
{
	Suite *s = suite_create("grade");
	TCase *tc = tcase_create("grade");

	tcase_add_loop_test(tc, test_choice, 0, sizeof choices / sizeof *choices);
	tcase_add_loop_test(tc, test_multi, 0, sizeof multis / sizeof *multis);
	tcase_add_loop_test(tc, test_short, 0, sizeof shorts / sizeof *shorts);
	tcase_add_loop_test(tc, test_numerical, 0, sizeof nums / sizeof *nums);
	tcase_add_loop_test(tc, test_matching, 0,
	    sizeof matches / sizeof *matches);
	tcase_add_test(tc, test_essay_needs_a_teacher);
	tcase_add_test(tc, test_normalise);
	tcase_add_loop_test(tc, test_response, 0,
	    sizeof responses / sizeof *responses);
	tcase_add_test(tc, test_response_without_marks);
	tcase_add_test(tc, test_response_lists);
	tcase_add_test(tc, test_response_typed);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(grade_suite)

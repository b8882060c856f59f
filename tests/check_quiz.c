/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check_quiz.c: reading GIFT multiple-choice banks (and refusing what is
 * wrong, at the right line and column), seeded drawing, and grading.
 */
#include "config.h"

#include "quiz/gift.h"
#include "quiz/quiz.h"
#include "tests/testutil.h"

static struct quiz_bank
parse_ok(const char *gift)
{
	struct quiz_bank b = { 0 };
	struct hs_error err;

	ck_assert_msg(gift_parse(gift, strlen(gift), "t.gift", &b, &err) == 0,
	    "%s:%d:%d: %s", err.file, err.line, err.column, err.msg);
	return b;
}

START_TEST(test_curriculum_bank_reads)
{
	struct quiz_bank b = { 0 };
	struct hs_error err;
	int i, j, right;

	ck_assert_int_eq(gift_load(FIXTURES "/secrets-v1/quizzes/vi/secrets.gift",
	    &b, &err), 0);
	ck_assert_int_eq(b.n, 5);
	for (i = 0; i < b.n; i++) {
		ck_assert_int_ge(b.questions[i].nchoices, 3);
		for (j = right = 0; j < b.questions[i].nchoices; j++) {
			right += b.questions[i].choices[j].fraction == 1.0;
			ck_assert_ptr_nonnull(b.questions[i].choices[j].feedback);
		}
		ck_assert_int_eq(right, 1);
		ck_assert_ptr_nonnull(b.questions[i].title);
	}
	ck_assert_str_eq(b.questions[0].id, b.questions[0].title);
	quiz_bank_free(&b);
}
END_TEST

START_TEST(test_choices_feedback_and_titles)
{
	struct quiz_bank b = parse_ok(
	    "// a comment\n"
	    "$CATEGORY: an toàn\n"
	    "\n"
	    "::Mật khẩu::[markdown]Mật khẩu nào **mạnh**? {\n"
	    "  =voi-kem-may #Đúng! Dài và ngẫu nhiên.\n"
	    "  ~123456 #Quá dễ đoán.\n"
	    "  ~minh2015\n"
	    "  #### Dài tốt hơn rắc rối.\n"
	    "}\n"
	    "\n"
	    "Câu không tiêu đề {~a =b ~c}\n");
	const struct quiz_question *q = &b.questions[0];

	ck_assert_int_eq(b.n, 2);
	ck_assert_str_eq(q->title, "Mật khẩu");
	ck_assert_str_eq(q->category, "an toàn");
	ck_assert_str_eq(q->text, "Mật khẩu nào **mạnh**?");
	ck_assert_int_eq(q->nchoices, 3);
	ck_assert_str_eq(q->choices[0].text, "voi-kem-may");
	ck_assert_str_eq(q->choices[0].feedback, "Đúng! Dài và ngẫu nhiên.");
	ck_assert(q->choices[0].fraction == 1.0);
	ck_assert(q->choices[1].fraction == 0.0);
	ck_assert_ptr_null(q->choices[2].feedback);
	ck_assert_str_eq(q->general_feedback, "Dài tốt hơn rắc rối.");
	ck_assert_int_eq(q->line, 4);
	ck_assert_str_eq(b.questions[1].id, "q2");
	ck_assert_int_eq(quiz_best_choice(&b.questions[1]), 1);
	quiz_bank_free(&b);
}
END_TEST

START_TEST(test_escapes_weights_and_missing_word)
{
	struct quiz_bank b = parse_ok(
	    "Dấu \\= và \\{ ngoặc\\} \\: hai chấm {=a\\~b ~%50%nửa ~%-25%âm}\n"
	    "\n"
	    "Mật khẩu {=mạnh ~yếu} thì khó đoán.\n");

	ck_assert_str_eq(b.questions[0].text, "Dấu = và { ngoặc} : hai chấm");
	ck_assert_str_eq(b.questions[0].choices[0].text, "a~b");
	ck_assert(b.questions[0].choices[1].fraction == 0.5);
	ck_assert(b.questions[0].choices[2].fraction == -0.25);
	ck_assert_str_eq(b.questions[1].text, "Mật khẩu _____ thì khó đoán.");
	quiz_bank_free(&b);
}
END_TEST

/* Banks that must be refused: where, and a word of why. */
static const struct {
	const char *gift;
	int line, column;
	const char *says;
} bad_gift[] = {
	{ "Q1 {=a ~b}\n\nQ2 {=a ~b\n", 3, 4, "not closed" },
	{ "Q {~a ~b}\n", 1, 3, "no right answer" },
	{ "Q {=a ~%abc%b}\n", 1, 8, "weight" },
	{ "Q {=a ~%150%b}\n", 1, 8, "weight" },
	{ "{=a ~b}\n", 1, 1, "no text" },
	{ "Q {#abc}\n", 1, 5, "not a number" },
	{ "Q {=a -> 1}\n", 1, 3, "at least two pairs" },
	{ "Q {=a -> 1 =b}\n", 1, 12, "=left -> right" },
	{ "Q {=a -> 1 =b ->}\n", 1, 15, "nothing after" },
	{ "Q {#=%150%3 =4}\n", 1, 6, "weight" },
	{ "Q {=a}\n\nR {~b}\n", 3, 3, "at least two answers" },
	{ "Q }\n", 1, 3, "no '{'" },
	{ "\xef\xbb\xbfQ {=a ~b\n", 1, 3, "not closed" },
};

START_TEST(test_ids_and_tags)
{
	/* Moodle writes id numbers and tags in a comment line before the
	 * question. */
	struct quiz_bank b = parse_ok(
	    "// question: 7  name: Mật khẩu\n"
	    "// [id:pw-1] [tag:an-toàn] [tag:dễ]\n"
	    "::Mật khẩu:: [markdown]Q {=a ~b}\n"
	    "\n"
	    "// [tag:x]\n"
	    "R {=a ~b}\n");

	ck_assert_str_eq(b.questions[0].id, "pw-1");
	ck_assert_str_eq(b.questions[0].title, "Mật khẩu");
	ck_assert_int_eq(b.questions[0].ntags, 2);
	ck_assert_str_eq(b.questions[0].tags[1], "dễ");
	ck_assert_int_eq(b.questions[0].format, 1);
	ck_assert_str_eq(b.questions[0].text, "Q");
	ck_assert_str_eq(b.questions[1].id, "q2");
	ck_assert_str_eq(b.questions[1].tags[0], "x");
	quiz_bank_free(&b);
}
END_TEST

START_TEST(test_last_line_without_newline)
{
	struct quiz_bank b = parse_ok("A {=a ~b}\n\nB {=c ~d}");

	ck_assert_int_eq(b.n, 2);
	ck_assert_str_eq(b.questions[1].text, "B");
	quiz_bank_free(&b);
}
END_TEST

START_TEST(test_every_type)
{
	struct quiz_bank b = parse_ok(
	    "::tf:: Mật khẩu nên dài. {T#Sai rồi#Đúng!}\n"
	    "\n"
	    "Mã OTP nên cho bạn? {FALSE}\n"
	    "\n"
	    "Gõ từ 'mật khẩu' {=mật khẩu =%50%mat khau}\n"
	    "\n"
	    "Ghép: {=OTP -> mã dùng một lần =PIN -> số bí mật = -> thư rác}\n"
	    "\n"
	    "Bao nhiêu số trong mã OTP? {#6:0 #Sáu số}\n"
	    "\n"
	    "Số từ 1..5 {#1..5}\n"
	    "\n"
	    "Pi? {#=%100%3.14:0.005 #chính xác =%50%3.1:0.1 ####pi}\n"
	    "\n"
	    "Kể lại câu chuyện. {}\n"
	    "\n"
	    "Phần sau nói về mật khẩu.\n"
	    "\n"
	    "[html]Chọn các ý đúng {~%50%dài ~%50%ngẫu nhiên ~%-100%tên em}\n");
	const struct quiz_question *q = b.questions;

	ck_assert_int_eq(b.n, 10);
	ck_assert_int_eq(q[0].type, QUIZ_TRUEFALSE);
	ck_assert(q[0].choices[0].fraction == 1.0);
	ck_assert_str_eq(q[0].choices[1].feedback, "Sai rồi");	/* if wrong */
	ck_assert_str_eq(q[0].choices[0].feedback, "Đúng!");	/* if right */
	ck_assert_int_eq(q[1].type, QUIZ_TRUEFALSE);
	ck_assert(q[1].choices[1].fraction == 1.0);
	ck_assert_int_eq(q[2].type, QUIZ_SHORT);
	ck_assert(q[2].choices[1].fraction == 0.5);
	ck_assert_int_eq(q[3].type, QUIZ_MATCHING);
	ck_assert_int_eq(q[3].nchoices, 3);
	ck_assert_str_eq(q[3].choices[1].match, "số bí mật");
	ck_assert_str_eq(q[3].choices[2].text, "");	/* a distractor */
	ck_assert_int_eq(q[4].type, QUIZ_NUMERICAL);
	ck_assert(q[4].choices[0].min == 6 && q[4].choices[0].max == 6);
	ck_assert_str_eq(q[4].choices[0].feedback, "Sáu số");
	ck_assert(q[5].choices[0].min == 1 && q[5].choices[0].max == 5);
	ck_assert_int_eq(q[6].nchoices, 2);
	ck_assert(q[6].choices[1].fraction == 0.5);
	ck_assert(q[6].choices[1].min > 2.99 && q[6].choices[1].max < 3.21);
	ck_assert_str_eq(q[6].choices[0].feedback, "chính xác");
	ck_assert_str_eq(q[6].general_feedback, "pi");
	ck_assert_int_eq(q[7].type, QUIZ_ESSAY);
	ck_assert_int_eq(q[8].type, QUIZ_DESCRIPTION);
	ck_assert_str_eq(q[8].text, "Phần sau nói về mật khẩu.");
	ck_assert_int_eq(q[9].type, QUIZ_MULTI);
	ck_assert_int_eq(q[9].format, 3);
	ck_assert(q[9].choices[2].fraction == -1.0);
	ck_assert_str_eq(quiz_type_name(q[3].type), "matching");
	quiz_bank_free(&b);
}
END_TEST

START_TEST(test_bad_gift_is_refused_where_it_is)
{
	struct quiz_bank b = parse_ok("Kept {=yes ~no}\n");
	struct hs_error err;
	const char *g = bad_gift[_i].gift;

	ck_assert_int_eq(gift_parse(g, strlen(g), "bad.gift", &b, &err),
	    HS_EINVAL);
	ck_assert_str_eq(err.file, "bad.gift");
	ck_assert_int_eq(err.line, bad_gift[_i].line);
	ck_assert_int_eq(err.column, bad_gift[_i].column);
	ck_assert_msg(strstr(err.msg, bad_gift[_i].says) != NULL,
	    "'%s' does not say '%s'", err.msg, bad_gift[_i].says);
	/* what the bank held before is as it was */
	ck_assert_int_eq(b.n, 1);
	ck_assert_str_eq(b.questions[0].text, "Kept");
	quiz_bank_free(&b);
}
END_TEST

START_TEST(test_missing_file_names_it)
{
	struct quiz_bank b = { 0 };
	struct hs_error err;

	ck_assert_int_ne(gift_load("/nonexistent/q.gift", &b, &err), 0);
	ck_assert_str_eq(err.file, "/nonexistent/q.gift");
	ck_assert_int_eq(b.n, 0);
}
END_TEST

START_TEST(test_draw_is_fixed_by_the_seed)
{
	int a[10], b[10], c[10], seen[20] = { 0 }, i, differ = 0;

	quiz_draw(42, 20, 10, a);
	quiz_draw(42, 20, 10, b);
	quiz_draw(43, 20, 10, c);
	for (i = 0; i < 10; i++) {
		ck_assert_int_eq(a[i], b[i]);
		ck_assert_int_ge(a[i], 0);
		ck_assert_int_lt(a[i], 20);
		ck_assert_int_eq(seen[a[i]]++, 0);	/* no repeats */
		differ += a[i] != c[i];
	}
	ck_assert_int_gt(differ, 0);
	/* pinned: an attempt must replay the same on every machine */
	ck_assert_int_eq(a[0], 16);
}
END_TEST

START_TEST(test_choice_order_is_a_permutation)
{
	int o[6], p[6], seen[6] = { 0 }, i;

	quiz_choice_order(7, 3, 6, o);
	quiz_choice_order(7, 3, 6, p);
	for (i = 0; i < 6; i++) {
		ck_assert_int_eq(o[i], p[i]);
		ck_assert_int_eq(seen[o[i]]++, 0);
	}
}
END_TEST

START_TEST(test_grading)
{
	struct quiz_bank b = parse_ok("Q {=right ~wrong ~%50%half ~%-50%bad}\n");
	const struct quiz_question *q = &b.questions[0];

	ck_assert(quiz_grade_choice(q, 0) == 1.0);
	ck_assert(quiz_grade_choice(q, 1) == 0.0);
	ck_assert(quiz_grade_choice(q, 2) == 0.5);
	ck_assert(quiz_grade_choice(q, 3) == 0.0);
	ck_assert(quiz_grade_choice(q, 4) == 0.0);
	ck_assert(quiz_grade_choice(q, -1) == 0.0);
	quiz_bank_free(&b);
}
END_TEST

static Suite *
quiz_suite(void)
{
	Suite *s = suite_create("quiz");
	TCase *tc = tcase_create("quiz");

	tcase_add_test(tc, test_curriculum_bank_reads);
	tcase_add_test(tc, test_choices_feedback_and_titles);
	tcase_add_test(tc, test_escapes_weights_and_missing_word);
	tcase_add_test(tc, test_every_type);
	tcase_add_test(tc, test_last_line_without_newline);
	tcase_add_test(tc, test_ids_and_tags);
	tcase_add_loop_test(tc, test_bad_gift_is_refused_where_it_is, 0,
	    sizeof bad_gift / sizeof *bad_gift);
	tcase_add_test(tc, test_missing_file_names_it);
	tcase_add_test(tc, test_draw_is_fixed_by_the_seed);
	tcase_add_test(tc, test_choice_order_is_a_permutation);
	tcase_add_test(tc, test_grading);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(quiz_suite)

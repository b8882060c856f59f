/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check_order.c: the ordering question, hocso's GIFT extension: how it is
 * read (and refused, at file:line:column), how it is graded (Moodle's
 * "longest ordered subset", from that method's documented behaviour and
 * the worked examples of docs/quiz-format.md), its response, its
 * shuffle, and its words for the teacher.
 */
#include "config.h"

#include <math.h>

#include "learn/model/answers.h"
#include "quiz/gift.h"
#include "quiz/grade.h"
#include "quiz/quiz.h"
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

/* given an ordering block, then the items, in the right order, as read */
START_TEST(test_read)
{
	struct quiz_bank b = bank_of("::Sáng:: Xếp theo thứ tự. {\n"
	    ">> Thức dậy\n>> Đánh răng \\#1 \n>>Ăn sáng\\=no\n"
	    "####Buổi sáng.\n}\n\nQ2 {>> a >> b}");
	const struct quiz_question *q = &b.questions[0];

	ck_assert_int_eq(b.n, 2);
	ck_assert_int_eq(q->type, QUIZ_ORDERING);
	ck_assert_int_eq(q->nchoices, 3);
	ck_assert_str_eq(q->choices[0].text, "Thức dậy");
	ck_assert_str_eq(q->choices[1].text, "Đánh răng #1");
	ck_assert_str_eq(q->choices[2].text, "Ăn sáng=no");
	ck_assert_ptr_null(q->choices[1].feedback);
	ck_assert_str_eq(q->general_feedback, "Buổi sáng.");
	ck_assert_str_eq(q->text, "Xếp theo thứ tự.");
	ck_assert_int_eq(b.questions[1].type, QUIZ_ORDERING);
	ck_assert_int_eq(b.questions[1].nchoices, 2);
	quiz_bank_free(&b);
}
END_TEST

/* given a ">>" that is not first in the block, then it is what Moodle
 * reads: a short answer (hocso's extension is only a block that starts
 * with ">>") */
START_TEST(test_not_first_is_moodle)
{
	struct quiz_bank b = bank_of("Q {=a >> b}\n\nQ2 {~x >> y =z}");

	ck_assert_int_eq(b.questions[0].type, QUIZ_SHORT);
	ck_assert_int_eq(b.questions[1].type, QUIZ_CHOICE);
	quiz_bank_free(&b);
}
END_TEST

/* given a bad ordering block, then the bank is refused with this message
 * at this line and column */
static const struct {
	const char *gift;
	int line, column;
	const char *msg;
} bad[] = {
	{ "Q {\n>> only one\n}", 1, 3, "needs at least two items" },
	{ "Q {>> a >> b >> c >> d >> e >> f >> g >> h\n>> i}", 2, 1,
	    "at most 8 items" },
	{ "Q {\n>> a\n>>\n>> c}", 3, 1, "an empty item" },
	{ "Q {\n>> a\n>>   \n}", 3, 1, "an empty item" },
	{ "Q {\n>> Bật máy\n>> Chờ\n>> bật  MÁY\n}", 4, 4, "the same item "
	    "twice" },
	{ "Q {\n>> a #good\n>> b}", 2, 6, "no feedback of its own" },
	{ "Q {\n>> a\n>> b ~c}", 3, 6, "write \\~ and \\=" },
	{ "Q {\n>> a\n>> b =c}", 3, 6, "write \\~ and \\=" },
};

START_TEST(test_bad)
{
	struct quiz_bank b = { 0 };
	struct hs_error err;
	const char *g = bad[_i].gift;

	ck_assert_int_eq(gift_parse(g, strlen(g), "t.gift", &b, &err),
	    HS_EINVAL);
	ck_assert_int_eq(b.n, 0);
	ck_assert_str_eq(err.file, "t.gift");
	ck_assert_msg(err.line == bad[_i].line && err.column == bad[_i].column,
	    "%s: at %d:%d, want %d:%d (%s)", g, err.line, err.column,
	    bad[_i].line, bad[_i].column, err.msg);
	ck_assert_msg(strstr(err.msg, bad[_i].msg) != NULL, "%s", err.msg);
}
END_TEST

/* Longest ordered subset, as Moodle's ordering question documents it:
 * the grade is the number of items in the longest subset that is in the
 * right order (not necessarily contiguous, not necessarily from the
 * first), out of the number of items; a subset has at least two items.
 * Letters stand for items 0, 1, 2... in the right order. */
static const struct {
	const char *given;
	double want;
} los[] = {
	{ "ABCDEF", 6 / 6.0 },		/* all in order */
	{ "BACDEF", 5 / 6.0 },		/* A C D E F */
	{ "FABCDE", 5 / 6.0 },		/* not from the first: A..E */
	{ "ACBEDF", 4 / 6.0 },		/* not contiguous: A B D F */
	{ "CDEFAB", 4 / 6.0 },		/* C D E F */
	{ "FEDCBA", 0 },		/* no two in order: no subset */
	{ "AB", 1 }, { "BA", 0 },	/* two items: all or nothing */
	{ "BCDA", 3 / 4.0 },		/* the first moved last: B C D */
	{ "DCAB", 2 / 4.0 },		/* A B */
	{ "ADCB", 2 / 4.0 },		/* A and one of the rest */
	{ "CADB", 2 / 4.0 },		/* A D, A B or C D */
};

START_TEST(test_longest_ordered_subset)
{
	char gift[256] = "Q {";
	int order[8], n = (int)strlen(los[_i].given), i;
	struct quiz_bank b;
	struct grade_result r;

	for (i = 0; i < n; i++) {
		snprintf(gift + strlen(gift), sizeof gift - strlen(gift),
		    ">> %c ", 'A' + i);
		order[i] = los[_i].given[i] - 'A';
	}
	strcat(gift, "}");
	b = bank_of(gift);
	r = grade_ordering(&b.questions[0], order, n);
	ck_assert_msg(fabs(r.fraction - los[_i].want) < 1e-9, "%s: got %g",
	    los[_i].given, r.fraction);
	ck_assert_int_eq(r.choice, -1);
	ck_assert_int_eq(r.needs_teacher, 0);
	quiz_bank_free(&b);
}
END_TEST

/* given a stored response, then its grade; one that is not each item
 * once (a repeat, a missing or unknown item, not a list) is 0 */
static const struct {
	const char *response;
	double want;
} responses[] = {
	{ "0[,]1[,]2[,]3", 1 }, { "1[,]2[,]3[,]0", 0.75 },
	{ "3[,]2[,]1[,]0", 0 }, { "0[,]0[,]1[,]2", 0 }, { "0[,]1[,]2", 0 },
	{ "0[,]1[,]2[,]3[,]4", 0 }, { "0[,]1[,]2[,]9", 0 },
	{ "0[,]1[,]2[,]-1", 0 }, { "", 0 }, { "a,b", 0 },
	{ "0,1,2,3", 0 },
};

START_TEST(test_response)
{
	struct quiz_bank b = bank_of("Q {>>a >>b >>c >>d}");
	struct grade_result r = response_grade(&b.questions[0],
	    responses[_i].response, NULL);

	ck_assert_msg(fabs(r.fraction - responses[_i].want) < 1e-9,
	    "'%s': got %g", responses[_i].response, r.fraction);
	quiz_bank_free(&b);
}
END_TEST

/* given any seed and place, then the items' order is a permutation, the
 * same each time it is asked for (a resumed attempt), and never the
 * right order */
START_TEST(test_shuffle_never_right)
{
	int n, a[8], b[8], seen[8], i, same, differs = 0;
	uint64_t seed;

	for (n = 2; n <= 8; n++)
		for (seed = 1; seed < 400; seed++) {
			quiz_order_items(seed * 2654435761u, (int)seed % 7, n, a);
			quiz_order_items(seed * 2654435761u, (int)seed % 7, n, b);
			memset(seen, 0, sizeof seen);
			for (i = 0, same = 1; i < n; i++) {
				ck_assert(a[i] >= 0 && a[i] < n && !seen[a[i]]);
				seen[a[i]] = 1;
				ck_assert_int_eq(a[i], b[i]);
				same &= a[i] == i;
			}
			ck_assert_msg(!same, "n %d seed %llu: the right order",
			    n, (unsigned long long)seed);
			quiz_order_items(seed * 2654435761u + 1, 0, n, b);
			differs |= memcmp(a, b, n * sizeof *a) != 0;
		}
	ck_assert_msg(differs, "the seed changes nothing");
}
END_TEST

/* given a response, then the teacher reads the items as put, and the
 * right order */
START_TEST(test_words)
{
	struct quiz_bank b = bank_of("Q {>> Bật máy >> Chờ >> Chọn tên}");
	char *given = answers_describe(&b.questions[0], "1[,]2[,]0", "->");
	char *right = answers_right(&b.questions[0], "->");

	ck_assert_str_eq(given, "Chờ -> Chọn tên -> Bật máy");
	ck_assert_str_eq(right, "Bật máy -> Chờ -> Chọn tên");
	free(given);
	free(right);
	quiz_bank_free(&b);
}
END_TEST

static Suite *
order_suite(void)
{
	Suite *s = suite_create("order");
	TCase *tc = tcase_create("order");

	tcase_add_test(tc, test_read);
	tcase_add_test(tc, test_not_first_is_moodle);
	tcase_add_loop_test(tc, test_bad, 0, sizeof bad / sizeof *bad);
	tcase_add_loop_test(tc, test_longest_ordered_subset, 0,
	    sizeof los / sizeof *los);
	tcase_add_loop_test(tc, test_response, 0,
	    sizeof responses / sizeof *responses);
	tcase_add_test(tc, test_shuffle_never_right);
	tcase_add_test(tc, test_words);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(order_suite)

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
#include "lessons/lesson.h"
#include "quiz/gift.h"
#include "quiz/grade.h"
#include "quiz/quiz.h"
#include "quiz/response.h"
#include "sync/statement.h"
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
	{ "step1[,]step2[,]step3[,]step4", 1 },
	{ "step2[,]step3[,]step4[,]step1", 0.75 },
	{ "step4[,]step3[,]step2[,]step1", 0 },
	{ "step1[,]step1[,]step2[,]step3", 0 },	/* a repeat */
	{ "step1[,]step2[,]step3", 0 },		/* one missing */
	{ "step1[,]step2[,]step4[,]step5", 0 },	/* no step 3 */
	{ "step1[,]step2[,]step3[,]step4[,]step5", 0 },	/* too many */
	{ "step1[,]step2[,]step3[,]step0", 0 },
	{ "step1[,]step2[,]step3[,]step-4", 0 },
	{ "step1[,]step2[,]step3[,]step4[,]", 0 },
	{ "0[,]1[,]2[,]3", 0 },			/* a list of indexes */
	{ "step1,step2,step3,step4", 0 }, { "", 0 }, { "step1", 0 },
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

/* given an order, then its response names each step by its place in
 * the right order, and reads back to the same order */
START_TEST(test_steps_round_trip)
{
	int order[8] = { 7, 0, 6, 1, 5, 2, 4, 3 }, back[8], i;
	char out[RESPONSE_MAX];

	response_from_steps(order, 8, out, sizeof out);
	ck_assert_str_eq(out, "step8[,]step1[,]step7[,]step2[,]step6[,]"
	    "step3[,]step5[,]step4");
	ck_assert_int_eq(response_to_steps(out, back, 8), 8);
	for (i = 0; i < 8; i++)
		ck_assert_int_eq(back[i], order[i]);
	ck_assert_int_eq(response_to_steps(out, back, 7), -1);
}
END_TEST

/* given any seed and place, then the items' order is a permutation, the
 * same each time it is asked for (a resumed attempt), and never the
 * right order */
/* Carrying a step: the ones between close up, down and up. */
START_TEST(test_order_move)
{
	int order[4] = { 0, 1, 2, 3 };

	response_order_move(order, 0, 2);
	ck_assert_int_eq(order[0], 1);
	ck_assert_int_eq(order[1], 2);
	ck_assert_int_eq(order[2], 0);
	ck_assert_int_eq(order[3], 3);
	response_order_move(order, 3, 0);
	ck_assert_int_eq(order[0], 3);
	ck_assert_int_eq(order[1], 1);
	ck_assert_int_eq(order[2], 2);
	ck_assert_int_eq(order[3], 0);
	response_order_move(order, 1, 1);
	ck_assert_int_eq(order[1], 1);
}
END_TEST

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
	char *given = quizwords_describe(&b.questions[0], "step2[,]step3[,]step1",
	    "->");
	char *right = quizwords_right(&b.questions[0], "->");

	ck_assert_str_eq(given, "Chờ -> Chọn tên -> Bật máy");
	ck_assert_str_eq(right, "Bật máy -> Chờ -> Chọn tên");
	free(given);
	free(right);
	quiz_bank_free(&b);
}
END_TEST

/* given an event, then its statement's definition and result */
static json_t *
answer_statement(const char *object, const char *response, double score)
{
	struct statement_event e = { 3, "6ba7b810-9dad-41d1-80b4-00c04fd430c8",
	    "2026-12-06T10:00:00.000Z", { 0 } };
	struct hs_error err;
	json_t *st;

	e.ev.actor = "9b2e6c1e-5a8b-4f61-9f0c-3f1d2b4a6c7e";
	e.ev.verb = "answered";
	e.ev.object = object;
	e.ev.registration = "0f8fad5b-d9cb-469f-a165-70867728950e";
	e.ev.response = response;
	e.ev.has_score = 1;
	e.ev.score = score;
	e.ev.success = score >= 1;
	e.ev.completion = -1;
	e.ev.duration_ms = -1;
	e.ev.lang = "vi";
	st = statement_from_event(&e, "https://example.org/school");
	ck_assert_msg(statement_validate(st, &err) == 0, "%s", err.msg);
	return st;
}

/* given an answer to an ordering question, then its statement is an xAPI
 * 1.0.3 sequencing interaction: the steps as choices, their right order
 * as the one correct pattern, the response as put and the score */
START_TEST(test_statement_sequencing)
{
	json_t *st = answer_statement("urn:hocso:m.x:question:order-login",
	    "step2[,]step3[,]step4[,]step1", 0.75);
	json_t *d = json_object_get(json_object_get(st, "object"), "definition");
	json_t *res = json_object_get(st, "result"), *pat, *ch;
	char *text;
	size_t i;

	ck_assert_str_eq(json_string_value(json_object_get(d, "type")),
	    "http://adlnet.gov/expapi/activities/cmi.interaction");
	ck_assert_str_eq(json_string_value(json_object_get(d,
	    "interactionType")), "sequencing");
	pat = json_object_get(d, "correctResponsesPattern");
	ck_assert_int_eq(json_array_size(pat), 1);
	ck_assert_str_eq(json_string_value(json_array_get(pat, 0)),
	    "step1[,]step2[,]step3[,]step4");
	ch = json_object_get(d, "choices");
	ck_assert_int_eq(json_array_size(ch), 4);
	for (i = 0; i < 4; i++) {
		char id[8];

		snprintf(id, sizeof id, "step%zu", i + 1);
		ck_assert_str_eq(json_string_value(json_object_get(
		    json_array_get(ch, i), "id")), id);
	}
	ck_assert_str_eq(json_string_value(json_object_get(res, "response")),
	    "step2[,]step3[,]step4[,]step1");
	ck_assert(fabs(json_real_value(json_object_get(json_object_get(res,
	    "score"), "scaled")) - 0.75) < 1e-9);
	text = json_dumps(st, JSON_COMPACT | JSON_SORT_KEYS);
	ck_assert_ptr_nonnull(strstr(text, "\"interactionType\":"
	    "\"sequencing\""));
	free(text);
	json_decref(st);

	/* the same in a lesson's practice */
	st = answer_statement("urn:hocso:m.x:lesson:01-a:practice:p1",
	    "step2[,]step1", 0);
	d = json_object_get(json_object_get(st, "object"), "definition");
	ck_assert_str_eq(json_string_value(json_object_get(d,
	    "interactionType")), "sequencing");
	json_decref(st);
}
END_TEST

/* given other answers, then no interaction type is claimed: a list of
 * indexes (multiple answers), a text that only looks like steps, a
 * sequencing response to something that is no question */
static const struct {
	const char *object, *response;
} not_sequencing[] = {
	{ "urn:hocso:m.x:question:q1", "0[,]2" },
	{ "urn:hocso:m.x:question:q1", "step1[,]step1" },
	{ "urn:hocso:m.x:question:q1", "step1" },
	{ "urn:hocso:m.x:question:q1", "step 1[,]step 2" },
	{ "urn:hocso:m.x:lesson:01-a", "step1[,]step2" },
};

START_TEST(test_statement_not_sequencing)
{
	json_t *st = answer_statement(not_sequencing[_i].object,
	    not_sequencing[_i].response, 0);
	json_t *d = json_object_get(json_object_get(st, "object"), "definition");

	ck_assert_ptr_null(json_object_get(d, "interactionType"));
	ck_assert_ptr_null(json_object_get(d, "choices"));
	json_decref(st);
}
END_TEST

/* given a lesson with an ordering practice block, then it is read as
 * one; given one with a bad step, then the lesson is refused at the
 * step's line in the lesson file */
START_TEST(test_lesson_practice)
{
	const char *dir = test_tmpdir();
	struct lesson *l = NULL;
	struct lesson_block *blk;
	struct hs_error err;
	char path[4200];

	test_write(dir, "good.md", "# A\n\n```gift\n::Tắt:: Xếp. {\n"
	    ">> Lưu bài\n>> Tắt máy\n}\n```\n");
	snprintf(path, sizeof path, "%s/good.md", dir);
	ck_assert_msg(lesson_load(path, &l, &err) == 0, "%s", err.msg);
	blk = lesson_practice(&l->screens[0]);
	ck_assert_ptr_nonnull(blk);
	ck_assert_int_eq(blk->practice.questions[0].type, QUIZ_ORDERING);
	ck_assert_int_eq(blk->order[0], 0);
	ck_assert_int_eq(blk->order[1], 1);
	lesson_free(l);

	test_write(dir, "bad.md", "# A\n\n```gift\n::Tắt:: Xếp. {\n"
	    ">> Lưu bài\n>> Tắt máy\n>> lưu  BÀI\n}\n```\n");
	snprintf(path, sizeof path, "%s/bad.md", dir);
	l = NULL;
	ck_assert_int_eq(lesson_load(path, &l, &err), HS_EINVAL);
	ck_assert_ptr_null(l);
	ck_assert_msg(strstr(err.msg, "the same item twice") != NULL, "%s",
	    err.msg);
	ck_assert_int_eq(err.line, 7);
	ck_assert_str_eq(err.file, path);

	test_write(dir, "short.md", "# A\n\n```gift\nQ {=a =b}\n```\n");
	snprintf(path, sizeof path, "%s/short.md", dir);
	ck_assert_int_eq(lesson_load(path, &l, &err), HS_EINVAL);
	ck_assert_msg(strstr(err.msg, "or ordering") != NULL, "%s", err.msg);
	ck_assert_int_eq(err.line, 4);
	test_rmtree(dir);
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
	tcase_add_test(tc, test_steps_round_trip);
	tcase_add_test(tc, test_shuffle_never_right);
	tcase_add_test(tc, test_order_move);
	tcase_add_test(tc, test_words);
	tcase_add_test(tc, test_lesson_practice);
	tcase_add_test(tc, test_statement_sequencing);
	tcase_add_loop_test(tc, test_statement_not_sequencing, 0,
	    sizeof not_sequencing / sizeof *not_sequencing);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(order_suite)

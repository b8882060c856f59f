/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check_order_moodle.c: the ordering question to and from Moodle: Moodle
 * XML's ordering questions (qtype_ordering: an item's place in the right
 * order is its answer's fraction) are read, and refused with why when
 * they do not fit; hocso-pack writes them to GIFT and Moodle XML and
 * reads them back as they were.
 */
#include "config.h"

#include "testutil.h"
#include "core/error.h"
#include "lessons/moodle.h"
#include "quiz/gift.h"

static int nskipped;
static char why[256];

static void
on_skip(int line, const char *name, const char *type, const char *reason,
    void *ctx)
{
	(void)line;
	(void)ctx;
	snprintf(why, sizeof why, "%s/%s: %s", type, name, reason);
	nskipped++;
}

static const char head[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<quiz>\n<question type=\"ordering\">\n<name><text>Đăng nhập</text>"
    "</name>\n<questiontext format=\"html\"><text><![CDATA[<p>Xếp theo "
    "thứ tự.</p>]]></text></questiontext>\n<gradingtype>"
    "ABSOLUTE_POSITION</gradingtype>\n";

static struct quiz_bank
read_xml(const char *answers, int *rc)
{
	struct quiz_bank b = { 0 };
	struct hs_error err;
	char xml[4096];

	snprintf(xml, sizeof xml, "%s%s</question>\n</quiz>\n", head, answers);
	nskipped = 0;
	*rc = moodle_xml_read(xml, strlen(xml), "b.xml", &b, on_skip, NULL,
	    &err);
	return b;
}

/* given Moodle's items with their places as fractions, out of order,
 * then hocso's ordering question with the items in the right order */
START_TEST(test_xml_read)
{
	int rc;
	struct quiz_bank b = read_xml(
	    "<answer fraction=\"3\" format=\"html\"><text>Chọn tên</text>"
	    "</answer>\n<answer fraction=\"1\"><text>Bật máy</text></answer>\n"
	    "<answer fraction=\"2\"><text>Chờ</text><feedback><text>x</text>"
	    "</feedback></answer>\n", &rc);
	const struct quiz_question *q = &b.questions[0];

	ck_assert_int_eq(rc, 0);
	ck_assert_int_eq(nskipped, 0);
	ck_assert_int_eq(b.n, 1);
	ck_assert_int_eq(q->type, QUIZ_ORDERING);
	ck_assert_int_eq(q->nchoices, 3);
	ck_assert_str_eq(q->choices[0].text, "Bật máy");
	ck_assert_str_eq(q->choices[1].text, "Chờ");
	ck_assert_str_eq(q->choices[2].text, "Chọn tên");
	ck_assert_ptr_null(q->choices[1].feedback);
	ck_assert(q->choices[0].fraction == 1.0);
	quiz_bank_free(&b);
}
END_TEST

/* given an ordering question hocso cannot carry over, then it is
 * skipped with why, and the bank has nothing of it */
static const struct {
	const char *answers, *why;
} bad[] = {
	{ "<answer fraction=\"1\"><text>một</text></answer>\n",
	    "needs 2 to 8 items" },
	{ "<answer fraction=\"1\"><text>1</text></answer><answer fraction="
	    "\"2\"><text>2</text></answer><answer fraction=\"3\"><text>3"
	    "</text></answer><answer fraction=\"4\"><text>4</text></answer>"
	    "<answer fraction=\"5\"><text>5</text></answer><answer fraction="
	    "\"6\"><text>6</text></answer><answer fraction=\"7\"><text>7"
	    "</text></answer><answer fraction=\"8\"><text>8</text></answer>"
	    "<answer fraction=\"9\"><text>9</text></answer>\n",
	    "needs 2 to 8 items" },
	{ "<answer fraction=\"1\"><text>Bật máy</text></answer>\n"
	    "<answer fraction=\"2\"><text>bật MÁY</text></answer>\n",
	    "the same ordering item twice" },
};

START_TEST(test_xml_bad)
{
	int rc;
	struct quiz_bank b = read_xml(bad[_i].answers, &rc);

	ck_assert_int_eq(rc, 0);
	ck_assert_int_eq(b.n, 0);
	ck_assert_int_eq(nskipped, 1);
	ck_assert_msg(strstr(why, "ordering/Đăng nhập: ") == why &&
	    strstr(why, bad[_i].why) != NULL, "%s", why);
	quiz_bank_free(&b);
}
END_TEST

static void
assert_same_order(const struct quiz_bank *a, const struct quiz_bank *b)
{
	int k;

	ck_assert_int_eq(b->n, 1);
	ck_assert_int_eq(b->questions[0].type, QUIZ_ORDERING);
	ck_assert_int_eq(b->questions[0].nchoices, a->questions[0].nchoices);
	for (k = 0; k < a->questions[0].nchoices; k++)
		ck_assert_str_eq(b->questions[0].choices[k].text,
		    a->questions[0].choices[k].text);
	ck_assert_str_eq(b->questions[0].text, a->questions[0].text);
	ck_assert_str_eq(b->questions[0].general_feedback,
	    a->questions[0].general_feedback);
}

/* given an ordering question in GIFT, when hocso-pack writes it as GIFT
 * and as Moodle XML, then each reads back as the same question */
START_TEST(test_round_trip)
{
	static const char gift[] = "::Sáng:: Xếp theo thứ tự. {\n"
	    ">> Thức dậy\n>> Đánh răng \\#1 \\= \\~\n>> Ăn sáng\n"
	    "####Buổi sáng.\n}\n";
	struct quiz_bank a = { 0 }, g = { 0 }, x = { 0 };
	struct hs_error err;
	char *out;

	ck_assert_int_eq(gift_parse(gift, strlen(gift), "a.gift", &a, &err), 0);
	out = moodle_gift_write(&a);
	ck_assert_msg(gift_parse(out, strlen(out), "out.gift", &g, &err) == 0,
	    "%s\n%d:%d: %s", out, err.line, err.column, err.msg);
	assert_same_order(&a, &g);
	free(out);
	out = moodle_xml_write(&a);
	ck_assert_ptr_nonnull(strstr(out, "<question type=\"ordering\">"));
	ck_assert_ptr_nonnull(strstr(out, "<answer fraction=\"2\""));
	nskipped = 0;
	ck_assert_int_eq(moodle_xml_read(out, strlen(out), "out.xml", &x,
	    on_skip, NULL, &err), 0);
	ck_assert_int_eq(nskipped, 0);
	assert_same_order(&a, &x);
	free(out);
	quiz_bank_free(&a);
	quiz_bank_free(&g);
	quiz_bank_free(&x);
}
END_TEST

static Suite *
order_moodle_suite(void)
{
	Suite *s = suite_create("order_moodle");
	TCase *tc = tcase_create("order_moodle");

	tcase_add_test(tc, test_xml_read);
	tcase_add_loop_test(tc, test_xml_bad, 0, sizeof bad / sizeof *bad);
	tcase_add_test(tc, test_round_trip);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(order_moodle_suite)

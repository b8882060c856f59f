/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check_gift_moodle.c: GIFT as Moodle reads and grades it.  Each case is
 * a construct that Moodle's GIFT importer (question/format/gift) reads in
 * a documented way, with the question Moodle makes of it: its type, text,
 * answers with their weights and feedback, general feedback, id number and
 * tags; then responses with the mark Moodle's graders give.  The cases are
 * written here from Moodle's documented behaviour (docs.moodle.org, "GIFT
 * format", and the importer's rules); no Moodle file is copied.
 *
 * Where hocso is deliberately kinder than Moodle (Vietnamese marks, runs
 * of spaces), the case says so; docs/quiz-format.md lists the differences.
 */
#include "config.h"

#include <math.h>

#include "quiz/gift.h"
#include "quiz/grade.h"
#include "quiz/response.h"
#include "tests/testutil.h"

struct want_answer {
	const char *text;
	double fraction;
	const char *feedback;	/* NULL: none */
};

static const struct parse_case {
	const char *construct;
	const char *gift;
	enum quiz_type type;
	const char *text;
	int n;
	struct want_answer a[6];
	const char *general;	/* NULL: none */
	const char *id;
	const char *tags;	/* joined with ',' */
	unsigned warnings;
} parse_cases[] = {
	/* 1: numerical "any other answer" feedback, as Moodle exports it. */
	{ "numerical ~# after an answer", "Q {#3:2~#wrong}",
	    QUIZ_NUMERICAL, "Q", 2,
	    { { "3:2", 1, NULL }, { "*", 0, "wrong" } }, NULL, "q1", "", 0 },
	{ "numerical =answer then ~#", "Q {#=3:2 ~#wrong}",
	    QUIZ_NUMERICAL, "Q", 2,
	    { { "3:2", 1, NULL }, { "*", 0, "wrong" } }, NULL, "q1", "", 0 },
	{ "Moodle's numerical export", "Q {#\n\t=%100%3:0#exact\n"
	    "\t=%50%3:1#close\n\t~#no\n\t####gf\n}",
	    QUIZ_NUMERICAL, "Q", 3,
	    { { "3:0", 1, "exact" }, { "3:1", 0.5, "close" }, { "*", 0, "no" } },
	    "gf", "q1", "", 0 },
	/* 2: the general feedback is everything after the last ####. */
	{ "#### after an answer's feedback", "Q {=a#fa ~b#fb ####gf}",
	    QUIZ_CHOICE, "Q", 2, { { "a", 1, "fa" }, { "b", 0, "fb" } },
	    "gf", "q1", "", 0 },
	{ "true/false with both feedbacks and ####", "Q {T#w#r####gf}",
	    QUIZ_TRUEFALSE, "Q", 2, { { "true", 1, "r" }, { "false", 0, "w" } },
	    "gf", "q1", "", 0 },
	{ "numerical with feedback and ####", "Q {#3#fb####gf}",
	    QUIZ_NUMERICAL, "Q", 1, { { "3", 1, "fb" } }, "gf", "q1", "", 0 },
	/* 3: an essay with only a general feedback. */
	{ "essay with ####", "Q {####A good answer names the river.}",
	    QUIZ_ESSAY, "Q", 0, { { NULL, 0, NULL } },
	    "A good answer names the river.", "q1", "", 0 },
	/* 5: format markers at the start of answers, feedback, items. */
	{ "[plain] before a short answer", "Q {=[plain]Frog}",
	    QUIZ_SHORT, "Q", 1, { { "Frog", 1, NULL } }, NULL, "q1", "", 0 },
	{ "[html] before answers and feedback",
	    "[html]<p>Q</p>{=[html]<b>a</b>#[html]<i>yes</i> ~[moodle]b "
	    "####[markdown]**gf**}",
	    QUIZ_CHOICE, "<p>Q</p>", 2,
	    { { "<b>a</b>", 1, "<i>yes</i>" }, { "b", 0, NULL } }, "**gf**",
	    "q1", "", 0 },
	{ "[html] before matching items",
	    "Q {=[html]<b>A</b> -> 1 =[plain]B -> 2}",
	    QUIZ_MATCHING, "Q", 2, { { "<b>A</b>", 1, NULL }, { "B", 1, NULL } },
	    NULL, "q1", "", 0 },
	{ "an unknown [marker] stays text", "Q {=[b]a ~c}",
	    QUIZ_CHOICE, "Q", 2, { { "[b]a", 1, NULL }, { "c", 0, NULL } },
	    NULL, "q1", "", 0 },
	/* 6: id numbers and tags come from the comment lines. */
	{ "// [id:] [tag:] comment lines",
	    "// question: 12  name: Cap\n// [id:geo-1] [tag:geo] [tag:easy]\n"
	    "::Cap::Q {=a ~b}",
	    QUIZ_CHOICE, "Q", 2, { { "a", 1, NULL }, { "b", 0, NULL } }, NULL,
	    "geo-1", "geo,easy", 0 },
	{ "[id:] after the title is text", "::T::[id:x] Q {=a ~b}",
	    QUIZ_CHOICE, "[id:x] Q", 2, { { "a", 1, NULL }, { "b", 0, NULL } },
	    NULL, "T", "", 0 },
	{ "an escaped ] in an id", "// [id:a\\]b]\nQ {=a ~b}",
	    QUIZ_CHOICE, "Q", 2, { { "a", 1, NULL }, { "b", 0, NULL } }, NULL,
	    "a]b", "", 0 },
	/* 8: two = in one multiple-choice question: both full marks. */
	{ "two = in a multiple choice", "Q {=2 =3 ~4}",
	    QUIZ_CHOICE, "Q", 3,
	    { { "2", 1, NULL }, { "3", 1, NULL }, { "4", 0, NULL } }, NULL,
	    "q1", "", 0 },
	/* 9: wildcards are kept for grading. */
	{ "short answer with a wildcard", "Q {=Ho Chi Minh* =%0%*#catch-all}",
	    QUIZ_SHORT, "Q", 2,
	    { { "Ho Chi Minh*", 1, NULL }, { "*", 0, "catch-all" } }, NULL,
	    "q1", "", 0 },
	/* 10: -> inside a multiple-choice answer. */
	{ "-> in a multiple-choice answer", "Q {=p->next ~p.next}",
	    QUIZ_CHOICE, "Q", 2,
	    { { "p->next", 1, NULL }, { "p.next", 0, NULL } }, NULL, "q1", "", 0 },
	/* 11: a description. */
	{ "description", "Read this before the questions.",
	    QUIZ_DESCRIPTION, "Read this before the questions.", 0,
	    { { NULL, 0, NULL } }, NULL, "q1", "", 0 },
	/* 13: smaller ones. */
	{ "a space before the weight", "Q {~ %50% a ~ %50% b ~c}",
	    QUIZ_MULTI, "Q", 3,
	    { { "a", 0.5, NULL }, { "b", 0.5, NULL }, { "c", 0, NULL } }, NULL,
	    "q1", "", 0 },
	{ "an unclosed title", "::Title Q {=a ~b}",
	    QUIZ_CHOICE, "Title Q", 2, { { "a", 1, NULL }, { "b", 0, NULL } },
	    NULL, "q1", "", GIFT_WARN_TITLE_OPEN },
	{ "lower-case {true} is a short answer", "Q {true}",
	    QUIZ_SHORT, "Q", 1, { { "true", 1, NULL } }, NULL, "q1", "",
	    GIFT_WARN_TF_CASE },
	{ "TRUE with more words is a short answer", "Q {TRUE story}",
	    QUIZ_SHORT, "Q", 1, { { "TRUE story", 1, NULL } }, NULL, "q1", "", 0 },
	{ "a negative tolerance counts as positive", "Q {#3:-1}",
	    QUIZ_NUMERICAL, "Q", 1, { { "3:-1", 1, NULL } }, NULL, "q1", "", 0 },
	{ "a weight not on Moodle's list", "Q {~%35%a ~%65%b ~c}",
	    QUIZ_MULTI, "Q", 3,
	    { { "a", 0.35, NULL }, { "b", 0.65, NULL }, { "c", 0, NULL } }, NULL,
	    "q1", "", GIFT_WARN_WEIGHT },
	{ "multiple-answer weights not adding to 100%", "Q {~%50%a ~%25%b ~c}",
	    QUIZ_MULTI, "Q", 3,
	    { { "a", 0.5, NULL }, { "b", 0.25, NULL }, { "c", 0, NULL } }, NULL,
	    "q1", "", GIFT_WARN_MULTI_SUM },
	/* Text before the first mark is an answer too. */
	{ "an answer before the first ~", "Q {a ~b =c}",
	    QUIZ_CHOICE, "Q", 3,
	    { { "a", 0, NULL }, { "b", 0, NULL }, { "c", 1, NULL } }, NULL,
	    "q1", "", 0 },
	{ "a short answer with no =", "Q {Paris}",
	    QUIZ_SHORT, "Q", 1, { { "Paris", 1, NULL } }, NULL, "q1", "", 0 },
	{ "an empty ~ is left out", "Q {=a ~ ~b}",
	    QUIZ_CHOICE, "Q", 2, { { "a", 1, NULL }, { "b", 0, NULL } }, NULL,
	    "q1", "", GIFT_WARN_EMPTY },
	{ "= answers read no weight in a multiple choice", "Q {=%50%a ~b}",
	    QUIZ_CHOICE, "Q", 2, { { "%50%a", 1, NULL }, { "b", 0, NULL } },
	    NULL, "q1", "", 0 },
	/* The author's own mistakes, read as Moodle reads them, warned. */
	{ "a forgotten ~ across lines", "Q {\n=Đúng\nSai\n}",
	    QUIZ_SHORT, "Q", 1, { { "Đúng\nSai", 1, NULL } }, NULL, "q1", "",
	    GIFT_WARN_SHORT_LINES },
	{ "two = with no ~", "Q {=Đúng =Sai}",
	    QUIZ_SHORT, "Q", 2, { { "Đúng", 1, NULL }, { "Sai", 1, NULL } },
	    NULL, "q1", "", GIFT_WARN_SHORT_CHOICES },
	{ "two = with no ~, told apart by feedback",
	    "Q {=Gọi 111 #Đúng rồi. =Im lặng #Chưa đúng.}",
	    QUIZ_SHORT, "Q", 2, { { "Gọi 111", 1, "Đúng rồi." },
	    { "Im lặng", 1, "Chưa đúng." } },
	    NULL, "q1", "", GIFT_WARN_SHORT_CHOICES },
	{ "synonyms with one feedback are not choices",
	    "Q {=trình duyệt #Đúng rồi! =trình duyệt web #Đúng rồi!}",
	    QUIZ_SHORT, "Q", 2, { { "trình duyệt", 1, "Đúng rồi!" },
	    { "trình duyệt web", 1, "Đúng rồi!" } }, NULL, "q1", "", 0 },
	{ "3 x 33.33333% adds up to 100%",
	    "Q {~%33.33333%a ~%33.33333%b ~%33.33333%c ~%-100%d}",
	    QUIZ_MULTI, "Q", 4, { { "a", 0.3333333, NULL },
	    { "b", 0.3333333, NULL }, { "c", 0.3333333, NULL },
	    { "d", -1, NULL } }, NULL, "q1", "", 0 },
	{ "a short answer without marks is not a choice",
	    "Q {=mật khẩu =mat khau}",
	    QUIZ_SHORT, "Q", 2,
	    { { "mật khẩu", 1, NULL }, { "mat khau", 1, NULL } }, NULL, "q1", "",
	    0 },
	/* Missing word: the block becomes a gap where text follows it. */
	{ "missing word", "Grant is {~buried =entombed ~living} in the tomb.",
	    QUIZ_CHOICE, "Grant is _____ in the tomb.", 3,
	    { { "buried", 0, NULL }, { "entombed", 1, NULL },
	    { "living", 0, NULL } }, NULL, "q1", "", 0 },
	{ "missing word inside a word", "un{=happy ~sad}ness",
	    QUIZ_CHOICE, "un_____ness", 2,
	    { { "happy", 1, NULL }, { "sad", 0, NULL } }, NULL, "q1", "", 0 },
};

/* The tags of q, joined with ','. */
static void
join_tags(const struct quiz_question *q, char *out, size_t len)
{
	int i;

	out[0] = '\0';
	for (i = 0; i < q->ntags; i++) {
		if (i > 0)
			strncat(out, ",", len - strlen(out) - 1);
		strncat(out, q->tags[i], len - strlen(out) - 1);
	}
}

START_TEST(test_moodle_parse)
{
	const struct parse_case *pc = &parse_cases[_i];
	struct quiz_bank b = { 0 };
	struct hs_error err;
	const struct quiz_question *q;
	char tags[256];
	int k;

	ck_assert_msg(gift_parse(pc->gift, strlen(pc->gift), "m.gift", &b,
	    &err) == 0, "%s: %d:%d: %s", pc->construct, err.line, err.column,
	    err.msg);
	ck_assert_int_eq(b.n, 1);
	q = &b.questions[0];
	ck_assert_msg(q->type == pc->type, "%s: type %d, Moodle %d",
	    pc->construct, q->type, pc->type);
	ck_assert_str_eq(q->text, pc->text);
	ck_assert_msg(q->nchoices == pc->n, "%s: %d answers, Moodle %d",
	    pc->construct, q->nchoices, pc->n);
	for (k = 0; k < pc->n && q->type != QUIZ_TRUEFALSE; k++) {
		ck_assert_str_eq(q->choices[k].text, pc->a[k].text);
		ck_assert_msg(fabs(q->choices[k].fraction - pc->a[k].fraction) <
		    1e-7, "%s: answer %d worth %g, Moodle %g", pc->construct,
		    k, q->choices[k].fraction, pc->a[k].fraction);
		if (pc->a[k].feedback == NULL)
			ck_assert_ptr_null(q->choices[k].feedback);
		else
			ck_assert_str_eq(q->choices[k].feedback,
			    pc->a[k].feedback);
	}
	if (q->type == QUIZ_TRUEFALSE)
		for (k = 0; k < 2; k++) {
			ck_assert(q->choices[k].fraction == pc->a[k].fraction);
			ck_assert_str_eq(q->choices[k].feedback,
			    pc->a[k].feedback);
		}
	if (pc->general == NULL)
		ck_assert_ptr_null(q->general_feedback);
	else
		ck_assert_str_eq(q->general_feedback, pc->general);
	ck_assert_str_eq(q->id, pc->id);
	join_tags(q, tags, sizeof tags);
	ck_assert_str_eq(tags, pc->tags);
	ck_assert_msg(q->warnings == pc->warnings, "%s: warnings %#x, want %#x",
	    pc->construct, q->warnings, pc->warnings);
	quiz_bank_free(&b);
}
END_TEST

static const struct grade_case {
	const char *construct;
	const char *gift;
	const char *response;	/* as stored (response.h) */
	double moodle;		/* the fraction Moodle gives */
} grade_cases[] = {
	/* 12: the first answer that matches, not the best. */
	{ "first match, not best", "Q {=%50%paris =Paris}", "Paris", 0.5 },
	{ "first match, not best (numerical)", "Q {#=%50%3:1 =3}", "3", 0.5 },
	/* 9: wildcards. */
	{ "a trailing *", "Q {=Ho Chi Minh*}", "Ho Chi Minh City", 1 },
	{ "a * in the middle", "Q {=colo*r}", "colour", 1 },
	{ "* matches nothing too", "Q {=colo*r}", "color", 1 },
	{ "* needs the rest", "Q {=colo*r}", "colours", 0 },
	{ "a catch-all answer", "Q {=Paris =%0%*#catch-all}", "Lyon", 0 },
	{ "\\* is a star", "Q {=a\\*b}", "a*b", 1 },
	{ "\\* is not a wildcard", "Q {=a\\*b}", "axb", 0 },
	/* 5: a format marker does not change the mark. */
	{ "[plain] answer", "Q {=[plain]Frog}", "Frog", 1 },
	/* 8: both = answers give full marks. */
	{ "the second =", "Q {=2 =3 ~4}", "1", 1 },
	{ "the ~", "Q {=2 =3 ~4}", "2", 0 },
	/* 1: any other number. */
	{ "in range", "Q {#3:2~#wrong}", "4.5", 1 },
	{ "any other number", "Q {#3:2~#wrong}", "9", 0 },
	{ "a negative tolerance", "Q {#3:-1}", "2.5", 1 },
	{ "3 x 33.33333% is full marks",
	    "Q {~%33.33333%a ~%33.33333%b ~%33.33333%c ~%-100%d}",
	    "0[,]1[,]2", 1 },
	/* Case: Moodle ignores it by default, and so does hocso. */
	{ "case", "Q {=Paris}", "PARIS", 1 },
	/* Kinder than Moodle: runs of spaces are one space. */
	{ "spaces (kinder than Moodle)", "Q {=Hà Nội}", "Hà   Nội", 1 },
};

START_TEST(test_moodle_grade)
{
	const struct grade_case *gc = &grade_cases[_i];
	struct quiz_bank b = { 0 };
	struct hs_error err;
	double f;

	ck_assert_int_eq(gift_parse(gc->gift, strlen(gc->gift), "g.gift", &b,
	    &err), 0);
	f = response_grade(&b.questions[0], gc->response, NULL).fraction;
	ck_assert_msg(fabs(f - gc->moodle) < 1e-9, "%s: '%s' gets %g, "
	    "Moodle %g", gc->construct, gc->response, f, gc->moodle);
	quiz_bank_free(&b);
}
END_TEST

START_TEST(test_duplicate_titles_load)
{
	/* 7: Moodle allows two questions with one title; their ids differ. */
	const char *g = "::Q::A {=a ~b}\n\n::Q::B {=a ~b}\n\n::Q::C {=a ~b}\n";
	struct quiz_bank b = { 0 };
	struct hs_error err;

	ck_assert_int_eq(gift_parse(g, strlen(g), "d.gift", &b, &err), 0);
	ck_assert_int_eq(b.n, 3);
	ck_assert_str_eq(b.questions[0].id, "Q");
	ck_assert_str_eq(b.questions[1].id, "Q (2)");
	ck_assert_str_eq(b.questions[2].id, "Q (3)");
	quiz_bank_free(&b);
}
END_TEST

START_TEST(test_cr_only_line_ends)
{
	/* 13: an old Macintosh file: CR alone ends lines. */
	const char *g = "// comment\rA {=a ~b}\r\r::T::B {T}\r";
	struct quiz_bank b = { 0 };
	struct hs_error err;

	ck_assert_int_eq(gift_parse(g, strlen(g), "cr.gift", &b, &err), 0);
	ck_assert_int_eq(b.n, 2);
	ck_assert_int_eq(b.questions[1].line, 4);
	ck_assert_str_eq(b.questions[1].id, "T");
	quiz_bank_free(&b);
}
END_TEST

START_TEST(test_bom_does_not_shift_columns)
{
	/* 13: the byte-order mark is not a column. */
	const char *g = "\xef\xbb\xbfQ {=a ~%abc%b}\n";
	struct quiz_bank b = { 0 };
	struct hs_error err;

	ck_assert_int_eq(gift_parse(g, strlen(g), "bom.gift", &b, &err),
	    HS_EINVAL);
	ck_assert_int_eq(err.line, 1);
	ck_assert_int_eq(err.column, 8);
}
END_TEST

START_TEST(test_a_moodle_export_loads_whole)
{
	/* A bank as Moodle 4 exports it: comment lines with the question's
	 * number and name, ids and tags, categories, [html] texts, every
	 * type, tabs and the general feedback last in each block. */
	struct quiz_bank b = { 0 };
	struct hs_error err;
	int i;

	ck_assert_msg(gift_load(FIXTURES "/moodle/export-vi.gift", &b, &err)
	    == 0, "%d:%d: %s", err.line, err.column, err.msg);
	ck_assert_int_eq(b.n, 11);
	for (i = 0; i < b.n; i++) {
		ck_assert_ptr_nonnull(b.questions[i].idnumber);
		ck_assert_ptr_nonnull(b.questions[i].category);
		ck_assert_ptr_null(strstr(b.questions[i].text, "[html]"));
		if (b.questions[i].general_feedback != NULL)
			ck_assert_ptr_null(strstr(b.questions[i].general_feedback,
			    "####"));
	}
	quiz_bank_free(&b);
}
END_TEST

static Suite *
moodle_suite(void)
{
	Suite *s = suite_create("gift-moodle");
	TCase *tc = tcase_create("moodle");

	tcase_add_loop_test(tc, test_moodle_parse, 0,
	    sizeof parse_cases / sizeof *parse_cases);
	tcase_add_loop_test(tc, test_moodle_grade, 0,
	    sizeof grade_cases / sizeof *grade_cases);
	tcase_add_test(tc, test_duplicate_titles_load);
	tcase_add_test(tc, test_cr_only_line_ends);
	tcase_add_test(tc, test_bom_does_not_shift_columns);
	tcase_add_test(tc, test_a_moodle_export_loads_whole);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(moodle_suite)

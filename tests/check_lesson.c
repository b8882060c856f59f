/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check_lesson.c: Markdown lessons as screens, wrapping by display
 * columns (Vietnamese, combining marks, wide characters), and reading a
 * module folder and its module.ini.
 */
#include "config.h"

#include <unistr.h>

#include "core/text.h"
#include "core/util.h"
#include "lessons/lesson.h"
#include "lessons/module.h"
#include "tests/testutil.h"

static struct lesson *
parse(const char *md)
{
	struct lesson *l;
	struct hs_error err;

	ck_assert_int_eq(lesson_parse(md, strlen(md), "t.md", &l, &err), 0);
	return l;
}

/* The text of a line, runs joined, into buf. */
static const char *
line_text(const struct lesson_line *ln, char *buf, size_t len)
{
	size_t n = 0;
	int i;

	for (i = 0; i < ln->nruns && n + ln->runs[i].len < len; i++) {
		memcpy(buf + n, ln->runs[i].text, ln->runs[i].len);
		n += ln->runs[i].len;
	}
	buf[n] = '\0';
	return buf;
}

START_TEST(test_thematic_break_starts_a_screen)
{
	struct hs_error err;
	struct lesson *l;

	ck_assert_int_eq(lesson_load(FIXTURES "/wrap.md", &l, &err), 0);
	/* a trailing "---" makes no empty screen */
	ck_assert_int_eq(l->nscreens, 2);
	ck_assert_str_eq(l->title, "Mật khẩu mạnh");
	ck_assert_int_eq(l->screens[0].blocks[0].kind, LESSON_HEADING_BLOCK);
	ck_assert_int_eq(l->screens[1].blocks[0].level, 2);
	lesson_free(l);
}
END_TEST

START_TEST(test_styles_and_lists)
{
	struct hs_error err;
	struct lesson *l;
	const struct lesson_block *p, *item, *inner, *art;
	const char *bold;

	ck_assert_int_eq(lesson_load(FIXTURES "/wrap.md", &l, &err), 0);
	p = &l->screens[0].blocks[1];
	ck_assert_int_eq(p->kind, LESSON_PARAGRAPH);
	bold = strstr(p->text, "mạnh");
	ck_assert_ptr_nonnull(bold);
	ck_assert_uint_eq(p->style[bold - p->text], LESSON_BOLD);
	ck_assert_uint_eq(p->style[strstr(p->text, "khó") - p->text],
	    LESSON_EMPH);
	ck_assert_uint_eq(p->style[0], 0);
	/* soft line breaks become spaces */
	ck_assert_ptr_nonnull(strstr(p->text, "ghép nhiều"));

	item = &l->screens[0].blocks[2];
	ck_assert_int_eq(item->kind, LESSON_ITEM);
	ck_assert_str_eq(item->marker, "• ");
	ck_assert_int_eq(item->tight, 1);
	inner = &l->screens[0].blocks[4];
	ck_assert_str_eq(inner->text, "lồng bên trong");
	ck_assert_int_eq(inner->indent, 2);

	ck_assert_str_eq(l->screens[1].blocks[1].marker, "1. ");
	ck_assert_str_eq(l->screens[1].blocks[2].marker, "2. ");
	art = &l->screens[1].blocks[3];
	ck_assert_int_eq(art->kind, LESSON_ART);
	ck_assert_str_eq(art->text, " /\\_/\\\n( o.o )");
	lesson_free(l);
}
END_TEST

/* Widths to wrap the same Vietnamese paragraph at. */
static const int widths[] = { 10, 13, 20, 33, 47, 76 };

START_TEST(test_wrap_by_columns_loses_nothing)
{
	const char *md = "Mật khẩu mạnh là mật khẩu kẻ xấu khó đoán. Cách dễ "
	    "nhất là ghép **nhiều từ ngẫu nhiên** thành một chuỗi dài, gọi là "
	    "cụm mật khẩu. Đừng dùng tên em, ngày sinh hay 123456.";
	struct lesson *l = parse(md);
	struct lesson_page page;
	char buf[512], joined[2048] = "";
	int i, w = widths[_i];

	lesson_layout(&l->screens[0], w, &page);
	ck_assert_int_gt(page.nlines, 1);
	for (i = 0; i < page.nlines; i++) {
		line_text(&page.lines[i], buf, sizeof buf);
		/* every line fits, is valid UTF-8 and has no edge spaces */
		ck_assert_int_le(text_width(buf, strlen(buf)), w);
		ck_assert_int_eq(page.lines[i].width,
		    text_width(buf, strlen(buf)));
		ck_assert_ptr_null(u8_check((const uint8_t *)buf, strlen(buf)));
		ck_assert_int_ne(buf[0], ' ');
		ck_assert_int_ne(buf[strlen(buf) - 1], ' ');
		if (i > 0)
			strcat(joined, " ");
		strcat(joined, buf);
	}
	/* the words, in order, are all there */
	ck_assert_str_eq(joined, "Mật khẩu mạnh là mật khẩu kẻ xấu khó đoán. "
	    "Cách dễ nhất là ghép nhiều từ ngẫu nhiên thành một chuỗi dài, gọi "
	    "là cụm mật khẩu. Đừng dùng tên em, ngày sinh hay 123456.");
	lesson_page_free(&page);
	lesson_free(l);
}
END_TEST

START_TEST(test_decomposed_input_is_composed)
{
	/* "mật" written with combining marks: t, a, U+0323, U+0302 */
	const char *md = "ma\xcc\xa3\xcc\x82t kha\xcc\x82\xcc\x89u";
	struct lesson *l = parse(md);

	ck_assert_str_eq(l->screens[0].blocks[0].text, "mật khẩu");
	ck_assert_int_eq(text_width("mật khẩu", strlen("mật khẩu")), 8);
	lesson_free(l);
}
END_TEST

/* text_nfc() returns text that is already NFC as it is, without
 * normalising it, and still normalises what is not. */
static const struct { const char *in, *out; } nfc_cases[] = {
	{ "plain ASCII", "plain ASCII" },
	{ "Mật khẩu: Đừng chia sẻ!", "Mật khẩu: Đừng chia sẻ!" },
	{ "ma\xcc\xa3\xcc\x82t", "mật" },		/* a + U+0323 U+0302 */
	{ "\xe1\xba\xa1\xcc\x82", "ậ" },		/* U+1EA1 + U+0302 */
	{ "\xe2\x84\xa6", "\xce\xa9" },		/* U+2126 -> U+03A9 */
	{ "\xe1\xb9\xa9", "\xe1\xb9\xa9" },		/* U+1E69, NFC */
	{ "a\xff" "b", "a\xef\xbf\xbd" "b" },	/* invalid -> U+FFFD */
	{ "", "" },
};

START_TEST(test_nfc_keeps_nfc_and_fixes_the_rest)
{
	char *got = text_nfc(nfc_cases[_i].in, strlen(nfc_cases[_i].in));

	ck_assert_str_eq(got, nfc_cases[_i].out);
	free(got);
}
END_TEST

START_TEST(test_long_word_is_cut_between_characters)
{
	struct lesson *l = parse("Nghiêngnghiêngnghiêngnghiêng");
	struct lesson_page page;
	char buf[128];
	int i;

	lesson_layout(&l->screens[0], 10, &page);
	ck_assert_int_eq(page.nlines, 3);
	for (i = 0; i < page.nlines; i++) {
		line_text(&page.lines[i], buf, sizeof buf);
		ck_assert_ptr_null(u8_check((const uint8_t *)buf, strlen(buf)));
		ck_assert_int_le(text_width(buf, strlen(buf)), 10);
	}
	ck_assert_str_eq(line_text(&page.lines[0], buf, sizeof buf),
	    "Nghiêngngh");
	lesson_page_free(&page);
	lesson_free(l);
}
END_TEST

START_TEST(test_wide_characters_take_two_columns)
{
	struct lesson *l = parse("漢字漢字漢字 漢字");
	struct lesson_page page;
	char buf[128];

	ck_assert_int_eq(text_width("漢字", strlen("漢字")), 4);
	lesson_layout(&l->screens[0], 11, &page);
	ck_assert_int_eq(page.nlines, 2);
	/* 12 columns do not fit in 11: the first word is cut after 5 */
	ck_assert_str_eq(line_text(&page.lines[0], buf, sizeof buf),
	    "漢字漢字漢");
	lesson_page_free(&page);
	lesson_free(l);
}
END_TEST

START_TEST(test_fit_keeps_marks_with_their_letter)
{
	const char *s = "ae\xcc\x81" "b";	/* a, e + U+0301, b */
	int used;

	ck_assert_uint_eq(text_fit(s, strlen(s), 1, &used), 1);
	ck_assert_uint_eq(text_fit(s, strlen(s), 2, &used), 4);
	ck_assert_int_eq(used, 2);
}
END_TEST

/* text_fit and text_fit_tail count as text_width does (u8_width): a
 * control character takes no column, an invalid byte one. */
START_TEST(test_fit_counts_as_width_does)
{
	static const char *const strs[] = { "a\tbc", "x\ny", "\x1b[1m",
	    "a\xc2\x85" "b", "a\xff" "b", "\t\t", "Vi\xe1\xbb\x87t" };
	size_t i, n;
	int w, used;

	for (i = 0; i < sizeof strs / sizeof *strs; i++) {
		n = strlen(strs[i]);
		w = text_width(strs[i], n);
		if (w < 0)	/* invalid UTF-8: text_width gives up */
			w = 3;
		ck_assert_uint_eq(text_fit(strs[i], n, w, &used), n);
		ck_assert_int_eq(used, w);
		ck_assert_uint_eq(text_fit_tail(strs[i], n, w, &used), 0);
		ck_assert_int_eq(used, w);
	}
}
END_TEST

/* A folder's path too wide is kept by its end, never cutting a letter
 * from its marks nor a wide character in two. */
START_TEST(test_fit_tail_keeps_the_end)
{
	const char *s = "ae\xcc\x81" "b";	/* a, e + U+0301, b */
	const char *wide = "/tmp/漢字/x";	/* 5 + 4 + 2 columns */
	int used;

	ck_assert_uint_eq(text_fit_tail(s, strlen(s), 3, &used), 0);
	ck_assert_int_eq(used, 3);
	ck_assert_uint_eq(text_fit_tail(s, strlen(s), 2, &used), 1);
	ck_assert_int_eq(used, 2);
	ck_assert_uint_eq(text_fit_tail(s, strlen(s), 1, &used), 4);
	ck_assert_int_eq(used, 1);
	ck_assert_uint_eq(text_fit_tail(s, strlen(s), 0, &used), 5);
	ck_assert_int_eq(used, 0);
	/* 3 columns: not half of 字, so "/x" (2) */
	ck_assert_str_eq(wide + text_fit_tail(wide, strlen(wide), 3, &used),
	    "/x");
	ck_assert_int_eq(used, 2);
	ck_assert_str_eq(wide + text_fit_tail(wide, strlen(wide), 5, &used),
	    "字/x");
	ck_assert_int_eq(used, 4);
}
END_TEST

START_TEST(test_item_continuation_lines_hang)
{
	struct lesson *l = parse("- một hai ba bốn năm sáu bảy tám chín");
	struct lesson_page page;

	lesson_layout(&l->screens[0], 14, &page);
	ck_assert_int_gt(page.nlines, 1);
	ck_assert_int_eq(page.lines[0].indent, 0);
	ck_assert_uint_eq(page.lines[0].runs[0].style, LESSON_MARKER);
	ck_assert_int_eq(page.lines[1].indent, 2);
	lesson_page_free(&page);
	lesson_free(l);
}
END_TEST

START_TEST(test_art_is_centred_as_a_whole)
{
	struct lesson *l = parse("```art\n /\\_/\\\n( o.o )\n```\n");
	struct lesson_page page;
	char buf[64];

	lesson_layout(&l->screens[0], 41, &page);
	ck_assert_int_eq(page.nlines, 2);
	/* the picture is 7 wide: both lines move by (41 - 7) / 2 */
	ck_assert_int_eq(page.lines[0].indent, 17);
	ck_assert_int_eq(page.lines[1].indent, 17);
	ck_assert_str_eq(line_text(&page.lines[0], buf, sizeof buf), " /\\_/\\");
	lesson_page_free(&page);
	lesson_free(l);
}
END_TEST

START_TEST(test_text_with_hanging_indent)
{
	const char *t = "✗ 2. Một người trên mạng hứa tặng em kim cương";
	struct lesson_page page = { 0 };
	int i;

	lesson_layout_text(t, strlen(t), 0, 20, 5, &page);
	ck_assert_int_gt(page.nlines, 2);
	ck_assert_int_eq(page.lines[0].indent, 0);
	for (i = 1; i < page.nlines; i++) {
		ck_assert_int_eq(page.lines[i].indent, 5);
		ck_assert_int_le(page.lines[i].width, 20);
	}
	lesson_page_free(&page);
}
END_TEST

START_TEST(test_warning_callout_is_framed)
{
	struct lesson *l = parse("Trước.\n\n> **Cảnh báo:** không bao giờ cho "
	    "ai mã OTP, kể cả bạn thân.\n>\n> Hãy kể với bố mẹ.\n\nSau.\n\n"
	    "> Chỉ là trích dẫn.\n");
	struct lesson_page page;
	const struct lesson_screen *s = &l->screens[0];
	int i;

	ck_assert_int_eq(s->blocks[0].callout, 0);
	ck_assert_int_eq(s->blocks[1].callout, 1);
	ck_assert_int_eq(s->blocks[2].callout, 1);
	ck_assert_int_eq(s->blocks[3].callout, 0);
	ck_assert_int_eq(s->blocks[4].callout, 0);	/* a plain quote */
	ck_assert_int_eq(s->blocks[4].quote, 1);
	lesson_layout(s, 30, &page);
	/* "Trước.", blank, top edge, text lines, blank inside, text, bottom */
	ck_assert_int_eq(page.lines[0].frame, LESSON_FRAME_NONE);
	ck_assert_int_eq(page.lines[1].frame, LESSON_FRAME_NONE);
	ck_assert_int_eq(page.lines[2].frame, LESSON_FRAME_TOP);
	ck_assert_int_eq(page.lines[2].frame_width, 30);
	for (i = 3; page.lines[i].frame == LESSON_FRAME_SIDES; i++) {
		ck_assert_int_le(page.lines[i].width, 30 - 2);
		if (page.lines[i].nruns > 0)
			ck_assert_int_eq(page.lines[i].indent, 2);
	}
	ck_assert_int_gt(i, 5);
	ck_assert_int_eq(page.lines[i].frame, LESSON_FRAME_BOTTOM);
	ck_assert_int_eq(page.lines[i + 1].frame, LESSON_FRAME_NONE);
	ck_assert_int_eq(page.lines[i + 1].nruns, 0);	/* blank after */
	lesson_page_free(&page);
	lesson_free(l);
}
END_TEST

START_TEST(test_practice_question_in_a_lesson)
{
	struct lesson *l = parse("# Thử\n\n```gift\nMã OTP là bí mật? {\n"
	    "=Đúng #Phải!\n~Sai #Không phải.\n}\n```\n");
	struct lesson_block *blk = lesson_practice(&l->screens[0]);
	struct lesson_page page;
	char buf[256];
	int i, choices = 0, verdicts = 0;

	ck_assert_ptr_nonnull(blk);
	ck_assert_int_eq(blk->kind, LESSON_PRACTICE);
	ck_assert_int_eq(blk->practice.n, 1);
	ck_assert_str_eq(blk->practice.questions[0].id, "practice1");
	ck_assert_int_eq(blk->practice.questions[0].nchoices, 2);
	ck_assert_int_eq(blk->answer, -1);
	lesson_layout(&l->screens[0], 40, &page);
	for (i = 0; i < page.nlines; i++) {
		if (page.lines[i].choice >= 0 && page.lines[i].choice_first) {
			line_text(&page.lines[i], buf, sizeof buf);
			ck_assert_str_eq(buf, choices == 0 ? "1. Đúng" : "2. Sai");
			ck_assert_int_eq(page.lines[i].indent, 4);
			choices++;
		}
		verdicts += page.lines[i].verdict != 0;
	}
	ck_assert_int_eq(choices, 2);
	ck_assert_int_eq(verdicts, 0);
	lesson_page_free(&page);

	/* once answered, the verdict follows, marked wrong for choice 2 */
	lesson_practice_set(blk, 1, "x Không phải. The right answer: Đúng");
	lesson_layout(&l->screens[0], 40, &page);
	ck_assert_int_eq(page.lines[page.nlines - 1].verdict, -1);
	lesson_page_free(&page);
	lesson_practice_set(blk, 0, "+ Phải!");
	lesson_layout(&l->screens[0], 40, &page);
	ck_assert_int_eq(page.lines[page.nlines - 1].verdict, 1);
	lesson_page_free(&page);
	lesson_free(l);
}
END_TEST

static const struct {
	const char *md;
	int line;
	const char *says;
} bad_practice[] = {
	{ "# A\n\nText.\n\n```gift\nQ {=a ~b\n```\n", 6, "not closed" },
	{ "# A\n\n```gift\nQ1 {=a ~b}\n\nQ2 {=a ~b}\n```\n", 3,
	    "exactly one question" },
	{ "# A\n\n```gift\n// nothing\n```\n", 3, "exactly one question" },
	{ "# A\n\n```gift\nQ {~a ~b}\n```\n", 4, "no right answer" },
	{ "# A\n\n```gift\nQ {T}\n```\n", 4, "must be multiple choice" },
};

START_TEST(test_bad_practice_names_its_line)
{
	struct lesson *l;
	struct hs_error err;
	const char *md = bad_practice[_i].md;

	ck_assert_int_eq(lesson_parse(md, strlen(md), "l.md", &l, &err),
	    HS_EINVAL);
	ck_assert_ptr_null(l);
	ck_assert_str_eq(err.file, "l.md");
	ck_assert_int_eq(err.line, bad_practice[_i].line);
	ck_assert_msg(strstr(err.msg, bad_practice[_i].says) != NULL,
	    "'%s' does not say '%s'", err.msg, bad_practice[_i].says);
}
END_TEST

START_TEST(test_empty_lesson_is_refused)
{
	struct lesson *l;
	struct hs_error err;

	ck_assert_int_eq(lesson_parse("\n---\n\n", 6, "e.md", &l, &err),
	    HS_EINVAL);
	ck_assert_ptr_null(l);
	ck_assert_str_eq(err.file, "e.md");
}
END_TEST

START_TEST(test_curriculum_module_loads)
{
	struct module m;
	struct hs_error err;
	char *path;

	ck_assert_int_eq(module_load(FIXTURES "/secrets-v1", &m, &err), 0);
	ck_assert_str_eq(m.id, "vn.hocso.secrets");
	ck_assert_int_eq(m.nlessons, 2);
	ck_assert_str_eq(m.lessons[0], "01-passwords");
	ck_assert_str_eq(m.texts[0].lang, "vi");
	ck_assert_str_eq(module_title(&m, "en"), "Secure your secrets");
	ck_assert_int_eq(m.quiz_questions, 5);
	ck_assert_int_eq(m.quiz_pass, 80);
	ck_assert_int_eq(m.nbanks, 1);
	ck_assert_str_eq(m.quiz_banks[0], "secrets.gift");
	path = module_lesson_path(&m, 1, "en");
	ck_assert_ptr_nonnull(strstr(path, "/lessons/en/02-codes.md"));
	free(path);
	module_free(&m);
}
END_TEST

/* module.ini files that must be refused, the line named, and a word of
 * the message. */
static const struct {
	const char *ini;
	int line;
	const char *says;
} bad_ini[] = {
	{ "[module\nid = a.b\n", 1, "" },
	{ "[module]\nid = Not Valid\n", 2, "bad module id" },
	{ "[module]\nid = vn.x\nversion = 1.x\n", 3, "bad version" },
	{ "[module]\nid = vn.x\ncolour = red\n", 3, "unknown key" },
	{ "[module]\nid = vn.x\n[sounds]\nbeep = 1\n", 4, "unknown section" },
	{ "[module]\nid = vn.x\nversion = 1\n[quiz]\npass = 120\n", 5,
	    "percentage" },
	{ "[module]\nid = vn.x\nversion = 1\n[quiz]\nbank = ../x.gift\n", 5,
	    "file name" },
	{ "[module]\nid = vn.x\nversion = 1\nlanguages = vi\n", 0, "title" },
	{ "[module]\nversion = 1\n", 0, "needs an id" },
	{ "[module]\nid = vn.x\nversion = 1\n[quiz]\nmode = exam\n", 5,
	    "mode must be practice or test" },
	{ "[module]\nid = vn.x\nversion = 1\n[quiz]\nshuffle = 1\n", 5,
	    "shuffle must be yes or no" },
	{ "[module]\nid = vn.x\nversion = 1\n[quiz]\nattempts = -2\n", 5,
	    "attempts must be" },
	{ "[module]\nid = vn.x\nversion = 1\nmastery = 3/2\n", 4,
	    "mastery must be M/N" },
	{ "[module]\nid = vn.x\nversion = 1\nmastery = 2/3x\n", 4,
	    "mastery must be M/N" },
	{ "[module]\nid = vn.x\nversion = 1\nmastery = 0/3\n", 4,
	    "mastery must be M/N" },
	{ "[module]\nid = vn.x\norder = first\n", 3, "order must be" },
	{ "[module]\nid = vn.x\nversion = 1\n[quiz]\nminutes = 601\n", 5,
	    "minutes must be" },
	{ "[module]\nid = vn.x\nversion = 1\n[quiz]\nno_diacritics = 101\n",
	    5, "no_diacritics must be" },
	{ "[module]\nid = vn.x\nversion = 1\n[quiz]\nbank = a.gift ../b.gift\n",
	    5, "file name" },
	{ "[module]\nid = vn.x\nversion = 1\n[quiz]\nbank = 1 2 3 4 5 6 7 8 9\n",
	    5, "at most 8 banks" },
};

START_TEST(test_bad_module_ini_is_refused)
{
	const char *dir = test_tmpdir();
	char expect[8200];
	struct module m;
	struct hs_error err;

	test_write(dir, "module.ini", bad_ini[_i].ini);
	ck_assert_int_eq(module_load(dir, &m, &err), HS_EINVAL);
	snprintf(expect, sizeof expect, "%s/module.ini", dir);
	ck_assert_str_eq(err.file, expect);
	ck_assert_int_eq(err.line, bad_ini[_i].line);
	ck_assert_msg(strstr(err.msg, bad_ini[_i].says) != NULL,
	    "'%s' does not say '%s'", err.msg, bad_ini[_i].says);
	test_rmtree(dir);
}
END_TEST

static Suite *
lesson_suite(void)
{
	Suite *s = suite_create("lesson");
	TCase *tc = tcase_create("lesson");

	tcase_add_test(tc, test_thematic_break_starts_a_screen);
	tcase_add_test(tc, test_styles_and_lists);
	tcase_add_loop_test(tc, test_wrap_by_columns_loses_nothing, 0,
	    sizeof widths / sizeof *widths);
	tcase_add_test(tc, test_decomposed_input_is_composed);
	tcase_add_loop_test(tc, test_nfc_keeps_nfc_and_fixes_the_rest, 0,
	    sizeof nfc_cases / sizeof *nfc_cases);
	tcase_add_test(tc, test_long_word_is_cut_between_characters);
	tcase_add_test(tc, test_wide_characters_take_two_columns);
	tcase_add_test(tc, test_fit_keeps_marks_with_their_letter);
	tcase_add_test(tc, test_fit_tail_keeps_the_end);
	tcase_add_test(tc, test_fit_counts_as_width_does);
	tcase_add_test(tc, test_item_continuation_lines_hang);
	tcase_add_test(tc, test_art_is_centred_as_a_whole);
	tcase_add_test(tc, test_text_with_hanging_indent);
	tcase_add_test(tc, test_warning_callout_is_framed);
	tcase_add_test(tc, test_practice_question_in_a_lesson);
	tcase_add_loop_test(tc, test_bad_practice_names_its_line, 0,
	    sizeof bad_practice / sizeof *bad_practice);
	tcase_add_test(tc, test_empty_lesson_is_refused);
	tcase_add_test(tc, test_curriculum_module_loads);
	tcase_add_loop_test(tc, test_bad_module_ini_is_refused, 0,
	    sizeof bad_ini / sizeof *bad_ini);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(lesson_suite)

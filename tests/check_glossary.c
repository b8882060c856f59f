/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check_glossary.c: glossary marks in lessons ([[term]], [[shown|term]])
 * and their errors at the right line; glossary files read into entries,
 * matched NFC and case-folded, and their errors; the figures of
 * hocso-pack stats (lessons/stats.h).
 */
#include "config.h"

#include "core/util.h"
#include "lessons/glossary.h"
#include "lessons/lesson.h"
#include "lessons/module.h"
#include "lessons/speech.h"
#include "lessons/stats.h"
#include "tests/testutil.h"

static struct lesson *
parse(const char *md)
{
	struct lesson *l;
	struct hs_error err;

	ck_assert_msg(lesson_parse(md, strlen(md), "t.md", &l, &err) == 0,
	    "%s", err.msg);
	return l;
}

START_TEST(test_marks_are_shown_as_written)
{
	/* given a paragraph with a plain mark, one with a bar, and a mark
	 * in code, which is left as it is */
	struct lesson *l = parse("# T\n\nGiữ [[mật khẩu]] và\n"
	    "[[mật khẩu mạnh|Mật khẩu]] nhé, `[[x]]`.\n");
	const struct lesson_block *b = &l->screens[0].blocks[1];
	size_t i;

	/* then the text holds the shown words only, in term style */
	ck_assert_str_eq(b->text, "Giữ mật khẩu và mật khẩu mạnh nhé, [[x]].");
	ck_assert_int_eq(b->nmarks, 2);
	ck_assert_str_eq(b->marks[0].term, "mật khẩu");
	ck_assert_int_eq(b->marks[0].line, 3);
	ck_assert_int_eq(b->marks[0].start, strlen("Giữ "));
	ck_assert_int_eq(b->marks[0].len, strlen("mật khẩu"));
	ck_assert_str_eq(b->marks[1].term, "Mật khẩu");
	ck_assert_int_eq(b->marks[1].line, 4);
	ck_assert_int_eq(b->marks[1].len, strlen("mật khẩu mạnh"));
	for (i = 0; i < b->len; i++)
		ck_assert_int_eq(!!(b->style[i] & LESSON_TERM),
		    (i >= b->marks[0].start && i < b->marks[0].start +
		    b->marks[0].len) || (i >= b->marks[1].start &&
		    i < b->marks[1].start + b->marks[1].len));
	lesson_free(l);
}
END_TEST

START_TEST(test_marks_keep_their_lines_when_text_moves)
{
	/* given marks on four lines of a paragraph, one across a line
	 * break: each taken out moves the text after it */
	const char *md = "# T\n\na [[mật khẩu mạnh|x]]\nb [[y]]\n"
	    "c [[tài\nkhoản|z]] d\n[[w]] e ]]\n";
	struct lesson *l = NULL;
	struct hs_error err;
	const struct lesson_block *b;

	/* then a stray "]]" after them is found at its own line */
	ck_assert_int_ne(lesson_parse(md, strlen(md), "t.md", &l, &err), 0);
	ck_assert_int_eq(err.line, 7);
	/* and without it, each mark has its line */
	l = parse("# T\n\na [[mật khẩu mạnh|x]]\nb [[y]]\n"
	    "c [[tài\nkhoản|z]] d\n[[w]] e\n");
	b = &l->screens[0].blocks[1];
	ck_assert_str_eq(b->text, "a mật khẩu mạnh b y c tài khoản d w e");
	ck_assert_int_eq(b->nmarks, 4);
	ck_assert_int_eq(b->marks[0].line, 3);
	ck_assert_int_eq(b->marks[1].line, 4);
	ck_assert_int_eq(b->marks[2].line, 5);
	ck_assert_str_eq(b->marks[2].term, "z");
	ck_assert_int_eq(b->marks[3].line, 7);
	ck_assert_int_eq(b->marks[3].start, strlen("a mật khẩu mạnh b y c tài "
	    "khoản d "));
	lesson_free(l);
}
END_TEST

START_TEST(test_marks_in_headings_and_items)
{
	struct lesson *l = parse("## Mã [[OTP]]\n\n- một\n- bấm [[đường link]]\n");

	ck_assert_str_eq(l->screens[0].blocks[0].text, "Mã OTP");
	ck_assert_int_eq(l->screens[0].blocks[0].nmarks, 1);
	ck_assert_str_eq(l->screens[0].blocks[2].text, "bấm đường link");
	ck_assert_int_eq(l->screens[0].blocks[2].marks[0].line, 4);
	lesson_free(l);
}
END_TEST

static const struct {
	const char *md;
	int line;
	const char *says;
} bad_marks[] = {
	{ "# T\n\nmột\nhai [[mật khẩu\n", 4, "not closed" },
	{ "# T\n\nmột [[a [[b]]\n", 3, "before the next one" },
	{ "# T\n\nmột\n\nhai ]] ba\n", 5, "closes no glossary mark" },
	{ "# T\n\nmột [[ ]] hai\n", 3, "empty glossary mark" },
	{ "# T\n\nmột [[|b]] hai\n", 3, "empty glossary mark" },
	{ "# T\n\nmột [[a|]] hai\n", 3, "empty glossary mark" },
	{ "# T\n\n```art\n a\n [[b]]\n```\n", 5, "art, code or practice" },
	{ "# T\n\n    code\n    [[b]]\n", 4, "art, code or practice" },
	{ "# T\n\n```gift\n::q:: [[x]] {\n=a\n~b\n}\n```\n", 4,
	    "art, code or practice" },
};

START_TEST(test_bad_marks_name_their_line)
{
	struct lesson *l = NULL;
	struct hs_error err;
	const char *md = bad_marks[_i].md;

	ck_assert_int_ne(lesson_parse(md, strlen(md), "t.md", &l, &err), 0);
	ck_assert_ptr_null(l);
	ck_assert_str_eq(err.file, "t.md");
	ck_assert_int_eq(err.line, bad_marks[_i].line);
	ck_assert_msg(strstr(err.msg, bad_marks[_i].says) != NULL,
	    "'%s' does not say '%s'", err.msg, bad_marks[_i].says);
}
END_TEST

START_TEST(test_read_aloud_says_the_shown_words)
{
	struct lesson *l = parse("Đừng cho ai biết [[mật khẩu mạnh|mật khẩu]]"
	    " hay [[OTP]].\n");
	struct speech_lexicon lex = { 0 };
	char *said = speech_screen_text(&l->screens[0], &lex);

	ck_assert_msg(strstr(said, "mật khẩu mạnh hay OTP") != NULL, "%s",
	    said);
	ck_assert_ptr_null(strchr(said, '['));
	ck_assert_ptr_null(strchr(said, '|'));
	free(said);
	lesson_free(l);
}
END_TEST

START_TEST(test_glossary_entries_match_nfc_and_case)
{
	/* given a glossary whose first term is written decomposed: "Mật"
	 * as M a + dot below + circumflex */
	const char *md = "# Từ khó\n\n## Ma\xcc\xa3\xcc\x82t khẩu\n"
	    "Một từ bí mật.\n\n"
	    "```art\n [ * * ]\n```\n\n## OTP\nMã dùng một lần.\n";
	char *nfd = xstrdup(md);
	struct glossary g;
	const struct glossary_entry *e;

	ck_assert_int_eq(glossary_parse(nfd, strlen(nfd), "g.md", &g, NULL,
	    NULL), 0);
	ck_assert_int_eq(g.n, 2);
	ck_assert_str_eq(g.entries[0].term, "Mật khẩu");	/* NFC */
	ck_assert_int_eq(g.entries[0].line, 3);
	ck_assert_int_eq(g.entries[0].words, 4);
	ck_assert_ptr_nonnull(strstr(g.entries[0].body, "```art"));
	/* then a mark in another case, or decomposed, finds it */
	e = glossary_find(&g, "mật khẩu");
	ck_assert_ptr_eq(e, &g.entries[0]);
	ck_assert_ptr_eq(glossary_find(&g, "MẬT KHẨU"), &g.entries[0]);
	ck_assert_ptr_eq(glossary_find(&g, "ma\xcc\xa3\xcc\x82t khẩu"),
	    &g.entries[0]);
	ck_assert_ptr_eq(glossary_find(&g, "otp"), &g.entries[1]);
	ck_assert_ptr_null(glossary_find(&g, "mat khau"));
	glossary_free(&g);
	free(nfd);
}
END_TEST

struct seen {
	int n;
	int line[8];
	char msg[8][600];
};

static void
keep(const struct hs_error *err, void *ctx)
{
	struct seen *s = ctx;

	if (s->n < 8) {
		s->line[s->n] = err->line;
		snprintf(s->msg[s->n], sizeof s->msg[0], "%s", err->msg);
	}
	s->n++;
}

START_TEST(test_bad_glossary_entries_are_reported_at_their_line)
{
	const char *md =
	    "## mật khẩu\nMột.\n"			/* 1 */
	    "## Mật Khẩu\nHai.\n"			/* 3: twice */
	    "## trống\n"				/* 5: no text */
	    "## dài\n"					/* 6: 41 words */
	    "a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a "
	    "a a a a a a a a a a a\n"
	    "## hai hình\nChữ.\n```art\na\n```\n```art\nb\n```\n"	/* 8 */
	    "## đủ 40\n"				/* 16: fine */
	    "a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a "
	    "a a a a a a a a — a a\n";
	struct seen s = { 0 };
	struct glossary g;

	ck_assert_int_eq(glossary_parse(md, strlen(md), "g.md", &g, keep, &s),
	    4);
	ck_assert_int_eq(s.n, 4);
	ck_assert_int_eq(s.line[0], 3);
	ck_assert_ptr_nonnull(strstr(s.msg[0], "at line 1 already"));
	ck_assert_int_eq(s.line[1], 5);
	ck_assert_ptr_nonnull(strstr(s.msg[1], "no text"));
	ck_assert_int_eq(s.line[2], 6);
	ck_assert_ptr_nonnull(strstr(s.msg[2], "41 words"));
	ck_assert_int_eq(s.line[3], 8);
	ck_assert_ptr_nonnull(strstr(s.msg[3], "2 pictures"));
	/* all but the second 'mật khẩu' are kept, so that the marks that
	 * name them are not reported too */
	ck_assert_int_eq(g.n, 5);
	ck_assert_str_eq(g.entries[0].body, "Một.\n");
	ck_assert_str_eq(g.entries[4].term, "đủ 40");
	ck_assert_int_eq(g.entries[4].words, 40);	/* "—" is no word */
	glossary_free(&g);
}
END_TEST

START_TEST(test_text_before_the_first_entry)
{
	const char *md = "Chữ trước.\n\n## a\nb\n";
	struct seen s = { 0 };
	struct glossary g;

	ck_assert_int_eq(glossary_parse(md, strlen(md), "g.md", &g, keep, &s),
	    1);
	ck_assert_int_eq(s.line[0], 1);
	ck_assert_int_eq(g.n, 1);
	glossary_free(&g);
}
END_TEST

START_TEST(test_lesson_language_and_fallback)
{
	struct module m;
	struct hs_error err;
	struct glossary g;
	char lang[8];

	glossary_lesson_lang("/x/lessons/vi/01-a.md", lang);
	ck_assert_str_eq(lang, "vi");
	glossary_lesson_lang("/x/lessons/01-a.md", lang);
	ck_assert_str_eq(lang, "");
	ck_assert_int_eq(module_load(FIXTURES "/glossary", &m, &err), 0);
	glossary_for(&m, "en", &g);
	ck_assert_str_eq(g.lang, "en");
	ck_assert_ptr_nonnull(glossary_find(&g, "Link"));
	glossary_free(&g);
	/* a language with no glossary falls back to the first one's */
	glossary_for(&m, "fr", &g);
	ck_assert_str_eq(g.lang, "vi");
	ck_assert_int_eq(g.n, 4);
	glossary_free(&g);
	module_free(&m);
}
END_TEST

START_TEST(test_stats_of_a_lesson)
{
	/* three screens: words (a [[a|b]] as a's), art, gift, try, terms */
	struct lesson *l = parse(
	    "# Một hai\n\nba [[bốn năm|x]] — 6 [[X]].\n\n```art\n a b c\n```\n"
	    "\n---\n\nmột\n\n```gift\n::q:: Hỏi gì? {\n=a\n~b\n}\n```\n"
	    "\n---\n\n```try password\nGõ một mật khẩu\n```\n\n[[y]] `code x`\n");
	struct stats_row r = { 0 };

	ck_assert_int_eq(l->nscreens, 3);
	ck_assert_int_eq(stats_screen_words(&l->screens[0]), 7);
	ck_assert_int_eq(stats_screen_words(&l->screens[1]), 1);
	ck_assert_int_eq(stats_screen_words(&l->screens[2]), 3);
	stats_add_lesson(&r, l);
	ck_assert_int_eq(r.screens, 3);
	ck_assert_int_eq(r.words, 11);
	ck_assert_int_eq(r.words_max, 7);
	ck_assert_int_eq(r.pictures, 1);
	ck_assert_int_eq(r.bare_run, 2);
	ck_assert_int_eq(r.practice, 2);
	ck_assert_int_eq(r.terms, 2);		/* x and y; X is x */
	/* a second lesson adds up; its terms count once */
	stats_add_lesson(&r, l);
	ck_assert_int_eq(r.screens, 6);
	ck_assert_int_eq(r.words_max, 7);
	ck_assert_int_eq(r.bare_run, 2);
	ck_assert_int_eq(r.terms, 2);
	stats_row_free(&r);
	lesson_free(l);
}
END_TEST

static Suite *
glossary_suite(void)
{
	Suite *s = suite_create("glossary");
	TCase *tc = tcase_create("glossary");

	tcase_add_test(tc, test_marks_are_shown_as_written);
	tcase_add_test(tc, test_marks_keep_their_lines_when_text_moves);
	tcase_add_test(tc, test_marks_in_headings_and_items);
	tcase_add_loop_test(tc, test_bad_marks_name_their_line, 0,
	    sizeof bad_marks / sizeof *bad_marks);
	tcase_add_test(tc, test_read_aloud_says_the_shown_words);
	tcase_add_test(tc, test_glossary_entries_match_nfc_and_case);
	tcase_add_test(tc, test_bad_glossary_entries_are_reported_at_their_line);
	tcase_add_test(tc, test_text_before_the_first_entry);
	tcase_add_test(tc, test_lesson_language_and_fallback);
	tcase_add_test(tc, test_stats_of_a_lesson);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(glossary_suite)

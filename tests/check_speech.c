/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check_speech.c: the words read-aloud says (lessons/speech.c): a lesson
 * screen without its art, code, bullets and frames; a practice question
 * with numbered choices and its verdict; the module's pronunciation
 * list, and the lists it refuses, with file:line.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lessons/lesson.h"
#include "lessons/speech.h"
#include "tests/testutil.h"

static const char lesson_md[] =
    "# Mã OTP là gì?\n"
    "\n"
    "```art\n"
    " .----.\n"
    "|  ()  |\n"
    "'------'\n"
    "```\n"
    "\n"
    "Mã **OTP** có *6 chữ số*, ví dụ 482 913\n"
    "\n"
    "- Không đưa mã cho ai\n"
    "- Gọi **111** khi cần\n"
    "\n"
    "> **Cảnh báo:** Không ai được hỏi mã của em.\n"
    "\n"
    "---\n"
    "\n"
    "Chọn câu đúng:\n"
    "\n"
    "```gift\n"
    "Ai được biết mã OTP? {=Chỉ em ~Bạn thân ~Người gọi điện}\n"
    "```\n";

static struct lesson *
parse(void)
{
	struct lesson *l = NULL;
	struct hs_error err;

	ck_assert_int_eq(lesson_parse(lesson_md, strlen(lesson_md), "t.md",
	    &l, &err), 0);
	return l;
}

static void
lexicon(struct speech_lexicon *lex, const char *text)
{
	struct hs_error err;

	ck_assert_int_eq(speech_lexicon_parse(text, strlen(text), "vi.txt",
	    lex, &err), 0);
}

START_TEST(test_screen_skips_art_and_marks)
{
	struct lesson *l = parse();
	char *s = speech_screen_text(&l->screens[0], NULL);

	/* Given a screen with art, bold, a list and a callout, when its
	 * words are taken, then each block is a sentence and nothing that
	 * only draws is said. */
	ck_assert_str_eq(s, "Mã OTP là gì? Mã OTP có 6 chữ số, ví dụ 482 913. "
	    "Không đưa mã cho ai. Gọi 111 khi cần. "
	    "Cảnh báo: Không ai được hỏi mã của em.");
	free(s);
	lesson_free(l);
}
END_TEST

START_TEST(test_pronunciation_list)
{
	struct lesson *l = parse();
	struct speech_lexicon lex;
	char *s;

	lexicon(&lex, "# how a child says it\n"
	    "OTP = ô tê pê\n"
	    "\n"
	    "  111   =  một một một  \n"
	    "Wi-Fi = oai phai\n");
	ck_assert_int_eq(lex.n, 3);
	s = speech_screen_text(&l->screens[0], &lex);
	ck_assert_ptr_nonnull(strstr(s, "Mã ô tê pê là gì?"));
	ck_assert_ptr_nonnull(strstr(s, "Gọi một một một khi cần."));
	free(s);
	/* Whole words only, and as written: "OTPs" and "otp" are not
	 * OTP; a word joined by "-" is one word. */
	s = speech_clean("OTPs, otp, OTP. Wi-Fi 1111", &lex);
	ck_assert_str_eq(s, "OTPs, otp, ô tê pê. oai phai 1111");
	free(s);
	speech_lexicon_free(&lex);
	lesson_free(l);
}
END_TEST

START_TEST(test_practice_numbered_with_verdict)
{
	struct lesson *l = parse();
	struct lesson_block *blk = lesson_practice(&l->screens[1]);
	char *s;

	ck_assert_ptr_nonnull(blk);
	s = speech_screen_text(&l->screens[1], NULL);
	ck_assert_str_eq(s, "Chọn câu đúng: Ai được biết mã OTP? "
	    "1. Chỉ em. 2. Bạn thân. 3. Người gọi điện.");
	free(s);
	/* Once answered, the verdict is read after the choices; its tick
	 * is not. */
	lesson_practice_set(blk, 0, "✓ Đúng rồi!");
	s = speech_screen_text(&l->screens[1], NULL);
	ck_assert_ptr_nonnull(strstr(s, "3. Người gọi điện. Đúng rồi!"));
	ck_assert_ptr_null(strstr(s, "✓"));
	free(s);
	lesson_free(l);
}
END_TEST

START_TEST(test_question_and_frames)
{
	const char *choices[] = { "Có", "Không ┃ bao giờ" };
	char *s = speech_question_text("┌──┐ Cho bạn mượn mật khẩu? └──┘",
	    choices, 2, "✗ Chưa đúng.", NULL);

	ck_assert_str_eq(s, "Cho bạn mượn mật khẩu? 1. Có. 2. Không bao giờ. "
	    "Chưa đúng.");
	ck_assert_int_eq(speech_words(s), 13);
	free(s);
}
END_TEST

static const struct {
	const char *text;
	int line;
	const char *why;
} bad_lists[] = {
	{ "OTP = ô tê pê\nOTP ô tê pê\n", 2, "WORD = HOW IT IS SAID" },
	{ "OTP = ô tê pê\n# again\nOTP = o t p\n", 3, "already" },
	{ "mã OTP = ô tê pê\n", 1, "one word" },
	{ "OTP =\n", 1, "one word" },
	{ " = ô tê pê\n", 1, "one word" },
	{ "\xff = x\n", 0, "UTF-8" },
};

START_TEST(test_bad_lists)
{
	struct speech_lexicon lex;
	struct hs_error err;
	char msg[512];

	/* Given a list an author got wrong, it is refused with the file
	 * and line, and nothing of it is kept. */
	ck_assert_int_eq(speech_lexicon_parse(bad_lists[_i].text,
	    strlen(bad_lists[_i].text), "speech/vi.txt", &lex, &err),
	    HS_EINVAL);
	ck_assert_int_eq(lex.n, 0);
	hs_error_format(&err, msg, sizeof msg);
	ck_assert_msg(strstr(msg, bad_lists[_i].why) != NULL, "%s", msg);
	ck_assert_int_eq(err.line, bad_lists[_i].line);
}
END_TEST

START_TEST(test_load_missing_is_empty)
{
	char dir[4096];
	struct speech_lexicon lex;
	struct hs_error err;

	snprintf(dir, sizeof dir, "%s", test_tmpdir());
	ck_assert_int_eq(speech_lexicon_load(dir, "vi", &lex, &err), 0);
	ck_assert_int_eq(lex.n, 0);
	{
		char sub[4200];

		snprintf(sub, sizeof sub, "%s/speech", dir);
		ck_assert_int_eq(mkdir(sub, 0755), 0);
	}
	test_write(dir, "speech/vi.txt", "OTP = ô tê pê\n");
	ck_assert_int_eq(speech_lexicon_load(dir, "vi", &lex, &err), 0);
	ck_assert_int_eq(lex.n, 1);
	speech_lexicon_free(&lex);
	test_write(dir, "speech/en.txt", "OTP O T P\n");
	ck_assert_int_eq(speech_lexicon_load(dir, "en", &lex, &err),
	    HS_EINVAL);
	test_rmtree(dir);
}
END_TEST

static Suite *
speech_suite(void)
{
	Suite *s = suite_create("speech");
	TCase *tc = tcase_create("speech");

	tcase_add_test(tc, test_screen_skips_art_and_marks);
	tcase_add_test(tc, test_pronunciation_list);
	tcase_add_test(tc, test_practice_numbered_with_verdict);
	tcase_add_test(tc, test_question_and_frames);
	tcase_add_loop_test(tc, test_bad_lists, 0,
	    sizeof bad_lists / sizeof *bad_lists);
	tcase_add_test(tc, test_load_missing_is_empty);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(speech_suite)

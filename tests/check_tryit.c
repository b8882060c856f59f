/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check_tryit.c: a lesson's type-it boxes: the "try" blocks as read
 * (and refused, at their line), the box's model driven by keys (the
 * password meter and its tip, Telex, Backspace, Enter, Esc), a box
 * whose meter gives no rating, the meter's line protocol (what
 * "hocso-cmd password-meter" answers, and the bad lines it refuses),
 * what is recorded of a try (never the text) through the real store,
 * and the art labels' marks dropped for terminals that cannot show
 * them.
 */
#include "config.h"

#include <sqlite3.h>
#include <unistr.h>

#include "core/store.h"
#include "core/text.h"
#include "learn/model/meter.h"
#include "learn/model/progress.h"
#include "learn/model/trybox.h"
#include "lessons/lesson.h"
#include "quiz/gift.h"
#include "sync/devstore.h"
#include "tests/testutil.h"

/* Types s (UTF-8) into b key by key; returns the last key's result. */
static enum trybox_result
type(struct trybox *b, const char *s)
{
	enum trybox_result r = TRYBOX_IGNORED;
	ucs4_t uc;
	int k;

	while (*s != '\0') {
		k = u8_mbtouc(&uc, (const uint8_t *)s, strlen(s));
		r = trybox_key(b, uc);
		s += k;
	}
	return r;
}

/* zxcvbn in this process, as hocso-cmd password-meter rates. */
static const struct trybox_meter here = { meter_rate_here, NULL };

/* ---- the art labels' fallback ---- */

static const struct {
	const char *in, *want;
} strip[] = {
	{ "MÀN HÌNH", "MAN HINH" },
	{ "[BÀN PHÍM]", "[BAN PHIM]" },
	{ "Đường đi", "Duong di" },
	{ "Hoa\xcc\x80 (NFD)", "Hoa (NFD)" },		/* a combining grave */
	{ "ỆỮỢẶ ậ ữ", "EUOA a u" },
	{ "+--| ok |--+", "+--| ok |--+" },
	{ "", "" },
};

START_TEST(test_strip_marks)
{
	char *got = text_strip_marks(strip[_i].in, strlen(strip[_i].in));
	char *nfc = text_nfc(strip[_i].in, strlen(strip[_i].in));

	/* given a label, when its marks are dropped, then the letters stay
	 * and so does every column */
	ck_assert_str_eq(got, strip[_i].want);
	ck_assert_int_eq(text_width(got, strlen(got)),
	    text_width(nfc, strlen(nfc)));
	free(got);
	free(nfc);
}
END_TEST

/* ---- try blocks in a lesson ---- */

static const char good_lesson[] =
    "# Thử\n"
    "\n"
    "```try password\n"
    "Gõ thử một mật khẩu.\n"
    "```\n"
    "\n"
    "---\n"
    "\n"
    "```try telex ten-em\n"
    "Gõ tên em bằng Telex.\n"
    "Ví dụ: Hoaf.\n"
    "```\n"
    "\n"
    "```try password\n"
    "Thêm một lần.\n"
    "```\n";

START_TEST(test_try_blocks_read)
{
	struct lesson *l;
	struct hs_error err;
	struct lesson_block *b;
	struct lesson_page page;
	int i, fields = 0;

	ck_assert_int_eq(lesson_parse(good_lesson, strlen(good_lesson),
	    "t.md", &l, &err), 0);
	ck_assert_int_eq(l->nscreens, 2);
	b = lesson_try(&l->screens[0]);
	ck_assert_ptr_nonnull(b);
	ck_assert_int_eq(b->try_kind, LESSON_TRY_PASSWORD);
	ck_assert_str_eq(b->try_id, "try1");
	ck_assert_str_eq(b->text, "Gõ thử một mật khẩu.");
	b = lesson_try(&l->screens[1]);
	ck_assert_int_eq(b->try_kind, LESSON_TRY_TELEX);
	ck_assert_str_eq(b->try_id, "ten-em");
	ck_assert_str_eq(b->text, "Gõ tên em bằng Telex.\nVí dụ: Hoaf.");
	/* the default ids count the boxes in lesson order */
	ck_assert_str_eq(l->screens[1].blocks[1].try_id, "try3");
	/* laid out: the prompt, then the three lines the screen draws */
	lesson_layout(&l->screens[0], 60, &page);
	for (i = 0; i < page.nlines; i++)
		if (page.lines[i].field > 0)
			ck_assert_int_eq(page.lines[i].field, ++fields);
	ck_assert_int_eq(fields, 3);
	lesson_page_free(&page);
	lesson_free(l);
}
END_TEST

static const struct {
	const char *md, *want;
} bad[] = {
	{ "# T\n\n```try pasword\nGõ.\n```\n",
	  "t.md:3: unknown kind of try block 'pasword': use password or telex" },
	{ "# T\n\n```try\nGõ.\n```\n",
	  "t.md:3: a try block needs a kind: 'try password' or 'try telex'" },
	{ "# T\n\nText.\n\n```try telex\n\n```\n",
	  "t.md:5: a try block needs a prompt: a line that says what to type" },
	{ "# T\n\n```try telex a\nGõ.\n```\n\n```try password a\nGõ.\n```\n",
	  "t.md:7: the id 'a' is used twice in this lesson" },
	{ "# T\n\n```gift\n::x1:: Q? {=a ~b}\n```\n\n```try telex x1\nGõ.\n```\n",
	  "t.md:7: the id 'x1' is used twice in this lesson" },
	{ "# T\n\n```try telex mật\nGõ.\n```\n",
	  "t.md:3: bad id 'mật' of a try block: use letters, digits, '-' and '_'" },
	{ "# T\n\n```try telex a b\nGõ.\n```\n",
	  "t.md:3: a try block takes a kind and an id, no more words" },
	{ "# T\n\n```try telex\nMột.\nHai.\nBa.\n```\n",
	  "t.md:3: a try block's prompt is one or two lines" },
};

START_TEST(test_try_blocks_refused)
{
	struct lesson *l = (struct lesson *)1;
	struct hs_error err;
	char msg[1024];

	/* given a bad try block, the lesson is refused at its line */
	ck_assert_int_ne(lesson_parse(bad[_i].md, strlen(bad[_i].md), "t.md",
	    &l, &err), 0);
	ck_assert_ptr_null(l);
	snprintf(msg, sizeof msg, "%s:%d: %s", err.file, err.line, err.msg);
	ck_assert_str_eq(msg, bad[_i].want);
}
END_TEST

START_TEST(test_try_block_in_a_bank_refused)
{
	const char *dir = test_tmpdir();
	char path[4200];
	struct quiz_bank bank = { 0 };
	struct hs_error err;

	test_write(dir, "b.gift", "::a:: Q? {=yes ~no}\n\n```try password\n"
	    "Gõ.\n```\n");
	snprintf(path, sizeof path, "%s/b.gift", dir);
	ck_assert_int_ne(gift_load(path, &bank, &err), 0);
	ck_assert_int_eq(bank.n, 0);
	ck_assert_int_eq(err.line, 3);
	ck_assert_str_eq(err.msg, "a try block belongs in a lesson, not in a "
	    "quiz bank");
	test_rmtree(dir);
}
END_TEST

/* ---- the password box, by keys ---- */

static const struct {
	const char *typed, *name;
	int max_strength;	/* at most */
	int min_strength;	/* at least */
	enum trybox_tip tip;
} passwords[] = {
	{ "matkhau", NULL, 1, 0, TRYBOX_TIP_COMMON },
	{ "anhyeuem", NULL, 1, 0, TRYBOX_TIP_COMMON },
	{ "123456789", NULL, 1, 0, TRYBOX_TIP_DIGITS },
	{ "2468", NULL, 1, 0, TRYBOX_TIP_DIGITS },
	{ "nguyenvanan", "Nguyễn Văn An", 1, 0, TRYBOX_TIP_COMMON },
	{ "kT7#q", NULL, 1, 0, TRYBOX_TIP_SHORT },
	{ "kT7#qZ!p2", NULL, 2, 0, TRYBOX_TIP_WORDS },	/* short of 10 */
	{ "voi-xanh-an-kem-muoi", NULL, 4, 3, TRYBOX_TIP_GOOD },
	{ "trau vang leo cay sung", NULL, 4, 3, TRYBOX_TIP_GOOD },
};

START_TEST(test_password_meter)
{
	struct trybox b;
	char sum[128];

	trybox_init(&b, LESSON_TRY_PASSWORD, passwords[_i].name, &here);
	ck_assert_int_eq(type(&b, passwords[_i].typed), TRYBOX_TYPED);
	ck_assert_str_eq(b.text, passwords[_i].typed);
	ck_assert_int_le(b.strength, passwords[_i].max_strength);
	ck_assert_int_ge(b.strength, passwords[_i].min_strength);
	ck_assert_int_eq(b.tip, passwords[_i].tip);
	ck_assert_str_ne(trybox_tip_words(&b), "");
	/* what is recorded holds the strength and the length, never the
	 * text */
	ck_assert_double_eq(trybox_summary(&b, sum, sizeof sum),
	    b.strength >= 3 ? 1.0 : 0.0);
	ck_assert_ptr_null(strstr(sum, passwords[_i].typed));
	ck_assert_int_eq(strncmp(sum, "strength ", 9), 0);
}
END_TEST

START_TEST(test_name_guessed_first)
{
	struct trybox with, without;

	/* given the child's name, a password made of it rates lower than
	 * the same password for another child */
	trybox_init(&with, LESSON_TRY_PASSWORD, "Lương Thị Hạnh", &here);
	trybox_init(&without, LESSON_TRY_PASSWORD, "An", &here);
	type(&with, "luongthihanh");
	type(&without, "luongthihanh");
	ck_assert_int_lt(with.strength, without.strength);
	ck_assert_int_eq(with.tip, TRYBOX_TIP_COMMON);
}
END_TEST

START_TEST(test_password_keys)
{
	struct trybox b;
	char sum[128];

	trybox_init(&b, LESSON_TRY_PASSWORD, "An", &here);
	/* Enter with nothing typed records nothing */
	ck_assert_int_eq(trybox_key(&b, TRYBOX_KEY_ENTER), TRYBOX_EMPTY);
	ck_assert_int_eq(trybox_key(&b, TRYBOX_KEY_BACKSPACE), TRYBOX_IGNORED);
	ck_assert_int_eq(b.tip, TRYBOX_TIP_NONE);
	ck_assert_str_eq(trybox_tip_words(&b), "");
	/* q, ? and spaces are letters here; control keys are not */
	type(&b, "q? 12");
	ck_assert_str_eq(b.text, "q? 12");
	ck_assert_int_eq(trybox_key(&b, 0x07), TRYBOX_IGNORED);
	ck_assert_int_eq(trybox_key(&b, TRYBOX_KEY_BACKSPACE), TRYBOX_TYPED);
	ck_assert_str_eq(b.text, "q? 1");
	/* a letter with a mark goes in one Backspace */
	type(&b, "ấ");
	ck_assert_int_eq(trybox_key(&b, TRYBOX_KEY_BACKSPACE), TRYBOX_TYPED);
	ck_assert_str_eq(b.text, "q? 1");
	ck_assert_int_eq(trybox_key(&b, TRYBOX_KEY_ENTER), TRYBOX_SUBMIT);
	trybox_summary(&b, sum, sizeof sum);
	ck_assert_str_eq(sum, "strength 1/4, 4 characters");
	/* Esc leaves; the text is as it was */
	ck_assert_int_eq(trybox_key(&b, TRYBOX_KEY_ESC), TRYBOX_LEAVE);
	ck_assert_str_eq(b.text, "q? 1");
}
END_TEST

START_TEST(test_password_box_full)
{
	struct trybox b;
	int i;

	trybox_init(&b, LESSON_TRY_PASSWORD, NULL, &here);
	for (i = 0; i < TRYBOX_TEXT_MAX - 1; i++)
		ck_assert_int_eq(trybox_key(&b, 'a'), TRYBOX_TYPED);
	ck_assert_int_eq(trybox_key(&b, 'b'), TRYBOX_FULL);
	ck_assert_uint_eq(b.len, TRYBOX_TEXT_MAX - 1);
	ck_assert_int_eq(b.text[b.len - 1], 'a');
}
END_TEST

/* A meter that cannot rate (the co-process could not start or died). */
static int
no_rating(void *arg, const char *text, size_t n, const char *name,
    double *bits, int *common)
{
	(void)arg, (void)text, (void)n, (void)name, (void)bits, (void)common;
	return -1;
}

START_TEST(test_meter_unavailable)
{
	static const struct trybox_meter none = { no_rating, NULL };
	struct trybox b;
	char sum[128];

	/* given a meter that gives no rating, the box still takes keys,
	 * its strength is unknown, and the try is recorded as such: not
	 * right */
	trybox_init(&b, LESSON_TRY_PASSWORD, "An", &none);
	ck_assert_int_eq(type(&b, "voi-xanh-an-kem-muoi"), TRYBOX_TYPED);
	ck_assert_int_eq(b.strength, TRYBOX_UNKNOWN);
	ck_assert_str_eq(trybox_strength_words(b.strength), "not measured");
	ck_assert_int_eq(b.tip, TRYBOX_TIP_NONE);
	ck_assert_int_eq(trybox_key(&b, TRYBOX_KEY_ENTER), TRYBOX_SUBMIT);
	ck_assert_double_eq(trybox_summary(&b, sum, sizeof sum), 0.0);
	ck_assert_str_eq(sum, "strength unknown, 20 characters");
	/* the tips that need no meter are still given */
	trybox_init(&b, LESSON_TRY_PASSWORD, NULL, &none);
	type(&b, "2468");
	ck_assert_int_eq(b.tip, TRYBOX_TIP_DIGITS);
	trybox_init(&b, LESSON_TRY_PASSWORD, NULL, NULL);
	type(&b, "abc");
	ck_assert_int_eq(b.strength, TRYBOX_UNKNOWN);
	ck_assert_int_eq(b.tip, TRYBOX_TIP_SHORT);
}
END_TEST

/* ---- the meter's protocol (hocso-cmd password-meter) ---- */

/* What meter_serve() answers to the input in. */
static char *
serve(const char *in, int *rc)
{
	FILE *fin = fmemopen((void *)in, strlen(in), "r");
	char *out = NULL;
	size_t n = 0;
	FILE *fout = open_memstream(&out, &n);

	ck_assert_ptr_nonnull(fin);
	ck_assert_ptr_nonnull(fout);
	*rc = meter_serve(fin, fout);
	fclose(fin);
	fclose(fout);
	return out;
}

START_TEST(test_meter_serves)
{
	char *out, *p, want[256];
	double bits;
	int rc, common;

	/* each request is answered with its number, the entropy in
	 * hundredths of a bit and whether a common word makes it up, as
	 * meter_rate rates it here; the end of the input ends the meter */
	out = serve("1\tmatkhau\t\n7\tvoi-xanh-an-kem-muoi\tan\n"
	    "8\tlươngthịhạnh đi\tlương thị hạnh\n", &rc);
	ck_assert_int_eq(rc, 0);
	meter_rate("matkhau", 7, "", &bits, &common);
	ck_assert_int_eq(common, 1);
	snprintf(want, sizeof want, "1 %ld 1\n", (long)(bits * 100 + 0.5));
	ck_assert_int_eq(strncmp(out, want, strlen(want)), 0);
	meter_rate("voi-xanh-an-kem-muoi", 20, "an", &bits, &common);
	snprintf(want, sizeof want, "7 %ld %d\n", (long)(bits * 100 + 0.5),
	    common);
	ck_assert_ptr_nonnull(strstr(out, want));
	ck_assert_ptr_nonnull(strstr(out, "\n8 "));
	/* three lines, three replies, and nothing of the texts */
	for (rc = 0, p = out; (p = strchr(p, '\n')) != NULL; p++)
		rc++;
	ck_assert_int_eq(rc, 3);
	ck_assert_ptr_null(strstr(out, "matkhau"));
	free(out);
}
END_TEST

static const struct {
	const char *line;	/* a bad request, with its LF */
	const char *reply;
} bad_requests[] = {
	{ "5 matkhau\n", "5 error\n" },		/* no TAB */
	{ "5\tmatkhau\n", "5 error\n" },		/* no name field */
	{ "\tmatkhau\tan\n", "0 error\n" },		/* no number */
	{ "x\tmatkhau\tan\n", "0 error\n" },	/* not a number */
	{ "-5\tmatkhau\tan\n", "0 error\n" },	/* a sign */
	{ "6\tmat\x01khau\tan\n", "6 error\n" },	/* a control character */
	{ "6\tmatkhau\ta\x7f\n", "6 error\n" },	/* DEL in the name */
	{ "6\tmat\tkhau\tan\n", "6 error\n" },	/* a TAB in the name */
	{ "6\tm\xe1\xbatkhau\tan\n", "6 error\n" },	/* not UTF-8 */
	{ "9\taaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	  "aaaaaaaaaaaaaaaaaa\tan\n", "9 error\n" },	/* 80 bytes of text */
};

START_TEST(test_meter_refuses)
{
	char in[256], *out;
	int rc;

	/* a bad line is answered "N error" and the meter goes on: the
	 * request after it is rated */
	snprintf(in, sizeof in, "%s3\tabc\t\n", bad_requests[_i].line);
	out = serve(in, &rc);
	ck_assert_int_eq(rc, 0);
	ck_assert_int_eq(strncmp(out, bad_requests[_i].reply,
	    strlen(bad_requests[_i].reply)), 0);
	ck_assert_int_eq(strncmp(out + strlen(bad_requests[_i].reply), "3 ",
	    2), 0);
	free(out);
}
END_TEST

START_TEST(test_meter_longest_text)
{
	char in[256], *out;
	int rc;

	/* 79 bytes, what a box holds, is a request */
	snprintf(in, sizeof in, "4\t%.*s\t\n", METER_TEXT_MAX,
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaa");
	out = serve(in, &rc);
	ck_assert_int_eq(strncmp(out, "4 ", 2), 0);
	ck_assert_ptr_null(strstr(out, "error"));
	free(out);
}
END_TEST

START_TEST(test_strength_words)
{
	ck_assert_str_eq(trybox_strength_words(0), "very weak");
	ck_assert_str_eq(trybox_strength_words(1), "weak");
	ck_assert_str_eq(trybox_strength_words(2), "fair");
	ck_assert_str_eq(trybox_strength_words(3), "strong");
	ck_assert_str_eq(trybox_strength_words(4), "very strong");
}
END_TEST

/* ---- the Telex box, by keys ---- */

START_TEST(test_telex_box)
{
	struct trybox b;
	char sum[128];

	trybox_init(&b, LESSON_TRY_TELEX, NULL, NULL);
	type(&b, "Hoaf");
	ck_assert_str_eq(b.text, "Hoà");
	type(&b, " Nguyeenx");
	ck_assert_str_eq(b.text, "Hoà Nguyễn");
	ck_assert_int_eq(trybox_key(&b, TRYBOX_KEY_BACKSPACE), TRYBOX_TYPED);
	ck_assert_str_eq(b.text, "Hoà Nguyên");
	type(&b, "x ddinhf");
	ck_assert_str_eq(b.text, "Hoà Nguyễn đình");
	ck_assert_int_eq(trybox_key(&b, TRYBOX_KEY_ENTER), TRYBOX_SUBMIT);
	ck_assert_double_eq(trybox_summary(&b, sum, sizeof sum), 1.0);
	ck_assert_str_eq(sum, "13 letters, 4 with marks");
	/* no mark typed: tried, but not right */
	trybox_init(&b, LESSON_TRY_TELEX, NULL, NULL);
	type(&b, "An");
	ck_assert_double_eq(trybox_summary(&b, sum, sizeof sum), 0.0);
	ck_assert_str_eq(sum, "2 letters, 0 with marks");
}
END_TEST

/* ---- the record, through the real store ---- */

START_TEST(test_try_recorded_without_text)
{
	const char *dir = test_tmpdir();
	char db[4200], sum[128], got[128];
	struct store *store;
	struct progress prog;
	struct hs_error err;
	struct trybox b;
	sqlite3_stmt *st;
	double grade;
	int right, count;

	snprintf(db, sizeof db, "%s/hocso.db", dir);
	ck_assert_int_eq(devstore_open(db, &store, &err), 0);
	ck_assert_int_eq(progress_open(&prog, store, "vi", &err), 0);
	ck_assert_int_eq(progress_practice_last_response(&prog, "m.x", "01-a", "try1",
	    got, sizeof got, &err), 0);
	ck_assert_str_eq(got, "");

	trybox_init(&b, LESSON_TRY_PASSWORD, NULL, &here);
	type(&b, "voi-xanh-an-kem-muoi");
	grade = trybox_summary(&b, sum, sizeof sum);
	ck_assert_int_eq(progress_practice_response(&prog, "m.x", "01-a", "try1",
	    sum, grade, &err), 0);
	ck_assert_int_eq(progress_practice_last_response(&prog, "m.x", "01-a", "try1",
	    got, sizeof got, &err), 0);
	ck_assert_str_eq(got, sum);
	/* it counts with the lesson's practice answers (mastery) */
	ck_assert_int_eq(progress_practice_recent(&prog, "m.x", "01-a", 3,
	    &right, &count, &err), 0);
	ck_assert_int_eq(right, 1);
	ck_assert_int_eq(count, 1);
	/* the event that syncs holds the summary, not the password */
	ck_assert_int_eq(sqlite3_prepare_v2(store_db(store), "SELECT response,"
	    " success FROM events WHERE verb = 'answered'", -1, &st, NULL),
	    SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	ck_assert_str_eq((const char *)sqlite3_column_text(st, 0),
	    "strength 4/4, 20 characters");
	ck_assert_int_eq(sqlite3_column_int(st, 1), 1);
	sqlite3_finalize(st);
	store_close(store);
	test_rmtree(dir);
}
END_TEST

static Suite *
tryit_suite(void)
{
	Suite *s = suite_create("tryit");
	TCase *tc = tcase_create("tryit");

	tcase_add_loop_test(tc, test_strip_marks, 0,
	    sizeof strip / sizeof *strip);
	tcase_add_test(tc, test_try_blocks_read);
	tcase_add_loop_test(tc, test_try_blocks_refused, 0,
	    sizeof bad / sizeof *bad);
	tcase_add_test(tc, test_try_block_in_a_bank_refused);
	tcase_add_loop_test(tc, test_password_meter, 0,
	    sizeof passwords / sizeof *passwords);
	tcase_add_test(tc, test_name_guessed_first);
	tcase_add_test(tc, test_password_keys);
	tcase_add_test(tc, test_password_box_full);
	tcase_add_test(tc, test_strength_words);
	tcase_add_test(tc, test_meter_unavailable);
	tcase_add_test(tc, test_meter_serves);
	tcase_add_loop_test(tc, test_meter_refuses, 0,
	    sizeof bad_requests / sizeof *bad_requests);
	tcase_add_test(tc, test_meter_longest_text);
	tcase_add_test(tc, test_telex_box);
	tcase_add_test(tc, test_try_recorded_without_text);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(tryit_suite)

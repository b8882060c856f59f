/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check_moodlexml.c: Moodle XML import and GIFT/XML export (lessons/
 * moodle.c).  A bank written as GIFT and read back by quiz/gift.c, or
 * written as Moodle XML and imported back, is the same bank: ids, types,
 * texts, answers, fractions and feedback; checked on the fixture (a
 * Moodle 4 export we wrote, every type) and on every curriculum bank.
 */
#include "config.h"

#include <dirent.h>
#include <math.h>

#include "testutil.h"
#include "core/error.h"
#include "core/util.h"
#include "lessons/moodle.h"
#include "quiz/gift.h"

static int nskipped;
static char skipped[8][128];

static void
on_skip(int line, const char *name, const char *type, const char *why,
    void *ctx)
{
	(void)line;
	(void)why;
	(void)ctx;
	if (nskipped < 8)
		snprintf(skipped[nskipped], sizeof skipped[0], "%s/%s", type,
		    name);
	nskipped++;
}

static int
same_str(const char *a, const char *b)
{
	return !strcmp(a != NULL ? a : "", b != NULL ? b : "");
}

/* Asserts that a and b hold the same questions. */
static void
assert_same(const struct quiz_bank *a, const struct quiz_bank *b)
{
	int i, k;

	ck_assert_int_eq(a->n, b->n);
	for (i = 0; i < a->n; i++) {
		const struct quiz_question *p = &a->questions[i];
		const struct quiz_question *q = &b->questions[i];

		ck_assert_msg(p->type == q->type, "question %s: type", p->id);
		ck_assert_str_eq(p->id, q->id);
		ck_assert_msg(same_str(p->title, q->title), "%s: title", p->id);
		ck_assert_msg(same_str(p->category, q->category), "%s: cat",
		    p->id);
		ck_assert_str_eq(p->text, q->text);
		ck_assert_msg(p->format % 4 == q->format % 4, "%s: format %d "
		    "%d", p->id, p->format, q->format);
		ck_assert_msg(same_str(p->general_feedback,
		    q->general_feedback), "%s: general feedback '%s' '%s'",
		    p->id, p->general_feedback, q->general_feedback);
		ck_assert_msg(same_str(p->idnumber, q->idnumber), "%s: idnumber",
		    p->id);
		ck_assert_int_eq(p->ntags, q->ntags);
		for (k = 0; k < p->ntags; k++)
			ck_assert_str_eq(p->tags[k], q->tags[k]);
		ck_assert_int_eq(p->nchoices, q->nchoices);
		for (k = 0; k < p->nchoices; k++) {
			const struct quiz_choice *c = &p->choices[k];
			const struct quiz_choice *d = &q->choices[k];

			if (p->type == QUIZ_NUMERICAL) {
				ck_assert_msg(fabs(c->min - d->min) < 1e-9 ||
				    c->min == d->min, "%s: min", p->id);
				ck_assert_msg(fabs(c->max - d->max) < 1e-9 ||
				    c->max == d->max, "%s: max", p->id);
			} else
				ck_assert_str_eq(c->text, d->text);
			ck_assert_msg(fabs(c->fraction - d->fraction) < 1e-6,
			    "%s: answer %d fraction %g %g", p->id, k,
			    c->fraction, d->fraction);
			ck_assert_msg(same_str(c->feedback, d->feedback),
			    "%s: answer %d feedback '%s' '%s'", p->id, k,
			    c->feedback, d->feedback);
			ck_assert_msg(same_str(c->match, d->match), "%s: match",
			    p->id);
		}
	}
}

/* The bank as GIFT, read back by gift_parse(). */
static void
through_gift(const struct quiz_bank *in, struct quiz_bank *out)
{
	struct hs_error err = { 0 };
	char *gift = moodle_gift_write(in), line[512];

	memset(out, 0, sizeof *out);
	ck_assert_msg(gift_parse(gift, strlen(gift), "out.gift", out,
	    &err) == 0, "%s\n%s", hs_error_format(&err, line, sizeof line),
	    gift);
	free(gift);
}

/* The bank as Moodle XML, imported back, read as GIFT. */
static void
through_xml(const struct quiz_bank *in, struct quiz_bank *out)
{
	struct quiz_bank got = { 0 };
	struct hs_error err = { 0 };
	char *xml = moodle_xml_write(in);

	nskipped = 0;
	ck_assert_int_eq(moodle_xml_read(xml, strlen(xml), "out.xml", &got,
	    on_skip, NULL, &err), 0);
	ck_assert_int_eq(nskipped, 0);
	free(xml);
	through_gift(&got, out);
	quiz_bank_free(&got);
}

static void
import_fixture(struct quiz_bank *bank)
{
	struct quiz_bank raw = { 0 };
	struct hs_error err = { 0 };
	size_t len;
	char *buf = util_read_file(FIXTURES "/moodle/bank-vi.xml", 1 << 20,
	    &len, &err);

	ck_assert_ptr_nonnull(buf);
	nskipped = 0;
	ck_assert_int_eq(moodle_xml_read(buf, len, "bank-vi.xml", &raw,
	    on_skip, NULL, &err), 0);
	free(buf);
	through_gift(&raw, bank);
	quiz_bank_free(&raw);
}

/* Given our Moodle 4 export, when imported, then every type hocso has is
 * there with its ids, tags, categories, feedback and formats, and the
 * four it cannot carry are named. */
START_TEST(test_import_fixture)
{
	struct quiz_bank b;
	const struct quiz_question *q;

	import_fixture(&b);
	ck_assert_int_eq(b.n, 9);
	ck_assert_int_eq(nskipped, 4);
	ck_assert_str_eq(skipped[0], "ddwtos/Kéo thả hai ô");
	ck_assert_str_eq(skipped[1], "calculated/Diện tích");
	ck_assert_str_eq(skipped[2], "multianswer/Điền chỗ trống");
	ck_assert_str_eq(skipped[3], "random/Ngẫu nhiên (Mật khẩu)");
	q = &b.questions[0];
	ck_assert_int_eq(q->type, QUIZ_CHOICE);
	ck_assert_str_eq(q->id, "mk-01");
	ck_assert_int_eq(q->format, 3);
	ck_assert_str_eq(q->category, "$course$/top/An toàn số/Mật khẩu");
	ck_assert_int_eq(q->ntags, 2);
	ck_assert_str_eq(q->tags[1], "lớp 4");
	ck_assert_ptr_nonnull(strstr(q->text, "nhất? ổ khóa</p>"));
	ck_assert_str_eq(q->choices[0].text, "Mèo#Đen{2024}:Vui~");
	ck_assert_str_eq(q->choices[0].feedback, "Đúng: dài và có ký hiệu.");
	ck_assert_str_eq(q->choices[2].text, "ngày sinh & tên");
	ck_assert_ptr_null(q->choices[2].feedback);
	ck_assert_str_eq(q->general_feedback,
	    "<p>Mật khẩu mạnh dài, có chữ, số và ký hiệu.</p>");
	q = &b.questions[1];
	ck_assert_int_eq(q->type, QUIZ_MULTI);
	ck_assert_double_eq_tol(q->choices[2].fraction, -1, 1e-9);
	q = &b.questions[2];
	ck_assert_int_eq(q->type, QUIZ_TRUEFALSE);
	ck_assert_double_eq(q->choices[1].fraction, 1);
	ck_assert_str_eq(q->choices[0].feedback, "Sai: đó là kẻ lừa đảo.");
	ck_assert_str_eq(q->general_feedback,
	    "Ngân hàng không bao giờ hỏi mã OTP.");
	q = &b.questions[3];
	ck_assert_int_eq(q->type, QUIZ_SHORT);
	ck_assert_double_eq_tol(q->choices[1].fraction, 0.5, 1e-9);
	ck_assert_str_eq(q->choices[2].text, "*");
	q = &b.questions[4];
	ck_assert_int_eq(q->type, QUIZ_NUMERICAL);
	ck_assert_int_eq(q->nchoices, 3);
	ck_assert_double_eq_tol(q->choices[0].min, 3.135, 1e-9);
	ck_assert_double_eq_tol(q->choices[1].max, 3.2, 1e-9);
	ck_assert_str_eq(q->choices[2].feedback, "Chưa đúng.");
	q = &b.questions[5];
	ck_assert_int_eq(q->type, QUIZ_MATCHING);
	ck_assert_str_eq(q->category, "$course$/top/An toàn số/Trên mạng");
	ck_assert_str_eq(q->choices[0].text, "OTP");
	ck_assert_str_eq(q->choices[2].text, "");
	ck_assert_int_eq(b.questions[6].type, QUIZ_ESSAY);
	ck_assert_int_eq(b.questions[7].type, QUIZ_DESCRIPTION);
	q = &b.questions[8];
	ck_assert_int_eq(q->type, QUIZ_CHOICE);
	ck_assert_str_eq(q->text, "<p>Không bao giờ nói mã _____ cho người "
	    "lạ.</p>");
	ck_assert_str_eq(q->choices[0].text, "OTP");
	ck_assert_double_eq(q->choices[0].fraction, 1);
	quiz_bank_free(&b);
}
END_TEST

/* Given the imported fixture, when exported to XML and imported back,
 * or to GIFT and read back, then it is the same bank. */
START_TEST(test_fixture_round_trip)
{
	struct quiz_bank b, x, g;

	import_fixture(&b);
	through_xml(&b, &x);
	assert_same(&b, &x);
	through_gift(&b, &g);
	assert_same(&b, &g);
	quiz_bank_free(&b);
	quiz_bank_free(&x);
	quiz_bank_free(&g);
}
END_TEST

/* Every bank of the curriculum, in every language, round-trips. */
START_TEST(test_curriculum_round_trip)
{
	struct hs_error err = { 0 };
	struct quiz_bank b, x, g;
	struct dirent *m, *l, *f;
	char path[4096];
	DIR *dm, *dl, *df;
	int banks = 0;

	ck_assert_ptr_nonnull(dm = opendir(CURRICULUM));
	while ((m = readdir(dm)) != NULL) {
		snprintf(path, sizeof path, CURRICULUM "/%s/quizzes", m->d_name);
		if (m->d_name[0] == '.' || (dl = opendir(path)) == NULL)
			continue;
		while ((l = readdir(dl)) != NULL) {
			snprintf(path, sizeof path, CURRICULUM "/%s/quizzes/%s",
			    m->d_name, l->d_name);
			if (l->d_name[0] == '.' || (df = opendir(path)) == NULL)
				continue;
			while ((f = readdir(df)) != NULL) {
				if (strstr(f->d_name, ".gift") == NULL)
					continue;
				snprintf(path, sizeof path, CURRICULUM
				    "/%s/quizzes/%s/%s", m->d_name, l->d_name,
				    f->d_name);
				memset(&b, 0, sizeof b);
				ck_assert_msg(gift_load(path, &b, &err) == 0,
				    "%s", path);
				through_gift(&b, &g);
				assert_same(&b, &g);
				through_xml(&b, &x);
				assert_same(&b, &x);
				quiz_bank_free(&b);
				quiz_bank_free(&g);
				quiz_bank_free(&x);
				banks++;
			}
			closedir(df);
		}
		closedir(dl);
	}
	closedir(dm);
	ck_assert_int_ge(banks, 10);
}
END_TEST

/* A Moodle GIFT export (the lead's fixture) round-trips too. */
START_TEST(test_gift_export_round_trip)
{
	struct hs_error err = { 0 };
	struct quiz_bank b = { 0 }, x, g;

	ck_assert_int_eq(gift_load(FIXTURES "/moodle/export-vi.gift", &b,
	    &err), 0);
	ck_assert_int_gt(b.n, 5);
	through_gift(&b, &g);
	assert_same(&b, &g);
	through_xml(&b, &x);
	assert_same(&b, &x);
	quiz_bank_free(&b);
	quiz_bank_free(&g);
	quiz_bank_free(&x);
}
END_TEST

/* Bad input: not XML, XML that is not a <quiz>: refused with a
 * one-line reason, the bank untouched. */
static const struct {
	const char *xml, *message;
} bad[] = {
	{ "<?xml version=\"1.0\"?>\n<quiz>\n<question type=\"essay\">\n",
	    "b.xml:4: not a Moodle XML question bank: not XML" },
	{ "<html><p>x</p></html>", "b.xml: not a Moodle XML question bank: "
	    "its root element is <html>, not <quiz>" },
	{ "", "b.xml: not a Moodle XML question bank: not XML" },
};

START_TEST(test_bad_xml)
{
	struct quiz_bank b = { 0 };
	struct hs_error err = { 0 };
	char line[512];

	ck_assert_int_eq(moodle_xml_read(bad[_i].xml, strlen(bad[_i].xml),
	    "b.xml", &b, on_skip, NULL, &err), HS_EINVAL);
	hs_error_format(&err, line, sizeof line);
	ck_assert_msg(!strncmp(line, bad[_i].message,
	    strlen(bad[_i].message)), "%s", line);
	ck_assert_ptr_null(strchr(line, '\n'));
	ck_assert_int_eq(b.n, 0);
}
END_TEST

static Suite *
moodlexml_suite(void)
{
	Suite *s = suite_create("moodlexml");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_import_fixture);
	tcase_add_test(tc, test_fixture_round_trip);
	tcase_add_test(tc, test_curriculum_round_trip);
	tcase_add_test(tc, test_gift_export_round_trip);
	tcase_add_loop_test(tc, test_bad_xml, 0, sizeof bad / sizeof *bad);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(moodlexml_suite)

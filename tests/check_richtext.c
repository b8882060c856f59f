/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check_richtext.c: question texts in their format as terminal text
 * (lessons/richtext.c): HTML and Moodle's auto-format through libxml2's
 * parser into escaped Markdown and plain words, Markdown as lessons are,
 * plain text as written; and every shipped curriculum question's
 * feedback, as a learner sees it, free of GIFT and HTML markup.
 */
#include "config.h"

#include <glob.h>

#include "core/util.h"
#include "lessons/richtext.h"
#include "quiz/gift.h"
#include "tests/testutil.h"

static const struct {
	const char *text;
	int format;
	const char *markdown;
	const char *plain;
} cases[] = {
	/* Given Moodle's HTML, then paragraphs, bold and a break. */
	{ "<p dir=\"ltr\" style=\"text-align: left;\">A <strong>b</strong>"
	  "<br>c</p>", RICHTEXT_HTML, "A **b**\\\nc", "A b c" },
	/* Entities decoded, punctuation escaped: no markup by accident. */
	{ "<p>1. &amp; *x* # &lt;b&gt;</p>", RICHTEXT_HTML,
	  "1\\. \\& \\*x\\* \\# \\<b\\>", "1. & *x* # <b>" },
	/* Lists, nested. */
	{ "<ul><li>a</li><li>b<ol><li>c</li></ol></li></ul>", RICHTEXT_HTML,
	  "- a\n- b\n  1. c", "a b c" },
	/* An image is its alt text; a script is dropped. */
	{ "x<img src=\"k.png\" alt=\"a key\"><script>bad()</script>",
	  RICHTEXT_HTML, "x\\[a key\\]", "x[a key]" },
	/* Spaces inside <em> go outside the marks. */
	{ "a<em> b </em>c", RICHTEXT_HTML, "a *b* c", "a b c" },
	/* A break at a paragraph's end is no break (nor a "\"). */
	{ "<p>a<br></p><p>b\\<br><br></p>", RICHTEXT_HTML, "a\n\nb\\\\",
	  "a b\\" },
	/* Moodle's auto-format: new lines are breaks. */
	{ "one\ntwo", RICHTEXT_MOODLE, "one\\\ntwo", "one two" },
	/* Markdown stays Markdown; plain text is escaped for cmark. */
	{ "**b**", RICHTEXT_MARKDOWN, "**b**", "**b**" },
	{ "a*b", RICHTEXT_PLAIN, "a\\*b", "a*b" },
};

START_TEST(test_format_to_markdown_and_words)
{
	char *md = richtext_markdown(cases[_i].text, cases[_i].format);
	char *plain = richtext_plain(cases[_i].text, cases[_i].format);

	ck_assert_str_eq(md, cases[_i].markdown);
	ck_assert_str_eq(plain, cases[_i].plain);
	free(md);
	free(plain);
}
END_TEST

/* The text of line i of page, runs joined, into buf. */
static const char *
line_text(const struct lesson_page *page, int i, char *buf, size_t len)
{
	const struct lesson_line *ln = &page->lines[i];
	size_t n = 0;
	int r;

	for (r = 0; r < ln->nruns && n + ln->runs[r].len < len; r++) {
		memcpy(buf + n, ln->runs[r].text, ln->runs[r].len);
		n += ln->runs[r].len;
	}
	buf[n] = '\0';
	return buf;
}

START_TEST(test_html_lays_out_with_styles)
{
	struct lesson_page page = { 0 };
	char buf[256];

	/* Given a bold question's HTML, when laid out at 40 columns... */
	richtext_layout("<p>Is <em>this</em> safe?</p><ul><li>yes</li>"
	    "<li>no</li></ul>", RICHTEXT_HTML, LESSON_BOLD, 40, 0, &page);
	/* ...then a paragraph, a blank line, two bulleted items. */
	ck_assert_int_eq(page.nlines, 4);
	ck_assert_str_eq(line_text(&page, 0, buf, sizeof buf), "Is this safe?");
	ck_assert_str_eq(line_text(&page, 2, buf, sizeof buf), "• yes");
	ck_assert_str_eq(line_text(&page, 3, buf, sizeof buf), "• no");
	/* every run bold; "this" also emphasised */
	ck_assert_uint_eq(page.lines[0].runs[0].style & LESSON_BOLD,
	    LESSON_BOLD);
	ck_assert_uint_eq(page.lines[0].runs[1].style,
	    LESSON_BOLD | LESSON_EMPH);
	lesson_page_free(&page);
	/* Text with no format: as written, tags and all. */
	richtext_layout("<b>x</b>", RICHTEXT_NONE, 0, 40, 0, &page);
	ck_assert_str_eq(line_text(&page, 0, buf, sizeof buf), "<b>x</b>");
	lesson_page_free(&page);
	ck_assert_ptr_null(richtext_note());	/* libxml2 was found */
}
END_TEST

START_TEST(test_lesson_practice_in_html_is_plain_words)
{
	static const char md[] = "# L\n\n```gift\n[html]<p>Is <b>x</b> "
	    "&amp; y safe?</p>{=<p>No</p>#<p>Right&nbsp;!</p> ~Yes}\n```\n";
	struct lesson *l;
	struct lesson_block *blk;
	struct hs_error err;
	const struct quiz_question *q;

	ck_assert_int_eq(lesson_parse(md, strlen(md), "t.md", &l, &err), 0);
	blk = lesson_practice(&l->screens[0]);
	ck_assert_ptr_nonnull(blk);
	q = &blk->practice.questions[0];
	ck_assert_str_eq(q->text, "Is x & y safe?");
	ck_assert_str_eq(q->choices[0].text, "No");
	ck_assert_str_eq(q->choices[0].feedback, "Right\u00a0!");
	lesson_free(l);
}
END_TEST

/* What a learner must never see in a feedback: GIFT's or HTML's marks. */
static void
assert_clean(const char *file, const struct quiz_question *q,
    const char *what, const char *text)
{
	static const char *const marks[] = { "####", "[html]", "[moodle]",
		"[markdown]", "[plain]", "<p", "<br", "&amp;", "&nbsp;", NULL };
	char *w = richtext_plain(text, q->format);
	int i;

	for (i = 0; marks[i] != NULL; i++)
		ck_assert_msg(strstr(w, marks[i]) == NULL,
		    "%s:%d (%s) %s shows \"%s\": %s", file, q->line, q->id,
		    what, marks[i], w);
	/* a stray answer mark: "~" anywhere, "=" starting a word */
	ck_assert_msg(strchr(w, '~') == NULL && w[0] != '=' &&
	    strstr(w, " =") == NULL, "%s:%d (%s) %s shows a stray ~ or =: %s",
	    file, q->line, q->id, what, w);
	free(w);
}

START_TEST(test_curriculum_feedback_has_no_markup)
{
	struct quiz_bank bank = { 0 };
	struct hs_error err;
	glob_t g;
	size_t f;
	int i, j, n = 0;

	ck_assert_int_eq(glob(CURRICULUM "/*/quizzes/*/*.gift", 0, NULL, &g),
	    0);
	ck_assert_uint_ge(g.gl_pathc, 10);
	for (f = 0; f < g.gl_pathc; f++) {
		ck_assert_msg(gift_load(g.gl_pathv[f], &bank, &err) == 0,
		    "%s: %s", g.gl_pathv[f], err.msg);
		for (i = 0; i < bank.n; i++) {
			const struct quiz_question *q = &bank.questions[i];

			for (j = 0; j < q->nchoices; j++)
				if (q->choices[j].feedback != NULL) {
					assert_clean(g.gl_pathv[f], q,
					    "an answer's feedback",
					    q->choices[j].feedback);
					n++;
				}
			if (q->general_feedback != NULL) {
				assert_clean(g.gl_pathv[f], q,
				    "the general feedback",
				    q->general_feedback);
				n++;
			}
		}
		quiz_bank_free(&bank);
	}
	globfree(&g);
	ck_assert_int_gt(n, 50);
}
END_TEST

static Suite *
richtext_suite(void)
{
	Suite *s = suite_create("richtext");
	TCase *tc = tcase_create("richtext");

	tcase_add_loop_test(tc, test_format_to_markdown_and_words, 0,
	    sizeof cases / sizeof *cases);
	tcase_add_test(tc, test_html_lays_out_with_styles);
	tcase_add_test(tc, test_lesson_practice_in_html_is_plain_words);
	tcase_add_test(tc, test_curriculum_feedback_has_no_markup);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(richtext_suite)

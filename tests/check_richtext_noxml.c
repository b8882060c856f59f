/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check_richtext_noxml.c: HTML question text where libxml2 cannot be
 * reached.  This program defines richtext_xml() itself, answering NULL,
 * so the linker never takes richtext-dl.c from the library (the way the
 * static hocso takes richtext-static.c): tags are stripped, the common
 * entities decoded, and richtext_note() says so once.
 */
#include "config.h"

#include "lessons/richtext.h"
#include "tests/testutil.h"

const struct richtext_xml *
richtext_xml(void)
{
	return NULL;
}

START_TEST(test_without_libxml2_tags_are_stripped)
{
	char *md, *plain;

	ck_assert_ptr_null(richtext_note());	/* nothing shown yet */
	/* Given HTML and no libxml2, when it is shown... */
	md = richtext_markdown("<p dir=\"ltr\">A &amp; <b>b</b><br>c</p>"
	    "<ul><li>x</li></ul>", RICHTEXT_HTML);
	plain = richtext_plain("<p>a &lt;b&gt; &nbsp;c</p>", RICHTEXT_HTML);
	/* ...then no tag shows, entities are decoded (and escaped). */
	ck_assert_str_eq(md, "A \\& b\\\nc\n\nx");
	ck_assert_str_eq(plain, "a <b> c");
	/* and the learner is told, once */
	ck_assert_ptr_nonnull(richtext_note());
	ck_assert_ptr_null(richtext_note());
	free(md);
	free(plain);
}
END_TEST

static Suite *
noxml_suite(void)
{
	Suite *s = suite_create("richtext without libxml2");
	TCase *tc = tcase_create("noxml");

	tcase_add_test(tc, test_without_libxml2_tags_are_stripped);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(noxml_suite)

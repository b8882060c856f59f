/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * testutil.h: what every Check suite shares: a fresh temporary folder per
 * test, writing fixture files, and the main() that runs one suite.
 */
#ifndef HOCSO_TESTUTIL_H
#define HOCSO_TESTUTIL_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Makes a new empty folder under $TMPDIR (or /tmp) and returns its path
 * in a static buffer. */
static inline const char *
test_tmpdir(void)
{
	static char path[4096];
	const char *base = getenv("TMPDIR");

	snprintf(path, sizeof path, "%s/hocso-test-XXXXXX",
	    base != NULL && *base != '\0' ? base : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(path));
	return path;
}

/* Writes text to dir/name, creating no folders. */
static inline void
test_write(const char *dir, const char *name, const char *text)
{
	char path[8192];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fputs(text, f) >= 0, 1);
	ck_assert_int_eq(fclose(f), 0);
}

/* Removes dir and everything in it. */
static inline void
test_rmtree(const char *dir)
{
	char cmd[4200];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

#define TEST_MAIN(make_suite)						\
int									\
main(void)								\
{									\
	SRunner *sr = srunner_create(make_suite());			\
	int failed;							\
									\
	srunner_run_all(sr, CK_NORMAL);					\
	failed = srunner_ntests_failed(sr);				\
	srunner_free(sr);						\
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;		\
}

#endif

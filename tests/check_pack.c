/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check_pack.c: hocso-pack's library: a new module checks clean, builds
 * are reproducible and readable by plain tar, inspect reports what is
 * inside, problems are reported with file and line and stop a build, and
 * manifests and signatures refuse what is not exactly right.
 */
#include "config.h"

#include <sys/stat.h>
#include <unistd.h>

#include "core/util.h"
#include "lessons/pack.h"
#include "tests/testutil.h"

static char dir[4096], mod[4200];
static struct keys_secret key;

struct problems {
	int n, warnings;
	char first[1024];
};

static void
collect(const struct hs_error *err, int warning, void *ctx)
{
	struct problems *p = ctx;

	if (warning) {
		p->warnings++;
		return;
	}
	if (p->n++ == 0)
		hs_error_format(err, p->first, sizeof p->first);
}

static void
setup(void)
{
	struct hs_error err;
	char base[4200], path[4300];

	snprintf(dir, sizeof dir, "%s", test_tmpdir());
	snprintf(mod, sizeof mod, "%s/mod", dir);
	ck_assert_int_eq(pack_new(mod, "vn.test.mod", &err), 0);
	snprintf(base, sizeof base, "%s/pub", dir);
	ck_assert_int_eq(keys_generate(base, "tester", &err), 0);
	snprintf(path, sizeof path, "%s.key", base);
	ck_assert_int_eq(keys_read_secret(path, &key, &err), 0);
}

static void
teardown(void)
{
	test_rmtree(dir);
}

static char *
slurp(const char *path, size_t *len)
{
	char *s = util_read_file(path, 1 << 24, len, NULL);

	ck_assert_ptr_nonnull(s);
	return s;
}

START_TEST(test_new_module_checks_clean)
{
	struct problems p = { 0 };

	ck_assert_int_eq(pack_check(mod, collect, &p), 0);
	ck_assert_int_eq(p.n, 0);
	ck_assert_int_eq(p.warnings, 0);
}
END_TEST

START_TEST(test_build_is_reproducible_and_plain_tar)
{
	char a[4300], b[4300], cmd[9000], line[256];
	struct hs_error err;
	size_t la, lb;
	char *da, *db;
	FILE *f;

	snprintf(a, sizeof a, "%s/a.hsm", dir);
	snprintf(b, sizeof b, "%s/b.hsm", dir);
	ck_assert_int_eq(pack_build(mod, a, &key, NULL, NULL, &err), 0);
	sleep(1);	/* a build a second later must not differ */
	ck_assert_int_eq(pack_build(mod, b, &key, NULL, NULL, &err), 0);
	da = slurp(a, &la);
	db = slurp(b, &lb);
	ck_assert_uint_eq(la, lb);
	ck_assert_int_eq(memcmp(da, db, la), 0);
	free(da);
	free(db);
	ck_assert_int_ne(access(a, F_OK) == 0 && access(b, F_OK) == 0, 0);

	/* plain tar reads it, manifest first, files sorted */
	snprintf(cmd, sizeof cmd, "tar -tzf '%s'", a);
	f = popen(cmd, "r");
	ck_assert_ptr_nonnull(f);
	ck_assert_ptr_nonnull(fgets(line, sizeof line, f));
	ck_assert_str_eq(line, "MANIFEST.json\n");
	ck_assert_ptr_nonnull(fgets(line, sizeof line, f));
	ck_assert_str_eq(line, "MANIFEST.sig\n");
	ck_assert_ptr_nonnull(fgets(line, sizeof line, f));
	ck_assert_str_eq(line, "lessons/en/01-bat-dau.md\n");
	while (fgets(line, sizeof line, f) != NULL)
		;	/* read to the end: tar must not die of SIGPIPE */
	ck_assert_int_eq(pclose(f), 0);
}
END_TEST

START_TEST(test_inspect_reports_contents_and_signer)
{
	struct pack_info info;
	struct keys_public pub;
	struct hs_error err;
	char out[4300];

	snprintf(out, sizeof out, "%s/m.hsm", dir);
	ck_assert_int_eq(pack_build(FIXTURES "/secrets-v1", out, &key, NULL,
	    NULL, &err), 0);
	ck_assert_int_eq(pack_inspect(out, &info, &err), 0);
	ck_assert_str_eq(info.manifest.id, "vn.hocso.secrets");
	ck_assert_str_eq(info.manifest.version, "1.0.0");
	ck_assert_str_eq(info.signer.name, "tester");
	keys_public_of(&key, &pub);
	ck_assert_int_eq(memcmp(pub.pk, info.signer.pk, sizeof pub.pk), 0);
	ck_assert_str_eq(info.langs, "en vi");
	ck_assert_int_eq(info.lessons, 4);
	ck_assert_int_eq(info.questions, 10);
	ck_assert_int_eq(info.manifest.nfiles, 7);
	ck_assert_ptr_nonnull(manifest_find(&info.manifest, "module.ini"));
	ck_assert_ptr_null(manifest_find(&info.manifest, "nothing"));
	pack_info_free(&info);
}
END_TEST

START_TEST(test_not_a_package_is_refused)
{
	struct pack_info info;
	struct hs_error err;

	test_write(dir, "junk.hsm", "just some text, not an archive\n");
	snprintf(mod, sizeof mod, "%s/junk.hsm", dir);
	ck_assert_int_eq(pack_inspect(mod, &info, &err), HS_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.file, "junk.hsm"));
}
END_TEST

/* Ways to break a module, and what check must say first. */
static const struct {
	const char *file;	/* written under the module, NULL: none */
	const char *text;
	const char *remove;	/* removed from the module, or NULL */
	const char *says;
} broken[] = {
	{ NULL, NULL, "lessons/vi/01-bat-dau.md",
	    "lessons/vi/01-bat-dau.md: missing: the first language (vi) "
	    "needs every lesson" },
	{ "quizzes/vi/quiz.gift", "Q {=a ~b\n", NULL,
	    "quizzes/vi/quiz.gift:1:3: the answer block is not closed" },
	{ "notes.txt", "x", NULL, "notes.txt: not part of a module" },
	{ "lessons/vi/02 bad name.md", "# x\n", NULL,
	    "file name not allowed" },
	{ "module.ini", "[module]\nid = vn.x\nversion = 1\nlanguages = vi en\n"
	    "[vi]\ntitle = a\n[en]\ntitle = b\n[quiz]\nbank = quiz.gift\n"
	    "questions = 3\n", NULL, "the quiz draws 3 questions but this bank "
	    "has 1" },
	{ "module.ini", "[module]\nid = vn.x\nversion = one\n", NULL,
	    "module.ini:3: bad version" },
	{ "quizzes/en/quiz.gift", "A {=a ~b}\n\nB {=a ~b}\n", NULL,
	    "2 questions, but the first language's bank (vi) has 1: each "
	    "language's bank has the same questions in the same order" },
	/* two banks: their questions are counted together */
	{ "module.ini", "[module]\nid = vn.x\nversion = 1\nlanguages = vi en\n"
	    "[vi]\ntitle = a\n[en]\ntitle = b\n[quiz]\n"
	    "bank = quiz.gift more.gift\nquestions = 3\n", NULL,
	    "quizzes/vi/more.gift: missing: the quiz's bank more.gift is "
	    "needed in the first language (vi)" },
};

/* A language without a lesson or a bank falls back to the first
 * language's: check warns of it, naming the file, and passes. */
START_TEST(test_missing_translation_falls_back)
{
	struct problems p = { 0 };
	char path[4300];

	snprintf(path, sizeof path, "%s/lessons/en/01-bat-dau.md", mod);
	ck_assert_int_eq(unlink(path), 0);
	snprintf(path, sizeof path, "%s/quizzes/en/quiz.gift", mod);
	ck_assert_int_eq(unlink(path), 0);
	ck_assert_int_eq(pack_check(mod, collect, &p), 0);
	ck_assert_int_eq(p.warnings, 2);
}
END_TEST

/* A first bank with a mistake is the only problem: the other
 * language's bank is not then said to have too many questions. */
START_TEST(test_bad_first_bank_is_one_problem)
{
	struct problems p = { 0 };

	test_write(mod, "quizzes/vi/quiz.gift", "Q {=a ~b\n");
	ck_assert_int_eq(pack_check(mod, collect, &p), 1);
}
END_TEST

START_TEST(test_problems_are_reported_and_stop_a_build)
{
	struct problems p = { 0 };
	struct hs_error err;
	char path[4300];

	if (broken[_i].file != NULL)
		test_write(mod, broken[_i].file, broken[_i].text);
	if (broken[_i].remove != NULL) {
		snprintf(path, sizeof path, "%s/%s", mod, broken[_i].remove);
		ck_assert_int_eq(unlink(path), 0);
	}
	ck_assert_int_gt(pack_check(mod, collect, &p), 0);
	ck_assert_msg(strstr(p.first, broken[_i].says) != NULL,
	    "'%s' does not say '%s'", p.first, broken[_i].says);
	snprintf(path, sizeof path, "%s/out.hsm", dir);
	ck_assert_int_eq(pack_build(mod, path, &key, NULL, NULL, &err),
	    HS_EINVAL);
	ck_assert_int_ne(access(path, F_OK), 0);
}
END_TEST

START_TEST(test_banks_are_checked_question_by_question)
{
	struct problems p = { 0 };

	/* every type is shown; each question explains itself and has the
	 * same id in both languages: clean */
	test_write(mod, "quizzes/vi/quiz.gift",
	    "::a:: Q {=a #x ~b #y}\n\n::b:: R {=x ####why}\n\n"
	    "::c:: T {T#no#yes}\n\n::d:: M {=a -> 1 =b -> 2 #### because}\n");
	test_write(mod, "quizzes/en/quiz.gift",
	    "::a:: Q {=a #x ~b #y}\n\n::b:: R {=x ####why}\n\n"
	    "::c:: T {T#no#yes}\n\n::d:: M {=a -> 1 =b -> 2 #### because}\n");
	ck_assert_int_eq(pack_check(mod, collect, &p), 0);
	ck_assert_int_eq(p.warnings, 0);

	/* no feedback, and another id in English: warned */
	test_write(mod, "quizzes/en/quiz.gift",
	    "::a:: Q {=a ~b}\n\n::b:: R {=x ####why}\n\n"
	    "::c:: T {T#no#yes}\n\n::other:: M {=a -> 1 =b -> 2 #### because}\n");
	memset(&p, 0, sizeof p);
	ck_assert_int_eq(pack_check(mod, collect, &p), 0);
	ck_assert_int_eq(p.warnings, 2);

	/* an id number twice: a problem (a title twice is not: Moodle
	 * allows it, and the ids are made apart); a description is not (it
	 * is shown in the quiz as Moodle shows it, #15), but one at the end,
	 * with no question after it, is warned of */
	test_write(mod, "quizzes/en/quiz.gift",
	    "// [id:a]\n::a:: Q {=a #x ~b #y}\n\n// [id:a]\n::b:: R {=x ####why}\n\n"
	    "::c:: T {T#no#yes}\n\n::d:: Just text.\n");
	memset(&p, 0, sizeof p);
	ck_assert_int_eq(pack_check(mod, collect, &p), 1);
	ck_assert_int_eq(p.warnings, 2);	/* the other id, the end */
	ck_assert_msg(strstr(p.first, "each needs its own") != NULL, "%s",
	    p.first);

	/* descriptions only: nothing to answer, a problem */
	test_write(mod, "quizzes/en/quiz.gift",
	    "::a:: Read this.\n\n::b:: And this.\n\n::c:: And this.\n\n"
	    "::other:: And that.\n");
	test_write(mod, "quizzes/vi/quiz.gift",
	    "::a:: Đọc.\n\n::b:: Đọc.\n\n::c:: Đọc.\n\n::other:: Đọc.\n");
	memset(&p, 0, sizeof p);
	ck_assert_int_gt(pack_check(mod, collect, &p), 0);
	ck_assert_msg(strstr(p.first, "no question to answer") != NULL, "%s",
	    p.first);
}
END_TEST

START_TEST(test_symlink_is_a_problem)
{
	struct problems p = { 0 };
	char path[4300];

	snprintf(path, sizeof path, "%s/lessons/vi/02-link.md", mod);
	ck_assert_int_eq(symlink("/etc/passwd", path), 0);
	ck_assert_int_gt(pack_check(mod, collect, &p), 0);
	ck_assert_ptr_nonnull(strstr(p.first, "not a plain file"));
}
END_TEST

START_TEST(test_key_files)
{
	struct keys_public pub;
	struct hs_error err;
	char base[4300], path[4400];
	struct stat st;

	snprintf(base, sizeof base, "%s/pub", dir);
	snprintf(path, sizeof path, "%s.key", base);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	/* never over an existing key */
	ck_assert_int_eq(keys_generate(base, "tester", &err), HS_EIO);
	ck_assert_int_eq(keys_generate(base, "bad name!", &err), HS_EINVAL);
	snprintf(path, sizeof path, "%s.pub", base);
	ck_assert_int_eq(keys_read_public(path, &pub, &err), 0);
	ck_assert_str_eq(pub.name, "tester");
	/* a secret key is not a public one */
	snprintf(path, sizeof path, "%s.key", base);
	ck_assert_int_eq(keys_read_public(path, &pub, &err), HS_EINVAL);
	ck_assert_int_eq(err.line, 1);
}
END_TEST

static const struct {
	const char *path;
	int ok;
} paths[] = {
	{ "module.ini", 1 }, { "lessons/vi/01-a.md", 1 }, { "a.b_c-d", 1 },
	{ "", 0 }, { "/etc/passwd", 0 }, { "../x", 0 }, { "a/../b", 0 },
	{ "a/./b", 0 }, { "a//b", 0 }, { "a/", 0 }, { ".", 0 }, { "..", 0 },
	{ "a b", 0 }, { "a\\b", 0 }, { "mật.md", 0 },
};

START_TEST(test_package_paths)
{
	ck_assert_int_eq(package_path_valid(paths[_i].path), paths[_i].ok);
}
END_TEST

#define H64 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
static const char *const bad_manifests[] = {
	"not json",
	"{\"format\": 2, \"id\": \"a.b\", \"version\": \"1\", \"files\": []}",
	"{\"format\": 1, \"id\": \"a.b\", \"version\": \"1\"}",
	"{\"format\": 1, \"id\": \"a.b\", \"version\": \"1\", \"files\": [], \"x\": 1}",
	"{\"format\": 1, \"id\": \"a.b\", \"version\": \"1\", \"files\": "
	    "[{\"path\": \"../x\", \"size\": 1, \"sha256\": \"" H64 "\"}]}",
	"{\"format\": 1, \"id\": \"a.b\", \"version\": \"1\", \"files\": "
	    "[{\"path\": \"b\", \"size\": 1, \"sha256\": \"" H64 "\"},"
	    " {\"path\": \"a\", \"size\": 1, \"sha256\": \"" H64 "\"}]}",
	"{\"format\": 1, \"id\": \"a.b\", \"version\": \"1\", \"files\": "
	    "[{\"path\": \"a\", \"size\": 1, \"sha256\": \"" H64 "\"},"
	    " {\"path\": \"a\", \"size\": 1, \"sha256\": \"" H64 "\"}]}",
	"{\"format\": 1, \"id\": \"a.b\", \"version\": \"1\", \"files\": "
	    "[{\"path\": \"a\", \"size\": -1, \"sha256\": \"" H64 "\"}]}",
	"{\"format\": 1, \"id\": \"a.b\", \"version\": \"1\", \"files\": "
	    "[{\"path\": \"a\", \"size\": 1, \"sha256\": \"XYZ\"}]}",
	"{\"format\": 1, \"id\": \"a.b\", \"version\": \"1\", \"files\": "
	    "[{\"path\": \"a\", \"size\": 99999999999, \"sha256\": \"" H64 "\"}]}",
};

START_TEST(test_bad_manifests_are_refused)
{
	struct manifest m;
	struct hs_error err;
	const char *j = bad_manifests[_i];

	ck_assert_int_eq(manifest_parse(j, strlen(j), &m, &err), HS_EINVAL);
	ck_assert_int_gt((int)strlen(err.msg), 0);
	ck_assert_ptr_null(m.files);
}
END_TEST

START_TEST(test_signature_binds_the_manifest)
{
	const char *good = "{\"files\":[],\"format\":1,\"id\":\"a.b\","
	    "\"version\":\"1\"}";
	const char *changed = "{\"files\":[],\"format\":1,\"id\":\"a.b\","
	    "\"version\":\"2\"}";
	struct keys_public who;
	struct hs_error err;
	size_t len;
	char *sig;

	sig = manifest_sign(&key, good, strlen(good), &len);
	ck_assert_int_eq(manifest_check_signature(sig, len, good, strlen(good),
	    &who, &err), 0);
	ck_assert_str_eq(who.name, "tester");
	ck_assert_int_eq(manifest_check_signature(sig, len, changed,
	    strlen(changed), &who, &err), HS_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "does not match"));
	ck_assert_int_eq(manifest_check_signature("{}", 2, good, strlen(good),
	    &who, &err), HS_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "malformed"));
	free(sig);
}
END_TEST

static Suite *
pack_suite(void)
{
	Suite *s = suite_create("pack");
	TCase *tc = tcase_create("pack");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_new_module_checks_clean);
	tcase_add_test(tc, test_build_is_reproducible_and_plain_tar);
	tcase_add_test(tc, test_inspect_reports_contents_and_signer);
	tcase_add_test(tc, test_not_a_package_is_refused);
	tcase_add_test(tc, test_missing_translation_falls_back);
	tcase_add_test(tc, test_bad_first_bank_is_one_problem);
	tcase_add_loop_test(tc, test_problems_are_reported_and_stop_a_build,
	    0, sizeof broken / sizeof *broken);
	tcase_add_test(tc, test_banks_are_checked_question_by_question);
	tcase_add_test(tc, test_symlink_is_a_problem);
	tcase_add_test(tc, test_key_files);
	tcase_add_loop_test(tc, test_package_paths, 0,
	    sizeof paths / sizeof *paths);
	tcase_add_loop_test(tc, test_bad_manifests_are_refused, 0,
	    sizeof bad_manifests / sizeof *bad_manifests);
	tcase_add_test(tc, test_signature_binds_the_manifest);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(pack_suite)

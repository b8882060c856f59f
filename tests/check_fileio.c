/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check_fileio.c: core/fileio, the one way files reach disk and the one
 * way untrusted files are read.  Real files in a fresh folder per test:
 * a write lands whole, replaces, and refuses a link, a FIFO, a socket or
 * a folder in its target's place, leaving the target and whatever a link
 * points at as they were, and no temporary file behind; the untrusted
 * read refuses a FIFO, a link and an oversize file without blocking (a
 * blocked test would be killed by Check's timeout and fail).
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "core/error.h"
#include "core/fileio.h"
#include "core/util.h"
#include "tests/testutil.h"

static char dir[4096];

static void
setup(void)
{
	umask(022);
	snprintf(dir, sizeof dir, "%s", test_tmpdir());
}

static void
teardown(void)
{
	test_rmtree(dir);
}

static const char *
at(const char *name)
{
	static char path[2][8192];
	static int i;

	i = !i;
	snprintf(path[i], sizeof path[i], "%s/%s", dir, name);
	return path[i];
}

/* The contents of dir/name (a new string), or NULL. */
static char *
slurp(const char *name)
{
	char *buf = NULL;
	size_t len;
	FILE *f = fopen(at(name), "rb");

	if (f == NULL)
		return NULL;
	buf = calloc(1, 65536);
	len = fread(buf, 1, 65535, f);
	buf[len] = '\0';
	fclose(f);
	return buf;
}

/* How many entries dir holds (without . and ..). */
static int
entries(void)
{
	struct dirent *e;
	DIR *d = opendir(dir);
	int n = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

static void
assert_file(const char *name, const char *text)
{
	char *have = slurp(name);

	ck_assert_ptr_nonnull(have);
	ck_assert_str_eq(have, text);
	free(have);
}

START_TEST(test_write_creates_whole_file_with_mode)
{
	struct hs_error err;
	struct stat st;

	/* given an empty folder, when a file is written */
	ck_assert_int_eq(fileio_write(at("a.txt"), "hello\n", 6, 0600, &err), 0);
	/* then it holds the bytes, has the mode, and is alone there */
	assert_file("a.txt", "hello\n");
	ck_assert_int_eq(lstat(at("a.txt"), &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	ck_assert_int_eq(entries(), 1);
}
END_TEST

START_TEST(test_write_replaces_by_rename)
{
	struct hs_error err;
	struct stat before, after;

	test_write(dir, "a.txt", "old contents\n");
	ck_assert_int_eq(lstat(at("a.txt"), &before), 0);
	ck_assert_int_eq(fileio_write(at("a.txt"), "new\n", 4, 0644, &err), 0);
	assert_file("a.txt", "new\n");
	/* a new file took the name: a reader of the old one kept it whole */
	ck_assert_int_eq(lstat(at("a.txt"), &after), 0);
	ck_assert(before.st_ino != after.st_ino);
	ck_assert_int_eq(entries(), 1);
}
END_TEST

/* Plants, at dir/target, what a hostile stick would. */
enum plant { SYMLINK, DANGLING, FIFO, DIRECTORY, SOCKET, NPLANTS };

static const struct {
	const char *kind;	/* as the message says it */
	mode_t type;
} plants[NPLANTS] = {
	[SYMLINK] = { "a symbolic link", S_IFLNK },
	[DANGLING] = { "a symbolic link", S_IFLNK },
	[FIFO] = { "a FIFO", S_IFIFO },
	[DIRECTORY] = { "a directory", S_IFDIR },
	[SOCKET] = { "a socket", S_IFSOCK },
};

static void
plant(int i, const char *name)
{
	struct sockaddr_un sa;
	int fd;

	switch (i) {
	case SYMLINK:
		test_write(dir, "canary", "canary\n");
		ck_assert_int_eq(symlink(at("canary"), at(name)), 0);
		break;
	case DANGLING:
		ck_assert_int_eq(symlink(at("made-by-link"), at(name)), 0);
		break;
	case FIFO:
		ck_assert_int_eq(mkfifo(at(name), 0644), 0);
		break;
	case DIRECTORY:
		ck_assert_int_eq(mkdir(at(name), 0755), 0);
		break;
	case SOCKET:
		fd = socket(AF_UNIX, SOCK_STREAM, 0);
		ck_assert_int_ge(fd, 0);
		memset(&sa, 0, sizeof sa);
		sa.sun_family = AF_UNIX;
		if (strlen(at(name)) >= sizeof sa.sun_path) {
			close(fd);	/* too long a path: a FIFO instead */
			ck_assert_int_eq(mkfifo(at(name), 0644), 0);
			break;
		}
		snprintf(sa.sun_path, sizeof sa.sun_path, "%s", at(name));
		ck_assert_int_eq(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);
		close(fd);
		break;
	}
}

/* The planted thing is still there, the canary untouched, nothing made
 * through a dangling link, no temporary file. */
static void
assert_untouched(int i, const char *name)
{
	struct stat st;
	int n = 1;

	ck_assert_int_eq(lstat(at(name), &st), 0);
	if (i != SOCKET || S_ISSOCK(st.st_mode))
		ck_assert_int_eq(st.st_mode & S_IFMT, plants[i].type);
	if (i == SYMLINK) {
		assert_file("canary", "canary\n");
		n++;
	}
	ck_assert_int_eq(access(at("made-by-link"), F_OK), -1);
	ck_assert_int_eq(entries(), n);
}

static void
assert_refused(const struct hs_error *err, int i, const char *name)
{
	char want[256], line[1024];

	ck_assert_str_eq(err->file, at(name));
	if (i == SOCKET && strstr(err->msg, "a FIFO") != NULL)
		return;
	snprintf(want, sizeof want, "not a regular file (%s): refused",
	    plants[i].kind);
	ck_assert_str_eq(err->msg, want);
	/* one line, naming the file */
	hs_error_format(err, line, sizeof line);
	ck_assert_ptr_null(strchr(line, '\n'));
}

START_TEST(test_write_refuses_what_is_not_a_file)
{
	struct hs_error err;

	/* given a link, a FIFO, a folder or a socket where a file goes */
	plant(_i, "x.hsb");
	/* when it is written, then it is refused by name, and the link's
	 * target, the FIFO and the folder are as they were */
	ck_assert_int_eq(fileio_write(at("x.hsb"), "bundle", 6, 0644, &err),
	    HS_EINVAL);
	assert_refused(&err, _i, "x.hsb");
	assert_untouched(_i, "x.hsb");
}
END_TEST

START_TEST(test_commit_refuses_what_appeared_meanwhile)
{
	struct fileio_tmp t;
	struct hs_error err;

	/* given a streamed write begun where nothing was */
	ck_assert_int_eq(fileio_begin(&t, at("x.hsb"), 0644, &err), 0);
	ck_assert_int_eq(write(t.fd, "data", 4), 4);
	/* when something is planted before the commit */
	plant(_i, "x.hsb");
	/* then the commit refuses it and leaves no temporary file */
	ck_assert_int_eq(fileio_commit(&t, &err), HS_EINVAL);
	assert_refused(&err, _i, "x.hsb");
	assert_untouched(_i, "x.hsb");
	ck_assert_int_eq(t.fd, -1);
}
END_TEST

START_TEST(test_stream_commit_and_abort)
{
	struct fileio_tmp t;
	struct hs_error err;

	test_write(dir, "out.hsm", "the old package\n");
	/* an aborted write leaves the old file and no temporary one */
	ck_assert_int_eq(fileio_begin(&t, at("out.hsm"), 0644, &err), 0);
	ck_assert_int_eq(write(t.fd, "half", 4), 4);
	ck_assert_int_eq(entries(), 2);
	fileio_abort(&t);
	assert_file("out.hsm", "the old package\n");
	ck_assert_int_eq(entries(), 1);
	fileio_abort(&t);		/* twice is harmless */
	/* a committed one replaces it */
	ck_assert_int_eq(fileio_begin(&t, at("out.hsm"), 0644, &err), 0);
	ck_assert_int_eq(write(t.fd, "the new package\n", 16), 16);
	ck_assert_int_eq(fileio_commit(&t, &err), 0);
	assert_file("out.hsm", "the new package\n");
	ck_assert_int_eq(entries(), 1);
}
END_TEST

START_TEST(test_temporary_name_is_hidden_and_random)
{
	struct fileio_tmp a, b;
	struct hs_error err;
	const char *base;

	ck_assert_int_eq(fileio_begin(&a, at("r.txt"), 0644, &err), 0);
	ck_assert_int_eq(fileio_begin(&b, at("r.txt"), 0644, &err), 0);
	ck_assert_str_ne(a.tmp, b.tmp);
	base = strrchr(a.tmp, '/') + 1;
	ck_assert_int_eq(strncmp(base, ".r.txt.", 7), 0);
	ck_assert_str_eq(base + strlen(base) - 4, ".tmp");
	ck_assert_uint_gt(strlen(base), strlen(".r.txt..tmp") + 8);
	fileio_abort(&a);
	fileio_abort(&b);
	ck_assert_int_eq(entries(), 0);
}
END_TEST

START_TEST(test_write_into_missing_folder_fails)
{
	struct hs_error err;

	ck_assert_int_eq(fileio_write(at("none/a.txt"), "x", 1, 0644, &err),
	    HS_EIO);
	ck_assert_str_eq(err.file, at("none/a.txt"));
	ck_assert_int_eq(entries(), 0);
}
END_TEST

/* util_mkdir_p: a folder and the ones above it; there already is as
 * good; under a file it fails naming the folder it could not make, and
 * with no name it fails. */
START_TEST(test_mkdir_p)
{
	struct hs_error err;
	struct stat st;

	ck_assert_int_eq(util_mkdir_p(at("a/b/c"), &err), 0);
	ck_assert_int_eq(stat(at("a/b/c"), &st), 0);
	ck_assert(S_ISDIR(st.st_mode));
	ck_assert_int_eq(util_mkdir_p(at("a/b/c"), &err), 0);
	ck_assert_int_eq(util_mkdir_p(at("a/b/d"), &err), 0);
	ck_assert_int_eq(stat(at("a/b/d"), &st), 0);
	ck_assert_int_eq(fileio_write(at("f"), "x", 1, 0644, &err), 0);
	ck_assert_int_eq(util_mkdir_p(at("f/g/h"), &err), HS_EIO);
	ck_assert_str_eq(err.file, at("f/g"));
	ck_assert_ptr_nonnull(strstr(err.msg, "cannot create folder"));
	ck_assert_int_eq(util_mkdir_p("", &err), HS_EIO);
}
END_TEST

START_TEST(test_create_is_exclusive)
{
	struct hs_error err;
	struct stat st;

	/* a new key file: whole, private */
	ck_assert_int_eq(fileio_create(at("k.key"), "secret\n", 7, 0600, &err),
	    0);
	assert_file("k.key", "secret\n");
	ck_assert_int_eq(lstat(at("k.key"), &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	/* never over a file that is there */
	ck_assert_int_eq(fileio_create(at("k.key"), "other\n", 6, 0600, &err),
	    HS_EIO);
	ck_assert_str_eq(err.msg, "already exists: choose another name");
	assert_file("k.key", "secret\n");
	ck_assert_int_eq(entries(), 1);
}
END_TEST

START_TEST(test_create_refuses_what_is_not_a_file)
{
	struct hs_error err;

	plant(_i, "k.key");
	ck_assert_int_eq(fileio_create(at("k.key"), "secret\n", 7, 0600,
	    &err), HS_EIO);
	ck_assert_str_eq(err.file, at("k.key"));
	assert_untouched(_i, "k.key");
}
END_TEST

START_TEST(test_read_takes_a_regular_file)
{
	struct hs_error err;
	size_t len;
	char *buf;

	test_write(dir, "r.receipt", "{\"ok\":1}");
	ck_assert_int_eq(fileio_read(at("r.receipt"), 8, &buf, &len, &err), 0);
	ck_assert_uint_eq(len, 8);
	ck_assert_str_eq(buf, "{\"ok\":1}");
	free(buf);
	/* one byte over the limit is refused, and says so */
	ck_assert_int_eq(fileio_read(at("r.receipt"), 7, &buf, &len, &err),
	    HS_EINVAL);
	ck_assert_ptr_null(buf);
	ck_assert_str_eq(err.msg, "larger than 7 bytes: refused");
	ck_assert_str_eq(err.file, at("r.receipt"));
}
END_TEST

START_TEST(test_read_refuses_what_is_not_a_file)
{
	struct hs_error err;
	size_t len;
	char *buf = (char *)1;

	/* given a link to a readable file, a FIFO with no writer (which a
	 * plain open would wait on forever), a folder or a socket */
	plant(_i, "x.receipt");
	/* when read as untrusted, then refused at once, by name */
	ck_assert_int_eq(fileio_read(at("x.receipt"), 4096, &buf, &len, &err),
	    HS_EINVAL);
	ck_assert_ptr_null(buf);
	assert_refused(&err, _i, "x.receipt");
	assert_untouched(_i, "x.receipt");
}
END_TEST

START_TEST(test_open_untrusted_gives_a_blocking_descriptor)
{
	struct hs_error err;
	int fd, fl;

	test_write(dir, "p.hsm", "package");
	fd = fileio_open_untrusted(at("p.hsm"), 100, &err);
	ck_assert_int_ge(fd, 0);
	fl = fcntl(fd, F_GETFL);
	ck_assert_int_eq(fl & O_NONBLOCK, 0);
	ck_assert_int_ne(fcntl(fd, F_GETFD) & FD_CLOEXEC, 0);
	close(fd);
	ck_assert_int_eq(fileio_open_untrusted(at("p.hsm"), 6, &err),
	    HS_EINVAL);
	ck_assert_int_eq(fileio_open_untrusted(at("missing"), 6, &err),
	    HS_EIO);
	ck_assert_str_eq(err.msg, strerror(ENOENT));
}
END_TEST

START_TEST(test_messages_name_files_without_control_characters)
{
	struct hs_error err;
	char *p;

	/* a C0 escape, a newline, DEL and a C1 control (U+0085) go; a
	 * Vietnamese letter stays */
	p = fileio_printable("a\x1b[2Jb\nc\x7f\xc2\x85\xe1\xbb\x87.hsb");
	ck_assert_str_eq(p, "a?[2Jb?c???\xe1\xbb\x87.hsb");
	free(p);
	ck_assert_int_eq(mkfifo(at("evil\x1b[2J\n.hsb"), 0644), 0);
	ck_assert_int_eq(fileio_read(at("evil\x1b[2J\n.hsb"), 10, &p, NULL,
	    &err), HS_EINVAL);
	ck_assert_str_eq(err.file, at("evil?[2J?.hsb"));
}
END_TEST

START_TEST(test_clean_temps_removes_only_temporaries)
{
	test_write(dir, "a.hsb", "keep");
	test_write(dir, ".a.hsb.0123abcd.tmp", "stale");
	test_write(dir, ".b.hsb.0123abcd.tmp", "stale");
	test_write(dir, ".lock", "keep");
	fileio_clean_temps(dir, "a.hsb");
	ck_assert_int_eq(access(at(".a.hsb.0123abcd.tmp"), F_OK), -1);
	ck_assert_int_eq(access(at(".b.hsb.0123abcd.tmp"), F_OK), 0);
	fileio_clean_temps(dir, NULL);
	ck_assert_int_eq(entries(), 2);
	assert_file("a.hsb", "keep");
	assert_file(".lock", "keep");
}
END_TEST

START_TEST(test_rename_exchanges_folders)
{
	struct hs_error err;

	ck_assert_int_eq(mkdir(at("new"), 0755), 0);
	ck_assert_int_eq(mkdir(at("old"), 0755), 0);
	test_write(at("new"), "v", "2");
	test_write(at("old"), "v", "1");
	ck_assert_int_eq(fileio_rename(at("new"), at("old"), 1, &err), 0);
	assert_file("old/v", "2");
	assert_file("new/v", "1");
	ck_assert_int_eq(fileio_rename(at("new"), at("gone"), 0, &err), 0);
	assert_file("gone/v", "1");
	ck_assert_int_eq(fileio_rename(at("nothing"), at("x"), 0, &err),
	    HS_EIO);
}
END_TEST

static Suite *
fileio_suite(void)
{
	Suite *s = suite_create("fileio");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, test_write_creates_whole_file_with_mode);
	tcase_add_test(tc, test_write_replaces_by_rename);
	tcase_add_loop_test(tc, test_write_refuses_what_is_not_a_file, 0,
	    NPLANTS);
	tcase_add_loop_test(tc, test_commit_refuses_what_appeared_meanwhile, 0,
	    NPLANTS);
	tcase_add_test(tc, test_stream_commit_and_abort);
	tcase_add_test(tc, test_temporary_name_is_hidden_and_random);
	tcase_add_test(tc, test_write_into_missing_folder_fails);
	tcase_add_test(tc, test_mkdir_p);
	tcase_add_test(tc, test_create_is_exclusive);
	tcase_add_loop_test(tc, test_create_refuses_what_is_not_a_file, 0,
	    NPLANTS);
	tcase_add_test(tc, test_read_takes_a_regular_file);
	tcase_add_loop_test(tc, test_read_refuses_what_is_not_a_file, 0,
	    NPLANTS);
	tcase_add_test(tc, test_open_untrusted_gives_a_blocking_descriptor);
	tcase_add_test(tc, test_messages_name_files_without_control_characters);
	tcase_add_test(tc, test_clean_temps_removes_only_temporaries);
	tcase_add_test(tc, test_rename_exchanges_folders);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(fileio_suite)

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check_install.c: installing signed packages into a data folder, and
 * refusing every bad one with the catalog exactly as it was.  The bad
 * packages are written here with libarchive, entry by entry, so that
 * each can be exactly as broken as the row says.  The fuzzing seeds
 * (tests/fuzz/package-corpus) are replayed here too.
 */
#include "config.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>
#include <sodium.h>

#include "core/store.h"
#include "core/util.h"
#include "lessons/catalog.h"
#include "lessons/install.h"
#include "lessons/pack.h"
#include "sync/devstore.h"
#include "tests/testutil.h"

static char dir[4096], data[4200], keyfile[4400], pubfile[4400];
static struct keys_secret key;
/* A megabyte of one letter: gzip packs it into a kilobyte or two. */
static char bomb[1 << 20];

static void
setup(void)
{
	struct hs_error err;
	char base[4300];
	struct keys_public pub;
	struct store *st;

	snprintf(dir, sizeof dir, "%s", test_tmpdir());
	snprintf(data, sizeof data, "%s/data", dir);
	snprintf(base, sizeof base, "%s/pub", dir);
	snprintf(keyfile, sizeof keyfile, "%s.key", base);
	snprintf(pubfile, sizeof pubfile, "%s.pub", base);
	ck_assert_int_eq(keys_generate(base, "tester", &err), 0);
	ck_assert_int_eq(keys_read_secret(keyfile, &key, &err), 0);
	snprintf(base, sizeof base, "%s/modules", data);
	ck_assert_int_eq(util_mkdir_p(base, &err), 0);
	ck_assert_int_eq(install_trust_add(data, pubfile, &pub, &err), 0);
	/* a store with progress in it, which no install may touch */
	snprintf(base, sizeof base, "%s/hocso.db", data);
	ck_assert_int_eq(devstore_open(base, &st, &err), 0);
	store_close(st);
	memset(bomb, 'a', sizeof bomb - 1);
}

static void
teardown(void)
{
	test_rmtree(dir);
}

/* One entry of a hand-made package. */
struct entry {
	const char *path;
	const char *text;	/* the data; NULL for none */
	int type;		/* AE_IFREG by default (0) */
	const char *link;	/* symlink target or hard link */
};

/* How make_package() spoils the manifest or its signature. */
enum tamper {
	T_NONE,
	T_CHANGED,	/* the manifest changed after it was signed */
	T_BADSIG,	/* MANIFEST.sig is no signature file */
	T_NOMANIFEST,	/* the files come first: no manifest, no signature */
	T_NOTJSON,	/* MANIFEST.json is no JSON (and signed as it is) */
};

static void
sha256_hex(const char *text, char hex[65])
{
	unsigned char d[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(d, (const unsigned char *)text, strlen(text));
	sodium_bin2hex(hex, 65, d, sizeof d);
}

static void
put(struct archive *a, const struct entry *e)
{
	struct archive_entry *ae = archive_entry_new();
	size_t n = e->text != NULL ? strlen(e->text) : 0;

	archive_entry_set_pathname(ae, e->path);
	archive_entry_set_filetype(ae, e->type != 0 ? (unsigned)e->type :
	    AE_IFREG);
	archive_entry_set_perm(ae, 0644);
	archive_entry_set_size(ae, e->type == 0 || e->type == AE_IFREG ?
	    (la_int64_t)n : 0);
	if (e->type == AE_IFLNK)
		archive_entry_set_symlink(ae, e->link);
	else if (e->link != NULL)
		archive_entry_set_hardlink(ae, e->link);
	ck_assert_int_eq(archive_write_header(a, ae), ARCHIVE_OK);
	if (n > 0 && (e->type == 0 || e->type == AE_IFREG))
		ck_assert_int_eq(archive_write_data(a, e->text, n), (la_ssize_t)n);
	archive_entry_free(ae);
}

/* The version make_package() writes in the manifest. */
static const char *pkg_version = "1.0";
static int pkg_format = 1;

static const char module_ini[] =
    "[module]\nid = vn.test.pkg\nversion = %s\nlanguages = vi\n"
    "[vi]\ntitle = Thử\n";
static const char lesson[] = "# Bài một\n\nXin chào.\n";

/* Writes a package: a manifest listing listed[] (path, text), signed
 * with key when sign, spoilt as tamper says, then the entries[] as they
 * are. */
static void
make_package(const char *out, const struct entry *listed, int nlisted,
    const struct entry *entries, int nentries, int sign, int tamper)
{
	struct manifest m = { pkg_format, (char *)"vn.test.pkg",
	    (char *)pkg_version, NULL, 0 };
	struct archive *a = archive_write_new();
	struct entry me = { PACKAGE_MANIFEST, NULL, 0, NULL };
	struct entry se = { PACKAGE_SIGNATURE, NULL, 0, NULL };
	char *json, *sig = NULL;
	size_t jlen, slen;
	int i;

	m.files = calloc(nlisted + 1, sizeof *m.files);
	for (i = 0; i < nlisted; i++) {
		m.files[i].path = (char *)listed[i].path;
		m.files[i].size = (long long)strlen(listed[i].text);
		sha256_hex(listed[i].text, m.files[i].sha256);
	}
	m.nfiles = nlisted;
	json = manifest_to_json(&m, &jlen);
	if (tamper == T_NOTJSON) {
		free(json);
		json = xstrdup("format: 1\n");
		jlen = strlen(json);
	}
	if (sign)
		sig = manifest_sign(&key, json, jlen, &slen);
	if (tamper == T_CHANGED)	/* signed, then the manifest changed */
		json[jlen - 3] = json[jlen - 3] == '0' ? '1' : '0';
	if (tamper == T_BADSIG) {
		free(sig);
		sig = xstrdup("{\"algorithm\": \"rsa\"}\n");
	}
	ck_assert_int_eq(archive_write_set_format_pax_restricted(a), ARCHIVE_OK);
	ck_assert_int_eq(archive_write_add_filter_gzip(a), ARCHIVE_OK);
	ck_assert_int_eq(archive_write_open_filename(a, out), ARCHIVE_OK);
	me.text = json;
	if (tamper != T_NOMANIFEST)
		put(a, &me);
	if (sig != NULL && tamper != T_NOMANIFEST) {
		se.text = sig;
		put(a, &se);
	}
	for (i = 0; i < nentries; i++)
		put(a, &entries[i]);
	ck_assert_int_eq(archive_write_close(a), ARCHIVE_OK);
	archive_write_free(a);
	free(json);
	free(sig);
	free(m.files);
}

/* A good package of version version at out. */
static void
good_package(const char *out, const char *version)
{
	char ini[512];
	struct entry files[2];

	snprintf(ini, sizeof ini, module_ini, version);
	pkg_version = version;
	files[0] = (struct entry){ "lessons/vi/01-a.md", lesson, 0, NULL };
	files[1] = (struct entry){ "module.ini", ini, 0, NULL };
	make_package(out, files, 2, files, 2, 1, 0);
	pkg_version = "1.0";
}

/* Names, sizes and hashes of everything under the data folder. */
static char *
snapshot(void)
{
	char cmd[8400], *out = xcalloc(1, 1 << 16);
	FILE *f;
	size_t n;

	snprintf(cmd, sizeof cmd, "cd '%s' && find . -print0 | sort -z | "
	    "xargs -0 -I{} sh -c 'test -f \"{}\" && sha256sum \"{}\" || echo "
	    "\"{}\"'", data);
	f = popen(cmd, "r");
	ck_assert_ptr_nonnull(f);
	n = fread(out, 1, (1 << 16) - 1, f);
	out[n] = '\0';
	pclose(f);
	return out;
}

START_TEST(test_good_package_installs_and_replaces)
{
	struct keys_public signer;
	struct hs_error err;
	struct catalog c;
	char pkg[4300], id[129], version[32], path[4400], *text;

	snprintf(pkg, sizeof pkg, "%s/p.hsm", dir);
	good_package(pkg, "1.0");
	ck_assert_int_eq(install_package(data, pkg, 0, id, version, &signer,
	    &err), 0);
	ck_assert_str_eq(id, "vn.test.pkg");
	ck_assert_str_eq(signer.name, "tester");
	ck_assert_int_eq(catalog_load(data, &c, &err), 0);
	ck_assert_int_eq(c.n, 1);
	ck_assert_int_eq(c.nbroken, 0);
	catalog_free(&c);
	snprintf(path, sizeof path, "%s/modules/vn.test.pkg/lessons/vi/01-a.md",
	    data);
	text = util_read_file(path, 4096, NULL, &err);
	ck_assert_str_eq(text, lesson);
	free(text);
	/* the same again only with force, then a newer one, swapped in */
	ck_assert_int_eq(install_package(data, pkg, 0, id, version, &signer,
	    &err), HS_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "already installed"));
	ck_assert_int_eq(install_package(data, pkg, 1, id, version, &signer,
	    &err), 0);
	good_package(pkg, "1.2");
	ck_assert_int_eq(install_package(data, pkg, 0, id, version, &signer,
	    &err), 0);
	ck_assert_str_eq(version, "1.2");
	ck_assert_int_eq(catalog_load(data, &c, &err), 0);
	ck_assert_int_eq(c.n, 1);
	ck_assert_str_eq(c.modules[0].version, "1.2");
	catalog_free(&c);
	ck_assert_int_eq(install_remove(data, "vn.test.pkg", &err), 0);
	ck_assert_int_eq(catalog_load(data, &c, &err), 0);
	ck_assert_int_eq(c.n, 0);
	catalog_free(&c);
}
END_TEST

START_TEST(test_older_version_is_refused)
{
	struct keys_public signer;
	struct hs_error err;
	char pkg[4300], id[129], version[32], *before, *after;

	snprintf(pkg, sizeof pkg, "%s/p.hsm", dir);
	good_package(pkg, "2.0");
	ck_assert_int_eq(install_package(data, pkg, 0, id, version, &signer,
	    &err), 0);
	good_package(pkg, "1.9");
	before = snapshot();
	ck_assert_int_eq(install_package(data, pkg, 0, id, version, &signer,
	    &err), HS_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "older"));
	after = snapshot();
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
}
END_TEST

static const char ini_bad[] =
    "[module]\nid = vn.test.pkg\nversion = 1.0\nlanguages = vi\n"
    "[vi]\ntitle = Thử\nbogus = 1\n";
static const char ini_quiz[] =
    "[module]\nid = vn.test.pkg\nversion = 1.0\nlanguages = vi\n"
    "[vi]\ntitle = Thử\n[quiz]\nbank = q.gift\nquestions = 1\n";
static const char ini_nobank[] =
    "[module]\nid = vn.test.pkg\nversion = 1.0\nlanguages = vi\n"
    "[vi]\ntitle = Thử\n[quiz]\nbank = nope.gift\n";

static const char ini10[] =
    "[module]\nid = vn.test.pkg\nversion = 1.0\nlanguages = vi\n"
    "[vi]\ntitle = Thử\n";
static const char ini_other_id[] =
    "[module]\nid = vn.test.other\nversion = 1.0\nlanguages = vi\n"
    "[vi]\ntitle = Thử\n";
static const char ini20[] =
    "[module]\nid = vn.test.pkg\nversion = 2.0\nlanguages = vi\n"
    "[vi]\ntitle = Thử\n";

/* Bad packages: the files the manifest lists, the entries that follow
 * the manifest and signature, and a word of the message. */
static const struct {
	const char *name;
	struct entry listed[3];
	int nlisted;
	struct entry entries[4];
	int nentries;
	int sign, tamper;
	const char *says;
} bad[] = {
	{ "absolute path", { { "module.ini", ini10, 0, NULL } }, 1,
	    { { "/etc/evil", "x", 0, NULL } }, 1, 1, 0, "not a safe path" },
	{ "dot-dot", { { "module.ini", ini10, 0, NULL } }, 1,
	    { { "../evil", "x", 0, NULL } }, 1, 1, 0, "not a safe path" },
	{ "symlink", { { "module.ini", ini10, 0, NULL } }, 1,
	    { { "module.ini", NULL, AE_IFLNK, "/etc/passwd" } }, 1, 1, 0,
	    "symbolic link" },
	{ "hard link", { { "module.ini", ini10, 0, NULL } }, 1,
	    { { "module.ini", NULL, AE_IFREG, "/etc/passwd" } }, 1, 1, 0,
	    "hard link" },
	{ "folder entry", { { "module.ini", ini10, 0, NULL } }, 1,
	    { { "lessons", NULL, AE_IFDIR, NULL } }, 1, 1, 0, "folder" },
	{ "fifo", { { "module.ini", ini10, 0, NULL } }, 1,
	    { { "module.ini", NULL, AE_IFIFO, NULL } }, 1, 1, 0, "FIFO" },
	{ "character device", { { "module.ini", ini10, 0, NULL } }, 1,
	    { { "module.ini", NULL, AE_IFCHR, NULL } }, 1, 1, 0, "a device" },
	{ "block device", { { "module.ini", ini10, 0, NULL } }, 1,
	    { { "module.ini", NULL, AE_IFBLK, NULL } }, 1, 1, 0, "a device" },
	{ "empty component", { { "module.ini", ini10, 0, NULL } }, 1,
	    { { "lessons//01-a.md", "x", 0, NULL } }, 1, 1, 0,
	    "'lessons//01-a.md' is not a safe path" },
	{ "dot component", { { "module.ini", ini10, 0, NULL } }, 1,
	    { { "./module.ini", ini10, 0, NULL } }, 1, 1, 0,
	    "not a safe path" },
	{ "file named as a folder", { { "module.ini", ini10, 0, NULL },
	    { "module.ini/x", "x", 0, NULL } }, 2,
	    { { "module.ini", ini10, 0, NULL }, { "module.ini/x", "x", 0, NULL } },
	    2, 1, 0, "module.ini/x: its folder has the name of another file" },
	{ "not in manifest", { { "module.ini", ini10, 0, NULL } }, 1,
	    { { "module.ini", ini10, 0, NULL }, { "z.md", "x", 0, NULL } }, 2,
	    1, 0, "not in the manifest" },
	{ "missing from archive", { { "lessons/vi/01-a.md", lesson, 0, NULL },
	    { "module.ini", ini10, 0, NULL } }, 2,
	    { { "lessons/vi/01-a.md", lesson, 0, NULL } }, 1, 1, 0,
	    "not in the archive" },
	{ "size mismatch", { { "module.ini", ini10, 0, NULL } }, 1,
	    { { "module.ini", "[module]\n", 0, NULL } }, 1, 1, 0,
	    "module.ini: 9 bytes, but the manifest says" },
	{ "larger than listed", { { "module.ini", "[module]\n", 0, NULL } }, 1,
	    { { "module.ini", ini10, 0, NULL } }, 1, 1, 0,
	    "module.ini: larger than the manifest says" },
	{ "hash mismatch", { { "module.ini", ini10, 0, NULL } }, 1,
	    { { "module.ini", "[module]\nid = vn.test.pkg\nversion = 6.6\n"
	    "languages = vi\n[vi]\ntitle = Thử\n", 0, NULL } }, 1, 1, 0,
	    "SHA-256" },
	{ "unsigned", { { "module.ini", ini10, 0, NULL } }, 1,
	    { { "module.ini", ini10, 0, NULL } }, 1, 0, 0, "not signed" },
	{ "wrong signature", { { "module.ini", ini10, 0, NULL } }, 1,
	    { { "module.ini", ini10, 0, NULL } }, 1, 1, T_CHANGED,
	    "does not match" },
	{ "malformed signature", { { "module.ini", ini10, 0, NULL } }, 1,
	    { { "module.ini", ini10, 0, NULL } }, 1, 1, T_BADSIG,
	    "MANIFEST.sig is malformed" },
	{ "no manifest", { { "module.ini", ini10, 0, NULL } }, 1,
	    { { "module.ini", ini10, 0, NULL } }, 1, 1, T_NOMANIFEST,
	    "no MANIFEST.json at the start" },
	{ "manifest not JSON", { { "module.ini", ini10, 0, NULL } }, 1,
	    { { "module.ini", ini10, 0, NULL } }, 1, 1, T_NOTJSON,
	    "MANIFEST.json:1:" },
	{ "expansion over the ratio", { { "module.ini", bomb, 0, NULL } }, 1,
	    { { "module.ini", bomb, 0, NULL } }, 1, 1, 0, "expands to more" },
	/* found wrong after unpacking: the installed 1.0 must stay */
	{ "id mismatch", { { "lessons/vi/01-a.md", lesson, 0, NULL },
	    { "module.ini", ini_other_id, 0, NULL } }, 2,
	    { { "lessons/vi/01-a.md", lesson, 0, NULL },
	    { "module.ini", ini_other_id, 0, NULL } }, 2, 1, 0,
	    "module.ini says vn.test.other 1.0 but the manifest says "
	    "vn.test.pkg 1.0" },
	{ "version mismatch", { { "lessons/vi/01-a.md", lesson, 0, NULL },
	    { "module.ini", ini20, 0, NULL } }, 2,
	    { { "lessons/vi/01-a.md", lesson, 0, NULL },
	    { "module.ini", ini20, 0, NULL } }, 2, 1, 0,
	    "module.ini says vn.test.pkg 2.0 but the manifest says "
	    "vn.test.pkg 1.0" },
	{ "out of order", { { "lessons/vi/01-a.md", lesson, 0, NULL },
	    { "module.ini", ini10, 0, NULL } }, 2,
	    { { "module.ini", ini10, 0, NULL },
	    { "lessons/vi/01-a.md", lesson, 0, NULL } }, 2, 1, 0,
	    "out of order" },
	{ "module.ini error", { { "lessons/vi/01-a.md", lesson, 0, NULL },
	    { "module.ini", ini_bad, 0, NULL } }, 2,
	    { { "lessons/vi/01-a.md", lesson, 0, NULL },
	    { "module.ini", ini_bad, 0, NULL } }, 2, 1, 0,
	    "module.ini:7: unknown key" },
	{ "GIFT error", { { "lessons/vi/01-a.md", lesson, 0, NULL },
	    { "module.ini", ini_quiz, 0, NULL },
	    { "quizzes/vi/q.gift", "Q {=a ~b\n", 0, NULL } }, 3,
	    { { "lessons/vi/01-a.md", lesson, 0, NULL },
	    { "module.ini", ini_quiz, 0, NULL },
	    { "quizzes/vi/q.gift", "Q {=a ~b\n", 0, NULL } }, 3, 1, 0,
	    "quizzes/vi/q.gift:1: the answer block is not closed" },
	{ "quiz bank missing", { { "lessons/vi/01-a.md", lesson, 0, NULL },
	    { "module.ini", ini_nobank, 0, NULL } }, 2,
	    { { "lessons/vi/01-a.md", lesson, 0, NULL },
	    { "module.ini", ini_nobank, 0, NULL } }, 2, 1, 0,
	    "quizzes/vi/nope.gift" },
	{ "twice", { { "lessons/vi/01-a.md", lesson, 0, NULL },
	    { "module.ini", ini10, 0, NULL } }, 2,
	    { { "lessons/vi/01-a.md", lesson, 0, NULL },
	    { "lessons/vi/01-a.md", lesson, 0, NULL } }, 2, 1, 0,
	    "out of order or there twice" },
};

START_TEST(test_bad_package_leaves_everything_as_it_was)
{
	struct keys_public signer;
	struct hs_error err;
	char pkg[4300], good[4300], id[129], version[32], *before, *after;

	/* given an installed module */
	snprintf(good, sizeof good, "%s/good.hsm", dir);
	good_package(good, "1.0");
	ck_assert_int_eq(install_package(data, good, 0, id, version, &signer,
	    &err), 0);
	before = snapshot();
	/* when a bad package is installed */
	snprintf(pkg, sizeof pkg, "%s/bad.hsm", dir);
	make_package(pkg, bad[_i].listed, bad[_i].nlisted, bad[_i].entries,
	    bad[_i].nentries, bad[_i].sign, bad[_i].tamper);
	ck_assert_int_eq(install_package(data, pkg, INSTALL_FORCE, id, version,
	    &signer, &err), HS_EINVAL);
	/* then it says why in one line naming the package, and nothing
	 * changed: no temporary folder left, the old module in place */
	ck_assert_msg(strstr(err.msg, bad[_i].says) != NULL,
	    "%s: '%s' does not say '%s'", bad[_i].name, err.msg, bad[_i].says);
	ck_assert_str_eq(err.file, pkg);
	ck_assert_ptr_null(strchr(err.msg, '\n'));
	after = snapshot();
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
}
END_TEST

START_TEST(test_untrusted_key_is_refused)
{
	struct keys_public signer, stranger;
	struct hs_error err;
	char pkg[4300], id[129], version[32], base[4300], b64[KEYS_B64_MAX];
	char *before, *after;

	/* given a package signed by a key the school does not trust */
	snprintf(base, sizeof base, "%s/other", dir);
	ck_assert_int_eq(keys_generate(base, "stranger", &err), 0);
	snprintf(pkg, sizeof pkg, "%s/other.key", dir);
	ck_assert_int_eq(keys_read_secret(pkg, &key, &err), 0);
	keys_public_of(&key, &stranger);
	keys_public_b64(&stranger, b64);
	snprintf(pkg, sizeof pkg, "%s/p.hsm", dir);
	good_package(pkg, "1.0");
	before = snapshot();
	/* then it is refused, naming the publisher and the key */
	ck_assert_int_eq(install_package(data, pkg, INSTALL_FORCE, id, version,
	    &signer, &err), HS_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "signed by stranger (key "));
	ck_assert_ptr_nonnull(strstr(err.msg, b64));
	ck_assert_ptr_nonnull(strstr(err.msg, "does not trust"));
	after = snapshot();
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
}
END_TEST

/* Files that are no package, or a good one cut short: how each is made
 * and a word of the message (NULL: any message). */
enum raw { R_CUT, R_CUT_BIG, R_RANDOM, R_TEXT, R_GZIP_TEXT };
static const struct {
	const char *name;
	enum raw kind;
	long cut;		/* R_CUT: bytes kept; < 0: from the end */
	const char *says;
} raw[] = {
	{ "empty file", R_CUT, 0, "the file is empty" },
	{ "cut in the gzip header", R_CUT, 5, "not a module package" },
	{ "cut after the gzip header", R_CUT, 12, "damaged or cut short" },
	{ "cut in the manifest", R_CUT, 100, NULL },
	{ "cut in the signature", R_CUT, 400, NULL },
	{ "cut in the files", R_CUT, 500, "damaged or cut short" },
	{ "cut in the gzip trailer", R_CUT, -4, "damaged or cut short" },
	{ "a big one cut in a file", R_CUT_BIG, 60000,
	    "lessons/vi/01-a.md: the archive is damaged or cut short" },
	{ "random bytes", R_RANDOM, 0, "not a module package" },
	{ "plain text", R_TEXT, 0, "not a module package" },
	{ "gzip of plain text", R_GZIP_TEXT, 0, "not a module package" },
};

START_TEST(test_not_a_package_leaves_everything_as_it_was)
{
	struct keys_public signer;
	struct hs_error err;
	char good[4300], pkg[4300], id[129], version[32], *before, *after;
	static char noise[100001];
	char *bytes, junk[3000], ini[512];
	size_t len, keep, i;
	unsigned seed = 20261128;
	struct archive *a;
	struct entry files[2];
	int fd;

	/* given an installed module */
	snprintf(good, sizeof good, "%s/good.hsm", dir);
	good_package(good, "1.0");
	ck_assert_int_eq(install_package(data, good, 0, id, version, &signer,
	    &err), 0);
	before = snapshot();
	/* when the file to install is no whole package */
	snprintf(pkg, sizeof pkg, "%s/bad.hsm", dir);
	switch (raw[_i].kind) {
	case R_CUT_BIG:	/* 100 kB that gzip cannot shrink */
		for (i = 0; i < sizeof noise - 1; i++) {
			seed = seed * 1103515245u + 12345u;
			noise[i] = (char)('a' + (seed >> 16) % 26);
		}
		snprintf(ini, sizeof ini, module_ini, "1.0");
		files[0] = (struct entry){ "lessons/vi/01-a.md", noise, 0, NULL };
		files[1] = (struct entry){ "module.ini", ini, 0, NULL };
		make_package(good, files, 2, files, 2, 1, 0);
		/* FALLTHROUGH */
	case R_CUT:
		bytes = util_read_file(good, 1 << 20, &len, &err);
		ck_assert_ptr_nonnull(bytes);
		keep = raw[_i].cut >= 0 ? (size_t)raw[_i].cut :
		    len - (size_t)-raw[_i].cut;
		ck_assert_uint_lt(keep, len);
		fd = open(pkg, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		ck_assert_int_eq(write(fd, bytes, keep), (ssize_t)keep);
		close(fd);
		free(bytes);
		break;
	case R_RANDOM:	/* the same bytes every run */
		for (i = 0; i < sizeof junk; i++) {
			seed = seed * 1103515245u + 12345u;
			junk[i] = (char)(seed >> 16);
		}
		fd = open(pkg, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		ck_assert_int_eq(write(fd, junk, sizeof junk),
		    (ssize_t)sizeof junk);
		close(fd);
		break;
	case R_TEXT:
		test_write(dir, "bad.hsm", "Bài học về mật khẩu\n");
		break;
	case R_GZIP_TEXT:
		a = archive_write_new();
		ck_assert_int_eq(archive_write_set_format_raw(a), ARCHIVE_OK);
		ck_assert_int_eq(archive_write_add_filter_gzip(a), ARCHIVE_OK);
		ck_assert_int_eq(archive_write_open_filename(a, pkg), ARCHIVE_OK);
		put(a, &(struct entry){ "x", "Bài học về mật khẩu\n", 0, NULL });
		ck_assert_int_eq(archive_write_close(a), ARCHIVE_OK);
		archive_write_free(a);
		break;
	}
	ck_assert_int_eq(install_package(data, pkg, INSTALL_FORCE, id, version,
	    &signer, &err), HS_EINVAL);
	/* then one line naming the package, and nothing changed */
	ck_assert_msg(raw[_i].says == NULL ||
	    strstr(err.msg, raw[_i].says) != NULL,
	    "%s: '%s' does not say '%s'", raw[_i].name, err.msg, raw[_i].says);
	ck_assert_str_eq(err.file, pkg);
	ck_assert_int_gt(strlen(err.msg), 0);
	ck_assert_ptr_null(strchr(err.msg, '\n'));
	after = snapshot();
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
}
END_TEST

START_TEST(test_unknown_format_and_too_many_files)
{
	struct keys_public signer;
	struct hs_error err;
	struct entry *many = calloc(PACKAGE_MAX_FILES + 1, sizeof *many);
	char pkg[4300], id[129], version[32], (*names)[16];
	struct entry one = { "module.ini", ini10, 0, NULL };
	int i;

	snprintf(pkg, sizeof pkg, "%s/f.hsm", dir);
	pkg_format = 2;
	make_package(pkg, &one, 1, &one, 1, 1, 0);
	pkg_format = 1;
	ck_assert_int_eq(install_package(data, pkg, 0, id, version, &signer,
	    &err), HS_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "package format 2"));

	names = calloc(PACKAGE_MAX_FILES + 1, sizeof *names);
	for (i = 0; i <= PACKAGE_MAX_FILES; i++) {
		snprintf(names[i], sizeof names[i], "f%05d", i);
		many[i] = (struct entry){ names[i], "x", 0, NULL };
	}
	make_package(pkg, many, PACKAGE_MAX_FILES + 1, &one, 1, 1, 0);
	ck_assert_int_eq(install_package(data, pkg, 0, id, version, &signer,
	    &err), HS_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "more than 4096 files"));
	free(names);
	free(many);
}
END_TEST

START_TEST(test_allow_unsigned)
{
	struct keys_public signer;
	struct hs_error err;
	struct catalog c;
	char pkg[4300], id[129], version[32], ini[512], base[4300];
	struct entry files[2];

	snprintf(ini, sizeof ini, module_ini, "1.0");
	files[0] = (struct entry){ "lessons/vi/01-a.md", lesson, 0, NULL };
	files[1] = (struct entry){ "module.ini", ini, 0, NULL };
	snprintf(pkg, sizeof pkg, "%s/u.hsm", dir);
	/* given a package with no signature */
	make_package(pkg, files, 2, files, 2, 0, 0);
	ck_assert_int_eq(install_package(data, pkg, 0, id, version, &signer,
	    &err), HS_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "not signed"));
	/* when an author allows it, then it is in, marked unsigned */
	ck_assert_int_eq(install_package(data, pkg, INSTALL_ALLOW_UNSIGNED, id,
	    version, &signer, &err), 0);
	ck_assert_int_eq(catalog_load(data, &c, &err), 0);
	ck_assert_int_eq(c.n, 1);
	ck_assert_int_eq(c.modules[0].unsigned_pkg, 1);
	catalog_free(&c);
	/* a signature that does not match its manifest: refused anyway */
	make_package(pkg, files, 2, files, 2, 1, 1);
	ck_assert_int_eq(install_package(data, pkg, INSTALL_ALLOW_UNSIGNED |
	    INSTALL_FORCE, id, version, &signer, &err), HS_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "does not match"));
	/* signed by a stranger: allowed, still marked unsigned */
	snprintf(base, sizeof base, "%s/stranger", dir);
	ck_assert_int_eq(keys_generate(base, "stranger", &err), 0);
	snprintf(base, sizeof base, "%s/stranger.key", dir);
	ck_assert_int_eq(keys_read_secret(base, &key, &err), 0);
	make_package(pkg, files, 2, files, 2, 1, 0);
	ck_assert_int_eq(install_package(data, pkg, INSTALL_ALLOW_UNSIGNED |
	    INSTALL_FORCE, id, version, &signer, &err), 0);
	ck_assert_int_eq(catalog_load(data, &c, &err), 0);
	ck_assert_int_eq(c.modules[0].unsigned_pkg, 1);
	catalog_free(&c);
	/* and a trusted one replaces it, no longer marked */
	ck_assert_int_eq(keys_read_secret(keyfile, &key, &err), 0);
	make_package(pkg, files, 2, files, 2, 1, 0);
	ck_assert_int_eq(install_package(data, pkg, INSTALL_FORCE, id, version,
	    &signer, &err), 0);
	ck_assert_int_eq(catalog_load(data, &c, &err), 0);
	ck_assert_int_eq(c.modules[0].unsigned_pkg, 0);
	catalog_free(&c);
}
END_TEST

START_TEST(test_expansion_limit)
{
	struct keys_public signer, trusted;
	struct manifest m;
	struct hs_error err;
	char pkg[4300], dest[4300], *zeros = xcalloc(1, 200001);
	int uns;
	struct entry files[1];

	memset(zeros, 'a', 200000);
	files[0] = (struct entry){ "module.ini", zeros, 0, NULL };
	snprintf(pkg, sizeof pkg, "%s/bomb.hsm", dir);
	make_package(pkg, files, 1, files, 1, 1, 0);
	snprintf(dest, sizeof dest, "%s/dest", dir);
	ck_assert_int_eq(mkdir(dest, 0755), 0);
	keys_public_of(&key, &trusted);
	/* 200 kB of one letter packs to a few hundred bytes */
	ck_assert_int_eq(package_extract(pkg, dest, &trusted, 1, 10, 0, &uns,
	    &m, &signer, &err), HS_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "expands"));
	free(zeros);
}
END_TEST

START_TEST(test_damaged_module_can_be_replaced_and_removed)
{
	struct keys_public signer;
	struct hs_error err;
	struct catalog c;
	char pkg[4300], id[129], version[32], ini[4400];
	FILE *f;

	/* given an installed module whose module.ini got damaged */
	snprintf(pkg, sizeof pkg, "%s/p.hsm", dir);
	good_package(pkg, "1.0");
	ck_assert_int_eq(install_package(data, pkg, 0, id, version, &signer,
	    &err), 0);
	snprintf(ini, sizeof ini, "%s/modules/vn.test.pkg/module.ini", data);
	ck_assert_ptr_nonnull(f = fopen(ini, "a"));
	fputs("bogus = 1\n", f);
	fclose(f);
	ck_assert_int_eq(catalog_load(data, &c, &err), 0);
	ck_assert_int_eq(c.nbroken, 1);
	catalog_free(&c);
	/* when the same package is installed again, it replaces it */
	ck_assert_int_eq(install_package(data, pkg, 0, id, version, &signer,
	    &err), 0);
	ck_assert_int_eq(catalog_load(data, &c, &err), 0);
	ck_assert_int_eq(c.n, 1);
	ck_assert_int_eq(c.nbroken, 0);
	catalog_free(&c);
	/* and a damaged module can be removed */
	ck_assert_ptr_nonnull(f = fopen(ini, "a"));
	fputs("bogus = 1\n", f);
	fclose(f);
	ck_assert_int_eq(install_remove(data, "vn.test.pkg", &err), 0);
	ck_assert_int_eq(catalog_load(data, &c, &err), 0);
	ck_assert_int_eq(c.n + c.nbroken, 0);
	catalog_free(&c);
	ck_assert_int_eq(install_remove(data, "vn.test.pkg", &err),
	    HS_ENOTFOUND);
	ck_assert_int_eq(install_remove(data, "..", &err), HS_ENOTFOUND);
}
END_TEST

/* The fuzzing seeds, read as packages with fuzz.pub trusted: each ends in
 * 0 or an error with a message, never a crash (run under the sanitizers
 * too); the good-*.hsm ones are read, the others refused. */
START_TEST(test_corpus_replays)
{
	struct keys_public trusted, signer;
	struct manifest man;
	struct hs_error err;
	char path[4400], dest[4400];
	struct dirent *e;
	int rc, uns, n = 0, allow;
	DIR *d;

	ck_assert_int_eq(keys_read_public(PACKAGE_CORPUS "/../fuzz.pub",
	    &trusted, &err), 0);
	ck_assert_ptr_nonnull(d = opendir(PACKAGE_CORPUS));
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", PACKAGE_CORPUS, e->d_name);
		for (allow = 0; allow <= 1; allow++) {
			snprintf(dest, sizeof dest, "%s/x-%d-%s", dir, allow,
			    e->d_name);
			ck_assert_int_eq(mkdir(dest, 0755), 0);
			hs_error_clear(&err);
			rc = package_extract(path, dest, &trusted, 1,
			    PACKAGE_MAX_RATIO, allow, &uns, &man, &signer, &err);
			if (rc == 0)
				manifest_free(&man);
			else
				ck_assert_msg(rc < 0 && err.msg[0] != '\0' &&
				    strchr(err.msg, '\n') == NULL,
				    "%s: %d '%s'", e->d_name, rc, err.msg);
			if (!allow)
				ck_assert_msg((rc == 0) == !strncmp(e->d_name,
				    "good", 4), "%s: %d '%s'", e->d_name, rc,
				    err.msg);
		}
		n++;
	}
	closedir(d);
	ck_assert_int_ge(n, 6);
}
END_TEST

START_TEST(test_trust)
{
	struct keys_public pub, *keys;
	struct hs_error err;
	char base[4300], path[4400];
	int n;

	/* another key under a name already trusted is refused */
	snprintf(base, sizeof base, "%s/again", dir);
	ck_assert_int_eq(keys_generate(base, "tester", &err), 0);
	snprintf(path, sizeof path, "%s.pub", base);
	ck_assert_int_eq(install_trust_add(data, path, &pub, &err), HS_EINVAL);
	ck_assert_int_eq(install_trust_list(data, &keys, &n, &err), 0);
	ck_assert_int_eq(n, 1);
	free(keys);
	/* a secret key is no public key */
	ck_assert_int_eq(install_trust_add(data, keyfile, &pub, &err),
	    HS_EINVAL);
	ck_assert_int_lt(install_version_cmp("1.9", "1.10"), 0);
	ck_assert_int_eq(install_version_cmp("1.0", "1.0.0"), 0);
	ck_assert_int_gt(install_version_cmp("2", "1.99"), 0);
}
END_TEST

static Suite *
install_suite(void)
{
	Suite *s = suite_create("install");
	TCase *tc = tcase_create("install");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_good_package_installs_and_replaces);
	tcase_add_test(tc, test_older_version_is_refused);
	tcase_add_loop_test(tc, test_bad_package_leaves_everything_as_it_was,
	    0, sizeof bad / sizeof *bad);
	tcase_add_test(tc, test_untrusted_key_is_refused);
	tcase_add_loop_test(tc, test_not_a_package_leaves_everything_as_it_was,
	    0, sizeof raw / sizeof *raw);
	tcase_add_test(tc, test_unknown_format_and_too_many_files);
	tcase_add_test(tc, test_allow_unsigned);
	tcase_add_test(tc, test_expansion_limit);
	tcase_add_test(tc, test_trust);
	tcase_add_test(tc, test_damaged_module_can_be_replaced_and_removed);
	tcase_add_test(tc, test_corpus_replays);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(install_suite)

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pack-main.c: hocso-pack, the authors' tool: new, check, build, inspect,
 * keygen, preview, and import and export of Moodle's question banks.  A
 * thin main over pack.c, moodle.c and keys.c.
 */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sodium.h>

#include "core/i18n.h"
#include "core/locale.h"
#include "core/util.h"
#include "core/version.h"
#include "core/keys.h"
#include "core/text.h"
#include "lessons/install.h"
#include "lessons/lesson.h"
#include "lessons/module.h"
#include "lessons/stats.h"
#include "quiz/gift.h"
#include "lessons/pack.h"
#include "lessons/moodle.h"
#include "core/fileio.h"

static void
usage(FILE *f)
{
	fputs(_("Usage: hocso-pack COMMAND [ARG]...\n"
	    "Write, check and sign hocso lesson modules.\n\n"
	    "  new DIR                      start a module in DIR\n"
	    "  check DIR                    report every problem, as file:line: message\n"
	    "  build DIR -o OUT.hsm [--key KEY | --unsigned]\n"
	    "                               pack and sign (KEY: $HOCSO_PACK_KEY)\n"
	    "  inspect PKG.hsm              show what a package holds and who signed it\n"
	    "  stats DIR|PKG [--porcelain]  count a module's lessons, screens, words,\n"
	    "                               pictures, practice and glossary terms\n"
	    "  keygen -o NAME [--name \"PUBLISHER\"]\n"
	    "                               make NAME.pub and NAME.key (secret, 0600);\n"
	    "                               NAME is the key's id, PUBLISHER any text\n"
	    "  preview DIR                  open DIR in hocso without packing it\n"
	    "  import BANK.xml -o DIR [--lang LANG] [--name NAME]\n"
	    "                               a Moodle XML bank as GIFT in module DIR\n"
	    "  export [--format gift|xml] DIR [-o FILE] [--lang LANG]\n"
	    "                               a module's quiz as Moodle reads it\n"
	    "  -h, --help, -V, --version\n"), f);
}

static void
print_problem(const struct hs_error *err, int warning, void *ctx)
{
	char line[1024];
	int *n = ctx;

	hs_error_format(err, line, sizeof line);
	if (warning)
		/* TRANSLATORS: a problem that does not stop a build. */
		fprintf(stdout, _("%s (warning)\n"), line);
	else {
		fprintf(stdout, "%s\n", line);
		(*n)++;
	}
}

static void
show_progress(long long done, long long total, void *ctx)
{
	int width = 40, filled = total > 0 ? (int)(done * width / total) : width;

	(void)ctx;
	fprintf(stderr, "\r[%.*s%*s] %3d%%", filled,
	    "########################################", width - filled, "",
	    total > 0 ? (int)(done * 100 / total) : 100);
	if (done == total)
		fputc('\n', stderr);
}

/* A module id from a folder name: vn.example.<letters and digits>. */
static void
id_from_dir(const char *dir, char *id, size_t len)
{
	char *copy = xstrdup(dir), *base = basename(copy), *o;
	size_t n = snprintf(id, len, "vn.example.");

	for (o = base; *o != '\0' && n + 1 < len; o++)
		if (isalnum((unsigned char)*o))
			id[n++] = (char)tolower((unsigned char)*o);
	if (n == strlen("vn.example."))
		n += snprintf(id + n, len - n, "module");
	id[n] = '\0';
	free(copy);
}

static int
fail(const struct hs_error *err)
{
	char line[1024];

	fprintf(stderr, "hocso-pack: %s\n", hs_error_format(err, line,
	    sizeof line));
	return 1;
}

static int
cmd_build(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "key", required_argument, NULL, 'k' },
		{ "unsigned", no_argument, NULL, 'u' },
		{ NULL, 0, NULL, 0 }
	};
	const char *out = NULL, *keyfile = getenv("HOCSO_PACK_KEY");
	struct keys_secret key;
	struct hs_error err = { 0 };
	int c, rc, unsigned_pkg = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "o:k:u", opts, NULL)) != -1) {
		if (c == 'o')
			out = optarg;
		else if (c == 'k')
			keyfile = optarg;
		else if (c == 'u')
			unsigned_pkg = 1;
		else
			return 2;
	}
	if (unsigned_pkg && optind + 1 == argc && out != NULL) {
		if (pack_build(argv[optind], out, NULL, isatty(2) ?
		    show_progress : NULL, NULL, &err) != 0)
			return fail(&err);
		printf(_("built %s, unsigned: for your own tests only\n"), out);
		return 0;
	}
	if (optind + 1 != argc || out == NULL) {
		fputs(_("hocso-pack: usage: build DIR -o OUT.hsm [--key KEY]\n"),
		    stderr);
		return 2;
	}
	if (keyfile == NULL || *keyfile == '\0') {
		fputs(_("hocso-pack: no key: give --key KEY (make one with "
		    "hocso-pack keygen)\n"), stderr);
		return 2;
	}
	if (keys_read_secret(keyfile, &key, &err) != 0)
		return fail(&err);
	rc = pack_build(argv[optind], out, &key, isatty(2) ? show_progress :
	    NULL, NULL, &err);
	sodium_memzero(&key, sizeof key);
	if (rc != 0)
		return fail(&err);
	printf(_("built %s\n"), out);
	return 0;
}

static int
cmd_inspect(const char *pkg)
{
	struct pack_info info;
	struct hs_error err = { 0 };
	char key[KEYS_B64_MAX];

	if (pack_inspect(pkg, &info, &err) != 0)
		return fail(&err);
	keys_public_b64(&info.signer, key);
	printf(_("module     %s %s\n"), info.manifest.id, info.manifest.version);
	if (info.is_unsigned)
		fputs(_("signed by  nobody: an unsigned package, for tests\n"),
		    stdout);
	else
		printf(_("signed by  %s (key %s)\n"), info.signer.name, key);
	printf(_("languages  %s\n"), info.langs);
	printf(_("lessons    %d (all languages)\n"), info.lessons);
	printf(_("questions  %d (all languages)\n"), info.questions);
	printf(_("files      %d, %lld bytes\n"), info.manifest.nfiles,
	    info.bytes);
	pack_info_free(&info);
	return 0;
}

/* Writes s left-aligned in cols display columns (at least one blank
 * after it). */
static void
put_cell(const char *s, int cols)
{
	int w = text_width(s, strlen(s));

	fputs(s, stdout);
	do
		putchar(' ');
	while (++w < cols);
}

/* One row of the per-lesson figures: a table row, or with porcelain a
 * line of tab-separated fields (words per screen with one decimal, a
 * '.' in every locale). */
static void
stats_print_row(const char *lang, const char *lesson,
    const struct stats_row *r, int porcelain)
{
	int tenths = r->screens > 0 ? (r->words * 10 + r->screens / 2) /
	    r->screens : 0;
	char avg[32];

	snprintf(avg, sizeof avg, "%d.%d", tenths / 10, tenths % 10);
	if (porcelain) {
		printf("%s\t%s\t%d\t%d\t%s\t%d\t%d\t%d\t%d\t%d\n", lang, lesson,
		    r->screens, r->words, avg, r->words_max, r->pictures,
		    r->bare_run, r->practice, r->terms);
		return;
	}
	put_cell(lang, 6);
	put_cell(lesson, 20);
	printf("%7d %7d %6s %5d %6d %5d %6d %5d\n", r->screens, r->words,
	    avg, r->words_max, r->pictures, r->bare_run, r->practice,
	    r->terms);
}

/* The table's heading, its columns as stats_print_row() writes them. */
static void
stats_print_heading(void)
{
	/* TRANSLATORS: the headings of hocso-pack stats' table: each at
	 * most as wide as its column (7, 7, 6, 5, 6, 5, 6, 5 columns after
	 * the lesson's); the line after explains them. */
	const char *h[] = { N_("lang"), N_("lesson"), N_("screens"),
	    N_("words"), N_("w/scr"), N_("max"), N_("pics"), N_("bare"),
	    N_("pract"), N_("terms") };
	const int w[] = { 6, 20, 7, 8, 7, 6, 7, 6, 7, 6 };
	unsigned i;

	for (i = 0; i < sizeof h / sizeof *h; i++) {
		const char *t = _(h[i]);
		int tw = text_width(t, strlen(t)), k;

		if (i < 2) {
			put_cell(t, w[i]);
			continue;
		}
		/* Right-aligned, as the figures. */
		for (k = tw; k < w[i]; k++)
			putchar(' ');
		fputs(t, stdout);
	}
	putchar('\n');
}

/* Counts, per language, a module's lessons, screens, practice questions
 * and quiz questions by type; then per lesson the figures of stats.h
 * and the module's total.  Files that do not read are left out (check
 * says why).  With porcelain, only the per-lesson figures, as
 * tab-separated lines. */
static int
stats_module(const char *dir, int porcelain)
{
	struct quiz_bank bank;
	struct hs_error err = { 0 };
	struct module m;
	struct lesson *l;
	struct stats_row row, total;
	char *path;
	int i, j, k, t, screens, practice, bytype[QUIZ_ORDERING + 1];

	if (module_load(dir, &m, &err) != 0)
		return fail(&err);
	if (porcelain)
		fputs("lang\tlesson\tscreens\twords\twords_per_screen\t"
		    "words_max\tpictures\tbare_run\tpractice\tterms\n", stdout);
	else
		printf(_("module  %s %s, ages %s\n"), m.id, m.version,
		    m.age != NULL ? m.age : "?");
	for (i = 0; i < m.ntexts && !porcelain; i++) {
		const char *lang = m.texts[i].lang;

		screens = practice = 0;
		for (j = 0; j < m.nlessons; j++) {
			path = module_lesson_path(&m, j, lang);
			if (path != NULL && lesson_load(path, &l, &err) == 0) {
				screens += l->nscreens;
				for (k = 0; k < l->nscreens; k++)
					practice += lesson_practice(
					    &l->screens[k]) != NULL;
				lesson_free(l);
			}
			free(path);
		}
		memset(bytype, 0, sizeof bytype);
		module_quiz_load(&m, lang, &bank, &err); /* check says why not */
		for (k = 0; k < bank.n; k++)
			bytype[bank.questions[k].type]++;
		printf(_("%-6s  %d lessons, %d screens, %d practice; %d "
		    "questions:"), lang, m.nlessons, screens, practice, bank.n);
		for (t = 0, k = 0; t <= QUIZ_ORDERING; t++)
			if (bytype[t] > 0)
				printf("%s %d %s", k++ > 0 ? "," : "",
				    bytype[t],
				    _(quiz_type_name((enum quiz_type)t)));
		putchar('\n');
		quiz_bank_free(&bank);
	}
	if (!porcelain) {
		putchar('\n');
		stats_print_heading();
	}
	for (i = 0; i < m.ntexts; i++) {
		const char *lang = m.texts[i].lang;

		memset(&total, 0, sizeof total);
		for (j = 0; j < m.nlessons; j++) {
			path = module_lesson_path(&m, j, lang);
			if (path != NULL && lesson_load(path, &l, &err) == 0) {
				memset(&row, 0, sizeof row);
				stats_add_lesson(&row, l);
				stats_add_lesson(&total, l);
				stats_print_row(lang, m.lessons[j], &row,
				    porcelain);
				stats_row_free(&row);
				lesson_free(l);
			}
			free(path);
		}
		/* TRANSLATORS: the row of hocso-pack stats' table that adds
		 * up a language's lessons. */
		stats_print_row(lang, porcelain ? "total" : _("total"), &total,
		    porcelain);
		stats_row_free(&total);
	}
	if (!porcelain)
		fputs(_("w/scr: words per screen; max: on the wordiest screen; "
		    "pics: pictures;\nbare: most screens in a row without a "
		    "picture; pract: practice items;\nterms: glossary terms "
		    "marked.\n"), stdout);
	module_free(&m);
	return 0;
}

/* hocso-pack stats DIR|PACKAGE [--porcelain]: a package is unpacked
 * (its files checked against its manifest, signed or not) into a
 * temporary folder first. */
static int
cmd_stats(int argc, char **argv)
{
	struct hs_error err = { 0 };
	const char *what = NULL;
	char tmp[4096];
	struct stat st;
	int i, porcelain = 0, rc;

	for (i = 2; i < argc; i++)
		if (!strcmp(argv[i], "--porcelain"))
			porcelain = 1;
		else if (what == NULL && argv[i][0] != '-')
			what = argv[i];
		else
			what = NULL, i = argc + 1;
	if (what == NULL || i > argc) {
		fputs(_("hocso-pack: usage: stats DIR|PACKAGE [--porcelain]\n"),
		    stderr);
		return 2;
	}
	if (stat(what, &st) != 0) {
		hs_error_set_at(&err, HS_ENOTFOUND, what, 0, 0, "%s",
		    strerror(errno));
		return fail(&err);
	}
	if (S_ISDIR(st.st_mode))
		return stats_module(what, porcelain);
	if (install_unpack(what, tmp, sizeof tmp, &err) != 0)
		return fail(&err);
	rc = stats_module(tmp, porcelain);
	install_unpacked_remove(tmp);
	return rc;
}

static int
cmd_keygen(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "name", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	const char *out = NULL, *name = NULL, *id;
	struct hs_error err = { 0 };
	char *copy = NULL;
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "o:n:", opts, NULL)) != -1) {
		if (c == 'o')
			out = optarg;
		else if (c == 'n')
			name = optarg;
		else
			return 2;
	}
	if (out == NULL || optind != argc) {
		fputs(_("hocso-pack: usage: keygen -o NAME [--name \"PUBLISHER\"]\n"),
		    stderr);
		return 2;
	}
	/* The key's id, which names files and is what a signature records,
	 * is the file name; the publisher's name for people is any text. */
	copy = xstrdup(out);
	id = basename(copy);
	for (c = 0; id[c] != '\0'; c++)
		if (!isalnum((unsigned char)id[c]) && strchr(".-_", id[c]) ==
		    NULL)
			break;
	if (id[c] != '\0' || c == 0) {
		fprintf(stderr, _("hocso-pack: bad key file name '%s': use "
		    "letters, digits, '.', '-' and '_' (the publisher's name "
		    "for people goes in --name)\n"), id);
		free(copy);
		return 1;
	}
	rc = keys_generate_named(out, id, name, &err);
	free(copy);
	if (rc != 0)
		return fail(&err);
	printf(_("wrote %s.pub (give it to schools) and %s.key (keep it "
	    "secret)\n"), out, out);
	return 0;
}

/* Runs argv (argv[0] found on PATH) and waits for it.  Returns its exit
 * status, or -1 when it could not be run or was killed. */
static int
run(char *const argv[])
{
	pid_t pid;
	int status;

	fflush(stdout);
	if ((pid = fork()) < 0)
		return -1;
	if (pid == 0) {
		execvp(argv[0], argv);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The hocso to preview with, in buf: $HOCSO, else the hocso beside this
 * program (installed side by side, or ../learn/hocso in the build tree),
 * else the first on PATH.  Returns 0, or -1 with a one-line reason
 * printed. */
static int
find_hocso(char *buf, size_t len)
{
	const char *env = getenv("HOCSO"), *path = getenv("PATH"), *e;
	static const char *const beside[] = { "hocso", "../learn/hocso" };
	char self[2048];
	ssize_t n;
	size_t k;

	if (env != NULL && *env != '\0') {
		if (access(env, X_OK) != 0) {
			fprintf(stderr, _("hocso-pack: cannot run %s (from "
			    "$HOCSO): %s\n"), env, strerror(errno));
			return -1;
		}
		snprintf(buf, len, "%s", env);
		return 0;
	}
	if ((n = readlink("/proc/self/exe", self, sizeof self - 1)) > 0) {
		self[n] = '\0';
		*strrchr(self, '/') = '\0';
		for (k = 0; k < sizeof beside / sizeof *beside; k++) {
			snprintf(buf, len, "%s/%s", self, beside[k]);
			if (access(buf, X_OK) == 0)
				return 0;
		}
	}
	for (; path != NULL && *path != '\0'; path = *e != '\0' ? e + 1 : e) {
		e = strchr(path, ':');
		if (e == NULL)
			e = path + strlen(path);
		snprintf(buf, len, "%.*s/hocso", (int)(e - path), path);
		if (e > path && access(buf, X_OK) == 0)
			return 0;
	}
	fputs(_("hocso-pack: cannot find hocso (beside hocso-pack or on "
	    "PATH): set HOCSO to the program to run\n"), stderr);
	return -1;
}

/* Copies the module into a new data folder that has a school already,
 * and opens hocso on it: straight on the module's list. */
static int
cmd_preview(const char *dir)
{
	char tmpl[] = "/tmp/hocso-preview-XXXXXX", hocso[4096];
	char modules[64], target[96];
	int n = 0, rc = 1, status;

	if (pack_check(dir, print_problem, &n) > 0)
		return 1;
	if (find_hocso(hocso, sizeof hocso) != 0)
		return 1;
	if (mkdtemp(tmpl) == NULL) {
		fprintf(stderr, "hocso-pack: %s: %s\n", tmpl, strerror(errno));
		return 1;
	}
	snprintf(modules, sizeof modules, "%s/modules", tmpl);
	snprintf(target, sizeof target, "%s/preview", modules);
	{
		char *mk[] = { "mkdir", modules, NULL };
		char *cp[] = { "cp", "-R", (char *)dir, target, NULL };
		/* TRANSLATORS: the school's name in a preview's data folder. */
		char *school[] = { hocso, "--data-dir", tmpl, "school",
		    "--name", (char *)_("Preview"), NULL };
		char *open[] = { hocso, "--data-dir", tmpl, NULL };
		char *rm[] = { "rm", "-rf", tmpl, NULL };

		if (run(mk) != 0 || run(cp) != 0)
			fprintf(stderr, _("hocso-pack: cannot copy %s into "
			    "%s\n"), dir, tmpl);
		else if ((status = run(school)) != 0)
			fprintf(stderr, _("hocso-pack: %s did not start "
			    "(status %d)\n"), hocso, status);
		else if ((status = run(open)) != 0)
			fprintf(stderr, _("hocso-pack: %s ended with status "
			    "%d\n"), hocso, status);
		else
			rc = 0;
		run(rm);
	}
	return rc;
}

/* Whether path is a folder with nothing in it. */
static int
dir_empty(const char *path)
{
	struct dirent *e;
	DIR *d = opendir(path);
	int empty = d != NULL;

	while (d != NULL && (e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			empty = 0;
	if (d != NULL)
		closedir(d);
	return empty;
}

/* One line per question an import could not carry over. */
static void
print_skip(int line, const char *name, const char *type, const char *why,
    void *ctx)
{
	char *safe = fileio_printable(name);

	/* TRANSLATORS: file:line: 'question name' (Moodle type): why. */
	printf(_("%s:%d: '%s' (%s) not carried over: %s\n"),
	    (const char *)ctx, line, safe, type, why);
	free(safe);
}

/* The bank's file name from the XML file's: letters, digits, '-', '_'. */
static void
bank_name(const char *xml, char *name, size_t len)
{
	char *copy = xstrdup(xml), *base = basename(copy), *dot, *o;

	if ((dot = strrchr(base, '.')) != NULL && dot != base)
		*dot = '\0';
	for (o = base; *o != '\0'; o++)
		if (!isalnum((unsigned char)*o) && *o != '-' && *o != '_' &&
		    (unsigned char)*o < 0x80)
			*o = '-';
	snprintf(name, len, "%s.gift", *base != '\0' ? base : "moodle");
	free(copy);
}

/* Writes a new module at dir holding one lesson to write and the bank
 * gift as quizzes/<lang>/<name>: built in a temporary folder beside dir,
 * then renamed into place, so nothing is left half-written. */
static int
import_new_module(const char *dir, const char *lang, const char *name,
    const char *gift, struct hs_error *err)
{
	char id[128], *tmp, *path, *ini, *parent, *copy;
	const char *files[3];
	char rel[3][256];
	int k, rc;

	copy = xstrdup(dir);
	parent = dirname(copy);
	tmp = xmalloc(strlen(parent) + 32);
	sprintf(tmp, "%s/.hocso-import-XXXXXX", parent);
	free(copy);
	if (mkdtemp(tmp) == NULL) {
		rc = hs_error_set(err, HS_EIO, "%s: %s", dir, strerror(errno));
		free(tmp);
		return rc;
	}
	id_from_dir(dir, id, sizeof id);
	ini = xmalloc(1024 + strlen(name));
	snprintf(ini, 1024 + strlen(name), "; Imported from Moodle by "
	    "hocso-pack import: see docs/module-format.md.\n[module]\n"
	    "id = %s\nversion = 0.1.0\nlanguages = %s\n\n[%s]\ntitle = "
	    "%.*s\n\n[quiz]\nbank = %s\nquestions = 0\npass = 80\n", id, lang,
	    lang, (int)(strlen(name) - 5), name, name);
	snprintf(rel[0], sizeof rel[0], "module.ini");
	snprintf(rel[1], sizeof rel[1], "lessons/%s/01-bat-dau.md", lang);
	snprintf(rel[2], sizeof rel[2], "quizzes/%s/%s", lang, name);
	files[0] = ini;
	files[1] = _("# Start here\n\nThis module's quiz was imported from "
	    "Moodle: write its lesson here.\n");
	files[2] = gift;
	for (rc = 0, k = 0; k < 3 && rc == 0; k++) {
		path = util_path_join(tmp, rel[k]);
		copy = xstrdup(path);
		if ((rc = util_mkdir_p(dirname(copy), err)) == 0)
			rc = fileio_create(path, files[k], strlen(files[k]),
			    0644, err);
		free(copy);
		free(path);
	}
	if (rc == 0)
		rc = fileio_rename(tmp, dir, 0, err);
	if (rc != 0) {
		snprintf(ini, 1024, "rm -rf '%s'", tmp);
		if (strchr(tmp, '\'') == NULL && system(ini) != 0)
			fprintf(stderr, "hocso-pack: %s left behind\n", tmp);
	}
	free(ini);
	free(tmp);
	return rc;
}

static int
cmd_import(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "lang", required_argument, NULL, 'l' },
		{ "name", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	const char *out = NULL, *lang = NULL, *xml;
	static char first_lang[8];
	struct quiz_bank bank = { 0 }, check = { 0 };
	struct hs_error err = { 0 };
	struct module m;
	char name[256], *buf = NULL, *gift = NULL, *path = NULL, *ini;
	size_t len;
	int c, rc = 1, is_module;

	name[0] = '\0';
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:l:n:", opts, NULL)) != -1) {
		if (c == 'o')
			out = optarg;
		else if (c == 'l')
			lang = optarg;
		else if (c == 'n')
			snprintf(name, sizeof name, "%s%s", optarg,
			    strstr(optarg, ".gift") != NULL ? "" : ".gift");
		else
			return 2;
	}
	if (optind + 1 != argc || out == NULL) {
		fputs(_("hocso-pack: usage: import BANK.xml -o DIR [--lang "
		    "LANG] [--name NAME]\n"), stderr);
		return 2;
	}
	xml = argv[optind];
	if (name[0] == '\0')
		bank_name(xml, name, sizeof name);
	if (strchr(name, '/') != NULL || name[0] == '.') {
		fprintf(stderr, _("hocso-pack: bad bank name '%s': use "
		    "letters, digits and '-'\n"), name);
		return 2;
	}
	ini = util_path_join(out, "module.ini");
	is_module = access(ini, F_OK) == 0;
	free(ini);
	/* An empty folder becomes the module; any other that is not a
	 * module is the author's and left alone. */
	if (!is_module && access(out, F_OK) == 0 && !dir_empty(out)) {
		fprintf(stderr, _("hocso-pack: %s is there and is not a module "
		    "(no module.ini): give a new folder or a module\n"), out);
		return 1;
	}
	if (is_module) {
		if (module_load(out, &m, &err) != 0)
			return fail(&err);
		if (lang == NULL) {
			snprintf(first_lang, sizeof first_lang, "%s",
			    m.texts[0].lang);
			lang = first_lang;
		}
		module_free(&m);
	} else if (lang == NULL)
		lang = "vi";
	if (fileio_read(xml, 64 << 20, &buf, &len, &err) != 0)
		return fail(&err);
	if (moodle_xml_read(buf, len, xml, &bank, print_skip,
	    (void *)xml, &err) != 0) {
		rc = fail(&err);
		goto out;
	}
	if (bank.n == 0) {
		fprintf(stderr, _("hocso-pack: %s: no question could be "
		    "carried over\n"), xml);
		goto out;
	}
	gift = moodle_gift_write(&bank);
	/* What is written must read back as the same questions. */
	if (gift_parse(gift, strlen(gift), name, &check, &err) != 0 ||
	    check.n != bank.n) {
		rc = fail(&err);
		goto out;
	}
	if (is_module) {
		char rel[512];

		snprintf(rel, sizeof rel, "quizzes/%s", lang);
		path = util_path_join(out, rel);
		if (util_mkdir_p(path, &err) != 0) {
			rc = fail(&err);
			goto out;
		}
		free(path);
		snprintf(rel, sizeof rel, "quizzes/%s/%s", lang, name);
		path = util_path_join(out, rel);
		if (fileio_create(path, gift, strlen(gift), 0644, &err) != 0) {
			rc = fail(&err);
			goto out;
		}
		printf(P_("imported %d question into %s\n",
		    "imported %d questions into %s\n", bank.n), bank.n, path);
		printf(_("list %s in module.ini's [quiz] bank = to use it\n"),
		    name);
	} else {
		if ((access(out, F_OK) == 0 && rmdir(out) != 0) ||
		    import_new_module(out, lang, name, gift, &err) != 0) {
			if (err.msg[0] == '\0')
				hs_error_set(&err, HS_EIO, "%s: %s", out,
				    strerror(errno));
			rc = fail(&err);
			goto out;
		}
		printf(P_("imported %d question into %s/quizzes/%s/%s\n",
		    "imported %d questions into %s/quizzes/%s/%s\n", bank.n),
		    bank.n, out, lang, name);
	}
	rc = 0;
out:
	quiz_bank_free(&bank);
	quiz_bank_free(&check);
	free(buf);
	free(gift);
	free(path);
	return rc;
}

static int
cmd_export(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'f' },
		{ "lang", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 }
	};
	const char *out = NULL, *format = "gift", *lang = NULL;
	struct quiz_bank bank = { 0 };
	struct hs_error err = { 0 };
	struct module m;
	char *text;
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "o:f:l:", opts, NULL)) != -1) {
		if (c == 'o')
			out = optarg;
		else if (c == 'f')
			format = optarg;
		else if (c == 'l')
			lang = optarg;
		else
			return 2;
	}
	if (optind + 1 != argc || (strcmp(format, "gift") != 0 &&
	    strcmp(format, "xml") != 0)) {
		fputs(_("hocso-pack: usage: export [--format gift|xml] DIR "
		    "[-o FILE] [--lang LANG]\n"), stderr);
		return 2;
	}
	if (module_load(argv[optind], &m, &err) != 0)
		return fail(&err);
	if (m.nbanks == 0) {
		fprintf(stderr, _("hocso-pack: %s has no quiz\n"), argv[optind]);
		module_free(&m);
		return 1;
	}
	rc = module_quiz_load(&m, lang != NULL ? lang : m.texts[0].lang,
	    &bank, &err);
	module_free(&m);
	if (rc != 0)
		return fail(&err);
	text = !strcmp(format, "xml") ? moodle_xml_write(&bank) :
	    moodle_gift_write(&bank);
	quiz_bank_free(&bank);
	rc = 0;
	if (out == NULL || !strcmp(out, "-"))
		fputs(text, stdout);
	else if (fileio_write(out, text, strlen(text), 0644, &err) != 0)
		rc = fail(&err);
	free(text);
	return rc;
}

int
main(int argc, char **argv)
{
	struct hs_error err = { 0 };
	const char *cmd;
	char id[128];
	int problems = 0;

	locale_setup(0, NULL);
	if (sodium_init() < 0) {
		fputs("hocso-pack: libsodium cannot start\n", stderr);
		return 1;
	}
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	cmd = argv[1];
	if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(cmd, "-V") || !strcmp(cmd, "--version")) {
		version_print(stdout, "hocso-pack");
		return 0;
	}
	if (!strcmp(cmd, "build"))
		return cmd_build(argc - 1, argv + 1);
	if (!strcmp(cmd, "keygen"))
		return cmd_keygen(argc - 1, argv + 1);
	if (!strcmp(cmd, "import"))
		return cmd_import(argc - 1, argv + 1);
	if (!strcmp(cmd, "export"))
		return cmd_export(argc - 1, argv + 1);
	if (!strcmp(cmd, "stats"))
		return cmd_stats(argc, argv);
	if (argc != 3) {
		fprintf(stderr, _("hocso-pack: '%s' needs one argument (see "
		    "hocso-pack --help)\n"), cmd);
		return 2;
	}
	if (!strcmp(cmd, "new")) {
		id_from_dir(argv[2], id, sizeof id);
		if (pack_new(argv[2], id, &err) != 0)
			return fail(&err);
		printf(_("made %s (module %s): edit it, then hocso-pack check "
		    "%s\n"), argv[2], id, argv[2]);
		return 0;
	}
	if (!strcmp(cmd, "check")) {
		pack_check(argv[2], print_problem, &problems);
		if (problems > 0) {
			fprintf(stderr, P_("hocso-pack: %d problem\n",
			    "hocso-pack: %d problems\n", problems), problems);
			return 1;
		}
		return 0;
	}
	if (!strcmp(cmd, "inspect"))
		return cmd_inspect(argv[2]);
	if (!strcmp(cmd, "preview"))
		return cmd_preview(argv[2]);
	fprintf(stderr, _("hocso-pack: unknown command '%s' (see hocso-pack "
	    "--help)\n"), cmd);
	return 2;
}

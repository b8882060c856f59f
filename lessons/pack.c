/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pack.c: checking a module folder, building its signed package,
 * inspecting a package and writing a new module.  See pack.h.
 *
 * A build is reproducible: files are taken in sorted order, every archive
 * entry has the same owner, mode and time, and gzip writes no time or
 * name, so the same folder and key give the same bytes.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>
#include <sodium.h>

#include "core/archive.h"
#include "core/fileio.h"
#include "core/i18n.h"
#include "core/util.h"
#include "lessons/glossary.h"
#include "lessons/lesson.h"
#include "lessons/module.h"
#include "lessons/help.h"
#include "lessons/pack.h"
#include "lessons/speech.h"
#include "quiz/gift.h"

/* Lines of text a lesson screen has at 80x24 before it scrolls. */
#define PACK_SCREEN_LINES 19
#define PACK_SCREEN_WIDTH 76

/* The top-level names a module folder may hold. */
static const char *const pack_top[] = {
	"module.ini", "lessons", "quizzes", "media", "help", "speech",
	"glossary"
};

struct file_list {
	char **paths;		/* relative to the module folder */
	int n, cap;
};

static void
list_add(struct file_list *l, const char *path)
{
	if (l->n == l->cap) {
		l->cap = l->cap != 0 ? l->cap * 2 : 64;
		l->paths = xrealloc(l->paths, l->cap * sizeof *l->paths);
	}
	l->paths[l->n++] = xstrdup(path);
}

static void
list_free(struct file_list *l)
{
	int i;

	for (i = 0; i < l->n; i++)
		free(l->paths[i]);
	free(l->paths);
	memset(l, 0, sizeof *l);
}

static int
cmp_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
report(pack_report_fn fn, void *ctx, int warning, const char *file, int line,
    const char *msg)
{
	struct hs_error e;

	hs_error_set_at(&e, HS_EINVAL, file, line, 0, "%s", msg);
	if (fn != NULL)
		fn(&e, warning, ctx);
}

/* Adds the regular files under dir/rel to l; reports what cannot go in a
 * package.  Returns the number of problems. */
static int
walk(const char *dir, const char *rel, struct file_list *l,
    pack_report_fn fn, void *ctx)
{
	char path[8192], sub[4096];
	struct dirent *e;
	struct stat st;
	int problems = 0;
	DIR *d;

	snprintf(path, sizeof path, "%s/%s", dir, rel);
	if ((d = opendir(path)) == NULL) {
		report(fn, ctx, 0, path, 0, strerror(errno));
		return 1;
	}
	while ((e = readdir(d)) != NULL) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(sub, sizeof sub, "%s/%s", rel, e->d_name);
		snprintf(path, sizeof path, "%s/%s", dir, sub);
		if (lstat(path, &st) != 0) {
			report(fn, ctx, 0, path, 0, strerror(errno));
			problems++;
		} else if (S_ISDIR(st.st_mode)) {
			problems += walk(dir, sub, l, fn, ctx);
		} else if (!S_ISREG(st.st_mode)) {
			report(fn, ctx, 0, path, 0, _("not a plain file "
			    "(a link or a device): packages hold plain files only"));
			problems++;
		} else if (!package_path_valid(sub)) {
			report(fn, ctx, 0, path, 0, _("file name not "
			    "allowed: use letters, digits, '.', '-' and '_'"));
			problems++;
		} else if (st.st_size > PACKAGE_MAX_FILE_SIZE) {
			report(fn, ctx, 0, path, 0, _("larger than 16 MiB"));
			problems++;
		} else
			list_add(l, sub);
	}
	closedir(d);
	return problems;
}

/* Lists the files of the module folder, sorted, reporting problems. */
static int
pack_files(const char *dir, struct file_list *l, pack_report_fn fn, void *ctx)
{
	char path[4096];
	struct dirent *e;
	struct stat st;
	unsigned i;
	int problems = 0;
	DIR *d;

	if ((d = opendir(dir)) == NULL) {
		report(fn, ctx, 0, dir, 0, strerror(errno));
		return 1;
	}
	while ((e = readdir(d)) != NULL) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		for (i = 0; i < sizeof pack_top / sizeof *pack_top; i++)
			if (!strcmp(e->d_name, pack_top[i]))
				break;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (i == sizeof pack_top / sizeof *pack_top) {
			report(fn, ctx, 0, path, 0, _("not part of a module:"
			    " only module.ini, lessons/, quizzes/, media/, "
			    "help/, speech/ and glossary/"));
			problems++;
		} else if (lstat(path, &st) != 0 ||
		    (i == 0) != (S_ISREG(st.st_mode) != 0) ||
		    (i > 0 && !S_ISDIR(st.st_mode))) {
			report(fn, ctx, 0, path, 0, i == 0 ?
			    _("must be a plain file") : _("must be a folder"));
			problems++;
		} else if (i == 0)
			list_add(l, e->d_name);
		else
			problems += walk(dir, e->d_name, l, fn, ctx);
	}
	closedir(d);
	if (l->n > PACKAGE_MAX_FILES) {
		report(fn, ctx, 0, dir, 0, _("more than 4096 files"));
		problems++;
	}
	qsort(l->paths, l->n, sizeof *l->paths, cmp_path);
	return problems;
}

/* Whether a question says why its answers are right or wrong: every
 * answer has its feedback, or the question has a general one. */
static int
question_explains(const struct quiz_question *q)
{
	int i;

	if (q->general_feedback != NULL || q->type == QUIZ_ESSAY)
		return 1;
	if (q->type == QUIZ_MATCHING || q->nchoices == 0)
		return 0;
	for (i = 0; i < q->nchoices; i++)
		if (q->choices[i].feedback == NULL &&
		    (q->type != QUIZ_TRUEFALSE || i == 0))
			return 0;
	return 1;
}

/* Checks a read bank: ids unique, a description followed by a question
 * (it is shown before that one; warned), the same ids in the same order as the first language's bank
 * (first, or NULL), and a warning for questions that do not explain. */
static int
check_bank(const struct quiz_bank *bank, const char *path,
    const struct quiz_bank *first, pack_report_fn fn, void *ctx)
{
	const struct quiz_question *q;
	char msg[512];
	int j, k, problems = 0;
	unsigned w;

	for (j = 0; j < bank->n; j++) {
		q = &bank->questions[j];
		if (q->type == QUIZ_DESCRIPTION && j == bank->n - 1)
			report(fn, ctx, 1, path, q->line, _("a description at "
			    "the end of a bank is never shown: it is shown "
			    "before the question after it"));
		for (k = 0; k < j; k++)
			if (!strcmp(bank->questions[k].id, q->id))
				break;
		if (k < j) {
			snprintf(msg, sizeof msg, _("the id '%s' is the id of "
			    "the question at line %d too: each needs its own"),
			    q->id, bank->questions[k].line);
			report(fn, ctx, 0, path, q->line, msg);
			problems++;
		}
		if (first != NULL && j < first->n &&
		    strcmp(first->questions[j].id, q->id) != 0) {
			snprintf(msg, sizeof msg, _("the id '%s' is '%s' in the "
			    "first language: a question has the same id in "
			    "every language: give it one in a comment line "
			    "before it, // [id:...]"), q->id,
			    first->questions[j].id);
			report(fn, ctx, 1, path, q->line, msg);
		}
		if (q->type != QUIZ_DESCRIPTION && !question_explains(q))
			report(fn, ctx, 1, path, q->line, _("no feedback: say "
			    "why each answer is right or wrong (#...), or why "
			    "for the question (####...)"));
		for (w = 1; w != 0 && w <= q->warnings; w <<= 1)
			if (q->warnings & w)
				report(fn, ctx, 1, path, q->line,
				    _(gift_warning_text(w)));
	}
	return problems;
}

/* Checks that each glossary mark of lesson l (at path) has its entry in
 * g, read from gpath, and counts the marks of each entry in used[] (and
 * all the marks in used[g->n]). */
static int
check_marks(const struct lesson *l, const char *path,
    const struct glossary *g, const char *gpath, int *used,
    pack_report_fn fn, void *ctx)
{
	const struct glossary_entry *e;
	const struct lesson_block *blk;
	char msg[512];
	int i, j, k, problems = 0;

	for (i = 0; i < l->nscreens; i++)
		for (j = 0; j < l->screens[i].nblocks; j++) {
			blk = &l->screens[i].blocks[j];
			for (k = 0; k < blk->nmarks; k++) {
				used[g->n]++;	/* marks seen, in all */
				e = glossary_find(g, blk->marks[k].term);
				if (e != NULL) {
					used[e - g->entries]++;
					continue;
				}
				snprintf(msg, sizeof msg, _("glossary term '%s' "
				    "is not in %s"), blk->marks[k].term, gpath);
				report(fn, ctx, 0, path, blk->marks[k].line, msg);
				problems++;
			}
		}
	return problems;
}

/* Checks one lesson file; warns of screens that will scroll at 80x24.
 * With g, its glossary marks are checked against it (gpath). */
static int
check_lesson(const char *path, const struct glossary *g, const char *gpath,
    int *used, pack_report_fn fn, void *ctx)
{
	struct lesson_page page;
	struct lesson *l;
	struct hs_error e;
	char what[128];
	int i, problems;

	if (lesson_load(path, &l, &e) != 0) {
		if (fn != NULL)
			fn(&e, 0, ctx);
		return 1;
	}
	for (i = 0; i < l->nscreens; i++) {
		lesson_layout(&l->screens[i], PACK_SCREEN_WIDTH, &page);
		if (page.nlines > PACK_SCREEN_LINES) {
			snprintf(what, sizeof what, _("screen %d is %d lines long"
			    " and will scroll at 80x24"), i + 1, page.nlines);
			report(fn, ctx, 1, path, 0, what);
		}
		lesson_page_free(&page);
	}
	problems = check_marks(l, path, g, gpath, used, fn, ctx);
	lesson_free(l);
	return problems;
}

/* The glossary files: one <lang>.md per language of m, each read and
 * checked.  Returns the problems. */
static int
check_glossary_files(const struct module *m, pack_report_fn fn, void *ctx)
{
	char path[4096], name[64];
	struct dirent *d;
	DIR *dir;
	int i, problems = 0;

	snprintf(path, sizeof path, "%s/glossary", m->dir);
	if ((dir = opendir(path)) == NULL)
		return 0;
	while ((d = readdir(dir)) != NULL) {
		if (d->d_name[0] == '.')
			continue;
		for (i = 0; i < m->ntexts; i++) {
			snprintf(name, sizeof name, "%s.md", m->texts[i].lang);
			if (!strcmp(d->d_name, name))
				break;
		}
		if (i == m->ntexts) {
			snprintf(path, sizeof path, "%s/glossary/%s", m->dir,
			    d->d_name);
			report(fn, ctx, 0, path, 0, _("not a glossary: "
			    "glossary/ holds one <lang>.md per language of "
			    "module.ini"));
			problems++;
		}
	}
	closedir(dir);
	return problems;
}

struct help_report {
	pack_report_fn fn;
	void *ctx;
};

/* A glossary's problem, passed on as an error. */
static void
glossary_problem(const struct hs_error *err, void *ctx)
{
	struct help_report *r = ctx;

	if (r->fn != NULL)
		r->fn(err, 0, r->ctx);
}

static void
help_report(const struct hs_error *err, void *ctx)
{
	struct help_report *r = ctx;

	if (r->fn != NULL)
		r->fn(err, 0, r->ctx);
}

/* The help part's pages, each situation in each of m's languages. */
static int
pack_check_help(const struct module *m, pack_report_fn fn, void *ctx)
{
	struct help_report r = { fn, ctx };
	const char *langs[MODULE_MAX_LANGS];
	int i;

	for (i = 0; i < m->ntexts; i++)
		langs[i] = m->texts[i].lang;
	return help_check(m->dir, langs, m->ntexts, help_report, &r);
}

int
pack_check(const char *dir, pack_report_fn fn, void *ctx)
{
	struct file_list files = { 0 };
	struct quiz_bank bank, first[MODULE_MAX_BANKS];
	struct hs_error e;
	struct module m;
	char path[4096], msg[512];
	int problems, i, j, b, total;
	unsigned firstbad = 0;	/* banks that did not read in the first
				 * language */

	memset(first, 0, sizeof first);

	problems = pack_files(dir, &files, fn, ctx);
	list_free(&files);
	if (module_load(dir, &m, &e) != 0) {
		if (fn != NULL)
			fn(&e, 0, ctx);
		return problems + 1;
	}
	for (i = 0; i < m.ntexts; i++) {
		const char *lang = m.texts[i].lang, *first_lang =
		    m.texts[0].lang;
		struct speech_lexicon lex;
		struct hs_error lerr;
		struct glossary g = { 0 };
		struct help_report gr = { fn, ctx };
		char gpath[4096], grel[64];
		int *used = NULL, rc, fallback = 0;

		/* The pronunciation list read-aloud uses, if any. */
		if (speech_lexicon_load(dir, lang, &lex, &lerr) != 0) {
			if (fn != NULL)
				fn(&lerr, 0, ctx);
			problems++;
		} else
			speech_lexicon_free(&lex);

		/* Its glossary, which its lessons' marks must name. */
		snprintf(gpath, sizeof gpath, "%s/glossary/%s.md", dir, lang);
		snprintf(grel, sizeof grel, "glossary/%s.md", lang);
		if (access(gpath, F_OK) == 0) {
			rc = glossary_load(gpath, &g, glossary_problem, &gr,
			    &lerr);
			if (rc < 0) {
				if (fn != NULL)
					fn(&lerr, 0, ctx);
				problems++;
			} else
				problems += rc;
		} else if (i > 0) {
			/* Its learners read the first language's glossary,
			 * as they read its lessons when theirs are missing;
			 * its problems are reported with that language. */
			snprintf(path, sizeof path, "%s/glossary/%s.md", dir,
			    first_lang);
			if (access(path, F_OK) == 0 && glossary_load(path, &g,
			    NULL, NULL, &lerr) >= 0) {
				fallback = 1;
				snprintf(grel, sizeof grel, "glossary/%s.md",
				    first_lang);
			}
		}
		used = xcalloc((size_t)g.n + 1, sizeof *used);
		for (j = 0; j < m.nlessons; j++) {
			snprintf(path, sizeof path, "%s/lessons/%s/%s.md", dir,
			    lang, m.lessons[j]);
			if (access(path, F_OK) == 0)
				problems += check_lesson(path, &g, grel, used,
				    fn, ctx);
			else if (i == 0) {
				/* No language to fall back on. */
				snprintf(msg, sizeof msg, _("missing: the first "
				    "language (%s) needs every lesson"), lang);
				report(fn, ctx, 0, path, 0, msg);
				problems++;
			} else {
				snprintf(msg, sizeof msg, _("missing: learners "
				    "in %s will read this lesson in %s"), lang,
				    first_lang);
				report(fn, ctx, 1, path, 0, msg);
			}
		}
		if (fallback && used[g.n] > 0) {
			snprintf(msg, sizeof msg, _("missing: learners in %s "
			    "will read the glossary in %s"), lang, first_lang);
			report(fn, ctx, 1, gpath, 0, msg);
		}
		for (j = 0; j < g.n && !fallback; j++)
			if (used[j] == 0) {
				snprintf(msg, sizeof msg, _("no lesson in %s "
				    "marks the glossary term '%s'"), lang,
				    g.entries[j].term);
				report(fn, ctx, 1, gpath, g.entries[j].line, msg);
			}
		free(used);
		glossary_free(&g);
		total = 0;
		for (b = 0; b < m.nbanks; b++) {
			snprintf(path, sizeof path, "%s/quizzes/%s/%s", dir,
			    lang, m.quiz_banks[b]);
			memset(&bank, 0, sizeof bank);
			if (access(path, F_OK) != 0 && errno == ENOENT) {
				if (i == 0) {
					snprintf(msg, sizeof msg, _("missing: "
					    "the quiz's bank %s is needed in "
					    "the first language (%s)"),
					    m.quiz_banks[b], lang);
					report(fn, ctx, 0, path, 0, msg);
					problems++;
					total = -1;
					firstbad |= 1u << b;
				} else if (!(firstbad & (1u << b))) {
					snprintf(msg, sizeof msg, _("missing: "
					    "learners in %s will take this "
					    "bank in %s"), lang, first_lang);
					report(fn, ctx, 1, path, 0, msg);
					if (firstbad & (1u << b))
						total = -1;
					else if (total >= 0)
						total += first[b].n;
				}
				continue;
			}
			if (gift_load(path, &bank, &e) != 0) {
				if (fn != NULL)
					fn(&e, 0, ctx);
				problems++;
				total = -1;
				if (i == 0)
					firstbad |= 1u << b;
				continue;
			}
			problems += check_bank(&bank, path, i > 0 &&
			    !(firstbad & (1u << b)) ? &first[b] : NULL, fn,
			    ctx);
			if (total >= 0)
				total += quiz_bank_answered(&bank);
			/* Every language's bank has the first language's
			 * questions, in the same order; a first bank that
			 * did not read has been reported already. */
			if (i > 0 && !(firstbad & (1u << b)) &&
			    bank.n != first[b].n) {
				snprintf(msg, sizeof msg, P_("%d question, but "
				    "the first language's bank (%s) has %d: "
				    "each language's bank has the same "
				    "questions in the same order",
				    "%d questions, but the first language's "
				    "bank (%s) has %d: each language's bank "
				    "has the same questions in the same order",
				    bank.n), bank.n, first_lang, first[b].n);
				report(fn, ctx, 0, path, 0, msg);
				problems++;
			}
			if (i == 0)
				first[b] = bank;	/* to compare the others */
			else
				quiz_bank_free(&bank);
		}
		if (total == 0 && m.nbanks > 0) {
			snprintf(path, sizeof path, "%s/quizzes/%s/%s", dir,
			    m.texts[i].lang, m.quiz_banks[m.nbanks - 1]);
			report(fn, ctx, 0, path, 0, _("no question to answer: "
			    "a quiz needs more than descriptions"));
			problems++;
		} else if (total >= 0 && total < m.quiz_questions) {
			snprintf(path, sizeof path, "%s/quizzes/%s/%s", dir,
			    m.texts[i].lang, m.quiz_banks[m.nbanks - 1]);
			snprintf(msg, sizeof msg, P_("the quiz draws %d questions "
			    "but this bank has %d", "the quiz draws %d questions "
			    "but its banks have %d", m.nbanks), m.quiz_questions,
			    total);
			report(fn, ctx, 0, path, 0, msg);
			problems++;
		}
	}
	for (b = 0; b < m.nbanks; b++)
		quiz_bank_free(&first[b]);
	problems += pack_check_help(&m, fn, ctx);
	problems += check_glossary_files(&m, fn, ctx);
	module_free(&m);
	return problems;
}

/* Hashes the file at path: size and lower-case hex SHA-256. */
static int
hash_file(const char *path, struct manifest_file *f, struct hs_error *err)
{
	unsigned char buf[65536], digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_state st;
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY)) < 0)
		return hs_error_set_at(err, HS_EIO, path, 0, 0, "%s",
		    strerror(errno));
	crypto_hash_sha256_init(&st);
	f->size = 0;
	while ((n = read(fd, buf, sizeof buf)) > 0) {
		crypto_hash_sha256_update(&st, buf, n);
		f->size += n;
	}
	close(fd);
	if (n < 0)
		return hs_error_set_at(err, HS_EIO, path, 0, 0, "%s",
		    strerror(errno));
	crypto_hash_sha256_final(&st, digest);
	sodium_bin2hex(f->sha256, sizeof f->sha256, digest, sizeof digest);
	return 0;
}

int
pack_build(const char *dir, const char *out, const struct keys_secret *key,
    pack_progress_fn progress, void *ctx, struct hs_error *err)
{
	struct file_list files = { 0 };
	struct manifest man = { 0 };
	struct module m;
	struct archive *a = NULL;
	struct fileio_tmp t;
	char path[4096], *json = NULL, *sig = NULL, *data;
	size_t jlen, slen, dlen;
	long long total = 0, done = 0;
	int rc = 0, problems, i;

	if ((problems = pack_check(dir, NULL, NULL)) > 0)
		return hs_error_set_at(err, HS_EINVAL, dir, 0, 0, P_("%d problem:"
		    " see hocso-pack check", "%d problems: see hocso-pack check",
		    problems), problems);
	if ((rc = module_load(dir, &m, err)) != 0)
		return rc;
	pack_files(dir, &files, NULL, NULL);
	man.format = PACKAGE_FORMAT;
	man.id = m.id;
	man.version = m.version;
	man.files = xcalloc(files.n + 1, sizeof *man.files);
	for (i = 0; i < files.n; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, files.paths[i]);
		man.files[i].path = files.paths[i];
		if ((rc = hash_file(path, &man.files[i], err)) != 0)
			goto out;
		man.nfiles++;
		total += man.files[i].size;
	}
	json = manifest_to_json(&man, &jlen);
	if (key != NULL)
		sig = manifest_sign(key, json, jlen, &slen);

	if ((rc = fileio_begin(&t, out, 0644, err)) != 0)
		goto out;
	a = archive_write_new();
	if (archive_write_set_format_pax_restricted(a) != ARCHIVE_OK ||
	    archive_write_add_filter_gzip(a) != ARCHIVE_OK ||
	    archive_write_set_filter_option(a, "gzip", "timestamp", NULL) !=
	    ARCHIVE_OK || archive_write_set_bytes_in_last_block(a, 1) !=
	    ARCHIVE_OK || archive_write_open_fd(a, t.fd) != ARCHIVE_OK) {
		rc = hs_error_set_at(err, HS_EIO, out, 0, 0, "%s",
		    archive_error_string(a));
		goto out_tmp;
	}
	if (archive_put_file(a, PACKAGE_MANIFEST, json, jlen, NULL) != 0 ||
	    (sig != NULL && archive_put_file(a, PACKAGE_SIGNATURE, sig, slen,
	    NULL) != 0))
		goto fail_write;
	for (i = 0; i < man.nfiles; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, man.files[i].path);
		if ((data = util_read_file(path, PACKAGE_MAX_FILE_SIZE, &dlen,
		    err)) == NULL) {
			rc = HS_EIO;
			goto out_tmp;
		}
		if ((long long)dlen != man.files[i].size) {
			free(data);
			rc = hs_error_set_at(err, HS_EIO, path, 0, 0, "%s",
			    _("changed during the build"));
			goto out_tmp;
		}
		rc = archive_put_file(a, man.files[i].path, data, dlen, NULL);
		free(data);
		if (rc != 0)
			goto fail_write;
		done += (long long)dlen;
		if (progress != NULL)
			progress(done, total, ctx);
	}
	if (archive_write_close(a) != ARCHIVE_OK)
		goto fail_write;
	rc = fileio_commit(&t, err);
	goto out;
fail_write:
	rc = hs_error_set_at(err, HS_EIO, out, 0, 0, "%s",
	    archive_error_string(a) != NULL ? archive_error_string(a) :
	    _("cannot write"));
out_tmp:
	fileio_abort(&t);
out:
	if (a != NULL)
		archive_write_free(a);
	free(json);
	free(sig);
	free(man.files);
	list_free(&files);
	module_free(&m);
	return rc;
}

int
pack_inspect(const char *path, struct pack_info *info, struct hs_error *err)
{
	struct archive_entry *e;
	struct archive *a;
	struct quiz_bank bank = { 0 };
	char *json = NULL, *sig = NULL, *data, lang[16];
	size_t jlen = 0, slen = 0, dlen;
	int rc = 0, i, r, fd = -1;

	memset(info, 0, sizeof *info);
	a = archive_tar_reader();
	/* The package may be on a stick: no link, no FIFO, no device. */
	if ((fd = fileio_open_untrusted(path, PACKAGE_MAX_TOTAL_SIZE,
	    err)) < 0) {
		rc = fd;
		goto out;
	}
	if (archive_read_open_fd(a, fd, 65536) != ARCHIVE_OK) {
		rc = hs_error_set_at(err, HS_EINVAL, path, 0, 0, "%s",
		    archive_error_string(a));
		goto out;
	}
	if (archive_read_next_header(a, &e) != ARCHIVE_OK ||
	    strcmp(archive_entry_pathname(e), PACKAGE_MANIFEST) != 0 ||
	    (json = archive_read_entry_data(a, PACKAGE_MAX_MANIFEST_SIZE,
	    &jlen)) == NULL) {
		rc = hs_error_set_at(err, HS_EINVAL, path, 0, 0, "%s",
		    _("not a module package: it must start with MANIFEST.json"));
		goto out;
	}
	if ((rc = manifest_parse(json, jlen, &info->manifest, err)) != 0)
		goto out;
	r = archive_read_next_header(a, &e);
	if (r == ARCHIVE_OK &&
	    !strcmp(archive_entry_pathname(e), PACKAGE_SIGNATURE)) {
		if ((sig = archive_read_entry_data(a, 4096, &slen)) == NULL) {
			rc = hs_error_set_at(err, HS_EINVAL, path, 0, 0, _("%s is "
			    "malformed"), PACKAGE_SIGNATURE);
			goto out;
		}
		if ((rc = manifest_check_signature(sig, slen, json, jlen,
		    &info->signer, err)) != 0)
			goto out;
		r = archive_read_next_header(a, &e);
	} else
		info->is_unsigned = 1;
	for (i = 0; i < info->manifest.nfiles; i++) {
		const char *p = info->manifest.files[i].path;

		info->bytes += info->manifest.files[i].size;
		if (sscanf(p, "lessons/%15[^/]/", lang) == 1 &&
		    strlen(p) > 3 && !strcmp(p + strlen(p) - 3, ".md")) {
			info->lessons++;
			if (strstr(info->langs, lang) == NULL &&
			    strlen(info->langs) + strlen(lang) + 2 <
			    sizeof info->langs) {
				if (info->langs[0] != '\0')
					strcat(info->langs, " ");
				strcat(info->langs, lang);
			}
		}
	}
	for (; r == ARCHIVE_OK; r = archive_read_next_header(a, &e)) {
		const char *p = archive_entry_pathname(e);
		size_t n = strlen(p);

		if (strncmp(p, "quizzes/", 8) != 0 || n < 5 ||
		    strcmp(p + n - 5, ".gift") != 0)
			continue;
		if ((data = archive_read_entry_data(a, PACKAGE_MAX_FILE_SIZE,
		    &dlen)) == NULL)
			break;
		gift_parse(data, dlen, p, &bank, NULL);	/* appends */
		free(data);
	}
	info->questions = quiz_bank_answered(&bank);	/* every bank, every language */
	quiz_bank_free(&bank);
	if (r != ARCHIVE_EOF && r != ARCHIVE_OK) {
		rc = hs_error_set_at(err, HS_EINVAL, path, 0, 0, "%s",
		    archive_error_string(a));
		goto out;
	}
out:
	if (rc != 0)
		pack_info_free(info);
	archive_read_free(a);
	if (fd >= 0)
		close(fd);
	free(json);
	free(sig);
	return rc;
}

void
pack_info_free(struct pack_info *info)
{
	manifest_free(&info->manifest);
	memset(info, 0, sizeof *info);
}

/* The skeleton's files: a working module to start from. */
static const struct {
	const char *path;
	const char *text;
} skeleton[] = {
	{ "module.ini",
	  "; A hocso module: see docs/module-format.md.\n"
	  "[module]\n"
	  "id = @ID@\n"
	  "version = 0.1.0\n"
	  "age = 8-11\n"
	  "languages = vi en\n"
	  "\n"
	  "[vi]\n"
	  "title = Chủ đề mới\n"
	  "summary = Một câu ngắn nói bài học này dạy gì.\n"
	  "\n"
	  "[en]\n"
	  "title = A new topic\n"
	  "summary = One short sentence on what this module teaches.\n"
	  "\n"
	  "[quiz]\n"
	  "bank = quiz.gift\n"
	  "questions = 1\n"
	  "pass = 80\n" },
	{ "lessons/vi/01-bat-dau.md",
	  "# Bắt đầu\n"
	  "\n"
	  "Mỗi màn hình là một ý ngắn. Dùng **chữ đậm** cho từ quan trọng.\n"
	  "\n"
	  "---\n"
	  "\n"
	  "## Màn hình thứ hai\n"
	  "\n"
	  "- Một dòng `---` bắt đầu màn hình mới.\n"
	  "- Giữ mỗi màn hình ngắn, vừa 80×24.\n"
	  "\n"
	  "> **Cảnh báo:** khung cảnh báo dành cho điều quan trọng nhất.\n" },
	{ "lessons/en/01-bat-dau.md",
	  "# Getting started\n"
	  "\n"
	  "Each screen is one short idea. Use **bold** for key words.\n"
	  "\n"
	  "---\n"
	  "\n"
	  "## The second screen\n"
	  "\n"
	  "- A line with `---` starts a new screen.\n"
	  "- Keep each screen short enough for 80×24.\n"
	  "\n"
	  "> **Warning:** the warning box is for the one thing that matters most.\n" },
	{ "quizzes/vi/quiz.gift",
	  "// Câu hỏi theo định dạng GIFT: xem docs/module-format.md.\n"
	  "\n"
	  "// [id:quiz-01]\n"
	  "::Q1:: Dòng nào bắt đầu một màn hình mới? {\n"
	  "=--- #Đúng rồi!\n"
	  "~*** #Chưa đúng: dòng --- mới bắt đầu màn hình mới.\n"
	  "}\n" },
	{ "quizzes/en/quiz.gift",
	  "// Questions in GIFT format: see docs/module-format.md.\n"
	  "\n"
	  "// [id:quiz-01]\n"
	  "::Q1:: Which line starts a new screen? {\n"
	  "=--- #Right!\n"
	  "~*** #Not quite: a line with --- starts a new screen.\n"
	  "}\n" },
};

int
pack_new(const char *dir, const char *id, struct hs_error *err)
{
	char path[4096], *slash, *text;
	unsigned i;
	int rc;

	if (mkdir(dir, 0755) != 0)
		return hs_error_set_at(err, HS_EIO, dir, 0, 0, "%s",
		    errno == EEXIST ? _("already exists: choose a new folder")
		    : strerror(errno));
	for (i = 0; i < sizeof skeleton / sizeof *skeleton; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, skeleton[i].path);
		slash = strrchr(path, '/');
		*slash = '\0';
		if ((rc = util_mkdir_p(path, err)) != 0)
			return rc;
		*slash = '/';
		const char *at = strstr(skeleton[i].text, "@ID@");
		if (at != NULL) {
			text = xmalloc(strlen(skeleton[i].text) + strlen(id));
			sprintf(text, "%.*s%s%s", (int)(at - skeleton[i].text),
			    skeleton[i].text, id, at + 4);
		} else
			text = xstrdup(skeleton[i].text);
		rc = fileio_write(path, text, strlen(text), 0644, err);
		free(text);
		if (rc != 0)
			return rc;
	}
	return 0;
}

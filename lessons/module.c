/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * module.c: reading a module folder and its module.ini (through inih).
 * It checks what one file can tell; it never reads lesson bodies or
 * question banks.  See module.h.
 */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ini.h>

#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"
#include "lessons/module.h"
#include "quiz/gift.h"

struct ini_ctx {
	struct module *m;
	const char *file;
	char why[256];		/* why the handler refused a line */
	char *langs;		/* the languages = line, checked at the end */
};

static int
id_valid(const char *id)
{
	const char *p;
	int dots = 0;

	if (!islower((unsigned char)id[0]) || strlen(id) > 128)
		return 0;
	for (p = id; *p != '\0'; p++) {
		if (*p == '.') {
			if (p[1] == '.' || p[1] == '\0')
				return 0;
			dots++;
		} else if (!islower((unsigned char)*p) &&
		    !isdigit((unsigned char)*p) && *p != '-')
			return 0;
	}
	return dots >= 1;
}

static int
version_valid(const char *v)
{
	int parts = 0;

	while (*v != '\0') {
		if (!isdigit((unsigned char)*v))
			return 0;
		while (isdigit((unsigned char)*v))
			v++;
		parts++;
		if (*v == '.' && isdigit((unsigned char)v[1]))
			v++;
		else if (*v != '\0')
			return 0;
	}
	return parts >= 1 && parts <= 3;
}

static struct module_text *
module_text_for(struct module *m, const char *lang, int create)
{
	int i;

	for (i = 0; i < m->ntexts; i++)
		if (!strcmp(m->texts[i].lang, lang))
			return &m->texts[i];
	if (!create || m->ntexts == MODULE_MAX_LANGS)
		return NULL;
	snprintf(m->texts[m->ntexts].lang, sizeof m->texts[0].lang, "%s", lang);
	return &m->texts[m->ntexts++];
}

static int
lang_valid(const char *s)
{
	size_t n = strlen(s);

	return (n == 2 || n == 3) && islower((unsigned char)s[0]) &&
	    islower((unsigned char)s[1]) && (n == 2 || islower((unsigned char)s[2]));
}

static int
set_string(char **slot, const char *value)
{
	free(*slot);
	*slot = text_nfc(value, strlen(value));
	return 1;
}

static int
set_number(int *slot, const char *value, int lo, int hi)
{
	char *end;
	long v = strtol(value, &end, 10);

	if (*value == '\0' || *end != '\0' || v < lo || v > hi)
		return 0;
	*slot = (int)v;
	return 1;
}

/* bank = one or more file names in quizzes/<lang>/, separated by
 * spaces: the quiz draws from all of them together. */
static int
set_banks(struct ini_ctx *c, struct module *m, const char *value)
{
	char *copy = xstrdup(value), *w, *save = NULL;

	for (w = strtok_r(copy, " \t", &save); w != NULL;
	    w = strtok_r(NULL, " \t", &save)) {
		if (strchr(w, '/') != NULL || w[0] == '.') {
			snprintf(c->why, sizeof c->why,
			    _("bank must be a file name in quizzes/<lang>/"));
			break;
		}
		if (m->nbanks == MODULE_MAX_BANKS) {
			snprintf(c->why, sizeof c->why, _("a quiz has at most "
			    "%d banks"), MODULE_MAX_BANKS);
			break;
		}
		m->quiz_banks[m->nbanks++] = xstrdup(w);
	}
	free(copy);
	if (w != NULL)
		return 0;
	if (m->nbanks == 0) {
		snprintf(c->why, sizeof c->why,
		    _("bank must be a file name in quizzes/<lang>/"));
		return 0;
	}
	return set_string(&m->quiz_bank, value);
}

static int
module_ini_line(void *user, const char *section, const char *name,
    const char *value)
{
	struct ini_ctx *c = user;
	struct module *m = c->m;
	struct module_text *t;

	if (!strcmp(section, "module")) {
		if (!strcmp(name, "id")) {
			if (!id_valid(value)) {
				snprintf(c->why, sizeof c->why, _("bad module "
				    "id '%s': use lower-case reverse-DNS, "
				    "e.g. vn.school.passwords"), value);
				return 0;
			}
			return set_string(&m->id, value);
		}
		if (!strcmp(name, "version")) {
			if (!version_valid(value)) {
				snprintf(c->why, sizeof c->why, _("bad version "
				    "'%s': use numbers such as 1.2.0"), value);
				return 0;
			}
			return set_string(&m->version, value);
		}
		if (!strcmp(name, "age"))
			return set_string(&m->age, value);
		if (!strcmp(name, "mastery")) {
			int used = 0;

			if (sscanf(value, "%d/%d%n", &m->mastery_right,
			    &m->mastery_of, &used) == 2 &&
			    value[used] == '\0' && m->mastery_right >= 1 &&
			    m->mastery_right <= m->mastery_of &&
			    m->mastery_of <= 20)
				return 1;
			m->mastery_right = m->mastery_of = 0;
			snprintf(c->why, sizeof c->why, _("mastery must be M/N: "
			    "M right of the last N practice answers, "
			    "1 <= M <= N <= 20"));
			return 0;
		}
		if (!strcmp(name, "order")) {
			if (set_number(&m->order, value, 0, 1000000))
				return 1;
			snprintf(c->why, sizeof c->why,
			    _("order must be a number from 0 to 1000000"));
			return 0;
		}
		if (!strcmp(name, "languages"))
			return set_string(&c->langs, value);
	} else if (!strcmp(section, "quiz")) {
		if (!strcmp(name, "bank"))
			return set_banks(c, m, value);
		if (!strcmp(name, "questions")) {
			if (set_number(&m->quiz_questions, value, 0, 500))
				return 1;
			snprintf(c->why, sizeof c->why,
			    _("questions must be a number from 0 to 500"));
			return 0;
		}
		if (!strcmp(name, "shuffle") || !strcmp(name, "mode")) {
			int *slot = name[0] == 's' ? &m->quiz_shuffle :
			    &m->quiz_practice;
			const char *yes = name[0] == 's' ? "yes" : "practice";
			const char *no = name[0] == 's' ? "no" : "test";

			if (!strcmp(value, yes) || !strcmp(value, no)) {
				*slot = !strcmp(value, yes);
				return 1;
			}
			snprintf(c->why, sizeof c->why, _("%s must be %s or %s"),
			    name, yes, no);
			return 0;
		}
		if (!strcmp(name, "attempts")) {
			if (set_number(&m->quiz_attempts, value, 0, 1000))
				return 1;
			snprintf(c->why, sizeof c->why,
			    _("attempts must be a number from 0 (any) to 1000"));
			return 0;
		}
		if (!strcmp(name, "no_diacritics")) {
			if (set_number(&m->quiz_no_diacritics, value, 0, 100))
				return 1;
			snprintf(c->why, sizeof c->why, _("no_diacritics must "
			    "be a percentage from 0 (off) to 100"));
			return 0;
		}
		if (!strcmp(name, "minutes")) {
			if (set_number(&m->quiz_minutes, value, 0, 600))
				return 1;
			snprintf(c->why, sizeof c->why, _("minutes must be a "
			    "number from 0 (no time limit) to 600"));
			return 0;
		}
		if (!strcmp(name, "pass")) {
			if (set_number(&m->quiz_pass, value, 0, 100))
				return 1;
			snprintf(c->why, sizeof c->why,
			    _("pass must be a percentage from 0 to 100"));
			return 0;
		}
	} else if (lang_valid(section)) {
		if ((t = module_text_for(m, section, 1)) == NULL) {
			snprintf(c->why, sizeof c->why, _("too many languages"));
			return 0;
		}
		if (!strcmp(name, "title"))
			return set_string(&t->title, value);
		if (!strcmp(name, "summary"))
			return set_string(&t->summary, value);
	} else {
		snprintf(c->why, sizeof c->why, _("unknown section [%s]"),
		    section);
		return 0;
	}
	snprintf(c->why, sizeof c->why, _("unknown key '%s' in [%s]"), name,
	    section);
	return 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds the .md files of dir/lessons/<lang>/ that m does not have yet. */
static int
module_scan_lessons(struct module *m, const char *lang, struct hs_error *err)
{
	char path[4096], *id;
	struct dirent *e;
	DIR *d;
	int i;

	snprintf(path, sizeof path, "%s/lessons/%s", m->dir, lang);
	if ((d = opendir(path)) == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);

		if (e->d_name[0] == '.' || n < 4 || strcmp(e->d_name + n - 3, ".md"))
			continue;
		id = xstrndup(e->d_name, n - 3);	/* the id: no ".md" */
		for (i = 0; i < m->nlessons; i++)
			if (!strcmp(m->lessons[i], id))
				break;
		if (i < m->nlessons) {
			free(id);
			continue;
		}
		if (m->nlessons == MODULE_MAX_LESSONS) {
			free(id);
			closedir(d);
			return hs_error_set_at(err, HS_EINVAL, path, 0, 0,
			    _("more than %d lessons"), MODULE_MAX_LESSONS);
		}
		m->lessons[m->nlessons++] = id;
	}
	closedir(d);
	qsort(m->lessons, m->nlessons, sizeof *m->lessons, cmp_str);
	return 0;
}

int
module_load(const char *dir, struct module *m, struct hs_error *err)
{
	struct ini_ctx c = { 0 };
	char *file, *tok, *save;
	int rc = 0, line, i;

	memset(m, 0, sizeof *m);
	m->dir = xstrdup(dir);
	m->quiz_pass = 80;
	m->order = 1000;
	m->quiz_shuffle = 1;
	file = util_path_join(dir, "module.ini");
	c.m = m;
	c.file = file;
	line = ini_parse(file, module_ini_line, &c);
	if (line < 0) {
		rc = hs_error_set_at(err, HS_EIO, file, 0, 0,
		    _("cannot read the file"));
		goto out;
	}
	if (line > 0) {
		rc = hs_error_set_at(err, HS_EINVAL, file, line, 0, "%s",
		    c.why[0] != '\0' ? c.why : _("not a 'key = value' line"));
		goto out;
	}
	if (m->id == NULL || m->version == NULL) {
		rc = hs_error_set_at(err, HS_EINVAL, file, 0, 0,
		    _("[module] needs an id and a version"));
		goto out;
	}
	if (c.langs == NULL) {
		rc = hs_error_set_at(err, HS_EINVAL, file, 0, 0,
		    _("[module] needs languages, e.g. 'languages = vi en'"));
		goto out;
	}
	/* Keep the texts in the order of the languages line. */
	for (tok = strtok_r(c.langs, " ,", &save), i = 0; tok != NULL;
	    tok = strtok_r(NULL, " ,", &save), i++) {
		struct module_text *t = module_text_for(m, tok, 0), tmp;

		if (t == NULL || t->title == NULL) {
			rc = hs_error_set_at(err, HS_EINVAL, file, 0, 0,
			    _("language '%s' has no [%s] section with a title"),
			    tok, tok);
			goto out;
		}
		tmp = m->texts[i];
		m->texts[i] = *t;
		*t = tmp;
		if ((rc = module_scan_lessons(m, tok, err)) != 0)
			goto out;
	}
	if (m->nlessons == 0)
		rc = hs_error_set_at(err, HS_EINVAL, dir, 0, 0,
		    _("no lessons: add lessons/<lang>/01-name.md"));
	else {
		char *mark = util_path_join(dir, MODULE_UNSIGNED);
		m->unsigned_pkg = access(mark, F_OK) == 0;
		free(mark);
	}
out:
	free(c.langs);
	free(file);
	if (rc != 0)
		module_free(m);
	return rc;
}

void
module_free(struct module *m)
{
	int i;

	for (i = 0; i < m->ntexts; i++) {
		free(m->texts[i].title);
		free(m->texts[i].summary);
	}
	for (i = 0; i < m->nlessons; i++)
		free(m->lessons[i]);
	free(m->dir);
	free(m->id);
	free(m->version);
	free(m->age);
	free(m->quiz_bank);
	for (int b = 0; b < m->nbanks; b++)
		free(m->quiz_banks[b]);
	memset(m, 0, sizeof *m);
}

static const struct module_text *
module_text_in(const struct module *m, const char *lang)
{
	int i;

	for (i = 0; i < m->ntexts; i++)
		if (!strcmp(m->texts[i].lang, lang))
			return &m->texts[i];
	return &m->texts[0];
}

const char *
module_title(const struct module *m, const char *lang)
{
	return module_text_in(m, lang)->title;
}

const char *
module_summary(const struct module *m, const char *lang)
{
	const char *s = module_text_in(m, lang)->summary;

	return s != NULL ? s : "";
}

/* dir/<kind>/<lang>/<name> for lang, then each module language in turn. */
static char *
module_find(const struct module *m, const char *kind, const char *name,
    const char *lang)
{
	char path[4096];
	int i;

	snprintf(path, sizeof path, "%s/%s/%s/%s", m->dir, kind, lang, name);
	if (access(path, R_OK) == 0)
		return xstrdup(path);
	for (i = 0; i < m->ntexts; i++) {
		snprintf(path, sizeof path, "%s/%s/%s/%s", m->dir, kind,
		    m->texts[i].lang, name);
		if (access(path, R_OK) == 0)
			return xstrdup(path);
	}
	return NULL;
}

char *
module_lesson_path(const struct module *m, int i, const char *lang)
{
	char name[512];

	if (i < 0 || i >= m->nlessons)
		return NULL;
	snprintf(name, sizeof name, "%s.md", m->lessons[i]);
	return module_find(m, "lessons", name, lang);
}

char *
module_quiz_path(const struct module *m, int i, const char *lang)
{
	if (i < 0 || i >= m->nbanks)
		return NULL;
	return module_find(m, "quizzes", m->quiz_banks[i], lang);
}

int
module_quiz_load(const struct module *m, const char *lang,
    struct quiz_bank *bank, struct hs_error *err)
{
	struct quiz_bank one;
	char *path;
	int b, rc;

	memset(bank, 0, sizeof *bank);
	for (b = 0; b < m->nbanks; b++) {
		memset(&one, 0, sizeof one);
		if ((path = module_quiz_path(m, b, lang)) == NULL) {
			rc = hs_error_set(err, HS_ENOTFOUND, _("the quiz bank %s "
			    "is missing"), m->quiz_banks[b]);
			goto fail;
		}
		rc = gift_load(path, &one, err);
		free(path);
		if (rc != 0)
			goto fail;
		quiz_bank_append(bank, &one);
	}
	return 0;
fail:
	quiz_bank_free(bank);
	memset(bank, 0, sizeof *bank);
	return rc;
}

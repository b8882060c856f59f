/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * help.c: reading and checking a module's help part (help.h): one small
 * line-based file per situation and language.  It owns the file format
 * and its rules (3 to 5 steps, the 111 line and the trusted adult always
 * there, a picture that fits); it never draws, and never touches a store.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/fileio.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"
#include "lessons/help.h"

#define HELP_MAX_FILE (64 * 1024)

static const char *const situation_names[HELP_NSITUATIONS] = {
	"bullying", "stranger", "threat", "account", "upsetting", "friend",
	"other",
};

const char *
help_situation_name(int s)
{
	return s >= 0 && s < HELP_NSITUATIONS ? situation_names[s] : NULL;
}

int
help_situation_from_name(const char *name)
{
	int s;

	for (s = 0; s < HELP_NSITUATIONS; s++)
		if (name != NULL && !strcmp(name, situation_names[s]))
			return s;
	return -1;
}

int
help_present(const char *dir)
{
	char path[4096];
	struct stat st;

	snprintf(path, sizeof path, "%s/help", dir);
	return lstat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

void
help_page_free(struct help_page *p)
{
	int i;

	free(p->title);
	free(p->keywords);
	free(p->art);
	for (i = 0; i < p->nsteps; i++)
		free(p->steps[i]);
	free(p->hotline);
	free(p->adult);
	memset(p, 0, sizeof *p);
}

/* The text after "key:" on line s (n bytes), spaces trimmed, or NULL
 * when the line is not that key's. */
static const char *
keyed(const char *s, size_t n, const char *key, size_t *vlen)
{
	size_t k = strlen(key);

	if (n <= k || strncmp(s, key, k) != 0 || s[k] != ':')
		return NULL;
	s += k + 1;
	n -= k + 1;
	while (n > 0 && *s == ' ')
		s++, n--;
	*vlen = n;
	return s;
}

/* Appends the n bytes at s to *dst (a new string when NULL), after sep. */
static void
append(char **dst, const char *sep, const char *s, size_t n)
{
	size_t old = *dst != NULL ? strlen(*dst) : 0;
	char *p = xmalloc(old + strlen(sep) + n + 1);

	if (*dst != NULL) {
		memcpy(p, *dst, old);
		memcpy(p + old, sep, strlen(sep));
		old += strlen(sep);
	}
	memcpy(p + old, s, n);
	p[old + n] = '\0';
	free(*dst);
	*dst = p;
}

/* Whether the line holds only spaces. */
static int
blank(const char *s, size_t n)
{
	while (n > 0 && (*s == ' ' || *s == '\t'))
		s++, n--;
	return n == 0;
}

/* The number of a step line ("3. ..."), its text's start in *text; or 0. */
static int
step_number(const char *s, size_t n, size_t *text)
{
	size_t i = 0;
	int v = 0;

	while (i < n && i < 2 && s[i] >= '0' && s[i] <= '9')
		v = v * 10 + (s[i++] - '0');
	if (i == 0 || i + 1 >= n || s[i] != '.' || s[i + 1] != ' ')
		return 0;
	*text = i + 2;
	return v;
}

int
help_page_read(const char *path, struct help_page *p, struct hs_error *err)
{
	char *buf = NULL, *text = NULL, *line;
	const char *v;
	size_t len, n, vlen, at;
	int rc, lineno = 0, in_art = 0, art_lines = 0, art_line = 0, num;
	int last_step = 0;	/* the last line was a step's */

	memset(p, 0, sizeof *p);
	if ((rc = fileio_read(path, HELP_MAX_FILE, &buf, &len, err)) != 0)
		return rc;
	text = text_nfc(buf, len);
	free(buf);
	line = text;
	while (*line != '\0') {
		char *end = strchr(line, '\n');

		n = end != NULL ? (size_t)(end - line) : strlen(line);
		if (n > 0 && line[n - 1] == '\r')
			n--;
		lineno++;
		if (in_art) {
			if (n >= 3 && !strncmp(line, "```", 3) &&
			    blank(line + 3, n - 3)) {
				in_art = 0;
			} else if (++art_lines > HELP_ART_LINES) {
				rc = hs_error_set_at(err, HS_EINVAL, path,
				    lineno, 0, _("the picture is more than %d "
				    "lines high"), HELP_ART_LINES);
				goto out;
			} else if (text_width(line, n) > HELP_ART_COLS) {
				rc = hs_error_set_at(err, HS_EINVAL, path,
				    lineno, 0, _("the picture is more than %d "
				    "columns wide"), HELP_ART_COLS);
				goto out;
			} else
				append(&p->art, art_lines > 1 ? "\n" : "",
				    line, n);
		} else if (blank(line, n)) {
			last_step = 0;
		} else if (p->title == NULL) {
			if (n < 3 || strncmp(line, "# ", 2) != 0) {
				rc = hs_error_set_at(err, HS_EINVAL, path,
				    lineno, 0, _("a help page starts with its "
				    "title: '# ' and the situation in a "
				    "child's words"));
				goto out;
			}
			append(&p->title, "", line + 2, n - 2);
		} else if ((v = keyed(line, n, "keywords", &vlen)) != NULL) {
			append(&p->keywords, " ", v, vlen);
		} else if (n >= 6 && !strncmp(line, "```art", 6) &&
		    blank(line + 6, n - 6)) {
			if (p->art != NULL) {
				rc = hs_error_set_at(err, HS_EINVAL, path,
				    lineno, 0, _("a help page has one "
				    "picture"));
				goto out;
			}
			in_art = 1;
			art_line = lineno;
			append(&p->art, "", "", 0);
		} else if ((num = step_number(line, n, &at)) > 0) {
			if (num != p->nsteps + 1) {
				rc = hs_error_set_at(err, HS_EINVAL, path,
				    lineno, 0, _("step %d comes after step %d: "
				    "number the steps 1, 2, 3..."), num,
				    p->nsteps);
				goto out;
			}
			if (p->nsteps == HELP_MAX_STEPS) {
				rc = hs_error_set_at(err, HS_EINVAL, path,
				    lineno, 0, _("more than %d steps: a child "
				    "in trouble reads three to five"),
				    HELP_MAX_STEPS);
				goto out;
			}
			append(&p->steps[p->nsteps++], "", line + at, n - at);
			last_step = 1;
		} else if (last_step && (line[0] == ' ' || line[0] == '\t')) {
			for (at = 0; line[at] == ' ' || line[at] == '\t'; at++)
				;
			append(&p->steps[p->nsteps - 1], " ", line + at,
			    n - at);
		} else if ((v = keyed(line, n, "111", &vlen)) != NULL) {
			if (vlen < 3 || memmem(v, vlen, "111", 3) == NULL) {
				rc = hs_error_set_at(err, HS_EINVAL, path,
				    lineno, 0, _("the hotline line must say "
				    "the number 111"));
				goto out;
			}
			append(&p->hotline, " ", v, vlen);
		} else if ((v = keyed(line, n, "adult", &vlen)) != NULL &&
		    vlen > 0) {
			append(&p->adult, " ", v, vlen);
		} else {
			rc = hs_error_set_at(err, HS_EINVAL, path, lineno, 0,
			    _("not part of a help page: a line is a "
			    "'keywords:', a step ('1. '), '111:' or 'adult:'"));
			goto out;
		}
		if (end == NULL)
			break;
		line = end + 1;
	}
	if (in_art)
		rc = hs_error_set_at(err, HS_EINVAL, path, art_line, 0,
		    _("the picture is not closed with ```"));
	else if (p->title == NULL)
		rc = hs_error_set_at(err, HS_EINVAL, path, 1, 0,
		    _("a help page starts with its title: '# ' and the "
		    "situation in a child's words"));
	else if (p->art == NULL || p->art[0] == '\0')
		rc = hs_error_set_at(err, HS_EINVAL, path, lineno, 0,
		    _("no picture: each situation has a small one (```art)"));
	else if (p->nsteps < HELP_MIN_STEPS)
		rc = hs_error_set_at(err, HS_EINVAL, path, lineno, 0,
		    _("%d steps: a help page has three to five"), p->nsteps);
	else if (p->hotline == NULL)
		rc = hs_error_set_at(err, HS_EINVAL, path, lineno, 0,
		    _("no '111:' line: every help page says to call 111"));
	else if (p->adult == NULL)
		rc = hs_error_set_at(err, HS_EINVAL, path, lineno, 0,
		    _("no 'adult:' line: every help page says to tell an "
		    "adult you trust"));
	if (p->keywords == NULL)
		append(&p->keywords, "", "", 0);
out:
	free(text);
	if (rc != 0)
		help_page_free(p);
	return rc;
}

int
help_page_load(const char *dir, const char *lang, int s, struct help_page *p,
    struct hs_error *err)
{
	char path[4096];
	struct stat st;

	memset(p, 0, sizeof *p);
	if (help_situation_name(s) == NULL)
		return hs_error_set(err, HS_EINVAL, "no situation %d", s);
	snprintf(path, sizeof path, "%s/help/%s/%s.md", dir, lang,
	    situation_names[s]);
	if (lstat(path, &st) != 0 && errno == ENOENT)
		return hs_error_set_at(err, HS_ENOTFOUND, path, 0, 0,
		    _("missing: the help part needs each of the seven "
		    "situations in each language"));
	return help_page_read(path, p, err);
}

int
help_check(const char *dir, const char *const *langs, int n,
    void (*report)(const struct hs_error *err, void *ctx), void *ctx)
{
	struct help_page p;
	struct hs_error e;
	struct dirent *de;
	char path[4096], name[256];
	int i, s, problems = 0;
	DIR *d;

	if (!help_present(dir))
		return 0;
	for (i = 0; i < n; i++) {
		for (s = 0; s < HELP_NSITUATIONS; s++) {
			if (help_page_load(dir, langs[i], s, &p, &e) != 0) {
				report(&e, ctx);
				problems++;
			} else
				help_page_free(&p);
		}
		snprintf(path, sizeof path, "%s/help/%s", dir, langs[i]);
		if ((d = opendir(path)) == NULL)
			continue;
		while ((de = readdir(d)) != NULL) {
			size_t len = strlen(de->d_name);

			if (de->d_name[0] == '.')
				continue;
			snprintf(name, sizeof name, "%s", de->d_name);
			if (len > 3 && !strcmp(name + len - 3, ".md"))
				name[len - 3] = '\0';
			if (len > 3 && !strcmp(de->d_name + len - 3, ".md") &&
			    help_situation_from_name(name) >= 0)
				continue;
			snprintf(path, sizeof path, "%s/help/%s/%s", dir,
			    langs[i], de->d_name);
			hs_error_set_at(&e, HS_EINVAL, path, 0, 0,
			    _("not a situation: help pages are bullying.md, "
			    "stranger.md, threat.md, account.md, upsetting.md, "
			    "friend.md and other.md"));
			report(&e, ctx);
			problems++;
		}
		closedir(d);
	}
	return problems;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * glossary.c: reading a module's glossary files through cmark's tree:
 * a level-two heading starts an entry, what follows up to the next one
 * is its body, kept as Markdown for lesson_parse() to lay out.  See
 * glossary.h.  Owns no curses and no files but the one it reads.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmark.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>
#include <uniwidth.h>

#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"
#include "lessons/glossary.h"
#include "lessons/module.h"

char *
glossary_key(const char *term)
{
	size_t len;
	uint8_t *f;
	char *out;

	f = u8_casefold((const uint8_t *)term, strlen(term), NULL, UNINORM_NFC,
	    NULL, &len);
	if (f == NULL)		/* not UTF-8: match it as written */
		return xstrdup(term);
	out = xmalloc(len + 1);
	memcpy(out, f, len);
	out[len] = '\0';
	free(f);
	return out;
}

int
glossary_count_words(const char *text, size_t n)
{
	size_t i = 0;
	int words = 0, counted = 0, k;	/* counted: this token already */
	ucs4_t uc;

	while (i < n) {
		k = u8_mbtouc(&uc, (const uint8_t *)text + i, n - i);
		i += k > 0 ? (size_t)k : 1;
		if (uc == ' ' || uc == '\n' || uc == '\t' || uc == 0xa0)
			counted = 0;
		else if (!counted && (uc_is_alpha(uc) || uc_is_digit(uc))) {
			words++;
			counted = 1;
		}
	}
	return words;
}

static void
report_at(glossary_report_fn report, void *ctx, const char *file, int line,
    const char *msg)
{
	struct hs_error e;

	if (report == NULL)
		return;
	hs_error_set_at(&e, HS_EINVAL, file, line, 0, "%s", msg);
	report(&e, ctx);
}

/* The start of line (1-based) in s, or its end. */
static const char *
line_start(const char *s, int line)
{
	while (--line > 0 && (s = strchr(s, '\n')) != NULL)
		s++;
	return s != NULL ? s : "";
}

/* The plain text of a heading's inlines, in buf. */
static void
heading_text(cmark_node *h, char *buf, size_t len)
{
	cmark_node *c;
	const char *lit;
	size_t n = 0;

	buf[0] = '\0';
	for (c = cmark_node_first_child(h); c != NULL; c = cmark_node_next(c)) {
		lit = cmark_node_get_literal(c);
		if (lit == NULL)
			lit = cmark_node_first_child(c) != NULL ?
			    cmark_node_get_literal(cmark_node_first_child(c)) :
			    NULL;
		if (lit != NULL && n + strlen(lit) < len) {
			memcpy(buf + n, lit, strlen(lit) + 1);
			n += strlen(lit);
		}
	}
}

/* The first character of a picture a terminal may not show as drawn (an
 * emoji, a variation selector, a control character): its code, and in
 * out as UTF-8; 0 when there is none. */
static ucs4_t
art_bad_char(const char *art, size_t n, char out[8])
{
	size_t i = 0;
	ucs4_t uc;
	int k;

	while (i < n) {
		k = u8_mbtouc(&uc, (const uint8_t *)art + i, n - i);
		if (k <= 0)
			k = 1;
		if (uc != '\n' && (uc_is_property_emoji_presentation(uc) ||
		    (uc >= 0xfe00 && uc <= 0xfe0f) || uc == 0x200d ||
		    uc_width(uc, "UTF-8") < 0)) {
			memcpy(out, art + i, (size_t)k < 8 ? (size_t)k : 7);
			out[(size_t)k < 8 ? (size_t)k : 7] = '\0';
			return uc;
		}
		i += (size_t)k;
	}
	return 0;
}

/* Reports the character bad of term's picture at its line in the
 * glossary file (the body, from line from). */
static void
art_report(glossary_report_fn report, void *ctx, const char *file,
    const char *term, const char *body, int from, const char *bad,
    ucs4_t uc)
{
	const char *at = strstr(body, bad), *p;
	char msg[512];
	int line = from;

	for (p = body; at != NULL && p < at; p++)
		line += *p == '\n';
	snprintf(msg, sizeof msg, _("the picture of '%s' has U+%04X, which a "
	    "terminal may not show: draw with ASCII and box drawing"), term,
	    (unsigned)uc);
	report_at(report, ctx, file, line, msg);
}

/* Checks and adds the entry whose heading is at line, its body the
 * source lines from..to (to 0: to the end); an entry named before is
 * left out.  Returns the problems. */
static int
entry_add(struct glossary *g, const char *file, const char *src,
    const char *term, int line, int from, int to, glossary_report_fn report,
    void *ctx)
{
	const char *a = line_start(src, from), *z;
	struct glossary_entry *e;
	struct lesson *l;
	struct hs_error err;
	char msg[512], *key, *body, bad[8];
	int i, j, s, words = 0, art = 0, badart = 0;
	ucs4_t uc;

	z = to > 0 ? line_start(src, to + 1) : a + strlen(a);
	if (z < a)
		z = a;
	key = glossary_key(term);
	for (i = 0; i < g->n; i++)
		if (!strcmp(g->entries[i].key, key)) {
			snprintf(msg, sizeof msg, _("the glossary has '%s' at "
			    "line %d already: each term once"), term,
			    g->entries[i].line);
			report_at(report, ctx, file, line, msg);
			free(key);
			return 1;
		}
	body = xmalloc((size_t)(z - a) + 1);
	memcpy(body, a, (size_t)(z - a));
	body[z - a] = '\0';
	msg[0] = '\0';
	if (lesson_parse(body, strlen(body), file, &l, &err) != 0) {
		l = NULL;
		if (strspn(body, " \t\n") != strlen(body))
			snprintf(msg, sizeof msg, "%s", err.msg);
	}
	for (s = 0; l != NULL && s < l->nscreens; s++)
		for (j = 0; j < l->screens[s].nblocks; j++) {
			const struct lesson_block *blk = &l->screens[s].blocks[j];

			if (blk->kind == LESSON_ART) {
				art++;
				if (!badart && blk->text != NULL && (uc =
				    art_bad_char(blk->text, blk->len, bad))) {
					badart = 1;
					art_report(report, ctx, file, term,
					    body, from, bad, uc);
				}
			} else if (blk->kind != LESSON_CODE_BLOCK &&
			    blk->kind != LESSON_PRACTICE && blk->text != NULL)
				words += glossary_count_words(blk->text,
				    blk->len);
		}
	lesson_free(l);
	if (msg[0] != '\0')
		;	/* the body's own mistake */
	else if (words == 0)
		snprintf(msg, sizeof msg, _("the glossary term '%s' has no "
		    "text: explain it in a sentence or two"), term);
	else if (words > GLOSSARY_MAX_WORDS)
		snprintf(msg, sizeof msg, _("the glossary term '%s' is "
		    "explained in %d words: at most %d"), term, words,
		    GLOSSARY_MAX_WORDS);
	else if (art > 1)
		snprintf(msg, sizeof msg, _("the glossary term '%s' has %d "
		    "pictures: at most one art block"), term, art);
	/* An entry with a mistake is kept all the same, so that the marks
	 * that name it are not reported too. */
	if (msg[0] != '\0')
		report_at(report, ctx, file, line, msg);
	g->entries = xrealloc(g->entries, (g->n + 1) * sizeof *g->entries);
	e = &g->entries[g->n++];
	e->term = xstrdup(term);
	e->key = key;
	e->body = body;
	e->line = line;
	e->words = words;
	return (msg[0] != '\0') + badart;
}

int
glossary_parse(const char *md, size_t len, const char *file,
    struct glossary *g, glossary_report_fn report, void *ctx)
{
	cmark_node *doc, *c;
	char *nfc, term[256], cur[256];
	int problems = 0, cur_line = 0, from = 0, stray = 0;

	memset(g, 0, sizeof *g);
	if (len > GLOSSARY_MAX_BYTES) {
		report_at(report, ctx, file, 0, _("a glossary may be at most "
		    "256 KiB"));
		return 1;
	}
	nfc = text_nfc(md, len);
	doc = cmark_parse_document(nfc, strlen(nfc), CMARK_OPT_VALIDATE_UTF8);
	if (doc == NULL)
		util_oom();
	cur[0] = '\0';
	for (c = cmark_node_first_child(doc); c != NULL; c = cmark_node_next(c)) {
		int type = cmark_node_get_type(c), line =
		    cmark_node_get_start_line(c);

		if (type == CMARK_NODE_HEADING &&
		    cmark_node_get_heading_level(c) == 2) {
			if (cur_line > 0)
				problems += entry_add(g, file, nfc, cur,
				    cur_line, from, line - 1, report, ctx);
			heading_text(c, term, sizeof term);
			snprintf(cur, sizeof cur, "%s", term);
			cur_line = line;
			from = cmark_node_get_end_line(c) + 1;
			if (strspn(cur, " ") == strlen(cur)) {
				report_at(report, ctx, file, line, _("a glossary "
				    "entry's '## heading' names its term"));
				problems++;
				cur_line = 0;
			}
		} else if (cur_line == 0 && !stray && !(type ==
		    CMARK_NODE_HEADING && cmark_node_get_heading_level(c) == 1)) {
			report_at(report, ctx, file, line, _("text before the "
			    "first entry: each entry starts with '## term'"));
			problems++;
			stray = 1;
		}
	}
	if (cur_line > 0)
		problems += entry_add(g, file, nfc, cur, cur_line, from, 0,
		    report, ctx);
	cmark_node_free(doc);
	free(nfc);
	return problems;
}

int
glossary_load(const char *path, struct glossary *g,
    glossary_report_fn report, void *ctx, struct hs_error *err)
{
	size_t len;
	char *md;
	int rc;

	memset(g, 0, sizeof *g);
	if ((md = util_read_file(path, GLOSSARY_MAX_BYTES, &len, err)) == NULL)
		return err != NULL && err->code != 0 ? err->code : HS_EIO;
	rc = glossary_parse(md, len, path, g, report, ctx);
	free(md);
	return rc;
}

void
glossary_for(const struct module *m, const char *lang, struct glossary *g)
{
	char path[4096];
	int i;

	memset(g, 0, sizeof *g);
	for (i = -1; i < m->ntexts; i++) {
		const char *l = i < 0 ? lang : m->texts[i].lang;

		if (l == NULL)
			continue;
		snprintf(path, sizeof path, "%s/glossary/%s.md", m->dir, l);
		if (access(path, R_OK) != 0)
			continue;
		if (glossary_load(path, g, NULL, NULL, NULL) >= 0)
			snprintf(g->lang, sizeof g->lang, "%s", l);
		return;
	}
}

void
glossary_lesson_lang(const char *path, char lang[8])
{
	const char *p = NULL, *q = path, *e;

	lang[0] = '\0';
	while ((q = strstr(q, "/lessons/")) != NULL)
		p = q++;
	if (p == NULL)
		return;
	p += strlen("/lessons/");
	if ((e = strchr(p, '/')) == NULL || e - p >= 8)
		return;
	memcpy(lang, p, (size_t)(e - p));
	lang[e - p] = '\0';
}

const struct glossary_entry *
glossary_find(const struct glossary *g, const char *term)
{
	const struct glossary_entry *found = NULL;
	char *key = glossary_key(term);
	int i;

	for (i = 0; i < g->n && found == NULL; i++)
		if (!strcmp(g->entries[i].key, key))
			found = &g->entries[i];
	free(key);
	return found;
}

void
glossary_free(struct glossary *g)
{
	int i;

	for (i = 0; i < g->n; i++) {
		free(g->entries[i].term);
		free(g->entries[i].key);
		free(g->entries[i].body);
	}
	free(g->entries);
	memset(g, 0, sizeof *g);
}

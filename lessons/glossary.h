/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * glossary.h: a module's glossary, one file per language,
 * glossary/<lang>.md: each entry a "## term" heading and a short body of
 * Markdown (at most GLOSSARY_MAX_WORDS words) that may hold one fenced
 * "art" block, its picture.  Lessons mark terms with [[term]] or
 * [[shown|term]] (lesson.h); a mark opens the entry whose name matches
 * it once both are NFC and case-folded.  docs/module-format.md,
 * "Glossary", is the contract.  Nothing here draws.
 */
#ifndef HOCSO_GLOSSARY_H
#define HOCSO_GLOSSARY_H

#include "core/error.h"
#include "lessons/lesson.h"

#define GLOSSARY_MAX_WORDS 40
#define GLOSSARY_MAX_BYTES (256 * 1024)

struct glossary_entry {
	char *term;		/* as written in its heading, NFC */
	char *key;		/* term NFC and case-folded, for matching */
	char *body;		/* its Markdown, NFC (lesson_parse() reads it) */
	int line;		/* of its heading */
	int words;		/* outside its picture */
};

struct glossary {
	char lang[8];		/* the language it was read in, or "" */
	struct glossary_entry *entries;	/* in the file's order */
	int n;
};

struct module;

/* Called for each problem found while reading a glossary. */
typedef void (*glossary_report_fn)(const struct hs_error *err, void *ctx);

/* Reads len bytes of glossary Markdown (file names it in messages) into
 * g, which the caller frees with glossary_free().  Each problem (an
 * entry named twice, one with no text or more than GLOSSARY_MAX_WORDS
 * words, two pictures, text before the first entry) goes to report (may
 * be NULL) with its line; an entry named twice is left out the second
 * time, others are kept.  Returns the number of problems. */
int glossary_parse(const char *md, size_t len, const char *file,
    struct glossary *g, glossary_report_fn report, void *ctx);

/* Reads the file at path as glossary_parse() does.  Returns the number
 * of problems, or a negative code with err filled when it cannot be
 * read (g is then empty). */
int glossary_load(const char *path, struct glossary *g,
    glossary_report_fn report, void *ctx, struct hs_error *err);

/* The glossary of m in lang, or in the first of m's languages that has
 * one, into g (g->lang says which; empty when none has one).  Problems
 * are left out silently (hocso-pack check names them). */
void glossary_for(const struct module *m, const char *lang,
    struct glossary *g);

/* The language of a lesson file's path (".../lessons/<lang>/x.md") in
 * lang, or "" when the path is not one. */
void glossary_lesson_lang(const char *path, char lang[8]);

/* The entry a mark's term opens, or NULL. */
const struct glossary_entry *glossary_find(const struct glossary *g,
    const char *term);

/* term NFC and case-folded: a new string the caller frees. */
char *glossary_key(const char *term);

/* The words of n bytes of text: runs of non-blanks holding a letter or
 * a digit. */
int glossary_count_words(const char *text, size_t n);

void glossary_free(struct glossary *g);

#endif

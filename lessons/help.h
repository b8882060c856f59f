/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * help.h: a module's help part, the self-help a child reads after
 * pressing the help key: for each of seven situations, in each of the
 * module's languages, one file help/<lang>/<situation>.md:
 *
 *   # Có người bắt nạt em            the situation in child words
 *   keywords: bắt nạt, trêu chọc     words a child may search for (optional)
 *   ```art                           a small picture (at most 7 lines of
 *   ...                              at most 30 columns)
 *   ```
 *   1. Đừng trả lời tin nhắn đó.     three to five steps, numbered from 1;
 *      (a step goes on on lines        a step goes on on indented lines
 *      that start with spaces)
 *   111: Gọi 111, miễn phí, …        the hotline line, naming 111
 *   adult: Kể với một người lớn …    "tell an adult you trust"
 *
 * The situations are fixed (the app triages and counts by them); their
 * words are content.  docs/module-format.md, "Help", is the contract.
 */
#ifndef HOCSO_HELP_H
#define HOCSO_HELP_H

#include "core/error.h"

/* The situations, in the order the child sees them. */
enum help_situation {
	HELP_BULLYING,		/* someone is bullying me */
	HELP_STRANGER,		/* a stranger asks for photos, a meeting, secrets */
	HELP_THREAT,		/* someone threatens me or asks for money */
	HELP_ACCOUNT,		/* my account or my money was taken */
	HELP_UPSETTING,		/* I saw something that upset me */
	HELP_FRIEND,		/* a friend is in danger */
	HELP_OTHER,		/* something else */
	HELP_NSITUATIONS
};

#define HELP_MIN_STEPS 3
#define HELP_MAX_STEPS 5
#define HELP_ART_LINES 7
#define HELP_ART_COLS 30

/* One situation's page in one language. */
struct help_page {
	char *title;
	char *keywords;			/* "" when none */
	char *art;			/* lines joined by '\n' */
	char *steps[HELP_MAX_STEPS];
	int nsteps;
	char *hotline;			/* the 111 line */
	char *adult;			/* the trusted adult line */
};

/* The name of situation s as files and records give it ("bullying"),
 * or NULL when s is none. */
const char *help_situation_name(int s);

/* The situation named name, or -1. */
int help_situation_from_name(const char *name);

/* Whether the module in dir has a help part (a help/ folder). */
int help_present(const char *dir);

/* Reads the page of situation s in lang from the module in dir, into p
 * (released with help_page_free()).  Returns 0, or HS_EINVAL (HS_EIO,
 * HS_ENOTFOUND for a missing file) with err naming the file and line. */
int help_page_load(const char *dir, const char *lang, int s,
    struct help_page *p, struct hs_error *err);

/* Reads the page at path (as help_page_load()). */
int help_page_read(const char *path, struct help_page *p,
    struct hs_error *err);

void help_page_free(struct help_page *p);

/* Checks the help part of the module in dir for the languages langs[0..n):
 * every situation's page in every language, and no file that is not
 * one.  Calls report(err, ctx) for each problem; returns their number. */
int help_check(const char *dir, const char *const *langs, int n,
    void (*report)(const struct hs_error *err, void *ctx), void *ctx);

#endif

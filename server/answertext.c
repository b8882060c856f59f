/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * answertext.c: the words of quiz responses from the module's published
 * package.  See answertext.h.
 *
 * The package was checked when it was published (server_publish()); it
 * is read here again without asking for a trusted signer, into a
 * temporary folder under the server's data folder, which is removed
 * before returning.  Nothing is written to the store.
 *
 * What was read is kept in a small cache of the server's, one entry per
 * module and language, tagged with the package's SHA-256: a package's
 * content never changes under its hash, so an entry is good until a newer
 * version of the module is published, which replaces it at its first
 * view.  Unpacking a package costs milliseconds, and a page is made with
 * the server's lock held: done once, not on every view.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "lessons/module.h"
#include "lessons/richtext.h"
#include "lessons/package.h"
#include "lessons/quizwords.h"
#include "server/answertext.h"
#include "server/server.h"
#include "server/srvstore.h"

#define ANSWERTEXT_CACHED 16

struct answertext_cache {
	struct {
		char *module;
		char lang[8];
		char sha256[65];
		struct answertext a;
	} e[ANSWERTEXT_CACHED];
	int next;			/* the slot a new entry takes */
};

struct newest {
	const char *id;
	char sha256[65];
};

/* Packages come by id, then by publication: the last of id's is its
 * newest. */
static int
newest_fn(const struct srvstore_module *m, void *ctx)
{
	struct newest *n = ctx;

	if (strcmp(m->id, n->id) == 0)
		snprintf(n->sha256, sizeof n->sha256, "%s", m->sha256);
	return 0;
}

/* Reads the quiz in lang of the package at pkg into *a (empty when it
 * does not read); 0, or the error met making the temporary folder. */
static int
read_bank(struct server *s, const char *pkg, const char *lang,
    struct answertext *a, struct hs_error *err)
{
	struct keys_public signer;
	struct manifest man;
	struct module m;
	struct hs_error why;
	char *tmp;
	int rc, is_unsigned;

	tmp = util_path_join(server_dir(s), ".answers-XXXXXX");
	if (mkdtemp(tmp) == NULL) {
		rc = hs_error_set_at(err, HS_EIO, tmp, 0, 0, "%s",
		    strerror(errno));
		free(tmp);
		return rc;
	}
	hs_error_clear(&why);
	if (package_extract(pkg, tmp, NULL, 0, PACKAGE_MAX_RATIO, 1,
	    &is_unsigned, &man, &signer, &why) == 0) {
		manifest_free(&man);
		if (module_load(tmp, &m, &why) == 0) {
			if (module_quiz_load(&m, lang, &a->bank, &why) != 0)
				quiz_bank_free(&a->bank);
			module_free(&m);
		}
	}
	util_rmtree(tmp);
	free(tmp);
	return 0;
}

int
answertext_load(struct server *s, const char *module, const char *lang,
    const struct answertext **a, struct hs_error *err)
{
	static const struct answertext none;
	struct answertext_cache **cp = server_answer_cache(s), *c;
	struct newest n = { module, "" };
	char *pkg = NULL;
	int i, slot = -1, rc;

	*a = &none;
	if ((rc = srvstore_module_each(server_store(s), newest_fn, &n,
	    err)) != 0)
		return rc;
	if (n.sha256[0] == '\0')
		return 0;
	if (*cp == NULL)
		*cp = xcalloc(1, sizeof **cp);
	c = *cp;
	for (i = 0; i < ANSWERTEXT_CACHED; i++)
		if (c->e[i].module != NULL &&
		    strcmp(c->e[i].module, module) == 0 &&
		    strcmp(c->e[i].lang, lang) == 0) {
			if (strcmp(c->e[i].sha256, n.sha256) == 0) {
				*a = &c->e[i].a;
				return 0;
			}
			slot = i;	/* an older version: replaced */
		}
	if (server_module_path(s, n.sha256, &pkg, err) != SERVER_OK) {
		hs_error_clear(err);
		return 0;	/* gone since: the raw responses */
	}
	if (slot < 0) {
		slot = c->next;
		c->next = (c->next + 1) % ANSWERTEXT_CACHED;
	}
	free(c->e[slot].module);
	c->e[slot].module = NULL;
	quiz_bank_free(&c->e[slot].a.bank);
	if ((rc = read_bank(s, pkg, lang, &c->e[slot].a, err)) == 0) {
		c->e[slot].module = xstrdup(module);
		snprintf(c->e[slot].lang, sizeof c->e[slot].lang, "%s", lang);
		snprintf(c->e[slot].sha256, sizeof c->e[slot].sha256, "%s",
		    n.sha256);
		*a = &c->e[slot].a;
	}
	free(pkg);
	return rc;
}

/* The bank's question whose activity is object, or NULL. */
static const struct quiz_question *
find_question(const struct answertext *a, const char *object)
{
	const char *q = object != NULL ? strstr(object, ":question:") : NULL;
	int i;

	if (q == NULL)
		return NULL;
	q += strlen(":question:");
	for (i = 0; i < a->bank.n; i++)
		if (a->bank.questions[i].id != NULL &&
		    strcmp(a->bank.questions[i].id, q) == 0)
			return &a->bank.questions[i];
	return NULL;
}

char *
answertext_words(const struct answertext *a, const char *object,
    const char *response)
{
	const struct quiz_question *q = find_question(a, object);

	if (q == NULL || response == NULL)
		return NULL;
	return quizwords_describe(q, response, "→");
}

char *
answertext_question(const struct answertext *a, const char *object)
{
	const struct quiz_question *q = find_question(a, object);
	char *w, *p, *o;

	if (q == NULL || q->text == NULL)
		return NULL;
	/* One line: every run of white space one space, none at the ends. */
	w = richtext_plain(q->text, q->format);
	for (p = o = w; *p != '\0'; p++)
		if (strchr(" \t\r\n", *p) == NULL)
			*o++ = *p;
		else if (o > w && o[-1] != ' ')
			*o++ = ' ';
	while (o > w && o[-1] == ' ')
		o--;
	*o = '\0';
	if (*w == '\0') {
		free(w);
		return NULL;
	}
	return w;
}

void
answertext_cache_free(struct answertext_cache *c)
{
	int i;

	if (c == NULL)
		return;
	for (i = 0; i < ANSWERTEXT_CACHED; i++) {
		free(c->e[i].module);
		quiz_bank_free(&c->e[i].a.bank);
	}
	free(c);
}

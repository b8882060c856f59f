/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * answertext.c: the words of quiz responses from the module's published
 * package.  See answertext.h.
 *
 * The package was checked when it was published (server_publish()); it
 * is read here again without asking for a trusted signer, into a
 * temporary folder under the server's data folder, which is removed
 * before returning.  Nothing is written to the store.
 */
#include "config.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "lessons/module.h"
#include "lessons/package.h"
#include "lessons/quizwords.h"
#include "server/answertext.h"
#include "server/server.h"
#include "server/srvstore.h"

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

static int
rm_fn(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

int
answertext_load(struct server *s, const char *module, const char *lang,
    struct answertext *a, struct hs_error *err)
{
	struct newest n = { module, "" };
	struct keys_public signer;
	struct manifest man;
	struct module m;
	struct hs_error why;
	char *pkg = NULL, *tmp;
	int rc, is_unsigned;

	memset(a, 0, sizeof *a);
	if ((rc = srvstore_module_each(server_store(s), newest_fn, &n,
	    err)) != 0)
		return rc;
	if (n.sha256[0] == '\0')
		return 0;
	if (server_module_path(s, n.sha256, &pkg, err) != SERVER_OK)
		return 0;	/* gone since: the raw responses */
	tmp = util_path_join(server_dir(s), ".answers-XXXXXX");
	if (mkdtemp(tmp) == NULL) {
		rc = hs_error_set_at(err, HS_EIO, tmp, 0, 0, "%s",
		    strerror(errno));
		free(tmp);
		free(pkg);
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
	nftw(tmp, rm_fn, 16, FTW_DEPTH | FTW_PHYS);
	free(tmp);
	free(pkg);
	return 0;
}

char *
answertext_words(const struct answertext *a, const char *object,
    const char *response)
{
	const char *q = object != NULL ? strstr(object, ":question:") : NULL;
	int i;

	if (q == NULL || response == NULL)
		return NULL;
	q += strlen(":question:");
	for (i = 0; i < a->bank.n; i++)
		if (a->bank.questions[i].id != NULL &&
		    strcmp(a->bank.questions[i].id, q) == 0)
			return quizwords_describe(&a->bank.questions[i],
			    response, "→");
	return NULL;
}

void
answertext_free(struct answertext *a)
{
	quiz_bank_free(&a->bank);
}

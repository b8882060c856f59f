/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * answers.c: hocso learner answers [--class C] NAME|ID MODULE: one
 * pupil's wrong answers in their latest attempt at a module's quiz,
 * question by question: the question, what the child chose or typed,
 * the right answer, and the explanation (learn/model/answers.h).
 */
#include "config.h"

#include <stdio.h>

#include "core/i18n.h"
#include "core/store.h"
#include "learn/commands/common.h"
#include "learn/commands/overrides.h"
#include "learn/model/answers.h"
#include "learn/model/override.h"
#include "lessons/catalog.h"

static void
answers_print(const struct override_learner *l, const struct module *m,
    const struct answers_attempt *a, const char *lang)
{
	const struct answers_item *it;
	int i;

	printf("%s (%s), %s:\n", l->name, l->class_name, module_title(m,
	    lang));
	if (!a->found) {
		puts(_("  no answers yet"));
		return;
	}
	if (a->finished)
		printf(_("  attempt %d, %.10s: %d%%, %d of %d questions not "
		    "right\n"), a->number, a->started,
		    (int)(a->score * 100 + 0.5), a->n, a->count);
	else
		printf(_("  attempt %d, %.10s, not finished (%d of %d "
		    "answered): %d not right\n"), a->number, a->started,
		    a->answered, a->count, a->n);
	if (a->n == 0)
		puts(_("  every answer was right"));
	for (i = 0; i < a->n; i++) {
		it = &a->items[i];
		printf("\n%d. %s\n", it->position, it->question);
		printf(it->fraction > 0 ? _("   answered (partly right): %s\n") :
		    _("   answered: %s\n"), it->given);
		if (it->right != NULL)
			printf(_("   right answer: %s\n"), it->right);
		if (it->feedback != NULL)
			printf(_("   feedback: %s\n"), it->feedback);
		if (it->explanation != NULL)
			printf(_("   why: %s\n"), it->explanation);
	}
}

int
answers_command(const char *datadir, const char *lang, int argc,
    char **argv)
{
	static const char use[] = "hocso learner answers [--class C] NAME|ID "
	    "MODULE";
	const struct module *m;
	struct override_learner l;
	struct answers_attempt a = { 0 };
	struct catalog c = { 0 };
	struct hs_error err;
	struct store *s = NULL;
	const char *cls;
	int rc = 0;

	if (overrides_class_opt(&argc, argv, &cls) != 0 || argc != 3)
		return commands_usage_error(use);
	if ((s = commands_open_store(datadir)) == NULL)
		return 1;
	if (override_find_learner(s, cls, argv[1], &l, &err) != 0 ||
	    catalog_load(datadir, &c, &err) != 0) {
		rc = commands_say_error(&err);
		goto out;
	}
	if ((m = catalog_find(&c, argv[2])) == NULL) {
		hs_error_set(&err, HS_ENOTFOUND, _("there is no module %s "
		    "installed (see hocso modules)"), argv[2]);
		rc = commands_say_error(&err);
		goto out;
	}
	if (answers_wrong(s, l.id, m, "->", &a, &err) != 0)
		rc = commands_say_error(&err);
	else
		answers_print(&l, m, &a, lang);
	answers_free(&a);
out:
	catalog_free(&c);
	store_close(s);
	return rc;
}

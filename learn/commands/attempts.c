/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * attempts.c: hocso learner attempts [--class C] NAME|ID MODULE [list |
 * reset | add N | extra-time MINUTES]: a learner's attempts at a
 * module's quiz and the teacher's changes to them (attempts given back
 * or added, extra minutes today), each recorded with who and when
 * (learn/model/override.h).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/i18n.h"
#include "core/store.h"
#include "learn/commands/common.h"
#include "learn/commands/overrides.h"
#include "learn/model/override.h"
#include "lessons/catalog.h"

static int
attempts_entry(const struct override_entry *e, void *arg)
{
	char line[512];

	(void)arg;
	printf("  %s\n", override_describe(e, line, sizeof line));
	return 0;
}

/* A whole number from 1 to max, or -1. */
static int
attempts_number(const char *s, int max)
{
	char *end;
	long v = strtol(s, &end, 10);

	return *s != '\0' && *end == '\0' && v >= 1 && v <= max ? (int)v : -1;
}

/* Prints where the learner stands at m's quiz. */
static int
attempts_print(struct store *s, const struct override_learner *l,
    const struct module *m, const char *lang, struct hs_error *err)
{
	int used, added, left, extra, rc;

	if ((rc = override_attempts(s, l->id, m->id, m->quiz_attempts, &used,
	    &added, &left, err)) != 0 ||
	    (rc = override_minutes(s, l->id, m->id, clock_now_ms(), &extra,
	    err)) != 0)
		return rc;
	printf("%s (%s), %s:\n", l->name, l->class_name, module_title(m,
	    lang));
	if (left < 0)
		printf(P_("  %d attempt finished; no limit\n",
		    "  %d attempts finished; no limit\n", used), used);
	else
		printf(_("  attempts: %d finished, %d added, %d of %d left\n"),
		    used, added, left, m->quiz_attempts + added);
	if (m->quiz_minutes > 0)
		printf(_("  time today: %d min (the quiz's %d + %d extra)\n"),
		    m->quiz_minutes + extra, m->quiz_minutes, extra);
	else
		printf("%s", _("  the quiz has no time limit\n"));
	puts(_("  changes by the teacher:"));
	return override_list(s, l->id, m->id, attempts_entry, NULL, err);
}

int
attempts_command(const char *datadir, const char *lang, int argc,
    char **argv)
{
	static const char use[] = "hocso learner attempts [--class C] NAME|ID "
	    "MODULE [list | reset | add N | extra-time MINUTES]";
	const struct module *m;
	struct override_learner l;
	struct catalog c = { 0 };
	struct hs_error err;
	struct store *s = NULL;
	const char *cls, *what;
	int rc = 0, n = 0;

	if (overrides_class_opt(&argc, argv, &cls) != 0 || argc < 3)
		return commands_usage_error(use);
	what = argc > 3 ? argv[3] : "list";
	if (!strcmp(what, "list") || !strcmp(what, "reset")) {
		if (argc > 4)
			return commands_usage_error(use);
	} else if (!strcmp(what, "add")) {
		if (argc != 5 || (n = attempts_number(argv[4],
		    OVERRIDE_MAX_ATTEMPTS)) < 0)
			return commands_usage_error(use);
	} else if (!strcmp(what, "extra-time")) {
		if (argc != 5 || (n = attempts_number(argv[4],
		    OVERRIDE_MAX_MINUTES)) < 0)
			return commands_usage_error(use);
	} else
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
	if (!strcmp(what, "extra-time") && m->quiz_minutes <= 0) {
		hs_error_set(&err, HS_EINVAL, _("the quiz of %s has no time "
		    "limit: there is no time to add"), m->id);
		rc = commands_say_error(&err);
		goto out;
	}
	if (!strcmp(what, "add") && m->quiz_attempts <= 0) {
		hs_error_set(&err, HS_EINVAL, _("the quiz of %s has no limit "
		    "on attempts: there are none to add"), m->id);
		rc = commands_say_error(&err);
		goto out;
	}
	if ((!strcmp(what, "reset") && override_reset_attempts(s, l.id,
	    m->id, OVERRIDE_VIA_COMMAND, &err) != 0) ||
	    (!strcmp(what, "add") && override_add_attempts(s, l.id, m->id, n,
	    OVERRIDE_VIA_COMMAND, &err) != 0) ||
	    (!strcmp(what, "extra-time") && override_extra_time(s, l.id, m->id,
	    n, OVERRIDE_VIA_COMMAND, &err) != 0) ||
	    attempts_print(s, &l, m, lang, &err) != 0)
		rc = commands_say_error(&err);
out:
	catalog_free(&c);
	store_close(s);
	return rc;
}

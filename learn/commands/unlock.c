/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * unlock.c: hocso learner unlock [--class C] NAME|ID: lifts a learner's
 * PIN lockout after wrong PINs, recorded with who and when
 * (learn/model/override.h).
 */
#include "config.h"

#include <stdio.h>

#include "core/i18n.h"
#include "core/store.h"
#include "learn/commands/common.h"
#include "learn/commands/overrides.h"
#include "learn/model/override.h"

int
unlock_command(const char *datadir, const char *lang, int argc, char **argv)
{
	static const char use[] = "hocso learner unlock [--class C] NAME|ID";
	struct override_learner l;
	struct hs_error err;
	struct store *s;
	const char *cls;
	int rc = 0, was;

	(void)lang;
	if (overrides_class_opt(&argc, argv, &cls) != 0 || argc != 2)
		return commands_usage_error(use);
	if ((s = commands_open_store(datadir)) == NULL)
		return 1;
	if (override_find_learner(s, cls, argv[1], &l, &err) != 0 ||
	    override_unlock(s, l.id, OVERRIDE_VIA_COMMAND, &was, &err) != 0)
		rc = commands_say_error(&err);
	else if (was)
		printf(_("%s (%s) can sign in again: the PIN lockout is "
		    "lifted\n"), l.name, l.class_name);
	else
		printf(_("%s (%s) was not locked out: nothing changed\n"),
		    l.name, l.class_name);
	store_close(s);
	return rc;
}

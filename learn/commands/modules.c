/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * modules.c: hocso modules: the installed modules, one a line (id,
 * version, title in the user's language), then the first broken one.
 */
#include "config.h"

#include <stdio.h>

#include "core/i18n.h"
#include "learn/commands/common.h"
#include "learn/commands/table.h"
#include "lessons/catalog.h"

int
modules_command(const char *datadir, const char *lang, int argc,
    char **argv)
{
	struct catalog c;
	struct hs_error err;
	int i;

	(void)argv;
	if (argc != 1)
		return commands_usage_error("hocso modules");
	if (catalog_load(datadir, &c, &err) != 0)
		return commands_say_error(&err);
	for (i = 0; i < c.n; i++)
		printf("%s %s  %s%s\n", c.modules[i].id, c.modules[i].version,
		    module_title(&c.modules[i], lang), c.modules[i].unsigned_pkg ?
		    _("  (unsigned)") : "");
	if (c.nbroken > 0)
		commands_say_error(&c.first_problem);
	catalog_free(&c);
	return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * remove.c: hocso remove ID: a module out of the catalog
 * (lessons/install.c); the learners' progress in it is kept.
 */
#include "config.h"

#include <stdio.h>

#include "core/i18n.h"
#include "learn/commands/common.h"
#include "learn/commands/table.h"
#include "lessons/install.h"

int
remove_command(const char *datadir, const char *lang, int argc,
    char **argv)
{
	struct hs_error err;

	(void)lang;
	if (argc != 2)
		return commands_usage_error("hocso remove ID");
	if (install_remove(datadir, argv[1], &err) != 0)
		return commands_say_error(&err);
	printf(_("removed %s\n"), argv[1]);
	return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * table.c: hocso-cmd's command table, every row of table.h with its
 * handler, and the dispatch from a command's name.  hocso does not link
 * this file (it would pull in every command, and libarchive and libcurl
 * with them): it builds its own table of names and help from the same
 * list (learn/main.c).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "learn/commands/table.h"

#define COMMANDS_CMD_ROW(name, where, help) \
	{ #name, COMMAND_IN_##where, name##_command, help },

const struct command commands_table[] = {
	COMMANDS_TABLE(COMMANDS_CMD_ROW)
};

const int commands_count = sizeof commands_table / sizeof *commands_table;

int
commands_run(const char *datadir, const char *lang, int argc, char **argv)
{
	const struct command *c;

	c = commands_find(commands_table, commands_count, argv[0]);
	if (c == NULL) {
		fprintf(stderr, _("hocso: unknown command '%s' (see hocso "
		    "--help)\n"), argv[0]);
		return 2;
	}
	return c->run(datadir, lang, argc, argv);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-main.c: hocso-cmd, the program behind hocso's commands (the rows
 * of learn/commands/table.h, dispatched by table.c).  hocso starts it
 * with --data-dir and --lang already resolved; it links the package
 * libraries (libarchive, libcurl) so that the app does not.  Besides
 * the commands, "password-meter" is the app's password meter, a
 * co-process that rates on its standard input (learn/model/meter.h):
 * not a command of hocso's.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/locale.h"
#include "learn/commands/table.h"
#include "learn/model/meter.h"

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "data-dir", required_argument, NULL, 'd' },
		{ "lang", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 }
	};
	const char *datadir = NULL, *lang = "vi";
	int c;

	locale_setup(0, NULL);
	while ((c = getopt_long(argc, argv, "+d:l:", opts, NULL)) != -1) {
		if (c == 'd')
			datadir = optarg;
		else if (c == 'l')
			lang = optarg;
		else
			return 2;
	}
	if (datadir == NULL || optind >= argc) {
		fputs(_("hocso-cmd: run it through hocso (see hocso --help)\n"),
		    stderr);
		return 2;
	}
	if (!strcmp(argv[optind], "password-meter") && optind + 1 == argc)
		return meter_serve(stdin, stdout);
	return commands_run(datadir, lang, argc - optind, argv + optind);
}

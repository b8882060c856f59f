/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * trust.c: hocso trust add KEY.pub | hocso trust list: the publishers
 * whose signed modules install (lessons/install.c).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "learn/commands/common.h"
#include "learn/commands/table.h"
#include "lessons/install.h"

int
trust_command(const char *datadir, const char *lang, int argc,
    char **argv)
{
	struct keys_public pub, *keys;
	struct hs_error err;
	char b64[KEYS_B64_MAX];
	int i, n;

	(void)lang;
	if (argc == 3 && !strcmp(argv[1], "add")) {
		if (install_trust_add(datadir, argv[2], &pub, &err) != 0)
			return commands_say_error(&err);
		keys_public_b64(&pub, b64);
		printf(_("trusted publisher %s (key %s)\n"), keys_display(&pub),
		    b64);
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "list")) {
		if (install_trust_list(datadir, &keys, &n, &err) != 0)
			return commands_say_error(&err);
		for (i = 0; i < n; i++) {
			keys_public_b64(&keys[i], b64);
			printf("%s %s\n", keys[i].name, b64);
		}
		free(keys);
		return 0;
	}
	return commands_usage_error("hocso trust add KEY.pub | "
	    "hocso trust list");
}

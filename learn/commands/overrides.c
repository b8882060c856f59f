/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * overrides.c: what the learner sub-commands that change the rules for
 * one learner share (attempts.c, unlock.c, answers.c): their --class
 * option.  See overrides.h.
 */
#include "config.h"

#include <string.h>

#include "learn/commands/overrides.h"

int
overrides_class_opt(int *argc, char **argv, const char **cls)
{
	int i, k = 1;

	*cls = NULL;
	for (i = 1; i < *argc; i++) {
		if (!strcmp(argv[i], "--class") && i + 1 < *argc &&
		    *cls == NULL)
			*cls = argv[++i];
		else if (!strncmp(argv[i], "--class=", 8) && *cls == NULL)
			*cls = argv[i] + 8;
		else if (argv[i][0] == '-' && argv[i][1] == '-')
			return -1;
		else
			argv[k++] = argv[i];
	}
	*argc = k;
	return 0;
}

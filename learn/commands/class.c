/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * class.c: hocso class add | list | set | rename | remove: the school's
 * classes (learn/model/roster.c) and their screen-time rules
 * (learn/model/screentime.c), printed one line or one row each.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/store.h"
#include "learn/commands/common.h"
#include "learn/commands/overrides.h"
#include "learn/commands/table.h"
#include "core/clock.h"
#include "core/util.h"
#include "learn/model/roster.h"
#include "learn/model/sheet.h"
#include "learn/model/screentime.h"

static int
class_row(const struct roster_class *c, void *arg)
{
	char n[16];
	const char *cells[3];

	snprintf(n, sizeof n, "%d", c->learners);
	cells[0] = c->name;
	cells[1] = c->pins ? _("yes") : _("no");
	cells[2] = n;
	commands_table_add(arg, cells);
	return 0;
}

/* A number of minutes from 0 to max, or -1. */
static int
minutes_arg(const char *s, int max)
{
	char *end;
	long v = strtol(s, &end, 10);

	return *s != '\0' && *end == '\0' && v >= 0 && v <= max ? (int)v : -1;
}

/* hocso class set NAME [--pins on|off] [--break MIN] [--daily MIN] */
static int
class_set(const char *datadir, int argc, char **argv)
{
	static const char use[] = "hocso class set NAME [--pins on|off] "
	    "[--break MIN] [--daily MIN]";
	static const struct option opts[] = {
		{ "pins", required_argument, NULL, 'p' },
		{ "break", required_argument, NULL, 'b' },
		{ "daily", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 }
	};
	int c, pins = -1, brk = -1, daily = -1, rc = 0;
	struct hs_error err;
	struct store *s;

	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (c == 'p' && (!strcmp(optarg, "on") || !strcmp(optarg,
		    "off")))
			pins = !strcmp(optarg, "on");
		else if (c == 'b' && (brk = minutes_arg(optarg, 600)) >= 0)
			continue;
		else if (c == 'd' && (daily = minutes_arg(optarg, 1440)) >= 0)
			continue;
		else
			return commands_usage_error(use);
	}
	if (optind + 1 != argc || (pins < 0 && brk < 0 && daily < 0))
		return commands_usage_error(use);
	if ((s = commands_open_store(datadir)) == NULL)
		return 1;
	if (screentime_class_set(s, argv[optind], pins, brk, daily, &err) != 0)
		rc = commands_say_error(&err);
	else {
		char b[64], d[64];

		if (brk > 0)
			snprintf(b, sizeof b, _("every %d min"), brk);
		else
			snprintf(b, sizeof b, "%s", brk < 0 ? _("as before") :
			    _("off"));
		if (daily > 0)
			snprintf(d, sizeof d, _("%d min a day"), daily);
		else
			snprintf(d, sizeof d, "%s", daily < 0 ? _("as before") :
			    _("off"));
		printf(_("class %s: PINs %s, break reminder %s, daily limit "
		    "%s\n"), argv[optind], pins < 0 ? _("as before") : pins ?
		    _("on") : _("off"), b, d);
	}
	store_close(s);
	return rc;
}

/* hocso class sheet NAME [--out FILE] [--print] [--new-pins] */
static int
class_sheet(const char *datadir, int argc, char **argv)
{
	static const char use[] = "hocso class sheet NAME [--out FILE] "
	    "[--print] [--new-pins]";
	static const struct option opts[] = {
		{ "out", required_argument, NULL, 'o' },
		{ "print", no_argument, NULL, 'p' },
		{ "new-pins", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	const char *out = NULL;
	char *path = NULL, *dir = NULL, msg[512];
	struct hs_error err;
	struct store *s;
	unsigned flags = 0;
	int c, print = 0, n, rc = 0;

	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (c == 'o')
			out = optarg;
		else if (c == 'p')
			print = 1;
		else if (c == 'n')
			flags |= SHEET_NEW_PINS;
		else
			return commands_usage_error(use);
	}
	if (optind + 1 != argc)
		return commands_usage_error(use);
	if (print && !sheet_can_print()) {
		hs_error_set(&err, HS_EINVAL, _("there is no printing here "
		    "(CUPS' lp is not installed): nothing was changed"));
		return commands_say_error(&err);
	}
	if ((s = commands_open_store(datadir)) == NULL)
		return 1;
	if (out == NULL) {
		dir = util_path_join(datadir, "sheets");
		if ((rc = util_mkdir_p(dir, &err)) != 0) {
			rc = commands_say_error(&err);
			goto out;
		}
		path = sheet_default_path(dir, argv[optind], clock_now_ms());
		out = path;
	}
	if (sheet_make(s, argv[optind], flags, out, &n, &err) != 0) {
		rc = commands_say_error(&err);
		goto out;
	}
	printf(P_("wrote the sign-in sheet of class %s (%d learner) to %s\n",
	    "wrote the sign-in sheet of class %s (%d learners) to %s\n", n),
	    argv[optind], n, out);
	if (flags & SHEET_NEW_PINS)
		printf(P_("%d learner has a new PIN: the old one no longer "
		    "works\n", "%d learners have a new PIN: the old ones no "
		    "longer work\n", n), n);
	if (print) {
		if (sheet_print(out, argv[optind], msg, sizeof msg, &err) != 0)
			rc = commands_say_error(&err);
		else
			printf(_("sent to the printer: %s\n"), msg);
	}
out:
	free(path);
	free(dir);
	store_close(s);
	return rc;
}

/* hocso class add NAME [--pins] | class list | class set | class sheet */
int
class_command(const char *datadir, const char *lang, int argc,
    char **argv)
{
	static const char use[] = "hocso class add NAME [--pins] | "
	    "hocso class list | hocso class set NAME [--pins on|off] "
	    "[--break MIN] [--daily MIN] | hocso class rename NAME NEW | "
	    "hocso class remove NAME | hocso class sheet NAME [--out FILE] "
	    "[--print] [--new-pins] | hocso class modules CLASS ...";
	static const struct option opts[] = {
		{ "pins", no_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 }
	};
	struct commands_table t = { 3, 0, 0, NULL };
	const char *head[3];
	struct hs_error err;
	struct store *s;
	int c, pins = 0, rc = 0;

	if (argc == 2 && !strcmp(argv[1], "list")) {
		if ((s = commands_open_store(datadir)) == NULL)
			return 1;
		/* TRANSLATORS: the headings of "hocso class list". */
		head[0] = _("class");
		head[1] = _("PINs");
		head[2] = _("learners");
		commands_table_add(&t, head);
		if (roster_class_list(s, class_row, &t, &err) != 0)
			rc = commands_say_error(&err);
		else if (t.nrows == 1)
			puts(_("no classes yet: add one with hocso class add "
			    "NAME"));
		else
			commands_table_print(&t);
		commands_table_free(&t);
		store_close(s);
		return rc;
	}
	if (argc >= 2 && !strcmp(argv[1], "set"))
		return class_set(datadir, argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "sheet"))
		return class_sheet(datadir, argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "modules"))	/* classmodules.c */
		return classmodules_command(datadir, lang, argc - 1, argv + 1);
	if (argc >= 2 && (!strcmp(argv[1], "rename") ||
	    !strcmp(argv[1], "remove"))) {
		int ren = argv[1][2] == 'n';

		if (argc != (ren ? 4 : 3))
			return commands_usage_error(use);
		if ((s = commands_open_store(datadir)) == NULL)
			return 1;
		if ((ren ? roster_class_rename(s, argv[2], argv[3], &err) :
		    roster_class_remove(s, argv[2], &err)) != 0)
			rc = commands_say_error(&err);
		else if (ren)
			printf(_("renamed class %s to %s\n"), argv[2], argv[3]);
		else
			printf(_("removed class %s\n"), argv[2]);
		store_close(s);
		return rc;
	}
	if (argc < 2 || strcmp(argv[1], "add") != 0)
		return commands_usage_error(use);
	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc - 1, argv + 1, ":", opts, NULL)) != -1) {
		if (c != 'p')
			return commands_usage_error(use);
		pins = 1;
	}
	if (optind + 2 != argc)
		return commands_usage_error(use);
	if ((s = commands_open_store(datadir)) == NULL)
		return 1;
	if (roster_class_add(s, argv[optind + 1], pins, &err) != 0)
		rc = commands_say_error(&err);
	else if (pins)
		printf(_("added class %s (its learners sign in with a PIN)\n"),
		    argv[optind + 1]);
	else
		printf(_("added class %s\n"), argv[optind + 1]);
	store_close(s);
	return rc;
}

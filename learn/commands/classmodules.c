/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * classmodules.c: hocso class modules CLASS [list | set ID... | add ID
 * [--at N] | remove ID | lessons-first on|off]: which installed modules
 * a class sees and in which order, and whether its quizzes wait for
 * the lessons (learn/model/classmods.h).  A change is checked whole
 * before anything is written; the list is printed after it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/store.h"
#include "learn/commands/common.h"
#include "learn/commands/overrides.h"
#include "learn/model/classmods.h"
#include "lessons/catalog.h"

static const char classmodules_use[] = "hocso class modules CLASS "
    "[list | set ID... | add ID [--at N] | remove ID | lessons-first on|off]";

/* Prints the class's modules: the ones it sees numbered in order, then
 * the others. */
static void
classmodules_print(const char *class_name, const struct catalog *c,
    const struct classmods *cm, const char *lang)
{
	struct commands_table t = { 4, 0, 0, NULL };
	const char *cells[4];
	const struct module *m;
	char num[16];
	int i, k = 0;

	if (cm->chosen)
		printf(_("class %s sees %d of %d modules, in this order:\n"),
		    class_name, classmods_count_seen(cm), cm->n);
	else
		printf(_("class %s sees every module, in the catalog's order "
		    "(the teacher has not chosen):\n"), class_name);
	printf(_("lessons before the quiz: %s\n"), cm->lessons_first ?
	    _("on") : _("off"));
	if (cm->n == 0) {
		puts(_("no modules are installed"));
		return;
	}
	/* TRANSLATORS: the headings of "hocso class modules". */
	cells[0] = _("#");
	cells[1] = _("module");
	cells[2] = _("ages");
	cells[3] = _("title");
	commands_table_add(&t, cells);
	for (i = 0; i < cm->n; i++) {
		m = &c->modules[cm->module[i]];
		if (cm->seen[i])
			snprintf(num, sizeof num, "%d", ++k);
		else
			/* TRANSLATORS: a module the class does not see. */
			snprintf(num, sizeof num, "%s", _("hidden"));
		cells[0] = num;
		cells[1] = m->id;
		cells[2] = m->age != NULL ? m->age : "-";
		cells[3] = module_title(m, lang);
		commands_table_add(&t, cells);
	}
	commands_table_print(&t);
	commands_table_free(&t);
}

/* The row of module id in cm, or -1 with err saying so. */
static int
classmodules_row(const struct classmods *cm, const struct catalog *c,
    const char *id, struct hs_error *err)
{
	int i = classmods_find(cm, c, id);

	if (i < 0)
		hs_error_set(err, HS_ENOTFOUND, _("there is no module %s "
		    "installed (see hocso modules)"), id);
	return i;
}

/* A place from 1 to 999, or -1. */
static int
classmodules_place(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	return *s != '\0' && *end == '\0' && v >= 1 && v <= 999 ? (int)v : -1;
}

/* Applies the change in argv (argv[0] the action) to cm; 0, 2 for a
 * bad command line, or a code with err. */
static int
classmodules_change(struct classmods *cm, const struct catalog *c, int argc,
    char **argv, struct hs_error *err)
{
	const char *what = argv[0];
	int i, j, at = 0, row;

	if (!strcmp(what, "set")) {
		if (argc < 2)
			return 2;
		for (i = 1; i < argc; i++)
			for (j = 1; j < i; j++)
				if (!strcmp(argv[i], argv[j]))
					return hs_error_set(err, HS_EINVAL,
					    _("module %s is named twice"),
					    argv[i]);
		for (i = 1; i < argc; i++)
			if (classmodules_row(cm, c, argv[i], err) < 0)
				return HS_ENOTFOUND;
		for (i = 0; i < cm->n; i++)
			cm->seen[i] = 0;
		for (i = 1; i < argc; i++)
			classmods_show_at(cm, classmods_find(cm, c, argv[i]),
			    0);
		return 0;
	}
	if (!strcmp(what, "add")) {
		if (argc == 4 && !strcmp(argv[2], "--at"))
			at = classmodules_place(argv[3]);
		else if (argc == 3 && !strncmp(argv[2], "--at=", 5))
			at = classmodules_place(argv[2] + 5);
		else if (argc != 2)
			return 2;
		if (at < 0)
			return 2;
		if ((row = classmodules_row(cm, c, argv[1], err)) < 0)
			return HS_ENOTFOUND;
		classmods_show_at(cm, row, at);
		return 0;
	}
	if (!strcmp(what, "remove")) {
		if (argc != 2)
			return 2;
		if ((row = classmodules_row(cm, c, argv[1], err)) < 0)
			return HS_ENOTFOUND;
		if (!cm->seen[row])
			return hs_error_set(err, HS_EINVAL, _("the class does "
			    "not see module %s: nothing to remove"), argv[1]);
		cm->seen[row] = 0;
		return 0;
	}
	return 2;
}

int
classmodules_command(const char *datadir, const char *lang, int argc,
    char **argv)
{
	struct classmods cm = { 0 };
	struct catalog c = { 0 };
	struct hs_error err;
	struct store *s = NULL;
	const char *cls, *what;
	int rc = 0, on = -1, change;

	/* argv[0] is "modules", argv[1] the class, argv[2] the action. */
	if (argc < 2 || argv[1][0] == '-')
		return commands_usage_error(classmodules_use);
	cls = argv[1];
	what = argc > 2 ? argv[2] : "list";
	change = strcmp(what, "list") != 0;
	if (!strcmp(what, "list") && argc > 3)
		return commands_usage_error(classmodules_use);
	if (!strcmp(what, "lessons-first")) {
		if (argc != 4 || (strcmp(argv[3], "on") && strcmp(argv[3],
		    "off")))
			return commands_usage_error(classmodules_use);
		on = !strcmp(argv[3], "on");
	} else if (change && strcmp(what, "set") && strcmp(what, "add") &&
	    strcmp(what, "remove"))
		return commands_usage_error(classmodules_use);
	if ((s = commands_open_store(datadir)) == NULL)
		return 1;
	if (catalog_load(datadir, &c, &err) != 0 ||
	    classmods_load(s, cls, &c, &cm, &err) != 0) {
		rc = commands_say_error(&err);
		goto out;
	}
	if (on >= 0) {
		if (classmods_set_lessons_first(s, cls, on, &err) != 0) {
			rc = commands_say_error(&err);
			goto out;
		}
		cm.lessons_first = on;
	} else if (change) {
		rc = classmodules_change(&cm, &c, argc - 2, argv + 2, &err);
		if (rc == 2) {
			rc = commands_usage_error(classmodules_use);
			goto out;
		}
		if (rc != 0 || classmods_save(s, cls, &c, &cm, &err) != 0) {
			rc = commands_say_error(&err);
			goto out;
		}
		cm.chosen = 1;
	}
	classmodules_print(cls, &c, &cm, lang);
out:
	classmods_free(&cm);
	catalog_free(&c);
	store_close(s);
	return rc;
}

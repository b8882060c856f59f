/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * learner.c: hocso learner add | list | remove | import | rename | move |
 * pin | lang | speech-rate: the school's learners (learn/model/roster.c),
 * printed one line or one row each; an import's bad rows as FILE:LINE:
 * reason.  A learner's read-aloud speed is learn/model/readaloud.c's.
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
#include "learn/model/import.h"
#include "learn/model/readaloud.h"
#include "learn/model/roster.h"

/* A bad row of an import: "FILE:LINE: reason", as compilers say it. */
static void
bad_row(const struct hs_error *err, void *arg)
{
	char line[1024];

	fprintf(stderr, "%s\n", hs_error_format(err, line, sizeof line));
}

static int
learner_row(const struct roster_learner *l, void *arg)
{
	struct commands_table *t = arg;
	const char *cells[5];

	cells[0] = l->class_name;
	cells[1] = l->name;
	cells[2] = l->has_pin ? _("yes") : _("no");
	cells[3] = l->lang;
	cells[4] = l->uuid;	/* learner list --ids only (5 columns) */
	commands_table_add(t, cells);
	return 0;
}

/* hocso learner speech-rate --class C NAME [SPEED]: sets the learner's
 * read-aloud speed (slow, normal, fast, or school: none of their own),
 * or without SPEED says it.  Returns the exit status. */
static int
learner_speed(const char *datadir, const char *cls, const char *name,
    const char *speed)
{
	struct hs_error err;
	struct store *s;
	long long id;
	int wpm = 0, own, rc = 0;

	if (speed != NULL && (wpm = readaloud_speed_wpm(speed)) < 0) {
		hs_error_set(&err, HS_EINVAL, _("unknown reading speed '%s': "
		    "use slow, normal, fast or school"), speed);
		return commands_say_error(&err);
	}
	if ((s = commands_open_store(datadir)) == NULL)
		return 1;
	if (roster_learner_find(s, cls, name, &id, &err) != 0 ||
	    (speed != NULL && readaloud_learner_rate_set(s, id, wpm,
	    &err) != 0) ||
	    readaloud_learner_rate(s, id, &wpm, &own, &err) != 0)
		rc = commands_say_error(&err);
	else if (own)
		/* TRANSLATORS: %s is slow, normal or fast, translated. */
		printf(_("%s of class %s: read-aloud %s, %d words a minute\n"),
		    name, cls, _(readaloud_speed_name(wpm)), wpm);
	else
		printf(_("%s of class %s: read-aloud at the school's speed, "
		    "%d words a minute\n"), name, cls, wpm);
	store_close(s);
	return rc;
}

/* hocso learner add | list | remove | import */
int
learner_command(const char *datadir, const char *ui_lang, int argc,
    char **argv)
{
	static const char use[] = "hocso learner add --class C NAME "
	    "[--pin N] [--lang vi|en] | learner list [--class C] [--ids] | "
	    "learner remove --class C NAME | learner import FILE.csv [--add-classes] [--skip-bad] | "
	    "learner rename|move|pin|lang --class C NAME NEW | "
	    "learner speech-rate --class C NAME [slow|normal|fast|school] | "
	    "learner attempts|unlock|answers ...";
	static const struct option opts[] = {
		{ "class", required_argument, NULL, 'c' },
		{ "pin", required_argument, NULL, 'p' },
		{ "lang", required_argument, NULL, 'l' },
		{ "add-classes", no_argument, NULL, 'A' },
		{ "skip-bad", no_argument, NULL, 'S' },
		{ "ids", no_argument, NULL, 'I' },
		{ NULL, 0, NULL, 0 }
	};
	const char *cls = NULL, *pin = NULL, *lang = NULL, *what, *head[5];
	struct commands_table t = { 4, 0, 0, NULL };
	struct hs_error err;
	struct store *s;
	int c, rc = 0, added, made;
	unsigned flags = 0;

	if (argc < 2)
		return commands_usage_error(use);
	/* The teacher's overrides, a file each (overrides.h). */
	if (!strcmp(argv[1], "attempts"))
		return attempts_command(datadir, ui_lang, argc - 1, argv + 1);
	if (!strcmp(argv[1], "unlock"))
		return unlock_command(datadir, ui_lang, argc - 1, argv + 1);
	if (!strcmp(argv[1], "answers"))
		return answers_command(datadir, ui_lang, argc - 1, argv + 1);
	what = argv[1];
	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc - 1, argv + 1, ":", opts, NULL)) != -1) {
		if (c == 'c')
			cls = optarg;
		else if (c == 'p' && !strcmp(what, "add"))
			pin = optarg;
		else if (c == 'l' && !strcmp(what, "add"))
			lang = optarg;
		else if (c == 'A' && !strcmp(what, "import"))
			flags |= IMPORT_ADD_CLASSES;
		else if (c == 'S' && !strcmp(what, "import"))
			flags |= IMPORT_SKIP_BAD;
		else if (c == 'I' && !strcmp(what, "list"))
			t.ncols = 5;	/* and each learner's id (UUID) */
		else
			return commands_usage_error(use);
	}
	argc -= optind + 1;
	argv += optind + 1;
	if (!strcmp(what, "add") || !strcmp(what, "remove")) {
		if (cls == NULL || argc != 1)
			return commands_usage_error(use);
	} else if (!strcmp(what, "rename") || !strcmp(what, "move") ||
	    !strcmp(what, "pin") || !strcmp(what, "lang")) {
		if (cls == NULL || argc != 2)
			return commands_usage_error(use);
	} else if (!strcmp(what, "speech-rate")) {
		if (cls == NULL || argc < 1 || argc > 2)
			return commands_usage_error(use);
		return learner_speed(datadir, cls, argv[0], argc == 2 ?
		    argv[1] : NULL);
	} else if (!strcmp(what, "list")) {
		if (argc != 0)
			return commands_usage_error(use);
	} else if (!strcmp(what, "import")) {
		if (cls != NULL || argc != 1)
			return commands_usage_error(use);
	} else
		return commands_usage_error(use);

	if ((s = commands_open_store(datadir)) == NULL)
		return 1;
	if (!strcmp(what, "add")) {
		if (roster_learner_add(s, cls, argv[0], pin, lang, NULL,
		    &err) != 0)
			rc = commands_say_error(&err);
		else
			printf(_("added %s to class %s\n"), argv[0], cls);
	} else if (!strcmp(what, "remove")) {
		if (roster_learner_remove(s, cls, argv[0], &err) != 0)
			rc = commands_say_error(&err);
		else
			printf(_("removed %s from class %s: their name and PIN "
			    "are erased, their progress is kept without a "
			    "name\n"), argv[0], cls);
	} else if (!strcmp(what, "rename") || !strcmp(what, "move") ||
	    !strcmp(what, "pin") || !strcmp(what, "lang")) {
		enum roster_change ch = what[0] == 'r' ? ROSTER_RENAME :
		    what[0] == 'm' ? ROSTER_MOVE : what[0] == 'p' ? ROSTER_PIN :
		    ROSTER_LANG;

		if (roster_learner_change(s, cls, argv[0], ch, argv[1],
		    &err) != 0)
			rc = commands_say_error(&err);
		else if (ch == ROSTER_RENAME)
			printf(_("renamed %s to %s in class %s\n"), argv[0],
			    argv[1], cls);
		else if (ch == ROSTER_MOVE)
			printf(_("moved %s from class %s to class %s\n"),
			    argv[0], cls, argv[1]);
		else if (ch == ROSTER_PIN)
			printf(_("gave %s of class %s a new PIN\n"), argv[0],
			    cls);
		else
			printf(_("%s of class %s now learns in %s\n"), argv[0],
			    cls, argv[1]);
	} else if (!strcmp(what, "import")) {
		struct import_summary sum;

		if (import_run(s, argv[0], flags, bad_row, NULL, NULL, &sum,
		    &err) != 0)
			rc = commands_say_error(&err);
		else {
			added = sum.added;
			made = sum.classes;
			printf(P_("added %d learner from %s\n",
			    "added %d learners from %s\n", added), added,
			    argv[0]);
			if (sum.bad > 0)
				printf(P_("left out %d bad row\n",
				    "left out %d bad rows\n", sum.bad),
				    sum.bad);
			if (made > 0)
				printf(P_("added %d new class\n",
				    "added %d new classes\n", made), made);
		}
	} else {
		/* TRANSLATORS: the headings of "hocso learner list". */
		head[0] = _("class");
		head[1] = _("name");
		head[2] = _("PIN");
		head[3] = _("language");
		/* TRANSLATORS: the learner's id (a UUID), as the province's
		 * server names the learner (hocso-server purge --learner). */
		head[4] = _("id");
		commands_table_add(&t, head);
		if (roster_learner_list(s, cls, learner_row, &t, &err) != 0)
			rc = commands_say_error(&err);
		else if (t.nrows == 1)
			puts(_("no learners yet"));
		else
			commands_table_print(&t);
		commands_table_free(&t);
	}
	store_close(s);
	return rc;
}

/*
 * commands.c: hocso install | modules | remove | trust | class | learner.
 * A thin layer over lessons/install.c, lessons/catalog.c and
 * learn/model/school.c that parses and prints; see commands.h.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/store.h"
#include "core/text.h"
#include "core/util.h"
#include "learn/commands/commands.h"
#include "learn/model/school.h"
#include "learn/model/screentime.h"
#include "lessons/catalog.h"
#include "lessons/install.h"
#include "sync/devstore.h"

static int
say_error(const struct hs_error *err)
{
	char line[1024];

	fprintf(stderr, "hocso: %s\n", hs_error_format(err, line,
	    sizeof line));
	return 1;
}

/* A bad row of an import: "FILE:LINE: reason", as compilers say it. */
static void
import_bad_row(const struct hs_error *err, void *arg)
{
	char line[1024];

	fprintf(stderr, "%s\n", hs_error_format(err, line, sizeof line));
}

static int
usage_error(const char *what)
{
	fprintf(stderr, _("hocso: usage: %s (see hocso --help)\n"), what);
	return 2;
}

static int
cmd_install(const char *datadir, int argc, char **argv)
{
	struct keys_public signer;
	struct hs_error err;
	char id[129], version[32];
	unsigned flags = 0;
	int i = 1, failed = 0;

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--force"))
			flags |= INSTALL_FORCE;
		else if (!strcmp(argv[i], "--allow-unsigned"))
			flags |= INSTALL_ALLOW_UNSIGNED;
		else
			break;
	}
	if (i >= argc || argv[i][0] == '-')
		return usage_error("hocso install [--force] [--allow-unsigned] "
		    "PKG.hsm...");
	for (; i < argc; i++) {
		hs_error_clear(&err);
		if (install_package(datadir, argv[i], flags, id, version,
		    &signer, &err) != 0)
			failed |= say_error(&err);
		else
			printf(_("installed %s %s (publisher %s)\n"), id,
			    version, signer.name);
	}
	return failed;
}

static int
cmd_modules(const char *datadir, const char *lang)
{
	struct catalog c;
	struct hs_error err;
	int i;

	if (catalog_load(datadir, &c, &err) != 0)
		return say_error(&err);
	for (i = 0; i < c.n; i++)
		printf("%s %s  %s%s\n", c.modules[i].id, c.modules[i].version,
		    module_title(&c.modules[i], lang), c.modules[i].unsigned_pkg ?
		    _("  (unsigned)") : "");
	if (c.nbroken > 0)
		say_error(&c.first_problem);
	catalog_free(&c);
	return 0;
}

static int
cmd_trust(const char *datadir, int argc, char **argv)
{
	struct keys_public pub, *keys;
	struct hs_error err;
	char b64[KEYS_B64_MAX];
	int i, n;

	if (argc == 3 && !strcmp(argv[1], "add")) {
		if (install_trust_add(datadir, argv[2], &pub, &err) != 0)
			return say_error(&err);
		keys_public_b64(&pub, b64);
		printf(_("trusted publisher %s (key %s)\n"), keys_display(&pub),
		    b64);
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "list")) {
		if (install_trust_list(datadir, &keys, &n, &err) != 0)
			return say_error(&err);
		for (i = 0; i < n; i++) {
			keys_public_b64(&keys[i], b64);
			printf("%s %s\n", keys[i].name, b64);
		}
		free(keys);
		return 0;
	}
	return usage_error("hocso trust add KEY.pub | hocso trust list");
}

struct store *
commands_open_store(const char *datadir)
{
	struct hs_error err;
	struct store *s;
	char *path = util_path_join(datadir, "hocso.db");

	if (devstore_open(path, &s, &err) != 0) {
		say_error(&err);
		s = NULL;
	}
	free(path);
	return s;
}

/* A table printed in columns aligned by display width (Vietnamese
 * letters with marks are one column, however many bytes). */
struct table {
	int ncols, nrows, cap;
	char **cell;		/* row by row */
};

static void
table_add(struct table *t, const char *const *cells)
{
	int i;

	if (t->nrows == t->cap) {
		t->cap = t->cap != 0 ? t->cap * 2 : 16;
		t->cell = xrealloc(t->cell, (size_t)t->cap * t->ncols *
		    sizeof *t->cell);
	}
	for (i = 0; i < t->ncols; i++)
		t->cell[t->nrows * t->ncols + i] = xstrdup(cells[i]);
	t->nrows++;
}

static int
cell_width(const char *s)
{
	int w = text_width(s, strlen(s));

	return w >= 0 ? w : (int)strlen(s);
}

static void
table_free(struct table *t)
{
	int i;

	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cell[i]);
	free(t->cell);
}

/* Prints t, two spaces between columns. */
static void
table_print(const struct table *t)
{
	int width[4] = { 0 }, r, i, w;
	const char *c;

	for (r = 0; r < t->nrows; r++)
		for (i = 0; i < t->ncols; i++)
			if ((w = cell_width(t->cell[r * t->ncols + i])) >
			    width[i])
				width[i] = w;
	for (r = 0; r < t->nrows; r++) {
		for (i = 0; i < t->ncols; i++) {
			c = t->cell[r * t->ncols + i];
			fputs(c, stdout);
			if (i + 1 < t->ncols)
				printf("%*s", width[i] - cell_width(c) + 2, "");
		}
		putchar('\n');
	}
}

static int
class_row(const struct school_class *c, void *arg)
{
	char n[16];
	const char *cells[3];

	snprintf(n, sizeof n, "%d", c->learners);
	cells[0] = c->name;
	cells[1] = c->pins ? _("yes") : _("no");
	cells[2] = n;
	table_add(arg, cells);
	return 0;
}

static int
learner_row(const struct school_learner *l, void *arg)
{
	const char *cells[4];

	cells[0] = l->class_name;
	cells[1] = l->name;
	cells[2] = l->has_pin ? _("yes") : _("no");
	cells[3] = l->lang;
	table_add(arg, cells);
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
			return usage_error(use);
	}
	if (optind + 1 != argc || (pins < 0 && brk < 0 && daily < 0))
		return usage_error(use);
	if ((s = commands_open_store(datadir)) == NULL)
		return 1;
	if (screentime_class_set(s, argv[optind], pins, brk, daily, &err) != 0)
		rc = say_error(&err);
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

/* hocso class add NAME [--pins] | class list | class set */
static int
cmd_class(const char *datadir, int argc, char **argv)
{
	static const char use[] = "hocso class add NAME [--pins] | "
	    "hocso class list | hocso class set NAME [--pins on|off] "
	    "[--break MIN] [--daily MIN] | hocso class rename NAME NEW | "
	    "hocso class remove NAME";
	static const struct option opts[] = {
		{ "pins", no_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 }
	};
	struct table t = { 3, 0, 0, NULL };
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
		table_add(&t, head);
		if (school_class_list(s, class_row, &t, &err) != 0)
			rc = say_error(&err);
		else if (t.nrows == 1)
			puts(_("no classes yet: add one with hocso class add "
			    "NAME"));
		else
			table_print(&t);
		table_free(&t);
		store_close(s);
		return rc;
	}
	if (argc >= 2 && !strcmp(argv[1], "set"))
		return class_set(datadir, argc - 1, argv + 1);
	if (argc >= 2 && (!strcmp(argv[1], "rename") ||
	    !strcmp(argv[1], "remove"))) {
		int ren = argv[1][2] == 'n';

		if (argc != (ren ? 4 : 3))
			return usage_error(use);
		if ((s = commands_open_store(datadir)) == NULL)
			return 1;
		if ((ren ? school_class_rename(s, argv[2], argv[3], &err) :
		    school_class_remove(s, argv[2], &err)) != 0)
			rc = say_error(&err);
		else if (ren)
			printf(_("renamed class %s to %s\n"), argv[2], argv[3]);
		else
			printf(_("removed class %s\n"), argv[2]);
		store_close(s);
		return rc;
	}
	if (argc < 2 || strcmp(argv[1], "add") != 0)
		return usage_error(use);
	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc - 1, argv + 1, ":", opts, NULL)) != -1) {
		if (c != 'p')
			return usage_error(use);
		pins = 1;
	}
	if (optind + 2 != argc)
		return usage_error(use);
	if ((s = commands_open_store(datadir)) == NULL)
		return 1;
	if (school_class_add(s, argv[optind + 1], pins, &err) != 0)
		rc = say_error(&err);
	else if (pins)
		printf(_("added class %s (its learners sign in with a PIN)\n"),
		    argv[optind + 1]);
	else
		printf(_("added class %s\n"), argv[optind + 1]);
	store_close(s);
	return rc;
}

/* hocso learner add | list | remove | import */
static int
cmd_learner(const char *datadir, int argc, char **argv)
{
	static const char use[] = "hocso learner add --class C NAME "
	    "[--pin N] [--lang vi|en] | learner list [--class C] | "
	    "learner remove --class C NAME | learner import FILE.csv | "
	    "learner rename|move|pin|lang --class C NAME NEW";
	static const struct option opts[] = {
		{ "class", required_argument, NULL, 'c' },
		{ "pin", required_argument, NULL, 'p' },
		{ "lang", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 }
	};
	const char *cls = NULL, *pin = NULL, *lang = NULL, *what, *head[4];
	struct table t = { 4, 0, 0, NULL };
	struct hs_error err;
	struct store *s;
	int c, rc = 0, added, made;

	if (argc < 2)
		return usage_error(use);
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
		else
			return usage_error(use);
	}
	argc -= optind + 1;
	argv += optind + 1;
	if (!strcmp(what, "add") || !strcmp(what, "remove")) {
		if (cls == NULL || argc != 1)
			return usage_error(use);
	} else if (!strcmp(what, "rename") || !strcmp(what, "move") ||
	    !strcmp(what, "pin") || !strcmp(what, "lang")) {
		if (cls == NULL || argc != 2)
			return usage_error(use);
	} else if (!strcmp(what, "list")) {
		if (argc != 0)
			return usage_error(use);
	} else if (!strcmp(what, "import")) {
		if (cls != NULL || argc != 1)
			return usage_error(use);
	} else
		return usage_error(use);

	if ((s = commands_open_store(datadir)) == NULL)
		return 1;
	if (!strcmp(what, "add")) {
		if (school_learner_add(s, cls, argv[0], pin, lang, NULL,
		    &err) != 0)
			rc = say_error(&err);
		else
			printf(_("added %s to class %s\n"), argv[0], cls);
	} else if (!strcmp(what, "remove")) {
		if (school_learner_remove(s, cls, argv[0], &err) != 0)
			rc = say_error(&err);
		else
			printf(_("removed %s from class %s: their name and PIN "
			    "are erased, their progress is kept without a "
			    "name\n"), argv[0], cls);
	} else if (!strcmp(what, "rename") || !strcmp(what, "move") ||
	    !strcmp(what, "pin") || !strcmp(what, "lang")) {
		enum school_change ch = what[0] == 'r' ? SCHOOL_RENAME :
		    what[0] == 'm' ? SCHOOL_MOVE : what[0] == 'p' ? SCHOOL_PIN :
		    SCHOOL_LANG;

		if (school_learner_change(s, cls, argv[0], ch, argv[1],
		    &err) != 0)
			rc = say_error(&err);
		else if (ch == SCHOOL_RENAME)
			printf(_("renamed %s to %s in class %s\n"), argv[0],
			    argv[1], cls);
		else if (ch == SCHOOL_MOVE)
			printf(_("moved %s from class %s to class %s\n"),
			    argv[0], cls, argv[1]);
		else if (ch == SCHOOL_PIN)
			printf(_("gave %s of class %s a new PIN\n"), argv[0],
			    cls);
		else
			printf(_("%s of class %s now learns in %s\n"), argv[0],
			    cls, argv[1]);
	} else if (!strcmp(what, "import")) {
		if (school_learner_import(s, argv[0], import_bad_row, NULL,
		    &added, &made, &err) != 0)
			rc = say_error(&err);
		else {
			printf(P_("added %d learner from %s\n",
			    "added %d learners from %s\n", added), added,
			    argv[0]);
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
		table_add(&t, head);
		if (school_learner_list(s, cls, learner_row, &t, &err) != 0)
			rc = say_error(&err);
		else if (t.nrows == 1)
			puts(_("no learners yet"));
		else
			table_print(&t);
		table_free(&t);
	}
	store_close(s);
	return rc;
}

int
commands_run(const char *datadir, const char *lang, int argc, char **argv)
{
	struct hs_error err;

	if (!strcmp(argv[0], "install"))
		return cmd_install(datadir, argc, argv);
	if (!strcmp(argv[0], "modules"))
		return argc == 1 ? cmd_modules(datadir, lang) :
		    usage_error("hocso modules");
	if (!strcmp(argv[0], "remove")) {
		if (argc != 2)
			return usage_error("hocso remove ID");
		if (install_remove(datadir, argv[1], &err) != 0)
			return say_error(&err);
		printf(_("removed %s\n"), argv[1]);
		return 0;
	}
	if (!strcmp(argv[0], "trust"))
		return cmd_trust(datadir, argc, argv);
	if (!strcmp(argv[0], "class"))
		return cmd_class(datadir, argc, argv);
	if (!strcmp(argv[0], "learner"))
		return cmd_learner(datadir, argc, argv);
	if (!strcmp(argv[0], "report"))
		return report_command(datadir, lang, argc, argv);
	if (!strcmp(argv[0], "school"))
		return school_command(datadir, argc, argv);
	if (!strcmp(argv[0], "simulate"))
		return simulate_command(datadir, argc, argv);
	if (!strcmp(argv[0], "sync"))
		return sync_command(datadir, lang, argc, argv);
	fprintf(stderr, _("hocso: unknown command '%s' (see hocso --help)\n"),
	    argv[0]);
	return 2;
}

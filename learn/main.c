/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * main.c: the hocso program: options, locale and language, the data
 * folder, then the terminal app.  Everything else lives in the libraries.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/datadir.h"
#include "core/i18n.h"
#include "core/locale.h"
#include "core/store.h"
#include "core/version.h"
#include "learn/screens/app.h"
#include "learn/screens/ui.h"
#include "learn/commands/table.h"

/* The commands, from the one table (learn/commands/table.h): their
 * names and help, and the handlers of those that run here (simulate);
 * the others run in hocso-cmd, which links what they need. */
static const struct command app_commands[] = {
	COMMANDS_TABLE(COMMANDS_APP_ROW)
};
#define NCOMMANDS ((int)(sizeof app_commands / sizeof *app_commands))

static void
usage(FILE *f)
{
	int i;

	fprintf(f, _("Usage: %s [OPTION]... [COMMAND]\n"), "hocso");
	fputs(_("Learn digital skills and online safety: short lessons and "
	    "quizzes in the terminal.\n\n"), f);
	fputs(_("  -d, --data-dir DIR   keep data in DIR (default: "
	    "$HOCSO_DATA_DIR,\n"
	    "                       else $XDG_DATA_HOME/hocso)\n"), f);
	fputs(_("  -l, --lang LANG      interface and lessons in LANG: vi or en\n"), f);
	fputs(_("  -h, --help           show this help and exit\n"), f);
	fputs(_("  -V, --version        show the version and exit\n"), f);
	fputs(_("\nCommands (without one, the app opens):\n"), f);
	for (i = 0; i < NCOMMANDS; i++)
		fputs(_(app_commands[i].help), f);
	fputs(_("\nIn the app, press ? for help.\n"), f);
}

/* "vi" or "en" from a locale or LANGUAGE value, or NULL. */
static const char *
lang_of(const char *value)
{
	if (value == NULL)
		return NULL;
	if (!strncmp(value, "vi", 2))
		return "vi";
	if (!strncmp(value, "en", 2))
		return "en";
	return NULL;
}

/* The language the user asked for: --lang, else the first of LANGUAGE,
 * LC_ALL, LC_MESSAGES and LANG that names one we speak, else Vietnamese. */
static const char *
choose_lang(const char *opt)
{
	static const char *const vars[] =
	    { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };
	const char *l;
	unsigned i;

	if (opt != NULL)
		return opt;
	for (i = 0; i < sizeof vars / sizeof *vars; i++) {
		const char *v = getenv(vars[i]);
		if (v != NULL && *v != '\0')
			return (l = lang_of(v)) != NULL ? l : "vi";
	}
	return "vi";
}

/* Runs hocso-cmd for a subcommand: the one beside this program (a build
 * tree), else the installed one.  Returns only on failure. */
static int
command_exec(const char *datadir, const char *lang, char **args)
{
	char self[4096], path[4200], *slash, **argv;
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	int i, nargs = 0;

	path[0] = '\0';
	if (n > 0) {
		self[n] = '\0';
		if ((slash = strrchr(self, '/')) != NULL) {
			*slash = '\0';
			snprintf(path, sizeof path, "%s/hocso-cmd", self);
		}
	}
	if (path[0] == '\0' || access(path, X_OK) != 0)
		snprintf(path, sizeof path, "%s/hocso-cmd", PKGLIBEXECDIR);
	while (args[nargs] != NULL)
		nargs++;
	argv = calloc(nargs + 6, sizeof *argv);
	if (argv == NULL)
		return 1;
	argv[0] = path;
	argv[1] = (char *)"--data-dir";
	argv[2] = (char *)datadir;
	argv[3] = (char *)"--lang";
	argv[4] = (char *)lang;
	for (i = 0; i < nargs; i++)
		argv[5 + i] = args[i];
	execv(path, argv);
	fprintf(stderr, "hocso: %s: %s\n", path, strerror(errno));
	free(argv);
	return 1;
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "data-dir", required_argument, NULL, 'd' },
		{ "lang", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const char *data_opt = NULL, *lang_opt = NULL, *lang;
	const struct command *cmd = NULL;
	struct hs_error err = { 0 };
	char line[640], *datadir;
	struct app app;
	int c, rc, ui_rc;

	if (locale_setup(LOCALE_UTF8, &err) != 0) {
		fprintf(stderr, "hocso: %s\n", err.msg);
		return 1;
	}
	/* The language chosen so far (LANGUAGE, LANG...) speaks the
	 * messages about options; --lang takes over after them. */
	lang = choose_lang(NULL);
	setenv("LANGUAGE", lang, 1);

	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:d:l:hV", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			data_opt = optarg;
			break;
		case 'l':
			if (lang_of(optarg) == NULL || strlen(optarg) != 2) {
				fprintf(stderr, _("hocso: unknown language "
				    "'%s': use vi or en\n"), optarg);
				return 2;
			}
			lang_opt = optarg;
			break;
		case 'h':
			setenv("LANGUAGE", choose_lang(lang_opt), 1);
			usage(stdout);
			return 0;
		case 'V':
			version_print(stdout, "hocso");
			return 0;
		case ':':
			fprintf(stderr, _("hocso: option '%s' needs a value "
			    "(see hocso --help)\n"), argv[optind - 1]);
			return 2;
		default:
			fprintf(stderr, _("hocso: unknown option '%s' (see "
			    "hocso --help)\n"), argv[optind - 1]);
			return 2;
		}
	}
	if (optind < argc && (cmd = commands_find(app_commands, NCOMMANDS,
	    argv[optind])) == NULL) {
		fprintf(stderr, _("hocso: unknown command '%s' (see hocso "
		    "--help)\n"), argv[optind]);
		return 2;
	}
	lang = choose_lang(lang_opt);
	setenv("LANGUAGE", lang, 1);
	if (optind < argc) {
		if ((datadir = datadir_resolve(data_opt, &err)) == NULL ||
		    datadir_prepare(datadir, &err) != 0) {
			fprintf(stderr, "hocso: %s\n", hs_error_format(&err,
			    line, sizeof line));
			free(datadir);
			return 1;
		}
		/* simulate runs here, not in hocso-cmd: a lab's processes
		 * are this small program, and the bench measures them. */
		if (cmd->where == COMMAND_IN_APP)
			rc = cmd->run(datadir, lang, argc - optind,
			    argv + optind);
		else
			rc = command_exec(datadir, lang, argv + optind);
		free(datadir);
		return rc;
	}

	store_config_app();	/* one store, and a child at the keys */
	if ((datadir = datadir_resolve(data_opt, &err)) == NULL ||
	    datadir_prepare(datadir, &err) != 0) {
		fprintf(stderr, "hocso: %s\n", hs_error_format(&err, line,
		    sizeof line));
		free(datadir);
		return 1;
	}
	/* The terminal is set up on a thread while the store is read: on
	 * two cores the first screen comes up in the time of the longer
	 * of the two, not of both. */
	ui_start_begin();
	rc = app_open(&app, datadir, lang, &err);
	ui_rc = ui_start_end();
	if (rc != 0) {
		ui_end();
		fprintf(stderr, "hocso: %s\n", hs_error_format(&err, line,
		    sizeof line));
		free(datadir);
		return 1;
	}
	rc = ui_rc != 0 ? -1 : app_run(&app);
	app_close(&app);
	free(datadir);
	if (rc != 0) {
		fprintf(stderr, "hocso: %s\n", _("this terminal cannot be "
		    "used: check TERM"));
		return 1;
	}
	return 0;
}

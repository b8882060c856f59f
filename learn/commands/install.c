/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * install.c: hocso install [--force] [--allow-unsigned] PKG.hsm...: each
 * package verified and installed by lessons/install.c, one line each;
 * and hocso install --check [--porcelain] PKG.hsm|DIR...: what installing
 * would do (new, an upgrade, already there, or the refusal in the
 * install's own words), the catalog untouched.  A folder stands for the
 * .hsm files in it (learn/model/stickdir.h: a stick's links are refused
 * by the package reader, never followed).  --porcelain is for the app's
 * stick screen: one line a package, fields separated by tabs, made
 * printable: "ok", the file, id, version, the version installed (or
 * ""), new|upgrade|same|older, the publisher, 1 when trusted, the
 * title; or "refused", the file, the reason.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "core/fileio.h"
#include "core/i18n.h"
#include "core/util.h"
#include "learn/commands/common.h"
#include "learn/commands/table.h"
#include "learn/model/stickdir.h"
#include "lessons/install.h"

/* Prints s made printable (no tab, no newline, no control). */
static void
put_field(const char *s, int last)
{
	char *p = fileio_printable(s);

	fputs(p, stdout);
	putchar(last ? '\n' : '\t');
	free(p);
}

/* Tells what installing pkg would do; returns 1 when it is refused. */
static int
check_one(const char *datadir, const char *lang, const char *pkg,
    int porcelain)
{
	struct install_info info;
	struct hs_error err;
	char what[128];

	hs_error_clear(&err);
	if (install_inspect(datadir, pkg, lang, &info, &err) != 0) {
		if (!porcelain)
			return commands_say_error(&err);
		/* The message without the file, which is beside it. */
		put_field("refused", 0);
		put_field(pkg, 0);
		put_field(err.msg, 1);
		return 1;
	}
	if (porcelain) {
		put_field("ok", 0);
		put_field(pkg, 0);
		put_field(info.id, 0);
		put_field(info.version, 0);
		put_field(info.installed, 0);
		put_field(info.installed[0] == '\0' ? "new" : info.cmp > 0 ?
		    "upgrade" : info.cmp == 0 ? "same" : "older", 0);
		put_field(info.signer.name, 0);
		put_field(info.trusted ? "1" : "0", 0);
		put_field(info.title, 1);
		return 0;
	}
	if (info.installed[0] == '\0')
		snprintf(what, sizeof what, "%s", _("new"));
	else if (info.cmp > 0)
		snprintf(what, sizeof what, _("an upgrade of %s"),
		    info.installed);
	else if (info.cmp == 0)
		snprintf(what, sizeof what, "%s", _("already installed"));
	else
		snprintf(what, sizeof what, _("older than the installed %s"),
		    info.installed);
	{
		char *p = fileio_printable(pkg), *t = fileio_printable(info.title);

		/* TRANSLATORS: hocso install --check: the file, the module's
		 * id, version and title, its publisher, then "new", "an
		 * upgrade of 1.0.0"... */
		printf(_("%s: %s %s \"%s\", publisher %s (%s): %s\n"), p,
		    info.id, info.version, t, info.is_signed ?
		    info.signer.name : _("unsigned"), info.trusted ?
		    _("trusted") : _("not trusted"), what);
		free(p);
		free(t);
	}
	return 0;
}

static int
is_hsm(const char *name)
{
	size_t n = strlen(name);

	return n > 4 && strcasecmp(name + n - 4, ".hsm") == 0;
}

/* --check over each argument: a package, or a folder of them. */
static int
check_all(const char *datadir, const char *lang, int argc, char **argv,
    int porcelain)
{
	struct stickdir_entry *e;
	struct hs_error err;
	struct stat st;
	char *path;
	int i, j, n, failed = 0;

	for (i = 0; i < argc; i++) {
		/* A folder named on the command line may be a link to one
		 * (the user chose it); inside it, none is followed. */
		if (stat(argv[i], &st) != 0 || !S_ISDIR(st.st_mode)) {
			failed |= check_one(datadir, lang, argv[i], porcelain);
			continue;
		}
		if (stickdir_list(argv[i], ".hsm", &e, &n, &err) != 0) {
			failed |= commands_say_error(&err);
			continue;
		}
		for (j = 0; j < n; j++) {
			if (e[j].is_dir && !is_hsm(e[j].name))
				continue;	/* a sub-folder */
			path = util_path_join(argv[i], e[j].name);
			failed |= check_one(datadir, lang, path, porcelain);
			free(path);
		}
		stickdir_free(e, n);
	}
	return failed;
}

int
install_command(const char *datadir, const char *lang, int argc,
    char **argv)
{
	struct keys_public signer;
	struct hs_error err;
	char id[129], version[32];
	unsigned flags = 0;
	int i = 1, failed = 0, check = 0, porcelain = 0;

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--force"))
			flags |= INSTALL_FORCE;
		else if (!strcmp(argv[i], "--allow-unsigned"))
			flags |= INSTALL_ALLOW_UNSIGNED;
		else if (!strcmp(argv[i], "--check"))
			check = 1;
		else if (!strcmp(argv[i], "--porcelain"))
			porcelain = 1;
		else
			break;
	}
	if (i >= argc || argv[i][0] == '-' || (porcelain && !check) ||
	    (check && flags != 0))
		return commands_usage_error("hocso install [--force] "
		    "[--allow-unsigned] PKG.hsm... | hocso install --check "
		    "[--porcelain] PKG.hsm|DIR...");
	if (check)
		return check_all(datadir, lang, argc - i, argv + i, porcelain);
	for (; i < argc; i++) {
		hs_error_clear(&err);
		if (install_package(datadir, argv[i], flags, id, version,
		    &signer, &err) != 0)
			failed |= commands_say_error(&err);
		else
			printf(_("installed %s %s (publisher %s)\n"), id,
			    version, signer.name);
	}
	/* A refused package changes nothing. */
	return failed;
}

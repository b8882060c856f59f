/*
 * commands.c: hocso install | modules | remove | trust.  A thin layer over
 * lessons/install.c and lessons/catalog.c that prints; see commands.h.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "learn/commands.h"
#include "lessons/catalog.h"
#include "lessons/install.h"

static int
say_error(const struct hs_error *err)
{
	char line[1024];

	fprintf(stderr, "hocso: %s\n", hs_error_format(err, line,
	    sizeof line));
	return 1;
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
		printf(_("trusted publisher %s (key %s)\n"), pub.name, b64);
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
	fprintf(stderr, _("hocso: unknown command '%s' (see hocso --help)\n"),
	    argv[0]);
	return 2;
}

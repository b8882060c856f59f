/*
 * install.c: hocso install [--force] [--allow-unsigned] PKG.hsm...: each
 * package verified and installed by lessons/install.c, one line each.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "core/store.h"
#include "learn/commands/common.h"
#include "learn/commands/table.h"
#include "learn/model/helpindex.h"
#include "lessons/catalog.h"
#include "lessons/install.h"

/* Indexes the help of the catalog as it is now, for the help search
 * (learn/model/helpindex.h).  Returns 0, or 1 when it could not (said). */
static int
install_index_help(const char *datadir)
{
	struct catalog c;
	struct hs_error err;
	struct store *s;
	int rc;

	if ((s = commands_open_store(datadir)) == NULL)
		return 1;
	if ((rc = catalog_load(datadir, &c, &err)) == 0) {
		rc = helpindex_refresh(s, &c, NULL, &err);
		catalog_free(&c);
	}
	store_close(s);
	return rc != 0 ? commands_say_error(&err) : 0;
}

int
install_command(const char *datadir, const char *lang, int argc,
    char **argv)
{
	struct keys_public signer;
	struct hs_error err;
	char id[129], version[32];
	unsigned flags = 0;
	int i = 1, failed = 0, installed = 0;

	(void)lang;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--force"))
			flags |= INSTALL_FORCE;
		else if (!strcmp(argv[i], "--allow-unsigned"))
			flags |= INSTALL_ALLOW_UNSIGNED;
		else
			break;
	}
	if (i >= argc || argv[i][0] == '-')
		return commands_usage_error("hocso install [--force] "
		    "[--allow-unsigned] PKG.hsm...");
	for (; i < argc; i++) {
		hs_error_clear(&err);
		if (install_package(datadir, argv[i], flags, id, version,
		    &signer, &err) != 0)
			failed |= commands_say_error(&err);
		else {
			printf(_("installed %s %s (publisher %s)\n"), id,
			    version, signer.name);
			installed++;
		}
	}
	/* A refused package changes nothing, the store included. */
	return installed > 0 ? failed | install_index_help(datadir) : failed;
}

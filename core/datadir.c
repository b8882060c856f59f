/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * datadir.c: resolving and preparing the data folder.  See datadir.h.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/datadir.h"
#include "core/i18n.h"
#include "core/util.h"

char *
datadir_resolve(const char *cli, struct hs_error *err)
{
	const char *env;

	if (cli != NULL && *cli != '\0')
		return xstrdup(cli);
	if ((env = getenv("HOCSO_DATA_DIR")) != NULL && *env != '\0')
		return xstrdup(env);
	if ((env = getenv("XDG_DATA_HOME")) != NULL && *env == '/')
		return util_path_join(env, "hocso");
	if ((env = getenv("HOME")) != NULL && *env == '/')
		return util_path_join(env, ".local/share/hocso");
	hs_error_set(err, HS_EINVAL,
	    _("no data folder: use --data-dir DIR or set HOCSO_DATA_DIR"));
	return NULL;
}

int
datadir_prepare(const char *dir, struct hs_error *err)
{
	char *modules, *parent, *slash;
	int rc;

	/* The folder itself is private (0700): it holds the learners'
	 * names and the device's secret key.  Its parents are ordinary. */
	if (mkdir(dir, 0700) != 0 && errno == ENOENT &&
	    (slash = strrchr(dir, '/')) != NULL && slash != dir) {
		parent = xstrndup(dir, (size_t)(slash - dir));
		rc = util_mkdir_p(parent, err);
		free(parent);
		if (rc != 0)
			return rc;
		mkdir(dir, 0700);
	}
	if ((rc = util_mkdir_p(dir, err)) != 0)	/* says why it is not */
		return rc;
	modules = util_path_join(dir, "modules");
	rc = util_mkdir_p(modules, err);
	free(modules);
	return rc;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * modules.c: a publish checked against what the catalog offers, and a
 * module withdrawn (see modules.h).  The rule is a package archive's: a
 * version number names one content for ever (a new content needs a new
 * number), and an older version never replaces a newer one unless the
 * admin says so (--force); then it is kept beside it, and the catalog
 * still offers the newer one.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/i18n.h"
#include "core/util.h"
#include "lessons/install.h"
#include "server/modules.h"
#include "server/server.h"
#include "server/srvstore.h"
#include "server/srvstore-admin.h"

struct modules_walk {
	const char *id, *version, *sha256;
	char *offered;			/* the highest version offered */
	char other[72];			/* the same version, other contents */
	int again;			/* this package is published */
};

static int
modules_walk_fn(const struct srvstore_module *m, void *ctx)
{
	struct modules_walk *w = ctx;

	if (strcmp(m->id, w->id) != 0)
		return 0;
	if (strcmp(m->sha256, w->sha256) == 0)
		w->again = 1;
	else if (strcmp(m->version, w->version) == 0)
		snprintf(w->other, sizeof w->other, "%.10s", m->published);
	if (m->withdrawn == NULL && (w->offered == NULL ||
	    install_version_cmp(m->version, w->offered) > 0)) {
		free(w->offered);
		w->offered = xstrdup(m->version);
	}
	return 0;
}

int
modules_check(struct server *s, const char *id, const char *version,
    const char *sha256, int force, char **offered, int *again,
    struct hs_error *err)
{
	struct modules_walk w;
	int rc;

	*offered = NULL;
	*again = 0;
	memset(&w, 0, sizeof w);
	w.id = id;
	w.version = version;
	w.sha256 = sha256;
	if ((rc = srvstore_module_each(server_store(s), modules_walk_fn, &w,
	    err)) != 0) {
		free(w.offered);
		return rc;
	}
	*again = w.again;
	if (!w.again && w.other[0] != '\0')
		rc = hs_error_set(err, HS_EINVAL, _("%s %s was published on %s "
		    "with other contents: a version number names one content, "
		    "give this package a higher one"), id, version, w.other);
	else if (!w.again && !force && w.offered != NULL &&
	    install_version_cmp(version, w.offered) < 0)
		rc = hs_error_set(err, HS_EINVAL, _("the catalog offers %s %s, "
		    "newer than %s, and devices never install an older version "
		    "over it: to offer %s again, withdraw %s (hocso-server "
		    "module withdraw %s %s); --force publishes it beside it"),
		    id, w.offered, version, version, w.offered, id, w.offered);
	if (rc == 0 && w.offered != NULL && install_version_cmp(version,
	    w.offered) < 0)
		*offered = w.offered;
	else
		free(w.offered);
	return rc;
}

int
modules_withdraw(struct server *s, const char *id, const char *version,
    int *n, struct hs_error *err)
{
	struct srvstore *st = server_store(s);
	char now[32];
	int rc;

	util_iso8601(clock_now_ms(), now, sizeof now);
	if ((rc = srvstore_begin(st, err)) != 0)
		return rc;
	if ((rc = srvstore_module_withdraw(st, id, version, now, n,
	    err)) == 0 && *n == 0)
		rc = hs_error_set(err, HS_ENOTFOUND, version != NULL ?
		    _("the catalog does not offer %s %s (see hocso-server "
		    "module list)") : _("the catalog does not offer %s%s (see "
		    "hocso-server module list)"), id, version != NULL ?
		    version : "");
	if (rc == 0)
		rc = srvstore_commit(st, err);
	if (rc != 0)
		srvstore_rollback(st);
	return rc;
}

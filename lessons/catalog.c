/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * catalog.c: scanning the data folder's modules/.  See catalog.h.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/util.h"
#include "lessons/catalog.h"

/* By the author's order, then by id. */
static int
cmp_module(const void *a, const void *b)
{
	const struct module *x = a, *y = b;

	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return strcmp(x->id, y->id);
}

int
catalog_load(const char *datadir, struct catalog *c, struct hs_error *err)
{
	char *dir = util_path_join(datadir, "modules"), *sub;
	struct hs_error merr;
	struct dirent *e;
	struct module m;
	DIR *d;

	memset(c, 0, sizeof *c);
	if ((d = opendir(dir)) == NULL) {
		int missing = errno == ENOENT;
		if (!missing)
			hs_error_set_at(err, HS_EIO, dir, 0, 0, "%s",
			    strerror(errno));
		free(dir);
		return missing ? 0 : HS_EIO;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		sub = util_path_join(dir, e->d_name);
		hs_error_clear(&merr);
		if (module_load(sub, &m, &merr) == 0 &&
		    catalog_find(c, m.id) != NULL) {
			hs_error_set_at(&merr, HS_EINVAL, sub, 0, 0,
			    _("another folder already has module %s"), m.id);
			module_free(&m);
		}
		if (merr.code == 0) {
			c->modules = xrealloc(c->modules,
			    (c->n + 1) * sizeof *c->modules);
			c->modules[c->n++] = m;
		} else if (c->nbroken++ == 0)
			c->first_problem = merr;
		free(sub);
	}
	closedir(d);
	free(dir);
	if (c->n > 1)
		qsort(c->modules, c->n, sizeof *c->modules, cmp_module);
	return 0;
}

void
catalog_free(struct catalog *c)
{
	int i;

	for (i = 0; i < c->n; i++)
		module_free(&c->modules[i]);
	free(c->modules);
	memset(c, 0, sizeof *c);
}

const struct module *
catalog_find(const struct catalog *c, const char *id)
{
	int i;

	for (i = 0; i < c->n; i++)
		if (!strcmp(c->modules[i].id, id))
			return &c->modules[i];
	return NULL;
}

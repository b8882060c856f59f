/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * catalog.h: the modules installed in a data folder, one folder each
 * under <data>/modules/, in DESIGN.md's module layout.  A module that
 * cannot be read is left out and its problem kept, so one bad module
 * never hides the good ones.
 */
#ifndef HOCSO_CATALOG_H
#define HOCSO_CATALOG_H

#include "core/error.h"
#include "lessons/module.h"

struct catalog {
	struct module *modules;		/* sorted by id */
	int n;
	int nbroken;			/* modules left out */
	struct hs_error first_problem;	/* why the first one was left out */
};

/* Reads every module under dir/modules.  Returns 0 (even when some
 * modules were left out) or HS_EIO when the folder cannot be read. */
int catalog_load(const char *datadir, struct catalog *c, struct hs_error *err);

void catalog_free(struct catalog *c);

/* The module with this id, or NULL. */
const struct module *catalog_find(const struct catalog *c, const char *id);

#endif

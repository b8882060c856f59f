/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * modules.h: the catalog's modules as a province admin handles them:
 * what may be published over what is offered, and a withdrawal (the
 * catalog stops offering a package; devices keep what they installed;
 * the package file stays in modules/, for a later publish).
 */
#ifndef HOCSO_MODULES_H
#define HOCSO_MODULES_H

#include "core/error.h"

struct server;

/* Whether the package sha256 of module id, version may be published:
 * refused (HS_EINVAL, err says what the catalog offers) when the same
 * version is published with other contents, or when the catalog offers
 * a higher version and force is 0.  *offered gets the highest version
 * offered when it is higher than version (a new string; NULL when
 * none), *again 1 when this very package is published already (and
 * withdrawn: offered again by server_publish). */
int modules_check(struct server *s, const char *id, const char *version,
    const char *sha256, int force, char **offered, int *again,
    struct hs_error *err);

/* Withdraws module id (version NULL: every version offered), in one
 * transaction; *n gets how many packages.  HS_ENOTFOUND when the
 * catalog offers none of them. */
int modules_withdraw(struct server *s, const char *id, const char *version,
    int *n, struct hs_error *err);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * datadir.h: where hocso keeps its data.  The folder holds the SQLite
 * store (hocso.db) and the module catalog (modules/).
 */
#ifndef HOCSO_DATADIR_H
#define HOCSO_DATADIR_H

#include "core/error.h"

/* Chooses the data folder: cli (from --data-dir) if not NULL, then
 * $HOCSO_DATA_DIR, then $XDG_DATA_HOME/hocso, then ~/.local/share/hocso.
 * Returns a new string the caller frees, or NULL with err filled when no
 * rule gives a folder. */
char *datadir_resolve(const char *cli, struct hs_error *err);

/* Creates the data folder (mode 0700) and its modules/ folder if they
 * are missing.  Returns 0 or HS_EIO. */
int datadir_prepare(const char *dir, struct hs_error *err);

#endif

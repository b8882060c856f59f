/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * install.h: the school's side of packages: the publishers it trusts and
 * the modules it has installed, under the data folder:
 *
 *   <data>/trust/<publisher>.pub   keys of trusted publishers
 *   <data>/modules/<id>/           one folder per installed module
 *
 * A module is unpacked and checked in a temporary folder next to the
 * catalog and then put in place with one rename, so a power cut at any
 * instant leaves the old module or the new one, never a mix.
 */
#ifndef HOCSO_INSTALL_H
#define HOCSO_INSTALL_H

#include "core/error.h"
#include "core/keys.h"
#include "lessons/package.h"

/* Installs the package pkg into datadir's catalog (see above).  Refuses a
 * package not signed by a trusted publisher, one that fails any check of
 * package_extract(), one whose module does not pass hocso-pack's checks
 * (module.ini, lessons, GIFT banks) or whose module.ini disagrees with
 * its manifest, and, unless INSTALL_FORCE is in flags, a version older
 * than or equal to the one installed (a folder of that id that hocso
 * cannot read is replaced).  INSTALL_ALLOW_UNSIGNED takes packages with
 * no trusted signature and marks the module unsigned (a file .unsigned
 * in its folder), which the app shows.  On success fills id, version and
 * the signer.  On failure the catalog is as it was. */
#define INSTALL_FORCE 1		/* also an older or the same version */
#define INSTALL_ALLOW_UNSIGNED 2	/* for authors: no or untrusted signature */

int install_package(const char *datadir, const char *pkg, unsigned flags,
    char id[129], char version[32], struct keys_public *signer,
    struct hs_error *err);

/* What installing pkg would do, told without doing it: the package is
 * unpacked and checked as install_package() does (the same refusals in
 * the same words), in a temporary folder that then goes; a signature by
 * a publisher the school does not trust is read too, and said.  The
 * catalog is untouched.  Returns 0 with info filled, or the refusal. */
struct install_info {
	char id[129];
	char version[32];
	char title[256];		/* in lang, or the first it has */
	struct keys_public signer;	/* name "" when not signed */
	int is_signed;
	int trusted;			/* signed by a trusted publisher */
	char installed[32];		/* the version installed, or "" */
	int cmp;			/* version against installed: <0, 0, >0 */
};

int install_inspect(const char *datadir, const char *pkg, const char *lang,
    struct install_info *info, struct hs_error *err);

/* Removes the installed module id: its folder modules/<id>, even one
 * hocso cannot read.  Returns 0, HS_ENOTFOUND or HS_EIO. */
int install_remove(const char *datadir, const char *id, struct hs_error *err);

/* Unpacks the package pkg, signed or not (its files checked against its
 * manifest), into a new folder under $TMPDIR (or /tmp) named in dir,
 * for reading what it holds.  Returns 0, or a negative code with err
 * filled and nothing left behind.  Remove the folder with
 * install_unpacked_remove(). */
int install_unpack(const char *pkg, char *dir, size_t dirlen,
    struct hs_error *err);

void install_unpacked_remove(const char *dir);

/* Trusts the public key in keyfile: copied into datadir/trust/ under its
 * publisher's name.  The same key twice is fine; another key under a name
 * already trusted is refused. */
int install_trust_add(const char *datadir, const char *keyfile,
    struct keys_public *pub, struct hs_error *err);

/* The trusted keys: a new array in *keys (free() it) of *n entries. */
int install_trust_list(const char *datadir, struct keys_public **keys,
    int *n, struct hs_error *err);

/* Compares two versions ("1.10.0" > "1.9"): <0, 0 or >0. */
int install_version_cmp(const char *a, const char *b);

#endif

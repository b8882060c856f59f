/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * package.h: the signed module package (.hsm), its manifest and its
 * limits.  docs/package-format.md is the contract; this header is its
 * twin in code.
 *
 * A package is a gzip-compressed POSIX tar archive (libarchive) holding,
 * in this order: MANIFEST.json, MANIFEST.sig, then the module's files
 * sorted by path.  Only regular files; every path relative, made of
 * [A-Za-z0-9._-] components, none of them "." or "..".
 */
#ifndef HOCSO_PACKAGE_H
#define HOCSO_PACKAGE_H

#include <stddef.h>

#include "core/error.h"
#include "core/keys.h"

#define PACKAGE_FORMAT 1
#define PACKAGE_MANIFEST "MANIFEST.json"
#define PACKAGE_SIGNATURE "MANIFEST.sig"

/* Limits a package must keep, checked when it is built and again, before
 * anything is written, when it is installed. */
#define PACKAGE_MAX_FILES 4096
#define PACKAGE_MAX_PATH 200			/* bytes */
#define PACKAGE_MAX_FILE_SIZE (16LL << 20)	/* one file */
#define PACKAGE_MAX_TOTAL_SIZE (256LL << 20)	/* all files */
#define PACKAGE_MAX_MANIFEST_SIZE (1 << 20)
#define PACKAGE_MAX_RATIO 200			/* expanded / packed bytes */

struct manifest_file {
	char *path;
	long long size;
	char sha256[65];	/* lower-case hex */
};

struct manifest {
	int format;
	char *id;
	char *version;
	struct manifest_file *files;	/* sorted by path (bytes), unique */
	int nfiles;
};

/* Whether path may name a file in a package (see above). */
int package_path_valid(const char *path);

/* The manifest as canonical JSON (compact, keys sorted, files sorted):
 * a new string the caller frees, its length in *len. */
char *manifest_to_json(const struct manifest *m, size_t *len);

/* Parses and checks a manifest: format, id, version, every path valid,
 * sorted and unique, sizes within the limits, hashes 64 hex digits.
 * Returns 0 and fills m (free with manifest_free()), or HS_EINVAL with
 * err saying what is wrong. */
int manifest_parse(const char *json, size_t len, struct manifest *m,
    struct hs_error *err);

void manifest_free(struct manifest *m);

/* The entry for path, or NULL. */
const struct manifest_file *manifest_find(const struct manifest *m,
    const char *path);

/* MANIFEST.sig for the manifest bytes, signed with sec: a new string. */
char *manifest_sign(const struct keys_secret *sec, const char *json,
    size_t len, size_t *outlen);

/* Reads MANIFEST.sig: the signer's public key (its name from the file)
 * and checks that it signed the manifest bytes.  Returns 0, or HS_EINVAL
 * with err saying why (malformed, or a signature that does not match). */
int manifest_check_signature(const char *sig, size_t siglen,
    const char *json, size_t len, struct keys_public *signer,
    struct hs_error *err);

/* Reads the package pkg and unpacks its files into the existing, empty
 * folder destdir, after checking that its signature is by one of the
 * ntrusted keys; every file is checked against the manifest (path, kind,
 * order, size, SHA-256) as it is written, all flushed to disk before it
 * returns; the bytes written may not
 * pass max_ratio times the package's size (PACKAGE_MAX_RATIO in use).
 * Returns 0 with man (free with manifest_free()) and signer filled, or a
 * negative code with err naming the package and the problem; destdir
 * may then hold part of the files, and the caller removes it.  With
 * allow_unsigned, a package with no signature, or one by a key not
 * trusted, is read too and *is_unsigned set; a signature that does not
 * match its manifest is refused all the same. */
int package_extract(const char *pkg, const char *destdir,
    const struct keys_public *trusted, int ntrusted, long long max_ratio,
    int allow_unsigned, int *is_unsigned, struct manifest *man,
    struct keys_public *signer, struct hs_error *err);

#endif

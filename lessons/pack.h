/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pack.h: what hocso-pack does for authors: check a module folder,
 * build a signed package from it, describe a package, and start a new
 * module.  The format is in package.h and docs/package-format.md.
 */
#ifndef HOCSO_PACK_H
#define HOCSO_PACK_H

#include "core/error.h"
#include "core/keys.h"
#include "lessons/package.h"

/* Called once per problem found by pack_check(): err names the file and,
 * where it can, the line.  warning is 1 for advice that does not stop a
 * build. */
typedef void (*pack_report_fn)(const struct hs_error *err, int warning,
    void *ctx);

/* Checks everything in the module folder dir that a build or an install
 * would refuse, and reports each problem.  Returns the number of
 * problems (warnings not counted). */
int pack_check(const char *dir, pack_report_fn report, void *ctx);

/* Called during a build with the bytes done and to do. */
typedef void (*pack_progress_fn)(long long done, long long total, void *ctx);

/* Builds the package out from the module in dir, signed with key: the
 * same folder and key always give the same bytes.  Writes out.tmp, then
 * renames it.  key NULL makes an unsigned package, for an author's own
 * tests (hocso install --allow-unsigned).  Returns 0 or a negative code
 * with err filled; a folder with problems (pack_check) is refused. */
int pack_build(const char *dir, const char *out, const struct keys_secret *key,
    pack_progress_fn progress, void *ctx, struct hs_error *err);

/* What a package holds, for hocso-pack inspect. */
struct pack_info {
	struct manifest manifest;
	struct keys_public signer;	/* from MANIFEST.sig, checked */
	int is_unsigned;		/* no MANIFEST.sig */
	char langs[64];			/* "vi en" */
	int lessons;			/* lesson files in all languages */
	int questions;			/* questions in all banks */
	long long bytes;		/* the files, expanded */
};

/* Reads the package at path: its manifest, its signature (which must
 * match the manifest; whether its key is trusted is the installer's
 * question) and counts of what it holds.  Free with pack_info_free(). */
int pack_inspect(const char *path, struct pack_info *info,
    struct hs_error *err);

void pack_info_free(struct pack_info *info);

/* Writes a working skeleton module into dir (which must not exist): one
 * lesson and one quiz in Vietnamese and English, with id. */
int pack_new(const char *dir, const char *id, struct hs_error *err);

#endif

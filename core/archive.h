/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * archive.h: the tar entries of hocso's archives, module packages (.hsm)
 * and sync bundles (.hsb), written the same reproducible way and read back
 * with the same bounds and type checks, over libarchive.
 */
#ifndef HOCSO_ARCHIVE_H
#define HOCSO_ARCHIVE_H

#include <stddef.h>

#include <archive.h>
#include <archive_entry.h>

#include "core/error.h"

/* Writes one regular file called name holding data[0..len) to a, with
 * the fixed mode 0644, owner 0:0 and time 0 that make an archive of the
 * same files the same bytes.  Returns 0, or HS_EIO with err (may be NULL)
 * filled from libarchive's message. */
int archive_put_file(struct archive *a, const char *name, const void *data,
    size_t len, struct hs_error *err);

/* A new reader of tar, plain or gzip-compressed, and no other format or
 * filter.  Aborts on out-of-memory (util_oom); free with
 * archive_read_free(). */
struct archive *archive_tar_reader(void);

/* Why the entry e is not a plain file ("a hard link", "a symbolic link",
 * "a folder entry", "a device, FIFO or socket"), translated, or NULL
 * when it is one. */
const char *archive_entry_problem(struct archive_entry *e);

/* Reads the data of the current entry of a, at most max bytes, into a new
 * NUL-terminated buffer that the caller frees, and its length into *len.
 * Returns NULL when the data is longer than max or cannot be read whole
 * (archive_why() then says why, if libarchive knows). */
char *archive_read_entry_data(struct archive *a, size_t max, size_t *len);

/* libarchive's reason for its last failure on a, or "no details". */
const char *archive_why(struct archive *a);

#endif

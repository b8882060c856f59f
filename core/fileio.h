/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fileio.h: the one way a file reaches disk, and the one way an untrusted
 * file (a name or a file on a USB stick) is read.
 *
 * A write goes to a temporary file made with O_CREAT|O_EXCL|O_NOFOLLOW in
 * the target's own folder under a random name (".NAME.RANDOM.tmp"); it is
 * flushed, renamed over the target, and the folder is flushed.  A target
 * that exists and is not a regular file (a symbolic link, a FIFO, a
 * device, a socket, a folder) is refused, never followed or opened for
 * writing.  On any failure the temporary file goes and the target is as
 * it was.  A read of an untrusted file opens it without following a link
 * and without blocking, and takes only a regular file of a bounded size.
 * Every message names the file, with its control characters replaced.
 */
#ifndef HOCSO_FILEIO_H
#define HOCSO_FILEIO_H

#include <stddef.h>

#include "core/error.h"

/* A write in progress: fd is the temporary file, open for reading and
 * writing.  Nothing in it is for the caller to change. */
struct fileio_tmp {
	int fd;
	int mode;
	char *path;		/* the target */
	char *tmp;		/* the temporary file, beside it */
};

/* Writes the len bytes at data to path as a whole or not at all: a new
 * file gets mode (less the umask), a replaced one is replaced.  Returns 0,
 * HS_EINVAL when path is there and is not a regular file, or HS_EIO; err
 * names the file and says why. */
int fileio_write(const char *path, const void *data, size_t len, int mode,
    struct hs_error *err);

/* Whether fileio_write() would write path: 0 when nothing is there or a
 * regular file is, else HS_EINVAL (refused, err says why) or HS_EIO.  For
 * a caller that must not do what cannot be undone (enrol a device) when
 * its answer could not be written. */
int fileio_check(const char *path, struct hs_error *err);

/* Exclusive create: as fileio_write(), but never over anything at path,
 * not even a dangling link (HS_EIO, "already exists").  For key files. */
int fileio_create(const char *path, const void *data, size_t len, int mode,
    struct hs_error *err);

/* Starts a streamed write of path: fills t, whose t->fd the caller
 * writes (write(2), fdopen of a dup, archive_write_open_fd).  Returns 0 or
 * HS_EIO.  Every successful fileio_begin() ends with fileio_commit() or
 * fileio_abort(). */
int fileio_begin(struct fileio_tmp *t, const char *path, int mode,
    struct hs_error *err);

/* Flushes and closes t->fd, checks the target and renames the temporary
 * file over it, then flushes the folder.  On failure it aborts t (the
 * target untouched).  Returns as fileio_write(); t is finished either
 * way. */
int fileio_commit(struct fileio_tmp *t, struct hs_error *err);

/* Closes t->fd and removes the temporary file; the target is untouched.
 * Safe to call on a finished or zeroed t. */
void fileio_abort(struct fileio_tmp *t);

/* Removes the temporary files of interrupted writes in dir: those of
 * target name base, or every one when base is NULL.  Only for a folder
 * hocso owns (the data folder, the outbox), never a stick. */
void fileio_clean_temps(const char *dir, const char *base);

/* Renames the folder (or file) from to to in one step, then flushes the
 * folder that holds to.  When exchange is set both must exist and trade
 * places (RENAME_EXCHANGE); else to must not exist.  Returns 0 or HS_EIO.
 * For the catalog's module folders. */
int fileio_rename(const char *from, const char *to, int exchange,
    struct hs_error *err);

/* Opens an untrusted file for reading: never through a symbolic link,
 * never blocking (a FIFO is refused, not opened for waiting), only a
 * regular file of at most max bytes.  Returns the descriptor (>= 0,
 * blocking, close-on-exec; the caller closes it), or HS_EINVAL when the
 * file is refused or HS_EIO, with err filled. */
int fileio_open_untrusted(const char *path, long long max,
    struct hs_error *err);

/* Reads the whole untrusted file at path, as fileio_open_untrusted()
 * takes it, into a new NUL-terminated buffer (*bufp, the caller frees it)
 * and its length (*lenp, may be NULL).  Returns 0, HS_EINVAL (refused or
 * over max) or HS_EIO, with err filled and *bufp NULL. */
int fileio_read(const char *path, size_t max, char **bufp, size_t *lenp,
    struct hs_error *err);

/* A new copy of s for a message or a log: control characters (C0, DEL,
 * and C1 in UTF-8) each become '?', so a name cannot move the cursor,
 * clear the screen or forge a line.  The caller frees it. */
char *fileio_printable(const char *s);

#endif

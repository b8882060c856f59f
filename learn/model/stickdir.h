/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * stickdir.h: the folders a teacher picks files from, on a USB stick or
 * elsewhere: the usual mount points, and a folder's sub-folders and the
 * files of one kind in it.  A stick is hostile: a folder's entries are
 * read without following a link (a link is never a folder here), and the
 * names are kept as they are (data: make them printable before showing
 * them, fileio_printable()).  Nothing here opens a file; the files are
 * read later through fileio's untrusted reads.  No curses, no SQL.
 */
#ifndef HOCSO_STICKDIR_H
#define HOCSO_STICKDIR_H

#include "core/error.h"

/* At most this many entries are listed in one folder. */
#define STICKDIR_MAX 2000

struct stickdir_entry {
	char *name;
	int is_dir;		/* a real folder (not a link to one) */
};

/* The entries of the folder dir: its sub-folders, then (when ext is not
 * NULL) the names that end in ext (several: ".hsm|.pub"), case
 * ignored, whatever kind of file
 * they are (a link or a FIFO too: the reader refuses it with its own
 * words); names starting with '.' skipped; each part sorted by name.
 * dir itself may be reached through a link (the teacher chose it).
 * Returns 0 with a new array in *out of *n entries (stickdir_free() it),
 * or HS_ENOTFOUND or HS_EIO with err naming the folder. */
int stickdir_list(const char *dir, const char *ext,
    struct stickdir_entry **out, int *n, struct hs_error *err);

void stickdir_free(struct stickdir_entry *e, int n);

/* The folders a stick is usually found at, those that exist:
 * /media/$USER/<each>, /run/media/$USER/<each>, /media/<each> (not the
 * user's own folder), /mnt, and $HOME; a new array of *n new strings in
 * *out (stickdir_roots_free() it). */
void stickdir_roots(char ***out, int *n);

void stickdir_roots_free(char **roots, int n);

/* The folder above dir ("/" stays "/"): a new string. */
char *stickdir_parent(const char *dir);

#endif

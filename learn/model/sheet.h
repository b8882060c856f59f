/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sheet.h: a class's sign-in sheet: the school, the class, the date and
 * each learner's name (and PIN), as a page of plain UTF-8 text the
 * teacher prints: 80 columns, at most SHEET_PAGE_LINES lines a page,
 * pages split by a form feed, so that it fits A4 on any printer, a
 * dot-matrix one too (docs/sign-in-sheet.md says why not a PDF).
 *
 * PINs are kept only as Argon2id hashes (pin.h): a sheet can show them
 * only when they are made.  So the sheet of a class that signs in with a
 * PIN gives every learner of the class a new one (SHEET_NEW_PINS), in
 * one transaction with the writing of the sheet: the old PINs stop
 * working.  No curses.
 */
#ifndef HOCSO_SHEET_H
#define HOCSO_SHEET_H

#include <stddef.h>

#include "core/error.h"
#include "core/store.h"

#define SHEET_PAGE_LINES 60	/* A4 at 6 lines an inch, with margins */
#define SHEET_COLS 80

enum {
	SHEET_NEW_PINS = 1 << 0,	/* new PINs for the whole class */
};

/* What the teacher is told before a sheet is made: how many learners
 * class_name has, and whether it signs in with a PIN (then the sheet
 * needs SHEET_NEW_PINS).  Returns 0, HS_ENOTFOUND or HS_ESTORE. */
int sheet_class_info(struct store *s, const char *class_name, int *learners,
    int *pins, struct hs_error *err);

/* The file a sheet goes to by default: <dir>/sign-in-<class>-<date>.txt
 * (the class's name with '/' and control characters made '_'), a new
 * string. */
char *sheet_default_path(const char *dir, const char *class_name,
    long long now_ms);

/* Writes the sign-in sheet of class_name to path (through fileio: a link
 * or a FIFO there is refused), in the language gettext speaks now.  A
 * class with PINs needs SHEET_NEW_PINS (else HS_EINVAL, saying why), a
 * class without PINs refuses it.  With it, new PINs are made and hashed,
 * the sheet is written to a temporary file, the hashes are stored in
 * one transaction, and only then is the sheet put in place; when that
 * last step fails the message says that the PINs are new.  On any
 * other failure nothing has changed.  *learners (may be NULL) gets how
 * many names the sheet has.  Returns 0 or a negative code. */
int sheet_make(struct store *s, const char *class_name, unsigned flags,
    const char *path, int *learners, struct hs_error *err);

/* Whether CUPS' lp is on PATH. */
int sheet_can_print(void);

/* Sends the file at path to the default printer with lp (a title of
 * "hocso CLASS").  Returns 0 with what lp said in msg (its request id),
 * or HS_EIO with err saying what lp said. */
int sheet_print(const char *path, const char *class_name, char *msg,
    size_t msglen, struct hs_error *err);

#endif

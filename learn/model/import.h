/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * import.h: adding a school's learners from a spreadsheet's CSV export,
 * all rows or none.  The CSV reader it uses is private to import.c.
 */
#ifndef HOCSO_IMPORT_H
#define HOCSO_IMPORT_H

#include "core/error.h"
#include "core/store.h"

/* Called by the import for each bad row, with err's file, line and
 * message set. */
typedef void (*import_bad_row_fn)(const struct hs_error *err, void *arg);

enum {
	/* Make the classes the file names that are not there yet. */
	IMPORT_ADD_CLASSES = 1 << 0,
	/* Check and tell, add nothing (a preview). */
	IMPORT_DRY_RUN = 1 << 1,
	/* Add the good rows and leave the bad ones out (when at least one
	 * is good), rather than add none. */
	IMPORT_SKIP_BAD = 1 << 2,
};

/* A row of the file as the import sees it, for a preview: the clean
 * name and class ("" when they could not be read), whether it has a
 * PIN, whether its class is to be made, and why it is bad (NULL when it
 * is good).  The pointers live until the callback returns. */
struct import_preview_row {
	int line;
	const char *name, *class_name;
	int has_pin;
	int new_class;
	const char *why;
};

typedef void (*import_row_fn)(const struct import_preview_row *row,
    void *arg);

/* What an import found and did. */
struct import_summary {
	int rows;		/* rows read (not counting blank ones) */
	int bad;		/* of them bad (a quote never closed is one) */
	int new_classes;	/* classes the good rows make */
	char unknown[128];	/* a class a bad row names that is not there
				 * (the first), or "": ask before making it */
	int added;		/* learners added */
	int classes;		/* classes made */
};

/* Adds the learners listed in the CSV file at path (see docs/hocso.1):
 * UTF-8, a BOM skipped, comma or semicolon separated as its header line
 * is, RFC 4180 quotes; columns name and class, pin and lang optional,
 * others ignored.  A row naming a class that is not there is bad (a
 * typo must not make a class), unless the school has no class yet or
 * flags has IMPORT_ADD_CLASSES: then the classes are made (with PINs
 * when one of their rows has a PIN).  Every row is checked first: when any is bad,
 * bad(err, arg) is called once for each bad row ("path:line: reason"),
 * nothing is added and HS_EINVAL is returned.  Otherwise every row is
 * added in one transaction; *added and *classes (may be NULL) get how
 * many learners and classes were made. */
int import_learners(struct store *s, const char *path, unsigned flags,
    import_bad_row_fn bad, void *arg, int *added, int *classes,
    struct hs_error *err);

/* import_learners() with a preview: the same rules, flags IMPORT_*,
 * bad(err, arg) for each bad row as above (may be NULL), then row(row,
 * arg) for every row in the file's order (may be NULL), and *sum filled.
 * With IMPORT_DRY_RUN nothing is added and 0 is returned when the file
 * could be read (however many rows are bad); with IMPORT_SKIP_BAD the
 * good rows are added when there is one. */
int import_run(struct store *s, const char *path, unsigned flags,
    import_bad_row_fn bad, import_row_fn row, void *arg,
    struct import_summary *sum, struct hs_error *err);

#endif

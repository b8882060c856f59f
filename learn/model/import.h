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

#endif

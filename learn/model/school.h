/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * school.h: the school itself: its code, and the rule that makes a name
 * (the school's, a class's, a learner's) fit to keep.  The roster is in
 * roster.h, PINs in pin.h, the spreadsheet import in import.h.
 *
 * Names are kept only on the school's machine; events never carry one.
 * No curses here.
 */
#ifndef HOCSO_SCHOOL_H
#define HOCSO_SCHOOL_H

#include "core/error.h"

/* A class or learner name: 1 to SCHOOL_NAME_MAX characters after NFC. */
#define SCHOOL_NAME_MAX		60

/* Settings key (the meta table): the school's name as shown here. */
#define SCHOOL_DISPLAY_NAME "school.name"

/* Checks a learner's (or the school's) name and makes its stored form:
 * NFC, spaces at the ends dropped and runs of spaces made one, 1 to
 * SCHOOL_NAME_MAX characters, valid UTF-8 with no control characters.
 * *out (the caller frees it) is set on success.  Returns 0 or HS_EINVAL,
 * err saying "the name ...". */
int school_name_clean(const char *name, char **out, struct hs_error *err);

/* school_name_clean() for a class's name: err says "the class name
 * ...". */
int school_class_name_clean(const char *name, char **out,
    struct hs_error *err);

/* Whether code is a school code: 1 to 32 letters, digits, '-', '_' or
 * '.'.  Returns 0 or HS_EINVAL with the reason. */
int school_code_valid(const char *code, struct hs_error *err);

#endif

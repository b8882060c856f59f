/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * schoolcode.h: the one rule for a school's code, which the device (hocso
 * school --code, hocso enroll) and the province server (tokens,
 * enrolment, the school registry) both apply: 1 to SCHOOLCODE_MAX
 * letters, digits, '-', '_' or '.', compared without regard to case
 * ("lc-001" is "LC-001"); the server keeps the upper-case form.
 */
#ifndef HOCSO_SCHOOLCODE_H
#define HOCSO_SCHOOLCODE_H

#include <stddef.h>

#include "core/error.h"

#define SCHOOLCODE_MAX 32

/* Checks code and writes its canonical form (upper case) into canon
 * (len bytes, at least SCHOOLCODE_MAX + 1; may be NULL).  Returns 0 or
 * HS_EINVAL with err saying the rule. */
int schoolcode_canon(const char *code, char *canon, size_t len,
    struct hs_error *err);

#endif

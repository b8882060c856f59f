/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * schoolcode.c: the school code's rule, one for the device and the
 * server.  See schoolcode.h.
 */
#include "config.h"

#include <string.h>

#include "core/i18n.h"
#include "sync/schoolcode.h"

int
schoolcode_canon(const char *code, char *canon, size_t len,
    struct hs_error *err)
{
	size_t n = code != NULL ? strlen(code) : 0, i;

	if (n == 0 || n > SCHOOLCODE_MAX || strspn(code,
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789-_.") != n || (canon != NULL && n >= len))
		return hs_error_set(err, HS_EINVAL, _("the school code must be "
		    "1 to 32 letters, digits, '-', '_' or '.'"));
	if (canon != NULL) {
		for (i = 0; i < n; i++)
			canon[i] = code[i] >= 'a' && code[i] <= 'z' ?
			    (char)(code[i] - 'a' + 'A') : code[i];
		canon[n] = '\0';
	}
	return 0;
}

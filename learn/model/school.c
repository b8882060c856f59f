/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * school.c: the school itself: its code, and the cleaning of names (the
 * school's, a class's, a learner's) into the form kept.  See school.h.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"
#include "sync/schoolcode.h"
#include "learn/model/school.h"

/* Which kind of name (the messages differ), and what is wrong with
 * one. */
enum { NAME_LEARNER, NAME_CLASS };
enum { NAME_NOT_UTF8, NAME_EMPTY, NAME_TOO_LONG, NAME_CONTROL };

static int
name_error(int kind, int what, struct hs_error *err)
{
	switch (what * 2 + kind) {
	case NAME_NOT_UTF8 * 2 + NAME_LEARNER:
		return hs_error_set(err, HS_EINVAL, _("the name is not UTF-8 "
		    "text"));
	case NAME_NOT_UTF8 * 2 + NAME_CLASS:
		return hs_error_set(err, HS_EINVAL, _("the class name is not "
		    "UTF-8 text"));
	case NAME_EMPTY * 2 + NAME_LEARNER:
		return hs_error_set(err, HS_EINVAL, _("the name is empty"));
	case NAME_EMPTY * 2 + NAME_CLASS:
		return hs_error_set(err, HS_EINVAL, _("the class name is "
		    "empty"));
	case NAME_TOO_LONG * 2 + NAME_LEARNER:
		return hs_error_set(err, HS_EINVAL, _("the name is longer than "
		    "%d characters"), SCHOOL_NAME_MAX);
	case NAME_TOO_LONG * 2 + NAME_CLASS:
		return hs_error_set(err, HS_EINVAL, _("the class name is "
		    "longer than %d characters"), SCHOOL_NAME_MAX);
	case NAME_CONTROL * 2 + NAME_LEARNER:
		return hs_error_set(err, HS_EINVAL, _("the name has a control "
		    "character in it"));
	default:
		return hs_error_set(err, HS_EINVAL, _("the class name has a "
		    "control character in it"));
	}
}

/* school_name_clean() for either kind of name. */
static int
name_clean(const char *name, int kind, char **out, struct hs_error *err)
{
	const uint8_t *p, *end;
	char *nfc, *o;
	size_t n = strlen(name), chars = 0;
	int space = 0, k;
	ucs4_t uc;

	*out = NULL;
	if (u8_check((const uint8_t *)name, n) != NULL)
		return name_error(kind, NAME_NOT_UTF8, err);
	nfc = text_nfc(name, n);
	/* The cleaned text is never longer than the NFC text. */
	o = *out = xmalloc(strlen(nfc) + 1);
	p = (const uint8_t *)nfc;
	end = p + strlen(nfc);
	for (; p < end; p += k) {
		k = u8_mbtouc(&uc, p, end - p);
		if (uc_is_general_category(uc, UC_SPACE_SEPARATOR)) {
			space = 1;
			continue;
		}
		if (uc_is_general_category(uc, UC_CONTROL) ||
		    uc_is_general_category(uc, UC_FORMAT) ||
		    uc_is_general_category(uc, UC_LINE_SEPARATOR) ||
		    uc_is_general_category(uc, UC_PARAGRAPH_SEPARATOR)) {
			free(nfc);
			free(*out);
			*out = NULL;
			return name_error(kind, NAME_CONTROL, err);
		}
		if (space && o > *out) {
			*o++ = ' ';
			chars++;
		}
		space = 0;
		memcpy(o, p, k);
		o += k;
		chars++;
	}
	*o = '\0';
	free(nfc);
	if (chars == 0 || chars > SCHOOL_NAME_MAX) {
		free(*out);
		*out = NULL;
		return name_error(kind, chars == 0 ? NAME_EMPTY :
		    NAME_TOO_LONG, err);
	}
	return 0;
}

int
school_name_clean(const char *name, char **out, struct hs_error *err)
{
	return name_clean(name, NAME_LEARNER, out, err);
}

int
school_class_name_clean(const char *name, char **out, struct hs_error *err)
{
	return name_clean(name, NAME_CLASS, out, err);
}

int
school_code_valid(const char *code, struct hs_error *err)
{
	/* The server's rule too (sync/schoolcode.h). */
	return schoolcode_canon(code, NULL, 0, err);
}

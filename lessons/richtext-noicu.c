/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * richtext-noicu.c: the few ICU converter functions that Debian's
 * libxml2 archive names, as stubs that always fail, linked into the
 * wholly static hocso only (see configure.ac and richtext.h).  libxml2
 * turns to ICU for a character encoding that neither its own converters
 * nor iconv know; richtext.c hands it UTF-8 and names the encoding, so
 * that never happens, and without these the static hocso carried ICU's
 * converters, its 30 MB of data and libstdc++: a 38 MB program whose
 * start-up paid for them (tests/bench/startup).  An encoding only ICU
 * knows is then "unsupported" to libxml2, as in a libxml2 built without
 * ICU.  The names are ICU's own (its headers give them the version
 * suffix, e.g. ucnv_open_72), so this file has no prefix of its own.
 */
#include "config.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>

UConverter *
ucnv_open(const char *name, UErrorCode *err)
{
	(void)name;
	*err = U_FILE_ACCESS_ERROR;
	return NULL;
}

void
ucnv_close(UConverter *cnv)
{
	(void)cnv;
}

void
ucnv_setToUCallBack(UConverter *cnv, UConverterToUCallback action,
    const void *ctx, UConverterToUCallback *old_action,
    const void **old_ctx, UErrorCode *err)
{
	(void)cnv, (void)action, (void)ctx, (void)old_action, (void)old_ctx;
	*err = U_UNSUPPORTED_ERROR;
}

void
ucnv_setFromUCallBack(UConverter *cnv, UConverterFromUCallback action,
    const void *ctx, UConverterFromUCallback *old_action,
    const void **old_ctx, UErrorCode *err)
{
	(void)cnv, (void)action, (void)ctx, (void)old_action, (void)old_ctx;
	*err = U_UNSUPPORTED_ERROR;
}

void
ucnv_convertEx(UConverter *to, UConverter *from, char **target,
    const char *target_limit, const char **source, const char *source_limit,
    UChar *pivot_start, UChar **pivot_source, UChar **pivot_target,
    const UChar *pivot_limit, UBool reset, UBool flush, UErrorCode *err)
{
	(void)to, (void)from, (void)target, (void)target_limit, (void)source;
	(void)source_limit, (void)pivot_start, (void)pivot_source;
	(void)pivot_target, (void)pivot_limit, (void)reset, (void)flush;
	*err = U_UNSUPPORTED_ERROR;
}

void
UCNV_TO_U_CALLBACK_STOP(const void *ctx, UConverterToUnicodeArgs *args,
    const char *units, int32_t length, UConverterCallbackReason reason,
    UErrorCode *err)
{
	(void)ctx, (void)args, (void)units, (void)length, (void)reason;
	(void)err;
}

void
UCNV_FROM_U_CALLBACK_STOP(const void *ctx, UConverterFromUnicodeArgs *args,
    const UChar *units, int32_t length, UChar32 cp,
    UConverterCallbackReason reason, UErrorCode *err)
{
	(void)ctx, (void)args, (void)units, (void)length, (void)cp;
	(void)reason, (void)err;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * util.h: small helpers with no better home: checked allocation for the
 * impossible cases, string duplication, file slurping.
 */
#ifndef HOCSO_UTIL_H
#define HOCSO_UTIL_H

#include <stddef.h>

#include "core/error.h"

/* Called by the x*() allocators before they abort on out-of-memory, so a
 * curses program can restore the terminal first.  NULL by default. */
extern void (*util_fatal_hook)(void);

/* Calls util_fatal_hook, says "out of memory" and aborts: for a library
 * that reports running out of memory by returning NULL. */
void util_oom(void) __attribute__((noreturn));

/* Allocators for sizes that cannot fail in practice: on failure they call
 * util_fatal_hook, print a message and abort.  Expected failures (sizes
 * from user input) use plain malloc and return HS_ENOMEM instead. */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Copies src into dst of size n (n > 0), cut at n - 1 bytes: for what is
 * ASCII (a uuid, a language code), where snprintf("%s") costs ten times
 * as much. */
void util_copy(char *dst, const char *src, size_t n);

/* Reads the whole file at path into a NUL-terminated buffer that the caller
 * frees; stores its length in *lenp (may be NULL).  Files over max bytes
 * are refused.  Returns NULL and fills err on failure. */
char *util_read_file(const char *path, size_t max, size_t *lenp,
    struct hs_error *err);

/* Joins a and b with a '/' into a new string that the caller frees. */
char *util_path_join(const char *a, const char *b);

/* Removes path and everything under it, following no link; what
 * cannot be removed stays (a temporary folder's clean-up). */
void util_rmtree(const char *path);

/* Appends text to the string *s (NULL at first, then freed by the
 * caller), after sep when *s has something already. */
void util_append(char **s, const char *sep, const char *text);

/* Creates the directory path and its parents (mode 0755 for new ones).
 * Returns 0 or HS_EIO with err filled. */
int util_mkdir_p(const char *path, struct hs_error *err);

/* The last millisecond util_iso8601() writes: 9999-12-31T23:59:59.999Z. */
#define UTIL_TIME_MAX_MS 253402300799999LL

/* Writes the time ms (Unix milliseconds, UTC) as ISO 8601 with
 * milliseconds, "2026-11-28T17:46:46.123Z", into buf (at least 25 bytes).
 * A time before 1970 or after 9999 is clamped to the nearest of these
 * ends, so what it writes is always a valid xAPI timestamp. */
void util_iso8601(long long ms, char *buf, size_t len);

#endif

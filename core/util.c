/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * util.c: checked allocation, file slurping, paths and ISO 8601 times.  Nothing
 * here knows about hocso's data; it must never print except on the
 * out-of-memory path, which aborts.
 */
#include "config.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/i18n.h"
#include "core/util.h"

void (*util_fatal_hook)(void);

void
util_oom(void)
{
	if (util_fatal_hook != NULL)
		util_fatal_hook();
	fputs("hocso: out of memory\n", stderr);
	abort();
}

void *
xmalloc(size_t size)
{
	void *p = malloc(size != 0 ? size : 1);

	if (p == NULL)
		util_oom();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n != 0 ? n : 1, size != 0 ? size : 1);

	if (p == NULL)
		util_oom();
	return p;
}

void *
xrealloc(void *p, size_t size)
{
	p = realloc(p, size != 0 ? size : 1);
	if (p == NULL)
		util_oom();
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void
util_copy(char *dst, const char *src, size_t n)
{
	size_t len = strlen(src);

	if (len >= n)
		len = n - 1;
	memcpy(dst, src, len);
	dst[len] = '\0';
}

char *
util_read_file(const char *path, size_t max, size_t *lenp,
    struct hs_error *err)
{
	FILE *f;
	char *buf = NULL;
	size_t len = 0, cap = 0, n;

	if ((f = fopen(path, "rb")) == NULL) {
		hs_error_set_at(err, HS_EIO, path, 0, 0, "%s",
		    strerror(errno));
		return NULL;
	}
	for (;;) {
		if (cap - len < 4096) {
			cap = cap != 0 ? cap * 2 : 8192;
			buf = xrealloc(buf, cap + 1);
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
		if (len > max) {
			hs_error_set_at(err, HS_EINVAL, path, 0, 0,
			    _("file is larger than %zu bytes"), max);
			goto fail;
		}
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		hs_error_set_at(err, HS_EIO, path, 0, 0, "%s",
		    _("read error"));
		goto fail;
	}
	fclose(f);
	buf[len] = '\0';
	if (lenp != NULL)
		*lenp = len;
	return buf;
fail:
	fclose(f);
	free(buf);
	return NULL;
}

static int
util_rm_entry(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

void
util_rmtree(const char *path)
{
	nftw(path, util_rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

void
util_append(char **s, const char *sep, const char *text)
{
	size_t a = *s != NULL ? strlen(*s) : 0, b = strlen(sep),
	    c = strlen(text);

	*s = xrealloc(*s, a + b + c + 1);
	if (a > 0) {
		memcpy(*s + a, sep, b);
		a += b;
	}
	memcpy(*s + a, text, c + 1);
}

char *
util_path_join(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	char *p = xmalloc(la + lb + 2);

	memcpy(p, a, la);
	p[la] = '/';
	memcpy(p + la + 1, b, lb + 1);
	return p;
}

int
util_mkdir_p(const char *path, struct hs_error *err)
{
	char *p, *s;
	int rc = 0;

	if (*path == '\0')
		return hs_error_set(err, HS_EIO, "%s", _("cannot create a "
		    "folder without a name"));
	/* Most often it is there already, or only it is missing: one
	 * call, not one for each folder above it. */
	if (mkdir(path, 0755) == 0 || errno == EEXIST)
		return 0;
	p = xstrdup(path);
	for (s = p + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, 0755) != 0 && errno != EEXIST) {
			rc = hs_error_set_at(err, HS_EIO, p, 0, 0,
			    _("cannot create folder: %s"), strerror(errno));
			break;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	return rc;
}

void
util_iso8601(long long ms, char *buf, size_t len)
{
	time_t t;
	struct tm tm;
	char day[32];

	/* A clock before 1970 or after 9999 gives no valid xAPI time
	 * ("1970-01-01T00:00:00.-720Z", five-digit years): clamped. */
	if (ms < 0)
		ms = 0;
	if (ms > UTIL_TIME_MAX_MS)
		ms = UTIL_TIME_MAX_MS;
	t = (time_t)(ms / 1000);
	gmtime_r(&t, &tm);
	strftime(day, sizeof day, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf, len, "%s.%03dZ", day, (int)(ms % 1000));
}

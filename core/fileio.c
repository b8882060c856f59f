/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fileio.c: atomic writes, exclusive creates and untrusted reads.  See
 * fileio.h.  This is the only file that calls rename(), and the only one
 * that makes temporary files beside a target; nothing here follows a
 * link at the last step of a path, opens a FIFO for waiting, or prints.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "core/fileio.h"
#include "core/i18n.h"
#include "core/util.h"

#define TMP_SUFFIX ".tmp"
#define TMP_BASE_MAX 200	/* bytes of the target's name kept in it */
#define TMP_TRIES 100

char *
fileio_printable(const char *s)
{
	char *out = xstrdup(s);
	unsigned char *p;

	for (p = (unsigned char *)out; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f)
			*p = '?';
		else if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			/* C1 in UTF-8: two bytes become "??" */
			p[0] = '?';
			p[1] = '?';
			p++;
		}
	}
	return out;
}

static int fail(struct hs_error *, int, const char *, const char *, ...)
	__attribute__((format(printf, 4, 5)));

/* Fills err about path (made printable) and returns code. */
static int
fail(struct hs_error *err, int code, const char *path, const char *fmt, ...)
{
	char msg[sizeof err->msg], *clean;
	va_list ap;

	if (err == NULL)
		return code;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	clean = fileio_printable(path);
	hs_error_set_at(err, code, clean, 0, 0, "%s", msg);
	free(clean);
	return code;
}

/* What a file that is not a regular one is, in words. */
static const char *
kind_of(mode_t m)
{
	if (S_ISLNK(m))
		return _("a symbolic link");
	if (S_ISFIFO(m))
		return _("a FIFO");
	if (S_ISCHR(m) || S_ISBLK(m))
		return _("a device");
	if (S_ISSOCK(m))
		return _("a socket");
	if (S_ISDIR(m))
		return _("a directory");
	return _("of an unknown kind");
}

static int
refuse(struct hs_error *err, const char *path, mode_t m)
{
	return fail(err, HS_EINVAL, path, _("not a regular file (%s): "
	    "refused"), kind_of(m));
}

/* 0 when nothing is at path or a regular file is; else refuses it. */
static int
check_target(const char *path, struct hs_error *err)
{
	struct stat st;

	if (lstat(path, &st) != 0)
		return errno == ENOENT ? 0 : fail(err, HS_EIO, path, "%s",
		    strerror(errno));
	return S_ISREG(st.st_mode) ? 0 : refuse(err, path, st.st_mode);
}

int
fileio_check(const char *path, struct hs_error *err)
{
	return check_target(path, err);
}

/* The folder that holds path: a new string. */
static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/* Flushes the folder dir, so that a rename or a link in it lasts.  A
 * file system that cannot flush a folder (EINVAL) is not an error. */
static int
sync_dir(const char *dir, struct hs_error *err)
{
	int fd, rc;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return fail(err, HS_EIO, dir, "%s", strerror(errno));
	rc = fsync(fd);
	if (rc != 0 && errno != EINVAL && errno != ENOTSUP)
		rc = fail(err, HS_EIO, dir, "%s", strerror(errno));
	else
		rc = 0;
	close(fd);
	return rc;
}

/* A temporary name beside path: "DIR/.NAME.RANDOM.tmp", new string. */
static char *
temp_name(const char *path)
{
	const char *base = strrchr(path, '/');
	unsigned char r[8];
	char hex[2 * sizeof r + 1], *tmp;
	size_t dlen, blen;

	base = base != NULL ? base + 1 : path;
	dlen = (size_t)(base - path);
	blen = strlen(base);
	if (blen > TMP_BASE_MAX)
		blen = TMP_BASE_MAX;
	if (sodium_init() < 0)
		abort();	/* no random source: nothing of ours works */
	randombytes_buf(r, sizeof r);
	sodium_bin2hex(hex, sizeof hex, r, sizeof r);
	tmp = xmalloc(dlen + blen + sizeof hex + sizeof TMP_SUFFIX + 3);
	sprintf(tmp, "%.*s.%.*s.%s%s", (int)dlen, path, (int)blen, base, hex,
	    TMP_SUFFIX);
	return tmp;
}

static int
write_all(int fd, const void *data, size_t len)
{
	size_t off = 0;
	ssize_t n;

	while (off < len) {
		if ((n = write(fd, (const char *)data + off, len - off)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		off += (size_t)n;
	}
	return 0;
}

/* Flushes and closes fd: 0, or the errno of the first failure. */
static int
flush_close(int fd)
{
	int e = fsync(fd) != 0 ? errno : 0;

	if (close(fd) != 0 && e == 0)
		e = errno;
	return e;
}

int
fileio_begin(struct fileio_tmp *t, const char *path, int mode,
    struct hs_error *err)
{
	int i, rc;

	memset(t, 0, sizeof *t);
	t->fd = -1;
	if ((rc = check_target(path, err)) != 0)
		return rc;
	for (i = 0; i < TMP_TRIES; i++) {
		t->tmp = temp_name(path);
		t->fd = open(t->tmp, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW |
		    O_CLOEXEC, mode);
		if (t->fd >= 0)
			break;
		free(t->tmp);
		t->tmp = NULL;
		if (errno != EEXIST)
			return fail(err, HS_EIO, path, "%s", strerror(errno));
	}
	if (t->fd < 0)
		return fail(err, HS_EIO, path, "%s", strerror(EEXIST));
	t->path = xstrdup(path);
	t->mode = mode;
	return 0;
}

void
fileio_abort(struct fileio_tmp *t)
{
	if (t->fd >= 0)
		close(t->fd);
	if (t->tmp != NULL)
		unlink(t->tmp);
	free(t->tmp);
	free(t->path);
	memset(t, 0, sizeof *t);
	t->fd = -1;
}

int
fileio_commit(struct fileio_tmp *t, struct hs_error *err)
{
	char *dir;
	int rc, fd = t->fd;

	t->fd = -1;
	if ((rc = flush_close(fd)) != 0) {
		rc = fail(err, HS_EIO, t->path, "%s", strerror(rc));
		goto fail;
	}
	/* A link, a FIFO or a folder put there meanwhile is not replaced:
	 * rename() would not follow it, but its owner meant something. */
	if ((rc = check_target(t->path, err)) != 0)
		goto fail;
	if (rename(t->tmp, t->path) != 0) {
		rc = fail(err, HS_EIO, t->path, "%s", strerror(errno));
		goto fail;
	}
	free(t->tmp);
	t->tmp = NULL;
	dir = dir_of(t->path);
	rc = sync_dir(dir, err);
	free(dir);
	fileio_abort(t);
	return rc;
fail:
	fileio_abort(t);
	return rc;
}

int
fileio_write(const char *path, const void *data, size_t len, int mode,
    struct hs_error *err)
{
	struct fileio_tmp t;
	int rc;

	if ((rc = fileio_begin(&t, path, mode, err)) != 0)
		return rc;
	if (write_all(t.fd, data, len) != 0) {
		rc = fail(err, HS_EIO, path, "%s", strerror(errno));
		fileio_abort(&t);
		return rc;
	}
	return fileio_commit(&t, err);
}

/* Creates path with O_EXCL and writes data in it: for a file system
 * without hard links (a FAT stick). */
static int
create_direct(const char *path, const void *data, size_t len, int mode,
    struct hs_error *err)
{
	int fd, rc = 0;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    mode);
	if (fd < 0)
		return fail(err, HS_EIO, path, "%s", errno == EEXIST ?
		    _("already exists: choose another name") :
		    strerror(errno));
	if (write_all(fd, data, len) != 0) {
		rc = fail(err, HS_EIO, path, "%s", strerror(errno));
		close(fd);
	} else if ((rc = flush_close(fd)) != 0)
		rc = fail(err, HS_EIO, path, "%s", strerror(rc));
	if (rc != 0)
		unlink(path);
	return rc;
}

int
fileio_create(const char *path, const void *data, size_t len, int mode,
    struct hs_error *err)
{
	struct fileio_tmp t;
	char *dir;
	int rc, fd;

	if ((rc = fileio_begin(&t, path, mode, err)) != 0)
		return rc == HS_EINVAL ? fail(err, HS_EIO, path, "%s",
		    _("already exists: choose another name")) : rc;
	if (write_all(t.fd, data, len) != 0) {
		rc = fail(err, HS_EIO, path, "%s", strerror(errno));
		fileio_abort(&t);
		return rc;
	}
	fd = t.fd;
	t.fd = -1;
	if ((rc = flush_close(fd)) != 0) {
		rc = fail(err, HS_EIO, path, "%s", strerror(rc));
		fileio_abort(&t);
		return rc;
	}
	/* link() never replaces anything, not even a dangling link: the
	 * whole file appears at path, or nothing does. */
	if (link(t.tmp, path) != 0) {
		if (errno == EEXIST)
			rc = fail(err, HS_EIO, path, "%s",
			    _("already exists: choose another name"));
		else if (errno == EPERM || errno == EOPNOTSUPP ||
		    errno == ENOSYS || errno == EMLINK)
			rc = create_direct(path, data, len, mode, err);
		else
			rc = fail(err, HS_EIO, path, "%s", strerror(errno));
		fileio_abort(&t);
		if (rc != 0)
			return rc;
	} else
		fileio_abort(&t);	/* the temporary name goes */
	dir = dir_of(path);
	rc = sync_dir(dir, err);
	free(dir);
	return rc;
}

void
fileio_clean_temps(const char *dir, const char *base)
{
	size_t n, blen = base != NULL ? strlen(base) : 0;
	struct dirent *e;
	char *path;
	DIR *d;

	if (blen > TMP_BASE_MAX)
		blen = TMP_BASE_MAX;
	if ((d = opendir(dir)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		n = strlen(e->d_name);
		if (e->d_name[0] != '.' || n <= sizeof TMP_SUFFIX ||
		    strcmp(e->d_name + n - (sizeof TMP_SUFFIX - 1),
		    TMP_SUFFIX) != 0)
			continue;
		if (base != NULL && (n < blen + 2 ||
		    strncmp(e->d_name + 1, base, blen) != 0 ||
		    e->d_name[1 + blen] != '.'))
			continue;
		path = util_path_join(dir, e->d_name);
		unlink(path);
		free(path);
	}
	closedir(d);
}

int
fileio_rename(const char *from, const char *to, int exchange,
    struct hs_error *err)
{
	char *dir;
	int rc;

	rc = exchange ? renameat2(AT_FDCWD, from, AT_FDCWD, to,
	    RENAME_EXCHANGE) : rename(from, to);
	if (rc != 0)
		return fail(err, HS_EIO, to, "%s", strerror(errno));
	dir = dir_of(to);
	rc = sync_dir(dir, err);
	free(dir);
	return rc;
}

int
fileio_open_untrusted(const char *path, long long max, struct hs_error *err)
{
	struct stat st, fst;
	int fd, flags;

	/* Looked at before it is opened: opening a device can do things. */
	if (lstat(path, &st) != 0)
		return fail(err, HS_EIO, path, "%s", strerror(errno));
	if (!S_ISREG(st.st_mode))
		return refuse(err, path, st.st_mode);
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return errno == ELOOP ? refuse(err, path, S_IFLNK) :
		    fail(err, HS_EIO, path, "%s", strerror(errno));
	if (fstat(fd, &fst) != 0) {
		fail(err, HS_EIO, path, "%s", strerror(errno));
		close(fd);
		return HS_EIO;
	}
	if (!S_ISREG(fst.st_mode)) {	/* swapped since the lstat */
		close(fd);
		return refuse(err, path, fst.st_mode);
	}
	if (fst.st_size > max) {
		close(fd);
		return fail(err, HS_EINVAL, path, _("larger than %lld bytes: "
		    "refused"), max);
	}
	if ((flags = fcntl(fd, F_GETFL)) < 0 ||
	    fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0) {
		fail(err, HS_EIO, path, "%s", strerror(errno));
		close(fd);
		return HS_EIO;
	}
	return fd;
}

int
fileio_read(const char *path, size_t max, char **bufp, size_t *lenp,
    struct hs_error *err)
{
	size_t len = 0, cap;
	struct stat st;
	ssize_t n;
	char *buf;
	int fd, rc = 0;

	*bufp = NULL;
	if ((fd = fileio_open_untrusted(path, (long long)max, err)) < 0)
		return fd;
	if (fstat(fd, &st) != 0) {
		rc = fail(err, HS_EIO, path, "%s", strerror(errno));
		close(fd);
		return rc;
	}
	/* One byte more than the file says, to see it grow past max. */
	cap = (size_t)st.st_size + 1;
	if ((buf = malloc(cap + 1)) == NULL) {
		close(fd);
		return fail(err, HS_ENOMEM, path, "%s", _("out of memory"));
	}
	for (;;) {
		if (len == cap) {
			if (len > max)
				break;
			cap = cap * 2 < max + 1 ? cap * 2 : max + 1;
			buf = xrealloc(buf, cap + 1);
		}
		if ((n = read(fd, buf + len, cap - len)) < 0) {
			if (errno == EINTR)
				continue;
			rc = fail(err, HS_EIO, path, "%s", strerror(errno));
			break;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	if (rc == 0 && len > max)
		rc = fail(err, HS_EINVAL, path, _("larger than %zu bytes: "
		    "refused"), max);
	if (rc != 0) {
		free(buf);
		return rc;
	}
	buf[len] = '\0';
	*bufp = buf;
	if (lenp != NULL)
		*lenp = len;
	return 0;
}

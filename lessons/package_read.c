/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * package_read.c: reading a module package and unpacking it safely.
 *
 * One pass over the archive, with only the tar format and the gzip
 * filter enabled: the manifest, then its signature (which must be by a
 * trusted key), then every file, each of which must be a plain file the
 * manifest lists, in the manifest's order, with the listed size and
 * SHA-256.  Files are written with O_NOFOLLOW and O_EXCL under destdir
 * only, flushed to disk together (syncfs) at the end, and the bytes
 * actually read are counted against the size and expansion limits.
 * Anything wrong stops the pass with a one-line message; the caller
 * removes destdir.  See package.h.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>
#include <sodium.h>

#include "core/archive.h"
#include "core/fileio.h"
#include "core/i18n.h"
#include "core/util.h"
#include "lessons/package.h"

/* Makes the folders of rel (a checked package path) under the folder
 * dirfd, without following links.  Returns a descriptor of rel's parent
 * folder, or -1. */
static int
open_parent(int dirfd, const char *rel, const char **base)
{
	char part[PACKAGE_MAX_PATH + 1];
	const char *p = rel, *slash;
	int fd = dup(dirfd), next;

	while (fd >= 0 && (slash = strchr(p, '/')) != NULL) {
		memcpy(part, p, slash - p);
		part[slash - p] = '\0';
		if (mkdirat(fd, part, 0755) != 0 && errno != EEXIST) {
			close(fd);
			return -1;
		}
		next = openat(fd, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
		close(fd);
		fd = next;
		p = slash + 1;
	}
	*base = p;
	return fd;
}

/* Writes the current entry's data to rel under dirfd, checking it
 * against f as it goes.  *expanded counts every byte read. */
static int
extract_file(struct archive *a, int dirfd, const struct manifest_file *f,
    long long *expanded, long long max_expanded, struct hs_error *err)
{
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_state st;
	char hex[65];
	const void *buf;
	size_t r;
	la_int64_t offset;
	long long size = 0;
	const char *base;
	int pfd, fd, rc = 0, got;

	if ((pfd = open_parent(dirfd, f->path, &base)) < 0) {
		if (errno == ENOTDIR)	/* "a", then "a/b" */
			return hs_error_set(err, HS_EINVAL, _("%s: its folder "
			    "has the name of another file in the package"),
			    f->path);
		return hs_error_set(err, HS_EIO, "%s: %s", f->path,
		    strerror(errno));
	}
	fd = openat(pfd, base, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0644);
	close(pfd);
	if (fd < 0)
		return hs_error_set(err, HS_EIO, "%s: %s", f->path,
		    strerror(errno));
	crypto_hash_sha256_init(&st);
	/* Blocks straight from libarchive's buffer, no copy; a sparse
	 * offset would be a gap, which a plain file of ours never has. */
	while ((got = archive_read_data_block(a, &buf, &r, &offset)) ==
	    ARCHIVE_OK) {
		if (offset != size) {
			rc = hs_error_set(err, HS_EINVAL, _("%s: the archive is "
			    "damaged or cut short (%s)"), f->path, "sparse");
			break;
		}
		size += (long long)r;
		*expanded += (long long)r;
		if (size > f->size) {
			rc = hs_error_set(err, HS_EINVAL, _("%s: larger than "
			    "the manifest says"), f->path);
			break;
		}
		if (*expanded > max_expanded) {
			rc = hs_error_set(err, HS_EINVAL, _("the package "
			    "expands to more than its limit (%lld bytes)"),
			    max_expanded);
			break;
		}
		crypto_hash_sha256_update(&st, buf, r);
		if (write(fd, buf, r) != (ssize_t)r) {
			rc = hs_error_set(err, HS_EIO, "%s: %s", f->path,
			    strerror(errno));
			break;
		}
	}
	if (rc == 0 && got != ARCHIVE_EOF)
		rc = hs_error_set(err, HS_EINVAL, _("%s: the archive is damaged "
		    "or cut short (%s)"), f->path, archive_why(a));
	if (rc == 0 && size != f->size)
		rc = hs_error_set(err, HS_EINVAL, _("%s: %lld bytes, but the "
		    "manifest says %lld"), f->path, size, f->size);
	if (rc == 0) {
		crypto_hash_sha256_final(&st, digest);
		sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
		if (strcmp(hex, f->sha256) != 0)
			rc = hs_error_set(err, HS_EINVAL, _("%s: its SHA-256 does "
			    "not match the manifest: the file was changed"),
			    f->path);
	}
	close(fd);
	return rc;
}

int
package_extract(const char *pkg, const char *destdir,
    const struct keys_public *trusted, int ntrusted, long long max_ratio,
    int allow_unsigned, int *is_unsigned, struct manifest *man,
    struct keys_public *signer, struct hs_error *err)
{
	struct archive *a = archive_tar_reader();
	struct archive_entry *e;
	char *json = NULL, *sig = NULL, b64[KEYS_B64_MAX];
	size_t jlen = 0, slen = 0;
	long long expanded = 0, max_expanded;
	const struct manifest_file *f;
	struct stat st;
	int rc = 0, dirfd = -1, r, next = 0, i, pending = 0, pkgfd = -1;
	const char *path, *why;

	memset(man, 0, sizeof *man);
	memset(signer, 0, sizeof *signer);
	*is_unsigned = 0;
	/* The package may be on a stick: no link, no FIFO, no device. */
	if ((pkgfd = fileio_open_untrusted(pkg, PACKAGE_MAX_TOTAL_SIZE,
	    err)) < 0) {
		rc = pkgfd;
		goto out;
	}
	if (fstat(pkgfd, &st) != 0) {
		rc = hs_error_set_at(err, HS_EIO, pkg, 0, 0, "%s",
		    strerror(errno));
		goto out;
	}
	max_expanded = (long long)st.st_size * max_ratio;
	if (max_expanded > PACKAGE_MAX_TOTAL_SIZE)
		max_expanded = PACKAGE_MAX_TOTAL_SIZE;
	if (st.st_size == 0) {
		rc = hs_error_set_at(err, HS_EINVAL, pkg, 0, 0, _("the file is "
		    "empty: not a module package"));
		goto out;
	}
	if (archive_read_open_fd(a, pkgfd, 65536) != ARCHIVE_OK ||
	    archive_read_next_header(a, &e) != ARCHIVE_OK) {
		/* libarchive's EILSEQ: no tar, with or without gzip; else a
		 * package (a small one is read whole here) cut short. */
		rc = hs_error_set_at(err, HS_EINVAL, pkg, 0, 0,
		    archive_errno(a) == EILSEQ ? _("not a module package (%s)") :
		    _("the archive is damaged or cut short (%s)"),
		    archive_why(a));
		goto out;
	}
	if (strcmp(archive_entry_pathname(e), PACKAGE_MANIFEST) != 0 ||
	    archive_entry_problem(e) != NULL || (json =
	    archive_read_entry_data(a, PACKAGE_MAX_MANIFEST_SIZE, &jlen)) ==
	    NULL) {
		rc = hs_error_set_at(err, HS_EINVAL, pkg, 0, 0, _("no %s at the "
		    "start: not a module package"), PACKAGE_MANIFEST);
		goto out;
	}
	r = archive_read_next_header(a, &e);
	if (r == ARCHIVE_OK &&
	    strcmp(archive_entry_pathname(e), PACKAGE_SIGNATURE) == 0) {
		if (archive_entry_problem(e) != NULL ||
		    (sig = archive_read_entry_data(a, 4096, &slen)) == NULL) {
			rc = hs_error_set_at(err, HS_EINVAL, pkg, 0, 0, _("%s is "
			    "malformed"), PACKAGE_SIGNATURE);
			goto out;
		}
		/* A signature that does not match is damage: always refused. */
		if ((rc = manifest_check_signature(sig, slen, json, jlen,
		    signer, err)) != 0)
			goto at_file;
		for (i = 0; i < ntrusted; i++)
			if (sodium_memcmp(trusted[i].pk, signer->pk,
			    sizeof signer->pk) == 0)
				break;
		if (i == ntrusted && !allow_unsigned) {
			keys_public_b64(signer, b64);
			rc = hs_error_set_at(err, HS_EINVAL, pkg, 0, 0, _("signed "
			    "by %s (key %s), a publisher this school does not "
			    "trust: hocso trust add KEY.pub"), signer->name, b64);
			goto out;
		}
		*is_unsigned = i == ntrusted;
	} else if (!allow_unsigned) {
		rc = hs_error_set_at(err, HS_EINVAL, pkg, 0, 0, _("no %s after "
		    "the manifest: the package is not signed"),
		    PACKAGE_SIGNATURE);
		goto out;
	} else {
		*is_unsigned = 1;
		pending = r == ARCHIVE_OK;	/* that entry is a file */
		if (r != ARCHIVE_OK && r != ARCHIVE_EOF) {
			rc = hs_error_set_at(err, HS_EINVAL, pkg, 0, 0, _("the "
			    "archive is damaged or cut short (%s)"),
			    archive_why(a));
			goto out;
		}
	}
	if ((rc = manifest_parse(json, jlen, man, err)) != 0)
		goto at_file;
	if ((dirfd = open(destdir, O_RDONLY | O_DIRECTORY)) < 0) {
		rc = hs_error_set_at(err, HS_EIO, destdir, 0, 0, "%s",
		    strerror(errno));
		goto out;
	}
	while (pending || (r = archive_read_next_header(a, &e)) == ARCHIVE_OK) {
		pending = 0;
		path = archive_entry_pathname(e);
		if (path == NULL)
			path = "";
		if ((why = archive_entry_problem(e)) != NULL) {
			rc = hs_error_set_at(err, HS_EINVAL, pkg, 0, 0, _("%s is "
			    "%s: packages hold plain files only"), path, why);
			goto out;
		}
		if (!package_path_valid(path)) {
			rc = hs_error_set_at(err, HS_EINVAL, pkg, 0, 0, _("'%s' "
			    "is not a safe path (absolute, '..' or odd "
			    "characters)"), path);
			goto out;
		}
		if ((f = manifest_find(man, path)) == NULL) {
			rc = hs_error_set_at(err, HS_EINVAL, pkg, 0, 0, _("%s is "
			    "not in the manifest"), path);
			goto out;
		}
		if (f != &man->files[next]) {
			rc = hs_error_set_at(err, HS_EINVAL, pkg, 0, 0, _("%s is "
			    "out of order or there twice"), path);
			goto out;
		}
		if ((rc = extract_file(a, dirfd, f, &expanded, max_expanded,
		    err)) != 0)
			goto at_file;
		next++;
	}
	if (r != ARCHIVE_EOF) {
		rc = hs_error_set_at(err, HS_EINVAL, pkg, 0, 0, _("the archive "
		    "is damaged or cut short (%s)"), archive_why(a));
		goto out;
	}
	if (next != man->nfiles) {
		rc = hs_error_set_at(err, HS_EINVAL, pkg, 0, 0, _("%s is in the "
		    "manifest but not in the archive"), man->files[next].path);
		goto out;
	}
	/* One flush of the file system for all the files and folders, before
	 * the caller renames the module into place. */
	if (syncfs(dirfd) != 0)
		rc = hs_error_set_at(err, HS_EIO, destdir, 0, 0, "%s",
		    strerror(errno));
	goto out;
at_file:
	/* The message is about the package: say which one, and keep where
	 * in it (MANIFEST.json:LINE:COLUMN) in the message. */
	if (err != NULL && err->file[0] != '\0' && strcmp(err->file, pkg)) {
		char where[sizeof err->msg];

		hs_error_format(err, where, sizeof where);
		hs_error_set_at(err, err->code, pkg, 0, 0, "%s", where);
	} else if (err != NULL)
		snprintf(err->file, sizeof err->file, "%s", pkg);
out:
	if (dirfd >= 0)
		close(dirfd);
	archive_read_free(a);
	if (pkgfd >= 0)
		close(pkgfd);
	free(json);
	free(sig);
	if (rc != 0)
		manifest_free(man);
	return rc;
}

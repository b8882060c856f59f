/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * archive.c: tar entries for module packages and sync bundles.  It owns
 * what makes the archives reproducible (each entry a regular file with a
 * fixed mode, owner and time) and the bounded, type-checked reading of an
 * entry's data.  It never opens, names or renames a file: the callers
 * choose where the archive's bytes go and come from.
 */
#include "config.h"

#include <stdlib.h>

#include "core/archive.h"
#include "core/i18n.h"
#include "core/util.h"

int
archive_put_file(struct archive *a, const char *name, const void *data,
    size_t len, struct hs_error *err)
{
	struct archive_entry *e = archive_entry_new();
	int rc;

	if (e == NULL)
		util_oom();
	archive_entry_set_pathname(e, name);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_entry_set_size(e, (la_int64_t)len);
	archive_entry_set_mtime(e, 0, 0);
	archive_entry_set_uid(e, 0);
	archive_entry_set_gid(e, 0);
	rc = archive_write_header(a, e);
	archive_entry_free(e);
	if (rc != ARCHIVE_OK ||
	    (len > 0 && archive_write_data(a, data, len) != (la_ssize_t)len))
		return hs_error_set(err, HS_EIO, "%s: %s", name,
		    archive_error_string(a) != NULL ? archive_error_string(a) :
		    _("cannot write"));
	return 0;
}

struct archive *
archive_tar_reader(void)
{
	struct archive *a = archive_read_new();

	if (a == NULL)
		util_oom();
	archive_read_support_format_tar(a);
	archive_read_support_filter_gzip(a);
	return a;
}

const char *
archive_entry_problem(struct archive_entry *e)
{
	if (archive_entry_hardlink(e) != NULL)
		return _("a hard link");
	switch (archive_entry_filetype(e)) {
	case AE_IFREG:
		return NULL;
	case AE_IFLNK:
		return _("a symbolic link");
	case AE_IFDIR:
		return _("a folder entry");
	default:
		return _("a device, FIFO or socket");
	}
}

char *
archive_read_entry_data(struct archive *a, size_t max, size_t *len)
{
	char *buf = xmalloc(max + 1);
	size_t n = 0;
	la_ssize_t r;

	/* One byte more than max is asked for, to tell "max" from "more". */
	while ((r = archive_read_data(a, buf + n, max + 1 - n)) > 0) {
		n += (size_t)r;
		if (n > max)
			break;
	}
	if (r < 0 || n > max) {
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

const char *
archive_why(struct archive *a)
{
	const char *why = archive_error_string(a);

	return why != NULL ? why : _("no details");
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * stickdir.c: listing the folders a teacher picks files from (see
 * stickdir.h).  The folder is opened once, without blocking, and its
 * entries are classified with fstatat(AT_SYMLINK_NOFOLLOW) against that
 * descriptor, so a link is never taken for a folder and nothing on the
 * stick is opened.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/util.h"
#include "learn/model/stickdir.h"

static int
entry_cmp(const void *a, const void *b)
{
	const struct stickdir_entry *x = a, *y = b;

	if (x->is_dir != y->is_dir)
		return x->is_dir ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Whether name ends in one of the '|'-separated exts, case ignored. */
static int
has_ext(const char *name, const char *exts)
{
	size_t n = strlen(name), e;
	const char *bar;

	for (;; exts = bar + 1) {
		bar = strchr(exts, '|');
		e = bar != NULL ? (size_t)(bar - exts) : strlen(exts);
		if (n > e && strncasecmp(name + n - e, exts, e) == 0)
			return 1;
		if (bar == NULL)
			return 0;
	}
}

int
stickdir_list(const char *dir, const char *ext, struct stickdir_entry **out,
    int *n, struct hs_error *err)
{
	struct stickdir_entry *v = NULL;
	struct dirent *e;
	struct stat st;
	DIR *d;
	int fd, cnt = 0, is_dir;

	*out = NULL;
	*n = 0;
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0 || (d = fdopendir(fd)) == NULL) {
		int code = errno == ENOENT || errno == ENOTDIR ? HS_ENOTFOUND :
		    HS_EIO;

		hs_error_set_at(err, code, dir, 0, 0, "%s", strerror(errno));
		if (fd >= 0)
			close(fd);
		return code;
	}
	while ((e = readdir(d)) != NULL && cnt < STICKDIR_MAX) {
		if (e->d_name[0] == '.')
			continue;
		is_dir = fstatat(dirfd(d), e->d_name, &st,
		    AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode);
		if (!is_dir && (ext == NULL || !has_ext(e->d_name, ext)))
			continue;
		v = xrealloc(v, (cnt + 1) * sizeof *v);
		v[cnt].name = xstrdup(e->d_name);
		v[cnt].is_dir = is_dir;
		cnt++;
	}
	closedir(d);
	if (cnt > 0)
		qsort(v, cnt, sizeof *v, entry_cmp);
	*out = v;
	*n = cnt;
	return 0;
}

void
stickdir_free(struct stickdir_entry *e, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(e[i].name);
	free(e);
}

static void
add_root(char ***out, int *n, const char *path)
{
	struct stat st;
	int i;

	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
		return;
	for (i = 0; i < *n; i++)
		if (!strcmp((*out)[i], path))
			return;
	*out = xrealloc(*out, (*n + 1) * sizeof **out);
	(*out)[(*n)++] = xstrdup(path);
}

/* Each folder under base (sorted), skipping the one named skip. */
static void
add_under(char ***out, int *n, const char *base, const char *skip)
{
	struct stickdir_entry *e;
	struct hs_error err;
	char *path;
	int i, cnt;

	if (stickdir_list(base, NULL, &e, &cnt, &err) != 0)
		return;
	for (i = 0; i < cnt; i++) {
		if (skip != NULL && !strcmp(e[i].name, skip))
			continue;
		path = util_path_join(base, e[i].name);
		add_root(out, n, path);
		free(path);
	}
	stickdir_free(e, cnt);
}

void
stickdir_roots(char ***out, int *n)
{
	const char *user = getenv("USER"), *home = getenv("HOME");
	char path[4200];

	*out = NULL;
	*n = 0;
	if (user != NULL && *user != '\0' && strchr(user, '/') == NULL) {
		snprintf(path, sizeof path, "/media/%s", user);
		add_under(out, n, path, NULL);
		snprintf(path, sizeof path, "/run/media/%s", user);
		add_under(out, n, path, NULL);
	}
	add_under(out, n, "/media", user);
	add_root(out, n, "/mnt");
	if (home != NULL && *home == '/')
		add_root(out, n, home);
}

void
stickdir_roots_free(char **roots, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(roots[i]);
	free(roots);
}

char *
stickdir_parent(const char *dir)
{
	size_t n = strlen(dir);

	while (n > 1 && dir[n - 1] == '/')
		n--;
	while (n > 0 && dir[n - 1] != '/')
		n--;
	while (n > 1 && dir[n - 1] == '/')
		n--;
	return n == 0 ? xstrdup(".") : xstrndup(dir, n);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * install.c: trusted publishers, and putting checked packages into the
 * catalog atomically.  See install.h.  Nothing here touches the SQLite
 * store: progress survives installing, replacing and removing modules.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/fileio.h"
#include "core/i18n.h"
#include "core/util.h"
#include "lessons/install.h"
#include "lessons/module.h"
#include "lessons/pack.h"

/* Takes the catalog's lock (a flock on the modules folder itself) for
 * one install or removal, then removes the folders that one killed
 * midway left (".tmp-*", ".old-*"): under the lock, none of them is in
 * use.  Returns the lock's descriptor (the caller closes it) or HS_EIO
 * with err filled. */
static int
catalog_lock(const char *modules, struct hs_error *err)
{
	struct dirent *e;
	char *path;
	DIR *d;
	int fd;

	fd = open(modules, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || flock(fd, LOCK_EX) != 0) {
		hs_error_set_at(err, HS_EIO, modules, 0, 0, "%s",
		    strerror(errno));
		if (fd >= 0)
			close(fd);
		return HS_EIO;
	}
	if ((d = opendir(modules)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			if (strncmp(e->d_name, ".tmp-", 5) != 0 &&
			    strncmp(e->d_name, ".old-", 5) != 0)
				continue;
			path = util_path_join(modules, e->d_name);
			util_rmtree(path);
			free(path);
		}
		closedir(d);
	}
	return fd;
}

int
install_version_cmp(const char *a, const char *b)
{
	long x, y;
	char *ea, *eb;

	while (*a != '\0' || *b != '\0') {
		x = strtol(a, &ea, 10);
		y = strtol(b, &eb, 10);
		if (x != y)
			return x < y ? -1 : 1;
		a = *ea == '.' ? ea + 1 : ea;
		b = *eb == '.' ? eb + 1 : eb;
	}
	return 0;
}

int
install_trust_list(const char *datadir, struct keys_public **keys, int *n,
    struct hs_error *err)
{
	char *dir = util_path_join(datadir, "trust"), path[4200];
	struct dirent *e;
	DIR *d;
	int rc = 0;

	*keys = NULL;
	*n = 0;
	if ((d = opendir(dir)) == NULL) {
		free(dir);
		return 0;	/* no folder: nobody trusted yet */
	}
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);

		if (e->d_name[0] == '.' || len < 5 ||
		    strcmp(e->d_name + len - 4, ".pub") != 0)
			continue;
		*keys = xrealloc(*keys, (*n + 1) * sizeof **keys);
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if ((rc = keys_read_public(path, &(*keys)[*n], err)) != 0)
			break;
		(*n)++;
	}
	closedir(d);
	free(dir);
	return rc;
}

int
install_trust_add(const char *datadir, const char *keyfile,
    struct keys_public *pub, struct hs_error *err)
{
	struct keys_public *have = NULL;
	char *dir = util_path_join(datadir, "trust"), path[4200];
	char *text = NULL;
	size_t len;
	int rc, n, i;

	if ((rc = keys_read_public(keyfile, pub, err)) != 0 ||
	    (rc = install_trust_list(datadir, &have, &n, err)) != 0)
		goto out;
	for (i = 0; i < n; i++) {
		if (strcmp(have[i].name, pub->name) != 0)
			continue;
		if (memcmp(have[i].pk, pub->pk, sizeof pub->pk) != 0)
			rc = hs_error_set_at(err, HS_EINVAL, keyfile, 0, 0,
			    _("another key of publisher %s is already trusted: "
			    "refusing a second one"), pub->name);
		goto out;	/* the same key: nothing to do */
	}
	if ((rc = util_mkdir_p(dir, err)) != 0 ||
	    (rc = fileio_read(keyfile, 4096, &text, &len, err)) != 0)
		goto out;
	snprintf(path, sizeof path, "%s/%s.pub", dir, pub->name);
	rc = fileio_write(path, text, len, 0644, err);
out:
	free(text);
	free(have);
	free(dir);
	return rc;
}

/* Keeps the first problem pack_check() finds in a package's module. */
struct first_problem {
	struct hs_error err;
	int n;
};

static void
keep_first(const struct hs_error *err, int warning, void *ctx)
{
	struct first_problem *fp = ctx;

	if (!warning && fp->n++ == 0)
		fp->err = *err;
}

/* Unpacks pkg into a new temporary folder under modules (tmp, which the
 * caller removes when *have_tmp) and checks it as an install does: the
 * signature (trusted, or any with allow_unsigned), every file, the
 * module's own checks and its module.ini against the manifest.  Fills m
 * (module_free() it), signer and *is_unsigned.  The catalog's lock must
 * be held. */
static int
install_stage(const char *modules, const char *pkg, int allow_unsigned,
    const struct keys_public *trusted, int ntrusted, char *tmp,
    size_t tmplen, int *have_tmp, struct module *m,
    struct keys_public *signer, int *is_unsigned, struct hs_error *err)
{
	struct first_problem fp = { 0 };
	struct manifest man = { 0 };
	int rc;

	snprintf(tmp, tmplen, "%s/.tmp-XXXXXX", modules);
	if (mkdtemp(tmp) == NULL)
		return hs_error_set_at(err, HS_EIO, modules, 0, 0, "%s",
		    strerror(errno));
	*have_tmp = 1;
	chmod(tmp, 0755);	/* mkdtemp made it private */
	if ((rc = package_extract(pkg, tmp, trusted, ntrusted,
	    PACKAGE_MAX_RATIO, allow_unsigned, is_unsigned, &man, signer,
	    err)) != 0)
		goto out;
	if (pack_check(tmp, keep_first, &fp) > 0) {
		/* Name the file inside the package, not our folder. */
		size_t n = strlen(tmp);
		const char *in = fp.err.file;
		char line[sizeof fp.err.msg + sizeof fp.err.file + 32];

		if (strncmp(in, tmp, n) == 0)
			in += in[n] == '/' ? n + 1 : n;
		if (*in == '\0')	/* about the module as a whole */
			snprintf(line, sizeof line, "%s", fp.err.msg);
		else if (fp.err.line > 0)
			snprintf(line, sizeof line, "%s:%d: %s", in,
			    fp.err.line, fp.err.msg);
		else
			snprintf(line, sizeof line, "%s: %s", in, fp.err.msg);
		rc = hs_error_set_at(err, HS_EINVAL, pkg, 0, 0, "%s", line);
		goto out;
	}
	if ((rc = module_load(tmp, m, err)) != 0)
		goto out;
	if (strcmp(m->id, man.id) != 0 || strcmp(m->version, man.version) != 0)
		rc = hs_error_set_at(err, HS_EINVAL, pkg, 0, 0, _("module.ini "
		    "says %s %s but the manifest says %s %s"), m->id,
		    m->version, man.id, man.version);
out:
	manifest_free(&man);
	return rc;
}

int
install_package(const char *datadir, const char *pkg, unsigned flags,
    char id[129], char version[32], struct keys_public *signer,
    struct hs_error *err)
{
	char *modules = util_path_join(datadir, "modules"), tmp[4200];
	char final[4400];
	struct keys_public *trusted = NULL;
	struct module m = { 0 }, old;
	struct stat st;
	int rc, ntrusted, have_tmp = 0, is_unsigned = 0, lock = -1;
	int force = (flags & INSTALL_FORCE) != 0;
	int allow_unsigned = (flags & INSTALL_ALLOW_UNSIGNED) != 0;

	if ((rc = util_mkdir_p(modules, err)) != 0 ||
	    (rc = install_trust_list(datadir, &trusted, &ntrusted, err)) != 0)
		goto out;
	if ((lock = catalog_lock(modules, err)) < 0) {
		rc = lock;
		goto out;
	}
	if (ntrusted == 0 && !allow_unsigned) {
		rc = hs_error_set(err, HS_EINVAL, _("no publisher is trusted "
		    "yet: hocso trust add KEY.pub first"));
		goto out;
	}
	if ((rc = install_stage(modules, pkg, allow_unsigned, trusted,
	    ntrusted, tmp, sizeof tmp, &have_tmp, &m, signer, &is_unsigned,
	    err)) != 0)
		goto out;
	if (is_unsigned) {
		char mark[4300];

		snprintf(mark, sizeof mark, "%s/%s", tmp, MODULE_UNSIGNED);
		if ((rc = fileio_write(mark, "", 0, 0644, err)) != 0)
			goto out;
		snprintf(signer->name, sizeof signer->name, "%s",
		    _("unsigned"));
	}
	snprintf(final, sizeof final, "%s/%s", modules, m.id);
	if (lstat(final, &st) == 0) {
		/* A folder hocso cannot read (damaged, or from an older
		 * hocso) has no version to keep: the package replaces it. */
		if (module_load(final, &old, NULL) == 0) {
			int cmp = install_version_cmp(m.version, old.version);

			if (cmp <= 0 && !force)
				rc = hs_error_set_at(err, HS_EINVAL, pkg, 0, 0,
				    cmp < 0 ? _("version %s is older than the "
				    "installed %s (use --force to go back)") :
				    _("version %s is already installed (use "
				    "--force to install it again)"),
				    m.version, old.version);
			module_free(&old);
			if (rc != 0)
				goto out;
		}
		/* Swap the new folder in with one atomic exchange; the old
		 * one is then at tmp, and goes. */
		if ((rc = fileio_rename(tmp, final, 1, err)) != 0)
			goto out;
	} else if (errno != ENOENT) {
		rc = hs_error_set_at(err, HS_EIO, final, 0, 0, "%s",
		    strerror(errno));
		goto out;
	} else if ((rc = fileio_rename(tmp, final, 0, err)) != 0)
		goto out;
	else
		have_tmp = 0;
	snprintf(id, 129, "%s", m.id);
	snprintf(version, 32, "%s", m.version);
out:
	if (have_tmp)
		util_rmtree(tmp);
	if (lock >= 0)
		close(lock);
	module_free(&m);
	free(trusted);
	free(modules);
	return rc;
}

int
install_inspect(const char *datadir, const char *pkg, const char *lang,
    struct install_info *info, struct hs_error *err)
{
	char *modules = util_path_join(datadir, "modules"), tmp[4200];
	char final[4400];
	struct keys_public *trusted = NULL;
	struct module m = { 0 }, old;
	int rc, ntrusted, have_tmp = 0, is_unsigned = 0, lock = -1;

	memset(info, 0, sizeof *info);
	if ((rc = util_mkdir_p(modules, err)) != 0 ||
	    (rc = install_trust_list(datadir, &trusted, &ntrusted, err)) != 0)
		goto out;
	if ((lock = catalog_lock(modules, err)) < 0) {
		rc = lock;
		goto out;
	}
	/* Any signature that matches is read: whether its publisher is
	 * trusted is part of what is told. */
	if ((rc = install_stage(modules, pkg, 1, trusted, ntrusted, tmp,
	    sizeof tmp, &have_tmp, &m, &info->signer, &is_unsigned,
	    err)) != 0)
		goto out;
	info->trusted = !is_unsigned;
	info->is_signed = info->signer.name[0] != '\0';
	snprintf(info->id, sizeof info->id, "%s", m.id);
	snprintf(info->version, sizeof info->version, "%s", m.version);
	snprintf(info->title, sizeof info->title, "%s", module_title(&m,
	    lang));
	snprintf(final, sizeof final, "%s/%s", modules, m.id);
	if (module_load(final, &old, NULL) == 0) {
		snprintf(info->installed, sizeof info->installed, "%s",
		    old.version);
		info->cmp = install_version_cmp(m.version, old.version);
		module_free(&old);
	}
out:
	if (have_tmp)
		util_rmtree(tmp);
	if (lock >= 0)
		close(lock);
	module_free(&m);
	free(trusted);
	free(modules);
	return rc;
}

int
install_remove(const char *datadir, const char *id, struct hs_error *err)
{
	char *modules = util_path_join(datadir, "modules"), path[4200];
	char tmp[4300];
	struct stat st;
	int rc = 0, lock = -1;

	/* Whatever has that name goes, even a folder hocso cannot read: a
	 * damaged module must not be stuck in the catalog. */
	snprintf(path, sizeof path, "%s/%s", modules, id);
	if (id[0] == '\0' || strchr(id, '/') != NULL || id[0] == '.' ||
	    lstat(path, &st) != 0) {
		rc = hs_error_set(err, HS_ENOTFOUND, _("no module %s is "
		    "installed"), id);
		goto out;
	}
	if ((lock = catalog_lock(modules, err)) < 0) {
		rc = lock;
		goto out;
	}
	/* Out of the catalog with one rename, then deleted. */
	snprintf(tmp, sizeof tmp, "%s/.old-%s", modules, id);
	if ((rc = fileio_rename(path, tmp, 0, err)) != 0)
		goto out;
	util_rmtree(tmp);
out:
	if (lock >= 0)
		close(lock);
	free(modules);
	return rc;
}

int
install_unpack(const char *pkg, char *dir, size_t dirlen,
    struct hs_error *err)
{
	const char *tmp = getenv("TMPDIR");
	struct manifest man = { 0 };
	struct keys_public signer;
	int rc, is_unsigned;

	snprintf(dir, dirlen, "%s/hocso-XXXXXX", tmp != NULL && *tmp != '\0' ?
	    tmp : "/tmp");
	if (mkdtemp(dir) == NULL)
		return hs_error_set_at(err, HS_EIO, dir, 0, 0, "%s",
		    strerror(errno));
	rc = package_extract(pkg, dir, NULL, 0, PACKAGE_MAX_RATIO, 1,
	    &is_unsigned, &man, &signer, err);
	manifest_free(&man);
	if (rc != 0)
		util_rmtree(dir);
	return rc;
}

void
install_unpacked_remove(const char *dir)
{
	util_rmtree(dir);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * manifest.c: MANIFEST.json and MANIFEST.sig, read and written with
 * jansson.  See package.h.  The manifest is checked completely here, so
 * that the package reader can trust every path, size and hash in it.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/i18n.h"
#include "core/util.h"
#include "lessons/package.h"

int
package_path_valid(const char *path)
{
	const char *p = path, *start;
	size_t n = strlen(path);

	if (n == 0 || n > PACKAGE_MAX_PATH)
		return 0;
	while (*p != '\0') {
		for (start = p; *p != '\0' && *p != '/'; p++)
			if (!isalnum((unsigned char)*p) && !strchr("._-", *p))
				return 0;
		if (p == start || (p - start == 1 && start[0] == '.') ||
		    (p - start == 2 && start[0] == '.' && start[1] == '.'))
			return 0;	/* empty, "." or ".." */
		if (*p == '/')
			p++;
		if (*p == '\0' && p[-1] == '/')
			return 0;	/* a trailing slash: a folder */
	}
	return 1;
}

/* root as sorted, indented JSON in a new string (root is released). */
static char *
json_text(json_t *root, size_t *len)
{
	char *text = json_dumps(root, JSON_SORT_KEYS | JSON_INDENT(1)), *out;

	json_decref(root);
	if (text == NULL)
		util_oom();
	out = xstrdup(text);
	free(text);
	*len = strlen(out);
	return out;
}

static int
cmp_file(const void *a, const void *b)
{
	return strcmp(((const struct manifest_file *)a)->path,
	    ((const struct manifest_file *)b)->path);
}

char *
manifest_to_json(const struct manifest *m, size_t *len)
{
	json_t *root, *files, *f;
	int i;

	root = json_object();
	files = json_array();
	json_object_set_new(root, "format", json_integer(m->format));
	json_object_set_new(root, "id", json_string(m->id));
	json_object_set_new(root, "version", json_string(m->version));
	for (i = 0; i < m->nfiles; i++) {
		f = json_object();
		json_object_set_new(f, "path", json_string(m->files[i].path));
		json_object_set_new(f, "size", json_integer(m->files[i].size));
		json_object_set_new(f, "sha256",
		    json_string(m->files[i].sha256));
		json_array_append_new(files, f);
	}
	json_object_set_new(root, "files", files);
	return json_text(root, len);
}

static int
hex64(const char *s)
{
	int i;

	for (i = 0; i < 64; i++)
		if (!isxdigit((unsigned char)s[i]) || isupper((unsigned char)s[i]))
			return 0;
	return s[64] == '\0';
}

int
manifest_parse(const char *json, size_t len, struct manifest *m,
    struct hs_error *err)
{
	json_t *root, *files, *f;
	json_error_t jerr;
	const char *id, *version, *path, *sha;
	json_int_t format, size;
	long long total = 0;
	size_t i;
	int rc = 0;

	memset(m, 0, sizeof *m);
	if (len > PACKAGE_MAX_MANIFEST_SIZE)
		return hs_error_set(err, HS_EINVAL, _("%s is too large"),
		    PACKAGE_MANIFEST);
	root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL)
		return hs_error_set_at(err, HS_EINVAL, PACKAGE_MANIFEST,
		    jerr.line, jerr.column, "%s", jerr.text);
	if (json_unpack_ex(root, &jerr, JSON_STRICT, "{s:I, s:s, s:s, s:o}",
	    "format", &format, "id", &id, "version", &version,
	    "files", &files) != 0 || !json_is_array(files)) {
		rc = hs_error_set(err, HS_EINVAL, "%s: %s", PACKAGE_MANIFEST,
		    _("not a module manifest"));
		goto out;
	}
	if (format != PACKAGE_FORMAT) {
		rc = hs_error_set(err, HS_EINVAL, _("package format %lld is not "
		    "known to this hocso (it reads %d): update hocso"),
		    (long long)format, PACKAGE_FORMAT);
		goto out;
	}
	if (json_array_size(files) > PACKAGE_MAX_FILES) {
		rc = hs_error_set(err, HS_EINVAL, _("more than %d files"),
		    PACKAGE_MAX_FILES);
		goto out;
	}
	m->format = (int)format;
	m->id = xstrdup(id);
	m->version = xstrdup(version);
	m->files = xcalloc(json_array_size(files) + 1, sizeof *m->files);
	json_array_foreach(files, i, f) {
		if (json_unpack_ex(f, &jerr, JSON_STRICT, "{s:s, s:I, s:s}",
		    "path", &path, "size", &size, "sha256", &sha) != 0 ||
		    !package_path_valid(path) || size < 0 ||
		    size > PACKAGE_MAX_FILE_SIZE || !hex64(sha)) {
			rc = hs_error_set(err, HS_EINVAL, _("%s: bad entry %zu"),
			    PACKAGE_MANIFEST, i + 1);
			goto out;
		}
		if (i > 0 && strcmp(m->files[i - 1].path, path) >= 0) {
			rc = hs_error_set(err, HS_EINVAL, _("%s: files not sorted"
			    " or listed twice at %s"), PACKAGE_MANIFEST, path);
			goto out;
		}
		total += size;
		if (total > PACKAGE_MAX_TOTAL_SIZE) {
			rc = hs_error_set(err, HS_EINVAL, _("the files add up to "
			    "more than %lld MiB"), PACKAGE_MAX_TOTAL_SIZE >> 20);
			goto out;
		}
		m->files[i].path = xstrdup(path);
		m->files[i].size = size;
		memcpy(m->files[i].sha256, sha, 65);
		m->nfiles++;
	}
out:
	json_decref(root);
	if (rc != 0)
		manifest_free(m);
	return rc;
}

void
manifest_free(struct manifest *m)
{
	int i;

	for (i = 0; i < m->nfiles; i++)
		free(m->files[i].path);
	free(m->files);
	free(m->id);
	free(m->version);
	memset(m, 0, sizeof *m);
}

const struct manifest_file *
manifest_find(const struct manifest *m, const char *path)
{
	struct manifest_file key = { (char *)path, 0, "" };

	if (m->nfiles == 0)
		return NULL;
	return bsearch(&key, m->files, m->nfiles, sizeof *m->files, cmp_file);
}

char *
manifest_sign(const struct keys_secret *sec, const char *json, size_t len,
    size_t *outlen)
{
	char sig[KEYS_B64_MAX], key[KEYS_B64_MAX];
	struct keys_public pub;
	json_t *root;

	keys_public_of(sec, &pub);
	keys_public_b64(&pub, key);
	keys_sign(sec, json, len, sig);
	root = json_pack("{s:s, s:s, s:s, s:s}", "algorithm", "ed25519",
	    "publisher", pub.name, "key", key, "signature", sig);
	if (root == NULL)
		util_oom();
	return json_text(root, outlen);
}

int
manifest_check_signature(const char *sig, size_t siglen, const char *json,
    size_t len, struct keys_public *signer, struct hs_error *err)
{
	const char *alg, *name, *key, *s;
	json_error_t jerr;
	json_t *root;
	int rc = 0;

	memset(signer, 0, sizeof *signer);
	root = json_loadb(sig, siglen, JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL || json_unpack_ex(root, &jerr, JSON_STRICT,
	    "{s:s, s:s, s:s, s:s}", "algorithm", &alg, "publisher", &name,
	    "key", &key, "signature", &s) != 0 || strcmp(alg, "ed25519") != 0 ||
	    keys_public_from_b64(key, signer) != 0) {
		rc = hs_error_set(err, HS_EINVAL, _("%s is malformed"),
		    PACKAGE_SIGNATURE);
		goto out;
	}
	snprintf(signer->name, sizeof signer->name, "%s", name);
	if (keys_verify(signer, json, len, s) != 0)
		rc = hs_error_set(err, HS_EINVAL, _("the signature does not "
		    "match the manifest: the package was changed or damaged"));
out:
	json_decref(root);
	return rc;
}

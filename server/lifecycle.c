/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lifecycle.c: a province server's life apart from its requests: made
 * once (hocso-server init), its key written on paper and typed back
 * (key paper, key restore), and, further down, its backup and restore.
 * See server.h ("A server's life") and docs/admin-guide.md.
 *
 * The paper form is what an admin keeps in a safe: the key's 32-byte
 * seed as four lines of 8 bytes in hexadecimal, each line ended by a
 * check of two hex digits (the first byte of BLAKE2b over the line's
 * number and bytes), so that a mistyped line is named, not accepted;
 * then the public key's fingerprint, which restore shows and checks
 * against the one the store recorded.
 */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <jansson.h>
#include <sodium.h>

#include "core/clock.h"
#include "core/fileio.h"
#include "core/i18n.h"
#include "core/keys.h"
#include "core/util.h"
#include "server/server.h"
#include "server/srvstore.h"

#define KEY_BASE "server"
#define KEY_NAME "hocso-server"
#define MODULES_DIR "modules"
#define PAPER_LINES 4
#define PAPER_BYTES 8			/* of the seed, per line */

/* Whether path names something (a file, a link, a folder). */
static int
exists(const char *path)
{
	struct stat sb;

	return lstat(path, &sb) == 0;
}

/* A new alerts epoch in st (server/alerts.c). */
static int
new_epoch(struct srvstore *st, struct hs_error *err)
{
	unsigned char raw[8];
	char hex[17];

	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
	return srvstore_meta_set(st, "alerts.epoch", hex, err);
}

int
server_init(const char *dir, struct hs_error *err)
{
	struct keys_secret sec;
	struct keys_public pub;
	struct srvstore *st = NULL;
	char *db, *key, *pubp, *mods, *base, b64[KEYS_B64_MAX];
	int rc, made_key = 0;

	if (sodium_init() < 0)
		return hs_error_set(err, HS_EIO, _("libsodium cannot start"));
	db = util_path_join(dir, SRVSTORE_FILE);
	base = util_path_join(dir, KEY_BASE);
	key = util_path_join(dir, KEY_BASE ".key");
	pubp = util_path_join(dir, KEY_BASE ".pub");
	mods = util_path_join(dir, MODULES_DIR);
	if (exists(db)) {
		rc = hs_error_set(err, HS_EINVAL, _("%s is a hocso server's "
		    "data folder already: nothing was changed"), dir);
		goto out;
	}
	if (exists(key) || exists(pubp)) {
		rc = hs_error_set(err, HS_EINVAL, _("%s holds a server key but "
		    "no store: restore the store (hocso-server restore) or move "
		    "the key away; nothing was changed"), dir);
		goto out;
	}
	if ((rc = util_mkdir_p(dir, err)) != 0 ||
	    (rc = util_mkdir_p(mods, err)) != 0)
		goto out;
	if ((rc = keys_generate(base, KEY_NAME, err)) != 0)
		goto out;
	made_key = 1;
	if ((rc = keys_read_secret(key, &sec, err)) != 0)
		goto out;
	keys_public_of(&sec, &pub);
	sodium_memzero(&sec, sizeof sec);
	keys_public_b64(&pub, b64);
	if ((rc = srvstore_open(db, &st, err)) == 0)
		rc = srvstore_meta_set(st, SERVER_META_KEY, b64, err);
	if (rc == 0)
		rc = new_epoch(st, err);
	srvstore_close(st);
out:
	if (rc != 0 && made_key) {
		/* A half-made server is no server: init can be run again. */
		unlink(key);
		unlink(pubp);
		if (st != NULL || exists(db)) {
			char *wal = util_path_join(dir, SRVSTORE_FILE "-wal");
			char *shm = util_path_join(dir, SRVSTORE_FILE "-shm");

			unlink(db);
			unlink(wal);
			unlink(shm);
			free(wal);
			free(shm);
		}
	}
	free(db);
	free(base);
	free(key);
	free(pubp);
	free(mods);
	return rc;
}

/*
 * The key on paper.
 */

static unsigned char
paper_check(int line, const unsigned char *bytes)
{
	unsigned char in[1 + PAPER_BYTES], out[16];

	in[0] = (unsigned char)line;
	memcpy(in + 1, bytes, PAPER_BYTES);
	crypto_generichash(out, sizeof out, in, sizeof in, NULL, 0);
	return out[0];
}

/* The fingerprint people compare: the first 8 bytes of the public key's
 * SHA-256 as four groups of hex. */
static void
fingerprint(const unsigned char *pk, char *buf, size_t len)
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, pk, crypto_sign_PUBLICKEYBYTES);
	snprintf(buf, len, "%02X%02X-%02X%02X-%02X%02X-%02X%02X", h[0], h[1],
	    h[2], h[3], h[4], h[5], h[6], h[7]);
}

int
server_key_paper(struct server *s, FILE *f, struct hs_error *err)
{
	const struct keys_public *pub = server_public_key(s);
	struct keys_secret sec;
	unsigned char seed[crypto_sign_SEEDBYTES];
	char *path, fp[32];
	int rc, i, j;

	path = util_path_join(server_dir(s), KEY_BASE ".key");
	rc = keys_read_secret(path, &sec, err);
	free(path);
	if (rc != 0)
		return rc;
	crypto_sign_ed25519_sk_to_seed(seed, sec.sk);
	sodium_memzero(&sec, sizeof sec);
	fingerprint(pub->pk, fp, sizeof fp);
	/* TRANSLATORS: the heading of the key's paper form. */
	fprintf(f, _("hocso-server key, paper form: keep it in a safe; type "
	    "it back with hocso-server key restore\n"));
	for (i = 0; i < PAPER_LINES; i++) {
		fprintf(f, "%d:", i + 1);
		for (j = 0; j < PAPER_BYTES; j += 2)
			fprintf(f, " %02X%02X", seed[i * PAPER_BYTES + j],
			    seed[i * PAPER_BYTES + j + 1]);
		fprintf(f, "  %02X\n", paper_check(i + 1,
		    seed + i * PAPER_BYTES));
	}
	fprintf(f, "%s: %s\n", _("fingerprint"), fp);
	sodium_memzero(seed, sizeof seed);
	if (fflush(f) != 0 || ferror(f))
		return hs_error_set(err, HS_EIO, _("cannot write the paper "
		    "form"));
	return 0;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = toupper(c);
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Reads the four numbered lines of a paper form into seed.  Other lines
 * (the heading, the fingerprint) are skipped. */
static int
paper_read(const char *text, size_t len, unsigned char *seed,
    struct hs_error *err)
{
	unsigned char bytes[PAPER_BYTES + 1];
	int seen[PAPER_LINES] = { 0 };
	const char *p = text, *end = text + len, *eol;
	int line, n, hi, lo, i;

	while (p < end) {
		eol = memchr(p, '\n', (size_t)(end - p));
		if (eol == NULL)
			eol = end;
		while (p < eol && isspace((unsigned char)*p))
			p++;
		if (p + 1 < eol && *p >= '1' && *p <= '0' + PAPER_LINES &&
		    p[1] == ':') {
			line = *p - '0';
			n = 0;
			for (p += 2; p < eol; p++) {
				if (isspace((unsigned char)*p) || *p == '-')
					continue;
				hi = hexval((unsigned char)*p);
				lo = p + 1 < eol ? hexval((unsigned char)p[1])
				    : -1;
				if (hi < 0 || lo < 0 || n > PAPER_BYTES)
					return hs_error_set(err, HS_EINVAL,
					    _("line %d of the paper key is "
					    "not four groups of four hex "
					    "digits and a check"), line);
				bytes[n++] = (unsigned char)(hi << 4 | lo);
				p++;
			}
			if (n != PAPER_BYTES + 1)
				return hs_error_set(err, HS_EINVAL, _("line %d "
				    "of the paper key is not four groups of "
				    "four hex digits and a check"), line);
			if (paper_check(line, bytes) != bytes[PAPER_BYTES])
				return hs_error_set(err, HS_EINVAL, _("line %d "
				    "of the paper key is mistyped (its check "
				    "does not match): read it again"), line);
			memcpy(seed + (line - 1) * PAPER_BYTES, bytes,
			    PAPER_BYTES);
			seen[line - 1] = 1;
		}
		p = eol + 1;
	}
	for (i = 0; i < PAPER_LINES; i++)
		if (!seen[i])
			return hs_error_set(err, HS_EINVAL, _("line %d of the "
			    "paper key is missing"), i + 1);
	return 0;
}

int
server_key_restore(const char *dir, const char *text, size_t len,
    struct hs_error *err)
{
	unsigned char seed[crypto_sign_SEEDBYTES];
	unsigned char pk[crypto_sign_PUBLICKEYBYTES];
	struct keys_secret sec, old;
	struct keys_public pub;
	struct srvstore *st = NULL;
	struct hs_error e2;
	char *db = NULL, *key, *pubp, b64[KEYS_B64_MAX], have[KEYS_B64_MAX];
	char fp[32], fp2[32];
	int rc;

	if (sodium_init() < 0)
		return hs_error_set(err, HS_EIO, _("libsodium cannot start"));
	if ((rc = server_is_data(dir, err)) != 0)
		return rc;
	key = util_path_join(dir, KEY_BASE ".key");
	pubp = util_path_join(dir, KEY_BASE ".pub");
	memset(&sec, 0, sizeof sec);
	if ((rc = paper_read(text, len, seed, err)) != 0)
		goto out;
	crypto_sign_seed_keypair(pk, sec.sk, seed);
	snprintf(sec.name, sizeof sec.name, "%s", KEY_NAME);
	keys_public_of(&sec, &pub);
	keys_public_b64(&pub, b64);
	db = util_path_join(dir, SRVSTORE_FILE);
	if ((rc = srvstore_open(db, &st, err)) != 0)
		goto out;
	rc = srvstore_meta_get(st, SERVER_META_KEY, have, sizeof have, err);
	if (rc == 0 && strcmp(have, b64) != 0) {
		struct keys_public other;

		fingerprint(pub.pk, fp, sizeof fp);
		if (keys_public_from_b64(have, &other) == 0)
			fingerprint(other.pk, fp2, sizeof fp2);
		else
			snprintf(fp2, sizeof fp2, "?");
		rc = hs_error_set(err, HS_EINVAL, _("this paper key (fingerprint "
		    "%s) is not this server's key (fingerprint %s): nothing "
		    "was written"), fp, fp2);
		goto out;
	}
	if (rc != 0 && rc != HS_ENOTFOUND)
		goto out;
	hs_error_clear(&e2);
	if (exists(key)) {
		if (keys_read_secret(key, &old, &e2) != 0 ||
		    sodium_memcmp(old.sk, sec.sk, sizeof sec.sk) != 0) {
			sodium_memzero(&old, sizeof old);
			rc = hs_error_set_at(err, HS_EINVAL, key, 0, 0, _("a "
			    "key file is there already and holds another "
			    "key: move it away first; nothing was written"));
			goto out;
		}
		sodium_memzero(&old, sizeof old);
	} else if ((rc = keys_write_secret(key, &sec, err)) != 0)
		goto out;
	rc = keys_replace_public(pubp, &pub, err);
out:
	srvstore_close(st);
	sodium_memzero(seed, sizeof seed);
	sodium_memzero(&sec, sizeof sec);
	free(db);
	free(key);
	free(pubp);
	return rc;
}

/*
 * Backup and restore.  A backup is a new folder:
 *
 *   server.db               the store, copied online (SQLite's backup
 *                           API: one consistent read), one file
 *   modules/<sha256>.hsm    every package the copied store lists
 *   server.pub              the server's public key (never the secret:
 *                           that is kept apart, on paper)
 *   manifest.json           what is there, each file's size and SHA-256,
 *                           the key's fingerprint, the packages missing
 *
 * written last, so that a folder without manifest.json is no backup.
 */

#define BACKUP_MANIFEST "manifest.json"
#define BACKUP_FORMAT 1
#define BACKUP_MAX_MANIFEST (16L << 20)
#define BACKUP_MAX_FILE (1LL << 42)	/* 4 TiB: a store, a package */

/* Copies from to to (a new file, mode), streamed through fileio's
 * temporary file; hex gets the SHA-256 of what was copied, *size its
 * length.  Returns 0 or a negative code. */
static int
copy_hashed(const char *from, const char *to, int mode, char hex[65],
    long long *size, struct hs_error *err)
{
	crypto_hash_sha256_state h;
	unsigned char buf[65536], md[crypto_hash_sha256_BYTES];
	struct fileio_tmp t;
	ssize_t n, w, off;
	int fd, rc;

	*size = 0;
	if ((fd = fileio_open_untrusted(from, BACKUP_MAX_FILE, err)) < 0)
		return fd;
	if ((rc = fileio_begin(&t, to, mode, err)) != 0) {
		close(fd);
		return rc;
	}
	crypto_hash_sha256_init(&h);
	while ((n = read(fd, buf, sizeof buf)) > 0) {
		crypto_hash_sha256_update(&h, buf, (size_t)n);
		for (off = 0; off < n; off += w)
			if ((w = write(t.fd, buf + off, (size_t)(n - off))) < 0)
				break;
		if (off < n) {
			n = -1;
			break;
		}
		*size += n;
	}
	if (n < 0) {
		rc = hs_error_set_at(err, HS_EIO, n < 0 && errno != 0 ? to :
		    from, 0, 0, "%s", strerror(errno));
		fileio_abort(&t);
		close(fd);
		return rc;
	}
	close(fd);
	crypto_hash_sha256_final(&h, md);
	sodium_bin2hex(hex, 65, md, sizeof md);
	return fileio_commit(&t, err);
}

/* The SHA-256 of the file at path and its size. */
static int
hash_file(const char *path, char hex[65], long long *size,
    struct hs_error *err)
{
	crypto_hash_sha256_state h;
	unsigned char buf[65536], md[crypto_hash_sha256_BYTES];
	ssize_t n;
	int fd;

	*size = 0;
	if ((fd = fileio_open_untrusted(path, BACKUP_MAX_FILE, err)) < 0)
		return fd;
	crypto_hash_sha256_init(&h);
	while ((n = read(fd, buf, sizeof buf)) > 0) {
		crypto_hash_sha256_update(&h, buf, (size_t)n);
		*size += n;
	}
	close(fd);
	if (n < 0)
		return hs_error_set_at(err, HS_EIO, path, 0, 0, "%s",
		    strerror(errno));
	crypto_hash_sha256_final(&h, md);
	sodium_bin2hex(hex, 65, md, sizeof md);
	return 0;
}

struct backup_ctx {
	const char *from, *to;		/* the modules folders */
	json_t *list, *missing;
	server_backup_fn say;
	void *arg;
	int rc;
	struct hs_error *err;
};

static int
backup_module(const struct srvstore_module *m, void *ctx)
{
	struct backup_ctx *b = ctx;
	struct hs_error e2;
	char name[80], hex[65], *from, *to, why[800];
	long long size;
	int rc;

	snprintf(name, sizeof name, "%s.hsm", m->sha256);
	from = util_path_join(b->from, name);
	to = util_path_join(b->to, name);
	hs_error_clear(&e2);
	rc = copy_hashed(from, to, 0644, hex, &size, &e2);
	if (rc == 0 && strcmp(hex, m->sha256) != 0) {
		unlink(to);
		rc = hs_error_set_at(&e2, HS_EINVAL, from, 0, 0, _("damaged: "
		    "its SHA-256 is not its name"));
	}
	if (rc == 0) {
		if (json_array_append_new(b->list, json_pack("{s:s, s:s, s:s,"
		    " s:I}", "id", m->id, "version", m->version, "sha256",
		    m->sha256, "size", (json_int_t)size)) != 0)
			util_oom();
	} else if (rc == HS_EIO && errno != ENOENT && access(from, F_OK) == 0) {
		/* The backup's disk, not the package: stop. */
		*b->err = e2;
		b->rc = rc;
	} else {
		hs_error_format(&e2, why, sizeof why);
		if (json_array_append_new(b->missing, json_pack("{s:s, s:s, s:s,"
		    " s:s}", "id", m->id, "version", m->version, "sha256",
		    m->sha256, "why", why)) != 0)
			util_oom();
		if (b->say != NULL)
			b->say(m->id, m->version, why, b->arg);
	}
	free(from);
	free(to);
	return b->rc;
}

/* Whether dir is missing or an empty folder. */
static int
empty_dir(const char *dir)
{
	struct dirent *de;
	DIR *d;
	int empty = 1;

	if ((d = opendir(dir)) == NULL)
		return errno == ENOENT;
	while (empty && (de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			empty = 0;
	closedir(d);
	return empty;
}

int
server_backup(struct server *s, const char *dest,
    struct server_backup_totals *t, server_backup_fn say, void *arg,
    struct hs_error *err)
{
	struct backup_ctx b;
	struct srvstore *copy = NULL;
	struct fileio_tmp tmp;
	json_t *root;
	char *db = NULL, *mods = NULL, *from = NULL, *pub = NULL, *man = NULL;
	char *text = NULL, hex[65], b64[KEYS_B64_MAX], fp[32], now[32];
	long long size;
	int rc;

	memset(t, 0, sizeof *t);
	memset(&b, 0, sizeof b);
	if (!empty_dir(dest))
		return hs_error_set(err, HS_EINVAL, _("%s is not empty: a "
		    "backup goes into a new folder; nothing was written"),
		    dest);
	db = util_path_join(dest, SRVSTORE_FILE);
	mods = util_path_join(dest, MODULES_DIR);
	from = util_path_join(server_dir(s), MODULES_DIR);
	pub = util_path_join(dest, KEY_BASE ".pub");
	man = util_path_join(dest, BACKUP_MANIFEST);
	if ((rc = util_mkdir_p(dest, err)) != 0 ||
	    (rc = util_mkdir_p(mods, err)) != 0)
		goto out;
	if ((rc = fileio_begin(&tmp, db, 0600, err)) != 0)
		goto out;
	if ((rc = srvstore_backup(server_store(s), tmp.tmp, err)) != 0) {
		fileio_abort(&tmp);
		goto out;
	}
	if ((rc = fileio_commit(&tmp, err)) != 0)
		goto out;
	/* The packages the copy lists: what a restore of it needs. */
	if ((rc = srvstore_open(db, &copy, err)) != 0)
		goto out;
	if ((b.list = json_array()) == NULL ||
	    (b.missing = json_array()) == NULL)
		util_oom();
	b.from = from;
	b.to = mods;
	b.say = say;
	b.arg = arg;
	b.err = err;
	rc = srvstore_module_each(copy, backup_module, &b, err);
	srvstore_close(copy);
	if (rc == 0)
		rc = b.rc;
	/* Hashed once closed: opening a store may change its header. */
	if (rc == 0)
		rc = hash_file(db, hex, &size, err);
	if (rc != 0)
		goto out;
	t->store_bytes = size;
	t->modules = (int)json_array_size(b.list);
	t->missing = (int)json_array_size(b.missing);
	if ((rc = keys_write_public(pub, server_public_key(s), err)) != 0)
		goto out;
	keys_public_b64(server_public_key(s), b64);
	fingerprint(server_public_key(s)->pk, fp, sizeof fp);
	util_iso8601(clock_now_ms(), now, sizeof now);
	root = json_pack("{s:i, s:s, s:s, s:s, s:s, s:{s:s, s:s, s:I}, s:O, "
	    "s:O}", "format", BACKUP_FORMAT, "made_by", PACKAGE_STRING,
	    "made", now, "server_key", b64, "fingerprint", fp, "store",
	    "file", SRVSTORE_FILE, "sha256", hex, "size", (json_int_t)size,
	    "modules", b.list, "missing", b.missing);
	if (root == NULL || (text = json_dumps(root, JSON_INDENT(2) |
	    JSON_SORT_KEYS)) == NULL)
		util_oom();
	json_decref(root);
	rc = fileio_write(man, text, strlen(text), 0644, err);
out:
	json_decref(b.list);
	json_decref(b.missing);
	free(text);
	free(db);
	free(mods);
	free(from);
	free(pub);
	free(man);
	return rc;
}

int
server_restore(const char *backup, const char *dir,
    struct server_backup_totals *t, struct hs_error *err)
{
	struct keys_public pub;
	struct srvstore *st = NULL;
	json_error_t je;
	json_t *root = NULL, *mods, *e;
	const char *want, *key_b64, *sha;
	char *man = NULL, *text = NULL, *from = NULL, *to = NULL, *mdir = NULL;
	char *bmods = NULL, name[80], hex[65], why[300];
	long long size;
	size_t len, i;
	int rc;

	memset(t, 0, sizeof *t);
	if (sodium_init() < 0)
		return hs_error_set(err, HS_EIO, _("libsodium cannot start"));
	man = util_path_join(backup, BACKUP_MANIFEST);
	if ((rc = fileio_read(man, BACKUP_MAX_MANIFEST, &text, &len,
	    err)) != 0)
		goto out;
	root = json_loadb(text, len, 0, &je);
	if (root == NULL || json_unpack(root, "{s:s, s:{s:s}, s:o}",
	    "server_key", &key_b64, "store", "sha256", &want, "modules",
	    &mods) != 0 || !json_is_array(mods) ||
	    keys_public_from_b64(key_b64, &pub) != 0) {
		rc = hs_error_set_at(err, HS_EINVAL, man, 0, 0, _("not a "
		    "hocso-server backup's manifest"));
		goto out;
	}
	{
		char *db = util_path_join(dir, SRVSTORE_FILE);
		char *key = util_path_join(dir, KEY_BASE ".key");

		rc = 0;
		if (exists(db))
			rc = hs_error_set(err, HS_EINVAL, _("%s holds a server "
			    "already: a restore goes into an empty folder "
			    "(move the old one away first); nothing was "
			    "written"), dir);
		free(db);
		free(key);
		if (rc != 0)
			goto out;
	}
	/* Everything is checked before anything is written. */
	from = util_path_join(backup, SRVSTORE_FILE);
	if ((rc = hash_file(from, hex, &size, err)) != 0)
		goto out;
	if (strcmp(hex, want) != 0) {
		rc = hs_error_set_at(err, HS_EINVAL, from, 0, 0, _("damaged: "
		    "its SHA-256 is not the one the manifest gives; nothing was "
		    "written"));
		goto out;
	}
	bmods = util_path_join(backup, MODULES_DIR);
	json_array_foreach(mods, i, e) {
		sha = json_string_value(json_object_get(e, "sha256"));
		if (sha == NULL || strlen(sha) != 64) {
			rc = hs_error_set_at(err, HS_EINVAL, man, 0, 0, _("not "
			    "a hocso-server backup's manifest"));
			goto out;
		}
		snprintf(name, sizeof name, "%s.hsm", sha);
		free(to);
		to = util_path_join(bmods, name);
		if ((rc = hash_file(to, hex, &size, err)) != 0)
			goto out;
		if (strcmp(hex, sha) != 0) {
			rc = hs_error_set_at(err, HS_EINVAL, to, 0, 0,
			    _("damaged: its SHA-256 is not its name; nothing "
			    "was written"));
			goto out;
		}
	}
	mdir = util_path_join(dir, MODULES_DIR);
	if ((rc = util_mkdir_p(dir, err)) != 0 ||
	    (rc = util_mkdir_p(mdir, err)) != 0)
		goto out;
	json_array_foreach(mods, i, e) {
		sha = json_string_value(json_object_get(e, "sha256"));
		snprintf(name, sizeof name, "%s.hsm", sha);
		free(from);
		free(to);
		from = util_path_join(bmods, name);
		to = util_path_join(mdir, name);
		if ((rc = copy_hashed(from, to, 0644, hex, &size, err)) != 0)
			goto out;
		t->modules++;
	}
	/* The store last: a folder with a store is a server. */
	free(from);
	free(to);
	from = util_path_join(backup, SRVSTORE_FILE);
	to = util_path_join(dir, SRVSTORE_FILE ".restoring");
	if ((rc = copy_hashed(from, to, 0600, hex, &size, err)) != 0)
		goto out;
	t->store_bytes = size;
	if ((rc = srvstore_open(to, &st, err)) == 0 &&
	    (rc = srvstore_quick_check(st, 1, why, sizeof why, err)) == 0) {
		char have[KEYS_B64_MAX];

		if (srvstore_meta_get(st, SERVER_META_KEY, have, sizeof have,
		    NULL) != 0)
			rc = srvstore_meta_set(st, SERVER_META_KEY, key_b64, err);
		/* Alert numbers given out after the backup come again: a new
		 * epoch makes every device take every alert again. */
		if (rc == 0)
			rc = new_epoch(st, err);
	}
	srvstore_close(st);
	if (rc == 0) {
		char *db = util_path_join(dir, SRVSTORE_FILE);

		rc = fileio_rename(to, db, 0, err);
		free(db);
	}
	if (rc != 0) {
		unlink(to);
		goto out;
	}
	{
		char *pubp = util_path_join(dir, KEY_BASE ".pub");

		snprintf(pub.name, sizeof pub.name, "%s", KEY_NAME);
		rc = keys_replace_public(pubp, &pub, err);
		free(pubp);
	}
out:
	json_decref(root);
	free(man);
	free(text);
	free(from);
	free(to);
	free(mdir);
	free(bmods);
	return rc;
}

/*
 * Health: what /v1/health answers (server/http.c).
 */

#define HEALTH_MIN_FREE_MB 64		/* below it, the disk is "full" */

/* The free space under which the disk counts as full, in bytes:
 * HOCSO_HEALTH_MIN_FREE_MB (for the tests and for a province that wants
 * more warning), else HEALTH_MIN_FREE_MB. */
static unsigned long long
min_free(void)
{
	const char *e = getenv("HOCSO_HEALTH_MIN_FREE_MB");
	char *end;
	double mb = HEALTH_MIN_FREE_MB;

	/* A fraction too: a test's disk of 1 MiB. */
	if (e != NULL && *e != '\0') {
		mb = strtod(e, &end);
		if (*end != '\0' || mb < 0 || mb > 1e9)
			mb = HEALTH_MIN_FREE_MB;
	}
	return (unsigned long long)(mb * 1048576.0);
}

int
server_health(struct server *s, int deep, char *why, size_t len)
{
	struct keys_secret sec;
	struct keys_public pub;
	struct statvfs vfs;
	struct hs_error err;
	unsigned long long avail, want = min_free();
	char now[32], pragma[300], *path;
	int rc;

	why[0] = '\0';
	hs_error_clear(&err);
	/* Free space: a full disk refuses every bundle (503). */
	if (statvfs(server_dir(s), &vfs) != 0) {
		snprintf(why, len, "the data folder %s cannot be examined: %s",
		    server_dir(s), strerror(errno));
		return HS_EIO;
	}
	avail = (unsigned long long)vfs.f_bavail * vfs.f_frsize;
	if (avail < want) {
		snprintf(why, len, "the disk of %s is full: %llu KB free, "
		    "below %llu KB (HOCSO_HEALTH_MIN_FREE_MB)", server_dir(s),
		    avail >> 10, want >> 10);
		return HS_EIO;
	}
	/* The store takes a write, as a bundle needs, and reads it. */
	util_iso8601(clock_now_ms(), now, sizeof now);
	if ((rc = srvstore_write_check(server_store(s), now, &err)) != 0) {
		snprintf(why, len, "the store cannot be written: %s", err.msg);
		return rc;
	}
	if (deep && (rc = srvstore_quick_check(server_store(s), 0, pragma,
	    sizeof pragma, &err)) != 0) {
		snprintf(why, len, "the store is damaged (PRAGMA quick_check: "
		    "%s): restore it from the last backup", pragma);
		return rc;
	}
	/* The key on disk is still the one the server signs with. */
	path = util_path_join(server_dir(s), KEY_BASE ".key");
	rc = keys_read_secret(path, &sec, &err);
	free(path);
	if (rc == 0) {
		keys_public_of(&sec, &pub);
		sodium_memzero(&sec, sizeof sec);
		if (memcmp(pub.pk, server_public_key(s)->pk, sizeof pub.pk)
		    != 0) {
			snprintf(why, len, "server.key is not the key the "
			    "server started with: a restart would refuse it");
			return HS_EINVAL;
		}
	} else {
		snprintf(why, len, "server.key cannot be read: %s", err.msg);
		return rc;
	}
	return 0;
}

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
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

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

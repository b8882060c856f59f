/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * keys.c: Ed25519 key files, signing and verifying, over libsodium.  See
 * keys.h.  Every copy of a secret key this file makes is wiped with
 * sodium_memzero; the caller wipes its own struct keys_secret.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/fileio.h"
#include "core/i18n.h"
#include "core/util.h"
#include "core/keys.h"

#include <unistr.h>

static const char public_tag[] = "hocso-ed25519-public";
static const char secret_tag[] = "hocso-ed25519-secret";

static int
name_valid(const char *name)
{
	const char *p;

	if (*name == '\0' || strlen(name) >= KEYS_NAME_MAX)
		return 0;
	for (p = name; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && !strchr(".-_", *p))
			return 0;
	return 1;
}

/* Whether display can follow the name in a key file: UTF-8 text with no
 * control characters, short enough. */
static int
display_valid(const char *display)
{
	const unsigned char *p;

	if (strlen(display) >= KEYS_DISPLAY_MAX ||
	    u8_check((const uint8_t *)display, strlen(display)) != NULL)
		return 0;
	for (p = (const unsigned char *)display; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f)
			return 0;
	return 1;
}

/* Writes "tag base64 name [display]\n" to path, whole, with mode: over an
 * existing file only with replace. */
static int
write_key_file(const char *path, int mode, const char *tag,
    const unsigned char *key, size_t len, const char *name,
    const char *display, int replace, struct hs_error *err)
{
	char b64[sodium_base64_ENCODED_LEN(crypto_sign_SECRETKEYBYTES,
	    sodium_base64_VARIANT_ORIGINAL)];
	char line[512];
	int n, rc;

	sodium_bin2base64(b64, sizeof b64, key, len,
	    sodium_base64_VARIANT_ORIGINAL);
	n = snprintf(line, sizeof line, "%s %s %s%s%s\n", tag, b64, name,
	    display != NULL && *display != '\0' ? " " : "",
	    display != NULL ? display : "");
	sodium_memzero(b64, sizeof b64);
	rc = replace ? fileio_write(path, line, (size_t)n, mode, err) :
	    fileio_create(path, line, (size_t)n, mode, err);
	sodium_memzero(line, sizeof line);
	return rc;
}

int
keys_generate(const char *base, const char *name, struct hs_error *err)
{
	return keys_generate_named(base, name, NULL, err);
}

const char *
keys_display(const struct keys_public *pub)
{
	return pub->display[0] != '\0' ? pub->display : pub->name;
}

int
keys_generate_named(const char *base, const char *name, const char *display,
    struct hs_error *err)
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES];
	unsigned char sk[crypto_sign_SECRETKEYBYTES];
	char *pub_path, *key_path;
	int rc;

	if (!name_valid(name))
		return hs_error_set(err, HS_EINVAL, _("bad publisher name "
		    "'%s': use letters, digits, '.', '-' and '_'"), name);
	if (display != NULL && !display_valid(display))
		return hs_error_set(err, HS_EINVAL, _("bad publisher display "
		    "name: at most %d bytes of text, on one line"),
		    KEYS_DISPLAY_MAX - 1);
	if (sodium_init() < 0)
		return hs_error_set(err, HS_EIO, _("no source of randomness"));
	pub_path = xmalloc(strlen(base) + 5);
	key_path = xmalloc(strlen(base) + 5);
	sprintf(pub_path, "%s.pub", base);
	sprintf(key_path, "%s.key", base);
	crypto_sign_keypair(pk, sk);
	rc = write_key_file(key_path, 0600, secret_tag, sk, sizeof sk, name,
	    display, 0, err);
	if (rc == 0) {
		rc = write_key_file(pub_path, 0644, public_tag, pk, sizeof pk,
		    name, display, 0, err);
		if (rc != 0)
			unlink(key_path);
	}
	sodium_memzero(sk, sizeof sk);
	free(pub_path);
	free(key_path);
	return rc;
}

static int
write_public(const char *path, const struct keys_public *pub, int replace,
    struct hs_error *err)
{
	if (!name_valid(pub->name))
		return hs_error_set(err, HS_EINVAL, _("bad publisher name "
		    "'%s': use letters, digits, '.', '-' and '_'"), pub->name);
	return write_key_file(path, 0644, public_tag, pub->pk, sizeof pub->pk,
	    pub->name, pub->display, replace, err);
}

int
keys_write_public(const char *path, const struct keys_public *pub,
    struct hs_error *err)
{
	return write_public(path, pub, 0, err);
}

int
keys_write_secret(const char *path, const struct keys_secret *sec,
    struct hs_error *err)
{
	if (!name_valid(sec->name))
		return hs_error_set(err, HS_EINVAL, _("bad publisher name "
		    "'%s': use letters, digits, '.', '-' and '_'"), sec->name);
	return write_key_file(path, 0600, secret_tag, sec->sk, sizeof sec->sk,
	    sec->name, sec->display, 0, err);
}

int
keys_replace_public(const char *path, const struct keys_public *pub,
    struct hs_error *err)
{
	return write_public(path, pub, 1, err);
}

/* Reads "tag base64 name [display]" from path into key (len bytes), name
 * and display ("" when there is none). */
static int
read_key_file(const char *path, const char *tag, unsigned char *key,
    size_t len, char *name, char *display, struct hs_error *err)
{
	char *text, *b64, *nm, *save, *rest = NULL, *end;
	size_t got;
	int rc = 0;

	/* A key file may come from a stick: no link, no FIFO. */
	if ((rc = fileio_read(path, 4096, &text, NULL, err)) != 0)
		return rc;
	if (strtok_r(text, " \t\r\n", &save) == NULL ||
	    strcmp(text, tag) != 0 ||
	    (b64 = strtok_r(NULL, " \t\r\n", &save)) == NULL ||
	    (nm = strtok_r(NULL, " \t\r\n", &save)) == NULL ||
	    sodium_base642bin(key, len, b64, strlen(b64), NULL, &got, NULL,
	    sodium_base64_VARIANT_ORIGINAL) != 0 || got != len ||
	    !name_valid(nm))
		rc = HS_EINVAL;
	else {
		/* The display name: the rest of the first line. */
		rest = save + strspn(save, " \t");
		end = rest + strcspn(rest, "\r\n");
		while (end > rest && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		*end = '\0';
		if (!display_valid(rest))
			rc = HS_EINVAL;
	}
	if (rc != 0)
		rc = hs_error_set_at(err, HS_EINVAL, path, 1, 0,
		    _("not a %s key file"), tag);
	else {
		snprintf(name, KEYS_NAME_MAX, "%s", nm);
		snprintf(display, KEYS_DISPLAY_MAX, "%s", rest);
	}
	sodium_memzero(text, strlen(text));
	free(text);
	return rc;
}

int
keys_read_public(const char *path, struct keys_public *pub,
    struct hs_error *err)
{
	return read_key_file(path, public_tag, pub->pk, sizeof pub->pk,
	    pub->name, pub->display, err);
}

int
keys_read_secret(const char *path, struct keys_secret *sec,
    struct hs_error *err)
{
	return read_key_file(path, secret_tag, sec->sk, sizeof sec->sk,
	    sec->name, sec->display, err);
}

void
keys_public_of(const struct keys_secret *sec, struct keys_public *pub)
{
	crypto_sign_ed25519_sk_to_pk(pub->pk, sec->sk);
	snprintf(pub->name, sizeof pub->name, "%s", sec->name);
	snprintf(pub->display, sizeof pub->display, "%s", sec->display);
}

void
keys_public_b64(const struct keys_public *pub, char *buf)
{
	sodium_bin2base64(buf, KEYS_B64_MAX, pub->pk, sizeof pub->pk,
	    sodium_base64_VARIANT_ORIGINAL);
}

int
keys_public_from_b64(const char *b64, struct keys_public *pub)
{
	size_t got;

	memset(pub, 0, sizeof *pub);
	if (sodium_base642bin(pub->pk, sizeof pub->pk, b64, strlen(b64), NULL,
	    &got, NULL, sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    got != sizeof pub->pk)
		return HS_EINVAL;
	return 0;
}

void
keys_sign(const struct keys_secret *sec, const void *msg, size_t len,
    char *sig)
{
	unsigned char raw[crypto_sign_BYTES];

	crypto_sign_detached(raw, NULL, msg, len, sec->sk);
	sodium_bin2base64(sig, KEYS_B64_MAX, raw, sizeof raw,
	    sodium_base64_VARIANT_ORIGINAL);
}

int
keys_verify(const struct keys_public *pub, const void *msg, size_t len,
    const char *sig)
{
	unsigned char raw[crypto_sign_BYTES];
	size_t got;

	if (sodium_base642bin(raw, sizeof raw, sig, strlen(sig), NULL, &got,
	    NULL, sodium_base64_VARIANT_ORIGINAL) != 0 || got != sizeof raw)
		return HS_EINVAL;
	if (crypto_sign_verify_detached(raw, msg, len, pub->pk) != 0)
		return HS_EINVAL;
	return 0;
}

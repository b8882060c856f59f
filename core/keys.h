/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * keys.h: publisher keys and signatures (Ed25519, libsodium).
 *
 * A publisher key pair is two small text files an author keeps:
 *
 *   NAME.pub   "hocso-ed25519-public <base64 of 32 bytes> <name> [<display>]\n"
 *   NAME.key   "hocso-ed25519-secret <base64 of 64 bytes> <name> [<display>]\n"
 *
 * The name is the publisher's id (letters, digits, '.', '-', '_': it names
 * files and is what a package's signature records); the display name, the
 * rest of the line, is any text for people ("Sở GD&ĐT Lào Cai").
 *
 * The public half is what a school trusts (hocso trust add NAME.pub); the
 * secret half signs packages (hocso-pack build --key NAME.key).
 */
#ifndef HOCSO_KEYS_H
#define HOCSO_KEYS_H

#include <stddef.h>

#include <sodium.h>

#include "core/error.h"

#define KEYS_NAME_MAX 64
#define KEYS_DISPLAY_MAX 128

struct keys_public {
	unsigned char pk[crypto_sign_PUBLICKEYBYTES];
	char name[KEYS_NAME_MAX];
	char display[KEYS_DISPLAY_MAX];	/* "" when the file has none */
};

struct keys_secret {
	unsigned char sk[crypto_sign_SECRETKEYBYTES];
	char name[KEYS_NAME_MAX];
	char display[KEYS_DISPLAY_MAX];
};

/* Makes a new key pair and writes base.pub and base.key (mode 0600,
 * refusing to overwrite either).  name is the publisher's name, written
 * in both files (letters, digits, '.', '-', '_').  Returns 0 or a
 * negative code. */
int keys_generate(const char *base, const char *name, struct hs_error *err);

/* As keys_generate(), with display (NULL for none) the publisher's name
 * for people: any UTF-8 text of fewer than KEYS_DISPLAY_MAX bytes without
 * control characters. */
int keys_generate_named(const char *base, const char *name,
    const char *display, struct hs_error *err);

/* The name to show for a key: its display name, else its name. */
const char *keys_display(const struct keys_public *pub);

/* Writes pub to path as a public key file (mode 0644, never over an
 * existing file).  Returns 0 or a negative code. */
int keys_write_public(const char *path, const struct keys_public *pub,
    struct hs_error *err);

/* As keys_write_public(), but a regular file at path is replaced, whole
 * or not at all (core/fileio.h's atomic write). */
int keys_replace_public(const char *path, const struct keys_public *pub,
    struct hs_error *err);

/* Writes sec to path as a secret key file (mode 0600, never over an
 * existing file).  Returns 0 or a negative code. */
int keys_write_secret(const char *path, const struct keys_secret *sec,
    struct hs_error *err);

/* Reads a public or secret key file.  Returns 0 or HS_EINVAL/HS_EIO with
 * err naming the file. */
int keys_read_public(const char *path, struct keys_public *pub,
    struct hs_error *err);
int keys_read_secret(const char *path, struct keys_secret *sec,
    struct hs_error *err);

/* The public half of a secret key. */
void keys_public_of(const struct keys_secret *sec, struct keys_public *pub);

/* Writes the base64 text of a public key (no name) into buf, which must
 * hold KEYS_B64_MAX bytes. */
#define KEYS_B64_MAX 128
void keys_public_b64(const struct keys_public *pub, char *buf);

/* Parses the base64 text of a public key.  Returns 0 or HS_EINVAL. */
int keys_public_from_b64(const char *b64, struct keys_public *pub);

/* Signs len bytes of msg; writes the base64 signature into sig (at least
 * KEYS_B64_MAX bytes). */
void keys_sign(const struct keys_secret *sec, const void *msg, size_t len,
    char *sig);

/* Whether sig (base64) is pub's signature of msg: 0, or HS_EINVAL. */
int keys_verify(const struct keys_public *pub, const void *msg, size_t len,
    const char *sig);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * receipt.h: what the server answers when it has stored a bundle.
 *
 * A receipt is a small text file (docs/bundle-format.md, "Receipts"):
 * one line of JSON naming the device, the bundle (its number and
 * SHA-256) and the sequence number up to which all of that device's
 * events are stored, then, optionally, a line with the server's Ed25519
 * signature of the first line's bytes.  The server writes it back on
 * the USB stick beside the bundle ("hocso-DEVICE-000001.receipt"), or
 * in the answer to an upload.
 */
#ifndef HOCSO_RECEIPT_H
#define HOCSO_RECEIPT_H

#include <stddef.h>

#include "core/error.h"
#include "core/keys.h"

#define RECEIPT_FORMAT 1
#define RECEIPT_SUFFIX ".receipt"
#define RECEIPT_MAX_SIZE 4096

struct receipt {
	char device[40];
	long long number;		/* the bundle's number */
	char sha256[65];		/* the bundle's SHA-256 */
	long long acked_seq;		/* every event up to this one stored */
	long long stored;		/* events of this bundle newly stored */
	char received[32];		/* the server's clock */
	int is_signed;			/* with a signature line, checked */
	struct keys_public signer;	/* its key, when signed */
};

/* The text of r, signed with key unless it is NULL: a new string the
 * caller frees, its length in *len. */
char *receipt_text(const struct receipt *r, const struct keys_secret *key,
    size_t *len);

/* Parses and checks a receipt; a signature line must match the first
 * line (whether its key is the server's is the caller's question).
 * Returns 0 or HS_EINVAL with err saying why. */
int receipt_parse(const char *text, size_t len, struct receipt *r,
    struct hs_error *err);

/* The file name of the receipt for a device's bundle:
 * "hocso-DEVICE-000001.receipt". */
void receipt_name(const char *device, long long number, char *buf,
    size_t len);

#endif

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

/*
 * What the server holds of a device, written on a USB stick by
 * hocso-server import ("hocso-DEVICE.state", signed as a receipt) for
 * each device that left its ask there ("hocso-DEVICE.ask", written by
 * every hocso sync --to) or a bundle: after the server was restored
 * from a backup, it tells the device to send again what the server
 * lost, as the catalog and the 422 answer do over HTTP
 * (docs/bundle-format.md, "The device's state").
 */
#define RECEIPT_STATE_SUFFIX ".state"
#define RECEIPT_ASK_SUFFIX ".ask"

struct receipt_state {
	char device[40];
	int enrolled;			/* 0: the server does not know it */
	long long acked_seq;		/* every event up to it stored */
	char written[32];		/* the server's clock */
	int is_signed;
	struct keys_public signer;
};

/* The name of a device's state (ask 0) or ask (1) on a stick. */
void receipt_state_name(const char *device, int ask, char *buf,
    size_t len);
/* The text of st, signed with key unless it is NULL: a new string, its
 * length in *len. */
char *receipt_state_text(const struct receipt_state *st,
    const struct keys_secret *key, size_t *len);
/* Parses and checks a state; a signature line must match.  Returns 0 or
 * HS_EINVAL. */
int receipt_state_parse(const char *text, size_t len,
    struct receipt_state *st, struct hs_error *err);

#endif

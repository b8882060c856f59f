/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * uuid.c: version 4 UUIDs from libsodium's random bytes.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <sodium.h>

#include "core/uuid.h"

void
uuid_generate(char out[UUID_LEN + 1])
{
	unsigned char b[16];

	/* Idempotent.  It fails only when the system has no random source,
	 * and then nothing of ours can work: stop before making a bad id. */
	if (sodium_init() < 0)
		abort();
	randombytes_buf(b, sizeof b);
	b[6] = (b[6] & 0x0f) | 0x40;	/* version 4 */
	b[8] = (b[8] & 0x3f) | 0x80;	/* RFC 4122 variant */
	snprintf(out, UUID_LEN + 1,
	    "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
	    "%02x%02x%02x%02x%02x%02x",
	    b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9],
	    b[10], b[11], b[12], b[13], b[14], b[15]);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_gift.c: the GIFT reader under libFuzzer.  Any input must give 0
 * or HS_EINVAL, never a crash, a leak or a hang.
 *
 *   ./configure CC=clang --enable-fuzzing && make tests/fuzz/fuzz-gift
 *   tests/fuzz/fuzz-gift tests/fuzz/gift-corpus
 *
 * make check replays the corpus (tests/fuzz/replay.c).
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "quiz/gift.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct quiz_bank bank = { 0 };
	struct hs_error err;
	int rc;

	rc = gift_parse((const char *)data, size, "fuzz.gift", &bank, &err);
	if (rc != 0 && rc != HS_EINVAL)
		abort();
	quiz_bank_free(&bank);
	return 0;
}

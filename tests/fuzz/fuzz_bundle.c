/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_bundle.c: the bundle reader under libFuzzer.  Each input is read
 * as a whole bundle, with fuzz.pub as the key of device FUZZ_DEVICE and
 * (for odd sizes) an expected place in the sequence, and also as a bare
 * events.bin, since the signature keeps most mutations away from the
 * event decoder.  Either must end in events or an error, never a crash,
 * a leak or a hang; the events of an accepted input are turned into
 * statements too.
 *
 *   ./configure CC=clang --enable-fuzzing && make tests/fuzz/fuzz-bundle
 *   tests/fuzz/fuzz-bundle tests/fuzz/bundle-corpus
 *
 * make check replays the corpus (tests/fuzz/replay.c).  The corpus
 * bundles are signed with fuzz.key, a key for these tests only.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sync/bundle.h"
#include "sync/compact.h"
#include "sync/statement.h"

#define FUZZ_DEVICE "00000000-0000-4000-8000-00000000f022"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct keys_public trusted;

static int
key_of(const char *device, struct keys_public *key, void *ctx)
{
	if (strcmp(device, FUZZ_DEVICE) != 0)
		return HS_ENOTFOUND;
	*key = trusted;
	return 0;
}

static void
statements(const struct compact_events *ev)
{
	struct hs_error err;
	size_t len;
	char *text;
	int i;

	for (i = 0; i < ev->n; i++) {
		text = statement_text(&ev->ev[i], "https://hocso.invalid/x",
		    &len);
		statement_validate_text(text, len, &err);
		free(text);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	struct bundle_expect expect = { 1, 0 };
	struct compact_events ev;
	struct hs_error err;
	struct bundle b;
	int rc;

	if (!ready) {
		if (keys_read_public(FUZZ_DIR "/fuzz.pub", &trusted, &err) != 0)
			abort();
		ready = 1;
	}
	rc = bundle_read_mem(data, size, key_of, NULL, size % 2 ? &expect :
	    NULL, 0, &b, &err);
	if (rc != 0 && rc != HS_EINVAL && rc != HS_ENOTFOUND)
		abort();
	if (rc == 0) {
		statements(&b.events);
		bundle_free(&b);
	}
	rc = compact_read(data, size, &ev, &err);
	if (rc != 0 && rc != HS_EINVAL)
		abort();
	if (rc == 0)
		statements(&ev);
	compact_events_free(&ev);
	return 0;
}

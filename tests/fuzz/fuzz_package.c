/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_package.c: the package reader under libFuzzer.  Each input is
 * written to a file and unpacked into a fresh folder with fuzz.pub as the
 * trusted key; it must be refused or accepted, never crash or escape the
 * folder.
 *
 *   ./configure CC=clang --enable-fuzzing && make tests/fuzz/fuzz-package
 *   tests/fuzz/fuzz-package tests/fuzz/package-corpus
 *
 * make check replays the corpus (tests/fuzz/replay.c).  The corpus
 * packages are signed with fuzz.key, a key for these tests only.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lessons/package.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct keys_public trusted;
	static int ready;
	char dir[] = "/tmp/hocso-fuzz-XXXXXX", pkg[64], cmd[128];
	struct keys_public signer;
	struct manifest man;
	struct hs_error err;
	int is_unsigned;
	FILE *f;

	if (!ready) {
		if (keys_read_public(FUZZ_DIR "/fuzz.pub", &trusted, &err) != 0)
			abort();
		ready = 1;
	}
	if (mkdtemp(dir) == NULL)
		abort();
	snprintf(pkg, sizeof pkg, "%s.hsm", dir);
	if ((f = fopen(pkg, "wb")) == NULL)
		abort();
	fwrite(data, 1, size, f);
	fclose(f);
	if (package_extract(pkg, dir, &trusted, 1, PACKAGE_MAX_RATIO,
	    size % 2, &is_unsigned, &man, &signer, &err) == 0)
		manifest_free(&man);
	unlink(pkg);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		abort();
	return 0;
}

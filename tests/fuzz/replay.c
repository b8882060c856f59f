/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * replay.c: runs every file of a corpus folder through a fuzz target's
 * LLVMFuzzerTestOneInput, without libFuzzer, so that make check keeps
 * the seeds and every crash once found working.
 *
 *   replay [CORPUS-DIR]      (default: the CORPUS it was built with)
 */
#include "config.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
main(int argc, char **argv)
{
	const char *corpus = argc == 2 ? argv[1] : CORPUS;
	char path[4096];
	struct dirent *e;
	size_t len;
	char *buf;
	int n = 0;
	DIR *d;

	if (argc > 2 || (d = opendir(corpus)) == NULL) {
		fprintf(stderr, "usage: replay [CORPUS-DIR]\n");
		return 2;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", corpus, e->d_name);
		if ((buf = util_read_file(path, 1 << 24, &len, NULL)) == NULL)
			continue;
		LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
		free(buf);
		n++;
	}
	closedir(d);
	/* Reaching here means no input crashed the target. */
	printf("%d passed, 0 failed\n", n);
	return n > 0 ? 0 : 1;
}

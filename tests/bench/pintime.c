/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pintime.c: how long one Argon2id PIN hash takes on this machine, and
 * how much memory it needs, for a few (opslimit, memlimit) pairs.  Each
 * pair runs in a child process of its own so that its peak RSS (from
 * wait4()) is its own.  Prints one line per pair: the median milliseconds
 * of RUNS crypto_pwhash_str_alg() calls and of RUNS verifications, and
 * the peak RSS; the pair hocso uses (learn/model/pin.h) is marked.
 *
 *   pintime RUNS OPS:MEMKIB...
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "learn/model/pin.h"

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
median(double *v, int n)
{
	qsort(v, n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* In the child: times runs hashes and verifications, prints them. */
static int
time_pair(int runs, unsigned long long ops, size_t mem)
{
	char hash[crypto_pwhash_STRBYTES];
	static const char pin[] = "482916";
	double *th = calloc(runs, sizeof *th), *tv = calloc(runs, sizeof *tv);
	double t0;
	int i;

	if (th == NULL || tv == NULL || sodium_init() < 0)
		return 1;
	for (i = 0; i < runs; i++) {
		t0 = now_ms();
		if (crypto_pwhash_str_alg(hash, pin, strlen(pin), ops, mem,
		    crypto_pwhash_ALG_ARGON2ID13) != 0)
			return 1;
		th[i] = now_ms() - t0;
		t0 = now_ms();
		if (crypto_pwhash_str_verify(hash, pin, strlen(pin)) != 0)
			return 1;
		tv[i] = now_ms() - t0;
	}
	printf("%4llu %8zu %9.1f %9.1f", ops, mem / 1024, median(th, runs),
	    median(tv, runs));
	fflush(stdout);
	free(th);
	free(tv);
	return 0;
}

int
main(int argc, char **argv)
{
	unsigned long long ops;
	unsigned long kib;
	struct rusage ru;
	int i, runs, status;
	pid_t pid;

	if (argc < 3 || (runs = atoi(argv[1])) < 1) {
		fputs("usage: pintime RUNS OPS:MEMKIB...\n", stderr);
		return 2;
	}
	printf("%4s %8s %9s %9s %9s\n", "ops", "mem KiB", "hash ms",
	    "verify ms", "peak KiB");
	for (i = 2; i < argc; i++) {
		if (sscanf(argv[i], "%llu:%lu", &ops, &kib) != 2) {
			fprintf(stderr, "pintime: bad pair '%s'\n", argv[i]);
			return 2;
		}
		fflush(stdout);
		if ((pid = fork()) < 0) {
			perror("pintime: fork");
			return 1;
		}
		if (pid == 0)
			_exit(time_pair(runs, ops, (size_t)kib * 1024));
		if (wait4(pid, &status, 0, &ru) < 0 || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 0) {
			fprintf(stderr, "pintime: %s failed\n", argv[i]);
			return 1;
		}
		printf(" %9ld%s\n", ru.ru_maxrss, ops == PIN_OPSLIMIT &&
		    (size_t)kib * 1024 == PIN_MEMLIMIT ?
		    "   <- hocso's choice" : "");
	}
	return 0;
}

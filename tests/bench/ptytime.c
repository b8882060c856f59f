/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ptytime.c: how long a terminal program takes to draw its first screen,
 * and its peak memory.  Runs COMMAND on a new 80x24 pseudo-terminal, reads
 * what it draws until MARKER appears, then ends it and reads its peak RSS
 * and CPU time from wait4().  Prints one line per run: milliseconds to
 * the marker, kilobytes, and the milliseconds of CPU (user and system)
 * the program used in all, its end included: on a loaded machine the
 * first figure counts the waits for a CPU, the third does not.
 *
 *   ptytime MARKER RUNS COMMAND [ARG]...
 */
#include "config.h"

#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* One run: returns 0 and fills *ms and *kb, or -1. */
static int
run_once(const char *marker, char **cmd, double *ms, long *kb, double *cpu)
{
	struct winsize ws = { .ws_row = 24, .ws_col = 80 };
	static char seen[1 << 20];
	size_t len = 0;
	struct rusage ru;
	struct pollfd p;
	double t0 = now_ms(), t1 = -1;
	int fd, status;
	ssize_t n;
	pid_t pid;

	pid = forkpty(&fd, NULL, NULL, &ws);
	if (pid < 0)
		return -1;
	if (pid == 0) {
		execvp(cmd[0], cmd);
		_exit(127);
	}
	p.fd = fd;
	p.events = POLLIN;
	while (t1 < 0 && now_ms() - t0 < 10000) {
		if (poll(&p, 1, 100) <= 0)
			continue;
		n = read(fd, seen + len, sizeof seen - 1 - len);
		if (n <= 0)
			break;
		len += n;
		seen[len] = '\0';
		if (memmem(seen, len, marker, strlen(marker)) != NULL)
			t1 = now_ms();
	}
	kill(pid, SIGTERM);
	/* Drain until the terminal closes (EIO), so the program is never
	 * blocked writing while it dies. */
	while (read(fd, seen, sizeof seen) > 0)
		;
	close(fd);
	if (wait4(pid, &status, 0, &ru) < 0)
		return -1;
	if (t1 < 0)
		return -1;
	*ms = t1 - t0;
	*kb = ru.ru_maxrss;
	*cpu = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
	    (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
	return 0;
}

int
main(int argc, char **argv)
{
	double ms, cpu;
	long kb;
	int runs, i;

	if (argc < 4) {
		fprintf(stderr, "usage: ptytime MARKER RUNS COMMAND [ARG]...\n");
		return 2;
	}
	runs = atoi(argv[2]);
	for (i = 0; i < runs; i++) {
		if (run_once(argv[1], argv + 3, &ms, &kb, &cpu) != 0) {
			fprintf(stderr, "ptytime: '%s' never drew '%s'\n",
			    argv[3], argv[1]);
			return 1;
		}
		printf("%.2f %ld %.2f\n", ms, kb, cpu);
	}
	return 0;
}

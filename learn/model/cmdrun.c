/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmdrun.c: running hocso-cmd and reading what it says (see cmdrun.h).
 * Both pipes are read with poll() as the child writes, so neither can
 * fill up and stall it.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/util.h"
#include "learn/model/cmdrun.h"

#define CMDRUN_MAX_OUTPUT (1 << 20)

void
cmdrun_path(char *buf, size_t len)
{
	char self[4096], *slash;
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);

	buf[0] = '\0';
	if (n > 0) {
		self[n] = '\0';
		if ((slash = strrchr(self, '/')) != NULL) {
			*slash = '\0';
			snprintf(buf, len, "%s/hocso-cmd", self);
		}
	}
	if (buf[0] == '\0' || access(buf, X_OK) != 0)
		snprintf(buf, len, "%s/hocso-cmd", PKGLIBEXECDIR);
}

struct sink {
	char *s;
	size_t len;
};

/* Reads what fd has into k; returns 0 at its end, 1 for more. */
static int
sink_read(int fd, struct sink *k)
{
	char chunk[4096];
	ssize_t r = read(fd, chunk, sizeof chunk);

	if (r < 0 && (errno == EINTR || errno == EAGAIN))
		return 1;
	if (r <= 0)
		return 0;
	if (k->len < CMDRUN_MAX_OUTPUT) {
		size_t take = (size_t)r;

		if (take > CMDRUN_MAX_OUTPUT - k->len)
			take = CMDRUN_MAX_OUTPUT - k->len;
		k->s = xrealloc(k->s, k->len + take + 1);
		memcpy(k->s + k->len, chunk, take);
		k->len += take;
		k->s[k->len] = '\0';
	}
	return 1;
}

/* "hocso-cmd --data-dir DATADIR --lang LANG ARGS...", NULL-ended, the
 * program's path in path (size len); free the array, not its strings. */
static const char **
cmdrun_argv(char *path, size_t len, const char *datadir, const char *lang,
    const char *const *args)
{
	const char **argv;
	int nargs = 0, i;

	cmdrun_path(path, len);
	while (args[nargs] != NULL)
		nargs++;
	argv = xcalloc(nargs + 6, sizeof *argv);
	argv[0] = path;
	argv[1] = "--data-dir";
	argv[2] = datadir;
	argv[3] = "--lang";
	argv[4] = lang;
	for (i = 0; i < nargs; i++)
		argv[5 + i] = args[i];
	return argv;
}

int
cmdrun(const char *datadir, const char *lang, const char *const *args,
    char **out, char **errout, int *status, struct hs_error *err)
{
	char path[4200];
	const char **argv;
	int rc;

	argv = cmdrun_argv(path, sizeof path, datadir, lang, args);
	rc = cmdrun_program(argv, out, errout, status, err);
	free(argv);
	return rc;
}

int
cmdrun_program(const char *const *argv, char **out, char **errout,
    int *status, struct hs_error *err)
{
	struct sink k[2] = { { NULL, 0 }, { NULL, 0 } };
	struct pollfd pf[2];
	int po[2] = { -1, -1 }, pe[2] = { -1, -1 }, i, st, open_n;
	pid_t pid;

	*out = *errout = NULL;
	*status = -1;
	if (pipe2(po, O_CLOEXEC) != 0 || pipe2(pe, O_CLOEXEC) != 0 ||
	    (pid = fork()) < 0) {
		hs_error_set_at(err, HS_EIO, argv[0], 0, 0, "%s",
		    strerror(errno));
		for (i = 0; i < 2; i++) {
			if (po[i] >= 0)
				close(po[i]);
			if (pe[i] >= 0)
				close(pe[i]);
		}
		return HS_EIO;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_RDONLY);

		if (null >= 0)
			dup2(null, 0);
		dup2(po[1], 1);
		dup2(pe[1], 2);
		signal(SIGPIPE, SIG_DFL);
		/* A name without '/' is looked for on PATH (lp). */
		execvp(argv[0], (char *const *)argv);
		dprintf(2, "%s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(po[1]);
	close(pe[1]);
	pf[0].fd = po[0];
	pf[1].fd = pe[0];
	pf[0].events = pf[1].events = POLLIN;
	open_n = 2;
	while (open_n > 0) {
		if (poll(pf, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (i = 0; i < 2; i++) {
			if (pf[i].fd < 0 || pf[i].revents == 0)
				continue;
			if (!sink_read(pf[i].fd, &k[i])) {
				close(pf[i].fd);
				pf[i].fd = -1;
				open_n--;
			}
		}
	}
	for (i = 0; i < 2; i++)
		if (pf[i].fd >= 0)
			close(pf[i].fd);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		continue;
	*status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	*out = k[0].s != NULL ? k[0].s : xstrdup("");
	*errout = k[1].s != NULL ? k[1].s : xstrdup("");
	return 0;
}

int
cmdrun_start(const char *datadir, const char *lang, const char *const *args,
    pid_t *pid, int *to, int *from, struct hs_error *err)
{
	char path[4200];
	const char **argv;
	int pin[2] = { -1, -1 }, pout[2] = { -1, -1 }, i, fd;
	pid_t child, parent = getpid();

	*pid = 0;
	if ((to != NULL && pipe2(pin, O_CLOEXEC) != 0) ||
	    (from != NULL && pipe2(pout, O_CLOEXEC) != 0)) {
		hs_error_set(err, HS_EIO, "%s", strerror(errno));
		goto fail;
	}
	argv = cmdrun_argv(path, sizeof path, datadir, lang, args);
	fflush(NULL);
	if ((child = fork()) < 0) {
		hs_error_set(err, HS_EIO, "%s", strerror(errno));
		free(argv);
		goto fail;
	}
	if (child == 0) {
		/* Nothing of the child's may reach the screen. */
		if ((fd = open("/dev/null", O_RDWR)) >= 0) {
			dup2(to != NULL ? pin[0] : fd, 0);
			dup2(from != NULL ? pout[1] : fd, 1);
			dup2(fd, 2);
			if (fd > 2)
				close(fd);
		}
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGPIPE, SIG_DFL);
		/* An app that is killed takes its children with it. */
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		if (getppid() == parent)
			execv(path, (char *const *)argv);
		free(argv);
		_exit(127);
	}
	free(argv);
	if (to != NULL) {
		close(pin[0]);
		*to = pin[1];
	}
	if (from != NULL) {
		close(pout[1]);
		*from = pout[0];
	}
	*pid = child;
	return 0;
fail:
	for (i = 0; i < 2; i++) {
		if (pin[i] >= 0)
			close(pin[i]);
		if (pout[i] >= 0)
			close(pout[i]);
	}
	return HS_EIO;
}

void
cmdrun_stop(pid_t *pid)
{
	if (*pid <= 0)
		return;
	kill(*pid, SIGTERM);
	while (waitpid(*pid, NULL, 0) < 0 && errno == EINTR)
		continue;
	*pid = 0;
}

int
cmdrun_found(const char *name)
{
	const char *p = getenv("PATH"), *colon;
	char path[4200];
	size_t n;

	if (p == NULL)
		p = "/usr/bin:/bin";
	for (;; p = colon + 1) {
		colon = strchr(p, ':');
		n = colon != NULL ? (size_t)(colon - p) : strlen(p);
		if (n > 0 && n < 4000) {
			snprintf(path, sizeof path, "%.*s/%s", (int)n, p, name);
			if (access(path, X_OK) == 0)
				return 1;
		}
		if (colon == NULL)
			return 0;
	}
}

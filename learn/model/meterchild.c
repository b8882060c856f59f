/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * meterchild.c: the password meter in a co-process (see meterchild.h):
 * started and ended with cmdrun.c's cmdrun_start() and cmdrun_stop(),
 * spoken to in meter.h's protocol.  SIGPIPE is held off while a request
 * is written, so that a dead child is an error here, not the app's end.
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/clock.h"
#include "learn/model/cmdrun.h"
#include "learn/model/meter.h"
#include "learn/model/meterchild.h"

static int meterchild_rate(void *arg, const char *text, size_t n,
    const char *name, double *bits, int *common);

void
meterchild_init(struct meterchild *mc, const char *datadir, const char *lang)
{
	memset(mc, 0, sizeof *mc);
	mc->datadir = datadir;
	mc->lang = lang;
	mc->to = mc->from = -1;
	mc->meter.rate = meterchild_rate;
	mc->meter.arg = mc;
}

int
meterchild_open(struct meterchild *mc)
{
	static const char *const args[] = { "password-meter", NULL };
	struct hs_error err;

	if (mc->pid > 0)
		return 0;
	if (mc->lost)
		return -1;
	mc->misses = 0;
	mc->nreply = 0;
	if (cmdrun_start(mc->datadir, mc->lang, args, &mc->pid, &mc->to,
	    &mc->from, &err) != 0) {
		mc->lost = 1;
		return -1;
	}
	return 0;
}

const struct trybox_meter *
meterchild_meter(struct meterchild *mc)
{
	return &mc->meter;
}

int
meterchild_lost(const struct meterchild *mc)
{
	return mc->lost;
}

void
meterchild_close(struct meterchild *mc)
{
	if (mc->to >= 0)
		close(mc->to);
	if (mc->from >= 0)
		close(mc->from);
	mc->to = mc->from = -1;
	cmdrun_stop(&mc->pid);
	mc->lost = 0;
	mc->nreply = 0;
}

/* The child is gone or of no use: it is ended, and the meter lost. */
static int
meterchild_lose(struct meterchild *mc)
{
	meterchild_close(mc);
	mc->lost = 1;
	return -1;
}

/* Writes all n bytes of s to the child.  Returns 0, or -1 when it is
 * gone. */
static int
meterchild_write(struct meterchild *mc, const char *s, size_t n)
{
	struct sigaction ign, old;
	ssize_t w;
	int rc = 0;

	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGPIPE, &ign, &old);
	while (n > 0) {
		if ((w = write(mc->to, s, n)) < 0) {
			if (errno == EINTR)
				continue;
			rc = -1;
			break;
		}
		s += w;
		n -= (size_t)w;
	}
	sigaction(SIGPIPE, &old, NULL);
	return rc;
}

/* Reads the reply to request seq, waiting until the monotonic time
 * deadline (ms): 1 with *bits and *common, 2 when the child refused the
 * request, 0 when no reply came in time, -1 when the child is gone.  Replies to earlier requests (late ones)
 * are skipped. */
static int
meterchild_read(struct meterchild *mc, unsigned long seq, long long deadline,
    double *bits, int *common)
{
	struct pollfd pf;
	char c, *nl;
	unsigned long got;
	long hundredths;
	int r, k;
	long long left;

	for (;;) {
		/* Whole lines first: each is a reply to some request. */
		while ((nl = memchr(mc->reply, '\n', mc->nreply)) != NULL) {
			*nl = '\0';
			k = sscanf(mc->reply, "%lu %ld %d%c", &got, &hundredths,
			    common, &c);
			mc->nreply -= (size_t)(nl + 1 - mc->reply);
			memmove(mc->reply, nl + 1, mc->nreply);
			if (k == 3 && got == seq && hundredths >= 0 &&
			    (*common == 0 || *common == 1)) {
				*bits = hundredths / 100.0;
				return 1;
			}
			if (k == 1 && got == seq)
				return 2;	/* "N error" */
		}
		if (mc->nreply == sizeof mc->reply)
			return -1;	/* a line too long: not the meter */
		if ((left = deadline - clock_mono_ms()) <= 0)
			return 0;
		pf.fd = mc->from;
		pf.events = POLLIN;
		if ((r = poll(&pf, 1, (int)left)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (r == 0)
			return 0;
		r = (int)read(mc->from, mc->reply + mc->nreply,
		    sizeof mc->reply - mc->nreply);
		if (r < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (r <= 0)
			return -1;	/* the child closed its output */
		mc->nreply += (size_t)r;
	}
}

/* As trybox_meter's rate: one request to the child (started first when
 * it is not running), and its reply. */
static int
meterchild_rate(void *arg, const char *text, size_t n, const char *name,
    double *bits, int *common)
{
	struct meterchild *mc = arg;
	char req[32 + METER_TEXT_MAX + METER_NAME_MAX], *p;
	long long deadline = clock_mono_ms() + METERCHILD_WAIT_MS;
	size_t len, nn;
	int r;

	if (n > METER_TEXT_MAX || meterchild_open(mc) != 0)
		return -1;
	/* The name whole, or cut at a character's start. */
	nn = strlen(name);
	if (nn > METER_NAME_MAX) {
		nn = METER_NAME_MAX;
		while (nn > 0 && ((unsigned char)name[nn] & 0xC0) == 0x80)
			nn--;
	}
	len = (size_t)snprintf(req, sizeof req, "%lu\t%.*s\t%.*s\n", ++mc->seq,
	    (int)n, text, (int)nn, name);
	/* A box holds no control character; a name is not trusted to: its
	 * own become spaces, so that the line's TABs and LF are the
	 * framing's only. */
	for (p = strchr(strchr(req, '\t') + 1, '\t') + 1; *p != '\n'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	if (meterchild_write(mc, req, len) != 0) {
		memset(req, 0, sizeof req);
		return meterchild_lose(mc);
	}
	memset(req, 0, sizeof req);
	r = meterchild_read(mc, mc->seq, deadline, bits, common);
	if (r < 0)
		return meterchild_lose(mc);
	if (r == 0) {
		if (++mc->misses >= METERCHILD_MISSES)
			return meterchild_lose(mc);
		return -1;
	}
	mc->misses = 0;
	return r == 1 ? 0 : -1;
}

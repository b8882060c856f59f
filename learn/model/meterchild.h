/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * meterchild.h: the app's password meter, "hocso-cmd password-meter"
 * (meter.h) in a co-process, so that hocso links no zxcvbn and stays
 * wholly static.  The child is started when a password box opens and
 * ended when it closes; each rating is one request line down a pipe and
 * one reply line up another, waited for at most METERCHILD_WAIT_MS.  The
 * text goes nowhere but down that pipe.  A child that cannot start,
 * dies, or leaves METERCHILD_MISSES requests in a row unanswered is the
 * meter lost: its box's strength is unknown until the next box.  No
 * curses, no SQL.
 */
#ifndef HOCSO_METERCHILD_H
#define HOCSO_METERCHILD_H

#include <sys/types.h>

#include "learn/model/trybox.h"

#define METERCHILD_WAIT_MS 300
#define METERCHILD_MISSES 3

struct meterchild {
	const char *datadir, *lang;	/* hocso-cmd's, kept, not copied */
	pid_t pid;			/* the child, or 0 */
	int to, from;			/* the app's ends of its pipes, or -1 */
	unsigned long seq;		/* the number of the last request */
	int misses;			/* requests in a row not answered */
	int lost;			/* it could not start or died */
	char reply[64];			/* a reply line being read */
	size_t nreply;
	struct trybox_meter meter;	/* what a box rates with */
};

/* Makes mc ready, no child yet: hocso-cmd will be run with datadir and
 * lang (kept: they must outlive mc). */
void meterchild_init(struct meterchild *mc, const char *datadir,
    const char *lang);

/* Starts the child, unless it runs.  Returns 0, or -1 when it could not
 * be started (mc is lost). */
int meterchild_open(struct meterchild *mc);

/* The meter a password box rates with: through the child, started
 * when it is first needed. */
const struct trybox_meter *meterchild_meter(struct meterchild *mc);

/* Whether the meter is lost (the child could not start or died) since
 * it was last opened. */
int meterchild_lost(const struct meterchild *mc);

/* Ends the child, if any: its input is closed (it exits at the end of
 * it), then it is sent SIGTERM and collected.  mc may be opened again. */
void meterchild_close(struct meterchild *mc);

#endif

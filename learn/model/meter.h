/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * meter.h: the password meter itself, zxcvbn-c (Debian's libzxcvbn),
 * and "hocso-cmd password-meter", which serves it to the app over a
 * pipe.  Linked into hocso-cmd and the tests only: Debian's libzxcvbn.a
 * cannot go into a position-independent program, and hocso is linked
 * wholly static (-static-pie) for its start-up; the app reaches the
 * meter through meterchild.h.
 *
 * The protocol, one line each way, UTF-8, LF-ended:
 *
 *   request  N TAB TEXT TAB NAME LF
 *   reply    N SP HUNDREDTHS SP COMMON LF
 *
 * N is the request's number (decimal, chosen by the app: a late reply
 * to an earlier request is told apart by it); TEXT is the box's text
 * (at most METER_TEXT_MAX bytes), NAME the child's name folded (at most
 * METER_NAME_MAX bytes, may be empty); neither holds a control
 * character (below U+0020, or DEL), so TAB and LF cannot be in them.
 * HUNDREDTHS is zxcvbn's entropy in hundredths of a bit (log2 of the
 * guesses), COMMON 1 when a common word or the name makes up half of
 * the text or more, else 0.  A line that is not a request is answered
 * "N error" (N as far as it was read, else 0) and the next is read.
 * The meter exits 0 at the end of its input.
 */
#ifndef HOCSO_METER_H
#define HOCSO_METER_H

#include <stddef.h>
#include <stdio.h>

#define METER_TEXT_MAX 79	/* as a box holds (trybox.h) */
#define METER_NAME_MAX 63

/* Rates the n bytes of text (UTF-8, NUL-terminated at n) for a child
 * called name (folded, as trybox.h keeps it; may be ""): *bits is
 * zxcvbn's entropy, *common whether a common word or the name makes up
 * half of the text or more.  Returns 0. */
int meter_rate(const char *text, size_t n, const char *name, double *bits,
    int *common);

/* As trybox_meter's rate (trybox.h): meter_rate in this process.  For
 * the tests and hocso-cmd; arg is not used. */
int meter_rate_here(void *arg, const char *text, size_t n,
    const char *name, double *bits, int *common);

/* Serves requests read from in, a reply written to out (flushed) for
 * each, until the end of in.  Returns 0, or 1 when out cannot be
 * written (the app is gone). */
int meter_serve(FILE *in, FILE *out);

#endif

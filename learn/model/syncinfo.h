/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * syncinfo.h: what the teacher is told of sync: how many events wait to
 * be acknowledged by the province.  Read from the store that hocso sync
 * keeps; no curses.
 */
#ifndef HOCSO_SYNCINFO_H
#define HOCSO_SYNCINFO_H

#include "core/error.h"
#include "core/store.h"

/* The number of events not yet acknowledged by the province (those after
 * the meta key OUTBOX_ACKED_SEQ), in *n.  Returns 0, or a negative code
 * with err filled. */
int syncinfo_waiting(struct store *store, long long *n, struct hs_error *err);

#endif

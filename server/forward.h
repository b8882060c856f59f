/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * forward.h: passing the stored statements on to an external xAPI
 * Learning Record Store (hocso-server serve --forward-lrs URL).
 *
 * A thread reads the statements stored after the position it keeps in
 * the server's meta ("lrs.forwarded"), POSTs them in batches to the LRS's
 * statements resource and moves the position on only when the LRS
 * accepted them; so every statement reaches the LRS, also across
 * restarts, and one sent twice (a crash between the LRS's answer and the
 * new position) is one the LRS already has under the same id.
 */
#ifndef HOCSO_FORWARD_H
#define HOCSO_FORWARD_H

#include <pthread.h>

#include "core/error.h"
#include "server/server.h"

/* Settings key (the server's meta table): the row id of the last
 * statement the LRS accepted. */
#define FORWARD_POSITION "lrs.forwarded"

struct forward;

/* Starts the forwarding thread for s to url (the LRS's statements
 * resource), with Basic auth "user:password" when auth is not NULL.
 * Every call into s is made holding lock, which the caller shares with
 * its own calls.  curl_global_init() must have been called.  Returns 0
 * with *fp set, or a negative code with err filled. */
int forward_start(struct server *s, pthread_mutex_t *lock, const char *url,
    const char *auth, struct forward **fp, struct hs_error *err);

/* Tells the thread that new statements were stored (call it after a
 * successful ingest; it also looks every few seconds by itself). */
void forward_wake(struct forward *f);

/* Stops the thread (an upload under way is cut short) and frees f.
 * f may be NULL. */
void forward_stop(struct forward *f);

#endif

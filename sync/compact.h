/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * compact.h: the compact encoding of events in a bundle (events.bin).
 *
 * A bundle carries events, not statements: the statements follow from
 * the events (sync/statement.h), so the bytes of a statement that the
 * server can work out for itself (the actor's home page, the IRIs of
 * verbs, activities and their types, the context's parents) never
 * travel.  What does travel is laid out in columns that gzip compresses
 * well: times as differences in milliseconds,
 * learners and attempts as move-to-front references, strings once per
 * bundle.  docs/bundle-format.md, "events.bin", is the exact contract.
 *
 * The reader trusts nothing: every count, length and reference is
 * checked against what is left, so any input ends in events or an
 * error, in time linear in its size.
 */
#ifndef HOCSO_COMPACT_H
#define HOCSO_COMPACT_H

#include <stddef.h>

#include "core/error.h"
#include "sync/statement.h"

#define COMPACT_MAGIC "HSEV"
#define COMPACT_VERSION 2	/* 1, with ids, is still read */
#define COMPACT_MAX_EVENTS 65536
#define COMPACT_MAX_STRING 65536	/* bytes in one stored string */

struct compact_writer;

/* A new, empty writer. */
struct compact_writer *compact_writer_new(void);

/* Adds e, which must come after every event added before it (a greater
 * seq).  Copies what it needs.  Returns 0, or HS_EINVAL when e cannot be
 * encoded (out of order, a string over COMPACT_MAX_STRING, too many
 * events); the writer is then as it was. */
int compact_writer_add(struct compact_writer *w,
    const struct statement_event *e, struct hs_error *err);

/* The events added and the bytes they take so far. */
int compact_writer_count(const struct compact_writer *w);
size_t compact_writer_size(const struct compact_writer *w);

/* The encoded events: a new buffer the caller frees, its length in *len.
 * The writer is freed. */
unsigned char *compact_writer_finish(struct compact_writer *w, size_t *len);

/* Frees a writer that was not finished.  w may be NULL. */
void compact_writer_free(struct compact_writer *w);

/* Decoded events; they own every string they point to. */
struct compact_events {
	struct statement_event *ev;
	int n;
	struct compact_store *mem;	/* private */
};

/* Decodes len bytes of events.bin into out (freed with
 * compact_events_free(), also after a failure).  Returns 0 or HS_EINVAL
 * with err saying what is wrong where. */
int compact_read(const unsigned char *buf, size_t len,
    struct compact_events *out, struct hs_error *err);

void compact_events_free(struct compact_events *ev);

/* Gives each event its statement id, statement_event_id() of the
 * signing device's key pk and its seq.  Events of version 1 carry their
 * ids: each must be that one.  Returns 0, or HS_EINVAL naming the first
 * event whose id another key made (ev is then unchanged). */
int compact_events_derive_ids(struct compact_events *ev,
    const unsigned char pk[32], struct hs_error *err);

/* Milliseconds since the epoch of a time as store.c writes it
 * ("2026-11-28T17:46:46.123Z"), or -1 when ts is not in exactly that
 * form. */
long long compact_ts_ms(const char *ts);

#endif

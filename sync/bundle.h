/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bundle.h: signed progress bundles (.hsb), written by a school device
 * and read by the province server.  docs/bundle-format.md is the
 * contract; this header is its twin in code.
 *
 * A bundle is a gzip-compressed POSIX tar archive holding exactly, in
 * this order: manifest.json (who made it, which events, the SHA-256 of
 * the payload), manifest.sig (Ed25519 by the device's key, over the
 * manifest's bytes) and events.bin (the events, sync/compact.h).  A
 * bundle never changes once written: its SHA-256 names it.
 */
#ifndef HOCSO_BUNDLE_H
#define HOCSO_BUNDLE_H

#include <stddef.h>

#include <jansson.h>

#include "core/error.h"
#include "core/store.h"
#include "core/keys.h"
#include "sync/compact.h"

/* Format 2: the events carry no ids; each is derived from the signing
 * device's key and its seq (statement_event_id()).  Format 1, whose
 * events carry ids, is still read, and each id must be the derived one. */
#define BUNDLE_FORMAT 2
#define BUNDLE_ENCODING "hocso-events-2"
#define BUNDLE_ENCODING_1 "hocso-events-1"
#define BUNDLE_MANIFEST "manifest.json"
#define BUNDLE_SIGNATURE "manifest.sig"
#define BUNDLE_PAYLOAD "events.bin"
#define BUNDLE_SUFFIX ".hsb"

/* What a reader accepts, checked before the bytes are read. */
#define BUNDLE_MAX_FILE (4L << 20)		/* the .hsb itself */
#define BUNDLE_MAX_MANIFEST (256L << 10)	/* 1,000 learners' classes */
#define BUNDLE_MAX_SIGNATURE 4096
#define BUNDLE_MAX_CLASS 128			/* bytes in a class name */
#define BUNDLE_MAX_PAYLOAD (8L << 20)		/* events.bin, expanded */
#define BUNDLE_MAX_EVENTS COMPACT_MAX_EVENTS

/* What a writer puts in one bundle at most, well inside the above, so
 * that a bundle sent again over a slow link costs little: about 200 KB
 * for quiz activity (tests/bench/bundle). */
#define BUNDLE_EVENTS 10000
#define BUNDLE_PAYLOAD_SIZE (1L << 20)

struct bundle_manifest {
	int format;
	char device[40];		/* the device's UUID */
	char school[72];		/* its school code, or "" */
	char homepage[512];		/* the actor's home page */
	long long number;		/* 1, 2, ... per device */
	long long after_seq;		/* the last event of the bundle before */
	long long first_seq, last_seq;
	int count;
	long long payload_size;
	char payload_sha256[65];
	char created[32];		/* the device's clock when it was made */
	/* Optional: each learner of the bundle's events who has a class on
	 * the device, learner UUID -> class name (a JSON object of strings,
	 * owned by the bundle that holds the manifest); NULL when the
	 * manifest has none. */
	json_t *classes;
};

/* Who writes bundles: a device, its key, and its school. */
struct bundle_source {
	const char *device;
	const char *school;		/* "" when not enrolled */
	const char *homepage;		/* statement_homepage() */
	const struct keys_secret *key;
};

/* Writes the bundle number (after after_seq) holding e[0..n) to path:
 * path.tmp first, flushed, then renamed, then the folder flushed.
 * Returns 0 or a negative code with err filled; *sha256 (65 bytes, may
 * be NULL) gets the bundle's SHA-256. */
int bundle_write_events(const struct bundle_source *src, long long number,
    long long after_seq, const struct statement_event *e, int n,
    const char *path, char *sha256, struct hs_error *err);

/* The same, with classes (may be NULL) as the manifest's "classes":
 * learner UUID -> class name, a JSON object the caller keeps. */
int bundle_write_events_classes(const struct bundle_source *src,
    long long number, long long after_seq, const struct statement_event *e,
    int n, json_t *classes, const char *path, char *sha256,
    struct hs_error *err);

/* Called by bundle_write() after each bundle is safely in its folder.
 * A non-zero return stops bundle_write(), which returns it. */
typedef int (*bundle_written_fn)(const struct bundle_manifest *m,
    const char *path, void *ctx, struct hs_error *err);

/* Packs the events of s with seq > after_seq into new bundles in dir,
 * numbered from number + 1, each at most max_events events (0:
 * BUNDLE_EVENTS) and about max_payload bytes of events.bin (0:
 * BUNDLE_PAYLOAD_SIZE), named by bundle_name(), each manifest naming
 * the class of each of its learners who has one (learners.class_id).
 * Calls written for each.  Returns 0 (nothing to do included) or a
 * negative code. */
int bundle_write(struct store *s, const struct bundle_source *src,
    const char *dir, long long after_seq, long long number, int max_events,
    long max_payload, bundle_written_fn written, void *ctx,
    struct hs_error *err);

/* The file name of a device's bundle: "hocso-DEVICE-000001.hsb". */
void bundle_name(const char *device, long long number, char *buf,
    size_t len);

/* Finds the public key of a device by its id: 0, or HS_ENOTFOUND for a
 * device that is not known (not enrolled, or revoked). */
typedef int (*bundle_key_fn)(const char *device, struct keys_public *key,
    void *ctx);

/* What the reader must find, when it knows: a field < 0 is not checked. */
struct bundle_expect {
	long long number;		/* the bundle's number */
	long long after_seq;		/* the last event already received */
};

/* A bundle read and checked. */
struct bundle {
	char sha256[65];		/* of the whole file */
	struct bundle_manifest m;
	struct compact_events events;	/* empty with BUNDLE_NO_EVENTS */
	int forged;			/* after a failure: the manifest's
					 * signature is not the device's (or
					 * does not match it), though the
					 * file itself is whole */
};

#define BUNDLE_NO_EVENTS 1	/* check everything, decode no events */

/* Reads len bytes of a bundle and checks all of it: the archive's shape
 * (three regular files, in order, within their limits), the manifest,
 * its signature by the key that key_of gives for the device it names,
 * the payload's size and SHA-256, the events against the manifest
 * (count, first and last sequence numbers, order) and, with expect, the
 * place of the bundle in the device's sequence.  Returns 0 with b filled
 * (free with bundle_free()), or HS_EINVAL (HS_ENOTFOUND for an unknown
 * device) with err saying what is wrong.  Never crashes or loops on any
 * input. */
int bundle_read_mem(const void *data, size_t len, bundle_key_fn key_of,
    void *ctx, const struct bundle_expect *expect, int flags,
    struct bundle *b, struct hs_error *err);

/* The same for the file at path, whose size is checked before it is
 * read; err names the file. */
int bundle_read(const char *path, bundle_key_fn key_of, void *ctx,
    const struct bundle_expect *expect, int flags, struct bundle *b,
    struct hs_error *err);

void bundle_free(struct bundle *b);

/* The hex SHA-256 of len bytes (hex: 65 bytes). */
void bundle_sha256(const void *data, size_t len, char *hex);

#endif

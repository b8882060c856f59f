/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * outbox.h: a school device's side of sync: its identity, its outbox of
 * bundles waiting for a receipt, and the USB folder transport.
 *
 * The device is its id (DEVSTORE_DEVICE_ID, sync/devstore.h) and an
 * Ed25519 key pair made on first use: <datadir>/device.key (0600) and
 * device.pub, in the format of core/keys.h.  Bundles wait in
 * <datadir>/outbox/ until a receipt says the server stored their
 * events; nothing is removed before that, and the events table is never
 * touched (it is append-only).  What has been packed and acknowledged
 * lives in the meta table (keys below):
 *
 *   sync.bundled_seq   the last event put in a bundle
 *   sync.bundle_no     the number of the last bundle made
 *   sync.acked_seq     every event up to this one is stored at the server
 *   sync.last_receipt  when the last receipt was applied (device clock)
 *
 * The outbox is checked against them each time it is opened: a bundle
 * renamed into place just before a power cut is adopted, one already
 * acknowledged removed, and a damaged or missing one makes the outbox be
 * packed again from sync.acked_seq (with new bundle numbers).  One sync
 * at a time per data folder (a lock in the outbox).
 */
#ifndef HOCSO_OUTBOX_H
#define HOCSO_OUTBOX_H

#include "core/error.h"
#include "core/store.h"
#include "core/keys.h"
#include "sync/receipt.h"

#define OUTBOX_DIR "outbox"
#define OUTBOX_DEVICE_KEY "device"	/* device.key, device.pub */
#define OUTBOX_SERVER_KEY "server.pub"

/* Settings keys (the meta table).  The outbox's own, above: */
#define OUTBOX_BUNDLED_SEQ "sync.bundled_seq"
#define OUTBOX_BUNDLE_NO "sync.bundle_no"
#define OUTBOX_ACKED_SEQ "sync.acked_seq"
#define OUTBOX_LAST_RECEIPT "sync.last_receipt"
/* What hocso sync records of its runs: the server's URL, when it last
 * tried, last got through, what went wrong last ("" when nothing), the
 * last safety alert taken, an enrolment code not yet used. */
#define OUTBOX_SERVER_URL "sync.server"
#define OUTBOX_LAST_ATTEMPT "sync.last_attempt"
#define OUTBOX_LAST_SUCCESS "sync.last_success"
#define OUTBOX_LAST_ERROR "sync.last_error"
#define OUTBOX_ALERT_NO "sync.alert_no"
#define OUTBOX_ENROLL_PENDING "sync.enroll_pending"
/* The school as the province knows it, named in every bundle: its code
 * (set at enrolment or by hocso school --code) and its xAPI homepage. */
#define OUTBOX_SCHOOL_CODE "school.code"
#define OUTBOX_HOMEPAGE "school.homepage"

struct outbox {
	char *datadir;
	char *dir;			/* datadir/outbox */
	struct store *store;
	char device[40];
	char school[72];
	char homepage[512];
	struct keys_secret key;
	struct keys_public pub;
	int has_server_key;		/* datadir/server.pub exists */
	struct keys_public server;
	long long acked, bundled, number;
	int repacked;			/* bundles dropped to pack again */
	int lock;			/* descriptor of the lock */
};

/* One bundle in the outbox. */
struct outbox_entry {
	char name[128];
	char sha256[65];
	long long number, after_seq, first_seq, last_seq;
	int count;
};

/* A device's id is derived from its key (statement_device_id()), so
 * that no other key can enrol under it; a new device takes it when its
 * key is made (outbox_open()).  A device made before that has a random
 * id: this gives it the derived one when nothing binds the old one (no
 * server key: never enrolled; nothing acknowledged), removing its
 * bundles of the old id, to be packed again under the new one; an
 * enrolled device keeps its id, which the server knows with its key.
 * hocso enroll calls it.  Returns 0 or a negative code. */
int outbox_adopt_derived_id(struct outbox *o, struct hs_error *err);

/* Opens the outbox of the data folder whose store is s: makes the
 * device key and the folder on first use, takes the lock and checks the
 * outbox against the meta table (see above).  Returns 0 or a negative
 * code (HS_EIO when another sync holds the lock). */
int outbox_open(struct outbox *o, const char *datadir, struct store *s,
    struct hs_error *err);

/* Releases the lock; wipes the key. */
void outbox_close(struct outbox *o);

/* Packs every event not yet in a bundle into new bundles (limits as in
 * bundle_write(); 0 for the defaults).  *bundles and *events (may be
 * NULL) get what was added. */
int outbox_fill(struct outbox *o, int max_events, long max_payload,
    int *bundles, long long *events, struct hs_error *err);

/* The bundles in the outbox, by number: a new array in *list (free it),
 * *n entries. */
int outbox_list(struct outbox *o, struct outbox_entry **list, int *n,
    struct hs_error *err);

/* The events not yet acknowledged. */
int outbox_waiting(struct outbox *o, long long *events,
    struct hs_error *err);

/* Applies a receipt: it must be for this device and for a bundle of the
 * outbox (same number and SHA-256, acknowledging no event past it), and,
 * when the device knows the server's key, signed by it.  Moves
 * sync.acked_seq forward and removes every bundle it covers.  Returns 1
 * when the receipt would change nothing (its bundle acknowledged
 * already), 0 when applied, or a negative code. */
int outbox_apply(struct outbox *o, const struct receipt *r,
    struct hs_error *err);

/* Moves the acknowledgement back to acked, what the server says it holds
 * of this device, when that is below sync.acked_seq (a server restored
 * from a backup): every bundle of the outbox is dropped, and
 * outbox_fill() packs the events after acked again, with new numbers.
 * Returns 1 when it moved back, 0 when there was nothing to do, or a
 * negative code. */
int outbox_rewind(struct outbox *o, long long acked, struct hs_error *err);

/* Writes every bundle of the outbox into the folder dir (a USB stick):
 * each under its own name, by a temporary name, flushed and renamed; a
 * bundle already there with the same bytes is left as it is.  This
 * device's bundles there that are not in the outbox are removed, and
 * its ask (receipt.h) is written.  *written
 * and *already count them, *events the events in those written. */
int outbox_to_dir(struct outbox *o, const char *dir, int *written,
    int *already, long long *events, struct hs_error *err);

/* Reads the server's state of this device in dir (receipt.h), if it is
 * there and the device is enrolled: when the server holds fewer of its
 * events than it thought (restored from a backup), goes back to them
 * (outbox_rewind()) and returns 1; 2 when the server does not know the
 * device; 0 when there is nothing to do; a negative code for a state
 * that is damaged or not the server's.  st gets the state read. */
int outbox_state_from_dir(struct outbox *o, const char *dir,
    struct receipt_state *st, struct hs_error *err);

/* Called for each receipt in a folder that could not be applied. */
typedef void (*outbox_report_fn)(const struct hs_error *err, void *ctx);

/* Reads this device's receipts in dir and applies each (outbox_apply).
 * *applied and *seen count those that moved the acknowledgement and
 * those already applied; each bad one is reported and counted in *bad.
 * Returns 0, or a negative code when dir cannot be read. */
int outbox_from_dir(struct outbox *o, const char *dir,
    outbox_report_fn report, void *ctx, int *applied, int *seen, int *bad,
    struct hs_error *err);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * server.c: the province server's work: enrolment, bundles in and
 * receipts out, the catalog of modules and the alerts, the statements
 * out.  See server.h and docs/sync-protocol.md.
 *
 * A bundle is believed only after bundle_read_mem() has checked all of
 * it against the key the device enrolled with; its events are then
 * compared with what the server has and stored in one transaction with
 * the receipt, so that a receipt exists exactly for what is stored.
 * Nothing here prints: the commands and the HTTP front do.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <sodium.h>

#include "core/clock.h"
#include "core/fileio.h"
#include "core/i18n.h"
#include "core/util.h"
#include "lessons/install.h"
#include "lessons/package.h"
#include "lessons/help.h"
#include "server/answertext.h"
#include "server/purge.h"
#include "server/modules.h"
#include "server/server.h"
#include "server/srvstore.h"
#include "server/srvstore-admin.h"
#include "sync/alert.h"
#include "sync/bundle.h"
#include "sync/receipt.h"
#include "sync/schoolcode.h"
#include "sync/statement.h"

#define KEY_BASE "server"
#define KEY_NAME "hocso-server"
#define MODULES_DIR "modules"
#define TOKEN_BYTES 16
#define MAX_CLASS 128
#define RETRY_AFTER 5
#define SERVER_ENROLL_MAX 4096		/* bytes of an enrolment request */

struct server {
	char *dir;
	struct srvstore *st;
	struct keys_secret key;
	struct keys_public pub;
	int key_rc;			/* what the last key lookup met */
	/* server_kept_accept(): events held with other contents are
	 * skipped (counted), and the bundle kept aside is resolved in the
	 * ingest's transaction. */
	int accepting;
	long long skipped;
	struct answertext_cache *answers;	/* the dashboard's banks */
};

static void
now_iso(char *buf, size_t len)
{
	util_iso8601(clock_now_ms(), buf, len);
}

/* Whether sec is whole: its public half is the one its secret half
 * makes (a changed character in server.key breaks one of them). */
static int
key_whole(const struct keys_secret *sec)
{
	unsigned char seed[crypto_sign_SEEDBYTES];
	unsigned char pk[crypto_sign_PUBLICKEYBYTES];
	unsigned char sk[crypto_sign_SECRETKEYBYTES];
	int whole;

	crypto_sign_ed25519_sk_to_seed(seed, sec->sk);
	crypto_sign_seed_keypair(pk, sk, seed);
	whole = sodium_memcmp(sk, sec->sk, sizeof sk) == 0;
	sodium_memzero(seed, sizeof seed);
	sodium_memzero(sk, sizeof sk);
	return whole;
}

/* Checks the key pair against the store: the public key recorded there
 * (SERVER_META_KEY) must be the key's; a store from before the record
 * gets it, unless server.pub says another key.  server.pub is then made
 * again from the key when it is missing or differs. */
static int
key_check(struct server *s, struct hs_error *err)
{
	struct keys_public onfile;
	struct hs_error e2;
	char b64[KEYS_B64_MAX], have[KEYS_B64_MAX], *pubpath;
	int rc, pub_ok;

	keys_public_b64(&s->pub, b64);
	pubpath = util_path_join(s->dir, KEY_BASE ".pub");
	hs_error_clear(&e2);
	pub_ok = keys_read_public(pubpath, &onfile, &e2) == 0;
	rc = srvstore_meta_get(s->st, SERVER_META_KEY, have, sizeof have, err);
	if (rc == HS_ENOTFOUND) {
		if (pub_ok && memcmp(onfile.pk, s->pub.pk, sizeof onfile.pk)
		    != 0) {
			rc = hs_error_set_at(err, HS_EINVAL, pubpath, 0, 0,
			    _("server.pub and server.key are not one pair: "
			    "restore the key this server enrolled its devices "
			    "with (hocso-server key restore)"));
			goto out;
		}
		rc = srvstore_meta_set(s->st, SERVER_META_KEY, b64, err);
	} else if (rc == 0 && strcmp(have, b64) != 0) {
		char *kp = util_path_join(s->dir, KEY_BASE ".key");

		rc = hs_error_set_at(err, HS_EINVAL, kp, 0, 0, _("not the key "
		    "this server enrolled its devices with (its public key is "
		    "%s, the store's is %s): every device would refuse the "
		    "server; restore the right key (hocso-server key restore)"),
		    b64, have);
		free(kp);
	}
	if (rc == 0 && (!pub_ok || memcmp(onfile.pk, s->pub.pk,
	    sizeof onfile.pk) != 0))
		rc = keys_replace_public(pubpath, &s->pub, err);
out:
	free(pubpath);
	return rc;
}

int
server_is_data(const char *dir, struct hs_error *err)
{
	struct stat sb;
	char *db;
	int rc = 0;

	db = util_path_join(dir, SRVSTORE_FILE);
	if (stat(db, &sb) != 0 || !S_ISREG(sb.st_mode))
		rc = hs_error_set(err, HS_ENOTFOUND, _("%s is not a hocso "
		    "server's data folder (it has no %s): make a new server "
		    "with \"hocso-server --data %s init\", or give the "
		    "right --data"), dir, SRVSTORE_FILE, dir);
	free(db);
	return rc;
}

int
server_open(const char *dir, struct server **sp, struct hs_error *err)
{
	struct server *s;
	struct stat sb;
	char *path;
	int rc;

	*sp = NULL;
	if (sodium_init() < 0)
		return hs_error_set(err, HS_EIO, _("libsodium cannot start"));
	/* Nothing is made here: only hocso-server init makes a server, so
	 * that a mistyped --data is refused, not a new empty server. */
	if ((rc = server_is_data(dir, err)) != 0)
		return rc;
	s = xcalloc(1, sizeof *s);
	s->dir = xstrdup(dir);
	path = util_path_join(dir, KEY_BASE ".key");
	if (stat(path, &sb) != 0 && errno == ENOENT)
		/* A new key would make every enrolled device refuse the
		 * server's receipts and alerts. */
		rc = hs_error_set(err, HS_EIO, _("%s is missing, but "
		    "this server has a store: restore the key from its "
		    "paper form (hocso-server key restore) or its backup (a "
		    "new key would make every enrolled device refuse the "
		    "server)"), path);
	if (rc == 0)
		rc = keys_read_secret(path, &s->key, err);
	if (rc == 0 && !key_whole(&s->key))
		rc = hs_error_set_at(err, HS_EINVAL, path, 0, 0, _("the key is "
		    "damaged (its public half is not the one its secret half "
		    "makes: a changed character?): restore it from its paper "
		    "form (hocso-server key restore) or its backup"));
	free(path);
	if (rc != 0)
		goto fail;
	keys_public_of(&s->key, &s->pub);
	path = util_path_join(dir, SRVSTORE_FILE);
	rc = srvstore_open(path, &s->st, err);
	free(path);
	if (rc == 0)
		rc = key_check(s, err);
	if (rc != 0)
		goto fail;
	*sp = s;
	return 0;
fail:
	server_close(s);
	return rc;
}

const char *
server_dir(const struct server *s)
{
	return s->dir;
}

struct answertext_cache **
server_answer_cache(struct server *s)
{
	return &s->answers;
}

void
server_close(struct server *s)
{
	if (s == NULL)
		return;
	srvstore_close(s->st);
	answertext_cache_free(s->answers);
	sodium_memzero(&s->key, sizeof s->key);
	free(s->dir);
	free(s);
}

const struct keys_public *
server_public_key(const struct server *s)
{
	return &s->pub;
}

void
server_sign(struct server *s, const void *text, size_t len, char *sig)
{
	keys_sign(&s->key, text, len, sig);
}

struct srvstore *
server_store(struct server *s)
{
	return s->st;
}

/* The status a store failure ends a request in. */
static enum server_status
store_status(int rc)
{
	(void)rc;
	return SERVER_UNAVAILABLE;
}

static int
hex64(const char *s)
{
	return strlen(s) == 64 && strspn(s, "0123456789abcdef") == 64;
}

/* Whether code is a school code (sync/schoolcode.h: the device's rule
 * too); canon gets its canonical form, upper case. */
static int
school_valid(const char *code, char *canon, size_t len)
{
	struct hs_error e2;

	return schoolcode_canon(code, canon, len, &e2) == 0;
}

/*
 * Bundles.
 */

/* The key of an enrolled, unrevoked device (bundle_key_fn). */
static int
device_key(const char *device, struct keys_public *key, void *ctx)
{
	struct server *s = ctx;
	struct srvstore_device d;
	struct hs_error err;

	s->key_rc = srvstore_device_get(s->st, device, &d, &err);
	if (s->key_rc != 0)
		return HS_ENOTFOUND;
	if (d.revoked[0] != '\0' || keys_public_from_b64(d.key, key) != 0)
		return HS_ENOTFOUND;
	return 0;
}

static int
str_same(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* Whether two events have the same id and contents. */
static int
event_same(const struct statement_event *a, const struct statement_event *b)
{
	const struct store_event *x = &a->ev, *y = &b->ev;

	return a->seq == b->seq && str_same(a->uuid, b->uuid) &&
	    str_same(a->ts, b->ts) && str_same(x->actor, y->actor) &&
	    str_same(x->verb, y->verb) && str_same(x->object, y->object) &&
	    str_same(x->registration, y->registration) &&
	    str_same(x->response, y->response) && str_same(x->lang, y->lang) &&
	    x->has_score == y->has_score && (!x->has_score ||
	    x->score == y->score) && x->success == y->success &&
	    x->completion == y->completion && x->duration_ms == y->duration_ms;
}

struct compare {
	const struct statement_event *e;
	const char *device;
	int same;
};

static int
compare_fn(const struct srvstore_event *ev, void *ctx)
{
	struct compare *c = ctx;

	c->same = str_same(ev->device, c->device) && event_same(&ev->e, c->e);
	return 0;
}

/* Whether a purge has erased events from the store (server/purge.h). */
static int
purged(struct server *s)
{
	struct hs_error e2;
	char buf[32];

	return srvstore_meta_get(s->st, PURGE_LAST, buf, sizeof buf,
	    &e2) == 0;
}

/* Stores what is new in b's events: 0, 1 for a conflict (*bad names
 * the event), or a store code. */
static int
ingest_events(struct server *s, const struct bundle *b,
    const struct srvstore_device *d, const char *now, long long *stored,
    const char **bad, struct hs_error *err)
{
	struct srvstore_event ev;
	struct compare c;
	int i, rc;

	*stored = 0;
	memset(&ev, 0, sizeof ev);
	ev.device = b->m.device;
	ev.school = d->school;
	ev.homepage = b->m.homepage;
	ev.received = now;
	ev.bundle = b->sha256;
	for (i = 0; i < b->events.n; i++) {
		c.e = &b->events.ev[i];
		c.device = b->m.device;
		c.same = 0;
		*bad = c.e->uuid;
		if (c.e->seq <= d->acked_seq) {
			rc = srvstore_event_by_seq(s->st, b->m.device,
			    c.e->seq, compare_fn, &c, err);
			/* Acknowledged but not here: erased by a purge
			 * (server/purge.h), taken and not stored again. */
			if (rc == HS_ENOTFOUND && purged(s))
				continue;
			if (rc == 0 && !c.same && s->accepting) {
				s->skipped++;	/* the server's stays */
				continue;
			}
			if (rc == HS_ENOTFOUND || (rc == 0 && !c.same))
				return 1;
			if (rc != 0)
				return rc;
			continue;
		}
		ev.e = *c.e;
		if ((rc = srvstore_event_add(s->st, &ev, err)) == 0) {
			(*stored)++;
			continue;
		}
		if (rc != HS_EINVAL)
			return rc;
		/* Its uuid is stored: the same event, or a conflict. */
		rc = srvstore_event_by_uuid(s->st, c.e->uuid, compare_fn, &c,
		    err);
		if (rc == 0 && !c.same && s->accepting) {
			s->skipped++;
			continue;
		}
		if (rc == HS_ENOTFOUND || (rc == 0 && !c.same))
			return 1;
		if (rc != 0)
			return rc;
	}
	*bad = NULL;
	return 0;
}

/* Whether event i of b, when it is a count of requests for help, is
 * exactly one (statement_help_count()) and names its own device as the
 * actor: never a learner, never words.  Returns 0 or HS_EINVAL with err
 * naming the event. */
static int
ingest_help_valid(const struct bundle *b, int i, struct hs_error *err)
{
	const struct statement_event *e = &b->events.ev[i];
	struct statement_help_count c;
	struct hs_error why;
	int rc;

	hs_error_clear(&why);
	rc = statement_help_count(&e->ev, &c, &why);
	if (rc == HS_ENOTFOUND)
		return 0;
	if (rc == 0 && help_situation_from_name(c.situation) < 0)
		rc = hs_error_set(&why, HS_EINVAL, _("a count of requests for "
		    "help names an unknown situation"));
	if (rc == 0 && strcmp(e->ev.actor, b->m.device) != 0)
		rc = hs_error_set(&why, HS_EINVAL, _("a count of requests for "
		    "help names someone other than its device"));
	if (rc == 0)
		return 0;
	hs_error_set(err, HS_EINVAL, _("event %lld of device %s is not a "
	    "valid count of requests for help: %s: the bundle is refused, "
	    "nothing of it is stored"), e->seq, b->m.device, why.msg);
	return HS_EINVAL;
}

/* Keeps the counts of requests for help that b carries, per device,
 * week and situation, the larger of what is kept and what came (counts
 * only grow; a bundle sent twice changes nothing). */
static int
ingest_help_counts(struct server *s, const struct bundle *b,
    const struct srvstore_device *d, struct hs_error *err)
{
	struct statement_help_count c;
	int i, rc;

	for (i = 0; i < b->events.n; i++) {
		if (statement_help_count(&b->events.ev[i].ev, &c, NULL) != 0)
			continue;
		if ((rc = srvstore_help_count_put(s->st, d->school,
		    b->m.device, &c, err)) != 0)
			return rc;
	}
	return 0;
}

/* Whether every event of b makes a statement an LRS must take
 * (statement_validate()): one that does not refuses the whole bundle,
 * so that nothing the forwarder cannot pass on is ever stored.  Returns
 * 0, or HS_EINVAL with err naming the event by its sequence number. */
static int
ingest_validate(const struct bundle *b, struct hs_error *err)
{
	struct hs_error why;
	size_t len;
	char *text, *p;
	int i, rc;

	for (i = 0; i < b->events.n; i++) {
		if (ingest_help_valid(b, i, err) != 0)
			return HS_EINVAL;
		text = statement_text(&b->events.ev[i], b->m.homepage, &len);
		if (text == NULL)
			util_oom();
		hs_error_clear(&why);
		rc = statement_validate_text(text, len, &why);
		free(text);
		if (rc != 0) {
			p = fileio_printable(why.msg);
			hs_error_set(err, HS_EINVAL, _("event %lld of device %s "
			    "is not a valid statement: %s: the bundle is "
			    "refused, nothing of it is stored"),
			    b->events.ev[i].seq, b->m.device, p != NULL ? p :
			    why.msg);
			free(p);
			return HS_EINVAL;
		}
	}
	return 0;
}

/* Records the classes the manifest gives for its learners: only those of
 * learners first seen from the device's own school (the store ignores
 * the rest, see srvstore_class_set()). */
static int
ingest_classes(struct server *s, const struct bundle *b,
    const struct srvstore_device *d, const char *now, struct hs_error *err)
{
	const char *learner;
	json_t *v;
	int rc;

	if (b->m.classes == NULL)
		return 0;
	json_object_foreach(b->m.classes, learner, v)
		if ((rc = srvstore_class_set(s->st, learner, b->m.device,
		    d->school, json_string_value(v), now, err)) != 0)
			return rc;
	return 0;
}

static enum server_status
keep_aside(struct server *s, const struct bundle *b, const void *data,
    size_t len, const char *reason, const char *now, struct hs_error *err)
{
	struct hs_error e2;
	int rc;

	if ((rc = srvstore_begin(s->st, &e2)) == 0 &&
	    (rc = srvstore_keep_aside(s->st, b->sha256, b->m.device, reason,
	    now, data, len, &e2)) == 0)
		rc = srvstore_commit(s->st, &e2);
	if (rc != 0) {
		srvstore_rollback(s->st);
		*err = e2;
		return store_status(rc);
	}
	return SERVER_CONFLICT;
}

enum server_status
server_ingest_ex(struct server *s, const void *data, size_t len,
    const char *sha256, struct server_ingest_info *info, char **receipt,
    size_t *receipt_len, struct hs_error *err)
{
	struct server_ingest_info dummy;
	struct srvstore_device d;
	struct srvstore_bundle row;
	struct receipt r;
	struct bundle b;
	enum server_status status = SERVER_OK;
	const char *bad, *via;
	char hex[65], now[32], reason[600];
	long long stored;
	int rc;

	*receipt = NULL;
	*receipt_len = 0;
	via = info != NULL ? info->via : NULL;
	if (info == NULL)
		info = &dummy;
	memset(info, 0, sizeof *info);
	info->via = via;
	if (len > BUNDLE_MAX_FILE) {
		hs_error_set(err, HS_EINVAL, _("larger than a bundle may be "
		    "(%ld bytes)"), BUNDLE_MAX_FILE);
		return SERVER_TOO_LARGE;
	}
	if (sha256 != NULL) {
		bundle_sha256(data, len, hex);
		if (strcmp(hex, sha256) != 0) {
			hs_error_set(err, HS_EINVAL, _("the bundle's SHA-256 is "
			    "%s, not %.64s as its name says"), hex, sha256);
			return SERVER_BAD;
		}
	}
	s->key_rc = 0;
	rc = bundle_read_mem(data, len, device_key, s, NULL, 0, &b, err);
	/* Who it says it is from, for the log (unchecked when refused). */
	snprintf(info->device, sizeof info->device, "%s", b.m.device);
	snprintf(info->school, sizeof info->school, "%s", b.m.school);
	if (rc != 0) {
		if (s->key_rc != 0 && s->key_rc != HS_ENOTFOUND)
			return store_status(s->key_rc);
		if (rc == HS_ENOTFOUND || b.forged)
			return SERVER_FORBIDDEN;
		return SERVER_BAD;
	}
	snprintf(info->device, sizeof info->device, "%s", b.m.device);
	snprintf(info->school, sizeof info->school, "%s", b.m.school);
	info->number = b.m.number;

	/* The same bundle again: the same receipt. */
	rc = srvstore_bundle_receipt(s->st, b.sha256, receipt, receipt_len,
	    err);
	if (rc == 0) {
		info->again = 1;
		goto out;
	}
	if (rc != HS_ENOTFOUND) {
		status = store_status(rc);
		goto out;
	}
	if (ingest_validate(&b, err) != 0) {
		status = SERVER_BAD;
		goto out;
	}
	if ((rc = srvstore_begin(s->st, err)) != 0) {
		status = store_status(rc);
		goto out;
	}
	if ((rc = srvstore_device_get(s->st, b.m.device, &d, err)) != 0 ||
	    d.revoked[0] != '\0') {
		srvstore_rollback(s->st);
		if (rc == 0 || rc == HS_ENOTFOUND) {
			hs_error_set(err, HS_ENOTFOUND, _("device %s is not "
			    "enrolled (or was revoked): its bundles are not "
			    "accepted"), b.m.device);
			status = SERVER_FORBIDDEN;
		} else
			status = store_status(rc);
		goto out;
	}
	snprintf(info->school, sizeof info->school, "%s", d.school);
	if (b.m.after_seq > d.acked_seq) {
		srvstore_rollback(s->st);
		info->acked_seq = d.acked_seq;
		hs_error_set(err, HS_EINVAL, _("bundle %lld of device %s follows "
		    "event %lld, but the server has events only up to %lld: a "
		    "bundle before it is missing"), b.m.number, b.m.device,
		    b.m.after_seq, d.acked_seq);
		status = SERVER_OUT_OF_ORDER;
		goto out;
	}
	now_iso(now, sizeof now);
	rc = ingest_events(s, &b, &d, now, &stored, &bad, err);
	if (rc == 1) {
		srvstore_rollback(s->st);
		snprintf(info->event, sizeof info->event, "%s", bad);
		snprintf(reason, sizeof reason, "event %s came back with other "
		    "contents", bad);
		status = keep_aside(s, &b, data, len, reason, now, err);
		if (status == SERVER_CONFLICT)
			hs_error_set(err, HS_EINVAL, _("event %s of device %s "
			    "came back with other contents than the server has: "
			    "the bundle is kept aside"), bad, b.m.device);
		goto out;
	}
	if (rc == 0)
		rc = ingest_classes(s, &b, &d, now, err);
	if (rc == 0)
		rc = ingest_help_counts(s, &b, &d, err);
	if (rc != 0) {
		srvstore_rollback(s->st);
		status = store_status(rc);
		goto out;
	}

	memset(&r, 0, sizeof r);
	snprintf(r.device, sizeof r.device, "%s", b.m.device);
	r.number = b.m.number;
	snprintf(r.sha256, sizeof r.sha256, "%s", b.sha256);
	r.acked_seq = b.m.last_seq;
	r.stored = stored;
	snprintf(r.received, sizeof r.received, "%s", now);
	*receipt = receipt_text(&r, &s->key, receipt_len);

	memset(&row, 0, sizeof row);
	row.sha256 = b.sha256;
	row.device = b.m.device;
	row.number = b.m.number;
	row.first_seq = b.m.first_seq;
	row.last_seq = b.m.last_seq;
	row.stored = stored;
	row.received = now;
	row.via = info->via != NULL ? info->via : "http";
	row.receipt = *receipt;
	row.receipt_len = *receipt_len;
	if ((rc = srvstore_bundle_add(s->st, &row, err)) != 0 ||
	    (rc = srvstore_device_advance(s->st, b.m.device, b.m.last_seq,
	    b.m.number, now, err)) != 0 ||
	    (s->accepting && (rc = srvstore_kept_resolve(s->st, b.sha256,
	    "accepted", now, err)) != 0) ||
	    (rc = srvstore_commit(s->st, err)) != 0) {
		srvstore_rollback(s->st);
		status = store_status(rc);
		goto out;
	}
	info->stored = stored;
out:
	if (status != SERVER_OK) {
		free(*receipt);
		*receipt = NULL;
		*receipt_len = 0;
		if (status == SERVER_UNAVAILABLE)
			info->retry_after = RETRY_AFTER;
	}
	bundle_free(&b);
	return status;
}

enum server_status
server_kept_accept(struct server *s, const void *data, size_t len,
    struct server_ingest_info *info, long long *skipped,
    struct hs_error *err)
{
	enum server_status st;
	char *receipt = NULL;
	size_t rlen;

	s->accepting = 1;
	s->skipped = 0;
	st = server_ingest_ex(s, data, len, NULL, info, &receipt, &rlen, err);
	*skipped = s->skipped;
	s->accepting = 0;
	free(receipt);
	return st;
}

int
server_bundle_read(struct server *s, const void *data, size_t len,
    struct bundle *b, struct hs_error *err)
{
	s->key_rc = 0;
	return bundle_read_mem(data, len, device_key, s, NULL, 0, b, err);
}

enum server_status
server_ingest(struct server *s, const void *data, size_t len,
    const char *sha256, char **receipt, size_t *receipt_len,
    struct hs_error *err)
{
	return server_ingest_ex(s, data, len, sha256, NULL, receipt,
	    receipt_len, err);
}

/*
 * Enrolment.
 */

/* Crockford's base32: no I, L, O or U to mistake when read aloud. */
static const char b32[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/* The canonical form of a token as typed: upper case, no '-' or spaces,
 * O read as 0 and I, L as 1.  0 or -1 for one that is no token. */
static int
token_normalise(const char *token, char *out, size_t len)
{
	size_t n = 0;
	int c;

	for (; *token != '\0'; token++) {
		c = *token;
		if (c == '-' || c == ' ')
			continue;
		if (c >= 'a' && c <= 'z')
			c -= 'a' - 'A';
		if (c == 'O')
			c = '0';
		else if (c == 'I' || c == 'L')
			c = '1';
		if (strchr(b32, c) == NULL || c == '\0' || n + 1 >= len)
			return -1;
		out[n++] = (char)c;
	}
	out[n] = '\0';
	return n > 0 ? 0 : -1;
}

static void
token_hash(const char *canon, char *hex)
{
	bundle_sha256(canon, strlen(canon), hex);
}

int
server_token_new(struct server *s, const char *school, int days, char *token,
    size_t len, struct hs_error *err)
{
	unsigned char raw[TOKEN_BYTES];
	char text[64], canon[64], hash[65], now[32], expires[32];
	char code[SCHOOLCODE_MAX + 1];
	unsigned acc = 0;
	int bits = 0, i, n = 0, digits = 0, rc;

	if (!school_valid(school, code, sizeof code))
		return hs_error_set(err, HS_EINVAL, _("'%s' is not a school code: "
		    "1 to %d letters, digits, '-', '_' or '.'"),
		    school != NULL ? school : "", SCHOOLCODE_MAX);
	if (days < 1 || days > 3650)
		return hs_error_set(err, HS_EINVAL, _("a token is valid for 1 to "
		    "3650 days, not %d"), days);
	randombytes_buf(raw, sizeof raw);
	for (i = 0; i < TOKEN_BYTES || bits > 0; ) {
		if (bits < 5 && i < TOKEN_BYTES) {
			acc = (acc << 8) | raw[i++];
			bits += 8;
		} else if (bits < 5) {
			acc <<= 5 - bits;
			bits = 5;
		}
		if (digits > 0 && digits % 4 == 0)
			text[n++] = '-';
		text[n++] = b32[(acc >> (bits - 5)) & 31];
		bits -= 5;
		digits++;
	}
	text[n] = '\0';
	sodium_memzero(raw, sizeof raw);
	if (strlen(text) + 1 > len)
		return hs_error_set(err, HS_EINVAL, _("no room for the token"));
	token_normalise(text, canon, sizeof canon);
	token_hash(canon, hash);
	now_iso(now, sizeof now);
	util_iso8601(clock_now_ms() + (long long)days * 86400000LL, expires,
	    sizeof expires);
	if ((rc = srvstore_begin(s->st, err)) != 0)
		return rc;
	if ((rc = srvstore_token_add(s->st, hash, code, now, expires,
	    err)) != 0 || (rc = srvstore_commit(s->st, err)) != 0) {
		srvstore_rollback(s->st);
		return rc;
	}
	snprintf(token, len, "%s", text);
	return 0;
}

enum server_status
server_enroll(struct server *s, const char *token, const char *school,
    const char *device, const char *key_b64, const char *time,
    const char *sig, char **answer, struct hs_error *err)
{
	struct srvstore_token t;
	struct srvstore_device d;
	struct keys_public pub;
	char canon[64], hash[65], now[32], b64[KEYS_B64_MAX], *text;
	char derived[37], code[SCHOOLCODE_MAX + 1];
	long long when, skew;
	json_t *root;
	int rc, known;

	*answer = NULL;
	if (token == NULL || school == NULL || device == NULL ||
	    key_b64 == NULL || time == NULL || sig == NULL ||
	    !school_valid(school, code, sizeof code) || strlen(device) != 36 ||
	    !statement_uuid_valid(device) ||
	    keys_public_from_b64(key_b64, &pub) != 0 ||
	    (when = compact_ts_ms(time)) < 0) {
		hs_error_set(err, HS_EINVAL, _("a token, school code, device "
		    "id (a UUID), key (base64 of an Ed25519 public key), time "
		    "and signature are needed: update hocso on the device"));
		return SERVER_BAD;
	}
	/* The request must come from whoever holds the device's key
	 * (issue 14, finding 4): its key signs the token, school, device
	 * and time, and the time bounds a replay. */
	if (statement_enrol_check(token, school, device, time, &pub,
	    sig) != 0) {
		hs_error_set(err, HS_EINVAL, _("the enrolment request is not "
		    "signed by the key it names: it was changed, or made by "
		    "another device"));
		return SERVER_FORBIDDEN;
	}
	skew = when - clock_now_ms();
	if (skew > STATEMENT_ENROL_SKEW_MS || -skew > STATEMENT_ENROL_SKEW_MS) {
		util_iso8601(clock_now_ms(), now, sizeof now);
		hs_error_set(err, HS_EINVAL, _("the enrolment request was made "
		    "on %.10s, more than 7 days from the server's clock "
		    "(%.10s): make it again (and check the device's clock)"),
		    time, now);
		return SERVER_FORBIDDEN;
	}
	statement_device_id(pub.pk, derived);
	if (token_normalise(token, canon, sizeof canon) != 0) {
		hs_error_set(err, HS_EINVAL, _("unknown enrolment token"));
		return SERVER_FORBIDDEN;
	}
	token_hash(canon, hash);
	keys_public_b64(&pub, b64);
	if ((rc = srvstore_begin(s->st, err)) != 0)
		return store_status(rc);
	if ((rc = srvstore_token_get(s->st, hash, &t, err)) != 0)
		goto refused;
	now_iso(now, sizeof now);
	if ((rc = srvstore_device_get(s->st, device, &d, err)) != 0 &&
	    rc != HS_ENOTFOUND)
		goto refused;
	known = rc == 0;
	/* A device id is its key's: nobody can take another's id.  A
	 * device made before that keeps its id once enrolled with it. */
	if (strcmp(device, derived) != 0 && !(known && strcmp(d.key,
	    b64) == 0)) {
		rc = hs_error_set(err, HS_EINVAL, _("device id %s is not the "
		    "one its key gives (%s): update hocso on the device, which "
		    "then takes that id"), device, derived);
		goto refused;
	}
	/* Case does not matter: "lc-001" is "LC-001" (tokens of an older
	 * server may hold another case). */
	if (strcasecmp(t.school, code) != 0) {
		rc = hs_error_set(err, HS_EINVAL, _("this enrolment token is "
		    "for another school"));
		goto refused;
	}
	/* A token used by this very device with this key: its answer was
	 * lost on the way, give it again. */
	if (t.used_at[0] != '\0' && !(known && strcmp(t.device, device) == 0 &&
	    strcmp(d.key, b64) == 0)) {
		rc = hs_error_set(err, HS_EINVAL, _("this enrolment token was "
		    "already used to enrol device %s on %.10s; if that was not "
		    "this device, revoke it (hocso-server device revoke %s) "
		    "and make a new token"), t.device, t.used_at, t.device);
		goto refused;
	}
	if (t.used_at[0] == '\0' && strcmp(t.expires, now) < 0) {
		rc = hs_error_set(err, HS_EINVAL, _("this enrolment token "
		    "expired on %.10s: ask for a new one"), t.expires);
		goto refused;
	}
	if (known && strcmp(d.key, b64) != 0) {
		srvstore_rollback(s->st);
		hs_error_set(err, HS_EINVAL, _("device %s is enrolled already "
		    "with another key"), device);
		return SERVER_CONFLICT;
	}
	if (known && d.revoked[0] != '\0') {
		rc = hs_error_set(err, HS_EINVAL, _("device %s was revoked"),
		    device);
		goto refused;
	}
	if (!known) {
		memset(&d, 0, sizeof d);
		snprintf(d.id, sizeof d.id, "%s", device);
		snprintf(d.enrolled, sizeof d.enrolled, "%s", now);
	}
	snprintf(d.school, sizeof d.school, "%s", t.school);
	snprintf(d.key, sizeof d.key, "%s", b64);
	if ((rc = srvstore_device_put(s->st, &d, err)) != 0 ||
	    (t.used_at[0] == '\0' && (rc = srvstore_token_use(s->st, hash,
	    device, now, err)) != 0) || (rc = srvstore_commit(s->st,
	    err)) != 0) {
		srvstore_rollback(s->st);
		return store_status(rc);
	}
	keys_public_b64(&s->pub, b64);
	/* What the server holds of the device: 0 for a new one.  A device
	 * that sent more than that (to a server restored from a backup)
	 * sends it again (docs/sync-protocol.md, "After a restore"). */
	root = json_pack("{s:s, s:s, s:s, s:I}", "school", school, "device",
	    device, "server_key", b64, "acked_seq", (json_int_t)d.acked_seq);
	if (root == NULL || (text = json_dumps(root, JSON_COMPACT |
	    JSON_SORT_KEYS)) == NULL)
		util_oom();
	json_decref(root);
	*answer = xstrdup(text);
	free(text);
	return SERVER_OK;
refused:
	srvstore_rollback(s->st);
	if (rc == HS_ENOTFOUND) {
		hs_error_set(err, HS_EINVAL, _("unknown enrolment token"));
		return SERVER_FORBIDDEN;
	}
	return rc == HS_EINVAL ? SERVER_FORBIDDEN : store_status(rc);
}

/*
 * The catalog, modules and alerts.
 */

struct newest {
	json_t *list;
	json_t *last;			/* the entry of the current id */
	char id[256];
};

static int
newest_fn(const struct srvstore_module *m, void *ctx)
{
	struct newest *n = ctx;
	json_t *e;

	if (m->withdrawn != NULL)	/* kept aside, not offered */
		return 0;
	e = json_pack("{s:s, s:s, s:s, s:I}", "id", m->id, "version",
	    m->version, "sha256", m->sha256, "size", (json_int_t)m->size);
	if (e == NULL)
		util_oom();
	if (n->last != NULL && strcmp(n->id, m->id) == 0) {
		if (install_version_cmp(m->version, json_string_value(
		    json_object_get(n->last, "version"))) >= 0)
			json_object_update(n->last, e);
		json_decref(e);
		return 0;
	}
	snprintf(n->id, sizeof n->id, "%s", m->id);
	json_array_append_new(n->list, e);
	n->last = e;
	return 0;
}

enum server_status
server_catalog(struct server *s, char **json, struct hs_error *err)
{
	struct newest n = { 0 };
	char epoch[40];
	long long last;
	json_t *root;
	char *text;
	int rc;

	*json = NULL;
	if ((n.list = json_array()) == NULL)
		util_oom();
	if ((rc = srvstore_module_each(s->st, newest_fn, &n, err)) != 0 ||
	    (rc = srvstore_alert_last(s->st, &last, err)) != 0) {
		json_decref(n.list);
		return store_status(rc);
	}
	root = json_pack("{s:o, s:I}", "modules", n.list, "alerts",
	    (json_int_t)last);
	/* The alerts' epoch: a device that sees it change (a restore) takes
	 * every alert again. */
	if (root != NULL && server_alert_epoch(s, epoch, sizeof epoch, 0,
	    err) == 0)
		json_object_set_new(root, "alerts_epoch", json_string(epoch));
	if (root == NULL || (text = json_dumps(root, JSON_COMPACT |
	    JSON_SORT_KEYS)) == NULL)
		util_oom();
	json_decref(root);
	*json = xstrdup(text);
	free(text);
	return SERVER_OK;
}

enum server_status
server_catalog_for(struct server *s, const char *device, char **json,
    struct hs_error *err)
{
	struct srvstore_device d;
	enum server_status st;
	json_t *root, *dev;
	char *text;
	int rc;

	if ((st = server_catalog(s, json, err)) != SERVER_OK ||
	    device == NULL)
		return st;
	if (strlen(device) != 36 || !statement_uuid_valid(device)) {
		free(*json);
		*json = NULL;
		hs_error_set(err, HS_EINVAL, _("device must be a device id (a "
		    "UUID)"));
		return SERVER_BAD;
	}
	rc = srvstore_device_get(s->st, device, &d, err);
	if (rc != 0 && rc != HS_ENOTFOUND) {
		free(*json);
		*json = NULL;
		return store_status(rc);
	}
	if (rc == HS_ENOTFOUND)
		dev = json_pack("{s:b}", "enrolled", 0);
	else
		dev = json_pack("{s:b, s:b, s:I, s:I}", "enrolled", 1,
		    "revoked", d.revoked[0] != '\0', "acked_seq",
		    (json_int_t)d.acked_seq, "bundle_no",
		    (json_int_t)d.last_number);
	root = json_loads(*json, 0, NULL);
	if (dev == NULL || root == NULL || json_object_set_new(root, "device",
	    dev) != 0 || (text = json_dumps(root, JSON_COMPACT |
	    JSON_SORT_KEYS)) == NULL)
		util_oom();
	json_decref(root);
	free(*json);
	*json = xstrdup(text);
	free(text);
	return SERVER_OK;
}

enum server_status
server_module_path(struct server *s, const char *sha256, char **path,
    struct hs_error *err)
{
	char name[80], *dir;
	int rc;

	*path = NULL;
	if (sha256 == NULL || !hex64(sha256)) {
		hs_error_set(err, HS_ENOTFOUND, _("no such module package"));
		return SERVER_NOT_FOUND;
	}
	if ((rc = srvstore_module_has(s->st, sha256, err)) != 0) {
		if (rc != HS_ENOTFOUND)
			return store_status(rc);
		hs_error_set(err, HS_ENOTFOUND, _("no module package %s"),
		    sha256);
		return SERVER_NOT_FOUND;
	}
	snprintf(name, sizeof name, "%s.hsm", sha256);
	dir = util_path_join(s->dir, MODULES_DIR);
	*path = util_path_join(dir, name);
	free(dir);
	return SERVER_OK;
}

static int
alert_fn(long long number, const char *text, size_t len, const char *sig,
    void *ctx)
{
	json_t *e;

	e = json_pack("{s:I, s:s%, s:s}", "number", (json_int_t)number,
	    "text", text, len, "sig", sig);
	if (e == NULL)
		return HS_EINVAL;
	json_array_append_new(ctx, e);
	return 0;
}

enum server_status
server_alerts(struct server *s, long long after, char **json,
    struct hs_error *err)
{
	json_t *list, *root;
	char *text;
	int rc;

	*json = NULL;
	if ((list = json_array()) == NULL)
		util_oom();
	if ((rc = srvstore_alert_each(s->st, after, alert_fn, list,
	    err)) != 0) {
		json_decref(list);
		if (rc == HS_EINVAL) {
			hs_error_set(err, HS_EINVAL, _("a stored alert is not "
			    "UTF-8"));
			return SERVER_UNAVAILABLE;
		}
		return store_status(rc);
	}
	root = json_pack("{s:o}", "alerts", list);
	if (root == NULL || (text = json_dumps(root, JSON_COMPACT |
	    JSON_SORT_KEYS)) == NULL)
		util_oom();
	json_decref(root);
	*json = xstrdup(text);
	free(text);
	return SERVER_OK;
}

/*
 * Statements out, settings.
 */

int
server_time_parse(const char *text, long long *ms)
{
	int y, mo, d, h = 0, mi = 0, sec = 0, n = 0, zh, zm, len;
	long long frac = 0, scale = 1000;
	const char *p = text;
	struct tm tm;
	time_t t;
	char sign;

	if (sscanf(p, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10)
		return HS_EINVAL;
	p += n;
	if (*p == 'T' || *p == 't' || *p == ' ') {
		if (sscanf(p + 1, "%2d:%2d%n", &h, &mi, &n) != 2 || n != 5)
			return HS_EINVAL;
		p += 1 + n;
		if (*p == ':') {
			if (sscanf(p + 1, "%2d%n", &sec, &n) != 1 || n != 2)
				return HS_EINVAL;
			p += 1 + n;
			if (*p == '.' || *p == ',') {
				for (p++, len = 0; *p >= '0' && *p <= '9';
				    p++, len++)
					if (len < 3) {
						scale /= 10;
						frac += (*p - '0') * scale;
					}
				if (len == 0)
					return HS_EINVAL;
			}
		}
	}
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
	    sec > 60 || y < 1970)
		return HS_EINVAL;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	t = timegm(&tm);
	*ms = (long long)t * 1000 + frac;
	if (*p == 'Z' || *p == 'z')
		p++;
	else if (*p == '+' || *p == '-') {
		sign = *p;
		if (sscanf(p + 1, "%2d:%2d%n", &zh, &zm, &n) != 2 || n != 5 ||
		    zh > 23 || zm > 59)
			return HS_EINVAL;
		p += 1 + n;
		*ms -= (sign == '+' ? 1 : -1) * ((long long)zh * 3600 +
		    zm * 60) * 1000;
	}
	return *p == '\0' ? 0 : HS_EINVAL;
}

struct export {
	server_statement_fn fn;
	void *ctx;
	const char *until;		/* received before it; NULL: any */
};

static int
export_fn(const struct srvstore_event *ev, void *ctx)
{
	struct export *x = ctx;
	size_t len;
	char *text;
	int rc;

	if (x->until != NULL && strcmp(ev->received, x->until) >= 0)
		return 0;
	text = statement_text(&ev->e, ev->homepage, &len);
	if (text == NULL)
		util_oom();
	rc = x->fn(ev->id, text, len, x->ctx);
	free(text);
	return rc;
}

int
server_export(struct server *s, long long after_id, const char *since,
    server_statement_fn fn, void *ctx, struct hs_error *err)
{
	return server_export_until(s, after_id, since, NULL, fn, ctx, err);
}

int
server_export_until(struct server *s, long long after_id, const char *since,
    const char *until, server_statement_fn fn, void *ctx,
    struct hs_error *err)
{
	struct export x = { fn, ctx, until };
	char from[32];
	long long ms;

	if (since != NULL) {
		if (server_time_parse(since, &ms) != 0)
			return hs_error_set(err, HS_EINVAL, _("'%s' is not an ISO "
			    "8601 time (2026-11-28 or 2026-11-28T10:00:00Z)"),
			    since);
		util_iso8601(ms, from, sizeof from);
	}
	return srvstore_event_each(s->st, after_id, since != NULL ? from : NULL,
	    export_fn, &x, err);
}

int
server_meta_get(struct server *s, const char *key, char *buf, size_t len,
    struct hs_error *err)
{
	return srvstore_meta_get(s->st, key, buf, len, err);
}

int
server_meta_set(struct server *s, const char *key, const char *value,
    struct hs_error *err)
{
	return srvstore_meta_set(s->st, key, value, err);
}

/*
 * The admin's commands.
 */

int
server_device_revoke(struct server *s, const char *device,
    struct hs_error *err)
{
	char now[32];
	int rc;

	now_iso(now, sizeof now);
	if ((rc = srvstore_begin(s->st, err)) != 0)
		return rc;
	if ((rc = srvstore_device_revoke(s->st, device, now, err)) != 0) {
		srvstore_rollback(s->st);
		if (rc == HS_ENOTFOUND)
			hs_error_set(err, HS_ENOTFOUND, _("no device %s is "
			    "enrolled"), device);
		return rc;
	}
	return srvstore_commit(s->st, err);
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in dir that end in suffix (*.hsb, *.enroll), sorted: a new
 * array of new strings. */
static int
list_files(const char *dir, const char *suffix, char ***names, int *n,
    struct hs_error *err)
{
	struct dirent *de;
	size_t len, sl = strlen(suffix);
	DIR *d;

	*names = NULL;
	*n = 0;
	if ((d = opendir(dir)) == NULL)
		return hs_error_set_at(err, HS_EIO, dir, 0, 0, "%s",
		    strerror(errno));
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (de->d_name[0] == '.' || len <= sl ||
		    strcmp(de->d_name + len - sl, suffix) != 0)
			continue;
		*names = xrealloc(*names, (size_t)(*n + 1) * sizeof **names);
		(*names)[(*n)++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (*n > 0)
		qsort(*names, (size_t)*n, sizeof **names, name_cmp);
	return 0;
}

/* Whether the file at path holds exactly the len bytes of data: an
 * answer or receipt there already is not written again. */
static int
same_file(const char *path, const char *data, size_t len)
{
	struct hs_error e2;
	size_t have;
	char *text;
	int same;

	if (fileio_read(path, len + 1, &text, &have, &e2) != 0)
		return 0;
	same = have == len && memcmp(text, data, len) == 0;
	free(text);
	return same;
}

static void
free_names(char **names, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* Whether the enrolment request of device (for school, with key_b64) was
 * answered before: its answer is at answer and the device is enrolled,
 * unrevoked, in school with that key. */
static int
enroll_answered(struct server *s, const char *answer, const char *school,
    const char *device, const char *key_b64)
{
	struct srvstore_device d;
	struct keys_public pub;
	struct hs_error e2;
	char b64[KEYS_B64_MAX];

	if (access(answer, F_OK) != 0 ||
	    keys_public_from_b64(key_b64, &pub) != 0 ||
	    srvstore_device_get(s->st, device, &d, &e2) != 0)
		return 0;
	keys_public_b64(&pub, b64);
	return d.revoked[0] == '\0' && strcmp(d.key, b64) == 0 &&
	    strcasecmp(d.school, school) == 0;
}

/* The file of a refused enrolment request's reason in dir. */
static char *
refusal_path(const char *dir, const char *device)
{
	char name[80];

	snprintf(name, sizeof name, "hocso-%s" SERVER_REFUSED_SUFFIX, device);
	return util_path_join(dir, name);
}

/* Writes why the request of device (for school) was refused beside it
 * (docs/sync-protocol.md, "Enrolment by USB stick"); a failure to
 * write it is no failure of the import (the line on stderr says it). */
static void
write_refusal(const char *dir, const char *device, const char *school,
    const char *why)
{
	struct hs_error e2;
	json_t *j;
	char *path, *text;

	j = json_pack("{s:s, s:s, s:s}", "device", device, "school",
	    school != NULL ? school : "", "refused", why);
	if (j == NULL || (text = json_dumps(j, JSON_COMPACT |
	    JSON_SORT_KEYS)) == NULL) {
		json_decref(j);	/* why not UTF-8: nothing to write */
		return;
	}
	json_decref(j);
	path = refusal_path(dir, device);
	fileio_write(path, text, strlen(text), 0644, &e2);
	free(path);
	free(text);
}

/* Removes an earlier refusal of device's request: it is answered now. */
static void
drop_refusal(const char *dir, const char *device)
{
	char *path = refusal_path(dir, device);
	struct stat sb;

	if (lstat(path, &sb) == 0 && S_ISREG(sb.st_mode))
		unlink(path);
	free(path);
}

/* Answers the enrolment request at path (in dir): 0 when answered (now
 * or before, counted in t), 1 when refused (said through refused), or a
 * negative code when its answer cannot be written. */
static int
import_request(struct server *s, const char *dir, const char *path,
    struct server_import_totals *t, server_refused_fn refused, void *ctx,
    struct hs_error *err)
{
	const char *token, *school, *device, *key, *time = NULL, *sig = NULL;
	enum server_status status;
	struct hs_error e2;
	json_t *root = NULL;
	char *data, *answer = NULL, *apath = NULL, name[80], why[800];
	size_t len;
	int rc = 1;

	hs_error_clear(&e2);
	if (fileio_read(path, SERVER_ENROLL_MAX, &data, &len, &e2) != 0) {
		snprintf(why, sizeof why, "%s", e2.msg);	/* names path */
		goto out;
	}
	root = json_loadb(data, len, 0, NULL);
	free(data);
	if (root == NULL || json_unpack(root, "{s:s, s:s, s:s, s:s, s?s, s?s}",
	    "token", &token, "school", &school, "device", &device, "key", &key,
	    "time", &time, "sig", &sig) != 0) {
		snprintf(why, sizeof why, "%s", _("not an enrolment request (a "
		    "JSON object with the strings token, school, device and "
		    "key)"));
		goto out;
	}
	/* The device id names the answer: it must be one before that. */
	if (strlen(device) == 36 && statement_uuid_valid(device)) {
		snprintf(name, sizeof name, "hocso-%s" SERVER_ENROLLED_SUFFIX,
		    device);
		apath = util_path_join(dir, name);
		/* A link or a FIFO where the answer goes: refused before the
		 * token is used, or the device could never get its answer. */
		if (fileio_check(apath, &e2) != 0) {
			hs_error_format(&e2, why, sizeof why);
			goto out;
		}
		if (enroll_answered(s, apath, school, device, key)) {
			t->enrolled_before++;
			rc = 0;
			goto out;
		}
	}
	status = server_enroll(s, token, school, device, key, time, sig,
	    &answer, &e2);
	if (status != SERVER_OK) {
		hs_error_format(&e2, why, sizeof why);
		goto out;
	}
	if ((rc = fileio_write(apath, answer, strlen(answer), 0644,
	    err)) == 0)
		t->enrolled++;
out:
	if (rc == 1) {
		t->refused++;
		if (refused != NULL)
			refused(path, why, ctx);
		rc = 0;
		/* The refusal goes back on the stick, with its reason: the
		 * school learns it without a trip to ask. */
		if (apath != NULL)
			write_refusal(dir, device, school, why);
	} else if (apath != NULL)
		drop_refusal(dir, device);
	json_decref(root);
	free(answer);
	free(apath);
	return rc;
}

/* Adds device to the list of those seen on a stick, once. */
static void
seen_add(char (**seen)[40], int *n, const char *device)
{
	int i;

	for (i = 0; i < *n; i++)
		if (strcmp((*seen)[i], device) == 0)
			return;
	*seen = xrealloc(*seen, (size_t)(*n + 1) * sizeof **seen);
	snprintf((*seen)[(*n)++], sizeof **seen, "%s", device);
}

/* Removes from dir the receipts of device that acknowledge more than
 * the server holds (acked): a lost server's, which the device must not
 * take again once it went back. */
static void
prune_receipts(const char *dir, const char *device, long long acked)
{
	struct receipt r;
	struct hs_error e2;
	char **names, prefix[64], *path, *text;
	size_t len;
	int n, i;

	if (list_files(dir, RECEIPT_SUFFIX, &names, &n, &e2) != 0)
		return;
	snprintf(prefix, sizeof prefix, "hocso-%s-", device);
	for (i = 0; i < n; i++) {
		if (strncmp(names[i], prefix, strlen(prefix)) != 0)
			continue;
		path = util_path_join(dir, names[i]);
		if (fileio_read(path, RECEIPT_MAX_SIZE, &text, &len,
		    &e2) == 0) {
			if (receipt_parse(text, len, &r, &e2) == 0 &&
			    r.acked_seq > acked)
				unlink(path);
			free(text);
		}
		free(path);
	}
	free_names(names, n);
}

/* Whether the state at path says what st says, signed by key: a stick
 * imported again is left as it was. */
static int
same_state(const char *path, const struct receipt_state *st,
    const struct keys_secret *key)
{
	struct receipt_state had;
	struct keys_public kp;
	struct hs_error e2;
	char *text;
	size_t len;
	int same;

	if (fileio_read(path, RECEIPT_MAX_SIZE, &text, &len, &e2) != 0)
		return 0;
	keys_public_of(key, &kp);
	same = receipt_state_parse(text, len, &had, &e2) == 0 &&
	    had.is_signed && memcmp(had.signer.pk, kp.pk, sizeof kp.pk) == 0 &&
	    strcmp(had.device, st->device) == 0 &&
	    had.enrolled == st->enrolled && had.acked_seq == st->acked_seq;
	free(text);
	return same;
}

/* Writes on the stick what the server holds of each device seen there
 * (a bundle, or its ask: receipt.h), signed, so that a device whose
 * events a restore lost sends them again by itself; adds the devices
 * that asked to seen. */
static int
import_states(struct server *s, const char *dir, char (**seen)[40],
    int *nseen, struct server_import_totals *t, struct hs_error *err)
{
	struct receipt_state st;
	struct srvstore_device d;
	char **names, name[128], *path, *text, now[32];
	size_t len;
	int n, i, rc;

	if ((rc = list_files(dir, RECEIPT_ASK_SUFFIX, &names, &n, err)) != 0)
		return rc;
	for (i = 0; i < n; i++)
		/* "hocso-" UUID ".ask": a name from a stick is data. */
		if (strlen(names[i]) == 6 + 36 + strlen(RECEIPT_ASK_SUFFIX) &&
		    strncmp(names[i], "hocso-", 6) == 0) {
			snprintf(name, 37, "%s", names[i] + 6);
			if (statement_uuid_valid(name))
				seen_add(seen, nseen, name);
		}
	free_names(names, n);
	now_iso(now, sizeof now);
	for (i = 0; i < *nseen && rc == 0; i++) {
		memset(&st, 0, sizeof st);
		snprintf(st.device, sizeof st.device, "%s", (*seen)[i]);
		snprintf(st.written, sizeof st.written, "%s", now);
		rc = srvstore_device_get(s->st, st.device, &d, err);
		if (rc == HS_ENOTFOUND)
			rc = 0;
		else if (rc == 0 && d.revoked[0] == '\0') {
			st.enrolled = 1;
			st.acked_seq = d.acked_seq;
		} else if (rc == 0)
			continue;		/* revoked: nothing to say */
		else
			return rc;
		if (st.enrolled)
			prune_receipts(dir, st.device, st.acked_seq);
		receipt_state_name(st.device, 0, name, sizeof name);
		path = util_path_join(dir, name);
		if (!same_state(path, &st, &s->key)) {
			text = receipt_state_text(&st, &s->key, &len);
			rc = fileio_write(path, text, len, 0644, err);
			free(text);
		}
		free(path);
		t->states++;
	}
	return rc;
}

int
server_import(struct server *s, const char *dir,
    struct server_import_totals *t, server_refused_fn refused, void *ctx,
    struct hs_error *err)
{
	struct server_ingest_info info;
	struct hs_error e2;
	enum server_status status;
	char **names, *path, *data, *receipt, rname[128], *rpath, why[800];
	char (*seen)[40] = NULL;
	size_t len, rlen;
	int n, i, nseen = 0, rc = 0;

	memset(t, 0, sizeof *t);
	/* Enrolment requests first: the bundles of a device enrolled by
	 * the same stick are then accepted in the same run. */
	if ((rc = list_files(dir, SERVER_ENROLL_SUFFIX, &names, &n,
	    err)) != 0)
		return rc;
	for (i = 0; i < n && rc == 0; i++) {
		path = util_path_join(dir, names[i]);
		rc = import_request(s, dir, path, t, refused, ctx, err);
		free(path);
	}
	free_names(names, n);
	if (rc != 0)
		return rc;
	if ((rc = list_files(dir, BUNDLE_SUFFIX, &names, &n, err)) != 0)
		return rc;
	for (i = 0; i < n; i++) {
		path = util_path_join(dir, names[i]);
		hs_error_clear(&e2);
		if (fileio_read(path, BUNDLE_MAX_FILE, &data, &len,
		    &e2) != 0) {
			t->refused++;
			if (refused != NULL)
				refused(path, e2.msg, ctx);
			free(path);
			continue;
		}
		memset(&info, 0, sizeof info);
		info.via = "usb";
		status = server_ingest_ex(s, data, len, NULL, &info, &receipt,
		    &rlen, &e2);
		free(data);
		if (info.device[0] != '\0')
			seen_add(&seen, &nseen, info.device);
		if (status != SERVER_OK) {
			if (status == SERVER_OUT_OF_ORDER)
				t->behind++;
			else
				t->refused++;
			if (refused != NULL) {
				hs_error_format(&e2, why, sizeof why);
				refused(path, why, ctx);
			}
			free(path);
			continue;
		}
		receipt_name(info.device, info.number, rname, sizeof rname);
		rpath = util_path_join(dir, rname);
		if (!same_file(rpath, receipt, rlen))
			rc = fileio_write(rpath, receipt, rlen, 0644, err);
		free(rpath);
		free(receipt);
		free(path);
		if (rc != 0)
			break;
		if (info.again)
			t->again++;
		else
			t->bundles++;
		t->events += info.stored;
	}
	free_names(names, n);
	if (rc == 0)
		rc = import_states(s, dir, &seen, &nseen, t, err);
	free(seen);
	return rc;
}

/* Copies the file at from to to: a temporary file beside it, flushed,
 * renamed. */
static int
copy_file(const char *from, const char *to, struct hs_error *err)
{
	char *data;
	size_t len;
	int rc;

	if ((rc = fileio_read(from, PACKAGE_MAX_TOTAL_SIZE, &data, &len,
	    err)) != 0)
		return rc;
	rc = fileio_write(to, data, len, 0644, err);
	free(data);
	return rc;
}

int
server_publish(struct server *s, const char *path, char **id,
    char **version, struct hs_error *err)
{
	return server_publish_ex(s, path, 0, id, version, NULL, err);
}

int
server_publish_ex(struct server *s, const char *path, int force, char **id,
    char **version, char **offered, struct hs_error *err)
{
	struct keys_public signer;
	struct srvstore_module m;
	struct manifest man;
	unsigned char zero[sizeof signer.pk] = { 0 };
	char *tmp, *data, hex[65], name[80], *dest, *mods, now[32];
	char publisher[KEYS_B64_MAX], *newer = NULL;
	size_t len;
	int rc, is_unsigned, again = 0;

	if (offered != NULL)
		*offered = NULL;
	if (id != NULL)
		*id = NULL;
	if (version != NULL)
		*version = NULL;
	tmp = util_path_join(s->dir, ".publish-XXXXXX");
	if (mkdtemp(tmp) == NULL) {
		rc = hs_error_set_at(err, HS_EIO, tmp, 0, 0, "%s",
		    strerror(errno));
		free(tmp);
		return rc;
	}
	rc = package_extract(path, tmp, NULL, 0, PACKAGE_MAX_RATIO, 1,
	    &is_unsigned, &man, &signer, err);
	util_rmtree(tmp);
	free(tmp);
	if (rc != 0)
		return rc;
	if (memcmp(signer.pk, zero, sizeof zero) == 0) {
		manifest_free(&man);
		return hs_error_set_at(err, HS_EINVAL, path, 0, 0, _("the "
		    "package is not signed: sign it with hocso-pack build "
		    "--key"));
	}
	if ((rc = fileio_read(path, PACKAGE_MAX_TOTAL_SIZE, &data, &len,
	    err)) != 0) {
		manifest_free(&man);
		return rc;
	}
	bundle_sha256(data, len, hex);
	free(data);
	/* What the catalog offers (server/modules.h): nothing is copied
	 * when it is refused. */
	if ((rc = modules_check(s, man.id, man.version, hex, force, &newer,
	    &again, err)) != 0) {
		manifest_free(&man);
		return rc;
	}
	keys_public_b64(&signer, publisher);
	snprintf(name, sizeof name, "%s.hsm", hex);
	mods = util_path_join(s->dir, MODULES_DIR);
	dest = util_path_join(mods, name);
	free(mods);
	rc = copy_file(path, dest, err);
	free(dest);
	if (rc == 0) {
		now_iso(now, sizeof now);
		m.id = man.id;
		m.version = man.version;
		m.sha256 = hex;
		m.published = now;
		m.size = (long long)len;
		m.publisher = publisher;
		m.withdrawn = NULL;
		/* The same package, withdrawn: offered again. */
		if ((rc = srvstore_begin(s->st, err)) == 0 &&
		    (rc = srvstore_module_add(s->st, &m, err)) == 0 &&
		    (!again || (rc = srvstore_module_offer(s->st, hex,
		    err)) == 0))
			rc = srvstore_commit(s->st, err);
		if (rc != 0)
			srvstore_rollback(s->st);
	}
	if (rc == 0 && id != NULL)
		*id = xstrdup(man.id);
	if (rc == 0 && version != NULL)
		*version = xstrdup(man.version);
	if (rc == 0 && offered != NULL) {
		*offered = newer;
		newer = NULL;
	}
	free(newer);
	manifest_free(&man);
	return rc;
}

int
server_alert(struct server *s, const char *path, long long *number,
    struct hs_error *err)
{
	struct alert a;
	char *text, sig[KEYS_B64_MAX], now[32], today[16];
	size_t len;
	int rc;

	if ((rc = fileio_read(path, ALERT_MAX_FILE, &text, &len, err)) != 0)
		return rc;
	if ((rc = alert_parse(text, len, path, &a, err)) != 0)
		goto out;
	alert_today(today, sizeof today);
	if (alert_expired(&a, today)) {
		rc = hs_error_set_at(err, HS_EINVAL, path, 0, 0, _("it expires "
		    "on %s, which is past (today is %s): no device would show "
		    "it; nothing was published"), a.expires, today);
		goto out;
	}
	keys_sign(&s->key, text, len, sig);
	now_iso(now, sizeof now);
	if ((rc = srvstore_begin(s->st, err)) != 0)
		goto out;
	if ((rc = srvstore_alert_add(s->st, a.id, text, len, sig, now, number,
	    err)) != 0 || (rc = srvstore_commit(s->st, err)) != 0) {
		srvstore_rollback(s->st);
		if (rc == HS_EINVAL && err != NULL) {
			char msg[sizeof err->msg];

			snprintf(msg, sizeof msg, "%s", err->msg);
			hs_error_set_at(err, rc, path, 0, 0, "%s", msg);
		}
	}
out:
	free(text);
	return rc;
}

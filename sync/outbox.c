/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * outbox.c: the device key, the outbox of bundles, receipts, and the
 * USB folder transport.  See outbox.h.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "core/clock.h"
#include "core/fileio.h"
#include "core/i18n.h"
#include "core/util.h"
#include "sync/bundle.h"
#include "sync/devstore.h"
#include "sync/outbox.h"
#include "sync/statement.h"

#define LOCK_NAME ".lock"

/* The device's own key, for reading its own bundles back. */
static int
own_key(const char *device, struct keys_public *key, void *ctx)
{
	struct outbox *o = ctx;

	if (strcmp(device, o->device) != 0)
		return HS_ENOTFOUND;
	*key = o->pub;
	return 0;
}

static long long
meta_ll(struct store *s, const char *key)
{
	char buf[32];
	long long v;

	if (store_meta_get(s, key, buf, sizeof buf, NULL) != 0)
		return 0;
	v = strtoll(buf, NULL, 10);
	return v > 0 ? v : 0;
}

/* Saves what the outbox holds in the meta table, in one transaction;
 * with receipt, also when that receipt was applied. */
static int
meta_save(struct outbox *o, int receipt, struct hs_error *err)
{
	char a[32], b[32], n[32], ts[32];
	int rc;

	snprintf(a, sizeof a, "%lld", o->acked);
	snprintf(b, sizeof b, "%lld", o->bundled);
	snprintf(n, sizeof n, "%lld", o->number);
	util_iso8601(clock_now_ms(), ts, sizeof ts);
	if ((rc = store_begin(o->store, err)) != 0)
		return rc;
	if ((rc = store_meta_set(o->store, OUTBOX_ACKED_SEQ, a, err)) != 0 ||
	    (rc = store_meta_set(o->store, OUTBOX_BUNDLED_SEQ, b, err)) != 0 ||
	    (rc = store_meta_set(o->store, OUTBOX_BUNDLE_NO, n, err)) != 0 ||
	    (receipt && (rc = store_meta_set(o->store, OUTBOX_LAST_RECEIPT, ts,
	    err)) != 0)) {
		store_rollback(o->store);
		return rc;
	}
	return store_commit(o->store, err);
}

/* Reads the device key, making it on first use (*made is then 1). */
static int
device_key(struct outbox *o, int *made, struct hs_error *err)
{
	char *base = util_path_join(o->datadir, OUTBOX_DEVICE_KEY);
	char *key = xmalloc(strlen(base) + 5), *pub = xmalloc(strlen(base) + 5);
	char derived[37];
	int rc = 0;

	sprintf(key, "%s.key", base);
	sprintf(pub, "%s.pub", base);
	*made = access(key, F_OK) != 0;
	if (*made) {
		/* A lost key is not made anew over its public half: a new
		 * key is a new device, which the province must enrol. */
		if (access(pub, F_OK) == 0) {
			rc = hs_error_set_at(err, HS_EINVAL, key, 0, 0, "%s",
			    _("missing, though device.pub is there: this "
			    "device's secret key is lost; restore device.key "
			    "from a backup (without it the device cannot "
			    "sign its bundles)"));
			goto out;
		}
		if ((rc = keys_generate(base, o->device, err)) != 0)
			goto out;
	}
	if ((rc = keys_read_secret(key, &o->key, err)) != 0)
		goto out;
	/* The key names the device it was made for, or gives it its id
	 * (outbox_adopt_derived_id()): a store emptied or replaced (a
	 * 0-byte hocso.db opens as a new store, with a new device id) must
	 * not speak as a new device. */
	keys_public_of(&o->key, &o->pub);
	statement_device_id(o->pub.pk, derived);
	if (strcmp(o->key.name, o->device) != 0 &&
	    strcmp(derived, o->device) != 0) {
		rc = hs_error_set_at(err, HS_EINVAL, key, 0, 0, _("made for "
		    "device %s, but the store (hocso.db) is device %s: the "
		    "store was emptied or replaced; restore hocso.db from a "
		    "backup (nothing was sent)"), o->key.name, o->device);
		goto out;
	}
	/* A power cut between the two files leaves the secret alone. */
	if (access(pub, F_OK) != 0)
		rc = keys_write_public(pub, &o->pub, err);
out:
	free(base);
	free(key);
	free(pub);
	return rc;
}

/* The actor's home page of the device's statements. */
static void
set_homepage(struct outbox *o)
{
	char homepage[512];

	if (store_meta_get(o->store, OUTBOX_HOMEPAGE, homepage,
	    sizeof homepage, NULL) != 0)
		homepage[0] = '\0';
	statement_homepage(homepage, o->school, o->device, o->homepage,
	    sizeof o->homepage);
}

int
outbox_adopt_derived_id(struct outbox *o, struct hs_error *err)
{
	char id[37], *path, *dir, prefix[64];
	struct dirent *e;
	int rc, enrolled;
	DIR *d;

	statement_device_id(o->pub.pk, id);
	if (strcmp(id, o->device) == 0)
		return 0;
	path = util_path_join(o->datadir, OUTBOX_SERVER_KEY);
	enrolled = access(path, F_OK) == 0;
	free(path);
	if (enrolled || meta_ll(o->store, OUTBOX_ACKED_SEQ) > 0)
		return 0;
	if ((rc = store_begin(o->store, err)) != 0)
		return rc;
	if ((rc = store_meta_set(o->store, DEVSTORE_DEVICE_ID, id, err)) != 0 ||
	    (rc = store_meta_set(o->store, OUTBOX_BUNDLED_SEQ, "0",
	    err)) != 0) {
		store_rollback(o->store);
		return rc;
	}
	if ((rc = store_commit(o->store, err)) != 0)
		return rc;
	snprintf(prefix, sizeof prefix, "hocso-%s-", o->device);
	dir = o->dir;
	if ((d = opendir(dir)) != NULL) {
		while ((e = readdir(d)) != NULL)
			if (!strncmp(e->d_name, prefix, strlen(prefix))) {
				path = util_path_join(dir, e->d_name);
				unlink(path);
				free(path);
			}
		closedir(d);
	}
	snprintf(o->device, sizeof o->device, "%s", id);
	o->bundled = o->acked;
	set_homepage(o);
	return 0;
}

static int
is_ours(const struct outbox *o, const char *name, const char *suffix)
{
	char prefix[64];
	size_t n = strlen(name), s = strlen(suffix);

	snprintf(prefix, sizeof prefix, "hocso-%s-", o->device);
	return n > strlen(prefix) + s && !strncmp(name, prefix,
	    strlen(prefix)) && !strcmp(name + n - s, suffix) &&
	    name[0] != '.';
}

static int
cmp_entry(const void *a, const void *b)
{
	const struct outbox_entry *x = a, *y = b;

	return x->number < y->number ? -1 : x->number > y->number;
}

/* Lists and checks the outbox's bundles; a damaged one is moved aside
 * (NAME.damaged) and counted in *damaged (may be NULL). */
static int
scan(struct outbox *o, struct outbox_entry **list, int *n, int *damaged,
    struct hs_error *err)
{
	struct outbox_entry *l = NULL;
	struct bundle b;
	struct dirent *e;
	char *path, *aside;
	int cap = 0;
	DIR *d;

	*list = NULL;
	*n = 0;
	if (damaged != NULL)
		*damaged = 0;
	if ((d = opendir(o->dir)) == NULL)
		return hs_error_set_at(err, HS_EIO, o->dir, 0, 0, "%s",
		    strerror(errno));
	while ((e = readdir(d)) != NULL) {
		if (!is_ours(o, e->d_name, BUNDLE_SUFFIX))
			continue;
		path = util_path_join(o->dir, e->d_name);
		if (bundle_read(path, own_key, o, NULL, BUNDLE_NO_EVENTS, &b,
		    NULL) != 0) {
			aside = xmalloc(strlen(path) + 9);
			sprintf(aside, "%s.damaged", path);
			fileio_rename(path, aside, 0, NULL);
			free(aside);
			free(path);
			if (damaged != NULL)
				(*damaged)++;
			continue;
		}
		/* A bundle of format 1 carries ids the server no longer
		 * takes: its events are packed again (reconcile()). */
		if (b.m.format != BUNDLE_FORMAT) {
			unlink(path);
			free(path);
			bundle_free(&b);
			if (damaged != NULL)
				(*damaged)++;
			continue;
		}
		free(path);
		if (*n == cap) {
			cap = cap != 0 ? cap * 2 : 16;
			l = xrealloc(l, cap * sizeof *l);
		}
		/* A bundle is known by the name its number gives it. */
		bundle_name(o->device, b.m.number, l[*n].name,
		    sizeof l[*n].name);
		if (strcmp(l[*n].name, e->d_name) != 0) {
			bundle_free(&b);
			continue;
		}
		memcpy(l[*n].sha256, b.sha256, 65);
		l[*n].number = b.m.number;
		l[*n].after_seq = b.m.after_seq;
		l[*n].first_seq = b.m.first_seq;
		l[*n].last_seq = b.m.last_seq;
		l[*n].count = b.m.count;
		(*n)++;
		bundle_free(&b);
	}
	closedir(d);
	if (*n > 0)
		qsort(l, *n, sizeof *l, cmp_entry);
	*list = l;
	return 0;
}

/* Removes a bundle from the outbox. */
static void
drop(struct outbox *o, const char *name)
{
	char *path = util_path_join(o->dir, name);

	unlink(path);
	free(path);
}

/* Removes the acknowledged bundles and checks that the rest hold every
 * event from sync.acked_seq to sync.bundled_seq; when they do not, drops
 * them all so that outbox_fill() packs those events again. */
static int
reconcile(struct outbox *o, struct hs_error *err)
{
	struct outbox_entry *l;
	long long expect, top_seq, top_number;
	long long was_b = o->bundled, was_n = o->number;
	int n, i, damaged, whole, rc;

	if ((rc = scan(o, &l, &n, &damaged, err)) != 0)
		return rc;
	top_seq = o->bundled > o->acked ? o->bundled : o->acked;
	top_number = o->number;
	for (i = 0; i < n; i++) {
		if (l[i].last_seq > top_seq)
			top_seq = l[i].last_seq;
		if (l[i].number > top_number)
			top_number = l[i].number;
	}
	whole = damaged == 0;
	expect = o->acked;
	for (i = 0; i < n; i++) {
		if (l[i].last_seq <= o->acked) {
			drop(o, l[i].name);
			l[i].number = -1;
			continue;
		}
		if (l[i].after_seq > expect)
			whole = 0;
		if (l[i].last_seq > expect)
			expect = l[i].last_seq;
	}
	if (expect != top_seq)
		whole = 0;
	o->number = top_number;
	if (whole)
		o->bundled = top_seq;
	else {
		for (i = 0; i < n; i++)
			if (l[i].number >= 0) {
				drop(o, l[i].name);
				o->repacked++;
			}
		o->repacked += damaged;
		o->bundled = o->acked;
	}
	free(l);
	if (o->bundled != was_b || o->number != was_n)
		return meta_save(o, 0, err);
	return 0;
}

/* Removes temporary files left by a write cut short. */
static void
clean_tmp(struct outbox *o)
{
	fileio_clean_temps(o->dir, NULL);
}

int
outbox_open(struct outbox *o, const char *datadir, struct store *s,
    struct hs_error *err)
{
	char *path;
	int rc, made;

	memset(o, 0, sizeof *o);
	o->lock = -1;
	o->store = s;
	o->datadir = xstrdup(datadir);
	o->dir = util_path_join(datadir, OUTBOX_DIR);
	if ((rc = util_mkdir_p(o->dir, err)) != 0)
		goto fail;
	path = util_path_join(o->dir, LOCK_NAME);
	o->lock = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
	free(path);
	if (o->lock < 0 || flock(o->lock, LOCK_EX | LOCK_NB) != 0) {
		rc = hs_error_set_at(err, HS_EIO, o->dir, 0, 0, "%s",
		    o->lock >= 0 && errno == EWOULDBLOCK ? _("another hocso "
		    "sync is using this outbox: wait for it to finish") :
		    strerror(errno));
		goto fail;
	}
	if ((rc = devstore_device_id(s, o->device, sizeof o->device,
	    err)) != 0)
		goto fail;
	if (store_meta_get(s, OUTBOX_SCHOOL_CODE, o->school, sizeof o->school,
	    NULL) != 0)
		o->school[0] = '\0';
	/* A new device takes the id its key gives at once. */
	if ((rc = device_key(o, &made, err)) != 0 || (made &&
	    (rc = outbox_adopt_derived_id(o, err)) != 0))
		goto fail;
	set_homepage(o);
	path = util_path_join(datadir, OUTBOX_SERVER_KEY);
	if (access(path, F_OK) == 0) {
		rc = keys_read_public(path, &o->server, err);
		o->has_server_key = rc == 0;
	}
	free(path);
	if (rc != 0)
		goto fail;
	o->acked = meta_ll(s, OUTBOX_ACKED_SEQ);
	o->bundled = meta_ll(s, OUTBOX_BUNDLED_SEQ);
	o->number = meta_ll(s, OUTBOX_BUNDLE_NO);
	clean_tmp(o);
	if ((rc = reconcile(o, err)) != 0)
		goto fail;
	return 0;
fail:
	outbox_close(o);
	return rc;
}

void
outbox_close(struct outbox *o)
{
	if (o->lock >= 0)
		close(o->lock);
	o->lock = -1;
	sodium_memzero(&o->key, sizeof o->key);
	free(o->datadir);
	free(o->dir);
	o->datadir = o->dir = NULL;
}

struct fill {
	struct outbox *o;
	int bundles;
	long long events;
};

static int
written(const struct bundle_manifest *m, const char *path, void *ctx,
    struct hs_error *err)
{
	struct fill *f = ctx;

	f->o->bundled = m->last_seq;
	f->o->number = m->number;
	f->bundles++;
	f->events += m->count;
	return meta_save(f->o, 0, err);
}

int
outbox_fill(struct outbox *o, int max_events, long max_payload,
    int *bundles, long long *events, struct hs_error *err)
{
	struct bundle_source src = { o->device, o->school, o->homepage,
	    &o->key };
	struct fill f = { o, 0, 0 };
	int rc;

	rc = bundle_write(o->store, &src, o->dir, o->bundled, o->number,
	    max_events, max_payload, written, &f, err);
	if (bundles != NULL)
		*bundles = f.bundles;
	if (events != NULL)
		*events = f.events;
	return rc;
}

int
outbox_list(struct outbox *o, struct outbox_entry **list, int *n,
    struct hs_error *err)
{
	return scan(o, list, n, NULL, err);
}

int
outbox_waiting(struct outbox *o, long long *events, struct hs_error *err)
{
	static const char sql[] = "SELECT count(*) FROM events WHERE seq > ?";
	sqlite3_stmt *st;
	int rc;

	*events = 0;
	if ((st = store_prepare(o->store, sql, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_int64(st, 1, o->acked);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*events = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return store_error(o->store, err, _("cannot read the events"));
	return 0;
}

int
outbox_apply(struct outbox *o, const struct receipt *r, struct hs_error *err)
{
	struct outbox_entry *l;
	struct bundle b;
	char name[128], *path;
	long long last;
	int n, i, rc, same;

	if (strcmp(r->device, o->device) != 0)
		return hs_error_set(err, HS_EINVAL, _("the receipt is for "
		    "device %s, not this one (%s)"), r->device, o->device);
	bundle_name(o->device, r->number, name, sizeof name);
	path = util_path_join(o->dir, name);
	rc = access(path, F_OK) == 0 ? bundle_read(path, own_key, o, NULL,
	    BUNDLE_NO_EVENTS, &b, err) : HS_ENOTFOUND;
	free(path);
	if (rc == HS_ENOTFOUND) {
		/* Its bundle left the outbox with an earlier receipt. */
		if (r->acked_seq <= o->acked && r->number <= o->number)
			return 1;
		return hs_error_set(err, HS_EINVAL, _("the receipt is for "
		    "bundle %lld, which is not in this device's outbox"),
		    r->number);
	}
	if (rc != 0)
		return rc;
	/* b holds no events (BUNDLE_NO_EVENTS): its manifest is all. */
	same = strcmp(b.sha256, r->sha256) == 0;
	last = b.m.last_seq;
	bundle_free(&b);
	if (!same)
		return hs_error_set(err, HS_EINVAL, _("the receipt for bundle "
		    "%lld names other contents (another SHA-256)"), r->number);
	if (r->acked_seq > last)
		return hs_error_set(err, HS_EINVAL, _("the receipt acknowledges "
		    "events up to %lld, but bundle %lld ends at %lld"),
		    r->acked_seq, r->number, last);
	if (r->acked_seq <= o->acked)
		return 1;
	/* Only a receipt that would move the acknowledgement needs to be
	 * the server's. */
	if (o->has_server_key && (!r->is_signed || sodium_memcmp(r->signer.pk,
	    o->server.pk, sizeof o->server.pk) != 0))
		return hs_error_set(err, HS_EINVAL, _("the receipt is not "
		    "signed by the server this device is enrolled with"));
	o->acked = r->acked_seq;
	if ((rc = meta_save(o, 1, err)) != 0)
		return rc;
	if ((rc = scan(o, &l, &n, NULL, err)) != 0)
		return rc;
	for (i = 0; i < n; i++)
		if (l[i].last_seq <= o->acked)
			drop(o, l[i].name);
	free(l);
	return 0;
}

int
outbox_rewind(struct outbox *o, long long acked, struct hs_error *err)
{
	struct outbox_entry *l;
	int n, i, rc;

	if (acked < 0 || acked >= o->acked)
		return 0;
	/* The events stay in the store (append-only): only what says they
	 * were stored moves back, and the bundles go, to be packed again
	 * with new numbers. */
	if ((rc = scan(o, &l, &n, NULL, err)) != 0)
		return rc;
	for (i = 0; i < n; i++)
		drop(o, l[i].name);
	free(l);
	o->acked = acked;
	o->bundled = acked;
	if ((rc = meta_save(o, 0, err)) != 0)
		return rc;
	return 1;
}

/* Whether the file at path holds exactly len bytes of data. */
static int
same_file(const char *path, const char *data, size_t len)
{
	size_t got;
	char *have;
	int same;

	/* path is on a stick: read as fileio reads what it does not trust. */
	same = fileio_read(path, len, &have, &got, NULL) == 0 && got == len &&
	    memcmp(have, data, len) == 0;
	free(have);
	return same;
}

/* Removes from the stick dir this device's bundles that are not in the
 * outbox l (n of them): acknowledged, or packed again after the server
 * went back (outbox_rewind()); the stick carries only what waits. */
static void
stick_prune(struct outbox *o, const char *dir, const struct outbox_entry *l,
    int n)
{
	struct dirent **names;
	char *path;
	int i, j, m, keep;

	if ((m = scandir(dir, &names, NULL, alphasort)) < 0)
		return;
	for (i = 0; i < m; i++) {
		if (is_ours(o, names[i]->d_name, BUNDLE_SUFFIX)) {
			for (keep = 0, j = 0; j < n && !keep; j++)
				keep = strcmp(l[j].name, names[i]->d_name) == 0;
			if (!keep) {
				path = util_path_join(dir, names[i]->d_name);
				unlink(path);
				free(path);
			}
		}
		free(names[i]);
	}
	free(names);
}

/* Writes this device's ask on the stick (receipt.h): the server's
 * import answers it with what it holds of the device. */
static int
write_ask(struct outbox *o, const char *dir, struct hs_error *err)
{
	char name[128], text[160], *path;
	int rc;

	receipt_state_name(o->device, 1, name, sizeof name);
	snprintf(text, sizeof text, "{\"device\":\"%s\",\"acked_seq\":%lld}"
	    "\n", o->device, o->acked);
	path = util_path_join(dir, name);
	rc = same_file(path, text, strlen(text)) ? 0 : fileio_write(path,
	    text, strlen(text), 0644, err);
	free(path);
	return rc;
}

int
outbox_state_from_dir(struct outbox *o, const char *dir,
    struct receipt_state *st, struct hs_error *err)
{
	char name[128], *path, *text;
	size_t len;
	int rc;

	memset(st, 0, sizeof *st);
	if (!o->has_server_key)
		return 0;		/* not enrolled yet */
	receipt_state_name(o->device, 0, name, sizeof name);
	path = util_path_join(dir, name);
	if (access(path, F_OK) != 0) {
		free(path);
		return 0;
	}
	rc = fileio_read(path, RECEIPT_MAX_SIZE, &text, &len, err);
	if (rc == 0) {
		rc = receipt_state_parse(text, len, st, err);
		free(text);
	}
	if (rc == 0 && (strcmp(st->device, o->device) != 0 ||
	    !st->is_signed || sodium_memcmp(st->signer.pk, o->server.pk,
	    sizeof o->server.pk) != 0))
		rc = hs_error_set(err, HS_EINVAL, _("the receipt is not "
		    "signed by the server this device is enrolled with"));
	if (rc != 0) {
		char msg[sizeof err->msg];

		snprintf(msg, sizeof msg, "%s", err->msg);
		hs_error_set_at(err, rc, path, 0, 0, "%s", msg);
		free(path);
		return rc;
	}
	free(path);
	if (!st->enrolled)
		return 2;
	return outbox_rewind(o, st->acked_seq, err);
}

int
outbox_to_dir(struct outbox *o, const char *dir, int *written_n,
    int *already, long long *events, struct hs_error *err)
{
	struct outbox_entry *l;
	struct stat st;
	char *src, *dst, *data;
	size_t len;
	int n, i, rc = 0;

	*written_n = *already = 0;
	*events = 0;
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
		return hs_error_set_at(err, HS_EIO, dir, 0, 0, "%s",
		    _("no such folder: is the USB stick plugged in and "
		    "mounted?"));
	if ((rc = scan(o, &l, &n, NULL, err)) != 0)
		return rc;
	stick_prune(o, dir, l, n);
	if ((rc = write_ask(o, dir, err)) != 0) {
		free(l);
		return rc;
	}
	for (i = 0; i < n && rc == 0; i++) {
		src = util_path_join(o->dir, l[i].name);
		dst = util_path_join(dir, l[i].name);
		if ((data = util_read_file(src, BUNDLE_MAX_FILE, &len,
		    err)) == NULL)
			rc = HS_EIO;
		else if (same_file(dst, data, len))
			(*already)++;
		else if ((rc = fileio_write(dst, data, len, 0644, err)) == 0) {
			(*written_n)++;
			*events += l[i].count;
		}
		free(data);
		free(src);
		free(dst);
	}
	free(l);
	return rc;
}

int
outbox_from_dir(struct outbox *o, const char *dir, outbox_report_fn report,
    void *ctx, int *applied, int *seen, int *bad, struct hs_error *err)
{
	struct receipt r;
	struct hs_error e;
	struct dirent **names;
	char *path, *text;
	size_t len;
	int rc, i, n;

	*applied = *seen = *bad = 0;
	/* In the order of their bundles, so that each counts. */
	if ((n = scandir(dir, &names, NULL, alphasort)) < 0)
		return hs_error_set_at(err, HS_EIO, dir, 0, 0, "%s",
		    errno == ENOENT ? _("no such folder: is the USB stick "
		    "plugged in and mounted?") : strerror(errno));
	for (i = 0; i < n; i++) {
		if (!is_ours(o, names[i]->d_name, RECEIPT_SUFFIX))
			continue;
		path = util_path_join(dir, names[i]->d_name);
		hs_error_clear(&e);
		rc = fileio_read(path, RECEIPT_MAX_SIZE, &text, &len, &e);
		if (rc == 0)
			rc = receipt_parse(text, len, &r, &e);
		if (rc == 0)
			rc = outbox_apply(o, &r, &e);
		free(text);
		if (rc == 0)
			(*applied)++;
		else if (rc == 1)
			(*seen)++;
		else {
			char msg[sizeof e.msg];

			(*bad)++;
			if (report != NULL) {
				snprintf(msg, sizeof msg, "%s", e.msg);
				hs_error_set_at(&e, rc, path, 0, 0, "%s", msg);
				report(&e, ctx);
			}
		}
		free(path);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return 0;
}

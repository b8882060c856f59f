/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * client.c: the device's side of the sync protocol over HTTP
 * (docs/sync-protocol.md): what to ask the server, what each answer
 * means, and what to keep of it.  See client.h.
 *
 * A bundle leaves the outbox only when its receipt is applied, so a run
 * cut short at any instant loses nothing and the next one goes on from
 * the first bundle not yet acknowledged.  A module is downloaded to a
 * temporary file in the data folder, checked against the catalog's size
 * and SHA-256, then installed as hocso install does.  Alerts are kept
 * only when signed by the server this device is enrolled with.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <sodium.h>

#include "core/clock.h"
#include "core/fileio.h"
#include "core/i18n.h"
#include "core/keys.h"
#include "core/util.h"
#include "lessons/catalog.h"
#include "lessons/install.h"
#include "sync/alert.h"
#include "sync/client.h"
#include "sync/receipt.h"
#include "sync/statement.h"

#define SERVER_KEY_NAME "hocso-server"	/* the name in server.pub */
#define MODULE_TMP "sync-module.hsm"	/* a download's (temporary) name */
#define MAX_BUNDLE (64L << 20)		/* bytes read from the outbox */
#define MAX_MODULE (1LL << 30)		/* bytes of a module download */

void
client_init(struct client *c, const char *datadir, struct store *s,
    struct outbox *o, int tries)
{
	memset(c, 0, sizeof *c);
	c->datadir = datadir;
	c->store = s;
	c->o = o;
	synchttp_policy_init(&c->policy, tries);
}

int
client_open(struct client *c, const char *url)
{
	struct hs_error err;
	char why[640];

	if (synchttp_open(&c->h, url, &err) != 0) {
		client_fail(c, "%s", hs_error_format(&err, why, sizeof why));
		return -1;
	}
	return 0;
}

void
client_close(struct client *c)
{
	synchttp_close(&c->h);
}

void
client_fail(struct client *r, const char *fmt, ...)
{
	char line[sizeof r->problem];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	synchttp_progress_break(&r->h);
	fprintf(stderr, "hocso: %s\n", line);
	if (r->problem[0] == '\0')
		memcpy(r->problem, line, sizeof line);
}

/* What went wrong with a request that got no answer, or an answer a
 * retry may fix, in words a teacher understands. */
static void
plain_words(const struct synchttp_answer *a, char *buf, size_t len)
{
	int n;

	switch (a->curl) {
	case CURLE_OK:
		if (a->status == 429)
			n = snprintf(buf, len, "%s", _("the server is busy "
			    "(too many requests)"));
		else if (a->status == 503)
			n = snprintf(buf, len, "%s", _("the server cannot "
			    "store anything now (busy or full)"));
		else if (a->status == 404)
			n = snprintf(buf, len, "%s", _("there is no hocso "
			    "server at this address (HTTP 404)"));
		else if (a->status >= 500)
			n = snprintf(buf, len, _("the server has a problem "
			    "(HTTP %ld)"), a->status);
		else
			n = snprintf(buf, len, _("the server answered HTTP "
			    "%ld"), a->status);
		if (a->error[0] != '\0' && n >= 0 && (size_t)n < len)
			snprintf(buf + n, len - n, ": %s", a->error);
		return;
	case CURLE_COULDNT_RESOLVE_HOST:
		snprintf(buf, len, "%s", _("could not find the server (no "
		    "network, or a wrong server address)"));
		return;
	case CURLE_COULDNT_RESOLVE_PROXY:
		snprintf(buf, len, "%s", _("could not find the proxy (check "
		    "the proxy settings)"));
		return;
	case CURLE_COULDNT_CONNECT:
		if (a->os_errno == ECONNREFUSED)
			snprintf(buf, len, "%s", _("could not reach the server "
			    "(connection refused)"));
		else if (a->os_errno == ENETUNREACH ||
		    a->os_errno == EHOSTUNREACH)
			snprintf(buf, len, "%s", _("could not reach the server "
			    "(no network route to it)"));
		else
			snprintf(buf, len, _("could not reach the server (%s)"),
			    a->why);
		return;
	case CURLE_OPERATION_TIMEDOUT:
		snprintf(buf, len, "%s", _("the server did not answer in time "
		    "(30 seconds)"));
		return;
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_CERTPROBLEM:
		snprintf(buf, len, _("the server's certificate could not be "
		    "checked: is this computer's date right? (%s)"), a->why);
		return;
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_PARTIAL_FILE:
		snprintf(buf, len, _("the connection to the server was cut "
		    "(%s)"), a->why);
		return;
	default:
		snprintf(buf, len, _("the connection to the server failed "
		    "(%s)"), a->why);
		return;
	}
}

/* A request, made again while its outcome is worth retrying, at most
 * policy.tries times; the waits are said on standard error.  fn makes
 * the request into a (freeing nothing); ctx is its own. */
typedef int (*request_fn)(struct client *r, struct synchttp_answer *a,
    void *ctx);

static void
with_retries(struct client *r, request_fn fn, void *ctx,
    struct synchttp_answer *a)
{
	char why[640];
	long long wait;
	int attempt;

	for (attempt = 0;; attempt++) {
		fn(r, a, ctx);
		if (!synchttp_retryable(a->curl, a->status) ||
		    attempt + 1 >= r->policy.tries)
			break;
		wait = synchttp_wait_ms(&r->policy, attempt, a->retry_after_ms);
		plain_words(a, why, sizeof why);
		synchttp_progress_break(&r->h);
		/* TRANSLATORS: what went wrong; seconds; the next try;
		 * how many tries in all. */
		fprintf(stderr, _("hocso: %s; retrying in %.1f s (try %d of "
		    "%d)\n"), why, wait / 1000.0, attempt + 2, r->policy.tries);
		synchttp_answer_free(a);
		synchttp_sleep_ms(wait);
	}
	/* No server, or not a hocso server: no use asking it more. */
	if (a->curl != CURLE_OK ? synchttp_retryable(a->curl, 0) :
	    synchttp_retryable(CURLE_OK, a->status) || a->status == 404 ||
	    a->status < 200 || (a->status >= 300 && a->status < 400))
		r->unreachable = 1;
}

void
client_record(struct client *r, const char *key, const char *value)
{
	struct hs_error err;
	char why[640];

	if (store_meta_put(r->store, key, value, &err) != 0) {
		fprintf(stderr, "hocso: %s\n", hs_error_format(&err, why,
		    sizeof why));
	}
}

void
client_now(char *buf, size_t len)
{
	char ms[32];

	util_iso8601(clock_now_ms(), ms, sizeof ms);
	/* "2026-11-28T17:46:46Z": seconds are enough for a teacher. */
	snprintf(buf, len, "%.19sZ", ms);
}

/* The server holds this device's events only up to acked, fewer than the
 * device thought (it was restored from a backup): the outbox goes back
 * to acked and the events after it are packed and sent again, with no
 * one at the school doing anything.  Returns 1 when it went back, 0
 * when acked is not below what the device thought, -1 (said). */
static int
rewind_to(struct client *r, long long acked)
{
	struct hs_error err;
	char why[640];
	long long was = r->o->acked;
	int rc;

	if ((rc = outbox_rewind(r->o, acked, &err)) < 0) {
		client_fail(r, "%s", hs_error_format(&err, why, sizeof why));
		return -1;
	}
	if (rc == 1) {
		synchttp_progress_break(&r->h);
		printf(_("the server holds this device's events only up to "
		    "%lld, not %lld (restored from a backup?): the events "
		    "after it are sent again\n"), acked, was);
		r->rewound = 1;
	}
	return rc;
}

/* The acked_seq of a JSON answer (a 422's, an enrolment's), or -1. */
static long long
answer_acked(const char *body, size_t len)
{
	json_t *root, *v;
	long long acked = -1;

	if (body != NULL && (root = json_loadb(body, len, 0, NULL)) != NULL) {
		if (json_is_integer(v = json_object_get(root, "acked_seq")))
			acked = json_integer_value(v);
		json_decref(root);
	}
	return acked;
}

struct put_ctx {
	const char *sha256;
	const char *data;
	size_t len;
};

static int
put_bundle(struct client *r, struct synchttp_answer *a, void *ctx)
{
	struct put_ctx *p = ctx;

	return synchttp_put_bundle(&r->h, p->sha256, p->data, p->len, a);
}

/* Why the server refused bundle e for good, in plain words. */
static void
bundle_refused(struct client *r, const struct outbox_entry *e,
    const struct synchttp_answer *a)
{
	char why[640];
	const char *said = a->error[0] != '\0' ? a->error : "";
	long long acked;

	switch (a->status) {
	case 400:
		client_fail(r,
		    _("the server refused bundle %lld as damaged: %s"),
		    e->number, said);
		return;
	case 403:
		client_fail(r, "%s", _("the server refused this device: it is "
		    "not enrolled or was revoked"));
		return;
	case 409:
		client_fail(r, _("the server has an event of bundle %lld with "
		    "other contents and kept the bundle aside: ask the "
		    "province admin (%s)"), e->number, said);
		return;
	case 413:
		client_fail(r,
		    _("bundle %lld is too large for the server (%s)"),
		    e->number, said);
		return;
	case 422:
		acked = answer_acked(a->body, a->len);
		/* Fewer than the device thought: send them again. */
		if (rewind_to(r, acked) != 0)
			return;
		client_fail(r, _("the server is missing this device's events "
		    "before bundle %lld (it has them up to %lld): ask the "
		    "province admin"), e->number, acked);
		return;
	default:
		plain_words(a, why, sizeof why);
		client_fail(r,
		    _("bundle %lld was not sent: %s"), e->number, why);
		return;
	}
}

int
client_send_outbox(struct client *r, int *nsent, long long *nevents)
{
	struct outbox_entry *l;
	struct synchttp_answer a;
	struct put_ctx p;
	struct receipt rc;
	struct hs_error err;
	char why[640], *path, *data;
	long long events = 0;
	size_t len;
	int i, n, sent = 0, failed = 0, applied;

	*nsent = 0;
	*nevents = 0;
	if (outbox_list(r->o, &l, &n, &err) != 0) {
		client_fail(r, "%s", hs_error_format(&err, why, sizeof why));
		return -1;
	}
	synchttp_progress_start(&r->h, n);
	for (i = 0; i < n && !failed; i++) {
		path = util_path_join(r->o->dir, l[i].name);
		data = util_read_file(path, MAX_BUNDLE, &len, &err);
		free(path);
		if (data == NULL) {
			client_fail(r, "%s", hs_error_format(&err, why,
			    sizeof why));
			failed = 1;
			break;
		}
		p.sha256 = l[i].sha256;
		p.data = data;
		p.len = len;
		with_retries(r, put_bundle, &p, &a);
		free(data);
		if (a.curl != CURLE_OK || synchttp_retryable(CURLE_OK,
		    a.status)) {
			plain_words(&a, why, sizeof why);
			client_fail(r, "%s", why);
			failed = 1;
		} else if (a.status != 200)
			bundle_refused(r, &l[i], &a), failed = 1;
		else if (receipt_parse(a.body != NULL ? a.body : "", a.len,
		    &rc, &err) != 0 || (applied = outbox_apply(r->o, &rc,
		    &err)) < 0) {
			client_fail(r,
			    _("the server's receipt for bundle %lld was "
			    "refused: %s"), l[i].number, hs_error_format(&err,
			    why, sizeof why));
			failed = 1;
		} else {
			synchttp_progress_sent(&r->h, l[i].number, l[i].count,
			    len);
			sent++;
			events += l[i].count;
		}
		synchttp_answer_free(&a);
	}
	synchttp_progress_break(&r->h);
	free(l);
	*nsent = sent;
	*nevents = events;
	return failed ? -1 : 0;
}

static int
get_memory(struct client *r, struct synchttp_answer *a, void *ctx)
{
	return synchttp_get(&r->h, ctx, NULL, 0, a);
}

/* GETs path into memory, retrying; on 200 returns the answer's JSON
 * (json_decref() it), else says why with what (the thing fetched) and
 * returns NULL. */
static json_t *
get_json(struct client *r, const char *path, const char *what)
{
	struct synchttp_answer a;
	json_error_t je;
	json_t *root = NULL;
	char why[640];

	with_retries(r, get_memory, (void *)path, &a);
	if (a.curl != CURLE_OK || a.status != 200) {
		plain_words(&a, why, sizeof why);
		client_fail(r, _("could not fetch %s: %s"), what, why);
	} else if ((root = json_loadb(a.body != NULL ? a.body : "", a.len, 0,
	    &je)) == NULL || !json_is_object(root)) {
		client_fail(r,
		    _("could not fetch %s: the server's answer is not "
		    "what hocso expects (%s)"), what, root == NULL ? je.text :
		    "not an object");
		json_decref(root);
		root = NULL;
	}
	synchttp_answer_free(&a);
	return root;
}

/* Removes downloads a run killed before it could left behind. */
static void
clean_downloads(const char *datadir)
{
	fileio_clean_temps(datadir, MODULE_TMP);
}

struct file_ctx {
	const char *path;		/* the request's path */
	FILE *f;
	long long size;
};

static int
get_file(struct client *r, struct synchttp_answer *a, void *ctx)
{
	struct file_ctx *fc = ctx;

	/* A retry starts the file again. */
	if (fflush(fc->f) != 0 || ftruncate(fileno(fc->f), 0) != 0) {
		memset(a, 0, sizeof *a);
		a->curl = CURLE_WRITE_ERROR;
		snprintf(a->why, sizeof a->why, _("cannot write the download: "
		    "%s"), strerror(errno));
		return HS_EIO;
	}
	rewind(fc->f);
	return synchttp_get(&r->h, fc->path, fc->f, fc->size, a);
}

/* The SHA-256 of f's contents in hex (65 bytes), or -1. */
static int
file_sha256(FILE *f, char hex[65])
{
	crypto_hash_sha256_state st;
	unsigned char buf[65536], md[crypto_hash_sha256_BYTES];
	size_t n;

	if (fflush(f) != 0 || fseek(f, 0, SEEK_SET) != 0)
		return -1;
	crypto_hash_sha256_init(&st);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		crypto_hash_sha256_update(&st, buf, n);
	if (ferror(f))
		return -1;
	crypto_hash_sha256_final(&st, md);
	sodium_bin2hex(hex, 65, md, sizeof md);
	return 0;
}

#define REFUSED_KEY "sync.refused_module."	/* + the module's id */

/* How many publishers this device trusts: a refusal is remembered for
 * that many. */
static int
trust_count(struct client *r)
{
	struct keys_public *keys = NULL;
	struct hs_error err;
	int n = 0;

	if (install_trust_list(r->datadir, &keys, &n, &err) != 0)
		n = -1;
	free(keys);
	return n;
}

/* Remembers that the package sha256 of module id was refused, and why. */
static void
refusal_keep(struct client *r, const char *id, const char *sha256,
    const char *why)
{
	char key[200], value[800];

	snprintf(key, sizeof key, REFUSED_KEY "%s", id);
	snprintf(value, sizeof value, "%s %d %s", sha256, trust_count(r), why);
	client_record(r, key, value);
}

/* Whether the package sha256 of module id was refused before, with the
 * same publishers trusted: said once more on standard output, not
 * fetched again, and no failure of the sync. */
static int
refusal_known(struct client *r, const char *id, const char *version,
    const char *sha256)
{
	char key[200], value[800], *why;
	int n, off = 0;

	snprintf(key, sizeof key, REFUSED_KEY "%s", id);
	if (store_meta_get(r->store, key, value, sizeof value, NULL) != 0 ||
	    strncmp(value, sha256, 64) != 0 || value[64] != ' ' ||
	    sscanf(value + 65, "%d %n", &n, &off) != 1 || off == 0 ||
	    n != trust_count(r))
		return 0;
	why = fileio_printable(value + 65 + off);
	synchttp_progress_break(&r->h);
	printf(_("module %s %s is not installed: it was refused before (%s); "
	    "it is tried again when the server offers another version or "
	    "this device trusts another publisher\n"), id, version,
	    why != NULL ? why : "");
	free(why);
	return 1;
}

/* Downloads the module id (version, sha256, size) and installs it as
 * hocso install does, calling fn when it is.  Returns 0 or -1 (said). */
static int
fetch_module(struct client *r, const char *id, const char *version,
    const char *sha256, long long size, client_installed_fn fn, void *arg)
{
	struct synchttp_answer a;
	struct keys_public signer;
	struct file_ctx fc;
	struct hs_error err;
	char path[160], hex[65], why[640], got_id[129], got_v[32], *tmp;
	struct fileio_tmp t;
	int fd, rc = -1, was_unreachable;

	/* A temporary file of fileio's, never committed: it goes after. */
	tmp = util_path_join(r->datadir, MODULE_TMP);
	rc = fileio_begin(&t, tmp, 0600, &err);
	free(tmp);
	if (rc != 0) {
		client_fail(r, _("module %s %s: cannot make %s: %s"), id,
		    version, err.file, err.msg);
		return -1;
	}
	rc = -1;
	tmp = t.tmp;
	if ((fd = dup(t.fd)) < 0 || (fc.f = fdopen(fd, "w+b")) == NULL) {
		client_fail(r, _("module %s %s: cannot make %s: %s"), id,
		    version, tmp, strerror(errno));
		if (fd >= 0)
			close(fd);
		fileio_abort(&t);
		return -1;
	}
	snprintf(path, sizeof path, "/v1/modules/%s", sha256);
	fc.path = path;
	fc.size = size;
	was_unreachable = r->unreachable;
	with_retries(r, get_file, &fc, &a);
	if (a.curl == CURLE_OK && a.status == 404) {
		/* The server answered: it lacks this package, nothing more.
		 * The rest of the sync (alerts) goes on. */
		r->unreachable = was_unreachable;
		client_fail(r, _("module %s %s could not be downloaded: the "
		    "server lists it but does not have its package (HTTP 404): "
		    "tell the province admin"), id, version);
	} else if (a.curl != CURLE_OK || a.status != 200) {
		plain_words(&a, why, sizeof why);
		client_fail(r,
		    _("module %s %s could not be downloaded: %s"), id,
		    version, why);
	} else if (file_sha256(fc.f, hex) != 0)
		client_fail(r, _("module %s %s: cannot read %s back: %s"), id,
		    version, tmp, strerror(errno));
	else if (ftell(fc.f) != size || strcmp(hex, sha256) != 0)
		client_fail(r, _("module %s %s arrived damaged (%ld bytes, "
		    "SHA-256 %.12s..., not %lld bytes, %.12s...)"), id, version,
		    ftell(fc.f), hex, size, sha256);
	else {
		hs_error_clear(&err);
		if (install_package(r->datadir, tmp, 0, got_id, got_v, &signer,
		    &err) != 0) {
			client_fail(r,
			    _("module %s %s was not installed: %s"), id,
			    version, hs_error_format(&err, why, sizeof why));
			/* The very package the catalog names, refused
			 * (a publisher not trusted here, say): not again
			 * until another version or another trust list. */
			if (err.code == HS_EINVAL)
				refusal_keep(r, id, sha256, err.msg);
		}
		else {
			fn(got_id, got_v, signer.name, arg);
			rc = 0;
		}
	}
	synchttp_answer_free(&a);
	fclose(fc.f);
	fileio_abort(&t);
	return rc;
}

int
client_fetch_modules(struct client *r, client_installed_fn fn, void *arg,
    long long *alerts)
{
	struct catalog c;
	struct hs_error err;
	const struct module *m;
	json_t *root, *mods, *e, *v;
	const char *id, *version, *sha256;
	char why[640];
	size_t i;
	int rc = 0;

	*alerts = -1;
	/* An enrolled device asks what the server holds of it: after a
	 * restore, even a device with nothing new learns of its gap. */
	if (r->o->has_server_key)
		snprintf(why, sizeof why, "/v1/catalog?device=%s",
		    r->o->device);
	else
		snprintf(why, sizeof why, "/v1/catalog");
	if ((root = get_json(r, why, _("the catalog"))) == NULL)
		return -1;
	if (json_is_integer(v = json_object_get(root, "alerts")))
		*alerts = json_integer_value(v);
	r->alert_epoch[0] = '\0';
	if (json_is_string(v = json_object_get(root, "alerts_epoch")) &&
	    json_string_length(v) < sizeof r->alert_epoch &&
	    strspn(json_string_value(v), "0123456789abcdef") ==
	    json_string_length(v))
		snprintf(r->alert_epoch, sizeof r->alert_epoch, "%s",
		    json_string_value(v));
	if (json_is_object(e = json_object_get(root, "device"))) {
		if (json_is_false(json_object_get(e, "enrolled")))
			client_fail(r, "%s", _("the server does not know this "
			    "device (was it restored from a backup?): ask the "
			    "province admin for a new token and run hocso "
			    "enroll --server URL --token TOKEN; its events are "
			    "then sent again"));
		else if (json_is_integer(v = json_object_get(e,
		    "acked_seq")) && !json_is_true(json_object_get(e,
		    "revoked")))
			rewind_to(r, json_integer_value(v));
	}
	if (!json_is_array(mods = json_object_get(root, "modules"))) {
		json_decref(root);
		client_fail(r,
		    "%s", _("could not fetch the catalog: it lists no "
		    "modules"));
		return -1;
	}
	if (catalog_load(r->datadir, &c, &err) != 0) {
		json_decref(root);
		client_fail(r, "%s", hs_error_format(&err, why, sizeof why));
		return -1;
	}
	clean_downloads(r->datadir);
	json_array_foreach(mods, i, e) {
		id = json_string_value(json_object_get(e, "id"));
		version = json_string_value(json_object_get(e, "version"));
		sha256 = json_string_value(json_object_get(e, "sha256"));
		v = json_object_get(e, "size");
		if (id == NULL || version == NULL || sha256 == NULL ||
		    strlen(sha256) != 64 || strspn(sha256,
		    "0123456789abcdef") != 64 || !json_is_integer(v) ||
		    json_integer_value(v) <= 0 ||
		    json_integer_value(v) > MAX_MODULE) {
			client_fail(r, _("the catalog's module %zu is not what "
			    "hocso expects"), i + 1);
			rc = -1;
			continue;
		}
		if ((m = catalog_find(&c, id)) != NULL &&
		    install_version_cmp(version, m->version) <= 0)
			continue;
		if (refusal_known(r, id, version, sha256))
			continue;
		if (fetch_module(r, id, version, sha256,
		    json_integer_value(v), fn, arg) != 0) {
			rc = -1;
			if (r->unreachable)
				break;
		}
	}
	catalog_free(&c);
	json_decref(root);
	return rc;
}

/* Records the catalog's alerts epoch once the alerts are taken. */
static void
keep_epoch(struct client *r, const char *had)
{
	if (r->alert_epoch[0] != '\0' && strcmp(had, r->alert_epoch) != 0)
		client_record(r, CLIENT_ALERT_EPOCH, r->alert_epoch);
}

int
client_fetch_alerts(struct client *r, long long newest, int *nkept)
{
	struct hs_error err;
	json_t *root, *list, *e, *text, *sig, *num;
	char path[64], buf[32], why[640], epoch[40], wid[ALERT_MAX_ID + 1];
	long long after = 0, number;
	size_t i;
	int rc = 0, kept = 0, saved;

	*nkept = 0;
	if (store_meta_get(r->store, OUTBOX_ALERT_NO, buf, sizeof buf,
	    NULL) == 0)
		after = strtoll(buf, NULL, 10);
	if (store_meta_get(r->store, CLIENT_ALERT_EPOCH, epoch, sizeof epoch,
	    NULL) != 0)
		epoch[0] = '\0';
	/* Numbers that went backwards, or another epoch: the server was
	 * restored and gives numbers out again.  Take them all: an alert
	 * kept already is kept once (by its id). */
	if (after > 0 && ((newest >= 0 && newest < after) ||
	    (epoch[0] != '\0' && r->alert_epoch[0] != '\0' &&
	    strcmp(epoch, r->alert_epoch) != 0))) {
		synchttp_progress_break(&r->h);
		printf(_("the server's alerts were numbered again (restored "
		    "from a backup?): taking them all again\n"));
		after = 0;
	}
	if (newest >= 0 && newest <= after) {
		keep_epoch(r, epoch);
		return 0;		/* the catalog said: nothing new */
	}
	if (!r->o->has_server_key) {
		client_fail(r, "%s", _("alerts cannot be checked: this device "
		    "has no server key (run hocso enroll)"));
		return -1;
	}
	snprintf(path, sizeof path, "/v1/alerts?after=%lld", after);
	if ((root = get_json(r, path, _("the alerts"))) == NULL)
		return -1;
	if (!json_is_array(list = json_object_get(root, "alerts"))) {
		json_decref(root);
		client_fail(r,
		    "%s", _("could not fetch the alerts: the server's "
		    "answer lists none"));
		return -1;
	}
	json_array_foreach(list, i, e) {
		text = json_object_get(e, "text");
		sig = json_object_get(e, "sig");
		num = json_object_get(e, "number");
		if (!json_is_string(text) || !json_is_string(sig) ||
		    !json_is_integer(num) ||
		    (number = json_integer_value(num)) <= after) {
			client_fail(r,
			    _("the server's alert %zu is not what hocso "
			    "expects"), i + 1);
			rc = -1;
			break;
		}
		if (keys_verify(&r->o->server, json_string_value(text),
		    json_string_length(text), json_string_value(sig)) != 0) {
			/* Not after it: it comes again next time. */
			client_fail(r,
			    _("alert %lld was refused: it is not signed "
			    "by the server this device is enrolled with"),
			    number);
			rc = -1;
			break;
		}
		hs_error_clear(&err);
		/* A withdrawal, signed by the server: the alert goes. */
		if (alert_withdrawal(json_string_value(text),
		    json_string_length(text), wid, sizeof wid) == 0)
			saved = alert_withdraw(r->store, wid, &err) == 0 ? 1 :
			    HS_ESTORE;
		else
			saved = alert_save(r->store, number,
			    json_string_value(text), json_string_length(text),
			    &err);
		if (saved == HS_EINVAL) {
			/* Signed, but hocso cannot read it: it never will. */
			client_fail(r,
			    _("alert %lld cannot be read: %s"), number,
			    hs_error_format(&err, why, sizeof why));
			rc = -1;
		} else if (saved < 0) {
			client_fail(r, "%s", hs_error_format(&err, why,
			    sizeof why));
			rc = -1;
			break;
		} else if (saved == 0)
			kept++;
		after = number;
		snprintf(buf, sizeof buf, "%lld", after);
		if (store_meta_put(r->store, OUTBOX_ALERT_NO, buf, &err) != 0) {
			client_fail(r, "%s", hs_error_format(&err, why,
			    sizeof why));
			rc = -1;
			break;
		}
	}
	json_decref(root);
	*nkept = kept;
	if (rc == 0)
		keep_epoch(r, epoch);
	return rc;
}

static int
post_enroll(struct client *r, struct synchttp_answer *a, void *ctx)
{
	return synchttp_post_json(&r->h, "/v1/enroll", ctx, a);
}

/* Keeps the server's key in datadir/server.pub: the same key there is
 * fine, another one only with force.  file is the answer's file on a
 * stick (no --force there), or NULL.  Returns 0 or -1 (said). */
static int
keep_server_key(struct client *r, const struct keys_public *key, int force,
    const char *file)
{
	struct keys_public old;
	struct hs_error err;
	char *path = util_path_join(r->datadir, OUTBOX_SERVER_KEY);
	char why[640];
	int rc = -1;

	if (access(path, F_OK) == 0 && keys_read_public(path, &old, NULL) == 0
	    && !memcmp(old.pk, key->pk, sizeof old.pk)) {
		rc = 0;			/* enrolled again with the same */
		goto out;
	}
	if (access(path, F_OK) == 0 && file != NULL) {
		client_fail(r, _("this device is enrolled with another server "
		    "(%s holds another key): %s is not used, and hocso sync "
		    "has no --force (hocso enroll --server URL --force "
		    "changes servers)"), path, file);
		goto out;
	}
	if (access(path, F_OK) == 0 && !force) {
		client_fail(r, _("this device is enrolled with another server "
		    "(%s holds another key): to enrol with this one, run "
		    "again with --force"), path);
		goto out;
	}
	if (keys_replace_public(path, key, &err) != 0) {
		client_fail(r, "%s", hs_error_format(&err, why, sizeof why));
		goto out;
	}
	rc = 0;
out:
	free(path);
	return rc;
}

int
client_enrol_complete(struct client *r, const char *answer, size_t len,
    const char *code, const char *url, int force, const char *file)
{
	struct keys_public key;
	struct hs_error err;
	json_t *root;
	const char *school, *device, *b64;
	char why[640], pending[128], at[1024] = "";
	int rc = -1;

	if (file != NULL)
		snprintf(at, sizeof at, "%s: ", file);
	root = json_loadb(answer != NULL ? answer : "", len, 0, NULL);
	school = json_string_value(json_object_get(root, "school"));
	device = json_string_value(json_object_get(root, "device"));
	b64 = json_string_value(json_object_get(root, "server_key"));
	if (school == NULL || device == NULL || b64 == NULL)
		client_fail(r, "%s%s", at, _("the server's answer to the "
		    "enrolment is not what hocso expects"));
	else if (strcmp(device, r->o->device) != 0)
		client_fail(r,
		    _("%sthe server's answer to the enrolment is for "
		    "another device (%s)"), at, device);
	else if (strcmp(school, code) != 0)
		client_fail(r,
		    _("%sthe server's answer to the enrolment is for "
		    "school %s, not %s"), at, school, code);
	else if (keys_public_from_b64(b64, &key) != 0)
		client_fail(r, "%s%s", at, _("the server's answer to the "
		    "enrolment holds no valid server key"));
	else {
		snprintf(key.name, sizeof key.name, "%s", SERVER_KEY_NAME);
		if (keep_server_key(r, &key, force, file) == 0) {
			if (store_begin(r->store, &err) != 0 ||
			    store_meta_set(r->store, OUTBOX_SCHOOL_CODE, code,
			    &err) != 0 || (url != NULL && store_meta_set(
			    r->store, OUTBOX_SERVER_URL, url, &err) != 0) ||
			    (store_meta_get(r->store, OUTBOX_ENROLL_PENDING,
			    pending, sizeof pending, NULL) == 0 &&
			    pending[0] != '\0' && store_meta_set(r->store,
			    OUTBOX_ENROLL_PENDING, "", &err) != 0)) {
				store_rollback(r->store);
				client_fail(r, "%s", hs_error_format(&err, why,
				    sizeof why));
			} else if (store_commit(r->store, &err) != 0)
				client_fail(r, "%s", hs_error_format(&err, why,
				    sizeof why));
			/* Enrolled again with a server that holds fewer of
			 * its events (none, after a restore): sent again. */
			else if (rewind_to(r, answer_acked(answer, len)) >= 0)
				rc = 0;
		}
	}
	json_decref(root);
	return rc;
}

char *
client_enrol_request(const struct outbox *o, const char *code,
    const char *token)
{
	char b64[KEYS_B64_MAX], sig[KEYS_B64_MAX], now[32], *body, *msg;
	json_t *req;

	/* Signed by the device's key: only its holder can enrol it. */
	keys_public_b64(&o->pub, b64);
	util_iso8601(clock_now_ms(), now, sizeof now);
	msg = statement_enrol_message(token, code, o->device, now);
	keys_sign(&o->key, msg, strlen(msg), sig);
	free(msg);
	if ((req = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "token", token,
	    "school", code, "device", o->device, "key", b64, "time", now,
	    "sig", sig)) == NULL)
		return NULL;
	body = json_dumps(req, JSON_COMPACT);
	json_decref(req);
	return body;
}

char *
client_enrol_path(const char *dir, const char *device, int answer)
{
	char name[80];

	snprintf(name, sizeof name, "hocso-%s%s", device, answer == 2 ?
	    CLIENT_REFUSED_SUFFIX : answer ? CLIENT_ENROLLED_SUFFIX :
	    CLIENT_ENROLL_SUFFIX);
	return util_path_join(dir, name);
}

int
client_enrol_post(struct client *r, const char *body, const char *code,
    const char *url, int force)
{
	struct synchttp_answer a;
	char why[640];
	int rc = -1;

	/* The server gives the same answer again to a device whose
	 * answer was lost: retrying is safe. */
	with_retries(r, post_enroll, (void *)body, &a);
	if (a.curl != CURLE_OK) {
		plain_words(&a, why, sizeof why);
		client_fail(r, "%s", why);
	} else if (a.status == 200)
		rc = client_enrol_complete(r, a.body, a.len, code, url, force,
		    NULL);
	else if (a.status == 403)
		client_fail(r, _("the server refused the enrolment: %s"),
		    a.error[0] != '\0' ? a.error : _("the token is "
		    "unknown, used, expired or for another school"));
	else if (a.status == 409)
		client_fail(r, _("the server refused the enrolment: %s"),
		    a.error[0] != '\0' ? a.error : _("this device is "
		    "enrolled already with another key"));
	else if (a.status == 400)
		client_fail(r, _("the server could not read the "
		    "enrolment: %s"), a.error);
	else {
		plain_words(&a, why, sizeof why);
		client_fail(r, "%s", why);
	}
	synchttp_answer_free(&a);
	return rc;
}

int
client_enrol_refusal(const char *text, size_t len, char *school,
    size_t slen, char *why, size_t wlen)
{
	const char *w, *sc;
	json_t *root;
	int rc = -1;

	root = json_loadb(text != NULL ? text : "", len, 0, NULL);
	w = json_string_value(json_object_get(root, "refused"));
	sc = json_string_value(json_object_get(root, "school"));
	if (w != NULL) {
		snprintf(why, wlen, "%s", w);
		snprintf(school, slen, "%s", sc != NULL ? sc : "");
		rc = 0;
	}
	json_decref(root);
	return rc;
}

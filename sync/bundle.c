/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bundle.c: writing a device's events into signed bundles, and reading
 * a bundle back with every check.  See bundle.h and
 * docs/bundle-format.md.
 *
 * The reader holds the whole bundle in memory (it is at most
 * BUNDLE_MAX_FILE) and reads it in one pass with only the tar format and
 * the gzip filter enabled; each entry's size is checked before its bytes
 * are read, and nothing in the payload is believed before the manifest's
 * signature and the payload's hash are.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>
#include <jansson.h>
#include <sodium.h>

#include "core/archive.h"
#include "core/clock.h"
#include "core/fileio.h"
#include "core/i18n.h"
#include "core/util.h"
#include "lessons/package.h"
#include "sync/bundle.h"

#define MAX_NUMBER (1LL << 53)
#define MAX_SEQ (1LL << 62)

void
bundle_sha256(const void *data, size_t len, char *hex)
{
	unsigned char d[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(d, data, len);
	sodium_bin2hex(hex, 65, d, sizeof d);
}

void
bundle_name(const char *device, long long number, char *buf, size_t len)
{
	snprintf(buf, len, "hocso-%s-%06lld%s", device, number, BUNDLE_SUFFIX);
}

/*
 * The seal.  gzip and tar readers skip bytes that do not change what they
 * read (header fields, deflate's padding bits, the tar's padding), and
 * libarchive checks no gzip CRC; a bundle is named by the SHA-256 of its
 * bytes, so each of them must count.  The gzip header carries, in an
 * extra field "HS" (RFC 1952, FEXTRA), the SHA-256 of everything after
 * the header; the reader wants exactly this header and that hash, and
 * gzip, tar and libarchive read the file as any .tar.gz.
 */
#define SEAL_HEAD 10		/* the gzip header without its extra field */
#define SEAL_EXTRA 36		/* "HS", 32 as 2 bytes, the hash */
#define SEAL_LEN (SEAL_HEAD + 2 + SEAL_EXTRA)

static const unsigned char gzip_plain[SEAL_HEAD] = {
	0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03
};
static const unsigned char gzip_sealed[SEAL_HEAD + 6] = {
	0x1f, 0x8b, 0x08, 0x04, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03,
	SEAL_EXTRA, 0x00, 'H', 'S', 32, 0x00
};

/* The sealed form of the gzip stream gz (len bytes): a new buffer of
 * *outlen bytes, or NULL when gz does not start as libarchive writes it
 * (deflate, no flags, no time, maximum compression, Unix). */
static unsigned char *
seal(const unsigned char *gz, size_t len, size_t *outlen)
{
	unsigned char *out;

	if (len < SEAL_HEAD || memcmp(gz, gzip_plain, SEAL_HEAD) != 0)
		return NULL;
	out = xmalloc(len + 2 + SEAL_EXTRA);
	memcpy(out, gzip_sealed, sizeof gzip_sealed);
	memcpy(out + SEAL_LEN, gz + SEAL_HEAD, len - SEAL_HEAD);
	crypto_hash_sha256(out + sizeof gzip_sealed, out + SEAL_LEN,
	    len - SEAL_HEAD);
	*outlen = len + 2 + SEAL_EXTRA;
	return out;
}

/* Whether data starts with the seal of the rest of it. */
static int
seal_check(const unsigned char *data, size_t len, struct hs_error *err)
{
	unsigned char d[crypto_hash_sha256_BYTES];

	if (len < SEAL_LEN + 8 ||
	    memcmp(data, gzip_sealed, sizeof gzip_sealed) != 0)
		return hs_error_set(err, HS_EINVAL, _("not a hocso bundle: it "
		    "does not start as a bundle does"));
	crypto_hash_sha256(d, data + SEAL_LEN, len - SEAL_LEN);
	if (sodium_memcmp(d, data + sizeof gzip_sealed, sizeof d) != 0)
		return hs_error_set(err, HS_EINVAL, _("the bundle is damaged: "
		    "its bytes do not match the hash in its header"));
	return 0;
}

/*
 * Writing.
 */

struct membuf {
	unsigned char *p;
	size_t n, cap;
};

static la_ssize_t
mem_write(struct archive *a, void *ctx, const void *data, size_t len)
{
	struct membuf *m = ctx;

	if (m->n + len > m->cap) {
		m->cap = m->cap != 0 ? m->cap : 65536;
		while (m->n + len > m->cap)
			m->cap *= 2;
		m->p = xrealloc(m->p, m->cap);
	}
	memcpy(m->p + m->n, data, len);
	m->n += len;
	return (la_ssize_t)len;
}

/* The manifest of m as its canonical text: a new string. */
static char *
manifest_text(const struct bundle_manifest *m, size_t *len)
{
	json_t *root;
	char *text, *out;

	root = json_pack("{s:i, s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:i,"
	    " s:I, s:s, s:s}", "format", m->format, "encoding",
	    BUNDLE_ENCODING, "device", m->device, "school", m->school,
	    "homepage", m->homepage, "bundle", (json_int_t)m->number,
	    "after_seq", (json_int_t)m->after_seq, "first_seq",
	    (json_int_t)m->first_seq, "last_seq", (json_int_t)m->last_seq,
	    "count", m->count, "payload_size", (json_int_t)m->payload_size,
	    "payload_sha256", m->payload_sha256, "created", m->created);
	if (root == NULL)
		util_oom();
	/* An empty object is left out: no field, as before classes. */
	if (m->classes != NULL && (!json_is_object(m->classes) ||
	    json_object_size(m->classes) > 0))
		json_object_set(root, "classes", m->classes);
	text = json_dumps(root, JSON_SORT_KEYS | JSON_INDENT(1));
	json_decref(root);
	if (text == NULL)
		util_oom();
	out = xstrdup(text);
	free(text);
	*len = strlen(out);
	return out;
}

/* Writes the bundle of manifest m (its payload fields filled here) and
 * payload to path. */
static int
bundle_pack(const struct bundle_source *src, struct bundle_manifest *m,
    const unsigned char *payload, size_t plen, const char *path,
    char *sha256, struct hs_error *err)
{
	struct membuf out = { 0 };
	struct archive *a;
	unsigned char *sealed = NULL;
	char *json, *sig, hex[65];
	size_t jlen, slen, blen;
	int rc = 0;

	m->format = BUNDLE_FORMAT;
	m->payload_size = (long long)plen;
	bundle_sha256(payload, plen, m->payload_sha256);
	util_iso8601(clock_now_ms(), m->created, sizeof m->created);
	json = manifest_text(m, &jlen);
	if (jlen > BUNDLE_MAX_MANIFEST) {
		free(json);
		return hs_error_set_at(err, HS_EINVAL, path, 0, 0, _("the "
		    "bundle's manifest would be larger than %ld bytes (too many "
		    "learners' classes)"), (long)BUNDLE_MAX_MANIFEST);
	}
	sig = manifest_sign(src->key, json, jlen, &slen);

	if ((a = archive_write_new()) == NULL)
		util_oom();
	if (archive_write_set_format_pax_restricted(a) != ARCHIVE_OK ||
	    archive_write_add_filter_gzip(a) != ARCHIVE_OK ||
	    archive_write_set_filter_option(a, "gzip", "timestamp", NULL) !=
	    ARCHIVE_OK || archive_write_set_filter_option(a, "gzip",
	    "compression-level", "9") != ARCHIVE_OK ||
	    archive_write_set_bytes_in_last_block(a, 1) != ARCHIVE_OK ||
	    archive_write_open(a, &out, NULL, mem_write, NULL) != ARCHIVE_OK ||
	    archive_put_file(a, BUNDLE_MANIFEST, json, jlen, NULL) != 0 ||
	    archive_put_file(a, BUNDLE_SIGNATURE, sig, slen, NULL) != 0 ||
	    archive_put_file(a, BUNDLE_PAYLOAD, payload, plen, NULL) != 0 ||
	    archive_write_close(a) != ARCHIVE_OK) {
		rc = hs_error_set_at(err, HS_EIO, path, 0, 0, "%s",
		    archive_error_string(a) != NULL ? archive_error_string(a) :
		    _("cannot write"));
		goto out;
	}
	if (out.n + 2 + SEAL_EXTRA > BUNDLE_MAX_FILE) {
		rc = hs_error_set_at(err, HS_EINVAL, path, 0, 0, _("the bundle "
		    "would be larger than %ld bytes"), BUNDLE_MAX_FILE);
		goto out;
	}
	if ((sealed = seal(out.p, out.n, &blen)) == NULL) {
		rc = hs_error_set_at(err, HS_EIO, path, 0, 0, "%s",
		    _("libarchive wrote a gzip header this hocso does not "
		    "know"));
		goto out;
	}
	bundle_sha256(sealed, blen, hex);
	if ((rc = fileio_write(path, sealed, blen, 0644, err)) == 0 &&
	    sha256 != NULL)
		memcpy(sha256, hex, 65);
out:
	archive_write_free(a);
	free(sealed);
	free(out.p);
	free(json);
	free(sig);
	return rc;
}

static void
manifest_init(struct bundle_manifest *m, const struct bundle_source *src,
    long long number, long long after_seq)
{
	memset(m, 0, sizeof *m);
	snprintf(m->device, sizeof m->device, "%s", src->device);
	snprintf(m->school, sizeof m->school, "%s", src->school != NULL ?
	    src->school : "");
	snprintf(m->homepage, sizeof m->homepage, "%s", src->homepage);
	m->number = number;
	m->after_seq = after_seq;
}

int
bundle_write_events(const struct bundle_source *src, long long number,
    long long after_seq, const struct statement_event *e, int n,
    const char *path, char *sha256, struct hs_error *err)
{
	return bundle_write_events_classes(src, number, after_seq, e, n, NULL,
	    path, sha256, err);
}

int
bundle_write_events_classes(const struct bundle_source *src,
    long long number, long long after_seq, const struct statement_event *e,
    int n, json_t *classes, const char *path, char *sha256,
    struct hs_error *err)
{
	struct compact_writer *w = compact_writer_new();
	struct bundle_manifest m;
	unsigned char *payload;
	size_t plen;
	int i, rc;

	if (n < 1) {
		compact_writer_free(w);
		return hs_error_set(err, HS_EINVAL, _("a bundle holds at least "
		    "one event"));
	}
	for (i = 0; i < n; i++)
		if ((rc = compact_writer_add(w, &e[i], err)) != 0) {
			compact_writer_free(w);
			return rc;
		}
	manifest_init(&m, src, number, after_seq);
	m.first_seq = e[0].seq;
	m.last_seq = e[n - 1].seq;
	m.count = n;
	m.classes = classes;
	payload = compact_writer_finish(w, &plen);
	rc = bundle_pack(src, &m, payload, plen, path, sha256, err);
	free(payload);
	return rc;
}

static int
printable(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 0;
	return 1;
}

static const char *
column_text(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

static int
column_flag(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? -1 :
	    sqlite3_column_int(st, i) != 0;
}

/* Adds the class of learner (a UUID), when the device knows one, to
 * m's classes; seen holds the learners looked up already. */
static int
learner_class(struct store *s, struct bundle_manifest *m, json_t *seen,
    const char *learner, struct hs_error *err)
{
	static const char sql[] =
	    "SELECT c.name FROM learners l JOIN classes c ON c.id = l.class_id"
	    " WHERE l.uuid = ?";
	sqlite3_stmt *st;
	const char *name;
	int step;

	if (learner == NULL || json_object_get(seen, learner) != NULL)
		return 0;
	if (json_object_set_new(seen, learner, json_null()) != 0)
		util_oom();
	if ((st = store_prepare(s, sql, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_text(st, 1, learner, -1, SQLITE_STATIC);
	/* A name that is not UTF-8 (json_string() gives NULL) is left out,
	 * like one too long: the report shows the learner as of no class. */
	if ((step = sqlite3_step(st)) == SQLITE_ROW &&
	    (name = column_text(st, 0)) != NULL && *name != '\0' &&
	    strlen(name) <= BUNDLE_MAX_CLASS && printable(name))
		json_object_set_new(m->classes, learner, json_string(name));
	sqlite3_reset(st);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return store_error(s, err, _("cannot read the learners' "
		    "classes"));
	return 0;
}

int
bundle_write(struct store *s, const struct bundle_source *src,
    const char *dir, long long after_seq, long long number, int max_events,
    long max_payload, bundle_written_fn written, void *ctx,
    struct hs_error *err)
{
	static const char sql[] =
	    "SELECT seq, uuid, ts, actor, verb, object, registration,"
	    " response, score, success, completion, duration_ms, lang"
	    " FROM events WHERE seq > ? ORDER BY seq LIMIT ?";
	struct compact_writer *w;
	struct statement_event e;
	struct bundle_manifest m;
	unsigned char *payload;
	json_t *seen;
	sqlite3_stmt *st;
	char name[128], *path;
	size_t plen;
	int rc, step;

	if (max_events <= 0 || max_events > BUNDLE_EVENTS * 4)
		max_events = BUNDLE_EVENTS;
	if (max_payload <= 0 || max_payload > BUNDLE_PAYLOAD_SIZE * 4)
		max_payload = BUNDLE_PAYLOAD_SIZE;
	for (;;) {
		if ((st = store_prepare(s, sql, err)) == NULL)
			return HS_ESTORE;
		sqlite3_bind_int64(st, 1, after_seq);
		sqlite3_bind_int(st, 2, max_events);
		w = compact_writer_new();
		manifest_init(&m, src, number + 1, after_seq);
		if ((m.classes = json_object()) == NULL ||
		    (seen = json_object()) == NULL)
			util_oom();
		rc = 0;
		while ((step = sqlite3_step(st)) == SQLITE_ROW) {
			memset(&e, 0, sizeof e);
			e.seq = sqlite3_column_int64(st, 0);
			e.uuid = column_text(st, 1);
			e.ts = column_text(st, 2);
			e.ev.actor = column_text(st, 3);
			e.ev.verb = column_text(st, 4);
			e.ev.object = column_text(st, 5);
			e.ev.registration = column_text(st, 6);
			e.ev.response = column_text(st, 7);
			e.ev.has_score = sqlite3_column_type(st, 8) !=
			    SQLITE_NULL;
			e.ev.score = sqlite3_column_double(st, 8);
			e.ev.success = column_flag(st, 9);
			e.ev.completion = column_flag(st, 10);
			e.ev.duration_ms = sqlite3_column_type(st, 11) ==
			    SQLITE_NULL ? -1 : sqlite3_column_int64(st, 11);
			e.ev.lang = column_text(st, 12);
			if ((rc = compact_writer_add(w, &e, err)) != 0 ||
			    (rc = learner_class(s, &m, seen, e.ev.actor,
			    err)) != 0)
				break;
			if (m.count++ == 0)
				m.first_seq = e.seq;
			m.last_seq = e.seq;
			if (compact_writer_size(w) >= (size_t)max_payload)
				break;
		}
		sqlite3_reset(st);
		if (rc == 0 && step != SQLITE_ROW && step != SQLITE_DONE)
			rc = store_error(s, err, _("cannot read the events"));
		json_decref(seen);
		if (rc != 0 || m.count == 0) {
			json_decref(m.classes);
			compact_writer_free(w);
			return rc;
		}
		payload = compact_writer_finish(w, &plen);
		bundle_name(src->device, m.number, name, sizeof name);
		path = util_path_join(dir, name);
		rc = bundle_pack(src, &m, payload, plen, path, NULL, err);
		json_decref(m.classes);
		m.classes = NULL;
		free(payload);
		if (rc == 0 && written != NULL)
			rc = written(&m, path, ctx, err);
		free(path);
		if (rc != 0)
			return rc;
		after_seq = m.last_seq;
		number = m.number;
	}
}

/*
 * Reading.
 */

/* Moves to the next entry, which must be a regular file called name of
 * at most max bytes.  Returns 0 or HS_EINVAL. */
static int
next_entry(struct archive *a, const char *name, long long max,
    struct hs_error *err)
{
	struct archive_entry *e;
	const char *path;
	int r = archive_read_next_header(a, &e);

	if (r == ARCHIVE_EOF)
		return hs_error_set(err, HS_EINVAL, _("no %s: not a hocso "
		    "bundle, or cut short"), name);
	if (r != ARCHIVE_OK)
		return hs_error_set(err, HS_EINVAL, _("the bundle is damaged or "
		    "cut short (%s)"), archive_why(a));
	path = archive_entry_pathname(e);
	if (path == NULL || strcmp(path, name) != 0)
		return hs_error_set(err, HS_EINVAL, _("'%s' where %s should be: "
		    "not a hocso bundle"), path != NULL ? path : "", name);
	if (archive_entry_problem(e) != NULL)
		return hs_error_set(err, HS_EINVAL, _("%s is not a plain file"),
		    name);
	if (!archive_entry_size_is_set(e) || archive_entry_size(e) < 0 ||
	    archive_entry_size(e) > max)
		return hs_error_set(err, HS_EINVAL, _("%s is larger than its "
		    "limit (%lld bytes)"), name, max);
	return 0;
}

static int
hex64(const char *s)
{
	return strlen(s) == 64 && strspn(s, "0123456789abcdef") == 64;
}

/* Takes the optional "classes" out of the manifest root into m: an
 * object of learner UUIDs to class names (1 to BUNDLE_MAX_CLASS bytes). */
static int
classes_read(json_t *root, struct bundle_manifest *m, struct hs_error *err)
{
	json_t *classes = json_object_get(root, "classes"), *v;
	const char *learner, *name;

	if (classes == NULL)
		return 0;
	if (!json_is_object(classes))
		return hs_error_set(err, HS_EINVAL, _("%s: \"classes\" is not "
		    "an object"), BUNDLE_MANIFEST);
	json_object_foreach(classes, learner, v) {
		name = json_string_value(v);
		if (strlen(learner) != 36 || !statement_uuid_valid(learner) ||
		    name == NULL || *name == '\0' ||
		    strlen(name) > BUNDLE_MAX_CLASS || !printable(name))
			return hs_error_set(err, HS_EINVAL, _("%s: \"classes\" "
			    "maps learner UUIDs to class names of 1 to %d "
			    "bytes"), BUNDLE_MANIFEST, BUNDLE_MAX_CLASS);
	}
	m->classes = json_incref(classes);
	json_object_del(root, "classes");
	return 0;
}

/* Parses and checks manifest.json into m. */
static int
manifest_read(const char *json, size_t len, struct bundle_manifest *m,
    struct hs_error *err)
{
	const char *enc, *device, *school, *homepage, *sha, *created;
	json_int_t format, number, after, first, last, count, size;
	json_error_t jerr;
	json_t *root;
	int rc = 0;

	memset(m, 0, sizeof *m);
	if ((root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr)) ==
	    NULL)
		return hs_error_set_at(err, HS_EINVAL, BUNDLE_MANIFEST,
		    jerr.line, jerr.column, "%s", jerr.text);
	if (json_unpack_ex(root, &jerr, 0, "{s:I}", "format", &format) != 0) {
		rc = hs_error_set(err, HS_EINVAL, _("%s: not a bundle manifest"),
		    BUNDLE_MANIFEST);
		goto out;
	}
	if (format != 1 && format != BUNDLE_FORMAT) {
		rc = hs_error_set(err, HS_EINVAL, _("bundle format %lld is not "
		    "known to this hocso (it reads %d): update hocso"),
		    (long long)format, BUNDLE_FORMAT);
		goto out;
	}
	if ((rc = classes_read(root, m, err)) != 0)
		goto out;
	if (json_unpack_ex(root, &jerr, JSON_STRICT, "{s:I, s:s, s:s, s:s,"
	    " s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:s, s:s}", "format", &format,
	    "encoding", &enc, "device", &device, "school", &school,
	    "homepage", &homepage, "bundle", &number, "after_seq", &after,
	    "first_seq", &first, "last_seq", &last, "count", &count,
	    "payload_size", &size, "payload_sha256", &sha, "created",
	    &created) != 0) {
		rc = hs_error_set(err, HS_EINVAL, _("%s: not a bundle manifest "
		    "(%s)"), BUNDLE_MANIFEST, jerr.text);
		goto out;
	}
	if (strcmp(enc, format == 1 ? BUNDLE_ENCODING_1 :
	    BUNDLE_ENCODING) != 0) {
		rc = hs_error_set(err, HS_EINVAL, _("events encoded as '%s', "
		    "which this hocso does not know: update hocso"), enc);
		goto out;
	}
	if (strlen(device) != 36 || !statement_uuid_valid(device) ||
	    strlen(school) >= sizeof m->school || !printable(school) ||
	    strlen(homepage) >= sizeof m->homepage ||
	    !statement_iri_valid(homepage) || (strncmp(homepage, "https://",
	    8) != 0 && strncmp(homepage, "http://", 7) != 0) ||
	    !hex64(sha) || strlen(created) >= sizeof m->created ||
	    !printable(created)) {
		rc = hs_error_set(err, HS_EINVAL, _("%s: a device, school, home "
		    "page or hash that is not well formed"), BUNDLE_MANIFEST);
		goto out;
	}
	if (number < 1 || number > MAX_NUMBER || after < 0 ||
	    first <= after || last < first || last > MAX_SEQ || count < 1 ||
	    count > BUNDLE_MAX_EVENTS || count - 1 > last - first ||
	    size < 1 || size > BUNDLE_MAX_PAYLOAD) {
		rc = hs_error_set(err, HS_EINVAL, _("%s: its numbers do not "
		    "add up (bundle %lld, events %lld to %lld after %lld, "
		    "count %lld)"), BUNDLE_MANIFEST, (long long)number,
		    (long long)first, (long long)last, (long long)after,
		    (long long)count);
		goto out;
	}
	m->format = (int)format;
	snprintf(m->device, sizeof m->device, "%s", device);
	snprintf(m->school, sizeof m->school, "%s", school);
	snprintf(m->homepage, sizeof m->homepage, "%s", homepage);
	snprintf(m->payload_sha256, sizeof m->payload_sha256, "%s", sha);
	snprintf(m->created, sizeof m->created, "%s", created);
	m->number = number;
	m->after_seq = after;
	m->first_seq = first;
	m->last_seq = last;
	m->count = (int)count;
	m->payload_size = size;
out:
	if (rc != 0) {
		json_decref(m->classes);
		m->classes = NULL;
	}
	json_decref(root);
	return rc;
}

/* Checks the decoded events against the manifest. */
static int
events_match(const struct bundle_manifest *m, const struct compact_events *e,
    struct hs_error *err)
{
	if (e->n != m->count || e->ev[0].seq != m->first_seq ||
	    e->ev[e->n - 1].seq != m->last_seq)
		return hs_error_set(err, HS_EINVAL, _("the events do not match "
		    "the manifest (%d events from %lld to %lld, the manifest "
		    "says %d from %lld to %lld)"), e->n, e->n > 0 ?
		    e->ev[0].seq : 0, e->n > 0 ? e->ev[e->n - 1].seq : 0,
		    m->count, m->first_seq, m->last_seq);
	return 0;
}

int
bundle_read_mem(const void *data, size_t len, bundle_key_fn key_of,
    void *ctx, const struct bundle_expect *expect, int flags,
    struct bundle *b, struct hs_error *err)
{
	struct keys_public key, signer;
	struct archive *a = NULL;
	char *json = NULL, *sig = NULL, hex[65];
	unsigned char *payload = NULL;
	size_t jlen, slen, got = 0;
	la_ssize_t r;
	struct archive_entry *e;
	int rc, forged;

	memset(b, 0, sizeof *b);
	if (len == 0)
		return hs_error_set(err, HS_EINVAL, _("the file is empty: not a "
		    "hocso bundle"));
	if (len > BUNDLE_MAX_FILE)
		return hs_error_set(err, HS_EINVAL, _("larger than a bundle may "
		    "be (%ld bytes)"), BUNDLE_MAX_FILE);
	bundle_sha256(data, len, b->sha256);
	if ((rc = seal_check(data, len, err)) != 0)
		return rc;
	a = archive_tar_reader();
	if (archive_read_open_memory(a, data, len) != ARCHIVE_OK) {
		rc = hs_error_set(err, HS_EINVAL, _("not a hocso bundle (%s)"),
		    archive_why(a));
		goto out;
	}
	if ((rc = next_entry(a, BUNDLE_MANIFEST, BUNDLE_MAX_MANIFEST,
	    err)) != 0)
		goto out;
	if (archive_filter_code(a, 0) != ARCHIVE_FILTER_GZIP) {
		rc = hs_error_set(err, HS_EINVAL, _("not a hocso bundle: it is "
		    "not compressed with gzip"));
		goto out;
	}
	if ((json = archive_read_entry_data(a, BUNDLE_MAX_MANIFEST,
	    &jlen)) == NULL) {
		rc = hs_error_set(err, HS_EINVAL, _("the bundle is damaged or "
		    "cut short (%s)"), archive_why(a));
		goto out;
	}
	if ((rc = next_entry(a, BUNDLE_SIGNATURE, BUNDLE_MAX_SIGNATURE,
	    err)) != 0)
		goto out;
	if ((sig = archive_read_entry_data(a, BUNDLE_MAX_SIGNATURE,
	    &slen)) == NULL) {
		rc = hs_error_set(err, HS_EINVAL, _("the bundle is damaged or "
		    "cut short (%s)"), archive_why(a));
		goto out;
	}
	if ((rc = manifest_read(json, jlen, &b->m, err)) != 0)
		goto out;

	/* Whose bundle it says it is, and whether that device signed it. */
	if (key_of == NULL || key_of(b->m.device, &key, ctx) != 0) {
		rc = hs_error_set(err, HS_ENOTFOUND, _("device %s is not "
		    "enrolled (or was revoked): its bundles are not accepted"),
		    b->m.device);
		goto out;
	}
	if ((rc = manifest_check_signature(sig, slen, json, jlen, &signer,
	    err)) != 0) {
		b->forged = 1;
		rc = hs_error_set(err, HS_EINVAL, _("%s does not match its "
		    "signature: the bundle was changed or damaged"),
		    BUNDLE_MANIFEST);
		goto out;
	}
	if (sodium_memcmp(signer.pk, key.pk, sizeof key.pk) != 0) {
		b->forged = 1;
		rc = hs_error_set(err, HS_EINVAL, _("the bundle says it is from "
		    "device %s but is not signed by that device's key"),
		    b->m.device);
		goto out;
	}
	if (expect != NULL && expect->number >= 0 &&
	    b->m.number != expect->number) {
		rc = hs_error_set(err, HS_EINVAL, _("bundle %lld of device %s "
		    "where bundle %lld was expected"), b->m.number, b->m.device,
		    expect->number);
		goto out;
	}
	if (expect != NULL && expect->after_seq >= 0 &&
	    b->m.after_seq != expect->after_seq) {
		rc = hs_error_set(err, HS_EINVAL, _("bundle %lld of device %s "
		    "follows event %lld, but the last event received is %lld: "
		    "%s"), b->m.number, b->m.device, b->m.after_seq,
		    expect->after_seq, b->m.after_seq > expect->after_seq ?
		    _("a bundle before it is missing") :
		    _("it was received already"));
		goto out;
	}

	/* The payload: exactly its size, then its hash, then the end. */
	if ((rc = next_entry(a, BUNDLE_PAYLOAD, b->m.payload_size, err)) != 0)
		goto out;
	if ((payload = (unsigned char *)archive_read_entry_data(a,
	    (size_t)b->m.payload_size, &got)) == NULL ||
	    got != (size_t)b->m.payload_size) {
		rc = hs_error_set(err, HS_EINVAL, _("%s is cut short or not the "
		    "size the manifest says"), BUNDLE_PAYLOAD);
		goto out;
	}
	bundle_sha256(payload, got, hex);
	if (strcmp(hex, b->m.payload_sha256) != 0) {
		rc = hs_error_set(err, HS_EINVAL, _("the SHA-256 of %s does not "
		    "match the manifest: the bundle was changed or damaged"),
		    BUNDLE_PAYLOAD);
		goto out;
	}
	if ((r = archive_read_next_header(a, &e)) != ARCHIVE_EOF) {
		rc = hs_error_set(err, HS_EINVAL, r == ARCHIVE_OK ?
		    _("the bundle holds more than its three files") :
		    _("the bundle is damaged or cut short at its end"));
		goto out;
	}
	if (flags & BUNDLE_NO_EVENTS)
		goto out;
	if ((rc = compact_read(payload, got, &b->events, err)) != 0 ||
	    (rc = events_match(&b->m, &b->events, err)) != 0)
		goto out;
	/* An event's id is its device's: no other key can sign it. */
	rc = compact_events_derive_ids(&b->events, key.pk, err);
out:
	if (a != NULL)
		archive_read_free(a);
	free(json);
	free(sig);
	free(payload);
	if (rc != 0) {
		forged = b->forged;
		bundle_free(b);
		b->forged = forged;
	}
	return rc;
}

int
bundle_read(const char *path, bundle_key_fn key_of, void *ctx,
    const struct bundle_expect *expect, int flags, struct bundle *b,
    struct hs_error *err)
{
	size_t len;
	char *data;
	int rc;

	memset(b, 0, sizeof *b);
	/* A regular file only, not through a link, never waiting on a
	 * FIFO: bundles come on sticks. */
	if ((rc = fileio_read(path, BUNDLE_MAX_FILE, &data, &len, err)) != 0)
		return rc;
	rc = bundle_read_mem(data, len, key_of, ctx, expect, flags, b, err);
	free(data);
	if (rc != 0 && err != NULL) {
		char msg[sizeof err->msg];

		hs_error_format(err, msg, sizeof msg);
		hs_error_set_at(err, rc, path, 0, 0, "%s", msg);
	}
	return rc;
}

void
bundle_free(struct bundle *b)
{
	compact_events_free(&b->events);
	json_decref(b->m.classes);
	b->m.classes = NULL;
	b->forged = 0;
}

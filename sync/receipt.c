/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * receipt.c: writing and reading receipts.  See receipt.h.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/i18n.h"
#include "core/util.h"
#include "sync/receipt.h"
#include "sync/statement.h"

#define SIG_TAG "ed25519"

void
receipt_name(const char *device, long long number, char *buf, size_t len)
{
	snprintf(buf, len, "hocso-%s-%06lld%s", device, number,
	    RECEIPT_SUFFIX);
}

/* line (a new string, freed here) with, when key is not NULL, the
 * signature line: a new string, its length in *len. */
static char *
sign_line(char *line, const struct keys_secret *key, size_t *len)
{
	char sig[KEYS_B64_MAX], pub[KEYS_B64_MAX], *out;
	struct keys_public kp;
	size_t n = strlen(line);

	out = xmalloc(n + 2 * KEYS_B64_MAX + 32);
	if (key != NULL) {
		keys_public_of(key, &kp);
		keys_public_b64(&kp, pub);
		keys_sign(key, line, n, sig);
		sprintf(out, "%s\n%s %s %s\n", line, SIG_TAG, pub, sig);
	} else
		sprintf(out, "%s\n", line);
	free(line);
	*len = strlen(out);
	return out;
}

char *
receipt_text(const struct receipt *r, const struct keys_secret *key,
    size_t *len)
{
	char *line;
	json_t *root;

	root = json_pack("{s:i, s:s, s:s, s:I, s:s, s:I, s:I, s:s}", "format",
	    RECEIPT_FORMAT, "type", "hocso-receipt", "device", r->device,
	    "bundle", (json_int_t)r->number, "sha256", r->sha256, "acked_seq",
	    (json_int_t)r->acked_seq, "stored", (json_int_t)r->stored,
	    "received", r->received);
	if (root == NULL || (line = json_dumps(root, JSON_COMPACT |
	    JSON_SORT_KEYS)) == NULL)
		util_oom();
	json_decref(root);
	return sign_line(line, key, len);
}

static int
hex64(const char *s)
{
	return strlen(s) == 64 && strspn(s, "0123456789abcdef") == 64;
}

/* Checks the signature line after the first line (first bytes) of
 * text, if there is one: 0 (*is_signed and *signer set when signed) or
 * HS_EINVAL. */
static int
check_sig(const char *text, size_t len, size_t first, int *is_signed,
    struct keys_public *signer, struct hs_error *err)
{
	char line[3 * KEYS_B64_MAX], tag[16], pub[KEYS_B64_MAX],
	    sig[KEYS_B64_MAX];
	const char *nl = text + first;
	size_t rest = len - first - 1;

	*is_signed = 0;
	if (rest == 0)
		return 0;
	if (rest >= sizeof line || text[len - 1] != '\n' ||
	    memchr(nl + 1, '\n', rest - 1) != NULL)
		return hs_error_set(err, HS_EINVAL, _("the receipt's signature "
		    "line is malformed"));
	memcpy(line, nl + 1, rest);
	line[rest] = '\0';
	if (sscanf(line, "%15s %127s %127s", tag, pub, sig) != 3 ||
	    strcmp(tag, SIG_TAG) != 0 ||
	    keys_public_from_b64(pub, signer) != 0)
		return hs_error_set(err, HS_EINVAL, _("the receipt's signature "
		    "line is malformed"));
	if (keys_verify(signer, text, first, sig) != 0)
		return hs_error_set(err, HS_EINVAL, _("the receipt does not match "
		    "its signature: it was changed or damaged"));
	*is_signed = 1;
	return 0;
}

int
receipt_parse(const char *text, size_t len, struct receipt *r,
    struct hs_error *err)
{
	const char *nl, *device, *type, *sha, *received;
	json_int_t format, number, acked, stored;
	json_error_t jerr;
	json_t *root;
	size_t first;
	int rc = 0;

	memset(r, 0, sizeof *r);
	if (len > RECEIPT_MAX_SIZE || memchr(text, '\0', len) != NULL ||
	    (nl = memchr(text, '\n', len)) == NULL)
		return hs_error_set(err, HS_EINVAL, _("not a hocso receipt"));
	first = (size_t)(nl - text);
	if ((root = json_loadb(text, first, JSON_REJECT_DUPLICATES, &jerr)) ==
	    NULL || json_unpack_ex(root, &jerr, JSON_STRICT, "{s:I, s:s, s:s,"
	    " s:I, s:s, s:I, s:I, s:s}", "format", &format, "type", &type,
	    "device", &device, "bundle", &number, "sha256", &sha, "acked_seq",
	    &acked, "stored", &stored, "received", &received) != 0 ||
	    strcmp(type, "hocso-receipt") != 0) {
		rc = hs_error_set(err, HS_EINVAL, _("not a hocso receipt"));
		goto out;
	}
	if (format != RECEIPT_FORMAT) {
		rc = hs_error_set(err, HS_EINVAL, _("receipt format %lld is not "
		    "known to this hocso (it reads %d): update hocso"),
		    (long long)format, RECEIPT_FORMAT);
		goto out;
	}
	if (strlen(device) != 36 || !statement_uuid_valid(device) ||
	    !hex64(sha) || number < 1 || acked < 0 || stored < 0 ||
	    strlen(received) >= sizeof r->received) {
		rc = hs_error_set(err, HS_EINVAL, _("a receipt with values that "
		    "are not well formed"));
		goto out;
	}
	snprintf(r->device, sizeof r->device, "%s", device);
	snprintf(r->sha256, sizeof r->sha256, "%s", sha);
	snprintf(r->received, sizeof r->received, "%s", received);
	r->number = number;
	r->acked_seq = acked;
	r->stored = stored;

	rc = check_sig(text, len, first, &r->is_signed, &r->signer, err);
out:
	json_decref(root);
	return rc;
}

/*
 * The device's state on a USB stick (branch privacy).
 */

void
receipt_state_name(const char *device, int ask, char *buf, size_t len)
{
	snprintf(buf, len, "hocso-%s%s", device, ask ? RECEIPT_ASK_SUFFIX :
	    RECEIPT_STATE_SUFFIX);
}

char *
receipt_state_text(const struct receipt_state *st,
    const struct keys_secret *key, size_t *len)
{
	char *line;
	json_t *root;

	root = json_pack("{s:i, s:s, s:s, s:b, s:I, s:s}", "format",
	    RECEIPT_FORMAT, "type", "hocso-state", "device", st->device,
	    "enrolled", st->enrolled, "acked_seq", (json_int_t)st->acked_seq,
	    "written", st->written);
	if (root == NULL || (line = json_dumps(root, JSON_COMPACT |
	    JSON_SORT_KEYS)) == NULL)
		util_oom();
	json_decref(root);
	return sign_line(line, key, len);
}

int
receipt_state_parse(const char *text, size_t len, struct receipt_state *st,
    struct hs_error *err)
{
	const char *nl, *device, *type, *written;
	json_int_t format, acked;
	json_error_t jerr;
	json_t *root;
	int enrolled, rc = 0;

	memset(st, 0, sizeof *st);
	if (len > RECEIPT_MAX_SIZE || memchr(text, '\0', len) != NULL ||
	    (nl = memchr(text, '\n', len)) == NULL)
		return hs_error_set(err, HS_EINVAL, _("not a hocso receipt"));
	if ((root = json_loadb(text, (size_t)(nl - text),
	    JSON_REJECT_DUPLICATES, &jerr)) == NULL ||
	    json_unpack_ex(root, &jerr, JSON_STRICT, "{s:I, s:s, s:s, s:b,"
	    " s:I, s:s}", "format", &format, "type", &type, "device", &device,
	    "enrolled", &enrolled, "acked_seq", &acked, "written",
	    &written) != 0 || strcmp(type, "hocso-state") != 0 ||
	    format != RECEIPT_FORMAT) {
		rc = hs_error_set(err, HS_EINVAL, _("not a hocso receipt"));
		goto out;
	}
	if (strlen(device) != 36 || !statement_uuid_valid(device) ||
	    acked < 0 || strlen(written) >= sizeof st->written) {
		rc = hs_error_set(err, HS_EINVAL, _("a receipt with values that "
		    "are not well formed"));
		goto out;
	}
	snprintf(st->device, sizeof st->device, "%s", device);
	snprintf(st->written, sizeof st->written, "%s", written);
	st->enrolled = enrolled;
	st->acked_seq = acked;
	rc = check_sig(text, len, (size_t)(nl - text), &st->is_signed,
	    &st->signer, err);
out:
	json_decref(root);
	return rc;
}

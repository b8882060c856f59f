/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * text.c: UTF-8 normalisation and column widths, over libunistring.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>
#include <uniwidth.h>

#include "core/text.h"
#include "core/util.h"

/* Replaces invalid sequences with U+FFFD into a new buffer. */
static char *
text_repair(const char *s, size_t n, size_t *outlen)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + n;
	char *out = xmalloc(n * 3 + 1), *o = out;
	ucs4_t uc;
	int k;

	while (p < end) {
		k = u8_mbtoucr(&uc, p, end - p);
		if (k < 0) {
			memcpy(o, "\xef\xbf\xbd", 3);	/* U+FFFD */
			o += 3;
			p++;
		} else {
			memcpy(o, p, k);
			o += k;
			p += k;
		}
	}
	*o = '\0';
	*outlen = o - out;
	return out;
}

/* Whether the n bytes at s are valid UTF-8 that NFC leaves as it is
 * because every character is below U+0300 or in U+1E00..U+1EFF (Latin
 * Extended Additional, where Vietnamese's precomposed letters are): none
 * of these is a combining mark, a composition's second part or a
 * character that NFC replaces.  Most lesson text is, and u8_normalize()
 * was a tenth of hocso's start. */
static int
text_nfc_already(const char *s, size_t n)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + n;
	ucs4_t uc;
	int k;

	while (p < end) {
		if (*p < 0x80) {
			p++;
			continue;
		}
		if ((k = u8_mbtoucr(&uc, p, end - p)) < 0 ||
		    (uc >= 0x300 && (uc < 0x1e00 || uc > 0x1eff)))
			return 0;
		p += k;
	}
	return 1;
}

char *
text_nfc(const char *s, size_t n)
{
	size_t len, outlen;
	char *fixed = NULL, *out;
	uint8_t *norm;

	if (text_nfc_already(s, n))
		return xstrndup(s, n);
	if (u8_check((const uint8_t *)s, n) != NULL) {
		fixed = text_repair(s, n, &len);
		s = fixed;
		n = len;
	}
	norm = u8_normalize(UNINORM_NFC, (const uint8_t *)s, n, NULL, &outlen);
	if (norm == NULL) {
		/* Only out of memory can get here; keep the text as it is. */
		out = xstrndup(s, n);
	} else {
		out = xstrndup((const char *)norm, outlen);
		free(norm);
	}
	free(fixed);
	return out;
}

int
text_width(const char *s, size_t n)
{
	return u8_width((const uint8_t *)s, n, "UTF-8");
}

size_t
text_cluster_len(const char *s, size_t n)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t i;
	ucs4_t uc;
	int k;

	if (n == 0)
		return 0;
	k = u8_mbtoucr(&uc, p, n);
	if (k <= 0)
		return 1;
	for (i = k; i < n; i += k) {
		k = u8_mbtoucr(&uc, p + i, n - i);
		if (k <= 0 || uc_width(uc, "UTF-8") != 0 || uc == '\n')
			break;
	}
	return i;
}

/*
 * The length in bytes of the character at s (with the combining marks
 * that follow it) and, in *cw, its columns: text_cluster_len() and
 * text_width() of it in one pass, each character decoded once (an ASCII
 * letter not at all).  As u8_width counts: a control character (tab,
 * newline, C1) none, an invalid byte one (U+FFFD).  For text_fit and
 * text_fit_tail, which every line drawn goes through.
 */
static size_t
text_cluster(const uint8_t *p, size_t n, int *cw)
{
	size_t i, k;
	ucs4_t uc;
	int ok;

	if (p[0] < 0x80) {
		k = 1;
		*cw = p[0] >= 0x20 && p[0] < 0x7f;
	} else {
		ok = u8_mbtoucr(&uc, p, n);
		k = ok > 0 ? (size_t)ok : 1;
		*cw = ok > 0 ? uc_width(uc, "UTF-8") : 1;
		if (*cw < 0)
			*cw = 0;
	}
	for (i = k; i < n; i += k) {
		if (p[i] < 0x80) {	/* ASCII: no mark, but NUL */
			if (p[i] != 0)
				break;
			k = 1;
			continue;
		}
		ok = u8_mbtoucr(&uc, p + i, n - i);
		if (ok <= 0 || uc_width(uc, "UTF-8") != 0)
			break;
		k = (size_t)ok;
	}
	return i;
}

size_t
text_fit(const char *s, size_t n, int cols, int *used)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t i = 0, k;
	int w = 0, cw;

	while (i < n) {
		k = text_cluster(p + i, n - i, &cw);
		if (w + cw > cols)
			break;
		w += cw;
		i += k;
	}
	if (used != NULL)
		*used = w;
	return i;
}

size_t
text_fit_tail(const char *s, size_t n, int cols, int *used)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t i = 0;
	int w = 0, cw;

	while (i < n) {		/* the whole width first */
		i += text_cluster(p + i, n - i, &cw);
		w += cw;
	}
	for (i = 0; i < n && w > cols; w -= cw)
		i += text_cluster(p + i, n - i, &cw);
	if (used != NULL)
		*used = w;
	return i;
}

void
text_csv_field(FILE *out, const char *s, int last)
{
	if (strpbrk(s, ",\"\r\n") != NULL) {
		fputc('"', out);
		for (; *s != '\0'; s++) {
			if (*s == '"')
				fputc('"', out);
			fputc(*s, out);
		}
		fputc('"', out);
	} else
		fputs(s, out);
	fputs(last ? "\r\n" : ",", out);
}

char *
text_strip_marks(const char *s, size_t n)
{
	uint8_t *nfd;
	char *fixed, *out, *o;
	size_t len, flen, i = 0;
	ucs4_t uc;
	int k;

	if (n == 0)
		return xstrdup("");
	fixed = text_repair(s, n, &flen);
	nfd = u8_normalize(UNINORM_NFD, (const uint8_t *)fixed, flen, NULL,
	    &len);
	free(fixed);
	if (nfd == NULL)
		util_oom();
	o = out = xmalloc(len + 1);
	while (i < len) {
		k = u8_mbtouc(&uc, nfd + i, len - i);
		i += k > 0 ? (size_t)k : 1;
		if (uc_is_general_category(uc, UC_CATEGORY_M))
			continue;
		if (uc == 0x0111)		/* đ */
			uc = 'd';
		else if (uc == 0x0110)		/* Đ */
			uc = 'D';
		o += u8_uctomb((uint8_t *)o, uc, 6);
	}
	*o = '\0';
	free(nfd);
	return out;
}

char *
text_fold(const char *s, size_t n)
{
	uint8_t *folded;
	char *out, *o;
	size_t len, i = 0;
	ucs4_t uc;
	int k, space = 0;

	folded = u8_casefold((const uint8_t *)s, n, NULL, UNINORM_NFD, NULL,
	    &len);
	if (folded == NULL) {
		/* Only invalid UTF-8 or no memory: fold what is valid. */
		char *fixed;
		size_t flen;

		fixed = text_repair(s, n, &flen);
		folded = u8_casefold((const uint8_t *)fixed, flen, NULL,
		    UNINORM_NFD, NULL, &len);
		free(fixed);
		if (folded == NULL)
			util_oom();
	}
	o = out = xmalloc(len + 1);
	while (i < len) {
		k = u8_mbtouc(&uc, folded + i, len - i);
		i += k > 0 ? (size_t)k : 1;
		if (uc_is_general_category(uc, UC_CATEGORY_M))
			continue;
		if (uc == 0x0111)		/* đ (Đ folds to it) */
			uc = 'd';
		if (uc == 0xfffd || !(uc_is_alpha(uc) || uc_is_digit(uc))) {
			space = o > out;
			continue;
		}
		if (space) {
			*o++ = ' ';
			space = 0;
		}
		o += u8_uctomb((uint8_t *)o, uc, 6);
	}
	*o = '\0';
	free(folded);
	return out;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * text.h: UTF-8 text measured in terminal columns.
 *
 * Vietnamese letters may arrive precomposed or as a base letter plus
 * combining marks; everything hocso reads is normalised to NFC first, and
 * every width is counted in display columns (a wide character takes two,
 * a combining mark none), never in bytes.  Nothing here cuts a string in
 * the middle of a character or between a letter and its marks.  And the
 * one CSV field writer of the reports.
 */
#ifndef HOCSO_TEXT_H
#define HOCSO_TEXT_H

#include <stddef.h>
#include <stdio.h>

/* A new NUL-terminated NFC copy of the n bytes at s; invalid UTF-8 bytes
 * become U+FFFD.  The caller frees it. */
char *text_nfc(const char *s, size_t n);

/* The display width, in columns, of the n bytes at s (valid UTF-8). */
int text_width(const char *s, size_t n);

/* The length in bytes of the character at s (1 for an invalid byte, 0 at
 * the end), including the combining marks that follow it. */
size_t text_cluster_len(const char *s, size_t n);

/* The number of bytes of the longest prefix of the n bytes at s that fits
 * in cols columns without splitting a character; its width goes to *used
 * (may be NULL). */
size_t text_fit(const char *s, size_t n, int cols, int *used);

/* The offset of the shortest tail of the n bytes at s that fits in cols
 * columns without splitting a character (0 when all of it fits); its
 * width goes to *used (may be NULL).  For a folder's path, whose end
 * says more than its start. */
size_t text_fit_tail(const char *s, size_t n, int cols, int *used);

/* A new string for searching: the n bytes at s case-folded, every
 * combining mark dropped (Vietnamese tones and hats: "bị bắt nạt" gives
 * "bi bat nat"), đ as d, and each run of characters that are neither
 * letters nor digits one space, none at either end.  The same folding on
 * a text and on a query lets a child type with or without marks.  Invalid
 * UTF-8 bytes are dropped.  The caller frees it. */
char *text_fold(const char *s, size_t n);

/* A new string: the n bytes at s with every combining mark dropped
 * (decomposed to NFD first, so "MÀN HÌNH" gives "MAN HINH"), đ as d and
 * Đ as D, case and everything else kept: each Vietnamese letter stays
 * one column, so a picture's labels keep their places on a terminal
 * that cannot show the marks.  Invalid UTF-8 bytes become U+FFFD.  The
 * caller frees it. */
char *text_strip_marks(const char *s, size_t n);

/* Writes s to out as one CSV field (RFC 4180: quoted when it holds a
 * comma, a quote or a line break), then a comma, or CRLF when last. */
void text_csv_field(FILE *out, const char *s, int last);

#endif

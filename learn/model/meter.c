/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * meter.c: the password meter (see meter.h): zxcvbn-c's entropy for a
 * box's text, with its English dictionaries and ours of what Vietnamese
 * children and adults type most (the child's name among them), so that
 * "matkhau" or "anhyeuem" rate as weak as "password" does; and the loop
 * of "hocso-cmd password-meter" that serves it to the app.  The text it
 * reads is rated and forgotten: nothing of it is written anywhere but
 * the reply's numbers.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <unistr.h>
#include <zxcvbn.h>

#include "learn/model/meter.h"

/* What is guessed first in Vietnam, as typed on a keyboard without
 * marks: the word "password", love, family, places, idols. */
static const char *const meter_words[] = {
	"matkhau", "mk", "anhyeuem", "emyeuanh", "yeuem", "yeuanh", "iloveyou",
	"toiyeuban", "hocsinh", "vietnam", "hanoi", "saigon", "hochiminh",
	"danang", "haiphong", "giadinh", "boyeu", "meyeu", "bome", "congchua",
	"hoangtu", "bongda", "doremon", "sieunhan", "cuncon", "meomeo",
	"zalo", "facebook", "tiktok", "garena", "lienquan", "freefire",
	"123456789", "12345678", "1234567890", "0123456789", "123123",
	"11111111", "88888888", "66666666", "68686868", "99999999",
};

#define METER_NAME_WORDS 8

int
meter_rate(const char *text, size_t n, const char *name, double *bits,
    int *common)
{
	const char *dict[sizeof meter_words / sizeof *meter_words +
	    METER_NAME_WORDS + 2];
	char words[METER_NAME_MAX + 1], joined[METER_NAME_MAX + 1];
	char *w, *save = NULL;
	size_t i, k = 0, j = 0;
	ZxcMatch_t *info = NULL, *m;

	for (i = 0; i < sizeof meter_words / sizeof *meter_words; i++)
		dict[k++] = meter_words[i];
	/* The child's name: each word, and all of it without spaces. */
	snprintf(words, sizeof words, "%s", name != NULL ? name : "");
	for (w = strtok_r(words, " ", &save); w != NULL && k <
	    sizeof dict / sizeof *dict - 2; w = strtok_r(NULL, " ", &save)) {
		dict[k++] = w;
		for (i = 0; w[i] != '\0' && j + 1 < sizeof joined; i++)
			joined[j++] = w[i];
	}
	joined[j] = '\0';
	if (j > 0)
		dict[k++] = joined;
	dict[k] = NULL;
	*common = 0;
	*bits = ZxcvbnMatch(text, dict, &info);
	for (m = info; m != NULL; m = m->Next) {
		int t = (int)m->Type & ~MULTIPLE_MATCH;

		if ((t == DICTIONARY_MATCH || t == DICT_LEET_MATCH ||
		    t == USER_MATCH || t == USER_LEET_MATCH) &&
		    m->Length >= 3 && (size_t)m->Length * 2 >= n)
			*common = 1;
	}
	ZxcvbnFreeInfo(info);
	return 0;
}

int
meter_rate_here(void *arg, const char *text, size_t n, const char *name,
    double *bits, int *common)
{
	(void)arg;
	return meter_rate(text, n, name, bits, common);
}

/* Whether the n bytes at s are UTF-8 without a control character. */
static int
meter_field_ok(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return 0;
	return u8_check((const uint8_t *)s, n) == NULL;
}

/* Reads the request in line (its LF removed): 0 with *seq, the text
 * and the name (copied, NUL-terminated), or -1 when it is not one. */
static int
meter_parse(char *line, unsigned long *seq, char *text, char *name)
{
	char *tab1, *tab2, *end;
	size_t nt, nn;

	*seq = strtoul(line, &end, 10);
	if (end == line || *end != '\t' || line[0] < '0' || line[0] > '9')
		return -1;
	tab1 = end;
	if ((tab2 = strchr(tab1 + 1, '\t')) == NULL)
		return -1;
	nt = (size_t)(tab2 - tab1 - 1);
	nn = strlen(tab2 + 1);
	if (nt > METER_TEXT_MAX || nn > METER_NAME_MAX ||
	    !meter_field_ok(tab1 + 1, nt) || !meter_field_ok(tab2 + 1, nn))
		return -1;
	memcpy(text, tab1 + 1, nt);
	text[nt] = '\0';
	memcpy(name, tab2 + 1, nn);
	name[nn] = '\0';
	return 0;
}

int
meter_serve(FILE *in, FILE *out)
{
	char *line = NULL, text[METER_TEXT_MAX + 1], name[METER_NAME_MAX + 1];
	size_t cap = 0;
	ssize_t len;
	unsigned long seq;
	double bits;
	int common, rc = 0;
	const char *test = getenv("HOCSO_TEST_METER");

	/* For tests: a meter that dies before its first answer, or one
	 * that answers each request a second late. */
	if (test != NULL && !strcmp(test, "die"))
		return 1;
	while ((len = getline(&line, &cap, in)) >= 0) {
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		if ((size_t)len != strlen(line) ||
		    meter_parse(line, &seq, text, name) != 0) {
			seq = line[0] >= '0' && line[0] <= '9' ?
			    strtoul(line, NULL, 10) : 0;
			fprintf(out, "%lu error\n", seq);
		} else {
			if (test != NULL && !strcmp(test, "slow"))
				sleep(1);
			meter_rate(text, strlen(text), name, &bits, &common);
			fprintf(out, "%lu %ld %d\n", seq,
			    (long)(bits * 100 + 0.5), common);
		}
		memset(line, 0, cap);	/* the text is forgotten */
		if (fflush(out) != 0) {
			rc = 1;
			break;
		}
	}
	memset(text, 0, sizeof text);
	free(line);
	return rc;
}

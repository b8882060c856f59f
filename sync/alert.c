/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * alert.c: safety alerts: checking an alert file (through inih, with
 * libunistring for UTF-8 and lengths in characters), the device's copy of
 * each alert in the store, and who has read which.  See alert.h and
 * docs/sync-protocol.md, "Alerts".
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <ini.h>
#include <unistr.h>

#include "core/clock.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"
#include "sync/alert.h"
#include "sync/devstore.h"

static const char *const alert_langs[ALERT_LANGS] = { "vi", "en" };

enum { F_TITLE, F_TEXT, F_N };

/* The parse under way: where the reader is in the text, what was read
 * so far, and the first problem found. */
struct alert_ctx {
	const char *text;
	size_t len, pos;
	int line;			/* of the line being parsed */
	int indented;			/* it starts with a blank */
	/* keys seen: [alert] id, expires; then per language title, text */
	int seen[1 + ALERT_LANGS][F_N];
	int sections[1 + ALERT_LANGS];	/* section headers seen */
	int last_sec, last_key;		/* the key a continuation adds to */
	char *val[ALERT_LANGS][F_N];	/* as read, continuations joined */
	struct alert *a;
	int err_line;			/* 0 until a problem is found */
	char why[256];
};

static void ctx_fail(struct alert_ctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
ctx_fail(struct alert_ctx *c, const char *fmt, ...)
{
	va_list ap;

	if (c->err_line != 0)
		return;
	c->err_line = c->line;
	va_start(ap, fmt);
	vsnprintf(c->why, sizeof c->why, fmt, ap);
	va_end(ap);
}

static int
section_index(const char *name)
{
	int i;

	if (!strcmp(name, "alert"))
		return 0;
	for (i = 0; i < ALERT_LANGS; i++)
		if (!strcmp(name, alert_langs[i]))
			return 1 + i;
	return -1;
}

/* Looks at the line starting at pos before inih does: its number,
 * whether it continues a value, and whether it opens a known section
 * once.  inih itself says nothing of sections without keys. */
static void
ctx_line_start(struct alert_ctx *c, size_t pos)
{
	const char *p = c->text + pos, *end = c->text + c->len, *close;
	char name[32];
	int sec;

	c->line++;
	c->indented = p < end && (*p == ' ' || *p == '\t');
	if (p >= end || *p != '[')
		return;
	close = memchr(p, ']', end - p);
	if (close == NULL || memchr(p, '\n', close - p) != NULL)
		return;			/* inih reports it */
	snprintf(name, sizeof name, "%.*s", (int)(close - p - 1), p + 1);
	if ((sec = section_index(name)) < 0)
		ctx_fail(c, _("unknown section [%s]: the sections are [alert], "
		    "[vi] and [en]"), name);
	else if (c->sections[sec]++ > 0)
		ctx_fail(c, _("section [%s] appears twice"), name);
}

/* An fgets for inih over the text, one line (or, for a line longer than
 * num, its next piece) at a time. */
static char *
ctx_read(char *str, int num, void *stream)
{
	struct alert_ctx *c = stream;
	size_t n = 0;

	if (c->pos >= c->len || num < 2)
		return NULL;
	if (c->pos == 0 || c->text[c->pos - 1] == '\n')
		ctx_line_start(c, c->pos);
	while (c->pos + n < c->len && n < (size_t)num - 1) {
		if (c->text[c->pos + n++] == '\n')
			break;
	}
	memcpy(str, c->text + c->pos, n);
	str[n] = '\0';
	c->pos += n;
	return str;
}

static int
valid_id(const char *s)
{
	size_t n = strlen(s), i;

	if (n == 0 || n > ALERT_MAX_ID)
		return 0;
	for (i = 0; i < n; i++) {
		char ch = s[i];

		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || ch == '.' || ch == '-' ||
		    ch == '_'))
			return 0;
	}
	return 1;
}

/* Whether s is a real day written YYYY-MM-DD. */
static int
valid_day(const char *s)
{
	struct tm tm = { 0 }, back;
	time_t t;
	int y, m, d, used = 0;

	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d,
	    &used) != 3 || used != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = 12;
	t = timegm(&tm);
	if (gmtime_r(&t, &back) == NULL)
		return 0;
	return back.tm_year == y - 1900 && back.tm_mon == m - 1 &&
	    back.tm_mday == d;
}

static int
ctx_key(void *user, const char *section, const char *name,
    const char *value)
{
	struct alert_ctx *c = user;
	int sec = section_index(section), key = -1, lang;
	char **v;
	size_t n;

	if (c->err_line != 0)
		return 0;
	if (sec < 0) {
		/* keys before any section, or in an unknown one (already
		 * reported when it opened) */
		ctx_fail(c, _("'%s' is not in a section: start with [alert]"),
		    name);
		return 0;
	}
	if (sec == 0)
		key = !strcmp(name, "id") ? 0 : !strcmp(name, "expires") ? 1 :
		    -1;
	else
		key = !strcmp(name, "title") ? F_TITLE : !strcmp(name,
		    "text") ? F_TEXT : -1;
	if (key < 0) {
		ctx_fail(c, sec == 0 ? _("unknown key '%s' in [alert]: the "
		    "keys are id and expires") : _("unknown key '%s': a "
		    "language has a title and a text"), name);
		return 0;
	}
	if (c->indented && c->last_sec == sec && c->last_key == key) {
		/* a continuation line */
		if (sec == 0) {
			ctx_fail(c, _("'%s' takes one line"), name);
			return 0;
		}
		v = &c->val[sec - 1][key];
		n = strlen(*v);
		*v = xrealloc(*v, n + strlen(value) + 2);
		if (n > 0 && value[0] != '\0')
			(*v)[n++] = ' ';
		strcpy(*v + n, value);
		return 1;
	}
	if (c->seen[sec][key]++ > 0) {
		ctx_fail(c, _("'%s' is given twice"), name);
		return 0;
	}
	c->last_sec = sec;
	c->last_key = key;
	if (sec == 0 && key == 0) {
		if (!valid_id(value)) {
			ctx_fail(c, _("the id '%s' must be 1 to 64 letters, "
			    "digits, '.', '-' or '_'"), value);
			return 0;
		}
		snprintf(c->a->id, sizeof c->a->id, "%s", value);
	} else if (sec == 0) {
		if (!valid_day(value)) {
			ctx_fail(c, _("expires '%s' is not a day written "
			    "YYYY-MM-DD"), value);
			return 0;
		}
		snprintf(c->a->expires, sizeof c->a->expires, "%s", value);
	} else {
		lang = sec - 1;
		c->val[lang][key] = xstrdup(value);
	}
	return 1;
}

/* The line number of the byte at off. */
static int
line_of(const char *text, size_t off)
{
	int line = 1;
	size_t i;

	for (i = 0; i < off; i++)
		if (text[i] == '\n')
			line++;
	return line;
}

/* The line on which key of section sec starts (for the length checks,
 * after the parse). */
static int
key_line(const char *text, size_t len, const char *sec, const char *key)
{
	char head[16];
	size_t i, klen = strlen(key);
	int line = 1, in = 0;

	snprintf(head, sizeof head, "[%s]", sec);
	for (i = 0; i < len; i++) {
		if (i == 0 || text[i - 1] == '\n') {
			if (i > 0)
				line++;
			if (text[i] == '[')
				in = !strncmp(text + i, head, strlen(head));
			else if (in && len - i > klen && !strncmp(text + i, key,
			    klen) && strchr(" \t=:", text[i + klen]) != NULL)
				return line;
		}
	}
	return 0;
}

/* Checks and keeps one title or text: NFC, at most max characters. */
static int
take_value(struct alert_ctx *c, int lang, int key, char *dst, size_t size,
    size_t max, const char *name, struct hs_error *err)
{
	char *nfc = text_nfc(c->val[lang][key], strlen(c->val[lang][key]));
	size_t chars = u8_mbsnlen((const uint8_t *)nfc, strlen(nfc));
	int line = key_line(c->text, c->len, alert_langs[lang],
	    key == F_TITLE ? "title" : "text");

	if (chars == 0 || chars > max || strlen(nfc) >= size) {
		free(nfc);
		if (chars == 0)
			return hs_error_set_at(err, HS_EINVAL, name, line, 0,
			    key == F_TITLE ? _("the title is empty") :
			    _("the text is empty"));
		if (key == F_TITLE)
			return hs_error_set_at(err, HS_EINVAL, name, line, 0,
			    _("the title is longer than %d characters"),
			    ALERT_MAX_TITLE);
		return hs_error_set_at(err, HS_EINVAL, name, line, 0,
		    _("the text is longer than %d characters"), ALERT_MAX_TEXT);
	}
	memcpy(dst, nfc, strlen(nfc) + 1);
	free(nfc);
	return 0;
}

int
alert_parse(const char *text, size_t len, const char *name,
    struct alert *a, struct hs_error *err)
{
	struct alert_ctx c;
	const uint8_t *bad;
	int rc = 0, line, lang, key, langs = 0;
	/* inih's settings are process-wide: a long line (a text of 1000
	 * Vietnamese characters on one line) needs a buffer that grows. */
	int saved_stack = ini_use_stack, saved_realloc = ini_allow_realloc,
	    saved_max = ini_max_line, saved_multi = ini_allow_multiline;

	memset(a, 0, sizeof *a);
	memset(&c, 0, sizeof c);
	c.text = text;
	c.len = len;
	c.a = a;
	c.last_sec = c.last_key = -1;
	if (len > ALERT_MAX_FILE)
		return hs_error_set_at(err, HS_EINVAL, name, 0, 0,
		    _("larger than %d bytes"), ALERT_MAX_FILE);
	if ((bad = u8_check((const uint8_t *)text, len)) != NULL)
		return hs_error_set_at(err, HS_EINVAL, name,
		    line_of(text, (const char *)bad - text), 0,
		    _("not valid UTF-8"));
	if ((bad = memchr(text, '\0', len)) != NULL)
		return hs_error_set_at(err, HS_EINVAL, name,
		    line_of(text, (const char *)bad - text), 0,
		    _("a NUL byte: this is not a text file"));
	ini_use_stack = 0;
	ini_allow_realloc = 1;
	ini_max_line = ALERT_MAX_FILE + 3;
	ini_allow_multiline = 1;
	line = ini_parse_stream(ctx_read, &c, ctx_key, &c);
	ini_use_stack = saved_stack;
	ini_allow_realloc = saved_realloc;
	ini_max_line = saved_max;
	ini_allow_multiline = saved_multi;
	if (line == -2)
		util_oom();
	if (c.err_line != 0 && (line == 0 || line >= c.err_line)) {
		rc = hs_error_set_at(err, HS_EINVAL, name, c.err_line, 0, "%s",
		    c.why);
		goto out;
	}
	if (line != 0) {
		rc = hs_error_set_at(err, HS_EINVAL, name, line, 0,
		    _("not a 'key = value' line"));
		goto out;
	}
	if (a->id[0] == '\0') {
		rc = hs_error_set_at(err, HS_EINVAL, name, 0, 0,
		    _("[alert] needs an id"));
		goto out;
	}
	for (lang = 0; lang < ALERT_LANGS; lang++) {
		if (c.val[lang][F_TITLE] == NULL && c.val[lang][F_TEXT] == NULL)
			continue;
		if (c.val[lang][F_TITLE] == NULL ||
		    c.val[lang][F_TEXT] == NULL) {
			rc = hs_error_set_at(err, HS_EINVAL, name, 0, 0,
			    _("[%s] needs both a title and a text"),
			    alert_langs[lang]);
			goto out;
		}
		if ((rc = take_value(&c, lang, F_TITLE, a->title[lang],
		    sizeof a->title[lang], ALERT_MAX_TITLE, name, err)) != 0 ||
		    (rc = take_value(&c, lang, F_TEXT, a->text[lang],
		    sizeof a->text[lang], ALERT_MAX_TEXT, name, err)) != 0)
			goto out;
		langs++;
	}
	if (langs == 0)
		rc = hs_error_set_at(err, HS_EINVAL, name, 0, 0,
		    _("no [vi] or [en] section with a title and a text"));
out:
	for (lang = 0; lang < ALERT_LANGS; lang++)
		for (key = 0; key < F_N; key++)
			free(c.val[lang][key]);
	if (rc != 0)
		memset(a, 0, sizeof *a);
	return rc;
}

static int
lang_index(const struct alert *a, const char *lang, int text)
{
	int i = lang != NULL && !strcmp(lang, "en") ? ALERT_EN : ALERT_VI;
	const char *s = text ? a->text[i] : a->title[i];

	return s[0] != '\0' ? i : 1 - i;
}

const char *
alert_title(const struct alert *a, const char *lang)
{
	return a->title[lang_index(a, lang, 0)];
}

const char *
alert_text(const struct alert *a, const char *lang)
{
	return a->text[lang_index(a, lang, 1)];
}

int
alert_expired(const struct alert *a, const char *today)
{
	return a->expires[0] != '\0' && strcmp(today, a->expires) > 0;
}

void
alert_today(char *buf, size_t len)
{
	time_t now = (time_t)(clock_now_ms() / 1000);
	struct tm tm;

	if (localtime_r(&now, &tm) == NULL ||
	    strftime(buf, len, "%Y-%m-%d", &tm) == 0)
		snprintf(buf, len, "%s", "0000-00-00");
}

/* Appends this device's event that alert id was received or first read
 * (verb ALERT_VERB_RECEIVED or ALERT_VERB_READ).  Inside a
 * transaction. */
static int
alert_event(struct store *s, const char *verb, const char *id,
    struct hs_error *err)
{
	char device[64], object[sizeof ALERT_URN + ALERT_MAX_ID];
	struct store_event ev;
	int rc;

	if ((rc = devstore_device_id(s, device, sizeof device, err)) != 0)
		return rc;
	snprintf(object, sizeof object, "%s%s", ALERT_URN, id);
	memset(&ev, 0, sizeof ev);
	ev.actor = device;
	ev.verb = verb;
	ev.object = object;
	ev.success = ev.completion = -1;
	ev.duration_ms = -1;
	return store_event_append(s, &ev, err);
}

/* Runs sql (a SAVEPOINT's statement): works inside a transaction or out
 * of one. */
static int
alert_exec(struct store *s, const char *sql, struct hs_error *err)
{
	if (sqlite3_exec(store_db(s), sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_error(s, err, _("cannot record the alert"));
	return 0;
}

/* Ends the savepoint: kept when rc is 0 or 1, else undone. */
static int
alert_end(struct store *s, int rc, struct hs_error *err)
{
	int rc2;

	if (rc == 0 || rc == 1)
		return (rc2 = alert_exec(s, "RELEASE alert_ev", err)) != 0 ?
		    rc2 : rc;
	sqlite3_exec(store_db(s), "ROLLBACK TO alert_ev; RELEASE alert_ev",
	    NULL, NULL, NULL);
	return rc;
}

int
alert_save(struct store *s, long long number, const char *text, size_t len,
    struct hs_error *err)
{
	static const char sql[] =
	    "INSERT INTO alerts (id, number, received, body)"
	    " VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING";
	struct alert *a = xmalloc(sizeof *a);
	sqlite3_stmt *st;
	char name[64], ts[32];
	int rc;

	snprintf(name, sizeof name, _("alert %lld"), number);
	if ((rc = alert_parse(text, len, name, a, err)) != 0)
		goto out;
	if ((st = store_prepare(s, sql, err)) == NULL) {
		rc = HS_ESTORE;
		goto out;
	}
	util_iso8601(clock_now_ms(), ts, sizeof ts);
	sqlite3_bind_text(st, 1, a->id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, number);
	sqlite3_bind_text(st, 3, ts, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, text, (int)len, SQLITE_STATIC);
	if ((rc = alert_exec(s, "SAVEPOINT alert_ev", err)) != 0) {
		sqlite3_reset(st);
		goto out;
	}
	if ((rc = store_step_done(s, st, err)) == 0) {
		if (sqlite3_changes(store_db(s)) == 0)
			rc = 1;		/* kept already */
		else		/* new here: the province is told */
			rc = alert_event(s, ALERT_VERB_RECEIVED, a->id, err);
	}
	rc = alert_end(s, rc, err);
out:
	free(a);
	return rc;
}

int
alert_unread(struct store *s, const char *learner, const char *today,
    struct alert **list, int *n, struct hs_error *err)
{
	static const char sql[] =
	    "SELECT number, body FROM alerts WHERE NOT EXISTS"
	    " (SELECT 1 FROM alert_reads r WHERE r.alert_id = alerts.id"
	    "  AND r.learner = ?) ORDER BY number DESC, id";
	struct alert a;
	sqlite3_stmt *st;
	struct hs_error perr;
	char name[64];
	int rc;

	*list = NULL;
	*n = 0;
	if ((st = store_prepare(s, sql, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_text(st, 1, learner, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		snprintf(name, sizeof name, _("alert %lld"),
		    (long long)sqlite3_column_int64(st, 0));
		/* Kept only once checked: one that no longer parses (a
		 * later hocso with stricter rules) is not shown. */
		if (alert_parse((const char *)sqlite3_column_text(st, 1),
		    (size_t)sqlite3_column_bytes(st, 1), name, &a, &perr) != 0 ||
		    alert_expired(&a, today))
			continue;
		*list = xrealloc(*list, (*n + 1) * sizeof **list);
		(*list)[(*n)++] = a;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(*list);
		*list = NULL;
		*n = 0;
		return store_error(s, err, _("cannot read the alerts"));
	}
	return 0;
}

int
alert_mark_read(struct store *s, const char *learner, const char *id,
    struct hs_error *err)
{
	static const char first[] =
	    "SELECT NOT EXISTS (SELECT 1 FROM alert_reads WHERE alert_id = ?)";
	static const char sql[] =
	    "INSERT INTO alert_reads (alert_id, learner, read_at)"
	    " VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
	sqlite3_stmt *st;
	char ts[32];
	int rc, none;

	if ((rc = alert_exec(s, "SAVEPOINT alert_ev", err)) != 0)
		return rc;
	if ((st = store_prepare(s, first, err)) == NULL)
		return alert_end(s, HS_ESTORE, err);
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	none = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if ((st = store_prepare(s, sql, err)) == NULL)
		return alert_end(s, HS_ESTORE, err);
	util_iso8601(clock_now_ms(), ts, sizeof ts);
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, learner, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, ts, -1, SQLITE_STATIC);
	/* The first learner of this device to read it: the province is
	 * told that the alert was read here (never by whom). */
	if ((rc = store_step_done(s, st, err)) == 0 && none &&
	    sqlite3_changes(store_db(s)) > 0)
		rc = alert_event(s, ALERT_VERB_READ, id, err);
	return alert_end(s, rc, err);
}

int
alert_withdrawal(const char *text, size_t len, char *id, size_t idlen)
{
	static const char head[] = "[withdraw]\nid = ";
	size_t n = sizeof head - 1, i;

	if (len <= n + 1 || memcmp(text, head, n) != 0 || text[len - 1] != '\n')
		return -1;
	for (i = n; i < len - 1; i++)
		if (text[i] == '\n' || (unsigned char)text[i] < 0x20)
			return -1;
	if (len - 1 - n > ALERT_MAX_ID || len - 1 - n >= idlen)
		return -1;
	memcpy(id, text + n, len - 1 - n);
	id[len - 1 - n] = '\0';
	return 0;
}

int
alert_withdraw(struct store *s, const char *id, struct hs_error *err)
{
	static const char reads[] = "DELETE FROM alert_reads WHERE alert_id = ?";
	static const char sql[] = "DELETE FROM alerts WHERE id = ?";
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_begin(s, err)) != 0)
		return rc;
	if ((st = store_prepare(s, reads, err)) == NULL) {
		store_rollback(s);
		return HS_ESTORE;
	}
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if ((rc = store_step_done(s, st, err)) != 0) {
		store_rollback(s);
		return rc;
	}
	if ((st = store_prepare(s, sql, err)) == NULL) {
		store_rollback(s);
		return HS_ESTORE;
	}
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if ((rc = store_step_done(s, st, err)) != 0) {
		store_rollback(s);
		return rc;
	}
	return store_commit(s, err);
}

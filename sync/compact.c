/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * compact.c: writing and reading events.bin.  See compact.h and
 * docs/bundle-format.md.
 *
 * The layout: a header (magic, version, event count, first sequence
 * number, the length of each stream), then the streams one after the
 * other.  Each event puts a value in some of the streams, always in the
 * same order, so the reader walks all the streams in step.  A value that
 * names something seen before in the bundle (a learner, an attempt, an
 * activity, a response, a shape) is its place in a move-to-front list,
 * 1 for the most recent, and 0 introduces a new one, whose bytes follow
 * in the UUIDS or STRINGS stream.
 */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/util.h"
#include "core/uuid.h"
#include "sync/compact.h"

#define UUID_TEXT (UUID_LEN + 1)

/* The streams, in the order they are stored. */
enum {
	S_SHAPE,	/* which shape (verb, language, parts present) */
	S_SHAPES,	/* new shapes: flags, verb, language */
	S_SEQ,		/* seq - previous seq - 1 */
	S_ID,		/* the event's UUID, 16 bytes */
	S_TS,		/* ms - previous ms, zigzag */
	S_ACTOR,	/* the learner, move-to-front */
	S_REG,		/* the attempt, move-to-front */
	S_UUIDS,	/* new learners and attempts, 16 bytes each */
	S_OBJECT,	/* the activity, move-to-front */
	S_RESPONSE,	/* the response, move-to-front */
	S_STRINGS,	/* new activities and responses: length, bytes */
	S_SCORE,	/* round(score * 10000), zigzag */
	S_DURATION,	/* milliseconds */
	S_RAW,		/* events whose ids or time are not canonical */
	NSTREAMS
};

static const char *const stream_names[NSTREAMS] = {
	"SHAPE", "SHAPES", "SEQ", "ID", "TS", "ACTOR", "REG", "UUIDS",
	"OBJECT", "RESPONSE", "STRINGS", "SCORE", "DURATION", "RAW",
};

/* A shape's flags. */
#define F_REG		0x001
#define F_RESPONSE	0x002
#define F_SCORE		0x004
#define F_DURATION	0x008
#define F_SUCCESS	0x030	/* 2 bits: 0 unknown, 1 false, 2 true */
#define F_COMPLETION	0x0c0	/* the same */
#define F_LANG		0x100
#define F_RAW		0x200	/* id, time, actor, attempt as text */
#define F_ALL		0x3ff

#define SUCCESS_SHIFT 4
#define COMPLETION_SHIFT 6

#define MAX_SEQ (1LL << 62)
#define MAX_MS 253402300799999LL	/* 9999-12-31T23:59:59.999Z */
#define MAX_DURATION (1LL << 50)
#define SCORE_STEPS STATEMENT_SCORE_STEPS

struct buf {
	unsigned char *p;
	size_t n, cap;
};

static void
buf_put(struct buf *b, const void *data, size_t len)
{
	if (b->n + len > b->cap) {
		b->cap = b->cap != 0 ? b->cap : 256;
		while (b->n + len > b->cap)
			b->cap *= 2;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->n, data, len);
	b->n += len;
}

static void
buf_varint(struct buf *b, uint64_t v)
{
	unsigned char c[10];
	int n = 0;

	do {
		c[n] = v & 0x7f;
		v >>= 7;
		if (v != 0)
			c[n] |= 0x80;
		n++;
	} while (v != 0);
	buf_put(b, c, n);
}

static size_t
varint_len(uint64_t v)
{
	size_t n = 1;

	while (v >= 0x80) {
		v >>= 7;
		n++;
	}
	return n;
}

static uint64_t
zigzag(long long v)
{
	return v < 0 ? ((uint64_t)-(v + 1) << 1) | 1 : (uint64_t)v << 1;
}

static long long
unzigzag(uint64_t v)
{
	return (v & 1) ? -(long long)(v >> 1) - 1 : (long long)(v >> 1);
}

static void
buf_string(struct buf *b, const char *s)
{
	size_t n = strlen(s);

	buf_varint(b, n);
	buf_put(b, s, n);
}

/* A list of things in move-to-front order: order[0] is the most recent,
 * an index into the owner's table. */
struct mtf {
	int *order;
	int n, cap;
};

static void
mtf_push(struct mtf *m, int idx)
{
	if (m->n == m->cap) {
		m->cap = m->cap != 0 ? m->cap * 2 : 32;
		m->order = xrealloc(m->order, m->cap * sizeof *m->order);
	}
	memmove(m->order + 1, m->order, m->n * sizeof *m->order);
	m->order[0] = idx;
	m->n++;
}

/* Moves the entry at position k to the front and returns its index. */
static int
mtf_use(struct mtf *m, int k)
{
	int idx = m->order[k];

	memmove(m->order + 1, m->order, k * sizeof *m->order);
	m->order[0] = idx;
	return idx;
}

/* Parses a canonical lower-case UUID into 16 bytes: 0, or -1. */
static int
uuid_bin(const char *s, unsigned char b[16])
{
	static const char hex[] = "0123456789abcdef";
	const char *h, *l;
	int i, j = 0;

	if (s == NULL || strlen(s) != 36)
		return -1;
	for (i = 0; i < 36; ) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i++] != '-')
				return -1;
			continue;
		}
		if ((h = strchr(hex, s[i])) == NULL || s[i] == '\0' ||
		    (l = strchr(hex, s[i + 1])) == NULL || s[i + 1] == '\0')
			return -1;
		b[j++] = (unsigned char)((h - hex) << 4 | (l - hex));
		i += 2;
	}
	return 0;
}

static void
uuid_text(const unsigned char b[16], char out[UUID_TEXT])
{
	snprintf(out, UUID_TEXT, "%02x%02x%02x%02x-%02x%02x-%02x%02x-"
	    "%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1], b[2], b[3],
	    b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13],
	    b[14], b[15]);
}

static long long
days_from_civil(long long y, unsigned m, unsigned d)
{
	long long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

long long
compact_ts_ms(const char *ts)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:dd.dddZ";
	char again[32];
	long long ms;
	int i;

	if (ts == NULL || strlen(ts) != sizeof shape - 1)
		return -1;
	for (i = 0; shape[i] != '\0'; i++)
		if (shape[i] == 'd' ? !isdigit((unsigned char)ts[i]) :
		    ts[i] != shape[i])
			return -1;
	ms = days_from_civil(atoi(ts), (unsigned)atoi(ts + 5),
	    (unsigned)atoi(ts + 8)) * 86400000LL +
	    atoi(ts + 11) * 3600000LL + atoi(ts + 14) * 60000LL +
	    atoi(ts + 17) * 1000LL + atoi(ts + 20);
	if (ms < 0 || ms > MAX_MS)
		return -1;
	/* Only what store.c would have written: no 25:00 or 30 February. */
	util_iso8601(ms, again, sizeof again);
	return strcmp(again, ts) == 0 ? ms : -1;
}

/*
 * The writer.
 */

struct shape {
	unsigned flags;
	char *verb, *lang;
};

struct compact_writer {
	struct buf s[NSTREAMS];
	int count;
	long long first_seq, prev_seq, prev_ms;
	struct shape *shapes;
	int nshapes;
	unsigned char (*uuids)[16];	/* learners and attempts */
	int nuuids;
	struct mtf actors, regs;
	char **strings;			/* activities and responses */
	int nstrings;
	struct mtf objects, responses;
};

struct compact_writer *
compact_writer_new(void)
{
	return xcalloc(1, sizeof(struct compact_writer));
}

int
compact_writer_count(const struct compact_writer *w)
{
	return w->count;
}

size_t
compact_writer_size(const struct compact_writer *w)
{
	size_t n = 4 + 1 + 10 + 10 + 1;
	int i;

	for (i = 0; i < NSTREAMS; i++)
		n += varint_len(w->s[i].n) + w->s[i].n;
	return n;
}

/* The shape of e: its index in w->shapes (a new one is added). */
static int
shape_of(struct compact_writer *w, const struct statement_event *e,
    unsigned flags)
{
	const char *lang = e->ev.lang;
	struct shape *s;
	int i;

	for (i = 0; i < w->nshapes; i++) {
		s = &w->shapes[i];
		if (s->flags == flags && !strcmp(s->verb, e->ev.verb) &&
		    (!(flags & F_LANG) || !strcmp(s->lang, lang)))
			return i;
	}
	w->shapes = xrealloc(w->shapes, (w->nshapes + 1) * sizeof *w->shapes);
	s = &w->shapes[w->nshapes];
	s->flags = flags;
	s->verb = xstrdup(e->ev.verb);
	s->lang = (flags & F_LANG) ? xstrdup(lang) : NULL;
	buf_varint(&w->s[S_SHAPES], flags);
	buf_string(&w->s[S_SHAPES], s->verb);
	if (flags & F_LANG)
		buf_string(&w->s[S_SHAPES], s->lang);
	return w->nshapes++;
}

/* Writes the move-to-front reference to the UUID b in list m. */
static void
put_uuid(struct compact_writer *w, struct mtf *m, int stream,
    const unsigned char b[16])
{
	int k;

	for (k = 0; k < m->n; k++)
		if (memcmp(w->uuids[m->order[k]], b, 16) == 0) {
			mtf_use(m, k);
			buf_varint(&w->s[stream], (uint64_t)k + 1);
			return;
		}
	w->uuids = xrealloc(w->uuids, (w->nuuids + 1) * sizeof *w->uuids);
	memcpy(w->uuids[w->nuuids], b, 16);
	mtf_push(m, w->nuuids++);
	buf_varint(&w->s[stream], 0);
	buf_put(&w->s[S_UUIDS], b, 16);
}

/* The same for the string str in list m. */
static void
put_string(struct compact_writer *w, struct mtf *m, int stream,
    const char *str)
{
	int k;

	for (k = 0; k < m->n; k++)
		if (!strcmp(w->strings[m->order[k]], str)) {
			mtf_use(m, k);
			buf_varint(&w->s[stream], (uint64_t)k + 1);
			return;
		}
	w->strings = xrealloc(w->strings, (w->nstrings + 1) *
	    sizeof *w->strings);
	w->strings[w->nstrings] = xstrdup(str);
	mtf_push(m, w->nstrings++);
	buf_varint(&w->s[stream], 0);
	buf_string(&w->s[S_STRINGS], str);
}

static int
too_long(const char *s)
{
	return s != NULL && strlen(s) > COMPACT_MAX_STRING;
}

static unsigned
tristate(int v)
{
	return v < 0 ? 0 : v ? 2 : 1;
}

int
compact_writer_add(struct compact_writer *w, const struct statement_event *e,
    struct hs_error *err)
{
	const struct store_event *ev = &e->ev;
	unsigned char actor[16], reg[16];
	unsigned flags = 0;
	long long ms;

	if (w->count >= COMPACT_MAX_EVENTS)
		return hs_error_set(err, HS_EINVAL, _("more events than a "
		    "bundle may hold"));
	if (e->seq < 1 || e->seq > MAX_SEQ || (w->count > 0 &&
	    e->seq <= w->prev_seq))
		return hs_error_set(err, HS_EINVAL, _("event %lld is out of "
		    "order"), e->seq);
	if (e->ts == NULL || ev->actor == NULL ||
	    ev->verb == NULL || ev->object == NULL ||
	    too_long(e->ts) || too_long(ev->actor) || too_long(ev->verb) ||
	    too_long(ev->object) || too_long(ev->registration) ||
	    too_long(ev->response) || too_long(ev->lang) ||
	    (ev->duration_ms >= 0 && ev->duration_ms > MAX_DURATION))
		return hs_error_set(err, HS_EINVAL, _("event %lld is too large "
		    "or incomplete to be sent"), e->seq);

	ms = compact_ts_ms(e->ts);
	if (uuid_bin(ev->actor, actor) != 0 ||
	    (ev->registration != NULL && uuid_bin(ev->registration,
	    reg) != 0) || ms < 0)
		flags |= F_RAW;
	flags |= ev->registration != NULL ? F_REG : 0;
	flags |= ev->response != NULL ? F_RESPONSE : 0;
	flags |= ev->has_score ? F_SCORE : 0;
	flags |= ev->duration_ms >= 0 ? F_DURATION : 0;
	flags |= tristate(ev->success) << SUCCESS_SHIFT;
	flags |= tristate(ev->completion) << COMPLETION_SHIFT;
	flags |= ev->lang != NULL ? F_LANG : 0;

	if (w->count == 0)
		w->first_seq = w->prev_seq = e->seq;
	else {
		buf_varint(&w->s[S_SEQ], (uint64_t)(e->seq - w->prev_seq - 1));
		w->prev_seq = e->seq;
	}
	buf_varint(&w->s[S_SHAPE], (uint64_t)shape_of(w, e, flags));
	if (flags & F_RAW) {
		buf_string(&w->s[S_RAW], e->ts);
		buf_string(&w->s[S_RAW], ev->actor);
		if (flags & F_REG)
			buf_string(&w->s[S_RAW], ev->registration);
	} else {
		buf_varint(&w->s[S_TS], zigzag(ms - w->prev_ms));
		w->prev_ms = ms;
		put_uuid(w, &w->actors, S_ACTOR, actor);
		if (flags & F_REG)
			put_uuid(w, &w->regs, S_REG, reg);
	}
	put_string(w, &w->objects, S_OBJECT, ev->object);
	if (flags & F_RESPONSE)
		put_string(w, &w->responses, S_RESPONSE, ev->response);
	if (flags & F_SCORE)
		buf_varint(&w->s[S_SCORE], zigzag(statement_score_steps(
		    ev->score)));
	if (flags & F_DURATION)
		buf_varint(&w->s[S_DURATION], (uint64_t)ev->duration_ms);
	w->count++;
	return 0;
}

unsigned char *
compact_writer_finish(struct compact_writer *w, size_t *len)
{
	struct buf out = { 0 };
	unsigned char version = COMPACT_VERSION;
	int i;

	buf_put(&out, COMPACT_MAGIC, 4);
	buf_put(&out, &version, 1);
	buf_varint(&out, (uint64_t)w->count);
	buf_varint(&out, (uint64_t)(w->count > 0 ? w->first_seq : 0));
	buf_varint(&out, NSTREAMS);
	for (i = 0; i < NSTREAMS; i++)
		buf_varint(&out, w->s[i].n);
	for (i = 0; i < NSTREAMS; i++)
		if (w->s[i].n > 0)
			buf_put(&out, w->s[i].p, w->s[i].n);
	compact_writer_free(w);
	*len = out.n;
	return out.p;
}

void
compact_writer_free(struct compact_writer *w)
{
	int i;

	if (w == NULL)
		return;
	for (i = 0; i < NSTREAMS; i++)
		free(w->s[i].p);
	for (i = 0; i < w->nshapes; i++) {
		free(w->shapes[i].verb);
		free(w->shapes[i].lang);
	}
	free(w->shapes);
	for (i = 0; i < w->nstrings; i++)
		free(w->strings[i]);
	free(w->strings);
	free(w->uuids);
	free(w->actors.order);
	free(w->regs.order);
	free(w->objects.order);
	free(w->responses.order);
	free(w);
}

/*
 * The reader.
 */

/* Everything the decoded events point into. */
struct compact_store {
	char **strings;			/* every string made, to free */
	int nstrings, cap;
	struct shape *shapes;
	int nshapes;
	char **uuids;			/* learners and attempts, as text */
	int nuuids;
	char **table;			/* activities and responses */
	int ntable;
	struct mtf actors, regs, objects, responses;
	char (*ids)[UUID_TEXT];		/* per event */
	char (*times)[32];		/* per event */
};

struct cursor {
	const unsigned char *p, *end;
	int stream;
};

struct reader {
	struct cursor c[NSTREAMS];
	struct compact_store *m;
	int version;			/* 1: ids travel; 2: they do not */
	struct hs_error *err;
};

static int
cut(struct reader *r, int stream)
{
	return hs_error_set(r->err, HS_EINVAL, _("events.bin is cut short or "
	    "damaged (stream %s)"), stream_names[stream]);
}

static int
bad_value(struct reader *r, int stream)
{
	return hs_error_set(r->err, HS_EINVAL, _("events.bin holds a value "
	    "that is not allowed (stream %s)"), stream_names[stream]);
}

static int
rd_varint(struct cursor *c, uint64_t *v)
{
	int shift = 0;

	*v = 0;
	while (c->p < c->end) {
		unsigned char b = *c->p++;

		if (shift == 63 && (b & 0x7e) != 0)
			return -1;	/* over 64 bits */
		*v |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80))
			return 0;
		shift += 7;
		if (shift > 63)
			return -1;
	}
	return -1;
}

/* A varint of stream s no greater than max. */
static int
rd_num(struct reader *r, int s, uint64_t max, uint64_t *v)
{
	if (rd_varint(&r->c[s], v) != 0)
		return cut(r, s);
	if (*v > max)
		return bad_value(r, s);
	return 0;
}

static char *
keep(struct compact_store *m, char *s)
{
	if (m->nstrings == m->cap) {
		m->cap = m->cap != 0 ? m->cap * 2 : 64;
		m->strings = xrealloc(m->strings, m->cap * sizeof *m->strings);
	}
	m->strings[m->nstrings++] = s;
	return s;
}

/* A string (length, bytes; no NUL inside) of stream s. */
static int
rd_string(struct reader *r, int s, char **out)
{
	struct cursor *c = &r->c[s];
	uint64_t n;
	int rc;

	if ((rc = rd_num(r, s, COMPACT_MAX_STRING, &n)) != 0)
		return rc;
	if ((uint64_t)(c->end - c->p) < n)
		return cut(r, s);
	if (memchr(c->p, '\0', n) != NULL)
		return bad_value(r, s);
	*out = keep(r->m, xstrndup((const char *)c->p, n));
	c->p += n;
	return 0;
}

static int
rd_uuid16(struct reader *r, int s, unsigned char b[16])
{
	struct cursor *c = &r->c[s];

	if (c->end - c->p < 16)
		return cut(r, s);
	memcpy(b, c->p, 16);
	c->p += 16;
	return 0;
}

/* A learner or an attempt: a reference into list l, or a new UUID. */
static int
rd_uuid_ref(struct reader *r, struct mtf *l, int s, const char **out)
{
	struct compact_store *m = r->m;
	unsigned char b[16];
	char text[UUID_TEXT];
	uint64_t k;
	int rc;

	if ((rc = rd_num(r, s, (uint64_t)l->n, &k)) != 0)
		return rc;
	if (k > 0) {
		*out = m->uuids[mtf_use(l, (int)k - 1)];
		return 0;
	}
	if ((rc = rd_uuid16(r, S_UUIDS, b)) != 0)
		return rc;
	uuid_text(b, text);
	m->uuids = xrealloc(m->uuids, (m->nuuids + 1) * sizeof *m->uuids);
	m->uuids[m->nuuids] = keep(m, xstrdup(text));
	mtf_push(l, m->nuuids);
	*out = m->uuids[m->nuuids++];
	return 0;
}

/* An activity or a response: a reference into list l, or a new string. */
static int
rd_string_ref(struct reader *r, struct mtf *l, int s, const char **out)
{
	struct compact_store *m = r->m;
	uint64_t k;
	char *str;
	int rc;

	if ((rc = rd_num(r, s, (uint64_t)l->n, &k)) != 0)
		return rc;
	if (k > 0) {
		*out = m->table[mtf_use(l, (int)k - 1)];
		return 0;
	}
	if ((rc = rd_string(r, S_STRINGS, &str)) != 0)
		return rc;
	m->table = xrealloc(m->table, (m->ntable + 1) * sizeof *m->table);
	m->table[m->ntable] = str;
	mtf_push(l, m->ntable);
	*out = m->table[m->ntable++];
	return 0;
}

static int
rd_shape(struct reader *r, const struct shape **out)
{
	struct compact_store *m = r->m;
	struct shape *s;
	uint64_t k, flags;
	int rc;

	if ((rc = rd_num(r, S_SHAPE, (uint64_t)m->nshapes, &k)) != 0)
		return rc;
	if (k < (uint64_t)m->nshapes) {
		*out = &m->shapes[k];
		return 0;
	}
	if ((rc = rd_num(r, S_SHAPES, F_ALL, &flags)) != 0)
		return rc;
	if (((flags & F_SUCCESS) >> SUCCESS_SHIFT) == 3 ||
	    ((flags & F_COMPLETION) >> COMPLETION_SHIFT) == 3)
		return bad_value(r, S_SHAPES);
	m->shapes = xrealloc(m->shapes, (m->nshapes + 1) * sizeof *m->shapes);
	s = &m->shapes[m->nshapes];
	memset(s, 0, sizeof *s);
	s->flags = (unsigned)flags;
	if ((rc = rd_string(r, S_SHAPES, &s->verb)) != 0)
		return rc;
	if (*s->verb == '\0')
		return bad_value(r, S_SHAPES);
	if ((flags & F_LANG) && (rc = rd_string(r, S_SHAPES, &s->lang)) != 0)
		return rc;
	*out = &m->shapes[m->nshapes++];
	return 0;
}

static int
untristate(unsigned v)
{
	return v == 0 ? -1 : v == 2;
}

/* Decodes event i into e. */
static int
rd_event(struct reader *r, int i, long long *seq, long long *ms,
    struct statement_event *e)
{
	struct compact_store *m = r->m;
	struct store_event *ev = &e->ev;
	const struct shape *sh = NULL;
	unsigned char id[16];
	uint64_t v;
	char *s;
	int rc;

	if ((rc = rd_shape(r, &sh)) != 0)
		return rc;
	if (i > 0) {
		if (*seq >= MAX_SEQ)
			return bad_value(r, S_SEQ);
		if ((rc = rd_num(r, S_SEQ, (uint64_t)(MAX_SEQ - *seq - 1),
		    &v)) != 0)
			return rc;
		*seq += (long long)v + 1;
	}
	e->seq = *seq;
	ev->verb = sh->verb;
	ev->lang = sh->lang;
	ev->success = untristate((sh->flags & F_SUCCESS) >> SUCCESS_SHIFT);
	ev->completion = untristate((sh->flags & F_COMPLETION) >>
	    COMPLETION_SHIFT);
	ev->duration_ms = -1;
	e->uuid = NULL;
	if (sh->flags & F_RAW) {
		if (r->version == 1 && (rc = rd_string(r, S_RAW, &s)) != 0)
			return rc;
		if (r->version == 1)
			e->uuid = s;
		if ((rc = rd_string(r, S_RAW, &s)) != 0)
			return rc;
		e->ts = s;
		if ((rc = rd_string(r, S_RAW, &s)) != 0)
			return rc;
		ev->actor = s;
		if ((sh->flags & F_REG) &&
		    (rc = rd_string(r, S_RAW, &s)) != 0)
			return rc;
		ev->registration = (sh->flags & F_REG) ? s : NULL;
	} else {
		if (r->version == 1 && (rc = rd_uuid16(r, S_ID, id)) != 0)
			return rc;
		if (r->version == 1) {
			uuid_text(id, m->ids[i]);
			e->uuid = m->ids[i];
		}
		if ((rc = rd_varint(&r->c[S_TS], &v)) != 0)
			return cut(r, S_TS);
		if (unzigzag(v) < -MAX_MS || unzigzag(v) > MAX_MS ||
		    *ms + unzigzag(v) < 0 || *ms + unzigzag(v) > MAX_MS)
			return bad_value(r, S_TS);
		*ms += unzigzag(v);
		util_iso8601(*ms, m->times[i], sizeof m->times[i]);
		e->ts = m->times[i];
		if ((rc = rd_uuid_ref(r, &m->actors, S_ACTOR,
		    &ev->actor)) != 0)
			return rc;
		if ((sh->flags & F_REG) && (rc = rd_uuid_ref(r, &m->regs,
		    S_REG, &ev->registration)) != 0)
			return rc;
	}
	if ((rc = rd_string_ref(r, &m->objects, S_OBJECT, &ev->object)) != 0)
		return rc;
	if ((sh->flags & F_RESPONSE) && (rc = rd_string_ref(r, &m->responses,
	    S_RESPONSE, &ev->response)) != 0)
		return rc;
	if (sh->flags & F_SCORE) {
		if ((rc = rd_varint(&r->c[S_SCORE], &v)) != 0)
			return cut(r, S_SCORE);
		if (unzigzag(v) < -SCORE_STEPS || unzigzag(v) > SCORE_STEPS)
			return bad_value(r, S_SCORE);
		ev->has_score = 1;
		ev->score = (double)unzigzag(v) / SCORE_STEPS;
	}
	if ((sh->flags & F_DURATION) && (rc = rd_num(r, S_DURATION,
	    MAX_DURATION, &v)) != 0)
		return rc;
	if (sh->flags & F_DURATION)
		ev->duration_ms = (long long)v;
	return 0;
}

int
compact_read(const unsigned char *buf, size_t len, struct compact_events *out,
    struct hs_error *err)
{
	struct reader r;
	struct cursor head = { buf, buf + len, 0 };
	uint64_t count, first, nstreams, slen[NSTREAMS];
	long long seq, ms = 0;
	const unsigned char *p;
	int i, rc;

	memset(out, 0, sizeof *out);
	memset(&r, 0, sizeof r);
	r.err = err;
	if (len < 5 || memcmp(buf, COMPACT_MAGIC, 4) != 0)
		return hs_error_set(err, HS_EINVAL, _("events.bin is not a list "
		    "of hocso events"));
	if (buf[4] != 1 && buf[4] != COMPACT_VERSION)
		return hs_error_set(err, HS_EINVAL, _("events.bin is in "
		    "version %d of its format, which this hocso does not know: "
		    "update hocso"), buf[4]);
	r.version = buf[4];
	head.p += 5;
	if (rd_varint(&head, &count) != 0 || rd_varint(&head, &first) != 0 ||
	    rd_varint(&head, &nstreams) != 0 || nstreams != NSTREAMS)
		return hs_error_set(err, HS_EINVAL, _("events.bin is cut short "
		    "or damaged (its header)"));
	/* Every event takes at least a byte of SHAPE: no list may claim
	 * more events than it has bytes. */
	if (count > COMPACT_MAX_EVENTS || count > len)
		return hs_error_set(err, HS_EINVAL, _("more events than a "
		    "bundle may hold"));
	if (count > 0 && (first < 1 || first > (uint64_t)MAX_SEQ))
		return hs_error_set(err, HS_EINVAL, _("events.bin holds a value "
		    "that is not allowed (stream %s)"), "SEQ");
	for (i = 0; i < NSTREAMS; i++)
		if (rd_varint(&head, &slen[i]) != 0)
			return hs_error_set(err, HS_EINVAL,
			    _("events.bin is cut short or damaged (its "
			    "header)"));
	p = head.p;
	for (i = 0; i < NSTREAMS; i++) {
		if (slen[i] > (uint64_t)(head.end - p))
			return cut(&r, i);
		r.c[i].p = p;
		r.c[i].end = p + slen[i];
		r.c[i].stream = i;
		p += slen[i];
	}
	if (p != head.end)
		return hs_error_set(err, HS_EINVAL, _("events.bin has bytes "
		    "after its last stream"));

	r.m = out->mem = xcalloc(1, sizeof *out->mem);
	out->ev = xcalloc(count + 1, sizeof *out->ev);
	r.m->ids = xcalloc(count + 1, sizeof *r.m->ids);
	r.m->times = xcalloc(count + 1, sizeof *r.m->times);
	seq = (long long)first;
	for (i = 0; i < (int)count; i++) {
		if ((rc = rd_event(&r, i, &seq, &ms, &out->ev[i])) != 0)
			return rc;
		out->n++;
	}
	for (i = 0; i < NSTREAMS; i++)
		if (r.c[i].p != r.c[i].end)
			return hs_error_set(err, HS_EINVAL, _("events.bin has "
			    "bytes left over (stream %s)"), stream_names[i]);
	return 0;
}

void
compact_events_free(struct compact_events *ev)
{
	struct compact_store *m = ev->mem;
	int i;

	if (m != NULL) {
		for (i = 0; i < m->nstrings; i++)
			free(m->strings[i]);
		free(m->strings);
		free(m->shapes);
		free(m->uuids);
		free(m->table);
		free(m->actors.order);
		free(m->regs.order);
		free(m->objects.order);
		free(m->responses.order);
		free(m->ids);
		free(m->times);
		free(m);
	}
	free(ev->ev);
	memset(ev, 0, sizeof *ev);
}

int
compact_events_derive_ids(struct compact_events *ev, const unsigned char pk[32],
    struct hs_error *err)
{
	char id[UUID_TEXT];
	int i;

	for (i = 0; i < ev->n; i++) {
		statement_event_id(pk, ev->ev[i].seq, id);
		if (ev->ev[i].uuid != NULL && strcmp(ev->ev[i].uuid, id) != 0)
			return hs_error_set(err, HS_EINVAL, _("event %lld has the "
			    "id %s, which is not the one its device's key gives "
			    "(%s): another device's events, or changed"),
			    ev->ev[i].seq, ev->ev[i].uuid, id);
	}
	for (i = 0; i < ev->n; i++) {
		statement_event_id(pk, ev->ev[i].seq, ev->mem->ids[i]);
		ev->ev[i].uuid = ev->mem->ids[i];
	}
	return 0;
}

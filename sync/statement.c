/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * statement.c: events as xAPI 1.0.3 statements, and a validator that
 * holds them (and anybody's statements) to what a Learning Record Store
 * must accept.  See statement.h.  Pure functions: no store, no clock, no
 * randomness, so that the device and the server agree to the byte.
 */
#include "config.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/i18n.h"
#include "core/keys.h"
#include "core/util.h"
#include "quiz/gift.h"
#include "quiz/response.h"
#include "sync/statement.h"

#define URN_PREFIX "urn:hocso:"
#define ADL_VERB "http://adlnet.gov/expapi/verbs/"
#define ADL_TYPE "http://adlnet.gov/expapi/activities/"
#define OTHER_VERB "https://hocso.invalid/xapi/verbs/"
#define IRI_MAX 4096

/* The verbs progress.c writes, each checked against the ADL vocabulary
 * (docs/bundle-format.md lists them with their meaning). */
static const char *const verbs[] = {
	"answered", "attempted", "completed", "experienced", "failed",
	"passed",
};

/* Activity types by kind (enum statement_kind order); NULL: none. */
static const char *const kind_types[] = {
	NULL,
	ADL_TYPE "module",
	ADL_TYPE "lesson",
	"http://id.tincanapi.com/activitytype/slide",
	ADL_TYPE "cmi.interaction",
	ADL_TYPE "assessment",
	ADL_TYPE "cmi.interaction",
	"https://hocso.invalid/xapi/activity-types/help-count",
};

/* Appends s to buf (at *n, size len), percent-encoding every byte but
 * RFC 3986's unreserved ones when enc.  Returns 0 or -1 when full. */
static int
put(char *buf, size_t len, size_t *n, const char *s, size_t slen, int enc)
{
	static const char hex[] = "0123456789ABCDEF";
	unsigned char c;
	size_t i;

	for (i = 0; i < slen; i++) {
		c = (unsigned char)s[i];
		if (!enc || isalnum(c) || strchr("-._~", c) != NULL) {
			if (*n + 1 >= len)
				return -1;
			buf[(*n)++] = (char)c;
		} else {
			if (*n + 3 >= len)
				return -1;
			buf[(*n)++] = '%';
			buf[(*n)++] = hex[c >> 4];
			buf[(*n)++] = hex[c & 15];
		}
	}
	buf[*n] = '\0';
	return 0;
}

static int
puts_(char *buf, size_t len, size_t *n, const char *s, int enc)
{
	return put(buf, len, n, s, strlen(s), enc);
}

/* The parts of one of our URNs, as spans of the stored id. */
struct urn {
	enum statement_kind kind;
	const char *module, *lesson, *leaf;	/* leaf: screen, id or bank */
	size_t nmodule, nlesson, nleaf;
};

static void
urn_parse(const char *object, struct urn *u)
{
	const char *p, *c;

	memset(u, 0, sizeof *u);
	u->kind = STATEMENT_OTHER;
	if (!strncmp(object, STATEMENT_HELP_URN, strlen(STATEMENT_HELP_URN)) &&
	    object[strlen(STATEMENT_HELP_URN)] != '\0') {
		u->kind = STATEMENT_HELP_COUNT;
		u->leaf = object + strlen(STATEMENT_HELP_URN);
		u->nleaf = strlen(u->leaf);
		return;
	}
	if (strncmp(object, URN_PREFIX, strlen(URN_PREFIX)) != 0)
		return;
	p = object + strlen(URN_PREFIX);
	c = strchr(p, ':');
	u->module = p;
	u->nmodule = c != NULL ? (size_t)(c - p) : strlen(p);
	if (u->nmodule == 0)
		return;
	if (c == NULL) {
		u->kind = STATEMENT_MODULE;
		return;
	}
	p = c + 1;
	if (!strcmp(p, "quiz")) {
		u->kind = STATEMENT_QUIZ;
	} else if (!strncmp(p, "quiz:", 5) && p[5] != '\0') {
		u->kind = STATEMENT_QUIZ;
		u->leaf = p + 5;
		u->nleaf = strlen(u->leaf);
	} else if (!strncmp(p, "question:", 9) && p[9] != '\0') {
		u->kind = STATEMENT_QUESTION;
		u->leaf = p + 9;
		u->nleaf = strlen(u->leaf);
	} else if (!strncmp(p, "lesson:", 7)) {
		p += 7;
		c = strchr(p, ':');
		u->lesson = p;
		u->nlesson = c != NULL ? (size_t)(c - p) : strlen(p);
		if (u->nlesson == 0)
			return;
		if (c == NULL) {
			u->kind = STATEMENT_LESSON;
		} else if (!strncmp(c, ":screen:", 8) && c[8] != '\0' &&
		    strspn(c + 8, "0123456789") == strlen(c + 8)) {
			u->kind = STATEMENT_SCREEN;
			u->leaf = c + 8;
			u->nleaf = strlen(u->leaf);
		} else if (!strncmp(c, ":practice:", 10) && c[10] != '\0') {
			u->kind = STATEMENT_PRACTICE;
			u->leaf = c + 10;
			u->nleaf = strlen(u->leaf);
		}
	}
}

/* Writes the IRI of u's activity cut at level: the module, the lesson,
 * the module's quiz, or the whole. */
enum urn_level { URN_WHOLE, URN_MODULE, URN_LESSON, URN_QUIZ };

static int
urn_iri(const struct urn *u, enum urn_level level, char *buf, size_t len)
{
	static const char *const words[] = {
		NULL, NULL, "/lesson/", "/screen/", "/practice/", "/quiz",
		"/question/",
	};
	size_t n = 0;
	int rc;

	buf[0] = '\0';
	rc = puts_(buf, len, &n, STATEMENT_ACTIVITY_BASE, 0);
	if (u->kind == STATEMENT_HELP_COUNT) {
		/* help/SITUATION/WEEK */
		const char *colon = memchr(u->leaf, ':', u->nleaf);
		size_t first = colon != NULL ? (size_t)(colon - u->leaf) :
		    u->nleaf;

		rc |= puts_(buf, len, &n, "help/", 0);
		rc |= put(buf, len, &n, u->leaf, first, 1);
		if (colon != NULL) {
			rc |= puts_(buf, len, &n, "/", 0);
			rc |= put(buf, len, &n, colon + 1, u->nleaf - first - 1,
			    1);
		}
		return rc != 0 ? -1 : (int)n;
	}
	rc |= put(buf, len, &n, u->module, u->nmodule, 1);
	if (level == URN_MODULE || u->kind == STATEMENT_MODULE)
		return rc != 0 ? -1 : (int)n;
	if (level == URN_QUIZ || u->kind == STATEMENT_QUIZ) {
		rc |= puts_(buf, len, &n, "/quiz", 0);
		if (level == URN_WHOLE && u->leaf != NULL) {
			rc |= puts_(buf, len, &n, "/", 0);
			rc |= put(buf, len, &n, u->leaf, u->nleaf, 1);
		}
		return rc != 0 ? -1 : (int)n;
	}
	if (u->kind == STATEMENT_QUESTION) {
		rc |= puts_(buf, len, &n, words[u->kind], 0);
		rc |= put(buf, len, &n, u->leaf, u->nleaf, 1);
		return rc != 0 ? -1 : (int)n;
	}
	/* a lesson, or a screen or practice question in one */
	rc |= puts_(buf, len, &n, "/lesson/", 0);
	rc |= put(buf, len, &n, u->lesson, u->nlesson, 1);
	if (level == URN_WHOLE && u->kind != STATEMENT_LESSON) {
		rc |= puts_(buf, len, &n, words[u->kind], 0);
		rc |= put(buf, len, &n, u->leaf, u->nleaf, 1);
	}
	return rc != 0 ? -1 : (int)n;
}

int
statement_activity_iri(const char *object, char *buf, size_t len,
    enum statement_kind *kind)
{
	struct urn u;
	size_t n = 0;

	urn_parse(object, &u);
	if (kind != NULL)
		*kind = u.kind;
	if (u.kind != STATEMENT_OTHER)
		return urn_iri(&u, URN_WHOLE, buf, len);
	if (statement_iri_valid(object))
		return puts_(buf, len, &n, object, 0) != 0 ? -1 : (int)n;
	if (puts_(buf, len, &n, STATEMENT_ACTIVITY_BASE "other/", 0) != 0 ||
	    puts_(buf, len, &n, object, 1) != 0)
		return -1;
	return (int)n;
}

long long
statement_score_steps(double score)
{
	if (!(score >= -1))	/* below, or not a number */
		return score < -1 ? -STATEMENT_SCORE_STEPS : 0;
	if (score > 1)
		return STATEMENT_SCORE_STEPS;
	/* Half away from zero, as round() does, without libm. */
	return score >= 0 ? (long long)(score * STATEMENT_SCORE_STEPS + 0.5) :
	    -(long long)(-score * STATEMENT_SCORE_STEPS + 0.5);
}

const char *
statement_verb_iri(const char *verb)
{
	static char iri[sizeof ADL_VERB + 16];
	unsigned i;

	for (i = 0; i < sizeof verbs / sizeof *verbs; i++)
		if (!strcmp(verb, verbs[i])) {
			snprintf(iri, sizeof iri, "%s%s", ADL_VERB, verbs[i]);
			return iri;
		}
	return NULL;
}

void
statement_homepage(const char *homepage, const char *school,
    const char *device, char *buf, size_t len)
{
	size_t n = 0;

	if (homepage != NULL && *homepage != '\0') {
		snprintf(buf, len, "%s", homepage);
		return;
	}
	buf[0] = '\0';
	if (puts_(buf, len, &n, STATEMENT_SCHOOL_BASE, 0) == 0)
		puts_(buf, len, &n, school != NULL && *school != '\0' ? school :
		    device != NULL ? device : "", 1);
}

/* A JSON string for s; bytes that are not UTF-8 become U+FFFD, so that
 * any stored text gives a statement. */
static json_t *
jstr(const char *s)
{
	json_t *j = json_string(s);
	const unsigned char *p = (const unsigned char *)s;
	char *fixed, *q;
	int n, i;

	if (j != NULL)
		return j;
	q = fixed = xmalloc(strlen(s) * 3 + 1);
	while (*p != '\0') {
		n = *p < 0x80 ? 1 : (*p & 0xe0) == 0xc0 ? 2 :
		    (*p & 0xf0) == 0xe0 ? 3 : (*p & 0xf8) == 0xf0 ? 4 : 0;
		for (i = 1; i < n && (p[i] & 0xc0) == 0x80; i++)
			;
		if (n > 0 && i == n && (j = json_stringn((const char *)p,
		    n)) != NULL) {
			json_decref(j);
			memcpy(q, p, n);
			q += n;
			p += n;
		} else {
			memcpy(q, "\xef\xbf\xbd", 3);
			q += 3;
			p++;
		}
	}
	*q = '\0';
	j = json_string(fixed);
	free(fixed);
	if (j == NULL)
		util_oom();
	return j;
}

static void
set(json_t *o, const char *key, json_t *v)
{
	if (v == NULL || json_object_set_new(o, key, v) != 0)
		util_oom();
}

static json_t *
activity(const char *iri, const char *type)
{
	json_t *a = json_object();

	set(a, "objectType", json_string("Activity"));
	set(a, "id", jstr(iri));
	if (type != NULL) {
		json_t *d = json_object();

		set(d, "type", json_string(type));
		set(a, "definition", d);
	}
	return a;
}

/* An answer to an ordering question (its response is a sequencing
 * response, quiz/response.h): the interaction's definition says so, with
 * the steps as its choices and their right order as the pattern. */
static void
sequencing(json_t *d, const char *response)
{
	int order[GIFT_MAX_CHOICES], n, i;
	char pattern[GIFT_MAX_CHOICES * 12], id[16];
	json_t *pats, *choices, *c;

	if (d == NULL || (n = response_to_steps(response, order,
	    GIFT_MAX_CHOICES)) < 0)
		return;
	for (i = 0; i < n; i++)
		order[i] = i;
	response_from_steps(order, n, pattern, sizeof pattern);
	set(d, "interactionType", json_string("sequencing"));
	pats = json_array();
	if (pats == NULL || json_array_append_new(pats,
	    json_string(pattern)) != 0)
		util_oom();
	set(d, "correctResponsesPattern", pats);
	if ((choices = json_array()) == NULL)
		util_oom();
	for (i = 0; i < n; i++) {
		snprintf(id, sizeof id, RESPONSE_STEP "%d", i + 1);
		c = json_object();
		set(c, "id", json_string(id));
		if (json_array_append_new(choices, c) != 0)
			util_oom();
	}
	set(d, "choices", choices);
}

/* "PT1H2M3.456S" for ms milliseconds. */
static void
duration_text(long long ms, char *buf, size_t len)
{
	long long h = ms / 3600000, m = ms / 60000 % 60, s = ms / 1000 % 60;
	int frac = (int)(ms % 1000);
	size_t n;

	snprintf(buf, len, "PT");
	n = strlen(buf);
	if (h > 0)
		n += snprintf(buf + n, len - n, "%lldH", h);
	if (m > 0)
		n += snprintf(buf + n, len - n, "%lldM", m);
	if (frac > 0)
		snprintf(buf + n, len - n, "%lld.%03dS", s, frac);
	else if (s > 0 || ms == 0)
		snprintf(buf + n, len - n, "%lldS", s);
}

static int lang_valid(const char *s);

/* The two counts of a help count's response, "REQUESTS IN_TIME", each
 * 0 to STATEMENT_HELP_MAX, in_time <= requests, in canonical digits:
 * 0, or -1. */
static int
help_numbers(const char *s, long long *requests, long long *in_time)
{
	long long v[2];
	int i;

	for (i = 0; i < 2; i++) {
		if (*s < '0' || *s > '9' || (*s == '0' && s[1] >= '0' &&
		    s[1] <= '9'))
			return -1;
		for (v[i] = 0; *s >= '0' && *s <= '9'; s++) {
			v[i] = v[i] * 10 + (*s - '0');
			if (v[i] > STATEMENT_HELP_MAX)
				return -1;
		}
		if (*s != (i == 0 ? ' ' : '\0'))
			return -1;
		s++;
	}
	if (v[1] > v[0])
		return -1;
	*requests = v[0];
	*in_time = v[1];
	return 0;
}

int
statement_help_count(const struct store_event *ev,
    struct statement_help_count *c, struct hs_error *err)
{
	const char *p, *colon;
	size_t n;

	memset(c, 0, sizeof *c);
	if (strcmp(ev->verb, STATEMENT_HELP_VERB) != 0 &&
	    strncmp(ev->object, STATEMENT_HELP_URN,
	    strlen(STATEMENT_HELP_URN)) != 0)
		return HS_ENOTFOUND;
	if (strcmp(ev->verb, STATEMENT_HELP_VERB) != 0 ||
	    strncmp(ev->object, STATEMENT_HELP_URN,
	    strlen(STATEMENT_HELP_URN)) != 0)
		return hs_error_set(err, HS_EINVAL, _("a count of requests "
		    "for help needs the verb %s and an object %s..."),
		    STATEMENT_HELP_VERB, STATEMENT_HELP_URN);
	p = ev->object + strlen(STATEMENT_HELP_URN);
	if ((colon = strchr(p, ':')) == NULL ||
	    (n = (size_t)(colon - p)) == 0 || n >= sizeof c->situation)
		return hs_error_set(err, HS_EINVAL, _("a count of requests "
		    "for help names no situation"));
	memcpy(c->situation, p, n);
	c->situation[n] = '\0';
	if (strspn(c->situation, "abcdefghijklmnopqrstuvwxyz") != n)
		return hs_error_set(err, HS_EINVAL, _("a count of requests "
		    "for help names an unknown situation"));
	p = colon + 1;
	if (strlen(p) != 8 || strspn(p, "0123456789") != 4 || p[4] != '-' ||
	    p[5] != 'W' || strspn(p + 6, "0123456789") != 2 ||
	    atoi(p + 6) < 1 || atoi(p + 6) > 53)
		return hs_error_set(err, HS_EINVAL, _("a count of requests "
		    "for help names no ISO week (YYYY-Www)"));
	snprintf(c->week, sizeof c->week, "%s", p);
	if (ev->response == NULL || help_numbers(ev->response, &c->requests,
	    &c->in_time) != 0)
		return hs_error_set(err, HS_EINVAL, _("a count of requests "
		    "for help holds other than two counts"));
	if (ev->registration != NULL || ev->has_score || ev->success >= 0 ||
	    ev->completion >= 0 || ev->duration_ms >= 0 ||
	    (ev->lang != NULL && *ev->lang != '\0'))
		return hs_error_set(err, HS_EINVAL, _("a count of requests "
		    "for help carries more than its counts"));
	return 0;
}

json_t *
statement_from_event(const struct statement_event *e, const char *homepage)
{
	const struct store_event *ev = &e->ev;
	char iri[IRI_MAX], up[IRI_MAX], dur[64];
	json_t *st, *o, *acc, *ctx, *ca, *res;
	enum statement_kind kind;
	const char *verb;
	struct urn u;
	double scaled;
	size_t n = 0;
	long long hreq, hdone;

	st = json_object();
	set(st, "id", jstr(e->uuid));
	set(st, "timestamp", jstr(e->ts));
	set(st, "version", json_string(STATEMENT_VERSION));

	o = json_object();
	acc = json_object();
	set(acc, "homePage", jstr(homepage));
	set(acc, "name", jstr(ev->actor));
	set(o, "objectType", json_string("Agent"));
	set(o, "account", acc);
	set(st, "actor", o);

	o = json_object();
	if ((verb = statement_verb_iri(ev->verb)) != NULL)
		set(o, "id", json_string(verb));
	else {
		puts_(up, sizeof up, &n, OTHER_VERB, 0);
		put(up, sizeof up, &n, ev->verb, strnlen(ev->verb, 256), 1);
		set(o, "id", json_string(up));
	}
	acc = json_object();
	set(acc, "en-US", jstr(ev->verb));
	set(o, "display", acc);
	set(st, "verb", o);

	if (statement_activity_iri(ev->object, iri, sizeof iri, &kind) < 0) {
		/* Longer than any IRI we make: its SHA-256 would do, but
		 * progress.c cuts objects at 512 bytes, so say so plainly. */
		snprintf(iri, sizeof iri, "%sother/too-long",
		    STATEMENT_ACTIVITY_BASE);
		kind = STATEMENT_OTHER;
	}
	set(st, "object", activity(iri, kind_types[kind]));
	if ((kind == STATEMENT_QUESTION || kind == STATEMENT_PRACTICE) &&
	    ev->response != NULL)
		sequencing(json_object_get(json_object_get(st, "object"),
		    "definition"), ev->response);

	if (kind == STATEMENT_HELP_COUNT && ev->response != NULL &&
	    !ev->has_score && ev->success < 0 && ev->completion < 0 &&
	    ev->duration_ms < 0 && help_numbers(ev->response, &hreq,
	    &hdone) == 0) {
		/* A count: its numbers, not a learner's response. */
		res = json_object();
		o = json_object();
		set(o, STATEMENT_HELP_EXT "help-requests", json_integer(hreq));
		set(o, STATEMENT_HELP_EXT "help-handled-in-time",
		    json_integer(hdone));
		set(res, "extensions", o);
		set(st, "result", res);
	} else if (ev->response != NULL || ev->has_score ||
	    ev->success >= 0 || ev->completion >= 0 || ev->duration_ms >= 0) {
		res = json_object();
		if (ev->response != NULL)
			set(res, "response", jstr(ev->response));
		if (ev->has_score) {
			scaled = (double)statement_score_steps(ev->score) /
			    STATEMENT_SCORE_STEPS;
			o = json_object();
			set(o, "scaled", json_real(scaled));
			set(res, "score", o);
		}
		if (ev->success >= 0)
			set(res, "success", json_boolean(ev->success));
		if (ev->completion >= 0)
			set(res, "completion", json_boolean(ev->completion));
		if (ev->duration_ms >= 0) {
			duration_text(ev->duration_ms, dur, sizeof dur);
			set(res, "duration", json_string(dur));
		}
		set(st, "result", res);
	}

	ctx = json_object();
	set(ctx, "platform", json_string("hocso"));
	if (ev->registration != NULL) {
		if (statement_uuid_valid(ev->registration))
			set(ctx, "registration", json_string(ev->registration));
		else {
			o = json_object();
			set(o, "https://hocso.invalid/xapi/extensions/"
			    "registration", jstr(ev->registration));
			set(ctx, "extensions", o);
		}
	}
	if (ev->lang != NULL && lang_valid(ev->lang))
		set(ctx, "language", json_string(ev->lang));
	urn_parse(ev->object, &u);
	ca = NULL;
	if (u.kind == STATEMENT_SCREEN || u.kind == STATEMENT_PRACTICE) {
		ca = json_object();
		urn_iri(&u, URN_LESSON, up, sizeof up);
		set(ca, "parent", json_pack("[o]", activity(up,
		    kind_types[STATEMENT_LESSON])));
		urn_iri(&u, URN_MODULE, up, sizeof up);
		set(ca, "grouping", json_pack("[o]", activity(up,
		    kind_types[STATEMENT_MODULE])));
	} else if (u.kind == STATEMENT_QUESTION) {
		ca = json_object();
		urn_iri(&u, URN_QUIZ, up, sizeof up);
		set(ca, "parent", json_pack("[o]", activity(up,
		    kind_types[STATEMENT_QUIZ])));
		urn_iri(&u, URN_MODULE, up, sizeof up);
		set(ca, "grouping", json_pack("[o]", activity(up,
		    kind_types[STATEMENT_MODULE])));
	} else if (u.kind == STATEMENT_LESSON || (u.kind == STATEMENT_QUIZ &&
	    u.leaf != NULL)) {
		ca = json_object();
		urn_iri(&u, u.kind == STATEMENT_QUIZ ? URN_QUIZ : URN_MODULE,
		    up, sizeof up);
		set(ca, "parent", json_pack("[o]", activity(up,
		    kind_types[u.kind == STATEMENT_QUIZ ? STATEMENT_QUIZ :
		    STATEMENT_MODULE])));
		if (u.kind == STATEMENT_QUIZ) {
			urn_iri(&u, URN_MODULE, up, sizeof up);
			set(ca, "grouping", json_pack("[o]", activity(up,
			    kind_types[STATEMENT_MODULE])));
		}
	} else if (u.kind == STATEMENT_QUIZ) {
		ca = json_object();
		urn_iri(&u, URN_MODULE, up, sizeof up);
		set(ca, "parent", json_pack("[o]", activity(up,
		    kind_types[STATEMENT_MODULE])));
	}
	if (ca != NULL)
		set(ctx, "contextActivities", ca);
	set(st, "context", ctx);
	return st;
}

char *
statement_text(const struct statement_event *e, const char *homepage,
    size_t *len)
{
	json_t *st = statement_from_event(e, homepage);
	char *text = json_dumps(st, JSON_COMPACT | JSON_SORT_KEYS |
	    JSON_REAL_PRECISION(10));

	json_decref(st);
	if (text == NULL)
		util_oom();
	if (len != NULL)
		*len = strlen(text);
	return text;
}

/*
 * The validator.  Each check names the property by its path
 * ("result.score.scaled") and what is wrong with it.
 */

/* where = path "." key, or path "." key "[i]" with i >= 0, cut to fit:
 * the name of a property in a message. */
static void
join(char *where, size_t len, const char *path, const char *key, long i)
{
	char index[24] = "";
	const char *parts[4], *p;
	size_t n = 0;
	int k;

	if (i >= 0)
		snprintf(index, sizeof index, "[%ld]", i);
	parts[0] = path;
	parts[1] = ".";
	parts[2] = key;
	parts[3] = index;
	for (k = 0; k < 4; k++)
		for (p = parts[k]; *p != '\0' && n + 1 < len; p++)
			where[n++] = *p;
	where[n] = '\0';
}

static int
bad(struct hs_error *err, const char *path, const char *why)
{
	return hs_error_set(err, HS_EINVAL, _("xAPI statement: %s: %s"), path,
	    why);
}

int
statement_uuid_valid(const char *s)
{
	int i;

	if (strlen(s) != 36)
		return 0;
	for (i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return 0;
		} else if (!isxdigit((unsigned char)s[i]))
			return 0;
	}
	/* Versions 1 to 5 (RFC 4122) and 8, an event's (RFC 9562). */
	return ((s[14] >= '1' && s[14] <= '5') || s[14] == '8') &&
	    strchr("89abAB", s[19]) != NULL;
}

int
statement_iri_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (!isalpha(*p))
		return 0;
	while (isalnum(*p) || *p == '+' || *p == '-' || *p == '.')
		p++;
	if (*p != ':' || p[1] == '\0')
		return 0;
	for (p++; *p != '\0'; p++) {
		if (*p <= 0x20 || *p == 0x7f || strchr("<>\"{}|\\^`", *p))
			return 0;
		if (*p == '%' && (!isxdigit(p[1]) || !isxdigit(p[2])))
			return 0;
	}
	return 1;
}

/* An IRL: an IRI with the http or https scheme and a host. */
static int
irl_valid(const char *s)
{
	return statement_iri_valid(s) && ((!strncmp(s, "http://", 7) &&
	    s[7] != '\0' && s[7] != '/') || (!strncmp(s, "https://", 8) &&
	    s[8] != '\0' && s[8] != '/'));
}

/* An RFC 5646 tag in its common shape: 2 to 8 letters, then subtags of
 * 1 to 8 letters or digits. */
static int
lang_valid(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ");

	if (n < 2 || n > 8)
		return 0;
	for (s += n; *s == '-'; s += n) {
		s++;
		n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVW"
		    "XYZ0123456789");
		if (n < 1 || n > 8)
			return 0;
	}
	return *s == '\0';
}

/* Digits: at least min, at most max; returns how many, or -1. */
static int
digits(const char **p, int min, int max)
{
	int n = 0;

	while (n < max && isdigit((unsigned char)(*p)[n]))
		n++;
	if (n < min)
		return -1;
	*p += n;
	return n;
}

/* ISO 8601 date and time with a zone, as RFC 3339 writes it. */
static int
timestamp_valid(const char *s)
{
	const char *p = s;
	int mo, d, h, mi, sec;

	if (digits(&p, 4, 4) < 0 || *p++ != '-')
		return 0;
	mo = atoi(p);
	if (digits(&p, 2, 2) < 0 || *p++ != '-')
		return 0;
	d = atoi(p);
	if (digits(&p, 2, 2) < 0 || (*p != 'T' && *p != 't'))
		return 0;
	p++;
	h = atoi(p);
	if (digits(&p, 2, 2) < 0 || *p++ != ':')
		return 0;
	mi = atoi(p);
	if (digits(&p, 2, 2) < 0 || *p++ != ':')
		return 0;
	sec = atoi(p);
	if (digits(&p, 2, 2) < 0)
		return 0;
	if (*p == '.' && (p++, digits(&p, 1, 9)) < 0)
		return 0;
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
	    sec > 60)
		return 0;
	if (*p == 'Z' || *p == 'z')
		return p[1] == '\0';
	if (*p != '+' && *p != '-')
		return 0;
	p++;
	if (digits(&p, 2, 2) < 0 || *p++ != ':' || digits(&p, 2, 2) < 0)
		return 0;
	return *p == '\0';
}

/* An ISO 8601 duration: P[nY][nM][nW][nD][T[nH][nM][n[.n]S]], each
 * unit at most once and in that order, at least one part and, after T,
 * at least one. */
static int
duration_valid(const char *s)
{
	const char *p = s + 1, *units = "YMWD", *u;
	int parts = 0, in_time = 0, time_parts = 0, frac;

	if (*s != 'P')
		return 0;
	while (*p != '\0') {
		if (*p == 'T') {
			if (in_time)
				return 0;
			in_time = 1;
			units = "HMS";
			p++;
			continue;
		}
		if (digits(&p, 1, 12) < 0)
			return 0;
		frac = *p == '.' || *p == ',';
		if (frac && (p++, digits(&p, 1, 9)) < 0)
			return 0;
		u = *p != '\0' ? strchr(units, *p) : NULL;
		if (u == NULL || (frac && *p != 'S'))
			return 0;
		units = u + 1;
		p++;
		parts++;
		time_parts += in_time;
	}
	return parts > 0 && (!in_time || time_parts > 0);
}

/* Checks that o is an object with only the keys in keys[] (NULL ends
 * it). */
static int
only_keys(const json_t *o, const char *path, const char *const *keys,
    struct hs_error *err)
{
	char where[256];
	const char *k;
	json_t *v;
	int i;

	if (!json_is_object(o))
		return bad(err, path, _("must be an object"));
	json_object_foreach((json_t *)o, k, v) {
		for (i = 0; keys[i] != NULL; i++)
			if (!strcmp(k, keys[i]))
				break;
		if (keys[i] == NULL) {
			join(where, sizeof where, path, k, -1);
			return bad(err, where, _("not a property xAPI 1.0.3 "
			    "knows"));
		}
		if (json_is_null(v)) {
			join(where, sizeof where, path, k, -1);
			return bad(err, where, _("null is not allowed"));
		}
	}
	return 0;
}

/* The string at key in o, checked by ok (may be NULL), when present;
 * required says whether it must be. */
static int
string_at(const json_t *o, const char *path, const char *key, int required,
    int (*ok)(const char *), const char *what, struct hs_error *err)
{
	json_t *v = json_object_get(o, key);
	char where[256];

	join(where, sizeof where, path, key, -1);
	if (v == NULL)
		return required ? bad(err, where, _("missing")) : 0;
	if (!json_is_string(v))
		return bad(err, where, _("must be a string"));
	if (ok != NULL && !ok(json_string_value(v)))
		return bad(err, where, what);
	return 0;
}

static int
lang_map(const json_t *m, const char *path, struct hs_error *err)
{
	char where[256];
	const char *k;
	json_t *v;

	if (!json_is_object(m))
		return bad(err, path, _("must be a language map (an object)"));
	json_object_foreach((json_t *)m, k, v) {
		join(where, sizeof where, path, k, -1);
		if (!lang_valid(k))
			return bad(err, where, _("not a language tag"));
		if (!json_is_string(v))
			return bad(err, where, _("must be a string"));
	}
	return 0;
}

static int
extensions(const json_t *m, const char *path, struct hs_error *err)
{
	char where[256];
	const char *k;
	json_t *v;

	if (!json_is_object(m))
		return bad(err, path, _("must be an object"));
	json_object_foreach((json_t *)m, k, v) {
		join(where, sizeof where, path, k, -1);
		if (!statement_iri_valid(k))
			return bad(err, where, _("an extension's key must be an "
			    "IRI"));
	}
	return 0;
}

static int
sha1_hex(const char *s)
{
	return strlen(s) == 40 && strspn(s, "0123456789abcdefABCDEF") == 40;
}

static int
mailto(const char *s)
{
	return !strncmp(s, "mailto:", 7) && strchr(s + 7, '@') != NULL &&
	    statement_iri_valid(s);
}

/* An Agent, or with group a Group (whose members are Agents). */
static int
agent(const json_t *a, const char *path, int group_ok, struct hs_error *err)
{
	static const char *const keys[] = { "objectType", "name", "mbox",
	    "mbox_sha1sum", "openid", "account", "member", NULL };
	static const char *const acc_keys[] = { "homePage", "name", NULL };
	static const char *const ifis[] = { "mbox", "mbox_sha1sum", "openid",
	    "account" };
	const char *type = "Agent";
	char where[256];
	json_t *v, *m;
	size_t i;
	int rc, n = 0;

	if ((rc = only_keys(a, path, keys, err)) != 0)
		return rc;
	if ((v = json_object_get(a, "objectType")) != NULL) {
		if (!json_is_string(v) || (strcmp(json_string_value(v),
		    "Agent") && (!group_ok || strcmp(json_string_value(v),
		    "Group"))))
			return bad(err, path, group_ok ? _("objectType must be "
			    "Agent or Group") : _("objectType must be Agent"));
		type = json_string_value(v);
	}
	for (i = 0; i < sizeof ifis / sizeof *ifis; i++)
		n += json_object_get(a, ifis[i]) != NULL;
	if (n > 1 || (n == 0 && strcmp(type, "Group") != 0))
		return bad(err, path, _("needs exactly one identifier (mbox, "
		    "mbox_sha1sum, openid or account)"));
	if ((rc = string_at(a, path, "name", 0, NULL, NULL, err)) != 0 ||
	    (rc = string_at(a, path, "mbox", 0, mailto, _("not a mailto: IRI"),
	    err)) != 0 || (rc = string_at(a, path, "mbox_sha1sum", 0, sha1_hex,
	    _("not 40 hexadecimal digits"), err)) != 0 ||
	    (rc = string_at(a, path, "openid", 0, statement_iri_valid,
	    _("not an IRI"), err)) != 0)
		return rc;
	if ((v = json_object_get(a, "account")) != NULL) {
		join(where, sizeof where, path, "account", -1);
		if ((rc = only_keys(v, where, acc_keys, err)) != 0 ||
		    (rc = string_at(v, where, "homePage", 1, irl_valid,
		    _("not an http or https IRL"), err)) != 0 ||
		    (rc = string_at(v, where, "name", 1, NULL, NULL, err)) != 0)
			return rc;
		if (json_string_length(json_object_get(v, "name")) == 0)
			return bad(err, where, _("the account's name is empty"));
	}
	if ((m = json_object_get(a, "member")) != NULL) {
		join(where, sizeof where, path, "member", -1);
		if (strcmp(type, "Group") != 0 || !json_is_array(m))
			return bad(err, where, _("only a Group has members, as "
			    "an array"));
		json_array_foreach(m, i, v) {
			join(where, sizeof where, path, "member", (long)i);
			if ((rc = agent(v, where, 0, err)) != 0)
				return rc;
		}
	} else if (n == 0)
		return bad(err, path, _("an anonymous Group needs members"));
	return 0;
}

static const char *const interaction_types[] = { "true-false", "choice",
	"fill-in", "long-fill-in", "matching", "performance", "sequencing",
	"likert", "numeric", "other", NULL };

static int
interaction_type_valid(const char *s)
{
	int i;

	for (i = 0; interaction_types[i] != NULL; i++)
		if (!strcmp(s, interaction_types[i]))
			return 1;
	return 0;
}

static int
definition(const json_t *d, const char *path, struct hs_error *err)
{
	static const char *const keys[] = { "name", "description", "type",
	    "moreInfo", "interactionType", "correctResponsesPattern",
	    "choices", "scale", "source", "target", "steps", "extensions",
	    NULL };
	static const char *const comps[] = { "choices", "scale", "source",
	    "target", "steps" };
	static const char *const comp_keys[] = { "id", "description", NULL };
	char where[256];
	json_t *v, *c;
	size_t i, j;
	int rc;

	if ((rc = only_keys(d, path, keys, err)) != 0 ||
	    (rc = string_at(d, path, "type", 0, statement_iri_valid,
	    _("not an IRI"), err)) != 0 ||
	    (rc = string_at(d, path, "moreInfo", 0, irl_valid,
	    _("not an IRL"), err)) != 0 ||
	    (rc = string_at(d, path, "interactionType", 0,
	    interaction_type_valid, _("not an xAPI interaction type"),
	    err)) != 0)
		return rc;
	join(where, sizeof where, path, "name", -1);
	if ((v = json_object_get(d, "name")) != NULL &&
	    (rc = lang_map(v, where, err)) != 0)
		return rc;
	join(where, sizeof where, path, "description", -1);
	if ((v = json_object_get(d, "description")) != NULL &&
	    (rc = lang_map(v, where, err)) != 0)
		return rc;
	join(where, sizeof where, path, "extensions", -1);
	if ((v = json_object_get(d, "extensions")) != NULL &&
	    (rc = extensions(v, where, err)) != 0)
		return rc;
	if ((v = json_object_get(d, "correctResponsesPattern")) != NULL) {
		join(where, sizeof where, path, "correctResponsesPattern", -1);
		if (!json_is_array(v))
			return bad(err, where, _("must be an array of strings"));
		json_array_foreach(v, i, c)
			if (!json_is_string(c))
				return bad(err, where, _("must be an array of "
				    "strings"));
	}
	for (j = 0; j < sizeof comps / sizeof *comps; j++) {
		if ((v = json_object_get(d, comps[j])) == NULL)
			continue;
		join(where, sizeof where, path, comps[j], -1);
		if (json_object_get(d, "interactionType") == NULL ||
		    !json_is_array(v))
			return bad(err, where, _("only an interaction has "
			    "components, as an array"));
		json_array_foreach(v, i, c) {
			join(where, sizeof where, path, comps[j], (long)i);
			if ((rc = only_keys(c, where, comp_keys, err)) != 0 ||
			    (rc = string_at(c, where, "id", 1, NULL, NULL,
			    err)) != 0)
				return rc;
			if (json_object_get(c, "description") != NULL) {
				char w2[300];

				join(w2, sizeof w2, where, "description", -1);
				if ((rc = lang_map(json_object_get(c,
				    "description"), w2, err)) != 0)
					return rc;
			}
		}
	}
	return 0;
}

static int
activity_valid(const json_t *a, const char *path, struct hs_error *err)
{
	static const char *const keys[] = { "objectType", "id", "definition",
	    NULL };
	char where[256];
	json_t *v;
	int rc;

	if ((rc = only_keys(a, path, keys, err)) != 0 ||
	    (rc = string_at(a, path, "id", 1, statement_iri_valid,
	    _("an activity id must be an IRI"), err)) != 0)
		return rc;
	if ((v = json_object_get(a, "objectType")) != NULL &&
	    (!json_is_string(v) || strcmp(json_string_value(v), "Activity")))
		return bad(err, path, _("objectType must be Activity"));
	join(where, sizeof where, path, "definition", -1);
	if ((v = json_object_get(a, "definition")) != NULL)
		return definition(v, where, err);
	return 0;
}

static int
statement_ref(const json_t *r, const char *path, struct hs_error *err)
{
	static const char *const keys[] = { "objectType", "id", NULL };
	int rc;

	if ((rc = only_keys(r, path, keys, err)) != 0 ||
	    (rc = string_at(r, path, "id", 1, statement_uuid_valid,
	    _("not a UUID"), err)) != 0)
		return rc;
	if (!json_is_string(json_object_get(r, "objectType")) ||
	    strcmp(json_string_value(json_object_get(r, "objectType")),
	    "StatementRef"))
		return bad(err, path, _("objectType must be StatementRef"));
	return 0;
}

static int statement_check(const json_t *, const char *, int,
    struct hs_error *);

static int
object_valid(const json_t *o, const char *path, int sub_ok,
    struct hs_error *err)
{
	json_t *t;
	const char *type;

	if (!json_is_object(o))
		return bad(err, path, _("must be an object"));
	t = json_object_get(o, "objectType");
	if (t != NULL && !json_is_string(t))
		return bad(err, path, _("objectType must be a string"));
	type = t != NULL ? json_string_value(t) : "Activity";
	if (!strcmp(type, "Activity"))
		return activity_valid(o, path, err);
	if (!strcmp(type, "Agent") || !strcmp(type, "Group"))
		return agent(o, path, 1, err);
	if (!strcmp(type, "StatementRef"))
		return statement_ref(o, path, err);
	if (!strcmp(type, "SubStatement") && sub_ok)
		return statement_check(o, path, 1, err);
	return bad(err, path, _("objectType must be Activity, Agent, Group, "
	    "StatementRef or SubStatement"));
}

static int
score_valid(const json_t *s, const char *path, struct hs_error *err)
{
	static const char *const keys[] = { "scaled", "raw", "min", "max",
	    NULL };
	const char *k;
	json_t *v;
	double raw, min, max;
	int rc;

	if ((rc = only_keys(s, path, keys, err)) != 0)
		return rc;
	json_object_foreach((json_t *)s, k, v)
		if (!json_is_number(v))
			return bad(err, path, _("scores must be numbers"));
	if ((v = json_object_get(s, "scaled")) != NULL &&
	    (json_number_value(v) < -1 || json_number_value(v) > 1))
		return bad(err, path, _("scaled must be from -1 to 1"));
	min = json_object_get(s, "min") != NULL ?
	    json_number_value(json_object_get(s, "min")) : -INFINITY;
	max = json_object_get(s, "max") != NULL ?
	    json_number_value(json_object_get(s, "max")) : INFINITY;
	raw = json_object_get(s, "raw") != NULL ?
	    json_number_value(json_object_get(s, "raw")) : min;
	if (min >= max || (json_object_get(s, "raw") != NULL &&
	    (raw < min || raw > max)))
		return bad(err, path, _("needs min < max and raw between "
		    "them"));
	return 0;
}

static int
result_valid(const json_t *r, const char *path, struct hs_error *err)
{
	static const char *const keys[] = { "score", "success", "completion",
	    "response", "duration", "extensions", NULL };
	char where[256];
	json_t *v;
	int rc;

	if ((rc = only_keys(r, path, keys, err)) != 0 ||
	    (rc = string_at(r, path, "response", 0, NULL, NULL, err)) != 0 ||
	    (rc = string_at(r, path, "duration", 0, duration_valid,
	    _("not an ISO 8601 duration"), err)) != 0)
		return rc;
	if ((v = json_object_get(r, "success")) != NULL && !json_is_boolean(v))
		return bad(err, path, _("success must be true or false"));
	if ((v = json_object_get(r, "completion")) != NULL &&
	    !json_is_boolean(v))
		return bad(err, path, _("completion must be true or false"));
	join(where, sizeof where, path, "score", -1);
	if ((v = json_object_get(r, "score")) != NULL &&
	    (rc = score_valid(v, where, err)) != 0)
		return rc;
	join(where, sizeof where, path, "extensions", -1);
	if ((v = json_object_get(r, "extensions")) != NULL)
		return extensions(v, where, err);
	return 0;
}

static int
context_valid(const json_t *c, const json_t *object, const char *path,
    struct hs_error *err)
{
	static const char *const keys[] = { "registration", "instructor",
	    "team", "contextActivities", "revision", "platform", "language",
	    "statement", "extensions", NULL };
	static const char *const ca_keys[] = { "parent", "grouping",
	    "category", "other", NULL };
	const char *t;
	char where[256], ca[256];
	json_t *v, *a;
	size_t i;
	int rc, k;

	if ((rc = only_keys(c, path, keys, err)) != 0 ||
	    (rc = string_at(c, path, "registration", 0, statement_uuid_valid,
	    _("not a UUID"), err)) != 0 ||
	    (rc = string_at(c, path, "language", 0, lang_valid,
	    _("not a language tag"), err)) != 0 ||
	    (rc = string_at(c, path, "revision", 0, NULL, NULL, err)) != 0 ||
	    (rc = string_at(c, path, "platform", 0, NULL, NULL, err)) != 0)
		return rc;
	t = json_string_value(json_object_get(object, "objectType"));
	if ((json_object_get(c, "revision") != NULL ||
	    json_object_get(c, "platform") != NULL) && t != NULL &&
	    strcmp(t, "Activity") != 0)
		return bad(err, path, _("revision and platform only go with an "
		    "activity"));
	join(where, sizeof where, path, "instructor", -1);
	if ((v = json_object_get(c, "instructor")) != NULL &&
	    (rc = agent(v, where, 1, err)) != 0)
		return rc;
	join(where, sizeof where, path, "team", -1);
	if ((v = json_object_get(c, "team")) != NULL) {
		if (!json_is_string(json_object_get(v, "objectType")) ||
		    strcmp(json_string_value(json_object_get(v, "objectType")),
		    "Group"))
			return bad(err, where, _("must be a Group"));
		if ((rc = agent(v, where, 1, err)) != 0)
			return rc;
	}
	join(where, sizeof where, path, "statement", -1);
	if ((v = json_object_get(c, "statement")) != NULL &&
	    (rc = statement_ref(v, where, err)) != 0)
		return rc;
	join(where, sizeof where, path, "extensions", -1);
	if ((v = json_object_get(c, "extensions")) != NULL &&
	    (rc = extensions(v, where, err)) != 0)
		return rc;
	if ((v = json_object_get(c, "contextActivities")) == NULL)
		return 0;
	join(ca, sizeof ca, path, "contextActivities", -1);
	if ((rc = only_keys(v, ca, ca_keys, err)) != 0)
		return rc;
	for (k = 0; ca_keys[k] != NULL; k++) {
		if ((a = json_object_get(v, ca_keys[k])) == NULL)
			continue;
		if (!json_is_array(a)) {
			join(where, sizeof where, ca, ca_keys[k], -1);
			if ((rc = activity_valid(a, where, err)) != 0)
				return rc;
			continue;
		}
		json_array_foreach(a, i, object) {
			join(where, sizeof where, ca, ca_keys[k], (long)i);
			if ((rc = activity_valid(object, where, err)) != 0)
				return rc;
		}
	}
	return 0;
}

static int
version_valid(const char *s)
{
	return !strncmp(s, "1.0", 3) && (s[3] == '\0' || (s[3] == '.' &&
	    s[4] != '\0' && strspn(s + 4, "0123456789") == strlen(s + 4)));
}

/* A statement, or with sub a SubStatement inside one. */
static int
statement_check(const json_t *st, const char *path, int sub,
    struct hs_error *err)
{
	static const char *const keys[] = { "id", "actor", "verb", "object",
	    "result", "context", "timestamp", "stored", "authority",
	    "version", "attachments", NULL };
	static const char *const sub_keys[] = { "objectType", "actor", "verb",
	    "object", "result", "context", "timestamp", "attachments", NULL };
	static const char *const verb_keys[] = { "id", "display", NULL };
	char where[256];
	json_t *v, *o;
	int rc;

	if ((rc = only_keys(st, path, sub ? sub_keys : keys, err)) != 0 ||
	    (rc = string_at(st, path, "id", 0, statement_uuid_valid,
	    _("not a UUID"), err)) != 0 ||
	    (rc = string_at(st, path, "timestamp", 0, timestamp_valid,
	    _("not an ISO 8601 time with its zone"), err)) != 0 ||
	    (rc = string_at(st, path, "stored", 0, timestamp_valid,
	    _("not an ISO 8601 time with its zone"), err)) != 0 ||
	    (rc = string_at(st, path, "version", 0, version_valid,
	    _("not a 1.0.x version"), err)) != 0)
		return rc;
	join(where, sizeof where, path, "actor", -1);
	if ((v = json_object_get(st, "actor")) == NULL)
		return bad(err, where, _("missing"));
	if ((rc = agent(v, where, 1, err)) != 0)
		return rc;
	join(where, sizeof where, path, "verb", -1);
	if ((v = json_object_get(st, "verb")) == NULL)
		return bad(err, where, _("missing"));
	if ((rc = only_keys(v, where, verb_keys, err)) != 0 ||
	    (rc = string_at(v, where, "id", 1, statement_iri_valid,
	    _("a verb id must be an IRI"), err)) != 0)
		return rc;
	if (json_object_get(v, "display") != NULL) {
		join(where, sizeof where, path, "verb.display", -1);
		if ((rc = lang_map(json_object_get(v, "display"), where,
		    err)) != 0)
			return rc;
	}
	join(where, sizeof where, path, "object", -1);
	if ((o = json_object_get(st, "object")) == NULL)
		return bad(err, where, _("missing"));
	if ((rc = object_valid(o, where, !sub, err)) != 0)
		return rc;
	join(where, sizeof where, path, "result", -1);
	if ((v = json_object_get(st, "result")) != NULL &&
	    (rc = result_valid(v, where, err)) != 0)
		return rc;
	join(where, sizeof where, path, "context", -1);
	if ((v = json_object_get(st, "context")) != NULL &&
	    (rc = context_valid(v, o, where, err)) != 0)
		return rc;
	join(where, sizeof where, path, "authority", -1);
	if ((v = json_object_get(st, "authority")) != NULL &&
	    (rc = agent(v, where, 1, err)) != 0)
		return rc;
	if (sub && (!json_is_string(json_object_get(st, "objectType")) ||
	    strcmp(json_string_value(json_object_get(st, "objectType")),
	    "SubStatement")))
		return bad(err, path, _("objectType must be SubStatement"));
	return 0;
}

int
statement_validate(const json_t *st, struct hs_error *err)
{
	return statement_check(st, "statement", 0, err);
}

int
statement_validate_text(const char *text, size_t len, struct hs_error *err)
{
	json_error_t jerr;
	json_t *st;
	int rc;

	st = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (st == NULL)
		return hs_error_set(err, HS_EINVAL, _("xAPI statement: not "
		    "JSON: %s"), jerr.text);
	rc = statement_validate(st, err);
	json_decref(st);
	return rc;
}

/* A version 8 UUID from the first 16 bytes of SHA-256(parts). */
static void
statement_uuid_v8(const unsigned char *msg, size_t len, char out[37])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, msg, len);
	h[6] = (unsigned char)((h[6] & 0x0f) | 0x80);
	h[8] = (unsigned char)((h[8] & 0x3f) | 0x80);
	snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
	    "%02x%02x%02x%02x%02x%02x", h[0], h[1], h[2], h[3], h[4], h[5],
	    h[6], h[7], h[8], h[9], h[10], h[11], h[12], h[13], h[14], h[15]);
}

void
statement_event_id(const unsigned char pk[32], long long seq, char out[37])
{
	unsigned char msg[16 + 32 + 8];
	int i;

	memcpy(msg, STATEMENT_ID_NAMESPACE, 16);
	memcpy(msg + 16, pk, 32);
	for (i = 0; i < 8; i++)
		msg[48 + i] = (unsigned char)((unsigned long long)seq >>
		    (56 - 8 * i));
	statement_uuid_v8(msg, sizeof msg, out);
}

void
statement_device_id(const unsigned char pk[32], char out[37])
{
	unsigned char msg[16 + 32];

	memcpy(msg, STATEMENT_DEVICE_NAMESPACE, 16);
	memcpy(msg + 16, pk, 32);
	statement_uuid_v8(msg, sizeof msg, out);
}

char *
statement_enrol_message(const char *token, const char *school,
    const char *device, const char *time)
{
	size_t n = 16 + strlen(token) + strlen(school) + strlen(device) +
	    strlen(time) + 5;
	char *msg = xmalloc(n);

	snprintf(msg, n, "hocso-enroll-1\n%s\n%s\n%s\n%s\n", token, school,
	    device, time);
	return msg;
}

int
statement_enrol_check(const char *token, const char *school,
    const char *device, const char *time, const struct keys_public *pub,
    const char *sig)
{
	char *msg = statement_enrol_message(token, school, device, time);
	int rc = keys_verify(pub, msg, strlen(msg), sig);

	free(msg);
	return rc != 0 ? HS_EINVAL : 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lrs-sink.c: a minimal xAPI Learning Record Store, for the tests of
 * hocso-server's forwarder (server/forward.c).
 *
 *   lrs-sink --port-file FILE --out FILE [--auth USER:PASS] [--fail N]
 *            [--refuse FILE]
 *
 * Listens on 127.0.0.1 on a free port, written to the port file (a
 * temporary file renamed over it).  Takes statements on .../statements:
 *
 *   POST               one statement or an array of them; 200 and the
 *                      JSON array of their ids, in order
 *   PUT ?statementId=  one statement (its id, when it has one, must be
 *                      statementId); 204, as xAPI 1.0.3 says
 *
 * Every request needs X-Experience-API-Version 1.0.x (400 otherwise) and,
 * with --auth, that HTTP Basic authorization (401 otherwise).  Each
 * statement is checked with statement_validate(): one that is not valid
 * fails the whole request with 400 and the reason, and nothing of it is
 * kept.  A statement id received before with the same contents is
 * taken again and stored nothing; with other contents it is 409.  Each
 * new statement is appended to the out file as one line of compact JSON,
 * keys sorted, flushed to the disk before the answer.  Statements in the
 * out file when the sink starts count as received.  --fail N answers 503
 * to the first N requests.  --refuse FILE refuses (400, the whole
 * request) a statement whose id is a line of FILE, read anew at each
 * request (no file: none refused).  One line per request on stderr.  Stops on
 * SIGTERM or SIGINT.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <jansson.h>
#include <microhttpd.h>

#include "core/error.h"
#include "core/uuid.h"
#include "sync/statement.h"

#define MAX_BODY (32L << 20)

struct sink {
	FILE *out;
	json_t *seen;		/* statement id -> its canonical text */
	const char *user, *pass;	/* NULL: no authorization needed */
	long fail;		/* requests still to answer 503 */
	const char *refuse;	/* a file of statement ids to refuse */
	long requests;
};

/* One request's body, read in pieces. */
struct body {
	char *buf;
	size_t len, cap;
	int too_large;
};

static void
usage(void)
{
	fprintf(stderr, "usage: lrs-sink --port-file FILE --out FILE"
	    " [--auth USER:PASS] [--fail N] [--refuse FILE]\n");
	exit(2);
}

static enum MHD_Result
answer(struct MHD_Connection *conn, unsigned status, const char *type,
    const char *text)
{
	struct MHD_Response *r;
	enum MHD_Result ret;

	r = MHD_create_response_from_buffer(strlen(text), (void *)text,
	    MHD_RESPMEM_MUST_COPY);
	if (r == NULL)
		return MHD_NO;
	if (type != NULL)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	MHD_add_response_header(r, "X-Experience-API-Version", "1.0.3");
	ret = MHD_queue_response(conn, status, r);
	MHD_destroy_response(r);
	return ret;
}

/* An error answer: {"error": "..."}, and its line on stderr. */
static enum MHD_Result
fail(struct MHD_Connection *conn, const char *method, const char *url,
    unsigned status, const char *fmt, ...)
{
	enum MHD_Result ret;
	char msg[1024], *text;
	json_t *o;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	fprintf(stderr, "lrs-sink: %s %s %u %s\n", method, url, status, msg);
	o = json_pack("{s:s}", "error", msg);
	text = o != NULL ? json_dumps(o, JSON_COMPACT) : NULL;
	json_decref(o);
	ret = answer(conn, status, "application/json",
	    text != NULL ? text : "{}");
	free(text);
	return ret;
}

/* Whether id is a line of the --refuse file. */
static int
refused(const struct sink *k, const char *id)
{
	char line[128];
	FILE *f;
	int found = 0;

	if (k->refuse == NULL || (f = fopen(k->refuse, "r")) == NULL)
		return 0;
	while (!found && fgets(line, sizeof line, f) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		found = strcasecmp(line, id) == 0;
	}
	fclose(f);
	return found;
}

static int
authorized(struct sink *k, struct MHD_Connection *conn)
{
	char *user, *pass = NULL;
	int ok;

	if (k->user == NULL)
		return 1;
	user = MHD_basic_auth_get_username_password(conn, &pass);
	ok = user != NULL && pass != NULL && strcmp(user, k->user) == 0 &&
	    strcmp(pass, k->pass) == 0;
	if (user != NULL)
		MHD_free(user);
	if (pass != NULL)
		MHD_free(pass);
	return ok;
}

/* Whether path names the statements resource ("/statements", or any
 * base URL's ".../statements"). */
static int
statements_path(const char *url)
{
	size_t n = strlen(url);

	while (n > 0 && url[n - 1] == '/')
		n--;
	return n >= 11 && strncmp(url + n - 11, "/statements", 11) == 0;
}

/* Checks the statements of one request and stores the new ones.  Fills
 * ids (a JSON array) and returns 0, or an HTTP status with msg filled. */
static unsigned
take(struct sink *k, json_t *list, const char *put_id, json_t *ids,
    int *fresh, char *msg, size_t len)
{
	json_t *texts = json_object(), *st, *idv;
	struct hs_error err;
	const char *id, *old;
	char gen[UUID_LEN + 1], *text;
	unsigned status = 0;
	size_t i, j;

	*fresh = 0;
	if (texts == NULL) {
		snprintf(msg, len, "out of memory");
		return 500;
	}
	json_array_foreach(list, i, st) {
		if (!json_is_object(st)) {
			snprintf(msg, len, "statement %zu: not a JSON object",
			    i);
			status = 400;
			goto done;
		}
		idv = json_object_get(st, "id");
		if (put_id != NULL && idv != NULL &&
		    (!json_is_string(idv) ||
		    strcasecmp(json_string_value(idv), put_id) != 0)) {
			snprintf(msg, len, "the statement's id is not the"
			    " statementId parameter");
			status = 400;
			goto done;
		}
		if (idv == NULL) {
			if (put_id != NULL)
				snprintf(gen, sizeof gen, "%s", put_id);
			else
				uuid_generate(gen);
			json_object_set_new(st, "id", json_string(gen));
		}
		if (statement_validate(st, &err) != 0) {
			snprintf(msg, len, "statement %zu: %s", i, err.msg);
			status = 400;
			goto done;
		}
		id = json_string_value(json_object_get(st, "id"));
		if (refused(k, id)) {
			snprintf(msg, len, "statement %s: refused on purpose"
			    " (--refuse)", id);
			status = 400;
			goto done;
		}
		text = json_dumps(st, JSON_COMPACT | JSON_SORT_KEYS);
		if (text == NULL) {
			snprintf(msg, len, "out of memory");
			status = 500;
			goto done;
		}
		/* Seen before, in an earlier request or in this one. */
		old = json_string_value(json_object_get(k->seen, id));
		if (old == NULL)
			old = json_string_value(json_object_get(texts, id));
		if (old != NULL && strcmp(old, text) != 0) {
			snprintf(msg, len, "statement %s was received before"
			    " with other contents", id);
			free(text);
			status = 409;
			goto done;
		}
		json_array_append_new(ids, json_string(id));
		if (old == NULL)
			json_object_set_new(texts, id, json_string(text));
		free(text);
	}
	/* All good: append the new ones, in the order sent. */
	json_array_foreach(ids, j, idv) {
		const char *t;

		id = json_string_value(idv);
		if ((t = json_string_value(json_object_get(texts, id))) ==
		    NULL || json_object_get(k->seen, id) != NULL)
			continue;
		if (fprintf(k->out, "%s\n", t) < 0) {
			snprintf(msg, len, "cannot write: %s",
			    strerror(errno));
			status = 500;
			goto done;
		}
		json_object_set(k->seen, id, json_object_get(texts, id));
		(*fresh)++;
	}
	if (fflush(k->out) != 0 || fsync(fileno(k->out)) != 0) {
		snprintf(msg, len, "cannot write: %s", strerror(errno));
		status = 500;
	}
done:
	json_decref(texts);
	return status;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *conn, const char *url,
    const char *method, const char *version, const char *data,
    size_t *size, void **state)
{
	struct sink *k = cls;
	struct body *b = *state;
	const char *v, *put_id = NULL;
	json_t *doc, *list, *ids;
	json_error_t jerr;
	enum MHD_Result ret;
	char msg[1024], *text;
	unsigned status;
	int fresh;

	(void)version;
	if (b == NULL) {		/* the headers: the body comes next */
		if ((b = calloc(1, sizeof *b)) == NULL)
			return MHD_NO;
		*state = b;
		return MHD_YES;
	}
	if (*size > 0) {
		if (b->len + *size > (size_t)MAX_BODY)
			b->too_large = 1;
		else {
			if (b->len + *size + 1 > b->cap) {
				size_t cap = (b->len + *size + 1) * 2;
				char *p = realloc(b->buf, cap);

				if (p == NULL)
					return MHD_NO;
				b->buf = p;
				b->cap = cap;
			}
			memcpy(b->buf + b->len, data, *size);
			b->len += *size;
		}
		*size = 0;
		return MHD_YES;
	}

	k->requests++;
	if (k->fail > 0) {
		k->fail--;
		return fail(conn, method, url, 503, "failing on purpose"
		    " (--fail)");
	}
	if (!statements_path(url))
		return fail(conn, method, url, 404, "no such resource");
	if (!authorized(k, conn)) {
		struct MHD_Response *r;

		fprintf(stderr, "lrs-sink: %s %s 401 not authorized\n",
		    method, url);
		r = MHD_create_response_from_buffer(
		    strlen("{\"error\":\"not authorized\"}"),
		    (void *)"{\"error\":\"not authorized\"}",
		    MHD_RESPMEM_PERSISTENT);
		if (r == NULL)
			return MHD_NO;
		ret = MHD_queue_basic_auth_fail_response(conn, "lrs-sink", r);
		MHD_destroy_response(r);
		return ret;
	}
	v = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
	    "X-Experience-API-Version");
	if (v == NULL || strncmp(v, "1.0", 3) != 0 ||
	    (v[3] != '\0' && v[3] != '.'))
		return fail(conn, method, url, 400, "X-Experience-API-Version"
		    " 1.0.x is required");
	if (strcmp(method, "PUT") == 0) {
		put_id = MHD_lookup_connection_value(conn,
		    MHD_GET_ARGUMENT_KIND, "statementId");
		if (put_id == NULL || !statement_uuid_valid(put_id))
			return fail(conn, method, url, 400, "PUT needs a"
			    " statementId parameter that is a UUID");
	} else if (strcmp(method, "POST") != 0)
		return fail(conn, method, url, 405, "only POST and PUT");
	if (b->too_large)
		return fail(conn, method, url, 413, "body over %ld bytes",
		    MAX_BODY);
	doc = json_loadb(b->buf != NULL ? b->buf : "", b->len,
	    JSON_REJECT_DUPLICATES, &jerr);
	if (doc == NULL)
		return fail(conn, method, url, 400, "not JSON: %s (line %d)",
		    jerr.text, jerr.line);
	if (json_is_array(doc) && put_id == NULL)
		list = json_incref(doc);
	else if (json_is_object(doc)) {
		list = json_array();
		if (list != NULL)
			json_array_append(list, doc);
	} else {
		json_decref(doc);
		return fail(conn, method, url, 400, put_id != NULL ?
		    "PUT takes one statement" : "not a statement or an array"
		    " of statements");
	}
	ids = json_array();
	if (list == NULL || ids == NULL)
		status = 500, snprintf(msg, sizeof msg, "out of memory");
	else
		status = take(k, list, put_id, ids, &fresh, msg, sizeof msg);
	json_decref(list);
	json_decref(doc);
	if (status != 0) {
		json_decref(ids);
		return fail(conn, method, url, status, "%s", msg);
	}
	fprintf(stderr, "lrs-sink: %s %s %d (%zu statements, %d new)\n",
	    method, url, put_id != NULL ? 204 : 200, json_array_size(ids),
	    fresh);
	if (put_id != NULL) {
		json_decref(ids);
		return answer(conn, MHD_HTTP_NO_CONTENT, NULL, "");
	}
	text = json_dumps(ids, JSON_COMPACT);
	json_decref(ids);
	if (text == NULL)
		return MHD_NO;
	ret = answer(conn, MHD_HTTP_OK, "application/json", text);
	free(text);
	return ret;
}

static void
on_done(void *cls, struct MHD_Connection *conn, void **state,
    enum MHD_RequestTerminationCode code)
{
	struct body *b = *state;

	(void)cls;
	(void)conn;
	(void)code;
	if (b != NULL) {
		free(b->buf);
		free(b);
		*state = NULL;
	}
}

/* Counts the statements already in the out file as received. */
static int
load(struct sink *k, const char *path)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	json_t *st, *id;
	FILE *f;
	char *text;

	if ((f = fopen(path, "r")) == NULL)
		return errno == ENOENT ? 0 : -1;
	while ((n = getline(&line, &cap, f)) > 0) {
		st = json_loadb(line, (size_t)n, 0, NULL);
		id = json_object_get(st, "id");
		if (json_is_string(id) && (text = json_dumps(st,
		    JSON_COMPACT | JSON_SORT_KEYS)) != NULL) {
			json_object_set_new(k->seen, json_string_value(id),
			    json_string(text));
			free(text);
		}
		json_decref(st);
	}
	free(line);
	fclose(f);
	return 0;
}

static int
write_port_file(const char *path, unsigned port)
{
	char tmp[PATH_MAX];
	FILE *f;

	if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp ||
	    (f = fopen(tmp, "w")) == NULL)
		return -1;
	fprintf(f, "%u\n", port);
	if (fclose(f) != 0 || rename(tmp, path) != 0) {
		unlink(tmp);
		return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	const char *port_file = NULL, *out = NULL;
	struct sink k;
	struct MHD_Daemon *d;
	const union MHD_DaemonInfo *info;
	struct sockaddr_in sin;
	char *auth = NULL, *end;
	sigset_t sigs;
	int i, sig, rc = 1;

	memset(&k, 0, sizeof k);
	for (i = 1; i < argc; i++) {
		if (i + 1 >= argc)
			usage();
		if (strcmp(argv[i], "--port-file") == 0)
			port_file = argv[++i];
		else if (strcmp(argv[i], "--out") == 0)
			out = argv[++i];
		else if (strcmp(argv[i], "--auth") == 0)
			auth = argv[++i];
		else if (strcmp(argv[i], "--refuse") == 0)
			k.refuse = argv[++i];
		else if (strcmp(argv[i], "--fail") == 0) {
			k.fail = strtol(argv[++i], &end, 10);
			if (*end != '\0' || k.fail < 0)
				usage();
		} else
			usage();
	}
	if (port_file == NULL || out == NULL)
		usage();
	if (auth != NULL) {
		char *colon = strchr(auth, ':');

		if (colon == NULL)
			usage();
		*colon = '\0';
		k.user = auth;
		k.pass = colon + 1;
	}
	if ((k.seen = json_object()) == NULL)
		return 1;
	if (load(&k, out) != 0 || (k.out = fopen(out, "a")) == NULL) {
		fprintf(stderr, "lrs-sink: %s: %s\n", out, strerror(errno));
		json_decref(k.seen);
		return 1;
	}

	/* The signals wait for main; MHD's thread inherits the mask. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	sigprocmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);

	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD |
	    MHD_USE_ERROR_LOG, 0, NULL, NULL, on_request, &k,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sin,
	    MHD_OPTION_NOTIFY_COMPLETED, on_done, NULL,
	    MHD_OPTION_CONNECTION_TIMEOUT, 30u,
	    MHD_OPTION_END);
	if (d == NULL) {
		fprintf(stderr, "lrs-sink: cannot listen\n");
		goto out;
	}
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	if (info == NULL || write_port_file(port_file, info->port) != 0) {
		fprintf(stderr, "lrs-sink: %s: cannot write the port\n",
		    port_file);
		MHD_stop_daemon(d);
		goto out;
	}
	while (sigwait(&sigs, &sig) != 0)
		;
	MHD_stop_daemon(d);
	rc = 0;
out:
	fclose(k.out);
	json_decref(k.seen);
	return rc;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * dashboard.c: the dashboard's shell, sign-in and routing.  See
 * dashboard.h.
 *
 * Every URL under /dashboard/ but the sign-in page and the style sheet
 * needs a live session (a cookie, server/account.h); every POST needs
 * the form's CSRF token besides: the session's, or for the sign-in form
 * (no session yet) the one in its own short-lived cookie, which the form
 * repeats.  Cookies are HttpOnly and SameSite=Strict, and Secure when
 * the request came through TLS: hocso-server speaks plain HTTP, so that
 * is known only from a proxy on this machine (X-Forwarded-Proto: https;
 * from anywhere else the header is ignored, as is X-Forwarded-For, which
 * names the client behind such a proxy for the throttle and the audit
 * log).
 *
 * The language (vi or en) is the one asked for with ?lang=, kept in a
 * cookie, else the browser's first of the two, else Vietnamese; gettext
 * follows LANGUAGE, which is set while the server's lock is held, as
 * every translated string of the server is made under that lock.
 *
 * Never here: SQL, the pages' figures (dashpages.c), HTTP's bytes.
 */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/locale.h"
#include "core/util.h"
#include "server/account.h"
#include "server/dashboard.h"
#include "server/dashpages.h"

#define DASH_COOKIE "hocso_session"
#define DASH_PRE_COOKIE "hocso_signin"	/* the sign-in form's token */
#define DASH_LANG_COOKIE "hocso_lang"
#define DASH_FIELD_MAX 512		/* a form field's value */

enum dash_access {
	DASH_PROVINCE,			/* province accounts only */
	DASH_OWN_SCHOOL,		/* a school account: its school's
					 * code is the path's first part */
};

/* The pages: a URL's path is exactly prefix (exact) or starts with it
 * (and has more). */
static const struct dash_route {
	const char *prefix;
	int exact;
	enum dash_access access;
	dashboard_page_fn fn;
} dash_routes[] = {
	{ "/dashboard/", 1, DASH_PROVINCE, dashpage_overview },
	{ "/dashboard/school/", 0, DASH_OWN_SCHOOL, dashpage_school },
	{ "/dashboard/module/", 0, DASH_PROVINCE, dashpage_module },
	{ "/dashboard/safety", 1, DASH_PROVINCE, dashpage_safety },
};

/* A plain style: system fonts, no images, readable on a small screen
 * and printed. */
static const char dash_css[] =
    "*{box-sizing:border-box}"
    "body{margin:0;font:16px/1.45 system-ui,'Segoe UI',Roboto,'Noto Sans',"
    "'DejaVu Sans',sans-serif;color:#1b1b1b;background:#f6f7f9}"
    "header{display:flex;flex-wrap:wrap;align-items:center;gap:.5em 1.5em;"
    "padding:.6em 1.2em;background:#0b5563;color:#fff}"
    "header a{color:#fff}"
    "header .brand{font-weight:700;font-size:1.15em;text-decoration:none}"
    "header nav{display:flex;gap:1em;flex:1}"
    "header .who{font-size:.95em}"
    "header form{display:inline;margin:0}"
    "header button{font:inherit;padding:.2em .8em;border:1px solid #fff;"
    "background:transparent;color:#fff;border-radius:4px;cursor:pointer}"
    ".lang a{margin-left:.4em}.lang strong{margin-left:.4em}"
    "main{max-width:72em;margin:1.2em auto;padding:0 1.2em}"
    "h1{font-size:1.5em;margin:.2em 0 .8em}"
    "table{border-collapse:collapse;background:#fff;margin:.5em 0 1.5em;"
    "min-width:50%}"
    "th,td{border:1px solid #cfd6dc;padding:.35em .7em;text-align:left}"
    "th{background:#e8eef1}th.num,td.num{text-align:right}"
    "td.id{white-space:nowrap}"
    "td.qid{font-size:.8em;color:#555}"
    "caption{text-align:left;font-weight:600;padding:.3em 0}"
    ".figures{display:flex;flex-wrap:wrap;gap:.8em;margin:.5em 0 1.5em}"
    ".figure{background:#fff;border:1px solid #cfd6dc;border-radius:6px;"
    "padding:.6em 1em;min-width:10em}"
    ".figure .value{display:block;font-size:1.8em;font-weight:700;"
    "color:#0b5563}"
    ".figure .label{color:#444}"
    ".downloads{margin-top:-1em;font-size:.9em}"
    ".signin{max-width:22em;margin:3em auto;background:#fff;padding:1.5em;"
    "border:1px solid #cfd6dc;border-radius:6px}"
    ".signin label{display:block;margin-top:.8em}"
    ".signin input{width:100%;font:inherit;padding:.4em;margin-top:.2em}"
    ".signin button{margin-top:1.2em;font:inherit;padding:.5em 1.4em;"
    "background:#0b5563;color:#fff;border:0;border-radius:4px}"
    ".error{color:#8b0000;background:#fdecea;padding:.6em .8em;"
    "border-left:4px solid #8b0000}"
    ".note{color:#555}"
    "@media print{header form,.lang{display:none}}";

/*
 * The page's bytes.
 */

int
dash_out_write(struct dash_out *o, const void *p, size_t n)
{
	size_t size;

	if (o->len + n + 1 > o->size) {
		size = o->size == 0 ? 4096 : o->size;
		while (size < o->len + n + 1)
			size *= 2;
		o->data = xrealloc(o->data, size);
		o->size = size;
	}
	memcpy(o->data + o->len, p, n);
	o->len += n;
	o->data[o->len] = '\0';
	return 0;
}

int
dash_out_printf(struct dash_out *o, const char *fmt, ...)
{
	va_list ap;
	char small[512], *big;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return 0;
	if ((size_t)n < sizeof small)
		return dash_out_write(o, small, (size_t)n);
	big = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	dash_out_write(o, big, (size_t)n);
	free(big);
	return 0;
}

int
dash_out_text(struct dash_out *o, const char *text)
{
	const char *p, *rep;

	for (p = text; *p != '\0'; p++) {
		switch (*p) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default:
			dash_out_write(o, p, 1);
			continue;
		}
		dash_out_write(o, rep, strlen(rep));
	}
	return 0;
}

int
dash_out_url(struct dash_out *o, const char *text)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;
	char e[3];

	for (p = (const unsigned char *)text; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~", *p) != NULL) {
			dash_out_write(o, p, 1);
			continue;
		}
		e[0] = '%';
		e[1] = hex[*p >> 4];
		e[2] = hex[*p & 15];
		dash_out_write(o, e, 3);
	}
	return 0;
}

/* Decodes n bytes of a form's or query's percent-encoded text into buf
 * ('+' is a space); a value too long or with a NUL is cut or refused:
 * returns 0 or -1. */
static int
dash_decode(const char *s, size_t n, char *buf, size_t len)
{
	size_t i, j = 0;
	unsigned v;
	char h[3] = { 0, 0, 0 };

	for (i = 0; i < n; i++) {
		if (j + 1 >= len)
			return -1;
		if (s[i] == '+')
			buf[j++] = ' ';
		else if (s[i] == '%' && i + 2 < n &&
		    isxdigit((unsigned char)s[i + 1]) &&
		    isxdigit((unsigned char)s[i + 2])) {
			h[0] = s[i + 1];
			h[1] = s[i + 2];
			v = (unsigned)strtoul(h, NULL, 16);
			if (v == 0)
				return -1;
			buf[j++] = (char)v;
			i += 2;
		} else
			buf[j++] = s[i];
	}
	buf[j] = '\0';
	return 0;
}

/* The value of key in the "k=v&k=v" text of n bytes. */
static int
dash_form_get(const char *text, size_t n, const char *key, char *buf,
    size_t len)
{
	const char *p = text, *end = text + n, *amp, *eq;
	size_t k = strlen(key);

	while (p < end) {
		amp = memchr(p, '&', (size_t)(end - p));
		if (amp == NULL)
			amp = end;
		eq = memchr(p, '=', (size_t)(amp - p));
		if (eq != NULL && (size_t)(eq - p) == k &&
		    memcmp(p, key, k) == 0)
			return dash_decode(eq + 1, (size_t)(amp - eq - 1), buf,
			    len) == 0 ? 0 : HS_EINVAL;
		p = amp + 1;
	}
	return HS_ENOTFOUND;
}

int
dash_query_get(const char *query, const char *key, char *buf, size_t len)
{
	if (query == NULL)
		return HS_ENOTFOUND;
	return dash_form_get(query, strlen(query), key, buf, len);
}

/* The value of the cookie name in the Cookie header, or "". */
static void
dash_cookie(const char *header, const char *name, char *buf, size_t len)
{
	const char *p = header;
	size_t k = strlen(name), n;

	buf[0] = '\0';
	while (p != NULL && *p != '\0') {
		p += strspn(p, " ;");
		n = strcspn(p, ";");
		if (n > k && strncmp(p, name, k) == 0 && p[k] == '=') {
			n -= k + 1;
			if (n < len) {
				memcpy(buf, p + k + 1, n);
				buf[n] = '\0';
			}
			return;
		}
		p += n;
	}
}

/*
 * The answer.
 */

static void
dash_header(struct dash_response *res, const char *name, const char *value)
{
	if (res->nheaders >= DASH_HEADERS)
		return;
	snprintf(res->headers[res->nheaders].name,
	    sizeof res->headers[0].name, "%s", name);
	snprintf(res->headers[res->nheaders].value,
	    sizeof res->headers[0].value, "%s", value);
	res->nheaders++;
}

/* What a request is, as the rest of this file needs it. */
struct dash_ctx {
	const struct dash_request *q;
	struct server *s;
	pthread_mutex_t *lock;
	struct dash_response *res;
	const char *lang;		/* "vi" or "en" */
	int secure;			/* came through TLS */
	char address[64];		/* the client, for the log */
	char cookie[ACCOUNT_TOKEN_LEN + 8];	/* the session cookie */
	int signed_in;
	struct account who;
	char csrf[ACCOUNT_TOKEN_LEN];	/* the session's token */
};

static void
dash_set_cookie(struct dash_ctx *x, const char *name, const char *value,
    long max_age, int http_only)
{
	char v[400];

	snprintf(v, sizeof v, "%s=%s; Path=/dashboard; Max-Age=%ld;%s "
	    "SameSite=Strict%s", name, value, max_age, http_only ?
	    " HttpOnly;" : "", x->secure ? "; Secure" : "");
	dash_header(x->res, "Set-Cookie", v);
}

/* Sets the language for gettext (the lock held). */
static void
dash_lang_set(const char *lang)
{
#ifdef ENABLE_NLS
	extern int _nl_msg_cat_cntr;

	setenv("LANGUAGE", lang, 1);
	++_nl_msg_cat_cntr;
#else
	(void)lang;
#endif
}

static void
dash_lock(struct dash_ctx *x)
{
	if (x->lock != NULL)
		pthread_mutex_lock(x->lock);
	dash_lang_set(x->lang);
}

static void
dash_unlock(struct dash_ctx *x)
{
	if (x->lock != NULL)
		pthread_mutex_unlock(x->lock);
}

/* Answers a redirect (303: the browser follows it with a GET). */
static int
dash_redirect(struct dash_ctx *x, const char *to)
{
	x->res->status = 303;
	dash_header(x->res, "Location", to);
	dash_header(x->res, "Content-Type", "text/plain; charset=utf-8");
	x->res->body = xstrdup("");
	x->res->len = 0;
	return 0;
}

/* The headers every HTML page gets. */
static void
dash_html_headers(struct dash_ctx *x)
{
	dash_header(x->res, "Content-Type", "text/html; charset=utf-8");
	dash_header(x->res, "Cache-Control", "no-store");
	dash_header(x->res, "Content-Security-Policy", "default-src 'none'; "
	    "style-src 'unsafe-inline'; img-src 'self' data:; "
	    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
	dash_header(x->res, "X-Content-Type-Options", "nosniff");
	dash_header(x->res, "X-Frame-Options", "DENY");
	dash_header(x->res, "Referrer-Policy", "same-origin");
}

/* The account's first page. */
static void
dash_home(const struct account *who, struct dash_out *o)
{
	if (who->role == ACCOUNT_SCHOOL) {
		dash_out_printf(o, "/dashboard/school/");
		dash_out_url(o, who->school);
	} else
		dash_out_printf(o, "/dashboard/");
}

/* Writes path percent-encoded, its slashes kept. */
static void
dash_path(struct dash_out *o, const char *path)
{
	const char *p = path;
	size_t n;
	char *part;

	while (*p != '\0') {
		n = strcspn(p, "/");
		part = xstrndup(p, n);
		dash_out_url(o, part);
		free(part);
		p += n;
		if (*p == '/') {
			dash_out_write(o, "/", 1);
			p++;
		}
	}
}

/* The language links: this page again, in the other language. */
static void
dash_lang_links(struct dash_ctx *x, struct dash_out *o)
{
	static const struct { const char *code, *name; } langs[] = {
		{ "vi", "Tiếng Việt" }, { "en", "English" },
	};
	size_t i;

	dash_out_printf(o, "<span class=\"lang\">");
	for (i = 0; i < sizeof langs / sizeof *langs; i++) {
		if (!strcmp(langs[i].code, x->lang)) {
			dash_out_printf(o, "<strong lang=\"%s\">%s</strong>",
			    langs[i].code, langs[i].name);
			continue;
		}
		dash_out_printf(o, "<a lang=\"%s\" hreflang=\"%s\" href=\"",
		    langs[i].code, langs[i].code);
		dash_path(o, x->q->path);
		dash_out_printf(o, "?lang=%s\">%s</a>", langs[i].code,
		    langs[i].name);
	}
	dash_out_printf(o, "</span>");
}

/* Wraps body (taken) in the page: the head, the header, main. */
static int
dash_page(struct dash_ctx *x, int status, const char *title,
    struct dash_out *body)
{
	struct dash_out o = { 0 };

	dash_out_printf(&o, "<!DOCTYPE html>\n<html lang=\"%s\"><head>"
	    "<meta charset=\"utf-8\"><meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\"><title>",
	    x->lang);
	dash_out_text(&o, title);
	dash_out_printf(&o, " — Học Số</title><style>%s</style></head>"
	    "<body><header><a class=\"brand\" href=\"", dash_css);
	if (x->signed_in)
		dash_home(&x->who, &o);
	else
		dash_out_printf(&o, "/dashboard/login");
	dash_out_printf(&o, "\">Học Số</a><nav>");
	if (x->signed_in && x->who.role == ACCOUNT_PROVINCE)
		dash_out_printf(&o, "<a href=\"/dashboard/\">%s</a>"
		    "<a href=\"/dashboard/safety\">%s</a>", _("Province"),
		    _("Safety"));
	else if (x->signed_in) {
		dash_out_printf(&o, "<a href=\"");
		dash_home(&x->who, &o);
		dash_out_printf(&o, "\">%s</a>", _("My school"));
	}
	dash_out_printf(&o, "</nav>");
	dash_lang_links(x, &o);
	if (x->signed_in) {
		dash_out_printf(&o, "<span class=\"who\">");
		dash_out_text(&o, x->who.name);
		if (x->who.role == ACCOUNT_SCHOOL) {
			dash_out_printf(&o, " · ");
			dash_out_text(&o, x->who.school);
		} else
			dash_out_printf(&o, " · %s", _("province"));
		dash_out_printf(&o, "</span><form method=\"post\" "
		    "action=\"/dashboard/logout\"><input type=\"hidden\" "
		    "name=\"csrf\" value=\"%s\"><button type=\"submit\" "
		    "id=\"signout\">%s</button></form>", x->csrf,
		    _("Sign out"));
	}
	dash_out_printf(&o, "</header><main><h1>");
	dash_out_text(&o, title);
	dash_out_printf(&o, "</h1>\n");
	if (body->len > 0)
		dash_out_write(&o, body->data, body->len);
	free(body->data);
	body->data = NULL;
	dash_out_printf(&o, "</main></body></html>\n");
	x->res->status = status;
	dash_html_headers(x);
	x->res->body = o.data;
	x->res->len = o.len;
	return 0;
}

/* A page that only says msg (and, signed in, links to the home). */
static int
dash_message(struct dash_ctx *x, int status, const char *title,
    const char *msg)
{
	struct dash_out b = { 0 };

	dash_out_printf(&b, "<p class=\"error\" role=\"alert\">");
	dash_out_text(&b, msg);
	dash_out_printf(&b, "</p>");
	if (x->signed_in) {
		dash_out_printf(&b, "<p><a href=\"");
		dash_home(&x->who, &b);
		dash_out_printf(&b, "\">%s</a></p>", _("Back to your first "
		    "page"));
	} else
		dash_out_printf(&b, "<p><a href=\"/dashboard/login\">%s</a>"
		    "</p>", _("Sign in"));
	return dash_page(x, status, title, &b);
}

/*
 * Signing in and out.
 */

/* The sign-in page, with msg (may be NULL) above the form. */
static int
dash_login_page(struct dash_ctx *x, int status, const char *msg,
    const char *name)
{
	struct dash_out b = { 0 };
	char token[sizeof x->cookie];

	/* The form's token: the one in the browser's cookie, else new. */
	dash_cookie(x->q->cookie, DASH_PRE_COOKIE, token, sizeof token);
	if (strlen(token) != ACCOUNT_TOKEN_LEN - 1) {
		account_token_new(token);
		dash_set_cookie(x, DASH_PRE_COOKIE, token, 3600, 1);
	}
	dash_out_printf(&b, "<form class=\"signin\" method=\"post\" "
	    "action=\"/dashboard/login\">");
	if (msg != NULL) {
		dash_out_printf(&b, "<p class=\"error\" role=\"alert\" "
		    "id=\"message\">");
		dash_out_text(&b, msg);
		dash_out_printf(&b, "</p>");
	}
	dash_out_printf(&b, "<input type=\"hidden\" name=\"csrf\" "
	    "value=\"%s\"><label for=\"name\">%s</label><input id=\"name\" "
	    "name=\"name\" autocomplete=\"username\" required autofocus "
	    "maxlength=\"63\" value=\"", token, _("Account name"));
	dash_out_text(&b, name != NULL ? name : "");
	dash_out_printf(&b, "\"><label for=\"password\">%s</label><input "
	    "id=\"password\" name=\"password\" type=\"password\" "
	    "autocomplete=\"current-password\" required><button "
	    "type=\"submit\" id=\"signin\">%s</button></form>",
	    _("Password"), _("Sign in"));
	return dash_page(x, status, _("Sign in to the dashboard"), &b);
}

/* POST /dashboard/login (the lock held; let go while hashing). */
static int
dash_login(struct dash_ctx *x)
{
	struct account_session as;
	struct hs_error err;
	char csrf[DASH_FIELD_MAX], name[DASH_FIELD_MAX];
	char password[DASH_FIELD_MAX], pre[sizeof x->cookie], msg[256], loc[256];
	struct dash_out o = { 0 };
	int rc, minutes = 0;

	dash_cookie(x->q->cookie, DASH_PRE_COOKIE, pre, sizeof pre);
	if (dash_form_get(x->q->body, x->q->len, "csrf", csrf,
	    sizeof csrf) != 0 || !account_token_equal(pre, csrf))
		return dash_message(x, 403, _("Refused"), _("This form did not "
		    "come from this dashboard, or it is too old: open the "
		    "sign-in page again."));
	if (dash_form_get(x->q->body, x->q->len, "name", name,
	    sizeof name) != 0 || dash_form_get(x->q->body, x->q->len,
	    "password", password, sizeof password) != 0 || name[0] == '\0')
		return dash_login_page(x, 400, _("Type your account name and "
		    "password."), NULL);
	hs_error_clear(&err);
	dash_unlock(x);
	rc = account_signin(server_store(x->s), x->lock, name, password,
	    x->address, &as, &minutes, &err);
	dash_lock(x);
	memset(password, 0, sizeof password);
	switch (rc) {
	case ACCOUNT_SIGNED_IN:
		dash_set_cookie(x, DASH_COOKIE, as.cookie,
		    (long)(ACCOUNT_MAX_MS / 1000), 1);
		dash_set_cookie(x, DASH_PRE_COOKIE, "", 0, 1);
		dash_home(&as.who, &o);
		snprintf(loc, sizeof loc, "%s", o.data);
		free(o.data);
		return dash_redirect(x, loc);
	case ACCOUNT_WRONG:
		return dash_login_page(x, 401, _("Wrong account name or "
		    "password."), name);
	case ACCOUNT_LOCKED:
		snprintf(msg, sizeof msg, P_("Too many wrong passwords: this "
		    "account is locked for %d minute.", "Too many wrong "
		    "passwords: this account is locked for %d minutes.",
		    minutes), minutes);
		snprintf(loc, sizeof loc, "%d", minutes * 60);
		dash_header(x->res, "Retry-After", loc);
		return dash_login_page(x, 429, msg, name);
	case ACCOUNT_THROTTLED:
		snprintf(msg, sizeof msg, P_("Too many wrong passwords from "
		    "this computer: try again in %d minute.", "Too many wrong "
		    "passwords from this computer: try again in %d minutes.",
		    minutes), minutes);
		snprintf(loc, sizeof loc, "%d", minutes * 60);
		dash_header(x->res, "Retry-After", loc);
		return dash_login_page(x, 429, msg, name);
	}
	fprintf(stderr, "hocso-server: %s\n", err.msg);
	return dash_message(x, 503, _("Not now"), _("The server cannot sign "
	    "you in now: try again in a minute."));
}

/* Whether who may open the page of route r at rest (the path after its
 * prefix). */
static int
dash_allowed(const struct account *who, const struct dash_route *r,
    const char *rest)
{
	size_t n;

	if (who->role == ACCOUNT_PROVINCE)
		return 1;
	if (r->access != DASH_OWN_SCHOOL)
		return 0;
	n = strcspn(rest, "/");
	return n == strlen(who->school) && who->school[0] != '\0' &&
	    strncmp(rest, who->school, n) == 0;
}

/* A page of dash_routes (GET or HEAD, signed in). */
static int
dash_route(struct dash_ctx *x)
{
	const struct dash_route *r = NULL;
	struct dash_out o = { 0 };
	const char *path = x->q->path, *rest = "";
	char name[sizeof o.filename + 64];
	size_t i, n;
	int rc;

	for (i = 0; i < sizeof dash_routes / sizeof *dash_routes; i++) {
		n = strlen(dash_routes[i].prefix);
		if (dash_routes[i].exact ? strcmp(path,
		    dash_routes[i].prefix) == 0 : strncmp(path,
		    dash_routes[i].prefix, n) == 0 && path[n] != '\0') {
			r = &dash_routes[i];
			rest = path + (r->exact ? strlen(path) : n);
			break;
		}
	}
	if (r == NULL)
		return dash_message(x, 404, _("No such page"), _("There is no "
		    "page at this address."));
	if (!dash_allowed(&x->who, r, rest))
		return dash_message(x, 403, _("Not for this account"),
		    _("This page is not open to your account."));
	o.status = 200;
	rc = r->fn(x->s, &x->who, rest, x->q->query != NULL ? x->q->query :
	    "", &o);
	if (rc != 0) {
		free(o.data);
		return dash_message(x, 500, _("Something went wrong"),
		    _("This page cannot be shown now; the server's log says "
		    "why."));
	}
	if (o.status == 403 || o.status == 404) {
		free(o.data);
		return o.status == 403 ? dash_message(x, 403,
		    _("Not for this account"), _("This page is not open to "
		    "your account.")) : dash_message(x, 404,
		    _("No such page"), _("There is no page at this address."));
	}
	if (o.type[0] != '\0') {	/* a download, as it is */
		x->res->status = o.status;
		dash_header(x->res, "Content-Type", o.type);
		dash_header(x->res, "Cache-Control", "no-store");
		dash_header(x->res, "X-Content-Type-Options", "nosniff");
		if (o.filename[0] != '\0' && strpbrk(o.filename,
		    "\"\\\r\n") == NULL) {
			snprintf(name, sizeof name, "attachment; "
			    "filename=\"%s\"", o.filename);
			dash_header(x->res, "Content-Disposition", name);
		}
		x->res->body = o.data != NULL ? o.data : xstrdup("");
		x->res->len = o.len;
		return 0;
	}
	return dash_page(x, o.status, o.title[0] != '\0' ? o.title :
	    _("Dashboard"), &o);
}

/* The language of the request: ?lang=, the cookie, Accept-Language,
 * else Vietnamese.  A ?lang= is kept in the cookie. */
static void
dash_choose_lang(struct dash_ctx *x)
{
	char v[16];
	const char *al = x->q->accept_language, *vi, *en;

	if (dash_query_get(x->q->query, "lang", v, sizeof v) == 0 &&
	    (!strcmp(v, "vi") || !strcmp(v, "en"))) {
		x->lang = !strcmp(v, "en") ? "en" : "vi";
		dash_set_cookie(x, DASH_LANG_COOKIE, x->lang, 365L * 86400, 0);
		return;
	}
	dash_cookie(x->q->cookie, DASH_LANG_COOKIE, v, sizeof v);
	if (!strcmp(v, "vi") || !strcmp(v, "en")) {
		x->lang = !strcmp(v, "en") ? "en" : "vi";
		return;
	}
	x->lang = "vi";
	if (al == NULL)
		return;
	vi = strstr(al, "vi");
	en = strstr(al, "en");
	if (en != NULL && (vi == NULL || en < vi))
		x->lang = "en";
}

/* The client: the peer, or behind a proxy on this machine the last
 * address it put in X-Forwarded-For. */
static void
dash_client(struct dash_ctx *x)
{
	const char *ff = x->q->forwarded_for, *last;
	size_t n;

	snprintf(x->address, sizeof x->address, "%s",
	    x->q->address != NULL ? x->q->address : "-");
	if (!x->q->loopback || ff == NULL)
		return;
	last = strrchr(ff, ',');
	last = last != NULL ? last + 1 : ff;
	last += strspn(last, " ");
	n = strcspn(last, " ");
	if (n > 0 && n < sizeof x->address &&
	    strspn(last, "0123456789abcdefABCDEF.:") >= n) {
		memcpy(x->address, last, n);
		x->address[n] = '\0';
	}
}

/* The request, the lock held. */
static int
dash_locked(struct dash_ctx *x)
{
	const struct dash_request *q = x->q;
	int post = strcmp(q->method, "POST") == 0, rc;
	char csrf[DASH_FIELD_MAX];
	struct hs_error err;

	if (strcmp(q->path, "/dashboard") == 0)
		return dash_redirect(x, "/dashboard/");
	dash_cookie(q->cookie, DASH_COOKIE, x->cookie, sizeof x->cookie);
	hs_error_clear(&err);
	rc = x->cookie[0] != '\0' ? account_session(server_store(x->s),
	    x->cookie, &x->who, x->csrf, &err) : HS_ENOTFOUND;
	if (rc != 0 && rc != HS_ENOTFOUND) {
		fprintf(stderr, "hocso-server: %s\n", err.msg);
		return dash_message(x, 503, _("Not now"), _("The dashboard "
		    "cannot be shown now: try again in a minute."));
	}
	x->signed_in = rc == 0;
	if (rc == HS_ENOTFOUND && x->cookie[0] != '\0')
		dash_set_cookie(x, DASH_COOKIE, "", 0, 1);

	if (strcmp(q->path, "/dashboard/login") == 0) {
		if (post)
			return dash_login(x);
		if (x->signed_in) {
			struct dash_out o = { 0 };
			char loc[256];

			dash_home(&x->who, &o);
			snprintf(loc, sizeof loc, "%s", o.data);
			free(o.data);
			return dash_redirect(x, loc);
		}
		return dash_login_page(x, 200, NULL, NULL);
	}
	if (!x->signed_in) {
		if (post)
			return dash_message(x, 403, _("Refused"), _("You are "
			    "not signed in (any more): sign in again."));
		return dash_redirect(x, "/dashboard/login");
	}
	if (post) {
		if (dash_form_get(q->body, q->len, "csrf", csrf,
		    sizeof csrf) != 0 || !account_token_equal(x->csrf, csrf))
			return dash_message(x, 403, _("Refused"), _("This form "
			    "did not come from this dashboard, or it is too "
			    "old: open the page again."));
		if (strcmp(q->path, "/dashboard/logout") != 0)
			return dash_message(x, 404, _("No such page"),
			    _("There is no page at this address."));
		if ((rc = account_signout(server_store(x->s), x->cookie,
		    &x->who, x->address, &err)) != 0)
			fprintf(stderr, "hocso-server: %s\n", err.msg);
		dash_set_cookie(x, DASH_COOKIE, "", 0, 1);
		return dash_redirect(x, "/dashboard/login");
	}
	return dash_route(x);
}

void
dashboard_init(void)
{
	const char *v = getenv("LANGUAGE");

	locale_messages_switchable();
	if (v == NULL)
		setenv("LANGUAGE", "", 1);
}

int
dashboard_handle(struct server *s, pthread_mutex_t *lock,
    const struct dash_request *q, struct dash_response *res)
{
	struct dash_ctx x;
	char before[64];
	const char *v;
	int rc;

	memset(res, 0, sizeof *res);
	memset(&x, 0, sizeof x);
	x.q = q;
	x.s = s;
	x.lock = lock;
	x.res = res;
	x.secure = q->loopback && q->forwarded_proto != NULL &&
	    strcmp(q->forwarded_proto, "https") == 0;
	dash_client(&x);
	dash_choose_lang(&x);
	if (lock != NULL)
		pthread_mutex_lock(lock);
	/* The language before, put back for the server's other answers. */
	v = getenv("LANGUAGE");
	snprintf(before, sizeof before, "%s", v != NULL ? v : "");
	dash_lang_set(x.lang);
	rc = dash_locked(&x);
	dash_lang_set(before);
	if (lock != NULL)
		pthread_mutex_unlock(lock);
	return rc;
}

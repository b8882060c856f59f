/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * dashpages.c: the dashboard's tables, as HTML, CSV and .xlsx, and its
 * one chart, a bar chart in inline SVG.  See dashpages.h.
 *
 * A table is rows of text cells copied from a rollup view
 * (server/rollup.h) with a type per column, which says how a cell is
 * shown: a link, a percentage, a pseudonym.  The same rows make the page,
 * the CSV and the spreadsheet, so the three always agree.
 *
 * The CSV is UTF-8 with a BOM (so that a spreadsheet reads Vietnamese
 * letters) and follows the language of the page for numbers: where the
 * decimal mark is a comma (Vietnamese: the translation of "." below), the
 * separator is a semicolon, which is what a spreadsheet set up for that
 * language expects; else a comma and a point.  The .xlsx keeps numbers as
 * numbers, so no mark is needed.  libxlsxwriter (Debian's 1.1.4) writes
 * only to a file: it writes into a private folder (mkdtemp, mode 0700)
 * that nobody else can plant a link in, the bytes are read back with
 * fileio_read() and the folder removed.  No SQL here, no curses.
 */
#include "config.h"

#include <sys/stat.h>
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "core/fileio.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"
#include "server/dashpages.h"
#include "server/rollup.h"
#include "server/srvstore.h"

#define XLSX_MAX (64L * 1024 * 1024)

/* How much of a question's words a page's cell shows, in columns. */
#define QTEXT_COLS 60

void
dash_out_free(struct dash_out *out)
{
	free(out->data);
	out->data = NULL;
	out->len = 0;
}

void
dash_html(FILE *f, const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		switch (*s) {
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '&':
			fputs("&amp;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		case '\'':
			fputs("&#39;", f);
			break;
		default:
			fputc(*s, f);
		}
}

void
dash_url(FILE *f, const char *s)
{
	const unsigned char *p;

	for (p = (const unsigned char *)s; p != NULL && *p != '\0'; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~", *p) != NULL)
			fputc(*p, f);
		else
			fprintf(f, "%%%02X", *p);
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *
dash_query(const char *query, const char *key)
{
	size_t klen = strlen(key);
	const char *p, *end;
	char *v, *o;
	int h, l;

	for (p = query; p != NULL && *p != '\0'; p = *end ? end + 1 : end) {
		end = p + strcspn(p, "&;");
		if ((size_t)(end - p) <= klen || strncmp(p, key, klen) != 0 ||
		    p[klen] != '=')
			continue;
		p += klen + 1;
		v = o = xmalloc((size_t)(end - p) + 1);
		for (; p < end; p++)
			if (*p == '+')
				*o++ = ' ';
			else if (*p == '%' && end - p >= 3 &&
			    (h = hexval(p[1])) >= 0 && (l = hexval(p[2])) >= 0) {
				*o++ = (char)(h * 16 + l);
				p += 2;
			} else
				*o++ = *p;
		*o = '\0';
		return v;
	}
	return NULL;
}

static int
fill_fn(int ncol, const char *const *cell, void *ctx)
{
	struct dash_table *t = ctx;
	int j;

	t->cell = xrealloc(t->cell, (size_t)(t->n + 1) * (size_t)t->ncol *
	    sizeof *t->cell);
	for (j = 0; j < t->ncol; j++)
		t->cell[t->n * t->ncol + j] = j < ncol && cell[j] != NULL ?
		    xstrdup(cell[j]) : NULL;
	t->n++;
	return 0;
}

int
dash_table_fill(struct server *s, struct dash_table *t, int view,
    const char *a, const char *b, struct hs_error *err)
{
	return rollup_view(server_store(s), (enum rollup_view)view, a, b,
	    fill_fn, t, err);
}

void
dash_table_free(struct dash_table *t)
{
	int i;

	for (i = 0; i < t->n * t->ncol; i++)
		free(t->cell[i]);
	free(t->cell);
	t->cell = NULL;
	t->n = 0;
}

void
dash_table_insert(struct dash_table *t, int at, const char *head,
    enum dash_type type)
{
	char **cell;
	int i, j, nc = t->ncol + 1;

	assert(t->ncol < DASH_MAXCOL && at >= 0 && at <= t->ncol);
	cell = xcalloc((size_t)(t->n > 0 ? t->n : 1) * (size_t)nc,
	    sizeof *cell);
	for (i = 0; i < t->n; i++)
		for (j = 0; j < t->ncol; j++)
			cell[i * nc + (j < at ? j : j + 1)] =
			    t->cell[i * t->ncol + j];
	for (j = t->ncol; j > at; j--) {
		t->head[j] = t->head[j - 1];
		t->type[j] = t->type[j - 1];
	}
	t->head[at] = head;
	t->type[at] = type;
	free(t->cell);
	t->cell = cell;
	t->ncol = nc;
}

const char *
dash_cell(const struct dash_table *t, int i, int j)
{
	return t->cell[i * t->ncol + j];
}

static const char *
status_word(const char *v)
{
	switch (v != NULL ? atoi(v) : 0) {
	case ROLLUP_IN_PROGRESS:
		return _("in progress");
	case ROLLUP_PASSED:
		return _("passed");
	case ROLLUP_NEEDS_HELP:
		return _("needs help");
	default:
		return _("not started");
	}
}

/* A cell as text for a person to read (the CSV's and the page's), into
 * buf; NULL cells are "". */
static const char *
cell_text(enum dash_type type, const char *v, char *buf, size_t len)
{
	const char *p;

	if (v == NULL)
		return "";
	switch (type) {
	case DASH_STATUS:
		return status_word(v);
	case DASH_LEARNER:
		/* TRANSLATORS: a learner's pseudonym: L and 8 hex digits. */
		snprintf(buf, len, _("L-%.8s"), v);
		return buf;
	case DASH_QUESTION:
		p = strstr(v, ":question:");
		return p != NULL ? p + 10 : v;
	case DASH_TIME:
		snprintf(buf, len, "%.10s %.5s", v, strlen(v) > 11 ? v + 11 :
		    "");
		return buf;
	case DASH_PCT:
		/* TRANSLATORS: the decimal mark in numbers; "," in
		 * Vietnamese.  A comma also makes the CSV downloads use ";"
		 * between fields, as a spreadsheet in that language wants. */
		if ((p = strchr(v, '.')) != NULL && strcmp(_("."), ".") != 0) {
			snprintf(buf, len, "%.*s%s%s", (int)(p - v), v, _("."),
			    p + 1);
			return buf;
		}
		return v;
	default:
		return v;
	}
}

/* A question's words v as the page shows them: whole when short, else
 * cut at the last space that leaves them under QTEXT_COLS columns (or
 * at a character, for one long word), with "…" after the last word (a
 * stop or a comma before it dropped); the whole words in the cell's
 * title. */
static void
qtext_html(FILE *f, const char *v)
{
	size_t n = strlen(v), cut;
	char *whole;

	if (text_width(v, n) <= QTEXT_COLS) {
		dash_html(f, v);
		return;
	}
	cut = text_fit(v, n, QTEXT_COLS - 1, NULL);
	while (cut > QTEXT_COLS / 2 && v[cut] != ' ')
		cut--;
	if (v[cut] != ' ')
		cut = text_fit(v, n, QTEXT_COLS - 1, NULL);
	while (cut > 0 && strchr(" ,.;:", v[cut - 1]) != NULL)
		cut--;
	whole = xstrdup(v);
	whole[cut] = '\0';
	fputs("<span title=\"", f);
	dash_html(f, v);
	fputs("\">", f);
	dash_html(f, whole);
	fputs("…</span>", f);
	free(whole);
}

void
dash_table_html(FILE *f, const struct dash_table *t)
{
	char buf[128];
	const char *v;
	int i, j;

	fprintf(f, "<table class=\"data\" id=\"t-%s\">\n<caption>", t->name);
	dash_html(f, t->caption);
	fputs("</caption>\n<thead><tr>", f);
	for (j = 0; j < t->ncol; j++) {
		fputs(t->type[j] == DASH_INT || t->type[j] == DASH_PCT ?
		    "<th class=\"num\">" : "<th>", f);
		dash_html(f, t->head[j]);
		fputs("</th>", f);
	}
	fputs("</tr></thead>\n<tbody>\n", f);
	for (i = 0; i < t->n; i++) {
		fputs("<tr>", f);
		for (j = 0; j < t->ncol; j++) {
			v = dash_cell(t, i, j);
			fputs(t->type[j] == DASH_INT || t->type[j] == DASH_PCT ?
			    "<td class=\"num\">" : t->type[j] == DASH_QUESTION ?
			    "<td class=\"id qid\">" : t->type[j] == DASH_SCHOOL ||
			    t->type[j] == DASH_MODULE ? "<td class=\"id\">" :
			    "<td>", f);
			if (v != NULL && (t->type[j] == DASH_SCHOOL ||
			    t->type[j] == DASH_MODULE)) {
				fprintf(f, "<a href=\"/dashboard/%s/",
				    t->type[j] == DASH_SCHOOL ? "school" :
				    "module");
				dash_url(f, v);
				fputs("\">", f);
				dash_html(f, v);
				fputs("</a>", f);
			} else if (v == NULL && t->type[j] == DASH_TIME)
				dash_html(f, _("never"));
			else if (v == NULL && t->type[j] == DASH_QTEXT)
				;	/* no bank: the id alone */
			else if (t->type[j] == DASH_QTEXT)
				qtext_html(f, v);
			else if (v == NULL)
				fputs("&ndash;", f);
			else
				dash_html(f, cell_text(t->type[j], v, buf,
				    sizeof buf));
			fputs("</td>", f);
		}
		fputs("</tr>\n", f);
	}
	if (t->n == 0) {
		fprintf(f, "<tr><td colspan=\"%d\">", t->ncol);
		dash_html(f, _("Nothing yet."));
		fputs("</td></tr>\n", f);
	}
	fputs("</tbody>\n</table>\n<p class=\"downloads\">", f);
	dash_html(f, _("Download:"));
	fprintf(f, " <a href=\"?download=%s&amp;format=csv\">CSV</a>"
	    " &middot; <a href=\"?download=%s&amp;format=xlsx\">Excel"
	    " (.xlsx)</a></p>\n", t->name, t->name);
}

static void
csv_field(FILE *f, const char *s, char sep)
{
	char special[] = { '"', '\r', '\n', sep, '\0' };

	if (s[strcspn(s, special)] == '\0') {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s != '\0'; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static int
table_csv(const struct dash_table *t, struct dash_out *out)
{
	char sep = strcmp(_("."), ",") == 0 ? ';' : ',', buf[128];
	FILE *f;
	int i, j;

	if ((f = open_memstream(&out->data, &out->len)) == NULL)
		util_oom();
	fputs("\xef\xbb\xbf", f);
	for (j = 0; j < t->ncol; j++) {
		if (j > 0)
			fputc(sep, f);
		csv_field(f, t->head[j], sep);
	}
	fputs("\r\n", f);
	for (i = 0; i < t->n; i++) {
		for (j = 0; j < t->ncol; j++) {
			if (j > 0)
				fputc(sep, f);
			csv_field(f, cell_text(t->type[j], dash_cell(t, i, j),
			    buf, sizeof buf), sep);
		}
		fputs("\r\n", f);
	}
	if (fclose(f) != 0)
		util_oom();
	snprintf(out->type, sizeof out->type, "%s",
	    "text/csv; charset=utf-8");
	snprintf(out->filename, sizeof out->filename, "%s.csv", t->name);
	return 0;
}

static int
table_xlsx(const struct dash_table *t, struct dash_out *out,
    struct hs_error *err)
{
	const char *base = getenv("TMPDIR");
	lxw_workbook_options opt = { 0 };
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *bold;
	lxw_error xe;
	char dir[4096], path[4200], buf[128], sheet[32];
	const char *v;
	int i, j, rc = 0;

	snprintf(dir, sizeof dir, "%s/hocso-xlsx-XXXXXX",
	    base != NULL && *base != '\0' ? base : "/tmp");
	if (mkdtemp(dir) == NULL)
		return hs_error_set(err, HS_EIO, _("cannot make a folder for "
		    "the spreadsheet in %s"), dir);
	snprintf(path, sizeof path, "%s/t.xlsx", dir);
	opt.tmpdir = dir;
	opt.constant_memory = LXW_FALSE;
	if ((wb = workbook_new_opt(path, &opt)) == NULL) {
		rc = hs_error_set(err, HS_EIO, _("cannot make the "
		    "spreadsheet"));
		goto out;
	}
	snprintf(sheet, sizeof sheet, "%.31s", t->name);
	ws = workbook_add_worksheet(wb, sheet);
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	for (j = 0; j < t->ncol; j++)
		worksheet_write_string(ws, 0, (lxw_col_t)j, t->head[j], bold);
	for (i = 0; i < t->n; i++)
		for (j = 0; j < t->ncol; j++) {
			if ((v = dash_cell(t, i, j)) == NULL)
				continue;
			if (t->type[j] == DASH_INT || t->type[j] == DASH_PCT)
				worksheet_write_number(ws, (lxw_row_t)(i + 1),
				    (lxw_col_t)j, strtod(v, NULL), NULL);
			else
				worksheet_write_string(ws, (lxw_row_t)(i + 1),
				    (lxw_col_t)j, cell_text(t->type[j], v, buf,
				    sizeof buf), NULL);
		}
	if ((xe = workbook_close(wb)) != LXW_NO_ERROR) {
		rc = hs_error_set(err, HS_EIO, _("cannot make the spreadsheet: "
		    "%s"), lxw_strerror(xe));
		goto out;
	}
	if ((rc = fileio_read(path, XLSX_MAX, &out->data, &out->len,
	    err)) != 0)
		goto out;
	snprintf(out->type, sizeof out->type, "%s",
	    "application/vnd.openxmlformats-officedocument."
	    "spreadsheetml.sheet");
	snprintf(out->filename, sizeof out->filename, "%s.xlsx", t->name);
out:
	unlink(path);
	rmdir(dir);
	return rc;
}

int
dash_table_download(const struct dash_table *t, const char *format,
    struct dash_out *out, struct hs_error *err)
{
	FILE *f;

	out->status = 200;
	if (format != NULL && strcmp(format, "csv") == 0)
		return table_csv(t, out);
	if (format != NULL && strcmp(format, "xlsx") == 0)
		return table_xlsx(t, out, err);
	out->status = 400;
	if ((f = open_memstream(&out->data, &out->len)) == NULL)
		util_oom();
	fputs("<p>", f);
	dash_html(f, _("A table downloads as format=csv or format=xlsx."));
	fputs("</p>\n", f);
	fclose(f);
	return 0;
}

void
dash_svg_bars(FILE *f, const char *title, const char *const *label,
    const long long *value, int n)
{
	const int w = 720, h = 220, left = 40, bottom = 30, top = 10;
	long long max = 1;
	double bw, x, bh;
	int i;

	for (i = 0; i < n; i++)
		if (value[i] > max)
			max = value[i];
	bw = n > 0 ? (double)(w - left - 10) / n : 0;
	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\""
	    " width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">"
	    "<title>", w, h, w, h);
	dash_html(f, title);
	fprintf(f, "</title>\n<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\""
	    " stroke=\"#444\"/>\n", left, h - bottom, w - 10, h - bottom);
	fprintf(f, "<text x=\"%d\" y=\"%d\" font-size=\"11\""
	    " text-anchor=\"end\">%lld</text>\n<text x=\"%d\" y=\"%d\""
	    " font-size=\"11\" text-anchor=\"end\">0</text>\n", left - 4,
	    top + 10, max, left - 4, h - bottom);
	for (i = 0; i < n; i++) {
		x = left + i * bw;
		bh = (double)value[i] * (h - bottom - top) / max;
		fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\""
		    " height=\"%.1f\" fill=\"#2a6f97\"><title>", x + 1,
		    h - bottom - bh, bw > 2 ? bw - 2 : bw, bh);
		dash_html(f, label[i]);
		fprintf(f, ": %lld</title></rect>\n", value[i]);
		/* Counted from the last bar (this week), which is always
		 * labelled. */
		if (n <= 12 || (n - 1 - i) % ((n + 11) / 12) == 0) {
			fprintf(f, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\">",
			    x, h - bottom + 14);
			dash_html(f, strlen(label[i]) > 5 ? label[i] + 5 :
			    label[i]);
			fputs("</text>\n", f);
		}
	}
	fputs("</svg>\n", f);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * import.c: a school's learners from a spreadsheet's CSV export, all
 * rows or none (see import.h): a CSV reader, the rows checked on their
 * own, then against the store and each other, then written in one
 * transaction through the roster (roster.c).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>
#include <unicase.h>
#include <uninorm.h>
#include <unistr.h>

#include "core/fileio.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"
#include "learn/model/import.h"
#include "learn/model/pin.h"
#include "learn/model/roster.h"
#include "learn/model/school.h"

/* The largest CSV file the import reads: a whole school is a few
 * hundred kilobytes. */
#define IMPORT_MAX_BYTES	(8 << 20)

/* Copies e into err (which may be NULL) and returns its code. */
static int
err_pass(struct hs_error *err, const struct hs_error *e)
{
	if (err != NULL)
		*err = *e;
	return e->code;
}

/* A new copy of s without the spaces and tabs at its ends. */
static char *
trimmed(const char *s)
{
	size_t n;

	s += strspn(s, " \t");
	for (n = strlen(s); n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'); n--)
		continue;
	return xstrndup(s, n);
}

/*
 * The CSV reader: RFC 4180 records from a buffer, with either separator,
 * LF or CRLF line ends, and "" for a quote inside a quoted field.  It is
 * lenient where spreadsheets are sloppy: text after a closing quote is
 * kept, a quote inside an unquoted field is a letter.
 */
struct csv {
	const char *p, *end;
	char sep;
	int line;		/* the line p is on, from 1 */
};

struct csv_record {
	int line;		/* where the record starts */
	int n;
	char **field;
};

struct buf {
	char *s;
	size_t len, cap;
};

static void
buf_add(struct buf *b, char c)
{
	if (b->len + 1 >= b->cap) {
		b->cap = b->cap != 0 ? b->cap * 2 : 64;
		b->s = xrealloc(b->s, b->cap);
	}
	b->s[b->len++] = c;
	b->s[b->len] = '\0';
}

static void
csv_record_free(struct csv_record *r)
{
	int i;

	for (i = 0; i < r->n; i++)
		free(r->field[i]);
	free(r->field);
	r->field = NULL;
	r->n = 0;
}

/* The separator of the header line: the more frequent of ';' and ','
 * outside quotes (',' when neither). */
static char
csv_detect(const char *p, const char *end)
{
	int commas = 0, semis = 0, quoted = 0;

	for (; p < end && (quoted || (*p != '\n' && *p != '\r')); p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && *p == ',')
			commas++;
		else if (!quoted && *p == ';')
			semis++;
	}
	return semis > commas ? ';' : ',';
}

/* Reads the next record into r.  Returns 1, 0 at the end of the data,
 * or HS_EINVAL (err filled) for a quote that is never closed, after
 * which the data is at its end. */
static int
csv_read(struct csv *c, struct csv_record *r, struct hs_error *err)
{
	struct buf f;
	size_t cap = 0;

	memset(r, 0, sizeof *r);
	r->line = c->line;
	if (c->p >= c->end)
		return 0;
	for (;;) {
		memset(&f, 0, sizeof f);
		buf_add(&f, '\0');	/* an empty field is "" */
		f.len = 0;
		if (c->p < c->end && *c->p == '"') {
			for (c->p++; ; c->p++) {
				if (c->p >= c->end) {
					free(f.s);
					csv_record_free(r);
					return hs_error_set(err, HS_EINVAL,
					    _("a quoted field is not closed"));
				}
				if (*c->p == '"') {
					if (c->p + 1 < c->end &&
					    c->p[1] == '"') {
						buf_add(&f, '"');
						c->p++;
						continue;
					}
					c->p++;
					break;
				}
				if (*c->p == '\n')
					c->line++;
				buf_add(&f, *c->p);
			}
		}
		for (; c->p < c->end && *c->p != c->sep && *c->p != '\n' &&
		    *c->p != '\r'; c->p++)
			buf_add(&f, *c->p);
		if ((size_t)r->n == cap) {
			cap = cap != 0 ? cap * 2 : 8;
			r->field = xrealloc(r->field, cap * sizeof *r->field);
		}
		r->field[r->n++] = f.s;
		if (c->p >= c->end)
			return 1;
		if (*c->p == c->sep) {
			c->p++;
			continue;
		}
		if (*c->p == '\r' && c->p + 1 < c->end && c->p[1] == '\n')
			c->p++;
		c->p++;
		c->line++;
		return 1;
	}
}

/* Whether every field of r is empty or spaces (a blank line, or a row a
 * spreadsheet left with only separators). */
static int
csv_blank(const struct csv_record *r)
{
	int i;

	for (i = 0; i < r->n; i++)
		if (r->field[i][strspn(r->field[i], " \t")] != '\0')
			return 0;
	return 1;
}

/* The columns the import knows, and the headers that name them. */
enum { COL_NAME, COL_CLASS, COL_PIN, COL_LANG, NCOLS };

static const struct {
	int col;
	const char *header;
} headers[] = {
	{ COL_NAME, "name" },
	{ COL_NAME, "tên" },
	{ COL_NAME, "họ tên" },
	{ COL_NAME, "họ và tên" },
	{ COL_CLASS, "class" },
	{ COL_CLASS, "lớp" },
	{ COL_PIN, "pin" },
	{ COL_PIN, "mã pin" },
	{ COL_LANG, "lang" },
	{ COL_LANG, "language" },
	{ COL_LANG, "ngôn ngữ" },
};

/* The column a header names (case and Unicode form ignored), or -1. */
static int
header_column(const char *text)
{
	char *clean;
	size_t i;
	int rc, cmp;

	if (school_name_clean(text, &clean, NULL) != 0)
		return -1;
	for (i = 0; i < sizeof headers / sizeof *headers; i++) {
		rc = u8_casecmp((const uint8_t *)clean, strlen(clean),
		    (const uint8_t *)headers[i].header,
		    strlen(headers[i].header), NULL, UNINORM_NFC, &cmp);
		if (rc == 0 && cmp == 0)
			break;
	}
	free(clean);
	return i < sizeof headers / sizeof *headers ? headers[i].col : -1;
}

/* One row of the file, checked. */
struct import_row {
	int line;
	char *name, *class_name, *pin;	/* clean; pin NULL for none */
	const char *lang;
	int cls;			/* index in the import's classes */
	char *why;			/* why it is bad, or NULL */
	char hash[crypto_pwhash_STRBYTES];
};

struct import_class {
	char *name;
	long long id;			/* 0 while it is to be made */
	int pins;
	int used;			/* a good row is in it */
};

struct import {
	struct store *s;
	unsigned flags;			/* IMPORT_* */
	struct import_row *rows;
	int nrows, rowcap;
	struct import_class *classes;
	int nclasses, classcap;
	int add_classes;		/* classes not there are made */
};

/* Marks row bad with err's message, unless it is already. */
static void
row_bad(struct import_row *row, const struct hs_error *err)
{
	if (row->why == NULL)
		row->why = xstrdup(err->msg);
}

/* The field of r in column col, or "" when the row is short or the
 * file has no such column. */
static const char *
field_of(const struct csv_record *r, const int *cols, int col)
{
	return cols[col] >= 0 && cols[col] < r->n ? r->field[cols[col]] : "";
}

/* The index of the class name (clean) in im, added when new. */
static int
import_class_of(struct import *im, const char *name)
{
	int i;

	for (i = 0; i < im->nclasses; i++)
		if (!strcmp(im->classes[i].name, name))
			return i;
	if (im->nclasses == im->classcap) {
		im->classcap = im->classcap != 0 ? im->classcap * 2 : 8;
		im->classes = xrealloc(im->classes, im->classcap *
		    sizeof *im->classes);
	}
	memset(&im->classes[i], 0, sizeof im->classes[i]);
	im->classes[i].name = xstrdup(name);
	im->nclasses++;
	return i;
}

/* Checks the fields of record r on their own and appends it to im. */
static void
import_add_row(struct import *im, const struct csv_record *r,
    const int *cols)
{
	struct import_row *row;
	struct hs_error e;
	char *lang;
	int i;

	if (im->nrows == im->rowcap) {
		im->rowcap = im->rowcap != 0 ? im->rowcap * 2 : 64;
		im->rows = xrealloc(im->rows, im->rowcap * sizeof *im->rows);
	}
	row = &im->rows[im->nrows++];
	memset(row, 0, sizeof *row);
	row->line = r->line;
	row->cls = -1;
	for (i = 0; i < r->n; i++)
		if (u8_check((const uint8_t *)r->field[i],
		    strlen(r->field[i])) != NULL) {
			hs_error_set(&e, HS_EINVAL, _("the text is not UTF-8: "
			    "save the file as CSV UTF-8"));
			row_bad(row, &e);
			return;
		}
	if (school_name_clean(field_of(r, cols, COL_NAME), &row->name,
	    &e) != 0 || school_class_name_clean(field_of(r, cols, COL_CLASS),
	    &row->class_name, &e) != 0) {
		row_bad(row, &e);
		return;
	}
	row->pin = trimmed(field_of(r, cols, COL_PIN));
	if (*row->pin == '\0') {
		free(row->pin);
		row->pin = NULL;
	} else if (pin_valid(row->pin, &e) != 0) {
		row_bad(row, &e);
		return;
	}
	lang = trimmed(field_of(r, cols, COL_LANG));
	row->lang = roster_lang_check(lang, &e);
	free(lang);
	if (row->lang == NULL) {
		row_bad(row, &e);
		return;
	}
	row->cls = import_class_of(im, row->class_name);
	if (row->pin != NULL)
		im->classes[row->cls].pins = 1;
}

static int
import_count_class(const struct roster_class *c, void *arg)
{
	(void)c;
	++*(int *)arg;
	return 0;
}

/* Checks what depends on the store and on the other rows: a class that
 * is not there (a typo, unless the school has no class yet or new ones
 * are asked for), a class that uses PINs, names already in a class or
 * twice in the file. */
static int
import_check(struct import *im, struct hs_error *err)
{
	struct import_class *c;
	struct import_row *row, *other;
	struct hs_error e;
	long long id;
	int i, j, rc, pins, existing = 0, add_classes;

	if ((rc = roster_class_list(im->s, import_count_class, &existing,
	    &e)) != 0)
		return err_pass(err, &e);
	add_classes = existing == 0 || (im->flags & IMPORT_ADD_CLASSES);
	im->add_classes = add_classes;
	for (i = 0; i < im->nclasses; i++) {
		c = &im->classes[i];
		rc = roster_class_find(im->s, c->name, &c->id, &pins, &e);
		if (rc == 0)
			c->pins = pins;
		else if (rc == HS_ENOTFOUND)
			c->id = 0;
		else
			return err_pass(err, &e);
	}
	for (i = 0; i < im->nrows; i++) {
		row = &im->rows[i];
		if (row->why != NULL)
			continue;
		c = &im->classes[row->cls];
		if (c->id == 0 && !add_classes) {
			hs_error_set(&e, HS_EINVAL, _("there is no class %s: "
			    "check its spelling, or add it first (hocso class "
			    "add NAME), or import with --add-classes"),
			    c->name);
			row_bad(row, &e);
			continue;
		}
		if (c->pins && row->pin == NULL) {
			hs_error_set(&e, HS_EINVAL, _("class %s signs in with "
			    "a PIN: this learner needs one"), c->name);
			row_bad(row, &e);
			continue;
		}
		if (c->id != 0) {
			rc = roster_learner_lookup(im->s, c->id, c->name,
			    row->name, &id, &e);
			if (rc == 0) {
				hs_error_set(&e, HS_EINVAL, _("there is "
				    "already a learner named %s in class %s"),
				    row->name, c->name);
				row_bad(row, &e);
				continue;
			}
			if (rc != HS_ENOTFOUND)
				return err_pass(err, &e);
		}
		for (j = 0; j < i; j++) {
			other = &im->rows[j];
			if (other->cls == row->cls && other->name != NULL &&
			    !strcmp(other->name, row->name)) {
				hs_error_set(&e, HS_EINVAL, _("the learner %s "
				    "of class %s is also on line %d"),
				    row->name, c->name, other->line);
				row_bad(row, &e);
				break;
			}
		}
	}
	return 0;
}

/* Adds every row of im in one transaction. */
static int
import_write(struct import *im, int *classes, struct hs_error *err)
{
	struct import_row *row;
	struct import_class *c;
	int i, rc;

	/* The hashes first: they are slow, and need no lock. */
	for (i = 0; i < im->nrows; i++)
		if (im->rows[i].why == NULL && im->rows[i].pin != NULL &&
		    (rc = pin_hash(im->rows[i].pin, im->rows[i].hash,
		    err)) != 0)
			return rc;
	if ((rc = store_begin(im->s, err)) != 0)
		return rc;
	for (i = 0; i < im->nclasses; i++) {
		c = &im->classes[i];
		if (c->id == 0 && c->used) {
			if ((rc = roster_class_insert(im->s, c->name, c->pins,
			    &c->id, err)) != 0)
				goto fail;
			(*classes)++;
		}
	}
	for (i = 0; i < im->nrows; i++) {
		row = &im->rows[i];
		if (row->why != NULL)
			continue;	/* IMPORT_SKIP_BAD: left out */
		if ((rc = roster_learner_insert(im->s, im->classes[row->cls].id,
		    row->name, row->pin != NULL ? row->hash : NULL, row->lang,
		    NULL, err)) != 0)
			goto fail;
	}
	return store_commit(im->s, err);
fail:
	store_rollback(im->s);
	*classes = 0;
	return rc;
}

static void
import_free(struct import *im)
{
	int i;

	for (i = 0; i < im->nrows; i++) {
		free(im->rows[i].name);
		free(im->rows[i].class_name);
		if (im->rows[i].pin != NULL)
			sodium_memzero(im->rows[i].pin,
			    strlen(im->rows[i].pin));
		free(im->rows[i].pin);
		free(im->rows[i].why);
	}
	sodium_memzero(im->rows, im->rowcap * sizeof *im->rows);
	free(im->rows);
	for (i = 0; i < im->nclasses; i++)
		free(im->classes[i].name);
	free(im->classes);
}

/* Reads the header record: the index of each known column in *cols (-1
 * when absent). */
static int
import_header(struct csv *c, const char *path, int *cols,
    struct hs_error *err)
{
	struct csv_record r;
	struct hs_error e;
	int i, col, rc;

	for (i = 0; i < NCOLS; i++)
		cols[i] = -1;
	if ((rc = csv_read(c, &r, &e)) <= 0) {
		if (rc == 0)
			hs_error_set(&e, HS_EINVAL, _("there are no learners "
			    "in the file"));
		return hs_error_set_at(err, HS_EINVAL, path, 1, 0, "%s",
		    e.msg);
	}
	for (i = 0; i < r.n; i++) {
		if ((col = header_column(r.field[i])) < 0)
			continue;
		if (cols[col] >= 0) {
			hs_error_set_at(err, HS_EINVAL, path, r.line, 0,
			    _("two columns are named %s"), r.field[i]);
			csv_record_free(&r);
			return HS_EINVAL;
		}
		cols[col] = i;
	}
	csv_record_free(&r);
	if (cols[COL_NAME] < 0 || cols[COL_CLASS] < 0)
		return hs_error_set_at(err, HS_EINVAL, path, 1, 0,
		    _("the first line must name the columns: name and class "
		    "(or tên and lớp), and pin and lang if wanted"));
	return 0;
}

/* Calls row(arg) for each row of im, in the file's order. */
static void
import_tell_rows(const struct import *im, import_row_fn row, void *arg)
{
	struct import_preview_row pr;
	const struct import_row *r;
	int i;

	for (i = 0; i < im->nrows; i++) {
		r = &im->rows[i];
		memset(&pr, 0, sizeof pr);
		pr.line = r->line;
		pr.name = r->name != NULL ? r->name : "";
		pr.class_name = r->class_name != NULL ? r->class_name : "";
		pr.has_pin = r->pin != NULL;
		pr.new_class = r->cls >= 0 && im->classes[r->cls].id == 0;
		pr.why = r->why;
		row(&pr, arg);
	}
}

int
import_learners(struct store *s, const char *path, unsigned flags,
    import_bad_row_fn bad, void *arg, int *added, int *classes,
    struct hs_error *err)
{
	struct import_summary sum;
	int rc;

	rc = import_run(s, path, flags, bad, NULL, arg, &sum, err);
	if (added != NULL)
		*added = sum.added;
	if (classes != NULL)
		*classes = sum.classes;
	return rc;
}

int
import_run(struct store *s, const char *path, unsigned flags,
    import_bad_row_fn bad, import_row_fn row, void *arg,
    struct import_summary *sum, struct hs_error *err)
{
	struct import im = { s, flags, NULL, 0, 0, NULL, 0, 0, 0 };
	struct hs_error e, unclosed = { 0 };
	struct csv_record r;
	struct csv c;
	int cols[NCOLS], i, nbad = 0, rc, made = 0;
	size_t len;
	char *text;

	memset(sum, 0, sizeof *sum);
	/* The list may come on a stick: no link, no FIFO. */
	if ((rc = fileio_read(path, IMPORT_MAX_BYTES, &text, &len, err)) != 0)
		return rc;
	c.p = text;
	c.end = text + len;
	c.line = 1;
	if (len >= 2 && ((text[0] == '\xff' && text[1] == '\xfe') ||
	    (text[0] == '\xfe' && text[1] == '\xff'))) {
		rc = hs_error_set_at(err, HS_EINVAL, path, 0, 0, _("the file "
		    "is UTF-16: save it as CSV UTF-8"));
		goto out;
	}
	if (len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3))
		c.p += 3;
	c.sep = csv_detect(c.p, c.end);
	if ((rc = import_header(&c, path, cols, err)) != 0)
		goto out;
	while ((rc = csv_read(&c, &r, &unclosed)) != 0) {
		if (rc < 0) {
			/* The rest of the file is inside the quote: said
			 * after the rows before it. */
			unclosed.line = r.line;
			break;
		}
		if (!csv_blank(&r))
			import_add_row(&im, &r, cols);
		csv_record_free(&r);
	}
	if (im.nrows == 0 && unclosed.line == 0) {
		rc = hs_error_set_at(err, HS_EINVAL, path, 0, 0, _("there are "
		    "no learners in the file"));
		goto out;
	}
	if ((rc = import_check(&im, err)) != 0)
		goto out;
	for (i = 0; i < im.nrows; i++) {
		if (im.rows[i].why == NULL)
			continue;
		if (bad != NULL) {
			hs_error_set_at(&e, HS_EINVAL, path, im.rows[i].line, 0,
			    "%s", im.rows[i].why);
			bad(&e, arg);
		}
		nbad++;
	}
	if (unclosed.line > 0) {
		if (bad != NULL) {
			hs_error_set_at(&e, HS_EINVAL, path, unclosed.line, 0,
			    "%s", unclosed.msg);
			bad(&e, arg);
		}
		nbad++;
	}
	sum->rows = im.nrows + (unclosed.line > 0);
	sum->bad = nbad;
	for (i = 0; i < im.nrows; i++)
		if (im.rows[i].why == NULL)
			im.classes[im.rows[i].cls].used = 1;
	for (i = 0; i < im.nclasses; i++)
		if (im.classes[i].id == 0 && im.classes[i].used)
			sum->new_classes++;
		else if (im.classes[i].id == 0 && !im.add_classes &&
		    sum->unknown[0] == '\0')
			snprintf(sum->unknown, sizeof sum->unknown, "%s",
			    im.classes[i].name);
	if (row != NULL)
		import_tell_rows(&im, row, arg);
	if (flags & IMPORT_DRY_RUN)
		goto out;
	if (nbad > 0 && (!(flags & IMPORT_SKIP_BAD) || nbad == sum->rows)) {
		rc = hs_error_set_at(err, HS_EINVAL, path, 0, 0, P_("%d row is "
		    "bad: nothing was added", "%d rows are bad: nothing was "
		    "added", nbad), nbad);
		goto out;
	}
	if ((rc = import_write(&im, &made, err)) != 0)
		goto out;
	sum->added = im.nrows - (nbad - (unclosed.line > 0));
	sum->classes = made;
out:
	import_free(&im);
	free(text);
	return rc;
}

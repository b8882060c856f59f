/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * moodle.c: question banks to and from Moodle, for hocso-pack (see
 * moodle.h).  Moodle XML is read with libxml2 into the question model of
 * quiz/question.h; GIFT and Moodle XML are written from it.  This file
 * owns the mapping between Moodle's question types and hocso's, and the
 * list of what cannot be mapped; it never writes files (hocso-pack does,
 * through core/fileio) and is never linked into the app.
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"
#include "lessons/moodle.h"
#include "quiz/gift.h"
#include "quiz/grade.h"

/* A growing string. */
struct mbuf {
	char *s;
	size_t n, cap;
};

static void
mbuf_add(struct mbuf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		b->cap = (b->n + n + 1) * 2;
		b->s = xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

static void
mbuf_puts(struct mbuf *b, const char *s)
{
	mbuf_add(b, s, strlen(s));
}

static void __attribute__((format(printf, 2, 3)))
mbuf_printf(struct mbuf *b, const char *fmt, ...)
{
	char small[256], *big;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < (int)sizeof small) {
		mbuf_add(b, small, n);
		return;
	}
	big = xmalloc(n + 1);
	va_start(ap, fmt);
	vsnprintf(big, n + 1, fmt, ap);
	va_end(ap);
	mbuf_add(b, big, n);
	free(big);
}

/* A new string: s with its ends trimmed, in NFC. */
static char *
trimmed(const char *s)
{
	size_t a = 0, b = strlen(s);

	while (a < b && strchr(" \t\r\n", s[a]) != NULL)
		a++;
	while (b > a && strchr(" \t\r\n", s[b - 1]) != NULL)
		b--;
	return text_nfc(s + a, b - a);
}

/* ---- Reading Moodle XML ---- */

static xmlNode *
child(const xmlNode *n, const char *name)
{
	xmlNode *c;

	if (n == NULL)
		return NULL;
	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    !strcmp((const char *)c->name, name))
			return c;
	return NULL;
}

/* The trimmed content of n, a new string ("" for no node). */
static char *
content(const xmlNode *n)
{
	xmlChar *c;
	char *s;

	if (n == NULL)
		return xstrdup("");
	if ((c = xmlNodeGetContent(n)) == NULL)
		util_oom();
	s = trimmed((const char *)c);
	xmlFree(c);
	return s;
}

/* The content of n's <text> child, a new string. */
static char *
text_of(const xmlNode *n)
{
	return content(child(n, "text"));
}

/* The question format of Moodle's format attribute: 0 Moodle's own (or
 * none), 1 markdown, 2 plain, 3 html. */
static int
format_of(const xmlNode *n)
{
	xmlChar *f;
	int r = 0;

	if (n == NULL || (f = xmlGetProp(n, (const xmlChar *)"format")) ==
	    NULL)
		return 0;
	if (!strcmp((const char *)f, "html"))
		r = 3;
	else if (!strcmp((const char *)f, "plain_text"))
		r = 2;
	else if (!strcmp((const char *)f, "markdown"))
		r = 1;
	xmlFree(f);
	return r;
}

/* Collects the text of an HTML tree: whitespace runs made one space,
 * block ends and <br> a line break, images their alt text. */
static void
html_walk(const xmlNode *n, struct mbuf *b)
{
	static const char *const blocks[] = { "p", "div", "li", "tr", "h1",
	    "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "pre" };
	const xmlNode *c;
	const char *s;
	size_t k;
	int block;

	for (c = n; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			for (s = (const char *)c->content; *s != '\0'; s++) {
				if (strchr(" \t\r\n", *s) != NULL) {
					if (b->n > 0 && strchr(" \n",
					    b->s[b->n - 1]) == NULL)
						mbuf_add(b, " ", 1);
				} else
					mbuf_add(b, s, 1);
			}
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!strcmp((const char *)c->name, "img")) {
			xmlChar *alt = xmlGetProp(c, (const xmlChar *)"alt");

			if (alt != NULL)
				mbuf_puts(b, (const char *)alt);
			xmlFree(alt);
			continue;
		}
		if (!strcmp((const char *)c->name, "br")) {
			while (b->n > 0 && b->s[b->n - 1] == ' ')
				b->s[--b->n] = '\0';
			mbuf_add(b, "\n", 1);
			continue;
		}
		if (!strcmp((const char *)c->name, "script") ||
		    !strcmp((const char *)c->name, "style"))
			continue;
		for (block = 0, k = 0; k < sizeof blocks / sizeof *blocks; k++)
			block |= !strcmp((const char *)c->name, blocks[k]);
		html_walk(c->children, b);
		if (block && b->n > 0 && b->s[b->n - 1] != '\n') {
			while (b->n > 0 && b->s[b->n - 1] == ' ')
				b->s[--b->n] = '\0';
			mbuf_add(b, "\n", 1);
		}
	}
}

/* A new string: the HTML s as plain text (line breaks as spaces when
 * one_line), trimmed, in NFC. */
static char *
html_text(const char *s, int one_line)
{
	struct mbuf b = { 0 };
	htmlDocPtr doc;
	char *r, *p;

	mbuf_puts(&b, "");
	doc = htmlReadMemory(s, (int)strlen(s), NULL, "UTF-8",
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	if (doc != NULL) {
		html_walk(xmlDocGetRootElement(doc), &b);
		xmlFreeDoc(doc);
	}
	if (one_line)
		for (p = b.s; *p != '\0'; p++)
			if (*p == '\n')
				*p = ' ';
	r = trimmed(b.s);
	free(b.s);
	return r;
}

/* A new string: the HTML s with each <img> replaced by its alt text. */
static char *
html_alt_images(const char *s)
{
	struct mbuf b = { 0 };
	const char *p = s, *img, *end, *alt, *q;
	char quote;

	mbuf_puts(&b, "");
	while ((img = strstr(p, "<img")) != NULL &&
	    (end = strchr(img, '>')) != NULL) {
		mbuf_add(&b, p, img - p);
		for (alt = img; alt < end; alt++)
			if (!strncmp(alt, " alt=", 5) && (alt[5] == '"' ||
			    alt[5] == '\''))
				break;
		if (alt < end) {
			quote = alt[5];
			alt += 6;
			q = memchr(alt, quote, end - alt);
			if (q != NULL)
				mbuf_add(&b, alt, q - alt);
		}
		p = end + 1;
	}
	mbuf_puts(&b, p);
	return b.s;
}

/* The text of a field in the question's format: HTML kept (images their
 * alt text) when keep_html and the field is HTML, else made plain. */
static char *
field_text(const xmlNode *n, int keep_html, int one_line)
{
	char *s = text_of(n), *r;

	if (format_of(n) != 3)
		return s;
	r = keep_html ? html_alt_images(s) : html_text(s, one_line);
	free(s);
	if (keep_html) {
		s = r;
		r = trimmed(s);
		free(s);
	}
	return r;
}

static struct quiz_choice *
add_choice(struct quiz_question *q)
{
	struct quiz_choice *c;

	q->choices = xrealloc(q->choices, (q->nchoices + 1) *
	    sizeof *q->choices);
	c = &q->choices[q->nchoices++];
	memset(c, 0, sizeof *c);
	return c;
}

/* An answer's fraction: Moodle writes a percentage. */
static double
fraction_of(const xmlNode *a)
{
	xmlChar *f = xmlGetProp(a, (const xmlChar *)"fraction");
	double v = f != NULL ? strtod((const char *)f, NULL) / 100 : 0;

	xmlFree(f);
	return v;
}

/* An answer's feedback, plain text, or NULL. */
static char *
feedback_of(const xmlNode *a)
{
	char *s = field_text(child(a, "feedback"), 0, 0);

	if (s[0] == '\0') {
		free(s);
		return NULL;
	}
	return s;
}

/* Reads the answers of a multiple-choice, true/false or short-answer
 * question.  Returns NULL or why it cannot. */
static const char *
read_answers(const xmlNode *qn, struct quiz_question *q)
{
	struct quiz_choice *c;
	xmlNode *a;

	for (a = qn->children; a != NULL; a = a->next) {
		if (a->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)a->name, "answer") != 0)
			continue;
		c = add_choice(q);
		c->text = field_text(a, 0, 1);
		c->fraction = fraction_of(a);
		c->feedback = feedback_of(a);
		if (c->text[0] == '\0') {
			free(c->text);
			free(c->feedback);
			q->nchoices--;
		}
	}
	return NULL;
}

static const char *
read_multichoice(const xmlNode *qn, struct quiz_question *q)
{
	char *single = content(child(qn, "single"));
	double sum = 0;
	int k, full = 0;

	q->type = strcmp(single, "false") != 0 ? QUIZ_CHOICE : QUIZ_MULTI;
	free(single);
	read_answers(qn, q);
	if (q->nchoices < 2)
		return N_("fewer than two answers");
	for (k = 0; k < q->nchoices; k++) {
		full |= fabs(q->choices[k].fraction - 1) < 1e-6;
		if (q->choices[k].fraction > 0)
			sum += q->choices[k].fraction;
	}
	if (q->type == QUIZ_CHOICE && !full)
		return N_("no answer gives full marks: GIFT cannot write a "
		    "single choice without one");
	if (sum <= 0)
		return N_("no answer is worth any marks");
	return NULL;
}

static const char *
read_truefalse(const xmlNode *qn, struct quiz_question *q)
{
	struct quiz_choice yes = { 0 }, no = { 0 };
	int k, seen = 0;

	q->type = QUIZ_TRUEFALSE;
	read_answers(qn, q);
	for (k = 0; k < q->nchoices; k++) {
		struct quiz_choice *c = &q->choices[k];

		if (!strcmp(c->text, "true") && !(seen & 1)) {
			yes = *c;
			seen |= 1;
		} else if (!strcmp(c->text, "false") && !(seen & 2)) {
			no = *c;
			seen |= 2;
		} else {
			free(c->text);
			free(c->feedback);
		}
	}
	if (seen != 3) {
		free(seen & 1 ? yes.text : no.text);
		free(seen & 1 ? yes.feedback : no.feedback);
		q->nchoices = 0;
		return N_("its answers are not 'true' and 'false'");
	}
	q->choices[0] = yes;
	q->choices[1] = no;
	q->nchoices = 2;
	/* hocso's true/false has one right answer. */
	yes.fraction = yes.fraction > no.fraction;
	q->choices[0].fraction = yes.fraction;
	q->choices[1].fraction = !yes.fraction;
	return NULL;
}

static const char *
read_shortanswer(const xmlNode *qn, struct quiz_question *q)
{
	q->type = QUIZ_SHORT;
	read_answers(qn, q);
	if (q->nchoices == 0)
		return N_("no answer");
	return NULL;
}

/* A number as GIFT reads one: the shortest form that reads back. */
static void
number(char *out, size_t len, double v)
{
	int p;

	for (p = 1; p < 17; p++) {
		snprintf(out, len, "%.*g", p, v);
		if (strtod(out, NULL) == v)
			return;
	}
}

static const char *
read_numerical(const xmlNode *qn, struct quiz_question *q)
{
	struct quiz_choice *c;
	xmlNode *a;
	char *v, *t, *end, buf[64], tb[64];
	double value, tol;

	q->type = QUIZ_NUMERICAL;
	for (a = qn->children; a != NULL; a = a->next) {
		if (a->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)a->name, "answer") != 0)
			continue;
		v = text_of(a);
		t = content(child(a, "tolerance"));
		c = add_choice(q);
		c->fraction = fraction_of(a);
		c->feedback = feedback_of(a);
		if (!strcmp(v, "*")) {
			c->text = v;
			c->min = -HUGE_VAL;
			c->max = HUGE_VAL;
			free(t);
			continue;
		}
		value = strtod(v, &end);
		if (end == v || *end != '\0') {
			free(v);
			free(t);
			c->text = xstrdup("");
			return N_("an answer that is not a number");
		}
		tol = fabs(strtod(t, NULL));
		free(v);
		free(t);
		number(buf, sizeof buf, value);
		if (tol > 0) {
			number(tb, sizeof tb, tol);
			c->text = xmalloc(strlen(buf) + strlen(tb) + 2);
			sprintf(c->text, "%s:%s", buf, tb);
		} else
			c->text = xstrdup(buf);
		c->min = value - tol;
		c->max = value + tol;
	}
	if (q->nchoices == 0)
		return N_("no answer");
	/* "Any other answer" goes last, as GIFT writes it. */
	for (int k = 0; k + 1 < q->nchoices; k++)
		if (!strcmp(q->choices[k].text, "*")) {
			struct quiz_choice any = q->choices[k];

			memmove(&q->choices[k], &q->choices[k + 1],
			    (q->nchoices - k - 1) * sizeof *q->choices);
			q->choices[q->nchoices - 1] = any;
			break;
		}
	return NULL;
}

static const char *
read_matching(const xmlNode *qn, struct quiz_question *q)
{
	struct quiz_choice *c;
	xmlNode *s;
	int pairs = 0;

	q->type = QUIZ_MATCHING;
	for (s = qn->children; s != NULL; s = s->next) {
		if (s->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)s->name, "subquestion") != 0)
			continue;
		c = add_choice(q);
		c->text = field_text(s, 0, 1);
		c->match = text_of(child(s, "answer"));
		c->fraction = 1.0;
		pairs += c->text[0] != '\0';
		if (c->match[0] == '\0')
			return N_("a pair with nothing to match");
	}
	if (pairs < 2)
		return N_("fewer than two pairs");
	return NULL;
}

/* Moodle's ordering question (qtype_ordering): its items are answers
 * whose fraction is their place in the right order (1, 2, 3...).  They
 * become hocso's ordering question, graded hocso's one way (longest
 * ordered subset, whatever the grading type says). */
static const char *
read_ordering(const xmlNode *qn, struct quiz_question *q)
{
	struct quiz_choice *c, tmp;
	char a[256], b[256];
	int i, j;

	q->type = QUIZ_ORDERING;
	if (read_answers(qn, q) != NULL)
		return N_("an ordering item that cannot be read");
	for (i = 1; i < q->nchoices; i++)	/* by place, stable */
		for (j = i; j > 0 && q->choices[j - 1].fraction >
		    q->choices[j].fraction; j--) {
			tmp = q->choices[j];
			q->choices[j] = q->choices[j - 1];
			q->choices[j - 1] = tmp;
		}
	if (q->nchoices < GIFT_ORDER_MIN || q->nchoices > GIFT_ORDER_MAX)
		return N_("an ordering question needs 2 to 8 items");
	for (i = 0; i < q->nchoices; i++) {
		c = &q->choices[i];
		c->fraction = 1.0;
		free(c->feedback);
		c->feedback = NULL;
		for (j = 0; j < i; j++)
			if (!strcmp(grade_normalise(c->text, 0, a, sizeof a),
			    grade_normalise(q->choices[j].text, 0, b,
			    sizeof b)))
				return N_("the same ordering item twice");
	}
	return NULL;
}

/* gapselect and ddwtos: a sentence with one gap [[n]] becomes a missing
 * word question, choices the options of the gap's group. */
static const char *
read_gaps(const xmlNode *qn, const char *option, struct quiz_question *q)
{
	struct {
		char *text;
		int group;
	} opts[64];
	int nopts = 0, gap = 0, k, group;
	const char *p, *mark = NULL;
	char *text, *g;
	xmlNode *o;
	struct mbuf b = { 0 };

	for (p = q->text; (p = strstr(p, "[[")) != NULL; p += 2) {
		int n = atoi(p + 2);

		if (n <= 0 || strstr(p, "]]") == NULL)
			continue;
		if (mark != NULL)
			return N_("several gaps: a missing word question "
			    "has one");
		mark = p;
		gap = n;
	}
	if (mark == NULL)
		return N_("no gap [[1]] in its text");
	for (o = qn->children; o != NULL && nopts < 64; o = o->next) {
		if (o->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)o->name, option) != 0)
			continue;
		opts[nopts].text = text_of(o);
		g = content(child(o, "group"));
		opts[nopts++].group = atoi(g);
		free(g);
	}
	if (gap > nopts) {
		for (k = 0; k < nopts; k++)
			free(opts[k].text);
		return N_("its gap names an option that is not there");
	}
	q->type = QUIZ_CHOICE;
	group = opts[gap - 1].group;
	for (k = 0; k < nopts; k++) {
		if (opts[k].group == group) {
			struct quiz_choice *c = add_choice(q);

			c->text = html_text(opts[k].text, 1);
			c->fraction = k == gap - 1;
		}
		free(opts[k].text);
	}
	mbuf_add(&b, q->text, mark - q->text);
	mbuf_puts(&b, "_____");
	mbuf_puts(&b, strstr(mark, "]]") + 2);
	text = q->text;
	q->text = b.s;
	free(text);
	if (q->nchoices < 2)
		return N_("its gap has only one option");
	return NULL;
}

/* Moodle's types that have no hocso question, and why. */
static const struct {
	const char *type, *why;
} unmapped[] = {
	{ "calculated", N_("a calculated question: hocso has no formulas") },
	{ "calculatedsimple", N_("a calculated question: hocso has no "
	    "formulas") },
	{ "calculatedmulti", N_("a calculated question: hocso has no "
	    "formulas") },
	{ "multianswer", N_("a cloze (embedded answers) question: several "
	    "questions in one text") },
	{ "random", N_("a random pick from a category, not a question") },
	{ "randomsamatch", N_("a random short-answer matching: drawn from "
	    "other questions") },
	{ "ddimageortext", N_("drag and drop onto an image") },
	{ "ddmarker", N_("drag and drop markers onto an image") },
};

static void
read_tags(const xmlNode *qn, struct quiz_question *q)
{
	xmlNode *t;
	char *s;

	t = child(qn, "tags");
	for (t = t != NULL ? t->children : NULL; t != NULL; t = t->next) {
		if (t->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)t->name, "tag") != 0)
			continue;
		s = text_of(t);
		if (s[0] == '\0') {
			free(s);
			continue;
		}
		q->tags = xrealloc(q->tags, (q->ntags + 1) * sizeof *q->tags);
		q->tags[q->ntags++] = s;
	}
}

static void
question_clear(struct quiz_question *q)
{
	struct quiz_bank one = { q, 1 };
	struct quiz_question *copy = xmalloc(sizeof *copy);

	*copy = *q;
	one.questions = copy;
	quiz_bank_free(&one);
	memset(q, 0, sizeof *q);
}

/* Reads one <question>; returns NULL with *q filled, or why not. */
static const char *
read_question(const xmlNode *qn, const char *type, const char *category,
    struct quiz_question *q)
{
	xmlNode *qt = child(qn, "questiontext"), *gf;
	const char *why;
	char *s;
	size_t k;

	for (k = 0; k < sizeof unmapped / sizeof *unmapped; k++)
		if (!strcmp(type, unmapped[k].type))
			return unmapped[k].why;
	memset(q, 0, sizeof *q);
	q->line = (int)xmlGetLineNo(qn);
	s = text_of(child(qn, "name"));
	q->title = s[0] != '\0' ? s : (free(s), NULL);
	s = content(child(qn, "idnumber"));
	q->idnumber = s[0] != '\0' ? s : (free(s), NULL);
	q->category = category != NULL ? xstrdup(category) : NULL;
	read_tags(qn, q);
	q->format = format_of(qt);
	q->text = field_text(qt, 1, 0);
	gf = child(qn, "generalfeedback");
	s = field_text(gf, q->format == 3, 0);
	q->general_feedback = s[0] != '\0' ? s : (free(s), NULL);
	if (!strcmp(type, "multichoice"))
		why = read_multichoice(qn, q);
	else if (!strcmp(type, "truefalse"))
		why = read_truefalse(qn, q);
	else if (!strcmp(type, "shortanswer"))
		why = read_shortanswer(qn, q);
	else if (!strcmp(type, "numerical"))
		why = read_numerical(qn, q);
	else if (!strcmp(type, "match"))
		why = read_matching(qn, q);
	else if (!strcmp(type, "ordering"))
		why = read_ordering(qn, q);
	else if (!strcmp(type, "essay")) {
		q->type = QUIZ_ESSAY;
		why = NULL;
	} else if (!strcmp(type, "description")) {
		q->type = QUIZ_DESCRIPTION;
		why = NULL;
	} else if (!strcmp(type, "gapselect"))
		why = read_gaps(qn, "selectoption", q);
	else if (!strcmp(type, "ddwtos"))
		why = read_gaps(qn, "dragbox", q);
	else
		why = N_("a type hocso does not have");
	if (why == NULL && q->text[0] == '\0')
		why = N_("no question text");
	if (why != NULL)
		question_clear(q);
	return why;
}

int
moodle_xml_read(const char *buf, size_t len, const char *file,
    struct quiz_bank *bank, moodle_skip_fn skip, void *ctx,
    struct hs_error *err)
{
	struct quiz_bank got = { 0 };
	const xmlError *xe;
	xmlDoc *doc;
	xmlNode *root, *qn;
	xmlChar *type;
	char *category = NULL, *name;
	const char *why;
	int cap = 0;

	xmlResetLastError();
	doc = xmlReadMemory(buf, (int)len, file, NULL, XML_PARSE_NONET |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc == NULL) {
		char msg[256] = "unreadable";
		size_t n;

		xe = xmlGetLastError();
		if (xe != NULL && xe->message != NULL) {
			snprintf(msg, sizeof msg, "%s", xe->message);
			n = strcspn(msg, "\n");
			msg[n] = '\0';
		}
		return hs_error_set_at(err, HS_EINVAL, file, xe != NULL ?
		    xe->line : 0, 0, _("not a Moodle XML question bank: "
		    "not XML (%s)"), msg);
	}
	root = xmlDocGetRootElement(doc);
	if (root == NULL || strcmp((const char *)root->name, "quiz") != 0) {
		hs_error_set(err, HS_EINVAL, _("%s: not a Moodle XML question "
		    "bank: its root element is <%s>, not <quiz>"), file,
		    root != NULL ? (const char *)root->name : "");
		xmlFreeDoc(doc);
		return HS_EINVAL;
	}
	for (qn = root->children; qn != NULL; qn = qn->next) {
		if (qn->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)qn->name, "question") != 0)
			continue;
		type = xmlGetProp(qn, (const xmlChar *)"type");
		if (type == NULL)
			type = xmlStrdup((const xmlChar *)"");
		if (!strcmp((const char *)type, "category")) {
			free(category);
			category = text_of(child(qn, "category"));
			if (category[0] == '\0') {
				free(category);
				category = NULL;
			}
			xmlFree(type);
			continue;
		}
		if (got.n == cap) {
			cap = cap != 0 ? cap * 2 : 16;
			got.questions = xrealloc(got.questions, cap *
			    sizeof *got.questions);
		}
		why = read_question(qn, (const char *)type, category,
		    &got.questions[got.n]);
		if (why == NULL) {
			struct quiz_question *q = &got.questions[got.n++];

			if (q->idnumber != NULL || q->title != NULL)
				q->id = xstrdup(q->idnumber != NULL ?
				    q->idnumber : q->title);
			else {
				q->id = xmalloc(16);
				snprintf(q->id, 16, "q%d", bank->n + got.n);
			}
		} else if (skip != NULL) {
			name = text_of(child(qn, "name"));
			skip((int)xmlGetLineNo(qn), name, (const char *)type,
			    _(why), ctx);
			free(name);
		}
		xmlFree(type);
	}
	free(category);
	xmlFreeDoc(doc);
	quiz_bank_append(bank, &got);
	free(got.questions);
	return 0;
}

/* ---- Writing GIFT ---- */

/* s with GIFT's special characters escaped as Moodle's exporter escapes
 * them, and line breaks as \n. */
static void
gift_escaped(struct mbuf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if (strchr("~=#{}:\\", *s) != NULL) {
			mbuf_add(b, "\\", 1);
			mbuf_add(b, s, 1);
		} else if (*s == '\n')
			mbuf_puts(b, "\\n");
		else if (*s != '\r')
			mbuf_add(b, s, 1);
	}
}

/* A weight as GIFT writes it, "%50%", or "" for full marks. */
static void
gift_weight(struct mbuf *b, double f)
{
	char n[32];
	size_t l;

	snprintf(n, sizeof n, "%.5f", f * 100);
	for (l = strlen(n); n[l - 1] == '0'; l--)
		n[l - 1] = '\0';
	if (n[l - 1] == '.')
		n[l - 1] = '\0';
	mbuf_printf(b, "%%%s%%", n);
}

static int
is_full(double f)
{
	return fabs(f - 1) < 1e-6;
}

static void
gift_feedback(struct mbuf *b, const char *fb)
{
	if (fb != NULL) {
		mbuf_add(b, "#", 1);
		gift_escaped(b, fb);
	}
}

static void
gift_block(struct mbuf *b, const struct quiz_question *q)
{
	const struct quiz_choice *c;
	int k, truth;

	mbuf_add(b, "{", 1);
	switch (q->type) {
	case QUIZ_TRUEFALSE:
		truth = q->choices[0].fraction > q->choices[1].fraction;
		mbuf_puts(b, truth ? "TRUE" : "FALSE");
		if (q->choices[0].feedback != NULL ||
		    q->choices[1].feedback != NULL) {
			const char *wrong = q->choices[truth].feedback;
			const char *right = q->choices[!truth].feedback;

			mbuf_add(b, "#", 1);
			gift_escaped(b, wrong != NULL ? wrong : "");
			if (right != NULL)
				gift_feedback(b, right);
		}
		break;
	case QUIZ_NUMERICAL:
		mbuf_add(b, "#", 1);
		if (q->nchoices == 1 && is_full(q->choices[0].fraction) &&
		    strcmp(q->choices[0].text, "*") != 0) {
			mbuf_puts(b, q->choices[0].text);
			gift_feedback(b, q->choices[0].feedback);
			break;
		}
		for (k = 0; k < q->nchoices; k++) {
			c = &q->choices[k];
			mbuf_puts(b, "\n\t");
			if (!strcmp(c->text, "*")) {
				mbuf_add(b, "~", 1);
				gift_feedback(b, c->feedback);
				continue;
			}
			mbuf_add(b, "=", 1);
			gift_weight(b, c->fraction);
			mbuf_puts(b, c->text);
			gift_feedback(b, c->feedback);
		}
		mbuf_add(b, "\n", 1);
		break;
	case QUIZ_MATCHING:
		for (k = 0; k < q->nchoices; k++) {
			c = &q->choices[k];
			mbuf_puts(b, "\n\t=");
			gift_escaped(b, c->text);
			mbuf_puts(b, " -> ");
			gift_escaped(b, c->match);
		}
		mbuf_add(b, "\n", 1);
		break;
	case QUIZ_CHOICE:
	case QUIZ_MULTI:
	case QUIZ_SHORT:
		for (k = 0; k < q->nchoices; k++) {
			c = &q->choices[k];
			mbuf_puts(b, "\n\t");
			if (q->type == QUIZ_SHORT) {
				mbuf_add(b, "=", 1);
				if (!is_full(c->fraction) || c->text[0] == '%')
					gift_weight(b, c->fraction);
			} else if (q->type == QUIZ_CHOICE &&
			    is_full(c->fraction))
				mbuf_add(b, "=", 1);
			else {
				mbuf_add(b, "~", 1);
				if (c->fraction != 0 || c->text[0] == '%')
					gift_weight(b, c->fraction);
			}
			gift_escaped(b, c->text);
			gift_feedback(b, c->feedback);
		}
		mbuf_add(b, "\n", 1);
		break;
	case QUIZ_ORDERING:	/* hocso's own: see docs/quiz-format.md */
		for (k = 0; k < q->nchoices; k++) {
			mbuf_puts(b, "\n\t>> ");
			gift_escaped(b, q->choices[k].text);
		}
		mbuf_add(b, "\n", 1);
		break;
	case QUIZ_ESSAY:
	case QUIZ_DESCRIPTION:
		break;
	}
	if (q->general_feedback != NULL) {
		if (q->nchoices > 0 && b->s[b->n - 1] != '\n')
			mbuf_add(b, "\n", 1);
		mbuf_puts(b, q->nchoices > 0 ? "\t####" : "####");
		gift_escaped(b, q->general_feedback);
		if (q->nchoices > 0)
			mbuf_add(b, "\n", 1);
	}
	mbuf_add(b, "}", 1);
}

/* The text of a comment tag, "]" escaped. */
static void
gift_tag(struct mbuf *b, const char *name, const char *value)
{
	struct mbuf e = { 0 };
	const char *p;

	mbuf_puts(&e, "");
	gift_escaped(&e, value);
	mbuf_printf(b, " [%s:", name);
	for (p = e.s; *p != '\0'; p++) {
		if (*p == ']')
			mbuf_add(b, "\\", 1);
		mbuf_add(b, p, 1);
	}
	mbuf_add(b, "]", 1);
	free(e.s);
}

char *
moodle_gift_write(const struct quiz_bank *bank)
{
	static const char *const markers[] =
	    { "", "[markdown]", "[plain]", "[html]", "[moodle]" };
	const struct quiz_question *q;
	const char *category = NULL, *gap;
	struct mbuf b = { 0 };
	int i, k;

	mbuf_puts(&b, "");
	for (i = 0; i < bank->n; i++) {
		q = &bank->questions[i];
		if (q->category != NULL && (category == NULL ||
		    strcmp(category, q->category) != 0)) {
			mbuf_printf(&b, "// question: 0  name: Switch "
			    "category to %s\n$CATEGORY: %s\n\n", q->category,
			    q->category);
			category = q->category;
		}
		mbuf_printf(&b, "// question: %d  name: ", i + 1);
		gift_escaped(&b, q->title != NULL ? q->title : q->id);
		mbuf_add(&b, "\n", 1);
		if (q->idnumber != NULL || q->ntags > 0) {
			mbuf_puts(&b, "//");
			if (q->idnumber != NULL)
				gift_tag(&b, "id", q->idnumber);
			for (k = 0; k < q->ntags; k++)
				gift_tag(&b, "tag", q->tags[k]);
			mbuf_add(&b, "\n", 1);
		}
		if (q->title != NULL) {
			mbuf_puts(&b, "::");
			gift_escaped(&b, q->title);
			mbuf_puts(&b, "::");
		}
		mbuf_puts(&b, markers[q->format >= 0 && q->format <= 4 ?
		    q->format : 0]);
		gap = q->type != QUIZ_DESCRIPTION ? strstr(q->text, "_____") :
		    NULL;
		if (gap != NULL) {
			char *before = xstrndup(q->text, gap - q->text);

			gift_escaped(&b, before);
			free(before);
			gift_block(&b, q);
			gift_escaped(&b, gap + 5);
		} else {
			gift_escaped(&b, q->text);
			if (q->type != QUIZ_DESCRIPTION)
				gift_block(&b, q);
		}
		mbuf_puts(&b, "\n\n");
	}
	return b.s;
}

/* ---- Writing Moodle XML ---- */

static void
xml_escaped(struct mbuf *b, const char *s)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '&': mbuf_puts(b, "&amp;"); break;
		case '<': mbuf_puts(b, "&lt;"); break;
		case '>': mbuf_puts(b, "&gt;"); break;
		case '"': mbuf_puts(b, "&quot;"); break;
		default: mbuf_add(b, s, 1);
		}
}

/* <tag format="..."><text>s</text></tag> */
static void
xml_text(struct mbuf *b, const char *indent, const char *tag, int format,
    const char *s)
{
	static const char *const formats[] = { "moodle_auto_format",
	    "markdown", "plain_text", "html", "moodle_auto_format" };

	mbuf_printf(b, "%s<%s format=\"%s\"><text>", indent, tag,
	    formats[format >= 0 && format <= 4 ? format : 0]);
	xml_escaped(b, s != NULL ? s : "");
	mbuf_printf(b, "</text></%s>\n", tag);
}

static void
xml_answer(struct mbuf *b, const struct quiz_choice *c, const char *text,
    const char *extra)
{
	char w[32];
	size_t l;

	snprintf(w, sizeof w, "%.5f", c->fraction * 100);
	for (l = strlen(w); w[l - 1] == '0'; l--)
		w[l - 1] = '\0';
	if (w[l - 1] == '.')
		w[l - 1] = '\0';
	mbuf_printf(b, "    <answer fraction=\"%s\" format=\"plain_text\">"
	    "\n      <text>", w);
	xml_escaped(b, text);
	mbuf_puts(b, "</text>\n");
	if (extra != NULL)
		mbuf_puts(b, extra);
	if (c->feedback != NULL)
		xml_text(b, "      ", "feedback", 2, c->feedback);
	mbuf_puts(b, "    </answer>\n");
}

char *
moodle_xml_write(const struct quiz_bank *bank)
{
	static const char *const types[] = { "multichoice", "multichoice",
	    "truefalse", "shortanswer", "match", "numerical", "essay",
	    "description", "ordering" };
	const struct quiz_question *q;
	const struct quiz_choice *c;
	const char *category = NULL;
	struct mbuf b = { 0 };
	char extra[128], v[64], t[64];
	int i, k;

	mbuf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n");
	for (i = 0; i < bank->n; i++) {
		q = &bank->questions[i];
		if (q->category != NULL && (category == NULL ||
		    strcmp(category, q->category) != 0)) {
			mbuf_puts(&b, "  <question type=\"category\">\n"
			    "    <category><text>");
			xml_escaped(&b, q->category);
			mbuf_puts(&b, "</text></category>\n  </question>\n");
			category = q->category;
		}
		mbuf_printf(&b, "  <question type=\"%s\">\n    <name><text>",
		    types[q->type]);
		xml_escaped(&b, q->title != NULL ? q->title : q->id);
		mbuf_puts(&b, "</text></name>\n");
		xml_text(&b, "    ", "questiontext", q->format, q->text);
		xml_text(&b, "    ", "generalfeedback", q->format,
		    q->general_feedback);
		mbuf_puts(&b, "    <defaultgrade>1.0000000</defaultgrade>\n"
		    "    <penalty>0.3333333</penalty>\n"
		    "    <hidden>0</hidden>\n    <idnumber>");
		xml_escaped(&b, q->idnumber != NULL ? q->idnumber : "");
		mbuf_puts(&b, "</idnumber>\n");
		if (q->type == QUIZ_CHOICE || q->type == QUIZ_MULTI)
			mbuf_printf(&b, "    <single>%s</single>\n"
			    "    <shuffleanswers>true</shuffleanswers>\n"
			    "    <answernumbering>abc</answernumbering>\n",
			    q->type == QUIZ_CHOICE ? "true" : "false");
		if (q->type == QUIZ_ORDERING)
			mbuf_puts(&b, "    <layouttype>VERTICAL</layouttype>\n"
			    "    <selecttype>ALL</selecttype>\n"
			    "    <selectcount>0</selectcount>\n"
			    "    <gradingtype>LONGEST_ORDERED_SUBSET"
			    "</gradingtype>\n");
		if (q->type == QUIZ_SHORT)
			mbuf_puts(&b, "    <usecase>0</usecase>\n");
		if (q->type == QUIZ_ESSAY)
			mbuf_puts(&b, "    <responseformat>editor"
			    "</responseformat>\n    <responserequired>1"
			    "</responserequired>\n    <responsefieldlines>10"
			    "</responsefieldlines>\n");
		for (k = 0; k < q->nchoices; k++) {
			c = &q->choices[k];
			if (q->type == QUIZ_MATCHING) {
				mbuf_puts(&b, "    <subquestion format="
				    "\"plain_text\"><text>");
				xml_escaped(&b, c->text);
				mbuf_puts(&b, "</text>\n      <answer><text>");
				xml_escaped(&b, c->match);
				mbuf_puts(&b, "</text></answer>\n"
				    "    </subquestion>\n");
			} else if (q->type == QUIZ_ORDERING) {
				/* Moodle keeps an item's place in its
				 * fraction: 1, 2, 3... */
				mbuf_printf(&b, "    <answer fraction=\"%d\" "
				    "format=\"plain_text\">\n      <text>",
				    k + 1);
				xml_escaped(&b, c->text);
				mbuf_puts(&b, "</text>\n    </answer>\n");
			} else if (q->type == QUIZ_NUMERICAL) {
				if (!strcmp(c->text, "*")) {
					xml_answer(&b, c, "*", "      "
					    "<tolerance>0</tolerance>\n");
					continue;
				}
				number(v, sizeof v, (c->min + c->max) / 2);
				number(t, sizeof t, (c->max - c->min) / 2);
				snprintf(extra, sizeof extra, "      "
				    "<tolerance>%s</tolerance>\n", t);
				xml_answer(&b, c, v, extra);
			} else
				xml_answer(&b, c, c->text, NULL);
		}
		if (q->ntags > 0) {
			mbuf_puts(&b, "    <tags>\n");
			for (k = 0; k < q->ntags; k++) {
				mbuf_puts(&b, "      <tag><text>");
				xml_escaped(&b, q->tags[k]);
				mbuf_puts(&b, "</text></tag>\n");
			}
			mbuf_puts(&b, "    </tags>\n");
		}
		mbuf_puts(&b, "  </question>\n");
	}
	mbuf_puts(&b, "</quiz>\n");
	return b.s;
}

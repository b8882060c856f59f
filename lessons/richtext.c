/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * richtext.c: question texts in their author's format as terminal text
 * (see richtext.h).  HTML is parsed by libxml2's HTML parser, forgiving
 * as a browser is, and its tree walked into Markdown: paragraphs, line
 * breaks, bold and italic, lists, images as their alt text; everything
 * literal escaped.  The Markdown is then read and laid out by lesson.c and
 * layout.c, as a lesson is.  Never draws, never links libxml2 itself.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "core/i18n.h"
#include "core/util.h"
#include "lessons/richtext.h"

#define RICHTEXT_MAX_DEPTH 8	/* list nesting kept; deeper is flattened */

static int fell_back;		/* HTML shown without libxml2 */
static int noted;		/* and richtext_note() said so */

/* Markdown (or plain words) being written. */
struct md {
	char *s;
	size_t len, cap;
	int plain;		/* no marks, no escapes, blocks as spaces */
	int space;		/* a space is due before the next text */
	int bold, emph;		/* inside <strong>, <em> */
	int depth;		/* list nesting */
	int indent[RICHTEXT_MAX_DEPTH + 1];	/* content column per depth */
	int number[RICHTEXT_MAX_DEPTH + 1];	/* next number, 0 for bullets */
};

static void
md_put(struct md *m, const char *s, size_t n)
{
	if (m->len + n + 1 > m->cap) {
		m->cap = (m->len + n + 1) * 2;
		m->s = xrealloc(m->s, m->cap);
	}
	memcpy(m->s + m->len, s, n);
	m->len += n;
	m->s[m->len] = '\0';
}

static void
md_puts(struct md *m, const char *s)
{
	md_put(m, s, strlen(s));
}

static int
md_at_line_start(const struct md *m)
{
	return m->len == 0 || m->s[m->len - 1] == '\n' ||
	    m->s[m->len - 1] == ' ';
}

/* Drops the spaces at the end of what is written. */
static void
md_trim(struct md *m)
{
	while (m->len > 0 && m->s[m->len - 1] == ' ')
		m->s[--m->len] = '\0';
}

/* Drops a line break (and spaces, new lines) at the end of what is
 * written: a "\\" ending a paragraph would show. */
static void
md_trim_break(struct md *m)
{
	size_t k;

	for (;;) {
		while (m->len > 0 && (m->s[m->len - 1] == ' ' ||
		    m->s[m->len - 1] == '\n'))
			m->s[--m->len] = '\0';
		for (k = 0; k < m->len && m->s[m->len - 1 - k] == '\\'; k++)
			;
		if (k % 2 == 0)
			return;
		m->s[--m->len] = '\0';	/* a break, not an escaped "\\" */
	}
}

/* A new line, indented to the content of the list item it is in. */
static void
md_newline(struct md *m)
{
	int i;

	md_trim(m);
	md_puts(m, "\n");
	for (i = 0; i < m->indent[m->depth]; i++)
		md_puts(m, " ");
	m->space = 0;
}

/* The end of a block: a blank line (a new line inside a list). */
static void
md_block(struct md *m)
{
	if (m->plain) {
		m->space = m->len > 0;
		return;
	}
	md_trim_break(m);
	if (m->len == 0)
		return;
	if (m->depth > 0) {
		if (m->s[m->len - 1] != '\n')
			md_newline(m);
		m->space = 0;
		return;
	}
	if (m->s[m->len - 1] != '\n')
		md_puts(m, "\n");
	if (m->len < 2 || m->s[m->len - 2] != '\n')
		md_puts(m, "\n");
	m->space = 0;
}

/* Literal text: white space collapsed (as HTML does), every ASCII
 * punctuation character escaped. */
static void
md_text(struct md *m, const char *t)
{
	char esc[2] = { '\\', 0 };

	for (; *t != '\0'; t++) {
		if (*t == ' ' || *t == '\n' || *t == '\t' || *t == '\r') {
			m->space = 1;
			continue;
		}
		if (m->space && !md_at_line_start(m))
			md_puts(m, " ");
		m->space = 0;
		if (!m->plain && ispunct((unsigned char)*t)) {
			esc[1] = *t;
			md_put(m, esc, 2);
		} else
			md_put(m, t, 1);
	}
}

static const char *
attr(xmlNode *n, const char *name)
{
	xmlAttr *a;

	for (a = n->properties; a != NULL; a = a->next)
		if (!strcasecmp((const char *)a->name, name) &&
		    a->children != NULL && a->children->content != NULL)
			return (const char *)a->children->content;
	return NULL;
}

static int
is(xmlNode *n, const char *const *names)
{
	for (; *names != NULL; names++)
		if (!strcasecmp((const char *)n->name, *names))
			return 1;
	return 0;
}

static void md_children(struct md *m, xmlNode *n);

/* Whether n's text starts with white space. */
static int
starts_with_space(xmlNode *n)
{
	while (n != NULL && n->type != XML_TEXT_NODE)
		n = n->children;
	return n != NULL && n->content != NULL &&
	    strchr(" \t\r\n", n->content[0]) != NULL && n->content[0] != '\0';
}

/* <strong>, <em>: the words between marks, their spaces outside, so that
 * CommonMark sees the marks hug the words. */
static void
md_span(struct md *m, xmlNode *n, const char *mark, int *inside)
{
	struct md sub = *m;
	size_t a, b;

	if (m->plain || *inside) {
		md_children(m, n);
		return;
	}
	sub.s = NULL;
	sub.len = sub.cap = 0;
	sub.space = 0;
	(*inside)++;
	sub.bold = m->bold, sub.emph = m->emph;
	if (mark[1] == '*')
		sub.bold++;
	else
		sub.emph++;
	md_children(&sub, n);
	(*inside)--;
	if (sub.len == 0) {
		m->space |= sub.space;
		free(sub.s);
		return;
	}
	for (a = 0; a < sub.len && sub.s[a] == ' '; a++)
		;
	for (b = sub.len; b > a && (sub.s[b - 1] == ' ' || sub.s[b - 1] == '\n'); b--)
		;
	if ((a > 0 || m->space || starts_with_space(n)) &&
	    !md_at_line_start(m))
		md_puts(m, " ");
	m->space = 0;
	if (b > a) {
		md_puts(m, mark);
		md_put(m, sub.s + a, b - a);
		md_puts(m, mark);
	}
	m->space = b < sub.len || sub.space;
	free(sub.s);
}

static void
md_list(struct md *m, xmlNode *n, int ordered)
{
	xmlNode *c;
	char marker[16];
	int d;

	md_block(m);
	if (m->plain || m->depth == RICHTEXT_MAX_DEPTH) {
		for (c = n->children; c != NULL; c = c->next) {
			md_children(m, c);
			md_block(m);
		}
		return;
	}
	d = ++m->depth;
	m->number[d] = ordered ? 1 : 0;
	for (c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE ||
		    strcasecmp((const char *)c->name, "li"))
			continue;
		m->indent[d] = m->indent[d - 1];
		md_trim(m);
		if (m->len > 0 && m->s[m->len - 1] != '\n')
			md_puts(m, "\n");
		for (int k = 0; k < m->indent[d]; k++)
			md_puts(m, " ");
		if (ordered)
			snprintf(marker, sizeof marker, "%d. ", m->number[d]++);
		else
			snprintf(marker, sizeof marker, "- ");
		md_puts(m, marker);
		m->indent[d] += (int)strlen(marker);
		m->space = 0;
		md_children(m, c);
		md_trim(m);
	}
	m->depth--;
	md_trim(m);
	if (m->len > 0 && m->s[m->len - 1] != '\n')
		md_puts(m, "\n");
	if (m->depth == 0)
		md_puts(m, "\n");
	else
		md_newline(m);
	m->space = 0;
}

static void
md_node(struct md *m, xmlNode *n)
{
	static const char *const skip[] = { "script", "style", "head",
		"title", "template", NULL };
	static const char *const blocks[] = { "p", "div", "blockquote",
		"table", "tr", "hr", "pre", "section", "article", "figure",
		"dl", "dt", "dd", "center", "address", NULL };
	static const char *const heads[] = { "h1", "h2", "h3", "h4", "h5",
		"h6", NULL };
	static const char *const bolds[] = { "strong", "b", NULL };
	static const char *const emphs[] = { "em", "i", "u", "cite", NULL };
	const char *alt;

	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (n->content != NULL)
			md_text(m, (const char *)n->content);
		return;
	}
	if (n->type != XML_ELEMENT_NODE) {
		md_children(m, n);
		return;
	}
	if (is(n, skip))
		return;
	if (!strcasecmp((const char *)n->name, "br")) {
		if (m->plain)
			m->space = 1;
		else {
			md_trim(m);
			md_puts(m, "\\");
			md_newline(m);
		}
	} else if (!strcasecmp((const char *)n->name, "img")) {
		if ((alt = attr(n, "alt")) != NULL && alt[0] != '\0') {
			md_text(m, "[");
			md_text(m, alt);
			md_text(m, "]");
		}
	} else if (!strcasecmp((const char *)n->name, "ul"))
		md_list(m, n, 0);
	else if (!strcasecmp((const char *)n->name, "ol"))
		md_list(m, n, 1);
	else if (is(n, bolds))
		md_span(m, n, "**", &m->bold);
	else if (is(n, emphs))
		md_span(m, n, "*", &m->emph);
	else if (is(n, heads)) {
		md_block(m);
		md_span(m, n, "**", &m->bold);
		md_block(m);
	} else if (is(n, blocks)) {
		md_block(m);
		md_children(m, n);
		md_block(m);
	} else if (!strcasecmp((const char *)n->name, "td") ||
	    !strcasecmp((const char *)n->name, "th")) {
		md_children(m, n);
		m->space = 1;
	} else
		md_children(m, n);
}

static void
md_children(struct md *m, xmlNode *n)
{
	xmlNode *c;

	for (c = n->children; c != NULL; c = c->next)
		md_node(m, c);
}

/* Without libxml2: tags dropped (<br>, <p>, <li> as breaks), the common
 * entities decoded; the rest as md_text() writes it. */
static void
md_fallback(struct md *m, const char *html)
{
	static const struct { const char *name, *text; } ent[] = {
		{ "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" },
		{ "&quot;", "\"" }, { "&#39;", "'" }, { "&apos;", "'" },
		{ "&nbsp;", " " },
	};
	char one[2] = { 0 };
	const char *p = html, *e;
	size_t i;

	while (*p != '\0') {
		if (*p == '<' && (e = strchr(p, '>')) != NULL) {
			if (m->plain && (!strncasecmp(p, "<br", 3) ||
			    !strncasecmp(p, "<li", 3)))
				m->space = 1;
			else if (!strncasecmp(p, "<br", 3)) {
				md_trim(m);
				md_puts(m, "\\");	/* a hard break */
				md_newline(m);
			} else if (!strncasecmp(p, "<li", 3))
				md_block(m);
			else if (!strncasecmp(p, "<p", 2) ||
			    !strncasecmp(p, "</p", 3))
				md_block(m);
			p = e + 1;
			continue;
		}
		for (i = 0; *p == '&' && i < sizeof ent / sizeof *ent; i++)
			if (!strncmp(p, ent[i].name, strlen(ent[i].name)))
				break;
		if (*p == '&' && i < sizeof ent / sizeof *ent) {
			md_text(m, ent[i].text);
			p += strlen(ent[i].name);
			continue;
		}
		one[0] = *p++;
		md_text(m, one);
	}
}

/* HTML (or Moodle's auto-format: newlines are line breaks) into m. */
static void
md_html(struct md *m, const char *text, int moodle)
{
	const struct richtext_xml *xml = richtext_xml();
	char *html = NULL;
	const char *p;
	xmlDoc *doc;

	if (moodle) {
		struct md h = { 0 };

		for (p = text; *p != '\0'; p++)
			if (*p == '\n')
				md_puts(&h, "<br>\n");
			else
				md_put(&h, p, 1);
		html = h.s != NULL ? h.s : xstrdup("");
		text = html;
	}
	if (xml == NULL) {
		fell_back = 1;
		md_fallback(m, text);
		free(html);
		return;
	}
	doc = xml->read_memory(text, (int)strlen(text), NULL, "UTF-8",
	    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	    HTML_PARSE_NONET | HTML_PARSE_NOIMPLIED);
	if (doc == NULL) {
		md_fallback(m, text);
	} else {
		md_children(m, (xmlNode *)doc);
		xml->free_doc(doc);
	}
	free(html);
}

static char *
md_done(struct md *m)
{
	if (m->plain) {
		size_t a = 0;

		md_trim(m);
		while (a < m->len && (m->s[a] == ' ' || m->s[a] == '\n'))
			a++;
		if (a > 0)
			memmove(m->s, m->s + a, m->len - a + 1);
	} else
		md_trim_break(m);
	return m->s != NULL ? m->s : xstrdup("");
}

char *
richtext_markdown(const char *text, int format)
{
	struct md m = { 0 };

	switch (format) {
	case RICHTEXT_MARKDOWN:
		return xstrdup(text);
	case RICHTEXT_HTML:
	case RICHTEXT_MOODLE:
		md_html(&m, text, format == RICHTEXT_MOODLE);
		return md_done(&m);
	default:
		md_text(&m, text);
		return md_done(&m);
	}
}

char *
richtext_plain(const char *text, int format)
{
	struct md m = { 0 };

	m.plain = 1;
	if (format == RICHTEXT_HTML || format == RICHTEXT_MOODLE)
		md_html(&m, text, format == RICHTEXT_MOODLE);
	else
		return xstrdup(text);	/* as written (Markdown too) */
	return md_done(&m);
}

void
richtext_layout(const char *text, int format, unsigned style, int width,
    int hang, struct lesson_page *page)
{
	struct lesson *l = NULL;
	struct lesson_page tmp;
	struct hs_error err;
	char *md;
	int s, i, r, last;

	if (format != RICHTEXT_MARKDOWN && format != RICHTEXT_HTML &&
	    format != RICHTEXT_MOODLE) {
		lesson_layout_text(text, strlen(text), style, width, hang, page);
		return;
	}
	md = richtext_markdown(text, format);
	if (md[0] == '\0' ||
	    lesson_parse(md, strlen(md), "text", &l, &err) != 0) {
		free(md);
		lesson_layout_text(text, strlen(text), style, width, hang, page);
		return;
	}
	free(md);
	for (s = 0; s < l->nscreens; s++) {
		lesson_layout(&l->screens[s], width, &tmp);
		for (last = tmp.nlines; last > 0 &&
		    tmp.lines[last - 1].nruns == 0 &&
		    tmp.lines[last - 1].frame == LESSON_FRAME_NONE; last--)
			free(tmp.lines[last - 1].runs);
		if (s > 0 && last > 0) {	/* a blank line between */
			page->lines = xrealloc(page->lines,
			    (page->nlines + 1) * sizeof *page->lines);
			memset(&page->lines[page->nlines], 0,
			    sizeof *page->lines);
			page->lines[page->nlines].choice = -1;
			page->nlines++;
		}
		page->lines = xrealloc(page->lines,
		    (page->nlines + last + 1) * sizeof *page->lines);
		for (i = 0; i < last; i++) {
			for (r = 0; r < tmp.lines[i].nruns; r++)
				tmp.lines[i].runs[r].style |= style;
			page->lines[page->nlines++] = tmp.lines[i];
		}
		free(tmp.lines);
	}
	page->owned = xrealloc(page->owned,
	    (page->nowned + 1) * sizeof *page->owned);
	page->owned[page->nowned++] = l;
}

const char *
richtext_note(void)
{
	if (!fell_back || noted)
		return NULL;
	noted = 1;
	return _("HTML is shown as plain text here: libxml2 was not found.");
}

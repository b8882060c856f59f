/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * richtext.h: a question's text (or an answer's, or a feedback's) in the
 * format its author gave, laid out as terminal text.  Markdown goes
 * through the lessons' own cmark reader and layout; HTML and Moodle's
 * auto-format are read with libxml2's HTML parser and turned into
 * Markdown first, every literal ASCII punctuation character
 * backslash-escaped so that text never becomes markup by accident; plain
 * text and text with no format are shown as written.
 *
 * libxml2 is never linked into a dynamic program: it is reached with
 * dlopen() the first time an HTML text is shown (it pulls in ICU and
 * libstdc++, which would slow every start).  The wholly static hocso
 * cannot dlopen, so it links libxml2's archive instead (richtext-static.c),
 * without ICU where richtext-noicu.c can stand in for ICU's converters,
 * and the table richtext_xml() hands out comes from there.  When neither
 * works, tags are stripped and the common entities decoded, and
 * richtext_note() says so once.
 */
#ifndef HOCSO_RICHTEXT_H
#define HOCSO_RICHTEXT_H

#include "lessons/lesson.h"

enum richtext_format {
	RICHTEXT_NONE = 0,
	RICHTEXT_MARKDOWN = 1,
	RICHTEXT_PLAIN = 2,
	RICHTEXT_HTML = 3,
	RICHTEXT_MOODLE = 4,
};

/* The few libxml2 functions used, as pointers (the types are libxml2's,
 * kept opaque here so that callers need not its headers). */
struct richtext_xml {
	void *(*read_memory)(const char *buf, int size, const char *url,
	    const char *encoding, int options);	/* htmlReadMemory */
	void (*free_doc)(void *doc);			/* xmlFreeDoc */
};

/* The libxml2 functions, loaded on first use; NULL when libxml2 cannot be
 * reached.  Defined in richtext-dl.c (dlopen) or richtext-static.c. */
const struct richtext_xml *richtext_xml(void);

/* text (in format, a q->format value) as Markdown, a new string: HTML
 * turned into Markdown, plain text escaped, Markdown as it is. */
char *richtext_markdown(const char *text, int format);

/* text as one line of plain words with no markup (tags, entities and
 * Markdown marks gone), a new string: for a review or a message. */
char *richtext_plain(const char *text, int format);

/* Lays text (in format) out at width and appends its lines to page, every
 * run's style OR-ed with style; a paragraph's later lines hang by hang
 * columns for text with no format or plain.  The page keeps what the
 * lines point into; lesson_page_free() frees it. */
void richtext_layout(const char *text, int format, unsigned style,
    int width, int hang, struct lesson_page *page);

/* Once, after HTML was shown without libxml2: a one-line message for the
 * learner; else NULL. */
const char *richtext_note(void);

#endif
